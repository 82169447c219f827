"""AI BOMs other tools write, in the shapes they write them: told apart from a manifest, and the
model they describe picked as its author means it."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from test_bom import FIXTURE, ROOT, cyclonedx_errors, osai, report_of, spdx_objects

from osai.sources.bom_sniff import SNIFF_BYTES, bom_format
from osai.targets import kind_of


def _library(number: int) -> dict[str, Any]:
    ref = f"pkg:pypi/library-{number}@1.0"
    return {"bom-ref": ref, "licenses": [{"license": {"id": "MIT"}}], "name": f"library-{number}",
            "purl": ref, "type": "library"}  # fmt: skip


def test_a_large_bom_whose_format_comes_last_is_a_bom(tmp_path: Path) -> None:
    """cyclonedx-python-lib (and so OWASP's AIBOM Generator, the fixture) writes `bomFormat`
    after the components: a BOM of a few hundred components has it past the first 64 KiB, and
    was read as a manifest ('framework: missing (required)', a line for each BOM key)."""
    bom = json.loads(FIXTURE.read_text())
    model = bom["components"][0]
    libraries = [_library(number) for number in range(400)]
    bom["components"] += libraries
    refs = [library["bom-ref"] for library in libraries]
    bom["dependencies"] = [{"ref": model["bom-ref"], "dependsOn": refs}]
    path = tmp_path / "aibom.json"
    path.write_text(json.dumps(bom, indent=2))
    assert path.read_text().index('"bomFormat"') > SNIFF_BYTES  # as the library orders it
    assert kind_of(str(path)) == "bom"
    (target,) = report_of(str(path))["targets"]
    components = {c["id"]: c for c in target["components"]}
    assert (target["name"], components["supporting-libraries"]["licence"]["text"]) == (
        "google-t5/t5-base",
        "MIT",
    )


def test_a_json_object_is_sniffed_to_its_end_in_linear_time(tmp_path: Path) -> None:
    """Read to its end, a file is matched against every format's mark: an SPDX 3 `@context`
    list was matched as a run to the next `]`, tried again at every "@context", seconds for
    64 KiB of lists never closed (quadratic in the file's size)."""
    path = tmp_path / "lists.json"
    path.write_bytes(b"{" + b'"@context": [' * (4 * SNIFF_BYTES // 13))
    started = time.process_time()  # CPU time: a busy machine does not make it slower
    assert bom_format(path) == ""
    assert time.process_time() - started < 1


SPDX_BASE = "https://example.org/spdxdocs/lineage#"


# The one CreationInfo every element of these documents names (`_:ci`)
SPDX_CREATION = {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1",
                 "createdBy": [SPDX_BASE + "lab"], "created": "2025-01-01T00:00:00Z"}  # fmt: skip


def spdx_document(path: Path, graph: list[dict[str, Any]]) -> Path:
    """An SPDX 3.0.1 JSON-LD document of `graph`, written to `path`."""
    context = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    path.write_text(json.dumps({"@context": context, "@graph": graph}, indent=2))
    return path


def _spdx_element(kind: str, local: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "spdxId": SPDX_BASE + local, "creationInfo": "_:ci", **fields}


def _spdx_relation(source: str, kind: str, target: str) -> dict[str, Any]:
    return _spdx_element("Relationship", f"{source}-{kind}-{target}", relationshipType=kind,
                         **{"from": SPDX_BASE + source, "to": [SPDX_BASE + target]})  # fmt: skip


@pytest.mark.parametrize(
    ("source", "kind", "target"),
    [("tuned", "descendantOf", "base"), ("base", "ancestorOf", "tuned")],
    ids=["descendantOf", "ancestorOf"],
)
def test_the_base_model_of_a_spdx_fine_tune_is_not_the_model(
    source: str, kind: str, target: str, tmp_path: Path
) -> None:
    """SPDX 3 states lineage either way round: the fine-tune `descendantOf` its base, or the
    base `ancestorOf` it.  With no rootElement, the model is the one no other model relates to;
    `ancestorOf` was read as the fine-tune being the base's part, so the report judged the base
    in its place, and the fine-tune (MIT) not at all.  The base is under CC-BY-4.0, which binds
    no derivative's licence (a CC-BY-NC-4.0 base would, rules/links.yaml), so MIT is the
    fine-tune's own and CC-BY-4.0 the base's."""
    licence = "simplelicensing_LicenseExpression"
    graph = [
        SPDX_CREATION,
        _spdx_element("Organization", "lab", name="Example Lab"),
        _spdx_element("ai_AIPackage", "base", name="base-model", software_primaryPurpose="model"),
        _spdx_element("ai_AIPackage", "tuned", name="tuned-model", software_primaryPurpose="model"),
        _spdx_element(licence, "nc", simplelicensing_licenseExpression="CC-BY-4.0"),
        _spdx_element(licence, "mit", simplelicensing_licenseExpression="MIT"),
        _spdx_relation("base", "hasDeclaredLicense", "nc"),
        _spdx_relation("tuned", "hasDeclaredLicense", "mit"),
        _spdx_relation(source, kind, target),
    ]
    path = spdx_document(tmp_path / "lineage.spdx3.json", graph)
    assert spdx_objects(path.read_text())  # valid SPDX 3.0.1
    (model,) = report_of(str(path))["targets"]
    final = {c["id"]: c for c in model["components"]}["model-parameters-final"]
    assert (model["name"], final["licence"]["text"]) == ("tuned-model", "MIT")


def test_a_cyclonedx_ancestor_that_is_no_model_is_no_base_model(tmp_path: Path) -> None:
    """A CycloneDX pedigree's ancestors are "the components a component is derived from", of
    any type; SPDX's lineage reads only AI packages as base models.  A MIT model whose
    ancestors were a library and a dataset was 'MIT, unless base model torch (not followed)
    binds its derivatives to its licence': OSAID unknown, on no base model.  A model ancestor
    beside them is still one."""
    base = {"type": "machine-learning-model", "name": "base", "purl": "pkg:huggingface/org/base",
            "licenses": [{"license": {"id": "CC-BY-NC-4.0"}}]}  # fmt: skip
    others = [{"type": "library", "name": "torch", "licenses": [{"license": {"id": "MIT"}}]},
              {"type": "data", "name": "pile"}]  # fmt: skip
    boms = {}
    for name, ancestors in (("parts", others), ("tuned", [*others, base])):
        model = {"type": "machine-learning-model", "bom-ref": "m", "name": name,
                 "licenses": [{"license": {"id": "MIT"}}],
                 "pedigree": {"ancestors": ancestors}}  # fmt: skip
        bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [model]}
        boms[name] = tmp_path / f"{name}.cdx.json"
        boms[name].write_text(json.dumps(bom))
        assert cyclonedx_errors(boms[name].read_text()) == []
    verdicts = {}
    for name, path in boms.items():
        (target,) = report_of(str(path), "-f", "osaid")["targets"]
        (osaid,) = target["frameworks"]
        (parameters,) = [r for r in osaid["requirements"] if r["id"] == "OSAID-PARAMETERS"]
        verdicts[name] = (target["base_models"], parameters["status"])
    assert verdicts == {"parts": ([], "met"), "tuned": (["pkg:huggingface/org/base"], "unmet")}


def test_an_spdx_element_given_twice_alike_is_one(tmp_path: Path) -> None:
    """Refused where two elements share an spdxId; the same element written twice (a merge of
    two documents) is read once."""
    model = _spdx_element("ai_AIPackage", "tuned", name="tuned-model")
    mit = _spdx_element("simplelicensing_LicenseExpression", "mit",
                        simplelicensing_licenseExpression="MIT")  # fmt: skip
    # and a second document's CreationInfo under the same blank-node label: no element osai
    # reads, it was refused as "spdxId '_:ci' is also the element's at ..." (yq's review)
    other = {**SPDX_CREATION, "created": "2025-02-01T00:00:00Z"}
    graph = [
        SPDX_CREATION,
        model,
        mit,
        _spdx_relation("tuned", "hasDeclaredLicense", "mit"),
        model,
        other,
    ]
    path = spdx_document(tmp_path / "merged.spdx3.json", graph)
    (target,) = report_of(str(path))["targets"]
    final = {c["id"]: c for c in target["components"]}["model-parameters-final"]
    assert (target["name"], final["licence"]["text"]) == ("tuned-model", "MIT")


def test_two_spdx_elements_of_one_blank_label_are_still_refused(tmp_path: Path) -> None:
    """Two CreationInfos of one blank label keep the first (28f183b); two licences of one
    (`_:lic`, MIT and CC-BY-NC-4.0, which SPDX 3 does not allow an element) were read as the
    first, silently: a verdict on one of two licences the document gives (ys's review)."""
    licence = "simplelicensing_LicenseExpression"
    graph = [
        SPDX_CREATION,
        _spdx_element("ai_AIPackage", "tuned", name="tuned-model"),
        {**_spdx_element(licence, "", simplelicensing_licenseExpression="CC-BY-NC-4.0"),
         "spdxId": "_:lic"},
        {**_spdx_element(licence, "", simplelicensing_licenseExpression="MIT"), "spdxId": "_:lic"},
        {**_spdx_relation("tuned", "hasDeclaredLicense", "mit"), "to": ["_:lic"]},
    ]  # fmt: skip
    path = spdx_document(tmp_path / "blank.spdx3.json", graph)
    code, _, err = osai("check", str(path))
    assert code == 2, err
    assert err.endswith(
        ": at $.@graph[3]: spdxId '_:lic' is also the element's at $.@graph[2]; SPDX 3 gives "
        "each element its own\n"
    ), err


CYCLONEDX_XML = """<?xml version="1.0" encoding="UTF-8"?>
<bom serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1"
     xmlns="http://cyclonedx.org/schema/bom/1.6">
  <components>
    <component type="machine-learning-model" bom-ref="m">
      <name>bert-base-cased</name>
      <licenses><license><id>Apache-2.0</id></license></licenses>
    </component>
  </components>
</bom>
"""
SPDX_TAG_VALUE = """SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: bert-base-cased
DocumentNamespace: https://example.org/spdx/bert-base-cased
Creator: Tool: example-0.1

PackageName: bert-base-cased
SPDXID: SPDXRef-Package-model
PackageLicenseConcluded: NOASSERTION
PackageLicenseDeclared: Apache-2.0
"""


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("bom.xml", CYCLONEDX_XML, "a CycloneDX XML BOM; osai reads CycloneDX JSON"),
        ("model.spdx", SPDX_TAG_VALUE, "an SPDX 2 tag-value document; SPDX 2 has no AI profile"),
        (  # as a manifest: "expected a YAML mapping (framework:, release:), found a list"
            "boms.json",
            '[{"bomFormat": "CycloneDX", "specVersion": "1.6"}]',
            "a JSON array of CycloneDX BOMs, where a BOM is one JSON object",
        ),
    ],
    ids=["cyclonedx-xml", "spdx-tag-value", "json-array"],
)
def test_a_bom_in_a_serialisation_osai_does_not_read_is_one_line(
    name: str, text: str, said: str, tmp_path: Path
) -> None:
    """As a manifest, CycloneDX XML was 'expected a YAML mapping (framework:, release:)' and
    SPDX tag-value a line for each of its keys ('SPDXVersion: unknown key', ...)."""
    path = tmp_path / name
    path.write_text(text)
    code, _, err = osai("check", str(path))
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line.startswith(f"osai: error: {path}: {said}"), line


def test_xml_and_text_that_are_no_bom_stay_what_they_were(tmp_path: Path) -> None:
    page = tmp_path / "page.xml"
    page.write_text("<html><body>" + "<bom " * (SNIFF_BYTES // 5) + "</body></html>")
    started = time.process_time()
    assert bom_format(page) == ""
    assert time.process_time() - started < 1
    manifest = tmp_path / "osai.yaml"
    manifest.write_text("# SPDXVersion: SPDX-2.3 is not what this is\nrelease: {}\n")
    assert kind_of(str(manifest)) == "manifest"
    listing = tmp_path / "list.json"  # an array that holds no BOM is no BOM either
    listing.write_text('[{"name": "bomFormat"}]')
    assert bom_format(listing) == ""


def test_every_dependency_entry_of_the_model_is_read(tmp_path: Path) -> None:
    """A merged BOM (cyclonedx-cli merge of a model's BOM and its runtime's) gives the model two
    `dependencies` entries: only the first was read, so the supporting libraries were Apache-2.0
    alone, met, where the BOM says the model also depends on a non-commercial one."""
    bom = json.loads(FIXTURE.read_text())
    model = bom["components"][0]
    bom["components"] += [
        {"type": "library", "bom-ref": "transformers", "name": "transformers",
         "licenses": [{"license": {"id": "Apache-2.0"}}]},
        {"type": "library", "bom-ref": "runtime", "name": "runtime",
         "licenses": [{"license": {"id": "CC-BY-NC-4.0"}}]},
    ]  # fmt: skip
    job, empty = bom["dependencies"]  # the generator's: the job depends on the model; the model
    assert empty == {"ref": model["bom-ref"]}  # on nothing it knows
    bom["dependencies"] = [
        job,
        {"ref": model["bom-ref"], "dependsOn": ["transformers"]},
        {"ref": model["bom-ref"], "dependsOn": ["runtime"]},
    ]
    path = tmp_path / "merged.cdx.json"
    path.write_text(json.dumps(bom, indent=2))
    (target,) = report_of(str(path))["targets"]
    libraries = {c["id"]: c for c in target["components"]}["supporting-libraries"]
    assert libraries["licence"]["text"] == "(Apache-2.0) AND (CC-BY-NC-4.0)"
    status = {
        (f["id"], r["id"]): r["status"] for f in target["frameworks"] for r in f["requirements"]
    }
    assert status[("osaid", "OSAID-CODE-SUPPORTING-LIBRARIES")] == "unmet"


def test_follow_on_a_bom_naming_no_code_repository_says_nothing_was_followed(
    tmp_path: Path,
) -> None:
    """`--follow` on an AI BOM that names no GitHub repository of the model (a vcs reference,
    tests/test_bom_follow.py) followed nothing and said nothing, as if the BOM linked nothing:
    a note says so, and how to follow the model's links; without --follow, no note.  Llama 2's
    manifest names no repository, no paper on arXiv and no dataset on the Hub, so neither does
    the BOM osai writes of it (BLOOM's names its paper on arXiv, which --follow reads:
    tests/test_bom_follow_links.py)."""
    bom = tmp_path / "llama.cdx.json"
    code, _, err = osai("check", str(ROOT / "examples" / "llama-2-7b.yml"), "-o", str(bom))
    assert code == 0, err
    said = "--follow: nothing followed"
    followed = report_of(str(bom), "--follow")
    (target,) = followed["targets"]
    assert [f["message"] for f in target["findings"] if said in f["message"]] == [
        "--follow: nothing followed: this AI BOM names no GitHub repository of the model's code "
        "(a vcs reference), and the BOM no Hub dataset, arXiv paper or Hub base model of the "
        "model: the links of an AI BOM osai follows; check the model's Hub id or directory to "
        "follow its card's links"
    ]
    assert target["links"] == []
    plain = report_of(str(bom))
    assert not [f for f in plain["targets"][0]["findings"] if said in f["message"]]


def _twice_cyclonedx(path: Path) -> Path:
    """A licence two of the tool's sources found (a card's and a LICENSE's), listed once each."""
    licences = [{"license": {"id": "MIT"}}, {"license": {"id": "MIT"}}]
    model = {"type": "machine-learning-model", "bom-ref": "m", "name": "m", "licenses": licences}
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [model]}
    path.write_text(json.dumps(bom, indent=2))
    return path


def _twice_spdx(path: Path) -> Path:
    """Two documents merged: each relates the model to its licence, under its own spdxId."""
    mit = _spdx_element("simplelicensing_LicenseExpression", "mit",
                        simplelicensing_licenseExpression="MIT")  # fmt: skip
    related = _spdx_relation("m", "hasDeclaredLicense", "mit")
    graph = [SPDX_CREATION, _spdx_element("ai_AIPackage", "m", name="m"), mit, related,
             {**related, "spdxId": SPDX_BASE + "again"}]  # fmt: skip
    return spdx_document(path, graph)


@pytest.mark.parametrize("written", [_twice_cyclonedx, _twice_spdx], ids=["cyclonedx", "spdx"])
def test_a_licence_listed_twice_is_one_licence(written: Any, tmp_path: Path) -> None:
    """Read as 'MIT AND MIT', shown so in every report ('MIT: OSI-approved; MIT: OSI-approved')
    and written so into the BOM osai writes of it."""
    path = written(tmp_path / "twice.json")
    (target,) = report_of(str(path))["targets"]
    final = {c["id"]: c for c in target["components"]}["model-parameters-final"]
    assert final["licence"]["text"] == "MIT"
    code, out, err = osai("check", str(path), "--format", "cyclonedx")
    assert code == 0, err
    (licence,) = json.loads(out)["metadata"]["component"]["licenses"]
    assert licence["expression"] == "MIT"


ODD_PURL = "pkg:huggingface/org/m@x\n::error::forged"  # not a purl: a line break in it


def _odd_purl_cyclonedx(path: Path) -> Path:
    model = {"type": "machine-learning-model", "bom-ref": "m", "name": "m", "purl": ODD_PURL}
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [model]}
    path.write_text(json.dumps(bom, indent=2))
    return path


def _odd_purl_spdx(path: Path) -> Path:
    model = _spdx_element("ai_AIPackage", "m", name="m", software_packageUrl=ODD_PURL)
    return spdx_document(path, [SPDX_CREATION, model])


@pytest.mark.parametrize(
    "written", [_odd_purl_cyclonedx, _odd_purl_spdx], ids=["cyclonedx", "spdx"]
)
def test_a_malformed_purl_names_no_revision(written: Any, tmp_path: Path) -> None:
    """The purl is not kept (not written again), and what follows its '@' was kept as the
    model's revision: 'm @ x ::error::forged' headed every report, and the BOM osai wrote of it
    gave the model that version; CycloneDX's kept the purl too, as the model's osai:location."""
    path = written(tmp_path / "odd.json")
    (target,) = report_of(str(path))["targets"]
    assert target["revision"] == ""
    code, out, err = osai("check", str(path), "--format", "cyclonedx")
    assert code == 0, err
    assert "forged" not in out


@pytest.mark.parametrize(
    ("purl", "revision"),
    [
        ("pkg:huggingface/org/m@abc1234?download_url=x#weights", "abc1234"),
        # an '@' among the qualifiers pins no version: it was read as the revision
        ("pkg:huggingface/org/m?download_url=https://u@host/x", ""),
        # the type is case-insensitive (the model was read, its revision not)
        ("pkg:HuggingFace/org/m@abc1234", "abc1234"),
    ],
)
def test_a_hub_purl_is_read_once_for_its_model_and_its_revision(
    purl: str, revision: str, tmp_path: Path
) -> None:
    model = {"type": "machine-learning-model", "bom-ref": "m", "name": "m", "purl": purl}
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [model]}
    path = tmp_path / "m.cdx.json"
    path.write_text(json.dumps(bom, indent=2))
    (target,) = report_of(str(path))["targets"]
    assert target["revision"] == revision


