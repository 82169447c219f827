"""Answers already worked out, kept within a bound.

A corpus or a census meets the same few hundred licence strings and YAML scalars millions of
times, and working each out again costs far more than a lookup; but the values come from others,
so how many distinct ones arrive is theirs to choose.  A memo keeps at most `size` answers and
starts over when full: the common values are back within a few lookups, and memory stays flat.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

MEMO_SIZE = 16_384  # distinct questions kept


class Memo(dict[K, V]):
    """A dict read as one (`get`, the C lookup, on the hot path) and written through
    `remember`, which keeps it within its bound."""

    __slots__ = ("size",)

    def __init__(self, size: int = MEMO_SIZE) -> None:
        super().__init__()
        self.size = size

    def remember(self, key: K, value: V) -> V:
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value
