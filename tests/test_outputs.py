"""`-o FORMAT=PATH`: one parser, and every format the command line offers has a formatter."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest
from clirunner import EXAMPLES, ROOT, run_osai

from osai.formatters import OutputFormat, format_names, formatter_for
from osai.outputs import OutputSpec


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("json=out/a=b.json", (OutputFormat.JSON, Path("out/a=b.json"))),
        ("sarif=osai.sarif", (OutputFormat.SARIF, Path("osai.sarif"))),
        ("report.txt", (OutputFormat.TEXT, Path("report.txt"))),
        ("./a=b.json", (OutputFormat.JSON, Path("a=b.json"))),  # "./a" is no format: a path
        ("out/a=b.json", (OutputFormat.JSON, Path("out/a=b.json"))),
        ("v1.2=b.json", (OutputFormat.JSON, Path("v1.2=b.json"))),
        ("out/osai.SARIF", (OutputFormat.SARIF, Path("out/osai.SARIF"))),
        ("summary.md", (OutputFormat.MARKDOWN, Path("summary.md"))),
        ("junit.xml", (OutputFormat.JUNIT, Path("junit.xml"))),
        ("aibom.cdx.json", (OutputFormat.CYCLONEDX, Path("aibom.cdx.json"))),
        # SARIF's own naming convention (SARIF 2.1.0, 3.2): osai's JSON report written there
        # made github/codeql-action/upload-sarif refuse the file as "not valid SARIF"
        ("osai.sarif.json", (OutputFormat.SARIF, Path("osai.sarif.json"))),
        ("out/v1.2.SPDX.json", (OutputFormat.SPDX, Path("out/v1.2.SPDX.json"))),
        ("v1.2.json", (OutputFormat.JSON, Path("v1.2.json"))),
        ("./=x.md", (OutputFormat.MARKDOWN, Path("=x.md"))),  # a file named "=x.md"
        ("json=-", (OutputFormat.JSON, Path("-"))),  # standard output
        ("json=./-", (OutputFormat.JSON, Path("-"))),  # a file named "-"
    ],
)
def test_format_equals_path(text: str, expected: tuple[OutputFormat, Path]) -> None:
    spec = OutputSpec.parse(text)
    assert (spec.format, spec.path) == expected
    assert str(spec) == text and OutputSpec.parse(str(spec)) == spec


@pytest.mark.parametrize("path", ["report.html", "report", "bom.cdx"])
def test_a_path_whose_extension_names_no_format_asks_for_format_equals_path(
    path: str, tmp_path: Path
) -> None:
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", str(tmp_path / path))
    assert result.code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "write FORMAT=PATH" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / path).exists()


def test_a_path_ending_in_a_slash_is_a_directory_whatever_its_extension(tmp_path: Path) -> None:
    """`-o r.json/` wrote a file r.json, though a trailing `/` names a directory everywhere
    else (`-o json=r.json/` writes r.json/osai.json): refused as `-o out/` is, saying how."""
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", "r.json/", cwd=tmp_path)
    assert result.code == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "r.json names a directory" in result.stderr and "-o json=r.json/" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["report", "report.out"])
def test_a_path_whose_extension_names_no_format_takes_the_format_given(
    path: str, tmp_path: Path
) -> None:
    """`--format json -o report` was refused ("cannot tell the format from a path without an
    extension"), though the format was named, and `--format json -o /dev/null` offered
    "/dev/null.json"; `osai audit -o` took --format's there already (one rule for both)."""
    report = tmp_path / path
    pythia = str(EXAMPLES / "pythia-70m.yml")
    result = run_osai("check", pythia, "--format", "json", "-o", str(report))
    assert result.code == 0, result.stderr
    assert result.stdout == "" and result.stderr == f"osai: wrote {report}\n"
    assert json.loads(report.read_text())["targets"][0]["name"] == "Pythia-70M"
    dropped = run_osai("check", pythia, "--format", "sarif", "-o", os.devnull)
    assert (dropped.code, dropped.stdout) == (0, ""), dropped.stderr
    again = run_osai("check", pythia, "--format", "json", "-o", str(report))  # osai's: replaced
    assert again.code == 0, again.stderr


@pytest.mark.parametrize("name", ["notes", "Makefile", "report.out"])
def test_a_file_osai_did_not_write_is_kept_when_its_name_gives_no_format(
    name: str, tmp_path: Path
) -> None:
    """`--format markdown -o Makefile` wrote the report over the Makefile, exit 0, once a path
    whose name gives no format took --format's; before, it was refused ("Makefile exists: to
    keep it, write to a new file").  Only a new file, a stream or a report osai wrote is."""
    mine = tmp_path / name
    mine.write_text("all:\n", encoding="utf-8")
    pythia = str(EXAMPLES / "pythia-70m.yml")
    refused = run_osai("check", pythia, "--format", "markdown", "-o", name, cwd=tmp_path)
    assert (refused.code, refused.stdout) == (2, "")
    assert refused.stderr.startswith(f"osai: error: -o {name}: its name gives no format, and ")
    assert refused.stderr.count("\n") == 1, refused.stderr
    assert mine.read_text(encoding="utf-8") == "all:\n"
    suggested = _suggested(refused.stderr.rstrip("\n"))
    assert suggested == name.removesuffix(".out") + ".md"
    followed = run_osai("check", pythia, "--format", "markdown", "-o", suggested, cwd=tmp_path)
    assert followed.code == 0, followed.stderr
    assert mine.read_text(encoding="utf-8") == "all:\n"


def test_the_extension_decides_the_format_and_replaces_standard_output(tmp_path: Path) -> None:
    """`-o report.sarif` wrote the text report into report.sarif; it writes SARIF now."""
    sarif, markdown = tmp_path / "report.sarif", tmp_path / "summary.md"
    result = run_osai(
        "check", str(EXAMPLES / "llama-2-7b.yml"), "-o", str(sarif), "-o", str(markdown)
    )
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert markdown.read_text().startswith("# osai openness report")


def test_reports_only_in_files_say_where_they_went_and_the_gate_on_standard_error(
    tmp_path: Path,
) -> None:
    """Every report to a file, a gate that fails: standard output is empty, and the run said
    nothing at all: a pre-commit hook or CI step showed "exit 1" and no reason.  Standard
    error now says which files were written, and the gate in one line, with the reason where
    one target did not pass (it named the target alone: the reason was in the file)."""
    sarif = tmp_path / "report.sarif"
    targets = [str(EXAMPLES / name) for name in ("llama-2-7b.yml", "amber.yml", "olmo-7b.yml")]
    result = run_osai("check", *targets, "-o", str(sarif), "--require", "mof:class-3")
    assert result.code == 1 and result.stdout == ""
    wrote, gate = result.stderr.splitlines()
    assert wrote == f"osai: wrote {sarif}"
    assert gate.startswith(
        f"osai: gate FAIL: {targets[0]}; PASS: 2 targets; why: --require mof:class-3: "
        "Class III violated — Model architecture and Model parameters (Final) under Llama 2 "
    ), gate


@pytest.mark.parametrize(
    ("targets", "gate", "said"),
    [
        # a target that could not be checked: the line said PASS of a run that exited 2
        (["amber.yml", "nosuch.yml"], ["--require", "mof:class-3"],
         "gate not checked: nosuch.yml; PASS: 1 target"),
        (["nosuch.yml"], ["--fail-on-unknown"], "gate not checked: nosuch.yml"),  # was "gate "
        # every verdict definite: --fail-on-unknown passes (it said "gate —: llama-2-7b.yml")
        (["llama-2-7b.yml"], ["--fail-on-unknown"], "gate PASS: 1 target"),
    ],
)  # fmt: skip
def test_the_gate_line_counts_every_target(
    tmp_path: Path, targets: list[str], gate: list[str], said: str
) -> None:
    sarif = tmp_path / "r.sarif"
    result = run_osai("check", *targets, *gate, "-o", str(sarif), cwd=EXAMPLES)
    assert f"osai: {said}\n" in result.stderr, result.stderr


def test_no_gate_is_said_when_the_run_has_none(tmp_path: Path) -> None:
    sarif = tmp_path / "report.sarif"
    result = run_osai("check", str(EXAMPLES / "amber.yml"), "-o", str(sarif))
    assert result.code == 0 and result.stderr == f"osai: wrote {sarif}\n"


def test_format_equals_path_writes_beside_standard_output(tmp_path: Path) -> None:
    written = tmp_path / "r.out"
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", f"json={written}")
    assert result.code == 0 and "Pythia-70M" in result.stdout
    assert json.loads(written.read_text())["targets"][0]["name"] == "Pythia-70M"


def test_every_format_has_a_formatter() -> None:
    assert set(format_names()) == {f.value for f in OutputFormat}
    for name in format_names():
        assert callable(formatter_for(name)), name


def test_an_equals_sign_in_the_path_is_kept(tmp_path: Path) -> None:
    written = tmp_path / "out" / "a=b.json"
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", f"json={written}")
    assert result.code == 0, result.stderr
    assert json.loads(written.read_text())["targets"][0]["name"] == "Pythia-70M"


def test_a_bom_extension_writes_the_bom(tmp_path: Path) -> None:
    """`-o out.cdx.json` and `-o out.spdx.json` wrote osai's JSON report; they write the BOMs."""
    cdx, spdx = tmp_path / "out.cdx.json", tmp_path / "out.spdx.json"
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", str(cdx), "-o", str(spdx))
    assert result.code == 0, result.stderr
    assert json.loads(cdx.read_text())["bomFormat"] == "CycloneDX"
    assert "spdx.org" in json.loads(spdx.read_text())["@context"]


@pytest.mark.parametrize(
    ("chosen", "path", "says"),
    [
        ("cyclonedx", "bomx.json", "json"),
        ("sarif", "rep.md", "markdown"),
        ("json", "b.cdx.json", "cyclonedx"),
    ],
)
def test_format_and_a_bare_path_that_disagree_are_refused(
    tmp_path: Path, chosen: str, path: str, says: str
) -> None:
    """`--format cyclonedx -o bomx.json` wrote osai's JSON report into bomx.json, silently."""
    check = ("check", str(EXAMPLES / "pythia-70m.yml"), "--format", chosen, "-o", path)
    result = run_osai(*check, cwd=tmp_path)
    assert result.code == 2
    assert result.stderr == (
        f"osai: error: -o {path}: its extension says {says}, --format says {chosen}: "
        f"write -o {chosen}={path} (or -o {says}={path} to write {says} there)\n"
    )
    assert not (tmp_path / path).exists()


def test_github_annotations_and_a_report_file_are_told_the_report_file_s_format(
    tmp_path: Path,
) -> None:
    """`--format github -o r.sarif` (annotations for the step, SARIF for code scanning, the
    commonest CI pairing) was told to write GitHub's workflow commands into r.sarif."""
    check = ("check", str(EXAMPLES / "pythia-70m.yml"), "--format", "github", "-o", "r.sarif")
    result = run_osai(*check, cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: -o r.sarif: its extension says sarif, --format says github: write "
        "-o sarif=r.sarif to write sarif there beside the annotations on standard output\n"
    )
    written = run_osai(*check[:-1], "sarif=r.sarif", cwd=tmp_path)
    assert written.code == 0 and written.stdout.startswith("::")
    assert (tmp_path / "r.sarif").read_text(encoding="utf-8").lstrip().startswith("{")


def test_the_remedy_for_a_disagreeing_path_with_a_blank_is_quoted(tmp_path: Path) -> None:
    """'write -o sarif=my out.json', copied into a shell, wrote `sarif=my` and passed `out.json`
    as a target: the remedy is quoted, as the other commands osai suggests are."""
    check = ("check", str(EXAMPLES / "pythia-70m.yml"), "--format", "sarif", "-o", "my r.json")
    result = run_osai(*check, cwd=tmp_path)
    assert result.code == 2
    assert result.stderr == (
        "osai: error: -o my r.json: its extension says json, --format says sarif: "
        "write -o 'sarif=my r.json' (or -o 'json=my r.json' to write json there)\n"
    )


def test_format_and_a_bare_path_that_agree_write_the_file_only(tmp_path: Path) -> None:
    sarif = tmp_path / "r.sarif"
    check = ("check", str(EXAMPLES / "pythia-70m.yml"), "--format", "sarif", "-o", str(sarif))
    result = run_osai(*check)
    assert result.code == 0 and result.stdout == ""
    assert json.loads(sarif.read_text())["version"] == "2.1.0"


def test_format_with_format_equals_path_writes_both(tmp_path: Path) -> None:
    bom = tmp_path / "bomx.json"
    check = ("check", str(EXAMPLES / "pythia-70m.yml"), "--format", "cyclonedx")
    result = run_osai(*check, "-o", f"cyclonedx={bom}")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["bomFormat"] == "CycloneDX"
    assert json.loads(bom.read_text())["bomFormat"] == "CycloneDX"


@pytest.mark.parametrize(
    ("spec", "suggestion"),
    [
        ("sarfi=osai.sarif", " (did you mean 'sarif'?)"),
        ("bogus=x.json", ""),
        ("JSNO=x.json", " (did you mean 'json'?)"),
    ],
)
def test_a_misspelt_format_is_refused_not_made_a_file_name(
    tmp_path: Path, spec: str, suggestion: str
) -> None:
    """`-o sarfi=osai.sarif` created a file named 'sarfi=osai.sarif' and exited 0."""
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", spec, cwd=tmp_path)
    assert result.code == 2
    name = spec.partition("=")[0]
    assert result.stderr == (
        f"osai: error: -o {spec}: unknown format '{name}'{suggestion}; formats: "
        f"{', '.join(format_names())}; a file of that name is written -o ./{spec}\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_format_s_name_is_read_in_any_case_as_its_extension_is(tmp_path: Path) -> None:
    """`-o x.SARIF` was SARIF, and `-o SARIF=x` and `--format JSON` refused."""
    check = ("check", str(EXAMPLES / "pythia-70m.yml"))
    result = run_osai(*check, "--format", "JSON", "-o", "Sarif=o.sarif", "-o", "MARKDOWN=-",
                      cwd=tmp_path)  # fmt: skip
    assert result.code == 2 and "--format's json report" in result.stderr  # both on stdout
    result = run_osai(*check, "--format", "JSON", "-o", "Sarif=o.sarif", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["targets"][0]["name"] == "Pythia-70M"
    assert json.loads((tmp_path / "o.sarif").read_text())["version"] == "2.1.0"
    assert OutputSpec.parse("CycloneDX=bom.json").format is OutputFormat.CYCLONEDX
    rules = run_osai("rules", "list", "--format", "Json")
    assert rules.code == 0 and json.loads(rules.stdout)["frameworks"]


def test_a_file_name_with_an_equals_sign_is_written_as_its_path(tmp_path: Path) -> None:
    result = run_osai(
        "check", str(EXAMPLES / "pythia-70m.yml"), "-o", "./bogus=x.json", cwd=tmp_path
    )
    assert result.code == 0, result.stderr
    assert json.loads((tmp_path / "bogus=x.json").read_text())["targets"][0]["name"] == "Pythia-70M"


def test_a_report_file_never_has_colour(tmp_path: Path) -> None:
    """FORCE_COLOR colours what goes to standard output; it left ANSI escapes in `-o fc.txt`."""
    check = ("check", str(EXAMPLES / "pythia-70m.yml"), "-o", "fc.txt", "-o", "text=also.out")
    result = run_osai(*check, "-o", "markdown=fc.md", env={"FORCE_COLOR": "1"}, cwd=tmp_path)
    assert result.code == 0, result.stderr
    for name in ("fc.txt", "also.out", "fc.md"):
        written = (tmp_path / name).read_text()
        assert "Pythia-70M" in written and "\x1b" not in written, name
    coloured = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), env={"FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout  # FORCE_COLOR still colours standard output


_EQUALS_FILE = "a file of that name is written -o ./=x.md"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "-o '': no path; write -o PATH or -o FORMAT=PATH"),
        (" ", "-o ' ': no path; write -o PATH or -o FORMAT=PATH"),
        ("json=", "-o json=: no path after 'json='; write -o json=PATH"),
        ("=x.md", "-o =x.md: no format before '='; write -o FORMAT=PATH; " + _EQUALS_FILE),
        ("json=.", "-o json=.: . is a directory; give a file name"),
        ("json=notes", "-o json=notes: notes is a directory; give a file name"),
        ("card.yml/out.json", "-o card.yml/out.json: card.yml is not a directory"),
        ("json=card.yml/a/b.json", "-o json=card.yml/a/b.json: card.yml is not a directory"),
    ],
)
def test_an_unwritable_output_is_one_clear_line(tmp_path: Path, spec: str, message: str) -> None:
    """`-o ""` said "e.g. -o sarif= ", `-o json=` "refusing to write over an input (.)", a
    path under a file "cannot write (File exists)", and `-o =x.md` (a format left out) wrote a
    file named "=x.md"."""
    (tmp_path / "card.yml").write_text("not a directory\n")
    (tmp_path / "notes").mkdir()
    before = sorted(tmp_path.rglob("*"))
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", spec, cwd=tmp_path)
    assert (result.code, result.stderr) == (2, f"osai: error: {message}\n")
    assert sorted(tmp_path.rglob("*")) == before


