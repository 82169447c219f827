"""A check keeps what it builds until its report is written: the garbage collector is not run
every few hundred allocations over results that are all still in use (osai.collector)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from clirunner import EXAMPLES, last_said

# Counts the collections of a fresh process while `osai ARGS...` runs (imports left out).
_COUNTING_SCRIPT = """
import gc, json, sys
from osai.cli import main
collections = 0
def count(phase, info):
    global collections
    collections += phase == "start"
gc.callbacks.append(count)
sys.argv = ["osai", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print(collections, file=sys.stderr)
"""


def _collections_during(args: list[str]) -> int:
    return int(last_said(_COUNTING_SCRIPT, args))


def test_a_check_of_manifests_collects_no_garbage_along_the_way() -> None:
    manifests = sorted(str(path) for path in EXAMPLES.glob("*.yml"))
    assert _collections_during(["check", *manifests, "--format", "json"]) == 0


# `python -m osai` as the `osai` script runs it, counting the collector's runs over the youngest
# generation: the imports alone made some 40 of them (15 ms of every start).
_COLLECTIONS_SCRIPT = """
import atexit, gc, json, os, runpy, sys
runs = []
gc.callbacks.append(lambda phase, info: runs.append(phase) if phase == "start" else None)
atexit.register(lambda: os.write(2, f"{len(runs)}\\n".encode()))  # the process ends at once
sys.argv = ["osai", *json.loads(sys.argv[1])]
runpy.run_module("osai", run_name="__main__", alter_sys=True)
"""


def test_the_start_up_is_not_collected_over_and_over() -> None:
    """The imports keep what they build (modules, classes, functions): the collector is told
    so before them, as for the run (osai.collector), not after."""
    manifests = sorted(str(path) for path in EXAMPLES.glob("*.yml"))
    assert int(last_said(_COLLECTIONS_SCRIPT, ["check", *manifests, "--format", "json"])) <= 2


# osai.entry.main called as the `osai` script calls it, saying when its exit handlers ran and
# whether the collector ran after them (the interpreter's finalization: its last passes over
# every module), and writing after them what a handler may write (no newline, to a pipe).
_FINAL_SCRIPT = """
import atexit, gc, json, os, sys
ended = []
def handlers_ran():
    ended.append(True)
    os.write(2, b"exit handlers ran\\n")
def after_them(phase, info):
    if ended and phase == "start":
        os.write(2, b"collected at finalization\\n")
atexit.register(handlers_ran)
atexit.register(lambda: sys.stdout.write("\\nwritten at exit"))  # runs before handlers_ran
gc.callbacks.append(after_them)
sys.argv = ["osai", *json.loads(sys.argv[1])]
from osai.entry import main
main()
"""


def test_a_check_ends_without_the_interpreters_finalization() -> None:
    """Some 40-50 ms of every run went to tearing down what an ending process need not free
    (osai.entry): the report is whole, the exit code the gate's, the exit handlers run."""
    manifests = sorted(str(path) for path in EXAMPLES.glob("*.yml"))
    args = ["check", *manifests, "--format", "json", "--require", "osaid"]
    done = subprocess.run(
        [sys.executable, "-c", _FINAL_SCRIPT, json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"},
    )
    assert done.returncode == 1  # a model here is not open source AI: the gate fails
    report, _, at_exit = done.stdout.rpartition("\n")
    assert len(json.loads(report)["targets"]) == len(manifests)
    assert at_exit == "written at exit"  # flushed after the exit handlers, as Python does
    assert "exit handlers ran" in done.stderr
    assert "collected at finalization" not in done.stderr


def test_osai_run_under_a_profiler_leaves_the_profile(tmp_path: Path) -> None:
    """`python -m cProfile -o FILE -m osai check ...` wrote no FILE, and `coverage run -m osai`
    no coverage data: osai ended the process before the program running it could write them.
    Ended at once only where the process began with it (the `osai` script, `python -m osai`)."""
    profile = tmp_path / "check.prof"
    manifest = str(sorted(EXAMPLES.glob("*.yml"))[0])
    command = ["-m", "cProfile", "-o", str(profile), "-m", "osai", "check", manifest, "-q"]
    done = subprocess.run([sys.executable, *command], capture_output=True, timeout=120, check=False)
    assert done.returncode in (0, 1), done
    assert profile.stat().st_size > 0