@pytest.mark.parametrize("written", ["cyclonedx", "spdx"])
def test_a_long_model_name_is_not_copied_into_every_reference(written: str, tmp_path: Path) -> None:
    """Every bom-ref and spdxId osai writes began with the model's name made an id, uncut: a BOM
    naming its model in 1 MB was written as 4 MB of CycloneDX or 12 MB of SPDX, which osai then
    refused to read back (too large).  The name is someone else's words, read bounded (200
    characters, an ellipsis saying it was cut: `-v` printed it whole three times, 3 MB), and
    reads back as written."""
    model = {"type": "machine-learning-model", "bom-ref": "m", "name": "n" * 1_000_000}
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [model]}
    source = tmp_path / "long.cdx.json"
    source.write_text(json.dumps(bom))
    code, out, err = osai("check", str(source), "--format", written)
    assert code == 0, err
    assert len(out) < 100_000
    again = tmp_path / f"again.{written}.json"
    again.write_text(out)
    (target,) = report_of(str(again))["targets"]
    assert target["name"] == "n" * 199 + "…"
    code, verbose, err = osai("check", str(source), "-v")
    assert code == 0 and len(verbose) < 100_000, err


_EXPANDED = "expandedlicensing_"
_LISTED = "https://spdx.org/licenses/"
_NC = f"{_LISTED}CC-BY-NC-4.0"


