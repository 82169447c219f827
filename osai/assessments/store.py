"""Where snapshots live and which one answers: the bundled one, or the last good updated one.

Bundled snapshots ship inside the package (rules/assessments/, in the wheel osai/_rules/…).
`osai db update` writes updated ones under the user's data directory (OSAI_DATA_DIR, else
$XDG_DATA_HOME/osai, else ~/.local/share/osai).  Of the two, the newer commit date answers; a
damaged updated snapshot falls back to the bundled one with a warning.  Loading is cached per
process (keyed by the files' size and modification time, so an update in the same process is
seen).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar, cast

from osai.assessments.model import (
    Databases,
    DatabaseSource,
    EntrySelection,
    EosaiDatabase,
    EosaiEntry,
    MotDatabase,
    MotEntry,
    SnapshotInfo,
)
from osai.assessments.snapshot import Entry, SnapshotError, read_snapshot
from osai.paths import rules_dir
from osai.rules import RuleSet

DATABASES = ("mot", "eosai")
E = TypeVar("E", MotEntry, EosaiEntry)
SNAPSHOT_SUFFIX = ".json.gz"


@dataclass(frozen=True)
class LoadedSnapshot:
    info: SnapshotInfo
    entries: tuple[Entry, ...]
    warnings: tuple[str, ...] = ()


def bundled_dir() -> Path:
    return rules_dir() / "assessments"


def user_data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """OSAI_DATA_DIR, else $XDG_DATA_HOME/osai, else ~/.local/share/osai."""
    env = os.environ if environ is None else environ
    if env.get("OSAI_DATA_DIR"):
        return Path(env["OSAI_DATA_DIR"]).expanduser()
    if env.get("XDG_DATA_HOME"):
        return Path(env["XDG_DATA_HOME"]).expanduser() / "osai"
    return Path.home() / ".local" / "share" / "osai"


def bundled_path(database: str) -> Path:
    return bundled_dir() / f"{database}{SNAPSHOT_SUFFIX}"


def updated_path(data_dir: Path, database: str) -> Path:
    return data_dir / "assessments" / f"{database}{SNAPSHOT_SUFFIX}"


def failure_path(data_dir: Path, database: str) -> Path:
    """Where `db update` notes why it last failed to update a database (osai.assessments.update)."""
    return data_dir / "assessments" / f"{database}.update-failed"


def lock_path(data_dir: Path) -> Path:
    """The file an `osai db update` holds locked while it updates (osai.assessments.update)."""
    return data_dir / "assessments" / "update.lock"


def load_databases(rules: RuleSet, data_dir: Path | None = None) -> Databases:
    """Both databases: for each, the newer of the bundled and the last good updated snapshot.

    Never raises on the data: skipped entries and an unusable updated snapshot become warnings.
    (`rules` is taken so the EOSAI mapping is checked against the component vocabulary here, once,
    rather than in the middle of a check.)
    """
    from osai.assessments.eosai_mapping import load_mapping

    load_mapping(rules)
    where = user_data_dir() if data_dir is None else data_dir
    mot = load_snapshot("mot", where)
    eosai = load_snapshot("eosai", where)
    return Databases(
        mot=MotDatabase(mot.info, _only(mot.entries, MotEntry), mot.warnings),
        eosai=EosaiDatabase(eosai.info, _only(eosai.entries, EosaiEntry), eosai.warnings),
    )


def _only(entries: tuple[Entry, ...], kind: type[E]) -> tuple[E, ...]:
    """The entries of one kind; the cached tuple itself when all are (matching caches by it)."""
    if all(isinstance(entry, kind) for entry in entries):
        return cast(tuple[E, ...], entries)
    return tuple(entry for entry in entries if isinstance(entry, kind))


def load_snapshot(database: str, data_dir: Path) -> LoadedSnapshot:
    """The snapshot of one database that answers now, with the warnings choosing it raised.

    The newer commit date wins (an update newer than the bundled copy; a bundled copy newer than
    an old update after osai itself was upgraded); on a tie, the updated one.  A snapshot that
    cannot be read is a warning; with none readable the database is empty, never an error.
    """
    usable: list[LoadedSnapshot] = []
    problems: list[str] = []
    if _not_a_directory(data_dir):  # OSAI_DATA_DIR a file, or under one: it was silent
        problems.append(
            f"{data_dir}: not a directory, so no updated {database} snapshot is read from it "
            "(see OSAI_DATA_DIR)"
        )
    for path, origin in (
        (updated_path(data_dir, database), "updated"),
        (bundled_path(database), "bundled"),
    ):
        if origin == "updated" and not path.exists():
            continue
        try:
            loaded = _cached(path, origin)
        except SnapshotError as exc:
            problems.append(str(exc))
            continue
        if loaded.info.database != database:
            problems.append(f"{path}: holds the {loaded.info.database} database, not {database}")
            continue
        usable.append(loaded)
    if not usable:
        problems.append(f"no {database} snapshot could be read; {database} evidence is unavailable")
        return LoadedSnapshot(_unavailable(database), (), tuple(problems))
    chosen = max(usable, key=lambda s: (s.info.date, s.info.origin == "updated"))
    if problems:
        problems[-1] += f" (using the {chosen.info.origin} snapshot, {chosen.info.short_commit})"
    return replace(chosen, warnings=(*problems, *chosen.warnings))


def _not_a_directory(data_dir: Path) -> bool:
    """Whether the data directory is a file, or a path under one (which `Path.exists` calls
    missing, as it does a directory not made yet)."""
    try:
        return not stat.S_ISDIR(data_dir.stat().st_mode)
    except NotADirectoryError:
        return True
    except OSError:  # not made yet (the first `osai db update` makes it), or unreadable
        return False


def _unavailable(database: str) -> SnapshotInfo:
    selection = EntrySelection("", ())
    source = DatabaseSource(database, database, "", "", selection, "", "")
    return SnapshotInfo(source, "", "", "no snapshot could be read", origin="none")


_CACHE: dict[tuple[str, str, int, int], LoadedSnapshot] = {}


def _cached(path: Path, origin: str) -> LoadedSnapshot:
    """read_snapshot, once per process for an unchanged file."""
    try:
        status = path.stat()
    except OSError as exc:
        raise SnapshotError(f"{path}: cannot read ({exc.strerror})") from None
    key = (str(path), origin, status.st_mtime_ns, status.st_size)
    found = _CACHE.get(key)
    if found is None:
        info, entries, _dropped = read_snapshot(path, origin)
        warnings = tuple(skipped.warning(info.database) for skipped in info.skipped)
        found = LoadedSnapshot(info, entries, warnings)
        _CACHE[key] = found
    return found
