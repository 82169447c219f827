"""A component judged on a licence of its own (`own_licence` in a check): the European Open
Source AI Index grades the licences of the weights, the code and the data each on its own terms
(its notes: "Weights: ... Code: ... Data: ODC-By."), and a release cannot license others' data.
gpt-neox-20b's MOT listing (and the bundled manifest) give the release Apache-2.0, which the
Datasets, naming none, inherit under the MOF's rules: the index's Licenses read open on the
Pile "under Apache-2.0"."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from clirunner import EXAMPLES, run_osai
from gate_manifests import open_release, write_manifest

from osai.engine import evaluate_framework
from osai.evidence import Certainty, LicenceFact, Provenance
from osai.rules import load_ruleset
from osai.sources.manifest import read_manifest

NEOX = EXAMPLES / "gpt-neox-20b.yml"


def requirements(target: Path, *frameworks: str) -> dict[str, dict[str, Any]]:
    args = [arg for framework in frameworks for arg in ("-f", framework)]
    result = run_osai("check", str(target), *args, "--format", "json")
    assert result.code == 0, result.stderr
    judged = json.loads(result.stdout)["targets"][0]["frameworks"]
    return {r["id"]: r for framework in judged for r in framework["requirements"]}


def graded(requirement: dict[str, Any]) -> tuple[str, str, str]:
    grade = requirement["grade"]
    return requirement["status"], grade["grade"], grade["at_least"]


def test_data_inheriting_the_release_s_licence_is_not_graded_openly_licensed() -> None:
    """Licenses is at least partial (weights and code under Apache-2.0), unknown for the data;
    the MOF, whose rules make a component inherit the release's licence, is read as before."""
    found = requirements(NEOX, "eosai", "mof")
    licences = found["EOSAI-LICENSES"]
    assert graded(licences) == ("unknown", "", "partial"), licences["reason"]
    assert licences["why_unknown"] == "licence-unknown"
    assert licences["reason"] == (
        "unknown (at least partial; open? Datasets: released, licence unknown; Apache-2.0, "
        "inherited from license.distribution, is the release's licence, not the component's own)"
    )
    assert found["MOF-C1-DATASETS"]["status"] == "met"


def test_data_stating_its_own_licence_is_graded_on_it(tmp_path: Path) -> None:
    """The same release with the Datasets' own licence named: open; without it, inheriting the
    release's CC-BY-4.0 (`license.data`), unknown."""
    release = open_release(data_information=False)
    stated = requirements(write_manifest(tmp_path / "own.yml", release), "eosai")
    assert graded(stated["EOSAI-LICENSES"]) == ("met", "open", "open")
    components = release["release"]["components"]  # type: ignore[index]
    for component in components:
        if component["name"] == "Datasets":
            del component["license"]
    release["release"]["license"]["data"] = {"name": "CC-BY-4.0"}  # type: ignore[index]
    inherited = requirements(write_manifest(tmp_path / "inherited.yml", release), "eosai")
    licences = inherited["EOSAI-LICENSES"]
    assert graded(licences) == ("unknown", "", "partial"), licences["reason"]
    assert "CC-BY-4.0, inherited from license.data, is the release's licence" in licences["reason"]


def test_a_licence_of_their_own_that_agreed_with_the_release_s_grades_them() -> None:
    """A listing's release-wide Apache-2.0, kept where a dataset's own card said ODC-By and
    neither was more restrictive (LicenceFact.corroborated_by): the data's own terms are known,
    and open."""
    rules = load_ruleset()
    release = read_manifest(NEOX, rules)
    datasets = release.component("datasets")
    assert datasets.licence is not None and datasets.licence.from_release
    card = Provenance(
        "hub-dataset", "https://huggingface.co/datasets/acme/data", "odc-by", Certainty.DETECTED
    )
    agreed = replace(datasets.licence, corroborated_by=(LicenceFact("ODC-By-1.0", card),))
    components = {**release.components, "datasets": replace(datasets, licence=agreed)}
    judged = evaluate_framework(
        rules.framework("eosai"), None, replace(release, components=components), rules
    )
    (licences,) = [r for r in judged.results if r.requirement_id == "EOSAI-LICENSES"]
    assert (licences.status.value, licences.grade) == ("met", "open"), licences.reason.text


def test_explain_says_the_data_s_licence_must_be_its_own() -> None:
    text = " ".join(run_osai("rules", "explain", "EOSAI-LICENSES").stdout.split())
    assert (
        "Datasets released under policy 'open' (its own licence, not one inherited from the "
        "release)"
    ) in text, text


def test_a_rule_asking_its_own_licence_of_no_policy_is_refused(tmp_path: Path) -> None:
    """`own_licence` judges a licence: on a check with no policy it would say nothing."""
    source = (Path(__file__).parent.parent / "rules" / "frameworks" / "eosai.yaml").read_text()
    edited = tmp_path / "eosai-edited.yaml"
    wrong = source.replace(
        "        check: {component: datasets}\n",
        "        check: {component: datasets, own_licence: true}\n",
        1,
    )
    assert wrong != source
    edited.write_text(wrong, encoding="utf-8")
    result = run_osai("rules", "validate", str(edited))
    assert result.code == 2, result.stdout
    assert result.stderr.startswith(f"osai: error: {edited}:")
    assert "policy" in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
