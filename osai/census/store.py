"""The census store: one DuckDB file (``--db osai-census.duckdb``), the interface for analysts.

Tables (the schema is documented in README.md, "The census store"):

- ``models``: one row per model and revision: the listing's fields, the licence as found and as
  osai reads it, the open claims found, how deep it was judged and when, the run that stored it
  and the one that judged it last;
- ``verdicts``: one row per model, revision, depth and framework: outcome, label, definite, level;
- ``findings``: what the judgement noticed, per model, revision and depth;
- ``links``: for a model checked in full, each resource its card led to, and what it answered
  (``cached_at``, ``cached_because``: from an answer kept by an earlier run, the server gave none);
- ``requests``: for a model checked in full, the requests its check sent, per run and host;
- ``runs``: one row per run: the query, the shard, what it listed, judged and skipped, pages,
  page size, requests, the frameworks it judged with, and how it ended (``reason``: why it
  failed);
- ``withheld``: the models last listed as private or disabled (their rows removed), and when;
- ``meta``: the schema version.

Writes go one listing page at a time, in one transaction, as column lists (``unnest``): a run
killed mid-page leaves every earlier page stored and nothing of that page, and a model already
stored at the same revision (and depth), judged under every framework and mode the run asks for,
by this osai, is skipped when the run is resumed (judged under fewer, or by another osai, it is
judged again: its verdicts, and its reading of the listing).  A
full check stored again replaces what it stored (_forget_deep).  duckdb is imported here only,
when a store is opened.
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from shlex import quote
from typing import Any

from osai import __version__
from osai.census.interrupts import held_interrupts
from osai.census.record import CensusRecord, Depth, HostRequests, ListedModel
from osai.census.schema import (
    FINDING_COLUMNS,
    KEYED,
    LASTING_COLUMNS,
    LINK_COLUMNS,
    MODEL_COLUMNS,
    MODEL_TABLES,
    READ_TABLES,
    REQUEST_COLUMNS,
    TABLES,
    VERDICT_COLUMNS,
    WITHHELD_COLUMNS,
)
from osai.errors import BadInput, EvidenceUnavailable
from osai.jsonsafe import NotJson, json_value
from osai.redaction import run_secrets, shown
from osai.textsafe import one_line

SCHEMA_VERSION = "2"
# The versions of stores an earlier osai wrote that this one reads, and migrates when it opens one
# for writing (_migrate): version 1 had no `models.judged_run`, and its `run_id` was, in rows a
# run judged again, that run, not the one that stored the row.
_OLDER_VERSIONS = frozenset({"1"})
# Each column's type, as the census writes it (runs and meta are read only through their own
# columns' values, each checked)
_DECLARED_TYPES = {
    (table, column): kind
    for table, columns in (
        ("models", MODEL_COLUMNS),
        ("verdicts", VERDICT_COLUMNS),
        ("findings", FINDING_COLUMNS),
        ("links", LINK_COLUMNS),
        ("requests", REQUEST_COLUMNS),
        ("withheld", WITHHELD_COLUMNS),
    )
    for column, kind in columns
}
# DuckDB installs (from the internet) and loads whatever extension a file or statement calls
# for: a SQLite file given as --db had it download one, then read the user's database as the
# census.  Everything the store uses (json, parquet) is built into the wheel.
_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file (its main header)
# DuckDB's memory: a page is the working set, but the indexes of the primary keys (models,
# verdicts) are held in memory and grow with the store: benchmarks/census_store_scaling.py
# measured DuckDB's memory at about 20 MiB per 100,000 models, and a writer of models and
# verdicts capped at 256 MB failed ("failed to pin block") at 514,000, short of the Hub's listing.
# A cap, not a reservation.  2 GB, eight times that cap, holds some 4 million models at the rate
# that failure shows and about 10 million at the rate measured: the Hub listed about 2.9 million
# in May 2026 (README), so the margin may be no more than a third.
MEMORY_LIMIT = "2GB"


@dataclass(frozen=True)
class RunTotals:
    listed: int = 0
    judged: int = 0
    skipped: int = 0
    # listed again at the revision this run listed them at: a sort key that moved while it
    # listed (not in `skipped`)
    listed_twice: int = 0
    outside_shard: int = 0
    # listed as private or disabled: left out, not judged (and any row stored before removed)
    private: int = 0
    disabled: int = 0
    unreadable: int = 0  # listed items that could not be read (skipped)
    pages: int = 0
    page_size: int = 0
    listing_requests: int = 0
    deep: int = 0  # full checks tried, those that could not be made (deep_failed) among them
    deep_requests: int = 0
    deep_failed: int = 0
    deep_hosts: tuple[HostRequests, ...] = ()  # deep_requests per host (the `requests` table)
    deep_kept: int = 0  # of the top N, checked in full at that revision before (not stored)
    # of `judged`, stored before at that revision and judged again for the frameworks or modes
    # named (not stored: `judged` is)
    judged_again: int = 0
    judged_again_for: tuple[str, ...] = ()
    judged_by_another: bool = False  # some, as another osai had judged them


# The (model, revision) pairs given as two lists ($1: ids, $2: revisions), in a WHERE clause.
_MODELS = "(repo_id, revision) IN (SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]))"


def forget_models(connection: Any, ids: str, parameters: list[Any]) -> None:
    """Every row of the models whose ids the query `ids` gives, in every table that holds rows
    of a model (MODEL_TABLES), in the caller's transaction."""
    for table in MODEL_TABLES:
        connection.execute(f"DELETE FROM {table} WHERE repo_id IN ({ids})", parameters)


