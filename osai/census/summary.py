"""The report's data, computed from the store by SQL: a CensusSummary (pure data the formatters
render).

The population is the latest stored revision of each model.  Verdict distributions use the
metadata-only verdicts (the same evidence for every model); the deep verdicts of the top models
are shown beside them.  Downloads are the Hub's count for the last 30 days.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from osai.assessment import outcome_as_counted
from osai.census.candidates import DROPPING_TERMS, Candidate, Sql, claimed_open, dropped_terms
from osai.census.query import ListingQuery, stored_query
from osai.census.record import Depth
from osai.census.rules import CensusRules
from osai.census.store import CensusStore, latest_first, table_columns
from osai.jsonsafe import NotJson, json_value
from osai.redaction import without_credentials
from osai.rules import DEFAULT_MODE, Framework

TOP_FAMILIES = 12
OTHER_FAMILIES = "All other families"
FLOOR = "2022-03-02 23:29:04"  # the Hub's creation date for repos older than its records
BEFORE_FLOOR = "before 2022-03"
UNDATED = "unknown"  # the month of a model the listing gave no creation date
NO_LICENCE, RESTRICTED, UNKNOWN, UNRESTRICTED = (
    "No licence",
    "Use-restricted licence",
    "Licence unknown, other or custom",
    "Licence without use restrictions",
)
LICENCE_CLASSES = (UNRESTRICTED, RESTRICTED, UNKNOWN, NO_LICENCE)
# The relations a derivative's listing may give (the Hub's `base_model_relation`) that the report
# names apart; any other, or none given, is counted as one more kind ("").
RELATIONS = ("finetune", "quantized", "adapter", "merge")
# The report's headline share: the models of the last two classes, together.  Its label names
# them both, as the classes do: it once read "Unknown or other" beside a class of the same name
# that excluded the models with no licence.
NO_OR_UNKNOWN_LICENCE = "No licence, or licence unknown, other or custom"
# The last row of a verdict table: the models with no verdict under its framework (or in its
# mode), so that its shares are of every model.
NOT_JUDGED = "not judged under this framework"
NOT_JUDGED_IN_MODE = "not judged in this mode"
# The queries the report names that the population's models were stored with; the others are
# counted (a store filled by hundreds of runs, each with its own query, names a few).
MAX_QUERIES = 5

# A group's downloads: the sum of the counts given, and how many of its models had none.
SUMS = "coalesce(sum(downloads), 0), count(*) FILTER (WHERE downloads IS NULL)"


@dataclass(frozen=True)
class Count:
    label: str
    models: int
    downloads: int  # the sum of the counts the listing gave
    uncounted: int = 0  # of the models, those it gave no download count for (not in `downloads`)

    @property
    def downloads_known(self) -> bool:
        """Whether any of its models has a download count: a sum of none is unknown, not 0."""
        return self.uncounted < self.models or not self.models


def summed(label: str, counts: Iterable[Count]) -> Count:
    """Several groups' counts as one group's, under `label`."""
    found = tuple(counts)
    return Count(
        label,
        sum(c.models for c in found),
        sum(c.downloads for c in found),
        sum(c.uncounted for c in found),
    )


@dataclass(frozen=True)
class FrameworkCounts:
    framework: str
    name: str
    outcomes: tuple[Count, ...]


@dataclass(frozen=True)
class Month:
    month: str
    counts: tuple[Count, ...]  # by licence class (LICENCE_CLASSES order)

    @property
    def models(self) -> int:
        return sum(count.models for count in self.counts)


@dataclass(frozen=True)
class Derived:
    """Of the models under a licence without use restrictions, the derivatives (a base model
    named): each is counted by the licence it declares, which its base's licence may bind to
    other terms, read by the census only of a base in it."""

    unrestricted: int  # the models under a licence without use restrictions
    # of them, the derivatives per relation (RELATIONS, or ""), the most first and "" last
    relations: tuple[tuple[str, int], ...] = ()
    dropping: int = 0  # of those, declaring a licence a base of theirs in the census does not allow
    uncompared: int = 0  # of those, with a base in the census whose licence it cannot compare
    outside: int = 0  # of those, none of whose bases is in the census: their licences unread

    @property
    def derivatives(self) -> int:
        return sum(models for _, models in self.relations)


@dataclass(frozen=True)
class RunChanges:
    """What a run changed in the store, of the models it listed: those it judged (new to the
    census, listed at a new revision, or judged again at the revision stored) and those it
    skipped, stored already at that revision (their downloads and likes updated).  A second run
    said only how many models there were, not which it had judged, nor why."""

    judged: int
    revised: int  # of `judged`, models stored before at another revision
    again: int  # of `judged`, models stored before at that revision (judged again)
    skipped: int

    @property
    def new(self) -> int:
        """Of `judged`, the models the census had not stored at any revision."""
        return max(self.judged - self.revised - self.again, 0)


@dataclass(frozen=True)
class RunFacts:
    runs: int
    endpoint: str
    query: str  # as stored (runs.query)
    status: str
    listed: int
    pages: int
    page_size: int
    listing_requests: int
    deep: int  # full checks tried, those that could not be made (deep_failed) among them
    deep_requests: int
    deep_failed: int
    started: str
    finished: str
    reason: str = ""  # why it failed ("" unless it did)
    unreadable: int = 0  # listed items it could not read (skipped)
    listing: ListingQuery | None = None  # the query read (None: the stored one is not one)
    shard: str = ""  # K/N: the share of the listing this machine judged ("" all of it)
    changes: RunChanges | None = None  # what it changed in the store (None: not recorded)
    # the models it listed again at the revision it had listed them at (not in `changes`)
    listed_twice: int = 0
    # the models it listed as private or disabled, left out (the census is of the public Hub)
    private: int = 0
    disabled: int = 0
    run_id: int = 0  # its own number (0: that of `runs`, the last)

    @property
    def number(self) -> int:
        """The run's number, as the runs table gives it."""
        return self.run_id or self.runs

    @property
    def options(self) -> str | None:
        """The `osai census` options that list the same models (and judge the same share), as
        a shell reads them: "" for none; None when the stored query is not one osai reads."""
        if self.listing is None:
            return None
        shard = ("--shard", self.shard) if self.shard else ()
        return shlex.join((*self.listing.options(), *shard))

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def unfinished(self) -> bool:
        """Still marked running: the store is locked while a census writes it, so a report
        reads this only of a run that was killed (or whose machine stopped)."""
        return self.status == "running"


