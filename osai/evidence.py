"""The one evidence model every source produces: a Release and its facts, each with provenance.

Sources (manifest, Hub, local directory) know where facts live and nothing about frameworks; the
engine reads only this model.  Unknown is a first-class value, distinct from absent.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Presence(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    UNKNOWN = "unknown"


class Certainty(StrEnum):
    """How a fact is known, strongest first: declared by the publisher, assessed by a third
    party's published assessment, detected in what ships, or inferred."""

    DECLARED = "declared"
    ASSESSED = "assessed"
    DETECTED = "detected"
    INFERRED = "inferred"

    def at_least(self, other: Certainty) -> bool:
        """As strong as `other`, or stronger."""
        return _RANK[self] <= _RANK[other]


# Each certainty's place, strongest first: looked up, not searched for (weakest and strongest
# are asked some 60,000 times for the 180 corpus manifests).
_RANK = {certainty: place for place, certainty in enumerate(Certainty)}


def weakest(certainties: Iterable[Certainty]) -> Certainty | None:
    """The weakest of these (None when there are none)."""
    return max(certainties, key=_RANK.__getitem__, default=None)


def strongest(certainties: Iterable[Certainty]) -> Certainty | None:
    """The strongest of these (None when there are none)."""
    return min(certainties, key=_RANK.__getitem__, default=None)


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: which source, which file or field, what value it holds."""

    source: str
    location: str
    value: str
    certainty: Certainty
    line: int | None = None
    note: str = ""

    def describe(self) -> str:
        where = f"{self.location}:{self.line}" if self.line else self.location
        return f"{where} = {self.value}" if self.value else where


# How a licence a base model binds its derivatives to names its origin (LicenceFact.inherited_from).
BASE_MODEL_ORIGINS = ("base model ", "base models ")


def binds_from_base(inherited_from: str) -> bool:
    """Whether a licence inherited from `inherited_from` is a base model's that binds this
    model (osai.links.lineage names its origin "base model ID", or "base models ID, ID" for a
    merge): osai's conclusion from the base's card, not what this model's authors declared."""
    return inherited_from.startswith(BASE_MODEL_ORIGINS)


# How a licence the release as a whole states names its origin where a component that names
# none inherits it (LicenceFact.inherited_from): a manifest's or a listing's release.license
# ("license.distribution", "license.data": osai.sources.manifest), or the repository's declared
# licence for its content not seen (osai.extract.inheritance).  The release's, not the
# component's own terms: a MOT listing's Apache-2.0 says nothing of the licence of the Pile.
RELEASE_LICENCE_KEY = "license."
REPOSITORY_DECLARED = "the repository's declared licence"


def inherited_from_release(inherited_from: str) -> bool:
    """Whether a licence inherited from `inherited_from` is the release's as a whole, not one
    stated for the component or the place that holds it (its own licence file, a linked
    repository's, the repository its files are in)."""
    return inherited_from.startswith((RELEASE_LICENCE_KEY, REPOSITORY_DECLARED))


# The source of a waiver's evidence: the run's configuration file, a file here whatever the
# target (a Hub model's other evidence lies in its repository).
CONFIG_SOURCE = "config"

# The sources a BOM is read as (osai.sources.bom): a release someone declared in a BOM.  Here,
# not in osai.bommap, which the reports of other targets need not load (its mapping's classes).
BOM_SOURCES = frozenset({"cyclonedx", "spdx"})


