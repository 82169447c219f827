"""What a backend saw of one repository, before any interpretation: the RepoSnapshot.

Every backend (a local directory, a Hub model repository, and the repositories a card links to)
produces one; osai.extract turns any snapshot into a Release with one pure pipeline, so two
backends can never disagree about the same files.

None means "not seen" (a listing not requested or not reported, a field a host did not give),
which extraction reads as unknown, never as absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property
from typing import Any

from osai.evidence import FileDigest, Finding, Unread


def opens_front_matter(text: str) -> bool:
    """Whether a card's text starts a YAML front matter block (its first line `---`): the
    metadata the Hub reads as the model's, closed or not."""
    lines = text[:4096].splitlines()  # a first line of `---` and 4,000 spaces is none
    return bool(lines) and lines[0].lstrip("\ufeff").rstrip() == "---"


def front_matter_end(lines: list[str]) -> int | None:
    """The index of the line closing a card's YAML front matter (`---` or `...`); None when
    none opens, or it is never closed: then the Hub reads no metadata in it."""
    if not lines or not opens_front_matter(lines[0]):
        return None
    return next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)


@dataclass(frozen=True)
class TextFile:
    """A small text file of the repository as read (from disk, a host, or its cache)."""

    path: str  # in the repository, "/"-separated
    text: str
    # Whether its bytes were UTF-8: a host's that were not are decoded with U+FFFD for each
    # byte (a LICENSE.pdf), where a UTF-8 text may hold U+FFFD itself (a name once mangled)
    utf8: bool = True

    @classmethod
    def decoded(cls, path: str, content: bytes) -> TextFile:
        """A host's file as text, U+FFFD for each byte that is not UTF-8, and said so."""
        try:
            return cls(path, content.decode("utf-8"))
        except UnicodeDecodeError:
            return cls(path, content.decode("utf-8", errors="replace"), utf8=False)


@dataclass(frozen=True)
class HostFacts:
    """What a hosting service says beyond the files (the Hub's API); all optional.

    `card_data` is the host's own parse of the card's front matter (the Hub's cardData), used
    when the card file itself could not be read; `config` the model config it parsed.
    """

    tags: tuple[str, ...] = ()
    gated: str | None = None  # "manual" | "auto" | "" (not gated) | None (not reported)
    library_name: str = ""
    pipeline_tag: str = ""
    config: Mapping[str, Any] | None = None
    card_data: Mapping[str, Any] | None = None
    branches: tuple[str, ...] | None = None
    offline: bool = False  # read from the local caches, not from the Hub (osai.backends.hub.kept)
    kept_on: str = ""  # offline: the day (ISO 8601) the cache last had it, "" when not known
    card_unread: Unread | None = None  # the card is listed but its content could not be read
    # The licence the host identified in the repository's top-level licence file (GitHub's
    # licensee), when that file itself is not read; unidentified: the host could not match it.
    licence: str = ""
    licence_source: str = ""
    licence_unidentified: bool = False
    last_modified: str = ""  # when the repository last changed (ISO 8601), "" when not reported
    repo_id: str = ""  # the id the host answers under (a renamed repository's new id)


