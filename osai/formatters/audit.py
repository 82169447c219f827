"""`osai audit mot|eosai` as text, JSON or Markdown: the summary first, then one row per listing
with its disagreements, and apart what its repository does not confirm (AuditRow.contradictions,
AuditRow.unconfirmed: every format splits them so).  Pure functions of the AuditReport; the CLI
prints them.

The JSON document (`audit_document`) follows rules/schema/audit.schema.json.  In Markdown every
value that comes from a listing or a repository is quoted (osai.formatters.markdown), so a
hostile listing cannot inject markup; in text every word is shown through
osai.formatters.escaping.terminal by the painter (a listing's file name is an archive's, and may
carry ESC or a newline followed by a workflow command).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from osai import __version__
from osai.assessments.audit import AuditReport, AuditRow, AuditSummary, KindCount, RowStatus
from osai.assessments.disagreements import KIND_ORDER, Disagreement
from osai.formatters.escaping import json_document
from osai.formatters.markdown import code, table, text
from osai.formatters.textlayout import Painter, Span, hanging, kept_together
from osai.textsafe import counted

# 2: a listing's `disagreements` and summary.disagreeing_by_kind hold the contradictions alone,
# what the repository does not confirm is in `unconfirmed` and summary.unconfirmed_by_kind (in 1
# both held every finding)
SCHEMA = "osai/audit/2"
AUDIT_FORMATS = ("text", "json", "markdown")
DISAGREEMENT_COLUMNS = (
    "Listing", "Repository", "Kind", "What", "The listing says", "The repository says",
    "osai keeps",
)  # fmt: skip


def audit_renderer(name: str, width: int, encoding: str = "utf-8") -> Callable[[AuditReport], str]:
    """The renderer of one of AUDIT_FORMATS (the command line refuses any other, before the
    audit starts: osai.outputs.unwritten_format); text is wrapped to `width` (the
    terminal's), its symbols those `encoding` has (osai.formatters.standins)."""
    renderers: dict[str, Callable[[AuditReport], str]] = {
        "text": partial(render_audit_text, width=width, encoding=encoding),
        "json": render_audit_json,
        "markdown": render_audit_markdown,
    }
    return renderers[name]


# --- text -------------------------------------------------------------------------------------


def render_audit_text(report: AuditReport, width: int, encoding: str = "utf-8") -> str:
    """The summary, then each listing and its disagreements, every line wrapped to `width` as
    `osai check`'s text report is (osai.formatters.textlayout.hanging: only a URL longer than a
    line runs past it), for a stream in `encoding`."""
    painter = Painter(encoding=encoding)
    lines = [*_summary_lines(report.summary, painter, width), ""]
    for row in report.rows:
        named = f"{row.target.repo_id}{_moved(row)}{_another_model(row)}"
        # the count whole: "disagrees (1; 2 not" ended a line at 80 columns, "shown)" the next
        heading = f"{row.target.label} → {named} · {kept_together(_row_status(row))}"
        lines += hanging(painter, [], [Span(heading)], width, _ROW_INDENT)
        for said in (_read_offline(row), row.reason):
            if said:
                lines += hanging(painter, [Span(" " * _ROW_INDENT)], [Span(said)], width)
        for found in (*row.contradictions, *row.unconfirmed):
            kind = [Span(" " * _ROW_INDENT), Span(f"{found.kind.value:<10} ")]
            lines += hanging(painter, kind, [Span(_one_line(found))], width)
    return "\n".join(lines) + "\n"


_ROW_INDENT = 4  # a listing's reason and disagreements, under its heading


def _summary_lines(summary: AuditSummary, painter: Painter, width: int) -> list[str]:
    title = f"osai audit {summary.database}: {_audit_answer(summary)}"
    source = f"{summary.title}, {summary.snapshot}"
    counts = [
        ("listings", f"{summary.entries} in the snapshot, {summary.naming} naming a Hub "
         f"repository, {summary.audited} audited"),
        ("checked", f"{summary.checked} (their repository answered)"),
        ("agreeing", str(summary.agreeing)),
        ("disagreeing", str(summary.disagreeing)),
        ("unconfirmed", f"{summary.unconfirmed} (nothing contradicted: not all shown on the Hub, "
         "or older than the repository)"),
        # of the disagreeing and the unconfirmed listings alike, so under a heading of their
        # own; an item not shown is no disagreement
        *([("findings", "by kind")] if summary.by_kind else []),
        *((f"  {count.kind.value}", _kind_counted(count)) for count in summary.by_kind),
        ("not reachable", str(summary.not_reachable)),
        ("no such repository", str(summary.no_such_repository)),
        *([("attribution", summary.attribution)] if summary.attribution else []),
    ]  # fmt: skip
    # one column for the counts, as wide as the longest label ("no such repository 0" ran
    # past the column the others kept)
    label_width = max(len(label) for label, _ in counts) + 2
    lines = hanging(painter, [], [Span(title)], width, 2)
    lines += hanging(painter, [Span("  ")], [Span(source)], width)
    for label, said in counts:
        prefix = [Span("  " + label.ljust(label_width))]
        lines += hanging(painter, prefix, [Span(said)], width)
    return lines


def _kind_counted(count: KindCount) -> str:
    """ "1 listing, 1 disagreement", "2 listings, 14 items": a finding that contradicts nothing
    is no disagreement."""
    noun = "disagreement" if count.contradicts else "item"
    return f"{counted(count.listings, 'listing')}, {counted(count.findings, noun)}"


def _audit_answer(summary: AuditSummary) -> str:
    """What the audit found, in one clause, for the first line a person reads."""
    if not summary.checked:
        return f"no listing could be checked ({_why_none_checked(summary)})"
    verb = "disagrees" if summary.disagreeing == 1 else "disagree"
    checked = counted(summary.checked, "listing")
    # a listing the Hub only does not confirm is no disagreement (13 of 13 "disagreed", 7 so)
    unconfirmed = (
        f"; {summary.unconfirmed} unconfirmed (nothing contradicted)" if summary.unconfirmed else ""
    )
    # offline, the Hub as the cache holds it, maybe long ago: each row says of when
    cached = " as the local cache holds it (read offline)" if summary.from_cache else ""
    answer = f"{summary.disagreeing} of {checked} checked {verb} with the Hub{cached}{unconfirmed}"
    return answer + _not_checked(summary)


def _read_offline(row: AuditRow) -> str:
    """Where a repository read offline was read from, and as of when: "" when the Hub answered."""
    if row.cached_on is None:
        return ""
    of = f" of {row.cached_on}" if row.cached_on else ""
    return f"read offline, from the local cache{of}, at commit {row.revision[:7]}"


def _not_checked(summary: AuditSummary) -> str:
    """The audited listings naming no repository on the Hub, after the answer: "2 of 2
    checked disagree" stood alone above three listings naming a repository the Hub does not
    have, findings the audit exists for, which a reader of the first line never learnt of."""
    gone = summary.no_such_repository
    if not gone:
        return ""
    return f"; {gone} name{'s' if gone == 1 else ''} a repository the Hub does not have"


def _why_none_checked(summary: AuditSummary) -> str:
    """Why no listing was checked: "no repository named answered" stood above listings the Hub
    had answered for, saying their repositories do not exist (the audit ran: exit 0)."""
    if not summary.no_such_repository:
        return "no repository named answered"
    if not summary.not_reachable:
        return "the Hub has none of the repositories they name"
    gone = counted(summary.no_such_repository, "listing")
    return f"{summary.not_reachable} not reachable, {gone} naming no repository on the Hub"


def _moved(row: AuditRow) -> str:
    """The id the Hub answers under, when it redirected the listing's: GPT-J's row read as if
    its listing named the repository as it is, where the Hub had renamed it."""
    return f" (renamed on the Hub: now {row.moved_to})" if row.moved_to else ""


def _another_model(row: AuditRow) -> str:
    """A listing that says it is of another model than the repository it names, said: its rows
    read as that repository's own listing, disagreements and all (the CodeGemma-7B file naming
    google/codegemma-2b), where `osai check` takes it as a note only."""
    why = row.target.another_model
    return f" ({why}: another model's repository?)" if why else ""


def _row_status(row: AuditRow) -> str:
    """The row's outcome with its counts: "disagrees (N)" counts the contradictions alone, and
    what the repository only does not confirm is counted apart, by its own name ("disagrees
    (2; 7 not shown)"): Qwen2.5-7B's "disagrees (9)" held 7 claims not shown, which contradict
    nothing."""
    if row.status not in (RowStatus.DISAGREES, RowStatus.UNCONFIRMED):
        return row.status.value
    contradictions = len(row.contradictions)
    apart = Counter(found.kind for found in row.unconfirmed)
    unconfirmed = ", ".join(
        f"{apart[kind]} {kind.value.replace('-', ' ')}" for kind in KIND_ORDER if apart[kind]
    )
    if row.status is RowStatus.UNCONFIRMED:
        return f"{row.status.value} ({unconfirmed})"
    return f"{row.status.value} ({contradictions}{f'; {unconfirmed}' if unconfirmed else ''})"


def _one_line(found: Disagreement) -> str:
    """Both values and where each came from, and what osai keeps."""
    listing = f"listing: {found.listing}"
    listing += f" ({found.listing_from})" if found.listing_from else ""
    repository = f"repository: {found.repository}"
    repository += f" ({found.repository_from})" if found.repository_from else ""
    kept = f" · osai keeps {found.kept}" if found.kept else ""
    return f"{found.subject_name} — {listing} · {repository}{kept}"


# --- JSON -------------------------------------------------------------------------------------


def render_audit_json(report: AuditReport) -> str:
    return json_document(audit_document(report), indent=2) + "\n"


def audit_document(report: AuditReport) -> dict[str, Any]:
    summary = report.summary
    return {
        "schema": SCHEMA,
        "tool": {"name": "osai", "version": __version__},
        "summary": {
            "database": summary.database,
            "title": summary.title,
            "snapshot": summary.snapshot,
            "licence": summary.licence,
            "attribution": summary.attribution,
            "entries": summary.entries,
            "naming_a_repository": summary.naming,
            "audited": summary.audited,
            "checked": summary.checked,
            "agreeing": summary.agreeing,
            "disagreeing": summary.disagreeing,
            "unconfirmed": summary.unconfirmed,
            # the contradictions alone; what the repository only does not confirm (not shown,
            # stale) apart, as items: "not-shown": {"disagreements": 65} counted claims that
            # contradict nothing as disagreements
            "disagreeing_by_kind": {
                count.kind.value: {"listings": count.listings, "disagreements": count.findings}
                for count in summary.by_kind
                if count.contradicts
            },
            "unconfirmed_by_kind": {
                count.kind.value: {"listings": count.listings, "items": count.findings}
                for count in summary.by_kind
                if not count.contradicts
            },
            "not_reachable": summary.not_reachable,
            "no_such_repository": summary.no_such_repository,
            "from_cache": summary.from_cache,
        },
        "listings": [_row(row) for row in report.rows],
        "errors": [
            {"target": found.target, "message": found.message, "exit_code": found.exit_code}
            for found in report.errors
        ],
    }


def _row(row: AuditRow) -> dict[str, Any]:
    return {
        "listing": row.target.label,
        "name": row.target.entry.name,
        "repository": row.target.repo_id,
        "status": row.status.value,
        "revision": row.revision,
        "moved_to": row.moved_to,
        "cached_on": row.cached_on,
        "of_another_model": row.target.of_another_model,
        "reason": row.reason,
        # as the summary counts them: a claim not shown among the disagreements contradicted
        # the row's "disagrees (2; 7 not shown)"
        "disagreements": [_disagreement(d) for d in row.contradictions],
        "unconfirmed": [_disagreement(d) for d in row.unconfirmed],
    }


def _disagreement(found: Disagreement) -> dict[str, Any]:
    return {
        "kind": found.kind.value,
        "subject": found.subject,
        "subject_name": found.subject_name,
        "listing": {"value": found.listing, "from": found.listing_from},
        "repository": {"value": found.repository, "from": found.repository_from},
        "kept": found.kept,
        "message": found.message,
    }


# --- Markdown ---------------------------------------------------------------------------------


def render_audit_markdown(report: AuditReport) -> str:
    summary = report.summary
    blocks = [
        f"# osai audit {text(summary.database)}: {text(_audit_answer(summary))}",
        f"Against {text(summary.title)}",
        _markdown_summary(summary),
        "## Listings",
        table(
            ("Listing", "Repository", "Outcome", "Findings"),  # not-shown: no disagreement
            [_listing_row(row) for row in report.rows],
        ),
    ]
    # two tables, as the rows count them: the disagreements' held 7 claims only not shown
    contradictions = [_disagreement_row(row, d) for row in report.rows for d in row.contradictions]
    unconfirmed = [_disagreement_row(row, d) for row in report.rows for d in row.unconfirmed]
    for heading, rows in (
        ("## Disagreements", contradictions),
        ("## Unconfirmed (nothing contradicted)", unconfirmed),
    ):
        if rows:
            blocks += [heading, table(DISAGREEMENT_COLUMNS, rows)]
    return "\n\n".join(blocks) + "\n"


def _markdown_summary(summary: AuditSummary) -> str:
    kinds = "; ".join(f"{count.kind.value} {_kind_counted(count)}" for count in summary.by_kind)
    lines = [
        f"- Snapshot: {text(summary.snapshot)}",
        f"- Listings: {summary.entries} in the snapshot, {summary.naming} naming a Hub "
        f"repository, {summary.audited} audited",
        f"- Checked (the repository answered): **{summary.checked}**; agreeing: "
        f"**{summary.agreeing}**; disagreeing: **{summary.disagreeing}**; unconfirmed (nothing "
        f"contradicted): **{summary.unconfirmed}**",
        f"- Findings, by kind: {kinds or 'none'}",
        f"- Not reachable: **{summary.not_reachable}**; naming no repository on the Hub: "
        f"**{summary.no_such_repository}**",
        f"- Licence of the listings: {text(summary.licence or 'not given')}"
        + (f"; attribution: {text(summary.attribution)}" if summary.attribution else ""),
    ]
    return "\n".join(lines)


def _listing_row(row: AuditRow) -> list[str]:
    if row.reason:
        detail = text(row.reason)
    else:
        counts: dict[str, int] = {}
        for found in row.findings:
            counts[found.kind.value] = counts.get(found.kind.value, 0) + 1
        detail = ", ".join(f"{kind} {number}" for kind, number in counts.items()) or "none"
    return [code(row.target.label), _repository_cell(row), row.status.value, detail]


def _repository_cell(row: AuditRow) -> str:
    moved = f" (renamed on the Hub: now {code(row.moved_to)})" if row.moved_to else ""
    another = _another_model(row).strip()  # quoted, it loses its leading space
    offline = _read_offline(row)
    return (
        code(row.target.repo_id)
        + moved
        + (f" {text(another)}" if another else "")
        + (f" ({text(offline)})" if offline else "")
    )


def _disagreement_row(row: AuditRow, found: Disagreement) -> list[str]:
    def said(value: str, where: str) -> str:
        return text(f"{value} ({where})" if where else value)

    return [
        code(row.target.label),
        _repository_cell(row),
        found.kind.value,
        text(found.subject_name),
        said(found.listing, found.listing_from),
        said(found.repository, found.repository_from),
        text(found.kept) if found.kept else "",
    ]
