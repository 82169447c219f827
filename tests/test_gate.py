"""The pre-release gate, run as a user runs it: exit codes, configuration, waivers, outputs."""

from __future__ import annotations

import datetime
import itertools
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from clirunner import EXAMPLES, ROOT, run_osai
from gate_manifests import open_release, write_manifest

from osai.config import load_config
from osai.schemas import instance_errors


@pytest.fixture
def manifests(tmp_path: Path) -> dict[str, Path]:
    """Four releases: fully open; no training code; Llama-licensed weights; no data information."""
    return {
        "open": write_manifest(tmp_path / "open.yml", open_release()),
        "no-training-code": write_manifest(
            tmp_path / "no-training-code.yml", open_release(drop=("Training code",))
        ),
        "llama-weights": write_manifest(
            tmp_path / "llama-weights.yml",
            open_release(licences={"Model parameters (Final)": "llama2"}),
        ),
        "no-data-information": write_manifest(
            tmp_path / "no-data-information.yml", open_release(data_information=False)
        ),
    }


GATE_CASES = [
    ("open", ["osaid", "mof:class-1"], 0),
    ("open", [], 0),
    ("no-training-code", ["mof:class-3"], 0),
    ("no-training-code", ["mof:class-2"], 1),
    ("no-training-code", ["osaid"], 1),
    ("no-training-code", [], 0),  # no --require: the run worked, whatever the verdicts
    ("llama-weights", ["mof:III"], 1),
    ("llama-weights", ["osaid", "mof:class-3"], 1),
    ("no-data-information", ["mof:1"], 0),  # MOF does not ask for OSAID's data information
    ("no-data-information", ["osaid"], 1),  # not demonstrated is not met
]


@pytest.mark.parametrize(("release", "require", "expected"), GATE_CASES)
def test_require_exit_codes(
    manifests: dict[str, Path], release: str, require: list[str], expected: int
) -> None:
    args = [arg for spec in require for arg in ("--require", spec)]
    result = run_osai("check", str(manifests[release]), *args, cwd=manifests[release].parent)
    assert result.code == expected, result.stderr
    assert "Traceback" not in result.stderr


def test_worst_target_decides(manifests: dict[str, Path]) -> None:
    both = [str(manifests["open"]), str(manifests["llama-weights"])]
    assert run_osai("check", *both, "--require", "osaid").code == 1
    assert run_osai("check", str(manifests["open"]), "--require", "mof:class-1").code == 0


def test_fail_on_unknown(manifests: dict[str, Path], tmp_path: Path) -> None:
    """With policies, only the required frameworks' unknowns count; without, every framework's."""
    target = str(manifests["no-data-information"])
    assert run_osai("check", target, "--require", "mof:class-3").code == 0
    assert run_osai("check", target, "--require", "mof:class-3", "--fail-on-unknown").code == 0
    undisclosed = write_manifest(
        tmp_path / "undisclosed.yml",
        open_release(data_information=False, licences={"Datasets": "Undisclosed"}),
    )
    failed = run_osai("check", str(undisclosed), "--fail-on-unknown")
    assert failed.code == 1
    # the run says why it failed, one line a verdict
    assert f"osai: warning: {undisclosed}: --fail-on-unknown: MOF 1.0 not proven (" in (
        failed.stderr
    )
    assert run_osai("check", str(undisclosed), "--require", "osaid").code == 1


def test_fail_on_unknown_beside_require_says_what_it_leaves_out(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """`--require mof:class-3 --fail-on-unknown` passed with OSAID "? not demonstrated" in the
    report and no word that the flag held only MOF to a definite verdict: read as ignored."""
    unread = {"Evaluation data": "LicenseRef-Unread"}  # MOF's Class II waits; OSAID's does not
    target = str(write_manifest(tmp_path / "unread.yml", open_release(licences=unread)))
    passed = run_osai("check", target, "--require", "osaid", "--fail-on-unknown")
    assert passed.code == 0
    assert passed.stderr == (
        "osai: warning: --fail-on-unknown holds only the required OSAID 1.0 to a definite "
        f"verdict: MOF 1.0, not definite on {target}, does not fail the run\n"
    )
    both = run_osai(
        "check", target, str(manifests["open"]), "--require", "osaid", "--format", "json"
    )
    assert json.loads(both.stdout)["warnings"] == []  # not without the flag
    _config(tmp_path, "fail-on-unknown: true\n")
    again = str(write_manifest(tmp_path / "again.yml", open_release(licences=unread)))
    twice = run_osai("check", target, again, "--require", "osaid", "--format", "json", cwd=tmp_path)
    assert json.loads(twice.stdout)["warnings"] == [
        "fail-on-unknown (.osai.yaml:1) holds only the required OSAID 1.0 to a definite "
        "verdict: MOF 1.0, not definite on 2 targets, does not fail the run"
    ]
    # held to it when required, the framework fails the run as before, and no warning says so
    held = run_osai("check", target, *("--require", "mof:class-3", "--fail-on-unknown"))
    assert held.code == 1
    assert "holds only" not in held.stderr


def test_a_gate_met_only_on_inferred_evidence_is_not_proven(manifests: dict[str, Path]) -> None:
    """The datasets are released under CC-BY-4.0, so the OSI checklist lets osai infer the data
    information (rules/inference.yaml): conformant, inferred; a gate needs more, unless asked."""
    target = str(manifests["no-data-information"])
    strict = run_osai("check", target, "--fail-on-unknown")
    strict_allowed = run_osai("check", target, "--fail-on-unknown", "--min-certainty", "inferred")
    inferred = run_osai("check", target, "--require", "osaid", env={"COLUMNS": "200"})
    allowed = run_osai("check", target, "--require", "osaid", "--min-certainty", "inferred")
    # --fail-on-unknown asks for proof too: the same certainty bar as a required policy.
    assert strict.code == 1 and strict_allowed.code == 0
    assert strict.stderr == (
        f"osai: warning: {target}: --fail-on-unknown: OSAID 1.0 not proven (rests on inferred "
        "evidence, below --min-certainty detected)\n"
    )
    assert inferred.code == 1 and "NOT PROVEN" in inferred.stdout
    assert "reached only on inferred evidence" in inferred.stdout
    # and it says what to declare to prove it: the facts inferred, where a manifest states them
    gate = " ".join(inferred.stdout.split("  gate ", 1)[1].split("\n\n", 1)[0].split())
    # (the description and the listing of public data, met on the declared data card and
    # datasets only by the OSI checklist's reading, are inferred too: the facts they stand in
    # for are what to declare, not the components, declared already)
    assert gate.endswith(
        "declare release.data_information.training_data_description, "
        "release.data_information.public_data_sources, "
        "release.data_information.third_party_data_sources, "
        "release.data_information.unshareable_data_description"
    ), gate
    assert allowed.code == 0 and "PASS" in allowed.stdout


def test_a_policy_not_proven_is_told_apart_from_one_violated(manifests: dict[str, Path]) -> None:
    unknowns = run_osai("check", str(manifests["no-data-information"]), "--require", "osaid")
    assert unknowns.code == 1 and "NOT PROVEN" in unknowns.stdout
    violated = run_osai("check", str(manifests["llama-weights"]), "--require", "osaid")
    assert violated.code == 1 and "FAIL" in violated.stdout


def test_min_certainty_without_a_gate_says_it_is_ignored(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """`--min-certainty declared` with no --require exited 0 in silence: a CI user read it as
    enforced.  It says, on one line, that it changed nothing; a gate from the flags or the
    configuration file (require, fail-on-unknown) is a gate."""
    said = "osai: warning: --min-certainty ignored: no --require or --fail-on-unknown gate\n"
    target = str(manifests["open"])
    alone = run_osai("check", target, "--min-certainty", "declared", "-q", cwd=tmp_path)
    assert (alone.code, alone.stderr) == (0, said)
    assert run_osai("check", target, "-q", cwd=tmp_path).stderr == ""  # not given: nothing said
    gates = (("--require", "mof:class-3"), ("--fail-on-unknown",))
    for gate in gates:
        gated = run_osai("check", target, *gate, "--min-certainty", "inferred", cwd=tmp_path)
        assert "--min-certainty" not in gated.stderr, gated.stderr
    for key in ("require: [mof:class-3]", "fail-on-unknown: true"):
        _config(tmp_path, f"{key}\n")
        from_file = run_osai("check", target, "--min-certainty", "inferred", cwd=tmp_path)
        assert "--min-certainty" not in from_file.stderr, (key, from_file.stderr)


def test_annotate_without_a_github_report_says_it_is_ignored(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """`--annotate all` with no `github` report was dropped in silence (exit 0): the job showed
    no annotation, and no line said why.  One warning says it, as --min-certainty's without a
    gate does; a `github` report, on standard output or in a file, is what it chooses for."""
    said = "osai: warning: --annotate ignored: no --format github or -o github=PATH report\n"
    target = str(manifests["open"])
    alone = run_osai("check", target, "--annotate", "all", "-q", cwd=tmp_path)
    assert (alone.code, alone.stderr) == (0, said)
    as_json = run_osai("check", target, "--annotate", "failures", "--format", "json", cwd=tmp_path)
    assert json.loads(as_json.stdout)["warnings"] == [said.removeprefix("osai: warning: ").strip()]
    for github in (("--format", "github"), ("-o", f"github={tmp_path / 'a.txt'}")):
        annotated = run_osai("check", target, "--annotate", "all", "-q", *github, cwd=tmp_path)
        assert (annotated.code, annotated.stderr) == (0, ""), github


def test_unknown_level_is_bad_input(manifests: dict[str, Path]) -> None:
    result = run_osai("check", str(manifests["open"]), "--require", "mof:class-9")
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("require", "meant"),
    [
        ("osaid=conformant", "osaid:conformant"),
        ("mof=class-2", "mof:class-2"),
        ("eosai=0.75", "eosai:0.75"),
    ],
)
def test_a_policy_written_with_equals_is_told_the_colon(
    manifests: dict[str, Path], require: str, meant: str
) -> None:
    """`--require osaid=conformant` said "unknown framework 'osaid=conformant' (known: …)",
    with no word of the syntax: where the value parses with ':' in place of '=', it is offered."""
    result = run_osai("check", str(manifests["open"]), "--require", require)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: unknown framework '{require}' (did you mean '{meant}'?)\n"
    )
    # a value that would not parse either way keeps the list of frameworks
    other = run_osai("check", str(manifests["open"]), "--require", "mof=class-9")
    assert other.code == 2 and "(known: osaid, mof" in other.stderr


@pytest.mark.parametrize(
    ("require", "said"),
    [
        ("", "--require '': names no policy"),
        (" , ", "--require ' , ': names no policy"),
        (":class-2", "--require ':class-2': names no framework before ':'"),
    ],
)
def test_a_policy_with_no_framework_in_it_is_said_as_such(
    manifests: dict[str, Path], require: str, said: str
) -> None:
    """`--require ''` (a CI variable unset) said "unknown framework ''", as if a framework of
    that name were missing: an empty policy is bad input, and said as such."""
    result = run_osai("check", str(manifests["open"]), "--require", require)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: {said}; give one, e.g. --require osaid or --require mof:class-2\n"
    )


# --- configuration and waivers -------------------------------------------------------------


