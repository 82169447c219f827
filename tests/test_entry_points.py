"""A repository's entry point (a top-level run.py, main.py, run.sh) and which of a component's files
is cited (rules/detection.yaml `entry_points`, `citation_order`).

Grok-1's code repository holds run.py beside model.py and checkpoint.py and no training code: the
script its README tells users to run, so its inference code.  Amber's training repository starts
its pretraining from main.py; its finetune/ scripts make AmberChat and AmberSafe, and were cited as
its training code.  The GitHub trees are the corpus' (tests/fixtures/links, see its PROVENANCE.md),
served by the loopback GitHub; the Hub cards by the loopback Hub.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import ROOT, run_osai
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub

from osai.extract.files import file_observations, scan_listing
from osai.rules import RuleSet, load_ruleset

GITHUB_TREES = ROOT / "tests" / "fixtures" / "links" / "github"


@pytest.fixture(autouse=True)
def _hub_endpoint(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "hub" in request.fixturenames:
        monkeypatch.setenv("HF_ENDPOINT", request.getfixturevalue("hub").endpoint)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def check(target: str) -> dict[str, Any]:
    result = run_osai("check", target, "--no-public-assessments", "--format", "json")
    assert result.code in (0, 1), result.stderr
    checked: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return checked


def component(target: dict[str, Any], component_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in target["components"] if c["id"] == component_id)
    return found


def status(target: dict[str, Any], requirement_id: str) -> str:
    found: str = next(
        r["status"]
        for f in target["frameworks"]
        for r in f["requirements"]
        if r["id"] == requirement_id
    )
    return found


def tree_paths(fixture: Path) -> list[str]:
    """The repository's files, as the corpus recorded its tree (none for the few too large to
    record, e.g. huggingface/transformers: `tree: null`)."""
    tree = json.loads(fixture.read_text("utf-8")).get("tree") or {}
    return [e["path"] for e in tree.get("tree") or () if e["type"] == "blob"]


def cited(paths: list[str], rules: RuleSet) -> dict[str, tuple[str, str]]:
    """Each component the listing shows: (the file cited first, its label)."""
    scan = scan_listing(paths, rules.detection.files, rules.detection.checkpoints)
    first: dict[str, tuple[str, str]] = {}
    for observation in file_observations(scan, "github"):
        where = observation.provenance
        first.setdefault(observation.component, (where.location, where.value))
    return first


# --- grok-1: run.py beside model.py is the inference code ---------------------------------------


def test_grok_1s_run_py_beside_its_model_code_is_its_inference_code(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Grok-1's card links github.com/xai-org/grok-1 with no role; its tree holds run.py,
    model.py, checkpoint.py, runners.py and no training code.  No inference pattern matched
    run.py, so the inference code stayed unknown though the repository is that code."""
    target = check("xai-org/grok-1")
    inference = component(target, "inference-code")
    assert inference["presence"] == "present"
    (evidence,) = [e for e in inference["evidence"] if e["source"] == "github"]
    assert evidence["location"] == "github.com/xai-org/grok-1"
    assert evidence["value"] == "entry point beside the modelling code: tree: run.py"
    assert evidence["certainty"] == "inferred"
    assert inference["licence"]["text"] == "Apache-2.0"
    assert status(target, "OSAID-CODE-INFERENCE") == "met"
    assert status(target, "MOF-C2-INFERENCE-CODE") == "met"
    # nothing else is read into it: no training code appears
    assert component(target, "training-code")["presence"] == "unknown"


def test_no_other_corpus_repository_gains_an_entry_point(rules: RuleSet) -> None:
    """Across the corpus' linked repositories, only three have a top-level run/main script
    no other kind takes: grok-1 (inference, beside model.py), amber-train and Megatron-DeepSpeed
    (training, beside their training code).  Deeper ones (lm-evaluation-harness' run.sh under
    lm_eval/tasks, nanotron's examples) are never entry points."""
    taken = {}
    for fixture in sorted(GITHUB_TREES.glob("*.json")):
        scan = scan_listing(tree_paths(fixture), rules.detection.files, rules.detection.checkpoints)
        for match in scan.matches:
            if match.kind.kind == "entry-point":
                taken[fixture.stem] = (match.component, match.paths)
    assert taken == {
        "LLM360__amber-train": ("training-code", ("main.py", "run.sh")),
        "bigscience-workshop__Megatron-DeepSpeed": ("training-code", ("run.sh",)),
        "xai-org__grok-1": ("inference-code", ("run.py",)),
    }


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        # alone, a run.py may run anything
        (["run.py", "README.md"], {}),
        # only at the top: scripts/run.py is not the repository's entry point
        (["scripts/run.py", "model.py"], {"model-architecture": "model.py"}),
        # beside training code, it starts the training, not the inference
        (
            ["main.py", "model.py", "train_utils/train_loop.py"],
            {
                "model-architecture": "model.py",
                "training-code": "main.py",
            },
        ),
        # a name a file kind takes keeps its kind (generate.py is inference code by name)
        (
            ["generate.py", "model.py", "run.sh"],
            {"model-architecture": "model.py", "inference-code": "generate.py"},
        ),
    ],
)
def test_an_entry_point_counts_only_at_the_top_beside_code_that_says_what_it_runs(
    paths: list[str], expected: dict[str, str], rules: RuleSet
) -> None:
    assert {c: where for c, (where, _) in cited(paths, rules).items()} == expected


