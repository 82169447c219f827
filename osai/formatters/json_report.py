"""The JSON report: one versioned document, deterministic order, validated by report.schema.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from osai.assessment import (
    Assessment,
    Citation,
    FrameworkAssessment,
    GradedScore,
    NextStep,
    ReferenceComparison,
    RequirementResult,
    ScopeResult,
    ScoreGroup,
)
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    DataCredit,
    Fact,
    Finding,
    FollowedLink,
    LicenceFact,
    Provenance,
    Release,
)
from osai.formatters.actions import Action, action_said, report_actions
from osai.formatters.escaping import json_document
from osai.formatters.findings import (
    assessment_credits,
    cited,
    decides,
    report_base,
    told_apart,
)
from osai.formatters.headline import policy_blockers
from osai.formatters.settle import gate_declare
from osai.policy import exit_forced_zero
from osai.report import BaselineComparison, PolicyResult, Report, TargetError, UnsettledVerdict

SCHEMA_VERSION = "1.37"


# Enum members are strings (StrEnum): the document holds them as they are, and the C encoder
# writes their values; `.value` on each of tens of thousands of them costs more than encoding.


def render_json(report: Report) -> str:
    # One line: the C encoder is far faster than indented output (pipe to jq to pretty-print).
    return json_document(report_document(report)) + "\n"


def report_document(report: Report) -> dict[str, Any]:
    info = report.info
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "osai", "version": info.tool_version},
        "rules": {
            "spdx_license_list": info.spdx_list_version,
            "frameworks": [
                {"id": fid, "name": name, "version": version, "mode": mode}
                for fid, name, version, mode in info.frameworks
            ],
        },
        "targets": [_assessment(a, report) for a in report.assessments],
        # One entry a problem, as standard error gives them: a target with several (a manifest's
        # invalid keys) has several entries, each naming it.
        "errors": [_error(error, problem) for error in report.errors for problem in error.problems],
        "fail_on_unknown": report.fail_on_unknown,
        "fail_on_unknown_at": report.fail_on_unknown_at,
        "gate": _gate(report),
        "warnings": list(report.warnings),  # as standard error says them, in order
        "baseline": _baseline(report.baseline),
    }


def _baseline(compared: BaselineComparison | None) -> dict[str, Any] | None:
    if compared is None:
        return None
    return {
        "file": compared.name,
        "passes": compared.passes,
        "verdict": compared.verdict,
        "uncompared": list(compared.uncompared),
        "unchecked": list(compared.unchecked),
        "said": compared.said,
        "regressions": [
            {
                "target": r.target,
                "framework": r.framework,
                "framework_id": r.framework_id,
                "old": r.old,
                "new": r.new,
                "outcome_worse": r.outcome_worse,
                "requirements": [
                    {
                        "requirement": c.requirement,
                        "old": c.old,
                        "new": c.new,
                        "reason": c.reason,
                        "old_grade": c.old_grade,
                        "new_grade": c.new_grade,
                    }
                    for c in r.requirements
                ],
                "unanswered": list(r.unanswered),
                "said": r.said,
            }
            for r in compared.regressions
        ],
        "better": compared.better,
        "unmatched": list(compared.unmatched),
        "compared": [
            {"target": target, "framework_id": framework_id}
            for target, framework_id in compared.compared
        ],
    }


def _gate(report: Report) -> dict[str, Any] | None:
    """The run's gate, as the exit code says it (but for targets not checked: `errors`)."""
    gate = report.run_gate()
    if gate is None:
        return None
    return {
        "verdict": gate.verdict,
        "policies": {"passed": gate.passed, "failed": gate.failed, "not_proven": gate.not_proven},
        "unsettled": gate.unsettled,
        # the gate fails, and the run exits 0 all the same: said, lest FAIL read as a red step
        "exit_forced_zero": exit_forced_zero(report),
    }


