"""The conventions of the tools people already use: exit codes, help, completion, JSON for the
informational commands, one clear line for bad input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import click
import pytest
from clirunner import EXAMPLES, run_osai, run_osai_process

from osai.rules import load_ruleset
from osai.run import CheckRequest, Judging, judge_all, read_options, resolve_modes

LLAMA = str(EXAMPLES / "llama-2-7b.yml")
PYTHIA = str(EXAMPLES / "pythia-70m.yml")


def test_exit_zero_passes_an_unmet_policy_but_not_an_error(tmp_path: Path) -> None:
    assert run_osai("check", LLAMA, "--require", "osaid").code == 1
    passed = run_osai("check", LLAMA, "--require", "osaid", "--exit-zero")
    assert passed.code == 0 and "FAIL" in passed.stdout  # the report still says FAIL
    broken = run_osai("check", str(tmp_path / "missing.yml"), "--exit-zero")
    assert broken.code == 2


def _every_command() -> dict[tuple[str, ...], set[str]]:
    """Every command and group of `osai`, as typed (`("census", "report")`), from the app, with
    the options it takes more than once, named as its help names them (`-f, --framework`)."""
    import typer.main

    import osai.cli

    found: dict[tuple[str, ...], set[str]] = {}

    def walk(command: Any, path: tuple[str, ...]) -> None:
        found[path] = {", ".join(p.opts) for p in command.params if getattr(p, "multiple", False)}
        for name, child in getattr(command, "commands", {}).items():
            walk(child, (*path, name))

    walk(typer.main.get_command(osai.cli.app), ())
    return found


REPEATABLE = _every_command()
EVERY_COMMAND = list(REPEATABLE)


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda path: " ".join(path) or "osai")
def test_help_shows_plain_metavars(command: tuple[str, ...]) -> None:
    result = run_osai(*command, "--help", env={"COLUMNS": "200"})
    assert result.code == 0
    python_types = re.findall(r"<(?:list\[\w+\]|str|int|float|path|Path|\w+ range)>", result.stdout)
    assert python_types == []
    assert "range>" not in result.stdout and "list[" not in result.stdout


def _command(path: tuple[str, ...]) -> Any:
    import typer.main

    import osai.cli

    command = typer.main.get_command(osai.cli.app)
    for name in path:
        command = command.commands[name]
    return command


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda path: " ".join(path) or "osai")
def test_every_value_is_named_and_a_count_is_n(command: tuple[str, ...]) -> None:
    """`osai census --help` said `--deep DEEP`, `--retries RETRIES`, `-j, --jobs JOBS` and
    `--max-links MAX-LINKS` where `osai check` says `N`: typer's own placeholder echoes the
    option's name.  Every option names what it takes (N, FILE, PATH, SECONDS, …), a count N."""
    options = [p for p in _command(command).params if p.param_type_name == "option"]
    for option in (p for p in options if not p.is_flag):
        name = max(option.opts, key=len)
        assert option.metavar, f"{name} takes a value it does not name"
        if option.bare_type() is int:
            assert option.metavar == "N", name


def test_census_help_says_what_the_report_prints_and_which_models_deep_checks() -> None:
    """`osai census report --help` did not say that with neither --html nor --markdown it
    prints the Markdown; `--deep` said "the top N (by --sort)" and nothing of no --sort, where
    the first N listed are checked, in the Hub's own order."""
    wide = {"COLUMNS": "200"}
    report = run_osai("census", "report", "--help", env=wide).stdout
    assert "With neither --html nor --markdown, the Markdown is printed on standard output" in (
        " ".join(report.split())
    )
    census = _option_entries(run_osai("census", "--help", env=wide).stdout.split("Options:")[1])
    value, said = census["--deep"]  # spaces as wrapped: the help is as wide as the terminal's
    assert (value, " ".join(said.split())) == (
        "N",
        "Check the first N listed in full, links followed: the top N by --sort, else the first "
        "N in the Hub's default order. [default: 0; x>=0]",
    )


# An option's line in the help: its names, then its value's name (if it takes one).
_OPTION_LINE = re.compile(r"^  (?P<names>-[^ ,]*(?:, -[^ ,]*)*(?: / -[^ ,]*)?)(?: (?P<value>\S+))?")


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda path: " ".join(path) or "osai")
def test_help_names_one_value_per_option_and_no_braces(command: tuple[str, ...]) -> None:
    """`--filter FILTER...` promised several values (and `--filter a b` then failed on 'b'): an
    option takes one value each time, and says when it may be repeated; `{RULE}` in the usage read
    as a choice, or as something to type with its braces."""
    text = run_osai(*command, "--help", env={"COLUMNS": "200"}).stdout
    usage = text.splitlines()[0]
    assert usage.startswith("Usage: osai") and "{" not in usage and "}" not in usage
    entries = _option_entries(text.split("Options:")[1].split("\n\n")[0])
    assert "--help" in entries, text
    values = [value for value, _ in entries.values()]
    assert [value for value in values if value.endswith("...") or "{" in value] == [], text
    for names in REPEATABLE[command]:
        assert "repeatable" in entries[names][1], (names, text)


def _option_entries(section: str) -> dict[str, tuple[str, str]]:
    """The help's options: names (`-f, --framework`) → (the value's name or "", the help)."""
    entries: dict[str, tuple[str, str]] = {}
    names = ""
    for line in section.splitlines():
        found = _OPTION_LINE.match(line)
        if found:
            names = found["names"]
            entries[names] = (found["value"] or "", line[found.end() :].strip())
        elif names:
            value, help_text = entries[names]
            entries[names] = (value, f"{help_text} {line.strip()}")
    return entries


@pytest.mark.parametrize("command", ["check", "compare"])
def test_every_framework_id_the_help_offers_is_accepted(command: str) -> None:
    rules = load_ruleset()
    text = " ".join(run_osai(command, "--help", env={"COLUMNS": "200"}).stdout.split())
    offered = re.findall(r"\b(osaid|osi|osai|mof|eu-ai-act|eosai)\b(?! check)", text)
    offered = [word for word in offered if word != "osai"]  # the program's own name
    assert {"osaid", "mof", "eu-ai-act", "eosai"} <= set(offered)
    for framework_id in offered:
        rules.framework(framework_id)


