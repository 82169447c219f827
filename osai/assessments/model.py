"""The typed objects of the public-assessment source: snapshots, entries, matches, grades."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path, PurePosixPath

from osai.errors import BadInput, NotRead
from osai.evidence import DataCredit
from osai.textsafe import cut, quoted_name
from osai.yamlsafe import parse_yaml


@dataclass(frozen=True)
class Skipped:
    """An entry a snapshot left out, and why (shown once, as a warning naming the file)."""

    file: str
    reason: str

    def warning(self, database: str) -> str:
        return f"{database}:{self.file}: skipped ({self.reason})"


@dataclass(frozen=True)
class EntrySelection:
    """Which files of the database's repository are entries."""

    directory: str  # "" for the repository's top level
    suffixes: tuple[str, ...]
    exclude: tuple[str, ...] = ()  # glob patterns on the file name


@dataclass(frozen=True)
class LicenceStatement:
    """Where the database's repository states its licence, and words that statement holds.

    `osai db update` takes an archive's data only while its statement still holds them: a
    database relicensed (to terms that forbid what osai does with it, or that ask for another
    credit) is not redistributed under the licence and attribution the snapshot records.
    """

    path: str  # the file, from the repository's top level ("LICENSE", ".zenodo.json")
    # The words the file must hold (compared case- and whitespace-insensitively); with `field`,
    # the licence id that field must be, whole
    says: str
    # A JSON file's top-level key that names the licence (a Zenodo record's `license`: an id, or
    # {"id": …}); "" for a text file.  Said, not inferred from the file's extension.
    field: str = ""


@dataclass(frozen=True)
class DatabaseSource:
    """Where a database comes from and what its licence requires."""

    database: str  # "mot" | "eosai": also the entry format
    title: str
    repository: str
    archive_url: str
    selection: EntrySelection
    licence: str
    attribution: str
    # None in snapshots written before osai read the statement: their updates do not check it
    licence_statement: LicenceStatement | None = None


@dataclass(frozen=True)
class SnapshotInfo:
    """One snapshot of a database: its source, commit, date, and where osai read it."""

    source: DatabaseSource
    commit: str
    date: str  # the commit's date, YYYY-MM-DD
    obtained: str  # how this snapshot was made ("bundled with osai …", "osai db update …")
    origin: str = "bundled"  # "bundled" | "updated"
    path: str = ""
    entry_count: int = 0
    skipped: tuple[Skipped, ...] = ()

    @property
    def database(self) -> str:
        return self.source.database

    @property
    def short_commit(self) -> str:
        return self.commit[:8] if self.commit else "unknown commit"

    @property
    def credit(self) -> DataCredit:
        """What a report that shows this snapshot's data owes its database (its licence)."""
        source = self.source
        return DataCredit(
            source.database,
            source.title,
            source.licence,
            source.attribution,
            snapshot=self.commit,
            snapshot_date=self.date,
        )

    def credit_of(self, *labels: str) -> DataCredit:
        """The credit of a report that shows these entries' data (`eosai:Apertus.yaml`)."""
        return replace(self.credit, entries=labels)


@dataclass(frozen=True)
class MotEntry:
    """One MOT model file: its original YAML text and the fields matching needs."""

    file: str  # path inside the repository, e.g. "models/Pythia-70M.yml"
    name: str
    producer: str
    date: str  # release.date as written ("" when absent)
    huggingface: str  # release.huggingface as written ("" when absent)
    text: str

    @property
    def label(self) -> str:
        """How provenance cites the file: `mot:models/Pythia-70M.yml`."""
        return f"mot:{self.file}"

    @cached_property
    def version(self) -> str:
        """release.version as written ("" when absent or unreadable): read from the text once,
        when matching first asks (the snapshot keeps only the fields every match needs)."""
        try:
            data = parse_yaml(self.text, Path(self.label)).data
        except (BadInput, NotRead):
            return ""
        release = data.get("release") if isinstance(data, dict) else None
        version = release.get("version") if isinstance(release, dict) else None
        return version.strip() if isinstance(version, str) else ""


class Grade(StrEnum):
    OPEN = "open"
    PARTIAL = "partial"
    CLOSED = "closed"
    NOT_APPLICABLE = "n/a"  # an empty class: the readme's "leave empty to signify NA"


# The longest notes osai keeps of a parameter: the EOSAI's own are at most ~500 characters; a
# listing's are someone else's, and every report of the model (JSON, -v) carries them.
MAX_NOTES_CHARS = 2000