@dataclass(frozen=True)
class LicenceFact:
    """A licence as a source stated it (raw text), with where it was stated.

    `parts`: when the component is held in several places whose licences all apply (linked
    repositories), each one's licence, so a report can say which says what.

    `corroborated_by`: what other sources said of the same release's licence where osai kept
    this one and neither was more restrictive (a MOT listing's MIT beside gpt-neox's own
    Apache-2.0): a verdict both licences give stands as surely as the surer source, since more
    evidence must not make a verdict weaker than the listing alone did.

    `alternatives`: licences that may apply instead of this one, where statements contradict
    and none can be preferred (a card's cc-by-4.0 and a LICENSE of CC-BY-NC-4.0; licence files
    side by side): a verdict stands only where every one of them gives it, else it is unknown
    (two non-commercial licences still fail what both fail).

    `unless`: what was not read that could bind the component to another licence (a base
    model the Hub did not answer for, or beyond the lineage osai follows, whose licence may
    bind derivatives): a licence that fails a policy fails it whatever binds it besides, one
    that meets it meets it only if nothing does, so that verdict is unknown."""

    text: str
    provenance: Provenance
    inherited_from: str = ""
    parts: tuple[LicencePart, ...] = ()
    corroborated_by: tuple[LicenceFact, ...] = ()
    alternatives: tuple[LicenceFact, ...] = ()
    unless: str = ""
    # Where the licence's terms can be read, as the source links them (a BOM's licence `url`, an
    # SPDX custom licence's seeAlso): a custom licence named only, a consumer cannot look up.
    url: str = ""
    # The licence the release itself declared, where a base model's licence that binds
    # derivatives replaced it (osai.links.lineage): verdicts follow this one, and an AI BOM
    # states both (the publisher's declared licence, osai's concluded one), as SPDX and
    # CycloneDX tell them apart; dropped, a BOM read as if the publisher had declared Llama 2.
    overrides: LicenceFact | None = None

    @property
    def texts(self) -> tuple[str, ...]:
        """This licence and those that may apply instead (alternatives), as stated."""
        return (self.text, *(other.text for other in self.alternatives))

    @property
    def from_base_model(self) -> bool:
        """Whether it is a base model's licence that binds this model."""
        return binds_from_base(self.inherited_from)

    @property
    def overridden(self) -> LicenceFact | None:
        """The licence the publisher declared, which this one, a base's binding the model,
        overrides; None beside any other licence (`overrides` said of a licence that is the
        publisher's own is no declaration: two declared licences read as both applying)."""
        return self.overrides if self.from_base_model else None

    @property
    def from_release(self) -> bool:
        """Whether it is the release's licence, which the component merely inherits."""
        return inherited_from_release(self.inherited_from)

    @property
    def own(self) -> LicenceFact | None:
        """The component's own licence (a framework check's `own_licence`): this one unless it
        is the release's, which the component merely inherits; then another source's that
        agreed (`corroborated_by`: a linked repository's LICENSE beside a listing's
        release-wide licence), else None."""
        if not self.from_release:
            return self
        return next((other for other in self.corroborated_by if not other.from_release), None)

    def or_instead(
        self, others: Iterable[LicenceFact], same: Callable[[str], str] = str.strip
    ) -> LicenceFact:
        """This licence with `others` added to those that may apply instead, their own
        alternatives too (one level: the engine reads a licence's alternatives, not theirs),
        each licence once and none that is this one (`same`: what two spellings of one licence
        share, osai.licenses.normalised_licence).  A LICENSE and a LICENSE.md of MIT beside a
        COPYING of CC-BY-NC-4.0 read "under MIT or CC-BY-NC-4.0 or MIT"."""
        instead = {same(self.text): self}
        for other in (*self.alternatives, *others):
            for one in (other, *other.alternatives):
                instead.setdefault(same(one.text), replace(one, alternatives=()))
        return replace(self, alternatives=tuple(instead.values())[1:])

    def restated(
        self, change: Callable[[Provenance], Provenance], words: Callable[[str], str] = str
    ) -> LicenceFact:
        """This licence with `change` applied to where it comes from, and `words` to what it
        says, its parts' and its corroborators' alike (a relabelled or redacted release must
        leave none of them as it was)."""
        return replace(
            self,
            text=words(self.text),
            provenance=change(self.provenance),
            inherited_from=words(self.inherited_from),
            unless=words(self.unless),
            parts=tuple(
                LicencePart(words(part.release), part.licence.restated(change, words))
                for part in self.parts
            ),
            corroborated_by=tuple(o.restated(change, words) for o in self.corroborated_by),
            alternatives=tuple(o.restated(change, words) for o in self.alternatives),
            overrides=self.overrides.restated(change, words) if self.overrides else None,
        )


# The longest `unless` a source that reads it from someone else's file keeps (a manifest's, a
# BOM's), on one line: it is said again in every reason on the component's licence.
MAX_UNLESS_CHARS = 500

# The component a base model's licence reaches (osai.links.lineage binds it; a report names
# the base's licence where its own is unknown): the weights, derived from the base's
PARAMETERS = "model-parameters-final"

# How osai's own `unless` of bases it did not read begins and ends ("base model X (not
# followed) binds its derivatives to its licence"; osai.links.lineage writes it)
UNREAD_BASE = "base model "
BASES_BIND = " binds its derivatives to its licence"

# An adapter (a LoRA, PEFT's adapter_config.json, the Hub's base_model_relation: adapter) is no
# model on its own: whatever its own weights' licence, using it means using its base's weights
ADAPTER_NEEDS_BASE = (
    "used only with its base model, whose licence binds whoever uses the two together"
)


def said_of_unread_bases(unless: str) -> bool:
    """Whether a licence's `unless` is what osai writes of bases it did not read (kept by an AI
    BOM or an `osai init` draft), which reading them settles; not one a person wrote of
    something else (a teacher model), which --follow cannot settle."""
    return unless.startswith(UNREAD_BASE) and unless.endswith(BASES_BIND)


# How osai's `unless` of use restrictions a card's licence section states, naming no licence,
# begins (osai.extract.release writes it, the sentences' places and terms after it): read, and
# no licence osai can judge, so nothing it reads or a declaration adds settles it; correcting
# the card or the licence does.  A BOM or a draft keeps it, read back the same.
CARD_TERMS = "the use restrictions the card's licence section states apply"


def said_of_card_terms(unless: str) -> bool:
    """Whether a licence's `unless` is the use restrictions its card states (CARD_TERMS)."""
    return unless.startswith(CARD_TERMS)


