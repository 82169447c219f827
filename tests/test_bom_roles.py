"""A dataset's role (training data or evaluation data) in a BOM, told by the formats' own fields.

osai wrote both as CycloneDX `data` components, and only its own osai:component property told
them apart: once a tool that re-processes the BOM dropped `osai:` properties, osai read the
evaluation data as training data, and credited MOF "Datasets" (or OSAID data information) with
data the producer never released as such.  CycloneDX's modelCard `modelParameters.datasets` are
"the datasets used to train and evaluate the model" (bom-1.6.schema.json), so they say no role;
a formulation workflow does: `build` from the dataset into the model (training), `test` of the
model on it (evaluation).  SPDX 3 says it in the relationship (trainedOn, testedOn).  A dataset
whose role no field says is read as of unknown role, noted, and credited as neither.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from gate_manifests import open_release, write_manifest
from test_bom import (
    FIXTURE,
    FORMATS,
    ROOT,
    cyclonedx_errors,
    render,
    report_of,
    spdx_objects,
)

PYTHIA = ROOT / "examples" / "pythia-70m.yml"


def components_of(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    (target,) = report["targets"]
    return {c["id"]: c for c in target["components"]}


def status_of(report: dict[str, Any]) -> dict[tuple[str, str], str]:
    (target,) = report["targets"]
    return {
        (f["id"], r["id"]): r["status"] for f in target["frameworks"] for r in f["requirements"]
    }


def notes_of(report: dict[str, Any]) -> list[str]:
    (target,) = report["targets"]
    return [f["message"] for f in target["findings"] if f["kind"] == "note"]


def without_osai_properties(node: Any) -> Any:
    """The BOM as a tool that drops vendor properties passes it on: no `osai:` property on any
    object (CycloneDX `properties`, SPDX 3 CdxPropertiesExtension entries)."""
    if isinstance(node, list):
        return [without_osai_properties(item) for item in node]
    if not isinstance(node, dict):
        return node
    kept = {key: without_osai_properties(value) for key, value in node.items()}
    for key, name in (("properties", "name"), ("extension_cdxProperty", "extension_cdxPropName")):
        if key in kept:
            kept[key] = [p for p in kept[key] if not p[name].startswith("osai:")]
    if not kept.get("properties", True):
        del kept["properties"]
    if "extension" in kept:  # an extension left without entries: none
        kept["extension"] = [e for e in kept["extension"] if e.get("extension_cdxProperty")]
        if not kept["extension"]:
            del kept["extension"]
    return kept


def property_names(node: Any) -> list[str]:
    """Every property's name: a CycloneDX property (name and value), an SPDX extension entry."""
    if isinstance(node, list):
        return [name for item in node for name in property_names(item)]
    if not isinstance(node, dict):
        return []
    own = [str(node["name"])] if {"name", "value"} <= set(node) else []
    own += [str(node["extension_cdxPropName"])] if "extension_cdxPropName" in node else []
    return own + [name for value in node.values() for name in property_names(value)]


def stripped(target: Path, output_format: str, tmp_path: Path) -> Path:
    """osai's BOM of `target` as another tool passes it on: no `osai:` property anywhere."""
    document = without_osai_properties(json.loads(render(target, output_format)))
    assert not [name for name in property_names(document) if name.startswith("osai:")]
    if output_format == "cyclonedx":
        assert cyclonedx_errors(json.dumps(document)) == []
    else:
        assert spdx_objects(json.dumps(document))
    path = tmp_path / f"stripped.{output_format}.json"
    path.write_text(json.dumps(document))
    return path


def presence_and_licence(component: dict[str, Any]) -> tuple[str, str | None]:
    licence = component["licence"]
    return component["presence"], licence and licence["text"]


# --- osai's BOM, its properties dropped ---------------------------------------------------


@pytest.mark.parametrize("output_format", FORMATS)
def test_evaluation_data_is_not_read_as_training_data_once_osai_properties_are_gone(
    output_format: str, tmp_path: Path
) -> None:
    """Evaluation data released under CC-BY-4.0, training datasets not released: stripped of
    osai:component, the CycloneDX BOM's evaluation data read as the training datasets, under
    CC-BY-4.0, and MOF Class I's "Datasets" was met on data that is not training data."""
    manifest = write_manifest(tmp_path / "m.yml", open_release(drop=("Datasets",)))
    direct = report_of(str(manifest))
    assert status_of(direct)[("mof", "MOF-C1-DATASETS")] == "unmet"
    again = report_of(str(stripped(manifest, output_format, tmp_path)))
    components = components_of(again)
    assert components["datasets"]["presence"] != "present"
    assert presence_and_licence(components["evaluation-data"]) == ("present", "CC-BY-4.0")
    assert status_of(again)[("mof", "MOF-C1-DATASETS")] != "met"
    assert status_of(again)[("mof", "MOF-C2-EVALUATION-DATA")] == "met"