def _expanded_licence_document(path: Path, *licences: dict[str, Any]) -> Path:
    """A model whose declared licence is the first of `licences`, SPDX 3's ExpandedLicensing
    elements (as tools that parse an expression write it)."""
    graph = [
        SPDX_CREATION,
        _spdx_element("Organization", "lab", name="Example Lab"),
        _spdx_element("ai_AIPackage", "model", name="model", software_primaryPurpose="model"),
        *licences,
        _spdx_relation(
            "model", "hasDeclaredLicense", licences[0]["spdxId"].removeprefix(SPDX_BASE)
        ),
    ]
    return spdx_document(path, graph)


def _licence_set(kind: str, local: str, *members: str) -> dict[str, Any]:
    named = [m if m.startswith(_LISTED) else SPDX_BASE + m for m in members]
    return _spdx_element(f"{_EXPANDED}{kind}LicenseSet", local, expandedlicensing_member=named)


def test_an_spdx_licence_set_is_judged_as_its_expression(tmp_path: Path) -> None:
    """A ConjunctiveLicenseSet of MIT and CC-BY-NC-4.0 is `MIT AND CC-BY-NC-4.0`, not conformant
    to OSAID on the publisher's word: it was read as a licence named by the set's id, whose
    terms osai could not judge, and the model that fails the definition was only unknown."""
    both = _licence_set("Conjunctive", "both", f"{_LISTED}MIT", f"{_LISTED}CC-BY-NC-4.0")
    path = _expanded_licence_document(tmp_path / "set.spdx3.json", both)
    assert spdx_objects(path.read_text())  # valid SPDX 3.0.1
    (model,) = report_of(str(path), "-f", "osaid")["targets"]
    final = {c["id"]: c for c in model["components"]}["model-parameters-final"]
    (osaid,) = model["frameworks"]
    assert (final["licence"]["text"], osaid["outcome"]) == (
        "MIT AND CC-BY-NC-4.0",
        "not-conformant",
    )


