"""Start-up and whole-corpus throughput.

    python benchmarks/corpus_benchmark.py [DIR]     (default: tests/fixtures/mot/models)

Prints: `osai --version` wall time (median of 7 runs), the wall time of one `osai check` process
over
every file in DIR (JSON to /dev/null), and in-process figures: rule loading, then files per second
for reading + judging every file under both frameworks (after start-up).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(files: list[Path]) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    start = time.perf_counter()
    from osai.engine import assess
    from osai.rules import load_ruleset
    from osai.sources.manifest import read_manifest

    rules = load_ruleset()
    frameworks = rules.default_frameworks()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    for path in files:
        assess(read_manifest(path, rules), rules, frameworks)
    return loaded, time.perf_counter() - start


def main() -> None:
    folder = ROOT / (sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/mot/models")
    files = sorted(folder.glob("*.yml"))
    osai = [sys.executable, "-m", "osai"]
    print(f"osai --version: {wall([*osai, '--version'], 7) * 1000:.0f} ms (median of 7)")
    whole = wall([*osai, "check", *map(str, files), "--format", "json"], 3)
    print(f"osai check over {len(files)} files, one process: {whole:.2f} s wall (median of 3)")
    loaded, judged = in_process(files)
    print(
        f"in-process: imports + rules {loaded * 1000:.0f} ms; {len(files)} files judged in "
        f"{judged:.2f} s = {len(files) / judged:.0f} files/s after start-up"
    )


if __name__ == "__main__":
    main()
