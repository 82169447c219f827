"""The terminal report and the JSON report on the MOT corpus, side by side, as ratios.

    python benchmarks/report_benchmark.py [--rounds N] [--corpus DIR]

(default: 5 rounds over /work/shared/corpus/mot, falling back to tests/fixtures/mot)

Every figure is a whole process (start-up included), timed in turn in one run, round after round
(A B A B ...), so that whatever else the machine does falls on both sides alike; the medians are
compared.  Each process's CPU time (user + system, from the kernel's accounting of the child) is
printed beside its wall time: on a busy machine it moves less than the wall clock, which also
counts the time the process waited for a core.  Two ratios (the issue's bars in brackets), of
wall times and of CPU times:

- text / JSON: `osai check MODELS...` (the summary a person reads) against `--format json`, both
  judging every manifest under both default frameworks (≤ 1.5);
- JSON / the plain MOT classifier (../shared/bench/mot_classify.py: one framework, a TSV) (≤ 0.5).

Also printed: the text report with -v (every target's detail), for reference.

osai's modules are compiled to bytecode first, as an installed osai has them (pip compiles them
on install): a checkout run with PYTHONDONTWRITEBYTECODE set (as in some containers) otherwise
compiles every module it imports again in every process, some 0.1 s of CPU no user pays.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = Path("/work/shared/corpus/mot")
SHARED_BENCH = Path("/work/shared/bench/mot_classify.py")
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "mot"


@dataclass(frozen=True)
class Contender:
    name: str
    command: tuple[str, ...]
    ok: tuple[int, ...] = (0, 1)  # exit codes of a run that did its work (osai: 1 = policy unmet)


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # user + system of the child process
    failed: bool  # a process that fails is timed, but its figure means nothing


def timed(contender: Contender) -> Timing:
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(
        contender.command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    elapsed = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return Timing(elapsed, cpu, done.returncode not in contender.ok)


def alternate(contenders: Sequence[Contender], rounds: int) -> dict[str, list[Timing]]:
    """Each contender once per round, in turn; one warm-up round first (file caches)."""
    for contender in contenders:
        timed(contender)
    times: dict[str, list[Timing]] = {c.name: [] for c in contenders}
    for _ in range(rounds):
        for contender in contenders:
            times[contender.name].append(timed(contender))
    return times


def report(times: dict[str, list[Timing]], pairs: Sequence[tuple[str, str, float]]) -> None:
    for name, values in times.items():
        walls = [t.wall for t in values]
        spread = f"{min(walls):.2f} to {max(walls):.2f}"
        cpu = statistics.median(t.cpu for t in values)
        failed = "  FAILED (see its exit code)" if any(t.failed for t in values) else ""
        print(
            f"  {name:<34} median {statistics.median(walls):.2f} s  ({spread} s)"
            f"  cpu {cpu:.2f} s{failed}"
        )
    for first, second, bar in pairs:
        ratio = _median(times[first], "wall") / _median(times[second], "wall")
        cpu_ratio = _median(times[first], "cpu") / _median(times[second], "cpu")
        verdict = "within" if ratio <= bar else "ABOVE"
        print(
            f"  {first} / {second}: {ratio:.2f}x ({verdict} the bar of {bar}x); "
            f"cpu {cpu_ratio:.2f}x"
        )


def _median(values: Sequence[Timing], which: str) -> float:
    return statistics.median(getattr(t, which) for t in values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    corpus = args.corpus or (SHARED_CORPUS if SHARED_CORPUS.is_dir() else FIXTURE_CORPUS)
    compileall.compile_dir(ROOT / "osai", quiet=1)  # see the docstring
    models = sorted(str(p) for p in (corpus / "models").glob("*.yml"))
    osai = (sys.executable, "-m", "osai", "check", *models)
    env_note = f"{len(models)} manifests from {corpus}, {args.rounds} rounds"
    print(f"osai reports on the MOT corpus: {env_note}")
    contenders = [
        Contender("osai text (summary)", osai),
        Contender("osai json", (*osai, "--format", "json")),
        Contender("osai text -v (every target)", (*osai, "-v")),
    ]
    with tempfile.TemporaryDirectory() as scratch:
        if SHARED_BENCH.is_file():
            tsv = str(Path(scratch) / "mot.tsv")
            mot = (sys.executable, str(SHARED_BENCH), str(corpus), str(corpus / "models"), tsv)
            contenders.append(Contender("MOT classifier (plain Python)", mot, ok=(0,)))
        times = alternate(contenders, args.rounds)
    pairs = [("osai text (summary)", "osai json", 1.5)]
    if "MOT classifier (plain Python)" in times:
        pairs.append(("osai json", "MOT classifier (plain Python)", 0.5))
    report(times, pairs)


if __name__ == "__main__":
    main()
