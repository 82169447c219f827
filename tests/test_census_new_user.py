"""A second new user's walkthrough of `osai census`, each finding through the real command against
the loopback Hub serving the 18 fixture repositories (tests/fixtures/hub/PROVENANCE.md), with
listing items added where the Hub's answer is odd:

- a DuckDB file of the user's own (not a census database) was written into: six tables added,
  then an internal error when one of the user's tables was named `models`;
- a download count beyond what the store holds (10**20) ended the census with an internal error,
  and one of 2**63 - 1 was stored, making every download share in the report 100 %;
- the HTML page said "The census covers a single creation month" of 18 models, 16 of them with
  no creation month at all (the Markdown twin listed three rows); the Markdown said the same
  when no model had a creation month, or none was stored; a creation date of 9999-12-31 was a
  month of the chart;
- a card listing two licences that disagree (osai reads no licence from it, as `osai check` says)
  was counted "No licence", and, tagged "open-source", listed as an open-washing candidate with
  "no licence stated (card metadata and tags)";
- when a 429 storm outlasted huggingface_hub's retries and the census listed again, the pages
  listed again were counted again (23 models listed of 18) and their models put in the top N
  again: `--deep 10` checked the first page's 5 models twice each, said "checked in full: 10
  models", stored their findings and links twice, and checked none of the next 5;
- a census killed (SIGKILL, a machine that stops) left its run "running" with no figures: the
  report said "Models: 750" beside "0 models in 0 pages, 0 listing requests; run 1 running
  (2026-12-02 04:06 UTC to )";
- 16 of the 18 fixtures have no download count in the listing: the report summed the others
  and showed a "0" for each of them, never saying the count was missing;
- Ctrl-C printed nothing at all (typer turns KeyboardInterrupt into a silent exit 130, so
  osai's own "osai: interrupted" line was never reached): not a word of what was stored.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from census_hub import listed_like, record_client_waits, rows, run_census, served_hub
from clirunner import ROOT, Result, run_osai
from loopback_http import Fault
from loopback_hub import LoopbackHub
from loopback_hub_listing import LISTING_PATTERN


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    """The loopback Hub listing the 18 fixtures (a test may add listing items)."""
    with served_hub() as running:
        yield running


def one_line(result: Result, code: int, expected: str) -> None:
    assert result.code == code, result
    assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


# --- the store is never written into a DuckDB file that is not a census database --------------


def tables(db: Path) -> list[str]:
    return [name for (name,) in rows(db, "SELECT table_name FROM duckdb_tables() ORDER BY 1")]


@pytest.mark.parametrize("table", ["models", "notes"])
def test_a_duckdb_file_of_the_users_own_is_refused(
    hub: LoopbackHub, tmp_path: Path, table: str
) -> None:
    """`--db analysis.duckdb` naming the user's own database: refused before anything is
    written, whatever its tables are called (a `models` table made the census fail with an
    internal error after it had added six tables of its own)."""
    db = tmp_path / "analysis.duckdb"
    with duckdb.connect(str(db)) as connection:
        connection.execute(f"CREATE TABLE {table} (name VARCHAR, score INTEGER)")
        connection.execute(f"INSERT INTO {table} VALUES ('mine', 1)")
    result = run_census(hub, db, "--limit", "2")
    one_line(result, 2, f"{db}: not an osai census database")
    assert tables(db) == [table]
    assert rows(db, f"SELECT * FROM {table}") == [("mine", 1)]
    report = run_osai("census", "report", "--db", str(db))
    one_line(report, 2, f"{db}: not an osai census database")


def test_an_empty_duckdb_file_becomes_a_census(hub: LoopbackHub, tmp_path: Path) -> None:
    """A DuckDB file with no table yet (as `duckdb new.duckdb` leaves it) is a fine place."""
    db = tmp_path / "new.duckdb"
    duckdb.connect(str(db)).close()
    result = run_census(hub, db, "--limit", "2")
    assert result.code == 0, result.stderr
    assert rows(db, "SELECT count(*) FROM models") == [(2,)]


def test_a_database_whose_meta_says_version_1_but_whose_tables_are_its_own(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Another program's DuckDB file keeping, as many do, a `meta (key, value)` table with
    `schema_version = 1`, beside a `models` table of its own: the census added five tables to it,
    then failed with an internal error (exit 70); `report` failed the same way, and `export`
    blamed the file it was to write.  Now each says in one line that it is no census database,
    and nothing is written into it."""
    db = tmp_path / "tracking.duckdb"
    with duckdb.connect(str(db)) as connection:
        connection.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        connection.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        connection.execute("CREATE TABLE models (repo_id VARCHAR, accuracy DOUBLE)")
        connection.execute("INSERT INTO models VALUES ('mine', 0.9)")
    expected = f"{db}: not an osai census database (its table models has no column revision)"
    one_line(run_census(hub, db, "--limit", "2"), 2, expected)
    assert tables(db) == ["meta", "models"]
    assert rows(db, "SELECT * FROM models") == [("mine", 0.9)]
    one_line(run_osai("census", "report", "--db", str(db)), 2, expected)
    export = run_osai("census", "export", "--db", str(db), "-o", str(tmp_path / "out.csv"))
    one_line(export, 2, expected)


