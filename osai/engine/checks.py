"""Checks against the evidence: a component (and its licence under a policy), a fact (stated,
or tested), any or all of several.  Shared by every kind of framework.

A check is met only on positive evidence, unmet only on positive evidence to the contrary,
otherwise unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from osai.evidence import (
    Certainty,
    ComponentEvidence,
    Fact,
    LicenceFact,
    Presence,
    Provenance,
    Release,
    said_of_card_terms,
    strongest,
    weakest,
)
from osai.inference import SOURCE, not_inferred
from osai.licence_spelling import exact_spelling
from osai.licenses import LicenceKnowledge, LicenceState, parse_licence
from osai.licenses.naming import unread_name
from osai.rules import Check, FactKind, Mode, RuleSet
from osai.rules.inference import Reading
from osai.textsafe import some_of
from osai.verdict import (
    WHY_FIRST,
    FactRef,
    PlaceRef,
    Reason,
    Status,
    WhyUnknown,
    respelling_said,
)


@dataclass(frozen=True)
class CheckOutcome:
    status: Status
    reason: Reason
    evidence: tuple[Provenance, ...] = ()
    licence: str = ""
    substituted_by: str = ""
    # How sure the outcome is, where the check knows better than "the weakest of its evidence":
    # sources that agree a component is released make it as sure as the surest of them.
    certainty: Certainty | None = None
    why_unknown: WhyUnknown | None = None  # unknown: why (what would settle it)
    # Not seen, under a licence that leaves it unknown too (a state naming none, `unknown`; terms
    # osai cannot judge, `other`): why that licence does.  Saying it is released settles nothing
    # then, and what would is said from this, not from the reason's words.
    licence_why_unknown: WhyUnknown | None = None
    # Unmet only for its spelling, where the mode matches licence ids verbatim (a tool
    # reproduced exactly): the spelling the mode accepts (`Apache 2.0` → `Apache-2.0`).
    respell: str = ""
    # Unknown only because facts that contradict it are stated (its `unless_stated`, `unless`):
    # those facts.  Stating more settles nothing; the release changing, or a reading of what
    # states them, does.
    against: tuple[str, ...] = ()
    # Unknown only because parts it asks every released one of to meet fail (`every_released`):
    # their components.  Relicensing them, or a reading that the rest suffices, settles it.
    released_failing: tuple[str, ...] = ()
    # Unknown for `against` or `released_failing`, unmet for `failed_by`: what keeps it from
    # being met, the clauses its reason ends with ("but …"), apart from what met it: what
    # changed is said from these, not found again in the words (a stated value may hold "; but ").
    held_by: Reason = field(default_factory=Reason)
    # Unmet because its `fails_if` is met, whatever it shows otherwise (OSAID's weights given
    # only on approval): the facts that fail it.  Changing them settles it (the gate, not the
    # licence); no statement or relicensing does.
    failed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """One release judged under one framework's mode."""

    release: Release
    rules: RuleSet
    mode: Mode
    # Each check's outcome here, by the check's identity (the check kept beside it, so an id is
    # never reused while its entry lives): a requirement's check is asked again for the facts it
    # leaves open, the groups they make and what met it, and a part of it by its whole.
    outcomes: dict[int, tuple[Check, CheckOutcome]] = field(
        default_factory=dict, compare=False, repr=False
    )


def evaluate_check(check: Check, context: Context) -> CheckOutcome:
    """A check's outcome on the context's release (each check judged once per context)."""
    kept = context.outcomes.get(id(check))
    if kept is not None and kept[0] is check:
        return kept[1]
    outcome = _evaluated(check, context)
    context.outcomes[id(check)] = (check, outcome)
    return outcome


def _evaluated(check: Check, context: Context) -> CheckOutcome:
    stated = _stated_instead(check.inferred_by, context) if check.inferred_by else None
    if stated is not None:
        return stated
    outcome = _evaluated_alone(check, context)
    contradiction = check.contradiction
    if outcome.status is Status.MET and contradiction is not None:
        outcome = _contradicted(check, contradiction, outcome, context)
    if outcome.status is Status.MET and check.inferred_by:
        outcome = _inferred(check.inferred_by, outcome, context)
    if check.fails_if is not None:
        outcome = _failed(check.fails_if, outcome, context)
    return outcome


def _stated_instead(reading_id: str, context: Context) -> CheckOutcome | None:
    """The outcome on the fact a reading stands in for, where a source states it: a declaration
    or a detection wins over a reading, "not provided" included (rules/inference.yaml), as over
    an inferred fact.  `training_data_description: false` beside a data card was met by the
    card, "inferred", and the action asked to declare what was declared.  None where no source
    states it (the reading may stand) or the reading stands in for no fact."""
    key = context.rules.readings[reading_id].stands_for
    fact = context.release.facts.get(key) if key else None
    if fact is None or fact.provenance.source == SOURCE:
        return None
    return _evaluate_fact(Check(fact=key), context)


