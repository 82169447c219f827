"""OSAID's data information met on a component is an inference, and says so (issue #8, point 7).

OSAID asks "the complete description of all data used for training" and "a listing of all
publicly available training data"; the OSI checklist maps them onto MOF components (a data card,
the datasets) and calls that mapping "subject to interpretation … one needs to extrapolate".  A
standards auditor found `osai check google-t5/t5-base -f osaid -v` meet the description at the
certainty a gate accepts on a data card's heading.  A check met by a reading of the framework's
text (`inferred_by:`, rules/inference.yaml `readings:`) is met as an inference: certainty
"inferred", its evidence naming the reading, a gate NOT PROVEN until --min-certainty inferred.
The fact itself is not inferred: EOSAI grades a description of the data above a data card.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from clirunner import EXAMPLES, ROOT, run_osai
from loopback_hub import LoopbackHub

from osai.rules.load import validate_rule_file

PYTHIA = EXAMPLES / "pythia-70m.yml"
DESCRIPTION = "OSAID-DATA-DESCRIPTION"
PUBLIC_SOURCES = "OSAID-DATA-PUBLIC-SOURCES"
CARD_READING = "DATA-CARD-DESCRIBES-THE-DATA"
DATASETS_READING = "DATASETS-LIST-THE-PUBLIC-DATA"
DESCRIPTION_KEY = "release.data_information.training_data_description"


def without(tmp_path: Path, *facts: str) -> Path:
    """Pythia-70M's manifest (a Data card and the Datasets listed) without these data
    information facts declared."""
    text = PYTHIA.read_text(encoding="utf-8")
    for fact in facts:
        text, dropped = re.subn(rf"    {fact}:\n      text: .*\n      url: .*\n", "", text)
        assert dropped == 1, fact
    path = tmp_path / "release.yml"
    path.write_text(text, encoding="utf-8")
    return path


def judged(target: Path, framework: str = "osaid") -> dict[str, Any]:
    result = run_osai("check", str(target), "-f", framework, "--format", "json")
    assert result.code == 0, result.stderr
    (found,) = json.loads(result.stdout)["targets"][0]["frameworks"]
    return found  # type: ignore[no-any-return]


def requirement(framework: dict[str, Any], rule: str) -> dict[str, Any]:
    return next(r for r in framework["requirements"] if r["id"] == rule)


def readings_named(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (e["location"], e["value"], e["certainty"])
        for e in result["evidence"]
        if e["source"] == "inference"
    ]


def test_a_data_card_meets_the_description_as_an_inference_naming_its_reading(
    tmp_path: Path,
) -> None:
    osaid = judged(without(tmp_path, "training_data_description"))
    met = requirement(osaid, DESCRIPTION)
    assert (met["status"], met["certainty"], met["met_by"]) == ("met", "inferred", ["data-card"])
    assert readings_named(met) == [
        (CARD_READING, "A data card describes the training data", "inferred")
    ]
    # the data card itself is declared: what is inferred is that it is the description
    assert ("manifest", "Data card", "declared") in [
        (e["source"], e["value"], e["certainty"]) for e in met["evidence"]
    ]
    assert (osaid["outcome"], osaid["certainty"]) == ("conformant", "inferred")


def test_the_verdict_says_inferred_and_what_to_declare_to_make_it_definite(
    tmp_path: Path,
) -> None:
    """The headline named "declare Data card", which the manifest declares already: the
    description the card stands in for is what makes it definite."""
    path = without(tmp_path, "training_data_description")
    result = run_osai("check", str(path), "-f", "osaid", "-v", env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "OSAID 1.0 ✔ conformant (Open Source AI; inferred)" in text
    assert (
        f"rests on inferred evidence: declare {DESCRIPTION_KEY} in {path} to make it definite"
    ) in text
    assert f"inference {CARD_READING} = A data card describes the training data (inferred)" in text
    assert max(map(len, result.stdout.splitlines())) <= 80


def test_a_gate_on_osaid_is_not_proven_until_inferred_evidence_is_accepted(
    tmp_path: Path,
) -> None:
    path = without(tmp_path, "training_data_description")
    gated = run_osai("check", str(path), "-f", "osaid", "--require", "osaid")
    assert gated.code == 1, gated.stderr
    said = " ".join(gated.stdout.split())
    assert "NOT PROVEN" in said
    assert (
        f"reached only on inferred evidence (--min-certainty detected): declare {DESCRIPTION_KEY}"
        in said
    )
    accepted = run_osai(
        "check", str(path), "-f", "osaid", "--require", "osaid", "--min-certainty", "inferred"
    )
    assert accepted.code == 0, accepted.stdout


def test_a_gate_on_a_hub_model_asks_its_publisher_not_the_person_checking(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """LLM360/Amber's data card meets the description by a reading: a gate is NOT PROVEN.  The
    person checking a Hub model owns no key to declare: "declare Complete description of all
    training data" asked them for what only LLM360 can declare, where the hint that a level
    rests on inferred evidence says LLM360 has not declared it and --manifest adds it."""
    env = {
        "HF_ENDPOINT": hub.endpoint,
        "HF_HOME": str(tmp_path / "hf"),
        "OSAI_CACHE_DIR": str(tmp_path / "cache"),
    }
    gated = run_osai(
        "check", "LLM360/Amber", "-f", "osaid", "--require", "osaid", "--no-follow", env=env
    )
    assert gated.code == 1, gated.stderr
    said = " ".join(gated.stdout.split())
    assert (
        "(--min-certainty detected): LLM360 has not declared in the repository's osai.yaml: "
        "Complete description of all training data;"
    ) in said, said
    assert "--manifest FILE adds what LLM360 documents elsewhere" in said, said
    assert ": declare " not in said, said
    as_json = run_osai(
        "check",
        "LLM360/Amber",
        "-f",
        "osaid",
        "--require",
        "osaid",
        "--no-follow",
        "--format",
        "json",
        env=env,
    )
    (policy,) = json.loads(as_json.stdout)["targets"][0]["policies"]
    assert policy["declare"].startswith("LLM360 has not declared in the repository's osai.yaml"), (
        policy
    )


def test_the_description_declared_stays_declared() -> None:
    """An any_of keeps choosing its strongest met part: the declared fact beside the card."""
    osaid = judged(PYTHIA)
    met = requirement(osaid, DESCRIPTION)
    assert (met["status"], met["certainty"]) == ("met", "declared")
    assert readings_named(met) == []
    assert (osaid["outcome"], osaid["certainty"]) == ("conformant", "declared")
    gated = run_osai("check", str(PYTHIA), "-f", "osaid", "--require", "osaid")
    assert gated.code == 0, gated.stdout


def test_the_datasets_list_the_public_data_as_an_inference(tmp_path: Path) -> None:
    path = without(tmp_path, "training_data_description", "public_data_sources")
    met = requirement(judged(path), PUBLIC_SOURCES)
    assert (met["status"], met["certainty"], met["met_by"]) == ("met", "inferred", ["datasets"])
    assert readings_named(met) == [
        (DATASETS_READING, "The released datasets list the public training data", "inferred")
    ]


def test_a_reading_meets_nothing_the_component_does_not(tmp_path: Path) -> None:
    """Unmet and unknown stay as they are: no data card, no description: unknown, and no
    reading named."""
    path = without(tmp_path, "training_data_description")
    text = path.read_text(encoding="utf-8")
    text, dropped = re.subn(r"    -\n      name: 'Data card'\n      description: .*\n", "", text)
    assert dropped == 1
    path.write_text(text, "utf-8")
    result = run_osai("check", str(path), "-f", "osaid", "--format", "json")
    assert result.code == 0, result.stderr
    (osaid,) = json.loads(result.stdout)["targets"][0]["frameworks"]
    unknown = requirement(osaid, DESCRIPTION)
    assert unknown["status"] == "unknown"
    assert readings_named(unknown) == []


def test_eosai_still_grades_a_data_card_below_a_description(tmp_path: Path) -> None:
    """The reading infers no fact: EOSAI's datasheet, which grades a description `open` and a
    data card only `partial`, is no higher on the card."""
    datasheet = requirement(
        judged(without(tmp_path, "training_data_description"), "eosai"), "EOSAI-DATASHEET"
    )
    assert (datasheet["status"], datasheet["grade"]["grade"]) == ("unknown", "")
    assert datasheet["grade"]["at_least"] == "partial"
    assert readings_named(datasheet) == []


def test_rules_explain_show_and_compare_say_it() -> None:
    explained = run_osai("rules", "explain", DESCRIPTION, env={"COLUMNS": "400"}).stdout
    assert f"(Data card released; met only as an inference, by the reading {CARD_READING})" in (
        explained
    )
    shown = " ".join(run_osai("rules", "show", "osaid").stdout.split())
    assert f"by the reading {DATASETS_READING}" in shown
    compared = " ".join(run_osai("compare", "osaid", "mof").stdout.split())
    assert "(declared, or inferred from Data card)" in compared
    assert "shown by Data card" not in compared
    as_json = run_osai("compare", "osaid", "mof", "--format", "json").stdout
    assert '"osaid": "required: stated, or inferred from Datasets"' in as_json


def test_a_check_naming_no_reading_is_refused_where_it_is_written(tmp_path: Path) -> None:
    source = (ROOT / "rules" / "frameworks" / "osaid.yaml").read_text(encoding="utf-8")
    assert source.count(f"inferred_by: {CARD_READING}") == 1
    broken = tmp_path / "osaid-typo.yaml"
    typo = "inferred_by: DATA-CARD-DESCRIBE-THE-DATA"
    broken.write_text(source.replace(f"inferred_by: {CARD_READING}", typo))
    (problem,) = validate_rule_file(broken)
    line = 1 + source[: source.index(f"inferred_by: {CARD_READING}")].count("\n")
    assert problem.startswith(f"{broken}:{line}: requirements[")
    assert problem.endswith(
        ".check.any_of[1].inferred_by: unknown reading 'DATA-CARD-DESCRIBE-THE-DATA' "
        f"(did you mean '{CARD_READING}'?)"
    )
    # not an id: the schema's own refusal
    broken.write_text(source.replace(f"inferred_by: {CARD_READING}", "inferred_by: a data card"))
    (problem,) = validate_rule_file(broken)
    assert f"{broken}:{line}:" in problem and "inferred_by" in problem


def declared_not_provided(tmp_path: Path, fact: str) -> Path:
    """Pythia-70M's manifest with one data-information item declared not provided."""
    text = PYTHIA.read_text(encoding="utf-8")
    text, replaced = re.subn(rf"    {fact}:\n      text: .*\n      url: .*\n", "", text)
    assert replaced == 1, fact
    text = text.replace("  data_information:\n", f"  data_information:\n    {fact}: false\n", 1)
    path = tmp_path / "release.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_item_declared_not_provided_is_not_met_by_a_reading(tmp_path: Path) -> None:
    """A declaration wins over a reading, "not provided" included (rules/inference.yaml), as
    it does over an inferred fact: `training_data_description: false` beside a data card was
    met by the card, "conformant (inferred)", and asked to declare what was declared."""
    for fact, rule in (
        ("training_data_description", DESCRIPTION),
        ("public_data_sources", PUBLIC_SOURCES),
    ):
        path = declared_not_provided(tmp_path, fact)
        osaid = judged(path)
        unmet = requirement(osaid, rule)
        assert (unmet["status"], unmet["certainty"]) == ("unmet", "declared"), fact
        assert readings_named(unmet) == [], fact
        assert unmet["reason"] == f"{fact}: not provided"
        assert (osaid["outcome"], osaid["certainty"]) == ("not-conformant", "declared")
        text = " ".join(run_osai("check", str(path), "-f", "osaid").stdout.split())
        assert "to make it definite" not in text and "rests on inferred" not in text


