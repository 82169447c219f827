"""Lines for the terminal: words wrapped to the terminal's width (URLs never split), tables whose
columns fit it, and ANSI styles only when colour is on.

Every piece of text reaches the output through `Painter.paint`, which escapes it
(osai.formatters.escaping.terminal) and measures it in terminal cells: wide characters count
two, combining marks none.  No line is longer than the width, except a single word (a URL)
longer than the whole line, which is kept whole rather than broken; one that fits the line
but not beside its indent starts further left.

On a stream that cannot encode a symbol (`✔` in ASCII), the painter's encoding gives its
stand-in (osai.formatters.standins) before any line is laid out: the lines are measured as
they are printed ("—" is "--", two cells; a name's 模型 is "??", two).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from osai.formatters.escaping import terminal
from osai.formatters.standins import encodable

_SGR = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}


@dataclass(frozen=True)
class Span:
    """Text and its style: space-separated style names ("bold red"), or none."""

    text: str
    style: str = ""


def cell_width(text: str) -> int:
    """Columns the text takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


@lru_cache(maxsize=4096)  # a report draws few distinct characters (✔, ·, —) many times
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or _is_zero_width(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# What a terminal shows in no cell beyond the marks: the invisible format characters (zero-width
# space, joiners, direction marks, word joiner, byte order mark), and a Hangul syllable's vowel
# and final consonant when it is written in parts (NFD, as macOS names files: the syllable takes
# the two cells of its first part).  Counted one each, a Korean name spelt so pushed its row's
# next column of a table ten cells right of the others'.
_ZERO_WIDTH = re.compile("[\u061c\u180e\u200b-\u200f\u2060-\u2064\ufeff\u1160-\u11ff\ud7b0-\ud7ff]")


def _is_zero_width(char: str) -> bool:
    """A mark drawn on the character before it, or one of _ZERO_WIDTH.  Not the emoji
    presentation selector (U+FE0F), which draws the character before it two cells wide."""
    if char == "\ufe0f":
        return False
    return unicodedata.category(char) in ("Mn", "Me") or _ZERO_WIDTH.match(char) is not None


@dataclass(frozen=True)
class Painter:
    """Styles text for a terminal with colour, or leaves it plain; `encoding`: the stream's,
    whose stand-ins its text is laid out with (`readable`)."""

    color: bool = False
    encoding: str = "utf-8"

    def readable(self, spans: Sequence[Span]) -> list[Span]:
        """The spans as the stream shows them: what its encoding cannot encode, a stand-in."""
        return [Span(encodable(span.text, self.encoding), span.style) for span in spans]

    def paint(self, text: str, style: str = "") -> str:
        safe = terminal(text).replace(NO_BREAK_SPACE, " ")  # wrapping is done: a blank again
        if not self.color or not style or not safe:
            return safe
        codes = ";".join(_SGR[name] for name in style.split() if name in _SGR)
        return f"\x1b[{codes}m{safe}\x1b[0m" if codes else safe

    def spans(self, spans: Sequence[Span]) -> str:
        return "".join(self.paint(span.text, span.style) for span in spans)


def _is_unbreakable(word: str) -> bool:
    """A URL: split, it could not be followed or copied from the terminal."""
    return "://" in word or word.startswith("www.")


def _pieces(word: str, width: int) -> list[str]:
    """A word too long for a line: at its slashes when it is a path, else cut."""
    parts = [part + "/" for part in word.split("/")[:-1]] + [word.split("/")[-1]]
    pieces: list[str] = []
    current = ""
    for part in (p for p in parts if p):
        if current and cell_width(current + part) > width:
            pieces.append(current)
            current = ""
        current += part
    pieces.append(current)
    return [
        cut
        for piece in pieces
        for cut in (_cut(piece, width) if cell_width(piece) > width else [piece])
    ]


def wrap(text: str, width: int) -> list[str]:
    """Words filled into lines of at most `width` columns, as `hanging` fills them, unpainted
    (a table pads its cells before it paints them)."""
    width = max(width, 1)
    return [_joined(row, _unpainted) for row in _rows(_words([Span(text)], width), 0, 0, width)]


def _cut(word: str, width: int) -> list[str]:
    pieces, current, used = [], "", 0
    for char in word:
        size = _char_width(char)
        if used + size > width and current:
            pieces.append(current)
            current, used = "", 0
        current, used = current + char, used + size
    return [*pieces, current]


def hanging(
    painter: Painter, prefix: Sequence[Span], body: Sequence[Span], width: int, indent: int = -1
) -> list[str]:
    """The prefix, then the body's words wrapped under it: continuation lines start at `indent`
    (default: where the body starts), so a verdict's reasons line up under it."""
    prefix, body = painter.readable(prefix), painter.readable(body)
    start = sum(cell_width(terminal(span.text)) for span in prefix)
    hang = start if indent < 0 else indent
    if width - hang < 24:  # too little room beside the prefix: continue under it, indented
        hang = min(4, start)
    rows = _rows(_words(body, max(width - hang, 1)), start, hang, width)
    return _hung(painter.spans(prefix), hang, rows, painter.paint, width)


# A word as it is printed: its pieces and their styles (several where a span begins with a
# no-break space, which joins its first word to the word before it, as "MOF" and "✘ III").
Word = list[tuple[str, str]]


@dataclass(frozen=True)
class Placed:
    """A word to place on a line, with the blanks printed before it unless it opens the line;
    `opens_line`: the first part of a phrase too long for a line ("✘ no class reached" in a
    narrow cell), which starts a line of its own rather than run on from the word before it."""

    word: Word
    blanks: int = 1
    opens_line: bool = False


def _words(body: Sequence[Span], room: int) -> list[Placed]:
    words: list[Word] = []
    for span in body:
        for index, word in enumerate(_quoted_kept(terminal(span.text)).split(" ")):
            if not word:
                continue
            if index == 0 and word.startswith(NO_BREAK_SPACE) and words:
                words[-1].append((word, span.style))
            else:
                words.append([(word, span.style)])
    return [placed for word in words for placed in _fitting(word, room)]


# A command in backquotes (`osai check EleutherAI/pythia-70m`), as a note names one to run.
_BACKQUOTED = re.compile(r"`[^`]+`")


def _quoted_kept(text: str) -> str:
    """The text with each backquoted command's blanks no-break spaces: split over two lines it
    could not be copied whole (parted at its blanks only when longer than a line)."""
    return _BACKQUOTED.sub(lambda quoted: unbroken(quoted.group()), text)


def _fitting(word: Word, room: int) -> list[Placed]:
    """A word as it fits a line of `room` columns: whole; else parted at its no-break spaces,
    a phrase parted starting a line, and a part longer than the line (a URL aside) cut."""
    if sum(cell_width(piece) for piece, _ in word) <= room:
        return [Placed(word)]
    parts = [(part, style) for piece, style in word for part in piece.split(NO_BREAK_SPACE)]
    phrase = len([part for part, _ in parts if part]) > 1
    cuts = [
        (cut, style)
        for part, style in parts
        if part
        for cut in (
            _pieces(part, room) if cell_width(part) > room and not _is_unbreakable(part) else [part]
        )
    ]
    return [Placed([cut], opens_line=phrase and index == 0) for index, cut in enumerate(cuts)]


def _rows(words: Sequence[Placed], start: int, hang: int, width: int) -> list[list[Placed]]:
    """Words filled into lines of `width` columns, the first line's words from column `start`,
    the others' from `hang`; a word wider than its line (a URL) has a line of its own, and a
    label ("terms:", "refs:") starts a line with the word after it rather than end one."""
    rows: list[list[Placed]] = [[]]
    used = start
    for index, placed in enumerate(words):
        size = sum(cell_width(piece) for piece, _ in placed.word)
        gap = placed.blanks if rows[-1] else 0
        kept = size + _kept_after(words, index, width - hang - size)
        overflows = used + gap + kept > width
        if (rows[-1] and (overflows or placed.opens_line)) or (overflows and used > hang):
            rows.append([])
            used, gap = hang, 0
        rows[-1].append(Placed(placed.word, gap))
        used += gap + size
    return rows


def _kept_after(words: Sequence[Placed], index: int, room: int) -> int:
    """The columns of the word after a label that the label is kept with (0: none): a value
    on the next line, its label ending the line before, reads as a line with no label."""
    following = words[index + 1 : index + 2]
    if not following or following[0].opens_line or not _is_label(words, index):
        return 0
    after = following[0]
    kept = after.blanks + sum(cell_width(piece) for piece, _ in after.word)
    return kept if kept <= room else 0


# What ends a clause, so that a word after it may begin a label ("…; modes: default").
_CLAUSE_ENDS = (";", ":", "(", "·", "—")


def _is_label(words: Sequence[Placed], index: int) -> bool:
    """A label: one or two words ending in a colon that begin a clause ("terms:", "also
    named:"), not a phrase's last word ("Inference code: MOF also accepts…", "(open or
    closed: …)"), which may end a line as any word does."""
    word = "".join(piece for piece, _ in words[index].word)
    if len(word) < 2 or not word.endswith(":") or not word[-2].isalnum():
        return False
    for first in (index, index - 1):  # where a one- or two-word label would begin
        if first < 0:
            return False
        if first == 0 or words[first].blanks >= 2 or word.startswith("("):
            return True
        before = "".join(piece for piece, _ in words[first - 1].word)
        if before.endswith(_CLAUSE_ENDS):
            return True
    return False


def _hung(
    prefix: str,
    hang: int,
    rows: Sequence[Sequence[Placed]],
    paint: Callable[[str, str], str],
    width: int,
) -> list[str]:
    """The rows as lines: the first after the prefix (as printed), the others from `hang`; a
    word alone on its line that is too wide for it from `hang` but not for the whole line (a
    URL) starts as far left as it needs to end at the width: kept whole, it ran past it."""
    lines = []
    for number, row in enumerate(rows):
        if number == 0:
            lines.append(prefix + _joined(row, paint))
            continue
        size = sum(cell_width(piece) for placed in row for piece, _ in placed.word)
        indent = hang if len(row) != 1 or hang + size <= width else max(width - size, 0)
        lines.append(" " * indent + _joined(row, paint))
    return lines


def _joined(row: Sequence[Placed], paint: Callable[[str, str], str]) -> str:
    return "".join(
        " " * placed.blanks + "".join(paint(*piece) for piece in placed.word) for placed in row
    )


def _unpainted(piece: str, _style: str) -> str:
    return piece


# Joins words that wrap() must keep on one line (an outcome such as "not conformant"); the
# painter prints it as a plain blank.
NO_BREAK_SPACE = "\u00a0"
# The "·" between the items of a list, kept with the item before it, as a comma is: set before
# the next item, a "·" that did not fit opened a line ("· EU AI Act —", "· Access 0.00"), or
# stood alone above a URL too long to follow it.  Printed " · ".
DOT = f"{NO_BREAK_SPACE}·"
DOTS = f"{DOT} "


def dotted(items: Iterable[str]) -> str:
    """Items parted by DOTS: "a · b · c", no line opening with the "·"."""
    return DOTS.join(items)


WORD_KEPT = 24  # table cells are no narrower than their words up to this long


def unbroken(text: str) -> str:
    """`text` kept on one line while it fits (its blanks no-break spaces, printed as blanks): a
    framework's name of several words ("EU AI Act"), a count and its outcome."""
    return text.replace(" ", NO_BREAK_SPACE)


_BLANK_NOT_BEFORE_PARENTHESIS = re.compile(r" (?!\()")


def kept_together(text: str) -> str:
    """`text` wrapped only before a parenthesis: "✘ not conformant" stays one unit, and so does
    a count in parentheses ("disagrees (1; 2 not shown)" may break before "(", never within)."""
    return _BLANK_NOT_BEFORE_PARENTHESIS.sub(NO_BREAK_SPACE, text)


@dataclass(frozen=True)
class Column:
    """A table column: a header, and whether its cells may wrap (the others never do)."""

    header: str
    wraps: bool = False
    min_width: int = 12
    give: int = 0  # which wrapping column narrows first: the highest


def table(
    painter: Painter,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Span]],
    width: int,
    *,
    indent: int = 2,
    gap: int = 2,
) -> list[str] | None:
    """A table that fits `width`, its wrapping columns narrowed as needed; None when even at
    their narrowest the columns do not fit (the caller stacks the cells instead)."""
    rows = [painter.readable(row) for row in rows]
    columns = [replace(c, header=encodable(c.header, painter.encoding)) for c in columns]
    widths = _column_widths(columns, rows, width - indent, gap)
    if widths is None:
        return None
    pad = " " * indent
    header = [Span(column.header, "bold") for column in columns]
    lines = [pad + _row_line(painter, header, widths, gap)[0].rstrip()]
    for row in rows:
        lines.extend(pad + line.rstrip() for line in _row_line(painter, row, widths, gap))
    return lines


