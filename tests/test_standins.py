"""The ASCII stand-ins for osai's symbols (osai.formatters.standins): only what a stream's encoding
cannot encode is replaced, met, unmet and unknown each by its own."""

from __future__ import annotations

import pytest

from osai.formatters.standins import encodable, register_stand_ins, whole_unicode


def test_only_what_the_encoding_cannot_encode_is_replaced() -> None:
    marks = "\u2714 met \u00b7 \u2718 unmet \u2014 ? unknown \u2026 \u2192 \u2248"
    assert encodable(marks, "ascii") == "+ met - x unmet -- ? unknown ... -> ~"
    # cp1252 has the middle dot, the dash and the ellipsis: they stay
    assert encodable(marks, "cp1252") == "+ met \u00b7 x unmet \u2014 ? unknown \u2026 -> ~"
    assert encodable(marks, "UTF-8") == marks


def test_what_has_no_stand_in_is_a_question_mark_and_the_layouts_blank_stays() -> None:
    """As errors="replace" writes it; the no-break space joins words until the layout is done."""
    assert encodable("\u6a21\u578b Mod\u00e8le", "ascii") == "?? Mod?le"
    assert encodable("\u6a21\u578b Mod\u00e8le", "cp1252") == "?? Mod\u00e8le"
    assert encodable("EU\u00a0AI\u00a0Act", "ascii") == "EU\u00a0AI\u00a0Act"


def test_a_stream_writes_the_same_stand_ins() -> None:
    """The streams' error handler: what the text report lays out is what any other output gets."""
    handler = register_stand_ins()
    text = "\u2705 \u274c \u2754 \u26aa \u2022 \u00a0\u6a21"
    assert text.encode("ascii", handler) == encodable(text, "ascii").replace("\u00a0", " ").encode()
    with pytest.raises(UnicodeDecodeError):
        b"\xff".decode("ascii", handler)


@pytest.mark.parametrize(
    ("encoding", "whole"),
    [("utf-8", True), ("UTF8", True), ("utf_16", True), ("ascii", False), ("cp1252", False),
     ("ANSI_X3.4-1968", False), ("no-such-encoding", True)],
)  # fmt: skip
def test_which_encodings_need_no_stand_in(encoding: str, whole: bool) -> None:
    assert whole_unicode(encoding) is whole
