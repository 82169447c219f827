"""What the command line writes: one `osai: error:` line per problem, one `osai: warning:` line
per warning, `osai: note:` notes and status lines wrapped to the terminal, and report files.

Every one of them without the run's secrets (shown): a token reached standard error and every
report format as the text of a file that quoted it, a Hub answer's alone was removed."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import stat
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from osai.errors import BadInput, ExitCode, OsaiError
from osai.formatters.escaping import escaped_forms, terminal
from osai.formatters.standins import encodable
from osai.outputs import (
    is_stream,
    own_descriptor,
    refuse_parent,
    refuse_symlink,
    symlink_refusal,
    unusable,
)
from osai.textsafe import without_surrogates

DEFAULT_WIDTH = 100  # a report redirected to a file, or piped with no terminal to read it on
MIN_WIDTH, MAX_WIDTH = 40, 400
# a terminal that says it has no columns: a pseudo-terminal whose size no one set, as pre-commit
# gives a hook (its output coloured) and `script` or an editor's shell may; git takes 80 there too
UNSIZED_TERMINAL_WIDTH = 80
TURN_WAIT = 10.0  # seconds a report file another osai is writing is waited for

# O_NOFOLLOW: the last component of the path is never followed if it is a symbolic link (the open
# fails with ELOOP), so no report or manifest is written through a link a repository planted.
_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


# Set by the GitHub Action (action.yml): an error that stops osai before its reports (a bad
# flag, a configuration file's mistake) is a workflow command there, an annotation a pull
# request shows; as an `osai: error:` line alone the check said only "exit code 2".  An error
# about one target is not: its reports say it, the annotations among them.
ERROR_ANNOTATIONS_VARIABLE = "OSAI_ANNOTATE_ERRORS"


def shown(text: str) -> str:
    """``text`` without the run's secrets (osai.redaction.run_secrets), read now: one process
    may run many commands, each with its own environment (a test suite)."""
    from osai.redaction import run_secrets
    from osai.redaction import shown as shown_with  # the report model: not for `osai --version`

    return shown_with(text, secret_forms(run_secrets()))


def secret_forms(secrets: Sequence[str]) -> tuple[str, ...]:
    """Each secret long enough to be one (osai.redaction.shown), as each format writes it."""
    from osai.redaction import WHOLE_ONLY_BELOW

    long_enough = (secret for secret in secrets if len(secret) >= WHOLE_ONLY_BELOW)
    return tuple(form for secret in long_enough for form in escaped_forms(secret))


def fail(exc: OsaiError, *, at: Path | None = None) -> NoReturn:
    """`exc`, one line a problem, and its exit code.  `at`: the configuration file the command
    read, whose `FILE:LINE:` a problem may start with (an annotation is at that line)."""
    if os.environ.get(ERROR_ANNOTATIONS_VARIABLE) == "1":
        annotate_error(str(exc), at=at)
    else:
        error(str(exc))
    raise SystemExit(exc.exit_code)


def annotate_error(message: str, prefix: str = "osai: error: ", at: Path | None = None) -> None:
    """An error as GitHub's `::error::` workflow command, one per line of it, on standard
    error (the runner reads workflow commands there as on standard output, which may be a
    report); its log shows each as the error line.  A line naming a line of `at` is annotated
    there, as the `github` report annotates a manifest's (its file relative to the repository
    the run is in, as the report's are)."""
    from osai.formatters.github import located_error
    from osai.paths import repository_root

    base = repository_root(Path.cwd(), os.environ)
    named = str(at) if at is not None else None
    for line in shown(message).splitlines() or [""]:
        bounded = _bounded(line)
        sys.stderr.write(f"{located_error(f'{prefix}{bounded}', named, bounded, base)}\n")


def internal_error(what: str) -> None:
    """A bug in osai, `what` in one line (exit 70 follows): under the GitHub Action an
    annotation, as every other error that stops osai is (it was the one log line a pull request
    never showed, beside "exit code 70")."""
    said = f"{shown(what)} (set OSAI_DEBUG=1)"
    if os.environ.get(ERROR_ANNOTATIONS_VARIABLE) == "1":
        annotate_error(said, prefix="osai: internal error: ")
    else:
        sys.stderr.write(f"osai: internal error: {terminal(said)}\n")


