"""`osai census` over a synthetic population of 5,000 models served by the loopback Hub, through the
real command and the real ``HfApi.list_models``: every model listed once and judged from its
metadata, counts equal to a direct computation over the population, every planted open-washing
case found (and nothing else), `--deep 20` with its links followed (to a loopback GitHub, arXiv
and the Hub's datasets) and its request count per model and host, resume, export."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from census_hub import (
    LinkedWorld,
    census_env,
    linked_world,
    listing_requests,
    rows,
    run_census,
    serving,
    value,
)
from census_population import Population, build_population
from clirunner import Result, run_osai
from conftest import REFUSED
from huggingface_hub.hf_api import ModelInfo
from loopback_hub import LISTING_PATTERN, LoopbackHub

from osai.census.judge import CensusJudge
from osai.census.rules import load_census_rules
from osai.census.store import CensusStore
from osai.census.summary import CensusSummary, census_summary
from osai.rules import load_ruleset

SIZE = 5000
NAMES = {"osaid": "OSAID 1.0", "mof": "MOF 1.0"}


@dataclass(frozen=True)
class Census:
    population: Population
    hub: LoopbackHub
    db: Path
    result: Result
    listing_requests: int  # what the loopback Hub saw during the run
    other_requests: int
    world: LinkedWorld  # the loopback GitHub and arXiv the deep checks' links led to
    github_requests: int  # what they saw during the run
    arxiv_requests: int


@pytest.fixture(scope="module")
def population() -> Population:
    return build_population(SIZE)


@pytest.fixture(scope="module")
def census(population: Population, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Census]:
    db = tmp_path_factory.mktemp("census") / "osai-census.duckdb"
    with linked_world() as world, serving(population, datasets=True) as hub:
        result = run_census(hub, db, "--sort", "downloads", "--deep", "20", env=world.env)
        listed = listing_requests(hub)
        github, arxiv = len(world.github.requests), len(world.arxiv.requests)
        others = len(hub.requests) - listed
        yield Census(population, hub, db, result, listed, others, world, github, arxiv)


@pytest.fixture(scope="module")
def summary(census: Census) -> CensusSummary:
    store = CensusStore.open(census.db, read_only=True)
    try:
        return census_summary(store, load_census_rules(load_ruleset()), NAMES)
    finally:
        store.close()


def test_every_model_is_listed_once_and_judged(census: Census) -> None:
    assert census.result.code == 0, census.result.stderr
    assert value(census.db, "SELECT count(*) FROM models") == SIZE
    assert value(census.db, "SELECT count(DISTINCT repo_id) FROM models") == SIZE
    assert value(census.db, "SELECT count(*) FROM verdicts WHERE depth = 'metadata'") == 2 * SIZE
    (run,) = rows(
        census.db, "SELECT status, listed, judged, pages, page_size, listing_requests FROM runs"
    )
    assert run == ("complete", SIZE, SIZE, 5, 1000, 5)
    assert census.listing_requests == 5  # one request per page: no request per model
    first = census.hub.find_requests(LISTING_PATTERN)[0].query
    assert "limit" not in first and first["sort"] == ["downloads"]  # the page size is the Hub's
    assert set(first["expand"]) >= {"cardData", "tags", "gated", "baseModels", "sha"}
    assert "5,000 models listed in 5 pages (pages of up to 1,000, the size the Hub gave)" in (
        census.result.stdout
    )


def test_each_verdict_says_metadata_only(census: Census) -> None:
    noted = value(
        census.db,
        "SELECT count(DISTINCT repo_id) FROM findings WHERE depth = 'metadata' "
        "AND message LIKE 'metadata only: judged from what the Hub''s listing says%'",
    )
    assert noted == SIZE


def test_licence_counts_equal_a_direct_computation(census: Census, summary: CensusSummary) -> None:
    population = census.population
    models = Counter(population.family(item["id"]) for item in population.items)
    downloads: Counter[str] = Counter()
    for item in population.items:
        downloads[population.family(item["id"])] += item["downloads"]
    stored = rows(
        census.db, "SELECT licence_family, count(*), sum(downloads) FROM models GROUP BY 1"
    )
    assert {family: n for family, n, _ in stored} == dict(models)
    assert {family: d for family, _, d in stored} == dict(downloads)
    unknown = {"No licence", "Unknown", "Other or custom"}
    assert summary.no_or_unknown_licence.models == sum(models[f] for f in unknown)
    assert summary.no_or_unknown_licence.downloads == sum(downloads[f] for f in unknown)
    assert summary.models == SIZE and summary.downloads == sum(downloads.values())
    no_licence = models["No licence"] / SIZE
    assert 0.60 < no_licence < 0.69  # the reference's 64.4 %, give or take the sample


def test_verdict_counts_equal_a_direct_computation(census: Census, summary: CensusSummary) -> None:
    rules = load_ruleset()
    judge = CensusJudge(
        rules, rules.default_frameworks(), {}, load_census_rules(rules), census.hub.endpoint
    )
    models: Counter[tuple[str, str]] = Counter()
    downloads: Counter[tuple[str, str]] = Counter()
    for item in census.population.items:
        record = judge.metadata(ModelInfo(**item, siblings=None))
        assert record is not None
        for verdict in record.verdicts:
            models[verdict.framework, verdict.label] += 1
            downloads[verdict.framework, verdict.label] += item["downloads"]
    reported = {
        (framework.framework, count.label): (count.models, count.downloads)
        for framework in summary.frameworks
        for count in framework.outcomes
    }
    assert reported == {key: (models[key], downloads[key]) for key in models}
    assert [f.framework for f in summary.frameworks] == ["osaid", "mof"]
    # A use-restricted licence is a definite "not conformant" under OSAID, from metadata alone.
    llama = value(
        census.db,
        "SELECT count(*) FROM verdicts v JOIN models USING (repo_id, revision) WHERE v.depth = "
        "'metadata' AND framework = 'osaid' AND licence_family = 'Llama' AND outcome <> "
        "'not-conformant'",
    )
    assert llama == 0


def test_every_planted_case_is_found_and_nothing_else(
    census: Census, summary: CensusSummary
) -> None:
    planted = census.population.planted
    claims = [case for case in planted if case.kind == "claim"]
    lineage = [case for case in planted if case.kind == "lineage"]
    assert sorted(c.repo_id for c in summary.claims) == sorted(c.repo_id for c in claims)
    assert sorted(c.repo_id for c in summary.lineage) == sorted(c.repo_id for c in lineage)
    assert summary.claims_total == len(claims) and summary.lineage_total == len(lineage)
    found = {c.repo_id: c for c in (*summary.claims, *summary.lineage)}
    for case in planted:
        evidence = " ".join(found[case.repo_id].evidence) + " " + found[case.repo_id].licence
        assert case.evidence in evidence, (case, evidence)
        assert found[case.repo_id].bases == ((case.base,) if case.base else ())
    for name in census.population.not_candidates:
        assert name not in found
    ranked = [c.downloads or 0 for c in summary.claims]
    assert ranked == sorted(ranked, reverse=True)
    ids = {item["id"] for item in census.population.items}
    derived = [bases for item in census.population.items if (bases := _bases(item))]
    assert summary.derivatives_outside == sum(1 for b in derived if not b & ids) >= 2
    assert summary.derivatives_checked == sum(1 for b in derived if b & ids)


def _bases(item: dict[str, Any]) -> set[str]:
    """What a listing item says it derives from, read directly (the oracle for lineage)."""
    listed = {m["id"] for m in (item.get("baseModels") or {}).get("models", [])}
    card = (item.get("cardData") or {}).get("base_model") or []
    tagged = {t.rsplit(":", 1)[-1] for t in item.get("tags") or () if t.startswith("base_model:")}
    return listed | set([card] if isinstance(card, str) else card) | tagged


def test_deep_checks_the_top_twenty_in_full(census: Census) -> None:
    deep = rows(
        census.db,
        "SELECT repo_id FROM models WHERE depth = 'deep' ORDER BY downloads DESC",
    )
    top = sorted(census.population.items, key=lambda item: -item["downloads"])[:20]
    assert [repo_id for (repo_id,) in deep] == [item["id"] for item in top]
    (run,) = rows(census.db, "SELECT deep, deep_requests, deep_failed FROM runs")
    checked, requests, failed = run
    assert (checked, failed) == (20, 0)
    # Every request each server saw is counted, per model and host, links followed included.
    by_service = dict(rows(census.db, "SELECT service, sum(requests) FROM requests GROUP BY 1"))
    assert by_service == {
        "hub": census.other_requests,
        "github": census.github_requests,
        "arxiv": census.arxiv_requests,
    }
    assert requests == sum(by_service.values())
    # What several cards link (a repository, a paper, a dataset) is asked for once in the run.
    for world in (census.world.github, census.world.arxiv):
        asked = [r.raw_path for r in world.requests]
        assert asked and len(asked) == len(set(asked)), sorted(asked)
    assert value(census.db, "SELECT sum(failed) FROM requests") == 0
    assert value(census.db, "SELECT count(*) FROM links WHERE NOT read") == 0
    token = census.world.env["GITHUB_TOKEN"]
    assert all(r.headers.get("authorization") == f"Bearer {token}"
               for r in census.world.github.requests)  # fmt: skip
    assert token not in census.result.stdout + census.result.stderr
    per_model = rows(
        census.db,
        "SELECT repo_id, sum(requests) FILTER (service = 'hub') FROM requests GROUP BY 1",
    )
    assert len(per_model) == 20
    assert all(1 <= hub <= 5 for _, hub in per_model)  # model_info, the card, refs, datasets
    line = f"checked in full: 20 models, {requests} requests ({requests / 20:.1f} per model)"
    assert line in census.result.stdout
    for service, world in (("hub", census.hub), ("github", census.world.github),
                           ("arxiv", census.world.arxiv)):  # fmt: skip
        sent = by_service[service]
        host = world.endpoint.removeprefix("http://")
        assert f"  {service} ({host}): {sent} requests ({sent / 20:.1f} per model)\n" in (
            census.result.stdout
        )
    deep_verdicts = value(census.db, "SELECT count(*) FROM verdicts WHERE depth = 'deep'")
    assert deep_verdicts == 2 * 20


def test_a_deep_check_follows_the_cards_github_link(
    census: Census, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GPT-NeoX-20B's card links its code on GitHub: the deep check reads it from the loopback
    GitHub and credits what the repository's files show; with GitHub unreachable, the same link
    is recorded unread and its evidence stays unknown (the check still completes)."""
    neox = "EleutherAI/gpt-neox-20b"
    code = rows(
        census.db,
        "SELECT url, read, answer FROM links WHERE repo_id = ? AND kind = 'producer-code'",
        [neox],
    )
    assert code == [
        (
            "https://github.com/EleutherAI/gpt-neox",
            True,
            "Apache-2.0; shows: model architecture, data preprocessing code, training code, "
            "inference code, evaluation code, supporting libraries and tools",
        )
    ]
    # Served by the loopback GitHub (read once, then kept: other cards link it too).
    assert census.world.github.find_requests(r"^/repos/EleutherAI/gpt-neox$", "GET")
    assert census.world.github.find_requests(r"^/repos/EleutherAI/gpt-neox/git/trees/", "GET")
    kinds = rows(census.db, "SELECT kind, read FROM links WHERE repo_id = ? ORDER BY 1", [neox])
    assert kinds == [("dataset", True), ("paper", True), ("producer-code", True)]

    # The same model, GitHub and arXiv refused: no evidence, no failure.
    monkeypatch.setenv("GITHUB_API_URL", REFUSED)
    monkeypatch.setenv("OSAI_ARXIV_URL", f"{REFUSED}/oai")
    db = tmp_path / "unreachable.duckdb"
    with serving(census.population) as hub:
        result = run_census(hub, db, "--sort", "downloads", "--limit", "1", "--deep", "1")
    assert result.code == 0, result.stderr
    (unread,) = rows(
        db, "SELECT read, answer FROM links WHERE repo_id = ? AND kind = 'producer-code'", [neox]
    )
    assert unread[0] is False and unread[1]
    refused = rows(db, "SELECT requests, failed FROM requests WHERE service LIKE '%github%'")
    assert refused and all(sent == failed for sent, failed in refused)