def test_framework_lists_are_taken_comma_separated(tmp_path: Path) -> None:
    """`-f osaid,mof` was refused ("unknown framework 'osaid,mof'"): ruff's `--select A,B` and
    most linters take a list so.  Repeated and comma-separated mix; a bad id in the list gets the
    one-line did-you-mean an id alone gets."""

    def checked(*options: str) -> list[str]:
        result = run_osai("check", PYTHIA, *options, "--format", "json")
        assert result.code == 0, result.stderr
        return [f["id"] for f in json.loads(result.stdout)["targets"][0]["frameworks"]]

    assert checked("-f", "osaid,mof") == ["osaid", "mof"] == checked("-f", "osaid", "-f", "mof")
    assert checked("-f", "eu-ai-act, osi", "--framework", "mof") == ["eu-ai-act", "osaid", "mof"]
    gate = run_osai("check", PYTHIA, "--require", "osaid,mof:class-3", "-q")
    assert gate.code == 0, gate.stderr
    assert "--require osaid:" in gate.stdout and "--require mof:class-3:" in gate.stdout
    compared = run_osai("compare", "osaid,eu-ai-act", "--format", "json")
    assert compared.code == 0, compared.stderr
    assert [f["id"] for f in json.loads(compared.stdout)["frameworks"]] == ["osaid", "eu-ai-act"]
    for command, named in (
        (("check", PYTHIA, "-f", "osaid,mfo"), "-f: "),
        (("check", PYTHIA, "--require", "osaid,mfo:class-2"), "--require mfo:class-2: "),
        (("census", "--db", str(tmp_path / "census.duckdb"), "-f", "osaid,mfo"), "-f: "),
        (("compare", "osaid,mfo"), ""),
    ):
        refused = run_osai(*command, env={"HF_ENDPOINT": "http://127.0.0.1:9"})
        assert (refused.code, refused.stdout) == (2, ""), command
        said = f"osai: error: {named}unknown framework 'mfo' (did you mean 'mof'?)\n"
        assert refused.stderr == said, command
    assert not (tmp_path / "census.duckdb").exists()
    for command in ("check", "census"):
        text = " ".join(run_osai(command, "--help", env={"COLUMNS": "200"}).stdout.split())
        assert "or separated by commas or blanks: -f osaid,mof" in text, command


def test_a_framework_is_named_by_its_name_as_manifests_write_it(tmp_path: Path) -> None:
    """`-f 'Model Openness Framework'`, the MOF as a manifest's `framework.name` names it, was
    split at its blanks and refused: "unknown framework 'Model'".  A value (or a part between
    commas) that is wholly a framework's name, case aside, is that framework; a configuration's
    `frameworks:` reads it as -f does; other values still split at commas and blanks."""

    def checked(*options: str, cwd: Path | None = None) -> list[str]:
        result = run_osai("check", PYTHIA, *options, "--format", "json", cwd=cwd)
        assert result.code == 0, result.stderr
        return [f["id"] for f in json.loads(result.stdout)["targets"][0]["frameworks"]]

    assert checked("-f", "Model Openness Framework") == ["mof"]
    assert checked("-f", "model openness framework, osaid") == ["mof", "osaid"]
    assert checked("-f", "osaid mof") == ["osaid", "mof"]
    (tmp_path / ".osai.yaml").write_text("frameworks: [Model Openness Framework]\n")
    assert checked(cwd=tmp_path) == ["mof"]
    compared = run_osai("compare", "Model Openness Framework", "osaid", "--format", "json")
    assert compared.code == 0, compared.stderr
    assert [f["id"] for f in json.loads(compared.stdout)["frameworks"]] == ["mof", "osaid"]
    # blanks as written: a name spaced otherwise is still words, the first refused
    refused = run_osai("check", PYTHIA, "-f", "Model  Openness Framework")
    assert (refused.code, refused.stderr.splitlines()[0][:44]) == (
        2,
        "osai: error: -f: unknown framework 'Model' (",
    )


def test_compare_offers_only_the_formats_it_writes() -> None:
    text = run_osai("compare", "--help", env={"COLUMNS": "200"}).stdout
    assert "sarif" not in text and "junit" not in text
    assert run_osai("compare", "--format", "junit").code == 2


def test_rules_list_says_optional_once() -> None:
    text = run_osai("rules", "list").stdout
    assert "(optional)  (optional)" not in text
    assert "MOF-C3-SAMPLE-MODEL-OUTPUTS" in text


@pytest.mark.parametrize("columns", [100, 120])
def test_rules_list_wraps_every_row_under_its_description(columns: int) -> None:
    """A title wrapped under its own column, never four columns in: "…requirement)  (optional)"
    read as one more column and the OSAID intermediate-checkpoints row wrapped to 6 spaces; an
    EOSAI level filling its column ("Availability") wrapped its title under the level."""
    rules = load_ruleset()
    requirement_ids = {r.id for f in rules.frameworks.values() for r in f.requirements}
    lines = run_osai("rules", "list", env={"COLUMNS": str(columns)}).stdout.splitlines()
    row = re.compile(r"^  (?P<id>\S+) +\S+ +(?=\S)")  # id, level or group, then the title
    framework_row = re.compile(r"^\S+ +(?=\S)")  # id, then the name
    title_columns: set[int] = set()
    seen: list[str] = []
    description = -1
    for line in lines:
        found = row.match(line)
        if found and found["id"] in requirement_ids:
            description = found.end()
            title_columns.add(description)
            seen.append(found["id"])
        elif not line.startswith(" "):
            matched = framework_row.match(line)
            assert matched, line
            description = matched.end()
        else:
            indent = len(line) - len(line.lstrip(" "))
            assert indent == description, f"at {columns} columns: {line!r}"
    assert sorted(seen) == sorted(requirement_ids)
    assert len(title_columns) == 1, title_columns  # the titles are one column


def test_rules_list_at_80_columns_puts_each_title_under_its_id() -> None:
    """Beside ids of 38 columns and levels of 13, the titles had 25 of 80: each wrapped over 3
    to 5 lines (148 in all).  Narrow, a requirement is its id and level, then its title."""
    rules = load_ruleset()
    requirement_ids = {r.id for f in rules.frameworks.values() for r in f.requirements}
    lines = run_osai("rules", "list", env={"COLUMNS": "80"}).stdout.splitlines()
    heads = [line.split() for line in lines if re.match(r"^  \S", line)]
    assert {head[0] for head in heads} == requirement_ids
    assert all(len(head) == 2 for head in heads)  # the id and its level or group, no title
    following = [lines[i + 1] for i, line in enumerate(lines) if re.match(r"^  \S", line)]
    assert all(line.startswith("      ") and line.strip() for line in following)
    assert max(map(len, lines)) <= 80 and len(lines) < 130


def test_rules_list_and_show_as_json() -> None:
    listed = json.loads(run_osai("rules", "list", "--format", "json").stdout)
    ids = [f["id"] for f in listed["frameworks"]]
    assert ids[:2] == ["osaid", "mof"] and {"eu-ai-act", "eosai"} <= set(ids)
    mof = next(f for f in listed["frameworks"] if f["id"] == "mof")
    assert len(mof["requirements"]) == len(load_ruleset().frameworks["mof"].requirements)
    shown = json.loads(run_osai("rules", "show", "osi", "--format", "json").stdout)
    assert shown["id"] == "osaid" and shown["levels"][0]["id"] == "conformant"
    training = next(r for r in shown["requirements"] if r["id"] == "OSAID-CODE-TRAINING")
    assert training["citation"]["ref"] == "OSAID 1.0, Code" and training["checks"]
    assert run_osai("rules", "show", "nope", "--format", "json").code == 2