@dataclass(frozen=True)
class StoringQuery:
    """A query the population's models were stored with: the runs that stored them with it and
    how many of the models (at their latest revision) they stored.  Several runs of one query
    (its shards, a resumed run, a run again) are one query, listing one population."""

    query: str  # as stored (runs.query); "" when the run that stored them is not recorded
    runs: tuple[int, ...]  # their ids, ascending
    models: int
    listing: ListingQuery | None  # the query read (None: the stored one is not one)

    @property
    def options(self) -> str | None:
        """The `osai census` options that list the same models ("" for none; None when the
        stored query is not one osai reads)."""
        return None if self.listing is None else shlex.join(self.listing.options())


@dataclass(frozen=True)
class CensusSummary:
    models: int
    downloads: int  # the sum of the counts the listing gave
    uncounted: int  # models it gave no download count for (none, or none to believe)
    run: RunFacts | None
    frameworks: tuple[FrameworkCounts, ...]  # metadata only, every model
    deep: tuple[FrameworkCounts, ...]  # the models checked in full
    deep_kept: int  # of those, checked in part on answers kept by an earlier run (none fresh)
    deep_models: int  # the models whose latest revision is stored checked in full, by any run
    deep_failed: int  # the others whose latest revision's last full check could not be made
    families: tuple[Count, ...]
    licence_classes: tuple[Count, ...]  # in LICENCE_CLASSES order
    claims: tuple[Candidate, ...]
    claims_total: int
    lineage: tuple[Candidate, ...]
    lineage_total: int
    derivatives_checked: int  # derivatives with a base in the population
    derivatives_outside: int  # derivatives none of whose bases is in the population
    months: tuple[Month, ...]
    lineage_basis: str
    storing_runs: int = 0  # the runs that stored the models (each at its latest revision)
    # the runs that judged them last (wrote their verdicts: `judged_run`), said when a run judged
    # some again after the one that stored them (`judged_later` of them): how many, and the one
    # when there is one (None else)
    judging_runs: int = 0
    judging_run: int | None = None
    judged_later: int = 0
    # of derivatives_checked, those whose own licence or a base's (in the population) osai
    # cannot compare: none, unknown, other or several
    derivatives_unread: int = 0
    # the queries they stored them with (by the first run of each), at most MAX_QUERIES of them
    queries: tuple[StoringQuery, ...] = ()
    queries_total: int = 0  # all of them
    # models the last run, complete, did not list, though stored by a run of its query and shard
    unlisted: int = 0
    # of those, when the last run listed the first --limit N only: ranked below its N now (or
    # gone: a limited listing cannot tell), not `unlisted`
    below_limit: int = 0
    derived: Derived = Derived(0)  # the derivatives among the licences without use restrictions
    # the models (at their latest revision) a verdict of which another osai than `build` gave, or
    # one that did not say which it was: `osai check` may judge them otherwise now
    judged_elsewhere: int = 0
    build: str = ""  # the osai reporting (osai.census.build): "" when not said
    # the last run of each shard, when the store holds runs of several (merged shards, or one
    # store each shard ran on): the last run alone describes one share of the listing
    shards: tuple[RunFacts, ...] = ()

    @property
    def left_out(self) -> tuple[int, int]:
        """The private and disabled models the last run (of each shard) listed and left out."""
        runs = self.shards or ((self.run,) if self.run is not None else ())
        return sum(r.private for r in runs), sum(r.disabled for r in runs)

    @property
    def queries_named(self) -> bool:
        """Whether the report must name the queries the models were stored with: they are
        several (the population is their union, not one query's models), or one query that is
        not the last run's (the last run's line would be read as the population's query)."""
        if self.queries_total > 1:
            return True
        last = self.run.query if self.run is not None else None
        return any(query.query != last for query in self.queries)

    @property
    def no_or_unknown_licence(self) -> Count:
        """The headline share (NO_OR_UNKNOWN_LICENCE): the classes NO_LICENCE and UNKNOWN, so
        that it is, by construction, the sum of the figures the report gives for them."""
        counts = (c for c in self.licence_classes if c.label in (NO_LICENCE, UNKNOWN))
        return summed(NO_OR_UNKNOWN_LICENCE, counts)


