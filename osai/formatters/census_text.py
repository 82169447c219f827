"""What `osai census` prints when a run ends: what was listed, judged, skipped, and what it cost.

Pure: the run's totals → a few lines of text.
"""

from __future__ import annotations

from pathlib import Path
from shlex import quote

from osai.census.store import RunTotals, known_page_size
from osai.formatters.census_markdown import (
    deep_checked,
    left_out,
    listed_twice,
    listing_requests,
    unreadable_items,
)
from osai.formatters.textlayout import unbroken
from osai.textsafe import counted


def render_census_totals(
    totals: RunTotals, db: Path, run_id: int, status: str, query: str = ""
) -> str:
    """`query`: the options that asked for the listing, as typed ("" for every model)."""
    if status == "complete" and not totals.listed:
        return _nothing_matched(totals, db, run_id, query)
    size = known_page_size(totals.pages, totals.page_size)
    shown = f" (pages of up to {size:,}, the size the Hub gave)" if size else ""
    lines = [
        f"census run {run_id} {status}: {counted(totals.listed, 'model')} listed in "
        f"{counted(totals.pages, 'page')}{shown}, "
        f"{listing_requests(totals.listing_requests)}",
        f"judged {totals.judged:,} (metadata only{_judged_again(totals)}), "
        f"skipped {totals.skipped:,} already judged at the same revision"
        + (f", {totals.outside_shard:,} outside this shard" if totals.outside_shard else "")
        + (f", {unreadable_items(totals.unreadable)}" if totals.unreadable else ""),
    ]
    if totals.listed_twice:
        lines.append(listed_twice(totals.listed_twice))
    if left_out(totals.private, totals.disabled):
        lines.append(left_out(totals.private, totals.disabled))
    if totals.deep or totals.deep_kept:
        lines.append(_deep_line(totals))
        lines.extend(_by_host(totals))
    # quoted as a shell reads it: `--db my census.duckdb`, copied, named two files
    report = unbroken(f"osai census report --db {quote(str(db))} --html report.html")
    lines.append(f"stored in {db} ({report})")
    return "\n".join(lines) + "\n"


def _nothing_matched(totals: RunTotals, db: Path, run_id: int, query: str) -> str:
    """A listing that came back empty: said as such (it read "complete: 0 models listed in 0
    pages", which looks like a census that worked), naming the query that matched nothing."""
    asked = f"the query ({query})" if query else "the listing (every model)"
    return (
        f"census run {run_id} complete: no model matched {asked}; "
        f"{listing_requests(totals.listing_requests)}, no model stored in {db}\n"
    )


def _judged_again(totals: RunTotals) -> str:
    """Of the models judged, those stored before, judged again for what the run asked for and
    they had not been judged under (without it, `-f eosai` on a store said "judged 0"), or by
    this osai, another having judged them (a store filled before osai changed)."""
    if not totals.judged_again:
        return ""
    why = [f"for {', '.join(totals.judged_again_for)}"] if totals.judged_again_for else []
    if totals.judged_by_another:
        why.append("by this osai (another had judged them)")
    return f"; {totals.judged_again:,} of them stored before, judged again {' and '.join(why)}"


def _deep_line(totals: RunTotals) -> str:
    """The full checks made, and the top N's others: checked at the same revision by an earlier
    run, kept (without them, `--deep 5` said "checked in full: 4 models" and not why)."""
    kept = (
        f"; {totals.deep_kept:,} already checked in full at the same revision, kept"
        if totals.deep_kept
        else ""
    )
    if not totals.deep:
        return f"checked in full: 0 models{kept}"
    per_model = totals.deep_requests / totals.deep
    return (
        f"checked in full: {deep_checked(totals.deep, totals.deep_failed)}, "
        f"{counted(totals.deep_requests, 'request')} ({per_model:.1f} per model){kept}"
    )


def _by_host(totals: RunTotals) -> list[str]:
    """One line per host: its requests, per model, and how many got no answer."""
    lines = []
    for sent in totals.deep_hosts:
        name = f"{sent.service} ({sent.host})" if sent.service else sent.host
        unanswered = f", {sent.failed:,} unanswered" if sent.failed else ""
        lines.append(
            f"  {name}: {counted(sent.requests, 'request')} "
            f"({sent.requests / totals.deep:.1f} per model)"
            f"{unanswered}"
        )
    return lines
