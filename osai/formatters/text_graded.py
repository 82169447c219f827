"""The terminal report's parts for graded frameworks (a score, a grade per requirement, a
published assessment's grades beside osai's) and for duties that stand whatever the outcome."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from osai.assessment import FrameworkAssessment, ReferenceComparison, RequirementResult, Status

SYMBOL = {Status.MET: "✔", Status.UNMET: "✘", Status.UNKNOWN: "?", Status.WAIVED: "≈"}
STYLE = {Status.MET: "green", Status.UNMET: "red", Status.UNKNOWN: "yellow", Status.WAIVED: "cyan"}
AGREEMENT = {0: "same", 1: "one step", 2: "two apart"}


def grade_mark(result: RequirementResult) -> str:
    """A grade as a table cell: the grade, "≥partial" when only its floor is sure, else "?"."""
    if result.grade:
        return result.grade
    if result.grade_at_least:
        return f"≥{result.grade_at_least}"
    return "?"


def render_grades(console: Console, judged: FrameworkAssessment, width: int) -> None:
    """The score per group, then every requirement's grade and why, then a published
    assessment's grades beside osai's."""
    pad = " " * width
    score = judged.score
    if score is not None and score.groups:
        groups = " · ".join(
            f"{g.group} {g.score:.2f}" if g.score is not None else f"{g.group} ?"
            for g in score.groups
        )
        console.print(Text(f"{pad}groups: {groups}", style="dim"), overflow="fold")
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for header in ("", "grade", "requirement", "why"):
        table.add_column(header, overflow="fold")
    for result in judged.results:
        table.add_row(
            pad[:-2] if len(pad) > 2 else "",
            Text(grade_mark(result), style=STYLE[result.status]),
            result.title,
            result.reason,
        )
    console.print(table)
    if judged.reference is not None:
        render_reference(console, judged.reference, width)


def render_reference(console: Console, reference: ReferenceComparison, width: int) -> None:
    pad = " " * width
    about = "" if reference.about_this_repository else " (about a related model: shown only)"
    score = (
        f"; its score {reference.reference_score:.2f}"
        if reference.reference_score is not None
        else ""
    )
    console.print(Text(f"\n{pad}beside {reference.source}{about}", style="bold"), overflow="fold")
    console.print(Text(f"{pad}{reference.entry}: {reference.how_matched}{score}", style="dim"))
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for header in ("", "parameter", "osai", "experts", "agreement"):
        table.add_column(header, overflow="fold")
    for grade in reference.grades:
        osai = grade.osai_grade or (f"≥{grade.osai_at_least}" if grade.osai_at_least else "?")
        agreement = (
            AGREEMENT.get(grade.steps_apart, f"{grade.steps_apart} apart")
            if grade.steps_apart is not None
            else ("not this model" if not grade.applies else "—")
        )
        table.add_row(
            pad[:-2] if len(pad) > 2 else "",
            grade.parameter,
            osai,
            grade.reference_grade or "n/a",
            agreement,
        )
    console.print(table)


def render_standing(console: Console, judged: FrameworkAssessment, width: int) -> None:
    """Duties that stand whatever the outcome (a level that does not decide): always shown."""
    standing = [r for r in judged.results if not r.decides]
    if not standing:
        return
    pad = " " * width
    console.print(Text(f"{pad}whatever the outcome, still owed:", style="bold"))
    for result in standing:
        line = Text(f"{pad}  {SYMBOL[result.status]} ", style=STYLE[result.status])
        line.append(f"{result.title}: ", style="bold")
        line.append(f"{result.reason} ({result.citation.ref})")
        console.print(line, overflow="fold")
