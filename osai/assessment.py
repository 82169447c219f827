"""The result of judging a release: pure data that formatters turn into text."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from osai.evidence import Certainty, Finding, Provenance, Release
from osai.verdict import (
    DEFAULT_MODE,
    NOT_IN_SCOPE,
    Citation,
    Reason,
    Status,
    WhyUnknown,
    with_manifest_keys,
)

__all__ = [
    "NOT_IN_SCOPE",
    "Assessment",
    "Citation",
    "Difference",
    "FrameworkAssessment",
    "GradedScore",
    "NextStep",
    "PartJudged",
    "ReferenceComparison",
    "ReferenceGrade",
    "RequirementResult",
    "ScopeResult",
    "ScoreGroup",
    "Status",
    "WhyUnknown",
]


@dataclass(frozen=True)
class WaiverTerms:
    """What a waiver of a requirement says: why, who approved it, and the last day it applies
    (YYYY-MM-DD); "" for either when it does not say."""

    reason: str
    approved_by: str = ""
    expires: str = ""

    @property
    def said(self) -> str:
        """The reason as a person reads it, with who approved it and until when: a waiver
        that lapses turns a passing gate to FAIL on that day, which the report says ahead."""
        said = (
            f"{self.reason} — approved by {self.approved_by}" if self.approved_by else self.reason
        )
        if not self.expires:
            return said
        return (
            f"{said}, until {self.expires}"
            if self.approved_by
            else f"{said} — until {self.expires}"
        )


@dataclass(frozen=True)
class PartJudged:
    """One component of a requirement any of several meet, judged alone on its own check (its
    stand-in aside): what it needs is said of it, not of all of them.  OSAID's data information,
    unknown for the datasets' own licence, said "licence unknown" of a data card declared
    under CC-BY-NC-4.0 and of two documents never released."""

    component: str
    status: Status
    licence: str = ""  # the licence its check judged (its own, where `own_licence` asks)
    # judged on a licence of its own only (its check's `own_licence`): one it merely inherits
    # from the release is not its licence
    own_licence: bool = False
    why_unknown: WhyUnknown | None = None


@dataclass(frozen=True)
class RequirementResult:
    """One requirement's verdict, with the evidence behind it and the rule it encodes."""

    requirement_id: str
    title: str
    level: str
    required: bool
    status: Status
    reason: Reason  # the facts it names kept apart (FactRef): its text is `reason.text`
    citation: Citation
    remediation: str  # the rule's remedy, naming no manifest (`remedy` adds where it declares)
    components: tuple[str, ...] = ()
    direct_component: str = ""
    facts: tuple[str, ...] = ()
    # The facts whose own check is not met: what is left to state.  A requirement asking for four
    # facts, three of which the card states, names the fourth only (it named all four as unknown).
    facts_open: tuple[str, ...] = ()
    # Of those, the ones whose own check is unknown, each with why: one not stated, one on a
    # card that could not be read, one stated but not settling it are each settled another way.
    facts_unknown: tuple[tuple[str, WhyUnknown], ...] = ()
    # Of facts_open, those any one of which would do (an any_of of facts, none stated): one
    # step, "state one of", not one per fact.
    facts_either: tuple[tuple[str, ...], ...] = ()
    # Facts any one of which, or one of the components beside them published, would do (an
    # any_of of both, none met, none of those components released): (facts, components).
    publish_either: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    evidence: tuple[Provenance, ...] = ()
    licence: str = ""
    # Unmet for its licence: the restriction categories of that licence its policy rejects
    # (ids), whose terms a report names first (LicenceNote.failing_first).
    licence_rejected: tuple[str, ...] = ()
    substituted_by: str = ""
    # Unmet only for the licence's spelling, in a mode that matches ids verbatim: the spelling
    # it accepts.  The step is to write it so, not to relicense (CheckOutcome.respell).
    respell: str = ""
    # Met through one of several components (any_of): those whose own check is met.  A cell for
    # another of them says it was not what met it ("via research paper"), not "one of".
    met_by: tuple[str, ...] = ()
    # Of met_by, those met only by a reading of the framework's text (their check's
    # `inferred_by`: OSAID's description of the data, met on a data card): declared already, it
    # is the fact they stand in for that makes it definite, stated, not declaring them again.
    met_by_reading: tuple[str, ...] = ()
    group: str = ""
    waiver: WaiverTerms | None = None  # waived: why, and who approved it
    status_before_waiver: Status | None = None
    certainty: Certainty | None = None  # met or unmet: the weakest evidence it rests on
    # Unknown on the evidence (waived or not): why, so that what would settle it is said from a
    # value, not from the reason's words.
    why_unknown: WhyUnknown | None = None
    # Unknown, not seen, and under a licence that leaves it unknown too: why that licence does
    # (engine.checks.CheckOutcome.licence_why_unknown).
    licence_why_unknown: WhyUnknown | None = None
    # Graded frameworks: the grade earned ("" when unknown), the best grade it surely has when
    # unknown ("" when nothing is sure), that grade's value, and the requirement's weight.  The
    # status is met at the top grade, unmet below it, unknown when the grade is.
    grade: str = ""
    grade_at_least: str = ""
    grade_at_most: str = ""  # unknown: the best grade not ruled out
    grade_value: float | None = None
    grade_citation: Citation | None = None  # the earned grade's own definition
    weight: float = 1.0
    decides: bool = True  # False: a duty that stands whatever the outcome (never a rung)
    # Levels, an all_of of components and facts not met: each part not met, judged alone (the
    # same id, title and remedy), whose steps are the requirement's (osai.formatters.actions).
    parts_open: tuple[RequirementResult, ...] = ()
    # Graded: False when it does not apply to this release (its `applies_when` unmet: the base
    # model's weights, for a fine-tune): it is graded where it applies, no step here settles it.
    applies: bool = True
    # Graded, a grade earned below the best: the components the grade just above asks for
    # that are not released (EOSAI's Training code, partial: the data-processing code), which
    # its remedy ("publish … not yet public") leaves the reader to find.
    short_of: tuple[tuple[str, ...], ...] = ()  # each: one component, or any one of several
    # Graded, a grade earned below the best: True when every better grade fails on facts no
    # release can change (engine.levels.fixed_against: training compute above what the grade
    # allows), as a level is ruled out: no step toward one (FrameworkAssessment.leads_nowhere).
    best_possible: bool = False
    # Graded, unknown: the components whose own check is unknown in the grades left undecided
    # (EOSAI's Licenses: the datasets' licence unknown, the weights' known), what settling it
    # asks about; the action named all four components, the weights' licence shown beside it.
    components_unknown: tuple[str, ...] = ()
    # Unknown where it would be met (a graded one: where a grade left undecided would be
    # earned) but for facts stated against it (a check's `unless_stated`: EOSAI's "all data
    # sources open" beside a card saying some data is not public): those facts.  Stating them
    # again settles nothing; its remedy, or a reading of what states them, does, or a fact it
    # leaves open that another way of meeting it asks (settled_by_statement).
    facts_against: tuple[str, ...] = ()
    # Unknown where it would be met but for parts released under terms that fail it (a check's
    # `every_released`: OSAID's data information, a data card under CC-BY-NC-4.0 beside an open
    # paper): their components.  Relicensing them settles it, or a reading that the rest suffices.
    released_failing: tuple[str, ...] = ()
    # Unknown for facts_against or released_failing: what keeps it from being met, as its reason
    # says it after what met it ("but …"), each once (CheckOutcome.held_by): a baseline's
    # regression says what changed from these.
    held_by: tuple[Reason, ...] = ()
    # Unmet because a fact fails it whatever else it shows (a check's `fails_if`: OSAID's weights
    # given only on the provider's approval): those facts.  Changing them is the step, not
    # relicensing nor stating more (CheckOutcome.failed_by).
    facts_failing: tuple[str, ...] = ()
    # Of those, the requirement judged without what fails it, where that is not met either (the
    # weights' licence failing too, beside the gate): its own steps (osai.formatters.actions).
    failing_aside: tuple[RequirementResult, ...] = ()
    # Levels, unknown, any of several components (an any_of, however nested): each component
    # judged alone, in the order the rule names them (PartJudged).
    parts_judged: tuple[PartJudged, ...] = ()
    # Where a manifest declares what the remedy asks (the rule's `declare_in`, as said).
    declare_in: tuple[str, ...] = ()

    @property
    def against_itself(self) -> bool:
        """Whether the facts stated against it include its own (a check's `unless` naming the
        fact it asks: "none" of third-party data beside "none" unshareable and data said not
        public): they cannot all hold, and only correcting one settles it."""
        return not set(self.facts).isdisjoint(self.facts_against)

    @property
    def settled_by_statement(self) -> bool:
        """Whether stating more may settle it, unknown as it is: always, but where facts stated
        against it keep it open (facts_against), then only where it leaves open a fact they do
        not state, or a component (a fine-tune's datasets, its base model stated, leave OSAID's
        public sources to the listing the manifest has not stated: "declare the rest in" was
        lost).  One they contradict, or one they alone keep open, no statement settles."""
        if not self.facts_against:
            return True
        stated_against = set(self.facts_against)
        return bool(self.components_unknown) or any(
            key not in stated_against for key in self.facts_open
        )

    @property
    def judged_status(self) -> Status:
        """The status on the evidence alone, whatever a waiver says."""
        return self.status_before_waiver or self.status

    def remedy(self, owned: bool) -> str:
        """The remedy as the reader can follow it: with where a manifest declares it when the
        release is their own (Release.owned); on a third party's, the remedy alone."""
        return with_manifest_keys(self.remediation, self.declare_in) if owned else self.remediation


