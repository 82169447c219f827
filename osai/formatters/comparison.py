"""`osai compare` as text, Markdown or JSON; with a model, that model's report follows, in the
same format (for JSON: under "model")."""

from __future__ import annotations

import io
import json
from typing import Any

from osai.compare import Comparison
from osai.formatters import OutputFormat, formatter_for
from osai.formatters.json_report import report_document
from osai.formatters.markdown import cell
from osai.formatters.markdown import text as md_text

COMPARE_FORMATS = (OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MARKDOWN)


def render_comparison(comparison: Comparison, output_format: OutputFormat, color: bool) -> str:
    if output_format is OutputFormat.JSON:
        return json.dumps(comparison_document(comparison), indent=2, ensure_ascii=False) + "\n"
    if output_format is OutputFormat.MARKDOWN:
        return _markdown(comparison) + _model(comparison, output_format)
    return _text(comparison, color) + _model(comparison, output_format)


def _model(comparison: Comparison, output_format: OutputFormat) -> str:
    if comparison.model is None:
        return ""
    return "\n" + formatter_for(output_format)(comparison.model)


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    ids = [f.id for f in comparison.frameworks]
    document: dict[str, Any] = {
        "frameworks": [
            {
                "id": f.id,
                "name": f.name,
                "version": f.version,
                "source": f.source_url,
                "scoring": f.summary,
            }
            for f in comparison.frameworks
        ],
        "components": [
            {
                "component": row.component,
                "name": row.name,
                "content_type": row.content_type,
                **dict(zip(ids, row.stances, strict=True)),
            }
            for row in comparison.components
        ],
        "facts": [
            {
                "fact": row.fact,
                "title": row.title,
                **dict(zip(ids, row.stances, strict=True)),
                "manifest_key": row.manifest_key,
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


def _rows(comparison: Comparison) -> list[list[str]]:
    """One table: a row per component, then per fact; a column per framework."""
    rows = [[row.name, row.content_type, *row.stances] for row in comparison.components]
    rows += [[row.title, "fact", *row.stances] for row in comparison.facts]
    return rows


def _text(comparison: Comparison, color: bool) -> str:
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    width = max(130, 40 + 34 * len(comparison.frameworks))
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
    )
    title = "  vs  ".join(f"{f.name} {f.version}" for f in comparison.frameworks)
    console.print(f"{title}\n", style="bold")
    table = Table(box=None, header_style="bold", pad_edge=False)
    for header in ("asks for", "type", *(f.short_name for f in comparison.frameworks)):
        table.add_column(header, overflow="fold")
    for row in _rows(comparison):
        table.add_row(*row)
    console.print(table)
    console.print("\nHow each decides", style="bold")
    for framework in comparison.frameworks:
        console.print(f"  {framework.short_name}: {framework.summary}")
    console.print("\nLicence policies", style="bold")
    for policy in comparison.policies:
        console.print(f"  {policy.short_name} {policy.policy}: {policy.title}")
    console.print("\nWhere they disagree", style="bold")
    for difference in comparison.differences:
        console.print(f"  • {difference.message}")
        console.print(f"      sources: {'; '.join(difference.sources)}", style="dim")
    return buffer.getvalue()


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
    lines += [f"- {md_text(f.short_name)}: {md_text(f.summary)}" for f in comparison.frameworks]
    lines += ["", "## Where they disagree", ""]
    for difference in comparison.differences:
        sources = md_text("; ".join(difference.sources))
        lines.append(f"- {md_text(difference.message)} _({sources})_")
    return "\n".join(lines) + "\n"
