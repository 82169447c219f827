"""Keyword and pattern helpers shared by the compiled detection rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Keywords:
    """Whole-word keywords (spaces also match - and _), with words that rule a match out."""

    include: re.Pattern[str]
    exclude: re.Pattern[str] | None = None

    def matches(self, text: str) -> bool:
        if not self.include.search(text):
            return False
        return self.exclude is None or not self.exclude.search(text)


def keywords(include: Iterable[str], exclude: Iterable[str] = ()) -> Keywords:
    """Whole-word, case-insensitive keyword matching; a space in a keyword also matches - or _."""
    excluded = list(exclude)
    return Keywords(word_regex(include), word_regex(excluded) if excluded else None)


def word_regex(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted((_word(w) for w in words), key=len, reverse=True)
    return re.compile(
        rf"(?<![A-Za-z0-9])(?:{'|'.join(alternatives)})(?![A-Za-z0-9])", re.IGNORECASE
    )


def _word(word: str) -> str:
    return r"[\s_\-]+".join(re.escape(part) for part in str(word).split())


def any_of(patterns: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    """One regex matching any of `patterns`; None when there are none."""
    listed = list(patterns)
    if not listed:
        return None
    return re.compile(alternatives(listed), flags)


def alternatives(patterns: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)
