"""What osai knows of licences: the SPDX list's flags, custom licences, aliases, states, sets and
restriction categories (rules/licenses*.yaml, loaded by osai.rules)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from osai.memo import Memo
from osai.textsafe import joined

BUILTIN_SETS = {
    "osi-approved": "OSI-approved (SPDX License List flag)",
    "fsf-libre": "FSF free/libre (SPDX License List flag)",
}

_WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The key under which free text is matched: lower case, whitespace folded, trimmed, and
    composed (NFC): "Générale" typed with é as e and an accent (NFD, as macOS and some editors
    write it) is the same name, where a card's and a manifest's spellings of one licence were
    "two licences osai cannot rank".  Not a look-alike (a Cyrillic a, U+0430) nor a full-width
    form: those are other names."""
    composed = text if text.isascii() else unicodedata.normalize("NFC", text)
    return _WHITESPACE.sub(" ", composed).strip().lower()


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
    restriction: str = ""  # its terms, parted by "; "
    url: str = ""
    # Each term rules/licenses.yaml tags with the categories it falls in (term, categories):
    # a report names first the terms that fail a rule.
    term_tags: tuple[tuple[str, tuple[str, ...]], ...] = ()


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
    # Restriction categories (rules/licenses.yaml `restrictions`): id → title.  A licence's
    # `tags` name the categories its terms fall in; policies reject by category.
    restrictions: Mapping[str, str] = field(default_factory=dict)
    # set → the content type its licences are written for (a set's `content_type`): CC-BY-4.0,
    # in the open-data and the open-content sets, was "an open data licence" of a paper
    set_content_types: Mapping[str, str] = field(default_factory=dict)

    def restriction_title(self, category: str) -> str:
        return self.restrictions.get(category, category)

    def lookup(self, licence_id: str) -> LicenceInfo | None:
        canonical = self._by_fold.get(licence_id.lower())
        if canonical is None:
            return None
        return self.custom.get(canonical) or self.spdx.get(canonical)

    def is_exception(self, exception_id: str) -> bool:
        return exception_id.lower() in self.exceptions

    def set_title(self, name: str) -> str:
        return BUILTIN_SETS.get(name) or self.set_titles.get(name, name)

    def set_name(self, name: str) -> str:
        """The set's title without its explanation: "an open model licence", where a reason says
        what a licence is not (`outside`), and its parenthesis would nest in the report's own."""
        return self.set_title(name).split(" (", 1)[0]

    def outside(self, names: Sequence[str]) -> str:
        """A licence in none of these sets, in words: "not OSI-approved, FSF free/libre, an open
        data licence or an open model licence" (each set's title reads after "not"); "" for no
        sets."""
        return f"not {joined([self.set_name(name) for name in names], 'or')}" if names else ""

    def set_members(self, name: str) -> frozenset[str]:
        """The ids a named set holds, as osai spells them (a list's `cc-by-4.0` is the SPDX
        `CC-BY-4.0`, so two sets compare by licence, not by spelling); a builtin flag's: every
        licence osai knows that carries it."""
        return self._members.get(name, frozenset())

    @cached_property
    def _members(self) -> dict[str, frozenset[str]]:
        known = [*self.spdx.values(), *self.custom.values()]
        members = {
            name: frozenset(self._canonical(licence_id) for licence_id in ids)
            for name, ids in self.sets.items()
        }
        members["osi-approved"] = frozenset(info.id for info in known if info.osi_approved)
        members["fsf-libre"] = frozenset(info.id for info in known if info.fsf_libre)
        return members

    @cached_property
    def known_ids(self) -> frozenset[str]:
        """Every licence osai knows, its own and SPDX's (deprecated ids too, as a builtin set's
        members count them)."""
        return frozenset([*self.spdx, *self.custom])

    def tags_of(self, licence_id: str) -> tuple[str, ...]:
        """The restriction categories a licence's terms fall in (none for one unknown)."""
        info = self.lookup(licence_id)
        return info.tags if info is not None else ()

    def _canonical(self, licence_id: str) -> str:
        info = self.lookup(licence_id)
        return info.id if info is not None else licence_id

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
    def ids_by_length(self) -> dict[int, tuple[str, ...]]:
        """Every id osai knows, by length (a typo changes a length by at most its edits)."""
        grouped: dict[int, list[str]] = {}
        for known in self.symbol_ids:
            grouped.setdefault(len(known), []).append(known)
        return {length: tuple(ids) for length, ids in grouped.items()}

    @cached_property
    def spellings(self) -> dict[str, str]:
        """Every id, name and alias osai reads, each mapped to what it reads as (ids first: a
        name that folds to an id's spelling suggests the id)."""
        known = [*self.custom.values(), *self.spdx.values()]
        spellings = {info.id: info.id for info in known}
        for info in known:
            spellings.setdefault(info.name, info.id)
        for alias, reading in self.aliases.items():
            spellings.setdefault(alias, reading)
        return spellings

    @cached_property
    def spellings_by_length(self) -> dict[int, tuple[str, ...]]:
        """The first of `spellings` under each case-folded form, by that form's length: a word
        is compared with spellings case-insensitively, and only with those of a near length."""
        first: dict[str, str] = {}
        for spelling in self.spellings:
            first.setdefault(spelling.casefold(), spelling)
        grouped: dict[int, list[str]] = {}
        for folded, spelling in first.items():
            grouped.setdefault(len(folded), []).append(spelling)
        return {length: tuple(spellings) for length, spellings in grouped.items()}

    @cached_property
    def nearest_spellings(self) -> Memo[str, str | None]:
        """Licence strings already compared with `spellings`, and the one each is near (None:
        none); filled by osai.licence_spelling.  A corpus repeats its names ("Other License")."""
        return Memo()

    @cached_property
    def corrections(self) -> dict[str, str | None]:
        """Misspelt ids already looked up, and the id each means (None: none near enough)."""
        return {}

    @cached_property
    def parsed_cache(self) -> Memo[tuple[str, bool], object]:
        """Licence strings already parsed, by (raw, exact): a census meets the same few hundred
        strings millions of times, and parsing an expression costs far more than a lookup.
        osai.licenses.parsing fills it with its ParsedLicence (typed `object` here, since this
        module must not import that one)."""
        return Memo()

    @cached_property
    def symbol_ids(self) -> tuple[str, ...]:
        """Every id the expression parser should know: SPDX ids, then osai's LicenseRefs."""
        return tuple(sorted(self.spdx) + sorted(self.custom))

    @cached_property
    def symbol_id_set(self) -> frozenset[str]:
        return frozenset(self.symbol_ids)


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
    aliases: dict[str, str] = _spdx_names(spdx)
    states: dict[str, LicenceState] = {}
    sets: dict[str, frozenset[str]] = {}
    titles: dict[str, str] = {}
    restrictions: dict[str, str] = {}
    content_types: dict[str, str] = {}
    for document in documents:
        for category, entry in (document.get("restrictions") or {}).items():
            restrictions[category] = entry["title"]
        _merge_licences(document.get("licenses") or {}, spdx, custom)
        aliases.update({fold(key): value for key, value in (document.get("aliases") or {}).items()})
        for state, texts in (document.get("states") or {}).items():
            states.update({fold(text): LicenceState(state) for text in texts})
        for name, entry in (document.get("sets") or {}).items():
            sets[name] = frozenset(entry["ids"])
            titles[name] = entry["title"]
            if "content_type" in entry:
                content_types[name] = entry["content_type"]
    by_fold = {key.lower(): key for key in spdx} | {key.lower(): key for key in custom}
    exceptions = frozenset(exception.lower() for exception in spdx_exceptions)
    return LicenceKnowledge(
        spdx,
        custom,
        aliases,
        states,
        sets,
        titles,
        spdx_list_version,
        exceptions,
        by_fold,
        restrictions,
        content_types,
    )


