"""The README's sample outputs are osai's own, as it prints them today (as examples/ci/sample.sarif
is for SARIF).  When this fails, regenerate them: python scripts/readme_samples.py"""

from __future__ import annotations

import importlib.util
import json
import sys
from types import ModuleType

from clirunner import ROOT


def _samples_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "readme_samples", ROOT / "scripts" / "readme_samples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["readme_samples"] = module
    spec.loader.exec_module(module)
    return module


def test_the_readme_samples_are_what_osai_prints_today() -> None:
    script = _samples_script()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    committed = script.samples(readme)
    assert [s.args for s in committed] == [
        "check examples/gpt-neox-20b.yml",
        "check examples/*.yml --require osaid",
        "init EleutherAI/pythia-70m -o pythia.yml",  # against the loopback Hub
    ]
    fresh = script.samples(script.regenerated(readme))
    for old, new in zip(committed, fresh, strict=True):
        assert old.text == new.text, f"README sample `osai {old.args}` is stale: run {__doc__}"


def test_a_sample_shows_the_verdict_first() -> None:
    script = _samples_script()
    (sample, *_) = script.samples((ROOT / "README.md").read_text(encoding="utf-8"))
    lines = sample.text.splitlines()
    assert lines[1] == "$ osai check examples/gpt-neox-20b.yml"
    assert lines[3].startswith("  OSAID 1.0  ✔ conformant")
    assert max(len(line) for line in lines) <= 100


def test_the_readme_states_the_read_limits_osai_applies() -> None:
    """The README said a named file over 1 MiB is refused; a manifest is read up to 2 MiB
    (yamlsafe.MAX_FILE_BYTES), an AI BOM up to 8 MiB, a card or a directory's file up to 1 MiB."""
    from osai.jsonsafe import MAX_JSON_BYTES
    from osai.rules import load_ruleset
    from osai.yamlsafe import MAX_FILE_BYTES

    def mib(limit: int) -> str:
        return f"{limit / 2**20:g} MiB"

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    card = mib(load_ruleset().detection.limits.max_read_bytes)
    assert f"a model card or a file inside a directory of more than {card} is not read" in readme
    assert f"nor a manifest or configuration of more than {mib(MAX_FILE_BYTES)}" in readme
    assert f"nor an AI BOM of more than {mib(MAX_JSON_BYTES)} (refused)" in readme


def test_the_readme_names_every_verdict_a_licence_policy_may_give_otherwise() -> None:
    """`otherwise: met` (a policy of `reject` alone: any licence without a rejected term passes)
    was nowhere in the README: an author learnt it only from fmti-shaped.yaml.  Each value the
    framework schema takes is named where the README explains policies."""
    schema = json.loads((ROOT / "rules" / "schema" / "framework.schema.json").read_text())
    values = schema["$defs"]["policy"]["properties"]["otherwise"]["enum"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    adding = readme.split("## How to add a framework", 1)[1].split("\n## ", 1)[0]
    assert values and all(f"`otherwise: {value}`" in adding for value in values)


def test_the_readme_names_every_licence_set_a_policy_may_accept() -> None:
    """The README said a policy takes "named sets of licence categories from
    rules/licenses.yaml", naming none: `osi-approved` and `fsf-libre` (SPDX's flags) are in no
    file an author reads, and the others only inside the package's rules."""
    import yaml

    from osai.licenses import BUILTIN_SETS

    files = ("licenses.yaml", "licenses-mot.yaml")
    sets = [*BUILTIN_SETS] + [
        name
        for file in files
        for name in yaml.safe_load((ROOT / "rules" / file).read_text(encoding="utf-8"))["sets"]
    ]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    adding = readme.split("## How to add a framework", 1)[1].split("\n## ", 1)[0]
    assert len(sets) > 2 and [name for name in sets if f"`{name}`" not in adding] == []
    assert "`osai licenses list`" in adding


def test_the_readme_names_every_exit_code_osai_exits_with() -> None:
    """The README's exit codes stopped at 3: a CI maintainer keying a step on the action's
    `exit-code` output (1: the gate failed) never learnt that a bug in osai exits 70 and an
    interrupted run 130, neither of them a verdict."""
    from osai.errors import ExitCode

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme.split("\nExit codes: ", 1)[1].split("\n\n", 1)[0]
    assert [code for code in ExitCode if f"**{code.value}**" not in paragraph] == []
