"""How a framework author's large rule file scales: `osai check` of Llama 2's manifest against a
framework of N requirements, all unmet, at 250, 500 and 999 requirements (with the test
framework's own one, the 1,000 a framework file may have).

Each row: the requirements, the seconds of the whole `osai check` in a new interpreter (start-up
included; the median of --runs), and the ratio to the previous row (2.0 is linear, 4.0
quadratic).  The first row is the baseline the others are measured against: the same check of
the test framework's own few requirements, none generated.  Before fb02ed6 the headline laid
out every count of reasons: 1,000 requirements took 90 s and 2,000 took 103 s to print four
lines.

    python benchmarks/framework_scaling.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_own_frameworks import OPEN_WEIGHT, generated_requirements  # noqa: E402

SIZES = (0, 250, 500, 999)
MANIFEST = ROOT / "examples" / "llama-2-7b.yml"


def check_seconds(framework: Path, runs: int) -> float:
    command = [sys.executable, "-m", "osai", "check", str(MANIFEST)]
    command += ["--add-framework", str(framework), "-f", "owd-test"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"osai check exited {done.returncode}: {done.stderr}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in SIZES:
            framework = Path(scratch) / f"owd-{size}.yaml"
            framework.write_text(OPEN_WEIGHT + generated_requirements(size), encoding="utf-8")
            rows.append((size, check_seconds(framework, args.runs)))
    print(f"{'generated':>10} {'seconds':>8} {'ratio':>6}")
    print(f"{rows[0][0]:>10} {rows[0][1]:>8.2f} {'-':>6}")
    for (_, before), (size, seconds) in pairwise(rows):
        print(f"{size:>10} {seconds:>8.2f} {seconds / before:>6.2f}")
    print(f"{rows[-1][0]:,} against the framework alone: {rows[-1][1] / rows[0][1]:.1f}x")


if __name__ == "__main__":
    main()
