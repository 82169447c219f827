"""A merge made with mergekit names the models it merges in its recipe (mergekit_config.yml),
often more than its card's `base_model` does, or where the card names none: a merge of Mistral
and Llama 2 whose card named Mistral alone met OSAID on its Apache-2.0, Llama 2's licence never
read.  On the loopback Hub (tests/loopback_hub.py), merge repositories whose files include a
recipe."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import run_osai
from draftlines import reviewed_draft
from loopback_hub import LoopbackHub

LLAMA = "meta-llama/Llama-2-7b-hf"
MISTRAL = "mistralai/Mistral-7B-v0.1"
PYTHIA = "EleutherAI/pythia-70m"
RECIPE = "mergekit_config.yml"

# mergekit's slerp recipe: the models it merges are the slices' sources
SLERP = f"""slices:
  - sources:
      - model: {MISTRAL}
        layer_range: [0, 32]
      - model: {LLAMA}
        layer_range: [0, 32]
merge_method: slerp
base_model: {MISTRAL}
dtype: bfloat16
"""

# its linear recipe: the models listed, one of them with a LoRA applied (model+lora)
LINEAR = f"""models:
  - model: {MISTRAL}
    parameters:
      weight: 0.5
  - model: {PYTHIA}+{LLAMA}
    parameters:
      weight: 0.5
merge_method: linear
"""


@pytest.fixture(autouse=True)
def _hub_endpoint(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "hub" in request.fixturenames:
        monkeypatch.setenv("HF_ENDPOINT", request.getfixturevalue("hub").endpoint)


def merge(hub: LoopbackHub, repo_id: str, card: dict[str, Any], recipe: str) -> str:
    """A merge on the loopback Hub: its card, its merged weights and its recipe."""
    files = ("README.md", "config.json", "model.safetensors", RECIPE)
    hub.add_repo(
        {
            "id": repo_id,
            "cardData": card,
            "readme_outline": [{"kind": "heading", "level": 2, "text": "Merge details"}],
            "siblings": [{"rfilename": name} for name in files],
            "library_name": "transformers",
            "tags": ["merge", "mergekit"],
        }
    )
    hub.add_file(repo_id, RECIPE, recipe)
    return repo_id


def check(*args: str) -> dict[str, Any]:
    result = run_osai("check", *args, "--no-public-assessments", "--format", "json")
    assert result.code in (0, 1), result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target


def weights(target: dict[str, Any], framework: str = "OSAID-PARAMETERS") -> dict[str, Any]:
    found: dict[str, Any] = next(
        r for f in target["frameworks"] for r in f["requirements"] if r["id"] == framework
    )
    return found


def messages(target: dict[str, Any], kind: str) -> list[str]:
    return [f["message"] for f in target["findings"] if f["kind"] == kind]


def test_a_merge_whose_recipe_merges_llama_2_its_card_leaves_out_is_bound_by_it(
    hub: LoopbackHub,
) -> None:
    """The card names Mistral (Apache-2.0) alone and declares Apache-2.0: the parameters met
    OSAID.  Its recipe merges Llama 2 too, whose licence binds derivatives: a conflict, the
    parameters under Llama 2's licence, and the report says where Llama 2 is named."""
    repo_id = merge(
        hub,
        "acme/mistral-llama-slerp",
        {"license": "apache-2.0", "base_model": MISTRAL, "tags": ["merge", "mergekit"]},
        SLERP,
    )
    target = check(repo_id)
    parameters = weights(target)
    assert parameters["status"] == "unmet" and "LicenseRef-llama2" in parameters["licence"]
    assert target["base_models"] == [MISTRAL, LLAMA]
    conflict = next(m for m in messages(target, "conflict") if f"base model {LLAMA}" in m)
    assert conflict.startswith("declared Apache-2.0")
    note = next(m for m in messages(target, "note") if m.startswith("merged from"))
    assert note == (
        f"merged from {LLAMA} too, as its {RECIPE} says (the card does not name it): each base "
        "model's licence may bind it"
    )
    [link] = [link for link in target["links"] if link["url"].endswith(LLAMA)]
    assert link["found"] and link["answer"].endswith(
        f"; named in {RECIPE} slices[0].sources[1].model, line 5"
    )


