"""SARIF 2.1.0 for code scanning: one run, a rule per requirement, a result per open requirement.

A required unmet requirement is an error only where the run's gate fails for it (a level
--require covers; the rule GitHub's annotations and JUnit follow, findings.gated_severity), else a
warning, and so is its rule's default level; an optional unmet one is a note; unknown ones are
warnings (notes when optional); one that got worse than --baseline's report is an error, whatever
its status (it fails the gate too); waived ones are warnings, and stay in the log with an external
suppression carrying the waiver's reason.  Every result has a location (GitHub refuses results
without one): the evidence's file and line, else the target (a directory's card: a
directory is no file).  The run's gate has rules of its own
(OSAI-REQUIRE, OSAI-FAIL-ON-UNKNOWN): an error result, at the target, for each required policy not
met and each verdict --fail-on-unknown fails, so the log says what the exit code says even when no
requirement is an error (a gate NOT PROVEN on weak evidence, with what to declare:
settle.policy_said).  Conflicts and warnings among the findings (sources that disagree, an expired
waiver, an osai.yaml that does not parse) are results too, at level warning, under rules
OSAI-CONFLICT and OSAI-WARNING, where their evidence points: GitHub code scanning shows results as
alerts, and shows nothing of an invocation's toolExecutionNotifications.  The run's warnings
(a waiver matching no target, one expired) are such notifications, at level warning, in standard
error's words: for a reader of the log, not alerts.  `executionSuccessful` stays
about the tool (false only when a target could not be checked): SARIF reserves it for whether the
analysis ran, not for what it found.  Each result's partialFingerprints name what it is about (the
target, the rule, a finding's component and the files it cites), never a line or a message: code
scanning matches alerts across runs by them.  The licence and attribution of each public
database whose data the results quote are in the run's `properties.publicAssessments`, once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from osai.evidence import DataCredit
from osai.formatters.escaping import breaks_a_uri, json_document, one_line
from osai.formatters.findings import (
    EXIT_ZERO_SAID,
    SHOWN_FINDINGS,
    Doc,
    Location,
    OutOfScope,
    Reported,
    TargetFinding,
    data_credits,
    error_location,
    every_requirement,
    evidence_location,
    framework_label,
    gated_severity,
    location_of,
    message_of,
    out_of_scope,
    report_base,
    reported_requirements,
    target_findings,
    target_location,
    target_named,
    told_apart,
    unmet_severity,
    unsettled_said,
    waiver_said,
)
from osai.formatters.json_report import report_document
from osai.formatters.settle import policy_said, reasons_said_by_target
from osai.policy import exit_code_for
from osai.report import BaselineComparison, GateReach, Report, error_said, policy_named

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "osai/v1"
# A rule's helpUri is an absolute URI (RFC 3986, the SARIF schema's `uri`): a scheme, then only
# what a URI holds (no space, nothing beyond ASCII, no '%' that escapes nothing, one '#'; no
# brackets, which only an IPv6 host may have).  A framework of one's own may cite
# `docs/policy.md#weights` or "section 3": as helpUri, the whole log failed the schema; the
# help text says it instead.  A web address only: `javascript:` or `data:`, a viewer's link,
# would run or show what the file wrote.
_URI = re.compile(r"(?i:https?)://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+")
REQUIRE_RULE = "OSAI-REQUIRE"
FAIL_ON_UNKNOWN_RULE = "OSAI-FAIL-ON-UNKNOWN"
BASELINE_RULE = "OSAI-BASELINE"
# A finding's kind → its rule: id, title, description.
FINDING_RULES = {
    "conflict": (
        "OSAI-CONFLICT",
        "Sources disagree about the release",
        "Two sources (a manifest, the card, a LICENSE file, a public assessment) say different "
        "things about one component; the report keeps the more restrictive, or the declared one.",
    ),
    "warning": (
        "OSAI-WARNING",
        "A source could not be read as it stands",
        "Something osai read is doubtful or was skipped: an expired waiver, an osai.yaml or a "
        "card value that does not parse, a licence that contradicts another.",
    ),
}


def render_sarif(report: Report, *, base: Path | None = None) -> str:
    return json_document(sarif_log(report, base=base), indent=2) + "\n"


def sarif_log(report: Report, *, base: Path | None = None) -> dict[str, Any]:
    document = report_document(report)
    gate = report.gate_reach()
    rules = _rules(document, gate, report.baseline)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    base = base or report_base(report)
    said = reasons_said_by_target(report)
    results = [
        _result(item, index, base, gate, said[str(item.target["target"])])
        for item in reported_requirements(document)
    ]
    results += [_scope_result(outside, index, base) for outside in out_of_scope(document)]
    results += _gate_results(document, index, base, report.baseline)
    found = list(target_findings(document))
    keys = told_apart([_finding_key(finding, base) for finding in found])
    results += [_finding_result(f, key, index, base) for f, key in zip(found, keys, strict=True)]
    run: dict[str, Any] = {
        "tool": {"driver": _driver(document, rules)},
        "results": results,
        "invocations": [_invocation(document, exit_code_for(report), base)],
        "columnKind": "unicodeCodePoints",
    }
    properties: dict[str, Any] = {}
    credits = data_credits(report)
    if credits:  # the results quote public databases: their licences ask for their attribution
        properties["publicAssessments"] = [_credit(credit) for credit in credits]
    if document["baseline"] is not None:
        # --baseline: the comparison as the JSON report's `baseline` holds it (its schema
        # documents it); its regressions fail the gate the invocation's exit code says
        properties["osaiBaseline"] = document["baseline"]
    if properties:
        run["properties"] = properties
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _credit(credit: DataCredit) -> dict[str, Any]:
    given: dict[str, Any] = {
        "database": credit.database,
        "title": credit.title,
        "licence": credit.licence,
        "attribution": credit.attribution,  # a field: the attribution, not a note's clause
    }
    # which of its data the results quote: the snapshot, and each entry
    given |= {"snapshot": credit.snapshot} if credit.snapshot else {}
    given |= {"snapshotDate": credit.snapshot_date} if credit.snapshot_date else {}
    given |= {"entries": list(credit.entries)} if credit.entries else {}
    return given


def _driver(document: Doc, rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": document["tool"]["name"],
        "version": document["tool"]["version"],
        "semanticVersion": document["tool"]["version"],
        # no informationUri: optional in SARIF 2.1.0, and the project names no home page
        # (pyproject.toml has no [project.urls]); a domain it does not own must not stand in
        "rules": rules,
    }


def _rules(
    document: Doc, gate: GateReach, baseline: BaselineComparison | None
) -> list[dict[str, Any]]:
    """Every requirement of every evaluated framework, once, in rule-file order; then the
    gate's rules when the run has a gate."""
    levels = _default_levels(document, gate)
    rules: dict[str, dict[str, Any]] = {}
    remedies: dict[str, str] = {}
    for item in every_requirement(document):
        rule_id = item.requirement["id"]
        remedy = str(item.requirement["remediation"])
        # A rule's help is the rule's, whatever order the targets came in: its remedy as said to
        # whoever owns a release, the manifest keys added (verdict.with_manifest_keys, longer
        # than the words alone), when any target is one; the first target's words made a run
        # of a Hub model and a manifest give another help than the manifest and the Hub model.
        if rule_id not in rules or len(remedy) > len(remedies[rule_id]):
            remedies[rule_id] = remedy
            rules[rule_id] = _rule(item.framework, item.requirement, levels[rule_id])
    for outside in out_of_scope(document):
        rules.setdefault(str(outside.condition["id"]), _scope_rule(outside))
    if any(target["policies"] for target in document["targets"]):
        rules[REQUIRE_RULE] = _gate_rule(
            REQUIRE_RULE,
            "A required policy is met (--require)",
            "A required policy passes only on proof: FAIL when evidence violates a requirement "
            "it needs, NOT PROVEN when requirements it needs are unknown or its level was "
            "reached only on evidence weaker than --min-certainty.",
        )
    kinds = {found.kind for found in target_findings(document)}
    for kind in (kind for kind in SHOWN_FINDINGS if kind in kinds):
        rule_id, title, text = FINDING_RULES[kind]
        rules[rule_id] = _gate_rule(rule_id, title, text, level="warning", tag="finding")
    # the rule of the results _baseline_failures gives: a target it could not check is an
    # error notification of its own, not a result of this rule
    if baseline is not None and (
        baseline.regressions or baseline.compared_nothing or baseline.judged_otherwise
    ):
        rules[BASELINE_RULE] = _gate_rule(
            BASELINE_RULE,
            "No less open than the baseline (--baseline)",
            "--baseline fails the run when a framework's outcome, or a requirement's status "
            "(a graded one's grade), is worse than in the earlier report it names, and leaves "
            "it NOT PROVEN when it compared nothing (no target and framework judged alike in "
            "both) or a target was judged otherwise than there, none of its frameworks "
            "compared (links followed on one side only, every framework's mode or version); a "
            "framework judged otherwise beside others compared is left out with a warning.",
        )
    if document["fail_on_unknown"]:
        rules[FAIL_ON_UNKNOWN_RULE] = _gate_rule(
            FAIL_ON_UNKNOWN_RULE,
            "Verdicts are definite (--fail-on-unknown)",
            "--fail-on-unknown fails the run when a verdict is not definite (requirements it "
            "rests on are unknown) or rests on evidence weaker than --min-certainty.",
        )
    return list(rules.values())


