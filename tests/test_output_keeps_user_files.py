"""A report never replaces a file the user wrote: not under a name osai chooses itself (`osai
check -o sarif=out/`'s out/osai.sarif, `osai audit -o json=out/`'s out/osai.json, `osai census
export`'s osai-census.csv: it did, exit 0, "osai: wrote osai-census.json", the user's file gone),
nor under one the user gave (`-o README.md` in a model's directory replaced its card with the
report, exit 0).  Refused in one line, exit 2, the file as it was; a file osai wrote there
before is replaced, as a run replaces its own report, in every format osai writes (each told by
its opening: osai.own_reports), and so is an empty one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from census_hub import run_census, served_hub
from clirunner import EXAMPLES, run_osai, run_osai_unprivileged
from loopback_hub import LoopbackHub

from osai.formatters import OutputFormat
from osai.outputs import DEFAULT_NAMES

MANIFEST = str(EXAMPLES / "pythia-70m.yml")
MINE = '{"my": "own json, not a report"}\n'


@pytest.mark.parametrize("form", list(OutputFormat))
def test_check_keeps_the_user_s_file_under_the_name_osai_chooses(
    tmp_path: Path, form: OutputFormat
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / DEFAULT_NAMES[form]
    mine.write_text(MINE, encoding="utf-8")
    result = run_osai("check", MANIFEST, "-o", f"{form.value}=out/", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: -o {form.value}=out/{mine.name}: a file osai did not write is there; "
        "remove it, or name another file: -o FORMAT=PATH\n",
    )
    assert mine.read_text(encoding="utf-8") == MINE


@pytest.mark.parametrize("form", list(OutputFormat))
def test_check_replaces_its_own_report_under_the_name_it_chose(
    tmp_path: Path, form: OutputFormat
) -> None:
    """Each format osai writes is told as its own by its opening: run twice, the second run
    replaces the first's report (a text report, an AI BOM, workflow commands too)."""
    for _ in range(2):
        result = run_osai("check", MANIFEST, "-o", f"{form.value}=out/", cwd=tmp_path)
        assert result.code == 0, result.stderr
    assert (tmp_path / "out" / DEFAULT_NAMES[form]).stat().st_size > 0


def test_check_replaces_its_summary_of_several_targets(tmp_path: Path) -> None:
    """The text report of several targets opens with their summary, not a model's name."""
    targets = (MANIFEST, str(EXAMPLES / "tiny-model"))
    for _ in range(2):
        result = run_osai("check", *targets, "-o", "text=out/", cwd=tmp_path)
        assert result.code == 0, result.stderr


def test_an_empty_file_under_the_name_osai_chooses_is_written(tmp_path: Path) -> None:
    """An empty file holds nothing to lose (`touch out/osai.sarif`, a file a script made)."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "osai.sarif").touch()
    result = run_osai("check", MANIFEST, "-o", "sarif=out/", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert (tmp_path / "out" / "osai.sarif").stat().st_size > 0


@pytest.mark.parametrize("name", ["README.md", "results.json", "notes.txt", "r.cdx.json"])
def test_check_keeps_the_user_s_file_under_the_name_the_user_gives(
    tmp_path: Path, name: str
) -> None:
    mine = tmp_path / name
    mine.write_text(MINE, encoding="utf-8")
    result = run_osai("check", MANIFEST, "-o", name, cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: -o {name}: a file osai did not write is there; remove it, or name "
        "another file: -o PATH\n",
    )
    assert mine.read_text(encoding="utf-8") == MINE


def test_check_keeps_the_user_s_file_named_with_its_format(tmp_path: Path) -> None:
    (tmp_path / "r.md").write_text(MINE, encoding="utf-8")
    result = run_osai("check", MANIFEST, "-o", "markdown=r.md", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        "osai: error: -o markdown=r.md: a file osai did not write is there; remove it, or "
        "name another file: -o PATH\n",
    )
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == MINE


@pytest.mark.parametrize("form", list(OutputFormat))
def test_check_replaces_its_own_report_under_the_name_the_user_gives(
    tmp_path: Path, form: OutputFormat
) -> None:
    """Run twice (a CI job, a hook), the second run replaces the first's report."""
    name = f"r-{DEFAULT_NAMES[form]}"
    for _ in range(2):
        result = run_osai("check", MANIFEST, "-o", f"{form.value}={name}", cwd=tmp_path)
        assert result.code == 0, result.stderr
    assert (tmp_path / name).stat().st_size > 0