def said_of_bases_unnamed(unless: str) -> bool:
    """Whether a licence's `unless` is what osai writes of bases no reading names: the models
    a merge's recipe names beyond those osai reads (or in a recipe it could not read), an
    adapter's config naming none.  Naming them (in the card's base_model) settles it, not
    --follow, which never reads them."""
    return unless.endswith(BASES_BIND) and not unless.startswith(UNREAD_BASE)


# The longest licence of a base model osai keeps as read (a Hub card's, a BOM's ancestor's), on
# one line: a BOM states it, and a longer one is read as no licence osai can state again.
MAX_BASE_LICENCE_CHARS = 200
# The levels of a base model's own bases read of what a source states (an AI BOM's pedigree
# ancestors' ancestors, an SPDX lineage's packages): a hostile document chains thousands, read
# one recursion a level.  osai's own lineage follows 3 (rules/links.yaml); a BOM may state more.
MAX_STATED_LINEAGE = 16
# A recipe merges a few models (mergekit's own examples: 2 to 6); more names than this are a
# hostile file's, and the rest are not read: the weights' licence then waits on them.
MAX_RECIPE_MODELS = 32
# The farther bases read of what a source states (its bases' own bases, and theirs), all its
# bases' lineages together, each as often as a lineage reaches it: a merge of as many models as
# osai reads of a recipe, each MAX_STATED_LINEAGE levels deep.  Those beyond are unread (their
# licence may bind the model): a BOM of 1,600 bases deriving from the same 1,600 others was
# read 1,600 times over, 29 s (an hour at the 8 MB osai reads).  The bases it names are all read.
MAX_STATED_BASES = MAX_RECIPE_MODELS * MAX_STATED_LINEAGE


@dataclass(frozen=True)
class LicencePart:
    """One release of a component among several (a linked repository): its address and licence."""

    release: str  # where it is: https://github.com/EleutherAI/gpt-neox
    licence: LicenceFact


# One file name with an extension ("model.safetensors", "paper.pdf"): its last dot starts a
# letter, so a licence id ("Apache-2.0") or a version is no file name.
_FILE_NAME = re.compile(r"[^\s/\\]+\.[A-Za-z][A-Za-z0-9]{0,15}")
# One name with a small letter and no dot in it: a directory or a file without an extension
# ("src", "Dockerfile"); one in capitals is a licence id or an acronym ("ODC-BY", "MIT"), and
# one with a dot that is no file name a version or a licence ("Apache-2.0"): no place.
_BARE_NAME = re.compile(r"(?=\S*[a-z])[A-Za-z0-9_\-]+")


# Longer than any path a system opens (Linux's PATH_MAX) and any URL a browser takes: text of
# this length where a place goes is someone else's filler, shown whole on the evidence's line.
MAX_LOCATION_CHARS = 4096


def is_location(text: str) -> bool:
    """Whether a source's text says where something is: a URL, a path ("weights/model.bin"), a
    file name with an extension, or one name ("src", "Dockerfile").  MOT listings put other
    words where a location goes: a component_path of "arxiv license" or "ODC-BY" is what the
    listing says, not a place; nor is one longer than MAX_LOCATION_CHARS."""
    text = text.strip()
    if len(text) > MAX_LOCATION_CHARS:
        return False
    if "://" in text or "/" in text or "\\" in text:
        return True
    return bool(_FILE_NAME.fullmatch(text) or _BARE_NAME.fullmatch(text))


@dataclass(frozen=True)
class ComponentEvidence:
    """What is known of one component (vocabulary id from rules/components.yaml)."""

    component: str
    presence: Presence
    provenance: tuple[Provenance, ...] = ()
    licence: LicenceFact | None = None
    location: str = ""  # where it is (is_location), else where it was seen; "" when unknown
    files: tuple[str, ...] = ()  # the release files that are the component (all weight shards)
    # Absent only because a model file does not list it (the MOF format's convention), not
    # because anyone said so: a repository that shows the component outweighs it.
    omitted: bool = False
    # Unknown because the evidence is divided (a listing omits it, a repository suggests it),
    # not because there is none: the reason says so.
    divided: bool = False
    # Unknown because one source says both: a sentence of its card says it is not released, and
    # a file or a link shows it (osai.extract.inheritance); the sentence, then the sighting.  A
    # declaration of its presence settles it (osai.sources.merge), and says which to correct.
    contested: tuple[Provenance, Provenance] | None = None
    # Unknown because the files a manifest inside the repository names as the component's are
    # not there (osai.extract.component_paths): the paths, as the manifest writes them.
    not_held: tuple[str, ...] = ()

    @property
    def is_present(self) -> bool:
        return self.presence is Presence.PRESENT

    @property
    def presence_certainty(self) -> Certainty | None:
        """Released (or not) as surely as the surest source that says so: a weaker source that
        agrees corroborates, it does not make the component less surely released."""
        provenance = self.provenance
        if len(provenance) < 2:  # most evidence: one source, or none (every check of it asks)
            return provenance[0].certainty if provenance else None
        return strongest(p.certainty for p in provenance)

    def restated(self, change: Callable[[Provenance], Provenance]) -> ComponentEvidence:
        """This evidence with `change` applied to where it and its licence come from (not
        `contested`: it names the places its finding cites, and findings are not restated)."""
        licence = self.licence if self.licence is None else self.licence.restated(change)
        return replace(self, provenance=tuple(change(p) for p in self.provenance), licence=licence)


