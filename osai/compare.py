"""`osai compare`: frameworks side by side, generated from their rule files.

Pure: a Comparison is data (one row per component and per declared fact, one column per
framework, the licence policies, and where each pair of frameworks disagrees); renderers live in
osai.formatters.comparison.  With a model, the comparison carries that model's report too.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from osai.assessment import Difference
from osai.differences import demands, framework_differences
from osai.errors import BadInput
from osai.report import Report
from osai.rules import Framework, RuleSet


@dataclass(frozen=True)
class FrameworkColumn:
    id: str
    name: str
    short_name: str
    version: str
    source_url: str


@dataclass(frozen=True)
class ComponentRow:
    component: str
    name: str
    content_type: str
    stances: tuple[str, ...]  # what each framework asks, in column order ("—": nothing)


@dataclass(frozen=True)
class FactRow:
    requirement_id: str
    title: str
    stances: tuple[str, ...]
    manifest_keys: tuple[str, ...]


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
    """The frameworks named (ids or aliases), at least two and all different."""
    frameworks = tuple(rules.framework(name) for name in names)
    ids = [framework.id for framework in frameworks]
    if len(frameworks) < 2:
        raise BadInput("compare needs at least two frameworks (e.g. osai compare osaid mof)")
    repeated = sorted({fid for fid in ids if ids.count(fid) > 1})
    if repeated:
        raise BadInput(f"compare needs different frameworks, got '{repeated[0]}' twice")
    return frameworks


def compare(
    frameworks: tuple[Framework, ...], rules: RuleSet, model: Report | None = None
) -> Comparison:
    return Comparison(
        frameworks=tuple(
            FrameworkColumn(f.id, f.name, f.short_name, f.version, f.source_url) for f in frameworks
        ),
        components=tuple(
            ComponentRow(
                c.id,
                c.name,
                c.content_type,
                tuple(_stance(f, c.id, rules) for f in frameworks),
            )
            for c in rules.components.values()
        ),
        facts=_fact_rows(frameworks),
        policies=tuple(
            PolicyNote(f.id, f.short_name, name, policy.title, policy.interpretation)
            for f in frameworks
            for name, policy in f.mode(None).policies.items()
        ),
        differences=tuple(
            difference
            for first, second in combinations(frameworks, 2)
            for difference in framework_differences(first, second, rules)
        ),
        model=model,
    )


def _stance(framework: Framework, component_id: str, rules: RuleSet) -> str:
    found = demands(framework, component_id)
    if not found:
        return "—"
    return "; ".join(dict.fromkeys(demand.describe(rules, brief=True) for demand in found))


def _fact_rows(frameworks: tuple[Framework, ...]) -> tuple[FactRow, ...]:
    rows = []
    for framework in frameworks:
        for requirement in framework.requirements:
            facts = requirement.check.facts()
            if not facts:
                continue
            stances = tuple(
                ("required" if requirement.required else "optional")
                if other.id == framework.id
                else "—"
                for other in frameworks
            )
            keys = tuple(f"release.data_information.{fact}" for fact in facts)
            rows.append(FactRow(requirement.id, requirement.title, stances, keys))
    return tuple(rows)