def _inferred(reading_id: str, outcome: CheckOutcome, context: Context) -> CheckOutcome:
    """A met check whose being met is a reading of the framework's text (its `inferred_by`:
    OSAID's "complete description of all data used for training", met on a data card), met as
    an inference: at most as sure as "inferred", its evidence naming the reading as an
    inference rule's names the rule, so a gate passes on it only with --min-certainty inferred."""
    reading = context.rules.readings[reading_id]
    said = Provenance(SOURCE, reading.id, reading.title, Certainty.INFERRED, None, _cited(reading))
    sure = outcome_certainty(outcome)
    return replace(
        outcome,
        evidence=(*outcome.evidence, said),
        certainty=weakest(c for c in (sure, Certainty.INFERRED) if c is not None),
    )


def _cited(reading: Reading) -> str:
    return f"met by the reading {reading.id}: {reading.citation.ref}"


def _failed(fails_if: Check, outcome: CheckOutcome, context: Context) -> CheckOutcome:
    """A check its `fails_if` meets, unmet, whatever it shows otherwise (met, unknown or
    unmet): OSAID's parameters under open terms, served only to those whose request the
    provider approves, cannot be used "without having to ask for permission".  Unmet, not
    unknown (as `unless` leaves it): what meets it is a fact that decides, the host's gate or
    the publisher's declaration, not a sentence a pattern read.  Its fails_if unmet or unknown
    (nothing shows a gate), the check's own outcome stands."""
    failing = evaluate_check(fails_if, context)
    if failing.status is not Status.MET:
        return outcome
    stated = tuple(key for key in fails_if.facts() if context.release.states(key))
    held_by = Reason.of("but ", failing.reason)
    return CheckOutcome(
        Status.UNMET,
        Reason.of(outcome.reason, "; ", held_by),
        tuple(dict.fromkeys((*outcome.evidence, *failing.evidence))),
        outcome.licence,
        outcome.substituted_by,
        # as sure as what fails it: a declared gate fails it surely, whatever licence evidence
        certainty=outcome_certainty(failing),
        held_by=held_by,
        failed_by=stated,
    )


def _contradicted(
    check: Check, contradiction: Check, outcome: CheckOutcome, context: Context
) -> CheckOutcome:
    """A met check that stated facts contradict (its `unless_stated`, its `unless`), unknown:
    the index's "all training data sources open" on datasets and a data card, beside a card
    saying some data is not public.  Never unmet: what states the fact may speak of other data
    (a card's sentence, read by a pattern), and only a reading settles which holds."""
    if evaluate_check(contradiction, context).status is not Status.MET:
        return outcome
    facts = context.release.facts
    stated = [facts[key] for key in contradiction.facts() if context.release.states(key)]
    # its own facts its reason says already ("third_party_data_sources: none; but ... none")
    others = [fact for fact in stated if fact.key not in check.facts()]
    against = Reason.joined(_said(fact.key, _value_said(fact)) for fact in others)
    held_by = Reason.of("but ", against)
    return CheckOutcome(
        Status.UNKNOWN,
        Reason.of(outcome.reason, "; ", held_by),
        (*outcome.evidence, *(fact.provenance for fact in others)),
        outcome.licence,
        why_unknown=WhyUnknown.UNSETTLED,
        against=tuple(fact.key for fact in stated),
        held_by=held_by,
    )


def _evaluated_alone(check: Check, context: Context) -> CheckOutcome:
    if check.any_of and check.every_released:
        return _every_released(check.any_of, _evaluate_any_of(check.any_of, context), context)
    if check.any_of:
        return _evaluate_any_of(check.any_of, context)
    if check.all_of:
        return _evaluate_all_of(check.all_of, context)
    if check.fact:
        return _evaluate_fact(check, context)
    outcome = _evaluate_component(check.component, check.policy, context, check.own_licence)
    if outcome.status is Status.MET or not check.substitute:
        return outcome
    return _with_substitute(check, outcome, context)


