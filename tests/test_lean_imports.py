"""A check of manifests loads only what it uses: its start-up is paid by every run.

`osai check MANIFEST... --format json` (and the text summary) must not import the Hub client,
the census database, the terminal renderer, typer's pydantic converters (osai.cli.coercion), the
JSON Schema validator, or osai's own readers of repositories and model cards.  Each of these
costs tens of milliseconds at start; a test names them so that an import added at the top of a
module, instead of where it is needed, is noticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from clirunner import EXAMPLES, ROOT, modules_loaded_by

NEVER = (
    "pydantic",
    "rich",
    "huggingface_hub",
    "duckdb",
    "jsonschema",
    "httpx",
    "requests",
    "osai.card",
    "osai.links",  # following links: a check of manifests follows none without --follow
    "osai.detection",
    "osai.backends",
    "osai.pipeline",
    "osai.net",
    "osai.census",
    "osai.sources.bom",
    "osai.bommap",  # the AI BOM mapping: only a BOM read or written needs it
    "osai.formatters.sarif",
    "concurrent.futures",
    "importlib.metadata",
    "tomllib",
    # the other commands' modules (osai.cli._COMMANDS): a run imports its own command's only
    "osai.cli.init_command",
    "osai.cli.census_command",
    "osai.cli.db_command",
    "osai.cli.audit_command",
)


def _loaded(args: list[str], cwd: Path) -> list[str]:
    loaded = modules_loaded_by(args, cwd)
    return [name for name in NEVER if name in loaded]


MANIFESTS = sorted(str(path) for path in EXAMPLES.glob("*.yml"))


@pytest.mark.parametrize("output", [["--format", "json"], []], ids=["json", "text"])
def test_a_check_of_manifests_imports_nothing_it_does_not_use(
    output: list[str], tmp_path: Path
) -> None:
    """Run from a directory without settings files, as CI checks a manifest."""
    args = ["check", *MANIFESTS, *output, "--jobs", "2", "--timeout", "5"]
    assert _loaded(args, tmp_path) == []


def test_the_list_is_not_vacuous(tmp_path: Path) -> None:
    """A Hub check does load the Hub client: the names above are the real module names."""
    args = ["check", "--offline", "no-such-org/no-such-model", "--format", "json"]
    assert {"osai.backends", "osai.pipeline"} <= set(_loaded(args, tmp_path))


def test_manifests_are_judged_from_the_repository_root_too() -> None:
    """From the repository, pyproject.toml is read for [tool.osai] (so tomllib is imported);
    nothing else changes."""
    args = ["check", *MANIFESTS, "--format", "json"]
    assert set(_loaded(args, ROOT)) <= {"tomllib"}


# What a run that judges nothing must not import: the check command's module and what it stands
# on (the report model, the engine), some 0.05 s of every `osai licenses show` or `osai rules`.
NOT_FOR_RULES_OR_LICENCES = (
    "osai.cli.check_command",
    "osai.cli.init_command",
    "osai.cli.census_command",
    "osai.cli.db_command",
    "osai.cli.audit_command",
    "osai.report",
    "osai.run",
    "osai.engine",
    "osai.jsonsafe",
)


@pytest.mark.parametrize(
    "args",
    [["licenses", "show", "MIT"], ["rules", "list"], ["rules", "show", "mof"]],
    ids=["licenses-show", "rules-list", "rules-show"],
)
def test_a_command_that_judges_nothing_imports_no_check(args: list[str], tmp_path: Path) -> None:
    loaded = modules_loaded_by(args, tmp_path)
    assert [name for name in NOT_FOR_RULES_OR_LICENCES if name in loaded] == []
    assert "osai.rules" in loaded  # the names are real: what it does need is there


def test_the_version_imports_no_command(tmp_path: Path) -> None:
    """`osai --version` (a CI log's first line) runs the root's option alone: no command's
    module, no report model, no YAML reader, no rules."""
    loaded = modules_loaded_by(["--version"], tmp_path)
    never = (*NOT_FOR_RULES_OR_LICENCES, "osai.rules", "yaml", "osai.evidence")
    assert [name for name in never if name in loaded] == []
    assert "osai.cli" in loaded
