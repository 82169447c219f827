"""Configuration: .osai.yaml and [tool.osai], validation, precedence, waivers and their expiry."""

from __future__ import annotations

import datetime
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from clirunner import EXAMPLES, ROOT, run_osai, run_osai_process, run_osai_unprivileged

from osai.config import (
    Config,
    Overrides,
    Waiver,
    config_files,
    expiry_message,
    load_config,
    resolve,
)
from osai.errors import BadInput
from osai.outputs import OutputSpec
from osai.paths import schema_dir

TODAY = datetime.date(2026, 3, 1)
BOM_FILE = ROOT / "tests" / "fixtures" / "bom" / "aibom-generator-t5-base.json"
FRAMEWORK_FILE = ROOT / "tests" / "fixtures" / "frameworks" / "fmti-shaped.yaml"

FULL_YAML = """\
targets: [model.yml, EleutherAI/pythia-70m]
require: [osaid, "mof:class-2"]
outputs: [sarif=osai.sarif]
mof-mode: strict
fail-on-unknown: true
waivers:
  - rule: MOF-C2-EVALUATION-DATA
    reason: public benchmarks
    expires: 2026-06-30
  - rule: OSAID-DATA-UNSHAREABLE
    reason: "none was used; declared in v2"
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_schema_is_a_valid_json_schema() -> None:
    schema = json.loads((schema_dir() / "config.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def test_yaml_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / ".osai.yaml", FULL_YAML), cwd=tmp_path)
    assert config.targets == ("model.yml", "EleutherAI/pythia-70m")
    assert config.require == ("osaid", "mof:class-2")
    assert tuple(map(str, config.outputs)) == ("sarif=osai.sarif",)
    assert config.modes == ("mof=strict",)
    assert config.fail_on_unknown is True
    first, second = config.waivers
    assert first == Waiver(
        "MOF-C2-EVALUATION-DATA",
        "public benchmarks",
        datetime.date(2026, 6, 30),
        str(tmp_path / ".osai.yaml"),
        7,
    )
    assert second.expires is None


@pytest.mark.parametrize(
    "text", ['[tool.osai]\ntargets = ["model.yml"]\n', 'targets = ["model.yml"]\n']
)
def test_a_toml_file_not_named_so_is_said_to_be_toml(text: str, tmp_path: Path) -> None:
    """A settings file is read as TOML by its name: `[tool.osai]` in `osai.conf` was "invalid
    YAML: did not find expected <document start>", and `targets = [...]` "expected a YAML
    mapping of osai settings, found a string", neither naming what the file is."""
    path = write(tmp_path / "osai.conf", text)
    with pytest.raises(BadInput) as raised:
        load_config(path, cwd=tmp_path)
    assert str(raised.value) == (
        f"{path}: TOML, which osai reads only from a file whose name ends in .toml: rename it, "
        "or write its settings in YAML"
    )
    broken = write(tmp_path / "broken.yaml", "targets: [model.yml\n")  # YAML, not TOML either
    with pytest.raises(BadInput, match="invalid YAML"):
        load_config(broken, cwd=tmp_path)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (  # a BOM and CRLF, as an editor on Windows saves it
            '\ufeff[project]\r\nname = "m"\r\n\r\n[tool.osai]\r\nfail-on-unknown = "yes"\r\n',
            "pyproject.toml:5: tool.osai.fail-on-unknown: expected true or false",
        ),
        (  # a multi-line array, its comment holding a quote
            '[tool.osai]\nrequire = [\n  "osaid",  # the "gate"\n  5,\n]\n',
            "pyproject.toml:4: tool.osai.require[1]: expected text",
        ),
        (  # the second entry of an array of tables, at its key
            '[tool.osai]\n[[tool.osai.waivers]]\nrule = "A"\nreason = "r"\n'
            '[[tool.osai.waivers]]\nrule = "B"\nreason = "r"\nexpiry = 2027-01-01\n',
            "pyproject.toml:8: tool.osai.waivers[1].expiry: unknown key",
        ),
        (  # dotted keys under [tool]
            '[tool]\nosai.targets = ["a.yml"]\nosai.min-certainty = "sure"\n',
            "pyproject.toml:3: tool.osai.min-certainty: 'sure' is not one of",
        ),
        (  # a line of a multi-line string that reads as a key is text
            '[[tool.osai.waivers]]\nreason = """\nrule = "A"\n"""\nrule = 5\n',
            "pyproject.toml:5: tool.osai.waivers[0].rule: expected text",
        ),
        (  # an inline table, one entry to a line
            '[tool.osai]\nwaivers = [\n  {rule = "A", reason = "r"},\n'
            '  {rule = "B", reason = "r", expires = "soon"},\n]\n',
            "pyproject.toml:4: tool.osai.waivers[1].expires: expected a date",
        ),
    ],
)
def test_a_pyproject_mistake_is_said_at_its_line(tmp_path: Path, text: str, said: str) -> None:
    """pyproject.toml's [tool.osai] was read with tomllib, which keeps no lines: its mistakes
    were said at the file alone (`pyproject.toml: tool.osai.fail-on-unknown: ...`), where the
    same in .osai.yaml names its line; a long pyproject.toml left the reader to search it."""
    (tmp_path / "pyproject.toml").write_bytes(text.encode("utf-8"))
    with pytest.raises(BadInput) as refused:
        load_config(tmp_path / "pyproject.toml", cwd=tmp_path)
    assert said in str(refused.value), str(refused.value)


def test_pyproject_table(tmp_path: Path) -> None:
    text = """\
[project]
name = "my-model"

[tool.osai]
targets = ["model.yml"]
require = ["mof:class-3"]
formats = ["junit=osai.xml"]
waivers = [{rule = "MOF-C3-DATA-CARD", reason = "in review", expires = 2026-01-31}]
"""
    config = load_config(write(tmp_path / "pyproject.toml", text), cwd=tmp_path)
    assert config.targets == ("model.yml",)
    assert tuple(map(str, config.outputs)) == ("junit=osai.xml",)
    assert config.waivers[0].expires == datetime.date(2026, 1, 31)  # a TOML date
    assert config.waivers[0].line == 8  # at its line, as in YAML