def test_a_merge_whose_card_names_no_base_is_judged_on_every_model_its_recipe_names(
    hub: LoopbackHub,
) -> None:
    """The card names no base model: osai read the merge as a model of its own, its Apache-2.0
    met.  Its recipe names Mistral, and Pythia with a Llama 2 LoRA applied: each is a base."""
    repo_id = merge(hub, "acme/linear-merge", {"license": "apache-2.0"}, LINEAR)
    target = check(repo_id)
    assert target["base_models"] == [MISTRAL, PYTHIA, LLAMA]
    for framework in ("OSAID-PARAMETERS", "MOF-C3-MODEL-PARAMETERS-FINAL"):
        assert weights(target, framework)["status"] == "unmet"
    note = next(m for m in messages(target, "note") if m.startswith("merged from"))
    assert note.startswith(f"merged from {MISTRAL}, {PYTHIA}, {LLAMA}, as its {RECIPE} says")
    # not followed, the bases it names still leave the licence open, as a card's would
    unfollowed = check(repo_id, "--no-follow")
    assert weights(unfollowed)["status"] == "unknown"


def test_a_merge_naming_no_base_whose_recipe_names_a_path_is_unknown(hub: LoopbackHub) -> None:
    """A path on the merger's machine names a base osai cannot read: its licence may bind."""
    recipe = f"models:\n  - model: {MISTRAL}\n  - model: /workspace/secret-model\n"
    target = check(merge(hub, "acme/path-merge", {"license": "apache-2.0"}, recipe))
    assert target["base_models"] == [MISTRAL, "/workspace/secret-model"]
    assert weights(target)["status"] == "unknown"


@pytest.mark.parametrize(
    "named",
    [
        PYTHIA.upper(),
        # a path on the merger's machine, where the card names the bases: taken for one of them
        "/workspace/models/pythia-70m",
    ],
)
def test_a_merge_whose_card_names_every_model_of_its_recipe_reads_as_the_card_says(
    hub: LoopbackHub, named: str
) -> None:
    """Nothing the card does not name: the recipe adds no base and no note."""
    card = {"license": "apache-2.0", "base_model": [MISTRAL, PYTHIA]}
    recipe = f"models:\n  - model: {MISTRAL}\n  - model: {named}\n"
    target = check(merge(hub, "acme/open-merge", card, recipe))
    assert target["base_models"] == [MISTRAL, PYTHIA]
    assert not [m for m in messages(target, "note") if m.startswith("merged from")]
    assert weights(target)["status"] == "met"


@pytest.mark.parametrize(
    "recipe",
    [
        "- just\n- a list\n",
        "models:\n  - model: 42\n  - model: {path: x}\n",
        "models: 3\n",
        "",
        "models:\n  - model: acme/odd-merge\n",  # the merge itself alone
    ],
)
def test_a_recipe_that_names_no_model_leaves_the_weights_licence_unknown(
    hub: LoopbackHub, recipe: str
) -> None:
    """Someone else's file, naming no model by a string beside a card naming none: the merge
    met OSAID on its card's Apache-2.0, the models it merges never known (an adapter's config
    naming no base left it unknown).  Now met only if none of them binds it, and a note says so."""
    target = check(merge(hub, "acme/odd-merge", {"license": "apache-2.0"}, recipe))
    assert target["base_models"] == []
    parameters = weights(target)
    assert parameters["status"] == "unknown"
    unless = f"unless a model this merge was made from ({RECIPE} names none osai can read) binds"
    assert unless in parameters["reason"]
    said = (
        f"{RECIPE} names no model osai can read: the models this merge was made from are not known"
    )
    assert said in messages(target, "note")


def test_a_recipe_naming_no_model_beside_a_card_naming_its_bases_changes_nothing(
    hub: LoopbackHub,
) -> None:
    """The card's base models are the merge's: a recipe naming none adds nothing to them."""
    card = {"license": "apache-2.0", "base_model": MISTRAL}
    target = check(merge(hub, "acme/odd-carded-merge", card, "models: 3\n"))
    assert target["base_models"] == [MISTRAL]
    assert "names none osai can read" not in weights(target)["reason"]
    assert not [m for m in messages(target, "note") if m.startswith(RECIPE)]


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("recipe", "said"),
    [
        ("models: [[[", "invalid YAML"),
        (f"models:\n  - model: {LLAMA}\n#" + "x" * 1_100_000 + "\n", "could not be read"),
        (f"{BILLION_LAUGHS}models:\n  - model: {LLAMA}\n", "too many YAML aliases"),
    ],
)
def test_a_recipe_osai_cannot_read_leaves_the_weights_licence_unknown(
    hub: LoopbackHub, recipe: str, said: str
) -> None:
    """A merge of Llama 2 whose recipe was padded past the size limit, or was no YAML, met
    OSAID on its card's Apache-2.0, the models it merges never known; now met only if none
    of them binds it, and the line says so."""
    target = check(merge(hub, "acme/unread-merge", {"license": "apache-2.0"}, recipe))
    assert target["base_models"] == []
    parameters = weights(target)
    assert parameters["status"] == "unknown"
    assert f"unless a model {RECIPE} names (it could not be read) binds" in parameters["reason"]
    [note] = [m for m in messages(target, "note") if RECIPE in m]
    assert said in note and note.endswith("beyond its card's are not known")