@dataclass(frozen=True)
class Fact:
    """A declared or detected fact that is not a component, e.g. an OSAID data-information item.

    `value` is the publisher's statement (a description, a URL, "none" for "none used", or a
    category's value); `provided` is False when the source says the item is explicitly not
    provided; `number` is the value of a number fact (training compute in FLOP).
    """

    key: str
    value: str
    provenance: Provenance
    provided: bool = True
    number: float | None = None
    # The metadata field it was read from, where one was (a card's `pipeline_tag`, a model
    # config's `architectures`): what a BOM's modelCard names; "" for any other statement.
    field: str = ""
    # The names `value` joins, where it states a list (a card's base_model, the models a
    # merge's recipe names): a reason shows some of them (engine.checks), the value all
    items: tuple[str, ...] = ()


class UnreadWhy(StrEnum):
    """Why a file that would be evidence was not read."""

    GATED = "gated"  # the host withholds it: access not granted to the token in use, or none
    TOO_LARGE = "too-large"  # larger than osai reads


_UNREAD_WORDS = {
    UnreadWhy.GATED: "the repository is gated",
    UnreadWhy.TOO_LARGE: "larger than osai reads",
}


@dataclass(frozen=True)
class Unread:
    """A file the host lists but osai could not read (a gated repository's model card): the facts
    it could state are not known to be unstated, only not read."""

    path: str
    why: UnreadWhy
    hint: str = ""  # what lets osai read it: "set HF_TOKEN to a token that has been granted access"
    facts: tuple[str, ...] = ()  # the facts it could state, that no other source gives
    # the components it could show released or not (a gated card's data section, its paper
    # links): one nothing else shows is not read, not unseen
    components: tuple[str, ...] = ()

    def describe(self) -> str:
        """Where and why, one line: `README.md: the repository is gated, set HF_TOKEN to a token
        that has been granted access` (no "; ": verdicts' reasons are clauses parted by it)."""
        hint = f", {self.hint}" if self.hint else ""
        return f"{self.path}: {_UNREAD_WORDS[self.why]}{hint}"


class FindingKind(StrEnum):
    CONFLICT = "conflict"
    WARNING = "warning"
    NOTE = "note"


_SAID = "source: "  # how a report says a database's attribution (DataCredit.said)


@dataclass(frozen=True)
class DataCredit:
    """A public database whose data a report shows (the MOT's listings, the EOSAI index's grades
    and notes), with its licence and the attribution that licence asks of whoever shows them."""

    database: str  # "mot" | "eosai"
    title: str
    licence: str
    attribution: str
    # Which of its data: the snapshot (its commit, and that commit's date) and the entries the
    # report shows (`eosai:Apertus.yaml`), so a SARIF log, a CI annotation or a BOM that quotes
    # them names what it quotes, as the text and JSON notes do ("" and (): not known, as of a
    # BOM written before osai named them).
    snapshot: str = ""
    snapshot_date: str = ""
    entries: tuple[str, ...] = ()
    # Whom a citation of it names ("Liesenfeld and Dingemanse (2024)") and the page its licence
    # asks a link to ("" : not given): with `licence`, what a report of few words says of it
    creator: str = ""
    link: str = ""

    @property
    def said(self) -> str:
        """The attribution as every report says it in words: a note's last clause, a CI
        annotation, an SPDX annotation (one wording, made here alone).  A field or property
        named for it holds `attribution` alone, as the JSON report and the audit give it."""
        return f"{_SAID}{self.attribution}"

    @property
    def quoted(self) -> str:
        """Which data, in words: `eosai:Apertus.yaml, of the snapshot 5a388e87 of 2026-06-12`
        ("" when neither is known)."""
        entries = ", ".join(self.entries)
        commit = self.snapshot[:8]
        dated = f" of {self.snapshot_date}" if commit and self.snapshot_date else ""
        snapshot = f"the snapshot {commit}{dated}" if commit else ""
        if entries and snapshot:
            return f"{entries}, of {snapshot}"
        return entries or snapshot

    @property
    def said_with_data(self) -> str:
        """`said`, then which data: a CI annotation's or a test suite's words, where no note
        names the entries."""
        quoted, said = self.quoted, self.said
        if not quoted:
            return said
        return (
            f"{said} Data shown: {quoted}."
            if said.endswith(".")
            else f"{said}; data shown: {quoted}"
        )

    def with_entries_of(self, other: DataCredit) -> DataCredit:
        """This credit, naming the other's entries too (one database's, in one report)."""
        entries = tuple(dict.fromkeys((*self.entries, *other.entries)))
        return replace(self, entries=entries)

    @staticmethod
    def attribution_in(said: str) -> str:
        """The attribution a `said` holds (an SPDX annotation's statement, read back)."""
        return said.removeprefix(_SAID)


