"""Graded frameworks (the European Open Source AI Index, indices shaped like the FMTI): each
requirement earns a grade of the framework's scale, and the framework a score from 0 to 1.

A grade is earned only when its condition is met and every better grade's condition is unmet
(positive evidence against each); an `otherwise` grade needs only the latter.  When a better
grade's condition is unknown, the grade is unknown, and the report says the least it surely is.
Unknown grades are left out of the mean (ScoreGroup.score is over what is known); beside it are
the bounds the score lies within whatever the unknown grades turn out to be, and while any grade
is unknown, reports give those bounds, not the mean (ScoreGroup.figure).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from osai.assessment import (
    FrameworkAssessment,
    GradedScore,
    NextStep,
    RequirementResult,
    ScoreGroup,
    Status,
)
from osai.engine.checks import (
    CheckOutcome,
    Context,
    evaluate_check,
    facts_against,
    facts_either,
    facts_open,
    facts_open_in,
    first_why,
    held_by,
    outcome_certainty,
    publish_either,
)
from osai.engine.levels import fixed_against
from osai.evidence import Certainty, Presence, Provenance, weakest
from osai.rules import Check, Framework, Grade, GradeCondition, Requirement
from osai.textsafe import joined
from osai.verdict import Citation, Reason, WhyUnknown

OVERALL = ""  # the group id of the overall score
UNSCORED = "unscored"
OTHERWISE = Reason.of("every better grade is ruled out")


@dataclass(frozen=True)
class _Grading:
    grade: str  # "" when unknown
    at_least: str
    at_most: str
    reason: Reason
    evidence: tuple[Provenance, ...]
    # An earned grade is as sure as the least sure of its outcomes (its own condition met, each
    # better one ruled out), each as sure as the levels engine says (outcome_certainty): a weaker
    # source that only corroborates makes it no less sure.
    certainty: Certainty | None = None
    why_unknown: WhyUnknown | None = None  # no grade: why the conditions that decide it are unknown
    # no grade: the conditions left undecided (or whether the requirement applies), whose facts
    # not met are what stating would settle (RequirementResult.facts_open)
    undecided: tuple[Check, ...] = ()
    applies: bool = True  # False: its applies_when is unmet (RequirementResult.applies)
    short_of: tuple[tuple[str, ...], ...] = ()  # RequirementResult.short_of


def grade_requirement(
    requirement: Requirement, framework: Framework, context: Context
) -> RequirementResult:
    grading = _applicability(requirement, context) or _grade(requirement, framework, context)
    top = framework.grades[0].id
    status = (
        Status.UNKNOWN
        if not grading.grade
        else Status.MET
        if grading.grade == top
        else Status.UNMET
    )
    earned = framework.grade(grading.grade)
    open_facts = dict(facts_open_in(grading.undecided, context))
    return RequirementResult(
        requirement_id=requirement.id,
        title=requirement.title,
        level="",
        required=requirement.required,
        status=status,
        reason=grading.reason,
        citation=requirement.citation,
        remediation=requirement.remediation,
        declare_in=requirement.declared_in,
        # what it asks for: a component its applies_when names only says where it applies
        components=requirement.asked_components(),
        direct_component=_direct_component(requirement),
        facts=requirement.facts(),
        facts_open=tuple(open_facts),
        facts_unknown=tuple((key, why) for key, why in open_facts.items() if why is not None),
        facts_either=facts_either(grading.undecided, context),
        publish_either=publish_either(grading.undecided, context),
        evidence=grading.evidence,
        group=requirement.group,
        certainty=grading.certainty if grading.grade else None,
        why_unknown=None if grading.grade else grading.why_unknown,
        grade=grading.grade,
        grade_at_least=grading.at_least,
        grade_at_most=grading.at_most,
        grade_value=earned.value if earned is not None else None,
        grade_citation=_grade_citation(requirement, grading.grade),
        weight=requirement.weight,
        applies=grading.applies,
        short_of=grading.short_of,
        best_possible=_best_possible(requirement, framework, grading.grade, context),
        components_unknown=_components_unknown(grading.undecided, context),
        facts_against=facts_against(grading.undecided, context),
        held_by=held_by(grading.undecided, context),
    )


def _best_possible(
    requirement: Requirement, framework: Framework, earned: str, context: Context
) -> bool:
    """Whether a grade earned below the best is the best this release can earn: every better
    grade the requirement gives fails on facts no release can change (training compute above
    what it allows), by the rule that rules a level out (levels.fixed_against)."""
    scale = [grade.id for grade in framework.grades]
    if not earned or earned == scale[0]:
        return False
    better = [
        condition.check
        for condition in requirement.grades
        if condition.check is not None and scale.index(condition.grade) < scale.index(earned)
    ]
    return all(
        fixed_against(
            check.components(),
            [key for key, _ in facts_open(check, context)],
            context.rules.fixed_facts,
            context.release,
        )
        for check in better
    )


def _applicability(requirement: Requirement, context: Context) -> _Grading | None:
    """None when the requirement applies; else why it cannot be graded from this release."""
    if requirement.applies_when is None:
        return None
    scope = evaluate_check(requirement.applies_when, context)
    if scope.status is Status.MET:
        return None
    if scope.status is Status.UNMET:
        reason = Reason.of(
            "not graded from this release (", scope.reason, "): grade it where it applies"
        )
    else:
        reason = Reason.of(
            "unknown whether it can be graded from this release (", scope.reason, ")"
        )
    unknown = scope.status is Status.UNKNOWN
    undecided = (requirement.applies_when,) if unknown else ()
    why = scope.why_unknown
    return _Grading(
        "", "", "", reason, scope.evidence, why_unknown=why, undecided=undecided, applies=unknown
    )


def _grade(requirement: Requirement, framework: Framework, context: Context) -> _Grading:
    conditions = {condition.grade: condition for condition in requirement.grades}
    ruled_out: list[tuple[Grade, CheckOutcome]] = []
    undecided: list[tuple[Grade, CheckOutcome]] = []
    checks: list[Check] = []  # the conditions of the grades undecided
    for grade in framework.grades:
        condition = conditions.get(grade.id)
        if condition is None:
            continue  # a grade this requirement never gives
        outcome = (
            evaluate_check(condition.check, context)
            if condition.check is not None
            else CheckOutcome(Status.MET, OTHERWISE)
        )
        if outcome.status is Status.UNMET:
            ruled_out.append((grade, outcome))
        elif outcome.status is Status.UNKNOWN:
            undecided.append((grade, _left_open(condition, outcome, context)))
            if condition.check is not None:  # an `otherwise` is never unknown
                checks.append(condition.check)
        elif undecided:
            return replace(
                _unknown(framework, ruled_out, undecided, at_least=grade), undecided=tuple(checks)
            )
        else:
            short_of = _unreleased_above(ruled_out, conditions, context)
            return replace(_earned(grade, outcome, ruled_out), short_of=short_of)
    unknown = _unknown(framework, ruled_out, undecided, at_least=None)
    return replace(unknown, undecided=tuple(checks))


def _left_open(
    condition: GradeCondition | None, outcome: CheckOutcome, context: Context
) -> CheckOutcome:
    """An undecided grade asked of what leaves it open: an all_of's parts that are met settle
    nothing.  EOSAI's Code documentation read "unknown (open? code_documentation not stated;
    Training code: released; Data preprocessing code: released; partial? code_documentation not
    stated)", the question said twice; it is one question now, "open or partial? ..."."""
    check = condition.check if condition is not None else None
    if check is None or not check.all_of:
        return outcome
    parts = [evaluate_check(part, context) for part in check.all_of]
    open_parts = [part for part in parts if part.status is not Status.MET]
    if not open_parts or len(open_parts) == len(parts):
        return outcome
    clauses = (clause for part in open_parts for clause in part.reason.clauses())
    return replace(outcome, reason=Reason.joined(dict.fromkeys(clauses)))