def test_rules_explain_as_json() -> None:
    """`rules explain` was the one informational command without --format json: a script had to
    parse its text, or take the whole framework from `rules show` to find one requirement."""
    result = run_osai("rules", "explain", "osaid-code-training", "--format", "json")
    assert result.code == 0, result.stderr
    explained = json.loads(result.stdout)
    shown = json.loads(run_osai("rules", "show", "osaid", "--format", "json").stdout)
    entry = next(r for r in shown["requirements"] if r["id"] == "OSAID-CODE-TRAINING")
    for key, value in entry.items():  # the same keys, with the same values, as `rules show`
        assert explained[key] == value, key
    assert explained["framework"]["id"] == "osaid" and explained["weight"] is None
    assert explained["where"].startswith("conformant")
    (mode,) = explained["modes"]
    assert (mode["mode"], mode["policy"]["accept"]) == ("default", ["osi-approved"])
    graded = json.loads(
        run_osai("rules", "explain", "EOSAI-TRAINING-CODE", "--format", "json").stdout
    )
    assert graded["framework"]["kind"] == "graded" and graded["weight"] == 1.0
    assert [g["grade"] for g in graded["grades"]][:2] == ["open", "partial"]
    assert graded["grades"][0]["citation"]["ref"] == "EOSAI, Training Code: open"
    missing = run_osai("rules", "explain", "OSAID-CODE-TRAINNG", "--format", "json")
    assert (missing.code, missing.stdout) == (2, "")
    assert (
        missing.stderr
        == "osai: error: no rule 'OSAID-CODE-TRAINNG' (did you mean 'OSAID-CODE-TRAINING'?)\n"
    )


def test_licenses_show_as_json() -> None:
    result = run_osai("licenses", "show", "Apache-2.0 OR llama2", "--format", "json")
    assert result.code == 0
    document = json.loads(result.stdout)
    assert document["reads_as"] == "Apache-2.0 OR LicenseRef-llama2"
    llama = next(lic for lic in document["licences"] if lic["id"] == "LicenseRef-llama2")
    assert "Acceptable Use Policy" in llama["restriction"]
    assert {"category": "user-threshold", "title": llama["restrictions"][1]["title"]} in llama[
        "restrictions"
    ]
    osaid = [v for v in document["verdicts"] if v["framework"] == "osaid"]
    assert osaid and all(v["status"] == "met" for v in osaid)  # Apache-2.0 is one branch


def test_licenses_show_reads_an_unquoted_expression() -> None:
    """`osai licenses show Apache-2.0 OR llama2` was refused: "Got unexpected extra argument(s)
    (OR llama2)"; the shell's words are the expression's."""
    unquoted = run_osai("licenses", "show", "Apache-2.0", "OR", "llama2")
    assert unquoted.code == 0, unquoted.stderr
    assert unquoted.stdout == run_osai("licenses", "show", "Apache-2.0 OR llama2").stdout


def test_licenses_list_says_what_osai_knows_beyond_spdx() -> None:
    """There was no way to see the licences osai knows (`licenses list`: No such command)."""
    text = run_osai("licenses", "list", env={"COLUMNS": "80"})
    assert text.code == 0, text.stderr
    assert text.stdout.startswith("Licences osai knows beyond the SPDX License List 3.")
    assert "  LicenseRef-llama2  Llama 2 Community License Agreement  terms: " in text.stdout
    assert "\n  open-data  an open data licence: " in text.stdout
    assert max(map(len, text.stdout.splitlines())) <= 80
    document = json.loads(run_osai("licenses", "list", "--format", "json").stdout)
    llama = next(lic for lic in document["licences"] if lic["id"] == "LicenseRef-llama2")
    assert {"use-restricted", "user-threshold"} <= set(llama["terms"])
    assert not llama["in_spdx_list"] and not llama["osi_approved"]
    sets = {named["id"]: named["members"] for named in document["sets"]}
    assert "CC-BY-4.0" in sets["open-data"] and "OpenMDW-1.0" in sets["open-model"]


def test_licenses_list_names_the_spdx_licences_whose_terms_osai_records() -> None:
    """`licenses list` showed the 40 LicenseRef- licences and none of the 38 SPDX ones whose
    terms rules/licenses.yaml names (CC-BY-NC-4.0's non-commercial, BUSL-1.1's, C-UDA-1.0's),
    though it says it lists each licence that file defines and JSON has `in_spdx_list`."""
    text = run_osai("licenses", "list", env={"COLUMNS": "200"}).stdout
    assert "\n  CC-BY-NC-4.0  Creative Commons Attribution Non Commercial 4.0 International" in text
    document = json.loads(run_osai("licenses", "list", "--format", "json").stdout)
    listed = {lic["id"]: lic for lic in document["licences"]}
    assert listed["CC-BY-NC-4.0"]["in_spdx_list"] and listed["CC-BY-NC-4.0"]["terms"] == [
        "non-commercial"
    ]
    assert {"BUSL-1.1", "C-UDA-1.0", "LicenseRef-llama2"} <= set(listed)
    assert list(listed) == sorted(listed, key=str.casefold)


@pytest.mark.parametrize(
    ("expression", "said"),
    [
        (
            "Apache-2.0 OR",
            "'Apache-2.0 OR' is not a licence expression: AND, OR or WITH with no licence on "
            "one side (at 'OR')",
        ),
        # read as `Apache-2.0 OR MIT` / `MIT AND Apache-2.0`, exit 0: the parser folds a
        # trailing operator into the one before it, and what was cut off after it was lost
        ("Apache-2.0 OR MIT OR", "'Apache-2.0 OR MIT OR' is not a licence expression: AND, OR"),
        ("MIT AND Apache-2.0 and", "'MIT AND Apache-2.0 and' is not a licence expression: AND,"),
        # read as `LicenseRef-llama2 OR MIT OR Apache-2.0`, OSAID met
        (
            "(llama2) MIT OR Apache-2.0",
            "'(llama2) MIT OR Apache-2.0' is not a licence expression: 'MIT' follows a licence "
            "with no AND, OR or WITH between them",
        ),
        ("(MIT", "'(MIT' is not a licence expression"),
        ("MIT WITH", "'MIT WITH' is not a licence expression"),
        # license_expression raises IndexError and AssertionError on these (issue #14, item 4)
        ("()", "'()' is not a licence expression: it cannot be parsed"),
        ("( OR MIT", "'( OR MIT' is not a licence expression: it cannot be parsed"),
        ("", "an empty licence expression names no licence"),
        ("   ", "an empty licence expression names no licence"),
    ],
)
def test_a_licence_expression_that_does_not_parse_is_bad_input(expression: str, said: str) -> None:
    for extra in ((), ("--format", "json")):
        result = run_osai("licenses", "show", expression, *extra)
        assert result.code == 2 and result.stdout == ""
        assert (
            result.stderr == f"osai: error: {said}" + result.stderr[len(f"osai: error: {said}") :]
        )
        assert len(result.stderr.splitlines()) == 1


def test_a_long_expression_that_does_not_parse_is_quoted_cut() -> None:
    """A 1,900-character expression (under the 2,000 osai reads) was quoted whole, and the
    error line was cut ('(1,070 more characters)') before the words that say what is wrong."""
    expression = f"MIT AND (Apache-2.0 {'X' * 1900})"
    result = run_osai("licenses", "show", expression)
    assert result.code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line == (
        f"osai: error: '{expression[:57]}...' is not a licence expression: '{'X' * 57}...' "
        "follows a licence with no AND, OR or WITH between them"
    ), line


