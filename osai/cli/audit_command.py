"""`osai audit mot` and `osai audit eosai`: each public listing that names a Hub repository,
checked against that repository (the use case is osai.audit; registered on the app by osai.cli).

Exit codes: 0 the audit ran (disagreements and listings naming no repository are its findings,
not a failure); 2 bad input; 3 no audited listing's repository answered.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from osai.cli.options import Timeout, deadline_option
from osai.cli.terminal import emit, fail, warning
from osai.errors import BadInput, ExitCode, OsaiError

audit_app = typer.Typer(
    help="Check each public listing (MOT, EOSAI) against the Hub repository it names.",
    no_args_is_help=True,
)


def _audit(
    database: str,
    models: list[str] | None,
    output_format: str | None,
    output: Path | None,
    jobs: int,
    limit: int | None,
    timeout: float,
    deadline: float,
    follow: bool,
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
    )
    try:
        render = audit_renderer(_chosen_format(output_format, output))
        audited = run_audit(request)
    except OsaiError as exc:
        fail(exc)
    for skipped in audited.warnings:
        warning(skipped)
    rendered = render(audited.report)
    if output is None:
        emit(rendered, ())
    else:
        emit("", ((output, rendered),))
    summary = audited.report.summary
    unreachable = summary.audited > 0 and summary.not_reachable == summary.audited
    raise typer.Exit(ExitCode.EVIDENCE_UNAVAILABLE if unreachable else ExitCode.OK)


def _chosen_format(given: str | None, output: Path | None) -> str:
    """--format, else the format the -o file's extension names (`-o audit.json` is JSON, as for
    `osai check`), else text.  BadInput when the two disagree: which the file should hold is not
    osai's to guess."""
    from osai.formatters.audit import AUDIT_FORMATS
    from osai.outputs import extension_format

    named = extension_format(str(output)) if output is not None else None
    if named is None:
        return given or "text"
    if named.value not in AUDIT_FORMATS:
        raise BadInput(
            f"-o {output}: its extension names {named.value}; audit writes "
            f"{', '.join(AUDIT_FORMATS)}"
        )
    if given is not None and given != named.value:
        raise BadInput(
            f"--format {given} and -o {output} (a {named.value} file's extension) disagree: "
            f"drop --format, or name the file for {given}"
        )
    return named.value


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
        help="text, json or markdown (default: what the -o file's extension names, else text).",
    ),
]
_Output = Annotated[Path | None, typer.Option("-o", "--output", help="Write it here.")]
_Jobs = Annotated[
    int, typer.Option("--jobs", "-j", min=1, max=64, help="Repositories read at once.")
]
_Limit = Annotated[int | None, typer.Option("--limit", min=1, help="The first N.")]
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
    ) -> None:
        _audit(database, models, output_format, output, jobs, limit, timeout, deadline, follow)

    command.__doc__ = summary
    return command


audit_app.command("mot")(
    _audit_command(
        "mot",
        "Each Model Openness Tool model file naming a Hub repository, against that repository.",
    )
)
audit_app.command("eosai")(
    _audit_command(
        "eosai", "Each European Open Source AI Index entry naming a Hub repository, against it."
    )
)
