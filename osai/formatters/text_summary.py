"""The closing summary of a run over several targets: target · each framework's outcome · gate,
then the targets that could not be checked, and the totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from osai.assessment import Assessment, FrameworkAssessment, score_range
from osai.evidence import Certainty, DataCredit
from osai.formatters.findings import (
    EXIT_ZERO_SAID,
    GATE_TONE,
    data_credits,
    gate_rank,
    gate_tally,
)
from osai.formatters.headline import first_reason, headline, policy_blockers
from osai.formatters.settle import gate_declare
from osai.formatters.textlayout import (
    NO_BREAK_SPACE,
    Column,
    Painter,
    Span,
    hanging,
    kept_together,
    table,
    unbroken,
)
from osai.policy import exit_forced_zero
from osai.report import (
    PolicyResult,
    Report,
    Verbosity,
    error_subject,
    min_certainty_named,
    worst_gate,
)
from osai.textsafe import counted, target_name
from osai.verdict import Status


def outcome_cell(judged: FrameworkAssessment) -> Span:
    """A framework's outcome in a few words: "✔ Class II", "✘ not conformant", "? exemption
    not shown (4 unknown)": its verdict, and how many requirements keep it open."""
    verdict = outcome_verdict(judged)
    if judged.kind == "graded" or not verdict.text.startswith("?"):
        return verdict
    blocking = judged.blocking()
    unknown = sum(1 for r in blocking if r.status is Status.UNKNOWN)
    # a verdict open only on waived requirements said "(0 unknown)"
    waived = sum(1 for r in blocking if r.status is Status.WAIVED)
    counts = [f"{unknown} unknown"] if unknown or not waived else []
    if waived:
        counts.append(f"{waived} waived")
    return Span(f"{verdict.text} ({', '.join(counts)})", verdict.style)


def outcome_verdict(judged: FrameworkAssessment) -> Span:
    """The sign and the framework's own words for its outcome (FrameworkAssessment.brief_label):
    what a summary's totals count."""
    if judged.out_of_scope is not None:  # neither met nor violated: "—", as the headline
        inferred = " (inferred)" if judged.certainty is Certainty.INFERRED else ""
        return Span(f"— {judged.brief_label}{inferred}", "dim")
    if judged.kind == "graded":
        overall = judged.score.overall if judged.score is not None else None
        if overall is None or overall.score is None:
            return Span("? no grade", "yellow")
        ungraded = overall.ungraded_said(brief=True)  # why the score is a range
        return Span(f"{overall.figure} ({ungraded})" if ungraded else overall.figure, "cyan")
    # An outcome resting on inferred evidence says so: a gate under --min-certainty detected
    # reads it as NOT PROVEN, and the row must not look like a plain pass.
    inferred = " (inferred)" if judged.certainty is Certainty.INFERRED else ""
    if judged.best_level_proven:
        return Span(f"✔ {judged.brief_label}{inferred}", "green")
    if violated(judged):
        return Span(f"✘ {judged.brief_label}{inferred}", "red")
    return Span(f"? {judged.brief_label}", "yellow")


def violated(judged: FrameworkAssessment) -> bool:
    """A verdict marked ✘ (outcome_verdict): in the framework's scope, of levels, definite, and
    no level reached."""
    in_scope = judged.out_of_scope is None and judged.kind != "graded"
    return in_scope and judged.definite and not judged.best_level_proven


def gate_cell(verdicts: Sequence[str]) -> Span:
    """A target's gate in a gated run: the worst of its verdicts (Report.gate_verdicts)."""
    worst = worst_gate(verdicts)
    return Span(worst, f"bold {GATE_TONE[worst]}")


def gate_counts(report: Report) -> list[str]:
    """The run's targets counted by their gate, worst first ("1 FAIL", "1 NOT PROVEN"), in
    every summary that counts them: the Markdown's counted required policies ("120 failed, 120
    not proven" of 120 targets and two policies) and read as targets."""
    verdicts = (gate_cell(report.gate_verdicts(a.release.target)).text for a in report.assessments)
    return gate_tally(verdicts)


