"""Ctrl-C held while the census stores and counts what it has (a listing page, a full check).

A page is stored in one transaction, then counted (osai.census.run); a Ctrl-C between the two
found the page stored and uncounted, and storing it again counted its models as skipped.  A
second Ctrl-C while the page was finished after the first stopped at once, and lost the page.
Held, a Ctrl-C lets the block end (DuckDB, whose statements Python's handler would interrupt,
goes on too), then stops the census as one would have before it: the page is stored and counted
once, whatever the number of presses.  The waits (the next page, a full check under way) are
not held: a Ctrl-C stops them at once.

A SIGTERM (`docker stop`, Kubernetes, systemd, a CI job cancelled or timed out) is taken as a
Ctrl-C while a census runs: it ended the process at once, leaving the run marked running and
its last page stored but not counted.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Termination:
    """Whether a SIGTERM arrived while terminate_as_interrupt's block ran: the census stops as
    at a Ctrl-C, and exits as a process SIGTERM ended (143, as a shell, Docker or Kubernetes
    reports it), so a cancelled job reads as cancelled, not as someone pressing Ctrl-C."""

    def __init__(self) -> None:
        self.received = False


@contextmanager
def terminate_as_interrupt() -> Iterator[Termination]:
    """SIGTERM handled as SIGINT is while the block runs: held where a Ctrl-C is held, else
    raised as KeyboardInterrupt (also when SIGINT is ignored, as in a job a shell started in
    the background: a SIGTERM still asks the process to stop).  Only in the main thread, where
    Python runs signal handlers."""
    termination = Termination()
    if threading.current_thread() is not threading.main_thread():
        yield termination
        return

    def terminated(_number: int, frame: FrameType | None) -> None:
        termination.received = True
        handler = signal.getsignal(signal.SIGINT)
        if callable(handler):
            handler(signal.SIGINT, frame)
        else:
            raise KeyboardInterrupt

    before = signal.signal(signal.SIGTERM, terminated)
    try:
        yield termination
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if before is None else before)


@contextmanager
def held_interrupts() -> Iterator[None]:
    """SIGINT held while the block runs, then raised as KeyboardInterrupt (after an exception of
    the block's own, none).  Held only where Python raises KeyboardInterrupt for it: in the main
    thread, with Python's own handler installed (a handler someone else installed is theirs, and
    a block inside another held block is held by the outer one)."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    pressed: list[int] = []
    signal.signal(signal.SIGINT, lambda number, _frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if pressed:
        raise KeyboardInterrupt


@contextmanager
def ignored_interrupts() -> Iterator[None]:
    """SIGINT ignored while the block runs: what a run does as it ends (the progress bar closed,
    the run's ending written, the store closed) is left nothing for a Ctrl-C to stop, and a
    press there (again, after the one that stopped the run) escaped it, the ending unwritten and
    the line saying where the run stopped lost.  Python's handler only, in the main thread, as
    held_interrupts; a SIGTERM taken as Ctrl-C (terminate_as_interrupt) is ignored too, and still
    recorded."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    signal.signal(signal.SIGINT, lambda _number, _frame: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