@dataclass(frozen=True)
class ScopeResult:
    """One condition of a framework applying at all (rules' `scope:`), judged: unmet on
    evidence puts the release out of the framework's scope, whose outcome is then `label`."""

    scope_id: str
    title: str
    status: Status
    reason: Reason
    citation: Citation
    label: str  # the outcome, in words, when unmet
    evidence: tuple[Provenance, ...] = ()
    certainty: Certainty | None = None  # met or unmet: the weakest evidence it rests on
    # What its check reads: what to declare where it is shown only on weak evidence.
    facts: tuple[str, ...] = ()
    components: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextStep:
    requirement_id: str
    status: Status
    action: str


@dataclass(frozen=True)
class ScoreGroup:
    """A graded framework's score over one group of requirements (or all of them).

    `score` is the (weighted) mean grade value over the requirements whose grade is known (None
    when none is); `lowest` and `highest` bound the score whatever the unknown grades turn out
    to be (an unknown grade counts at its sure minimum, or at its sure maximum).  Reports give
    `figure`: the bounds while grades are unknown, since `score` may then lie outside them."""

    group: str
    score: float | None
    known: int
    unknown: int
    known_weight: float
    total_weight: float
    lowest: float
    highest: float
    # Those with no grade that do not apply to this release (RequirementResult.applies: a
    # fine-tune's base-model grades, graded in its base model's check): not `unknown`, which
    # counted them, but the score still ranges over them.
    not_applying: int = 0

    @property
    def figure(self) -> str:
        """The score as every report gives it: "0.58" when each grade is known; while some are
        unknown, the range it lies in whatever they are, "0.12 to 0.88"; "?" when none is known.

        Never the mean over the known grades alone while some are unknown: it may lie outside
        that range (Llama 2's one grade known, its preprint's open, read "score 1.00" beside a
        score of at most 0.88).  None known but some bounded ("≥partial"), the range they set:
        EOSAI's Access group, its one grade at least partial, read "Access ?"."""
        if self.score is None:
            bounded = self.lowest > 0 or self.highest < 1
            return score_range(self.lowest, self.highest) if bounded else "?"
        if not self.unknown and not self.not_applying:
            return f"{self.score:.2f}"
        return score_range(self.lowest, self.highest)

    def ungraded_said(self, brief: bool = False) -> str:
        """The grades the score ranges over, counted once for every report: "9 of 12 grades
        unknown, 2 not graded from this release" (the outcome's label), "9 unknown, 2 not graded
        here" (`brief`: a summary's cell); "" when each is known.  Each report counted them
        itself: GitHub's "(1 partial, 11 unknown)" beside the label's "9 of 12 grades unknown,
        2 not graded from this release", and a cell gave a bare range for grades that do not
        apply, which it did not count."""
        count = self.known + self.unknown + self.not_applying
        said = []
        if self.unknown:
            said.append(
                f"{self.unknown} unknown" if brief else f"{self.unknown} of {count} grades unknown"
            )
        if self.not_applying:
            of = "" if said or brief else f" of {count}"
            where = "here" if brief else "from this release"
            said.append(f"{self.not_applying}{of} not graded {where}")
        return ", ".join(said)


