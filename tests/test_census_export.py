"""`osai census export` of a store that holds no verdict (its only run failed at the listing's
first page), against the loopback Hub (the 18 fixture repositories, conftest's `hub`).

Its CSV header stopped at `run_id`: the per-framework columns (`osaid_outcome`, `mof_outcome`
…) were those of the verdicts stored, and there were none, so a pipeline reading a fixed schema
broke on the census that failed.  The columns are now those of the frameworks the store was
built with (each run records them), or, for a store that never said, the default frameworks.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from census_hub import bare_hub, listed_like, rows, run_census
from clirunner import ROOT, run_osai
from loopback_hub import LISTING_PATTERN, LoopbackHub

MODEL_COLUMNS_END = "latest"  # the last of the models columns


def framework_columns(*frameworks: str) -> list[str]:
    return [
        f"{framework.replace('-', '_')}{depth}_{field}"
        for framework in frameworks
        for depth in ("", "_deep")
        for field in ("outcome", "label", "definite", "mode")
    ]


def failed_census(hub: LoopbackHub, db: Path, *args: str) -> None:
    """A run whose listing's first page does not parse: it stores no model, no verdict."""
    hub.inject_malformed_json(LISTING_PATTERN, page=1, times=1)
    result = run_census(hub, db, *args)
    assert result.code == 3, result.stderr


def exported_columns(db: Path, tmp_path: Path, fmt: str) -> list[str]:
    path = tmp_path / f"census.{fmt}"
    result = run_osai("census", "export", "--db", str(db), "-o", str(path))
    assert result.code == 0, result.stderr
    if fmt == "csv":
        with path.open(newline="", encoding="utf-8") as exported:
            return next(csv.reader(exported))
    with duckdb.connect() as connection:
        described = connection.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)])
        return [str(row[0]) for row in described.fetchall()]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_export_without_verdicts_has_the_columns_of_the_frameworks_asked(
    hub: LoopbackHub, tmp_path: Path, fmt: str
) -> None:
    db = tmp_path / "f.duckdb"
    failed_census(hub, db, "-f", "osaid,mof,eosai")
    assert rows(db, "SELECT count(*) FROM verdicts") == [(0,)]
    columns = exported_columns(db, tmp_path, fmt)
    assert MODEL_COLUMNS_END in columns
    after = columns[columns.index(MODEL_COLUMNS_END) + 1 :]
    assert after == framework_columns("eosai", "mof", "osaid")  # as a full store orders them


