"""The command line: the only package that prints, writes report files or exits."""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import typer

# typer vendors click; its usage errors are click's, under typer's name.
from typer._click import Context
from typer._click.exceptions import ClickException, NoArgsIsHelpError, NoSuchOption, UsageError
from typer.core import TyperArgument, TyperGroup, TyperOption

from osai import __version__
from osai.cli.coercion import install as install_coercion
from osai.cli.configuration import FrameworksConfig, known_frameworks
from osai.cli.helpwidth import fit_help, help_width
from osai.cli.options import AddFramework, MofMode
from osai.cli.terminal import (
    color_enabled,
    encoding,
    internal_error,
    print_or_fail,
    shown,
    stop_interrupted,
    terminal_width,
    write_document,
)
from osai.cli.terminal import error as _error
from osai.cli.terminal import fail as _fail
from osai.collector import collect_seldom
from osai.errors import BadInput, ExitCode, OsaiError
from osai.formatters import OutputFormat
from osai.formatters.escaping import terminal
from osai.formatters.standins import register_stand_ins


def _no_python_type(self: TyperArgument, ctx: object) -> str | None:
    """An argument's help names it by its metavar (TARGET...), never by a Python type."""
    return None


def _usage_name(self: TyperArgument) -> str:
    """An argument in the usage line as click and man pages write it: RULE when required,
    [TARGET] when not, `...` after one that takes several (typer writes `{RULE}`, which reads
    as a choice, or as braces to type)."""
    name = self.display_name_raw
    shown = name if self.required else f"[{name}]"
    return shown + ("..." if self.nargs != 1 else "")


def _metavar(self: TyperOption, ctx: object) -> str | None:
    """An option's value is named by its metavar, else by its long name (--timeout TIMEOUT, as
    argparse does), never by a Python type; a flag takes no value.  A repeatable option takes
    one value each time (`--filter A --filter B`): its help says "repeatable", and its value is
    never written FILTER..., which promised `--filter A B`."""
    if self.metavar is not None:
        return self.metavar
    if self.is_flag or self.count:
        return None
    return max(self.opts, key=len).lstrip("-").upper()


TyperArgument.display_type_rich = _no_python_type  # type: ignore[method-assign,assignment]
TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]
TyperOption.display_type_rich = _metavar  # type: ignore[method-assign]
install_coercion()  # options converted without a pydantic model each (osai.cli.coercion)


class CompareFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class _RootGroup(TyperGroup):
    """`osai` itself: a word that names no command but names one of a group's says which
    (`osai explain X`: "No such command 'explain'", where the README's `osai rules show mof  # or
    explain …` meant `osai rules explain`), and an option given before its command says where
    it goes (`osai -q check m.yml`: "No such option: -q", though `check` takes it)."""

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            word = args[0] if args else ""
            meant = [f"osai {name} {word}" for name in self._groups_with(ctx, word)]
            if meant and word not in self.commands:
                said = " or ".join(repr(command) for command in meant)
                exc.message = f"No such command {word!r} (did you mean {said}?)"
            raise

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except NoSuchOption as exc:
            command = next((word for word in args if word in self.commands), None)
            if command is not None and self._takes(ctx, command, exc.option_name):
                exc.message = (
                    f"No such option: {exc.option_name} (options go after the command: "
                    f"osai {command} {exc.option_name} ...)"
                )
                exc.possibilities = None
            raise

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except NoSuchOption as exc:
            if exc.ctx is not None and exc.ctx.command is not self:
                _say_whose_option(exc, exc.ctx)
            raise

    def _groups_with(self, ctx: Context, word: str) -> list[str]:
        """The groups (`rules`, `licenses`...) that have a command named `word`."""
        return [
            name
            for name, command in self.commands.items()
            if isinstance(command, TyperGroup) and word in command.list_commands(ctx)
        ]

    def _takes(self, ctx: Context, command: str, option: str) -> bool:
        return any(
            option in parameter.opts or option in parameter.secondary_opts
            for parameter in self.commands[command].get_params(ctx)
        )


