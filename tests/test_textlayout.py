"""One filler of words into lines: the table's cells (`wrap`), the report's hanging lines
(`hanging`) and the plain listings (`fitted`) fill alike, so a fault mended in one is mended
in all."""

from __future__ import annotations

import unicodedata

import pytest

from osai.formatters.textlayout import (
    Column,
    Painter,
    Span,
    cell_width,
    fitted,
    hanging,
    table,
    wrap,
)

TEXTS = [
    "ab models/EleutherAI/pythia-70m/config.json and more",
    "see https://huggingface.co/EleutherAI/pythia-70m/blob/main/config.json there",
    "several.cdx.json#GPT-NeoX-20B ✘\u00a0no\u00a0class\u00a0reached (5 unknown)",
    "模型许可证 Tongyi Qianwen LICENSE AGREEMENT applies to derivatives",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [8, 14, 30, 80])
def test_a_table_cell_and_a_hanging_line_break_the_same_words_alike(text: str, width: int) -> None:
    cells = [line.replace("\u00a0", " ") for line in wrap(text, width)]  # painted later
    assert cells == hanging(Painter(), [], [Span(text)], width, 0)


@pytest.mark.parametrize("width", [20, 26, 30])
def test_a_listing_line_continues_no_further_left_than_it_starts(width: int) -> None:
    line = "    mof.training-code    " + "Training code released under an open licence " * 2
    lines = fitted(line, width).splitlines()
    assert len(lines) > 1
    assert all(continued.startswith("    ") and continued.strip() for continued in lines[1:])
    assert all(cell_width(each) <= width for each in lines if " " in each.strip())


def test_a_listing_keeps_its_blanks_within_a_line_and_drops_them_at_a_break() -> None:
    line = "  name    value  one two three four five six seven eight"
    assert fitted(line, 36).splitlines() == [
        "  name    value  one two three four",
        "      five six seven eight",
    ]


URL = "https://github.com/ibm-granite/granite-3.0-language-models/blob/main/paper.pdf"


@pytest.mark.parametrize("indent", [0, 6])
def test_a_url_too_wide_beside_its_indent_but_not_for_the_line_starts_further_left(
    indent: int,
) -> None:
    """A 78-column URL under a 6-column hang ran to column 84 at 80 columns (granite's -v
    evidence): kept whole, it starts where it ends at the width."""
    plain = Painter()
    lines = hanging(plain, [Span(" " * indent + "hub README.md:277 =")], [Span(URL)], 80, 6)
    assert URL in lines[-1] and max(map(cell_width, lines)) <= 80, lines
    listed = fitted(f"{' ' * 6}hub README.md:277 = {URL}", 80).splitlines()
    assert listed[-1].strip() == URL and max(map(cell_width, listed)) <= 80, listed
    # one longer than the whole line is still kept whole, from column 0
    longer = URL + "/" + "a" * 20
    lines = hanging(plain, [Span("hub README.md:277 =")], [Span("see"), Span(" " + longer)], 80, 6)
    assert lines[-1] == longer, lines


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_label_starts_a_line_with_its_value_rather_than_end_one(width: int) -> None:
    """`osai licenses list` ended a line with "terms:" and put "non-commercial" on the next,
    where it read as a line with no label; so did the report's "shows:" and "refs:"."""
    line = "  CC-BY-NC-1.0  Creative Commons Attribution Non Commercial 1.0 Generic  terms: nc"
    body = "Creative Commons Attribution Non Commercial 1.0 Generic; terms: non-commercial"
    for lines in (
        fitted(line, width).splitlines(),
        hanging(Painter(), [Span("  ✔ ")], [Span(body)], width),
        wrap(body, width),
    ):
        assert [each for each in lines if each.rstrip().endswith("terms:")] == [], lines
        assert max(map(cell_width, lines)) <= width, lines


def test_a_listing_keeps_a_command_on_one_line_and_prints_it_with_blanks() -> None:
    from osai.formatters.textlayout import unbroken

    line = (
        f"lists:     each set's licences, the SPDX License List 3.29.0 ({unbroken('osai x y ID')})"
    )
    for width in range(40, 90):
        text = fitted(line, width)
        assert "(osai x y ID)" in text and "\u00a0" not in text, (width, text)


@pytest.mark.parametrize("width", range(50, 90, 3))
def test_a_backquoted_command_is_kept_on_one_line(width: int) -> None:
    """`osai init EleutherAI/pythia-70m` at 80 columns noted "... the publisher's; `osai check"
    and, on the next line, "EleutherAI/pythia-70m` still uses it": not a command to copy."""
    note = (
        "the MOT listing mot:models/Pythia-70M.yml is not copied into the draft: it is a third "
        "party's word, not the publisher's; `osai check EleutherAI/pythia-70m` still uses it"
    )
    lines = hanging(Painter(), [Span("osai: note: ")], [Span(note)], width, 12)
    assert any("`osai check EleutherAI/pythia-70m`" in line for line in lines), lines
    assert max(map(cell_width, lines)) <= width and "\u00a0" not in "".join(lines), lines
    assert " ".join(line.strip() for line in lines) == f"osai: note: {note}"


def test_a_phrase_ending_in_a_colon_is_no_label_to_carry_down() -> None:
    """Keeping a label with its value moved "code:" of "Training code, Inference code: MOF
    also accepts…" to the next line, splitting the component's name: only a word that begins
    a clause ("…; terms:", "· refs:") is carried."""
    body = "Model architecture, Data preprocessing code, Training code, Inference code: MOF also"
    lines = hanging(Painter(), [Span("  • ")], [Span(body)], 80, 4)
    assert (
        lines[0]
        == "  • Model architecture, Data preprocessing code, Training code, Inference code:"
    )


def test_a_korean_name_spelt_in_parts_takes_the_cells_its_syllables_take() -> None:
    """A Hangul syllable spelt in parts (NFD, as macOS names files) shows in the two cells of
    its first part: counted a cell for each vowel and final consonant, 학습데이터 was 17 cells
    wide, and in the summary of several targets its row's verdicts stood ten cells right of
    the others'.  The invisible format characters take no cell either; an override, which
    painting makes a space, takes one."""
    composed = "학습데이터"
    parts = unicodedata.normalize("NFD", composed)
    assert len(parts) > len(composed) and cell_width(parts) == cell_width(composed) == 10
    assert cell_width("e\u0301cole") == cell_width("a\u200db\u200e\u2060\ufeff") + 3 == 5
    assert cell_width("a\u202eb") == len(Painter().paint("a\u202eb")) == 3
    columns = [Column("target"), Column("verdict")]
    lines = table(Painter(), columns, [[Span(name), Span("met")] for name in (composed, parts)], 80)
    assert lines is not None
    starts = {cell_width(line[: line.index("met")]) for line in lines[1:]}
    assert len(starts) == 1, lines
