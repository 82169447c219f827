"""The schemas users read say what each field holds.

A researcher tabling many models from `osai check --format json` found 93 of the report
schema's properties without a description (reference.*, grades[].steps_apart, differences[].
topic) and had to read Python to know what a field holds.  Each property of the schemas named
here must carry a non-empty description; the failure names every one that does not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from clirunner import ROOT

SCHEMAS = ROOT / "rules" / "schema"
# The schemas of what users read or write: the report osai check writes, the settings file, a
# manifest, a framework rule file (`--add-framework FILE`: its author reads this schema).
DOCUMENTED = ("report", "config", "manifest", "framework")
_BRANCHES = ("oneOf", "anyOf", "allOf", "prefixItems")
# Not if/then/else/not: a condition restates properties declared (and described) elsewhere, as
# the framework schema's `if scoring.kind is graded, then requirements need grades` does.
_SUBSCHEMAS = ("contains",)


def _properties(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every property a schema node declares, at any depth, with its path (`targets[].name`,
    `#provenance.note` for a $defs entry)."""
    if not isinstance(node, dict):
        return
    for name, prop in (node.get("properties") or {}).items():
        inner = f"{path}.{name}" if path else name
        yield inner, prop
        yield from _properties(prop, inner)
    for name, prop in (node.get("patternProperties") or {}).items():
        yield from _properties(prop, f"{path}.<{name}>")
    for key, suffix in (("items", "[]"), ("additionalProperties", ".*")):
        yield from _properties(node.get(key), path + suffix)
    for name, definition in (node.get("$defs") or node.get("definitions") or {}).items():
        yield from _properties(definition, f"#{name}")
    for key in _BRANCHES:
        for branch in node.get(key) or ():
            yield from _properties(branch, path)
    for key in _SUBSCHEMAS:
        yield from _properties(node.get(key), path)


def undocumented(schema: dict[str, Any]) -> list[str]:
    """The paths of the properties without a non-empty description."""
    return [
        path
        for path, prop in _properties(schema, "")
        if not (
            isinstance(prop, dict)
            and isinstance(prop.get("description"), str)
            and prop["description"].strip()
        )
    ]


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_property_says_what_it_holds(name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    missing = undocumented(schema)
    assert not missing, f"{name}.schema.json: {len(missing)} without a description: " + ", ".join(
        missing
    )


def test_the_walk_reaches_nested_definitions_and_branches() -> None:
    """The check itself: a property hidden in $defs, a oneOf branch or an array's items is
    found, and one described is not."""
    schema = {
        "$defs": {"d": {"properties": {"in_def": {"type": "string"}}}},
        "properties": {
            "said": {"description": "Said.", "type": "string"},
            "blank": {"description": " ", "type": "string"},
            "list": {
                "description": "A list.",
                "items": {"properties": {"in_items": {"type": "string"}}},
            },
            "either": {
                "description": "One of two.",
                "oneOf": [{"type": "null"}, {"properties": {"in_branch": {"type": "integer"}}}],
            },
        },
    }
    assert undocumented(schema) == [
        "blank",
        "list[].in_items",
        "either.in_branch",
        "#d.in_def",
    ]