MAX_ERROR_CHARS = 1000  # of one error line: a message quoting a 500 KB value stays one line


def stop_interrupted(
    line: str = "osai: interrupted\n", code: ExitCode = ExitCode.INTERRUPTED
) -> NoReturn:
    """Ctrl-C: `line`, exit 130 (a SIGTERM a census takes as a Ctrl-C: 143).  A second Ctrl-C from
    then on is ignored: pressed while Python closed its connections and locks at exit, it
    printed a traceback per exit handler after the one line, or killed the process mid-line."""
    with contextlib.suppress(ValueError):  # not the main thread: no handler to change
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stderr.write(line)
    raise SystemExit(code) from None


def print_or_fail(produce: Callable[[], str], *, fit: bool = True) -> None:
    """What `produce` writes, its lines fitted to the terminal (not a JSON document's); its
    OsaiError as one error line and its exit code."""
    from osai.formatters.textlayout import fitted

    try:
        text = produce()
    except OsaiError as exc:
        fail(exc)
    text = shown(text)
    if not fit:  # a JSON document
        write_document(text)
        return
    # stand-ins before the lines are fitted: "—" printed "--" is a cell wider
    sys.stdout.write(fitted(encodable(text, encoding(sys.stdout)), terminal_width(sys.stdout)))


def encoding(stream: TextIO) -> str:
    """The encoding `stream` writes in; a stream that names none (a test's StringIO) takes any
    character."""
    return getattr(stream, "encoding", None) or "utf-8"


def write_document(text: str) -> None:
    """A document whose format is UTF-8 (JSON: RFC 8259 §8.1; SARIF, JUnit's XML, which
    declares it, the AI BOMs; a manifest, which osai reads as UTF-8) on standard output, as
    UTF-8 bytes whatever the stream's encoding is, as -o FILE writes it: through an ASCII
    pipe, "step0…step143000" in the data read "step0?step143000" (a stand-in would alter it
    too).  `text` is redacted already."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stream of text only (a test's StringIO), or closed (_ClosedStream)
        sys.stdout.write(text)
        return
    sys.stdout.flush()  # what the text layer holds goes first
    buffer.write(_utf8(text))
    buffer.flush()


def error(message: str) -> None:
    """One `osai: error:` line per problem (a file may have several, one per line)."""
    for line in shown(message).splitlines() or [""]:
        sys.stderr.write(f"osai: error: {terminal(_bounded(line))}\n")


def one_stream() -> bool:
    """Whether standard output and standard error go to one place (a terminal, one file, one
    pipe): what one states, a reader of the other reads.  A stream with no file behind it (a
    test's capture) is taken as one with the other."""
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), os.fstat(sys.stderr.fileno()))
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return True


def warning(message: str) -> None:
    """An `osai: warning:`, wrapped on a terminal as a note is (init's warnings of links ran to
    190 columns), one line into a log: a warning quotes others' text (a file name from a
    downloaded archive), so a newline in it is a space, never a line of its own there."""
    sys.stderr.write(wrapped("osai: warning: ", _bounded(shown(message)), sys.stderr))


def note(message: str) -> None:
    """An `osai: note:`: something to know that is neither wrong nor a risk, wrapped on a
    terminal under its text (a note naming a listing and a command ran to 190 columns)."""
    sys.stderr.write(wrapped("osai: note: ", _bounded(shown(message)), sys.stderr))


def status(message: str) -> None:
    """A line saying what a command did ("osai: wrote …"), on standard error as every other line
    about the run (`census report` and `export` say theirs so; standard output is for what a
    user pipes), wrapped to the terminal (osai.formatters.textlayout.hanging: only a URL longer
    than a line runs past)."""
    sys.stderr.write(wrapped("osai: ", shown(message), sys.stderr))


