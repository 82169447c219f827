"""What the census report says of the models checked in full (`--deep`) when several runs wrote
them, through the real commands against the loopback Hub (the 18 fixture repositories, and one
listed model it does not serve, whose full check cannot be made):

- after a run with `--deep 8` and another with `--deep 12`, the report said "Checked in full
  (`--deep`): 4 models" (the last run's) while its own table of full verdicts counted the 11
  stored: the overview now gives what the store holds, and says of the last run only as the
  last run's;
- the metadata-only verdict tables counted those 11 too, by their metadata verdicts, under a
  note that every verdict below was metadata only (the full verdicts' table among them): the
  tables now say they count every model, those checked in full included, whose full verdicts
  are in their own table;
- a last run that did not finish (killed) was said to have stored "the figures below", the
  models of the runs before it among them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from census_hub import listed_like, run_census, served_hub
from clirunner import run_osai
from loopback_hub import LoopbackHub

DEEP = ("--sort", "downloads", "--no-public-assessments", "--deep")


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    """The 18 fixtures, and "ghost/model" listed first (the most downloads) but not served: its
    full check cannot be made."""
    with served_hub() as running:
        running.add_listing([listed_like("ghost/model", downloads=10**9)])
        yield running


@dataclass(frozen=True)
class Report:
    markdown: str
    page: str  # the HTML page's text, its markup taken out


def report(db: Path, folder: Path) -> Report:
    page, markdown = folder / "report.html", folder / "report.md"
    done = run_osai("census", "report", "--db", str(db), "--html", str(page), "--markdown",
                    str(markdown))  # fmt: skip
    assert done.code == 0, done.stderr
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    return Report(markdown.read_text(encoding="utf-8"), re.sub(r"\s+", " ", text))


def overview(markdown: str) -> str:
    return markdown.split("\n\n", 2)[1]


def deep_totals(markdown: str) -> set[int]:
    """The models each framework's table of full verdicts counts."""
    section = markdown.split("models checked in full (`--deep`)\n", 1)[1].split("\n## ", 1)[0]
    tables = re.findall(r"((?:^\|.*\n)+)", section, re.M)
    assert tables
    return {
        sum(int(row.split("|")[2].strip()) for row in table.splitlines()[2:]) for table in tables
    }


def test_the_overview_counts_every_model_stored_as_checked_in_full(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "c.duckdb"
    first = run_census(hub, db, *DEEP, "8")
    assert "checked in full: 7 of 8 models (1 could not be read), " in first.stdout
    second = run_census(hub, db, *DEEP, "12")
    # the ghost again, and 4 new
    assert "checked in full: 4 of 5 models (1 could not be read), " in second.stdout
    said = report(db, tmp_path)
    assert deep_totals(said.markdown) == {11}
    lines = overview(said.markdown).splitlines()
    stored = (
        "- Checked in full (`--deep`), by any run: **11** of the 19 models, at their latest "
        "revision; 1 more could not be read (its last full check failed)"
    )
    assert stored in lines
    last = [line for line in lines if "in full" in line and line != stored]
    assert len(last) == 1
    assert last[0].startswith("- The last run (run 2) checked 4 of 5 models in full (1 could not")
    assert "Checked in full (`--deep`): 5 models" not in said.markdown
    assert lines[-3].startswith("- The last run listed from `http://127.0.0.1:")  # its own too
    assert lines[-2].startswith(
        "- The last run judged no model from the listing: the 19 models it listed were"
    )
    for line in (stored, last[0]):
        assert line.removeprefix("- ").replace("`", "").replace("**", "") in said.page

    third = run_census(hub, db, *DEEP, "8")  # each of the top 8 is stored, or tried again
    # the ghost alone, tried again: it was said "checked in full: 1 model, ", checking none
    assert "checked in full: 0 of 1 model (1 could not be read), " in third.stdout
    again = report(db, tmp_path)
    assert stored in overview(again.markdown).splitlines()
    assert "- The last run (run 3) checked 0 of 1 model in full (1 could not be read): " in (
        again.markdown
    )


def test_no_model_checked_in_full_is_none_not_zero(hub: LoopbackHub, tmp_path: Path) -> None:
    """The one full check tried could not be made: "none of the 1 model", not "**0** of ...,
    at their latest revision; 1 more could not be read"."""
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db, *DEEP, "1", "--limit", "1").code == 0  # the ghost alone
    said = report(db, tmp_path)
    line = (
        "- Checked in full (`--deep`), by any run: none of the 1 model; 1 could not be read "
        "(its last full check failed)"
    )
    assert line in overview(said.markdown).splitlines()
    assert line.removeprefix("- ").replace("`", "") in said.page


