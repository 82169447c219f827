"""Small text helpers for card values shown in reports."""

from __future__ import annotations

CONTEXT_CHARS = 200


def short(text: str) -> str:
    """One line of at most CONTEXT_CHARS characters (whitespace folded)."""
    flat = " ".join(text[: CONTEXT_CHARS * 4].split())
    return flat if len(flat) <= CONTEXT_CHARS else flat[: CONTEXT_CHARS - 3] + "..."
