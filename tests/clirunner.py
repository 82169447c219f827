"""Run the real `osai` command: in process (so coverage sees the CLI), or in a subprocess.

`run_osai` calls the real entry point, `osai.cli.main`, inside typer's CliRunner isolation (its
own standard streams and environment), as `osai ARGS...` would run.  `run_osai_process` starts a
new interpreter: for the few things only a fresh process shows (start-up imports, exit codes as
the shell sees them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str


def run_osai(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    from osai.cli import main

    environment: dict[str, str | None] = {"OSAI_DEBUG": None, "COLUMNS": None, **(env or {})}
    argv, directory = sys.argv, os.getcwd()
    with CliRunner().isolation(env=environment) as (stdout, stderr, _):
        sys.argv = ["osai", *args]
        try:
            if cwd is not None:
                os.chdir(cwd)
            main()
            code = 0
        except SystemExit as exit_:
            code = _exit_code(exit_.code)
        finally:
            sys.argv = argv
            os.chdir(directory)
            sys.stdout.flush()  # the isolated streams buffer text until flushed
            sys.stderr.flush()
        return Result(code, stdout.getvalue().decode(), stderr.getvalue().decode())


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def run_osai_process(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Result:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environment.pop("OSAI_DEBUG", None)
    completed = subprocess.run(
        [sys.executable, "-m", "osai", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=environment,
        timeout=120,
        check=False,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


_MODULES_SCRIPT = """
import json, sys
from osai.cli import main
sys.argv = ["osai", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_loaded_by(args: list[str], cwd: Path = ROOT) -> set[str]:
    """Every module a fresh `osai ARGS...` process had imported when it finished."""
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_SCRIPT, json.dumps(args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert done.stderr.strip(), done
    return set(json.loads(done.stderr.strip().splitlines()[-1]))
