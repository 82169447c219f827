"""Graded frameworks: a grade per requirement on the framework's scale, a score per group and
overall over what is known, how much is unknown and between which bounds the score lies; the
European Open Source AI Index as a rule file, its experts' grades beside osai's; a test index
shaped like the FMTI; `--require FRAMEWORK:0.75`; compare for four frameworks."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from clirunner import EXAMPLES, ROOT, run_osai
from gate_manifests import open_release, write_manifest
from loopback_hub import LoopbackHub

from osai.engine import evaluate_framework
from osai.rules import load_ruleset, validate_rule_file
from osai.schemas import instance_errors
from osai.sources.manifest import read_manifest
from osai.verdict import FactRef, Reason

FMTI = ROOT / "tests" / "fixtures" / "frameworks" / "fmti-shaped.yaml"
PYTHIA = EXAMPLES / "pythia-70m.yml"


def fmti(path: Path, *extra: str) -> dict[str, Any]:
    result = run_osai(
        "check", str(path), "--add-framework", str(FMTI), "-f", "fmti-shaped", "--format",
        "json", *extra,
    )  # fmt: skip
    assert result.code in (0, 1), result.stderr
    document = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    framework: dict[str, Any] = document["targets"][0]["frameworks"][0]
    return framework


def test_an_added_framework_is_judged_beside_the_defaults_whatever_its_default() -> None:
    """The file says `default: false` (not judged unless asked for); adding it with
    --add-framework asks for it.  It was silently left out unless also named with -f."""
    result = run_osai("check", str(PYTHIA), "--add-framework", str(FMTI), "--format", "json")
    assert result.code == 0, result.stderr
    judged = [f["id"] for f in json.loads(result.stdout)["targets"][0]["frameworks"]]
    assert judged == ["osaid", "mof", "fmti-shaped"]
    named = run_osai("check", str(PYTHIA), "--add-framework", str(FMTI), "-f", "mof", "-q")
    assert "FMTI" not in named.stdout  # -f still chooses exactly


def test_an_fmti_shaped_index_loads_and_scores_over_what_is_known() -> None:
    assert validate_rule_file(FMTI) == []
    framework = fmti(PYTHIA)
    assert framework["kind"] == "graded"
    grades = {r["id"]: r["grade"]["grade"] for r in framework["requirements"]}
    assert grades["FMTI-T-OPEN-WEIGHTS"] == "disclosed"
    assert grades["FMTI-T-COMPUTE-HARDWARE"] == ""  # not stated: unknown, never "not disclosed"
    overall = framework["score"]["overall"]
    # Weights: six indicators of 1 and one of 2 (8); two unknown of weight 1; all known disclosed.
    assert (overall["known"], overall["unknown"]) == (5, 2)
    assert (overall["known_weight"], overall["total_weight"]) == (6.0, 8.0)
    assert overall["score"] == 1.0
    assert (overall["lowest"], overall["highest"]) == (0.75, 1.0)
    groups = {g["group"]: g for g in framework["score"]["groups"]}
    assert list(groups) == ["Upstream", "Model", "Downstream"]
    assert groups["Upstream"]["unknown"] == 1 and groups["Upstream"]["score"] == 1.0
    # The outcome is the range, as every report gives it: "1.00" (the known grades' mean) read as
    # a final score while two grades were unknown.
    assert framework["outcome"] == "0.75 to 1.00" and framework["definite"] is False
    assert framework["outcome_label"].startswith("score 0.75 to 1.00")


def test_a_lowest_grade_named_not_the_one_above_says_it_once() -> None:
    """A binary index's `not disclosed` below `disclosed` read "not disclosed: not disclosed:
    Training code: not released" (and "not disclosed  Code access — not disclosed: not
    disclosed: ..." in the text report): the grade, then why not the grade above, the same
    words."""
    framework = fmti(EXAMPLES / "llama-2-7b.yml")
    reasons = {r["id"]: r["reason"] for r in framework["requirements"]}
    assert reasons["FMTI-T-CODE-ACCESS"] == (
        "not disclosed: Training code: not released; Inference code: not released"
    )


def test_a_score_with_nothing_unknown_is_definite(tmp_path: Path) -> None:
    document = open_release()
    document["release"]["declarations"] = {"training_hardware": "8 A100", "base_model": False}
    framework = fmti(write_manifest(tmp_path / "m.yml", document))
    assert framework["definite"] is True
    assert framework["score"]["overall"]["score"] == 1.0
    assert framework["outcome"] == "1.00"


def test_a_weighted_indicator_not_disclosed_counts_its_weight(tmp_path: Path) -> None:
    document = open_release(drop=("Model architecture",))  # unlisted: declared not released
    declarations = {"training_hardware": "8 A100", "base_model": False}
    document["release"]["declarations"] = declarations
    unknown = fmti(write_manifest(tmp_path / "unknown.yml", document))
    deeper = next(r for r in unknown["requirements"] if r["id"] == "FMTI-T-DEEPER-PROPERTIES")
    # No architecture code, but nothing says whether a description exists: unknown, not 0.
    assert deeper["grade"]["grade"] == "" and unknown["score"]["overall"]["score"] == 1.0
    declarations["architecture_description"] = False
    framework = fmti(write_manifest(tmp_path / "m.yml", document))
    deeper = next(r for r in framework["requirements"] if r["id"] == "FMTI-T-DEEPER-PROPERTIES")
    assert deeper["grade"]["grade"] == "not-disclosed" and deeper["grade"]["weight"] == 2
    assert framework["definite"] is True
    assert framework["score"]["overall"]["score"] == 0.75  # 6 of a weight of 8


def _graded(tmp_path: Path, open_check: dict[str, Any], partial_check: dict[str, Any]) -> Path:
    """A one-requirement graded framework, to test how grades are earned."""
    framework = {
        "schema": "osai/framework/1",
        "id": "grading-test",
        "name": "Grading test",
        "short_name": "GT",
        "version": "1",
        "default": False,
        "source": {"title": "tests", "url": "https://example.org"},
        "scoring": {
            "kind": "graded",
            "summary": "graded",
            "grades": [
                {"id": "open", "name": "open", "value": 1.0},
                {"id": "partial", "name": "partial", "value": 0.5},
                {"id": "closed", "name": "closed", "value": 0.0},
            ],
        },
        "policies": {"open": {"title": "open", "accept": ["osi-approved"]}},
        "modes": {"default": {"description": "d", "matching": "spdx", "unrecognised": "unknown"}},
        "requirements": [
            {
                "id": "GT-ONE",
                "group": "G",
                "title": "one",
                "grades": {
                    "open": {"check": open_check},
                    "partial": {"check": partial_check},
                    "closed": {"otherwise": True},
                },
                "citation": {"ref": "r", "text": "t"},
                "remediation": "do it",
            }
        ],
    }
    path = tmp_path / "grading.yaml"
    path.write_text(yaml.safe_dump(framework, sort_keys=False))
    return path


def test_a_grade_is_earned_only_when_every_better_grade_is_ruled_out(tmp_path: Path) -> None:
    path = _graded(
        tmp_path, {"fact": "code_documentation"}, {"component": "model-parameters-final"}
    )
    rules = load_ruleset(extra_frameworks=[path])
    release = read_manifest(PYTHIA, rules)
    judged = evaluate_framework(rules.framework("grading-test"), None, release, rules)
    (result,) = judged.results
    # open is unknown (nothing says whether the code is documented), partial is met: unknown,
    # at least partial; the score's bounds use that floor.
    assert (result.grade, result.grade_at_least, result.grade_at_most) == ("", "partial", "open")
    assert judged.score is not None
    assert judged.score.overall.score is None
    assert (judged.score.overall.lowest, judged.score.overall.highest) == (0.5, 1.0)
    assert judged.outcome == "unscored"


def test_grades_undecided_for_one_reason_are_asked_once(tmp_path: Path) -> None:
    """The report said "unknown (open? code_documentation not stated; partial?
    code_documentation not stated)": the same evidence once per grade."""
    fact = {"fact": "code_documentation"}
    rules = load_ruleset(extra_frameworks=[_graded(tmp_path, fact, fact)])
    release = read_manifest(PYTHIA, rules)
    (result,) = evaluate_framework(rules.framework("grading-test"), None, release, rules).results
    assert result.reason.text == "unknown (open or partial? code_documentation not stated)"
    # the fact it names kept apart, for the reports that name it in words
    named = FactRef("code_documentation", " ")
    assert result.reason == Reason.of("unknown (open or partial? ", named, "not stated)")


