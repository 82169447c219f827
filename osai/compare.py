"""`osai compare`: two or more frameworks side by side, generated from their rule files.

Pure: a Comparison is data (one row per component and per fact any of them asks for, one column
per framework saying what it asks: a level, a grade, a licence policy, a test of the fact; the
licence policies, how each framework scores, and where each pair of frameworks disagrees, a
point only one asks said once); renderers live in osai.formatters.comparison.  With a model, the
comparison carries that model's report too.
"""

from __future__ import annotations

from dataclasses import dataclass

from osai.assessment import Difference
from osai.differences import Demand, demands, differences_among, fact_demands
from osai.errors import BadInput
from osai.report import Report
from osai.rules import Component, Framework, RuleSet
from osai.textsafe import joined


@dataclass(frozen=True)
class FrameworkColumn:
    id: str
    name: str
    short_name: str
    version: str
    source_url: str
    summary: str = ""  # how it scores (binary, classes, a graded score)
    # When it applies at all (its rule file's scope): each condition's id, title and the
    # outcome a release shown not to meet it gets ("not in scope (indicative): …").
    scope: tuple[tuple[str, str, str], ...] = ()

    @property
    def scope_said(self) -> tuple[str, ...]:
        """Each condition of its applying in words, as `compare` says it."""
        return tuple(
            f"applies only when: {title}; shown otherwise, {label}, and nothing it asks is "
            "judged; unknown, judged as if it applies"
            for _, title, label in self.scope
        )


@dataclass(frozen=True)
class Ask:
    """One requirement's ask of a component or fact, as data (a stance is it in words)."""

    requirement: str  # the requirement's id (osai rules explain ID)
    kind: str  # required | optional | one-way | duty | graded (Demand.kind)
    level: str  # the level id that asks it ("" for a graded framework)
    policy: str  # the licence policy applied ("" when none, or for a fact)
    grades: tuple[str, ...] = ()  # a graded framework: the grades whose condition names it
    test: str = ""  # a fact: what is tested ("stated", "at most 1e+25", "declared none")


@dataclass(frozen=True)
class ComponentRow:
    component: str
    name: str
    content_type: str
    stances: tuple[str, ...]  # what each framework asks, in column order ("—": nothing)
    asks: tuple[tuple[Ask, ...], ...] = ()  # the same, as data, in column order


@dataclass(frozen=True)
class FactRow:
    fact: str
    title: str
    stances: tuple[str, ...]  # what each framework asks of it, in column order ("—": nothing)
    manifest_key: str  # where a manifest declares it
    asks: tuple[tuple[Ask, ...], ...] = ()  # the same, as data, in column order


@dataclass(frozen=True)
class PolicyNote:
    framework_id: str
    short_name: str
    policy: str
    title: str
    interpretation: str


@dataclass(frozen=True)
class Comparison:
    frameworks: tuple[FrameworkColumn, ...]
    components: tuple[ComponentRow, ...]
    facts: tuple[FactRow, ...]
    policies: tuple[PolicyNote, ...]
    differences: tuple[Difference, ...]
    model: Report | None = None


def chosen_frameworks(rules: RuleSet, names: tuple[str, ...]) -> tuple[Framework, ...]:
    """The frameworks named (ids, aliases or names, RuleSet.framework_names), at least two and
    all different."""
    names = rules.framework_names(names)
    frameworks = tuple(rules.framework(name) for name in names)
    ids = [framework.id for framework in frameworks]
    if len(frameworks) < 2:
        raise BadInput("compare needs at least two frameworks (e.g. osai compare osaid mof)")
    repeated = sorted({fid for fid in ids if ids.count(fid) > 1})
    if repeated:
        raise BadInput(f"compare needs different frameworks, got {_twice(repeated[0], names, ids)}")
    return frameworks


def _twice(framework_id: str, names: tuple[str, ...], ids: list[str]) -> str:
    """What the user typed for the framework named twice: `compare osaid osi` said "got 'osaid'
    twice", a word they typed once, and not that `osi` is another name of it."""
    typed = list(
        dict.fromkeys(
            name.strip() for name, fid in zip(names, ids, strict=True) if fid == framework_id
        )
    )
    if len(typed) == 1:
        return f"'{typed[0]}' twice"
    said = [
        f"'{name}'" if name.lower() == framework_id else f"'{name}' (an alias of {framework_id})"
        for name in typed
    ]
    return f"{joined(said)}, the same framework"


def compare(
    frameworks: tuple[Framework, ...], rules: RuleSet, model: Report | None = None
) -> Comparison:
    return Comparison(
        frameworks=tuple(
            FrameworkColumn(
                f.id,
                f.name,
                f.short_name,
                f.version,
                f.source_url,
                f.summary,
                tuple((c.id, c.title, c.label) for c in f.scope),
            )
            for f in frameworks
        ),
        components=tuple(_component_row(frameworks, c, rules) for c in rules.components.values()),
        facts=_fact_rows(frameworks, rules),
        policies=tuple(
            PolicyNote(f.id, f.short_name, name, policy.title, policy.interpretation)
            for f in frameworks
            for name, policy in f.mode(None).policies.items()
        ),
        differences=differences_among(frameworks, rules),
        model=model,
    )


def _component_row(
    frameworks: tuple[Framework, ...], component: Component, rules: RuleSet
) -> ComponentRow:
    found = [demands(framework, component.id) for framework in frameworks]
    stances = tuple(_stance(column, rules, component.content_type) for column in found)
    asks = tuple(_asks(column) for column in found)
    return ComponentRow(component.id, component.name, component.content_type, stances, asks)


def _stance(found: list[Demand], rules: RuleSet, content_type: str = "") -> str:
    """What one framework asks, in words ("—": nothing), its licence policy as worded for a
    component of `content_type` ("" for a fact)."""
    if not found:
        return "—"
    said = [
        demand.describe(rules, content_type=content_type, short=True, stand_in=True)
        for demand in found
    ]
    return _joined(said)


def _asks(found: list[Demand]) -> tuple[Ask, ...]:
    return tuple(dict.fromkeys(_ask(demand) for demand in found))


def _ask(demand: Demand) -> Ask:
    requirement = demand.requirement
    return Ask(
        requirement.id,
        demand.kind,
        "" if demand.framework.graded else requirement.level,
        "" if demand.test else demand.policy,
        demand.grades,
        demand.test,
    )


def _joined(stances: list[str]) -> str:
    """Each stance once, and none that another says with more ("one way to meet 'X'" beside
    "one way to meet 'X', under OSI-approved terms (osai's interpretation)")."""
    unique = list(dict.fromkeys(stances))
    kept = [s for s in unique if not any(o != s and o.startswith(f"{s}, under ") for o in unique)]
    return "; ".join(kept)


def _fact_rows(frameworks: tuple[Framework, ...], rules: RuleSet) -> tuple[FactRow, ...]:
    """One row per fact any of the frameworks asks for, in the vocabulary's order."""
    rows = []
    for fact in rules.facts.values():
        found = [fact_demands(framework, fact.id, fact.values) for framework in frameworks]
        if not any(found):
            continue
        stances = tuple(_stance(column, rules) for column in found)
        asks = tuple(_asks(column) for column in found)
        rows.append(FactRow(fact.id, fact.title, stances, fact.manifest_key, asks))
    return tuple(rows)
