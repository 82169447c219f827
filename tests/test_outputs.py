"""`-o FORMAT=PATH`: one parser, and every format the command line offers has a formatter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirunner import EXAMPLES, run_osai

from osai.formatters import OutputFormat, format_names, formatter_for
from osai.outputs import OutputSpec


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("json=out/a=b.json", (OutputFormat.JSON, Path("out/a=b.json"))),
        ("sarif=osai.sarif", (OutputFormat.SARIF, Path("osai.sarif"))),
        ("report.txt", (OutputFormat.TEXT, Path("report.txt"))),
        ("a=b.json", (OutputFormat.JSON, Path("a=b.json"))),  # "a" is no format: all is a path
        ("out/osai.SARIF", (OutputFormat.SARIF, Path("out/osai.SARIF"))),
        ("summary.md", (OutputFormat.MARKDOWN, Path("summary.md"))),
        ("junit.xml", (OutputFormat.JUNIT, Path("junit.xml"))),
    ],
)
def test_format_equals_path(text: str, expected: tuple[OutputFormat, Path]) -> None:
    spec = OutputSpec.parse(text)
    assert (spec.format, spec.path) == expected
    assert str(spec) == text


@pytest.mark.parametrize("path", ["report.html", "report", "bom.cdx"])
def test_a_path_whose_extension_names_no_format_asks_for_format_equals_path(
    path: str, tmp_path: Path
) -> None:
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", str(tmp_path / path))
    assert result.code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "write FORMAT=PATH" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / path).exists()


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
