"""The Markdown of many targets (past five, each target's detail brief): what it keeps of what
the text report and the Markdown of one target say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, ROOT

from osai.run import CheckRequest, run_check

AMBER = EXAMPLES / "amber.yml"
OTHERS = [EXAMPLES / name for name in ("pythia-70m.yml", "gpt-neox-20b.yml", "olmo-7b.yml")]
OTHERS += [EXAMPLES / "bloom.yml", EXAMPLES / "llama-2-7b.yml"]


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def render(fmt: str, *targets: str | Path, **options: Any) -> str:
    request = CheckRequest(tuple(str(t) for t in targets), output_format=fmt, **options)
    return run_check(request).stdout


def _blocks(markdown: str) -> dict[str, str]:
    """Each target's <details>, by its heading."""
    blocks = markdown.split("<details><summary>")[1:]
    return {block.split(" — ", 1)[0]: block for block in blocks}


def test_a_fail_is_not_hidden_beside_a_policy_not_proven(tmp_path: Path) -> None:
    """Past five targets, the brief table of required policies kept only those NOT PROVEN,
    headed "Required policies not proven": a target failing `--require mof:class-1` and not
    proven on `--require osaid` showed the NOT PROVEN row and not the FAIL."""
    noncommercial = tmp_path / "amber-nc.yml"
    said = AMBER.read_text("utf-8")
    assert "      license: MIT\n" in said
    noncommercial.write_text(said.replace("      license: MIT\n", "      license: CC-BY-NC-4.0\n"))
    output = render("markdown", noncommercial, *OTHERS, require=("osaid", "mof:class-1"))
    block = _blocks(output)["Amber"]
    assert "| `--require osaid` | ❔ **NOT PROVEN** |" in block
    assert "| `--require mof:class-1` | ❌ **FAIL** |" in block
    assert "Required policies not proven" not in output
