"""Command-line values: osai's direct conversion accepts what typer's own converter accepts.

osai.cli.coercion converts well-formed values without typer's pydantic models and hands anything
else to typer.  For every option of every command, and values on each edge (signs, leading
zeros, exponents, blanks, case, out of range, unknown choices, empty paths), the value must be
typer's own, and so must a refusal, worded as osai words it where it is a number's or a
choice's; a choice of lowercase keywords is matched in any case, as typer's `case_sensitive=False`
matches it (tests/test_lean_imports.py checks that pydantic is not imported).
"""

from __future__ import annotations

import copy
import math
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import typer.core
import typer.main
from clirunner import ROOT, run_osai
from typer import _coercion
from typer._click import Context
from typer._click.exceptions import BadParameter

import osai.cli
from osai.errors import BadInput

SAMPLES: dict[str, tuple[Any, ...]] = {
    "str": ("x", "", "  a ", "ü", "--x", "a=b"),
    "bool": (True, False),
    "int": ("1", "0", "-1", "+5", "007", "64", "65", "1_000", " 5", "5.0", "x", "", "٣", 3, 0),
    "float": (
        *("0.1", "1", "1.", "0.05", ".5", "1e3", "nan", "inf", "-0", "x", " 2", "", "0.09"),
        *("+3.5", "1_0.5", 10.0, 10, 0.5),
    ),
    "enum": ("json", "JSON", "text", "xx", "", "failures", "all", "declared", "mot"),
    # "" aside: an empty path is refused as none, where typer read it as `.`
    "path": ("a.yml", "/tmp", ".", "dir/", Path("x"), "a\x00b"),
}


def _kind(annotation: Any) -> str:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "enum"
    if annotation is Path:
        return "path"
    return {str: "str", bool: "bool", int: "int", float: "float"}[annotation]


def _parameters() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []

    def walk(command: Any, name: str) -> None:
        for parameter in getattr(command, "params", []):
            if hasattr(parameter, "type_descriptor"):
                found.append((f"{name} {parameter.name}".strip(), parameter))
        for sub, child in getattr(command, "commands", {}).items():
            walk(child, f"{name} {sub}")

    walk(typer.main.get_command(osai.cli.app), "")
    return found


PARAMETERS = _parameters()


OSAI_WORDED = ("int", "float", "enum")  # refused in osai's words: `--jobs 0: expected ...`


def _outcome(runtime: Any, value: Any, parameter: Any, ctx: Context) -> tuple[str, Any]:
    try:
        converted = runtime.coerce(value, param=parameter, ctx=ctx)
    except BadParameter as exc:
        return ("typer's refusal", exc.format_message())
    except BadInput as exc:
        return ("osai's refusal", str(exc))
    return (type(converted).__name__, converted)


def _as_typer_gives(theirs: tuple[str, Any], annotation: Any, parameter: Any) -> tuple[str, Any]:
    """typer's outcome, a refusal as osai words it where osai words it: the value and what
    was expected, after the option's long name."""
    item = get_args(annotation)[0] if get_origin(annotation) is list else annotation
    if theirs[0] == "float" and not math.isfinite(theirs[1]):  # typer takes inf; osai refuses it
        theirs = ("typer's refusal", "")
    if theirs[0] != "typer's refusal" or _kind(item) not in OSAI_WORDED:
        return theirs
    name = max((o for o in parameter.opts if o.startswith("--")), key=len)
    return ("osai's refusal", f"{name} ")


def _typers_converter(descriptor: Any) -> Any:
    """typer's own converter for an option; for a choice of lowercase keywords, the one typer
    builds for it with `case_sensitive=False`."""
    annotation, info = descriptor.annotation, descriptor.parameter_info
    item = get_args(annotation)[0] if get_origin(annotation) is list else annotation
    if _kind(item) == "enum" and all(c.value == c.value.lower() for c in item):
        info = copy.copy(info)
        info.case_sensitive = False
        descriptor = _coercion.resolve_type_descriptor(annotation, info)
    return _coercion.build_runtime_param(descriptor)


def _a_directory_for_a_file(value: Any, descriptor: Any) -> bool:
    """A directory (`dir/`, one that exists) for a file option (dir_okay=False): osai refuses it
    in its words, where typer dropped the slash and named a file."""
    if isinstance(value, (list, tuple)):  # `census merge a.duckdb /tmp`: a list's item
        return any(_a_directory_for_a_file(item, descriptor) for item in value)
    if descriptor.parameter_info.dir_okay or not isinstance(value, str) or "\x00" in value:
        return False
    return value.endswith("/") or Path(value).is_dir()


