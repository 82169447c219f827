"""An AI BOM's licence is its format's licence field, as every other tool reads it: osai's own
`osai:licence` words stand only where the field states none, or names the same licence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_bom import ROOT, osai, render, report_of

TINY = ROOT / "examples" / "tiny-model"
FINAL = "model-parameters-final"
NO_ASSERTION = "expandedlicensing_NoAssertionLicense"


def _cyclonedx(path: Path, expression: str, acknowledgement: str = "declared") -> Path:
    """tiny-model's BOM, its model's licence field edited by another tool (jq), osai's
    `osai:licence` (its card's `apache-2.0`) left as it was."""
    bom = json.loads(render(TINY, "cyclonedx"))
    bom["metadata"]["component"]["licenses"] = [
        {"expression": expression, "acknowledgement": acknowledgement}
    ]
    path.write_text(json.dumps(bom, indent=1))
    return path


def _spdx(path: Path, expression: str, acknowledgement: str = "declared") -> Path:
    """The same in SPDX: the model's declared licence's expression edited (and, `concluded`,
    stated as its concluded licence instead, the declared one dropped)."""
    document = json.loads(render(TINY, "spdx"))
    graph = document["@graph"]
    by_id = {element.get("spdxId"): element for element in graph}
    (model,) = [
        e for e in graph if e.get("type") == "ai_AIPackage" and e.get("name") == "tiny-model"
    ]
    (declared,) = [
        e["to"][0]
        for e in graph
        if e.get("type") == "Relationship"
        and e.get("from") == model["spdxId"]
        and e.get("relationshipType") == "hasDeclaredLicense"
    ]
    by_id[declared]["simplelicensing_licenseExpression"] = expression
    if acknowledgement == "concluded":
        for element in graph:
            if element.get("type") == "Relationship" and element.get("from") == model["spdxId"]:
                kind = element.get("relationshipType")
                if kind == "hasConcludedLicense":
                    element["to"] = [declared]
                elif kind == "hasDeclaredLicense":
                    element["to"] = [NO_ASSERTION]
    path.write_text(json.dumps(document, indent=1))
    return path


def _final(report: dict[str, Any]) -> dict[str, Any]:
    (target,) = report["targets"]
    components = {c["id"]: c for c in target["components"]}
    licence: dict[str, Any] = components[FINAL]["licence"] or {}
    return licence


def _messages(report: dict[str, Any]) -> list[str]:
    return [f["message"] for f in report["targets"][0]["findings"]]


@pytest.mark.parametrize("written", [_cyclonedx, _spdx], ids=["cyclonedx", "spdx"])
def test_the_licence_field_outweighs_a_hidden_osai_licence(written: Any, tmp_path: Path) -> None:
    """A supplier's BOM showing CC-BY-NC-4.0 to every other tool passed `--require
    mof:class-3` on the Apache-2.0 of an osai:licence property no other tool reads."""
    bom = written(tmp_path / "nc.json", "CC-BY-NC-4.0")
    code, out, err = osai("check", str(bom), "--require", "mof:class-3", "--format", "json")
    assert code == 1, err  # the gate fails, as on the field alone
    report = json.loads(out)
    assert _final(report)["text"] == "CC-BY-NC-4.0"
    (conflict,) = [
        m for m in _messages(report) if "Model parameters (Final)" in m and "'CC-BY-NC-4.0'" in m
    ]
    assert "apache-2.0" in conflict and "more restrictive" in conflict


@pytest.mark.parametrize("written", [_cyclonedx, _spdx], ids=["cyclonedx", "spdx"])
def test_a_concluded_licence_field_outweighs_a_hidden_osai_licence(
    written: Any, tmp_path: Path
) -> None:
    """The same BOM, its CC-BY-NC-4.0 acknowledged as `concluded` (SPDX: hasConcludedLicense,
    the declared one NOASSERTION): every other tool still shows it, but osai left it out as
    another tool's opinion and passed `--require mof:class-3` on the hidden Apache-2.0."""
    bom = written(tmp_path / "nc.json", "CC-BY-NC-4.0", "concluded")
    code, out, err = osai("check", str(bom), "--require", "mof:class-3", "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    assert _final(report)["text"] == "CC-BY-NC-4.0"
    assert [m for m in _messages(report) if "'CC-BY-NC-4.0'" in m and "more restrictive" in m]


@pytest.mark.parametrize("written", [_cyclonedx, _spdx], ids=["cyclonedx", "spdx"])
def test_osai_s_words_stand_where_the_field_names_the_same_licence(
    written: Any, tmp_path: Path
) -> None:
    """The card's `apache-2.0`, as osai wrote it, beside the field's Apache-2.0: one licence, in
    its source's spelling, and no conflict."""
    bom = written(tmp_path / "same.json", "Apache-2.0")
    report = report_of(str(bom))
    assert _final(report)["text"] == "apache-2.0"
    assert not [m for m in _messages(report) if "more restrictive" in m]


@pytest.mark.parametrize("written", [_cyclonedx, _spdx], ids=["cyclonedx", "spdx"])
def test_a_field_expression_that_does_not_parse_is_unknown_and_said(
    written: Any, tmp_path: Path
) -> None:
    bom = written(tmp_path / "broken.json", "MIT AND (Apache-2.0 OR")
    report = report_of(str(bom))
    assert _final(report)["text"] == "MIT AND (Apache-2.0 OR"
    # said once: SPDX's parts share the one element, and each said it (seven times in tiny-model)
    (note,) = [m for m in _messages(report) if "no SPDX expression osai can parse" in m]
    assert "'MIT AND (Apache-2.0 OR'" in note


@pytest.mark.parametrize("written", ["cyclonedx", "spdx"])
def test_a_custom_name_with_letters_beyond_ascii_reads_back_as_itself(
    written: str, tmp_path: Path
) -> None:
    """A card's `license: Licence Libre du Québec - Réciprocité forte version 1.1` (an en dash):
    SPDX's field is
    the LicenseRef- osai makes of it, ASCII only (…-Qu-bec-R-ciprocit-…), and its own words kept
    the é: read back, the two were two licences, a conflict, the weights unknown where the check
    had them met (benchmarks/fuzz.py found it)."""
    model = tmp_path / "model"
    model.mkdir()
    licence = "Licence Libre du Québec \u2013 Réciprocité forte version 1.1"
    (model / "README.md").write_text(f"---\nlicense: {licence}\n---\n# Model\n", encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"not weights, but a file\n")
    bom = tmp_path / f"m.{written}.json"
    bom.write_text(render(model, written), encoding="utf-8")
    direct, again = (_final(report_of(str(t), "-f", "osaid")) for t in (model, bom))
    assert again["text"] == licence, again
    (target,) = report_of(str(bom), "-f", "osaid")["targets"]
    assert [f for f in target["findings"] if f["kind"] == "conflict"] == []
    assert direct["text"] == licence
