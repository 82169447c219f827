"""Text from others made safe for each output format: the one place each format escapes it.

A report quotes what others wrote: a model card's sentences, a licence string, a repository's
name, a server's answer.  Any of it may carry control characters (ESC starts a terminal escape
sequence, BEL rings, CR overwrites a line), bidirectional overrides (text that reads one way and
is another), a GitHub workflow command (`::add-mask::`, `::stop-commands::` at the start of a
log line), or Markdown and HTML.  Each format's renderer passes every piece of quoted text
through its function here, and nothing else decides how that format escapes.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from osai.textsafe import CONTROL_CHARACTERS

_CONTROL = CONTROL_CHARACTERS
_BLANKS = re.compile(r"\s+")
# GitHub reads `::command::` at the start of a log line, whatever precedes it on the screen;
# a zero-width space between the colons keeps the text and breaks the command.
_WORKFLOW_COMMAND = re.compile("::")
_ZERO_WIDTH_SPACE = "\u200b"


def plain(text: str) -> str:
    """Quoted text as one printable line: controls are spaces, runs of blanks one space, and
    no `::` that a CI log could read as a workflow command."""
    flat = one_line(text)
    return _WORKFLOW_COMMAND.sub(f":{_ZERO_WIDTH_SPACE}:", flat) if "::" in flat else flat


def one_line(text: str) -> str:
    """Quoted text as one line: controls (bidirectional overrides among them) are spaces, runs
    of blanks one space.  A SARIF message's text: a viewer shows it as it is (GitHub's alert, an
    IDE's list), and json_document escapes a control only in the file, for its reader to decode;
    plain text SARIF holds no formatting."""
    return _BLANKS.sub(" ", _CONTROL.sub(" ", str(text))).strip()


def terminal(text: str) -> str:
    """Quoted text for the terminal (the text report, errors, progress), spacing kept: every
    control is a space, and no `::` can start a workflow command."""
    safe = _CONTROL.sub(" ", str(text))
    return _WORKFLOW_COMMAND.sub(f":{_ZERO_WIDTH_SPACE}:", safe) if "::" in safe else safe


# --- GitHub workflow commands ------------------------------------------------------------------


def workflow_data(text: str) -> str:
    """A workflow command's message, as @actions/core escapes it (`%`, CR, LF), after the other
    controls became spaces: nothing in it can end the command or start another."""
    kept = _CONTROL.sub(lambda match: match.group() if match.group() in "\r\n" else " ", str(text))
    return kept.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A workflow command's property value: also `:` and `,`, which end a property."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


# --- Markdown ----------------------------------------------------------------------------------

# Every ASCII punctuation character that starts Markdown (CommonMark, GitHub's extensions:
# tables, strikethrough, math) may be backslash-escaped; these are the ones that can.
_METACHARACTERS = re.compile(r"([\\`*_\[\]()!<>|~&$#])")
# At the start of a line, these begin a list or a setext heading underline ("-", "+", "=", "1.").
_BLOCK_START = re.compile(r"^(\d+(?=\.))?([-+=]|(?<=\d)\.)")
# GitHub turns @name into a mention (a notification) and #123 or GH-123 into a cross-reference
# (shown in that timeline) even where Markdown is escaped; a zero-width space after the
# sign stops each and is invisible.  It also stops a mail link: GFM links `a@b.c`, and `a@.b.c`
# or `a@-b.c` (a domain may start with any of its characters: letters, digits, `.`, `-`, `_`),
# backslash or not.
_REFERENCE = re.compile(r"@(?=[\w.-])|#(?=\w)|(?<![\w-])(?i:gh)-(?=\d)")
# GitHub shows `:name:` as that emoji wherever it stands in text, backslashes or not, as long
# as the name is one it knows (github/markup#1153: `parser.js:100:14` showed 💯): the problem
# on line 100 of a manifest, "`osai.yaml`:100: release.x: unknown key", read "`osai.yaml`💯
# release.x", and a card's `:warning:` was a picture.  A zero-width space after the first colon
# keeps the text; any colon before a word and a colon gets one, whatever names GitHub knows,
# but one that ends a word: `osai:fact:public_data_sources`, a BOM property a reader copies
# into their BOM, `10:30:45` or `urn:ietf:…` took the invisible space into the copy.  After a
# word, only the names a line number or a vote can spell (`parser.js:100:14`, `x:+1:`).
_EMOJI = re.compile(r"(?<!\w):(?=[\w+-]+:)|:(?=(?:100|1234|[+-]1):)")
_BROKEN = re.compile(f"{_REFERENCE.pattern}|{_EMOJI.pattern}")
# GitHub makes a link of a web address in text (GFM's extended autolinks: at a scheme's `://`,
# at a word that starts `www.`), read on to the next space: the backslash escaping a `)` or `_`
# in or after it went into the link (`…/gpt-neox\)` led to `…/gpt-neox%5C`, a page that does
# not exist).  That colon or dot escaped starts no link: quoted data is text.
_AUTOLINK = re.compile(r":(?=//)|(?<=(?<![a-z0-9])www)\.", re.IGNORECASE)


def markdown_text(data: str) -> str:
    """Quoted data as Markdown that renders as exactly that text, on one line: nothing in it
    can become a link, an image, emphasis, HTML, a heading, a list, a mention or a reference."""
    # references broken before escaping: after, `a@_b.c` was `a@\_b.c`, no word after the `@`
    broken = _BROKEN.sub(rf"\g<0>{_ZERO_WIDTH_SPACE}", plain(data))
    escaped = _METACHARACTERS.sub(r"\\\1", broken)
    escaped = _AUTOLINK.sub(r"\\\g<0>", escaped)
    return _BLOCK_START.sub(r"\1\\\2", escaped, count=1)


# cmark-gfm, GitHub's renderer, takes a run of more than 80 backticks for no code span's fence
# (MAXBACKTICKS, its guard against quadratic scans); CommonMark sets no bound.
_LONGEST_FENCE = 80


def markdown_code(data: str) -> str:
    """Quoted data as a code span it cannot close: fenced by the fewest backticks no run in it
    has (a span closes only at a run as long as its fence); as text where every fence GitHub
    reads is taken.  Fenced by one more than its longest run, a name with a run of 80 backticks
    was no code span on GitHub: its `<img …>` was HTML, its `@name` a mention."""
    flat = plain(data)
    runs = {len(run) for run in re.findall(r"`+", flat)}
    length = next((n for n in range(1, _LONGEST_FENCE + 1) if n not in runs), None)
    if length is None:
        return markdown_text(flat)
    fence = "`" * length
    padded = f" {flat} " if flat.startswith(("`", " ")) or flat.endswith("`") else flat
    return f"{fence}{padded}{fence}"


def html_text(data: str) -> str:
    """Quoted data inside raw HTML in Markdown (a `<summary>`): GitHub reads no Markdown there,
    so it is HTML-escaped, on one line, and a mention or reference is broken as in prose."""
    # references broken first: broken after, the `#` of an entity HTML escaping wrote
    # (`&#x27;` for an apostrophe) was split, and GitHub showed `&#x27;` as text
    broken = _BROKEN.sub(rf"\g<0>{_ZERO_WIDTH_SPACE}", plain(data))
    return html.escape(broken, quote=True)


def markdown_cell(markdown: str) -> str:
    """Markdown (already escaped) as a table cell: a backslash before every pipe.  GitHub splits
    cells before it reads code spans or escapes: a pipe after any backslash is the cell's, and
    that one backslash is dropped (cmark-gfm's unescape_pipes), so text's `\\|` keeps its own
    and a code span's `\\|` (data's backslash, then a pipe) its backslash, which a pipe taken
    as already escaped lost (`a\\|b` showed `a|b`)."""
    return markdown.replace("|", "\\|")


# --- URIs ---------------------------------------------------------------------------------------

# What neither a URI nor an IRI holds (RFC 3986, 3987), whatever else a format's schema checks:
# a '%' that escapes nothing, a second '#'.  A report writes a quoted address as a link (a BOM's
# url, a SARIF rule's helpUri) only without them: one such address failed the whole document's
# validation.
_NOT_IN_A_URI = re.compile(r"%(?![0-9A-Fa-f]{2})|#.*#")


def breaks_a_uri(text: str) -> bool:
    return _NOT_IN_A_URI.search(text) is not None


# --- XML ---------------------------------------------------------------------------------------

# XML 1.0 cannot carry most C0 controls or lone surrogates, even as character references: what
# it cannot carry, listed (the complement of its Char production; as a negated class over the
# astral planes the pattern took 6 ms to compile, at every start).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text an XML writer can carry (it escapes `<`, `&` and quotes itself): a character XML
    1.0 cannot carry is a replacement character, other controls and overrides are spaces."""
    kept = _NOT_XML.sub("\N{REPLACEMENT CHARACTER}", str(text))
    return _CONTROL.sub(lambda match: match.group() if match.group() in "\t\n\r" else " ", kept)


