"""SARIF 2.1.0 for code scanning: one run, a rule per requirement, a result per open requirement.

Unmet requirements are errors (warnings when optional), unknown ones warnings (notes when optional);
waived ones stay in the log with an external suppression carrying the waiver's reason.  Every result
has a location (GitHub refuses results without one): the evidence's file and line, else the target.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from osai.formatters.escaping import json_document
from osai.formatters.findings import (
    Doc,
    Location,
    Reported,
    location_of,
    message_of,
    report_base,
    reported_requirements,
    severity,
)
from osai.formatters.json_report import report_document
from osai.report import Report, error_said

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://osai.dev/"
FINGERPRINT_KEY = "osai/v1"


def render_sarif(report: Report, *, base: Path | None = None) -> str:
    return json_document(sarif_log(report, base=base), indent=2) + "\n"


def sarif_log(report: Report, *, base: Path | None = None) -> dict[str, Any]:
    document = report_document(report)
    rules = _rules(document)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    base = base or report_base(report)
    results = [_result(item, index, base) for item in reported_requirements(document)]
    run: dict[str, Any] = {
        "tool": {"driver": _driver(document, rules)},
        "results": results,
        "invocations": [_invocation(document)],
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _driver(document: Doc, rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": document["tool"]["name"],
        "version": document["tool"]["version"],
        "semanticVersion": document["tool"]["version"],
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }


def _rules(document: Doc) -> list[dict[str, Any]]:
    """Every requirement of every evaluated framework, once, in rule-file order."""
    rules: dict[str, dict[str, Any]] = {}
    for target in document["targets"]:
        for framework in target["frameworks"]:
            for requirement in framework["requirements"]:
                rules.setdefault(requirement["id"], _rule(framework, requirement))
    return list(rules.values())


def _rule(framework: Doc, requirement: Doc) -> dict[str, Any]:
    citation = requirement["citation"]
    rule: dict[str, Any] = {
        "id": requirement["id"],
        "name": _pascal(requirement["id"]),
        "shortDescription": {"text": requirement["title"]},
        "fullDescription": {"text": citation["text"] or requirement["title"]},
        "help": {"text": f"{requirement['remediation']}\nSource: {citation['ref']}"},
        "defaultConfiguration": {"level": _default_level(requirement)},
        "properties": {
            "framework": framework["id"],
            "level": requirement["level"],
            "required": requirement["required"],
            "tags": [tag for tag in (framework["id"], requirement["level"]) if tag],
        },
    }
    if citation["url"]:
        rule["helpUri"] = citation["url"]
    return rule


def _default_level(requirement: Doc) -> str:
    """A graded requirement is a measure (a warning below its top grade); a requirement that
    must hold is an error when required."""
    if requirement.get("grade") is not None or not requirement["required"]:
        return "warning"
    return "error"


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.replace("_", "-").split("-") if part)


def _result(item: Reported, index: dict[str, int], base: Path | None) -> dict[str, Any]:
    rule_id = item.requirement["id"]
    result: dict[str, Any] = {
        "ruleId": rule_id,
        "ruleIndex": index[rule_id],
        "level": severity(item),
        "message": {"text": message_of(item)},
        "locations": [_location(location_of(item, base))],
        "partialFingerprints": {FINGERPRINT_KEY: f"{item.target['target']}:{rule_id}"},
        "properties": {
            "target": item.target["target"],
            "status": item.status,
            "framework": item.framework["id"],
            "outcome": item.framework["outcome"],
            **({"grade": item.requirement["grade"]["grade"]} if item.graded else {}),
        },
    }
    if item.waived:
        justification = str(item.requirement["waiver"] or "")
        result["suppressions"] = [{"kind": "external", "justification": justification}]
    return result


def _location(location: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": location.uri}}
    if location.line:
        physical["region"] = {"startLine": location.line}
    return {"physicalLocation": physical}


def _invocation(document: Doc) -> dict[str, Any]:
    errors = document["errors"]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": error_said(error["target"], error["message"])}}
            for error in errors
        ]
    return invocation
