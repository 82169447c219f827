"""A card saying its model was made from another (`base_model_relation: finetune`, `quantized`,
...) while naming no `base_model`: a fine-tune declaring Apache-2.0 met OSAID and MOF, as if
trained from scratch, though the base it was made from (Llama 2, for all osai knew) may bind it.
And where it names its base, the lineage said as the relation says it ("quantized from").  On
the loopback Hub (tests/loopback_hub.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from clirunner import run_osai
from loopback_hub import LoopbackHub

MISTRAL = "mistralai/Mistral-7B-v0.1"
WEIGHTS = ("OSAID-PARAMETERS", "MOF-C3-MODEL-PARAMETERS-FINAL")


@pytest.fixture(autouse=True)
def _hub_endpoint(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "hub" in request.fixturenames:
        monkeypatch.setenv("HF_ENDPOINT", request.getfixturevalue("hub").endpoint)


def derivative(hub: LoopbackHub, repo_id: str, card: dict[str, Any]) -> str:
    files = ("README.md", "config.json", "model.safetensors")
    hub.add_repo(
        {
            "id": repo_id,
            "cardData": card,
            "readme_outline": [{"kind": "heading", "level": 2, "text": "Model details"}],
            "siblings": [{"rfilename": name} for name in files],
            "library_name": "transformers",
        }
    )
    return repo_id


def check(*args: str) -> dict[str, Any]:
    result = run_osai("check", *args, "--no-public-assessments", "--format", "json")
    assert result.code in (0, 1), result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target


def requirement_field(target: dict[str, Any], requirement_id: str, key: str) -> str:
    """One field of a requirement's result in the JSON report."""
    return str(
        next(
            r[key]
            for f in target["frameworks"]
            for r in f["requirements"]
            if r["id"] == requirement_id
        )
    )


def status(target: dict[str, Any], requirement_id: str) -> str:
    return requirement_field(target, requirement_id, "status")


def reason(target: dict[str, Any], requirement_id: str) -> str:
    return requirement_field(target, requirement_id, "reason")


def warnings(target: dict[str, Any]) -> list[str]:
    return [f["message"] for f in target["findings"] if f["kind"] == "warning"]


@pytest.mark.parametrize("relation", ["finetune", "quantized", "Finetune"])
@pytest.mark.parametrize("follow", [(), ("--no-follow",)])
def test_a_derivative_naming_no_base_is_met_only_if_its_unnamed_base_binds_nothing(
    hub: LoopbackHub, relation: str, follow: tuple[str, ...]
) -> None:
    repo_id = derivative(hub, "acme/ft", {"license": "apache-2.0", "base_model_relation": relation})
    target = check(repo_id, *follow)
    for requirement_id in WEIGHTS:
        assert status(target, requirement_id) == "unknown"
    [warning] = [w for w in warnings(target) if "base_model_relation" in w]
    assert warning == (
        f"the card says the model was made from a base model (base_model_relation: {relation}) "
        "but names none: that base's licence may bind it, and cannot be read; name it in the "
        "card's base_model"
    )
    text = " ".join(run_osai("check", repo_id, "--no-public-assessments", *follow).stdout.split())
    # what to do: name it (there is nothing --follow could read)
    assert (
        "document Model parameters (Final): under Apache-2.0, unless base model its card does "
        f"not name (base_model_relation: {relation}) binds its derivatives to its licence: "
        "name it"
    ) in text


@pytest.mark.parametrize(
    "card",
    [
        {"license": "apache-2.0", "base_model_relation": "finetune", "base_model": MISTRAL},
        {"license": "apache-2.0"},
        # a relation the Hub has no word for says nothing of a base
        {"license": "apache-2.0", "base_model_relation": "original"},
    ],
)
def test_a_card_naming_its_base_or_no_relation_is_judged_as_before(
    hub: LoopbackHub, card: dict[str, Any]
) -> None:
    target = check(derivative(hub, "acme/named", card))
    for requirement_id in WEIGHTS:
        assert status(target, requirement_id) == "met"
    assert not [w for w in warnings(target) if "base_model_relation" in w]


LLAMA = "meta-llama/Llama-2-7b-hf"


