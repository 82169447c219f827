"""MOT compatibility: `osai init --for mot` writes a model file the Model Openness Tool's own JSON
Schema accepts (tests/fixtures/mot/mof_schema.json, see PROVENANCE.md there), for every local
source and every Hub fixture, with licences spelt as the tool accepts them; `--mof-mode mot` says
how to spell a licence the tool rejects only for its spelling."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from clirunner import EXAMPLES, ROOT, run_osai
from draftlines import explained
from jsonschema import Draft202012Validator
from loopback_hub import LoopbackHub
from test_init_law import EVERY_FRAMEWORK, HUB, LOCAL, Verdict, sources, verdicts

from osai.evidence import Certainty
from osai.licence_spelling import canonical_licence, exact_spelling
from osai.rules import RuleSet, load_ruleset

MOT_SCHEMA = json.loads((ROOT / "tests/fixtures/mot/mof_schema.json").read_text(encoding="utf-8"))
# The release keys the tool's schema names, and the two its own model files add (271 and 191 of
# its 273 files carry `huggingface` and `repository`).
MOT_RELEASE_KEYS = {*MOT_SCHEMA["properties"]["release"]["properties"], "huggingface", "repository"}
MOT_COMPONENT_KEYS = set(
    MOT_SCHEMA["properties"]["release"]["properties"]["components"]["items"]["properties"]
)


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def mot_accepted(rules: RuleSet) -> tuple[str, ...]:
    mode = rules.framework("mof").mode("mot")
    return tuple({name for policy in mode.policies.values() for name in policy.all_sets()})


def licences_of(release: dict[str, Any]) -> list[str]:
    written = [str(c["license"]) for c in release["components"] if "license" in c]
    written += [str(v["name"]) for v in release["license"].values() if v.get("name")]
    return written


def assert_a_mot_model_file(text: str, rules: RuleSet) -> int:
    """Valid under the tool's schema, its keys only, and every licence either one the tool
    accepts verbatim or one it would reject however it were spelt.  The number of licences."""
    document = yaml.safe_load(text)
    validator = Draft202012Validator(MOT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = [error.message for error in validator.iter_errors(document)]
    assert problems == []
    release = document["release"]
    assert set(release) <= MOT_RELEASE_KEYS, set(release) - MOT_RELEASE_KEYS
    for component in release["components"]:
        assert set(component) <= MOT_COMPONENT_KEYS
        assert isinstance(component.get("component_path", ""), str)
    accepted = mot_accepted(rules)
    knowledge = rules.licences
    for licence in licences_of(release):
        sets = knowledge.sets_of(licence, exact=True)
        if any(name in accepted for name in sets):
            continue
        # not accepted verbatim: then no spelling of it is (a restricted or unknown licence)
        assert exact_spelling(licence, accepted, knowledge) is None, licence
        assert licence == canonical_licence(licence, knowledge)
    return len(licences_of(release))


@pytest.mark.parametrize("name", LOCAL)
def test_a_mot_draft_of_every_local_source_validates(
    name: str, tmp_path: Path, rules: RuleSet
) -> None:
    result = run_osai("init", str(sources(tmp_path)[name]), "--for", "mot", "-o", "-")
    assert result.code == 0, result.stderr
    assert_a_mot_model_file(result.stdout, rules)


@pytest.mark.parametrize("repo_id", HUB)
def test_a_mot_draft_of_every_hub_model_validates(
    repo_id: str, hub: LoopbackHub, tmp_path: Path, rules: RuleSet
) -> None:
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home")}
    result = run_osai("init", repo_id, "--for", "mot", "-o", "-", env=env)
    assert result.code == 0, result.stderr
    assert_a_mot_model_file(result.stdout, rules)


def test_the_mot_draft_spells_licences_as_the_tool_accepts(rules: RuleSet) -> None:
    """The tiny model's card says `apache-2.0`: the tool rejects that, and accepts Apache-2.0."""
    result = run_osai("init", str(EXAMPLES / "tiny-model"), "--for", "mot", "-o", "-")
    document = yaml.safe_load(result.stdout)
    written = licences_of(document["release"])
    assert set(written) == {"Apache-2.0", "CC-BY-4.0"}
    assert assert_a_mot_model_file(result.stdout, rules) == len(written) >= 8
    assert "# Data preprocessing code: not released, so not listed" in result.stdout
    assert (
        "  # required by the Model Openness Tool's schema.\n"
        "  producer: ''  # ?  — declare who produced the model\n"
    ) in result.stdout


