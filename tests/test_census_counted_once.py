"""Each model counted once in the census report, through the real command against the loopback
Hub: a merge of two base models whose licences both bind it, under a licence that drops their
terms, was two open-washing candidates, ranked #1 and #2 in a table headed "(2)", beside "1
derivative has its base model in this census and was checked"."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from census_hub import bare_hub, listed_like, rows, run_census
from clirunner import run_osai
from loopback_hub import LoopbackHub

LINEAGE = "### Derivatives declaring a licence their base model's licence does not allow"


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with bare_hub(100) as running:
        yield running


def test_a_merge_of_two_binding_bases_is_one_candidate(hub: LoopbackHub, tmp_path: Path) -> None:
    bases = ["base_model:merge:org/llama-base", "base_model:merge:org/gemma-base"]
    hub.add_listing(
        [
            listed_like("org/llama-base", tags=["license:llama3"], cardData={"license": "llama3"}),
            listed_like("org/gemma-base", tags=["license:gemma"], cardData={"license": "gemma"}),
            listed_like("org/merge-mit", tags=["license:mit", *bases], cardData={"license": "mit"}),
        ]
    )
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    html = tmp_path / "report.html"
    report = run_osai("census", "report", "--db", str(db), "--markdown", "-", "--html", str(html))
    assert report.code == 0, report.stderr
    lineage = report.stdout.split(LINEAGE, 1)[1].split("\n## ", 1)[0]
    assert lineage.startswith(" (1)\n\n1 derivative has its base model in this census")
    rows = [line for line in lineage.splitlines() if line.startswith("| 1 |")]
    assert rows == [
        "| 1 | `org/merge-mit` | 10 | MIT | `org/gemma-base`, `org/llama-base` | "
        "LicenseRef-gemma, LicenseRef-llama3 | its bases' licences bind derivatives to: use "
        "restrictions "
        "\\(org/gemma-base\\); use restrictions, user threshold \\(org/llama-base\\); "
        "the declared licence drops them |"
    ]
    assert "| 2 |" not in lineage
    page = html.read_text(encoding="utf-8")
    table = page.split('<table id="licence-lineage">', 1)[1].split("</table>", 1)[0]
    assert table.count("<code>org/merge-mit</code>") == 1
    assert "derives from org/gemma-base, under LicenseRef-gemma" in table
    assert "derives from org/llama-base, under LicenseRef-llama3" in table


def test_a_base_named_in_another_case_is_the_same_model(hub: LoopbackHub, tmp_path: Path) -> None:
    """Hub ids are case-insensitive: a fine-tune naming its base `org/llama-BASE` derives from
    `org/llama-base`, which the census holds, and was neither a candidate nor counted as a
    derivative with its base in the census."""
    hub.add_listing(
        [
            listed_like("org/llama-base", tags=["license:llama3"], cardData={"license": "llama3"}),
            listed_like(
                "org/tune-mit",
                tags=["license:mit", "base_model:finetune:org/llama-BASE"],
                cardData={"license": "mit"},
            ),
        ]
    )
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    report = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert report.code == 0, report.stderr
    lineage = report.stdout.split(LINEAGE, 1)[1].split("\n## ", 1)[0]
    assert lineage.startswith(" (1)\n\n1 derivative has its base model in this census")
    assert "| 1 | `org/tune-mit` | 10 | MIT | `org/llama-BASE` |" in lineage


def test_a_model_listed_twice_on_one_page_is_judged_once_and_said_twice(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A page that lists a model twice (a listing that moved as it was read) was "3 models
    listed …, judged 2, skipped 0": the second was in neither figure, and listed was not the
    sum of what became of each item.  It is judged once; the second was then skipped "already
    judged at the same revision", which it was by this run: it is said listed twice."""
    twice = listed_like("org/twice")
    hub.add_listing([twice, listed_like("org/once")])
    hub.listing_strays[1] = [twice]
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    assert "judged 2 (metadata only), skipped 0 already judged at the same revision" in (
        result.stdout
    )
    assert "1 model was listed twice: the sort key moved" in result.stdout
    assert rows(db, "SELECT listed, judged, skipped, listed_twice FROM runs") == [(3, 2, 0, 1)]
    assert rows(db, "SELECT count(*) FROM models") == [(2,)]


