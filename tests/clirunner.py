"""Run the real `osai` command: in process (so coverage sees the CLI), or in a subprocess.

`run_osai` calls the real entry point, `osai.cli.main`, inside typer's CliRunner isolation (its
own standard streams and environment), as `osai ARGS...` would run.  `run_osai_process` starts a
new interpreter: for the few things only a fresh process shows (start-up imports, exit codes as
the shell sees them).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
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
    stdout_bytes: bytes = b""  # as written: the text in the stream's encoding, or UTF-8


def run_osai(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, encoding: str = "utf-8"
) -> Result:
    """`encoding`: the standard streams' (a pipe in ASCII, in cp1252); the output read back in
    it (what it cannot decode replaced, where it is not UTF-8), as written in stdout_bytes."""
    from osai.cli import main

    environment: dict[str, str | None] = {"OSAI_DEBUG": None, "COLUMNS": None, **(env or {})}
    argv, directory = sys.argv, os.getcwd()
    # `osai` interrupted ignores Ctrl-C on its way out (osai.cli.terminal.stop_interrupted): a
    # process ends there, this one goes on, with Ctrl-C as it was
    ctrl_c = signal.getsignal(signal.SIGINT)
    with CliRunner(charset=encoding).isolation(env=environment) as (stdout, stderr, _):
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
            if ctrl_c is not None and threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGINT, ctrl_c)
            sys.stdout.flush()  # the isolated streams buffer text until flushed
            sys.stderr.flush()
        written = stdout.getvalue()
        errors = "strict" if encoding == "utf-8" else "replace"  # a JSON document is UTF-8
        said = stderr.getvalue().decode(encoding, errors)
        return Result(code, written.decode(encoding, errors), said, written)


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


# Root reads any directory through two capabilities. Dropping them from the bounding set makes a
# root process obey a directory's mode like any user's, while it still owns (and reads) its own
# files: the interpreter and its packages may sit under /root, mode 700, where an unprivileged
# user such as nobody could not import them (CI installs there).
# (The inheritable set too: some container runtimes fill it, and it would hand them back.)
_WITHOUT_READ_OVERRIDE = (
    "--bounding-set=-dac_override,-dac_read_search",
    "--inh-caps=-dac_override,-dac_read_search",
)
_PROBE = """
import os, sys, tempfile
import osai
locked = tempfile.mkdtemp(dir=sys.argv[1])
os.chmod(locked, 0)
try:
    os.listdir(locked)
except PermissionError:
    sys.exit(0)
finally:
    os.chmod(locked, 0o700)
    os.rmdir(locked)
sys.exit(1)
"""


def run_osai_unprivileged(
    *args: str, cwd: Path, env: dict[str, str] | None = None, probe_in: Path | None = None
) -> Result:
    """`osai ARGS...` in a new process that cannot read a mode-000 directory: as root, root
    without the capabilities that override a directory's mode (the test is skipped where they
    cannot be dropped; that is tried in `probe_in`, default `cwd`, which must be writable)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        place = probe_in or cwd
        prefix = [_setpriv_dropping_read_override(place), *_WITHOUT_READ_OVERRIDE, "--"]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environment.pop("OSAI_DEBUG", None)
    completed = subprocess.run(
        [*prefix, sys.executable, "-m", "osai", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=120,
        check=False,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def _setpriv_dropping_read_override(place: Path) -> str:
    """setpriv, once it is shown to work here: the interpreter so started imports osai and
    cannot list a mode-000 directory (else the test is skipped, saying why)."""
    import pytest

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: root reads every directory")
    probe = subprocess.run(
        [setpriv, *_WITHOUT_READ_OVERRIDE, "--", sys.executable, "-c", _PROBE, str(place)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
        timeout=60,
    )
    if probe.returncode != 0:
        pytest.skip("running as root, and root could not be kept from reading a directory here")
    return setpriv


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
    return set(json.loads(last_said(_MODULES_SCRIPT, args, cwd)))


def last_said(script: str, args: list[str], cwd: Path = ROOT) -> str:
    """The last line a fresh Python process running `script` (given `args` as JSON in argv[1])
    wrote on standard error: what a script measuring an `osai` run reports."""
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    assert done.stderr.strip(), done
    return done.stderr.strip().splitlines()[-1]
