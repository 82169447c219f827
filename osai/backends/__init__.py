"""Backends: where a repository's bytes live.  Each turns a target into a RepoSnapshot.

A backend knows nothing about frameworks or evidence: it lists files, reads the few that
osai.extract.reading asks for, and reports what it could not read.  The pipeline
(osai.pipeline) drives every backend the same way: first look, plan, read, extract.
"""

from __future__ import annotations

from typing import Protocol

from osai.snapshot import ReadPlan, RepoSnapshot


class Backend(Protocol):
    """A repository to read: first its listing and card, then the files a plan asks for."""

    def first_look(self) -> RepoSnapshot:
        """The listing, the model card and what the host says; raises OsaiError if none."""
        ...

    def read(self, snapshot: RepoSnapshot, plan: ReadPlan) -> RepoSnapshot:
        """The snapshot with the planned files read (as many as reading is cheap for)."""
        ...
