"""Every report that gives a framework's verdict names the mode it was judged in, where it is not
the framework's default (a MOT user's review): `osai check t-apache-sp.yml -q` printed "MOF 1.0
✔ Class III - Open Model" and, with `--mof-mode mot`, "MOF 1.0 ✘ no class reached": opposite
verdicts under one label, the mode named only in the evidence section, which -q hides."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirunner import run_osai
from mot_review import RELEASE

from osai.formatters.textlayout import cell_width


@pytest.fixture
def releases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """The review's release and a copy, named as its user named them, in the working directory."""
    (tmp_path / "t-apache-sp.yml").write_text(RELEASE, encoding="utf-8")
    copy = RELEASE.replace("name: sp\n", "name: sp2\n")
    (tmp_path / "t-apache-sp2.yml").write_text(copy, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "t-apache-sp.yml", "t-apache-sp2.yml"


def _check(*args: str) -> str:
    """What `osai check ARGS` prints at 80 columns (the text report, no line longer)."""
    result = run_osai("check", *args, cwd=Path.cwd(), env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    if "--format" not in args:
        assert max(cell_width(line) for line in result.stdout.splitlines()) <= 80, result.stdout
    return result.stdout


def test_the_headline_names_the_mode_where_it_is_not_the_default(
    releases: tuple[str, str],
) -> None:
    release = releases[0]
    default = _check(release, "-q").splitlines()
    mot = _check(release, "--mof-mode", "mot", "-q").splitlines()
    plain = next(line for line in default if line.startswith("  MOF"))
    assert plain.startswith("  MOF 1.0    ✔ Class III - Open Model (declared)"), default
    assert "mode" not in "\n".join(default)  # the default mode is the framework's own name
    mof = next(line for line in mot if line.startswith("  MOF"))
    assert mof.startswith("  MOF 1.0 (mot mode)  ✘ no class reached (declared)"), mot
    # the other frameworks' verdicts line up with it, under their own names
    assert mot[1].startswith("  OSAID 1.0           ✘ not conformant"), mot


def test_a_summary_of_several_targets_names_the_mode_in_its_column_and_totals(
    releases: tuple[str, str],
) -> None:
    said = _check(*releases, "--mof-mode", "mot", "-q")
    lines = said.splitlines()
    header = lines[lines.index("Summary of 2 targets") + 1]
    assert header.split() == ["target", "OSAID", "MOF", "(mot", "mode)"], said  # one line
    assert "MOF (mot mode): 2 ✘ no class reached" in " ".join(said.split()), said
    plain = _check(*releases, "-q")
    assert "MOF: 1" not in plain and "MOF: 2 ✔ Class III" in " ".join(plain.split()), plain


def test_markdown_names_the_mode_in_its_table_summary_and_verdict(
    releases: tuple[str, str],
) -> None:
    release = releases[0]
    mot = _check(release, "--mof-mode", "mot", "--format", "markdown")
    assert "| Target | OSAID | MOF \\(mot mode\\) |" in mot, mot
    assert "· MOF (mot mode) ✘ no class reached (declared)</summary>" in mot, mot
    assert "- ✘ **MOF 1.0 \\(mot mode\\)** no class reached" in mot, mot
    default = _check(release, "--format", "markdown")
    assert "| Target | OSAID | MOF |" in default and "- ✔ **MOF 1.0** Class III" in default


def test_the_reports_made_from_json_name_the_mode_as_the_others_do(
    releases: tuple[str, str],
) -> None:
    """GitHub's verdict notice said "Model Openness Framework 1.0, mot mode", in words of its
    own: one helper names the mode for every report (named_in_mode)."""
    notices = _check(releases[0], "--mof-mode", "mot", "--format", "github")
    assert "title=sp%3A Model Openness Framework 1.0 (mot mode)::" in notices, notices
