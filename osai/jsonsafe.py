"""Bounded JSON loading with the 1-based line of every value, for `file:line` provenance.

The JSON counterpart of osai.yamlsafe: a hostile or broken file (too large, too deep, duplicate
keys, not JSON at all) is one BadInput line naming the file, never a traceback or a hung process.
The standard library parses and validates; a second, iterative pass over the same (now known
valid) text records where each value starts, so nothing here recurses on attacker-chosen depth.

`json_value` is the one door for every other JSON osai reads (a model's config.json, an API's
answer, a kept answer, a snapshot, a census store's columns): NotJson, in plain words, whatever
the text holds.  `raw_escaped` is the one door for every JSON osai writes (a report, through
osai.formatters.escaping.json_document; a census export, as DuckDB wrote it): no raw control
character in it, whoever wrote the strings.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from osai.errors import BadInput, NotRead
from osai.textsafe import quoted_name
from osai.yamlsafe import (
    NotFinite,
    NumberTooLong,
    check_integer_length,
    not_finite,
    read_text_file,
)

MAX_JSON_BYTES = 8 * 1024 * 1024
# The models one AI BOM may describe, each a target with its own report (osai.sources.bom):
# 20,000 bare models (1.4 MB) took 1.65 GB and half a minute, 30,000 ran out of memory
MAX_BOM_MODELS = 256
MAX_JSON_DEPTH = 64
MAX_JSON_VALUES = 500_000

JsonPath = tuple[str | int, ...]

# In valid JSON a string holds no raw newline, so every newline is in whitespace between tokens.
# A string is matched as runs of plain characters between escapes: one alternation per character
# took 6 s over an 8 MB string.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+|\s+')


@dataclass(frozen=True)
class JsonDocument:
    """A parsed JSON document and the 1-based line where each value starts, by its path."""

    path: Path
    data: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)

    def line_of(self, *node_path: str | int) -> int | None:
        return self.lines.get(tuple(node_path))

    def where(self, *node_path: str | int) -> str:
        """`file:line` of a value (or of its nearest enclosing value), for error messages."""
        for end in range(len(node_path), -1, -1):
            line = self.line_of(*node_path[:end])
            if line is not None:
                return f"{self.path}:{line}"
        return str(self.path)


class NotJson(ValueError):
    """Why a text is not JSON osai reads, in plain words (never Python's own: "use
    sys.set_int_max_str_digits()" is advice for a programmer); `line`: where, when known;
    `invalid`: False for valid JSON osai declines to read (a number too long), not "invalid"."""

    def __init__(self, reason: str, line: int | None = None, *, invalid: bool = True) -> None:
        super().__init__(reason)
        self.line = line
        self.invalid = invalid


class RepeatedKey(NotJson):
    """A `strict` read met an object naming one key twice (`key`: as written, unbounded)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {quoted_name(key, 80)}")
        self.key = key


def json_value(text: str | bytes, *, strict: bool = False, non_finite_absent: bool = False) -> Any:
    """`text` parsed, or NotJson: not JSON, not UTF-8, nested deeper than the parser goes, a
    number too long to read (counted before conversion: osai.yamlsafe.check_integer_length), or
    a number that is not finite (NaN, Infinity, 1e999: JSON no report could write back).
    `strict`: a repeated key is refused too, and NaN and Infinity as not JSON (a file osai cites
    by line).  `non_finite_absent`: such a number is read as None (a model's config.json,
    written by Python's json, may hold NaN beside the architecture)."""
    try:
        if strict:
            return json.loads(
                text,
                object_pairs_hook=_refuse_duplicates,
                parse_constant=_refuse,
                parse_float=_finite,
                parse_int=_integer,
            )
        if non_finite_absent:
            return json.loads(
                text, parse_constant=_absent, parse_float=_finite_or_none, parse_int=_integer
            )
        return json.loads(text, parse_constant=_not_finite, parse_float=_finite, parse_int=_integer)
    except json.JSONDecodeError as exc:
        # "Unterminated string starting at": the message ends where Python's adds the place
        said = f"{exc.msg} column {exc.colno}" if exc.msg.endswith(" at") else exc.msg
        raise NotJson(said, exc.lineno) from None
    except UnicodeDecodeError:
        raise NotJson("not UTF-8 text") from None
    except RecursionError:
        raise NotJson("nested too deeply") from None
    except (NumberTooLong, NotFinite) as exc:
        raise NotJson(str(exc), invalid=False) from None
    except RepeatedKey:  # _refuse_duplicates's own, as it is
        raise
    except ValueError as exc:  # NaN
        raise NotJson(str(exc)) from None


def _integer(written: str) -> int:
    check_integer_length(written)
    return int(written)


def _finite(written: str) -> float:
    value = float(written)
    if not math.isfinite(value):  # 1e999
        raise not_finite(written)
    return value


def _finite_or_none(written: str) -> float | None:
    value = float(written)
    return value if math.isfinite(value) else None


def _not_finite(constant: str) -> Any:
    raise not_finite(constant)


def _absent(_constant: str) -> None:
    return None


def load_json_file(path: Path, *, max_bytes: int = MAX_JSON_BYTES) -> JsonDocument:
    return parse_json(read_text_file(path, max_bytes=max_bytes), path)


def parse_json(text: str, path: Path) -> JsonDocument:
    try:
        data = json_value(text, strict=True)
    except NotJson as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        if not exc.invalid:
            raise NotRead(f"{where}: {exc}") from None
        raise BadInput(f"{where}: invalid JSON: {exc}") from None
    return JsonDocument(path, data, _index_lines(text, path))


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise RepeatedKey(key)
        result[key] = value
    return result


def _refuse(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


@dataclass
class _Frame:
    """An open object or array while scanning: its path, and where the next value goes."""

    path: JsonPath
    is_object: bool
    index: int = 0
    key: str = ""
    awaiting_key: bool = False


def _index_lines(text: str, path: Path) -> dict[JsonPath, int]:
    lines: dict[JsonPath, int] = {}
    stack: list[_Frame] = []
    line = 1
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first.isspace():
            line += token.count("\n")
        elif first in ",:}]":
            _punctuation(first, stack)
        elif first == '"' and stack and stack[-1].awaiting_key:
            stack[-1].key = json.loads(token)
            stack[-1].awaiting_key = False
        else:
            value_path = _value_path(stack)
            lines[value_path] = line
            if len(lines) > MAX_JSON_VALUES:
                raise BadInput(f"{path}: more than {MAX_JSON_VALUES:,} JSON values")
            if first in "{[":
                if len(stack) >= MAX_JSON_DEPTH:
                    raise BadInput(f"{path}:{line}: JSON nested more than {MAX_JSON_DEPTH} deep")
                stack.append(_Frame(value_path, first == "{", awaiting_key=first == "{"))
    return lines


def _punctuation(mark: str, stack: list[_Frame]) -> None:
    if mark in "}]":
        stack.pop()
        return
    frame = stack[-1]
    if mark == ",":
        if frame.is_object:
            frame.awaiting_key = True
        else:
            frame.index += 1


def _value_path(stack: list[_Frame]) -> JsonPath:
    if not stack:
        return ()
    frame = stack[-1]
    return (*frame.path, frame.key if frame.is_object else frame.index)


# --- writing -----------------------------------------------------------------------------------

# What a JSON writer leaves raw (json.dumps(ensure_ascii=False) escapes only U+0000-U+001F,
# quotes and backslashes; DuckDB's COPY the same): DEL, the C1 controls (U+009B is a terminal's
# CSI), the line separators and the bidirectional controls.  Only strings can hold them, so each
# becomes its \uXXXX escape: the same data for a JSON reader, nothing a terminal acts on.
RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


# A regular expression tests every character against the set, some 40 ms over the 8 MB report
# on a corpus; a slice of a string knows as it is made whether it is all ASCII, and most slices
# of a report are (a non-ASCII character every few kilobytes), so only the others are searched.
# DEL is the one ASCII character of the set: an ASCII slice is looked at for it alone (memchr).
_SLICE = 4096  # characters


def raw_escaped(dumped: str) -> str:
    """JSON text (or any part of it cut between characters) with each character RAW_IN_JSON
    names as its \\uXXXX escape; the text itself when it holds none (no copy made)."""
    if _clean_ascii(dumped):
        return dumped
    starts = range(0, len(dumped), _SLICE)
    if not any(_holds_raw(dumped[start : start + _SLICE]) for start in starts):
        return dumped  # the usual case: nothing to escape, and no copy of the document made
    return "".join(_slice_escaped(dumped[start : start + _SLICE]) for start in starts)


def unicode_escaped(text: str, characters: re.Pattern[str]) -> str:
    """`text` with each of `characters` as its \\uXXXX escape, as JSON writes it."""
    return characters.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _holds_raw(text: str) -> bool:
    return not _clean_ascii(text) and RAW_IN_JSON.search(text) is not None


def _slice_escaped(text: str) -> str:
    """`text` with each character RAW_IN_JSON names as its \\uXXXX escape (each is one code
    point, never split between slices)."""
    if _clean_ascii(text):
        return text
    return unicode_escaped(text, RAW_IN_JSON)


def _clean_ascii(text: str) -> bool:
    """ASCII with no DEL: nothing in it RAW_IN_JSON names."""
    return text.isascii() and "\x7f" not in text
