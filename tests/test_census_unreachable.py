"""`osai census` when the listing cannot be read: no connection, offline mode, the Hub's 5xx after
every retry, a page that breaks off or stops answering.  Each ends the run with one line, `osai:
error: cannot list models on HOST: REASON`, and exit 3 (never an internal error); the run is
stored as failed, with that line, which `osai census report` shows; what was judged before the
failure stays, and the same command resumes from it.

The refused connection and offline mode run osai in a fresh process: huggingface_hub writes its
retry notices to the process' own standard error, which only a subprocess shows."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest
from census_hub import (
    ServedPopulation,
    census_env,
    listing_requests,
    rows,
    run_census,
    value,
)
from clirunner import run_osai, run_osai_process
from conftest import REFUSED, isolate_hub_client
from loopback_hub import LISTING_PATTERN, LoopbackHub

SIZE = 1000
PAGE = 250
RESUMES = "the pages before it are stored: the same command resumes"
CONNECT = "cannot connect to 127.0.0.1:9 (connection refused, host unreachable or TLS failed)"


population, hub, waits = ServedPopulation(SIZE, seed=11, page_size=PAGE).fixtures()


def error_line(stderr: str) -> str:
    """The one `osai: error:` line, without its prefix (fails unless stderr is just that)."""
    assert stderr.count("\n") == 1 and stderr.startswith("osai: error: "), stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    return stderr.removeprefix("osai: error: ").removesuffix("\n")


def stored(db: Path) -> int:
    return int(value(db, "SELECT count(*) FROM models"))


def test_a_refused_connection_ends_the_run_at_once_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_hub_client(monkeypatch)  # the subprocess inherits this environment
    db = tmp_path / "cen.duckdb"
    env = {"HF_ENDPOINT": REFUSED, "HF_HOME": str(tmp_path / "hf")}
    started = time.monotonic()
    result = run_osai_process("census", "--db", str(db), "--limit", "5", env=env)
    elapsed = time.monotonic() - started
    line = f"cannot list models on 127.0.0.1:9: {CONNECT}"
    # No retry notice, no figures of an empty run: the one line, at once (huggingface_hub's own
    # retry loop took 23 s and wrote 11 warnings before the error it ended with was shown as an
    # internal error, exit 70).
    assert (result.code, result.stdout, result.stderr) == (3, "", f"osai: error: {line}\n")
    assert elapsed < 10, f"{elapsed:.1f} s"
    assert rows(db, "SELECT status, reason, listed, pages, listing_requests FROM runs") == [
        ("failed", line, 0, 0, 1)
    ]

    html, markdown = tmp_path / "report.html", tmp_path / "report.md"
    report = run_osai(
        "census", "report", "--db", str(db), "--html", str(html), "--markdown", str(markdown)
    )
    assert report.code == 0, report.stderr
    summary = markdown.read_text(encoding="utf-8")
    first = summary.splitlines()[2]  # the title, a blank line, then the overview
    assert first.startswith("- **The last run (run 1) failed:** cannot list models on 127.0.0.1")
    assert "run 1 failed (" in summary and "interrupted" not in summary
    page = html.read_text(encoding="utf-8")
    assert f"<strong>The last run (run 1) failed:</strong> {line}" in page


def test_offline_mode_sends_nothing_and_says_it_is_offline(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "cen.duckdb"
    env = {**census_env(hub, tmp_path / "hf"), "HF_HUB_OFFLINE": "1"}
    result = run_osai_process("census", "--db", str(db), "--limit", "5", env=env)
    assert result.code == 3 and result.stdout == ""
    line = error_line(result.stderr)
    assert line == (
        f"cannot list models on 127.0.0.1:{hub.port}: offline mode is on (HF_HUB_OFFLINE), and "
        "the listing is read from the Hub, never from a cache"
    )
    assert listing_requests(hub) == 0
    assert rows(db, "SELECT status, reason FROM runs") == [("failed", line)]


def test_the_hubs_5xx_on_the_first_page_after_every_retry(
    hub: LoopbackHub, tmp_path: Path, waits: list[float]
) -> None:
    hub.inject_status(LISTING_PATTERN, 503, page=1)
    db = tmp_path / "cen.duckdb"
    result = run_census(hub, db, "--retries", "0")
    assert result.code == 3 and result.stdout == ""
    line = error_line(result.stderr)
    host = f"127.0.0.1:{hub.port}"
    assert (
        line
        == f"cannot list models on {host}: {host} answered HTTP 503 (server error) after 6 attempts"
    )
    assert listing_requests(hub) == 6 and len(waits) == 5  # huggingface_hub: a try, five retries
    assert rows(db, "SELECT status, reason FROM runs") == [("failed", line)]


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("truncate", "the connection to {host} broke off mid-answer"),
        ("hang", "no answer from {host} within 0.5 s"),
    ],
)
def test_a_later_page_that_fails_keeps_the_pages_before_it_and_the_run_resumes(
    hub: LoopbackHub, tmp_path: Path, waits: list[float], fault: str, reason: str
) -> None:
    if fault == "truncate":
        hub.inject_truncated_body(LISTING_PATTERN, page=3)
    else:
        hub.inject_hang(LISTING_PATTERN, page=3)
    db = tmp_path / "cen.duckdb"
    result = run_census(hub, db, "--timeout", "0.5", "--deadline", "10", "--retries", "0")
    assert result.code == 3
    host = f"127.0.0.1:{hub.port}"
    line = error_line(result.stderr)
    assert line == f"cannot list models on {host}: {reason.format(host=host)} (page 3; {RESUMES})"
    assert result.stdout.startswith("census run 1 failed: 500 models listed in 2 pages")
    assert stored(db) == 2 * PAGE
    assert rows(db, "SELECT status, reason, judged FROM runs") == [("failed", line, 2 * PAGE)]

    hub.clear_faults()
    again = run_census(hub, db)
    assert again.code == 0, again.stderr
    assert f"skipped {2 * PAGE} already judged at the same revision" in again.stdout
    assert stored(db) == SIZE
    assert rows(db, "SELECT run_id, status, reason FROM runs ORDER BY 1") == [
        (1, "failed", line),
        (2, "complete", None),
    ]
    report = run_osai("census", "report", "--db", str(db))
    assert "failed" not in report.stdout.splitlines()[2]  # the last run completed


def test_a_store_written_before_runs_kept_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_hub_client(monkeypatch)
    db = tmp_path / "old.duckdb"
    env = {"HF_ENDPOINT": REFUSED, "HF_HOME": str(tmp_path / "hf")}
    assert run_osai("census", "--db", str(db), "--limit", "5", env=env).code == 3
    with duckdb.connect(str(db)) as connection:  # the runs table as the first schema had it
        connection.execute("ALTER TABLE runs DROP COLUMN reason")

    report = run_osai("census", "report", "--db", str(db))  # read-only: read without it
    assert report.code == 0, report.stderr
    assert report.stdout.splitlines()[2] == (
        "- **The last run (run 1) failed:** its reason was not recorded"
    )
    again = run_osai("census", "--db", str(db), "--limit", "5", env=env)  # writing: given it
    assert again.code == 3
    line = error_line(again.stderr)
    assert rows(db, "SELECT run_id, status, reason FROM runs ORDER BY 1") == [
        (1, "failed", None),
        (2, "failed", line),
    ]