def summary_lines(report: Report, painter: Painter) -> list[str]:
    width = report.view.width
    shorts = _framework_shorts(report.assessments)
    gated = report.gated
    rows = [_row(report, assessment, shorts, gated) for assessment in report.assessments]
    columns = [
        Column("target", wraps=True, min_width=16, give=2),
        *(Column(short, wraps=True, min_width=10, give=1) for short in shorts.values()),
        *((Column("gate", wraps=True, min_width=4),) if gated else ()),
    ]
    count = len(report.assessments) + len(report.errors)
    lines = [painter.paint(f"Summary of {count} targets", "bold")]
    fitted = table(painter, columns, rows, width) if rows else []
    if fitted is None:
        fitted = _stacked(rows, [c.header for c in columns], painter, width)
    lines.extend(fitted)
    for error in report.errors:
        lines.extend(_error_lines(error.target, error.message, painter, width))
    if report.view.verbosity < Verbosity.VERBOSE:  # -v says it under each target's heading
        lines.extend(_misdirected(report, painter, width))
    lines.extend(hanging(painter, [Span("")], [Span(_totals(report, shorts), "dim")], width))
    baseline = report.baseline
    # what --baseline did not compare, beside a PASS of every target (a regression is said
    # in the gate's reasons): "2 PASS" alone read as both compared
    if baseline is not None and (baseline.partial or baseline.compared_nothing):
        lines.extend(hanging(painter, [Span("")], [Span(baseline.said)], width))
    # -q: the headline only, which for several targets is their table (it printed the gate's
    # reasons and the -v hint too, as without -q)
    if Verbosity.QUIET < report.view.verbosity < Verbosity.VERBOSE:
        lines.extend(
            _gate_reasons(report, painter, width) if gated else _blockers(report, painter, width)
        )
    # the sources the verdicts above rest on, credited after them (-v: in each target's notes)
    if report.view.verbosity < Verbosity.VERBOSE:
        lines.extend(credit_lines(data_credits(report), painter, width, indent=""))
    if Verbosity.QUIET < report.view.verbosity < Verbosity.VERBOSE:
        hint = "-v shows each target's verdicts, actions and evidence"
        lines.extend(hanging(painter, [Span("")], [Span(hint, "dim")], width))
    return lines


def credit_lines(
    credits: Sequence[DataCredit], painter: Painter, width: int, *, indent: str = "  "
) -> list[str]:
    """The public databases whose data the verdicts above rest on, each with its credit in a
    few words, where no note says it (-q; a summary of several targets): `osai check
    deepseek-ai/DeepSeek-R1 -f eosai -q` printed a score built on the index's CC-BY-4.0
    grades and never named the index.  About a line a database: each entry's name and the
    MOT's whole MIT attribution took 8 lines under 13 targets, the full citations being
    `osai db status`'s."""
    if not credits:
        return []
    return hanging(painter, [Span(indent)], [Span(credits_said(credits), "dim")], width)


def credits_said(
    credits: Sequence[DataCredit],
    data: Callable[[str], str] = str,
    command: Callable[[str], str] = lambda said: f"`{said}`",
) -> str:
    """The credit line of credit_lines, in words, the same in the text summary and the
    Markdown of many targets (whose per-target notes, which carried it, are cut for room: a
    CC-BY-4.0 database's attribution must be wherever its data is used).  `data` writes the
    words, `command` the command to run: the Markdown escaped the command's backticks with
    the rest, and GitHub showed them, where it is a code span."""
    used = sum(len(credit.entries) or 1 for credit in credits)
    label = "public assessment used" if used == 1 else "public assessments used"
    citations = "citation" if len(credits) == 1 else "citations"
    said = ", ".join(_credited(credit) for credit in credits)
    # the spaces outside `data`: Markdown's escaping strips the ends of what it is given
    return (
        f"{data(f'{label}: {said}:')} {command('osai db status')} "
        f"{data(f'gives the full {citations}')}"
    )


def _credited(credit: DataCredit) -> str:
    """`EOSAI (4 listings; CC-BY-4.0, Liesenfeld and Dingemanse (2024), https://osai-index.eu/)`:
    how many of its listings, and the elements of a CC-BY attribution (licence, creator,
    source); a credit naming no creator, its licence (MOT's MIT asks its notice of copies of
    the files, which `osai db status` names)."""
    listings = counted(len(credit.entries), "listing") if credit.entries else ""
    terms = ", ".join(part for part in (credit.licence, credit.creator, credit.link) if part)
    inside = "; ".join(part for part in (listings, terms) if part)
    return f"{credit.database.upper()} ({inside})" if inside else credit.database.upper()


def _misdirected(report: Report, painter: Painter, width: int) -> list[str]:
    """Each target that is not what its checker meant, named, under the rows that rest on it:
    `osai check ~/.cache/huggingface/hub/models--*` gave a row of unknowns per cache folder and
    no word of the snapshot to check."""
    return [
        line
        for assessment in report.assessments
        for line in misdirected_lines(assessment, painter, width, named=True)
    ]


