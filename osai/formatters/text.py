"""The terminal report: a table of components by frameworks; verdicts, differences, next steps."""

from __future__ import annotations

import io
from pathlib import PurePath

from rich.console import Console
from rich.table import Table
from rich.text import Text

from osai.assessment import Assessment, FrameworkAssessment, RequirementResult, Status
from osai.evidence import Certainty, ComponentEvidence, Presence, Provenance
from osai.formatters.text_graded import STYLE, SYMBOL, grade_mark, render_grades, render_standing
from osai.report import Report
from osai.rules import DEFAULT_MODE

PRESENCE = {
    Presence.PRESENT: ("✔", "green"),
    Presence.ABSENT: ("✘", "red"),
    Presence.UNKNOWN: ("?", "yellow"),
}


def render_text(report: Report, *, width: int = 120) -> str:
    color = report.info.terminal
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
        soft_wrap=False,
        markup=False,
    )
    for index, assessment in enumerate(report.assessments):
        if index:
            console.rule(style="dim")
        _render_assessment(console, assessment, dict(report.info.component_names))
        _render_policies(console, report, assessment)
    return buffer.getvalue()


def _name_width(assessment: Assessment) -> int:
    """The verdict lines' first column: the longest "SHORT version", and a gap."""
    return max((len(f"{f.short_name} {f.version}") for f in assessment.frameworks), default=8) + 2


def _render_assessment(console: Console, assessment: Assessment, names: dict[str, str]) -> None:
    release = assessment.release
    frameworks = " · ".join(
        f"{f.short_name} {f.version}" + (f" ({f.mode} mode)" if f.mode != DEFAULT_MODE else "")
        for f in assessment.frameworks
    )
    revision = f" @ {release.revision[:7]}" if release.revision else ""
    console.print(
        Text.assemble(
            (f"{release.name}{revision}", "bold"), f"  ·  {release.source}: {release.target}"
        )
    )
    console.print(Text(f"rules: {frameworks}", style="dim"))
    console.print(_component_table(assessment, names))
    _render_facts(console, assessment)
    _render_links(console, assessment)
    _render_findings(console, assessment)
    width = _name_width(assessment)
    for judged in assessment.frameworks:
        _render_verdict(console, judged, width)
        if judged.kind == "graded":
            render_grades(console, judged, width)
        render_standing(console, judged, width)
        _render_interpretations(console, judged, width)
    _render_differences(console, assessment)
    _render_next_steps(console, assessment)


def _component_table(assessment: Assessment, names: dict[str, str]) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for header in ("component", "found", "licence", "how we know"):
        table.add_column(header, overflow="fold")
    for judged in assessment.frameworks:
        table.add_column(judged.short_name, justify="center", no_wrap=True)
    for component in assessment.release.components.values():
        cells = _framework_cells(assessment, component.component, names)
        if all(cell.plain == "—" for cell in cells) and component.presence is Presence.UNKNOWN:
            continue
        table.add_row(
            _component_name(names, component),
            _presence_cell(component),
            _licence_cell(component),
            _how_we_know(component),
            *cells,
        )
    return table


def _component_name(names: dict[str, str], component: ComponentEvidence) -> str:
    return names.get(component.component, component.component)


def _presence_cell(component: ComponentEvidence) -> Text:
    symbol, style = PRESENCE[component.presence]
    return Text(symbol, style=style)


def _licence_cell(component: ComponentEvidence) -> str:
    if component.licence is None:
        return "?" if component.is_present else ""
    return component.licence.text.strip() or "none"


def _how_we_know(component: ComponentEvidence) -> str:
    parts = [_short_provenance(p) for p in component.provenance[:2]]
    licence = component.licence
    if licence is not None and licence.text:
        origin = f"licence from {licence.inherited_from}" if licence.inherited_from else "licence"
        line = f" (line {licence.provenance.line})" if licence.provenance.line else ""
        parts.append(f"{origin}{line}")
    if component.location and all(
        PurePath(p.location).name != component.location for p in component.provenance
    ):
        parts.append(component.location)
    return " · ".join(part for part in parts if part)


def _short_provenance(provenance: Provenance) -> str:
    where = PurePath(provenance.location).name or provenance.location
    if provenance.line:
        where = f"{where}:{provenance.line}"
    text = f"{where} {provenance.note}".strip()
    if provenance.certainty is not Certainty.DECLARED:
        text += f" ({provenance.certainty.value})"
    return text


def _framework_cells(
    assessment: Assessment, component_id: str, names: dict[str, str]
) -> list[Text]:
    cells = []
    for judged in assessment.frameworks:
        result = _primary_result(judged, component_id)
        if result is None:
            cells.append(Text("—", style="dim"))
            continue
        if judged.kind == "graded":
            cells.append(Text(grade_mark(result), style=STYLE[result.status]))
            continue
        level = "" if len(judged.levels) <= 1 else f" {judged.level_short(result.level)}"
        optional = "" if result.required else " opt"
        via = names.get(result.substituted_by, result.substituted_by)
        stand_in = f" via {via.lower()}" if via else ""
        text = f"{SYMBOL[result.status]}{level}{optional}{stand_in}"
        cells.append(Text(text, style=STYLE[result.status]))
    return cells


