"""`osai db status` and `osai db update`: the public-assessment databases' snapshots (the use case
is osai.assessments.update; registered on the app by osai.cli)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from osai.cli.options import deadline_option
from osai.cli.terminal import fail, print_or_fail
from osai.errors import BadInput, ExitCode, OsaiError

db_app = typer.Typer(
    help="The public-assessment databases (MOT, EOSAI): status and update.", no_args_is_help=True
)
_DATA_DIR_HELP = (
    "Where updated snapshots live (default: $OSAI_DATA_DIR, else $XDG_DATA_HOME/osai, else "
    "~/.local/share/osai)."
)
DataDir = Annotated[Path | None, typer.Option("--data-dir", metavar="DIR", help=_DATA_DIR_HELP)]

# Where archives are fetched from: GitHub's codeload, unless a mirror (or a test's loopback server)
# is named here.
CODELOAD_VARIABLE = "OSAI_CODELOAD_URL"


@db_app.command("status")
def db_status_command(
    data_dir: DataDir = None,
) -> None:
    """Sources, commits, dates, entry counts, licences, and which snapshot answers."""
    import sys

    from osai.assessments import db_status
    from osai.cli.terminal import terminal_width
    from osai.formatters.assessments import render_status

    width = terminal_width(sys.stdout)
    print_or_fail(lambda: render_status(db_status(_data_dir(data_dir)), width))


@db_app.command("update")
def db_update_command(
    data_dir: DataDir = None,
    deadline: Annotated[float, deadline_option("Seconds each archive download may take.")] = 120.0,
) -> None:
    """Fetch each database's current snapshot (one archive each); keep the last good one.

    Exits 0 when both were updated, 3 when one was not (the snapshot that answers is named);
    3 too, fetching nothing, offline (HF_HUB_OFFLINE) or while another update of the data
    directory runs.
    osai check and osai audit read snapshots from $OSAI_DATA_DIR only (they take no
    --data-dir): after --data-dir X, run them with OSAI_DATA_DIR=X.
    """
    from osai.assessments import update_databases
    from osai.assessments.download import bounded_download
    from osai.assessments.update import CODELOAD
    from osai.formatters.assessments import render_update
    from osai.rules import load_ruleset

    try:
        _refuse_offline()
        codeload_base = _codeload_base() or CODELOAD
        outcomes = update_databases(
            load_ruleset(),
            _data_dir(data_dir, storing=True),
            bounded_download(deadline),
            codeload_base=codeload_base,
        )
    except OsaiError as exc:
        fail(exc)
    # fitted to the terminal as `db status` is: an outcome is one long line
    print_or_fail(lambda: render_update(outcomes))
    updated = all(outcome.updated for outcome in outcomes)
    raise typer.Exit(ExitCode.OK if updated else ExitCode.EVIDENCE_UNAVAILABLE)


def _refuse_offline() -> None:
    """EvidenceUnavailable in offline mode: the archives come from codeload, not the Hub, so
    HF_HUB_OFFLINE did not stop the update, and someone who had turned the network off saw two
    downloads tried (and, where a network was there, the snapshots replaced)."""
    from osai.backends.hub.client import offline_mode
    from osai.errors import EvidenceUnavailable

    if offline_mode():
        raise EvidenceUnavailable(
            "offline mode is on (HF_HUB_OFFLINE), and db update downloads each database's "
            "archive: nothing was fetched, the snapshots that answer are unchanged"
        )


def _codeload_base() -> str | None:
    """OSAI_CODELOAD_URL, refused as HF_ENDPOINT is when it is no http(s) address with a host:
    a mistyped mirror (`file:///srv/mirror`, `http://[::1`) fetched nothing and was "not
    updated", exit 3 for each database, as if the network had failed ("ValueError: Invalid
    IPv6 URL" for the second), where it is the user's setting that is wrong."""
    from osai.net.address import refuse_address

    given = os.environ.get(CODELOAD_VARIABLE)
    if given:
        refuse_address(given, CODELOAD_VARIABLE)
    return given


def _data_dir(given: Path | None, *, storing: bool = False) -> Path:
    """The data directory snapshots are stored into and read from; BadInput when a file stands
    where it (or a directory on the way to a snapshot) should be: an update would waste every
    download and store nothing, and a status would report the bundled snapshots as if the
    directory were merely empty.  `storing` (an update): BadInput too when a directory stands
    where a snapshot is stored, which the update downloaded for, then could not write (exit 3,
    as if the network had failed)."""
    from osai.assessments import user_data_dir
    from osai.assessments.store import DATABASES, updated_path
    from osai.outputs import refuse_parent

    where = given or user_data_dir()
    label = f"--data-dir {where}" if given else f"data directory {where}"
    for database in DATABASES:
        path = updated_path(where, database)
        refuse_parent(label, path)
        if storing and path.is_dir():
            raise BadInput(f"{label}: {path} is a directory, where osai stores a snapshot")
        if storing:
            _refuse_unwritable(label, path)
    return where


def _refuse_unwritable(label: str, path: Path) -> None:
    """BadInput when the nearest existing directory of a snapshot's path cannot be written (a
    read-only data directory): found only after both downloads, it was "not updated: cannot
    write (Permission denied)", exit 3, as if the network had failed.  Writing still says why
    if it fails for another reason."""
    try:
        nearest = next((parent for parent in path.parents if parent.is_dir()), None)
    except OSError:  # a parent that cannot be searched: writing says why
        return
    if nearest is not None and not os.access(nearest, os.W_OK | os.X_OK):
        raise BadInput(f"{label}: {nearest} is not writable, where osai stores a snapshot")
