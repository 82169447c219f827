"""A BOM's lineage past the model's own bases: a supplier's CycloneDX pedigree whose ancestor has
ancestors of its own, an SPDX base package that descends from another.  The model declaring
Apache-2.0, its MIT base a fine-tune of Llama 2: read offline, only the MIT was judged and the
model met OSAID, where the BOM says Llama 2's licence, which binds derivatives, reaches it
through the base (as `osai check` of the same model on the Hub says).  Offline, no Hub."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from test_bom import cyclonedx_errors, osai, spdx_objects
from test_bom_foreign import SPDX_BASE, SPDX_CREATION, _spdx_element, _spdx_relation, spdx_document
from test_bom_unless import checked, requirement, verdicts, written
from test_links_answers import fine_tune

from osai.evidence import MAX_STATED_BASES

LLAMA = "meta-llama/Llama-2-7b-hf"
TUNED = "acme/llama-2-ft"  # an MIT fine-tune of Llama 2


def _ancestor(model_id: str, licence: str | None, *ancestors: dict[str, Any]) -> dict[str, Any]:
    group, name = model_id.split("/")
    ancestor: dict[str, Any] = {"type": "machine-learning-model", "group": group, "name": name,
                                "purl": f"pkg:huggingface/{model_id}"}  # fmt: skip
    if licence is not None:
        ancestor["licenses"] = [{"license": {"name": licence}}]
    if ancestors:
        ancestor["pedigree"] = {"ancestors": list(ancestors)}
    return ancestor


def cyclonedx(path: Path, *ancestors: dict[str, Any]) -> Path:
    """Another tool's ML-BOM of acme/model under Apache-2.0, derived from `ancestors`."""
    model = {"type": "machine-learning-model", "bom-ref": "model", "group": "acme",
             "name": "model", "purl": "pkg:huggingface/acme/model",
             "licenses": [{"license": {"id": "Apache-2.0"}}],
             "pedigree": {"ancestors": list(ancestors)}}  # fmt: skip
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
           "metadata": {"component": model}}  # fmt: skip
    path.write_text(json.dumps(bom, indent=2))
    assert cyclonedx_errors(path.read_text()) == []
    return path


def _package(local: str, model_id: str) -> dict[str, Any]:
    return _spdx_element("ai_AIPackage", local, name=model_id, software_primaryPurpose="model",
                         software_packageUrl=f"pkg:huggingface/{model_id}")  # fmt: skip


def _licensed(local: str, expression: str) -> list[dict[str, Any]]:
    kind = "simplelicensing_LicenseExpression"
    return [
        _spdx_element(kind, f"{local}-licence", simplelicensing_licenseExpression=expression),
        _spdx_relation(local, "hasDeclaredLicense", f"{local}-licence"),
    ]


def spdx(path: Path, lineage: list[tuple[str, str, str]], packages: dict[str, str]) -> Path:
    """Another tool's SPDX 3 document of acme/model under Apache-2.0, with the AI `packages`
    (local id: Hub id; each under MIT but Llama 2, under its licence) and the `lineage`
    relationships (from, type, to) between them."""
    document = _spdx_element("SpdxDocument", "doc", rootElement=[SPDX_BASE + "model"])
    graph = [SPDX_CREATION, document, _package("model", "acme/model")]
    graph += _licensed("model", "Apache-2.0")
    for local, model_id in packages.items():
        graph.append(_package(local, model_id))
        graph += _licensed(local, "LicenseRef-llama2" if model_id == LLAMA else "MIT")
    graph += [_spdx_relation(*relation) for relation in lineage]
    spdx_document(path, graph)
    assert spdx_objects(path.read_text())
    return path


def parameters(bom: Path, *args: str) -> tuple[dict[str, Any], list[str]]:
    """The OSAID parameters requirement of the BOM's check, and its conflicts."""
    code, out, err = osai("check", str(bom), "--no-public-assessments", "--format", "json", *args)
    assert code in (0, 1), err
    (target,) = json.loads(out)["targets"]
    found = next(r for f in target["frameworks"] for r in f["requirements"]
                 if r["id"] == "OSAID-PARAMETERS")  # fmt: skip
    conflicts = [f["message"] for f in target["findings"] if f["kind"] == "conflict"]
    return found, conflicts


