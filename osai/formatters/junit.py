"""JUnit XML for CI dashboards: a test suite per target and framework.

Each suite holds a test case per required policy on that framework (a failure when not met), one for
--fail-on-unknown when it is given (a failure when the verdict is not definite; skipped when a
required policy on it fails, unjudged: the policy is the exit code's reason), and per
requirement: a failure when a required requirement the gate covers is unmet, skipped when it is
unknown (with the reason) or waived (with the waiver's reason).  Failures are what the exit code is
about: an unmet requirement outside what --require asks for (`--require mof:class-3` and a Class II
requirement), or any unmet requirement of a run without --require (which exits 0 whatever the
verdicts), is skipped with why; an optional requirement that is unmet is skipped too, since it
blocks no level.  A requirement met only by inference (rules/inference.yaml) passes with a
system-out line saying so, and the suite's `certainty` property is the weakest evidence its verdict
rests on: what a gate NOT PROVEN on weak evidence rests on.  A graded framework's requirement passes
at its top grade and is skipped below it, with its grade (a score is gated by a required policy,
`--require eosai:0.75`).  A target that could not be checked is a suite with one errored case.  A
target's conflicts and warnings (sources that disagree, an expired waiver, an osai.yaml that does
not parse) are a suite of their own, a skipped case each with the finding as its message: dashboards
list skipped cases by name with their message (a suite's system-out is shown by few), and a finding
fails no gate.  A case's classname is `TARGET.FRAMEWORK` (`TARGET.findings`, `TARGET.error`): see
`_classname`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from osai.assessment import FrameworkAssessment
from osai.evidence import Certainty, DataCredit
from osai.formatters.actions import Need
from osai.formatters.escaping import plain, xml_text
from osai.formatters.findings import (
    Doc,
    OutOfScope,
    Reported,
    TargetFinding,
    accepted_word,
    data_credits,
    exit_zero_beside,
    findings_of,
    framework_label,
    gated_severity,
    policy_phrase,
    report_base,
    scope_unmet,
    target_named,
    told_apart,
    unsettled_said,
    waiver_said,
)
from osai.formatters.json_report import report_document
from osai.formatters.settle import inferred, policy_said, reasons_said_by_target
from osai.policy import held_to_definite
from osai.report import (
    BaselineComparison,
    GateReach,
    Report,
    fail_on_unknown_named,
    policy_named,
)


def render_junit(report: Report) -> str:
    document = report_document(report)
    root = ET.Element("testsuites", name="osai")
    said = reasons_said_by_target(report)
    nowhere = _ruled_out_by_target(report)
    gate = _Gate(bool(report.policies), report.gate_reach())
    base = report_base(report)
    for target in document["targets"]:
        for framework in target["frameworks"]:
            key = str(target["target"])
            said_here = _Said(said[key], nowhere[key])
            root.append(_suite(report, document, target, framework, gate, said_here, base))
    for target in document["targets"]:
        found = findings_of(target)
        if found:
            root.append(_findings_suite(target, found, base, dict(report.info.component_names)))
    credits = data_credits(report)
    if credits:
        root.append(_credits_suite(credits))
    for target, errors in _errors_by_target(document["errors"]).items():
        root.append(_error_suite(target, errors))
    _total(root)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


@dataclass(frozen=True)
class _Said:
    """What one target's cases say of its requirements, by framework and requirement id: the
    reason in words (settle.reasons_said_by_target), and for one that leads nowhere, the level
    it cannot reach (_ruled_out_by_target)."""

    reasons: Mapping[tuple[str, str], str]
    ruled_out: Mapping[tuple[str, str], str]


def _ruled_out_by_target(report: Report) -> dict[str, dict[tuple[str, str], str]]:
    """Per target, each requirement whose step leads nowhere (FrameworkAssessment.leads_nowhere:
    the assessment's one answer, which the text report's actions and the JSON report's
    next_steps read too), with the level ruled out as an action names it ("EU AI Act")."""
    return {
        a.release.target: {
            (judged.framework_id, result.requirement_id): _ruled_out_named(judged)
            for judged in a.frameworks
            for result in judged.results
            if judged.leads_nowhere(result)
        }
        for a in report.assessments
    }


def _ruled_out_named(judged: FrameworkAssessment) -> str:
    """ "EU AI Act", "MOF Class II and every level above it": what a fact no release can change
    rules out."""
    ladder = [level for level, _ in judged.levels]
    if len(ladder) <= 1:
        return str(Need(judged.short_name, ""))
    level = str(Need(judged.short_name, judged.level_label(judged.ruled_out_from)))
    above = ladder.index(judged.ruled_out_from) < len(ladder) - 1
    return level + (" and every level above it" if above else "")


@dataclass(frozen=True)
class _Gate:
    """What the exit code is about: the levels the required policies cover, per target and
    framework (none without --require: the run then gates on no requirement), and what got
    worse than --baseline's report."""

    required: bool  # the run has required policies
    reach: GateReach  # what it fails a requirement for

    def why_not(self) -> str:
        """Why an unmet requirement is not a failure here."""
        if not self.required:
            return "no --require: the exit code does not gate on it"
        return "outside what --require asks for"


