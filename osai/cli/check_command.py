"""`osai check`: read targets, judge them, print the report and write the report files."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from osai.cli.configuration import (
    FoundConfig,
    config_option,
    find_config,
    load_found,
    named_frameworks,
)
from osai.cli.options import (
    AddFramework,
    Modes,
    MofMode,
    Offline,
    Revision,
    Timeout,
    comma_separated,
    deadline_option,
    frameworks_option,
    max_links_option,
)
from osai.cli.terminal import color_enabled, encoding, is_terminal, one_stream, terminal_width
from osai.cli.terminal import emit as _emit
from osai.cli.terminal import error as _error
from osai.cli.terminal import fail as _fail
from osai.cli.terminal import status as _status
from osai.cli.terminal import warning as _warning
from osai.errors import BadInput, OsaiError
from osai.evidence import Certainty
from osai.formatters import OutputFormat
from osai.outputs import SOURCE_DATE_VARIABLE, OutputSpec, refuse_disagreement
from osai.report import Annotate, Verbosity, View
from osai.textsafe import one_line

if TYPE_CHECKING:
    from osai.config import Overrides, Settings
    from osai.run import Progress

_FORMATS = ", ".join(f.value for f in OutputFormat)
# Said when --min-certainty is given to a run with no gate (no --require, no --fail-on-unknown,
# from the flags or the configuration file): it changes nothing, and a CI job that exits 0
# must not read as one that held its verdicts to that evidence.
UNGATED_MIN_CERTAINTY = "--min-certainty ignored: no --require or --fail-on-unknown gate"
# Said when --annotate is given to a run that writes no `github` report: the annotations it
# chooses are that report's, and a job that never shows one must not read as one that did.
UNREPORTED_ANNOTATE = "--annotate ignored: no --format github or -o github=PATH report"
# Where a reader finds the full report, in words, for GitHub annotations' pointers to it: the
# Action sets it to "the job summary", where it appends the Markdown report, which is otherwise
# named by its file on the runner (osai-summary.md), a file no reader opens.
FULL_REPORT_VARIABLE = "OSAI_FULL_REPORT"


def check_command(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="TARGET",
            help="org/name, a Hub URL, a directory, a manifest, an AI BOM or a model card "
            "(default: the configuration's targets).",
        ),
    ] = None,
    framework: Annotated[
        list[str] | None,
        frameworks_option(
            "the configuration's frameworks, else the default ones, osaid and mof, and any "
            "framework a --require names"
        ),
    ] = None,
    mof_mode: MofMode = None,
    mode: Modes = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            case_sensitive=False,  # as -o's FORMAT=PATH and extensions are
            help=f"The report on standard output: {_FORMATS} (default text).",
        ),
    ] = None,
    output: Annotated[
        list[str] | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="Write a report to PATH, in the format its extension says (.sarif .sarif.json "
            ".json .md .xml .txt .cdx.json .spdx.json; else --format's) instead of standard "
            "output, or FORMAT=PATH beside it (repeatable); FORMAT=- on standard output, "
            "FORMAT=DIR/ to DIR/osai.EXT.",
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
            "eosai:0.75 (a graded framework's score) … (repeatable, or separated by commas "
            "or blanks: --require osaid,mof:class-2).",
        ),
    ] = None,
    min_certainty: Annotated[
        Certainty | None,
        typer.Option(
            "--min-certainty",
            metavar="CERTAINTY",
            help="The weakest evidence a --require may rest on; a level reached only on weaker "
            "evidence is NOT PROVEN: declared, assessed, detected (default) or inferred.",
        ),
    ] = None,
    fail_on_unknown: Annotated[
        bool | None,
        typer.Option(
            "--fail-on-unknown/--no-fail-on-unknown",
            help="Exit 1 when a verdict is not definite or is below --min-certainty (with "
            "--require, a required framework's verdict).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="REPORT",
            help="A JSON report of an earlier run (--format json): the gate fails when a "
            "framework's outcome or a requirement got worse than it.",
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
    revision: Revision = None,
    offline: Offline = False,
    follow: Annotated[
        bool | None,
        typer.Option(
            "--follow/--no-follow",
            help="Read what the card links to (code on GitHub, datasets, papers, the base "
            "model) and the code repository a manifest or an AI BOM names (default: the "
            "settings file's `follow`, else for a Hub model only).",
        ),
    ] = None,
    max_links: Annotated[int | None, max_links_option("model")] = None,
    public_assessments: Annotated[
        bool,
        typer.Option(
            "--public-assessments/--no-public-assessments",
            help="Merge a Hub model's Model Openness Tool listing and European Open Source AI "
            "Index entry as evidence, a Hugging Face cache snapshot's too (see osai db "
            "status).",
        ),
    ] = True,
    timeout: Timeout = 10.0,
    deadline: Annotated[
        float,
        deadline_option(
            "Seconds a whole check may take on the network (the Hub, the links followed)."
        ),
    ] = 60.0,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, max=64, metavar="N", help="Targets checked at once (1 to 64)."
        ),
    ] = 4,
    add_framework: AddFramework = None,
    config: Annotated[Path | None, config_option("Settings file")] = None,
) -> None:
    """Judge models against OSAID 1.0 and the MOF, and the EU AI Act's exemption and EOSAI
    when named (-f): verdicts, evidence, what would close the gap.

    Reads AI BOMs (CycloneDX, SPDX) as targets and writes them (--format cyclonedx, spdx)."""
    from osai.config import Overrides
    from osai.run import CheckRequest, run_check
    from osai.targets import distinct_targets

    if quiet and verbose:
        _fail(BadInput("-q and -v ask for opposite things: give one"))
    overrides = Overrides(
        targets=tuple(targets or ()),
        frameworks=tuple(framework) if framework else None,
        require=comma_separated(require) if require else None,
        # `-o PATH` in the format its extension names, else --format's, as `osai audit -o`
        outputs=tuple(
            OutputSpec.parse(spec, chosen=output_format, otherwise_chosen=output_format is not None)
            for spec in output
        )
        if output
        else None,
        modes=mode_specs(mode, mof_mode),
        fail_on_unknown=fail_on_unknown,
        min_certainty=min_certainty,
        add_frameworks=tuple(add_framework) if add_framework else None,
        baseline=baseline,
        follow=follow,
    )
    try:
        found = find_config(config)
    except OsaiError as exc:  # a directory osai cannot list
        _fail(exc)
    try:
        settings = _settings(found, overrides)
        if output_format is not None:
            refuse_disagreement(settings.outputs, output_format)
        github = _writes_github(settings.outputs, output_format)
    except OsaiError as exc:
        _fail_warned(exc, (found.aside,), found.path)
    # Said before the run on standard error alone, they were in no report: a CI job shows its
    # annotations, SARIF and JSON, never its log.  The run's reports carry them first, and
    # the run's warnings are what is printed.
    said_before = tuple(
        said
        for said in (
            found.aside,
            _ungated_min_certainty(settings, min_certainty is not None),
            UNREPORTED_ANNOTATE if annotate is not None and not github else "",
        )
        if said
    )
    color = color_enabled(sys.stdout)
    view = View(
        width=terminal_width(sys.stdout),
        encoding=encoding(sys.stdout),
        verbosity=Verbosity.QUIET
        if quiet
        else (Verbosity.VERBOSE if verbose else Verbosity.NORMAL),
        color=color,
        annotate=annotate or (Annotate.FAILURES if settings.require else Annotate.ALL),
        full_report=_full_report(settings.outputs, verbose),
        full_report_in=one_line(os.environ.get(FULL_REPORT_VARIABLE, ""), 200),
    )
    checked = distinct_targets(settings.targets, revision)  # from the command line or the file
    request = CheckRequest(
        targets=checked,
        frameworks=settings.frameworks,
        frameworks_at=settings.frameworks_at,
        framework_locations=settings.framework_locations,
        modes=settings.modes,
        output_format=output_format or OutputFormat.TEXT,
        outputs=settings.outputs,
        require=settings.require,
        require_locations=settings.require_locations,
        mode_locations=settings.mode_locations,
        mode_flags=mode_flags_named(mode, mof_mode),
        fail_on_unknown=settings.fail_on_unknown,
        fail_on_unknown_at=settings.fail_on_unknown_at,
        exit_zero=exit_zero,
        min_certainty_at=settings.min_certainty_at,
        min_certainty=settings.min_certainty or Certainty.DETECTED,
        waivers=settings.waivers,
        expired_waivers=settings.expired,
        manifest=manifest,
        revision=revision,
        offline=offline,
        timeout=timeout,
        jobs=jobs,
        extra_frameworks=settings.add_frameworks,
        replaced_frameworks=settings.replaced_frameworks,
        named_frameworks=named_frameworks(
            settings.add_frameworks, bool(add_framework), config is not None
        ),
        protected=(settings.source,) if settings.source is not None else (),
        deadline=deadline,
        follow=settings.follow,
        max_links=max_links,
        public_assessments=public_assessments,
        color=color,
        view=view,
        source_date_epoch=os.environ.get(SOURCE_DATE_VARIABLE),
        baseline=settings.baseline,
        baseline_at=settings.baseline_at,
        setting_warnings=said_before,
    )
    try:
        outcome = run_check(request, _progress(len(checked)))
    except OsaiError as exc:  # a settings file's `require` or `frameworks` may name its line
        _fail_warned(exc, said_before, found.path)
    for warning in outcome.warnings:
        _warning(warning)
    _emit(outcome.stdout, outcome.files, document=outcome.stdout_document)
    if outcome.reports_only_in_files:  # the terminal is told where they went, and the gate
        for path, _ in outcome.files:
            _status(f"wrote {path}")
        if outcome.gate_said:
            _status(outcome.gate_said)
    if not (outcome.stated_on_stdout and one_stream()):
        for message in outcome.messages:
            _error(message)
    if outcome.withheld:  # said whatever the report states: no report says it
        _error(outcome.withheld)
    raise typer.Exit(outcome.exit_code)


def _full_report(outputs: tuple[OutputSpec, ...], verbose: bool) -> str:
    """Where a person reads the whole report, for annotations to point at.  A text report is
    whole only with -v: without it, one of several targets is their summary table (it says
    "-v shows each target's verdicts"), and `-o osai.txt --format github` on 50 targets sent
    the annotations' "549 more errors" to it as "the full report"."""
    text = (OutputFormat.TEXT,) if verbose else ()
    readable = (OutputFormat.MARKDOWN, OutputFormat.SARIF, *text, OutputFormat.JSON)
    for wanted in readable:
        for spec in outputs:
            if spec.format is wanted and not spec.to_standard_output:
                return str(spec.path)
    return ""


