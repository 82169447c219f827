"""`osai db status` and `osai db update` as plain text: pure functions, the CLI prints them.

A skipped file's name and reason come from the downloaded archive: shown through
osai.formatters.escaping.terminal, so no control character in them reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from osai.assessments.model import SnapshotInfo
from osai.assessments.update import DatabaseStatus, UpdateOutcome
from osai.formatters.escaping import terminal
from osai.formatters.textlayout import cell_width

# The most of a failure note `db status` shows: a reason is a line or two, and the note file (in
# the user's directory, where anything may be written) holds up to 2,000 characters
MAX_NOTE_SHOWN = 400


def render_status(statuses: Sequence[DatabaseStatus], width: int = 100) -> str:
    """Each database's block, for a terminal `width` columns wide (a failure note is cut to fit
    it; the other fields are wrapped by osai.formatters.textlayout.fitted)."""
    blocks = [_status_block(status, width) for status in statuses]
    return "\n".join(blocks)


def _status_block(status: DatabaseStatus, width: int) -> str:
    info = status.in_use
    source = info.source
    # Every field is the snapshot file's word (an updated one lives in the user's data directory,
    # where it may be damaged): escaped, as the reports escape the same text.
    lines = [
        f"{status.database}: {terminal(source.title)}",
        _field("in use", _where(info)),
        _field("source", terminal(source.repository)),
        _unbroken_field("archive", terminal(source.archive_url), width),
        _field("snapshot", f"commit {terminal(info.commit or 'unknown')} of {_date(info)}"),
        _field("entries", f"{info.entry_count} ({len(info.skipped)} skipped)"),
        _field("licence", terminal(source.licence)),
        _field("attribution", terminal(source.attribution)),
        _field("obtained", terminal(info.obtained)),
    ]
    if status.last_failure:  # the update that did not replace the snapshot above, and why
        # blanks run together as one: the note's controls are blanks once escaped, and a run
        # of two is where a wrapped field hangs its lines (under the blanks, not the values)
        note = " ".join(terminal(status.last_failure).split())
        said = _note_shown(note, width)
        if said != note:  # where the whole of it is
            said += f" (in full: {terminal(status.failure_note)})"
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


def _note_shown(note: str, width: int) -> str:
    """The failure note cut to fit: at most MAX_NOTE_SHOWN characters, each word at most the
    terminal's width (the note is written by osai, but sits where anything may be written over
    it: 2,000 characters with no blank printed as one line 25 times the terminal's width)."""
    words: list[str] = []
    length = 0
    for word in note.split(" "):
        if cell_width(word) > min(width, MAX_NOTE_SHOWN):
            word = _cut_to(word, min(width, MAX_NOTE_SHOWN) - 1) + "…"
        if length + len(word) > MAX_NOTE_SHOWN:
            return " ".join(words) + " …"
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


def _cut_to(word: str, cells: int) -> str:
    """The start of `word` that takes at most `cells` columns."""
    kept, used = [], 0
    for char in word:
        used += cell_width(char)
        if used > cells:
            break
        kept.append(char)
    return "".join(kept)


def _unbroken_field(label: str, word: str, width: int) -> str:
    """A field whose value is one word that must not be broken (a URL to copy): beside its
    label when it fits there, else alone on the next line, from the first column.  Said as
    "source … (archive URL)", the codeload URL (84 characters for the EOSAI's) ran past an
    80-column terminal beside its label, or with its closing parenthesis.  Alone, and still
    wider than the terminal (the EOSAI's, 84 characters, at 80 columns), it is said without
    its `https://`, whole, which a browser or `curl -L` takes as it is; past the edge only if
    even that is wider."""
    line = _field(label, word)
    if cell_width(line) <= width:
        return line
    bare = word.removeprefix("https://")
    return f"  {label}\n{word if cell_width(word) <= width else bare}"


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