def test_missing_directories_of_an_output_are_created(tmp_path: Path) -> None:
    """As the README says: `-o reports/osai/r.sarif` creates reports/osai."""
    result = run_osai(
        "check", str(EXAMPLES / "pythia-70m.yml"), "-o", "reports/osai/r.sarif", cwd=tmp_path
    )
    assert result.code == 0, result.stderr
    assert json.loads((tmp_path / "reports" / "osai" / "r.sarif").read_text())["version"] == "2.1.0"


@pytest.mark.parametrize("blank", [(), ("--blank",)])
def test_a_draft_under_a_file_is_one_clear_line(tmp_path: Path, blank: tuple[str, ...]) -> None:
    from shutil import copytree

    copytree(EXAMPLES / "tiny-model", tmp_path / "model")
    target = () if blank else ("model",)  # --blank takes no target
    result = run_osai("init", *target, *blank, "-o", "model/LICENSE/osai.yaml", cwd=tmp_path)
    problem = "-o model/LICENSE/osai.yaml: model/LICENSE is not a directory"
    assert (result.code, result.stderr) == (2, f"osai: error: {problem}\n")


def test_format_equals_dash_is_standard_output(tmp_path: Path) -> None:
    """`-o json=-` wrote a file named '-'; `-` is standard output, as for `osai init -o -`,
    and its report takes the place of the text report there (`./-` is a file named so)."""
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", "json=-", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["targets"][0]["name"] == "Pythia-70M"
    assert list(tmp_path.iterdir()) == []
    named = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", "json=./-", cwd=tmp_path)
    assert named.code == 0 and "Pythia-70M" in named.stdout
    assert json.loads((tmp_path / "-").read_text())["targets"][0]["name"] == "Pythia-70M"


