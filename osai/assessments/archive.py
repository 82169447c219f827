"""A repository archive (GitHub's codeload tar.gz) read safely, in memory, never extracted.

GitHub builds these archives with `git archive`: one top directory (`<repo>-<ref>/`), member times
set to the commit's time, and the commit id in the global pax header (`comment=`, what
`git get-tar-commit-id` reads).  Only regular files directly inside the database's entry
directory whose names end in an entry suffix are read; everything is bounded: the compressed
size, the bytes decompressed, the number of members and each entry's size.  A member that would
escape the archive (absolute path, `..`), or an entry file named twice, makes the whole archive
refused; a link or device where an entry should be is skipped with a reason.  The file where the
repository states its licence is read too (bounded as an entry is), for the caller to check.
"""

from __future__ import annotations

import datetime
import fnmatch
import gzip
import io
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from osai.assessments.entries import MAX_ENTRY_BYTES
from osai.assessments.model import EntrySelection, Skipped, overlong_file_name, shown_file
from osai.assessments.snapshot import MAX_ENTRIES
from osai.errors import EvidenceUnavailable
from osai.hubrefs import COMMIT

MAX_ARCHIVE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 200_000


class ArchiveError(EvidenceUnavailable):
    """The archive cannot be used: corrupt, truncated, too large or unsafe (exit 3)."""


@dataclass(frozen=True)
class ArchiveContents:
    """The entry files an archive holds (text, or why one was skipped), its commit and date."""

    files: tuple[tuple[str, str | Skipped], ...]
    commit: str
    date: str
    # the text of the file named as the licence statement; why it could not be read; or None
    # when the archive has no such file
    licence_text: str | Skipped | None = None


def read_archive(data: bytes, selection: EntrySelection, licence_path: str = "") -> ArchiveContents:
    """The entry files of one tar.gz archive (and the file at `licence_path`, from the
    repository's top level); raises ArchiveError when it cannot be trusted."""
    if len(data) > MAX_ARCHIVE_BYTES:
        raise ArchiveError(
            f"archive too large ({len(data):,} bytes; the limit is {MAX_ARCHIVE_BYTES:,})"
        )
    if data[:2] != b"\x1f\x8b":
        raise ArchiveError(f"not a gzip archive: {_what_came(data)}")
    stream = _Bounded(gzip.GzipFile(fileobj=io.BytesIO(data)), MAX_UNPACKED_BYTES)
    try:
        with tarfile.open(fileobj=stream, mode="r|") as archive:
            files, newest, licence_text = _entry_files(archive, selection, licence_path)
            commit = str(archive.pax_headers.get("comment", ""))
            if not _ended_as_tar(archive):
                raise ArchiveError(
                    f"truncated archive (it ends after {len(files):,} entry files, before "
                    "tar's end-of-archive blocks)"
                )
    except ArchiveError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, OSError, ValueError) as exc:
        raise ArchiveError(f"corrupt archive ({type(exc).__name__}: {exc})") from None
    date = (
        datetime.datetime.fromtimestamp(newest, datetime.UTC).date().isoformat() if newest else ""
    )
    return ArchiveContents(
        tuple(files), commit if COMMIT.fullmatch(commit) else "", date, licence_text
    )


def _ended_as_tar(archive: tarfile.TarFile) -> bool:
    """Whether the stream, read to its last member, ends as a tar archive does: two blocks of
    zeros (POSIX; `git archive` and Python's tarfile write both).  tarfile stops at the first
    block of zeros, and as quietly where the data ends (or a header is cut short): a gzip of a
    tar cut at a member's boundary read as a whole archive, 231 entries of 273, and replaced the
    stored snapshot.  `archive.offset` is where the next header would have begun: tarfile read
    one whole block there (the first of the zeros), and the next one must be zeros too."""
    stream = archive.fileobj
    if stream is None or stream.tell() - archive.offset != tarfile.BLOCKSIZE:
        return False
    return stream.read(tarfile.BLOCKSIZE) == bytes(tarfile.BLOCKSIZE)


# How much of an answer that is no archive is quoted: enough to tell a mirror's maintenance page
# or an error message from an archive in another format
QUOTED_BYTES = 48


