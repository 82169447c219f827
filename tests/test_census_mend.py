"""What a review of `osai census` left alone, each through what the user sees:

- `osai census --filter a b` said "No such command 'b'" (click read the second value as the
  name of a command): an option takes one value, and the line now says to repeat it;
- the README's shard merge (`INSERT INTO links SELECT * FROM s1.links`, now `osai census
  merge`) failed on a shard
  written before `links.cached_at` and `cached_because` were added and never written to since;
- the sentence of a census with at most one creation month was made twice, once per format: it
  is made in one place (osai.census.summary), the output of each format unchanged;
- Ctrl-C lost the models the Hub had sent that were not stored yet.
"""

from __future__ import annotations

import dataclasses
import re
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from census_hub import CtrlC, listing_requests, rows, run_census, served_hub
from clirunner import Result, run_osai
from loopback_hub import LISTING_PATTERN, LoopbackHub

from osai.census import run as census_run
from osai.census.judge import CensusJudge
from osai.census.rules import load_census_rules
from osai.census.schema import TABLES
from osai.census.store import CensusStore
from osai.census.summary import (
    BEFORE_FLOOR,
    LICENCE_CLASSES,
    UNDATED,
    CensusSummary,
    Count,
    Month,
    census_summary,
)
from osai.formatters.census_html import render_census_html
from osai.formatters.census_markdown import render_census_markdown
from osai.rules import load_ruleset

# --- --filter takes one value --------------------------------------------------------------------


def test_a_second_value_after_filter_is_told_to_repeat_the_option(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    result = run_osai("census", "--db", str(db), "--filter", "text-generation", "llama")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: osai census has no command 'llama' (report, export or merge), and an option "
        "takes one value: repeat it for several (--filter A --filter B)\n"
    )
    assert not db.exists()  # nothing was run
    mistyped = run_osai("census", "reprot")  # a command's name mistyped: click's suggestion
    assert mistyped.code == 2
    assert (
        mistyped.stderr
        == "osai: error: No such command 'reprot'. Did you mean 'report', 'export'?\n"
    )


