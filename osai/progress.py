"""The command line's progress bar: done/total and the target being checked, on standard error."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from osai.formatters.escaping import terminal


class RichProgress:
    """osai.run.Progress, drawn by rich on a terminal (transient: it leaves no trace)."""

    def __init__(self) -> None:
        self._bar = Progress(
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("[progress.description]{task.description}"),
            transient=True,
            console=Console(stderr=True),
        )
        self._task = self._bar.add_task("checking", total=0)

    def started(self, total: int) -> None:
        self._bar.update(self._task, total=total)
        self._bar.start()

    def checking(self, target: str) -> None:
        """The target being checked (with several at once, the last one started)."""
        self._bar.update(self._task, description=_short(target))

    def checked(self, target: str) -> None:
        self._bar.update(self._task, advance=1)

    def finished(self) -> None:
        self._bar.stop()


def _short(target: str) -> str:
    """The target on one line, escaped (rich reads markup in a description: brackets too)."""
    printable = terminal(target).replace("[", "\\[")
    return printable if len(printable) <= 40 else "…" + printable[-39:]
