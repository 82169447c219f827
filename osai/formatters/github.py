"""GitHub Actions workflow commands: an annotation per open requirement, a notice per verdict.

`::error file=…,line=…,title=…::message` for unmet requirements, `::warning` for unknown ones
(and optional unmet ones), `::notice` for optional unknown ones and for every framework verdict;
a required policy that fails is an `::error` too.  Waived requirements are only counted in the
verdict notice.
Escaping follows @actions/core: `%`, CR and LF everywhere; also `:` and `,` in properties.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from osai.formatters.escaping import workflow_data, workflow_property
from osai.formatters.findings import (
    Doc,
    Shorts,
    framework_label,
    location_of,
    message_of,
    progress_text,
    report_base,
    reported_requirements,
    severity,
    short_names,
    target_location,
)
from osai.formatters.json_report import report_document
from osai.report import Report

COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def render_github(report: Report, *, base: Path | None = None) -> str:
    document = report_document(report)
    shorts = short_names(report)
    base = base or report_base(report)
    lines = [*_requirement_lines(document, base), *_verdict_lines(document, shorts, base)]
    lines.extend(_policy_lines(document, base))
    lines.extend(
        command("error", f"{e['target']}: {e['message']}", title="osai") for e in document["errors"]
    )
    return "".join(f"{line}\n" for line in lines)


def command(name: str, message: str, **properties: str | int | None) -> str:
    """One workflow command; properties that are empty or None are left out."""
    given = [f"{key}={escape_property(str(value))}" for key, value in properties.items() if value]
    head = f"::{name} {','.join(given)}" if given else f"::{name}"
    return f"{head}::{escape_data(message)}"


escape_data = workflow_data
escape_property = workflow_property


def _requirement_lines(document: Doc, base: Path | None) -> Iterator[str]:
    for item in reported_requirements(document):
        if item.waived:
            continue
        where = location_of(item, base)
        title = f"{item.requirement['id']} ({item.framework['name']} {item.framework['version']})"
        yield command(
            COMMAND[severity(item)], message_of(item), file=where.path, line=where.line, title=title
        )


def _verdict_lines(document: Doc, shorts: Shorts, base: Path | None) -> Iterator[str]:
    for target in document["targets"]:
        where = target_location(target, base)
        for framework in target["frameworks"]:
            title = f"{target['name']}: {framework_label(framework)}"
            message = _verdict_message(target, framework, shorts.get(framework["id"], {}))
            yield command("notice", message, file=where.path, title=title)


def _verdict_message(target: Doc, framework: Doc, shorts: Mapping[str, str]) -> str:
    counts = _counts(framework["requirements"])
    parts = [f"{target['target']}: {framework['outcome_label']}"]
    if not framework["definite"]:
        parts.append("not definite: some requirements are unknown")
    progress = progress_text(framework, shorts)
    if progress:
        parts.append(f"progress {progress}")
    parts.append(", ".join(f"{n} {status}" for status, n in counts.items() if n))
    return " — ".join(part for part in parts if part)


def _counts(requirements: list[Mapping[str, object]]) -> dict[str, int]:
    counts = {"met": 0, "unmet": 0, "unknown": 0, "waived": 0}
    for requirement in requirements:
        counts[str(requirement["status"])] += 1
    return counts


def _policy_lines(document: Doc, base: Path | None) -> Iterator[str]:
    for target in document["targets"]:
        where = target_location(target, base)
        for policy in target["policies"]:
            verdict = "met" if policy["met"] else "not met"
            spec = policy["require"]
            message = f"{target['target']}: --require {spec} {verdict} ({policy['outcome']})"
            name = "notice" if policy["met"] else "error"
            yield command(name, message, file=where.path, title=f"policy {policy['require']}")
