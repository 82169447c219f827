"""A card below the top level (data/README.md, a dataset's card as the Hub writes one) states its
directory's licence in its front matter's `license:`, as a licence file there would.  A Hub
publisher's data card saying `license: cc-by-nc-4.0` was passed over: the data card took the
model card's apache-2.0, MOF Class III met on it, and the non-commercial terms were said
nowhere (found by a review as a fine-tune's publisher, akf #3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirunner import run_osai

MODEL_CARD = """---
license: apache-2.0
base_model: mistralai/Mistral-7B-v0.1
---

# acme/mistral-7b-alpaca

An instruction-tuned Mistral-7B.
"""


def data_card(front: str) -> str:
    return f"---\n{front}pretty_name: Alpaca\n---\n\n# Dataset Card for Alpaca\n\nInstructions.\n"


def judged(tmp_path: Path, front: str | None) -> tuple[dict[str, object], str]:
    """The data card's evidence row in the JSON report, and MOF's data-card requirement."""
    model = tmp_path / "model"
    (model / "data").mkdir(parents=True)
    (model / "README.md").write_text(MODEL_CARD, encoding="utf-8")
    (model / "train.py").write_text("import torch\n\ndef train():\n    pass\n", encoding="utf-8")
    if front is not None:
        (model / "data" / "README.md").write_text(data_card(front), encoding="utf-8")
    result = run_osai("check", str(model), "-f", "mof", "--format", "json")
    assert result.code == 0, result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    (row,) = [c for c in target["components"] if c["id"] == "data-card"]
    (mof,) = target["frameworks"]
    (card,) = [r for r in mof["requirements"] if r["id"] == "MOF-C3-DATA-CARD"]
    return row, str(card["status"])


def test_a_data_card_s_own_licence_is_its_directory_s(tmp_path: Path) -> None:
    row, status = judged(tmp_path, "license: cc-by-nc-4.0\n")
    assert row["licence"]["text"] == "cc-by-nc-4.0", row  # type: ignore[index]
    assert row["licence"]["evidence"]["line"] == 2, row  # type: ignore[index]
    assert status == "unmet"


@pytest.mark.parametrize(
    ("front", "licence"),
    [
        ("language: en\n", "apache-2.0"),  # no `license:`: no licence file, the card's stands
        ("license: other\nlicense_name: acme-data-terms\n", "acme-data-terms"),
    ],
)
def test_a_card_below_the_top_states_only_what_its_front_matter_says(
    tmp_path: Path, front: str, licence: str
) -> None:
    row, _ = judged(tmp_path, front)
    assert row["licence"]["text"] == licence, row  # type: ignore[index]


def test_the_model_card_is_not_read_as_a_licence_file(tmp_path: Path) -> None:
    """The top level's README.md is the model card: its licence is the card's, as before."""
    judged(tmp_path, None)
    result = run_osai("check", str(tmp_path / "model"), "-f", "mof", "--format", "json")
    (target,) = json.loads(result.stdout)["targets"]
    (row,) = [c for c in target["components"] if c["id"] == "model-card"]
    assert row["licence"]["evidence"]["note"] == "the card's license (the repository's)", row


@pytest.mark.parametrize(
    ("front", "wanted"),
    [
        # two licences, how they combine unsaid: each may apply, one fails MOF's open terms
        ("license: [cc-by-nc-4.0, mit]\n", "unknown"),
        # two spellings of one licence are one, as on the model card (unsettled_licences)
        ("license: [cc-by-nc-4.0, CC BY-NC 4.0]\n", "unmet"),
    ],
)
def test_a_card_below_the_top_listing_licences_is_not_the_model_card_s(
    tmp_path: Path, front: str, wanted: str
) -> None:
    """A data card whose front matter lists licences was taken for no licence file: the model
    card's apache-2.0 stood for it, and MOF's data card was met on the card's word."""
    row, status = judged(tmp_path, front)
    assert row["licence"]["text"] == "cc-by-nc-4.0", row  # type: ignore[index]
    assert status == wanted