def _settings(found: FoundConfig, overrides: Overrides) -> Settings:
    """The run's settings: command line over the configuration file over defaults."""
    from osai.config import resolve, waiver_day

    return resolve(load_found(found), overrides, waiver_day())


def _fail_warned(exc: OsaiError, warnings: tuple[str, ...], config: Path | None) -> NoReturn:
    """An error that stops the run before its reports, after the warnings said before it (no
    report carries them now): a pyproject.toml's [tool.osia] explains a "no target" error."""
    for said in warnings:
        if said:
            _warning(said)
    _fail(exc, at=config)


def _ungated_min_certainty(settings: Settings, flag_given: bool) -> str:
    """The warning that --min-certainty changes nothing, with no gate (from the flags or the
    configuration file) to hold verdicts to it; named as the user gave it: the flag, or the
    configuration file's key.  "" when it is not given, or gated."""
    if settings.min_certainty is None or settings.require or settings.fail_on_unknown:
        return ""
    if flag_given:
        return UNGATED_MIN_CERTAINTY
    return f"{settings.source}: min-certainty ignored: no require or fail-on-unknown gate"


def _writes_github(outputs: tuple[OutputSpec, ...], output_format: OutputFormat | None) -> bool:
    """Whether the run writes a `github` report (on standard output, or to a file), whose
    annotations --annotate chooses.  BadInput for two reports on standard output."""
    from osai.outputs import standard_output_format

    on_stdout = standard_output_format(outputs, output_format or OutputFormat.TEXT)
    return OutputFormat.GITHUB in (on_stdout, *(spec.format for spec in outputs))


