"""AI bills of materials out (CycloneDX 1.6, SPDX 3.0.1) and in (osai check BOM.json).

Outputs are validated with the official tooling: CycloneDX's 1.6 JSON schema through
cyclonedx-python-lib's validator, SPDX 3.0.1 through spdx-python-model (its SHACL-derived types,
enumerations and cardinalities, checked by loading the document and writing it again).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from clirunner import run_osai
from typer.testing import CliRunner

from osai.bommap import load_bom_mapping
from osai.cli import app
from osai.formatters import format_names
from osai.rules import load_ruleset, validate_rule_file
from osai.targets import kind_of

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yml"))
FIXTURE = ROOT / "tests" / "fixtures" / "bom" / "aibom-generator-t5-base.json"
FORMATS = ("cyclonedx", "spdx")


def osai(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def report_of(*args: str) -> dict[str, Any]:
    code, out, err = osai("check", *args, "--format", "json")
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def cyclonedx_errors(text: str) -> list[str]:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    errors = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text, all_errors=True)
    return [str(error)[:300] for error in errors or ()]


def spdx_objects(text: str) -> list[Any]:
    """Load with spdx-python-model and serialise again (which enforces cardinalities)."""
    import spdx_python_model

    model, objects = spdx_python_model.load_data(json.loads(text))
    model.JSONLDSerializer().write(objects, io.BytesIO())
    return list(objects.objects)


def render(target: str | Path, output_format: str, *extra: str) -> str:
    code, out, err = osai("check", str(target), "--format", output_format, *extra)
    assert code == 0, err
    return out


# --- the mapping ------------------------------------------------------------------------------


def test_both_formats_are_registered_and_the_mapping_covers_the_17_components() -> None:
    assert {"cyclonedx", "spdx"} <= set(format_names())
    assert validate_rule_file(ROOT / "rules" / "bom.yaml") == []
    assert list(load_bom_mapping().components) == list(load_ruleset().components)


# --- CycloneDX out ----------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_cyclonedx_of_every_example_validates_against_the_official_schema(example: Path) -> None:
    assert cyclonedx_errors(render(example, "cyclonedx")) == []


def test_the_validator_rejects_what_the_schema_forbids() -> None:
    """Guard against a validator that accepts anything: a licence with both id and name."""
    bom = json.loads(render(ROOT / "examples" / "pythia-70m.yml", "cyclonedx"))
    bom["metadata"]["component"]["licenses"] = [{"license": {"id": "MIT", "name": "MIT"}}]
    assert cyclonedx_errors(json.dumps(bom)) != []


def properties(component: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p["value"] for p in component.get("properties", [])}


def test_pythia_as_cyclonedx_ml_bom() -> None:
    bom = json.loads(render(ROOT / "examples" / "pythia-70m.yml", "cyclonedx"))
    model = bom["metadata"]["component"]
    assert (model["type"], model["name"], model["manufacturer"]) == (
        "machine-learning-model",
        "Pythia-70M",
        {"name": "EleutherAI"},
    )
    assert model["licenses"] == [{"expression": "Apache-2.0", "acknowledgement": "declared"}]
    parts = {properties(c)["osai:component"]: c for c in bom["components"]}
    datasets = parts["datasets"]
    assert (datasets["type"], datasets["data"][0]["type"]) == ("data", "dataset")
    assert datasets["data"][0]["contents"] == {"url": "https://pile.eleuther.ai/"}
    card_datasets = model["modelCard"]["modelParameters"]["datasets"]
    assert {"ref": datasets["bom-ref"]} in card_datasets
    paper = parts["research-paper"]
    assert paper["licenses"] == [{"expression": "CC-BY-SA-4.0", "acknowledgement": "declared"}]
    assert paper["externalReferences"] == [
        {"type": "documentation", "url": "https://arxiv.org/abs/2304.01373"}
    ]
    assert parts["training-code"]["type"] == "library"
    own = properties(model)
    assert own["osai:framework:osaid:outcome"] == "conformant"
    assert own["osai:framework:osaid:version"] == "1.0"
    assert own["osai:framework:osaid:certainty"] == "declared"
    assert own["osai:framework:mof:outcome"] == "class-1"
    assert own["osai:framework:mof:requirement:MOF-C1-DATASETS:status"] == "met"
    assert own["osai:component:technical-report:presence"] == "absent"
    facts = properties(model["modelCard"])
    assert facts["osai:fact:third_party_data_sources"] == "none"
    dependencies = {d["ref"]: d.get("dependsOn", []) for d in bom["dependencies"]}
    assert datasets["bom-ref"] in dependencies[model["bom-ref"]]


def test_the_model_s_supplier_is_the_one_spdx_states() -> None:
    """The producer was CycloneDX's `manufacturer` alone, SPDX's `suppliedBy`: a CycloneDX
    consumer checking the NTIA minimum elements ("supplier name") found none, and lib4sbom's
    conversion to SPDX dropped it.  Both formats now state the same supplier."""
    example = ROOT / "examples" / "pythia-70m.yml"
    model = json.loads(render(example, "cyclonedx"))["metadata"]["component"]
    assert model["supplier"] == model["manufacturer"] == {"name": "EleutherAI"}
    graph = graph_of(render(example, "spdx"))
    (model_id,) = root_models(graph)
    assert graph[graph[model_id]["suppliedBy"]]["name"] == model["supplier"]["name"]


def test_a_licence_name_is_written_as_the_licence_osai_reads(tmp_path: Path) -> None:
    """MOT's Falcon-180B listing names its licence ' Falcon-180B TII License': CycloneDX gave
    that name with its leading space, which no consumer's licence policy matches.  It is the
    LicenseRef- rules/licenses.yaml defines for it, as osai reads it; osai:licence keeps the
    source's words, so the BOM read back states the licence as the listing did."""
    example = ROOT / "examples" / "falcon-180b.yml"
    text = render(example, "cyclonedx")
    assert cyclonedx_errors(text) == []
    model = json.loads(text)["metadata"]["component"]
    assert model["licenses"] == [
        {"expression": "LicenseRef-falcon-180b-tii", "acknowledgement": "declared"}
    ]
    assert properties(model)["osai:licence"] == " Falcon-180B TII License"
    bom = tmp_path / "falcon.cdx.json"
    bom.write_text(text)
    before, after = report_of(str(example)), report_of(str(bom))
    licences = [
        {c["id"]: (c["licence"] or {}).get("text") for c in r["targets"][0]["components"]}
        for r in (before, after)
    ]
    assert licences[0] == licences[1]
    assert licences[1]["model-parameters-final"] == " Falcon-180B TII License"


def test_llama_keeps_its_licence_name_and_the_unmet_verdicts() -> None:
    bom = json.loads(render(ROOT / "examples" / "llama-2-7b.yml", "cyclonedx"))
    model = bom["metadata"]["component"]
    assert model["licenses"] == [{"expression": "LicenseRef-llama2", "acknowledgement": "declared"}]
    assert properties(model)["osai:licence"] == "Llama 2 Community License"
    own = properties(model)
    assert own["osai:framework:osaid:outcome"] == "not-conformant"
    assert own["osai:framework:osaid:definite"] == "true"
    assert own["osai:framework:osaid:requirement:OSAID-PARAMETERS:status"] == "unmet"
    assert own["osai:component:datasets:presence"] == "absent"
    (paper,) = [c for c in bom["components"] if properties(c)["osai:component"] == "research-paper"]
    # The MOT's keyword for "released with no licence": SPDX's NONE, and the words kept for osai.
    assert paper["licenses"] == [{"expression": "NONE", "acknowledgement": "declared"}]
    assert properties(paper)["osai:licence"] == "unlicensed"


def test_no_licence_is_spdx_s_none_expression_not_a_licence_named_none(tmp_path: Path) -> None:
    """A licence *named* NONE is what other tools show as a licence called "NONE"; SPDX's NONE
    expression says no licence.  Read back, by osai or from the standard field alone (another
    tool's reader has no osai:licence words), it stays unlicensed: never unknown."""
    llama = ROOT / "examples" / "llama-2-7b.yml"
    text = render(llama, "cyclonedx")
    assert cyclonedx_errors(text) == []
    bom = json.loads(text)
    components = [bom["metadata"]["component"], *bom["components"]]
    named = [entry["license"] for c in components for entry in c["licenses"] if "license" in entry]
    assert all(licence["name"] != "NONE" for licence in named)
    (paper,) = [c for c in components if properties(c).get("osai:component") == "research-paper"]
    assert paper["licenses"] == [{"expression": "NONE", "acknowledgement": "declared"}]
    direct = report_of(str(llama))
    paper["properties"] = [p for p in paper["properties"] if p["name"] != "osai:licence"]
    standard_only = tmp_path / "llama.cdx.json"
    standard_only.write_text(json.dumps(bom))
    again = report_of(str(standard_only))
    licences = {
        c["id"]: c["licence"] and c["licence"]["text"] for c in again["targets"][0]["components"]
    }
    assert licences["research-paper"] == "unlicensed"
    assert verdicts(again) == verdicts(direct)


def test_output_is_deterministic_and_the_serial_follows_the_content() -> None:
    pythia = ROOT / "examples" / "pythia-70m.yml"
    first, second = render(pythia, "cyclonedx"), render(pythia, "cyclonedx")
    assert first == second
    assert "timestamp" not in json.loads(first)["metadata"]
    other = render(pythia, "cyclonedx", "--mof-mode", "strict")
    assert json.loads(other)["serialNumber"] != json.loads(first)["serialNumber"]
    assert render(pythia, "spdx") == render(pythia, "spdx")


def test_source_date_epoch_dates_both_boms_as_reproducible_builds_do() -> None:
    """A build that sets SOURCE_DATE_EPOCH (reproducible-builds.org) has its BOMs dated by it:
    SPDX's required `created` read 1970 and CycloneDX had no timestamp, whatever the build said."""
    pythia = str(ROOT / "examples" / "pythia-70m.yml")
    dated = {"SOURCE_DATE_EPOCH": "1735689600"}  # 2025-01-01T00:00:00Z
    cyclonedx = run_osai("check", pythia, "--format", "cyclonedx", env=dated)
    assert cyclonedx.code == 0, cyclonedx.stderr
    assert json.loads(cyclonedx.stdout)["metadata"]["timestamp"] == "2025-01-01T00:00:00Z"
    assert cyclonedx_errors(cyclonedx.stdout) == []
    spdx = run_osai("check", pythia, "--format", "spdx", env=dated)
    (creation,) = [o for o in json.loads(spdx.stdout)["@graph"] if o["type"] == "CreationInfo"]
    assert creation["created"] == "2025-01-01T00:00:00Z"
    assert spdx_objects(spdx.stdout)
    # unset or empty: the same bytes from run to run, as before
    assert run_osai("check", pythia, "--format", "spdx", env={"SOURCE_DATE_EPOCH": ""}).stdout == (
        render(pythia, "spdx")
    )


@pytest.mark.parametrize("written", ["yesterday", "-5", "1.5e9", "99999999999999999999"])
def test_a_source_date_epoch_that_is_no_date_stops_a_bom_and_only_a_bom(
    written: str, tmp_path: Path
) -> None:
    pythia = str(ROOT / "examples" / "pythia-70m.yml")
    bom = tmp_path / "model.cdx.json"
    refused = run_osai("check", pythia, "-o", str(bom), env={"SOURCE_DATE_EPOCH": written})
    assert refused.code == 2 and not bom.exists()
    (line,) = refused.stderr.splitlines()
    assert line.startswith(f"osai: error: SOURCE_DATE_EPOCH '{written}': ")
    text = run_osai("check", pythia, env={"SOURCE_DATE_EPOCH": written})
    assert text.code == 0 and "SOURCE_DATE_EPOCH" not in text.stdout + text.stderr


