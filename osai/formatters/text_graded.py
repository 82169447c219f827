"""The terminal report's parts for graded frameworks (every grade and why, a published
assessment's grades beside osai's) and for duties that stand whatever the outcome (-v)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from osai.assessment import FrameworkAssessment, ReferenceComparison, RequirementResult, Status
from osai.evidence import Provenance
from osai.formatters.findings import in_words, reason_in_words
from osai.formatters.headline import whatever_the_outcome
from osai.formatters.textlayout import Column, Painter, Span, dotted, hanging, table, unbroken

SYMBOL = {Status.MET: "✔", Status.UNMET: "✘", Status.UNKNOWN: "?", Status.WAIVED: "≈"}
STYLE = {Status.MET: "green", Status.UNMET: "red", Status.UNKNOWN: "yellow", Status.WAIVED: "cyan"}
AGREEMENT = {0: "same", 1: "one step", 2: "two apart"}


def grade_mark(result: RequirementResult, judged: FrameworkAssessment) -> str:
    """A grade as a table cell, by its name in the rule file (`judged`'s): the grade,
    "≥partial" when only its floor is sure, else "?"."""
    if result.grade:
        return judged.grade_name(result.grade)
    if result.grade_at_least:
        return f"≥{judged.grade_name(result.grade_at_least)}"
    return "?"


def graded_lines(
    judged: FrameworkAssessment, painter: Painter, width: int, facts: Mapping[str, str]
) -> list[str]:
    """The score per group, every requirement's grade and why (the facts it names in `facts`'
    words), a published assessment's."""
    lines = hanging(painter, [Span("  ")], [Span(judged.outcome_label, "bold")], width)
    score = judged.score
    if score is not None and score.groups:
        # each group kept whole ("Documentation 0.33 to 0.92"): "0.92 · Access 0.00" opened a
        # line (64 columns)
        groups = dotted(unbroken(f"{g.group} {g.figure}") for g in score.groups)
        lines.extend(hanging(painter, [Span("  ")], [Span(f"groups: {groups}", "dim")], width))
    marks = [grade_mark(result, judged) for result in judged.results]
    # as wide as the longest grade's name: "not disclosed" ran into the title beside it
    wide = max([9, *(len(mark) + 1 for mark in marks)])
    for result, mark in zip(judged.results, marks, strict=True):
        prefix = [Span("  "), Span(f"{mark:<{wide}}", STYLE[result.status])]
        said = reason_in_words(result.reason, facts)
        body = [Span(result.title, "bold"), Span(f" — {said}", "dim")]
        lines.extend(hanging(painter, prefix, body, width))
    if judged.reference is not None:
        titles = {result.requirement_id: result.title for result in judged.results}
        named = judged.grade_name
        lines.extend(reference_lines(judged.reference, titles, named, painter, width))
    return lines


def agreement_word(steps_apart: int | None, *, applies: bool) -> str:
    """How far osai's grade is from the experts': "not this model" when theirs is about
    another, "—" when either is missing."""
    if steps_apart is not None:
        return AGREEMENT.get(steps_apart, f"{steps_apart} apart")
    return "—" if applies else "not this model"


def related_said(about_this_repository: bool) -> str:
    """After the published assessment's name: that it is of a related model, whose grades are
    shown, never compared nor taken as evidence (the text's and the Markdown's alike)."""
    return "" if about_this_repository else " (about a related model: shown only)"


