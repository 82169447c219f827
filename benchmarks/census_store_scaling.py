"""The census store alone as it grows to a whole Hub: what each page costs it, at 100k, 1M, 2M.

    python benchmarks/census_store_scaling.py [--models 1000000] [--every 100000]
                                              [--frameworks default|all] [--db FILE]

The judging CPU (about 1 ms a model, benchmarks/census_benchmark.py) is flat in the number of
models; what the store does per page need not be. One page of the tests' synthetic population
(tests/census_population.py) is judged once, then written again and again under new ids, as
`run_census` writes each page: the stored-at-this-revision lookup first
(`CensusStore.judged_under`, osai.census.run._judge_page), then `CensusStore.write` with the run's
figures, one transaction. Every --every models it prints the milliseconds per page of each (their
mean over the pages since the last line), the process's resident memory, DuckDB's own (its
buffer pool and the primary keys' indexes, capped by osai.census.store.MEMORY_LIMIT) and the
file's size. A cost per page that grows with the store is a census whose total time grows with
the square of the Hub.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

PAGE = 1000


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def one_page(frameworks: str) -> list:  # type: ignore[type-arg]
    """A page of the synthetic population, judged from its metadata."""
    from census_population import build_population
    from huggingface_hub.hf_api import ModelInfo

    from osai.census.judge import CensusJudge
    from osai.census.rules import load_census_rules
    from osai.rules import load_ruleset

    rules = load_ruleset()
    chosen = tuple(rules.frameworks.values()) if frameworks == "all" else rules.default_frameworks()
    judge = CensusJudge(rules, chosen, {}, load_census_rules(rules), "https://huggingface.co")
    items = [dict(item, siblings=None) for item in build_population(PAGE + 100).items]
    records = [judge.metadata(ModelInfo(**item)) for item in items]
    return [record for record in records if record is not None][:PAGE]


def renamed(records: list, page: int) -> list:  # type: ignore[type-arg]
    """The page's records under ids no page before used (the Hub's ids are in no order)."""
    out = []
    for n, record in enumerate(records):
        repo_id = f"{record.model.repo_id}-p{page}-{n}"
        revision = hashlib.sha1(repo_id.encode()).hexdigest()
        out.append(replace(record, model=replace(record.model, repo_id=repo_id, revision=revision)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=1_000_000)
    parser.add_argument("--every", type=int, default=100_000)
    parser.add_argument("--frameworks", choices=("default", "all"), default="default")
    parser.add_argument("--db", type=Path, help="the store (default: a temporary file)")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

    from osai.census.record import Depth
    from osai.census.store import CensusStore, RunTotals

    records = one_page(args.frameworks)
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "census.duckdb"
        store = CensusStore.open(db)
        run_id = store.start_run({}, "https://huggingface.co", "")
        print(f"{len(records[0].verdicts)} verdicts a model; pages of {PAGE:,}")
        print("  models  lookup ms/page  write ms/page  RSS MiB  DuckDB MiB  file MiB")
        lookup = write = 0.0
        pages_between = max(1, args.every // PAGE)
        for page in range(args.models // PAGE):
            batch = renamed(records, page)
            started = time.perf_counter()
            store.judged_under([(r.model.repo_id, r.model.revision) for r in batch], Depth.METADATA)
            looked = time.perf_counter()
            done = (page + 1) * PAGE
            store.write(batch, run_id, RunTotals(listed=done, judged=done, pages=page + 1))
            lookup, write = lookup + looked - started, write + time.perf_counter() - looked
            if (page + 1) % pages_between == 0:
                duckdb_bytes = store.connection.execute(
                    "SELECT sum(memory_usage_bytes) FROM duckdb_memory()"
                ).fetchone()[0]
                size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
                print(
                    f"{done:>8,} {1000 * lookup / pages_between:15.1f} "
                    f"{1000 * write / pages_between:14.1f} {rss_mib():8.0f} "
                    f"{duckdb_bytes / 2**20:11.0f} {size / 2**20:9.0f}",
                    flush=True,
                )
                lookup = write = 0.0
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