def test_a_model_named_after_one_repeated_thirty_two_times_is_still_read(
    hub: LoopbackHub,
) -> None:
    """Only as many items as names were read: a recipe naming Mistral thirty-two times, then
    Llama 2, met OSAID on its card's Apache-2.0, Llama 2 never seen."""
    recipe = "models:\n" + f"  - model: {MISTRAL}\n" * 32 + f"  - model: {LLAMA}\n"
    card = {"license": "apache-2.0", "base_model": MISTRAL}
    target = check(merge(hub, "acme/padded-merge", card, recipe))
    assert target["base_models"] == [MISTRAL, LLAMA]
    assert weights(target)["status"] == "unmet"


def test_a_list_longer_than_osai_reads_leaves_the_licence_unknown_and_says_why(
    hub: LoopbackHub,
) -> None:
    """A recipe naming Mistral 5,000 times, then Llama 2: the items past the 4,096 osai reads
    may name a binding model.  It was said "beyond the 32 osai reads", one model read."""
    recipe = "models:\n" + f"  - model: {MISTRAL}\n" * 5000 + f"  - model: {LLAMA}\n"
    card = {"license": "apache-2.0", "base_model": MISTRAL}
    target = check(merge(hub, "acme/long-merge", card, recipe), "--no-follow")
    assert target["base_models"] == [MISTRAL]
    parameters = weights(target)
    assert parameters["status"] == "unknown"
    beyond = f"a model {RECIPE} names past the first 4,096 items of a list binds"
    assert beyond in parameters["reason"], parameters["reason"]
    assert "32 osai reads" not in parameters["reason"]


def test_a_recipe_naming_more_models_than_osai_reads_leaves_the_licence_unknown(
    hub: LoopbackHub,
) -> None:
    """Thirty-three open models, every one read (--max-links 40): the thirty-third was dropped
    unsaid and the merge met, though it may be Llama 2.  Now the note and the licence say a
    model beyond those osai reads may bind it."""
    names = [f"open/model-{n}" for n in range(33)]
    for name in names:
        hub.add_repo({"id": name, "cardData": {"license": "apache-2.0"}})
    recipe = "models:\n" + "".join(f"  - model: {name}\n" for name in names)
    repo_id = merge(hub, "acme/crowded-merge", {"license": "apache-2.0"}, recipe)
    target = check(repo_id, "--max-links", "40")
    assert target["base_models"] == names[:32]
    parameters = weights(target)
    assert parameters["status"] == "unknown"
    beyond = f"a model {RECIPE} names beyond the 32 osai reads (+1 more)"
    assert beyond in parameters["reason"]
    note = next(m for m in messages(target, "note") if m.startswith("merged from"))
    assert note.endswith(f"{beyond} is not read, and its licence may bind it too")


def test_a_merge_whose_card_names_no_base_is_not_graded_as_its_own_base_model(
    hub: LoopbackHub,
) -> None:
    """The recipe states the base models as an adapter's config does: the EOSAI's base-model
    rows were graded from the merge itself, read as trained from scratch (base_model none)."""
    repo_id = merge(hub, "acme/linear-merge-eosai", {"license": "apache-2.0"}, LINEAR)
    target = check(repo_id, "--no-follow", "-f", "eosai")
    row = weights(target, "EOSAI-WEIGHTS-BASE")
    assert row["reason"].startswith(
        f"not graded from this release (base_model: {MISTRAL}, {PYTHIA}, {LLAMA})"
    )


def test_a_recipe_naming_the_model_itself_says_it_is_ignored(hub: LoopbackHub) -> None:
    """A recipe naming the merge itself was passed over without a word, where an adapter's
    config or a card naming the model itself is said ignored (agp's report)."""
    recipe = f"models:\n  - model: acme/m-self\n  - model: {MISTRAL}\n"
    target = check(merge(hub, "acme/m-self", {"license": "apache-2.0"}, recipe))
    said = [f["message"] for f in target["findings"] if f["kind"] == "warning"]
    assert f"{RECIPE} models[0].model names this model itself (acme/m-self): ignored" in said
    assert target["base_models"] == [MISTRAL]


def test_a_recipe_naming_more_models_than_osai_reads_asks_to_name_them_not_read(
    hub: LoopbackHub,
) -> None:
    """The models beyond the 32 osai reads were the action "read", though no run reads them:
    what settles it is naming them where osai reads base models (the card's base_model)."""
    recipe = "models:\n" + "".join(f"  - model: open/model-{n}\n" for n in range(33))
    repo_id = merge(hub, "acme/crowded-merge-action", {"license": "apache-2.0"}, recipe)
    result = run_osai("check", repo_id, "--no-public-assessments", "--no-follow")
    text = " ".join(result.stdout.split())
    assert (
        "document Model parameters (Final): under Apache-2.0, unless a model "
        f"{RECIPE} names beyond the 32 osai reads (+1 more) binds its derivatives to its "
        "licence: name it"
    ) in text, text
    assert "read Model parameters" not in text


