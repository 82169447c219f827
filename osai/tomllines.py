"""The line of each setting of a TOML table, for one-line errors at FILE:LINE.  Pure.

tomllib gives values without their lines, so a mistake in pyproject.toml's [tool.osai] was
said at the file alone (`pyproject.toml: tool.osai.fail-on-unknown: expected true or false`)
where the same in .osai.yaml names its line.  This reads the text again, line by line, for
what a settings table holds: its keys (`require = ...`, a dotted `osai.require` under
`[tool]`), its sub-tables (`[tool.osai.modes]`), the entries of an array of tables
(`[[tool.osai.waivers]]`) and their keys, and the items of an array written one to a line.  A
line it cannot place is left out: the error then names the nearest place it knows (its table).
"""

from __future__ import annotations

import re

from osai.yamlsafe import YamlPath

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_NAME = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_NAME}(?:\s*\.\s*{_NAME})*)\s*=")
_INLINE_KEY = re.compile(rf"[{{,]\s*({_NAME})\s*=")


def _parts(dotted: str) -> tuple[str, ...]:
    """`tool . "osai"` → ("tool", "osai")."""
    parts = re.findall(_NAME, dotted)
    return tuple(part[1:-1] if part[:1] in "\"'" else part for part in parts)


def toml_lines(text: str, table: tuple[str, ...]) -> dict[YamlPath, int]:
    """The 1-based line of each node of `table` (("tool", "osai")) the text writes, by its
    path within the table (("waivers", 0, "expires")); () is the table's header."""
    lines: dict[YamlPath, int] = {}
    here: YamlPath = ()  # the table the keys below a header land in, from the document's root
    counts: dict[YamlPath, int] = {}  # entries of each array of tables so far
    array: YamlPath | None = None  # a multi-line array being read, and its items so far
    items = 0
    long_string = ""  # the delimiter of a multi-line string being read: its lines are text
    for number, line in enumerate(text.splitlines(), start=1):
        if long_string:
            if line.count(long_string) % 2:
                long_string = ""
            continue
        opened = next((q for q in ('"""', "'''") if line.count(q) % 2), "")
        if opened:  # the key that opens it is placed; the lines up to its end are its text
            long_string = opened
        if array is not None:
            items = _array_items(line, array, items, number, lines)
            if _closes(line):
                array = None
            continue
        header = _HEADER.match(line)
        if header is not None:
            here = _header_path(_parts(header.group(2)), header.group(1) == "[[", counts)
            found = _within(here, table)
            if found is not None:
                lines.setdefault(found, number)
                if found and isinstance(found[-1], int):
                    lines.setdefault(found[:-1], number)
            continue
        key = _KEY.match(line)
        found = None if key is None else _within((*here, *_parts(key.group(1))), table)
        if key is None or found is None:
            continue
        lines.setdefault(found, number)
        value = line[key.end() :].strip()
        if value.startswith("["):
            if _closes(value[1:]):
                for index in range(_one_line_items(value)):
                    lines.setdefault((*found, index), number)
            else:
                array, items = found, _array_items(value[1:], found, 0, number, lines)
        elif value.startswith("{"):
            for inner in _INLINE_KEY.finditer(value):
                lines.setdefault((*found, *_parts(inner.group(1))), number)
    return lines


def _header_path(named: tuple[str, ...], repeated: bool, counts: dict[YamlPath, int]) -> YamlPath:
    """Where a `[header]` puts the keys below it; `[[header]]`: its next entry."""
    if not repeated:
        return named
    index = counts.get(named, 0)
    counts[named] = index + 1
    return (*named, index)


def _within(path: YamlPath, table: tuple[str, ...]) -> YamlPath | None:
    """A path from the document's root as a path within `table`; None when outside it."""
    if tuple(path[: len(table)]) != table:
        return None
    return tuple(path[len(table) :])


def _one_line_items(value: str) -> int:
    """How many items an array written on one line holds (`["a", "b"]`: 2)."""
    inside = value.strip()[1:].rsplit("]", 1)[0].strip().rstrip(",")
    if not inside:
        return 0
    return len(_split_items(inside))


def _split_items(inside: str) -> list[str]:
    """The items of an array's text at its top level (commas within strings, arrays or inline
    tables do not split)."""
    found, depth, quote, start = [], 0, "", 0
    for at, char in enumerate(inside):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            found.append(inside[start:at])
            start = at + 1
    if inside[start:].strip():
        found.append(inside[start:])
    return found


def _code(line: str) -> str:
    """A line without its comment (a `#` outside strings)."""
    quote = ""
    for at, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[:at]
    return line


def _closes(line: str) -> bool:
    """Whether a multi-line array's line ends it (a `]` outside strings and comments)."""
    code = re.sub(r""""[^"]*"|'[^']*'""", "", _code(line))
    return code.count("]") > code.count("[")


def _array_items(
    line: str, array: YamlPath, items: int, number: int, lines: dict[YamlPath, int]
) -> int:
    """Record the items a line of a multi-line array begins; how many there are so far."""
    code = _code(line).strip()
    if _closes(code):
        code = code.rsplit("]", 1)[0]
    for item in _split_items(code):
        if not item.strip():
            continue
        lines.setdefault((*array, items), number)
        if item.strip().startswith("{"):
            for inner in _INLINE_KEY.finditer(item.strip()):
                lines.setdefault((*array, items, *_parts(inner.group(1))), number)
        items += 1
    return items
