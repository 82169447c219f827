"""The terminal report's evidence: the component table (stacked on a narrow terminal), then with
-v every requirement of every framework with its evidence, the facts and the links followed."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import PurePath

from osai.assessment import Assessment, FrameworkAssessment, RequirementResult, Status
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.formatters.findings import (
    SHARED,
    component_requirement,
    in_words,
    licence_cell,
    link_answer,
    link_kind,
    reason_in_words,
    release_place,
    shared_words,
    stand_in_words,
    status_marked,
    waived_word,
)
from osai.formatters.text_graded import (
    STYLE,
    SYMBOL,
    cited,
    grade_mark,
    graded_lines,
    standing_lines,
)
from osai.formatters.textlayout import (
    DOT,
    DOTS,
    NO_BREAK_SPACE,
    Column,
    Painter,
    Span,
    dotted,
    hanging,
    table,
    unbroken,
)
from osai.textsafe import joined

PRESENCE = {
    Presence.PRESENT: ("✔", "green"),
    Presence.ABSENT: ("✘", "red"),
    Presence.UNKNOWN: ("?", "yellow"),
}
HOW_WE_KNOW_MIN = 34  # narrower than this, the table stacks each row's cells
OPTIONAL = "opt"  # a verdict cell's word for an optional requirement
NOT_ASKED = "—"  # a verdict cell's mark for a component the framework does not ask for
# What a verdict cell's words mean, said under the table for those it holds: "opt" alone (an
# optional requirement not met has no status mark, status_marked) said nothing of how it counts.
LEGEND = (
    (OPTIONAL, "optional, not counted in the verdict"),
    (SHARED, "one of several ways to meet a requirement"),
    (NOT_ASKED, "not asked by that framework"),
    (SYMBOL[Status.WAIVED], "waived (accepted by a waiver, not met)"),
)
# What a certainty word means, said for those the headline or the evidence shows: "(declared)"
# beside a verdict, or "(detected)" after a citation, was explained nowhere a reader would look.
CERTAINTY_MEANING = {
    Certainty.DECLARED: "stated in a manifest or an AI BOM",
    Certainty.ASSESSED: "taken from a public assessment (MOT, EOSAI)",
    Certainty.DETECTED: "read by osai in what the release ships or links",
    # a framework's inference rule, a link's role read from its heading or files, or osai
    # init's reading of a card (a draft's marks): none states it outright
    Certainty.INFERRED: "concluded from other evidence, not stated outright",
}


def evidence_lines(
    assessment: Assessment,
    names: Mapping[str, str],
    painter: Painter,
    width: int,
    readings: Mapping[str, str],
) -> list[str]:
    """`readings`: each licence as its source spelled it → as osai reads it (Report's)."""
    rows = _rows(assessment, names, readings)
    heading = _heading(assessment, painter, width)
    columns = [
        Column("component", wraps=True, min_width=16),
        Column("found"),
        Column("licence", wraps=True, min_width=12, give=1),
        Column("how we know", wraps=True, min_width=HOW_WE_KNOW_MIN, give=2),
        # 8: a shared requirement's cell ("✔ via others") wraps as a stand-in's ("✔ III via
        # research paper") does, so a 100-column table still fits
        *(
            Column(judged.short_name, wraps=True, min_width=8, give=1)
            for judged in assessment.frameworks
        ),
    ]
    wide = table(painter, columns, [row for row, _ in rows], width)
    body = wide if wide is not None else _stacked(rows, assessment, painter, width)
    cells = [cell.text for row, _ in rows for cell in row[4:]]  # the frameworks' (see _rows)
    cited = " ".join(row[3].text for row, _ in rows)  # how we know (see _rows)
    said = _certainties_said(assessment, cited)
    return ["", *heading, *body, *_legend(said, cells, painter, width)]


def _certainties_said(assessment: Assessment, cited: str) -> list[tuple[str, str]]:
    """The certainty words the report shows, with their meanings, strongest first: each
    framework's outcome's and those the evidence cells name ("… (detected)")."""
    outcomes = {judged.certainty for judged in assessment.frameworks}
    return [
        (certainty.value, meaning)
        for certainty, meaning in CERTAINTY_MEANING.items()
        if certainty in outcomes or f"({certainty.value})" in cited
    ]


def _legend(
    said: list[tuple[str, str]], cells: list[str], painter: Painter, width: int
) -> list[str]:
    """What the certainty words `said` and the verdict cells' words mean, for those they hold."""
    held = said + [
        (word, meaning) for word, meaning in LEGEND if any(f" {word} " in f" {c} " for c in cells)
    ]
    # "· — = not asked by that framework" opened a line (97 columns)
    # "one of" ended a line and "= one of several ways" opened the next: a word keeps its "="
    words = dotted(f"{unbroken(word)}{NO_BREAK_SPACE}= {meaning}" for word, meaning in held)
    return hanging(painter, [Span("  ")], [Span(words, "dim")], width) if words else []


def _heading(assessment: Assessment, painter: Painter, width: int) -> list[str]:
    """ "Evidence  rules: OSAID 1.0 · MOF 1.0 (mot mode) · …", wrapped to the width between
    frameworks (each one's name, version and mode kept whole): with four frameworks it ran to
    88 columns, unwrapped."""
    frameworks = " · ".join(unbroken(f.name_in_mode) for f in assessment.frameworks)
    title = [Span("Evidence", "bold"), Span("  ")]
    return hanging(painter, title, [Span(f"rules: {frameworks}", "dim")], width)


def _rows(
    assessment: Assessment, names: Mapping[str, str], readings: Mapping[str, str]
) -> list[tuple[list[Span], ComponentEvidence]]:
    rows = []
    for component in assessment.release.components.values():
        cells = _framework_cells(assessment, component.component, names)
        if all(cell.text == NOT_ASKED for cell in cells) and component.presence is Presence.UNKNOWN:
            continue
        symbol, style = PRESENCE[component.presence]
        row = [
            Span(names.get(component.component, component.component)),
            Span(symbol, style),
            Span(_licence_cell(component, readings)),
            Span(_evidence_cell(how_we_know(component, assessment.release)), "dim"),
            *cells,
        ]
        rows.append((row, component))
    return rows


# "licence (line 38)": a line number is not parted from its word, nor from what it is the line
# of ("licence (line" ended one line and "38)" opened the next, at 80 columns)
_LINE_NUMBER = re.compile(r" \(line (?=\d)")


def _evidence_cell(said: str) -> str:
    """An evidence cell with each "… (line N)" kept on one line while it fits, and each " · "
    between citations kept with the citation before it: set before the next one, a "·" that
    did not fit opened a line, or stood alone on one above a URL too long to follow it."""
    kept = _LINE_NUMBER.sub(f"{NO_BREAK_SPACE}(line{NO_BREAK_SPACE}", said)
    return kept.replace(" · ", DOTS)


def _stacked(
    rows: list[tuple[list[Span], ComponentEvidence]],
    assessment: Assessment,
    painter: Painter,
    width: int,
) -> list[str]:
    """One component per block: its presence, name, licence and verdicts, then how we know."""
    shorts = [judged.short_name for judged in assessment.frameworks]
    lines = []
    for row, _ in rows:
        name, found, licence, how, *cells = row
        body = [Span(name.text, "bold")]
        if licence.text:
            body.extend([Span(DOT, "dim"), Span(f" {licence.text}")])
        for short, cell in zip(shorts, cells, strict=True):
            # a framework's name and its cell on one line: "MOF ✘" above "III" read as if
            # the level were the first word of the evidence under it, and "· EU" above
            # "AI Act —" parted the name itself; the "·" before it ends the line above
            # rather than open this one
            kept = NO_BREAK_SPACE + unbroken(cell.text)
            body.extend(
                [Span(DOT, "dim"), Span(f" {unbroken(short)}", "dim"),
                 Span(kept, cell.style)]
            )  # fmt: skip
        lines.extend(hanging(painter, [Span("  "), found, Span(" ")], body, width, 6))
        if how.text:
            lines.extend(hanging(painter, [Span("      ")], [how], width))
    return lines


def _licence_cell(component: ComponentEvidence, readings: Mapping[str, str]) -> str:
    licence = component.licence.text if component.licence is not None else None
    return licence_cell(licence, component.is_present, readings)


def how_we_know(component: ComponentEvidence, release: Release) -> str:
    """Where a component's presence and licence were read, in a few words (its first two
    citations, then the licence's origin): the evidence column of the text and Markdown reports."""
    shown = component.provenance[:2]
    parts = [_short_provenance(p, release) for p in shown]
    licence = component.licence
    if licence is not None and licence.text:
        parts.append(_licence_origin(licence, shown, release))
    if licence is not None and licence.alternatives:
        others = ", ".join(other.text for other in licence.alternatives)
        parts.append(f"or {others}: osai cannot tell which applies")
    location = component.location
    named = any(_names(p, location) for p in component.provenance)
    if location and not named and not _said_in(location, parts):
        parts.append(location)
    said = " · ".join(part for part in parts if part)
    # Unknown for sources that disagree: the row's "? … not listed (not released)" read as a
    # contradiction, with the reason only in a conflict note above
    return f"divided, see its conflict note: {said}" if component.divided else said


def _said_in(location: str, parts: Sequence[str]) -> bool:
    """Whether the citations shown give the location already, whole: the link a card gives
    ("nanotron linked for it (README.md:66 = https://github.com/huggingface/nanotron)") was
    said again after them, "· https://github.com/huggingface/nanotron"."""
    whole = re.compile(rf"(?<![\w/.-]){re.escape(location)}(?![\w/.-])")
    return any(whole.search(part) for part in parts)


def _names(provenance: Provenance, location: str) -> bool:
    """Whether a citation already names the file at `location`: as its place, its last name, the
    first of the files its note lists, or the file a host's list gives ("siblings: config.json":
    the evidence read "the Hub's file list: config.json … · config.json")."""
    said = (provenance.location, PurePath(provenance.location).name, _listed_first(provenance))
    return location in said or provenance.location.endswith(f": {location}")


def _licence_origin(licence: LicenceFact, shown: Sequence[Provenance], release: Release) -> str:
    """Where the licence was read: "licence (line 24)" in the file the citation before it
    names, "licence from Falcon-180B.yml:34" in another; "licence from license.distribution
    (line 18)", or "(Pythia-70M.yml:18)" in another; "licence from README.md:13" when where it
    came from names the line already;
    nothing when a place shown before it, with no line, is where (a linked dataset's card)."""
    # the Hub's field in words, as the citations beside it ("cardData.license" was the API's)
    origin = (
        f"licence from {in_words(licence.inherited_from)}" if licence.inherited_from else "licence"
    )
    provenance = licence.provenance
    if not provenance.line and not licence.inherited_from and provenance.location:
        # with neither a field nor a line, a bare "licence" said nothing of where it was read
        unlined = {p.location for p in shown if not p.line}
        return "" if provenance.location in unlined else f"licence from {provenance.location}"
    if not provenance.line or f"{provenance.location}:{provenance.line}" in origin:
        return origin
    # the file named already: by the citation just before it, or by where the licence came
    # from ("licence from COPYING (line 1)")
    if (shown and shown[-1].location == provenance.location) or (
        provenance.location in licence.inherited_from
    ):
        return f"{origin} (line {provenance.line})"
    # a line of the file cited just before it, else named: a MOT row's "… falcon-refinedweb
    # card metadata license (detected) · licence (line 34)" gave the listing's line 34 as the
    # dataset card's, and Pythia's "README.md:67 … · licence from license.distribution (line
    # 18)" the listing's line 18 as the card's
    line = f"{release_place(provenance, release)}:{provenance.line}"
    return f"{origin} ({line})" if licence.inherited_from else f"licence from {line}"


# A file list's note ("4 files: a.json, b.json, …"), its first file the one the location names.
_FILES_NOTE = re.compile(r"\d[\d,]* files: ([^,]+)")


def _listed_first(provenance: Provenance) -> str:
    """The file a provenance's location names when its note lists it first among the files
    found ("" otherwise): said in the list, it is not said again."""
    found = _FILES_NOTE.match(provenance.note)
    if found is None:
        return ""
    first = found[1]
    named = provenance.location == first or provenance.location.endswith(f": {first}")
    return first if named else ""


def _short_provenance(provenance: Provenance, release: Release) -> str:
    listed = _listed_first(provenance)
    location = in_words(provenance.location)
    where = release_place(provenance, release)
    if listed and "://" not in provenance.location:
        # the note names it first: "the Hub's file list, 4 files: a.json, …"
        where = location.removesuffix(listed).removesuffix(": ")
    if provenance.line:
        where = f"{where}:{provenance.line}"
    note = in_words(provenance.note)
    if provenance.location == "tags" and provenance.value:
        # a tag is its own evidence: "Hub tags a paper the card cites" named no paper
        where, note = f"Hub tag {provenance.value}", note and f": {note}"
        text = f"{where}{note}"
    else:
        text = f"{where}, {note}" if listed and where else f"{where} {note}".strip()
    if provenance.certainty is not Certainty.DECLARED:
        text += f" ({provenance.certainty.value})"
    return text


def _framework_cells(
    assessment: Assessment, component_id: str, names: Mapping[str, str]
) -> list[Span]:
    cells = []
    for judged in assessment.frameworks:
        chosen = component_requirement(
            ((r.direct_component, r.components, r.status, r.decides) for r in judged.results),
            component_id,
            graded=judged.kind == "graded",
        )
        if chosen is None:
            cells.append(Span(NOT_ASKED, "dim"))
            continue
        result, own = judged.results[chosen[0]], chosen[1]
        if judged.kind == "graded":
            cells.append(Span(grade_mark(result, judged), STYLE[result.status]))
            continue
        level = "" if len(judged.levels) <= 1 else f" {judged.level_short(result.level)}"
        shared = "" if own else f" {shared_words(component_id, result.met_by, names)}"
        optional = ("" if result.required else f" {OPTIONAL}") + shared
        via = stand_in_words(result.substituted_by, names)
        stand_in = f" {via}" if via else ""
        said = f"{level}{optional}{stand_in}"
        if status_marked(result.required, result.status.value):
            cells.append(Span(f"{SYMBOL[result.status]}{said}", STYLE[result.status]))
        else:
            cells.append(Span(said.strip(), "dim"))
    return cells


# --- -v: every requirement ---------------------------------------------------------------------


def verbose_lines(
    assessment: Assessment,
    painter: Painter,
    width: int,
    facts: Mapping[str, str],
    accepted: Collection[str] = (),
) -> list[str]:
    """Every requirement of every framework, with its evidence; `facts`: fact id → how this
    target's reasons name it (osai.formatters.settle.fact_words); `accepted`: those the gate
    took by waiver on weaker evidence (Report.accepted_by_waiver)."""
    lines: list[str] = []
    for judged in assessment.frameworks:
        # wrapped: "European Open Source AI Index (osai's grading) 2026-06-12" ran to 57 columns
        heading = Span(f"{judged.framework_name} {judged.version}", "bold")
        lines.extend(["", *hanging(painter, [Span("")], [heading], width, 2)])
        if judged.outcome_citation is not None:
            source = f"source: {judged.outcome_citation.ref}"
            lines.extend(hanging(painter, [Span("  ")], [Span(source, "dim")], width))
        if judged.progress is not None:
            progress = _progress_words(judged)
            lines.extend(
                hanging(painter, [Span("  ")], [Span(f"progress: {progress}", "dim")], width)
            )
        outside = judged.out_of_scope
        if outside is not None:
            # nothing judged: the condition and what shows it unmet, marked as the headline
            # marks the outcome (neither met nor violated); its source is the one above
            said = reason_in_words(outside.reason, facts)
            body = [Span(outside.scope_id, "bold"), Span(f" {said}")]
            mark = Span("— ", "dim")
            lines.extend(_cited_lines(mark, body, outside.evidence, "", painter, width))
            continue
        if judged.kind == "graded":
            lines.extend(graded_lines(judged, painter, width, facts))
            continue
        for result in judged.results:
            if result.decides:
                lines.extend(_requirement_lines(result, painter, width, facts, accepted))
        lines.extend(standing_lines(judged, painter, width, facts))
    return lines


def _requirement_lines(
    result: RequirementResult,
    painter: Painter,
    width: int,
    facts: Mapping[str, str],
    accepted: Collection[str],
) -> list[str]:
    optional = "" if result.required else " (optional)"
    said = reason_in_words(result.reason, facts)
    body = [Span(f"{result.requirement_id}{optional}", "bold"), Span(f" {said}")]
    word = waived_word(result, accepted)
    if word:
        said = result.waiver.said if result.waiver else ""
        body.append(Span(f" ({word}: {said})", "cyan"))
    mark = Span(f"{SYMBOL[result.status]} ", STYLE[result.status])
    return _cited_lines(mark, body, result.evidence, result.citation.ref, painter, width)


def _cited_lines(
    mark: Span,
    body: list[Span],
    evidence: Sequence[Provenance],
    ref: str,
    painter: Painter,
    width: int,
) -> list[str]:
    """A judged check, `mark`ed (`body`: its id and reason), then each citation of its
    evidence and the rule's source (`ref`, "" when the lines above give it): a requirement's,
    or a scope condition's."""
    lines = hanging(painter, [Span("  "), mark], body, width)
    # each citation once: a linked dataset's card read for the dataset and again for its licence
    # (two notes, one line here) read as the same evidence counted twice
    for text in dict.fromkeys(map(cited, evidence)):
        lines.extend(hanging(painter, [Span("      ")], [Span(text, "dim")], width))
    if ref:
        lines.extend(hanging(painter, [Span("      ")], [Span(ref, "dim")], width))
    return lines


def link_lines(
    assessment: Assessment, painter: Painter, width: int, readings: Mapping[str, str]
) -> list[str]:
    """The links followed, each answer in the report's words (`readings`: link_answer)."""
    links = assessment.release.links
    if not links:
        return []
    lines = ["", painter.paint("Links followed", "bold")]
    for link in links:
        mark = Span("✔ ", "green") if link.read and link.found else Span("✘ ", "red")
        body = [
            Span(f"{link_kind(link)}: "),
            Span(link.url),
            Span(f" — {link_answer(link, readings)}", "dim"),
        ]
        if link.cached is not None:  # what it shows may have changed since: said, not dimmed
            body.append(Span(f" · {link.cached.describe()}", "yellow"))
        lines.extend(hanging(painter, [Span("  "), mark], body, width))
    return lines


def _progress_words(judged: FrameworkAssessment) -> str:
    """Per level, the share met: with how many are unknown (the share counts only those met,
    so 'III 0%' alone read as six failures where six licences were unread), and why a level
    past the first one not complete shows 0% though some of its requirements are met."""
    progress = judged.progress or {}
    unknown = judged.progress_unknown or {}
    shares = []
    for level, value in progress.items():
        share = f"{judged.level_short(level)} {value:.0f}%"
        shares.append(f"{share} met, {unknown[level]} unknown" if unknown.get(level) else share)
    past = [judged.level_short(level) for level in progress if level not in unknown]
    words = " · ".join(shares)
    if past and unknown:
        gap = judged.level_short(list(unknown)[-1])
        counts = "counts" if len(past) == 1 else "count"
        words += f" ({joined(past)} {counts} once {gap} is complete)"
    return words
