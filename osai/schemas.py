"""The JSON Schemas osai publishes, and one-line error messages from validating against them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import import_module
from typing import Any

from osai.paths import schema_dir
from osai.yamlsafe import YamlDocument


@cache
def load_schema(name: str) -> dict[str, Any]:
    path = schema_dir() / f"{name}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(
        load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def first_problem(problems: list[str]) -> str:
    """The first problem, saying how many more there are: errors are reported in one line."""
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return problems[0] + more


def schema_errors(name: str, document: YamlDocument) -> list[str]:
    """Every schema violation in a document, as 'file:line: at path: reason', in file order.

    A document the compiled validator accepts (osai/schemas_compiled: the schemas of files users
    write) is valid without importing jsonschema, which costs 0.1 to 4 s; jsonschema describes
    the problems of a document that is not valid.
    """
    if _compiled_accepts(name, document.data):
        return []
    errors = sorted(
        _validator(name).iter_errors(document.data),
        key=lambda error: (document.line_of(*error.absolute_path) or 0, list(map(str, error.path))),
    )
    return [_describe(error, document) for error in errors]


COMPILED = frozenset({"manifest", "config", "framework"})  # scripts/compile_schemas.py


def _compiled_accepts(name: str, data: Any) -> bool:
    if name not in COMPILED:
        return False
    validate = import_module(f"osai.schemas_compiled.{name}").validate
    try:
        validate(data)
    except ValueError:  # the generated code's JsonSchemaValueException
        return False
    return True


def instance_errors(name: str, instance: Any) -> Iterator[str]:
    """Schema violations of an in-memory instance (reports we produce), for tests and checks."""
    for error in _validator(name).iter_errors(instance):
        yield f"at {_json_path(error.absolute_path)}: {error.message}"


def _describe(error: Any, document: YamlDocument) -> str:
    node_path = tuple(error.absolute_path)
    where = document.where(line=_nearest_line(document, node_path))
    return f"{where}: at {_json_path(node_path)}: {_short_message(error)}"


def _nearest_line(document: YamlDocument, node_path: tuple[Any, ...]) -> int | None:
    for end in range(len(node_path), -1, -1):
        line = document.line_of(*node_path[:end])
        if line is not None:
            return line
    return None


def _json_path(node_path: Any) -> str:
    parts = ["$"]
    for part in node_path:
        parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(parts)


def _short_message(error: Any) -> str:
    message = str(error.message)
    if error.validator in {"oneOf", "anyOf"}:
        return "does not match any allowed form" + _first_context(error)
    if len(message) > 160:
        message = message[:157] + "..."
    return message


def _first_context(error: Any) -> str:
    contexts = sorted(error.context or [], key=lambda sub: len(list(sub.path)), reverse=True)
    return f" ({contexts[0].message})" if contexts else ""
