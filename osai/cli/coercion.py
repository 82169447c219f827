"""Command-line values converted without building a pydantic model per option.

typer converts every option's value with a pydantic TypeAdapter, built on first use: a run of
`osai check` built some twenty of them, and imported pydantic to do it, before reading a single
file (about a fifth of a second, more than judging a hundred manifests takes).  osai's options
are text, paths, choices, numbers and flags; here each well-formed value is converted directly,
as typer would convert it, and anything else (a malformed number, an unknown choice, a value out
of range) goes to typer's own converter, which decides and words the error
exactly as before.  So the outcome is typer's in every case; only the common case is cheaper.
One addition: a misspelt choice (`--format jsno`) is refused in typer's words with the nearest
choice after them (did you mean 'json'?), as osai answers every other misspelt name; and an
empty path is refused as none (typer read it as `.`, the working directory).

`install()` replaces typer's converter factory (`typer.core.build_runtime_param`, a private
hook).  If a typer release moves it, `install()` does nothing and typer converts as it always
did: slower, never wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

_NO = object()  # the direct conversion does not apply: typer's converter decides
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def install() -> bool:
    """Route typer's conversion of osai's options through `convert`; False if typer's internals
    are not where this module expects them (typer then converts as it always did)."""
    try:
        import typer.core
        from typer._coercion import RuntimeParam, resolve_type_descriptor
        from typer._param_types import coerce_cli_choice, coerce_cli_path  # noqa: F401
    except ImportError:  # pragma: no cover - another typer
        return False
    found = getattr(typer.core, "build_runtime_param", None)
    if found is None:  # pragma: no cover - another typer
        return False
    original: Callable[[Any], RuntimeParam] = found

    @dataclass(frozen=True)
    class DirectParam(RuntimeParam):
        """A value converted directly when well-formed, else by typer's own converter."""

        typer_param: list[RuntimeParam] = field(default_factory=list)  # built on first need

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            converted = convert(value, self.annotation, self.parameter_info, param, ctx)
            if converted is not _NO:
                return converted
            if not self.typer_param:
                descriptor = resolve_type_descriptor(self.annotation, self.parameter_info)
                self.typer_param.append(original(descriptor))
            return self.typer_param[0]._coerce_value(value, param=param, ctx=ctx)

    def build(descriptor: Any) -> RuntimeParam:
        if descriptor.file_annotation is not None or descriptor.parameter_info.parser:
            return original(descriptor)
        return DirectParam(descriptor.parameter_info, descriptor.annotation)

    typer.core.build_runtime_param = build  # type: ignore[attr-defined]
    return True


def convert(value: Any, annotation: Any, info: Any, param: Any = None, ctx: Any = None) -> Any:
    """`value` as typer converts it for `annotation`, or `_NO` when typer must decide."""
    if get_origin(annotation) is list:
        (item_type,) = get_args(annotation) or (Any,)
        if not isinstance(value, list | tuple):
            return _NO
        items = [convert(item, item_type, info, param, ctx) for item in value]
        return _NO if any(item is _NO for item in items) else items
    return _leaf(value, annotation, info, param, ctx)


def _leaf(value: Any, annotation: Any, info: Any, param: Any, ctx: Any) -> Any:
    if annotation is str:
        return value if type(value) is str else _NO
    if annotation is bool:
        return value if type(value) is bool else _NO
    if annotation is int:
        number = _number(value, int, _INTEGER)
        return number if number is _NO else _in_range(number, info)
    if annotation is float:
        number = _number(value, float, _DECIMAL)
        return number if number is _NO else _in_range(number, info)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(value, annotation, info, param, ctx)
    if annotation is Path and info.path_type is None:
        return _path(value, info, param, ctx)
    return _NO


def _number(value: Any, kind: type[Any], form: re.Pattern[str]) -> Any:
    if type(value) is kind:
        return value
    if type(value) is str and form.fullmatch(value):
        return kind(value)
    return _NO


def _in_range(number: Any, info: Any) -> Any:
    """A number out of range goes to typer, whose message names the bound."""
    if getattr(info, "clamp", False):
        return _NO
    if info.min is not None and number < info.min:
        return _NO
    if info.max is not None and number > info.max:
        return _NO
    return number


def _choice(value: Any, choices: type[Enum], info: Any, param: Any, ctx: Any) -> Any:
    from typer._param_types import coerce_cli_choice

    try:
        return coerce_cli_choice(
            value, choices=list(choices), case_sensitive=info.case_sensitive, ctx=ctx
        )
    except ValueError as exc:  # not one of them: typer words it, and osai names the nearest
        return _NO if type(value) is not str else _misspelt_choice(value, choices, exc, param, ctx)


def _misspelt_choice(value: str, choices: type[Enum], exc: ValueError, param: Any, ctx: Any) -> Any:
    """typer's message with the nearest choice (`--format jsno`: did you mean 'json'?), as a
    misspelt `-o FORMAT=PATH` or mode is answered; `_NO` (typer's message alone) when no choice
    is near: a guess far off would mislead."""
    from typer._click.exceptions import BadParameter

    from osai.suggest import did_you_mean

    hint = did_you_mean(value.strip(), [str(choice.value) for choice in choices])
    if not hint:
        return _NO
    raise BadParameter(f"{str(exc).removesuffix('.')}{hint}", ctx=ctx, param=param)


def _path(value: Any, info: Any, param: Any, ctx: Any) -> Any:
    """A path from text, then typer's own checks (exists, file or directory...)."""
    from typer._param_types import coerce_cli_path

    if isinstance(value, str):
        if not value:
            _no_path(param)
        if "\x00" in value:
            return _NO
        value = Path(value)
    if not isinstance(value, Path):
        return _NO
    return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)


def _no_path(param: Any) -> None:
    """An empty path is none: as a Path it read as `.`, the working directory (`--db ''` was
    refused as a directory, `init --blank -o ''` as a file that already exists)."""
    from osai.errors import BadInput

    names = [name for name in getattr(param, "opts", ()) if name.startswith("--")]
    metavar = getattr(param, "metavar", None) or "PATH"
    if not names:  # an argument
        raise BadInput(f"'': no path; give {metavar}")
    name = max(names, key=len)
    raise BadInput(f"{name} '': no path; give {name} {metavar}")