def test_a_hub_release_gets_a_huggingface_purl() -> None:
    from osai.evidence import Release
    from osai.formatters.bomdata import huggingface_purl

    sha = "A39F36B100FE8A5377810D56C3F4789B9C53AC42"
    pythia = "EleutherAI/pythia-70m"
    hub = Release(pythia, "hub", pythia, revision=sha, hub_id=pythia)
    assert huggingface_purl(hub) == f"pkg:huggingface/EleutherAI/pythia-70m@{sha.lower()}"
    mirror = Release(
        "org/m",
        "hub",
        "org/m",
        revision=sha.lower(),
        document="http://127.0.0.1:8080/org/m",
        hub_id="org/m",
    )
    assert huggingface_purl(mirror).endswith("?repository_url=http:%2F%2F127.0.0.1:8080")
    assert huggingface_purl(Release("org/m", "hub", "org/m", revision="main", hub_id="org/m")) == ""
    assert huggingface_purl(Release("x.yml", "manifest", "M", revision=sha)) == ""
    # a commit with a line break after it is no commit (`^…$` with .match took it)
    broken = Release(pythia, "hub", pythia, revision=sha + "\n", hub_id=pythia)
    assert huggingface_purl(broken) == ""


def test_a_bom_s_purl_names_the_model_without_its_subpath() -> None:
    """A BOM's `pkg:huggingface/org/name#sub` (a subpath, as package URLs allow) named the
    model `name#sub` in the BOM osai writes of it: the one reading of a Hub purl (hubrefs)
    leaves it out, as it leaves out a version and qualifiers."""
    from osai.evidence import Release
    from osai.formatters.bomname import hub_name

    for purl in ("pkg:huggingface/org/name#sub", "pkg:huggingface/org/name@abc?x=1#s"):
        assert hub_name(Release("b.json", "bom", "n", purl=purl)) == ("org", "name"), purl
    assert hub_name(Release("b.json", "bom", "n", purl="pkg:pypi/x")) == ("", "n")


def test_a_revision_named_apart_keeps_its_purl() -> None:
    """Two revisions of one model in one run are named `ID@REVISION` (osai.run.named_apart):
    the Hub the model was read from is still its address less the model's id, not the whole
    address (`?repository_url=https://huggingface.co/org/m`, a Hub that is not there)."""
    from osai.evidence import Release
    from osai.formatters.bomdata import huggingface_purl

    sha = "a39f36b100fe8a5377810d56c3f4789b9c53ac42"
    hub = Release("org/m@main", "hub", "org/m", revision=sha, hub_id="org/m",
                  document="https://huggingface.co/org/m")  # fmt: skip
    assert huggingface_purl(hub) == f"pkg:huggingface/org/m@{sha}"
    mirror = Release("org/m@main", "hub", "org/m", revision=sha, hub_id="org/m",
                     document="http://127.0.0.1:8080/org/m")  # fmt: skip
    assert huggingface_purl(mirror).endswith(f"@{sha}?repository_url=http:%2F%2F127.0.0.1:8080")


def test_a_component_given_twice_alike_is_one(tmp_path: Path) -> None:
    """Two components of one bom-ref are refused; the same component written twice (as a
    merge of BOMs may leave it) is read once, to the verdicts of the BOM without the copy."""
    bom = json.loads(render(ROOT / "examples" / "pythia-70m.yml", "cyclonedx"))
    once = tmp_path / "once.cdx.json"
    once.write_text(json.dumps(bom), encoding="utf-8")
    bom["components"].append(bom["components"][0])
    twice = tmp_path / "twice.cdx.json"
    twice.write_text(json.dumps(bom), encoding="utf-8")
    outcomes = [
        [f["outcome"] for f in json.loads(render(path, "json"))["targets"][0]["frameworks"]]
        for path in (once, twice)
    ]
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("where", ["metadata-and-components", "components"])
def test_a_model_given_twice_alike_is_one_target(tmp_path: Path, where: str) -> None:
    """The model component written twice alike (in metadata.component and again in components,
    as some generators list the BOM's subject; or twice in components, as a merge leaves it)
    is one model, as SPDX's ai_AIPackage given twice alike is: it was judged twice, the report
    holding `x.cdx.json#1` and `x.cdx.json#2` of the same model."""
    bom = json.loads(render(ROOT / "examples" / "pythia-70m.yml", "cyclonedx"))
    model = bom["metadata"]["component"]
    if where == "components":
        del bom["metadata"]["component"]
        bom["components"][:0] = [model]
    bom["components"].append(model)
    twice = tmp_path / "twice.cdx.json"
    twice.write_text(json.dumps(bom), encoding="utf-8")
    targets = json.loads(render(twice, "json"))["targets"]
    assert [t["target"] for t in targets] == [str(twice)]


def a_model_directory(root: Path, datasets: tuple[str, ...]) -> Path:
    """A model directory whose card gives a pipeline tag and datasets, and whose config names
    the architecture's class (as the Hub's do)."""
    root.mkdir()
    listed = "".join(f"- {name}\n" for name in datasets)
    card = f"---\nlicense: apache-2.0\npipeline_tag: text-generation\ndatasets:\n{listed}---\n"
    (root / "README.md").write_text(card)
    config = {"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox"}
    (root / "config.json").write_text(json.dumps(config))
    (root / "model.safetensors").write_bytes(b"\0" * 16)
    return root


def test_the_model_card_gives_the_task_and_architecture_osai_read(tmp_path: Path) -> None:
    """modelParameters.task is the card's pipeline tag, modelArchitecture the config's class;
    both were only osai:fact properties."""
    model = a_model_directory(tmp_path / "m", ("EleutherAI/pile",))
    text = render(model, "cyclonedx")
    assert cyclonedx_errors(text) == []
    parameters = json.loads(text)["metadata"]["component"]["modelCard"]["modelParameters"]
    assert (parameters["task"], parameters["modelArchitecture"]) == (
        "text-generation",
        "GPTNeoXForCausalLM",
    )


def test_a_task_or_architecture_no_evidence_names_is_not_written(tmp_path: Path) -> None:
    """A manifest's own words for the modalities or the architecture are not a task or a class
    name: nothing is invented, the osai:fact properties carry them as before."""
    from gate_manifests import open_release, write_manifest

    document = open_release()
    release = document["release"]
    assert isinstance(release, dict)
    release["declarations"] = {
        "usage_modalities": "text in, text out",
        "architecture_description": "a decoder-only transformer",
    }
    manifest = write_manifest(tmp_path / "m.yml", document)
    model = json.loads(render(manifest, "cyclonedx"))["metadata"]["component"]
    parameters = model["modelCard"].get("modelParameters", {})
    assert "task" not in parameters and "modelArchitecture" not in parameters
    facts = properties(model["modelCard"])
    assert facts["osai:fact:usage_modalities"] == "text in, text out"


def dataset_parts(bom: dict[str, Any], role: str) -> list[dict[str, Any]]:
    return [c for c in bom["components"] if properties(c).get("osai:component") == role]


def test_datasets_named_by_the_evidence_are_components_named_by_their_ids(tmp_path: Path) -> None:
    """The card's two datasets: a component each, named by its Hub id, with the role of the
    part (osai:component datasets), linked from the model card; SPDX, a DatasetPackage each the
    model is trainedOn.  Read back, the verdicts and the evidence are the same."""
    model = a_model_directory(tmp_path / "m", ("EleutherAI/pile", "c4"))
    boms = {name: tmp_path / f"m.{name}.json" for name in FORMATS}
    direct = report_of(str(model), *(f"-o{name}={path}" for name, path in boms.items()))
    text = boms["cyclonedx"].read_text()
    assert cyclonedx_errors(text) == []
    bom = json.loads(text)
    parts = dataset_parts(bom, "datasets")
    assert [c["name"] for c in parts] == ["EleutherAI/pile", "c4"]
    assert [c["data"][0]["contents"]["url"] for c in parts] == [
        "https://huggingface.co/datasets/EleutherAI/pile",
        "https://huggingface.co/datasets/c4",
    ]
    card = bom["metadata"]["component"]["modelCard"]["modelParameters"]["datasets"]
    assert [{"ref": c["bom-ref"]} for c in parts] == card
    spdx = boms["spdx"].read_text()
    assert spdx_objects(spdx)
    graph = graph_of(spdx)
    (package,) = root_models(graph)
    trained_on = [graph[element]["name"] for element in related(graph, package, "trainedOn")]
    assert trained_on == ["EleutherAI/pile", "c4"]
    for path in boms.values():
        again = report_of(str(path))
        assert verdicts(again) == verdicts(direct)
        assert evidence(again) == evidence(direct)
        # a BOM written from the BOM names each dataset again
        names = [
            c["name"] for c in dataset_parts(json.loads(render(path, "cyclonedx")), "datasets")
        ]
        assert names == ["EleutherAI/pile", "c4"]


def test_a_manifest_s_dataset_keeps_its_licence_and_its_role(tmp_path: Path) -> None:
    """A manifest lists two Hub datasets (component_path) under ODC-By-1.0: a component each,
    named by its id, under that licence; evaluation data named by a Hub URL keeps its
    role (osai:component evaluation-data; SPDX testedOn)."""
    from gate_manifests import open_release, write_manifest

    document = open_release()
    release = document["release"]
    assert isinstance(release, dict)
    components = release["components"]
    assert isinstance(components, list)
    for component in components:
        if component["name"] == "Datasets":
            component["component_path"] = [
                "https://huggingface.co/datasets/tiiuae/falcon-refinedweb",
                "https://huggingface.co/datasets/bigcode/the-stack",
            ]
            component["license"] = "ODC-By-1.0"
        if component["name"] == "Evaluation data":
            component["component_path"] = "https://huggingface.co/datasets/cais/mmlu"
    manifest = write_manifest(tmp_path / "m.yml", document)
    bom = json.loads(render(manifest, "cyclonedx"))
    training = dataset_parts(bom, "datasets")
    assert [(c["name"], c["licenses"]) for c in training] == [
        (name, [{"expression": "ODC-By-1.0", "acknowledgement": "declared"}])
        for name in ("tiiuae/falcon-refinedweb", "bigcode/the-stack")
    ]
    (evaluation,) = dataset_parts(bom, "evaluation-data")
    assert evaluation["name"] == "cais/mmlu"
    graph = graph_of(render(manifest, "spdx"))
    (package,) = root_models(graph)
    assert [graph[e]["name"] for e in related(graph, package, "testedOn")] == ["cais/mmlu"]


# --- SPDX out ---------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_spdx_of_every_example_loads_and_serialises_with_spdx_python_model(example: Path) -> None:
    assert spdx_objects(render(example, "spdx"))


def test_spdx_python_model_rejects_what_spdx_forbids() -> None:
    import spdx_python_model

    document = json.loads(render(ROOT / "examples" / "pythia-70m.yml", "spdx"))
    (dataset,) = [e for e in document["@graph"] if e["type"] == "dataset_DatasetPackage"][:1]
    del dataset["dataset_datasetType"]
    with pytest.raises(ValueError, match="datasetType"):
        spdx_objects(json.dumps(document))
    document["@graph"][1]["profileConformance"] = ["no-such-profile"]
    with pytest.raises((ValueError, spdx_python_model.LoadError)):
        spdx_objects(json.dumps(document))


def graph_of(text: str) -> dict[str, dict[str, Any]]:
    return {item.get("spdxId", item.get("@id")): item for item in json.loads(text)["@graph"]}