def _unreleased_above(
    ruled_out: list[tuple[Grade, CheckOutcome]],
    conditions: Mapping[str, GradeCondition],
    context: Context,
) -> tuple[tuple[str, ...], ...]:
    """The components the grade just above the one earned asks for that are not released."""
    if not ruled_out:
        return ()
    check = conditions[ruled_out[-1][0].id].check
    return _unreleased_in(check, context) if check is not None else ()


def _unreleased_in(check: Check, context: Context) -> tuple[tuple[str, ...], ...]:
    """The components a check asks for that are not released, each alone, or together where
    any one of them would do (an any_of of components none released: the technical report or
    the research paper); an any_of with another route (a fact, a component released) lacks
    none of them."""
    release = context.release

    def unreleased(component: str) -> bool:
        return release.component(component).presence is Presence.ABSENT

    if check.component:
        return ((check.component,),) if unreleased(check.component) else ()
    if check.all_of:
        return tuple(group for part in check.all_of for group in _unreleased_in(part, context))
    either = tuple(part.component for part in check.any_of)
    if either and all(either) and all(map(unreleased, either)):
        return (either,)
    return ()


def _components_unknown(checks: Iterable[Check], context: Context) -> tuple[str, ...]:
    """The components whose own check is unknown in `checks` (RequirementResult
    .components_unknown), in the order the rule names them."""
    found: list[str] = []

    def walk(check: Check) -> None:
        if check.component and evaluate_check(check, context).status is Status.UNKNOWN:
            found.append(check.component)
        for part in check.parts:
            walk(part)

    for check in checks:
        walk(check)
    return tuple(dict.fromkeys(found))


