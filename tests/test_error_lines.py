"""A target that could not be checked, on one line: named once, however the user typed it and
however the message names it (the review found "URL: org/name: ..." and "./x.yml: x.yml:3: ...")."""

from __future__ import annotations

import pytest

from osai.report import error_said, error_subject

URL = "https://huggingface.co/EleutherAI/nope"


@pytest.mark.parametrize(
    ("target", "message", "said"),
    [
        ("nope/nope", "nope/nope: repository not found", "nope/nope: repository not found"),
        (URL, "EleutherAI/nope: cannot connect", "EleutherAI/nope: cannot connect"),
        (URL + "/", "EleutherAI/nope: cannot connect", "EleutherAI/nope: cannot connect"),
        ("./bad.yml", "bad.yml:3: release: missing", "bad.yml:3: release: missing"),
        ("d//bad.yml", "d/bad.yml:3: release: missing", "d/bad.yml:3: release: missing"),
        ("/abs/x.yml", "/abs/x.yml:3: oops", "/abs/x.yml:3: oops"),
        # a message that does not name it gets it
        ("org/name", "cannot connect to 127.0.0.1:9", "org/name: cannot connect to 127.0.0.1:9"),
        ("org/name", "org/other: not found", "org/name: org/other: not found"),
        ("x.yml", "no such file", "x.yml: no such file"),
        # a file's several problems, one a line: each line names the target
        ("m", "m/osai.yaml:3: a\nm/osai.yaml:5: b", "m: m/osai.yaml:3: a\nm: m/osai.yaml:5: b"),
        # an empty target has no name to give
        ("", "an empty target names nothing", "an empty target names nothing"),
        ("  ", "an empty target names nothing", "an empty target names nothing"),
    ],
)
def test_the_target_is_named_once(target: str, message: str, said: str) -> None:
    assert error_said(target, message) == said


def test_a_word_before_a_colon_is_not_taken_for_the_target() -> None:
    assert error_subject("name", "rate limited by host: try later") == ""
    assert error_subject("a/name", "name: x") == "name"  # a path's last part, as osai reads it
