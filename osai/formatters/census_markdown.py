"""The census summary as Markdown: verdicts, licences, open-washing candidates, change over time.

Pure.  Everything from the data (model ids, licence texts, claims) is quoted with
osai.formatters.markdown's `text`/`code` (`table` escapes its cells' pipes), so a hostile card
cannot inject markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from osai.census.store import known_page_size
from osai.census.summary import (
    LICENCE_CLASSES,
    CensusSummary,
    Count,
    Derived,
    FrameworkCounts,
    Month,
    RunChanges,
    RunFacts,
    StoringQuery,
    dated_months,
    one_month_sentence,
    undated_note,
)
from osai.formatters.markdown import code, table, text
from osai.textsafe import counted, joined, one_line

UNFINISHED = (
    "it stopped without recording how (killed, or its machine stopped); what it had stored is "
    "counted below, and the same command resumes"
)
# What the report says, after its overview, of a census that stored no model: not a heading
# and an empty table (or "None found.") for each section.
NO_MODELS = (
    "No models listed: the census has stored none, so there are no verdicts, licences, "
    "open-washing candidates or creation months to show."
)
QUERY_LIMIT = 200  # characters of a query the report names (a hostile --search is any length)
LISTING_SAYS = (
    "judged from what the Hub's listing says of each model (card metadata, tags, gating), "
    "with no request per model"
)


def render_census_markdown(summary: CensusSummary) -> str:
    if not summary.models:
        return f"# Hub census\n\n{_overview(summary)}\n\n{NO_MODELS}\n"
    blocks = [
        "# Hub census",
        _overview(summary),
        f"> {metadata_only(summary, code)}",
        "## Verdicts per framework",
        metadata_tables(summary),
        *(_verdict_table(f, summary) for f in summary.frameworks),
        *_deep(summary),
        "## Licences",
        _licence_overview(summary),
        _count_table("Licence family", summary.families, summary),
        "## Open-washing candidates",
        _claims(summary),
        _lineage(summary),
        "## Change over time (by creation month)",
        _months(summary.months),
    ]
    return "\n\n".join(block for block in blocks if block) + "\n"


def metadata_only(summary: CensusSummary, code: Callable[[str], str]) -> str:
    """The note above every section: which figures are judged from the listing alone (all but
    the full checks' verdicts), `code` as the format shows code."""
    deep = f"({code('--deep N')})"
    if not summary.deep_models:
        return (
            f"Metadata only: every verdict below is {LISTING_SAYS}. The card's text, the files "
            f"and linked resources are read only for the models checked in full {deep}."
        )
    return (
        "Metadata only: every figure below, but for the section on the models checked in full, "
        f"is {LISTING_SAYS}, those models included. Their full check {deep} read the card's "
        "text, the files and linked resources as well."
    )


def metadata_tables(summary: CensusSummary) -> str:
    """What the tables of verdicts per framework count, when some of their models were also
    checked in full (those are counted by their metadata too: every model is judged on the same
    evidence there); "" when none was."""
    deep = summary.deep_models
    if not deep:
        return ""
    their = "its full verdicts are" if deep == 1 else "their full verdicts are"
    return (
        f"Every model ({summary.models:,}) is counted below by the verdict of its metadata, the "
        f"{deep:,} also checked in full among them: {their} in the section on the "
        f"{deep_heading(deep)}, after these tables."
    )


def deep_lead(code: Callable[[str], str]) -> str:
    """Under the heading of the models checked in full: which of their checks it counts."""
    return (
        f"Each by its last full check, whichever run made it, as {code('osai check')} judges it; "
        "the tables above count the same models by their metadata."
    )


def deep_heading(models: int) -> str:
    """ "models checked in full", with their number ("7 models checked in full")."""
    return f"{counted(models, 'model')} checked in full"


def deep_stored(
    summary: CensusSummary, code: Callable[[str], str], strong: Callable[[str], str]
) -> str:
    """The full checks the store holds, whichever run made them (a run checks only those of its
    top N not checked yet), each model at its latest revision; "" when none was made or
    tried.  `code`, `strong`: markup of the format."""
    checked, failed = summary.deep_models, summary.deep_failed
    if not checked and not failed:
        return ""
    lead = f"Checked in full ({code('--deep')}), by any run:"
    their = "its" if failed == 1 else "their"
    unread = f"could not be read ({their} last full check failed)"
    if not checked:
        return f"{lead} none of the {counted(summary.models, 'model')}; {failed:,} {unread}"
    line = (
        f"{lead} {strong(f'{checked:,}')} of the {counted(summary.models, 'model')}, at "
        f"{'its' if checked == 1 else 'their'} latest revision"
    )
    return f"{line}; {failed:,} more {unread}" if failed else line


def deep_last_run(run: RunFacts) -> str:
    """The last run's full checks, said as its own ("" when it tried none)."""
    if not run.deep:
        return ""
    checked = deep_checked(run.deep, run.deep_failed, " in full")
    return (
        f"The last run (run {run.runs}) checked {checked}: "
        f"{counted(run.deep_requests, 'request')} ({run.deep_requests / run.deep:.1f} per model)"
    )


def deep_checked(tried: int, failed: int, where: str = "") -> str:
    """The full checks a run tried, as the models it checked: "5 models", or when some could not
    be made, "3 of 5 models (2 could not be read)".  A check that could not be made is not
    counted as checked: "checked in full: 2 models, ..., 2 could not be read" was said of a
    run that checked none.  `where`: what follows the models ("in full"), before the failures;
    the run's summary (osai.formatters.census_text) says it too."""
    models = f"{counted(tried, 'model')}{where}"
    if not failed:
        return models
    return f"{tried - failed:,} of {models} ({failed:,} could not be read)"


def deep_kept_line(kept: int, column: Callable[[str], str]) -> str:
    """The models checked in full of which a link was read from an earlier run's kept answer,
    the store's columns as the format shows code."""
    return (
        f"{kept:,} of them {'was' if kept == 1 else 'were'} checked in part on answers kept by an "
        "earlier run, a server having given no fresh one: what those links show is as of that "
        f"day (the store's {column('links.cached_at')} and {column('cached_because')} say "
        "which, when and why)."
    )


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def number(value: int | None) -> str:
    return "unknown" if value is None else f"{value:,}"


def verdicts_in_brief(summary: CensusSummary) -> str:
    """The answer, before any figure of the population: each framework's verdicts on every
    model, most first, in the words of its table below (without their parenthesis): "OSAID
    1.0: 15 not demonstrated, 3 not conformant; MOF 1.0: ...".  The report opened with the
    number of models, and the verdicts came after the run's particulars."""
    return "; ".join(
        f"{framework.name}: {_outcomes_in_brief(framework.outcomes)}"
        for framework in summary.frameworks
    )


BRIEF_OUTCOMES = 4  # per framework in the first line: a graded one has a row per score range


def _outcomes_in_brief(outcomes: Sequence[Count]) -> str:
    """The first BRIEF_OUTCOMES outcomes, and how many models the rest hold; a lone outcome
    left over is said, in no more room than "6 more (in 1 other outcomes)" took."""
    said = [f"{count.models:,} {count.label.split(' (', 1)[0]}" for count in outcomes]
    if len(said) <= BRIEF_OUTCOMES + 1:
        return ", ".join(said)
    rest = sum(count.models for count in outcomes[BRIEF_OUTCOMES:])
    others = len(said) - BRIEF_OUTCOMES
    return ", ".join(said[:BRIEF_OUTCOMES]) + f", {rest:,} more (in {others} other outcomes)"


def _overview(summary: CensusSummary) -> str:
    markup = Markup(words=lambda said: said, data=text, code=code, strong=_strong)
    return "\n".join(f"- {item}" for item in overview_items(summary, markup))


@dataclass(frozen=True)
class Markup:
    """How a census format writes the overview's parts: osai's own words, data (a reason a
    database gave), code and a figure made strong (HTML escapes its own words too)."""

    words: Callable[[str], str]
    data: Callable[[str], str]
    code: Callable[[str], str]
    strong: Callable[[str], str]


def overview_items(summary: CensusSummary, markup: Markup) -> list[str]:
    """The overview's items, answer first, for Markdown and HTML alike (each was assembled
    twice, in parallel)."""
    run = summary.run
    items = [
        f"Models: {markup.strong(f'{summary.models:,}')} "
        f"({markup.words(models_stored(summary))}); downloads in the last 30 days: "
        f"{downloads(summary)}"
    ]
    if summary.frameworks:  # the answer first
        brief = markup.data(verdicts_in_brief(summary))
        items.insert(0, f"{markup.strong('Verdicts')} (metadata only): {brief}")
    if downloads_note(summary):  # beside the downloads it is about
        items.append(markup.words(downloads_note(summary)))
    if summary.unlisted:  # beside the count they are in
        items.append(markup.words(unlisted_note(summary.unlisted)))
    if summary.below_limit:
        items.append(markup.words(below_limit_note(summary)))
    if summary.judged_elsewhere:
        items.append(judged_elsewhere_note(summary, markup))
    queries = population_queries(summary, markup.code)
    if queries:
        items.append(queries)
    stored = deep_stored(summary, markup.code, markup.strong)
    if stored:
        items.append(stored)
    if run is not None and run.failed:  # before any figure: they stop where it did
        lead = markup.strong(f"The last run (run {run.runs}) failed:")
        items.insert(0, f"{lead} {markup.data(failure_reason(run.reason))}")
    if run is not None and run.unfinished:
        lead = markup.strong(f"The last run (run {run.runs}) did not finish:")
        items.insert(0, f"{lead} {markup.words(UNFINISHED)}")
    if summary.shards:  # merged: the last run listed one shard's share, and judged its models
        items.extend(shard_items(summary, markup))
    elif run is not None:
        items.append(
            f"The last run listed from {markup.code(run.endpoint)} "
            f"{listed_with(run, markup.code)}: {run_listing(run, markup)}"
        )
        if listed_twice(run.listed_twice):  # beside what it listed
            items.append(markup.words(f"Of those, {listed_twice(run.listed_twice)}"))
        changed = run_changes(run.changes) if run.runs > 1 and run.changes else ""
        if changed:  # a first run's models are all new; a run that listed none changed none
            items.append(markup.words(changed))
        if deep_last_run(run):
            items.append(markup.words(deep_last_run(run)))
    if left_out(*summary.left_out):
        items.append(markup.words(left_out(*summary.left_out)))
    return items


def run_listing(run: RunFacts, markup: Markup) -> str:
    """ "30 models in 10 pages of up to 3 (…), 10 listing requests; run 2 complete (…)": what a
    run listed and how it ended."""
    return (
        f"{counted(run.listed, 'model')} in {markup.words(pages(run))}, "
        f"{listing_requests(run.listing_requests)}; "
        f"{run_ending(run, markup.data)}{unread_clause(run.unreadable)}"
    )


def shard_items(summary: CensusSummary, markup: Markup) -> list[str]:
    """A census of several shards (`osai census merge`): that it merges them, and the last run
    of each, what it listed and judged.  The last run alone read as the census's ("The last run
    … with `--shard 2/2` … judged 16 models" of a census of 30)."""
    shards = [markup.code(f"--shard {run.shard}") if run.shard else "no --shard" for run in
              summary.shards]  # fmt: skip
    items = [
        markup.words(f"This census merges {len(summary.shards):,} shards of the listing (")
        + ", ".join(shards)
        + markup.words(
            f"): its figures count the {counted(summary.models, 'model')} they stored "
            "together; the last run of each shard:"
        )
    ]
    for run in summary.shards:
        judged = f"; it judged {counted(run.changes.judged, 'model')}" if run.changes else ""
        items.append(
            f"The last run {listed_with(run, markup.code)} listed from "
            f"{markup.code(run.endpoint)}: {run_listing(run, markup)}{markup.words(judged)}"
        )
    return items


def left_out(private: int, disabled: int) -> str:
    """ "1 private model and 2 disabled models listed were left out …": the models the listing
    says are not public, neither judged nor counted ("" when there were none).  Each kind is
    counted on its own: "1 private and 1 disabled models" took one kind's number for both."""
    if not private and not disabled:
        return ""
    parts = [
        counted(private, "private model") if private else "",
        counted(disabled, "disabled model") if disabled else "",
    ]
    were = "listed was" if private + disabled == 1 else "listed were"
    return (
        f"{joined([part for part in parts if part])} {were} left out, not judged nor counted: "
        "the census describes the public Hub (a listing with a token holds the private models "
        "that token may read)"
    )


def listed_twice(count: int) -> str:
    """ "1 model was listed twice: …": the models a run listed again at the revision it had
    listed them at (osai.census.run), which a listing sorted by a value that moves lists again
    after its cursor, and so may pass over another model; "" when it listed none twice."""
    if not count:
        return ""
    models = counted(count, "model was", "models were")
    return (
        f"{models} listed twice: the sort key moved while listing; a model it moved past may be "
        "missing"
    )


def run_changes(changes: RunChanges) -> str:
    """ "The last run judged 4 models from the listing (1 new to the census and 3 listed at a
    new revision) and skipped 1,496 already judged at the same revision (their downloads and
    likes updated)": what changed since the runs before, which a second run's report did not
    say ("" when the run judged and skipped nothing)."""
    why = [
        f"{changes.new:,} new to the census" if changes.new else "",
        f"{changes.revised:,} listed at a new revision" if changes.revised else "",
        f"{changes.again:,} judged again at the revision stored" if changes.again else "",
    ]
    judged = f"The last run judged {counted(changes.judged, 'model')} from the listing"
    skipped = "already judged at the same revision (their downloads and likes updated)"
    if not changes.judged:
        if not changes.skipped:
            return ""
        listed = counted(changes.skipped, "model it listed was", "models it listed were")
        return f"The last run judged no model from the listing: the {listed} {skipped}"
    reasons = joined([part for part in why if part])
    if not changes.skipped:
        return f"{judged} ({reasons})"
    return f"{judged} ({reasons}) and skipped {changes.skipped:,} {skipped}"


def listed_with(run: RunFacts, quote: Callable[[str], str]) -> str:
    """ "with `--sort downloads --limit 50`": the options that list the same models, quoted as
    the format shows code; the stored query itself only when it is not one osai reads."""
    return f"with {query_named(run.options, run.query, quote)}"


def query_named(options: str | None, stored: str, quote: Callable[[str], str]) -> str:
    """ "`--sort downloads --limit 50`": a query as the options that list the same models, on
    one line and bounded (a --search is any text), quoted as the format shows code; the stored
    query itself only when it is not one osai reads.  `options`: None when it is not."""
    if options is None:
        if not stored:
            return "a query not recorded"
        # a store written by hand: its text bounded, on one line
        shown = one_line(stored, QUERY_LIMIT)
        return f"the query {quote(shown)} (as stored: not one this osai reads)"
    if not options:
        return "no listing options (every model, in the Hub's order)"
    return quote(one_line(options, QUERY_LIMIT))


def models_stored(summary: CensusSummary) -> str:
    """What the count of models is: "the latest revision of each, stored by 2 runs", and, when a
    run judged some of them again, which judged them last: "stored by run 1, judged last by run
    4" (it said "stored by run 1" alone of verdicts run 4 wrote)."""
    runs = summary.storing_runs
    if not runs:
        return "the latest revision of each"
    by = f"run {summary.queries[0].runs[0]}" if runs == 1 else f"{runs:,} runs"
    judged = ""
    if summary.judged_later:
        judging = summary.judging_runs
        last = f"run {summary.judging_run}" if judging == 1 else f"{judging:,} runs"
        judged = f", judged last by {last}"
    return f"the latest revision of each, stored by {by}{judged}"


def unlisted_note(count: int) -> str:
    """The stored models the last run no longer listed (CensusSummary.unlisted): a model deleted
    on the Hub stayed in every figure, and nothing said so."""
    models = counted(count, "of these models was", "of these models were")
    they = "it is" if count == 1 else "they are"
    return (
        f"{models} not listed by the last run, which listed the same query to its end (deleted "
        f"on the Hub, made private, or no longer matching it): {they} counted as last listed"
    )


def below_limit_note(summary: CensusSummary) -> str:
    """The stored models a last run of `--limit N` did not list (CensusSummary.below_limit): it
    listed the first N only, so they rank below its N now, or are gone; the figures are of
    every model the runs stored, which a reviewer must know is not the query's N."""
    count = summary.below_limit
    limit = summary.run.listing.limit if summary.run and summary.run.listing else None
    models = counted(count, "of these models was", "of these models were")
    they = "it ranks" if count == 1 else "they rank"
    return (
        f"{models} not listed by the last run, which listed only the first {limit or 0:,} "
        f"(--limit {limit or 0}): {they} below them now, or left the Hub (a limited listing "
        f"cannot tell). Every figure here counts all {summary.models:,} models the runs stored, "
        f"not the last run's {limit or 0:,}: for those alone, run the query in a new database"
    )


def judged_elsewhere_note(summary: CensusSummary, markup: Markup) -> str:
    """The stored models another osai judged than the one reporting (CensusSummary.
    judged_elsewhere): a store filled before osai changed kept that osai's verdicts, counted
    here as if this one had given them, and nothing said so."""
    count = summary.judged_elsewhere
    models = counted(count, "of these models was", "of these models were")
    them = "it" if count == 1 else "them"
    before = f"{models} judged by another osai than this one ("
    after = (
        f"), or by one that did not say which it was: this osai may judge {them} otherwise, and "
        f"a census run of it that lists {them} judges {them} again"
    )
    return f"{markup.words(before)}{markup.code(summary.build)}{markup.words(after)}"


def population_queries(summary: CensusSummary, quote: Callable[[str], str]) -> str:
    """The queries the models were stored with, when they are not the last run's one query
    (CensusSummary.queries_named): a reader of "Models: 4" beside "the last run listed with
    `--search pythia`: 2 models" took the 4 for that query's population.  "" otherwise.
    `quote`: code as the format shows it."""
    if not summary.queries_named:
        return ""
    named = [
        f"{query_named(q.options, q.query, quote)} ({_stored_with(q)})" for q in summary.queries
    ]
    rest = summary.queries_total - len(summary.queries)
    if rest:
        left = summary.models - sum(q.models for q in summary.queries)
        more = counted(rest, "more query", "more queries")
        named.append(f"{more} (which stored {counted(left, 'model')})")
    if summary.queries_total == 1:
        return f"Every model was stored with {named[0]}, not with the last run's query."
    return (
        f"These models are the union of what {summary.queries_total:,} different queries "
        f"listed, not one query's population: {'; '.join(named)}."
    )


def _stored_with(query: StoringQuery) -> str:
    """ "run 1 stored 2 models", "runs 2 and 5 stored 40", "7 runs, run 1 to run 9, stored 90":
    what the query's runs stored, not what they listed (`--limit 3` after `--limit 2` listed 3
    models and stored 1: "run 2: 1 model", beside "what queries listed", read as its listing)."""
    ids = query.runs
    if not ids:
        runs = "a run not recorded"
    elif len(ids) == 1:
        runs = f"run {ids[0]}"
    elif len(ids) <= 3:
        runs = f"runs {joined([str(run) for run in ids])}"
    else:
        runs = f"{len(ids):,} runs, run {ids[0]} to run {ids[-1]},"
    return f"{runs} stored {counted(query.models, 'model')}"


def pages(run: RunFacts) -> str:
    """ "5 pages of up to 1,000 (the page size the Hub gave)", or "1 page": a size only when the
    listing showed it (osai.census.store.known_page_size)."""
    size = known_page_size(run.pages, run.page_size)
    listed = counted(run.pages, "page")
    return f"{listed} of up to {size:,} (the page size the Hub gave)" if size else listed


def unreadable_items(count: int) -> str:
    """ "1 listed item could not be read", "3 listed items could not be read"."""
    return f"{counted(count, 'listed item')} could not be read"


def unread_clause(count: int) -> str:
    """The sentence that ends a listing's line when it held items it could not read (skipped,
    neither judged nor stored); "" when it held none."""
    return f". {unreadable_items(count)} (skipped)" if count else ""


def listing_requests(count: int) -> str:
    """ "1 listing request", "3 listing requests"."""
    return counted(count, "listing request")


def downloads(summary: CensusSummary) -> str:
    """The downloads counted, and how many models had no count (summed as none, not as 0);
    "unknown" when no model had one: a sum of no counts is not 0 downloads."""
    if not summary.uncounted:
        return f"{summary.downloads:,}"
    if summary.uncounted >= summary.models:
        return "unknown (" + _none_counted(summary.models) + ")"
    have = "model has" if summary.uncounted == 1 else "models have"
    return f"{summary.downloads:,} ({summary.uncounted:,} {have} no download count)"


def downloads_note(summary: CensusSummary) -> str:
    """What every share of downloads is of, when some models have no download count: those are
    left out, not counted as 0.  "" when every model has one, or none has (the downloads line
    says so, and every share of downloads reads "unknown")."""
    if not summary.uncounted or summary.uncounted >= summary.models:
        return ""
    have = counted(summary.models - summary.uncounted, "model")
    left = "is left out, its" if summary.uncounted == 1 else "are left out, their"
    return (
        f"Shares of downloads are of the {have} with a download count: the "
        f"{summary.uncounted:,} without one {left} downloads said to be unknown."
    )


def downloads_cell(count: Count) -> str:
    """A row's downloads: "unknown" when none of its models has a count (a sum of none is not
    0 downloads), and beside the sum of the others, how many have none."""
    if not count.downloads_known:
        return "unknown"
    if count.uncounted:
        return f"{count.downloads:,} ({counted(count.uncounted, 'model')} unknown)"
    return f"{count.downloads:,}"


def downloads_share(count: Count, summary: CensusSummary) -> str:
    """A row's share of the downloads counted: "unknown" when none of its models has a count."""
    return share(count.downloads, summary.downloads) if count.downloads_known else "unknown"


def of_downloads(count: Count, summary: CensusSummary) -> str:
    """ "40.4 % of downloads", as a sentence says it, with the models left out of it."""
    if not count.downloads_known:
        return "downloads unknown (no download count)"
    shown = f"{downloads_share(count, summary)} of downloads"
    if count.uncounted:
        return f"{shown} ({counted(count.uncounted, 'model')} with no count left out)"
    return shown


def _none_counted(models: int) -> str:
    return "the model has no download count" if models == 1 else "no model has a download count"


def run_ending(run: RunFacts, quote: Callable[[str], str]) -> str:
    """ "run 3 complete (START to END)", or "run 3 unfinished (started START)", the data quoted
    for the format."""
    if run.unfinished:
        return f"run {run.number} unfinished (started {quote(run.started)})"
    return f"run {run.number} {quote(run.status)} ({quote(run.started)} to {quote(run.finished)})"


def failure_reason(reason: str) -> str:
    """Why a run failed, as its line says; a run recorded before runs kept why, says so."""
    return reason or "its reason was not recorded"


def _strong(figure: str) -> str:
    return f"**{figure}**"


def _verdict_table(framework: FrameworkCounts, summary: CensusSummary) -> str:
    title = f"### {text(framework.name)}"
    return f"{title}\n\n" + _count_table("Verdict", framework.outcomes, summary)


COUNT_COLUMNS = ("Models", "Share", "Downloads", "Share of downloads")  # after the label's
# The columns of numbers, by index, in each table both reports write: they align right.
COUNT_NUMERIC = frozenset({1, 2, 3, 4})  # a count table's, after its label
DEEP_NUMERIC = frozenset({1, 2})
RANKED_NUMERIC = frozenset({0, 2})  # a ranked table's: the rank, the downloads


def count_rows(
    counts: Sequence[Count], summary: CensusSummary, label: Callable[[str], str]
) -> list[list[str]]:
    """A count table's rows, the Markdown's and the HTML page's alike: each label (`label`:
    escaped for the format), its models, their share, their downloads and share of those."""
    return [
        [
            label(c.label),
            f"{c.models:,}",
            share(c.models, summary.models),
            downloads_cell(c),
            downloads_share(c, summary),
        ]
        for c in counts
    ]


def _count_table(header: str, counts: Sequence[Count], summary: CensusSummary) -> str:
    return table([header, *COUNT_COLUMNS], count_rows(counts, summary, text), COUNT_NUMERIC)


DEEP_COLUMNS = ("Verdict", "Models", "Share")


def deep_rows(outcomes: Sequence[Count], label: Callable[[str], str]) -> list[list[str]]:
    """A framework's verdicts on the models checked in full, the Markdown's and the HTML
    page's alike: each verdict (`label`: escaped for the format), its models and their share
    of those checked."""
    total = sum(c.models for c in outcomes)
    return [[label(c.label), f"{c.models:,}", share(c.models, total)] for c in outcomes]


def _deep(summary: CensusSummary) -> list[str]:
    if not summary.deep:
        return []
    blocks = [f"### The {deep_heading(summary.deep_models)} (`--deep`)", deep_lead(code)]
    for framework in summary.deep:
        rows = deep_rows(framework.outcomes, text)
        blocks.append(f"{text(framework.name)}\n\n" + table(DEEP_COLUMNS, rows, DEEP_NUMERIC))
    if summary.deep_kept:
        blocks.append(deep_kept_line(summary.deep_kept, code))
    return blocks


def licence_headline(
    summary: CensusSummary, code: Callable[[str], str], strong: Callable[[str], str]
) -> str:
    """The headline licence share, the HTML page's and the Markdown's alike: the models of the
    classes "No licence" and "Licence unknown, other or custom" together, its label naming both
    and what falls in them (rules/census.yaml `no_licence`, `unknown_or_other`, `states`).
    `code`, `strong`: markup of the format."""
    headline = summary.no_or_unknown_licence
    return (
        f"{headline.label} (none stated, stated as none or as not included; {code('unknown')} or "
        f"{code('other')}; several licences; or one osai does not recognise): "
        f"{strong(share(headline.models, summary.models))} of models ({headline.models:,}), "
        f"{of_downloads(headline, summary)}."
    )


def _licence_overview(summary: CensusSummary) -> str:
    # The headline share first, on its own: the sum of the last two classes below, which split
    # the same models by what the licence allows, as the HTML report's chart.
    lines = [
        licence_headline(summary, code, _strong),
        "",
        "By what the licence allows:",
        "",
    ]
    for count in summary.licence_classes:
        lines.append(
            f"- {text(count.label)}: {share(count.models, summary.models)} of models "
            f"({count.models:,}), {of_downloads(count, summary)}"
        )
    derived = derivatives_declared(summary.derived, code)
    return "\n".join(lines) + (f"\n\n{derived}" if derived else "")


# A derivative's relation to its base (the Hub's base_model_relation) as the report names it,
# for one and for several; "" is any other, or none given.
_RELATION_WORDS = {
    "finetune": ("fine-tune", "fine-tunes"),
    "quantized": ("quantization", "quantizations"),
    "adapter": ("adapter", "adapters"),
    "merge": ("merge", "merges"),
    "": ("whose relation is not stated", "whose relation is not stated"),
}


def _has(count: int) -> str:
    return "has" if count == 1 else "have"


def derivatives_declared(derived: Derived, code: Callable[[str], str]) -> str:
    """The derivatives among the models under a licence without use restrictions, the HTML
    page's and the Markdown's alike: each counted by the licence it declares, which its base's
    licence may bind to other terms (a fine-tune of Llama 2 declaring Apache-2.0 was counted
    without use restrictions, nothing said, where `osai check` reads its base and finds it under
    Llama 2's); "" when there is none.  `code`: markup of the format."""
    derivatives = derived.derivatives
    if not derivatives:
        return ""
    kinds = ", ".join(
        f"{models:,} {_RELATION_WORDS[relation][models != 1]}"
        for relation, models in derived.relations
    )
    one = derivatives == 1
    are = "is a derivative" if one else "are derivatives"
    they = ("it", "its", "it declares") if one else ("them", "their", "they declare")
    read = []
    if derived.dropping:
        which = "it" if one else f"{derived.dropping:,} of them"
        some = "declares" if derived.dropping == 1 else "declare"
        read.append(
            f"{which} {some} a licence a base model's licence does not allow (open-washing "
            "candidates, below)"
        )
    if derived.uncompared:
        which = "it has" if one else f"{derived.uncompared:,} {_has(derived.uncompared)}"
        read.append(
            f"{which} a base in it whose licence cannot be compared (none, unknown, other or "
            "several)"
        )
    if derived.outside:
        which = "it" if one else f"{derived.outside:,}"
        some = "derives" if derived.outside == 1 else "derive"
        read.append(
            f"{which} {some} only from models outside the census, whose licences were not read"
        )
    found = f": {'; '.join(read)}" if read else ""
    whole = "the one model" if derived.unrestricted == 1 else f"the {derived.unrestricted:,} models"
    return (
        f"Of {whole} under a licence without use "
        f"restrictions, {derivatives:,} {are} ({kinds}), counted by the licence {they[2]}, "
        f"though {they[1]} base model's licence may bind {they[0]} to its own terms; the census "
        f"reads a base's licence only when the base is in it{found}. {code('osai check')} "
        "reads a derivative's base model."
    )


def _claims(summary: CensusSummary) -> str:
    heading = (
        "### Claims to be open under a use-restricted or missing licence "
        f"({summary.claims_total:,})"
    )
    if not summary.claims:
        return f"{heading}\n\nNone found."
    rows = [
        [
            str(rank),
            code(c.repo_id),
            number(c.downloads),
            text("; ".join(c.evidence)),
            text(c.licence),
        ]
        for rank, c in enumerate(summary.claims, start=1)
    ]
    shown = _shown(len(summary.claims), summary.claims_total)
    headers = ["#", "Model", "Downloads", "Evidence", "Licence"]
    return f"{heading}\n\n{shown}" + table(headers, rows, RANKED_NUMERIC)


def derivatives_checked(summary: CensusSummary) -> str:
    """How many derivatives the lineage table rests on (the HTML report says it too)."""
    checked, outside = summary.derivatives_checked, summary.derivatives_outside
    unread = summary.derivatives_unread
    # a base under `unknown` binds nothing osai knows: such a derivative is no candidate, and
    # was counted as checked as if shown to keep its base's terms
    in_part = (
        f" ({unread:,} of {'it' if checked == 1 else 'them'} could not be compared in full: "
        f"{'its' if unread == 1 else 'their'} own licence or a base's is none, unknown, other "
        "or several)"
        if unread
        else ""
    )
    return (
        f"{counted(checked, 'derivative')} {'has its' if checked == 1 else 'have their'} base "
        f"model in this census and {'was' if checked == 1 else 'were'} checked{in_part}; "
        f"{counted(outside, 'derivative')} {'derives' if outside == 1 else 'derive'} only from "
        "models outside it."
    )


def _lineage(summary: CensusSummary) -> str:
    heading = (
        "### Derivatives declaring a licence their base model's licence does not allow "
        f"({summary.lineage_total:,})"
    )
    checked = derivatives_checked(summary)
    basis = f"Rule: {text(summary.lineage_basis)}"
    if not summary.lineage:
        return f"{heading}\n\n{checked}\n\n{basis}\n\nNone found."
    rows = [
        [
            str(rank), code(c.repo_id), number(c.downloads), text(c.licence),
            ", ".join(code(base) for base in c.bases), text(", ".join(c.base_licences)),
            text(c.evidence[-1]),
        ]
        for rank, c in enumerate(summary.lineage, start=1)
    ]  # fmt: skip
    headers = ["#", "Derivative", "Downloads", "Declares", "Base model", "Base licence", "Why"]
    shown = _shown(len(summary.lineage), summary.lineage_total)
    return f"{heading}\n\n{checked}\n\n{basis}\n\n{shown}" + table(headers, rows, RANKED_NUMERIC)


def _shown(shown: int, total: int) -> str:
    if shown >= total:
        return "Ranked by downloads.\n\n"
    return f"Ranked by downloads; the first {shown:,} of {total:,} (all are in the database).\n\n"


def _months(months: Sequence[Month]) -> str:
    """The models of a known creation month, month by month, the others said apart in the
    HTML page's words (undated_note): a row `before 2022-03` (the Hub's placeholder date) and
    one `unknown` said nothing of why, where the HTML page said it."""
    dated = dated_months(months)
    note = undated_note(months)  # osai's own words, as the HTML page says them
    if len(dated) < 2:  # no change to show: say what is known, never more
        sentence = one_month_sentence(months, known_only=True, shown=text)
        return "\n\n".join(said for said in (note, sentence) if said)
    headers = ["Month", "Models", *LICENCE_CLASSES]
    rows = [
        [text(m.month), f"{m.models:,}", *(share(c.models, m.models) for c in m.counts)]
        for m in dated
    ]
    shown = table(headers, rows, frozenset(range(1, len(headers))))  # all but the month
    return f"{note}\n\n{shown}" if note else shown
