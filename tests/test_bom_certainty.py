"""A BOM keeps how surely osai knew what it states, so the gate gives the same answer on it.

osai writes, for each part, licence, component not seen and fact of a BOM, the certainty of the
evidence it had (`<property>:certainty`) and how inferred evidence was inferred
(`<property>:inferred-by`); reading the BOM back restores them.  Before, every statement of a
BOM read back as declared, so `--require osaid` on amber's BOM passed where amber itself is NOT
PROVEN (conformant only on inferred evidence).  Another tool's BOM, with no such property, is its
author's declaration.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, run_osai
from test_bom import FIXTURE, cyclonedx_errors, spdx_objects

from osai.bommap import CertaintyMapping, load_bom_mapping
from osai.evidence import Certainty

FORMATS = ("cyclonedx", "spdx")
ALL_FRAMEWORKS = ("-f", "osaid", "-f", "mof", "-f", "eu-ai-act", "-f", "eosai")
AMBER = EXAMPLES / "amber.yml"
TINY = EXAMPLES / "tiny-model"
INFERRED_FACT = "osai:fact:public_data_sources"
RULE = "DATA-INFORMATION-FROM-RELEASED-DATASETS"  # rules/inference.yaml


def report_of(*args: str) -> dict[str, Any]:
    result = run_osai("check", *args, "--format", "json")
    assert result.code == 0, result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    assert isinstance(target, dict)
    return target


def write_boms(target: Path, tmp_path: Path, *extra: str) -> tuple[dict[str, Any], dict[str, Path]]:
    """The direct report, and the BOMs the same run wrote, each validated as its format says."""
    boms = {name: tmp_path / f"{target.stem}.{name}.json" for name in FORMATS}
    direct = report_of(str(target), *extra, *(f"-o{name}={path}" for name, path in boms.items()))
    assert cyclonedx_errors(boms["cyclonedx"].read_text()) == []
    assert spdx_objects(boms["spdx"].read_text())
    return direct, boms


def verdicts(target: dict[str, Any]) -> dict[str, Any]:
    """Each framework's verdict and certainty, and each requirement's status, grade, certainty."""
    return {
        framework["id"]: (
            framework["outcome"],
            framework["definite"],
            framework["certainty"],
            [(r["id"], r["status"], r["grade"], r["certainty"]) for r in framework["requirements"]],
        )
        for framework in target["frameworks"]
    }


ORDER = ("declared", "assessed", "detected", "inferred")  # surest first


def surest(evidence: list[dict[str, Any]]) -> str:
    """How surely a component is released or not: the surest of its sources."""
    return min((e["certainty"] for e in evidence), key=ORDER.index)


def certainties(target: dict[str, Any]) -> dict[str, Any]:
    """How surely each component is known to be released or not (the surest of its sources, what
    every verdict takes), its licence, each fact.  (A component not seen has no certainty:
    nothing rests on it.)"""
    components = {
        c["id"]: (
            c["presence"],
            surest(c["evidence"]) if c["presence"] != "unknown" else "",
            c["licence"] and c["licence"]["evidence"]["certainty"],
        )
        for c in target["components"]
    }
    facts = {f["key"]: f["evidence"]["certainty"] for f in target["facts"]}
    return {"components": components, "facts": facts}


# --- the round trip ---------------------------------------------------------------------------


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize(
    ("target", "certainty"), [(AMBER, "inferred"), (TINY, "detected")], ids=["amber", "tiny"]
)
def test_a_round_trip_keeps_every_verdict_and_its_certainty(
    target: Path, certainty: str, output: str, tmp_path: Path
) -> None:
    direct, boms = write_boms(target, tmp_path, *ALL_FRAMEWORKS)
    assert direct["frameworks"][0]["certainty"] == certainty  # osaid: not declared, the case
    again = report_of(str(boms[output]), *ALL_FRAMEWORKS)
    assert again["source"] == output
    assert verdicts(again) == verdicts(direct)
    assert certainties(again) == certainties(direct)


@pytest.mark.parametrize("repo", ["EleutherAI/pythia-70m", "EleutherAI/polyglot-ko-12.8b"])
def test_a_hub_model_seen_several_ways_states_each_certainty_once(
    repo: str, linked_world: Any, tmp_path: Path
) -> None:
    """pythia-70m's training code is declared by its MOT listing, shown by GitHub (detected)
    and linked from its card (inferred).  Each part said osai:component:certainty three times,
    with three values: a reader could not tell which one the component rests on.  Now once:
    the surest, the one every verdict takes; the round trip keeps every verdict."""
    boms = {name: tmp_path / f"{name}.json" for name in FORMATS}
    args = ("check", repo, *ALL_FRAMEWORKS, "--format", "json")
    result = run_osai(*args, *(f"-o{name}={path}" for name, path in boms.items()))
    assert result.code == 0, result.stderr
    (direct,) = json.loads(result.stdout)["targets"]
    training = next(c for c in direct["components"] if c["id"] == "training-code")
    assert len({e["certainty"] for e in training["evidence"]}) > 1  # the case this is about
    assert cyclonedx_errors(boms["cyclonedx"].read_text()) == []
    assert spdx_objects(boms["spdx"].read_text())
    for output, path in boms.items():
        for stated in objects_of(path):  # the model's, each part's, the model card's
            names = [name for name, _ in stated]
            assert sorted({name for name in names if names.count(name) > 1}) == [], output
        parts = {dict(s)["osai:component"]: dict(s) for s in objects_of(path) if is_part(s)}
        assert "training-code" in parts
        for component, stated in parts.items():
            evidence = next(c for c in direct["components"] if c["id"] == component)["evidence"]
            assert stated["osai:component:certainty"] == surest(evidence), component
        again = report_of(str(path), *ALL_FRAMEWORKS)
        assert verdicts(again) == verdicts(direct)
        assert certainties(again) == certainties(direct)


def objects_of(bom: Path) -> list[list[tuple[str, str]]]:
    """The osai: properties of each object of a BOM that has some, in document order."""
    found: list[list[tuple[str, str]]] = []
    for node in objects(json.loads(bom.read_text())):
        stated = [(name, value) for name, value in own_properties(node) if name[:5] == "osai:"]
        found.extend([stated] if stated else [])
    return found


def objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object of a document, in document order (an object before those it holds)."""
    if isinstance(node, dict):
        yield node
        for child in node.values():
            yield from objects(child)
    elif isinstance(node, list):
        for child in node:
            yield from objects(child)