def _assessment(assessment: Assessment, report: Report) -> dict[str, Any]:
    release = assessment.release
    asked = report.asked_levels(assessment)
    return {
        **_release_header(release),
        "components": [_component(c) for c in release.components.values()],
        "facts": [_fact(fact) for fact in release.facts.values()],
        "findings": _findings(assessment, report_base(report)),
        "frameworks": [
            _framework(f, release.owned, asked.get(f.framework_id, ""))
            for f in assessment.frameworks
        ],
        "differences": [
            {
                "topic": d.topic,
                "message": d.message,
                "sources": list(d.sources),
                "between": list(d.between),
            }
            for d in assessment.differences
        ],
        "policies": [_policy(p, report) for p in report.policies if p.target == release.target],
        "unsettled": [_unsettled(u) for u in report.unsettled if u.target == release.target],
        # the gate on this target, as the text summary's column says it: a dashboard's row
        "gate": report.target_gate(release.target),
        # what to do, as the text and Markdown reports list it (grouped by component across
        # frameworks, ordered by what it unlocks): next_steps, one framework's requirements
        # each, told a dashboard to "publish" what is published and only unlicensed
        "actions": [_action_listed(action) for action in report_actions(report, assessment)],
        # whose published data the verdicts show, in fields: a paper citing a cell named the
        # snapshot only from the prose of a note
        "public_assessments": [_credit(credit) for credit in assessment_credits(assessment)],
    }


def _credit(credit: DataCredit) -> dict[str, Any]:
    return {
        "database": credit.database,
        "title": credit.title,
        "snapshot": credit.snapshot,
        "snapshot_date": credit.snapshot_date,
        "entries": list(credit.entries),
        "licence": credit.licence,
        "attribution": credit.attribution,
    }


def _action_listed(action: Action) -> dict[str, Any]:
    return {
        "kind": action.kind,
        "said": action_said(action),
        "subjects": list(action.subjects),
        "detail": action.detail,
        "needed_by": [str(need) for need in action.needed_by],
        "unlocks": list(action.unlocks),
        "requirements": list(action.requirements),
        "licence": action.licence or None,
    }


def _release_header(release: Release) -> dict[str, Any]:
    return {
        "target": release.target,
        **({"file": release.file} if release.file else {}),
        **({"card": release.card} if release.card else {}),
        "source": release.source,
        "name": release.name,
        "producer": release.producer,
        "version": release.version,
        "revision": release.revision,
        "moved_to": release.moved_to,
        # the --manifest merged in: what it declares is the checker's word, not the publisher's
        **({"given_manifest": release.given_manifest} if release.given_manifest else {}),
        "base_models": list(release.base_models),
        "links": [_link(link) for link in release.links],
        # links[] lists what was asked; these say what was not, as the text's "1 of 5 read" does
        "links_not_followed": release.links_not_followed,
        "links_left_out": release.links_left_out,
        # a baseline written with the other setting is not compared (osai.baseline)
        "links_followed": release.links_followed,
    }


def _link(link: FollowedLink) -> dict[str, Any]:
    cached = link.cached
    return {
        "kind": link.kind,
        "url": link.url,
        "answer": link.answer,
        "read": link.read,
        "found": link.found,
        "cached": None
        if cached is None
        else {"kept_at": cached.kept_at, "because": cached.because},
    }


def _component(component: ComponentEvidence) -> dict[str, Any]:
    return {
        "id": component.component,
        "presence": component.presence,
        "location": component.location,
        "licence": None if component.licence is None else _licence(component.licence),
        "evidence": [_provenance(p) for p in component.provenance],
    }


def _licence(licence: LicenceFact) -> dict[str, Any]:
    """A component's licence; with the licences that may apply instead, where statements
    contradict and osai cannot choose (a verdict then stands only where all give it)."""
    said: dict[str, Any] = {
        "text": licence.text,
        "inherited_from": licence.inherited_from,
        "evidence": _provenance(licence.provenance),
    }
    if licence.unless:  # what osai could not read may bind it: a verdict it meets is unknown
        said["unless"] = licence.unless
    if licence.alternatives:
        said["alternatives"] = [
            {"text": other.text, "evidence": _provenance(other.provenance)}
            for other in licence.alternatives
        ]
    return said


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "key": fact.key,
        "value": fact.value,
        "provided": fact.provided,
        "number": fact.number,
        "evidence": _provenance(fact.provenance),
    }


def _findings(assessment: Assessment, base: Path | None) -> list[dict[str, Any]]:
    documents = [_finding(f, decides(f, assessment)) for f in assessment.findings]
    about = told_apart([_about(document, base) for document in documents])
    return [{**document, "about": key} for document, key in zip(documents, about, strict=True)]


