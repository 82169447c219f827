"""Patterns compiled from rules/detection.yaml once per rule set, shared by the sources."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from osai.errors import RulesError
from osai.rules import RuleSet

T = TypeVar("T")

# One entry per kind of compiled table: the detection mapping it was compiled from, and the table.
_COMPILED: dict[str, tuple[Mapping[str, Any], Any]] = {}


def compiled(rules: RuleSet, section: str, build: Callable[[RuleSet], T]) -> T:
    """`build(rules)`, computed once per rule set's detection rules (which must have `section`).

    Only the latest rule set is kept per `build`: a process checks with one rule set at a time.
    """
    detection = rules.detection
    key = f"{build.__module__}.{build.__qualname__}"
    cached = _COMPILED.get(key)
    if cached is not None and cached[0] is detection:
        value: T = cached[1]
        return value
    if section not in detection:
        raise RulesError(f"rules/detection.yaml is missing or has no '{section}' section")
    value = build(rules)
    _COMPILED[key] = (detection, value)
    return value
