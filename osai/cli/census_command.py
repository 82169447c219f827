"""`osai census`, `osai census report`, `osai census export`: the Hub's listing judged, stored
and reported; the use case is osai.census.run (registered on the app by osai.cli)."""

from __future__ import annotations

import shlex
import sys
from difflib import get_close_matches
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click import Context
from typer._click.core import ParameterSource
from typer._click.exceptions import UsageError
from typer.core import TyperGroup

from osai.cli.options import (
    Modes,
    Timeout,
    deadline_option,
    frameworks_option,
    max_links_option,
)
from osai.cli.terminal import (
    emit,
    error,
    fail,
    is_terminal,
    note,
    read_by_a_person,
    shown,
    status,
    stop_interrupted,
    terminal_width,
    warning,
    wrapped,
)
from osai.errors import BadInput, ExitCode, OsaiError
from osai.outputs import names_standard_output, refuse_destinations
from osai.textsafe import counted

if TYPE_CHECKING:
    from osai.census.export import Exported, ExportFormat
    from osai.census.merge import Merged
    from osai.census.tally import CensusInterrupted


class CensusGroup(TyperGroup):
    """`osai census` and its commands; a word that is no command, after options, is most often
    a second value given to an option that takes one (`--filter a b`): click read it as a
    command's name and said "No such command 'b'"."""

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        word = args[0]
        known = self.list_commands(ctx)
        # an option (`--help` after a value) or a mistyped name ("Did you mean") are click's
        if word not in known and not word.startswith("-") and not get_close_matches(word, known):
            raise UsageError(
                f"osai census has no command {word!r} ({_either(known)}), and an option "
                "takes one value: repeat it for several (--filter A --filter B)",
                ctx,
            )
        return super().resolve_command(ctx, args)


def _either(names: list[str]) -> str:
    """ "a, b or c"."""
    return " or ".join((", ".join(names[:-1]), names[-1])) if len(names) > 1 else "".join(names)


census_app = typer.Typer(
    cls=CensusGroup,
    help="The Hub census: list models, judge them (metadata only), store, report.",
    invoke_without_command=True,
    # with no command the census itself runs: the command is optional, and the usage says so
    subcommand_metavar="[COMMAND [ARGS]...]",
)
_DB_DEFAULT = Path("osai-census.duckdb")


class CensusSort(StrEnum):
    """--sort's keys, those of osai.census.query.SORTS (tests/test_census.py holds them
    equal): named here, the command line offers them without importing the census."""

    DOWNLOADS = "downloads"
    LIKES = "likes"
    CREATED = "created"
    MODIFIED = "modified"


DB = "the database"  # what a report or an export must never be written over
LOG = "the database's write-ahead log"  # nor its log: rows a killed census committed, or deleted


def _db_option() -> Any:
    """--db, as the census and each of its commands take it."""
    # (an empty --db is refused as no path: osai.cli.coercion)
    return typer.Option("--db", metavar="FILE", help="The census database (DuckDB).")


