"""Command-line values converted without building a pydantic model per option, and refused in
osai's words.

typer converts every option's value with a pydantic TypeAdapter, built on first use: a run of
`osai check` built some twenty of them, and imported pydantic to do it, before reading a single
file (about a fifth of a second, more than judging a hundred manifests takes).  osai's options
are text, paths, choices, numbers and flags; here each well-formed value is converted directly,
as typer would convert it, and anything else goes to typer's own converter, which decides what
it accepts (`--deadline 1e3`, `--limit 1_000`) exactly as before.

What is refused is worded as osai words every other refusal, the option and the value first,
then what is expected, on one line: `--limit 0: expected a whole number of at least 1`,
`--jobs x: expected a whole number between 1 and 64`, `--format jsno: expected one of text,
json, ... (did you mean 'json'?)`, where typer said "Invalid value for '--limit': Input should be
greater than or equal to 1".  A choice of lowercase keywords is matched in any case (`--sort
Downloads`, `--format JSON`), as `-f OSI` is.  An empty path is refused as none (typer read it as
`.`, the working directory).

`install()` replaces typer's converter factory (`typer.core.build_runtime_param`, a private
hook).  If a typer release moves it, `install()` does nothing and typer converts as it always
did: slower, worded as typer words it, never wrong.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn, get_args, get_origin

_NO = object()  # the direct conversion does not apply: typer's converter decides
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_NUMBERS = {int: (_INTEGER, "a whole number"), float: (_DECIMAL, "a number")}


def install() -> bool:
    """Route typer's conversion of osai's options through `convert`; False if typer's internals
    are not where this module expects them (typer then converts as it always did)."""
    try:
        import typer.core
        from typer._click.exceptions import BadParameter
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
            try:
                converted = self.typer_param[0]._coerce_value(value, param=param, ctx=ctx)
            except BadParameter:  # typer's words ("Input should be a valid integer"), or osai's
                refuse_number(value, self.annotation, self.parameter_info, param)
                raise
            if isinstance(converted, float) and not math.isfinite(converted):
                # typer takes `inf` as at least any bound: a socket timeout of inf overflowed
                refuse_number(value, self.annotation, self.parameter_info, param, finite=True)
            return converted

    def build(descriptor: Any) -> RuntimeParam:
        if descriptor.file_annotation is not None or descriptor.parameter_info.parser:
            return original(descriptor)
        return DirectParam(descriptor.parameter_info, descriptor.annotation)

    typer.core.build_runtime_param = build  # type: ignore[attr-defined]
    return True


def convert(value: Any, annotation: Any, info: Any, param: Any = None, ctx: Any = None) -> Any:
    """`value` as typer converts it for `annotation`, or `_NO` when typer must decide."""
    if isinstance(value, str):
        _refuse_option_as_output(value, param)
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
    if annotation in _NUMBERS:
        return _number(value, annotation, info, param)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(value, annotation, info, param, ctx)
    if annotation is Path and info.path_type is None:
        return _path(value, info, param, ctx)
    return _NO


def _number(value: Any, kind: type[Any], info: Any, param: Any) -> Any:
    """A well-formed number in range; one out of range refused; `_NO` for any other form (typer
    reads `1e3` and `1_000`, and refuses `x`: refuse_number words it)."""
    if type(value) is kind:
        number = value
    elif type(value) is str and _NUMBERS[kind][0].fullmatch(value):
        number = kind(value)
    else:
        return _NO
    if getattr(info, "clamp", False):  # typer brings it into range
        return _NO
    if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
        refuse_number(value, kind, info, param)
    return number


def refuse_number(
    value: Any, annotation: Any, info: Any, param: Any, *, finite: bool = False
) -> None:
    """BadInput for a value a number option refuses, in osai's words (`--jobs 0: expected a
    whole number between 1 and 64`, `--timeout inf: expected a finite number of at least
    0.1`); nothing for an option that is no number (typer's words)."""
    if annotation not in _NUMBERS:
        return
    from osai.errors import BadInput

    expected = f"{'a finite number' if finite else _NUMBERS[annotation][1]}{_bounds(info)}"
    raise BadInput(f"{_given(value, param)}: expected {expected}")


def _bounds(info: Any) -> str:
    """What range a number must be in, as a refusal says it (none when typer clamps to it)."""
    least, most = (None, None) if getattr(info, "clamp", False) else (info.min, info.max)
    if least is not None and most is not None:
        return f" between {_bound(least)} and {_bound(most)}"
    if least is not None:
        return f" of at least {_bound(least)}"
    return f" of at most {_bound(most)}" if most is not None else ""


def _bound(number: float) -> str:
    """`1` for 1.0 (--deadline's least): the bound as a person writes it."""
    return str(int(number)) if number == int(number) else str(number)


def _choice(value: Any, choices: type[Enum], info: Any, param: Any, ctx: Any) -> Any:
    from typer._param_types import coerce_cli_choice

    offered = [str(choice.value) for choice in choices]
    try:
        return coerce_cli_choice(
            value, choices=list(choices), case_sensitive=_case_sensitive(offered, info), ctx=ctx
        )
    except ValueError:  # not one of them
        if type(value) is not str:
            return _NO
        _refuse_choice(value, offered, param)


def _case_sensitive(offered: list[str], info: Any) -> bool:
    """Keywords written in lowercase are matched in any case (`--sort Downloads`, `--format
    JSON`), as framework ids are (`-f OSI`), whatever each option declares: a choice that
    differs from another only in case would need its case."""
    return bool(info.case_sensitive) and any(choice != choice.lower() for choice in offered)


def _refuse_choice(value: str, offered: list[str], param: Any) -> NoReturn:
    """`--format jsno: expected one of text, json, ... (did you mean 'json'?)`: the nearest
    choice, as a misspelt `-o FORMAT=PATH` or mode is answered; none when no choice is near (a
    guess far off would mislead)."""
    from osai.errors import BadInput
    from osai.suggest import did_you_mean

    hint = did_you_mean(value.strip(), offered)
    raise BadInput(f"{_given(value, param)}: expected one of {', '.join(offered)}{hint}")


def _path(value: Any, info: Any, param: Any, ctx: Any) -> Any:
    """A path from text, then typer's own checks (exists, file or directory...)."""
    from typer._param_types import coerce_cli_path

    if isinstance(value, str):
        if not value:
            _no_path(param)
        if "\x00" in value:
            return _NO
        if not info.dir_okay:
            _refuse_directory(value, param)
        value = Path(value)
    if not isinstance(value, Path):
        return _NO
    return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)


# The options that name a file osai writes (a report, a draft, the census database).
_WRITTEN = frozenset({"--output", "--html", "--markdown", "--db"})


def _refuse_option_as_output(value: str, param: Any) -> None:
    """A path to write that starts with '-' is an option a user meant, which the option before
    it took for its value: `osai init DIR -o --follow` wrote a file named `--follow`.  Refused,
    as other tools refuse it; `-` (standard output) is no option, and `./-x` names a file so
    named."""
    name = _option_name(param)
    if value == "-" or not value.startswith("-") or name not in _WRITTEN:
        return
    from osai.errors import BadInput

    raise BadInput(
        f"{_given(value, param)}: starts with '-' as an option does ({name} took it for its "
        f"path): give {name} a path, ./{value} for a file so named"
    )


def _refuse_directory(value: str, param: Any) -> None:
    """A file option (dir_okay=False) given a directory: `-o drafts/` wrote a file named
    `drafts` (Path() drops the slash); one that exists is said in osai's words, not click's."""
    from osai.errors import BadInput

    try:
        directory = value.endswith(("/", os.sep)) or Path(value).is_dir()
    except OSError:  # cannot be looked up: writing says why
        return
    if directory:
        raise BadInput(f"{_given(value, param)}: names a directory; give a file name")


def _no_path(param: Any) -> None:
    """An empty path is none: as a Path it read as `.`, the working directory (`--db ''` was
    refused as a directory, `init --blank -o ''` as a file that already exists)."""
    from osai.errors import BadInput

    name = _option_name(param)
    metavar = getattr(param, "metavar", None) or "PATH"
    if name is None:  # an argument
        raise BadInput(f"'': no path; give {metavar}")
    raise BadInput(f"{name} '': no path; give {name} {metavar}")


def _given(value: Any, param: Any) -> str:
    """A refused value as osai's errors begin with it: `--limit 0`, the value alone for an
    argument; on one line, and `''` for none."""
    from osai.textsafe import escaped_name

    shown = escaped_name(str(value)) or "''"
    name = _option_name(param)
    return shown if name is None else f"{name} {shown}"


def _option_name(param: Any) -> str | None:
    """An option's long name (`--jobs` for `--jobs/-j`); None for an argument."""
    names = [name for name in getattr(param, "opts", ()) if name.startswith("--")]
    return max(names, key=len) if names else None