def is_part(stated: list[tuple[str, str]]) -> bool:
    """A part osai wrote: a component released, as its own BOM component or SPDX element."""
    return any(name == "osai:component" for name, _ in stated)


def own_properties(node: dict[str, Any]) -> list[tuple[str, str]]:
    """A CycloneDX object's properties, or an SPDX element's extension properties."""
    cyclonedx = [(p["name"], p.get("value", "")) for p in node.get("properties", [])]
    extensions = [p for x in node.get("extension", []) for p in x.get("extension_cdxProperty", [])]
    spdx = [(p["extension_cdxPropName"], p.get("extension_cdxPropValue", "")) for p in extensions]
    return cyclonedx + spdx


@pytest.mark.parametrize("output", FORMATS)
def test_a_statement_inferred_two_ways_says_both_in_one_property(
    output: str, tmp_path: Path
) -> None:
    """Training code known only by inference, from a card link and a linked repository's files:
    one osai:component:inferred-by, naming both ways, read back into the evidence's note."""
    from osai.engine import assess
    from osai.evidence import ComponentEvidence, Presence, Provenance, Release
    from osai.formatters.cyclonedx import render_cyclonedx
    from osai.formatters.spdx import render_spdx
    from osai.report import Report, RunInfo
    from osai.rules import load_ruleset

    ways = ("linked under 'Training'", "its files show it")
    seen = tuple(
        Provenance("hub", f"README.md#{n}", "", Certainty.INFERRED, note=way)
        for n, way in enumerate(ways)
    )
    code = ComponentEvidence("training-code", Presence.PRESENT, seen)
    release = Release("o/m", "hub", "o/m", components={"training-code": code})
    rules = load_ruleset()
    info = RunInfo("0.0.0", "3.29", (("osaid", "OSAID", "1.0", "default"),))
    report = Report(info, (assess(release, rules, rules.default_frameworks()),))
    render = render_cyclonedx if output == "cyclonedx" else render_spdx
    bom = tmp_path / f"m.{output}.json"
    bom.write_text(render(report))
    (stated,) = [s for s in objects_of(bom) if ("osai:component", "training-code") in s]
    assert [value for name, value in stated if name.startswith("osai:component:")] == [
        "inferred",  # osai:component:certainty
        "; ".join(ways),  # osai:component:inferred-by
    ]
    again = report_of(str(bom))
    (evidence,) = next(c for c in again["components"] if c["id"] == "training-code")["evidence"]
    assert evidence["certainty"] == "inferred" and all(way in evidence["note"] for way in ways)