def first_levels(frameworks: Iterable[Framework]) -> dict[str, str]:
    """Framework id → the label of its first level, for each framework of several levels whose
    labels do not say it: a verdict of one that proves no level and violates none is counted
    "Class III not demonstrated" (osai.assessment.outcome_as_counted)."""
    return {f.id: f.not_demonstrated_level for f in frameworks if f.not_demonstrated_level}


def is_dated(month: Month) -> bool:
    """A month of the calendar (``2023-07``): not UNDATED, nor BEFORE_FLOOR."""
    return month.month[:1].isdigit()


def dated_months(months: Sequence[Month]) -> tuple[Month, ...]:
    """The months of the calendar among CensusSummary.months: those a change over time shows."""
    return tuple(month for month in months if is_dated(month))


def undated_note(months: Sequence[Month]) -> str:
    """How many models have no known creation month, and why, said apart from the change over
    time (which shows the others), the HTML page's and the Markdown's alike: the Markdown showed
    rows `before 2022-03` (the Hub's placeholder date) and `unknown` unexplained where the HTML
    said this.  "" when every model has one."""
    undated = sum(m.models for m in months) - sum(m.models for m in dated_months(months))
    if not undated:
        return ""
    have = "model has" if undated == 1 else "models have"
    return (
        f"{undated:,} {have} no creation month (created before the Hub recorded creation dates, "
        "in March 2022, or not reported): not shown here."
    )


def one_month_sentence(
    months: Sequence[Month], *, known_only: bool, shown: Callable[[str], str] = str
) -> str:
    """What the report says of creation months when it has no change over time to show, in one
    sentence, the HTML page's and the Markdown's alike.  `months`: CensusSummary.months.

    `known_only`: the reader has been told apart how many models have no known creation month
    (the HTML page's note), so the sentence speaks of the others, of which at most one month is
    known.  Otherwise (the Markdown, which shows its table of months as soon as there are two
    rows, UNDATED and BEFORE_FLOOR among them) `months` is at most one row, and the sentence
    speaks of every model.  `shown`: a month as the format shows data."""
    if not months:
        return "No model is stored."
    if known_only:
        dated = [month for month in months if is_dated(month)]
        if not dated:
            return "No model has a known creation month."
        (known,) = dated
        if known.models == 1:
            return f"The one model with a known creation month was created in {shown(known.month)}."
        return (
            f"The {known.models:,} models with a known creation month were all created in "
            f"{shown(known.month)}."
        )
    if not months:
        return "No model is stored."
    (only,) = months
    if only.month == UNDATED:
        return "No model has a known creation month."
    if only.month == BEFORE_FLOOR:
        return "Every model was created before the Hub recorded creation dates (March 2022)."
    return f"Every model was created in {shown(only.month)}."


