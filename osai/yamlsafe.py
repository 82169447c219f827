"""Bounded YAML loading: safe_load semantics, with size, alias and expansion limits.

Every YAML file osai reads (manifests, rules, configuration) comes through here, so a hostile or
broken file is reported as one line naming the file, never as a traceback or a hung process.
"""

from __future__ import annotations

import codecs
import math
import re
import stat
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from osai.errors import BadInput, NotRead
from osai.textsafe import escaped_name
from osai.yamlbuild import (
    CONSTRUCTION_ERRORS,
    NUMBER_TAGS,
    key_label,
    key_text,
    memoized_resolver,
    walk_document,
)

MAX_FILE_BYTES = 2 * 1024 * 1024
# A manifest's, however it is named: a file the user names (osai.sources.manifest), or one a
# directory holds under a manifest's name (osai.backends.local, rules/detection.yaml
# `manifests.names`), above the 1 MiB of the directory's other files (`limits.max_read_bytes`):
# two limits gave one file opposite verdicts, read when named and dropped inside its directory.
MAX_MANIFEST_BYTES = MAX_FILE_BYTES
MAX_ALIASES = 100
MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 64
# What `osai init` writes where a value goes (`# version: ?  — declare …`): here, so that a
# draft's line uncommented and not filled in is named for what it is (_describe_yaml_error).
PLACEHOLDER = "?  — "
# The words an unlisted component's note ends with (osai.init.components), wrapped onto the
# lines below its `license: ?  — …`: left there when the entry is uncommented, YAML joins them
# to the licence written over the `?` (osai.sources.manifest_checks names them).
NOTE_ENDINGS = (
    "uncomment this entry and declare its licence (SPDX id)",
    "then uncomment this entry",
)

YamlPath = tuple[str | int, ...]


class NumberTooLong(ValueError):
    """An integer written with more digits than osai reads, said in plain words (Python's own
    refusal ends "use sys.set_int_max_str_digits()": advice for a programmer, not a user)."""


def max_integer_digits() -> int:
    """The most decimal digits osai turns into an integer: Python's limit (PYTHONINTMAXSTRDIGITS,
    `-X int_max_str_digits`) or, where that is 0 (no limit), Python's default one: converting
    is quadratic in the digits, so an unbounded number lets a file hold the CPU, and a number
    past Python's limit could not be written in a report anyway."""
    return sys.get_int_max_str_digits() or sys.int_info.default_max_str_digits


_BASES = {"0x": (16, "hexadecimal "), "0o": (8, "octal "), "0b": (2, "binary ")}


def check_integer_length(written: str) -> None:
    """NumberTooLong when `written`, an integer as YAML or JSON writes it, has more digits than
    osai reads; counted on the text, before anything converts it.  A sign, the `_` between digits
    and a 0x, 0o or 0b prefix are not digits; YAML 1.1's 0-led octal (017) is octal, and each
    `:NN` of its base 60 (1:30:00) adds at most two decimal digits to the value."""
    digits = written.replace("_", "").lstrip("+-")
    base, kind = _BASES.get(digits[:2].lower(), (10, ""))
    if base != 10:
        digits = digits[2:]
    elif len(digits) > 1 and digits.startswith("0") and ":" not in digits:
        base, kind, digits = 8, "octal ", digits[1:]  # the 0 that says octal is no digit
    head, *sexagesimal = digits.split(":")
    count = len(head) + 2 * len(sexagesimal)
    # as many digits in `base` as make at most max_integer_digits() decimal ones
    limit = math.floor(max_integer_digits() / math.log10(base))
    if count > limit:
        raise NumberTooLong(
            f"a number of {count:,} {kind}digits is too long to read (at most {limit:,})"
        )


class NotFinite(ValueError):
    """A number that is no finite number: YAML's .inf and .nan, a float past the largest one
    (1.0e+999), JSON's NaN and Infinity.  Read on, it became inf or nan, which no report can
    write (JSON has no word for them) and no comparison ranks."""


def not_finite(written: str) -> NotFinite:
    """The one way osai says a number is not finite, whichever format wrote it."""
    return NotFinite(
        f"{escaped_name(written)} is not a finite number (osai reads no infinity or NaN)"
    )


def _finite_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    value: float = yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        raise not_finite(str(node.value))
    return value