def _spdx_names(spdx: Mapping[str, LicenceInfo]) -> dict[str, str]:
    """Each current licence's full name in the SPDX list, as an alias of its id: a manifest's
    `license: GNU General Public License v3.0 only`, SPDX's own name for GPL-3.0-only, read as
    a licence osai does not know (and suggested the id it names).  A name two current licences
    share names neither, and one spelled as an id is no alias (the id wins); osai's own aliases
    (rules/licenses.yaml), merged after, win over these."""
    ids = {key.lower() for key in spdx}
    named: dict[str, set[str]] = {}
    for info in spdx.values():
        if not info.deprecated and info.name:
            named.setdefault(fold(info.name), set()).add(info.id)
    return {
        name: next(iter(found))
        for name, found in named.items()
        if len(found) == 1 and name not in ids
    }


Restriction = str | Sequence[str | Mapping[str, Any]]  # rules/licenses.yaml's `restriction`


def restriction_text(restriction: Restriction) -> str:
    """A licence's terms as one line, parted by "; ": as written, or a list's terms joined."""
    if isinstance(restriction, str):
        return restriction
    return "; ".join(_term(item) for item in restriction)


def restriction_tags(restriction: Restriction) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The terms a list of them tags, each with its categories."""
    if isinstance(restriction, str):
        return ()
    return tuple(
        (item["term"], tuple(item["tags"])) for item in restriction if not isinstance(item, str)
    )


def _term(item: str | Mapping[str, Any]) -> str:
    return item if isinstance(item, str) else str(item["term"])


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
            restriction=restriction_text(entry.get("restriction", "")),
            url=entry.get("url", ""),
            term_tags=restriction_tags(entry.get("restriction", "")),
        )
        if base is not None:
            spdx[licence_id] = info
        else:
            custom[licence_id] = info
