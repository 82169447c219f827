"""Model cards built to make a backtracking parser quadratic (issue #14, item 3).

Each entry makes a card of about ``size`` characters from one repeated piece aimed at a pattern the
card parsers use (osai/card/, rules/detection.yaml `card:`).  The first two are the issue's own;
the rest are the ones the review and this work found: each was quadratic (6 to 70 s at 32,000
characters) before its pattern was made linear.  ``ISSUE_REPEATS`` says how the issue counted its
two: arXiv ids on one line, and "license" repeated in a gating prompt.

Used by tests/test_hostile_inputs.py, tests/test_fuzz.py and benchmarks/card_scaling.py.
"""

from __future__ import annotations

from collections.abc import Callable


def arxiv_ids_on_one_line(repeats: int) -> str:
    ids = " ".join(f"arXiv:{2301 + i % 9}.{10000 + i % 90000:05d}" for i in range(repeats))
    return f"# Model\n\nSee {ids}\n"


def gating_prompt_of_license(repeats: int) -> str:
    return f'---\nlicense: other\nextra_gated_prompt: "{"license " * repeats}"\n---\n# Model\n'


def _times(piece: str, size: int) -> str:
    return piece * max(1, size // len(piece))


def _front_matter(key: str, value: str) -> str:
    return f"---\n{key}: '{value}'\n---\n# Model\n"


# size (characters) → card text
HOSTILE_CARDS: dict[str, Callable[[int], str]] = {
    # the issue's two, by size: ~17 characters an id, 8 a "license "
    "arxiv-ids-on-one-line": lambda size: arxiv_ids_on_one_line(size // 17),
    "gating-prompt-of-license": lambda size: gating_prompt_of_license(size // 8),
    # a heading's closing sequence: `(.*?)[ \t#]*$` over a line of spaces
    "heading-of-spaces": lambda size: "# a" + " " * size + "x\n",
    "heading-of-hashes": lambda size: "# a" + " #" * (size // 2) + "x\n",
    # a table's separator row: `^\s*\|?\s*` over a line of spaces, after a row with a pipe
    "table-separator-of-spaces": lambda size: "a | b\n" + " " * size + "x\n",
    "table-separator-of-dashes": lambda size: "a | b\n" + _times("|---", size) + "x\n",
    # a sentence with no full stop: `[^.]*` free to start anywhere (non_public_data)
    "words-without-a-full-stop": lambda size: _times("training code ", size) + "\n",
    "link-without-a-full-stop": lambda size: "https://github.com/" + "a" * size + "\n",
    "markdown-links-unclosed": lambda size: _times("[a](", size) + "\n",
    # own_paper_lines: `\[[^\]]*\]` unbounded, `\s*\**\s*` ambiguous
    "paper-brackets-unclosed": lambda size: _times("paper [", size) + "\n",
    "paper-then-spaces": lambda size: _times("paper " + " " * 20, size) + "\n",
    # own_paper_lines' label: a start after every ". " (a clause's end), each a bounded prefix
    "paper-label-starts": lambda size: _times(". ", size) + "\n",
    # a run of digits before FLOPs: `\d+` from every digit
    "digits-without-flops": lambda size: "trained with " + "1" * size + "\n",
    # figures each read from the one before it: a statement that sets each aside (unless_before)
    # is looked for since the figure before, not from the sentence's start again
    "figures-for-inference": lambda size: _times("inference 1e10 FLOPs, ", size) + "\n",
    "figures-after-inference": lambda size: "inference " + _times("took 1e23 FLOPs ", size) + "\n",
    # not_released reasons: `because\s[^.;:!?,]*` then `\s*` (clause_end)
    "reasons-without-an-end": lambda size: _times("training code is not released because ", size),
    "reasons-then-spaces": lambda size: _times(
        "training code is not released because" + " " * 200, size
    ),
    # HTML comments a section's content leaves out, opened and never closed, or many on a line;
    # template placeholders, half-written
    "comments-unclosed": lambda size: _times("<!-- <!-", size) + "\n",
    "comments-on-one-line": lambda size: "## Data\n" + _times("<!--a-->", size) + "\n",
    "placeholders-unclosed": lambda size: "## Data\n" + _times("[ more information ", size),
    # licence mentions a sentence gives the data: none is kept, so none stops the reading at
    # MAX_MENTIONS, and each looks up its sentence instead of reading it again
    "gating-prompt-of-data-licences": lambda size: _front_matter(
        "extra_gated_prompt", _times("the data license ", size)
    ),
    # the gating prompt's link texts: `[^)\s]{0,2000}` from every `[`
    "gating-prompt-of-link-starts": lambda size: _front_matter(
        "extra_gated_prompt", _times("[a](", size)
    ),
    # a licence section's "released under" statements, and its subjects with none: the first
    # MAX_LICENCE_SENTENCES are read, each sentence's subjects found once
    "licence-section-of-statements": lambda size: (
        "## License\n\n" + _times("the weights are released under the ", size) + "\n"
    ),
    # restrictions of use each pattern finds (research only, a threshold): the first
    # MAX_LICENCE_SENTENCES are read, whatever their categories
    "licence-section-of-restrictions": lambda size: (
        "## License\n\n" + _times("the weights are for research use only and ", size) + "\n"
    ),
    "licence-section-of-thresholds": lambda size: (
        "## License\n\n" + _times("the model above 700 million monthly active users ", size)
    ),
    "licence-section-of-subjects": lambda size: (
        "## License\n\n" + _times("weights, code and data ", size) + "are released under MIT\n"
    ),
}

# The issue's scaling: repeats → card, for benchmarks/card_scaling.py.
ISSUE_REPEATS: dict[str, Callable[[int], str]] = {
    "arxiv-ids-on-one-line": arxiv_ids_on_one_line,
    "gating-prompt-of-license": gating_prompt_of_license,
}
