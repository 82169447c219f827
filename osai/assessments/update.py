"""`osai db update` and `osai db status`, as functions: no printing, no exiting.

An update downloads each database's current snapshot as one archive (GitHub's codeload tarball of
the default branch), reads every entry as a snapshot build does, refuses an archive that is
corrupt or truncated, yields far fewer entries than the bundled or the stored snapshot, is older
than the stored one, or whose licence statement no longer says the licence the snapshot records
(its data would be credited under terms it is no longer under), and only then replaces the last
good snapshot in the user's data directory (atomically); a file there that is not a snapshot this
osai reads is never replaced (nothing is downloaded for it).  On any failure the snapshot that
answered before still answers, and the outcome says which.  The download goes through a function
the caller gives: osai's bounded HTTP layer in the command line, a loopback server in tests.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from osai import __version__
from osai.assessments.archive import read_archive
from osai.assessments.entries import read_entries
from osai.assessments.model import DatabaseSource, LicenceStatement, Skipped, SnapshotInfo
from osai.assessments.snapshot import (
    Entry,
    NewerSnapshot,
    OlderSnapshot,
    SnapshotError,
    read_snapshot,
    write_snapshot,
)
from osai.assessments.store import (
    DATABASES,
    bundled_path,
    failure_path,
    load_snapshot,
    lock_path,
    updated_path,
)
from osai.errors import BadInput, EvidenceUnavailable, OsaiError
from osai.jsonsafe import NotJson, json_value
from osai.paths import exclusive_lock, lock_holder, write_atomically
from osai.rules import RuleSet
from osai.textsafe import quoted_name

Download = Callable[[str], bytes]
CODELOAD = "https://codeload.github.com"
# An archive with fewer entries than this share of the bundled or the stored snapshot's (the
# larger) is refused: databases grow; a sudden drop means a broken branch, a moved folder or a
# truncated download.
MIN_ENTRY_RATIO = 0.8
# An archive refused whole says why in its message; of the files it skipped, a few show the
# reason (an archive of another schema skips every file: 273 warnings buried the other database's
# outcome under 1,900 lines), and a count stands for the rest.
SKIPS_SHOWN_WHEN_REFUSED = 3
# The most of a noted failure `db status` shows (a reason is a line or two)
MAX_FAILURE_CHARS = 2_000


def network_unavailable(url: str) -> bytes:
    """The default download until the command line wires in osai's HTTP layer."""
    raise EvidenceUnavailable(f"network not available (cannot fetch {url})")


@dataclass(frozen=True)
class UpdateOutcome:
    """What an update of one database did, and which snapshot answers afterwards."""

    database: str
    updated: bool
    message: str
    in_use: SnapshotInfo
    warnings: tuple[str, ...] = ()
    reason: str = ""  # why it was not updated


def update_databases(
    rules: RuleSet,
    data_dir: Path,
    download: Download = network_unavailable,
    *,
    codeload_base: str = CODELOAD,
    today: datetime.date | None = None,
) -> tuple[UpdateOutcome, ...]:
    """Update every database; one outcome each (a failure of one never stops the other).
    EvidenceUnavailable, and nothing changed, while another update of `data_dir` runs."""
    with _only_update(data_dir):
        return tuple(
            _update_noted(rules, data_dir, name, download, codeload_base, today)
            for name in DATABASES
        )


def update_database(
    rules: RuleSet,
    data_dir: Path,
    database: str,
    download: Download = network_unavailable,
    *,
    codeload_base: str = CODELOAD,
    today: datetime.date | None = None,
) -> UpdateOutcome:
    """Update one database, and note beside its snapshot why the update failed (or that none
    failed since), for `db status` to say: it named the snapshot that answers, and never that
    the update meant to replace it had been refused.  EvidenceUnavailable, and nothing
    changed, while another update of `data_dir` runs."""
    with _only_update(data_dir):
        return _update_noted(rules, data_dir, database, download, codeload_base, today)


