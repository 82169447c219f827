"""Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Per target: a heading, the verdict table (framework, outcome, progress), the required policies
(PASS/FAIL), the components table, the differences and the next steps.

Everything quoted from a release (a model card's sentence, a licence string, a target's name) is
data, never Markdown: `text` escapes it (no link, image, emphasis, HTML, heading, @mention or
#reference can come out of it) and `code` puts it in a code span that it cannot close.  Only this
module's own markup (`**PASS**`, code spans, the table) is Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

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
    findings = (f"{text(f['kind'])}: {text(f['message'])}" for f in target["findings"])
    return [
        _heading(target),
        _verdict_table(target, shorts),
        _bullets("Sources of the verdicts", _outcome_sources(target)),
        _policy_table(target),
        *(_grades_block(framework) for framework in target["frameworks"]),
        _bullets("Owed whatever the outcome", _standing(target)),
        _component_table(target, shorts, names),
        _bullets("Differences", (text(d["message"]) for d in target["differences"])),
        _bullets("Findings", findings),
        _bullets("Next steps", _next_steps(target)),
    ]


def _heading(target: Doc) -> str:
    revision = f" @ {code(target['revision'][:7])}" if target.get("revision") else ""
    where = f"{text(target['source'])}: {code(target['target'])}"
    return f"## {text(target['name'])}{revision}\n\n{where}"


def _verdict_table(target: Doc, shorts: Shorts) -> str:
    rows = []
    for framework in target["frameworks"]:
        outcome = _outcome_cell(framework)
        rows.append([text(framework_label(framework)), outcome, _progress(framework, shorts)])
    return table(["Framework", "Outcome", "Progress"], rows)


def _outcome_cell(framework: Doc) -> str:
    mark = "✅" if framework["best_level_proven"] else ("❌" if framework["definite"] else "❔")
    note = "" if framework["definite"] else " (not definite: some requirements unknown)"
    return f"{mark} {text(framework['outcome_label'])}{note}"


def _progress(framework: Doc, shorts: Shorts) -> str:
    score = framework.get("score")
    if score is not None:
        groups = " · ".join(
            f"{g['group']} {g['score']:.2f}" if g["score"] is not None else f"{g['group']} ?"
            for g in score["groups"]
        )
        return text(groups) or "—"
    return text(progress_text(framework, shorts.get(framework["id"]))) or "—"


def _outcome_sources(target: Doc) -> Iterator[str]:
    for framework in target["frameworks"]:
        citation = framework.get("outcome_citation")
        if citation is not None:
            yield f"{text(framework['name'])}: {text(citation['ref'])}"


def _standing(target: Doc) -> Iterator[str]:
    """Duties that stand whatever the outcome (a level that does not decide it)."""
    for framework in target["frameworks"]:
        for requirement in framework["requirements"]:
            if not requirement.get("decides", True):
                mark = STATUS_MARK[requirement["status"]]
                yield f"{mark} {text(requirement['title'])}: {text(requirement['reason'])}"


def grade_cell(requirement: Doc) -> str:
    grade = requirement.get("grade") or {}
    if grade.get("grade"):
        return text(grade["grade"])
    if grade.get("at_least"):
        return text(f"≥{grade['at_least']}")
    return "❔"


def _grades_block(framework: Doc) -> str:
    """A graded framework: every requirement's grade, then a published assessment's beside."""
    if framework.get("kind") != "graded":
        return ""
    rows = [[text(r["title"]), grade_cell(r), text(r["reason"])] for r in framework["requirements"]]
    body = table(["Requirement", "Grade", "Why"], rows)
    reference = framework.get("reference")
    if reference is not None:
        body += "\n\n" + _reference_table(reference)
    title = text(f"{framework['name']}: grades")
    return f"<details><summary>{title}</summary>\n\n{body}\n\n</details>"


_STEPS = {0: "same", 1: "one step", 2: "two apart"}


def _reference_table(reference: Doc) -> str:
    score = reference["reference_score"]
    scored = f", score {score:.2f}" if score is not None else ""
    matched = text(reference["how_matched"])
    head = f"Beside {text(reference['source'])}: {text(reference['entry'])} ({matched}{scored})"
    rows = []
    for grade in reference["grades"]:
        osai = grade["osai"] or (f"≥{grade['osai_at_least']}" if grade["osai_at_least"] else "?")
        steps = grade["steps_apart"]
        agreement = _STEPS.get(steps, f"{steps} apart") if steps is not None else "—"
        row = [code(grade["parameter"]), text(osai), text(grade["reference"] or "n/a"), agreement]
        rows.append(row)
    return head + "\n\n" + table(["Parameter", "osai", "Experts", "Agreement"], rows)


def _policy_table(target: Doc) -> str:
    if not target["policies"]:
        return ""
    rows = [
        [code(f"--require {p['require']}"), _pass_fail(p["met"]), text(p["outcome"])]
        for p in target["policies"]
    ]
    return "### Required policies\n\n" + table(["Policy", "Result", "Outcome"], rows)


def _pass_fail(met: bool) -> str:
    return "**PASS**" if met else "**FAIL**"


def _component_table(target: Doc, shorts: Shorts, names: Mapping[str, str]) -> str:
    frameworks = target["frameworks"]
    short = {fid: levels.get("", fid) for fid, levels in shorts.items()}
    headers = [
        "Component",
        "Found",
        "Licence",
        *(text(short.get(f["id"], f["id"])) for f in frameworks),
    ]
    rows = []
    for component in target["components"]:
        judged = [_component_verdict(f, component["id"], shorts) for f in frameworks]
        if component["presence"] == "unknown" and all(cell_ == "—" for cell_ in judged):
            continue
        licence = component["licence"]["text"] if component["licence"] else ""
        rows.append(
            [
                text(names.get(component["id"], component["id"])),
                PRESENCE_MARK[component["presence"]],
                text(licence) or ("?" if component["presence"] == "present" else ""),
                *judged,
            ]
        )
    body = table(headers, rows)
    return f"<details><summary>Components</summary>\n\n{body}\n\n</details>"


def _component_verdict(framework: Doc, component_id: str, shorts: Shorts) -> str:
    for requirement in framework["requirements"]:
        if requirement["direct_component"] == component_id and requirement.get("grade"):
            return grade_cell(requirement)
        if requirement["direct_component"] == component_id:
            levels = shorts.get(framework["id"], {})
            level = f" {text(levels.get(requirement['level'], ''))}" if len(levels) > 2 else ""
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
            requirement, status = text(step["requirement"]), text(step["status"])
            yield f"**{requirement}** ({status}): {text(step['action'])}"


def _bullets(title: str, items: Iterable[str]) -> str:
    """A list of Markdown items (each already escaped: see `text`)."""
    lines = [f"- {item}" for item in items]
    return f"### {title}\n\n" + "\n".join(lines) if lines else ""


def _error_blocks(errors: Sequence[Doc]) -> list[str]:
    if not errors:
        return []
    lines = [f"- {code(error['target'])}: {text(error['message'])}" for error in errors]
    return ["## Could not be checked\n\n" + "\n".join(lines)]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table of Markdown cells (each already escaped: see `text` and `code`)."""
    lines = [_row(headers), "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend(_row(row) for row in rows)
    return "\n".join(lines)


def _row(values: Sequence[str]) -> str:
    return "| " + " | ".join(_pipes_escaped(value) for value in values) + " |"


# --- quoting data --------------------------------------------------------------------------

# Every ASCII punctuation character that starts Markdown (CommonMark, GitHub's extensions:
# tables, strikethrough, math) may be backslash-escaped; these are the ones that can.
_METACHARACTERS = re.compile(r"([\\`*_\[\]()!<>|~&$#])")
# At the start of a line, these begin a list or a setext heading underline ("-", "+", "=", "1.").
_BLOCK_START = re.compile(r"^(\d+(?=\.))?([-+=]|(?<=\d)\.)")
# GitHub turns @name into a mention (a notification) and #123 into a cross-reference even where
# Markdown is escaped; a zero-width space after the sign stops both and is invisible.
_REFERENCE = re.compile(r"([@#])(?=\w)")
_ZERO_WIDTH_SPACE = "\u200b"
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def text(data: str) -> str:
    """Quoted data as Markdown that renders as exactly that text, on one line: nothing in it
    can become a link, an image, emphasis, HTML, a heading, a list, a mention or a reference."""
    flat = " ".join(str(data).split())
    escaped = _METACHARACTERS.sub(r"\\\1", flat)
    escaped = _BLOCK_START.sub(r"\1\\\2", escaped, count=1)
    return _REFERENCE.sub(rf"\1{_ZERO_WIDTH_SPACE}", escaped)


def code(data: str) -> str:
    """Quoted data as a code span it cannot close: fenced by more backticks than any run in it."""
    flat = " ".join(str(data).split())
    runs = [len(run) for run in re.findall(r"`+", flat)]
    fence = "`" * (max(runs, default=0) + 1)
    padded = f" {flat} " if flat.startswith(("`", " ")) or flat.endswith("`") else flat
    return f"{fence}{padded}{fence}"


def cell(data: str) -> str:
    """Quoted data as the text of a table cell."""
    return _pipes_escaped(text(data))


def _pipes_escaped(markdown: str) -> str:
    """A table cell: every pipe not already escaped is escaped (GitHub splits cells on pipes
    before it reads code spans, so this holds inside them too)."""
    return _UNESCAPED_PIPE.sub(r"\1\\|", markdown)
