"""Database files → typed entries, each one validated; a file that fails is skipped, never fatal.

Both databases are public repositories anyone can send changes to, so every file is hostile until
parsed: through osai.yamlsafe (safe constructors, size, alias and depth limits), then its types
checked.  Used when a snapshot is made (the build script, `osai db update`), so a snapshot only ever
holds entries that read.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from osai.assessments.model import (
    EosaiEntry,
    EosaiParameter,
    Grade,
    MotEntry,
    Skipped,
    bounded_notes,
    overlong_field,
)
from osai.assessments.mot import read_listing
from osai.errors import BadInput
from osai.licence_spelling import overlong_licence
from osai.rules import RuleSet
from osai.schemas import shown
from osai.yamlsafe import parse_yaml

# The largest entry of either database is under 5 KB; anything near this is not an entry.
MAX_ENTRY_BYTES = 256 * 1024
_EOSAI_META = ("system", "org")
_GRADES = {
    "open": Grade.OPEN,
    "partial": Grade.PARTIAL,
    "closed": Grade.CLOSED,
    "": Grade.NOT_APPLICABLE,
}


class EntryError(ValueError):
    """Why one file is not a usable entry (its message becomes the skip reason)."""


def read_entries(
    database: str, files: Iterable[tuple[str, str | Skipped]], rules: RuleSet
) -> tuple[list[MotEntry] | list[EosaiEntry], list[Skipped]]:
    """Each (file, text) as an entry of `database` ("mot" or "eosai"), or as a skipped file."""
    entries: list[Any] = []
    skipped: list[Skipped] = []
    for file, text in files:
        if isinstance(text, Skipped):
            skipped.append(text)
            continue
        try:
            entries.append(_entry(database, file, text, rules))
        except (EntryError, BadInput) as exc:
            skipped.append(Skipped(file, _reason(str(exc), f"{database}:{file}")))
    return entries, skipped


def _entry(database: str, file: str, text: str, rules: RuleSet) -> MotEntry | EosaiEntry:
    size = len(text.encode("utf-8"))
    if size > MAX_ENTRY_BYTES:
        raise EntryError(f"too large ({size:,} bytes; the limit is {MAX_ENTRY_BYTES:,})")
    if "\x00" in text:
        raise EntryError("binary file, not text")
    entry = mot_entry(file, text, rules) if database == "mot" else eosai_entry(file, text)
    overlong = overlong_field(entry)
    if overlong:
        raise EntryError(overlong)
    return entry


def _reason(message: str, label: str) -> str:
    """A skip reason on one line, without the file name the warning already carries: a manifest
    reading names every problem on a line of its own (`label:LINE: problem`), here `line LINE:
    problem`, joined with "; "."""
    parts = []
    for line in message.splitlines():
        text = line.strip()
        if text.startswith(f"{label}:"):
            text = text[len(label) + 1 :].lstrip()
            number, separator, problem = text.partition(":")
            if separator and number.isdigit():
                text = f"line {number}: {problem.strip()}"
        if text:
            parts.append(text)
    return "; ".join(parts)


# --- MOT -------------------------------------------------------------------------------------


def mot_entry(file: str, text: str, rules: RuleSet) -> MotEntry:
    """A MOT model file, valid as osai reads manifests (schema, component names)."""
    label = f"mot:{file}"
    read_listing(text, label, rules)  # raises BadInput naming the file when it does not read
    data = parse_yaml(text, Path(label)).data
    release = data["release"]
    return MotEntry(
        file=file,
        name=_text(release.get("name")),
        producer=_text(release.get("producer")),
        date=_text(release.get("date")),
        huggingface=_text(release.get("huggingface")),
        text=text,
    )


# --- EOSAI -----------------------------------------------------------------------------------


def eosai_entry(file: str, text: str) -> EosaiEntry:
    """An EOSAI assessment: `system`, `org` and the graded parameters, types checked."""
    document = parse_yaml(text, Path(f"eosai:{file}"))
    data = document.data
    if not isinstance(data, dict):
        raise EntryError(f"expected a mapping of system, org and parameters, found {shown(data)}")
    system = _mapping(data.get("system"), "system")
    org = _mapping(data.get("org") or {}, "org")
    name = _text(system.get("name"), "system.name")
    if not name:
        raise EntryError("system.name is missing")
    parameters = {
        key: _parameter(key, value, document.line_of(key, "class") or document.line_of(key))
        for key, value in data.items()
        if key not in _EOSAI_META and isinstance(value, dict) and "class" in value
    }
    if not parameters:
        raise EntryError("no graded parameters (no key with a class)")
    licence = _end_model_licence(system)
    lines = {
        str(key): line for key in system if (line := document.line_of("system", key)) is not None
    }
    return EosaiEntry(
        file=file,
        name=name,
        link=_text(system.get("link"), "system.link"),
        types=_text(system.get("type"), "system.type"),
        base_model=_text(system.get("basemodelname"), "system.basemodelname"),
        end_model=_text(system.get("endmodelname"), "system.endmodelname"),
        end_model_licence=licence,
        release_date=_text(system.get("releasedate"), "system.releasedate"),
        organisation=_text(org.get("name"), "org.name"),
        organisation_links=_links(org.get("link"), "org.link"),
        parameters=parameters,
        lines=lines,
    )


def _end_model_licence(system: Mapping[str, Any]) -> str:
    """system.endmodellicense; refused when it is a licence's text pasted for its id: every
    component it covers quotes it, and 100 KB of it made a check's report 400 KB.  Text only: a
    number or a truth value (`endmodellicense: 42`) names no licence, and read as one ('42') it
    stood against a MOT listing's licence in a check's conflict, where the MOT listing's
    `name: 2.0` is skipped by the manifest reading."""
    raw = system.get("endmodellicense", system.get("endmodel license"))
    if raw is not None and not isinstance(raw, str):
        raise EntryError(f"system.endmodellicense: expected text, found {shown(raw)}")
    licence = _text(raw, "system.endmodellicense")
    overlong = overlong_licence(licence)
    if overlong:
        raise EntryError(f"system.endmodellicense: {overlong}")
    return licence


def _parameter(key: str, value: Mapping[str, Any], line: int | None) -> EosaiParameter:
    raw = value.get("class")
    if raw is not None and not isinstance(raw, str):
        raise EntryError(f"{key}.class: expected open, partial or closed, found {shown(raw)}")
    grade = _GRADES.get((raw or "").strip().lower())
    if grade is None:
        raise EntryError(f"{key}.class: expected open, partial or closed, found '{raw}'")
    notes = value.get("notes")
    return EosaiParameter(
        grade=grade,
        links=_links(value.get("link"), f"{key}.link"),
        notes=bounded_notes(_text(notes, f"{key}.notes")),
        line=line,
    )


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise EntryError(f"{where}: expected a mapping, found {shown(value)}")
    return value


def _links(value: Any, where: str) -> tuple[str, ...]:
    """A link field: one URL, a list of URLs, or nothing."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value if item.strip())
    raise EntryError(f"{where}: expected a URL or a list of URLs, found {shown(value)}")


def _text(value: Any, where: str = "") -> str:
    """A scalar as text (YAML reads `2024-05-01` as a date and `1.0` as a number)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()
    if isinstance(value, bool):
        return str(value).lower()
    raise EntryError(f"{where or 'value'}: expected text, found {shown(value)}")
