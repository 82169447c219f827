"""Snapshot files: one gzip-compressed JSON document per database, bundled or updated.

A snapshot holds the database's source (repository, archive, licence, attribution), the commit and
date it was taken at, the entries that read (MOT: each file's original YAML text; EOSAI: the fields
osai uses) and the files that were skipped, with why.  Reading one checks every type again, so a
damaged file in the user's data directory costs that entry (or that snapshot), never a check.
"""

from __future__ import annotations

import datetime
import gzip
import json
import re
import stat
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from osai.assessments.model import (
    DatabaseSource,
    EntrySelection,
    EosaiEntry,
    EosaiParameter,
    Grade,
    LicenceStatement,
    MotEntry,
    Skipped,
    SnapshotInfo,
    bounded_notes,
    overlong_field,
    overlong_file_name,
    shown_file,
)
from osai.errors import BadInput
from osai.jsonsafe import NotJson, json_value
from osai.licence_spelling import overlong_licence
from osai.paths import remove_stale_scratch, write_atomically
from osai.textsafe import escaped_name, quoted_name

SCHEMA_FAMILY = "osai/assessment-snapshot/"
SCHEMA_VERSION = 1
SCHEMA = f"{SCHEMA_FAMILY}{SCHEMA_VERSION}"
MAX_SNAPSHOT_BYTES = 32 * 1024 * 1024  # compressed; the bundled ones are ~0.1 MB
MAX_JSON_BYTES = 256 * 1024 * 1024
# The most entries a snapshot holds, read and skipped together: an archive with more entry files is
# refused (osai.assessments.archive), so no snapshot osai writes has more.
MAX_ENTRIES = 20_000


class SnapshotError(BadInput):
    """A snapshot file that cannot be used at all (missing, corrupt, another format)."""


class NewerSnapshot(SnapshotError):
    """A snapshot of a later version of osai's format: its message says what to do."""


class OlderSnapshot(SnapshotError):
    """A snapshot of an earlier version of osai's format, which `db update` replaces."""


Entry = MotEntry | EosaiEntry


# --- writing ---------------------------------------------------------------------------------


def snapshot_bytes(info: SnapshotInfo, entries: Sequence[Entry]) -> bytes:
    """The snapshot as gzip-compressed JSON; reproducible (no timestamp in the gzip header)."""
    document = {
        "schema": SCHEMA,
        "source": _source_json(info.source),
        "commit": info.commit,
        "date": info.date,
        "obtained": info.obtained,
        "skipped": [{"file": s.file, "reason": s.reason} for s in info.skipped],
        "entries": [_entry_json(entry) for entry in entries],
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def write_snapshot(path: Path, info: SnapshotInfo, entries: Sequence[Entry]) -> int:
    """Write atomically (a reader sees the old file or the new one, never half); bytes written."""
    data = snapshot_bytes(info, entries)
    remove_stale_scratch(path, time.time())  # a killed update's scratch file stays for good
    # mkstemp's 0600 would make shipped package data unreadable
    write_atomically(path, data, mode=0o644)
    return len(data)


def _source_json(source: DatabaseSource) -> dict[str, Any]:
    return {
        "database": source.database,
        "title": source.title,
        "repository": source.repository,
        "archive": source.archive_url,
        "entries": {
            "directory": source.selection.directory,
            "suffixes": list(source.selection.suffixes),
            "exclude": list(source.selection.exclude),
        },
        "licence": source.licence,
        "attribution": source.attribution,
        **(
            {"licence_statement": _statement_json(statement)}
            if (statement := source.licence_statement)
            else {}
        ),
    }


def _statement_json(statement: LicenceStatement) -> dict[str, str]:
    field = {"field": statement.field} if statement.field else {}
    return {"path": statement.path, "says": statement.says, **field}


def _entry_json(entry: Entry) -> dict[str, Any]:
    if isinstance(entry, MotEntry):
        return {
            "file": entry.file,
            "name": entry.name,
            "producer": entry.producer,
            "date": entry.date,
            "huggingface": entry.huggingface,
            "text": entry.text,
        }
    return {
        "file": entry.file,
        "name": entry.name,
        "link": entry.link,
        "type": entry.types,
        "base_model": entry.base_model,
        "end_model": entry.end_model,
        "end_model_licence": entry.end_model_licence,
        "release_date": entry.release_date,
        "organisation": entry.organisation,
        "organisation_links": list(entry.organisation_links),
        "lines": dict(entry.lines),
        "parameters": {
            key: {"class": p.grade.value, "links": list(p.links), "notes": p.notes, "line": p.line}
            for key, p in entry.parameters.items()
        },
    }


# --- reading ---------------------------------------------------------------------------------


def read_snapshot(
    path: Path, origin: str
) -> tuple[SnapshotInfo, tuple[Entry, ...], tuple[Skipped, ...]]:
    """A snapshot file: its info, its entries, and the entries this read had to drop.

    Raises SnapshotError when the file as a whole is unusable; an entry of the wrong shape is
    dropped (returned as Skipped) and the rest is used.
    """
    document = _document(path)
    source = _source(document.get("source"), path)
    entries: list[Entry] = []
    dropped: list[Skipped] = []
    raw_entries = document.get("entries")
    if not isinstance(raw_entries, list):
        raise SnapshotError(f"{path}: not an osai assessment snapshot (no entry list)")
    _refuse_too_many(raw_entries, document.get("skipped"), path)
    for index, raw in enumerate(raw_entries):
        try:
            entries.append(_entry(source.database, raw))
        except (TypeError, ValueError, KeyError) as exc:
            file = raw.get("file") if isinstance(raw, dict) else None
            name = shown_file(file) if isinstance(file, str) else f"entry #{index + 1}"
            dropped.append(Skipped(name, f"damaged in the snapshot {path.name}: {_damage(exc)}"))
    commit, date, obtained = _header(document, path)
    info = SnapshotInfo(
        source=source,
        commit=commit,
        date=date,
        obtained=obtained,
        origin=origin,
        path=str(path),
        entry_count=len(entries),
        skipped=(*_skipped(document.get("skipped")), *dropped),
    )
    return info, tuple(entries), tuple(dropped)


def _document(path: Path) -> dict[str, Any]:
    try:
        status = path.stat()
        if not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)):
            # a named pipe was waited on for ever, a check with it; a device is read to its end
            raise SnapshotError(f"{path}: unreadable snapshot (not a regular file)")
        size = status.st_size
        if size > MAX_SNAPSHOT_BYTES:
            raise SnapshotError(f"{path}: too large for a snapshot ({size:,} bytes)")
        with gzip.open(path, "rb") as handle:
            raw = handle.read(MAX_JSON_BYTES + 1)
    except FileNotFoundError:
        raise SnapshotError(f"{path}: no such file") from None
    except (OSError, EOFError, zlib.error) as exc:
        # the system's words alone ("Is a directory"): its own repeat the path said before
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SnapshotError(f"{path}: unreadable snapshot ({why})") from None
    if len(raw) > MAX_JSON_BYTES:
        raise SnapshotError(f"{path}: snapshot unpacks to more than {MAX_JSON_BYTES:,} bytes")
    if not raw.strip():  # a write cut short before its first byte: "Expecting value" said nothing
        raise SnapshotError(f"{path}: empty snapshot")
    try:
        document = json_value(raw)
    except NotJson as exc:
        raise SnapshotError(f"{path}: not a JSON snapshot ({exc})") from None
    if not isinstance(document, dict):
        raise SnapshotError(f"{path}: not an osai assessment snapshot ({SCHEMA})")
    schema = document.get("schema")
    if schema != SCHEMA:
        raise _not_this_format(schema, path)
    return document