def test_a_census_missing_a_table_it_reads_is_said_to_be_one(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A census database whose `runs` table was dropped (by an analyst's SQL): the report ended
    with an internal error naming DuckDB's catalog.  It says which table is missing; a census
    run makes the table again, as it makes every table of a new store."""
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db, "--limit", "2").code == 0
    with duckdb.connect(str(db)) as connection:
        connection.execute("DROP TABLE runs")
    one_line(
        run_osai("census", "report", "--db", str(db)),
        2,
        f"{db}: not a whole osai census database (it has no table runs)",
    )
    assert run_census(hub, db, "--limit", "2").code == 0
    assert run_osai("census", "report", "--db", str(db)).code == 0


# --- counts from the listing are bounded ---------------------------------------------------------


def test_counts_no_hub_keeps_are_not_reported(hub: LoopbackHub, tmp_path: Path) -> None:
    """Downloads of 10**20 (more than BIGINT holds) ended the census with an internal error;
    2**63 - 1 was stored and made every download share of the report 100 %.  A count beyond
    any the Hub keeps is not reported, as a count of the wrong type is."""
    hub.add_listing(
        [
            listed_like("odd/beyond-bigint", downloads=10**20, likes=10**19),
            listed_like("odd/bigint-max", downloads=2**63 - 1, likes=2**63 - 1),
            listed_like("odd/plausible", downloads=10**9, likes=12),
        ]
    )
    db = tmp_path / "c.duckdb"
    result = run_census(hub, db, "--search", "odd/")
    assert result.code == 0, result.stderr
    stored = rows(db, "SELECT repo_id, downloads, likes FROM models ORDER BY 1")
    assert stored == [
        ("odd/beyond-bigint", None, None),
        ("odd/bigint-max", None, None),
        ("odd/plausible", 10**9, 12),
    ]
    report = run_osai("census", "report", "--db", str(db))
    said = "downloads in the last 30 days: 1,000,000,000 (2 models have no download count)\n"
    assert said in report.stdout


# --- the HTML page says what it knows of creation months ----------------------------------------


def html_months(db: Path, folder: Path) -> str:
    page = folder / "r.html"
    report = run_osai("census", "report", "--db", str(db), "--html", str(page))
    assert report.code == 0, report.stderr
    text = page.read_text()
    section = text[text.index("Change over time") :]
    return re.sub(r"<[^>]+>", "", section)


def test_the_page_never_says_one_month_of_models_without_one(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Of the 18 fixtures, 16 have no creation month, one was created before the Hub recorded
    dates and one in 2023-07: the page said "The census covers a single creation month"."""
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db).code == 0
    said = html_months(db, tmp_path)
    assert "single creation month" not in said
    assert "17 models have no creation month" in said
    assert "The one model with a known creation month was created in 2023-07" in said


def test_the_page_says_when_no_model_has_a_creation_month(hub: LoopbackHub, tmp_path: Path) -> None:
    hub.listing.clear()
    hub.add_listing([listed_like(f"odd/undated-{n}", createdAt=None) for n in range(3)])
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db).code == 0
    said = html_months(db, tmp_path)
    assert "single creation month" not in said
    assert "3 models have no creation month" in said and "No model has a known" in said
    markdown = run_osai("census", "report", "--db", str(db)).stdout
    # the HTML's words (summary.undated_note): the same note in both formats
    assert "3 models have no creation month" in markdown
    assert markdown.endswith("not shown here.\n\nNo model has a known creation month.\n")


