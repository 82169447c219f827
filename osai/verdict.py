"""The verdict vocabulary every layer shares: a requirement's status and its reason, and a rule's
citation.

At the bottom of the model, beside osai.evidence: licence judgement (osai.licenses), rule loading
(osai.rules) and evidence merging use these without depending on the assessment above them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class Status(StrEnum):
    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"
    WAIVED = "waived"


# How open each status is, for comparing two runs (osai.baseline): a waiver counts as met, as
# a required policy's gate takes it (osai.policy: a waiver lets the gate pass).
_STATUS_RANK = {Status.UNMET: 0, Status.UNKNOWN: 1, Status.WAIVED: 2, Status.MET: 2}


def status_rank(status: Status) -> int:
    """Higher is more open: met (or waived) > unknown > unmet."""
    return _STATUS_RANK[status]


# A framework's outcome when a condition of its applying at all is shown unmet (its rule
# file's `scope:`): the same id in every framework, so none may name a level or outcome so.
NOT_IN_SCOPE = "not-in-scope"

# Every framework has a mode of this name; it applies unless one is chosen.  Here, beside the
# verdicts, so that the assessment names a verdict's mode where it is another (named_in_mode).
DEFAULT_MODE = "default"


def respelling_said(spelling: str) -> str:
    """What to do with a licence rejected only for its spelling, in a mode that matches licence
    ids verbatim (RequirementResult.respell), in the words every report gives it: the reason
    (engine.checks), the action and the headline, which keeps it when it cuts the rest."""
    return f"this mode matches licence ids verbatim: write `{spelling}`"


class WhyUnknown(StrEnum):
    """Why a requirement is unknown: each is settled another way (osai.formatters.actions words
    what to do from it, never from the reason's text)."""

    NO_EVIDENCE = "no-evidence"  # nothing osai read states it either way: its publisher can
    UNSETTLED = "unsettled"  # what was read does not settle it (sources divided, a value the
    # rule cannot judge)
    LICENCE_UNKNOWN = "licence-unknown"  # released, and no source states its licence (one that
    # writes a state naming none, `unknown`, does not)
    LICENCE_UNJUDGED = "licence-unjudged"  # under a licence osai cannot judge under the policy
    LEFT_TO_READING = "left-to-reading"  # a value the rule leaves to a reading (a fact check's
    # `review_if`: a gate asking personal data, allowed only when strictly for security)
    NOT_READ = "not-read"  # what would state it could not be read (a gated model card)


# When the branches of a check are unknown for several reasons, the one it is said to be unknown
# for: what can be done first (read what was not read) before what the evidence leaves open.
WHY_FIRST = (
    WhyUnknown.NOT_READ,
    WhyUnknown.LICENCE_UNJUDGED,
    WhyUnknown.LEFT_TO_READING,
    WhyUnknown.LICENCE_UNKNOWN,
    WhyUnknown.UNSETTLED,
    WhyUnknown.NO_EVIDENCE,
)


def with_manifest_keys(remedy: str, declare_in: Sequence[str]) -> str:
    """A rule's remedy with where a manifest declares what it asks, "(manifest: KEY)" before its
    last full stop.  Said to whoever owns the release (and by `osai rules explain`): a compliance
    officer checking someone else's Hub model was told to edit a manifest they do not have."""
    if not declare_in:
        return remedy
    said = remedy.rstrip()
    stop = "." if said.endswith(".") else ""
    return f"{said.removesuffix('.')} (manifest: {', '.join(declare_in)}){stop}"


@dataclass(frozen=True)
class Citation:
    """Where a requirement comes from: the framework's text, by reference and quotation."""

    ref: str
    text: str
    url: str = ""


@dataclass(frozen=True)
class FactRef:
    """A fact a reason names by its id, as the subject of what follows: the engine's text (the
    JSON report's `reason`) puts the id and `joiner` ("weights_access: approval",
    "weights_access not stated"); a report a person reads puts the fact's words and ": "
    (osai.formatters.findings.reason_in_words)."""

    key: str
    joiner: str = ": "

    @property
    def text(self) -> str:
        return self.key + self.joiner


@dataclass(frozen=True)
class PlaceRef:
    """A place a reason names by where its evidence locates it (a licence inherited from
    `cardData.license`): the engine's text puts the location, as the JSON evidence does; a
    report a person reads puts it as its evidence column does (osai.formatters.findings.in_words:
    "card metadata license"), and only it: prose around it may quote anything."""

    location: str

    @property
    def text(self) -> str:
        return self.location


@dataclass(frozen=True)
class Reason:
    """Why a check or a requirement has its status: prose, with the facts it names by id kept
    apart as FactRefs, and the places it names by location as PlaceRefs, so that a report
    naming them in words renders those and never looks for ids or API names in the text (a
    value that reads like one stays as it was stated)."""

    parts: tuple[str | FactRef | PlaceRef, ...] = ()

    def __post_init__(self) -> None:
        # Adjacent prose joined, none empty: reasons that read alike and name the same facts in
        # the same places are equal (a combined check says each clause once; grades undecided
        # for the same reason are asked once).
        given = self.parts
        if type(given) is tuple and (not given or (len(given) == 1 and given[0] != "")):
            return  # nothing to join or drop (most reasons: one clause of prose, 30,000 a run)
        parts: list[str | FactRef | PlaceRef] = []
        for part in given:
            if isinstance(part, str) and parts and isinstance(parts[-1], str):
                parts[-1] += part
            elif part != "":
                parts.append(part)
        object.__setattr__(self, "parts", tuple(parts))

    @classmethod
    def of(cls, *parts: str | FactRef | PlaceRef | Reason) -> Reason:
        """The parts in order, a reason's own parts spliced in."""
        spliced: list[str | FactRef | PlaceRef] = []
        for part in parts:
            if isinstance(part, Reason):
                spliced += part.parts
            else:
                spliced.append(part)
        return cls(tuple(spliced))

    @classmethod
    def joined(cls, reasons: Iterable[Reason], separator: str = "; ") -> Reason:
        """The reasons in order, `separator` between each two."""
        pieces: list[str | Reason] = []
        for reason in reasons:
            pieces += [separator, reason] if pieces else [reason]
        return cls.of(*pieces)

    @cached_property
    def text(self) -> str:
        """The engine's own words, each fact by its id: the JSON report's `reason` (made once:
        every format reads it, some several times a requirement; 7,302 joins for the corpus)."""
        return "".join(part if isinstance(part, str) else part.text for part in self.parts)

    def said_of_fact(self) -> str:
        """What its first clause says of the fact it opens with ("price" of "monetisation:
        price"); "" when it opens with no fact."""
        first = self.clauses()[0]
        if not first.parts or not isinstance(first.parts[0], FactRef):
            return ""
        said = (part for part in first.parts[1:] if not isinstance(part, FactRef))
        return "".join(part if isinstance(part, str) else part.text for part in said).strip()

    def clauses(self) -> tuple[Reason, ...]:
        """Its "; "-parted clauses, as its text parts them: a licence's judgement joins its
        own clauses into the prose it gives, and a combined check says each clause once."""
        clauses: list[list[str | FactRef | PlaceRef]] = [[]]
        for part in self.parts:
            if not isinstance(part, str):  # an id or a location is one, whatever it holds
                clauses[-1].append(part)
                continue
            first, *rest = part.split("; ")
            clauses[-1].append(first)
            clauses += [[piece] for piece in rest]
        return tuple(Reason(tuple(clause)) for clause in clauses)
