"""Frameworks of levels (MOF's classes; binary ones such as OSAID and the EU AI Act exemption):
the highest level whose requirements all pass, the progress towards each, and the next steps.

A level that does not decide the outcome (`decides: false`) holds duties that stand whatever the
outcome: its requirements are judged and shown, and never block or prove a level.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from osai.assessment import FrameworkAssessment, NextStep, RequirementResult, Status
from osai.evidence import Certainty, Release, strongest, weakest
from osai.rules import Framework, Mode

MET_ONLY = (Status.MET,)
WITH_WAIVERS = (Status.MET, Status.WAIVED)


def judge_levels(
    framework: Framework,
    mode: Mode,
    results: tuple[RequirementResult, ...],
    *,
    ruled_out: str = "",
    interpretations: tuple[str, ...] = (),
) -> FrameworkAssessment:
    """The verdict; `ruled_out` (ruled_out_from) and the mode's `interpretations` are given
    with it, not added to a copy (a census judges millions)."""
    ladder = framework.ladder
    ranked = _Ranked.of(framework, results)
    reached = _level_reached(framework, ranked, MET_ONLY)
    reached_with_waivers = _level_reached(framework, ranked, WITH_WAIVERS)
    outcome, definite = _outcome(framework, ranked, reached)
    with_waivers = _past(framework, ranked, reached_with_waivers, lambda r: r.status)
    next_level = ladder[reached + 1].id if reached + 1 < len(ladder) else ""
    return FrameworkAssessment(
        framework_id=framework.id,
        framework_name=framework.name,
        short_name=framework.short_name,
        outcome_note=framework.outcome_note,
        version=framework.version,
        mode=mode.name,
        outcome=outcome,
        outcome_label=_outcome_label(framework, outcome),
        definite=definite,
        best_level_proven=ladder[reached].id if reached >= 0 else "",
        level_with_waivers=ladder[reached_with_waivers].id if reached_with_waivers >= 0 else "",
        waiting_on=() if definite else with_waivers.unknown,
        next_level=next_level,
        next_level_name=framework.level(next_level).name if next_level else "",
        progress=_progress(framework, ranked) if framework.progress == "cumulative" else None,
        progress_unknown=(
            _progress_unknown(framework, ranked) if framework.progress == "cumulative" else None
        ),
        results=results,
        next_steps=_next_steps(framework, ranked, results, next_level),
        summary=framework.summary,
        levels=framework.ladder_marks,
        level_labels=framework.level_labels,
        standing_levels=framework.standing_marks,
        certainty=_outcome_certainty(ranked, reached, definite),
        outcome_citation=framework.outcome_citations.get(outcome),
        not_demonstrated_level=framework.not_demonstrated_level,
        ruled_out_from=ruled_out,
        interpretations=interpretations,
    )


@dataclass(frozen=True)
class _Ranked:
    """A framework's required results that decide the outcome, each with its level's place on
    the ladder (found once: every question below asks for the requirements up to some level)."""

    required: tuple[tuple[int, RequirementResult], ...]

    @classmethod
    def of(cls, framework: Framework, results: tuple[RequirementResult, ...]) -> _Ranked:
        position = framework.level_index
        return cls(tuple((position(r.level), r) for r in results if r.required and r.decides))

    def up_to(self, level_index: int) -> list[RequirementResult]:
        return [result for level, result in self.required if level <= level_index]


def _level_reached(framework: Framework, ranked: _Ranked, passing: tuple[Status, ...]) -> int:
    """The highest level whose requirements (and all below it) pass; waivers never prove one."""
    reached = -1
    for index in range(len(framework.ladder)):
        if all(r.status in passing for r in ranked.up_to(index)):
            reached = index
        else:
            break
    return reached


def _progress(framework: Framework, ranked: _Ranked) -> dict[str, float]:
    """Per level: passing share of the counted requirements up to it; 0 past the first gap."""
    progress: dict[str, float] = {}
    complete_so_far = True
    for index, level in enumerate(framework.ladder):
        scope = ranked.up_to(index)
        counted = [r for r in scope if _counts_in(r, scope)]
        passing = sum(1 for r in counted if r.status in MET_ONLY)
        share = round(100.0 * passing / len(counted), 2) if counted else 100.0
        progress[level.id] = share if complete_so_far else 0.0
        complete_so_far = complete_so_far and passing == len(counted)
    return progress


def _progress_unknown(framework: Framework, ranked: _Ranked) -> dict[str, int]:
    """Per level whose share `_progress` counts (up to the first gap): how many of its counted
    requirements are unknown.  The share counts only those met, so without this an unread
    licence read as a failure: six unknown Class III requirements showed as 'III 0%'."""
    unknown: dict[str, int] = {}
    for index, level in enumerate(framework.ladder):
        scope = ranked.up_to(index)
        counted = [r for r in scope if _counts_in(r, scope)]
        unknown[level.id] = sum(1 for r in counted if r.status is Status.UNKNOWN)
        if any(r.status not in MET_ONLY for r in counted):
            break
    return unknown


def _counts_in(result: RequirementResult, scope: list[RequirementResult]) -> bool:
    """A requirement met through its stand-in does not count again where the stand-in counts."""
    if not result.substituted_by or result.status not in MET_ONLY:
        return True
    return not any(
        other is not result and other.components == (result.substituted_by,) for other in scope
    )


@dataclass(frozen=True)
class _Past:
    """What stands between a level reached and the next: whether one requirement there is unmet
    (which settles the outcome), and the unknown ones it otherwise waits on."""

    settled: bool  # the top is reached, or a requirement up to the next level is unmet
    has_unmet: bool
    unknown: tuple[str, ...]


def _past(
    framework: Framework,
    ranked: _Ranked,
    reached: int,
    status: Callable[[RequirementResult], Status],
) -> _Past:
    """The requirements up to the level after `reached`, by `status` (as judged on evidence,
    or with waivers): the one place the outcome's definiteness and what it waits on are read."""
    top = len(framework.ladder) - 1
    scope = ranked.up_to(reached + 1) if reached < top else []
    has_unmet = any(status(r) is Status.UNMET for r in scope)
    unknown = (
        () if has_unmet else tuple(r.requirement_id for r in scope if status(r) is Status.UNKNOWN)
    )
    return _Past(reached == top or has_unmet, has_unmet, unknown)