def test_nested_spdx_licence_operators_keep_their_grouping(tmp_path: Path) -> None:
    """Sets within sets, WITH and or-later operators, and a custom licence named in several
    words (which no expression holds: its LicenseRef- id stands for it)."""
    later = _spdx_element(f"{_EXPANDED}OrLaterOperator", "later",
                          expandedlicensing_subjectLicense=f"{_LISTED}LGPL-2.1")  # fmt: skip
    addition = _spdx_element(
        f"{_EXPANDED}WithAdditionOperator",
        "with",
        expandedlicensing_subjectExtendableLicense=SPDX_BASE + "later",
        expandedlicensing_subjectAddition=f"{_LISTED}Classpath-exception-2.0",
    )
    custom = _spdx_element(f"{_EXPANDED}CustomLicense", "LicenseRef-mine", name="My Licence",
                           simplelicensing_licenseText="You may do anything.")  # fmt: skip
    path = _expanded_licence_document(
        tmp_path / "nested.spdx3.json",
        _licence_set("Disjunctive", "either", "both", "with"),
        _licence_set("Conjunctive", "both", f"{_LISTED}MIT", "LicenseRef-mine"),
        custom,
        addition,
        later,
    )
    assert spdx_objects(path.read_text())
    (model,) = report_of(str(path), "-f", "osaid")["targets"]
    final = {c["id"]: c for c in model["components"]}["model-parameters-final"]
    assert final["licence"]["text"] == (
        "(MIT AND LicenseRef-mine) OR (LGPL-2.1+ WITH Classpath-exception-2.0)"
    )