def test_format_equals_dash_beside_a_bare_path_has_standard_output_to_itself(
    tmp_path: Path,
) -> None:
    check = ("check", str(EXAMPLES / "pythia-70m.yml"), "-o", "r.sarif", "-o", "markdown=-")
    result = run_osai(*check, cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("# osai openness report")
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ("-o", "json=-", "-o", "sarif=-"),
            "-o json=- and -o sarif=-: both on standard output; write one to a file",
        ),
        (
            ("-o", "json=-", "--format", "text"),
            "-o json=-: standard output would carry both the json report and --format's text "
            "report: give one of them",
        ),
    ],
)
def test_two_reports_on_standard_output_are_refused(
    tmp_path: Path, options: tuple[str, ...], message: str
) -> None:
    """Two documents on one stream would interleave into neither."""
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), *options, cwd=tmp_path)
    assert (result.code, result.stdout, result.stderr) == (2, "", f"osai: error: {message}\n")


@pytest.mark.parametrize(
    ("spec", "written"),
    [
        ("sarif=out/", "out/osai.sarif"),
        ("cyclonedx=out/", "out/osai.cdx.json"),
        ("github=out/", "out/osai-github.txt"),
    ],
)
def test_a_trailing_slash_writes_the_default_name_in_that_directory(
    tmp_path: Path, spec: str, written: str
) -> None:
    """`-o sarif=dir/` (what the unknown-extension error suggests for `-o dir/`) wrote a FILE
    named `dir`; the slash says a directory: the report goes in it, under osai.EXT."""
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", spec, cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert (tmp_path / written).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_the_suggestion_for_a_directory_path_works(tmp_path: Path) -> None:
    refused = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", "dir/", cwd=tmp_path)
    assert refused.code == 2 and "e.g. -o sarif=dir/ " in refused.stderr
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", "sarif=dir/", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert json.loads((tmp_path / "dir" / "osai.sarif").read_text())["version"] == "2.1.0"


