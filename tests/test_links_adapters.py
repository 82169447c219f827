"""A PEFT adapter names its base model in adapter_config.json (`base_model_name_or_path`) where
its card names none: a LoRA of Llama 2 declaring Apache-2.0 passed unnoticed, its lineage never
read.  On the loopback Hub (tests/loopback_hub.py), an adapter repository whose files include
adapter_config.json; and a local directory holding one, checked and drafted (`osai init`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import run_osai
from draftlines import reviewed_draft
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub

LLAMA = "meta-llama/Llama-2-7b-hf"
LLAMA_URL = f"https://huggingface.co/{LLAMA}"
MISTRAL = "mistralai/Mistral-7B-v0.1"
CONFIG = "adapter_config.json"


@pytest.fixture(autouse=True)
def _hub_endpoint(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "hub" in request.fixturenames:
        monkeypatch.setenv("HF_ENDPOINT", request.getfixturevalue("hub").endpoint)


def adapter_config(base: object) -> str:
    """An adapter_config.json as PEFT writes it (indented), `base_model_name_or_path` on line 4."""
    config = {
        "alpha_pattern": {},
        "auto_mapping": None,
        "base_model_name_or_path": base,
        "bias": "none",
        "peft_type": "LORA",
        "r": 8,
        "target_modules": ["q_proj", "v_proj"],
        "task_type": "CAUSAL_LM",
    }
    return json.dumps(config, indent=2)


def adapter(
    hub: LoopbackHub,
    repo_id: str,
    config: str | bytes,
    card: dict[str, Any] | None = None,
    tags: tuple[str, ...] = (),
) -> str:
    """An adapter repository on the loopback Hub: a card (Apache-2.0, no base model unless
    `card` says), adapter_config.json holding `config`, the adapter's weights, and the Hub's
    `tags`."""
    files = ("README.md", CONFIG, "adapter_model.safetensors")
    hub.add_repo(
        {
            "id": repo_id,
            "cardData": card or {"license": "apache-2.0"},
            "readme_outline": [{"kind": "heading", "level": 2, "text": "Model details"}],
            "siblings": [{"rfilename": name} for name in files],
            "library_name": "peft",
            "tags": list(tags),
        }
    )
    hub.add_file(repo_id, CONFIG, config)
    return repo_id


def check(*args: str) -> dict[str, Any]:
    result = run_osai("check", *args, "--no-public-assessments", "--format", "json")
    assert result.code in (0, 1), result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target


def requirement(target: dict[str, Any], requirement_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        r for f in target["frameworks"] for r in f["requirements"] if r["id"] == requirement_id
    )
    return found


def findings(target: dict[str, Any], kind: str | None = None) -> list[dict[str, Any]]:
    return [f for f in target["findings"] if kind is None or f["kind"] == kind]


def messages(target: dict[str, Any], kind: str | None = None) -> list[str]:
    return [f["message"] for f in findings(target, kind)]


def base_links(target: dict[str, Any]) -> list[dict[str, Any]]:
    return [link for link in target["links"] if link["kind"] == "base-model"]


def config_reads(hub: LoopbackHub, repo_id: str) -> list[str]:
    return [
        r.method
        for r in hub.requests
        if r.path.startswith(f"/{repo_id}/resolve/") and r.path.endswith(f"/{CONFIG}")
    ]


def test_a_lora_of_llama_2_whose_card_names_no_base_is_bound_by_the_base_its_config_names(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The card declares Apache-2.0 and names no base model: osai read it as trained from
    scratch and its parameters met OSAID.  Its adapter_config.json names Llama 2, whose licence
    binds derivatives: a conflict, and the report says where the base was named."""
    repo_id = adapter(hub, "acme/llama-2-lora", adapter_config(LLAMA))
    target = check(repo_id)
    conflict = next(m for m in messages(target, "conflict") if f"base model {LLAMA}" in m)
    assert "declared Apache-2.0" in conflict and "applies to derivatives" in conflict
    weights = requirement(target, "OSAID-PARAMETERS")
    assert weights["status"] == "unmet" and "LicenseRef-llama2" in weights["licence"]
    assert target["base_models"] == [LLAMA]
    # where the base is named: the file and its line, in a note and in the links followed
    note = next(f for f in findings(target, "note") if f["message"].startswith("derived from"))
    # osai followed the base and judged its licence: it said it "judges this repository only"
    assert note["message"] == (
        f"derived from {LLAMA}, as its adapter_config.json base_model_name_or_path says (the card "
        "names no base model): a base model's licence may bind it; an adapter, used only with "
        "its base model, whose licence binds whoever uses the two together"
    )
    assert [(e["location"], e["line"]) for e in note["evidence"]] == [(CONFIG, 4)]
    [link] = base_links(target)
    assert link["url"] == LLAMA_URL and link["read"] and link["found"]
    assert link["answer"].endswith("; named in adapter_config.json base_model_name_or_path, line 4")
    # the base-model fact is stated by the file, not "trained from scratch" for a silent card
    [fact] = [f for f in target["facts"] if f["key"] == "base_model"]
    assert (fact["value"], fact["provided"]) == (LLAMA, True)
    assert (fact["evidence"]["location"], fact["evidence"]["line"]) == (CONFIG, 4)
    text = run_osai("check", repo_id, "--no-public-assessments", "-v").stdout
    followed = " ".join(text.partition("Links followed")[2].split())
    assert f"{LLAMA_URL} — " in followed
    assert "named in adapter_config.json base_model_name_or_path, line 4" in followed