def test_discovery(tmp_path: Path) -> None:
    assert config_files(tmp_path) == ()
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert config_files(tmp_path) == ()  # no [tool.osai]: not a configuration
    write(tmp_path / "pyproject.toml", '[tool.osai]\nrequire = ["osaid"]\n')
    assert config_files(tmp_path) == (tmp_path / "pyproject.toml",)
    write(tmp_path / ".osai.yaml", "require: [osaid]\n")
    # the dedicated file first: the one read
    assert config_files(tmp_path) == (tmp_path / ".osai.yaml", tmp_path / "pyproject.toml")


def test_a_broken_pyproject_beside_the_file_read_is_no_error(tmp_path: Path) -> None:
    """Looked at only to warn that it is set aside, a pyproject.toml being edited (`[project`)
    stopped a check that reads `.osai.yaml`: "invalid TOML", exit 2."""
    shutil.copy(EXAMPLES / "amber.yml", tmp_path)
    write(tmp_path / ".osai.yaml", "targets: [amber.yml]\n")
    write(tmp_path / "pyproject.toml", "[project\n")
    result = run_osai("check", "-q", cwd=tmp_path)
    assert (result.code, result.stderr) == (0, "")
    (tmp_path / ".osai.yaml").unlink()  # the one that would be read: its error is the run's
    broken = run_osai("check", "amber.yml", cwd=tmp_path)
    assert broken.code == 2 and "pyproject.toml: invalid TOML" in broken.stderr


@pytest.mark.parametrize(
    ("name", "make", "said"),
    [
        (".osai.yaml", lambda path: path.mkdir(), "is a directory, not a file"),
        (".osai.yaml", lambda path: path.symlink_to("gone.yaml"), "a symlink to nothing"),
        (".osai.yaml", os.mkfifo, "not a regular file"),
        ("pyproject.toml", os.mkfifo, "not a regular file"),
    ],
    ids=["directory", "dangling-symlink", "fifo", "pyproject-fifo"],
)
def test_a_configuration_file_there_but_unreadable_is_one_line(
    name: str, make: Callable[[Path], object], said: str, tmp_path: Path
) -> None:
    """A `.osai.yaml` that is a directory, a symlink to nothing or a named pipe was taken for
    absent: its `require:` was dropped and the check exited 0.  Refused as any file that cannot
    be read, without opening a named pipe (which blocks until something writes into it)."""
    make(tmp_path / name)
    result = run_osai("check", str(EXAMPLES / "amber.yml"), cwd=tmp_path)
    assert (result.code, result.stderr) == (2, f"osai: error: {name}: {said}\n")


