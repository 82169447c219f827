"""The command line: the only package that prints, writes report files or exits."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

# typer vendors click; its usage errors are click's, under typer's name.
from typer._click.exceptions import ClickException, NoArgsIsHelpError

from osai import __version__
from osai.cli.census_command import census_app
from osai.cli.init_command import init_command
from osai.cli.terminal import emit as _emit
from osai.cli.terminal import error as _error
from osai.cli.terminal import fail as _fail
from osai.errors import BadInput, ExitCode, OsaiError
from osai.evidence import Certainty
from osai.formatters import OutputFormat
from osai.outputs import OutputSpec

if TYPE_CHECKING:
    from osai.config import Overrides, Settings
    from osai.run import Progress

app = typer.Typer(
    name="osai",
    help="The openness linter for AI models: OSAID 1.0 and the Model Openness Framework.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List, show, validate and explain the rules.", no_args_is_help=True)
licenses_app = typer.Typer(help="How osai classifies licences.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(licenses_app, name="licenses")


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except OsaiError as exc:
        _fail(exc)
    except NoArgsIsHelpError as exc:  # `osai` alone: the help, as click shows it
        exc.show()
        raise SystemExit(ExitCode.BAD_INPUT) from None
    except ClickException as exc:  # a usage error: one line, as every other error
        sys.stderr.write(f"osai: error: {_one_line(exc.format_message())}\n")
        raise SystemExit(ExitCode.BAD_INPUT) from None
    except typer.Abort:
        sys.stderr.write("osai: interrupted\n")
        raise SystemExit(ExitCode.INTERRUPTED) from None
    except KeyboardInterrupt:
        sys.stderr.write("osai: interrupted\n")
        raise SystemExit(ExitCode.INTERRUPTED) from None
    except Exception as exc:  # a bug in osai: one line, and the traceback only on request
        if os.environ.get("OSAI_DEBUG"):
            raise
        sys.stderr.write(f"osai: internal error: {type(exc).__name__}: {exc} (set OSAI_DEBUG=1)\n")
        raise SystemExit(ExitCode.INTERNAL_ERROR) from None
    raise SystemExit(code if isinstance(code, int) else ExitCode.OK)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"osai {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """osai: is this model really open source?"""


# --- check ---------------------------------------------------------------------------------


@app.command()
def check(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="org/name, a Hub URL, a directory, a manifest or a model card "
            "(default: the configuration's targets)."
        ),
    ] = None,
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "-f",
            "--framework",
            help="osaid|mof|eu-ai-act|eosai|ID (repeatable; default: the default ones, "
            "osaid and mof, and any framework a --require names).",
        ),
    ] = None,
    mof_mode: Annotated[
        str | None, typer.Option("--mof-mode", help="default | mot | strict (= --mode mof=…).")
    ] = None,
    mode: Annotated[
        list[str] | None,
        typer.Option("--mode", help="FRAMEWORK=MODE, for any framework with modes (repeatable)."),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="The report on standard output.")
    ] = OutputFormat.TEXT,
    output: Annotated[
        list[str] | None, typer.Option("-o", "--output", help="PATH, or FORMAT=PATH (repeatable).")
    ] = None,
    require: Annotated[
        list[str] | None,
        typer.Option(
            "--require",
            help="A policy the run must meet: osaid, mof:class-2, eu-ai-act:exempt, "
            "eosai:0.75 (a graded framework's score) … (repeatable).",
        ),
    ] = None,
    min_certainty: Annotated[
        Certainty,
        typer.Option(
            "--min-certainty",
            help="The weakest evidence a --require may rest on; a level reached only on weaker "
            "evidence is NOT PROVEN.",
        ),
    ] = Certainty.DETECTED,
    fail_on_unknown: Annotated[
        bool | None,
        typer.Option(
            "--fail-on-unknown/--no-fail-on-unknown",
            help="Exit 1 when a verdict is not definite or is below --min-certainty.",
        ),
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(
            "--manifest", help="A manifest whose declared facts are merged with detected ones."
        ),
    ] = None,
    revision: Annotated[
        str | None, typer.Option("--revision", help="Hub revision (branch, tag or commit).")
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Use the local caches only (Hub, linked resources).")
    ] = False,
    follow: Annotated[
        bool | None,
        typer.Option(
            "--follow/--no-follow",
            help="Read what the card links to: code on GitHub, datasets, papers, the base model "
            "(default: for a Hub model only).",
        ),
    ] = None,
    max_links: Annotated[
        int | None,
        typer.Option("--max-links", min=0, help="Linked resources read per model (default 12)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds per Hub request.")
    ] = 10.0,
    deadline: Annotated[
        float,
        typer.Option("--deadline", min=1.0, help="Seconds a whole Hub check may take."),
    ] = 60.0,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=64, help="Targets checked at once.")
    ] = 4,
    add_framework: Annotated[
        list[Path] | None,
        typer.Option("--add-framework", help="An extra framework rule file (repeatable)."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Settings file: .osai.yaml, or a TOML file with [tool.osai] "
            "(default: .osai.yaml, else pyproject.toml, in the current directory).",
        ),
    ] = None,
) -> None:
    """Judge models against OSAID 1.0 and the MOF: verdicts, evidence, what would close the gap."""
    from osai.config import Overrides
    from osai.run import CheckRequest, run_check

    overrides = Overrides(
        targets=tuple(targets or ()),
        require=tuple(require) if require else None,
        outputs=tuple(OutputSpec.parse(spec) for spec in output) if output else None,
        modes=mode_specs(mode, mof_mode),
        fail_on_unknown=fail_on_unknown,
    )
    try:
        settings = _settings(config, overrides)
    except OsaiError as exc:
        _fail(exc)
    request = CheckRequest(
        targets=settings.targets,
        frameworks=tuple(framework or ()),
        modes=settings.modes,
        output_format=output_format,
        outputs=settings.outputs,
        require=settings.require,
        fail_on_unknown=settings.fail_on_unknown,
        min_certainty=min_certainty,
        waivers=tuple((waiver.rule, waiver.reason) for waiver in settings.waivers),
        expired_waivers=settings.expired,
        manifest=manifest,
        revision=revision,
        offline=offline,
        timeout=timeout,
        jobs=jobs,
        extra_frameworks=tuple(add_framework or ()),
        protected=(settings.source,) if settings.source is not None else (),
        deadline=deadline,
        follow=follow,
        max_links=max_links,
        color=sys.stdout.isatty(),
    )
    try:
        outcome = run_check(request, _progress(len(settings.targets)))
    except OsaiError as exc:
        _fail(exc)
    for warning in outcome.warnings:
        sys.stderr.write(f"osai: warning: {warning}\n")
    _emit(outcome.stdout, outcome.files)
    for message in outcome.messages:
        _error(message)
    raise typer.Exit(outcome.exit_code)


def _settings(config_path: Path | None, overrides: Overrides) -> Settings:
    """The run's settings: command line over the configuration file over defaults."""
    import datetime

    from osai.config import Config, find_config, load_config, resolve

    path = config_path or find_config(Path())
    config = load_config(path) if path is not None else Config()
    return resolve(config, overrides, datetime.date.today())


