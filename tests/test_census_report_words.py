"""What the census report's figures are labelled, through the real commands against the loopback
Hub: each label says exactly the set it counts.

- the headline licence share read "Unknown or other (no licence at all, `unknown`, `other`, ...)"
  and counted the models with no licence, beside a class "Licence unknown, other or custom" that
  did not: one label, two sets (a census of the 18 fixtures: 5.6 % above, 0.0 % below);
- a row of models with no download count showed "0" downloads, "0.0 %" of them;
- the run's query was printed as the JSON the store keeps (`{"author": null, "filters": [], ...}`),
  not as the options that list the same models.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from census_hub import bare_hub, listed_like, run_census
from clirunner import run_osai
from loopback_hub import LoopbackHub

from osai.census.query import ListingQuery, stored_query


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with bare_hub(100) as running:
        yield running


def licensed(repo_id: str, licence: str | None) -> dict[str, object]:
    """A listing item whose card and tags state `licence` (None: nothing at all)."""
    if licence is None:
        return listed_like(repo_id, cardData={}, tags=["transformers"])
    return listed_like(repo_id, cardData={"license": licence}, tags=[f"license:{licence}"])


def census_of(
    hub: LoopbackHub, tmp_path: Path, listed: list[dict[str, object]], *args: str
) -> tuple[str, str]:
    """A census of `listed` (besides what the Hub lists already; `args`: its options), in a new
    store, and its report (as `report` gives it)."""
    hub.add_listing(listed)
    db = tmp_path / "c.duckdb"
    db.unlink(missing_ok=True)
    assert run_census(hub, db, *args).code == 0
    return report(db, tmp_path)


def report(db: Path, tmp_path: Path) -> tuple[str, str]:
    """The Markdown report, and the HTML page's text."""
    page = tmp_path / "report.html"
    markdown = run_osai("census", "report", "--db", str(db), "--html", str(page), "--markdown",
                        str(tmp_path / "report.md"))  # fmt: skip
    assert markdown.code == 0, markdown.stderr
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    return (tmp_path / "report.md").read_text(encoding="utf-8"), text


