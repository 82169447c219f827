"""The JSON of `osai rules list|show|explain` and `osai licenses list|show`, as a script reads
it: every document names itself and its version, and rules/schema/rules-json.schema.json
describes each one, for every framework and every requirement osai ships."""

from __future__ import annotations

import json
from typing import Any

import pytest
from clirunner import run_osai

from osai.rules import load_ruleset
from osai.schemas import instance_errors

RULES = load_ruleset()
FRAMEWORKS = sorted(RULES.frameworks)
REQUIREMENTS = sorted(
    requirement.id
    for framework in RULES.frameworks.values()
    for requirement in framework.requirements
)
LICENCES = [
    "Apache-2.0",
    "MIT OR llama2",
    "GPL",
    "unlicensed",
    "no-such-licence",
    "bigscience-openrail-m",
]


def _document(*command: str) -> dict[str, Any]:
    result = run_osai(*command, "--format", "json")
    assert result.code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _valid(document: dict[str, Any], kind: str) -> None:
    assert document["document"] == kind
    assert document["schema_version"] == "1.4"
    assert list(instance_errors("rules-json", document)) == []


def test_rules_list_is_described_by_its_schema() -> None:
    document = _document("rules", "list")
    _valid(document, "rules-list")
    assert [f["id"] for f in document["frameworks"]] == list(RULES.frameworks)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_rules_show_is_described_by_its_schema(framework: str) -> None:
    _valid(_document("rules", "show", framework), "rules-show")


def test_rules_explain_is_described_by_its_schema_for_every_requirement() -> None:
    for requirement in REQUIREMENTS:
        _valid(_document("rules", "explain", requirement), "rules-explain")


def test_rules_explain_of_a_scope_condition_is_what_its_text_says() -> None:
    """`rules explain EUAIA-SCOPE-GPAI-COMPUTE` told the condition in text and refused it in
    JSON ("no rule"): the scope `rules show` lists is explained in both."""
    document = _document("rules", "explain", "euaia-scope-gpai-compute")
    _valid(document, "rules-explain-scope")
    assert document["framework"]["id"] == "eu-ai-act"
    assert document["label"].startswith("not in scope (indicative)")
    assert document["checks"] == [
        "fact 'training_compute_flop' more than 1e+23 "
        "(manifest: release.declarations.training_compute_flop), unless fact "
        "'systemic_risk_designation' met if designated; unmet if none "
        "(manifest: release.declarations.systemic_risk_designation) (then within scope)"
    ]
    shown = _document("rules", "show", "eu-ai-act")
    assert [c["id"] for c in shown["scope"]] == ["EUAIA-SCOPE-GPAI-COMPUTE"]


@pytest.mark.parametrize("rule", sorted(r.id for r in RULES.inference))
def test_an_inference_rule_a_verdict_names_is_explained(rule: str) -> None:
    """A verdict met by inference names its rule ("inference NO-OTHER-DATA-BESIDE-RELEASED-
    DATASETS = none (inferred)"), and `rules explain` of that id said "no rule", exit 2: the
    reader could not learn when osai infers it, how surely, or on which text.  Explained in text
    and JSON, any case, with the requirements it serves; each such requirement names it."""
    text = run_osai("rules", "explain", rule.lower(), env={"COLUMNS": "400"})
    assert text.code == 0, text.stderr
    lines = text.stdout.splitlines()
    found = next(r for r in RULES.inference if r.id == rule)
    assert lines[0] == f"{rule}: {found.title}"
    said = {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in lines[1:]}
    assert said["stands"].startswith("with the certainty 'inferred'")
    assert said["infers"] == "; ".join(f"fact '{f}' = {v}" for f, v in found.infer.items())
    document = _document("rules", "explain", rule)
    _valid(document, "rules-explain-inference")
    assert document["infers"] == dict(found.infer)
    assert document["requirements"]
    for requirement in document["requirements"]:
        explained = _document("rules", "explain", requirement)
        assert rule in [entry["rule"] for entry in explained["inferred_by"]]
        shown = run_osai("rules", "explain", requirement, env={"COLUMNS": "400"}).stdout
        assert f"(osai rules explain {rule})" in shown


@pytest.mark.parametrize("reading", sorted(RULES.readings))
def test_a_reading_a_verdict_names_is_explained(reading: str) -> None:
    """A check met by a reading (its `inferred_by`: OSAID's description of the data, met on a
    data card) names it in its evidence ("inference DATA-CARD-DESCRIBES-THE-DATA = A data card
    describes the training data (inferred)"): explained in text and JSON, any case, with the
    requirements it meets a part of; each such requirement names it."""
    text = run_osai("rules", "explain", reading.lower(), env={"COLUMNS": "400"})
    assert text.code == 0, text.stderr
    lines = text.stdout.splitlines()
    found = RULES.readings[reading]
    assert lines[0] == f"{reading}: {found.title}"
    said = {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in lines[1:]}
    assert said["stands"].startswith("with the certainty 'inferred' at most")
    document = _document("rules", "explain", reading)
    _valid(document, "rules-explain-reading")
    assert document["citation"]["url"] == "https://opensource.org/ai/checklist"
    assert document["requirements"]
    for entry in document["requirements"]:
        explained = _document("rules", "explain", entry["id"])
        assert {"reading": reading, "part": entry["part"]} in explained["read_by"]
        shown = run_osai("rules", "explain", entry["id"], env={"COLUMNS": "400"}).stdout
        assert f"{entry['part']} met as an inference: {found.title}" in shown
        assert f"by the reading {reading}" in " ".join(shown.split())


def test_licenses_list_is_described_by_its_schema() -> None:
    _valid(_document("licenses", "list"), "licenses-list")


@pytest.mark.parametrize("expression", LICENCES)
def test_licenses_show_is_described_by_its_schema(expression: str) -> None:
    _valid(_document("licenses", "show", expression), "licenses-show")


@pytest.mark.parametrize(
    ("expression", "binds"),
    [
        ("CC-BY-NC-3.0", ["its non-commercial term holds for whatever is derived from it"]),
        ("gpl-3.0", ["what is derived from it must be shared under the same terms"]),
        ("MIT", [""]),
        ("Apache-2.0 OR llama2", ["", "Llama 2 Community License, 1.b.i: "]),
    ],
)
def test_licenses_show_says_whether_a_licence_binds_what_is_derived_from_it(
    expression: str, binds: list[str]
) -> None:
    """Whether a fine-tune of a model under a licence stays under it decides a check's licence
    lineage and the census's candidates (rules/links.yaml binding_terms), and `licenses show`
    never said it: the one list, in text and JSON."""
    licences = _document("licenses", "show", expression)["licences"]
    said = [licence["binds_derivatives"] for licence in licences]
    assert [s[: len(b)] for s, b in zip(said, binds, strict=True)] == binds
    assert all(bool(s) is bool(b) for s, b in zip(said, binds, strict=True))
    text = run_osai("licenses", "show", expression, env={"COLUMNS": "400"}).stdout
    assert text.count("    binds derivatives: ") == sum(bool(b) for b in binds)


def test_the_schema_tells_one_document_from_another() -> None:
    """A script that trusts the schema is told when a document is not what it says it is: a
    rules-show document calling itself rules-explain, or missing what its kind requires."""
    shown = _document("rules", "show", "osaid")
    assert list(instance_errors("rules-json", {**shown, "document": "rules-explain"}))
    assert list(instance_errors("rules-json", {k: v for k, v in shown.items() if k != "levels"}))
    listed = _document("rules", "list")
    listed["frameworks"][0]["requirements"][0]["surprise"] = 1
    assert list(instance_errors("rules-json", listed))
