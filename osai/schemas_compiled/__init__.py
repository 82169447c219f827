"""Schemas compiled to Python by scripts/compile_schemas.py (see osai.schemas)."""
