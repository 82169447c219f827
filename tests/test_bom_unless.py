"""What a check left unknown stays unknown in its AI BOM: a licence that meets a policy only if
nothing binds it (LicenceFact.unless: a fine-tune of a base model the Hub did not answer for, or
whose licence osai does not know) was written as the licence alone, and the BOM's check met OSAID
where the check that wrote it said unknown.  The BOM carries it (osai:licence:unless), in both
formats; read back, the verdict is the Hub check's.  On the loopback Hub (tests/loopback_hub.py),
with the fine-tunes tests/test_links_answers.py makes, and the adapters of
tests/test_links_adapters.py, whose base adapter_config.json names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import run_osai
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from test_bom import cyclonedx_errors, spdx_objects
from test_links_adapters import LLAMA, adapter, adapter_config
from test_links_answers import card_model, fine_tune

from osai import bommap

FORMATS = ("cyclonedx", "spdx")
UNLESS = "osai:licence:unless"


def checked(*args: str) -> dict[str, Any]:
    result = run_osai("check", *args, "--no-public-assessments", "--format", "json")
    assert result.code in (0, 1), result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target


def written(target: str, kind: str, tmp_path: Path) -> Path:
    """The BOM osai writes of `target` in the format `kind`."""
    bom = tmp_path / f"x.{'cdx' if kind == 'cyclonedx' else 'spdx'}.json"
    result = run_osai("check", target, "--no-public-assessments", "-o", f"{kind}={bom}")
    assert result.code in (0, 1), result.stderr
    return bom


def verdicts(target: dict[str, Any]) -> dict[str, tuple[str, str, str | None]]:
    """Each requirement's status, reason and why it is unknown, by framework and id."""
    return {
        f"{f['id']}/{r['id']}": (r["status"], r["reason"], r.get("why_unknown"))
        for f in target["frameworks"]
        for r in f["requirements"]
    }


def requirement(target: dict[str, Any], requirement_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        r for f in target["frameworks"] for r in f["requirements"] if r["id"] == requirement_id
    )
    return found


def outcomes(target: dict[str, Any]) -> dict[str, str]:
    return {f["id"]: f["outcome"] for f in target["frameworks"]}


def model_properties(bom: Path) -> list[tuple[str, str]]:
    """The model's osai: properties, as either format writes them."""
    data = json.loads(bom.read_text())
    if data.get("bomFormat") == "CycloneDX":
        model = data["metadata"]["component"]
        return [(p["name"], p["value"]) for p in model["properties"]]
    packages = [i for i in data["@graph"] if i.get("type") == "ai_AIPackage"]
    return [
        (p["extension_cdxPropName"], p.get("extension_cdxPropValue", ""))
        for package in packages
        for extension in package.get("extension", [])
        for p in extension.get("extension_cdxProperty", [])
    ]


def base_licences(bom: Path) -> list[str]:
    """The licences the BOM states of the model's bases, as either format states them."""
    data = json.loads(bom.read_text())
    if data.get("bomFormat") == "CycloneDX":
        ancestors = data["metadata"]["component"].get("pedigree", {}).get("ancestors", [])
        return [
            entry.get("expression") or entry["license"]["name"]
            for ancestor in ancestors
            for entry in ancestor.get("licenses", [])
        ]
    graph = data["@graph"]
    bases = {i["spdxId"] for i in graph if "/base/" in i.get("spdxId", "")}
    expressions = {i["spdxId"]: i for i in graph if i.get("type", "").startswith("simplelicensing")}
    return [
        expressions[to]["simplelicensing_licenseExpression"]
        for i in graph
        if i.get("relationshipType") == "hasDeclaredLicense" and i.get("from") in bases
        for to in i["to"]
        if to in expressions
    ]