@dataclass(frozen=True)
class NoDigest:
    """Weight files a BOM states no digest of, and why (the note's words as its source made
    them): a BOM says so of each, so that its reader can tell "no digest could be taken" from
    "none was written", and says it again."""

    paths: tuple[str, ...]  # in the repository, "/"-separated; () when they are not known
    why: str
    # Why, said of each file alone (its osai:digests:unstated:<path>), where `why` names them
    # all: each of Mixtral's 19 properties named eight of the 19 files and "+11 more"
    each: tuple[str, ...] = ()

    def of(self, index: int) -> str:
        """Why the file `paths[index]` has no digest, naming no other file."""
        return self.each[index] if index < len(self.each) else self.why


@dataclass(frozen=True)
class Finding:
    """Something a source noticed that is not itself a fact: a contradiction, a doubtful value."""

    kind: FindingKind
    message: str
    provenance: tuple[Provenance, ...] = ()
    component: str = ""
    # The fact it is about (a fact id of rules/components.yaml), when it is about one: a
    # conflict of two numbers of training compute has no component, yet decides a scope check
    # that reads the fact (osai.formatters.findings.deciding_conflicts).
    fact: str = ""
    # The message as a terminal gives it, when shorter: a citation a licence asks for cut to
    # its authors, year and licence.  Published reports keep `message`, in full.
    brief: str = ""
    # The database whose data the report shows because of this finding's source: its licence
    # asks every report to carry its attribution, the CI formats and BOMs included.
    credit: DataCredit | None = None
    # The weight files this note says a BOM states no digest of: written in the BOM (osai:
    # digests:unstated), read back as this note.
    no_digest: NoDigest | None = None
    # Whether it says the target is not what its checker meant (a Hugging Face cache folder,
    # not a model's directory): every verdict rests on it, so a report a person reads says it
    # before them, not among the notes after the evidence.
    misdirected: bool = False
    # A conflict settled for the more restrictive side (a licence, "not released", an access
    # gate, terms the licence lacks, two licences osai cannot rank where a verdict stands only
    # if both give it) or for a base model's licence binding a fine-tune: what it kept decides
    # verdicts, whichever side is right, so a report a person reads says it before them.  One
    # settled for the release's own word, no more restrictive, corrects a source: a note.
    stricter_kept: bool = False


# Why no fresh answer was asked for: the run was told not to, by the flag or by huggingface_hub's
# variable.  Each is said as the cause: "(--offline)" of a run offline by HF_HUB_OFFLINE alone
# named a flag the user had not typed.
OFFLINE = "--offline"
OFFLINE_MODE = "HF_HUB_OFFLINE"
OFFLINE_CAUSES = frozenset({OFFLINE, OFFLINE_MODE})

SHA256 = re.compile(r"[0-9a-f]{64}")  # fullmatch: a SHA-256 in lower-case hex


@dataclass(frozen=True)
class FileDigest:
    """A release file's content digest: its SHA-256 (64 lower-case hex digits), as a host states
    it (the Hub's LFS metadata), a Git LFS pointer or a BOM names it, or osai computed it."""

    path: str  # in the repository, "/"-separated
    sha256: str
    size: int | None = None  # in bytes, when the source gives it


@dataclass(frozen=True)
class CachedAnswer:
    """An answer kept from an earlier run, used because the server gave no fresh one (it was
    unreachable, failed or timed out) or was not asked (--offline): what it shows is as of
    `kept_at`, not as of now."""

    kept_at: str  # ISO 8601, UTC, to the second
    because: str  # why there was no fresh answer, one line; an OFFLINE_CAUSES when none was asked

    @property
    def day(self) -> str:
        return self.kept_at[:10]

    @property
    def offline(self) -> bool:
        """Whether the run asked for no fresh answer: the user knows why, the date is news."""
        return self.because in OFFLINE_CAUSES

    def describe(self) -> str:
        if self.offline:
            return f"from the cache of {self.day} ({self.because})"
        return f"from the cache of {self.day} (no fresh answer: {self.because})"


class NamedKind(StrEnum):
    """What a release names for the model, as a card links it (osai.links.plan reads each as a
    link of that kind)."""

    CODE = "code"  # its code repository: the producer's own, unless a third-party library
    DATASET = "dataset"  # a dataset it was trained on (the Datasets component)
    PAPER = "paper"  # its own paper or report
    BASE_MODEL = "base-model"  # a model it derives from


