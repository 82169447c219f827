"""`osai census` when the listing holds items that cannot be read: an item huggingface_hub cannot
build a ModelInfo from (a creation date that is no date), a value that is not an object at all,
an item that names no repository.  Each is skipped and counted; the run goes on to the next item,
judges the rest, stores how many it could not read, and says so, as the report does.  Before, one
such item ended every run at its page (list_models raised while building the ModelInfo), and a
resume failed again at the same page."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from census_hub import bare_hub, rows, run_census, value
from census_population import build_population
from clirunner import run_osai
from loopback_hub import LoopbackHub

PAGE = 10


def listing_items() -> list[dict[str, Any]]:
    """Twenty models as the listing serves them (expand keys only): two pages of ten."""
    return build_population(20, seed=3).items[: 2 * PAGE]


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with bare_hub(PAGE) as running:
        yield running


def with_undated(items: list[dict[str, Any]], index: int) -> list[dict[str, Any]]:
    """The items, the one at `index` dated "not-a-date" (huggingface_hub's ModelInfo raises)."""
    served = copy.deepcopy(items)
    served[index]["createdAt"] = "not-a-date"
    return served


def report_markdown(db: Path) -> str:
    report = run_osai("census", "report", "--db", str(db))
    assert report.code == 0, report.stderr
    return report.stdout


def test_an_unreadable_item_on_page_one_is_skipped_and_counted(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    items = listing_items()
    hub.add_listing(with_undated(items, 3))
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    unread = items[3]["id"]
    judged = {str(r[0]) for r in rows(db, "SELECT repo_id FROM models")}
    assert judged == {item["id"] for item in items} - {unread}
    assert rows(db, "SELECT status, listed, judged, pages, unreadable FROM runs") == [
        ("complete", 2 * PAGE, 2 * PAGE - 1, 2, 1)
    ]
    assert "judged 19 (metadata only)" in result.stdout
    assert "1 listed item could not be read" in result.stdout
    assert "1 listed item could not be read" in report_markdown(db)


def test_items_that_are_no_model_are_counted_page_by_page(hub: LoopbackHub, tmp_path: Path) -> None:
    items = listing_items()
    nameless = {**copy.deepcopy(items[4]), "id": "not a repository id"}
    hub.add_listing([*with_undated(items, 1), nameless])
    # not objects at all, after page 1's items; and an object the client cannot build
    hub.listing_strays[1] = ["a string", 7, None, [1, 2], {"no": "id"}]
    hub.listing_strays[2] = [{"id": "org/model", "createdAt": 5}]
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    assert value(db, "SELECT count(*) FROM models") == 2 * PAGE - 1
    # one undated, five strays, one nameless, one of a wrong date type
    assert value(db, "SELECT unreadable FROM runs") == 8
    assert "8 listed items could not be read" in result.stdout
    assert "8 listed items could not be read" in report_markdown(db)


def test_a_store_without_the_unreadable_column_is_given_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A store written before runs kept `unreadable`: a report reads it as none unread, and the
    next run adds the column (as `reason` was added) and fills it."""
    import duckdb

    hub.add_listing(with_undated(listing_items(), 0))
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    with duckdb.connect(str(db)) as connection:
        connection.execute("ALTER TABLE runs DROP COLUMN unreadable")
    assert "could not be read" not in report_markdown(db)
    assert run_census(hub, db).code == 0
    assert rows(db, "SELECT run_id, unreadable FROM runs ORDER BY run_id") == [(1, None), (2, 1)]


def test_a_page_that_is_not_a_list_ends_the_run_at_that_page(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Not one unreadable item but no listing at all: huggingface_hub's `paginate` would yield an
    object's keys as items (a run "complete" with nothing judged)."""
    hub.add_listing(listing_items())
    hub.listing_replaced[2] = {"error": "not a listing"}
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 3
    assert result.stderr == (
        f"osai: error: cannot list models on 127.0.0.1:{hub.port}: malformed answer from "
        f"127.0.0.1:{hub.port}: not the Hub API's JSON (page 2; the pages before it are stored: "
        "the same command resumes)\n"
    )
    assert rows(db, "SELECT status, listed, judged, unreadable FROM runs") == [
        ("failed", PAGE, PAGE, 0)
    ]


def test_a_page_nested_past_the_parser_ends_the_run_in_one_line(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """JSON nested deeper than Python's parser goes: a RecursionError ended the census as an
    internal error (exit 70)."""
    hub.add_listing(listing_items())
    hub.listing_replaced[2] = b"[" * 100_000 + b"]" * 100_000
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert (result.code, result.stderr.count("\n")) == (3, 1), result.stderr
    assert "not the Hub API's JSON (page 2; the pages before it are stored" in result.stderr
    assert rows(db, "SELECT status, listed, judged FROM runs") == [("failed", PAGE, PAGE)]


def test_a_lone_surrogate_is_stored_as_the_replacement_character(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`"\\ud800"` is valid JSON but no character: DuckDB refused the string, and the census
    ended as an internal error (exit 70) at the page holding it, at every run."""
    items = listing_items()
    odd = copy.deepcopy(items[3])
    odd["tags"] = [*odd.get("tags", []), "made-by-\ud800"]
    odd["cardData"] = {"license": "mit\udfff", "tags": ["\udc00open source"]}
    hub.add_listing([*items[:3], odd, *items[4:]])
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    assert rows(db, "SELECT listed, judged, unreadable FROM runs") == [(2 * PAGE, 2 * PAGE, 0)]
    found = rows(db, f"SELECT licence_found, tags FROM models WHERE repo_id = '{odd['id']}'")
    assert found == [("mit\ufffd", [*odd["tags"][:-1], "made-by-\ufffd"])]
    report = run_osai("census", "report", "--db", str(db))
    assert report.code == 0, report.stderr
