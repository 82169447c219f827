"""The content digests of a local directory's weights, for a BOM (osai.snapshot.ReadPlan.digests).

Sought only when a BOM is written: hashing reads every byte of files that may weigh many
gigabytes (about two seconds a gigabyte on a small machine), which no verdict needs.  Then:

- a Git LFS pointer (a clone whose weights were not fetched) names its content's SHA-256 and
  size: the pointer, a few bytes, is read, and the content it stands for is not needed;
- the other files are hashed (SHA-256) when together they weigh at most
  `limits.max_hashed_bytes`; beyond that none is, and a note says so and how to hash them (part
  of them would read like all of the weights);
- a file that is not a regular file, cannot be read, is a symlink to outside the directory
  (osai.backends.local_inside), or changes while it is hashed gets no digest, and a note says
  why.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from osai.backends.local_inside import Inside, disk_path, inside
from osai.evidence import (
    SHA256,
    Certainty,
    FileDigest,
    Finding,
    FindingKind,
    NoDigest,
    Provenance,
)
from osai.textsafe import counted

# The Git LFS specification (spec/v1): a pointer file is UTF-8 `key value` lines, `version`
# first, smaller than 1024 bytes; `oid sha256:<hex>` and `size <bytes>` name the content.
POINTER_VERSION = b"version https://git-lfs.github.com/spec/v1"
POINTER_MAX_BYTES = 1024


@dataclass
class _Digests:
    """What the reading found: digests, files left to hash, and notes."""

    inside: Inside
    source: str
    found: list[FileDigest] = field(default_factory=list)
    to_hash: list[tuple[str, str, int]] = field(default_factory=list)  # path, real path, size
    findings: list[Finding] = field(default_factory=list)

    def note(self, message: str, path: str, files: tuple[str, ...]) -> None:
        """A note that these files get no digest, and why (marked so: a BOM states it)."""
        where = Provenance(self.source, path, "", Certainty.DETECTED)
        undigested = NoDigest(files, message)
        self.findings.append(Finding(FindingKind.NOTE, message, (where,), no_digest=undigested))


def local_digests(
    root: Path, paths: tuple[str, ...], max_hashed_bytes: int, source: str
) -> tuple[tuple[FileDigest, ...], tuple[Finding, ...]]:
    """The digests of these files of the directory (in their order), and notes on those that
    have none."""
    digests = _Digests(inside(root), source)
    for path in paths:
        _look(digests, root, path)
    total = sum(size for _, _, size in digests.to_hash)
    if total > max_hashed_bytes:
        message = _too_large(len(digests.to_hash), total, max_hashed_bytes)
        digests.note(message, ".", tuple(path for path, _, _ in digests.to_hash))
    else:
        for path, real, size in digests.to_hash:
            _hash(digests, path, real, size)
    order = {path: index for index, path in enumerate(paths)}
    found = sorted(digests.found, key=lambda digest: order[digest.path])
    return tuple(found), tuple(digests.findings)


def _look(digests: _Digests, root: Path, path: str) -> None:
    """A pointer's digest, or the file queued to be hashed, or a note saying why neither."""
    real = os.path.realpath(disk_path(root, path))
    if not digests.inside.holds(real):
        digests.note(f"{path}: a symlink to outside the directory; no digest", path, (path,))
        return
    try:
        status = os.stat(real)
        if not stat.S_ISREG(status.st_mode):
            digests.note(f"{path}: not a regular file; no digest", path, (path,))
            return
        pointer = _pointer(real) if status.st_size < POINTER_MAX_BYTES else None
    except OSError as exc:
        digests.note(f"{path}: cannot be read ({exc.strerror}); no digest", path, (path,))
        return
    if pointer is not None:
        digests.found.append(FileDigest(path, *pointer))
    else:
        digests.to_hash.append((path, real, status.st_size))


def lfs_pointers(root: Path, paths: Iterable[str]) -> tuple[FileDigest, ...]:
    """Those of these files (small ones, found by a walk) that are Git LFS pointers, each with
    the digest and size of the content it stands for: a clone whose weights were not fetched
    holds none of them.  Each is looked at as for a BOM's digests (`_look`: only regular files
    inside the directory are opened); a pointer is a few lines, so reading them costs little.
    What is not a pointer is neither hashed nor said here."""
    digests = _Digests(inside(root), "")
    for path in paths:
        _look(digests, root, path)
    return tuple(digests.found)


def _pointer(real: str) -> tuple[str, int] | None:
    """The SHA-256 and size a Git LFS pointer names, or None when the file is not one."""
    with open(real, "rb") as file:
        lines = file.read(POINTER_MAX_BYTES).split(b"\n")
    if lines[0] != POINTER_VERSION:
        return None
    values = dict(line.partition(b" ")[::2] for line in lines[1:] if line)
    oid = values.get(b"oid", b"").decode("ascii", "replace").removeprefix("sha256:")
    size = values.get(b"size", b"").decode("ascii", "replace")
    if not SHA256.fullmatch(oid) or not size.isdecimal():
        return None
    return oid, int(size)


def _hash(digests: _Digests, path: str, real: str, size: int) -> None:
    """The file's digest, with its size: none if it changed while it was read (a checkpoint
    still being written), whose digest and size would pair what no file ever held."""
    try:
        with open(real, "rb") as file:
            before = os.fstat(file.fileno())
            sha256 = hashlib.file_digest(file, "sha256").hexdigest()
            after = os.fstat(file.fileno())
    except OSError as exc:
        digests.note(f"{path}: cannot be read ({exc.strerror}); no digest", path, (path,))
        return
    if not before.st_size == after.st_size == size or before.st_mtime_ns != after.st_mtime_ns:
        message = f"{path}: changed while it was read; no digest (check again when it is written)"
        digests.note(message, path, (path,))
        return
    digests.found.append(FileDigest(path, sha256, size))


def _too_large(files: int, total: int, limit: int) -> str:
    return (
        f"the weights ({counted(files, 'file')}, {total:,} bytes) were not hashed: more than "
        f"{limit:,} bytes (rules/detection.yaml limits.max_hashed_bytes); the BOM states no "
        "digest for them - hash them with sha256sum"
    )