def score_range(lowest: float, highest: float) -> str:
    """ "0.20 to 0.88": bounds rounded outwards, so that the range shown holds every score it
    stands for (0.2083 rounded to "0.21" read as above a gate's 0.21 it did not reach)."""
    # a hair's tolerance: a bound of 0.46 is stored as 0.45999…, and is 0.46
    low = f"{math.floor(lowest * 100 + 1e-6) / 100:.2f}"
    high = f"{math.ceil(highest * 100 - 1e-6) / 100:.2f}"
    return low if low == high else f"{low} to {high}"


@dataclass(frozen=True)
class GradedScore:
    overall: ScoreGroup
    groups: tuple[ScoreGroup, ...]
    scale: tuple[tuple[str, float], ...]  # grade id → value, best first
    # grade id → its name in the rule file: what every report a person reads shows (a grade
    # `not-disclosed` named "not disclosed"); the JSON report keeps the id
    names: tuple[tuple[str, str], ...] = ()

    def name(self, grade: str) -> str:
        return dict(self.names).get(grade, grade)


@dataclass(frozen=True)
class ReferenceGrade:
    """One parameter graded by osai and by a published assessment of the same model."""

    requirement_id: str
    parameter: str  # the assessment's own id for it
    osai_grade: str  # "" when osai could not grade it
    osai_at_least: str
    reference_grade: str  # "" when the assessment gives none (N/A)
    applies: bool  # whether the assessment's grade is about this repository (base vs end model)
    steps_apart: int | None  # how far the two grades are on the scale; None when not compared
    notes: str = ""


