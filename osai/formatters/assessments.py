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
        _field("in use", _where(info)),
        _field("source", f"{terminal(source.repository)} (archive {terminal(source.archive_url)})"),
        _field("snapshot", f"commit {terminal(info.commit or 'unknown')} of {_date(info)}"),
        _field("entries", f"{info.entry_count} ({len(info.skipped)} skipped)"),
        _field("licence", terminal(source.licence)),
        _field("attribution", terminal(source.attribution)),
        _field("obtained", terminal(info.obtained)),
    ]
    if status.last_failure:  # the update that did not replace the snapshot above, and why
        # blanks run together as one: the note's controls are blanks once escaped, and a run
        # of two is where a wrapped field hangs its lines (under the blanks, not the values)
        said = " ".join(terminal(status.last_failure).split())
        lines.append(_field("last update", f"failed on {said}"))
    if status.bundled is not None and info.origin != "bundled":
        lines.append(_field("fallback", _where(status.bundled)))
    if status.updated is not None and info.origin != "updated":
        lines.append(
            _field("not used", f"{_where(status.updated)} (the bundled snapshot is newer)")
        )
    lines += [_field("skipped", f"{terminal(s.file)}: {terminal(s.reason)}") for s in info.skipped]
    listed = _skip_warnings(info)
    lines += [_field("warning", terminal(w)) for w in status.warnings if w not in listed]
    return "\n".join(lines) + "\n"


def _field(label: str, value: str) -> str:
    """One field: its label, then its value after two blanks at least, all at one column, so
    that a long value wraps under the values (textlayout.fitted hangs a line at its last run of
    two blanks; "attribution", one blank after the longest label, wrapped at column 6)."""
    return f"  {label:<{_LABEL}}  {value}"


_LABEL = len("attribution")


def _date(info: SnapshotInfo) -> str:
    return terminal(info.date or "unknown date")


def _where(info: SnapshotInfo) -> str:
    if info.origin == "bundled":
        return terminal(f"bundled snapshot {info.short_commit} of {info.date} ({info.path})")
    if info.origin == "updated":
        return terminal(f"updated snapshot {info.short_commit} of {info.date} ({info.path})")
    return "no snapshot (none could be read)"


def _skip_warnings(info: SnapshotInfo) -> frozenset[str]:
    """The warnings the skipped entries raise: listed once, as `skipped`, not again as warnings
    (a set: each warning compared with every skipped entry took 38 s for 20,000 of them)."""
    return frozenset(s.warning(info.database) for s in info.skipped)


def render_update(outcomes: Sequence[UpdateOutcome]) -> str:
    lines: list[str] = []
    for outcome in outcomes:
        lines.append(f"{outcome.database}: {terminal(outcome.message)}")
        lines += [f"  warning: {terminal(warning)}" for warning in outcome.warnings]
    return "\n".join(lines) + "\n"