def misdirected_lines(
    assessment: Assessment, painter: Painter, width: int, *, named: bool = False
) -> list[str]:
    """What says the target is not what its checker meant (Finding.misdirected: a Hugging Face
    cache folder, not a model's directory), said before the verdicts that rest on it; `named`:
    after the target's name, in a summary of several."""
    name = [Span(f"{assessment.release.target}: ", "bold")] if named else []
    return [
        line
        for finding in assessment.findings
        if finding.misdirected
        for line in hanging(
            painter,
            [Span("  ")],
            [*name, Span(f"{finding.kind.value}: {finding.message}", "magenta")],
            width,
        )
    ]


GATE_REASONS_SHOWN = 10  # targets whose gate did not pass, named with why, past the table


def gate_detail(report: Report, result: PolicyResult) -> str:
    """A required policy's result beside its gate verdict: "--require osaid: not conformant",
    and, reached only on evidence weaker than --min-certainty, what to declare."""
    detail = f"{result.policy.named}: {result.shortfall or result.outcome_label}"
    hint = gate_declare(report, result)
    if hint and result.below_certainty is not None and result.certainty is not None:
        below = min_certainty_named(result.below_certainty, report.min_certainty_at)
        # duties say on what evidence they are met already (policy._duties_met)
        if result.duties:
            detail += f"; below {below}: {hint}"
        else:
            detail += f"; reached only on {result.certainty.value} evidence ({below}): {hint}"
    return detail


def _gate_reasons(report: Report, painter: Painter, width: int) -> list[str]:
    """Why each target whose gate did not pass did not, in a line or two: a pre-commit hook or
    CI log of several targets showed FAIL in the table and nothing of why without -v.  The
    policy's result, then the first reason its framework's headline gives (a licence's first
    term), and what the others count."""
    stopped = [
        (assessment.release.target, why)
        for assessment in report.assessments
        if (why := _why_not_passed(report, assessment))
    ]
    # "did not pass", as the README says it; the line under it says what -v shows
    return _per_target("Why the gate did not pass", stopped, "did not pass", painter, width)


def _blockers(report: Report, painter: Painter, width: int) -> list[str]:
    """What keeps each target below a framework, in its headline's first reason: a table of
    eight targets said "✘ not conformant" of Mistral's Apache-2.0 weights and of Llama 2's
    restricted ones alike, and why only under -v (aku #3).  Ungated runs only: a gated run says
    why its gate did not pass instead.  Only the targets shown get their headline worked out."""
    names = dict(report.info.component_names)
    facts = {fact: title for fact, title, _ in report.info.fact_names}
    short = [a for a in report.assessments if any(violated(j) for j in a.frameworks)]
    said: list[tuple[str, list[str]]] = []
    for assessment in short[:GATE_REASONS_SHOWN]:
        answer = headline(assessment, report.licences, names, facts)
        lines = zip(assessment.frameworks, answer.frameworks, strict=True)
        why = [(line.name, first_reason(line)) for judged, line in lines if violated(judged)]
        reasons = [f"{name}: {first}" for name, first in why if first]
        said.append((assessment.release.target, reasons + unread_said(assessment)))
    more = len(short) - len(said)
    blocked = _per_target("What blocks them", said, "fell short", painter, width, more=more)
    # a target nothing violates whose card was not read: not "blocked", but what it could
    # show stays unknown (a gated card beside open weights)
    shown = {id(a) for a in short}
    unread = [
        (a.release.target, files)
        for a in report.assessments
        if id(a) not in shown and (files := unread_said(a))
    ]
    return blocked + _per_target("Not read", unread, "not read", painter, width)


def unread_said(assessment: Assessment) -> list[str]:
    """Each file the host lists that osai could not read, where it could have shown what stays
    unknown (a gated card): -q leaves out the actions and Notes that say it, and "+10 more
    unknown" left a reader to guess that the card was never read (aku #5); a summary of several
    targets said it of none."""
    return [
        f"{unread.describe()}; it was not read, so what it could show stays unknown"
        for unread in assessment.release.unread
        if unread.facts or unread.components
    ]


def _per_target(
    title: str,
    said: Sequence[tuple[str, Sequence[str]]],
    verb: str,
    painter: Painter,
    width: int,
    *,
    more: int = 0,
) -> list[str]:
    """A section under the table: each target named, with a few lines of why, the first
    GATE_REASONS_SHOWN of them, then how many more ("+3 more targets did not pass"); `more`:
    those `said` leaves out already."""
    if not said:
        return []
    lines = [painter.paint(title, "bold")]
    for target, reasons in said[:GATE_REASONS_SHOWN]:
        lines.extend(hanging(painter, [Span("  ")], [Span(target, "bold")], width))
        for reason in reasons:
            lines.extend(hanging(painter, [Span("    ")], [Span(reason)], width))
    left = more + max(0, len(said) - GATE_REASONS_SHOWN)
    if left:
        tail = f"+{counted(left, 'more target')} {verb}"
        lines.extend(hanging(painter, [Span("  ")], [Span(tail, "dim")], width))
    return lines


