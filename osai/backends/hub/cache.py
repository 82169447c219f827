"""Files read from the Hub, kept in huggingface_hub's cache layout (``blobs/``, ``snapshots/``,
``refs/``, ``.no_exist/``), so a repeat check reads them from disk, as ``hf_hub_download`` and
``try_to_load_from_cache`` would, and huggingface_hub reads what osai stored."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from osai.backends.hub.client import Call, Fetched
from osai.evidence import UnreadWhy
from osai.hubrefs import COMMIT
from osai.paths import write_atomically
from osai.snapshot import SETTLING_READS, TextFile

SHA256 = re.compile(r"[0-9a-f]{64}")  # a Git LFS file's blob name


@dataclass(frozen=True)
class Missing:
    """The file does not exist at the commit (the Hub said so, or the cache remembers it)."""


@dataclass(frozen=True)
class Unreadable:
    """The file exists but was not read: gated without access, or larger than osai reads."""

    reason: str  # one line, the file named
    why: UnreadWhy
    hint: str = ""  # what would let osai read it (a token)


FileOutcome = TextFile | Missing | Unreadable


def storage(call: Call) -> Path:
    from huggingface_hub.file_download import repo_folder_name

    return call.cache_root / repo_folder_name(repo_id=call.repo_id, repo_type="model")


def cached_file(call: Call, sha: str, name: str) -> FileOutcome | None:
    from huggingface_hub import try_to_load_from_cache

    try:
        found = try_to_load_from_cache(
            call.repo_id, name, cache_dir=call.cache_root, revision=sha, repo_type="model"
        )
    except OSError:  # it lists snapshots/: one the user cannot read was an internal error
        return None
    if isinstance(found, str):
        return _text_file(name, Path(found), call.max_bytes, _real(storage(call)))
    if found is not None:  # huggingface_hub's marker for a file known not to exist
        return Missing()
    return None


def _real(path: Path) -> Path | None:
    """The cache repository's real place (its own path may pass through symlinks: a cache
    moved to another disk); None when it cannot be resolved."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _text_file(name: str, path: Path, max_bytes: int, repository: Path | None) -> TextFile | None:
    """The file's text; None when it cannot be read, lies outside the cache `repository` (a
    pointer to anywhere else: a hostile or broken cache's README.md -> ~/.ssh/id_rsa was read as
    the card, online and offline), its blob is damaged or it is larger than osai reads (a miss:
    online it is fetched again, and said too large; offline it is not in the cache).  Never
    more than `max_bytes` + 1 read: the cache may hold weights another tool downloaded,
    gigabytes that are no card."""
    try:
        real = path.resolve()
        if repository is None or not real.is_relative_to(repository):
            return None
        with real.open("rb") as file:
            content = file.read(max_bytes + 1)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return None
    if len(content) > max_bytes or not _as_named(real.name, content):
        return None
    return TextFile.decoded(name, content)


def _as_named(blob: str, content: bytes) -> bool:
    """Whether a blob holds what its name says: a blob is named by the Hub's ETag, a file's git
    blob id (a Git LFS file's SHA-256).  A truncated or altered card would be read as the card; a
    name that is neither (a copy where symlinks are not made) is not checked."""
    if COMMIT.fullmatch(blob):
        return _git_blob_sha(content) == blob
    if SHA256.fullmatch(blob):
        return hashlib.sha256(content).hexdigest() == blob
    return True


def cached_commit(call: Call) -> str | None:
    """The commit to read offline: the revision itself if a commit id, else the cached ref, else
    the one cached commit a short id begins."""
    if COMMIT.fullmatch(call.revision):
        return call.revision
    ref = _ref(storage(call), call.revision)
    found = _commit_in(ref) if ref is not None else None
    return found or _commit_begun(storage(call), call.revision)


_COMMIT_START = re.compile(r"[0-9a-f]{7,39}")


def _commit_begun(storage: Path, revision: str) -> str | None:
    """The one cached commit `revision` is the start of (a short id, as a Hub page shows it and
    the Hub resolves online); None for none, or several.  Offline, `--revision 399d67f` said
    "not in the local cache" while the commit it begins was there."""
    if not _COMMIT_START.fullmatch(revision):
        return None
    try:
        begun = [
            entry.name
            for entry in (storage / "snapshots").iterdir()
            if entry.name.startswith(revision) and COMMIT.fullmatch(entry.name)
        ]
    except OSError:  # no snapshots cached, or not readable: a miss
        return None
    return begun[0] if len(begun) == 1 else None


def remember_revision(call: Call, sha: str) -> None:
    """``refs/<revision>`` naming `sha`, as hf_hub_download writes it: what an offline check of
    the revision reads.  Written by every online check (not only one that fetched a file: a
    card cached at the commit left a stale or damaged ref), only when it names another commit
    (a read-only cache still checks); else its time is set to now, so that an offline check
    says when the Hub last named that commit (`kept_on`)."""
    ref = _ref(storage(call), call.revision)
    if ref is None or call.revision == sha:
        return
    with contextlib.suppress(OSError):  # a read-only or full cache costs the offline check
        if _commit_in(ref) == sha:
            os.utime(ref)
        else:
            write_atomically(ref, sha.encode())


