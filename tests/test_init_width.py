"""A draft is read in an editor and in a review's side-by-side diff: the comments that moved
above a value or a placeholder to fit 80 columns, uncommented by mistake, are refused in one
line naming them, never read into the manifest."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from clirunner import EXAMPLES, run_osai

from osai.init import placeholder_count
from osai.init.words import PLACEHOLDER, WIDTH


def uncommented(text: str, at: int) -> str:
    lines = text.split("\n")
    lines[at] = lines[at].replace("# ", "", 1)
    return "\n".join(lines)


def test_a_free_text_s_description_uncommented_by_mistake_is_refused(tmp_path: Path) -> None:
    """The description ran on after the placeholder, up to 237 columns.  It goes above, quoted
    (`> `) at the key's column: uncommented, each line is a block scalar's header followed by
    words, which YAML refuses on that line, whatever the words (below the key, indented under
    it, a line would be read as more of the text the publisher wrote in).  The placeholder line
    stays short, counted as before."""
    text = _draft(tmp_path)
    lines = text.split("\n")
    asking = [
        n
        for n, line in enumerate(lines)
        if line.endswith(f"{PLACEHOLDER}declare it, as described above")
    ]
    assert len(asking) >= 5
    described = []
    for at in asking:
        lead = lines[at][: lines[at].index("#") + 4]  # `  #   `, the key's column
        above = at - 1
        # quoted, at the key's column
        while lines[above].startswith(f"{lead}> "):
            described.append(above)
            above -= 1
        assert above < at - 1, lines[at]
        assert len(lines[at]) <= WIDTH
    assert placeholder_count(text) == 30
    _each_refused(tmp_path, text, described, "holds text where a key belongs")


def test_a_value_s_comment_above_it_uncommented_by_mistake_is_refused(tmp_path: Path) -> None:
    text = _draft(tmp_path)
    lines = text.split("\n")
    explaining = []
    for at, line in enumerate(lines[1:-1], start=1):
        value = lines[at + 1]
        lead = value[: len(value) - len(value.lstrip())]
        if line.startswith(f"{lead}# ") and not value.lstrip().startswith("#"):
            explaining.append(at)
    assert len(explaining) >= 15
    _each_refused(tmp_path, text, explaining)


def _draft(tmp_path: Path) -> str:
    model = shutil.copytree(EXAMPLES / "tiny-model", tmp_path / "tiny-model")
    draft = tmp_path / "draft.yml"
    assert run_osai("init", str(model), "-o", str(draft)).code == 0
    return draft.read_text(encoding="utf-8")


def _each_refused(tmp_path: Path, text: str, at: list[int], said: str = "") -> None:
    """Each of these lines uncommented alone: `osai check` refuses the draft in one line."""
    edited = tmp_path / "edited.yml"
    for line in at:
        edited.write_text(uncommented(text, line), encoding="utf-8")
        result = run_osai("check", str(edited))
        was = text.split("\n")[line]
        assert result.code == 2, was
        assert len(result.stderr.strip().splitlines()) == 1, (was, result.stderr)
        assert said in result.stderr, (was, result.stderr)
        # named by its line: the schema's `FILE:LINE:`, or YAML's, its own or the prose's
        assert re.search(rf"\.yml:{line + 1}: |\bline {line + 1}\b", result.stderr), was