def _suggested(stderr: str) -> str:
    """The -o an error line suggests ("e.g. -o X")."""
    return stderr.split("e.g. -o ", 1)[1].split(" ", 1)[0]


@pytest.mark.parametrize(
    ("path", "suggested"),
    [("./out/r.report", "-o sarif=./out/r.report "), ("./r.report", "-o ./r.sarif ")],
)
def test_a_refused_path_is_offered_back_as_typed(tmp_path: Path, path: str, suggested: str) -> None:
    """`-o ./out/r.report` was offered back as `sarif=out/r.report`: a user pastes what the line
    says, and a path they did not type reads as another one."""
    (tmp_path / "r.report").write_text("mine", encoding="utf-8")
    refused = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", path, cwd=tmp_path)
    assert refused.code == 2
    assert suggested in refused.stderr
    assert (tmp_path / "r.report").read_text(encoding="utf-8") == "mine"
    taken = run_osai(
        "check", str(EXAMPLES / "pythia-70m.yml"), *suggested.split(), cwd=tmp_path
    )  # fmt: skip
    assert taken.code == 0, taken.stderr


def test_an_input_given_as_the_output_is_not_suggested_again(tmp_path: Path) -> None:
    """`osai check m.yml -o m.yml` suggested `-o sarif=m.yml`, which is refused in turn (it
    would overwrite the input): an existing file gets a new name beside it, which works (found
    by the code review)."""
    manifest = tmp_path / "pythia-70m.yml"
    manifest.write_bytes((EXAMPLES / "pythia-70m.yml").read_bytes())
    refused = run_osai("check", str(manifest), "-o", str(manifest), cwd=tmp_path)
    assert refused.code == 2 and refused.stderr.count("\n") == 1, refused.stderr
    assert f"{manifest} exists: to keep it, write to a new file" in refused.stderr
    suggested = _suggested(refused.stderr)
    assert suggested == str(tmp_path / "pythia-70m.sarif")
    followed = run_osai("check", str(manifest), "-o", suggested, cwd=tmp_path)
    assert followed.code == 0, followed.stderr
    assert json.loads(Path(suggested).read_text())["version"] == "2.1.0"