def test_a_failed_full_check_is_not_counted_as_checked(hub: LoopbackHub, tmp_path: Path) -> None:
    """Two full checks, neither of which could be made: the run said "checked in full: 2
    models, 2 requests (1.0 per model), 2 could not be read", and the report's line of the last
    run "checked 2 models in full", beside its "none of the 2 models" of the store."""
    hub.add_listing([listed_like("ghost/second", downloads=10**8)])
    db = tmp_path / "c.duckdb"
    done = run_census(hub, db, *DEEP, "2", "--limit", "2")  # the two ghosts
    assert done.code == 0, done.stderr
    assert "checked in full: 0 of 2 models (2 could not be read), 2 requests (1.0 per model)\n" in (
        done.stdout
    )
    assert "checked in full: 2 models" not in done.stdout
    said = report(db, tmp_path)
    lines = overview(said.markdown).splitlines()
    assert (
        "- Checked in full (`--deep`), by any run: none of the 2 models; 2 could not be "
        in (lines[2])
    )
    last = "- The last run (run 1) checked 0 of 2 models in full (2 could not be read): 2 requests"
    assert lines[-1].startswith(last)
    assert as_text(last) in said.page
    assert "checked 2 models in full" not in said.markdown + said.page


def as_text(line: str) -> str:
    """A Markdown overview line as the HTML page's text says it."""
    return line.removeprefix("- ").replace("`", "").replace("**", "")


def test_the_metadata_tables_say_they_count_the_models_checked_in_full(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db, *DEEP, "4").code == 0
    assert run_census(hub, db, *DEEP, "8").code == 0
    said = report(db, tmp_path)
    section = said.markdown.split("## Verdicts per framework\n\n", 1)[1]
    note = (
        "Every model (19) is counted below by the verdict of its metadata, the 7 also checked in "
        "full among them: their full verdicts are in the section on the 7 models checked in "
        "full, after these tables."
    )
    assert section.startswith(note + "\n\n### ")
    assert note in said.page
    assert "\n### The 7 models checked in full (`--deep`)\n" in section
    assert "The 7 models checked in full (--deep)" in said.page
    osaid = section.split("### OSAID 1.0\n\n", 1)[1].split("\n\n", 1)[0]
    assert sum(int(row.split("|")[2]) for row in osaid.splitlines()[2:]) == 19
    # the note above every table no longer says every verdict below is metadata only
    assert "every verdict below" not in said.markdown and "every verdict below" not in said.page


def test_a_census_with_no_full_check_says_nothing_of_one(hub: LoopbackHub, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db, "--sort", "downloads").code == 0
    said = report(db, tmp_path)
    assert "in full" not in overview(said.markdown)
    assert "models checked in full (`--deep`)" not in said.markdown
    assert "models checked in full (--deep)" not in said.page
    assert "## Verdicts per framework\n\n### OSAID 1.0\n\n" in said.markdown


def test_an_unfinished_last_run_is_not_said_to_have_stored_every_figure(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A last run killed (its row left "running", as a killed census leaves it) was said to have
    stored "the figures below", the models an earlier run stored among them."""
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db, *DEEP, "4").code == 0
    assert run_census(hub, db, *DEEP, "4").code == 0  # judges none: run 1 stored all 19
    with duckdb.connect(str(db)) as connection:
        connection.execute(
            "UPDATE runs SET status = 'running', finished_at = NULL WHERE run_id = 2"
        )
    said = report(db, tmp_path)
    lead = (
        "- **The last run (run 2) did not finish:** it stopped without recording how (killed, "
        "or its machine stopped); what it had stored is counted below, and the same command "
        "resumes"
    )
    assert overview(said.markdown).splitlines()[0] == lead
    assert lead.removeprefix("- ").replace("**", "") in said.page
    assert "Models: **19**" in said.markdown


KEPT = "already checked in full at the same revision, kept"


def test_a_run_says_how_many_of_its_top_n_it_kept_from_an_earlier_full_check(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`--deep 5` after a run that had checked one of the top 5 in full said "checked in full:
    4 models, 23 requests", and no more: the fifth, checked at the same revision before, was
    kept without a word.  A run that kept all its top N said nothing of a full check at all.
    One whose full check failed (the ghost, not served) is tried again, not kept."""
    db = tmp_path / "c.duckdb"
    first = run_census(hub, db, *DEEP, "3")  # the ghost (unreadable) and 2 checked in full
    assert "checked in full: 2 of 3 models (1 could not be read), " in first.stdout
    assert KEPT not in first.stdout
    second = run_census(hub, db, *DEEP, "5")
    assert second.code == 0, second.stderr
    line = next(s for s in second.stdout.splitlines() if s.startswith("checked in full:"))
    # the ghost again, and 2 new
    assert line.startswith("checked in full: 2 of 3 models (1 could not be read), ")
    assert line.endswith(f" per model); 2 {KEPT}")
    likes = run_census(hub, db, "--sort", "likes", "--no-public-assessments", "--deep", "1")
    assert likes.code == 0, likes.stderr
    # the most liked was checked in full by the runs before: kept, and said so
    assert f"checked in full: 0 models; 1 {KEPT}\n" in likes.stdout


def test_a_ctrl_c_in_the_full_checks_counts_only_the_checks_made() -> None:
    """Interrupted after three full checks of which two could not be made: "3 of 5 made" said
    made what the report calls not checked."""
    from osai.census.tally import DeepTally, RunTally

    tally = RunTally(deep_todo=5, deep=DeepTally(tried=3, failed=2))
    assert tally.interrupted().where == (
        "in the full checks (--deep), 1 of 5 made (2 more could not be)"
    )
    made = RunTally(deep_todo=5, deep=DeepTally(tried=3))
    assert made.interrupted().where == "in the full checks (--deep), 3 of 5 made"