@pytest.mark.parametrize(
    ("relation", "said"),
    [
        ("quantized", f"quantized from {LLAMA}, as its card says (base_model_relation: quantized)"),
        ("finetune", f"fine-tuned from {LLAMA}, as its card says (base_model_relation: finetune)"),
        ("merge", f"merged from {LLAMA}, as its card says (base_model_relation: merge)"),
        # a relation the Hub has no word for, or none: how it derives is not said
        ("original", f"derived from {LLAMA}, as its card says"),
        (None, f"derived from {LLAMA}, as its card says"),
    ],
)
def test_the_lineage_is_said_as_the_card_says_the_model_was_made(
    hub: LoopbackHub, relation: str | None, said: str
) -> None:
    """A GGUF quantization of Llama 2 was "derived from" it, as a fine-tune was: the card's
    base_model_relation says how, and the note says it so, citing the field."""
    card: dict[str, Any] = {"base_model": LLAMA}
    if relation is not None:
        card["base_model_relation"] = relation
    target = check(derivative(hub, "acme/llama-2-q4", card))
    [note] = [f for f in target["findings"] if f["message"].startswith(said.split(" ")[0])]
    assert note["message"] == f"{said}: a base model's licence may bind it"
    cited = [e["value"] for e in note["evidence"]]
    assert cited == ([LLAMA, relation] if said.endswith(")") else [LLAMA])


@pytest.mark.parametrize("relation", [["finetune", "merge"], 42, {"kind": "finetune"}])
def test_a_relation_that_is_no_string_is_said_not_read(hub: LoopbackHub, relation: object) -> None:
    """`base_model_relation: [finetune, merge]` was dropped unsaid, the model read as made from
    no base; the card's field is now said not read."""
    card = {"license": "apache-2.0", "base_model_relation": relation}
    target = check(derivative(hub, "acme/odd-relation", card), "-f", "eosai,osaid")
    assert "README.md: 'base_model_relation' is not a string: not read" in warnings(target)
    # a relation not read is no evidence the model was trained from scratch: `{kind: finetune}`
    # made base_model 'not stated' (inferred), and EOSAI graded the base rows from the model
    for row in ("EOSAI-WEIGHTS-BASE", "EOSAI-DATASOURCES-BASE"):
        assert reason(target, row).startswith("unknown whether it can be graded from this release")
    # and the base it names none of may bind it, as `merge` alone does: `[finetune, merge]`
    # met OSAID on the card's Apache-2.0
    assert status(target, "OSAID-PARAMETERS") == "unknown"
    assert "base model its card does not name (base_model_relation: not read)" in reason(
        target, "OSAID-PARAMETERS"
    )


def test_a_card_saying_how_the_model_was_made_from_a_base_is_not_read_as_from_scratch(
    hub: LoopbackHub,
) -> None:
    """`base_model_relation: merge` with no base_model was read as a model trained from scratch
    (base_model not provided, inferred): EOSAI graded its base-model rows from the merge itself
    (agp's report).  The card says there is a base: which one is unknown."""
    card = {"license": "apache-2.0", "base_model_relation": "merge"}
    target = check(derivative(hub, "acme/merge-unnamed", card), "-f", "eosai")
    for row in ("EOSAI-WEIGHTS-BASE", "EOSAI-DATASOURCES-BASE"):
        assert reason(target, row).startswith("unknown whether it can be graded from this release")
    # a card saying nothing of a base is still read as a model trained from scratch: its base
    # rows are graded from the release itself
    plain = check(derivative(hub, "acme/from-scratch", {"license": "apache-2.0"}), "-f", "eosai")
    assert not reason(plain, "EOSAI-WEIGHTS-BASE").startswith("unknown whether it can be graded")


def test_weights_stating_no_licence_are_told_the_licence_their_base_is_under(
    hub: LoopbackHub,
) -> None:
    """A GGUF quantization stating no licence, of Mistral (Apache-2.0): "licence unknown" was
    all its action said, though the base's Apache-2.0 is the licence it most likely carries.
    The verdict stays unknown: a quantization may be under other terms."""
    repo_id = derivative(hub, "acme/mistral-gguf", {"base_model": MISTRAL, "tags": ["gguf"]})
    assert status(check(repo_id), "OSAID-PARAMETERS") == "unknown"
    text = " ".join(run_osai("check", repo_id, "--no-public-assessments").stdout.split())
    assert (
        f"document Model parameters (Final): licence unknown (its base model {MISTRAL} is "
        "under Apache-2.0, the licence it most likely carries)"
    ) in text, text
    # the model card's licence is no derivative of the base's
    assert "document Model card: licence unknown —" in text, text


def test_a_base_whose_licence_osai_cannot_read_is_not_said_to_be_carried(
    hub: LoopbackHub,
) -> None:
    """A base whose card says `license: other` names no licence the weights carry."""
    hub.add_repo({"id": "acme/odd-base", "cardData": {"license": "other"}})
    repo_id = derivative(hub, "acme/odd-gguf", {"base_model": "acme/odd-base"})
    text = " ".join(run_osai("check", repo_id, "--no-public-assessments").stdout.split())
    assert "document Model parameters (Final): licence unknown —" in text, text
