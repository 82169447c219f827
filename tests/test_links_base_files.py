"""A base model that is itself a merge or an adapter names the models it derives from in its
files, not (only) its card: a merge's recipe (mergekit_config.yml), an adapter's config
(adapter_config.json).  A fine-tune (MIT) of a merge whose card names Mistral and whose recipe
merges Llama 2 met OSAID on its MIT, where the merge checked directly is bound to Llama 2's
licence: the lineage read the base's card alone (agw's BOM audit).  On the loopback Hub
(tests/loopback_hub.py), repositories as tests/test_links_merges.py and
tests/test_links_adapters.py serve them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from clirunner import run_osai
from loopback_hub import LoopbackHub
from test_links_merges import LLAMA, MISTRAL, PYTHIA, RECIPE, SLERP  # Llama 2 on line 5

CONFIG = "adapter_config.json"


@pytest.fixture(autouse=True)
def _hub_endpoint(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "hub" in request.fixturenames:
        monkeypatch.setenv("HF_ENDPOINT", request.getfixturevalue("hub").endpoint)


def repo(hub: LoopbackHub, repo_id: str, card: dict[str, Any], files: dict[str, str]) -> str:
    """A repository on the loopback Hub: its card, weights, and `files` (name: content)."""
    names = ("README.md", "config.json", "model.safetensors", *files)
    hub.add_repo(
        {
            "id": repo_id,
            "cardData": card,
            "readme_outline": [{"kind": "heading", "level": 2, "text": "Model details"}],
            "siblings": [{"rfilename": name} for name in names],
            "library_name": "transformers",
        }
    )
    for name, content in files.items():
        hub.add_file(repo_id, name, content)
    return repo_id


def merge_and_fine_tune(hub: LoopbackHub, recipe: str = SLERP, card: Any = MISTRAL) -> str:
    """acme/merge (Apache-2.0, its card naming `card`, its recipe `recipe`), and a fine-tune
    of it declaring MIT."""
    repo(hub, "acme/merge", {"license": "apache-2.0", "base_model": card}, {RECIPE: recipe})
    return repo(hub, "acme/ft-of-merge", {"license": "mit", "base_model": "acme/merge"}, {})


def adapter_and_fine_tune(hub: LoopbackHub, config: str) -> str:
    """acme/adapter (Apache-2.0, its card naming no base, its config `config`), and a
    fine-tune of it declaring MIT."""
    repo(hub, "acme/adapter", {"license": "apache-2.0"}, {CONFIG: config})
    return repo(hub, "acme/ft-of-adapter", {"license": "mit", "base_model": "acme/adapter"}, {})


def adapter_config(base: str) -> str:
    return json.dumps({"base_model_name_or_path": base, "peft_type": "LORA", "r": 8}, indent=2)


def check(*args: str) -> dict[str, Any]:
    result = run_osai("check", *args, "--no-public-assessments", "--format", "json")
    assert result.code in (0, 1), result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target


def weights(target: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(
        r for f in target["frameworks"] for r in f["requirements"] if r["id"] == "OSAID-PARAMETERS"
    )
    return found


def licence(target: dict[str, Any]) -> dict[str, Any]:
    """The final parameters' licence, as the JSON report gives it."""
    component = next(c for c in target["components"] if c["id"] == "model-parameters-final")
    found: dict[str, Any] = component["licence"]
    return found


def messages(target: dict[str, Any], kind: str) -> list[str]:
    return [f["message"] for f in target["findings"] if f["kind"] == kind]