def _chain(length: int, members: int) -> list[dict[str, Any]]:
    """Sets each holding the next `members` times, the last MIT."""
    return [
        _licence_set("Conjunctive", f"set{i}", *[f"set{i + 1}"] * members) for i in range(length)
    ] + [_licence_set("Conjunctive", f"set{length}", f"{_LISTED}MIT")]


@pytest.mark.parametrize(
    ("licences", "said"),
    [
        ([_licence_set("Conjunctive", "set0", f"{_LISTED}MIT", "set0")], "contains itself"),
        (_chain(100, 1), "nests more than 32 deep"),
        (_chain(30, 2), "more than 10,000 characters long"),  # 2**30 operands, shared
        ([_licence_set("Disjunctive", "set0")], "expected the licences it combines"),
        # one subject each: the second was dropped (GPL-2.0+ judged, CC-BY-NC-4.0 unread), and
        # an addition alone was read as the licence
        (
            [
                _spdx_element(
                    f"{_EXPANDED}OrLaterOperator",
                    "later",
                    expandedlicensing_subjectLicense=[f"{_LISTED}GPL-2.0-only", _NC],
                )
            ],
            "subjectLicense: expected one licence, found a list",
        ),
        (
            [
                _spdx_element(
                    f"{_EXPANDED}WithAdditionOperator",
                    "with",
                    expandedlicensing_subjectAddition=f"{_LISTED}Classpath-exception-2.0",
                )
            ],
            "subjectExtendableLicense: expected one licence, found nothing",
        ),
    ],
    ids=["cycle", "deep", "doubling", "empty", "two subjects", "no subject"],
)
def test_a_hostile_spdx_licence_set_is_one_line(
    licences: list[dict[str, Any]], said: str, tmp_path: Path
) -> None:
    path = _expanded_licence_document(tmp_path / "hostile.spdx3.json", *licences)
    started = time.process_time()  # CPU: a busy machine makes a run wait, not compute
    code, out, err = osai("check", str(path))
    assert (code, out, err.count("\n")) == (2, "", 1), err
    assert said in err and "Traceback" not in err
    assert time.process_time() - started < 10


