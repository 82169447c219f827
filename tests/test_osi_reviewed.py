"""OSAID on the corpus files of the systems OSI reviewed: licence failures are definite.

OSI's outcomes (opensource.org/ai): passed — Pythia, OLMo, Amber, CrystalCoder, T5;
failed — Llama 2, Grok, Phi-2, Mixtral; would need new licences — BLOOM, StarCoder, Falcon.
osai judges the Model Openness Tool's model files, which hold less than OSI's reviewers saw:
where osai differs, the file is why (benchmarks/osi_reviewed.py prints the line).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from osai.engine import evaluate_framework
from osai.rules import load_ruleset
from osai.sources.manifest import read_manifest

MODELS = Path(__file__).parent / "fixtures" / "mot" / "models"


def outcome(name: str) -> tuple[str, bool, dict[str, str]]:
    rules = load_ruleset()
    judged = evaluate_framework(
        rules.framework("osaid"), None, read_manifest(MODELS / f"{name}.yml", rules), rules
    )
    reasons = {r.requirement_id: r.reason for r in judged.results if r.status.value == "unmet"}
    return judged.outcome, judged.definite, reasons


@pytest.mark.parametrize(
    ("name", "licence_word"),
    [("Llama-2-7B", "Llama 2"), ("BLOOM", "RAIL"), ("Falcon-180B", "Falcon")],
)
def test_licence_failures_are_definite(name: str, licence_word: str) -> None:
    verdict, definite, reasons = outcome(name)
    assert (verdict, definite) == ("not-conformant", True)
    assert licence_word in reasons["OSAID-PARAMETERS"]


@pytest.mark.parametrize("name", ["Pythia-160M", "OLMo-7B-hf", "Amber"])
def test_reviewed_passes_violate_nothing_in_their_model_files(name: str) -> None:
    verdict, definite, reasons = outcome(name)
    assert verdict == "not-demonstrated" and not definite
    assert reasons == {}


@pytest.mark.parametrize("name", ["Grok-1", "Mixtral-8x22B-v0.1"])
def test_reviewed_failures_lack_required_code(name: str) -> None:
    verdict, definite, reasons = outcome(name)
    assert (verdict, definite) == ("not-conformant", True)
    assert "not released" in reasons["OSAID-CODE-TRAINING"]
