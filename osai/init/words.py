"""How a draft says things: YAML scalars that read back as written, one-line comments, and how
each value was found."""

from __future__ import annotations

import json
import re
import textwrap

import yaml

from osai.evidence import Certainty, ComponentEvidence, Provenance
from osai.textsafe import CONTROL_CHARACTERS, one_line, without_surrogates

# marks a fact the publisher has to declare (counted by placeholder_count); the YAML reader
# names it when a line is uncommented with it left in
from osai.yamlsafe import PLACEHOLDER as PLACEHOLDER

# A draft's values and comments come from someone else's card: each is bounded, so that a card
# field of 100 KB (a licence name, 10,000 base models) makes a line of a kilobyte, not a draft
# of 300 KB.  No licence id, model id or file name is near either bound.
MAX_VALUE = 1_000
MAX_COMMENT = 500
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/+()-]*")
_URL = re.compile(r"(https?://[^\s)\]>'\"]+)")
_LINKS = (
    (_URL, ""),
    (re.compile(r"\barxiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?)", re.IGNORECASE), "https://arxiv.org/abs/"),
    (re.compile(r"\b(10\.\d{4,9}/[^\s)\]>'\"]+)"), "https://doi.org/"),
)
_REFERENCE = re.compile(
    r"://|\b10\.\d{4,9}/\S|\barxiv:|^(?:[\w-]+: )?[\w.-]+/[\w.-]+$", re.IGNORECASE
)


# What YAML does not allow in a file, or reads as a line break, and what hides text (the
# bidirectional controls), beyond the C0 controls JSON escapes: escaped in a quoted scalar.
_UNPRINTABLE = re.compile(f"{CONTROL_CHARACTERS.pattern}|[\ufeff\ufffe\uffff]")


def scalar(text: str) -> str:
    """A YAML scalar for `text`: plain when that reads back as the same string, else quoted
    with every character YAML does not print escaped; past MAX_VALUE characters, cut, the
    value saying so."""
    value = str(text)
    if len(value) > MAX_VALUE:
        value = f"{value[:MAX_VALUE]}… (cut by osai init: {len(value):,} characters)"
    if _PLAIN.fullmatch(value) and yaml.safe_load(value) == value:
        return value
    return quoted(value)


