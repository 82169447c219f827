"""Framework against framework (`osai compare`): every line computed from the rule files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from osai.assessment import Difference
from osai.differences.demand import (
    NOT_REQUIRED,
    Demand,
    accepted,
    cite,
    component_name,
    demands,
    fact_demands,
    inferred_from,
    later_phrase,
    policy_of,
    policy_title,
    primary_demand,
    shown_by,
    stance_of,
)
from osai.licenses import LicenceKnowledge, parse_licence
from osai.licenses.naming import licence_title
from osai.memo import Memo
from osai.rules import DEFAULT_MODE, Component, Framework, Mode, Policy, Requirement, RuleSet
from osai.textsafe import joined, title_mid_sentence
from osai.verdict import Status

# What a line says of a framework that asks nothing of a point, and how it says it of several
_NO_SUCH = "has no such requirement"
_NOT_GRADED = "does not grade it"
_SAID_OF_SEVERAL = {
    _NO_SUCH: "have no such requirement",
    NOT_REQUIRED: "do not require it",
    _NOT_GRADED: "do not grade it",
}


def differences_among(frameworks: Sequence[Framework], rules: RuleSet) -> tuple[Difference, ...]:
    """Where each pair of the frameworks disagrees, a point only one of them asks said once:
    `compare osaid mof eu-ai-act eosai` said "EU AI Act requires 'A policy to comply with Union
    copyright law …'" three times, once beside each of the others ("; OSAID has no such
    requirement.", "; MOF …", "; EOSAI …"), where one line names them all."""
    found = [
        difference
        for first, second in combinations(frameworks, 2)
        for difference in framework_differences(first, second, rules)
    ]
    return tuple(_said_once(found, [framework.short_name for framework in frameworks]))


def _said_once(found: list[Difference], names: list[str]) -> list[Difference]:
    """Lines that differ only in the framework said to ask nothing, as one line naming each of
    those frameworks ("OSAID and EU AI Act do not require it; EOSAI does not grade it"), where
    the first of them was."""
    grouped: dict[str, list[tuple[Difference, str, str]]] = {}
    order: list[Difference | str] = []
    for difference in found:
        silent = _silent_clause(difference.message, names)
        if silent is None:
            order.append(difference)
            continue
        lead = silent[0]
        if lead not in grouped:
            grouped[lead] = []
            order.append(lead)
        grouped[lead].append((difference, *silent[1:]))
    said = []
    for item in order:
        if isinstance(item, Difference):
            said.append(item)
            continue
        group = grouped[item]
        first = group[0][0]
        if len(group) == 1:
            said.append(first)
            continue
        sources = tuple(dict.fromkeys(s for difference, _, _ in group for s in difference.sources))
        message = f"{item}; {_silent_ones(group)}."
        said.append(Difference(first.topic, message, sources, first.component))
    return said


def _silent_ones(group: list[tuple[Difference, str, str]]) -> str:
    """The frameworks that ask nothing of a point, those said alike together."""
    by_phrase: dict[str, list[str]] = {}
    for _, name, phrase in group:
        by_phrase.setdefault(phrase, []).append(name)
    return "; ".join(
        f"{joined(silent)} {phrase if len(silent) == 1 else _SAID_OF_SEVERAL[phrase]}"
        for phrase, silent in by_phrase.items()
    )


def _silent_clause(message: str, names: list[str]) -> tuple[str, str, str] | None:
    """A line ending in what a framework that asks nothing of its point is said to do ("…;
    MOF has no such requirement."): what comes before, that framework, and the phrase."""
    for name in names:
        for phrase in _SAID_OF_SEVERAL:
            ending = f"; {name} {phrase}."
            if message.endswith(ending):
                return message.removesuffix(ending), name, phrase
    return None


def framework_differences(
    first: Framework, second: Framework, rules: RuleSet
) -> tuple[Difference, ...]:
    # How each scores is not a difference listed here: a comparison shows it once, above.
    found: list[Difference] = []
    for component in rules.components.values():
        found.extend(_component_differences(first, second, component, rules))
    found.extend(_fact_differences(first, second, rules))
    found.extend(_fact_differences(second, first, rules))
    found.extend(_failing_differences(first, second, rules))
    found.extend(_failing_differences(second, first, rules))
    found.extend(_test_differences(first, second, rules))
    return tuple(_merge_licence_differences(found, rules))