def _not_this_format(schema: Any, path: Path) -> SnapshotError:
    """Why a document whose schema is not SCHEMA is not read.  Another version of osai's own
    format is said as such, not "not ours"; only a later one is a newer osai's, which an
    update must not overwrite.  Every other version was called newer, so `db update` refused
    to replace the snapshot an older osai had stored."""
    version = _format_version(schema)
    if version is None:
        return SnapshotError(f"{path}: not an osai assessment snapshot ({SCHEMA})")
    said = f"{path}: a snapshot of format {escaped_name(schema)}, which this osai"
    if version > SCHEMA_VERSION:
        return NewerSnapshot(
            f"{said} cannot read (it reads {SCHEMA}): upgrade osai, or move it aside for this "
            "osai's db update to store one"
        )
    return OlderSnapshot(f"{said} no longer reads (it reads {SCHEMA}): osai db update replaces it")


def _format_version(schema: Any) -> int | None:
    """The version of osai's snapshot format `schema` names; None when it names none."""
    if not isinstance(schema, str) or not schema.startswith(SCHEMA_FAMILY):
        return None
    number = schema[len(SCHEMA_FAMILY) :]
    return int(number) if re.fullmatch(r"0|[1-9][0-9]{0,5}", number) else None


def _refuse_too_many(entries: list[Any], skipped: Any, path: Path) -> None:
    """More entries than any snapshot osai writes: each would cost a warning (and, damaged, one
    line of `db status`), so 8 million empty ones in a 24 KB file held every check for minutes."""
    count = len(entries) + (len(skipped) if isinstance(skipped, list) else 0)
    if count > MAX_ENTRIES:
        raise SnapshotError(
            f"{path}: holds {count:,} entries, more than any snapshot osai writes "
            f"(at most {MAX_ENTRIES:,})"
        )


def _header(document: dict[str, Any], path: Path) -> tuple[str, str, str]:
    """The commit, date and note of a snapshot, checked: the date chooses which snapshot answers
    (the newer wins), so one that is not a date would win over every real one."""
    try:
        commit = _string(document.get("commit"), "commit")
        date = _string(document.get("date"), "date")
        obtained = _string(document.get("obtained"), "obtained")
        datetime.date.fromisoformat(date)
    except TypeError as exc:
        raise SnapshotError(f"{path}: snapshot header is damaged ({exc})") from None
    except ValueError:
        raise SnapshotError(
            f"{path}: snapshot header is damaged (date: expected a date (YYYY-MM-DD), "
            f"found {quoted_name(date, 40)})"
        ) from None
    return commit, date, obtained