def test_a_current_directory_that_cannot_be_searched_is_one_line(tmp_path: Path) -> None:
    """Looking for .osai.yaml where the directory's mode forbids it raised PermissionError, an
    internal error (exit 70); taking the file to be absent would drop a gate it may hold."""
    shutil.copy(EXAMPLES / "amber.yml", tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = run_osai_unprivileged(
            "check", str(tmp_path / "amber.yml"), cwd=locked, probe_in=tmp_path
        )
    finally:
        locked.chmod(0o755)
    assert result.code == 2
    assert result.stderr == (
        "osai: error: .osai.yaml: cannot look for it (Permission denied): name the settings "
        "file with --config FILE, or run osai from a directory it can read\n"
    )


def test_settings_in_a_directory_above_are_named_as_not_read(tmp_path: Path) -> None:
    """Run from a subdirectory, a check dropped the repository's gate without a word (exit 0):
    osai reads the current directory's settings only, as documented, and now says so."""
    shutil.copy(EXAMPLES / "llama-2-7b.yml", tmp_path)
    write(tmp_path / ".osai.yaml", "require: [osaid]\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    result = run_osai("check", "-q", "../../llama-2-7b.yml", cwd=tmp_path / "sub" / "deeper")
    assert result.code == 0  # not read, as the README says; but said
    assert result.stderr == (
        "osai: warning: ../../.osai.yaml is not read: osai reads its settings from the current "
        "directory only (run it from ../.., or give --config ../../.osai.yaml)\n"
    )
    # nothing above the repository's root is the project's
    (tmp_path / "sub" / ".git").mkdir()
    inside = run_osai("check", "-q", "../../llama-2-7b.yml", cwd=tmp_path / "sub" / "deeper")
    assert (inside.code, inside.stderr) == (0, "")


def test_settings_above_are_looked_for_up_to_the_root_the_reports_use(tmp_path: Path) -> None:
    """The warning had a repository root of its own: outside any repository it looked up to
    `/` (a stray ~/.osai.yaml was named from every directory), and it ignored the checkout
    GITHUB_WORKSPACE names (one without .git: actions/checkout without git downloads the
    files), which osai.paths.repository_root, the reports' root, stops at."""
    shutil.copy(EXAMPLES / "llama-2-7b.yml", tmp_path)
    write(tmp_path / ".osai.yaml", "require: [osaid]\n")
    deeper = tmp_path / "sub" / "deeper"
    deeper.mkdir(parents=True)
    outside = run_osai("check", "-q", "../../llama-2-7b.yml", cwd=deeper)
    assert (outside.code, outside.stderr) == (0, "")
    workspace = {"GITHUB_WORKSPACE": str(tmp_path / "sub")}
    above = run_osai("check", "-q", "../../llama-2-7b.yml", cwd=deeper, env=workspace)
    assert (above.code, above.stderr) == (0, "")
    write(tmp_path / "sub" / ".osai.yaml", "require: [osaid]\n")
    inside = run_osai("check", "-q", "../../llama-2-7b.yml", cwd=deeper, env=workspace)
    assert inside.stderr == (
        "osai: warning: ../.osai.yaml is not read: osai reads its settings from the current "
        "directory only (run it from .., or give --config ../.osai.yaml)\n"
    )


def test_configuration_files_not_read_are_named(tmp_path: Path) -> None:
    """`.osai.yaml` names a target and no gate; `.osai.yml` and [tool.osai] hold the gate.
    Only the first is read, as documented, and the gate was dropped without a word (exit 0).
    The run now says which files it does not read."""
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path)
    write(tmp_path / ".osai.yaml", "targets: [pythia-70m.yml]\n")
    write(tmp_path / ".osai.yml", "targets: [pythia-70m.yml]\nrequire: [mof:class-1]\n")
    write(tmp_path / "pyproject.toml", '[tool.osai]\nrequire = ["osaid"]\n')
    result = run_osai("check", "-q", cwd=tmp_path)
    assert result.code == 0
    assert result.stderr == (
        "osai: warning: reading .osai.yaml only; .osai.yml and pyproject.toml [tool.osai] are "
        "not read (osai reads one configuration file, never several: merge them, or remove "
        "those it does not read)\n"
    )
    (tmp_path / ".osai.yml").unlink()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')  # no [tool.osai]
    assert run_osai("check", "-q", cwd=tmp_path).stderr == ""


@pytest.mark.parametrize(
    ("table", "near"),
    [("tool.osia", "[tool.osia]"), ("tools.osai", "[tools.osai]"), ("osai", "[osai]")],
)
def test_a_table_named_nearly_tool_osai_is_named(tmp_path: Path, table: str, near: str) -> None:
    """A pyproject.toml whose table is misspelt held the gate, and the check passed without a
    word (exit 0); a file --config names said "no [tool.osai] table" and not what it has."""
    shutil.copy(EXAMPLES / "llama-2-7b.yml", tmp_path)
    pyproject = write(tmp_path / "pyproject.toml", f'[project]\nname = "x"\n[{table}]\nx = 1\n')
    said = f"no [tool.osai] table ({near} is not read: did you mean [tool.osai]?)"
    result = run_osai("check", "llama-2-7b.yml", "-q", cwd=tmp_path)
    assert result.stderr == f"osai: warning: pyproject.toml: {said}\n"
    named = run_osai("check", "llama-2-7b.yml", "--config", str(pyproject), cwd=tmp_path)
    assert (named.code, named.stderr) == (2, f"osai: error: {pyproject}: {said}\n")
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nx = 1\n')
    assert run_osai("check", "llama-2-7b.yml", "-q", cwd=tmp_path).stderr == ""


def _warned_by_every_report(cwd: Path, *args: str) -> dict[str, list[str]]:
    """The run's warnings as each report says them: standard error's lines, JSON `warnings`,
    SARIF's toolExecutionNotifications, the `github` report's `::warning title=osai::`
    annotations, and the Markdown report's list (each written by its own run)."""
    target = shutil.copy(EXAMPLES / "llama-2-7b.yml", cwd / "m.yml")
    check = ("check", str(target), *args)
    json_run = run_osai(*check, "--format", "json", cwd=cwd)
    run_osai(*check, "-q", "-o", f"sarif={cwd / 'r.sarif'}", cwd=cwd)
    sarif = json.loads((cwd / "r.sarif").read_text(encoding="utf-8"))
    notifications = sarif["runs"][0]["invocations"][0].get("toolExecutionNotifications", [])
    annotated = run_osai(*check, "--format", "github", cwd=cwd).stdout.splitlines()
    markdown = run_osai(*check, "--format", "markdown", cwd=cwd).stdout
    return {
        "stderr": [line.removeprefix("osai: warning: ") for line in json_run.stderr.splitlines()],
        "json": json.loads(json_run.stdout)["warnings"],
        "sarif": [n["message"]["text"] for n in notifications if n["level"] == "warning"],
        "github": [
            line.removeprefix("::warning title=osai::").replace("%3A", ":")
            for line in annotated
            if line.startswith("::warning title=osai::")
        ],
        # Markdown escapes its brackets and parentheses: the words are what is compared
        "markdown": [
            line.removeprefix("- ").replace("\\", "")
            for line in markdown.splitlines()
            if line.removeprefix("- ").replace("\\", "") in json.loads(json_run.stdout)["warnings"]
        ],
    }


@pytest.mark.parametrize(
    ("files", "cwd", "said"),
    [
        (
            {"pyproject.toml": '[tool.osia]\nrequire = ["osaid"]\n'},
            ".",
            "pyproject.toml: no [tool.osai] table ([tool.osia] is not read: did you mean "
            "[tool.osai]?)",
        ),
        (
            {"osai.yaml": "require: [osaid]\n"},
            ".",
            "osai.yaml is not read: it holds settings (require), and osai reads them from "
            ".osai.yaml (with a leading dot; osai.yaml is a model directory's manifest)",
        ),
        (
            {".osai.yaml": "require: [osaid]\n"},
            "sub",
            "../.osai.yaml is not read: osai reads its settings from the current directory only "
            "(run it from .., or give --config ../.osai.yaml)",
        ),
    ],
)
def test_a_settings_file_not_read_is_warned_of_in_every_report(
    tmp_path: Path, files: dict[str, str], cwd: str, said: str
) -> None:
    """The warning that explains why the gate was dropped (exit 0) was on standard error alone:
    in no annotation, not in SARIF's toolExecutionNotifications nor JSON's `warnings`, where
    the README says the run's warnings are, as standard error says them.  A CI job shows its
    reports, never its log.  So is --min-certainty's, which the gate dropped makes idle."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "sub").mkdir()
    for name, text in files.items():
        write(tmp_path / name, text)
    idle = "--min-certainty ignored: no --require or --fail-on-unknown gate"
    warned = _warned_by_every_report(tmp_path / cwd, "--min-certainty", "declared")
    for where, lines in warned.items():
        assert lines == [said, idle], (where, lines)


@pytest.mark.parametrize("name", ["osai.yaml", "osai.yml"])
def test_settings_in_osai_yaml_without_the_dot_are_named_as_not_read(
    tmp_path: Path, name: str
) -> None:
    """Settings written in `osai.yaml` (the name of a model directory's manifest) rather than
    `.osai.yaml`: the gate they held was dropped without a word, and the check passed."""
    shutil.copy(EXAMPLES / "llama-2-7b.yml", tmp_path)
    write(tmp_path / name, "require: [osaid]\nfail-on-unknown: true\n")
    result = run_osai("check", "llama-2-7b.yml", "-q", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        0,
        f"osai: warning: {name} is not read: it holds settings (require, fail-on-unknown), and "
        f"osai reads them from .{name} (with a leading dot; {name} is a model directory's "
        "manifest)\n",
    )
    (tmp_path / f".{name}").write_text("require: [osaid]\n")  # settings read: nothing said
    assert run_osai("check", "llama-2-7b.yml", "-q", cwd=tmp_path).stderr == ""
    (tmp_path / f".{name}").unlink()
    shutil.copy(EXAMPLES / "llama-2-7b.yml", tmp_path / name)  # a manifest of that name
    assert run_osai("check", "llama-2-7b.yml", "-q", cwd=tmp_path).stderr == ""
    write(tmp_path / name, "require: [osaid\n")  # not YAML: no settings file either
    assert run_osai("check", "llama-2-7b.yml", "-q", cwd=tmp_path).stderr == ""


def test_settings_in_osai_yaml_are_named_beside_the_pyproject_table_read(tmp_path: Path) -> None:
    """A project's [tool.osai] names its framework files; the gate written in `osai.yaml`
    (without the dot) was dropped without a word beside it, and the check passed (exit 0):
    the warning was given only when no settings file was read at all."""
    shutil.copy(EXAMPLES / "llama-2-7b.yml", tmp_path)
    write(tmp_path / "pyproject.toml", '[tool.osai]\nmof-mode = "default"\n')
    write(tmp_path / "osai.yaml", "require: [osaid]\n")
    result = run_osai("check", "llama-2-7b.yml", "-q", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        0,
        "osai: warning: osai.yaml is not read: it holds settings (require), and osai reads them "
        "from .osai.yaml (with a leading dot; osai.yaml is a model directory's manifest)\n",
    )


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (".osai.yaml", "waivers:\n  - rule: X\n", ".osai.yaml:2: waivers[0].reason: missing"),
        # a pattern in words: it read "'' does not match '\\S'"
        (
            ".osai.yaml",
            "waivers:\n  - {rule: X, reason: ''}\n",
            "waivers[0].reason: expected some text, not blank, found ''",
        ),
        (
            ".osai.yaml",
            "waivers:\n  - {rule: MOF C1, reason: y}\n",
            "waivers[0].rule: expected one word, without spaces, found 'MOF C1'",
        ),
        (".osai.yaml", "waivers:\n  - {rule: X, reason: y, expires: 2026-02-30}\n", "day is out"),
        (".osai.yaml", "waivers:\n  - {rule: X, reason: y, expires: '2026-02-30'}\n", "date"),
        (".osai.yaml", "waivers:\n  - {rule: X, reason: y, until: 2026-01-01}\n", "until"),
        (".osai.yaml", "target: [a.yml]\n", "target: unknown key (did you mean 'targets'?)"),
        (".osai.yaml", "require: 5\n", "require: expected a list or text, found the number 5"),
        (".osai.yaml", "require: [osaid, 5]\n", "require[1]: expected text, found the number 5"),
        (  # "did not find expected alphabetic or numeric character (line 4, column 17)" alone
            ".osai.yaml",
            "waivers:\n  - rule: X\n    reason: a\n    model: *gpt-*.yml\n",
            "(line 4, column 17); YAML reads a value that starts with * as an alias: quote it",
        ),
        (  # the later was taken without a word
            ".osai.yaml",
            "mof-mode: strict\nmodes: {mof: mot}\n",
            ".osai.yaml:2: modes.mof: mof is given a mode twice (strict at ",
        ),
        # YAML 1.1's booleans, read as such without a word (a manifest refuses them)
        (
            ".osai.yaml",
            "require: [osaid]\nfail-on-unknown: yes\n",
            ".osai.yaml:2: fail-on-unknown: write true, not `yes`: only YAML 1.1 reads it as true",
        ),
        (".osai.yaml", "fail-on-unknown: Off\n", ":1: fail-on-unknown: write false, not `Off`"),
        (".osai.yaml", "follow: yes\n", ":1: follow: write true, not `yes`: only YAML 1.1"),
        (  # the hint a manifest's text gives
            ".osai.yaml",
            "targets: [on]\n",
            "targets[0]: expected text, found true (YAML reads `on` as true; quote it, 'on',",
        ),
        # "an empty target names nothing (is a variable unset?)", naming no file
        (".osai.yaml", 'targets: ["  "]\n', ".osai.yaml:1: targets[0]: expected some text, not"),
        (  # it read "expected text, found the number 20270630"
            ".osai.yaml",
            "waivers:\n  - {rule: X, reason: a, expires: 20270630}\n",
            "waivers[0].expires: expected a date (YYYY-MM-DD), found the number 20270630",
        ),
        # as -o reads it (the schema had its own pattern, which refused `osai.sarif`)
        (".osai.yaml", "outputs: [osai.foo]\n", "outputs[0]: -o osai.foo: cannot tell the format"),
        (".osai.yaml", "outputs: [sarif=a]\nformats: [junit=b]\n", "either outputs or formats"),
        (  # the file, line and item: not only an `-o` flag no one typed
            ".osai.yaml",
            "outputs:\n  - sarif=a.sarif\n  - sarfi=b.sarif\n",
            ".osai.yaml:3: outputs[1]: -o sarfi=b.sarif: unknown format 'sarfi' (did you mean",
        ),
        (
            "osai.toml",
            "[tool.osai]\nformats = ['sarfi=b']\n",
            "osai.toml:2: tool.osai.formats[0]: -o",
        ),
        # a key YAML reads as null or a boolean is written as YAML writes it, as a manifest's
        (".osai.yaml", "targets: [a.yml]\n~: 1\n", ": null: unknown key"),
        (".osai.yaml", "targets: [a.yml]\ntrue: 1\n", ": true: unknown key"),
        (
            ".osai.yaml",
            "waivers:\n  - {rule: X, reason: a, false: 1}\n",
            "waivers[0].false: unknown",
        ),
        (".osai.yaml", "- a list\n", "expected a YAML mapping"),
        (".osai.yaml", "require: [unclosed\n", "invalid YAML"),
        (  # "found character that cannot start any token (line 2, column 1)" alone
            ".osai.yaml",
            "require:\n\t- osaid\n",
            "token (line 2, column 1) (YAML indents with spaces, not tabs)",
        ),
        (
            ".osai.yaml",
            "waivers:\n  - {rule: X, reason: a}\n  - {rule: X, reason: b}\n",
            ".osai.yaml:3: waivers[1]: X is waived twice (first by waivers[0], line 2)",
        ),
        (  # TOML names its keys in full
            "osai.toml",
            "[tool.osai]\nwaivers = [{rule = 'X', reason = 'a'}, {rule = 'X', reason = 'b'}]\n",
            "osai.toml:2: tool.osai.waivers[1]: X is waived twice (first by tool.osai.waivers[0],",
        ),
        ("osai.toml", "[tool.osai]\nrequire = 5\n", ": tool.osai.require: expected a list or"),
        (  # "expected a list" alone, where frameworks: and require: take one text
            ".osai.yaml",
            "add-framework: acme.yaml\n",
            "add-framework: expected a list, found 'acme.yaml' (a list of one is written "
            '["acme.yaml"])',
        ),
        ("osai.toml", "[tool.osai]\ntargets = 'm.yml'\n", '(a list of one is written ["m.yml"])'),
        (  # cut, the sample to copy read '["acme-...-e..."]', a name the file does not have
            ".osai.yaml",
            f"add-framework: {'a' * 70}.yaml\n",
            "...' (a list of one is written in brackets, the text quoted in them)",
        ),
        ("osai.toml", "[tool.other]\n", "no [tool.osai] table"),
        ("pyproject.toml", "[tool.osai\n", "invalid TOML"),
        # tomllib converts digits and nests arrays with no bound: an internal error (exit 70)
        ("pyproject.toml", "[tool.osai]\nx = " + "9" * 5000 + "\n", "a number too long to read"),
        (
            "pyproject.toml",
            "[tool.osai]\nx = " + "[" * 100_000 + "]" * 100_000 + "\n",
            "invalid TOML: nested too deeply",
        ),
    ],
)
def test_bad_configuration_is_one_line(tmp_path: Path, name: str, text: str, expected: str) -> None:
    with pytest.raises(BadInput) as raised:
        load_config(write(tmp_path / name, text), cwd=tmp_path)
    message = str(raised.value)
    assert expected in message
    assert "\n" not in message
    assert message.startswith(str(tmp_path / name))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32-be"])
def test_a_settings_file_in_utf_16_is_said_to_be(tmp_path: Path, encoding: str) -> None:
    """Saved as UTF-16 (with a byte order mark, or without one: a NUL every other byte), a
    settings file was "binary file, not text", as if it held no text at all."""
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path)
    (tmp_path / ".osai.yaml").write_bytes("require: [osaid]\n".encode(encoding))
    result = run_osai("check", "pythia-70m.yml", cwd=tmp_path)
    assert result.code == 2
    wide = encoding[:6].upper()
    assert result.stderr == (
        f"osai: error: .osai.yaml: {wide} text, which osai does not read: save it as UTF-8\n"
    )


SETTINGS_HINT = "--config names a file of settings such as .osai.yaml"


@pytest.mark.parametrize(
    ("named", "said"),
    [
        (
            "pythia-70m.yml",
            "a release manifest, not a settings file (`osai check pythia-70m.yml` checks it; "
            f"{SETTINGS_HINT})",
        ),
        (
            str(FRAMEWORK_FILE),
            "a framework rule file, not a settings file "
            f"(`--add-framework {FRAMEWORK_FILE}` adds its framework; {SETTINGS_HINT})",
        ),
        (
            str(ROOT / "rules" / "links.yaml"),
            f"a links rule file, not a settings file ({SETTINGS_HINT})",
        ),
        (  # a line for each of its keys, each "unknown key"
            str(BOM_FILE),
            f"an AI BOM (CycloneDX), not a settings file (`osai check {BOM_FILE}` checks it; "
            f"{SETTINGS_HINT})",
        ),
    ],
)
def test_a_settings_file_that_is_a_manifest_or_a_rule_file_is_one_line(
    tmp_path: Path, named: str, said: str
) -> None:
    """`--config osai.yaml`, a model's manifest named for the settings file it is nearly named
    as, said two lines of unknown keys ("framework: unknown key (did you mean 'add-framework'?)",
    "release: unknown key"), as if the settings had been misspelt; a rule file, one a line."""
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path)
    result = run_osai("check", "pythia-70m.yml", "--config", named, cwd=tmp_path)
    assert (result.code, result.stderr) == (2, f"osai: error: {named}: {said}\n")
    # the same file under the settings' own name is no settings file either
    shutil.copy(tmp_path / named, tmp_path / ".osai.yaml")
    found = run_osai("check", "pythia-70m.yml", cwd=tmp_path)
    assert found.code == 2
    assert found.stderr.startswith("osai: error: .osai.yaml: a")
    assert found.stderr.count("\n") == 1
    assert "not a settings file" in found.stderr


def test_the_command_a_settings_file_that_is_a_manifest_names_runs_as_given(
    tmp_path: Path,
) -> None:
    """A manifest named `my model; rm -rf ~.yml` was said to be checked by `osai check my
    model; rm -rf ~.yml`, which a shell runs as two commands, the second not osai's."""
    named = "my model; rm -rf ~.yml"
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path / named)
    result = run_osai("check", named, "--config", named, cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: {named}: a release manifest, not a settings file (`osai check "
        f"'{named}'` checks it; {SETTINGS_HINT})\n",
    )


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no such file"):
        load_config(tmp_path / "nope.yaml")


def test_empty_file_is_no_settings(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / ".osai.yaml", "# nothing yet\n"), cwd=tmp_path)
    assert config == Config(path=tmp_path / ".osai.yaml")


