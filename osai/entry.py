"""The `osai` command's entry point: osai.cli.main, with a Ctrl-C during its imports taken as
one anywhere else (one line, exit 130).

The command line imports typer, click, rich and osai's modules before `main` runs (some 0.1 s):
a Ctrl-C in that window reached Python's own handler, which printed a KeyboardInterrupt
traceback.  This module imports nothing before it but the collector's setting (osai.collector),
so the window left is the interpreter's start-up.
"""

from __future__ import annotations

import sys

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
        _exit_at_once(done)
        raise


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
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    os._exit(code)
