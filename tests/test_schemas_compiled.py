"""The schemas compiled to Python (osai/schemas_compiled) are current, and agree with jsonschema.

osai validates users' files with generated code and imports jsonschema only to describe the
problems of an invalid file; so the two must accept exactly the same documents.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from osai.schemas import COMPILED, _compiled_accepts

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "compile_schemas", ROOT / "scripts" / "compile_schemas.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(COMPILED))
def test_the_compiled_validators_are_current(name: str) -> None:
    generated = _generator().generated(name)
    committed = (ROOT / "osai" / "schemas_compiled" / f"{name}.py").read_text(encoding="utf-8")
    assert committed == generated, f"run: python scripts/compile_schemas.py ({name} changed)"


def _plain(value: Any) -> Any:
    """Dates as ISO text, as osai's loaders hand documents to the schema."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _documents(name: str) -> Iterator[Any]:
    patterns = {
        "manifest": [
            "examples/*.yml",
            "tests/fixtures/mot/models/*.yml",
            "tests/fixtures/mot/test_data/*.yml",
        ],
        "config": ["examples/ci/.osai.yaml"],
        "framework": ["rules/frameworks/*.yaml", "tests/fixtures/frameworks/*.yaml"],
    }[name]
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            yield _plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def _mutations(document: Any) -> Iterator[Any]:
    """Each key removed, and each value replaced by values of other types, one at a time."""
    yield document
    for path in _paths(document):
        parent = _at(document, path[:-1])
        for replacement in (None, 7, "x", [], {}, True, ""):
            changed = copy.deepcopy(document)
            _at(changed, path[:-1])[path[-1]] = replacement
            yield changed
        if isinstance(parent, dict):
            changed = copy.deepcopy(document)
            del _at(changed, path[:-1])[path[-1]]
            yield changed
            changed = copy.deepcopy(document)
            _at(changed, path[:-1])[f"{path[-1]}_unknown"] = "x"
            yield changed


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


@pytest.mark.parametrize("name", sorted(COMPILED))
def test_compiled_and_jsonschema_agree(name: str) -> None:
    schema = json.loads((ROOT / "rules" / "schema" / f"{name}.schema.json").read_text())
    reference = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    checked = 0
    disagreements = []
    for document in list(_documents(name))[:12]:
        for variant in _mutations(document):
            checked += 1
            expected = not any(True for _ in reference.iter_errors(variant))
            if _compiled_accepts(name, variant) != expected:
                disagreements.append((expected, variant))
    assert checked > 50
    assert disagreements == []
