"""ASCII stand-ins for the symbols osai prints, on a stream whose encoding has not them.

A terminal or a pipe that is not UTF-8 (PYTHONIOENCODING=ascii, `LC_ALL=C PYTHONUTF8=0`, a
Windows pipe in cp1252) cannot encode `✔`, `✘` or `·`.  Replaced by `?`, met and unmet read as
osai's own mark for unknown ("? Model architecture ? Apache-2.0 ? OSAID ?").  Each symbol osai
prints for a meaning has its stand-in here, the one table every text output uses: the text
report gives them before it lays out its lines (its widths are the stand-ins'), and the streams
give them to whatever else is written (`osai.cli`).  Only what the encoding cannot encode is
replaced (cp1252 has `·`, `—` and `…`); anything else it cannot encode is `?`, as
errors="replace" writes it.

A document whose format is UTF-8 (osai.formatters.UTF8_DOCUMENTS: JSON, SARIF, JUnit, the AI
BOMs, Markdown, GitHub annotations) never meets this: it is written to standard output as UTF-8
bytes whatever the stream's encoding.  The Markdown emoji's stand-ins serve Markdown printed
otherwise (an audit's or a census's text through the streams' error handler).
"""

from __future__ import annotations

import codecs
from functools import lru_cache

# Each symbol → what stands in for it.  Met, unmet, unknown and waived stay apart in every
# format ("+", "x", "?", "~"), the marks of the text report as the Markdown's emoji.
STAND_INS = {
    "\u2714": "+",  # ✔ met
    "\u2705": "+",  # ✅ met (Markdown)
    "\u2718": "x",  # ✘ unmet
    "\u274c": "x",  # ❌ unmet (Markdown)
    "\u2754": "?",  # ❔ unknown (Markdown)
    "\u2248": "~",  # ≈ waived, or a graded framework's outcome
    "\u26aa": "~",  # ⚪ waived (Markdown)
    "\u00b7": "-",  # · between the items of a list ("|" would part a Markdown table's cell)
    "\u2022": "*",  # • a bullet
    "\u2014": "--",  # — em dash; "not asked by that framework" in a table
    "\u2013": "-",  # en dash
    "\u2192": "->",  # → what to do next; "becomes"
    "\u2026": "...",  # … more left out ("step0…step143000")
    "\u2265": ">=",  # ≥ a grade at least
    "\u2264": "<=",
    "\u00d7": "x",  # multiplication sign
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u00a0": " ",  # a no-break space: a blank
}
UNKNOWN_STAND_IN = "?"  # what errors="replace" writes
# The text layout's joiner (osai.formatters.textlayout.NO_BREAK_SPACE): kept through
# `encodable`, as the layout prints it as a blank once the lines are made.
_KEPT = "\u00a0"
# The encodings that encode every character (a lone surrogate aside, which no stand-in helps).
_WHOLE_UNICODE = frozenset({"utf-8", "utf-16", "utf-32", "utf-8-sig", "utf-7"})
ERROR_HANDLER = "osai.stand-ins"  # the codecs error handler's name (register_stand_ins)


def stand_in(char: str) -> str:
    return STAND_INS.get(char, UNKNOWN_STAND_IN)


def encodable(text: str, encoding: str) -> str:
    """`text` as a stream in `encoding` can show it: each character the encoding cannot encode
    replaced by its stand-in (a no-break space kept: the layout's)."""
    if text.isascii() or whole_unicode(encoding):
        return text
    return "".join(
        char if char == _KEPT or _encodes(char, encoding) else stand_in(char) for char in text
    )


def whole_unicode(encoding: str) -> bool:
    """Whether `encoding` (a stream's, as Python names it: "UTF-8", "cp1252", "ANSI_X3.4-1968")
    encodes every character; an encoding Python does not know is taken as one that does (no
    stand-in is guessed for it)."""
    return _codec_name(encoding) in _WHOLE_UNICODE


@lru_cache(maxsize=64)
def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"


@lru_cache(maxsize=4096)  # a report prints few distinct characters many times
def _encodes(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeError:  # UnicodeEncodeError, and a surrogate's
        return False
    except LookupError:
        return True
    return True


def stand_ins(error: UnicodeError) -> tuple[str, int]:
    """A codecs error handler (codecs.register_error): what a stream cannot encode, written as
    its stand-ins."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    unencoded = error.object[error.start : error.end]
    return "".join(stand_in(char) for char in unencoded), error.end


def register_stand_ins() -> str:
    """The error handler registered (again is harmless), by the name a stream's `errors` takes."""
    codecs.register_error(ERROR_HANDLER, stand_ins)
    return ERROR_HANDLER