def census_summary(
    store: CensusStore,
    census: CensusRules,
    framework_names: Mapping[str, str],
    framework_levels: Mapping[str, str] | None = None,
    build: str = "",
) -> CensusSummary:
    """`framework_levels`: first_levels of the frameworks judged, so that a verdict stored by an
    osai that counted it by its label ("no class reached", not definite) is counted as
    `osai check` words it.  `build`: the osai reporting (osai.census.build), the models another
    judged said apart ("": not said)."""
    levels = framework_levels or {}
    sql = Sql(store.connection)
    sql.run(
        "CREATE OR REPLACE TEMP VIEW latest AS SELECT * FROM models"
        f" QUALIFY row_number() OVER ({latest_first(store.connection)}) = 1"
    )
    models, downloads, uncounted = sql.one(
        "SELECT count(*), coalesce(sum(downloads), 0), count(*) FILTER (WHERE downloads IS NULL)"
        " FROM latest"
    )
    claims_total, claims = claimed_open(sql, census)
    lineage_total, lineage = dropped_terms(sql)
    # unread: a licence the lineage compares (the derivative's own, or a base's in the census)
    # is none, unknown, other or several, which binds nothing osai knows: not a candidate, and
    # not shown free of one either
    checked, outside, unread = sql.one(
        "SELECT count(*) FILTER (WHERE has_base), count(*) FILTER (WHERE NOT has_base),"
        " count(*) FILTER (WHERE has_base AND unread) FROM ("
        " SELECT d.repo_id, bool_or(b.repo_id IS NOT NULL) AS has_base,"
        " bool_or(b.repo_id IS NOT NULL AND (d.licence_state IS DISTINCT FROM 'expression'"
        "  OR b.licence_state IS DISTINCT FROM 'expression')) AS unread FROM"
        " (SELECT repo_id, licence_state, unnest(base_models) AS base FROM latest) d"
        " LEFT JOIN latest b ON lower(b.repo_id) = lower(d.base) GROUP BY d.repo_id)"
    )
    deep_models, deep_failed = _deep_stored(sql)
    storing_runs, queries = _storing_queries(sql)
    judging_runs, judging_run, judged_later = _judging_runs(sql)
    run = _run(sql)
    shards = _shard_runs(sql)
    return CensusSummary(
        models=int(models),
        downloads=int(downloads),
        uncounted=int(uncounted),
        run=run,
        frameworks=_verdicts(sql, Depth.METADATA, framework_names, levels),
        deep=_verdicts(sql, Depth.DEEP, framework_names, levels),
        deep_kept=_deep_kept(sql),
        deep_models=deep_models,
        deep_failed=deep_failed,
        families=_families(sql, census),
        licence_classes=_classes(sql, census),
        claims=claims,
        claims_total=claims_total,
        lineage=lineage,
        lineage_total=lineage_total,
        derivatives_checked=int(checked),
        derivatives_outside=int(outside),
        derivatives_unread=int(unread),
        months=_months(sql, census),
        lineage_basis=census.lineage_basis,
        storing_runs=storing_runs,
        judging_runs=judging_runs,
        judging_run=judging_run,
        judged_later=judged_later,
        queries=queries[:MAX_QUERIES],
        queries_total=len(queries),
        unlisted=0 if _limited(run) else _unlisted(sql, run),
        below_limit=_unlisted(sql, run) if _limited(run) else 0,
        derived=_derived(sql, census),
        judged_elsewhere=_judged_elsewhere(sql, build),
        build=build,
        shards=shards,
    )


def _shard_runs(sql: Sql) -> tuple[RunFacts, ...]:
    """The last run of each shard (`--shard K/N`; "" a run of the whole listing) whose runs
    stored some of the models, in the order of their shards, when they are more than one: a
    merged census (osai.census.merge), whose last run judged one shard's models.  () otherwise.
    A shard that stored none of them is not the census's (a store made empty by a run of
    `--limit 1 --shard 1/1000000`, then the shards merged into it)."""
    rows = sql.all(
        "SELECT max(run_id) FROM runs WHERE coalesce(shard, '') IN ("
        " SELECT DISTINCT coalesce(r.shard, '') FROM runs r JOIN models m USING (run_id))"
        " GROUP BY coalesce(shard, '') ORDER BY coalesce(shard, '')"
    )
    if len(rows) < 2:
        return ()
    facts = (_run(sql, int(run_id)) for (run_id,) in rows)
    return tuple(fact for fact in facts if fact is not None)


