"""The characters that must never reach a terminal or a CI log from someone else's text.

One definition, for the layers that print nothing themselves but word messages (the HTTP layer's
failures) and for the formatters that escape each output format (osai.formatters.escaping).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence

# C0 and C1 controls (tab and newline included: quoted text is one line), DEL, the line and
# paragraph separators, and the bidirectional embeddings, overrides and isolates (text that
# reads one way and is another).
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


# A lone surrogate (decoded JSON's `\ud800`) is no character: YAML and DuckDB refuse it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """`text` with every lone surrogate U+FFFD, as a decoder makes of bytes it cannot read."""
    return _SURROGATE.sub("\ufffd", text)


def one_line(text: str, limit: int) -> str:
    """Someone else's text on one line: each control a blank, runs of blanks one, at most
    ``limit`` characters (an ellipsis says it was cut)."""
    flat = " ".join(CONTROL_CHARACTERS.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: _character_start(flat, limit - 1)] + "…"


def escaped_name(text: str, limit: int = 60) -> str:
    """A name someone else wrote (a key), for a one-line message: at most ``limit`` characters,
    and, when it holds a control character, a quoted JSON string with the controls escaped (raw,
    a newline would split the message in two lines)."""
    shortened = cut(text, limit)
    return _json_quoted(shortened) if CONTROL_CHARACTERS.search(shortened) else shortened


def quoted_name(text: str, limit: int = 60) -> str:
    """`escaped_name`, always in quotes: 'name', or "na\\nme" when it had to be escaped."""
    shortened = cut(text, limit)
    return _json_quoted(shortened) if CONTROL_CHARACTERS.search(shortened) else f"'{shortened}'"


_ESCAPED_IN_QUOTES = re.compile(f"{CONTROL_CHARACTERS.pattern}|{_SURROGATE.pattern}")


def _json_quoted(text: str) -> str:
    """`text` as a JSON string with its controls (and any lone surrogate) escaped, and nothing
    else: escaped as ASCII, a Chinese licence name with an override in it was
    "\\u901a\\u4e49…\\u202e", unreadable to the one who wrote it."""
    dumped = json.dumps(text, ensure_ascii=False)
    return _ESCAPED_IN_QUOTES.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def unseen_escaped(text: str) -> str:
    """`text` with each character a reader cannot see (str.isprintable: a format character such
    as a zero-width space or joiner, a control, a separator other than the space) as its
    \\uXXXX escape, the rest as written.  For a name osai matches on, not for prose: a card's
    `license: "mi\\u200bt"` read "under mit" and was no MIT (escaped in every sentence, a ZWJ
    emoji or a ZWNJ word would be broken)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def joined(names: Sequence[str], last: str = "and") -> str:
    """Names as a list in prose: "A", "A and B", "A, B and C" (`last`: "or" for a choice)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {last} " + names[-1]


def listed(items: Sequence[str]) -> str:
    """Items as a list in prose, parted by "; " when an item has a comma or an "and" of its own
    ("Capabilities and intended uses; Limitations; How to integrate and run the model": with
    commas, where one item ends was anyone's guess)."""
    if any(", " in item or " and " in item for item in items):
        return "; ".join(items)
    return joined([items[0], *(mid_sentence(item) for item in items[1:])])


# The words a title in prose opens with (a fact's: "Whether the release is monetised"), which
# read capitalised mid-sentence ("… monetised and Whether the Commission …"); a name (a MOF
# component's, "Training code") keeps its capital.
_PROSE_OPENINGS = frozenset({"A", "An", "The", "Whether", "How", "What", "Where", "Which", "Who"})


def mid_sentence(item: str) -> str:
    first, _, rest = item.partition(" ")
    return f"{first.lower()} {rest}" if first in _PROSE_OPENINGS and rest else item


def title_mid_sentence(title: str) -> str:
    """A fact's title as a sentence's middle says it: a fact is described, never named ("but
    training data that is not public says …", "where how the weights can be obtained is …"),
    where `mid_sentence` keeps a component's name ("Training code"); an acronym ("EU …") keeps
    its capitals."""
    if len(title) >= 2 and title[0].isupper() and not title[1].isupper():
        return title[0].lower() + title[1:]
    return title


# A word of a name, as one name is compared with another: a run of letters and digits, so
# that "_", "-" and "." part words ("Qwen3_Technical_Report", "granite-3.0-8b-instruct").
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> frozenset[str]:
    """The words of a name or title, lower-cased: a paper's label or file name is compared with
    the card's title or the model's id by these, in the card and in a linked repository alike,
    as both compare them beside the same words that name no work (`own_paper_qualifiers`)."""
    return frozenset(_WORD.findall(text.lower()))


def first_word(text: str) -> str:
    """The first of `words`, "" when none: a model name's family (granite-3.0-8b: granite)."""
    return next(iter(_WORD.findall(text.lower())), "")


def counted(count: int, noun: str, plural: str = "") -> str:
    """ "1 model", "1,000 models": a count and its noun in the number it takes (`plural` when
    it is not the noun and an s)."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def some_of(names: Sequence[str], shown: int = 8, limit: int = 100) -> str:
    """Names someone else chose, any number of them, in bounded words: the first `shown`, each
    on one line of at most `limit` characters, and how many more there are."""
    listed = ", ".join(one_line(name, limit) for name in names[:shown])
    rest = len(names) - shown
    return f"{listed}, +{rest:,} more" if rest > 0 else listed


# Where str.splitlines parts lines: an error's lines are its problems (osai.errors.OsaiError).
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def line_breaks_escaped(text: str) -> str:
    """`text` on one line, each line break written as its escape (`\\n`, `\\u2028`)."""
    return _LINE_BREAKS.sub(lambda match: json.dumps(match.group())[1:-1], text)


def target_name(target: str) -> str:
    """A target as an error message names it: whole, unless it is a paste of kilobytes (the
    message must still say what is wrong within the line's bound), on one line as the error
    line will show it."""
    return cut(line_breaks_escaped(target), 300)


def cut(text: str, limit: int = 60) -> str:
    """At most `limit` characters, \"...\" saying it was cut."""
    return text if len(text) <= limit else text[: _character_start(text, limit - 3)] + "..."


# What continues the character a reader sees (a grapheme) begun before it: a mark drawn on it,
# a joiner or what a joiner joins, a variation selector, an emoji's skin tone or tag, a Hangul
# syllable's vowel and final consonant spelt in parts (NFD).
_CONTINUING = re.compile(
    "[\u200c\u200d\ufe00-\ufe0f\u1160-\u11ff\ud7b0-\ud7ff"
    "\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)
_REGIONAL_INDICATOR = re.compile("[\U0001f1e6-\U0001f1ff]")


def _character_start(text: str, index: int) -> int:
    """`index`, or the start of the character a reader sees that it falls within: cut there,
    학 spelt in parts (NFD) became ᄒ, a letter the text does not have, é an e, and a family of
    emoji a lone parent.  Not 0 when `index` is not: a text that is one such character to past
    the bound (a letter under a thousand marks, a run of joiners) was quoted as '...', none of
    it shown; cut within it, its first letter stays."""
    bound = index
    while 0 < index < len(text) and (
        _CONTINUING.match(text[index])
        or unicodedata.category(text[index]) in ("Mn", "Me", "Mc")
        or text[index - 1] == "\u200d"
    ):
        index -= 1
    if 0 < index < len(text) and _REGIONAL_INDICATOR.match(text[index]):
        run = index
        while run > 0 and _REGIONAL_INDICATOR.match(text[run - 1]):
            run -= 1
        index -= (index - run) % 2  # two regional indicators are one flag: 🇰🇷 cut is 🇰 and 🇷
    return index or bound


# Where a list of ids parts: at a comma, or at a run of blanks, as the GitHub Action's `require`
# input parts (`osaid mof:class-2`); but not at blanks beside the `:` of an `ID:VALUE` item
# (`mof: class-2`) or before a `%` (`eosai:75 %`).  No id or value has a blank in it, so
# either way of writing a list reads one way.
_LIST_SEPARATOR = re.compile(r",|(?<![\s:])\s+(?![\s:%])")


def comma_separated(values: Iterable[str] | None) -> tuple[str, ...]:
    """Every id of a repeatable option, each value also split at commas and blanks (`-f
    osaid,mof` is `-f osaid -f mof`, as ruff's `--select A,B`; `--require 'osaid mof:class-2'`
    two policies, as the action's `require: osaid mof:class-2`); an empty item (`osaid,`) is
    dropped.  A value with no id in it at all stays as typed, for the command to refuse it with
    its own message.  The one reading of such a list: a configuration's `require:`
    (osai.config) is read by it too, so `require: osaid,mof:class-2` is the flag's."""
    found: list[str] = []
    for value in values or ():
        items = [item.strip() for item in _LIST_SEPARATOR.split(value) if item.strip()]
        found.extend(items or [value])
    return tuple(found)


__all__ = [
    "CONTROL_CHARACTERS",
    "comma_separated",
    "counted",
    "cut",
    "escaped_name",
    "joined",
    "one_line",
    "quoted_name",
    "some_of",
    "target_name",
    "unseen_escaped",
]