def test_a_better_grade_is_asked_of_what_leaves_it_open_not_what_is_met(tmp_path: Path) -> None:
    """EOSAI's Code documentation asks for open the documentation and the code, for partial the
    documentation alone.  With the code released and the documentation not stated, -v read
    "unknown (open? Documentation ...: not stated; Training code: released; Data preprocessing
    code: released; partial? Documentation ...: not stated)": the one question twice, the parts
    already met given as if they were asked too."""
    fact = {"fact": "code_documentation"}
    both = {"all_of": [fact, {"component": "model-parameters-final"}]}
    rules = load_ruleset(extra_frameworks=[_graded(tmp_path, both, fact)])
    release = read_manifest(PYTHIA, rules)
    (result,) = evaluate_framework(rules.framework("grading-test"), None, release, rules).results
    assert result.reason.text == "unknown (open or partial? code_documentation not stated)"
    assert (result.grade_at_least, result.grade_at_most) == ("", "open")


def test_otherwise_needs_evidence_against_every_better_grade(tmp_path: Path) -> None:
    path = _graded(tmp_path, {"component": "datasets"}, {"component": "evaluation-data"})
    rules = load_ruleset(extra_frameworks=[path])
    llama = read_manifest(EXAMPLES / "llama-2-7b.yml", rules)  # neither is released
    (result,) = evaluate_framework(rules.framework("grading-test"), None, llama, rules).results
    assert result.grade == "closed" and result.status.value == "unmet"
    assert "not partial: Evaluation data: not released" in result.reason.text


def test_rules_validate_rejects_a_grade_over_an_unknown_component(tmp_path: Path) -> None:
    path = _graded(tmp_path, {"component": "model-poem"}, {"component": "datasets"})
    result = run_osai("rules", "validate", str(path))
    assert result.code == 2
    assert "unknown component 'model-poem'" in result.stderr
    assert ": requirements[0].grades.open.check: " in result.stderr


def test_rules_validate_rejects_grades_the_scale_does_not_have(tmp_path: Path) -> None:
    path = _graded(tmp_path, {"component": "datasets"}, {"component": "datasets"})
    text = path.read_text().replace("    partial:\n      check:", "    half:\n      check:")
    path.write_text(text)
    (problem,) = validate_rule_file(path)
    assert "unknown grade 'half'" in problem
    wrong_test = _graded(
        tmp_path, {"fact": "training_compute_flop", "met_if": ["big"]}, {"component": "datasets"}
    )
    assert "not a category" in " ".join(validate_rule_file(wrong_test))


@pytest.mark.parametrize(
    ("spec", "code", "verdict"),
    [
        ("fmti-shaped:0.75", 0, "PASS"),  # lowest 0.75: met whatever the unknowns are
        ("fmti-shaped:80%", 1, "NOT PROVEN"),  # 0.75 to 1.00: not shown either way
    ],
)
def test_a_score_threshold_gates_on_its_bounds(spec: str, code: int, verdict: str) -> None:
    result = run_osai("check", str(PYTHIA), "--add-framework", str(FMTI), "--require", spec)
    assert result.code == code, result.stderr
    assert f"{verdict}  --require {spec}" in result.stdout


