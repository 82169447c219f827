"""Lists in prose, as the actions of every report word them."""

from __future__ import annotations

from osai.textsafe import listed


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