def _earned(
    grade: Grade, outcome: CheckOutcome, ruled_out: list[tuple[Grade, CheckOutcome]]
) -> _Grading:
    """The grade, with why; and why not the grade just above it (the nearest ruled out)."""
    evidence = (*outcome.evidence, *(p for _, o in ruled_out for p in o.evidence))
    outcomes = (outcome, *(judged for _, judged in ruled_out))
    sure = weakest(c for c in map(outcome_certainty, outcomes) if c is not None)
    if not ruled_out:
        reason = Reason.of(f"{grade.name}: ", outcome.reason)
        return _Grading(grade.id, grade.id, grade.id, reason, evidence, sure)
    nearest, why = ruled_out[-1]
    if outcome.reason == OTHERWISE and grade.name == f"not {nearest.name}":
        # a binary scale's lowest grade is named for the one above ("not disclosed"): saying
        # why not that one after it gave the same words twice
        reason = Reason.of(f"{grade.name}: ", why.reason)
    elif outcome.reason == OTHERWISE:
        reason = Reason.of(f"{grade.name}: not {nearest.name}: ", why.reason)
    elif why.reason.text in outcome.reason.text:
        # The clause that rules out the grade above is one that earns this one (gated weights
        # are partial and, for that, not open): say it once.
        reason = Reason.of(f"{grade.name}, not {nearest.name}: ", outcome.reason)
    else:
        reason = Reason.of(f"{grade.name}: ", outcome.reason, f"; not {nearest.name}: ", why.reason)
    return _Grading(grade.id, grade.id, grade.id, reason, evidence, sure)


def _unknown(
    framework: Framework,
    ruled_out: list[tuple[Grade, CheckOutcome]],
    undecided: list[tuple[Grade, CheckOutcome]],
    at_least: Grade | None,
) -> _Grading:
    lowest = framework.grades[-1]
    sure = at_least.id if at_least is not None and at_least != lowest else ""
    best_possible = undecided[0][0].id if undecided else ""
    # Grades undecided for the same reason are asked once ("open or partial? weights_access not
    # stated"): each grade's question repeated the same evidence.
    asked: dict[Reason, list[str]] = {}
    for grade, outcome in undecided:
        asked.setdefault(outcome.reason, []).append(grade.name)
    parts = [Reason.of(f"{joined(names, 'or')}? ", reason) for reason, names in asked.items()]
    parts += [Reason.of(f"not {grade.name}: ", outcome.reason) for grade, outcome in ruled_out]
    floor = f"at least {at_least.name}; " if sure and at_least is not None else ""
    evidence = tuple(p for _, o in (*undecided, *ruled_out) for p in o.evidence)
    reason = Reason.of(f"unknown ({floor}", Reason.joined(parts), ")")
    why = first_why(outcome.why_unknown for _, outcome in undecided)
    return _Grading("", sure, best_possible, reason, evidence, why_unknown=why)


def _grade_citation(requirement: Requirement, grade: str) -> Citation | None:
    """The earned grade's own definition, when the rule file gives one."""
    return next((c.citation for c in requirement.grades if c.grade == grade and grade), None)


def _direct_component(requirement: Requirement) -> str:
    """The component a requirement is about, when every grade's condition names only it (not
    the one its applies_when names: a 'base model, or none' applying where the weights are
    released is not about the weights)."""
    components = requirement.asked_components()
    return components[0] if len(components) == 1 else ""