@pytest.mark.parametrize(
    "expression",
    ["A" * 100_000, " OR ".join(f"LicenseRef-x{i}" for i in range(5000))],
    ids=["one-long-word", "five-thousand-terms"],
)
def test_a_licence_expression_too_long_to_be_one_is_refused(expression: str) -> None:
    """`licenses show` echoed a 100,000-character argument some ten times (1.1 MB), and listed
    each of 5,000 terms: an expression that long is a licence's text, not its id."""
    for extra in ((), ("--format", "json")):
        result = run_osai("licenses", "show", expression, *extra)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr.startswith(
            f"osai: error: a licence expression of {len(expression):,} characters is longer "
            "than osai reads (at most 2,000)"
        )
        assert len(result.stderr.splitlines()) == 1 and len(result.stderr) < 300
    hundred = " OR ".join(f"LicenseRef-x{i}" for i in range(100))  # long, and still read
    assert run_osai("licenses", "show", hundred).code == 0


@pytest.mark.parametrize(
    "expression",
    ["MIT\x07\x1b[31m", "(MIT\x1b]0;title\x07", "Apache-2.0\u202e", "MIT\x00"],
    ids=["bell-and-colour", "title-escape", "bidi-override", "nul"],
)
def test_a_licence_expression_with_a_control_character_is_refused(expression: str) -> None:
    """A control character names no licence.  `licenses show` read 'MIT\\x07\\x1b[31m' as a
    licence it did not know, exit 0, and quoted it raw in each verdict's reason: the escape
    coloured the terminal and the bell rang, ten times."""
    for extra in ((), ("--format", "json")):
        result = run_osai("licenses", "show", expression, *extra)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr.startswith("osai: error: a licence expression holds a control ")
        assert len(result.stderr.splitlines()) == 1
        assert not any(ch in result.stderr for ch in "\x00\x07\x1b\u202e")
    # tabs and line breaks are blanks between an expression's words, as a pasted one has them
    assert run_osai("licenses", "show", "MIT\n\tOR Apache-2.0").code == 0


@pytest.mark.parametrize(
    "name", ["Acme Community License", "Custom (see LICENSE)", "MIT Licence", "GPL Licence"]
)
def test_a_name_osai_does_not_know_is_still_explained(name: str) -> None:
    """A name, even with a word after an id or in parentheses, is looked up: only text written
    as an expression that does not parse (above) is refused.  "Custom (see LICENSE)" and "MIT
    Licence" were refused with the parser's words, as a manifest reads them as names."""
    result = run_osai("licenses", "show", name)
    assert result.code == 0 and "a licence osai does not know" in result.stdout


@pytest.mark.parametrize("command", [(), ("check",)], ids=["osai", "check"])
def test_help_names_every_framework_and_the_ai_boms(command: tuple[str, ...]) -> None:
    """The help named OSAID and the MOF only: the EU AI Act's exemption and EOSAI are judged
    when named (-f), and check reads and writes AI BOMs."""
    text = " ".join(run_osai(*command, "--help", env={"COLUMNS": "200"}).stdout.split())
    description = text.split(" Options: ")[0].split(" Arguments: ")[0]
    for named in ("OSAID 1.0", "EU AI Act", "EOSAI", "(-f)", "AI BOMs (CycloneDX, SPDX)"):
        assert named in description, description


def test_help_names_the_program_osai() -> None:
    assert run_osai("check", "--help").stdout.startswith("Usage: osai check [OPTIONS] [TARGET]...")


@pytest.mark.parametrize("command", EVERY_COMMAND[1:], ids=" ".join)
@pytest.mark.parametrize("extra", [["--help"], ["--no-such-option"]], ids=["help", "bad option"])
def test_a_command_alone_reads_as_in_the_whole_app(
    command: tuple[str, ...], extra: list[str]
) -> None:
    """`osai.cli.main` builds only the command a run names (typer's start-up cost is per
    command): its usage, help and errors must be the whole app's."""
    from typer.testing import CliRunner

    import osai.cli

    alone = osai.cli._app_for([*command, *extra])
    assert len(alone.registered_commands) + len(alone.registered_groups) == 1
    said = [
        CliRunner().invoke(app, [*command, *extra], prog_name="osai", env={"COLUMNS": "200"})
        for app in (osai.cli.app, alone)
    ]
    assert said[1].output == said[0].output and said[1].exit_code == said[0].exit_code


def test_shell_completion() -> None:
    assert "--install-completion" in run_osai("--help").stdout
    # What --install-completion writes for bash (shell detection aside): the completion script.
    script = run_osai_process(env={"_OSAI_COMPLETE": "source_bash"})
    assert script.code == 0 and "_osai_completion()" in script.stdout
    completed = run_osai(
        env={"_OSAI_COMPLETE": "complete_bash", "COMP_WORDS": "osai ch", "COMP_CWORD": "1"}
    )
    assert completed.stdout.split() == ["check"]


class Recorder:
    """osai.run.Progress that records what it is told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def started(self, total: int) -> None:
        self.events.append(("started", str(total)))

    def checking(self, target: str) -> None:
        self.events.append(("checking", target))

    def checked(self, target: str) -> None:
        self.events.append(("checked", target))

    def finished(self) -> None:
        self.events.append(("finished", ""))


@pytest.mark.parametrize("jobs", [1, 3])
def test_progress_is_told_each_target_before_and_after(jobs: int) -> None:
    targets = sorted(str(p) for p in EXAMPLES.glob("*.yml"))
    rules = load_ruleset()
    frameworks = rules.default_frameworks()
    options = read_options(CheckRequest(tuple(targets)))
    judging = Judging(rules, frameworks, resolve_modes((), frameworks, rules), options, {})
    recorder = Recorder()
    judge_all(targets, judging, jobs, recorder)
    assert recorder.events[0] == ("started", str(len(targets)))
    assert recorder.events[-1] == ("finished", "")
    for target in targets:
        events = [event for event, name in recorder.events if name == target]
        assert events == ["checking", "checked"]


def test_the_progress_bar_shows_done_of_total_and_the_target() -> None:
    import io

    from rich.console import Console

    from osai.progress import RichProgress

    progress = RichProgress()
    screen = io.StringIO()
    progress._bar.live.console = Console(file=screen, force_terminal=True, width=100)
    progress.started(8)
    progress.checking("examples/[red]bloom.yml")
    progress.checked("examples/[red]bloom.yml")
    progress._bar.refresh()
    progress.finished()
    shown = screen.getvalue()
    assert "1/8" in shown and "examples/[red]bloom.yml" in shown


@pytest.mark.parametrize(
    "command",
    [
        ["rules", "list"],
        ["rules", "show", "mof"],
        ["rules", "explain", "OSAID-CODE-TRAINING"],
        ["licenses", "show", "Apache-2.0 OR llama2"],
        ["db", "status"],
    ],
    ids=" ".join,
)
def test_every_text_command_fits_the_terminal(command: list[str]) -> None:
    """At 80 columns no line is longer, but for a path or URL kept whole (cut, it could not be
    copied or opened)."""
    from osai.formatters.textlayout import cell_width

    result = run_osai(*command, env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    long = [
        line
        for line in result.stdout.splitlines()
        if cell_width(line) > 80 and not any("/" in word for word in line.split())
    ]
    assert long == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("audit", "mot", "--format", "jsno"),
            "--format jsno: audit writes text, json, markdown, not jsno",
        ),
        (("census", "export", "--format", "cvs"), "--format cvs: expected parquet, csv or json"),
    ],
)
def test_a_misspelt_format_of_audit_and_export_names_the_nearest(
    args: tuple[str, ...], said: str, tmp_path: Path
) -> None:
    """The formats these commands check themselves answer as typer's choices now do."""
    result = run_osai(*args, cwd=tmp_path, env={"HF_ENDPOINT": "http://127.0.0.1:9"})
    assert (result.code, result.stdout) == (2, "")
    meant = "json" if "audit" in args else "csv"
    assert result.stderr == f"osai: error: {said} (did you mean '{meant}'?)\n"