def _float_or_none(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float | None:
    value: float = yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    return value if math.isfinite(value) else None


def _bounded_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    check_integer_length(str(node.value))
    value: int = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    return value


class InvalidYaml(BadInput):
    """Text that is no YAML, or a value YAML cannot construct (2026-02-30), and the file's line
    the problem is on (None: on none), for a reader that places it apart from the message (a
    card's problem, where a SARIF result points)."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


class _BadValue(Exception):
    """A scalar the SafeConstructor could not build (a date 2025-13-45), with its node: its
    ValueError says what is wrong and nothing of where.  Not a ValueError, so that the
    enclosing collections' constructors let it pass to parse_yaml unchanged."""

    def __init__(self, node: yaml.Node, problem: Exception) -> None:
        super().__init__(_said(node, problem))
        self.node = node
        # a valid value osai declines to read (a number too long, or not finite) is not
        # "invalid YAML"
        self.invalid = not isinstance(problem, NumberTooLong | NotFinite)


def _said(node: yaml.Node, problem: Exception) -> str:
    """What is wrong with the value: a ValueError says it ("month must be in 1..12"); the
    others come from inside PyYAML ("'NoneType' object has no attribute 'groupdict'"), so the
    value and the type its tag asks for are said instead."""
    if isinstance(problem, (ValueError, OverflowError)):
        return str(problem)
    kind = str(node.tag).rsplit(":", 1)[-1]
    return f"{escaped_name(str(node.value))!r} is not a valid {kind}"


def _locating(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """`base`, whose every construction error names the node it was building."""

    class LocatingLoader(base):  # type: ignore[valid-type,misc]
        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except CONSTRUCTION_ERRORS as exc:
                raise _BadValue(node, exc) from None

    return LocatingLoader


try:
    _Loader: type[yaml.SafeLoader] = _locating(memoized_resolver(yaml.CSafeLoader))  # type: ignore[arg-type]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _locating(memoized_resolver(yaml.SafeLoader))
# Every integer and float, whichever walk builds it (osai.yamlbuild's takes its builders from
# here too).
_Loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _finite_float)


class _NumbersOrNone(_Loader):  # type: ignore[valid-type,misc]
    """`_Loader`, reading a number that is not finite as absent (None): for someone else's
    document where one such value is no reason to set the rest aside (a card's front matter,
    whose evaluation results may hold a .nan a training run logged, beside its licence)."""


_NumbersOrNone.add_constructor("tag:yaml.org,2002:float", _float_or_none)


@dataclass(frozen=True)
class SplitNumber:
    """`1,000` inside a flow collection: as written, its line, and the collection's brackets."""

    written: str
    line: int
    brackets: str  # "{…}" or "[…]"
    # the collection's entries the comma made of the number (`text` and `000` of `{text:
    # 1,000}`): their problems are the comma's, any other entry's are its own
    parts: tuple[str | int, ...] = ()


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document and the 1-based line of every node, by its path."""

    path: Path
    data: Any
    lines: dict[YamlPath, int] = field(default_factory=dict)
    # The line of each mapping key (a nested mapping's value starts on the next line), and how
    # each plain scalar that YAML read as a boolean was spelled (`no`, `on`...: YAML 1.1 traps).
    key_lines: dict[YamlPath, int] = field(default_factory=dict)
    boolean_spellings: dict[YamlPath, str] = field(default_factory=dict)
    # A number written with a thousands separator inside {…} or […] (`{flops: 1,000}`), by the
    # path of the collection, as written and on its line: YAML ends an entry at the comma
    # (`flops: 1` and a key `000`), valid YAML whose problems are said of it (osai.schemas).
    split_numbers: dict[YamlPath, SplitNumber] = field(default_factory=dict)
    # How each plain scalar YAML read as a number was written: `version: 2026.10` is the number
    # 2026.1, and a refusal quoting that misquoted its author.
    number_spellings: dict[YamlPath, str] = field(default_factory=dict)

    def line_of(self, *node_path: str | int) -> int | None:
        return self.lines.get(tuple(node_path))

    def key_line_of(self, *node_path: str | int) -> int | None:
        """The line of the key that holds a node (else the node's own line)."""
        return self.key_lines.get(tuple(node_path)) or self.line_of(*node_path)

    def spelling_of(self, *node_path: str | int) -> str | None:
        """How a boolean was written in the file (`no`, `False`...), if the node is one."""
        return self.boolean_spellings.get(tuple(node_path))

    def written(self, *node_path: str | int) -> str | None:
        """How a number was written in the file (`2026.10`, `1_000`), if the node is one."""
        return self.number_spellings.get(tuple(node_path))

    def where(self, *node_path: str | int, line: int | None = None) -> str:
        """`file:line` of a node (or of `line`), for one-line error messages."""
        found = line or self.line_of(*node_path)
        return f"{self.path}:{found}" if found else str(self.path)


def read_text_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a small UTF-8 text file, refusing missing, huge and binary files with one line, and
    one in UTF-16 or UTF-32 (wide_unicode) saying so: osai reads UTF-8 alone, as its Hub
    backend does (one reader for every file: YAML, TOML, JSON, cards, licences)."""
    problem = not_a_regular_file(path)
    if problem:
        raise BadInput(f"{path}: {problem}")
    try:
        status = path.stat()
    except OSError as exc:  # gone since
        raise BadInput(f"{path}: cannot read ({exc.strerror})") from None
    if status.st_size > max_bytes:
        limit = f"{status.st_size:,} bytes; the limit is {max_bytes:,}"
        raise BadInput(f"{path}: too large ({limit})")
    raw = _read_at_most(path, max_bytes)
    if b"\x00" not in raw:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    encoding = wide_unicode(raw)
    if encoding:
        raise BadInput(f"{path}: {encoding} text, which osai does not read: save it as UTF-8")
    raise BadInput(
        f"{path}: binary file, not text" if b"\x00" in raw else f"{path}: not UTF-8 text"
    )


def not_a_regular_file(path: Path) -> str:
    """What is at `path` (followed through a symlink) where a file to read was asked for, or ""
    for a regular file: the one wording of it (read_text_file, --manifest).  Nothing is opened:
    a named pipe held osai, blocked, until something wrote into it."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a symlink to nothing" if path.is_symlink() else "no such file"
    except OSError as exc:
        return f"cannot read ({exc.strerror})"
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    return "" if stat.S_ISREG(mode) else "not a regular file"


# UTF-32 before UTF-16: a UTF-32LE byte order mark begins with UTF-16LE's.
_WIDE_ENCODINGS = (
    ("UTF-32", "utf-32-le", codecs.BOM_UTF32_LE),
    ("UTF-32", "utf-32-be", codecs.BOM_UTF32_BE),
    ("UTF-16", "utf-16-le", codecs.BOM_UTF16_LE),
    ("UTF-16", "utf-16-be", codecs.BOM_UTF16_BE),
)
_NOT_TEXT = frozenset(("Cc", "Cs", "Co", "Cn"))  # control, surrogate, private use, unassigned


def wide_unicode(raw: bytes) -> str:
    """The wider Unicode encoding the bytes are text in, "UTF-16" or "UTF-32", else "": with a
    byte order mark, or without one beginning with an ASCII character, as YAML 1.2 (5.2) tells
    them apart by their NUL bytes, and text throughout.  A file saved so (Windows PowerShell 5
    writes UTF-16 with `>`) was "binary file, not text", as if it were no text at all."""
    for name, encoding, bom in _WIDE_ENCODINGS:
        marked = raw.startswith(bom)
        try:
            text = raw[len(bom) if marked else 0 :].decode(encoding)
        except UnicodeDecodeError:
            continue
        if (marked or text[:1].isascii()) and _text_throughout(text):
            return name
    return ""


def _text_throughout(text: str) -> bool:
    """Some text, none of it a NUL or another character no text file holds (a tab and line
    breaks aside): bytes of another kind of file rarely decode so."""
    return bool(text) and not any(
        unicodedata.category(char) in _NOT_TEXT and char not in "\t\n\r" for char in text
    )


def _read_at_most(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror})") from None
    if len(raw) > max_bytes:
        raise BadInput(f"{path}: too large (more than {max_bytes:,} bytes)")
    return raw


def load_yaml_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> YamlDocument:
    return parse_yaml(read_text_file(path, max_bytes=max_bytes), path)


def parse_yaml(
    text: str, path: Path, first_line: int = 1, *, non_finite_absent: bool = False
) -> YamlDocument:
    """Parse one YAML document with safe constructors and bounded alias expansion.
    `first_line`: the file's line the text starts on (a card's front matter: 2), so that an
    error names the file's line.  A number that is not finite (.inf, .nan, 1.0e+999) is not
    read (NotRead), or with `non_finite_absent` read as None."""
    _refuse_deep_flow(text, path)
    loader = (_NumbersOrNone if non_finite_absent else _Loader)(text)
    index = _Index()
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(path, None)
        walk = walk_document(loader, node, MAX_DEPTH, MAX_EXPANDED_NODES)
        if walk is not None:  # a plain document, read in one pass (osai.yamlbuild)
            split = _numbers_split_by_commas(node, text, first_line)
            return YamlDocument(
                path, walk.data, walk.lines, walk.key_lines, walk.booleans, split, walk.numbers
            )
        index = _index_nodes(node, path)  # bounds depth and aliases before the search below
        data = loader.construct_document(node)
        split = _numbers_split_by_commas(node, text, first_line)
    except yaml.YAMLError as exc:
        # a quote left open is mended where it opens, lines above where YAML stopped
        opened = _quote_left_open(exc, text)
        said = _describe_yaml_error(exc, text, first_line, opened)
        line = _problem_line(exc, text, first_line) if opened is None else opened + first_line
        # PATH:LINE: as every other problem of a file is said: CI annotations (GitHub's
        # file=,line=, SARIF's region) place it at the line to mend, where "PATH: invalid YAML"
        # left it on no file
        where = f"{path}:{line}" if line is not None else str(path)
        raise InvalidYaml(f"{where}: invalid YAML: {said}", line) from None
    except _BadValue as exc:  # e.g. an impossible date, 2026-02-30
        key = index.paths.get(id(exc.node))
        line = exc.node.start_mark.line + first_line
        where = f"{path}:{line}: {plain_path(key) + ': ' if key else ''}"
        if not exc.invalid:
            raise NotRead(f"{where}{exc}") from None
        raise InvalidYaml(f"{where}invalid YAML value: {exc}", line) from None
    finally:
        loader.dispose()
    return YamlDocument(
        path, data, index.lines, index.key_lines, index.booleans, split, index.numbers
    )


def nested_too_deeply(path: Path) -> NotRead:
    """The one way a document nested past MAX_DEPTH is refused, before or after it is built."""
    return NotRead(f"{path}: YAML nested too deeply (more than {MAX_DEPTH} levels)")


_NESTING_BOUND = "maximum nesting depth"
_FLOW_OPENERS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_CLOSERS = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def _refuse_deep_flow(text: str, path: Path) -> None:
    """NotRead when flow collections (`[…]`, `{…}`) nest past MAX_DEPTH, told from YAML's
    tokens before any document is built: PyYAML up to 6.0.3 builds one recursively in C, and
    `license: [[[…]]]` 30,000 deep in a card's front matter crashed osai (a segmentation fault)
    before the depth of what it built was checked.  The tokens, not the brackets, are counted:
    a `]` in a quoted value or a comment closes nothing.  A text holding no more brackets than
    MAX_DEPTH is not scanned."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    scanner = _Loader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()  # type: ignore[no-untyped-call]
            if isinstance(token, _FLOW_OPENERS):
                depth += 1
                if depth > MAX_DEPTH:
                    raise nested_too_deeply(path)
            elif isinstance(token, _FLOW_CLOSERS):
                depth -= 1
    except yaml.YAMLError as exc:
        # PyYAML 6.0.4's scanner stops at its own bound, past MAX_DEPTH, before any token of
        # the first collection is given: said as osai says it
        if _NESTING_BOUND in str(getattr(exc, "problem", "")):
            raise nested_too_deeply(path) from None
        return  # no YAML: the parse says where
    finally:
        scanner.dispose()


# Digits grouped by commas, as a person writes a thousand (1,000 or 12,500,000).
_GROUPED_DIGITS = re.compile(r"(?<![\w.])(?<!\d,)\d{1,3}(?:,\d{3})+(?![\w.]|,\d)")


def _numbers_split_by_commas(
    root: yaml.Node, text: str, first_line: int
) -> dict[YamlPath, SplitNumber]:
    """Each flow collection holding a plain scalar of three digits right after a comma that
    follows a digit (`1,000`: YAML reads the entries 1 and 000), by its path, with the number
    as written, its line and the entries made of it.  The text is searched once: a collection
    of 100,000 such commas on one line took minutes when each entry searched its line."""
    numbers = [(m.start(), m.end(), m.group()) for m in _GROUPED_DIGITS.finditer(text)]
    if not numbers:
        return {}
    starts = [start for start, _, _ in numbers]
    found: dict[YamlPath, SplitNumber] = {}
    stack: list[tuple[yaml.Node, YamlPath]] = [(root, ())]
    seen: set[int] = set()
    while stack:  # the document was walked whole already: its depth and aliases are bounded
        node, node_path = stack.pop()
        if not isinstance(node, yaml.CollectionNode) or id(node) in seen:
            continue
        seen.add(id(node))
        if not _spans_a_number(node, starts):
            continue  # nothing of it is grouped digits: a rule file's `{0,2000}` walked it whole
        children = _flow_children(node, node_path)
        if node.flow_style:
            split = _split_number(node, children, numbers, starts, first_line)
            if split is not None:
                found[node_path] = split
        stack.extend(children)
    return found


def _split_number(
    node: yaml.CollectionNode,
    children: list[tuple[yaml.Node, YamlPath]],
    numbers: list[tuple[int, int, str]],
    starts: list[int],
    first_line: int,
) -> SplitNumber | None:
    """The first number a comma split among a flow collection's entries, with every entry a
    split number is made of; None when the commas there part no number."""
    within = [(child, path, _number_at(child, numbers, starts)) for child, path in children]
    # a number is split here when one of its later groups is an entry of its own
    cut = [
        (number, child)
        for child, _, number in within
        if number is not None and child.start_mark.index > number[0] and _group(child)
    ]
    if not cut:
        return None
    first, group = min(cut, key=lambda item: item[0])
    split = {number for number, _ in cut}
    parts = tuple(dict.fromkeys(_entries_of(node, children, within, split)))
    brackets = "{…}" if isinstance(node, yaml.MappingNode) else "[…]"
    return SplitNumber(first[2], group.start_mark.line + first_line, brackets, parts)


def _entries_of(
    node: yaml.CollectionNode,
    children: list[tuple[yaml.Node, YamlPath]],
    within: list[tuple[yaml.Node, YamlPath, tuple[int, int, str] | None]],
    split: set[tuple[int, int, str]],
) -> list[str | int]:
    """The entries split numbers are made of, as a problem's path names them: a list's
    indexes, a mapping's keys as YAML reads them (`000` is the number 0)."""
    made = [path[-1] for _, path, number in within if number in split]
    if isinstance(node, yaml.SequenceNode):
        return made
    constructor = yaml.constructor.SafeConstructor()
    keys = {
        label: key
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
        for label in [key_label(key)]
    }
    return [*made, *(_read_key(constructor, keys[label]) for label in made if label in keys)]


def _read_key(constructor: yaml.constructor.SafeConstructor, key: yaml.ScalarNode) -> str | int:
    if key.tag == "tag:yaml.org,2002:int":
        read: int = constructor.construct_yaml_int(key)
        return read
    return str(key.value)


def _flow_children(
    node: yaml.CollectionNode, node_path: YamlPath
) -> list[tuple[yaml.Node, YamlPath]]:
    """A collection's nodes with their paths; a mapping's keys too (`000` of `{a: 1,000}`)."""
    if isinstance(node, yaml.SequenceNode):
        return [(child, (*node_path, index)) for index, child in enumerate(node.value)]
    pairs = [(key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]
    return [(part, (*node_path, key_label(key))) for key, value in pairs for part in (key, value)]


def _spans_a_number(node: yaml.Node, starts: list[int]) -> bool:
    """Whether grouped digits start within the node's text: a collection holding none holds no
    collection a comma split a number in, and need not be walked."""
    first = bisect_left(starts, node.start_mark.index)
    return first < len(starts) and starts[first] < node.end_mark.index


def _number_at(
    node: yaml.Node, numbers: list[tuple[int, int, str]], starts: list[int]
) -> tuple[int, int, str] | None:
    """The grouped digits (`1,000`) a plain scalar starts within, else None."""
    if not isinstance(node, yaml.ScalarNode) or node.style:  # plain: None, or libyaml's ""
        return None
    at = node.start_mark.index
    found = bisect_right(starts, at) - 1
    if found < 0 or not at < numbers[found][1]:
        return None
    return numbers[found]


def _group(node: yaml.Node) -> bool:
    """A scalar that is three digits alone (`000` of `1,000`, not `000 apples`)."""
    return isinstance(node, yaml.ScalarNode) and re.fullmatch(r"\d{3}", str(node.value)) is not None


@dataclass
class _Index:
    lines: dict[YamlPath, int] = field(default_factory=dict)
    key_lines: dict[YamlPath, int] = field(default_factory=dict)
    booleans: dict[YamlPath, str] = field(default_factory=dict)
    numbers: dict[YamlPath, str] = field(default_factory=dict)  # YamlDocument.number_spellings
    paths: dict[int, YamlPath] = field(default_factory=dict)  # id(node): where it first is


_BOOL_TAG = "tag:yaml.org,2002:bool"


def _index_nodes(root: yaml.Node, path: Path) -> _Index:
    """Record each node's line, and refuse alias bombs before anything expands them (NotRead:
    valid YAML past osai's bounds, never said to be invalid)."""
    index = _Index()
    lines = index.lines
    seen_collections: set[int] = set()
    aliases = 0
    visited = 0
    stack: list[tuple[yaml.Node, YamlPath]] = [(root, ())]
    while stack:
        node, node_path = stack.pop()
        visited += 1
        if visited > MAX_EXPANDED_NODES:
            raise NotRead(f"{path}: YAML expands to more than {MAX_EXPANDED_NODES:,} nodes")
        lines.setdefault(node_path, node.start_mark.line + 1)
        index.paths.setdefault(id(node), node_path)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _BOOL_TAG:
                index.booleans.setdefault(node_path, node.value)
            elif node.tag in NUMBER_TAGS:
                index.numbers.setdefault(node_path, node.value)
            continue
        if len(node_path) > MAX_DEPTH:
            raise nested_too_deeply(path)
        if id(node) in seen_collections:
            aliases += 1
            if aliases > MAX_ALIASES:
                raise NotRead(f"{path}: too many YAML aliases (more than {MAX_ALIASES})")
        seen_collections.add(id(node))
        stack.extend(_children(node, node_path, index))
    return index


def _children(
    node: yaml.Node, node_path: YamlPath, found: _Index
) -> list[tuple[yaml.Node, YamlPath]]:
    if isinstance(node, yaml.SequenceNode):
        return [(child, (*node_path, index)) for index, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        children = []
        seen: set[str] = set()
        built: dict[object, str] = {}  # each key YAML builds, by the label it was first given
        for key, value in node.value:
            label = key_label(key) if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line)
            if isinstance(key, yaml.ScalarNode):
                _refuse_repeated(node_path, label, key, seen, built)
            seen.add(label)
            found.key_lines.setdefault((*node_path, label), key.start_mark.line + 1)
            found.paths.setdefault(id(key), (*node_path, label))  # a key that is a bad date
            children.append((value, (*node_path, label)))
        return children
    return []


def _refuse_repeated(
    node_path: YamlPath, label: str, key: yaml.ScalarNode, seen: set[str], built: dict[object, str]
) -> None:
    """A key repeated, as written or as YAML builds it (`1.0:` beside `1:` is one key to the
    mapping: the second overwrote the first unsaid)."""
    read_as = ""
    if label not in seen:
        value = _key_value(key)
        try:
            first = built.setdefault(value, label)
        except TypeError:  # a value no mapping can hold as a key: the constructor says so
            return
        if first == label:
            return
        read_as = f", which YAML reads as {plain_path((*node_path, first))}"
    # The path, not the key alone: `name` is repeated under release and framework.  Worded
    # only when raised: every key of every document on this path passes here.
    said = f"duplicate key {plain_path((*node_path, label))}{read_as}"
    raise yaml.constructor.ConstructorError(None, None, said, key.start_mark)


_KEY_BUILDER = yaml.constructor.SafeConstructor()
_INT_TAG = "tag:yaml.org,2002:int"


def _key_value(node: yaml.ScalarNode) -> object:
    """The key YAML builds of a scalar key, as a mapping holds it: `1`, `1.0`, `+1`, `0x1` and
    `true` are one key to Python's dict, each overwriting the other.  The text as written when
    it builds none, or an integer too long to convert (quadratic in its digits): the
    constructor then refuses it in its own words."""
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    try:
        if node.tag == _INT_TAG:
            check_integer_length(str(node.value))
        built: object = _KEY_BUILDER.construct_object(node)
    except (yaml.YAMLError, *CONSTRUCTION_ERRORS):
        return node.value
    finally:
        # the constructor keeps every node it built, for a document's aliases: shared, it kept
        # each key of every file read, as long as osai ran (2 MB a file of 5,000 `1:` keys)
        _KEY_BUILDER.constructed_objects.clear()
        _KEY_BUILDER.recursive_objects.clear()
    return built


def _describe_yaml_error(
    exc: yaml.YAMLError, text: str, first_line: int = 1, opened: int | None = None
) -> str:
    """The problem and where it is (_placed), and that a value starting with `*` is an alias:
    `model: *gpt-*.yml` read "did not find expected alphabetic or numeric character"; or that
    the problem is a tab: "found character that cannot start any token (line 2, column 1)"
    gave no hint that the character was the tab indenting the line; or that a `?` there is a
    draft's placeholder left in: "mapping keys are not allowed in this context" named neither;
    or that a value holding `: ` is to be quoted; or where a quote left open opened (`opened`,
    _quote_left_open)."""
    lines = text.count("\n") + (not text.endswith("\n"))
    said = _placed(exc, first_line, lines)
    mark = getattr(exc, "problem_mark", None)
    about = f"{getattr(exc, 'problem', None) or ''} {getattr(exc, 'context', None) or ''}"
    if "alias" in about:
        said += "; YAML reads a value that starts with * as an alias: quote it"
    elif "tab character" in about or _character_at(text, mark) == "\t":
        said += " (YAML indents with spaces, not tabs)"
    elif _character_at(text, mark) == PLACEHOLDER[0]:
        said += f"; `{PLACEHOLDER}…`, osai init's placeholder, is not a value: write the value"
    elif _placeholder_note_before(text, mark):
        # `license: Apache-2.0  — not detected: if you release…`: the value written in place of
        # the `?` alone, the note's `: ` is what YAML stumbled on
        said += (
            "; `— …` beside the value is osai init's note on what to write: delete it, and any "
            "line it runs on to"
        )
    elif (colon := _colon_in_plain_value(text, mark, flow="flow" in about)) is not None:
        said += f"; a value holding ': ' must be quoted ({colon})"
    elif opened is not None and mark is not None:
        said += (
            f"; the quote opened on line {opened + first_line} is not closed on its line "
            f"(YAML reads on to the next quote, on line {mark.line + first_line}): close it"
        )
    elif any(problem in about for problem in _TEXT_WHERE_A_KEY_BELONGS):
        stray = _stray_text(exc, text)
        if stray is not None:
            said += (
                f"; line {stray + first_line} holds text where a key belongs "
                "(a comment uncommented by mistake?)"
            )
    return said


# A key and its plain value, from the start of the line (after its indent and any `- `) or of a
# flow entry (after `{`, `[` or `,`): what YAML stops at when the value holds `: `.
_KEY_AND_VALUE = re.compile(r"\s*(?:-\s+)*([^\s#'\"{}\[\],&*!|>%@`?][^:#{}\[\],]*?):\s+(.+)")
_SHOWN_QUOTED = 60  # the longest key and value a hint quotes back whole


def _colon_in_plain_value(text: str, mark: yaml.Mark | None, *, flow: bool) -> str | None:
    """`key: "value"`, when the error's mark is a `: ` inside a plain value (`title: Training
    code: released`, `{ref: NAO 2026.1: §3.1, …}`): YAML reads it as a second key, and says
    "mapping values are not allowed in this context" or "did not find expected ',' or '}'"
    with no word of quotes.  None for anything else."""
    if mark is None or _character_at(text, mark) != ":":
        return None
    line = _LINE_BREAKS.split(text, maxsplit=mark.line + 1)[mark.line]
    if line[mark.column + 1 : mark.column + 2] not in ("", " ", "\t"):
        return None
    start = max(line.rfind(c, 0, mark.column) for c in "{[,") + 1 if flow else 0
    entry = line[start:]
    if flow:
        ends = [n for n in (entry.find(c, mark.column - start) for c in ",}]") if n >= 0]
        entry = entry[: min(ends)] if ends else entry
    else:
        entry = entry.split(" #")[0]
    found = _KEY_AND_VALUE.match(entry)
    if found is None or start + found.start(2) > mark.column:
        return None  # the `:` YAML stopped at is the key's own
    key, value = found.group(1), found.group(2).rstrip()
    if len(key) + len(value) > _SHOWN_QUOTED:
        return f'{escaped_name(key)}: "…"'
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return escaped_name(f'{key}: "{quoted}"', 2 * _SHOWN_QUOTED)


def _quote_left_open(exc: yaml.YAMLError, text: str) -> int | None:
    """The line (0-based) a quote opens on that runs on to the error's line, when that is sure:
    the last token YAML read before the error is a quoted value begun on an earlier line that
    ends on the error's, and a line it runs over holds a key (`check: {…`), so the quote was
    left open (`title: "Training code released` was said at the next quote, two lines down,
    with no word of the quote).  None otherwise, and for a problem a quote left open does not
    cause (the text is not scanned again for a tab)."""
    mark = getattr(exc, "problem_mark", None)
    problem = str(getattr(exc, "problem", None) or "")
    if mark is None or not problem.startswith(_AFTER_AN_OPEN_QUOTE):
        return None
    last: yaml.ScalarToken | None = None
    # up to the end of the error's line: the tokens before the error are all that counts
    read = "".join(_LINE_BREAKS_KEPT.split(text, maxsplit=mark.line + 1)[: 2 * mark.line + 2])
    try:
        # the pure-Python scanner: its tokens carry their style and both ends
        for token in yaml.scan(read, Loader=yaml.SafeLoader):
            if (token.start_mark.line, token.start_mark.column) >= (mark.line, mark.column):
                break
            last = token if isinstance(token, yaml.ScalarToken) else None
    except yaml.YAMLError:
        pass  # the scanner stops where the error is: the tokens before it are what counts
    if last is None or last.style not in ("'", '"'):
        return None
    opened, closed = last.start_mark.line, last.end_mark.line
    if not opened < closed == mark.line:
        return None
    lines = _LINE_BREAKS.split(text, maxsplit=closed + 1)
    if not any(_KEY_LINE.match(lines[n]) for n in range(opened + 1, closed + 1)):
        return None
    return int(opened)


_KEY_LINE = re.compile(r"\s*(?:-\s+)?[\w-]+:(?:\s|$)")
_LINE_BREAKS_KEPT = re.compile("(\r\n|[\r\n\x85\u2028\u2029])")  # _LINE_BREAKS, kept in a split
# What YAML says where a quote left open ends at a later quote: the text after it read as
# what comes next.
_AFTER_AN_OPEN_QUOTE = (
    "did not find expected",
    "could not find expected ':'",
    "mapping values are not allowed",
    "expected <block end>",
)


# What YAML says of a line of prose where a key belongs (a draft's comment uncommented): it
# notices at the next key, lines below, or on the prose itself when it holds `: `.
_TEXT_WHERE_A_KEY_BELONGS = (
    "could not find expected ':'",
    "did not find expected key",
    "did not find expected '-' indicator",
    "mapping values are not allowed",
    "while scanning a block scalar",  # `> ` then text on one line: quoted prose
)
_BARE_TEXT = re.compile(r"[^\s#:\-\[\]{}'\"&*!|>%@`?,][^#]*")


def _stray_text(exc: yaml.YAMLError, text: str) -> int | None:
    """The line (0-based) of the bare text YAML could not place: where the key it took it for
    began, or the last line it read before noticing; None when that line is no bare text (a
    key and value, an item, a flow collection)."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return None
    lines = _LINE_BREAKS.split(text)
    began = getattr(exc, "context_mark", None)
    context = getattr(exc, "context", None)
    if context == "while scanning a block scalar":
        content = (lines[mark.line] if mark.line < len(lines) else "").strip()
        quoted = content[:1] in "|>" and content[1:2] == " "
        return int(mark.line) if quoted and _BARE_TEXT.match(content[2:]) else None
    if context == "while scanning a simple key" and began is not None:
        candidate = int(began.line)
    else:
        read = [
            n
            for n in range(min(mark.line, len(lines)) - 1, -1, -1)
            if lines[n].strip() and not lines[n].lstrip().startswith("#")
        ]
        candidate = read[0] if read else -1
    if not 0 <= candidate < len(lines):
        return None
    content = lines[candidate].strip()
    if _BARE_TEXT.fullmatch(content) and ": " not in content and not content.endswith(":"):
        return candidate
    return None


_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # as YAML's readers count lines


def _placeholder_note_before(text: str, mark: yaml.Mark | None) -> bool:
    """Whether the line of an error holds, before its mark, the note `osai init` writes after a
    placeholder's `?` (PLACEHOLDER without it)."""
    if mark is None:
        return False
    lines = _LINE_BREAKS.split(text, maxsplit=mark.line + 1)
    line = lines[mark.line] if mark.line < len(lines) else ""
    return PLACEHOLDER[1:] in line[: mark.column]


def _character_at(text: str, mark: yaml.Mark | None) -> str:
    """The character at an error's mark ("" past the end, or with no mark): the marks of
    libyaml and of PyYAML count a byte order mark differently, but lines and columns alike."""
    if mark is None:
        return ""
    lines = _LINE_BREAKS.split(text, maxsplit=mark.line + 1)
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1]


def _problem_line(exc: yaml.YAMLError, text: str, first_line: int) -> int | None:
    """The line _placed names: the problem's, or, for one at the end of the text, where what it
    leaves open began (else the text's last line); None when YAML names no place."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return None
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines and mark.line >= lines:
        opened = getattr(exc, "context_mark", None)
        # never past the last line (`release: [` opens "a flow node" after its line's end)
        began = opened.line if opened is not None else lines - 1
        return min(began, lines - 1) + first_line
    return int(mark.line) + first_line


def _placed(exc: yaml.YAMLError, first_line: int, lines: int) -> str:
    """The problem and where it is.  A problem found at the end of the text (an unclosed `[`)
    is said to be there, with where what it leaves open began: "line 4, column 1" of a file of
    three lines pointed past its end."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return str(problem)
    if lines and mark.line >= lines:
        # a card's front matter (first_line 2) ends where its closing --- is, not the file
        end = "at the end of the file" if first_line == 1 else "at the end of the front matter"
        opened = getattr(exc, "context_mark", None)
        context = getattr(exc, "context", None)
        # what YAML says was begun past the text's end (`release: [` opens "a flow node" on a
        # line the file does not have) names no place in it
        if opened is not None and context and opened.line < lines:
            what = context.removeprefix("while parsing ")
            began = f"line {opened.line + first_line}, column {opened.column + 1}"
            return f"{problem} {end} ({what} begun at {began})"
        return f"{problem} {end}"
    return f"{problem} (line {mark.line + first_line}, column {mark.column + 1})"


def _is_index(part: object) -> bool:
    return isinstance(part, int) and not isinstance(part, bool)


def plain_path(node_path: YamlPath, root: str = "") -> str:
    """`release.components[2].license`: the path a reader of the file recognises."""
    text = root
    for part in node_path:
        # a key YAML reads as null (`: 1`, `~: 1`) or a boolean is written as YAML writes it,
        # not "None", nor "[True]", as if it were a list's entry
        key = part if _is_index(part) else escaped_name(key_text(part))
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text or "(top level)"