def test_a_fine_tune_of_a_merge_whose_recipe_merges_llama_2_is_bound_by_it(
    hub: LoopbackHub,
) -> None:
    """The merge's card names Mistral, its recipe Llama 2 too: checked directly, the merge is
    bound to Llama 2's licence; its MIT fine-tune met OSAID, the recipe never read."""
    target = check(merge_and_fine_tune(hub))
    parameters = weights(target)
    assert parameters["status"] == "unmet"
    assert parameters["licence"] == "LicenseRef-llama2"
    [conflict] = messages(target, "conflict")
    assert conflict.startswith(
        f"declared MIT (README.md:2 = mit), but base model {LLAMA} (through acme/merge, as its "
        f"{RECIPE} says) is under the Llama 2 Community License Agreement"
    ), conflict
    [link] = [link for link in target["links"] if link["url"].endswith(LLAMA)]
    assert link["answer"] == (
        f"llama2; named in acme/merge's {RECIPE} slices[0].sources[1].model, line 5"
    )
    # the recipe read once, at the commit the merge's information names
    commit = hub.commit("acme/merge")
    assert [r.path for r in hub.find_requests(f"/{RECIPE}$")] == [
        f"/acme/merge/resolve/{commit}/{RECIPE}"
    ]


def test_a_fine_tune_of_an_adapter_whose_config_names_llama_2_is_bound_by_it(
    hub: LoopbackHub,
) -> None:
    """The adapter's card names no base; its config names Llama 2, whose licence binds the
    adapter checked directly, and binds its fine-tune (which met OSAID on its MIT)."""
    target = check(adapter_and_fine_tune(hub, adapter_config(LLAMA)))
    assert weights(target)["status"] == "unmet"
    [conflict] = messages(target, "conflict")
    assert f"base model {LLAMA} (through acme/adapter, as its {CONFIG} says)" in conflict
    [link] = [link for link in target["links"] if link["url"].endswith(LLAMA)]
    assert link["answer"].endswith(
        f"; named in acme/adapter's {CONFIG} base_model_name_or_path, line 2"
    )


def test_where_the_binding_licence_came_from_is_said_at_80_columns(hub: LoopbackHub) -> None:
    repo_id = merge_and_fine_tune(hub)
    for verbose in ((), ("-v",)):
        result = run_osai(
            "check", repo_id, "--no-public-assessments", *verbose, env={"COLUMNS": "80"}
        )
        assert result.code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= 80
        text = " ".join(result.stdout.split())
        assert f"{LLAMA} (through acme/merge, as its {RECIPE} says)" in text, text


def test_a_fine_tune_of_a_merge_of_open_models_only_is_not_held_back(hub: LoopbackHub) -> None:
    """A recipe naming only open models (and the one its card names) binds nothing: the
    fine-tune's MIT still meets OSAID's parameters' terms."""
    recipe = f"models:\n  - model: {MISTRAL}\n  - model: {PYTHIA}\n"
    target = check(merge_and_fine_tune(hub, recipe))
    assert weights(target)["status"] == "met"
    assert not licence(target).get("unless")


@pytest.mark.parametrize(
    ("recipe", "said"),
    [
        ("models: [[[", f"base model acme/merge's own base models (its {RECIPE}:1: invalid YAML"),
        (f"models:\n  - model: {LLAMA}\n#" + "x" * 1_100_000 + "\n", "could not be read"),
        ("models: 3\n", f"its {RECIPE} names none osai can read"),
    ],
)
def test_a_base_recipe_osai_cannot_read_leaves_the_licence_unknown(
    hub: LoopbackHub, recipe: str, said: str
) -> None:
    """Too large, no YAML, naming no model: the models the merge was made from may bind its
    fine-tune, as they leave the merge's own licence unknown checked directly."""
    target = check(merge_and_fine_tune(hub, recipe, card=[]))
    assert weights(target)["status"] == "unknown"
    unless = licence(target)["unless"]
    assert said in unless and unless.endswith("binds its derivatives to its licence"), unless


def test_an_adapter_config_naming_no_base_leaves_the_fine_tune_unknown(hub: LoopbackHub) -> None:
    target = check(adapter_and_fine_tune(hub, "{"))
    assert weights(target)["status"] == "unknown"
    assert licence(target)["unless"].startswith(
        f"base model acme/adapter's own base models (its {CONFIG} names no base osai can read)"
    )