def _gate_rule(
    rule_id: str, title: str, text: str, level: str = "error", tag: str = "gate"
) -> dict[str, Any]:
    """A rule of osai's own (not of a framework): the run's gate, what the exit code is about;
    or a kind of finding."""
    return {
        "id": rule_id,
        "name": _pascal(rule_id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": text},
        "help": {
            "text": "The result names the target and why; `osai check TARGET` lists the actions "
            "that would settle it (declare what is unknown in a manifest: osai init drafts one)."
        },
        "defaultConfiguration": {"level": level},
        "properties": {"tags": [tag]},
    }


def _rule(framework: Doc, requirement: Doc, level: str) -> dict[str, Any]:
    """A requirement's rule.  Its texts are a framework file's, which may be one of the user's
    own (--add-framework): each is one line, as a result's message is (one_line), since code
    scanning shows a rule's descriptions and help as they are; an ESC, a CR or a right-to-left
    override in a requirement's title reached the alert's page raw."""
    citation = requirement["citation"]
    url = str(citation["url"] or "")
    linked = _is_uri(url)
    source = f"{citation['ref']} ({url})" if url and not linked else citation["ref"]
    title = one_line(requirement["title"])
    rule: dict[str, Any] = {
        "id": requirement["id"],
        "name": _pascal(requirement["id"]),
        "shortDescription": {"text": title},
        "fullDescription": {"text": one_line(citation["text"] or "") or title},
        "help": {"text": f"{one_line(requirement['remediation'])}\nSource: {one_line(source)}"},
        "defaultConfiguration": {"level": level},
        "properties": {
            "framework": framework["id"],
            "level": requirement["level"],
            "required": requirement["required"],
            "tags": [tag for tag in (framework["id"], requirement["level"]) if tag],
        },
    }
    if linked:
        rule["helpUri"] = url
    return rule


def _scope_rule(outside: OutOfScope) -> dict[str, Any]:
    """A condition of a framework applying at all (its rule file's scope): a note, as a
    release outside the framework's scope is neither met nor violated."""
    condition = outside.condition
    citation = condition["citation"]
    url = str(citation["url"] or "")
    title = one_line(condition["title"])
    name = framework_label(outside.framework)
    rule: dict[str, Any] = {
        "id": condition["id"],
        "name": _pascal(str(condition["id"])),
        "shortDescription": {"text": title},
        "fullDescription": {"text": one_line(citation["text"] or "") or title},
        "help": {
            "text": one_line(
                f"Whether {name} applies at all: shown unmet, the release is outside its scope "
                "and none of its requirements is judged or owed."
            )
            + f"\nSource: {one_line(citation['ref'])}"
        },
        "defaultConfiguration": {"level": "note"},
        "properties": {
            "framework": outside.framework["id"],
            "tags": [str(outside.framework["id"]), "scope"],
        },
    }
    if _is_uri(url):
        rule["helpUri"] = url
    return rule


def _scope_result(outside: OutOfScope, index: dict[str, int], base: Path | None) -> dict[str, Any]:
    """A target shown outside a framework's scope: a note, at the evidence that shows it."""
    rule_id = str(outside.condition["id"])
    target = outside.target
    return {
        "ruleId": rule_id,
        "ruleIndex": index[rule_id],
        "level": "note",
        "message": {"text": one_line(f"{target['name']}: {outside.message}")},
        "locations": [_location(evidence_location(target, outside.condition["evidence"], base))],
        "partialFingerprints": {FINGERPRINT_KEY: f"{target_named(target, base)}:{rule_id}"},
        "properties": {
            "target": target["target"],
            "status": outside.condition["status"],
            "framework": outside.framework["id"],
            "outcome": outside.framework["outcome"],
        },
    }


def _is_uri(text: str) -> bool:
    return _URI.fullmatch(text) is not None and not breaks_a_uri(text)


def _default_levels(document: Doc, gate: GateReach) -> dict[str, str]:
    """Each rule's default level: the level its results take when not met (unmet_severity), an
    error where the gate fails for it on some target, else a warning (a note when optional).
    `error` for every required requirement told code scanning a rule no --require asked for was
    an error, beside its results' warnings and exit code 0."""
    levels: dict[str, str] = {}
    for item in every_requirement(document):
        rule_id = item.requirement["id"]
        if levels.get(rule_id) != "error":
            levels[rule_id] = unmet_severity(item, gate)
    return levels


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace("_", "-").split("-") if part)


