"""Time the Hub source on 50 models served by the loopback Hub with 50 ms latency per request.

    python benchmarks/hub_benchmark.py [--models 50] [--latency 0.05] [--jobs 1 8]

The 18 corpus repositories (tests/fixtures/hub/models) are served again under 50 distinct ids
(copies, so every id has its own commit and cache entry).  For each job count, every model is
checked with `read_target` + `assess` from a thread pool, on a cold cache (a fresh temporary
cache_dir); then again through the command line, `osai check ID... --jobs N`, in one process.
Prints the wall time, the requests the server received (from its log), and the ratio of the wall
time to the ideal: requests x latency / jobs.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

# As a user would run it, with no stored token sent to the loopback server.
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")

from loopback_hub import DEFAULT_FIXTURES_DIR, LoopbackHub  # noqa: E402

from osai.backends.hub import HubOptions  # noqa: E402
from osai.engine import assess  # noqa: E402
from osai.rules import RuleSet, load_ruleset  # noqa: E402
from osai.targets import ReadOptions, read_target  # noqa: E402


@dataclass(frozen=True)
class Run:
    jobs: int
    wall: float
    requests: int
    per_model: Counter[int]
    latency: float

    @property
    def ideal(self) -> float:
        return self.requests * self.latency / self.jobs

    def line(self) -> str:
        spread = ", ".join(f"{n} req x {count}" for n, count in sorted(self.per_model.items()))
        return (
            f"jobs={self.jobs:<2}  wall {self.wall:6.2f} s  requests {self.requests:4d} "
            f"({spread})  ideal {self.ideal:5.2f} s  ratio {self.wall / self.ideal:4.2f}"
        )


def serve_copies(hub: LoopbackHub, count: int) -> list[str]:
    """`count` distinct repo ids, each a copy of one of the corpus fixtures (round robin)."""
    fixtures = [
        json.loads(p.read_text("utf-8")) for p in sorted(DEFAULT_FIXTURES_DIR.glob("*.json"))
    ]
    ids = []
    for index in range(count):
        data = copy.deepcopy(fixtures[index % len(fixtures)])
        name = data["id"].split("/", 1)[1]
        data.update(id=f"bench/{index:02d}-{name}", sha=None)
        ids.append(hub.add_repo(data))
    return ids


def check_all(hub: LoopbackHub, ids: list[str], rules: RuleSet, jobs: int, latency: float) -> Run:
    frameworks = list(rules.default_frameworks())
    with tempfile.TemporaryDirectory(prefix="osai-hub-bench-") as cache:
        options = HubOptions(endpoint=hub.endpoint, cache_dir=Path(cache), timeout=10, deadline=60)

        def check(repo_id: str) -> None:
            assess(read_target(repo_id, rules, ReadOptions(hub=options)), rules, frameworks)

        hub.clear_requests()
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(check, ids))
        wall = time.perf_counter() - start
    requests = hub.requests
    per_model = Counter(Counter(_repo_of(r.path) for r in requests).values())
    return Run(jobs, wall, len(requests), per_model, latency)


def check_with_cli(hub: LoopbackHub, ids: list[str], jobs: int, latency: float) -> Run:
    """The same, as a user runs it: one `osai check ID... --jobs N` process (start-up included)."""
    import subprocess

    with tempfile.TemporaryDirectory(prefix="osai-hub-bench-") as home:
        env = {
            **os.environ,
            "HF_ENDPOINT": hub.endpoint,
            "HF_HOME": home,
            "PYTHONPATH": str(ROOT),
        }
        command = [sys.executable, "-m", "osai", "check", *ids, "--jobs", str(jobs)]
        hub.clear_requests()
        start = time.perf_counter()
        subprocess.run(
            [*command, "--format", "json", "-o", os.devnull], env=env, check=True, cwd=ROOT
        )
        wall = time.perf_counter() - start
    requests = hub.requests
    per_model = Counter(Counter(_repo_of(r.path) for r in requests).values())
    return Run(jobs, wall, len(requests), per_model, latency)


def _repo_of(path: str) -> str:
    parts = path.split("/")
    return "/".join(parts[3:5] if path.startswith("/api/") else parts[1:3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--models", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per request")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args(argv)
    rules = load_ruleset()
    with LoopbackHub(None, latency=args.latency) as hub:
        ids = serve_copies(hub, args.models)
        print(f"{len(ids)} models, {args.latency * 1000:.0f} ms per request, cold cache each run")
        for jobs in args.jobs:
            print(check_all(hub, ids, rules, jobs, args.latency).line(), flush=True)
        print("osai check ID... --jobs N (one process, start-up included):")
        for jobs in args.jobs:
            print(check_with_cli(hub, ids, jobs, args.latency).line(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