@contextmanager
def _only_update(data_dir: Path) -> Iterator[None]:
    """The data directory's update lock held: two updates at once each compared their archive
    with the snapshot stored before either wrote, so one serving an older commit (a mirror, a
    force-push) overwrote the newer snapshot the other had stored meanwhile, and each noted its
    own outcome over the other's.  The second is refused at once: waiting would outlast the
    first's downloads (minutes), and what it would fetch is what the first is storing."""
    path = lock_path(data_dir)
    with ExitStack() as held:
        try:
            held.enter_context(exclusive_lock(path))
        except BlockingIOError:
            holder = lock_holder(path)
            by = f" (process {holder})" if holder else ""
            raise EvidenceUnavailable(
                f"another osai db update{by} is updating the snapshots in {data_dir}: nothing "
                "was changed; run it again once that one has finished"
            ) from None
        except OSError as exc:  # a directory, or no permission, where the lock file goes
            raise BadInput(f"{path}: cannot lock for the update ({exc.strerror})") from None
        yield


def _update_noted(
    rules: RuleSet,
    data_dir: Path,
    database: str,
    download: Download,
    codeload_base: str,
    today: datetime.date | None,
) -> UpdateOutcome:
    when = today or datetime.date.today()
    outcome = _update(rules, data_dir, database, download, codeload_base, when)
    _note_failure(data_dir, database, "" if outcome.updated else f"{when}: {outcome.reason}")
    return outcome


def _note_failure(data_dir: Path, database: str, failure: str) -> None:
    """The failure note written (or removed when `failure` is ""); a note that cannot be
    written costs only the note (a full or read-only directory was said by the update)."""
    path = failure_path(data_dir, database)
    try:
        if failure:
            write_atomically(path, (" ".join(failure.split()) + "\n").encode(), mode=0o644)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def last_failure(data_dir: Path, database: str) -> str:
    """The last update's failure ("YYYY-MM-DD: reason"), "" when none is noted: one line, cut
    at MAX_FAILURE_CHARS (the file sits in the user's directory, where anything may be)."""
    try:
        with failure_path(data_dir, database).open("rb") as handle:
            raw = handle.read(MAX_FAILURE_CHARS * 4)
    except OSError:
        return ""
    line = raw.decode("utf-8", errors="replace").split("\n", 1)[0].strip()
    return line[:MAX_FAILURE_CHARS]


def _update(
    rules: RuleSet,
    data_dir: Path,
    database: str,
    download: Download,
    codeload_base: str,
    today: datetime.date,
) -> UpdateOutcome:
    try:
        bundled, bundled_entries, _ = read_snapshot(bundled_path(database), "bundled")
    except SnapshotError as exc:  # a broken installation: nothing to compare an archive with
        return _failed(database, data_dir, str(exc))
    path = updated_path(data_dir, database)
    try:
        stored, stored_entries = _stored(path)
    except SnapshotError as exc:
        return _failed(database, data_dir, _not_replaced(exc))
    url = archive_url(bundled, codeload_base)
    try:
        data = download(url)
        statement = bundled.source.licence_statement
        contents = read_archive(
            bytes(data), bundled.source.selection, statement.path if statement else ""
        )
    except (OsaiError, OSError, ValueError) as exc:
        return _failed(database, data_dir, _reason(exc))
    relicensed = licence_not_stated(bundled.source, contents.licence_text)
    if relicensed:
        return _failed(database, data_dir, relicensed)
    entries, skipped = read_entries(database, contents.files, rules)
    warnings = tuple(s.warning(database) for s in skipped)
    # the floor is the larger of the snapshots the user has: a database grown past the bundled
    # snapshot's count, then served by a broken branch, lost the last good snapshot to one a
    # third smaller, since it was measured against the bundled count alone
    kept, count = "bundled", len(bundled_entries)
    if stored is not None and stored.entry_count > count:
        kept, count = "updated", stored.entry_count
    floor = max(int(count * MIN_ENTRY_RATIO), 1)
    if len(entries) < floor:
        reason = (
            f"the archive yields {len(entries)} entries, far fewer than the {kept} snapshot's "
            f"{count} (at least {floor} expected): refused"
        )
        if kept == "updated":  # the way out, should the database itself have shrunk
            reason += " (if the database did shrink, delete the updated snapshot, then update)"
        return _failed(database, data_dir, reason, _refused_skips(database, warnings))
    when = today.isoformat()
    info = SnapshotInfo(
        source=bundled.source,
        commit=contents.commit,
        # never after the day it was fetched: a commit time in 2099 (a wrong clock, a hostile
        # mirror) would answer instead of every newer bundled snapshot, and refuse every update
        date=min(contents.date or when, when),
        obtained=f"osai {__version__} db update on {when} from {url}",
        origin="updated",
        entry_count=len(entries),
        skipped=tuple(skipped),
    )
    commit = contents.commit[:8] or "an unknown commit"
    # a mirror's or a force-push's older commit (a stored date after today was a wrong clock's)
    if stored is not None and info.date < stored.date <= when:
        reason = (
            f"the archive's commit {commit} of {info.date} is older than the stored snapshot "
            f"{stored.short_commit} of {stored.date}: refused"
        )
        return _failed(database, data_dir, reason, _refused_skips(database, warnings))
    opening, again = _news(stored, stored_entries, info, entries)
    try:
        write_snapshot(path, info, entries)
    except OSError as exc:
        return _failed(database, data_dir, f"{path}: cannot write ({exc.strerror})")
    in_use = load_snapshot(database, data_dir).info
    message = (
        f"{opening} {commit} of {info.date}{again}: {len(entries)} entries"
        + (f", {len(skipped)} skipped" if skipped else "")
        + f" (stored in {path})"
    )
    if in_use.origin != "updated":
        message += f"; the bundled snapshot ({in_use.date}) is newer and still answers"
    return UpdateOutcome(database, True, message, in_use, warnings)


