"""What one framework asks of one component or fact (a Demand), read from its rules: the
vocabulary both comparisons share (osai.differences.between, osai.differences.release)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from osai.rules import DEFAULT_MODE, Check, Component, Framework, Policy, Requirement, RuleSet
from osai.rules.inference import InferenceRule
from osai.textsafe import joined


@dataclass(frozen=True)
class Demand:
    """What one framework asks of one component (or fact), through one requirement.

    `alternative`: one of several ways to meet it (inside any_of); `grades`: for a graded
    framework, the grades whose condition names it; `test`: for a fact, what is tested;
    `policy`: the licence policy the check naming the component applies ("" when none: any
    licence), not another part's (all_of: [training code under a policy, a model card])."""

    framework: Framework
    requirement: Requirement
    alternative: bool
    grades: tuple[str, ...] = ()
    test: str = ""
    fact: str = ""  # the fact it is about ("" for a component)
    policy: str = ""
    # the component a graded condition accepts in this one's place (a levelled requirement's
    # is its check's)
    substitute: str = ""
    # a fact a check's `fails_if` tests: what of it fails the requirement whatever else it
    # shows ("approval or region-excluded"), "" for a fact it asks (`test` then says it)
    fails_if: str = ""

    @property
    def level_name(self) -> str:
        return self.framework.level(self.requirement.level).label

    @property
    def grades_said(self) -> str:
        """Its grades as the rule file names them ("open/partial"), as every report a person
        reads gives a grade: by its id, a grade `disclosed` named "fully disclosed" was
        "disclosed in 'Code access'" here alone."""
        return "/".join(
            grade.name if (grade := self.framework.grade(g)) is not None else g for g in self.grades
        )

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

    @property
    def way_to_meet(self) -> str:
        """ "one way to meet 'TITLE'": one of the ways the requirement accepts.  By its title,
        its subject: its group is shared ("Publicly available" names four EU AI Act
        conditions, "Data information" five of OSAID's), and lost what it is about."""
        requirement = self.requirement
        group, title = requirement.group, requirement.title
        # the group where the title is about it ("Data information available under …" is of
        # "Data information"): the title's gloss is the table cell's whole width
        named = group if group and title.casefold().startswith(group.casefold()) else title
        return f"one way to meet '{named}'"

    def levels_without(self) -> str:
        """The levels below the one that asks for it ("Class III or Class II")."""
        below = self.framework.ladder[: self.framework.level_index(self.requirement.level)]
        return " or ".join(level.label for level in below)

    def describe_when(self) -> str:
        """When the framework asks for it ("from Class II", "owed (still owed)"), no policy."""
        if not self.framework.decides(self.requirement.level):
            return f"as a duty that stands whatever the outcome ({self.level_name})"
        return f"from {self.level_name}" if len(self.framework.ladder) > 1 else "as required"

    @property
    def kind(self) -> str:
        """What sort of ask it is, the branches `describe` puts in words: graded (a graded
        framework's measure, or whether one applies), optional, duty (owed whatever the
        outcome), one-way (one of several ways to meet a requirement), required."""
        if self.grades or self.framework.graded:
            return "graded"
        if not self.requirement.required:
            return "optional"
        if not self.framework.decides(self.requirement.level):
            return "duty"
        return "one-way" if self.alternative else "required"

    def describe(
        self,
        rules: RuleSet,
        *,
        brief: bool = False,
        mode: str | None = None,
        content_type: str = "",
        short: bool = False,
        stand_in: bool = False,
    ) -> str:
        """What it asks, in words, under the licence policy of `mode` (the default mode's when
        None), worded for a component of `content_type` where the policy words it so; `brief`:
        when it asks it only, no policy; `short`: the policy in the few words a table cell has
        room for, where its rules give them; `stand_in`: with the component its check accepts
        in this one's place (MOF's research paper for the technical report), for a comparison
        of the rules (a release's verdict says which stood in)."""
        name = f"'{self.requirement.title}'"
        if self.fails_if:  # asked nothing of: stated so, it fails the requirement
            return f"{name} {self.test}"
        if self.grades:
            when = f"{self.grades_said} in {name}"
        elif self.framework.graded:  # named only by applies_when
            when = f"whether {name} is graded here"
        elif not self.requirement.required:
            when = "optional"
        elif not self.framework.decides(self.requirement.level):
            when = f"{self.level_name}, whatever the outcome"
        elif self.alternative and self.fact:
            # A required fact a component may show instead (OSAID's description of the data,
            # or a data card): required, not "one way to meet 'Data information'", which read
            # as if the group's four required items were alternatives
            # (from its level, as any other ask of a framework of several levels says it)
            asked = f"{self._required_from}: {self.test or 'stated'}"
            when = f"{asked}, or {self._shown_by(rules)}"
        elif self.alternative:
            when = self.way_to_meet
        else:
            when = self._required_from
        if self.test and not (self.alternative and self.fact):
            when = f"{when}: {self.test}"
            when += self._or_inferred(rules)
        substitute = self.substitute or self.requirement.check.substitute
        if stand_in and substitute and not self.alternative and not self.fact:
            when = f"{when}, or {component_name(substitute, rules)} in its place"
        if brief:
            return when
        # The policy by its title, as `osai rules explain` gives it, never by its id
        policy = policy_title(self.framework, self.policy, rules, mode, content_type, short)
        return f"{when}, under {policy}" if policy and not self.test else when

    @property
    def _required_from(self) -> str:
        """ "from Class II" in a framework of several levels, "required" in one of one."""
        return f"from {self.level_name}" if len(self.framework.ladder) > 1 else "required"

    def _or_inferred(self, rules: RuleSet) -> str:
        """ ", or inferred from Datasets" for a fact an inference rule concludes where nothing
        states it: OSAID's third-party and unshareable data read "required: stated", although a
        release of open datasets meets them with no word stated (alj #8)."""
        if not self.fact or self.test != "stated":
            return ""
        inferred = inferred_from((self.fact,), rules)
        return f", or {inferred}" if inferred else ""

    def _shown_by(self, rules: RuleSet) -> str:
        """The components the requirement accepts in place of its fact ("shown by Data card",
        "inferred from Data card" where a reading meets it so)."""
        requirement = self.requirement
        return shown_by(requirement, requirement.components(), rules) or "shown by other evidence"