def _suite(
    report: Report,
    document: Doc,
    target: Doc,
    framework: Doc,
    gate: _Gate,
    said: _Said,
    base: Path | None,
) -> ET.Element:
    named = target_named(target, base)  # as the run's directory or spelling leaves it
    suite = ET.Element("testsuite", name=xml_text(f"{named} · {framework_label(framework)}"))
    classname = _classname(named, str(framework["id"]))
    _properties(suite, target, framework)
    for policy in target["policies"]:
        if policy["framework"] == framework["id"]:
            suite.append(_policy_case(policy, target, framework, classname, document, said))
    if report.fail_on_unknown and _held_to_definite(target, framework):
        suite.append(_unsettled_case(report, target, framework, classname, document))
    if report.baseline is not None:
        suite.append(_baseline_case(report.baseline, document, target, framework, classname))
    outside = scope_unmet(target, framework)
    if outside is not None:  # none of its requirements judged: the condition is the case
        suite.append(_scope_case(outside, classname))
    for requirement in framework["requirements"]:
        key = (str(framework["id"]), str(requirement["id"]))
        item = Reported(target, framework, requirement)
        case = _requirement_case(item, classname, gate, said.reasons[key], said.ruled_out.get(key))
        suite.append(case)
    _count(suite)
    return suite


def _classname(target: str, part: str) -> str:
    """`TARGET.PART`, PART without a dot (a framework id, `findings`, `error`).  Jenkins takes
    what follows a classname's last dot as the class and the rest as its package (junit-plugin's
    CaseResult.getPackageName): the target whole is the package, the framework its class.  GitLab
    shows the classname whole as the suite and keys a case by classname and name, dropping
    duplicates (docs.gitlab.com/ci/testing/unit_test_reports): the target must stay in it, or
    every target's `--require osaid` would be one case.  A classname of the target alone read
    `no-such-model.yml` as class `yml` of package `no-such-model`.  TARGET is a local one's path
    from the repository's root (findings.target_named, as SARIF's fingerprints name it): named
    as given, `./m`, `../m` from a subdirectory and `$CI_PROJECT_DIR/m` were three classnames,
    and a dashboard took every case of one model for a new one, the last run's for gone."""
    return xml_text(f"{target}.{part}")


def _properties(suite: ET.Element, target: Doc, framework: Doc) -> None:
    properties = ET.SubElement(suite, "properties")
    values = {
        "target": target["target"],
        "source": target["source"],
        "framework": framework["id"],
        "mode": framework["mode"],
        "outcome": framework["outcome"],
        "definite": str(framework["definite"]).lower(),
        # the weakest evidence the verdict rests on: "inferred" beside definite "true" says a
        # gate at --min-certainty detected is NOT PROVEN, and why
        "certainty": framework["certainty"] or "",
    }
    for key, value in values.items():
        ET.SubElement(properties, "property", name=key, value=xml_text(str(value)))


def _policy_case(
    policy: Doc, target: Doc, framework: Doc, classname: str, document: Doc, said: _Said
) -> ET.Element:
    # the case's name kept from run to run: without the line a settings file writes it at
    name = xml_text(policy_named(policy["require"], policy["written_at"], line=False))
    case = ET.Element("testcase", name=name, classname=classname)
    if not policy["met"]:
        message = f"required policy {policy_said(policy, target)}"
        if policy["written_at"]:  # the case's name leaves its line out
            message = f"{policy_named(policy['require'], policy['written_at'])}: {message}"
        body = _blocking_said(policy, framework, said)
        _child(case, "failure", exit_zero_beside(message, document), text=body, type="policy")
    return case


