"""A framework author's slips, as a standards body's engineer writing their own framework made
them (tests/fixtures/frameworks/nao-tiers.yaml is their file): each refused in one line naming
the file and the line, and saying what to write instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirunner import ROOT, run_osai

FRAMEWORKS = ROOT / "tests" / "fixtures" / "frameworks"
TIERS = FRAMEWORKS / "nao-tiers.yaml"
PYTHIA = ROOT / "examples" / "pythia-70m.yml"

# NAOT-DATA and NAOT-DATA-DESCRIPTION, gold's two requirements
GOLD_DATA = "  - id: NAOT-DATA\n    level: gold\n"
GOLD_DESCRIPTION = "  - id: NAOT-DATA-DESCRIPTION\n    level: gold\n"


def edited(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """nao-tiers.yaml with each `old` made `new` (each must be there), as tmp_path/tiers.yaml."""
    text = TIERS.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "tiers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        # nothing left at gold: its two requirements moved down to silver
        (
            [
                (GOLD_DATA, GOLD_DATA.replace("gold", "silver")),
                (GOLD_DESCRIPTION, GOLD_DESCRIPTION.replace("gold", "silver")),
            ],
            ":30: levels[2].id: no required requirement has level: gold (a level with none "
            "required is reached by every release that reaches 'silver')",
        ),
        # gold's requirements both optional
        (
            [
                (GOLD_DATA, GOLD_DATA + "    required: false\n"),
                (GOLD_DESCRIPTION, GOLD_DESCRIPTION + "    required: false\n"),
            ],
            ":30: levels[2].id: only optional requirements (`required: false`) have level: gold "
            "(a level with none required is reached by every release that reaches 'silver')",
        ),
        # a first level that asks nothing is reached by every release
        (
            [
                (
                    "  - id: NAOT-WEIGHTS\n    level: bronze\n",
                    "  - id: NAOT-WEIGHTS\n    level: silver\n",
                ),
                (
                    "  - id: NAOT-MODEL-CARD\n    level: bronze\n",
                    "  - id: NAOT-MODEL-CARD\n    level: silver\n",
                ),
            ],
            ":22: levels[0].id: no required requirement has level: bronze (a level with none "
            "required is reached by every release)",
        ),
        # a level of duties that holds none is shown nowhere
        (
            [("    level: owed\n", "    level: gold\n")],
            ":34: levels[3].id: no requirement has level: owed (a level of duties, `decides: "
            "false`, holds the duties shown whatever the outcome)",
        ),
    ],
)
def test_a_level_asked_nothing_is_refused(
    tmp_path: Path, changes: list[tuple[str, str]], said: str
) -> None:
    """A level no required requirement names was reached by every release that reached the one
    below: `osai check p70.yml --add-framework empty-gold.yaml --require naot:gold` said
    "✔ NAO Gold - open data" and the gate passed, of a release nothing was asked of for gold."""
    path = edited(tmp_path, *changes)
    validated = run_osai("rules", "validate", str(path))
    assert (validated.code, validated.stderr) == (2, f"osai: error: {path}{said}\n")
    gated = run_osai(
        "check", str(PYTHIA), "--add-framework", str(path), "-f", "naot", "--require", "naot:gold"
    )
    assert (gated.code, gated.stdout, gated.stderr) == (2, "", f"osai: error: {path}{said}\n")


def test_the_tiers_as_written_are_valid_and_gate_on_gold() -> None:
    """The file as its author wrote it: gold asks for the datasets' own licence, which the
    Pythia listing does not give, so the gate does not pass on it."""
    assert run_osai("rules", "validate", str(TIERS)).code == 0
    gated = run_osai(
        "check", str(PYTHIA), "--add-framework", str(TIERS), "-f", "naot", "--require", "naot:gold"
    )
    assert gated.code != 0, gated.stdout
    assert "gate" in gated.stdout and "PASS" not in gated.stdout


STRICT_MODE = """\
  strict:
    description: "Strict: weights only under an open data licence."
    matching: spdx
    unrecognised: unmet
    policies:
      {name}:
        title: an open data licence (strict)
        accept: [open-data]
"""
MODES_END = "    unrecognised: unknown\nrequirements:\n"


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("nao-open-list", " (did you mean 'nao-open'?)"),
        (
            "weights-strict",
            " (policies: nao-code, nao-open; a mode's policies replace the top-level ones of "
            "the same name)",
        ),
    ],
)
def test_a_mode_policy_that_replaces_none_is_refused(tmp_path: Path, name: str, hint: str) -> None:
    """A strict mode overriding `nao-open-license:` of a file whose policy is
    `nao-open-licence` was valid, and `--mode ID=strict` judged by the default policy: ✔ and
    the gate passed, where the policy spelt right gave ✘."""
    mode = STRICT_MODE.format(name=name)
    path = edited(tmp_path, (MODES_END, f"    unrecognised: unknown\n{mode}requirements:\n"))
    said = (
        f"{path}:58: modes.strict.policies.{name}: no top-level policy '{name}' for mode "
        f"'strict' to replace{hint}"
    )
    validated = run_osai("rules", "validate", str(path))
    assert (validated.code, validated.stderr) == (2, f"osai: error: {said}\n")


def test_a_mode_policy_spelt_right_judges_by_it(tmp_path: Path) -> None:
    """The same mode replacing `nao-open` is valid and judges Pythia's Apache-2.0 weights by
    its own policy (open data licences only)."""
    mode = STRICT_MODE.format(name="nao-open")
    path = edited(tmp_path, (MODES_END, f"    unrecognised: unknown\n{mode}requirements:\n"))
    assert run_osai("rules", "validate", str(path)).code == 0
    assert (weights_status(path, "default"), weights_status(path, "strict")) == ("met", "unmet")


def weights_status(framework: Path, mode: str) -> str:
    """NAOT-WEIGHTS's status for Pythia-70M under `framework` in `mode`, as the JSON says it."""
    options = ("--add-framework", str(framework), "-f", "naot", "--mode", f"naot={mode}")
    report = json.loads(run_osai("check", str(PYTHIA), *options, "--format", "json").stdout)
    (judged,) = report["targets"][0]["frameworks"]
    return str(next(r["status"] for r in judged["requirements"] if r["id"] == "NAOT-WEIGHTS"))


