"""Lists in prose, as the actions of every report word them."""

from __future__ import annotations

import unicodedata

import pytest

from osai.textsafe import cut, listed, one_line, title_mid_sentence


def test_a_title_in_prose_is_not_capitalised_mid_sentence() -> None:
    """An EU AI Act check asked to "document Whether the release is monetised and Whether the
    Commission designated the model …", a capital in mid-sentence."""
    assert listed(["Whether the release is monetised", "Whether the model was designated"]) == (
        "Whether the release is monetised and whether the model was designated"
    )
    assert listed(["Limitations", "A policy to comply with Union copyright law"]) == (
        "Limitations and a policy to comply with Union copyright law"
    )


def test_names_keep_their_capitals() -> None:
    """A MOF component is a name: "Training code and Model architecture"."""
    assert listed(["Training code", "Model architecture"]) == "Training code and Model architecture"
    assert listed(["Datasets", "The"]) == "Datasets and The"  # one word: a name, not a title


def test_a_fact_s_title_mid_sentence_is_not_capitalised_but_an_acronym_is_kept() -> None:
    """A fact is described, never named: "but training data that is not public"."""
    assert title_mid_sentence("Training data that is not public") == (
        "training data that is not public"
    )
    assert title_mid_sentence("How the weights can") == "how the weights can"
    assert title_mid_sentence("EU AI Act duties") == "EU AI Act duties"
    assert title_mid_sentence("") == ""


KOREAN_IN_PARTS = unicodedata.normalize("NFD", "학" * 30)  # 학 is three code points


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # cut in a syllable spelt in parts (NFD), 학 showed as ᄒ, a letter the text has not
        ("x" + KOREAN_IN_PARTS, "x" + unicodedata.normalize("NFD", "학" * 18)),
        ("x" * 56 + "e\u0301" * 4, "x" * 56),  # not an e without its accent
        ("x" * 56 + "👩\u200d👩\u200d👧", "x" * 56),  # nor a family's lone parent
        ("x" * 56 + "🇰🇷🇯🇵🇨🇳", "x" * 56),  # nor half a flag, another flag's letter
        ("x" * 55 + "🇰🇷🇯🇵🇨🇳", "x" * 55 + "🇰🇷"),
    ],
)
def test_a_name_is_cut_between_the_characters_a_reader_sees(text: str, kept: str) -> None:
    assert cut(text, 60) == kept + "..."
    assert one_line(text, 58) == kept + "…"


@pytest.mark.parametrize(
    "text",
    ["x" + "\u0301" * 1000, "\u200d" * 100, "👩" + "\u200d👩" * 40],
)
def test_a_text_that_is_one_character_to_past_the_bound_still_shows_its_start(
    text: str,
) -> None:
    """Cut between the characters a reader sees, one that runs past the bound (a letter under
    a thousand marks) left nothing: '...'.  Cut within it, its start is shown, in the bound."""
    assert cut(text, 60) == text[:57] + "..."
    assert one_line(text, 58) == text[:57] + "…"
