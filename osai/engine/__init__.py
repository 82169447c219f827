"""The generic engine: any framework's rules against a Release, with no framework in the code.

Pure: no I/O.  A requirement is met only on positive evidence, unmet only on positive evidence to
the contrary, otherwise unknown.  Two kinds of framework: levels (osai.engine.levels: classes,
or a binary verdict) and graded scores (osai.engine.graded); both read the evidence through the
same checks (osai.engine.checks).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from osai.assessment import (
    Assessment,
    FrameworkAssessment,
    PartJudged,
    RequirementResult,
    Status,
    WaiverTerms,
)
from osai.differences import release_differences
from osai.engine.checks import (
    CheckOutcome,
    Context,
    evaluate_check,
    facts_against,
    facts_either,
    facts_failing,
    facts_open,
    held_by,
    outcome_certainty,
    publish_either,
    released_failing,
)
from osai.engine.graded import grade_requirement, judge_graded
from osai.engine.levels import judge_levels, ruled_out_from
from osai.engine.scope import judge_scope, out_of_scope
from osai.evidence import Release
from osai.rules import Check, Framework, Mode, Requirement, RuleSet
from osai.verdict import Reason

__all__ = ["assess", "evaluate_framework"]


def assess(
    release: Release,
    rules: RuleSet,
    frameworks: Sequence[Framework],
    modes: Mapping[str, str] | None = None,
    waivers: Mapping[str, WaiverTerms] | None = None,
) -> Assessment:
    """Judge one release under each framework, then say where the frameworks disagree."""
    chosen_modes = modes or {}
    results = tuple(
        evaluate_framework(framework, chosen_modes.get(framework.id), release, rules, waivers)
        for framework in frameworks
    )
    differences = release_differences(frameworks, results, rules)
    return Assessment(release, results, differences, release.findings)


def evaluate_framework(
    framework: Framework,
    mode_name: str | None,
    release: Release,
    rules: RuleSet,
    waivers: Mapping[str, WaiverTerms] | None = None,
) -> FrameworkAssessment:
    mode = framework.mode(mode_name)
    context = Context(release, rules, mode)
    scope = tuple(judge_scope(condition, context) for condition in framework.scope)
    outside = next((s for s in scope if s.status is Status.UNMET), None)
    if outside is not None:  # not judged: what it requires is not owed
        return replace(out_of_scope(framework, mode.name, outside), scope=scope)
    interpretations = _interpretations(framework, mode)
    if framework.graded:
        graded = tuple(grade_requirement(r, framework, context) for r in framework.requirements)
        judged = judge_graded(framework, mode.name, graded)
        return replace(judged, interpretations=interpretations, scope=scope)
    results = tuple(
        _apply_waiver(
            _evaluate_requirement(requirement, framework, context), requirement, waivers or {}
        )
        for requirement in framework.requirements
    )
    ruled_out = ruled_out_from(framework, results, rules.fixed_facts, release)
    judged = judge_levels(
        framework, mode, results, ruled_out=ruled_out, interpretations=interpretations
    )
    return replace(judged, scope=scope) if scope else judged  # one copy, and only with a scope


def _evaluate_requirement(
    requirement: Requirement, framework: Framework, context: Context
) -> RequirementResult:
    check = requirement.check
    outcome = evaluate_check(check, context)
    open_facts = facts_open(check, context)
    met_by = _met_by(check, context) if outcome.status is Status.MET else ()
    return RequirementResult(
        requirement_id=requirement.id,
        title=requirement.title,
        level=requirement.level,
        required=requirement.required,
        status=outcome.status,
        reason=outcome.reason,
        citation=requirement.citation,
        remediation=requirement.remediation,
        declare_in=requirement.declared_in,
        components=check.components(),
        direct_component=check.component,
        facts=check.facts(),
        facts_open=tuple(key for key, _ in open_facts),
        facts_unknown=tuple((key, why) for key, why in open_facts if why is not None),
        # a component or a fact alone (most requirements) makes no group: not walked for one
        facts_either=facts_either((check,), context) if check.parts else (),
        publish_either=publish_either((check,), context) if check.parts else (),
        evidence=outcome.evidence,
        licence=outcome.licence,
        licence_rejected=_licence_rejected(check, outcome, context),
        substituted_by=outcome.substituted_by,
        met_by=met_by,
        # of those, the ones met only by a reading (their part's `inferred_by`)
        met_by_reading=tuple(c for c in met_by if c in check.read_components),
        group=requirement.group,
        certainty=outcome_certainty(outcome),
        why_unknown=outcome.why_unknown if outcome.status is Status.UNKNOWN else None,
        licence_why_unknown=outcome.licence_why_unknown,
        respell=outcome.respell if outcome.status is Status.UNMET else "",
        decides=framework.decides(requirement.level),
        parts_open=_parts_open(requirement, framework, context, outcome.status),
        facts_against=facts_against((check,), context) if outcome.status is Status.UNKNOWN else (),
        released_failing=(
            released_failing((check,), context) if outcome.status is Status.UNKNOWN else ()
        ),
        parts_judged=_parts_judged(check, context) if outcome.status is not Status.MET else (),
        held_by=_held_by(check, outcome, context),
        facts_failing=facts_failing((check,), context) if outcome.status is Status.UNMET else (),
        failing_aside=_failing_aside(requirement, framework, context, outcome),
    )


def _licence_rejected(check: Check, outcome: CheckOutcome, context: Context) -> tuple[str, ...]:
    """Unmet under a policy for its licence: the categories of that licence the policy rejects
    (rules/licenses.yaml tags), in the licence's order; () otherwise."""
    if outcome.status is not Status.UNMET or not outcome.licence or not check.policy:
        return ()
    policy = context.mode.policies.get(check.policy)
    rejected = policy.reject if policy is not None else ()
    return tuple(t for t in context.rules.licences.tags_of(outcome.licence) if t in rejected)


