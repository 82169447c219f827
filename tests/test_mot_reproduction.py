"""`--mof-mode mot` reproduces the Model Openness Tool: 27 golden results, the 180-file corpus.

Data: tests/fixtures/mot/ (copied from the LF Model Openness Tool; see PROVENANCE.md there).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml
from clirunner import run_osai

from osai.engine import evaluate_framework
from osai.rules import load_ruleset
from osai.sources.manifest import read_manifest

MOT = Path(__file__).parent / "fixtures" / "mot"
CLASS = {"class-1": "1", "class-2": "2", "class-3": "3", "none": "none"}


def mot_verdict(path: Path, mode: str = "mot") -> tuple[str, float, float, float]:
    rules = load_ruleset()
    judged = evaluate_framework(rules.framework("mof"), mode, read_manifest(path, rules), rules)
    assert judged.progress is not None
    progress = judged.progress
    return CLASS[judged.outcome], progress["class-3"], progress["class-2"], progress["class-1"]


def golden_cases() -> list[tuple[str, Path, tuple[str, float, float, float]]]:
    text = (MOT / "test_data" / "expected_results.json").read_text(encoding="utf-8")
    golden = json.loads(re.sub(r",(\s*[}\]])", r"\1", text))  # upstream has trailing commas
    by_name = {
        yaml.safe_load(path.read_text(encoding="utf-8"))["release"]["name"]: path
        for path in (MOT / "test_data").glob("*.yml")
    }
    cases = []
    for model in golden["models"]:
        result = model["classification"]
        progress = result["progress"]
        expected = (
            str(result["class"]) if result["class"] else "none",
            float(progress["3"]),
            float(progress["2"]),
            float(progress["1"]),
        )
        name = model["release"]["name"]
        cases.append((name, by_name[name], expected))
    return cases


def corpus_cases() -> list[tuple[str, tuple[str, float, float, float]]]:
    with (MOT / "expected_classes.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        (
            row["file"],
            (
                row["class"],
                float(row["progress_class3"]),
                float(row["progress_class2"]),
                float(row["progress_class1"]),
            ),
        )
        for row in rows
        if (MOT / "models" / row["file"]).exists()
    ]


GOLDEN = golden_cases()
CORPUS = corpus_cases()


def test_the_fixtures_are_complete() -> None:
    assert len(GOLDEN) == 27
    assert len(CORPUS) == 180


@pytest.mark.parametrize(("name", "path", "expected"), GOLDEN, ids=[c[0] for c in GOLDEN])
def test_golden_test_models(
    name: str, path: Path, expected: tuple[str, float, float, float]
) -> None:
    got = mot_verdict(path)
    assert got[0] == expected[0]
    assert got[1:] == pytest.approx(expected[1:], abs=0.01)


@pytest.mark.parametrize(("file", "expected"), CORPUS, ids=[c[0] for c in CORPUS])
def test_corpus_model_files(file: str, expected: tuple[str, float, float, float]) -> None:
    got = mot_verdict(MOT / "models" / file)
    assert got[0] == expected[0]
    assert got[1:] == pytest.approx(expected[1:], abs=0.01)


def requirement_status(path: Path, mode: str, requirement_id: str) -> str:
    rules = load_ruleset()
    judged = evaluate_framework(rules.framework("mof"), mode, read_manifest(path, rules), rules)
    result = judged.result(requirement_id)
    assert result is not None
    return result.status.value


def test_default_mode_reads_a_misspelled_licence_that_mot_rejects() -> None:
    """CodeT5+-16B's architecture is under 'BSD-3': invalid for the tool, BSD-3-Clause for osai."""
    path = MOT / "models" / "CodeT5+-16B.yml"
    assert requirement_status(path, "mot", "MOF-C3-MODEL-ARCHITECTURE") == "unmet"
    assert requirement_status(path, "default", "MOF-C3-MODEL-ARCHITECTURE") == "met"