def test_the_markdown_says_so_when_no_model_is_stored(hub: LoopbackHub, tmp_path: Path) -> None:
    """Not a heading and an empty table or "None found." for each section (tests/
    test_census_edges.py): one sentence, after the overview."""
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db, "--search", "no-such-model").code == 0
    markdown = run_osai("census", "report", "--db", str(db)).stdout
    assert "single creation month" not in markdown
    assert markdown.endswith("\n\nNo models listed: the census has stored none, so there are no "
                             "verdicts, licences, open-washing candidates or creation months to "
                             "show.\n")  # fmt: skip
    page = tmp_path / "r.html"
    assert run_osai("census", "report", "--db", str(db), "--html", str(page)).code == 0
    assert "single creation month" not in page.read_text(encoding="utf-8")


# --- a card that lists several licences states one: it is no "missing licence" ------------------


def test_a_card_listing_several_licences_is_not_said_to_state_none(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    hub.listing.clear()
    listed = {"license": ["mit", "llama2"], "tags": ["open-source"]}
    hub.add_listing(
        [
            listed_like(
                "odd/two-licences", cardData=listed, tags=["license:mit", "license:llama2"]
            ),
            listed_like("odd/none-at-all", cardData={"tags": ["open-source"]}, tags=[]),
        ]
    )
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db).code == 0
    stored = rows(
        db,
        "SELECT repo_id, licence_found, licence_where, licence_state, licence_family"
        " FROM models ORDER BY 1",
    )
    assert stored == [
        ("odd/none-at-all", "", "", "none", "No licence"),
        ("odd/two-licences", "mit, llama2", "cardData.license", "several", "Other or custom"),
    ]
    report = run_osai("census", "report", "--db", str(db))
    assert "under a use-restricted or missing licence (1)" in report.stdout
    assert "odd/none-at-all" in report.stdout and "odd/two-licences" not in report.stdout
    assert "- Licence unknown, other or custom: 50.0 % of models (1)" in report.stdout


def test_a_card_listing_several_licences_reads_them_as_the_check_does(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The census read the card's `license:` list again, on its own terms: a number in it (YAML
    reads `license: [apache-2.0, 2.0]` so) was dropped there, though the card reading keeps it,
    so the card settled no licence and the census said it stated none ('No licence', an
    open-washing candidate).  Both read the list alike."""
    hub.listing.clear()
    listed = {"license": ["apache-2.0", 2.0], "tags": ["open-source"]}
    hub.add_listing([listed_like("odd/numbered", cardData=listed, tags=["license:apache-2.0"])])
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db).code == 0
    stored = rows(db, "SELECT licence_found, licence_state, licence_family FROM models")
    assert stored == [("apache-2.0, 2.0", "several", "Other or custom")]


def test_licence_tags_naming_several_are_stored_as_several_not_as_none(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A card whose metadata names no licence, and which the Hub tags with two
    (`license:mit`, `license:llama2`: a card's list as the Hub tags it), states several: the
    tags stood in for the card (the first of them) until they settled none, and then the
    census stored it as stating none ('No licence', an open-washing candidate)."""
    hub.listing.clear()
    tags = ["license:mit", "license:llama2"]
    hub.add_listing([listed_like("odd/two-tags", cardData={"tags": ["open-source"]}, tags=tags)])
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db).code == 0
    stored = rows(
        db, "SELECT licence_found, licence_where, licence_state, licence_family FROM models"
    )
    assert stored == [("mit, llama2", "tags", "several", "Other or custom")]


