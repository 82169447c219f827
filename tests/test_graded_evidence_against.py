"""What a grade must not overlook: a release saying some of its training data is not public
(`unless_stated` in a check) cannot show "all" its data sources open, which the European Open
Source AI Index's open grades ask.  tiny-model's card says its corpus "may not be
redistributed", and the index's data-source rows were graded open on its datasets and data
card."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clirunner import EXAMPLES, run_osai
from gate_manifests import open_release, write_manifest

NOT_PUBLIC = "Part of the corpus is licensed to us only and may not be redistributed"


def eosai(target: Path, *extra: str) -> dict[str, dict[str, Any]]:
    result = run_osai("check", str(target), "-f", "eosai", "--format", "json", *extra)
    assert result.code == 0, result.stderr
    framework = json.loads(result.stdout)["targets"][0]["frameworks"][0]
    return {r["id"]: r for r in framework["requirements"]}


def graded(requirement: dict[str, Any]) -> tuple[str, str, str]:
    grade = requirement["grade"]
    return requirement["status"], grade["grade"], grade["at_least"]


def stating_data_not_public(tmp_path: Path, said: str | None) -> Path:
    release = open_release()
    declared: dict[str, object] = {"base_model": False}  # its own base: both data rows apply
    if said is not None:
        declared["non_public_data"] = said
    release["release"]["declarations"] = declared  # type: ignore[index]
    return write_manifest(tmp_path / "m.yml", release)


def test_a_release_saying_some_data_is_not_public_is_not_graded_all_data_open(
    tmp_path: Path,
) -> None:
    """Every data source row and the licences' (which asks "all data sources") open on the
    datasets alone; said not all public, each is at least partial, unknown: the statement may
    be of other data, so never closed on it."""
    plain = eosai(stating_data_not_public(tmp_path, None))
    rows = ("EOSAI-DATASOURCES-BASE", "EOSAI-DATASOURCES-END", "EOSAI-LICENSES")
    assert [graded(plain[row]) for row in rows] == [("met", "open", "open")] * 3
    said = eosai(stating_data_not_public(tmp_path, NOT_PUBLIC))
    for row in rows:
        assert graded(said[row]) == ("unknown", "", "partial"), said[row]["reason"]
        assert said[row]["why_unknown"] == "unsettled"
        assert said[row]["reason"].endswith(f"; but non_public_data: {NOT_PUBLIC})")


def test_the_step_is_the_rule_s_remedy_not_a_question_the_evidence_answers(
    tmp_path: Path,
) -> None:
    """It was asked whether the datasets and data card are released, and under which licence,
    which the evidence table shows and which settles nothing."""
    manifest = stating_data_not_public(tmp_path, NOT_PUBLIC)
    text = " ".join(run_osai("check", str(manifest), "-f", "eosai", "-v").stdout.split())
    assert (
        "improve Base model data sources made available and End model data sources made "
        "available: at least partial now, but release.declarations.non_public_data says "
        f"'{NOT_PUBLIC}'; share the data sources"
    ) in text, text
    assert "whether they are released" not in text


def test_tiny_model_whose_card_says_its_corpus_may_not_be_redistributed() -> None:
    """The bundled example's card: "This corpus is licensed to us only and may not be
    redistributed"; its data-source rows read open."""
    found = eosai(EXAMPLES / "tiny-model")
    for row in ("EOSAI-DATASOURCES-BASE", "EOSAI-DATASOURCES-END"):
        assert graded(found[row]) == ("unknown", "", "partial"), found[row]["reason"]
        assert "may not be redistributed" in found[row]["reason"]


def test_explain_says_what_keeps_the_grade_open() -> None:
    result = run_osai("rules", "explain", "EOSAI-DATASOURCES-END")
    text = " ".join(result.stdout.split())
    assert "unknown, not met, where fact 'non_public_data' is stated" in text, text


def test_a_rule_naming_an_unknown_fact_to_be_unstated_is_refused(tmp_path: Path) -> None:
    source = (Path(__file__).parent.parent / "rules" / "frameworks" / "eosai.yaml").read_text()
    edited = tmp_path / "eosai-edited.yaml"
    misspelt = source.replace("unless_stated: [non_public_data]", "unless_stated: [non_public_dat]")
    edited.write_text(misspelt, encoding="utf-8")
    result = run_osai("rules", "validate", str(edited))
    assert result.code == 2
    assert result.stderr.startswith(f"osai: error: {edited}:")
    assert "unless_stated: unknown fact 'non_public_dat' (did you mean 'non_public_data'?)" in (
        result.stderr
    )
