"""The rule data, typed: components, facts, licence policies, frameworks, and the whole rule set.

Built by osai.rules.load from validated YAML; read by the engine, the sources (through
`RuleSet.detection`) and the reports.  Frozen: a rule set never changes once loaded.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from osai.errors import BadInput
from osai.licenses import (
    LicenceJudgement,
    LicenceKnowledge,
    ParsedLicence,
    Verdicts,
    fold,
    judge,
)
from osai.memo import Memo
from osai.rules.inference import InferenceRule, Reading
from osai.rules.links import LinkRules
from osai.suggest import closest, did_you_mean, meant_said
from osai.textsafe import comma_separated, quoted_name
from osai.verdict import DEFAULT_MODE as DEFAULT_MODE  # every layer's, the rules' too
from osai.verdict import Citation, Status, with_manifest_keys

if TYPE_CHECKING:  # compiled when first needed (Compilers): a manifest never needs it
    from osai.detection import DetectionRules


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    content_type: str
    description: str
    unlisted_in_manifest: str
    aliases: tuple[str, ...] = ()
    plural: bool = False  # its name is a plural noun: "Datasets: whether they are released"


FACT_TYPES = ("statement", "number", "category")


@dataclass(frozen=True)
class FactKind:
    """A declarable fact that is not a component (manifest: release.<block>.<id>).

    `type`: a `statement` (text; `false` declares it not provided), a `number` (e.g. training
    compute in FLOP) or a `category` (one of `values`, e.g. how the weights can be obtained).
    """

    id: str
    title: str
    description: str
    type: str = "statement"
    values: tuple[str, ...] = ()
    block: str = "data_information"
    values_ordered: bool = False  # `values` run from the least to the most restrictive
    fixed: bool = False  # no release can change it (training compute): no action to change it
    positive: bool = False  # a number above 0 (no model is trained with no compute)
    # A statement's own words that declare it not provided, as `false` does (folded_word): a
    # base model `none` was asked of the Hub as the model "none"
    none_words: frozenset[str] = frozenset()
    # a category's values in words (`personal-data`: "only after giving personal data"), as
    # pairs: a fact kind is hashed
    value_titles: tuple[tuple[str, str], ...] = ()
    # The vocabulary's words it reads as not provided (rules/components.yaml
    # not_provided_words): a data-information item 'TBD' or "not provided" met as any text did
    withheld_words: frozenset[str] = frozenset()
    # the vocabulary's words it reads as `none`, none used (none_used_words): `n/a` of the
    # public sources beside the released datasets is a listing of nothing, as `none` is
    none_used_words: frozenset[str] = frozenset()

    def says_none(self, text: object) -> bool:
        """Whether a statement's text declares the item not provided (`base_model: none`,
        `training_data_description: 'N/A.'`).  The one reading of those words, a manifest's or
        a BOM's (an AI BOM's `N/A` met where the manifest's failed)."""
        if not isinstance(text, str):
            return False
        word = folded_word(text)
        return word in self.none_words or word in self.withheld_words

    def withholds(self, text: object) -> bool:
        """Whether a statement's text is one of the vocabulary's words for an item not given
        ('TBD', 'undisclosed'): not provided, though it may be given later."""
        return isinstance(text, str) and folded_word(text) in self.withheld_words

    def compared(self, text: str) -> str:
        """A statement's words as a rule's `met_if` compares them: folded, and `none` where they
        say none was used (`third_party_data_sources: N/A` is `none` to OSAID's `unless`)."""
        word = folded_word(text)
        return "none" if word in self.none_used_words else word

    @property
    def manifest_key(self) -> str:
        return f"release.{self.block}.{self.id}"

    def admits(self, number: float) -> bool:
        """Whether a number fact may take this value: 0 or more, above 0 where `positive`."""
        return number > 0 if self.positive else number >= 0


# What may stand around a word and not change it: 'Not disclosed.', "N/A", (none), TBD in
# typographic quotes
_AROUND = string.punctuation + string.whitespace + "\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026"


