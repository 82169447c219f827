"""Ctrl-C while checks run on threads (`osai census --deep`, `osai check -j`, a card's links).

Seen once in some hundred runs of `timeout -s INT 0.63 osai census --deep 18`: the Ctrl-C landed
in importlib's bookkeeping of a module lock (its _get_module_lock callback, "Exception ignored in
... KeyboardInterrupt"), between the taking of Python's import lock and its release, so the lock
stayed held for good; the four deep checks, each in a lazy `from osai.pipeline import collect`,
waited for it for ever, and so did the census, Ctrl-C after Ctrl-C, until it was killed.

Both halves, made certain here rather than left to timing, each in an `osai` process of its own:

- the import lock held by the main thread from the moment the run starts its first thread, as
  that Ctrl-C left it: a run whose threads import nothing ends as it would have (it hung);
- checks that never end (the Hub holds their requests): a Ctrl-C stops `osai check -j` at once,
  and a second one stops `osai census --deep` at once, exit 130 (each waited for the checks,
  `check -j` for every one queued, then again on the way out).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from census_hub import served_hub
from clirunner import ROOT, Result
from loopback_http import Fault
from loopback_hub import LoopbackHub

MODELS = ("EleutherAI/pythia-70m", "bigscience/bloom", "LLM360/Amber", "allenai/OLMo-7B")
FULL_CHECK = r"^/api/models/[^/]+/[^/]+/revision/"  # a full check's first request
ENDS_WITHIN = 20.0  # seconds: a run that ends does so in a few

# `osai ARGS`, SIGINT handled as on a terminal (a shell's background job would ignore it), and,
# with WEDGE=1, Python's import lock taken by the main thread as it starts the run's first thread
# and never released: what the Ctrl-C in importlib's callback left.
PROGRAM = """
import _imp, os, signal, sys, threading

signal.signal(signal.SIGINT, signal.default_int_handler)
if os.environ.get("WEDGE") == "1":
    start, held = threading.Thread.start, []

    def start_wedged(thread):
        if threading.current_thread() is threading.main_thread() and not held:
            _imp.acquire_lock()
            held.append(True)
        start(thread)

    threading.Thread.start = start_wedged
sys.argv = ["osai", *sys.argv[1:]]
from osai.cli import main