@pytest.mark.parametrize("columns", ["80", "40"])
def test_check_replaces_its_own_text_report_whose_heading_wrapped(
    tmp_path: Path, columns: str
) -> None:
    """A manifest's absolute path too long to stand beside the model's name goes under it
    ("Pythia-70M" over "    manifest: /…/pythia-70m.yml"): the second run refused that report
    as the user's file, exit 2."""
    deep = tmp_path / ("x" * 40) / ("y" * 40)
    deep.mkdir(parents=True)
    manifest = deep / "pythia-70m.yml"
    manifest.write_bytes(Path(MANIFEST).read_bytes())
    for _ in range(2):
        result = run_osai(
            "check", str(manifest), "-o", "report.txt", cwd=tmp_path, env={"COLUMNS": columns}
        )
        assert (result.code, result.stderr) == (0, "osai: wrote report.txt\n")
    assert (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("Pythia-70M\n    ")


def test_check_replaces_its_own_json_report_written_indented(tmp_path: Path) -> None:
    """osai wrote its JSON report indented before f9c1d3d0 (and `jq .` prints it so): still its
    own report, replaced, not refused as the user's file."""
    report = tmp_path / "report.json"
    assert run_osai("check", MANIFEST, "-o", "report.json", cwd=tmp_path).code == 0
    document = json.loads(report.read_text(encoding="utf-8"))
    report.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    result = run_osai("check", MANIFEST, "-o", "report.json", cwd=tmp_path)
    assert (result.code, result.stderr) == (0, "osai: wrote report.json\n")


@pytest.mark.parametrize("name", ["report.txt", "report.md", "report.json", "report.xml"])
def test_check_replaces_its_own_report_checked_out_with_crlf(tmp_path: Path, name: str) -> None:
    """A report committed and checked out again with CRLF line ends (git's core.autocrlf on
    Windows) is still osai's: the next run replaces it, where it was refused as the user's."""
    report = tmp_path / name
    assert run_osai("check", MANIFEST, "-o", name, cwd=tmp_path).code == 0
    report.write_bytes(report.read_bytes().replace(b"\n", b"\r\n"))
    result = run_osai("check", MANIFEST, "-o", name, cwd=tmp_path)
    assert (result.code, result.stderr) == (0, f"osai: wrote {name}\n")
    assert b"\r\n" not in report.read_bytes()


@pytest.mark.parametrize(
    "notes",
    [
        "Release notes  \u00b7  v2\n  - faster loading\n",  # a heading as osai's text report has
        "Release notes\n    for v2\n  - faster loading\n",  # a wrapped heading's indent
    ],
)
def test_check_keeps_the_user_s_text_that_opens_as_a_text_report_s_heading(
    tmp_path: Path, notes: str
) -> None:
    """A text report is told by its heading over a verdict line: a heading alone was taken for
    osai's, and the user's notes were replaced, exit 0."""
    (tmp_path / "notes.txt").write_text(notes, encoding="utf-8")
    result = run_osai("check", MANIFEST, "-o", "notes.txt", cwd=tmp_path)
    assert result.code == 2, result.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == notes


def test_audit_keeps_the_user_s_file_under_the_name_the_user_gives(
    tmp_path: Path, linked_world: LoopbackHub
) -> None:
    (tmp_path / "mine.json").write_text(MINE, encoding="utf-8")
    result = run_osai("audit", "mot", "EleutherAI/pythia-70m", "-o", "mine.json", cwd=tmp_path)
    assert (result.code, result.stdout, result.stderr) == (
        2,
        "",
        "osai: error: -o mine.json: a file osai did not write is there; remove it, or name "
        "another file: -o PATH\n",
    )
    assert (tmp_path / "mine.json").read_text(encoding="utf-8") == MINE
    assert linked_world.requests == []


def test_audit_keeps_the_user_s_file_under_the_name_osai_chooses(
    tmp_path: Path, linked_world: LoopbackHub
) -> None:
    """Refused before the Hub is asked anything, as check refuses it."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "osai.json").write_text(MINE, encoding="utf-8")
    result = run_osai("audit", "mot", "EleutherAI/pythia-70m", "-o", "json=out/", cwd=tmp_path)
    assert (result.code, result.stdout, result.stderr) == (
        2,
        "",
        "osai: error: -o json=out/osai.json: a file osai did not write is there; remove it, "
        "or name another file: -o FORMAT=PATH\n",
    )
    assert (out / "osai.json").read_text(encoding="utf-8") == MINE
    assert linked_world.requests == []


@pytest.fixture(scope="module")
def census_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("census") / "c.duckdb"
    with served_hub() as hub:
        assert run_census(hub, db, "--limit", "3").code == 0
    return db


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_census_export_keeps_the_user_s_file_under_its_default_name(
    census_db: Path, tmp_path: Path, fmt: str
) -> None:
    mine = tmp_path / f"osai-census.{fmt}"
    mine.write_text("my own data, precious\n", encoding="utf-8")
    result = run_osai("census", "export", "--db", str(census_db), "--format", fmt, cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: osai-census.{fmt} (the export's default name): a file osai did not "
        "write is there; remove it, or name another file: -o PATH\n",
    )
    assert mine.read_text(encoding="utf-8") == "my own data, precious\n"


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_census_export_keeps_the_user_s_file_under_the_name_the_user_gives(
    census_db: Path, tmp_path: Path, fmt: str
) -> None:
    mine = tmp_path / f"mine.{fmt}"
    mine.write_text("my own data, precious\n", encoding="utf-8")
    result = run_osai("census", "export", "--db", str(census_db), "-o", mine.name, cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: -o mine.{fmt}: a file osai did not write is there; remove it, or name "
        "another file: -o PATH\n",
    )
    assert mine.read_text(encoding="utf-8") == "my own data, precious\n"


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_census_export_replaces_its_own_export_under_the_name_the_user_gives(
    census_db: Path, tmp_path: Path, fmt: str
) -> None:
    for _ in range(2):
        result = run_osai(
            "census", "export", "--db", str(census_db), "-o", f"x.{fmt}", cwd=tmp_path
        )
        assert result.code == 0, result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_census_export_replaces_its_own_export_under_its_default_name(
    census_db: Path, tmp_path: Path, fmt: str
) -> None:
    for _ in range(2):
        result = run_osai("census", "export", "--db", str(census_db), "--format", fmt, cwd=tmp_path)
        assert result.code == 0, result.stderr
    assert result.stderr.startswith(f"osai: wrote osai-census.{fmt}: 3 rows")


@pytest.mark.parametrize(("option", "name"), [("--markdown", "README.md"), ("--html", "i.html")])
def test_census_report_keeps_the_user_s_file(
    census_db: Path, tmp_path: Path, option: str, name: str
) -> None:
    """`osai census report --markdown README.md` replaced the user's README, exit 0."""
    mine = tmp_path / name
    mine.write_text("my own page, precious\n", encoding="utf-8")
    result = run_osai("census", "--db", str(census_db), "report", option, name, cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {option} {name}: a file osai did not write is there; remove it, or "
        f"name another file: {option} PATH\n",
    )
    assert mine.read_text(encoding="utf-8") == "my own page, precious\n"


def test_census_report_replaces_its_own_reports(census_db: Path, tmp_path: Path) -> None:
    """Run twice (a nightly job), the second run replaces the first's page and summary."""
    for _ in range(2):
        result = run_osai(
            "census",
            "--db",
            str(census_db),
            "report",
            "--markdown",
            "c.md",
            "--html",
            "c.html",
            cwd=tmp_path,
        )
        assert (result.code, result.stderr) == (0, "osai: wrote c.html\nosai: wrote c.md\n")


def test_a_file_osai_cannot_read_is_refused_as_not_known_to_be_its_own(tmp_path: Path) -> None:
    """A write-only file cannot be told osai's or the user's: refused, as a user's file is,
    without saying osai did not write it (it cannot know that)."""
    mine = tmp_path / "r.json"
    mine.write_text(MINE, encoding="utf-8")
    mine.chmod(0o200)
    result = run_osai_unprivileged("check", MANIFEST, "-o", "r.json", cwd=tmp_path)
    mine.chmod(0o600)
    assert (result.code, result.stderr) == (
        2,
        "osai: error: -o r.json: a file osai cannot read (Permission denied) is there, so not "
        "known to be its own; remove it, or name another file: -o PATH\n",
    )
    assert mine.read_text(encoding="utf-8") == MINE
