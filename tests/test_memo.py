"""The bounded memo every hot path shares: what it remembers, and that memory stays flat
whatever number of distinct values others send."""

from __future__ import annotations

from osai.memo import Memo


def test_a_remembered_answer_is_found_again() -> None:
    memo: Memo[str, int] = Memo(size=3)
    assert memo.remember("MIT", 1) == 1
    assert memo.get("MIT") == 1
    assert memo.get("Apache-2.0") is None


def test_a_full_memo_starts_over_rather_than_grow() -> None:
    memo: Memo[int, int] = Memo(size=100)
    for value in range(10_000):
        memo.remember(value, value * 2)
        assert len(memo) <= 100
    assert memo.get(9_999) == 19_998  # the latest answer is always kept