@pytest.mark.parametrize("output_format", FORMATS)
def test_training_datasets_are_still_training_data_once_osai_properties_are_gone(
    output_format: str, tmp_path: Path
) -> None:
    """The other way round: the standard field says training, so the datasets are credited."""
    manifest = write_manifest(tmp_path / "m.yml", open_release(drop=("Evaluation data",)))
    again = report_of(str(stripped(manifest, output_format, tmp_path)))
    components = components_of(again)
    assert presence_and_licence(components["datasets"]) == ("present", "CC-BY-4.0")
    assert components["evaluation-data"]["presence"] != "present"
    assert status_of(again)[("mof", "MOF-C1-DATASETS")] == "met"


@pytest.mark.parametrize("output_format", FORMATS)
def test_both_roles_read_back_as_osai_wrote_them_without_its_properties(
    output_format: str, tmp_path: Path
) -> None:
    """Pythia's training data (the Pile) and its evaluation data: each read back as the role it
    was written with, each its own evidence (the stripped CycloneDX BOM gave "Evaluation data"
    as evidence for the datasets)."""
    direct = components_of(report_of(str(PYTHIA)))
    again = components_of(report_of(str(stripped(PYTHIA, output_format, tmp_path))))
    for role in ("datasets", "evaluation-data"):
        assert presence_and_licence(again[role]) == presence_and_licence(direct[role]), role
    assert [e["value"] for e in again["datasets"]["evidence"]] != []
    evidence = {e["value"] for e in again["datasets"]["evidence"]}
    assert "Evaluation data" not in evidence


def test_osai_writes_each_dataset_s_role_in_a_formulation_workflow(tmp_path: Path) -> None:
    """CycloneDX: training datasets are inputs of a `build` workflow whose output is the model,
    evaluation data inputs of a `test` workflow of the model; the BOM stays valid."""
    text = render(PYTHIA, "cyclonedx")
    assert cyclonedx_errors(text) == []
    bom = json.loads(text)
    model = bom["metadata"]["component"]["bom-ref"]
    named = {c["bom-ref"]: c["name"] for c in bom["components"]}
    (formula,) = bom["formulation"]
    roles = {}
    for workflow in formula["workflows"]:
        (kind,) = workflow["taskTypes"]
        inputs = [i["resource"]["ref"] for i in workflow["inputs"]]
        outputs = [o["resource"]["ref"] for o in workflow.get("outputs", [])]
        assert model in inputs + outputs
        roles[kind] = [named[ref] for ref in inputs if ref != model]
    assert roles == {"build": ["Datasets"], "test": ["Evaluation data"]}


# --- another tool's BOM ---------------------------------------------------------------------


def a_foreign_bom(tmp_path: Path, workflows: list[dict[str, Any]]) -> Path:
    """A CycloneDX ML-BOM as another tool writes it: a model, two data components named in its
    model card (which says only "used to train and evaluate"), and the given workflows."""
    bom: dict[str, Any] = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {
            "component": {
                "type": "machine-learning-model",
                "bom-ref": "model",
                "name": "m",
                "modelCard": {"modelParameters": {"datasets": [{"ref": "pile"}, {"ref": "mmlu"}]}},
            }
        },
        "components": [
            {
                "type": "data",
                "bom-ref": ref,
                "name": ref,
                "licenses": [{"license": {"id": "CC-BY-4.0"}}],
                "data": [{"type": "dataset", "name": ref}],
            }
            for ref in ("pile", "mmlu")
        ],
        "dependencies": [{"ref": "model", "dependsOn": ["pile", "mmlu"]}],
    }
    if workflows:
        bom["formulation"] = [{"workflows": workflows}]
    text = json.dumps(bom)
    assert cyclonedx_errors(text) == []
    path = tmp_path / "foreign.cdx.json"
    path.write_text(text)
    return path


def workflow(uid: str, kinds: list[str], inputs: list[str], outputs: list[str]) -> dict[str, Any]:
    return {
        "bom-ref": uid,
        "uid": uid,
        "taskTypes": kinds,
        "inputs": [{"resource": {"ref": ref}} for ref in inputs],
        **({"outputs": [{"resource": {"ref": ref}} for ref in outputs]} if outputs else {}),
    }


def test_a_foreign_dataset_whose_role_no_field_says_is_neither_and_is_noted(
    tmp_path: Path,
) -> None:
    report = report_of(str(a_foreign_bom(tmp_path, [])))
    components = components_of(report)
    assert components["datasets"]["presence"] == "unknown"
    assert components["evaluation-data"]["presence"] == "unknown"
    notes = [note for note in notes_of(report) if "no formulation workflow says" in note]
    assert len(notes) == 2, notes
    assert all(
        note.endswith(
            "no formulation workflow says it is datasets or evaluation-data, so it is "
            "credited as neither"
        )
        for note in notes
    ), notes


