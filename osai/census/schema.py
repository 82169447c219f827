"""The census store's schema: its tables, and the columns each page's rows are written as.

Documented in README.md, "The census store".  A column added after the first release of the schema
is added by an ``ALTER TABLE ... ADD COLUMN IF NOT EXISTS`` (a store written before gets it when
opened for writing) and read only where present (osai.census.summary).
"""

from __future__ import annotations

import re

TABLES = (
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS models (
        repo_id VARCHAR NOT NULL, revision VARCHAR NOT NULL, author VARCHAR,
        created_at TIMESTAMP, last_modified TIMESTAMP, downloads BIGINT, likes BIGINT,
        gated VARCHAR, pipeline_tag VARCHAR, library_name VARCHAR, tags VARCHAR[],
        base_models VARCHAR[], base_relation VARCHAR,
        licence_found VARCHAR, licence_where VARCHAR, licence_state VARCHAR,
        licence_normalised VARCHAR, licence_family VARCHAR, licence_tags VARCHAR[],
        licence_restricted BOOLEAN, licence_binds VARCHAR[], open_claims VARCHAR[],
        depth VARCHAR NOT NULL, judged_at TIMESTAMP NOT NULL, run_id BIGINT,
        PRIMARY KEY (repo_id, revision))""",
    """CREATE TABLE IF NOT EXISTS verdicts (
        repo_id VARCHAR NOT NULL, revision VARCHAR NOT NULL, depth VARCHAR NOT NULL,
        framework VARCHAR NOT NULL, outcome VARCHAR, label VARCHAR, definite BOOLEAN,
        level VARCHAR, certainty VARCHAR,
        PRIMARY KEY (repo_id, revision, depth, framework))""",
    """CREATE TABLE IF NOT EXISTS findings (
        repo_id VARCHAR NOT NULL, revision VARCHAR NOT NULL, depth VARCHAR NOT NULL,
        kind VARCHAR, message VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS links (
        repo_id VARCHAR NOT NULL, revision VARCHAR NOT NULL, kind VARCHAR, url VARCHAR,
        answer VARCHAR, read BOOLEAN, cached_at TIMESTAMP, cached_because VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS requests (
        repo_id VARCHAR NOT NULL, revision VARCHAR NOT NULL, run_id BIGINT, host VARCHAR,
        service VARCHAR, requests BIGINT, failed BIGINT)""",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id BIGINT PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP,
        query VARCHAR, endpoint VARCHAR, shard VARCHAR, osai_version VARCHAR,
        listed BIGINT, judged BIGINT, skipped BIGINT, outside_shard BIGINT, pages BIGINT,
        page_size BIGINT, listing_requests BIGINT, deep BIGINT, deep_requests BIGINT,
        deep_failed BIGINT, status VARCHAR, reason VARCHAR, unreadable BIGINT)""",
    # Added after the first release of the schema: a store written before gets them when opened
    # for writing, and a reader does without them (osai.census.summary).
    """ALTER TABLE runs ADD COLUMN IF NOT EXISTS reason VARCHAR""",
    """ALTER TABLE runs ADD COLUMN IF NOT EXISTS unreadable BIGINT""",
    """ALTER TABLE links ADD COLUMN IF NOT EXISTS cached_at TIMESTAMP""",
    """ALTER TABLE links ADD COLUMN IF NOT EXISTS cached_because VARCHAR""",
    # the frameworks the run judged with (a JSON list of ids): an export's columns even when no
    # verdict is stored (a run that failed before judging any)
    """ALTER TABLE runs ADD COLUMN IF NOT EXISTS frameworks VARCHAR""",
    # the framework's mode the verdict was judged in: a run asking for another mode judges the
    # model again (null: a verdict stored before, its mode unknown, is judged again too)
    """ALTER TABLE verdicts ADD COLUMN IF NOT EXISTS mode VARCHAR""",
    # the mode of each framework the run judged with (a JSON object), and how many of the models
    # it judged were stored before at that revision, judged again for frameworks or modes they
    # lacked
    """ALTER TABLE runs ADD COLUMN IF NOT EXISTS modes VARCHAR""",
    """ALTER TABLE runs ADD COLUMN IF NOT EXISTS judged_again BIGINT""",
    # whether the host found what the link names (false: no such repository, a dataset taken
    # down), as `osai check --format json` says it (`links[].found`); null when it was not read
    """ALTER TABLE links ADD COLUMN IF NOT EXISTS found BOOLEAN""",
    # the last run that listed the model at this revision (its downloads and likes are that
    # run's): a model a complete run of the same query no longer lists (deleted, made private)
    # is said apart in the report (null: stored before it was kept)
    """ALTER TABLE models ADD COLUMN IF NOT EXISTS listed_run BIGINT""",
    # the osai that judged the verdict (osai.census.build: its version and digest): a run of
    # another osai judges the model again (null: stored before it was kept, judged again too)
    """ALTER TABLE verdicts ADD COLUMN IF NOT EXISTS judged_by VARCHAR""",
    # the run that last wrote the model's verdicts (judged it again, or checked it in full),
    # beside `run_id`, the run that stored the row: schema version 2 (osai.census.store; a
    # store of version 1 gets it as its `run_id`, which some of its rows held this meaning in)
    """ALTER TABLE models ADD COLUMN IF NOT EXISTS judged_run BIGINT""",
    # the models the run listed again at the revision it had listed them at (a sort key that
    # moved while it listed), apart from those `skipped` (null: stored before it was kept)
    """ALTER TABLE runs ADD COLUMN IF NOT EXISTS listed_twice BIGINT""",
    # the models it listed as private or disabled, left out (the census describes the public
    # Hub; null: stored before they were left out)
    """ALTER TABLE runs ADD COLUMN IF NOT EXISTS private BIGINT""",
    """ALTER TABLE runs ADD COLUMN IF NOT EXISTS disabled BIGINT""",
    # the models last listed as private or disabled, their rows removed (`seen_at`: when): a
    # merge removes what it holds of them older than that, which a shard no longer holds
    """CREATE TABLE IF NOT EXISTS withheld (
        repo_id VARCHAR PRIMARY KEY, reason VARCHAR, seen_at TIMESTAMP)""",
)

# A column as CREATE TABLE declares it, and one an ALTER TABLE adds.
_DECLARED = re.compile(r"(?:\(|,)\s*(\w+) (?:VARCHAR|TIMESTAMP|BIGINT|BOOLEAN)\b")
_ADDED = re.compile(r"ALTER TABLE (\w+) ADD COLUMN IF NOT EXISTS (\w+)")
_CREATED = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+)")


def _lasting_columns() -> dict[str, tuple[str, ...]]:
    """Each table's columns that every census store holds: those its CREATE TABLE declares, less
    those added after the first release of the schema (a store written before lacks them), in
    the order declared."""
    added = {pair for statement in TABLES for pair in _ADDED.findall(statement)}
    columns: dict[str, tuple[str, ...]] = {}
    for statement in TABLES:
        if created := _CREATED.match(statement):
            table = created.group(1)
            declared = _DECLARED.findall(statement)
            columns[table] = tuple(c for c in declared if (table, c) not in added)
    return columns


LASTING_COLUMNS = _lasting_columns()
# The tables a report and an export read: a store lacking one is no whole census (`links` and
# `requests` came after the first stores were written, and are read only where present).
READ_TABLES = ("meta", "models", "verdicts", "findings", "runs")

MODEL_COLUMNS = (
    ("repo_id", "VARCHAR"), ("revision", "VARCHAR"), ("author", "VARCHAR"),
    ("created_at", "TIMESTAMP"), ("last_modified", "TIMESTAMP"), ("downloads", "BIGINT"),
    ("likes", "BIGINT"), ("gated", "VARCHAR"), ("pipeline_tag", "VARCHAR"),
    ("library_name", "VARCHAR"), ("tags", "VARCHAR[]"), ("base_models", "VARCHAR[]"),
    ("base_relation", "VARCHAR"), ("licence_found", "VARCHAR"), ("licence_where", "VARCHAR"),
    ("licence_state", "VARCHAR"), ("licence_normalised", "VARCHAR"),
    ("licence_family", "VARCHAR"), ("licence_tags", "VARCHAR[]"),
    ("licence_restricted", "BOOLEAN"), ("licence_binds", "VARCHAR[]"),
    ("open_claims", "VARCHAR[]"), ("depth", "VARCHAR"), ("judged_at", "TIMESTAMP"),
    ("run_id", "BIGINT"), ("listed_run", "BIGINT"), ("judged_run", "BIGINT"),
)  # fmt: skip
VERDICT_COLUMNS = (
    ("repo_id", "VARCHAR"), ("revision", "VARCHAR"), ("depth", "VARCHAR"),
    ("framework", "VARCHAR"), ("outcome", "VARCHAR"), ("label", "VARCHAR"),
    ("definite", "BOOLEAN"), ("level", "VARCHAR"), ("certainty", "VARCHAR"), ("mode", "VARCHAR"),
    ("judged_by", "VARCHAR"),
)  # fmt: skip
FINDING_COLUMNS = (
    ("repo_id", "VARCHAR"), ("revision", "VARCHAR"), ("depth", "VARCHAR"),
    ("kind", "VARCHAR"), ("message", "VARCHAR"),
)  # fmt: skip
LINK_COLUMNS = (
    ("repo_id", "VARCHAR"), ("revision", "VARCHAR"), ("kind", "VARCHAR"), ("url", "VARCHAR"),
    ("answer", "VARCHAR"), ("read", "BOOLEAN"), ("cached_at", "TIMESTAMP"),
    ("cached_because", "VARCHAR"), ("found", "BOOLEAN"),
)  # fmt: skip
REQUEST_COLUMNS = (
    ("repo_id", "VARCHAR"), ("revision", "VARCHAR"), ("run_id", "BIGINT"), ("host", "VARCHAR"),
    ("service", "VARCHAR"), ("requests", "BIGINT"), ("failed", "BIGINT"),
)  # fmt: skip
WITHHELD_COLUMNS = (("repo_id", "VARCHAR"), ("reason", "VARCHAR"), ("seen_at", "TIMESTAMP"))
# The tables holding rows of a model (each by its repo_id): what is removed of one the listing
# says is private or disabled now
MODEL_TABLES = ("models", "verdicts", "findings", "links", "requests")
# Tables whose rows have a primary key: a row already stored is left as it is (a resumed run).
KEYED = frozenset({"models", "verdicts"})