# What a command does in place of another command's option, where a user reaches for it there
# (`osai init X --follow`: init follows links as check does by default, and no flag changes it).
_INIT_FOLLOWS = "osai init follows a Hub model's card links always, a directory's never"
_INSTEAD = {
    ("osai init", "--follow"): _INIT_FOLLOWS,
    ("osai init", "--no-follow"): _INIT_FOLLOWS,
    ("osai init", "--mof-mode"): "a draft holds licences, not verdicts: "
    "osai check DRAFT --mof-mode MODE judges them",
}


def _say_whose_option(exc: NoSuchOption, ctx: Context) -> None:
    """An option of another command, given to this one, names its command: `osai init X
    --follow` said "No such option: --follow (Possible options: --for)", though --follow is
    osai check's and nothing like --for.  The first command named is the one the help lists
    first (check before audit).  An option no command takes keeps click's words."""
    here = ctx.command_path
    owners = [path for path in _commands_taking(exc.option_name) if path != here]
    if not owners:
        return
    others = len(owners) - 1  # "and 2 more" did not say more what
    more = f" and {others} more command{'s' if others > 1 else ''}" if others else ""
    said = f"an option of {owners[0]}{more}, not of {here}"
    instead = _INSTEAD.get((here, exc.option_name))
    exc.message = f"No such option: {exc.option_name} ({said}{'; ' + instead if instead else ''})"
    exc.possibilities = None


def _commands_taking(option: str) -> list[str]:
    """Every command (`osai check`, `osai rules show`) with `option` among its options: the
    whole app is built for it, as an error's words are worth the import."""

    def walk(command: typer._click.core.Command, path: str) -> list[str]:
        if isinstance(command, TyperGroup):
            return [
                found
                for name, sub in command.commands.items()
                for found in walk(sub, f"{path} {name}")
            ]
        takes = any(option in p.opts or option in p.secondary_opts for p in command.params)
        return [path] if takes else []

    root = typer.main.get_command(_whole_app())
    return walk(root, "osai")


def _new_app() -> typer.Typer:
    return typer.Typer(
        cls=_RootGroup,
        name="osai",
        help="The openness linter for AI models: OSAID 1.0 and the Model Openness Framework; "
        "the EU AI Act's open-source exemption and EOSAI when named (-f). Reads and writes AI "
        "BOMs (CycloneDX, SPDX).",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )


rules_app = typer.Typer(help="List, show, validate and explain the rules.", no_args_is_help=True)
licenses_app = typer.Typer(help="How osai classifies licences.", no_args_is_help=True)


def _replace_what_the_streams_cannot_encode() -> None:
    """A terminal or a pipe whose encoding has no `·` or `✔` (PYTHONIOENCODING=ascii, a legacy
    console) gets their ASCII stand-ins (`-`, `+`: osai.formatters.standins), anything else it
    cannot encode `?`: the report was an internal error (UnicodeEncodeError, exit 70), then
    read `?` for met and unmet alike, osai's own mark for unknown.  Files written with -o, and
    JSON, SARIF, JUnit and the AI BOMs on standard output, are UTF-8 whatever the streams are
    (osai.cli.terminal.write_document)."""
    handler = register_stand_ins()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=handler)