# What how_matched adds when osai's grades rest partly on the entry they are shown beside (osai.
# references): a report that finds the note of how it matched among the findings drops it.
CIRCULAR = (
    "; osai's grades here rest partly on this entry, merged as evidence "
    "(--no-public-assessments compares the two independently)"
)


@dataclass(frozen=True)
class ReferenceComparison:
    """A published assessment's grades beside osai's (e.g. the European Open Source AI Index)."""

    source: str
    entry: str
    how_matched: str
    about_this_repository: bool
    reference_score: float | None
    grades: tuple[ReferenceGrade, ...]
    # How the assessment's publisher asks to be cited (its licence's condition for reuse: the
    # grades and notes above are its data).
    attribution: str = ""
    credit: str = ""  # the attribution in a few words, for a terminal ("" : give it in full)


def named_in_mode(name: str, mode: str) -> str:
    """A framework's name where a report gives its verdict, with the mode it was judged in when
    that is not the default one: "MOF 1.0 (mot mode)".  `osai check --mof-mode mot -q` printed
    "MOF 1.0 ✘ no class reached" where the default mode's said "MOF 1.0 ✔ Class III", one label
    for opposite verdicts; only the evidence section (hidden by -q) named the mode."""
    return name if mode == DEFAULT_MODE else f"{name} ({mode} mode)"


def noted(label: str, note: str) -> str:
    """An outcome's words with whose verdict it is, in its parenthesis: "score 0.20 to 0.71
    (osai's grading; 6 of 12 grades unknown)", "score 0.58 over 12 of 12 (osai's grading)".
    "EOSAI 2026-06-12 score 0.20 to 0.71" read as the index's own score."""
    if not note:
        return label
    head, paren, rest = label.partition(" (")
    return f"{head} ({note}; {rest}" if paren else f"{label} ({note})"


def label_head(label: str) -> str:
    """An outcome's label without its parenthesis, as a phrase that holds its own says it: "not
    demonstrated (nothing found…)" → "not demonstrated"."""
    return label.split(" (", 1)[0]