def test_a_stream_without_a_format_is_offered_its_format_not_a_new_file(tmp_path: Path) -> None:
    """`-o /dev/stderr` (no extension to tell the format) advised "/dev/stderr exists: to keep
    it, write to a new file, e.g. -o /dev/stderr.sarif": a stream holds nothing to keep, and
    the advice followed wrote a file into /dev.  A named pipe the same."""
    os.mkfifo(tmp_path / "pipe")
    for path in ("/dev/stderr", "pipe"):
        refused = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", path, cwd=tmp_path)
        assert refused.code == 2 and refused.stderr.count("\n") == 1, refused.stderr
        assert f"write FORMAT=PATH, e.g. -o sarif={path} (formats:" in refused.stderr
        assert "to keep it" not in refused.stderr


def test_a_directory_given_as_the_output_is_suggested_with_its_slash(tmp_path: Path) -> None:
    """`mkdir d; osai check X -o d` suggested `-o sarif=d`, refused in turn (a directory):
    `sarif=d/` writes d/osai.sarif; once that exists, no name of osai's is offered."""
    (tmp_path / "d").mkdir()
    manifest = str(EXAMPLES / "pythia-70m.yml")
    refused = run_osai("check", manifest, "-o", "d", cwd=tmp_path)
    assert refused.code == 2 and refused.stderr.startswith("osai: error: -o d: d is a directory")
    assert "(writes d/osai.sarif)" in refused.stderr
    suggested = _suggested(refused.stderr)
    assert suggested == "sarif=d/"
    assert run_osai("check", manifest, "-o", suggested, cwd=tmp_path).code == 0
    again = run_osai("check", manifest, "-o", "d", cwd=tmp_path)
    assert again.code == 2 and "e.g." not in again.stderr
    assert "write -o FORMAT=d/NAME for a new file in it" in again.stderr