def test_a_second_run_skips_what_is_stored(census: Census, tmp_path: Path) -> None:
    again = run_census(census.hub, census.db, "--sort", "downloads", "--deep", "20")
    assert again.code == 0, again.stderr
    assert "judged 0 (metadata only), skipped 5,000 already judged" in again.stdout
    # the 20 were checked at these revisions: kept, and said so (it said nothing of them)
    kept = "checked in full: 0 models; 20 already checked in full at the same revision, kept\n"
    assert kept in again.stdout
    assert value(census.db, "SELECT count(*) FROM models") == SIZE
    assert value(census.db, "SELECT count(*) FROM verdicts") == 2 * SIZE + 2 * 20


@pytest.mark.parametrize("fmt", ["parquet", "csv", "json"])
def test_export(census: Census, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"census.{fmt}"
    result = run_osai("census", "export", "--db", str(census.db), "--format", fmt, "-o", str(path))
    assert result.code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", f"osai: wrote {path}: 5,000 rows ({fmt})\n")
    reader = {"parquet": "read_parquet", "csv": "read_csv", "json": "read_json"}[fmt]
    exported = rows(
        census.db,
        f"SELECT count(*), count(DISTINCT repo_id), count(osaid_outcome), "
        f"count(osaid_deep_outcome) FROM {reader}(?)",
        [str(path)],
    )
    assert exported == [(SIZE, SIZE, SIZE, 20)]
    if fmt == "json":
        first = json.loads(path.read_text())[0]
        assert first["repo_id"] == "EleutherAI/gpt-neox-20b" and first["depth"] == "deep"
        assert {"licence_found", "licence_normalised", "open_claims", "mof_outcome"} <= set(first)


def test_report_files(census: Census, tmp_path: Path) -> None:
    html, markdown = tmp_path / "report.html", tmp_path / "report.md"
    result = run_osai(
        "census", "report", "--db", str(census.db), "--html", str(html), "--markdown", str(markdown)
    )
    assert result.code == 0, result.stderr
    text = markdown.read_text()
    for heading in ("## Verdicts per framework", "## Licences", "## Open-washing candidates",
                    "## Change over time (by creation month)"):  # fmt: skip
        assert heading in text
    assert "Metadata only:" in text and "5 pages of up to 1,000" in text
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>") and 'id="open-washing"' in page
    assert "src=" not in page and "href=" not in page and "<script" not in page  # nothing fetched


def test_bad_input_is_one_line_and_exit_2(census: Census, tmp_path: Path) -> None:
    env = census_env(census.hub, tmp_path)
    cases = [
        (["census", "--db", str(tmp_path / "x.duckdb"), "--shard", "3/2"], "--shard 3/2"),
        (["census", "--db", str(tmp_path / "x.duckdb"), "--sort", "size"], "--sort size"),
        (["census", "report", "--db", str(tmp_path / "none.duckdb")], "no census database"),
        (["census", "export", "--db", str(census.db), "--format", "xml"], "--format xml"),
    ]
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("not a database\n")
    cases.append((["census", "report", "--db", str(not_a_db)], "notes.txt"))
    for args, expected in cases:
        result = run_osai(*args, env=env)
        assert result.code == 2, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