def folded_word(text: str) -> str:
    """A publisher's word as the rules' word lists hold it: blanks folded, case ignored, and
    punctuation or quotes around it stripped ('None.' got past `none`); a word that is only
    punctuation ('-', '?') is itself."""
    folded = " ".join(text.split()).casefold()
    return folded.strip(_AROUND) or folded


@dataclass(frozen=True)
class Policy:
    name: str
    title: str
    accept: tuple[str, ...] = ()
    by_content_type: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    interpretation: str = ""
    # Restriction categories (rules/licenses.yaml `restrictions`) that fail a licence whatever
    # set it is in, and the verdict on a known licence neither accepted nor rejected.
    reject: tuple[str, ...] = ()
    otherwise: str = "unmet"
    # What it asks of a component of one content type, in words ("an open data licence"); the
    # title stands for a type with none.
    title_by_content_type: Mapping[str, str] = field(default_factory=dict)
    # A few words for a table cell ("an open licence"), where the title glosses what it accepts;
    # the title stands where none is given.
    short: str = ""

    def title_for(self, content_type: str) -> str:
        return self.title_by_content_type.get(content_type, self.title)

    def accepted_sets(self, content_type: str) -> tuple[str, ...]:
        if self.by_content_type:
            return self.by_content_type.get(content_type, ())
        return self.accept

    def all_sets(self) -> tuple[str, ...]:
        sets = list(self.accept)
        for names in self.by_content_type.values():
            sets.extend(name for name in names if name not in sets)
        return tuple(sets)