def test_the_headline_licence_share_is_the_two_classes_it_names(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    listed = [
        licensed("odd/apache", "apache-2.0"),
        licensed("odd/nothing", None),
        licensed("odd/unknown", "unknown"),
        licensed("odd/other", "other"),
    ]
    markdown, page = census_of(hub, tmp_path, listed)
    headline = (
        "No licence, or licence unknown, other or custom (none stated, stated as none or as not "
        "included; "
        "`unknown` or `other`; several licences; or one osai does not recognise): **75.0 %** "
        "of models (3)"
    )
    assert headline in markdown
    assert "- Licence unknown, other or custom: 50.0 % of models (2)" in markdown
    assert "- No licence: 25.0 % of models (1)" in markdown
    assert "Unknown or other" not in markdown
    assert headline.replace("`", "").replace("**", "") in page


def test_a_licence_declared_not_included_is_no_licence_not_an_unrestricted_one(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`license: not included` (the component declared absent) is of the family "Not included",
    which neither licence class named: it fell through to "Licence without use restrictions",
    while the check itself judges those weights unmet (found by the code review)."""
    listed = [licensed("odd/apache", "apache-2.0"), licensed("odd/notincl", "not included")]
    markdown, _ = census_of(hub, tmp_path, listed)
    assert "- No licence: 50.0 % of models (1)" in markdown
    assert "- Licence without use restrictions: 50.0 % of models (1)" in markdown


# Twelve licence families (rules/census.yaml), more than the report's family table names.
TWELVE_FAMILIES = (
    "apache-2.0", "mit", "bsd-3-clause", "gpl-3.0", "cc-by-nc-4.0", "cc-by-nd-4.0", "cc-by-sa-4.0",
    "cc-by-4.0", "cc0-1.0", "openrail", "llama3", "gemma",
)  # fmt: skip


def test_a_licence_undisclosed_is_never_summed_with_the_other_licence_families(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """With more families than the table names, the smallest were summed as "All other
    families", and the Hub's `license: unknown` (no licence disclosed) with them: a reader
    counted it among licences (found by an analyst's census of the loopback Hub: "All other
    families 5" was 2 models under `unknown`, 2 under AFL-3.0, 1 under Falcon's)."""
    listed = [
        licensed(f"fam/{licence}-{n}", licence) for licence in TWELVE_FAMILIES for n in range(2)
    ]
    markdown, page = census_of(hub, tmp_path, [*listed, licensed("fam/undisclosed", "unknown")])
    rows = re.findall(r"^\| ([^|]+) \| ([\d,]+) \| [\d.]+ % \|", markdown, re.M)
    families = dict(rows)  # the family table's rows (no verdict or month has these labels)
    assert families.get("Unknown") == "1", rows
    assert families.get("All other families") == "4", rows  # two licence families, two each
    assert re.search(r"Unknown\s*1\s*4\.0 %", page)


def uncounted(item: dict[str, object]) -> dict[str, object]:
    """A listing item as the Hub gives one it has no download count for: no `downloads`."""
    return {key: value for key, value in item.items() if key != "downloads"}


def test_downloads_no_model_was_counted_for_are_unknown_not_zero(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A row whose models have no download count showed "0" downloads and "0.0 %" of them:
    unknown is not zero.  They are left out of every share of downloads, which says so."""
    listed = [
        licensed("odd/apache-counted", "apache-2.0"),
        uncounted(licensed("odd/apache-uncounted", "apache-2.0")),
        uncounted(licensed("odd/nothing-uncounted", None)),
    ]
    markdown, page = census_of(hub, tmp_path, listed)
    note = (
        "Shares of downloads are of the 1 model with a download count: the 2 without one are "
        "left out, their downloads said to be unknown."
    )
    assert f"- {note}" in markdown and note in page
    assert "| Apache | 2 | 66.7 % | 10 (1 model unknown) | 100.0 % |" in markdown
    assert "| No licence | 1 | 33.3 % | unknown | unknown |" in markdown
    assert "- No licence: 33.3 % of models (1), downloads unknown (no download count)" in markdown
    assert (
        "- Licence without use restrictions: 66.7 % of models (2), 100.0 % of downloads "
        "(1 model with no count left out)"
    ) in markdown
    assert "| 0 | 0.0 % |" not in markdown
    assert "No licence 1 33.3 % unknown unknown".replace(" ", "") in page.replace(" ", "")


def test_one_model_without_a_download_count_is_said_in_the_singular(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """One model without a download count: "the 1 without one are left out" read wrong."""
    listed = [
        licensed("odd/apache-counted", "apache-2.0"),
        uncounted(licensed("odd/apache-uncounted", "apache-2.0")),
    ]
    markdown, page = census_of(hub, tmp_path, listed)
    note = (
        "Shares of downloads are of the 1 model with a download count: the 1 without one is "
        "left out, its downloads said to be unknown."
    )
    assert f"- {note}" in markdown and note in page


def test_the_query_is_said_as_the_options_that_list_the_same_models(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    listed = [licensed("odd/apache", "apache-2.0")]
    asked = ("--author", "odd", "--search", "a pe", "--filter", "transformers", "--sort", "likes",
             "--limit", "3", "--shard", "1/2")  # fmt: skip
    markdown, page = census_of(hub, tmp_path, listed, *asked)
    options = (
        "--author odd --search 'a pe' --filter transformers --sort likes --limit 3 --shard 1/2"
    )
    assert f"with `{options}`: " in markdown and f"with {options}: " in page
    assert '"author"' not in markdown and '"author"' not in page
    markdown, _ = census_of(hub, tmp_path, [])
    assert "with no listing options (every model, in the Hub's order): " in markdown


@pytest.mark.parametrize(
    "stored",
    [
        None,
        [],
        {"author": "odd"},
        {"author": 1, "search": None, "filters": [], "sort": None, "limit": None},
        {"author": None, "search": None, "filters": "a", "sort": None, "limit": None},
        {"author": None, "search": None, "filters": [], "sort": None, "limit": True},
    ],
)
def test_a_stored_query_osai_does_not_read_is_none(stored: object) -> None:
    assert stored_query(stored) is None


def test_a_stored_query_reads_back() -> None:
    query = ListingQuery("odd", "a b", ("x", "y"), "likes", 5)
    assert stored_query(query.as_dict()) == query


def test_a_census_rule_file_leaving_a_state_in_no_class_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A state whose family neither licence class names would count as a licence without use
    restrictions: the rules are refused, naming it."""
    from dataclasses import replace

    from osai.census import rules as census_rules
    from osai.errors import RulesError
    from osai.rules import load_ruleset

    bundled = census_rules._bundled()
    broken = replace(bundled, no_licence=("No licence",))
    monkeypatch.setattr(census_rules, "_bundled", lambda: broken)
    with pytest.raises(RulesError, match="'Not included' are in neither no_licence"):
        census_rules.load_census_rules(load_ruleset())


def test_a_hand_written_query_nested_past_the_parser_is_reported_bounded(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A store's query written by hand ('[' two hundred thousand times) made `census report`
    fail with 'internal error: RecursionError' (exit 70; found by the code review): it is a
    query osai does not read, shown as stored, on one bounded line."""
    import duckdb

    census_of(hub, tmp_path, [licensed("odd/apache", "apache-2.0")])
    db = tmp_path / "c.duckdb"
    with duckdb.connect(str(db)) as connection:
        connection.execute("UPDATE runs SET query = ?", ["[" * 200_000])
    markdown, _ = report(db, tmp_path)
    (line,) = [
        line for line in markdown.splitlines() if "(as stored: not one this osai reads)" in line
    ]
    assert len(line) < 600, len(line)


def test_the_report_opens_with_the_verdicts(hub: LoopbackHub, tmp_path: Path) -> None:
    """The answer first: each framework's verdicts on every model, in its table's words, before
    the number of models and the run's particulars (the report opened with "Models: 3", and
    the verdicts came after them)."""
    listed = [
        licensed("org/open", "apache-2.0"),
        licensed("org/restricted", "cc-by-nc-4.0"),
        licensed("org/silent", None),
    ]
    markdown, page = census_of(hub, tmp_path, listed, "--author", "org")
    brief = (
        "OSAID 1.0: 2 not demonstrated, 1 not conformant; "
        "MOF 1.0: 2 Class III not demonstrated, 1 no class reached"
    )
    assert markdown.splitlines()[2] == f"- **Verdicts** (metadata only): {brief}"
    assert markdown.index("**Verdicts**") < markdown.index("- Models: **3**")
    assert f"Verdicts (metadata only): {brief}" in page
    assert page.index("Verdicts (metadata only)") < page.index("Models: 3")


def test_the_first_line_says_at_most_four_outcomes_a_framework() -> None:
    """A graded framework has an outcome per score range: the answer line said each, unbounded."""
    from osai.census.summary import Count, FrameworkCounts
    from osai.formatters.census_markdown import verdicts_in_brief

    ranges = tuple(Count(f"score 0.{n}0 to 1.00 (some unknown)", 10 - n, 0) for n in range(7))
    summary = SimpleNamespace(frameworks=(FrameworkCounts("g", "G 1.0", ranges),))
    assert verdicts_in_brief(summary) == (  # type: ignore[arg-type]
        "G 1.0: 10 score 0.00 to 1.00, 9 score 0.10 to 1.00, 8 score 0.20 to 1.00, "
        "7 score 0.30 to 1.00, 15 more (in 3 other outcomes)"
    )


def test_the_first_line_leaves_out_no_lone_outcome() -> None:
    """Five outcomes gave "6 more (in 1 other outcomes)": the one outcome left out is said in
    no more room than that."""
    from osai.census.summary import Count, FrameworkCounts
    from osai.formatters.census_markdown import verdicts_in_brief

    ranges = tuple(Count(f"score 0.{n}0 to 1.00 (some unknown)", 10 - n, 0) for n in range(5))
    summary = SimpleNamespace(frameworks=(FrameworkCounts("g", "G 1.0", ranges),))
    assert verdicts_in_brief(summary) == (  # type: ignore[arg-type]
        "G 1.0: 10 score 0.00 to 1.00, 9 score 0.10 to 1.00, 8 score 0.20 to 1.00, "
        "7 score 0.30 to 1.00, 6 score 0.40 to 1.00"
    )