class _ClosedStream(io.TextIOBase):
    """Standard output closed when osai started (`osai check m.yml >&-`): Python leaves
    sys.stdout None, and the first write was an internal error (AttributeError, exit 70).  A
    write fails here as one to a closed descriptor does (EBADF), which main says in one line,
    exit 2, as `ls >&-` does; what goes to files (-o) is written first."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF), "standard output")


def _stand_in_for_closed_streams() -> None:
    """A closed standard output fails its first write (_ClosedStream); a closed standard error
    takes what osai says there nowhere: its exit code still tells."""
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (open until exit)


def main() -> None:
    collect_seldom()  # osai.entry did, before the imports; a caller in process may not have
    _stand_in_for_closed_streams()
    _replace_what_the_streams_cannot_encode()
    try:
        command = typer.main.get_command(_app_for(sys.argv[1:]))
        fit_help(command)
        width = help_width(terminal_width(sys.stdout))
        code = command(prog_name="osai", standalone_mode=False, terminal_width=width)
        sys.stdout.flush()  # a full disk fails here, not at exit (where it was a traceback)
    except OsaiError as exc:
        _fail(exc)
    except NoArgsIsHelpError as exc:  # `osai` alone: the help, as click shows it
        exc.show()
        raise SystemExit(ExitCode.BAD_INPUT) from None
    except ClickException as exc:  # a usage error: one line, as every other error
        _fail(BadInput(_one_line(exc.format_message())))  # it may quote what was typed
    except (typer.Abort, KeyboardInterrupt):
        stop_interrupted()
    except Exception as exc:  # a bug in osai: one line, and the traceback only on request
        if _ctrl_c_caught_by_duckdb(exc):
            stop_interrupted()
        if isinstance(exc, OSError) and exc.errno in CANNOT_WRITE:
            # A stream's failed write names no file, nor does any other write to a file object:
            # which one failed is not known (a read's EIO is not among these), so none is named.
            said = f"{exc.filename}: cannot write" if exc.filename else "cannot write"
            _silence_stdout()
            _fail(BadInput(f"{said} ({exc.strerror})"))  # as -o FILE says it
        if os.environ.get("OSAI_DEBUG"):
            raise
        internal_error(_one_line(f"{type(exc).__name__}: {exc}"))  # escaped: it may quote input
        raise SystemExit(ExitCode.INTERNAL_ERROR) from None
    if code == ExitCode.INTERRUPTED:  # typer turns Ctrl-C into a silent Exit(130)
        stop_interrupted()
    raise SystemExit(code if isinstance(code, int) else ExitCode.OK)


# A write that no fault of osai's failed (standard output on a full disk, `> /dev/full`): it
# was "internal error: OSError: [Errno 28] No space left on device", exit 70, a bug to report.
CANNOT_WRITE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EBADF})


def _silence_stdout() -> None:
    """Standard output sent nowhere: Python flushes what it still holds at exit, and the full
    disk would fail that flush too, a second message after the one line."""
    if isinstance(sys.stdout, _ClosedStream):  # no descriptor: nothing to flush, none to mend
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _ctrl_c_caught_by_duckdb(error: Exception) -> bool:
    """DuckDB turns a Ctrl-C that lands mid-statement into an error of its own (a census
    store's, an export's): it was "osai: internal error: RuntimeError: Query interrupted", exit
    70.  DuckDB is not imported to ask: its errors come only from where it was."""
    if "duckdb" not in sys.modules:
        return False
    from osai.census.store import interrupted

    return interrupted(error)


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command (or group) that `args` name first (`osai check ...`), else
    the whole app.  Typer builds every command's options from its signature at each start, and
    the modules that define them import most of osai (the engine, the reports, YAML): a run
    needs only its own command's.  Usage, help and errors read the same, as click sees one group
    with that command in it.  Options alone (`osai --version`, a mistyped one) need the root's
    options alone, and `--help` or no arguments the whole list.  Completion asks the whole
    app."""
    if os.environ.get("_OSAI_COMPLETE"):
        return _whole_app()
    name = args[0] if args else ""
    if name in _COMMANDS:
        return _built({name})
    if args and all(word.startswith("-") and word != "--help" for word in args):
        return _built(set())  # `osai --version`: the root's own options, which name no command
    return _whole_app()


def _built(names: set[str] | None = None) -> typer.Typer:
    """The app with the commands and groups `names` says (all of them if None), each added as
    it always is, in the order the help lists them."""
    built = _new_app()
    built.callback()(_root)
    for name, add in _COMMANDS.items():
        if names is None or name in names:
            add(built)
    return built


@cache
def _whole_app() -> typer.Typer:
    return _built()


