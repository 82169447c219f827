"""Two runs per row of `models`: `run_id`, the run that stored it, and `judged_run`, the run that
last wrote its verdicts (judged it again, for a framework it lacked, or checked it in full).

A run judging a stored model again left `run_id` at the first run, and the report said "stored
by run 1" of verdicts run 2 wrote; `run_id` was then made the judging run, but the report's
"listed at a new revision" and its models a query no longer lists read it as the storing run:
a run that judged models again and judged a new one said one of them was "listed at a new
revision", and a model judged again by a run of another query was no longer of its own query's.
On the loopback Hub (the fixture repositories, or a bare listing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from census_hub import bare_hub, listed_like, rows, run_census, served_hub, value
from clirunner import run_osai
from loopback_hub import LoopbackHub

MORE = ("-f", "osaid", "-f", "mof", "-f", "eosai")  # one framework more than the default


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with served_hub() as running:
        yield running


def overview(db: Path) -> list[str]:
    report = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert report.code == 0, report.stderr
    return [line for line in report.stdout.splitlines() if line.startswith("- ")]


def test_the_run_that_judges_a_model_again_is_its_judging_run(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "c.duckdb"
    options = ("--sort", "downloads", "--limit", "3")
    assert run_census(hub, db, *options).code == 0
    again = run_census(hub, db, *options, *MORE)
    assert again.code == 0, again.stderr
    assert "judged 3 (metadata only; 3 of them stored before" in again.stdout
    judged = "SELECT DISTINCT m.run_id, m.judged_run, m.judged_at > r.started_at FROM models m"
    assert rows(db, f"{judged} JOIN runs r ON r.run_id = 2") == [(1, 2, True)]
    report = run_osai("census", "report", "--db", str(db))
    assert "(the latest revision of each, stored by run 1, judged last by run 2)" in report.stdout
    deep = run_census(hub, db, *options, *MORE, "--deep", "1")
    assert deep.code == 0, deep.stderr
    assert rows(db, "SELECT run_id, judged_run, depth FROM models ORDER BY judged_run") == [
        (1, 2, "metadata"),
        (1, 2, "metadata"),
        (1, 3, "deep"),
    ]
    said = [line for line in overview(db) if line.startswith("- Models:")]
    assert "stored by run 1, judged last by 2 runs)" in said[0], said


def test_a_run_judging_models_again_and_one_new_lists_none_at_a_new_revision(
    tmp_path: Path,
) -> None:
    """The researcher's runs: run 2 lists two models at new revisions; run 3 judges them again
    (with another -f set) and one model new to the census.  Run 3 said "1 listed at a new
    revision" (the count, capped at the models new to the store, took the judging run for the
    storing one) of the model new to the census."""
    db = tmp_path / "c.duckdb"
    with bare_hub(100) as hub:
        hub.add_listing([listed_like(f"org/model-{n}") for n in range(2)])
        assert run_census(hub, db).code == 0
        revised = [listed_like(f"org/model-{n}", sha=f"{n + 1:x}" * 40) for n in range(2)]
        hub.add_listing(revised)
        assert run_census(hub, db).code == 0
        said = "- The last run judged 2 models from the listing (2 listed at a new revision)"
        assert said in overview(db)
        hub.add_listing([listed_like("org/model-2")])
        third = run_census(hub, db, *MORE)
        assert third.code == 0, third.stderr
    assert (
        "- The last run judged 3 models from the listing (1 new to the census and 2 judged "
        "again at the revision stored)"
    ) in overview(db)
    assert rows(db, "SELECT repo_id, run_id, judged_run FROM models ORDER BY 1, 2") == [
        ("org/model-0", 1, 1),
        ("org/model-0", 2, 3),
        ("org/model-1", 1, 1),
        ("org/model-1", 2, 3),
        ("org/model-2", 3, 3),
    ]


def test_a_model_judged_again_by_another_query_stays_its_querys(tmp_path: Path) -> None:
    """Run 1 lists every model; run 2, of another query (`--search model-1`), judges model-1
    again; model-1 then leaves the Hub, and run 3 lists every model again to its end.  The
    report said nothing of model-1 (its run was run 2, of another query): it is one of the
    models run 1's query stored that the last run did not list."""
    db = tmp_path / "c.duckdb"
    with bare_hub(100) as hub:
        hub.add_listing([listed_like(f"org/model-{n}") for n in range(2)])
        assert run_census(hub, db).code == 0
        assert run_census(hub, db, "--search", "model-1", *MORE).code == 0
        hub.listing.remove("org/model-1")
        assert run_census(hub, db).code == 0
    items = overview(db)
    assert any(
        item.startswith("- 1 of these models was not listed by the last run") for item in items
    ), items


def version_1(db: Path) -> None:
    """The store as an osai of schema version 1 left it: no `judged_run`."""
    with duckdb.connect(str(db)) as connection:
        connection.execute("ALTER TABLE models DROP COLUMN judged_run")
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


def test_a_store_of_schema_version_1_is_read_and_migrated(hub: LoopbackHub, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db, "--sort", "downloads", "--limit", "3").code == 0
    version_1(db)
    said = [line for line in overview(db) if line.startswith("- Models:")]  # read only
    assert "(the latest revision of each, stored by run 1)" in said[0], said
    assert value(db, "SELECT value FROM meta WHERE key = 'schema_version'") == "1"
    again = run_census(hub, db, "--sort", "downloads", "--limit", "2", *MORE)
    assert again.code == 0, again.stderr
    assert value(db, "SELECT value FROM meta WHERE key = 'schema_version'") == "2"
    assert rows(db, "SELECT run_id, judged_run FROM models ORDER BY judged_run") == [
        (1, 1),  # its `run_id`, the best the older store knew
        (1, 2),
        (1, 2),
    ]


def test_a_shard_of_schema_version_1_is_merged_judged_by_its_run(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    shard = tmp_path / "shard.duckdb"
    assert run_census(hub, shard, "--sort", "downloads", "--limit", "2").code == 0
    version_1(shard)
    merged = tmp_path / "merged.duckdb"
    merge = run_osai("census", "merge", str(shard), "--db", str(merged))
    assert merge.code == 0, merge.stderr
    assert rows(merged, "SELECT DISTINCT run_id, judged_run FROM models") == [(1, 1)]
    assert value(shard, "SELECT value FROM meta WHERE key = 'schema_version'") == "1"