def _blocking_said(policy: Doc, framework: Doc, said: _Said) -> str:
    """The requirements that keep a required policy's level back (policies[].blocking), one a
    line (plain, as _details: the body is on lines of its own in a CI log), named as their own
    cases are ("ID: title") with their status and reason: among the skipped cases, nothing
    told the two the gate waits on from the seven it does not."""
    requirements = {str(r["id"]): r for r in framework["requirements"]}
    lines = []
    for requirement_id in policy.get("blocking", ()):
        requirement = requirements.get(str(requirement_id))
        if requirement is not None:
            reason = said.reasons[(str(framework["id"]), str(requirement["id"]))]
            title = f"{requirement['id']}: {requirement['title']}"
            lines.append(plain(f"{title} — {requirement['status']}: {reason}"))
    return "\n".join(lines)


def _baseline_case(
    compared: BaselineComparison, document: Doc, target: Doc, framework: Doc, classname: str
) -> ET.Element:
    """--baseline on this framework: a failure where it got worse than the baseline, as the
    exit code says (a run failed on it read "failures 0"); skipped where the two were not
    compared (in the baseline only, or judged otherwise there), which read as passed; passed
    otherwise.  Where the target is NOT PROVEN (exit 1: the run compared nothing, or it was
    judged otherwise than in the baseline), each is a failure with its reason
    (BaselineComparison.unproven_said): skipped, the suite read as passed beside a step that
    failed."""
    case = ET.Element("testcase", name=xml_text(f"--baseline {compared.name}"), classname=classname)
    pair = (str(target["target"]), str(framework["id"]))
    unproven = compared.unproven_said(pair[0])
    if unproven:
        _child(case, "failure", exit_zero_beside(unproven, document), type="baseline")
        return case
    if pair not in compared.compared:
        # why is in the baseline's warnings (its `unmatched`)
        said = (
            f"not compared with {compared.name}: not judged there, or judged in another "
            "mode or version, or no outcome or requirement judged in both"
        )
        _child(case, "skipped", said)
        return case
    for regression in compared.target_regressions(pair[0]):
        if regression.framework_id == pair[1]:
            said = f"worse than {compared.name}: {regression.said}"
            _child(case, "failure", exit_zero_beside(said, document), type="baseline")
    return case


def _held_to_definite(target: Doc, framework: Doc) -> bool:
    """Whether --fail-on-unknown judges this framework (osai.policy's one rule)."""
    required = {str(policy["framework"]) for policy in target["policies"]}
    return held_to_definite(required, str(framework["id"]))


def _unsettled_case(
    report: Report, target: Doc, framework: Doc, classname: str, document: Doc
) -> ET.Element:
    """--fail-on-unknown on this framework's verdict: a failure when it is not definite (or
    rests on evidence weaker than --min-certainty), as the exit code says; skipped when a
    required policy on it fails, which leaves it unjudged.  Its name is the
    run's (Report.fail_on_unknown_at), without the line, passing or failing: taken from a
    verdict it failed, a settings file's case was `--fail-on-unknown` while it passed."""
    name = fail_on_unknown_named(report.fail_on_unknown_at, line=False)
    case = ET.Element("testcase", name=name, classname=classname)
    for unsettled in target["unsettled"]:
        if unsettled["framework"] == framework["id"]:
            message = exit_zero_beside(unsettled_said(unsettled), document)
            _child(case, "failure", message, type="policy")
    failing = _policy_failing_unsettled(target, framework)
    if failing is not None:
        # not failed twice for one cause (osai.policy.unsettled_verdicts), nor passed: a
        # viewer showed it green beside a verdict not definite
        named = policy_named(failing["require"], failing["written_at"])
        said = f"{named} {policy_phrase(failing, target)}"
        _child(case, "skipped", f"not judged apart: {said} fails the run")
    return case


def _policy_failing_unsettled(target: Doc, framework: Doc) -> Doc | None:
    """The required policy on this framework that fails, which leaves the verdict out of
    --fail-on-unknown (osai.policy.unsettled_verdicts judges no framework a required policy
    fails); None when there is none.  Guessing here which of them --fail-on-unknown would fail
    missed a definite FAIL resting on evidence below --min-certainty (a Hub model's assessed
    licence at `--min-certainty declared`): the case passed, a verdict not proven shown green."""
    policies: list[Doc] = target["policies"]
    for policy in policies:
        if policy["framework"] == framework["id"] and not policy["met"]:
            return policy
    return None