def _with_substitute(check: Check, own: CheckOutcome, context: Context) -> CheckOutcome:
    if not context.release.component(check.substitute).is_present:
        return own
    stand_in = _evaluate_component(check.substitute, check.policy, context, check.own_licence)
    name = context.rules.components[check.substitute].name
    evidence = tuple(dict.fromkeys(own.evidence + stand_in.evidence))
    if own.status is Status.UNKNOWN and stand_in.status is Status.UNMET:
        # A stand-in that fails shows nothing about the component itself, which may yet be
        # released openly: unknown stays unknown (only a stand-in that passes settles it).
        return replace(
            own,
            reason=Reason.of(
                own.reason,
                f"; {name} would stand in, but fails (",
                _unnamed(stand_in.reason, name),
                "), which does not settle it",
            ),
            evidence=evidence,
        )
    return CheckOutcome(
        stand_in.status,
        Reason.of(own.reason, f"; {name} stands in: ", _unnamed(stand_in.reason, name)),
        evidence,
        stand_in.licence,
        check.substitute,
        certainty=outcome_certainty(stand_in),  # the verdict is the stand-in's
        why_unknown=stand_in.why_unknown,
        respell=stand_in.respell,
    )


def _unnamed(reason: Reason, name: str) -> Reason:
    """A component's reason without the name it opens with, which the clause before it gives:
    "Research paper stands in: Research paper: released, licence unknown" named it twice."""
    first, *rest = reason.parts or ("",)
    if isinstance(first, str) and first.startswith(f"{name}: "):
        return Reason((first.removeprefix(f"{name}: "), *rest))
    return reason


def _evaluate_any_of(checks: tuple[Check, ...], context: Context) -> CheckOutcome:
    """Met when one is met; unknown when none is but one is unknown; unmet when all are."""
    return _combine([evaluate_check(check, context) for check in checks], decisive=Status.MET)


def _every_released(
    checks: tuple[Check, ...], outcome: CheckOutcome, context: Context
) -> CheckOutcome:
    """An any_of met while another of its parts, released, fails (`every_released`): unknown.
    Never unmet: the parts that meet it may be all the framework asks (an open paper may say
    all a skilled person needs of the data beside a data card under CC-BY-NC-4.0), and only
    a reading settles whether they are."""
    if outcome.status is not Status.MET:
        return outcome
    released = (check for check in checks if check.component)
    released = (
        check for check in released if context.release.component(check.component).is_present
    )
    failing = [(check, evaluate_check(check, context)) for check in released]
    failing = [(check, part) for check, part in failing if part.status is Status.UNMET]
    if not failing:
        return outcome
    held_by = Reason.of(
        "but released too, ",
        _joined([part for _, part in failing]),
        "; whether what meets it suffices is a reading",
    )
    return CheckOutcome(
        Status.UNKNOWN,
        Reason.of(outcome.reason, "; ", held_by),
        (*outcome.evidence, *(p for _, part in failing for p in part.evidence)),
        outcome.licence,
        why_unknown=WhyUnknown.LEFT_TO_READING,
        released_failing=tuple(check.component for check, _ in failing),
        held_by=held_by,
    )


def _evaluate_all_of(checks: tuple[Check, ...], context: Context) -> CheckOutcome:
    """Unmet when one is unmet; unknown when none is but one is unknown; met when all are."""
    return _combine([evaluate_check(check, context) for check in checks], decisive=Status.UNMET)


def _combine(outcomes: list[CheckOutcome], decisive: Status) -> CheckOutcome:
    chosen = [outcome for outcome in outcomes if outcome.status is decisive]
    if chosen and decisive is Status.MET:  # any_of: met as surely as the surest met branch
        return min(chosen, key=_weakness)
    if chosen:  # all_of: one proven violation suffices
        return CheckOutcome(
            Status.UNMET,
            _joined(chosen),
            tuple(p for outcome in chosen for p in outcome.evidence),
            chosen[0].licence,
            certainty=strongest(c for c in map(outcome_certainty, chosen) if c is not None),
        )
    unknown = [outcome for outcome in outcomes if outcome.status is Status.UNKNOWN]
    if unknown:
        return CheckOutcome(
            Status.UNKNOWN,
            _joined(outcomes),
            tuple(p for outcome in unknown for p in outcome.evidence),
            why_unknown=first_why(outcome.why_unknown for outcome in unknown),
        )
    if decisive is Status.MET:  # any_of, every branch unmet: as sure as the least sure
        return CheckOutcome(
            Status.UNMET,
            _joined(outcomes),
            # each once: a reading that gives way to its fact's statement is judged on it
            tuple(dict.fromkeys(p for outcome in outcomes for p in outcome.evidence)),
            certainty=weakest(c for c in map(outcome_certainty, outcomes) if c is not None),
        )
    return CheckOutcome(  # all_of, every branch met: as sure as the least sure of them
        Status.MET,
        _joined(outcomes),
        tuple(p for outcome in outcomes for p in outcome.evidence),
        next((outcome.licence for outcome in outcomes if outcome.licence), ""),
        certainty=weakest(c for c in map(outcome_certainty, outcomes) if c is not None),
    )