def test_a_score_below_the_threshold_whatever_the_unknowns_fails() -> None:
    result = run_osai(
        "check", str(EXAMPLES / "llama-2-7b.yml"), "--require", "eosai:0.75", "--format", "json"
    )
    assert result.code == 1
    (policy,) = json.loads(result.stdout)["targets"][0]["policies"]
    assert policy["verdict"] == "FAIL" and policy["threshold"] == 0.75


@pytest.mark.parametrize("spec", ["eosai", "eosai:high", "eosai:1.5"])
def test_a_graded_framework_needs_a_score(spec: str) -> None:
    result = run_osai("check", str(PYTHIA), "--require", spec)
    assert result.code == 2
    assert "Traceback" not in result.stderr


def test_ci_formats_treat_grades_as_measures() -> None:
    sarif = json.loads(run_osai("check", str(PYTHIA), "-f", "eosai", "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    assert results and {r["level"] for r in results} <= {"warning", "note"}
    rules = [rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert rules == [r.id for r in load_ruleset().framework("eosai").requirements]
    junit = ET.fromstring(run_osai("check", str(PYTHIA), "-f", "eosai", "--format", "junit").stdout)
    assert junit.get("failures") == "0"
    # skipped is counted per suite: junit-10.xsd allows no such attribute on <testsuites>
    assert sum(int(suite.get("skipped", "0")) for suite in junit.iter("testsuite")) > 0


def test_eosai_beside_the_experts(hub: LoopbackHub, tmp_path: Path) -> None:
    """pythia-6.9b is the base model of the index's Pythia entry: its base-model grades are
    compared; end-model and system grades (the tuned system's) are shown as about another model."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", "EleutherAI/pythia-6.9b", "-f", "eosai", "--format", "json", env=env)
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    reference = document["targets"][0]["frameworks"][0]["reference"]
    assert reference["entry"] == "eosai:Pythia.yaml" and reference["about_this_repository"]
    grades = {g["parameter"]: g for g in reference["grades"]}
    assert len(grades) == 12
    assert grades["datasources_basemodel"]["reference"] == "open"
    assert grades["datasources_basemodel"]["applies"] is True
    assert grades["weights_endmodel"]["applies"] is False
    assert grades["weights_endmodel"]["steps_apart"] is None
    assert grades["trainingcode"]["applies"] is False
    compared = [g for g in grades.values() if g["steps_apart"] is not None]
    assert compared and all(g["applies"] and g["osai"] for g in compared)
    text = run_osai("check", "EleutherAI/pythia-6.9b", "-f", "eosai", env=env).stdout
    assert "EOSAI beside European Open Source AI Index" in text  # one line: -v for each
    verbose = run_osai("check", "EleutherAI/pythia-6.9b", "-f", "eosai", "-v", env=env).stdout
    assert "beside European Open Source AI Index" in verbose
    assert "not this model" in verbose


def test_eosai_beside_a_related_model_compares_nothing_and_says_so(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """pythia-70m matches the index's Pythia entry only as one of the family: the note read
    "(about a related model): eosai:Pythia.yaml; 0 of 0 grades compared agree (-v for each
    parameter)", -v's sentence named the entry twice, and its table named the parameters by the
    index's ids (`datasources_basemodel`) where the grades above it use the requirements' titles."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    args = ("check", "EleutherAI/pythia-70m", "-f", "eosai")
    text = " ".join(run_osai(*args, env=env).stdout.split())
    assert "eosai:Pythia.yaml is about a related model, so no grade is compared" in text
    assert "0 of 0" not in text and "-v for each parameter" not in text
    verbose = run_osai(*args, "-v", env=env).stdout
    beside = verbose[verbose.index("  beside European") :]
    assert beside.count("eosai:Pythia.yaml") == 1
    assert "datasources_basemodel" not in beside and "weights_endmodel" not in beside
    rows = [line for line in beside.splitlines() if line.endswith("not this model")]
    assert rows[0].startswith("  Base model data sources made available ")
    markdown = run_osai(*args, "--format", "markdown", env=env).stdout
    head = next(line for line in markdown.splitlines() if line.startswith("Beside "))
    assert head.count("eosai:Pythia.yaml") == 1
    assert "| Base model data sources made available | open | open | not this model |" in markdown
    assert "`datasources_basemodel`" not in markdown


def test_a_components_graded_cell_shows_a_known_grade_before_an_unknown_one(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """DeepSeek-R1's weights are graded twice by EOSAI: as the base model's (unknown: whether it
    applies turns on a base model not stated) and as the end model's (open, on the index's own
    entry).  The component table showed "?" beside the evidence "EOSAI End User Model Weights:
    open"; its datasets "?" where the end model's data sources were graded closed, its research
    paper "?" (no peer-reviewed paper stated) where the preprint it is was graded (at least)
    partial."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    args = ("check", "deepseek-ai/DeepSeek-R1", "-f", "eosai", "--no-follow")
    result = run_osai(*args, env={**env, "COLUMNS": "100"})
    assert result.code == 0, result.stderr
    evidence = result.stdout[result.stdout.index("\nEvidence") :].splitlines()
    # each row's first line: its component's name (its first words), then its EOSAI cell
    firsts = [(line[2:20].strip(), line.split()[-1]) for line in evidence if line[2:3].isalpha()]
    rows = dict(reversed(firsts))  # Model parameters (Final) before (Intermediate)
    assert rows["Model parameters"] == "open"
    assert rows["Datasets"] == "closed"
    # the index's own entry grades its preprint and paper open: its assessors read them
    assert rows["Research paper"] == "open"
    # the hardware's open grade asks a declaration of the setup, no report (its existence
    # shows nothing of what it covers): no EOSAI grade rests on the report
    assert rows["Technical report"] == "—"
    markdown = run_osai(*args, "--format", "markdown", env=env).stdout
    assert "| Model parameters \\(Final\\) | ✅ | MIT | open |" in markdown
    assert "| Datasets | ❌ |  | closed |" in markdown


def test_compare_four_frameworks_in_one_table() -> None:
    result = run_osai("compare", "osaid", "mof", "eu-ai-act", "eosai", "--format", "json")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    ids = [f["id"] for f in document["frameworks"]]
    assert ids == ["osaid", "mof", "eu-ai-act", "eosai"]
    weights = next(r for r in document["components"] if r["component"] == "model-parameters-final")
    assert all(weights["stances"][i] != "—" for i in ids)
    assert "'End model weights freely available'" in weights["stances"]["eosai"]
    facts = {row["fact"]: row for row in document["facts"]}
    assert facts["training_compute_flop"]["stances"]["eu-ai-act"] == "required: at most 1e+25"
    assert facts["training_compute_flop"]["stances"]["osaid"] == "—"
    assert facts["copyright_policy"]["manifest_key"] == "release.declarations.copyright_policy"
    text = run_osai("compare", "osaid", "mof", "eu-ai-act", "eosai").stdout
    assert "EU AI Act" in text and "EOSAI" in text and "How each decides" in text
    markdown = run_osai("compare", "eu-ai-act", "osaid", "--format", "markdown").stdout
    assert "| asks for | type | EU AI Act | OSAID |" in markdown


def test_rules_commands_explain_graded_frameworks() -> None:
    shown = run_osai("rules", "show", "eosai")
    assert shown.code == 0
    assert "grades: open (1) → partial (0.5) → closed (0)" in shown.stdout
    assert "graded only when: fact 'base_model' declared none" in shown.stdout
    explained = run_osai("rules", "explain", "EOSAI-WEIGHTS-END")
    assert "E.g. gated downloads." in " ".join(explained.stdout.split())  # wrapped to fit
    eu = run_osai("rules", "show", "eu-ai-act")
    assert "standing (never decides the outcome;" in eu.stdout
    assert "outcome not-exempt:" in eu.stdout
    listing = run_osai("rules", "list").stdout
    assert "eosai" in listing and "evaluated when named" in listing


@pytest.mark.parametrize(
    ("lowest", "highest", "figure"),
    [
        (0.2083, 0.8750, "0.20 to 0.88"),  # Llama 2's EOSAI bounds
        (0.4583, 1.0, "0.45 to 1.00"),
        (0.46, 0.46, "0.46"),  # a bound stored as 0.4599999… is 0.46
        (0.1, 0.3, "0.10 to 0.30"),
    ],
)
def test_a_score_range_rounds_outwards_so_it_holds_the_score(
    lowest: float, highest: float, figure: str
) -> None:
    """Llama 2's lowest score, 0.2083, read "0.21 to 0.88" beside a gate of 0.21 NOT PROVEN:
    the range said the gate was reached whatever the unknown grades, the verdict that it was not."""
    from osai.assessment import ScoreGroup

    group = ScoreGroup("", 0.5, 1, 2, 1.0, 3.0, lowest, highest)
    assert group.figure == figure


def test_eosai_code_documentation_is_partial_without_the_code_shared(tmp_path: Path) -> None:
    """The index grades code documentation partial "irrespective of whether these components
    are shared" (its readme, quoted in the grade's citation); osai's partial also asked for the
    training or data-processing code to be released, so a release that documents unshared code
    read closed: stricter than the source."""
    text = (EXAMPLES / "falcon-180b.yml").read_text(encoding="utf-8")
    declared = "release:\n  declarations:\n    code_documentation: https://example.org/docs\n"
    manifest = tmp_path / "falcon.yml"
    manifest.write_text(text.replace("release:\n", declared, 1), encoding="utf-8")
    result = run_osai("check", str(manifest), "-f", "eosai", "--format", "json")
    requirements = json.loads(result.stdout)["targets"][0]["frameworks"][0]["requirements"]
    found = next(r for r in requirements if r["id"] == "EOSAI-CODE-DOCUMENTATION")
    assert found["grade"]["grade"] == "partial", found["reason"]


def test_eosai_licences_count_open_data_processing_code_as_training_code_in_part(
    tmp_path: Path,
) -> None:
    """Partial is "at least two (partially or fully) of model weights, training code, and
    training data" under open licences, and the training code is the pipeline's (data
    processing, training, tuning): open weights with openly licensed data-processing code but
    no training code read closed, stricter than the index."""
    release = open_release(drop=("Training code",), licences={"Datasets": "CC-BY-NC-4.0"})
    manifest = write_manifest(tmp_path / "m.yml", release)
    result = run_osai("check", str(manifest), "-f", "eosai", "--format", "json")
    requirements = json.loads(result.stdout)["targets"][0]["frameworks"][0]["requirements"]
    found = next(r for r in requirements if r["id"] == "EOSAI-LICENSES")
    assert found["grade"]["grade"] == "partial", found["reason"]


def test_a_grade_ruled_out_by_the_clause_that_earns_the_next_says_that_clause_once(
    tmp_path: Path,
) -> None:
    """Gated weights read "partial: Model parameters (Final): released; How the weights can be
    obtained: personal-data (…); not open: How the weights can be obtained: personal-data (…)":
    the clause that earns partial is the one that rules out open, said twice in every format."""
    text = PYTHIA.read_text(encoding="utf-8")
    declared = "release:\n  declarations:\n    weights_access: personal-data\n"
    manifest = tmp_path / "gated.yml"
    manifest.write_text(text.replace("release:\n", declared, 1), encoding="utf-8")
    rules = load_ruleset()
    release = read_manifest(manifest, rules)
    judged = evaluate_framework(rules.framework("eosai"), None, release, rules)
    (weights, *_) = [r for r in judged.results if r.requirement_id == "EOSAI-WEIGHTS-END"]
    assert weights.grade == "partial"
    assert weights.reason.text.count("personal-data") == 1, weights.reason.text
    assert weights.reason.text.startswith("partial, not open: Model parameters (Final): released")


def _actions(text: str) -> str:
    """The Actions section of a text report, its lines joined (the wrapping aside)."""
    section = text[text.index("\nActions") : text.index("\nNotes")]
    return " ".join(section.split())


def test_eosai_actions_raise_grades_and_ask_for_what_settles_them() -> None:
    """EOSAI gave no actions: a score of 0.17 to 0.58 with nothing said of what would raise or
    settle it.  A grade earned below the best gives its rule's remedy (`improve`); an unknown
    grade on a released component asks for its fact, not "whether it is released": Amber's
    weights, declared released under Apache-2.0, were asked that for `weights_access`."""
    llama = _actions(run_osai("check", str(EXAMPLES / "llama-2-7b.yml"), "-f", "eosai").stdout)
    assert (
        "improve Training code: closed now, neither the Training code nor the Data"
        " preprocessing code released; publish the data-processing, training and tuning code"
        " not yet public — for EOSAI"
    ) in llama
    amber = run_osai("check", str(EXAMPLES / "amber.yml"), "-f", "eosai", "-f", "eu-ai-act")
    said = _actions(amber.stdout)
    assert "declare release.declarations.weights_access: not stated — for EOSAI, EU AI Act" in said
    assert "release.declarations: base_model, code_documentation, training_hardware," in said
    assert "peer_reviewed_paper" in said
    assert "whether they are released" not in said and "whether it is released" not in said


def test_a_released_component_unknown_for_a_card_not_read_is_to_be_read(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Llama 2's card is gated: its paper and data card could not be read.  The action said
    "Research paper and Data card: unknown"; it names what the card would state (a graded
    result's facts_open, as a levels one's) and why they are unknown."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    args = ("check", "meta-llama/Llama-2-7b-hf", "-f", "eosai", "-v", "--no-follow")
    said = _actions(run_osai(*args, env=env).stdout)
    (read,) = [part for part in said.split(" — for EOSAI") if " read (README.md: " in part]
    for subject in (
        "The hardware used for training",
        "Research paper",
        "A description of the training procedure",
        "Data card",
        # components the card would show (its code links): not read either (ajm)
        "Training code (Training code or Data preprocessing code)",
    ):
        assert subject in read, read
    assert "not read (README.md: the repository is gated" in read, read
    assert ": unknown — for EOSAI" not in said


def test_unknown_grades_say_how_to_settle_them() -> None:
    """EOSAI alone printed "score 0.41 to 1.00 (8 of 12 grades unknown)" and no word of how to
    narrow it, where the same unknowns under a levels framework said where to declare them."""
    amber = run_osai("check", str(EXAMPLES / "amber.yml"), "-f", "eosai").stdout
    head = amber.split("\n\n", 1)[0]
    assert "9 of 12 grades unknown" in head
    assert "→ to settle what is unknown: declare them in" in head


def test_a_requirement_graded_where_it_applies_asks_for_nothing_here(tmp_path: Path) -> None:
    """A fine-tune (base_model stated) cannot grade its base model's weights and data sources:
    the actions asked it to "declare release.declarations.base_model,
    release.declarations.weights_access ...: not stated", both stated, for the base model's
    rows, and the JSON report's next_steps listed them."""
    text = (EXAMPLES / "amber.yml").read_text(encoding="utf-8")
    stated = "  declarations:\n    base_model: LLM360/Amber-base\n    weights_access: ungated\n"
    manifest = tmp_path / "finetune.yml"
    manifest.write_text(text.replace("  license:\n", stated + "  license:\n", 1), encoding="utf-8")
    said = _actions(run_osai("check", str(manifest), "-f", "eosai").stdout)
    assert "release.declarations: code_documentation," in said
    assert "base_model" not in said and "weights_access" not in said
    report = json.loads(run_osai("check", str(manifest), "-f", "eosai", "--format", "json").stdout)
    (eosai,) = report["targets"][0]["frameworks"]
    steps = {step["requirement"] for step in eosai["next_steps"]}
    assert "EOSAI-CODE-DOCUMENTATION" in steps
    assert not {"EOSAI-WEIGHTS-BASE", "EOSAI-DATASOURCES-BASE"} & steps
    # they are unknown with no why_unknown, which says why a requirement that applies is
    # unknown: a consumer tells them apart by `applies` (schema 1.20), not by the reason's words
    requirements = {r["id"]: r for r in eosai["requirements"]}
    for base in ("EOSAI-WEIGHTS-BASE", "EOSAI-DATASOURCES-BASE"):
        assert requirements[base]["status"] == "unknown"
        assert requirements[base]["why_unknown"] is None
        assert requirements[base]["applies"] is False
    assert requirements["EOSAI-CODE-DOCUMENTATION"]["applies"] is True


def _apache_manifest(path: Path, name: str, release: str) -> Path:
    """A manifest of one release under Apache-2.0, named `name`, its other `release:` keys as
    given (YAML lines, indented by two)."""
    path.write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n"
        f"  name: {name}\n"
        "  license: {distribution: {name: Apache-2.0}}\n" + release,
        encoding="utf-8",
    )
    return path


def test_an_unknown_grade_asks_for_no_fact_already_stated(tmp_path: Path) -> None:
    """A release with its training data described and base_model: false, its datasets not
    listed (unknown): the actions asked it to "declare
    release.data_information.training_data_description, release.declarations.base_model ...:
    not stated", both stated; the datasets, what is open, went unasked."""
    manifest = _apache_manifest(
        tmp_path / "described.yml",
        "Described",
        "  data_information: {training_data_description: 'Web text, filtered, in full'}\n"
        "  declarations: {base_model: false, weights_access: ungated}\n"
        "  unlisted_components: unknown\n"
        "  components:\n"
        "    - name: Model parameters (Final)\n",
    )
    said = _actions(run_osai("check", str(manifest), "-f", "eosai").stdout)
    assert "training_data_description" not in said and "base_model" not in said
    assert "End model data sources made available (Datasets or Data card)" in said


def test_a_release_that_is_its_own_base_is_told_each_step_once(tmp_path: Path) -> None:
    """A release that is its own base model (base_model: false) is graded on the base and the
    end model's weights and data sources from the same evidence: its gated weights read
    "improve Base model weights freely available: partial now; publish the base model's
    weights …" and again for the end model, one repository and one step said twice (and its
    data sources, none shared, twice more; the base model's read "fine-tuning" of a model
    never fine-tuned)."""
    manifest = _apache_manifest(
        tmp_path / "own-base.yml",
        "Own base",
        "  declarations: {base_model: false, weights_access: personal-data}\n"
        "  components:\n"
        "    - name: Model parameters (Final)\n",
    )
    said = _actions(run_osai("check", str(manifest), "-f", "eosai").stdout)
    assert said.count("publish the weights where anyone can download them") == 1, said
    assert (
        "improve Base model weights freely available and End model weights freely available:"
        " partial now;"
    ) in said
    assert said.count("share the data sources the model was trained on") == 1, said
    assert "base model's" not in said and "end model's" not in said


def test_a_grade_below_the_best_is_told_what_it_lacks_not_what_it_shows(tmp_path: Path) -> None:
    """A grade earned below the best gives its rule's remedy, and the remedies asked for what
    the release shows: training code released read "partial now; publish the data-processing,
    training and tuning code", its documentation stated "partial now; document the …  code",
    its hardware stated in the card "partial now; document the hardware and training setup (a
    card section, …)" (the technical report or paper was what open lacked), and a card with its
    architecture and training sections "give the model card sections on the architecture, the
    training procedure and the evaluation results".  What the grade above lacks of the release
    is named: "publish the … code not yet public" left the reader to find which."""
    manifest = _apache_manifest(
        tmp_path / "partial.yml",
        "Partial",
        "  declarations:\n"
        "    base_model: false\n"
        "    weights_access: ungated\n"
        "    code_documentation: https://example.org/docs\n"
        "    training_hardware: 64 A100 GPUs for 21 days\n"
        "    architecture_description: A decoder-only transformer, 32 layers\n"
        "    training_description: AdamW, cosine schedule, 1T tokens\n"
        "  components:\n"
        "    - name: Model parameters (Final)\n"
        "    - name: Training code\n"
        "    - name: Model card\n",
    )
    said = _actions(run_osai("check", str(manifest), "-f", "eosai", "-v").stdout)
    # which code the better grade lacks is named: the remedy says "not yet public", not which
    assert (
        "improve Training code: partial now, the Data preprocessing code not released; publish"
        " the data-processing, training and tuning code not yet public — for EOSAI"
    ) in said
    assert (
        "Code documentation: partial now, the Data preprocessing code not released; publish the"
        " data-processing, training and tuning code not yet public, document all of it"
    ) in said
    # the hardware stated is partial; "fully documented" (open) is asked as a declaration
    assert "declare release.declarations: training_setup_documentation and" in said
    assert (
        "partial now, the Evaluation results not released; give the model card (publish one if"
        " there is none) the sections it lacks"
    ) in said


def test_facts_any_one_of_which_settles_a_grade_are_one_step(tmp_path: Path) -> None:
    """EOSAI's datasheet is open with a complete training data description OR the AI Act's
    training-content summary: the actions listed both among the facts to declare, "declare …,
    release.data_information.training_data_description and
    release.declarations.training_content_summary: not stated", as if both were needed, where
    either alone is enough."""
    manifest = _apache_manifest(
        tmp_path / "datasheet.yml",
        "Datasheet",
        "  declarations: {base_model: false, weights_access: ungated}\n"
        "  components:\n"
        "    - name: Model parameters (Final)\n"
        "    - name: Data card\n",
    )
    said = _actions(run_osai("check", str(manifest), "-f", "eosai", "-v").stdout)
    assert (
        "declare one of release.data_information.training_data_description or"
        " release.declarations.training_content_summary: neither stated — for EOSAI"
    ) in said, said
    assert said.count("training_content_summary") == 1, said


def test_a_grade_unknown_for_its_facts_beside_a_component_not_released_asks_for_the_facts(
    tmp_path: Path,
) -> None:
    """A manifest that does not list its research paper and data card declares them not
    released (the Model Openness Tool's format), and graded its peer-reviewed paper closed on
    that; yet its preprint and datasheet, unknown for their facts (a preprint, a training data
    description, not stated), were asked "declare Research paper; Data card: whether they are
    released", what the manifest had said, beside "Peer-reviewed paper(s): closed now"."""
    manifest = _apache_manifest(
        tmp_path / "unlisted.yml",
        "Unlisted",
        "  declarations: {base_model: false, weights_access: ungated}\n"
        "  components:\n"
        "    - name: Model parameters (Final)\n",
    )
    said = _actions(run_osai("check", str(manifest), "-f", "eosai", "-v").stdout)
    assert "whether it is released" not in said and "whether they are released" not in said
    assert (
        "code_documentation, training_hardware, training_setup_documentation and"
        " preprint_all_parts: not stated — for EOSAI"
    ) in said, said
    # a preprint stated or the research paper published (an any_of of both) would each do
    assert (
        "declare release.declarations.preprint, or publish the Research paper: neither shown"
        " — for EOSAI"
    ) in said, said
    assert (
        "declare one of release.data_information.training_data_description or"
        " release.declarations.training_content_summary: neither stated — for EOSAI"
    ) in said, said


def _next_steps(result_stdout: str) -> dict[str, str]:
    """Each framework's next steps of a JSON report's one target: requirement → action."""
    (target,) = json.loads(result_stdout)["targets"]
    return {s["requirement"]: s["action"] for f in target["frameworks"] for s in f["next_steps"]}


def test_a_remedy_names_the_manifest_only_to_whoever_owns_the_release(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A compliance officer checking Mistral-7B on the Hub was told to "share … a description of
    all of them (a data card, or manifest: release.data_information.training_data_description)",
    and the JSON next steps to "declare it in the manifest: …": a manifest they do not have.  A
    rule's `declare_in` is said, "(manifest: KEY)", on the user's own release alone."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    args = ("-f", "eosai", "-f", "osaid", "--no-follow")
    every = ("-f", "eosai", "-v", "--no-follow")  # every action, the text report's
    hub_text = _actions(run_osai("check", "mistralai/Mistral-7B-v0.1", *every, env=env).stdout)
    assert "improve Base model data sources made available" in hub_text
    assert "such as a data card —" in hub_text and "manifest" not in hub_text
    hub_json = run_osai("check", "mistralai/Mistral-7B-v0.1", *args, "--format", "json", env=env)
    hub_steps = _next_steps(hub_json.stdout)
    assert hub_steps["OSAID-DATA-PUBLIC-SOURCES"] == (
        "List the public training data and where to obtain it."
    )
    assert not [action for action in hub_steps.values() if "manifest" in action]
    manifest = str(EXAMPLES / "llama-2-7b.yml")
    own_text = _actions(run_osai("check", manifest, *every).stdout)
    assert (
        "such as a data card (manifest: release.data_information.training_data_description) —"
        in own_text
    )
    own_steps = _next_steps(run_osai("check", manifest, *args, "--format", "json").stdout)
    assert own_steps["OSAID-DATA-PUBLIC-SOURCES"] == (
        "List the public training data and where to obtain it"
        " (manifest: release.data_information.public_data_sources)."
    )


def test_a_rule_s_sarif_help_does_not_turn_on_the_order_of_the_targets(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """SARIF gives each rule one help text; it was the first target's remedy, so a Hub model
    named before a manifest dropped the manifest keys the manifest's own alerts need."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    manifest = str(EXAMPLES / "llama-2-7b.yml")
    helps = []
    for targets in (
        ("mistralai/Mistral-7B-v0.1", manifest),
        (manifest, "mistralai/Mistral-7B-v0.1"),
    ):
        args = ("check", *targets, "-f", "osaid", "--no-follow", "--format", "sarif")
        sarif = json.loads(run_osai(*args, env=env).stdout)
        rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        helps.append({rule["id"]: rule["help"]["text"] for rule in rules})
    assert helps[0] == helps[1]
    assert (
        "(manifest: release.data_information.public_data_sources)"
        in (helps[0]["OSAID-DATA-PUBLIC-SOURCES"])
    )


def _renamed_grades(tmp_path: Path) -> Path:
    """The FMTI-shaped index with grade names apart from their ids, as an author may write
    them: `disclosed` named "shown", `not-disclosed` named "withheld"."""
    text = FMTI.read_text()
    for old, new in (
        ("{id: disclosed, name: disclosed,", "{id: disclosed, name: shown,"),
        ("{id: not-disclosed, name: not disclosed,", "{id: not-disclosed, name: withheld,"),
    ):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "renamed-grades.yaml"
    path.write_text(text)
    return path


def test_every_report_a_person_reads_names_a_grade_as_its_author_did(tmp_path: Path) -> None:
    """The headline said "— not-disclosed: Code access", the evidence table "FMTI-T
    not-disclosed", the actions "not-disclosed now" and the annotations "1 not-disclosed": the
    grade's id, where only the reasons gave its name.  The JSON report keeps the id."""
    added = ("--add-framework", str(_renamed_grades(tmp_path)), "-f", "fmti-shaped")

    def said(*options: str) -> str:
        result = run_osai("check", str(EXAMPLES / "llama-2-7b.yml"), *added, *options)
        assert result.code == 0, result.stderr
        return result.stdout

    text = said()
    assert "— withheld: Code access" in text
    assert "Code access: withheld now" in text
    verbose = said("-v")
    assert re.search(r"^  Training code .* withheld$", verbose, re.M)
    assert re.search(r"^  Model architecture .* shown$", verbose, re.M)
    assert re.search(r"^  withheld +Code access", verbose, re.M)
    assert re.search(r"^  shown +Open weights", verbose, re.M)
    markdown = said("--format", "markdown")
    assert "— withheld: Code access" in markdown
    assert "| Code access \\(code to train and run the model\\) | withheld |" in markdown
    assert "| Training code | ❌ |  | withheld |" in markdown
    github = said("--format", "github")
    # the grades without one are the label's to count ("3 of 7 grades unknown"), once
    assert "(3 of 7 grades unknown)" in github and "(3 shown, 1 withheld)" in github, github
    junit = said("--format", "junit")
    sarif = json.loads(said("--format", "sarif"))
    messages = [r["message"]["text"] for run in sarif["runs"] for r in run["results"]]
    for report in (text, verbose, markdown, github, junit, *messages):
        assert "not-disclosed" not in report
    document = said("--format", "json")
    requirements = fmti_requirements(document)
    assert requirements["FMTI-T-CODE-ACCESS"]["grade"]["grade"] == "not-disclosed"
    # its scale names each grade (schema 1.19), for a consumer to show what the others show
    scale = json.loads(document)["targets"][0]["frameworks"][0]["score"]["scale"]
    assert [(g["grade"], g["name"]) for g in scale] == [
        ("disclosed", "shown"),
        ("not-disclosed", "withheld"),
    ], scale


def fmti_requirements(document: str) -> dict[str, Any]:
    framework = json.loads(document)["targets"][0]["frameworks"][0]
    return {r["id"]: r for r in framework["requirements"]}


@pytest.mark.parametrize(
    ("model", "matched"),
    [
        ("EleutherAI/pythia-6.9b", "EOSAI assesses a model built on this one"),
        ("EleutherAI/pythia-70m", "EOSAI assesses the Pythia family"),
    ],
)
def test_how_an_eosai_entry_matched_is_said_once_where_its_grades_are_shown(
    hub: LoopbackHub, tmp_path: Path, model: str, matched: str
) -> None:
    """-v and Markdown show the index's grades beside osai's, headed by how the entry matched;
    the note saying the same sentence (and its citation) came again among the notes/findings, a
    paragraph said twice in every EOSAI report a compliance officer read in full.  Where the
    grades are not shown (one line, or the EOSAI framework not judged) the note stays."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path), "COLUMNS": "400"}
    args = ("check", model, "-f", "eu-ai-act,eosai")
    verbose = run_osai(*args, "-v", env=env).stdout
    assert verbose.count(matched) == 1, verbose
    assert (
        "source of the experts' grades: European Open Source AI Index (https://osai-index.eu/), "
        "Liesenfeld and Dingemanse (2024)"
    ) in " ".join(verbose.split())
    markdown = run_osai(*args, "--format", "markdown", env=env).stdout
    assert markdown.count(matched) == 1, markdown
    assert "doi:10.5281/zenodo.15386042" in markdown
    related = "(about a related model: shown only)"  # the note said nothing was taken from it
    unescaped = markdown.replace("\\", "")
    assert (related in verbose) == (related in unescaped) == model.endswith("70m")
    assert matched in run_osai(*args, env=env).stdout  # the one-line comparison names no match
    unjudged = run_osai("check", model, "-f", "eu-ai-act", "-v", env=env).stdout
    assert unjudged.count(matched) == 1


def test_a_group_whose_grades_are_unknown_gives_the_bounds_their_floors_set(
    tmp_path: Path,
) -> None:
    """EOSAI's Access group is its Licenses parameter alone.  Pythia's datasets under a licence
    not known, the weights and the data-processing code under open ones: at least partial, the
    score's lower bound counting it at 0.5; the groups line said 'Access ?', as if nothing bounded
    it, beside that very grade shown as '≥partial'."""
    text = PYTHIA.read_text()
    datasets = "      component_path: 'https://pile.eleuther.ai/'\n"
    assert datasets in text
    path = tmp_path / "pythia.yml"
    path.write_text(text.replace(datasets, datasets + "      license: unknown\n"))
    shown = run_osai("check", str(path), "-f", "eosai", "-v", env={"COLUMNS": "200"})
    assert shown.code == 0, shown.stderr
    assert "≥partial Weights, training code and data under open licences" in shown.stdout
    assert "· Access 0.50 to 1.00\n" in shown.stdout


def test_an_unknown_grade_asks_about_the_components_it_is_unknown_for(tmp_path: Path) -> None:
    """EOSAI's Licenses, the datasets' licence alone unknown: the action asked about 'Model
    parameters (Final), Training code, Data preprocessing code or Datasets', three of them under
    the licences the evidence table showed (t5-base's: its Apache-2.0 weights, asked of Google)."""
    text = PYTHIA.read_text()
    datasets = "      component_path: 'https://pile.eleuther.ai/'\n"
    path = tmp_path / "pythia.yml"
    path.write_text(text.replace(datasets, datasets + "      license: unknown\n"))
    shown = run_osai("check", str(path), "-f", "eosai", env={"COLUMNS": "200"})
    assert shown.code == 0, shown.stderr
    asked = "Weights, training code and data under open licences (Datasets): licence unknown"
    assert asked in shown.stdout

    # the training code not listed, what else it is graded on shown: it alone is asked about,
    # named once ("Training code (Training code or Data preprocessing code)" before); the
    # datasets given a licence of their own (the release's, inherited, is not theirs)
    listed = "      name: 'Training code'\n      description: 'Code used for training the model'\n"
    listed = f"    -\n{listed}      license: MIT\n"
    assert listed in text
    unlisted = text.replace(listed, "").replace(datasets, datasets + "      license: CC-BY-4.0\n")
    path.write_text(
        unlisted.replace("  components:\n", "  unlisted_components: unknown\n  components:\n", 1)
    )
    shown = run_osai("check", str(path), "-f", "eosai", env={"COLUMNS": "200"})
    assert shown.code == 0, shown.stderr
    asked = "Training code; Weights, training code and data under open licences (Training code):"
    assert f"declare  {asked}" in shown.stdout


def test_an_action_on_data_with_the_release_licence_alone_says_it_is_not_theirs() -> None:
    """A MOT listing's Datasets with no licence of their own: EOSAI's Licenses judges the data
    on its own licence, not the license.distribution it inherits, and the action read
    'Weights, training code and data under open licences (Datasets): licence unknown' beside
    an evidence row showing 'Datasets · Apache-2.0': its maintainer could not tell what was
    missing.  It says the licence is the release's, and where it was stated."""
    listing = ROOT / "tests" / "fixtures" / "mot" / "models" / "Pythia-1.4B.yml"
    shown = run_osai("check", str(listing), "-f", "eosai", env={"COLUMNS": "200"})
    assert shown.code == 0, shown.stderr
    asked = "Weights, training code and data under open licences (Datasets):"
    said = "no licence of its own stated (Apache-2.0, inherited from license.distribution, is"
    assert f"declare  {asked} {said} the release's) — for EOSAI" in shown.stdout
    assert "licence unknown" not in shown.stdout