@pytest.mark.parametrize("output", FORMATS)
def test_the_gate_on_amber_s_bom_is_not_proven_as_on_amber(output: str, tmp_path: Path) -> None:
    _, boms = write_boms(AMBER, tmp_path)
    for target in (AMBER, boms[output]):
        gate = run_osai("check", str(target), "--require", "osaid", "-q")
        said = " ".join(gate.stdout.split())  # as one line, however the terminal wraps it
        assert gate.code == 1, said
        assert "conformant (Open Source AI; inferred)" in said and "gate NOT PROVEN" in said
        assert "reached only on inferred evidence" in said
        # what to declare, where this target declares it: the manifest's key, the BOM's property
        declare = "osai:fact:" if target != AMBER else "release.data_information."
        # the description and the listing of public data, met on the data card and the
        # datasets by the checklist's readings, first; then the facts inferred from them
        assert f"declare {declare}training_data_description, {declare}public_data_sources" in said
        assert f"{declare}third_party_data_sources" in said, said
        # The BOM still says amber is conformant: accepting inferred evidence passes both.
        accepted = run_osai(
            "check", str(target), "--require", "osaid", "--min-certainty", "inferred", "-q"
        )
        assert accepted.code == 0, accepted.stdout


@pytest.mark.parametrize("output", FORMATS)
def test_an_inferred_fact_names_its_rule_in_the_bom_and_after(output: str, tmp_path: Path) -> None:
    _, boms = write_boms(AMBER, tmp_path)
    stated = properties_of(boms[output])
    assert stated[f"{INFERRED_FACT}:certainty"] == ["inferred"]
    assert stated[f"{INFERRED_FACT}:inferred-by"] == [RULE]
    assert stated["osai:component:certainty"][0] == "declared"  # the manifest's parts
    facts = report_of(str(boms[output]))["facts"]
    fact = next(f for f in facts if f["key"] == "public_data_sources")
    assert fact["evidence"]["certainty"] == "inferred"
    assert RULE in fact["evidence"]["note"]
    assert states(boms[output], fact["evidence"]["line"], INFERRED_FACT)


def states(bom: Path, line: int, name: str) -> bool:
    """The object that starts at `line` is the property `name` (its name is among its keys)."""
    lines = bom.read_text().splitlines()
    return lines[line - 1].strip() == "{" and any(name in text for text in lines[line : line + 2])


def properties_of(bom: Path) -> dict[str, list[str]]:
    """Every osai: property of a CycloneDX or SPDX document, by name, in document order."""
    found: dict[str, list[str]] = {}
    for node in objects(json.loads(bom.read_text())):
        name = node.get("name", node.get("extension_cdxPropName"))
        value = node.get("value", node.get("extension_cdxPropValue", ""))
        if isinstance(name, str) and name.startswith("osai:"):
            found.setdefault(name, []).append(value)
    return found


# --- a BOM without osai's certainty -----------------------------------------------------------