def test_a_cyclonedx_ancestor_of_an_ancestor_under_llama_2_binds_the_model(
    tmp_path: Path,
) -> None:
    """The pedigree's ancestor is an MIT fine-tune whose own pedigree names Llama 2: the model
    met OSAID on the MIT alone.  Llama 2's licence binds it through the fine-tune, cited where
    the BOM states it."""
    bom = cyclonedx(tmp_path / "m.cdx.json", _ancestor(TUNED, "MIT", _ancestor(LLAMA, "llama2")))
    weights, [conflict] = parameters(bom)
    assert (weights["status"], weights["licence"]) == ("unmet", "LicenseRef-llama2")
    assert conflict.startswith(f"declared Apache-2.0 ({bom}:")
    assert f"but base model {LLAMA} (through {TUNED}) is under the Llama 2" in conflict


@pytest.mark.parametrize("stated", ["none", "a base with no licence"])
def test_an_ancestor_of_an_ancestor_stating_no_licence_leaves_the_licence_unknown(
    stated: str, tmp_path: Path
) -> None:
    """The far base states no licence (or the base between states none either): its licence
    may bind the model, as a base's own unread one may ("not followed": --follow reads it)."""
    between = "MIT" if stated == "none" else None
    bom = cyclonedx(tmp_path / "m.cdx.json", _ancestor(TUNED, between, _ancestor(LLAMA, None)))
    weights, conflicts = parameters(bom)
    assert (weights["status"], conflicts) == ("unknown", [])
    assert f"unless base model {LLAMA} (not followed)" in weights["reason"]


def test_a_far_ancestor_under_llama_2_binds_a_model_whose_base_states_no_licence(
    tmp_path: Path,
) -> None:
    """A base stating no licence is unread, but what the BOM states beyond it still binds: the
    model is under Llama 2's licence whatever the base between is under."""
    bom = cyclonedx(tmp_path / "m.cdx.json", _ancestor(TUNED, None, _ancestor(LLAMA, "llama2")))
    weights, [conflict] = parameters(bom)
    assert (weights["status"], weights["licence"]) == ("unmet", "LicenseRef-llama2")
    assert f"base model {LLAMA} (through {TUNED})" in conflict


@pytest.mark.parametrize(
    "relation",
    [("tuned", "descendantOf", "llama"), ("llama", "ancestorOf", "tuned")],
    ids=["descendantOf", "ancestorOf"],
)
def test_an_spdx_base_descending_from_llama_2_binds_the_model(
    relation: tuple[str, str, str], tmp_path: Path
) -> None:
    """SPDX 3: the model descendantOf an MIT package, which descends from Llama 2 (either way
    round the document states it)."""
    packages = {"tuned": TUNED, "llama": LLAMA}
    lineage = [("model", "descendantOf", "tuned"), relation]
    weights, [conflict] = parameters(spdx(tmp_path / "m.spdx.json", lineage, packages))
    assert (weights["status"], weights["licence"]) == ("unmet", "LicenseRef-llama2")
    assert f"base model {LLAMA} (through {TUNED})" in conflict


def test_an_spdx_lineage_that_turns_back_ends_there(tmp_path: Path) -> None:
    """A base descending from the model, or two bases from each other: read once each, none of
    them the model's own base, and the model met on its own licence and its bases' MIT."""
    packages = {"a": "acme/a", "b": "acme/b"}
    lineage = [("model", "descendantOf", "a"), ("a", "descendantOf", "b"),
               ("b", "descendantOf", "a"), ("b", "descendantOf", "model")]  # fmt: skip
    weights, conflicts = parameters(spdx(tmp_path / "m.spdx.json", lineage, packages))
    assert (weights["status"], weights["licence"], conflicts) == ("met", "Apache-2.0", [])


def test_a_lineage_deeper_than_osai_reads_of_a_bom_leaves_the_licence_unknown(
    tmp_path: Path,
) -> None:
    """A chain of 2,000 MIT packages, far longer than osai reads (osai.evidence
    MAX_STATED_LINEAGE levels, one recursion each): what lies beyond may bind the model, so its
    licence meets OSAID only if nothing there does."""
    count = 2000
    packages = {f"p{n}": f"acme/p{n}" for n in range(count)}
    lineage = [("model", "descendantOf", "p0")]
    lineage += [(f"p{n}", "descendantOf", f"p{n + 1}") for n in range(count - 1)]
    weights, _ = parameters(spdx(tmp_path / "m.spdx.json", lineage, packages))
    assert weights["status"] == "unknown"
    assert re.search(
        r"unless base model acme/p\d+'s own base models \(beyond the \d+ levels of a stated "
        r"lineage osai reads\)",
        weights["reason"],
    )


