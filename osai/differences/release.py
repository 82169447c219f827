"""On one release (`osai check`): components one framework of a pair is satisfied with and the
other is not, or that only one needs for its first outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from osai.assessment import Difference, FrameworkAssessment, RequirementResult, Status
from osai.differences.demand import (
    Demand,
    cite,
    component_name,
    later_phrase,
    primary_demand,
    stance_of,
)
from osai.licenses.naming import licence_title
from osai.memo import Memo
from osai.rules import Component, Framework, RuleSet
from osai.textsafe import joined, title_mid_sentence


def release_differences(
    frameworks: Sequence[Framework],
    assessments: Sequence[FrameworkAssessment],
    rules: RuleSet,
) -> tuple[Difference, ...]:
    """Components one framework is satisfied with and the other is not, for every pair of the
    frameworks judged (a graded one has no level to be satisfied at), in the order given.

    Every pair, not the first: with four frameworks named, which two were compared followed
    the order of `-f`, and a report's differences changed with it (aly)."""
    levelled = [
        (framework, judged)
        for framework, judged in zip(frameworks, assessments, strict=True)
        if not framework.graded
    ]
    found: list[Difference] = []
    for at, (first, judged_first) in enumerate(levelled):
        for second, judged_second in levelled[at + 1 :]:
            found.extend(_pair_differences((first, second), (judged_first, judged_second), rules))
    return tuple(found)


def _pair_differences(
    pair: tuple[Framework, Framework],
    judged: tuple[FrameworkAssessment, FrameworkAssessment],
    rules: RuleSet,
) -> list[Difference]:
    modes = (judged[0].mode, judged[1].mode)
    between = (pair[0].id, pair[1].id)
    found = []
    for stake in _stakes(pair[0], pair[1], rules, modes):
        difference = _release_component_difference(stake, judged, rules)
        if difference is not None:
            found.append(replace(difference, between=between))
    return found


@dataclass(frozen=True)
class _View:
    """What one framework of the pair asks of a component (rules only, no release)."""

    framework: Framework
    demand: Demand | None
    blocking: bool
    described: str  # the demand in words, when it blocks
    when: str = ""  # when it asks, without the licence policy ("from Class II"), when it blocks


@dataclass(frozen=True)
class _Words:
    """A difference's words but for what the requirement's status is here: they follow from
    the rules alone, so they are found once for a pair of frameworks, and said of every
    release (a census judges millions)."""

    before: str  # "Weights: OSAID requires it (…) — here "
    after: str  # "; MOF is satisfied."
    sources: tuple[str, ...]

    def said(self, component_id: str, state: str) -> Difference:
        return Difference(
            "component", f"{self.before}{state}{self.after}", self.sources, component_id
        )


@dataclass(frozen=True)
class _Stake:
    component: Component
    views: tuple[_View, _View]

    @cached_property
    def one_short(self) -> dict[tuple[int, bool], _Words]:
        """The words when the framework at one place is not satisfied and the other is, by
        (that place, whether the other blocks on the component too)."""
        return {
            (failing, both): _one_short_words(self, failing, both)
            for failing in (0, 1)
            if self.views[failing].blocking
            for both in (False, True)
        }

    @cached_property
    def both_short(self) -> tuple[int, _Words] | None:
        """When neither is satisfied: the place of the framework that blocks on it from its
        first level, and the words; None when both block alike (nothing to tell apart)."""
        first, second = self.views
        if first.demand is None or second.demand is None:
            return None
        if first.demand.above_entry == second.demand.above_entry:
            return None
        entry, later = (1, 0) if first.demand.above_entry else (0, 1)
        return entry, _both_short_words(self, entry, later)


# The stakes of a pair of frameworks, by the identities of the frameworks and the rule set (each
# kept beside them, so an id is never reused while its entry lives).  They follow from the rules
# alone, and every release judged asks for them: a census judges millions.
_Owners = tuple[Framework, Framework, RuleSet]
_StakesKey = tuple[int, int, int, tuple[str, str]]
_STAKES: Memo[_StakesKey, tuple[_Owners, tuple[_Stake, ...]]] = Memo(64)


def _stakes(
    first: Framework, second: Framework, rules: RuleSet, modes: tuple[str, str]
) -> tuple[_Stake, ...]:
    """What each framework asks of each component, in the modes judged (a mode's policy is
    what a difference quotes): of the components one of them blocks on, the only ones a
    release can make a difference on."""
    key = (id(first), id(second), id(rules), modes)
    kept = _STAKES.get(key)
    if kept is not None:
        owners, stakes = kept
        if owners[0] is first and owners[1] is second and owners[2] is rules:
            return stakes
    every = (
        _Stake(
            component,
            (
                _view(first, component, rules, modes[0]),
                _view(second, component, rules, modes[1]),
            ),
        )
        for component in rules.components.values()
    )
    stakes = tuple(stake for stake in every if any(view.blocking for view in stake.views))
    _STAKES.remember(key, ((first, second, rules), stakes))
    return stakes