# --- precedence ----------------------------------------------------------------------------


def _config(tmp_path: Path) -> Config:
    return load_config(write(tmp_path / ".osai.yaml", FULL_YAML), cwd=tmp_path)


def test_the_file_applies_when_the_command_line_is_silent(tmp_path: Path) -> None:
    settings = resolve(_config(tmp_path), Overrides(), TODAY)
    assert settings.targets == ("model.yml", "EleutherAI/pythia-70m")
    assert settings.require == ("osaid", "mof:class-2")
    assert tuple(map(str, settings.outputs)) == ("sarif=osai.sarif",)
    assert settings.modes == ("mof=strict",)
    assert settings.fail_on_unknown is True
    assert [w.rule for w in settings.waivers] == [
        "MOF-C2-EVALUATION-DATA",
        "OSAID-DATA-UNSHAREABLE",
    ]


def test_the_command_line_wins(tmp_path: Path) -> None:
    overrides = Overrides(
        targets=("other.yml",),
        require=("mof:class-3",),
        outputs=(OutputSpec.parse("junit=x.xml"),),
        modes=("mof=mot",),
        fail_on_unknown=False,
    )
    settings = resolve(_config(tmp_path), overrides, TODAY)
    assert settings.targets == ("other.yml",)  # replaced, not added to
    assert settings.require == ("mof:class-3",)
    assert tuple(map(str, settings.outputs)) == ("junit=x.xml",)
    assert settings.modes == ("mof=strict", "mof=mot")  # the later one wins
    assert settings.fail_on_unknown is False
    assert len(settings.waivers) == 2  # waivers come from the file only


