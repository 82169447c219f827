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
    cli_main()
