"""A BOM writes a licence as osai reads it: the SPDX expression, current ids, the one LicenseRef-
rules/licenses.yaml defines for a licence osai knows.  The source's own spelling, checked alone,
gave a licence named "odc-by" (CycloneDX) or `LicenseRef-odc-by` (SPDX), the deprecated `GPL-3.0`
for `gpl-3.0`, and one Llama 2 licence two LicenseRef- ids, where osai's report read ODC-By-1.0,
GPL-3.0-only and LicenseRef-llama2: a consumer's policy on the ids matched none of them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_bom import ROOT, cyclonedx_errors, render, report_of, spdx_objects

TINY = ROOT / "examples" / "tiny-model"
LLAMA = ROOT / "examples" / "llama-2-7b.yml"


def _licensed(tmp_path: Path, licence: str) -> Path:
    """tiny-model, its card's `license:` set to `licence` (and no LICENSE file beside it, which
    would make a second statement osai could not choose between)."""
    directory = tmp_path / "model"
    shutil.copytree(TINY, directory)
    (directory / "LICENSE").unlink()
    card = directory / "README.md"
    text = card.read_text()
    assert "license: apache-2.0\n" in text
    card.write_text(text.replace("license: apache-2.0\n", f"license: {licence}\n", 1))
    return directory


def _cyclonedx_model_licences(text: str) -> Any:
    assert cyclonedx_errors(text) == []
    return json.loads(text)["metadata"]["component"]["licenses"]


def _spdx_expressions(text: str) -> set[str]:
    spdx_objects(text)  # valid SPDX 3.0.1
    graph = json.loads(text)["@graph"]
    return {
        e["simplelicensing_licenseExpression"]
        for e in graph
        if e.get("type") == "simplelicensing_LicenseExpression"
    }


@pytest.mark.parametrize(
    ("card", "expression"),
    [
        ("odc-by", "ODC-By-1.0"),
        ("pddl", "PDDL-1.0"),
        ("gpl-3.0", "GPL-3.0-only"),
        ("agpl-3.0", "AGPL-3.0-only"),
        ("lgpl-2.1", "LGPL-2.1-only"),
        ("llama2", "LicenseRef-llama2"),
    ],
)
def test_a_card_s_licence_is_written_as_osai_reads_it(
    card: str, expression: str, tmp_path: Path
) -> None:
    directory = _licensed(tmp_path, card)
    cyclonedx = render(directory, "cyclonedx")
    (licence,) = _cyclonedx_model_licences(cyclonedx)
    assert licence == {"expression": expression, "acknowledgement": "declared"}
    # the card's words kept where the format has no field for them
    (model,) = [json.loads(cyclonedx)["metadata"]["component"]]
    assert {"name": "osai:licence", "value": card} in model["properties"]
    spdx = render(directory, "spdx")
    assert expression in _spdx_expressions(spdx)
    assert not any(e.startswith(f"LicenseRef-{card}") for e in _spdx_expressions(spdx)) or (
        expression == f"LicenseRef-{card}"
    )
    # read back, the same licence in the card's words, with the same verdicts
    bom = tmp_path / "model.cdx.json"
    bom.write_text(cyclonedx)
    reports = [report_of(str(checked))["targets"][0] for checked in (directory, bom)]
    for target in reports:
        components = {c["id"]: c for c in target["components"]}
        assert components["model-parameters-final"]["licence"]["text"] == card
    verdicts = [[(f["id"], f["outcome"], f["certainty"]) for f in t["frameworks"]] for t in reports]
    assert verdicts[0] == verdicts[1]


def test_one_licence_is_one_licence_ref_in_every_bom() -> None:
    """examples/llama-2-7b.yml's "Llama 2 Community License" was LicenseRef-Llama-2-Community-
    License, the Hub's `llama2` LicenseRef-llama2: the licence rules/licenses.yaml defines."""
    assert _spdx_expressions(render(LLAMA, "spdx")) >= {"LicenseRef-llama2"}
    assert "LicenseRef-Llama-2-Community-License" not in render(LLAMA, "spdx")
    cyclonedx = render(LLAMA, "cyclonedx")
    assert cyclonedx_errors(cyclonedx) == []
    assert '"expression": "LicenseRef-llama2"' in cyclonedx


def _spdx_licences_of(text: str, name: str) -> dict[str, list[str]]:
    """An SPDX element's declared and concluded licences, by their expressions."""
    graph = json.loads(text)["@graph"]
    by_id = {e.get("spdxId"): e for e in graph}
    (element,) = [e["spdxId"] for e in graph if e.get("name") == name and "spdxId" in e]
    found: dict[str, list[str]] = {}
    for e in graph:
        if e.get("type") == "Relationship" and e.get("from") == element:
            kind = e["relationshipType"]
            if kind in ("hasDeclaredLicense", "hasConcludedLicense"):
                found[kind] = [
                    by_id.get(to, {}).get("simplelicensing_licenseExpression", to) for to in e["to"]
                ]
    return found


def test_the_card_s_licence_is_declared_beside_a_public_assessment_s(
    linked_world: Any, tmp_path: Path
) -> None:
    """pythia-70m's MOT listing gives Apache-2.0 (assessed: concluded), its card `license:
    apache-2.0`: the BOM wrote the model's licence as concluded alone (SPDX: declared
    NOASSERTION), as if the publisher had declared none.  The card's is the declared licence;
    the BOM read back keeps every verdict."""
    from clirunner import run_osai

    written = {}
    for kind in ("cyclonedx", "spdx"):
        path = tmp_path / f"pythia.{kind}.json"
        result = run_osai("check", "EleutherAI/pythia-70m", "-o", f"{kind}={path}")
        assert result.code == 0, result.stderr
        written[kind] = path
    cyclonedx = written["cyclonedx"].read_text()
    model = json.loads(cyclonedx)["metadata"]["component"]
    assert cyclonedx_errors(cyclonedx) == []
    assert model["licenses"] == [{"expression": "Apache-2.0", "acknowledgement": "declared"}]
    assert {"name": "osai:licence:certainty", "value": "assessed"} in model["properties"]
    spdx = written["spdx"].read_text()
    spdx_objects(spdx)
    assert _spdx_licences_of(spdx, "EleutherAI/pythia-70m") == {
        "hasDeclaredLicense": ["Apache-2.0"],
        "hasConcludedLicense": ["Apache-2.0"],
    }

    def verdicts(target: str) -> list[tuple[str, str, str]]:
        result = run_osai("check", target, "--format", "json")
        assert result.code == 0, result.stderr
        (checked,) = json.loads(result.stdout)["targets"]
        return [(f["id"], f["outcome"], f["certainty"]) for f in checked["frameworks"]]

    hub = verdicts("EleutherAI/pythia-70m")
    assert verdicts(str(written["cyclonedx"])) == verdicts(str(written["spdx"])) == hub