def test_a_base_recipe_beyond_the_link_cap_is_not_read_and_leaves_the_licence_unknown(
    hub: LoopbackHub,
) -> None:
    """--max-links 1: the merge is read, its recipe is one request more, beyond the cap."""
    target = check(merge_and_fine_tune(hub), "--max-links", "1")
    assert weights(target)["status"] == "unknown"
    assert "acme/merge's own base models" in licence(target)["unless"]
    said = f"base model acme/merge: {RECIPE} was not read: more than the 1 base models and files"
    warned = messages(target, "warning")
    assert any(w.startswith(said) for w in warned), warned
    assert not hub.find_requests(f"/{RECIPE}$")


def test_a_base_recipe_the_hub_fails_to_serve_leaves_the_licence_unknown(
    hub: LoopbackHub,
) -> None:
    repo_id = merge_and_fine_tune(hub)
    hub.inject_status(f"/{RECIPE}$", 403)
    target = check(repo_id)
    assert weights(target)["status"] == "unknown"
    assert any(
        w.startswith(f"base model acme/merge: {RECIPE} could not be read")
        for w in messages(target, "warning")
    ), messages(target, "warning")


def test_offline_the_recipe_kept_binds_and_one_not_kept_leaves_it_unknown(
    hub: LoopbackHub,
) -> None:
    """Offline, from the cache alone: the recipe an earlier check kept binds as online; one not
    kept leaves the licence met only if what it names binds nothing."""
    repo_id = merge_and_fine_tune(hub)
    check(repo_id)
    assert licence(check(repo_id, "--offline"))["text"] == "llama2"
    cache = Path(os.environ["HF_HOME"]) / "hub" / "models--acme--merge"
    for kept in cache.glob(f"snapshots/*/{RECIPE}"):
        kept.unlink()
    offline = check(repo_id, "--offline")
    assert licence(offline)["text"] == "mit"
    assert "acme/merge's own base models" in licence(offline)["unless"]
    warning = f"base model acme/merge: {RECIPE} is not in the local cache (--offline)"
    assert any(w.startswith(warning) for w in messages(offline, "warning"))


@pytest.mark.parametrize("kind", ["cyclonedx", "spdx"])
def test_the_bom_of_a_fine_tune_of_a_merge_read_back_is_bound_as_the_check(
    hub: LoopbackHub, kind: str, tmp_path: Path
) -> None:
    """The BOM states Llama 2 as an ancestor of the merge, so read back offline it judges the
    lineage as the check that wrote it."""
    repo_id = merge_and_fine_tune(hub)
    bom = tmp_path / f"x.{'cdx' if kind == 'cyclonedx' else 'spdx'}.json"
    result = run_osai("check", repo_id, "--no-public-assessments", "-o", f"{kind}={bom}")
    assert result.code == 0, result.stderr
    assert LLAMA in bom.read_text(encoding="utf-8")
    again = check(str(bom))
    assert weights(again)["status"] == "unmet"
    assert weights(again)["licence"] == "LicenseRef-llama2"


def test_the_path_a_farther_base_binds_through_is_the_one_it_derives_by(
    hub: LoopbackHub,
) -> None:
    """A fine-tune of a merge of Mistral and a Llama 2 fine-tune: Llama 2 binds it through the
    merge and the Llama 2 fine-tune, not "through acme/merge-2 → Mistral → acme/llama-ft" (every
    base read before it, Mistral derived from nothing of it)."""
    repo(hub, "acme/llama-ft", {"license": "apache-2.0", "base_model": LLAMA}, {})
    card = {"license": "apache-2.0", "base_model": [MISTRAL, "acme/llama-ft"]}
    repo(hub, "acme/merge-2", card, {})
    repo_id = repo(hub, "acme/ft-2", {"license": "mit", "base_model": "acme/merge-2"}, {})
    [conflict] = messages(check(repo_id), "conflict")
    assert f"base model {LLAMA} (through acme/merge-2 → acme/llama-ft) is under" in conflict


