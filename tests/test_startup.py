"""Start-up must not depend on what else is installed.

jsonschema's optional format packages (rfc3987-syntax, with its lark grammar, which
cyclonedx-python-lib[json-validation] pulls in) make `import jsonschema` alone cost over a second.
osai validates users' files with schemas compiled ahead (osai/schemas_compiled), so no check, of
any kind of target and in any format, may import them: this environment has them installed, and
the test proves a run never loads them.
"""

from __future__ import annotations

import importlib.util

import pytest
from clirunner import modules_loaded_by

OPTIONAL = ("jsonschema", "rfc3987_syntax", "lark", "jsonschema_specifications", "referencing")
RUNS = [
    ["check", "examples/pythia-70m.yml"],
    ["check", "examples/llama-2-7b.yml", "--format", "json"],
    ["check", "examples/tiny-model", "--format", "sarif", "--require", "osaid"],
    ["check", "examples/tiny-model/README.md", "--format", "markdown"],
    ["check", "examples/bloom.yml", "--format", "github", "-f", "eu-ai-act", "-f", "eosai"],
    ["check", "examples/olmo-7b.yml", "--format", "junit", "-v"],
    ["licenses", "show", "Apache-2.0 OR llama2", "--format", "json"],
    ["rules", "show", "mof"],
]


def test_the_slow_optional_packages_are_installed_here() -> None:
    """Else the test below proves nothing: rfc3987-syntax is what makes jsonschema slow."""
    assert importlib.util.find_spec("rfc3987_syntax") is not None
    assert importlib.util.find_spec("jsonschema") is not None


@pytest.mark.parametrize("args", RUNS, ids=[" ".join(run[:2]) for run in RUNS])
def test_a_run_never_imports_jsonschema_or_its_format_packages(args: list[str]) -> None:
    packages = {name.split(".")[0] for name in modules_loaded_by(args)}
    loaded = sorted(packages & set(OPTIONAL))
    assert loaded == [], f"osai {' '.join(args)} imported {loaded}"
