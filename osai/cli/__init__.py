"""The command line: the only package that prints, writes report files or exits."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

# typer vendors click; its usage errors are click's, under typer's name.
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperArgument

from osai import __version__
from osai.cli.init_command import init_command
from osai.cli.terminal import color_enabled, terminal_width
from osai.cli.terminal import emit as _emit
from osai.cli.terminal import error as _error
from osai.cli.terminal import fail as _fail
from osai.errors import BadInput, ExitCode, OsaiError
from osai.evidence import Certainty
from osai.formatters import OutputFormat
from osai.outputs import OutputSpec
from osai.report import Annotate, Verbosity, View

if TYPE_CHECKING:
    from osai.config import Overrides, Settings
    from osai.run import Progress

_FORMATS = ", ".join(f.value for f in OutputFormat)


def _no_python_type(self: TyperArgument, ctx: object) -> str | None:
    """An argument's help names it by its metavar (TARGET...), never by a Python type."""
    return None


TyperArgument.display_type_rich = _no_python_type  # type: ignore[method-assign,assignment]


class CompareFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


app = typer.Typer(
    name="osai",
    help="The openness linter for AI models: OSAID 1.0 and the Model Openness Framework.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List, show, validate and explain the rules.", no_args_is_help=True)
licenses_app = typer.Typer(help="How osai classifies licences.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(licenses_app, name="licenses")


def main() -> None:
    try:
        code = app(prog_name="osai", standalone_mode=False)
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
            metavar="TARGET",
            help="org/name, a Hub URL, a directory, a manifest or a model card "
            "(default: the configuration's targets).",
        ),
    ] = None,
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "-f",
            "--framework",
            metavar="ID",
            help="osaid|mof|eu-ai-act|eosai|ID (repeatable; default: the default ones, "
            "osaid and mof, and any framework a --require names).",
        ),
    ] = None,
    mof_mode: Annotated[
        str | None,
        typer.Option(
            "--mof-mode", metavar="MODE", help="default | mot | strict (= --mode mof=MODE)."
        ),
    ] = None,
    mode: Annotated[
        list[str] | None,
        typer.Option(
            "--mode",
            metavar="FRAMEWORK=MODE",
            help="A mode for any framework with modes (repeatable).",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", metavar="FORMAT", help=f"The report on standard output: {_FORMATS}."
        ),
    ] = OutputFormat.TEXT,
    output: Annotated[
        list[str] | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="Write a report to PATH, in the format its extension says (.sarif .json .md "
            ".xml .txt), or FORMAT=PATH (repeatable).",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Text: the verdicts only.")] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "-v",
            "--verbose",
            help="Text: every action and requirement with its evidence, and each target's "
            "detail when there are several.",
        ),
    ] = False,
    exit_zero: Annotated[
        bool,
        typer.Option(
            "--exit-zero",
            help="Exit 0 even when a required policy is not met (errors still exit 2 or 3).",
        ),
    ] = False,
    annotate: Annotated[
        Annotate | None,
        typer.Option(
            "--annotate",
            metavar="WHICH",
            help="GitHub annotations: failures | all (default: failures under --require, "
            "else all).",
        ),
    ] = None,
    require: Annotated[
        list[str] | None,
        typer.Option(
            "--require",
            metavar="POLICY",
            help="A policy the run must meet: osaid, mof:class-2, eu-ai-act:exempt, "
            "eosai:0.75 (a graded framework's score) … (repeatable).",
        ),
    ] = None,
    min_certainty: Annotated[
        Certainty,
        typer.Option(
            "--min-certainty",
            metavar="CERTAINTY",
            help="The weakest evidence a --require may rest on; a level reached only on weaker "
            "evidence is NOT PROVEN: declared, assessed, detected or inferred.",
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
            "--manifest",
            metavar="FILE",
            help="A manifest whose declared facts are merged with detected ones.",
        ),
    ] = None,
    revision: Annotated[
        str | None,
        typer.Option("--revision", metavar="REV", help="Hub revision (branch, tag or commit)."),
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
        typer.Option(
            "--max-links", min=0, metavar="N", help="Linked resources read per model (default 12)."
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, metavar="SECONDS", help="Seconds per Hub request."),
    ] = 10.0,
    deadline: Annotated[
        float,
        typer.Option(
            "--deadline", min=1.0, metavar="SECONDS", help="Seconds a whole Hub check may take."
        ),
    ] = 60.0,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, max=64, metavar="N", help="Targets checked at once (1 to 64)."
        ),
    ] = 4,
    add_framework: Annotated[
        list[Path] | None,
        typer.Option(
            "--add-framework", metavar="FILE", help="An extra framework rule file (repeatable)."
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Settings file: .osai.yaml, or a TOML file with [tool.osai] "
            "(default: .osai.yaml, else pyproject.toml, in the current directory).",
        ),
    ] = None,
) -> None:
    """Judge models against OSAID 1.0 and the MOF: verdicts, evidence, what would close the gap."""
    from osai.config import Overrides
    from osai.run import CheckRequest, run_check

    if quiet and verbose:
        _fail(BadInput("-q and -v ask for opposite things: give one"))
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
    color = color_enabled(sys.stdout)
    view = View(
        width=terminal_width(sys.stdout),
        verbosity=Verbosity.QUIET
        if quiet
        else (Verbosity.VERBOSE if verbose else Verbosity.NORMAL),
        color=color,
        annotate=annotate or (Annotate.FAILURES if settings.require else Annotate.ALL),
        full_report=_full_report(settings.outputs),
    )
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
        color=color,
        view=view,
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
    code = outcome.exit_code
    raise typer.Exit(ExitCode.OK if exit_zero and code == ExitCode.POLICY_UNMET else code)


