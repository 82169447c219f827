"""What a manifest's JSON Schema cannot see: names and values checked against osai's vocabulary.

Unknown component names and data-information items, components listed twice, misspelt licences,
YAML 1.1 booleans where a fact wants words, a component both not released and licensed.  Each is a
Problem (osai.schemas), reported with the schema's own problems, all at once.  Every check reads
defensively: the schema may have found the same node malformed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from osai.licence_spelling import misspelt_licence
from osai.rules import RuleSet
from osai.schemas import Problem
from osai.suggest import did_you_mean
from osai.yamlsafe import YamlDocument

_LICENCE_SCOPES = ("distribution", "code", "document", "data")


def manifest_problems(document: YamlDocument, rules: RuleSet) -> list[Problem]:
    release = document.data.get("release")
    if not isinstance(release, dict):
        return []
    return [
        *_component_problems(release, rules),
        *_fact_problems(document, release, rules),
        *_licence_problems(release, rules),
    ]


def _entries(release: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    components = release.get("components")
    if isinstance(components, list):
        yield from ((i, e) for i, e in enumerate(components) if isinstance(e, dict))


def _component_problems(release: dict[str, Any], rules: RuleSet) -> Iterator[Problem]:
    names = [name for c in rules.components.values() for name in (c.name, *c.aliases)]
    listed: dict[str, int] = {}
    for index, entry in _entries(release):
        where = ("release", "components", index)
        name = entry.get("name")
        if not isinstance(name, str):
            continue
        component_id = rules.component_for_name(name)
        if component_id is None:
            unknown = f"unknown component '{name}'" + did_you_mean(name, names)
            yield Problem((*where, "name"), unknown)
        elif component_id in listed:
            first = listed[component_id]
            yield Problem(
                (*where, "name"), f"'{name}' is listed twice (also release.components[{first}])"
            )
        else:
            listed[component_id] = index
        if entry.get("released") is False and entry.get("license") is not None:
            yield Problem(
                (*where, "license"),
                "a component declared not released (`released: false`) has no licence: "
                "remove one of the two",
            )


def _fact_problems(
    document: YamlDocument, release: dict[str, Any], rules: RuleSet
) -> Iterator[Problem]:
    block = release.get("data_information")
    if not isinstance(block, dict):
        return
    for key, value in block.items():
        where = ("release", "data_information", str(key))
        if not isinstance(key, str):  # `yes:` reads as the key true, `1:` as a number
            yield Problem(where, "not a data-information item: item names are text")
        elif key not in rules.facts:
            known = list(rules.facts)
            hint = did_you_mean(str(key), known) or f" (known: {', '.join(known)})"
            yield Problem(where, f"unknown data-information item '{key}'" + hint)
        elif isinstance(value, bool):
            problem = _boolean_fact(document.spelling_of(*where) or str(value).lower(), value)
            if problem:
                yield Problem(where, problem)


def _boolean_fact(spelling: str, value: bool) -> str:
    """`false` (exactly) declares an item not provided; any other boolean is a YAML trap."""
    if value is False and spelling.lower() == "false":
        return ""
    meaning = "false (not provided)" if not value else "true"
    return (
        f"YAML reads `{spelling}` as {meaning}: write `none` if no such data was used, "
        f"`false` if the item is not provided, or text in quotes ('{spelling}')"
    )


def _licence_problems(release: dict[str, Any], rules: RuleSet) -> Iterator[Problem]:
    knowledge = rules.licences
    for index, entry in _entries(release):
        licence = entry.get("license")
        if isinstance(licence, str) and (known := misspelt_licence(licence, knowledge)):
            yield Problem(
                ("release", "components", index, "license"), _unknown_licence(licence, known)
            )
    globals_ = release.get("license")
    if not isinstance(globals_, dict):
        return
    for scope in _LICENCE_SCOPES:
        scoped = globals_.get(scope)
        name = scoped.get("name") if isinstance(scoped, dict) else None
        if isinstance(name, str) and (known := misspelt_licence(name, knowledge)):
            yield Problem(("release", "license", scope, "name"), _unknown_licence(name, known))


def _unknown_licence(text: str, known: str) -> str:
    return f"unknown licence '{text}' (did you mean '{known}'?)"


def shadowed(problem: Problem, checked: list[Problem]) -> bool:
    """A schema problem on a node a check here already explains (a YAML boolean fact)."""
    return any(problem.path == other.path for other in checked)