@dataclass(frozen=True)
class Check:
    """What a requirement asks of the evidence: a component, a fact, or any or all of several.

    A fact check is met when the fact is stated (provided), unless it tests the fact: `provided`
    (False: met when the fact is declared not provided), `met_if` / `unmet_if` / `review_if`
    (category values; `review_if` ones are unknown, left to a reading, and any other value is
    unknown for want of a better one), `at_most` / `at_least` / `greater_than` (a number).

    Any check may name facts it must not be contradicted by (`unless_stated`): met otherwise,
    it is unknown where one of them is stated (EOSAI's "all training data sources open" beside
    a card saying some of the data is not public); or, where facts contradict it only together,
    a check they meet (`unless`: OSAID's "no third-party data" beside "no unshareable data" and
    a statement that some data is not public).  Where a fact decides, a check it meets fails
    it whatever the rest shows (`fails_if`: OSAID's "without having to ask for permission"
    beside weights served only on the provider's approval): unmet, never merely unknown, as
    the fact is the host's gate or the publisher's word, not a sentence read by a pattern;
    unmet or unknown, it leaves the check's own outcome.  Its facts are none the check asks
    to be stated (`facts()`), only what may fail it (`failing_facts()`).  A component's
    licence may be asked to be its own (`own_licence`): one it merely inherits from the
    release as a whole does not show its terms (LicenceFact.from_release), and leaves its
    licence unknown.  An any_of of
    components may ask that every one released meet it (`every_released`): one met by some,
    beside another released that fails, is unknown, whether the rest suffices being a reading
    (OSAID's data information, all of it under OSI-approved terms: an open paper beside a data
    card under CC-BY-NC-4.0).  A check may be met only by a reading of the framework's text
    (`inferred_by`, a reading's id: OSAID's description of the data, met on a data card): met,
    it is met as an inference, with the certainty "inferred" at most, naming the reading.
    """

    component: str = ""
    policy: str = ""
    substitute: str = ""
    fact: str = ""
    any_of: tuple[Check, ...] = ()
    all_of: tuple[Check, ...] = ()
    provided: bool | None = None
    met_if: tuple[str, ...] = ()
    unmet_if: tuple[str, ...] = ()
    review_if: tuple[str, ...] = ()
    at_most: float | None = None
    at_least: float | None = None
    greater_than: float | None = None  # strictly: "more than 10^23 FLOP" (guidelines para 17)
    unless_stated: tuple[str, ...] = ()
    unless: Check | None = None
    fails_if: Check | None = None
    own_licence: bool = False
    every_released: bool = False
    inferred_by: str = ""

    @cached_property
    def contradiction(self) -> Check | None:
        """What, met, contradicts it being met (its `unless`, or any of its `unless_stated`
        facts stated): the one form the engine judges, however the file writes it."""
        stated = tuple(Check(fact=key) for key in self.unless_stated)
        ways = (*stated, *((self.unless,) if self.unless is not None else ()))
        if len(ways) > 1:
            return Check(any_of=ways)
        return ways[0] if ways else None

    @property
    def tests_number(self) -> bool:
        """Whether it tests a number fact's value against a bound."""
        bounds = (self.at_most, self.at_least, self.greater_than)
        return any(bound is not None for bound in bounds)

    @property
    def tests_category(self) -> bool:
        """Whether it tests a category fact's value (not only that it is stated)."""
        return bool(self.met_if or self.unmet_if or self.review_if)

    @property
    def parts(self) -> tuple[Check, ...]:
        return self.any_of or self.all_of

    @cached_property
    def alone(self) -> Check:
        """It without its stand-in (`substitute`): what the component itself meets.  Made once
        per check (frozen), not for each release whose requirement one of several met."""
        return replace(self, substitute="") if self.substitute else self

    @cached_property
    def judged_alone(self) -> Check:
        """It without its `fails_if`: what it shows whatever fails it (the weights' licence,
        beside the gate that fails OSAID), made once per check."""
        return replace(self, fails_if=None) if self.fails_if is not None else self

    def components(self) -> tuple[str, ...]:
        return self._components

    def facts(self) -> tuple[str, ...]:
        return self._facts

    # Computed once per check (frozen): the engine asks for every requirement of every model.
    @cached_property
    def _components(self) -> tuple[str, ...]:
        if self.component:
            return (self.component,)
        return tuple(dict.fromkeys(c for sub in self.parts for c in sub.components()))

    @cached_property
    def _facts(self) -> tuple[str, ...]:
        if self.fact:
            return (self.fact,)
        return tuple(dict.fromkeys(f for sub in self.parts for f in sub.facts()))

    def walk(self) -> tuple[Check, ...]:
        """It and every part of it (any_of, all_of), however nested, as the rule names them."""
        return (self, *(c for sub in self.parts for c in sub.walk()))

    @cached_property
    def read_components(self) -> frozenset[str]:
        """The components of its parts met only by a reading (`inferred_by`): what they show of
        a fact beside them is inferred, not shown."""
        return frozenset(part.component for part in self.walk() if part.inferred_by)

    def failing_checks(self) -> tuple[Check, ...]:
        """Its `fails_if` and its parts', each once, as first found: what, met, fails it."""
        here = (self.fails_if,) if self.fails_if is not None else ()
        below = (c for sub in self.parts for c in sub.failing_checks())
        return tuple(dict.fromkeys((*here, *below)))

    def failing_facts(self) -> tuple[str, ...]:
        """The facts its `fails_if` checks (and its parts') test: none it asks to be stated,
        each one a value of which fails it."""
        return tuple(dict.fromkeys(f for check in self.failing_checks() for f in check.facts()))

    def substitutes(self) -> tuple[str, ...]:
        """The components it, or a part of it, accepts in another component's place."""
        here = (self.substitute,) if self.substitute else ()
        return tuple(dict.fromkeys((*here, *(c for sub in self.parts for c in sub.substitutes()))))

    def stand_ins(self) -> tuple[str, ...]:
        """The components that show a fact in its place: those beside a fact in an any_of
        (OSAID's data card for the description of the data).  One beside a fact in an all_of
        shows nothing of it (EOSAI's training code, for its documentation)."""
        here: tuple[str, ...] = ()
        if any(part.fact for part in self.any_of):
            here = tuple(part.component for part in self.any_of if part.component)
        below = (c for sub in self.parts for c in sub.stand_ins())
        return tuple(dict.fromkeys((*here, *below)))

    def policy_name(self) -> str:
        """The licence policy this check applies (the first one, within any_of / all_of)."""
        return self.policy or next((p for sub in self.parts if (p := sub.policy_name())), "")

    def policies(self) -> tuple[str, ...]:
        own = (self.policy,) if self.policy else ()
        return tuple(dict.fromkeys((*own, *(p for sub in self.parts for p in sub.policies()))))