def _component_differences(
    first: Framework, second: Framework, component: Component, rules: RuleSet
) -> list[Difference]:
    a, b = primary_demand(first, component.id), primary_demand(second, component.id)
    a_required = a is not None and a.blocking
    b_required = b is not None and b.blocking
    if a is not None and b is not None and (a.grades or b.grades):
        return []  # a grade is a measure, not a requirement: graded frameworks only mention
    alone = a if b is None else b if a is None else None
    if alone is not None and alone.grades:
        named, silent = (first, second) if b is None else (second, first)
        return _graded_alone(named, silent, component, rules)
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
                cite(needs.requirement, *(other_demand.requirement,) if other_demand else ()),
                component.id,
            )
        ]
    if a_required and b_required and a is not None and b is not None:
        return _when_difference(a, b, component, rules) + _licence_difference(
            a, b, component, rules.licences
        )
    return []


def _graded_alone(
    named: Framework, silent: Framework, component: Component, rules: RuleSet
) -> list[Difference]:
    """A component only a graded framework names (EOSAI grades training code and its licence;
    the EU AI Act asks nothing of either), said as the mirror of "MOF requires it; EOSAI does
    not grade it" was; unless the grading requirement's own line says it (a fact only it asks,
    shown by this component: _fact_differences).  The other, itself graded, "does not grade
    it": it requires nothing ("EOSAI does not require it" beside an FMTI-shaped index)."""
    shown = [
        demand
        for demand in demands(named, component.id)
        if demand.grades and not _said_by_fact(demand.requirement, silent, component.id)
    ]
    if not shown:
        return []
    asks = "; ".join(dict.fromkeys(d.describe(rules, short=True) for d in shown))
    message = f"{component.name}: {named.short_name} grades it ({asks}); {silent.short_name} "
    return [
        Difference(
            "requirement",
            f"{message}{_silent(silent)}.",
            cite(*(demand.requirement for demand in shown)),
            component.id,
        )
    ]


def _said_by_fact(requirement: Requirement, other: Framework, component: str) -> bool:
    """Whether _fact_differences gives the requirement its own line against `other`, one that
    says this component.  A line that names the components showing the fact ("(declared, or
    shown by Data card)") reads as naming all it grades: the Datasets EOSAI's data-sources
    parameters grade beside the description are said on their own line, else `compare euaia
    eosai` said EOSAI graded the datasets only for their licence."""
    facts = set(requirement.facts())
    shown_by = requirement.stand_ins()
    return (
        requirement.required
        and bool(facts)
        and not facts & _facts(other)
        and (not shown_by or component in shown_by)
    )


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
        f"{later.framework.short_name} {later_phrase(later)}."
    )
    return [
        Difference("requirement", message, cite(needs.requirement, later.requirement), component.id)
    ]


def _asks(demand: Demand, rules: RuleSet) -> str:
    """How a framework that requires it asks for it, in brackets ("from Class II, under …"),
    without saying "required" twice."""
    described = demand.describe(rules, stand_in=True).removeprefix("required, ")
    return "" if described == "required" else f" ({described})"


def _compare_stance(demand: Demand, rules: RuleSet) -> str:
    """What a framework that does not require it does with it, and under which licence."""
    if demand.alternative or not demand.requirement.required:
        stance = stance_of(demand, False)
    else:
        stance = demand.describe(rules, brief=True)
    policy = policy_title(demand.framework, demand.policy, rules)
    return f"{stance}, under {policy}" if policy and not demand.test else stance


def _silent(framework: Framework) -> str:
    # The phrase `osai check` uses (stance_of): a component a framework names nowhere
    return _NOT_GRADED if framework.graded else NOT_REQUIRED


