"""`osai init`: draft a manifest (or print a blank one); the use case is osai.init."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from osai.cli.options import Revision, Timeout, deadline_option
from osai.cli.terminal import emit, fail, note, shown, status, warning, write_document
from osai.errors import BadInput, OsaiError
from osai.outputs import names_standard_output, refuse_parent
from osai.textsafe import counted


def init_command(
    context: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="TARGET",
            help="A model directory, a model card, or a Hub model id (default: the current "
            "directory).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            dir_okay=False,
            help=(
                "Write here (- for standard output) instead of DIR/osai.yaml, or NAME.osai.yaml"
                " here for a Hub model or a Hugging Face cache snapshot."
            ),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace an earlier draft or blank manifest (never a reviewed one)."
        ),
    ] = False,
    blank: Annotated[
        bool, typer.Option("--blank", help="Print a complete minimal manifest to fill in.")
    ] = False,
    draft_for: Annotated[
        str,
        typer.Option(
            "--for",
            metavar="TOOL",
            help="osai (with osai's extensions) or mot (the Model Openness Tool's format).",
        ),
    ] = "osai",
    revision: Revision = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Use the local Hub cache only.")
    ] = False,
    timeout: Timeout = 10.0,
    deadline: Annotated[float, deadline_option("Seconds the whole Hub read may take.")] = 60.0,
) -> None:
    """Draft a manifest from what osai reads (checking it reaches the target's verdict, without
    the target's public listings: a draft is the publisher's word)."""
    import datetime

    from osai.init import draft_form_named, manifest_path, placeholder_count, scaffold
    from osai.rules import load_ruleset
    from osai.run import CheckRequest, read_options

    if blank:
        if target is not None:  # not drafted from it: said, never silently ignored
            fail(BadInput(_blank_given_a_target(target)))
        _refuse_draft_options(context)
        _blank(output, force)
        return
    target = "." if target is None else target
    # A draft is what the repository shows: a public listing of the model is someone's claim
    # about it, to be checked against the repository (osai check), not copied into a manifest.
    request = CheckRequest(
        targets=(target,),
        revision=revision,
        offline=offline,
        timeout=timeout,
        deadline=deadline,
        public_assessments=False,
    )
    try:
        rules = load_ruleset()
        draft_for = draft_form_named(rules, draft_for)  # options before files: said first
        options = read_options(request)
        _refuse_revision_on_disk(target, revision)
        path = manifest_path(target, output, force=force)
        try:
            draft = scaffold(target, rules, datetime.date.today(), options, draft_for, path)
        finally:  # drafted or not: offline, a damaged cache file is why evidence is missing
            for met in options.reading_warnings():
                warning(met)
    except OsaiError as exc:
        fail(exc)
    if path is None:  # YAML osai reads as UTF-8, as the file -o writes (`> osai.yaml`)
        write_document(shown(draft.text))
    else:
        kept = _keep_edited(path, draft.text)
        # the place osai chose (a read-only model directory): -o chooses another, which a
        # check then reads with --manifest ("cannot write (Read-only file system)" said neither)
        elsewhere = "" if output is not None else _write_elsewhere(target)
        emit("", ((path, draft.text),), elsewhere=elsewhere)
        left = counted(placeholder_count(draft.text), "fact")
        status(
            f"wrote {path}: {left} left to declare (the lines marked '?'); once reviewed, "
            "delete its first line"
        )
        _say_kept(kept)
    sys.stdout.flush()  # the draft, then what it lacks and leaves out, in that order
    for unused in draft.warnings:
        warning(unused)
    for left_out in draft.left_out:
        note(left_out)


def _write_elsewhere(target: str) -> str:
    quoted = shlex.quote(target)
    return f"write it elsewhere with -o FILE, then: osai check {quoted} --manifest FILE"


MAX_BACKUPS = 99  # of one draft: past that, a loop replacing it is better stopped than fed


def _keep_edited(path: Path, text: str) -> Path | None:
    """A copy of the draft --force replaces, when it holds edits (osai.init.drafts.holds_edits),
    as PATH.bak (PATH.bak2, ... when taken): the refusal without --force said the edits would
    go, but a command recalled from history does not say it again.  Never over a file."""
    from osai.init.drafts import holds_edits

    if not holds_edits(path, text):
        return None
    for number in range(1, MAX_BACKUPS + 1):
        backup = path.with_name(f"{path.name}.bak{number if number > 1 else ''}")
        try:
            descriptor = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # a link, dangling or not, too: O_EXCL never follows one
            continue
        except OSError as exc:
            fail(OsaiError(f"{backup}: cannot write ({exc.strerror})"))
        try:
            with os.fdopen(descriptor, "wb") as copy, path.open("rb") as edited:
                shutil.copyfileobj(edited, copy)
        except OSError as exc:  # the new draft is not written: the edits stay where they are
            # and the part copied goes (a file too large, a disk full): a cut-off copy left as
            # PATH.bak read as the edits kept, and the next run's went to PATH.bak2
            backup.unlink(missing_ok=True)
            fail(OsaiError(f"{backup}: cannot write ({exc.strerror})"))
        return backup
    fail(BadInput(f"{path}: {MAX_BACKUPS} copies of earlier drafts beside it; remove some"))


# Why a draft differs from the new draft that replaces it, as _say_kept says it.
_CHANGED = "the new one (edited, or drafted from files since changed)"


def _say_kept(kept: Path | None, new: str = _CHANGED) -> None:
    """Where the draft --force replaced is kept, if it was.  Not "held edits": a draft differs
    from the new one as well when the files it was drafted from changed (a file added to the
    model, another commit on the Hub), and one nobody edited was said to hold edits.  `new`:
    what replaced it, and why the two differ (the blank manifest over a draft differs from it
    whether or not anyone edited it)."""
    if kept is not None:
        status(f"the draft it replaced differed from {new}: kept as {kept}")


def _refuse_revision_on_disk(target: str, revision: str | None) -> None:
    """A directory or a card is drafted as it is on disk: a revision given with it was ignored
    (the draft of the working tree written, exit 0, the revision nowhere), so it is refused.
    A manifest or a BOM is refused as such, with what to do instead."""
    from osai.targets import on_disk_targets, revision_on_disk

    on_disk = on_disk_targets([target], ("directory", "card")) if revision is not None else ()
    if revision is not None and on_disk:
        raise BadInput(revision_on_disk(revision, on_disk, "osai init drafts"))


# What only a draft uses: given with --blank, they would be ignored, so they are refused.
_DRAFT_OPTIONS = {
    "draft_for": "--for",
    "revision": "--revision",
    "offline": "--offline",
    "timeout": "--timeout",
    "deadline": "--deadline",
}


def _refuse_draft_options(context: typer.Context) -> None:
    given = [option for name, option in _DRAFT_OPTIONS.items() if _given(context, name)]
    if given:
        fail(
            BadInput(
                f"--blank prints osai's manifest to fill in; {', '.join(given)} "
                f"only {'applies' if len(given) == 1 else 'apply'} to a draft from a target "
                "(osai init TARGET)"
            )
        )


def _given(context: typer.Context, name: str) -> bool:
    """Whether the user set the option (on the line or through the environment).  By the
    source's name: typer may bring its own copy of click, whose enum is not click's."""
    source = context.get_parameter_source(name)
    return source is not None and source.name != "DEFAULT"


def _blank_given_a_target(target: str) -> str:
    """The refusal, with what each of the two things it may have meant takes: a draft of the
    target, or the blank manifest written where it is wanted."""
    return (
        f"--blank writes a manifest to fill in and takes no target ({target}): "
        f"osai init {shlex.quote(target)} drafts one from it, osai init --blank -o FILE writes "
        "the blank one to FILE"
    )


def _blank(output: Path | None, force: bool) -> None:
    from osai.init import BLANK_MANIFEST, EXAMPLE_VALUES_SAID, refuse_replacing

    if output is None or names_standard_output(output):
        sys.stdout.write(BLANK_MANIFEST)
        return
    try:
        refuse_parent(f"-o {output}", output)
        refuse_replacing(output, force=force)  # as a draft's: --force replaces only osai's own
    except BadInput as exc:
        fail(exc)
    kept = _keep_edited(output, BLANK_MANIFEST)
    emit("", ((output, BLANK_MANIFEST),))
    # what is left to do, as a draft's line says it: `osai check` refuses the file as written
    status(
        f"wrote {output}: {EXAMPLE_VALUES_SAID}: fill it in, then run "
        f"osai check {shlex.quote(str(output))}"
    )
    _say_kept(kept, "the blank manifest")