@pytest.mark.parametrize(
    ("card", "tags", "said"),
    [
        (
            {"base_model_relation": "adapter"},
            [],
            "an adapter (base_model_relation: adapter)",
        ),
        ({}, [f"base_model:adapter:{LLAMA}"], "an adapter (the host's tag base_model:adapter:...)"),
    ],
)
def test_an_adapter_whose_card_names_its_base_says_the_base_binds_using_the_two(
    hub: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    card: dict[str, Any],
    tags: list[str],
    said: str,
) -> None:
    """A LoRA's card names Llama 2 and says it is an adapter (its base_model_relation, or the
    Hub's tag): the report said "derived from", as of a fine-tune, and not that the adapter is
    used only with its base, whose licence binds whoever uses the two.  Its own weights still
    follow the binding licence."""
    metadata = {"license": "mit", "base_model": LLAMA, **card}
    repo_id = adapter(hub, "acme/said-lora", adapter_config(LLAMA), metadata, tuple(tags))
    target = check(repo_id)
    note = next(f for f in findings(target, "note") if f["message"].startswith("derived from"))
    assert note["message"] == (
        f"derived from {LLAMA}, as its card says: a base model's licence may bind it; {said}, "
        "used only with its base model, whose licence binds whoever uses the two together"
    )
    cited = [(e["location"], e["value"]) for e in note["evidence"]]
    assert cited == [("README.md", LLAMA), *([("README.md", "adapter")] if card else [])]
    assert requirement(target, "OSAID-PARAMETERS")["licence"] == "LicenseRef-llama2"