def _refusal_opening(value: Any, descriptor: Any, parameter: Any) -> str:
    """How osai's refusal opens: with the option's name, or, of an argument (no option names
    it), with the directory it refuses."""
    if parameter.param_type_name != "argument":
        return f"{max(parameter.opts, key=len)} "
    items = value if isinstance(value, (list, tuple)) else [value]
    return f"{next(i for i in items if _a_directory_for_a_file(i, descriptor))}: "


def _values(annotation: Any) -> list[Any]:
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        singles = SAMPLES[_kind(item)]
        return [(), tuple(singles[:3]), (singles[0], singles[-1]), list(singles[:2])]
    return list(SAMPLES[_kind(annotation)])


def _an_option_for_a_path_to_write(value: Any, parameter: Any) -> bool:
    """`-o --follow`: an option the user meant, which click gave -o as its value; osai refuses
    it, where typer wrote a file named `--follow` (`-` is standard output, no option)."""
    written = {"--output", "--html", "--markdown", "--db"}
    long_name = max(parameter.opts, key=len)
    return (
        isinstance(value, str) and value.startswith("-") and value != "-" and long_name in written
    )


@pytest.mark.parametrize("name,parameter", PARAMETERS, ids=[name for name, _ in PARAMETERS])
def test_every_option_converts_as_typer_does(name: str, parameter: Any) -> None:
    descriptor = parameter.type_descriptor
    ours = typer.core.build_runtime_param(descriptor)  # type: ignore[attr-defined]
    theirs = _typers_converter(descriptor)
    assert type(ours) is not type(theirs), "osai.cli.coercion is not installed"
    ctx = Context(typer.main.get_command(osai.cli.app), info_name="osai")
    for value in _values(descriptor.annotation):
        outcome = _outcome(ours, value, parameter, ctx)
        expected = _as_typer_gives(
            _outcome(theirs, value, parameter, ctx), descriptor.annotation, parameter
        )
        if _a_directory_for_a_file(value, descriptor) or _an_option_for_a_path_to_write(
            value, parameter
        ):  # typer took `dir/` as a file `dir`, `--follow` as a file so named
            expected = ("osai's refusal", _refusal_opening(value, descriptor, parameter))
        if expected[0] == "osai's refusal":  # the message is checked below: its start here
            outcome = (outcome[0], str(outcome[1])[: len(expected[1])])
        assert outcome == expected, (name, value)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("check", "x", "--config", ""), "--config '': no path; give --config FILE"),
        (("init", "--blank", "-o", ""), "--output '': no path; give --output PATH"),
        (("census", "--db", ""), "--db '': no path; give --db FILE"),
        (("census", "report", "--db", ""), "--db '': no path; give --db FILE"),
        (("rules", "validate", ""), "'': no path; give FILE"),
    ],
)
def test_an_empty_path_is_none(args: tuple[str, ...], said: str) -> None:
    """typer read '' as `.`: `--config ''` was ".: is a directory, not a file", and `init
    --blank -o '' ` ".: already exists"."""
    result = run_osai(*args, cwd=ROOT)
    assert (result.code, result.stderr) == (2, f"osai: error: {said}\n")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("census", "--limit", "0"), "--limit 0: expected a whole number of at least 1"),
        (("check", "x", "--jobs", "0"), "--jobs 0: expected a whole number between 1 and 64"),
        (("check", "x", "-j", "x"), "--jobs x: expected a whole number between 1 and 64"),
        (("check", "x", "--jobs", "2.5"), "--jobs 2.5: expected a whole number between 1 and 64"),
        (
            ("check", "x", "--max-links", "-1"),
            "--max-links -1: expected a whole number of at least 0",
        ),
        (("check", "x", "--deadline", "-1"), "--deadline -1: expected a number of at least 1"),
        (("check", "x", "--deadline", "nan"), "--deadline nan: expected a number of at least 1"),
        (("census", "--deadline", "0.1"), "--deadline 0.1: expected a number of at least 0.5"),
        (("init", "--timeout", "x"), "--timeout x: expected a number of at least 0.1"),
        # typer took inf as at least 0.1: a Hub read then died ("timestamp out of range")
        (
            ("check", "x", "--timeout", "inf"),
            "--timeout inf: expected a finite number of at least 0.1",
        ),
        (
            ("check", "x", "--deadline", "1e999"),
            "--deadline 1e999: expected a finite number of at least 1",
        ),
        (("census", "--retries", "11"), "--retries 11: expected a whole number between 0 and 10"),
        (("audit", "mot", "--limit", ""), "--limit '': expected a whole number of at least 1"),
        (
            ("check", "x", "--jobs", "a\nb"),
            '--jobs "a\\nb": expected a whole number between 1 and 64',
        ),
    ],
)
def test_a_number_refused_is_said_in_osais_words(args: tuple[str, ...], said: str) -> None:
    """`--limit 0` was "Invalid value for '--limit': Input should be greater than or equal to
    1" (pydantic's words), where every other refusal names the option, the value and what is
    expected: `--sort bogus: expected one of downloads, likes, created, modified`."""
    result = run_osai(*args, cwd=ROOT)
    assert (result.code, result.stdout, result.stderr) == (2, "", f"osai: error: {said}\n")


