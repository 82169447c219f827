"""How EOSAI's score and the index's entry are said: the score is osai's grading, never the
index's; a model the index has no entry of is said so; the entry's score is given only as this
model's; grades that do not apply are not unknown; and the audit and the listing's note say
which links name the repository (the review of a European Open Source AI Index maintainer)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from clirunner import run_osai

pytestmark = pytest.mark.usefixtures("linked_world")  # tests/conftest.py


def _framework(model: str) -> tuple[dict[str, Any], dict[str, Any]]:
    result = run_osai("check", model, "-f", "eosai", "--format", "json")
    assert result.code in (0, 1), result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target, target["frameworks"][0]


def test_every_score_a_person_reads_says_it_is_osais_grading() -> None:
    """ "EOSAI 2026-06-12 score 0.20 to 0.71" read as the index's own score; only JSON's name
    and -v said "(osai's grading)"."""
    head = " ".join(run_osai("check", "EleutherAI/pythia-6.9b", "-f", "eosai").stdout.split())
    assert "EOSAI 2026-06-12 ≈ score 0.58 to 1.00 (osai's grading; " in head
    markdown = run_osai("check", "EleutherAI/pythia-6.9b", "-f", "eosai", "--format", "markdown")
    assert "| Target | EOSAI \\(osai's grading\\) |" in markdown.stdout
    assert "EOSAI ≈ score 0.58 to 1.00 (osai&#x27;s grading)</summary>" in markdown.stdout
    assert "**EOSAI 2026-06-12** score 0.58 to 1.00 \\(osai's grading; " in markdown.stdout
    both = run_osai("check", "EleutherAI/pythia-6.9b", "bigscience/bloom", "-f", "eosai")
    assert "EOSAI: 2 scored 0.58 to 1.00 (osai's grading)" in both.stdout.replace("\xa0", " ")
    # the column keeps its short name
    assert "  target                  EOSAI\n" in both.stdout


def test_a_model_the_index_has_no_entry_of_is_said_so_when_the_mot_matched() -> None:
    target, framework = _framework("mistralai/Mistral-7B-v0.1")
    assert framework["reference"] is None
    notes = [f["message"] for f in target["findings"] if f["kind"] == "note"]
    (said,) = [note for note in notes if "EOSAI entry" in note]
    assert said.startswith("no EOSAI entry matched mistralai/Mistral-7B-v0.1: no entry in the ")
    assert any(note.startswith("the MOT lists this repository") for note in notes)


def test_an_entry_of_another_model_gives_no_score_as_this_ones() -> None:
    """bigscience/bloom is BLOOMZ's base model: 2 of bloomz.yaml's 12 grades are BLOOM's, and
    its whole score (0.83) was given as the reference score."""
    _, framework = _framework("bigscience/bloom")
    reference = framework["reference"]
    assert reference["about_this_repository"] is True
    assert reference["reference_score"] is None
    _, own = _framework("allenai/OLMo-7B")
    # a relative's entry (OLMo.yaml grades Olmo-3.1-32B-Think) is not this model's either
    assert own["reference"]["about_this_repository"] is False
    assert own["reference"]["reference_score"] is None


def test_grades_that_do_not_apply_are_not_counted_unknown() -> None:
    """granite-3.0-8b-instruct's base-model grades are its base model's: "11 of 12 grades
    unknown" counted them."""
    _, framework = _framework("ibm-granite/granite-3.0-8b-instruct")
    overall = framework["score"]["overall"]
    assert (overall["known"], overall["unknown"], overall["not_applying"]) == (1, 9, 2)
    assert framework["outcome_label"] == (
        "score 0.04 to 0.96 (9 of 12 grades unknown, 2 not graded from this release)"
    )
    assert framework["definite"] is False
    granite = ("ibm-granite/granite-3.0-8b-instruct", "EleutherAI/pythia-6.9b", "-f", "eosai")
    assert "0.04 to 0.96 (9 unknown, 2 not graded here)" in run_osai("check", *granite).stdout


def test_grades_without_one_are_counted_once_from_the_score() -> None:
    """GitHub's note on granite said "(osai's grading; 9 of 12 grades unknown, 2 not graded
    from this release) … (1 partial, 11 unknown)": its own tally of the grades beside the
    label's, and the two disagreed.  The summary's cell said "(9 unknown)", and nothing of the
    2 that do not apply (amo)."""
    granite = ("ibm-granite/granite-3.0-8b-instruct", "-f", "eosai")
    github = run_osai("check", *granite, "--format", "github").stdout
    (note,) = [line for line in github.splitlines() if line.startswith("::notice title=ibm")]
    assert note.endswith(
        "score 0.04 to 0.96 (osai's grading; 9 of 12 grades unknown, 2 not graded from this "
        "release) — partial: Model card with insight on architecture, training and evaluation "
        "(1 partial)"
    ), note
    markdown = run_osai("check", *granite, "--format", "markdown").stdout
    assert "| 0\\.04 to 0.96 \\(9 unknown, 2 not graded here\\) |" in markdown


def test_a_score_ranging_only_over_grades_that_do_not_apply_says_why() -> None:
    """Every grade that applies known, some not graded from this release: the cell gave a bare
    range, as if the score were known to lie there for no reason."""
    from dataclasses import replace

    from clirunner import EXAMPLES

    from osai.engine import evaluate_framework
    from osai.formatters.text_summary import outcome_verdict
    from osai.rules import load_ruleset
    from osai.sources.manifest import read_manifest

    rules = load_ruleset()
    release = read_manifest(EXAMPLES / "pythia-70m.yml", rules)
    judged = evaluate_framework(rules.framework("eosai"), None, release, rules)
    assert judged.score is not None
    overall = replace(judged.score.overall, score=0.5, known=10, unknown=0, not_applying=2)
    assert overall.ungraded_said() == "2 of 12 not graded from this release"
    assert overall.ungraded_said(brief=True) == "2 not graded here"
    alone = replace(judged, score=replace(judged.score, overall=overall))
    assert outcome_verdict(alone).text == f"{overall.figure} (2 not graded here)"
    known = replace(overall, not_applying=0, known=12)
    assert outcome_verdict(replace(judged, score=replace(judged.score, overall=known))).text == (
        known.figure
    )


def test_rules_show_says_the_plain_mean_and_what_json_score_is() -> None:
    shown = " ".join(run_osai("rules", "show", "eosai").stdout.split())
    assert "weighted mean" not in shown
    assert "the score is the plain mean grade, over every requirement" in shown
    assert "score.overall.score is then the mean of the known grades alone" in shown


def test_the_audit_says_an_entry_names_a_base_model_by_a_link_it_does_not_compare() -> None:
    """Apertus.yaml's base-model weights link is swiss-ai/Apertus-70B-2509: "no eosai listing
    names" it was false."""
    result = run_osai("audit", "eosai", "swiss-ai/Apertus-70B-2509")
    assert result.code == 2
    assert result.stderr.startswith(
        "osai: error: no eosai listing names swiss-ai/Apertus-70B-2509 by its system or "
        "end-model weights link (osai check matches"
    )


def test_an_entry_whose_end_weights_link_names_the_repository_is_not_said_not_to() -> None:
    """deepseek-R1.yaml's end-model weights link is deepseek-ai/DeepSeek-R1 (its system link the
    -0528 release): "matched by its end model's name, not by naming this repository"."""
    target, _ = _framework("deepseek-ai/DeepSeek-R1")
    said = json.dumps(target)
    assert "not by naming this repository" not in said
    assert "matched by its end model's name and end-model weights link, not by its system" in said