def _column_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[Span]], room: int, gap: int
) -> list[int] | None:
    natural = [
        max([cell_width(terminal(column.header))] + [cell_width(terminal(r[i].text)) for r in rows])
        for i, column in enumerate(columns)
    ]
    # A column is never narrower than a URL in it, nor than a word of up to WORD_KEPT columns.
    floors = [
        max(
            [0]
            + [
                cell_width(w) if _is_unbreakable(w) else min(cell_width(w), WORD_KEPT)
                for r in rows
                for w in _cell_words(r[i].text, at_kept_spaces=True)
            ]
        )
        for i in range(len(columns))
    ]
    total = sum(natural) + gap * (len(columns) - 1)
    lowest = [
        min(max(column.min_width, floor), width) if column.wraps else width
        for column, floor, width in zip(columns, floors, natural, strict=True)
    ]
    # First narrow only what wraps between words (a target path stays whole while an outcome
    # moves its last word to a second line); only then break words, down to the floors.
    whole_words = [
        max([low] + [min(width, cell_width(w)) for r in rows for w in _cell_words(r[i].text)])
        for i, (low, width) in enumerate(zip(lowest, natural, strict=True))
    ]
    # Then part what is kept together by no-break spaces ("✘ no class reached"), at them,
    # before a word is cut: "several.cdx.json#GPT-NeoX-20" above "B" read as another target.
    phrases_parted = [
        max([low] + [min(width, cell_width(w)) for r in rows for w in _cell_words(r[i].text, True)])
        for i, (low, width) in enumerate(zip(lowest, natural, strict=True))
    ]
    give = [c.give for c in columns]
    widths, excess = _narrowed(list(natural), whole_words, give, total - room)
    widths, excess = _narrowed(widths, phrases_parted, give, excess)
    widths, excess = _narrowed(widths, lowest, give, excess)
    return widths if excess <= 0 else None