def test_defaults_without_a_file() -> None:
    settings = resolve(Config(), Overrides(targets=("m.yml",)), TODAY)
    assert (settings.require, settings.outputs, settings.waivers) == ((), (), ())
    assert settings.modes == ()
    assert settings.fail_on_unknown is False


def test_no_targets_anywhere() -> None:
    with pytest.raises(BadInput, match="no targets"):
        resolve(Config(), Overrides(), TODAY)


# --- expiry --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "applies"),
    [
        (datetime.date(2026, 6, 29), True),
        (datetime.date(2026, 6, 30), True),  # up to and including the expiry day
        (datetime.date(2026, 7, 1), False),
    ],
)
def test_expiry_uses_the_given_day(tmp_path: Path, today: datetime.date, applies: bool) -> None:
    settings = resolve(_config(tmp_path), Overrides(), today)
    active = [w.rule for w in settings.waivers]
    expired = [w.rule for w in settings.expired]
    assert ("MOF-C2-EVALUATION-DATA" in active) is applies
    assert ("MOF-C2-EVALUATION-DATA" in expired) is not applies
    assert "OSAID-DATA-UNSHAREABLE" in active  # no expiry: always applies


@pytest.mark.parametrize(
    ("zone", "days_before_today_in_utc", "applies"),
    # UTC+14 and UTC-12: at any moment one of them keeps a date other than UTC's
    [("Etc/GMT-14", 0, True), ("Etc/GMT+12", 1, False)],
)
def test_expiry_is_judged_on_the_day_in_utc(
    tmp_path: Path, zone: str, days_before_today_in_utc: int, applies: bool
) -> None:
    """Expiry was judged on the machine's local date: a CI runner keeps UTC, a laptop its own
    zone, and the same waiver applied on one and had expired on the other.  UTC's day counts,
    on every machine (a subprocess, so that TZ is the process's zone from its start)."""
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path)
    for _ in range(2):  # once more if UTC's day turned while osai ran
        day = datetime.datetime.now(datetime.UTC).date()
        expires = day - datetime.timedelta(days=days_before_today_in_utc)
        write(
            tmp_path / ".osai.yaml",
            f"waivers:\n  - {{rule: OSAID-CODE-TRAINING, reason: x, expires: {expires}}}\n",
        )
        result = run_osai_process("check", "pythia-70m.yml", "-q", cwd=tmp_path, env={"TZ": zone})
        if datetime.datetime.now(datetime.UTC).date() == day:
            break
    assert result.code in (0, 1), result.stderr
    assert (f"expired after {expires}" not in result.stderr) is applies, result.stderr