@pytest.mark.parametrize("relation", ["merge", ["finetune", "merge"]])
def test_a_fine_tune_of_a_base_whose_card_says_it_was_made_from_one_it_names_not_is_unknown(
    hub: LoopbackHub, relation: Any
) -> None:
    """The base's card says `base_model_relation: merge` and names no base, and it has no
    recipe: checked directly its licence is met only if that base binds nothing
    (rules/links.yaml `unnamed_base`); its MIT fine-tune met OSAID."""
    card = {"license": "apache-2.0", "base_model_relation": relation}
    repo(hub, "acme/merge-3", card, {})
    repo_id = repo(hub, "acme/ft-3", {"license": "mit", "base_model": "acme/merge-3"}, {})
    target = check(repo_id)
    assert weights(target)["status"] == "unknown"
    said = "base_model_relation: merge" if relation == "merge" else "base_model_relation: not read"
    assert licence(target)["unless"].startswith(
        f"base model acme/merge-3's own base models (its card says {said} but names none)"
    ), licence(target)["unless"]


def test_a_base_s_files_are_read_as_the_model_s_own_are_planned(hub: LoopbackHub) -> None:
    """A base holding mergekit_config.yml and mergekit_config.yaml: the model's own check reads
    the first alone, and so does its lineage (each a request, counted against the cap)."""
    files = {RECIPE: SLERP, "mergekit_config.yaml": "models: [[["}
    repo(hub, "acme/merge-4", {"license": "apache-2.0", "base_model": MISTRAL}, files)
    repo_id = repo(hub, "acme/ft-4", {"license": "mit", "base_model": "acme/merge-4"}, {})
    assert weights(check(repo_id))["status"] == "unmet"
    assert [r.path.rsplit("/", 1)[1] for r in hub.find_requests("/mergekit_config")] == [RECIPE]


def _rewrite_kept_record(model_id: str, **fields: object) -> None:
    """The record the answer cache keeps of `model_id`, with `fields` written over it, as a
    cache as hostile as any file may hold it."""
    import base64

    kept = sorted((Path(os.environ["OSAI_CACHE_DIR"]) / "answers").glob("*.json"))
    [path] = [p for p in kept if f"osai-hub-record:models/{model_id}" in p.read_text()]
    answer = json.loads(path.read_text(encoding="utf-8"))
    record = json.loads(base64.b64decode(answer["body"]))
    body = json.dumps({**record, **fields}).encode()
    path.write_text(json.dumps({**answer, "body": base64.b64encode(body).decode()}))


def test_a_kept_record_naming_no_commit_reads_no_file_of_the_cache(hub: LoopbackHub) -> None:
    """A kept record is read back from a cache as hostile as any file: its commit names a
    place in huggingface_hub's cache, so one that is no commit id reads nothing there, and
    the recipe is unread (the licence unknown), not looked for at `../..`."""
    repo_id = merge_and_fine_tune(hub)
    check(repo_id)
    _rewrite_kept_record("acme/merge", sha="../../../../etc")
    target = check(repo_id, "--offline")
    assert licence(target)["text"] == "mit"
    assert "acme/merge's own base models" in licence(target)["unless"]
    warning = f"base model acme/merge: {RECIPE} was not read: the Hub named no commit"
    assert any(w.startswith(warning) for w in messages(target, "warning"))


@pytest.mark.parametrize("kept_id", ["../../etc", "acme/merge\x1b[2J", "a" * 200])
def test_a_kept_record_naming_no_hub_id_is_no_record(hub: LoopbackHub, kept_id: str) -> None:
    """A kept record's id names the repository its recipe is read from (in huggingface_hub's
    cache, offline): one that is no Hub id was an internal error (HFValidationError) there
    (ahe's fuzzing).  It is checked as the Hub's answer is, and a record naming none is no
    record osai keeps: the base is not read, the licence unknown."""
    repo_id = merge_and_fine_tune(hub)
    check(repo_id)
    _rewrite_kept_record("acme/merge", id=kept_id)
    target = check(repo_id, "--offline")
    assert weights(target)["status"] == "unknown"
    assert licence(target)["unless"].startswith("base model acme/merge (not read)")
