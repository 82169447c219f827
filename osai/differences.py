"""Where frameworks disagree: from their rules (compare) and on one release (check).

Everything here is computed from the rule files: which components each framework requires, at
which level, under which licence policy, and which declared facts it asks for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from osai.assessment import Difference, FrameworkAssessment, RequirementResult, Status
from osai.licenses import LicenceKnowledge
from osai.rules import DEFAULT_MODE, Component, Framework, Requirement, RuleSet


@dataclass(frozen=True)
class Demand:
    """What one framework asks of one component (or fact)."""

    framework: Framework
    requirement: Requirement
    alternative: bool

    @property
    def level_name(self) -> str:
        return self.framework.level(self.requirement.level).label

    def describe(self, rules: RuleSet, *, brief: bool = False) -> str:
        if not self.requirement.required:
            return "optional"
        graded = len(self.framework.levels) > 1
        when = f"from {self.level_name}" if graded else "required"
        if self.alternative:
            when = f"one of ({self.requirement.group or self.requirement.title})"
        if brief:
            policy = _policy_name(self.requirement)
            return f"{when} · {policy}" if policy else when
        policy = _policy_title(self.framework, self.requirement, rules)
        return f"{when}, under {policy}" if policy else when


def demands(framework: Framework, component_id: str) -> list[Demand]:
    return [
        Demand(framework, requirement, alternative)
        for requirement, alternative in framework.requirements_on(component_id)
    ]


def primary_demand(framework: Framework, component_id: str) -> Demand | None:
    primary = framework.primary_requirement_on(component_id)
    return Demand(framework, *primary) if primary is not None else None


def _policy_name(requirement: Requirement) -> str:
    return requirement.check.policy or next(
        (sub.policy for sub in requirement.check.any_of if sub.policy), ""
    )


def _policy_title(framework: Framework, requirement: Requirement, rules: RuleSet) -> str:
    name = _policy_name(requirement)
    if not name:
        return ""
    return framework.mode(DEFAULT_MODE).policies[name].title


def _accepted(demand: Demand, component: Component) -> set[str]:
    check = demand.requirement.check
    name = check.policy or next((s.policy for s in check.any_of if s.policy), "")
    if not name:
        return set()
    policy = demand.framework.mode(DEFAULT_MODE).policies[name]
    return set(policy.accepted_sets(component.content_type))


def _cite(*requirements: Requirement) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.citation.ref for r in requirements))


# --- framework against framework (osai compare) ---------------------------------------------


def framework_differences(
    first: Framework, second: Framework, rules: RuleSet
) -> tuple[Difference, ...]:
    found: list[Difference] = [_scoring_difference(first, second)]
    for component in rules.components.values():
        found.extend(_component_differences(first, second, component, rules))
    found.extend(_fact_differences(first, second))
    found.extend(_fact_differences(second, first))
    return tuple(_merge_licence_differences(found))


def _scoring_difference(first: Framework, second: Framework) -> Difference:
    return Difference(
        "verdict",
        f"{first.short_name} is {first.summary}; {second.short_name} is {second.summary}.",
        (first.source_title, second.source_title),
    )


def _component_differences(
    first: Framework, second: Framework, component: Component, rules: RuleSet
) -> list[Difference]:
    a, b = primary_demand(first, component.id), primary_demand(second, component.id)
    a_required = a is not None and a.requirement.required and not a.alternative
    b_required = b is not None and b.requirement.required and not b.alternative
    if a_required != b_required:
        needs, other = (a, second) if a_required else (b, first)
        assert needs is not None
        other_demand = b if a_required else a
        stance = other_demand.describe(rules) if other_demand else "does not mention it"
        return [
            Difference(
                "requirement",
                f"{component.name}: {needs.framework.short_name} requires it "
                f"({needs.describe(rules)}); {other.short_name}: {stance}.",
                _cite(needs.requirement, *(other_demand.requirement,) if other_demand else ()),
                component.id,
            )
        ]
    if a_required and b_required and a is not None and b is not None:
        return _licence_difference(a, b, component, rules.licences)
    return []


def _licence_difference(
    a: Demand, b: Demand, component: Component, licences: LicenceKnowledge
) -> list[Difference]:
    a_sets, b_sets = _accepted(a, component), _accepted(b, component)
    notes = []
    for demand, extra in ((a, a_sets - b_sets), (b, b_sets - a_sets)):
        if extra:
            titles = ", ".join(licences.set_title(name) for name in sorted(extra))
            notes.append(f"{demand.framework.short_name} also accepts {titles}")
    if not notes:
        return []
    return [
        Difference(
            "licence",
            "; ".join(notes) + f" [{component.content_type}]",
            _cite(a.requirement, b.requirement),
            component.id,
        )
    ]


def _merge_licence_differences(found: list[Difference]) -> list[Difference]:
    """One line per distinct licence disagreement, naming every component it applies to."""
    merged: list[Difference] = []
    by_message: dict[str, list[Difference]] = {}
    for difference in found:
        if difference.topic != "licence":
            merged.append(difference)
            continue
        if difference.message not in by_message:
            by_message[difference.message] = []
            merged.append(difference)
        by_message[difference.message].append(difference)
    result = []
    for difference in merged:
        group = by_message.get(difference.message)
        if difference.topic == "licence" and group:
            names = ", ".join(d.component for d in group)
            sources = tuple(dict.fromkeys(s for d in group for s in d.sources))
            result.append(Difference("licence", f"{names}: {difference.message}", sources, names))
        else:
            result.append(difference)
    return result


def _fact_differences(first: Framework, second: Framework) -> list[Difference]:
    """Requirements on declared facts that only the first framework has."""
    facts_second = _facts(second)
    found = []
    for requirement in first.requirements:
        facts = set(requirement.check.facts())
        if not requirement.required or not facts or facts & facts_second:
            continue
        components = requirement.check.components()
        shown = f" (declared, or shown by {', '.join(components)})" if components else ""
        message = (
            f"{first.short_name} requires '{requirement.title}'{shown}; "
            f"{second.short_name} has no such requirement."
        )
        found.append(Difference("data-information", message, _cite(requirement)))
    return found


def _facts(framework: Framework) -> set[str]:
    return {fact for requirement in framework.requirements for fact in requirement.check.facts()}


# --- on one release (osai check) -------------------------------------------------------------


def release_differences(
    frameworks: Sequence[Framework],
    assessments: Sequence[FrameworkAssessment],
    rules: RuleSet,
) -> tuple[Difference, ...]:
    """Components one framework is satisfied with and the other is not, for the first pair."""
    if len(frameworks) < 2:
        return ()
    pair = list(zip(frameworks[:2], assessments[:2], strict=True))
    found = []
    for component in rules.components.values():
        difference = _release_component_difference(pair, component, rules)
        if difference is not None:
            found.append(difference)
    return tuple(found)


def _release_component_difference(
    pair: list[tuple[Framework, FrameworkAssessment]], component: Component, rules: RuleSet
) -> Difference | None:
    views = []
    for framework, assessment in pair:
        demand = primary_demand(framework, component.id)
        blocking = demand is not None and demand.requirement.required and not demand.alternative
        result = assessment.result(demand.requirement.id) if demand and blocking else None
        views.append((framework, demand, result))
    (fa, da, ra), (fb, db, rb) = views
    a_ok = ra is None or ra.status in (Status.MET, Status.WAIVED)
    b_ok = rb is None or rb.status in (Status.MET, Status.WAIVED)
    if a_ok == b_ok:
        return None
    failing = (fa, da, ra) if not a_ok else (fb, db, rb)
    passing = (fb, db, rb) if not a_ok else (fa, da, ra)
    return _describe_release_difference(component, failing, passing, rules)


def _describe_release_difference(
    component: Component,
    failing: tuple[Framework, Demand | None, RequirementResult | None],
    passing: tuple[Framework, Demand | None, RequirementResult | None],
    rules: RuleSet,
) -> Difference:
    framework, demand, result = failing
    other, other_demand, other_result = passing
    assert demand is not None and result is not None
    stance = (
        f"satisfied ({other_result.reason})" if other_result is not None else "does not require it"
    )
    message = (
        f"{component.name}: {framework.short_name} requires it ({demand.describe(rules)}), "
        f"and it is {result.status.value}: {result.reason}; {other.short_name} {stance}."
    )
    sources = _cite(demand.requirement, *(other_demand.requirement,) if other_demand else ())
    return Difference("component", message, sources, component.id)
