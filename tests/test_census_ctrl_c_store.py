"""Ctrl-C at the edges of what the census stores, each against the real DuckDB store:

- a full check (--deep) stored just before a Ctrl-C was stored again as the run stopped (it had
  ended, so it was stored with those under way): `findings`, `links` and `requests` have no key,
  and held its rows twice.  Storing a model's full check is idempotent: it replaces what it stored;
- after a Ctrl-C in the full checks, the runs table said 0 were made (deep, deep_requests and
  deep_failed), though the checks that ended were stored: they are counted as each is stored;
- a Ctrl-C (a real SIGINT, as the terminal sends it) just after a page was stored, before it was
  counted, stored it again and counted its models as skipped, and a second Ctrl-C while the page
  was finished after the first stopped at once and lost it: a Ctrl-C is held while a page is
  judged, stored and counted (osai.census.interrupts).
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest
from census_hub import CtrlC, rows
from loopback_hub import LoopbackHub

from osai.census import run as census_run
from osai.census.judge import CensusJudge
from osai.census.record import (
    CensusRecord,
    Depth,
    FindingRow,
    HostRequests,
    LicenceSeen,
    LinkRow,
    ListedModel,
    Verdict,
)
from osai.census.store import CensusStore
from osai.census.tally import CensusInterrupted

DEEP_TABLES = ("verdicts", "findings", "links", "requests")


def deep_record(repo_id: str = "org/model") -> CensusRecord:
    """A full check's record with a row in each of the tables a full check writes."""
    licence = LicenceSeen("apache-2.0", "cardData.license", "spdx", "Apache-2.0", "permissive",
                          (), False, ())  # fmt: skip
    return CensusRecord(
        model=ListedModel(repo_id, "abc123"),
        depth=Depth.DEEP,
        licence=licence,
        claims=(),
        verdicts=(Verdict("osaid", "unknown", "unknown", False, "", ""),),
        findings=(FindingRow("note", "no training code linked"),),
        links=(LinkRow("paper", "https://arxiv.org/abs/2304.01373", "paper", True),),
        requests=(HostRequests("127.0.0.1:1", "hub", 4, 0),),
    )


def counts(db: Path) -> dict[str, int]:
    return {table: int(rows(db, f"SELECT count(*) FROM {table}")[0][0]) for table in DEEP_TABLES}


