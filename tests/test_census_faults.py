"""`osai census` when the Hub misbehaves, and when the census is cut short: a 429 storm, a
malformed page, a page that never ends (bounded by --deadline), a run killed mid-way and resumed,
and shards merged with `osai census merge`.  Each runs the real command against the loopback Hub."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from census_hub import (
    ServedPopulation,
    census_env,
    listing_requests,
    rows,
    run_census,
    serving,
    value,
)
from census_population import Population
from clirunner import ROOT, run_osai
from loopback_hub import LISTING_PATTERN, LoopbackHub
from loopback_hub_listing import decode_cursor

SIZE = 1000
PAGE = 250
# Bytes a file may reach in test_a_full_disk_…: the first page's WAL fits, not all four pages'.
FULL_AT = 600_000


population, hub, waits = ServedPopulation(SIZE, seed=7, page_size=PAGE).fixtures()


def pages_asked(hub: LoopbackHub) -> list[int]:
    numbers = []
    for request in hub.find_requests(LISTING_PATTERN):
        cursor = request.query.get("cursor")
        numbers.append(decode_cursor(cursor[-1])[1] if cursor else 1)
    return numbers


def stored(db: Path) -> tuple[int, int]:
    return value(db, "SELECT count(*) FROM models"), value(
        db, "SELECT count(DISTINCT (repo_id, revision)) FROM models"
    )


def test_a_429_storm_is_waited_out(hub: LoopbackHub, tmp_path: Path, waits: list[float]) -> None:
    storm = hub.inject_status(LISTING_PATTERN, 429, page=2, times=3, retry_after=2)
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    assert storm.hits == 3 and pages_asked(hub) == [1, 2, 2, 2, 2, 3, 4]
    assert waits == [3.0, 3.0, 3.0]  # Retry-After: 2, and the client's one-second margin
    assert stored(db) == (SIZE, SIZE)
    assert value(db, "SELECT listing_requests FROM runs") == 7


def test_a_429_stating_no_wait_is_left_to_the_client_s_backoff(
    hub: LoopbackHub, tmp_path: Path, waits: list[float]
) -> None:
    """A 429 that states no wait is a limit osai gives a minute when it reads it itself; the
    bounded transport failed the listing page at once on that minute, as on a wait the server
    stated beyond the deadline, and the census ended where huggingface_hub's own short backoff
    lists on."""
    storm = hub.inject_status(LISTING_PATTERN, 429, page=2, times=2)
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    assert storm.hits == 2 and stored(db) == (SIZE, SIZE)


def test_a_storm_longer_than_the_client_retries_restarts_the_listing(
    hub: LoopbackHub, tmp_path: Path, waits: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    import osai.census.run

    census_waits: list[float] = []
    monkeypatch.setattr(osai.census.run, "time", SimpleNamespace(sleep=census_waits.append))
    hub.inject_status(LISTING_PATTERN, 429, page=2, times=7, retry_after=1)
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    # huggingface_hub: one try and five retries; osai waits as asked (1 s) and lists again.
    assert pages_asked(hub) == [1, *[2] * 6, 1, 2, 2, 3, 4]
    assert census_waits == [1.0]
    assert stored(db) == (SIZE, SIZE)
    # Page 1, listed again only to reach page 2, is not counted again.
    assert f"{SIZE:,} models listed in" in result.stdout
    assert f"judged {SIZE:,} (metadata only), skipped 0 already judged" in result.stdout


def test_an_endless_storm_ends_the_run_with_what_it_judged(
    hub: LoopbackHub, tmp_path: Path, waits: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    import osai.census.run

    monkeypatch.setattr(osai.census.run, "time", SimpleNamespace(sleep=lambda seconds: None))
    hub.inject_status(LISTING_PATTERN, 429, page=2, retry_after=0)
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db, "--retries", "1")
    assert result.code == 3
    host = re.escape(f"127.0.0.1:{hub.port}")
    refused = (
        f"cannot list models on {host}: rate limited by {host} \\(HTTP 429\\) after 6 "
        "attempts; try again after [0-9:]+ UTC \\(page 2; the pages before it are stored: the "
        "same command resumes\\)"
    )
    *waited, failed = result.stderr.splitlines()
    # each wait before listing again is said (one retry: one wait), then why the run ended
    assert len(waited) == 1 and re.fullmatch(
        f"osai: note: {refused}; listing again in [0-9.]+ s", waited[0]
    ), result.stderr
    assert re.fullmatch(f"osai: error: {refused}", failed), result.stderr
    assert stored(db) == (PAGE, PAGE)
    assert rows(db, "SELECT status, reason FROM runs") == [
        ("failed", failed.removeprefix("osai: error: "))
    ]


def test_a_malformed_page(hub: LoopbackHub, tmp_path: Path) -> None:
    hub.inject_malformed_json(LISTING_PATTERN, page=2, times=1)
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 3
    assert result.stderr == (
        f"osai: error: cannot list models on 127.0.0.1:{hub.port}: malformed answer from "
        f"127.0.0.1:{hub.port}: not the Hub API's JSON (page 2; the pages before it are stored: "
        "the same command resumes)\n"
    )
    assert result.stderr.count("\n") == 1
    assert stored(db) == (PAGE, PAGE)
    again = run_census(hub, db)  # the page is well-formed now: the run continues
    assert again.code == 0, again.stderr
    assert stored(db) == (SIZE, SIZE)
    assert f"skipped {PAGE} already judged" in again.stdout


def test_a_page_that_never_ends_is_bounded_by_the_deadline(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    endless = hub.inject_endless(LISTING_PATTERN, page=2, pause=0.01)
    db = tmp_path / "census.duckdb"
    started = time.monotonic()
    try:
        result = run_census(hub, db, "--deadline", "2", "--timeout", "1")
    finally:
        endless.release()
    elapsed = time.monotonic() - started
    assert result.code == 3
    assert "no complete answer from 127.0.0.1" in result.stderr
    assert "(page 2; the pages before it are stored" in result.stderr
    assert "within the 2 s deadline" in result.stderr
    assert elapsed < 15  # the page alone would never end
    assert stored(db) == (PAGE, PAGE)


def test_a_killed_run_resumes_without_duplicates(population: Population, tmp_path: Path) -> None:
    db = tmp_path / "census.duckdb"
    with serving(population, page_size=100, latency=0.1) as hub:
        env = {**os.environ, **census_env(hub, tmp_path / "hf"), "PYTHONPATH": str(ROOT)}
        process = subprocess.Popen(
            [sys.executable, "-m", "osai", "census", "--db", str(db)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while listing_requests(hub) < 6 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)  # mid-run: no chance to close anything
        process.wait(10)
        assert listing_requests(hub) < SIZE // 100, "the run finished before it was killed"
        kept, distinct = stored(db)
        assert kept == distinct and kept % 100 == 0 and kept >= 400  # whole pages only
        assert value(db, "SELECT status FROM runs") == "running"  # never finished
        hub.latency = 0.0
        resumed = run_census(hub, db)
    assert resumed.code == 0, resumed.stderr
    assert stored(db) == (SIZE, SIZE)
    assert f"skipped {kept:,} already judged at the same revision" in resumed.stdout
    assert rows(db, "SELECT run_id, status FROM runs ORDER BY 1") == [
        (1, "running"),
        (2, "complete"),
    ]


def test_shards_merge(hub: LoopbackHub, tmp_path: Path) -> None:
    shards = [tmp_path / f"shard-{k}.duckdb" for k in (1, 2, 3)]
    for k, db in enumerate(shards, start=1):
        result = run_census(hub, db, "--shard", f"{k}/3")
        assert result.code == 0, result.stderr
    counts = [value(db, "SELECT count(*) FROM models") for db in shards]
    assert sum(counts) == SIZE and all(200 < count < 470 for count in counts)
    merged = tmp_path / "merged.duckdb"
    run_census(hub, merged, "--limit", "1", "--shard", "1/1000000")  # an empty store: the schema
    merge = run_osai("census", "merge", *map(str, shards), "--db", str(merged))
    assert merge.code == 0, merge.stderr
    assert stored(merged) == (SIZE, SIZE)
    assert value(merged, "SELECT count(*) FROM verdicts") == 2 * SIZE
    # Each shard's run 1 is merged as a run of its own: the report does not say the models were
    # stored by the merged database's own run (a --limit 1 that stored none), nor name its query.
    assert rows(merged, "SELECT run_id, shard, judged FROM runs ORDER BY run_id") == [
        (1, "1/1000000", 0),
        *((k + 1, f"{k}/3", n) for k, n in enumerate(counts, start=1)),
    ]
    report = run_osai("census", "report", "--db", str(merged), "--markdown", "-")
    assert report.code == 0, report.stderr
    assert f"Models: **{SIZE:,}** (the latest revision of each, stored by 3 runs)" in report.stdout
    assert "This census merges 3 shards of the listing (`--shard 1/3`, `--shard 2/3`, " in (
        report.stdout
    )
    assert "The last run with `--shard 3/3` listed from" in report.stdout
    assert "`: 1,000 models in" in report.stdout
    assert "--limit 1" not in report.stdout
    assert "not listed by the last run" not in report.stdout  # the shard's run listed them all


def test_filters_reach_the_listing(hub: LoopbackHub, tmp_path: Path) -> None:
    db = tmp_path / "census.duckdb"
    args = ("--author", "planted", "--filter", "license:llama3", "--search", "base", "--limit", "5")
    result = run_census(hub, db, *args, "--sort", "likes")
    assert result.code == 0, result.stderr
    (request,) = hub.find_requests(LISTING_PATTERN)
    query = request.query
    assert (query["author"], query["filter"], query["search"]) == (
        ["planted"],
        ["license:llama3"],
        ["base"],
    )
    assert (query["sort"], query["limit"]) == (["likes"], ["5"])
    found = {repo_id for (repo_id,) in rows(db, "SELECT repo_id FROM models")}
    assert found == {"planted/llama3-base-8b", "planted/llama3-base-2", "planted/llama3-base-3"}


def test_the_token_is_sent_and_never_shown(
    hub: LoopbackHub, tmp_path: Path, waits: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    import osai.census.run

    monkeypatch.setattr(osai.census.run, "time", SimpleNamespace(sleep=lambda seconds: None))
    secret = "hf_census_secret_0123456789"
    hub.inject_status(LISTING_PATTERN, 503, page=3)
    db = tmp_path / "census.duckdb"
    env = {**census_env(hub, tmp_path / "hf"), "HF_TOKEN": secret}
    result = run_osai("census", "--db", str(db), "--retries", "0", env=env)
    assert result.code == 3 and "HTTP 503 (server error) after 6 attempts" in result.stderr
    assert "(page 3; the pages before it are stored" in result.stderr
    assert all(r.authorization == f"Bearer {secret}" for r in hub.find_requests(LISTING_PATTERN))
    assert secret not in result.stdout + result.stderr
    stored_text = " ".join(str(row) for row in rows(db, "SELECT * FROM runs"))
    assert secret not in stored_text


def _census_warned_of(
    hub: LoopbackHub, secret: str, home: Path, db: Path, env: dict[str, str]
) -> None:
    """A census whose listing the Hub refuses with an X-HF-Warning repeating `secret`, run in a
    new interpreter (what a check of this one hid stays hidden for the rest of the process):
    the warning is printed with the secret masked, and the secret nowhere."""
    hub.inject_status(LISTING_PATTERN, 401, headers={"X-HF-Warning": f"you sent Bearer {secret}"})
    environment = {**os.environ, **census_env(hub, home), "PYTHONPATH": str(ROOT), **env}
    for variable in ("HF_TOKEN", "HF_HUB_DISABLE_IMPLICIT_TOKEN"):
        if variable not in env:
            environment.pop(variable, None)
    result = subprocess.run(
        [sys.executable, "-m", "osai", "census", "--db", str(db), "--limit", "5"],
        env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert "osai: warning: huggingface_hub: you sent Bearer ***" in result.stderr
    assert secret not in result.stdout + result.stderr


def test_a_listing_warning_that_repeats_the_token_does_not_print_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A server's X-HF-Warning may repeat the Authorization header it was sent: a check's Hub
    reads hid the token from huggingface_hub's log lines, the census's listing did not
    ("osai: warning: huggingface_hub: you sent Bearer hf_...")."""
    secret = "hf_census_warned_0123456789"
    _census_warned_of(
        hub, secret, tmp_path / "hf", tmp_path / "census.duckdb", {"HF_TOKEN": secret}
    )