def _config(directory: Path, text: str) -> Path:
    path = directory / ".osai.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_gate_from_a_settings_file_is_named_where_the_file_writes_it(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """Every report named a policy `.osai.yaml` required as the flag `--require osaid`, which
    no one had typed: its reader looked for it on a command line, not in the file."""
    _config(tmp_path, "targets: [no-training-code.yml]\nrequire:\n  - mof:class-3\n  - osaid\n")

    def report(form: str) -> str:
        result = run_osai("check", "--format", form, cwd=tmp_path)
        assert result.code == 1, result.stderr
        return result.stdout

    text = " ".join(report("text").split())
    assert "FAIL require osaid (.osai.yaml:4): not conformant" in text
    assert "PASS require mof:class-3 (.osai.yaml:3)" in text
    assert "--require" not in text
    assert ": require osaid (.osai.yaml:4) not met (not conformant)" in report("github")
    assert "| `require osaid (.osai.yaml:4)` | ❌ **FAIL** |" in report("markdown")
    junit = ET.fromstring(report("junit"))
    case = next(c for c in junit.iter("testcase") if c.get("name") == "require osaid")
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message", "").startswith("require osaid (.osai.yaml:4): required policy")
    sarif = json.loads(report("sarif"))
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any("require osaid (.osai.yaml:4) not met" in m for m in messages)
    (target,) = json.loads(report("json"))["targets"]
    assert [(p["require"], p["written_at"]) for p in target["policies"]] == [
        ("mof:class-3", ".osai.yaml:3: require[0]"),
        ("osaid", ".osai.yaml:4: require[1]"),
    ]
    flag = run_osai("check", "--require", "osaid", "--format", "json", cwd=tmp_path)
    assert [p["written_at"] for p in json.loads(flag.stdout)["targets"][0]["policies"]] == [""]


def test_fail_on_unknown_from_a_settings_file_is_named_where_the_file_writes_it(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """As a required policy: `fail-on-unknown: true` in .osai.yaml was named as the flag."""
    _config(tmp_path, "targets: [no-data-information.yml]\nfail-on-unknown: true\n")
    named = "fail-on-unknown (.osai.yaml:2)"

    def report(*args: str) -> tuple[str, str]:
        result = run_osai("check", *args, cwd=tmp_path)
        assert result.code == 1, result.stderr
        return result.stdout, result.stderr

    text, stderr = report()
    assert f"NOT PROVEN  {named}: OSAID 1.0 " in text
    assert stderr.startswith(
        f"osai: warning: no-data-information.yml: {named}: OSAID 1.0 not proven"
    )
    assert (
        f"title=policy fail-on-unknown::no-data-information.yml: {named}: "
        in report("--format", "github")[0]
    )
    assert f"| `{named}` | ❔ **NOT PROVEN** |" in report("--format", "markdown")[0]
    junit = ET.fromstring(report("--format", "junit")[0])
    assert {c.get("name") for c in junit.iter("testcase")} >= {"fail-on-unknown"}
    document = json.loads(report("--format", "json")[0])
    assert document["fail_on_unknown_at"] == ".osai.yaml:2: fail-on-unknown"
    (target,) = document["targets"]
    assert {u["written_at"] for u in target["unsettled"]} == {".osai.yaml:2: fail-on-unknown"}
    flag, _ = report("--fail-on-unknown")  # the flag given: named as the flag
    assert "NOT PROVEN  --fail-on-unknown: OSAID 1.0 " in flag


def test_fail_on_unknown_from_a_settings_file_has_one_name_passing_or_failing(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """The JUnit case of a settings file's fail-on-unknown was `--fail-on-unknown` where every
    verdict was definite (its name taken from a verdict it failed), `fail-on-unknown` where one
    was not: a test that starts failing showed as a new test and the passing one as gone.  The
    Markdown report's first line named the flag too."""
    _config(tmp_path, "targets: [open.yml, no-data-information.yml]\nfail-on-unknown: true\n")
    junit = ET.fromstring(run_osai("check", "--format", "junit", cwd=tmp_path).stdout)
    names = {str(case.get("name")) for case in junit.iter("testcase")}
    assert {name for name in names if "fail-on-unknown" in name} == {"fail-on-unknown"}
    markdown = run_osai("check", "--format", "markdown", cwd=tmp_path).stdout
    assert " · fail-on-unknown (.osai.yaml:2): 1 verdict not proven — " in markdown
    flag = run_osai("check", "open.yml", "--fail-on-unknown", "--format", "junit", cwd=tmp_path)
    cases = {c.get("name") for c in ET.fromstring(flag.stdout).iter("testcase")}
    assert "--fail-on-unknown" in cases


def test_config_targets_and_require(manifests: dict[str, Path], tmp_path: Path) -> None:
    _config(tmp_path, "targets: [no-training-code.yml]\nrequire: [osaid]\n")
    assert run_osai("check", cwd=tmp_path).code == 1
    # flags win over the file; targets on the command line replace the file's
    assert run_osai("check", "--require", "mof:class-3", cwd=tmp_path).code == 0
    assert run_osai("check", "open.yml", cwd=tmp_path).code == 0


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".osai.yaml", "targets: [open.yml]\nrequire: osaid, mof:class-2\n"),
        (".osai.yaml", "targets: [open.yml]\nrequire: [osaid, mof:class-2]\n"),
        (".osai.yaml", "targets: [open.yml]\nrequire: ['osaid,mof:class-2']\n"),
        ("pyproject.toml", '[tool.osai]\ntargets = ["open.yml"]\nrequire = "osaid,mof:class-2"\n'),
        # separated by blanks, as the GitHub Action's `require` input takes them (found by the
        # review: "unknown framework 'osaid mof'")
        (".osai.yaml", "targets: [open.yml]\nrequire: osaid mof:class-2\n"),
        (".osai.yaml", "targets: [open.yml]\nrequire: 'osaid  mof:class-2'\n"),
        (".osai.yaml", "targets: [open.yml]\nrequire: ['osaid mof:class-2']\n"),
        ("pyproject.toml", '[tool.osai]\ntargets = ["open.yml"]\nrequire = "osaid mof:class-2"\n'),
    ],
)
def test_require_in_a_file_takes_the_flags_comma_separated_form(
    manifests: dict[str, Path], tmp_path: Path, name: str, text: str
) -> None:
    """`--require osaid,mof:class-2` worked, `require: mof:class-2` in .osai.yaml said "expected
    a list" (found by the code review): the file's value is read as the flag's is, by the one
    reader of such lists (osai.textsafe.comma_separated)."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    from_file = run_osai("check", "-q", cwd=tmp_path)
    from_flag = run_osai("check", "open.yml", "-q", "--require", "osaid,mof:class-2", cwd=tmp_path)
    assert (from_file.code, from_file.stderr) == (0, "")
    # the same gate, each policy named where it was given: the file's line, or the flag
    where = re.compile(r"require (\S+) \(" + re.escape(name) + r"(?::\d+)?\)")
    assert where.sub(r"--require \1", from_file.stdout) == from_flag.stdout
    assert re.search(
        r"require mof:class-2 \(" + re.escape(name) + r"(?::\d+)?\): ", from_file.stdout
    )


def test_require_takes_policies_separated_by_blanks_as_the_action_does(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """The action's `require: osaid mof:class-2` is two policies; so is the flag's value."""
    action = _run_check_step(tmp_path / "action", require="osaid mof:class-2")[1]
    assert action[1:5] == ["--require", "osaid", "--require", "mof:class-2"]
    given = ("osaid mof:class-2", "osaid,mof:class-2", "osaid, mof: class-2")
    reports = [run_osai("check", "open.yml", "--require", g, cwd=tmp_path) for g in given]
    assert [(r.code, r.stderr) for r in reports] == [(0, "")] * 3
    assert "--require mof:class-2: " in reports[0].stdout
    assert reports[0].stdout == reports[1].stdout


def test_a_bad_policy_in_a_comma_separated_require_names_the_file_and_line(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    _config(tmp_path, "targets: [open.yml]\nrequire: osaid,mof:clas-2\n")
    result = run_osai("check", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.startswith("osai: error: .osai.yaml:2: require: 'mof' has no level")


def test_a_bad_required_policy_in_a_file_names_the_file_line_and_item(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """`unknown framework 'osaidd'` alone did not say it came from a file, nor where."""
    _config(tmp_path, "targets: [open.yml]\nrequire:\n  - osaid\n  - osaidd\n")
    result = run_osai("check", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: .osai.yaml:4: require[1]: unknown framework 'osaidd' "
        "(did you mean 'osaid'?)\n"
    )
    # --require replaces the file's list: its bad entry is not the flag's
    flag = run_osai("check", "--require", "mof:clas-2", cwd=tmp_path)
    assert flag.code == 2 and flag.stderr.startswith(
        "osai: error: --require mof:clas-2: 'mof' has no level 'clas-2'"
    )
    assert run_osai("check", "--require", "osaid", cwd=tmp_path).code == 0
    (tmp_path / ".osai.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.osai]\ntargets = ["open.yml"]\nrequire = ["mof:clas-2"]\n', encoding="utf-8"
    )
    toml = run_osai("check", cwd=tmp_path)
    assert toml.code == 2 and toml.stderr.startswith(
        "osai: error: pyproject.toml:3: tool.osai.require[0]: 'mof' has no level 'clas-2'"
    )


@pytest.mark.parametrize(
    ("require", "said"),
    [
        (
            "mof:",
            "'mof:' names no level after ':' (levels: class-3, class-2, class-1); 'mof' alone "
            "asks for class-3",
        ),
        ("eosai:x", "'eosai' is graded: 'x' is not a score (e.g. 'eosai:0.75')"),
    ],
)
def test_a_required_policy_from_a_file_is_not_named_as_a_flag(
    manifests: dict[str, Path], tmp_path: Path, require: str, said: str
) -> None:
    """`require: [mof:]` in .osai.yaml said "--require mof: names no level": a flag no one had
    typed.  From a file (YAML or pyproject), the error names the file, line and key and quotes
    the value; from the flag, it still names the flag."""
    _config(tmp_path, f'targets: [open.yml]\nrequire:\n  - osaid\n  - "{require}"\n')
    result = run_osai("check", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"osai: error: .osai.yaml:4: require[1]: {said}\n"
    (tmp_path / ".osai.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.osai]\ntargets = ["open.yml"]\nrequire = ["{require}"]\n', encoding="utf-8"
    )
    toml = run_osai("check", cwd=tmp_path)
    assert toml.stderr == f"osai: error: pyproject.toml:3: tool.osai.require[0]: {said}\n"
    flag = run_osai("check", "--require", require, cwd=tmp_path)
    assert flag.code == 2 and "--require " in flag.stderr and "tool.osai" not in flag.stderr


def test_a_required_framework_left_out_by_f_names_the_file(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    _config(tmp_path, "targets: [open.yml]\nrequire: [osaid, eu-ai-act]\n")
    result = run_osai("check", "-f", "osaid,mof", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    # "framework not checked (see --framework)" said neither what to do nor which framework
    assert result.stderr == (
        "osai: error: .osai.yaml:2: require[1]: 'eu-ai-act': eu-ai-act is not among the "
        "frameworks -f names: add it to -f, or leave -f out (what is required is then judged "
        "too)\n"
    )
    flag = run_osai("check", "-f", "osaid", "--require", "mof", cwd=tmp_path)
    assert flag.stderr.startswith("osai: error: --require mof: mof is not among the frameworks")
    widened = run_osai("check", "-f", "osaid,mof", "--require", "mof", cwd=tmp_path)
    assert widened.code in (0, 1), widened.stderr


def _judged(result: Any) -> list[str]:
    """The frameworks a JSON report judged its first target by."""
    assert result.code in (0, 1), result.stderr
    return [f["id"] for f in json.loads(result.stdout)["targets"][0]["frameworks"]]


@pytest.mark.parametrize("written", ["[osi, eu-ai-act]", "osi,eu-ai-act", "osi eu-ai-act"])
def test_a_settings_file_names_the_frameworks_a_check_judges(
    manifests: dict[str, Path], tmp_path: Path, written: str
) -> None:
    """A team's configuration could not say which frameworks to report on: `-f` had no key, and
    `framework: [osaid]` was refused with "did you mean 'add-framework'?", a file of one's own.
    `frameworks:` takes what -f takes (ids, aliases, a list or one string of them), and -f,
    given, replaces it, as every flag replaces its key."""
    _config(tmp_path, f"targets: [open.yml]\nframeworks: {written}\n")
    assert _judged(run_osai("check", "--format", "json", cwd=tmp_path)) == ["osaid", "eu-ai-act"]
    flag = run_osai("check", "-f", "mof", "--format", "json", cwd=tmp_path)
    assert _judged(flag) == ["mof"]


def test_a_misspelt_frameworks_key_or_id_is_refused_at_its_line(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    _config(tmp_path, "targets: [open.yml]\nframework: [osaid]\n")
    singular = run_osai("check", cwd=tmp_path)
    assert (singular.code, singular.stderr) == (
        2,
        "osai: error: .osai.yaml:2: framework: unknown key (did you mean 'frameworks'?)\n",
    )
    _config(tmp_path, "targets: [open.yml]\nframeworks: [osaid, osid]\n")
    unknown = run_osai("check", cwd=tmp_path)
    assert (unknown.code, unknown.stderr) == (
        2,
        "osai: error: .osai.yaml:2: frameworks[1]: unknown framework 'osid' (did you mean "
        "'osaid'?)\n",
    )
    # the flag replaces the file's list: a bad id there is not read
    assert run_osai("check", "-f", "osaid", cwd=tmp_path).code in (0, 1)


def test_a_settings_files_megabyte_framework_name_is_refused_in_one_short_line(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """A repository's settings file is someone else's data: its `frameworks: <1 MB>` was quoted
    whole in the refusal, to where the CLI cuts a line (1,000 characters of it)."""
    _config(tmp_path, f"targets: [open.yml]\nframeworks: {'a' * 1_000_000}\n")
    result = run_osai("check", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: .osai.yaml:2: frameworks: unknown framework '{'a' * 57}...' (known: "
        "osaid, mof, eu-ai-act, eosai; another: --add-framework FILE)\n"
    )


def test_a_settings_file_listing_a_framework_many_times_is_named_once(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """A `frameworks` list of the same id 100,000 times, refused for a require it does not
    name, was quoted whole ("osaid, osaid, osaid, …"): each is named once."""
    listed = ", ".join(["osaid"] * 100_000)
    _config(tmp_path, f"targets: [open.yml]\nframeworks: [{listed}]\nrequire: [mof]\n")
    result = run_osai("check", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: .osai.yaml:3: require[0]: 'mof': mof is not among the frameworks the "
        "configuration names (.osai.yaml:2: frameworks: osaid): add it there, or leave "
        "frameworks out (what is required is then judged too)\n"
    )


def test_a_required_framework_the_settings_file_does_not_name_is_refused_at_its_line(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """The README's rule for -f (a --require of a framework it does not name is refused) holds
    for the file's `frameworks` too, in one line naming the file and the line."""
    _config(tmp_path, "targets: [open.yml]\nframeworks: [osaid]\nrequire: [osaid, mof]\n")
    result = run_osai("check", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: .osai.yaml:3: require[1]: 'mof': mof is not among the frameworks the "
        "configuration names (.osai.yaml:2: frameworks: osaid): add it there, or leave "
        "frameworks out (what is required is then judged too)\n"
    )
    flag = run_osai("check", "--require", "mof:class-2", cwd=tmp_path)
    assert (flag.code, flag.stdout) == (2, "")
    assert flag.stderr.startswith(
        "osai: error: --require mof:class-2: mof is not among the frameworks the configuration "
        "names (.osai.yaml:2: frameworks: osaid)"
    )
    assert flag.stderr.count("\n") == 1
    # -f, given, is what names the frameworks: the file's list is not read
    assert run_osai("check", "-f", "osaid,mof", cwd=tmp_path).code in (0, 1)
    (tmp_path / ".osai.yaml").unlink()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.osai]\ntargets = ["open.yml"]\nframeworks = "osaid"\nrequire = ["mof"]\n',
        encoding="utf-8",
    )
    toml = run_osai("check", cwd=tmp_path)
    assert toml.code == 2
    assert toml.stderr.startswith(
        "osai: error: pyproject.toml:4: tool.osai.require[0]: 'mof': mof is not among the "
        "frameworks the configuration names (pyproject.toml:3: tool.osai.frameworks: osaid)"
    )