def _licence_difference(
    a: Demand, b: Demand, component: Component, licences: LicenceKnowledge
) -> list[Difference]:
    """The licences one accepts and the other does not, by their members: two sets of different
    names may hold the same licences (MOF's open-data list has the CC-BY licences osai's reading
    of OSAID accepts as open content)."""
    unbound = _no_licence_asked(a, b)
    if unbound:
        return [Difference("licence", unbound, cite(a.requirement, b.requirement), component.id)]
    a_members = _accepted_members(a, component, licences)
    b_members = _accepted_members(b, component, licences)
    notes = []
    for demand, extra in ((a, a_members - b_members), (b, b_members - a_members)):
        # a licence in two sets (CC-BY-4.0: open data and open content) counts under the first
        named = []
        for name in sorted(accepted(demand, component)):
            only_here = licences.set_members(name) & extra
            named.append(_only_here(licences, licences.set_name(name), only_here))
            extra -= only_here
        # what is left, the policy takes for want of a term it rejects (`otherwise: met`)
        named.append(_only_here(licences, _NOTHING_REJECTED, extra))
        if any(named):
            notes.append(
                f"{demand.framework.short_name} also accepts{_on_reading(demand)} "
                f"{'; '.join(filter(None, named))}"
            )
    notes += _readings_against_rejections(a, b, component, licences)
    if not notes:
        return []
    return [
        # a full stop, as every other difference line ends
        Difference(
            "licence", "; ".join(notes) + ".", cite(a.requirement, b.requirement), component.id
        )
    ]


def _readings_against_rejections(
    a: Demand, b: Demand, component: Component, licences: LicenceKnowledge
) -> list[str]:
    """The licences one framework rejects and the other leaves to a reading (unknown: the AI
    Act's para 84 allows proportionate use terms, which osai cannot judge), by example: the
    sets one accepts did not tell them apart, so OSAID failing the Llama and OpenRAIL licences
    where the AI Act waits on a reading went unsaid.  Each framework as all its requirements
    on the component judge a licence together: one another rejects (the AI Act's para 83
    terms) is not left to a reading."""
    judged = {id(d): _judged_together(d.framework, component, licences) for d in (a, b)}
    notes = []
    for reads, rejects in ((a, b), (b, a)):
        both = judged[id(reads)][Status.UNKNOWN] & judged[id(rejects)][Status.UNMET]
        # a licence whose terms osai records (rules/licenses.yaml `restriction`): one it records
        # nothing of is unknown to a policy that meets none it does not list for want of
        # knowledge, not of a reading of its terms; in the order rules/licenses.yaml lists
        # them, the model licences first (Llama 2's)
        termed = [
            n
            for n in (*licences.custom, *licences.spdx)
            if n in both and (info := licences.lookup(n)) and info.restriction
        ]
        if termed:
            named = " and ".join(licence_title(n, licences) for n in termed[:2])
            count = f"{len(termed)} licences" if len(termed) > 1 else "a licence"
            notes.append(
                f"{reads.framework.short_name} leaves to a reading of their terms (unknown) "
                f"{count} {rejects.framework.short_name} rejects, among them {named}"
            )
    return notes


def _judged_together(
    framework: Framework, component: Component, licences: LicenceKnowledge
) -> dict[Status, frozenset[str]]:
    """The licences osai knows that a framework's requirements on the component, together,
    fail (any fails it) and leave unknown (none fails it, one leaves it unknown)."""
    unmet: frozenset[str] = frozenset()
    unknown: frozenset[str] = frozenset()
    for demand in demands(framework, component.id):
        if demand.blocking:
            judged = _known_judged(demand, component, licences)
            unmet |= judged.get(Status.UNMET, frozenset())
            unknown |= judged.get(Status.UNKNOWN, frozenset())
    return {Status.UNMET: unmet, Status.UNKNOWN: unknown - unmet}


# Every licence osai knows by how a mode's policy judges it for a content type, by the identities
# of the mode, the policy and the licence knowledge (each kept beside them, so an id is never
# reused while its entry lives): compare asks it of each framework's requirements on each
# component once for each other framework, and 780 licences judged anew each time made
# `compare osaid mof eu-ai-act eosai` judge 28,000 where 4,680 differ.
_Judged = dict[Status, frozenset[str]]
_Owners = tuple[Mode, Policy, LicenceKnowledge]
_KNOWN_JUDGED: Memo[tuple[int, int, str, int], tuple[_Owners, _Judged]] = Memo(64)