def test_a_description_that_says_there_is_none_is_not_provided(tmp_path: Path) -> None:
    """`training_data_description: none` (or 'not provided', 'N/A') was OSAID-conformant,
    declared: a word for an item not given (rules/components.yaml not_provided_words) is read
    as `false` is, the word kept as written in the evidence."""
    for word in ("none", "'not provided'", "N/A", "undisclosed", "'N/A.'", "nothing"):
        path = declared_not_provided(tmp_path, "training_data_description")
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("training_data_description: false", f"training_data_description: {word}")
        )
        osaid = judged(path)
        unmet = requirement(osaid, DESCRIPTION)
        assert (unmet["status"], unmet["reason"]) == (
            "unmet",
            f"training_data_description: {word.strip(chr(39))}",  # as written
        ), word
        assert [e["value"] for e in unmet["evidence"]] == [word.strip("'")]
        assert osaid["outcome"] == "not-conformant"


def test_a_reading_standing_in_for_an_unknown_fact_is_refused(tmp_path: Path) -> None:
    source = (ROOT / "rules" / "inference.yaml").read_text(encoding="utf-8")
    assert source.count("stands_for: training_data_description") == 1
    broken = tmp_path / "inference.yaml"
    broken.write_text(source.replace("stands_for: training_data_description", "stands_for: nope"))
    (problem,) = validate_rule_file(broken)
    assert problem.endswith(".stands_for: unknown fact 'nope'"), problem


