"""The result of judging a release: pure data that formatters turn into text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from osai.evidence import Certainty, Finding, Provenance, Release
from osai.verdict import Citation, Status

__all__ = [
    "Assessment",
    "Citation",
    "Difference",
    "FrameworkAssessment",
    "NextStep",
    "RequirementResult",
    "Status",
]


@dataclass(frozen=True)
class RequirementResult:
    """One requirement's verdict, with the evidence behind it and the rule it encodes."""

    requirement_id: str
    title: str
    level: str
    required: bool
    status: Status
    reason: str
    citation: Citation
    remediation: str
    components: tuple[str, ...] = ()
    direct_component: str = ""
    facts: tuple[str, ...] = ()
    evidence: tuple[Provenance, ...] = ()
    licence: str = ""
    substituted_by: str = ""
    group: str = ""
    waiver_reason: str = ""
    status_before_waiver: Status | None = None
    certainty: Certainty | None = None  # met or unmet: the weakest evidence it rests on

    @property
    def judged_status(self) -> Status:
        """The status on the evidence alone, whatever a waiver says."""
        return self.status_before_waiver or self.status


@dataclass(frozen=True)
class NextStep:
    requirement_id: str
    status: Status
    action: str


@dataclass(frozen=True)
class FrameworkAssessment:
    """One framework's verdict on one release."""

    framework_id: str
    framework_name: str
    short_name: str
    version: str
    mode: str
    outcome: str
    outcome_label: str
    definite: bool
    best_level_proven: str
    next_level: str
    progress: Mapping[str, float] | None
    results: tuple[RequirementResult, ...]
    next_steps: tuple[NextStep, ...]
    interpretations: tuple[str, ...] = ()
    summary: str = ""
    levels: tuple[tuple[str, str], ...] = ()
    level_with_waivers: str = ""
    next_level_name: str = ""
    # How sure the outcome is: for a level reached, the weakest evidence of the requirements met;
    # for a level violated, the strongest evidence of a violation; None when not definite.
    certainty: Certainty | None = None

    def level_short(self, level_id: str) -> str:
        return dict(self.levels).get(level_id, level_id)

    def result(self, requirement_id: str) -> RequirementResult | None:
        return self._results_by_id.get(requirement_id)

    @cached_property
    def _results_by_id(self) -> dict[str, RequirementResult]:
        found: dict[str, RequirementResult] = {}
        for result in self.results:
            found.setdefault(result.requirement_id, result)  # the first, as a scan would find
        return found


@dataclass(frozen=True)
class Difference:
    """A point where two frameworks judge the same thing differently, with both sources."""

    topic: str
    message: str
    sources: tuple[str, ...] = ()
    component: str = ""


@dataclass(frozen=True)
class Assessment:
    """Everything osai concluded about one target."""

    release: Release
    frameworks: tuple[FrameworkAssessment, ...]
    differences: tuple[Difference, ...] = ()
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def framework(self, framework_id: str) -> FrameworkAssessment | None:
        return next((f for f in self.frameworks if f.framework_id == framework_id), None)