def test_an_export_of_a_store_that_never_said_has_the_default_frameworks_columns(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A store written before runs recorded their frameworks: the default ones (OSAID, MOF)."""
    db = tmp_path / "f.duckdb"
    failed_census(hub, db)
    with duckdb.connect(str(db)) as connection:
        connection.execute("ALTER TABLE runs DROP COLUMN IF EXISTS frameworks")
    columns = exported_columns(db, tmp_path, "csv")
    assert columns[columns.index(MODEL_COLUMNS_END) + 1 :] == framework_columns("mof", "osaid")


def test_an_export_of_a_store_written_before_modes_were_kept_has_them_null(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A store written before verdicts kept their mode, never written to since (export opens it
    read-only): the export stopped with "cannot write the export (Binder Error: Referenced
    column "mode" not found ...)", exit 2; its verdicts are exported, their modes null."""
    db = tmp_path / "m.duckdb"
    assert run_census(hub, db, "--limit", "2").code == 0
    with duckdb.connect(str(db)) as connection:
        connection.execute("ALTER TABLE verdicts DROP COLUMN mode")
    path = tmp_path / "census.json"
    result = run_osai("census", "export", "--db", str(db), "-o", str(path))
    assert result.code == 0, result.stderr
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert len(exported) == 2
    assert all(row["osaid_outcome"] and row["osaid_mode"] is None for row in exported)
    assert all(row["mof_label"] and row["mof_mode"] is None for row in exported)


def test_a_framework_a_failed_run_asked_for_gets_its_columns_beside_those_judged(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "f.duckdb"
    assert run_census(hub, db, "--limit", "2", "-f", "osaid").code == 0
    failed_census(hub, db, "-f", "osaid,eu-ai-act")
    path = tmp_path / "census.json"
    assert run_osai("census", "export", "--db", str(db), "-o", str(path)).code == 0
    first = json.loads(path.read_text(encoding="utf-8"))[0]
    # a column name SQL and pandas take unquoted: it was "eu-ai-act_outcome"
    assert first["osaid_outcome"] and first["eu_ai_act_outcome"] is None
    assert set(framework_columns("eu-ai-act", "osaid")) <= set(first)


def test_an_export_tells_a_class_violated_from_one_not_demonstrated(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """MOF's outcome is `none` for Llama 2 (Class III violated by its licence) and for T5
    (nothing violated, items unknown): the export gave only that and `definite`, where the
    report and `osai check` say "no class reached" and "Class III not demonstrated"."""
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db).code == 0
    path = tmp_path / "census.json"
    assert run_osai("census", "export", "--db", str(db), "-o", str(path)).code == 0
    by_id = {row["repo_id"]: row for row in json.loads(path.read_text(encoding="utf-8"))}
    llama, t5 = by_id["meta-llama/Llama-2-7b-hf"], by_id["google-t5/t5-base"]
    assert llama["mof_outcome"] == t5["mof_outcome"] == "none"
    assert (llama["mof_label"], t5["mof_label"]) == (
        "no class reached",
        "Class III not demonstrated",
    )
    assert llama["osaid_label"] == "not conformant" and t5["mof_deep_label"] is None


@pytest.mark.parametrize(
    ("command", "option"),
    [("report", "--html"), ("report", "--markdown"), ("export", "--output")],
)
@pytest.mark.parametrize("named", ["out/", "."])
def test_a_file_option_given_a_directory_is_refused(
    tmp_path: Path, command: str, option: str, named: str
) -> None:
    """`census report --html out/` (or --markdown, `export -o`) would write a file named `out`:
    the slash is dropped on the way to a path; a directory, there or not yet, is no file name
    (as `osai init -o drafts/`)."""
    db = tmp_path / "census.duckdb"
    result = run_osai("census", command, "--db", str(db), option, named, cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {option} {named}: names a directory; give a file name\n",
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "begins"),
    [
        (("export", "--format", "csv", "-o", "-"), "repo_id,revision,"),
        (("export", "--format", "json", "-o", "-"), "["),
        (("report", "--markdown", "-"), "# Hub census\n"),
        (("report", "--html", "-"), "<!DOCTYPE html>"),
    ],
)
def test_a_dash_is_standard_output_not_a_file_named_so(
    hub: LoopbackHub, tmp_path: Path, args: tuple[str, ...], begins: str
) -> None:
    """`census export --format csv -o -` and `census report --html -` wrote a file named `-`
    and said "osai: wrote -", where `osai check -o FORMAT=-` and `osai init -o -` write on
    standard output."""
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db, "--limit", "3").code == 0
    result = run_osai("census", args[0], "--db", str(db), *args[1:], cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith(begins)
    assert not (tmp_path / "-").exists()
    if args[0] == "export":
        assert result.stderr == f"osai: wrote 3 rows ({args[2]}) on standard output\n"
    if args[2] == "json":
        assert len(json.loads(result.stdout)) == 3


def test_two_reports_on_standard_output_are_refused(tmp_path: Path) -> None:
    result = run_osai("census", "report", "--html", "-", "--markdown", "-", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        "osai: error: --html - and --markdown -: one report on standard output; write the other "
        "to a file\n",
    )


def test_parquet_is_not_written_on_a_terminal(hub: LoopbackHub, tmp_path: Path) -> None:
    """`census export --format parquet -o -` on a terminal wrote Parquet's bytes over it (curl
    refuses binary output there too); piped, it is written."""
    import os
    import pty
    import subprocess
    import sys

    db = tmp_path / "census.duckdb"
    assert run_census(hub, db, "--limit", "3").code == 0
    command = [sys.executable, "-m", "osai", "census", "export", "--db", str(db)]
    command += ["--format", "parquet", "-o", "-"]
    reader, terminal = pty.openpty()
    try:
        done = subprocess.run(
            command, stdout=terminal, stderr=subprocess.PIPE, timeout=120, check=False
        )
    finally:
        os.close(terminal)
        os.close(reader)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "osai: error: -o -: Parquet is binary; pipe it, or give -o FILE.parquet\n"
    )
    piped = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert piped.returncode == 0 and piped.stdout.startswith(b"PAR1")


def test_one_row_is_said_as_one(hub: LoopbackHub, tmp_path: Path) -> None:
    """A census of one model exported: "wrote census.csv: 1 rows (csv)"."""
    db = tmp_path / "one.duckdb"
    assert run_census(hub, db, "--limit", "1").code == 0
    out = tmp_path / "census.csv"
    written = run_osai("census", "export", "--db", str(db), "-o", str(out))
    assert written.stderr == f"osai: wrote {out}: 1 row (csv)\n"
    shown = run_osai("census", "export", "--db", str(db), "-o", "-", "--format", "json")
    assert shown.stderr == "osai: wrote 1 row (json) on standard output\n"