def wrapped(prefix: str, message: str, stream: TextIO) -> str:
    """The prefix and the message, its words wrapped to the stream's width under the message's
    first word (four columns in when there is no prefix), each line escaped for the terminal.

    Wrapped for a person only: on a terminal, or to the COLUMNS asked for.  Into a log or a pipe
    it stays one line, as warnings and errors do, so that a line found by its `osai: note:` holds
    the whole note (a census's notes in a CI log, a grep)."""
    from osai.formatters.textlayout import Painter, Span, hanging

    if not read_by_a_person(stream):
        return f"{prefix}{terminal(message)}\n"
    indent = len(prefix) or 4
    painter = Painter(encoding=encoding(stream))
    lines = hanging(painter, [Span(prefix)], [Span(message)], terminal_width(stream), indent)
    return "".join(f"{line}\n" for line in lines)


def read_by_a_person(stream: TextIO) -> bool:
    """Whether lines written to `stream` are wrapped for a person: on a terminal, or to the
    COLUMNS asked for; into a log or a pipe each stays one line, for a grep to find whole."""
    return is_terminal(stream) or bool(os.environ.get("COLUMNS", "").strip())


def _bounded(line: str) -> str:
    if len(line) <= MAX_ERROR_CHARS:
        return line
    return f"{line[:MAX_ERROR_CHARS]}... ({len(line) - MAX_ERROR_CHARS:,} more characters)"


def color_enabled(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Colour on a terminal, as the conventions say: NO_COLOR (any value) turns it off,
    FORCE_COLOR (any value but 0) on even when piped, TERM=dumb off."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    force = env.get("FORCE_COLOR")
    if force is not None and force not in ("", "0"):
        return True
    if env.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def terminal_width(
    stream: TextIO, environ: Mapping[str, str] | None = None, reader: TextIO | None = None
) -> int:
    """The columns a report may use: COLUMNS when set, else the terminal's; piped (`| head`,
    `| less`) while standard error (`reader`) is still the terminal someone reads it on, that
    one's (at 80 columns, `osai check X | head` wrapped every line it printed at 100); a
    terminal of no size (0 columns: pre-commit's) 80; else 100 (a file, `> r.txt`, the same
    whatever the window; a CI log)."""
    env = os.environ if environ is None else environ
    columns = env.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, min(int(columns), MAX_WIDTH))
    # only piped: a file (`> r.txt`) keeps one width whatever the window is
    candidates = [stream]
    if _is_pipe(stream):
        candidates.append(sys.stderr if reader is None else reader)
    unsized = False
    for candidate in candidates:
        if is_terminal(candidate):
            try:
                size = os.get_terminal_size(candidate.fileno()).columns
            except (OSError, ValueError):
                continue
            if size > 0:
                return max(MIN_WIDTH, min(size, MAX_WIDTH))
            unsized = True  # 0 columns is a size no one set: under pre-commit it read as 40
    return UNSIZED_TERMINAL_WIDTH if unsized else DEFAULT_WIDTH


def _is_pipe(stream: TextIO) -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):  # no descriptor (a test's StringIO)
        return False


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is a terminal; a closed or replaced stream is none (no exception)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# What a place osai may not write says: elsewhere is where to go (emit's `elsewhere`)
_NOT_WRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def emit(
    stdout: str, files: Sequence[tuple[Path, str]], elsewhere: str = "", *, document: bool = False
) -> None:
    """Write the report files (never through a symbolic link), then print the report.  A file
    that cannot be written stops it, its error naming those written before it: `--html r.html
    --markdown ro/r.md` wrote r.html, and said only that r.md could not be written.  A place
    osai may not write (read-only, not permitted) says `elsewhere`, when given: how to write
    it somewhere else.  `document`: the report printed is one whose format is UTF-8
    (write_document)."""
    written: list[Path] = []
    for path, text in files:
        try:
            refuse_symlink(path)
            refuse_parent(str(path), path)
        except BadInput as exc:
            _fail_after(written, exc)
        except OSError as exc:  # looked up before the run (refuse_destinations), gone bad since
            _fail_after(written, BadInput(unusable(path, exc)))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write(path, shown(text))
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # made a link after refuse_symlink looked
                _fail_after(written, BadInput(symlink_refusal(path)))
            hint = f": {elsewhere}" if elsewhere and exc.errno in _NOT_WRITABLE else ""
            _fail_after(written, OsaiError(f"{path}: cannot write ({exc.strerror}){hint}"))
        written.append(path)
    if stdout and document:
        write_document(shown(stdout))
    elif stdout:
        sys.stdout.write(shown(stdout))