@dataclass(frozen=True)
class NamedLink:
    """A resource a release names for the model (a manifest's `repository`; an AI BOM's code
    repositories, training datasets, papers, base models), as and where it names it
    (`cited.value`: the address as written, or the name of what gives none): followed with
    --follow as a card's links of that kind are.  `said`: how the release names it
    ("repository", "data component", "pedigree ancestor"); `component`: the one it is named for
    (a paper's research-paper or technical-report).  `by_id`: named by its Hub id (or its
    address), as a card names it, not by an address alone (an adapter's config names its base
    model so: a value that is none, a local path, names a base osai cannot read)."""

    kind: NamedKind
    cited: Provenance
    said: str
    component: str = ""
    by_id: bool = False


@dataclass(frozen=True)
class FollowedLink:
    """A resource the card (or manifest) links to, read: where, and what it answered."""

    kind: str  # producer-code, dataset, paper, base-model, third-party-code
    url: str
    answer: str  # one line: what was found, or why nothing was
    read: bool  # False: it could not be read (its evidence stays unknown)
    cached: CachedAnswer | None = None  # the answer is an earlier run's: the server gave none
    # The licence the answer names, as the host spells it, opening one of its "; "-separated
    # parts ("" when it names none, or lists several): a report a person reads names it as its
    # table does (Report.licence_readings, which knows whether a mode judged the spelling); the
    # JSON keeps the host's words.
    licence: str = ""
    # False: the host answered that it has no such resource, or that it was taken down; a
    # report marks it as it marks a link it could not read (it read ✔ beside "not found").
    found: bool = True


@dataclass(frozen=True)
class BaseLicence:
    """A base model's own licence, as osai knows it: read on the Hub (its links followed), or
    as an AI BOM states it (a CycloneDX pedigree ancestor's licences, an SPDX base package's).
    Whether it binds the model derived from it is osai.links.lineage's to judge; a BOM osai
    writes states it, so the BOM checked offline judges the lineage as the check that wrote it."""

    model: str  # the base's Hub id, as the release names it (Release.base_models)
    licence: LicenceFact
    # whether a BOM osai writes may state it again: read whole, on one line (a licence cut
    # to MAX_BASE_LICENCE_CHARS is judged as one osai does not know, and no one wrote it)
    stated_again: bool = True


@dataclass(frozen=True)
class FartherBase:
    """A model a base model derives from in turn, as a source states it (an AI BOM's ancestor
    of an ancestor): its licence binds the model as the base's own would, however the base in
    between is licensed.  Judged offline, as the Hub's answer would be (osai.links.lineage)."""

    model: str  # its Hub id, or as the source names it when it gives none
    of: str  # the Hub id of the base (or farther base) that derives from it
    licence: LicenceFact | None  # None: the source states none
    # it derives from bases the source states beyond the levels osai reads of it
    deeper: bool = False
    # whether a BOM osai writes may state its licence again (BaseLicence.stated_again)
    stated_again: bool = True


def bases_of_each(farther: Iterable[FartherBase]) -> dict[str, list[FartherBase]]:
    """The farther bases a source states, by the model each derives (its `of`, casefolded),
    in the source's order: a lineage is walked by looking each model's bases up, not by
    reading every one stated for each (a BOM of a few thousand took minutes)."""
    found: dict[str, list[FartherBase]] = {}
    for base in farther:
        found.setdefault(base.of.casefold(), []).append(base)
    return found


@dataclass(frozen=True)
class DraftMark:
    """An `osai init` draft not yet reviewed: its path, and the line of its mark (1, or below a
    header a tool added above it), where the note and the actions point alike."""

    path: str
    line: int = 1


@dataclass(frozen=True)
class InferredMark:
    """What an `osai init` draft only inferred, as the manifest marks it (`certainty: inferred`
    on a component's evidence or a fact, `licence_certainty: inferred` on a component's licence
    alone): the component or fact it marks, and where the mark is.  Confirmed, the mark is
    deleted, and what it marks counts as declared."""

    about: str  # a component id (rules/components.yaml), or a fact key
    key: str  # "certainty" or "licence_certainty"
    path: str
    line: int | None = None