def inferred_from(facts: Iterable[str], rules: RuleSet) -> str:
    """ "inferred from Datasets": the components from whose release an inference rule
    (rules/inference.yaml) concludes one of these facts where nothing states it; "" for none."""
    wanted = set(facts)
    found = [_released(rule, rules) for rule in rules.inference if wanted & set(rule.infer)]
    names = joined(list(dict.fromkeys(found)), "or")
    return f"inferred from {names}" if names else ""


def _released(rule: InferenceRule, rules: RuleSet) -> str:
    """What an inference rule reads, with its condition on the licence: "Datasets under their
    own open licence" (the Datasets alone overstated it: pythia's, under the release's licence
    only, infer nothing)."""
    name = component_name(rule.component, rules)
    if not rule.accept:
        return name
    return f"{name} under {'their own' if rule.own_licence else 'an'} open licence"


def demands(framework: Framework, component_id: str) -> list[Demand]:
    found: list[Demand] = []
    # Only the requirements that name the component anywhere (indexed once per framework:
    # every release judged asks this for every component).
    for requirement in framework.requirements_naming(component_id):
        graded = _grades_naming(requirement, component_id)
        if graded:
            found += _graded_demands(framework, requirement, component_id, graded)
            continue
        check = requirement.check
        direct = [check, *check.all_of]
        policy = _policy_naming([check], component_id)
        if any(part.component == component_id for part in direct):
            found.append(Demand(framework, requirement, False, policy=policy))
        elif component_id in check.components():
            found.append(Demand(framework, requirement, True, policy=policy))
    return found or _standing_in(framework, component_id)


def _graded_demands(
    framework: Framework, requirement: Requirement, component_id: str, graded: tuple[str, ...]
) -> list[Demand]:
    """One demand per licence policy (and stand-in) the grades ask of the component, as
    _grade_tests does for a fact: one policy, the first check's naming the component, stood
    for every grade's ("open/partial ..., under an OSI-approved licence" of a partial grade
    asking code released under any licence)."""
    by_terms: dict[tuple[str, str], tuple[str, ...]] = {}
    for condition in requirement.grades:
        if condition.grade in graded and condition.check is not None:
            terms = (
                _policy_naming([condition.check], component_id),
                _substitute_of([condition.check], component_id),
            )
            by_terms[terms] = (*by_terms.get(terms, ()), condition.grade)
    return [
        Demand(framework, requirement, False, grades, policy=policy, substitute=stand_in)
        for (policy, stand_in), grades in by_terms.items()
    ]


