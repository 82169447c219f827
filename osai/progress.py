"""The command line's progress bars, on standard error: `osai check` (done/total and the target
being checked) and `osai census` (done/total, models per second, elapsed and ETA)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

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


class RichCensusProgress:
    """osai.census.run.CensusProgress on a terminal: phase, bar, done/total, rate, ETA (the total
    is unknown for a whole listing the first time; then the bar shows done and the rate)."""

    def __init__(self) -> None:
        self._bar = Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            transient=True,
            console=Console(stderr=True),
        )
        self._task: TaskID | None = None

    def started(self, phase: str, total: int | None) -> None:
        self.finished()
        self._task = self._bar.add_task(phase, total=total)
        self._bar.start()

    def advanced(self, count: int) -> None:
        if self._task is not None:
            self._bar.update(self._task, advance=count)

    def finished(self) -> None:
        if self._task is not None:
            self._bar.stop()
            self._bar.remove_task(self._task)
            self._task = None

    def waiting(self, message: str) -> None:
        # above the bar, which stays (rich's console prints over a live display)
        self._bar.console.print(Text(f"osai: note: {terminal(message)}"))


class _RateColumn(TextColumn):
    """Models per second (rich's own speed column speaks of bytes)."""

    def __init__(self) -> None:
        super().__init__("")

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "", style="progress.data.speed")
