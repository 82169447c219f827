"""The terminal report: the answer first, then what to do, then the evidence.

Per target: a line naming it; per framework its verdict, how sure it is and what blocks the next
level, with the reason; the required policies; how to settle what is unknown.  Then the actions
(grouped by component, at most five unless -v), each difference between the frameworks once, and
the evidence table, fitted to the terminal's width (stacked lines wherever it does not fit).
`-q` stops after the headline; `-v` adds every requirement with its evidence.  With several
targets, a summary table closes the report, and per-target detail needs -v.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import product

from osai.assessment import Assessment, ReferenceComparison
from osai.formatters.actions import (
    Action,
    Need,
    action_said,
    needs_of,
    needs_said,
    next_need,
    report_actions,
)
from osai.formatters.differences import differences_by_pair
from osai.formatters.findings import (
    GATE_TONE,
    assessment_credits,
    said_beside_grades,
    waived_word,
)
from osai.formatters.headline import FrameworkHeadline, headline, says_unlicensed
from osai.formatters.settle import definite_hints, reason_words, reasons_said
from osai.formatters.text_evidence import evidence_lines, link_lines, verbose_lines
from osai.formatters.text_summary import (
    credit_lines,
    exit_zero_said,
    gate_detail,
    misdirected_lines,
    summary_lines,
    unread_said,
)
from osai.formatters.textlayout import (
    NO_BREAK_SPACE,
    Painter,
    Span,
    cell_width,
    hanging,
    unbroken,
)
from osai.report import Report, UnsettledVerdict, Verbosity, definite_said
from osai.textsafe import counted, target_name

TONE = {"met": "green", "unmet": "red", "unknown": "yellow", "graded": "cyan", "outside": "dim"}
ACTIONS_SHOWN = 5
HEADLINE_LINES = 4  # a verdict and its reasons, where the reasons allow (the actions give the rest)


def states_errors(report: Report) -> bool:
    """Whether the report states each target that could not be checked, and why: the summary
    of several targets does (one target's report is its verdicts, or nothing)."""
    return len(report.assessments) + len(report.errors) > 1


def render_text(report: Report) -> str:
    view = report.view
    painter = Painter(view.color, view.encoding)
    several = states_errors(report)
    lines: list[str] = []
    if not several or view.verbosity >= Verbosity.VERBOSE:
        for index, assessment in enumerate(report.assessments):
            if index:
                lines.append("")
            lines.extend(target_lines(report, assessment, painter))
    if several:
        if lines:
            lines.append("")
        lines.extend(summary_lines(report, painter))
    return "\n".join(lines) + "\n" if lines else ""


def target_lines(report: Report, assessment: Assessment, painter: Painter) -> list[str]:
    view = report.view
    names = dict(report.info.component_names)
    # before the verdicts that rest on it: a cache folder's was the 59th line, among the notes
    lines = _heading(assessment, painter, view.width) + misdirected_lines(
        assessment, painter, view.width
    )
    if view.verbosity <= Verbosity.QUIET:  # the verdicts, and whose data they rest on
        credits = credit_lines(assessment_credits(assessment), painter, view.width)
        return lines + _headline(report, assessment, painter, names, None) + credits
    found = report_actions(report, assessment)
    shown = found if view.verbosity >= Verbosity.VERBOSE else found[:ACTIONS_SHOWN]
    hidden = needs_of(found[len(shown) :])
    lines.extend(_headline(report, assessment, painter, names, hidden))
    brief = view.verbosity < Verbosity.VERBOSE
    lines.extend(_actions(found, shown, painter, view.width, brief=brief))
    lines.extend(_differences(assessment, painter, view.width, brief=brief))
    lines.extend(_notes(report, assessment, painter))
    lines.extend(evidence_lines(assessment, names, painter, view.width, report.licence_readings))
    lines.extend(link_lines(assessment, painter, view.width, report.licence_readings))
    if view.verbosity >= Verbosity.VERBOSE:
        words = reason_words(assessment, report.info.fact_names)
        accepted = report.accepted_by_waiver(assessment.release.target)
        lines.extend(verbose_lines(assessment, painter, view.width, words, accepted))
    return lines


HEADING_GAP = "  ·  "
MIN_BODY = 24  # the least room beside a name `hanging` wraps the rest into


def _heading(assessment: Assessment, painter: Painter, width: int) -> list[str]:
    release = assessment.release
    revision = f" @ {release.revision[:7]}" if release.revision else ""
    asked = release.revision_asked
    if asked and release.revision and not release.revision.lower().startswith(asked.lower()):
        revision = f" @ {asked} ({release.revision[:7]})"  # a branch or tag: and its commit
    if release.revision and release.name.endswith(f"@{asked or release.revision[:7]}"):
        # named apart already (osai.run.named_apart): `ID@step1000`, and its commit
        revision = f" ({release.revision[:7]})" if asked else ""
    # A name of kilobytes (a manifest's, a card's) is cut as an error message cuts a target
    named = f"{target_name(release.name)}{revision}"
    moved = f", moved to {release.moved_to}" if release.moved_to else ""
    # A Hub id checked as typed is the name already: said twice, a long one wrapped the line.
    target = "" if release.target == release.name else f": {release.target}"
    given = f" + --manifest {release.given_manifest}" if release.given_manifest else ""
    where = Span(f"{release.source}{target}{moved}{given}")
    if cell_width(named) + len(HEADING_GAP) > width - MIN_BODY:
        # too long to stand before the rest (it ran past the terminal's width): wrapped with it,
        # the gap's "·" kept with what follows it (a name filling its line ended it in " ·")
        joined = Span(f"{NO_BREAK_SPACE}{where.text}")
        return hanging(painter, [], [Span(named, "bold"), Span(" ·"), joined], width, 4)
    if cell_width(named) + len(HEADING_GAP) + cell_width(where.text) > width:
        # where it is from cannot stand beside the name: under it, with no gap left dangling at
        # the end of the name's line (a manifest's absolute path ended it in "  ·  ")
        return [
            *hanging(painter, [Span(named, "bold")], [], width),
            *hanging(painter, [Span("    ")], [where], width, 4),
        ]
    return hanging(painter, [Span(named, "bold"), Span(HEADING_GAP)], [where], width, 4)


def framework_width(assessment: Assessment) -> int:
    """The verdict lines' first column: the longest framework name and version, and a gap."""
    names = [f.name_in_mode for f in assessment.frameworks] or ["gate"]
    return max(len(name) for name in [*names, "gate"]) + 2


def _headline(
    report: Report,
    assessment: Assessment,
    painter: Painter,
    names: Mapping[str, str],
    hidden: tuple[Need, ...] | None,
) -> list[str]:
    """`hidden`: the levels the actions left out (past the first five) are needed for; None
    when no action is printed (-q)."""
    facts = {fact: title for fact, title, _ in report.info.fact_names}
    answer = headline(assessment, report.licences, names, facts)
    column = framework_width(assessment)
    lines: list[str] = []
    verbosity = report.view.verbosity
    for line, framework in zip(answer.frameworks, assessment.frameworks, strict=True):
        # The reasons a verdict leaves out are in the actions only if none of its next level's
        # is past the cut: Llama 2's MOF line said "+1 more unmet (see Actions)" of a step the
        # five actions (all OSAID needs) left out.
        shown = hidden is not None and next_need(framework) not in hidden
        rest = "(see Actions)" if shown else "(-v for all)"
        lines.extend(_framework_line(line, painter, report.view.width, column, verbosity, rest))
    for result in report.policies:
        if result.target != assessment.release.target:
            continue
        prefix = _gate_prefix(result.verdict, column)
        detail = gate_detail(report, result)
        lines.extend(hanging(painter, prefix, [Span(detail)], report.view.width, column + 4))
    for unsettled in report.unsettled:
        if unsettled.target == assessment.release.target:
            lines.extend(_unsettled_line(unsettled, painter, report.view.width, column))
    lines.extend(_baseline_line(report, assessment.release.target, painter, column))
    if report.passes_as_definite(assessment.release.target):
        said = [Span(definite_said(report.fail_on_unknown_at))]
        prefix = _gate_prefix("PASS", column)
        lines.extend(hanging(painter, prefix, said, report.view.width, column + 4))
    forced = exit_zero_said(report)
    if forced and not states_errors(report):  # of several targets, the summary says it
        lines.extend(
            hanging(painter, [Span(" " * (column + 2))], [Span(forced, "dim")], report.view.width)
        )
    lines.extend(_definite_lines(report, assessment, painter, names))
    if answer.settle:
        prefix = [Span("  "), Span("→ ", "dim")]
        lines.extend(hanging(painter, prefix, [Span(answer.settle, "dim")], report.view.width))
    # under -q only: otherwise the actions' "read" step says it, and Notes (said three times)
    for unread in unread_said(assessment) if hidden is None else ():
        arrow = [Span("  "), Span("→ ", "dim")]
        lines.extend(hanging(painter, arrow, [Span(unread, "dim")], report.view.width))
    return lines


def _baseline_line(report: Report, target: str, painter: Painter, column: int) -> list[str]:
    """--baseline on one target: FAIL and what got worse, NOT PROVEN or NOT COMPARED and why;
    PASS, with the run's count of what got better, on a run of one target (a run of several
    counts its passes in the summary)."""
    baseline = report.baseline
    if baseline is None:
        return []
    verdict, said = baseline.target_verdict(target), baseline.said_of(target)
    if verdict == "PASS" and len(report.assessments) != 1:
        return []
    prefix = _gate_prefix(verdict, column)
    return hanging(painter, prefix, [Span(said or baseline.said)], report.view.width, column + 4)


def _unsettled_line(
    unsettled: UnsettledVerdict, painter: Painter, width: int, column: int
) -> list[str]:
    """A verdict --fail-on-unknown fails the run for: the gate is NOT PROVEN, and why."""
    detail = unsettled.gate_why
    prefix = _gate_prefix(unsettled.verdict, column)
    return hanging(painter, prefix, [Span(detail)], width, column + 4)


def _gate_prefix(verdict: str, column: int) -> list[Span]:
    """A gate line's start, under the frameworks' verdict lines: "gate  NOT PROVEN  "."""
    return [
        Span("  "),
        Span(f"{'gate':<{column}}", "bold"),
        Span(verdict, f"bold {GATE_TONE[verdict]}"),
        Span("  "),
    ]


def _definite_lines(
    report: Report, assessment: Assessment, painter: Painter, names: Mapping[str, str]
) -> list[str]:
    prefix = [Span("  "), Span("→ ", "dim")]
    return [
        line
        for said in definite_hints(report, assessment, names)
        for line in hanging(painter, prefix, [Span(said, "dim")], report.view.width)
    ]


def _framework_line(
    line: FrameworkHeadline,
    painter: Painter,
    width: int,
    column: int,
    verbosity: Verbosity,
    rest: str,
) -> list[str]:
    """`rest`: where the reasons the line leaves out are ("(see Actions)", "(-v for all)")."""
    tone = TONE[line.tone]
    prefix = [Span("  "), Span(f"{line.name:<{column}}", "bold"), Span(f"{line.mark} ", tone)]
    limit = None if verbosity >= Verbosity.VERBOSE else HEADLINE_LINES
    lines = _verdict_lines(line, prefix, tone, painter, width, column, limit, rest)
    for standing in line.standing:
        pad = [Span(" " * (column + 4))]
        lines.extend(hanging(painter, pad, [Span(str(standing), "dim")], width))
    return lines


def _verdict_lines(
    line: FrameworkHeadline,
    prefix: list[Span],
    tone: str,
    painter: Painter,
    width: int,
    column: int,
    limit: int | None,
    rest: str = "(see Actions)",
) -> list[str]:
    """The verdict and its reasons in at most `limit` lines where they allow (None: all, as -v
    shows them), so that every framework's verdict shows in the first lines of a terminal: the
    first reasons, then what the rest stand for, counted ("+4 more unmet, 5 unknown"), and
    where they are (`rest`: "(see Actions)", the actions give them; "(-v for all)" when nothing
    follows the headline, and nothing when only that would take another line); past one
    reason, the first terms of its licence and how many more (`osai licenses show` gives them
    all).  A reason's words are never cut."""

    def said(kept: int, terms: int | None, pointer: str) -> list[str]:
        body = [Span(line.verdict, f"bold {tone}")]
        shown = [reason.shown(terms if n == 0 else None) for n, reason in enumerate(line.reasons)]
        shown = shown[:kept]
        if kept < len(line.reasons):
            shown.append(f"{line.left_out(kept)} {pointer}".rstrip())
        if shown:
            body.append(Span(" — " + "; ".join(shown)))
        return hanging(painter, prefix, body, width, column + 4)

    lines = said(len(line.reasons), None, rest)
    if limit is None or not line.reasons:
        return lines
    most = min(len(line.reasons) - 1, _fitting_at_most(line, limit * width))
    fewer_reasons: list[tuple[int, int | None]] = [(kept, None) for kept in range(most, 0, -1)]
    first = line.reasons[0]
    fewer_terms: list[tuple[int, int | None]] = [
        (1, terms) for terms in range(len(first.terms) - 1, first.fewest_terms - 1, -1)
    ]
    # Each cut keeps as much of the reasons (and of a licence's terms) as it can, giving up first
    # the pointer; what it leaves out is always named by status ("+4 more unmet, 5 unknown"):
    # their sum alone ("+9 more") kept one more term at 80 columns, and left the reader to guess
    # what the nine were.
    for (kept, terms), pointer in product(fewer_reasons + fewer_terms, (rest, "")):
        if len(lines) <= limit:
            break
        lines = said(kept, terms, pointer)
    return lines


def _fitting_at_most(line: FrameworkHeadline, cells: int) -> int:
    """How many reasons could at most fit in `cells` columns (lines x width: wrapping only
    wastes some): those before are the only cuts worth laying out.  Each was laid out from the
    most down, and an author's framework of 1,000 requirements, all unmet, took 90 s to say
    its headline."""
    used = 0
    for count, reason in enumerate(line.reasons):
        used += cell_width(reason.shown(None)) + len("; ")
        if used > cells:
            return count
    return len(line.reasons)


def _actions(
    found: tuple[Action, ...],
    shown: tuple[Action, ...],
    painter: Painter,
    width: int,
    *,
    brief: bool,
) -> list[str]:
    if not found:
        return []
    lines = ["", painter.paint("Actions", "bold")]
    if len(shown) < len(found):
        # what the ones left out are for: the first five can be all one framework's
        left = found[len(shown) :]
        levels = needs_said(needs_of(left))
        said = f"({len(shown)} of {len(found)}; {len(left)} more for {levels}; -v for all)"
        title = [Span("Actions", "bold"), Span(" ")]
        lines[1:] = hanging(painter, title, [Span(said, "dim")], width)
    # One word a kind, in a column; "publish or relicense" runs past it, and its lines below
    # keep to the column (as wide as it, the column left every action 56 columns at 80).
    kind_width = max(len(action.kind.split(" ")[0]) for action in shown) + 2
    for action in shown:
        prefix = [Span("  "), Span(f"{action.kind:<{kind_width - 1}} ", "bold")]
        body = [Span(action_said(action, brief=brief))]
        # the licence's terms are one command away, for a licence to replace or to read
        reads = bool({"relicense", "review"} & set(action.kind.split(" or ")))
        if reads and action.licence and not says_unlicensed(action.licence):
            shows = unbroken(f"osai licenses show {_quoted(action.licence)}")  # to copy whole
            body.append(Span(f" ({shows})", "dim"))
        lines.extend(hanging(painter, prefix, body, width, 2 + kind_width))
    return lines


def _quoted(licence: str) -> str:
    return f'"{licence}"' if " " in licence else licence


def _differences(assessment: Assessment, painter: Painter, width: int, *, brief: bool) -> list[str]:
    """Under one heading per pair of frameworks when more than one pair was compared; `brief`
    (no -v): the first pair's, and which pairs -v adds, so the report stays short."""
    lines: list[str] = []
    groups = differences_by_pair(assessment)
    shown, hidden = (groups[:1], groups[1:]) if brief else (groups, [])
    for title, differences in shown:
        lines += ["", painter.paint(title, "bold")]
        for difference in differences:
            lines.extend(hanging(painter, [Span("  • ")], [Span(difference.message)], width))
    if hidden:
        # a framework's name kept whole: "EU AI" above "Act" at 80 columns
        pairs = ", and ".join(
            f"between {unbroken(title.partition(': ')[2])}" for title, _ in hidden
        )
        said = Span(f"-v adds the differences {pairs}.", "dim")
        lines.extend(hanging(painter, [Span("  ")], [said], width))
    return lines


def _notes(report: Report, assessment: Assessment, painter: Painter) -> list[str]:
    """Findings, interpretations and links followed, in one line each (-v: in full)."""
    width, verbosity = report.view.width, report.view.verbosity
    # -v shows each published assessment's grades, headed by how it matched: not said twice
    beside = [j.reference.how_matched for j in assessment.frameworks if j.reference is not None]
    shown = beside if verbosity >= Verbosity.VERBOSE else []
    notes: list[tuple[str, str]] = [
        (f"{finding.kind.value}: {finding.brief or finding.message}", "magenta")
        for finding in assessment.findings
        if not said_beside_grades(finding.message, shown) and not finding.misdirected
    ]
    for judged in assessment.frameworks:
        shows = unbroken(
            report.info.rules_command("show", judged.framework_id, judged.framework_id)
        )
        if verbosity >= Verbosity.VERBOSE:
            for interpretation in judged.interpretations:
                title, _, text = interpretation.partition(": ")
                notes.append((f"{judged.short_name}: {title} — {text}", "dim"))
        elif judged.interpretations:
            # one note a framework, its titles together (two of EU AI Act's each ended with the
            # same command), ending in the command: a bare "— osai rules show osaid" said neither
            # what it was nor why to run it, and words after it went into the shell with a copy
            titles = "; ".join(i.partition(": ")[0] for i in judged.interpretations)
            them = "them" if len(judged.interpretations) > 1 else "it"
            notes.append((f"{judged.short_name}: {titles} — read {them} with {shows}", "dim"))
        reference = judged.reference
        if reference is not None and verbosity < Verbosity.VERBOSE:
            notes.append((_reference_note(judged.short_name, reference), "dim"))
    if verbosity < Verbosity.VERBOSE:  # -v gives each at its requirement
        notes.extend((note, "cyan") for note in _waived_notes(report, assessment))
    if not notes:
        return []
    lines = ["", painter.paint("Notes", "bold")]
    for text, style in notes:
        lines.extend(hanging(painter, [Span("  ")], [Span(text, style)], width))
    return lines


def _waived_notes(report: Report, assessment: Assessment) -> list[str]:
    """Each waived requirement, what the evidence shows, and why it is waived, in the words of
    -v and Markdown: the headline said "1 waived" and left a reviewer to guess by whom, and why."""
    accepted = report.accepted_by_waiver(assessment.release.target)
    waived = [
        (judged, result.requirement_id, result.waiver, word)
        for judged in assessment.frameworks
        for result in judged.results
        if result.waiver is not None and (word := waived_word(result, accepted))
    ]
    if not waived:
        return []
    reasons = reasons_said(assessment, report.info.fact_names)
    return [
        f"{judged.short_name}: {reasons[(judged.framework_id, rid)]} ({word}: {waiver.said})"
        for judged, rid, waiver, word in waived
    ]


def _reference_note(short: str, reference: ReferenceComparison) -> str:
    """A published assessment beside osai's grades, in one line (-v: per parameter)."""
    compared = [g for g in reference.grades if g.steps_apart is not None]
    same = sum(1 for g in compared if g.steps_apart == 0)
    beside = f"{short} beside {reference.source}: {reference.entry}"
    if not reference.about_this_repository:
        # Its grades are about another model: none is compared, and -v would add nothing to it.
        return f"{beside} is about a related model, so no grade is compared"
    if not compared:
        return f"{beside}; no grade of osai's to compare (-v shows the experts')"
    grades = counted(len(compared), "grade")  # "0 of 1 grades" took the plural of one
    return f"{beside}; {same} of {grades} compared agree (-v for each parameter)"