def _view(framework: Framework, component: Component, rules: RuleSet, mode: str) -> _View:
    demand = primary_demand(framework, component.id)
    blocking = demand is not None and demand.blocking
    described = (
        demand.describe(rules, mode=mode, content_type=component.content_type)
        if demand is not None and blocking
        else ""
    )
    when = demand.describe(rules, brief=True) if demand is not None and blocking else ""
    return _View(framework, demand, blocking, described, when)


def _release_component_difference(
    stake: _Stake, assessments: tuple[FrameworkAssessment, FrameworkAssessment], rules: RuleSet
) -> Difference | None:
    results = (
        _blocking_result(stake.views[0], assessments[0]),
        _blocking_result(stake.views[1], assessments[1]),
    )
    # On the evidence: a waiver accepts a gap for a gate, it does not satisfy the framework
    # ("OSAID is satisfied" was said of data preprocessing code not released, waived for OSAID)
    a_ok, b_ok = (r is None or r.judged_status is Status.MET for r in results)
    if a_ok and b_ok:  # most components of most releases: nothing to say
        return None
    if a_ok != b_ok:
        failing, passing = (0, 1) if not a_ok else (1, 0)
        words = stake.one_short[failing, results[passing] is not None]
    elif stake.both_short is not None:
        failing, words = stake.both_short
    else:
        return None
    result = results[failing]
    assert result is not None  # a framework not satisfied blocks on it
    state = _state_here(result, _naming(stake.views[failing], assessments[failing], rules))
    return words.said(stake.component.id, state)


def _blocking_result(view: _View, assessment: FrameworkAssessment) -> RequirementResult | None:
    """The result of the requirement by which a framework blocks on the component (None when
    it does not block on it)."""
    if view.demand is None or not view.blocking:
        return None
    return assessment.result(view.demand.requirement.id)


def _naming(view: _View, assessment: FrameworkAssessment, rules: RuleSet) -> _Naming:
    """A mode that matches licence ids verbatim (MOF's `mot`) judged the source's spelling: its
    verdict's licence is named as spelled, or `apache-2.0` would read `Apache-2.0` refused."""
    return _Naming(rules, view.framework.mode(assessment.mode).exact)


@dataclass(frozen=True)
class _Naming:
    """What a difference names a component and its licence by: a licence as a person reads it
    (osai.licenses.naming), or as spelled where the verdict judged the spelling."""

    rules: RuleSet
    spelled: bool = False

    def licence(self, text: str) -> str:
        return text if self.spelled else licence_title(text, self.rules.licences)


def _both_short_words(stake: _Stake, entry: int, later: int) -> _Words:
    """Both require it and neither has it, but one only above its first level: what blocks the
    first framework's verdict leaves the other's first levels standing (data preprocessing code
    not released fails OSAID; MOF Class II can still be reached)."""
    view = stake.views[entry]
    demand = stake.views[later].demand
    assert view.demand is not None and demand is not None
    asks = "" if view.when == "required" else f" ({view.when})"
    return _Words(
        f"{stake.component.name}: {view.framework.short_name} requires it{asks} — here ",
        f"; {demand.framework.short_name} {later_phrase(demand)}.",
        cite(view.demand.requirement, demand.requirement),
    )


def _one_short_words(stake: _Stake, failing: int, both: bool) -> _Words:
    """One line: who requires it and how, what it is here (never the whole reason: the
    verdicts give that once), and where the other framework stands (`both`: it blocks on the
    component too, and is satisfied)."""
    view, other = stake.views[failing], stake.views[1 - failing]
    assert view.demand is not None
    asks = view.described if both else view.when
    asks = "" if asks == "required" else f" ({asks})"
    others = (other.demand.requirement,) if other.demand else ()
    return _Words(
        f"{stake.component.name}: {view.framework.short_name} requires it{asks} — here ",
        f"; {other.framework.short_name} {stance_of(other.demand, both)}.",
        cite(view.demand.requirement, *others),
    )


def _state_here(result: RequirementResult, naming: _Naming) -> str:
    """What the requirement's status is about; when another component stood in for this one
    (a research paper for the technical report), that it did, and its state, not this one's."""
    if not result.substituted_by:
        return _state(result, naming)
    stand_in = component_name(result.substituted_by, naming.rules)
    return f"{stand_in} stands in for it, {_state(result, naming)}"


def _state(result: RequirementResult, naming: _Naming) -> str:
    """What a requirement's status is about, in two or three words, on the evidence, and
    "(waived)" when a waiver accepts it."""
    said = _evidence_state(result, naming)
    return f"{said} (waived)" if result.status is Status.WAIVED else said


def _evidence_state(result: RequirementResult, naming: _Naming) -> str:
    if result.judged_status is Status.UNKNOWN:
        return "unknown"
    if result.reason.text.endswith("not released") and not result.substituted_by:
        return "not released"
    if result.licence == "unlicensed":
        return "released with no licence"
    if result.facts_failing:  # a value stated fails it, whatever its licence (`fails_if`)
        facts = naming.rules.facts
        titles = [
            title_mid_sentence(facts[key].title) for key in result.facts_failing if key in facts
        ]
        under = f"under {naming.licence(result.licence)}, " if result.licence else ""
        return f"{under}failed by {joined(titles or list(result.facts_failing), 'and')}"
    if result.licence:
        return f"under {naming.licence(result.licence)}, not accepted"
    return result.judged_status.value
