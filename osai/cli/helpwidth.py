"""Every --help fitted to the terminal osai's reports fit (COLUMNS, else the terminal's).

click wraps help at the terminal's width less 2, but never under 50 columns and with option
names in a column up to 30 wide: in a 40-column pane every line of `osai check --help` ran past
the edge (to 44), its descriptions squeezed into 10 columns.  Here the width is the terminal's
(at least osai's 40) up to click's 80, and a long option name takes a line of its own so that
its description keeps TEXT_MIN columns; at 60 columns and wider the layout is click's own."""

from __future__ import annotations

import inspect
from collections.abc import Sequence

from typer._click.core import Command, Context
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup

HELP_MAX = 80  # prose wider than this is hard to read: click's own cap
TEXT_MIN = 24  # columns an option's description keeps beside the names' column
NAMES_MIN = 8  # the names' column: "-q" and "FILE" still fit beside their descriptions


class _FittedFormatter(HelpFormatter):
    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        # click keeps 2 columns for the section's indent when it sizes the descriptions
        fitting = self.width - 2 - col_spacing - TEXT_MIN
        super().write_dl(rows, max(NAMES_MIN, min(col_max, fitting)), col_spacing)


class _FittedContext(Context):
    formatter_class = _FittedFormatter


def fit_help(command: Command) -> None:
    """`command` and every command under it lay their help out with _FittedFormatter, and each
    is listed under its group by its whole summary: click cut one it wrote itself to the room
    left on one line ("explain  One requirement: what it checks, its source text, how to
    meet..."), where the list wraps a summary given as short_help."""
    command.context_class = _FittedContext
    if command.short_help is None and command.help:
        summary = inspect.cleandoc(command.help).split("\n\n")[0]
        command.short_help = " ".join(word for word in summary.split() if word != "\b")
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            fit_help(sub)


def help_width(columns: int) -> int:
    """The help's width on a terminal of `columns`: click's margin of 2, at most HELP_MAX."""
    return min(columns, HELP_MAX) - 2
