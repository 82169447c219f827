"""The reports a person reads of real Hub models (the corpus, with GitHub and arXiv on loopback),
at 80 columns, read as a user asking "is this model open source?" would: nothing said twice,
nothing parted where it reads as two things, each place named once."""

from __future__ import annotations

from clirunner import run_osai
from loopback_hub import LoopbackHub


def report(model: str, *options: str) -> str:
    result = run_osai("check", model, *options, env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    return result.stdout


def section(text: str, title: str) -> list[str]:
    """The lines of a report's section, up to the blank line that ends it."""
    return text.split(f"\n{title}", 1)[1].split("\n\n", 1)[0].splitlines()[1:]


def test_a_line_number_stays_with_its_word_in_the_evidence(linked_world: LoopbackHub) -> None:
    """Falcon-180B's listing gives its evaluation data's licence at line 38: the evidence read
    "licence (line" at the end of one line and "38)" alone at the start of the next."""
    text = report("tiiuae/falcon-180B")
    evidence = section(text, "Evidence")
    assert not [line for line in evidence if line.rstrip().endswith("(line")], text
    assert any("licence (line 38)" in line for line in evidence), text
    assert "\xa0" not in text
    wide = run_osai("check", "tiiuae/falcon-180B", env={"COLUMNS": "200"}).stdout
    assert "licence (line 38)" in wide and "\xa0" not in wide
