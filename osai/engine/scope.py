"""Whether a framework applies to a release at all (its rule file's `scope:`).

A condition shown unmet on evidence puts the release out of the framework's scope: the outcome
is that condition's label, definite, as sure as its evidence, and no requirement is judged, so
that none reads as owed (the EU AI Act's duties bind providers of general-purpose AI models
only).  Met or unknown, the framework is judged as it would be without it: an unknown scope is
not "out of scope".  The conditions are checks, judged as a requirement's are.
"""

from __future__ import annotations

from osai.assessment import NOT_IN_SCOPE, FrameworkAssessment, ScopeResult
from osai.engine.checks import Context, evaluate_check, outcome_certainty
from osai.rules import Framework, Scope
from osai.verdict import Status


def judge_scope(condition: Scope, context: Context) -> ScopeResult:
    outcome = evaluate_check(condition.check, context)
    if condition.unless is not None and outcome.status is not Status.MET:
        # within scope on the evidence that meets `unless` (a model the Commission designated
        # is a general-purpose AI model however little compute it states)
        override = evaluate_check(condition.unless, context)
        outcome = override if override.status is Status.MET else outcome
    return ScopeResult(
        scope_id=condition.id,
        title=condition.title,
        status=outcome.status,
        reason=outcome.reason,
        citation=condition.citation,
        label=condition.label,
        evidence=outcome.evidence,
        certainty=outcome_certainty(outcome),
        facts=condition.check.facts(),
        components=condition.check.components(),
    )


def out_of_scope(framework: Framework, mode_name: str, outside: ScopeResult) -> FrameworkAssessment:
    """The verdict on a release shown outside the framework's scope (by `outside`)."""
    return FrameworkAssessment(
        framework_id=framework.id,
        framework_name=framework.name,
        short_name=framework.short_name,
        outcome_note=framework.outcome_note,
        version=framework.version,
        mode=mode_name,
        outcome=NOT_IN_SCOPE,
        outcome_label=outside.label,
        definite=True,
        best_level_proven="",
        next_level="",
        progress=None,
        results=(),
        next_steps=(),
        summary=framework.summary,
        levels=framework.ladder_marks,
        level_labels=framework.level_labels,
        certainty=outside.certainty,
        outcome_citation=outside.citation,
        kind=framework.kind,
    )
