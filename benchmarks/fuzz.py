"""The fuzz suite at scale: thousands of generated inputs per category, counted (issue #14).

The categories and their properties are tests/test_fuzz.py's (tests/fuzz_cases.py): licence
strings, cards, front matter, manifests, Hub answers (fed to osai's parsing, and a share of them
through `osai check` against the fault server, a LICENSE, an adapter's config or a merge's recipe
beside their card), hostile model directories rendered in every format, AI BOMs, and model
directories holding those files, their BOMs read back (model-files), BOMs restating a lineage
past the base (bom-lineage), and a base model's record read back from the answer cache
(base-record).  Each input runs alone,
timed; an input still running after --hang seconds is interrupted (SIGALRM) and counted as a
hang.  Prints, per category: cases; refused (bad input, a malformed
answer, exit 2 or 3: what osai may say); internal errors (any other exception: must be 0);
property violations (an input past its property's time limit, an unescaped output: must be 0);
hangs (must be 0); the slowest case; and the peak memory (VmHWM) of the category's own process
(each category runs in a new interpreter).

    python benchmarks/fuzz.py [--examples 2000] [--hang 10] [--only card manifest ...]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from clirunner import run_osai  # noqa: E402
from faultserver import FaultServer  # noqa: E402
from fuzz_cases import (  # noqa: E402
    CATEGORIES,
    READ,
    REFUSED,
    cards,
    fresh_caches,
    hub_answers,
    hub_model_files,
    route_hub_model,
    warm_up,
)
from hostile_hub import hub_environment  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from osai.errors import OsaiError  # noqa: E402


class Hang(Exception):
    """The input ran past --hang seconds."""


@dataclass
class Tally:
    cases: int = 0
    refused: int = 0  # bad input, a malformed answer: what osai may say
    internal_errors: int = 0
    violations: int = 0
    hangs: int = 0
    slowest: float = 0.0
    slowest_case: str = ""
    peak_kib: int = 0
    failures: list[str] = field(default_factory=list)


def _on_alarm(signum: int, frame: object) -> None:
    raise Hang


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def measured(check: Callable[[Any], str], value: Any, tally: Tally, hang_s: float) -> None:
    tally.cases += 1
    start = time.perf_counter()
    try:
        with alarm(hang_s):
            tally.refused += check(value) == REFUSED
    except Hang:
        tally.hangs += 1
        tally.failures.append(f"hang: {_short(value)}")
    except OsaiError:
        tally.refused += 1
    except AssertionError as violation:
        tally.violations += 1
        tally.failures.append(f"violation: {violation} ← {_short(value)}")
    except Exception as error:  # what the suite exists to find: counted, shown, never raised
        tally.internal_errors += 1
        where = traceback.extract_tb(error.__traceback__)[-1]
        tally.failures.append(
            f"{type(error).__name__}: {error} at {where.filename}:{where.lineno} ← {_short(value)}"
        )
    elapsed = time.perf_counter() - start
    if elapsed > tally.slowest:
        tally.slowest, tally.slowest_case = elapsed, _short(value)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 160 else f"{text[:150]}... ({len(text):,} chars)"


def run_category(
    strategy: st.SearchStrategy[Any], check: Callable[[Any], str], examples: int, hang_s: float
) -> Tally:
    tally = Tally()
    _reset_peak()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # nothing fails (everything is counted): no shrinking
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: Any) -> None:
        measured(check, value, tally, hang_s)

    run()
    tally.peak_kib = _status_kib("VmHWM")
    return tally


# --- Hub answers through the command --------------------------------------------------------------


def command_check(server: FaultServer) -> Callable[[Any], str]:
    environment = {
        key: value
        for key, value in hub_environment(server).items()
        if key.startswith(("HF_", "OSAI_", "GITHUB_"))
    }

    def check(case: tuple[Any, str, dict[str, str]]) -> str:
        route_hub_model(server, *case)
        with fresh_caches(environment) as fresh:
            result = run_osai("check", "org/model", "--deadline", "10", env=fresh)
        assert result.code in {0, 1, 2, 3}, f"exit {result.code}: {result.stderr[-300:]}"
        if "internal error" in result.stderr or "Traceback" in result.stderr:
            raise RuntimeError(result.stderr.strip().splitlines()[-1])
        return REFUSED if result.code in {2, 3} else READ

    return check


# --- memory ---------------------------------------------------------------------------------------


def _status_kib(name: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> None:
    with contextlib.suppress(OSError):  # "5": reset the peak RSS (Linux clear_refs)
        Path("/proc/self/clear_refs").write_text("5")


# --- main -----------------------------------------------------------------------------------------


CATEGORY_NAMES = (*CATEGORIES, "hub-command")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs per parser category")
    parser.add_argument("--hang", type=float, default=10.0, help="seconds before an input hangs")
    parser.add_argument("--only", nargs="*", choices=CATEGORY_NAMES, help="categories to run")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one category, its tally as JSON
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(asdict(_run_one(args.child, args.examples, args.hang))))
        return 0
    print(
        f"{'category':12} {'cases':>6} {'refused':>8} {'internal':>8} {'violate':>7} "
        f"{'hangs':>5} {'slowest s':>9} {'peak MiB':>8}  slowest case"
    )
    totals = Tally()
    started = time.perf_counter()
    for name in args.only or CATEGORY_NAMES:
        tally = _in_own_process(name, args.examples, args.hang)
        print(_row(name, tally), flush=True)
        for failure in tally.failures[:5]:
            print(f"    {failure}")
        totals.cases += tally.cases
        totals.internal_errors += tally.internal_errors
        totals.violations += tally.violations
        totals.hangs += tally.hangs
        totals.peak_kib = max(totals.peak_kib, tally.peak_kib)
    print(
        f"total: {totals.cases:,} cases in {time.perf_counter() - started:.0f} s; internal errors "
        f"{totals.internal_errors}, violations {totals.violations}, hangs {totals.hangs}; "
        f"peak memory of a category's process {totals.peak_kib / 1024:.0f} MiB"
    )
    return 1 if totals.internal_errors or totals.violations or totals.hangs else 0


def _in_own_process(name: str, examples: int, hang_s: float) -> Tally:
    """One category in a new interpreter, so that its peak memory is its own (hypothesis keeps
    what it generated, and a previous category's peak would hide this one's)."""
    command = [sys.executable, __file__, "--child", name, "--examples", str(examples)]
    completed = subprocess.run(
        [*command, "--hang", str(hang_s)], capture_output=True, text=True, check=False
    )
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        crashed = completed.stderr.strip().splitlines()[-1:] or ["no output"]
        return Tally(internal_errors=1, failures=[f"the category's process failed: {crashed[0]}"])
    return Tally(**json.loads(lines[-1]))


def _run_one(name: str, examples: int, hang_s: float) -> Tally:
    signal.signal(signal.SIGALRM, _on_alarm)
    warm_up()
    # huggingface_hub logs what it refuses in an answer ("Invalid model-index"), and sets its
    # level when imported (warm_up imported it): quiet it now, it is not a figure.
    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)
    if name != "hub-command":
        strategy, check = CATEGORIES[name]
        heavy = ("output", "bom", "model-files", "bom-lineage")
        count = examples // 4 if name in heavy else examples
        return run_category(strategy, check, count, hang_s)
    with FaultServer() as server:
        cases = st.tuples(hub_answers(), cards(), hub_model_files)
        return run_category(cases, command_check(server), max(1, examples // 10), hang_s)


def _row(name: str, tally: Tally) -> str:
    return (
        f"{name:12} {tally.cases:>6} {tally.refused:>8} {tally.internal_errors:>8} "
        f"{tally.violations:>7} {tally.hangs:>5} {tally.slowest:>9.3f} "
        f"{tally.peak_kib / 1024:>8.0f}  {tally.slowest_case[:70]}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
