"""A graded framework's score as the census and `osai check` give it, against the loopback Hub
(its 18 fixture repositories).

`osai census -f osaid,mof,eu-ai-act,eosai --deep 2 --sort likes` and its report gave Llama 2 at
metadata depth "score 1.00 over 1 of 12 (11 unknown: 0.12 to 0.88 whatever they are)": its one
known grade (its preprint, open) headlined as its score, beside bounds saying the score cannot
exceed 0.88 (its licence and gated weights hold three grades at partial at best).  The bounds
were right (1 + 0.5 for the model card's sure partial, over 12: 0.125; 1 + 8 + 3 * 0.5, over 12:
0.875); the headline was the mean over the known grades, which is no bound at all.  Every
report now gives the range while grades are unknown, from one place (ScoreGroup.figure), so the
census and `osai check` say the same.  (Its preprint was credited by the Hub's arxiv tag alone,
a paper the card cites: it is not any more, so at metadata depth nothing is graded, and the
full check's two known grades, the weights at partial, stand beside ten unknown.)
"""

from __future__ import annotations

import json
from pathlib import Path

from census_hub import rows, run_census
from clirunner import run_osai
from loopback_hub import LoopbackHub

LLAMA = "meta-llama/Llama-2-7b-hf"  # served by conftest's `hub`, listed with the 17 others


def eosai_labels(db: Path) -> dict[str, str]:
    """Llama 2's EOSAI label at each depth."""
    found = rows(
        db,
        "SELECT depth, label FROM verdicts WHERE repo_id = ? AND framework = 'eosai'",
        [LLAMA],
    )
    return {str(depth): str(label) for depth, label in found}


def test_a_score_with_unknown_grades_is_headlined_by_its_bounds(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "g.duckdb"
    frameworks = ("-f", "osaid,mof,eu-ai-act,eosai")
    ran = run_census(hub, db, *frameworks, "--deep", "2", "--sort", "likes")
    assert ran.code == 0, ran.stderr
    labels = eosai_labels(db)
    assert labels["metadata"] == "score 0.04 to 0.88 (12 of 12 grades unknown)"
    assert labels["deep"] == "score 0.12 to 0.88 (10 of 12 grades unknown)"

    said = run_osai("census", "report", "--db", str(db))
    assert said.code == 0, said.stderr
    assert "| score 0.12 to 0.88 \\(10 of 12 grades unknown\\) | 1 |" in said.stdout
    assert "score 0.50 over 2 of 12" not in said.stdout

    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "hf")}
    checked = run_osai("check", LLAMA, "-f", "eosai", "--format", "json", env=env)
    (judged,) = json.loads(checked.stdout)["targets"][0]["frameworks"]
    assert judged["outcome_label"] == labels["deep"]  # the census's full check, word for word
    overall = judged["score"]["overall"]
    assert (overall["lowest"], overall["highest"]) == (0.125, 0.875)
    text = run_osai("check", LLAMA, "-f", "eosai", "-v", env={**env, "COLUMNS": "200"}).stdout
    # the headline adds whose grading it is (rules/frameworks/eosai.yaml: outcome_note)
    noted = labels["deep"].replace(" (", " (osai's grading; ", 1)
    assert f"EOSAI 2026-06-12  ≈ {noted} — " in text
    # its one grade (Licenses) at most partial: the weights under Llama 2, not open
    groups = "groups: Availability 0.20 to 0.80 · Documentation 0.08 to 1.00 · Access 0.00 to 0.50"
    assert groups in text


SMOL = "HuggingFaceTB/SmolLM2-1.7B"  # MOF: no class proven, none violated, three unknown


def test_a_level_neither_proven_nor_violated_is_said_alike_by_the_census_and_check(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`osai check --format json` gave SmolLM2's MOF outcome as "no class reached", which reads as
    a violation, while its text report, and the census's full check of it at the same revision,
    said "Class III not demonstrated": an analyst matching the census's verdicts against
    `osai check`'s JSON found four of the 18 fixture models apart."""
    db = tmp_path / "w.duckdb"
    ran = run_census(hub, db, "--search", "SmolLM2", "--deep", "1")
    assert ran.code == 0, ran.stderr
    ((revision, label, definite),) = rows(
        db,
        "SELECT revision, label, definite FROM verdicts"
        " WHERE repo_id = ? AND framework = 'mof' AND depth = 'deep'",
        [SMOL],
    )
    assert (label, definite) == ("Class III not demonstrated", False)

    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "hf")}
    checked = run_osai("check", SMOL, "--revision", revision, "--format", "json", env=env)
    frameworks = json.loads(checked.stdout)["targets"][0]["frameworks"]
    (mof,) = [f for f in frameworks if f["id"] == "mof"]
    assert (mof["outcome"], mof["definite"]) == ("none", False)
    assert mof["outcome_label"] == label  # the census's full check, word for word