def related(graph: dict[str, dict[str, Any]], source: str, kind: str) -> list[str]:
    return [
        target
        for item in graph.values()
        if item["type"] == "Relationship"
        and item["from"] == source
        and item["relationshipType"] == kind
        for target in item["to"]
    ]


def root_models(graph: dict[str, dict[str, Any]]) -> list[str]:
    (sbom,) = [e for e in graph.values() if e["type"] == "software_Sbom"]
    assert all(graph[root]["type"] == "ai_AIPackage" for root in sbom["rootElement"])
    roots: list[str] = sbom["rootElement"]
    return roots


def extension_of(element: dict[str, Any]) -> dict[str, str]:
    (extension,) = element["extension"]
    assert extension["type"] == "extension_CdxPropertiesExtension"
    return {
        p["extension_cdxPropName"]: p.get("extension_cdxPropValue", "")
        for p in extension["extension_cdxProperty"]
    }


def test_pythia_as_spdx_ai_and_dataset_profiles() -> None:
    graph = graph_of(render(ROOT / "examples" / "pythia-70m.yml", "spdx"))
    (model_id,) = root_models(graph)
    model = graph[model_id]
    assert (model["name"], model["software_primaryPurpose"]) == ("Pythia-70M", "model")
    (declared,) = related(graph, model_id, "hasDeclaredLicense")
    assert graph[declared]["simplelicensing_licenseExpression"] == "Apache-2.0"
    assert related(graph, model_id, "hasConcludedLicense") == [
        "expandedlicensing_NoAssertionLicense"
    ]
    (dataset,) = related(graph, model_id, "trainedOn")
    assert graph[dataset]["type"] == "dataset_DatasetPackage"
    assert graph[dataset]["software_downloadLocation"] == "https://pile.eleuther.ai/"
    assert graph[related(graph, model_id, "testedOn")[0]]["type"] == "dataset_DatasetPackage"
    verdicts = extension_of(model)
    assert verdicts["osai:framework:osaid:outcome"] == "conformant"
    assert verdicts["osai:fact:unshareable_data_description"] == "none"
    reviews = [e for e in graph.values() if e["type"] == "Annotation"]
    assert {r["annotationType"] for r in reviews} == {"review"}
    assert any("Open Source AI" in r["statement"] for r in reviews)
    document = next(e for e in graph.values() if e["type"] == "SpdxDocument")
    # The AI and Dataset profiles make releaseTime (and a dataset's builtTime, originatedBy)
    # mandatory on every package of theirs: the model has its release day (release.date), the
    # intermediate checkpoints and the datasets have none, so the document does not claim to
    # conform to them (it did, and a validator would have relied on it)
    claimed = set(document["profileConformance"])
    assert {"core", "software", "extension", "simpleLicensing"} <= claimed
    assert not claimed & {"ai", "dataset"}, claimed
    assert graph[model_id]["releaseTime"] == "2025-11-03T00:00:00Z"


def test_an_spdx_profile_is_claimed_when_its_packages_have_what_it_makes_mandatory() -> None:
    from osai.formatters.spdx import PROFILE_REQUIRES, _Graph, _profiles

    kind, required = PROFILE_REQUIRES["ai"]
    graph = _Graph("https://example.org/doc")
    graph.items.append({"type": kind, **dict.fromkeys(required, "x")})
    assert "ai" in _profiles(graph)
    del graph.items[0][required[0]]
    assert "ai" not in _profiles(graph)


def a_dated_release(tmp_path: Path, name: str, **release: object) -> Path:
    """A manifest of a release without intermediate checkpoints (its one AI package the model),
    published on the Hub, with `release` set on it (a None value removes the key)."""
    from gate_manifests import open_release, write_manifest

    document = open_release(drop=("Model parameters (Intermediate)",))
    stated = document["release"]
    assert isinstance(stated, dict)
    stated.update(huggingface="https://huggingface.co/osai-tests/Gate-Test-1B", date="2024-05-02")
    stated.update(release)
    for key in [key for key, value in stated.items() if value is None]:
        del stated[key]
    return write_manifest(tmp_path / name, document)


def test_a_manifest_that_gives_what_the_ai_profile_requires_claims_it(tmp_path: Path) -> None:
    """release.date, producer, version and the Hub page give the AI package its releaseTime,
    suppliedBy, packageVersion and downloadLocation: the document claims the AI profile, and
    spdx-python-model loads it.  Read back, the BOM gives the same day, so its BOM claims it too."""
    manifest = a_dated_release(tmp_path, "dated.yml")
    text = render(manifest, "spdx")
    assert spdx_objects(text)
    graph = graph_of(text)
    (model_id,) = root_models(graph)
    model = graph[model_id]
    assert model["releaseTime"] == "2024-05-02T00:00:00Z"
    assert model["software_downloadLocation"] == "https://huggingface.co/osai-tests/Gate-Test-1B"
    assert (model["software_packageVersion"], graph[model["suppliedBy"]]["name"]) == (
        "1B",
        "osai tests",
    )
    document = next(e for e in graph.values() if e["type"] == "SpdxDocument")
    assert "ai" in document["profileConformance"]
    assert "dataset" not in document["profileConformance"]  # no dataset's builtTime is known
    bom = tmp_path / "dated.spdx.json"
    bom.write_text(text)
    again = graph_of(render(bom, "spdx"))
    (model_id,) = root_models(again)
    assert again[model_id]["releaseTime"] == "2024-05-02T00:00:00Z"
    assert (
        "ai" in next(e for e in again.values() if e["type"] == "SpdxDocument")["profileConformance"]
    )


@pytest.mark.parametrize("missing", ["date", "producer", "version", "huggingface"])
def test_without_one_of_them_the_ai_profile_is_not_claimed(missing: str, tmp_path: Path) -> None:
    manifest = a_dated_release(tmp_path, "undated.yml", **{missing: None})
    text = render(manifest, "spdx")
    assert spdx_objects(text)
    document = next(e for e in graph_of(text).values() if e["type"] == "SpdxDocument")
    assert "ai" not in document["profileConformance"]


def test_a_date_that_is_not_a_day_is_no_release_time(tmp_path: Path) -> None:
    from osai.evidence import release_day

    assert release_day("2024-05-02") == "2024-05-02"
    assert release_day("2024-05-02T10:11:12Z") == "2024-05-02"
    assert [release_day(v) for v in ("2024-02-30", "2024-05-02 lunch", "May 2024", 20240502)] == [
        "",
        "",
        "",
        "",
    ]


def test_llama_in_spdx_names_its_licence_with_a_licenseref() -> None:
    """The LicenseRef- rules/licenses.yaml defines, as the Hub's `llama2` is (it was
    LicenseRef-Llama-2-Community-License here: one licence, two ids); the words in osai:licence."""
    graph = graph_of(render(ROOT / "examples" / "llama-2-7b.yml", "spdx"))
    (model_id,) = root_models(graph)
    (declared,) = related(graph, model_id, "hasDeclaredLicense")
    licence = graph[declared]
    assert licence["simplelicensing_licenseExpression"] == "LicenseRef-llama2"
    assert extension_of(graph[model_id])["osai:licence"] == "Llama 2 Community License"
    (paper,) = [i for i, e in graph.items() if e.get("name") == "Research paper"]
    assert related(graph, paper, "hasDeclaredLicense") == ["expandedlicensing_NoneLicense"]


PROFILE_LICENSED = ("ai_AIPackage", "dataset_DatasetPackage")
NO_ASSERTION = "expandedlicensing_NoAssertionLicense"
INDIVIDUALS = (NO_ASSERTION, "expandedlicensing_NoneLicense")


@pytest.mark.parametrize("target", [*EXAMPLES, FIXTURE], ids=lambda path: path.stem)
def test_every_ai_and_dataset_package_has_one_declared_and_one_concluded_licence(
    target: Path,
) -> None:
    """The AI and Dataset profiles' conformance (spdx-3-model 3.0.1 AI.md, Dataset.md), for the
    model's parts too (intermediate parameters, datasets); a part whose source stated no
    licence at all (the generator's t5-base dataset): next test."""
    graph = graph_of(render(target, "spdx"))
    packages = [i for i, e in graph.items() if e["type"] in PROFILE_LICENSED]
    assert packages
    for package in packages:
        (declared,) = related(graph, package, "hasDeclaredLicense")
        (concluded,) = related(graph, package, "hasConcludedLicense")
        assert concluded == NO_ASSERTION, graph[package]["name"]
        licence_kind = graph[declared]["type"] if declared in graph else ""
        assert declared in INDIVIDUALS or licence_kind == "simplelicensing_LicenseExpression"


def test_a_base_model_whose_licence_osai_did_not_read_asserts_none(tmp_path: Path) -> None:
    """A base model is an ai_AIPackage too: where osai did not read its licence it had no
    licence relationship at all, against the AI profile's exactly one of each (and this
    README's word); now NOASSERTION both, which reads back as the base stating none."""
    base = {"type": "machine-learning-model", "name": "base", "purl": "pkg:huggingface/org/base"}
    model = {"type": "machine-learning-model", "bom-ref": "m", "name": "tuned",
             "licenses": [{"license": {"id": "MIT"}}],
             "pedigree": {"ancestors": [base]}}  # fmt: skip
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [model]}
    given = tmp_path / "tuned.cdx.json"
    given.write_text(json.dumps(bom))
    written = render(given, "spdx")
    graph = graph_of(written)
    (package,) = [i for i, e in graph.items() if e.get("name") == "org/base"]
    assert graph[package]["type"] == "ai_AIPackage"
    for kind in ("hasDeclaredLicense", "hasConcludedLicense"):
        assert related(graph, package, kind) == [NO_ASSERTION]
    assert spdx_objects(written)
    (tmp_path / "ours.spdx.json").write_text(written)
    verdicts = [
        [(r["id"], r["status"]) for f in target["frameworks"] for r in f["requirements"]]
        for path in (given, tmp_path / "ours.spdx.json")
        for target in report_of(str(path))["targets"]
    ]
    assert verdicts[0] == verdicts[1]


def trained_on_c4(tmp_path: Path) -> Path:
    """The generator's t5-base BOM with c4 placed as its training data, in CycloneDX's own
    fields: an input of a formulation `build` workflow whose output is the model (its model
    card lists c4 among the datasets "used to train and evaluate", which says no role)."""
    bom = json.loads(FIXTURE.read_text())
    (model,) = bom["components"]
    (c4,) = model["modelCard"]["modelParameters"]["datasets"]
    c4["bom-ref"] = "c4"
    training = {"bom-ref": "training", "uid": "training", "taskTypes": ["build"]}
    training["inputs"] = [{"resource": {"ref": "c4"}}]
    training["outputs"] = [{"resource": {"ref": model["bom-ref"]}}]
    bom["formulation"] = [{"workflows": [training]}]
    assert cyclonedx_errors(json.dumps(bom)) == []
    path = tmp_path / "t5-trained-on-c4.cdx.json"
    path.write_text(json.dumps(bom, indent=2))
    return path


def test_a_dataset_without_a_stated_licence_is_declared_noassertion_and_reads_back_unknown(
    tmp_path: Path,
) -> None:
    """The generator's t5-base dataset (placed as training data) states no licence."""
    placed = trained_on_c4(tmp_path)
    graph = graph_of(render(placed, "spdx"))
    (dataset,) = [i for i, e in graph.items() if e["type"] == "dataset_DatasetPackage"]
    assert related(graph, dataset, "hasDeclaredLicense") == [NO_ASSERTION]
    path = tmp_path / "t5.spdx.json"
    path.write_text(render(placed, "spdx"))
    assert evidence(report_of(str(path))) == evidence(report_of(str(placed)))
    assert verdicts(report_of(str(path))) == verdicts(report_of(str(placed)))