def kept_on(call: Call, sha: str, name: str) -> str | None:
    """The day (UTC, ISO 8601) the cache last had the revision from the Hub: when its ref was
    last written or confirmed online; for a commit asked by id (a full id, or a short one no
    ref names), when file `name` at it was cached.  None when neither can be read.  An offline
    check said "read from the local cache" and not of when: a card of a year ago read as
    today's (and of a short id read offline, still not of when: it has no ref)."""
    ref = None if COMMIT.fullmatch(call.revision) else _ref(storage(call), call.revision)
    kept = ref if ref is not None and _commit_in(ref) == sha else None
    if kept is None:
        kept = storage(call) / "snapshots" / sha / name
    try:
        seconds = kept.stat().st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(seconds, UTC).date().isoformat()


def _ref(storage: Path, revision: str) -> Path | None:
    """Where huggingface_hub keeps the commit `revision` names: ``refs/<revision>``, a branch
    with a slash (``feature/x``) in a folder, as it writes it; None for a name that would lead
    out of ``refs/`` (``..``, an absolute path)."""
    parts = revision.split("/")
    if "\\" in revision or any(part in ("", ".", "..") for part in parts):
        return None
    return storage / "refs" / revision


# A ref file holds a commit id (huggingface_hub writes its 40 characters alone): one longer is
# damaged, and was read whole (a 500 MB ref took 1 GB of memory to be refused).
_REF_BYTES = 100


def _commit_in(ref: Path) -> str | None:
    """The commit a ref file names; None when there is none, or the file is damaged (binary,
    a directory, a pipe, longer than a ref, not a commit id): a damaged cache is a miss, never
    a crash nor a wait (a pipe in refs/ was read, and the check waited on it for ever)."""
    try:
        if not stat.S_ISREG(ref.stat().st_mode):
            return None
        with ref.open("rb") as file:
            content = file.read(_REF_BYTES + 1)
        sha = content.decode("ascii").strip() if len(content) <= _REF_BYTES else ""
    except (OSError, ValueError):
        return None
    return sha if COMMIT.fullmatch(sha) else None


def cached_snapshot_files(
    call: Call, sha: str, licence_directories: Collection[str] = ()
) -> dict[str, TextFile]:
    """The texts kept at the commit: its top-level files, and the first `SETTLING_READS` of a
    top-level licence directory (`licence_directories`, lower-case: REUSE's LICENSES/), which
    the Hub check reads as it reads LICENSE.  Offline the file list is unknown: the cache
    stands for what was read."""
    folder = storage(call) / "snapshots" / sha
    repository = _real(storage(call))
    files: dict[str, TextFile] = {}
    with contextlib.suppress(OSError):
        for path in sorted(folder.iterdir()):
            if path.is_dir() and path.name.lower() in licence_directories:
                files.update(_directory_texts(call, path, f"{path.name}/", repository))
            read = (
                _text_file(path.name, path, call.max_bytes, repository) if path.is_file() else None
            )
            if read is not None:
                files[path.name] = read
    return files


def _directory_texts(
    call: Call, directory: Path, prefix: str, repository: Path | None
) -> dict[str, TextFile]:
    files: dict[str, TextFile] = {}
    with contextlib.suppress(OSError):
        for path in sorted(directory.iterdir()):
            if len(files) == SETTLING_READS:
                break
            read = (
                _text_file(prefix + path.name, path, call.max_bytes, repository)
                if path.is_file()
                else None
            )
            if read is not None:
                files[read.path] = read
    return files


def store(call: Call, sha: str, name: str, fetched: Fetched) -> TextFile:
    """Write the file as hf_hub_download would: a blob and a snapshot pointer (the branch ref:
    `remember_revision`)."""
    root = storage(call)
    blob = root / "blobs" / (fetched.etag or _git_blob_sha(fetched.body))
    pointer = root / "snapshots" / sha / name
    # A read-only or full cache costs a repeat request, not the check.
    with contextlib.suppress(OSError):
        if not blob.exists() or blob.read_bytes() != fetched.body:  # missing, or damaged
            write_atomically(blob, fetched.body)
        _link(blob, pointer)
        _tag(call.cache_root)
    return TextFile.decoded(name, fetched.body)


# The Cache Directory Tagging Standard's first line (https://bford.info/cachedir/), which
# huggingface_hub's downloads write into the cache's CACHEDIR.TAG.
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by osai, in huggingface_hub's cache.\n"
    "# For information about cache directory tags, see:\n"
    "#\thttps://bford.info/cachedir/\n"
)


def _tag(cache_root: Path) -> None:
    """The cache's CACHEDIR.TAG, as hf_hub_download writes it (never over one there): osai knows
    the cache by it, and a cache only osai had filled went unmarked, so `osai init ORG/NAME` run
    in it wrote its draft among the cache's repositories, and `osai check` of it named no
    snapshot to check."""
    tag = cache_root / "CACHEDIR.TAG"
    if not os.path.lexists(tag):
        write_atomically(tag, _CACHEDIR_TAG.encode("ascii"))


def remember_missing(call: Call, sha: str, name: str) -> None:
    marker = storage(call) / ".no_exist" / sha / name
    with contextlib.suppress(OSError):
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()


def _link(blob: Path, pointer: Path) -> None:
    if pointer.exists():
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    try:
        pointer.symlink_to(os.path.relpath(blob, pointer.parent))
    except FileExistsError:  # another check of the same repository got there first
        return
    except OSError:  # no symlinks here (some Windows setups): copy, as huggingface_hub does
        write_atomically(pointer, blob.read_bytes())


def _git_blob_sha(content: bytes) -> str:
    """The git blob id: what the Hub sends as a (non-LFS) file's ETag."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


# --- one check's transport: deadline, retries, token -----------------------------------------
