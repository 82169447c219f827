"""Reading the text report in tests: its parts as a person sees them, one item a line."""

from __future__ import annotations


def actions_said(stdout: str) -> str:
    """The Actions block, its heading and every action, as one line of words (wrapping aside)."""
    return " ".join(_actions_block(stdout).split())


def _actions_block(stdout: str) -> str:
    return stdout.split("\nActions", 1)[1].split("\n\n", 1)[0]


def action_lines(stdout: str) -> list[str]:
    """The Actions block, each action on one line (a wrapped one's lines joined)."""
    block = _actions_block(stdout)
    found: list[str] = []
    for line in block.splitlines()[1:]:
        if line.startswith("    ") and not found:  # the title's, wrapped
            continue
        if line.startswith("    "):
            found[-1] += " " + line.strip()
        else:
            found.append(" ".join(line.split()))
    return found
