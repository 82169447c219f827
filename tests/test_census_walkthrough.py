"""What a new user's walkthrough of `osai census` found, each through the real command against the
loopback Hub serving the 18 fixture repositories (tests/fixtures/hub/PROVENANCE.md):

- a report written over its own database destroyed it, and two reports to one path kept the last;
- MOF verdicts that are not definite were counted as "no class reached", which `osai check`
  says only when a requirement of Class III is violated ("Class III not demonstrated" otherwise);
- `--deep` left out the public assessments `osai check` merges (a model the MOT lists as Class III
  was "no class reached" in the census, Class III in `osai check`);
- one page of 18 models was said to show "pages of up to 18, the size the Hub gave".
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from census_hub import linked_world, rows, run_census
from clirunner import Result, run_osai
from conftest import isolate_hub_client
from loopback_hub import LoopbackHub

from osai.census.schema import MODEL_COLUMNS
from osai.census.store import CensusStore


@dataclass(frozen=True)
class Census:
    hub: LoopbackHub
    db: Path
    result: Result  # what `osai census` printed


@pytest.fixture(scope="module")
def census(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Census]:
    """`osai census --sort downloads` of the 18 fixtures: one page, metadata only."""
    from huggingface_hub.utils import close_session

    db = tmp_path_factory.mktemp("census") / "c.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        isolate_hub_client(patch)
        with LoopbackHub() as hub:
            result = run_census(hub, db, "--sort", "downloads")
            assert result.code == 0, result.stderr
            yield Census(hub, db, result)
        close_session()


def copied(census: Census, folder: Path) -> Path:
    """A copy of the census database, as `cp c.duckdb c2.duckdb` makes it."""
    copy = folder / "c2.duckdb"
    shutil.copyfile(census.db, copy)
    return copy


def still_a_census(db: Path) -> None:
    CensusStore.open(db, read_only=True).close()  # raises BadInput if it was overwritten


def refused(result: Result, expected: str) -> None:
    assert result.code == 2, result
    assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
    assert "wrote" not in result.stderr + result.stdout


# --- a report never overwrites its database; two reports never share a path ----------------------


@pytest.mark.parametrize("option", ["--html", "--markdown"])
def test_a_report_over_its_database_is_refused(census: Census, tmp_path: Path, option: str) -> None:
    """`osai census report --db c2.duckdb --html c2.duckdb` printed "wrote c2.duckdb", exit 0,
    and the database was an HTML page afterwards."""
    db = copied(census, tmp_path)
    before = db.read_bytes()
    result = run_osai("census", "report", "--db", str(db), option, str(db))
    refused(result, f"{option} {db}: refusing to write over the database ({db})")
    assert db.read_bytes() == before
    still_a_census(db)


def test_a_report_over_another_name_of_its_database_is_refused(
    census: Census, tmp_path: Path
) -> None:
    """A symbolic link or a hard link to the database is the database: writing one overwrites
    it (the export's own check compared resolved paths, so a hard link got through)."""
    db = copied(census, tmp_path)
    (tmp_path / "soft.duckdb").symlink_to(db)
    os.link(db, tmp_path / "hard.duckdb")
    for other in (tmp_path / "soft.duckdb", tmp_path / "hard.duckdb"):
        report = run_osai("census", "report", "--db", str(db), "--html", str(other))
        refused(report, "refusing to write over the database")
        export = run_osai("census", "export", "--db", str(db), "--format", "csv", "-o", str(other))
        refused(export, "refusing to write over the database")
    still_a_census(db)


def with_a_log(db: Path) -> Path:
    """The database with committed rows still in its write-ahead log, as a census killed
    (SIGKILL, the machine lost) between checkpoints leaves it: DuckDB replays the log when the
    database is next opened; without it, those rows are gone."""
    with duckdb.connect(str(db)) as connection:
        connection.execute("SET checkpoint_threshold = '1GB'")
        connection.execute("PRAGMA disable_checkpoint_on_shutdown")
        connection.execute("UPDATE models SET likes = 123456 WHERE repo_id = 'allenai/OLMo-7B'")
    log = db.with_name(db.name + ".wal")
    assert log.is_file()
    return log


def test_a_report_or_export_over_the_databases_log_is_refused(
    census: Census, tmp_path: Path
) -> None:
    """`osai census report --db w.duckdb --html w.duckdb.wal` after a census killed mid-run
    wrote the page over DuckDB's write-ahead log, exit 0: the 3,000 models that log held were
    lost, and the database was "not an osai census database" afterwards.  Where no log is yet,
    DuckDB deletes the file of that name the next time a census writes the database."""
    db = copied(census, tmp_path)
    log = with_a_log(db)
    before = log.read_bytes()
    writes = [
        ("census", "report", "--db", str(db), "--html", str(log)),
        ("census", "report", "--db", str(db), "--markdown", str(log)),
        ("census", "export", "--db", str(db), "--format", "csv", "-o", str(log)),
    ]
    for args in writes:
        refused(run_osai(*args), f"{log}: refusing to write over the database's write-ahead log")
        assert log.read_bytes() == before
    assert rows(db, "SELECT likes FROM models WHERE repo_id = 'allenai/OLMo-7B'") == [(123456,)]


def test_an_export_is_never_written_through_a_link(census: Census, tmp_path: Path) -> None:
    """DuckDB's COPY replaced a symbolic link with the export (the review of this session)."""
    db = copied(census, tmp_path)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n")
    (tmp_path / "out.csv").symlink_to(precious)
    export = run_osai(
        "census", "export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "out.csv")
    )
    refused(export, "is a symbolic link; osai never writes through one")
    assert (tmp_path / "out.csv").is_symlink() and precious.read_text() == "keep me\n"


def test_the_export_still_refuses_its_database(census: Census, tmp_path: Path) -> None:
    db = copied(census, tmp_path)
    result = run_osai("census", "export", "--db", str(db), "--format", "json", "-o", str(db))
    refused(result, f"-o {db}: refusing to write over the database ({db})")
    still_a_census(db)


def test_two_reports_to_one_path_are_refused(census: Census, tmp_path: Path) -> None:
    """`--html same.out --markdown same.out` said "wrote same.out" twice, and the Markdown
    replaced the page."""
    same = tmp_path / "same.out"
    result = run_osai(
        "census", "report", "--db", str(census.db), "--html", str(same), "--markdown", str(same)
    )
    refused(result, f"--markdown {same}: {same} is already the destination of another report")
    assert not same.exists()


def test_a_report_into_a_directory_or_under_a_file_is_refused(
    census: Census, tmp_path: Path
) -> None:
    under = tmp_path / "notes.txt"
    under.write_text("kept\n")
    # a directory is refused as the option is read, in the words of every file option
    refused_as = (
        (tmp_path, "names a directory; give a file name"),
        (under / "r.html", "not a directory"),
    )
    for path, expected in refused_as:
        result = run_osai("census", "report", "--db", str(census.db), "--html", str(path))
        refused(result, expected)
    assert under.read_text() == "kept\n"


def test_two_reports_to_two_paths_are_written(census: Census, tmp_path: Path) -> None:
    html, markdown = tmp_path / "r.html", tmp_path / "r.md"
    result = run_osai(
        "census", "report", "--db", str(census.db), "--html", str(html), "--markdown",
        str(markdown),
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert result.stderr == f"osai: wrote {html}\nosai: wrote {markdown}\n"
    assert html.read_text().startswith("<!DOCTYPE html>")
    assert markdown.read_text().startswith("# Hub census")


# --- an export's format is the one its path names, its lists JSON arrays in every format ---------


@pytest.mark.parametrize(
    ("chosen", "name", "says", "instead"),
    [
        ("csv", "c1.json", "json", "c1.csv"),
        ("parquet", "c1.CSV", "csv", "c1.parquet"),
        ("json", "c1.parquet", "parquet", "c1.json"),
        ("csv", "my c.json", "json", "'my c.csv'"),  # shell-quoted, as osai's remedies are
    ],
)
def test_an_export_whose_format_and_extension_disagree_is_refused(
    census: Census, tmp_path: Path, chosen: str, name: str, says: str, instead: str
) -> None:
    """`--format csv -o c1.json` printed "wrote c1.json: 18 rows (csv)" and wrote CSV into a
    .json file; `osai check --format json -o r.md` is refused in these words."""
    result = run_osai(
        "census", "export", "--db", str(census.db), "--format", chosen, "-o", name, cwd=tmp_path
    )
    refused(
        result,
        f"osai: error: -o {name}: its extension says {says}, --format says {chosen}: write -o "
        f"{instead} (or leave --format out to write {says} there)\n",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "kind"), [("c1.json", "json"), ("c1.CSV", "csv"), ("c.parquet", "parquet")]
)
def test_an_export_takes_its_format_from_its_extension(
    census: Census, tmp_path: Path, name: str, kind: str
) -> None:
    """As `osai check -o r.sarif` writes SARIF: --format is needed only when -o says nothing.
    What it wrote is said as `osai census report` says it: on standard error, after `osai:`
    (it was "wrote c1.json: 18 rows (json)" on standard output, unprefixed)."""
    result = run_osai("census", "export", "--db", str(census.db), "-o", name, cwd=tmp_path)
    assert (result.code, result.stdout) == (0, "")
    assert result.stderr == f"osai: wrote {name}: 18 rows ({kind})\n"
    reader = {"json": "read_json", "csv": "read_csv", "parquet": "read_parquet"}[kind]
    assert rows(census.db, f"SELECT count(*) FROM {reader}(?)", [str(tmp_path / name)]) == [(18,)]


def test_an_export_with_no_format_to_tell_is_refused(census: Census, tmp_path: Path) -> None:
    export = ("census", "export", "--db", str(census.db))
    refused(
        run_osai(*export, "-o", "c1.out", cwd=tmp_path),
        "osai: error: -o c1.out: cannot tell the format from '.out' (extensions: .parquet .csv "
        ".json); give --format parquet, csv or json\n",
    )
    refused(run_osai(*export, cwd=tmp_path), "no format: give --format parquet, csv or json")
    assert list(tmp_path.iterdir()) == []
    written = run_osai(*export, "--format", "csv", "-o", "c1.out", cwd=tmp_path)
    assert written.stderr == "osai: wrote c1.out: 18 rows (csv)\n"  # --format says it: any name


def test_an_export_writes_each_list_as_a_json_array_in_every_format(
    census: Census, tmp_path: Path
) -> None:
    """A CSV list cell was DuckDB's own text of the list, `[transformers, pytorch, …,
    'arxiv:2307.09288', 'license:llama2', …]`, quoting only some items: no reader parsed it
    back.  Each is a JSON array now, as the JSON export writes it and Parquet holds it."""
    paths = {kind: tmp_path / f"c.{kind}" for kind in ("csv", "json", "parquet")}
    for path in paths.values():
        assert run_osai("census", "export", "--db", str(census.db), "-o", str(path)).code == 0
    with paths["csv"].open(newline="", encoding="utf-8") as handle:
        from_csv = list(csv.DictReader(handle))
    from_json = json.loads(paths["json"].read_text())
    with duckdb.connect() as connection:
        parquet = connection.execute("SELECT * FROM read_parquet(?)", [str(paths["parquet"])])
        names = [column[0] for column in parquet.description]
        from_parquet = [dict(zip(names, row, strict=True)) for row in parquet.fetchall()]
    assert list(from_csv[0]) == list(from_json[0]) == names  # the same columns, in one order
    lists = [name for name, kind in MODEL_COLUMNS if kind.endswith("[]")]
    for csv_row, json_row, parquet_row in zip(from_csv, from_json, from_parquet, strict=True):
        assert csv_row["repo_id"] == json_row["repo_id"] == parquet_row["repo_id"]
        for name in lists:
            cell = csv_row[name]  # an empty cell is a missing list; `[]` an empty one
            assert (json.loads(cell) if cell else None) == json_row[name] == parquet_row[name]
    llama = next(row for row in from_csv if row["repo_id"] == "meta-llama/Llama-2-7b-hf")
    assert {"transformers", "arxiv:2307.09288"} <= set(json.loads(llama["tags"]))
    assert json.loads(llama["licence_binds"]) == ["use restrictions", "user threshold"]


# --- a page size only when the listing showed it ----------------------------------------------


def test_one_page_says_no_page_size(census: Census, tmp_path: Path) -> None:
    """18 models in one page said "pages of up to 18, the size the Hub gave": a last, partial
    page says nothing of the size (the loopback Hub's pages hold 1,000)."""
    assert "18 models listed in 1 page, 1 listing request\n" in census.result.stdout
    markdown = tmp_path / "r.md"
    html = tmp_path / "r.html"
    report = run_osai(
        "census", "report", "--db", str(census.db), "--markdown", str(markdown), "--html",
        str(html),
    )  # fmt: skip
    assert report.code == 0, report.stderr
    for text in (census.result.stdout, markdown.read_text(), html.read_text()):
        assert "of up to" not in text and "size the Hub gave" not in text
    assert "18 models in 1 page, 1 listing request;" in markdown.read_text()
    assert "18 models in 1 page, 1 listing request;" in html.read_text()


def test_several_pages_say_the_page_size(census: Census, tmp_path: Path) -> None:
    db = tmp_path / "paged.duckdb"
    census.hub.listing_page_size = 5
    try:
        result = run_census(census.hub, db, "--sort", "downloads")
    finally:
        census.hub.listing_page_size = 1000
    assert result.code == 0, result.stderr
    said = "18 models listed in 4 pages (pages of up to 5, the size the Hub gave), 4 listing"
    assert said in result.stdout
    report = run_osai("census", "report", "--db", str(db))
    assert "18 models in 4 pages of up to 5 (the page size the Hub gave), 4 listing" in (
        report.stdout
    )


# --- verdicts not definite are "not demonstrated", as `osai check` says -------------------------

NOT_DEMONSTRATED = "Class III not demonstrated"
NO_CLASS = "no class reached"


def mof_counts(db: Path) -> tuple[int, int]:
    """MOF verdicts with no class proven: (definite: a Class III requirement violated, not)."""
    ((definite, open_),) = rows(
        db,
        "SELECT count(*) FILTER (definite), count(*) FILTER (NOT definite) FROM verdicts"
        " WHERE framework = 'mof' AND level = ''",
    )
    return int(definite), int(open_)


class _Cells(HTMLParser):
    """Every table row of a page, as the text of its cells."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_rows(page: str) -> list[list[str]]:
    parser = _Cells()
    parser.feed(page)
    return parser.rows


def reports(db: Path, folder: Path) -> tuple[str, str]:
    """The Markdown and the HTML report of a census database."""
    markdown, html = folder / "r.md", folder / "r.html"
    result = run_osai(
        "census", "report", "--db", str(db), "--markdown", str(markdown), "--html", str(html)
    )
    assert result.code == 0, result.stderr
    return markdown.read_text(), html.read_text()


def says_counts(db: Path, folder: Path) -> None:
    """Both reports count MOF's definite "no class reached" and its "not demonstrated" apart,
    each as the verdicts table says."""
    definite, open_ = mof_counts(db)
    assert definite and open_  # the fixtures have both: Llama 2, BLOOM, Falcon are violations
    markdown, html = reports(db, folder)
    mof = markdown.split("### MOF 1.0", 1)[1].split("###", 1)[0]
    assert f"| {NOT_DEMONSTRATED} | {open_} |" in mof
    assert f"| {NO_CLASS} | {definite} |" in mof
    assert "not demonstrated \\(nothing found" in markdown  # OSAID's own label, as it was
    counted = {row[0]: row[1] for row in html_rows(html) if len(row) == 5}
    assert counted[NOT_DEMONSTRATED] == str(open_) and counted[NO_CLASS] == str(definite)


def test_mof_not_demonstrated_is_not_no_class_reached(census: Census, tmp_path: Path) -> None:
    """The report said "no class reached | 18 | 100.0 %" where 15 of the 18 were not definite."""
    says_counts(census.db, tmp_path)
    stored = rows(
        census.db,
        "SELECT DISTINCT label FROM verdicts WHERE framework = 'mof' AND NOT definite"
        " AND level = ''",
    )
    assert stored == [(NOT_DEMONSTRATED,)]  # what an analyst's SQL counts, too


def test_a_store_that_counted_them_by_label_is_reported_as_check_words_it(
    census: Census, tmp_path: Path
) -> None:
    """A store written before kept "no class reached" for every MOF verdict with no class
    proven, and a new run skips the models it holds: its report counts them apart all the same."""
    db = copied(census, tmp_path)
    with duckdb.connect(str(db)) as connection:
        connection.execute(f"UPDATE verdicts SET label = '{NO_CLASS}' WHERE framework = 'mof'"
                           " AND level = ''")  # fmt: skip
    assert rows(db, "SELECT DISTINCT label FROM verdicts WHERE framework = 'mof'") == [(NO_CLASS,)]
    says_counts(db, tmp_path)


# --- a deep check reads a model as `osai check` reads it ------------------------------------------

NEOX = "EleutherAI/gpt-neox-20b"


def verdicts_of_check(census: Census, *switches: str) -> dict[str, tuple[str, bool, str, str]]:
    result = run_osai(
        "check", NEOX, "--format", "json", *switches, env={"HF_ENDPOINT": census.hub.endpoint}
    )
    assert result.code == 0, result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    return {
        f["id"]: (f["outcome"], f["definite"], f["best_level_proven"], f["certainty"] or "")
        for f in target["frameworks"]
    }


def verdicts_of_deep_census(
    census: Census, db: Path, *switches: str
) -> dict[str, tuple[str, bool, str, str]]:
    result = run_census(census.hub, db, "--search", "gpt-neox-20b", "--deep", "1", *switches)
    assert result.code == 0, result.stderr
    assert "checked in full: 1 model," in result.stdout
    found = rows(
        db,
        "SELECT framework, outcome, definite, level, certainty FROM verdicts"
        " WHERE depth = 'deep' AND repo_id = ?",
        [NEOX],
    )
    return {framework: (outcome, definite, level, sure) for framework, outcome, definite,
            level, sure in found}  # fmt: skip


def test_a_deep_check_reads_the_hub_whatever_folders_the_working_directory_holds(
    census: Census, tmp_path: Path
) -> None:
    """`EleutherAI/gpt-neox-20b/` in the working directory was read in the Hub model's place."""
    (tmp_path / "EleutherAI" / "gpt-neox-20b").mkdir(parents=True)
    db = tmp_path / "deep.duckdb"
    env = {"HF_ENDPOINT": census.hub.endpoint, "HF_HOME": str(tmp_path / "hf")}
    args = ("--db", str(db), "--search", "gpt-neox-20b", "--deep", "1", "--no-public-assessments")
    result = run_osai("census", *args, env=env, cwd=tmp_path)
    assert result.code == 0, result.stderr
    found = rows(
        db,
        "SELECT framework, outcome, definite, level, certainty FROM verdicts"
        " WHERE depth = 'deep' AND repo_id = ?",
        [NEOX],
    )
    deep = {framework: (outcome, definite, level, sure) for framework, outcome, definite,
            level, sure in found}  # fmt: skip
    assert deep == verdicts_of_check(census, "--no-public-assessments")
    # read from the Hub, as the requests it made say (an empty folder asks nothing)
    assert rows(db, "SELECT count(*) FROM requests WHERE repo_id = ?", [NEOX]) != [(0,)]


def test_a_deep_check_merges_the_public_assessments_as_check_does(
    census: Census, tmp_path: Path
) -> None:
    """GPT-NeoX-20B, its links read (from a loopback GitHub and arXiv): `osai check` reaches MOF
    Class III (its MOT listing and EOSAI entry are evidence), and OSAID not demonstrated (its
    datasets only inherit the listing's licence, so no third-party data is not inferred); the
    deep census said no class reached."""
    with linked_world():
        deep = verdicts_of_deep_census(census, tmp_path / "deep.duckdb")
        assert deep == verdicts_of_check(census)
    assert deep["osaid"][0] == "not-demonstrated" and deep["mof"][2] == "class-3"
    found = rows(
        tmp_path / "deep.duckdb",
        "SELECT message FROM findings WHERE depth = 'deep' AND message LIKE '%MOT lists%'",
    )
    assert found  # the deep check cites the listing, as check's report does


def test_no_public_assessments_in_a_deep_check_as_in_check(census: Census, tmp_path: Path) -> None:
    switch = "--no-public-assessments"
    deep = verdicts_of_deep_census(census, tmp_path / "deep.duckdb", switch)
    assert deep == verdicts_of_check(census, switch)
    assert deep != verdicts_of_check(census)  # what the listing and the entry settle
    assert deep["mof"][:3] == ("none", False, "")
    text = run_osai("check", NEOX, switch, env={"HF_ENDPOINT": census.hub.endpoint}).stdout
    (label,) = rows(
        tmp_path / "deep.duckdb",
        "SELECT label FROM verdicts WHERE depth = 'deep' AND framework = 'mof'",
    )
    assert label == (NOT_DEMONSTRATED,)
    assert f"MOF 1.0    ? {NOT_DEMONSTRATED} (" in text  # the same words
