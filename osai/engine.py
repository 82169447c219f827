"""The generic engine: any framework's rules against a Release, with no framework in the code.

Pure: no I/O.  A requirement is met only on positive evidence, unmet only on positive evidence to
the contrary, otherwise unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from osai.assessment import (
    Assessment,
    FrameworkAssessment,
    NextStep,
    RequirementResult,
    Status,
)
from osai.differences import release_differences
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    Presence,
    Provenance,
    Release,
    strongest,
    weakest,
)
from osai.licenses import judge, parse_licence
from osai.rules import Check, Framework, Mode, Requirement, RuleSet

MET_ONLY = (Status.MET,)
WITH_WAIVERS = (Status.MET, Status.WAIVED)


@dataclass(frozen=True)
class CheckOutcome:
    status: Status
    reason: str
    evidence: tuple[Provenance, ...] = ()
    licence: str = ""
    substituted_by: str = ""


@dataclass(frozen=True)
class Context:
    release: Release
    rules: RuleSet
    mode: Mode


def assess(
    release: Release,
    rules: RuleSet,
    frameworks: Sequence[Framework],
    modes: Mapping[str, str] | None = None,
    waivers: Mapping[str, str] | None = None,
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
    waivers: Mapping[str, str] | None = None,
) -> FrameworkAssessment:
    mode = framework.mode(mode_name)
    context = Context(release, rules, mode)
    results = tuple(
        _apply_waiver(_evaluate_requirement(requirement, context), waivers or {})
        for requirement in framework.requirements
    )
    ranked = _Ranked.of(framework, results)
    reached = _level_reached(framework, ranked, MET_ONLY)
    reached_with_waivers = _level_reached(framework, ranked, WITH_WAIVERS)
    outcome, definite = _outcome(framework, ranked, reached)
    next_level = _next_level(framework, reached)
    certainty = _outcome_certainty(ranked, reached, definite)
    return FrameworkAssessment(
        framework_id=framework.id,
        framework_name=framework.name,
        short_name=framework.short_name,
        version=framework.version,
        mode=mode.name,
        outcome=outcome,
        outcome_label=_outcome_label(framework, outcome),
        definite=definite,
        best_level_proven=framework.levels[reached].id if reached >= 0 else "",
        level_with_waivers=(
            framework.levels[reached_with_waivers].id if reached_with_waivers >= 0 else ""
        ),
        next_level=next_level,
        next_level_name=framework.level(next_level).name if next_level else "",
        progress=_progress(framework, ranked) if framework.progress == "cumulative" else None,
        results=results,
        next_steps=_next_steps(framework, ranked, next_level),
        interpretations=_interpretations(framework, mode),
        summary=framework.summary,
        levels=tuple((level.id, level.short) for level in framework.levels),
        certainty=certainty,
    )


def _evaluate_requirement(requirement: Requirement, context: Context) -> RequirementResult:
    outcome = _evaluate_check(requirement.check, context)
    return RequirementResult(
        requirement_id=requirement.id,
        title=requirement.title,
        level=requirement.level,
        required=requirement.required,
        status=outcome.status,
        reason=outcome.reason,
        citation=requirement.citation,
        remediation=requirement.remediation,
        components=requirement.check.components(),
        direct_component=requirement.check.component,
        facts=requirement.check.facts(),
        evidence=outcome.evidence,
        licence=outcome.licence,
        substituted_by=outcome.substituted_by,
        group=requirement.group,
        certainty=_certainty(outcome),
    )


def _certainty(outcome: CheckOutcome) -> Certainty | None:
    """A verdict on evidence is as sure as the weakest evidence it rests on."""
    if outcome.status not in (Status.MET, Status.UNMET):
        return None
    return weakest(p.certainty for p in outcome.evidence)


def _apply_waiver(result: RequirementResult, waivers: Mapping[str, str]) -> RequirementResult:
    reason = waivers.get(result.requirement_id)
    if reason is None or result.status is Status.MET:
        return result
    return replace(
        result, status=Status.WAIVED, waiver_reason=reason, status_before_waiver=result.status
    )


def _evaluate_check(check: Check, context: Context) -> CheckOutcome:
    if check.any_of:
        return _evaluate_any_of(check.any_of, context)
    if check.fact:
        return _evaluate_fact(check.fact, context)
    outcome = _evaluate_component(check.component, check.policy, context)
    if outcome.status is Status.MET or not check.substitute:
        return outcome
    return _with_substitute(check, outcome, context)


def _with_substitute(check: Check, own: CheckOutcome, context: Context) -> CheckOutcome:
    if not context.release.component(check.substitute).is_present:
        return own
    stand_in = _evaluate_component(check.substitute, check.policy, context)
    name = context.rules.components[check.substitute].name
    return CheckOutcome(
        stand_in.status,
        f"{own.reason}; {name} stands in: {stand_in.reason}",
        own.evidence + stand_in.evidence,
        stand_in.licence,
        check.substitute,
    )


def _evaluate_any_of(checks: tuple[Check, ...], context: Context) -> CheckOutcome:
    outcomes = [_evaluate_check(check, context) for check in checks]
    for wanted in (Status.MET, Status.UNKNOWN):
        chosen = [outcome for outcome in outcomes if outcome.status is wanted]
        if chosen:
            if wanted is Status.MET:
                return chosen[0]
            return CheckOutcome(
                Status.UNKNOWN,
                "; ".join(outcome.reason for outcome in outcomes),
                tuple(p for outcome in chosen for p in outcome.evidence),
            )
    return CheckOutcome(
        Status.UNMET,
        "; ".join(outcome.reason for outcome in outcomes),
        tuple(p for outcome in outcomes for p in outcome.evidence),
    )


def _evaluate_fact(key: str, context: Context) -> CheckOutcome:
    fact = context.release.facts.get(key)
    if fact is None:
        return CheckOutcome(Status.UNKNOWN, f"{key} not declared")
    if not fact.provided:
        return CheckOutcome(Status.UNMET, f"{key}: declared not provided", (fact.provenance,))
    return CheckOutcome(Status.MET, f"{key}: {fact.value}", (fact.provenance,))


def _evaluate_component(component_id: str, policy_name: str, context: Context) -> CheckOutcome:
    evidence = context.release.component(component_id)
    name = context.rules.components[component_id].name
    if evidence.presence is Presence.ABSENT:
        return CheckOutcome(Status.UNMET, f"{name}: not released", evidence.provenance)
    if evidence.presence is Presence.UNKNOWN:
        return _unseen_component(evidence, name, policy_name, context)
    if not policy_name:
        return CheckOutcome(Status.MET, f"{name}: released", evidence.provenance)
    return _judge_licence(evidence, name, policy_name, context)


def _unseen_component(
    evidence: ComponentEvidence, name: str, policy_name: str, context: Context
) -> CheckOutcome:
    """Not seen, but under a known licence: a failing licence fails it whether it exists or not."""
    unknown = CheckOutcome(Status.UNKNOWN, f"{name}: no evidence found", evidence.provenance)
    if evidence.licence is None or not policy_name:
        return unknown
    judged = _judge_licence(evidence, name, policy_name, context)
    if judged.status is not Status.UNMET:
        would = f"; if released, {evidence.licence.text} would apply ({judged.status.value})"
        return replace(unknown, reason=unknown.reason + would, licence=judged.licence)
    return replace(
        judged, reason=f"{judged.reason}; not seen, but any release of it is under that licence"
    )


def _judge_licence(
    evidence: ComponentEvidence, name: str, policy_name: str, context: Context
) -> CheckOutcome:
    provenance = evidence.provenance
    if evidence.licence is None:
        return CheckOutcome(Status.UNKNOWN, f"{name}: released, licence unknown", provenance)
    licence = evidence.licence
    exact = context.mode.matching == "exact"
    parsed = parse_licence(licence.text, context.rules.licences, exact=exact)
    policy = context.mode.policies[policy_name]
    content_type = context.rules.components[evidence.component].content_type
    judgement = judge(
        parsed,
        policy.accepted_sets(content_type),
        context.rules.licences,
        exact=exact,
        unrecognised=Status(context.mode.unrecognised),
    )
    inherited = f" (inherited from {licence.inherited_from})" if licence.inherited_from else ""
    return CheckOutcome(
        judgement.status,
        f"{name}: {judgement.reason}{inherited}",
        (*provenance, licence.provenance),
        parsed.display,
    )


# --- levels, progress, outcome -------------------------------------------------------------


@dataclass(frozen=True)
class _Ranked:
    """A framework's required results, each with its level's position (found once: every
    question below asks for the requirements up to some level)."""

    required: tuple[tuple[int, RequirementResult], ...]

    @classmethod
    def of(cls, framework: Framework, results: tuple[RequirementResult, ...]) -> _Ranked:
        position = framework.level_index
        return cls(tuple((position(r.level), r) for r in results if r.required))

    def up_to(self, level_index: int) -> list[RequirementResult]:
        return [result for level, result in self.required if level <= level_index]


def _level_reached(framework: Framework, ranked: _Ranked, passing: tuple[Status, ...]) -> int:
    """The highest level whose requirements (and all below it) pass; waivers never prove one."""
    reached = -1
    for index in range(len(framework.levels)):
        if all(r.status in passing for r in ranked.up_to(index)):
            reached = index
        else:
            break
    return reached


def _progress(framework: Framework, ranked: _Ranked) -> dict[str, float]:
    """Per level: passing share of the counted requirements up to it; 0 past the first gap."""
    progress: dict[str, float] = {}
    complete_so_far = True
    for index, level in enumerate(framework.levels):
        scope = ranked.up_to(index)
        counted = [r for r in scope if _counts_in(r, scope)]
        passing = sum(1 for r in counted if r.status in MET_ONLY)
        share = round(100.0 * passing / len(counted), 2) if counted else 100.0
        progress[level.id] = share if complete_so_far else 0.0
        complete_so_far = complete_so_far and passing == len(counted)
    return progress


def _counts_in(result: RequirementResult, scope: list[RequirementResult]) -> bool:
    """A requirement met through its stand-in does not count again where the stand-in counts."""
    if not result.substituted_by or result.status not in MET_ONLY:
        return True
    return not any(
        other is not result and other.components == (result.substituted_by,) for other in scope
    )


def _outcome(framework: Framework, ranked: _Ranked, reached: int) -> tuple[str, bool]:
    top = len(framework.levels) - 1
    blocking = ranked.up_to(reached + 1) if reached < top else []
    has_unmet = any(r.judged_status is Status.UNMET for r in blocking)
    definite = reached == top or has_unmet
    if reached >= 0:
        return framework.levels[reached].id, definite
    if has_unmet:
        return framework.not_reached_unmet, True
    return framework.not_reached_unknown, False


def _outcome_certainty(ranked: _Ranked, reached: int, definite: bool) -> Certainty | None:
    """A level reached is as sure as the weakest requirement met for it; a level violated, as
    the strongest violation (one proven violation suffices); nothing definite, no certainty."""
    if reached >= 0:
        met = ranked.up_to(reached)
        return weakest(r.certainty for r in met if r.certainty is not None)
    if not definite:
        return None
    blocking = ranked.up_to(0)
    return strongest(
        r.certainty for r in blocking if r.judged_status is Status.UNMET and r.certainty is not None
    )


def _outcome_label(framework: Framework, outcome: str) -> str:
    for level in framework.levels:
        if level.id == outcome:
            return level.name
    return framework.outcome_labels.get(outcome, outcome)


def _next_level(framework: Framework, reached: int) -> str:
    if reached + 1 < len(framework.levels):
        return framework.levels[reached + 1].id
    return ""


def _next_steps(framework: Framework, ranked: _Ranked, next_level: str) -> tuple[NextStep, ...]:
    if not next_level:
        return ()
    scope = ranked.up_to(framework.level_index(next_level))
    return tuple(
        NextStep(r.requirement_id, r.status, r.remediation)
        for r in scope
        if r.status not in MET_ONLY
    )


def _interpretations(framework: Framework, mode: Mode) -> tuple[str, ...]:
    used = framework.policies_used
    return tuple(
        f"{policy.title}: {policy.interpretation}"
        for name, policy in mode.policies.items()
        if name in used and policy.interpretation
    )