def _full_report(outputs: tuple[OutputSpec, ...]) -> str:
    """Where a person reads the whole report, for annotations to point at."""
    readable = (OutputFormat.MARKDOWN, OutputFormat.SARIF, OutputFormat.TEXT, OutputFormat.JSON)
    for wanted in readable:
        for spec in outputs:
            if spec.format is wanted:
                return str(spec.path)
    return ""


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


# --- compare -------------------------------------------------------------------------------


@app.command()
def compare(
    frameworks: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FRAMEWORK",
            help="Two or more framework ids: osaid (or osi), mof, eu-ai-act, eosai "
            "(default: osaid mof).",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", metavar="TARGET", help="Also judge this target under each of them."
        ),
    ] = None,
    output_format: Annotated[
        CompareFormat,
        typer.Option("--format", metavar="FORMAT", help="text, json or markdown."),
    ] = CompareFormat.TEXT,
    mode: Annotated[
        list[str] | None,
        typer.Option("--mode", metavar="FRAMEWORK=MODE", help="A mode for --model (repeatable)."),
    ] = None,
    mof_mode: Annotated[
        str | None,
        typer.Option(
            "--mof-mode", metavar="MODE", help="default | mot | strict (= --mode mof=MODE)."
        ),
    ] = None,
) -> None:
    """Frameworks side by side, generated from their rule files."""
    from osai.compare import chosen_frameworks, compare
    from osai.formatters.comparison import render_comparison
    from osai.rules import load_ruleset
    from osai.run import check_model

    view = View(width=terminal_width(sys.stdout), color=color_enabled(sys.stdout))
    try:
        rules = load_ruleset()
        chosen = chosen_frameworks(rules, tuple(frameworks or ("osaid", "mof")))
        modes = mode_specs(mode, mof_mode)
        report = check_model(model, rules, chosen, modes, view) if model else None
        comparison = compare(chosen, rules, report)
        text = render_comparison(comparison, OutputFormat(output_format.value), view)
    except OsaiError as exc:
        _fail(exc)
    sys.stdout.write(text)


# --- rules ---------------------------------------------------------------------------------


class InfoFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


_INFO_FORMAT = typer.Option("--format", metavar="FORMAT", help="text or json.")


@rules_app.command("list")
def rules_list(
    info_format: Annotated[InfoFormat, _INFO_FORMAT] = InfoFormat.TEXT,
) -> None:
    """Every framework and its requirements."""
    from osai.explain import list_rules

    if info_format is InfoFormat.JSON:
        from osai.formatters.rules_json import render, rules_list_document
        from osai.rules import load_ruleset

        _print_or_fail(lambda: render(rules_list_document(load_ruleset())))
        return
    _print_or_fail(list_rules)


@rules_app.command("show")
def rules_show(
    framework_id: Annotated[
        str, typer.Argument(metavar="FRAMEWORK", help="osaid, mof, eu-ai-act, eosai, …")
    ],
    info_format: Annotated[InfoFormat, _INFO_FORMAT] = InfoFormat.TEXT,
) -> None:
    """One framework: levels, licence policies per mode, requirements."""
    from osai.explain import show_framework

    if info_format is InfoFormat.JSON:
        from osai.formatters.rules_json import framework_document, render
        from osai.rules import load_ruleset

        def document() -> str:
            rules = load_ruleset()
            return render(framework_document(rules.framework(framework_id), rules))

        _print_or_fail(document)
        return
    _print_or_fail(lambda: show_framework(framework_id))


@rules_app.command("explain")
def rules_explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="e.g. OSAID-CODE-TRAINING")],
) -> None:
    """One requirement: what it checks, its source text, how to meet it."""
    from osai.explain import explain_rule

    _print_or_fail(lambda: explain_rule(rule_id))


@rules_app.command("validate")
def rules_validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="Rule files to validate.")],
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
            sys.stderr.write(f"{problem}\n")
        if not problems:
            sys.stdout.write(f"{path}: valid\n")
    raise typer.Exit(ExitCode.BAD_INPUT if failed else ExitCode.OK)


@licenses_app.command("show")
def licenses_show(
    expression: Annotated[
        str,
        typer.Argument(
            metavar="EXPRESSION",
            help='An SPDX id, expression or licence name, e.g. "Apache-2.0 OR llama2".',
        ),
    ],
    info_format: Annotated[InfoFormat, _INFO_FORMAT] = InfoFormat.TEXT,
) -> None:
    """How osai classifies a licence, and why, under every framework."""
    from osai.explain import show_licence

    if info_format is InfoFormat.JSON:
        from osai.formatters.rules_json import licence_document, render
        from osai.rules import load_ruleset

        _print_or_fail(lambda: render(licence_document(expression, load_ruleset())))
        return
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
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", metavar="DIR", help=_DATA_DIR_HELP)
    ] = None,
) -> None:
    """Sources, commits, dates, entry counts, licences, and which snapshot answers."""
    from osai.assessments import db_status, user_data_dir
    from osai.formatters.assessments import render_status

    _print_or_fail(lambda: render_status(db_status(data_dir or user_data_dir())))


@db_app.command("update")
def db_update_command(
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", metavar="DIR", help=_DATA_DIR_HELP)
    ] = None,
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