@pytest.mark.parametrize(
    ("values", "read"),
    [
        (["osaid,mof:class-2"], ("osaid", "mof:class-2")),
        (["osaid mof:class-2"], ("osaid", "mof:class-2")),  # as the action's `require` input
        (["osaid\tmof:class-2\n"], ("osaid", "mof:class-2")),
        (["osaid , mof"], ("osaid", "mof")),
        (["mof: class-2"], ("mof: class-2",)),  # a blank after the colon is within the policy
        (["mof :class-2 osaid"], ("mof :class-2", "osaid")),
        (["eosai:75 %"], ("eosai:75 %",)),
        (["osaid:", "mof"], ("osaid:", "mof")),  # the level left out is said by the policy
        ([" , "], (" , ",)),  # no id at all: as typed, for the command's own refusal
    ],
)
def test_one_reader_parts_lists_at_commas_and_blanks(values: list[str], read: tuple[str]) -> None:
    from osai.textsafe import comma_separated

    assert comma_separated(values) == read


def test_piped_to_head_on_a_terminal_the_report_fits_that_terminal() -> None:
    """`osai check X | head` on an 80-column terminal: standard output is a pipe, standard error
    still the terminal the report is read on.  The report was laid out at 100 columns, and the
    terminal wrapped every long line of the headline in two."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    reader, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "osai", "check", str(EXAMPLES / "llama-2-7b.yml")],
            stdout=subprocess.PIPE, stderr=terminal, env=env, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(terminal)
        os.close(reader)
    lines = done.stdout.decode("utf-8").splitlines()
    assert done.returncode == 0 and lines
    assert max(len(line) for line in lines) <= 80
    assert max(len(line) for line in lines[:6]) > 70  # laid out to the terminal, not narrower


def test_on_a_terminal_of_no_size_the_report_is_laid_out_at_80_columns() -> None:
    """pre-commit runs a hook on a pseudo-terminal of its own (to keep its colours) whose size it
    never sets: 0 columns, standard output and standard error alike.  The report was laid out at
    40 columns (the narrowest osai takes), 'my-model  ·' alone on its first line; git and
    Python's shutil take 80 there."""
    import os
    import pty
    import subprocess
    import sys

    reader, terminal = pty.openpty()  # its size is 0 x 0 until someone sets it
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    chunks: list[bytes] = []
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "osai", "check", str(EXAMPLES / "llama-2-7b.yml")],
            stdout=terminal, stderr=terminal, env={**env, "NO_COLOR": "1"},
        )  # fmt: skip
        os.close(terminal)
        while True:
            try:
                chunk = os.read(reader, 65536)
            except OSError:  # EIO: the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0
    finally:
        os.close(reader)
    lines = b"".join(chunks).decode("utf-8").replace("\r\n", "\n").splitlines()
    assert lines
    assert max(len(line) for line in lines) <= 80
    assert max(len(line) for line in lines[:6]) > 70  # not laid out at 40


def test_a_report_redirected_to_a_file_keeps_its_width_whatever_the_window(tmp_path: Path) -> None:
    """`osai check X > r.txt` from a terminal: the file is laid out at 100 columns, the same
    whatever the window's width (only a pipe to head or less takes the terminal's)."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    reader, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 60, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    report = tmp_path / "r.txt"
    try:
        with report.open("wb") as out:
            subprocess.run(
                [sys.executable, "-m", "osai", "check", str(EXAMPLES / "llama-2-7b.yml")],
                stdout=out, stderr=terminal, env=env, timeout=120, check=True,
            )  # fmt: skip
    finally:
        os.close(terminal)
        os.close(reader)
    lines = report.read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines[:6]) > 60


def test_a_stream_that_cannot_encode_the_marks_gets_their_stand_ins() -> None:
    """PYTHONIOENCODING=ascii (or a legacy console): `·` and `✔` made the report an internal
    error, exit 70; then `?`, osai's own mark for unknown, for met and unmet alike ("OSAID 1.0
    ? conformant").  A process of its own: the stream is the interpreter's."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "osai", "check", str(EXAMPLES / "pythia-70m.yml"), "-q"],
        capture_output=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert b"OSAID 1.0  + conformant" in done.stdout


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_met_unmet_and_unknown_stay_apart_on_a_stream_that_is_not_utf8(encoding: str) -> None:
    """`✔`, `✘` and `?` all read `?` through an ASCII pipe or a Windows one (cp1252): met, unmet
    and unknown alike.  Each mark has its stand-in; only what the stream cannot encode is
    replaced (cp1252 has `·` and `—`), and no `?` is printed that UTF-8 does not print."""
    utf8 = run_osai("check", LLAMA)
    shown = run_osai("check", LLAMA, encoding=encoding)
    assert shown.code == utf8.code == 0, shown.stderr
    assert shown.stderr == utf8.stderr
    lines = shown.stdout.splitlines()
    assert lines[1].startswith("  OSAID 1.0  x not conformant (declared) ")
    assert any(line.startswith("  Model             +      Llama 2 ") for line in lines)
    assert any(line.startswith("  Supporting        ?      ") for line in lines)
    assert shown.stdout.count("?") == utf8.stdout.count("?")
    kept = "\u00b7" in shown.stdout and "\u2014" in shown.stdout
    assert kept == (encoding == "cp1252")


def test_a_table_keeps_its_columns_where_a_stand_in_is_wider() -> None:
    """In ASCII "—" (not asked by that framework) is "--", a cell wider: given after the table
    was laid out, it pushed the MOF column of its row one cell right of the others'."""
    lines = run_osai("check", LLAMA, encoding="ascii").stdout.splitlines()
    header = next(line for line in lines if line.strip().startswith("component "))
    osaid, mof = header.index("OSAID"), header.index("MOF")
    table = lines[lines.index(header) + 1 :]
    legend = next(index for index, line in enumerate(table) if line.startswith("  declared = "))
    rows = [line for line in table[:legend] if len(line) > mof]
    assert any(line[osaid : osaid + 3] == "-- " for line in rows)
    for line in rows:
        assert line[mof - 1] == " " and line[mof] != " ", line