def _result(
    item: Reported,
    index: dict[str, int],
    base: Path | None,
    gate: GateReach,
    reasons: Mapping[tuple[str, str], str],
) -> dict[str, Any]:
    """A requirement's result, an error only where the gate fails for it (gated_severity,
    as GitHub's annotations and the exit code say)."""
    rule_id = item.requirement["id"]
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": index[rule_id],
        "level": gated_severity(item, gate),
        "message": {"text": one_line(message_of(item, reasons, gate))},
        "locations": [_location(location_of(item, base))],
        "partialFingerprints": {FINGERPRINT_KEY: f"{target_named(item.target, base)}:{rule_id}"},
        "properties": {
            "target": item.target["target"],
            "status": item.status,
            "framework": item.framework["id"],
            "outcome": item.framework["outcome"],
            **({"grade": item.requirement["grade"]["grade"]} if item.graded else {}),
        },
    }
    if item.waived:
        justification = one_line(waiver_said(item.requirement))
        result["suppressions"] = [{"kind": "external", "justification": justification}]
    return result


def _gate_results(
    document: Doc, index: dict[str, int], base: Path | None, baseline: BaselineComparison | None
) -> list[dict[str, Any]]:
    """An error per verdict the run's gate fails for (a required policy not met, a verdict
    --fail-on-unknown fails, what got worse than the baseline or its comparing nothing): the
    exit code's reason, in the log, at the target."""
    results = []
    for target in document["targets"]:
        where = _location(target_location(target, base))
        named = target_named(target, base)
        failed = [
            *(
                (
                    REQUIRE_RULE,
                    p,
                    f"{policy_named(p['require'], p['written_at'])} {policy_said(p, target)}",
                    _policy_key(p),
                )
                for p in target["policies"]
                if not p["met"]
            ),
            *(
                (
                    FAIL_ON_UNKNOWN_RULE,
                    u,
                    unsettled_said(u),
                    u["framework"],
                )
                for u in target["unsettled"]
            ),
            # what got worse than the baseline: the exit code's reason where no requirement
            # is an error (a met one now unknown is a warning), as a required policy's is
            *_baseline_failures(baseline, str(target["target"])),
        ]
        for rule_id, gate, said, key in failed:
            result: dict[str, Any] = {
                "ruleId": rule_id,
                "ruleIndex": index[rule_id],
                "level": "error",
                "message": {"text": one_line(f"{target['name']}: {said}")},
                "locations": [where],
                "partialFingerprints": {FINGERPRINT_KEY: f"{named}:{rule_id}:{key}"},
                "properties": {
                    "target": target["target"],
                    "framework": gate["framework"],
                    "verdict": gate["verdict"],
                },
            }
            results.append(result)
    return results