# --- JSON --------------------------------------------------------------------------------------


def json_document(data: Any, *, indent: int | None = None) -> str:
    """A JSON document (UTF-8 text kept readable) with no raw control character anywhere: the
    same data a JSON reader gets, safe to print on a terminal or in a CI log."""
    # Every document is a tree the formatters build, never cyclic: the cycle check is skipped
    # (a tenth of the encoding time).
    from osai.jsonsafe import raw_escaped  # its YAML reader: the terminal's escaping needs none

    dumped = json.dumps(data, indent=indent, ensure_ascii=False, check_circular=False)
    return raw_escaped(dumped)


# --- SPDX --------------------------------------------------------------------------------------

# What an SPDX idstring (a LicenseRef-, an SPDXID) may not hold; an AI BOM's bom-refs alike
_NOT_IDSTRING = re.compile(r"[^A-Za-z0-9.-]+")


def idstring(text: str) -> str:
    """``text`` as an SPDX idstring holds it: each run of other characters one `-`."""
    return _NOT_IDSTRING.sub("-", text)


# --- secrets -----------------------------------------------------------------------------------


def escaped_forms(text: str) -> tuple[str, ...]:
    """``text`` as each format may write it (Markdown `hf\\_…`, HTML, a JSON string, a workflow
    command's data, an SPDX id), for the command line to mask a secret in every report: masked
    as written alone, a token stayed in a Markdown report (its underscores escaped) and in an
    SPDX BOM's LicenseRef-."""
    forms = (
        text,
        markdown_text(text),
        markdown_cell(markdown_text(text)),
        html.escape(text, quote=True),
        html.escape(text, quote=False),
        json.dumps(text, ensure_ascii=False)[1:-1],
        json.dumps(text)[1:-1],
        workflow_data(text),
        idstring(text).strip("-."),  # an AI BOM's LicenseRef- of a licence stated as a token
    )
    return tuple(dict.fromkeys(form for form in forms if form))