def test_the_farther_bases_osai_reads_of_a_bom_are_bounded_across_all_its_bases(
    tmp_path: Path,
) -> None:
    """A hostile BOM's bases each deriving from the same lattice: each base's lineage read it
    whole, 1,600 bases sharing 1,600 farther ones 29 s (an hour at 8 MB; ahd's review).  Every
    farther base stated MIT, and the model met OSAID.  osai reads MAX_STATED_BASES of them, all
    the lineages together, here (of 512) the shared base's 256 bases and then, through
    acme/d1, the shared base again and 255 of them: the one left and the shared base through
    acme/d2 are unread, and may bind the model."""
    half = MAX_STATED_BASES // 2
    shared = _ancestor("acme/d0", "MIT", *(_ancestor(f"far/f{n}", "MIT") for n in range(half)))
    naming = [_ancestor(f"acme/d{n}", "MIT", _ancestor("acme/d0", "MIT")) for n in (1, 2)]
    weights, conflicts = parameters(cyclonedx(tmp_path / "m.cdx.json", shared, *naming))
    assert (weights["status"], conflicts) == ("unknown", [])
    why = f"beyond the {MAX_STATED_BASES} farther bases of a stated lineage osai reads"
    unless = f"unless base model far/f{half - 1} ({why}) or base model acme/d0 ({why}) binds"
    assert unless in weights["reason"]


def test_a_bom_lineage_checked_with_a_manifest_still_binds(tmp_path: Path) -> None:
    """`osai check BOM --manifest m.yml` merges the two: the BOM's far base was dropped in the
    merge, and the model met on its MIT base."""
    bom = cyclonedx(tmp_path / "m.cdx.json", _ancestor(TUNED, "MIT", _ancestor(LLAMA, "llama2")))
    manifest = tmp_path / "m.yml"
    manifest.write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n  name: model\n  version: '1'\n"
        "  license: {distribution: {name: Apache-2.0}}\n"
        "  components:\n"
        "    - {name: Model parameters (Final), description: weights, license: Apache-2.0}\n"
    )
    weights, _ = parameters(bom, "--manifest", str(manifest))
    assert (weights["status"], weights["licence"]) == ("unmet", "LicenseRef-llama2")


def stated_lineage(bom: Path) -> list[tuple[str, str]]:
    """Each (model, the base it derives from) the BOM states, by Hub id, as either format
    states it: nested pedigree ancestors, or AI packages `descendantOf` one another."""
    data = json.loads(bom.read_text())
    if data.get("bomFormat") == "CycloneDX":
        found: list[tuple[str, str]] = []
        pending = [("model", data["metadata"]["component"])]
        while pending:
            name, component = pending.pop(0)
            for ancestor in component.get("pedigree", {}).get("ancestors", []):
                base = f"{ancestor['group']}/{ancestor['name']}"
                found.append((name, base))
                pending.append((base, ancestor))
        return found
    graph = data["@graph"]
    names = {i["spdxId"]: i.get("name", "") for i in graph if i.get("type") == "ai_AIPackage"}
    return [
        ("model" if "/base/" not in r["from"] else names[r["from"]], names[to])
        for r in graph
        if r.get("relationshipType") == "descendantOf"
        for to in r["to"]
    ]