def test_an_or_expression_is_written_as_the_branch_the_tool_accepts(rules: RuleSet) -> None:
    accepted = mot_accepted(rules)
    assert exact_spelling("mit or llama2", accepted, rules.licences) == "MIT"
    assert exact_spelling("Apache 2.0", accepted, rules.licences) == "Apache-2.0"
    assert exact_spelling("llama2", accepted, rules.licences) is None
    assert exact_spelling("MIT AND Apache-2.0", accepted, rules.licences) is None


def test_mot_mode_says_how_to_write_a_licence_it_rejects_for_its_spelling() -> None:
    result = run_osai(
        "check", str(EXAMPLES / "tiny-model"), "-f", "mof", "--mof-mode", "mot", "--format", "json"
    )
    requirements = json.loads(result.stdout)["targets"][0]["frameworks"][0]["requirements"]
    reasons = {r["id"]: (r["status"], r["reason"]) for r in requirements}
    status, reason = reasons["MOF-C3-MODEL-PARAMETERS-FINAL"]
    assert status == "unmet"
    assert reason.endswith("; this mode matches licence ids verbatim: write `Apache-2.0`")
    # accepted as written, or rejected however spelt: no hint
    assert "verbatim" not in reasons["MOF-C2-TRAINING-CODE"][1]
    llama = run_osai(
        "check",
        str(EXAMPLES / "llama-2-7b.yml"),
        "-f",
        "mof",
        "--mof-mode",
        "mot",
        "--format",
        "json",
    )
    assert "verbatim" not in llama.stdout
    # the default mode reads `apache-2.0` as Apache-2.0 already: no hint there either
    default = run_osai("check", str(EXAMPLES / "tiny-model"), "-f", "mof", "--format", "json")
    assert "verbatim" not in default.stdout


def _verdict_lines(stdout: str) -> list[str]:
    """The framework lines of `osai check -q`: after the target's name, up to the hint on
    settling the unknowns (which names the draft once there is one)."""
    lines = stdout.splitlines()[1:]
    hint = next((i for i, line in enumerate(lines) if line.lstrip().startswith("→")), len(lines))
    return lines[:hint]


def test_an_unreviewed_mot_draft_changes_no_verdict_of_its_directory(tmp_path: Path) -> None:
    """The tool's format has no `unlisted_components`: a component it does not list is not
    released.  osai leaves out of a draft what it did not find, so `osai init --for mot` turned
    the directory's unknowns into "not released": Inference code and Evaluation data failed
    MOF Class II ("not met"), where the directory alone leaves them unknown.  Until someone
    reviews the draft, what it does not list stays undeclared."""
    model = tmp_path / "tiny-model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    before = run_osai("check", str(model), "-q")
    assert run_osai("init", str(model), "--for", "mot").code == 0
    after = run_osai("check", str(model), "-q")
    assert "Class II not demonstrated (2 unknown)" in after.stdout, after.stdout
    assert _verdict_lines(after.stdout) == _verdict_lines(before.stdout)
    draft = model / "osai.yaml"
    reviewed = draft.read_text(encoding="utf-8").split("\n", 1)[1]  # its first line deleted
    draft.write_text(reviewed, encoding="utf-8")
    declared = run_osai("check", str(model), "-q")
    assert "Class II not met" in declared.stdout  # reviewed, unlisted means not released


# Strongest first; no certainty (an unknown) is the weakest of all.
STRENGTH = [*(c.value for c in Certainty), None]


def _stronger(after: dict[str, Verdict], before: dict[str, Verdict]) -> dict[str, Any]:
    return {
        key: (was, after[key])
        for key, was in before.items()
        if STRENGTH.index(after[key][1]) < STRENGTH.index(was[1])
    }


# Inferred from the datasets unless the card speaks of other data (rules/inference.yaml): the
# tool's format has no place for what the card says, so the draft checked alone, without its card,
# may reach it where the source does not (Falcon-180B: "RefinedWeb plus curated corpora").  The
# draft read with its source (`--manifest`) keeps the card, and is held to the source above.
_STOPPED_BY_CARD_TEXT = ("osaid/OSAID-DATA-THIRD-PARTY-SOURCES", "osaid/OSAID-DATA-UNSHAREABLE")


def _without_card_text(stronger: dict[str, Any]) -> dict[str, Any]:
    return {
        key: change
        for key, change in stronger.items()
        if not (key in _STOPPED_BY_CARD_TEXT and change[1] == ("met", "inferred"))
    }