def _stored(path: Path, origin: str = "updated") -> tuple[SnapshotInfo | None, tuple[Entry, ...]]:
    """The snapshot an update would replace, (None, ()) when there is none or it is an older
    osai's (replacing that is what an update is for); SnapshotError when a file is there that
    this osai cannot read as one."""
    if not path.exists():
        return None, ()
    try:
        info, entries, _ = read_snapshot(path, origin)
    except OlderSnapshot:
        return None, ()
    return info, entries


def _not_replaced(exc: SnapshotError) -> str:
    """Why a file where the snapshot is stored is not overwritten: what it is (the error names
    the file), and how to replace it on purpose.  It was overwritten without a word: a file that
    is no snapshot of osai's, or a newer osai's snapshot of a later date than the archive's,
    whose date the "older than the stored snapshot" refusal could not read."""
    if isinstance(exc, NewerSnapshot):  # it says how already
        return f"{exc}: refused, not overwritten"
    return (
        f"{exc}; an update would overwrite it: refused (to replace it, move it aside or delete "
        "it, then run osai db update again)"
    )


def _news(
    stored: SnapshotInfo | None,
    stored_entries: Sequence[Entry],
    info: SnapshotInfo,
    entries: Sequence[Entry],
) -> tuple[str, str]:
    """The words before the commit ("updated to", or "already up to date at" the commit
    stored) and after its date.

    The commit already stored: "updated to" it again read as news that was none.  But an
    archive naming the stored commit with other files in it (a mirror's copy edited, or an osai
    that reads entries differently) replaced what answered while it said nothing had changed."""
    if stored is None or not info.commit or stored.commit != info.commit:
        return "updated to", ""
    if tuple(stored_entries) == tuple(entries) and stored.skipped == info.skipped:
        return "already up to date at", ""
    return "updated to", (
        f" again, from an archive of that commit whose files differ from the stored "
        f"snapshot's ({stored.entry_count} entries, {len(stored.skipped)} skipped)"
    )


def licence_not_stated(source: DatabaseSource, text: str | Skipped | None) -> str:
    """Why an archive's licence statement no longer backs the licence the snapshot records
    ("" when it does, or when the source names no statement)."""
    statement = source.licence_statement
    if statement is None:
        return ""
    where = f"{statement.path}, where the database states its licence ({source.licence}),"
    if text is None:
        return f"the archive has no {where} so its data may be under other terms: refused"
    if isinstance(text, Skipped):
        return f"the archive's {where} cannot be read ({text.reason}): refused"
    if statement.field:
        return _licence_field_not_stated(statement, source.licence, text)
    if _words(statement.says) not in _words(text):
        return (
            f"the archive's {statement.path} no longer says '{statement.says}' "
            f"({source.licence}, the licence osai records for this database), so its data may "
            "be under other terms: refused"
        )
    return ""


