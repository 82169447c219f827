"""Extraction: one pure pipeline from any RepoSnapshot to a Release (osai.extract.release).

Modules: files (classifying the listing), licence_files (which licence each file is, and the
repository's), model_config, citation, observations (the evidence type), inheritance (which licence
each component takes), reading (which files a backend should read), release (the pipeline).
"""