def _mot_draft_verdicts(
    target: str, tmp_path: Path, env: dict[str, str] | None = None
) -> tuple[str, dict[str, Verdict]]:
    """The MOT draft of `target`, and its verdicts: the source alone, the source with the draft
    as its manifest, and the draft alone.  No requirement stronger in either than alone."""
    draft = tmp_path / "draft.yml"
    result = run_osai("init", target, "--for", "mot", "-o", str(draft), env=env)
    assert result.code == 0, result.stderr
    check = ("--no-public-assessments", *EVERY_FRAMEWORK, "--format", "json")
    source = verdicts(run_osai("check", target, *check, env=env).stdout)
    merged = verdicts(run_osai("check", target, *check, "--manifest", str(draft), env=env).stdout)
    alone = verdicts(run_osai("check", str(draft), *check, env=env).stdout)
    assert merged.keys() == alone.keys() == source.keys()
    assert _stronger(merged, source) == {}
    assert _without_card_text(_stronger(alone, source)) == {}
    return draft.read_text(encoding="utf-8"), source | {f"merged:{k}": v for k, v in merged.items()}


@pytest.mark.parametrize("repo_id", HUB)
def test_an_unreviewed_mot_draft_raises_no_certainty(
    repo_id: str, linked_world: LoopbackHub, tmp_path: Path
) -> None:
    """The tool's format cannot say `certainty: inferred`, and osai reads what a draft lists as
    detected: pythia-70m's Model architecture, which osai only infers from a linked repository,
    was listed, and `osai check --manifest DRAFT` said "met, detected" where the repository
    alone says "met, inferred": a `--min-certainty detected` gate passed on osai's own guess.
    Checked alone or over its source, the MOT draft states nothing more surely than the source
    (the Hub, GitHub and arXiv on loopback: osai infers components from linked repositories)."""
    text, found = _mot_draft_verdicts(repo_id, tmp_path, {"HF_HOME": str(tmp_path / "home")})
    if repo_id == "EleutherAI/pythia-70m":  # a source with inferred components
        assert explained(text, "- name: Model architecture").startswith(
            "- name: Model architecture  # inferred: "
        )
        assert "    # - name: Model architecture" in text
        assert "    #   # osai only inferred that it is released, nothing states it: " in text
        assert found["mof/MOF-C3-MODEL-ARCHITECTURE"] == ("met", "inferred")
        assert found["merged:mof/MOF-C3-MODEL-ARCHITECTURE"] == ("met", "inferred")


def test_a_component_a_stated_fact_holds_unknown_is_left_commented_in_a_mot_draft(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Falcon-180B's card trains on "RefinedWeb plus curated corpora" (non_public_data), which
    holds MOF Class I Datasets unknown; the MOT format has no place for the fact, so the draft
    listed Datasets and, checked alone, said "met, detected".  It is left commented, naming the
    fact and its sentence.  osai's own form writes the fact, so its draft lists Datasets and
    agrees with the source as it stands."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "home")}
    target = "tiiuae/falcon-180B"
    check = ("--no-public-assessments", "-f", "mof", "--format", "json")
    source = verdicts(run_osai("check", target, *check, env=env).stdout)
    assert source["mof/MOF-C1-DATASETS"] == ("unknown", None)
    mot, own = tmp_path / "mot.yml", tmp_path / "own.yml"
    assert run_osai("init", target, "--for", "mot", "-o", str(mot), env=env).code == 0
    assert run_osai("init", target, "-o", str(own), env=env).code == 0
    text = mot.read_text(encoding="utf-8")
    assert "\n    - name: Datasets" not in text
    assert "\n    # - name: Datasets\n" in text
    reason = " ".join(
        line.removeprefix("    #   # ")
        for line in text.splitlines()
        if line.startswith("    #   # ")
    )
    assert "osai check leaves MOF-C1-DATASETS unknown for non_public_data, which the Model " in (
        reason
    )
    assert '(README.md:20: "180B causal decoder-only model by TII trained on 3,500B tokens of ' in (
        reason
    )
    assert "\n    - name: Datasets" in own.read_text(encoding="utf-8")
    assert "\n    non_public_data:\n" in own.read_text(encoding="utf-8")
    for draft in (mot, own):
        alone = verdicts(run_osai("check", str(draft), *check, env=env).stdout)
        assert alone["mof/MOF-C1-DATASETS"] == ("unknown", None), draft


@pytest.mark.parametrize("name", LOCAL)
def test_an_unreviewed_mot_draft_of_a_directory_raises_no_certainty(
    name: str, tmp_path: Path
) -> None:
    _mot_draft_verdicts(str(sources(tmp_path)[name]), tmp_path)