# Notes as bounded_notes cuts them, which a snapshot stores: read again, they are kept as they
# are (cut again, they said "cut by osai: 2,035 characters" of notes that had 100,000).
_CUT = re.compile(rf"(?s).{{{MAX_NOTES_CHARS}}}… \(cut by osai: [\d,]+ characters\)")


def bounded_notes(notes: str) -> str:
    """A parameter's notes, cut past MAX_NOTES_CHARS with a word of how long they were."""
    if len(notes) <= MAX_NOTES_CHARS or _CUT.fullmatch(notes):
        return notes
    return f"{notes[:MAX_NOTES_CHARS]}… (cut by osai: {len(notes):,} characters)"


@dataclass(frozen=True)
class EosaiParameter:
    """One parameter of an EOSAI entry as the file grades it (its notes: bounded_notes)."""

    grade: Grade
    links: tuple[str, ...] = ()
    notes: str = ""
    line: int | None = None


@dataclass(frozen=True)
class EosaiEntry:
    """One EOSAI assessment: the system and organisation it names, and its graded parameters."""

    file: str  # e.g. "Pythia.yaml"
    name: str
    link: str
    types: str
    base_model: str
    end_model: str
    end_model_licence: str
    release_date: str
    organisation: str
    organisation_links: tuple[str, ...]
    parameters: Mapping[str, EosaiParameter] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)  # system.<field> → line

    @property
    def label(self) -> str:
        return f"eosai:{self.file}"

    @property
    def statement(self) -> tuple[object, ...]:
        """All the entry says, without where it says it (its file, its line numbers): two
        entries that match a repository alike and state the same can stand for each other."""
        grades = tuple(
            sorted((key, p.grade.value, p.links, p.notes) for key, p in self.parameters.items())
        )
        return (
            self.name,
            self.link,
            self.types,
            self.base_model,
            self.end_model,
            self.end_model_licence,
            self.release_date,
            self.organisation,
            self.organisation_links,
            grades,
        )


# The longest file name a checkout of the repository can hold (ext4, APFS, NTFS: 255).
MAX_NAME_CHARS = 255


def overlong_file_name(file: str) -> str:
    """Why an entry's file is named longer than any checkout holds, or "" when it is not."""
    name = PurePosixPath(file).name
    if len(name) <= MAX_NAME_CHARS:
        return ""
    return (
        f"a file name of {len(name):,} characters, longer than a file system holds "
        f"(at most {MAX_NAME_CHARS})"
    )


def shown_file(file: str) -> str:
    """An entry's file as a warning names it: one named in 100 KB had every check, audit and
    db status repeat all of it."""
    return cut(file, 100)


# The longest name, date or link osai keeps of an entry: the databases' longest is a 375-character
# link.  Every check matched to an entry quotes its name, and every audit row of it: a name of
# 200 KB made a 217 KB report.
MAX_FIELD_CHARS = 2000


def overlong_field(entry: MotEntry | EosaiEntry) -> str:
    """Why one of an entry's names, dates or links is too long to be one, in one line (the
    field as the database's file names it), or "" when none is."""
    for what, text in _short_fields(entry):
        if len(text) > MAX_FIELD_CHARS:
            return (
                f"{what}: {len(text):,} characters, longer than osai keeps of a name, date or "
                f"link (at most {MAX_FIELD_CHARS:,}) ({quoted_name(text, 40)})"
            )
    return ""


def _short_fields(entry: MotEntry | EosaiEntry) -> Iterator[tuple[str, str]]:
    if isinstance(entry, MotEntry):
        yield from (
            ("release.name", entry.name),
            ("release.producer", entry.producer),
            ("release.date", entry.date),
            ("release.huggingface", entry.huggingface),
        )
        return
    yield from (
        ("system.name", entry.name),
        ("system.link", entry.link),
        ("system.type", entry.types),
        ("system.basemodelname", entry.base_model),
        ("system.endmodelname", entry.end_model),
        ("system.releasedate", entry.release_date),
        ("org.name", entry.organisation),
    )
    yield from (("org.link", link) for link in entry.organisation_links)
    for key, parameter in entry.parameters.items():
        yield from ((f"{key}.link", link) for link in parameter.links)


@dataclass(frozen=True)
class MotDatabase:
    info: SnapshotInfo
    entries: tuple[MotEntry, ...]
    warnings: tuple[str, ...] = ()  # what loading it raised (skipped entries, a fallback)