def _baseline_failures(
    baseline: BaselineComparison | None, target: str
) -> list[tuple[str, Doc, str, str]]:
    """--baseline's reasons the gate fails on one target (rule, gate, words, key): each
    framework that got worse, or why it is NOT PROVEN (exit 1, of which the log gave no
    reason): the run compared nothing, or the target was judged otherwise than in the baseline
    (BaselineComparison.unproven_said).  None where the baseline passes on it."""
    if baseline is None:
        return []
    failed: list[tuple[str, Doc, str, str]] = [
        (BASELINE_RULE, {"framework": r.framework_id, "verdict": r.new}, r.said, r.framework_id)
        for r in baseline.target_regressions(target)
    ]
    unproven = baseline.unproven_said(target)
    if unproven:
        gate = {"framework": "", "verdict": baseline.target_verdict(target)}
        key = "compared-nothing" if baseline.compared_nothing else "judged-otherwise"
        failed.append((BASELINE_RULE, gate, unproven, key))
    return failed


def _policy_key(policy: Doc) -> str:
    """A required policy as code scanning matches its alert across runs: its framework and the
    level it asks for (a graded framework's score), never its spelling (`mof:III`, `MOF:3`,
    `mof` and `mof:class-3` are one policy: moved from a workflow's `--require` into
    .osai.yaml in other words, it closed its alert and opened another)."""
    asked = policy["level"] or f"{policy['threshold']:g}"
    return f"{policy['framework']}:{asked}"