@dataclass(frozen=True)
class GradeCondition:
    """One grade of a graded requirement and the condition that earns it (None: otherwise,
    i.e. reached when every better grade's condition is unmet)."""

    grade: str
    check: Check | None
    citation: Citation | None = None


@dataclass(frozen=True)
class Declaration:
    """Where a manifest declares what a requirement's remedy asks (its `declare_in`): a key, the
    value to give it ("none") and what for ("for a datasheet"), where the remedy needs them."""

    key: str
    value: str = ""
    purpose: str = ""

    @property
    def text(self) -> str:
        """As a remedy names it: "release.declarations.monetisation: none"."""
        value = f": {self.value}" if self.value else ""
        purpose = f" for {self.purpose}" if self.purpose else ""
        return f"{self.key}{value}{purpose}"


@dataclass(frozen=True)
class Requirement:
    id: str
    level: str
    title: str
    check: Check
    citation: Citation
    remediation: str
    required: bool = True
    group: str = ""
    # Graded frameworks: the grades, best first, each with its condition; the requirement's
    # weight in the mean; and the id an external assessment grades the same thing by.
    grades: tuple[GradeCondition, ...] = ()
    weight: float = 1.0
    reference: str = ""
    # Judged only when this holds (unmet: not judged from this release; unknown: unknown).
    applies_when: Check | None = None
    # Where a manifest declares what the remedy asks: composed with it only for whoever owns
    # the release, so the remedy itself never names a manifest (a Hub model's reader has none).
    declare_in: tuple[Declaration, ...] = ()
    # What a waiver may accept: "any" (unmet or unknown), or "unknown" alone, a reading osai
    # cannot make (the EU AI Act's para 84), never what the evidence fails (para 83's user
    # threshold waived "we have fewer than 700M MAU" passed the gate on a licence the
    # guidelines rule out whatever the licensee's size).
    waivable: str = "any"

    def accepts_waiver(self, status: Status) -> bool:
        """Whether a waiver applies to it judged `status` (met stays met, its waiver kept)."""
        return self.waivable == "any" or status is not Status.UNMET

    # Once per rule (frozen): every requirement of every model judged carries it.
    @cached_property
    def declared_in(self) -> tuple[str, ...]:
        return tuple(place.text for place in self.declare_in)

    @cached_property
    def each_part(self) -> tuple[Requirement, ...]:
        """It once for each part its check needs all of (all_of), that part as its check:
        each part not met is judged as its own requirement (the same id, title and remedy).
        Made once per rule, not for each release judged."""
        return tuple(replace(self, check=part) for part in self.check.all_of)

    @cached_property
    def judged_alone(self) -> Requirement:
        """It with its check judged without its `fails_if` (Check.judged_alone): what else is
        to be done where a fact fails it.  Made once per rule."""
        return replace(self, check=self.check.judged_alone)

    @property
    def remedy_in_full(self) -> str:
        """The remedy with where a manifest declares it, as `osai rules explain` says it: there
        the reader asks about the rule, not about someone's release."""
        return with_manifest_keys(self.remediation, self.declared_in)

    def checks(self) -> tuple[Check, ...]:
        """Every check the requirement makes: its own, its grades', its applicability's."""
        scope = (self.applies_when,) if self.applies_when is not None else ()
        return (*self._asking_checks(), *scope)

    def _asking_checks(self) -> tuple[Check, ...]:
        """The checks that ask for something: its own and its grades'."""
        own = (self.check,) if self.check.components() or self.check.facts() else ()
        return (*own, *(g.check for g in self.grades if g.check is not None))

    def components(self) -> tuple[str, ...]:
        return self._components

    def asked_components(self) -> tuple[str, ...]:
        """The components it asks for (its check's and its grades'), not one its applies_when
        names only to say where it applies (a graded 'base model, or none' applies where the
        weights are released; it does not ask for the weights)."""
        asking = self._asking_checks()
        return tuple(dict.fromkeys(c for check in asking for c in check.components()))

    def facts(self) -> tuple[str, ...]:
        return self._facts

    def policies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for check in self.checks() for p in check.policies()))

    def failing_facts(self) -> tuple[str, ...]:
        """The facts a value of which fails it, whatever else it shows (its checks' `fails_if`:
        OSAID's weights given only on approval): none it asks to be stated."""
        return tuple(dict.fromkeys(f for check in self.checks() for f in check.failing_facts()))

    def substitutes(self) -> tuple[str, ...]:
        """The components its checks accept in another component's place (`substitute`)."""
        return tuple(dict.fromkeys(c for check in self.checks() for c in check.substitutes()))

    def stand_ins(self) -> tuple[str, ...]:
        """The components any of its checks accepts in place of a fact (Check.stand_ins)."""
        return tuple(dict.fromkeys(c for check in self.checks() for c in check.stand_ins()))

    # Computed once per requirement (frozen): asked for every model judged.
    @cached_property
    def _components(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for check in self.checks() for c in check.components()))

    @cached_property
    def _facts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for check in self.checks() for f in check.facts()))