def test_compare_keeps_its_columns_on_an_ascii_stream() -> None:
    """`osai compare`'s table: a "—" (not asked) laid out as one cell and printed "--" pushed
    the next column of its row right."""
    args = ("compare", "osaid", "mof", "eu-ai-act", "eosai")
    lines = run_osai(*args, encoding="ascii", env={"COLUMNS": "100"}).stdout.splitlines()
    header = next(line for line in lines if line.startswith("asks for "))
    eosai = header.index("EOSAI")
    table = lines[lines.index(header) + 1 :]
    rows = [line for line in table[: table.index("")] if len(line) > eosai]
    assert any(line[eosai - 19 : eosai - 16] == "-- " for line in rows)
    for line in rows:
        assert line[eosai - 1] == " " and line[eosai] != " ", line


def test_a_warning_wrapped_for_an_ascii_terminal_keeps_to_its_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Standard error's lines are wrapped with the stand-ins its encoding gives them."""
    import io

    from osai.cli.terminal import wrapped
    from osai.formatters.standins import register_stand_ins

    monkeypatch.setenv("COLUMNS", "40")
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    said = wrapped("osai: warning: ", "a \u2014 b \u2192 c \u2026 " * 8, stream)
    lines = said.encode("ascii", register_stand_ins()).decode("ascii").splitlines()
    assert lines[0].startswith("osai: warning: a -- b -> c ...")
    assert max(len(line) for line in lines) <= 40


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_a_report_on_a_stream_that_is_not_utf8_keeps_to_its_width(encoding: str) -> None:
    """At 80 columns, stand-ins wider than their symbols ("—" "--", "→" "->") ran lines past
    the terminal's width: the lines are laid out with them."""
    for target in (LLAMA, PYTHIA, str(EXAMPLES / "tiny-model")):
        for verbose in ((), ("-v",)):
            shown = run_osai("check", target, *verbose, encoding=encoding, env={"COLUMNS": "80"})
            assert shown.code in (0, 1), shown.stderr
            assert max(len(line) for line in shown.stdout.splitlines()) <= 80


@pytest.mark.parametrize(
    "args", [("licenses", "show", "CC-BY-NC-4.0"), ("rules", "show", "eu-ai-act")]
)
def test_a_listing_on_an_ascii_stream_keeps_to_its_width(args: tuple[str, ...]) -> None:
    """The listings fitted to the terminal (osai.formatters.textlayout.fitted) were fitted
    before the stream gave "—" its "--": "...): unmet -- CC-BY-NC-4.0 (Creative Commons" ran
    to 81 columns at 80."""
    shown = run_osai(*args, encoding="ascii", env={"COLUMNS": "80"})
    assert shown.code == 0, shown.stderr
    assert " -- " in shown.stdout
    assert max(len(line) for line in shown.stdout.splitlines()) <= 80


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
@pytest.mark.parametrize("output_format", ["json", "sarif", "junit", "cyclonedx", "spdx"])
def test_a_document_is_utf8_whatever_the_stream(
    output_format: str, encoding: str, tmp_path: Path
) -> None:
    """JSON (RFC 8259 §8.1), SARIF, the AI BOMs and JUnit's XML (it declares encoding='utf-8')
    are UTF-8: through an ASCII pipe, "step0…step143000" in their data read "step0?step143000".
    Written to standard output as the bytes -o FILE writes, whatever the stream's encoding."""
    # a name and a directory neither stream has: ASCII has no "é", nor cp1252 "→"
    manifest = tmp_path / "modèle → 2" / "osai.yaml"
    manifest.parent.mkdir()
    pythia = (EXAMPLES / "pythia-70m.yml").read_text(encoding="utf-8")
    assert "  name: Pythia-70M\n" in pythia
    named = pythia.replace("  name: Pythia-70M\n", "  name: Pythia-70M modèle → 2\n")
    manifest.write_text(named, encoding="utf-8")
    args, env = ("check", str(manifest), "--format", output_format), {"SOURCE_DATE_EPOCH": "1"}
    utf8 = run_osai(*args, env=env)
    shown = run_osai(*args, env=env, encoding=encoding)
    assert shown.code == utf8.code == 0, shown.stderr
    assert shown.stderr == utf8.stderr
    with pytest.raises(UnicodeEncodeError):
        utf8.stdout.encode(encoding)
    assert shown.stdout_bytes == utf8.stdout_bytes
    if output_format != "junit":
        assert json.loads(shown.stdout_bytes.decode("utf-8")) == json.loads(utf8.stdout)


@pytest.mark.parametrize(
    "args", [("licenses", "list", "--format", "json"), ("compare", "--format", "json")]
)
def test_every_commands_json_is_utf8_whatever_the_stream(args: tuple[str, ...]) -> None:
    """Not `osai check`'s alone: a licence's name beyond ASCII (模型许可协议) read "?"."""
    utf8 = run_osai(*args)
    shown = run_osai(*args, encoding="ascii")
    assert shown.code == utf8.code == 0, shown.stderr
    assert not utf8.stdout_bytes.isascii()
    assert shown.stdout_bytes == utf8.stdout_bytes


@pytest.mark.parametrize("fmt", ["markdown", "github"])
def test_markdown_and_annotations_are_utf8_whatever_the_stream(fmt: str) -> None:
    """The Markdown's ✅, ❌ and ❔ all read `?` through an ASCII pipe; ASCII stand-ins then
    made `- + **OSAID 1.0**` a nested list where GitHub rendered it (a Windows runner's cp1252
    pipe into $GITHUB_STEP_SUMMARY): GitHub reads both formats as UTF-8, so they are written so."""
    utf8 = run_osai("check", LLAMA, "--format", fmt)
    for encoding in ("ascii", "cp1252"):
        shown = run_osai("check", LLAMA, "--format", fmt, encoding=encoding)
        assert shown.stdout_bytes == utf8.stdout.encode("utf-8"), encoding
    if fmt == "markdown":
        assert "| Model architecture | ✅ | " in utf8.stdout
        assert "| Data preprocessing code | ❌ | " in utf8.stdout


def _parses(command: click.Command, args: list[str]) -> None:
    """`args` parse as `command`'s line (options known, values valid), its subcommand's too,
    without running it."""
    context = command.make_context("osai", list(args))
    if isinstance(command, click.Group):
        rest = [*context.protected_args, *context.args]
        if rest:
            _, sub, rest = command.resolve_command(context, rest)
            assert sub is not None
            _parses(sub, rest)


@pytest.mark.parametrize("command", ["check", "init", "compare"])
def test_help_examples_are_command_lines_that_parse(command: str) -> None:
    """The help had no example; each one now shown is a line osai reads, within 80 columns."""
    from typer.main import get_command

    from osai.cli import app

    shown = run_osai(command, "--help", env={"COLUMNS": "80"}).stdout
    foot = shown.split("Examples:")[1].splitlines()
    examples = [line.split("#")[0].split() for line in foot if line.strip()]
    assert len(examples) >= 3, shown
    for example in examples:
        assert example[:2] == ["osai", command]
        _parses(get_command(app), example[1:])
    assert max(map(len, shown.splitlines())) <= 80


def test_top_level_help_cuts_no_command_short() -> None:
    """The commands' summaries ended "..." where click cut them at 45 characters."""
    shown = run_osai("--help", env={"COLUMNS": "80"}).stdout
    assert "..." not in shown.split("Commands:")[1]