def test_a_listing_warning_that_repeats_the_stored_token_does_not_print_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The token `hf auth login` stored is sent with the listing (huggingface_hub adds it), but
    the census hid HF_TOKEN alone from the library's log lines: a warning repeating the stored
    one printed it.  The new interpreter reads HF_HOME's token file as a user's does."""
    secret = "hf_census_stored_0123456789"
    home = tmp_path / "hf"
    home.mkdir()
    (home / "token").write_text(secret, encoding="utf-8")
    _census_warned_of(hub, secret, home, tmp_path / "census.duckdb", {})


def test_the_endpoint_s_password_is_neither_stored_nor_reported(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """HF_ENDPOINT with a user:password@ (a private mirror) was stored as given in the runs
    table, and the Markdown report names the last run's endpoint."""
    password = "pw-endpoint-0123456789"
    env = census_env(hub, tmp_path / "hf")
    env["HF_ENDPOINT"] = hub.endpoint.replace("://", f"://reader:{password}@")
    db = tmp_path / "census.duckdb"
    result = run_osai("census", "--db", str(db), "--limit", "5", env=env)
    assert result.code == 0, result.stderr
    assert rows(db, "SELECT endpoint FROM runs") == [(hub.endpoint,)]
    summary = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert summary.code == 0, summary.stderr
    assert hub.endpoint in summary.stdout and password not in summary.stdout