@dataclass(frozen=True)
class Scope:
    """One condition of a framework applying at all (its `scope:`), checked as a requirement's
    check is: shown unmet on evidence, the framework does not apply, and its outcome is
    `label` (the EU AI Act's Art. 53 binds providers of general-purpose AI models only).  Met
    or unknown, the framework is judged as it would be without it: an unknown scope is not
    out of scope.  A release that meets `unless` is within scope whatever `check` shows (the
    Commission's designation of a model with systemic risk, which no compute bound undoes)."""

    id: str
    title: str
    check: Check
    citation: Citation
    label: str  # the outcome, in words, when this check is unmet
    unless: Check | None = None


@dataclass(frozen=True)
class Level:
    """A level of a framework.  `label` is its short name in prose ("Class III"), `short` its
    mark in tables ("III"), `name` its full name ("Class III - Open Model").

    A level that does not `decide` the outcome holds duties that stand whatever the outcome (the
    EU AI Act's obligations an exemption leaves in place): judged and shown, never a rung."""

    id: str
    name: str
    short: str
    label: str
    decides: bool = True


@dataclass(frozen=True)
class Grade:
    """A grade of a graded framework's scale (best first), and what it counts in the score."""

    id: str
    name: str
    value: float


@dataclass(frozen=True)
class Mode:
    name: str
    description: str
    matching: str
    unrecognised: str
    policies: Mapping[str, Policy]

    @property
    def exact(self) -> bool:
        """Whether licences are matched as written (the MOT's mode), not as osai reads them."""
        return self.matching == "exact"

    def judge_licence(
        self, parsed: ParsedLicence, policy: Policy, content_type: str, knowledge: LicenceKnowledge
    ) -> LicenceJudgement:
        """A licence (parsed under this mode: `exact`) under one of its policies, for a
        component of `content_type`: the one judgement `osai check`, `licenses show` and
        `compare` give."""
        return judge(
            parsed,
            policy.accepted_sets(content_type),
            knowledge,
            exact=self.exact,
            unrecognised=Status(self.unrecognised),
            verdicts=Verdicts(policy.reject, Status(policy.otherwise)),
            content_type=content_type,
        )

    @cached_property
    def licence_verdicts(self) -> Memo[tuple[str, str, str], object]:
        """Licences already judged under this mode, by (licence, policy, content type): a
        corpus names the same few dozen licences thousands of times.  osai.engine.checks fills
        it (typed `object` here: the verdict is the engine's type)."""
        return Memo()


@dataclass(frozen=True)
class ModelFile:
    """The model-file format a framework defines (the MOF's): what `osai init` writes in its
    `framework:` block."""

    name: str
    version: str
    date: str
    tool: str = ""  # the tool that reads the format (`osai init --for TOOL`)
    tool_title: str = ""
    tool_mode: str = ""  # the framework's mode that reproduces that tool


