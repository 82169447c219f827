"""A BOM written from a BOM states what the first one states, no more and no less.

`osai check A.cdx.json -o cyclonedx=B.cdx.json`, A written of a Hub model: B dropped the model's
`distribution` reference when its parameters were not seen, stated `declared` of every component
osai had not seen (A states no certainty of them: it had no evidence), dropped the weights' path
an SPDX A gave beside its download location, lost a piece of how an inferred part was
inferred where that piece was said twice, and dropped the task and architecture A's CycloneDX
model card states.  Of a directory's A, B dropped where a dataset the card names was seen
(`osai:location` README.md beside the dataset's Hub page: B kept the page alone).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from clirunner import run_osai
from test_bom import FORMATS

# SmolLM2: its parameters not seen (no distribution but the first BOM's); t5-base: its weights'
# path beside its Hub page, its task and architecture; OLMo: two repositories inferred as
# holding its architecture
MODELS = ("HuggingFaceTB/SmolLM2-1.7B", "google-t5/t5-base", "allenai/OLMo-7B")
# A directory whose card names its training dataset on the Hub: the part seen in README.md
TINY_MODEL = Path(__file__).resolve().parents[1] / "examples" / "tiny-model"
# What names the BOM itself rather than the model: the target checked and its source, the
# document's serial number and the SPDX ids that derive from it
_OWN = ("osai:target", "osai:source")
LOCATION = "osai:location"
_DOCUMENT_ID = re.compile(r"urn:uuid:[0-9a-f-]{36}|osai-[0-9a-f-]{36}")


def _written(model: str, written: str, tmp_path: Path, env: dict[str, str]) -> tuple[Path, Path]:
    first, second = tmp_path / f"A.{written}.json", tmp_path / f"B.{written}.json"
    result = run_osai("check", model, "-o", f"{written}={first}", env=env)
    assert result.code == 0, result.stderr
    result = run_osai("check", str(first), "-o", f"{written}={second}", env=env)
    assert result.code == 0, result.stderr
    return first, second


def _cyclonedx_statements(path: Path) -> dict[str, Any]:
    """What a CycloneDX BOM states of each component: its identity, licences and their
    acknowledgements, where it is (external references, its data's contents, osai:location),
    pedigree, and osai: properties (verdicts, presence, certainty), its model card's too, and
    the card's task, architecture and datasets."""
    bom = json.loads(path.read_text())
    components = [bom["metadata"]["component"], *bom.get("components", [])]
    components += [nested for c in list(components) for nested in c.get("components", [])]
    keys = ("type", "name", "group", "purl", "licenses", "externalReferences", "data", "pedigree")
    return {
        component.get("bom-ref", component["name"]): {
            **{key: component.get(key) for key in keys},
            "properties": _own_removed(component.get("properties", [])),
            "card": _own_removed(component.get("modelCard", {}).get("properties", [])),
            "parameters": component.get("modelCard", {}).get("modelParameters"),
        }
        for component in components
    }


def _spdx_statements(path: Path) -> list[Any]:
    """An SPDX document's every element, but for the ids the document's serial number makes."""
    graph = json.loads(_DOCUMENT_ID.sub("ID", path.read_text()))["@graph"]
    for element in graph:
        for extension in element.get("extension", []):
            entries = extension["extension_cdxProperty"]
            extension["extension_cdxProperty"] = [
                e for e in entries if e["extension_cdxPropName"] not in _OWN
            ]
    return graph


def _own_removed(properties: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(p["name"], p["value"]) for p in properties if p["name"] not in _OWN]


def _statements(path: Path, written: str) -> Any:
    return _cyclonedx_statements(path) if written == "cyclonedx" else _spdx_statements(path)


@pytest.mark.parametrize("written", FORMATS)
@pytest.mark.parametrize("model", MODELS)
def test_a_bom_of_a_bom_states_what_the_first_states(
    model: str, written: str, linked_world: Any, tmp_path: Path
) -> None:
    """The Hub, and the code repositories its cards link to, on loopback."""
    env = {"HF_ENDPOINT": linked_world.endpoint, "HF_HOME": str(tmp_path / "hf")}
    first, second = _written(model, written, tmp_path, env)
    assert _statements(second, written) == _statements(first, written)


@pytest.mark.parametrize("written", FORMATS)
def test_a_bom_of_a_directory_s_bom_states_where_each_part_was_seen(
    written: str, tmp_path: Path
) -> None:
    """The dataset tiny-model's card names is at its Hub page, and was seen in README.md: a BOM
    of its BOM states both, as the first one does."""
    first, second = _written(str(TINY_MODEL), written, tmp_path, {})
    assert _statements(second, written) == _statements(first, written)
    where = [_dataset_locations(path, written) for path in (first, second)]
    page = "https://huggingface.co/datasets/roneneldan/TinyStories"
    assert where == [[(page, "README.md")], [(page, "README.md")]]


def _dataset_locations(path: Path, written: str) -> list[tuple[str, str]]:
    """Each dataset's address and where osai saw it (osai:location)."""
    if written == "cyclonedx":
        components = json.loads(path.read_text()).get("components", [])
        return [
            (c["externalReferences"][0]["url"], dict(_own_removed(c["properties"]))[LOCATION])
            for c in components
            if c["type"] == "data" and c["data"][0]["type"] == "dataset"
        ]
    graph = json.loads(path.read_text())["@graph"]
    return [
        (e["software_downloadLocation"], _extension(e)[LOCATION])
        for e in graph
        if e["type"] == "dataset_DatasetPackage"
    ]


def _extension(element: dict[str, Any]) -> dict[str, str]:
    return {
        entry["extension_cdxPropName"]: entry["extension_cdxPropValue"]
        for extension in element.get("extension", [])
        for entry in extension["extension_cdxProperty"]
    }


def test_the_model_s_distribution_is_named_again_where_its_parameters_were_not_seen(
    hub: Any, tmp_path: Path
) -> None:
    """The Hub did not list SmolLM2's files: its parameters are unknown, and the model's Hub page
    was named by the first BOM only."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "hf")}
    first, second = _written(MODELS[0], "cyclonedx", tmp_path, env)
    models = [json.loads(path.read_text())["metadata"]["component"] for path in (first, second)]
    page = {"type": "distribution", "url": f"{hub.endpoint}/{MODELS[0]}"}
    assert [model["externalReferences"] for model in models] == [[page], [page]]
    unseen = [
        p["name"] for p in models[1]["properties"] if p["name"].endswith(":presence:certainty")
    ]
    assert unseen == []


def _manifest(tmp_path: Path, hub_page: str | None) -> Path:
    """Pythia-70m's manifest, naming `hub_page` as its Hugging Face page (None: no page)."""
    example = (Path(__file__).resolve().parents[1] / "examples" / "pythia-70m.yml").read_text()
    said = "  huggingface: 'https://huggingface.co/EleutherAI/pythia-70m'\n"
    assert said in example
    page = f"  huggingface: '{hub_page}'\n" if hub_page else ""
    path = tmp_path / "m.yml"
    path.write_text(example.replace(said, page))
    return path


def _identity(path: Path, written: str) -> tuple[list[str], list[str]]:
    """The model's package URLs and where it is downloaded from, as the BOM names them."""
    if written == "cyclonedx":
        model = json.loads(path.read_text())["metadata"]["component"]
        references = model.get("externalReferences", [])
        pages = [r["url"] for r in references if r["type"] == "distribution"]
        return [model.get("purl", "")], pages
    graph = json.loads(path.read_text())["@graph"]
    intermediate = ("osai:component", "model-parameters-intermediate")
    models = [
        e
        for e in graph
        if e["type"] == "ai_AIPackage" and intermediate not in _extension(e).items()
    ]
    return (
        [e.get("software_packageUrl", "") for e in models],
        [e.get("software_downloadLocation", "") for e in models],
    )


@pytest.mark.parametrize("written", FORMATS)
@pytest.mark.parametrize("hub_page", [None, "https://huggingface.co/google-t5/t5-base"])
def test_a_bom_checked_with_a_manifest_names_the_model_as_the_bom_did(
    hub_page: str | None, written: str, hub: Any, tmp_path: Path
) -> None:
    """`osai check A --manifest m.yml -o B`, the manifest naming no Hub page or A's model's:
    B named the model by no purl, A's lost in the merge."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "hf")}
    first, second = tmp_path / f"A.{written}.json", tmp_path / f"B.{written}.json"
    result = run_osai("check", MODELS[1], "-o", f"{written}={first}", env=env)
    assert result.code == 0, result.stderr
    manifest = str(_manifest(tmp_path, hub_page))
    result = run_osai(
        "check", str(first), "--manifest", manifest, "-o", f"{written}={second}", env=env
    )
    assert result.code == 0, result.stderr
    purls, pages = _identity(first, written)
    assert purls[0].startswith(f"pkg:huggingface/{MODELS[1]}@")
    assert _identity(second, written) == (purls, pages)


def test_a_bom_checked_with_another_model_s_manifest_is_refused(hub: Any, tmp_path: Path) -> None:
    """The manifest names another Hub model than the BOM's purl does: merged, its word stood
    for this model's, the report was titled by one model (Pythia-70M @ t5's commit) and stated
    the other's task and architecture.  Refused, as it is beside a Hub id (exit 2, one line),
    and no BOM is written."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "hf")}
    first, second = tmp_path / "A.cdx.json", tmp_path / "B.cdx.json"
    result = run_osai("check", MODELS[1], "-o", f"cyclonedx={first}", env=env)
    assert result.code == 0, result.stderr
    manifest = _manifest(tmp_path, "https://huggingface.co/EleutherAI/pythia-70m")
    result = run_osai(
        "check", str(first), "--manifest", str(manifest), "-o", f"cyclonedx={second}", env=env
    )
    assert result.code == 2, result.stderr
    first_line = result.stderr.splitlines()[0]
    assert first_line == (
        f"osai: error: {first}: --manifest {manifest} describes another model, "
        "EleutherAI/pythia-70m (its huggingface: field): give this model's manifest"
    )
    assert not second.exists()