def test_the_help_says_how_several_filters_combine() -> None:
    said = " ".join(run_osai("census", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "--filter TAG Only models with this tag (repeatable: with every tag given)." in said


# --- the README's shard merge, of a shard of an older schema --------------------------------------

# `links` as a store written before its `cached_at` and `cached_because` columns had it
OLD_LINKS = """CREATE TABLE links (
    repo_id VARCHAR NOT NULL, revision VARCHAR NOT NULL, kind VARCHAR, url VARCHAR,
    answer VARCHAR, read BOOLEAN)"""


def old_shard(path: Path) -> None:
    """A shard of one model checked in full, with the links table of the older schema."""
    with duckdb.connect(str(path)) as connection:
        for statement in TABLES:
            if "links" not in statement:
                connection.execute(statement)
        connection.execute(OLD_LINKS)
        connection.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        connection.execute(
            "INSERT INTO models (repo_id, revision, depth, judged_at, run_id) "
            "VALUES ('org/old', 'abc', 'deep', TIMESTAMP '2025-01-02 03:04:05', 1)"
        )
        connection.execute(
            "INSERT INTO verdicts (repo_id, revision, depth, framework, outcome) "
            "VALUES ('org/old', 'abc', 'deep', 'osaid', 'unmet')"
        )
        connection.execute("INSERT INTO findings VALUES ('org/old', 'abc', 'deep', 'k', 'm')")
        connection.execute(
            "INSERT INTO links VALUES ('org/old', 'abc', 'paper', "
            "'https://arxiv.org/abs/2304.01373', 'paper: arXiv 2304.01373', true)"
        )
        connection.execute(
            "INSERT INTO requests VALUES ('org/old', 'abc', 1, 'huggingface.co', 'hub', 3, 0)"
        )
    assert "cached_at" not in {
        name for (name,) in rows(path, "SELECT name FROM pragma_table_info('links')")
    }


def test_the_merge_takes_a_shard_of_the_older_schema(tmp_path: Path) -> None:
    shard = tmp_path / "shard-1.duckdb"
    old_shard(shard)
    merged = tmp_path / "osai-census.duckdb"
    CensusStore.open(merged).close()  # a census database of this osai's schema
    merge = run_osai("census", "merge", str(shard), "--db", str(merged))
    assert merge.code == 0, merge.stderr
    assert rows(merged, "SELECT repo_id, depth FROM models") == [("org/old", "deep")]
    assert rows(merged, "SELECT count(*) FROM verdicts") == [(1,)]
    assert rows(merged, "SELECT count(*) FROM findings") == [(1,)]
    assert rows(merged, "SELECT url, read, cached_at, cached_because FROM links") == [
        ("https://arxiv.org/abs/2304.01373", True, None, None)
    ]
    assert rows(merged, "SELECT host, requests FROM requests") == [("huggingface.co", 3)]
    report = run_osai("census", "report", "--db", str(merged))
    assert report.code == 0, report.stderr
    assert "Models: **1**" in report.stdout


# --- the sentence of at most one creation month ---------------------------------------------


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> CensusSummary:
    """A summary of an empty store, given its months by each test."""
    db = tmp_path_factory.mktemp("months") / "c.duckdb"
    CensusStore.open(db).close()
    store = CensusStore.open(db, read_only=True)
    try:
        return census_summary(store, load_census_rules(load_ruleset()), {})
    finally:
        store.close()


def month(name: str, models: int) -> Month:
    first, *others = LICENCE_CLASSES
    return Month(name, (Count(first, models, 0), *(Count(label, 0, 0) for label in others)))


NOTE = (
    "{} no creation month (created before the Hub recorded creation dates, in March 2022, or "
    "not reported): not shown here."
)
# months → the paragraphs both formats say (the HTML page's; the Markdown's blocks before its
# table).  The Markdown said "Every model was created before the Hub recorded creation dates" of
# the Hub's placeholder date, and showed rows `before 2022-03` and `unknown` unexplained beside
# the one dated month, where the HTML page said why they are not shown.
MONTHS = {
    "one month": (
        (month("2023-07", 3),),
        ["The 3 models with a known creation month were all created in 2023-07."],
    ),
    "one model": (
        (month("2023-07", 1),),
        ["The one model with a known creation month was created in 2023-07."],
    ),
    "none dated": (
        (month(UNDATED, 4),),
        [NOTE.format("4 models have"), "No model has a known creation month."],
    ),
    "before the Hub's dates": (
        (month(BEFORE_FLOOR, 2),),
        [NOTE.format("2 models have"), "No model has a known creation month."],
    ),
    "one dated among others": (
        (month(BEFORE_FLOOR, 1), month("2023-07", 1), month(UNDATED, 16)),
        [
            NOTE.format("17 models have"),
            "The one model with a known creation month was created in 2023-07.",
        ],
    ),
    "two dated among others": (
        (month(BEFORE_FLOOR, 1), month("2023-07", 1), month("2023-09", 2), month(UNDATED, 1)),
        [NOTE.format("2 models have")],
    ),
}


def _pages(summary: CensusSummary, months: tuple[Month, ...]) -> tuple[list[str], list[str]]:
    """The HTML page's paragraphs, and the Markdown's blocks up to its table (if any)."""
    shown = dataclasses.replace(summary, models=sum(m.models for m in months), months=months)
    html = render_census_html(shown).split("<h2>Change over time (by creation month)</h2>\n")[1]
    paragraphs = re.findall(r"<p>(.*?)</p>", html.split("<figure")[0])
    markdown = render_census_markdown(shown).split("## Change over time (by creation month)\n\n")
    blocks = markdown[1].strip().split("\n\n")
    return paragraphs, [block for block in blocks if not block.startswith("| Month |")]


@pytest.mark.parametrize("case", MONTHS, ids=str)
def test_both_formats_say_the_months_in_the_same_words(summary: CensusSummary, case: str) -> None:
    months, said = MONTHS[case]
    paragraphs, blocks = _pages(summary, months)
    assert paragraphs == said
    assert blocks == said
    dated = [m.month for m in months if m.month[:1].isdigit()]
    shown = dataclasses.replace(summary, models=sum(m.models for m in months), months=months)
    table = render_census_markdown(shown)
    rows = re.findall(r"^\| (\S+) \| \d", table, re.M)
    assert rows == (dated if len(dated) > 1 else [])  # the months shown are the dated ones


# --- Ctrl-C stores what the Hub sent -------------------------------------------------------------

PAGE = 5  # the 18 fixtures in 4 pages


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    """The loopback Hub listing the 18 fixture repositories, PAGE a page."""
    with served_hub() as running:
        running.listing_page_size = PAGE
        yield running


def stored(db: Path) -> int:
    return int(rows(db, "SELECT count(*) FROM models")[0][0])


def test_ctrl_c_between_pages_leaves_nothing_the_hub_sent_unstored(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Pressed once the second page is stored: the third, which the Hub had sent already (a page
    was handed on only when the next one arrived), was dropped."""
    db = tmp_path / "c.duckdb"
    request = census_run.CensusRequest(db=db, endpoint=hub.endpoint, public_assessments=False)
    with pytest.raises(KeyboardInterrupt):
        census_run.run_census(request, CtrlC("listing", 2))
    assert listing_requests(hub) * PAGE == stored(db) == 10  # every model sent is stored
    assert rows(db, "SELECT status, listed, judged, pages FROM runs") == [
        ("interrupted", 10, 10, 2)
    ]
    resumed = census_run.run_census(request)
    assert (resumed.status, resumed.totals.judged, resumed.totals.skipped) == ("complete", 8, 10)
    assert stored(db) == 18


def test_ctrl_c_while_a_page_is_judged_stores_the_page(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed while the second page's models are judged: the page is judged to its end and
    stored, counted once, before the run stops."""
    judged = CensusJudge.metadata
    calls = 0

    def pressed_at_the_seventh(self: CensusJudge, *args: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 7:
            raise KeyboardInterrupt
        return judged(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(CensusJudge, "metadata", pressed_at_the_seventh)
    db = tmp_path / "c.duckdb"
    request = census_run.CensusRequest(db=db, endpoint=hub.endpoint, public_assessments=False)
    with pytest.raises(KeyboardInterrupt):
        census_run.run_census(request)
    assert stored(db) == 10
    assert rows(db, "SELECT status, listed, judged, skipped, pages FROM runs") == [
        ("interrupted", 10, 10, 0, 2)
    ]


def test_ctrl_c_in_the_deep_checks_stores_every_check_begun(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Pressed once the first full check is stored (one at a time): the checks under way end and
    are stored, and those not begun are not begun.  The pool went on with every check queued
    (ten, here), and stored none of them."""
    db = tmp_path / "c.duckdb"
    request = census_run.CensusRequest(
        db=db, endpoint=hub.endpoint, deep=10, jobs=1, public_assessments=False
    )
    with pytest.raises(KeyboardInterrupt):
        census_run.run_census(request, CtrlC("deep", 1))
    begun = {  # a full check asks for its model at the listed revision first
        found.group(1)
        for sent in hub.requests
        if (found := re.match(r"^/api/models/([^/]+/[^/]+)/revision/", sent.path))
    }
    deep = rows(
        db,
        "SELECT repo_id FROM models WHERE depth = 'deep' UNION "
        "SELECT repo_id FROM findings WHERE depth = 'deep' AND kind = 'error'",
    )
    assert {repo_id for (repo_id,) in deep} == begun
    assert 1 <= len(begun) < 10


def census_interrupted_at(hub: LoopbackHub, db: Path, *, page: int) -> Result:
    """The census run in process, sent SIGINT (as Ctrl-C sends it) once it waits for `page`."""
    hang = hub.inject_hang(LISTING_PATTERN, page=page)
    main = threading.get_ident()

    def press_ctrl_c() -> None:
        deadline = time.monotonic() + 60
        while hang.hits == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        signal.pthread_kill(main, signal.SIGINT)

    pressing = threading.Thread(target=press_ctrl_c, daemon=True)
    pressing.start()
    try:
        return run_census(hub, db)
    finally:
        hang.release()
        pressing.join(timeout=60)


def test_ctrl_c_says_where_the_census_stopped_and_resumes(hub: LoopbackHub, tmp_path: Path) -> None:
    """The real command, interrupted (SIGINT, as Ctrl-C sends it) while it waits for the third
    page: one line, exit 130, and the two pages the Hub sent are stored; run again, it goes on."""
    db = tmp_path / "c.duckdb"
    result = census_interrupted_at(hub, db, page=3)
    assert (result.code, result.stdout) == (130, "")
    assert result.stderr == (
        "osai: interrupted after page 2 of the listing (10 models listed): what it listed is "
        f"stored in {db}; the same command resumes\n"
    )
    assert stored(db) == 10
    again = run_census(hub, db)
    assert again.code == 0, again.stderr
    assert "judged 8 (metadata only), skipped 10 already judged" in again.stdout
    assert stored(db) == 18


def test_ctrl_c_before_the_first_page_says_this_run_stored_nothing(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Interrupted while the first page is on its way, into a database an earlier run filled:
    "no model is stored in DB yet" was false of it.  It is this run that stored none."""
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db).code == 0
    result = census_interrupted_at(hub, db, page=1)
    assert result.code == 130
    assert result.stderr.endswith(f": this run stored no model in {db}\n"), result.stderr
    assert stored(db) > 0  # the earlier run's models are there