@pytest.mark.parametrize("kind", ["cyclonedx", "spdx"])
def test_the_bom_of_a_fine_tune_of_a_llama_2_fine_tune_states_its_lineage_to_llama_2(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """The Hub check reads the base's own base, Llama 2, whose licence binds the model; its BOM
    named the MIT base alone, the base whose licence decides the weights' nowhere in its
    lineage.  It states the lineage read (a pedigree ancestor's own ancestors; the base package
    descendantOf Llama 2's), each base with its licence, valid, and read back offline to the
    Hub check's verdicts."""
    fine_tune(linked_world, "acme/lineage-mit", LLAMA)
    model = fine_tune(linked_world, "acme/lineage-apache", "acme/lineage-mit", "apache-2.0")
    hub = checked(model)
    assert requirement(hub, "OSAID-PARAMETERS")["status"] == "unmet"
    bom = written(model, kind, tmp_path)
    text = bom.read_text()
    assert (cyclonedx_errors(text) == []) if kind == "cyclonedx" else bool(spdx_objects(text))
    lineage = {("model", "acme/lineage-mit"), ("acme/lineage-mit", LLAMA)}
    assert sorted(stated_lineage(bom)) == sorted(lineage)
    assert verdicts(checked(str(bom))) == verdicts(hub)


@pytest.mark.parametrize("kind", [7, None], ids=["a number", "none"])
def test_an_spdx_lineage_of_a_type_osai_cannot_read_is_refused(
    kind: int | None, tmp_path: Path
) -> None:
    """agw's audit: the model's relationship to a Llama 2 package typed `7` (or untyped) was
    passed over, a relationship of no type osai reads, and the model met OSAID on its own
    Apache-2.0.  Refused in one line (exit 2), as an element of a wrong type is."""
    path = spdx(tmp_path / "m.spdx.json", [("model", "descendantOf", "llama")], {"llama": LLAMA})
    document = json.loads(path.read_text())
    [relation] = [e for e in document["@graph"] if e.get("relationshipType") == "descendantOf"]
    relation["relationshipType"] = kind
    path.write_text(json.dumps(document, indent=2))
    code, out, err = osai("check", str(path), "--no-public-assessments")
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    said = "expected a string, found the number 7" if kind else "without a relationshipType"
    assert line.startswith(f"osai: error: {path}:") and said in line, line


def _lattice(tmp_path: Path) -> tuple[Path, set[tuple[str, str]]]:
    """A CycloneDX lineage where each of three bases derives from all three of the next level,
    four levels deep (each base's own ancestors stated once, under the first that names it,
    and named alone elsewhere, as the model's lineage is short to say), and its edges."""
    levels = [[f"l{depth}/m{n}" for n in range(3)] for depth in range(4)]
    edges = {("model", base) for base in levels[0]}
    edges |= {(a, b) for up, down in itertools.pairwise(levels) for a in up for b in down}

    def stated(depth: int, n: int) -> dict[str, Any]:
        if depth + 1 == len(levels):
            return _ancestor(levels[depth][n], "MIT")
        below = [stated(depth + 1, m) if n == 0 else _ancestor(b, "MIT")
                 for m, b in enumerate(levels[depth + 1])]  # fmt: skip
        return _ancestor(levels[depth][n], "MIT", *below)

    return cyclonedx(tmp_path / "m.cdx.json", *(stated(0, n) for n in range(3))), edges


@pytest.mark.parametrize("kind", ["cyclonedx", "spdx"])
def test_a_lineage_of_bases_each_deriving_from_all_the_next_is_written_once_an_edge(
    kind: str, tmp_path: Path
) -> None:
    """A lineage whose bases each derive from several of the next level was written once a path,
    each base's ancestors again under each base deriving from it: a 27 kB BOM of four bases a
    level, twelve deep, never finished writing (4^12 paths).  Each model and what it derives
    from is written once, and the BOM read back judges as the one it was written from."""
    source, edges = _lattice(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    bom = written(str(source), kind, out)
    lineage = stated_lineage(bom)
    assert len(lineage) == len(set(lineage))
    assert set(lineage) == edges
    assert verdicts(checked(str(bom))) == verdicts(checked(str(source)))


@pytest.mark.parametrize("kind", ["cyclonedx", "spdx"])
def test_a_base_named_first_beneath_a_farther_one_keeps_its_own_lineage(
    kind: str, tmp_path: Path
) -> None:
    """acme/n is named beneath acme/p (two levels down) before its own lineage to Llama 2 is
    written beneath acme/b (one level down, read first): the SPDX package made where it was
    named first carried no lineage, and where it was written with it, it was taken as made."""
    bom_in = cyclonedx(
        tmp_path / "m.cdx.json",
        _ancestor("acme/a", "MIT", _ancestor("acme/p", "MIT", _ancestor("acme/n", "MIT"))),
        _ancestor("acme/b", "MIT", _ancestor("acme/n", "MIT", _ancestor(LLAMA, "llama2"))),
    )
    out = tmp_path / "out"
    out.mkdir()
    bom = written(str(bom_in), kind, out)
    assert ("acme/n", LLAMA) in stated_lineage(bom)
    weights = requirement(checked(str(bom)), "OSAID-PARAMETERS")
    assert (weights["status"], weights["licence"]) == ("unmet", "LicenseRef-llama2")


@pytest.mark.parametrize("kind", ["cyclonedx", "spdx"])
def test_a_base_at_an_address_with_credentials_is_shown_without_them(
    tmp_path: Path, kind: str
) -> None:
    """A supplier's BOM naming a base, or a base's base, at a private mirror's address with
    its user and token (`https://alice:s3cr3t@models.example.com/far`) printed the token in the
    text and JSON reports (ahd's review).  The base is shown at the address without them."""
    secret = "s3cr3tT0ken"
    address = f"https://alice:{secret}@models.example.com/far"
    unclosed = f"http://bob:{secret}@[::1/far"  # no URL Python can split: cut as written
    if kind == "cyclonedx":
        far = {"type": "machine-learning-model", "name": "far",
               "externalReferences": [{"type": "distribution", "url": address}]}  # fmt: skip
        # CycloneDX's schema refuses the unclosed address: a direct base's credentials instead
        mirror = f"https://bob:{secret}@mirror.example.org/odd"
        odd = {"type": "machine-learning-model", "name": "odd",
               "externalReferences": [{"type": "distribution", "url": mirror}]}  # fmt: skip
        bom = cyclonedx(tmp_path / "m.cdx.json", _ancestor(TUNED, "MIT", far), odd)
    else:
        document = _spdx_element("SpdxDocument", "doc", rootElement=[SPDX_BASE + "model"])
        graph = [SPDX_CREATION, document, _package("model", "acme/model")]
        graph += _licensed("model", "Apache-2.0")
        for local, url in (("far", address), ("odd", unclosed)):
            graph.append(_spdx_element("ai_AIPackage", local, name=local,
                                       software_primaryPurpose="model",
                                       software_downloadLocation=url))  # fmt: skip
            graph.append(_spdx_relation("model", "descendantOf", local))
        bom = spdx_document(tmp_path / "m.spdx.json", graph)
    for fmt in ("text", "json"):
        code, out, err = osai("check", str(bom), "--no-public-assessments", "-v", "--format", fmt)
        assert code in (0, 1), err
        assert secret not in out + err
        assert "models.example.com/far" in out


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "cyclonedx", "spdx"])
@pytest.mark.parametrize("source", ["bom", "manifest"])
def test_where_a_model_is_found_is_shown_without_credentials(
    tmp_path: Path, source: str, fmt: str
) -> None:
    """A BOM's distribution address, or a manifest's component_path, at a private mirror with
    a user and token: its base's address was shown without them (above), its own printed
    the token in the text, JSON and Markdown reports and the BOMs osai wrote, as no secret of
    the run removed it (there was none: no HF_TOKEN)."""
    secret = "s3cr3tT0ken"
    address = f"https://carol:{secret}@models.example.com/acme/model"
    if source == "bom":
        model = {"type": "machine-learning-model", "bom-ref": "model", "group": "acme",
                 "name": "model", "purl": "pkg:huggingface/acme/model",
                 "licenses": [{"license": {"id": "Apache-2.0"}}],
                 "externalReferences": [{"type": "distribution", "url": address}]}  # fmt: skip
        target = tmp_path / "m.cdx.json"
        target.write_text(json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6",
                                      "version": 1, "metadata": {"component": model}}))  # fmt: skip
    else:
        target = tmp_path / "m.yml"
        target.write_text(
            "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
            "release:\n  name: model\n  version: '1'\n"
            "  license: {distribution: {name: Apache-2.0}}\n  components:\n"
            "    - {name: Model parameters (Final), description: weights, license: Apache-2.0,\n"
            f"       component_path: '{address}'}}\n"
        )
    code, out, err = osai("check", str(target), "--no-public-assessments", "-v", "--format", fmt)
    assert code in (0, 1), err
    assert secret not in out + err and "carol" not in out
    assert "models.example.com/acme/model" in out


