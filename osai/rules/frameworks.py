"""A framework rule file (already schema-valid) → Framework, cross-checked against the vocabulary.

Cross-checks the schema cannot express: levels, components, facts, policies and licence sets that
a requirement names must exist.  A failure names the file, line and path inside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from osai.errors import RulesError
from osai.licenses import BUILTIN_SETS, LicenceKnowledge
from osai.rules.model import (
    Check,
    Component,
    FactKind,
    Framework,
    Level,
    Mode,
    ModelFile,
    Policy,
    Requirement,
)
from osai.verdict import Citation
from osai.yamlsafe import YamlDocument


@dataclass(frozen=True)
class Vocabulary:
    """What rule files may name: components, declarable facts and licence knowledge."""

    components: Mapping[str, Component]
    facts: Mapping[str, FactKind]
    licences: LicenceKnowledge


def framework_from_document(document: YamlDocument, vocabulary: Vocabulary) -> Framework:
    data = document.data
    levels = tuple(_level(entry) for entry in data["levels"])
    base_policies = _policies(data["policies"])
    modes = {
        name: Mode(
            name,
            entry["description"],
            entry["matching"],
            entry["unrecognised"],
            {**base_policies, **_policies(entry.get("policies") or {})},
        )
        for name, entry in data["modes"].items()
    }
    requirements = tuple(_requirement(e) for e in data["requirements"])
    _cross_check(document, levels, modes, requirements, vocabulary)
    scoring = data["scoring"]
    return Framework(
        id=data["id"],
        aliases=tuple(data.get("aliases") or ()),
        name=data["name"],
        short_name=data["short_name"],
        version=data["version"],
        source_title=data["source"]["title"],
        source_url=data["source"]["url"],
        progress=scoring["progress"],
        not_reached_unmet=scoring["not_reached"]["unmet"],
        not_reached_unknown=scoring["not_reached"]["unknown"],
        summary=scoring["summary"],
        outcome_labels=dict(scoring.get("labels") or {}),
        order=data.get("order", 100),
        levels=levels,
        modes=modes,
        requirements=requirements,
        path=document.path,
        model_file=_model_file(data.get("model_file")),
    )


def _level(entry: Mapping[str, Any]) -> Level:
    return Level(entry["id"], entry["name"], entry["short"], entry.get("label") or entry["name"])


def _model_file(entry: Mapping[str, Any] | None) -> ModelFile | None:
    if entry is None:
        return None
    tool = entry.get("tool") or {}
    return ModelFile(
        entry["name"],
        str(entry["version"]),
        str(entry["date"]),
        tool.get("name", ""),
        tool.get("title", tool.get("name", "")),
        tool.get("mode", ""),
    )


def _policies(entries: Mapping[str, Any]) -> dict[str, Policy]:
    return {
        name: Policy(
            name,
            entry["title"],
            tuple(entry.get("accept") or ()),
            {kind: tuple(sets) for kind, sets in (entry.get("by_content_type") or {}).items()},
            entry.get("interpretation", ""),
        )
        for name, entry in entries.items()
    }


def _requirement(entry: Mapping[str, Any]) -> Requirement:
    citation = entry["citation"]
    return Requirement(
        id=entry["id"],
        level=entry["level"],
        title=entry["title"],
        check=_check(entry["check"]),
        citation=Citation(citation["ref"], citation["text"], citation.get("url", "")),
        remediation=entry["remediation"],
        required=entry.get("required", True),
        group=entry.get("group", ""),
    )


def _check(entry: Mapping[str, Any]) -> Check:
    return Check(
        component=entry.get("component", ""),
        policy=entry.get("policy", ""),
        substitute=entry.get("substitute", ""),
        fact=entry.get("fact", ""),
        any_of=tuple(_check(sub) for sub in entry.get("any_of") or ()),
    )


def _cross_check(
    document: YamlDocument,
    levels: tuple[Level, ...],
    modes: Mapping[str, Mode],
    requirements: tuple[Requirement, ...],
    vocabulary: Vocabulary,
) -> None:
    level_ids = {level.id for level in levels}
    seen: set[str] = set()
    for index, requirement in enumerate(requirements):
        where = ("requirements", index)
        if requirement.id in seen:
            fail(document, (*where, "id"), f"duplicate requirement id '{requirement.id}'")
        seen.add(requirement.id)
        if requirement.level not in level_ids:
            fail(document, (*where, "level"), f"unknown level '{requirement.level}'")
        _check_references(document, (*where, "check"), requirement.check, modes, vocabulary)
    known_sets = set(BUILTIN_SETS) | set(vocabulary.licences.sets)
    for mode in modes.values():
        for policy in mode.policies.values():
            for set_name in policy.all_sets():
                if set_name not in known_sets:
                    fail(
                        document,
                        ("modes", mode.name),
                        f"policy '{policy.name}' names unknown licence set '{set_name}'",
                    )


def _check_references(
    document: YamlDocument,
    where: tuple[str | int, ...],
    check: Check,
    modes: Mapping[str, Mode],
    vocabulary: Vocabulary,
) -> None:
    for name in (check.component, check.substitute):
        if name and name not in vocabulary.components:
            fail(document, where, f"unknown component '{name}'")
    if check.fact and check.fact not in vocabulary.facts:
        fail(document, where, f"unknown fact '{check.fact}' (see facts: in components.yaml)")
    if check.policy and any(check.policy not in mode.policies for mode in modes.values()):
        fail(document, where, f"unknown policy '{check.policy}'")
    for index, sub in enumerate(check.any_of):
        _check_references(document, (*where, "any_of", index), sub, modes, vocabulary)


def fail(document: YamlDocument, node_path: tuple[str | int, ...], message: str) -> None:
    """Raise a RulesError naming the file, the node's line and its path."""
    where = document.where(*node_path)
    dotted = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in node_path)
    raise RulesError(f"{where}: at {dotted}: {message}")