def latest_first(connection: Any) -> str:
    """A model's revisions, its latest first (the population the report counts, and the row the
    export marks `latest`): the one listed last, then the one judged last.  A window over
    `models`, for row_number() OVER (...).  Judged last alone, a model whose commit went back
    (A, then B, then A again: a force-push) counted B, which the Hub no longer lists, A being
    skipped as stored; a store written before `listed_run` was kept has only the judging."""
    listed = (
        "listed_run DESC NULLS LAST, "
        if "listed_run" in table_columns(connection, "models")
        else ""
    )
    return f"PARTITION BY repo_id ORDER BY {listed}judged_at DESC, revision"


def table_columns(connection: Any, table: str) -> set[str]:
    """The columns `table` of the store has: one added to the schema after a store was written
    is missing from it until it is opened for writing (osai.census.schema)."""
    found = connection.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database()"
        " AND schema_name = 'main' AND table_name = ?",
        [table],
    ).fetchall()
    return {str(name) for (name,) in found}


def known_page_size(pages: int, page_size: int) -> int | None:
    """The Hub's page size, when the listing showed it: the first of several pages was full.
    A single page may be the last, partial one (18 models in one page say nothing of how many a
    page holds), so it shows no size; nor does a page cut short by `--limit`, alone."""
    return page_size if pages > 1 and page_size > 0 else None


