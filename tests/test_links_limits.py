"""Following links when the network is not kind, and when the release already declares what a
link shows: a big repository, a manifest's own word.  Real loopback servers (tests/loopback_*.py),
the command line run in process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from clirunner import ROOT, run_osai
from loopback_arxiv import LoopbackArxiv
from loopback_github import SECONDARY_MESSAGE, LoopbackGitHub
from loopback_hub import LoopbackHub
from pytest import MonkeyPatch
from test_links import LINKS, PYTHIA, check, component, links, messages
from test_links import _hub_endpoint as _hub_endpoint  # autouse: HF_ENDPOINT at the loopback Hub

NEOX = "https://github.com/EleutherAI/gpt-neox"


def neox_with_files(count: int, path_length: int) -> dict[str, Any]:
    """gpt-neox's fixture with `count` more files, each path `path_length` characters long: a
    repository as big as a benchmark suite (lm-evaluation-harness lists thousands of tasks)."""
    neox: dict[str, Any] = json.loads(
        (LINKS / "github" / "EleutherAI__gpt-neox.json").read_text("utf-8")
    )
    stem = "tasks/" + "t" * max(path_length - 22, 1)
    neox["tree"]["tree"].extend(
        {"path": f"{stem}/{n:06}/config.yaml", "type": "blob", "size": 100} for n in range(count)
    )
    return neox


def test_a_file_list_of_a_few_megabytes_is_read(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """GitHub answers a recursive tree of up to 100,000 entries and 7 MB.  A producer's
    repository of 40,000 files (a 3 MB answer) failed whole, "larger than 1,048,576 bytes, the
    most osai reads", on the cap meant for one file: its licence and its training code lost."""
    github.add_repo(neox_with_files(40_000, 40))
    target = check(PYTHIA)
    assert links(target)[NEOX]["read"] is True
    training = component(target, "training-code")
    assert training["presence"] == "present"
    assert training["licence"]["text"] == "Apache-2.0"


