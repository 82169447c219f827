"""`osai audit mot` and `osai audit eosai`: each public listing that names a Hub repository,
checked against that repository (the use case is osai.audit; registered on the app by osai.cli).

Exit codes: 0 the audit ran (disagreements and listings naming no repository are its findings,
not a failure); 2 bad input (a MODEL no listing names among it: a JSON report still says so, in
its errors[]); 3 no audited listing's repository answered.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from osai.cli.options import Offline, Timeout, deadline_option
from osai.cli.terminal import emit, encoding, error, fail, status, terminal_width, warning
from osai.errors import BadInput, ExitCode, OsaiError

if TYPE_CHECKING:
    from osai.assessments.audit import AuditReport

audit_app = typer.Typer(
    help="Check each public listing (MOT, EOSAI) against the Hub repository it names.",
    no_args_is_help=True,
)


def _audit(
    database: str,
    models: list[str] | None,
    output_format: str | None,
    output: str | None,
    jobs: int,
    limit: int | None,
    timeout: float,
    deadline: float,
    follow: bool,
    offline: bool = False,
) -> None:
    from osai.audit import AuditRequest, run_audit
    from osai.formatters.audit import audit_renderer

    request = AuditRequest(
        database=database,
        only=tuple(models or ()),
        limit=limit,
        jobs=jobs,
        timeout=timeout,
        deadline=deadline,
        follow=follow,
        offline=offline,
    )
    try:
        destination = _destination(output_format, output)
        width = terminal_width(sys.stdout)
        renderers = {name: audit_renderer(name, width) for name in destination.formats}
        audited = run_audit(request)
    except OsaiError as exc:
        fail(exc)
    for said in (destination.misnamed, *audited.warnings):
        if said:
            warning(said)
    report = audited.report
    if report.errors:
        _refused(destination, renderers, report)
    on_screen = (
        # the screen's own renderer: a text file beside it (-o text=PATH) is UTF-8
        audit_renderer(destination.screen, width, encoding(sys.stdout))(report)
        if destination.screen
        else ""
    )
    files = (
        ()
        if destination.file is None
        else ((destination.file, renderers[destination.file_format](report)),)
    )
    emit(on_screen, files, document=destination.screen == "json")
    if destination.file is not None and not destination.screen:
        # as `osai check -o` says it: the terminal was otherwise left with nothing at all
        status(f"wrote {destination.file}")
    summary = audited.report.summary
    unreachable = summary.audited > 0 and summary.not_reachable == summary.audited
    raise typer.Exit(ExitCode.EVIDENCE_UNAVAILABLE if unreachable else ExitCode.OK)


def _refused(
    destination: _Destination,
    renderers: dict[str, Callable[[AuditReport], str]],
    report: AuditReport,
) -> NoReturn:
    """MODELs the audit cannot take (no listing names them): each an error line, exit 2, nothing
    audited.  A JSON report is still written where one was asked, with them in its errors[], as
    `osai check` writes one with a target it cannot check: a JSON reader had nothing to parse.
    Text and Markdown, for a person, report nothing beside the error lines."""
    as_json = renderers.get("json")  # there when either destination is JSON
    on_screen = as_json(report) if as_json and destination.screen == "json" else ""
    file = destination.file if destination.file_format == "json" else None
    emit(on_screen, ((file, as_json(report)),) if as_json and file else (), document=True)
    for found in report.errors:
        error(found.message)
    raise typer.Exit(max(found.exit_code for found in report.errors))


@dataclass(frozen=True)
class _Destination:
    """Which format standard output and the -o file get ("" and None: none)."""

    screen: str
    file: Path | None = None
    file_format: str = ""
    misnamed: str = ""  # the file's extension names another format (OutputSpec.misnamed)

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(name for name in (self.screen, self.file_format) if name)


def _destination(typed: str | None, output: str | None) -> _Destination:
    """`-o` read as `osai check` reads it (osai.outputs.OutputSpec: `-o audit.json` is JSON
    instead of standard output, `-o json=PATH` JSON beside it), with the same refusals when it
    and --format disagree.  A format audit does not write is refused first, as the user typed
    it or as the path's extension names it (osai.outputs.unwritten_format), before the audit
    starts."""
    from osai.formatters import OutputFormat
    from osai.formatters.audit import AUDIT_FORMATS
    from osai.outputs import OutputSpec, refuse_disagreement, unwritten_format

    given = typed.lower() if typed is not None else None  # in any case, as -o's names
    if typed is not None and given not in AUDIT_FORMATS:  # refused as typed (`SARIF`)
        raise BadInput(f"--format {typed}: {unwritten_format('audit', typed, AUDIT_FORMATS)}")
    if output is None:
        return _Destination(given or "text")
    chosen = OutputFormat(given) if given is not None else None
    # `-o FILE` in the format its extension names, else --format's (the README's word)
    spec = OutputSpec.parse(output, AUDIT_FORMATS, chosen, otherwise_chosen=True, command="audit")
    if chosen is not None:
        refuse_disagreement((spec,), chosen)
    spec.refuse_occupied()  # never over a file the user wrote (osai.outputs.refuse_unowned)
    if spec.to_standard_output:
        return _Destination(spec.format.value)
    screen = "" if spec.inferred else (given or "text")
    return _Destination(screen, spec.path, spec.format.value, spec.misnamed)


# `audit mot` and `audit eosai` take the same arguments.
_Models = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="MODEL",
        help="Only the listings naming these Hub repositories (default: every one).",
    ),
]
_Format = Annotated[
    str | None,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="text, json or markdown (default: what the -o file's extension names, else text).",
    ),
]
_Output = Annotated[
    str | None,
    typer.Option(
        "-o",
        "--output",
        metavar="PATH",
        help="Write it here, in the format its extension names (or -o FORMAT=PATH).",
    ),
]
_Jobs = Annotated[
    int,
    typer.Option("--jobs", "-j", min=1, max=64, metavar="N", help="Repositories read at once."),
]
_Limit = Annotated[int | None, typer.Option("--limit", min=1, metavar="N", help="The first N.")]
_Deadline = Annotated[float, deadline_option("Seconds each repository's read may take.")]
_Follow = Annotated[
    bool, typer.Option("--follow/--no-follow", help="Read what each card links to.")
]


def _audit_command(database: str, summary: str) -> Callable[..., None]:
    """`osai audit DATABASE`: the one command both databases share, with its own summary."""

    def command(
        models: _Models = None,
        output_format: _Format = None,
        output: _Output = None,
        jobs: _Jobs = 4,
        limit: _Limit = None,
        timeout: Timeout = 10.0,
        deadline: _Deadline = 60.0,
        follow: _Follow = True,
        offline: Offline = False,
    ) -> None:
        _audit(
            database, models, output_format, output, jobs, limit, timeout, deadline, follow, offline
        )

    command.__doc__ = summary
    return command


# A listing that disagrees with the Hub is a finding of the audit, not its failure: said here,
# as the README says it, since an audit in CI otherwise reads as a gate (`osai check`'s 1).  A
# sentence, wrapped as the help is: kept as written (click's \b), its 76 columns ran past a pane.
AUDIT_EXIT_CODES = """Exit codes: 0 the audit ran (a disagreement is a finding, not a failure);
2 bad input; 3 no repository answered."""

audit_app.command("mot", epilog=AUDIT_EXIT_CODES)(
    _audit_command(
        "mot",
        "Each Model Openness Tool model file naming a Hub repository, against that repository.",
    )
)
audit_app.command("eosai", epilog=AUDIT_EXIT_CODES)(
    _audit_command(
        "eosai", "Each European Open Source AI Index entry naming a Hub repository, against it."
    )
)