def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_text(tmp_path: Path) -> None:
    """The listing's own words went into the CSV as they came: an author `=HYPERLINK(…)` or a
    licence `=cmd|' /C calc'!A0` became a live link or a command when the file was opened in a
    spreadsheet (CSV injection).  A text cell that starts as a formula does (=, +, -, @, tab,
    CR) now starts with an apostrophe, which a spreadsheet reads as "this is text"; JSON and
    Parquet keep the text as it came."""
    formula = "=cmd|' /C calc'!A0"
    link = '=HYPERLINK("http://evil.example","click")'
    item = listed_like(
        "evil/formulas",
        author=link,
        library_name="@SUM(1+1)",
        pipeline_tag="+1+1",
        cardData={"license": formula},
        tags=["transformers"],
    )
    db = tmp_path / "census.duckdb"
    with bare_hub(10) as hub:
        hub.add_listing([item, listed_like("org/plain")])
        assert run_census(hub, db).code == 0
    out = tmp_path / "census.csv"
    assert run_osai("census", "export", "--db", str(db), "-o", str(out)).code == 0
    with out.open(newline="", encoding="utf-8") as exported:
        by_id = {row["repo_id"]: row for row in csv.DictReader(exported)}
    evil, plain = by_id["evil/formulas"], by_id["org/plain"]
    assert (evil["author"], evil["library_name"], evil["pipeline_tag"]) == (
        f"'{link}",
        "'@SUM(1+1)",
        "'+1+1",
    )
    assert evil["licence_found"] == f"'{formula}"
    assert evil["licence_where"] == f"cardData.license = {formula}"  # not a formula: kept
    assert (plain["author"], plain["licence_found"]) == ("org", "apache-2.0")
    assert evil["tags"] == '["transformers"]'
    document = tmp_path / "census.json"
    assert run_osai("census", "export", "--db", str(db), "-o", str(document)).code == 0
    kept = {row["repo_id"]: row for row in json.loads(document.read_text(encoding="utf-8"))}
    assert (kept["evil/formulas"]["author"], kept["evil/formulas"]["licence_found"]) == (
        link,
        formula,
    )


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_an_export_the_disk_has_no_room_for_says_why_in_words(
    hub: LoopbackHub, tmp_path: Path, fmt: str
) -> None:
    """DuckDB's own report of a write the system refused came whole: "cannot write the export
    (IO Error: Async write failed for range [offset=3, size=363005]: {"exception_type":"IO",
    …,"errno":"28"})".  It says the system's reason, as a report's -o FILE does.  A file-size
    limit (RLIMIT_FSIZE: "File too large") stands for a full disk; no file is left."""
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    out = tmp_path / f"census.{fmt}"

    # in the child: a write past the limit fails, not kills
    completed = export_under_file_limit(db, out, 1_000)
    said = f"osai: error: {out}: cannot write the export (File too large)\n"
    assert (completed.returncode, completed.stderr) == (2, said)
    assert not out.exists()


