"""What the command line writes: one `osai: error:` line per problem, and report files."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from osai.errors import OsaiError


def fail(exc: OsaiError) -> NoReturn:
    error(str(exc))
    raise SystemExit(exc.exit_code)


def error(message: str) -> None:
    """One `osai: error:` line per problem (a file may have several, one per line)."""
    for line in message.splitlines() or [""]:
        sys.stderr.write(f"osai: error: {line}\n")


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
