"""One piece of evidence about one component, as a snapshot shows it; and the licence files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from osai.evidence import LicenceFact, Presence, Provenance


@dataclass(frozen=True)
class Observation:
    """One piece of evidence about one component, as a source saw it.

    `path` is the release file the thing was seen in (relative, "/"-separated), so the release's
    licence files and card licence can cover it; None for things outside the release (a link to a
    code repository or a paper), which take no licence from the release.  `licence` is a licence
    stated for this component alone; it wins over any inherited licence.  `files` are all the
    release files that are the component (every shard of the weights), when it is files.
    `located`: False when neither `path` nor the provenance says where the component is: a
    checkpoint branch ("step0") is a path only for the licences that cover its files, which lie
    at the top as the main branch's do.
    """

    component: str
    presence: Presence
    provenance: Provenance
    path: str | None = None
    licence: LicenceFact | None = None
    files: tuple[str, ...] = ()
    located: bool = True


@dataclass(frozen=True)
class LicenceFile:
    """A licence file in the release: where it is, what it covers, and the licence it was read as.

    `covers` is None for the whole repository, else the component ids it names.  `licence` is None
    when the file could not be identified: it still decides, and what it decides is "unknown".
    `held`: it lies in a licence directory (LICENSES/Apache-2.0.txt), for the directory above.
    """

    path: str
    covers: tuple[str, ...] | None
    licence: LicenceFact | None
    fallback: bool = False
    held: bool = False
    read: bool = True  # False: osai did not read it (the Hub's beyond its reads, one unreadable)
    # Read and identified, but not taken at its word (a REUSE text of another licence than its
    # name, or a name that is no licence id): a note says why; `licence` is None.
    doubted: bool = False

    @property
    def directory(self) -> str:
        """The directory it covers (with everything below it)."""
        return licence_scope(self.path, held=self.held)

    @property
    def is_repository_licence(self) -> bool:
        """A top-level licence file for the whole repository that grants (not a NOTICE)."""
        return self.covers is None and not self.fallback and not self.directory


def directory_of(path: str) -> str:
    """The directory a release path is in ("" at the top)."""
    parent = str(PurePosixPath(path).parent)
    return "" if parent == "." else parent


def licence_scope(path: str, *, held: bool) -> str:
    """The directory a licence file covers: its own, or, for one held in a licence directory
    (LICENSES/), the directory that holds that one."""
    directory = directory_of(path)
    return directory_of(directory) if held and directory else directory


def ancestors(path: str) -> list[str]:
    """The directories above a release path, nearest first, ending with the top ("")."""
    parents = [str(parent) for parent in PurePosixPath(path).parents]
    return ["" if parent == "." else parent for parent in parents]