def test_a_report_the_disk_has_no_room_for_leaves_the_last_one_whole(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`census report --html r.html --markdown new.md` on a full disk said "cannot write (No
    space left on device)", and left r.html empty (the report written before it, truncated)
    and new.md an empty file.  The room is reserved before the file is touched: the earlier
    report stays as it was, and no empty file is left.  RLIMIT_FSIZE ("File too large") stands
    for the full disk."""
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    earlier, new = tmp_path / "r.html", tmp_path / "new.md"
    # yesterday's report, osai's own (a file osai did not write is refused before any write)
    assert run_osai("census", "report", "--db", str(db), "--html", str(earlier)).code == 0
    yesterday = earlier.read_text(encoding="utf-8")

    def small_files() -> None:  # in the child: a write past the limit fails, not kills
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000, resource.RLIM_INFINITY))

    for option, path in (("--html", earlier), ("--markdown", new)):
        completed = subprocess.run(
            [sys.executable, "-m", "osai", "census", "report", "--db", str(db), option, str(path)],
            env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
            preexec_fn=small_files, timeout=120,
        )  # fmt: skip
        said = f"osai: error: {path}: cannot write (File too large)\n"
        assert (completed.returncode, completed.stderr) == (2, said)
    assert earlier.read_text(encoding="utf-8") == yesterday
    assert not new.exists()
    written = run_osai("census", "report", "--db", str(db), "--html", str(earlier))
    assert written.code == 0 and earlier.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_json_export_dates_say_they_are_utc(hub: LoopbackHub, tmp_path: Path) -> None:
    """The store keeps UTC without a zone (DuckDB's TIMESTAMP); the JSON export wrote it so,
    "2026-12-05 02:41:11.876924", which a dashboard's Date() reads as local time (and some
    reject).  JSON gives each as ISO 8601 in UTC, "2026-12-05T02:41:11.876924Z"; CSV and
    Parquet keep the column's own value."""
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db, "--limit", "3").code == 0
    out = tmp_path / "census.json"
    assert run_osai("census", "export", "--db", str(db), "-o", str(out)).code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    with duckdb.connect(str(db), read_only=True) as connection:
        stored = {
            str(repo): (created, judged)
            for repo, created, judged in connection.execute(
                "SELECT repo_id, created_at, judged_at FROM models"
            ).fetchall()
        }
    assert len(exported) == 3
    for row in exported:
        created, judged = stored[row["repo_id"]]
        for said, kept in ((row["created_at"], created), (row["judged_at"], judged)):
            assert said is None if kept is None else said.endswith("Z"), said
            if kept is not None:
                moment = datetime.fromisoformat(said)
                assert moment.utcoffset() == timedelta(0)
                assert moment.replace(tzinfo=None) == kept


# What a terminal acts on, from a hostile listing: ESC starting a title change and a bell, the
# C1 CSI (U+009B) colouring what follows, CR over the line, a line separator, a right-to-left
# override, DEL.
HOSTILE = "x\x1b]0;owned\x07\x9b31m\r\u2028\u202eevil\x7f"
# Every character a terminal acts on but tab and newline, which a quoted CSV cell holds.
TERMINAL_ACTS_ON = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def test_a_hostile_listing_reaches_no_terminal_raw(tmp_path: Path) -> None:
    """A listing's author, library, tag and licence holding ESC, U+009B (a terminal's CSI), CR,
    U+2028 and a bidirectional override went into the export as they came: DuckDB's JSON
    writer escapes C0 controls only, its CSV writer none, and `-o -` wrote them on the terminal.
    JSON escapes them as `osai check --format json` does (the same values for a JSON reader);
    CSV writes each as its JSON escape, `\\u001b`; Parquet, binary, keeps them as listed."""
    item = listed_like(
        "evil/controls",
        author=f"evil{HOSTILE}",
        library_name=f"lib{HOSTILE}",
        tags=["transformers", f"tag{HOSTILE}"],
        cardData={"license": f"mit{HOSTILE}"},
    )
    db = tmp_path / "census.duckdb"
    with bare_hub(10) as hub:
        hub.add_listing([item, listed_like("org/plain")])
        assert run_census(hub, db).code == 0
    for fmt in ("json", "csv"):
        out = tmp_path / f"census.{fmt}"
        assert run_osai("census", "export", "--db", str(db), "-o", str(out)).code == 0
        shown = run_osai("census", "export", "--db", str(db), "--format", fmt, "-o", "-")
        written = out.read_text(encoding="utf-8")
        assert shown.code == 0 and shown.stdout == written
        assert TERMINAL_ACTS_ON.findall(written) == []
    document = json.loads((tmp_path / "census.json").read_text(encoding="utf-8"))
    evil = next(row for row in document if row["repo_id"] == "evil/controls")
    assert (evil["author"], evil["library_name"], evil["licence_found"]) == (
        f"evil{HOSTILE}",
        f"lib{HOSTILE}",
        f"mit{HOSTILE}",
    )
    assert evil["tags"] == ["transformers", f"tag{HOSTILE}"]
    with (tmp_path / "census.csv").open(newline="", encoding="utf-8") as exported:
        cells = next(row for row in csv.DictReader(exported) if row["repo_id"] == "evil/controls")
    seen = "x\\u001b]0;owned\\u0007\\u009b31m\\u000d\\u2028\\u202eevil\\u007f"
    assert (cells["author"], cells["licence_found"]) == (f"evil{seen}", f"mit{seen}")
    assert json.loads(cells["tags"]) == ["transformers", f"tag{HOSTILE}"]  # a JSON array's own
    parquet = tmp_path / "census.parquet"
    assert run_osai("census", "export", "--db", str(db), "-o", str(parquet)).code == 0
    with duckdb.connect() as connection:
        (kept,) = connection.execute(
            "SELECT author FROM read_parquet(?) WHERE repo_id = 'evil/controls'", [str(parquet)]
        ).fetchone()
    assert kept == f"evil{HOSTILE}"
    # rewritten escaped, the export keeps the permissions DuckDB gave it, not a scratch file's
    assert (tmp_path / "census.csv").stat().st_mode == parquet.stat().st_mode


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_that_cannot_be_escaped_is_not_left_raw(tmp_path: Path, fmt: str) -> None:
    """DuckDB wrote the export; escaping it takes room (each U+009B, two bytes, is `\\u009b`,
    six), and the system refused it: the raw export is removed, not left for a terminal, and
    the reason said in one line.  A file-size limit above the raw export and below the escaped
    one stands for a disk that fills between the two."""
    # (a field is cut at 200 characters: 40 tags of 150, some 12 kB raw and 36 kB escaped)
    item = listed_like("evil/long", tags=[f"{n}" + "\x9b" * 150 for n in range(40)])
    db = tmp_path / "census.duckdb"
    with bare_hub(10) as hub:
        hub.add_listing([item])
        assert run_census(hub, db).code == 0
    out = tmp_path / f"census.{fmt}"

    # in the child: the raw export fits, the escaped one does not
    completed = export_under_file_limit(db, out, 20_000)
    said = f"osai: error: {out}: cannot write the export (File too large)\n"
    assert (completed.returncode, completed.stderr) == (2, said)
    assert [path.name for path in tmp_path.iterdir()] == ["census.duckdb"]  # nor a scratch file
    assert run_osai("census", "export", "--db", str(db), "-o", str(out)).code == 0
    assert 20_000 < out.stat().st_size < 45_000  # the limit fell between raw and escaped