def test_default_mode_keeps_undisclosed_unknown_where_mot_says_invalid() -> None:
    path = MOT / "models" / "ERNIE-3.0.yml"
    assert requirement_status(path, "mot", "MOF-C3-MODEL-ARCHITECTURE") == "unmet"
    assert requirement_status(path, "default", "MOF-C3-MODEL-ARCHITECTURE") == "unknown"


def test_strict_mode_requires_type_appropriate_licences() -> None:
    """Weights under Apache-2.0 pass the tool's loose test, not the strict one (data licence)."""
    path = MOT / "models" / "Amber.yml"
    assert mot_verdict(path, "mot")[0] == "1"
    assert mot_verdict(path, "strict")[0] == "none"


def test_strict_mode_accepts_nothing_the_default_mode_refuses() -> None:
    """Strict mode only adds the MOF's type-appropriate test, so each licence it accepts for a
    content type the default mode accepts too.  The default's "open" left out open content
    licences, which the MOF specification counts as open (for documentation): a model card
    under GFDL-1.3-no-invariants-only or FreeBSD-DOC met strict mode and failed the default."""
    rules = load_ruleset()
    mof = rules.framework("mof")
    default, strict = mof.mode("default").policies["open"], mof.mode("strict").policies["open"]
    members = rules.licences.set_members
    for content_type in ("code", "data", "document"):
        loose = {i for name in default.accepted_sets(content_type) for i in members(name)}
        tight = {i for name in strict.accepted_sets(content_type) for i in members(name)}
        assert tight <= loose, (content_type, sorted(tight - loose))


def test_default_mode_counts_an_open_content_licence_on_a_document(tmp_path: Path) -> None:
    manifest = tmp_path / "docs.yml"
    manifest.write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n  name: Docs\n  producer: test\n  license: {}\n  components:\n"
        "    - {name: Model card, license: GFDL-1.3-no-invariants-only}\n"
        "    - {name: Data card, license: FreeBSD-DOC}\n",
        encoding="utf-8",
    )
    for mode in ("default", "strict"):
        assert requirement_status(manifest, mode, "MOF-C3-MODEL-CARD") == "met", mode
        assert requirement_status(manifest, mode, "MOF-C3-DATA-CARD") == "met", mode
    # the Model Openness Tool itself counts neither as open (mof.md section 4.3)
    assert requirement_status(manifest, "mot", "MOF-C3-DATA-CARD") == "unmet"


def test_the_2024_not_included_keyword_reads_as_not_released() -> None:
    """GPT-2.yml gives its final weights `license: 'Component Component not included'`, the
    tool's 2024 keyword for a component left out (misspelt; ten corpus files still carry it).
    It names no licence: the report said the weights were released, "now under Component
    Component not included", and asked to relicense them; they are not released."""
    result = run_osai("check", str(MOT / "models" / "GPT-2.yml"), env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    report = " ".join(result.stdout.split())
    assert "under Component Component not included" not in report
    assert "relicense Model parameters (Final)" not in report
    assert "✘ Model parameters (Final) · OSAID ✘ · MOF ✘ III" in report
    assert "Model parameters (Final): not released" in report


def test_a_licence_the_tool_rejects_for_its_spelling_is_to_respell_not_relicense() -> None:
    """Falcon-40B.yml writes `Apache 2.0`: the tool matches ids verbatim and rejects it.  The
    first lines said to write `Apache-2.0`, but the action told the publisher to relicense code
    that is Apache-2.0 already."""
    path = MOT / "models" / "Falcon-40B.yml"
    result = run_osai("check", str(path), "--mof-mode", "mot", env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    actions = " ".join(result.stdout.split("\nDifferences")[0].split("\nActions")[1].split())
    assert "relicense Model architecture" not in actions
    assert (
        "respell Model architecture: written `Apache 2.0`; this mode matches licence ids "
        "verbatim: write `Apache-2.0` — for MOF Class III"
    ) in actions
