"""The rule data, typed: components, facts, licence policies, frameworks, and the whole rule set.

Built by osai.rules.load from validated YAML; read by the engine, the sources (through
`RuleSet.detection`) and the reports.  Frozen: a rule set never changes once loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from osai.detection import DetectionRules
from osai.errors import BadInput
from osai.licenses import LicenceKnowledge, fold
from osai.verdict import Citation

DEFAULT_MODE = "default"  # every framework has a mode of this name; it applies unless one is chosen


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    content_type: str
    description: str
    unlisted_in_manifest: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactKind:
    """A declarable fact that is not a component (manifest: release.data_information.<id>)."""

    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Policy:
    name: str
    title: str
    accept: tuple[str, ...] = ()
    by_content_type: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    interpretation: str = ""

    def accepted_sets(self, content_type: str) -> tuple[str, ...]:
        if self.by_content_type:
            return self.by_content_type.get(content_type, ())
        return self.accept

    def all_sets(self) -> tuple[str, ...]:
        sets = list(self.accept)
        for names in self.by_content_type.values():
            sets.extend(name for name in names if name not in sets)
        return tuple(sets)


@dataclass(frozen=True)
class Check:
    """What a requirement asks of the evidence: a component, a declared fact, or any of several."""

    component: str = ""
    policy: str = ""
    substitute: str = ""
    fact: str = ""
    any_of: tuple[Check, ...] = ()

    def components(self) -> tuple[str, ...]:
        return self._components

    def facts(self) -> tuple[str, ...]:
        return self._facts

    # Computed once per check (frozen): the engine asks for every requirement of every model.
    @cached_property
    def _components(self) -> tuple[str, ...]:
        if self.component:
            return (self.component,)
        return tuple(c for sub in self.any_of for c in sub.components())

    @cached_property
    def _facts(self) -> tuple[str, ...]:
        if self.fact:
            return (self.fact,)
        return tuple(f for sub in self.any_of for f in sub.facts())

    def policy_name(self) -> str:
        """The licence policy this check applies (the first one, within any_of)."""
        return self.policy or next((p for sub in self.any_of if (p := sub.policy_name())), "")


@dataclass(frozen=True)
class Requirement:
    id: str
    level: str
    title: str
    check: Check
    citation: Citation
    remediation: str
    required: bool = True
    group: str = ""


@dataclass(frozen=True)
class Level:
    """A level of a framework.  `label` is its short name in prose ("Class III"), `short` its
    mark in tables ("III"), `name` its full name ("Class III - Open Model")."""

    id: str
    name: str
    short: str
    label: str


@dataclass(frozen=True)
class Mode:
    name: str
    description: str
    matching: str
    unrecognised: str
    policies: Mapping[str, Policy]


@dataclass(frozen=True)
class ModelFile:
    """The model-file format a framework defines (the MOF's): what `osai init` writes in its
    `framework:` block."""

    name: str
    version: str
    date: str


@dataclass(frozen=True)
class Framework:
    id: str
    aliases: tuple[str, ...]
    name: str
    short_name: str
    version: str
    source_title: str
    source_url: str
    progress: str
    not_reached_unmet: str
    not_reached_unknown: str
    summary: str
    outcome_labels: Mapping[str, str]
    order: int
    levels: tuple[Level, ...]
    modes: Mapping[str, Mode]
    requirements: tuple[Requirement, ...]
    path: Path
    model_file: ModelFile | None = None

    def mode(self, name: str | None) -> Mode:
        chosen = name or DEFAULT_MODE
        if chosen not in self.modes:
            known = ", ".join(self.modes)
            raise BadInput(f"framework '{self.id}' has no mode '{chosen}' (modes: {known})")
        return self.modes[chosen]

    def level_index(self, level_id: str) -> int:
        index = self._level_positions.get(level_id)
        if index is None:
            raise BadInput(f"framework '{self.id}' has no level '{level_id}'")
        return index

    @cached_property
    def _level_positions(self) -> dict[str, int]:
        return {level.id: index for index, level in enumerate(self.levels)}

    def requirements_on(self, component_id: str) -> tuple[tuple[Requirement, bool], ...]:
        """The requirements that check this component, each with whether it is only one
        alternative of an ``any_of`` (in order; indexed once: a census asks per model)."""
        return self._requirements_by_component.get(component_id, ())

    def primary_requirement_on(self, component_id: str) -> tuple[Requirement, bool] | None:
        """The requirement that speaks for this component: the first that requires it directly,
        else the first that checks it at all (with whether it is only an alternative)."""
        found = self._requirements_by_component.get(component_id, ())
        direct = [pair for pair in found if pair[0].required and not pair[1]]
        chosen = direct or list(found)
        return chosen[0] if chosen else None

    @cached_property
    def policies_used(self) -> frozenset[str]:
        """The licence policies the requirements apply (within any_of too)."""
        return frozenset(
            {r.check.policy for r in self.requirements}
            | {sub.policy for r in self.requirements for sub in r.check.any_of}
        )

    @cached_property
    def _requirements_by_component(self) -> dict[str, tuple[tuple[Requirement, bool], ...]]:
        index: dict[str, list[tuple[Requirement, bool]]] = {}
        for requirement in self.requirements:
            check = requirement.check
            if check.component:
                index.setdefault(check.component, []).append((requirement, False))
            alternatives = dict.fromkeys(sub.component for sub in check.any_of if sub.component)
            for component in alternatives:
                if component != check.component:
                    index.setdefault(component, []).append((requirement, True))
        return {component: tuple(found) for component, found in index.items()}

    def level(self, level_id: str) -> Level:
        return self.levels[self.level_index(level_id)]

    def requirement(self, requirement_id: str) -> Requirement | None:
        return next((r for r in self.requirements if r.id == requirement_id), None)


@dataclass(frozen=True)
class RuleSet:
    components: Mapping[str, Component]
    frameworks: Mapping[str, Framework]
    licences: LicenceKnowledge
    # rules/detection.yaml, compiled when first needed: checking a manifest never needs it.
    compile_detection: Callable[[], DetectionRules] = field(repr=False, compare=False)
    facts: Mapping[str, FactKind] = field(default_factory=dict)
    _component_names: Mapping[str, str] = field(default_factory=dict, repr=False)

    @cached_property
    def detection(self) -> DetectionRules:
        return self.compile_detection()

    def component_for_name(self, name: str) -> str | None:
        """The component id a manifest name or alias refers to (case-insensitive)."""
        return self._component_names.get(fold(name))

    def framework(self, name: str) -> Framework:
        key = name.strip().lower()
        for framework in self.frameworks.values():
            if key == framework.id or key in framework.aliases:
                return framework
        known = ", ".join(self.frameworks)
        raise BadInput(f"unknown framework '{name}' (known: {known})")

    def requirement(self, requirement_id: str) -> tuple[Framework, Requirement] | None:
        """The framework and requirement with this id (case-insensitive), if any."""
        wanted = requirement_id.strip().lower()
        for framework in self.frameworks.values():
            for requirement in framework.requirements:
                if requirement.id.lower() == wanted:
                    return framework, requirement
        return None
