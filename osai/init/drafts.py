"""Earlier drafts beside a directory's new draft: left out of its reading, and said.

`osai check DIR` reads a manifest found in the directory as the publisher's word.  A draft `osai
init` wrote there is not that word until someone reviewed it: read into a new draft (README's
`osai init DIR` then `osai init DIR --for mot -o DIR/model.yml`), every value it holds came back
"declared: DIR/osai.yaml:31", detected and inferred values promoted to declared.  So a manifest
that still carries the draft's mark (osai.sources.manifest.draft_mark_line), or is the blank
manifest not filled in, is left out, as the draft being replaced is, and the user is told; a
manifest without the mark (hand-written, the Model Openness Tool's, a reviewed draft whose mark
line was deleted) is the publisher's and is read, as `osai check` reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from shlex import quote

from osai.errors import BadInput
from osai.outputs import is_stream, refuse_symlink
from osai.rules import RuleSet
from osai.sources.blank import BLANK_MANIFEST
from osai.sources.manifest import draft_mark_line, mark_said, unfilled_blank
from osai.yamlsafe import MAX_MANIFEST_BYTES, read_text_file

_HEAD_BYTES = 8192  # the mark is in the comments a manifest opens with (licence headers above it)
# enough for the blank with CRLF and trailing blanks: a longer file is not the blank
_BLANK_BYTES = 2 * len(BLANK_MANIFEST.encode("utf-8")) + 64


def earlier_drafts(directory: Path, rules: RuleSet) -> tuple[Path, ...]:
    """The top-level files of a directory with a manifest's name that carry the draft's mark,
    or are the blank manifest not filled in (its values are examples), in rules/detection.yaml
    `manifests.names` order."""
    found = _named_manifests(directory, rules.detection.files.manifest_names)
    return tuple(path for path in found if is_draft(path) or is_blank(path))


def _named_manifests(directory: Path, names: Sequence[str]) -> list[Path]:
    """The top-level files of a directory with one of `names` (lower-case), in their order,
    whatever the case of the file's name; none when it cannot be listed (the reading says why,
    and a folder that cannot be listed holds no manifest `osai check` would read)."""
    try:
        entries = {entry.name.lower(): entry for entry in directory.iterdir()}
    except OSError:
        return []
    return [entries[name] for name in names if name in entries]


def is_draft(path: Path) -> bool:
    """A regular file that carries the draft's mark (not yet reviewed: draft_mark_line)."""
    return _mark_line(path) is not None


def _mark_line(path: Path) -> int | None:
    head = _head(path, _HEAD_BYTES)
    return None if head is None else draft_mark_line(head.decode("utf-8", "replace"))


def is_blank(path: Path) -> bool:
    """A regular file that is `osai init --blank`'s manifest, not filled in (unfilled_blank)."""
    head = _head(path, _BLANK_BYTES + 1)
    if head is None or len(head) > _BLANK_BYTES:  # longer than any blank: not one
        return False
    return unfilled_blank(head.decode("utf-8", "replace"))


def refuse_replacing(path: Path, *, force: bool) -> None:
    """BadInput unless osai may write over `path`: a file that does not exist yet; with --force,
    a draft (its first line still carries the mark) or a blank manifest as `--blank` wrote it.
    Never a file someone wrote or reviewed (a manifest whose first line, the draft's mark, was
    deleted is the publisher's word: a fresh draft put every declaration back to '?'; a user's
    own notes.yaml was replaced by `--blank -o notes.yaml --force`); never through a link.  Such
    a file is refused as such with or without --force: "use --force to overwrite it" led only to
    that second refusal."""
    refuse_symlink(path)
    if not path.exists() or is_stream(path):  # `-o /dev/stdout`: a stream holds no file to lose
        return
    if path.stat().st_nlink > 1:  # written in place: the file under its other name changed too
        raise BadInput(
            f"{path}: has another name (a hard link), whose file writing it would change too: "
            "remove this name first, or write elsewhere with -o"
        )
    if not (is_draft(path) or is_blank(path)):
        # said at once, --force or not: "use --force" sent the user to a second refusal
        raise BadInput(
            f"{path}: already exists, and is not a draft of `osai init` (no line it opens with "
            "says so) nor its blank manifest: --force replaces only those; move it away, or "
            "write elsewhere with -o"
        )
    if not force:
        raise BadInput(f"{path}: already exists, {_replaceable_said(path)}")


def _replaceable_said(path: Path) -> str:
    """What --force would replace, and how to keep it instead.  A draft edited with its mark
    kept is replaced (a copy kept beside it: the CLI's _keep_edited): say so before, and name
    the mark's line (a header added above it: "delete its first line" deleted that header,
    and the file stayed a draft).  The blank manifest as written holds no edits, and it is
    kept by filling it in: "delete its first line to keep it as yours" made its example values
    (My Lab, none) read as declared."""
    mark = _mark_line(path)
    if mark is None:
        return (
            "`osai init --blank`'s manifest, not filled in (--force replaces it; fill it in "
            "to keep it)"
        )
    return (
        f"a draft (--force replaces it, and keeps a copy if it was edited; delete "
        f"{mark_said(mark)} to keep it "
        "as yours)"
    )


