"""`osai compare`: two frameworks side by side, generated from their rule files."""

from __future__ import annotations

import json
from typing import Any

from osai.differences import demands, framework_differences
from osai.rules import Framework, RuleSet, load_ruleset


def comparison_document(first: Framework, second: Framework, rules: RuleSet) -> dict[str, Any]:
    rows = []
    for component in rules.components.values():
        rows.append(
            {
                "component": component.id,
                "name": component.name,
                "content_type": component.content_type,
                first.id: _stance(first, component.id, rules),
                second.id: _stance(second, component.id, rules),
            }
        )
    facts = _fact_rows(first, second)
    differences = framework_differences(first, second, rules)
    policies = [
        {
            "framework": f.id,
            "policy": name,
            "title": policy.title,
            "interpretation": policy.interpretation,
        }
        for f in (first, second)
        for name, policy in f.mode(None).policies.items()
    ]
    return {
        "policies": policies,
        "frameworks": [
            {"id": f.id, "name": f.name, "version": f.version, "source": f.source_url}
            for f in (first, second)
        ],
        "components": rows,
        "data_information": facts,
        "differences": [
            {"topic": d.topic, "message": d.message, "sources": list(d.sources)}
            for d in differences
        ],
    }


def _stance(framework: Framework, component_id: str, rules: RuleSet) -> str:
    found = demands(framework, component_id)
    if not found:
        return "—"
    return "; ".join(dict.fromkeys(demand.describe(rules, brief=True) for demand in found))


def _fact_rows(first: Framework, second: Framework) -> list[dict[str, str]]:
    rows = []
    for framework, other in ((first, second), (second, first)):
        for requirement in framework.requirements:
            facts = requirement.check.facts()
            if not facts:
                continue
            rows.append(
                {
                    "requirement": requirement.id,
                    "title": requirement.title,
                    framework.id: "required" if requirement.required else "optional",
                    other.id: "—",
                    "manifest_keys": ", ".join(f"release.data_information.{f}" for f in facts),
                }
            )
    return rows


def render_comparison(
    first_id: str, second_id: str, model: str | None, output_format: str, mof_mode: str, color: bool
) -> str:
    from osai.errors import BadInput

    rules = load_ruleset()
    first, second = rules.framework(first_id), rules.framework(second_id)
    if first.id == second.id:
        raise BadInput(f"compare needs two different frameworks, got '{first.id}' twice")
    document = comparison_document(first, second, rules)
    if output_format == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output_format == "markdown":
        return _markdown(document, first, second) + _model_section(
            model, (first.id, second.id), mof_mode, color
        )
    if output_format != "text":
        raise BadInput(f"unknown format '{output_format}' for compare (text, json, markdown)")
    return _text(document, first, second, color) + _model_section(
        model, (first.id, second.id), mof_mode, color
    )


def _text(document: dict[str, Any], first: Framework, second: Framework, color: bool) -> str:
    import io

    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=130,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        markup=False,
    )
    console.print(
        f"{first.name} {first.version}  vs  {second.name} {second.version}\n", style="bold"
    )
    table = Table(box=None, header_style="bold", pad_edge=False)
    for header in ("component", "type", first.short_name, second.short_name):
        table.add_column(header, overflow="fold")
    for row in document["components"]:
        table.add_row(row["name"], row["content_type"], row[first.id], row[second.id])
    console.print(table)
    console.print("\nLicence policies", style="bold")
    for policy in document["policies"]:
        short = first.short_name if policy["framework"] == first.id else second.short_name
        console.print(f"  {short} {policy['policy']}: {policy['title']}")
    if document["data_information"]:
        console.print("\nData information", style="bold")
        for row in document["data_information"]:
            console.print(
                f"  {row['title']}: {first.short_name} {row.get(first.id, '—')}; "
                f"{second.short_name} {row.get(second.id, '—')}"
            )
    console.print("\nWhere they disagree", style="bold")
    for difference in document["differences"]:
        console.print(f"  • {difference['message']}")
        console.print(f"      sources: {'; '.join(difference['sources'])}", style="dim")
    return buffer.getvalue()


def _markdown(document: dict[str, Any], first: Framework, second: Framework) -> str:
    lines = [
        f"# {first.name} {first.version} vs {second.name} {second.version}",
        "",
        f"| component | type | {first.short_name} | {second.short_name} |",
        "|---|---|---|---|",
    ]
    for row in document["components"]:
        lines.append(
            f"| {row['name']} | {row['content_type']} | {row[first.id]} | {row[second.id]} |"
        )
    lines += ["", "## Where they disagree", ""]
    for difference in document["differences"]:
        lines.append(f"- {difference['message']} _({'; '.join(difference['sources'])})_")
    return "\n".join(lines) + "\n"


def _model_section(
    model: str | None, frameworks: tuple[str, str], mof_mode: str, color: bool
) -> str:
    if model is None:
        return ""
    from osai.run import CheckRequest, run_check

    request = CheckRequest(targets=(model,), frameworks=frameworks, mof_mode=mof_mode, color=color)
    outcome = run_check(request)
    if outcome.messages:
        from osai.errors import BadInput, EvidenceUnavailable

        kind = EvidenceUnavailable if outcome.exit_code == 3 else BadInput
        raise kind(outcome.messages[0])
    return "\n" + outcome.stdout