def test_a_licence_set_naming_a_long_one_many_times_is_refused_as_read(tmp_path: Path) -> None:
    """A set naming a 9,600-character set 20,000 times (a 1 MB document) was joined whole, a
    string of 190 MB, before it was found too long: an 8 MB document took 2.9 GB of memory."""
    long = _licence_set("Conjunctive", "long", *[f"{_LISTED}MIT"] * 1200)
    wide = _licence_set("Conjunctive", "wide", *["long"] * 20_000)
    path = _expanded_licence_document(tmp_path / "wide.spdx3.json", wide, long)
    tracemalloc.start()
    try:
        code, out, err = osai("check", str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (code, out) == (2, "")
    assert err.endswith("lineage#wide' is more than 10,000 characters long\n")
    assert peak < 60_000_000, peak


def _declared_again(path: Path, licence: dict[str, Any], times: int) -> Path:
    """A model whose one hasDeclaredLicense relationship names `licence` `times` times."""
    graph = [
        SPDX_CREATION,
        _spdx_element("ai_AIPackage", "model", name="model", software_primaryPurpose="model"),
        licence,
        _spdx_element("Relationship", "declared", relationshipType="hasDeclaredLicense",
                      **{"from": SPDX_BASE + "model", "to": [licence["spdxId"]] * times}),
    ]  # fmt: skip
    return spdx_document(path, graph)


def test_a_licence_set_named_many_times_is_read_once(tmp_path: Path) -> None:
    """A 9,600-character set named 5,000 times (a 315 KB document) was read again for each
    time it was named: 12 s to refuse it, an 8 MB document minutes."""
    long = _licence_set("Conjunctive", "long", *[f"{_LISTED}MIT"] * 1200)
    path = _declared_again(tmp_path / "again.spdx3.json", long, 5000)
    # its CPU, not the wall clock: a busy CI machine makes a run wait, not compute (12 s of it
    # without the fix, 0.7 s with)
    started = time.process_time()
    code, out, err = osai("check", str(path))
    assert (code, out, err.count("\n")) == (2, "", 1), err
    assert "a licence expression of 9,595 characters is longer than osai reads" in err
    assert time.process_time() - started < 5


def test_a_licence_set_named_many_times_is_quoted_once(tmp_path: Path) -> None:
    """A 1,700-character set named 5,000 times (a 270 KB document) was quoted as the BOM
    states it 5,000 times: `osai check -v` wrote 20 MB, its JSON 29 MB."""
    members = [f"{_LISTED}Apache-2.0"] * 130
    path = _declared_again(
        tmp_path / "again.spdx3.json", _licence_set("Conjunctive", "long", *members), 5000
    )
    code, out, err = osai("check", str(path), "--format", "json")
    assert code == 0, err
    assert len(out) < 200_000
    (model,) = json.loads(out)["targets"]
    final = {c["id"]: c for c in model["components"]}["model-parameters-final"]
    assert final["licence"]["text"].startswith("Apache-2.0 AND Apache-2.0")


def _custom_licence_bom(path: Path, licence: dict[str, Any]) -> Path:
    model = {"type": "machine-learning-model", "bom-ref": "m", "name": "m",
             "licenses": [{"license": licence}]}  # fmt: skip
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [model]}
    path.write_text(json.dumps(bom))
    return path