@dataclass(frozen=True)
class EosaiDatabase:
    info: SnapshotInfo
    entries: tuple[EosaiEntry, ...]
    warnings: tuple[str, ...] = ()  # what loading it raised (skipped entries, a fallback)


@dataclass(frozen=True)
class Databases:
    """Both databases as loaded, each with the warnings loading it raised."""

    mot: MotDatabase
    eosai: EosaiDatabase

    @property
    def warnings(self) -> tuple[str, ...]:
        """Every warning loading them raised (a check reads both)."""
        return (*self.mot.warnings, *self.eosai.warnings)

    def of(self, database: str) -> MotDatabase | EosaiDatabase:
        """The database named `mot` or `eosai` (an audit's)."""
        return self.mot if database == "mot" else self.eosai


class MatchKind(StrEnum):
    """How a Hub repository found a listing, strongest first."""

    EXACT = "exact"  # the listing names this repository
    RENAMED = "renamed"  # the listing names a former id of this repository
    END_MODEL_NAME = "end-model-name"  # EOSAI: the end model's name, same organisation
    ENTRY_BASE_MODEL = "entry-base-model"  # EOSAI: this repository is the entry's base model
    DECLARED_BASE_MODEL = "declared-base-model"  # this repository's base model is listed
    # The listing names this repository, and says otherwise that it is of another model: a MOT
    # file's own model name (CodeGemma-7B, giving google/codegemma-2b as its Hub page), or an
    # EOSAI entry's base model whose name and weights link name two repositories, or its end
    # model's weights link another repository than its system link or end-model name names.
    OTHER_MODEL = "other-model"
    FAMILY = "family"  # only the model family is listed

    @property
    def is_this_repository(self) -> bool:
        """Whether the listing speaks about this repository itself (not a relative of it)."""
        return self in (MatchKind.EXACT, MatchKind.RENAMED, MatchKind.END_MODEL_NAME)

    @property
    def names_this_repository(self) -> bool:
        """Whether the listing names this repository (or a former id of it), not only its model's
        name or a relative."""
        return self in (MatchKind.EXACT, MatchKind.RENAMED)


@dataclass(frozen=True)
class MotMatch:
    repo_id: str  # the repository asked about, as given
    kind: MatchKind
    entry: MotEntry  # the listing (for a family: its first member)
    info: SnapshotInfo
    via: str = ""  # the id that matched when it is not repo_id (former id, base model)
    family: str = ""  # e.g. "EleutherAI/pythia-*"
    members: tuple[str, ...] = ()  # the family's files, or other files naming the same repo
    # Why this file and not the other files naming the same repository ("" when none does):
    # matching.py's rule (its model name, then the newest listing), said in the note
    chosen_by: str = ""
    # The other files equal to `entry` in model name and date, which nothing but their file
    # names tells apart (in file order): where they say otherwise, each weighs as much as it
    # (osai.assessments.mot), never the file name
    tied: tuple[MotEntry, ...] = ()


@dataclass(frozen=True)
class EosaiMatch:
    repo_id: str
    kind: MatchKind
    entry: EosaiEntry
    info: SnapshotInfo
    via: str = ""
    family: str = ""
    members: tuple[str, ...] = ()  # other entries that matched as well (weaker or equal)
    # other-model: the entry's model that names this repository and another, "end_model" (its
    # system link or end-model name, and its end-model weights link) or "base_model"
    subject: str = ""
    # Why this entry and not the others matching the same way, when nothing but its file name
    # tells them apart and they say the same ("" otherwise): said in the note
    chosen_by: str = ""
    # The entries that nothing but their file names tells apart from `entry` and that state
    # otherwise (one of each other statement): their word weighs as much as its, so of each
    # component, licence and grade the more restrictive stands (osai.assessments.ties), never
    # the first by file name (deepseek-R1-a.yaml graded all open, -b.yaml all closed: renaming
    # one changed the score)
    disagreeing: tuple[EosaiEntry, ...] = ()

    @property
    def entries(self) -> tuple[EosaiEntry, ...]:
        """The entry, and those that weigh as much and say otherwise (in file order)."""
        return (self.entry, *self.disagreeing)


@dataclass(frozen=True)
class Matches:
    repo_id: str
    mot: MotMatch | None = None
    eosai: EosaiMatch | None = None
