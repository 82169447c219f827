"""Serving a synthetic population (tests/census_population.py) from the loopback Hub, and running
`osai census` against it, for the census tests.

The world a card links to can be served too, as `--deep` follows it: the Hub serves the dataset
fixtures (tests/fixtures/links/datasets), and `linked_world` starts a loopback GitHub REST API
serving the repositories (tests/fixtures/links/github) and a loopback arXiv OAI-PMH serving the
papers (tests/fixtures/links/arxiv), with GITHUB_API_URL and OSAI_ARXIV_URL pointing at them.
Without it, GitHub and arXiv are refused on loopback (tests/conftest.py)."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest
from census_population import Population
from clirunner import Result, run_osai
from conftest import isolate_hub_client
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import DEFAULT_DATASETS_DIR, LISTING_PATTERN, LoopbackHub

GITHUB_TOKEN = "ghp_censusLoopbackToken0123456789abcdef"  # accepted by linked_world's GitHub


@dataclass(frozen=True)
class LinkedWorld:
    """The servers a deep check's links lead to, besides the Hub."""

    github: LoopbackGitHub
    arxiv: LoopbackArxiv

    @property
    def env(self) -> dict[str, str]:
        """A GitHub token for the census: 60 anonymous requests an hour (GitHub's real quota,
        which the loopback GitHub keeps) do not cover 20 deep checks' links; 5,000 do."""
        return {"GITHUB_TOKEN": GITHUB_TOKEN}


@contextlib.contextmanager
def linked_world() -> Iterator[LinkedWorld]:
    """A loopback GitHub and a loopback arXiv serving the link fixtures, the environment
    pointing at them (enter it before `serving`, which keeps loopback addresses)."""
    with contextlib.ExitStack() as stack:
        patch = stack.enter_context(pytest.MonkeyPatch.context())
        github = stack.enter_context(LoopbackGitHub())
        github.allow_token(GITHUB_TOKEN)
        arxiv = stack.enter_context(LoopbackArxiv())
        patch.setenv("GITHUB_API_URL", github.api_url)
        patch.setenv("OSAI_ARXIV_URL", arxiv.base_url)
        yield LinkedWorld(github, arxiv)


@contextlib.contextmanager
def serving(
    population: Population,
    *,
    page_size: int = 1000,
    latency: float = 0.0,
    datasets: bool = False,
) -> Iterator[LoopbackHub]:
    """A loopback Hub that lists exactly the population (and serves its full repositories);
    with `datasets`, the datasets the cards link to as well."""
    from huggingface_hub.utils import close_session

    with pytest.MonkeyPatch.context() as patch:
        isolate_hub_client(patch)
        served = DEFAULT_DATASETS_DIR if datasets else None
        with LoopbackHub(fixtures_dir=None, datasets_dir=served, latency=latency) as hub:
            for repo in population.repos:
                hub.add_repo(repo)
            hub.add_listing(population.listed)
            hub.listing_page_size = page_size
            yield hub
        close_session()


@contextlib.contextmanager
def bare_hub(page_size: int) -> Iterator[LoopbackHub]:
    """A loopback Hub listing nothing yet (the test adds what it lists), in pages of `page_size`."""
    with served_hub(fixtures_dir=None) as hub:
        hub.listing_page_size = page_size
        yield hub


@contextlib.contextmanager
def served_hub(**options: Any) -> Iterator[LoopbackHub]:
    """A loopback Hub (by default serving and listing the 18 fixture repositories), the Hub
    client pointed at it and its session closed after: what each census test file wrote out."""
    from huggingface_hub.utils import close_session

    with pytest.MonkeyPatch.context() as patch:
        isolate_hub_client(patch)
        with LoopbackHub(**options) as hub:
            yield hub
        close_session()


def record_client_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits huggingface_hub's retry loop asks for, recorded instead of slept (it waits at
    least a second per retry), so that a storm stays a fast test."""
    from huggingface_hub.utils import _http

    asked: list[float] = []
    monkeypatch.setattr(_http, "time", SimpleNamespace(sleep=asked.append))
    return asked


@dataclass(frozen=True)
class ServedPopulation:
    """The fixtures of a module that lists one synthetic population from a loopback Hub:
    `population`, `hub` (serving it in pages), `waits` (huggingface_hub's retry waits, recorded).
    A module takes them as `population, hub, waits = served_population(...).fixtures()`."""

    size: int
    seed: int
    page_size: int

    def fixtures(self) -> tuple[Any, Any, Any]:
        @pytest.fixture(scope="module")
        def population() -> Population:
            from census_population import build_population

            return build_population(self.size, seed=self.seed)

        @pytest.fixture
        def hub(population: Population) -> Iterator[LoopbackHub]:
            with serving(population, page_size=self.page_size) as running:
                yield running

        @pytest.fixture
        def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
            return record_client_waits(monkeypatch)

        return population, hub, waits


def census_env(hub: LoopbackHub, home: Path) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home)}


def run_census(hub: LoopbackHub, db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    environment = {**census_env(hub, db.parent / "hf"), **(env or {})}
    return run_osai("census", "--db", str(db), *args, env=environment)


def rows(db: Path, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        found: list[tuple[Any, ...]] = connection.execute(sql, parameters or []).fetchall()
    return found


def value(db: Path, sql: str, parameters: list[Any] | None = None) -> Any:
    return rows(db, sql, parameters)[0][0]


def listing_requests(hub: LoopbackHub) -> int:
    return len(hub.find_requests(LISTING_PATTERN))


class CtrlC:
    """A census progress observer that is told Ctrl-C was pressed (KeyboardInterrupt, once) when
    the `phase` has advanced `times` times: after a page is stored, or a deep check."""

    def __init__(self, phase: str, times: int) -> None:
        self.phase, self.times = phase, times
        self.current, self.seen = "", 0

    def started(self, phase: str, total: int | None) -> None:
        self.current = phase

    def advanced(self, count: int) -> None:
        if self.current == self.phase:
            self.seen += 1
            if self.seen == self.times:
                raise KeyboardInterrupt

    def finished(self) -> None:
        pass

    def waiting(self, message: str) -> None:
        pass


def listed_like(repo_id: str, **fields: Any) -> dict[str, Any]:
    """A listing item as the Hub's `GET /api/models` gives it, with `fields` changed."""
    item: dict[str, Any] = {
        "id": repo_id,
        "author": repo_id.split("/")[0],
        "sha": hashlib.sha1(repo_id.encode()).hexdigest(),
        "createdAt": "2024-05-01T10:00:00.000Z",
        "lastModified": "2024-05-02T10:00:00.000Z",
        "downloads": 10,
        "likes": 1,
        "gated": False,
        "tags": ["transformers", "license:apache-2.0"],
        "cardData": {"license": "apache-2.0"},
        "library_name": "transformers",
        "pipeline_tag": "text-generation",
        "private": False,
        "disabled": False,
    }
    return {**item, **fields}