def mode_specs(modes: list[str] | None, mof_mode: str | None) -> tuple[str, ...]:
    """`--mode F=M`, with `--mof-mode X` as the short form of `--mode mof=X`."""
    return (*(modes or ()), *((f"mof={mof_mode}",) if mof_mode else ()))


def _progress(count: int) -> Progress | None:
    """A rich progress bar on a terminal for several targets; nothing otherwise."""
    if count < 2 or not sys.stderr.isatty():
        return None
    from osai.progress import RichProgress

    return RichProgress()


# --- init ----------------------------------------------------------------------------------

app.command(name="init")(init_command)
app.add_typer(census_app, name="census")  # osai.cli.census_command


# --- compare -------------------------------------------------------------------------------


@app.command()
def compare(
    frameworks: Annotated[
        list[str] | None,
        typer.Argument(
            help="Two or more framework ids: osaid (or osi), mof, eu-ai-act, eosai, … "
            "(default: osaid mof)."
        ),
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="Also judge this target under each of them.")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="text, json or markdown.")
    ] = OutputFormat.TEXT,
    mode: Annotated[
        list[str] | None,
        typer.Option("--mode", help="FRAMEWORK=MODE for --model (repeatable)."),
    ] = None,
    mof_mode: Annotated[
        str | None, typer.Option("--mof-mode", help="default | mot | strict (= --mode mof=…).")
    ] = None,
) -> None:
    """Frameworks side by side, generated from their rule files."""
    from osai.compare import chosen_frameworks, compare
    from osai.formatters.comparison import COMPARE_FORMATS, render_comparison
    from osai.rules import load_ruleset
    from osai.run import check_model

    try:
        if output_format not in COMPARE_FORMATS:
            names = ", ".join(f.value for f in COMPARE_FORMATS)
            raise BadInput(f"compare writes {names}, not {output_format.value}")
        rules = load_ruleset()
        chosen = chosen_frameworks(rules, tuple(frameworks or ("osaid", "mof")))
        modes = mode_specs(mode, mof_mode)
        report = check_model(model, rules, chosen, modes, _is_terminal()) if model else None
        text = render_comparison(compare(chosen, rules, report), output_format, _is_terminal())
    except OsaiError as exc:
        _fail(exc)
    sys.stdout.write(text)