def _what_came(data: bytes) -> str:
    """What was sent instead of an archive, in a few words: "not a gzip archive" alone left
    the reader to guess whether a mirror had served a web page, an error or nothing.  The
    opening is quoted bounded and escaped (`\\x1b`, `\\n`): it is the server's, anything."""
    if not data:
        return "the answer was empty"
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:QUOTED_BYTES]
    quoted = repr(start)[2:-1]  # bytes' repr: printable ASCII as it is, the rest escaped
    more = "…" if len(start) < len(data.lstrip(b"\xef\xbb\xbf \t\r\n")) else ""
    if start.lower().startswith((b"<!doctype html", b"<html")):
        return f"an HTML page, beginning '{quoted}{more}'"
    return f"the answer begins '{quoted}{more}'"


def _entry_files(
    archive: tarfile.TarFile, selection: EntrySelection, licence_path: str
) -> tuple[list[tuple[str, str | Skipped]], float, str | Skipped | None]:
    files: list[tuple[str, str | Skipped]] = []
    seen: set[str] = set()
    newest = 0.0
    licence_text: str | Skipped | None = None
    licence_parts = PurePosixPath(licence_path).parts if licence_path else None
    for count, member in enumerate(archive, start=1):
        if count > MAX_MEMBERS:
            raise ArchiveError(f"archive has more than {MAX_MEMBERS:,} members")
        path = _safe_path(member.name)
        newest = max(newest, float(member.mtime or 0))
        if path.parts[1:] == licence_parts and licence_text is None:
            licence_text = _member_text(archive, member, licence_path)
        relative = _entry_path(path, selection)
        if relative is None:
            continue
        if len(files) >= MAX_ENTRIES:
            raise ArchiveError(f"archive has more than {MAX_ENTRIES:,} entries")
        # `git archive` names each file once: a repeated one (or a second top directory) is no
        # repository's snapshot, and its copies would count as entries against the floor
        if relative in seen:
            raise ArchiveError(f"archive holds {relative[:200]} more than once")
        seen.add(relative)
        overlong = overlong_file_name(relative)
        if overlong:  # named in full, it cited the entry (or its skip warning) in 100 KB
            files.append((shown_file(relative), Skipped(shown_file(relative), overlong)))
            continue
        files.append((relative, _member_text(archive, member, relative)))
    return files, newest, licence_text


def _safe_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name:
        raise ArchiveError(f"unsafe member path '{name[:200]}' (absolute or leaving the archive)")
    return path


def _entry_path(path: PurePosixPath, selection: EntrySelection) -> str | None:
    """The member's path inside the repository if it is an entry file, else None."""
    parts = path.parts[1:]  # the archive's top directory is `<repo>-<ref>/`
    directory = tuple(PurePosixPath(selection.directory).parts) if selection.directory else ()
    if len(parts) != len(directory) + 1 or parts[: len(directory)] != directory:
        return None
    name = parts[-1]
    if not name.endswith(selection.suffixes) or name.startswith("."):
        return None
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in selection.exclude):
        return None
    return "/".join(parts)


_KINDS = {
    tarfile.SYMTYPE: "a symbolic link",
    tarfile.LNKTYPE: "a hard link",
    tarfile.CHRTYPE: "a character device",
    tarfile.BLKTYPE: "a block device",
    tarfile.FIFOTYPE: "a named pipe",
    tarfile.DIRTYPE: "a directory",
}


def _member_text(archive: tarfile.TarFile, member: tarfile.TarInfo, relative: str) -> str | Skipped:
    if not member.isreg():
        # each kind named: "not a regular file, not a file" said the same thing twice, and
        # never which thing it was
        kind = _KINDS.get(member.type, f"a member of type {member.type!r}")
        return Skipped(relative, f"{kind}, not a file")
    if member.size > MAX_ENTRY_BYTES:
        return Skipped(
            relative, f"too large ({member.size:,} bytes; the limit is {MAX_ENTRY_BYTES:,})"
        )
    handle = archive.extractfile(member)
    if handle is None:  # pragma: no cover - a regular member always has data
        return Skipped(relative, "no data")
    raw = handle.read(MAX_ENTRY_BYTES + 1)
    if b"\x00" in raw:
        return Skipped(relative, "binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Skipped(relative, "not UTF-8 text")


class _Bounded(io.RawIOBase):
    """A read-only stream that refuses to yield more than `limit` bytes (a gzip bomb stops here)."""

    def __init__(self, inner: gzip.GzipFile, limit: int) -> None:
        self._inner = inner
        self._left = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self._inner.read(min(len(buffer), self._left + 1))
        if len(chunk) > self._left:
            raise ArchiveError(f"archive unpacks to more than {MAX_UNPACKED_BYTES:,} bytes")
        self._left -= len(chunk)
        buffer[: len(chunk)] = chunk
        return len(chunk)