def test_a_local_directory_with_run_py_beside_its_model_code_shows_inference_code(
    tmp_path: Path,
) -> None:
    """A local checkout is read by the same pipeline: the user's own grok-1-like directory.
    An empty run.py starts nothing, as an empty train.py trains nothing."""
    for name in ("run.py", "model.py", "checkpoint.py"):
        (tmp_path / name).write_text("x = 1\n", "utf-8")
    result = run_osai("check", str(tmp_path), "--format", "json")
    assert result.code in (0, 1), result.stderr
    target = json.loads(result.stdout)["targets"][0]
    inference = component(target, "inference-code")
    assert inference["presence"] == "present"
    assert inference["evidence"][0]["location"] == "run.py"
    (tmp_path / "run.py").write_text("", "utf-8")
    result = run_osai("check", str(tmp_path), "--format", "json")
    target = json.loads(result.stdout)["targets"][0]
    assert component(target, "inference-code")["presence"] == "unknown"


# --- Amber: the pretraining entry point is cited, not the AmberChat fine-tuning script ----------


def test_amber_cites_its_pretraining_entry_point_not_a_fine_tuning_script(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Amber's card links LLM360/amber-train for the training code.  Its evidence cited
    finetune/amberchat/instruction_finetune.sh (the first training file in the tree): the
    chat model's fine-tuning, not Amber's pretraining, which main.py (run by run.sh) starts.
    The verdict is the same; only the file cited changes."""
    target = check("LLM360/Amber")
    training = component(target, "training-code")
    (evidence,) = [e for e in training["evidence"] if e["source"] == "github"]
    assert evidence["location"] == "github.com/LLM360/amber-train"
    assert evidence["value"] == "entry point beside the training code: tree: main.py"
    assert evidence["certainty"] == "detected"  # the card links it for the training code
    assert training["licence"]["text"] == "Apache-2.0"
    assert status(target, "OSAID-CODE-TRAINING") == "met"
    assert status(target, "MOF-C2-TRAINING-CODE") == "met"


def test_a_components_files_are_cited_top_level_first_fine_tuning_last(rules: RuleSet) -> None:
    """Which file a component cites, on corpus trees: the repository's own top-level script,
    not an example or a fine-tuning variant deeper down (gpt-neox cited megatron/training.py
    before its train.py; nanotron examples/custom-dataloader/run_train.py before run_train.py;
    Megatron-DeepSpeed an example's pretrain_gpt_cl.sh)."""
    first = {
        name: cited(tree_paths(GITHUB_TREES / f"{name}.json"), rules)["training-code"]
        for name in ("EleutherAI__gpt-neox", "huggingface__nanotron", "LLM360__amber-train")
    }
    assert first == {
        "EleutherAI__gpt-neox": ("train.py", "training code"),
        "huggingface__nanotron": ("run_train.py", "training code"),
        "LLM360__amber-train": ("main.py", "entry point beside the training code"),
    }
    megatron = GITHUB_TREES / "bigscience-workshop__Megatron-DeepSpeed.json"
    where, _ = cited(tree_paths(megatron), rules)["training-code"]
    assert "/" not in where and "finetune" not in where, where


def test_olmos_architecture_cites_its_model_code_not_its_configuration_class(
    rules: RuleSet,
) -> None:
    """allenai/OLMo's architecture cited hf_olmo/configuration_olmo.py, the first of its
    modelling files in the listing: a configuration class, which describes the architecture.
    At the same depth, the model's code (modeling_*.py, model.py) is cited first (rules/
    detection.yaml citation_order `earlier`); the other corpus trees cite what they did."""
    architecture = {
        name: cited(tree_paths(GITHUB_TREES / f"{name}.json"), rules)["model-architecture"][0]
        for name in (
            "allenai__OLMo",
            "bigscience-workshop__Megatron-DeepSpeed",
            "google-research__text-to-text-transfer-transformer",
            "xai-org__grok-1",
        )
    }
    assert architecture == {
        "allenai__OLMo": "hf_olmo/modeling_olmo.py",
        # Several models' files, none the model's by name: the package cited as before.
        "bigscience-workshop__Megatron-DeepSpeed": "megatron/model/__init__.py",
        "google-research__text-to-text-transfer-transformer": "t5/models/__init__.py",
        "xai-org__grok-1": "model.py",
    }


# --- the cap on paths kept applies after the citation order ------------------------------------

# More example scripts than `limits.max_files` (1,000), listed before the top-level train.py, as
# the Hub's and GitHub's sorted listings put examples/ before train.py.
EXAMPLES = [f"examples/task_{n:04}/train.py" for n in range(1200)]


def test_the_top_level_train_py_is_cited_past_a_thousand_examples(rules: RuleSet) -> None:
    """Only the first 1,000 paths of a kind were kept, then ordered: train.py, 1,201st in the
    listing, was dropped and an example cited.  The best 1,000 by the citation order are kept."""
    limit = rules.detection.files.limits.max_files
    scan = scan_listing([*EXAMPLES, "train.py"], rules.detection.files, rules.detection.checkpoints)
    (training,) = [m for m in scan.matches if m.component == "training-code"]
    assert training.paths[0] == "train.py"
    assert training.count == len(EXAMPLES) + 1
    assert training.paths[1:] == tuple(EXAMPLES[: limit - 1])  # the listing's order among equals


def test_a_hub_repository_with_a_thousand_examples_cites_its_train_py(hub: LoopbackHub) -> None:
    """The same listing as a Hub repository's files, through the real client and command."""
    siblings = [{"rfilename": path} for path in (*EXAMPLES, "train.py", "README.md")]
    hub.add_repo({"id": "osai-test/many-examples", "siblings": siblings})
    arguments = ("osai-test/many-examples", "--no-follow", "--no-public-assessments")
    result = run_osai("check", *arguments, "--format", "json")
    assert result.code in (0, 1), result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    (evidence,) = component(target, "training-code")["evidence"]
    assert evidence["location"].endswith(": train.py"), evidence
    assert evidence["note"].startswith("1201 files: train.py, examples/task_0000/train.py"), (
        evidence
    )