def test_a_model_checked_in_full_keeps_the_several_licences_its_card_states(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The full check (`--deep`) stored a card listing several licences, which the check reads
    none of, as stating none ('No licence', an open-washing candidate), where its metadata
    record said several: the full check was never told the licences the card lists."""
    hub.listing.clear()
    card = {"license": ["mit", "llama2"], "tags": ["open-source"]}
    hub.add_repo(
        {
            "id": "odd/two-licences",
            "cardData": card,
            "tags": ["transformers", "license:mit", "license:llama2"],
            "siblings": [{"rfilename": "README.md"}],
        }
    )
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db, "--deep", "1", "--no-public-assessments").code == 0
    stored = rows(db, "SELECT depth, licence_state, licence_found FROM models")
    assert stored == [("deep", "several", "mit, llama2")]


# --- a listing that restarts counts and checks each model once ---------------------------------


def test_a_restarted_listing_counts_and_checks_each_model_once(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import osai.census.run

    record_client_waits(monkeypatch)
    census_waits: list[float] = []
    monkeypatch.setattr(osai.census.run, "time", SimpleNamespace(sleep=census_waits.append))
    hub.listing_page_size = 5  # 18 fixtures: 4 pages
    hub.inject_status(LISTING_PATTERN, 429, page=2, times=7, retry_after=1)
    db = tmp_path / "c.duckdb"
    result = run_census(hub, db, "--deep", "10", "--no-public-assessments")
    assert result.code == 0, result.stderr
    assert census_waits == [1.0]  # the client gave up on page 2; the census listed again
    assert "18 models listed in 4 pages" in result.stdout
    assert "judged 18 (metadata only), skipped 0 already judged" in result.stdout
    assert "checked in full: 10 models" in result.stdout
    assert rows(db, "SELECT listed, judged, skipped, pages, deep FROM runs") == [(18, 18, 0, 4, 10)]
    assert rows(db, "SELECT count(*) FROM models WHERE depth = 'deep'") == [(10,)]
    once = rows(
        db,
        "SELECT count(*) FROM (SELECT repo_id, kind, message, count(*) AS n FROM findings"
        " WHERE depth = 'deep' GROUP BY ALL) WHERE n > 1",
    )
    assert once == [(0,)]


# --- Ctrl-C says what it leaves ------------------------------------------------------------------


def interrupted(
    hub: LoopbackHub, hang: Fault, tmp_path: Path, *args: str, sent: int = signal.SIGINT
) -> Result:
    """`osai ARGS` in its own process, sent SIGINT (as Ctrl-C sends it; or `sent`) once the Hub
    holds the request `hang` stops."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "HF_ENDPOINT": hub.endpoint,
                   "HF_HOME": str(tmp_path / "hf")}  # fmt: skip
    environment.pop("OSAI_DEBUG", None)
    command = subprocess.Popen(
        [sys.executable, "-m", "osai", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while hang.hits == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert hang.hits == 1, "the request to hold was never sent"
        command.send_signal(sent)
        stdout, stderr = command.communicate(timeout=60)
    finally:
        hang.release()
        if command.poll() is None:
            command.kill()
    return Result(command.returncode, stdout, stderr)


def test_ctrl_c_says_what_is_stored_and_how_to_resume(hub: LoopbackHub, tmp_path: Path) -> None:
    """Interrupted while it waits for the listing's third page: one line, exit 130, the two
    pages the Hub sent kept (the second was lost: a page was stored only when the next one
    arrived)."""
    hub.listing_page_size = 5
    db = tmp_path / "c.duckdb"
    hang = hub.inject_hang(LISTING_PATTERN, page=3)
    result = interrupted(hub, hang, tmp_path, "census", "--db", str(db))
    assert (result.code, result.stdout) == (130, ""), result.stderr
    assert result.stderr == (
        "osai: interrupted after page 2 of the listing (10 models listed): what it listed is "
        f"stored in {db}; the same command resumes\n"
    )
    assert rows(db, "SELECT status, judged FROM runs") == [("interrupted", 10)]


def test_ctrl_c_on_a_terminal_of_80_columns_is_said_within_them(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line that says where the run stopped ran to 130 columns at 80, where every other
    line the census says is wrapped; into a log it stays one line (above)."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)  # a name shorter than a line, wherever the tests run
    hub.listing_page_size = 5
    db = Path("c.duckdb")
    hang = hub.inject_hang(LISTING_PATTERN, page=3)
    result = interrupted(hub, hang, tmp_path, "census", "--db", str(db))
    assert result.code == 130, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) > 1 and all(len(line) <= 80 for line in lines)
    said = " ".join(line.strip() for line in lines)
    assert said == (
        "osai: interrupted after page 2 of the listing (10 models listed): what it listed is "
        f"stored in {db}; the same command resumes"
    )


def test_a_terminated_census_stops_as_at_ctrl_c(hub: LoopbackHub, tmp_path: Path) -> None:
    """SIGTERM (`docker stop`, a cancelled CI job) ended the census at once: its run stayed
    marked running, and nothing said what was stored.  Now it stops as Ctrl-C stops it, and
    exits 143 as a process SIGTERM ended (it exited 130, read as someone's Ctrl-C)."""
    hub.listing_page_size = 5
    db = tmp_path / "c.duckdb"
    hang = hub.inject_hang(LISTING_PATTERN, page=3)
    result = interrupted(hub, hang, tmp_path, "census", "--db", str(db), sent=signal.SIGTERM)
    assert (result.code, result.stdout) == (143, ""), result.stderr
    assert result.stderr == (
        "osai: interrupted after page 2 of the listing (10 models listed): what it listed is "
        f"stored in {db}; the same command resumes\n"
    )
    assert rows(db, "SELECT status, judged FROM runs") == [("interrupted", 10)]


def test_ctrl_c_says_so_in_any_command(hub: LoopbackHub, tmp_path: Path) -> None:
    hang = hub.inject_hang(r"^/api/models/EleutherAI/pythia-70m")
    result = interrupted(hub, hang, tmp_path, "check", "EleutherAI/pythia-70m")
    assert (result.code, result.stdout, result.stderr) == (130, "", "osai: interrupted\n")


# --- a killed census: what it stored, said as it is ---------------------------------------------


def test_a_killed_census_is_reported_as_unfinished_with_what_it_stored(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    hub.listing_page_size = 5
    db = tmp_path / "c.duckdb"
    hang = hub.inject_hang(LISTING_PATTERN, page=3)
    killed = interrupted(hub, hang, tmp_path, "census", "--db", str(db), sent=signal.SIGKILL)
    assert killed.code == -signal.SIGKILL
    assert rows(db, "SELECT status, listed, judged, pages, listing_requests FROM runs") == [
        ("running", 10, 10, 2, 2)
    ]
    report = run_osai("census", "report", "--db", str(db))
    assert report.code == 0, report.stderr
    lines = report.stdout.splitlines()
    assert lines[2].startswith("- **The last run (run 1) did not finish:** it stopped without")
    assert lines[3].startswith("- **Verdicts** (metadata only): OSAID 1.0: ")  # then the answer
    assert (
        lines[4]
        == "- Models: **10** (the latest revision of each, stored by run 1); downloads in the "
        "last 30 days: "
        "unknown (no model has a download count)"
    )
    assert (
        ": 10 models in 2 pages of up to 5 (the page size the Hub gave), 2 listing requests; "
        "run 1 unfinished (started " in lines[5]
    )
    assert "running" not in report.stdout and " to )" not in report.stdout
    page = tmp_path / "r.html"
    assert run_osai("census", "report", "--db", str(db), "--html", str(page)).code == 0
    said = re.sub(r"<[^>]+>", "", page.read_text())
    assert "The last run (run 1) did not finish: it stopped without" in said
    assert (
        ": 10 models in 2 pages of up to 5 (the page size the Hub gave), 2 listing requests; "
        "run 1 unfinished (started " in said
    )


# --- downloads not reported are said to be missing, not 0 ----------------------------------------


def test_models_without_a_download_count_are_counted(hub: LoopbackHub, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db).code == 0
    assert rows(db, "SELECT count(*) FILTER (WHERE downloads IS NULL) FROM models") == [(16,)]
    said = "downloads in the last 30 days: 3,523,278 (16 models have no download count)"
    report = run_osai("census", "report", "--db", str(db))
    assert said in report.stdout
    page = tmp_path / "r.html"
    assert run_osai("census", "report", "--db", str(db), "--html", str(page)).code == 0
    assert said in re.sub(r"<[^>]+>", "", page.read_text())


def test_a_creation_date_after_the_census_is_no_month(hub: LoopbackHub, tmp_path: Path) -> None:
    hub.listing.clear()
    hub.add_listing(
        [
            listed_like("odd/from-the-future", createdAt="9999-12-31T00:00:00.000Z"),
            listed_like("odd/of-its-time", createdAt="2024-05-01T10:00:00.000Z"),
        ]
    )
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db).code == 0
    markdown = run_osai("census", "report", "--db", str(db)).stdout
    assert "9999" not in markdown
    assert "1 model has no creation month" in markdown  # the future one, as the HTML says
    assert "The one model with a known creation month was created in 2024-05." in markdown