def _written(*args: str) -> str:
    code, out, err = osai("check", *args)
    assert code == 0, err
    return out


def _model_licences(cyclonedx: str) -> Any:
    return json.loads(cyclonedx)["metadata"]["component"]["licenses"]


def test_a_custom_licence_keeps_its_link_in_the_boms_osai_writes(tmp_path: Path) -> None:
    """A licence by name alone is one a consumer (Dependency-Track, a reviewer) cannot look up:
    the link another tool's BOM gave a custom licence was dropped from the BOM osai wrote of it.
    Now CycloneDX's `license.url`, and SPDX's customIdToUri for its LicenseRef-, both ways."""
    url = "https://example.org/licences/mine-1.0"
    given = _custom_licence_bom(tmp_path / "theirs.cdx.json", {"name": "Mine 1.0", "url": url})
    cyclonedx = _written(str(given), "--format", "cyclonedx")
    assert not cyclonedx_errors(cyclonedx)
    assert _model_licences(cyclonedx) == [
        {"license": {"name": "Mine 1.0", "url": url, "acknowledgement": "declared"}}
    ]
    spdx = _written(str(given), "--format", "spdx")
    assert spdx_objects(spdx)
    (expression,) = [
        item
        for item in json.loads(spdx)["@graph"]
        if item["type"] == "simplelicensing_LicenseExpression"
    ]
    assert expression["simplelicensing_customIdToUri"] == [
        {"type": "DictionaryEntry", "key": "LicenseRef-Mine-1.0", "value": url}
    ]
    (tmp_path / "ours.spdx.json").write_text(spdx)
    again = _written(str(tmp_path / "ours.spdx.json"), "--format", "cyclonedx")
    assert _model_licences(again) == _model_licences(cyclonedx)