def edited_base(bom: Path, licence: str | None) -> Path:
    """The BOM with its (one) base's licence stated as `licence` (None: none stated), as another
    tool, or a hand, may write it."""
    data = json.loads(bom.read_text())
    if data.get("bomFormat") == "CycloneDX":
        [ancestor] = data["metadata"]["component"]["pedigree"]["ancestors"]
        ancestor.pop("properties", None)
        ancestor.pop("licenses", None)
        if licence is not None:
            ancestor["licenses"] = [{"license": {"name": licence}}]
    else:
        graph = data["@graph"]
        [base] = [i for i in graph if "/base/" in i.get("spdxId", "")]
        base.pop("extension", None)
        graph[:] = [
            i
            for i in graph
            if not (i.get("from") == base["spdxId"] and "License" in i.get("relationshipType", ""))
        ]
        if licence is not None:
            ref = f"{base['spdxId']}/stated-licence"
            graph.append(
                {
                    "type": "simplelicensing_LicenseExpression",
                    "spdxId": ref,
                    "creationInfo": "_:creationinfo",
                    "simplelicensing_licenseExpression": licence,
                }
            )
            graph.append(
                {
                    "type": "Relationship",
                    "spdxId": f"{ref}/relationship",
                    "creationInfo": "_:creationinfo",
                    "from": base["spdxId"],
                    "relationshipType": "hasDeclaredLicense",
                    "to": [ref],
                }
            )
    bom.write_text(json.dumps(data), encoding="utf-8")
    return bom


def edited(bom: Path, change: Any) -> Path:
    """The BOM with `change` applied to the model's list of properties (a hand or a tool)."""
    data = json.loads(bom.read_text())
    if data.get("bomFormat") == "CycloneDX":
        change(data["metadata"]["component"]["properties"], "name", "value")
    else:
        package = next(i for i in data["@graph"] if i.get("type") == "ai_AIPackage")
        properties = package["extension"][0]["extension_cdxProperty"]
        change(properties, "extension_cdxPropName", "extension_cdxPropValue")
    bom.write_text(json.dumps(data), encoding="utf-8")
    return bom