def _source(raw: Any, path: Path) -> DatabaseSource:
    try:
        if not isinstance(raw, dict):
            raise TypeError("no source")
        selection = raw["entries"]
        if not isinstance(selection, dict):
            raise TypeError("source.entries is not a mapping")
        source = DatabaseSource(
            database=_string(raw["database"], "source.database"),
            title=_string(raw["title"], "source.title"),
            repository=_string(raw["repository"], "source.repository"),
            archive_url=_string(raw["archive"], "source.archive"),
            selection=EntrySelection(
                _string(selection["directory"], "directory"),
                _strings(selection["suffixes"], "suffixes"),
                _strings(selection["exclude"], "exclude"),
            ),
            licence=_string(raw["licence"], "source.licence"),
            attribution=_string(raw["attribution"], "source.attribution"),
            licence_statement=_licence_statement(raw.get("licence_statement")),
        )
    except (TypeError, KeyError) as exc:
        raise SnapshotError(f"{path}: snapshot source is damaged ({_damage(exc)})") from None
    if source.database not in ("mot", "eosai"):
        raise SnapshotError(f"{path}: unknown database '{source.database}'")
    return source


def _licence_statement(raw: Any) -> LicenceStatement | None:
    if raw is None:  # a snapshot written before osai read the statement
        return None
    if not isinstance(raw, dict):
        raise TypeError("source.licence_statement is not a mapping")
    path = _string(raw.get("path"), "source.licence_statement.path")
    says = _string(raw.get("says"), "source.licence_statement.says")
    field = _string(raw.get("field", ""), "source.licence_statement.field")
    return LicenceStatement(path, says, field) if path and says else None


def _entry(database: str, raw: Any) -> Entry:
    """A stored entry, refused as `db update` refuses it (osai.assessments.entries)."""
    entry = _typed_entry(database, raw)
    overlong = overlong_file_name(entry.file) or overlong_field(entry)
    if overlong:
        raise ValueError(overlong)
    return entry


def _typed_entry(database: str, raw: Any) -> Entry:
    if not isinstance(raw, dict):
        raise TypeError("not a mapping")
    if database == "mot":
        return MotEntry(
            file=_string(raw["file"], "file"),
            name=_string(raw["name"], "name"),
            producer=_string(raw["producer"], "producer"),
            date=_string(raw["date"], "date"),
            huggingface=_string(raw["huggingface"], "huggingface"),
            text=_string(raw["text"], "text"),
        )
    parameters = raw["parameters"]
    lines = raw["lines"]
    if not isinstance(parameters, dict) or not isinstance(lines, dict):
        raise TypeError("parameters and lines must be mappings")
    return EosaiEntry(
        file=_string(raw["file"], "file"),
        name=_string(raw["name"], "name"),
        link=_string(raw["link"], "link"),
        types=_string(raw["type"], "type"),
        base_model=_string(raw["base_model"], "base_model"),
        end_model=_string(raw["end_model"], "end_model"),
        end_model_licence=_licence(raw["end_model_licence"]),
        release_date=_string(raw["release_date"], "release_date"),
        organisation=_string(raw["organisation"], "organisation"),
        organisation_links=_strings(raw["organisation_links"], "organisation_links"),
        parameters={_string(k, "parameter"): _parameter(v) for k, v in parameters.items()},
        lines={_string(k, "line key"): _line(v) for k, v in lines.items()},
    )


def _licence(value: Any) -> str:
    """An EOSAI entry's licence, refused as `db update` refuses it (osai.assessments.entries)."""
    licence = _string(value, "end_model_licence")
    overlong = overlong_licence(licence)
    if overlong:
        raise ValueError(f"end_model_licence: {overlong}")
    return licence


def _parameter(raw: Any) -> EosaiParameter:
    if not isinstance(raw, dict):
        raise TypeError("a parameter is not a mapping")
    line = raw.get("line")
    return EosaiParameter(
        grade=Grade(_string(raw["class"], "class")),
        links=_strings(raw["links"], "links"),
        notes=bounded_notes(_string(raw["notes"], "notes")),
        line=None if line is None else _line(line),
    )


def _skipped(raw: Any) -> tuple[Skipped, ...]:
    if not isinstance(raw, list):
        return ()
    return tuple(
        Skipped(shown_file(item["file"]), item["reason"])
        for item in raw
        if isinstance(item, dict)
        and isinstance(item.get("file"), str)
        and isinstance(item.get("reason"), str)
    )


def _damage(exc: Exception) -> str:
    """What is wrong with a value, in words: a missing key's KeyError says only "'file'"."""
    if isinstance(exc, KeyError) and exc.args:
        return f"{exc.args[0]}: missing"  # one of the keys read here, never the file's
    return str(exc)


def _string(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what}: expected text, found {type(value).__name__}")
    return value


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TypeError(f"{what}: expected a list of text")
    return tuple(value)


def _line(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise TypeError(f"line: expected a positive integer, found {value!r}")
    return value
