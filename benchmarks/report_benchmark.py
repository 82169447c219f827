"""The terminal report and the JSON report on the MOT corpus, side by side, as ratios.

    python benchmarks/report_benchmark.py [--rounds N] [--corpus DIR]

(default: 5 rounds over /work/shared/corpus/mot, falling back to tests/fixtures/mot)

Every figure is a whole process (start-up included), timed in turn in one run, round after round
(A B A B ...), so that whatever else the machine does falls on both sides alike; the medians are
compared.  Two ratios (the issue's bars in brackets):

- text / JSON: `osai check MODELS...` (the summary a person reads) against `--format json`, both
  judging every manifest under both default frameworks (≤ 1.5);
- JSON / the plain MOT classifier (../shared/bench/mot_classify.py: one framework, a TSV) (≤ 0.5).

Also printed: the text report with -v (every target's detail), for reference.
"""

from __future__ import annotations

import argparse
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


def wall(command: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def alternate(contenders: Sequence[Contender], rounds: int) -> dict[str, list[float]]:
    """Each contender once per round, in turn; one warm-up round first (file caches)."""
    for contender in contenders:
        wall(contender.command)
    times: dict[str, list[float]] = {c.name: [] for c in contenders}
    for _ in range(rounds):
        for contender in contenders:
            times[contender.name].append(wall(contender.command))
    return times


def report(times: dict[str, list[float]], pairs: Sequence[tuple[str, str, float]]) -> None:
    for name, values in times.items():
        spread = f"{min(values):.2f} to {max(values):.2f}"
        print(f"  {name:<34} median {statistics.median(values):.2f} s  ({spread} s)")
    for first, second, bar in pairs:
        ratio = statistics.median(times[first]) / statistics.median(times[second])
        verdict = "within" if ratio <= bar else "ABOVE"
        print(f"  {first} / {second}: {ratio:.2f}x ({verdict} the bar of {bar}x)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    corpus = args.corpus or (SHARED_CORPUS if SHARED_CORPUS.is_dir() else FIXTURE_CORPUS)
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
            contenders.append(Contender("MOT classifier (plain Python)", mot))
        times = alternate(contenders, args.rounds)
    pairs = [("osai text (summary)", "osai json", 1.5)]
    if "MOT classifier (plain Python)" in times:
        pairs.append(("osai json", "MOT classifier (plain Python)", 0.5))
    report(times, pairs)


if __name__ == "__main__":
    main()