# --- the score -------------------------------------------------------------------------------


def judge_graded(
    framework: Framework, mode_name: str, results: tuple[RequirementResult, ...]
) -> FrameworkAssessment:
    counted = [r for r in results if r.required]
    groups = tuple(
        _score_group(group, [r for r in counted if r.group == group], framework)
        for group in dict.fromkeys(r.group for r in counted)
        if group
    )
    overall = _score_group(OVERALL, counted, framework)
    ungraded = overall.unknown + overall.not_applying  # the score is a range while any is
    # The figure every report gives: while grades are unknown, the range the score lies in (the
    # mean of the known grades alone may lie outside it, and a consumer would read it as final).
    outcome = overall.figure if overall.score is not None else UNSCORED
    certainty = weakest(r.certainty for r in counted if r.certainty is not None)
    # what --fail-on-unknown holds a run for: the unknown grades (a grade is never waived:
    # waivers.check_waived_rules)
    waiting_on = tuple(
        r.requirement_id for r in counted if r.decides and r.status is Status.UNKNOWN
    )
    return FrameworkAssessment(
        framework_id=framework.id,
        framework_name=framework.name,
        short_name=framework.short_name,
        outcome_note=framework.outcome_note,
        version=framework.version,
        mode=mode_name,
        outcome=outcome,
        outcome_label=score_label(overall),
        definite=ungraded == 0,
        best_level_proven="",
        next_level="",
        progress=None,
        results=results,
        next_steps=tuple(
            NextStep(r.requirement_id, r.status, r.remediation)
            for r in counted
            # one graded where it applies (the base model's) has no step in this release: its
            # facts all stated, "declare base_model: not stated" was asked of a fine-tune
            if r.status is not Status.MET and r.applies
        ),
        summary=framework.summary,
        waiting_on=waiting_on if ungraded else (),
        certainty=certainty if ungraded == 0 else None,
        kind="graded",
        score=GradedScore(
            overall,
            groups,
            tuple((g.id, g.value) for g in framework.grades),
            tuple((g.id, g.name) for g in framework.grades),
        ),
    )


def _score_group(
    group: str, results: Iterable[RequirementResult], framework: Framework
) -> ScoreGroup:
    results = list(results)
    values = {grade.id: grade.value for grade in framework.grades}
    bottom = framework.grades[-1].value
    known = [r for r in results if r.grade]
    unknown = [r for r in results if not r.grade]
    # not graded from this release: not unknown here (granite's "11 of 12 grades unknown" counted
    # its base model's 2), though the score ranges over them
    not_applying = sum(not r.applies for r in unknown)
    total = sum(r.weight for r in results)
    known_weight = sum(r.weight for r in known)
    earned = sum(r.weight * values[r.grade] for r in known)
    low = earned + sum(r.weight * values.get(r.grade_at_least, bottom) for r in unknown)
    top = framework.grades[0].value
    high = earned + sum(r.weight * values.get(r.grade_at_most, top) for r in unknown)
    return ScoreGroup(
        group=group,
        score=round(earned / known_weight, 4) if known_weight else None,
        known=len(known),
        unknown=len(unknown) - not_applying,
        known_weight=known_weight,
        total_weight=total,
        lowest=round(low / total, 4) if total else 0.0,
        highest=round(high / total, 4) if total else 0.0,
        not_applying=not_applying,
    )


def score_label(score: ScoreGroup) -> str:
    """ "score 0.58 over 12 of 12"; "score 0.44 to 0.71 (3 of 12 grades unknown)" while some
    are unknown (ScoreGroup.figure)."""
    count = score.known + score.unknown + score.not_applying
    # none known but some bounded (DeepSeek-R1's model card at least partial): the range they
    # set, as with one grade known; "not scored" beside a JSON range read as if nothing were
    if score.figure == "?":
        return f"not scored: none of {count} could be graded"
    ungraded = score.ungraded_said()
    if ungraded:
        return f"score {score.figure} ({ungraded})"
    return f"score {score.figure} over {score.known} of {count}"


def minimum_certainty(results: Iterable[RequirementResult]) -> Certainty | None:
    """The weakest evidence among the grades earned."""
    return weakest(r.certainty for r in results if r.grade and r.certainty is not None)