TITLE = "    title: Training code under an OSI-approved licence\n"
CITED = '    citation: {ref: "NAO Tiers §S.1", text:'


def line_of(path: Path, text: str) -> int:
    """The 1-based line of `path` that starts with `text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(text))


@pytest.mark.parametrize(
    ("old", "new", "at", "said"),
    [
        (  # a plain value holding ': '
            TITLE,
            "    title: Training code: OSI-approved\n",
            "    title: Training code:",
            "invalid YAML: mapping values are not allowed in this context (line {line}, column "
            "25); a value holding ': ' must be quoted (title: \"Training code: OSI-approved\")",
        ),
        (  # the same in a flow mapping
            CITED,
            "    citation: {ref: NAO Tiers: §S.1, text:",
            "    citation: {ref: NAO Tiers:",
            "invalid YAML: did not find expected ',' or '}}' (line {line}, column 30); a value "
            "holding ': ' must be quoted (ref: \"NAO Tiers: §S.1\")",
        ),
        (  # a quote left open: YAML reads on to the next one, two lines down
            TITLE,
            '    title: "Training code under an OSI-approved licence\n',
            '    title: "Training code',
            "invalid YAML: did not find expected key (line {next}, column 22); the quote opened "
            "on line {line} is not closed on its line (YAML reads on to the next quote, on line "
            "{next}): close it",
        ),
    ],
)
def test_a_yaml_slip_is_said_with_its_fix(
    tmp_path: Path, old: str, new: str, at: str, said: str
) -> None:
    """`title: Training code: released` was "mapping values are not allowed in this context",
    `{ref: NAO 2026.1: §3.1, …}` "did not find expected ',' or '}'", neither a word of quotes;
    an unclosed quote on line 46 was said at line 48, where the next quote is."""
    path = edited(tmp_path, (old, new))
    line = line_of(path, at)
    message = said.format(line=line, next=line + 2)
    validated = run_osai("rules", "validate", str(path), env={"COLUMNS": "40"})
    assert (validated.code, validated.stderr) == (2, f"osai: error: {path}:{line}: {message}\n")


@pytest.mark.parametrize(("written", "quoted"), [("2026.10", "2026.10"), ("2026.1", "2026.1")])
def test_a_version_yaml_made_a_number_of_is_quoted_as_written(
    tmp_path: Path, written: str, quoted: str
) -> None:
    """`version: 2026.10` was "found the number 2026.1 (write it in quotes …)": YAML made 2026.1
    of it, and the message misquoted its author."""
    path = edited(tmp_path, ('version: "2026.1"\n', f"version: {written}\n"))
    validated = run_osai("rules", "validate", str(path))
    said = (
        f"{path}:8: version: expected text, found the number {written} (write it in quotes to "
        f'mean the text: "{quoted}")'
    )
    assert (validated.code, validated.stderr) == (2, f"osai: error: {said}\n")


def test_a_number_too_long_to_quote_is_cut_and_its_hint_kept(tmp_path: Path) -> None:
    """A version 3,000 digits long was quoted whole as written: the message, cut at its end
    (1,000 characters), lost the hint; it is cut as any value shown is, and not offered as the
    text to write, which it is not once cut (akr)."""
    written = "1." + "0" * 3000 + "1"
    path = edited(tmp_path, ('version: "2026.1"\n', f"version: {written}\n"))
    validated = run_osai("rules", "validate", str(path))
    said = (
        f"{path}:8: version: expected text, found the number {written[:57]}... (write it in "
        "quotes to mean the text)"
    )
    assert (validated.code, validated.stderr) == (2, f"osai: error: {said}\n")


@pytest.mark.parametrize(
    ("old", "new", "at"),
    [
        ("short_name: NAO-T\n", 'short_name: " "\n', "short_name"),
        ("name: NAO Openness Tiers\n", 'name: "  "\n', "name"),
        (TITLE, '    title: " "\n', "requirements[2].title"),
        ("    short: Silver\n", '    short: " "\n', "levels[1].short"),
    ],
)
def test_a_blank_name_is_refused(tmp_path: Path, old: str, new: str, at: str) -> None:
    """`short_name: " "` and a requirement's `title: " "` were valid, and every report named the
    framework or the requirement by a blank."""
    path = edited(tmp_path, (old, new))
    validated = run_osai("rules", "validate", str(path))
    line = line_of(path, new.rstrip("\n"))
    blank = repr(new.split(": ", 1)[1].strip().strip('"'))
    said = f"{path}:{line}: {at}: expected some text, not blank, found {blank}"
    assert (validated.code, validated.stderr) == (2, f"osai: error: {said}\n")