# --- round trip -------------------------------------------------------------------------------


def verdicts(report: dict[str, Any]) -> dict[str, Any]:
    """Each verdict, and how surely it is known (a gate's --min-certainty depends on it)."""
    (target,) = report["targets"]
    return {
        framework["id"]: (
            framework["outcome"],
            framework["definite"],
            framework["certainty"],
            [(r["id"], r["status"], r["certainty"]) for r in framework["requirements"]],
        )
        for framework in target["frameworks"]
    }


def evidence(report: dict[str, Any]) -> dict[str, Any]:
    """Each component's licence and where it came from (a manifest's license.distribution): the
    model's too, which the report says 'licence from license.distribution' of, and an inference
    asking for a component's own licence reads (inference.py)."""
    (target,) = report["targets"]
    return {
        "components": [
            (
                c["id"],
                c["presence"],
                c["licence"] and (c["licence"]["text"], c["licence"]["inherited_from"]),
            )
            for c in target["components"]
        ],
        "facts": [(f["key"], f["value"], f["provided"]) for f in target["facts"]],
    }


def vcs_references(name: str, text: str) -> list[str]:
    """The code repositories a BOM names for its one model: CycloneDX vcs externalReferences on
    the model component, SPDX vcs externalRefs on the AI package."""
    if name == "cyclonedx":
        model = json.loads(text)["metadata"]["component"]
        return [r["url"] for r in model.get("externalReferences", []) if r["type"] == "vcs"]
    graph = graph_of(text)
    (package,) = root_models(graph)
    refs = graph[package].get("externalRef", [])
    return [url for r in refs if r["externalRefType"] == "vcs" for url in r["locator"]]


