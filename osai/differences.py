"""Where frameworks disagree: from their rules (compare) and on one release (check).

Everything here is computed from the rule files: which components each framework requires, at
which level, under which licence policy, and which declared facts it asks for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from osai.assessment import Difference, FrameworkAssessment, RequirementResult, Status
from osai.licenses import LicenceKnowledge
from osai.memo import Memo
from osai.rules import DEFAULT_MODE, Check, Component, Framework, Requirement, RuleSet


@dataclass(frozen=True)
class Demand:
    """What one framework asks of one component (or fact), through one requirement.

    `alternative`: one of several ways to meet it (inside any_of); `grades`: for a graded
    framework, the grades whose condition names it; `test`: for a fact, what is tested."""

    framework: Framework
    requirement: Requirement
    alternative: bool
    grades: tuple[str, ...] = ()
    test: str = ""

    @property
    def level_name(self) -> str:
        return self.framework.level(self.requirement.level).label

    @property
    def blocking(self) -> bool:
        """Whether the framework's outcome needs it (not optional, not one of several, not a
        duty that stands whatever the outcome, not a grade)."""
        return (
            self.requirement.required
            and not self.alternative
            and not self.framework.graded
            and self.framework.decides(self.requirement.level)
        )

    @property
    def above_entry(self) -> bool:
        """Whether the framework blocks on it only above its first level (MOF asks data
        preprocessing code from Class I): its first outcomes stand without it."""
        framework = self.framework
        return (
            self.blocking
            and len(framework.ladder) > 1
            and framework.level_index(self.requirement.level) > 0
        )

    def levels_without(self) -> str:
        """The levels below the one that asks for it ("Class III or Class II")."""
        below = self.framework.ladder[: self.framework.level_index(self.requirement.level)]
        return " or ".join(level.label for level in below)

    def describe_when(self) -> str:
        """When the framework asks for it ("from Class II", "owed (still owed)"), no policy."""
        if not self.framework.decides(self.requirement.level):
            return f"as a duty that stands whatever the outcome ({self.level_name})"
        return f"from {self.level_name}" if len(self.framework.ladder) > 1 else "as required"

    def describe(self, rules: RuleSet, *, brief: bool = False) -> str:
        name = self.requirement.reference or self.requirement.id
        if self.grades:
            when = f"{'/'.join(self.grades)} of {name}"
        elif self.framework.graded:  # named only by applies_when
            when = f"whether {name} is graded here"
        elif not self.requirement.required:
            when = "optional"
        elif not self.framework.decides(self.requirement.level):
            when = f"owed ({self.level_name})"
        elif self.alternative:
            when = f"one of ({self.requirement.group or self.requirement.title})"
        else:
            when = f"from {self.level_name}" if len(self.framework.ladder) > 1 else "required"
        if self.test:
            when = f"{when}: {self.test}"
        if brief:
            policy = _policy_name(self.requirement)
            return f"{when} · {policy}" if policy and not self.test else when
        policy = _policy_title(self.framework, self.requirement, rules)
        return f"{when}, under {policy}" if policy and not self.test else when


def demands(framework: Framework, component_id: str) -> list[Demand]:
    found: list[Demand] = []
    # Only the requirements that name the component anywhere (indexed once per framework:
    # every release judged asks this for every component).
    for requirement in framework.requirements_naming(component_id):
        graded = _grades_naming(requirement, lambda check: component_id in check.components())
        if graded:
            found.append(Demand(framework, requirement, False, graded))
            continue
        check = requirement.check
        direct = [check, *check.all_of]
        if any(part.component == component_id for part in direct):
            found.append(Demand(framework, requirement, False))
        elif component_id in check.components():
            found.append(Demand(framework, requirement, True))
    return found


def fact_demands(framework: Framework, fact_id: str) -> list[Demand]:
    """What a framework asks of one fact, through each requirement that names it."""
    found: list[Demand] = []
    for requirement in framework.requirements:
        test = next((fact_test(c) for c in _fact_checks(requirement, fact_id)), None)
        if test is None:
            continue
        graded = _grades_naming(requirement, lambda check: fact_id in check.facts())
        check = requirement.check
        alternative = not graded and fact_id not in [c.fact for c in (check, *check.all_of)]
        found.append(Demand(framework, requirement, alternative, graded, test))
    return found


def fact_test(check: Check) -> str:
    """What a fact check asks, in words."""
    if check.provided is False:
        return "declared none"
    if check.at_most is not None:
        return f"at most {check.at_most:g}"
    if check.at_least is not None:
        return f"at least {check.at_least:g}"
    if check.met_if:
        return "one of " + ", ".join(check.met_if)
    return "stated"


def _fact_checks(requirement: Requirement, fact_id: str) -> list[Check]:
    found: list[Check] = []
    pending = list(requirement.checks())
    while pending:
        check = pending.pop(0)
        if check.fact == fact_id:
            found.append(check)
        pending.extend(check.parts)
    return found


def _grades_naming(requirement: Requirement, names: Callable[[Check], bool]) -> tuple[str, ...]:
    return tuple(
        condition.grade
        for condition in requirement.grades
        if condition.check is not None and names(condition.check)
    )


def primary_demand(framework: Framework, component_id: str) -> Demand | None:
    found = demands(framework, component_id)
    required = [d for d in found if d.blocking]
    candidates = required or found
    return candidates[0] if candidates else None


def _policy_name(requirement: Requirement) -> str:
    return next(iter(requirement.policies()), "")


def _policy_title(framework: Framework, requirement: Requirement, rules: RuleSet) -> str:
    name = _policy_name(requirement)
    if not name:
        return ""
    return framework.mode(DEFAULT_MODE).policies[name].title


def _accepted(demand: Demand, component: Component) -> set[str]:
    name = _policy_name(demand.requirement)
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
    found.extend(_fact_differences(first, second, rules))
    found.extend(_fact_differences(second, first, rules))
    return tuple(_merge_licence_differences(found, rules))


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
    a_required = a is not None and a.blocking
    b_required = b is not None and b.blocking
    if a is not None and b is not None and (a.grades or b.grades):
        return []  # a grade is a measure, not a requirement: graded frameworks only mention
    if a_required != b_required:
        needs, other = (a, second) if a_required else (b, first)
        assert needs is not None
        other_demand = b if a_required else a
        stance = _compare_stance(other_demand, rules) if other_demand else _silent(other)
        return [
            Difference(
                "requirement",
                f"{component.name}: {needs.framework.short_name} requires it"
                f"{_asks(needs, rules)}; {other.short_name} {stance}.",
                _cite(needs.requirement, *(other_demand.requirement,) if other_demand else ()),
                component.id,
            )
        ]
    if a_required and b_required and a is not None and b is not None:
        return _when_difference(a, b, component, rules) + _licence_difference(
            a, b, component, rules.licences
        )
    return []


def _when_difference(
    a: Demand, b: Demand, component: Component, rules: RuleSet
) -> list[Difference]:
    """Both require it, but one only above its first level: OSAID requires data preprocessing
    code, MOF only from Class I, so a release can reach MOF Class II without it and still fail
    OSAID."""
    if a.above_entry == b.above_entry:
        return []
    needs, later = (b, a) if a.above_entry else (a, b)
    message = (
        f"{component.name}: {needs.framework.short_name} requires it{_asks(needs, rules)}; "
        f"{later.framework.short_name} {_later(later)}."
    )
    return [
        Difference(
            "requirement", message, _cite(needs.requirement, later.requirement), component.id
        )
    ]


def _later(demand: Demand) -> str:
    return f"asks it only {demand.describe_when()}, not for {demand.levels_without()}"


def _asks(demand: Demand, rules: RuleSet) -> str:
    """How a framework that requires it asks for it, in brackets ("from Class II, under …"),
    without saying "required" twice."""
    described = demand.describe(rules).removeprefix("required, ")
    return "" if described == "required" else f" ({described})"


def _compare_stance(demand: Demand, rules: RuleSet) -> str:
    """What a framework that does not require it does with it, and under which licence."""
    if demand.alternative or not demand.requirement.required:
        stance = _stance(demand, False)
    else:
        stance = demand.describe(rules, brief=True).split(" · ")[0]
    policy = _policy_title(demand.framework, demand.requirement, rules)
    return f"{stance}, under {policy}" if policy and not demand.test else stance


def _silent(framework: Framework) -> str:
    return "does not grade it" if framework.graded else "does not mention it"


def _licence_difference(
    a: Demand, b: Demand, component: Component, licences: LicenceKnowledge
) -> list[Difference]:
    """The licences one accepts and the other does not, by their members: two sets of different
    names may hold the same licences (MOF's open-data list has the CC-BY licences osai's reading
    of OSAID accepts as open content)."""
    a_sets, b_sets = _accepted(a, component), _accepted(b, component)
    notes = []
    for demand, extra, others in ((a, a_sets - b_sets, b_sets), (b, b_sets - a_sets, a_sets)):
        accepted_by_other = frozenset().union(*(licences.set_members(n) for n in others))
        named = [
            _only_here(licences, name, licences.set_members(name) - accepted_by_other)
            for name in sorted(extra)
        ]
        if any(named):
            notes.append(
                f"{demand.framework.short_name} also accepts {'; '.join(filter(None, named))}"
            )
    if not notes:
        return []
    return [
        Difference("licence", "; ".join(notes), _cite(a.requirement, b.requirement), component.id)
    ]


def _only_here(licences: LicenceKnowledge, name: str, only_here: frozenset[str]) -> str:
    """The licences of one set that the other framework does not accept, by example."""
    if not only_here:
        return ""
    shown = sorted(only_here)[:2]
    more = f" and {len(only_here) - len(shown)} more" if len(only_here) > len(shown) else ""
    return f"{', '.join(shown)}{more} ({licences.set_title(name)})"


def _merge_licence_differences(found: list[Difference], rules: RuleSet) -> list[Difference]:
    """One line per distinct licence disagreement, naming every component it applies to (by
    its name: the ids stay in `component`)."""
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
            ids = ", ".join(d.component for d in group)
            names = ", ".join(_component_name(d.component, rules) for d in group)
            sources = tuple(dict.fromkeys(s for d in group for s in d.sources))
            result.append(Difference("licence", f"{names}: {difference.message}", sources, ids))
        else:
            result.append(difference)
    return result


def _component_name(component_id: str, rules: RuleSet) -> str:
    found = rules.components.get(component_id)
    return found.name if found is not None else component_id


def _fact_differences(first: Framework, second: Framework, rules: RuleSet) -> list[Difference]:
    """Requirements on declared facts that only the first framework has; when the second asks
    for a component that can show the fact (MOF's data card for OSAID's description of the
    data), that it asks for the component, not for this content."""
    facts_second = _facts(second)
    found = []
    for requirement in first.requirements:
        facts = set(requirement.facts())
        if not requirement.required or not facts or facts & facts_second:
            continue
        components = requirement.components()
        names = ", ".join(_component_name(c, rules) for c in components)
        shown = f" (declared, or shown by {names})" if components else ""
        asks = "grades" if first.graded else "requires"
        stance, asked = _without_the_fact(second, components, rules)
        message = f"{first.short_name} {asks} '{requirement.title}'{shown}; {stance}."
        found.append(Difference("data-information", message, _cite(requirement, *asked)))
    return found


def _without_the_fact(
    framework: Framework, components: Sequence[str], rules: RuleSet
) -> tuple[str, tuple[Requirement, ...]]:
    asked = [
        (demand, component)
        for component in components
        if (demand := primary_demand(framework, component)) is not None and demand.blocking
    ]
    if not asked:
        return f"{framework.short_name} has no such requirement", ()
    listed = ", ".join(
        f"the {_component_name(component, rules)} ({demand.describe_when()})"
        for demand, component in asked
    )
    stance = f"{framework.short_name} asks for {listed}, not for this content"
    return stance, tuple(demand.requirement for demand, _ in asked)


def _facts(framework: Framework) -> set[str]:
    return {fact for requirement in framework.requirements for fact in requirement.facts()}


# --- on one release (osai check) -------------------------------------------------------------


def release_differences(
    frameworks: Sequence[Framework],
    assessments: Sequence[FrameworkAssessment],
    rules: RuleSet,
) -> tuple[Difference, ...]:
    """Components one framework is satisfied with and the other is not, for the first pair."""
    levelled = [
        (framework, judged)
        for framework, judged in zip(frameworks, assessments, strict=True)
        if not framework.graded
    ]
    if len(levelled) < 2:
        return ()
    (first, judged_first), (second, judged_second) = levelled[:2]
    found = []
    for stake in _stakes(first, second, rules):
        difference = _release_component_difference(stake, (judged_first, judged_second), rules)
        if difference is not None:
            found.append(difference)
    return tuple(found)


@dataclass(frozen=True)
class _View:
    """What one framework of the pair asks of a component (rules only, no release)."""

    framework: Framework
    demand: Demand | None
    blocking: bool
    described: str  # the demand in words, when it blocks
    when: str = ""  # when it asks, without the licence policy ("from Class II"), when it blocks


@dataclass(frozen=True)
class _Stake:
    component: Component
    views: tuple[_View, _View]


# The stakes of a pair of frameworks, by the identities of the frameworks and the rule set (each
# kept beside them, so an id is never reused while its entry lives).  They follow from the rules
# alone, and every release judged asks for them: a census judges millions.
_Owners = tuple[Framework, Framework, RuleSet]
_STAKES: Memo[tuple[int, int, int], tuple[_Owners, tuple[_Stake, ...]]] = Memo(64)


def _stakes(first: Framework, second: Framework, rules: RuleSet) -> tuple[_Stake, ...]:
    key = (id(first), id(second), id(rules))
    kept = _STAKES.get(key)
    if kept is not None:
        owners, stakes = kept
        if owners[0] is first and owners[1] is second and owners[2] is rules:
            return stakes
    stakes = tuple(
        _Stake(component, (_view(first, component, rules), _view(second, component, rules)))
        for component in rules.components.values()
    )
    _STAKES.remember(key, ((first, second, rules), stakes))
    return stakes


def _view(framework: Framework, component: Component, rules: RuleSet) -> _View:
    demand = primary_demand(framework, component.id)
    blocking = demand is not None and demand.blocking
    described = demand.describe(rules) if demand is not None and blocking else ""
    when = (
        demand.describe(rules, brief=True).split(" · ")[0]
        if demand is not None and blocking
        else ""
    )
    return _View(framework, demand, blocking, described, when)


def _release_component_difference(
    stake: _Stake, assessments: tuple[FrameworkAssessment, FrameworkAssessment], rules: RuleSet
) -> Difference | None:
    results = tuple(
        assessment.result(view.demand.requirement.id)
        if view.demand is not None and view.blocking
        else None
        for view, assessment in zip(stake.views, assessments, strict=True)
    )
    a_ok, b_ok = (r is None or r.status in (Status.MET, Status.WAIVED) for r in results)
    if a_ok != b_ok:
        failing, passing = (0, 1) if not a_ok else (1, 0)
        return _describe_release_difference(
            stake.component,
            (stake.views[failing], results[failing]),
            (stake.views[passing], results[passing]),
            rules,
        )
    if not a_ok:
        return _both_short(stake, results, rules)
    return None


def _both_short(
    stake: _Stake, results: tuple[RequirementResult | None, ...], rules: RuleSet
) -> Difference | None:
    """Both require it and neither has it, but one only above its first level: what blocks the
    first framework's verdict leaves the other's first levels standing (data preprocessing code
    not released fails OSAID; MOF Class II can still be reached)."""
    first, second = stake.views
    if first.demand is None or second.demand is None:
        return None
    if first.demand.above_entry == second.demand.above_entry:
        return None
    entry, later = (1, 0) if first.demand.above_entry else (0, 1)
    view, result = stake.views[entry], results[entry]
    demand = stake.views[later].demand
    assert view.demand is not None and result is not None and demand is not None
    asks = "" if view.when == "required" else f" ({view.when})"
    message = (
        f"{stake.component.name}: {view.framework.short_name} requires it{asks} — here "
        f"{_state_here(result, rules)}; {demand.framework.short_name} {_later(demand)}."
    )
    sources = _cite(view.demand.requirement, demand.requirement)
    return Difference("component", message, sources, stake.component.id)


def _describe_release_difference(
    component: Component,
    failing: tuple[_View, RequirementResult | None],
    passing: tuple[_View, RequirementResult | None],
    rules: RuleSet,
) -> Difference:
    """One line: who requires it and how, what it is here (never the whole reason: the
    verdicts give that once), and where the other framework stands."""
    view, result = failing
    other, other_result = passing
    assert view.demand is not None and result is not None
    both = other_result is not None
    asks = view.described if both else view.when
    asks = "" if asks == "required" else f" ({asks})"
    message = (
        f"{component.name}: {view.framework.short_name} requires it{asks} — here "
        f"{_state_here(result, rules)}; {other.framework.short_name} "
        f"{_stance(other.demand, both)}."
    )
    others = (other.demand.requirement,) if other.demand else ()
    sources = _cite(view.demand.requirement, *others)
    return Difference("component", message, sources, component.id)


def _stance(demand: Demand | None, satisfied: bool) -> str:
    if satisfied:
        return "is satisfied"
    if demand is None:
        return "does not require it"
    if demand.alternative:
        return (
            f"counts it as one way to meet '{demand.requirement.group or demand.requirement.title}'"
        )
    if not demand.requirement.required:
        return "lists it as optional"
    return f"asks it only {demand.describe_when()}"


def _state_here(result: RequirementResult, rules: RuleSet) -> str:
    """What the requirement's status is about; when another component stood in for this one
    (a research paper for the technical report), that it did, and its state, not this one's."""
    if not result.substituted_by:
        return _state(result)
    stand_in = _component_name(result.substituted_by, rules)
    return f"{stand_in} stands in for it, {_state(result)}"


def _state(result: RequirementResult) -> str:
    """What a requirement's status is about, in two or three words."""
    if result.status is Status.UNKNOWN:
        return "unknown"
    if result.status is Status.WAIVED:
        return "waived"
    if result.reason.endswith("not released") and not result.substituted_by:
        return "not released"
    if result.licence == "unlicensed":
        return "released with no licence"
    if result.licence:
        return f"under {result.licence}, not accepted"
    return result.status.value