def test_a_warning_wraps_on_a_terminal_and_stays_one_line_in_a_log() -> None:
    """Notes and status lines wrapped to the terminal; warnings ran on (init's warnings of links
    to 190 columns at 80).  Into a log each stays one line, for a grep to find whole."""
    args = ("check", str(EXAMPLES / "amber.yml"), "--min-certainty", "declared", "-q")
    logged = run_osai(*args)
    assert logged.stderr == (
        "osai: warning: --min-certainty ignored: no --require or --fail-on-unknown gate\n"
    )
    on_a_terminal = run_osai(*args, env={"COLUMNS": "60"})
    assert on_a_terminal.stderr == (
        "osai: warning: --min-certainty ignored: no --require or\n"
        "               --fail-on-unknown gate\n"
    )


@pytest.mark.parametrize("group", ["rules", "licenses", "db", "audit", "census"])
def test_a_groups_help_cuts_no_command_short(group: str) -> None:
    """`osai rules --help` listed "explain  One requirement: what it checks, its source text,
    how to meet...", click's cut: eight commands under their groups were so; the top level's
    summaries were whole.  Each wraps within 80 columns instead."""
    shown = run_osai(group, "--help", env={"COLUMNS": "80"}).stdout
    listed = shown.split("Commands:")[1]
    assert "..." not in listed and max(map(len, listed.splitlines())) <= 80


def test_an_error_is_one_line_at_any_width() -> None:
    """Bad input gets one clear line: at 80 columns `-f eu`'s error is still one `osai: error:`
    line (a terminal wraps it as it wraps any line), for a log, a grep and a person alike."""
    args = ("check", str(EXAMPLES / "amber.yml"), "-f", "eu")
    said = (
        "osai: error: -f: unknown framework 'eu' (known: osaid, mof, eu-ai-act, eosai; another: "
        "--add-framework FILE)\n"
    )
    for env in ({}, {"COLUMNS": "80"}):
        result = run_osai(*args, env=env)
        assert (result.code, result.stderr) == (2, said)


@pytest.mark.parametrize("command", ["check", "compare"])
def test_the_mode_options_say_what_a_mode_is(command: str) -> None:
    """`--mof-mode MODE  default | mot | strict`: a new user read three words and no meaning
    ("mot"?), and `--mode` named no place where a framework's modes are listed."""
    said = " ".join(run_osai(command, "--help", env={"COLUMNS": "80"}).stdout.split())
    assert "--mof-mode MODE How the MOF judges licences: default; mot, exactly as the" in said
    assert "Model Openness Tool scores them; strict, each component's fit for its type" in said
    if command == "check":
        assert "(repeatable; osai rules show FRAMEWORK lists its modes)" in said


def test_rules_list_gives_the_names_a_framework_answers_to() -> None:
    """`osai compare osi mof` and `-f euaia` work, but `osai rules list` named each framework
    by its id alone: the aliases were in `osai rules show` only."""
    text = run_osai("rules", "list", env={"COLUMNS": "200"}).stdout
    eu = next(line for line in text.splitlines() if line.startswith("eu-ai-act "))
    assert eu.endswith("; also named: euaia, ai-act, eu-ai-act-oss)")
    listed = json.loads(run_osai("rules", "list", "--format", "json").stdout)
    aliases = {f["id"]: f["aliases"] for f in listed["frameworks"]}
    assert aliases["osaid"] == ["osi", "open-source-ai-definition"]


@pytest.mark.parametrize("database", ["mot", "eosai"])
def test_audit_help_names_its_exit_codes(database: str) -> None:
    """`osai audit --help` named no exit code: an audit in CI read as a gate, where a listing
    that disagrees with the Hub exits 0 (a finding) and only no answer at all exits 3."""
    text = run_osai("audit", database, "--help", env={"COLUMNS": "80"}).stdout
    said = " ".join(text.split())
    assert "Exit codes: 0 the audit ran (a disagreement is a finding, not a failure)" in said
    assert "2 bad input; 3 no repository answered." in said
    assert max(map(len, text.splitlines())) <= 80


def test_audit_exit_codes_wrap_in_a_narrow_pane() -> None:
    """The exit codes were kept as written (click's \\b), one line of 76 columns: at 60 it ran
    past the edge of the pane.  They are a sentence, wrapped as the help around them is."""
    text = run_osai("audit", "mot", "--help", env={"COLUMNS": "60"}).stdout
    assert max(map(len, text.splitlines())) <= 60, text
    assert "2 bad input; 3 no repository answered." in " ".join(text.split())


def _overflowing(text: str, columns: int) -> list[str]:
    """The help's lines wider than `columns`, but those of an example block (kept as written)
    and a single word longer than the line (an option's two names, `--x / --no-x`)."""
    lines, block = [], False
    for line in text.splitlines():
        block = block or line.strip() == "Examples:"
        if len(line) > columns and not block and " " in line.strip().replace(" / ", "/"):
            lines.append(line)
        block = block and bool(line.strip())
    return lines


@pytest.mark.parametrize("columns", [40, 60])
def test_every_help_fits_a_narrow_pane(columns: int) -> None:
    """click wraps help at no fewer than 50 columns, option names in a column up to 30 wide: in
    a 40-column pane every line of `osai check --help` ran past the edge, its descriptions in
    10 columns.  Each command's help now fits the COLUMNS the reports fit."""
    for command in EVERY_COMMAND:
        result = run_osai(*command, "--help", env={"COLUMNS": str(columns)})
        assert result.code == 0, command
        assert _overflowing(result.stdout, columns) == [], command


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["explain", "OSAID-CODE-TRAINING"], "(did you mean 'osai rules explain'?)"),
        (["validate", "f.yaml"], "(did you mean 'osai rules validate'?)"),
        (["show", "mof"], "(did you mean 'osai rules show' or 'osai licenses show'?)"),
        (["status"], "(did you mean 'osai db status'?)"),
    ],
)
def test_a_groups_command_given_alone_names_its_group(words: list[str], said: str) -> None:
    """A newcomer types `osai explain X` (the README's `osai rules show mof  # or explain …`):
    it said "No such command 'explain'." and no more, though `osai rules explain` is one."""
    result = run_osai(*words)
    assert result.code == 2
    assert result.stderr == f"osai: error: No such command {words[0]!r} {said}\n"


def test_an_option_before_its_command_says_where_it_goes() -> None:
    """`osai -q check m.yml` said "No such option: -q", though `check` takes it: the option
    only stood before the command."""
    result = run_osai("-q", "check", PYTHIA)
    assert result.code == 2
    assert result.stderr == (
        "osai: error: No such option: -q (options go after the command: osai check -q ...)\n"
    )
    # an option no command here takes, and a word that is no command at all, say what they said
    assert run_osai("-x", "check", PYTHIA).stderr == "osai: error: No such option: -x\n"
    assert run_osai("nosuch").stderr == "osai: error: No such command 'nosuch'.\n"
    assert "Did you mean 'check'?" in run_osai("chek", PYTHIA).stderr