def _is_terminal() -> bool:
    return sys.stdout.isatty()


# --- rules ---------------------------------------------------------------------------------


@rules_app.command("list")
def rules_list() -> None:
    """Every framework and its requirements."""
    from osai.explain import list_rules

    _print_or_fail(list_rules)


@rules_app.command("show")
def rules_show(framework_id: Annotated[str, typer.Argument(help="osaid, mof, …")]) -> None:
    """One framework: levels, licence policies per mode, requirements."""
    from osai.explain import show_framework

    _print_or_fail(lambda: show_framework(framework_id))


@rules_app.command("explain")
def rules_explain(rule_id: Annotated[str, typer.Argument(help="e.g. OSAID-CODE-TRAINING")]) -> None:
    """One requirement: what it checks, its source text, how to meet it."""
    from osai.explain import explain_rule

    _print_or_fail(lambda: explain_rule(rule_id))


@rules_app.command("validate")
def rules_validate(
    files: Annotated[list[Path], typer.Argument(help="Rule files to validate.")],
) -> None:
    """Validate rule files against osai's published JSON Schemas."""
    from osai.assessments.eosai_mapping import mapping_problems
    from osai.rules import RuleSet, validate_rule_file
    from osai.yamlsafe import YamlDocument

    def eosai_mapping(document: YamlDocument, rules: RuleSet) -> list[str]:
        return mapping_problems(document, set(rules.components), set(rules.facts))

    failed = False
    for path in files:
        problems = validate_rule_file(path, {"eosai-mapping": eosai_mapping})
        failed = failed or bool(problems)
        for problem in problems:
            _error(problem)  # `osai: error: FILE:LINE: ...`, as every other error
        if not problems:
            sys.stdout.write(f"{path}: valid\n")
    raise typer.Exit(ExitCode.BAD_INPUT if failed else ExitCode.OK)


@licenses_app.command("show")
def licenses_show(
    expression: Annotated[
        str,
        typer.Argument(help='An SPDX id, expression or licence name, e.g. "Apache-2.0 OR llama2".'),
    ],
) -> None:
    """How osai classifies a licence, and why, under every framework."""
    from osai.explain import show_licence

    _print_or_fail(lambda: show_licence(expression))


def _print_or_fail(produce: Any) -> None:
    try:
        text: str = produce()
    except OsaiError as exc:
        _fail(exc)
    sys.stdout.write(text)


# --- db: the public-assessment databases ---------------------------------------------------

db_app = typer.Typer(
    help="The public-assessment databases (MOT, EOSAI): status and update.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
_DATA_DIR_HELP = "Where updated snapshots live (default: $OSAI_DATA_DIR, else ~/.local/share/osai)."


@db_app.command("status")
def db_status_command(
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help=_DATA_DIR_HELP)] = None,
) -> None:
    """Sources, commits, dates, entry counts, licences, and which snapshot answers."""
    from osai.assessments import db_status, user_data_dir
    from osai.formatters.assessments import render_status

    _print_or_fail(lambda: render_status(db_status(data_dir or user_data_dir())))


@db_app.command("update")
def db_update_command(
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help=_DATA_DIR_HELP)] = None,
) -> None:
    """Fetch each database's current snapshot (one archive each); keep the last good one."""
    from osai.assessments import update_databases, user_data_dir
    from osai.assessments.update import CODELOAD
    from osai.formatters.assessments import render_update
    from osai.rules import load_ruleset

    try:
        outcomes = update_databases(
            load_ruleset(),
            data_dir or user_data_dir(),
            codeload_base=os.environ.get("OSAI_CODELOAD_URL") or CODELOAD,
        )
    except OsaiError as exc:
        _fail(exc)
    sys.stdout.write(render_update(outcomes))
    raise typer.Exit(0 if all(outcome.updated for outcome in outcomes) else 3)