def __getattr__(name: str) -> typer.Typer:
    """`osai.cli.app`, the whole app, built when first asked for (tests, completion, help)."""
    if name == "app":
        return _whole_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _one_line(message: str) -> str:
    # typer's converters word a bad choice as pydantic does ("Value error, 'nope' is not one
    # of …"): the prefix is theirs, not the user's.
    return " ".join(message.replace(": Value error, ", ": ").split())


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"osai {__version__}\n")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """osai: is this model really open source?"""


# --- check ---------------------------------------------------------------------------------

# Examples at the foot of each command's help ("\b": click keeps the lines as written); each
# parses as the command line it shows (tests/test_cli_conventions.py).
CHECK_EXAMPLES = """\b
Examples:
  osai check EleutherAI/pythia-70m    # a Hub model, its card's links followed
  osai check ./my-model               # a model directory (and its osai.yaml)
  osai check osai.yaml --require osaid -o osai.sarif    # a gate, with SARIF"""
INIT_EXAMPLES = """\b
Examples:
  osai init ./my-model                # drafts ./my-model/osai.yaml to review
  osai init EleutherAI/pythia-70m     # drafts pythia-70m.osai.yaml here
  osai init --blank -o osai.yaml      # a blank manifest to fill in"""
COMPARE_EXAMPLES = """\b
Examples:
  osai compare osaid mof
  osai compare osaid mof eu-ai-act eosai --format markdown
  osai compare osaid mof --model EleutherAI/pythia-70m"""


def _add_check(app: typer.Typer) -> None:
    from osai.cli.check_command import check_command

    app.command(
        name="check",
        short_help="Judge models: verdicts, evidence, what closes the gap.",
        epilog=CHECK_EXAMPLES,
    )(check_command)


# --- init ----------------------------------------------------------------------------------


def _add_init(app: typer.Typer) -> None:
    from osai.cli.init_command import init_command

    app.command(
        name="init", short_help="Draft a manifest from what osai reads.", epilog=INIT_EXAMPLES
    )(init_command)


def _add_census(app: typer.Typer) -> None:
    from osai.cli.census_command import census_app

    app.add_typer(
        census_app, name="census", short_help="The Hub census: list, judge, store, report."
    )


# --- compare -------------------------------------------------------------------------------


def compare(
    frameworks: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FRAMEWORK",
            help="Two or more framework ids (osaid or osi, mof, eu-ai-act, eosai), separated "
            "by spaces or commas (default: the ones osai check judges when none is named).",
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
        typer.Option(
            "--format", metavar="FORMAT", case_sensitive=False, help="text, json or markdown."
        ),
    ] = CompareFormat.TEXT,
    mode: Annotated[
        list[str] | None,
        typer.Option("--mode", metavar="FRAMEWORK=MODE", help="A mode for --model (repeatable)."),
    ] = None,
    mof_mode: MofMode = None,
    add_framework: AddFramework = None,
    config: FrameworksConfig = None,
) -> None:
    """Frameworks side by side, generated from their rule files."""
    from osai.cli.check_command import mode_flags_named, mode_specs
    from osai.compare import chosen_frameworks, compare
    from osai.formatters.comparison import render_comparison
    from osai.report import View
    from osai.rules import load_ruleset
    from osai.run import check_model, select_frameworks

    view = View(
        width=terminal_width(sys.stdout),
        color=color_enabled(sys.stdout),
        encoding=encoding(sys.stdout),
    )
    added = known_frameworks(add_framework, config)
    try:
        if (mode or mof_mode) and model is None:  # the table is the rules': a mode judges one
            raise BadInput("--mode and --mof-mode apply to --model: give a target to judge")
        rules = load_ruleset(added)
        # none named: what `osai check` judges when none is named (an added file's included),
        # where "osaid mof" was kept here and left an added default framework out
        names = tuple(frameworks or ()) or tuple(
            framework.id for framework in select_frameworks(rules, (), added=added)
        )
        chosen = chosen_frameworks(rules, names)
        modes = mode_specs(mode, mof_mode)
        named = mode_flags_named(mode, mof_mode)
        # `--model ""` (a variable unset) is refused as `osai check ""` is: it was left out
        report = None if model is None else check_model(model, rules, chosen, modes, view, named)
        comparison = compare(chosen, rules, report)
        text = render_comparison(comparison, OutputFormat(output_format.value), view)
    except OsaiError as exc:
        _fail(exc)
    if output_format is CompareFormat.JSON:
        write_document(shown(text))
    else:
        sys.stdout.write(shown(text))