def _outcome(framework: Framework, ranked: _Ranked, reached: int) -> tuple[str, bool]:
    ladder = framework.ladder
    past = _past(framework, ranked, reached, lambda r: r.judged_status)
    if reached >= 0:
        return ladder[reached].id, past.settled
    if past.has_unmet:
        return framework.not_reached_unmet, True
    return framework.not_reached_unknown, False


def _outcome_certainty(ranked: _Ranked, reached: int, definite: bool) -> Certainty | None:
    """A level reached is as sure as the weakest requirement met for it; a level violated, as
    the strongest violation (one proven violation suffices); nothing definite, no certainty."""
    if reached >= 0:
        met = ranked.up_to(reached)
        return weakest(r.certainty for r in met if r.certainty is not None)
    if not definite:
        return None
    blocking = ranked.up_to(0)
    return strongest(
        r.certainty for r in blocking if r.judged_status is Status.UNMET and r.certainty is not None
    )


def _outcome_label(framework: Framework, outcome: str) -> str:
    for level in framework.levels:
        if level.id == outcome:
            return level.name
    return framework.outcome_label(outcome)


def _next_steps(
    framework: Framework,
    ranked: _Ranked,
    results: tuple[RequirementResult, ...],
    next_level: str,
) -> tuple[NextStep, ...]:
    """What stands between the release and the next level, then the duties that stand whatever
    the outcome and are not shown to be met."""
    scope = ranked.up_to(framework.level_index(next_level)) if next_level else []
    standing = [r for r in results if r.required and not r.decides]
    return tuple(
        NextStep(r.requirement_id, r.status, r.remediation)
        for r in (*scope, *standing)
        if r.status not in MET_ONLY
    )


def ruled_out_from(
    framework: Framework,
    results: tuple[RequirementResult, ...],
    fixed: frozenset[str],
    release: Release,
) -> str:
    """The lowest level a fact no release can change fails (`fixed`: training compute above the
    EU AI Act's 10^25 FLOP) of `release`, which rules it and every level above it
    out: no step toward them is worth taking, whichever report lists the steps.  "" when none
    is.  Only an unmet requirement (a waiver records a reading that lets the level stand) whose
    open facts are all fixed and stated: one that names a component is not ruled out by its
    facts, as one of its `any_of` (a compute at most 10^25 FLOP, or a technical report) may be
    met by publishing what it names, and facts_open gives only the facts that fail."""
    failed = [
        framework.level_index(result.level)
        for result in results
        if result.status is Status.UNMET
        and result.decides
        and result.required
        and fixed_against(result.components, result.facts_open, fixed, release)
    ]
    return framework.ladder[min(failed)].id if failed else ""


def fixed_against(
    components: Sequence[str], facts_open: Sequence[str], fixed: frozenset[str], release: Release
) -> bool:
    """Whether a check not met fails only on facts no release can change (`fixed`), each
    stated: none of its components (one of an `any_of` may be met by publishing it) and facts
    it leaves open (facts_open, the facts that fail it).  A level it decides (ruled_out_from)
    or a better grade it gives (graded.grade_requirement) is out of reach."""
    return (
        not components
        and bool(facts_open)
        and set(facts_open) <= fixed
        and all(release.states(fact) for fact in facts_open)
    )
