"""The manifest source: a Model Openness Framework model file (with osai's extensions) → Release.

It reads the file as the Model Openness Tool does: a component's own `license` wins (the keyword
`unlicensed` means it has none, and blocks inheritance), else the global licence of its content
type, else the distribution licence; an unlisted component is "not released" or "not declared" as
rules/components.yaml says.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from osai.errors import BadInput
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    Fact,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.rules import FactKind, RuleSet
from osai.schemas import first_problem, schema_errors
from osai.yamlsafe import YamlDocument, load_yaml_file, parse_yaml

SOURCE = "manifest"
_NO_LICENCE = ("", "0")


def read_manifest(path: Path, rules: RuleSet) -> Release:
    """Load, validate and interpret one manifest file."""
    document = load_manifest_document(path)
    return release_from_document(document, rules)


def load_manifest_document(path: Path) -> YamlDocument:
    return manifest_document(load_yaml_file(path))


def parse_manifest_text(text: str, path: Path) -> YamlDocument:
    """A manifest already read (from a repository): parsed and validated like a file."""
    return manifest_document(parse_yaml(text, path))


def manifest_document(document: YamlDocument) -> YamlDocument:
    """A parsed YAML document checked to be a manifest (BadInput, one line, if it is not)."""
    path = document.path
    if document.data is None:
        raise BadInput(f"{path}: empty file, not a manifest")
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        raise BadInput(f"{path}: expected a YAML mapping (framework:, release:), found a {kind}")
    document = YamlDocument(document.path, _dates_as_text(document.data), document.lines)
    problems = schema_errors("manifest", document)
    if problems:
        raise BadInput(first_problem(problems))
    return document


def release_from_document(document: YamlDocument, rules: RuleSet) -> Release:
    release = document.data["release"]
    listed = _listed_components(document, rules)
    components = {
        component_id: _component_evidence(document, rules, component_id, listed.get(component_id))
        for component_id in rules.components
    }
    return Release(
        target=str(document.path),
        source=SOURCE,
        name=str(release["name"]),
        producer=str(release.get("producer") or ""),
        version=str(release.get("version") or ""),
        components=components,
        facts={
            **_declared_facts(document, rules, "data_information"),
            **_declared_facts(document, rules, "declarations"),
        },
        document=str(document.path),
        repository=str(release.get("repository") or ""),
    )


def _listed_components(document: YamlDocument, rules: RuleSet) -> dict[str, int]:
    """Component id → index in release.components; unknown or duplicate names are errors."""
    listed: dict[str, int] = {}
    for index, entry in enumerate(document.data["release"]["components"]):
        name = entry["name"]
        component_id = rules.component_for_name(name)
        where = _where(document, "release", "components", index, "name")
        if component_id is None:
            raise BadInput(f"{where}: unknown component '{name}'")
        if component_id in listed:
            raise BadInput(f"{where}: component '{name}' is listed twice")
        listed[component_id] = index
    return listed


def _component_evidence(
    document: YamlDocument, rules: RuleSet, component_id: str, index: int | None
) -> ComponentEvidence:
    component = rules.components[component_id]
    if index is None:
        unlisted = document.data["release"].get("unlisted_components")
        reading = unlisted or component.unlisted_in_manifest
        presence = Presence.ABSENT if reading == "absent" else Presence.UNKNOWN
        meaning = "not released" if presence is Presence.ABSENT else "not declared"
        note = f"not listed in release.components ({meaning})"
        return ComponentEvidence(
            component_id, presence, (_provenance(document, ("release", "components"), "", note),)
        )
    entry = document.data["release"]["components"][index]
    node = ("release", "components", index)
    evidence = entry.get("evidence") or {}
    location = entry.get("component_path") or evidence.get("url") or ""
    provenance = _provenance(document, node, entry["name"], evidence.get("note", ""))
    licence = _resolve_licence(document, entry, node, component.content_type)
    return ComponentEvidence(component_id, Presence.PRESENT, (provenance,), licence, location)


def _resolve_licence(
    document: YamlDocument, entry: Mapping[str, Any], node: tuple[str | int, ...], content_type: str
) -> LicenceFact:
    if entry.get("license") is not None:
        text = str(entry["license"])
        return LicenceFact(text, _provenance(document, (*node, "license"), text))
    globals_ = document.data["release"].get("license") or {}
    for scope in (content_type, "distribution"):
        name = (globals_.get(scope) or {}).get("name")
        if name is not None and str(name) not in _NO_LICENCE:
            where = ("release", "license", scope, "name")
            return LicenceFact(
                str(name), _provenance(document, where, str(name)), f"license.{scope}"
            )
    note = "no component licence and no global licence"
    return LicenceFact("", _provenance(document, node, "", note))


def _declared_facts(document: YamlDocument, rules: RuleSet, block: str) -> dict[str, Fact]:
    """The facts of one block (release.data_information, release.declarations), each checked
    against its kind in rules/components.yaml (the block it belongs to, its type)."""
    entries = document.data["release"].get(block) or {}
    facts: dict[str, Fact] = {}
    for key, value in entries.items():
        where = ("release", block, key)
        kind = rules.facts.get(key)
        if kind is None or kind.block != block:
            known = ", ".join(k.id for k in rules.facts.values() if k.block == block)
            what = "data-information item" if block == "data_information" else "declaration"
            raise BadInput(f"{_where(document, *where)}: unknown {what} '{key}' (known: {known})")
        facts[key] = _declared_fact(document, where, kind, value)
    return facts


def _declared_fact(
    document: YamlDocument, where: tuple[str, ...], kind: FactKind, value: Any
) -> Fact:
    key = kind.id
    if value is False:
        return Fact(key, "not provided", _provenance(document, where, "false"), False)
    if kind.type == "number":
        number = _number(value)
        if number is None or number < 0:
            raise BadInput(f"{_where(document, *where)}: {key} must be a number, e.g. 3.1e23")
        return Fact(key, f"{number:g}", _provenance(document, where, f"{number:g}"), number=number)
    if kind.type == "category":
        if value not in kind.values:
            known = ", ".join(kind.values)
            raise BadInput(f"{_where(document, *where)}: {key} is one of {known}, not {value!r}")
        return Fact(key, str(value), _provenance(document, where, str(value)))
    if not isinstance(value, str | dict):
        raise BadInput(f"{_where(document, *where)}: {key} is a statement (text, a URL) or false")
    text = value if isinstance(value, str) else value.get("text") or value.get("url", "")
    note = "" if isinstance(value, str) else value.get("note", "")
    url = "" if isinstance(value, str) else value.get("url", "")
    shown = f"{text} ({url})" if url and url != text else text
    return Fact(key, shown, _provenance(document, where, shown, note))


def _number(value: Any) -> float | None:
    """A YAML number, or a number written as text ("3.1e23": YAML 1.1 reads 3.1e23 as text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
        return number if number == number and abs(number) != float("inf") else None
    return None


def _provenance(
    document: YamlDocument, node: tuple[str | int, ...], value: str, note: str = ""
) -> Provenance:
    return Provenance(
        source=SOURCE,
        location=str(document.path),
        value=value,
        certainty=Certainty.DECLARED,
        line=document.line_of(*node),
        note=note,
    )


def _where(document: YamlDocument, *node: str | int) -> str:
    return document.where(*node)


def _dates_as_text(value: Any) -> Any:
    """YAML turns unquoted dates into date objects; the manifest format wants ISO strings."""
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
