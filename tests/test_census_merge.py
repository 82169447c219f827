"""`osai census merge SHARD... --db MASTER`: shards' census databases merged so that merging
again is right.  The README's SQL merged a shard's runs after those already there every time:
merged twice, or next week's run of a shard (its database holding last week's run too) merged
onto last week's merge, the shard's first run was stored twice, its findings and links appended
again, its newer verdicts dropped (INSERT OR IGNORE), and `listed_run` left at the old run, so
the report said the models the new run listed "were not listed by the last run".  On the
loopback Hub serving the 18 fixture repositories, as the researcher's census was run."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from census_hub import rows, run_census, served_hub, value
from clirunner import run_osai
from loopback_hub import LoopbackHub

from osai.census.build import osai_build
from osai.census.rules import load_census_rules
from osai.census.store import CensusStore
from osai.census.summary import CensusSummary, census_summary, first_levels
from osai.rules import load_ruleset

SHARDS = ("1/3", "2/3", "3/3")
OPTIONS = ("--sort", "downloads", "--deep", "2")
# every table's row count: what a merge repeated must leave as it was
TABLES = ("runs", "models", "verdicts", "findings", "links", "requests")


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with served_hub() as running:
        yield running


def shards(hub: LoopbackHub, where: Path, *options: str) -> list[Path]:
    made = []
    for k, shard in enumerate(SHARDS, start=1):
        db = where / f"shard-{k}.duckdb"
        result = run_census(hub, db, *OPTIONS, *options, "--shard", shard)
        assert result.code == 0, result.stderr
        made.append(db)
    return made


def merge(master: Path, *shard: Path) -> str:
    result = run_osai("census", "merge", *map(str, shard), "--db", str(master))
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    return result.stderr


def counts(db: Path) -> dict[str, int]:
    return {table: value(db, f"SELECT count(*) FROM {table}") for table in TABLES}


def summary(db: Path) -> CensusSummary:
    rules = load_ruleset()
    names = {f.id: f"{f.short_name} {f.version}" for f in rules.frameworks.values()}
    store = CensusStore.open(db, read_only=True)
    try:
        levels = first_levels(rules.frameworks.values())
        return census_summary(store, load_census_rules(rules), names, levels, osai_build())
    finally:
        store.close()


def figures(db: Path) -> tuple[object, ...]:
    """What the report counts of every model (the models checked in full are each shard's top
    two, not one run's top six), apart from the runs that stored them."""
    found = summary(db)
    return (
        found.models, found.downloads, found.uncounted, found.frameworks, found.families,
        found.licence_classes, found.claims_total,
        found.lineage_total, found.months, found.unlisted,
    )  # fmt: skip


def test_a_shard_merged_twice_is_merged_once(hub: LoopbackHub, tmp_path: Path) -> None:
    made = shards(hub, tmp_path)
    master = tmp_path / "master.duckdb"
    said = merge(master, *made)
    once = counts(master)
    assert once["runs"] == 3 and once["models"] == 18
    assert f"osai: merged {made[0]} into {master}: 1 new run; models:" in said
    again = merge(master, *made)
    assert counts(master) == once
    assert f"osai: merged {made[1]} into {master}: 0 new runs, 1 merged before; models: 0 " in (
        again
    )
    assert all(
        len(line) <= 80
        for line in run_osai(
            "census", "merge", str(made[0]), "--db", str(master), env={"COLUMNS": "80"}
        ).stderr.splitlines()
    )


def test_the_shards_merged_count_what_one_run_counts(hub: LoopbackHub, tmp_path: Path) -> None:
    made = shards(hub, tmp_path)
    master = tmp_path / "master.duckdb"
    merge(master, *made)
    whole = tmp_path / "whole.duckdb"
    assert run_census(hub, whole, *OPTIONS).code == 0
    assert figures(master) == figures(whole)
    assert counts(master)["models"] == counts(whole)["models"]


# each shard-2/3 model's storing run, judging run and listing run
STORED_JUDGED_LISTED = (
    "SELECT DISTINCT m.run_id, m.judged_run, m.listed_run FROM models m"
    " JOIN runs r USING (run_id) WHERE r.shard = '2/3'"
)


def test_next_weeks_shard_merged_onto_last_weeks(hub: LoopbackHub, tmp_path: Path) -> None:
    made = shards(hub, tmp_path)
    master = tmp_path / "master.duckdb"
    merge(master, *made)
    before = counts(master)
    week2 = tmp_path / "w2-shard-2.duckdb"
    shutil.copy(made[1], week2)
    # next week the shard runs again, judged under one framework more: a newer judgement
    result = run_census(
        hub, week2, *OPTIONS, "--shard", "2/3", "-f", "osaid", "-f", "mof", "-f", "eosai"
    )
    assert result.code == 0, result.stderr
    in_shard = value(week2, "SELECT count(*) FROM models")
    merge(master, week2)
    after = counts(master)
    assert after["runs"] == before["runs"] + 1  # its first run is not merged again
    assert (after["models"], after["findings"], after["links"]) == (
        before["models"], before["findings"], before["links"],
    )  # fmt: skip
    # the newer verdicts are stored, and the models name the run that stored them (last week's),
    # the one that judged them last and the one that listed them last (this week's)
    assert value(master, "SELECT count(*) FROM verdicts WHERE framework = 'eosai'") == (
        value(week2, "SELECT count(*) FROM verdicts WHERE framework = 'eosai'")
    )
    assert rows(master, STORED_JUDGED_LISTED) == [(2, 4, 4)]
    assert in_shard == value(master, "SELECT count(*) FROM models WHERE listed_run = 4")
    report = run_osai("census", "report", "--db", str(master), "--markdown", "-")
    assert report.code == 0, report.stderr
    assert "not listed by the last run" not in report.stdout
    # merged again, and the weeks merged the other way round, the figures are the same
    merge(master, week2, *made)
    assert counts(master) == after
    other = tmp_path / "other.duckdb"
    merge(other, week2, made[0], made[2], made[1])
    assert rows(other, STORED_JUDGED_LISTED) == [(1, 2, 2)]
    assert figures(other) == figures(master)
    assert summary(other).deep == summary(master).deep


def test_a_shard_that_cannot_be_merged_is_said_in_one_line(tmp_path: Path) -> None:
    master = tmp_path / "master.duckdb"
    CensusStore.open(master).close()
    itself = run_osai("census", "merge", str(master), "--db", str(master))
    assert (itself.code, itself.stderr) == (
        2, f"osai: error: {master}: is the database merged into (--db {master})\n",
    )  # fmt: skip
    missing = tmp_path / "shard-9.duckdb"
    absent = run_osai("census", "merge", str(missing), "--db", str(master))
    assert absent.code == 2 and absent.stderr.startswith(f"osai: error: {missing}: no census")
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database\n", encoding="utf-8")
    foreign = run_osai("census", "merge", str(text), "--db", str(master))
    assert (foreign.code, foreign.stderr.count("\n")) == (2, 1)
    assert "not an osai census database" in foreign.stderr


def test_a_shard_that_cannot_be_merged_stops_the_merge_before_it_starts(tmp_path: Path) -> None:
    """Every shard is checked before --db is opened: a missing second shard left the first
    merged and, --db new, an empty database made where none was asked for."""
    shard = tmp_path / "shard-1.duckdb"
    CensusStore.open(shard).close()
    master, missing = tmp_path / "master.duckdb", tmp_path / "shard-2.duckdb"
    result = run_osai("census", "merge", str(shard), str(missing), "--db", str(master))
    assert result.code == 2 and result.stderr.startswith(f"osai: error: {missing}: no census")
    assert result.stderr.count("\n") == 1, result.stderr
    assert not master.exists()