def test_a_full_check_stored_twice_is_stored_once(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    store = CensusStore.open(db)
    try:
        run_id = store.start_run({}, "http://127.0.0.1", "")
        store.write([deep_record()], run_id)
        store.write([deep_record()], run_id)
    finally:
        store.close()
    assert counts(db) == dict.fromkeys(DEEP_TABLES, 1)


def test_a_failed_full_check_stored_twice_is_stored_once(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    store = CensusStore.open(db)
    sent = (HostRequests("127.0.0.1:1", "hub", 2, 2),)
    try:
        run_id = store.start_run({}, "http://127.0.0.1", "")
        for _ in range(2):
            store.write_failure("org/model", "abc123", "refused", sent, run_id)
    finally:
        store.close()
    assert counts(db) == {"verdicts": 0, "findings": 1, "links": 0, "requests": 1}


def test_a_later_run_keeps_its_requests_and_replaces_the_outcome(tmp_path: Path) -> None:
    """A full check that failed in run 1 and was made in run 2: the model's findings are run 2's
    (its error is no longer true of it), and each run's requests stay."""
    db = tmp_path / "c.duckdb"
    store = CensusStore.open(db)
    try:
        first = store.start_run({}, "http://127.0.0.1", "")
        store.write_failure("org/model", "abc123", "refused", deep_record().requests, first)
        store.write([deep_record()], store.start_run({}, "http://127.0.0.1", ""))
    finally:
        store.close()
    assert rows(db, "SELECT kind FROM findings") == [("note",)]
    assert rows(db, "SELECT run_id FROM requests ORDER BY run_id") == [(1,), (2,)]


def test_ctrl_c_just_after_a_full_check_is_stored_stores_it_once(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed as the first full check's rows are committed, before the census counts it stored:
    the run stored it again with the checks under way."""
    write = CensusStore.write
    pressed = False

    def ctrl_c_after_the_first_full_check(self: CensusStore, *args: Any, **kwargs: Any) -> None:
        nonlocal pressed
        write(self, *args, **kwargs)
        if not pressed and any(r.depth is Depth.DEEP for r in args[0]):
            pressed = True
            raise KeyboardInterrupt

    monkeypatch.setattr(CensusStore, "write", ctrl_c_after_the_first_full_check)
    db = tmp_path / "c.duckdb"
    request = census_run.CensusRequest(
        db=db, endpoint=hub.endpoint, deep=3, jobs=1, public_assessments=False
    )
    with pytest.raises(KeyboardInterrupt):
        census_run.run_census(request)
    assert pressed
    twice = rows(
        db,
        "SELECT 'findings', repo_id, kind, message FROM findings WHERE depth = 'deep' "
        "GROUP BY ALL HAVING count(*) > 1 UNION ALL "
        "SELECT 'links', repo_id, kind, url FROM links GROUP BY ALL HAVING count(*) > 1 UNION ALL "
        "SELECT 'requests', repo_id, host, service FROM requests GROUP BY ALL HAVING count(*) > 1",
    )
    assert twice == []
    assert rows(db, "SELECT count(DISTINCT repo_id) > 0 FROM requests") == [(True,)]


def test_ctrl_c_in_the_full_checks_leaves_their_figures_in_the_runs_table(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "c.duckdb"
    request = census_run.CensusRequest(
        db=db, endpoint=hub.endpoint, deep=10, jobs=1, public_assessments=False
    )
    with pytest.raises(KeyboardInterrupt, match="in the full checks"):
        census_run.run_census(request, CtrlC("deep", 2))
    made = rows(
        db,
        "SELECT (SELECT count(*) FROM models WHERE depth = 'deep') + (SELECT count(*) FROM "
        "findings WHERE kind = 'error'), (SELECT sum(requests) FROM requests), "
        "(SELECT count(*) FROM findings WHERE kind = 'error')",
    )[0]
    assert 2 <= made[0] < 10 and made[1] > 0
    assert rows(db, "SELECT status, deep, deep_requests, deep_failed FROM runs") == [
        ("interrupted", *made)
    ]


PAGE = 5  # the 18 fixtures in 4 pages
CTRL_C = pytest.mark.skipif(not hasattr(signal, "raise_signal"), reason="no SIGINT here")


def interrupted_census(hub: LoopbackHub, db: Path) -> CensusInterrupted:
    hub.listing_page_size = PAGE
    request = census_run.CensusRequest(db=db, endpoint=hub.endpoint, public_assessments=False)
    with pytest.raises(KeyboardInterrupt) as stop:
        census_run.run_census(request)
    assert isinstance(stop.value, CensusInterrupted)
    return stop.value


def test_a_full_check_that_fails_later_keeps_what_the_one_made_stored(tmp_path: Path) -> None:
    """Run 1 checked the model in full; run 2's check of it (for a framework run 1 did not ask
    for) could not be made.  It deleted run 1's verdicts, findings and links: a server down
    for a moment cost the only record of the check.  They stay now, beside the error, which
    a second failure replaces, and which the check made next time removes."""
    db = tmp_path / "c.duckdb"
    store = CensusStore.open(db)
    try:
        store.write([deep_record()], store.start_run({}, "http://127.0.0.1", ""))
        for _ in range(2):
            second = store.start_run({}, "http://127.0.0.1", "")
            store.write_failure("org/model", "abc123", "refused", (), second)
    finally:
        store.close()
    assert rows(db, "SELECT framework FROM verdicts") == [("osaid",)]
    assert rows(db, "SELECT url FROM links") == [("https://arxiv.org/abs/2304.01373",)]
    assert rows(db, "SELECT kind, message FROM findings ORDER BY kind") == [
        ("error", "refused"),
        ("note", "no training code linked"),
    ]


@CTRL_C
def test_ctrl_c_just_after_a_page_is_stored_counts_it_once(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed as the second page's transaction commits: it was stored again, its five models
    counted as skipped ("already judged") instead of judged."""
    write = CensusStore.write
    pages = 0

    def ctrl_c_after_the_second_page(self: CensusStore, *args: Any, **kwargs: Any) -> None:
        nonlocal pages
        write(self, *args, **kwargs)
        pages += 1 if args[0] else 0
        if pages == 2 and args[0]:
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(CensusStore, "write", ctrl_c_after_the_second_page)
    db = tmp_path / "c.duckdb"
    stop = interrupted_census(hub, db)
    assert stop.where == "after page 2 of the listing (10 models listed)"
    assert rows(db, "SELECT status, listed, judged, skipped, pages FROM runs") == [
        ("interrupted", 10, 10, 0, 2)
    ]


@CTRL_C
def test_a_second_ctrl_c_while_a_page_is_finished_keeps_the_page(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed twice while the second page's models are judged: the second press stopped the run
    at once, and the page the Hub had sent was lost."""
    judged = CensusJudge.metadata
    calls = 0

    def pressed_at_the_seventh_and_ninth(self: CensusJudge, *args: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls in (7, 9):
            signal.raise_signal(signal.SIGINT)
        return judged(self, *args)

    monkeypatch.setattr(CensusJudge, "metadata", pressed_at_the_seventh_and_ninth)
    db = tmp_path / "c.duckdb"
    interrupted_census(hub, db)
    assert calls >= 9  # both were pressed
    assert rows(db, "SELECT count(*) FROM models") == [(10,)]
    assert rows(db, "SELECT status, listed, judged, skipped, pages FROM runs") == [
        ("interrupted", 10, 10, 0, 2)
    ]


def deep_made(db: Path) -> int:
    """The full checks stored: made (depth deep) or that could not be made (an error)."""
    made = "SELECT count(*) FROM models WHERE depth = 'deep'"
    errors = "SELECT count(*) FROM findings WHERE depth = 'deep' AND kind = 'error'"
    return int(rows(db, f"SELECT ({made}) + ({errors})")[0][0])


@CTRL_C
def test_two_ctrl_c_as_full_checks_are_stored_leave_each_counted(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed as each full check's transaction commits: the first press found the first check
    stored and not counted, the run stored it again, and the second press, as it did, stopped
    the run with the check stored and counted nowhere (runs.deep 0)."""
    write = CensusStore.write

    def ctrl_c_after_each_full_check(self: CensusStore, *args: Any, **kwargs: Any) -> None:
        write(self, *args, **kwargs)
        if any(r.depth is Depth.DEEP for r in args[0]):
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(CensusStore, "write", ctrl_c_after_each_full_check)
    db = tmp_path / "c.duckdb"
    request = census_run.CensusRequest(
        db=db, endpoint=hub.endpoint, deep=3, jobs=1, public_assessments=False
    )
    with pytest.raises(KeyboardInterrupt, match="in the full checks"):
        census_run.run_census(request)
    assert deep_made(db) >= 1
    assert rows(db, "SELECT status, deep FROM runs") == [("interrupted", deep_made(db))]


@CTRL_C
def test_a_ctrl_c_as_the_run_is_finished_leaves_its_figures_written(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed as the run's figures are written (found by the code review): DuckDB rolled the
    statement back, and the runs table kept neither the ending nor the figures.  Held, the run
    is finished and its figures are written; the press has nothing left to stop."""
    finish = CensusStore.finish_run

    def pressed_as_the_run_is_finished(self: CensusStore, *args: Any, **kwargs: Any) -> None:
        signal.raise_signal(signal.SIGINT)
        finish(self, *args, **kwargs)

    monkeypatch.setattr(CensusStore, "finish_run", pressed_as_the_run_is_finished)
    db = tmp_path / "c.duckdb"
    hub.listing_page_size = PAGE
    request = census_run.CensusRequest(db=db, endpoint=hub.endpoint, public_assessments=False)
    outcome = census_run.run_census(request)
    assert outcome.status == "complete"
    assert rows(db, "SELECT status, listed, judged FROM runs") == [("complete", 18, 18)]


class PressedAsTheBarCloses(census_run.QuietProgress):
    """A progress bar that Ctrl-C is pressed on as it closes, once the run was interrupted: what
    a user pressing Ctrl-C again and again meets (rich's bar takes time to stop)."""

    def __init__(self) -> None:
        self.pages = 0

    def advanced(self, count: int) -> None:
        self.pages += 1
        if self.pages == 2:
            raise KeyboardInterrupt  # the first press, after page 2

    def finished(self) -> None:
        if self.pages >= 2:
            signal.raise_signal(signal.SIGINT)


@CTRL_C
def test_a_ctrl_c_again_as_the_interrupted_run_ends_leaves_it_interrupted(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Pressed again as the progress bar closed after the first press: the press escaped the
    run's ending, the runs table kept it `running` (its ending never written), and the CLI said
    'osai: interrupted', not where it stopped nor that the same command resumes."""
    db = tmp_path / "c.duckdb"
    hub.listing_page_size = PAGE
    request = census_run.CensusRequest(db=db, endpoint=hub.endpoint, public_assessments=False)
    # KeyboardInterrupt, not CensusInterrupted: a press that escaped would end pytest itself
    with pytest.raises(KeyboardInterrupt) as stop:
        census_run.run_census(request, PressedAsTheBarCloses())
    assert isinstance(stop.value, CensusInterrupted)
    assert stop.value.where == "after page 2 of the listing (10 models listed)"
    assert rows(db, "SELECT status, listed, judged, pages FROM runs") == [
        ("interrupted", 10, 10, 2)
    ]


@CTRL_C
def test_a_ctrl_c_again_as_the_store_is_closed_still_says_where_the_run_stopped(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pressed again as the store was closed (DuckDB writes its log into the file then: a while,
    on a large store): the census said 'osai: interrupted' and no more."""
    close = CensusStore.close

    def pressed_as_it_closes(self: CensusStore) -> None:
        signal.raise_signal(signal.SIGINT)
        close(self)

    monkeypatch.setattr(CensusStore, "close", pressed_as_it_closes)
    db = tmp_path / "c.duckdb"
    hub.listing_page_size = PAGE
    request = census_run.CensusRequest(db=db, endpoint=hub.endpoint, public_assessments=False)
    with pytest.raises(KeyboardInterrupt) as stop:
        census_run.run_census(request, CtrlC("listing", 2))
    assert isinstance(stop.value, CensusInterrupted)
    assert stop.value.where == "after page 2 of the listing (10 models listed)"
    assert rows(db, "SELECT status, listed, judged, pages FROM runs") == [
        ("interrupted", 10, 10, 2)
    ]


@CTRL_C
def test_a_ctrl_c_pending_as_the_run_begins_to_end_leaves_it_interrupted(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A press that arrived while the first one unwound the listing (closing its connection)
    is taken at the first line of the run's ending, before Ctrl-C is ignored: hammering Ctrl-C
    left the run `running` one time in four on the loopback Hub."""
    ending = census_run.RunEnding
    presses = 0

    def pressed_as_it_is_made(*args: Any) -> census_run.RunEnding:
        nonlocal presses
        presses += 1
        if presses == 1:
            signal.raise_signal(signal.SIGINT)
        return ending(*args)

    monkeypatch.setattr(census_run, "RunEnding", pressed_as_it_is_made)
    db = tmp_path / "c.duckdb"
    hub.listing_page_size = PAGE
    request = census_run.CensusRequest(db=db, endpoint=hub.endpoint, public_assessments=False)
    with pytest.raises(KeyboardInterrupt) as stop:
        census_run.run_census(request, CtrlC("listing", 2))
    assert isinstance(stop.value, CensusInterrupted)
    assert rows(db, "SELECT status, pages FROM runs") == [("interrupted", 2)]