@census_app.callback()
def census(
    context: typer.Context,
    db: Annotated[Path, _db_option()] = _DB_DEFAULT,
    author: Annotated[
        str | None, typer.Option("--author", metavar="NAME", help="Only this user's or org's.")
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", metavar="TEXT", help="Ids containing this.")
    ] = None,
    filter_tag: Annotated[
        list[str] | None,
        typer.Option(
            "--filter",
            metavar="TAG",
            help="Only models with this tag (repeatable: with every tag given).",
        ),
    ] = None,
    sort: Annotated[
        CensusSort | None,
        typer.Option(
            "--sort",
            metavar="KEY",
            help="downloads | likes | created | modified: most, or newest, first.",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, metavar="N", help="At most N models.")
    ] = None,
    deep: Annotated[
        int,
        typer.Option(
            "--deep",
            min=0,
            metavar="N",
            # the first N the listing gives (osai.census.run._judge_page): --sort's order, else
            # the Hub's own
            help="Check the first N listed in full, links followed: the top N by --sort, else "
            "the first N in the Hub's default order.",
        ),
    ] = 0,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            metavar="K/N",
            help="This machine's share: the Kth of N (by a hash of the model's id).",
        ),
    ] = None,
    framework: Annotated[
        list[str] | None, frameworks_option("the default ones, osaid and mof")
    ] = None,
    mode: Modes = None,
    timeout: Timeout = 10.0,
    deadline: Annotated[
        float,
        deadline_option(
            "Seconds per listing page (retries included) and per deep check.", least=0.5
        ),
    ] = 60.0,
    retries: Annotated[
        int,
        typer.Option(
            "--retries", min=0, max=10, metavar="N", help="Listing restarts after a 429 or 5xx."
        ),
    ] = 2,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, max=64, metavar="N", help="Deep checks at once."),
    ] = 4,
    max_links: Annotated[int | None, max_links_option("deep check")] = None,
    public_assessments: Annotated[
        bool,
        typer.Option(
            "--public-assessments/--no-public-assessments",
            help="Merge a deep-checked model's Model Openness Tool listing and European Open "
            "Source AI Index entry as evidence, as osai check does (see osai db status).",
        ),
    ] = True,
) -> None:
    """Enumerate models (HfApi.list_models), judge each from its metadata, store in DuckDB."""
    if context.invoked_subcommand is not None:
        # `osai census --db X report`: the database named before the command is the command's
        # (as `git -C DIR log` is), not silently the default one (_database)
        context.obj = db if _given(context, "db") else None
        _refuse_run_options(context)
        return
    from osai.census.interrupts import terminate_as_interrupt
    from osai.census.query import ListingQuery
    from osai.census.run import CensusRequest, Shard, run_census
    from osai.census.tally import CensusInterrupted
    from osai.formatters.census_text import render_census_totals

    query = ListingQuery(
        author, search, tuple(filter_tag or ()), sort.value if sort else None, limit
    )
    try:
        if refusal := query.empty_option():
            raise BadInput(refusal)
        request = CensusRequest(
            db=db,
            query=query,
            deep=deep,
            shard=Shard.parse(shard) if shard else None,
            frameworks=tuple(framework or ()),
            modes=tuple(mode or ()),
            timeout=timeout,
            deadline=deadline,
            retries=retries,
            jobs=jobs,
            max_links=max_links,
            public_assessments=public_assessments,
        )
        with terminate_as_interrupt() as termination:
            outcome = run_census(request, _census_progress())
    except OsaiError as exc:
        fail(exc)
    except CensusInterrupted as stop:  # the run is stored as interrupted (osai.census.run)
        code = ExitCode.TERMINATED if termination.received else ExitCode.INTERRUPTED
        stop_interrupted(_interrupted_line(stop, db), code)  # not typer's Exit: said once
    for line in outcome.warnings:
        warning(line)
    if outcome.totals.listed or not outcome.message:  # a listing that failed at once: one line
        listed_with = shlex.join(query.options())
        totals = render_census_totals(
            outcome.totals, outcome.db, outcome.run_id, outcome.status, listed_with
        )
        sys.stdout.write(shown(_for_the_reader(totals)))
    if outcome.message:
        error(outcome.message)
    raise typer.Exit(outcome.exit_code)


def _for_the_reader(text: str) -> str:
    """The run's totals wrapped to the terminal, as its status lines on standard error are (at
    80 columns "stored in DB (osai census report --db DB --html report.html)" ran to 92); into
    a log or a pipe each stays one line."""
    from osai.formatters.textlayout import fitted

    person = read_by_a_person(sys.stdout)
    return fitted(text, terminal_width(sys.stdout) if person else sys.maxsize)