def mode_specs(modes: list[str] | None, mof_mode: str | None) -> tuple[str, ...]:
    """`--mode F=M`, with `--mof-mode X` as the short form of `--mode mof=X`.  Two modes of one
    framework (`--mof-mode strict --mode mof=mot`, `--mode mof=mot --mode mof=strict`) are
    refused, as a configuration file's are (osai.config.refuse_two_modes): one was taken
    without a word, `--mof-mode`'s whichever came first."""
    from osai.config import refuse_two_modes
    from osai.textsafe import quoted_name

    if mof_mode is not None and not mof_mode.strip():  # it judged in the default mode
        raise BadInput(
            f"--mof-mode {quoted_name(mof_mode)}: names no mode; give default, mot or strict"
        )
    refuse_two_modes(mode_flags_named(modes, mof_mode))
    return (*(modes or ()), *((f"mof={mof_mode}",) if mof_mode else ()))


def mode_flags_named(modes: list[str] | None, mof_mode: str | None) -> tuple[tuple[str, str], ...]:
    """Each mode spec the command line gives, with the flag that gave it: a flag's mode for a
    framework left out is refused, where a configuration file's waits for it (resolve_modes)."""
    from osai.config import mode_flag

    return (*((spec, mode_flag(spec)) for spec in modes or ()), *mof_mode_named(mof_mode))


def mof_mode_named(mof_mode: str | None) -> tuple[tuple[str, str], ...]:
    """Where `--mof-mode X`'s spec came from, for an error to name the flag given (it said
    `--mode mof=X`, a flag the user did not type)."""
    from osai.textsafe import escaped_name

    return ((f"mof={mof_mode}", f"--mof-mode {escaped_name(mof_mode)}"),) if mof_mode else ()


def _progress(count: int) -> Progress | None:
    """A rich progress bar on a terminal for several targets; nothing otherwise."""
    if count < 2 or not is_terminal(sys.stderr):
        return None
    from osai.progress import RichProgress

    return RichProgress()