@pytest.mark.parametrize("kind", [5, None], ids=["a number", "none"])
def test_a_cyclonedx_ancestor_of_a_type_osai_cannot_read_is_refused(
    kind: int | None, tmp_path: Path
) -> None:
    """An ancestor naming Llama 2 by its purl and licence, typed `5` (or untyped, where
    CycloneDX requires a type), was read as no model and the model met OSAID on its own
    Apache-2.0 (ahe's fuzzing).  Refused in one line (exit 2), as an SPDX relationship of
    such a type is."""
    llama = _ancestor(LLAMA, "llama2")
    if kind is None:
        del llama["type"]
    else:
        llama["type"] = kind
    path = tmp_path / "m.cdx.json"
    model = {"type": "machine-learning-model", "group": "acme", "name": "model",
             "licenses": [{"license": {"id": "Apache-2.0"}}],
             "pedigree": {"ancestors": [llama]}}  # fmt: skip
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
           "metadata": {"component": model}}  # fmt: skip
    path.write_text(json.dumps(bom))
    code, out, err = osai("check", str(path), "--no-public-assessments")
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    said = "expected a string" + ("" if kind is None else ", found the number 5")
    assert line.startswith(f"osai: error: {path}:") and said in line, line
    assert "pedigree.ancestors[0].type" in line, line