def _requirement_case(
    item: Reported, classname: str, gate: _Gate, reason: str, ruled_out: str | None = None
) -> ET.Element:
    """A failure where SARIF and GitHub say error (findings.gated_severity: the exit code's
    reason), whatever the requirement's status.  `reason`: the requirement's reason in words
    (settle.reasons_said_by_target); `ruled_out`: the level it cannot reach, when its step
    leads nowhere (_ruled_out_by_target)."""
    requirement = item.requirement
    name = f"{requirement['id']}: {requirement['title']}"
    case = ET.Element("testcase", name=xml_text(name), classname=classname)
    status = requirement["status"]
    grade = requirement.get("grade")
    if status != "met" and gated_severity(item, gate.reach) == "error":
        # what the gate fails for, whatever its status (GateReach): an unmet one a required
        # level covers, or one worse than --baseline's report; met → unknown was skipped here
        # beside GitHub's ::error and SARIF's error.  A grade's reason opens with the grade.
        said = reason if status == "unmet" or grade is not None else f"{status}: {reason}"
        kind = "unmet" if status == "unmet" else "baseline"
        _child(case, "failure", said, type=kind, text=_details(requirement, ruled_out))
        return case
    if grade is not None:
        if status != "met":  # a grade is a measure: gate the score with --require, not a case
            # the reason opens with the grade ("closed: not partial: ...", "unknown (...") or
            # says why there is none ("not graded from this release (...)")
            _child(case, "skipped", reason)
        return case
    if status == "unmet" and requirement["required"]:
        _child(case, "skipped", f"unmet, not a failure ({gate.why_not()}): {reason}")
    elif status == "unmet":
        _child(case, "skipped", f"optional requirement unmet: {reason}")
    elif status == "unknown":
        _child(case, "skipped", f"unknown: {reason}")
    elif status == "waived":
        _child(case, "skipped", f"waived: {waiver_said(requirement)} ({reason})")
    elif status == "met" and requirement["id"] in _accepted(item.target):
        # passed only because a waiver accepts it on evidence weaker than --min-certainty
        said = f"{accepted_word(requirement['certainty'])}: {waiver_said(requirement)} ({reason})"
        ET.SubElement(case, "system-out").text = xml_text(plain(said))
    elif status == "met" and inferred(_certainty(requirement)):
        # passed, but only by inference: what a gate NOT PROVEN on weak evidence rests on
        said = f"met on {requirement['certainty']} evidence, not declared or detected: {reason}"
        ET.SubElement(case, "system-out").text = xml_text(plain(said))
    return case


def _accepted(target: Doc) -> set[str]:
    """The requirements a waiver let the target's gate accept on weaker evidence than asked
    (policies[].accepted_by_waiver)."""
    return {str(r) for p in target["policies"] for r in p.get("accepted_by_waiver", ())}


def _scope_case(outside: OutOfScope, classname: str) -> ET.Element:
    """The condition of the framework applying that the target is shown not to meet: skipped,
    as the framework is (neither passed nor failed), with the outcome it gives and why."""
    condition = outside.condition
    name = f"{condition['id']}: {condition['title']}"
    case = ET.Element("testcase", name=xml_text(name), classname=classname)
    _child(case, "skipped", outside.message)
    return case


def _certainty(requirement: Doc) -> Certainty | None:
    known = requirement["certainty"]
    return Certainty(known) if known else None


def _details(requirement: Doc, ruled_out: str | None = None) -> str:
    """A failure's body: the remediation, then its source, each one line (plain).  The one text
    of the report on lines of its own: a JUnit report printed in a CI log (`--format junit` on
    standard output) gave an added framework's remediation its CR raw, and a line of it
    starting `::error::` was a workflow command GitHub ran.  A requirement whose step leads
    nowhere (`ruled_out`: what it cannot reach) gives no remediation: a model trained with
    1.1e25 FLOP was told to declare its monetisation, for an exemption no release could give,
    where the text report's actions and the JSON report's next_steps ask for no step."""
    citation = requirement["citation"]
    source = plain(f"{citation['ref']} {citation['url']}")
    todo = (
        f"No step toward {ruled_out}: a fact no release can change rules it out."
        if ruled_out
        else plain(requirement["remediation"])
    )
    return f"{todo}\nSource: {source}"


def _child(parent: ET.Element, tag: str, message: str, text: str = "", **attrs: str) -> None:
    element = ET.SubElement(parent, tag, {"message": xml_text(message), **attrs})
    if text:
        element.text = xml_text(text)