def _licence_field_not_stated(statement: LicenceStatement, licence: str, text: str) -> str:
    """Why a JSON statement's licence field (a Zenodo record's `.zenodo.json` `license`: an id,
    or `{"id": …}`) is not the id it says, that of `licence`, the licence osai records ("" when
    it is): the field alone, compared whole (case aside, as SPDX ids are).  Looked for anywhere
    in the file, "CC-BY-4.0" was found in the record's description of a database relicensed
    CC-BY-NC-4.0."""
    try:
        document = json_value(text, strict=True)
    except NotJson as exc:
        return f"the archive's {statement.path} cannot be read as JSON ({exc}): refused"
    field = document.get(statement.field) if isinstance(document, dict) else None
    found = field.get("id") if isinstance(field, dict) else field
    said = f"the archive's {statement.path} {statement.field} field"
    if not isinstance(found, str) or not found.strip():
        return (
            f"{said} names no licence ({licence} expected), so its data may be under other "
            "terms: refused"
        )
    if found.strip().casefold() != statement.says.casefold():
        # the id once: "not 'CC-BY-4.0' (CC-BY-4.0, the licence osai records…)" said it twice
        expected = f"'{statement.says}'"
        if statement.says.casefold() != licence.casefold():
            expected += f" ({licence})"
        return (
            f"{said} is {quoted_name(found, 60)}, not {expected}, the licence osai records for "
            "this database, so its data may be under other terms: refused"
        )
    return ""


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def archive_url(info: SnapshotInfo, codeload_base: str = CODELOAD) -> str:
    """The source's archive URL, on another host when `codeload_base` says so (tests, mirrors)."""
    url = info.source.archive_url
    if codeload_base != CODELOAD and url.startswith(CODELOAD):
        return codeload_base.rstrip("/") + url[len(CODELOAD) :]
    return url


def _failed(
    database: str, data_dir: Path, reason: str, warnings: tuple[str, ...] = ()
) -> UpdateOutcome:
    in_use = load_snapshot(database, data_dir).info
    where = f" ({in_use.path})" if in_use.origin == "updated" else ""
    message = (
        f"not updated: {reason}; the {in_use.origin} snapshot {in_use.short_commit} of "
        f"{in_use.date}{where} still answers"
    )
    return UpdateOutcome(database, False, message, in_use, warnings, reason)


def _refused_skips(database: str, warnings: tuple[str, ...]) -> tuple[str, ...]:
    """The skips of an archive refused whole: the first few, and how many more."""
    if len(warnings) <= SKIPS_SHOWN_WHEN_REFUSED + 1:  # a count line would save nothing
        return warnings
    more = len(warnings) - SKIPS_SHOWN_WHEN_REFUSED
    return (
        *warnings[:SKIPS_SHOWN_WHEN_REFUSED],
        f"{database}: {more} more files skipped (the archive was refused whole; the "
        f"{SKIPS_SHOWN_WHEN_REFUSED} above say why)",
    )


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if isinstance(exc, OsaiError) else f"{type(exc).__name__}: {text}"


# --- status ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatabaseStatus:
    """One database: the snapshot that answers, the bundled fallback, and what went wrong."""

    database: str
    in_use: SnapshotInfo
    bundled: SnapshotInfo | None
    updated: SnapshotInfo | None
    warnings: tuple[str, ...]
    last_failure: str = ""  # "YYYY-MM-DD: reason" of the last `db update` that failed
    failure_note: str = ""  # the file that holds it


def db_status(data_dir: Path) -> tuple[DatabaseStatus, ...]:
    return tuple(_status(name, data_dir) for name in DATABASES)


def _status(database: str, data_dir: Path) -> DatabaseStatus:
    chosen = load_snapshot(database, data_dir)
    return DatabaseStatus(
        database=database,
        in_use=chosen.info,
        bundled=_info(bundled_path(database), "bundled"),
        updated=_info(updated_path(data_dir, database), "updated"),
        warnings=chosen.warnings,
        last_failure=last_failure(data_dir, database),
        failure_note=str(failure_path(data_dir, database)),
    )


def _info(path: Path, origin: str) -> SnapshotInfo | None:
    return _read_or_none(path, origin)[0]


def _read_or_none(path: Path, origin: str) -> tuple[SnapshotInfo | None, tuple[Entry, ...]]:
    """A snapshot's info and entries; (None, ()) when there is none or it is unusable."""
    try:
        return _stored(path, origin)
    except SnapshotError:
        return None, ()