def _interrupted_line(stop: CensusInterrupted, db: Path) -> str:
    """Where the run stopped, what it stored, and how to go on: one line into a log, wrapped
    to the terminal as a status line is (at 80 columns it ran to 130)."""
    if not stop.stored:
        # the database may hold earlier runs' models: it is this run that stored none
        said = f"interrupted {stop.where}: this run stored no model in {db}"
    else:
        said = f"interrupted {stop.where}: {stop.stored} in {db}; the same command resumes"
    return wrapped("osai: ", said, sys.stderr)


def _census_progress() -> Any:
    if not is_terminal(sys.stderr):  # a CI log: no bar, but a wait is said
        from osai.census.run import QuietProgress

        return QuietProgress(say=note)
    from osai.progress import RichCensusProgress

    return RichCensusProgress()


def _given(context: typer.Context, name: str) -> bool:
    return context.get_parameter_source(name) is ParameterSource.COMMANDLINE


def _refuse_run_options(context: typer.Context) -> None:
    """Options of the census run given before a command (`osai census --author X report`)
    would be ignored without a word: the report is of the whole database."""
    given = [
        max(parameter.opts, key=len)  # --framework, not -f
        for parameter in context.command.params
        if parameter.name not in (None, "db") and _given(context, parameter.name)
    ]
    if given:
        what = "an option" if len(given) == 1 else "options"
        command = context.invoked_subcommand
        fail(
            BadInput(
                f"{', '.join(given)}: {what} of the census run, not of `osai census {command}`"
            )
        )


def _database(context: typer.Context, db: Path) -> Path:
    """The database a command reads: its own --db, or the one given before the command's name
    (`osai census --db X report`); both given, they must name one database."""
    before = context.obj
    if not isinstance(before, Path):
        return db
    if _given(context, "db") and db.resolve() != before.resolve():
        raise BadInput(
            f"--db {before} (before {context.info_name}) and --db {db} (after it) name two "
            "databases: give one"
        )
    return before


@census_app.command("report")
def census_report(
    context: typer.Context,
    db: Annotated[Path, _db_option()] = _DB_DEFAULT,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="PATH",
            dir_okay=False,
            help="Write the HTML page to PATH (- for standard output).",
        ),
    ] = None,
    markdown: Annotated[
        Path | None,
        typer.Option(
            "--markdown",
            metavar="PATH",
            dir_okay=False,
            help="Write the Markdown summary to PATH (with neither option: to standard output).",
        ),
    ] = None,
) -> None:
    """A self-contained static report (HTML with inline charts, Markdown) from the database.

    With neither --html nor --markdown, the Markdown is printed on standard output."""
    from osai.census.build import osai_build
    from osai.census.rules import load_census_rules
    from osai.census.store import CensusStore
    from osai.census.summary import census_summary, first_levels
    from osai.formatters.census_html import render_census_html
    from osai.formatters.census_markdown import render_census_markdown
    from osai.rules import load_ruleset

    renderers = (
        (html, "--html", render_census_html),
        (markdown, "--markdown", render_census_markdown),
    )
    chosen = [(path, option, render) for path, option, render in renderers if path]
    # `-` is standard output, as `osai check -o FORMAT=-` and `osai init -o -` take it: it
    # wrote a file named `-`
    printed = [render for path, _, render in chosen if names_standard_output(path)]
    if not chosen:  # neither option: the Markdown on standard output
        printed = [render_census_markdown]
    chosen = [choice for choice in chosen if not names_standard_output(choice[0])]
    try:
        if len(printed) > 1:
            raise BadInput(
                "--html - and --markdown -: one report on standard output; write the other to a "
                "file"
            )
        db = _database(context, db)
        _refuse_over_store([(f"{option} {path}", path) for path, option, _ in chosen], db)
        for path, option, _ in chosen:  # `--markdown README.md` replaced the user's README
            _refuse_unowned(f"{option} {path}", path, f"{option} PATH")
        rules = load_ruleset()
        names = {f.id: f"{f.short_name} {f.version}" for f in rules.frameworks.values()}
        store = CensusStore.open(db, read_only=True)
        try:
            levels = first_levels(rules.frameworks.values())
            census = load_census_rules(rules)
            summary = census_summary(store, census, names, levels, osai_build())
        finally:
            store.close()
    except OsaiError as exc:
        fail(exc)
    files = [(path, render(summary)) for path, _, render in chosen]
    emit(printed[0](summary) if printed else "", files)
    for path, _ in files:
        status(f"wrote {path}")