def test_another_tool_s_bom_is_its_author_s_declaration() -> None:
    """OWASP's aibom-generator writes no osai: property: all it states is declared (what osai
    infers from it, by rules/inference.yaml, is osai's inference, and says so)."""
    target = report_of(str(FIXTURE))
    pieces = [e for c in target["components"] for e in c["evidence"]]
    pieces += [c["licence"]["evidence"] for c in target["components"] if c["licence"]]
    pieces += [f["evidence"] for f in target["facts"]]
    stated = {e["certainty"] for e in pieces if e["source"] == "cyclonedx"}
    assert stated == {"declared"}
    assert {e["source"] for e in pieces if e["certainty"] != "declared"} <= {"inference"}
    met = {(r["id"], r["certainty"]) for f in target["frameworks"] for r in f["requirements"]}
    assert ("OSAID-PARAMETERS", "declared") in met


def test_a_bom_stripped_of_osai_s_certainty_reads_as_declared(tmp_path: Path) -> None:
    """What a BOM states with no certainty is what its author declares: amber's SPDX without
    them (a BOM another tool, or an older osai, wrote) asks the gate only for what osai's own
    reading of its data card infers, where amber itself is asked for its inferred facts too."""
    _, boms = write_boms(AMBER, tmp_path)
    document = json.loads(boms["spdx"].read_text())
    for element in document["@graph"]:
        for extension in element.get("extension", []):
            extension["extension_cdxProperty"] = [
                entry
                for entry in extension["extension_cdxProperty"]
                if not entry["extension_cdxPropName"].endswith((":certainty", ":inferred-by"))
                or entry["extension_cdxPropName"].startswith("osai:framework:")
            ]
    stripped = tmp_path / "stripped.spdx.json"
    stripped.write_text(json.dumps(document))
    assert "osai:fact:public_data_sources:certainty" not in stripped.read_text()
    target = report_of(str(stripped), "-f", "osaid")
    sure = {r["id"]: r["certainty"] for r in target["frameworks"][0]["requirements"]}
    assert sure["OSAID-DATA-THIRD-PARTY-SOURCES"] == sure["OSAID-DATA-UNSHAREABLE"] == "declared"
    # the stripped fact, surer than the reading of the datasets
    assert sure["OSAID-DATA-PUBLIC-SOURCES"] == "declared"
    # only the description stays inferred: met on the data card, by the checklist's reading
    assert [key for key, certainty in sure.items() if certainty == "inferred"] == [
        "OSAID-DATA-DESCRIPTION"
    ]
    gate = run_osai("check", str(stripped), "--require", "osaid", "-q")
    said = " ".join(gate.stdout.split())
    assert gate.code == 1 and said.endswith("declare osai:fact:training_data_description"), said


# --- values osai does not write ---------------------------------------------------------------


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize("value", ["certain", "DECLARED", "", "inferred\ndeclared", 42], ids=repr)
def test_a_certainty_osai_does_not_write_is_bad_input(
    output: str, value: object, tmp_path: Path
) -> None:
    """Ignored, it would read as declared: surer than osai was, the way round the gate."""
    _, boms = write_boms(AMBER, tmp_path)
    name = f"{INFERRED_FACT}:certainty"
    text = boms[output].read_text()
    document = json.loads(text)
    assert set_property(document, name, value) == 1
    path = tmp_path / f"tampered.{output}.json"
    path.write_text(json.dumps(document, indent=2))
    result = run_osai("check", str(path), "--require", "osaid")
    assert result.code == 2, result.stdout
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"osai: error: {path}:")
    assert f"'{name}'" in line and "not a certainty osai writes" in line
    assert states(path, int(line.removeprefix(f"osai: error: {path}:").split(":")[0]), name)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("output", FORMATS)
def test_a_component_osai_does_not_know_is_bad_input(output: str, tmp_path: Path) -> None:
    """A part marked `osai:component: nonexistent-comp` was dropped, or taken for whatever its
    type suggested (the research paper, a file, for the technical report: MOF then read it as
    not released), with exit 0; an unknown certainty is refused."""
    _, boms = write_boms(EXAMPLES / "pythia-70m.yml", tmp_path)
    document = json.loads(boms[output].read_text())
    assert set_property(document, "osai:component", "research-paper", "nonexistent-comp") == 1
    path = tmp_path / f"tampered.{output}.json"
    path.write_text(json.dumps(document, indent=2))
    result = run_osai("check", str(path), "-q")
    assert (result.code, result.stdout) == (2, "")
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"osai: error: {path}:")
    said = "'osai:component' is 'nonexistent-comp', not a component osai knows (model-architecture"
    assert said in line


