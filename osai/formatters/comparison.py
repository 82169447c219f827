"""`osai compare` as text, Markdown or JSON; with a model, that model's report comes first, in
the same format (for JSON: under "model"): asked about a model, a person reads its verdicts
first, not at line 167 of 305 after the frameworks' general comparison."""

from __future__ import annotations

from typing import Any

from osai.compare import Ask, Comparison
from osai.formatters import OutputFormat, formatter_for
from osai.formatters.escaping import json_document
from osai.formatters.json_report import report_document
from osai.formatters.markdown import cell
from osai.formatters.markdown import text as md_text
from osai.formatters.textlayout import Column, Painter, Span, hanging, table
from osai.report import View


def render_comparison(
    comparison: Comparison, output_format: OutputFormat, view: View | None = None
) -> str:
    if output_format is OutputFormat.JSON:
        return json_document(comparison_document(comparison), indent=2) + "\n"
    if output_format is OutputFormat.MARKDOWN:
        return _model(comparison, output_format) + _markdown(comparison)
    return _model(comparison, output_format) + _text(comparison, view or View())


def _model(comparison: Comparison, output_format: OutputFormat) -> str:
    if comparison.model is None:
        return ""
    return formatter_for(output_format)(comparison.model) + "\n"


# The compare document's version (rules/schema/compare.schema.json): 1.0 is the first with one.
COMPARE_SCHEMA_VERSION = "1.1"


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    ids = [f.id for f in comparison.frameworks]
    document: dict[str, Any] = {
        "schema_version": COMPARE_SCHEMA_VERSION,
        "frameworks": [
            {
                "id": f.id,
                "name": f.name,
                "version": f.version,
                "source": f.source_url,
                "scoring": f.summary,
                "scope": [
                    {"id": scope_id, "title": title, "label": label}
                    for scope_id, title, label in f.scope
                ],
            }
            for f in comparison.frameworks
        ],
        "components": [
            {
                "component": row.component,
                "name": row.name,
                "content_type": row.content_type,
                "stances": dict(zip(ids, row.stances, strict=True)),
                "asks": _asks(ids, row.asks),
            }
            for row in comparison.components
        ],
        "facts": [
            {
                "fact": row.fact,
                "title": row.title,
                "stances": dict(zip(ids, row.stances, strict=True)),
                "manifest_key": row.manifest_key,
                "asks": _asks(ids, row.asks),
            }
            for row in comparison.facts
        ],
        "policies": [
            {
                "framework": p.framework_id,
                "policy": p.policy,
                "title": p.title,
                "interpretation": p.interpretation,
            }
            for p in comparison.policies
        ],
        "differences": [
            {"topic": d.topic, "message": d.message, "sources": list(d.sources)}
            for d in comparison.differences
        ],
    }
    if comparison.model is not None:
        document["model"] = report_document(comparison.model)
    return document


def _asks(ids: list[str], asks: tuple[tuple[Ask, ...], ...]) -> dict[str, list[dict[str, Any]]]:
    """Per framework id, what each of its requirements asks (an empty list: nothing)."""
    return {
        framework: [
            {
                "requirement": ask.requirement,
                "kind": ask.kind,
                "level": ask.level,
                "policy": ask.policy,
                "grades": list(ask.grades),
                "test": ask.test,
            }
            for ask in column
        ]
        for framework, column in zip(ids, asks, strict=True)
    }


def _rows(comparison: Comparison) -> list[list[str]]:
    """One table: a row per component, then per fact; a column per framework."""
    rows = [[row.name, row.content_type, *row.stances] for row in comparison.components]
    rows += [[row.title, "fact", *row.stances] for row in comparison.facts]
    return rows


def _text(comparison: Comparison, view: View) -> str:
    painter, width = Painter(view.color, view.encoding), view.width
    title = "  vs  ".join(f"{f.name} {f.version}" for f in comparison.frameworks)
    lines = [*hanging(painter, [], [Span(title, "bold")], width), ""]
    shorts = [f.short_name for f in comparison.frameworks]
    columns = [
        Column("asks for", wraps=True, min_width=14, give=2),
        Column("type"),
        *(Column(short, wraps=True, min_width=16, give=1) for short in shorts),
    ]
    rows = [[Span(value) for value in row] for row in _rows(comparison)]
    fitted = table(painter, columns, rows, width, indent=0)
    if fitted is None:  # narrow: each row's stances under it
        fitted = []
        for name, kind, *stances in _rows(comparison):
            fitted.extend(
                hanging(painter, [], [Span(name, "bold"), Span(f" ({kind})", "dim")], width)
            )
            for short, stance in zip(shorts, stances, strict=True):
                fitted.extend(
                    hanging(painter, [Span(f"  {short}: ", "dim")], [Span(stance)], width)
                )
    lines.extend(fitted)
    lines += ["", painter.paint("How each decides", "bold")]
    for framework in comparison.frameworks:
        lines.extend(
            hanging(
                painter, [Span(f"  {framework.short_name}: ")], [Span(framework.summary)], width
            )
        )
        for scope in framework.scope_said:
            lines.extend(hanging(painter, [Span("      ")], [Span(scope)], width))
    lines += ["", painter.paint("Licence policies", "bold")]
    for policy in comparison.policies:
        prefix = [Span(f"  {policy.short_name} {policy.policy}: ")]
        lines.extend(hanging(painter, prefix, [Span(policy.title)], width))
        # what the policy rests on where the framework names no list (OSAID's "OSI-approved
        # terms"): "(osai's interpretation)" alone said there was one, not what it is
        if policy.interpretation:
            said = [Span(f"interpretation: {policy.interpretation}", "dim")]
            lines.extend(hanging(painter, [Span("      ")], said, width))
    lines += ["", painter.paint("Where they disagree", "bold")]
    for difference in comparison.differences:
        lines.extend(hanging(painter, [Span("  • ")], [Span(difference.message)], width))
        sources = f"sources: {'; '.join(difference.sources)}"
        lines.extend(hanging(painter, [Span("      ")], [Span(sources, "dim")], width))
    return "\n".join(lines) + "\n"


def _markdown(comparison: Comparison) -> str:
    title = " vs ".join(f"{f.name} {f.version}" for f in comparison.frameworks)
    shorts = [f.short_name for f in comparison.frameworks]
    lines = [
        f"# {md_text(title)}",
        "",
        "| asks for | type | " + " | ".join(cell(s) for s in shorts) + " |",
        "|---|---|" + "---|" * len(shorts),
    ]
    for row in _rows(comparison):
        lines.append("| " + " | ".join(cell(value) for value in row) + " |")
    lines += ["", "## How each decides", ""]
    for f in comparison.frameworks:
        lines.append(f"- {md_text(f.short_name)}: {md_text(f.summary)}")
        lines += [f"  - {md_text(said)}" for said in f.scope_said]
    # the table names each policy by its short title; here each is whole, as in the text
    lines += ["", "## Licence policies", ""]
    for policy in comparison.policies:
        said = f"{policy.short_name} {policy.policy}: {policy.title}"
        if policy.interpretation:
            said += f"; interpretation: {policy.interpretation}"
        lines.append(f"- {md_text(said)}")
    lines += ["", "## Where they disagree", ""]
    for difference in comparison.differences:
        sources = md_text("; ".join(difference.sources))
        lines.append(f"- {md_text(difference.message)} _({sources})_")
    return "\n".join(lines) + "\n"