def _run(sql: Sql, run_id: int | None = None) -> RunFacts | None:
    """The last run (or the run `run_id`).  A store written before ``runs.reason`` or
    ``runs.unreadable`` existed (and opened read-only, so not given them: osai.census.store)
    reads as if no run had said why it failed, nor had found an item it could not read."""
    present = _columns(sql, "runs")
    reason = "reason" if "reason" in present else "NULL"
    unreadable = "unreadable" if "unreadable" in present else "NULL"
    twice = "listed_twice" if "listed_twice" in present else "NULL"
    private = "private" if "private" in present else "NULL"
    disabled = "disabled" if "disabled" in present else "NULL"
    which, asked = ("", []) if run_id is None else ("WHERE run_id = ? ", [run_id])
    rows = sql.all(
        "SELECT (SELECT count(*) FROM runs), endpoint, query, status, listed, pages, page_size,"
        " listing_requests, deep, deep_requests, deep_failed, started_at, finished_at,"
        f" {reason}, {unreadable}, shard, {twice}, {private}, {disabled}, run_id FROM runs"
        f" {which}ORDER BY run_id DESC LIMIT 1",
        asked,
    )
    if not rows:
        return None
    (runs, endpoint, query, status, listed, pages, size, requests, deep, deep_requests,
     failed, started, finished, why, unread, shard, listed_again, hidden, off,
     number) = rows[0]  # fmt: skip
    # a store written before runs kept the endpoint without its user:password@ holds the
    # password there, and the Markdown report names the endpoint
    return RunFacts(
        int(runs), without_credentials(str(endpoint or "")), str(query or ""),
        str(status or ""), int(listed or 0), int(pages or 0), int(size or 0),
        int(requests or 0), int(deep or 0),
        int(deep_requests or 0), int(failed or 0), _moment(started), _moment(finished),
        str(why or ""), int(unread or 0), _query(query), str(shard or ""),
        _changes(sql, present, int(number)), int(listed_again or 0), int(hidden or 0),
        int(off or 0), int(number),
    )  # fmt: skip


def _changes(sql: Sql, present: set[str], number: int) -> RunChanges | None:
    """What the run `number` changed (RunChanges); None in a store written before runs kept
    how many they judged again."""
    if "judged_again" not in present:
        return None
    run_id, judged, skipped, again = sql.one(
        "SELECT run_id, judged, skipped, judged_again FROM runs WHERE run_id = ?", [number]
    )
    # `run_id` is the run that stored a row (a run judging it again sets its `judged_run`): the
    # run's models stored at a revision besides one an earlier run stored.
    revised = sql.one(
        "SELECT count(DISTINCT m.repo_id) FROM models m WHERE m.run_id = ? AND EXISTS ("
        " SELECT 1 FROM models o WHERE o.repo_id = m.repo_id AND o.revision <> m.revision"
        " AND o.run_id < m.run_id)",
        [run_id],
    )[0]
    if "judged_run" not in _columns(sql, "models"):
        # a store of schema version 1, read only: a run judging a row again may have set its
        # `run_id` (osai.census.store._migrate), so those counted are a bound: they are among
        # those new to the store, `judged` less `again`
        revised = min(int(revised), max(int(judged or 0) - int(again or 0), 0))
    return RunChanges(int(judged or 0), int(revised), int(again or 0), int(skipped or 0))


def _limited(run: RunFacts | None) -> bool:
    """Whether the last run listed the first --limit N only: a model of its query it did not
    list may rank below them now, not be gone (a re-run of `--limit 2` said the third model a
    run had stored was "deleted on the Hub, made private, or no longer matching it")."""
    return run is not None and run.listing is not None and run.listing.limit is not None


def _unlisted(sql: Sql, run: RunFacts | None) -> int:
    """The models (at their latest revision) stored by a run of the last run's query and shard
    that the last run did not list, when it listed that query to its end: deleted on the Hub,
    made private, no longer matching it.  They stay in the store, and in the report's figures,
    as they were last listed.  0 when the last run did not complete (it did not list them all),
    or the store does not keep which run listed a model last (written before it did)."""
    if run is None or run.status != "complete" or "listed_run" not in _columns(sql, "models"):
        return 0
    (count,) = sql.one(
        "SELECT count(*) FROM latest l JOIN runs r USING (run_id)"
        " WHERE coalesce(l.listed_run, l.run_id) < (SELECT max(run_id) FROM runs)"
        " AND r.query IS NOT DISTINCT FROM $1 AND coalesce(r.shard, '') = $2",
        [run.query, run.shard],
    )
    return int(count)