def refuse_shadowing(path: Path, rules: RuleSet) -> None:
    """BadInput when a draft at `path` would be the manifest `osai check` reads in its folder in
    place of one someone wrote there (not a draft, not the blank): a directory's check reads the
    first of rules/detection.yaml `manifests.names`, so DIR/osai.yaml beside a publisher's
    DIR/mof.yml made the manifest they wrote stop counting, their declared verdicts falling to
    what the draft only detected."""
    names = rules.detection.files.manifest_names  # lower-case (compile_files)
    if path.name.lower() not in names:
        return
    later = names[names.index(path.name.lower()) + 1 :]
    for manifest in _named_manifests(path.parent, later):
        if _read_as_manifest(manifest, rules) and not (is_draft(manifest) or is_blank(manifest)):
            raise BadInput(
                f"{path}: `osai check {quote(str(path.parent))}` would read this draft instead "
                f"of {manifest}, the manifest there ({path.name} comes first in "
                "rules/detection.yaml manifests.names): write the draft elsewhere with -o"
            )


def _read_as_manifest(path: Path, rules: RuleSet) -> bool:
    """Whether `osai check` of the folder reads this file as its manifest (FilePatterns
    .is_manifest, as extract.release.manifests_inside asks): a `model.yml` that is a training
    config (learning_rate, epochs) is none, and refused a draft beside it that shadowed nothing."""
    try:
        text = read_text_file(path, max_bytes=MAX_MANIFEST_BYTES)
    except BadInput:  # one check could not read either
        return False
    return rules.detection.files.is_manifest(path.name.lower(), text)


def holds_edits(path: Path, text: str) -> bool:
    """Whether the draft at `path`, which --force is about to replace with `text`, holds
    anything `text` lacks: edits made with the draft's mark kept were lost without a trace.
    The day and the osai it was drafted with (its opening comments) are no edits, so an
    untouched draft replaced the next day leaves no copy behind.  A draft of files that have
    changed since (a file added, another commit) differs too, and is kept as one edited is:
    which of the two it is cannot be told from it."""
    if not is_draft(path):  # the blank not filled in holds only its examples
        return False
    old = _head(path, len(text.encode("utf-8")) + _HEAD_BYTES)
    return old is not None and _undated(old.decode("utf-8", "replace")) != _undated(text)


_DRAFTED_ON = re.compile(r"\d{4}-\d{2}-\d{2}|\(osai [^)]*\)")


def _undated(text: str) -> str:
    """The draft without the day and osai version its opening comment lines name."""
    lines = text.splitlines()
    opening = next((n for n, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return "\n".join([*(_DRAFTED_ON.sub("", line) for line in lines[:opening]), *lines[opening:]])


def _head(path: Path, size: int) -> bytes | None:
    """The first `size` bytes of a regular file (None for anything else: a link, a directory,
    a file that cannot be read)."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        with path.open("rb") as stream:
            return stream.read(size)
    except OSError:
        return None


def drafts_left_out(
    drafts: tuple[Path, ...], target: str, read: Path | None = None
) -> tuple[str, ...]:
    """One line for each earlier draft (or blank manifest) the new draft did not read.
    `read`: the manifest `osai check TARGET` reads once the new draft is written
    (manifest_read_after); of the others it reads none."""
    return tuple(_left_out_said(path, target, read) for path in drafts)


def manifest_read_after(directory: Path, written: Path | None, rules: RuleSet) -> Path | None:
    """The manifest `osai check DIRECTORY` reads once a draft is written at `written`: the
    first of rules/detection.yaml `manifests.names` there that is read as one (the draft
    always is), as extract.release.manifests_inside takes it; None when there is none."""
    try:
        entries = {entry.name.lower(): entry for entry in directory.iterdir()}
    except OSError:
        return None
    if written is not None and same_path(written.parent, directory):
        entries.setdefault(written.name.lower(), written)
    for name in rules.detection.files.manifest_names:
        path = entries.get(name)
        if path is None:
            continue
        if (written is not None and same_path(path, written)) or _read_as_manifest(path, rules):
            return path
    return None


def same_path(one: Path, other: Path) -> bool:
    """Two paths that resolve to one place (False when either cannot be resolved)."""
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _left_out_said(path: Path, target: str, read: Path | None) -> str:
    checked = f"`osai check {quote(target)}`"
    if read is not None and not same_path(path, read):
        # `osai init DIR --force` beside DIR/model.yml, a draft: "`osai check DIR` still
        # reads it" where the check reads DIR/osai.yaml, the new draft, and warns of model.yml
        read_instead = f"; {checked} reads {read}, not it (and warns of it)"
    else:
        read_instead = ""
    if is_blank(path):
        return (
            f"{path} is `osai init --blank`'s manifest, not filled in: not read into this draft "
            "(its values are examples)"
            + (read_instead or f"; {checked} refuses it until it is filled in")
        )
    where = mark_said(_mark_line(path) or 1)
    return (
        f"{path} is an earlier `osai init` draft ({where} says so): not read into this "
        "draft, which cites the release's own files"
        + (
            read_instead
            or f"; {checked} still reads it (delete {where} once reviewed to make it the "
            "release's word)"
        )
    )