@pytest.mark.parametrize(
    ("given", "suggested"),
    [
        (("-o", "r.jsn"), "json=r.jsn"),
        (("-o", "r.cdx"), "cyclonedx=r.cdx"),
        (("-o", "r.cdx.jsn"), "cyclonedx=r.cdx.jsn"),
        (("-o", "r.spdx"), "spdx=r.spdx"),
        (("-o", "r.sarf"), "sarif=r.sarf"),
        (("-o", "r.html"), "markdown=r.html"),
        (("-o", "r.junit"), "junit=r.junit"),
        (("-o", "r.log"), "text=r.log"),
        (("-o", "r.yml"), "sarif=r.yml"),  # a manifest's extension is no misspelt .xml
        (("-o", "out"), "sarif=out"),  # nothing to go by: what CI reads
        (("--format", "json", "-o", "d/"), "json=d/"),
    ],
)
def test_a_refused_path_suggests_the_format_meant(
    given: tuple[str, ...], suggested: str, tmp_path: Path
) -> None:
    """The suggestion was `-o sarif=…` whatever --format said and whatever the extension was
    near (found by the review: `--format json -o out`, `-o r.jsn`, `-o r.cdx`, `-o r.html`);
    the one suggested is taken."""
    manifest = str(EXAMPLES / "pythia-70m.yml")
    refused = run_osai("check", manifest, *given, cwd=tmp_path)
    assert refused.code == 2 and refused.stderr.count("\n") == 1, refused.stderr
    assert _suggested(refused.stderr) == suggested
    followed = run_osai("check", manifest, *given[:-1], suggested, cwd=tmp_path)
    assert followed.code == 0, followed.stderr


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("junit=r.sarif", "sarif"),
        ("json=r.cdx.json", "cyclonedx"),
        ("sarif=r.xml", "junit"),
        ("text=r.md", "markdown"),
        ("cyclonedx=bom.json", ""),  # a BOM is JSON: its conventional name
        ("sarif=results.json", ""),
        ("github=d/", ""),  # osai's own name for it: osai-github.txt
        ("markdown=r.txt", ""),
        ("json=r.log", ""),  # an extension naming no format says nothing against it
        ("junit=r.xml", ""),
    ],
)
def test_a_format_written_under_another_s_extension_is_warned_of(
    spec: str, says: str, tmp_path: Path
) -> None:
    """`-o junit=r.sarif` wrote JUnit XML into r.sarif, exit 0, saying nothing (found by the
    review): still written, FORMAT being named, with one warning line."""
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", spec, cwd=tmp_path)
    assert result.code == 0, result.stderr
    name, _, path = spec.partition("=")
    expected = (
        [f"osai: warning: -o {spec}: writing {name} into a file whose extension says {says}"]
        if says
        else []
    )
    assert result.stderr.splitlines() == expected
    written = tmp_path / (path + "osai-github.txt" if path.endswith("/") else path)
    assert written.is_file()


def test_a_configuration_s_output_under_another_s_extension_is_warned_of(tmp_path: Path) -> None:
    config = tmp_path / ".osai.yaml"
    config.write_text(f"targets: [{EXAMPLES / 'pythia-70m.yml'}]\noutputs: [junit=r.sarif]\n")
    result = run_osai("check", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "osai: warning: .osai.yaml:2: outputs[0]: -o junit=r.sarif: writing junit into a file "
        "whose extension says sarif"
    ]
    assert (tmp_path / "r.sarif").read_text().startswith("<?xml")


# Each command that writes a file a user names: the destination is looked up the same way.
WRITING_COMMANDS = pytest.mark.parametrize(
    "command",
    [
        ("check", str(EXAMPLES / "pythia-70m.yml"), "-o"),
        ("init", str(EXAMPLES / "tiny-model"), "-o"),
        ("census", "export", "--db", "census.duckdb", "-o"),
    ],
    ids=["check", "init", "census-export"],
)


