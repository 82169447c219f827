"""rules/eosai-mapping.yaml, loaded into typed objects: what each EOSAI grade establishes.

The file is validated by its JSON Schema (rules/schema/eosai-mapping.schema.json), then
cross-checked: every component and fact it names must be in the vocabulary (rules/components.yaml)
and every parameter an evidence rule reads must be one of its parameters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from osai.assessments.model import Grade, MatchKind
from osai.errors import RulesError
from osai.paths import rules_dir
from osai.rules import FactKind, RuleSet, validated_rule_file
from osai.schemas import shown_problems
from osai.yamlsafe import YamlDocument

KIND = "eosai-mapping"

Condition = Mapping[str, frozenset[Grade]]


@dataclass(frozen=True)
class ParameterMeaning:
    id: str
    name: str
    group: str
    subject: str  # "end_model" | "base_model" | "system"
    question: str
    relates_to: tuple[str, ...]
    facts: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class EvidenceRule:
    """Grades → one component's presence, or one fact, for one subject."""

    subject: str
    present: Condition
    absent: Condition
    component: str = ""
    fact: str = ""
    requires_link: bool = True
    licence_from: str = ""
    value: str = ""  # a fact's value; "" when the grades' links are the value

    @property
    def target(self) -> str:
        return self.component or f"fact:{self.fact}"


@dataclass(frozen=True)
class EosaiMapping:
    source_title: str
    source_url: str
    creator: str  # whom the citation names (authors, year); "" when not given
    grade_values: Mapping[Grade, float]
    no_licence_values: frozenset[str]
    subjects_by_match: Mapping[MatchKind, frozenset[str]]
    parameters: Mapping[str, ParameterMeaning]
    evidence: tuple[EvidenceRule, ...]
    path: Path

    def parameter_name(self, parameter: str) -> str:
        meaning = self.parameters.get(parameter)
        return meaning.name if meaning else parameter

    def maps_to(self, parameter: str) -> tuple[str, ...]:
        """The components and facts (`fact:<id>`) a parameter concerns, in mapping order."""
        meaning = self.parameters.get(parameter)
        targets = [*meaning.relates_to, *(f"fact:{f}" for f in meaning.facts)] if meaning else []
        for rule in self.evidence:
            if parameter in rule.present or parameter in rule.absent:
                targets.append(rule.target)
        return tuple(dict.fromkeys(targets))


def mapping_path() -> Path:
    return rules_dir() / "eosai-mapping.yaml"


def load_mapping(rules: RuleSet, path: Path | None = None) -> EosaiMapping:
    """The mapping (bundled unless `path`), validated against the rules' vocabulary."""
    return _load(path or mapping_path(), tuple(rules.components), tuple(rules.facts.values()))


@lru_cache(maxsize=4)
def _load(path: Path, components: tuple[str, ...], facts: tuple[FactKind, ...]) -> EosaiMapping:
    # The bundled mapping's schema is checked by the tests (osai rules validate), not each run.
    document = validated_rule_file(path, KIND, bundled=path == mapping_path())
    problems = mapping_problems(document, set(components), {fact.id: fact for fact in facts})
    if problems:
        raise RulesError(*shown_problems(problems))
    return _mapping(document)


def mapping_problems(
    document: YamlDocument, components: set[str], facts: Mapping[str, FactKind]
) -> list[str]:
    """Names the mapping uses that do not exist: components, facts, parameters, and a fact's
    value that is not one of its category's values (when `facts` gives their kinds)."""
    data = document.data
    parameters = {entry["id"] for entry in data["parameters"]}
    problems: list[str] = []
    for index, entry in enumerate(data["parameters"]):
        where = document.where("parameters", index)
        problems += [
            f"{where}: unknown component '{c}'" for c in entry["relates_to"] if c not in components
        ]
        problems += [
            f"{where}: unknown fact '{f}'" for f in entry.get("facts", ()) if f not in facts
        ]
    for index, rule in enumerate(data["evidence"]):
        where = document.where("evidence", index)
        if rule.get("component") and rule["component"] not in components:
            problems.append(f"{where}: unknown component '{rule['component']}'")
        if rule.get("fact") and rule["fact"] not in facts:
            problems.append(f"{where}: unknown fact '{rule['fact']}'")
        problems += _value_problems(rule, facts, where)
        for key in ("present", "absent"):
            for name in rule.get(key) or {}:
                if name not in parameters:
                    problems.append(f"{where}: {key} reads unknown parameter '{name}'")
    return problems


def _value_problems(
    rule: Mapping[str, Any], facts: Mapping[str, FactKind], where: str
) -> list[str]:
    value, fact = rule.get("value"), rule.get("fact")
    if value is None:
        return []
    if not fact:
        return [f"{where}: a value is given for a component (only a fact takes one)"]
    kind = facts.get(fact)
    if kind is not None and kind.values and value not in kind.values:
        return [f"{where}: '{value}' is not a value of {fact} ({', '.join(kind.values)})"]
    return []


def _mapping(document: YamlDocument) -> EosaiMapping:
    data = document.data
    return EosaiMapping(
        source_title=data["source"]["title"],
        source_url=data["source"]["url"],
        creator=data["source"].get("creator", ""),
        grade_values={Grade(k): float(v) for k, v in data["grade_values"].items()},
        no_licence_values=frozenset(v.strip().casefold() for v in data["no_licence_values"]),
        subjects_by_match={
            MatchKind(kind): frozenset(subjects)
            for kind, subjects in data["subjects_by_match"].items()
        },
        parameters={entry["id"]: _meaning(entry) for entry in data["parameters"]},
        evidence=tuple(_rule(entry) for entry in data["evidence"]),
        path=document.path,
    )


def _meaning(entry: Mapping[str, Any]) -> ParameterMeaning:
    return ParameterMeaning(
        id=entry["id"],
        name=entry["name"],
        group=entry["group"],
        subject=entry["subject"],
        question=entry["question"],
        relates_to=tuple(entry["relates_to"]),
        facts=tuple(entry.get("facts") or ()),
        note=entry.get("note", ""),
    )


def _rule(entry: Mapping[str, Any]) -> EvidenceRule:
    return EvidenceRule(
        subject=entry["subject"],
        present=_condition(entry["present"]),
        absent=_condition(entry.get("absent") or {}),
        component=entry.get("component", ""),
        fact=entry.get("fact", ""),
        requires_link=entry.get("requires_link", True),
        licence_from=entry.get("licence_from", ""),
        value=entry.get("value", ""),
    )


def _condition(entry: Mapping[str, Any]) -> Condition:
    return {name: frozenset(Grade(g) for g in grades) for name, grades in entry.items()}
