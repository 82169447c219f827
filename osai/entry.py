"""The `osai` command's entry point: osai.cli.main, with a Ctrl-C during its imports taken as
one anywhere else (one line, exit 130).

The command line imports typer, click, rich and osai's modules before `main` runs (some 0.1 s):
a Ctrl-C in that window reached Python's own handler, which printed a KeyboardInterrupt
traceback.  This module imports nothing before it but the collector's setting (osai.collector),
so the window left is the interpreter's start-up.
"""

from __future__ import annotations

import sys
from types import FrameType

from osai.collector import collect_seldom


def main() -> None:
    collect_seldom()
    try:
        from osai.cli import main as cli_main
    except KeyboardInterrupt:
        from osai.errors import ExitCode

        sys.stderr.write("osai: interrupted\n")  # as osai.cli.terminal.stop_interrupted says it
        raise SystemExit(ExitCode.INTERRUPTED) from None
    try:
        cli_main()
    except SystemExit as done:
        if _where_the_process_began(sys._getframe(1)):
            _exit_at_once(done)
        raise


def _where_the_process_began(caller: FrameType) -> bool:
    """Whether `main` was called by the `osai` script or by `python -m osai` (runpy's frames
    only below it): nothing after it has work left.  Run under another program (`python -m
    cProfile -o FILE -m osai`, `coverage run -m osai`, a debugger), osai ended the process
    before that program wrote its profile or coverage data."""
    below = caller.f_back
    while below is not None and below.f_globals.get("__name__") == "runpy":
        below = below.f_back
    return below is None


def _exit_at_once(done: SystemExit) -> None:
    """End the process with `done`'s exit code now, its streams flushed and its exit handlers
    run, without the interpreter's finalization: tearing down every module and the collector's
    last passes took some 40-50 ms of every run (a fifth of a check of one manifest), and free
    nothing a process that ends needs freed (as mypy ends).  Returns, and the usual exit follows,
    where anything might still need it: a thread still running (the usual exit waits for it), a
    DuckDB database open (it is checkpointed as it closes), a stream that cannot be flushed (the
    usual exit reports it), an exit code that is no number."""
    import atexit
    import os
    import threading

    code = done.code
    if not isinstance(code, int) or threading.active_count() > 1 or "duckdb" in sys.modules:
        return
    atexit._run_exitfuncs()  # run once: the usual exit, if it follows, finds none left
    if _flushed():  # after the handlers, as the usual exit flushes: what they wrote is kept
        os._exit(code)


def _flushed() -> bool:
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True