main()
"""


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    """The loopback Hub serving (and listing) the 18 fixture repositories; GitHub and arXiv
    refused (the links a card names are tried, and fail at once)."""
    with served_hub() as running:
        yield running


def started(hub: LoopbackHub, args: list[str], *, wedge: bool = False) -> subprocess.Popen[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "HF_ENDPOINT": hub.endpoint,
                   "WEDGE": "1" if wedge else "0"}  # fmt: skip
    environment.pop("OSAI_DEBUG", None)
    return subprocess.Popen(
        [sys.executable, "-c", PROGRAM, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
    )  # fmt: skip


def ended(command: subprocess.Popen[str], within: float = ENDS_WITHIN) -> Result:
    """How the run ended; a run still going after `within` seconds is killed, and fails."""
    try:
        stdout, stderr = command.communicate(timeout=within)
    except subprocess.TimeoutExpired:
        command.kill()
        stdout, stderr = command.communicate()
        pytest.fail(f"still running after {within} s; it said: {stderr[-2000:]}")
    return Result(command.returncode, stdout, stderr)


def held_until_sent(hang: Fault, count: int) -> None:
    deadline = time.monotonic() + 60
    while hang.hits < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hang.hits >= count, f"{hang.hits} of {count} held requests were sent"


@pytest.mark.parametrize(
    "command",
    [
        ["census", "--deep", "18"],  # the census's deep checks, and each one's links
        ["check", "-j", "4", *MODELS],  # checks at once, and each one's links
        ["check", MODELS[0]],  # one check's links
        ["audit", "mot", "-j", "4", "--limit", "4"],  # the listings' repositories, read at once
    ],
    ids=["census-deep", "check-jobs", "check-links", "audit"],
)
def test_a_run_on_threads_imports_nothing_there(
    hub: LoopbackHub, tmp_path: Path, command: list[str]
) -> None:
    args = [*command, "--db", str(tmp_path / "c.duckdb")] if command[0] == "census" else command
    result = ended(started(hub, args, wedge=True))
    assert result.code in (0, 1), result.stderr  # 1: a check's verdicts (not a failure to run)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="no SIGINT here")
def test_ctrl_c_stops_check_jobs_at_once(hub: LoopbackHub) -> None:
    """Pressed while two checks wait for the Hub and two are queued: it went on with those
    queued, after those under way ended (a read's --timeout)."""
    hang = hub.inject_hang(r"^/api/models/[^/]+/[^/]+(/revision/[^/]+)?$")
    command = started(hub, ["check", "-j", "2", "--timeout", "30", *MODELS])
    try:
        held_until_sent(hang, 2)
        command.send_signal(signal.SIGINT)
        result = ended(command, within=10)
    finally:
        hang.release()
    assert (result.code, result.stdout, result.stderr) == (130, "", "osai: interrupted\n")


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="no SIGINT here")
@pytest.mark.parametrize("gap", [0.0005, 0.001, 0.003, 0.05])
def test_a_ctrl_c_pressed_twice_says_so_once(hub: LoopbackHub, gap: float) -> None:
    """Ctrl-C pressed twice in quick succession, as people press it: the second, landing
    while Python closed connections and locks at exit, printed a traceback per exit handler
    ("Exception ignored in atexit callback ... KeyboardInterrupt") after the one line, or
    killed the process (exit -2)."""
    hang = hub.inject_hang(r"^/api/models/[^/]+/[^/]+(/revision/[^/]+)?$")
    command = started(hub, ["check", "-j", "2", "--timeout", "30", *MODELS[:2]])
    try:
        held_until_sent(hang, 2)
        command.send_signal(signal.SIGINT)
        time.sleep(gap)
        command.send_signal(signal.SIGINT)
        result = ended(command, within=10)
    finally:
        hang.release()
    assert (result.code, result.stdout, result.stderr) == (130, "", "osai: interrupted\n")


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="no SIGINT here")
def test_a_second_ctrl_c_stops_the_census_deep_checks_at_once(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The first Ctrl-C waits for the checks under way (to store them); these never end, and
    a second one stops the wait, exit 130: the census waited on, for the pool's threads as the
    block ended, then again as Python exited."""
    hang = hub.inject_hang(FULL_CHECK)
    db = tmp_path / "c.duckdb"
    args = ["census", "--db", str(db), "--deep", "18", "--timeout", "60", "--deadline", "60"]
    command = started(hub, args)
    try:
        held_until_sent(hang, 4)  # the four checks -j 4 runs at once
        command.send_signal(signal.SIGINT)
        time.sleep(1)  # the first is seen before the second is sent
        command.send_signal(signal.SIGINT)
        result = ended(command, within=10)
    finally:
        hang.release()
    assert (result.code, result.stdout) == (130, ""), result.stderr
    assert result.stderr == (
        "osai: interrupted in the full checks (--deep), 0 of 18 made: the listing and the "
        f"checks made are stored in {db}; the same command resumes\n"
    )


# --- osai.workers, the threads these runs use ----------------------------------------------------


def test_workers_run_every_task_when_the_block_ends_normally() -> None:
    from osai.workers import Workers, finished

    with Workers(2) as pool:
        futures = [pool.submit(pow, n, 2) for n in range(6)]
    assert [finished(future) for future in futures] == [0, 1, 4, 9, 16, 25]
    failed = Workers(1).submit(int, "x")
    with pytest.raises(ValueError):
        finished(failed)  # a task's exception is the waiter's


def test_a_ctrl_c_leaving_the_block_cancels_what_has_not_begun_and_waits_for_nothing() -> None:
    import threading

    from osai.workers import Workers

    started, stuck = threading.Event(), threading.Event()  # stuck: never set

    def never_ends() -> None:
        started.set()
        stuck.wait()

    begun = time.monotonic()
    with pytest.raises(KeyboardInterrupt), Workers(1) as pool:
        running = pool.submit(never_ends)
        queued = pool.submit(pow, 2, 2)
        assert started.wait(5)
        raise KeyboardInterrupt
    assert time.monotonic() - begun < 5
    assert queued.cancelled() and not running.done()


# A Ctrl-C while `osai`'s command line is still being imported: raised here when osai.cli's
# import begins, where the real one lands at any point of those 0.1 s.
INTERRUPTED_IMPORT = """
import sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "osai.cli":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlC())
from importlib.metadata import entry_points

(command,) = [e for e in entry_points(group="console_scripts") if e.name == "osai"]
command.load()()
"""


def test_a_ctrl_c_while_the_command_line_is_imported_is_one_line() -> None:
    """Pressed in the first tenth of a second, while typer, rich and osai's modules were being
    imported, a Ctrl-C printed Python's KeyboardInterrupt traceback: the installed `osai`
    command takes it as it does any other (one line, exit 130)."""
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_IMPORT, "--version"],
        capture_output=True,
        text=True,
        timeout=ENDS_WITHIN,
        cwd=ROOT,
        check=False,
    )
    assert (result.returncode, result.stderr) == (130, "osai: interrupted\n")