def test_expiry_message_names_the_rule_date_and_place(tmp_path: Path) -> None:
    waiver = _config(tmp_path).waivers[0]
    message = expiry_message(waiver)
    assert message.startswith("waiver for MOF-C2-EVALUATION-DATA expired after 2026-06-30")
    assert message.endswith(f"({tmp_path / '.osai.yaml'}:7)")


# --- paths ---------------------------------------------------------------------------------


def test_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    write(tmp_path / "models" / "m.yml", "x: 1\n")
    ci = tmp_path / "ci"
    ci.mkdir()
    text = "targets: [../models/m.yml, org/name]\noutputs: [sarif=out/o.sarif, out/r.json]\n"
    config = load_config(write(ci / "gate.yaml", text), cwd=tmp_path)
    assert config.targets == (str(tmp_path / "models" / "m.yml"), "org/name")
    # a path alone is taken as -o takes it, in the format its extension names
    assert tuple(map(str, config.outputs)) == (
        f"sarif={ci / 'out' / 'o.sarif'}",
        str(ci / "out" / "r.json"),
    )
    assert [spec.format.value for spec in config.outputs] == ["sarif", "json"]
    same_dir = load_config(ci / "gate.yaml", cwd=ci)
    assert same_dir.targets == ("../models/m.yml", "org/name")


