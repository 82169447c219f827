"""`osai census merge`: the census databases of shards (`--shard K/N`, one per machine) merged
into one, so that merging again is right: the same shard twice, or next week's run of a shard
(its database holding last week's run too) onto last week's merge.

The README's SQL merged each shard's runs after those already there every time: merged again, a
shard's first run was stored twice, its findings and links appended a second time, its models
and verdicts of a newer judgement dropped (INSERT OR IGNORE), and their `listed_run` left at the
old run, so the report said the models the shard's new run listed were no longer listed.  Here:

- a run is known by its own identity (when it started, its query, its shard, its endpoint): one
  already merged is not merged again, and the shard's models that name it name the merged one;
- a model (at a revision) stored in both is the newer judgement's (`judged_at`): its row (its
  `judged_run`), its verdicts of the frameworks the newer judged it under (the others stay), its
  findings and its links replace those stored; its downloads, likes and `listed_run` are those
  of the run that listed it last (when it started), whichever judged it; and its `run_id` is
  the run that stored it first (when it started), whichever judged it last;
- the requests of a run are merged with the run, once (those of a run the shard does not
  record, with the model they were sent for, when it is new).

Each shard is merged in one transaction: stopped, the database holds every shard merged before
it whole, and the same command merges the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from osai.census.store import CensusStore, forget_models, table_columns
from osai.errors import BadInput

_SOURCE = "osai_merged_shard"  # the shard, attached read-only (its tables: _SOURCE.models)
# The tables merged, as each shard may hold them: `links` and `requests` came after the first
# stores were written.
_TABLES = ("runs", "models", "verdicts", "findings", "links", "requests", "withheld")
# A run as its census wrote it: the same in every database it is merged into.
_SAME_RUN = (
    "m.started_at IS NOT DISTINCT FROM s.started_at AND m.query IS NOT DISTINCT FROM s.query"
    " AND coalesce(m.shard, '') = coalesce(s.shard, '')"
    " AND m.endpoint IS NOT DISTINCT FROM s.endpoint"
)
_KEY = "USING (repo_id, revision)"
# What a model's listing gives that changes without a commit, kept as the run that listed it
# last counted it (osai.census.store._recount).
_LISTING = ("downloads", "likes", "listed_run")


@dataclass(frozen=True)
class Merged:
    """What merging one shard changed in the database."""

    shard: Path
    runs: int  # its runs merged now
    already: int  # its runs merged before: not again
    added: int  # models (at a revision) the database did not hold
    judged_again: int  # held, judged later by the shard: its judgement replaces the one held
    relisted: int  # held, listed later by the shard: its downloads, likes and listing run


def check_shard(shard: Path, db: Path) -> None:
    """Refuse a shard that cannot be merged into the database at `db`: the database itself, or
    no census of this schema, or one in use.  Checked for every shard before the database is
    opened: a missing shard left an empty --db made, and a bad second one the first merged."""
    if shard.resolve() == db.resolve():
        raise BadInput(f"{shard}: is the database merged into (--db {db})")
    CensusStore.open(shard, read_only=True).close()  # a census, of this schema, not in use


def merge_shard(store: CensusStore, shard: Path) -> Merged:
    """Merge the census database at `shard` into `store` (opened for writing), all or nothing."""
    check_shard(shard, store.path)
    connection = store.connection
    source = _SOURCE
    row = connection.execute("SELECT current_database()").fetchone()
    if row and row[0] == source:  # the database's own name
        source += "_2"
    quoted = str(shard).replace("'", "''")
    connection.execute(f"ATTACH '{quoted}' AS {source} (READ_ONLY)")
    try:
        with store.transaction():
            return _merged(connection, source, shard)
    finally:
        connection.execute(f"DETACH {source}")


def _merged(connection: Any, source: str, shard: Path) -> Merged:
    for table in _TABLES:
        _take(connection, source, table)
    # a shard of schema version 1 has no `judged_run`: its `run_id` is the best known of it
    # (osai.census.store._migrate)
    connection.execute("UPDATE incoming_models SET judged_run = run_id WHERE judged_run IS NULL")
    runs, already = _map_runs(connection)
    _renumber(connection)
    added, judged_again, relisted = _merge_models(connection)
    # a run the shard does not record (a store made by hand): its requests come with the model
    connection.execute(
        "INSERT INTO requests BY NAME SELECT * FROM incoming_requests"
        " WHERE run_id IN (SELECT merged FROM run_map WHERE new) OR (run_id IS NULL"
        " AND (repo_id, revision) IN (SELECT repo_id, revision FROM fresh_keys))"
    )
    _withhold(connection)
    scratch = [f"incoming_{table}" for table in _TABLES]
    for table in (*scratch, "run_map", "fresh_keys", "newer_keys", "relisted_keys"):
        connection.execute(f"DROP TABLE {table}")
    return Merged(shard, runs, already, added, judged_again, relisted)


def _withhold(connection: Any) -> None:
    """The models the shard's listing said were private or disabled (`withheld`), each as seen
    last by either database: what the database holds of one, judged before it was seen so, is
    removed, as the shard's run removed it (osai.census.store._forget_models); one judged
    since (listed as public again) stays, and is no longer withheld."""
    connection.execute(
        "INSERT INTO withheld BY NAME SELECT * FROM incoming_withheld ON CONFLICT (repo_id)"
        " DO UPDATE SET reason = excluded.reason, seen_at = excluded.seen_at"
        " WHERE excluded.seen_at > withheld.seen_at"
    )
    # chosen before any row goes: the choice reads `models`, the first table emptied of them
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE gone_keys AS SELECT w.repo_id FROM withheld w"
        " WHERE w.seen_at >= (SELECT max(m.judged_at) FROM models m WHERE m.repo_id = w.repo_id)"
    )
    forget_models(connection, "SELECT repo_id FROM gone_keys", [])
    connection.execute("DROP TABLE gone_keys")
    connection.execute("DELETE FROM withheld WHERE repo_id IN (SELECT repo_id FROM models)")


def _take(connection: Any, source: str, table: str) -> None:
    """The shard's `table` as a temporary `incoming_<table>` of the database's columns: a shard
    written by an older osai lacks the columns added after it (null here), and one missing
    `links` or `requests` (written before them) has none."""
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE incoming_{table} AS SELECT * FROM {table} LIMIT 0"
    )
    found = connection.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = ?"
        " AND schema_name = 'main' AND table_name = ?",
        [source, table],
    ).fetchall()
    shared = sorted({str(name) for (name,) in found} & table_columns(connection, table))
    if shared:
        names = ", ".join(shared)
        connection.execute(
            f"INSERT INTO incoming_{table} ({names}) SELECT {names} FROM {source}.main.{table}"
        )


def _map_runs(connection: Any) -> tuple[int, int]:
    """Each of the shard's runs, the database's number for it (`run_map`): that of the same run
    merged before, else the next free one (the shard's runs in their order); the new ones are
    stored.  How many were new, and how many merged before."""
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE run_map AS SELECT s.run_id AS shard_run,"
        " min(m.run_id) AS merged FROM incoming_runs s LEFT JOIN runs m ON "
        f"{_SAME_RUN} GROUP BY s.run_id"
    )
    connection.execute("ALTER TABLE run_map ADD COLUMN new BOOLEAN DEFAULT false")
    row = connection.execute("SELECT coalesce(max(run_id), 0) FROM runs").fetchone()
    connection.execute(
        "UPDATE run_map SET new = true, merged = n.merged FROM (SELECT k.shard_run AS shard_run,"
        " $1 + row_number() OVER (ORDER BY k.shard_run) AS merged"
        " FROM run_map k WHERE k.merged IS NULL) n WHERE run_map.shard_run = n.shard_run",
        [int(row[0]) if row else 0],
    )
    connection.execute(
        "INSERT INTO runs BY NAME SELECT s.* REPLACE (k.merged AS run_id) FROM incoming_runs s"
        " JOIN run_map k ON k.shard_run = s.run_id WHERE k.new"
    )
    new, before = connection.execute(
        "SELECT count(*) FILTER (WHERE new), count(*) FILTER (WHERE NOT new) FROM run_map"
    ).fetchone()
    return int(new), int(before)


def _renumber(connection: Any) -> None:
    """The shard's run numbers in its models and requests, as the database numbers those runs
    (null: a run the shard does not hold, as a store made by hand may name)."""
    for table, column in (
        ("models", "run_id"),
        ("models", "listed_run"),
        ("models", "judged_run"),
        ("requests", "run_id"),
    ):
        connection.execute(
            f"UPDATE incoming_{table} SET {column} = (SELECT merged FROM run_map"
            f" WHERE shard_run = incoming_{table}.{column})"
        )


def _merge_models(connection: Any) -> tuple[int, int, int]:
    """The shard's models merged (see the module's docstring): how many were added, judged
    again and listed again."""
    # which run listed a row last, and when it started (null: not recorded)
    listed_at = (
        "(SELECT r.started_at FROM runs r WHERE r.run_id = coalesce({t}.listed_run, {t}.run_id))"
    )
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE fresh_keys AS SELECT repo_id, revision FROM incoming_models"
        " s WHERE NOT EXISTS (SELECT 1 FROM models m WHERE m.repo_id = s.repo_id"
        " AND m.revision = s.revision)"
    )
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE newer_keys AS SELECT repo_id, revision, s.depth"
        f" FROM incoming_models s JOIN models m {_KEY} WHERE s.judged_at > m.judged_at"
    )
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE relisted_keys AS SELECT repo_id, revision FROM"
        f" (SELECT repo_id, revision, {listed_at.format(t='s')} AS shard_at,"
        f" {listed_at.format(t='m')} AS held_at FROM incoming_models s JOIN models m {_KEY})"
        " WHERE shard_at > held_at OR (held_at IS NULL AND shard_at IS NOT NULL)"
    )
    _judge_again(connection)
    _first_stored(connection)
    assigned = ", ".join(f"{name} = s.{name}" for name in _LISTING)
    connection.execute(
        f"UPDATE models SET {assigned} FROM incoming_models s JOIN relisted_keys {_KEY}"
        " WHERE models.repo_id = s.repo_id AND models.revision = s.revision"
    )
    connection.execute(
        f"INSERT INTO models BY NAME SELECT s.* FROM incoming_models s JOIN fresh_keys {_KEY}"
    )
    for table in ("verdicts", "findings", "links"):
        connection.execute(
            f"INSERT INTO {table} BY NAME SELECT s.* FROM incoming_{table} s JOIN fresh_keys {_KEY}"
        )
    counts = [
        connection.execute(f"SELECT count(*) FROM {name}_keys").fetchone()[0]
        for name in ("fresh", "newer", "relisted")
    ]
    return int(counts[0]), int(counts[1]), int(counts[2])


def _first_stored(connection: Any) -> None:
    """The run that stored a model held by both (`run_id`): the one of them that started first,
    whichever order the shards are merged in (the report's "listed at a new revision" and the
    models a query no longer lists read it)."""
    connection.execute(
        "UPDATE models SET run_id = f.run_id FROM (SELECT s.repo_id, s.revision, s.run_id"
        f" FROM incoming_models s JOIN models m {_KEY} JOIN runs rs ON rs.run_id = s.run_id"
        " JOIN runs rm ON rm.run_id = m.run_id WHERE rs.started_at < rm.started_at) f"
        " WHERE models.repo_id = f.repo_id AND models.revision = f.revision"
    )


def _judge_again(connection: Any) -> None:
    """The models the shard judged later than the database's judgement: their row (all but
    what the listing counts, _LISTING, and the run that stored it, _first_stored), their
    verdicts of the frameworks the shard's judged them under, at each depth, their findings at
    each depth the shard's reached or noticed anything at, and, checked in full or with links
    kept, their links: the shard's replace those held.
    A model checked in full stays so (its deep verdicts are kept)."""
    judged = [
        name
        for name in sorted(table_columns(connection, "models"))
        if name not in (*_LISTING, "repo_id", "revision", "depth", "run_id")  # _first_stored
    ]
    assigned = ", ".join(f"{name} = s.{name}" for name in judged)
    connection.execute(
        f"UPDATE models SET {assigned}, depth = CASE WHEN s.depth = 'deep' THEN 'deep'"
        f" ELSE models.depth END FROM incoming_models s JOIN newer_keys {_KEY}"
        " WHERE models.repo_id = s.repo_id AND models.revision = s.revision"
    )
    connection.execute(
        "INSERT OR REPLACE INTO verdicts BY NAME SELECT s.* FROM incoming_verdicts s"
        f" JOIN newer_keys {_KEY}"
    )
    # the depths whose findings the shard's judgement replaces: its metadata, always, and a
    # full check's when it made one or noticed something trying (an error kept)
    replaced = (
        "CREATE OR REPLACE TEMP TABLE replaced_keys AS SELECT repo_id, revision, 'metadata' AS"
        " depth FROM newer_keys UNION SELECT repo_id, revision, 'deep' FROM newer_keys"
        " WHERE depth = 'deep' UNION SELECT DISTINCT f.repo_id, f.revision, f.depth"
        f" FROM incoming_findings f JOIN newer_keys {_KEY}"
    )
    connection.execute(replaced)
    connection.execute(
        "DELETE FROM findings WHERE (repo_id, revision, depth) IN"
        " (SELECT repo_id, revision, depth FROM replaced_keys)"
    )
    connection.execute(
        f"INSERT INTO findings BY NAME SELECT s.* FROM incoming_findings s JOIN newer_keys {_KEY}"
    )
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE linked_keys AS SELECT repo_id, revision FROM newer_keys"
        " WHERE depth = 'deep' UNION SELECT DISTINCT repo_id, revision FROM incoming_links"
        f" JOIN newer_keys {_KEY}"
    )
    connection.execute(
        "DELETE FROM links WHERE (repo_id, revision) IN (SELECT repo_id, revision FROM linked_keys)"
    )
    connection.execute(
        f"INSERT INTO links BY NAME SELECT s.* FROM incoming_links s JOIN linked_keys {_KEY}"
    )
    connection.execute("DROP TABLE replaced_keys")
    connection.execute("DROP TABLE linked_keys")
