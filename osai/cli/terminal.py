"""What the command line writes: one `osai: error:` line per problem, and report files."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from osai.errors import OsaiError
from osai.formatters.escaping import terminal

DEFAULT_WIDTH = 100  # a report piped to a file or another program, unless COLUMNS says
MIN_WIDTH, MAX_WIDTH = 40, 400


def fail(exc: OsaiError) -> NoReturn:
    error(str(exc))
    raise SystemExit(exc.exit_code)


def error(message: str) -> None:
    """One `osai: error:` line per problem (a file may have several, one per line)."""
    for line in message.splitlines() or [""]:
        sys.stderr.write(f"osai: error: {terminal(line)}\n")


def color_enabled(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Colour on a terminal, as the conventions say: NO_COLOR (any value) turns it off,
    FORCE_COLOR (any value but 0) on even when piped, TERM=dumb off."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    force = env.get("FORCE_COLOR")
    if force is not None and force not in ("", "0"):
        return True
    if env.get("TERM") == "dumb":
        return False
    return _is_terminal(stream)


def terminal_width(stream: TextIO, environ: Mapping[str, str] | None = None) -> int:
    """The columns a report may use: COLUMNS when set, else the terminal's, else 100."""
    env = os.environ if environ is None else environ
    columns = env.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, min(int(columns), MAX_WIDTH))
    if _is_terminal(stream):
        try:
            return max(MIN_WIDTH, min(os.get_terminal_size(stream.fileno()).columns, MAX_WIDTH))
        except (OSError, ValueError):
            pass
    return DEFAULT_WIDTH


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def emit(stdout: str, files: Sequence[tuple[Path, str]]) -> None:
    """Write the report files, then print the report."""
    for path, text in files:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(OsaiError(f"{path}: cannot write ({exc.strerror})"))
    if stdout:
        sys.stdout.write(stdout)
