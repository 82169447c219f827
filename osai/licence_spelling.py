"""How a licence should be written: its canonical SPDX form, the spelling a verbatim matcher
accepts, and the known licence nearest to a misspelt one.  Pure; the knowledge is data
(rules/licenses*.yaml and the SPDX list, through osai.licenses).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping

from osai.licenses import (
    EXPRESSION_TOKEN,
    Combination,
    Leaf,
    LicenceInfo,
    LicenceKnowledge,
    LicenceState,
    Node,
    malformed_expression,
    names_unread_id,
    parse_licence,
    settles,
)
from osai.suggest import closest, could_be_closest, typo_distance
from osai.textsafe import CONTROL_CHARACTERS, cut, quoted_name, unseen_escaped


def canonical_licence(text: str, knowledge: LicenceKnowledge) -> str:
    """The SPDX expression osai reads `text` as (`apache-2.0` → `Apache-2.0`), or `text` as it
    stands when it is not an expression of licences osai knows (a state, free text)."""
    parsed = parse_licence(text, knowledge, exact=False)
    if parsed.state is not LicenceState.EXPRESSION or names_unread_id(parsed):
        return text.strip()
    return parsed.normalized


def exact_spelling(text: str, accepted: Iterable[str], knowledge: LicenceKnowledge) -> str | None:
    """The id a verbatim matcher accepts for this licence, when `text` means one it accepts.

    `Apache 2.0` and `apache-2.0` mean `Apache-2.0`; of an OR expression any branch may be
    chosen, so the first accepted branch.  None when nothing `text` means is accepted verbatim.
    """
    wanted = tuple(accepted)
    parsed = parse_licence(text, knowledge, exact=False)
    if parsed.state is not LicenceState.EXPRESSION or parsed.expression is None:
        return None
    return _accepted_leaf(parsed.expression, wanted, knowledge)


def _accepted_leaf(
    node: Node, accepted: tuple[str, ...], knowledge: LicenceKnowledge
) -> str | None:
    if isinstance(node, Leaf):
        if node.exception:
            return None
        sets = knowledge.sets_of(node.id, exact=True)
        return node.id if any(name in accepted for name in sets) else None
    if isinstance(node, Combination) and node.operator == "OR":
        return next(
            (found for term in node.terms if (found := _accepted_leaf(term, accepted, knowledge))),
            None,
        )
    return None


def misspelt_licence(text: str, knowledge: LicenceKnowledge) -> str | None:
    """What a licence string osai cannot read means, when it is one typo away from licence ids
    osai knows (`Apache-2.O`, `Apache-2.O OR MIT`); else None.

    Only id-shaped words are corrected, by one edit (two in long ids): a free-text name
    (`Acme Community License`) or a short word (`BSD`) is a licence osai does not know, and
    is judged unknown rather than refused.
    """
    if not names_unread_id(parse_licence(text, knowledge, exact=False)):
        return None
    words = EXPRESSION_TOKEN.findall(text)
    if not words or "".join(words).replace(" ", "") != _BLANKS.sub("", text):
        return None
    corrected = [_corrected(word, knowledge) for word in words]
    if any(word is None for word in corrected) or corrected == words:
        return None
    fixed = " ".join(word for word in corrected if word is not None)
    return (
        fixed
        if parse_licence(fixed, knowledge, exact=False).state is LicenceState.EXPRESSION
        else None
    )


_BLANKS = re.compile(r"\s+")
_OPERATORS = frozenset({"AND", "OR", "WITH", "(", ")"})
_MIN_ID_LENGTH = 5
_NUMBERS = re.compile(r"\d+")


def _corrected(word: str, knowledge: LicenceKnowledge) -> str | None:
    """The word itself when osai reads it, its one-typo correction, or None."""
    if word.upper() in _OPERATORS:
        return word.upper() if word != "(" and word != ")" else word
    if knowledge.lookup(word) is not None or knowledge.is_exception(word):
        return word
    if len(word) < _MIN_ID_LENGTH:
        return None
    return _nearest_id(word, knowledge)


def _nearest_id(word: str, knowledge: LicenceKnowledge) -> str | None:
    """The known id at most one typo away (two in long ids), remembered per word: a corpus
    repeats the same misspellings, and each is compared with thousands of ids once."""
    cache = knowledge.corrections
    if word in cache:
        return cache[word]
    allowed = _typos_allowed(word)
    best, best_distance = None, allowed + 1
    for known in _maybe_near(word.casefold(), len(word), knowledge.ids_by_length, allowed):
        distance = typo_distance(word, known, limit=best_distance)
        if distance < best_distance:
            best, best_distance = known, distance
    cache[word] = best if best_distance <= allowed else None
    return cache[word]


def _typos_allowed(word: str) -> int:
    return 1 if len(word) < 12 else 2


def _maybe_near(
    folded: str, length: int, by_length: Mapping[int, tuple[str, ...]], allowed: int
) -> Iterator[str]:
    """The spellings in `by_length` (by their folded length) that may be within `allowed` typos
    of `folded`, taken as `length` long: a typo changes a length by at most one, and one
    `allowed` typos away holds one of its pieces unchanged (see _pieces).  The rest are not."""
    pieces = _pieces(folded, 2 * allowed + 1)
    for size in range(length - allowed, length + allowed + 1):
        for known in by_length.get(size, ()):
            known_folded = known.casefold()
            if any(piece in known_folded for piece in pieces):
                yield known


def _pieces(word: str, count: int) -> tuple[str, ...]:
    """`word` cut into `count` pieces (as even as may be).  An edit touches at most two of them
    (a swap across a cut; a change, a deletion or an insertion touches one), so a word within
    `(count - 1) // 2` typos of `word` holds one piece unchanged: an id that holds none is not
    measured, and most ids hold none (the search was some 12 ms, at each start, for a corpus's
    dozen misspellings)."""
    size, extra = divmod(len(word), count)
    cuts = [index * size + min(index, extra) for index in range(count + 1)]
    return tuple(word[start:end] for start, end in itertools.pairwise(cuts))


def licence_meant(text: str, knowledge: LicenceKnowledge) -> str | None:
    """What a licence string osai cannot read likely means: its typo's correction
    (`misspelt_licence`), else the licence whose id, name or alias is nearest to it as a whole
    (`Llama-2` → `LicenseRef-llama2`, by its alias `llama2`); None when none is close.  A short
    word names a family, not a licence (`BSD`, `GPL`: not `0BSD`, `NGPL`): none is offered."""
    fixed = misspelt_licence(text, knowledge)
    if fixed is not None or len(text.strip()) < _MIN_ID_LENGTH:
        return fixed
    written = text.strip()
    found = _nearest_spelling(written, knowledge)
    # another version is another licence ("Llama 3.4 Community License" is not Llama 3.3's)
    if found is not None and _NUMBERS.findall(found) == _NUMBERS.findall(written):
        # as osai reads it: SPDX names a deprecated id as it names its successor ("GNU General
        # Public License v3.0 only" is GPL-3.0's and GPL-3.0-only's), and the old id is not to
        # be written
        return canonical_licence(knowledge.spellings[found], knowledge)
    return _named_licence(written, knowledge)


def meant_hint(written: str, meant: str) -> str:
    """ "did you mean 'Apache-2.0'?", for a licence written near `meant`; first, when the two
    differ only where `written` has a non-ASCII letter (a Cyrillic a, U+0430, for a Latin a),
    which letters those are: offered alone, 'Apache-2.0' for `Ap\u0430che-2.0` was the same
    word to the eye."""
    lookalike = _lookalike_letters(written.strip(), meant)
    question = f"did you mean '{meant}'?"
    return f"it contains non-ASCII letters: {lookalike}; {question}" if lookalike else question


def _lookalike_letters(written: str, meant: str) -> str:
    """The non-ASCII letters `written` has where `meant`, as long, has others ("U+0430
    CYRILLIC SMALL LETTER A"), when those are all it differs by (case aside); else ""."""
    if written.isascii() or len(written) != len(meant):
        return ""
    differ = [w for w, m in zip(written, meant, strict=True) if w.casefold() != m.casefold()]
    if not differ or not all(not char.isascii() and char.isalpha() for char in differ):
        return ""
    named = (f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip() for char in differ)
    return ", ".join(dict.fromkeys(named))


def _nearest_spelling(written: str, knowledge: LicenceKnowledge) -> str | None:
    """The id, name or alias `closest` finds for `written`, when it is as few typos away as an
    id must be (_typos_allowed); else None.  Near by its letters is not enough: many names
    share most of theirs ("see LICENSE" and "SL License").

    So closest, which measures every spelling, is asked only when one is that few typos away
    (few strings are; measuring all 1,700 spellings took some 20 ms a string), and only of
    the spellings of a length it could answer with."""
    cache = knowledge.nearest_spellings
    if written in cache:
        return cache[written]
    return cache.remember(written, _measured_spelling(written, knowledge))


def _measured_spelling(written: str, knowledge: LicenceKnowledge) -> str | None:
    allowed = _typos_allowed(written)
    folded = written.casefold()
    by_length = knowledge.spellings_by_length
    near = _maybe_near(folded, len(folded), by_length, allowed)
    if not any(typo_distance(written, known, limit=allowed + 1) <= allowed for known in near):
        return None
    candidates = [
        spelling
        for length, spellings in by_length.items()
        if could_be_closest(written, length)
        for spelling in spellings
    ]
    found = closest(written, candidates)
    return found if found is not None and typo_distance(written, found) <= allowed else None


# A licence named by one word, alone or before "licence" ("GPL", "the MIT Licence", "GPL-3.0
# licensed"): the word names it, whichever it is.
_ONE_WORD_NAME = re.compile(r"(?:the\s+)?(?P<word>[^\s()]+)(?:\s+licen[cs]ed?)?", re.IGNORECASE)


def _named_licence(text: str, knowledge: LicenceKnowledge) -> str | None:
    """The licence a name's one word reads as, as osai spells it ("GPL-3.0 Licence" →
    GPL-3.0-only): only a word osai reads as it stands, not a typo's correction, as a name of
    several words ("Other License") is free text more often than a misspelt id."""
    matched = _ONE_WORD_NAME.fullmatch(text)
    if matched is None or matched["word"] == text:
        return None
    word = matched["word"]
    return canonical_licence(word, knowledge) if settles(word, knowledge) else None


def licence_family(text: str, knowledge: LicenceKnowledge) -> tuple[str, ...]:
    """The licences a family's name stands for ("GPL", "BSD Licence": every current SPDX id
    `GPL-…`, `BSD-…`), OSI-approved ones first, then the shortest; () when the word names a
    licence, or fewer than two.  A family names no single licence (rules/licenses.yaml does
    not map the Hub's `gpl` or `bsd`), so it is offered as a choice, never read as one."""
    versioned = _VERSIONED_NAME.fullmatch(text.strip())
    if versioned is not None and knowledge.lookup(text.strip()) is None:
        return _versions(f"{versioned['word']}-{versioned['version']}".casefold(), knowledge)
    matched = _ONE_WORD_NAME.fullmatch(text.strip())
    if matched is None or knowledge.lookup(matched["word"]) is not None:
        return ()
    word = matched["word"].casefold()
    members = [info for info in _current_licences(knowledge) if _versioned(info.id, word)]
    return _ranked(members)


def _versioned(licence_id: str, family: str) -> bool:
    """Whether a licence's id is the family's name and a version (CC-BY-4.0; llama3.1, as osai's
    LicenseRef-llama… are spelt: "llama" was offered nothing), not another family beginning so
    (CC-BY-NC-…)."""
    key = _family_key(licence_id)
    version = key[len(family) :].removeprefix("-")
    return key.startswith(family) and version[:1].isdigit()


def _current_licences(knowledge: LicenceKnowledge) -> list[LicenceInfo]:
    """SPDX's current licences and osai's own: "OpenMDW" was offered nothing, as SPDX lists
    OpenMDW-1.0 alone and 1.1 is osai's LicenseRef-OpenMDW-1.1 (a family of one is no choice)."""
    return [
        *(info for info in knowledge.spdx.values() if not info.deprecated),
        *knowledge.custom.values(),
    ]


def _family_key(licence_id: str) -> str:
    """A licence's id as a family's name begins it: osai's own without its `LicenseRef-`."""
    folded = licence_id.casefold()
    return folded.removeprefix("licenseref-")


# A family's name and a version ("GPLv3", "GPL 3", "LGPL-2.1"): the licences of that version
# to choose from (GPL-3.0-only or GPL-3.0-or-later); "GPLv3" was a licence osai does not know,
# with nothing offered, and "LGPLv2.1" was offered the deprecated LGPL-2.1.
_VERSIONED_NAME = re.compile(
    r"(?:the\s+)?(?P<word>[a-z]+?)[\s-]?v?(?P<version>\d+(?:\.\d+)*)(?:\s+licen[cs]ed?)?",
    re.IGNORECASE,
)


def _versions(prefix: str, knowledge: LicenceKnowledge) -> tuple[str, ...]:
    """The current licences whose id is `prefix` with the version's parts left out ("gpl-3" →
    GPL-3.0-only, GPL-3.0-or-later), not another version beginning so (GPL-30)."""
    members = [
        info
        for info in knowledge.spdx.values()
        if not info.deprecated
        and info.id.casefold().startswith(prefix)
        and info.id[len(prefix) : len(prefix) + 1] in ("", ".", "-")
    ]
    return _ranked(members)


def _ranked(members: list[LicenceInfo]) -> tuple[str, ...]:
    """OSI-approved first, then the shortest; () for fewer than two (no choice to offer)."""
    ranked = sorted(members, key=lambda info: (not info.osi_approved, len(info.id), info.id))
    return tuple(info.id for info in ranked) if len(ranked) > 1 else ()


# The longest licence expression osai reads (`licenses show`, a manifest).  Real ones are far
# shorter (the longest licence string in the MOT and Hub corpora is under 130 characters; an
# expression of a hundred ids fits); past this it is a licence's text pasted for its id, and the
# answer, which quotes it once per verdict and lists each licence in it, would run to megabytes.
MAX_EXPRESSION_CHARS = 2000


def overlong_licence(text: str) -> str:
    """Why `text` is too long to be a licence expression, in one line, or "" when it is not:
    `licenses show` refuses it, and so does a manifest (a MOT listing's, whose 100 KB licence
    made a check's report 2.5 MB)."""
    if len(text) <= MAX_EXPRESSION_CHARS:
        return ""
    return (
        f"a licence expression of {len(text):,} characters is longer than osai reads "
        f"(at most {MAX_EXPRESSION_CHARS:,}): give the licence's SPDX id or expression, "
        f"not its text ({quoted_name(text, 40)})"
    )


# Blanks between an expression's words, as a pasted one has them: every other control
# character is refused (osai.textsafe.CONTROL_CHARACTERS), never read as a licence's name.
_WORD_BREAKS = frozenset(" \t\n\r")


def _control_character(text: str) -> str:
    """Why `text`, holding a control character (an escape, a bell, a bidirectional override),
    names no licence, or "": read, it was a licence osai did not know, quoted raw in each
    verdict's reason, where the escape reached the terminal."""
    found = next(
        (match[0] for match in CONTROL_CHARACTERS.finditer(text) if match[0] not in _WORD_BREAKS),
        "",
    )
    if found:
        return (
            f"a licence expression holds a control character (U+{ord(found):04X}) and names no "
            f"licence: give the licence's SPDX id or expression ({quoted_name(text, 40)})"
        )
    unseen = next((char for char in text if unicodedata.category(char) == "Cf"), "")
    if not unseen:
        return ""
    # a zero-width space in `mi\u200bt`: read, it was a licence osai did not know that looked
    # like MIT, and a report pointed to this command with it, unseen, in the id
    return (
        f"a licence expression holds an invisible character (U+{ord(unseen):04X}) and names no "
        f"licence: give the licence's SPDX id or expression ('{unseen_escaped(cut(text, 40))}')"
    )


def refused_lookup(text: str, knowledge: LicenceKnowledge) -> str:
    """Why `osai licenses show` refuses `text`, in one line, or "" when it reads it: empty, too
    long to be an expression (a licence's text), holding a control character, or written as
    an SPDX expression that does not parse (`Apache-2.0 OR`, an unclosed parenthesis).  One
    test for the command and for a report's pointer to it (osai.licence_notes), which must
    never name a command that fails."""
    if not text.strip():
        return "an empty licence expression names no licence"
    overlong = overlong_licence(text)
    if overlong:
        return overlong
    control = _control_character(text)
    if control:
        return control
    problem = malformed_expression(text, knowledge)
    if not problem:
        return ""
    # the licence it is near, when it is, instead of the parser's words ("invalid symbols…")
    meant = licence_meant(text, knowledge)
    # quoted cut: whole, up to 2,000 characters, it pushed the reason past the line's bound
    if meant:
        return f"{quoted_name(text)} is not a licence expression ({meant_hint(text, meant)})"
    return f"{quoted_name(text)} is not a licence expression: {problem}"