def test_a_path_not_there_is_said_where_the_file_says_it_is(tmp_path: Path) -> None:
    """ci/gate.yaml's `../models/tin` (models/tiny beside it) was looked for from where osai ran,
    which its error named as written: `../models/tin: no such file or directory`, a path from
    the repository's root that is outside it, with no directory beside it to suggest; and its
    `./gone.yml` was osai's own directory's gone.yml, a manifest the file does not name."""
    (tmp_path / "models" / "tiny").mkdir(parents=True)
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path / "gone.yml")
    write(tmp_path / "models" / "tiny" / "README.md", "# tiny\n")
    (tmp_path / "ci").mkdir()
    write(tmp_path / "ci" / "gate.yaml", "targets: [../models/tin, ./gone.yml]\n")
    result = run_osai("check", "--config", "ci/gate.yaml", cwd=tmp_path)
    assert result.code == 2
    said = " ".join(result.stdout.split())
    assert "./models/tin: error: no such file or directory (did you mean 'models/tiny'?)" in said
    assert "./ci/gone.yml: error: no such file or directory" in said


def test_standard_output_is_no_path_relative_to_the_file(tmp_path: Path) -> None:
    """`json=-` is standard output wherever the file is; `json=./-` a file beside it."""
    ci = tmp_path / "ci"
    ci.mkdir()
    config = load_config(write(ci / "gate.yaml", "outputs: [json=-, json=./-]\n"), cwd=tmp_path)
    assert tuple(map(str, config.outputs)) == ("json=-", f"json={ci / '-'}")
    assert [spec.to_standard_output for spec in config.outputs] == [True, False]


def test_example_configuration_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    config = load_config(Path("examples/ci/.osai.yaml"))
    assert config.targets == ("examples/gpt-neox-20b.yml", "examples/pythia-70m.yml")
    assert config.waivers and all(w.reason for w in config.waivers)


def test_min_certainty_is_a_setting_of_the_file_too(tmp_path: Path) -> None:
    """The gate's --min-certainty had no key: a pipeline that accepts inferred evidence had to
    pass the flag on every run (and the GitHub Action, which reads the file, could not)."""
    shutil.copy(EXAMPLES / "amber.yml", tmp_path)  # OSAID conformant, inferred
    write(tmp_path / ".osai.yaml", "targets: [amber.yml]\nrequire: [osaid]\n")
    assert run_osai("check", "-q", cwd=tmp_path).code == 1  # NOT PROVEN on inferred evidence
    write(
        tmp_path / ".osai.yaml",
        "targets: [amber.yml]\nrequire: [osaid]\nmin-certainty: inferred\n",
    )
    assert run_osai("check", "-q", cwd=tmp_path).code == 0
    # the flag wins over the file
    assert run_osai("check", "-q", "--min-certainty", "detected", cwd=tmp_path).code == 1
    write(tmp_path / ".osai.yaml", "targets: [amber.yml]\nmin-certainty: inferred\n")
    ungated = run_osai("check", "-q", cwd=tmp_path)
    assert ungated.stderr == (
        "osai: warning: .osai.yaml: min-certainty ignored: no require or fail-on-unknown gate\n"
    )
    write(tmp_path / ".osai.yaml", "targets: [amber.yml]\nmin-certainty: sure\n")
    wrong = run_osai("check", "-q", cwd=tmp_path)
    assert wrong.code == 2 and len(wrong.stderr.splitlines()) == 1, wrong.stderr
    assert ".osai.yaml:2" in wrong.stderr and "min-certainty" in wrong.stderr


def test_a_gate_held_to_the_file_s_min_certainty_names_the_file_not_a_flag(
    tmp_path: Path,
) -> None:
    """`min-certainty: declared` in .osai.yaml: the gate said "(--min-certainty declared)", a
    flag its reader never gave, where `require` and `fail-on-unknown` name the file and line."""
    shutil.copy(EXAMPLES / "amber.yml", tmp_path)  # OSAID conformant, inferred
    write(
        tmp_path / ".osai.yaml",
        "targets: [amber.yml]\nrequire: [osaid]\nmin-certainty: declared\n",
    )
    gate = " ".join(run_osai("check", cwd=tmp_path, env={"COLUMNS": "400"}).stdout.split())
    assert "reached only on inferred evidence (min-certainty declared (.osai.yaml:3))" in gate
    assert "--min-certainty" not in gate
    write(
        tmp_path / ".osai.yaml",
        "targets: [amber.yml]\nmin-certainty: declared\nfail-on-unknown: true\n",
    )
    held = run_osai("check", "--format", "json", cwd=tmp_path)
    (verdict,) = json.loads(held.stdout)["targets"][0]["unsettled"]
    assert (
        verdict["reason"]
        == "rests on inferred evidence, below min-certainty declared (.osai.yaml:2)"
    )
    # the flag, given, is named as the flag
    flag = run_osai("check", "--min-certainty", "declared", cwd=tmp_path, env={"COLUMNS": "400"})
    assert "below --min-certainty declared" in " ".join(flag.stdout.split())