@pytest.mark.parametrize("kind", FORMATS)
def test_a_fine_tune_of_a_base_left_unread_is_unknown_in_its_bom_too(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """MIT, of a base the Hub does not have: the check says OSAID's parameters are unknown
    (Llama 2's licence there would bind it); the BOM's check met them, on the MIT alone."""
    child = fine_tune(linked_world, "acme/bom-of-gone-ft", "acme/bom-gone-base")
    hub = checked(child)
    bom = written(child, kind, tmp_path)
    said = "base model acme/bom-gone-base (not found on the Hub) binds its derivatives"
    assert (UNLESS, f"{said} to its licence") in model_properties(bom)
    read_back = checked(str(bom))
    parameters = requirement(read_back, "OSAID-PARAMETERS")
    assert (parameters["status"], parameters["why_unknown"]) == ("unknown", "not-read")
    assert parameters["reason"] == requirement(hub, "OSAID-PARAMETERS")["reason"]
    assert verdicts(read_back) == verdicts(hub)
    assert outcomes(read_back) == outcomes(hub)
    # and its BOM, checked, again: the BOM osai writes of a BOM keeps it
    again = checked(str(written(str(bom), kind, tmp_path / "again")))
    assert verdicts(again) == verdicts(hub)


@pytest.mark.parametrize("kind", FORMATS)
def test_a_fine_tune_of_a_base_whose_licence_osai_does_not_know_stays_unknown(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    card_model(linked_world, "acme/bom-custom-base", {"license": "other", "license_name": "x-l"})
    child = fine_tune(linked_world, "acme/bom-custom-ft", "acme/bom-custom-base")
    hub = checked(child)
    assert requirement(hub, "OSAID-PARAMETERS")["status"] == "unknown"
    read_back = checked(str(written(child, kind, tmp_path)))
    assert verdicts(read_back) == verdicts(hub)


@pytest.mark.parametrize("kind", FORMATS)
def test_a_fine_tune_whose_base_was_read_carries_no_unless(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """A base the Hub answered for, under MIT: nothing unread, nothing carried, met both ways
    when the BOM's base is read too (--follow).  Read offline, the BOM states the base's
    licence (its ancestor's), which binds nothing: met, as the check that wrote it said (it
    was "unless base model acme/bom-mit-base (not followed) binds", the licence lost)."""
    card_model(linked_world, "acme/bom-mit-base", {"license": "mit"})
    child = fine_tune(linked_world, "acme/bom-mit-ft", "acme/bom-mit-base")
    hub = checked(child)
    assert requirement(hub, "OSAID-PARAMETERS")["status"] == "met"
    bom = written(child, kind, tmp_path)
    assert not [name for name, _ in model_properties(bom) if name.endswith(":unless")]
    assert base_licences(bom) == ["MIT"]
    assert verdicts(checked(str(bom), "--follow")) == verdicts(hub)
    offline = checked(str(bom))
    assert requirement(offline, "OSAID-PARAMETERS")["status"] == "met"
    assert verdicts(offline) == verdicts(hub)
    assert outcomes(offline) == outcomes(hub)


@pytest.mark.parametrize("kind", FORMATS)
def test_a_bom_without_the_property_reads_as_before(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """Another tool (or an older osai) writes no osai:licence:unless: the base the BOM names is
    still one osai has not read, so offline the parameters' licence waits on it, as a manifest's
    does ("met" took the BOM's Apache-2.0 for a fine-tune of an unread base)."""
    child = fine_tune(linked_world, "acme/bom-dropped-ft", "acme/bom-dropped-base")
    bom = written(child, kind, tmp_path)

    def drop(properties: list[dict[str, str]], name: str, value: str) -> None:
        properties[:] = [p for p in properties if p[name] != UNLESS]

    read_back = requirement(checked(str(edited(bom, drop))), "OSAID-PARAMETERS")
    assert read_back["status"] == "unknown"
    assert "unless base model acme/bom-dropped-base (not followed) binds" in read_back["reason"]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a\nbase\x1b model" + "x" * 10_000, "a base model" + "x" * 487 + "…"),
        # blank: the BOM says something may bind it, and not what: still not met
        (" \n", "something the BOM does not name binds it"),
    ],
)
def test_an_unless_read_from_a_bom_is_one_bounded_line(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    value: str,
    shown: str,
    tmp_path: Path,
) -> None:
    """What a BOM says binds the licence is said again in every reason on it: one line, its
    controls gone, cut where a manifest's `unless` is cut; a blank one binds still."""
    child = fine_tune(linked_world, "acme/bom-hostile-ft", "acme/bom-hostile-base")
    bom = written(child, kind, tmp_path)

    def replace(properties: list[dict[str, str]], name: str, field: str) -> None:
        for item in properties:
            if item[name] == UNLESS:
                item[field] = value

    parameters = requirement(checked(str(edited(bom, replace))), "OSAID-PARAMETERS")
    assert parameters["status"] == "unknown"
    assert parameters["reason"].endswith(f", unless {shown}"), parameters["reason"]


@pytest.mark.parametrize("kind", FORMATS)
def test_an_unless_given_twice_with_two_values_is_bad_input(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """osai writes one: which of two a reason says would be the BOM's order's choice."""
    child = fine_tune(linked_world, "acme/bom-twice-ft", "acme/bom-twice-base")
    bom = written(child, kind, tmp_path)

    def twice(properties: list[dict[str, str]], name: str, value: str) -> None:
        properties.append({name: UNLESS, value: "base model acme/other binds it"})

    result = run_osai("check", str(edited(bom, twice)), "--no-public-assessments")
    assert result.code == 2
    [line] = result.stderr.splitlines()
    assert f"'{UNLESS}' is given as" in line and "osai writes one" in line


def test_the_property_is_named_as_the_vocabulary_names_it() -> None:
    assert bommap.unless_property(bommap.LICENCE_TEXT) == UNLESS
    unseen = bommap.unseen_licence_property("datasets")
    assert bommap.unless_property(unseen) == "osai:component:datasets:licence:unless"


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize(
    ("base", "unless"),
    [
        # the base adapter_config.json names, read: Llama 2's licence binds it, unmet
        (LLAMA, False),
        # a path on the trainer's disk: no Hub id, the base's licence unknown, unknown
        ("/home/me/llama-7b", True),
    ],
)
def test_a_peft_adapter_whose_base_its_config_names_round_trips(
    hub: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    base: str,
    unless: bool,
    tmp_path: Path,
) -> None:
    """An adapter whose card names no base, its adapter_config.json one: the BOM's check gives
    the verdicts the Hub check gave, and names the base the config names (read with --follow)."""
    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
    name = "acme/bom-lora-" + ("llama" if base == LLAMA else "path")
    repo_id = adapter(hub, name, adapter_config(base))
    from_hub = checked(repo_id)
    bom = written(repo_id, kind, tmp_path)
    assert any(n == UNLESS for n, _ in model_properties(bom)) is unless
    read_back = checked(str(bom))
    assert verdicts(read_back) == verdicts(from_hub)
    # named as a BOM names a base (its purl), followed as a card's base_model
    assert read_back["base_models"] == ([f"pkg:huggingface/{LLAMA}"] if base == LLAMA else [])
    if base == LLAMA:
        followed = checked(str(bom), "--follow")
        assert requirement(followed, "OSAID-PARAMETERS")["status"] == "unmet"


@pytest.mark.parametrize("kind", FORMATS)
def test_parameters_not_seen_keep_what_may_bind_their_licence(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """A card listing no weights: the parameters are not seen released, their licence the
    card's, on the model as osai:component:<id>:licence, and what may bind it beside it."""
    child = card_model(linked_world, "acme/bom-unseen-ft", {"license": "mit", "base_model": "x/y"})
    hub = checked(child)
    [weights] = [c for c in hub["components"] if c["id"] == "model-parameters-final"]
    assert weights["presence"] == "unknown"
    bom = written(child, kind, tmp_path)
    name = "osai:component:model-parameters-final:licence:unless"
    assert name in dict(model_properties(bom))
    assert verdicts(checked(str(bom))) == verdicts(hub)


def osaid_and_mof(target: dict[str, Any]) -> dict[str, tuple[str, str, str | None]]:
    """The OSAID and MOF verdicts, each requirement's status, reason and why unknown."""
    return {
        key: value
        for key, value in verdicts(target).items()
        if key.split("/", 1)[0] in ("osaid", "mof")
    }


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize(("base", "status"), [("acme/bom-rt-mit-base", "met"), (LLAMA, "unmet")])
def test_hub_check_bom_and_offline_check_of_the_bom_agree(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    base: str,
    status: str,
    tmp_path: Path,
) -> None:
    """osai → BOM → osai, offline: a fine-tune of an MIT base meets OSAID's parameters, one of
    meta-llama/Llama-2-7b-hf does not (its licence binds derivatives), in the BOM's check as in
    the Hub check, with the same OSAID and MOF verdicts: the BOM states each base's licence."""
    card_model(linked_world, "acme/bom-rt-mit-base", {"license": "mit"})
    child = fine_tune(linked_world, f"acme/bom-rt-ft-{status}", base)
    hub = checked(child)
    assert requirement(hub, "OSAID-PARAMETERS")["status"] == status
    bom = written(child, kind, tmp_path)
    # Llama 2's licence is no SPDX id: the LicenseRef- rules/licenses.yaml defines (its words
    # in osai:licence, as the model's)
    llama = "LicenseRef-llama2"
    assert base_licences(bom) == ["MIT" if status == "met" else llama]
    text = bom.read_text()
    if kind == "cyclonedx":  # the licence as a component's is stated: a valid BOM still
        assert cyclonedx_errors(text) == []
    else:
        assert spdx_objects(text)
    offline = checked(str(bom))
    assert requirement(offline, "OSAID-PARAMETERS")["status"] == status
    assert osaid_and_mof(offline) == osaid_and_mof(hub)
    # the BOM osai writes of that BOM states the base's licence again
    again = written(str(bom), kind, tmp_path / "again")
    assert base_licences(again) == base_licences(bom)
    assert osaid_and_mof(checked(str(again))) == osaid_and_mof(hub)
    assert {k: v for k, v in outcomes(offline).items() if k in ("osaid", "mof")} == {
        k: v for k, v in outcomes(hub).items() if k in ("osaid", "mof")
    }


@pytest.mark.parametrize("kind", FORMATS)
def test_a_base_licence_another_tool_states_binds_the_fine_tune_offline(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """A BOM whose model declares MIT and whose base states the Llama 2 licence: offline, the
    lineage is judged on it as on the Hub's answer (a conflict, the parameters unmet under
    Llama 2), the base's licence cited at the BOM's line; with --follow, the Hub's answer
    (MIT) stands, as it is fresher."""
    card_model(linked_world, "acme/bom-said-base", {"license": "mit"})
    child = fine_tune(linked_world, "acme/bom-said-ft", "acme/bom-said-base")
    bom = edited_base(written(child, kind, tmp_path), "llama2")
    offline = checked(str(bom))
    assert requirement(offline, "OSAID-PARAMETERS")["status"] == "unmet"
    [conflict] = [f for f in offline["findings"] if f["kind"] == "conflict"]
    assert "base model acme/bom-said-base is under the Llama 2" in conflict["message"]
    cited = [e for e in conflict["evidence"] if e["value"] == "llama2"]
    assert cited and cited[0]["location"] == str(bom) and cited[0]["line"]
    followed = checked(str(bom), "--follow")
    assert requirement(followed, "OSAID-PARAMETERS")["status"] == "met"


@pytest.mark.parametrize("kind", FORMATS)
def test_a_base_that_states_no_licence_is_not_followed_offline(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """Another tool's BOM naming the base with no licence: its licence is not known, and may
    bind the fine-tune: unknown offline, as before."""
    card_model(linked_world, "acme/bom-bare-base", {"license": "mit"})
    child = fine_tune(linked_world, "acme/bom-bare-ft", "acme/bom-bare-base")
    bom = edited_base(written(child, kind, tmp_path), None)
    assert base_licences(bom) == []
    parameters = requirement(checked(str(bom)), "OSAID-PARAMETERS")
    assert parameters["status"] == "unknown"
    assert "unless base model acme/bom-bare-base (not followed) binds" in parameters["reason"]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize(
    "licence",
    [
        "MIT AND (",  # no expression
        "my\nown\x1b licence " + "x" * 10_000,  # no line, nor bounded
        "MIT OR " + "Apache-2.0 AND " * 2000 + "MIT",  # cut: no expression any longer
    ],
)
def test_a_base_licence_read_from_a_bom_is_bounded_and_unknown_when_unread(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    licence: str,
    tmp_path: Path,
) -> None:
    """Someone else's words: an ancestor's licence osai cannot read as a licence it knows is
    one that may bind (unknown, as for a Hub base), said in one bounded line; no traceback."""
    card_model(linked_world, "acme/bom-odd-base", {"license": "mit"})
    child = fine_tune(linked_world, "acme/bom-odd-ft", "acme/bom-odd-base")
    bom = edited_base(written(child, kind, tmp_path), licence)
    result = run_osai("check", str(bom), "--no-public-assessments", "--format", "json")
    assert result.code in (0, 1), result.stderr
    parameters = requirement(json.loads(result.stdout)["targets"][0], "OSAID-PARAMETERS")
    assert parameters["status"] == "unknown"
    reason = parameters["reason"]
    assert "a licence osai does not know" in reason, reason
    assert "\n" not in reason and "\x1b" not in reason and len(reason) < 1000


@pytest.mark.parametrize("kind", FORMATS)
def test_a_bom_written_offline_is_judged_afresh_when_its_base_is_followed(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """A BOM written with --no-follow carries "unless base model X (not followed) binds", and
    its check offline says --follow reads X.  With --follow, X was read (MIT, binding nothing)
    and the verdict still waited on X "(not followed)": the lineage read is judged afresh."""
    card_model(linked_world, "acme/bom-later-base", {"license": "mit"})
    child = fine_tune(linked_world, "acme/bom-later-ft", "acme/bom-later-base")
    bom = tmp_path / f"x.{kind}.json"
    result = run_osai(
        "check", child, "--no-follow", "--no-public-assessments", "-o", f"{kind}={bom}"
    )
    assert result.code in (0, 1), result.stderr
    offline = requirement(checked(str(bom)), "OSAID-PARAMETERS")
    assert offline["status"] == "unknown"
    assert "unless base model acme/bom-later-base (not followed) binds" in offline["reason"]
    followed = requirement(checked(str(bom), "--follow"), "OSAID-PARAMETERS")
    assert followed["status"] == "met", followed["reason"]
    assert "not followed" not in followed["reason"]
    assert verdicts(checked(str(bom), "--follow")) == verdicts(checked(child))


def named_twice(bom: Path, licence: str) -> Path:
    """The BOM with its (one) base named again, by another ancestor or package that states
    `licence`, as a BOM merged from two tools' may."""
    data = json.loads(bom.read_text())
    if data.get("bomFormat") == "CycloneDX":
        ancestors = data["metadata"]["component"]["pedigree"]["ancestors"]
        again = {k: v for k, v in ancestors[0].items() if k not in ("licenses", "properties")}
        ancestors.append({**again, "licenses": [{"license": {"name": licence}}]})
    else:
        graph = data["@graph"]
        [base] = [i for i in graph if "/base/" in i.get("spdxId", "")]
        again = {k: v for k, v in base.items() if k != "extension"}
        again["spdxId"] = f"{base['spdxId']}-again"
        [model] = [
            i["from"]
            for i in graph
            if i.get("relationshipType") == "descendantOf" and base["spdxId"] in i.get("to", ())
        ]
        ref = f"{again['spdxId']}/stated-licence"
        graph += [
            again,
            {
                "type": "simplelicensing_LicenseExpression",
                "spdxId": ref,
                "creationInfo": "_:creationinfo",
                "simplelicensing_licenseExpression": licence,
            },
            {
                "type": "Relationship",
                "spdxId": f"{ref}/relationship",
                "creationInfo": "_:creationinfo",
                "from": again["spdxId"],
                "relationshipType": "hasDeclaredLicense",
                "to": [ref],
            },
            {
                "type": "Relationship",
                "spdxId": f"{again['spdxId']}/descendant",
                "creationInfo": "_:creationinfo",
                "from": model,
                "relationshipType": "descendantOf",
                "to": [again["spdxId"]],
            },
        ]
    bom.write_text(json.dumps(data), encoding="utf-8")
    return bom


@pytest.mark.parametrize("kind", FORMATS)
def test_a_base_named_twice_under_two_licences_is_under_both(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """A BOM naming one base twice, under MIT and again under the Llama 2 licence (two tools'
    BOMs merged): offline, both apply, as a part's two licences do, and Llama 2 binds the
    fine-tune.  The first alone was read, and the parameters met on MIT."""
    card_model(linked_world, "acme/bom-twice-base", {"license": "mit"})
    child = fine_tune(linked_world, "acme/bom-twice-ft", "acme/bom-twice-base")
    bom = written(child, kind, tmp_path)
    assert requirement(checked(str(bom)), "OSAID-PARAMETERS")["status"] == "met"
    llama = "llama2" if kind == "cyclonedx" else "LicenseRef-llama2"
    offline = checked(str(named_twice(bom, llama)))
    parameters = requirement(offline, "OSAID-PARAMETERS")
    assert parameters["status"] == "unmet"
    assert "Llama 2" in parameters["reason"]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("stated", ["llama2 " + "x" * 300, "llama2\x1b[2J"])
def test_a_base_licence_osai_cannot_state_again_is_not_stated(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    stated: str,
    tmp_path: Path,
) -> None:
    """A base's licence too long for one bounded line, or carrying a control character, as
    another tool may write it: read cut ("llama2 xxx…") or with a space for the control, it is
    judged a licence osai does not know, and the BOM osai wrote of that BOM stated that cut
    text as the base's licence, which no one wrote.  It states none, as for a Hub card's
    licence that is no one bounded line (lineage._read_base): the weights wait on the base."""
    card_model(linked_world, "acme/bom-cut-base", {"license": "mit"})
    child = fine_tune(linked_world, "acme/bom-cut-ft", "acme/bom-cut-base")
    bom = edited_base(written(child, kind, tmp_path), stated)
    again = written(str(bom), kind, tmp_path / "again")
    assert base_licences(again) == []
    for read in (bom, again):
        assert requirement(checked(str(read)), "OSAID-PARAMETERS")["status"] == "unknown"


@pytest.mark.parametrize("kind", FORMATS)
def test_a_base_a_manifest_declares_beside_a_bom_s_waits_offline(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """`osai check BOM --manifest m.yml`, the BOM's base stating MIT and the manifest declaring
    Llama 2 as a base too: offline the weights were judged on the BOM's base alone and met,
    where --follow reads both and Llama 2 binds them.  Not reading the links must not make a
    verdict better than reading them: offline, they wait on the base not followed."""
    card_model(linked_world, "acme/bom-man-base", {"license": "mit"})
    child = fine_tune(linked_world, "acme/bom-man-ft", "acme/bom-man-base")
    bom = written(child, kind, tmp_path)
    manifest = tmp_path / "osai.yaml"
    manifest.write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n"
        "  name: bom-man-ft\n"
        "  license: {distribution: {name: MIT}}\n"
        f"  declarations: {{base_model: {LLAMA}}}\n"
        "  components: []\n",
        encoding="utf-8",
    )
    offline = checked(str(bom), "--manifest", str(manifest))
    parameters = requirement(offline, "OSAID-PARAMETERS")
    assert parameters["status"] == "unknown", parameters["reason"]
    assert f"unless base model {LLAMA} (not followed) binds" in parameters["reason"]
    followed = checked(str(bom), "--manifest", str(manifest), "--follow")
    assert requirement(followed, "OSAID-PARAMETERS")["status"] == "unmet"


def model_licences(bom: Path) -> list[tuple[str, str]]:
    """The model's licences as the BOM acknowledges them: (declared or concluded, licence)."""
    data = json.loads(bom.read_text())
    if data.get("bomFormat") == "CycloneDX":
        return [
            (
                entry.get("acknowledgement") or entry["license"]["acknowledgement"],
                entry.get("expression") or entry["license"].get("id") or entry["license"]["name"],
            )
            for entry in data["metadata"]["component"].get("licenses", [])
        ]
    graph = data["@graph"]
    (model,) = [
        i["spdxId"]
        for i in graph
        if i.get("type") == "ai_AIPackage" and "/base/" not in i["spdxId"]
    ]
    expressions = {i["spdxId"]: i for i in graph if i.get("type", "").startswith("simplelicensing")}
    kinds = {"hasDeclaredLicense": "declared", "hasConcludedLicense": "concluded"}
    return [
        (kinds[i["relationshipType"]], expressions[to]["simplelicensing_licenseExpression"])
        for i in graph
        if i.get("relationshipType") in kinds and i.get("from") == model
        for to in i["to"]
        if to in expressions
    ]


@pytest.mark.parametrize("kind", FORMATS)
def test_a_licence_a_base_binds_a_fine_tune_to_is_concluded_not_declared(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    kind: str,
    tmp_path: Path,
) -> None:
    """A fine-tune of Llama 2 whose card declares MIT: its parameters follow Llama 2's licence,
    which is osai's conclusion (the base's card and its clause for derivatives), not what the
    fine-tune's authors declared.  The BOM said the authors declared Llama 2's licence
    (CycloneDX `acknowledgement: declared`, SPDX hasDeclaredLicense): an SBOM pipeline took
    it as the publisher's word.  It is now concluded, and read back to the same verdicts.
    Beside it, the MIT the authors did declare: stated alone, the concluded licence read as if
    they had declared nothing (SPDX: NOASSERTION), the open-washing gone from the BOM; a BOM of
    that BOM states both again."""
    child = fine_tune(linked_world, "acme/bom-llama-ft", LLAMA)
    hub = checked(child)
    assert requirement(hub, "OSAID-PARAMETERS")["status"] == "unmet"
    bom = written(child, kind, tmp_path)
    stated = "LicenseRef-llama2"
    assert sorted(model_licences(bom)) == [("concluded", stated), ("declared", "MIT")]
    if kind == "cyclonedx":
        assert cyclonedx_errors(bom.read_text()) == []
    else:
        spdx_objects(bom.read_text())
    assert verdicts(checked(str(bom))) == verdicts(hub)
    again = written(str(bom), kind, tmp_path / "again")
    assert sorted(model_licences(again)) == sorted(model_licences(bom))
    assert verdicts(checked(str(bom), "--follow")) == verdicts(hub)


def test_a_licence_said_to_be_overridden_where_no_base_binds_is_not_read(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """osai:licence:overrides is read beside a base's binding licence alone: a BOM giving it
    beside the model's own declared MIT (a hand-edited one) was written back with two declared
    licences, MIT and the one said overridden, which a reader takes as both applying."""
    child = fine_tune(linked_world, "acme/bom-apache-ft", "EleutherAI/pythia-70m")
    bom = written(child, "cyclonedx", tmp_path)
    document = json.loads(bom.read_text())
    properties = document["metadata"]["component"]["properties"]
    properties.append({"name": "osai:licence:overrides", "value": "GPL-3.0-only"})
    bom.write_text(json.dumps(document))
    assert model_licences(bom) == [("declared", "MIT")]
    again = written(str(bom), "cyclonedx", tmp_path / "again")
    assert model_licences(again) == [("declared", "MIT")]
    assert verdicts(checked(str(bom))) == verdicts(checked(child))


@pytest.mark.parametrize("licence", ["Hippocratic-3.0-core", "BSD-Source-Code-no-disclaimer"])
def test_a_declared_licence_on_the_spdx_list_but_not_cyclonedx_s_keeps_the_bom_valid(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    tmp_path: Path,
    licence: str,
) -> None:
    """The publisher's licence beside a base's binding one is a `license` object, as CycloneDX
    states two licences: written as an `id`, one the SPDX License List has and CycloneDX 1.6's
    copy of it lacks made the BOM schema-invalid.  By its name, it validates and reads back."""
    child = fine_tune(linked_world, f"acme/bom-{licence.casefold()}-ft", LLAMA, licence)
    bom = written(child, "cyclonedx", tmp_path)
    assert cyclonedx_errors(bom.read_text()) == []
    assert sorted(model_licences(bom)) == [
        ("concluded", "LicenseRef-llama2"),
        ("declared", licence),
    ]
    assert verdicts(checked(str(bom))) == verdicts(checked(child))
