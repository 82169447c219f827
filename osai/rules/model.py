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
from osai.suggest import did_you_mean
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
        if self.component:
            return (self.component,)
        return tuple(c for sub in self.any_of for c in sub.components())

    def facts(self) -> tuple[str, ...]:
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
    tool: str = ""  # the tool that reads the format (`osai init --for TOOL`)
    tool_title: str = ""
    tool_mode: str = ""  # the framework's mode that reproduces that tool


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
            known = f"modes: {', '.join(self.modes)}"
            suggestion = did_you_mean(chosen, list(self.modes))
            raise BadInput(
                f"framework '{self.id}' has no mode '{chosen}'{suggestion or f' ({known})'}"
            )
        return self.modes[chosen]

    def level_index(self, level_id: str) -> int:
        for index, level in enumerate(self.levels):
            if level.id == level_id:
                return index
        raise BadInput(f"framework '{self.id}' has no level '{level_id}'")

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
        ids = [i for f in self.frameworks.values() for i in (f.id, *f.aliases)]
        hint = did_you_mean(name.strip(), ids) or f" (known: {', '.join(self.frameworks)})"
        raise BadInput(f"unknown framework '{name}'{hint}")

    def requirement(self, requirement_id: str) -> tuple[Framework, Requirement] | None:
        """The framework and requirement with this id (case-insensitive), if any."""
        wanted = requirement_id.strip().lower()
        for framework in self.frameworks.values():
            for requirement in framework.requirements:
                if requirement.id.lower() == wanted:
                    return framework, requirement
        return None