def _storing_queries(sql: Sql) -> tuple[int, tuple[StoringQuery, ...]]:
    """The runs that stored the population's models (each at its latest revision), and the
    queries they stored them with, by the first run of each: a store filled by runs of
    different queries holds the union of what they listed, not one query's population."""
    rows = sql.all(
        "SELECT l.run_id, r.query, count(*) FROM latest l LEFT JOIN runs r USING (run_id)"
        " GROUP BY 1, 2 ORDER BY 1 NULLS LAST"
    )
    runs: dict[str, list[int]] = {}
    models: dict[str, int] = {}
    for run_id, query, stored in rows:
        key = "" if query is None else str(query)  # a run not recorded (a store made by hand)
        runs.setdefault(key, []).extend(() if run_id is None else (int(run_id),))
        models[key] = models.get(key, 0) + int(stored)
    queries = tuple(
        StoringQuery(key, tuple(ids), models[key], _query(key) if key else None)
        for key, ids in runs.items()
    )
    return sum(1 for run_id, _, _ in rows if run_id is not None), queries


def _judging_runs(sql: Sql) -> tuple[int, int | None, int]:
    """The runs that judged the population's models last (`judged_run`: a run judging a stored
    model again, or checking it in full, wrote its verdicts), the one when there is one, and
    the models judged by another run than the one that stored them.  A store of schema version
    1, read only, has no `judged_run`: its `run_id` is the run that judged each row."""
    judged = "judged_run" if "judged_run" in _columns(sql, "models") else "run_id"
    runs, first, later = sql.one(
        f"SELECT count(DISTINCT {judged}), min({judged}),"
        f" count(*) FILTER (WHERE {judged} IS DISTINCT FROM run_id) FROM latest"
    )
    return int(runs), (int(first) if runs == 1 else None), int(later)


def _query(stored: object) -> ListingQuery | None:
    """runs.query (JSON), read: None when it is not JSON, or not a query osai reads."""
    try:
        return stored_query(json_value(str(stored)))
    except NotJson:  # a store written by hand: nested past the parser, a number too long
        return None


def _columns(sql: Sql, table: str) -> set[str]:
    return table_columns(sql.connection, table)


def _deep_stored(sql: Sql) -> tuple[int, int]:
    """The models checked in full, whichever run checked them (a run checks those of its top N
    not checked yet: the last run's figures are not the store's), and those whose last full
    check could not be made (its error kept, osai.census.store), each at its latest revision.
    A check made replaces an error stored before; an error stored after a check made keeps it
    (a run that asked for another framework tried again): such a model counts as checked."""
    checked, failed = sql.one(
        "SELECT count(*) FILTER (WHERE checked), count(*) FILTER (WHERE NOT checked) FROM ("
        " SELECT bool_or(s.checked) AS checked FROM ("
        "  SELECT repo_id, revision, true AS checked FROM verdicts WHERE depth = 'deep' UNION ALL"
        "  SELECT repo_id, revision, false FROM findings WHERE depth = 'deep' AND kind = 'error'"
        " ) s JOIN latest l USING (repo_id, revision) GROUP BY s.repo_id)"
    )
    return int(checked), int(failed)


def _deep_kept(sql: Sql) -> int:
    """The models checked in full of which a link was answered from an earlier run's kept answer.
    A store written before ``links.cached_because`` existed kept none."""
    if "cached_because" not in _columns(sql, "links"):
        return 0
    (kept,) = sql.one(
        "SELECT count(DISTINCT l.repo_id) FROM links l JOIN latest m"
        " ON m.repo_id = l.repo_id AND m.revision = l.revision"
        " WHERE m.depth = 'deep' AND l.cached_because IS NOT NULL"
    )
    return int(kept)