def test_a_store_written_before_keeps_the_endpoint_s_password_from_the_report(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A store written before runs kept the endpoint without its user:password@ holds the
    password in its runs table: the Markdown report, which names the last run's endpoint,
    printed it."""
    password = "pw-older-store-0123456789"
    db = tmp_path / "census.duckdb"
    result = run_osai("census", "--db", str(db), "--limit", "5", env=census_env(hub, tmp_path))
    assert result.code == 0, result.stderr
    with duckdb.connect(str(db)) as connection:  # the row as an older osai wrote it
        given = hub.endpoint.replace("://", f"://reader:{password}@")
        connection.execute("UPDATE runs SET endpoint = ?", [given])
    summary = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert summary.code == 0, summary.stderr
    assert hub.endpoint in summary.stdout and password not in summary.stdout


def test_a_full_disk_is_one_line_and_the_run_resumes(hub: LoopbackHub, tmp_path: Path) -> None:
    """A store on a full disk said "internal error: TransactionException: ... No space left on
    device", exit 70, and the runs table kept "internal error" as the reason.  A file-size limit
    (RLIMIT_FSIZE: "File too large") stands for the full disk: DuckDB meets it where it would
    meet ENOSPC, writing the page's WAL.  Each page written before it stays, and resumes."""
    db = tmp_path / "census.duckdb"
    env = {**os.environ, **census_env(hub, tmp_path / "hf"), "PYTHONPATH": str(ROOT)}

    def small_files() -> None:  # in the child: a write past the limit fails, not kills
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (FULL_AT, resource.RLIM_INFINITY))

    completed = subprocess.run(
        [sys.executable, "-m", "osai", "census", "--db", str(db)],
        env=env, capture_output=True, text=True, preexec_fn=small_files, timeout=120,
    )  # fmt: skip
    said = (
        f"osai: error: {db}: cannot write the census database (File too large); what it stored"
        " before stays, and the same command resumes\n"
    )
    assert (completed.returncode, completed.stderr) == (2, said)
    kept, distinct = stored(db)
    assert kept == distinct and kept % PAGE == 0 and 0 < kept < SIZE  # whole pages only
    assert rows(db, "SELECT status, reason FROM runs") == [("failed", said[13:-1])]
    resumed = run_census(hub, db)
    assert resumed.code == 0, resumed.stderr
    assert stored(db) == (SIZE, SIZE)
    assert f"skipped {kept:,} already judged at the same revision" in resumed.stdout