def test_an_option_of_another_command_names_its_command() -> None:
    """`osai init X --follow` said "No such option: --follow (Possible options: --for)": the
    option is osai check's, and --for is nothing like it.  It names whose it is, and what init
    does in its place; an option no command takes still gets click's nearest."""
    result = run_osai("init", PYTHIA, "--follow")
    assert result.code == 2
    assert result.stderr == (
        "osai: error: No such option: --follow (an option of osai check and 2 more commands, "
        "not of osai init; osai init follows a Hub model's card links always, a directory's "
        "never)\n"
    )
    assert run_osai("check", PYTHIA, "--blank").stderr == (
        "osai: error: No such option: --blank (an option of osai init, not of osai check)\n"
    )
    assert "(Possible options: --follow, --no-follow)" in run_osai("check", "--folow").stderr
    assert run_osai("init", "--nosuch").stderr == "osai: error: No such option: --nosuch\n"


def test_errors_that_stop_osai_are_annotations_when_the_action_asks(tmp_path: Path) -> None:
    """The GitHub Action sets OSAI_ANNOTATE_ERRORS=1: an error that stops osai before its
    reports (a configuration file's mistake, a flag mistyped) is then a `::error::` workflow
    command, which a pull request shows; it was a log line alone, and the check said "exit code
    2".  An error about one target is not: its reports say it (the `github` one annotates it)."""
    config = tmp_path / ".osai.yaml"
    config.write_text("waivers:\n  - bad: 1\n", encoding="utf-8")
    asked = {"OSAI_ANNOTATE_ERRORS": "1"}
    amber = str(EXAMPLES / "amber.yml")
    refused = run_osai("check", amber, "--config", str(config), env=asked)
    assert refused.code == 2 and refused.stdout == ""
    lines = refused.stderr.splitlines()
    at = f"::error file={config},line=2,title=osai::"  # the line named, as a manifest's is
    assert lines[0] == f"{at}osai: error: {config}:2: waivers[0].bad: unknown key"
    assert all(line.startswith("::error file=") for line in lines), lines
    assert all(",title=osai::osai: error: " in line for line in lines), lines
    mistyped = run_osai("check", amber, "--requier", "osaid", env=asked)
    assert mistyped.code == 2 and mistyped.stderr.startswith("::error title=osai::osai: error: ")
    assert "--requier" in mistyped.stderr and len(mistyped.stderr.splitlines()) == 1
    elsewhere = tmp_path / "elsewhere"  # no configuration file there
    elsewhere.mkdir()
    missing = run_osai("check", "nosuch.yml", "-o", "github=-", cwd=elsewhere, env=asked)
    assert missing.code == 2 and "::error title=osai::nosuch.yml" in missing.stdout
    assert "::error" not in missing.stderr  # said once as an annotation, by the report
    plain = run_osai("check", amber, "--config", str(config))  # not asked: as before
    assert plain.stderr.startswith("osai: error: ") and "::" not in plain.stderr


def test_a_configuration_error_is_annotated_at_its_file_and_line(tmp_path: Path) -> None:
    """Under the Action a configuration file's mistake was annotated on no file
    (`::error title=osai::osai: error: bad.osai.yaml:4: …`), where a manifest's was at its
    line (`::error file=broken.yml,line=3,…`): the same properties, found the same way, for
    the file osai found and the one --config names, and for a mistake only the run finds (a
    framework the file's `require` names)."""
    shutil.copy(EXAMPLES / "olmo-7b.yml", tmp_path)
    (tmp_path / ".git").mkdir()
    asked = {"OSAI_ANNOTATE_ERRORS": "1"}
    yes = "targets: [olmo-7b.yml]\nrequire: [osaid]\n\nfail-on-unknown: yes\n"
    (tmp_path / "bad.osai.yaml").write_text(yes, encoding="utf-8")
    named = run_osai(
        "check", "--config", "bad.osai.yaml", "--format", "github", cwd=tmp_path, env=asked
    )
    assert named.code == 2 and named.stdout == ""
    assert named.stderr.startswith(
        "::error file=bad.osai.yaml,line=4,title=osai::osai: error: bad.osai.yaml:4: "
        "fail-on-unknown: write true, not `yes`"
    ), named.stderr
    (tmp_path / "sub").mkdir()  # found in the current directory, below the repository's root
    settings = "targets: [../olmo-7b.yml]\nrequire: [nosuch]\n"
    (tmp_path / "sub" / ".osai.yaml").write_text(settings, encoding="utf-8")
    found = run_osai("check", "-o", "github=-", cwd=tmp_path / "sub", env=asked)
    assert found.code == 2
    assert found.stderr.startswith(
        "::error file=sub/.osai.yaml,line=2,title=osai::osai: error: .osai.yaml:2: require[0]: "
    ), found.stderr
    plain = run_osai("check", "--config", "bad.osai.yaml", cwd=tmp_path)  # not asked: as before
    assert plain.stderr.startswith("osai: error: bad.osai.yaml:4: ") and "::" not in plain.stderr


def test_an_internal_error_is_an_annotation_when_the_action_asks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bug in osai (exit 70) stops it before its reports as a bad configuration file does,
    but under the Action it stayed a plain `osai: internal error:` log line: the pull request
    said only "exit code 70".  Asked (OSAI_ANNOTATE_ERRORS=1), it is a `::error::` too."""
    import osai.run

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("a bug\n::warning::here")

    monkeypatch.setattr(osai.run, "run_check", broken)
    asked = run_osai("check", PYTHIA, env={"OSAI_ANNOTATE_ERRORS": "1"})
    assert (asked.code, asked.stdout) == (70, "")
    assert asked.stderr == (
        "::error title=osai::osai: internal error: RuntimeError: a bug ::warning::here"
        " (set OSAI_DEBUG=1)\n"
    )
    plain = run_osai("check", PYTHIA)  # not asked: as before
    assert plain.code == 70 and len(plain.stderr.splitlines()) == 1
    assert plain.stderr.startswith("osai: internal error: RuntimeError: a bug ")
    assert "::warning::" not in plain.stderr  # a log line is never a workflow command


def test_an_annotated_error_escapes_what_it_quotes(tmp_path: Path) -> None:
    """A workflow command's message is decoded by the runner: a configuration file named
    `a%0A::warning::b.yaml`, quoted as it is, would have ended the annotation at `%0A` and
    started a warning of its own.  `%` is `%25` (as @actions/core escapes it), each problem
    one annotation."""
    config = tmp_path / "a%0A::warning::b.yaml"
    config.write_text("waivers:\n  - bad: 1\n", encoding="utf-8")
    refused = run_osai(
        "check", str(EXAMPLES / "amber.yml"), "--config", str(config),
        env={"OSAI_ANNOTATE_ERRORS": "1"},
    )  # fmt: skip
    assert refused.code == 2
    escaped = str(tmp_path / "a%250A::warning::b.yaml")
    at = f"file={tmp_path / 'a%250A%3A%3Awarning%3A%3Ab.yaml'},line=2,title=osai"
    lines = refused.stderr.splitlines()
    assert lines[0] == f"::error {at}::osai: error: {escaped}:2: waivers[0].bad: unknown key"
    assert all(line.startswith("::error file=") and "%0A" not in line for line in lines)