@dataclass(frozen=True)
class Release:
    """Everything osai knows about one model release, however it was gathered."""

    target: str
    source: str
    name: str
    producer: str = ""
    version: str = ""
    revision: str = ""
    revision_asked: str = ""  # the revision the user named (`--revision main`), "" when none
    components: Mapping[str, ComponentEvidence] = field(default_factory=dict)
    facts: Mapping[str, Fact] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    document: str = ""
    # The --manifest merged into it, as given: the person checking's declarations, whoever's
    # the release is ("" when none).  A heading that said only "hub" made a reader take what
    # it declares for the publisher's word.
    given_manifest: str = ""
    # A manifest of the person's own directory that was left out, being invalid (an `osai init`
    # draft not yet reviewed): where they declare what it is, once it is valid; "" when none.
    manifest_not_used: str = ""
    # The manifest read is an `osai init` draft not yet reviewed (None when none): what it
    # declares counts as detected until the line of its mark is deleted.
    draft: DraftMark | None = None
    # What the manifests read mark as only inferred (an `osai init` draft's marks): "declare
    # Training code" was asked of an entry declared, where deleting its mark is what is asked.
    inferred_marks: tuple[InferredMark, ...] = ()
    # The file the release is one model of, when the target names a part of it: an AI BOM that
    # describes several models is read as one target each, FILE#MODEL (sources/bom.py); "" when
    # the target is the whole file, or no file.
    file: str = ""
    # A local directory's model card, its path inside the directory ("README.md"); "" for any
    # other target, or a directory without one.  A directory is no file: where a report points
    # at the target (a SARIF result, a GitHub annotation), it points at its card.
    card: str = ""
    # What the release names for the model itself, each as and where it names it (a manifest's
    # `repository`; an AI BOM's vcs references, Hub datasets, arXiv papers and base models):
    # read with --follow as a card's links are (osai.links.plan).
    named_links: tuple[NamedLink, ...] = ()
    hub_page: str = ""  # the Hub repository a manifest says it describes (`huggingface`)
    # The Hub id the model is known by (RepoSnapshot.hub_id): a Hub model's, a Hugging Face cache
    # snapshot's; "" for any other target.  Its public assessments are matched by it.
    hub_id: str = ""
    base_models: tuple[str, ...] = ()  # the models it derives from (a card's `base_model`)
    # The licences of those bases osai knows (read on the Hub, or stated by an AI BOM), each
    # once: one not here is a base whose licence is not known
    base_licences: tuple[BaseLicence, ...] = ()
    # What those bases derive from in turn, as a source states it (an AI BOM's lineage): read
    # only when the bases are not followed (a --follow reads each base's own on the Hub)
    farther_bases: tuple[FartherBase, ...] = ()
    links: tuple[FollowedLink, ...] = ()  # the linked resources read, and what each answered
    links_not_followed: int = 0  # resources its card links that were not read (no --follow)
    links_left_out: int = 0  # resources its card links that the --max-links cap left unread
    # Whether its links were followed (--follow, or a Hub model's by default): a baseline
    # written with the other setting judged other evidence, and is not compared with it
    links_followed: bool = False
    # Whether the person checking can declare what it is: their directory, card, manifest or
    # BOM.  False for someone else's repository: a Hub model, a Hugging Face cache snapshot of
    # one (its hints say what the publisher has not documented, not where to declare it).
    owned: bool = True
    # False when the host did not list the repository's files: a component missing from them
    # was not looked for, so nothing is "not shown" by the repository itself.
    files_listed: bool = True
    # The licence the release as a whole is distributed under, where its statements settle one
    # (a manifest's license.distribution; a card's licence that no licence file contradicts).
    licence: LicenceFact | None = None
    # What the host says of the repository itself: when it last changed (ISO 8601, the Hub's
    # lastModified) and the id it answers under (differs from `target` for a renamed repository);
    # "" when not reported.  Public assessments are dated against the first, matched by the second.
    last_modified: str = ""
    host_id: str = ""
    # Offline, the day (ISO 8601) the local cache it was read from last had it from the host, ""
    # when not known; None when the host answered.  An offline audit read a card kept months ago
    # as the Hub's answer of today.
    cached_on: str | None = None
    # The day the release was published (ISO 8601, YYYY-MM-DD: a manifest's release.date, an SPDX
    # AI package's releaseTime), "" when no one stated it: SPDX's AI profile makes it mandatory.
    released: str = ""
    # The package URL an AI BOM gave the model (pkg:huggingface/…), "" otherwise: kept, so that a
    # BOM osai writes of a BOM names the model as the first did.
    purl: str = ""
    # Where an AI BOM says the model is downloaded from (its distribution reference, SPDX's
    # downloadLocation), "" otherwise: a Hub model's page, which a Hub check's `document` is and
    # a BOM's is not, so a BOM osai writes of a BOM names it where its parameters were not seen.
    distribution: str = ""
    # The task and the architecture an AI BOM's model card states (CycloneDX modelParameters),
    # "" otherwise: a Hub check has them from the card and the model config, a BOM's check only
    # from the BOM, so a BOM osai writes of a BOM states them again.
    task: str = ""
    architecture: str = ""
    # Files that would be evidence but could not be read (a gated card): a fact one of them could
    # state, and no source gives, is unknown because it was not read, not because it is unstated.
    unread: tuple[Unread, ...] = ()
    # The content digests of the final parameters' files (a BOM's hashes), where a source gave
    # them or osai computed them; sought only when a BOM is written (osai.snapshot.ReadPlan).
    digests: tuple[FileDigest, ...] = ()

    @property
    def card_is_theirs(self) -> bool:
        """Whether the card read is the person checking's own, theirs to correct: a local
        directory's.  A Hub model's, or a cache snapshot's, is its publisher's, a --manifest
        given with it or not (`owned` then): "correct the card or the licence" asked the person
        checking a third party's model to correct a card they cannot."""
        return self.owned and not self.hub_id

    @property
    def repositories(self) -> tuple[Provenance, ...]:
        """The code repositories it names, each as and where it names it."""
        return tuple(named.cited for named in self.named_links if named.kind is NamedKind.CODE)

    @property
    def moved_to(self) -> str:
        """The id the host answers under when the repository was renamed (asked for by its former
        id), else "".  Hub ids are case-insensitive: another case is the same repository.  The
        id asked for is the Hub id, the target's name when the run names it apart (ID@REVISION)."""
        asked = self.hub_id or self.target
        if not self.host_id or self.host_id.casefold() == asked.casefold():
            return ""
        return self.host_id

    def states(self, key: str) -> bool:
        """Whether a source gives the fact a value: one declared not provided gives none (it
        is unknown, not a value that fails)."""
        fact = self.facts.get(key)
        return fact is not None and fact.provided

    def unread_fact(self, key: str) -> Unread | None:
        """The unread file that could state a fact no source gives, if any."""
        if key in self.facts:
            return None
        return next((unread for unread in self.unread if key in unread.facts), None)

    def unread_component(self, component_id: str) -> Unread | None:
        """The unread file that could show a component nothing else shows, if any: one another
        source shows, or whose sources disagree, keeps that evidence."""
        evidence = self.component(component_id)
        if evidence.presence is not Presence.UNKNOWN or evidence.divided:
            return None
        return next((unread for unread in self.unread if component_id in unread.components), None)

    def component(self, component_id: str) -> ComponentEvidence:
        found = self.components.get(component_id)
        if found is not None:
            return found
        return ComponentEvidence(component_id, Presence.UNKNOWN)

    def with_one_digest_a_file(self) -> Release:
        """This release with one digest a file, the first given (the one place they are made
        unique: each source gives its own, and a merge puts the detected side's first).  A BOM
        names each file by its path: two of one path would share an id, an invalid document.
        A file given digests that disagree is noted."""
        kept: dict[str, FileDigest] = {}
        for digest in self.digests:
            kept.setdefault(digest.path, digest)
        if len(kept) == len(self.digests):
            return self
        others: dict[str, dict[str, None]] = {}  # a file's other SHA-256s, in order, once each
        for digest in self.digests:
            if digest.sha256 != kept[digest.path].sha256:
                others.setdefault(digest.path, {})[digest.sha256] = None
        notes = tuple(
            _disagreeing_digests(self.source, kept[path], tuple(shas))
            for path, shas in others.items()
        )
        findings = (*self.findings, *notes)
        return replace(self, digests=tuple(kept.values()), findings=findings)

    def restated(self, change: Callable[[Provenance], Provenance]) -> Release:
        """This release with `change` applied to where each of its components, their licences,
        its facts and the resources it names (code repositories, datasets, papers, base models)
        come from: to cite a source under its own name, or to hold what it says at a lower
        certainty (a MOT listing's `repository` is the listing's word, not the release's).  The
        release's own licence and findings are left as they are."""
        components = {
            component_id: evidence.restated(change)
            for component_id, evidence in self.components.items()
        }
        facts = {
            key: replace(fact, provenance=change(fact.provenance))
            for key, fact in self.facts.items()
        }
        named_links = tuple(replace(n, cited=change(n.cited)) for n in self.named_links)
        return replace(self, components=components, facts=facts, named_links=named_links)