class CensusStore:
    """One open census database."""

    def __init__(self, connection: Any, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> CensusStore:
        """The database at `path`, opened (for writing: its tables made, when it has none) with
        a Ctrl-C held (osai.census.interrupts): pressed as the store was made, DuckDB took it
        for an error of the statement it stopped (`SET memory_limit`, the tables' COMMIT), an
        internal error, and left a file with no tables.  Now the store is made whole, then the
        Ctrl-C stops the command."""
        with held_interrupts():
            return cls._open(path, read_only=read_only)

    @classmethod
    def _open(cls, path: Path, *, read_only: bool) -> CensusStore:
        import duckdb

        if path.is_dir():
            raise BadInput(
                f"{path}: is a directory, not a census database; give a file name "
                f"(--db {path / 'osai-census.duckdb'})"
            )
        if not read_only and (clash := _log_clash(path)):
            raise BadInput(f"{path}: {clash}")
        if read_only and not path.is_file():
            raise BadInput(
                f"{path}: no census database here (run `osai census --db {quote(str(path))}`)"
            )
        if foreign := _not_duckdb(path):
            raise BadInput(f"{path}: not an osai census database ({foreign})")
        try:
            connection = duckdb.connect(str(path), read_only=read_only, config=_CONFIG)
            connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        except duckdb.Error as error:
            reason = first_line(error)
            if _locked(reason):
                raise EvidenceUnavailable(_in_use(path, reason)) from None
            raise BadInput(f"{path}: cannot open the census database ({reason})") from None
        store = cls(connection, path)
        try:
            found = None
            if read_only or store._holds_tables():
                found = store._check_version()  # before anything is written into it
                store._check_tables(read_only=read_only)
            if not read_only:
                store._create(migrate=found in _OLDER_VERSIONS)
        except BadInput:
            connection.close()
            raise
        except duckdb.Error as error:
            connection.close()
            reason = first_line(error)
            raise BadInput(f"{path}: cannot create the census tables ({reason})") from None
        return store

    def close(self) -> None:
        self.connection.close()

    def _holds_tables(self) -> bool:
        """Whether the database has tables or views already: a census, or someone's own database
        (which is never written into: osai's tables beside the user's, or over a `models` of
        theirs; a view of theirs named `runs` made `CREATE TABLE IF NOT EXISTS` a no-op)."""
        row = self.connection.execute(
            "SELECT (SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database())"
            " + (SELECT count(*) FROM duckdb_views() WHERE database_name = current_database()"
            " AND NOT internal)"
        ).fetchone()
        return bool(row and row[0])

    def _create(self, *, migrate: bool = False) -> None:
        """The tables and the schema version, all or none: tables without a version were a
        database neither census nor the user's ("census schema version none") at every run.
        `migrate`: the store is of an older version (_OLDER_VERSIONS), made this one's in the
        same transaction."""
        with self._transaction():
            for statement in TABLES:
                self.connection.execute(statement)
            self.connection.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION]
            )
            if migrate:
                self._migrate()

    def _migrate(self) -> None:
        """A store of an older version made this one's, in the caller's transaction (its new
        columns are added by TABLES).  Version 1 kept one run per row, `run_id`: the run that
        stored it, or, in a store an osai wrote that moved it to the run judging it again, that
        run; which, the store does not say.  It is the best known of both: the row's judging run
        (`judged_run`) starts as it, and its storing run stays it."""
        self.connection.execute("UPDATE models SET judged_run = run_id WHERE judged_run IS NULL")
        self.connection.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION]
        )

    def _check_version(self) -> str:
        """The store's schema version: this osai's, or an older one it reads (_OLDER_VERSIONS);
        any other refused."""
        try:
            row = self.connection.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except Exception as error:  # not a census database at all
            reason = first_line(error)
            raise BadInput(f"{self.path}: not an osai census database ({reason})") from None
        if row is None or (row[0] != SCHEMA_VERSION and row[0] not in _OLDER_VERSIONS):
            found = row[0] if row else "none"
            newer = " (upgrade osai to read it)" if _newer(found) else ""
            raise BadInput(
                f"{self.path}: census schema version {found}; this osai writes {SCHEMA_VERSION}"
                f"{newer}"
            )
        return str(row[0])

    def _check_tables(self, *, read_only: bool) -> None:
        """The census tables it has hold the columns every census store has, and a store read
        has those a report reads: another program's database with a `meta` of its own saying
        `schema_version` 1, and a `models` table of its own, had the census add five tables to
        it, then end with an internal error, as `report` did on a census missing a table.
        Opened for writing, a table missing is made, as in a new store."""
        found: dict[str, set[str]] = {}
        for table, column, kind in self.connection.execute(
            "SELECT table_name, column_name, c.data_type FROM duckdb_columns() c"
            " JOIN duckdb_tables() t USING (database_name, schema_name, table_name)"
            " WHERE database_name = current_database() AND schema_name = 'main'"
        ).fetchall():
            found.setdefault(str(table), set()).add(str(column))
            declared = _DECLARED_TYPES.get((str(table), str(column)))
            if declared is not None and str(kind) != declared:
                # a store of another program's, or edited: verdicts.judged_by an INTEGER, or
                # models.downloads a VARCHAR, ended the run (or the report) in an internal error
                raise BadInput(
                    f"{self.path}: not an osai census database (its column {table}.{column} "
                    f"is {one_line(str(kind), 40)}, not {declared})"
                )
        for table, columns in LASTING_COLUMNS.items():
            missing = [column for column in columns if column not in found.get(table, columns)]
            if missing:
                raise BadInput(
                    f"{self.path}: not an osai census database "
                    f"(its table {table} has no column {missing[0]})"
                )
        absent = [table for table in READ_TABLES if table not in found]
        if read_only and absent:
            raise BadInput(
                f"{self.path}: not a whole osai census database (it has no table {absent[0]})"
            )

    # --- runs ------------------------------------------------------------------------------

    def start_run(
        self,
        query: dict[str, Any],
        endpoint: str,
        shard: str,
        frameworks: Sequence[str] = (),
        modes: Mapping[str, str] | None = None,
    ) -> int:
        """`frameworks`: the ids of those the run judges with; `modes`: each one's mode.  The
        endpoint is stored without its user:password@: HF_ENDPOINT's password stood in the runs
        table, and in the Markdown report that names the last run's endpoint."""
        from osai.redaction import without_credentials

        shown = without_credentials(endpoint)
        with self._transaction():  # a full disk said in one line, as a page's write says it
            row = self.connection.execute(
                "SELECT coalesce(max(run_id), 0) + 1 FROM runs"
            ).fetchone()
            run_id = int(row[0]) if row else 1
            self.connection.execute(
                "INSERT INTO runs (run_id, started_at, query, endpoint, shard, osai_version, "
                "status, frameworks, modes) VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)",
                [
                    run_id, _now(), json.dumps(query, sort_keys=True), shown, shard,
                    __version__, json.dumps(list(frameworks)),
                    json.dumps(dict(modes or {}), sort_keys=True),
                ],
            )  # fmt: skip
        return run_id

    def frameworks(self) -> tuple[str, ...]:
        """The ids of the frameworks the store was built with, sorted: those of its verdicts,
        and those each run asked for (one that failed before judging any model among them).
        Empty when no verdict is stored and no run said (a store written before runs did)."""
        listed = self.connection.execute("SELECT DISTINCT framework FROM verdicts").fetchall()
        found = {str(framework) for (framework,) in listed}
        if "frameworks" in table_columns(self.connection, "runs"):
            asked = self.connection.execute(
                "SELECT frameworks FROM runs WHERE frameworks IS NOT NULL"
            ).fetchall()
            for (text,) in asked:
                found.update(_framework_ids(text))
        return tuple(sorted(found))

    def _record_progress(self, run_id: int, totals: RunTotals) -> None:
        self.connection.execute(
            "UPDATE runs SET listed = ?, judged = ?, skipped = ?, outside_shard = ?, "
            "unreadable = ?, pages = ?, page_size = ?, listing_requests = ?, judged_again = ?, "
            "listed_twice = ?, private = ?, disabled = ? WHERE run_id = ?",
            [
                totals.listed, totals.judged, totals.skipped, totals.outside_shard,
                totals.unreadable, totals.pages, totals.page_size, totals.listing_requests,
                totals.judged_again, totals.listed_twice, totals.private, totals.disabled, run_id,
            ],
        )  # fmt: skip

    def finish_run(self, run_id: int, totals: RunTotals, status: str, reason: str = "") -> None:
        """How the run ended: ``complete``, ``failed`` (``reason``: why, in one line) or
        ``interrupted``."""
        with self._transaction():  # a full disk said in one line, as a page's write says it
            self._record_end(run_id, totals, status, reason)

    def _record_end(self, run_id: int, totals: RunTotals, status: str, reason: str) -> None:
        self.connection.execute(
            "UPDATE runs SET finished_at = ?, listed = ?, judged = ?, skipped = ?, "
            "outside_shard = ?, unreadable = ?, pages = ?, page_size = ?, listing_requests = ?, "
            "deep = ?, deep_requests = ?, deep_failed = ?, status = ?, reason = ?, "
            "judged_again = ?, listed_twice = ?, private = ?, disabled = ? WHERE run_id = ?",
            [
                _now(), totals.listed, totals.judged, totals.skipped, totals.outside_shard,
                totals.unreadable, totals.pages, totals.page_size, totals.listing_requests,
                totals.deep, totals.deep_requests, totals.deep_failed, status, reason or None,
                totals.judged_again, totals.listed_twice, totals.private, totals.disabled,
                run_id,
            ],
        )  # fmt: skip

    def expected_total(self, query: dict[str, Any]) -> int | None:
        """How many models the last complete run of the same query listed (for the ETA)."""
        row = self.connection.execute(
            "SELECT listed FROM runs WHERE query = ? AND status = 'complete' "
            "ORDER BY run_id DESC LIMIT 1",
            [json.dumps(query, sort_keys=True)],
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    # --- models ----------------------------------------------------------------------------

    def judged_under(
        self, keys: Sequence[tuple[str, str]], depth: Depth
    ) -> dict[tuple[str, str], frozenset[tuple[str, str, str]]]:
        """Which of these (model, revision) are stored judged at this depth, and as what each:
        (framework, mode, the osai that judged it).  A verdict stored before modes were kept
        has the mode "", one stored before its osai was kept the osai ""."""
        if not keys:
            return {}
        ids, revisions = zip(*keys, strict=True)
        try:
            rows = self.connection.execute(
                "SELECT v.repo_id, v.revision, v.framework, coalesce(v.mode, ''),"
                " coalesce(v.judged_by, '') FROM verdicts v "
                "JOIN (SELECT unnest($1::VARCHAR[]) AS repo_id, unnest($2::VARCHAR[]) AS "
                "revision) k USING (repo_id, revision) WHERE v.depth = $3",
                [list(ids), list(revisions), depth.value],
            ).fetchall()
        except Exception as error:
            if interrupted(error):  # Ctrl-C, caught by DuckDB: a Ctrl-C for the census
                raise KeyboardInterrupt from None
            raise
        judged: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
        for repo_id, revision, framework, mode, judged_by in rows:
            verdict = (str(framework), str(mode), str(judged_by))
            judged.setdefault((str(repo_id), str(revision)), set()).add(verdict)
        return {key: frozenset(under) for key, under in judged.items()}

    def listed_in_run(self, keys: Sequence[tuple[str, str]], run_id: int) -> set[tuple[str, str]]:
        """Which of these (model, revision) this run listed already, on a page it stored: a
        listing sorted by a value that moves (`--sort downloads`) lists a model again.  Asked of
        the store (each row keeps the last run that listed it, `listed_run`), not of a set of
        every id a run listed: a run over the whole Hub lists millions."""
        if not keys:
            return set()
        ids, revisions = zip(*keys, strict=True)
        rows = self.connection.execute(
            "SELECT m.repo_id, m.revision FROM models m JOIN (SELECT unnest($1::VARCHAR[]) AS"
            " repo_id, unnest($2::VARCHAR[]) AS revision) k USING (repo_id, revision)"
            " WHERE m.listed_run = $3",
            [list(ids), list(revisions), run_id],
        ).fetchall()
        return {(str(repo_id), str(revision)) for repo_id, revision in rows}

    def write(
        self,
        records: Sequence[CensusRecord],
        run_id: int,
        progress: RunTotals | None = None,
        again: Sequence[CensusRecord] = (),
        recounted: Sequence[ListedModel] = (),
        withheld: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Store one page of judged models, all or nothing; with `progress`, the run's figures
        so far, in the same transaction (a run killed after it says what it had stored).
        `again`: models stored at this revision, judged again from their metadata under
        frameworks or modes they were not judged under, or by another osai: their verdicts
        replace those stored of the same frameworks (the others stay), and their reading of the
        listing the one stored (_read_again).  `recounted`: models
        stored at this revision, listed again: their downloads and likes, which change without
        a commit, are the listing's now (the report weighs verdicts by them).  `withheld`: the
        models the listing says are private or disabled now (id, why), whose rows are removed
        (_forget_models)."""
        if not records and not again and not recounted and not withheld and progress is None:
            return
        now = _now()
        with self._transaction():
            if progress is not None:
                self._record_progress(run_id, progress)
            if withheld:
                self._forget_models(withheld, now)
            if recounted:
                self._recount(recounted, run_id)
            if again:
                self._forget_verdicts(again, Depth.METADATA)
                self._insert("verdicts", VERDICT_COLUMNS, _verdict_rows(again))
                self._read_again(again, now, run_id)
            metadata = [r for r in records if r.depth is Depth.METADATA]
            if metadata:
                self._insert(
                    "models", MODEL_COLUMNS, (_model_row(r, now, run_id) for r in metadata)
                )
                # listed as public again: no longer withheld
                self.connection.execute(
                    "DELETE FROM withheld WHERE list_contains($1::VARCHAR[], repo_id)",
                    [[r.model.repo_id for r in metadata]],
                )
            deep = [r for r in records if r.depth is Depth.DEEP]
            if deep:
                ids = [r.model.repo_id for r in deep]
                revisions = [r.model.revision for r in deep]
                # judged by this run: its verdicts are this run's; the row stays the storing
                # run's (README, "The census store")
                self.connection.execute(
                    "UPDATE models SET depth = 'deep', judged_at = $3, judged_run = $4"
                    f" WHERE {_MODELS}",
                    [ids, revisions, now, run_id],
                )
                self._forget_verdicts(deep, Depth.DEEP)
                self._forget_deep(ids, revisions, run_id)
            self._insert("verdicts", VERDICT_COLUMNS, _verdict_rows(records))
            self._insert("findings", FINDING_COLUMNS, _finding_rows(records))
            self._insert("links", LINK_COLUMNS, _link_rows(records))
            requests = ((r.model.repo_id, r.model.revision, r.requests) for r in records)
            self._insert("requests", REQUEST_COLUMNS, _request_rows(requests, run_id))

    def _forget_models(self, withheld: Sequence[tuple[str, str]], now: datetime) -> None:
        """Every row of these models (each revision, its verdicts, findings, links and
        requests), in the caller's transaction: the listing says each is private or disabled
        now.  The census describes the public Hub, and its store is what is exported, merged
        and reported: a row kept would go on counting, and naming in a published report, a
        model its owner has since withdrawn from the public, which a listing without the token
        no longer shows at all.  Listed as public again, it is judged again, as a new model.
        Each is kept in `withheld`, with when it was seen so, for a merge (osai.census.merge)."""
        ids = [repo_id for repo_id, _ in withheld]
        forget_models(self.connection, "SELECT unnest($1::VARCHAR[])", [ids])
        self.connection.execute(
            "INSERT OR REPLACE INTO withheld SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]),"
            " $3",
            [ids, [why for _, why in withheld], now],
        )

    def _read_again(self, records: Sequence[CensusRecord], now: datetime, run_id: int) -> None:
        """What else judging models again from their metadata stores, in the caller's
        transaction: how osai reads their listing (their licence, claims, bases) and what it
        noticed, each as this osai reads it.  Judged again by another osai (the one that judged
        them changed: osai.census.build), a model kept the licence family the earlier one read
        (a Creative Commons licence by its name, unknown then) beside verdicts of the new one.
        Its `judged_run` becomes this run, which wrote its verdicts; its `run_id` stays the run
        that stored it (which run of which query listed it first: the report's "listed at a new
        revision" and the models a query no longer lists), as do its depth, downloads and
        likes: they are not read from its metadata, or are recounted as listed (_recount)."""
        kept = {"repo_id", "revision", "downloads", "likes", "depth", "run_id", "listed_run"}
        read = [(i, name) for i, (name, _) in enumerate(MODEL_COLUMNS) if name not in kept]
        rows = [_model_row(record, now, run_id) for record in records]
        values = [[r.model.repo_id for r in records], [r.model.revision for r in records]]
        values += [[row[i] for row in rows] for i, _ in read]
        kinds = dict(MODEL_COLUMNS)
        selected = ", ".join(
            f"unnest(${n}::{kinds[name]}[]) AS {name}"
            for n, name in enumerate(("repo_id", "revision", *(name for _, name in read)), 1)
        )
        assigned = ", ".join(f"{name} = k.{name}" for _, name in read)
        self.connection.execute(
            f"UPDATE models SET {assigned} FROM (SELECT {selected}) k"
            " WHERE models.repo_id = k.repo_id AND models.revision = k.revision",
            values,
        )
        self.connection.execute(
            f"DELETE FROM findings WHERE depth = 'metadata' AND {_MODELS}", values[:2]
        )
        self._insert("findings", FINDING_COLUMNS, _finding_rows(records))

    def _recount(self, models: Sequence[ListedModel], run_id: int) -> None:
        """The downloads and likes of stored (model, revision) set to what the listing says
        now, and this run as the last that listed them, in the caller's transaction: a model
        skipped at the same revision kept those of the run that judged it, and a later census
        weighed its verdicts by last year's downloads."""
        self.connection.execute(
            "UPDATE models SET downloads = k.downloads, likes = k.likes, listed_run = $5 FROM ("
            "SELECT "
            "unnest($1::VARCHAR[]) AS repo_id, unnest($2::VARCHAR[]) AS revision, "
            "unnest($3::BIGINT[]) AS downloads, unnest($4::BIGINT[]) AS likes) k "
            "WHERE models.repo_id = k.repo_id AND models.revision = k.revision",
            [
                [m.repo_id for m in models], [m.revision for m in models],
                [m.downloads for m in models], [m.likes for m in models], run_id,
            ],
        )  # fmt: skip

    def write_failure(
        self,
        repo_id: str,
        revision: str,
        message: str,
        requests: tuple[HostRequests, ...] = (),
        run_id: int | None = None,
    ) -> None:
        """A deep check that could not be made: kept as a finding (with the requests it sent),
        tried again next run.  What an earlier full check of the same revision stored stays
        beside it (a run asking for a framework it lacked checks it again): a server down
        today says nothing against what it answered then, and was the user's only record."""
        with self._transaction():
            self.connection.execute(
                f"DELETE FROM findings WHERE depth = 'deep' AND kind = 'error' AND {_MODELS}",
                [[repo_id], [revision]],
            )  # the error of an earlier try (or of this one, stored twice by a Ctrl-C)
            self._forget_requests([repo_id], [revision], run_id)
            self.connection.execute(
                "INSERT INTO findings VALUES (?, ?, 'deep', 'error', ?)",
                [repo_id, revision, shown(message, run_secrets())],
            )
            rows = _request_rows([(repo_id, revision, requests)], run_id)
            self._insert("requests", REQUEST_COLUMNS, rows)

    def _forget_deep(self, ids: list[str], revisions: list[str], run_id: int | None) -> None:
        """What a full check of these (model, revision) stored before, deleted in the caller's
        transaction: storing a check again (a Ctrl-C just after it was stored stores it twice)
        replaces it, and `findings`, `links` and `requests` have no key to ignore a row by.  A
        full check's outcome replaces an earlier run's (its error: the check could not be made
        then); the requests of earlier runs stay, one row per run and host.  The verdicts of a
        check made are replaced by _forget_verdicts: those of frameworks it was not asked for
        stay.  A model judged from its metadata needs none of this: it is written only when not
        stored (judged_under; judged again, its verdicts and its findings are replaced, in the
        pages that hold such models only: _read_again), and a page's delete would scan these
        tables, which grow with the census, page by page."""
        for table, where in (("findings", "depth = 'deep'"), ("links", "true")):
            self.connection.execute(
                f"DELETE FROM {table} WHERE {where} AND {_MODELS}", [ids, revisions]
            )
        self._forget_requests(ids, revisions, run_id)

    def _forget_requests(self, ids: list[str], revisions: list[str], run_id: int | None) -> None:
        """The requests this run stored of these models (stored again, they are not twice)."""
        self.connection.execute(
            f"DELETE FROM requests WHERE run_id IS NOT DISTINCT FROM $3 AND {_MODELS}",
            [ids, revisions, run_id],
        )

    def _forget_verdicts(self, records: Sequence[CensusRecord], depth: Depth) -> None:
        """The verdicts stored at `depth` of these models, of the frameworks they are judged
        under now, deleted in the caller's transaction (the key has no mode: a verdict in
        another mode is replaced)."""
        ids = [r.model.repo_id for r in records]
        revisions = [r.model.revision for r in records]
        frameworks = sorted({v.framework for r in records for v in r.verdicts})
        self.connection.execute(
            "DELETE FROM verdicts WHERE depth = $3 AND list_contains($4::VARCHAR[], framework)"
            f" AND {_MODELS}",
            [ids, revisions, depth.value, frameworks],
        )

    def _insert(
        self, table: str, columns: Sequence[tuple[str, str]], rows: Iterable[tuple[Any, ...]]
    ) -> None:
        listed = list(rows)
        if not listed:
            return
        values = [list(column) for column in zip(*listed, strict=True)]
        selected = ", ".join(
            f"unnest(${i}::{kind}[])" for i, (_, kind) in enumerate(columns, start=1)
        )
        names = ", ".join(name for name, _ in columns)
        verb = "INSERT OR IGNORE INTO" if table in KEYED else "INSERT INTO"
        self.connection.execute(f"{verb} {table} ({names}) SELECT {selected}", values)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing, for a writer of the store outside it (osai.census.merge)."""
        with self._transaction():
            yield

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """All or nothing; a Ctrl-C that DuckDB caught mid-statement (it raises its own error,
        not KeyboardInterrupt) is a Ctrl-C again once the transaction is rolled back, so the
        census stops as interrupted (and stores the page whole), not with an internal error."""
        self.connection.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException as error:
            self.connection.execute("ROLLBACK")
            if interrupted(error):
                raise KeyboardInterrupt from None
            self._refuse_unwritten(error)
            raise
        try:
            self.connection.execute("COMMIT")
        except Exception as error:
            self._refuse_unwritten(error)
            raise

    def _refuse_unwritten(self, error: BaseException) -> None:
        """A write the file system refused (a full disk, a quota, a file-size limit), in one
        line: it was "internal error: TransactionException: ... No space left on device", exit
        70, a bug to report, and the runs table's reason "internal error".  DuckDB rolls the
        page back, so what earlier pages stored stays, and the same command resumes."""
        reason = unwritten(error)
        if reason:
            raise BadInput(
                f"{self.path}: cannot write the census database ({reason}); what it stored "
                "before stays, and the same command resumes"
            ) from None


# DuckDB's word for a write the operating system refused, and the system's own reason after it:
# `Could not write file "x.wal": No space left on device`, or within the JSON a COPY's failed
# write reports (`…"Could not write file \"x.csv\": File too large","errno":"27"}`).
_UNWRITTEN = re.compile(r'Could not write file \\?".*?\\?": ([^"\\]+)')


def unwritten(error: BaseException) -> str:
    """The operating system's reason when DuckDB could not write a file (the store's WAL, its
    database, a spill file, an export), else ""."""
    found = _UNWRITTEN.search(first_line(error))
    return found.group(1).strip() if found else ""


def _locked(reason: str) -> bool:
    """Whether DuckDB refused to open the file because another process holds it: a census
    writing it (DuckDB lets one process write a file, and none read it meanwhile)."""
    return "Could not set lock on file" in reason


def _in_use(path: Path, reason: str) -> str:
    """The store is another process's for now, in one line: DuckDB's own says where its lock is
    documented, over two hundred characters; the process holding it is what the user needs."""
    found = re.search(r"\(PID (\d+)\)", reason)
    who = f" (PID {found.group(1)})" if found else ""
    return f"{path}: in use by another process{who}; wait for it to finish"


def _newer(version: object) -> bool:
    """Whether a stored schema version is one a later osai writes (a number above ours)."""
    text = str(version)
    return text.isascii() and text.isdigit() and int(text) > int(SCHEMA_VERSION)


def interrupted(error: BaseException) -> bool:
    """Whether DuckDB raised this for a Ctrl-C: its interrupt error, or, for a SIGINT that
    arrived mid-statement, RuntimeError("Query interrupted") (DuckDB 2.0)."""
    import duckdb

    if isinstance(error, duckdb.InterruptException):
        return True
    return isinstance(error, RuntimeError) and str(error) == "Query interrupted"


def _model_row(record: CensusRecord, now: datetime, run_id: int) -> tuple[Any, ...]:
    model, licence = record.model, record.licence
    return (
        model.repo_id, model.revision, model.author, _naive(model.created_at),
        _naive(model.last_modified), model.downloads, model.likes, model.gated,
        model.pipeline_tag, model.library_name, list(model.tags), list(model.base_models),
        model.base_relation, licence.found, licence.where, licence.state, licence.normalised,
        licence.family, list(licence.tags), licence.restricted, list(licence.binds),
        list(record.claims), record.depth.value, now, run_id, run_id, run_id,
    )  # fmt: skip


def _verdict_rows(records: Sequence[CensusRecord]) -> Iterator[tuple[Any, ...]]:
    for record in records:
        model = record.model
        for v in record.verdicts:
            yield (
                model.repo_id, model.revision, record.depth.value, v.framework, v.outcome,
                v.label, v.definite, v.level, v.certainty, v.mode, v.judged_by,
            )  # fmt: skip


def _finding_rows(records: Sequence[CensusRecord]) -> Iterator[tuple[Any, ...]]:
    """Each finding, without the run's secrets: the store is a file others read (a check
    judges a release as read, osai.redaction)."""
    secrets = run_secrets()
    for record in records:
        model = record.model
        for finding in record.findings:
            said = shown(finding.message, secrets)
            yield (model.repo_id, model.revision, record.depth.value, finding.kind, said)


def _link_rows(records: Sequence[CensusRecord]) -> Iterator[tuple[Any, ...]]:
    """Each link followed, its address and answer without the run's secrets (_finding_rows)."""
    secrets = run_secrets()
    for record in records:
        model = record.model
        for link in record.links:
            kept = link.cached
            url, answer = shown(link.url, secrets), shown(link.answer, secrets)
            because = shown(kept.because, secrets) if kept else None
            yield (
                model.repo_id, model.revision, link.kind, url, answer, link.read,
                _kept_at(kept.kept_at) if kept else None, because,
                link.found if link.read else None,  # not read: not known
            )  # fmt: skip


def _kept_at(moment: str) -> datetime | None:
    """When a kept answer was kept (ISO 8601, from the answer cache): None if it does not parse
    (the cache is a file anyone could have edited; `cached_because` still says it was kept)."""
    try:
        return _naive(datetime.fromisoformat(moment))
    except ValueError:
        return None


def _request_rows(
    requests: Iterable[tuple[str, str, tuple[HostRequests, ...]]], run_id: int | None
) -> Iterator[tuple[Any, ...]]:
    for repo_id, revision, hosts in requests:
        for sent in hosts:
            yield (repo_id, revision, run_id, sent.host, sent.service, sent.requests, sent.failed)


def _naive(moment: datetime | None) -> datetime | None:
    """UTC, without a zone: DuckDB's TIMESTAMP (the Hub's dates are UTC)."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _framework_ids(text: object) -> tuple[str, ...]:
    """runs.frameworks (a JSON list of ids), read: none when it is not one (a store edited by
    hand, or damaged: a column of text, nested past the parser, or a number too long)."""
    try:
        ids = json_value(str(text))
    except NotJson:
        return ()
    return tuple(each for each in ids if isinstance(each, str)) if isinstance(ids, list) else ()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# DuckDB keeps a database's write-ahead log beside it, its name and this; opened for writing, the
# database replays and deletes whatever file holds that name (read only, it leaves it).
_LOG_SUFFIX = ".wal"


def write_ahead_log(path: Path) -> Path:
    """Where DuckDB keeps the log of the database at `path`: committed rows not yet checkpointed
    (a census killed mid-run leaves them there), replayed when the database is next opened."""
    return path.with_name(path.name + _LOG_SUFFIX)


def _log_clash(path: Path) -> str:
    """Why writing a store at `path` would lose a census to DuckDB's log, else "": a census made
    with --db x.duckdb.wal was deleted, whole and without a word, the next time a census wrote
    x.duckdb."""
    if path.name.endswith(_LOG_SUFFIX) and len(path.name) > len(_LOG_SUFFIX):
        owner = path.name.removesuffix(_LOG_SUFFIX)
        return (
            f"DuckDB writes the log of {owner} under this name (and deletes it when {owner} is "
            "opened); name the census otherwise"
        )
    log = write_ahead_log(path)
    if is_duckdb_database(log):
        return (
            f"{log.name} beside it is a DuckDB database, which opening {path} for writing would "
            "delete as its log; move it first"
        )
    return ""


def is_duckdb_database(path: Path) -> bool:
    """Whether the file at `path` is a DuckDB database (a census, or another tool's store)."""
    try:
        return path.is_file() and not _not_duckdb(path)
    except OSError:  # cannot be looked at: whoever writes there says why
        return False


def _not_duckdb(path: Path) -> str:
    """Why the existing file at `path` is no DuckDB database, before DuckDB opens it ("" when it
    may be one, or is not there): DuckDB blocks for ever opening a named pipe, and hands a
    SQLite file to its SQLite extension."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return "not a regular file"
        with path.open("rb") as file:
            header = file.read(len(DUCKDB_MAGIC) + 8)
    except OSError:  # not there (made), or not readable (DuckDB says why)
        return ""
    return "" if header[8:] == DUCKDB_MAGIC else "not a DuckDB file"


def first_line(error: BaseException) -> str:
    """What a DuckDB error says, in one line (its first), or its type when it says nothing."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