def reference_lines(
    reference: ReferenceComparison,
    titles: Mapping[str, str],
    named: Callable[[str], str],
    painter: Painter,
    width: int,
) -> list[str]:
    """The published assessment's grades beside osai's, each parameter named by the title of
    the requirement grading it (`titles`), as the list of grades above names it, and each
    grade by its name (`named`: grade id → name)."""
    about = related_said(reference.about_this_repository)
    score = (
        f"; its score {reference.reference_score:.2f}"
        if reference.reference_score is not None
        else ""
    )
    lines = [""]
    lines.extend(
        hanging(painter, [Span("  ")], [Span(f"beside {reference.source}{about}", "bold")], width)
    )
    detail = f"{reference.how_matched}{score}"  # it names the entry
    lines.extend(hanging(painter, [Span("  ")], [Span(detail, "dim")], width))
    if reference.attribution:
        cited = f"source of the experts' grades: {reference.credit or reference.attribution}"
        lines.extend(hanging(painter, [Span("  ")], [Span(cited, "dim")], width))
    rows = []
    for grade in reference.grades:
        osai = named(grade.osai_grade) or (
            f"≥{named(grade.osai_at_least)}" if grade.osai_at_least else "?"
        )
        agreement = agreement_word(grade.steps_apart, applies=grade.applies)
        rows.append(
            [
                Span(titles.get(grade.requirement_id, grade.parameter)),
                Span(osai),
                Span(named(grade.reference_grade) or "n/a"),
                Span(agreement),
            ]
        )
    columns = [
        Column("parameter", wraps=True),
        Column("osai"),
        Column("experts"),
        Column("agreement"),
    ]
    fitted = table(painter, columns, rows, width)
    if fitted is None:
        for row in rows:
            text = f"{row[0].text}: osai {row[1].text}, experts {row[2].text} ({row[3].text})"
            fitted = [*(fitted or []), *hanging(painter, [Span("  ")], [Span(text)], width)]
    return [*lines, *(fitted or [])]


def standing_lines(
    judged: FrameworkAssessment, painter: Painter, width: int, facts: Mapping[str, str]
) -> list[str]:
    """Duties that stand whatever the outcome (a level that does not decide), the facts their
    reasons name in `facts`' words."""
    lines = []
    for level, results in judged.standing():
        said = whatever_the_outcome(judged.level_label(level), opens=True)
        # wrapped: a label that says who owes the duties ran past 40 columns
        lines.extend(hanging(painter, [Span("  ")], [Span(f"{said}:", "bold")], width))
        for result in results:
            prefix = [Span("    "), Span(f"{SYMBOL[result.status]} ", STYLE[result.status])]
            why = _after_title(result.title, reason_in_words(result.reason, facts))
            body = [Span(f"{result.title}: ", "bold"), Span(f"{why} ({result.citation.ref})")]
            lines.extend(hanging(painter, prefix, body, width))
            # where each duty's evidence was read and how sure it is, as a deciding
            # requirement's: a card's passing mention of a copyright policy (inferred) read
            # as a declared one
            for text in dict.fromkeys(map(cited, result.evidence)):
                lines.extend(hanging(painter, [Span("        ")], [Span(text, "dim")], width))
    return lines


def cited(provenance: Provenance) -> str:
    """A requirement's citation, as -v lists it: where (from which source, unless the place
    says it), the value read there, how it is known."""
    value = f" = {provenance.value}" if provenance.value else ""
    line = f":{provenance.line}" if provenance.line else ""
    place = in_words(provenance.location)
    source = "" if _names_its_source(place, provenance.source) else f"{provenance.source} "
    return f"{source}{place}{line}{value} ({provenance.certainty.value})"


def _names_its_source(place: str, source: str) -> bool:
    """Whether a place names where it was read: a listing's `mot:models/…` or `eosai:…`, a
    repository's `github.com/…`, the Hub's file list, an address.  "mot mot:models/…", "github
    github.com/…" said it twice, and at 80 columns left "github" alone on a line."""
    said = place.lower()
    return said.startswith((f"{source}:", f"{source}.com/", f"the {source}'s ")) or "://" in said


def _after_title(title: str, said: str) -> str:
    """The reason without the fact's name when the duty's title already begins with it ("A
    policy to comply with Union copyright law, honouring ...: not stated", not "...: A policy to
    comply with Union copyright law: not stated"); a manifest's key for the fact stays."""
    named, colon, rest = said.partition(": ")
    return rest if colon and named and title.startswith(named) else said
