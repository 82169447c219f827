"""What the census report says of a store filled by several runs, through the real commands
against the loopback Hub (its 18 fixture repositories):

- a store filled by `--search pythia` then `--search llama` was reported as one population:
  "Models: 3" beside "the last run listed with `--search llama`: 1 model", nothing saying the
  3 came from two runs of two queries.  The overview now says how many runs stored the models
  and, when their queries differ, that the models are the union of what those queries listed,
  each named (bounded: a query is any text, and a store may hold hundreds of runs).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from census_hub import bare_hub, listed_like, run_census, served_hub
from clirunner import run_osai
from loopback_hub import LoopbackHub
from test_census_report import browse

from osai.census.query import ListingQuery
from osai.census.summary import MAX_QUERIES
from osai.formatters.census_markdown import QUERY_LIMIT

UNION = "These models are the union of what"


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with served_hub() as running:
        yield running


def report(db: Path, folder: Path) -> tuple[list[str], str, str]:
    """The Markdown overview's lines, the HTML page's text (its markup taken out, blanks made
    one), and the HTML itself."""
    page, markdown = folder / "report.html", folder / "report.md"
    done = run_osai("census", "report", "--db", str(db), "--html", str(page), "--markdown",
                    str(markdown))  # fmt: skip
    assert done.code == 0, done.stderr
    source = page.read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", source))
    overview = markdown.read_text(encoding="utf-8").split("\n\n", 2)[1]
    return overview.splitlines(), " ".join(text.split()), source


def as_text(line: str) -> str:
    """A Markdown overview line as the HTML page's text says it."""
    return line.removeprefix("- ").replace("`", "").replace("**", "")


def censuses(hub: LoopbackHub, db: Path, *searches: str) -> None:
    for search in searches:
        done = run_census(hub, db, "--search", search)
        assert done.code == 0, done.stderr


