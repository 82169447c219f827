"""A licence name with letters no one sees or tells apart: a zero-width space in `mi\\u200bt`,
a Cyrillic a (U+0430) in `Ap\\u0430che-2.0`.  Shown raw, each read as the licence it is not;
each is shown for what it is, in every format, and judged as no licence osai knows."""

from __future__ import annotations

import json
from pathlib import Path

from clirunner import run_osai

from osai.formatters.textlayout import cell_width

HIDDEN = "mi\u200bt"  # MIT to the eye
ESCAPED = "mi\\u200bt"
LOOKALIKE = "Ap\u0430che-2.0"  # CYRILLIC SMALL LETTER A for the a


def card_directory(tmp_path: Path, licence: str) -> Path:
    escaped = json.dumps(licence)  # the card's YAML as a card writes it: "mi\u200bt"
    (tmp_path / "README.md").write_text(f"---\nlicense: {escaped}\n---\n# Model\n")
    return tmp_path


def test_a_hidden_character_in_a_cards_licence_is_shown_escaped_in_every_format(
    tmp_path: Path,
) -> None:
    """The text report read "Model card under mit (left to a reading)" and pointed to
    `osai licenses show mit`, the zero-width space unseen in both: a licence that is not MIT
    looked like MIT left to a reading.  Every format names it `mi\\u200bt`; the verdict stays
    unknown, never met."""
    target = str(card_directory(tmp_path, HIDDEN))
    text = run_osai("check", target, env={"COLUMNS": "80"})
    assert text.code == 0, text.stderr
    assert "\u200b" not in text.stdout
    assert f"Model card under\n               {ESCAPED} (left to a reading)" in text.stdout
    assert "osai licenses show mi" not in text.stdout  # a command that names no licence
    assert [line for line in text.stdout.splitlines() if cell_width(line) > 80] == []
    markdown = run_osai("check", target, "--format", "markdown").stdout
    assert "\u200b" not in markdown.replace(":\u200b", "")  # GitHub's own breaks aside
    assert "under mi\\\\u200bt, whose terms osai cannot judge" in markdown
    report = json.loads(run_osai("check", target, "--format", "json").stdout)
    results = [
        result
        for framework in report["targets"][0]["frameworks"]
        for result in framework["requirements"]
        if result["licence"] == HIDDEN  # the data is the card's, as written
    ]
    assert results
    assert {result["status"] for result in results} == {"unknown"}
    reasons = {result["reason"] for result in results}
    assert "Model card: 'mi\\u200bt' is not a licence osai recognises" in " ".join(reasons)
    assert all(ESCAPED in reason and "\u200b" not in reason for reason in reasons), reasons


def test_licenses_show_refuses_a_licence_with_a_hidden_character() -> None:
    """`osai licenses show mi\\u200bt` answered "'mit' reads as: a licence osai does not
    know", MIT to the eye: refused in one line, as a control character is, the name escaped."""
    result = run_osai("licenses", "show", HIDDEN, env={"COLUMNS": "80"})
    assert result.code == 2
    assert "an invisible character (U+200B)" in result.stderr
    assert f"('{ESCAPED}')" in result.stderr and "\u200b" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_lookalike_letter_is_named_beside_the_licence_it_looks_like(tmp_path: Path) -> None:
    """`Ap\\u0430che-2.0` (a Cyrillic a) was "a licence osai does not know (did you mean
    'Apache-2.0'?)": the two are the same to the eye.  The letters that differ are named, in
    `licenses show` and in a manifest's refusal alike."""
    note = (
        "it contains non-ASCII letters: U+0430 CYRILLIC SMALL LETTER A; did you mean 'Apache-2.0'?"
    )
    shown = run_osai("licenses", "show", LOOKALIKE)
    assert shown.code == 0
    assert note in " ".join(shown.stdout.split())
    assert "verdicts" in shown.stdout and ": met" not in shown.stdout
    manifest = tmp_path / "osai.yaml"
    manifest.write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        f"release:\n  name: m\n  license:\n    distribution: {{name: {LOOKALIKE}}}\n"
        "  components:\n    - name: Model card\n"
    )
    refused = run_osai("check", str(manifest))
    assert refused.code == 2
    assert f"unknown licence '{LOOKALIKE}' ({note})" in refused.stderr, refused.stderr


def test_a_name_near_a_licence_by_an_ascii_typo_is_offered_it_alone() -> None:
    """Only letters that look alike are named: `Apache-2.O` is a typo, offered its id alone."""
    shown = run_osai("licenses", "show", "Apache-2.O")
    assert "(did you mean 'Apache-2.0'?)" in shown.stdout
    assert "non-ASCII" not in shown.stdout