def test_a_dataset_of_unstated_role_is_evidence_that_says_so(tmp_path: Path) -> None:
    """The datasets and evaluation data read "not described in the BOM" (`-v`), while a note
    said the BOM names data credited as neither: the verdict (unknown) stands, and the
    evidence says what the BOM does say.  Not of a component the BOM names no data for."""
    report = report_of(str(a_foreign_bom(tmp_path, [])))
    components = components_of(report)
    for component in ("datasets", "evaluation-data"):
        (evidence,) = components[component]["evidence"]
        assert evidence["note"] == (
            "the BOM names data no formulation workflow places, of unknown role: not credited"
        )
    (other,) = components["model-metadata"]["evidence"]
    assert other["note"] == "not described in the BOM"


def test_a_foreign_bom_s_formulation_says_each_dataset_s_role(tmp_path: Path) -> None:
    path = a_foreign_bom(
        tmp_path,
        [
            workflow("train", ["build"], ["pile"], ["model"]),
            workflow("eval", ["test"], ["model", "mmlu"], []),
        ],
    )
    components = components_of(report_of(str(path)))
    assert [e["value"] for e in components["datasets"]["evidence"]] == ["pile"]
    assert [e["value"] for e in components["evaluation-data"]["evidence"]] == ["mmlu"]


@pytest.mark.parametrize(
    "workflows",
    [
        # one workflow that both builds and tests: which input is which, it does not say
        [workflow("w", ["build", "test"], ["pile", "mmlu"], ["model"])],
        # a build that does not make this model: not its training
        [workflow("w", ["build"], ["pile", "mmlu"], ["other"])],
    ],
    ids=["build-and-test", "another-model"],
)
def test_a_workflow_that_does_not_place_a_dataset_leaves_its_role_unknown(
    workflows: list[dict[str, Any]], tmp_path: Path
) -> None:
    components = components_of(report_of(str(a_foreign_bom(tmp_path, workflows))))
    assert components["datasets"]["presence"] == "unknown"
    assert components["evaluation-data"]["presence"] == "unknown"


def test_the_owasp_generator_s_model_card_dataset_says_no_role(tmp_path: Path) -> None:
    """The generator lists t5-base's c4 inline in modelParameters.datasets, with no workflow:
    used to train or to evaluate, the BOM does not say; not credited as the training data."""
    report = report_of(str(FIXTURE))
    assert components_of(report)["datasets"]["presence"] == "unknown"
    assert any("'c4'" in note and "credited as neither" in note for note in notes_of(report))


def test_spdx_dataset_reached_by_no_role_relationship_is_not_training_data(
    tmp_path: Path,
) -> None:
    """SPDX: trainedOn and testedOn say the role; a DatasetPackage the model only dependsOn
    is neither (a note says it maps to no MOF component)."""
    text = render(PYTHIA, "spdx")
    document = without_osai_properties(json.loads(text))
    for item in document["@graph"]:
        if item.get("relationshipType") in ("trainedOn", "testedOn"):
            item["relationshipType"] = "dependsOn"
    assert spdx_objects(json.dumps(document))
    path = tmp_path / "dependson.spdx.json"
    path.write_text(json.dumps(document))
    report = report_of(str(path))
    components = components_of(report)
    assert components["datasets"]["presence"] == "unknown"
    assert components["evaluation-data"]["presence"] == "unknown"
    assert any("dataset_DatasetPackage via dependsOn" in note for note in notes_of(report))


def test_many_datasets_whose_role_no_field_says_are_noted_within_bounds(tmp_path: Path) -> None:
    """A BOM of 5,000 datasets its model card names, none placed by a workflow, gave a note
    each (and each named its dataset whole): a report of 10,000 lines.  The first few are
    noted, the rest counted, and a name is cut to a line."""
    names = ["x" * 5000, *(f"ds{i}" for i in range(1, 5000))]
    refs = [{"ref": f"d{i}"} for i in range(len(names))]
    model = {
        "type": "machine-learning-model",
        "bom-ref": "model",
        "name": "m",
        "modelCard": {"modelParameters": {"datasets": refs}},
    }
    data = [
        {"type": "data", "bom-ref": f"d{i}", "name": name, "data": [{"type": "dataset"}]}
        for i, name in enumerate(names)
    ]
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [model, *data]}
    path = tmp_path / "many.cdx.json"
    path.write_text(json.dumps(bom), encoding="utf-8")
    notes = [n for n in notes_of(report_of(str(path))) if "component" in n]
    assert len(notes) == 9, notes[:3]
    assert all(len(note) < 400 for note in notes), notes[0][:200]
    assert notes[1].endswith(
        "component 'ds1' (data): no formulation workflow says it is "
        "datasets or evaluation-data, so it is credited as neither"
    )
    assert notes[-1] == f"{path}: 4,992 more notes on its components like these, not shown"