@dataclass(frozen=True)
class FrameworkAssessment:
    """One framework's verdict on one release."""

    framework_id: str
    framework_name: str
    short_name: str
    version: str
    mode: str
    outcome: str
    outcome_label: str
    definite: bool
    best_level_proven: str
    next_level: str
    progress: Mapping[str, float] | None
    results: tuple[RequirementResult, ...]
    next_steps: tuple[NextStep, ...]
    interpretations: tuple[str, ...] = ()
    summary: str = ""
    levels: tuple[tuple[str, str], ...] = ()
    level_with_waivers: str = ""
    # The unknown requirements the outcome waits on, a waived one counted as met: those up to the
    # level after the one the waivers reach, none when they reach the top or one there is unmet
    # (what --fail-on-unknown holds a run for; a graded framework's are its `blocking` unknowns).
    waiting_on: tuple[str, ...] = ()
    next_level_name: str = ""
    # How sure the outcome is: for a level reached, the weakest evidence of the requirements met;
    # for a level violated, the strongest evidence of a violation; None when not definite.
    certainty: Certainty | None = None
    kind: str = "levels"  # "levels" | "graded"
    score: GradedScore | None = None  # graded frameworks
    outcome_citation: Citation | None = None  # the source text of the outcome reached
    reference: ReferenceComparison | None = None  # a published assessment's grades beside osai's
    # level id → its name in prose ("Class III"), for every level (those that do not decide too)
    level_labels: tuple[tuple[str, str], ...] = ()
    # The levels that do not decide (their duties stand whatever the outcome): id → short name
    standing_levels: tuple[tuple[str, str], ...] = ()
    # The lowest level a fact no release can change fails (training compute above the EU AI
    # Act's 10^25 FLOP), which rules it and every level above it out ("": none is): decided
    # once here, so that every report leaves out the same steps (leads_nowhere).
    ruled_out_from: str = ""
    # Per level whose progress is counted (up to the first level not complete; past it the
    # progress is 0 whatever is met, as the Model Openness Tool has it since its PR #107): how
    # many of the requirements it counts are unknown.  None where progress is.
    progress_unknown: Mapping[str, int] | None = None
    # The label of the level said "not demonstrated" when none is reached and none violated
    # (Framework.not_demonstrated_level); "" where the outcome's own label says it.
    not_demonstrated_level: str = ""
    # The conditions of the framework applying at all, judged (() when it has none): one
    # unmet makes the outcome NOT_IN_SCOPE, and then no requirement is judged.
    scope: tuple[ScopeResult, ...] = ()
    # Whose verdict the outcome is (Framework.outcome_note: "osai's grading"), "" where the
    # framework's name says it: said beside the outcome wherever a person reads it (noted).
    outcome_note: str = ""

    @property
    def name_in_mode(self) -> str:
        """Its short name and version, and its mode where not the default: "MOF 1.0 (mot mode)"."""
        return named_in_mode(f"{self.short_name} {self.version}", self.mode)

    @property
    def short_in_mode(self) -> str:
        """Its short name, and its mode where not the default (a summary's column): "MOF (mot
        mode)"."""
        return named_in_mode(self.short_name, self.mode)

    @property
    def out_of_scope(self) -> ScopeResult | None:
        """The condition of applying at all that the release is shown not to meet, if any."""
        return next((s for s in self.scope if s.status is Status.UNMET), None)

    @property
    def counted_label(self) -> str:
        """The outcome in `osai check`'s words, as a census counts it (outcome_as_counted)."""
        return outcome_as_counted(
            self.outcome_label, self.definite, self.best_level_proven, self.not_demonstrated_level
        )

    @property
    def brief_label(self) -> str:
        """The outcome in a few words, the framework's own (rules/*.yaml): the label of the
        level proven ("Class II"), else the outcome's label without its parenthesis ("not
        exempt", "exemption not shown"), or for a framework of several levels that reached none
        and violates none, "Class III not demonstrated" (counted_label).  Every report (a
        headline, a summary table, its totals, Markdown's) says an outcome in these words."""
        if self.best_level_proven:
            return self.level_label(self.best_level_proven)
        return label_head(self.counted_label)

    def level_short(self, level_id: str) -> str:
        return {**dict(self.standing_levels), **dict(self.levels)}.get(level_id, level_id)

    def standing(self) -> tuple[tuple[str, tuple[RequirementResult, ...]], ...]:
        """The duties that stand whatever the outcome, per level that does not decide (its
        id), in the rule file's order: each under its own level's words."""
        found: dict[str, list[RequirementResult]] = {}
        for result in self.results:
            if not result.decides:
                found.setdefault(result.level, []).append(result)
        return tuple((level, tuple(results)) for level, results in found.items())

    def level_label(self, level_id: str) -> str:
        return dict(self.level_labels).get(level_id, level_id)

    def grade_name(self, grade: str) -> str:
        """A grade as a person reads it: its name in the rule file (the id when it has none)."""
        return self.score.name(grade) if self.score is not None else grade

    def result(self, requirement_id: str) -> RequirementResult | None:
        return self._results_by_id.get(requirement_id)

    def met_up_to(self, level_id: str) -> list[RequirementResult]:
        """The requirements met that a level rests on (those of it and the levels below that
        decide the outcome): a level is as sure as the weakest of them."""
        return [r for r in self.deciding_up_to(level_id) if r.status is Status.MET]

    def deciding_up_to(self, level_id: str) -> list[RequirementResult]:
        """The required requirements that decide a level: those of it and of the levels below
        it on the ladder (never an optional one, nor a duty that stands whatever the outcome)."""
        ladder = [level for level, _ in self.levels]
        wanted = ladder.index(level_id)
        return [
            result
            for result in self.results
            if result.required
            and result.decides
            and result.level in ladder
            and ladder.index(result.level) <= wanted
        ]

    def steps_toward(self, level_id: str) -> tuple[NextStep, ...]:
        """The steps ahead, and the requirements not met that a level further up the ladder
        rests on (the one a gate asks for): `--require mof:class-1` on a release at Class III
        listed the steps to Class II alone, none of what the failing gate asked.  The steps
        ahead alone for a level at or below the next one, or not on the ladder."""
        if not self.beyond_next(level_id):
            return self.steps_ahead
        listed = {step.requirement_id for step in self.steps_ahead}
        further = tuple(
            NextStep(result.requirement_id, result.status, result.remediation)
            for result in self.deciding_up_to(level_id)
            if result.status not in (Status.MET, Status.WAIVED)
            and result.requirement_id not in listed
            and not self.leads_nowhere(result)
        )
        return (*self.steps_ahead, *further)

    def beyond_next(self, level_id: str) -> bool:
        """Whether a level is on the ladder above the next one (a gate's, further up)."""
        ladder = [level for level, _ in self.levels]
        if level_id not in ladder or self.next_level not in ladder:
            return False
        return ladder.index(level_id) > ladder.index(self.next_level)

    def leads_nowhere(self, result: RequirementResult) -> bool:
        """Whether meeting this requirement reaches nothing: it decides a level at or above the
        one ruled out (ruled_out_from).  A duty owed whatever the outcome never does."""
        if result.best_possible:  # graded: no better grade a release could earn
            return True
        if not self.ruled_out_from or not result.decides:
            return False
        ladder = [level for level, _ in self.levels]
        # a level not on the ladder is past it, as the ruled-out one is never
        placed = ladder.index(result.level) if result.level in ladder else len(ladder)
        return placed >= ladder.index(self.ruled_out_from)

    @cached_property
    def steps_ahead(self) -> tuple[NextStep, ...]:
        """The next steps that lead somewhere: every report's actions and the JSON report's
        next_steps (those toward a ruled-out level left out, the duties owed kept); once, as
        the actions read it twice."""
        return tuple(
            step
            for step in self.next_steps
            if (result := self.result(step.requirement_id)) is None
            or not self.leads_nowhere(result)
        )

    def blocking(self) -> list[RequirementResult]:
        """The requirements between the release and the framework's next level, not met."""
        found = []
        for step in self.next_steps:
            result = self.result(step.requirement_id)
            if result is not None and result.decides and result.status is not Status.MET:
                found.append(result)
        return found

    @cached_property
    def _results_by_id(self) -> dict[str, RequirementResult]:
        found: dict[str, RequirementResult] = {}
        for result in self.results:
            found.setdefault(result.requirement_id, result)  # the first, as a scan would find
        return found


