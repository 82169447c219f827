"""Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Per target: a heading, the verdict table (framework, outcome, progress), the required policies
(PASS/FAIL), the components table, the differences and the next steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from osai.formatters.findings import Doc, Shorts, framework_label, progress_text, short_names
from osai.formatters.json_report import report_document
from osai.report import Report

STATUS_MARK = {"met": "✅", "unmet": "❌", "unknown": "❔", "waived": "⚪"}
PRESENCE_MARK = {"present": "✅", "absent": "❌", "unknown": "❔"}


def render_markdown(report: Report) -> str:
    document = report_document(report)
    shorts = short_names(report)
    names = dict(report.info.component_names)
    blocks = [_summary(document)]
    for target in document["targets"]:
        blocks.extend(_target_blocks(target, shorts, names))
    blocks.extend(_error_blocks(document["errors"]))
    return "\n\n".join(block for block in blocks if block) + "\n"


def _summary(document: Doc) -> str:
    policies = [p for target in document["targets"] for p in target["policies"]]
    count = len(document["targets"]) + len(document["errors"])
    line = f"# osai openness report\n\n{count} target{'s' if count != 1 else ''} checked"
    if policies:
        passed = sum(1 for p in policies if p["met"])
        failed = len(policies) - passed
        line += f" · required policies: {passed} passed, {failed} failed"
        line += " — **FAIL**" if failed else " — **PASS**"
    if document["errors"]:
        line += f" · {len(document['errors'])} could not be checked"
    return line + "."


def _target_blocks(target: Doc, shorts: Shorts, names: Mapping[str, str]) -> list[str]:
    return [
        _heading(target),
        _verdict_table(target, shorts),
        _policy_table(target),
        _component_table(target, shorts, names),
        _bullets("Differences", (d["message"] for d in target["differences"])),
        _bullets("Findings", (f"{f['kind']}: {f['message']}" for f in target["findings"])),
        _bullets("Next steps", _next_steps(target)),
    ]


def _heading(target: Doc) -> str:
    revision = f" @ `{target['revision'][:7]}`" if target.get("revision") else ""
    return f"## {cell(target['name'])}{revision}\n\n{target['source']}: `{target['target']}`"


def _verdict_table(target: Doc, shorts: Shorts) -> str:
    rows = []
    for framework in target["frameworks"]:
        outcome = _outcome_cell(framework)
        rows.append([framework_label(framework), outcome, _progress(framework, shorts)])
    return table(["Framework", "Outcome", "Progress"], rows)


def _outcome_cell(framework: Doc) -> str:
    mark = "✅" if framework["best_level_proven"] else ("❌" if framework["definite"] else "❔")
    note = "" if framework["definite"] else " (not definite: some requirements unknown)"
    return f"{mark} {framework['outcome_label']}{note}"


def _progress(framework: Doc, shorts: Shorts) -> str:
    return progress_text(framework, shorts.get(framework["id"])) or "—"


def _policy_table(target: Doc) -> str:
    if not target["policies"]:
        return ""
    rows = [
        [f"`--require {p['require']}`", "**PASS**" if p["met"] else "**FAIL**", p["outcome"]]
        for p in target["policies"]
    ]
    return "### Required policies\n\n" + table(["Policy", "Result", "Outcome"], rows)


def _component_table(target: Doc, shorts: Shorts, names: Mapping[str, str]) -> str:
    frameworks = target["frameworks"]
    short = {fid: levels.get("", fid) for fid, levels in shorts.items()}
    headers = ["Component", "Found", "Licence", *(short.get(f["id"], f["id"]) for f in frameworks)]
    rows = []
    for component in target["components"]:
        judged = [_component_verdict(f, component["id"], shorts) for f in frameworks]
        if component["presence"] == "unknown" and all(cell_ == "—" for cell_ in judged):
            continue
        licence = component["licence"]["text"] if component["licence"] else ""
        rows.append(
            [
                names.get(component["id"], component["id"]),
                PRESENCE_MARK[component["presence"]],
                licence or ("?" if component["presence"] == "present" else ""),
                *judged,
            ]
        )
    body = table(headers, rows)
    return f"<details><summary>Components</summary>\n\n{body}\n\n</details>"


def _component_verdict(framework: Doc, component_id: str, shorts: Shorts) -> str:
    for requirement in framework["requirements"]:
        if requirement["direct_component"] == component_id:
            levels = shorts.get(framework["id"], {})
            level = f" {levels.get(requirement['level'], '')}" if len(levels) > 2 else ""
            optional = "" if requirement["required"] else " (optional)"
            return f"{STATUS_MARK[requirement['status']]}{level}{optional}"
    return "—"


def _next_steps(target: Doc) -> Iterator[str]:
    seen: set[str] = set()
    for framework in target["frameworks"]:
        for step in framework["next_steps"]:
            if step["action"] in seen:
                continue
            seen.add(step["action"])
            yield f"**{step['requirement']}** ({step['status']}): {step['action']}"


def _bullets(title: str, items: Iterable[str]) -> str:
    lines = [f"- {cell(item)}" for item in items]
    return f"### {title}\n\n" + "\n".join(lines) if lines else ""


def _error_blocks(errors: Sequence[Doc]) -> list[str]:
    if not errors:
        return []
    lines = [f"- `{error['target']}`: {cell(error['message'])}" for error in errors]
    return ["## Could not be checked\n\n" + "\n".join(lines)]


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = [_row(headers), "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(values: Sequence[Any]) -> str:
    return "| " + " | ".join(cell(str(value)) for value in values) + " |"


def cell(text: str) -> str:
    """Text safe inside a table cell or a list item: no pipes, no line breaks, no raw HTML."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