def _primary_result(judged: FrameworkAssessment, component_id: str) -> RequirementResult | None:
    direct = [r for r in judged.results if r.direct_component == component_id]
    return direct[0] if direct else None


def _render_facts(console: Console, assessment: Assessment) -> None:
    """Requirements on facts (OSAID's data information, the EU AI Act's conditions) have no
    component row.  A graded framework shows every grade in its own table, below."""
    for judged in assessment.frameworks:
        results = [
            r for r in judged.results if r.facts and r.required and r.decides and not r.grade
        ]
        if not results or judged.kind == "graded":
            continue
        console.print(Text(f"\n{judged.short_name}: facts", style="bold"))
        for result in results:
            line = Text(f"  {SYMBOL[result.status]} ", style=STYLE[result.status])
            line.append(f"{result.title}: ", style="bold")
            line.append(result.reason)
            console.print(line, overflow="fold")


def _render_links(console: Console, assessment: Assessment) -> None:
    links = assessment.release.links
    if not links:
        return
    console.print(Text("\nLinks followed", style="bold"))
    for link in links:
        mark = "✔" if link.read else "✘"
        console.print(Text(f"  {mark} {link.kind}: {link.url} — {link.answer}"), overflow="fold")


def _render_findings(console: Console, assessment: Assessment) -> None:
    for finding in assessment.findings:
        console.print(Text(f"{finding.kind.value}: {finding.message}", style="magenta"))


def _render_verdict(console: Console, judged: FrameworkAssessment, width: int) -> None:
    name = f"{judged.short_name} {judged.version}"
    style = "green" if judged.best_level_proven else ("red" if judged.definite else "yellow")
    if judged.kind == "graded":
        style = "bold"
    line = Text.assemble((f"\n{name:<{width}}", "bold"), (judged.outcome_label, f"bold {style}"))
    if judged.certainty is not None:
        line.append(f" ({judged.certainty.value})")
    line.append(_verdict_detail(judged))
    console.print(line)
    pad = " " * width
    citation = judged.outcome_citation
    if citation is not None:
        console.print(Text(f"{pad}source: {citation.ref}", style="dim"), overflow="fold")


def _render_interpretations(console: Console, judged: FrameworkAssessment, width: int) -> None:
    for note in judged.interpretations:
        console.print(Text(f"{' ' * width}interpretation: {note}", style="dim"))


def _verdict_detail(judged: FrameworkAssessment) -> str:
    parts = []
    if judged.progress is not None:
        progress = " · ".join(
            f"{judged.level_short(level)} {value:g}%" for level, value in judged.progress.items()
        )
        parts.append(f"progress {progress}")
    if judged.kind == "graded":
        return ""
    deciding = {r.requirement_id for r in judged.results if r.decides}
    steps = [s for s in judged.next_steps if s.requirement_id in deciding]
    unmet = [s.requirement_id for s in steps if s.status is Status.UNMET]
    unknown = [s.requirement_id for s in steps if s.status is Status.UNKNOWN]
    target = judged.next_level_name
    if unmet:
        parts.append(f"{len(unmet)} unmet for {target}: {', '.join(unmet)}")
    if unknown:
        parts.append(f"{len(unknown)} unknown for {target}: {', '.join(unknown)}")
    return ("  —  " + "; ".join(parts)) if parts else ""


def _render_differences(console: Console, assessment: Assessment) -> None:
    if not assessment.differences:
        return
    console.print(Text("\nDifferences", style="bold"))
    for difference in assessment.differences:
        console.print(f"  • {difference.message}", overflow="fold")


def _render_next_steps(console: Console, assessment: Assessment) -> None:
    steps = [(j, s) for j in assessment.frameworks for s in j.next_steps]
    if not steps:
        return
    console.print(Text("\nNext steps", style="bold"))
    seen: set[str] = set()
    for judged, step in steps:
        if step.action in seen:
            continue
        seen.add(step.action)
        verb = "publish" if step.status is Status.UNMET else "declare or show"
        console.print(f"  • [{judged.short_name} {step.requirement_id}, {verb}] {step.action}")


def _render_policies(console: Console, report: Report, assessment: Assessment) -> None:
    mine = [p for p in report.policies if p.target == assessment.release.target]
    for result in mine:
        style = "green" if result.met else ("red" if result.definite else "yellow")
        line = Text.assemble(
            (f"\n{result.verdict}", f"bold {style}"),
            f"  --require {result.policy.spec}: {result.outcome_label}",
        )
        if result.below_certainty is not None and result.certainty is not None:
            line.append(
                f" — reached only on {result.certainty.value} evidence (--min-certainty "
                f"{result.below_certainty.value}): declare what was {result.certainty.value}"
            )
        console.print(line)
