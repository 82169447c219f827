"""What a model's metadata says of its openness, beside the verdicts: its licence as found and as
osai reads it (family, restrictions, terms that bind derivatives), and its claims to be open.

Pure.  The knowledge is data: rules/licenses.yaml (what each licence restricts) and
rules/census.yaml (families, claims, binding terms).  Licence strings repeat across a census, so
each distinct one is read once (`LicenceReader` keeps what it read).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from osai.card.evidence import several_tagged, tag_licences
from osai.card.front_matter import strings
from osai.census.record import LicenceSeen, ListedModel
from osai.census.rules import CensusRules
from osai.evidence import Release
from osai.licenses import Combination, LicenceState, Node, leaves, parse_licence
from osai.memo import Memo
from osai.rules import RuleSet
from osai.textsafe import one_line

NOTHING_STATED = "none"
# The card lists licences that are not all one (`license: [mit, llama2]`): osai reads none of
# them, not knowing how they combine (osai.card.evidence.unsettled_licences), but one is stated.
SEVERAL_STATED = "several"
CARD_LICENCE = "cardData.license"
TAG_LICENCES = "tags"  # the Hub's `license:` tags, a card's list as the Hub tags it
MAX_SHOWN = 80  # characters of a claim's value shown as evidence
# Characters of a licence as found kept in the store: a licence name or expression is far
# shorter; a card's `license:` may hold the licence's whole text (or anything), once per model.
MAX_FOUND = 200
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


@dataclass(frozen=True)
class _Reading:
    state: str
    normalised: str
    family: str
    tags: tuple[str, ...]
    restricted: bool | None
    binds: tuple[str, ...]


@dataclass
class LicenceReader:
    """Reads the licence a release states for the census (cached per distinct string)."""

    rules: RuleSet
    census: CensusRules
    _read: Memo[str, _Reading] = field(default_factory=Memo)

    def seen(self, release: Release, listed: StatedLicences | None = None) -> LicenceSeen:
        """`listed`: the licences the card states and a release reads none of (stated_licences)."""
        fact = release.component(self.census.licence_component).licence
        listed = listed or StatedLicences()
        if fact is None and len(listed.texts) > 1:
            found = _shown(", ".join(listed.texts))
            family = self.census.states[SEVERAL_STATED]
            return LicenceSeen(found, listed.where, SEVERAL_STATED, "", family, (), None, ())
        if fact is not None and fact.alternatives:
            # licences that may apply instead (a card's license: and its own license_link naming
            # two): read as the first alone, the card's Apache-2.0 was stored as a licence
            # without restrictions where its link said no commercial use
            found = _shown(", ".join(fact.texts))
            family = self.census.states[SEVERAL_STATED]
            where = fact.provenance.describe()
            # restricted whichever holds (llama3, or Llama 3.1's licence at its link), or not
            restricted = {self._reading_of(text).restricted for text in fact.texts}
            agreed = restricted.pop() if len(restricted) == 1 else None
            return LicenceSeen(found, where, SEVERAL_STATED, "", family, (), agreed, ())
        if fact is None and not listed.texts:
            family = self.census.states[NOTHING_STATED]
            return LicenceSeen("", "", NOTHING_STATED, "", family, (), None, ())
        # The card's one licence a check does not read (a licence's text pasted for its id,
        # osai.card) is still one the card states: read as it stands, not as none stated.
        text, where = (fact.text, fact.provenance.describe()) if fact else listed.first()
        reading = self._reading_of(text)
        return LicenceSeen(
            _found(text),
            where,
            reading.state,
            reading.normalised,
            reading.family,
            reading.tags,
            reading.restricted,
            reading.binds,
        )

    def _reading_of(self, text: str) -> _Reading:
        reading = self._read.get(text)
        if reading is None:
            reading = self._read.remember(text, self._reading(text))
        return reading

    def _reading(self, text: str) -> _Reading:
        parsed = parse_licence(text, self.rules.licences, exact=False)
        tree = parsed.expression
        if parsed.state is not LicenceState.EXPRESSION or tree is None:
            state = parsed.state.value
            return _Reading(state, "", self.census.states[state], (), None, ())
        tags = _tags(tree)
        binds = _binds(tree, self)
        first = next(iter(leaves(tree)))
        return _Reading(
            state=parsed.state.value,
            normalised=parsed.normalized,
            family=self.census.family_of(first.id),
            tags=tuple(sorted(tags)),
            restricted=_restricted(tree, self.census.restricted),
            binds=tuple(b.term for b in self.rules.links.binding_terms if b.term in binds),
        )

    def binding_terms(self, licence_id: str, tags: frozenset[str]) -> frozenset[str]:
        return frozenset(b.term for b in self.rules.links.terms_binding(licence_id, tags))


def _tags(node: Node) -> frozenset[str]:
    """What a licence expression imposes (its licences' tags in rules/licenses.yaml)."""
    if isinstance(node, Combination):
        return _combined(node.operator, [_tags(term) for term in node.terms])
    return frozenset(node.info.tags) if node.info is not None else frozenset()


def _restricted(node: Node, restricting: frozenset[str]) -> bool | None:
    """Whether a licence expression restricts use; None when it rests on a licence osai does
    not know (`LicenseRef-x`): an analyst's `WHERE NOT licence_restricted` counted a licence
    unread as one without restrictions.  OR lets the licensee pick a branch, AND binds to all."""
    if not isinstance(node, Combination):
        return None if node.info is None else bool(set(node.info.tags) & restricting)
    parts = [_restricted(term, restricting) for term in node.terms]
    settles, holds = (False, True) if node.operator == "OR" else (True, False)
    if settles in parts:
        return settles
    return holds if all(part is holds for part in parts) else None


def _binds(node: Node, reader: LicenceReader) -> frozenset[str]:
    """The terms of a licence expression that bind derivatives."""
    if isinstance(node, Combination):
        return _combined(node.operator, [_binds(term, reader) for term in node.terms])
    return reader.binding_terms(node.id, frozenset(node.info.tags) if node.info else frozenset())


def _combined(operator: str, parts: list[frozenset[str]]) -> frozenset[str]:
    """OR lets the licensee pick a branch: only what every branch imposes holds; AND imposes
    what any term does."""
    if operator == "OR":
        return frozenset.intersection(*parts)
    return frozenset().union(*parts)


@dataclass(frozen=True)
class StatedLicences:
    """The licences a card states where the card's reader (osai.card) decided it states no one
    licence, and where they are stated (LicenceSeen.where)."""

    texts: tuple[str, ...] = ()
    where: str = CARD_LICENCE

    def first(self) -> tuple[str, str]:
        return self.texts[0], self.where


def stated_licences(
    card: Mapping[str, object] | None, tags: tuple[str, ...], rules: RuleSet
) -> StatedLicences:
    """The licences the card's metadata lists (`license:`), read by the card's own reader:
    a second reading dropped what the first kept (a number, as YAML reads `2.0`), and said no
    licence was stated.  Metadata that lists none: the Hub's licence tags when they name
    several, which the card's reader reads none of (osai.card.evidence.several_tagged), as it
    reads none of such a list: taken for none stated, they were stored as 'No licence'."""
    listed = tuple(item.value for item in strings(card or {}, "license", _no_line, []))
    if listed:
        return StatedLicences(listed)
    tagged = tag_licences(tags, rules.detection.card.host_tags.licence)
    if several_tagged(tagged, rules.licences):
        return StatedLicences(tuple(dict.fromkeys(tagged)), TAG_LICENCES)
    return StatedLicences()


def _no_line(*_: object) -> None:
    return None  # the listing's card metadata is JSON: no line to cite


# --- claims to be open ---------------------------------------------------------------------------


def open_claims(
    model: ListedModel, card: Mapping[str, object] | None, census: CensusRules
) -> tuple[str, ...]:
    """Each claim to be "open source" or "open", with where it was found (deduplicated)."""
    return tuple(dict.fromkeys(_claims(model, card or {}, census)))


def _claims(model: ListedModel, card: Mapping[str, object], census: CensusRules) -> Iterator[str]:
    card_tags = _texts(card.get("tags"))
    for tag in (*model.tags, *card_tags):
        if census.claim_phrases.search(tag) or tag.strip().lower() in census.claim_words:
            yield f'tag "{_shown(tag)}"'
    for name in census.card_fields:
        if name == "tags":
            continue
        for value in _texts(card.get(name)):
            if census.claim_phrases.search(value):
                yield f'card {name}: "{_shown(value)}"'
    repo_name = model.repo_id.split("/", 1)[-1]
    spaced = re.sub(r"[-_.]+", " ", repo_name)
    words = [word for word in _WORD.findall(repo_name) if word.lower() in census.claim_words]
    if census.claim_phrases.search(spaced):
        yield f'name "{repo_name}"'
    elif words:
        yield f'name "{repo_name}" has the word "{words[0]}"'


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def _found(text: str) -> str:
    """The licence as found, bounded: cut, the cut saying how long it was (it is read whole)."""
    if len(text) <= MAX_FOUND:
        return text
    return f"{text[:MAX_FOUND]}… (cut: {len(text):,} characters)"


def _shown(text: str) -> str:
    """A card's or a tag's words, as evidence: one line, no control character, bounded."""
    return one_line(text, MAX_SHOWN)