@pytest.mark.parametrize("mode", ["default", "mot", "strict"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_round_trip_keeps_every_verdict(example: Path, mode: str, tmp_path: Path) -> None:
    """And the code repository the manifest names (release.repository), as the format's vcs
    reference, which `osai check BOM --follow` follows (tests/test_bom_follow.py): none where
    it names none (bloom's and falcon's `repository: ''`, llama's no key)."""
    boms = {name: tmp_path / f"{example.stem}.{name}.json" for name in FORMATS}
    outputs = [f"{name}={path}" for name, path in boms.items()]
    direct = report_of(str(example), "--mof-mode", mode, *(f"-o{o}" for o in outputs))
    repository = yaml.safe_load(example.read_text())["release"].get("repository")
    for name, path in boms.items():
        assert kind_of(str(path)) == "bom"
        assert vcs_references(name, path.read_text()) == ([repository] if repository else [])
        again = report_of(str(path), "--mof-mode", mode)
        assert again["targets"][0]["source"] == name
        assert verdicts(again) == verdicts(direct), name
        assert evidence(again) == evidence(direct), name


def test_a_local_directory_round_trips_too(tmp_path: Path) -> None:
    tiny = ROOT / "examples" / "tiny-model"
    for name in FORMATS:
        path = tmp_path / f"tiny.{name}.json"
        direct = report_of(str(tiny), "-o", f"{name}={path}")
        assert verdicts(report_of(str(path))) == verdicts(direct)


def test_an_outcome_not_definite_states_no_certainty(tmp_path: Path) -> None:
    """`osai:framework:eu-ai-act:certainty` was written with an empty value for an outcome
    that rests on no certainty (unknowns left): a property a consumer reads as a value."""
    path = tmp_path / "tiny.cdx.json"
    tiny = ROOT / "examples" / "tiny-model"
    result = run_osai("check", str(tiny), "-f", "osaid,eu-ai-act", "-o", f"cyclonedx={path}")
    assert result.code == 0, result.stderr
    own = properties(json.loads(path.read_text())["metadata"]["component"])
    assert own["osai:framework:eu-ai-act:definite"] == "false"
    assert "osai:framework:eu-ai-act:certainty" not in own
    assert own["osai:framework:osaid:certainty"] == "detected"
    assert not [
        name for name, value in own.items() if name.startswith("osai:framework") and not value
    ]


def undecided_model(root: Path, *, weights: bool = True, licence_file: bool = True) -> Path:
    """A card's cc-by-4.0 beside a LICENSE of CC-BY-NC-4.0: osai cannot tell which applies,
    so OSAID's parameters are unknown (LicenceFact.alternatives); without the LICENSE, plainly
    cc-by-4.0; without a weights file, the licence of weights osai has not seen."""
    root.mkdir()
    (root / "README.md").write_text("---\nlicense: cc-by-4.0\n---\n# m\n")
    if licence_file:
        (root / "LICENSE").write_text("Attribution-NonCommercial 4.0 International\n")
    if weights:
        (root / "model.safetensors").write_bytes(b"x")
    return root


def weights_licence(report: dict[str, Any]) -> tuple[str, list[str]] | None:
    (target,) = report["targets"]
    (final,) = [c for c in target["components"] if c["id"] == "model-parameters-final"]
    licence = final["licence"]
    return licence and (licence["text"], [a["text"] for a in licence.get("alternatives", [])])


def parameters_status(report: dict[str, Any]) -> str:
    (target,) = report["targets"]
    (osaid,) = [f for f in target["frameworks"] if f["id"] == "osaid"]
    return next(r["status"] for r in osaid["requirements"] if r["id"] == "OSAID-PARAMETERS")


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize(
    ("weights", "licence_file", "licence", "status"),
    [
        (True, True, ("cc-by-4.0", ["CC-BY-NC-4.0"]), "unknown"),
        (False, True, ("cc-by-4.0", ["CC-BY-NC-4.0"]), "unknown"),
        (True, False, ("cc-by-4.0", []), "met"),
    ],
    ids=["alternatives", "unseen-weights-alternatives", "one-licence"],
)
def test_licences_osai_cannot_choose_between_round_trip_as_alternatives(
    name: str,
    weights: bool,
    licence_file: bool,
    licence: tuple[str, list[str]],
    status: str,
    tmp_path: Path,
) -> None:
    """Both BOM writers stated the card's cc-by-4.0 as the weights' licence, and CC-BY-NC-4.0
    went unsaid: `osai check` of the BOM met OSAID's parameters, unknown on the release.  The
    BOM states no licence then (one is a fact osai has not, several all apply, an OR is a
    choice), names each in osai: properties, and reads them back as alternatives; a release
    with one licence states it as before."""
    model = undecided_model(tmp_path / "model", weights=weights, licence_file=licence_file)
    bom = tmp_path / f"model.{name}.json"
    direct = report_of(str(model), "-o", f"{name}={bom}")
    again = report_of(str(bom))
    assert weights_licence(direct) == weights_licence(again) == licence
    assert parameters_status(direct) == parameters_status(again) == status
    assert verdicts(again) == verdicts(direct)
    text = bom.read_text()
    assert (":licence:alternative" in text) is bool(licence[1])
    if name == "cyclonedx":
        assert cyclonedx_errors(text) == []
        model_licensed = "licenses" in json.loads(text)["metadata"]["component"]
        assert model_licensed is (weights and not licence[1])
    else:
        assert spdx_objects(text)
        graph = graph_of(text)
        (model_id,) = root_models(graph)
        declared = related(graph, model_id, "hasDeclaredLicense")
        assert (declared == [NO_ASSERTION]) is (not weights or bool(licence[1]))
        notes = [e["statement"] for e in graph.values() if e["type"] == "Annotation"]
        named = "osai: under cc-by-4.0 or CC-BY-NC-4.0, and osai cannot tell which applies"
        # an annotation on the model card too (under the same licences), with weights or not
        assert any(note.startswith(named) for note in notes) is bool(licence[1])


def test_a_tool_that_drops_osai_properties_reads_no_licence_not_one(tmp_path: Path) -> None:
    """Without osai's properties, the BOM of weights under cc-by-4.0 or CC-BY-NC-4.0 states no
    licence for them: unknown, as osai said, where cc-by-4.0 alone would meet OSAID."""
    model = undecided_model(tmp_path / "model")
    path = tmp_path / "stripped.cdx.json"
    bom = json.loads(render(model, "cyclonedx"))
    path.write_text(json.dumps(without_osai_properties(bom)))
    again = report_of(str(path))
    assert weights_licence(again) is None
    assert parameters_status(again) == "unknown"


def test_bom_evidence_points_at_the_licence_line(tmp_path: Path) -> None:
    path = tmp_path / "llama.cdx.json"
    path.write_text(render(ROOT / "examples" / "llama-2-7b.yml", "cyclonedx"))
    (target,) = report_of(str(path))["targets"]
    final = next(c for c in target["components"] if c["id"] == "model-parameters-final")
    line = final["licence"]["evidence"]["line"]
    assert '"expression": "LicenseRef-llama2"' in path.read_text().splitlines()[line - 1]
    assert final["licence"]["evidence"]["certainty"] == "declared"


def test_a_bom_describing_several_models_is_a_target_each_where_one_is_read_refused(
    tmp_path: Path,
) -> None:
    """`osai check` reads each model (test_bom_models.py); `osai compare --model` judges one."""
    path = tmp_path / "two.cdx.json"
    two = [str(ROOT / "examples" / "pythia-70m.yml"), str(ROOT / "examples" / "llama-2-7b.yml")]
    code, out, err = osai("check", *two, "--format", "cyclonedx")
    assert code == 0 and cyclonedx_errors(out) == []
    path.write_text(out)
    assert len(report_of(str(path))["targets"]) == 2
    code, _, err = osai("compare", "--model", str(path))
    assert code == 2
    assert err.strip().splitlines() == [
        f"osai: error: {path}: describes 2 models (Pythia-70M, Llama-2-7B); one is read here "
        "(osai check reads each)"
    ]


# --- a BOM from another tool ------------------------------------------------------------------


def test_the_aibom_generator_fixture_is_a_valid_cyclonedx_bom() -> None:
    assert cyclonedx_errors(FIXTURE.read_text()) == []


def test_osai_reads_an_owasp_aibom_generator_bom(tmp_path: Path) -> None:
    (target,) = report_of(str(FIXTURE))["targets"]
    assert (target["source"], target["name"], target["producer"], target["revision"]) == (
        "cyclonedx",
        "google-t5/t5-base",
        "google-t5",
        "a9723ea7",
    )
    components = {c["id"]: c for c in target["components"]}
    final = components["model-parameters-final"]
    assert (final["presence"], final["licence"]["text"]) == ("present", "Apache-2.0")
    lines = FIXTURE.read_text().splitlines()
    assert '"id": "Apache-2.0"' in lines[final["licence"]["evidence"]["line"] - 1]
    # c4 is in the model card's datasets, "used to train and evaluate": no role (test_bom_roles)
    assert components["datasets"]["presence"] == "unknown"
    assert components["research-paper"]["presence"] == "present"  # arXiv documentation links
    assert components["training-code"]["presence"] == "unknown"  # not in the BOM: not absent
    frameworks = {f["id"]: f for f in target["frameworks"]}
    status = {
        (f["id"], r["id"]): r["status"] for f in frameworks.values() for r in f["requirements"]
    }
    assert status[("osaid", "OSAID-PARAMETERS")] == "met"
    assert status[("osaid", "OSAID-CODE-TRAINING")] == "unknown"
    assert status[("mof", "MOF-C3-MODEL-PARAMETERS-FINAL")] == "met"
    assert status[("mof", "MOF-C1-DATASETS")] == "unknown"
    assert not any(s == "unmet" for s in status.values())  # the BOM shows nothing closed
    assert (frameworks["osaid"]["outcome"], frameworks["osaid"]["definite"]) == (
        "not-demonstrated",
        False,
    )
    (placed,) = report_of(str(trained_on_c4(tmp_path)))["targets"]
    datasets = {c["id"]: c for c in placed["components"]}["datasets"]
    assert datasets["presence"] == "present"
    assert datasets["licence"] is None  # the BOM names c4, not its licence
    assert datasets["location"] == "https://huggingface.co/datasets/c4"


def without_osai_properties(node: Any) -> Any:
    """The BOM as a tool that drops vendor properties passes it on: no `osai:` property."""
    if isinstance(node, list):
        return [without_osai_properties(item) for item in node]
    if not isinstance(node, dict):
        return node
    kept = {key: without_osai_properties(value) for key, value in node.items()}
    if "properties" in kept:
        kept["properties"] = [p for p in kept["properties"] if not p["name"].startswith("osai:")]
        if not kept["properties"]:
            del kept["properties"]
    return kept


def released(report: dict[str, Any]) -> set[str]:
    (target,) = report["targets"]
    return {c["id"] for c in target["components"] if c["presence"] == "present"}


@pytest.mark.parametrize(
    "example", [*EXAMPLES, ROOT / "examples" / "tiny-model"], ids=lambda path: path.stem
)
def test_osai_s_bom_without_its_properties_shows_nothing_more_released(
    example: Path, tmp_path: Path
) -> None:
    """osai writes the model architecture, training and evaluation code as CycloneDX libraries,
    and read every library as a supporting library: once a tool had dropped osai:component,
    the tiny model's BOM said its supporting libraries were released, under Apache-2.0 (its
    evidence: "Model architecture", "Training code", "Evaluation code"), where osai's own BOM
    and the model itself say unknown.  A part named as another MOF component is not one."""
    path = tmp_path / "stripped.cdx.json"
    bom = json.loads(render(example, "cyclonedx"))
    path.write_text(json.dumps(without_osai_properties(bom)))
    assert "osai:" not in path.read_text()
    assert released(report_of(str(path))) <= released(report_of(str(example)))


def test_no_part_osai_writes_as_a_library_reads_back_as_a_supporting_library() -> None:
    """The names rules/bom.yaml's supporting-libraries rule excludes are the names osai writes
    (rules/components.yaml) for every other part it writes with a type that rule reads."""
    mapping, components = load_bom_mapping(), load_ruleset().components
    (rule,) = mapping.components["supporting-libraries"].cyclonedx_read
    for entry in mapping.components.values():
        if entry.component != "supporting-libraries" and entry.cyclonedx.type in rule.types:
            assert rule.excludes(components[entry.component].name), entry.component
    assert not rule.excludes("transformers")  # another tool's library is still one


def test_a_foreign_bom_s_model_card_is_the_model_card_released(tmp_path: Path) -> None:
    """CycloneDX's structured modelCard is a model card released with the model: declared by
    the BOM's author, located at the modelCard line.  Without it the model card is unknown,
    and the rest reads as before."""
    (target,) = report_of(str(FIXTURE))["targets"]
    card = {c["id"]: c for c in target["components"]}["model-card"]
    assert card["presence"] == "present"
    (seen,) = card["evidence"]
    assert seen["certainty"] == "declared"
    assert '"modelCard"' in FIXTURE.read_text().splitlines()[seen["line"] - 1]
    bom = json.loads(FIXTURE.read_text())
    (model,) = bom["components"]
    del model["modelCard"]
    path = tmp_path / "no-card.cdx.json"
    path.write_text(json.dumps(bom))
    (without,) = report_of(str(path))["targets"]
    card = {c["id"]: c for c in without["components"]}["model-card"]
    assert card["presence"] == "unknown"
    # the rest of the BOM reads as before: the same final parameters, the same verdict on them
    final = {c["id"]: c for c in without["components"]}["model-parameters-final"]
    before = {c["id"]: c for c in target["components"]}["model-parameters-final"]
    assert (final["presence"], final["licence"]["text"]) == (
        before["presence"],
        before["licence"]["text"],
    )


@pytest.mark.parametrize(
    "blank",
    [{"license": {"name": ""}}, {"license": {"id": " "}}, {"expression": ""}],
    ids=["name", "id", "expression"],
)
def test_a_blank_licence_in_another_tools_bom_is_unknown_not_no_licence(
    blank: dict[str, Any], tmp_path: Path
) -> None:
    """A blank licence states nothing: it was read as NONE ("released with no licence", the
    parameters' requirements unmet).  Only the NONE expression says there is no licence."""
    bom = json.loads(FIXTURE.read_text())
    (model,) = bom["components"]
    model["licenses"] = [blank]
    path = tmp_path / "blank.cdx.json"
    path.write_text(json.dumps(bom))
    (target,) = report_of(str(path))["targets"]
    final = {c["id"]: c for c in target["components"]}["model-parameters-final"]
    assert (final["presence"], final["licence"]) == ("present", None)
    status = {
        (f["id"], r["id"]): r["status"] for f in target["frameworks"] for r in f["requirements"]
    }
    assert status[("osaid", "OSAID-PARAMETERS")] == "unknown"
    assert status[("mof", "MOF-C3-MODEL-PARAMETERS-FINAL")] == "unknown"


@pytest.mark.parametrize(
    ("licences", "read"),
    [
        # a tool's analysis beside the author's word: the author's word, not both ANDed
        (
            [
                {"license": {"id": "Apache-2.0", "acknowledgement": "declared"}},
                {"license": {"id": "MIT", "acknowledgement": "concluded"}},
            ],
            "Apache-2.0",
        ),
        (
            [
                {"license": {"id": "GPL-3.0-only", "acknowledgement": "concluded"}},
                {"license": {"name": "Apache-2.0", "acknowledgement": "declared"}},
            ],
            "Apache-2.0",
        ),
        # only an analysis: nothing the author declared, so unknown (as SPDX's concluded)
        ([{"license": {"id": "MIT", "acknowledgement": "concluded"}}], None),
        # no acknowledgement (CycloneDX before 1.6): each entry is taken as stated
        ([{"license": {"id": "Apache-2.0"}}, {"license": {"id": "MIT"}}], "Apache-2.0 AND MIT"),
    ],
    ids=["declared-and-concluded", "concluded-first", "concluded-only", "unacknowledged"],
)
def test_a_concluded_licence_in_another_tools_bom_is_not_the_declared_one(
    licences: list[dict[str, Any]], read: str | None, tmp_path: Path
) -> None:
    """CycloneDX 1.6's `acknowledgement: concluded` is a licence found by analysis, not the one
    the publisher declared: osai reads a BOM's declaration (SPDX's hasDeclaredLicense, never
    hasConcludedLicense), so a concluded licence is neither combined with it nor taken for it."""
    bom = json.loads(FIXTURE.read_text())
    (model,) = bom["components"]
    model["licenses"] = licences
    path = tmp_path / "acknowledged.cdx.json"
    path.write_text(json.dumps(bom))
    assert cyclonedx_errors(path.read_text()) == []
    (target,) = report_of(str(path))["targets"]
    final = {c["id"]: c for c in target["components"]}["model-parameters-final"]
    assert (final["licence"] or {}).get("text") == read


def test_a_licence_only_concluded_is_said_to_be_left_out(tmp_path: Path) -> None:
    """Another tool's concluded licence is left out, and the report said only 'licence
    unknown' (and 'declare ... licence unknown'), as if the supplier's BOM stated none: the
    reader was not told the BOM concluded one, nor why osai did not take it.  CycloneDX's
    `acknowledgement: concluded` and SPDX's hasConcludedLicense alike."""
    bom = json.loads(FIXTURE.read_text())
    (model,) = bom["components"]
    model["licenses"] = [{"license": {"id": "MIT", "acknowledgement": "concluded"}}]
    cdx = tmp_path / "concluded.cdx.json"
    cdx.write_text(json.dumps(bom))
    ids = "https://example.org/concluded#"
    element = {"creationInfo": "_:ci"}
    graph = [
        {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1",
         "createdBy": [ids + "tool"], "created": "2025-01-01T00:00:00Z"},
        {**element, "type": "SoftwareAgent", "spdxId": ids + "tool", "name": "a tool"},
        {**element, "type": "ai_AIPackage", "spdxId": ids + "model", "name": "t5-base"},
        {**element, "type": "simplelicensing_LicenseExpression", "spdxId": ids + "mit",
         "simplelicensing_licenseExpression": "MIT"},
        {**element, "type": "Relationship", "spdxId": ids + "concluded", "from": ids + "model",
         "relationshipType": "hasConcludedLicense", "to": [ids + "mit"]},
    ]  # fmt: skip
    spdx = tmp_path / "concluded.spdx.json"
    context = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    spdx.write_text(json.dumps({"@context": context, "@graph": graph}))
    spdx_objects(spdx.read_text())
    for path in (cdx, spdx):
        (target,) = report_of(str(path))["targets"]
        final = {c["id"]: c for c in target["components"]}["model-parameters-final"]
        notes = [f["message"] for f in target["findings"] if f["kind"] == "note"]
        said = (
            f"{path}: Model parameters (Final): the BOM's author concluded MIT, which is not "
            "the publisher's declaration, so its licence is unknown"
        )
        assert (final["licence"], said in notes) == (None, True), notes


def test_an_acknowledgement_osai_does_not_know_is_refused(tmp_path: Path) -> None:
    bom = json.loads(FIXTURE.read_text())
    (model,) = bom["components"]
    model["licenses"] = [{"license": {"id": "MIT", "acknowledgement": "guessed"}}]
    path = tmp_path / "guessed.cdx.json"
    path.write_text(json.dumps(bom))
    code, out, err = osai("check", str(path))
    assert code == 2, out
    (line,) = err.strip().splitlines()
    assert "acknowledgement" in line and "declared or concluded" in line


@pytest.mark.parametrize("written", FORMATS)
def test_a_bom_of_a_bom_keeps_the_model_s_package_url(written: str, tmp_path: Path) -> None:
    """The purl is the model's identity in a BOM (for a Hub model, its repository and commit):
    a BOM osai writes of another BOM names the model as that one did, group and name apart."""
    purl = "pkg:huggingface/google-t5/t5-base@a9723ea7f1b39c1eae772870f3b547bf6ef7e6c1"
    bom = json.loads(FIXTURE.read_text())
    (model,) = bom["components"]
    model["purl"] = purl
    first = tmp_path / "first.cdx.json"
    first.write_text(json.dumps(bom))
    again = tmp_path / f"again.{written}.json"
    again.write_text(render(first, written))
    # and once more, from osai's own BOM
    third = json.loads(render(again, "cyclonedx"))["metadata"]["component"]
    assert (third["group"], third["name"], third["purl"]) == ("google-t5", "t5-base", purl)
    if written == "cyclonedx":
        assert cyclonedx_errors(again.read_text()) == []
    else:
        (package,) = root_models(graph_of(again.read_text()))
        assert graph_of(again.read_text())[package]["software_packageUrl"] == purl


def test_a_malformed_purl_is_not_written_again(tmp_path: Path) -> None:
    bom = json.loads(FIXTURE.read_text())
    (model,) = bom["components"]
    model["purl"] = "pkg:huggingface/a b/c\nd"
    first = tmp_path / "first.cdx.json"
    first.write_text(json.dumps(bom))
    assert "purl" not in json.loads(render(first, "cyclonedx"))["metadata"]["component"]


def test_a_foreign_spdx_ai_document(tmp_path: Path) -> None:
    """SPDX 3.0.1 as spdx-examples' AI examples write it: no osai: properties at all."""
    base = "https://example.org/spdxdocs/ai-1#"
    creation = {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1",
                "createdBy": [f"{base}org"], "created": "2024-09-01T00:00:00Z"}  # fmt: skip

    def element(kind: str, local: str, **fields: Any) -> dict[str, Any]:
        return {"type": kind, "spdxId": base + local, "creationInfo": "_:ci", **fields}

    def relation(local: str, source: str, kind: str, target: str) -> dict[str, Any]:
        return element("Relationship", local, **{"from": base + source},
                       relationshipType=kind, to=[base + target])  # fmt: skip

    graph = [
        creation,
        element("Organization", "org", name="Example Lab"),
        element("ai_AIPackage", "model", name="ExampleNet", software_primaryPurpose="model",
                ai_metric=[{"type": "DictionaryEntry", "key": "accuracy", "value": "0.9"}]),
        element("dataset_DatasetPackage", "data", name="corpus", dataset_datasetType=["text"]),
        element("simplelicensing_LicenseExpression", "mit",
                simplelicensing_licenseExpression="MIT"),
        element("simplelicensing_LicenseExpression", "cc",
                simplelicensing_licenseExpression="CC-BY-4.0"),
        relation("r1", "model", "hasDeclaredLicense", "mit"),
        relation("r2", "model", "trainedOn", "data"),
        relation("r3", "data", "hasDeclaredLicense", "cc"),
        element("SpdxDocument", "doc", rootElement=[base + "model"], profileConformance=["ai"]),
    ]  # fmt: skip
    path = tmp_path / "example.spdx3.json"
    path.write_text(
        json.dumps({"@context": load_bom_mapping().spdx_context, "@graph": graph}, indent=2)
    )
    assert spdx_objects(path.read_text())
    (target,) = report_of(str(path))["targets"]
    components = {c["id"]: c for c in target["components"]}
    assert (target["source"], target["name"]) == ("spdx", "ExampleNet")
    assert components["model-parameters-final"]["licence"]["text"] == "MIT"
    assert (components["datasets"]["presence"], components["datasets"]["licence"]["text"]) == (
        "present",
        "CC-BY-4.0",
    )
    assert components["evaluation-results"]["presence"] == "present"  # ai_metric
    line = components["datasets"]["licence"]["evidence"]["line"]
    assert '"CC-BY-4.0"' in path.read_text().splitlines()[line - 1]


def test_an_spdx_model_related_to_itself_is_no_part_of_itself(tmp_path: Path) -> None:
    """`model dependsOn model` (a cycle at its shortest) made the model a part of itself: a
    note that an ai_AIPackage "maps to no MOF component", and each such relationship read the
    model's licences again through all of its relationships (7 MB of them took seconds)."""
    base = "https://example.org/spdxdocs/self-1#"

    def element(kind: str, local: str, **fields: Any) -> dict[str, Any]:
        return {"type": kind, "spdxId": base + local, "creationInfo": "_:ci", **fields}

    def relation(local: str, kind: str, target: str) -> dict[str, Any]:
        return element("Relationship", local, **{"from": base + "model"},
                       relationshipType=kind, to=[base + target])  # fmt: skip

    graph = [
        {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1",
         "createdBy": [f"{base}org"], "created": "2024-09-01T00:00:00Z"},
        element("Organization", "org", name="Example Lab"),
        element("ai_AIPackage", "model", name="SelfNet", software_primaryPurpose="model"),
        element("simplelicensing_LicenseExpression", "mit",
                simplelicensing_licenseExpression="MIT"),
        relation("r1", "hasDeclaredLicense", "mit"),
        *(relation(f"r{n}", kind, "model")
          for n, kind in enumerate(("dependsOn", "hasDocumentation", "generates"), start=2)),
    ]  # fmt: skip
    path = tmp_path / "self.spdx3.json"
    path.write_text(json.dumps({"@context": load_bom_mapping().spdx_context, "@graph": graph}))
    (target,) = report_of(str(path))["targets"]
    assert [f["message"] for f in target["findings"] if "maps to no" in f["message"]] == []
    present = [c["id"] for c in target["components"] if c["presence"] == "present"]
    assert present == ["model-parameters-final"]


# --- what a BOM is, and hostile input ---------------------------------------------------------


def test_the_format_is_told_by_content_not_by_name(tmp_path: Path) -> None:
    bom = tmp_path / "model-inventory.txt"
    bom.write_text(render(ROOT / "examples" / "llama-2-7b.yml", "cyclonedx"))
    assert kind_of(str(bom)) == "bom"
    spdx = tmp_path / "no-suffix"
    spdx.write_text(render(ROOT / "examples" / "llama-2-7b.yml", "spdx"))
    assert kind_of(str(spdx)) == "bom"
    manifest = tmp_path / "manifest.json"  # a MOF manifest written as JSON stays a manifest
    import yaml

    manifest.write_text(
        json.dumps(yaml.safe_load((ROOT / "examples" / "llama-2-7b.yml").read_text()))
    )
    assert kind_of(str(manifest)) == "manifest"
    code, _, err = osai("check", str(manifest))
    assert code == 0, err


def _stated(path: Path) -> list[tuple[str, str]]:
    """Every property of a BOM's components, but the one naming the file it was read from."""
    bom = json.loads(path.read_text())
    model = bom["metadata"]["component"]
    parts = [model, model.get("modelCard", {}), *bom.get("components", [])]
    return sorted(
        (p["name"], p["value"])
        for c in parts
        for p in c.get("properties", [])
        if p["value"] != str(path.parent / "g1.cdx.json")
        and p["value"] != str(path.parent / "g2.cdx.json")
    )


def test_a_bom_of_a_bom_states_what_was_inferred_as_it_was(tmp_path: Path) -> None:
    """tiny-model's base_model is inferred; each BOM written of the last wrapped how in one more
    layer: "osai:fact:base_model (inferred: osai:fact:base_model (inferred: the card's ..."."""
    first = tmp_path / "g1.cdx.json"
    assert osai("check", str(ROOT / "examples" / "tiny-model"), "-o", str(first))[0] == 0
    for name, source in (("g2", "g1"), ("g3", "g2")):
        code, _, err = osai(
            "check", str(tmp_path / f"{source}.cdx.json"), "-o", str(tmp_path / f"{name}.cdx.json")
        )
        assert code == 0, err
    second, third = _stated(tmp_path / "g2.cdx.json"), _stated(tmp_path / "g3.cdx.json")
    inferred = [value for name, value in third if name.endswith(":inferred-by")]
    assert inferred and not any("(inferred: " in value for value in inferred)
    assert second == third


HOSTILE = {
    "truncated": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [',
        "invalid JSON",
    ),
    # Python's message ends "starting at", the place cut off
    "truncated in a string": ('{"bomFormat": "CycloneDX", "spec', "string starting at column 28"),
    "duplicate key": ('{"bomFormat": "CycloneDX", "bomFormat": "CycloneDX"}', "duplicate key"),
    "deep": ('{"bomFormat": "CycloneDX", "x": ' + "[" * 200 + "]" * 200 + "}", "nested"),
    "old": ('{"bomFormat": "CycloneDX", "specVersion": "1.4"}', "CycloneDX 1.4 has no"),
    # a version after those osai reads was said to have no machine-learning-model components
    "newer": (
        '{"bomFormat": "CycloneDX", "specVersion": "2.0"}',
        ":1: CycloneDX 2.0, a version osai does not read: it reads ML-BOMs (1.5, 1.6, 1.7)",
    ),
    "no version": (
        '{"bomFormat": "CycloneDX"}',
        ": CycloneDX without a specVersion: osai reads ML-BOMs (1.5, 1.6, 1.7)",
    ),
    "components not a list": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": "x"}',
        "at $.components: expected an array",
    ),
    "licence of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "licenses": [42]}]}',
        ":2: at $.components[0].licenses[0]: expected an object",
    ),
    # each was passed over as if not given: a model's osai: properties, and the verdicts they
    # carry, went unread when one of them was no object
    "property of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "properties": ["osai:licence"]}]}',
        ":2: at $.components[0].properties[0]: expected an object, found 'osai:licence'",
    ),
    "external reference of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "externalReferences": [1]}]}',
        ":2: at $.components[0].externalReferences[0]: expected an object",
    ),
    "ancestor of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "pedigree": {"ancestors": [1]}}]}',
        ":2: at $.components[0].pedigree.ancestors[0]: expected an object",
    ),
    "dependency of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m"}], "dependencies": ["m"]}',
        "at $.dependencies[0]: expected an object, found 'm'",
    ),
    # a wrapper of a wrong type was read as if absent, and the check exited 0 on a BOM whose
    # model card, bases, producer or datasets went unread
    "model card of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "modelCard": [1]}]}',
        ":2: at $.components[0].modelCard: expected an object, found a list",
    ),
    "model parameters of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "modelCard": {"modelParameters": 1}}]}',
        ":2: at $.components[0].modelCard.modelParameters: expected an object, found the number 1",
    ),
    "metrics of a wrong type": (  # a string was credited as evaluation results
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "modelCard": '
        '{"quantitativeAnalysis": {"performanceMetrics": "x"}}}]}',
        ":2: at $.components[0].modelCard.quantitativeAnalysis.performanceMetrics: "
        "expected an object or an array, found 'x'",
    ),
    "pedigree of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "pedigree": "x"}]}',
        ":2: at $.components[0].pedigree: expected an object, found 'x'",
    ),
    "manufacturer of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "manufacturer": ["x"]}]}',
        ":2: at $.components[0].manufacturer: expected an object, found a list",
    ),
    "metadata of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": [1], "components": [\n'
        '{"type": "machine-learning-model", "name": "m"}]}',
        ":1: at $.metadata: expected an object, found a list",
    ),
    "data contents of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"component":\n'
        '{"type": "machine-learning-model", "name": "m"}}, "components": [\n'
        '{"type": "data", "name": "d", "data": [{"type": "dataset", "contents": "x"}],\n'
        '"properties": [{"name": "osai:component", "value": "datasets"}]}]}',
        ":3: at $.components[0].data[0].contents: expected an object, found 'x'",
    ),
    # quoted whole in every verdict: a licence of 1 MB made a report of 2 MB
    "licence too long": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "licenses": [\n'
        '{"license": {"name": "' + "L" * 100_000 + '"}}]}]}',
        ":3: a licence expression of 100,000 characters is longer than osai reads",
    ),
    "licences too many": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "licenses": [\n'
        + ",".join(f'{{"license": {{"name": "Licence {i}"}}}}' for i in range(1000))
        + "]}]}",
        ":3: a licence expression of 17,885 characters is longer than osai reads",
    ),
    "name of a wrong type": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": {"x": 1}}]}',
        "at $.components[0].name: expected a string",
    ),
    "no model": ('{"bomFormat": "CycloneDX", "specVersion": "1.6"}', "no machine-learning-model"),
    "presence osai does not write": (  # it was read as unknown: a BOM's "absent" lost to a typo
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "properties": [\n'
        '{"name": "osai:component:inference-code:presence", "value": "absnet"}]}]}',
        ":3: 'osai:component:inference-code:presence' is 'absnet', not a presence osai writes "
        "(absent, unknown)",
    ),
    # a second value went unread: the first one stood, and a typo after it passed unseen
    "presence osai does not write, after one it does": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "properties": [\n'
        '{"name": "osai:component:inference-code:presence", "value": "absent"},\n'
        '{"name": "osai:component:inference-code:presence", "value": "present"}]}]}',
        ":4: 'osai:component:inference-code:presence' is 'present', not a presence osai writes "
        "(absent, unknown)",
    ),
    # the first osai:component stood: the BOM's order said which component the part was
    "part marked as two components": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "bom-ref": "m"},\n'
        '{"type": "library", "name": "code", "bom-ref": "c", "properties": [\n'
        '{"name": "osai:component", "value": "evaluation-code"},\n'
        '{"name": "osai:component", "value": "training-code"}]}],\n'
        '"dependencies": [{"ref": "m", "dependsOn": ["c"]}]}',
        ":5: 'osai:component' names 'evaluation-code' and 'training-code'; osai writes one "
        "component a part",
    ),
    "part marked again with a typo": (  # the second value went unread
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "bom-ref": "m"},\n'
        '{"type": "library", "name": "code", "bom-ref": "c", "properties": [\n'
        '{"name": "osai:component", "value": "training-code"},\n'
        '{"name": "osai:component", "value": "trainign-code"}]}],\n'
        '"dependencies": [{"ref": "m", "dependsOn": ["c"]}]}',
        ":5: 'osai:component' is 'trainign-code', not a component osai knows",
    ),
    # the first osai:licence stood: the BOM's order said which licence the code was under
    "licence text given twice": (
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "bom-ref": "m"},\n'
        '{"type": "library", "name": "code", "bom-ref": "c", "properties": [\n'
        '{"name": "osai:component", "value": "training-code"},\n'
        '{"name": "osai:licence", "value": "MIT"},\n'
        '{"name": "osai:licence", "value": "CC-BY-NC-4.0"}]}],\n'
        '"dependencies": [{"ref": "m", "dependsOn": ["c"]}]}',
        ":6: 'osai:licence' is given as 'MIT' and 'CC-BY-NC-4.0'; osai writes one",
    ),
    "spdx 2": ('{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT"}', "SPDX 2 has no AI"),
    "spdx unknown context": (
        '{"@context": "https://spdx.org/rdf/3.9/spdx-context.jsonld", "@graph": []}',
        "osai reads SPDX 3.0.1",
    ),
    # another SPDX's context was not told a BOM: refused as a manifest, a line for each key
    "spdx context of another major version": (
        '{"@context": "https://spdx.org/rdf/4.0/spdx-context.jsonld", "@graph": []}',
        "SPDX context https://spdx.org/rdf/4.0/spdx-context.jsonld: osai reads SPDX 3.0.1",
    ),
    "spdx context over http": (
        '{"@context": ["http://spdx.org/rdf/3.0.1/spdx-context.jsonld"], "@graph": []}',
        "osai reads SPDX 3.0.1",
    ),
    "spdx graph of a wrong type": (
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": {"a": 1}}',
        "at $.@graph: expected an array",
    ),
    # each was read as if absent: the model's osai: properties, its code's repository and
    # its metrics went unread, and the check exited 0
    "spdx extension of a wrong type": (
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [\n'
        '{"type": "ai_AIPackage", "spdxId": "urn:m", "extension": ["x"]}]}',
        ":2: at $.@graph[0].extension[0]: expected an object, found 'x'",
    ),
    "spdx external reference of a wrong type": (
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [\n'
        '{"type": "ai_AIPackage", "spdxId": "urn:m", "externalRef": [["vcs"]]}]}',
        ":2: at $.@graph[0].externalRef[0]: expected an object, found a list",
    ),
    "spdx metric of a wrong type": (  # a number was credited as evaluation results
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [\n'
        '{"type": "ai_AIPackage", "spdxId": "urn:m", "ai_metric": 1}]}',
        ":2: at $.@graph[0].ai_metric: expected an object or an array, found the number 1",
    ),
    "spdx model without an id": (  # it said "no ai_AIPackage element in this document"
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [\n'
        '{"type": "ai_AIPackage", "name": "m"}]}',
        ":2: at $.@graph[0]: an ai_AIPackage without an spdxId (SPDX 3 relates its licence and "
        "its parts to it by that id)",
    ),
    "spdx id of two elements": (  # it said "no ai_AIPackage element in this document"
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [\n'
        '{"type": "ai_AIPackage", "spdxId": "urn:m"},\n'
        '{"type": "software_Package", "spdxId": "urn:m"}]}',
        ":3: at $.@graph[1]: spdxId 'urn:m' is also the element's at $.@graph[0]",
    ),
    "bom-ref of two components": (  # the architecture the BOM declared read as unknown
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "bom-ref": "r"},\n'
        '{"type": "library", "name": "code", "bom-ref": "r"}]}',
        ":3: at $.components[1]: bom-ref 'r' is also the component's at $.components[0]; "
        "CycloneDX gives each component its own",
    ),
    "spdx licence not in the document": (
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": ['
        '{"type": "ai_AIPackage", "spdxId": "urn:m"},'
        '{"type": "Relationship", "spdxId": "urn:r", "from": "urn:m",'
        ' "relationshipType": "hasDeclaredLicense", "to": ["urn:nowhere"]}]}',
        "licence 'urn:nowhere' is not in the document",
    ),
    # a relationship of a type osai could not read was passed over: a model descendantOf a
    # Llama 2 package met OSAID on its own Apache-2.0 (tests/test_bom_lineage.py)
    "spdx relationship type a number": (
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [\n'
        '{"type": "ai_AIPackage", "spdxId": "urn:m"},\n'
        '{"type": "Relationship", "spdxId": "urn:r", "from": "urn:m",'
        ' "relationshipType": 7, "to": ["urn:b"]}]}',
        ":3: at $.@graph[1].relationshipType: expected a string, found the number 7",
    ),
    "spdx relationship without a type": (
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [\n'
        '{"type": "ai_AIPackage", "spdxId": "urn:m"},\n'
        '{"type": "LifecycleScopedRelationship", "spdxId": "urn:r", "from": "urn:m",'
        ' "relationshipType": null, "to": ["urn:b"]}]}',
        ":3: at $.@graph[1]: a LifecycleScopedRelationship without a relationshipType",
    ),
}


def test_a_wrapper_given_as_null_is_absent_not_wrong(tmp_path: Path) -> None:
    """A wrapper of a wrong type is refused (HOSTILE), one given as null is as if not given."""
    path = tmp_path / "bom.json"
    path.write_text(
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": null, "components": [\n'
        '{"type": "machine-learning-model", "name": "m", "modelCard": null, "pedigree": null,'
        ' "manufacturer": null, "licenses": [{"license": null}], "data": null}]}'
    )
    code, out, err = osai("check", str(path), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["targets"][0]["name"] == "m"


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_boms_are_one_line_and_exit_2(case: str, tmp_path: Path) -> None:
    text, expected = HOSTILE[case]
    path = tmp_path / "bom.json"
    path.write_text(text)
    code, _, err = osai("check", str(path))
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line.startswith(f"osai: error: {path}") and expected in line, line
    assert "Traceback" not in err


@pytest.mark.parametrize("values", [("absent", "unknown"), ("unknown", "absent")])
def test_a_presence_given_twice_reads_as_the_least_sure(
    values: tuple[str, str], tmp_path: Path
) -> None:
    """`absent` beside `unknown` does not show the component withheld, in either order: the
    first value stood, so the BOM's order decided whether MOF's datasets were unmet."""
    stated = [{"name": "osai:component:datasets:presence", "value": value} for value in values]
    model = {"type": "machine-learning-model", "name": "m", "properties": stated}
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [model]}
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(bom))
    code, out, err = osai("check", str(path), "--format", "json")
    assert code == 0, err
    (target,) = json.loads(out)["targets"]
    components = {c["id"]: c for c in target["components"]}
    assert components["datasets"]["presence"] == "unknown"


def test_an_oversized_bom_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    from osai.jsonsafe import MAX_JSON_BYTES

    path = tmp_path / "huge.cdx.json"
    with path.open("w") as handle:
        handle.write('{"bomFormat": "CycloneDX", "pad": "')
        handle.write("x" * MAX_JSON_BYTES)
        handle.write('"}')
    code, _, err = osai("check", str(path))
    assert code == 2
    assert re.search(r"too large \([\d,]+ bytes; the limit is [\d,]+\)", err), err


def test_osai_never_imports_the_bom_libraries() -> None:
    """cyclonedx-python-lib and spdx-python-model are test tools; osai writes and reads BOMs
    on its own, and its start-up must not pay for them (or for jsonschema's format checkers)."""
    script = (
        "import sys, pathlib\n"
        "from osai.run import CheckRequest, run_check\n"
        f"pythia = {str(ROOT / 'examples' / 'pythia-70m.yml')!r}\n"
        "for fmt in ('cyclonedx', 'spdx'):\n"
        "    out = run_check(CheckRequest(targets=(pythia,), output_format=fmt)).stdout\n"
        "    path = pathlib.Path(sys.argv[1]) / f'p.{fmt}.json'\n"
        "    path.write_text(out)\n"
        "    assert run_check(CheckRequest(targets=(str(path),))).exit_code == 0\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in\n"
        "          ('cyclonedx', 'spdx_python_model', 'packageurl')]\n"
        "print(loaded)\n"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(
            [sys.executable, "-c", script, scratch],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_mutated_boms_give_a_release_or_one_bad_input_line(tmp_path: Path) -> None:
    """Any value replaced by a value of another type: read, or refused with BadInput."""
    import copy
    import random

    from osai.engine import assess
    from osai.errors import BadInput
    from osai.sources.bom import read_bom

    rules = load_ruleset()
    pythia = ROOT / "examples" / "pythia-70m.yml"
    originals = [json.loads(render(pythia, name)) for name in FORMATS]
    originals.append(json.loads(FIXTURE.read_text()))
    shuffle = random.Random(12)
    replacements = [None, 1, True, "x", [], {}, [1], {"a": []}, "NONE", "urn:x"]
    outcomes = {"read": 0, "refused": 0}
    for number in range(300):
        document = copy.deepcopy(shuffle.choice(originals))
        for _ in range(shuffle.randint(1, 3)):
            path = shuffle.choice(list(_value_paths(document)))
            if path not in (("bomFormat",), ("@context",)):
                _replace(document, path, shuffle.choice(replacements))
        target = tmp_path / f"mutant-{number}.json"
        target.write_text(json.dumps(document))
        try:
            releases = read_bom(target, rules)
        except BadInput as refused:
            assert str(refused).startswith(str(target)) and "\n" not in str(refused)
            outcomes["refused"] += 1
            continue
        for release in releases:
            assess(release, rules, rules.default_frameworks())
        outcomes["read"] += 1
    assert outcomes["read"] and outcomes["refused"]


def _value_paths(node: Any, prefix: tuple[Any, ...] = ()) -> Any:
    if prefix:
        yield prefix
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        yield from _value_paths(child, (*prefix, key))


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> None:
    node = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def test_a_hub_model_as_a_bom_carries_its_huggingface_purl(hub: Any, tmp_path: Path) -> None:
    """A Hub check (the loopback Hub, the real client) written as CycloneDX and SPDX."""
    from clirunner import run_osai

    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    boms = {name: tmp_path / f"pythia.{name}.json" for name in FORMATS}
    outputs = [f"-o{name}={path}" for name, path in boms.items()]
    result = run_osai("check", "EleutherAI/pythia-70m", "--format", "json", *outputs, env=env)
    assert result.code == 0, result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    sha = target["revision"]
    purl = f"pkg:huggingface/EleutherAI/pythia-70m@{sha}?repository_url="
    cyclonedx = boms["cyclonedx"].read_text()
    assert cyclonedx_errors(cyclonedx) == []
    model = json.loads(cyclonedx)["metadata"]["component"]
    assert (model["group"], model["name"], model["purl"]) == (
        "EleutherAI",
        "pythia-70m",
        purl + hub.endpoint.rstrip("/").replace("/", "%2F"),
    )
    assert spdx_objects(boms["spdx"].read_text())
    (package,) = root_models(graph_of(boms["spdx"].read_text()))
    assert graph_of(boms["spdx"].read_text())[package]["software_packageUrl"] == model["purl"]
    # The MOT's listing of Pythia (a public assessment) has a release.date: the day its entry
    # changed, not the day Pythia was released, so it is no releaseTime
    assert "releaseTime" not in graph_of(boms["spdx"].read_text())[package]


def test_the_new_frameworks_validate_and_round_trip(tmp_path: Path) -> None:
    """The EU AI Act's verdict, EOSAI's grades and score are BOM properties; declarations
    (a number, a category) come back as the same facts, so the verdicts come back the same."""
    from gate_manifests import open_release, write_manifest

    document = open_release()
    release = document["release"]
    assert isinstance(release, dict)
    release["declarations"] = {
        "training_compute_flop": 2.0e25,
        "weights_access": "click-through",
        "base_model": False,
    }
    manifest = write_manifest(tmp_path / "m.yml", document)
    chosen = ("-f", "eu-ai-act", "-f", "eosai")
    boms = {name: tmp_path / f"m.{name}.json" for name in FORMATS}
    direct = report_of(str(manifest), *chosen, *(f"-o{n}={p}" for n, p in boms.items()))
    assert cyclonedx_errors(boms["cyclonedx"].read_text()) == []
    assert spdx_objects(boms["spdx"].read_text())
    text = boms["cyclonedx"].read_text()
    assert "osai:framework:eosai:score" in text
    assert "osai:framework:eosai:requirement:EOSAI-WEIGHTS-END:grade" in text
    for path in boms.values():
        again = report_of(str(path), *chosen)
        assert verdicts(again) == verdicts(direct)
    outcome = verdicts(direct)["eu-ai-act"][0]
    assert outcome == "not-exempt"  # 2e25 FLOP: presumed systemic risk


@pytest.mark.parametrize("written", ["0", "-0", "0.0e-5"])
def test_a_bom_s_training_compute_of_0_is_no_estimate(tmp_path: Path, written: str) -> None:
    """osai:fact:training_compute_flop = 0 in an AI BOM met the EU AI Act's 'at most 10^25
    FLOP', a placeholder taken for an estimate, where the manifest that says 0 is refused
    (no model is trained with no compute): the BOM's 0 settles nothing, as its -1 does not."""
    from gate_manifests import open_release, write_manifest

    document = open_release()
    release = document["release"]
    assert isinstance(release, dict)
    release["declarations"] = {"training_compute_flop": 3.0e22}
    manifest = write_manifest(tmp_path / "m.yml", document)
    for name in FORMATS:
        bom = tmp_path / f"m.{name}.json"
        assert run_osai("check", str(manifest), "-o", f"{name}={bom}").code == 0
        text = bom.read_text().replace('"3e+22"', json.dumps(written))
        assert json.dumps(written) in text
        bom.write_text(text)
        (compute,) = [
            r
            for r in report_of(str(bom), "-f", "eu-ai-act")["targets"][0]["frameworks"][0][
                "requirements"
            ]
            if r["id"] == "EUAIA-NO-SYSTEMIC-RISK"
        ]
        assert compute["status"] == "unknown", (name, compute)


def test_a_manifest_merged_with_manifest_keeps_its_hub_page(tmp_path: Path) -> None:
    """`osai check DIR --manifest m.yml -o x.cdx.json`: the merge dropped the manifest's
    `huggingface:` page, so the model's BOM lost its distribution reference, which the same
    manifest checked alone writes."""
    directory = tmp_path / "model"
    directory.mkdir()
    (directory / "README.md").write_text("---\nlicense: apache-2.0\n---\n# Pythia\n")
    manifest = ROOT / "examples" / "pythia-70m.yml"
    references = []
    for target in ((str(manifest),), (str(directory), "--manifest", str(manifest))):
        out = tmp_path / "x.cdx.json"
        result = run_osai("check", *target, "-o", f"cyclonedx={out}")
        assert result.code == 0, result.stderr
        model = json.loads(out.read_text())["metadata"]["component"]
        references.append(model.get("externalReferences"))
    alone, merged = references
    assert {"type": "distribution", "url": "https://huggingface.co/EleutherAI/pythia-70m"} in merged
    assert merged == alone


def test_a_class_neither_proven_nor_violated_is_said_as_every_report_says_it(
    tmp_path: Path,
) -> None:
    """A card that states only its licence proves no MOF class and violates none: the text, JSON
    and Markdown reports say "Class III not demonstrated"; the AI BOMs said "no class reached",
    which reads as a violation."""
    card = tmp_path / "README.md"
    card.write_text("---\nlicense: apache-2.0\n---\n# Tiny\n\nA model.\n", encoding="utf-8")
    bom = json.loads(render(card, "cyclonedx", "-f", "mof"))
    own = properties(bom["metadata"]["component"])
    assert (own["osai:framework:mof:outcome"], own["osai:framework:mof:definite"]) == (
        "none",
        "false",
    )
    assert own["osai:framework:mof:outcome-label"] == "Class III not demonstrated"
    spdx = render(card, "spdx", "-f", "mof")
    assert "(default mode): Class III not demonstrated (not definite" in spdx
    assert "no class reached" not in spdx


def unknown_fact_warnings(tmp_path: Path, names: list[str]) -> tuple[Path, list[str]]:
    """A CycloneDX BOM whose model has an osai:fact property of each name, checked: its path
    and the warnings of facts osai does not know."""
    properties = [{"name": name, "value": "v"} for name in names]
    model = {"type": "machine-learning-model", "name": "m", "properties": properties}
    path = tmp_path / "bom.cdx.json"
    path.write_text(
        json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [model]})
    )
    code, out, err = osai("check", str(path), "--format", "json")
    assert code == 0, err
    (target,) = json.loads(out)["targets"]
    return path, [f["message"] for f in target["findings"] if "osai knows" in f["message"]]


def test_facts_osai_does_not_know_are_one_bounded_warning(tmp_path: Path) -> None:
    """A BOM of 2,000 osai:fact properties osai does not know gave 2,000 warnings, each
    naming its property whole: a 200 KB BOM made a report of thousands of lines.  One warning
    now names the first few, each cut to a line, and says how many more."""
    names = [f"osai:fact:unknown_{i}" for i in range(2000)] + ["osai:fact:" + "y" * 5000]
    path, (warning,) = unknown_fact_warnings(tmp_path, names)
    assert warning.startswith(f"{path}: osai:fact:unknown_0, osai:fact:unknown_1, ")
    assert warning.endswith(", +1,993 more: not facts osai knows") and len(warning) < 1200


def test_a_fact_osai_does_not_know_is_named(tmp_path: Path) -> None:
    """One property osai does not know is named, as before."""
    path, warnings = unknown_fact_warnings(tmp_path, ["osai:fact:unknown"])
    assert warnings == [f"{path}: osai:fact:unknown: not a fact osai knows"]


@pytest.mark.parametrize(
    ("link", "url"),
    [("https://acme.example/licence", "https://acme.example/licence"), ("LICENSE", None)],
    ids=["address", "path"],
)
def test_a_card_s_custom_licence_keeps_its_license_link(
    link: str, url: str | None, tmp_path: Path
) -> None:
    """`license: other` with a license_name osai does not know: the BOM named the licence only,
    which its reader cannot look up; the card's license_link, where it is an address, is now
    the licence's `url` (a path in the repository is none)."""
    (tmp_path / "README.md").write_text(
        f"---\nlicense: other\nlicense_name: acme-model-licence\nlicense_link: {link}\n---\n# m\n"
    )
    (tmp_path / "model.safetensors").write_bytes(b"weights")
    written = render(tmp_path, "cyclonedx")
    assert not cyclonedx_errors(written)
    (licence,) = json.loads(written)["metadata"]["component"]["licenses"]
    assert licence["license"]["name"] == "acme-model-licence"
    assert licence["license"].get("url") == url


@pytest.mark.parametrize("written", ["cyclonedx", "spdx"])
def test_a_local_target_is_named_from_the_repository_root(written: str, tmp_path: Path) -> None:
    """osai:target named a local target as typed: given absolute, the BOM published with the
    release held the checkout's directory (a runner's, a user's home), and the same model
    checked from another directory gave another BOM.  It is named from the repository's root
    now, as SARIF names it."""
    import shutil

    (tmp_path / ".git").mkdir()
    model = tmp_path / "models" / "tiny"
    shutil.copytree(ROOT / "examples" / "tiny-model", model)
    absolute = run_osai("check", str(model), "--format", written, cwd=model.parent)
    relative = run_osai("check", "models/tiny", "--format", written, cwd=tmp_path)
    assert absolute.code == relative.code == 0, absolute.stderr + relative.stderr
    assert str(tmp_path) not in absolute.stdout
    assert absolute.stdout == relative.stdout
    assert '"osai:target"' in absolute.stdout and "models/tiny" in absolute.stdout


def test_a_licence_stated_unknown_is_no_licence_a_bom_declares(tmp_path: Path) -> None:
    """`license: unknown` (as `osai init` drafts it) was written as a licence *named* "unknown",
    acknowledged as declared (CycloneDX), and as hasDeclaredLicense LicenseRef-unknown (SPDX):
    a BOM reader took the authors to have declared one.  The licence fields state none
    (NOASSERTION); osai:licence keeps the words, so osai reads the same verdicts back."""
    pythia = (ROOT / "examples" / "pythia-70m.yml").read_text(encoding="utf-8")
    card = "      name: 'Data card'\n"
    assert card in pythia
    release = tmp_path / "pythia.yml"
    release.write_text(pythia.replace(card, card + "      license: unknown\n"), encoding="utf-8")
    cyclonedx = render(release, "cyclonedx")
    assert cyclonedx_errors(cyclonedx) == []
    components = json.loads(cyclonedx)["components"]
    (data_card,) = [c for c in components if properties(c).get("osai:component") == "data-card"]
    assert "licenses" not in data_card, data_card["licenses"]
    assert properties(data_card)["osai:licence"] == "unknown"
    spdx = render(release, "spdx")
    spdx_objects(spdx)
    graph = graph_of(spdx)
    (card_id,) = [i for i, e in graph.items() if e.get("name", "").endswith("Data card")]
    assert related(graph, card_id, "hasDeclaredLicense") == [NO_ASSERTION]
    for name, text in (("cdx", cyclonedx), ("spdx", spdx)):
        path = tmp_path / f"pythia.{name}.json"
        path.write_text(text, encoding="utf-8")
        assert verdicts(report_of(str(path))) == verdicts(report_of(str(release))), name


@pytest.mark.parametrize(("word", "status"), [("N/A", "unmet"), ("'Not disclosed.'", "unmet")])
def test_a_bom_s_word_for_a_description_not_given_is_read_as_a_manifest_s(
    tmp_path: Path, word: str, status: str
) -> None:
    """osai:fact:training_data_description = N/A in an AI BOM met OSAID's description, gate
    PASS, where the same word in a manifest is read as not provided (rules/components.yaml
    not_provided_words): both read it through the fact's one reading (FactKind.says_none)."""
    manifest = ROOT / "examples" / "pythia-70m.yml"
    for name in FORMATS:
        bom = tmp_path / f"m.{name}.json"
        assert run_osai("check", str(manifest), "-o", f"{name}={bom}").code == 0
        text = bom.read_text()
        described, count = re.subn(r'"The Pile: an 825 GiB[^"]*"', json.dumps(word), text)
        assert count >= 1, name
        bom.write_text(described)
        framework = report_of(str(bom), "-f", "osaid")["targets"][0]["frameworks"][0]
        (description,) = [
            r for r in framework["requirements"] if r["id"] == "OSAID-DATA-DESCRIPTION"
        ]
        assert description["status"] == status, (name, description)
        assert description["reason"] == f"training_data_description: {word}", name
        assert framework["outcome"] == "not-conformant", name
