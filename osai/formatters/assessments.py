"""`osai db status` and `osai db update` as plain text: pure functions, the CLI prints them.

A skipped file's name and reason come from the downloaded archive: shown through
osai.formatters.escaping.terminal, so no control character in them reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from osai.assessments.model import SnapshotInfo
from osai.assessments.update import DatabaseStatus, UpdateOutcome
from osai.formatters.escaping import terminal


def render_status(statuses: Sequence[DatabaseStatus]) -> str:
    blocks = [_status_block(status) for status in statuses]
    return "\n".join(blocks)


def _status_block(status: DatabaseStatus) -> str:
    info = status.in_use
    source = info.source
    # Every field is the snapshot file's word (an updated one lives in the user's data directory,
    # where it may be damaged): escaped, as the reports escape the same text.
    lines = [
        f"{status.database}: {terminal(source.title)}",
        f"  in use      {_where(info)}",
        f"  source      {terminal(source.repository)} (archive {terminal(source.archive_url)})",
        f"  snapshot    commit {terminal(info.commit or 'unknown')} of "
        f"{terminal(info.date or 'unknown date')}",
        f"  entries     {info.entry_count} ({len(info.skipped)} skipped)",
        f"  licence     {terminal(source.licence)}",
        f"  attribution {terminal(source.attribution)}",
        f"  obtained    {terminal(info.obtained)}",
    ]
    if status.bundled is not None and info.origin != "bundled":
        lines.append(f"  fallback    {_where(status.bundled)}")
    if status.updated is not None and info.origin != "updated":
        lines.append(f"  not used    {_where(status.updated)} (the bundled snapshot is newer)")
    lines += [f"  skipped     {terminal(s.file)}: {terminal(s.reason)}" for s in info.skipped]
    lines += [
        f"  warning     {terminal(warning)}"
        for warning in status.warnings
        if not _is_skip(warning, info)
    ]
    return "\n".join(lines) + "\n"


def _where(info: SnapshotInfo) -> str:
    if info.origin == "bundled":
        return terminal(f"bundled snapshot {info.short_commit} of {info.date} ({info.path})")
    if info.origin == "updated":
        return terminal(f"updated snapshot {info.short_commit} of {info.date} ({info.path})")
    return "no snapshot (none could be read)"


def _is_skip(warning: str, info: SnapshotInfo) -> bool:
    """Skipped entries are listed once, as `skipped`, not again as warnings."""
    return any(warning == s.warning(info.database) for s in info.skipped)


def render_update(outcomes: Sequence[UpdateOutcome]) -> str:
    lines: list[str] = []
    for outcome in outcomes:
        lines.append(f"{outcome.database}: {terminal(outcome.message)}")
        lines += [f"  warning: {terminal(warning)}" for warning in outcome.warnings]
    return "\n".join(lines) + "\n"