def _finding(finding: Finding, deciding: bool) -> dict[str, Any]:
    """`deciding`: findings.decides, the one test of a conflict that decides a verdict, which
    GitHub's --annotate failures reads from here as the Markdown report reads it."""
    return {
        "kind": finding.kind,
        "message": finding.message,
        "component": finding.component,
        "evidence": [_provenance(p) for p in finding.provenance],
        "decides": deciding,
    }


def _about(finding: dict[str, Any], base: Path | None) -> str:
    """What a finding is about, as a dashboard tracks it from run to run: its kind, component
    and the files or fields it cites (as SARIF's fingerprint and JUnit's case name do), never
    its words, which may quote a network error, nor a line, which moves with each edit above."""
    return f"{finding['kind']}:{finding['component']}:{cited(finding['evidence'], base)}"


def _framework(judged: FrameworkAssessment, owned: bool, asked: str) -> dict[str, Any]:
    """`owned`: whether the release is the reader's own (Release.owned): only then do the
    remedies name where a manifest declares what they ask.  `asked`: the level the gate asks
    of this framework ('' none; Report.asked_levels), which next_steps lead toward."""
    return {
        "id": judged.framework_id,
        "name": judged.framework_name,
        "version": judged.version,
        "mode": judged.mode,
        "kind": judged.kind,
        "outcome": judged.outcome,
        # in osai check's words, as the text report and the census say it: MOF with no class
        # proven and none violated is "Class III not demonstrated", not "no class reached"
        "outcome_label": judged.counted_label,
        "definite": judged.definite,
        "certainty": _certainty(judged.certainty),
        "best_level_proven": judged.best_level_proven,
        "level_with_waivers": judged.level_with_waivers,
        "next_level": judged.next_level,
        "ruled_out_from": judged.ruled_out_from,
        "progress": dict(judged.progress) if judged.progress is not None else None,
        # the share above counts only what is met: how many it counts are unknown, per level
        "progress_unknown": (
            dict(judged.progress_unknown) if judged.progress_unknown is not None else None
        ),
        "requirements": [_requirement(r, owned, judged.kind == "graded") for r in judged.results],
        # as the text report's actions: none toward a level ruled out (a model trained with
        # 1.1e25 FLOP was told to declare its monetisation for an exemption it cannot have),
        # and on to the level a gate asks (--require mof:class-1 at Class III listed Class II's
        # steps alone, where the text listed Class I's too)
        "next_steps": [
            {
                "requirement": s.requirement_id,
                "status": s.status,
                "action": _action(s, judged, owned),
            }
            for s in judged.steps_toward(asked)
        ],
        "interpretations": list(judged.interpretations),
        # whether it applies at all: one unmet, the outcome is not-in-scope, nothing judged
        "scope": [_scope(condition) for condition in judged.scope],
        "outcome_citation": _citation(judged.outcome_citation),
        "score": _score(judged.score),
        "reference": _reference(judged.reference),
    }


def _scope(condition: ScopeResult) -> dict[str, Any]:
    return {
        "id": condition.scope_id,
        "title": condition.title,
        "status": condition.status,
        "certainty": _certainty(condition.certainty),
        "reason": condition.reason.text,  # fact ids as the engine names them
        "evidence": [_provenance(p) for p in condition.evidence],
        "citation": _citation(condition.citation),
        "label": condition.label,
    }


def _citation(citation: Citation | None) -> dict[str, str] | None:
    if citation is None:
        return None
    return {"ref": citation.ref, "text": citation.text, "url": citation.url}


