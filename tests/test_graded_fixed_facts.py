"""A graded framework asks nothing toward a grade a fixed fact rules out, as a levelled one asks
nothing toward a level it rules out (README: a fact no release can change, "with no action toward
it in any report").  tests/fixtures/frameworks/nao-index.yaml is a framework author's own file:
its NAOI-COMPUTE is open at most 10^23 FLOP, partly open at most 10^25, closed otherwise."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, ROOT, run_osai

INDEX = ROOT / "tests" / "fixtures" / "frameworks" / "nao-index.yaml"
LICENSED = "      name: Apache-2.0\n      path: ''\n"


def pythia_trained_with(tmp_path: Path, flop: str) -> Path:
    """examples/pythia-70m.yml declaring a training compute of `flop`."""
    text = (EXAMPLES / "pythia-70m.yml").read_text(encoding="utf-8")
    assert LICENSED in text
    declared = f"{LICENSED}  declarations:\n    training_compute_flop: {flop}\n"
    path = tmp_path / "pythia.yml"
    path.write_text(text.replace(LICENSED, declared, 1), encoding="utf-8")
    return path


def judged(manifest: Path, framework: Path) -> tuple[dict[str, Any], str]:
    """The index as the JSON report judges it, and the text report."""
    options = ("check", str(manifest), "--add-framework", str(framework), "-f", "naoi")
    report = json.loads(run_osai(*options, "--format", "json").stdout)
    (index,) = report["targets"][0]["frameworks"]
    return index, run_osai(*options, env={"COLUMNS": "80"}).stdout


def grade_of(index: dict[str, Any], requirement: str) -> str:
    return str(next(r["grade"]["grade"] for r in index["requirements"] if r["id"] == requirement))


@pytest.mark.parametrize(("flop", "grade"), [("3.0e+25", "closed"), ("5.0e+24", "partly")])
def test_no_step_toward_a_grade_the_training_compute_rules_out(
    tmp_path: Path, flop: str, grade: str
) -> None:
    """A model trained with 3e25 FLOP was told "improve Training compute disclosed and small:
    closed now; declare the training compute", and the JSON's next_steps listed NAOI-COMPUTE:
    no release can change how it was trained."""
    index, text = judged(pythia_trained_with(tmp_path, flop), INDEX)
    assert grade_of(index, "NAOI-COMPUTE") == grade
    assert [step["requirement"] for step in index["next_steps"]] == []
    assert "improve" not in text and "Actions" not in text, text


def test_a_better_grade_publishing_would_earn_is_still_asked(tmp_path: Path) -> None:
    """Where a better grade may be earned another way (a technical report, beside the compute),
    the step stands: only facts no release can change rule a grade out."""
    either = (
        "      open: {check: {any_of: [{fact: training_compute_flop, at_most: 1.0e+23}, "
        "{component: technical-report}]}}\n"
    )
    source = INDEX.read_text(encoding="utf-8")
    compute_open = "      open: {check: {fact: training_compute_flop, at_most: 1.0e+23}}\n"
    assert compute_open in source
    framework = tmp_path / "index.yaml"
    framework.write_text(source.replace(compute_open, either, 1), encoding="utf-8")
    index, text = judged(pythia_trained_with(tmp_path, "5.0e+24"), framework)
    assert grade_of(index, "NAOI-COMPUTE") == "partly"
    assert [step["requirement"] for step in index["next_steps"]] == ["NAOI-COMPUTE"]
    assert "improve  Training compute" in text, text