def test_a_file_list_too_large_to_read_keeps_the_repository_s_licence(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A tree beyond any sane size is not read, and says so; what the repository's own answer
    said (its licence) still stands, and the link is listed as read.  Its answer does not say
    the repository "shows: nothing", as if its files had been read and held none."""
    github.add_repo(neox_with_files(100_000, 200))
    target = check(PYTHIA)
    neox = links(target)[NEOX]
    assert (
        neox["read"] is True and neox["answer"] == "Apache-2.0; its files were not listed in full"
    )
    (note,) = [m for m in messages(target, "note") if "EleutherAI/gpt-neox: its file list" in m]
    assert "could not be read" in note and "larger than" in note
    # its files unseen, nothing is credited on its word alone
    assert component(target, "training-code")["licence"] is None


def pythia_manifest(tmp_path: Path) -> Path:
    """examples/pythia-70m.yml: it declares the evaluation code MIT, at lm-evaluation-harness,
    and names EleutherAI/pythia (Apache-2.0) as its repository."""
    manifest = yaml.safe_load((ROOT / "examples" / "pythia-70m.yml").read_text("utf-8"))
    path = tmp_path / "pythia.yml"
    path.write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    return path


def test_a_manifest_s_declarations_stay_declared_when_its_links_are_followed(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """With --follow, what the linked repository showed replaced what the manifest declares:
    the evaluation code became Apache-2.0 (pythia's LICENSE) instead of the declared MIT, the
    conflict called GitHub's licence "the declared", and OSAID's verdict fell from declared to
    detected.  The manifest is the producer's word; what its links show is detected evidence."""
    manifest = pythia_manifest(tmp_path)
    alone = check(str(manifest))
    followed = check(str(manifest), "--follow")
    assert links(followed)["https://github.com/EleutherAI/pythia"]["read"] is True
    evaluation = component(followed, "evaluation-code")["licence"]
    assert evaluation["text"] == "MIT"
    assert evaluation["evidence"]["certainty"] == "declared"
    # The manifest places it in lm-evaluation-harness, the link in pythia: two repositories, two
    # releases of it, so a note, not a conflict
    assert not [m for m in messages(followed, "conflict") if m.startswith("Evaluation code")]
    (note,) = [m for m in messages(followed, "note") if m.startswith("Evaluation code")]
    assert "the manifest names github.com/EleutherAI/lm-evaluation-harness, under 'MIT'" in note
    assert "github.com/EleutherAI/pythia also holds evaluation code, under 'Apache-2.0'" in note
    assert note.endswith("osai keeps the manifest's 'MIT'")
    outcomes = {f["id"]: f["certainty"] for f in followed["frameworks"]}
    assert outcomes == {f["id"]: f["certainty"] for f in alone["frameworks"]}
    assert followed["target"] == alone["target"]


DATASETS = (
    "allenai/dolma",
    "EleutherAI/pile",
    "tiiuae/falcon-refinedweb",
    "LLM360/AmberDatasets",
    "HuggingFaceH4/ultrafeedback_binarized",
)


def test_a_card_s_datasets_are_read_at_once_and_listed_in_the_plan_s_order(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Five datasets on a Hub answering in 0.4 s were read one after another: 2 s where one
    round trip does, as the other links are read.  And the report listed the datasets after the
    paper, though the plan reads datasets before papers."""
    repo_id = hub.add_repo(
        {
            "id": "EleutherAI/many-datasets",
            "cardData": {"license": "apache-2.0", "datasets": list(DATASETS)},
            "readme_outline": [
                {"kind": "heading", "level": 2, "text": "Paper"},
                {"kind": "link", "text": "paper", "url": "https://arxiv.org/abs/2304.01373"},
            ],
        }
    )
    hub.latency = 1.0
    target = check(repo_id, "--jobs", "8")  # six links at once (--jobs bounds them)
    asked = [r.at for r in hub.requests if r.path.startswith("/api/datasets/")]
    assert len(asked) == len(DATASETS)
    # All sent before the first answer came (one after another, they would span 4 s): the margin
    # is wide, for a loaded CI machine starts threads late.
    assert max(asked) - min(asked) < hub.latency
    kinds = [link["kind"] for link in target["links"]]
    assert kinds == ["dataset"] * len(DATASETS) + ["paper"], kinds
    assert [
        link["url"].removeprefix("https://huggingface.co/datasets/")
        for link in target["links"][: len(DATASETS)]
    ] == list(DATASETS)


def test_a_base_model_or_dataset_that_is_no_hub_id_is_never_asked_for(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A card's base_model of '../../etc/passwd' or of 5,000 characters went to the Hub client,
    which refused it: the report said "malformed answer from the server" (no server was asked)
    and listed the 5,000 characters as a link followed.  A Hub URL names its model."""
    repo_id = hub.add_repo(
        {
            "id": "acme/odd-bases",
            "cardData": {
                "license": "apache-2.0",
                "base_model": ["../../etc/passwd", "x" * 5000, f"https://huggingface.co/{PYTHIA}"],
                "datasets": ["../secret"],
            },
            "readme_outline": [{"kind": "heading", "level": 2, "text": "Model"}],
        }
    )
    target = check(repo_id)
    assert [link["url"] for link in target["links"]] == [f"https://huggingface.co/{PYTHIA}"]
    asked = [r.path for r in hub.requests if r.path.startswith("/api/")]
    assert f"/api/models/{PYTHIA}" in asked
    assert not any("etc" in p or "xxx" in p or "secret" in p for p in asked), asked
    assert not any("malformed answer" in m for m in messages(target))
    warnings = messages(target, "warning")
    (passwd,) = [m for m in warnings if "'../../etc/passwd'" in m]
    assert passwd == "base_model '../../etc/passwd' is not a Hub model id: not read"
    (long,) = [m for m in warnings if "xxx" in m]
    assert len(long) < 200
    (secret,) = [m for m in warnings if "'../secret'" in m]
    assert secret == "datasets '../secret' is not a Hub dataset id: not read"


def test_a_card_naming_thousands_of_base_models_is_reported_in_bounded_words(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A card may list any number of base models: the note named all 2,000 (23 KB, cited again
    as its evidence), and the text report ran to 100 KB.  Some are named, the rest counted."""
    bases = [f"acme/base-{n}" for n in range(2000)]
    repo_id = hub.add_repo(
        {
            "id": "acme/many-bases",
            "cardData": {"license": "apache-2.0", "base_model": bases},
            "readme_outline": [{"kind": "heading", "level": 2, "text": "Model"}],
        }
    )
    target = check(repo_id)
    (note,) = [f for f in target["findings"] if f["message"].startswith("derived from")]
    assert note["message"].startswith("derived from acme/base-0, acme/base-1, ")
    assert note["message"].endswith(
        "+1,992 more, as its card says: a base model's licence may bind it"
    )
    assert len(note["message"]) < 400
    assert all(len(e["value"] or "") < 400 for e in note["evidence"])
    text = run_osai("check", repo_id, "--no-public-assessments")
    assert text.code == 0 and len(text.stdout) < 20_000, len(text.stdout)


def test_a_directory_s_own_manifest_stays_declared_when_its_links_are_followed(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """The same with the manifest inside the release (osai.yaml beside the card, as `osai init`
    drafts it, in a directory or a Hub repository): the card's link to EleutherAI/pythia made
    the declared MIT evaluation code Apache-2.0, and the verdicts merely detected."""
    model = tmp_path / "pythia"
    model.mkdir()
    (model / "osai.yaml").write_text(pythia_manifest(tmp_path).read_text("utf-8"), "utf-8")
    (model / "README.md").write_text(
        "---\nlicense: apache-2.0\n---\n# Pythia\n\n## Evaluation\n\n"
        "Evaluation code: [pythia](https://github.com/EleutherAI/pythia)\n",
        encoding="utf-8",
    )
    alone = check(str(model))
    followed = check(str(model), "--follow")
    assert links(followed)["https://github.com/EleutherAI/pythia"]["read"] is True
    evaluation = component(followed, "evaluation-code")["licence"]
    assert (evaluation["text"], evaluation["evidence"]["certainty"]) == ("MIT", "declared")
    # lm-evaluation-harness (the manifest's) and pythia (the link's): two releases, a note
    assert not [m for m in messages(followed, "conflict") if m.startswith("Evaluation code")]
    (note,) = [m for m in messages(followed, "note") if m.startswith("Evaluation code")]
    # named by the source that states the licence, not the ids of every source ("the
    # local/manifest evidence's 'MIT'")
    assert "the manifest names github.com/EleutherAI/lm-evaluation-harness, under 'MIT'" in note
    assert note.endswith("osai keeps the manifest's 'MIT'")
    outcomes = {f["id"]: f["certainty"] for f in followed["frameworks"]}
    assert outcomes == {f["id"]: f["certainty"] for f in alone["frameworks"]}


def test_a_github_token_refused_says_which_variable_to_fix(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, monkeypatch: MonkeyPatch
) -> None:
    """An expired GITHUB_TOKEN made every GitHub link "answered HTTP 401 (authentication
    required)": nothing said the token was the cause, nor which variable holds it."""
    expired = "ghp_expiredTokenForOsaiTests0123456789"
    monkeypatch.setenv("GITHUB_TOKEN", expired)
    target = check(PYTHIA)
    neox = links(target)[NEOX]
    assert neox["read"] is False
    assert "refused the token in GITHUB_TOKEN (HTTP 401)" in neox["answer"]
    assert expired not in json.dumps(target)


def test_a_secondary_rate_limit_without_headers_is_a_rate_limit(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """GitHub may answer a secondary rate limit with a 403, its message, and neither
    Retry-After nor X-RateLimit-Remaining; its docs then say to wait at least a minute.  osai
    said "answered HTTP 403 (access denied)", as for a private repository."""
    github.inject_status(r"^/repos/", 403, error_message=SECONDARY_MESSAGE)
    target = check(PYTHIA)
    answer = links(target)[NEOX]["answer"]
    assert answer.startswith("rate limited by") and "try again after" in answer, answer
    # not hammered: no repository asked twice.  Which is asked first is the scheduler's (links
    # are read concurrently): once one answers 403, the others wait and are not asked at all
    asked = [r.path for r in github.find_requests(r"^/repos/[^/]+/[^/]+$")]
    assert asked and len(asked) == len(set(asked)), asked


TOKEN_HINT = "setting GITHUB_TOKEN (or GH_TOKEN) raises the limit to 5,000 requests an hour"


def test_an_anonymous_rate_limit_says_once_that_a_token_raises_it(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, monkeypatch: MonkeyPatch
) -> None:
    """GitHub's 60 requests an hour without a token spent, each of Pythia's three repositories
    said "rate limited ...; try again after ...", and nothing said that GITHUB_TOKEN raises the
    limit to 5,000.  The run says so once among its warnings; with a token, it does not (and
    the token is never said)."""
    github.spend(github.anonymous_limit)
    result = run_osai("check", PYTHIA, "--no-public-assessments", "--format", "json")
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    limited = [link for link in report["targets"][0]["links"] if "rate limited" in link["answer"]]
    assert len(limited) == 3, report["targets"][0]["links"]
    assert [w for w in report["warnings"] if TOKEN_HINT in w] == [
        "GitHub limits requests sent without a token to 60 an hour: " + TOKEN_HINT
    ]
    assert result.stderr.count(TOKEN_HINT) == 1, result.stderr

    secret = "ghp_validTokenForOsaiTests0123456789ab"
    github.allow_token(secret)
    github.spend(github.token_limit, secret)
    monkeypatch.setenv("GITHUB_TOKEN", secret)
    result = run_osai("check", PYTHIA, "--no-public-assessments", "--format", "json")
    report = json.loads(result.stdout)
    assert [link for link in report["targets"][0]["links"] if "rate limited" in link["answer"]]
    assert TOKEN_HINT not in result.stdout and TOKEN_HINT not in result.stderr
    assert secret not in result.stdout and secret not in result.stderr


def test_a_secondary_rate_limit_says_nothing_of_a_token(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A secondary rate limit (bursts, concurrency: Retry-After and GitHub's message, the quota
    not spent) binds a token's requests too: the run said that setting GITHUB_TOKEN raises the
    limit to 5,000 an hour, which would not have helped."""
    github.inject_secondary_rate_limit(r"^/repos/")
    result = run_osai("check", PYTHIA, "--no-public-assessments", "--format", "json")
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    limited = [link for link in report["targets"][0]["links"] if "rate limited" in link["answer"]]
    assert limited, report["targets"][0]["links"]
    assert TOKEN_HINT not in result.stdout and TOKEN_HINT not in result.stderr


def test_a_base_model_whose_card_says_it_has_none_ends_the_lineage(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A base model's card saying `base_model: n/a` (or `none`: rules/components.yaml
    none_words) names no base, as the model's own card's does: `n/a` was asked of the Hub as
    a model `a` of a user `n`, and `none` kept as a base named by no Hub id, whose licence
    might bind the fine-tune, leaving its weights' licence unknown."""
    for said in ("none", "n/a"):
        base = hub.add_repo(
            {
                "id": f"acme/base-{said.replace('/', '')}",
                "cardData": {"license": "apache-2.0", "base_model": said},
            }
        )
        tune = hub.add_repo(
            {
                "id": f"acme/tune-{said.replace('/', '')}",
                "cardData": {"license": "apache-2.0", "base_model": base},
            }
        )
        target = check(tune)
        asked = [r.path for r in hub.requests if r.path.startswith("/api/models/")]
        assert f"/api/models/{said}" not in asked, asked
        assert not [m for m in messages(target) if f"'{said}'" in m or f" {said} " in m]
        parameters = component(target, "model-parameters-final")
        assert parameters["licence"]["text"] == "apache-2.0", parameters
        assert not parameters["licence"].get("alternatives")


def test_a_card_naming_one_base_twice_names_it_once(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """`base_model: [LLaMA 2, LLaMA 2]` (or one Hub model by its id and its address) said
    "derived from LLaMA 2, LLaMA 2" and warned twice that it is no Hub id; each base is named
    once, as --follow reads it once."""
    model = tmp_path / "m"
    model.mkdir()
    (model / "model.safetensors").write_bytes(b"x")
    (model / "README.md").write_text(
        "---\nlicense: apache-2.0\nbase_model: [LLaMA 2, llama 2, "
        f"{PYTHIA}, https://huggingface.co/{PYTHIA}]\n---\n# m\n"
    )
    target = check(str(model), "--follow")
    (note,) = [f for f in target["findings"] if f["message"].startswith("derived from")]
    assert note["message"].startswith(f"derived from LLaMA 2, {PYTHIA}, as its card says")
    warned = [m for m in messages(target, "warning") if "is not a Hub model id" in m]
    assert warned == ["base_model 'LLaMA 2' is not a Hub model id: not read"]
