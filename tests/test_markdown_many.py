"""The Markdown of many targets (past five, each target's detail brief): what it keeps of what
the text report and the Markdown of one target say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, ROOT

from osai.report import View
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


def test_the_gate_s_tally_counts_targets_as_the_text_report_does() -> None:
    """The Markdown's "20 targets checked · required policies (…): 19 failed, 16 not proven, 5
    passed" counted policies and read as targets (120 targets and two policies: "120 failed,
    120 not proven").  Each format counts the targets by their gate, in the text report's
    words."""
    targets = (AMBER, EXAMPLES / "pythia-70m.yml", EXAMPLES / "llama-2-7b.yml")
    required = ("osaid", "mof:class-2")
    markdown = render("markdown", *targets, require=required)
    first = markdown.split("\n\n")[1]
    settings = "`--require osaid`, `--require mof:class-2`"
    assert (
        first == f"3 targets checked · gate ({settings}): 1 FAIL, 1 NOT PROVEN, 1 PASS — **FAIL**."
    )
    said = " ".join(render("text", *targets, require=required, view=View(width=200)).split())
    assert "gate (--require osaid, --require mof:class-2): 1 FAIL, 1 NOT PROVEN, 1 PASS" in said