def test_a_model_listed_again_at_its_revision_is_weighed_by_its_downloads_now(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Downloads (the last 30 days) and likes change without a commit.  A second census skips
    a model stored at the same revision; its downloads stayed those of the first run, so a
    model the Hub now counts 5 downloads for was still ranked #1 open-washing candidate with
    880,000, and the report's downloads summed last month's."""
    claimed = {"tags": ["license:llama3", "open-source"], "cardData": {"license": "llama3"}}
    hub.add_listing(
        [
            listed_like("org/open-chat", downloads=880_000, likes=40, **claimed),
            listed_like("org/other-chat", downloads=1_000, **claimed),
        ]
    )
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    hub.add_listing([listed_like("org/open-chat", downloads=5, likes=41, **claimed)])
    second = run_census(hub, db)
    assert second.code == 0, second.stderr
    assert "skipped 2 already judged at the same revision" in second.stdout
    assert rows(db, "SELECT repo_id, downloads, likes FROM models ORDER BY repo_id") == [
        ("org/open-chat", 5, 41),
        ("org/other-chat", 1_000, 1),
    ]
    report = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert report.code == 0, report.stderr
    assert "downloads in the last 30 days: 1,005" in report.stdout
    assert "| 1 | `org/other-chat` | 1,000 |" in report.stdout
    assert "| 2 | `org/open-chat` | 5 |" in report.stdout


def test_a_model_the_hub_no_longer_lists_is_said_apart(hub: LoopbackHub, tmp_path: Path) -> None:
    """A model deleted on the Hub stays in the store and in every figure of the report (its
    last listing is all the census knows of it); the report said 'Models: 3' beside a last run
    that listed 2, and nothing told the reader one of the 3 is gone."""
    hub.add_listing([listed_like(f"org/m{n}") for n in range(3)])
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    hub.listing.remove("org/m1")
    assert run_census(hub, db).code == 0
    report = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert report.code == 0, report.stderr
    assert "Models: **3**" in report.stdout
    assert (
        "- 1 of these models was not listed by the last run, which listed the same query to its"
        " end (deleted on the Hub, made private, or no longer matching it): it is counted as last"
        " listed\n"
    ) in report.stdout
    assert rows(db, "SELECT repo_id, run_id, listed_run FROM models ORDER BY repo_id") == [
        ("org/m0", 1, 2),
        ("org/m1", 1, 1),
        ("org/m2", 1, 2),
    ]
    # Listed again, it is not said apart; nor after a run of another query, which lists less.
    hub.add_listing([listed_like("org/m1")])
    assert run_census(hub, db).code == 0
    assert run_census(hub, db, "--search", "m0").code == 0
    report = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert "not listed by the last run" not in report.stdout


def test_a_commit_gone_back_to_is_the_latest_again(hub: LoopbackHub, tmp_path: Path) -> None:
    """A model listed at commit A, then B, then A again (a force-push back): A was skipped as
    stored, and the report and the export's `latest` counted B, judged last, which the Hub no
    longer lists (its licence, its verdicts)."""
    first, second = "a" * 40, "b" * 40
    hub.add_listing([listed_like("org/m", sha=first)])
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    gpl = {"tags": ["license:gpl-3.0"], "cardData": {"license": "gpl-3.0"}}
    hub.add_listing([listed_like("org/m", sha=second, **gpl)])
    assert run_census(hub, db).code == 0
    hub.add_listing([listed_like("org/m", sha=first)])
    again = run_census(hub, db)
    assert "skipped 1 already judged at the same revision" in again.stdout
    report = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert report.code == 0, report.stderr
    assert "| Apache | 1 | 100.0 % |" in report.stdout
    assert "GPL" not in report.stdout
    export = tmp_path / "census.json"
    assert run_osai("census", "export", "--db", str(db), "-o", str(export)).code == 0
    exported = {row["revision"]: row["latest"] for row in json.loads(export.read_text())}
    assert exported == {first: True, second: False}


def test_a_model_ranked_below_the_limit_is_not_said_gone(hub: LoopbackHub, tmp_path: Path) -> None:
    """A re-run of `--limit 2` after a model lost its downloads listed another in the top 2: the
    report said `Models: 3` and that the third was "deleted on the Hub, made private, or no
    longer matching it", though a limited run does not list its query to its end."""
    hub.add_listing([listed_like(f"org/m{n}", downloads=30 - n) for n in range(3)])
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db, "--sort", "downloads", "--limit", "2").code == 0
    hub.add_listing([listed_like("org/m0", downloads=1)])
    assert run_census(hub, db, "--sort", "downloads", "--limit", "2").code == 0
    report = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert report.code == 0, report.stderr
    assert "Models: **3**" in report.stdout
    assert "to its end" not in report.stdout
    assert (
        "- 1 of these models was not listed by the last run, which listed only the first 2"
        " (--limit 2): it ranks below them now, or left the Hub (a limited listing cannot tell)."
        " Every figure here counts all 3 models the runs stored, not the last run's 2: for those"
        " alone, run the query in a new database\n"
    ) in report.stdout


def test_a_model_the_sort_moved_past_the_cursor_is_listed_twice_not_skipped(
    tmp_path: Path,
) -> None:
    """Sorted by downloads, which the Hub counts while a run pages through it: a model of the
    first page that fell below the cursor's was listed again on the second.  The run said
    "5 models listed …, judged 4, skipped 1 already judged at the same revision", one more
    listed than it stored, and nothing of why.  It is said apart, as the sort key that moved,
    and the model is checked in full once."""
    counts = {"org/a": 400, "org/b": 300, "org/c": 200, "org/d": 100}
    db = tmp_path / "census.duckdb"
    with bare_hub(2) as hub:
        hub.add_listing([listed_like(name, downloads=n) for name, n in counts.items()])
        # once page 1 (a, b) is served, org/a falls below org/c: page 2 is c, a
        moved = listed_like("org/a", downloads=150)
        hub.listing_after_page[1] = lambda: hub.add_listing([moved])
        result = run_census(hub, db, "--sort", "downloads", "--deep", "4", "--deadline", "5",
                            env={"COLUMNS": "80"})  # fmt: skip
    assert result.code == 0, result.stderr
    assert "5 models listed in 3 pages" in result.stdout
    assert "judged 4 (metadata only), skipped 0 already judged" in result.stdout
    said = (
        "1 model was listed twice: the sort key moved while listing; a model it moved past "
        "may be missing"
    )
    assert said in " ".join(result.stdout.split()), result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80, result.stdout
    assert rows(db, "SELECT listed, judged, skipped, listed_twice FROM runs") == [(5, 4, 0, 1)]
    assert rows(db, "SELECT count(*) FROM models") == [(4,)]
    # the top 4 as first listed, each tried once: org/d too (these models are listed only, so
    # each check ends with why it could not be made)
    tried = "SELECT deep, count(DISTINCT f.repo_id) FROM runs, findings f WHERE f.depth = 'deep'"
    assert rows(db, f"{tried} GROUP BY deep") == [(4, 4)]
    report = run_osai("census", "report", "--db", str(db), "--markdown", "-")
    assert report.code == 0, report.stderr
    assert f"- Of those, {said}" in report.stdout.splitlines()