def _known_judged(demand: Demand, component: Component, licences: LicenceKnowledge) -> _Judged:
    """Every licence osai knows by how the demand's policy judges it (none: no policy)."""
    policy = policy_of(demand)
    if policy is None:
        return {}
    mode = demand.framework.mode(DEFAULT_MODE)
    kind = component.content_type
    key = (id(mode), id(policy), kind, id(licences))
    kept = _KNOWN_JUDGED.get(key)
    if kept is not None and kept[0][0] is mode and kept[0][1] is policy and kept[0][2] is licences:
        return kept[1]
    judged = _judged(mode, policy, kind, licences, licences.known_ids)
    _KNOWN_JUDGED.remember(key, ((mode, policy, licences), judged))
    return judged


def _judged(
    mode: Mode, policy: Policy, kind: str, licences: LicenceKnowledge, among: Iterable[str]
) -> _Judged:
    """The licences `among` by how the policy judges each, as `osai check` judges one."""
    found: dict[Status, set[str]] = {}
    for licence in among:
        parsed = parse_licence(licence, licences, exact=mode.exact)
        status = mode.judge_licence(parsed, policy, kind, licences).status
        found.setdefault(status, set()).add(licence)
    return {status: frozenset(named) for status, named in found.items()}


def _no_licence_asked(a: Demand, b: Demand) -> str:
    """When one of the two applies no licence policy (released is enough), that: its accepted
    licences are every licence, not none ("MOF also accepts" every open one was said of a
    framework asking a research paper under any licence at all)."""
    a_policy, b_policy = policy_of(a), policy_of(b)
    if (a_policy is None) == (b_policy is None):
        return ""
    (free, bound), policy = ((a, b), b_policy) if a_policy is None else ((b, a), a_policy)
    assert policy is not None
    return (
        f"{free.framework.short_name} takes it under any licence (its rule names none); "
        f"{bound.framework.short_name} only under {policy.title}."
    )


def _on_reading(demand: Demand) -> str:
    """Where the licences a framework accepts are osai's reading of its words, not a list the
    framework publishes (OSAID's "OSI-approved terms": OSI has approved none), which: the
    policy's title, from the framework's YAML."""
    policy = policy_of(demand)
    if policy is None or not policy.interpretation:
        return ""
    return f", under {policy.title},"


# What a policy that meets any licence it does not reject (`otherwise: met`) takes beyond its sets
_NOTHING_REJECTED = "with none of the terms its rule rejects"


def _accepted_members(
    demand: Demand, component: Component, licences: LicenceKnowledge
) -> frozenset[str]:
    """The licences a demand's policy meets, as `osai check` judges one: its sets' members and,
    with `otherwise: met`, every other licence osai knows, less those carrying a restriction it
    rejects (a policy that rejects by terms accepted every licence, which compare, reading its
    sets alone, took for none: 'OSAID also accepts … 0BSD, AAL and 152 more')."""
    policy = policy_of(demand)
    if policy is None:
        return frozenset()
    kind = component.content_type
    found = frozenset().union(*(licences.set_members(n) for n in policy.accepted_sets(kind)))
    if policy.otherwise == "met":
        found |= licences.known_ids
    # each as `osai check` judges it (a deprecated SPDX id is unknown there, not met); one
    # osai does not know (a set's member it lists nowhere else), judged here alone
    known = _known_judged(demand, component, licences).get(Status.MET, frozenset())
    mode = demand.framework.mode(DEFAULT_MODE)
    others = _judged(mode, policy, kind, licences, found - licences.known_ids)
    return (found & known) | others.get(Status.MET, frozenset())


def _only_here(licences: LicenceKnowledge, called: str, only_here: frozenset[str]) -> str:
    """The licences of one set that the other framework does not accept, by example."""
    if not only_here:
        return ""
    shown = sorted(only_here)[:2]
    more = f" and {len(only_here) - len(shown)} more" if len(only_here) > len(shown) else ""
    # the set's name only: its title's own parenthesis nested in this one ("(an open model
    # licence (covering code, data and weights together))")
    each = "each " if len(only_here) > 1 else ""
    return f"{', '.join(shown)}{more} ({each}{called})"


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
            names = ", ".join(component_name(d.component, rules) for d in group)
            sources = tuple(dict.fromkeys(s for d in group for s in d.sources))
            result.append(Difference("licence", f"{names}: {difference.message}", sources, ids))
        else:
            result.append(difference)
    return result


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
        components = requirement.asked_components()
        # only a component that shows the fact in its place: EOSAI's training code, which its
        # documentation's grade asks for beside it, read as if it showed the documentation
        names = shown_by(requirement, requirement.stand_ins(), rules)
        names = names or inferred_from(facts, rules)  # OSAID's third-party data (alj #8)
        shown = f" (declared, or {names})" if names else ""
        if _said_by_component_lines(first, requirement, second, components):
            continue
        tested = _tested_facts(first, requirement, rules)
        stance, asked = _without_the_fact(second, components, rules, tested)
        if tested and asked:
            shown = " by " + " and ".join(f"{fact} ({tests})" for fact, tests in tested)
        said = f"{_asked_by(first, requirement)} '{requirement.title}'{shown}"
        message = f"{said}; {stance}."
        found.append(Difference("data-information", message, cite(requirement, *asked)))
    return found