def export_under_file_limit(db: Path, out: Path, limit: int) -> subprocess.CompletedProcess[str]:
    """`osai census export --db DB -o OUT` in a process whose files may not grow past `limit`
    bytes (RLIMIT_FSIZE, SIGXFSZ ignored: a write past it fails, as on a full disk)."""

    def limited_files() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    return subprocess.run(
        [sys.executable, "-m", "osai", "census", "export", "--db", str(db), "-o", str(out)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        preexec_fn=limited_files, timeout=120,
    )  # fmt: skip


def moved_census(db: Path) -> None:
    """Two models, one of them re-listed at a new commit by a second run: three rows."""
    with bare_hub(page_size=1000) as hub:
        hub.add_listing([listed_like("org/moved"), listed_like("org/still")])
        assert run_census(hub, db).code == 0
        hub.add_listing([listed_like("org/moved", sha="b" * 40, cardData={"license": "mit"})])
        assert run_census(hub, db).code == 0


def test_the_export_says_which_rows_the_report_counts(tmp_path: Path) -> None:
    """The line 'wrote census.csv: 3 rows (csv)' beside a report of 2 models read as a mistake."""
    db = tmp_path / "c.duckdb"
    moved_census(db)
    out = tmp_path / "census.csv"
    written = run_osai("census", "export", "--db", str(db), "-o", str(out))
    assert written.stderr == (
        f"osai: wrote {out}: 3 rows (csv); 1 of them a model's earlier revision: `latest` marks "
        "the 2 the report counts\n"
    )
    shown = run_osai("census", "export", "--db", str(db), "-o", "-", "--format", "json")
    assert shown.stderr.startswith("osai: wrote 3 rows (json) on standard output; 1 of them")


def test_the_export_marks_the_revision_the_report_counts(tmp_path: Path) -> None:
    """A model re-listed at a new commit is stored again: the export, one row per model and
    revision, had 3 rows where the report counted 2 models, and nothing told the superseded
    revision from the latest, so the report's figures could not be had from the export.
    `latest` marks the row the report counts."""
    db = tmp_path / "c.duckdb"
    moved_census(db)
    report = run_osai("census", "report", "--db", str(db))
    assert "Models: **2** (the latest revision of each" in report.stdout
    for fmt in ("csv", "json", "parquet"):
        path = tmp_path / f"census.{fmt}"
        assert run_osai("census", "export", "--db", str(db), "-o", str(path)).code == 0
        with duckdb.connect() as connection:
            exported = connection.execute(
                f"SELECT repo_id, revision, latest FROM '{path}' ORDER BY ALL"
            ).fetchall()
        old = hashlib.sha1(b"org/moved").hexdigest()
        assert exported == [
            ("org/moved", old, False),
            ("org/moved", "b" * 40, True),
            ("org/still", hashlib.sha1(b"org/still").hexdigest(), True),
        ], fmt