def test_a_configuration_names_the_framework_files_of_its_own(tmp_path: Path) -> None:
    """An organisation's policy as a framework file: a CI configuration could require it only
    if every run also passed --add-framework (`require: [fmti-shaped]` was "unknown
    framework").  `add-framework:` names it, relative to the file; the flag replaces the list."""
    policies = tmp_path / "policies"
    policies.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "frameworks" / "fmti-shaped.yaml", policies)
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path)
    (tmp_path / ".osai.yaml").write_text(
        "targets: [pythia-70m.yml]\n"
        "add-framework: [policies/fmti-shaped.yaml]\n"
        "require: ['fmti-shaped:0.5']\n",
        encoding="utf-8",
    )
    gated = run_osai("check", "--format", "json", cwd=tmp_path)
    assert gated.code == 0, gated.stderr
    (target,) = json.loads(gated.stdout)["targets"]
    assert [f["id"] for f in target["frameworks"]] == ["osaid", "mof", "fmti-shaped"]
    assert [(p["require"], p["verdict"]) for p in target["policies"]] == [
        ("fmti-shaped:0.5", "PASS")
    ]
    # from elsewhere, the file's path is still relative to the file
    # wide: at 80 columns a long temporary path is broken at a '/' to fit, and the run's
    # temporary directory grows a digit as pytest's runs are counted (pytest-999, pytest-1044)
    elsewhere = run_osai(
        "check", "--config", str(tmp_path / ".osai.yaml"), "-q", cwd=ROOT, env={"COLUMNS": "400"}
    )
    assert elsewhere.code == 0, elsewhere.stderr
    said = " ".join(elsewhere.stdout.split())
    assert f"PASS require fmti-shaped:0.5 ({tmp_path / '.osai.yaml'}:3): score" in said
    # the flag replaces the file's list: the policy file is not added, so not known
    replaced = run_osai(
        "check", "--add-framework", str(ROOT / "tests/fixtures/frameworks/euaia-sketch.yaml"),
        cwd=tmp_path,
    )  # fmt: skip
    assert replaced.code == 2
    assert "unknown framework 'fmti-shaped'" in replaced.stderr


@pytest.mark.parametrize(
    ("key", "text"),
    [("outputs", "r\\0.json"), ("add-framework", "policy\\0.yaml")],
)
def test_a_path_with_a_nul_in_a_configuration_is_one_line(
    tmp_path: Path, key: str, text: str
) -> None:
    """No file's name holds a NUL, which a command line cannot give but YAML and TOML can
    ("\\0", "\\u0000"): looking such a path up was "ValueError: embedded null byte", an
    internal error with exit 70 (ys's review of c4c64fc)."""
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path)
    (tmp_path / ".osai.yaml").write_text(
        f'targets: [pythia-70m.yml]\n{key}: ["{text}"]\n', encoding="utf-8"
    )
    result = run_osai("check", "-q", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: .osai.yaml:2: {key}[0]: a path holds no NUL character\n",
    )


def test_a_framework_file_the_configuration_names_that_is_not_there_is_said_at_its_line(
    tmp_path: Path,
) -> None:
    """It said "policies/nope.yaml: no such file", not which line of which file named it."""
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path)
    (tmp_path / ".osai.yaml").write_text(
        "targets: [pythia-70m.yml]\nadd-framework: [policies/nope.yaml]\n", encoding="utf-8"
    )
    result = run_osai("check", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        "osai: error: .osai.yaml:2: add-framework[0]: policies/nope.yaml: no such file\n",
    )


@pytest.mark.parametrize(
    ("named", "said"),
    [
        ("policies", "policies: is a directory, not a file"),  # it said "no such file"
        # it said "pythia-70m.yml: schema: expected a framework rule file", not where it was named
        ("pythia-70m.yml", "pythia-70m.yml: a release manifest, not a framework rule file"),
    ],
)
def test_a_framework_file_the_configuration_names_that_is_no_rule_file_is_said_at_its_line(
    tmp_path: Path, named: str, said: str
) -> None:
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path)
    (tmp_path / "policies").mkdir()
    (tmp_path / ".osai.yaml").write_text(
        f"targets: [pythia-70m.yml]\nadd-framework: [{named}]\n", encoding="utf-8"
    )
    result = run_osai("check", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        f"osai: error: .osai.yaml:2: add-framework[0]: {said}\n",
    )
    # the flag names the file it was given, as it did
    (tmp_path / ".osai.yaml").unlink()
    flag = run_osai("check", "pythia-70m.yml", "--add-framework", "pythia-70m.yml", cwd=tmp_path)
    assert (
        flag.stderr
        == "osai: error: pythia-70m.yml: a release manifest, not a framework rule file\n"
    )


@pytest.mark.parametrize(
    ("text", "flag", "follows"),
    [
        ("", None, None),
        ("follow: true\n", None, True),
        ("follow: false\n", None, False),
        ("follow: true\n", False, False),  # the flag wins
        ("follow: false\n", True, True),
    ],
)
def test_the_file_s_follow_is_the_flag_s_unless_the_flag_is_given(
    tmp_path: Path, text: str, flag: bool | None, follows: bool | None
) -> None:
    """A workflow (the GitHub Action) could not follow a local model's links: no `follow` in
    the file, so a fine-tune's base model, whose licence binds it, was never read in CI."""
    path = tmp_path / ".osai.yaml"
    path.write_text(f"targets: [m]\n{text}", encoding="utf-8")
    settings = resolve(load_config(path, tmp_path), Overrides(follow=flag), TODAY)
    assert settings.follow is follows


def test_the_file_s_follow_reads_a_local_fine_tune_s_base_model(
    linked_world: object, tmp_path: Path
) -> None:
    """`follow: true` in .osai.yaml reads the base model on the Hub, as --follow does: the
    Llama 2 licence of a fine-tune declaring Apache-2.0 reaches its parameters."""
    model = tmp_path / "m"
    model.mkdir()
    card = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# m\n"
    (model / "README.md").write_text(card, encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"weights")

    def parameters(config: str, *flags: str) -> dict[str, object]:
        (tmp_path / ".osai.yaml").write_text(f"targets: [m]\n{config}", encoding="utf-8")
        result = run_osai("check", *flags, "-f", "osaid", "--format", "json", cwd=tmp_path)
        report = json.loads(result.stdout)
        found: dict[str, object] = next(
            r
            for f in report["targets"][0]["frameworks"]
            for r in f["requirements"]
            if r["id"] == "OSAID-PARAMETERS"
        )
        return found

    followed = parameters("follow: true\n")
    assert followed["status"] == "unmet", (followed["status"], followed["reason"])
    assert "Llama 2" in str(followed["reason"])
    assert parameters("follow: true\n", "--no-follow")["status"] != "unmet"
    assert parameters("")["status"] != "unmet"