def test_a_number_typer_reads_is_still_read() -> None:
    """typer's converter still decides the forms osai does not read itself."""
    result = run_osai("check", "examples/pythia-70m.yml", "-q", "--deadline", "1e3", "-j", "1_0")
    assert result.code == 0, result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("check", "x", "--format", "nope"),
            "--format nope: expected one of text, json, markdown, sarif, github, junit, "
            "cyclonedx, spdx",
        ),
        (("compare", "--format", "sarif"), "--format sarif: expected one of text, json, markdown"),
        (("check", "x", "--annotate", "some"), "--annotate some: expected one of failures, all"),
        (
            ("census", "--sort", "size"),
            "--sort size: expected one of downloads, likes, created, modified",
        ),
        (("rules", "list", "--format", ""), "--format '': expected one of text, json"),
    ],
)
def test_a_choice_not_offered_is_said_in_osais_words(args: tuple[str, ...], said: str) -> None:
    """`--format nope` was "Invalid value for '--format': 'nope' is not one of 'text', ...",
    where `--sort size` was "--sort size: expected one of ...": one wording for both."""
    result = run_osai(*args, cwd=ROOT)
    assert (result.code, result.stdout, result.stderr) == (2, "", f"osai: error: {said}\n")


@pytest.mark.parametrize(
    "args",
    [
        ("--annotate", "ALL", "--format", "github"),  # without a github report: ignored
        ("--require", "osaid", "--min-certainty", "Declared"),
        ("--format", "JSON"),
    ],
)
def test_a_keyword_choice_is_matched_in_any_case(args: tuple[str, ...]) -> None:
    """`--annotate ALL` and `--min-certainty Declared` were refused, where `--format JSON` and
    `-f OSI` were not: lowercase keywords are matched in any case, everywhere (`census --sort
    Created`: tests/test_census_edges.py)."""
    result = run_osai("check", "examples/pythia-70m.yml", "-q", *args, cwd=ROOT)
    assert (result.code, result.stderr) == (0, ""), result.stderr


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (("check", "examples/pythia-70m.yml", "--format", "jsno"), "json"),
        (("check", "examples/pythia-70m.yml", "--format", "SARFI"), "sarif"),
        (("compare", "--format", "markdwon"), "markdown"),
        (("rules", "list", "--format", "jsn"), "json"),
        (("check", "examples/pythia-70m.yml", "--min-certainty", "declard"), "declared"),
    ],
)
def test_a_misspelt_choice_names_the_nearest(args: tuple[str, ...], meant: str) -> None:
    """`--format jsno` got typer's list and no did-you-mean, where a misspelt `-o sarfi=...`,
    mode or framework gets one: the same one line, exit 2, with the nearest choice."""
    result = run_osai(*args, cwd=ROOT)
    assert (result.code, result.stdout) == (2, "")
    option, typed = args[-2:]
    assert result.stderr.startswith(f"osai: error: {option} {typed}: expected one of ")
    assert result.stderr.endswith(f" (did you mean '{meant}'?)\n"), result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_choice_far_from_every_one_gets_no_guess() -> None:
    result = run_osai("check", "examples/pythia-70m.yml", "--format", "xlsx", cwd=ROOT)
    assert result.code == 2 and "did you mean" not in result.stderr