def _asked_by(framework: Framework, requirement: Requirement) -> str:
    """How a line says the framework asks it: "EU AI Act requires", "EOSAI grades", or, for a
    duty that stands whatever the outcome (a level that does not decide), in its level's words:
    "EU AI Act: whatever the outcome, a general-purpose AI model's provider still owes".  "EU AI
    Act requires 'A policy to comply with Union copyright law …'" read as a condition of the
    exemption, which the Act keeps whatever the outcome (recital 104, para 75)."""
    if framework.graded:
        return f"{framework.short_name} grades"
    if not framework.decides(requirement.level):
        label = framework.level(requirement.level).label
        return f"{framework.short_name}: whatever the outcome, {label}"
    return f"{framework.short_name} requires"


def _failing_differences(first: Framework, second: Framework, rules: RuleSet) -> list[Difference]:
    """Facts a requirement of the first fails on whatever else it shows (a check's `fails_if`:
    OSAID's weights given only on approval) that the second asks nothing of: a release the
    second accepts fails the first on that fact alone.  A fact both test is compared by
    `_test_differences`."""
    facts_second = _facts(second)
    found = []
    for requirement in first.requirements:
        if not requirement.required:
            continue
        for fact in requirement.failing_facts():
            failing = [
                demand.fails_if
                for demand in fact_demands(first, fact)
                if demand.requirement.id == requirement.id and demand.fails_if
            ]
            if fact in facts_second or not failing:
                continue
            message = (
                f"{first.short_name} fails '{requirement.title}' where "
                f"{title_mid_sentence(_fact_title(fact, rules))} is {failing[0]}; "
                f"{second.short_name} {_NO_SUCH}."
            )
            found.append(Difference("requirement", message, cite(requirement)))
    return found


def _said_by_component_lines(
    first: Framework, requirement: Requirement, second: Framework, components: Sequence[str]
) -> bool:
    """Whether the component lines already say it: each component showing the fact that the
    second framework requires is one the first counts as a way to meet this requirement
    ("Model architecture: OSAID requires it; EU AI Act counts it as one way to meet 'Public
    information on the model architecture'"), so "EU AI Act requires 'Public information on the
    model architecture'; OSAID asks for the Model architecture, not for this content" would say
    that difference again, and wrongly: that component shows this content."""
    asked = [
        component
        for component in components
        if (demand := primary_demand(second, component)) is not None and demand.blocking
    ]
    return bool(asked) and all(
        (demand := primary_demand(first, component)) is not None
        and demand.alternative
        and demand.requirement.id == requirement.id
        for component in asked
    )


def _tested_facts(
    framework: Framework, requirement: Requirement, rules: RuleSet
) -> list[tuple[str, str]]:
    """The facts a requirement tests for more than being stated, each by its title in a sentence
    and its tests ("how the weights can be obtained", "open: met if ungated; partial: …"): what
    EOSAI's weights parameters grade beyond the weights being there.  Not its applicability's
    (a base model named or not decides whether it is graded, not how)."""
    said = []
    for fact in requirement.facts():
        tests = [
            demand
            for demand in fact_demands(framework, fact, rules.facts[fact].values)
            if demand.requirement.id == requirement.id
            and demand.test != "stated"
            and (demand.grades or fact in requirement.check.facts())
        ]
        if tests:
            each = "; ".join(f"{d.grades_said}: {d.test}" if d.grades else d.test for d in tests)
            said.append((title_mid_sentence(_fact_title(fact, rules)), each))
    return said