# --- rules ---------------------------------------------------------------------------------


class InfoFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


_INFO_FORMAT = typer.Option(
    "--format", metavar="FORMAT", case_sensitive=False, help="text or json."
)


@rules_app.command("list")
def rules_list(
    info_format: Annotated[InfoFormat, _INFO_FORMAT] = InfoFormat.TEXT,
    add_framework: AddFramework = None,
    config: FrameworksConfig = None,
) -> None:
    """Every framework and its requirements."""
    from osai.explain import list_rules

    added = known_frameworks(add_framework, config)
    if info_format is InfoFormat.JSON:
        from osai.explain_json import render, rules_list_document
        from osai.rules import load_ruleset

        print_or_fail(lambda: render(rules_list_document(load_ruleset(added))), fit=False)
        return
    print_or_fail(lambda: list_rules(terminal_width(sys.stdout), added))


@rules_app.command("show")
def rules_show(
    framework_id: Annotated[
        str, typer.Argument(metavar="FRAMEWORK", help="osaid, mof, eu-ai-act, eosai, …")
    ],
    info_format: Annotated[InfoFormat, _INFO_FORMAT] = InfoFormat.TEXT,
    add_framework: AddFramework = None,
    config: FrameworksConfig = None,
) -> None:
    """One framework: levels, licence policies per mode, requirements."""
    from osai.explain import show_framework

    added = known_frameworks(add_framework, config)
    if info_format is InfoFormat.JSON:
        from osai.explain_json import framework_document, render
        from osai.rules import load_ruleset

        def document() -> str:
            rules = load_ruleset(added)
            return render(framework_document(rules.framework(framework_id), rules))

        print_or_fail(document, fit=False)
        return
    print_or_fail(lambda: show_framework(framework_id, added))


@rules_app.command("explain")
def rules_explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="e.g. OSAID-CODE-TRAINING")],
    info_format: Annotated[InfoFormat, _INFO_FORMAT] = InfoFormat.TEXT,
    add_framework: AddFramework = None,
    config: FrameworksConfig = None,
) -> None:
    """One requirement: what it checks, its source text, how to meet it."""
    from osai.explain import explain_rule

    added = known_frameworks(add_framework, config)
    if info_format is InfoFormat.JSON:
        from osai.explain import find_inference, find_reading, find_requirement, find_scope
        from osai.explain_json import (
            inference_document,
            reading_document,
            render,
            rule_document,
            scope_document,
        )
        from osai.rules import load_ruleset

        def document() -> str:
            rules = load_ruleset(added)
            scope = find_scope(rules, rule_id)  # a condition of a framework's scope
            if scope is not None:
                return render(scope_document(*scope, rules))
            inference = find_inference(rules, rule_id)  # a rule of rules/inference.yaml
            if inference is not None:
                return render(inference_document(inference, rules))
            reading = find_reading(rules, rule_id)  # a reading of rules/inference.yaml
            if reading is not None:
                return render(reading_document(reading, rules))
            return render(rule_document(*find_requirement(rules, rule_id), rules))

        print_or_fail(document, fit=False)
        return
    print_or_fail(lambda: explain_rule(rule_id, added))


@rules_app.command("validate")
def rules_validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="Rule files to validate.")],
) -> None:
    """Validate rule files against osai's published JSON Schemas."""
    from osai.assessments.eosai_mapping import mapping_problems
    from osai.rules import RuleSet, validate_rule_file
    from osai.textsafe import line_breaks_escaped
    from osai.yamlsafe import YamlDocument

    def eosai_mapping(document: YamlDocument, rules: RuleSet) -> list[str]:
        return mapping_problems(document, set(rules.components), rules.facts)

    failed = False
    for path in files:
        problems = validate_rule_file(path, {"eosai-mapping": eosai_mapping})
        failed = failed or bool(problems)
        for problem in problems:
            # `osai: error: FILE:LINE: ...`, one line as every other error: a line break in the
            # file's name is escaped, never a line of its own that names nothing
            _error(line_breaks_escaped(problem))
        if not problems:
            sys.stdout.write(f"{terminal(line_breaks_escaped(str(path)))}: valid\n")
    if not failed:
        failed = _frameworks_clash(files)
    raise typer.Exit(ExitCode.BAD_INPUT if failed else ExitCode.OK)