def _moment(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if hasattr(value, "strftime") else ""


def _verdicts(
    sql: Sql, depth: Depth, names: Mapping[str, str], levels: Mapping[str, str]
) -> tuple[FrameworkCounts, ...]:
    """One table per framework and mode the verdicts at `depth` were judged in, each ending with
    the models of the population not judged so (a run judges only the models it lists, under
    the frameworks and modes it asks for), so that its shares are of every model."""
    mode = "v.mode" if "mode" in _columns(sql, "verdicts") else "NULL"
    rows = sql.all(
        f"SELECT v.framework, {mode}, v.label, coalesce(v.definite, true),"
        f" coalesce(v.level, ''), count(*), {SUMS} FROM verdicts v"  # downloads: in latest
        " JOIN latest l USING (repo_id, revision) WHERE v.depth = ? GROUP BY 1, 2, 3, 4, 5",
        [depth.value],
    )
    counted: dict[tuple[str, str | None], dict[str, Count]] = {}
    for framework, judged_in, label, definite, level, models, downloads, uncounted in rows:
        shown = outcome_as_counted(
            str(label), bool(definite), str(level), levels.get(framework, "")
        )
        group = counted.setdefault((str(framework), judged_in), {})
        before = group.get(shown, Count(shown, 0, 0))
        group[shown] = summed(shown, (before, _count(shown, models, downloads, uncounted)))
    frameworks = {framework for framework, _ in counted}
    order = [name for name in names if name in frameworks] + sorted(frameworks - set(names))
    tables = []
    for framework in order:
        modes = sorted((m for f, m in counted if f == framework), key=lambda m: (m is None, m))
        for judged_in in modes:
            name = _framework_name(names.get(framework, framework), judged_in, len(modes) > 1)
            outcomes = _ranked(counted[(framework, judged_in)])
            rest = _not_judged(sql, depth, framework, judged_in, several_modes=len(modes) > 1)
            tables.append(
                FrameworkCounts(framework, name, outcomes + ((rest,) if rest.models else ()))
            )
    return tuple(tables)


def _framework_name(name: str, mode: str | None, several_modes: bool) -> str:
    """The framework's name, and the mode its verdicts were judged in unless it is the default
    one and the only one stored (a store written before modes were kept recorded none)."""
    if mode is None:
        return f"{name}, mode not recorded" if several_modes else name
    return f"{name}, mode {mode}" if several_modes or mode != DEFAULT_MODE else name


def _not_judged(
    sql: Sql, depth: Depth, framework: str, mode: str | None, *, several_modes: bool
) -> Count:
    """The models of the population (at `depth`: every model, or those checked in full) with no
    verdict under `framework` in `mode`."""
    label = NOT_JUDGED_IN_MODE if several_modes else NOT_JUDGED
    kept = "mode" in _columns(sql, "verdicts")  # a store written before modes were kept
    mode_matches = "v.mode IS NOT DISTINCT FROM ?" if kept else "true"
    population = "" if depth is Depth.METADATA else (
        " AND EXISTS (SELECT 1 FROM verdicts d WHERE d.repo_id = l.repo_id"
        " AND d.revision = l.revision AND d.depth = 'deep')"
    )  # fmt: skip
    row = sql.one(
        f"SELECT count(*), {SUMS} FROM latest l WHERE NOT EXISTS (SELECT 1 FROM verdicts v"
        " WHERE v.repo_id = l.repo_id AND v.revision = l.revision AND v.depth = ?"
        f" AND v.framework = ? AND {mode_matches}){population}",
        [depth.value, framework, *((mode,) if kept else ())],
    )
    return _count(label, *row)


def _ranked(counts: Mapping[str, Count]) -> tuple[Count, ...]:
    """The most models first, then by label."""
    return tuple(sorted(counts.values(), key=lambda count: (-count.models, count.label)))


def _families(sql: Sql, census: CensusRules) -> tuple[Count, ...]:
    """The most common families, the rest summed as OTHER_FAMILIES; a family that names no
    licence (no licence, `unknown`, other or custom) is always named: summed with the smallest
    licence families, the Hub's `license: unknown` was counted among licences."""
    rows = sql.all(
        f"SELECT licence_family, count(*), {SUMS} FROM latest GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    counts = [_count(*row) for row in rows]
    if len(counts) <= TOP_FAMILIES:
        return tuple(counts)
    no_licence = {*census.no_licence, *census.unknown_or_other}
    licences = [count for count in counts if count.label not in no_licence]
    named = len(counts) - len(licences)
    rest = licences[max(TOP_FAMILIES - 1 - named, 1) :]
    shown = [count for count in counts if count not in rest]
    return (*shown, summed(OTHER_FAMILIES, rest)) if rest else tuple(shown)


def _count(label: Any, models: Any, downloads: Any, uncounted: Any) -> Count:
    """A Count from a row of the store: label, count(*), and SUMS."""
    return Count(str(label), int(models), int(downloads), int(uncounted))


def _class_sql(census: CensusRules) -> tuple[str, list[Any]]:
    """A CASE giving each model its licence class (LICENCE_CLASSES), by the families
    rules/census.yaml puts in each; a licence whose restrictions are unknown (null: one part
    of it osai does not know, `Apache-2.0 AND LicenseRef-x`) is no licence without them."""
    case = (
        "CASE WHEN list_contains(?::VARCHAR[], licence_family) THEN ?"
        " WHEN licence_restricted THEN ?"
        " WHEN list_contains(?::VARCHAR[], licence_family) OR licence_restricted IS NULL THEN ?"
        " ELSE ? END"
    )
    parameters = [
        list(census.no_licence), NO_LICENCE, RESTRICTED, list(census.unknown_or_other), UNKNOWN,
        UNRESTRICTED,
    ]  # fmt: skip
    return case, parameters


def _classes(sql: Sql, census: CensusRules) -> tuple[Count, ...]:
    case, parameters = _class_sql(census)
    rows = sql.all(f"SELECT {case} AS class, count(*), {SUMS} FROM latest GROUP BY 1", parameters)
    found = {str(row[0]): _count(*row) for row in rows}
    return tuple(found.get(label, Count(label, 0, 0)) for label in LICENCE_CLASSES)


def _judged_elsewhere(sql: Sql, build: str) -> int:
    """The models (at their latest revision) with a verdict another osai than `build` gave, or
    one that did not say which it was (a store written before verdicts named it): a run skips
    none of them now, but the report counts what is stored; 0 when `build` is ""."""
    if not build:
        return 0
    other, parameters = "true", []  # a store written before verdicts named their osai
    if "judged_by" in _columns(sql, "verdicts"):
        other, parameters = "v.judged_by IS DISTINCT FROM ?", [build]
    (count,) = sql.one(
        "SELECT count(*) FROM latest l WHERE EXISTS (SELECT 1 FROM verdicts v"
        f" WHERE v.repo_id = l.repo_id AND v.revision = l.revision AND {other})",
        parameters,
    )
    return int(count)


def _derived(sql: Sql, census: CensusRules) -> Derived:
    """The derivatives among the models under a licence without use restrictions (each counted
    there by the licence it declares), by relation; those declaring a licence a base in the
    census does not allow (the lineage candidates), and those whose bases are all outside it."""
    case, parameters = _class_sql(census)
    unrestricted = f"({case}) = ?"
    free = [*parameters, UNRESTRICTED]
    (models,) = sql.one(f"SELECT count(*) FROM latest WHERE {unrestricted}", free)
    relations = sql.all(
        "SELECT CASE WHEN list_contains(?::VARCHAR[], base_relation) THEN base_relation"
        f" ELSE '' END AS relation, count(*) FROM latest WHERE len(base_models) > 0"
        f" AND {unrestricted} GROUP BY 1 ORDER BY relation = '', 2 DESC, 1",
        [list(RELATIONS), *free],
    )
    (dropping,) = sql.one(
        f"SELECT count(*) FROM ({DROPPING_TERMS}) d JOIN latest USING (repo_id, revision)"
        f" WHERE {unrestricted}",
        free,
    )
    # a base in the census whose licence is none, unknown, other or several binds nothing osai
    # knows: such a derivative is no candidate, and not shown to keep its base's terms either
    outside, uncompared = sql.one(
        "SELECT count(*) FILTER (WHERE NOT has_base), count(*) FILTER (WHERE uncompared) FROM ("
        " SELECT bool_or(b.repo_id IS NOT NULL) AS has_base, bool_or(b.repo_id IS NOT NULL"
        "  AND b.licence_state IS DISTINCT FROM 'expression') AS uncompared FROM"
        f" (SELECT repo_id, unnest(base_models) AS base FROM latest WHERE {unrestricted}) d"
        " LEFT JOIN latest b ON lower(b.repo_id) = lower(d.base)"  # Hub ids: any case
        " GROUP BY d.repo_id)",
        free,
    )
    counted = tuple((str(relation), int(count)) for relation, count in relations)
    return Derived(int(models), counted, int(dropping), int(uncompared), int(outside))


def _months(sql: Sql, census: CensusRules) -> tuple[Month, ...]:
    case, parameters = _class_sql(census)
    rows = sql.all(
        # a creation date after the model was judged is none the Hub could have recorded
        f"SELECT CASE WHEN created_at IS NULL OR created_at > judged_at THEN '{UNDATED}'"
        f" WHEN created_at <= TIMESTAMP '{FLOOR}' THEN '{BEFORE_FLOOR}'"
        f" ELSE strftime(created_at, '%Y-%m') END AS month, {case} AS class,"
        f" count(*), {SUMS} FROM latest GROUP BY 1, 2",
        parameters,
    )
    by_month: dict[str, dict[str, Count]] = {}
    for month, *counted in rows:
        by_month.setdefault(str(month), {})[str(counted[0])] = _count(*counted)
    ordered = sorted(by_month, key=lambda m: (m != BEFORE_FLOOR, m == UNDATED, m))
    return tuple(
        Month(m, tuple(by_month[m].get(c, Count(c, 0, 0)) for c in LICENCE_CLASSES))
        for m in ordered
    )
