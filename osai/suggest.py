"""Did-you-mean: the known word nearest to a misspelt one, for error messages."""

from __future__ import annotations

from collections.abc import Iterable

# A suggestion is offered only for a close spelling: `licence` → `license`, `Apache-2.O` →
# `Apache-2.0`; a word far from every known one (a free-text licence name) gets none.
CUTOFF = 0.75


def closest(
    word: str, known: Iterable[str], *, cutoff: float = CUTOFF, unique: bool = False
) -> str | None:
    """The known word nearest to `word` (compared case-insensitively), or None.  `unique`: None
    as well when another is as near (`class-4` is as near `class-3` as `class-2`: naming one
    would send the reader to it for no reason)."""
    import difflib  # only when a word is misspelt: not on every start

    by_fold: dict[str, str] = {}
    for candidate in known:
        by_fold.setdefault(candidate.casefold(), candidate)
    folded = word.casefold()
    found = difflib.get_close_matches(folded, list(by_fold), n=2, cutoff=cutoff)
    if found:
        if unique and len(found) == 2 and _ratio(folded, found[0]) == _ratio(folded, found[1]):
            return None
        return by_fold[found[0]]
    # Short words are far apart by ratio even one typo away (`mfo` → `mof`).  One edit changes
    # a length by at most one: other lengths are not measured (a 500 KB word costs nothing).
    typos = [
        key
        for key in by_fold
        if abs(len(key) - len(word)) <= 1 and typo_distance(word, key, limit=2) == 1
    ]
    return by_fold[typos[0]] if len(word) >= 3 and len(typos) == 1 else None


def did_you_mean(
    word: str, known: Iterable[str], *, cutoff: float = CUTOFF, unique: bool = False
) -> str:
    """` (did you mean 'x'?)`, or nothing when no known word is close (`unique`: or when
    another is as close)."""
    return meant_said(word, closest(word, known, cutoff=cutoff, unique=unique))


def meant_said(word: str, found: str | None) -> str:
    """` (did you mean 'x'?)` for `found`, what `closest` gave for `word`, or nothing: for a
    caller that needs the word itself too, which did_you_mean would look for again."""
    return f" (did you mean '{found}'?)" if found is not None and found != word else ""


def _ratio(word: str, known: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, word, known).ratio()


def could_be_closest(word: str, length: int, *, cutoff: float = CUTOFF) -> bool:
    """Whether a known word `length` long, case-folded, may be what `closest` answers for
    `word`: when difflib's ratio may reach the cutoff (2·matches / both lengths, and there are
    no more matches than the shorter has letters: its `real_quick_ratio`, computed as difflib
    does), or when it may be one typo from `word` folded.  A caller with many known words asks
    closest of these alone."""
    folded = len(word.casefold())
    total = length + folded
    ratio_bound = 2.0 * min(length, folded) / total if total else 1.0
    return ratio_bound >= cutoff or abs(length - folded) <= 1


def typo_distance(first: str, second: str, *, limit: int | None = None) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from one word to the other,
    ignoring case: the optimal string alignment distance.  With `limit`, any distance of at
    least `limit` may be answered as `limit` (the search stops there)."""
    a, b = first.casefold(), second.casefold()
    if limit is not None and abs(len(a) - len(b)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if limit is not None and min(current) >= limit:
            return limit
        previous2, previous = previous, current
    return previous[len(b)]
