"""A new user's review of `osai census`, each finding through the real command against the
loopback Hub serving the 18 fixture repositories (tests/fixtures/hub/PROVENANCE.md):

- asking an existing store for other frameworks (`-f eosai,eu-ai-act`) or another mode
  (`--mode mof=mot`) did nothing: "judged 0, skipped 5 already judged at the same revision",
  exit 0, and no verdict of the frameworks asked for;
- a store another process held gave DuckDB's refusal (two hundred characters and a link), exit 2;
- `census --db` under a missing directory failed ("IO Error: Cannot open file"), and so did
  `census export -o`, where `osai check -o` and `census report --html` make the directory;
- `--db DIR` said "no census database here (run osai census --db DIR)", which then failed "Is a
  directory"; `--db ''` was read as `.`;
- a query that matched nothing read as a census that worked ("complete: 0 models listed");
- a store of a newer schema gave no advice.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from census_hub import rows, run_census, served_hub
from clirunner import EXAMPLES, run_osai
from loopback_hub import LoopbackHub


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    """The loopback Hub listing the 18 fixtures."""
    with served_hub() as running:
        yield running


EXAMPLE = EXAMPLES / "tiny-model"


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
        "judged 3 (metadata only; 3 of them stored before, judged again for mof (its mode was"
        " not recorded), osaid (its mode was not recorded))" in result.stdout
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


# --- a store another process holds -------------------------------------------------------------

HOLD = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(60)
"""


