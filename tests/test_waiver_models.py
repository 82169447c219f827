"""Which models a waiver's `model` patterns cover: every name a model goes by, not only the
target as typed.  A pattern matched the typed text alone, so `./models/x.yml`, a Hub URL, a
configuration in another directory than the one osai runs in, and the models of an AI BOM
were never waived, each with a warning that the pattern matched nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from clirunner import EXAMPLES, run_osai

from osai.config import Waiver
from osai.waivers import known_as


def waiver(*models: str, location: str = ".osai.yaml") -> Waiver:
    return Waiver("MOF-C2-TRAINING-CODE", "published with v2", location=location, models=models)


@pytest.mark.parametrize(
    ("typed", "report_name", "from_hub", "pattern"),
    [
        ("models/x.yml", "models/x.yml", False, "models/*.yml"),
        ("./models/x.yml", "./models/x.yml", False, "models/*.yml"),
        ("models/x.yml", "models/x.yml", False, "x.yml"),  # the file's name
        (
            "https://huggingface.co/EleutherAI/pythia-70m",
            "EleutherAI/pythia-70m",
            True,
            "EleutherAI/*",
        ),
        ("hf.co/EleutherAI/pythia-70m", "EleutherAI/pythia-70m", True, "eleutherai/pythia-*"),
        ("EleutherAI/pythia-70m", "EleutherAI/pythia-70m", True, "ELEUTHERAI/*"),  # as the Hub
        ("two.cdx.json", "two.cdx.json#Llama-2-7B", False, "*Llama*"),  # one model of a BOM
    ],
)
def test_a_pattern_matches_every_name_a_model_goes_by(
    typed: str, report_name: str, from_hub: bool, pattern: str
) -> None:
    hub_id = report_name if from_hub else ""
    assert waiver(pattern).applies_to(known_as(typed, report_name, hub_id=hub_id))


def test_an_absolute_target_is_matched_by_a_relative_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = str(tmp_path / "models" / "x.yml")
    assert waiver("models/*.yml").applies_to(known_as(target, target))


def test_a_path_pattern_is_read_from_its_files_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`../models/*.yml` in ci/.osai.yaml names what the file's targets name (models/x.yml,
    from the root, where `osai check --config ci/.osai.yaml` runs)."""
    monkeypatch.chdir(tmp_path)
    in_ci = waiver("../models/*.yml", location=os.path.join("ci", ".osai.yaml"))
    assert in_ci.applies_to(known_as("models/x.yml", "models/x.yml"))
    assert not in_ci.applies_to(known_as("other/x.yml", "other/x.yml"))


@pytest.mark.parametrize(
    ("typed", "from_hub", "pattern"),
    [
        ("models/llama.yml", False, "models/*.json"),
        ("Models/x.yml", False, "models/*"),  # a path keeps its case
        ("EleutherAI/pythia-70m", True, "EleutherAI/gpt-*"),
    ],
)
def test_a_pattern_covers_no_other_model(typed: str, from_hub: bool, pattern: str) -> None:
    hub_id = typed if from_hub else ""
    assert not waiver(pattern).applies_to(known_as(typed, typed, hub_id=hub_id))


def test_a_waiver_covers_one_model_of_an_ai_bom_by_its_name(tmp_path: Path) -> None:
    """The models of a BOM of several are judged each under the waivers that name it: the
    pattern was matched against the BOM's file name only, so `*Llama*` waived nothing."""
    bom = tmp_path / "two.cdx.json"
    examples = [str(EXAMPLES / f"{stem}.yml") for stem in ("pythia-70m", "llama-2-7b")]
    assert run_osai("check", *examples, "-o", f"cyclonedx={bom}").code in (0, 1)
    config = tmp_path / ".osai.yaml"
    config.write_text(
        "waivers:\n  - rule: MOF-C3-EVALUATION-RESULTS\n    reason: published in the paper\n"
        "    model: '*Llama*'\n",
        encoding="utf-8",
    )
    result = run_osai("check", str(bom), "--config", str(config), "--format", "json")
    assert "matches no target" not in result.stderr
    document = json.loads(result.stdout)
    status = {
        target["name"]: next(
            r["status"]
            for f in target["frameworks"]
            if f["id"] == "mof"
            for r in f["requirements"]
            if r["id"] == "MOF-C3-EVALUATION-RESULTS"
        )
        for target in document["targets"]
    }
    assert status == {"Pythia-70M": "met", "Llama-2-7B": "waived"}


def test_a_config_in_a_subdirectory_waives_its_own_targets(tmp_path: Path) -> None:
    """`../models/*.yml` in ci/.osai.yaml, run from the root with --config: the file's targets
    are read from its directory, and now its patterns too (it waived from ci/ only)."""
    (tmp_path / "models").mkdir()
    (tmp_path / "ci").mkdir()
    model = tmp_path / "models" / "llama-2-7b.yml"
    model.write_text((EXAMPLES / "llama-2-7b.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "ci" / ".osai.yaml").write_text(
        "targets: [../models/llama-2-7b.yml]\nwaivers:\n  - rule: MOF-C3-EVALUATION-RESULTS\n"
        "    reason: published in the paper\n    model: ../models/*.yml\n",
        encoding="utf-8",
    )
    from_root = run_osai("check", "--config", "ci/.osai.yaml", "--format", "json", cwd=tmp_path)
    from_ci = run_osai("check", "--format", "json", cwd=tmp_path / "ci")
    for result in (from_root, from_ci):
        assert "matches no target" not in result.stderr, result.stderr
        assert '"status": "waived"' in result.stdout


def test_each_pattern_of_a_list_that_matches_no_target_is_warned_of() -> None:
    """`model: [llama-*.yml, pythya-*.yml]`: the misspelt second pattern waived nothing, and
    was not said, because the first matched; the README warns of a pattern that matches none."""
    from osai.waivers import unmatched

    models = [known_as("models/llama-2-7b.yml", "models/llama-2-7b.yml")]
    (said,) = unmatched([waiver("llama-*.yml", "pythya-*.yml", "lama-*")], models)
    assert said == (
        "waiver for MOF-C2-TRAINING-CODE (.osai.yaml): models pythya-*.yml and lama-* each "
        "match no target of this run"
    )
    assert unmatched([waiver("llama-*.yml"), waiver()], models) == ()