def _score(score: GradedScore | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {
        "overall": _score_group(score.overall),
        "groups": [_score_group(group) for group in score.groups],
        "scale": [
            {"grade": grade, "name": score.name(grade), "value": value}
            for grade, value in score.scale
        ],
    }


def _score_group(group: ScoreGroup) -> dict[str, Any]:
    return {
        "group": group.group,
        "score": group.score,
        "known": group.known,
        "unknown": group.unknown,
        "not_applying": group.not_applying,
        "known_weight": group.known_weight,
        "total_weight": group.total_weight,
        "lowest": group.lowest,
        "highest": group.highest,
    }


def _reference(reference: ReferenceComparison | None) -> dict[str, Any] | None:
    if reference is None:
        return None
    return {
        "source": reference.source,
        "entry": reference.entry,
        "how_matched": reference.how_matched,
        "about_this_repository": reference.about_this_repository,
        "reference_score": reference.reference_score,
        "attribution": reference.attribution,
        "grades": [
            {
                "requirement": g.requirement_id,
                "parameter": g.parameter,
                "osai": g.osai_grade,
                "osai_at_least": g.osai_at_least,
                "reference": g.reference_grade,
                "applies": g.applies,
                "steps_apart": g.steps_apart,
                "notes": g.notes,
            }
            for g in reference.grades
        ],
    }


def _grade(result: RequirementResult, graded: bool) -> dict[str, Any] | None:
    if not graded:
        return None
    return {
        "grade": result.grade,
        "at_least": result.grade_at_least,
        "at_most": result.grade_at_most,
        "value": result.grade_value,
        "weight": result.weight,
        "citation": _citation(result.grade_citation),
    }


def _action(step: NextStep, judged: FrameworkAssessment, owned: bool) -> str:
    """A next step's action, its requirement's remedy as the reader can follow it."""
    result = judged.result(step.requirement_id)
    return step.action if result is None else result.remedy(owned)


def _requirement(result: RequirementResult, owned: bool, graded: bool = False) -> dict[str, Any]:
    return {
        "id": result.requirement_id,
        "title": result.title,
        "level": result.level,
        "required": result.required,
        "status": result.status,
        "certainty": _certainty(result.certainty),
        "why_unknown": result.why_unknown,
        "licence_why_unknown": result.licence_why_unknown,
        "reason": result.reason.text,  # fact ids as the engine names them
        "licence": result.licence,
        "substituted_by": result.substituted_by,
        "met_by": list(result.met_by),
        "components": list(result.components),
        "direct_component": result.direct_component,
        "evidence": [_provenance(p) for p in result.evidence],
        "citation": _citation(result.citation),
        "remediation": result.remedy(owned),
        "waiver": result.waiver.reason if result.waiver else None,
        "waiver_approved_by": (result.waiver.approved_by or None) if result.waiver else None,
        "waiver_expires": (result.waiver.expires or None) if result.waiver else None,
        "decides": result.decides,
        # unknown with no why_unknown when it is graded elsewhere (a fine-tune's base model)
        "applies": result.applies,
        "grade": _grade(result, graded),
    }


def _policy(result: PolicyResult, report: Report) -> dict[str, Any]:
    return {
        "require": result.policy.spec,
        "written_at": result.policy.written_at,
        "framework": result.policy.framework_id,
        "level": result.policy.level_id,
        "met": result.met,
        "verdict": result.verdict,
        "by_waiver": result.by_waiver,
        "outcome": result.outcome,
        "definite": result.definite,
        "certainty": _certainty(result.certainty),
        "below_certainty": _certainty(result.below_certainty),
        "threshold": result.policy.threshold,
        "shortfall": result.shortfall,
        # the requirements met on weaker evidence than asked that a waiver let the gate take
        "accepted_by_waiver": list(result.accepted_requirements),
        # what to declare to make a gate short only of --min-certainty pass, as every other
        # report of the gate says it (settle.gate_declare); the CI formats read it from here
        "declare": gate_declare(report, result),
        # what keeps the level back, in the words of the gate line on standard error
        # (headline.policy_blockers), and those requirements' ids: the CI formats read them here
        "blocked_by": policy_blockers(report, result),
        "blocking": list(result.blocking),
    }


def _unsettled(verdict: UnsettledVerdict) -> dict[str, Any]:
    return {
        "framework": verdict.framework_id,
        "name": verdict.framework,
        "verdict": verdict.verdict,
        "reason": verdict.reason,
        "written_at": verdict.written_at,
        "unknown": verdict.unknown,
        "certainty": _certainty(verdict.certainty),
        "below_certainty": _certainty(verdict.below_certainty),
    }


def _certainty(certainty: Certainty | None) -> str | None:
    return certainty


def _provenance(provenance: Provenance) -> dict[str, Any]:
    return {
        "source": provenance.source,
        "location": provenance.location,
        "line": provenance.line,
        "value": provenance.value,
        "certainty": provenance.certainty,
        "note": provenance.note,
    }


def _error(error: TargetError, problem: str) -> dict[str, Any]:
    return {"target": error.target, "message": problem, "exit_code": error.exit_code}
