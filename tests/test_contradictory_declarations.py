"""Declarations that cannot all hold: OSAID 1.0 divides training data that is not public into
data obtainable from third parties and unshareable data.  A manifest stating that some data is
not public (`declarations.non_public_data`) beside "none" of both passed OSAID-DATA-THIRD-PARTY-
SOURCES and OSAID-DATA-UNSHAREABLE, and `--require osaid`, without a word (aik, stop 54).  Which
of the three is wrong only the publisher can say: both are unknown, never unmet, until one is
corrected.  Either "none" beside a description of the other kind is no contradiction.

The rule is YAML (a check's `unless`, rules/frameworks/osaid.yaml); these tests hold it to its
word on a manifest, as a publisher writes one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, ROOT, run_osai
from report_text import action_lines

PYTHIA = EXAMPLES / "pythia-70m.yml"
THIRD_PARTY, UNSHAREABLE = "OSAID-DATA-THIRD-PARTY-SOURCES", "OSAID-DATA-UNSHAREABLE"
NOT_PUBLIC = "a licensed news corpus, not to be redistributed"


def manifest(tmp_path: Path, third_party: str = "none", unshareable: str = "none") -> Path:
    """Pythia-70M's manifest stating that some training data is not public, with these
    statements of the two kinds of such data."""
    text = PYTHIA.read_text(encoding="utf-8")
    for key, value in (
        ("third_party_data_sources", third_party),
        ("unshareable_data_description", unshareable),
    ):
        assert f"    {key}: none\n" in text
        text = text.replace(f"    {key}: none\n", f"    {key}: '{value}'\n", 1)
    declared = f"  declarations:\n    non_public_data: '{NOT_PUBLIC}'\n  data_information:\n"
    path = tmp_path / "release.yml"
    path.write_text(text.replace("  data_information:\n", declared, 1), encoding="utf-8")
    return path


def requirements(target: Path) -> dict[str, dict[str, Any]]:
    result = run_osai("check", str(target), "-f", "osaid", "--format", "json")
    assert result.code == 0, result.stderr
    (osaid,) = json.loads(result.stdout)["targets"][0]["frameworks"]
    return {r["id"]: r for r in osaid["requirements"]}


# 'N/A' and 'Nothing.' say none was used as `none` does (rules/components.yaml none_used_words)
@pytest.mark.parametrize("none", ["none", "None", "N/A", "Nothing."])
def test_none_of_both_beside_data_that_is_not_public_is_unknown(tmp_path: Path, none: str) -> None:
    found = requirements(manifest(tmp_path, none, none))
    for rule, own, other in (
        (THIRD_PARTY, "third_party_data_sources", "unshareable_data_description"),
        (UNSHAREABLE, "unshareable_data_description", "third_party_data_sources"),
    ):
        result = found[rule]
        assert (result["status"], result["why_unknown"]) == ("unknown", "unsettled"), result
        assert result["reason"] == (
            f"{own}: {none}; but non_public_data: {NOT_PUBLIC}; {other}: {none}"
        )
        # what states each of the three is cited
        assert {e["line"] for e in result["evidence"]} == {28, 36, 37}, result["evidence"]


def test_the_gate_does_not_pass_a_release_that_contradicts_itself(tmp_path: Path) -> None:
    target = manifest(tmp_path)
    result = run_osai("check", str(target), "-f", "osaid", "--require", "osaid")
    assert result.code == 1, result
    assert "not demonstrated (2 unknown)" in result.stdout
    assert PYTHIA.exists() and run_osai("check", str(PYTHIA), "--require", "osaid").code == 0


@pytest.mark.parametrize(
    ("third_party", "unshareable"),
    [
        ("none", "the licensed news corpus: 1.2M articles, 2019-2023, English, deduplicated"),
        ("the licensed news corpus, sold by its publisher", "none"),
    ],
)
def test_none_of_one_kind_beside_the_other_described_is_met(
    tmp_path: Path, third_party: str, unshareable: str
) -> None:
    found = requirements(manifest(tmp_path, third_party, unshareable))
    assert (found[THIRD_PARTY]["status"], found[UNSHAREABLE]["status"]) == ("met", "met")


def test_rules_explain_says_what_contradicts_it() -> None:
    result = run_osai("rules", "explain", UNSHAREABLE, env={"COLUMNS": "400"})
    assert result.code == 0, result.stderr
    assert (
        "unknown, not met, where (all of: fact 'non_public_data' stated "
        "(manifest: release.declarations.non_public_data) & fact 'third_party_data_sources' "
        "met if none"
    ) in " ".join(result.stdout.split())


def test_a_framework_testing_a_number_for_a_word_is_refused(tmp_path: Path) -> None:
    """A statement may be tested for a word ("none"); a number may not, in one line."""
    source = ROOT / "rules" / "frameworks" / "osaid.yaml"
    text = source.read_text(encoding="utf-8")
    written = "          - {fact: third_party_data_sources, met_if: [none]}\n"
    assert written in text
    framework = tmp_path / "osaid.yaml"
    wrong = "          - {fact: training_compute_flop, met_if: [none]}\n"
    framework.write_text(text.replace(written, wrong, 1), encoding="utf-8")
    result = run_osai("rules", "validate", str(framework))
    assert (result.code, result.stdout) == (2, ""), result
    assert result.stderr.endswith(
        "check.unless.all_of[1]: fact 'training_compute_flop' is a number, "
        "not a category or statement\n"
    ), result.stderr
    assert result.stderr.count("\n") == 1


def test_the_action_is_to_correct_what_cannot_all_hold(tmp_path: Path) -> None:
    """The remedy asked to "state that none was used", which the manifest had stated, and the
    headline to "declare them in" it (aji): no further statement settles a contradiction."""
    result = run_osai("check", str(manifest(tmp_path)), "-f", "osaid", env={"COLUMNS": "400"})
    assert result.code == 0, result.stderr
    (action,) = action_lines(result.stdout)
    assert action.startswith("correct Listing of all training data obtainable from third")
    assert "'none', which cannot all hold: correct whichever is wrong — reaches OSAID" in action
    assert "to settle what is unknown" not in result.stdout


def test_a_fact_against_one_way_leaves_the_other_way_to_a_statement(tmp_path: Path) -> None:
    """A fine-tune (its base model stated) releasing datasets, with no listing of its public
    data: the datasets list only some of its data (`unless_stated: [base_model]`), and the
    listing, stated, would meet it.  The headline's "declare the rest in" was dropped for any
    requirement a stated fact kept open (ajk): only one those facts alone keep open is settled
    by no statement."""
    text = PYTHIA.read_text(encoding="utf-8")
    listing = (
        "    public_data_sources:\n"
        "      text: 'The Pile (and its deduplicated version), public'\n"
        "      url: https://pile.eleuther.ai/\n"
    )
    assert listing in text
    text = text.replace(listing, "", 1)
    declared = "  declarations:\n    base_model: EleutherAI/pythia-70m-deduped\n"
    target = tmp_path / "release.yml"
    target.write_text(text.replace("  data_information:\n", declared + "  data_information:\n", 1))
    public = requirements(target)["OSAID-DATA-PUBLIC-SOURCES"]
    assert (public["status"], public["why_unknown"]) == ("unknown", "unsettled"), public
    result = run_osai("check", str(target), "-f", "osaid", env={"COLUMNS": "400"})
    assert result.code == 0, result.stderr
    assert f"; declare the rest in {target}\n" in result.stdout, result.stdout


def test_mof_datasets_beside_data_that_is_not_public_are_not_all_released(
    tmp_path: Path,
) -> None:
    """MOF Class I asks for the "training, validation and testing datasets used for the
    model": Pythia-70M's released datasets beside a statement that some training data is not
    public were Class I, the contrary fact in hand (ali #2). Unknown, never unmet (a sentence
    read from a card may speak of other data): Class II, with Class I not demonstrated."""
    target = manifest(tmp_path, "a licensed news corpus", "none")
    result = run_osai("check", str(target), "-f", "mof", "--format", "json")
    assert result.code == 0, result.stderr
    (mof,) = json.loads(result.stdout)["targets"][0]["frameworks"]
    datasets = next(r for r in mof["requirements"] if r["id"] == "MOF-C1-DATASETS")
    assert datasets["status"] == "unknown", datasets
    assert f"but non_public_data: {NOT_PUBLIC}" in datasets["reason"]
    assert mof["outcome"] == "class-2"
    plain = run_osai("check", str(PYTHIA), "-f", "mof", "--format", "json")
    (mof,) = json.loads(plain.stdout)["targets"][0]["frameworks"]
    assert mof["outcome"] == "class-1"  # the example itself stays Class I
