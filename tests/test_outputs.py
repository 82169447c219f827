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
        ("report.txt", (None, Path("report.txt"))),
        ("a=b.json", (None, Path("a=b.json"))),  # "a" is no format: all of it is a path
    ],
)
def test_format_equals_path(text: str, expected: tuple[OutputFormat | None, Path]) -> None:
    spec = OutputSpec.parse(text)
    assert (spec.format, spec.path) == expected
    assert str(spec) == text


def test_every_format_has_a_formatter() -> None:
    assert set(format_names()) == {f.value for f in OutputFormat}
    for name in format_names():
        assert callable(formatter_for(name)), name


def test_an_equals_sign_in_the_path_is_kept(tmp_path: Path) -> None:
    written = tmp_path / "out" / "a=b.json"
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", f"json={written}")
    assert result.code == 0, result.stderr
    assert json.loads(written.read_text())["targets"][0]["name"] == "Pythia-70M"