def _why_not_passed(report: Report, assessment: Assessment) -> list[str]:
    target = assessment.release.target
    failed = [r for r in report.policies if r.target == target and not r.met]
    unsettled = [u.gate_why for u in report.unsettled if u.target == target]
    worse = report.baseline.gate_why(target) if report.baseline is not None else ""
    unsettled += [worse] if worse else []
    said = []
    for result in failed:
        blockers = policy_blockers(report, result)
        said.append(f"{gate_detail(report, result)}{f' — {blockers}' if blockers else ''}")
    stopped = said + unsettled
    return stopped + unread_said(assessment) if stopped else []


def _framework_shorts(assessments: tuple[Assessment, ...]) -> dict[str, str]:
    shorts: dict[str, str] = {}
    for assessment in assessments:
        for judged in assessment.frameworks:
            shorts.setdefault(judged.framework_id, judged.short_in_mode)
    return shorts


def _row(report: Report, assessment: Assessment, shorts: dict[str, str], gated: bool) -> list[Span]:
    cells = [Span(assessment.release.target)]
    for framework_id in shorts:
        judged = assessment.framework(framework_id)
        cells.append(
            _kept_together(outcome_cell(judged)) if judged is not None else Span("—", "dim")
        )
    if gated:
        cells.append(_kept_together(gate_cell(report.gate_verdicts(assessment.release.target))))
    return cells


def _kept_together(cell: Span) -> Span:
    """An outcome wraps only before a parenthesis ("(inferred)" may take the next line)."""
    return Span(kept_together(cell.text), cell.style)


def _stacked(rows: list[list[Span]], headers: list[str], painter: Painter, width: int) -> list[str]:
    lines = []
    for row in rows:
        target, *cells = row
        body: list[Span] = []
        for index, (header, cell) in enumerate(zip(headers[1:], cells, strict=True)):
            # a framework's name whole, and on the line of its outcome: "· EU AI" ran above
            # "Act ? exemption not shown", "· EOSAI" above its score (as in the evidence table)
            name = Span(f"{' · ' if index else ''}{unbroken(header)}", "dim")
            body.extend([name, Span(NO_BREAK_SPACE + cell.text, cell.style)])
        lines.extend(hanging(painter, [Span("  ")], [Span(target.text, "bold")], width))
        lines.extend(hanging(painter, [Span("    ")], body, width))
    return lines


def _totals(report: Report, shorts: dict[str, str]) -> str:
    parts = []
    for framework_id, short in shorts.items():
        judged_all = [
            judged
            for assessment in report.assessments
            if (judged := assessment.framework(framework_id)) is not None
        ]
        if not judged_all:  # every target of the run failed before it was judged
            continue
        counted = _scores(judged_all) if judged_all[0].kind == "graded" else _verdicts(judged_all)
        # whose verdicts they are, where the rule file says: "EOSAI: 3 scored 0.04 to 1.00" read
        # as the index's own scores (the column's name stays short)
        note = judged_all[0].outcome_note
        counted += f" ({note})" if counted and note else ""
        if counted:  # its name whole, on the line of its first count ("· EU AI Act:" ended one)
            parts.append(f"{unbroken(short)}:{NO_BREAK_SPACE}{counted}")
    if report.gated:
        counts = ", ".join(unbroken(count) for count in gate_counts(report))
        settings = ", ".join(report.gate_settings())
        parts.append(f"gate ({settings}):{NO_BREAK_SPACE}{counts}{_exit_zero(report, '; ')}")
    if report.errors:
        parts.append(f"{len(report.errors)} could not be checked")
    return " · ".join(parts)


def gate_status(report: Report, shown: int = 3) -> str:
    """The gate in one line, for a run whose report went only to files (`-o r.sarif`): standard
    output then says nothing, and a failing pre-commit hook or CI step showed "exit 1" and no
    reason.  "gate FAIL: llama-2-7b.yml; PASS: 2 targets", the targets that could not be
    checked first ("gate not checked: x.yml; PASS: 1 target"); "" when the run has no gate."""
    if not report.gated:
        return ""
    by_verdict: dict[str, list[str]] = {}
    for error in report.errors:
        by_verdict.setdefault(NOT_CHECKED, []).append(error.target)
    for assessment in report.assessments:
        target = assessment.release.target
        # no verdict of the gate on it (--fail-on-unknown, every verdict definite): it passes
        by_verdict.setdefault(report.target_gate(target) or "PASS", []).append(target)
    parts = []
    for verdict in sorted(
        by_verdict, key=lambda said: -1 if said == NOT_CHECKED else gate_rank(said)
    ):
        targets = by_verdict[verdict]
        more = f", +{len(targets) - shown} more" if len(targets) > shown else ""
        named = ", ".join(targets[:shown]) + more
        parts.append(
            f"{verdict}: {counted(len(targets), 'target') if verdict == 'PASS' else named}"
        )
    return f"gate {'; '.join(parts)}{_exit_zero(report, '; ')}" if parts else ""