def _fact_title(fact: str, rules: RuleSet) -> str:
    found = rules.facts.get(fact)
    return found.title if found is not None else fact


def _without_the_fact(
    framework: Framework,
    components: Sequence[str],
    rules: RuleSet,
    tested: Sequence[tuple[str, str]] = (),
) -> tuple[str, tuple[Requirement, ...]]:
    """What the framework asks of the components that show the fact, and that it does not ask
    the fact; where the fact is tested for more than being stated, the terms the framework asks
    the components under (OSAID's weights under OSI-approved terms, EOSAI's ungated or not)."""
    asked = [
        (demand, component)
        for component in components
        if (demand := primary_demand(framework, component)) is not None and demand.blocking
    ]
    if not asked:
        return _graded_without_the_fact(framework, components, rules)
    listed = joined(
        [
            f"the {component_name(component, rules)} "
            f"({demand.describe(rules, short=True) if tested else demand.describe_when()})"
            for demand, component in asked
        ]
    )
    content = " and ".join(fact for fact, _ in tested) or "this content"
    stance = f"{framework.short_name} asks for {listed}, not for {content}"
    return stance, tuple(demand.requirement for demand, _ in asked)


def _graded_without_the_fact(
    framework: Framework, components: Sequence[str], rules: RuleSet
) -> tuple[str, tuple[Requirement, ...]]:
    """A framework that requires none of the components may still grade them: EOSAI grades
    the Datasets that show OSAID's listing of the public training data in its data-sources
    parameters, so "EOSAI has no such requirement" was untrue.  Which parameters, by title."""
    graded = [
        (component, demand)
        for component in components
        for demand in demands(framework, component)
        if demand.grades
    ]
    if not graded:
        return f"{framework.short_name} {_NO_SUCH}", ()
    named = joined(list(dict.fromkeys(f"the {component_name(c, rules)}" for c, _ in graded)))
    titles = dict.fromkeys(d.requirement.title for _, d in graded)
    where = joined([f"'{title}'" for title in titles])
    stance = f"{framework.short_name} grades {named} (in {where}), not this content"
    return stance, tuple(demand.requirement for _, demand in graded)


def _facts(framework: Framework) -> set[str]:
    """The facts its requirements ask, and those that fail one whatever else it shows (a
    check's `fails_if`): of either it has a requirement, which `_test_differences` compares."""
    return {
        fact
        for requirement in framework.requirements
        for fact in (*requirement.facts(), *requirement.failing_facts())
    }


def _test_differences(first: Framework, second: Framework, rules: RuleSet) -> list[Difference]:
    """A fact both ask, tested differently: the EU AI Act's access condition is met by a
    click-through gate, EOSAI's open weights are ungated only.  Each framework by the test
    that passes it (a levels framework's requirement, a graded one's best grade)."""
    found = []
    for fact in rules.facts.values():
        a, b = _passing(first, fact.id, fact.values), _passing(second, fact.id, fact.values)
        if not a or not b or {d.test for d in a} == {d.test for d in b}:
            continue
        said = "; ".join(_passes_when(demands_of) for demands_of in (a, b))
        requirements = (d.requirement for d in (*a, *b))
        found.append(Difference("requirement", f"{fact.title}: {said}.", cite(*requirements)))
    return found


def _passing(framework: Framework, fact_id: str, values: Sequence[str]) -> list[Demand]:
    """The demands on a fact that passing the framework rests on: a deciding requirement's, or
    the best grade's (not a duty owed whatever the outcome, not a lower grade)."""
    best = framework.grades[0].id if framework.grades else ""
    return [
        demand
        for demand in fact_demands(framework, fact_id, values)
        if (best in demand.grades if framework.graded else demand.kind in ("required", "one-way"))
        and demand.test
    ]


def _passes_when(found: list[Demand]) -> str:
    framework = found[0].framework
    failing = [d for d in found if d.fails_if]
    if failing and len(failing) == len(found):  # asked nothing of it, but failed on it
        return "; ".join(
            f"{framework.short_name} fails '{d.requirement.title}' if {d.fails_if}" for d in failing
        )
    tests = " or ".join(dict.fromkeys(d.test for d in found))
    if framework.graded:
        return f"{framework.short_name} grades it {framework.grades[0].name}: {tests}"
    return f"{framework.short_name} requires it: {tests}"