def set_property(node: Any, name: str, value: object, new: object = None) -> int:
    """Set every osai property called `name` to `value` (or, given `new`, every one whose value
    is `value` to `new`); how many there were."""
    count = 0
    if isinstance(node, dict):
        for key, held in (("name", "value"), ("extension_cdxPropName", "extension_cdxPropValue")):
            if node.get(key) == name and (new is None or node.get(held) == value):
                node[held], count = value if new is None else new, count + 1
        children: list[Any] = list(node.values())
    elif isinstance(node, list):
        children = node
    else:
        return 0
    return count + sum(set_property(child, name, value, new) for child in children)


def test_a_tampered_declared_cannot_be_told_but_nothing_reads_surer_than_declared() -> None:
    """A property saying `declared` where osai wrote `inferred` reads as the author's word, as
    a BOM without the property does; no value, whatever the table, reads surer than that."""
    mapping = load_bom_mapping().certainty
    assert mapping.unstated is Certainty.DECLARED
    assert {value: mapping.read(value) for value in mapping.values} == {
        known.value: known for known in Certainty
    }
    assert mapping.read("certain") is None
    cautious = CertaintyMapping(Certainty.DETECTED, mapping.values)
    assert cautious.read("declared") is Certainty.DETECTED
    assert cautious.read("assessed") is Certainty.DETECTED
    assert cautious.read("inferred") is Certainty.INFERRED


def test_the_mapping_must_give_every_certainty_a_value(tmp_path: Path) -> None:
    """A certainty with no value could not be written, so osai would write it as nothing and read
    it back as declared: the mapping is refused instead."""
    import yaml

    from osai.rules import validate_rule_file

    bundled = yaml.safe_load((EXAMPLES.parent / "rules" / "bom.yaml").read_text())
    del bundled["certainty"]["values"]["inferred"]
    broken = tmp_path / "bom.yaml"
    broken.write_text(yaml.safe_dump(bundled, sort_keys=False))
    (problem,) = validate_rule_file(broken)
    assert problem.startswith(f"{broken}:") and "no value for the certainty inferred" in problem


# --- licences osai concluded ------------------------------------------------------------------

# Each certainty a licence can be known at, the component that holds it here, and how each format
# writes it: what the component's authors declared (a manifest) or osai read in their own files
# (a LICENSE) is declared; a third party's assessment (a MOT listing) or an inference is osai's
# conclusion (CycloneDX 1.6 licenseAcknowledgementEnumeration; SPDX 3.0.1 hasDeclaredLicense,
# "discovered to actually contain", vs hasConcludedLicense, "concluded by the SPDX data creator").
LICENSED = {
    "model-parameters-final": (Certainty.ASSESSED, "concluded"),
    "training-code": (Certainty.DECLARED, "declared"),
    "evaluation-code": (Certainty.DETECTED, "declared"),
    "datasets": (Certainty.INFERRED, "concluded"),
}


def licensed_report() -> Any:
    """A report of a release whose licences are known each way LICENSED says."""
    from osai.engine import assess
    from osai.evidence import ComponentEvidence, LicenceFact, Presence, Provenance, Release
    from osai.report import Report, RunInfo
    from osai.rules import load_ruleset

    def released(component: str, certainty: Certainty) -> ComponentEvidence:
        seen = Provenance("hub", f"{component}.md", "", certainty)
        licence = LicenceFact("Apache-2.0", Provenance("hub", "LICENSE", "Apache-2.0", certainty))
        return ComponentEvidence(component, Presence.PRESENT, (seen,), licence)

    components = {c: released(c, certainty) for c, (certainty, _) in LICENSED.items()}
    release = Release("o/m", "hub", "o/m", components=components)
    rules = load_ruleset()
    info = RunInfo("0.0.0", "3.29", (("osaid", "OSAID", "1.0", "default"),))
    return Report(info, (assess(release, rules, rules.default_frameworks()),))


