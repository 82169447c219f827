"""`models.run_id` is the run that judged the row last: the run that wrote its verdicts.  A run
judging a stored model again (for a framework it lacked) or checking it in full set `judged_at`
and its verdicts, but left `run_id` at the first run, and the report said "stored by run 1" of
verdicts run 2 wrote.  On the loopback Hub serving the fixture repositories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from census_hub import rows, run_census, served_hub
from clirunner import run_osai
from loopback_hub import LoopbackHub


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with served_hub() as running:
        yield running


def test_the_run_that_judges_a_model_again_is_its_run(hub: LoopbackHub, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    options = ("--sort", "downloads", "--limit", "3")
    assert run_census(hub, db, *options).code == 0
    again = run_census(hub, db, *options, "-f", "osaid", "-f", "mof", "-f", "eosai")
    assert again.code == 0, again.stderr
    assert "judged 3 (metadata only; 3 of them stored before" in again.stdout
    judged = "SELECT DISTINCT m.run_id, m.judged_at > r.started_at FROM models m"
    assert rows(db, f"{judged} JOIN runs r ON r.run_id = 2") == [(2, True)]
    report = run_osai("census", "report", "--db", str(db))
    assert "(the latest revision of each, stored by run 2)" in report.stdout
    deep = run_census(hub, db, *options, "-f", "osaid", "-f", "mof", "-f", "eosai", "--deep", "1")
    assert deep.code == 0, deep.stderr
    assert rows(db, "SELECT run_id, depth FROM models ORDER BY run_id") == [
        (2, "metadata"),
        (2, "metadata"),
        (3, "deep"),
    ]
