"""Git submodules: directories of a local checkout that are other repositories.

A directory the top-level `.gitmodules` lists (`path = libs/nanoGPT`) is someone else's
repository checked out inside this one: its train.py was counted as the release's training code,
under the release's LICENSE.  Its directories are set aside as vendored code is (rules/
detection.yaml `source_code_skip_directories`): source code and weights under them are not the
release's, and a licence file there covers that directory only; a note names them.

`.gitmodules` is git config (INI-like), written by whoever made the checkout: it is read as the
directory's other files are (bounded by `limits.max_read_bytes`, no symlink out of the
directory), parsed here by a small reader of git's syntax (sections, `key = value`, quotes,
escapes, comments), and a file that does not parse, or names a path outside the directory, sets
nothing aside: a note says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from osai.evidence import Certainty, Finding, FindingKind, Provenance
from osai.textsafe import some_of

GITMODULES = ".gitmodules"
Read = Callable[[str], "str | None"]  # a file's text, None when it cannot be read (said already)

_SECTION = re.compile(r'\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]\s*(?:[#;].*)?')
_KEY = re.compile(r"([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?")
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "b": "\b"}


@dataclass(frozen=True)
class Submodules:
    """The submodule directories that hold files of the listing, and notes."""

    paths: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()


class _Malformed(Exception):
    """A line of .gitmodules that is not git config, or a path outside the directory."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def submodules(read: Read, listing: tuple[str, ...], source: str) -> Submodules:
    """The directories the top-level .gitmodules lists that hold files of the listing."""
    if GITMODULES not in listing:
        return Submodules()
    text = read(GITMODULES)
    if text is None:
        return Submodules()
    try:
        listed = frozenset(gitmodules_paths(text))
    except _Malformed as exc:
        message = (
            f"{GITMODULES}: line {exc.line} is not git config, or names a path outside the "
            "directory; no directory is set aside as a submodule"
        )
        return Submodules(findings=(_note(message, source),))
    held = _holding_files(listed, listing)
    if not held:
        return Submodules()
    message = (
        f"git submodules (other repositories): {some_of(held, 5)}; code and weights there are not "
        "counted as the release's, and a licence file there covers that directory only"
    )
    return Submodules(held, (_note(message, source),))


def gitmodules_paths(text: str) -> list[str]:
    """Every `path` of a `[submodule "..."]` section, as a relative "/"-separated path.
    Raises _Malformed (with the line's number) on anything that is not git config."""
    paths: list[str] = []
    section: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        header = _SECTION.fullmatch(line)
        if header is not None:
            section = header.group(1).lower().split(".", 1)[0]  # [submodule.x]: an old form
            continue
        entry = _KEY.fullmatch(line)
        if entry is None or section is None:
            raise _Malformed(number)
        value = _value(entry.group(2) or "")
        if value is None:
            raise _Malformed(number)
        if section == "submodule" and entry.group(1).lower() == "path":
            path = _relative(value)
            if path is None:
                raise _Malformed(number)
            paths.append(path)
    return paths


def _value(raw: str) -> str | None:
    """A git config value: quotes kept together, escapes undone, a comment cut, the ends
    trimmed outside quotes; None for an open quote, an unknown escape or a continued line."""
    chars: list[str] = []
    kept = 0  # the value's length without trailing unquoted blanks
    quoted = escaped = False
    for char in raw.strip():
        if escaped:
            if char not in _ESCAPES:
                return None
            chars.append(_ESCAPES[char])
            kept, escaped = len(chars), False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted, kept = not quoted, len(chars)
        elif char in "#;" and not quoted:
            break
        else:
            chars.append(char)
            if quoted or not char.isspace():
                kept = len(chars)
    if quoted or escaped:
        return None
    return "".join(chars[:kept])


def _relative(value: str) -> str | None:
    """A path inside the directory ("a/b", a trailing "/" allowed); None for anything else (an
    absolute path, `..`, `.`, an empty part, a control character)."""
    parts = value.removesuffix("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    if any(ord(char) < 32 or char == "\x7f" for char in value):
        return None
    return "/".join(parts)


def _holding_files(listed: frozenset[str], listing: Iterable[str]) -> tuple[str, ...]:
    held: dict[str, None] = {}
    for path in listing:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            directory = "/".join(parts[:depth])
            if directory in listed:
                held.setdefault(directory)
                break
    return tuple(sorted(held))


def _note(message: str, source: str) -> Finding:
    where = Provenance(source, GITMODULES, "", Certainty.DETECTED)
    return Finding(FindingKind.NOTE, message, (where,))