def _finding_key(found: TargetFinding, base: Path | None) -> str:
    """What a finding is about, as code scanning matches it across runs: its target, rule,
    component and the files or fields its evidence cites.  Never where in them (a MOT listing's
    line moved with each snapshot, a manifest's with each edit above it, and code scanning
    closed the alert and opened another) nor its words (a warning's message can carry a network
    error that changes from run to run) nor the values cited (a repository's last change)."""
    rule_id = FINDING_RULES[found.kind][0]
    component = found.finding["component"]
    return f"{target_named(found.target, base)}:{rule_id}:{component}:{found.cited(base)}"


def _finding_result(
    found: TargetFinding, key: str, index: dict[str, int], base: Path | None
) -> dict[str, Any]:
    """A conflict or warning as a result at level warning, where its evidence points;
    `key`: its fingerprint (_finding_key, told apart)."""
    rule_id = FINDING_RULES[found.kind][0]
    return {
        "ruleId": rule_id,
        "ruleIndex": index[rule_id],
        "level": "warning",
        "message": {"text": one_line(found.message)},
        "locations": [_location(found.location(base))],
        "partialFingerprints": {FINGERPRINT_KEY: key},
        "properties": {"target": found.target["target"], "kind": found.kind},
    }


def _location(location: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _repository_relative(location.uri)}}
    if location.line:
        physical["region"] = {"startLine": location.line}
    return {"physicalLocation": physical}


def _repository_relative(uri: str) -> str:
    """A web page's URI as host and path, a relative reference: code scanning reads a result's
    URI against the repository checked out, and rejects the whole log when an absolute one has
    another scheme than the checkout's `file` ("SARIF URI scheme "https" did not match the
    checkout URI scheme "file""), so a Hub model's page as a URL lost every result of a run."""
    scheme, separator, rest = uri.partition("://")
    return rest if separator and scheme in ("http", "https") else uri


def _invocation(document: Doc, exit_code: int, base: Path | None) -> dict[str, Any]:
    """Whether the analysis ran, the code osai exits with and, beside it, what the gate decided
    (under --exit-zero a gate that fails exits 0: the results' errors alone read as a step
    that failed), with a notification for each target it could not check (`error`) and each
    warning of the run (`warning`: a waiver matching no target, one expired), in the words
    standard error gives them (SARIF 2.1.0 §3.20.21, §3.20.22, §3.20.23, §3.58)."""
    errors = document["errors"]
    invocation: dict[str, Any] = {"executionSuccessful": not errors, "exitCode": exit_code}
    gate = document["gate"]
    if gate is not None:
        forced = f"; {EXIT_ZERO_SAID}" if gate["exit_forced_zero"] else ""
        # the gate holds the targets checked: beside exit 3, "gate PASS" alone read as a pass
        unchecked = len({error["target"] for error in errors})
        left = (
            f"; {unchecked} target{'s' if unchecked != 1 else ''} not checked" if unchecked else ""
        )
        invocation["exitCodeDescription"] = f"gate {gate['verdict']}{left}{forced}"
    notifications = [
        _notification(
            "error",
            error_said(error["target"], error["message"]),
            # at the line its error names (`m.yml:7: invalid YAML`), as its annotation is
            error_location(error["target"], error["message"], base),
        )
        for error in errors
    ]
    notifications += [_notification("warning", said) for said in document["warnings"]]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _notification(level: str, text: str, where: Location | None = None) -> dict[str, Any]:
    notification: dict[str, Any] = {"level": level, "message": {"text": one_line(text)}}
    if where is not None:
        notification["locations"] = [_location(where)]  # SARIF 2.1.0 §3.58.4
    return notification