@census_app.command("export")
def census_export(
    context: typer.Context,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="parquet, csv or json (default: the one -o's extension names).",
        ),
    ] = None,
    db: Annotated[Path, _db_option()] = _DB_DEFAULT,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            dir_okay=False,
            help="Write it here, in the format its extension names (.parquet .csv .json) when "
            "--format is not given (default: osai-census.FORMAT; - for standard output).",
        ),
    ] = None,
) -> None:
    """Every stored model, one row per model and revision, with its verdicts as columns."""
    try:
        db = _database(context, db)
        chosen = _export_format(output_format, output)
        path = output or Path(f"osai-census.{chosen.value}")
        if names_standard_output(path):
            if chosen.value == "parquet" and is_terminal(sys.stdout):  # as curl refuses binary
                raise BadInput("-o -: Parquet is binary; pipe it, or give -o FILE.parquet")
            exported = _export_to_standard_output(db, chosen)
            rows = counted(exported.rows, "row")
            status(f"wrote {rows} ({chosen.value}) on standard output{_earlier(exported)}")
            return
        _refuse_over_store([(f"-o {path}", path)], db)
        # the user's own file of that name is kept
        label = f"{path} (the export's default name)" if output is None else f"-o {path}"
        _refuse_unowned(label, path, "-o PATH")
        exported = _exported(db, path, chosen)
    except OsaiError as exc:
        fail(exc)
    status(f"wrote {path}: {counted(exported.rows, 'row')} ({chosen.value}){_earlier(exported)}")


def _earlier(exported: Exported) -> str:
    """When some rows are a model's earlier revision, which ones the report counts: 3,033 rows
    beside a report of 2,999 models read as a mistake."""
    if not exported.earlier:
        return ""
    return (
        f"; {exported.earlier:,} of them a model's earlier revision: `latest` marks the "
        f"{exported.latest:,} the report counts"
    )


def _refuse_over_store(destinations: list[tuple[str, Path]], db: Path) -> None:
    """BadInput for a report or an export written over the database, over its write-ahead log,
    or over any other DuckDB database (another census, lost whole): the log holds the rows a
    census killed mid-run committed (replayed when the database is next opened), and DuckDB
    deletes whatever file has its name when a census next writes."""
    from osai.census.store import is_duckdb_database, write_ahead_log

    refuse_destinations(destinations, (db,), DB)
    refuse_destinations(destinations, (write_ahead_log(db),), LOG)
    for label, path in destinations:  # another census (`-o census.duckdb --format json`)
        if is_duckdb_database(path):
            raise BadInput(f"{label}: refusing to write over a DuckDB database ({path})")


def _refuse_unowned(label: str, path: Path, naming: str) -> None:
    """BadInput when a file the census writes (the export's -o PATH or its default name
    osai-census.csv, the report's --html or --markdown PATH) is one osai did not write, said as
    a destination's place that cannot be looked up is (refuse_destinations)."""
    from osai.outputs import refuse_unowned, unusable

    try:
        refuse_unowned(label, path, naming)
    except OSError as exc:
        raise BadInput(unusable(path, exc)) from None


