"""Following links when the network is not kind, and when the release already declares what a
link shows: a big repository, a manifest's own word.  Real loopback servers (tests/loopback_*.py),
the command line run in process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from clirunner import ROOT
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
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
    said (its licence) still stands, and the link is listed as read."""
    github.add_repo(neox_with_files(100_000, 200))
    target = check(PYTHIA)
    neox = links(target)[NEOX]
    assert neox["read"] is True and neox["answer"].startswith("Apache-2.0")
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
    (conflict,) = [m for m in messages(followed, "conflict") if m.startswith("Evaluation code")]
    assert "the manifest says licence 'MIT'" in conflict
    assert conflict.endswith("osai keeps the declared 'MIT'")
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
    hub.latency = 0.4
    target = check(repo_id, "--jobs", "8")  # six links at once (--jobs bounds them)
    asked = [r.at for r in hub.requests if r.path.startswith("/api/datasets/")]
    assert len(asked) == len(DATASETS)
    assert max(asked) - min(asked) < 0.3  # all sent before the first answer came
    kinds = [link["kind"] for link in target["links"]]
    assert kinds == ["dataset"] * len(DATASETS) + ["paper"], kinds
    assert [
        link["url"].removeprefix("https://huggingface.co/datasets/")
        for link in target["links"][: len(DATASETS)]
    ] == list(DATASETS)
