"""Serving a synthetic population (tests/census_population.py) from the loopback Hub, and running
`osai census` against it, for the census tests."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from census_population import Population
from clirunner import Result, run_osai
from conftest import isolate_hub_client
from loopback_hub import LISTING_PATTERN, LoopbackHub


@contextlib.contextmanager
def serving(
    population: Population, *, page_size: int = 1000, latency: float = 0.0
) -> Iterator[LoopbackHub]:
    """A loopback Hub that lists exactly the population (and serves its full repositories)."""
    from huggingface_hub.utils import close_session

    with pytest.MonkeyPatch.context() as patch:
        isolate_hub_client(patch)
        with LoopbackHub(fixtures_dir=None, datasets_dir=None, latency=latency) as hub:
            for repo in population.repos:
                hub.add_repo(repo)
            hub.add_listing(population.listed)
            hub.listing_page_size = page_size
            yield hub
        close_session()


def census_env(hub: LoopbackHub, home: Path) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home)}


def run_census(hub: LoopbackHub, db: Path, *args: str) -> Result:
    return run_osai("census", "--db", str(db), *args, env=census_env(hub, db.parent / "hf"))


def rows(db: Path, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        found: list[tuple[Any, ...]] = connection.execute(sql, parameters or []).fetchall()
    return found


def value(db: Path, sql: str, parameters: list[Any] | None = None) -> Any:
    return rows(db, sql, parameters)[0][0]


def listing_requests(hub: LoopbackHub) -> int:
    return len(hub.find_requests(LISTING_PATTERN))