@dataclass(frozen=True)
class RepoSnapshot:
    """One repository at one revision, as a backend saw it."""

    source: str  # "local", "hub", ...: the backend, named in every provenance
    target: str  # what the user named
    name: str
    listing: tuple[str, ...] | None  # every file path, "/"-separated; None: not seen
    listing_name: str = (
        ""  # what the host calls its file list (the Hub's "siblings"), if not a walk
    )
    # only part of the files is listed (GitHub's truncated tree, a walk stopped at its limits)
    listing_partial: bool = False
    texts: Mapping[str, TextFile] = field(default_factory=dict)  # the few files read, by path
    card_path: str | None = None  # which file is the model card (read or not)
    revision: str = ""  # the commit read
    revision_asked: str = ""  # the revision the user named (a branch, tag or commit), if any
    producer: str = ""
    # The Hub id the model is known by: a Hub model's own, a Hugging Face cache snapshot's as its
    # path names it (models--org--name); "" for any other target.  Public assessments are matched
    # by it, and rules/links.yaml `own_code_of` names models by it.
    hub_id: str = ""
    document: str = ""  # where a person can look at the repository (a URL, or a path)
    files_root: str = ""  # where the files lie on disk (a local directory), else ""
    # The user's own target (a local directory, not a cache snapshot of a Hub model), not
    # someone else's repository: its manifest, invalid, is refused as theirs to fix
    # (osai.extract.release), and its hints say where to declare (Release.owned).
    owned: bool = False
    web_roots: tuple[str, ...] = ()  # URLs whose {blob,resolve,raw}/{rev}/{path} are its files
    host: HostFacts = field(default_factory=HostFacts)
    findings: tuple[Finding, ...] = ()  # what could not be read, and why
    # Files the backend tried to read and could not (too large, not text, a symlink out of the
    # directory): a licence file among them still decides, as "unknown", for what it covers.
    unreadable: frozenset[str] = frozenset()
    # Directories the backend could not list (unreadable, or a symlink out of the directory; one
    # to a directory inside, whose files are listed by the target's path alone): a licence
    # directory (LICENSES/) among them still decides, as "unknown", for what it covers.
    unlisted: tuple[str, ...] = ()
    # Directories that are other repositories (a checkout's git submodules): their code is not
    # the release's, as under rules/detection.yaml `source_code_skip_directories`.
    submodules: tuple[str, ...] = ()
    # Files of the listing known to hold 0 bytes (a walk knows sizes; a host's listing may not
    # say them, and then none is known to be empty).
    empty_files: frozenset[str] = frozenset()
    # Content digests of files, as the host gave them (the Hub's LFS metadata) or osai computed
    # them; after `read`, only those of the files ReadPlan.digests names.
    digests: tuple[FileDigest, ...] = ()
    # Why the host gave no digest at all though asked for them (its answer with them could not
    # be read), "" otherwise: `read` says so once, of the files ReadPlan.digests names.
    digests_unread: str = ""

    def text(self, path: str) -> str | None:
        found = self.texts.get(path)
        return found.text if found is not None else None

    @property
    def card_text(self) -> str | None:
        return self.text(self.card_path) if self.card_path is not None else None

    @cached_property
    def top_level(self) -> Mapping[str, str]:
        """Top-level file names by lower-case name: from the listing, and the files read (a lone
        card has no listing)."""
        names = {path.lower(): path for path in self.texts if "/" not in path}
        for path in self.listing or ():
            if "/" not in path:
                names.setdefault(path.lower(), path)
        return names

    def top_level_name(self, lower_names: tuple[str, ...]) -> str | None:
        """The first of these top-level files (by lower-case name) the repository has."""
        return next((self.top_level[n] for n in lower_names if n in self.top_level), None)

    def top_level_names(self, lower_names: tuple[str, ...]) -> tuple[str, ...]:
        """Those of these top-level files (by lower-case name) the repository has, in order."""
        return tuple(self.top_level[n] for n in lower_names if n in self.top_level)


# --- what to read ----------------------------------------------------------------------------


class Purpose(IntEnum):
    """Why a file is read, most important first."""

    DECLARES = 1
    # names a base model the card does not (an adapter's config, a merge's recipe): its
    # licence may bind
    NAMES_BASE = 2
    SETTLES = 3
    REFINES = 4


@dataclass(frozen=True)
class PlannedRead:
    path: str
    purpose: Purpose


@dataclass(frozen=True)
class ReadPlan:
    """The files to read (in order), whether the branch list may show checkpoints, and the files
    whose digests are wanted."""

    reads: tuple[PlannedRead, ...] = ()
    branches: bool = False
    # The files whose content digests are wanted (the final parameters' files, when a BOM is
    # written): each backend gives those it can have cheaply or was asked to compute.
    digests: tuple[str, ...] = ()

    def within(self, budget: Mapping[Purpose, int]) -> tuple[str, ...]:
        """The paths to read when at most `budget[purpose]` files of each purpose may be."""
        taken: dict[Purpose, int] = {}
        chosen = []
        for read in self.reads:
            if taken.get(read.purpose, 0) < budget.get(read.purpose, 0):
                taken[read.purpose] = taken.get(read.purpose, 0) + 1
                chosen.append(read.path)
        return tuple(chosen)


# The licence files read to settle a licence the card leaves open: the file license_link names,
# else every licence file of the top level, LICENSE beside a licence directory's texts
# (REUSE's LICENSES/Apache-2.0.txt), which a verdict stands on only where all give it.  Beyond
# this many, the rest are read as refining (a local directory) or not at all (the Hub).
SETTLING_READS = 8
READ_EVERYTHING: Mapping[Purpose, int] = {
    Purpose.DECLARES: 8,
    Purpose.NAMES_BASE: 2,  # an adapter's config and a merge's recipe
    Purpose.SETTLES: SETTLING_READS,
    Purpose.REFINES: 64,
}
READ_ON_THE_HUB: Mapping[Purpose, int] = {
    Purpose.DECLARES: 1,
    Purpose.NAMES_BASE: 2,
    Purpose.SETTLES: SETTLING_READS,
}