def _standing_in(framework: Framework, component_id: str) -> list[Demand]:
    """What a framework that names a component only in another's place asks of it: one way to
    meet the requirement (a research paper where a technical report is asked for, a paper in
    its place: "—" said the framework asked nothing of it).  A framework that also asks it for
    itself is said by that (MOF's research paper: its Class I requirement, not the stand-in)."""
    found: list[Demand] = []
    for requirement in framework.requirements_naming(component_id):
        if component_id not in requirement.substitutes():
            continue
        grades = tuple(
            condition.grade
            for condition in requirement.grades
            if condition.check is not None and component_id in condition.check.substitutes()
        )
        policy = _policy_naming([*requirement.checks()], component_id)
        found.append(Demand(framework, requirement, not grades, grades, policy=policy))
    return found


def _policy_naming(checks: Iterable[Check], component_id: str) -> str:
    """The licence policy of the first check that names the component (as itself or as its
    stand-in), "" when that check applies none."""
    return next(
        (c.policy for c in _every_check(checks) if component_id in (c.component, c.substitute)),
        "",
    )


def _substitute_of(checks: Iterable[Check], component_id: str) -> str:
    """The component the first check naming this one accepts in its place ("" when none)."""
    return next((c.substitute for c in _every_check(checks) if c.component == component_id), "")


def _every_check(checks: Iterable[Check]) -> Iterator[Check]:
    """Each check and every part of it, breadth first: the one nearest the top comes first."""
    pending = list(checks)
    while pending:
        check = pending.pop(0)
        yield check
        pending.extend(check.parts)


def fact_demands(framework: Framework, fact_id: str, values: Sequence[str] = ()) -> list[Demand]:
    """What a framework asks of one fact, through each requirement that names it (`values`: the
    fact's category values, which fact_test names where a test leaves them unknown)."""
    found: list[Demand] = []
    for requirement in framework.requirements:
        checks = _fact_checks(requirement.checks(), fact_id)
        if not checks:
            continue
        # One demand per test the grades make of it: EOSAI's open weights are ungated, its
        # partial ones gated, and one test for every grade said the open one's of both.
        by_test = _grade_tests(requirement, fact_id)
        if by_test:
            found += [
                Demand(framework, requirement, False, grades, test, fact_id)
                for test, grades in by_test.items()
            ]
            continue
        check = requirement.check
        alternative = fact_id not in [c.fact for c in (check, *check.all_of)]
        test = fact_test(checks[0], values)
        found.append(Demand(framework, requirement, alternative, (), test, fact_id))
    return found + _failing_demands(framework, fact_id, found)


def _failing_demands(framework: Framework, fact_id: str, asked: list[Demand]) -> list[Demand]:
    """What a framework's requirements that do not ask the fact fail on it (their checks'
    `fails_if`: OSAID's weights given only on approval): "EU AI Act requires 'Anyone can obtain
    the weights…'; OSAID has no such requirement" was said where OSAID fails them on it."""
    found = []
    asking = {demand.requirement.id for demand in asked}
    for requirement in framework.requirements:
        failing = [
            check
            for each in requirement.checks()
            for check in _fact_checks(each.failing_checks(), fact_id)
        ]
        if failing and requirement.id not in asking:
            fails = _failing_values(failing[0])
            test = f"unmet if {fails}"
            found.append(Demand(framework, requirement, False, (), test, fact_id, fails_if=fails))
    return found


def _failing_values(check: Check) -> str:
    """What of a fact, tested by a `fails_if`, fails the check it is of: the values that meet
    the test ("approval or region-excluded"), else the test itself ("at most 1e+23")."""
    return " or ".join(check.met_if) if check.met_if else fact_test(check)


def _grade_tests(requirement: Requirement, fact_id: str) -> dict[str, tuple[str, ...]]:
    """The grades whose condition tests the fact, by what it tests (in the grades' order): what
    earns each grade, a value that fails one falling to a grade below, whose own test says it
    ("open: met if ungated; partial: met if click-through …", not "open: … unmet if
    click-through …" beside it)."""
    found: dict[str, tuple[str, ...]] = {}
    for condition in requirement.grades:
        checks = _fact_checks((condition.check,) if condition.check else (), fact_id)
        if checks:
            test = fact_test(replace(checks[0], unmet_if=()))
            found[test] = (*found.get(test, ()), condition.grade)
    return found