def _findings_suite(
    target: Doc, found: list[TargetFinding], base: Path | None, names: Mapping[str, str]
) -> ET.Element:
    """A target's conflicts and warnings, a skipped case each (with the finding as its message):
    what every JUnit dashboard lists by name and flags, without failing a build the exit code
    passes.  Each case is named by what it is about, as SARIF keys it (its component and the
    files its evidence cites): "warning 1: release" changed with the findings' order, and a
    dashboard tracking a case from run to run took it for another."""
    named = target_named(target, base)
    suite = ET.Element("testsuite", name=xml_text(f"{named} · findings"))
    classname = _classname(named, "findings")
    about = [f"{f.kind}: {_subject(f, names)} ({f.cited(base)})" for f in found]
    for finding, case_name in zip(found, told_apart(about), strict=True):
        case = ET.SubElement(suite, "testcase", name=xml_text(case_name), classname=classname)
        _child(case, "skipped", finding.message, type=finding.kind)
    _count(suite)
    return suite


def _subject(found: TargetFinding, names: Mapping[str, str]) -> str:
    """The component a finding is about, by its name; the release when it is about none."""
    component = str(found.finding["component"] or "")
    return names.get(component, component) if component else "release"


def _credits_suite(credits: Sequence[DataCredit]) -> ET.Element:
    """The public databases the cases quote (a finding citing an EOSAI grade), once for the
    report: each licence and attribution as a property, and in system-out, which dashboards
    show beside the suite."""
    suite = ET.Element("testsuite", name="osai · public assessments")
    properties = ET.SubElement(suite, "properties")
    for credit in credits:
        name = f"public-assessment.{credit.database}"
        ET.SubElement(
            properties, "property", name=f"{name}.licence", value=xml_text(credit.licence)
        )
        ET.SubElement(
            properties, "property", name=f"{name}.attribution", value=xml_text(credit.attribution)
        )
        for field, value in _credited_data(credit):
            ET.SubElement(properties, "property", name=f"{name}.{field}", value=xml_text(value))
    said = "\n".join(c.said_with_data for c in credits)
    ET.SubElement(suite, "system-out").text = xml_text(said)
    _count(suite)
    return suite


def _credited_data(credit: DataCredit) -> list[tuple[str, str]]:
    """Which of the database's data the suite quotes: its snapshot, and each entry."""
    given = [("snapshot", credit.snapshot), ("snapshot-date", credit.snapshot_date)]
    given += [("entry", entry) for entry in credit.entries]
    return [(field, value) for field, value in given if value]


def _errors_by_target(errors: Sequence[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """The JSON report's errors, one a problem, gathered by target in order: a target that could
    not be checked is one suite, as each checked one is, however many problems it has."""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for error in errors:
        grouped.setdefault(str(error["target"]), []).append(error)
    return grouped


def _error_suite(target: str, errors: Sequence[Mapping[str, Any]]) -> ET.Element:
    suite = ET.Element("testsuite", name=xml_text(target))
    case = ET.SubElement(suite, "testcase", name="check", classname=_classname(target, "error"))
    said = "\n".join(str(error["message"]) for error in errors)  # its problems, one a line
    _child(case, "error", said, type=f"exit-{errors[0]['exit_code']}")
    _count(suite)
    return suite


# What a suite, a case and the run took: osai times no requirement, and readers add the
# attribute up (dorny/test-reporter parses it as a number in each: without it, every duration of
# its report read `NaNms`).
UNTIMED = "0"


def _count(suite: ET.Element) -> None:
    """The suite's counts, and its time and its cases' (UNTIMED)."""
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    for tag, attribute in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
        suite.set(attribute, str(sum(1 for case in cases if case.find(tag) is not None)))
    suite.set("time", UNTIMED)
    for case in cases:
        case.set("time", UNTIMED)


def _total(root: ET.Element) -> None:
    """The run's totals on <testsuites>: tests, failures and errors only (and its time).
    Jenkins xUnit's junit-10.xsd allows no `skipped` there (it does on <testsuite>, where each
    suite's stays); the Ant schema (windyroad JUnit.xsd) allows no attribute at all on
    <testsuites>, and the readers that sum the suites (Jenkins JUnit, GitLab) need none."""
    for attribute in ("tests", "failures", "errors"):
        total = sum(int(suite.get(attribute, "0")) for suite in root.findall("testsuite"))
        root.set(attribute, str(total))
    root.set("time", UNTIMED)