def facts_open(check: Check, context: Context) -> tuple[tuple[str, WhyUnknown | None], ...]:
    """The facts of a check whose own test is not met (each judged alone, wherever it sits),
    each with why it is unknown (None: unmet)."""
    if check.fact:
        outcome = evaluate_check(check, context)
        return () if outcome.status is Status.MET else ((check.fact, outcome.why_unknown),)
    return facts_open_in(check.parts, context)


def facts_open_in(
    checks: Iterable[Check], context: Context
) -> tuple[tuple[str, WhyUnknown | None], ...]:
    """facts_open of several checks (a check's parts, a graded requirement's undecided
    grades): each fact once, as first judged; none of an any_of among them that is met, whose
    other ways are not needed (a description of the architecture, one of two ways with the
    architecture's code released, was asked for beside the hardware an all_of still needed).
    A requirement's own any_of met keeps its facts not met: settle names what met it."""
    found: dict[str, WhyUnknown | None] = {}
    for check in checks:
        if check.any_of and evaluate_check(check, context).status is Status.MET:
            continue
        for key, why in facts_open(check, context):
            found.setdefault(key, why)
    return tuple(found.items())


def facts_against(checks: Iterable[Check], context: Context) -> tuple[str, ...]:
    """The stated facts that leave checks (or parts of them) unknown which would be met without
    them (`unless_stated`, `unless`), each once, as first found."""
    found: dict[str, None] = {}
    for check in checks:
        found.update(dict.fromkeys(evaluate_check(check, context).against))
        found.update(dict.fromkeys(facts_against(check.parts, context)))
    return tuple(found)


def facts_failing(checks: Iterable[Check], context: Context) -> tuple[str, ...]:
    """The facts that fail checks (or parts of them) by their `fails_if`, whatever else they
    show, each once, as first found."""
    found: dict[str, None] = {}
    for check in checks:
        found.update(dict.fromkeys(evaluate_check(check, context).failed_by))
        found.update(dict.fromkeys(facts_failing(check.parts, context)))
    return tuple(found)


def released_failing(checks: Iterable[Check], context: Context) -> tuple[str, ...]:
    """The released components that leave checks (or parts of them) unknown which would be met
    without them (`every_released`), each once, as first found."""
    found: dict[str, None] = {}
    for check in checks:
        found.update(dict.fromkeys(evaluate_check(check, context).released_failing))
        found.update(dict.fromkeys(released_failing(check.parts, context)))
    return tuple(found)


def held_by(checks: Iterable[Check], context: Context) -> tuple[Reason, ...]:
    """What keeps checks (or parts of them) from being met that would be without it (stated
    facts against them, released parts failing them: CheckOutcome.held_by), each once, as first
    found."""
    found: dict[Reason, None] = {}
    for check in checks:
        held = evaluate_check(check, context).held_by
        if held.parts:
            found[held] = None
        found.update(dict.fromkeys(held_by(check.parts, context)))
    return tuple(found)


def facts_either(checks: Iterable[Check], context: Context) -> tuple[tuple[str, ...], ...]:
    """The facts any one of which would meet the check they make up (an any_of of facts alone,
    none of them met), each group once: one step to state one of them.  EOSAI's datasheet,
    a training data description or the AI Act's training-content summary, asked for both."""
    found: dict[tuple[str, ...], None] = {}
    for check in checks:
        if not check.parts:  # a component or a fact alone: no group (most requirements)
            continue
        if check.any_of and all(part.fact for part in check.any_of):
            group = tuple(key for key, _ in facts_open(check, context))
            if len(group) > 1 and len(group) == len(check.any_of):
                found[group] = None
            continue
        found.update(dict.fromkeys(facts_either(check.parts, context)))
    return tuple(found)