def test_an_spdx_custom_licence_s_see_also_is_its_link(tmp_path: Path) -> None:
    custom = _spdx_element(f"{_EXPANDED}CustomLicense", "LicenseRef-mine", name="Mine",
                           simplelicensing_licenseText="You may do anything.",
                           expandedlicensing_seeAlso=["https://example.org/mine"])  # fmt: skip
    path = _expanded_licence_document(tmp_path / "custom.spdx3.json", custom)
    assert spdx_objects(path.read_text())
    cyclonedx = _written(str(path), "--format", "cyclonedx")
    assert _model_licences(cyclonedx)[0]["license"]["url"] == "https://example.org/mine"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "https://example.org/a b", "https://example.org/\n\x1b[2J", "x" * 9,
     "https://example.org/" + "a" * 2_000],
    ids=["scheme", "blank", "controls", "no-url", "long"],
)  # fmt: skip
def test_a_licence_link_that_is_no_url_is_not_copied(url: str, tmp_path: Path) -> None:
    """Another tool's value is written again only where it is an http(s) URL of one line: a
    CycloneDX `url` must be an IRI, and osai's BOM must stay valid whatever it read."""
    given = _custom_licence_bom(tmp_path / "theirs.cdx.json", {"name": "Mine", "url": url})
    cyclonedx = _written(str(given), "--format", "cyclonedx")
    assert not cyclonedx_errors(cyclonedx)
    assert "url" not in _model_licences(cyclonedx)[0]["license"]
    assert "customIdToUri" not in _written(str(given), "--format", "spdx")


def test_the_review_of_a_custom_licence_says_where_its_terms_are(tmp_path: Path) -> None:
    """ "read them" named no place to read a custom licence the BOM links: now its link."""
    url = "https://example.org/licences/mine-1.0"
    given = _custom_licence_bom(tmp_path / "theirs.cdx.json", {"name": "Mine 1.0", "url": url})
    assert f"read them at {url} (a waiver" in " ".join(_written(str(given)).split())
    unlinked = _custom_licence_bom(tmp_path / "unlinked.cdx.json", {"name": "Mine 1.0"})
    assert "read them (a waiver" in " ".join(_written(str(unlinked)).split())
