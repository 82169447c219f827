"""Time the Hub source on 50 models served by loopback servers with 50 ms latency per request.

    python benchmarks/hub_benchmark.py [--models 50] [--latency 0.05] [--jobs 1 8]

The 18 corpus repositories (tests/fixtures/hub/models) are served again under 50 distinct ids
(copies in the same organisation, so every id has its own commit and cache entry and its card's
code is still its producer's).  For each job count, every model is checked with `read_target` +
`assess` from a thread pool, on a cold cache: first Hub-only (`--no-follow`), then following
the cards' links (GitHub, Hub datasets, arXiv, base models: loopback servers with the same
latency); then through the command line, `osai check ID... --jobs N`, in one process.  Prints the
wall time, the requests the servers received (from their logs), and the ratio of the wall time to
the ideal: requests x latency / jobs.

Then one model alone (one job), following its links: a check should take about the depth of its
chain of requests in round trips (model info → card → each link's reads, concurrently), not the
sum of its requests.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

# As a user would run it, with no stored token sent to the loopback server.
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")

from loopback_servers import DEFAULT_FIXTURES_DIR, Servers, linked_servers  # noqa: E402

from osai.backends.hub import HubOptions  # noqa: E402
from osai.engine import assess  # noqa: E402
from osai.rules import RuleSet, load_ruleset  # noqa: E402
from osai.targets import ReadOptions, read_target  # noqa: E402


@dataclass(frozen=True)
class Run:
    label: str
    jobs: int
    wall: float
    requests: tuple[int, int, int]  # Hub, GitHub, arXiv
    latency: float

    @property
    def total(self) -> int:
        return sum(self.requests)

    @property
    def ideal(self) -> float:
        return self.total * self.latency / self.jobs

    def line(self) -> str:
        hub, github, arxiv = self.requests
        return (
            f"{self.label:<9} jobs={self.jobs:<2}  wall {self.wall:6.2f} s  "
            f"requests {self.total:4d} (hub {hub}, github {github}, arxiv {arxiv})  "
            f"ideal {self.ideal:5.2f} s  "
            f"ratio {self.wall / self.ideal:4.2f}"
        )


def serve_copies(servers: Servers, count: int) -> list[str]:
    """`count` distinct repo ids, each a copy of one of the corpus fixtures (round robin), in
    the fixture's own organisation (its card's code stays its producer's)."""
    fixtures = [
        json.loads(p.read_text("utf-8")) for p in sorted(DEFAULT_FIXTURES_DIR.glob("*.json"))
    ]
    ids = []
    for index in range(count):
        data = copy.deepcopy(fixtures[index % len(fixtures)])
        org, name = data["id"].split("/", 1)
        data.update(id=f"{org}/bench-{index:02d}-{name}", sha=None)
        ids.append(servers.hub.add_repo(data))
    return ids


def check_all(
    servers: Servers, ids: list[str], rules: RuleSet, jobs: int, latency: float, follow: bool
) -> Run:
    frameworks = list(rules.default_frameworks())
    with tempfile.TemporaryDirectory(prefix="osai-hub-bench-") as cache:
        options = HubOptions(
            endpoint=servers.hub.endpoint, cache_dir=Path(cache) / "hub", timeout=10, deadline=60
        )
        read = ReadOptions(hub=options, follow=follow, cache_dir=Path(cache) / "links")

        def check(repo_id: str) -> None:
            assess(read_target(repo_id, rules, read), rules, frameworks)

        servers.clear()
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(check, ids))
        wall = time.perf_counter() - start
    label = "links" if follow else "hub only"
    return Run(label, jobs, wall, servers.requests(), latency)


def check_with_cli(
    servers: Servers, ids: list[str], jobs: int, latency: float, follow: bool
) -> Run:
    """The same, as a user runs it: one `osai check ID... --jobs N` process (start-up included)."""
    import subprocess

    with tempfile.TemporaryDirectory(prefix="osai-hub-bench-") as home:
        env = {
            **os.environ,
            **servers.environment(),
            "HF_HOME": home,
            "OSAI_CACHE_DIR": f"{home}/osai",
            "PYTHONPATH": str(ROOT),
        }
        flag = "--follow" if follow else "--no-follow"
        command = [sys.executable, "-m", "osai", "check", *ids, "--jobs", str(jobs), flag]
        servers.clear()
        start = time.perf_counter()
        subprocess.run(
            [*command, "--format", "json"],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - start
    label = "links" if follow else "hub only"
    return Run(label, jobs, wall, servers.requests(), latency)


def one_model(servers: Servers, repo_id: str, rules: RuleSet, latency: float) -> str:
    """One model alone, following its links: wall time in round trips against its requests."""
    run = check_all(servers, [repo_id], rules, 1, latency, follow=True)
    trips = run.wall / latency
    return (
        f"{repo_id}: wall {run.wall:.2f} s = {trips:.1f} round trips of {latency * 1000:.0f} ms, "
        f"for {run.total} requests (their sum: {run.total * latency:.2f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--models", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per request")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args(argv)
    rules = load_ruleset()
    with linked_servers(args.latency, hub_fixtures=None) as servers:
        ids = serve_copies(servers, args.models)
        print(f"{len(ids)} models, {args.latency * 1000:.0f} ms per request, cold cache each run")
        check_all(servers, ids[:1], rules, 1, args.latency, follow=True)  # imports, rules: warm
        for follow in (False, True):
            for jobs in args.jobs:
                run = check_all(servers, ids, rules, jobs, args.latency, follow)
                print(run.line(), flush=True)
        print("osai check ID... --jobs N (one process, start-up included):")
        for follow in (False, True):
            for jobs in args.jobs:
                print(check_with_cli(servers, ids, jobs, args.latency, follow).line(), flush=True)
        print("One model, its links followed:")
        pythia = next(i for i in ids if i.endswith("pythia-70m"))
        print(one_model(servers, pythia, rules, args.latency), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