@pytest.mark.parametrize(
    ("retry_after", "headers"),
    [
        (99999, {}),
        (10**30, {}),  # past any date: huggingface_hub's sleep overflowed, an internal error
        (None, {"RateLimit": '"api";r=0;t=99999'}),  # the Hub's own field for its quota
        # huggingface_hub sleeps the field's reset on a 429, whatever Retry-After says, and
        # reads the field as its pattern does: "00" is none left, the first item is the one
        (5, {"RateLimit": '"api";r=0;t=99999'}),
        (None, {"RateLimit": '"api";r=00;t=99999'}),
        (None, {"RateLimit": '"api";r=0;t=99999, "pages";r=5;t=1'}),
    ],
)
def test_a_wait_the_deadline_cannot_give_is_not_slept(
    hub: LoopbackHub,
    tmp_path: Path,
    waits: list[float],
    monkeypatch: pytest.MonkeyPatch,
    retry_after: int | None,
    headers: dict[str, str],
) -> None:
    """A 429 asking for 99,999 seconds: huggingface_hub's retry loop slept it whole (28 hours,
    past any --deadline), and one past any date ended the census as an internal error.  The
    page fails at once, saying when to try again, as the check's own reads do."""
    import osai.census.run

    census_waits: list[float] = []
    monkeypatch.setattr(osai.census.run, "time", SimpleNamespace(sleep=census_waits.append))
    hub.inject_status(LISTING_PATTERN, 429, page=2, retry_after=retry_after, headers=headers)
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db, "--deadline", "6")
    assert result.code == 3, result.stderr
    assert waits == [] and census_waits == []
    failed = result.stderr.splitlines()[-1]
    assert failed.startswith("osai: error: cannot list models on "), result.stderr
    assert "(HTTP 429)" in failed and "try again after " in failed, failed
    assert stored(db) == (PAGE, PAGE)