def fact_test(check: Check, values: Sequence[str] = ()) -> str:
    """What a fact check asks, in words: a category test with every outcome, as the engine's
    _value_test judges a value (the values that meet it, fail it, are left to a reading, and,
    `values` being the category's, those it leaves unknown).  "met if none", not "one of none",
    which read as if nothing were asked; `osai rules explain` says it so too, and `osai compare`
    said the EU AI Act's access test without its unmet and unknown values, where it differs
    from EOSAI's."""
    if check.provided is False:
        return "declared none"
    if check.at_most is not None:
        return f"at most {check.at_most:g}"
    if check.at_least is not None:
        return f"at least {check.at_least:g}"
    if check.greater_than is not None:
        return f"more than {check.greater_than:g}"
    if not check.tests_category:
        return "stated"
    named = (*check.met_if, *check.unmet_if, *check.review_if)
    others = [value for value in values if value not in named]
    outcomes = (
        f"met if {' or '.join(check.met_if)}" if check.met_if else "",
        f"unmet if {' or '.join(check.unmet_if)}" if check.unmet_if else "",
        # a value left to a reading is no value that meets it: "met if ungated" alone read the
        # same as a test that fails a click-through gate (EU AI Act's access beside EOSAI's open)
        f"unknown, left to a reading, if {' or '.join(check.review_if)}" if check.review_if else "",
        f"unknown if {' or '.join(others)}" if others else "",
    )
    return "; ".join(outcome for outcome in outcomes if outcome)


def _fact_checks(checks: Iterable[Check], fact_id: str) -> list[Check]:
    return [check for check in _every_check(checks) if check.fact == fact_id]


def _grades_naming(requirement: Requirement, component_id: str) -> tuple[str, ...]:
    """The grades whose condition names the component (a fact's: _grade_tests)."""
    return tuple(
        condition.grade
        for condition in requirement.grades
        if condition.check is not None and component_id in condition.check.components()
    )


def primary_demand(framework: Framework, component_id: str) -> Demand | None:
    found = demands(framework, component_id)
    required = [d for d in found if d.blocking]
    candidates = required or found
    return candidates[0] if candidates else None


def policy_title(
    framework: Framework,
    name: str,
    rules: RuleSet,
    mode: str | None = None,
    content_type: str = "",
    short: bool = False,
) -> str:
    """The licence policy `name` in words ("" for none): the one `mode` applies (the default
    mode's when None: `--mof-mode strict` judged by a policy the report must not misquote), for a
    component of `content_type` when given; `short`: its short name, where it has one."""
    if not name:
        return ""
    policy = framework.mode(mode or DEFAULT_MODE).policies[name]
    if short and policy.short:
        return policy.short
    return policy.title_for(content_type) if content_type else policy.title


def policy_of(demand: Demand) -> Policy | None:
    """The licence policy a demand applies, in the default mode (None: it applies none)."""
    name = demand.policy
    return demand.framework.mode(DEFAULT_MODE).policies[name] if name else None


def accepted(demand: Demand, component: Component) -> set[str]:
    policy = policy_of(demand)
    return set(policy.accepted_sets(component.content_type)) if policy is not None else set()


def cite(*requirements: Requirement) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.citation.ref for r in requirements))


def shown_by(requirement: Requirement, components: Sequence[str], rules: RuleSet) -> str:
    """How components show a requirement's fact, in words: "shown by Data card"; "inferred from
    Data card" where its check meets it on them by a reading (`inferred_by`: OSAID's data card,
    for the description of the data), not on what they show; "" for none."""
    read = requirement.check.read_components
    said = [
        f"{verb} {joined([component_name(c, rules) for c in named], 'or')}"
        for verb, named in (
            ("shown by", [c for c in components if c not in read]),
            ("inferred from", [c for c in components if c in read]),
        )
        if named
    ]
    return ", or ".join(said)


def component_name(component_id: str, rules: RuleSet) -> str:
    found = rules.components.get(component_id)
    return found.name if found is not None else component_id


NOT_REQUIRED = "does not require it"  # a framework that asks nothing of a component


def stance_of(demand: Demand | None, satisfied: bool) -> str:
    if satisfied:
        return "is satisfied"
    if demand is None:
        return NOT_REQUIRED
    if demand.alternative:
        return f"counts it as {demand.way_to_meet}"
    if not demand.requirement.required:
        return "lists it as optional"
    return f"asks it only {demand.describe_when()}"


def later_phrase(demand: Demand) -> str:
    return f"asks it only {demand.describe_when()}, not for {demand.levels_without()}"