def publish_either(
    checks: Iterable[Check], context: Context
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """The facts and components any one of which would meet the check they make up (an any_of
    of facts and components alone, none met, each component not known to be released: it is
    to be published), as (facts, components), each group once.  OSAID's data description,
    a description stated or a data card published, asked only for the description."""
    found: dict[tuple[tuple[str, ...], tuple[str, ...]], None] = {}
    for check in checks:
        if not check.parts:  # a component or a fact alone: no group (most requirements)
            continue
        group = _fact_or_publish(check, context)
        if group is not None:
            found[group] = None
        elif not _mixed_any_of(check):
            found.update(dict.fromkeys(publish_either(check.parts, context)))
    return tuple(found)


def _mixed_any_of(check: Check) -> bool:
    """An any_of of plain facts and plain components, at least one of each."""
    plain = all(bool(part.fact) != bool(part.component) for part in check.any_of)
    has = {bool(part.fact) for part in check.any_of}
    return bool(check.any_of) and plain and has == {True, False}


def _fact_or_publish(
    check: Check, context: Context
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A mixed any_of's (facts, components) when each is still to be stated or published."""
    if not _mixed_any_of(check) or evaluate_check(check, context).status is Status.MET:
        return None
    facts = tuple(part.fact for part in check.any_of if part.fact)
    components = tuple(part.component for part in check.any_of if part.component)
    if tuple(key for key, _ in facts_open(check, context)) != facts:
        return None
    released = (context.release.component(c).presence is Presence.PRESENT for c in components)
    return None if any(released) else (facts, components)


def outcome_certainty(outcome: CheckOutcome) -> Certainty | None:
    """How sure a met or unmet outcome is: what its check says, else its weakest evidence."""
    if outcome.status not in (Status.MET, Status.UNMET):
        return None
    if outcome.certainty is not None:
        return outcome.certainty
    return weakest(p.certainty for p in outcome.evidence)


def first_why(whys: Iterable[WhyUnknown | None]) -> WhyUnknown | None:
    """Of the reasons several unknown outcomes are unknown for, the one said (WHY_FIRST)."""
    given = set(whys)
    return next((why for why in WHY_FIRST if why in given), None)


def _weakness(outcome: CheckOutcome) -> int:
    """0 for declared, up to inferred; unknown certainty last (ties keep the rule's order)."""
    sure = outcome_certainty(outcome)
    return len(Certainty) if sure is None else list(Certainty).index(sure)


def _joined(outcomes: list[CheckOutcome]) -> Reason:
    """The reasons, each clause once (nested checks repeat the same clauses)."""
    clauses = (clause for outcome in outcomes for clause in outcome.reason.clauses())
    return Reason.joined(dict.fromkeys(clauses))


# --- facts -----------------------------------------------------------------------------------


def _evaluate_fact(check: Check, context: Context) -> CheckOutcome:
    key = check.fact
    fact = context.release.facts.get(key)
    if fact is None:
        return _fact_not_given(key, context)
    evidence = (fact.provenance,)
    if check.provided is False:
        if fact.provided:
            return CheckOutcome(Status.UNMET, _said(key, _value_said(fact)), evidence)
        return CheckOutcome(Status.MET, _said(key, _none_said(fact)), evidence)
    tests_value = check.tests_number
    if not fact.provided and (tests_value or check.tests_category):
        # A number or a category not given (`training_compute_flop: false`) is no value that
        # fails the test: undisclosed compute is not compute above the bound.
        return CheckOutcome(
            Status.UNKNOWN,
            _said(key, "declared not provided; what the rule tests cannot be told from it"),
            evidence,
            why_unknown=WhyUnknown.UNSETTLED,
        )
    if not fact.provided:
        return CheckOutcome(
            Status.UNMET, _said(key, _value_said(fact) or "declared not provided"), evidence
        )
    if tests_value:
        return _number_test(check, fact)
    if check.tests_category:
        return _value_test(check, fact, context.rules.facts.get(key))
    return CheckOutcome(Status.MET, _said(key, _value_said(fact)), evidence)


def _value_said(fact: Fact) -> str:
    """A fact's value as a reason shows it: some of the names a list states, and how many more
    (a merge's recipe naming 32 models ran the EOSAI's base-model row to eight lines); the
    fact keeps them all (a BOM states them)."""
    return some_of(fact.items) if fact.items else fact.value


def _none_said(fact: Fact) -> str:
    """A fact not provided, as a `provided: false` check meets it: "declared none" only when it
    was declared.  A card without `base_model` is read as a model trained from scratch
    (inferred), which an FMTI-like "base model, or none" indicator said was "declared none"."""
    sure = fact.provenance.certainty
    return "declared none" if sure is Certainty.DECLARED else f"none ({sure})"


def _said(key: str, what: str, joiner: str = ": ") -> Reason:
    """A clause about a fact, which it names by id: "weights_access: approval"."""
    return Reason.of(FactRef(key, joiner), what)


def _fact_not_given(key: str, context: Context) -> CheckOutcome:
    """No source gives the fact: not stated (and why it was not inferred, where a component it
    could be inferred from is released), unless what would state it was not read (a gated
    card's body): then nothing says it is not stated either."""
    release = context.release
    unread = release.unread_fact(key)
    if unread is None:
        said = _said(key, "not stated", " ")
        why = not_inferred(key, release, context.rules)
        if why is not None:
            said = Reason.of(said, " (", why, ")")
        return CheckOutcome(Status.UNKNOWN, said, why_unknown=WhyUnknown.NO_EVIDENCE)
    said = _said(key, f"not read ({unread.describe()})", " ")
    return CheckOutcome(Status.UNKNOWN, said, why_unknown=WhyUnknown.NOT_READ)


def _number_test(check: Check, fact: Fact) -> CheckOutcome:
    evidence = (fact.provenance,)
    if fact.number is None:
        return CheckOutcome(
            Status.UNKNOWN,
            _said(fact.key, f"'{fact.value}' is not a number"),
            evidence,
            why_unknown=WhyUnknown.UNSETTLED,
        )
    bounds = []
    if check.at_most is not None:
        bounds.append((fact.number <= check.at_most, f"at most {check.at_most:g}"))
    if check.at_least is not None:
        bounds.append((fact.number >= check.at_least, f"at least {check.at_least:g}"))
    if check.greater_than is not None:
        more = f"more than {check.greater_than:g}"
        bounds.append((fact.number > check.greater_than, more))
    failed = [words for holds, words in bounds if not holds]
    if failed:
        said = _said(fact.key, f"{fact.number:g}, not {failed[0]}")
        return CheckOutcome(Status.UNMET, said, evidence)
    wanted = " and ".join(words for _, words in bounds)
    return CheckOutcome(Status.MET, _said(fact.key, f"{fact.number:g} ({wanted})"), evidence)


def _value_test(check: Check, fact: Fact, kind: FactKind | None) -> CheckOutcome:
    """A category's value against the check's lists, said with what says it (the source's note:
    "the access form asks for personal data"), else with what it means (rules/components.yaml
    value_titles): a manifest's `monetisation: dual-licensing` was said as the token alone in
    every report, where the review action said it in words."""
    evidence = (fact.provenance,)
    titled = dict(kind.value_titles).get(fact.value, "") if kind is not None else ""
    said = fact.provenance.note or titled
    note = f" ({said})" if said else ""
    # a statement's word as a publisher may write it ("None.", "N/A" for none used); a
    # category's value is a token
    statement = kind is not None and kind.type == "statement"
    value = kind.compared(fact.value) if kind is not None and statement else fact.value
    if value in check.met_if:
        return CheckOutcome(Status.MET, _said(fact.key, f"{fact.value}{note}"), evidence)
    if value in check.unmet_if:
        return CheckOutcome(Status.UNMET, _said(fact.key, f"{fact.value}{note}"), evidence)
    if value in check.review_if:
        return CheckOutcome(
            Status.UNKNOWN,
            _said(
                fact.key,
                f"{fact.value}{note}; the rule leaves whether that is enough to a reading",
            ),
            evidence,
            why_unknown=WhyUnknown.LEFT_TO_READING,
        )
    return CheckOutcome(
        Status.UNKNOWN,
        _said(fact.key, f"{fact.value}{note}; whether that is enough cannot be told from it"),
        evidence,
        why_unknown=WhyUnknown.UNSETTLED,
    )


# --- components and their licences -----------------------------------------------------------


def _evaluate_component(
    component_id: str, policy_name: str, context: Context, own_licence: bool = False
) -> CheckOutcome:
    evidence = context.release.component(component_id)
    name = context.rules.components[component_id].name
    if not own_licence or not policy_name:
        return _judge_component(evidence, name, policy_name, context)
    own, inherited = _own_terms(evidence)
    outcome = _judge_component(own, name, policy_name, context)
    if inherited is None or evidence.presence is not Presence.PRESENT:
        return outcome
    # released, under the release's licence alone: its own terms are unknown, and why
    return replace(
        outcome,
        reason=Reason.of(
            outcome.reason,
            f"; {inherited.text.strip()}, inherited from ",
            PlaceRef(inherited.inherited_from),
            ", is the release's licence, not the component's own",
        ),
        evidence=(*outcome.evidence, inherited.provenance),
    )


def _own_terms(evidence: ComponentEvidence) -> tuple[ComponentEvidence, LicenceFact | None]:
    """The component judged on a licence of its own (a check's `own_licence`): the one it
    inherits from the release as a whole is none, unless another source states one for it
    that agreed (LicenceFact.corroborated_by: a linked repository's LICENSE beside a listing's
    release-wide licence); and the release's licence it inherits, where that was all it had."""
    licence = evidence.licence
    if licence is None or not licence.from_release:
        return evidence, None
    own = licence.own
    if own is not None:
        return replace(evidence, licence=own), None
    return replace(evidence, licence=None), licence


def _judge_component(
    evidence: ComponentEvidence, name: str, policy_name: str, context: Context
) -> CheckOutcome:
    seen = evidence.presence_certainty
    if evidence.presence is Presence.ABSENT:
        return CheckOutcome(
            Status.UNMET, Reason.of(f"{name}: not released"), evidence.provenance, certainty=seen
        )
    if evidence.presence is Presence.UNKNOWN:
        return _unseen_component(evidence, name, policy_name, context)
    if not policy_name:
        said = Reason.of(f"{name}: released")
        return CheckOutcome(Status.MET, said, evidence.provenance, certainty=seen)
    return _judge_licence(evidence, name, policy_name, context)


_NO_EVIDENCE = "no evidence found"
_UNSETTLED_EVIDENCE = "the evidence does not settle whether it is released"


def _unseen_component(
    evidence: ComponentEvidence, name: str, policy_name: str, context: Context
) -> CheckOutcome:
    """Not seen, but under a known licence: a failing licence fails it whether it exists or not.

    "No evidence found" (a manifest's "not declared" is no evidence either way), unless the
    evidence is divided (a listing's omission against an inferred sighting): then it says so;
    or unless what would show it was not read (a gated card's data section, its paper links):
    then nothing says it is unseen either, as of a fact (_fact_not_given)."""
    said, why = _NO_EVIDENCE, WhyUnknown.NO_EVIDENCE
    unread = context.release.unread_component(evidence.component)
    if evidence.divided:
        said, why = _UNSETTLED_EVIDENCE, WhyUnknown.UNSETTLED
    elif unread is not None:
        said, why = f"not read ({unread.describe()})", WhyUnknown.NOT_READ
    unknown = CheckOutcome(
        Status.UNKNOWN, Reason.of(f"{name}: {said}"), evidence.provenance, why_unknown=why
    )
    if evidence.licence is None or not policy_name:
        return unknown
    judged = _judge_licence(evidence, name, policy_name, context)
    if judged.status is not Status.UNMET:
        effect = "would meet this" if judged.status is Status.MET else "leaves this unknown"
        # as the verdicts name it (a card's `apache-2.0` is Apache-2.0), not as spelled
        under = unread_name(judged.licence or evidence.licence.text)
        would = f"; if released, it is under {under}, which {effect}"
        return replace(
            unknown,
            reason=Reason.of(unknown.reason, would),
            licence=judged.licence,
            licence_why_unknown=judged.why_unknown,
        )
    anyway = "; not seen, but any release of it is under that licence"
    return replace(judged, reason=Reason.of(judged.reason, anyway))


def _judge_licence(
    evidence: ComponentEvidence, name: str, policy_name: str, context: Context
) -> CheckOutcome:
    provenance = evidence.provenance
    if evidence.licence is None:
        return CheckOutcome(
            Status.UNKNOWN,
            Reason.of(f"{name}: released, licence unknown"),
            provenance,
            why_unknown=WhyUnknown.LICENCE_UNKNOWN,
        )
    licence = evidence.licence
    content_type = context.rules.components[evidence.component].content_type
    verdict = _licence_verdict(licence.text, policy_name, content_type, context)
    if licence.alternatives:
        undecided = _undecided(evidence, verdict, name, policy_name, context)
        if undecided is not None:
            return undecided
    if licence.unless and verdict.status is Status.MET:
        # what binds it besides was not read (a base model), or was read and is no licence
        # osai can judge (the use restrictions the card's licence section states)
        why = WhyUnknown.UNSETTLED if said_of_card_terms(licence.unless) else WhyUnknown.NOT_READ
        return CheckOutcome(
            Status.UNKNOWN,
            Reason.of(f"{name}: {verdict.reason}, unless {licence.unless}"),
            (*provenance, licence.provenance),
            why_unknown=why,
        )
    # where it was inherited from, by location: a report says it in words, the prose around it
    # (the licence as spelled among it) as it is
    inherited = (
        Reason.of(" (inherited from ", PlaceRef(licence.inherited_from), ")")
        if licence.inherited_from
        else Reason()
    )
    seen = evidence.presence_certainty
    agreeing = tuple(
        other.provenance
        for other in licence.corroborated_by
        if _licence_verdict(other.text, policy_name, content_type, context).status is verdict.status
    )
    # Known as surely as the weaker of "it is released" and "under this licence", the licence
    # as surely as the surest source whose licence gives the same verdict, and, where it may be
    # another (alternatives, all giving this verdict), as surely as the least sure of them.
    licensed = strongest(p.certainty for p in (licence.provenance, *agreeing))
    instead = tuple(other.provenance for other in licence.alternatives)
    sure = weakest(c for c in (seen, licensed, *(p.certainty for p in instead)) if c is not None)
    return CheckOutcome(
        verdict.status,
        Reason.of(f"{name}: {verdict.reason}", inherited, f"{verdict.hint}{_or_else(licence)}"),
        (*provenance, licence.provenance, *agreeing, *instead),
        verdict.display,
        certainty=sure,
        why_unknown=verdict.why_unknown,
        respell="" if instead else verdict.respell,
    )


def _or_else(licence: LicenceFact) -> str:
    """Where the licence may be another (alternatives that give the same verdict, which then
    stands), the others by name: the reason would otherwise give the first as the licence."""
    if not licence.alternatives:
        return ""
    others = " or ".join(other.text for other in licence.alternatives)
    return f"; or {others}, osai cannot tell which applies: each gives this verdict"


@dataclass(frozen=True)
class _LicenceVerdict:
    """A licence judged under a policy of a mode: all that depends on the licence's text."""

    knowledge: LicenceKnowledge  # the knowledge it was judged with
    status: Status
    reason: str
    display: str
    respell: str  # the spelling a verbatim mode accepts, where only the spelling fails it
    why_unknown: WhyUnknown | None  # unknown: why (None when met or unmet)

    @property
    def hint(self) -> str:
        if not self.respell:
            return ""
        return f"; {respelling_said(self.respell)}"


def _undecided(
    evidence: ComponentEvidence,
    verdict: _LicenceVerdict,
    name: str,
    policy_name: str,
    context: Context,
) -> CheckOutcome | None:
    """Unknown when the licences that may apply instead of the component's
    (LicenceFact.alternatives) give another verdict than its own (`verdict`); None when all
    give the same, which then stands."""
    licence = evidence.licence
    assert licence is not None  # only a licence with alternatives is asked
    content_type = context.rules.components[evidence.component].content_type
    others = [
        (other, _licence_verdict(other.text, policy_name, content_type, context))
        for other in licence.alternatives
    ]
    if all(judged.status is verdict.status for _, judged in others):
        return None
    each = "; ".join(
        f"{fact.text}: {judged.status.value}" for fact, judged in ((licence, verdict), *others)
    )
    return CheckOutcome(
        Status.UNKNOWN,
        Reason.of(f"{name}: osai cannot tell which licence applies, and they differ ({each})"),
        (
            *evidence.provenance,
            licence.provenance,
            *(other.provenance for other in licence.alternatives),
        ),
        why_unknown=WhyUnknown.LICENCE_UNKNOWN,
    )


def _licence_verdict(
    text: str, policy_name: str, content_type: str, context: Context
) -> _LicenceVerdict:
    """The verdict on a licence text, judged once per mode, policy and content type (pure: the
    same text always gets the same verdict under the same rules)."""
    knowledge = context.rules.licences
    memo = context.mode.licence_verdicts
    key = (text, policy_name, content_type)
    found = memo.get(key)
    if isinstance(found, _LicenceVerdict) and found.knowledge is knowledge:
        return found
    exact = context.mode.exact
    parsed = parse_licence(text, knowledge, exact=exact)
    policy = context.mode.policies[policy_name]
    judgement = context.mode.judge_licence(parsed, policy, content_type, knowledge)
    accepted = policy.accepted_sets(content_type)
    respell = _respelt(text, judgement.status, exact, accepted, context)
    why = _why_licence_unknown(parsed.state) if judgement.status is Status.UNKNOWN else None
    verdict = _LicenceVerdict(
        knowledge, judgement.status, judgement.reason, parsed.display, respell, why
    )
    memo.remember(key, verdict)
    return verdict


def _why_licence_unknown(state: LicenceState) -> WhyUnknown:
    """Why a licence leaves a requirement unknown: a state that names no licence (rules/
    licenses.yaml `states`: `unknown`, `undisclosed`, as an `osai init` draft writes where it
    found none) leaves the licence to be stated, as no licence at all does; a licence, osai
    cannot judge it under the policy (its terms are to be read)."""
    if state is LicenceState.UNDISCLOSED:
        return WhyUnknown.LICENCE_UNKNOWN
    return WhyUnknown.LICENCE_UNJUDGED


def _respelt(
    text: str, status: Status, exact: bool, accepted: tuple[str, ...], context: Context
) -> str:
    """Where licences are matched verbatim (a tool reproduced exactly), how to write a licence
    rejected only for its spelling: `apache-2.0` → `Apache-2.0`; else ""."""
    if not exact or status is Status.MET:
        return ""
    spelt = exact_spelling(text, accepted, context.rules.licences)
    if spelt is None or spelt == text:
        return ""
    return spelt