@WRITING_COMMANDS
def test_a_destination_that_cannot_be_looked_up_is_one_line(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """A file name longer than the system allows: looking it up raised (Python 3.11's is_dir
    and is_symlink pass ENAMETOOLONG on), an internal error with exit 70."""
    name = str(tmp_path / ("a" * 5000 + ".json"))
    result = run_osai(*command, name, cwd=tmp_path)
    assert result.code == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("osai: error: ") and line.endswith("...' (File name too long)"), line


@WRITING_COMMANDS
def test_a_destination_through_a_symlink_loop_is_one_line(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """A destination under a symbolic link to itself: Python 3.11's resolve raises
    RuntimeError ("Symlink loop from ..."), an internal error with exit 70 (ys's review)."""
    (tmp_path / "loop").symlink_to("loop")
    result = run_osai(*command, str(tmp_path / "loop" / "r.json"), cwd=tmp_path)
    assert result.code == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("osai: error: ") and line.endswith(
        "r.json' (Too many levels of symbolic links)"
    ), line


# An earlier run's report, as osai tells it (osai.own_reports: its opening, and nothing in it
# but a report's keys): the next run replaces it, where a file osai did not write is refused
# (test_output_names_chosen.py).
YESTERDAY = (
    '{"schema_version": "1.0", "tool": {"name": "osai", "version": "0"}, '
    '"warnings": ["yesterday"]}\n'
)


def yesterday_padded(padding: str) -> str:
    """YESTERDAY, larger by `padding` in its warnings: still a report osai wrote."""
    return YESTERDAY.replace('"yesterday"', json.dumps("yesterday" + padding))


def test_a_reservation_the_disk_refuses_part_way_leaves_the_earlier_report_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On ext4 (a 3 MB loop mount, full), posix_fallocate grows the file by the blocks it
    found before it fails with ENOSPC: `-o r.json` said "cannot write (No space left on
    device)" and left yesterday's r.json followed by 45 KB of NUL bytes, no JSON any more.
    The stand-in below does what ext4 does; the earlier report is kept at its own size."""
    report = tmp_path / "r.json"
    report.write_text(YESTERDAY, encoding="utf-8")

    def ext4_full(descriptor: int, offset: int, length: int) -> None:
        os.ftruncate(descriptor, 45_056)  # the blocks found before the disk ran out
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "posix_fallocate", ext4_full, raising=False)
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", str(report))
    said = f"osai: error: {report}: cannot write (No space left on device)\n"
    assert (result.code, result.stderr) == (2, said)
    assert report.read_text(encoding="utf-8") == YESTERDAY


_NO_RESERVING = (  # macOS: Python has no os.posix_fallocate there
    "import os, runpy, sys; del os.posix_fallocate; sys.argv[0] = 'osai'; "
    "runpy.run_module('osai', run_name='__main__')"
)


def test_a_report_written_with_no_room_reserved_is_not_the_new_one_over_the_old(
    tmp_path: Path,
) -> None:
    """Where no room can be reserved (macOS, a file system refusing posix_fallocate) the report
    is written as before, from an empty file.  It was written over the earlier one in place: a
    disk full part way left the new report's start and yesterday's end after it, one file
    reading as neither.  RLIMIT_FSIZE ("File too large") stands for the full disk."""
    report = tmp_path / "r.json"
    report.write_text(yesterday_padded("yesterday " * 300), encoding="utf-8")  # 3,000 more

    def small_files() -> None:  # in the child: a write past the limit fails, not kills
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000, resource.RLIM_INFINITY))

    completed = subprocess.run(
        [sys.executable, "-c", _NO_RESERVING, "check", str(EXAMPLES / "pythia-70m.yml"),
         "-o", str(report)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        preexec_fn=small_files, timeout=120,
    )  # fmt: skip
    said = f"osai: error: {report}: cannot write (File too large)\n"
    assert (completed.returncode, completed.stderr) == (2, said)
    assert "yesterday" not in report.read_text(encoding="utf-8")


def test_a_report_to_dev_stdout_appended_to_a_log_keeps_the_log(tmp_path: Path) -> None:
    """`osai check X -q -o json=/dev/stdout >> ci.log` opened /dev/stdout anew with O_TRUNC:
    the log's earlier lines were gone, and without -q the text report, written after it at
    the shell's offset, overwrote the JSON's start.  Both are written where standard output is,
    the one after the other, as into a pipe."""
    manifest = str(EXAMPLES / "pythia-70m.yml")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def osai(*args: str, stdout: int | IO[bytes] = subprocess.PIPE) -> bytes:
        completed = subprocess.run(
            [sys.executable, "-m", "osai", "check", manifest, *args], env=env, stdout=stdout,
            stderr=subprocess.PIPE, timeout=120, check=True,
        )  # fmt: skip
        return completed.stdout or b""

    document, quiet, text = osai("--format", "json"), osai("-q"), osai()  # alone, into a pipe
    log = tmp_path / "ci.log"
    log.write_bytes(b"an earlier step's line\n")
    for options in (("-q",), ()):
        with log.open("ab") as appended:
            osai(*options, "-o", "json=/dev/stdout", stdout=appended)
    earlier = b"an earlier step's line\n"
    assert log.read_bytes() == earlier + document + quiet + document + text


def test_a_report_to_dev_stdout_with_standard_output_closed_is_one_line() -> None:
    """`osai check X -o json=/dev/stdout >&-`: Python's sys.stdout is None then, and flushing it
    before writing through the descriptor was an internal error (exit 70); before 7a2a9bc it
    was "cannot write", exit 2, as it is again."""
    completed = subprocess.run(
        [sys.executable, "-m", "osai", "check", str(EXAMPLES / "pythia-70m.yml"), "-q",
         "-o", "json=/dev/stdout"],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE, text=True,
        stdin=subprocess.DEVNULL, timeout=120,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    said = "osai: error: /dev/stdout: cannot write (Bad file descriptor)\n"
    assert (completed.returncode, completed.stderr) == (2, said)


_CTRL_C_AFTER_RESERVING = """\
import os, runpy, signal, sys
reserve = os.posix_fallocate
def ctrl_c(descriptor, offset, length):  # Ctrl-C pressed just as the room is taken
    reserve(descriptor, offset, length)
    os.kill(os.getpid(), signal.SIGINT)
os.posix_fallocate = ctrl_c
sys.argv[0] = 'osai'
runpy.run_module('osai', run_name='__main__')
"""


def test_ctrl_c_while_a_report_is_written_leaves_no_file_reading_as_neither(
    tmp_path: Path,
) -> None:
    """Ctrl-C once the room was reserved, before the report was written over the earlier one:
    'osai: interrupted' and yesterday's report ran on in NUL bytes to the new one's size (past
    the write, before the cut: the new one's start, yesterday's end).  Ctrl-C waits until the
    file is whole: the new report, then exit 130."""
    report = tmp_path / "r.json"
    report.write_text(YESTERDAY, encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AFTER_RESERVING, "check", str(EXAMPLES / "pythia-70m.yml"),
         "-q", "-o", f"json={report}"],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (completed.returncode, completed.stderr) == (130, "osai: interrupted\n")
    assert json.loads(report.read_text(encoding="utf-8"))["schema_version"]


def test_two_runs_writing_one_report_at_once_leave_one_whole(tmp_path: Path) -> None:
    """Two runs writing r.json at once (two CI jobs, a hook run twice): each wrote in place
    over the other, the later one's report with the earlier one's end after it.  This test is
    the earlier run, half way through its report (holding the file as osai does); the later
    one waits for it, and its report is the file."""
    import fcntl

    report = tmp_path / "r.json"
    earlier = yesterday_padded("x" * 200_000).encode()
    with report.open("wb") as writing:
        fcntl.flock(writing, fcntl.LOCK_EX)
        writing.write(earlier[:100_000])
        writing.flush()
        later = subprocess.Popen(
            [sys.executable, "-m", "osai", "check", str(EXAMPLES / "pythia-70m.yml"), "-q",
             "-o", f"json={report}"],
            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        with contextlib.suppress(subprocess.TimeoutExpired):
            later.wait(timeout=5)  # done without waiting for its turn, else waiting
        writing.write(earlier[100_000:])
    assert later.wait(timeout=60) == 0
    assert "schema_version" in json.loads(report.read_text(encoding="utf-8"))


def test_a_report_another_run_keeps_writing_is_one_line_and_left_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Held longer than TURN_WAIT (Ctrl-C is held back while osai waits): one line, exit 2,
    the file as the other run leaves it."""
    import fcntl
    import importlib

    terminal = importlib.import_module("osai.cli.terminal")  # osai.cli.terminal: a function
    monkeypatch.setattr(terminal, "TURN_WAIT", 0.2, raising=False)
    report = tmp_path / "r.json"
    with report.open("wb") as writing:
        fcntl.flock(writing, fcntl.LOCK_EX)
        writing.write(YESTERDAY.encode())
        writing.flush()
        result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", str(report))
    said = f"osai: error: {report}: cannot write (in use by another process)\n"
    assert (result.code, result.stderr) == (2, said)
    assert report.read_text(encoding="utf-8") == YESTERDAY


MODEL = EXAMPLES / "tiny-model"


@pytest.mark.parametrize(
    ("args", "option", "meant"),
    [
        (("init", str(MODEL), "-o", "--follow"), "--output", "--follow"),
        (("check", str(MODEL), "-o", "--no-follow"), "--output", "--no-follow"),
        (("check", str(MODEL), "-o", "-q"), "--output", "-q"),
        (("census", "export", "-o", "--x.csv"), "--output", "--x.csv"),
        (("census", "report", "--html", "-v"), "--html", "-v"),
        (("audit", "mot", "-o", "--offline"), "--output", "--offline"),
    ],
)
def test_a_path_to_write_that_reads_as_an_option_is_refused(
    tmp_path: Path, args: tuple[str, ...], option: str, meant: str
) -> None:
    """`osai init DIR -o --follow` wrote a file named `--follow`: click takes the word after -o
    as its value, whatever it is, where the user meant the option.  A path to write that starts
    with '-' is refused in one line (exit 2), nothing written, as other tools refuse it."""
    result = run_osai(*args, cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: {option} {meant}: starts with '-' as an option does ({option} took it "
        f"for its path): give {option} a path, ./{meant} for a file so named\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ("init", str(MODEL), "-o", "./--follow"),
        ("check", str(MODEL), "-o", "json=./-q.json"),
        ("check", str(MODEL), "-o", "./-q.json"),
    ],
)
def test_a_path_to_write_that_starts_with_a_dash_is_written_as_dot_slash(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Given as `./-x`, a file whose name starts with '-' is what the user meant; and `-`
    (standard output) is no option."""
    result = run_osai(*args, cwd=tmp_path)
    assert result.code in (0, 1), result.stderr
    assert [path.name[0] for path in tmp_path.iterdir()] == ["-"]
    standard = run_osai("init", str(MODEL), "-o", "-", cwd=tmp_path)
    assert (standard.code, standard.stdout.startswith("#")) == (0, True), standard.stderr