def quoted(value: str) -> str:
    """`value` double-quoted, every character YAML does not print escaped."""
    # a lone surrogate: YAML refuses its escape too ("invalid Unicode character escape code")
    written = json.dumps(without_surrogates(value), ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", written)


def flow_list(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(scalar(item) for item in items) + "]"


WIDTH = 80  # a draft's instructions fit a terminal's width, and a review's side-by-side diff


def wrapped(first: str, text: str, then: str) -> list[str]:
    """`text` after `first` (a line's start: indentation, `#`, a key, the placeholder, kept
    whole), wrapped at WIDTH, each further line starting `then`.  A word longer than the line
    (a path, a URL) runs on, unbroken."""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=then,
        break_long_words=False,
        break_on_hyphens=False,
    )


_BETWEEN_WORDS = re.compile(r"(?<=\S) (?=\S)")


def folded(first: str, text: str, then: str) -> list[str]:
    """`text` after `first`, over lines of at most WIDTH, each further line starting `then`,
    broken only at a blank between two words: in a quoted YAML scalar or a flow list, a line
    break there reads back as that one blank (a break in a run of blanks would lose all but
    one).  A word longer than the line runs on, unbroken."""
    words = _BETWEEN_WORDS.split(text)
    lines: list[str] = []
    line = first + words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= WIDTH:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = then + word
    return [*lines, line]


def keyed(indent: str, key: str, value: str) -> list[str]:
    """`key: value` after `indent`, `value` a scalar or a flow list as written: on one line
    when it fits WIDTH, else folded over lines indented under the key (a plain scalar quoted
    first, so that no word of it can read as YAML's)."""
    line = f"{indent}{key}: {value}"
    if len(line) <= WIDTH:
        return [line]
    if not value.startswith(('"', "[")):
        value = quoted(value)
    return folded(f"{indent}{key}: ", value, f"{indent}  ")


def mapping(indent: str, key: str, pairs: list[tuple[str, str]]) -> list[str]:
    """`key: {a: 1, b: 2}` when it fits WIDTH, else a block mapping, a pair a line."""
    line = f"{indent}{key}: {{" + ", ".join(f"{name}: {value}" for name, value in pairs) + "}"
    if len(line) <= WIDTH:
        return [line]
    inner = f"{indent}  "
    return [f"{indent}{key}:", *(row for name, value in pairs for row in keyed(inner, name, value))]


def explained(indent: str, value: str | list[str], said: str) -> list[str]:
    """A value (a line after `indent`, or its lines as `keyed` and `mapping` write them) and
    the comment that says how it was found: on the value's line when the two fit WIDTH, else
    on comment lines above it, wrapped, so that the value stays where a reader looks for it
    and no line runs past the terminal."""
    lines = [f"{indent}{value}"] if isinstance(value, str) else value
    inline = f"{lines[0]}  # {said}"
    if len(lines) == 1 and len(inline) <= WIDTH:
        return [inline]
    return [*wrapped(f"{indent}# ", said, f"{indent}# "), *lines]


def asked(indent: str, line: str, why: str, ask: str) -> list[str]:
    """`line` with the placeholder that asks the publisher to `ask`, because `why`: on the line
    when it fits WIDTH, else `why` on comment lines above it (wrapped) and the placeholder
    with `ask` alone on the value's line, where it is counted."""
    inline = f"{indent}{line}  # {PLACEHOLDER}{why}: {ask}"
    if len(inline) <= WIDTH:
        return [inline]
    return [
        *wrapped(f"{indent}# ", f"{why}.", f"{indent}# "),
        f"{indent}{line}  # {PLACEHOLDER}{ask}",
    ]


DESCRIBED_ABOVE = "declare it, as described above"


# Begins each line of a free text's description (see `described`): a comment inside the
# comment, so that a line uncommented by mistake is still a comment.
QUOTED = "# "


def described(indent: str, key: str, description: str) -> list[str]:
    """A free-text placeholder, `indent` ending in `#` and the key's own indentation: on one
    line when it fits WIDTH, else its description on comment lines above it (`# `, at the
    key's column) and the placeholder line short.  Not wrapped below the key as a category's
    list is: a continuation uncommented with the value would be read as part of the
    publisher's text.  Above, each line is a comment within the comment: uncommented with the
    placeholder (an editor's toggle takes one `#` off each line), or alone, it is still a
    comment.  Quoted (`> `), a line the user uncommented by deleting its `#` alone, one
    column deeper than a value above it, was read as more of that value."""
    inline = f"{indent}{key}: {PLACEHOLDER}{description}"
    if len(inline) <= WIDTH:
        return [inline]
    return [
        *wrapped(indent + QUOTED, description, indent + QUOTED),
        f"{indent}{key}: {PLACEHOLDER}{DESCRIBED_ABOVE}",
    ]


def comment(text: str) -> str:
    """Text safe on one comment line: no control character, at most MAX_COMMENT characters
    (an ellipsis says it was cut)."""
    return one_line(str(text), MAX_COMMENT)


def stated(provenance: Provenance) -> bool:
    """Declared, assessed or detected: what the release states, not osai's inference."""
    return provenance.certainty is not Certainty.INFERRED


def label(provenance: Provenance) -> str:
    """How a value is known: declared, assessed, detected or inferred."""
    return provenance.certainty.value


def how(provenance: Provenance) -> str:
    """`file:line what` for a comment."""
    where = provenance.location
    if provenance.line:
        where = f"{where}:{provenance.line}"
    detail = provenance.note or provenance.value
    if detail and provenance.location in detail.split():
        # An inference's note names its rule, which is also its location: "inferred by RULE
        # from datasets…" says it once (it read "RULE inferred by RULE from…").
        return comment(detail)
    return comment(f"{where} {detail}".strip() if detail and detail != where else where)


def how_all(evidence: ComponentEvidence) -> str:
    """The first two sources, one `how` each; two places of one file saying the same, once
    with both lines ("README.md:43, 55 the model card carries the data information": it read
    the sentence twice in one comment)."""
    shown = evidence.provenance[:2]
    if len(shown) == 2 and _same_but_line(*shown):
        first, second = shown
        detail = first.note or first.value
        return comment(f"{first.location}:{first.line}, {second.line} {detail}".strip())
    described = [how(p) for p in shown]
    return "; ".join(d for d in described if d) or "osai"


def _same_but_line(first: Provenance, second: Provenance) -> bool:
    return (
        first.location == second.location
        and (first.note or first.value) == (second.note or second.value)
        and bool(first.line and second.line)
        and first.line != second.line
    )


def quoted_evidence(provenance: Provenance) -> str:
    """`file:line: "the sentence"` (the words a negative fact rests on), with osai's note."""
    where = f"{provenance.location}:{provenance.line}" if provenance.line else provenance.location
    said = f' "{comment(provenance.value)}"' if provenance.value else ""
    note = f" ({comment(provenance.note)})" if provenance.note else ""
    return f"{where}:{said}{note}" if said else f"{where}{note}"


def seen_how(evidence: ComponentEvidence) -> str:
    """`detected: ...` or `inferred: ...` for what shows a component."""
    kind = "detected" if any(stated(p) for p in evidence.provenance) else "inferred"
    strongest = next((p for p in evidence.provenance if stated(p)), None)
    if strongest is not None and strongest.certainty is not Certainty.DETECTED:
        kind = strongest.certainty.value
    return f"{kind}: {how_all(evidence)}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def is_reference(value: str) -> bool:
    """A URL, DOI, arXiv or Hub id: something that points at a component, not the component."""
    return bool(_REFERENCE.search(value))


def first_url(values: list[str]) -> str:
    """The first link among these values: a URL, or an arXiv id or DOI as its URL."""
    for value in values:
        for pattern, prefix in _LINKS:
            found = pattern.search(value)
            if found:
                return prefix + found.group(1)
    return ""