def test_a_base_stated_with_ancestors_past_the_levels_read_anywhere_is_not_met(
    tmp_path: Path,
) -> None:
    """acme/x is stated twice: under acme/a0, with no ancestors, and sixteen levels down a
    chain, with Llama 2 beyond the levels osai reads.  The walk met x first where it states
    none, never looked at the other, and the weights met OSAID on MIT: that x derives from
    more than osai read is said of x wherever it is stated (found growing ahe's ladder of
    bases sharing bases to sixteen levels)."""
    chain = ["acme/a0", *(f"acme/a{n}" for n in range(1, 15)), "acme/x"]
    deep = _ancestor(chain[-1], "MIT", _ancestor(LLAMA, "llama2"))
    for name in reversed(chain[:-1]):
        deep = _ancestor(name, "MIT", deep)
    near = _ancestor("acme/a0", "MIT", _ancestor("acme/x", "MIT"))
    bom = cyclonedx(tmp_path / "m.cdx.json", near, deep)
    weights, _ = parameters(bom)
    assert weights["status"] == "unknown", weights["reason"]
    assert "acme/x's own base models" in weights["reason"]


@pytest.mark.parametrize("nearer", [False, True])
def test_what_a_base_naming_the_model_itself_derives_from_binds_the_model(
    tmp_path: Path, nearer: bool
) -> None:
    """An ancestor naming the model itself (acme/model), itself deriving from Llama 2, was
    dropped with its ancestors, and the weights met OSAID on the model's Apache-2.0 (the
    fuzzer's bom-lineage).  A model does not derive from itself, but what the BOM says it
    derives from through itself it does: Llama 2 binds it, directly or through acme/a."""
    itself = _ancestor("acme/model", "MIT", _ancestor(LLAMA, "llama2"))
    top = _ancestor("acme/a", "MIT", itself) if nearer else itself
    bom = cyclonedx(tmp_path / "m.cdx.json", top)
    weights, conflicts = parameters(bom)
    assert (weights["status"], weights["licence"]) == ("unmet", "LicenseRef-llama2")
    assert conflicts and LLAMA in conflicts[0]
    code, out, err = osai("check", str(bom), "--no-public-assessments", "-v")
    assert code == 0 and "names this model itself" in out, err


def test_an_ancestor_of_another_type_at_a_hub_model_purl_is_a_base(tmp_path: Path) -> None:
    """An ancestor typed `library` whose purl is pkg:huggingface/meta-llama/Llama-2-7b-hf,
    under Llama 2's licence, was passed over as no model, and the fine-tune met OSAID on its
    Apache-2.0 (ahh's review).  A Hub model's purl names a model whatever the type; a library
    known by no such purl (torch) still binds nothing."""
    llama = _ancestor(LLAMA, "llama2") | {"type": "library"}
    weights, _ = parameters(cyclonedx(tmp_path / "m.cdx.json", llama))
    assert (weights["status"], weights["licence"]) == ("unmet", "LicenseRef-llama2")
    torch = {"type": "library", "name": "torch", "purl": "pkg:pypi/torch@2.3.0",
             "licenses": [{"license": {"name": "llama2"}}]}  # fmt: skip
    weights, _ = parameters(cyclonedx(tmp_path / "t.cdx.json", torch))
    assert weights["status"] == "met"