@dataclass(frozen=True)
class Framework:
    id: str
    aliases: tuple[str, ...]
    name: str
    short_name: str
    version: str
    source_title: str
    source_url: str
    progress: str
    not_reached_unmet: str
    not_reached_unknown: str
    summary: str
    outcome_labels: Mapping[str, str]
    order: int
    levels: tuple[Level, ...]
    modes: Mapping[str, Mode]
    requirements: tuple[Requirement, ...]
    path: Path
    model_file: ModelFile | None = None
    kind: str = "levels"  # "levels" (classes, or binary) | "graded" (a score)
    grades: tuple[Grade, ...] = ()
    default: bool = True  # evaluated when no framework is named
    reference_assessment: str = ""  # a public-assessment database grading the same parameters
    # The source text of each outcome (a level or a not-reached outcome), when the file gives it.
    outcome_citations: Mapping[str, Citation] = field(default_factory=dict)
    # The conditions of the framework applying at all, each shown unmet on evidence enough
    # to put a release out of its scope (Scope); () when it applies to every release.
    scope: tuple[Scope, ...] = ()
    # What the framework asks that osai does not judge, "title: words", stated in every report
    # of a release judged under it, as a policy's interpretation is (the EU AI Act: what the
    # model generates, who its provider is, a model with systemic risk's own duties).
    not_judged: str = ""
    # Whose verdict the outcome is ("osai's grading"), said beside it wherever a person reads
    # it: "EOSAI 2026-06-12 score 0.20 to 0.71" read as the index's own score.
    outcome_note: str = ""

    @property
    def graded(self) -> bool:
        return self.kind == "graded"

    @cached_property
    def ladder(self) -> tuple[Level, ...]:
        """The levels that decide the outcome, lowest first."""
        return tuple(level for level in self.levels if level.decides)

    def decides(self, level_id: str) -> bool:
        return level_id in self._ladder_positions

    # As an assessment gives its levels (FrameworkAssessment), found once per framework: each
    # release judged under it carries the same.
    @cached_property
    def ladder_marks(self) -> tuple[tuple[str, str], ...]:
        """The levels that decide the outcome, each (id, short mark), lowest first."""
        return tuple((level.id, level.short) for level in self.ladder)

    @cached_property
    def level_labels(self) -> tuple[tuple[str, str], ...]:
        """Every level, each (id, label in prose)."""
        return tuple((level.id, level.label) for level in self.levels)

    @cached_property
    def standing_marks(self) -> tuple[tuple[str, str], ...]:
        """The levels that do not decide the outcome, each (id, short mark)."""
        return tuple((level.id, level.short) for level in self.levels if not level.decides)

    @property
    def not_demonstrated_level(self) -> str:
        """The label of the level a release that reaches none and violates none is said not to
        demonstrate ("Class III not demonstrated"): MOF's one outcome for both, "no class
        reached", would read as a violation.  "" where the framework's own words say it: a
        framework of one level (its outcome's label), a graded one, or one that labels its
        unknown outcome apart from its unmet one (`labels`: "not shown to be open weight")."""
        if self.graded or len(self.ladder) < 2:
            return ""
        unknown = self.not_reached_unknown
        if unknown != self.not_reached_unmet and unknown in self.outcome_labels:
            return ""
        return self.ladder[0].label

    def outcome_label(self, outcome: str) -> str:
        """A not-reached outcome in words: its `labels` entry, else its id in words (a
        framework without labels printed "✘ not-open-weight")."""
        return self.outcome_labels.get(outcome) or outcome.replace("-", " ").replace("_", " ")

    def grade(self, grade_id: str) -> Grade | None:
        return next((g for g in self.grades if g.id == grade_id), None)

    def mode(self, name: str | None) -> Mode:
        chosen = name or DEFAULT_MODE
        if chosen not in self.modes:
            known = f"modes: {', '.join(self.modes)}"
            suggestion = did_you_mean(chosen, list(self.modes))
            raise BadInput(
                f"framework '{self.id}' has no mode '{chosen}'{suggestion or f' ({known})'}"
            )
        return self.modes[chosen]

    def level_index(self, level_id: str) -> int:
        """Where a level stands on the ladder (the levels that decide the outcome)."""
        index = self._ladder_positions.get(level_id)
        if index is None:
            raise BadInput(f"framework '{self.id}' has no level '{level_id}'")
        return index

    def outcome_rank(self, outcome: str) -> int | None:
        """Where an outcome stands, higher more open: a level by its place on the ladder
        (level_index), above the outcome of reaching none with nothing violated, above that of
        one violated (osai.engine.levels._outcome); None for an outcome not on that order (not
        in scope, a graded score, one this framework does not name)."""
        if outcome in self._ladder_positions:
            return self.level_index(outcome) + 2
        if outcome == self.not_reached_unknown:  # checked first: a framework may name both alike
            return 1
        if outcome == self.not_reached_unmet:
            return 0
        return None

    # Computed once per framework (frozen): the engine asks for every requirement of every model,
    # and a census judges millions of models.
    @cached_property
    def _ladder_positions(self) -> dict[str, int]:
        return {level.id: index for index, level in enumerate(self.ladder)}

    @cached_property
    def _levels_by_id(self) -> dict[str, Level]:
        found: dict[str, Level] = {}
        for level in self.levels:
            found.setdefault(level.id, level)  # the first, as a scan would find
        return found

    def requirements_naming(self, component_id: str) -> tuple[Requirement, ...]:
        """The requirements whose checks name this component (in any check: its own, a grade's,
        its applicability's), in order: what a question about one component needs to look at."""
        return self._requirements_by_component.get(component_id, ())

    @cached_property
    def _requirements_by_component(self) -> dict[str, tuple[Requirement, ...]]:
        index: dict[str, list[Requirement]] = {}
        for requirement in self.requirements:
            # a stand-in too: a research paper in a technical report's place is asked for
            for component in dict.fromkeys((*requirement.components(), *requirement.substitutes())):
                index.setdefault(component, []).append(requirement)
        return {component: tuple(found) for component, found in index.items()}

    @cached_property
    def policies_used(self) -> frozenset[str]:
        """The licence policies the requirements apply (within any_of, all_of and grades too)."""
        return frozenset(policy for r in self.requirements for policy in r.policies())

    def level(self, level_id: str) -> Level:
        level = self._levels_by_id.get(level_id)
        if level is None:
            raise BadInput(f"framework '{self.id}' has no level '{level_id}'")
        return level

    def requirement(self, requirement_id: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == requirement_id), None)