def named_in_preference(
    first: Iterable[NamedLink], then: Iterable[NamedLink]
) -> tuple[NamedLink, ...]:
    """What a release names, from two sources: of each kind, what `first` names, else what
    `then` does.  A --manifest naming its repository stands for the one its target names, but
    not for the datasets and papers a BOM target names: a manifest declaring its base model
    dropped them, as one kind with it.  Base models of both: a base either names may bind the
    model's licence, as a card's base_model is followed beside a manifest's."""
    firsts, thens = tuple(first), tuple(then)
    found: list[NamedLink] = []
    for kind in NamedKind:
        ours = [named for named in firsts if named.kind is kind]
        theirs = [named for named in thens if named.kind is kind]
        found += [*ours, *theirs] if kind is NamedKind.BASE_MODEL else ours or theirs
    return tuple(found)


def _disagreeing_digests(source: str, kept: FileDigest, others: tuple[str, ...]) -> Finding:
    shown = ", ".join(f"{sha256[:12]}..." for sha256 in others)
    message = (
        f"{kept.path}: given more than one SHA-256 ({kept.sha256[:12]}..., then {shown}); "
        f"osai keeps the first"
    )
    where = Provenance(source, kept.path, kept.sha256, Certainty.DETECTED)
    return Finding(FindingKind.NOTE, message, (where,))


_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}:\d{2}Z)?$")


def release_day(value: object) -> str:
    """A stated date (YYYY-MM-DD, or an SPDX DateTime on that day) as YYYY-MM-DD; "" for
    anything else: the manifest schema's `format: date` is not enforced, a BOM is anyone's."""
    found = _DAY.match(value.strip()) if isinstance(value, str) else None
    if found is None:
        return ""
    try:
        return datetime.date.fromisoformat(found.group(1)).isoformat()
    except ValueError:  # 2024-02-30
        return ""
