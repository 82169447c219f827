"""A census store outlives the osai that filled it: a run skipped a model stored at the same
revision, so a store filled before the lineage changed (a merge's mergekit_config.yml binding it
to its bases' licences, 3f6023b9) kept that osai's verdicts in every later run, and the report
counted them "as `osai check` judges it" where `osai check` judged otherwise.  Each verdict now
names the osai that judged it (osai.census.build: its version and a digest of its code and
rules), and a run of another judges the model again.  On the loopback Hub serving the fixtures
and a merge of Mistral and Llama 2 whose card names no base."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from census_hub import census_env, rows, run_census, served_hub
from clirunner import run_osai
from loopback_hub import LoopbackHub

from osai.census.build import osai_build

MERGE = "carol/merge-apache"
RECIPE = """models:
  - model: meta-llama/Llama-2-7b-hf
  - model: mistralai/Mistral-7B-v0.1
merge_method: slerp
base_model: mistralai/Mistral-7B-v0.1
"""
# What the osai before 3f6023b9 stored of it: its recipe unread, the card's Apache-2.0 met the
# weights' licence, and nothing violated OSAID
EARLIER = "0.1.0+0123456789ab"
UNDEMONSTRATED = (
    "UPDATE verdicts SET judged_by = $1, outcome = 'not-demonstrated', definite = false,"
    " label = 'not demonstrated (nothing found that violates it; some requirements unknown)',"
    " certainty = '' WHERE repo_id = $2 AND framework = 'osaid'"
)


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    """The fixtures, and the merge: listed, and served as a repository with its recipe."""
    with served_hub() as running:
        files = ("README.md", "config.json", "model.safetensors", "mergekit_config.yml")
        running.add_repo(
            {
                "id": MERGE,
                "cardData": {"license": "apache-2.0", "tags": ["merge", "mergekit"]},
                "tags": ["transformers", "merge", "mergekit", "license:apache-2.0"],
                "siblings": [{"rfilename": name} for name in files],
                "library_name": "transformers",
            }
        )
        running.add_file(MERGE, "mergekit_config.yml", RECIPE)
        yield running


def osaid(db: Path, depth: str) -> str:
    found = rows(
        db,
        "SELECT outcome FROM verdicts WHERE repo_id = $1 AND depth = $2 AND framework = 'osaid'",
        [MERGE, depth],
    )
    return str(found[0][0])


def checked(hub: LoopbackHub, home: Path) -> str:
    """The merge's OSAID outcome as `osai check` gives it."""
    result = run_osai("check", MERGE, "-f", "osaid", "--format", "json", env=census_env(hub, home))
    assert result.code in (0, 1), result.stderr
    return str(json.loads(result.stdout)["targets"][0]["frameworks"][0]["outcome"])


def test_each_verdict_names_the_osai_that_judged_it(hub: LoopbackHub, tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--search", "merge", "--deep", "1").code == 0
    assert rows(db, "SELECT DISTINCT depth, judged_by FROM verdicts ORDER BY 1") == [
        ("deep", osai_build()),
        ("metadata", osai_build()),
    ]
    assert osai_build().startswith("0.") and len(osai_build().partition("+")[2]) == 12


def test_a_model_another_osai_judged_is_judged_again_as_osai_check_judges_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--search", "merge", "--deep", "1").code == 0
    with duckdb.connect(str(db)) as connection:
        connection.execute(UNDEMONSTRATED, [EARLIER, MERGE])
        connection.execute("UPDATE verdicts SET judged_by = $1", [EARLIER])
        # and as it read the licence: the earlier osai's reading stays no more than its verdicts
        connection.execute("UPDATE models SET licence_family = 'Unknown'")
    result = run_census(hub, db, "--search", "merge", "--deep", "1")
    assert result.code == 0, result.stderr
    assert (
        "judged 1 (metadata only; 1 of them stored before, judged again by this osai (another"
        " had judged them)), skipped 0" in result.stdout
    ), result.stdout
    assert "checked in full: 1 model," in result.stdout, result.stdout
    assert osaid(db, "deep") == checked(hub, tmp_path / "check") == "not-conformant"
    assert rows(db, "SELECT licence_family FROM models") == [("Apache",)]
    assert rows(db, "SELECT DISTINCT judged_by FROM verdicts") == [(osai_build(),)]
    again = run_census(hub, db, "--search", "merge", "--deep", "1")
    assert "judged 0 (metadata only), skipped 1 already judged" in again.stdout, again.stdout
    assert "1 already checked in full at the same revision, kept" in again.stdout, again.stdout


def test_a_verdict_stored_before_its_osai_was_kept_is_judged_again(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A store written before verdicts named their osai: which judged them is unknown, so they
    are judged again, as a verdict whose mode was not recorded is."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--search", "merge").code == 0
    with duckdb.connect(str(db)) as connection:
        connection.execute("ALTER TABLE verdicts DROP COLUMN judged_by")
    result = run_census(hub, db, "--search", "merge")
    assert "judged again by this osai (another had judged them)" in result.stdout, result.stdout
    assert rows(db, "SELECT DISTINCT judged_by FROM verdicts") == [(osai_build(),)]


def test_a_framework_added_by_the_same_osai_is_not_said_judged_by_another(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--search", "merge").code == 0
    result = run_census(hub, db, "--search", "merge", "-f", "eosai")
    assert "1 of them stored before, judged again for eosai)" in result.stdout, result.stdout


def report(db: Path) -> str:
    made = run_osai("census", "report", "--db", str(db))
    assert made.code == 0, made.stderr
    return made.stdout


def test_the_report_says_how_many_models_another_osai_judged(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A store some of whose models another osai judged (a run that listed others since, or
    none): the report counts them as stored, and says so, until a run lists them again."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db).code == 0
    with duckdb.connect(str(db)) as connection:
        connection.execute(
            "UPDATE verdicts SET judged_by = $1 WHERE repo_id = $2", [EARLIER, MERGE]
        )
    said = (
        f"- 1 of these models was judged by another osai than this one (`{osai_build()}`), or by "
        "one that did not say which it was: this osai may judge it otherwise, and a census run "
        "of it that lists it judges it again\n"
    )
    assert said in report(db)
    assert run_census(hub, db, "--search", "merge").code == 0
    assert "judged by another osai" not in report(db)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            "ALTER TABLE verdicts ALTER judged_by TYPE INTEGER USING 5",
            "verdicts.judged_by is INTEGER, not VARCHAR",
        ),
        (
            "ALTER TABLE models ALTER downloads TYPE VARCHAR USING 'x'",
            "models.downloads is VARCHAR, not BIGINT",
        ),
    ],
    ids=["judged_by", "downloads"],
)
def test_a_store_whose_column_is_of_another_type_is_one_line(
    hub: LoopbackHub, tmp_path: Path, change: str, said: str
) -> None:
    """A store of another program's, or edited: its verdicts' judged_by an INTEGER ended the
    run and the report in an internal error (ConversionException), its downloads a VARCHAR the
    report (ahe's fuzzing).  Refused in one line, exit 2, as a column missing is."""
    db = tmp_path / "h.duckdb"
    assert run_census(hub, db, "--search", "merge").code == 0
    with duckdb.connect(str(db)) as connection:
        connection.execute(change)
    for result in (
        run_census(hub, db, "--search", "merge"),
        run_osai("census", "report", "--db", str(db)),
    ):
        assert result.code == 2, result.stderr
        [line] = result.stderr.splitlines()
        assert line == f"osai: error: {db}: not an osai census database (its column {said})"
