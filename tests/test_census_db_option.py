"""`osai census --db X report` (and `export`): the database named before the command is the one
the command reads.  It was ignored without a word: the command read the default
./osai-census.duckdb, here another census, and reported on it as if it were X.  Given before and
after the command, --db must name one database (one line, exit 2).  An option of the census run
given before a command (`--author X report`) was ignored as silently: it is refused."""

from __future__ import annotations

from pathlib import Path

from census_hub import rows, run_census
from clirunner import run_osai
from loopback_hub import LoopbackHub

DEFAULT = "osai-census.duckdb"


def two_censuses(hub: LoopbackHub, folder: Path) -> Path:
    """A census of 3 models as ./osai-census.duckdb, and one of every fixture, returned."""
    assert run_census(hub, folder / DEFAULT, "--limit", "3").code == 0
    named = folder / "named.duckdb"
    assert run_census(hub, named).code == 0
    return named


def test_report_reads_the_db_given_before_it(hub: LoopbackHub, tmp_path: Path) -> None:
    named = two_censuses(hub, tmp_path)
    after = run_osai("census", "report", "--db", str(named), cwd=tmp_path)
    before = run_osai("census", "--db", str(named), "report", cwd=tmp_path)
    default = run_osai("census", "report", cwd=tmp_path)
    assert after.code == before.code == default.code == 0, before.stderr
    assert before.stdout == after.stdout != default.stdout


def test_export_reads_the_db_given_before_it(hub: LoopbackHub, tmp_path: Path) -> None:
    named = two_censuses(hub, tmp_path)
    out = tmp_path / "models.csv"
    result = run_osai(
        "census", "--db", str(named), "export", "--format", "csv", "-o", str(out), cwd=tmp_path
    )
    assert (result.code, result.stdout) == (0, ""), result.stderr
    assert (
        result.stderr
        == f"osai: wrote {out}: {rows(named, 'SELECT count(*) FROM models')[0][0]:,} rows (csv)\n"
    )


def test_the_same_db_before_and_after_the_command_is_one(hub: LoopbackHub, tmp_path: Path) -> None:
    named = two_censuses(hub, tmp_path)
    result = run_osai("census", "--db", str(named), "report", "--db", "named.duckdb", cwd=tmp_path)
    assert result.code == 0, result.stderr


def test_two_dbs_before_and_after_the_command_are_refused(tmp_path: Path) -> None:
    result = run_osai("census", "--db", "a.duckdb", "report", "--db", "b.duckdb", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: --db a.duckdb (before report) and --db b.duckdb (after it) name two "
        "databases: give one\n"
    )
    assert not (tmp_path / "a.duckdb").exists() and not (tmp_path / "b.duckdb").exists()


def test_options_of_the_run_before_a_command_are_refused(tmp_path: Path) -> None:
    for given, command, said in (
        (("--author", "EleutherAI"), "report", "--author: an option"),
        (("-f", "osaid"), "export", "--framework: an option"),
        (("--deep", "5", "--db", "x.duckdb", "--limit", "9"), "report", "--limit, --deep: options"),
    ):
        result = run_osai("census", *given, command, cwd=tmp_path)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == (
            f"osai: error: {said} of the census run, not of `osai census {command}`\n"
        )
    assert list(tmp_path.iterdir()) == []  # nothing was run, no database made


def test_a_db_named_as_another_stores_log_is_refused(hub: LoopbackHub, tmp_path: Path) -> None:
    """DuckDB keeps a database's write-ahead log beside it as NAME.wal, and opening NAME replays
    and deletes whatever file holds that name: a census made with --db x.duckdb.wal was deleted,
    whole and without a word, the next time a census wrote x.duckdb.  Neither is written now."""
    log = tmp_path / "x.duckdb.wal"
    made = run_census(hub, log, "--limit", "3")
    said = (
        f"osai: error: {log}: DuckDB writes the log of x.duckdb under this name (and deletes it"
        " when x.duckdb is opened); name the census otherwise\n"
    )
    assert (made.code, made.stderr) == (2, said)
    assert not log.exists()
    # one made otherwise (by an earlier osai), then the store it would be the log of
    assert run_census(hub, tmp_path / "kept.duckdb", "--limit", "3").code == 0
    (tmp_path / "kept.duckdb").rename(log)
    store = tmp_path / "x.duckdb"
    written = run_census(hub, store, "--limit", "3")
    said = (
        f"osai: error: {store}: x.duckdb.wal beside it is a DuckDB database, which opening"
        f" {store} for writing would delete as its log; move it first\n"
    )
    assert (written.code, written.stderr) == (2, said)
    assert rows(log, "SELECT count(*) FROM models") == [(3,)]
    assert not store.exists()