def _export_to_standard_output(db: Path, chosen: ExportFormat) -> Exported:
    """`-o -`: the export on standard output (it wrote a file named `-`).  DuckDB's COPY writes
    only to a file: written to a scratch one, then copied out as it is (Parquet's bytes too)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="osai-export-") as scratch:
        path = Path(scratch) / f"export.{chosen.value}"
        rows = _exported(db, path, chosen)
        sys.stdout.flush()
        sys.stdout.buffer.write(path.read_bytes())
        sys.stdout.buffer.flush()
    return rows


def _exported(db: Path, path: Path, chosen: ExportFormat) -> Exported:
    """The census written to `path` (its missing directories made), in rows."""
    from osai.census.export import export_census
    from osai.census.store import CensusStore

    store = CensusStore.open(db, read_only=True)
    try:
        _make_parent(path)
        return export_census(store, path, chosen)
    finally:
        store.close()


def _make_parent(path: Path) -> None:
    """The export's missing directories, made as a report's are (osai.cli.terminal.emit, after
    refuse_destinations): DuckDB's COPY refused them ("IO Error: Cannot open file")."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OsaiError(f"{path}: cannot write ({exc.strerror})") from None


def _export_format(given: str | None, output: Path | None) -> ExportFormat:
    """--format's, else the one -o's extension names, as `osai check -o` reads it: BadInput
    when the two disagree (`--format csv -o c.json` wrote CSV into c.json), or neither names
    one.  With --format, a path whose extension names no export format (`-o c.out`) is fine."""
    from osai.census.export import EXTENSIONS
    from osai.outputs import extension_disagrees, extension_format, unknown_extension

    chosen = None if given is None else _named_export_format(given)
    if output is None:
        if chosen is None:
            raise BadInput(
                "no format: give --format parquet, csv or json, or -o PATH ending .parquet, .csv "
                "or .json"
            )
        return chosen
    said = extension_format(str(output), EXTENSIONS)
    if chosen is not None and said is not None and said is not chosen:
        raise BadInput(
            f"{extension_disagrees(f'-o {output}', said, chosen)}: write -o "
            f"{shlex.quote(str(output.with_suffix(f'.{chosen.value}')))} (or leave --format out to "
            f"write {said} there)"
        )
    found = chosen or said
    if found is None:
        raise BadInput(
            f"{unknown_extension(str(output), EXTENSIONS)}; give --format parquet, csv or json"
        )
    return found


def _named_export_format(given: str) -> ExportFormat:
    from osai.census.export import ExportFormat
    from osai.suggest import did_you_mean

    try:
        return ExportFormat(given.lower())  # -o x.CSV is CSV: so is --format CSV
    except ValueError:
        meant = did_you_mean(given, [f.value for f in ExportFormat])
        raise BadInput(f"--format {given}: expected parquet, csv or json{meant}") from None


@census_app.command("merge")
def census_merge(
    context: typer.Context,
    shards: Annotated[
        list[Path],
        typer.Argument(metavar="SHARD", help="The shards' census databases.", dir_okay=False),
    ],
    db: Annotated[Path, _db_option()] = _DB_DEFAULT,
) -> None:
    """Merge shards' census databases (--shard K/N) into --db, again whenever a shard has run
    again: a run merged before is not merged twice, and a model takes its newest judgement and
    its last listing."""
    from osai.census.merge import check_shard, merge_shard
    from osai.census.store import CensusStore

    try:
        db = _database(context, db)
        for shard in shards:
            check_shard(shard, db)
        store = CensusStore.open(db)
        try:
            for shard in shards:
                status(_merged_line(merge_shard(store, shard), db))
        finally:
            store.close()
    except OsaiError as exc:
        fail(exc)


def _merged_line(merged: Merged, db: Path) -> str:
    """What merging one shard changed, in one line (osai.census.merge.Merged)."""
    runs = counted(merged.runs, "new run")
    before = f", {merged.already:,} merged before" if merged.already else ""
    models = (
        f"{merged.added:,} added, {merged.judged_again:,} judged again, "
        f"{merged.relisted:,} listed again"
    )
    return f"merged {merged.shard} into {db}: {runs}{before}; models: {models}"