def test_the_links_to_follow_are_said_given_by_the_recipe_too(hub: LoopbackHub) -> None:
    """ "drop --no-follow to read the 32 links its card gives" of a card naming no link: the
    models its recipe names were counted as the card's."""
    recipe = "models:\n" + "".join(f"  - model: open/model-{n}\n" for n in range(33))
    repo_id = merge(hub, "acme/crowded-merge-links", {"license": "apache-2.0"}, recipe)
    result = run_osai("check", repo_id, "--no-public-assessments", "--no-follow")
    text = " ".join(result.stdout.split())
    assert f"drop --no-follow to read the 32 links its card and {RECIPE} give;" in text, text


def test_the_models_a_long_recipe_names_are_shown_bounded_and_kept_whole(
    hub: LoopbackHub,
) -> None:
    """The EOSAI's base-model row named each of the 32 models read, eight lines at 80
    columns; it names eight and how many more, as the note does.  A BOM keeps them all."""
    names = [f"open/model-{n}" for n in range(33)]
    recipe = "models:\n" + "".join(f"  - model: {name}\n" for name in names)
    repo_id = merge(hub, "acme/crowded-merge-eosai", {"license": "apache-2.0"}, recipe)
    row = weights(check(repo_id, "--no-follow", "-f", "eosai"), "EOSAI-WEIGHTS-BASE")
    shown = ", ".join(names[:8])
    assert f"(base_model: {shown}, +24 more): grade it" in row["reason"], row["reason"]
    result = run_osai("check", repo_id, "--no-follow", "--format", "cyclonedx")
    model = json.loads(result.stdout)["metadata"]["component"]
    facts = {p["name"]: p["value"] for p in model["modelCard"]["properties"]}
    assert facts["osai:fact:base_model"] == ", ".join(names[:32])


@pytest.mark.parametrize("kind", ["cyclonedx", "spdx"])
def test_the_models_a_long_recipe_names_are_shown_bounded_when_its_bom_is_read(
    hub: LoopbackHub, kind: str, tmp_path: Path
) -> None:
    """Read back, the BOM's base-model fact was one string: the EOSAI's row named all 32
    models again, eight lines at 80 columns, where the check that wrote it named eight.  The
    BOM states each name too (osai:fact:base_model:item), so the reason is the check's."""
    names = [f"open/model-{n}" for n in range(33)]
    recipe = "models:\n" + "".join(f"  - model: {name}\n" for name in names)
    repo_id = merge(hub, "acme/crowded-merge-bom", {"license": "apache-2.0"}, recipe)
    row = weights(check(repo_id, "--no-follow", "-f", "eosai"), "EOSAI-WEIGHTS-BASE")
    bom = tmp_path / f"m.{'cdx' if kind == 'cyclonedx' else 'spdx'}.json"
    result = run_osai("check", repo_id, "--no-follow", "-f", "eosai", "-o", f"{kind}={bom}")
    assert result.code in (0, 1), result.stderr
    again = weights(check(str(bom), "-f", "eosai"), "EOSAI-WEIGHTS-BASE")
    shown = ", ".join(names[:8])
    assert f"(base_model: {shown}, +24 more): grade it" in again["reason"], again["reason"]
    assert again["reason"] == row["reason"]


def test_init_drafts_every_model_the_recipe_merges_beside_the_card_s(
    tmp_path: Path, hub: LoopbackHub
) -> None:
    """A merge directory whose card names Mistral and whose recipe merges Llama 2 too: the draft
    declared Mistral alone (the card's base_model won over the recipe's), so the draft, reviewed
    and checked alone with --follow, met OSAID on the card's Apache-2.0."""
    model = tmp_path / "merge"
    model.mkdir()
    (model / "README.md").write_text(
        f"---\nlicense: apache-2.0\nbase_model: {MISTRAL}\nbase_model_relation: merge\n---\n"
        "# A merge\n",
        "utf-8",
    )
    (model / RECIPE).write_text(SLERP, "utf-8")
    (model / "model.safetensors").write_bytes(b"\0" * 2048)
    declared, draft = reviewed_draft(model)
    assert declared == f'base_model: "{MISTRAL}, {LLAMA}"'
    target = check(str(draft), "--follow")
    assert target["base_models"] == [MISTRAL, LLAMA]
    assert weights(target)["status"] == "unmet"