def not_demonstrated(level_label: str) -> str:
    """A level that nothing proves and nothing violates, as `osai check` and the census say it:
    "Class III not demonstrated"."""
    return f"{level_label} not demonstrated"


def outcome_as_counted(outcome_label: str, definite: bool, reached: str, first_level: str) -> str:
    """An outcome in the words `osai check` uses, to be counted (a census's verdict table).

    The framework's label, except where a framework of several levels reached none and nothing
    violates the first (`first_level`: its label, Framework.not_demonstrated_level; "" where the
    framework's labels already say so): its label ("no class reached") would read as a
    violation, so it is "Class III not demonstrated", as `osai check` says."""
    if first_level and not definite and not reached:
        return not_demonstrated(first_level)
    return outcome_label


@dataclass(frozen=True)
class Difference:
    """A point where two frameworks judge the same thing differently, with both sources."""

    topic: str
    message: str
    sources: tuple[str, ...] = ()
    component: str = ""
    between: tuple[str, ...] = ()  # the ids of the two frameworks it tells apart


@dataclass(frozen=True)
class Assessment:
    """Everything osai concluded about one target."""

    release: Release
    frameworks: tuple[FrameworkAssessment, ...]
    differences: tuple[Difference, ...] = ()
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def framework(self, framework_id: str) -> FrameworkAssessment | None:
        return next((f for f in self.frameworks if f.framework_id == framework_id), None)