@pytest.fixture
def held(hub: LoopbackHub, tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A census database a second process holds open for writing, as a census running holds
    it; and that process's id."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--limit", "2").code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        yield db, holder.pid
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("command", [("report",), ("export", "-o", "x.csv"), ()])
def test_a_store_in_use_says_by_whom_in_one_line_and_exits_3(
    hub: LoopbackHub, held: tuple[Path, int], tmp_path: Path, command: tuple[str, ...]
) -> None:
    """DuckDB's own refusal was two hundred characters and a link, with exit 2 (bad input):
    the store is only unavailable for now, and a CI job may try again."""
    db, pid = held
    if command:
        result = run_osai("census", *command, "--db", str(db), cwd=tmp_path)
    else:
        result = run_census(hub, db, "--limit", "2")
    expected = f"osai: error: {db}: in use by another process (PID {pid}); wait for it to finish\n"
    assert (result.code, result.stderr) == (3, expected)


# --- a missing directory, a directory, no path --------------------------------------------------


def test_a_missing_directory_of_the_db_is_made_as_for_every_file_osai_writes(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`osai check -o`, `census report --html` and `census export -o` make a missing directory;
    `census --db` refused it with DuckDB's "IO Error: Cannot open file"."""
    reports = tmp_path / "reports"
    check = run_osai("check", str(EXAMPLE), "-o", str(reports / "a" / "r.json"))
    assert (reports / "a" / "r.json").is_file(), check.stderr
    db = tmp_path / "new" / "dir" / "h.duckdb"
    result = run_census(hub, db, "--limit", "2")
    assert result.code == 0, result.stderr
    assert rows(db, "SELECT count(*) FROM models") == [(2,)]
    html = run_osai("census", "report", "--db", str(db), "--html", str(reports / "b" / "r.html"))
    assert html.code == 0 and (reports / "b" / "r.html").is_file(), html.stderr
    export = run_osai("census", "export", "--db", str(db), "-o", str(reports / "c" / "x.csv"))
    assert export.code == 0 and (reports / "c" / "x.csv").is_file(), export.stderr


def test_a_db_under_a_file_is_refused_as_a_report_under_a_file_is(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    (tmp_path / "f").write_text("a file\n")
    check = run_osai("check", str(EXAMPLE), "-o", str(tmp_path / "f" / "r.json"))
    assert check.code == 2 and f"{tmp_path / 'f'} is not a directory" in check.stderr
    db = tmp_path / "f" / "h.duckdb"
    result = run_census(hub, db, "--limit", "2")
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: --db {db}: {tmp_path / 'f'} is not a directory\n",
    )


@pytest.mark.parametrize("command", [("report",), ("export", "-o", "x.csv"), ()])
def test_a_directory_given_as_the_db_is_refused_as_one(
    hub: LoopbackHub, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """`census report --db d` said "no census database here (run osai census --db d)", and
    that command then failed "Is a directory"."""
    folder = tmp_path / "d"
    folder.mkdir()
    if command:
        result = run_osai("census", *command, "--db", str(folder), cwd=tmp_path)
    else:
        result = run_census(hub, folder, "--limit", "2")
    expected = (
        f"osai: error: {folder}: is a directory, not a census database; give a file name "
        f"(--db {folder / 'osai-census.duckdb'})\n"
    )
    assert (result.code, result.stderr) == (2, expected)


@pytest.mark.parametrize("command", [("report",), ("export", "-o", "x.csv"), ()])
def test_an_empty_db_path_is_no_path(tmp_path: Path, command: tuple[str, ...]) -> None:
    """`--db ''` was read as `.`: "`.`: no census database here"."""
    result = run_osai("census", *command, "--db", "", cwd=tmp_path)
    assert (result.code, result.stderr) == (2, "osai: error: --db '': no path; give --db FILE\n")


# --- a listing that matched nothing -------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "said"),
    # a blank in a value is quoted as a shell reads it (an empty one: test_census_edges)
    [(("--author", "nobody"), "--author nobody"), (("--filter", "no tag"), "--filter 'no tag'")],
)
def test_a_query_that_matches_nothing_says_so(
    hub: LoopbackHub, tmp_path: Path, given: tuple[str, ...], said: str
) -> None:
    """It said "complete: 0 models listed in 0 pages, 1 listing request", as if it worked."""
    db = tmp_path / "h.duckdb"
    result = run_census(hub, db, *given)
    assert result.code == 0, result.stderr
    assert result.stdout == (
        f"census run 1 complete: no model matched the query ({said}); 1 listing request, "
        f"no model stored in {db}\n"
    )


# --- a store a later osai wrote ------------------------------------------------------------------


def test_a_newer_schema_says_to_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    with duckdb.connect(str(db)) as connection:
        connection.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        connection.execute("INSERT INTO meta VALUES ('schema_version', '999')")
    result = run_osai("census", "report", "--db", str(db))
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {db}: census schema version 999; this osai writes 2 "
        "(upgrade osai to read it)\n",
    )


# --- the report says which mode each verdict was judged in, and of how many models -------------


def _section(report: str, heading: str) -> str:
    """The Markdown report's section under `heading`, up to the next heading."""
    after = report.split(f"### {heading}\n", 1)[1]
    return after.split("\n#", 1)[0]


def test_the_report_counts_the_models_a_framework_was_not_judged_under(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`--limit 8`, then `--limit 4 -f eosai`: EOSAI judged 4 of 8 models.  Its table said
    100 % of its 4 were "not scored" as 50 % of 8, with nothing for the other 4: its shares
    now add up to every model, the last row being those not judged under it."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--limit", "8").code == 0
    assert run_census(hub, db, "--limit", "4", "-f", "eosai").code == 0
    report = run_osai("census", "report", "--db", str(db)).stdout
    eosai = _section(report, "EOSAI 2026-06-12")
    assert "| not judged under this framework | 4 | 50.0 % |" in eosai, eosai
    assert "not judged" not in _section(report, "OSAID 1.0")


def test_the_report_shows_verdicts_of_each_mode_apart(hub: LoopbackHub, tmp_path: Path) -> None:
    """`--limit 8`, then `--limit 4 --mode mof=mot`: the store holds MOF verdicts in two modes,
    which the report counted as one distribution.  Each mode is now a table of its own,
    named with its mode."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--limit", "8").code == 0
    assert run_census(hub, db, "--limit", "4", "--mode", "mof=mot", "-f", "mof").code == 0
    report = run_osai("census", "report", "--db", str(db)).stdout
    assert "### MOF 1.0\n" not in report
    default, mot = _section(report, "MOF 1.0, mode default"), _section(report, "MOF 1.0, mode mot")
    assert "| not judged in this mode | 4 | 50.0 % |" in default, default
    assert "| not judged in this mode | 4 | 50.0 % |" in mot, mot


def test_a_single_mode_other_than_the_default_is_named(hub: LoopbackHub, tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--limit", "3", "--mode", "mof=mot").code == 0
    report = run_osai("census", "report", "--db", str(db)).stdout
    assert "not judged" not in _section(report, "MOF 1.0, mode mot")
    assert "### OSAID 1.0\n" in report


def test_each_run_records_its_modes_and_the_models_it_judged_again(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The runs table said which frameworks a run judged with, not in which mode, nor how many
    of the models it judged were stored before and judged again."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--limit", "3", "--mode", "mof=mot").code == 0
    assert run_census(hub, db, "--limit", "3", "-f", "eosai").code == 0
    assert rows(db, "SELECT modes, judged, judged_again FROM runs ORDER BY run_id") == [
        ('{"mof": "mot", "osaid": "default"}', 3, 0),
        ('{"eosai": "default"}', 3, 3),
    ]