def test_a_fine_tune_is_not_said_to_be_an_adapter(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    card = {"license": "mit", "base_model": LLAMA, "base_model_relation": "finetune"}
    hub.add_repo({"id": "acme/tuned", "cardData": card})
    said = messages(check("acme/tuned"), "note")
    note = next(m for m in said if m.startswith(f"fine-tuned from {LLAMA}"))
    assert "adapter" not in note


def test_the_config_is_read_once_and_a_path_in_it_is_taken_for_the_card_s_base(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """One more file, kept in the cache as the card is: a second check asks nothing for it.
    Where the card names its base, a path on the trainer's disk is taken for it."""
    repo_id = adapter(hub, "acme/lora-read-once", adapter_config(LLAMA))
    check(repo_id)
    assert config_reads(hub, repo_id) == ["GET"]
    hub.clear_requests()
    check(repo_id)
    assert config_reads(hub, repo_id) == []
    named = adapter(
        hub,
        "acme/lora-card-names-base",
        adapter_config("/home/me/llama-7b"),
        {"license": "apache-2.0", "base_model": LLAMA},
    )
    target = check(named)
    assert target["base_models"] == [LLAMA]
    # what the config names is not said (that there is one is: an adapter)
    assert not any("base_model_name_or_path" in m or "/home/me" in m for m in messages(target))


@pytest.mark.parametrize("config_base", [LLAMA, LLAMA.upper(), f"https://huggingface.co/{LLAMA}"])
def test_a_config_naming_the_card_s_base_adds_nothing(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, config_base: str
) -> None:
    card = {"license": "llama2", "base_model": LLAMA}
    target = check(adapter(hub, "acme/lora-same-base", adapter_config(config_base), card))
    assert target["base_models"] == [LLAMA]
    assert not any("base_model_name_or_path" in m for m in messages(target))


def test_a_config_naming_a_base_the_card_does_not_binds_the_adapter_to_it_too(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A card naming Mistral over an adapter whose config names Llama 2 met OSAID on the card's
    Apache-2.0 (agn's report): the config was read only when the card named no base.  Llama
    2's licence, which binds derivatives, now binds it too."""
    mistral = "mistralai/Mistral-7B-v0.1"
    card = {"license": "apache-2.0", "base_model": mistral}
    target = check(adapter(hub, "acme/lora-disagree", adapter_config(LLAMA), card))
    assert target["base_models"] == [mistral, LLAMA]
    # one warning names both: two notes, each "derived from" its own, did not say they disagree
    warning = next(m for m in messages(target, "warning") if m.startswith(f"derived from {LLAMA}"))
    assert f"but its card names {mistral}: the two disagree" in warning
    assert not any(m.startswith(f"derived from {LLAMA}") for m in messages(target, "note"))
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "unmet"


def test_a_base_named_by_a_local_path_is_not_known_by_a_hub_id(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """/home/me/llama-7b is the trainer's disk: no model the Hub can be asked for.  A note
    says the base is not known by a Hub id, and the parameters' licence that meets OSAID on the
    card's word is unknown, as with a base that cannot be read (it may bind)."""
    repo_id = adapter(hub, "acme/lora-of-a-path", adapter_config("/home/me/llama-7b"))
    target = check(repo_id)
    note = next(m for m in messages(target, "note") if m.startswith("derived from"))
    assert "/home/me/llama-7b" in note and "not known by a Hub id" in note
    assert base_links(target) == []
    assert not any("/home/me/llama-7b" in m for m in messages(target, "warning"))
    weights = requirement(target, "OSAID-PARAMETERS")
    assert weights["status"] == "unknown", weights
    assert "base model /home/me/llama-7b (not known by a Hub id)" in json.dumps(weights)


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ("{not json", "invalid JSON"),
        (json.dumps(["a", "list"]), "is no JSON object"),
        (adapter_config(7), "base_model_name_or_path is not a string"),
        (adapter_config(None), "base_model_name_or_path is absent or null"),
        (adapter_config(["meta-llama/Llama-2-7b-hf"]), "is not a string"),
    ],
)
def test_a_config_that_names_no_base_says_so_and_reads_nothing(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, config: str, said: str
) -> None:
    repo_id = adapter(hub, "acme/lora-hostile", config)
    target = check(repo_id)
    note = next(m for m in messages(target, "note") if m.startswith("adapter_config.json"))
    assert said in note and note.endswith("the base model this adapter was made from is not known")
    assert base_links(target) == [] and target["base_models"] == []
    # the adapter's base, whatever it is, may bind it: its weights met on the card's Apache-2.0
    weights = requirement(target, "OSAID-PARAMETERS")
    assert weights["status"] == "unknown", weights
    assert "the model this adapter was made from (adapter_config.json names none" in json.dumps(
        weights
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("../..", "../.."),
        ("https://example.com/models/llama", "https://example.com/models/llama"),
        ("x" * 10_000, "x" * 79 + "…"),
        ("meta-llama/\nLlama-2-7b-hf", "meta-llama/ Llama-2-7b-hf"),
    ],
)
def test_a_value_that_is_no_hub_id_is_never_sent_to_the_hub(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, value: str, shown: str
) -> None:
    repo_id = adapter(hub, "acme/lora-no-id", adapter_config(value))
    target = check(repo_id)
    note = next(m for m in messages(target, "note") if m.startswith("derived from"))
    assert note.startswith(f"derived from {shown}, as its") and "not known by a Hub id" in note
    assert len(note) < 400
    assert base_links(target) == []
    asked = [r.path for r in hub.requests if r.path.startswith("/api/models/")]
    assert asked == [f"/api/models/{repo_id}"], asked


def test_a_huggingface_address_names_the_base_by_its_id(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    repo_id = adapter(hub, "acme/lora-by-address", adapter_config(f"{LLAMA_URL}/tree/main"))
    target = check(repo_id)
    assert [link["url"] for link in base_links(target)] == [LLAMA_URL]
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "unmet"


def test_a_config_naming_the_adapter_itself_is_ignored(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A copied config's leftover, as a card's base_model naming the model itself: a model is
    not derived from itself, nor read as its own base.  The adapter's base is then not known:
    it met OSAID on its card's Apache-2.0, where a config naming no base left it unknown."""
    repo_id = adapter(hub, "acme/lora-itself", adapter_config("acme/lora-itself"))
    target = check(repo_id)
    assert base_links(target) == [] and target["base_models"] == []
    assert (
        "adapter_config.json base_model_name_or_path names this model itself (acme/lora-itself): "
        "ignored" in messages(target, "warning")
    )
    parameters = requirement(target, "OSAID-PARAMETERS")
    assert parameters["status"] == "unknown"
    assert (
        "unless the model this adapter was made from (adapter_config.json base_model_name_or_path "
        "names this model itself) binds its derivatives" in parameters["reason"]
    )


def test_a_config_naming_the_adapter_itself_beside_a_card_naming_its_base_is_ignored(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The card's base is the adapter's: the config's leftover adds no reservation."""
    card = {"license": "apache-2.0", "base_model": LLAMA}
    config = adapter_config("acme/lora-itself-carded")
    target = check(adapter(hub, "acme/lora-itself-carded", config, card))
    assert target["base_models"] == [LLAMA]
    assert "names this model itself)" not in requirement(target, "OSAID-PARAMETERS")["reason"]


def test_the_base_is_followed_offline_from_the_cache(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    repo_id = adapter(hub, "acme/lora-offline", adapter_config(LLAMA))
    check(repo_id)
    hub.clear_requests()
    offline = check(repo_id, "--offline")
    assert hub.requests == []
    assert [link["url"] for link in base_links(offline)] == [LLAMA_URL]
    assert requirement(offline, "OSAID-PARAMETERS")["status"] == "unmet"


def test_a_config_too_large_to_read_is_not_read(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """2 MB: past the most osai reads of a file; never parsed, the check goes on."""
    padding = " " * (2 * 1024 * 1024)
    repo_id = adapter(hub, "acme/lora-huge", adapter_config(LLAMA)[:-1] + padding + "}")
    target = check(repo_id)
    assert base_links(target) == [] and target["base_models"] == []
    assert any(m.startswith(f"{CONFIG} could not be read") for m in messages(target, "note"))
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "unknown"


def test_the_cap_leaves_the_config_s_base_unread_and_says_so(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    repo_id = adapter(hub, "acme/lora-capped", adapter_config(LLAMA))
    target = check(repo_id, "--max-links", "0")
    assert base_links(target) == []
    assert any("base model(s) not read (the --max-links cap)" in m for m in messages(target))
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "unknown"


# --- a local directory --------------------------------------------------------------------------


def directory(tmp_path: Path, base: str) -> Path:
    model = tmp_path / "lora"
    model.mkdir()
    (model / "README.md").write_text(
        "---\nlicense: apache-2.0\n---\n# A LoRA\n\n## Model details\n\nAn adapter.\n", "utf-8"
    )
    (model / CONFIG).write_text(adapter_config(base), "utf-8")
    (model / "adapter_model.safetensors").write_bytes(b"\0" * 2048)
    return model


def test_a_directory_s_adapter_config_names_the_base_for_follow(
    tmp_path: Path, hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    model = directory(tmp_path, LLAMA)
    target = check(str(model), "--follow")
    assert target["base_models"] == [LLAMA]
    assert any(f"base model {LLAMA}" in m for m in messages(target, "conflict"))
    [link] = base_links(target)
    assert link["answer"].endswith("named in adapter_config.json base_model_name_or_path, line 4")


def test_a_directory_peft_wrote_with_its_base_in_the_card_is_said_to_be_an_adapter(
    tmp_path: Path,
) -> None:
    """PEFT writes a card naming the base model beside adapter_config.json, and no
    base_model_relation: the adapter was said to be "derived from" Llama 2, as a fine-tune."""
    model = directory(tmp_path, LLAMA)
    readme = model / "README.md"
    card = readme.read_text("utf-8").replace("license:", f"base_model: {LLAMA}\nlicense:")
    readme.write_text(card, "utf-8")
    note = next(m for m in messages(check(str(model))) if m.startswith("derived from"))
    assert note.endswith(
        "; an adapter (its adapter_config.json), used only with its base model, whose licence "
        "binds whoever uses the two together"
    )


def test_init_drafts_the_base_model_the_adapter_config_names(tmp_path: Path) -> None:
    model = directory(tmp_path, LLAMA)
    result = run_osai("init", str(model), "-o", "-")
    assert result.code == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "base_model:" in line)
    assert line.split("#", 1)[0].strip() == f"base_model: {LLAMA}", result.stdout


def test_init_drafts_the_base_the_adapter_config_names_beside_the_card_s(
    tmp_path: Path, hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A card naming Mistral over an adapter of Llama 2: the draft declared Mistral alone (the
    card's base_model won over the config's), so the draft, reviewed and checked alone with
    --follow, met OSAID on the card's Apache-2.0, Llama 2's licence never read."""
    model = directory(tmp_path, LLAMA)
    readme = model / "README.md"
    card = readme.read_text("utf-8").replace("license:", f"base_model: {MISTRAL}\nlicense:")
    readme.write_text(card, "utf-8")
    declared, draft = reviewed_draft(model)
    assert declared == f'base_model: "{MISTRAL}, {LLAMA}"'
    target = check(str(draft), "--follow")
    assert target["base_models"] == [MISTRAL, LLAMA]
    assert any(f"base model {LLAMA}" in m for m in messages(target, "conflict"))


@pytest.mark.parametrize(
    ("base", "said"),
    [
        (LLAMA, "declarations.base_model names it, and osai check --follow reads its licence"),
        (
            "/home/me/llama-7b",
            "osai reads a base model by its Hub id only: name it by one where the release names it",
        ),
    ],
    ids=["hub-id", "local-path"],
)
def test_init_says_how_the_weights_licence_waiting_on_the_base_is_settled(
    tmp_path: Path, base: str, said: str
) -> None:
    """The draft wrote `unless: "base model X (not followed) binds ..."`, which outlived the
    --follow that read X; its declared base_model keeps the weights unknown, and a comment
    says what settles it: --follow for a Hub id, naming the base by one where it is named for
    a local path (declaring the Hub id in the draft leaves adapter_config.json's path unread)."""
    result = run_osai("init", str(directory(tmp_path, base)), "-o", "-")
    assert result.code == 0, result.stderr
    assert "unless:" not in result.stdout
    comments = " ".join(
        line.strip().lstrip("# ")
        for line in result.stdout.splitlines()
        if line.strip().startswith("#")
    )
    assert f"binds its derivatives to its licence: {said}" in comments, result.stdout
