"""The census at 100,000 models: CPU per model on the metadata path, and memory through the store.

    python benchmarks/census_benchmark.py [--models 100000] [--phase all|cpu|store]
                                          [--frameworks default|all]

The population is the tests' synthetic one (tests/census_population.py: the fixtures' shapes, the
reference licence mix), grown to --models.  Each phase runs in its own process, so that one's
memory is not the other's:

- cpu: the listing items in memory; first the baseline, the plain loop that only parses each item
  into a ``ModelInfo`` (what ``list_models`` itself does for every model), then the census's
  metadata path on the same items (``ModelInfo`` + ``CensusJudge.metadata``: snapshot, release,
  the frameworks a census judges by default, or with ``--frameworks all`` every bundled one (the
  EU AI Act exemption and the graded EOSAI index too), licence and claims).  CPU time
  (``time.process_time``), best of --repeat runs for the baseline; models per second for both,
  side by side, and the ratio.
- store: a loopback Hub in a third process serves the population (pages of 1,000); `run_census`
  lists, judges and stores all of it in a DuckDB file in this process, whose resident memory
  (VmRSS) is read every 10,000 models.  Prints the RSS curve, the peak, the wall time and the
  database's size per model.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --- cpu ------------------------------------------------------------------------------------------


def cpu_phase(models: int, repeat: int, frameworks: str) -> dict[str, Any]:
    from census_population import build_population
    from huggingface_hub.hf_api import ModelInfo

    from osai.census.judge import CensusJudge
    from osai.census.rules import load_census_rules
    from osai.rules import load_ruleset

    items = [dict(item, siblings=None) for item in build_population(models).items]
    rules = load_ruleset()
    judge = CensusJudge(
        rules,
        tuple(rules.frameworks.values()) if frameworks == "all" else rules.default_frameworks(),
        {},
        load_census_rules(rules),
        "https://huggingface.co",
    )
    for item in items[:500]:  # warm: rules compiled, licence strings parsed once
        judge.metadata(ModelInfo(**item))
    baseline = min(_timed(lambda: [ModelInfo(**item) for item in items]) for _ in range(repeat))
    census = _timed(lambda: [judge.metadata(ModelInfo(**item)) for item in items])
    return {
        "models": len(items),
        "frameworks": [f.id for f in judge.frameworks],
        "baseline_s": baseline,
        "census_s": census,
        "peak_rss_mib": peak_rss_mib(),
    }


def _timed(work: Any) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


# --- store ----------------------------------------------------------------------------------------


def serve_phase(models: int) -> None:
    """Serve the population until stdin closes (run as a child of the store phase)."""
    from census_population import build_population
    from loopback_hub import LoopbackHub

    population = build_population(models)
    with LoopbackHub(fixtures_dir=None, datasets_dir=None) as hub:
        for repo in population.repos:
            hub.add_repo(repo)
        hub.add_listing(population.listed)
        print(hub.endpoint, flush=True)
        sys.stdin.read()


class RssProbe:
    """A CensusProgress that reads the process's resident memory every 10,000 models."""

    def __init__(self) -> None:
        self.done = 0
        self.samples: list[tuple[int, float]] = []

    def started(self, phase: str, total: int | None) -> None:
        if phase == "listing":  # the store open, the rules loaded: the baseline
            self.samples.append((0, rss_mib()))

    def advanced(self, count: int) -> None:
        before, self.done = self.done, self.done + count
        if before // 10_000 != self.done // 10_000:
            self.samples.append((self.done, rss_mib()))

    def finished(self) -> None:
        pass


def store_phase(models: int) -> dict[str, Any]:
    server = subprocess.Popen(
        [sys.executable, __file__, "--phase", "serve", "--models", str(models)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdout is not None and server.stdin is not None
    endpoint = server.stdout.readline().strip()
    try:
        from osai.census.rules import load_census_rules
        from osai.census.run import CensusRequest, run_census
        from osai.rules import load_ruleset

        load_census_rules(load_ruleset())  # loaded once per process: not the census's cost
        with tempfile.TemporaryDirectory() as folder:
            os.environ["HF_HOME"] = folder
            db = Path(folder) / "census.duckdb"
            probe = RssProbe()
            started = time.monotonic()
            outcome = run_census(CensusRequest(db=db, endpoint=endpoint), probe)
            wall = time.monotonic() - started
            size = db.stat().st_size + sum(p.stat().st_size for p in Path(folder).glob("*.wal"))
    finally:
        server.stdin.close()
        server.wait(30)
    return {
        "models": outcome.totals.judged,
        "pages": outcome.totals.pages,
        "page_size": outcome.totals.page_size,
        "wall_s": wall,
        "rss": probe.samples,
        "peak_rss_mib": peak_rss_mib(),
        "db_bytes": size,
        "status": outcome.status,
    }


# --- report ---------------------------------------------------------------------------------------


def child(phase: str, models: int, repeat: int, frameworks: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", phase, "--models", str(models)]
    done = subprocess.run(
        [*command, "--repeat", str(repeat), "--frameworks", frameworks],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def show_cpu(result: dict[str, Any]) -> None:
    n, baseline, census = result["models"], result["baseline_s"], result["census_s"]
    print(f"metadata path, {n:,} models (CPU time, this process):")
    print(f"  frameworks judged: {', '.join(result['frameworks'])}")
    for name, seconds in (
        ("baseline  ModelInfo(**item) only       ", baseline),
        ("census    ModelInfo + judge            ", census),
    ):
        rate, per_model = n / seconds, 1000 * seconds / n
        print(f"  {name} {seconds:7.2f} s {rate:10,.0f} models/s {per_model:7.3f} ms/model")
    alone = 1000 * (census - baseline) / n
    print(
        f"  ratio census/baseline {census / baseline:.1f}x; judging alone {alone:.3f} ms/model; "
        f"peak RSS {result['peak_rss_mib']:.0f} MiB (the {n:,} items held in memory included)"
    )


def show_store(result: dict[str, Any]) -> None:
    n, wall, size = result["models"], result["wall_s"], result["db_bytes"]
    pages = f"{result['pages']} pages of up to {result['page_size']:,}"
    print(f"through the store, {n:,} models ({pages}), served from another process:")
    rate = n / wall
    print(
        f"  {result['status']} in {wall:.1f} s wall ({rate:,.0f} models/s; "
        "the server shares the cores)"
    )
    curve = "  ".join(f"{done // 1000}k:{mib:.0f}" for done, mib in result["rss"])
    print(f"  RSS MiB by models stored: {curve}")
    print(
        f"  peak RSS {result['peak_rss_mib']:.0f} MiB; database {size / 2**20:.1f} MiB "
        f"({size / n:,.0f} bytes per model)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=100_000)
    parser.add_argument("--phase", choices=("all", "cpu", "store", "serve"), default="all")
    parser.add_argument("--repeat", type=int, default=3, help="baseline runs (the best is kept)")
    parser.add_argument(
        "--frameworks",
        choices=("default", "all"),
        default="default",
        help="cpu phase: the census's default frameworks, or every bundled one",
    )
    args = parser.parse_args()
    if args.phase == "serve":
        serve_phase(args.models)
        return 0
    if args.phase in ("cpu", "store"):
        work = (
            cpu_phase(args.models, args.repeat, args.frameworks)
            if args.phase == "cpu"
            else store_phase(args.models)
        )
        print(json.dumps(work))
        return 0
    show_cpu(child("cpu", args.models, args.repeat, args.frameworks))
    show_store(child("store", args.models, args.repeat, args.frameworks))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
