"""Options several commands take, declared once: how long a network read may take; lists of ids
given comma-separated."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

AddFramework = Annotated[
    list[Path] | None,
    typer.Option(
        "--add-framework", metavar="FILE", help="An extra framework rule file (repeatable)."
    ),
]

Timeout = Annotated[
    float,
    typer.Option("--timeout", min=0.1, metavar="SECONDS", help="Seconds per network read."),
]


def deadline_option(help_text: str, *, least: float = 1.0) -> Any:
    """`--deadline SECONDS`: what it bounds is each command's own (a check, a page, a download)."""
    return typer.Option("--deadline", min=least, metavar="SECONDS", help=help_text)


def comma_separated(values: Iterable[str] | None) -> tuple[str, ...]:
    """Every id of a repeatable option, each value also split at commas (`-f osaid,mof` is
    `-f osaid -f mof`, as ruff's `--select A,B`); a blank between ids is dropped, as is an empty
    item (`osaid,`).  A value with no id in it at all stays as typed, for the command to refuse
    it with its own message."""
    found: list[str] = []
    for value in values or ():
        items = [item.strip() for item in value.split(",") if item.strip()]
        found.extend(items or [value])
    return tuple(found)


__all__ = ["AddFramework", "Timeout", "comma_separated", "deadline_option"]