def _cell_words(text: str, at_kept_spaces: bool = False) -> list[str]:
    """A cell's words; `at_kept_spaces`: parted at no-break spaces too."""
    plain = terminal(text)
    spaced = plain.replace(NO_BREAK_SPACE, " ") if at_kept_spaces else plain
    return [word for word in spaced.split(" ") if word]


def _narrowed(
    widths: list[int], lowest: list[int], give: list[int], excess: int
) -> tuple[list[int], int]:
    """Columns narrowed one cell at a time, the widest first (ties: the one that gives first),
    never below their lowest: the space is shared, so no one column wraps into many lines.
    Returns the widths and the excess still to take (0 when they fit)."""
    while excess > 0:
        candidates = [i for i, width in enumerate(widths) if width > lowest[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: (widths[i], give[i]))
        widths[widest] -= 1
        excess -= 1
    return widths, excess


def _row_line(painter: Painter, row: Sequence[Span], widths: Sequence[int], gap: int) -> list[str]:
    cells = [wrap(span.text, width) for span, width in zip(row, widths, strict=True)]
    height = max(len(cell) for cell in cells)
    lines = []
    for index in range(height):
        parts = []
        for cell, span, width in zip(cells, row, widths, strict=True):
            text = cell[index] if index < len(cell) else ""
            parts.append(painter.paint(text, span.style) + " " * max(width - cell_width(text), 0))
        lines.append((" " * gap).join(parts))
    return lines


# A run of two or more blanks after text: where a plain report's next column starts.
_COLUMN_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
MIN_HANG_ROOM = 24  # a continuation under the last column needs at least this much room


def fitted(text: str, width: int) -> str:
    """Plain lines (`osai rules list`, `licenses show`) fitted to `width`: a longer line wraps
    between words, its continuation lines under its last column (after its last run of two or
    more blanks) or, when that leaves too little room, four columns in from where it starts.
    Words joined by no-break spaces (`unbroken`: a command to copy) stay on one line, printed
    with blanks."""
    lines: list[str] = []
    for line in text.splitlines():
        lines.extend([line] if cell_width(line) <= width else _fitted_line(line, width))
    joined = "\n".join(lines).replace(NO_BREAK_SPACE, " ")
    return joined + ("\n" if text.endswith("\n") else "")


def _fitted_line(line: str, width: int) -> list[str]:
    starts = [match.end() for match in _COLUMN_GAP.finditer(line)]
    lead = len(line) - len(line.lstrip(" "))
    column = cell_width(line[: starts[-1]]) if starts else 0  # in cells: a licence's 模型 is 4
    if starts and width - column >= MIN_HANG_ROOM:
        hang = column
        prefix, body = line[: starts[-1]], line[starts[-1] :]
    else:
        # a quotation's lines under its first word, inside the quote mark (a rule's cited text)
        inset = 1 if line[lead : lead + 1] in _QUOTE_MARKS else 4
        hang = min(lead + inset, max(width - MIN_HANG_ROOM, lead))
        prefix, body = line[:lead], line[lead:]
    return _filled(prefix, body, hang, width)


_QUOTE_MARKS = frozenset("\"\u201c'\u2018")


def _filled(prefix: str, body: str, hang: int, width: int) -> list[str]:
    """The body's words after the prefix, then under it from column `hang`, filled as `hanging`
    fills them but never cut: a word longer than the room (a path, a URL) stays whole, or it
    could not be copied.  As textwrap did, blanks inside a line are kept, those at a break
    dropped.  Words kept together (`unbroken`) longer than the room part at their blanks."""
    chunks = re.split(r"( +)", body.expandtabs().translate(_OTHER_BLANKS))
    words = [
        Placed([(part, "")], (len(chunks[i - 1]) if i else 0) if number == 0 else 1)
        for i in range(0, len(chunks), 2)
        if chunks[i]
        for number, part in enumerate(_kept_or_parted(chunks[i], width - hang))
    ]
    rows = _rows(words, cell_width(prefix), hang, width)
    return _hung(prefix, hang, rows, _unpainted, width)


def _kept_or_parted(word: str, room: int) -> list[str]:
    return word.split(NO_BREAK_SPACE) if cell_width(word) > room else [word]


_OTHER_BLANKS = {ord(blank): " " for blank in "\n\x0b\x0c\r"}
