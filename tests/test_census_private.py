"""The census describes the public Hub: a model the listing says is private or disabled (a
listing with a token holds the private models that token may read) is neither judged nor
counted, the run and the report say how many were left out, and a model stored before that is
private now is removed from the store.  A merged census's report says it merges its shards.
Real DuckDB, the loopback Hub."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from census_hub import bare_hub, listed_like, rows, run_census, value
from clirunner import run_osai
from loopback_hub import LoopbackHub

OPEN_SOURCE_LLAMA = {
    "tags": ["open-source", "license:llama2"],
    "cardData": {"license": "llama2", "tags": ["open-source"]},
}


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with bare_hub(100) as running:
        yield running


def report(db: Path) -> str:
    result = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert result.code == 0, result.stderr
    return result.stdout


def test_private_and_disabled_models_are_left_out(hub: LoopbackHub, tmp_path: Path) -> None:
    hub.add_listing(
        [
            listed_like("p/private", private=True, **OPEN_SOURCE_LLAMA),
            listed_like("p/disabled", disabled=True),
            listed_like("p/gated", gated="manual"),
            listed_like("p/public"),
        ]
    )
    db = tmp_path / "p6.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    assert "judged 2 (metadata only)" in result.stdout
    assert "1 private model and 1 disabled model listed were left out" in result.stdout
    stored = {repo for (repo,) in rows(db, "SELECT repo_id FROM models")}
    assert stored == {"p/gated", "p/public"}  # a gated model is public: counted
    assert rows(db, "SELECT listed, judged, private, disabled FROM runs") == [(4, 2, 1, 1)]
    said = report(db)
    assert "p/private" not in said and "p/disabled" not in said
    assert "Models: **2**" in said
    left = "1 private model and 1 disabled model listed were left out, not judged nor counted"
    assert left in said
    export = tmp_path / "e.csv"
    assert run_osai("census", "export", "--db", str(db), "-o", str(export)).code == 0
    assert "p/private" not in export.read_text(encoding="utf-8")


def test_a_model_made_private_is_no_longer_counted(hub: LoopbackHub, tmp_path: Path) -> None:
    hub.add_listing([listed_like("p/later-private", **OPEN_SOURCE_LLAMA), listed_like("p/public")])
    db = tmp_path / "weekly.duckdb"
    assert run_census(hub, db).code == 0
    assert value(db, "SELECT count(*) FROM models WHERE repo_id = 'p/later-private'") == 1
    hub.listing.put(listed_like("p/later-private", private=True, **OPEN_SOURCE_LLAMA))
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    assert "1 private model listed was left out" in result.stdout
    for table in ("models", "verdicts", "findings"):
        held = f"SELECT count(*) FROM {table} WHERE repo_id = 'p/later-private'"
        assert value(db, held) == 0, table
    said = report(db)
    assert "p/later-private" not in said
    assert "Models: **1**" in said


def test_a_merged_census_says_it_merges_its_shards(hub: LoopbackHub, tmp_path: Path) -> None:
    hub.add_listing([listed_like(f"org/model-{n}") for n in range(12)])
    shards = []
    for k in (1, 2):
        shard = tmp_path / f"s{k}.duckdb"
        assert run_census(hub, shard, "--shard", f"{k}/2").code == 0
        shards.append(shard)
    merged = tmp_path / "m.duckdb"
    result = run_osai("census", "merge", *map(str, shards), "--db", str(merged))
    assert result.code == 0, result.stderr
    judged = [value(s, "SELECT judged FROM runs") for s in shards]
    assert sum(judged) == 12 and 0 not in judged
    said = report(merged)
    assert "Models: **12**" in said
    assert (
        "This census merges 2 shards of the listing (`--shard 1/2`, `--shard 2/2`): its figures "
        "count the 12 models they stored together; the last run of each shard:"
    ) in said
    for k, count in enumerate(judged, start=1):
        assert f"The last run with `--shard {k}/2` listed from" in said
        assert f"run {k} complete" in said
        assert f"; it judged {count} models" in said
    assert "The last run judged" not in said  # one shard's figures, read as the census's


def test_a_model_made_private_leaves_the_merged_census(hub: LoopbackHub, tmp_path: Path) -> None:
    """Next week's shard, in which a model was made private, merged onto last week's merge:
    the merged census no longer holds it (the shard removed it; merged, it stayed)."""
    hub.add_listing([listed_like(f"org/model-{n}", **OPEN_SOURCE_LLAMA) for n in range(8)])
    shards = [tmp_path / f"s{k}.duckdb" for k in (1, 2)]
    for k, shard in enumerate(shards, start=1):
        assert run_census(hub, shard, "--shard", f"{k}/2").code == 0
    merged = tmp_path / "m.duckdb"
    assert run_osai("census", "merge", *map(str, shards), "--db", str(merged)).code == 0
    gone = value(shards[0], "SELECT min(repo_id) FROM models")
    hub.listing.put(listed_like(gone, private=True, **OPEN_SOURCE_LLAMA))
    assert run_census(hub, shards[0], "--shard", "1/2").code == 0
    assert run_osai("census", "merge", str(shards[0]), "--db", str(merged)).code == 0
    for table in ("models", "verdicts", "findings"):
        assert value(merged, f"SELECT count(*) FROM {table} WHERE repo_id = ?", [gone]) == 0
    assert value(merged, "SELECT count(DISTINCT repo_id) FROM models") == 7
    assert gone not in report(merged)
    # public again the week after: judged again, and merged again
    hub.listing.put(listed_like(gone, **OPEN_SOURCE_LLAMA))
    assert run_census(hub, shards[0], "--shard", "1/2").code == 0
    assert run_osai("census", "merge", str(shards[0]), "--db", str(merged)).code == 0
    assert value(merged, "SELECT count(*) FROM models WHERE repo_id = ?", [gone]) == 1
    assert value(merged, "SELECT count(*) FROM withheld") == 0


def test_each_kind_left_out_is_counted_on_its_own() -> None:
    """ "1 private and 1 disabled models" took one kind's number for both kinds' noun."""
    from osai.formatters.census_markdown import left_out

    assert left_out(2, 1).startswith("2 private models and 1 disabled model listed were left out")
    assert left_out(0, 1).startswith("1 disabled model listed was left out")
    assert left_out(0, 0) == ""