def licence_acknowledgements(bom: Path) -> dict[str, list[str]]:
    """CycloneDX: each component's licence entries' acknowledgements, by osai:component."""
    document = json.loads(bom.read_text())
    found: dict[str, list[str]] = {}
    for component in [document["metadata"]["component"], *document["components"]]:
        named = dict(own_properties(component))["osai:component"]
        entries = component.get("licenses", [])
        found[named] = [(e.get("license") or e)["acknowledgement"] for e in entries]
    return found


def licence_relationships(bom: Path) -> dict[str, dict[str, list[str]]]:
    """SPDX: each element's licence relationships (type → licences), by osai:component."""
    graph = {e.get("spdxId"): e for e in json.loads(bom.read_text())["@graph"]}
    found: dict[str, dict[str, list[str]]] = {}
    for item in graph.values():
        if item["type"] == "Relationship" and item["relationshipType"].endswith("License"):
            named = dict(own_properties(graph[item["from"]]))["osai:component"]
            licences = [
                graph.get(t, {}).get("simplelicensing_licenseExpression", t) for t in item["to"]
            ]
            found.setdefault(named, {})[item["relationshipType"]] = licences
    return found


NOASSERTION = ["expandedlicensing_NoAssertionLicense"]


def write_licensed(tmp_path: Path) -> dict[str, Path]:
    from osai.formatters.cyclonedx import render_cyclonedx
    from osai.formatters.spdx import render_spdx

    report = licensed_report()
    boms = {name: tmp_path / f"m.{name}.json" for name in FORMATS}
    boms["cyclonedx"].write_text(render_cyclonedx(report))
    boms["spdx"].write_text(render_spdx(report))
    return boms


def read_licences(bom: Path) -> dict[str, tuple[str, str] | None]:
    again = report_of(str(bom))
    return {
        c["id"]: c["licence"] and (c["licence"]["text"], c["licence"]["evidence"]["certainty"])
        for c in again["components"]
        if c["id"] in LICENSED
    }


def test_an_assessed_or_inferred_licence_is_written_concluded_and_read_back_as_sure(
    tmp_path: Path,
) -> None:
    """Every licence was `acknowledgement: declared` (SPDX: hasDeclaredLicense), even one a MOT
    listing gave or osai inferred.  Written concluded, osai's own BOM must read it back all the
    same: its certainty property, not the acknowledgement, says how surely it is known."""
    boms = write_licensed(tmp_path)
    assert cyclonedx_errors(boms["cyclonedx"].read_text()) == []
    assert spdx_objects(boms["spdx"].read_text())
    assert licence_acknowledgements(boms["cyclonedx"]) == {
        c: [acknowledged] for c, (_, acknowledged) in LICENSED.items()
    }
    relationships = licence_relationships(boms["spdx"])
    for component, (_, acknowledged) in LICENSED.items():
        held = relationships[component]
        stated = "hasDeclaredLicense" if acknowledged == "declared" else "hasConcludedLicense"
        assert held.pop(stated) == ["Apache-2.0"], component
        # the other one, where the profile asks for both (the AI and dataset packages)
        assert all(other == NOASSERTION for other in held.values()), component
    for bom in boms.values():
        assert read_licences(bom) == {
            c: ("Apache-2.0", certainty.value) for c, (certainty, _) in LICENSED.items()
        }, bom.name


@pytest.mark.parametrize("output", FORMATS)
def test_without_osai_s_certainty_a_concluded_licence_is_left_out(
    output: str, tmp_path: Path
) -> None:
    """A BOM without osai's licence certainty is another tool's (or one stripped of it): what it
    concluded is its analysis, not the publisher's word, so the licence is unknown, as before;
    what it declared is declared."""
    bom = write_licensed(tmp_path)[output]
    for component in LICENSED:
        assert drop_property(bom, "osai:licence:certainty", component) == 1
    assert read_licences(bom) == {
        c: ("Apache-2.0", "declared") if acknowledged == "declared" else None
        for c, (_, acknowledged) in LICENSED.items()
    }


