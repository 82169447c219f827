"""Where the rule data lives: inside the wheel (osai/_rules) or, from a source tree, rules/."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from glob import escape as glob_escape
from pathlib import Path, PurePosixPath

from osai.hubrefs import HUB_SOURCE
from osai.textsafe import without_surrogates

_PACKAGE = Path(__file__).resolve().parent

# The manifest `osai init` drafts into a model directory, and that `osai check DIR` reads there
# (the first of rules/detection.yaml's manifest names).
MANIFEST_NAME = "osai.yaml"


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    bundled = _PACKAGE / "_rules"
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / "rules"


def schema_dir() -> Path:
    return rules_dir() / "schema"


def model_marks(target: str) -> Iterator[tuple[str, str]]:
    """Each way to read a target as FILE#MODEL (one model of an AI BOM), the shortest FILE first:
    one for each '#' after the first character.  Which one names a file is the caller's to ask,
    from where it reads (the current directory, a configuration's)."""
    for place, mark in enumerate(target):
        if mark == "#" and place:
            yield target[:place], target[place + 1 :]


def repository_root(cwd: Path, environ: Mapping[str, str]) -> Path:
    """Where a code host reads the paths of a report (SARIF's URIs, GitHub's `file=`) from: the
    checkout GitHub Actions names (GITHUB_WORKSPACE) when `cwd` lies in it, or the checkout
    within it (actions/checkout's `path: src`) that `cwd` lies in; else the nearest directory
    holding `.git`, else `cwd` itself.  From a step run in `models/`, relative to `cwd`, every
    alert named a file that is not there."""
    here = cwd.resolve()
    workspace = environ.get("GITHUB_WORKSPACE", "")
    if workspace:
        root = Path(workspace).resolve()
        if here == root or root in here.parents:
            # a checkout's .git is a directory; a submodule's is a file, and its files are the
            # superproject's to name
            inside = (d for d in (here, *here.parents) if d == root or root in d.parents)
            return next((d for d in inside if (d / ".git").is_dir()), root)
    return next((d for d in (here, *here.parents) if (d / ".git").exists()), here)


def from_root(path_text: str, here: Path, root: Path) -> tuple[Path, str | None]:
    """A local path (a relative one from `here`, the run's directory) made absolute, and as a
    POSIX path from `root` ("." the root itself; None where it lies outside it): `./m`, `m` and
    `/repo/m` are one path, and `m` given from `models/` is `models/m`.  `here` and `root` are
    resolved already; a path that seems outside the root has its links resolved before it is
    said to be: `/link/m`, through a link to the checkout (a CI workspace, macOS's /tmp), is the
    root's `m` as `cd /link && osai check m` makes it."""
    path = Path(path_text)
    absolute = Path(os.path.normpath(path if path.is_absolute() else here / path))
    for candidate in (absolute, Path(os.path.realpath(absolute))):
        try:
            return absolute, PurePosixPath(*candidate.relative_to(root).parts).as_posix() or "."
        except ValueError:
            continue
    return absolute, None


def names_a_path(target: str, source: str) -> bool:
    """Whether a target (read from `source`) is a local path (a manifest, a card, an AI BOM, a
    directory), not a Hub model or a URL, which are named as the run named them."""
    return source != HUB_SOURCE and "://" not in target


@dataclass(frozen=True)
class RunPlaces:
    """Where a run reads a local target's path from: its directory (`here`, a relative target is
    from it) and the repository's root (`root`, repository_root), both resolved."""

    here: Path
    root: Path

    def target_named(self, target: str, source: str) -> str:
        """A target as a report tracked from run to run names it (a SARIF fingerprint, a JUnit
        classname, a --baseline's target): a local one by its path from the root, however it
        was spelt (`./m`, `m` from its directory, its absolute path), or absolute where it lies
        outside; a Hub model, a URL as the run named it."""
        if not names_a_path(target, source):
            return target
        absolute, relative = from_root(target, self.here, self.root)
        return str(absolute) if relative is None else without_surrogates(relative)


# What a path pasted from Windows is told here, wherever a path is given (a target, -o, a
# configuration's outputs): one wording, one rule (windows_spelt).
WRITTEN_WITH_SLASH = "paths here are written with /"


def windows_drive_refused(path_text: str) -> str:
    """Why a path on a Windows drive (`C:\\out\\o.json`, `C:/out/o.json`) is refused on a system
    whose paths take `/` (a target, -o, a configuration's outputs), else "": `C:/out/o.json`
    wrote ./C:/out/o.json, a directory named `C:` no one meant, and said "wrote C:/out/o.json";
    a target `C:/models/m.yml` got no word of the drive.  No `/` spelling names the file meant."""
    if os.sep != "/" or len(path_text) < 3:
        return ""
    drive, separator = path_text[:2], path_text[2]
    if not (drive[0].isascii() and drive[0].isalpha() and drive[1] == ":" and separator in "\\/"):
        return ""
    return (
        f"a Windows path on drive {drive}, which names no file here: give its path on this system"
    )


def windows_spelt(path_text: str) -> str:
    """The path with `/` for each `\\` where it is written as on Windows on a system whose paths
    take `/` (Linux, macOS), else "": there `reports\\osai.sarif` is one file's name, and a
    report written so sat in the working directory where no step looked for it."""
    if "\\" not in path_text or os.sep != "/":
        return ""
    return path_text.replace("\\", "/")


def run_places(root: Path | None) -> RunPlaces:
    """This process's directory, and `root` (the repository's, a report's base_dir; None: the
    directory itself)."""
    here = Path.cwd().resolve()
    return RunPlaces(here, root.resolve() if root is not None else here)


def from_directory(path: Path, base: Path | None) -> Path:
    """A path a configuration file names, taken from the file's directory (`base`; None when
    that is the working directory); an absolute one as it is."""
    return path if base is None or path.is_absolute() else Path(os.path.normpath(base / path))


def write_atomically(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """`data` written to `path` so that a reader sees the old file or the new one, never half:
    a scratch file beside it, renamed over it, and removed whatever fails (a cache entry that
    is a directory left one behind on every run).  `mode`: the new file's permissions; by
    default those `open()` gives, 0666 less the umask, as huggingface_hub gives the files
    beside ours in HF_HOME (mkstemp's 0600 shut out a group that shares the cache)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(scratch, created_mode() if mode is None else mode)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


# A scratch file this old is no write in progress (a snapshot is written in well under a second)
# but one a killed process left (`kill -9` between mkstemp and the rename)
STALE_SCRATCH_SECONDS = 3600.0
# The eight characters mkstemp names a scratch file with (tempfile's _RandomNameSequence):
# another file of a like name (`.mot.json.gz.mine.tmp`) is not osai's to remove
_MKSTEMP_NAME = "[a-z0-9_]" * 8


def remove_stale_scratch(path: Path, now: float, older_than: float = STALE_SCRATCH_SECONDS) -> int:
    """Remove the scratch files write_atomically left beside `path` (`.NAME.*.tmp`) when a process
    was killed mid-write, those last changed more than `older_than` seconds before `now`: a
    younger one may be another process's write in progress.  Each update left one behind for
    good.  How many were removed; one that cannot be removed is left (the next update tries)."""
    removed = 0
    try:
        scratches = list(path.parent.glob(f".{glob_escape(path.name)}.{_MKSTEMP_NAME}.tmp"))
    except OSError:
        return 0
    for scratch in scratches:
        try:
            if now - scratch.lstat().st_mtime > older_than and not scratch.is_dir():
                scratch.unlink()
                removed += 1
        except OSError:
            continue
    return removed


@lru_cache(maxsize=1)
def created_mode() -> int:
    """The permissions `open()` gives a new file in this process: 0666 less the umask."""
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read where Linux shows it: setting it to read it (the only portable
    way) would, for a moment, be every thread's, while others write files."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
        for line in status.splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` (made if missing) held by the operating system for the block:
    released when the process ends however it ends (`kill -9` included), so a lock file left
    behind never blocks anyone.  Raises BlockingIOError at once while another process holds it
    (a waiter would wait out the other's downloads, minutes); the holder's process id is in the
    file (`lock_holder`).  Where the file system has no locks (NFS without lockd) the block runs
    unlocked, as before.  OSError when the file cannot be opened."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # never through a link: a symlink planted as the lock file had its target truncated and
    # overwritten with a process id (O_NOFOLLOW: ELOOP, refused as a file that cannot be opened)
    no_follow = getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | no_follow, 0o644)
    try:
        if _locked(descriptor):
            with contextlib.suppress(OSError):  # the id only helps say who holds it
                os.ftruncate(descriptor, 0)
                os.write(descriptor, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(descriptor)  # the lock goes with the descriptor


def _locked(descriptor: int) -> bool:
    """Whether the lock was taken (False: none to take here); BlockingIOError when it is held."""
    if sys.platform == "win32":  # the file's first byte, locked without waiting
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            raise BlockingIOError(error.errno, "locked by another process") from None
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise
    except OSError:  # no locks on this file system
        return False
    return True


def lock_holder(path: Path) -> str:
    """The process id written in a lock file, "" when none can be read (the file sits in the
    user's directory, where anything may be)."""
    try:
        with path.open("rb") as handle:
            written = handle.read(24).decode("ascii", errors="replace").strip()
    except OSError:
        return ""
    return written if written.isdigit() and len(written) <= 10 else ""