def test_runs_of_different_queries_are_said_to_be_a_union(hub: LoopbackHub, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    censuses(hub, db, "pythia", "llama")
    lines, page, _ = report(db, tmp_path)
    models = "- Models: **3** (the latest revision of each, stored by 2 runs); downloads"
    assert lines[1].startswith(models)
    union = (
        f"- {UNION} 2 different queries listed, not one query's population: `--search pythia` "
        "(run 1 stored 2 models); `--search llama` (run 2 stored 1 model)."
    )
    assert union in lines
    assert lines.index(union) < next(i for i, s in enumerate(lines) if "The last run" in s)
    assert as_text(models) in page and as_text(union) in page


def test_a_query_is_counted_by_what_it_stored_not_by_what_it_listed(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`--limit 3` after `--limit 2` lists 3 models and stores 1: "(run 2: 1 model)", beside
    "what queries listed", read as a query that listed 1 model."""
    db = tmp_path / "c.duckdb"
    for limit in ("2", "3"):
        assert run_census(hub, db, "--sort", "downloads", "--limit", limit).code == 0
    lines, page, _ = report(db, tmp_path)
    union = (
        f"- {UNION} 2 different queries listed, not one query's population: `--sort downloads "
        "--limit 2` (run 1 stored 2 models); `--sort downloads --limit 3` (run 2 stored 1 model)."
    )
    assert union in lines and as_text(union) in page


def test_runs_of_one_query_are_one_population(hub: LoopbackHub, tmp_path: Path) -> None:
    """Shards of one query, and a run again that stored nothing new: one query's models."""
    db = tmp_path / "c.duckdb"
    for shard in ("1/2", "2/2"):
        assert run_census(hub, db, "--shard", shard).code == 0
    lines, page, _ = report(db, tmp_path)
    assert lines[1].startswith("- Models: **18** (the latest revision of each, stored by 2 runs);")
    assert UNION not in page and not any("stored with" in line for line in lines)

    again = tmp_path / "again.duckdb"
    censuses(hub, again, "pythia", "pythia")
    lines, page, _ = report(again, tmp_path)
    assert lines[1].startswith("- Models: **2** (the latest revision of each, stored by run 1);")
    assert UNION not in page and "stored with" not in page


def test_a_last_run_of_another_query_that_stored_nothing_is_not_the_population(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`--search pythia-70m` after `--search pythia` lists one model, stored already: the
    report's last run line named its query beside the 2 models the first run stored."""
    db = tmp_path / "c.duckdb"
    censuses(hub, db, "pythia", "pythia-70m")
    lines, page, _ = report(db, tmp_path)
    line = (
        "- Every model was stored with `--search pythia` (run 1 stored 2 models), not with the "
        "last run's query."
    )
    assert line in lines and as_text(line) in page


def test_many_queries_are_named_a_few_and_the_rest_counted(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    db = tmp_path / "c.duckdb"
    searches = ("pythia", "llama", "Mistral-7B", "bloom", "OLMo", "grok", "falcon")
    assert len(searches) == MAX_QUERIES + 2
    censuses(hub, db, *searches)
    lines, page, _ = report(db, tmp_path)
    (union,) = [line for line in lines if UNION in line]
    assert union.startswith(f"- {UNION} 7 different queries listed, not one query's population:")
    assert union.count("`--search ") == MAX_QUERIES
    assert union.endswith("; 2 more queries (which stored 2 models).")
    assert as_text(union) in page


@pytest.mark.parametrize("readable", [True, False])
def test_a_hostile_query_is_named_bounded_and_never_markup(
    hub: LoopbackHub, tmp_path: Path, readable: bool
) -> None:
    """A stored query of any length and text (a --search, or a store written by hand): named on
    one line of at most QUERY_LIMIT characters, escaped."""
    db = tmp_path / "c.duckdb"
    censuses(hub, db, "pythia", "llama")
    hostile = "<script>alert(1)</script>`**x**`\n" * 500
    query = (
        json.dumps(ListingQuery(search=hostile).as_dict(), sort_keys=True) if readable else hostile
    )
    with duckdb.connect(str(db)) as connection:
        connection.execute("UPDATE runs SET query = ? WHERE run_id = 1", [query])
    lines, page, source = report(db, tmp_path)
    (union,) = [line for line in lines if UNION in line]
    assert "(run 1 stored 2 models); `--search llama` (run 2 stored 1 model)." in union
    assert len(union) < 3 * QUERY_LIMIT  # the query cut (500 lines of it), the rest as it was
    assert ("(as stored: not one this osai reads)" in union) is not readable
    assert "<script" not in source and "&lt;script&gt;alert(1)" in source
    assert "union of what 2 different queries listed" in page
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("chromium is not installed (.ci/run installs it with apt-get)")
    done = browse(found, tmp_path / "profile", "--dump-dom", (tmp_path / "report.html").as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<script" not in done.stdout and "&lt;script&gt;alert(1)" in done.stdout


def test_a_second_run_says_what_it_changed(tmp_path: Path) -> None:
    """A second run's report gave the models' count and the run's listing, never what the run
    had changed: an analyst comparing two runs could not tell that 3 models were listed at a
    new revision, 1 was new and 1,496 stood as stored (`osai census` itself printed "judged 4,
    skipped 1,496", but the report, which is what is published, said neither)."""
    first = [listed_like(f"org/model-{n}") for n in range(5)]
    db = tmp_path / "c.duckdb"
    with bare_hub(100) as hub:
        hub.add_listing(first)
        assert run_census(hub, db).code == 0
        lines, _, _ = report(db, tmp_path)
        assert not any(line.startswith("- The last run judged") for line in lines), lines
        hub.add_listing(
            [listed_like("org/model-0", sha="e" * 40), listed_like("org/model-1", sha="d" * 40),
             listed_like("org/model-2", downloads=99), listed_like("new/model")]
        )  # fmt: skip
        assert run_census(hub, db).code == 0
    lines, text, _ = report(db, tmp_path)
    said = (
        "The last run judged 3 models from the listing (1 new to the census and 2 listed at a "
        "new revision) and skipped 3 already judged at the same revision (their downloads and "
        "likes updated)"
    )
    assert f"- {said}" in lines, lines
    assert said in text


def test_a_run_judging_models_again_lists_none_at_a_new_revision(tmp_path: Path) -> None:
    """A third run judging every model again (for a framework they lacked) said "2 listed at a
    new revision" of the two the second run had listed so: `run_id` is the run that judged a
    row last, and the count took it for the run that stored it."""
    db = tmp_path / "c.duckdb"
    with bare_hub(100) as hub:
        hub.add_listing([listed_like(f"org/model-{n}") for n in range(2)])
        assert run_census(hub, db).code == 0
        hub.add_listing([listed_like("org/model-0", sha="e" * 40), listed_like("org/model-1")])
        assert run_census(hub, db).code == 0
        again = run_census(hub, db, "-f", "osaid", "-f", "mof", "-f", "eosai")
        assert again.code == 0, again.stderr
    lines, _, _ = report(db, tmp_path)
    (said,) = [line for line in lines if line.startswith("- The last run judged")]
    assert said == "- The last run judged 2 models from the listing (2 judged again at the " \
        "revision stored)", said  # fmt: skip