@dataclass(frozen=True)
class Compilers:
    """Rule files compiled when first needed: checking a manifest never needs detection rules or
    link rules, and a check that follows no link never needs the link rules."""

    detection: Callable[[], DetectionRules]
    links: Callable[[], LinkRules]
    inference: Callable[[], tuple[InferenceRule, ...]]


@dataclass(frozen=True)
class RuleSet:
    components: Mapping[str, Component]
    frameworks: Mapping[str, Framework]
    licences: LicenceKnowledge
    compilers: Compilers = field(repr=False, compare=False)
    facts: Mapping[str, FactKind] = field(default_factory=dict)
    _component_names: Mapping[str, str] = field(default_factory=dict, repr=False)
    # the readings a framework check may name (`inferred_by`), by id (rules/inference.yaml)
    readings: Mapping[str, Reading] = field(default_factory=dict)

    @cached_property
    def detection(self) -> DetectionRules:
        return self.compilers.detection()

    @cached_property
    def links(self) -> LinkRules:
        return self.compilers.links()

    @cached_property
    def inference(self) -> tuple[InferenceRule, ...]:
        return self.compilers.inference()

    @cached_property
    def fixed_facts(self) -> frozenset[str]:
        """The facts no release can change (`fixed`: training compute), found once per rule
        set: every release judged under a framework of levels asks for them."""
        return frozenset(fact.id for fact in self.facts.values() if fact.fixed)

    def component_for_name(self, name: str) -> str | None:
        """The component id a manifest name or alias refers to (case-insensitive)."""
        return self._component_names.get(fold(name))

    def names_no_base(self, name: str) -> bool:
        """Whether a base model a card, a listing or a base's own card names says there is none
        (`base_model: n/a`, `none`: the base-model fact's none_words, rules/components.yaml),
        read alike by a check, a census and --follow: `n/a` reads as the Hub id of a model `a`
        of a user `n`."""
        kind = self.facts.get(self.links.base_model_fact)
        return kind is not None and kind.says_none(name)

    def default_frameworks(self) -> tuple[Framework, ...]:
        """The frameworks a check evaluates when none is named."""
        return tuple(f for f in self.frameworks.values() if f.default)

    def framework_names(self, values: Iterable[str]) -> tuple[str, ...]:
        """The frameworks named in -f's values, or a configuration's `frameworks:`: each split
        at commas and blanks (`-f osaid,mof`; osai.textsafe.comma_separated), but a part between
        commas that is wholly one framework's name (case aside, blanks as written) kept whole.
        `-f 'Model Openness Framework'`, the MOF as manifests name it, was "unknown framework
        'Model'"."""
        names = {framework.name.casefold() for framework in self.frameworks.values()}

        def named(part: str) -> bool:
            return part.strip().casefold() in names

        found: list[str] = []
        for value in values:
            parts = value.split(",")
            if not any(named(part) for part in parts):
                found.extend(comma_separated([value]))  # `-f ,` is refused as typed
                continue
            for part in parts:
                if part.strip():  # `-f 'mof, ,osaid'`: an empty item dropped, as comma_separated
                    found.extend([part.strip()] if named(part) else comma_separated([part]))
        return tuple(found)

    def framework(self, name: str, *, own_allowed: bool = True) -> Framework:
        """The framework of this id or alias; `own_allowed`: the command takes a framework of
        one's own (--add-framework), which an unknown name may be meant for."""
        key = name.strip().lower()
        for framework in self.frameworks.values():
            # its name as manifests write it (`framework.name: Model Openness Framework`)
            named = name.strip().casefold() == framework.name.casefold()
            if key == framework.id or key in framework.aliases or named:
                return framework
        # an alias near the name suggests its framework's id: `eosai-index` is near the alias
        # `osai-index`, and "did you mean 'osai-index'?" sent the reader to a second name
        ids = {i: f.id for f in self.frameworks.values() for i in (f.id, *f.aliases)}
        # a framework of one's own is known once its file is named: "known: osaid, mof, …"
        # alone (a configuration's `require: my-policy`) did not say how to name it
        # a census judges by the bundled frameworks only (its store compares runs by them):
        # "known: …" alone left an author of one's own wondering how to name theirs
        another = (
            "; another: --add-framework FILE"
            if own_allowed
            else "; this command takes no framework of one's own"
        )
        known = f" (known: {', '.join(self.frameworks)}{another})"
        if not key:  # `-f ''`, a variable unset: nothing misspelt, no framework named
            raise BadInput(f"'{name}' names no framework{known}")
        rule = self.requirement(name.strip())
        if rule is not None:  # `osai rules show EUAIA-ACCESS`: the mirror of explain's hint
            see = f"see `osai rules explain {rule[1].id}`"
            raise BadInput(f"unknown framework {quoted_name(name)}: a rule of {rule[0].id} ({see})")
        near = closest(name.strip(), ids)
        hint = meant_said(name.strip(), ids[near] if near is not None else None) or known
        # quoted cut: a settings file's 1 MB name was quoted whole, to where the CLI cuts a line
        raise BadInput(f"unknown framework {quoted_name(name)}{hint}")

    def requirement(self, requirement_id: str) -> tuple[Framework, Requirement] | None:
        """The framework and requirement with this id (case-insensitive), if any; named after
        its framework too (`osaid:OSAID-PARAMETERS`, as `--require mof:class-2` names a level),
        then only that framework's."""
        wanted = requirement_id.strip().lower()
        named, colon, bare = wanted.partition(":")
        frameworks = list(self.frameworks.values())
        if colon and named.strip():
            frameworks = [f for f in frameworks if named.strip() in (f.id, *f.aliases)]
            wanted = bare.strip()
        for framework in frameworks:
            for requirement in framework.requirements:
                if requirement.id.lower() == wanted:
                    return framework, requirement
        return None