def _held_by(check: Check, outcome: CheckOutcome, context: Context) -> tuple[Reason, ...]:
    """What keeps a requirement from being met that would be without it: unknown, the facts
    stated against it and the released parts failing it, wherever in its check; unmet, the
    facts its `fails_if` meets (OSAID's weights given only on approval)."""
    if outcome.status is Status.UNKNOWN:
        return held_by((check,), context)
    return (outcome.held_by,) if outcome.status is Status.UNMET and outcome.failed_by else ()


def _failing_aside(
    requirement: Requirement, framework: Framework, context: Context, outcome: CheckOutcome
) -> tuple[RequirementResult, ...]:
    """Unmet because its check's `fails_if` is met: the requirement judged without it, where
    that is not met either (weights under a licence that fails too, beside the gate): what
    else is to be done.  () otherwise."""
    if not outcome.failed_by:
        return ()
    aside = _evaluate_requirement(requirement.judged_alone, framework, context)
    return () if aside.status is Status.MET else (aside,)


def _parts_open(
    requirement: Requirement, framework: Framework, context: Context, status: Status
) -> tuple[RequirementResult, ...]:
    """The parts of a requirement that needs a component and a fact (all_of), each not met
    judged alone, as its own requirement: what each still needs is its own step.  A rule
    asking for the weights under an open licence and an ungated download said of a Llama
    release "document How the weights can be obtained: Model parameters, which fails it",
    where the licence was what failed.  () for any other check (all of several facts is
    one step already)."""
    check = requirement.check
    if status is Status.MET or not check.all_of or not check.components() or not check.facts():
        return ()
    return tuple(
        _evaluate_requirement(part, framework, context)
        for part in requirement.each_part
        if evaluate_check(part.check, context).status is not Status.MET
    )


def _parts_judged(check: Check, context: Context) -> tuple[PartJudged, ...]:
    """Each component of a check met by any of several (an any_of, and any_of or all_of within
    it), judged alone, once, in the order the rule names them; () for any other check (a
    component's own verdict is the requirement's)."""
    if not check.any_of or len(check.components()) < 2:
        return ()
    found: dict[str, PartJudged] = {}

    def walk(part: Check) -> None:
        if part.component and part.component not in found:
            judged = evaluate_check(part.alone, context)
            found[part.component] = PartJudged(
                part.component,
                judged.status,
                judged.licence,
                part.own_licence,
                judged.why_unknown,
            )
        for sub in part.parts:
            walk(sub)

    walk(check)
    return tuple(found.values())


def _met_by(check: Check, context: Context) -> tuple[str, ...]:
    """The components of a check met through one of several (any_of) whose own check is met,
    each judged alone (no stand-in: its verdict names the stand-in itself); and those of an
    any_of among them that is met (OSAID's documents, beside the datasets)."""
    met: dict[str, None] = {}
    for part in check.any_of:
        if part.component and evaluate_check(part.alone, context).status is Status.MET:
            met[part.component] = None
        elif part.any_of and evaluate_check(part, context).status is Status.MET:
            met.update(dict.fromkeys(_met_by(part, context)))
    return tuple(met)


def _apply_waiver(
    result: RequirementResult, requirement: Requirement, waivers: Mapping[str, WaiverTerms]
) -> RequirementResult:
    terms = waivers.get(result.requirement_id)
    if terms is None or not requirement.accepts_waiver(result.status):
        # a rule that takes a waiver only of what is unknown, unmet: the evidence stands, and
        # the run says why the waiver was not applied (osai.waivers.refused)
        return result
    if result.status is Status.MET:
        # Met stays met; the waiver is kept, since a gate asking for stronger evidence than
        # the requirement was met on accepts it by that waiver (policy.evaluate_policies).
        return replace(result, waiver=terms)
    return replace(result, status=Status.WAIVED, waiver=terms, status_before_waiver=result.status)


def _interpretations(framework: Framework, mode: Mode) -> tuple[str, ...]:
    used = framework.policies_used
    readings = tuple(
        f"{policy.title}: {policy.interpretation}"
        for name, policy in mode.policies.items()
        if name in used and policy.interpretation
    )
    return readings + ((framework.not_judged,) if framework.not_judged else ())