def _fail_after(written: Sequence[Path], exc: OsaiError) -> NoReturn:
    if written:
        names = ", ".join(str(path) for path in written)
        exc = type(exc)(f"{exc}; written before it: {names}")
    fail(exc)


def _write(path: Path, text: str) -> None:
    data = _utf8(text)
    if (own := own_descriptor(path)) is not None:
        # Where the descriptor already writes: opened anew (and O_TRUNC), /dev/stdout emptied a
        # log it was appended to (`>> ci.log`), and the report printed after it overwrote it
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: closed when osai started (`>&-`); dup says so
                stream.flush()
        with os.fdopen(os.dup(own), "wb") as handle:
            handle.write(data)
        return
    if is_stream(path):
        with os.fdopen(os.open(path, _WRITE_FLAGS, 0o666), "wb") as handle:
            handle.write(data)
        return
    with _uninterrupted():
        _write_file(path, data)


def _utf8(text: str) -> bytes:
    """The report as UTF-8.  A target's name that is not UTF-8 (a manifest's, a card's: a lone
    surrogate each byte) is written as a listing shows it, U+FFFD: UTF-8 cannot hold it (exit
    70).  Looked for only when encoding meets one: searching a report of 10 MB cost thrice its
    encoding, and almost none holds one."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return without_surrogates(text).encode("utf-8")


def _write_file(path: Path, data: bytes) -> None:
    existed = os.path.lexists(path)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | _NOFOLLOW, 0o666)
    try:
        _take_turn(descriptor)
    except OSError:
        os.close(descriptor)  # another run's file, made or not by this one: left to it
        raise
    size: int | None = None
    try:
        size = os.fstat(descriptor).st_size
        if not _reserve(descriptor, len(data)):
            # written as before, from nothing: in place, a disk full part way (APFS writes
            # anew) left the new report's start with the earlier one's end after it
            os.ftruncate(descriptor, 0)
    except OSError:
        # ext4 keeps the blocks it found before ENOSPC: the earlier report ran on in NULs
        if existed and size is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(descriptor, size)
        os.close(descriptor)
        if not existed:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.truncate()  # what the file held past the new report


def _take_turn(descriptor: int) -> None:
    """Wait while another osai writes this file (a few milliseconds; Ctrl-C is held back, so
    at most TURN_WAIT seconds): two runs writing one report at once, in place, left the one's
    start with the other's end, or NUL bytes."""
    try:
        import fcntl
    except ImportError:  # Windows
        return
    deadline = time.monotonic() + TURN_WAIT
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise OSError(errno.EBUSY, "in use by another process") from None
            time.sleep(0.01)
        except OSError:  # no locks there (NFS without lockd): written as before
            return


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C (and SIGTERM) held back until the file is written: taken in place, between the
    room reserved and the write's end, it left the earlier report run on in NUL bytes (or the
    new one's start with the earlier one's end), a file reading as neither."""
    hold = getattr(signal, "pthread_sigmask", None)  # not on Windows
    if hold is None:
        yield
        return
    held = hold(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        hold(signal.SIG_SETMASK, held)  # a Ctrl-C pressed meanwhile is taken here


def _reserve(descriptor: int, size: int) -> bool:
    """Whether the room for `size` bytes is taken, before anything the file holds is touched:
    on a full disk, a report written with O_TRUNC left the one written before it cut to nothing
    (or to what fitted), and a new one an empty file.  Not on a file system that cannot reserve
    room ahead (EOPNOTSUPP, EINVAL), nor where Python has no posix_fallocate (macOS)."""
    allocate = getattr(os, "posix_fallocate", None)
    if allocate is None:
        return False
    if size == 0:
        return True
    try:
        allocate(descriptor, 0, size)
    except OSError as error:
        if error.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
            raise
        return False
    return True