def drop_property(bom: Path, name: str, component: str) -> int:
    """Drop the property `name` from the object osai marked `osai:component: component`."""
    document = json.loads(bom.read_text())
    dropped = 0
    for node in objects(document):
        if ("osai:component", component) not in own_properties(node):
            continue
        for held, key in (
            ("properties", "name"),
            ("extension_cdxProperty", "extension_cdxPropName"),
        ):
            for owner in [node, *node.get("extension", [])]:
                kept = [p for p in owner.get(held, []) if p[key] != name]
                dropped += len(owner.get(held, [])) - len(kept)
                if held in owner:
                    owner[held] = kept
    bom.write_text(json.dumps(document, indent=2))
    return dropped


@pytest.mark.parametrize("output", FORMATS)
def test_an_older_osai_bom_that_declared_every_licence_still_reads_them(
    output: str, tmp_path: Path
) -> None:
    """osai acknowledged every licence as declared (SPDX: concluded NOASSERTION) until it wrote
    assessed and inferred ones as concluded: such a BOM still gives each licence, as surely as
    its certainty property says."""
    bom = write_licensed(tmp_path)[output]
    document = json.loads(bom.read_text())
    for node in objects(document):
        if output == "cyclonedx" and node.get("acknowledgement") == "concluded":
            node["acknowledgement"] = "declared"
        elif node.get("relationshipType") in ("hasDeclaredLicense", "hasConcludedLicense"):
            stated = node["to"] != NOASSERTION
            node["relationshipType"] = "hasDeclaredLicense" if stated else "hasConcludedLicense"
    bom.write_text(json.dumps(document))
    if output == "cyclonedx":
        assert '"concluded"' not in bom.read_text()
    else:
        declared = {
            c: kinds["hasDeclaredLicense"] for c, kinds in licence_relationships(bom).items()
        }
        assert declared == {component: ["Apache-2.0"] for component in LICENSED}
    assert read_licences(bom) == {c: ("Apache-2.0", s.value) for c, (s, _) in LICENSED.items()}


@pytest.mark.parametrize("output", FORMATS)
def test_pythia_s_assessed_licences_are_concluded_and_the_round_trip_keeps_them(
    output: str, linked_world: Any, tmp_path: Path
) -> None:
    """pythia-70m's licences come from its MOT listing (assessed), its training code's from
    gpt-neox's LICENSE on GitHub (detected): the Pile is concluded, the training code declared;
    read back, every verdict and certainty is as on the model itself."""
    bom = tmp_path / f"pythia.{output}.json"
    args = ("check", "EleutherAI/pythia-70m", *ALL_FRAMEWORKS, "--format", "json")
    result = run_osai(*args, f"-o{output}={bom}")
    assert result.code == 0, result.stderr
    (direct,) = json.loads(result.stdout)["targets"]
    held = {
        c["id"]: c["licence"]["evidence"]["certainty"] for c in direct["components"] if c["licence"]
    }
    assert (held["datasets"], held["training-code"]) == ("assessed", "detected")  # the case
    document = json.loads(bom.read_text())
    if output == "cyclonedx":
        assert cyclonedx_errors(bom.read_text()) == []
        named = {c["name"]: c["licenses"] for c in document["components"]}
        assert named["EleutherAI/pile"] == [
            {"expression": "Apache-2.0", "acknowledgement": "concluded"}
        ]
        assert named["Training code"] == [
            {"expression": "Apache-2.0", "acknowledgement": "declared"}
        ]
    else:
        assert spdx_objects(bom.read_text())
        relationships = licence_relationships(bom)
        assert relationships["datasets"] == {
            "hasDeclaredLicense": NOASSERTION,
            "hasConcludedLicense": ["Apache-2.0"],
        }
        assert relationships["training-code"] == {"hasDeclaredLicense": ["Apache-2.0"]}
    again = report_of(str(bom), *ALL_FRAMEWORKS)
    assert verdicts(again) == verdicts(direct)
    assert certainties(again) == certainties(direct)
