"""A followed card's licence fields are read as a model's own card's are
(osai.card.evidence.card_licence): a dataset's or base model's card whose `license:` its own
license_link contradicts is read under both licences, and the warning naming each field and the
licence it names is in the report of the model that follows it.  Real loopback servers
(tests/loopback_*.py), the command line run in process, as a user would; the cards are made up
(tests/fixtures/contradicting/PROVENANCE.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from test_links import _hub_endpoint as _hub_endpoint  # autouse: HF_ENDPOINT at the loopback Hub
from test_links import check, component, heading, links, messages, model, requirement

CARDS = Path(__file__).resolve().parent / "fixtures" / "contradicting"
BASE = "acme/apache-llama-base"
DATASET = "acme/by-nc-data"


def card(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CARDS / f"{name}.json").read_text("utf-8"))
    return data


def test_a_base_whose_card_contradicts_itself_leaves_the_fine_tune_s_weights_unknown(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A base whose card says `license: apache-2.0` with a license_link to the Llama 2 licence
    let a fine-tune declaring Apache-2.0 meet OSAID through --follow (its link was passed over),
    while the same card checked as the model itself is read under both licences: so it is as a
    base, and the fine-tune's report says which field names which licence."""
    hub.add_repo(card("acme__apache-llama-base"))
    fine_tune = {"license": "apache-2.0", "base_model": BASE}
    repo_id = hub.add_repo(
        {
            "id": "acme/fine-tune",
            "cardData": fine_tune,
            "readme_outline": [heading("Model details")],
            "siblings": [{"rfilename": "model.safetensors", "size": 1000}],
        }
    )
    target = check(repo_id, code=None)
    weights = requirement(target, "OSAID-PARAMETERS")
    assert weights["status"] == "unknown", weights  # met, on Apache-2.0 alone
    licence = component(target, "model-parameters-final")["licence"]
    assert [a["text"] for a in licence["alternatives"]] == ["LicenseRef-llama2"]
    (warning,) = [m for m in messages(target, "warning") if "name different licences" in m]
    assert warning.startswith(f"base model {BASE}'s card: the card's license (apache-2.0) and ")
    assert "license_link (the address of Llama 2 Community License Agreement)" in warning
    answer = links(target)[f"https://huggingface.co/{BASE}"]["answer"]
    assert answer == "apache-2.0 or LicenseRef-llama2 (its licence fields contradict one another)"
    found = next(f for f in target["findings"] if f["message"] == warning)
    assert {e["location"] for e in found["evidence"]} == {
        f"https://huggingface.co/{BASE} (cardData.license)",
        f"https://huggingface.co/{BASE} (cardData.license_link)",
    }


def test_the_same_base_card_checked_as_the_model_itself_is_read_the_same_way(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The base's own check and a fine-tune's reading of it agree: unknown, not met."""
    hub.add_repo(card("acme__apache-llama-base"))
    target = check(BASE, "--no-follow", code=None)
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "unknown"
    assert [m for m in messages(target, "warning") if "name different licences" in m]


def test_a_dataset_whose_card_contradicts_itself_is_read_under_both_licences(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A dataset card's `license: cc-by-4.0` beside a license_link to CC BY-NC 4.0 gave the
    datasets CC-BY-4.0 alone; they are under either, and the report says why."""
    hub.add_dataset(card("acme__by-nc-data"))
    data = {"license": "apache-2.0", "datasets": [DATASET]}
    target = check(model(hub, "acme/data-user", data, [heading("Training data")]), code=None)
    licence = component(target, "datasets")["licence"]
    assert licence["text"] == "cc-by-4.0"
    assert [a["text"] for a in licence["alternatives"]] == ["CC-BY-NC-4.0"]
    (warning,) = [m for m in messages(target, "warning") if "name different licences" in m]
    assert warning.startswith(f"dataset {DATASET}'s card: the card's license (cc-by-4.0) and ")
    assert "license_link (the address of CC-BY-NC-4.0)" in warning
    answer = links(target)[f"https://huggingface.co/datasets/{DATASET}"]["answer"]
    assert answer == "cc-by-4.0 or CC-BY-NC-4.0 (its licence fields contradict one another)"


def test_a_dataset_s_custom_licence_is_read_through_its_license_link_as_a_model_s_is(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A dataset card's `license: other` with only a license_link to CC BY-NC 4.0 gave the
    datasets the licence "other" (its link was read only for a base model's card); as a model's
    own card is read, it is CC BY-NC 4.0."""
    hub.add_dataset(
        {
            "id": "acme/linked-data",
            "cardData": {
                "license": "other",
                "license_link": "https://creativecommons.org/licenses/by-nc/4.0/",
            },
        }
    )
    data = {"license": "apache-2.0", "datasets": ["acme/linked-data"]}
    target = check(model(hub, "acme/data-user", data, [heading("Training data")]), code=None)
    assert component(target, "datasets")["licence"]["text"] == "CC-BY-NC-4.0"
