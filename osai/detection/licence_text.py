"""Identifying a licence file from its head: an SPDX-License-Identifier, or the licence's title.

Patterns come from rules/detection.yaml (`spdx_identifier`, `bare_identifier`, `licence_titles`,
`licence_head`);
only the first `limits.licence_head_bytes` of a file are ever looked at.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from osai.detection.words import word_regex


@dataclass(frozen=True)
class LicenceMatch:
    """A licence identified in a licence file's head, and the line that identified it."""

    licence: str
    line: int
    how: str
    bare: bool = False  # the file holds only this id: a licence only if osai knows the id


@dataclass(frozen=True)
class LicencePatterns:
    spdx_identifier: re.Pattern[str]
    bare_identifier: re.Pattern[str]
    titles: tuple[tuple[re.Pattern[str], str], ...]
    head_bytes: int
    title_lines: int
    title_chars: int
    title_words: re.Pattern[str]

    def identify(self, text: str) -> LicenceMatch | None:
        """Which licence a licence file is: an SPDX-License-Identifier in its first bytes, a
        licence id that is all the file holds, or the licence's title at its very head, with no
        title osai does not recognise before it."""
        head = text[: self.head_bytes]
        match = self.spdx_identifier.search(head)
        if match is not None and match["expression"].strip():
            line = _line_at(head, match.start())
            return LicenceMatch(match["expression"].strip(), line, "SPDX-License-Identifier")
        bare = self.bare_identifier.match(head) if len(text) <= self.head_bytes else None
        if bare is not None:
            line = _line_at(head, bare.start("expression"))
            return LicenceMatch(bare["expression"], line, "its only line, a licence id", True)
        title = self._first_title(head)
        if title is None or self._unrecognised_title(head[: title[0]]):
            return None
        return LicenceMatch(title[1], _line_at(head, title[0]), "the licence's own title")

    def _first_title(self, head: str) -> tuple[int, str] | None:
        """The title that starts first in the head (the first listed at the same place)."""
        end = self._title_head_end(head)
        found = [
            (match.start(), order, licence)
            for order, (regex, licence) in enumerate(self.titles)
            if (match := regex.search(head)) is not None and match.start() < end
        ]
        if not found:
            return None
        start, _, licence = min(found)
        return start, licence

    def _title_head_end(self, text: str) -> int:
        """Where the head ends: after `title_lines` non-blank lines, or `title_chars`
        characters from the first non-blank character."""
        start = len(text) - len(text.lstrip())
        offset, seen = 0, 0
        for line in text.splitlines(keepends=True):
            offset += len(line)
            seen += bool(line.strip())
            if seen >= self.title_lines:
                break
        return min(offset, start + self.title_chars)

    def _unrecognised_title(self, before: str) -> bool:
        """A line before the title names a licence (a title word and other words besides)."""
        return any(
            self.title_words.search(line) and re.search(r"[^\W_]", self.title_words.sub("", line))
            for line in before.splitlines()
        )


def compile_licence_text(detection: Mapping[str, Any]) -> LicencePatterns:
    head = detection["licence_head"]
    return LicencePatterns(
        re.compile(detection["spdx_identifier"], re.IGNORECASE | re.MULTILINE),
        re.compile(detection["bare_identifier"]),
        tuple(
            (re.compile(t["pattern"], re.IGNORECASE | re.MULTILINE), t["licence"])
            for t in detection["licence_titles"]
        ),
        int(detection["limits"]["licence_head_bytes"]),
        int(head["lines"]),
        int(head["chars"]),
        word_regex(head["title_words"]),
    )


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