SOURCES_RULES = {
    "public_data_sources": PUBLIC_SOURCES,
    "third_party_data_sources": "OSAID-DATA-THIRD-PARTY-SOURCES",
    "unshareable_data_description": "OSAID-DATA-UNSHAREABLE",
}


def stated(tmp_path: Path, fact: str, word: str) -> Path:
    """Pythia-70M's manifest (the Pile released) with one sources item stated in these words."""
    text = PYTHIA.read_text(encoding="utf-8")
    text, replaced = re.subn(rf"    {fact}:( none|\n      text: .*\n      url: .*)\n", "", text)
    assert replaced == 1, fact
    text = text.replace("  data_information:\n", f"  data_information:\n    {fact}: {word}\n", 1)
    path = tmp_path / "release.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_words_for_none_used_keep_their_meaning_for_each_sources_item(tmp_path: Path) -> None:
    """`public_data_sources: none` beside the released Pile was met, then failed as not
    provided, and `unshareable_data_description: 'n/a'` (or 'no', 'nothing', 'not
    applicable') likewise: for a sources item the words that say none was used are `none`, a
    listing of nothing (rules/components.yaml none_used_words), punctuation and case aside."""
    for fact, rule in SOURCES_RULES.items():
        for word in ("none", "'n/a'", "'no'", "nothing", "Not applicable", "'None.'"):
            osaid = judged(stated(tmp_path, fact, word))
            met = requirement(osaid, rule)
            assert (met["status"], met["certainty"]) == ("met", "declared"), (fact, word, met)
            assert met["reason"] == f"{fact}: {word.strip(chr(39))}", (fact, word)
            assert osaid["outcome"] == "conformant", (fact, word)


def test_words_for_an_item_withheld_are_not_provided_for_each_sources_item(
    tmp_path: Path,
) -> None:
    """Only the words that say the item is withheld or missing read as not provided, however
    punctuated ('Not disclosed.' was met)."""
    for fact, rule in SOURCES_RULES.items():
        for word in ("undisclosed", "'Not disclosed.'", "TBD", "'Unknown'"):
            osaid = judged(stated(tmp_path, fact, word))
            unmet = requirement(osaid, rule)
            assert unmet["status"] == "unmet", (fact, word, unmet)
            assert unmet["reason"] == f"{fact}: {word.strip(chr(39))}", (fact, word)
            assert osaid["outcome"] == "not-conformant", (fact, word)


def test_the_action_quotes_the_words_written(tmp_path: Path) -> None:
    """The action for `public_data_sources: 'undisclosed'` quoted 'not provided', a value the
    publisher never wrote."""
    path = stated(tmp_path, "public_data_sources", "'undisclosed'")
    text = " ".join(run_osai("check", str(path), "-f", "osaid").stdout.split())
    assert "public_data_sources: 'undisclosed', which fails it" in text
    assert "'not provided'" not in text
