"""A new user's review of `osai census`, each finding through the real command against the
loopback Hub serving the 18 fixture repositories (tests/fixtures/hub/PROVENANCE.md):

- asking an existing store for other frameworks (`-f eosai,eu-ai-act`) or another mode
  (`--mode mof=mot`) did nothing: "judged 0, skipped 5 already judged at the same revision",
  exit 0, and no verdict of the frameworks asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from census_hub import rows, run_census
from clirunner import run_osai
from conftest import isolate_hub_client
from loopback_hub import LoopbackHub


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    """The loopback Hub listing the 18 fixtures."""
    from huggingface_hub.utils import close_session

    with pytest.MonkeyPatch.context() as patch:
        isolate_hub_client(patch)
        with LoopbackHub() as running:
            yield running
        close_session()


def verdicts(db: Path) -> list[tuple[str, str, int]]:
    return [
        (str(framework), str(mode), int(count))
        for framework, mode, count in rows(
            db, "SELECT framework, mode, count(*) FROM verdicts GROUP BY 1, 2 ORDER BY 1, 2"
        )
    ]


# --- frameworks or modes not judged yet are judged ---------------------------------------------


def test_frameworks_not_judged_yet_are_judged_for_the_stored_models(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A model is already judged only under the frameworks (and modes) the run asks for: those
    it lacks are judged and stored beside the verdicts it has, and the run says so."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--limit", "5").code == 0
    result = run_census(hub, db, "--limit", "5", "-f", "eosai,eu-ai-act")
    assert result.code == 0, result.stderr
    assert verdicts(db) == [
        ("eosai", "default", 5),
        ("eu-ai-act", "default", 5),
        ("mof", "default", 5),
        ("osaid", "default", 5),
    ]
    assert (
        "judged 5 (metadata only; 5 of them stored before, judged again for eosai, eu-ai-act)"
        in result.stdout
    )


def test_frameworks_added_are_judged_from_the_listing_alone(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Judged again from the listing's items the run lists anyway: no request per model, and
    the report has the frameworks' sections; run again, nothing is left to judge."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--limit", "5").code == 0
    hub.clear_requests()
    assert run_census(hub, db, "--limit", "5", "-f", "eosai").code == 0
    assert {r.path.split("?")[0] for r in hub.requests} == {"/api/models"}
    report = run_osai("census", "report", "--db", str(db))
    assert "### EOSAI" in report.stdout and "### OSAID" in report.stdout, report.stdout
    again = run_census(hub, db, "--limit", "5", "-f", "eosai")
    assert "judged 0 (metadata only), skipped 5 already judged" in again.stdout


def test_another_mode_judges_the_stored_models_again_in_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db).code == 0
    result = run_census(hub, db, "--mode", "mof=mot")
    assert result.code == 0, result.stderr
    assert (
        "judged 18 (metadata only; 18 of them stored before, judged again for mof in mode mot)"
        in result.stdout
    )
    assert verdicts(db) == [("mof", "mot", 18), ("osaid", "default", 18)]


def test_verdicts_stored_before_modes_were_kept_are_judged_again(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A store written by an osai that kept no mode: its mode is unknown, so it is judged
    again (as the listing comes, no request more), not taken for the default one."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--limit", "3").code == 0
    with duckdb.connect(str(db)) as connection:
        connection.execute("ALTER TABLE verdicts DROP COLUMN mode")
    result = run_census(hub, db, "--limit", "3")
    assert (
        "judged 3 (metadata only; 3 of them stored before, judged again for mof, osaid)"
        in result.stdout
    )
    assert verdicts(db) == [("mof", "default", 3), ("osaid", "default", 3)]


def test_a_framework_added_is_checked_in_full_again_for_the_top_n(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`--deep 2` then `--deep 2 -f eosai`: the full checks are made again for EOSAI (they were
    kept: "already checked in full at the same revision"), and the deep verdicts of the
    frameworks not asked for again stay."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--limit", "3", "--deep", "2").code == 0
    result = run_census(hub, db, "--limit", "3", "--deep", "2", "-f", "eosai")
    assert result.code == 0, result.stderr
    assert "checked in full: 2 models" in result.stdout, result.stdout
    deep = rows(
        db,
        "SELECT framework, count(*) FROM verdicts WHERE depth = 'deep' GROUP BY 1 ORDER BY 1",
    )
    assert deep == [("eosai", 2), ("mof", 2), ("osaid", 2)]
