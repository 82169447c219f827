"""A run's result: every target's assessment or error, and the required policies' results."""

from __future__ import annotations

from dataclasses import dataclass

from osai.assessment import Assessment
from osai.policy import PolicyResult


@dataclass(frozen=True)
class TargetError:
    """A target that could not be judged, and why (bad input: 2; evidence unavailable: 3)."""

    target: str
    message: str
    exit_code: int


@dataclass(frozen=True)
class RunInfo:
    tool_version: str
    spdx_list_version: str
    frameworks: tuple[tuple[str, str, str, str], ...]  # id, name, version, mode
    component_names: tuple[tuple[str, str], ...] = ()  # id, name
    terminal: bool = False
    base_dir: str = ""  # where relative locations in CI formats are relative to


@dataclass(frozen=True)
class Report:
    info: RunInfo
    assessments: tuple[Assessment, ...]
    errors: tuple[TargetError, ...] = ()
    policies: tuple[PolicyResult, ...] = ()