def test_pyproject_table(manifests: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "m"\n\n[tool.osai]\ntargets = ["llama-weights.yml"]\n'
        'require = ["mof:class-3"]\n',
        encoding="utf-8",
    )
    assert run_osai("check", cwd=tmp_path).code == 1
    assert run_osai("check", "open.yml", cwd=tmp_path).code == 0


def test_config_flag_and_fail_on_unknown_override(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    write_manifest(
        tmp_path / "undisclosed.yml",
        open_release(data_information=False, licences={"Datasets": "Undisclosed"}),
    )
    elsewhere = tmp_path / "ci"
    elsewhere.mkdir()
    config = elsewhere / "gate.yaml"
    config.write_text("targets: [../undisclosed.yml]\nfail-on-unknown: true\n", encoding="utf-8")
    assert run_osai("check", "--config", str(config), cwd=tmp_path).code == 1
    assert (
        run_osai("check", "--config", str(config), "--no-fail-on-unknown", cwd=tmp_path).code == 0
    )


WAIVER = "waivers:\n  - rule: MOF-C2-TRAINING-CODE\n    reason: published with v2\n"


@pytest.mark.parametrize(
    ("expires", "expected"),
    [("", 0), ("    expires: 2999-12-31\n", 0), ("    expires: 2001-01-01\n", 1)],
)
def test_waiver_and_its_expiry(
    manifests: dict[str, Path], tmp_path: Path, expires: str, expected: int
) -> None:
    _config(
        tmp_path, "targets: [no-training-code.yml]\nrequire: [mof:class-2]\n" + WAIVER + expires
    )
    result = run_osai("check", "--format", "json", cwd=tmp_path)
    assert result.code == expected, result.stderr
    document = json.loads(result.stdout)
    assert not list(instance_errors("report", document))
    mof = next(f for f in document["targets"][0]["frameworks"] if f["id"] == "mof")
    training = next(r for r in mof["requirements"] if r["id"] == "MOF-C2-TRAINING-CODE")
    findings = [f["message"] for f in document["targets"][0]["findings"]]
    if expected == 0:
        assert training["status"] == "waived"
        assert training["waiver"] == "published with v2"
        assert not findings
    else:
        assert training["status"] == "unmet"
        assert any("MOF-C2-TRAINING-CODE expired after 2001-01-01" in m for m in findings)
        assert "osai: warning: waiver for MOF-C2-TRAINING-CODE expired" in result.stderr


def test_a_waiver_leaves_the_verdict_the_evidence_gives(tmp_path: Path) -> None:
    """A waiver lets a gate pass; the verdict stays the evidence's, in the headline as in JSON
    and the summary.  tiny-model's data preprocessing code, not released and waived, read
    "OSAID 1.0 ? not conformant (4 unknown)" (Markdown: ✘ in the overview, ? in the detail),
    and GPT-NeoX's evaluation data "Class II not demonstrated" where it is not met."""
    _config(
        tmp_path,
        "waivers:\n  - {rule: OSAID-CODE-DATA-PROCESSING, reason: published next month}\n"
        "  - {rule: MOF-C2-EVALUATION-DATA, reason: public benchmarks}\n",
    )
    targets = (str(EXAMPLES / "tiny-model"), str(EXAMPLES / "gpt-neox-20b.yml"))
    text = run_osai("check", *targets, "-v", env={"COLUMNS": "200"}, cwd=tmp_path).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert (
        "OSAID 1.0 ✘ not conformant (detected) — waived: Data preprocessing code; +4 more unknown"
    ) in lines
    neox = "MOF 1.0 ✔ Class III - Open Model (declared); Class II not met — waived: Evaluation data"
    assert neox in lines
    assert any(line.startswith("→ to settle what is unknown: declare them") for line in lines)
    markdown = run_osai("check", *targets, "--format", "markdown", cwd=tmp_path).stdout
    assert "tiny-model — OSAID ✘ not conformant (detected) · MOF ✔" in markdown


def test_the_default_report_says_why_a_requirement_is_waived(tmp_path: Path) -> None:
    """The default text said "1 waived (-v for all)": a reviewer of a passing gate could not
    see what was waived, why, or who approved it, without -v or another format.  A note gives
    each, in the words of -v and Markdown; -v gives it at the requirement, not twice."""
    _config(
        tmp_path,
        "waivers:\n  - {rule: OSAID-CODE-DATA-PROCESSING, reason: published next month,"
        " approved_by: legal@example.com}\n",
    )
    target = str(EXAMPLES / "tiny-model")
    text = run_osai("check", target, env={"COLUMNS": "200"}, cwd=tmp_path).stdout
    note = (
        "  OSAID: Data preprocessing code: not released (waived: published next month"
        " — approved by legal@example.com)"
    )
    assert note in text.splitlines(), text
    verbose = run_osai("check", target, "-v", env={"COLUMNS": "200"}, cwd=tmp_path).stdout
    assert verbose.count("published next month") == 1, verbose


def test_every_report_says_until_when_a_waiver_applies(tmp_path: Path) -> None:
    """A waiver's `expires` was read only to end it: a gate passing by it turned to FAIL the
    day after, and no report said when (JSON had the reason and approver, never the date).
    Each report now says it beside them, and JSON gives it apart (schema 1.29)."""
    _config(
        tmp_path,
        "require: [osaid]\nwaivers:\n  - rule: OSAID-CODE-DATA-PROCESSING\n"
        "    reason: published next month\n    expires: 2099-01-31\n"
        "    approved_by: legal@example.com\n  - rule: OSAID-CODE-INFERENCE\n"
        "    reason: ships with transformers\n    expires: 2099-02-28\n",
    )
    target = str(EXAMPLES / "tiny-model")
    outputs = ("-o", "json=r.json", "-o", "sarif=r.sarif", "-o", "junit=r.xml")
    result = run_osai("check", target, "-v", *outputs, env={"COLUMNS": "200"}, cwd=tmp_path)
    said = "published next month — approved by legal@example.com, until 2099-01-31"
    alone = "ships with transformers — until 2099-02-28"  # no approver
    for text in (result.stdout, (tmp_path / "r.xml").read_text(encoding="utf-8")):
        assert f"(waived: {said})" in text or f"waived: {said} (" in text, text
        assert alone in text, text
    markdown = run_osai("check", target, "--format", "markdown", cwd=tmp_path).stdout
    unmentioned = said.replace("@", "@\u200b")  # Markdown keeps an address from being a mention
    assert f"\\(waived: {unmentioned}\\)" in markdown, markdown
    assert f"\\(waived: {alone}\\)" in markdown, markdown
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    justifications = {
        s["justification"] for r in sarif["runs"][0]["results"] for s in r.get("suppressions", [])
    }
    assert justifications == {said, alone}
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert not list(instance_errors("report", document))
    waived = {
        r["id"]: (r["waiver"], r["waiver_approved_by"], r["waiver_expires"])
        for framework in document["targets"][0]["frameworks"]
        for r in framework["requirements"]
        if r["waiver"]
    }
    assert waived == {
        "OSAID-CODE-DATA-PROCESSING": ("published next month", "legal@example.com", "2099-01-31"),
        "OSAID-CODE-INFERENCE": ("ships with transformers", None, "2099-02-28"),
    }


def test_a_waiver_accepting_weaker_evidence_is_named_in_every_report(tmp_path: Path) -> None:
    """tiny-model reaches MOF Class III on detected evidence; a gate held to declared evidence
    passed by the waivers of its six requirements as 'PASS (waived): Class III', each of them
    shown met (✔) and no report but JSON named a waiver, its reason, approver or expiry: a
    reviewer saw a waived gate with nothing waived.  Each report now names them."""
    rules = (
        "MOF-C3-MODEL-ARCHITECTURE", "MOF-C3-MODEL-PARAMETERS-FINAL", "MOF-C3-EVALUATION-RESULTS",
        "MOF-C3-MODEL-CARD", "MOF-C3-DATA-CARD", "MOF-C3-TECHNICAL-REPORT",
    )  # fmt: skip
    waivers = "".join(
        f"  - rule: {rule}\n    reason: detected is enough\n    expires: 2099-01-31\n"
        "    approved_by: cco\n"
        for rule in rules
    )
    _config(tmp_path, f"require: mof:class-3\nmin-certainty: declared\nwaivers:\n{waivers}")
    target = str(EXAMPLES / "tiny-model")
    outputs = ("-o", "json=r.json", "-o", "junit=r.xml", "-o", "markdown=r.md")
    result = run_osai("check", target, "-v", *outputs, env={"COLUMNS": "300"}, cwd=tmp_path)
    assert result.code == 0, result.stderr
    policy = "Class III only on detected evidence, below declared: 6 requirements accepted"
    policy += " by waiver"
    assert f"PASS (waived)  require mof:class-3 (.osai.yaml:1): {policy}" in result.stdout
    said = "(met on detected evidence, accepted by waiver: detected is enough — approved by cco, "
    said += "until 2099-01-31)"
    for rule in rules:  # -v, at each requirement
        line = next(line for line in result.stdout.splitlines() if f"✔ {rule} " in line)
        assert line.endswith(said), line
    default = run_osai("check", target, env={"COLUMNS": "300"}, cwd=tmp_path).stdout
    assert default.count(said) == len(rules), default  # the notes
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert markdown.count(text_md(said)) == len(rules), markdown
    assert f"met by waiver \\({policy}\\)" in markdown, markdown
    junit = (tmp_path / "r.xml").read_text(encoding="utf-8")
    assert junit.count(said[1:-1]) == len(rules), junit
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert not list(instance_errors("report", document))
    (gate,) = document["targets"][0]["policies"]
    assert (gate["verdict"], gate["accepted_by_waiver"]) == ("PASS (waived)", list(rules))
    assert gate["shortfall"] == policy
    plain = run_osai("check", target, "-v", "--min-certainty", "detected", cwd=tmp_path)
    assert "accepted by waiver" not in plain.stdout  # met as sure as asked: the waiver is idle


def text_md(said: str) -> str:
    """A phrase as the Markdown report escapes it."""
    return said.replace("(", "\\(").replace(")", "\\)")


def test_a_gate_not_proven_once_waived_says_what_it_waits_on(tmp_path: Path) -> None:
    """tiny-model's data preprocessing code, not released and waived: OSAID is not conformant
    on the evidence, and with the waiver the gate waits on four unknowns.  Its NOT PROVEN said
    "not conformant", a FAIL's reason, in every report; it says what a gate on unknowns says."""
    _config(
        tmp_path, "waivers:\n  - {rule: OSAID-CODE-DATA-PROCESSING, reason: published next month}\n"
    )
    target = str(EXAMPLES / "tiny-model")
    report = run_osai("check", target, "--require", "osaid", "--format", "json", cwd=tmp_path)
    (policy,) = json.loads(report.stdout)["targets"][0]["policies"]
    assert (policy["verdict"], policy["outcome"]) == ("NOT PROVEN", "not-conformant")
    assert policy["shortfall"] == "not demonstrated"
    text = run_osai("check", target, "--require", "osaid", env={"COLUMNS": "200"}, cwd=tmp_path)
    assert "gate       NOT PROVEN  --require osaid: not demonstrated\n" in text.stdout


PARAMETERS_WAIVED = (
    "waivers:\n"
    "  - rule: OSAID-PARAMETERS\n    reason: licence being chosen\n"
    "  - rule: MOF-C3-MODEL-PARAMETERS-FINAL\n    reason: licence being chosen\n"
)


def test_fail_on_unknown_waits_on_nothing_a_waiver_accepts(tmp_path: Path) -> None:
    """The weights' licence is unknown and waived: the gate passes on the waiver, and
    --fail-on-unknown has nothing left to wait on (it failed the run, "not definite: 0
    unknown"); what the waivers leave open still fails it, counted."""
    unknown = {"Model parameters (Final)": "LicenseRef-Unread"}
    write_manifest(tmp_path / "weights.yml", open_release(licences=unknown))
    write_manifest(
        tmp_path / "more.yml",
        open_release(licences={**unknown, "Training code": "LicenseRef-Unread"}),
    )
    _config(tmp_path, PARAMETERS_WAIVED)
    gate = ("--require", "osaid", "--require", "mof:class-3", "--fail-on-unknown")
    waived = run_osai("check", "weights.yml", *gate, "--format", "json", cwd=tmp_path)
    assert waived.code == 0, waived.stderr
    (target,) = json.loads(waived.stdout)["targets"]
    assert [p["verdict"] for p in target["policies"]] == ["PASS (waived)", "PASS (waived)"]
    assert target["unsettled"] == []
    # MOF reaches Class III by the waiver; Class II waits on the training code's licence
    more = run_osai(
        "check", "more.yml", "--require", "mof:class-3", "--fail-on-unknown", cwd=tmp_path
    )
    assert more.code == 1
    assert more.stderr == (
        "osai: warning: more.yml: --fail-on-unknown: MOF 1.0 not proven (not definite: 1 unknown)\n"
        "osai: warning: --fail-on-unknown holds only the required MOF 1.0 to a definite verdict: "
        "OSAID 1.0, not definite on more.yml, does not fail the run\n"
    )


def test_a_gate_passed_by_waiver_says_what_the_evidence_alone_shows(tmp_path: Path) -> None:
    """The weights' licence is unknown and waived: every report says why the level is not
    reached on the evidence alone, not the framework's label for no class at all ("no
    class reached"), and the summary counts the waived requirement ("(0 unknown)" before)."""
    unknown = {"Model parameters (Final)": "LicenseRef-Unread"}
    write_manifest(tmp_path / "weights.yml", open_release(licences=unknown))
    _config(tmp_path, PARAMETERS_WAIVED)
    gate = ("check", "weights.yml", "--require", "osaid", "--require", "mof:class-3")
    text = run_osai(*gate, env={"COLUMNS": "200"}, cwd=tmp_path)
    assert text.code == 0, text.stdout
    lines = [" ".join(line.split()) for line in text.stdout.splitlines()]
    assert "gate PASS (waived) --require osaid: not demonstrated" in lines
    mof = "gate PASS (waived) --require mof:class-3: Class III not demonstrated: 1 unknown"
    assert mof in lines
    markdown = run_osai(*gate, "--format", "markdown", cwd=tmp_path).stdout
    assert (
        "| `weights.yml` | ? not demonstrated \\(1 waived\\) "
        "| ? Class III not demonstrated \\(1 waived\\) |"
    ) in markdown
    assert "met by waiver \\(Class III not demonstrated: 1 unknown\\)" in markdown
    assert "no class reached" not in markdown + text.stdout


def test_a_waiver_accepts_a_requirement_met_only_on_inferred_evidence(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """OSAID's data information is met only by inference (third-party and unshareable data
    inferred, the description and the public listing met on the data card and datasets by the
    checklist's reading): waived, the gate passes on the waivers, as it would were they
    unknown; leaving one unwaived still leaves it to declare.  The verdict itself stays
    conformant, inferred."""
    target = str(manifests["no-data-information"])
    inferred = (
        "waivers:\n"
        "  - rule: OSAID-DATA-DESCRIPTION\n    reason: the data card describes it\n"
        "  - rule: OSAID-DATA-PUBLIC-SOURCES\n    reason: the datasets are the listing\n"
        "  - rule: OSAID-DATA-THIRD-PARTY-SOURCES\n    reason: the data mix is public\n"
        "  - rule: OSAID-DATA-UNSHAREABLE\n    reason: reviewed by hand\n"
    )
    _config(tmp_path, inferred)
    gate = ("check", target, "--require", "osaid", "--fail-on-unknown", "--format", "json")
    waived = run_osai(*gate, cwd=tmp_path)
    assert waived.code == 0, waived.stdout
    (checked,) = json.loads(waived.stdout)["targets"]
    (policy,) = checked["policies"]
    assert (policy["verdict"], policy["below_certainty"]) == ("PASS (waived)", None)
    assert checked["unsettled"] == []
    osaid = next(f for f in checked["frameworks"] if f["id"] == "osaid")
    assert (osaid["outcome"], osaid["certainty"]) == ("conformant", "inferred")
    _config(tmp_path, inferred.split("  - rule: OSAID-DATA-UNSHAREABLE")[0])
    one = run_osai("check", target, "--require", "osaid", "--format", "json", cwd=tmp_path)
    assert one.code == 1
    (policy,) = json.loads(one.stdout)["targets"][0]["policies"]
    assert policy["verdict"] == "NOT PROVEN"
    assert policy["declare"].endswith("release.data_information.unshareable_data_description")
    assert "third_party" not in policy["declare"]


def _training_code(document: dict[str, Any], index: int) -> dict[str, Any]:
    mof = next(f for f in document["targets"][index]["frameworks"] if f["id"] == "mof")
    return next(r for r in mof["requirements"] if r["id"] == "MOF-C2-TRAINING-CODE")


def test_a_waiver_covers_the_models_it_names(manifests: dict[str, Path], tmp_path: Path) -> None:
    """A waiver accepted for one model waived the requirement for every target of the run; its
    `model` globs now say which (the reference's {rule, model, reason, expires, approved_by}),
    and who approved it is shown with its reason."""
    (tmp_path / "other").mkdir()
    write_manifest(
        tmp_path / "other" / "no-training-code.yml", open_release(drop=("Training code",))
    )
    waiver = (
        "waivers:\n  - rule: MOF-C2-TRAINING-CODE\n    reason: published with v2\n"
        "    model: [no-training-*.yml]\n    approved_by: legal@example.org\n"
        "  - rule: MOF-C2-TRAINING-CODE\n    reason: another reason\n    model: other/*\n"
    )
    targets = "targets: [no-training-code.yml, other/no-training-code.yml, open.yml]\n"
    _config(tmp_path, targets + "require: [mof:class-2]\n" + waiver)
    result = run_osai("check", "--format", "json", cwd=tmp_path)
    document = json.loads(result.stdout)
    assert not list(instance_errors("report", document))
    # the file's name matches the first waiver, for both; the first that covers a target wins
    # the reason, and who approved it apart (report schema 1.8): it was one string
    for index in (0, 1):
        training = _training_code(document, index)
        assert training["waiver"] == "published with v2"
        assert training["waiver_approved_by"] == "legal@example.org"
    assert _training_code(document, 2)["status"] == "met"
    assert result.code == 0, result.stderr
    # a pattern that matches no target waives nothing, and says so
    _config(tmp_path, "targets: [no-training-code.yml]\nrequire: [mof:class-2]\n" + waiver)
    narrowed = run_osai("check", cwd=tmp_path)
    assert narrowed.code == 0
    assert narrowed.stderr == (
        "osai: warning: waiver for MOF-C2-TRAINING-CODE (.osai.yaml:8): model "
        "other/* matches no target of this run\n"
    )
    _config(
        tmp_path,
        "targets: [no-training-code.yml]\nrequire: [mof:class-2]\n"
        + waiver.replace("no-training-*.yml", "nothing-*.yml"),
    )
    assert run_osai("check", cwd=tmp_path).code == 1  # not waived: the gate fails


def test_a_waiver_that_waives_nothing_is_warned_of(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """A waiver left after its gap closed, or one another waiver of the rule always comes
    before, said nothing (ruff and eslint report an unused directive); one of a framework the
    run does not judge is said apart (test_a_waiver_of_a_framework_not_judged_is_warned_of);
    one that accepts a requirement met only by inference is not idle."""
    _config(
        tmp_path,
        "targets: [no-training-code.yml, open.yml]\nwaivers:\n"
        "  - {rule: MOF-C2-TRAINING-CODE, reason: v2, model: no-training-*}\n"
        "  - {rule: MOF-C2-TRAINING-CODE, reason: v2}\n"
        "  - {rule: MOF-C3-MODEL-CARD, reason: rewritten}\n"
        "  - {rule: EUAIA-LICENCE-FREEDOMS, reason: read}\n",
    )
    result = run_osai("check", "-q", cwd=tmp_path)
    assert result.code == 0
    assert result.stderr == (
        "osai: warning: waiver for MOF-C2-TRAINING-CODE (.osai.yaml:4) waives nothing in this "
        "run: every target it covers meets the requirement, or the waiver at .osai.yaml:3 comes "
        "first\n"
        "osai: warning: waiver for MOF-C3-MODEL-CARD (.osai.yaml:5) waives nothing in this run: "
        "every target it covers meets the requirement\n"
        "osai: warning: waiver for EUAIA-LICENCE-FREEDOMS (.osai.yaml:6) waives nothing in this "
        "run: EU AI Act is not judged (judge it with -f osaid -f mof -f eu-ai-act)\n"
    )
    inferred = str(manifests["no-data-information"])
    _config(tmp_path, "waivers:\n  - {rule: OSAID-DATA-UNSHAREABLE, reason: reviewed}\n")
    assert run_osai("check", inferred, "-q", cwd=tmp_path).stderr == ""
    idle = run_osai("check", inferred, "-q", "--min-certainty", "inferred", cwd=tmp_path)
    assert "OSAID-DATA-UNSHAREABLE (.osai.yaml:2) waives nothing" in idle.stderr


def test_a_waiver_of_a_framework_not_judged_is_warned_of(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """A waiver of a requirement of a framework the run does not judge (an EUAIA- rule on a
    default run, a MOF one under -f osaid) waived nothing without a word, and its author took
    it to be in force.  Said once for the run, whatever the targets, at the waiver's line, with
    the -f flags that judge it beside the others; not when -f or --require asks for it."""
    _config(
        tmp_path,
        "targets: [no-training-code.yml, open.yml]\nwaivers:\n"
        "  - {rule: EUAIA-LICENCE-FREEDOMS, reason: read}\n"
        "  - {rule: MOF-C2-TRAINING-CODE, reason: v2}\n",
    )
    default = run_osai("check", "-q", cwd=tmp_path)
    assert default.code == 0
    assert default.stderr == (
        "osai: warning: waiver for EUAIA-LICENCE-FREEDOMS (.osai.yaml:3) waives nothing in this "
        "run: EU AI Act is not judged (judge it with -f osaid -f mof -f eu-ai-act)\n"
    )
    osaid = run_osai("check", "-q", "-f", "osaid", cwd=tmp_path)
    assert osaid.code == 0
    assert osaid.stderr.splitlines() == [
        "osai: warning: waiver for EUAIA-LICENCE-FREEDOMS (.osai.yaml:3) waives nothing in this "
        "run: EU AI Act is not judged (judge it with -f osaid -f eu-ai-act)",
        "osai: warning: waiver for MOF-C2-TRAINING-CODE (.osai.yaml:4) waives nothing in this "
        "run: MOF is not judged (judge it with -f osaid -f mof)",
    ]
    for asked in (("-f", "eu-ai-act", "-f", "mof"), ("--require", "eu-ai-act")):
        judged = run_osai("check", "-q", *asked, cwd=tmp_path)
        assert judged.code in (0, 1) and "not judged" not in judged.stderr, judged.stderr
    # the file's `frameworks` chose them: the id to add there, not -f flags it has no use for
    settings = (tmp_path / ".osai.yaml").read_text("utf-8")
    (tmp_path / ".osai.yaml").write_text(f"frameworks: [osaid, mof]\n{settings}", "utf-8")
    listed = run_osai("check", "-q", cwd=tmp_path)
    assert listed.stderr == (
        "osai: warning: waiver for EUAIA-LICENCE-FREEDOMS (.osai.yaml:4) waives nothing in this "
        "run: EU AI Act is not judged (add eu-ai-act to .osai.yaml:1: frameworks)\n"
    )


def test_a_waiver_covering_a_target_not_checked_is_not_said_to_waive_nothing(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """What a waiver waives on a target that could not be checked (a Hub model the run could
    not read) is not known: "every target it covers meets the requirement" was said of it, and
    invited deleting a waiver the next run needs.  One that does not cover that target is
    still warned of."""
    _config(
        tmp_path,
        "waivers:\n  - {rule: MOF-C3-MODEL-CARD, reason: rewritten}\n"
        "  - {rule: MOF-C3-MODEL-CARD, reason: rewritten, model: open.yml}\n",
    )
    result = run_osai("check", "open.yml", "missing.yml", "-q", cwd=tmp_path)
    assert result.code == 2
    assert "missing.yml: error: no such file" in result.stdout
    assert "(.osai.yaml:2) waives nothing" not in result.stderr
    assert "(.osai.yaml:3) waives nothing in this run" in result.stderr


@pytest.mark.parametrize(
    ("waiver", "expected"),
    [
        ("  - rule: MOF-C2-TRAINING-CODE\n", "waivers[0].reason: missing (required)"),
        (
            "  - rule: MOF-C2-TRAINING-CODE\n    reason: '  '\n",
            "reason: expected some text, not blank",
        ),
        ("  - rule: MOF-C2-TRAINING-CODE\n    reason: x\n    expires: someday\n", "date"),
        ("  - rule: NOT-A-RULE\n    reason: x\n", ".osai.yaml:3: waiver for unknown requirement"),
        (  # misspelt: the hint `osai rules explain` gives
            "  - rule: OSAID-CODE-SUPORTING-LIBRARIES\n    reason: x\n",
            "osai: error: .osai.yaml:3: waiver for unknown requirement "
            "'OSAID-CODE-SUPORTING-LIBRARIES' (did you mean 'OSAID-CODE-SUPPORTING-LIBRARIES'?)",
        ),
        ("  - rule: NOT-A-RULE\n    reason: x\n", "'NOT-A-RULE' (see osai rules list)"),
        (  # a framework, not a requirement: it said "unknown requirement 'mof'"
            "  - rule: mof\n    reason: x\n",
            "osai: error: .osai.yaml:3: waiver for 'mof': a waiver names a requirement, not a "
            "framework (`osai rules show mof` lists its requirements)",
        ),
        (  # by an alias, or with a level
            "  - rule: 'osi:conformant'\n    reason: x\n",
            "waiver for 'osi:conformant': a waiver names a requirement, not a framework or a "
            "level (`osai rules show osaid` lists its requirements)",
        ),
        (  # named after its framework, as `rules explain` takes it: it said "not a framework"
            "  - rule: 'osaid:OSAID-CODE-TRAINING'\n    reason: x\n",
            ".osai.yaml:3: waiver for 'osaid:OSAID-CODE-TRAINING': a waiver names a requirement "
            "by its id alone (rule: OSAID-CODE-TRAINING)",
        ),
        (  # twice for the same models; twice for different ones is two waivers
            "  - {rule: MOF-C2-TRAINING-CODE, reason: x, model: a*}\n"
            "  - {rule: MOF-C2-TRAINING-CODE, reason: y, model: [a*]}\n",
            # where the first is: in a long list, finding it was the reader's
            ".osai.yaml:4: waivers[1]: MOF-C2-TRAINING-CODE is waived twice for a* (first by "
            "waivers[0], line 3)",
        ),
        ("  - {rule: MOF-C2-TRAINING-CODE, reason: x, model: []}\n", "model: must not be empty"),
        ("  - rule: EOSAI-PAPER\n    reason: x\n", ".osai.yaml:3: waiver for 'EOSAI-PAPER'"),
        (  # a condition of the framework applying at all: it said "unknown requirement", and
            # `osai rules explain` knew it
            "  - rule: EUAIA-SCOPE-GPAI-COMPUTE\n    reason: x\n",
            "osai: error: .osai.yaml:3: waiver for 'EUAIA-SCOPE-GPAI-COMPUTE': a condition of "
            "EU AI Act applying at all is not a requirement, and is not waived (osai rules "
            "explain EUAIA-SCOPE-GPAI-COMPUTE)",
        ),
    ],
)
def test_bad_waiver_is_exit_2(
    manifests: dict[str, Path], tmp_path: Path, waiver: str, expected: str
) -> None:
    _config(tmp_path, "targets: [open.yml]\nwaivers:\n" + waiver)
    result = run_osai("check", cwd=tmp_path)
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("rule", "hint"),
    [
        (  # a rule of the file's framework, which --add-framework replaced
            "NAOT-WEIGHTS",
            "(--add-framework replaced the configuration's add-framework, 'nao-tiers.yaml': "
            "give it with --add-framework too)",
        ),
        (  # misspelt, of a framework the run knows: still the did-you-mean
            "MOF-C3-MODEL-CARDS",
            "(did you mean 'MOF-C3-MODEL-CARD'?)",
        ),
    ],
)
def test_a_waiver_of_a_replaced_framework_says_what_replaced_it(
    manifests: dict[str, Path], tmp_path: Path, rule: str, hint: str
) -> None:
    """`--add-framework` replaces the configuration's `add-framework` (documented): a waiver of
    NAOT-WEIGHTS, a rule of the file's naol.yaml, was "waiver for unknown requirement
    'NAOT-WEIGHTS' (did you mean 'NAO-WEIGHTS'?)", a rule of the framework given instead."""
    frameworks = ROOT / "tests" / "fixtures" / "frameworks"
    for name in ("nao-tiers.yaml", "owd-levels.yaml"):
        shutil.copy(frameworks / name, tmp_path / name)
    _config(
        tmp_path,
        f"add-framework: [nao-tiers.yaml]\nwaivers:\n  - rule: {rule}\n    reason: x\n",
    )
    result = run_osai("check", "open.yml", "--add-framework", "owd-levels.yaml", cwd=tmp_path)
    said = f"osai: error: .osai.yaml:3: waiver for unknown requirement '{rule}' {hint}\n"
    assert (result.code, result.stderr) == (2, said)


def test_no_targets_anywhere_is_exit_2(tmp_path: Path) -> None:
    """The message said nothing of .osai.yaml, the other place targets are named."""
    result = run_osai("check", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: no targets: give a manifest, AI BOM, directory, card or model id, or list "
        "them under targets: in .osai.yaml\n"
    )
    (tmp_path / ".osai.yaml").write_text("require: [osaid]\n")
    named_none = run_osai("check", cwd=tmp_path)
    assert named_none.code == 2
    assert named_none.stderr.endswith("under targets: in .osai.yaml (it names none)\n")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--require", "my-model"),
            "--require took 'my-model' for its policy; give --require "
            "one (--require osaid) and 'my-model' as a target",
        ),
        (
            ("-f", "EleutherAI/pythia-70m"),
            "-f took 'EleutherAI/pythia-70m' for its framework; "
            "give -f one (-f osaid) and 'EleutherAI/pythia-70m' as a target",
        ),
    ],
)
def test_a_target_taken_for_a_flags_value_is_named(
    args: tuple[str, ...], said: str, tmp_path: Path
) -> None:
    """`osai check --require my-model`, the policy left out, was told "no targets" though it
    named one: --require had taken it.  The error now says so, and what to write."""
    (tmp_path / "my-model").mkdir()
    result = run_osai("check", *args, cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"osai: error: no targets: {said}\n"


@pytest.mark.parametrize("flag", ["-f", "--require"])
def test_a_framework_file_given_to_a_flag_is_not_offered_as_a_target(
    flag: str, tmp_path: Path
) -> None:
    """`osai check -f my-framework.yaml` (a framework file where its id belongs) was told that
    -f took it and to give it as a target: checked, a framework file is no model.  The error
    names --add-framework, which adds it."""
    shutil.copy(ROOT / "rules" / "frameworks" / "osaid.yaml", tmp_path / "my-framework.yaml")
    result = run_osai("check", flag, "my-framework.yaml", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: no targets, and {flag} names a framework by its id: 'my-framework.yaml' "
        "is a framework file (--add-framework 'my-framework.yaml' adds it)\n"
    )


# --- outputs -------------------------------------------------------------------------------


def test_several_outputs_in_one_run(manifests: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    specs = {
        "sarif": out / "osai.sarif",
        "junit": out / "osai.xml",
        "markdown": out / "summary.md",
        "github": out / "annotations.txt",
        "json": out / "report.json",
    }
    args = [arg for name, path in specs.items() for arg in ("-o", f"{name}={path}")]
    target = str(manifests["no-training-code"])
    result = run_osai("check", target, "--require", "osaid", *args, cwd=tmp_path)
    assert result.code == 1
    assert "Gate-Test-1B" in result.stdout  # the text report still goes to standard output
    assert json.loads(specs["sarif"].read_text())["version"] == "2.1.0"
    assert ET.fromstring(specs["junit"].read_text()).tag == "testsuites"
    assert "**FAIL**" in specs["markdown"].read_text()
    assert specs["github"].read_text().startswith("::")
    assert json.loads(specs["json"].read_text())["schema_version"]


def test_config_outputs(manifests: dict[str, Path], tmp_path: Path) -> None:
    _config(
        tmp_path, "targets: [open.yml]\noutputs: [sarif=reports/o.sarif, junit=reports/o.xml]\n"
    )
    assert run_osai("check", cwd=tmp_path).code == 0
    assert (tmp_path / "reports" / "o.sarif").is_file()
    assert (tmp_path / "reports" / "o.xml").is_file()


def test_refuses_to_overwrite_the_input_manifest(manifests: dict[str, Path]) -> None:
    target = manifests["open"]
    before = target.read_text()
    result = run_osai("check", str(target), "-o", f"sarif={target}")
    assert result.code == 2
    assert "refusing to write over" in result.stderr
    assert target.read_text() == before


@pytest.mark.parametrize(
    ("outputs", "refused"),
    [
        ("[json=.osai.yaml]", "outputs[0]: -o json=.osai.yaml: refusing to write over an input"),
        ("[o.json, json=o.json]", "outputs[1]: -o json=o.json: o.json is already the destination"),
        ("[json=open.yml/o.json]", "outputs[0]: -o json=open.yml/o.json: open.yml is not a dir"),
        (
            "[json=-, sarif=-]",
            "outputs[0]: -o json=- and .osai.yaml:2: outputs[1]: -o sarif=-: both on standard",
        ),
        ("[sarif=-]", "outputs[0]: -o sarif=-: standard output would carry both the sarif"),
        ("[o.json]", "outputs[0]: -o o.json: its extension says json, --format says sarif"),
    ],
)
def test_a_refused_output_of_the_file_names_where_it_is_written(
    manifests: dict[str, Path], tmp_path: Path, outputs: str, refused: str
) -> None:
    """An output the configuration file asks for and osai refuses is named where the file
    writes it: the refusal named an `-o json=.osai.yaml` no one had typed (or, of outputs
    both on standard output or at odds with --format, an `-o sarif=-` or an `-o o.json`)."""
    config = _config(tmp_path, f"targets: [open.yml]\noutputs: {outputs}\n")
    before = config.read_text(encoding="utf-8")
    given = {"[sarif=-]": ["--format", "json"], "[o.json]": ["--format", "sarif"]}.get(outputs, [])
    result = run_osai("check", *given, cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"osai: error: .osai.yaml:2: {refused}"), result.stderr
    assert config.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("outputs", "occupied", "naming"),
    [
        ("[notes.md]", "notes.md", "PATH in outputs (or -o PATH on the command line)"),
        ("[markdown=out/]", "out/osai.md", "FORMAT=PATH in outputs (or -o FORMAT=PATH on the"),
    ],
)
def test_an_output_of_the_file_onto_a_user_s_file_is_renamed_in_the_file(
    manifests: dict[str, Path], tmp_path: Path, outputs: str, occupied: str, naming: str
) -> None:
    """A file of the user's where the configuration's report goes is kept, and the refusal
    asks for another name where the report's name is given, in `outputs` (it said "-o PATH", a
    flag for a line of the file)."""
    _config(tmp_path, f"targets: [open.yml]\noutputs: {outputs}\n")
    mine = tmp_path / occupied
    mine.parent.mkdir(exist_ok=True)
    mine.write_text("my notes\n", encoding="utf-8")
    result = run_osai("check", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert f"a file osai did not write is there; remove it, or name another file: {naming}" in (
        " ".join(result.stderr.split())
    ), result.stderr
    assert mine.read_text(encoding="utf-8") == "my notes\n"


def test_an_output_of_the_file_at_odds_with_format_is_mended_in_the_files_words(
    manifests: dict[str, Path], tmp_path: Path
) -> None:
    """`outputs: [out/o.json]` in `ci/.osai.yaml`, run with `--format sarif`: the remedy said
    "write -o sarif=ci/out/o.json", a flag for a line of the file, and a path from the working
    directory for a file whose paths are its own directory's."""
    (tmp_path / "ci").mkdir()
    config = tmp_path / "ci" / "c.yaml"
    config.write_text("targets: [../open.yml]\noutputs: [out/o.json]\n", encoding="utf-8")
    result = run_osai("check", "--config", "ci/c.yaml", "--format", "sarif", cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        "its extension says json, --format says sarif: in the file, write sarif=out/o.json "
        "(or json=out/o.json to write json there)\n"
    ), result.stderr


# --- integration files ---------------------------------------------------------------------


def _vendored_schema(name: str) -> dict[str, Any]:
    vendor = files("check_jsonschema.builtin_schemas.vendor")
    schema: dict[str, Any] = json.loads(vendor.joinpath(name).read_text("utf-8"))
    return schema


def _yaml12(path: Path) -> Any:
    """YAML 1.2, as GitHub reads workflows (`on:` is a key, not True)."""
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_action_is_valid_and_writes_sarif_and_summary() -> None:
    action = _yaml12(ROOT / "action.yml")
    jsonschema.Draft7Validator(_vendored_schema("github-actions.json")).validate(action)
    assert set(action["inputs"]) == {
        "targets", "require", "formats", "config", "min-certainty", "baseline", "fail-on-unknown",
        "follow", "annotate", "exit-zero",
    }  # fmt: skip
    assert action["runs"]["using"] == "composite"
    script = "\n".join(step["run"] for step in action["runs"]["steps"])
    assert "-o sarif=osai.sarif -o markdown=osai-summary.md" in script
    assert "GITHUB_STEP_SUMMARY" in script
    assert 'exit "$code"' in script
    assert "${{" not in script  # inputs reach the script through the environment only


def _check_step_script() -> str:
    action = _yaml12(ROOT / "action.yml")
    step = next(step for step in action["runs"]["steps"] if step.get("id") == "check")
    script: str = step["run"]
    return script


def _run_check_step(
    tmp_path: Path, writes: str = "", exits: int = 1, **inputs: str
) -> tuple[int, list[str], str, dict[str, str]]:
    """The action's check step, run by bash as GitHub runs it, with a stand-in `osai` that
    records its arguments, writes the reports `writes` names (none: as osai on bad input) and
    exits with `exits`: (exit code, arguments, job summary, the step's outputs)."""
    summary = tmp_path / "summary.md"
    completed, args, outputs = _check_step_run(tmp_path, writes, exits, summary, **inputs)
    appended = summary.read_text() if summary.exists() else ""
    return completed.returncode, args, appended, outputs


def _check_step_run(
    tmp_path: Path, writes: str, exits: int, summary: Path, **inputs: str
) -> tuple[subprocess.CompletedProcess[str], list[str], dict[str, str]]:
    """The check step run as _run_check_step says, its job summary at `summary`: (the finished
    bash, osai's arguments, the step's outputs).  `real`: run the real osai instead, in this
    Python."""
    import shutil

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash not found")
    venv_bin = tmp_path / "runner" / "osai-venv" / "bin"
    venv_bin.mkdir(parents=True)
    fake = venv_bin / "osai"
    written = "".join(f"echo new > {name}\n" for name in writes.split())
    told = 'printf "%s" "${OSAI_FULL_REPORT-(unset)}" > "$OSAI_ARGS_FILE.told"\n'  # its pointer
    told += 'printf "%s" "${OSAI_ANNOTATE_ERRORS-(unset)}" > "$OSAI_ARGS_FILE.errors"\n'
    run, real = f"exit {exits}\n", bool(inputs.pop("real", ""))
    if real:  # the real osai, its requests to a port nothing listens on
        run = f'PYTHONPATH={ROOT} exec {sys.executable} -m osai "$@"\n'
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "$OSAI_ARGS_FILE"\n{told}{written}{run}')
    fake.chmod(0o755)
    script = tmp_path / "step.sh"
    script.write_text(_check_step_script())
    work = tmp_path / "work"
    work.mkdir()
    (work / "osai-summary.md").write_text("STALE REPORT\n")
    (work / "osai.sarif").write_text("{}")
    output, args_file = tmp_path / "out", tmp_path / "args"
    env = {
        "PATH": "/usr/bin:/bin",
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "OSAI_ARGS_FILE": str(args_file),
        "OSAI_TARGETS": inputs.get("targets", ""),
        "OSAI_REQUIRE": inputs.get("require", ""),
        "OSAI_FORMATS": inputs.get("formats", ""),
        "OSAI_CONFIG": inputs.get("config", ""),
        "OSAI_MIN_CERTAINTY": inputs.get("min_certainty", ""),
        "OSAI_BASELINE": inputs.get("baseline", ""),
        "OSAI_FAIL_ON_UNKNOWN": inputs.get("fail_on_unknown", ""),
        "OSAI_FOLLOW": inputs.get("follow", ""),
        "OSAI_ANNOTATE": inputs.get("annotate", ""),
        "OSAI_EXIT_ZERO": inputs.get("exit_zero", ""),
        **dict.fromkeys(("HF_ENDPOINT", "GITHUB_API_URL", "OSAI_ARXIV_URL"), "http://127.0.0.1:9"),
        "OSAI_CACHE_DIR": str(tmp_path / "cache"),
        "HF_HOME": str(tmp_path / "hf"),
    }
    completed = subprocess.run(
        [bash, "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert outputs["exit-code"] == str(completed.returncode), completed.stderr
    written_sarif = real or "osai.sarif" in writes.split()
    assert (work / "osai.sarif").exists() == written_sarif  # never the stale
    ran = args_file.read_text().splitlines() if args_file.exists() else []  # [] : osai not run
    return completed, ran, outputs


@pytest.mark.parametrize(
    ("inputs", "passed"),
    [
        ({}, []),
        ({"min_certainty": "declared"}, ["--min-certainty", "declared"]),
        ({"fail_on_unknown": "true"}, ["--fail-on-unknown"]),
        ({"fail_on_unknown": "false\n"}, ["--no-fail-on-unknown"]),
        ({"min_certainty": " inferred ", "fail_on_unknown": "True"},
         ["--min-certainty", "inferred", "--fail-on-unknown"]),
    ],
)  # fmt: skip
def test_action_passes_the_gate_s_certainty_and_unknowns_to_osai(
    tmp_path: Path, inputs: dict[str, str], passed: list[str]
) -> None:
    """--min-certainty and --fail-on-unknown were reachable from the action only through a
    configuration file; a workflow gives them as inputs, as it gives `require`."""
    code, args, _, _ = _run_check_step(tmp_path, "osai.sarif", 0, require="osaid", **inputs)
    assert code == 0
    gate = [a for a in args if a.startswith(("--min-certainty", "--fail-on", "--no-fail"))]
    values = [args[args.index("--min-certainty") + 1]] if "--min-certainty" in args else []
    assert [*gate[:1], *values, *gate[1:]] == passed


@pytest.mark.parametrize(
    ("follow", "passed"),
    [("", []), ("true", ["--follow"]), (" False\n", ["--no-follow"])],
)
def test_action_passes_follow_to_osai(tmp_path: Path, follow: str, passed: list[str]) -> None:
    """The action had no `follow`: a model directory's links, its base model among them, were
    never read in CI, so a fine-tune's inherited licence never reached a pull request."""
    code, args, _, _ = _run_check_step(tmp_path, "osai.sarif", 0, follow=follow)
    assert code == 0
    assert [a for a in args if a.endswith("follow")] == passed


@pytest.mark.parametrize(
    ("name", "value", "takes"),
    [
        ("fail-on-unknown", "yes\n::warning::x", "true, false or empty"),
        ("annotate", "yes", "true, false, failures, all or empty"),
        ("annotate", "Failures", "true, false, failures, all or empty"),
        ("exit-zero", "1", "true, false or empty"),
        ("follow", "yes", "true, false or empty"),
    ],
)
def test_action_refuses_a_boolean_input_that_is_no_boolean(
    tmp_path: Path, name: str, value: str, takes: str
) -> None:
    inputs = {name.replace("-", "_"): value}
    completed, ran, outputs = _check_step_run(tmp_path, "", 0, tmp_path / "summary.md", **inputs)
    assert (completed.returncode, ran) == (2, [])
    assert completed.stdout == f"::error::osai: the {name} input is {takes}\n"
    assert outputs["sarif-file"] == ""


@pytest.mark.parametrize(
    ("inputs", "annotated"),
    [
        ({}, True),
        ({"annotate": "true\n"}, True),
        ({"annotate": "false"}, False),
        # a report the caller puts on standard output: two there would be refused (exit 2)
        ({"formats": "json=-"}, False),
        ({"formats": "junit=osai.xml"}, True),
    ],
)
def test_action_annotates_on_standard_output_unless_told_not_to(
    tmp_path: Path, inputs: dict[str, str], annotated: bool
) -> None:
    """The action's annotations came only from the SARIF upload, which a private repository
    without GitHub Advanced Security cannot make: its pull requests showed no annotation at all.
    The report on standard output is now GitHub's workflow commands, unless `annotate: false`
    or a `formats` entry takes standard output."""
    code, args, _, _ = _run_check_step(tmp_path, "osai.sarif", 0, require="osaid", **inputs)
    assert code == 0
    pairs = list(itertools.pairwise(args))
    assert (("-o", "github=-") in pairs) == annotated, args


@pytest.mark.parametrize(
    ("annotate", "passed"),
    [("", []), ("true", []), ("failures", ["failures"]), (" all\n", ["all"]), ("false", None)],
)
def test_action_asks_for_every_annotation_or_the_failures_only(
    tmp_path: Path, annotate: str, passed: list[str] | None
) -> None:
    """`annotate` took true, false or empty: `--annotate all` (every open requirement under a
    gate, where osai's default keeps what fails it) was out of a workflow's reach.  `failures`
    and `all` are osai's --annotate; true and empty keep osai's default."""
    code, args, _, _ = _run_check_step(
        tmp_path, "osai.sarif", 0, require="osaid", annotate=annotate
    )
    assert code == 0
    given = [value for flag, value in itertools.pairwise(args) if flag == "--annotate"]
    assert (("-o", "github=-") in itertools.pairwise(args)) == (passed is not None)
    assert given == (passed or [])
    # a report on standard output takes it from the annotations: by default they are left out
    _, args, _, _ = _run_check_step(tmp_path / "piped", formats="json=-")
    assert "--annotate" not in args and "github=-" not in args


@pytest.mark.parametrize("annotate", ["true", "failures", " all\n"])
def test_action_refuses_annotations_asked_for_beside_a_report_on_standard_output(
    tmp_path: Path, annotate: str
) -> None:
    """`annotate: all` beside `formats: json=-` was dropped without a word (as `true` was):
    the workflow asked for every open requirement annotated and got none, and nothing said
    why.  Two reports cannot share standard output: the action refuses, in one line."""
    completed, ran, outputs = _check_step_run(
        tmp_path, "", 0, tmp_path / "summary.md", annotate=annotate, formats="junit=j.xml json=-"
    )
    assert (completed.returncode, ran, outputs["sarif-file"]) == (2, [], "")
    assert completed.stdout == (
        "::error::osai: the annotate input puts annotations on standard output, where a formats "
        "entry (FORMAT=-) writes its report: leave annotate empty or false, or give that report "
        "a path\n"
    )
    _, args, _, _ = _run_check_step(tmp_path / "off", annotate="false", formats="json=-")
    assert ("-o", "json=-") in itertools.pairwise(args) and "github=-" not in args


def test_action_yml_lines_fit_in_100_columns() -> None:
    """action.yml is read in review and in an editor as the code is (ruff's 100 columns): four
    of its lines, messages the script echoes, ran to 241.  Wrapped as separate words of one
    echo, each is still said in one line (the tests of each message check its words)."""
    lines = (ROOT / "action.yml").read_text(encoding="utf-8").splitlines()
    assert [n for n, line in enumerate(lines, 1) if len(line) > 100] == []


@pytest.mark.parametrize("exits", [0, 1, 2, 3])
def test_action_passes_exit_zero_to_osai_and_exits_with_its_code(
    tmp_path: Path, exits: int
) -> None:
    """The action had no `exit-zero`: a workflow that only reports could not keep a failing gate
    from failing the job.  It is osai's --exit-zero (a failing gate exits 0, the reports say
    `exit 0: --exit-zero` beside the FAIL; 2 and 3 still fail), and the step exits with osai's
    code, which `exit-code` says as it is: the action reads no report to make up another."""
    completed, args, outputs = _check_step_run(
        tmp_path, "osai.sarif", exits, tmp_path / "s.md", require="osaid", exit_zero="true"
    )
    assert "--exit-zero" in args
    assert (completed.returncode, outputs["exit-code"]) == (exits, str(exits))
    _, without, _ = _check_step_run(
        tmp_path / "off", "osai.sarif", 0, tmp_path / "o.md", exit_zero="false"
    )
    assert "--exit-zero" not in without


def test_action_under_exit_zero_runs_the_real_osai_and_says_why_the_fail_passed(
    tmp_path: Path,
) -> None:
    """End to end, with the real osai: Llama 2 fails OSAID; under `exit-zero: true` the step
    passes and its annotations say why the FAIL did not stop it."""
    llama = str(ROOT / "examples" / "llama-2-7b.yml")
    completed, _, outputs = _check_step_run(
        tmp_path, "", 0, tmp_path / "s.md", targets=llama, require="osaid", exit_zero="true",
        real="1",
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert (outputs["exit-code"], outputs["sarif-file"]) == ("0", "osai.sarif")
    (policy,) = [line for line in completed.stdout.splitlines() if "title=policy osaid" in line]
    assert policy.startswith("::error ") and policy.endswith("; exit 0: --exit-zero")
    failing, _, outputs = _check_step_run(
        tmp_path / "gate", "", 0, tmp_path / "g.md", targets=llama, require="osaid", real="1"
    )
    assert (failing.returncode, outputs["exit-code"]) == (1, "1")


def _run_install_step(
    tmp_path: Path, pythons: dict[str, bool], runner_os: str = "Linux"
) -> tuple[int, str, str, list[str]]:
    """The action's install step, run by bash as GitHub runs it, on a PATH that holds only the
    stand-in interpreters `pythons` names (True: 3.11 or newer): each makes a venv whose `pip`
    records its arguments.  (exit code, standard output, the interpreter that made the venv,
    pip's arguments)."""
    import shutil
    import subprocess

    bash, mkdir, cp = shutil.which("bash"), shutil.which("mkdir"), shutil.which("cp")
    if bash is None or mkdir is None or cp is None:
        pytest.skip("bash, mkdir or cp not found")
    bin_dir, venv = tmp_path / "path", tmp_path / "runner" / "osai-venv"
    bin_dir.mkdir(parents=True)
    pip = tmp_path / "pip"
    pip.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$OSAI_PIP_ARGS"\n')
    pip.chmod(0o755)
    for name, new_enough in pythons.items():
        fake = bin_dir / name
        fake.write_text(
            "#!/bin/sh\n"
            f'if [ "$1" = -c ]; then exit {0 if new_enough else 1}; fi\n'
            f'{mkdir} -p "$3/bin" && {cp} {pip} "$3/bin/pip" && echo {name} > "$3/made-by"\n'
        )
        fake.chmod(0o755)
    action = _yaml12(ROOT / "action.yml")
    step = next(step for step in action["runs"]["steps"] if step["name"] == "Install osai")
    script = tmp_path / "install.sh"
    script.write_text(step["run"])
    pip_args = tmp_path / "pip-args"
    env = {
        "PATH": str(bin_dir),
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "RUNNER_OS": runner_os,
        "OSAI_ACTION_PATH": "/the/action",
        "OSAI_PIP_ARGS": str(pip_args),
        "GITHUB_OUTPUT": str(tmp_path / "install-outputs"),  # read by _install_outputs
    }
    completed = subprocess.run(
        [bash, "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    made_by = (venv / "made-by").read_text().strip() if (venv / "made-by").exists() else ""
    installed = pip_args.read_text().splitlines() if pip_args.exists() else []
    return completed.returncode, completed.stdout, made_by, installed


def _install_outputs(tmp_path: Path) -> dict[str, str]:
    """The outputs _run_install_step's step wrote ({} none)."""
    written = tmp_path / "install-outputs"
    lines = written.read_text().splitlines() if written.exists() else []
    return dict(line.split("=", 1) for line in lines)


def test_action_installs_with_a_python_new_enough_for_osai(tmp_path: Path) -> None:
    """ubuntu-22.04's python3 is 3.10, which pip refuses osai on: the action takes the first
    python3.1x that is 3.11 or newer, and python3 first, where actions/setup-python puts the
    caller's choice."""
    code, _, made_by, installed = _run_install_step(
        tmp_path / "old", {"python3": False, "python3.12": True}
    )
    assert (code, made_by) == (0, "python3.12")
    assert installed == ["install", "--quiet", "/the/action"]
    code, _, made_by, _ = _run_install_step(
        tmp_path / "both", {"python3": True, "python3.12": True}
    )
    assert (code, made_by) == (0, "python3")


def test_action_installs_osai_only_from_its_own_checkout(tmp_path: Path) -> None:
    """A `version` input installed `osai==X` from PyPI, where no osai of ours is published:
    whoever registered the name would have run in the caller's workflow.  The version a workflow
    runs is the ref it pins in `uses:`; no input names a package to fetch."""
    action = _yaml12(ROOT / "action.yml")
    assert "version" not in action["inputs"]
    step = next(step for step in action["runs"]["steps"] if step["name"] == "Install osai")
    assert "osai==" not in step["run"] and "inputs." not in str(step.get("env", {}))
    code, _, _, installed = _run_install_step(tmp_path, {"python3": True})
    assert (code, installed) == (0, ["install", "--quiet", "/the/action"])


def test_action_without_a_python_new_enough_says_to_set_one_up(tmp_path: Path) -> None:
    code, stdout, made_by, installed = _run_install_step(tmp_path, {"python3": False})
    assert (code, made_by, installed) == (2, "", [])
    assert _install_outputs(tmp_path) == {"exit-code": "2"}
    (line,) = stdout.splitlines()
    assert line == (
        "::error::osai needs Python 3.11 or newer, and none of python3, python3.14, python3.13, "
        "python3.12, python3.11 on this runner is: add a step uses: actions/setup-python@v5 "
        "with python-version: '3.11' (or newer) before this one"
    )


def test_action_says_it_runs_on_linux_and_macos_only(tmp_path: Path) -> None:
    """A Windows venv keeps pip in Scripts/, not bin/: rather than fail there on a missing
    file, the action says which runners it runs on.  It exits 2, bad input, and sets the
    exit-code output first: it exited 1 before any output was written, and a later step
    reading steps.osai.outputs.exit-code got empty."""
    code, stdout, made_by, _ = _run_install_step(tmp_path, {"python3": True}, "Windows")
    assert (code, made_by) == (2, "")
    assert _install_outputs(tmp_path) == {"exit-code": "2"}
    (line,) = stdout.splitlines()
    assert line == (
        "::error::the osai action runs on Linux and macOS runners, not on Windows: use runs-on: "
        "ubuntu-latest (or macos-latest) for this job, or run osai in a PowerShell step "
        "(README: CI)"
    )
    action = _yaml12(ROOT / "action.yml")
    # the action's output is the install step's where the check step never ran
    assert action["outputs"]["exit-code"]["value"] == (
        "${{ steps.check.outputs.exit-code || steps.install.outputs.exit-code }}"
    )
    assert any(step.get("id") == "install" for step in action["runs"]["steps"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "$LASTEXITCODE" in readme and "python -m pip install ./osai-src" in readme
    description = " ".join(_yaml12(ROOT / "action.yml")["description"].split())
    assert "Linux and macOS runners" in description


def test_action_splits_inputs_on_lines_when_given_several(tmp_path: Path) -> None:
    code, args, summary, _ = _run_check_step(
        tmp_path,
        targets="my models/a.yml\n  org/name  \n\nother dir/b.yml\n",
        require="osaid\nmof:class-2\n",
        formats="json=my reports/o.json\n",
    )
    assert code == 1
    assert args == [
        "check",
        *("--require", "osaid", "--require", "mof:class-2"),
        *("-o", "sarif=osai.sarif", "-o", "markdown=osai-summary.md"),
        *("-o", "json=my reports/o.json"),
        *("-o", "github=-"),
        *("--", "my models/a.yml", "org/name", "other dir/b.yml"),
    ]
    assert "STALE REPORT" not in summary  # the old report was deleted, not appended


def test_action_passes_a_configuration_file(tmp_path: Path) -> None:
    """The example workflow's gate rests on a waiver in examples/ci/.osai.yaml, which the
    action never read (no input took it): the job failed where sample.sarif says waived."""
    _, args, _, _ = _run_check_step(tmp_path, config="examples/ci/my config.yaml")
    assert args[:3] == ["check", "--config", "examples/ci/my config.yaml"]
    _, without, _, _ = _run_check_step(tmp_path / "none")
    assert "--config" not in without


def test_action_trims_the_configuration_files_name(tmp_path: Path) -> None:
    """`config: |` (as the targets input is written, one per line) gives the name with a newline
    after it: osai looked for `c.yaml` + newline and said, on two lines, "osai: error: c.yaml" and
    "osai: error: : no such file".  Blanks around the name are no part of it (inside, they are)."""
    _, args, _, _ = _run_check_step(tmp_path, config="  examples/ci/my config.yaml\n")
    assert args[:3] == ["check", "--config", "examples/ci/my config.yaml"]
    _, blank, _, _ = _run_check_step(tmp_path / "blank", config=" \n")
    assert "--config" not in blank


def test_action_splits_a_one_line_input_on_white_space(tmp_path: Path) -> None:
    _, args, _, _ = _run_check_step(tmp_path, targets="a.yml  b/*.yml", require="osaid")
    assert args[:3] == ["check", "--require", "osaid"]
    assert args[-3:] == ["--", "a.yml", "b/*.yml"]  # never globbed


def test_action_takes_one_line_naming_a_path_with_blanks_as_that_path(tmp_path: Path) -> None:
    """`targets: models/my model` was split into `models/my` and `model`, refused as two paths
    that do not exist ("model: … (did you mean 'models'?)"), never saying why.  A line that
    names a file or directory there, blanks and all, is that one target; one that names none
    is still split."""
    model = tmp_path / "models" / "my model"
    model.mkdir(parents=True)
    _, args, _, _ = _run_check_step(tmp_path / "one", targets=f" {model} ")
    assert args[args.index("--") :] == ["--", str(model)]
    _, split, _, _ = _run_check_step(tmp_path / "two", targets=f"{model}x other.yml")
    assert split[split.index("--") :] == ["--", f"{tmp_path}/models/my", "modelx", "other.yml"]


def test_action_never_takes_a_target_for_an_option(tmp_path: Path) -> None:
    """A target whose name starts with '-' (`-draft.yml`) was passed before osai's options and
    taken for one: "No such option: -d", exit 2.  The targets come after `--` now, and none
    when the config's are meant (osai reads them when the command line names none)."""
    _, args, _, _ = _run_check_step(tmp_path, targets="-draft.yml\n--exit-zero\n")
    assert args[args.index("--") :] == ["--", "-draft.yml", "--exit-zero"]
    _, none, _, _ = _run_check_step(tmp_path / "none", require="osaid")
    assert "--" not in none


@pytest.mark.parametrize(
    "formats",
    ["sarif=osai.sarif", "SARIF=./osai.sarif", "sarif=./", "osai.sarif\n./osai-summary.md",
     "markdown=osai-summary.md json=o.json"],
)  # fmt: skip
def test_action_writes_its_own_reports_once_when_formats_asks_for_them_again(
    tmp_path: Path, formats: str
) -> None:
    """`formats: sarif=osai.sarif` (a workflow asking for the SARIF it uploads) reached osai as a
    second `-o` to osai.sarif: refused, exit 2, no report at all, with "-o sarif=osai.sarif:
    osai.sarif is already the destination of another report", the action's own flag."""
    code, args, _, _ = _run_check_step(tmp_path, "osai.sarif", 0, require="osaid", formats=formats)
    assert code == 0
    written = [value for flag, value in itertools.pairwise(args) if flag == "-o"]
    assert written[:2] == ["sarif=osai.sarif", "markdown=osai-summary.md"]
    assert written[2:] == (["json=o.json"] if "json" in formats else []) + ["github=-"]


@pytest.mark.parametrize("spelt", ["{work}/osai.sarif", "{work}//osai.sarif", ".//osai.sarif"])
def test_action_knows_its_own_report_however_the_workspace_path_is_spelt(
    tmp_path: Path, spelt: str
) -> None:
    """`formats: sarif=${{ github.workspace }}/osai.sarif` names the SARIF the action writes as
    surely as `sarif=osai.sarif`: passed on, osai refused the run (exit 2, no report at all),
    the report already the destination of the action's own flag."""
    output = "sarif=" + spelt.format(work=tmp_path / "work")
    code, args, _, _ = _run_check_step(tmp_path, "osai.sarif", 0, formats=output)
    assert code == 0
    written = [value for flag, value in itertools.pairwise(args) if flag == "-o"]
    assert written == ["sarif=osai.sarif", "markdown=osai-summary.md", "github=-"]
    other = tmp_path / "other"  # another report over the summary, spelt from the root
    other.mkdir()
    over = f"json={other / 'work'}/osai-summary.md"
    completed, ran, _ = _check_step_run(other, "", 0, other / "s.md", formats=over)
    assert (completed.returncode, ran) == (2, [])


@pytest.mark.parametrize("formats", ["json=osai.sarif", "junit=./osai-summary.md"])
def test_action_refuses_a_report_over_one_of_its_own(tmp_path: Path, formats: str) -> None:
    completed, ran, outputs = _check_step_run(
        tmp_path, "", 0, tmp_path / "summary.md", formats=formats
    )
    assert (completed.returncode, ran, outputs["sarif-file"]) == (2, [], "")
    (line,) = completed.stdout.splitlines()
    assert line == (
        "::error::osai: a formats entry writes to osai.sarif or osai-summary.md, where the action "
        "writes its SARIF and Markdown reports: give that report another path"
    )


def test_action_names_only_the_reports_osai_wrote(tmp_path: Path) -> None:
    """On bad input osai writes no report: the action's `sarif-file` output is then empty (an
    upload of it would fail the job a second time), and a report written is named."""
    _, _, summary, outputs = _run_check_step(tmp_path / "none")
    assert (outputs["sarif-file"], outputs["summary-file"], summary) == ("", "", "")
    _, _, summary, outputs = _run_check_step(tmp_path / "both", "osai.sarif osai-summary.md")
    assert (outputs["sarif-file"], outputs["summary-file"]) == ("osai.sarif", "osai-summary.md")
    assert summary == "new\n"
    action = _yaml12(ROOT / "action.yml")
    for name in ("sarif-file", "summary-file"):
        assert action["outputs"][name]["value"] == f"${{{{ steps.check.outputs.{name} }}}}"


@pytest.mark.parametrize(("code", "named"), [(0, True), (1, True), (2, False), (3, False)])
def test_action_names_the_sarif_only_when_osai_judged_every_target(
    tmp_path: Path, code: int, named: bool
) -> None:
    """On exit 2 or 3 osai still writes a SARIF, without the results of what it could not check;
    uploaded, it would close every open alert of the category (code scanning closes an alert
    the newest analysis no longer reports), so `sarif-file`, which the upload keys on, is empty."""
    exit_code, _, summary, outputs = _run_check_step(tmp_path, "osai.sarif osai-summary.md", code)
    assert exit_code == code  # the job still fails on 2 and 3, with osai's own line
    assert outputs["sarif-file"] == ("osai.sarif" if named else "")
    assert outputs["summary-file"] == "osai-summary.md"  # the summary says what went wrong
    assert summary == "new\n"


@pytest.mark.parametrize("code", [0, 1])
def test_action_whose_job_summary_cannot_be_appended_still_exits_with_osais_code(
    tmp_path: Path, code: int
) -> None:
    """The job summary not writable (here a directory) failed the step on bash's own line
    ("Is a directory") with exit 1, a gate that passed among them, and before the step's outputs
    were written: the upload, keyed on `sarif-file`, was skipped.  It is warned of instead."""
    summary = tmp_path / "summary"
    summary.mkdir()
    completed, _, outputs = _check_step_run(
        tmp_path, "osai.sarif osai-summary.md", code, summary, targets="m.yml"
    )
    assert completed.returncode == code
    assert (outputs["sarif-file"], outputs["summary-file"]) == ("osai.sarif", "osai-summary.md")
    (warning,) = [line for line in completed.stdout.splitlines() if line.startswith("::")]
    assert warning == (
        "::warning::osai: the report could not be appended to the job summary "
        "($GITHUB_STEP_SUMMARY); it is in osai-summary.md"
    )


def test_action_tells_osai_its_full_report_is_the_job_summary(tmp_path: Path) -> None:
    """Annotations said "see the full report: osai-summary.md", a file on the runner no reader
    opens; the reader finds the Markdown in the job summary, which the action now tells osai to
    name (OSAI_FULL_REPORT); the annotations then say so (test_github_annotations)."""
    _run_check_step(tmp_path, "osai.sarif osai-summary.md", 0)
    assert (tmp_path / "args.told").read_text() == "the job summary"


@pytest.mark.parametrize(("annotate", "told"), [("", "1"), ("false", "(unset)")])
def test_action_asks_osai_to_annotate_the_errors_that_stop_it(
    tmp_path: Path, annotate: str, told: str
) -> None:
    """A configuration file's mistake stops osai before any report: its `osai: error:` line was
    in the log alone, and the pull request said "exit code 2".  Annotating, the action asks
    osai to say such errors as annotations too (test_cli_conventions shows osai doing so)."""
    _run_check_step(tmp_path, "", 2, annotate=annotate)
    assert (tmp_path / "args.errors").read_text() == told


def test_action_says_its_outputs_replace_the_configuration_files() -> None:
    action = _yaml12(ROOT / "action.yml")
    description = " ".join(action["inputs"]["formats"]["description"].split())
    assert "-o flags REPLACE the configuration file's `outputs`" in description
    assert "rm -f osai.sarif osai-summary.md" in _check_step_script()


def test_example_workflow_is_valid_and_uploads_sarif() -> None:
    workflow = _yaml12(ROOT / "examples" / "ci" / "openness.yml")
    jsonschema.Draft7Validator(_vendored_schema("github-workflows.json")).validate(workflow)
    steps = workflow["jobs"]["osai"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert "./" in uses
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    check = next(s for s in steps if s.get("uses") == "./")
    assert upload["with"]["sarif_file"] == f"${{{{ steps.{check['id']}.outputs.sarif-file }}}}"
    assert "cancelled" in upload["if"]
    # only a SARIF of a run that judged every target (exit 0 or 1; the action names no other):
    # one from exit 2 or 3 would close every open alert, and none on a usage error would fail
    # the job a second time, hiding osai's own error line
    assert f"steps.{check['id']}.outputs.sarif-file != ''" in upload["if"]
    assert "hashFiles" not in upload["if"]
    given = check["with"]
    # upload-sarif reads the workflow run, which a private repository's token may not do unless
    # `actions: read` is granted; a pull request from a fork gets a read-only token, so the
    # upload would fail the job: it is skipped there (push and same-repository PRs upload)
    assert workflow["permissions"]["actions"] == "read"
    assert workflow["permissions"]["security-events"] == "write"
    # the Markdown report as a pull-request comment, when the gate failed the osai step too,
    # never tried with a fork's read-only token (ami)
    assert workflow["permissions"]["pull-requests"] == "write"
    comment = next(step for step in steps if "gh pr comment" in step.get("run", ""))
    assert "!cancelled()" in comment["if"]
    assert f"steps.{check['id']}.outputs.summary-file" in comment["env"]["REPORT"]
    # osai's own comment, found by the report's first line: --edit-last edited whichever
    # comment the shared github-actions bot posted last (another workflow's coverage report)
    assert "--edit-last" not in comment["run"]
    assert 'startswith("# osai openness report")' in comment["run"]
    assert "-X PATCH" in comment["run"] and "--body-file" in comment["run"]
    assert "head.repo.full_name == github.repository" in comment["if"]
    fork_guard = (
        "(github.event_name != 'pull_request'"
        " || github.event.pull_request.head.repo.full_name == github.repository)"
    )
    assert fork_guard in upload["if"]
    config = ROOT / given["config"]
    assert config.is_file()
    for target in load_config(config).targets:
        assert (config.parent / target).is_file()


def test_pre_commit_hook() -> None:
    """pre-commit's documented required keys (no vendored schema exists for hook files)."""
    hooks = _yaml12(ROOT / ".pre-commit-hooks.yaml")
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "osai"
    assert hook["entry"] == "osai check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    # osai needs Python 3.11 or newer; pre-commit builds the hook's env with its own Python,
    # and pip refuses osai on an older one.  Pinning `language_version: python3.11` would break
    # a machine with only 3.12, so the hook pins none and says how to choose one.
    assert "language_version" not in hook
    # pre-commit lists a commit's files with `git diff --diff-filter=ACMRTUXB` (no D) and skips a
    # hook given none ("(no files to check)"): a commit deleting the release's manifest passed
    # unchecked.  The hook checks the release, not the files, so it runs on every commit.
    assert hook["always_run"] is True
    text = " ".join((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8").split())
    assert "`always_run: false`" in text  # how to run it only when the release's files change
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    for told in (text, readme):
        assert "Python 3.11 or newer" in told
        assert "language_version: python3.12" in told
        # pre-commit stashes unstaged changes, not untracked files: the hook passed a commit
        # that left out the release's LICENSE and weights, there on disk but never added
        assert "not yet added" in told


def test_example_config_gates_the_examples() -> None:
    config = ROOT / "examples" / "ci" / ".osai.yaml"
    waiver = load_config(config).waivers[0]
    in_force = not waiver.expired(datetime.date.today())
    result = run_osai("check", "--config", str(config), "--format", "sarif")
    assert result.code == (0 if in_force else 1), result.stderr
    results = json.loads(result.stdout)["runs"][0]["results"]
    assert any(r.get("suppressions") for r in results) == in_force


@pytest.mark.parametrize("spec", ["mof:Class-III", "MOF:class_3", "mof:class-iii"])
def test_a_level_is_named_as_its_id_short_name_or_label_is_written(spec: str) -> None:
    """`--require MOF:Class-III` was refused ("'mof' has no level 'Class-III'") although the
    framework's id is read in any case and the level's label is "Class III"."""
    from osai.policy import parse_policy
    from osai.rules import load_ruleset

    assert parse_policy(spec, load_ruleset()).level_id == "class-3"


def test_a_misspelt_level_is_answered_with_the_nearest() -> None:
    result = run_osai("check", str(EXAMPLES / "amber.yml"), "--require", "mof:clas-2")
    assert result.code == 2
    # the option named, as its other refusals name it
    assert result.stderr == (
        "osai: error: --require mof:clas-2: 'mof' has no level 'clas-2' (did you mean 'class-2'?)\n"
    )


@pytest.mark.parametrize("level", ["class-4", "Class"])
def test_a_level_as_near_several_gets_the_list_not_a_guess(level: str) -> None:
    """`mof:class-4` and `mof:Class` (from `--require "mof:Class II"`, split at its blank) were
    answered "did you mean 'class-3'?": one of three equally near, named for no reason."""
    result = run_osai("check", str(EXAMPLES / "amber.yml"), "--require", f"mof:{level}")
    assert result.stderr == (
        f"osai: error: --require mof:{level}: 'mof' has no level '{level}' "
        "(levels: class-3, class-2, class-1)\n"
    )


@pytest.mark.parametrize(("release", "require", "expected"), GATE_CASES)
def test_the_json_report_gives_the_run_s_gate_as_the_exit_code_says_it(
    manifests: dict[str, Path], release: str, require: list[str], expected: int
) -> None:
    """A dashboard reading a stored JSON report had to work out the run's gate from each
    target's policies (Markdown and text each did so their own way): `gate` gives it, null
    when the run has none."""
    flags = [arg for policy in require for arg in ("--require", policy)]
    result = run_osai("check", str(manifests[release]), *flags, "--format", "json")
    assert result.code == expected, result.stderr
    document = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    gate = document["gate"]
    if not require:
        assert gate is None
        return
    assert gate["verdict"].startswith("PASS") == (expected == 0), gate
    policies = gate["policies"]
    assert sum(policies.values()) == len(require) and gate["unsettled"] == 0
    unmet = policies["failed"] + policies["not_proven"]
    assert (policies["passed"], unmet > 0) == (len(require) - unmet, expected == 1)


def test_the_json_report_s_gate_counts_what_fail_on_unknown_fails(
    manifests: dict[str, Path],
) -> None:
    target = str(manifests["no-data-information"])
    result = run_osai("check", target, "--fail-on-unknown", "--format", "json")
    assert result.code == 1
    gate = json.loads(result.stdout)["gate"]
    assert gate == {
        "verdict": "NOT PROVEN",
        "policies": {"passed": 0, "failed": 0, "not_proven": 0},
        "unsettled": 1,
        "exit_forced_zero": False,
    }


def test_a_policy_required_twice_is_judged_and_counted_once(tmp_path: Path) -> None:
    """`--require osaid --require osi --require mof:2 --require mof:class-2` asks two things:
    each spelling was judged, counted ("required policies: 4 passed") and written as a JUnit
    test case, two of them `--require osaid` when it was given twice, which GitLab (it keys a
    case by classname and name) drops as a duplicate.  The first spelling is kept."""
    pythia = str(EXAMPLES / "pythia-70m.yml")
    flags = ["--require", "osaid", "--require", "osi", "--require", "osaid"]
    flags += ["--require", "mof:2", "--require", "MOF:Class-II", "--require", "mof:class-3"]
    junit = tmp_path / "report.xml"
    result = run_osai("check", pythia, *flags, "--format", "json", "-o", f"junit={junit}")
    assert result.code == 0, result.stderr
    gate = json.loads(result.stdout)["gate"]
    assert gate["policies"] == {"passed": 3, "failed": 0, "not_proven": 0}
    names = [str(case.get("name")) for case in ET.parse(junit).getroot().iter("testcase")]
    assert sorted(name for name in names if name.startswith("--require")) == [
        "--require mof:2",
        "--require mof:class-3",
        "--require osaid",
    ]


def test_action_baseline_input_gates_against_the_last_accepted_report(tmp_path: Path) -> None:
    """The action's `baseline:` is osai's --baseline, run by the real osai: a release whose data
    card was relicensed under CC-BY-NC-4.0 fails the step against the report of the one
    accepted, and the annotations say so first.  (Only `.osai.yaml`'s `baseline:` reached it.)"""
    pythia = (ROOT / "examples" / "pythia-70m.yml").read_text(encoding="utf-8")
    accepted, proposed = tmp_path / "accepted.yml", tmp_path / "proposed.yml"
    accepted.write_text(pythia, encoding="utf-8")
    card = "      name: 'Data card'\n"
    assert card in pythia
    proposed.write_text(pythia.replace(card, card + "      license: CC-BY-NC-4.0\n"), "utf-8")
    written = run_osai("check", str(accepted), "--format", "json", "-o", str(tmp_path / "b.json"))
    assert written.code == 0, written.stderr
    completed, args, outputs = _check_step_run(
        tmp_path / "step", "", 0, tmp_path / "s.md", targets=str(proposed),
        baseline=f" {tmp_path / 'b.json'}\n", real="1",
    )  # fmt: skip
    assert args[1:3] == ["--baseline", str(tmp_path / "b.json")], args
    assert (completed.returncode, outputs["exit-code"]) == (1, "1"), completed.stderr
    first = completed.stdout.splitlines()[0]
    assert first.startswith("::error title=osai gate --baseline::baseline: worse than "), first


@pytest.mark.parametrize(
    ("formats", "written"),
    [
        # split at blanks, as the README says ("else separated by spaces"): 152785e1 made
        # each exit 2 (a path without FORMAT= holding blanks), or wrote a file literally named
        # "osai.json osai.xml"
        ("osai.json osai.xml", ["osai.json", "osai.xml"]),
        ("json=osai.json osai.xml", ["json=osai.json", "osai.xml"]),
        ("  junit=j.xml   json=-  ", ["junit=j.xml", "json=-"]),
        ("junit=j.xml JSON=-", ["junit=j.xml", "JSON=-"]),
        ("json=- osai.xml", ["json=-", "osai.xml"]),
        ("jsno=a.json b.json", ["jsno=a.json", "b.json"]),  # osai names the misspelt format
        # a path without a report extension yet, before a word that has neither FORMAT= nor
        # one: one path, blanks and all
        ("json=my  report", ["json=my  report"]),
        ("osai.json junit=My Reports/o", ["osai.json", "junit=My Reports/o"]),
    ],
)
def test_action_splits_a_one_line_formats_input_where_it_is_not_ambiguous(
    tmp_path: Path, formats: str, written: list[str]
) -> None:
    """`formats: junit=my reports2/o.xml` was split at every blank: JUnit written to a file
    `my` and to `reports2/o.xml`, silently; 152785e1 then took everything up to the next
    FORMAT= as one path, and `formats: "osai.json osai.xml"`, two reports by the README, exited
    2.  A blank splits, but where the word after it can be no report of its own."""
    _, args, _, _ = _run_check_step(tmp_path, annotate="false", formats=formats)
    given = [value for flag, value in itertools.pairwise(args) if flag == "-o"]
    assert given == ["sarif=osai.sarif", "markdown=osai-summary.md", *written]


@pytest.mark.parametrize(
    "formats",
    [
        "my report.json",
        "my report.json junit=j.xml",
        "junit=my reports2/o.xml",
        "json=a.json junit=My Reports/o.xml",
    ],
)
def test_action_refuses_a_one_line_path_with_blanks_that_is_ambiguous(
    tmp_path: Path, formats: str
) -> None:
    """`junit=my reports2/o.xml` on one line is JUnit to `my` and a report reports2/o.xml, or
    JUnit to one path with a blank: refused, before osai runs, as the action refuses its other
    inputs; one a line, each is whole."""
    completed, ran, outputs = _check_step_run(
        tmp_path, "", 0, tmp_path / "summary.md", formats=formats
    )
    assert (completed.returncode, ran, outputs["sarif-file"]) == (2, [], "")
    (line,) = completed.stdout.splitlines()
    assert line == (
        "::error::osai: the formats input: on one line, a report's path with a blank before a "
        "name ending .sarif, .json, .md, .xml or .txt is one path or two reports: give one "
        "report a line"
    )
    lines = formats.replace(" junit", "\njunit") + "\n"  # one a line: each whole
    _, one_a_line, _, _ = _run_check_step(tmp_path / "lines", formats=lines)
    assert lines.splitlines()[0] in one_a_line, one_a_line