def gate_status_why(report: Report) -> str:
    """gate_status, and where one target did not pass, the first reason it did not (as "Why
    the gate did not pass" gives it), for standard error when every report went to files: a
    CI log said "gate FAIL: p.yml" and the reason was in a file no one opens.  Of several such
    targets, the report says each."""
    said = gate_status(report)
    stopped = [why for a in report.assessments if (why := _why_not_passed(report, a))]
    if len(stopped) != 1:
        return said
    first, *rest = stopped[0]
    more = f" (+{len(rest)} more in the report)" if rest else ""
    return f"{said}; why: {first}{more}"


def exit_zero_said(report: Report) -> str:
    """That --exit-zero made a gate that fails exit 0, or "": beside FAIL alone, a reader of
    the report took a step that passed for one that failed."""
    return EXIT_ZERO_SAID if exit_forced_zero(report) else ""


def _exit_zero(report: Report, separator: str) -> str:
    said = exit_zero_said(report)
    return f"{separator}{said}" if said else ""


NOT_CHECKED = "not checked"  # a target of the gate that could not be judged (exit 2 or 3)


def _verdicts(judged_all: list[FrameworkAssessment]) -> str:
    """How many targets have each outcome, most first: "3 ✘ not exempt, 2 ? exemption not shown"."""
    counts = Counter(outcome_verdict(judged) for judged in judged_all)
    # each count with its outcome on one line: "1 ✔ Class" above "III" at 80 columns
    return ", ".join(unbroken(f"{n} {verdict.text}") for verdict, n in _most_first(counts))


# A tie is said worst first, as every gate tally is: violated, unknown, out of scope, reached.
_WORST_FIRST = {"red": 0, "yellow": 1, "dim": 2, "cyan": 3, "green": 4}


def _most_first(counts: Counter[Span]) -> list[tuple[Span, int]]:
    """Most first, a tie worst first and then in the order of its words: in the order first met
    (most_common's), the tally changed with the order the targets were given in."""
    return sorted(
        counts.items(),
        key=lambda said: (-said[1], _WORST_FIRST.get(said[0].style, 5), said[0].text),
    )


def _scores(judged_all: list[FrameworkAssessment]) -> str:
    """A graded framework's scores have no outcome to count: the range they lie in (each
    score's own bounds while some of its grades are unknown), and those not scored."""
    scored = [
        overall
        for judged in judged_all
        if judged.score is not None and (overall := judged.score.overall).score is not None
    ]
    # out of its scope, a release is not scored: counted by its outcome, as the row says it
    outside = Counter(
        outcome_verdict(judged) for judged in judged_all if judged.out_of_scope is not None
    )
    unscored = len(judged_all) - len(scored) - sum(outside.values())
    lowest = min((overall.lowest for overall in scored), default=0.0)
    highest = max((overall.highest for overall in scored), default=0.0)
    parts = [f"{len(scored)} scored {score_range(lowest, highest)}"] if scored else []
    parts += [f"{unscored} ? no grade"] if unscored else []
    parts += [f"{n} {verdict.text}" for verdict, n in _most_first(outside)]
    # as a count and its outcome: "7 scored 0.08 to" ran above "1.00" at 80 columns
    return ", ".join(unbroken(part) for part in parts)


def _error_lines(target: str, message: str, painter: Painter, width: int) -> list[str]:
    """A target that could not be checked: named once, then why, each problem on its own line.
    A message that begins `FILE:LINE:` keeps its line number with its file."""
    prefix = [Span("  "), Span("✘ ", "red")]
    named = error_subject(target, message)  # the target named once
    rest = message[len(named) :]
    subject, why = (
        (named, rest[2:]) if named and rest.startswith(": ") else (target_name(target), message)
    )
    first, *others = why.splitlines() or [""]
    lines = hanging(painter, prefix, [Span(f"{subject}: ", "bold"), Span(f"error: {first}")], width)
    for other in others:
        lines.extend(hanging(painter, [Span("    ")], [Span(other)], width))
    return lines