def _frameworks_clash(files: list[Path]) -> bool:
    """Whether framework files each valid alone clash when added together, as `osai check
    --add-framework a.yaml --add-framework b.yaml` adds them (one id, alias or requirement id
    in both): each was "valid", and the check that added both refused them."""
    from osai.errors import BadInput
    from osai.paths import rules_dir
    from osai.rules import load_ruleset
    from osai.rules.load import is_framework_file
    from osai.textsafe import line_breaks_escaped

    bundled = (rules_dir() / "frameworks").resolve()  # each clashes with itself, bundled
    frameworks = [p for p in files if is_framework_file(p) and p.resolve().parent != bundled]
    if len(frameworks) < 2:
        return False
    try:
        load_ruleset(frameworks)
    except BadInput as exc:
        for problem in exc.args:
            _error(line_breaks_escaped(f"{problem} (added together)"))
        return True
    return False


@licenses_app.command("list")
def licenses_list(info_format: Annotated[InfoFormat, _INFO_FORMAT] = InfoFormat.TEXT) -> None:
    """The licences osai knows beyond the SPDX License List, and the sets frameworks accept."""
    if info_format is InfoFormat.JSON:
        from osai.explain_json import licences_list_document, render
        from osai.rules import load_ruleset

        print_or_fail(lambda: render(licences_list_document(load_ruleset())), fit=False)
        return
    from osai.explain import list_licences

    print_or_fail(list_licences)


@licenses_app.command("show")
def licenses_show(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="EXPRESSION",
            help='An SPDX id, expression or licence name, e.g. "Apache-2.0 OR llama2" (its '
            "words may be given unquoted).",
        ),
    ],
    info_format: Annotated[InfoFormat, _INFO_FORMAT] = InfoFormat.TEXT,
) -> None:
    """How osai classifies a licence, and why, under every framework."""
    from osai.explain import show_licence

    # `osai licenses show Apache-2.0 OR llama2`: the shell's words are the expression's
    expression = " ".join(words)

    if info_format is InfoFormat.JSON:
        from osai.explain_json import licence_document, render
        from osai.rules import load_ruleset

        print_or_fail(lambda: render(licence_document(expression, load_ruleset())), fit=False)
        return
    print_or_fail(lambda: show_licence(expression))


# --- db and audit: the public-assessment databases -----------------------------------------


def _add_db(app: typer.Typer) -> None:
    from osai.cli.db_command import db_app

    app.add_typer(db_app, name="db")


def _add_audit(app: typer.Typer) -> None:
    from osai.cli.audit_command import audit_app

    app.add_typer(
        audit_app, name="audit", short_help="Check public listings (MOT, EOSAI) against the Hub."
    )


def _add_compare(app: typer.Typer) -> None:
    app.command(epilog=COMPARE_EXAMPLES)(compare)


def _add_rules(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")


def _add_licenses(app: typer.Typer) -> None:
    app.add_typer(licenses_app, name="licenses")


# Each command and group by the name a run gives it, and how it joins the app: the modules that
# define check, init, census, db and audit are imported only by a run that names one of them
# (or by the whole app: help, completion).  In the order the help has always listed them
# (typer lists the commands, then the groups, each in the order they were added).
_COMMANDS: dict[str, Callable[[typer.Typer], None]] = {
    "check": _add_check,
    "init": _add_init,
    "compare": _add_compare,
    "rules": _add_rules,
    "licenses": _add_licenses,
    "census": _add_census,
    "db": _add_db,
    "audit": _add_audit,
}
