"""From what a card shows to evidence: observations per component, the card's licence, facts.

Things the card itself carries (the card, its data section, its evaluation results) are in the
release at the card's path and inherit its licences; things it only names or links (datasets,
papers, code repositories) are published elsewhere, so they are present with no licence.  A
sentence saying a component is not released makes it absent (unknown, with a CONFLICT finding,
when the same snapshot also shows it: osai.extract.inheritance).  A licence list whose entries
differ settles no licence (`unsettled_licences`, with a WARNING finding); a card's licence that its
own other licence field contradicts (`license: other` whose license_name and license_link name two
different licences, a `license:` id beside a license_link to another) is read with the other as a
licence that may apply instead: a verdict stands only where both give it.

Tags a host derives from the card (rules/detection.yaml `card.host_tags`) stand in where the card's
own metadata is silent: the licence tag for its licence, dataset tags for its datasets, and arXiv
tags for its papers when its body was not read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial

from osai.card.facts import EU_REFUSED, Citer, disagreeing_numbers, stated_facts
from osai.card.front_matter import licence_mentions
from osai.card.gate_note import gating_finding
from osai.card.model import CardFacts, CardField, CardLink
from osai.card.text import short
from osai.detection import CardPatterns
from osai.detection.card import CardComponents
from osai.evidence import (
    ADAPTER_NEEDS_BASE,
    Certainty,
    Fact,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Provenance,
)
from osai.extract.observations import Observation
from osai.licence_links import licence_of_link, licence_url
from osai.licenses import (
    LicenceKnowledge,
    LicenceState,
    fold,
    leaves,
    normalised_licence,
    parse_licence,
    settles,
)
from osai.licenses.naming import licence_title
from osai.rules import RuleSet
from osai.rules.links import UNKNOWN_PRODUCER, LinkingModel, LinkRules
from osai.snapshot import HostFacts
from osai.textsafe import joined, some_of

# The Hub's word for a model made as an adapter of its base (base_model_relation, and its tags
# base_model:adapter:<id>)
ADAPTER_RELATION = "adapter"
BASE_MODEL_TAG = "base_model:"


@dataclass(frozen=True)
class UseRestriction:
    """A sentence of a card's licence section restricting the use of its weights without
    naming a licence: the restriction categories it says (rules/licenses.yaml `restrictions`)
    and where it says them (inferred)."""

    categories: tuple[str, ...]
    provenance: Provenance


@dataclass(frozen=True)
class CardEvidence:
    """What a card is evidence of: observations per component, the card licence, facts, findings.

    `licence` is the card's licence id (``license:``, or ``license_name`` for ``other``);
    `named_licence` a licence its gating prompt names (inferred), for when the id does not settle
    the licence (osai.extract.licence_files.repository_licence decides).
    """

    observations: tuple[Observation, ...] = ()
    licence: LicenceFact | None = None
    facts: Mapping[str, Fact] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    named_licence: LicenceFact | None = None
    unsettled_licences: tuple[str, ...] = ()
    # The warning that the card's custom licence (`other`) is one osai does not recognise: said
    # unless the licence file it links settles the licence (osai.extract.release), where "the
    # components it covers stay unknown" was false of weights the LICENSE made MIT, met.
    custom_licence: tuple[Finding, ...] = ()
    # The licences the card's licence section says its weights are under (inferred, each once):
    # one other than the licence credited to them may apply instead (osai.extract.release).
    weights_licences: tuple[LicenceFact, ...] = ()
    # What the card's licence section says restricts their use, naming no licence: where the
    # licence credited to them has none of its terms, it binds as far as osai can tell
    # (osai.extract.release).
    weights_restrictions: tuple[UseRestriction, ...] = ()


def card_evidence(
    card: CardFacts,
    source: str,
    rules: RuleSet,
    host_tags: tuple[str, ...] = (),
    host: HostFacts | None = None,
    linking: LinkingModel = UNKNOWN_PRODUCER,
    adapter_config: str = "",
) -> CardEvidence:
    """Map a card's facts (and the host's tags and fields for it) onto components, licence and
    facts; `adapter_config`: the adapter's config the repository holds, if any."""
    cite = Citer(card.path, source, card.metadata_key)
    patterns = rules.detection.card
    tags = _Tags(host_tags, patterns, source)
    observations = (
        *_card_itself(card, cite, patterns.components),
        *_named_elsewhere(card, cite, patterns.components, linking, rules.links),
        *_not_released(card, cite),
    )
    facts = stated_facts(card, cite, patterns, host, tuple(tags.datasets()))
    findings = _card_findings(card, cite, patterns, host, adapter_config, rules.links)
    titles = {fact.id: fact.title for fact in rules.facts.values()}
    findings += disagreeing_numbers(card, cite, patterns, titles)
    if not card.body_read:
        findings += tags.cited_papers()
    read = card_licence(card, cite, rules.licences)
    findings += (*read.listed, *read.contradiction, *read.prompt)
    stated = weights_licences(card, cite, rules.licences)
    restricted = tuple(
        UseRestriction(r.categories, cite(r.line, r.text, Certainty.INFERRED))
        for r in card.licence_restrictions
    )
    if read.unsettled:
        return CardEvidence(
            observations,
            None,
            facts,
            findings,
            None,
            read.unsettled,
            weights_licences=stated,
            weights_restrictions=restricted,
        )
    if read.licence is None:  # the host's tags stand in for a card that gives none
        findings += tags.licence_list_finding(rules.licences)
    return CardEvidence(
        observations,
        read.licence or tags.licence(rules.licences),
        facts,
        findings,
        read.named_licence,
        custom_licence=read.custom,
        weights_licences=stated,
        weights_restrictions=restricted,
    )


def weights_licences(
    card: CardFacts, cite: Citer, knowledge: LicenceKnowledge
) -> tuple[LicenceFact, ...]:
    """The licences osai knows that the card's licence section says the model or its weights
    are released under (osai.card.body.licence_sentences), each once, inferred: the first run
    of the words after "released under" that names one ("the Llama 2 Community License")."""
    found: dict[str, LicenceFact] = {}
    for sentence in card.licence_sentences:
        licence = _first_licence_named(sentence.words, knowledge)
        if licence:
            note = f"the card's licence section says the weights are under {licence}"
            provenance = cite(sentence.line, sentence.text, Certainty.INFERRED, note)
            found.setdefault(
                normalised_licence(licence, knowledge), LicenceFact(licence, provenance)
            )
    return tuple(found.values())


def _first_licence_named(words: tuple[str, ...], knowledge: LicenceKnowledge) -> str:
    """The licence the earliest, then longest, run of `words` names, else ""."""
    for start in range(len(words)):
        for end in range(len(words), start, -1):
            named = _known_licence(" ".join(words[start:end]), knowledge)
            if named:
                return named
    return ""


@dataclass(frozen=True)
class CardLicence:
    """What a card's licence fields say, read one way wherever a card is read: a model's own,
    and a dataset's or base model's a card names (osai.links.card_licence).

    `licence`: its `license:` (`other` read through license_name or license_link), with what
    its own other licence field names instead as an alternative (`_contradicted`);
    `named_licence`: the one licence its gating prompt names (inferred), for when `licence`
    settles none; `unsettled`: the licences it lists when they differ (then no licence);
    `linked`: the licence at the address its license_link gives, when osai knows it; the
    warnings and notes on them, as the card's own check gives them: `listed` (a list that
    differs), `contradiction` (fields naming different licences, each field and the licence
    it names), `prompt` (a gating prompt naming several), `custom` (a custom licence osai does
    not recognise)."""

    licence: LicenceFact | None = None
    named_licence: LicenceFact | None = None
    unsettled: tuple[str, ...] = ()
    linked: LicenceFact | None = None
    listed: tuple[Finding, ...] = ()
    contradiction: tuple[Finding, ...] = ()
    prompt: tuple[Finding, ...] = ()
    custom: tuple[Finding, ...] = ()

    def alone(self, knowledge: LicenceKnowledge) -> LicenceFact | None:
        """The licence the card alone gives, with no repository files beside it (a dataset's
        or base model's card, its metadata only): its `licence` when that settles one, else the
        licence at its license_link's address (where a model's own check reads the licence
        file the link names, osai.extract.licence_files.linked_licence_file), else the one its
        gating prompt names (Falcon-180B's `unknown`), else its `licence` as it is."""
        if self.licence is not None and settles(self.licence.text, knowledge):
            return self.licence
        return self.linked or self.named_licence or self.licence


def card_licence(card: CardFacts, cite: Citer, knowledge: LicenceKnowledge) -> CardLicence:
    """The card's licence fields read: a list that differs settles none (a warning), fields
    that contradict one another are read under both (a warning naming each field and the
    licence it names), and the gating prompt is read for the licence it names."""
    unsettled = unsettled_licences(card, knowledge)
    if unsettled:
        listed = (_licence_list_finding(card, cite, unsettled),)
        return CardLicence(unsettled=unsettled, listed=listed)
    licence, contradiction = _contradicted(
        card, cite, _card_licence(card, cite, knowledge), knowledge
    )
    prompt = _prompt_licences(card.licence_mentions, knowledge)
    settled = licence is not None and settles(licence.text, knowledge)
    return CardLicence(
        licence,
        _named_licence(prompt, cite),
        linked=None if settled else _linked_licence(card, cite, knowledge),
        contradiction=contradiction,
        prompt=() if settled else _prompt_licences_finding(prompt, cite),  # the prompt is read
        custom=_custom_licence_finding(card, cite, licence, knowledge),
    )


def _linked_licence(
    card: CardFacts, cite: Citer, knowledge: LicenceKnowledge
) -> LicenceFact | None:
    """The licence at the address the card's license_link gives, when osai knows it."""
    link = card.licence_link
    known = licence_of_link(link.value, knowledge) if link is not None else None
    if link is None or known is None:
        return None
    return LicenceFact(known, cite.field(link, note=f"license_link is the address of {known}"))


def licence_fields(
    licences: tuple[str, ...],
    name: str,
    link: str,
    gating: Mapping[str, object],
    patterns: CardPatterns,
) -> CardFacts:
    """A card's licence fields as a host answers them (a followed dataset's or base model's
    cardData: `license` entries, license_name, license_link, the gating prompt's `extra_gated_*`
    texts), as the card reader reads them (`card_licence`)."""
    return CardFacts(
        metadata_key="cardData",
        metadata_read=True,
        licences=tuple(CardField("license", text) for text in licences if text),
        licence_name=CardField("license_name", name) if name else None,
        licence_link=CardField("license_link", link) if link else None,
        licence_mentions=licence_mentions(gating, lambda *_: None, patterns, []),
    )


@dataclass(frozen=True)
class _Tags:
    """The host's tags derived from the card (rules/detection.yaml `card.host_tags`)."""

    tags: tuple[str, ...]
    patterns: CardPatterns
    source: str

    def _with(self, prefix: str) -> list[str]:
        return [tag for tag in self.tags if prefix and tag.lower().startswith(prefix)]

    def licence(self, knowledge: LicenceKnowledge) -> LicenceFact | None:
        """The licence the host's tags give the card, when they give one: tags naming
        several (`license:apache-2.0`, `license:cc-by-nc-4.0`, a card's list as the Hub tags
        it) settle none, as the list itself does not (`several_tagged`)."""
        prefix = self.patterns.host_tags.licence
        tagged = tag_licences(self.tags, prefix)
        if not tagged or several_tagged(tagged, knowledge):
            return None
        tag = f"{prefix}{tagged[0]}"
        note = "the card's license id, as the Hub tags it"
        provenance = Provenance(self.source, "tags", tag, Certainty.DETECTED, note=note)
        return LicenceFact(tagged[0], provenance)

    def licence_list_finding(self, knowledge: LicenceKnowledge) -> tuple[Finding, ...]:
        """The warning that the host's tags name several licences, which osai reads none of."""
        prefix = self.patterns.host_tags.licence
        tagged = tag_licences(self.tags, prefix)
        if not several_tagged(tagged, knowledge):
            return ()
        listed = some_of(tuple(dict.fromkeys(tagged)))
        message = (
            f"the Hub tags the card with several licences ({listed}) without saying how they "
            "combine; osai reads no licence from them (a component passes a policy only if "
            "every listed licence does: declare the licence of each component in a manifest)"
        )
        names = some_of(tuple(f"{prefix}{licence}" for licence in dict.fromkeys(tagged)))
        provenance = Provenance(self.source, "tags", names, Certainty.DETECTED)
        return (Finding(FindingKind.WARNING, message, (provenance,)),)

    def datasets(self) -> list[str]:
        prefix = self.patterns.host_tags.dataset
        return [tag[len(prefix) :] for tag in self._with(prefix)]

    def cited_papers(self) -> tuple[Finding, ...]:
        """Without the card's body, the host's arxiv tags name the papers the card cites, and no
        more: the Hub tags every arXiv link a card holds (t5-base's are the benchmarks it was
        scored on, OLMo-7B's include LLaMA's paper), so none is taken for the model's own paper,
        which a card read is credited only with a cue (osai.card.body)."""
        tags = self._with(self.patterns.host_tags.paper)
        if not tags:
            return ()
        names = some_of(tags)
        message = (
            f"the card cites {names}, as the Hub tags it (its body was not read): whether one is "
            "the model's own paper is not known"
        )
        note = "the papers the card cites, as the Hub tags them"
        provenance = Provenance(self.source, "tags", names, Certainty.DETECTED, note=note)
        return (Finding(FindingKind.NOTE, message, (provenance,)),)


def _card_itself(card: CardFacts, cite: Citer, ids: CardComponents) -> Iterator[Observation]:
    here = card.path
    if not card.is_empty:
        if card.body_read or not card.metadata_key:
            seen = cite(None, "model card")
        else:
            where = card.metadata_key
            seen = Provenance(cite.source, where, "model card metadata", Certainty.DETECTED)
        yield Observation(ids.card, Presence.PRESENT, seen, here)
    if card.model_index is not None:
        value = f"model-index: {card.model_index.value}"
        provenance = cite.field(replace(card.model_index, value=value))
        yield Observation(ids.evaluation, Presence.PRESENT, provenance, here)
    for table in card.evaluation_tables:
        value = f"evaluation table under '{table.heading}'"
        yield Observation(ids.evaluation, Presence.PRESENT, cite(table.line, value), here)
    for section in card.data_sections:
        value = f"section '{section.heading}' ({section.content_chars} characters)"
        note = "the model card carries the data information"
        yield Observation(ids.data, Presence.PRESENT, cite(section.line, value, note=note), here)


def _producers(link: CardLink, linking: LinkingModel, links: LinkRules) -> bool:
    """The linked code may be the producer's (rules/links.yaml): its own when the producer is
    known, else any that is no third-party library."""
    if not linking.producer:
        return not links.is_third_party(link.repository)
    return links.is_producers(linking, link.owner, (link.repository,))


def _named_elsewhere(
    card: CardFacts, cite: Citer, ids: CardComponents, linking: LinkingModel, links: LinkRules
) -> Iterator[Observation]:
    for dataset in card.datasets:
        value = f"{dataset.key}: {dataset.value}"
        yield Observation(ids.datasets, Presence.PRESENT, cite.field(replace(dataset, value=value)))
    for paper in card.papers:
        if paper.component:
            certainty = paper.ownership
            if paper.tagged:
                provenance = cite.field(CardField("tags", paper.reference, paper.line), certainty)
            else:
                provenance = cite(paper.line, paper.reference, certainty)
            yield Observation(paper.component, Presence.PRESENT, provenance)
    for link in card.code_links:
        if not _producers(link, linking, links):
            continue  # a library, or another organisation's code: never this release's
        note = f"linked under '{link.heading}'" if link.heading else "linked in the card"
        for topic in link.topics:
            provenance = cite(link.line, link.url, Certainty.INFERRED, note)
            yield Observation(topic, Presence.PRESENT, provenance)


def _not_released(card: CardFacts, cite: Citer) -> Iterator[Observation]:
    note = "the card says it is not released"
    for statement in card.not_released:
        provenance = cite(statement.line, statement.text, note=note)
        yield Observation(statement.component, Presence.ABSENT, provenance)


def _card_licence(card: CardFacts, cite: Citer, knowledge: LicenceKnowledge) -> LicenceFact | None:
    """The card's `license:` (`other` read through license_name or license_link), when it names
    one licence (a list of one, or of the same licence repeated: see `unsettled_licences`)."""
    if not card.licences:
        return None
    text, item = listed_licence(card.licences[0], card, knowledge)
    url = _custom_licence_url(card)
    if item is card.licence_link:
        note = f"license: other; license_link is the address of {text}"
        return LicenceFact(text, cite.field(item, note=note), url=url)
    if item is not card.licences[0]:
        note = f"license: {card.licences[0].value}"
        return LicenceFact(text, cite.field(item, note=note), url=url)
    return LicenceFact(
        text, cite.field(item, note="the card's license (the repository's)"), url=url
    )


def _custom_licence_url(card: CardFacts) -> str:
    """Where a custom licence's terms are (`license: other`), as the card's license_link gives
    them, when that is a URL (a BOM names the licence so, not by a name alone); a path in the
    repository (`LICENSE`) names no address of its own."""
    if card.licences[0].value.lower() != "other" or card.licence_link is None:
        return ""
    return licence_url(card.licence_link.value)


def listed_licence(
    item: CardField, card: CardFacts, knowledge: LicenceKnowledge
) -> tuple[str, CardField]:
    """A licence the card lists.  `other` (a custom licence) is read through license_name when
    osai knows that name, else through license_link when osai knows that address (maintainers
    name custom licences as they like; the link is the publisher's), else as license_name says."""
    if item.value.lower() != "other":
        return item.value, item
    name, link = card.licence_name, card.licence_link
    if name is not None and settles(name.value, knowledge):
        return name.value, name
    known = licence_of_link(link.value, knowledge) if link is not None else None
    if link is not None and known is not None:
        return known, link
    return (name.value, name) if name is not None else (item.value, item)


def _custom_licence_finding(
    card: CardFacts, cite: Citer, licence: LicenceFact | None, knowledge: LicenceKnowledge
) -> tuple[Finding, ...]:
    """A custom licence osai cannot recognise is said to be one, with its link: its terms are
    unknown, and so is every verdict that rests on them."""
    if licence is None or not card.licences or card.licences[0].value.lower() != "other":
        return ()
    if settles(licence.text, knowledge):
        return ()
    link = f" ({card.licence_link.value})" if card.licence_link is not None else ""
    message = (
        f"{cite.named}: a custom licence osai does not recognise: "
        f"'{licence.text}'{link}; what it allows is unknown, so the components it covers stay "
        "unknown (declare their licence in a manifest, or read the licence)"
    )
    return (Finding(FindingKind.WARNING, message, (licence.provenance,)),)


def tag_licences(tags: tuple[str, ...], prefix: str) -> tuple[str, ...]:
    """The licence ids the host's `prefix` tags give (`license:mit` → `mit`), in order."""
    if not prefix:
        return ()
    return tuple(tag[len(prefix) :] for tag in tags if tag.lower().startswith(prefix))


def several_tagged(tagged: tuple[str, ...], knowledge: LicenceKnowledge) -> bool:
    """Whether the tags name licences that are not all the same licence: the Hub tags each id
    a card's `license` lists, and such a list settles no licence (`unsettled_licences`)."""
    return len({normalised_licence(text, knowledge) for text in tagged}) > 1


def unsettled_licences(card: CardFacts, knowledge: LicenceKnowledge) -> tuple[str, ...]:
    """The licences a card lists, when they are not all the same licence.

    A list does not say how its licences combine (all applying? one per part?), so such a card
    settles no licence: osai does not invent an AND or an OR.
    """
    entries = [listed_licence(item, card, knowledge)[0] for item in card.licences]
    if len({normalised_licence(text, knowledge) for text in entries}) > 1:
        return tuple(entries)
    return ()


@dataclass(frozen=True)
class _Named:
    """A card's licence field as a warning names it, and the licence it names."""

    field: str
    licence: str
    item: CardField
    title: str = ""  # the licence as a person reads it, for a link's (licence_title)


@dataclass(frozen=True)
class _Disagreement:
    """A card's licence field, and its other licence fields that name licences osai knows
    other than it (each licence once)."""

    first_field: str
    first: str
    others: tuple[_Named, ...]


def _self_contradiction(card: CardFacts, knowledge: LicenceKnowledge) -> _Disagreement | None:
    """`license: other` whose license_name and license_link name two different licences osai
    knows (`apache-2.0`, a link to CC BY-NC 4.0); or a Hub id in `license:` beside a
    license_link or license_name that names another (`license: apache-2.0`, a license_link to
    the Llama licence).  One was read and the other passed over, so the card's Apache-2.0 met
    where its own link said no commercial use; which one holds, the card does not say."""
    if not card.licences or unsettled_licences(card, knowledge):
        return None
    name, link = card.licence_name, card.licence_link
    linked = licence_of_link(link.value, knowledge) if link is not None else None
    if card.licences[0].value.lower() == "other":
        if name is None or link is None or linked is None or not settles(name.value, knowledge):
            return None
        first, others = (
            ("license_name", name.value),
            [_Named("license_link", linked, link, licence_title(linked, knowledge))],
        )
    else:
        stated = card.licences[0].value
        if not settles(stated, knowledge):
            return None
        first, others = ("license", stated), []
        if name is not None and settles(name.value, knowledge):
            others.append(_Named("license_name", name.value, name))
        if link is not None and linked:
            others.append(_Named("license_link", linked, link, licence_title(linked, knowledge)))
    # each licence once, none the first: `license: apache-2.0`, license_name `mit` and a
    # license_link to CC BY-NC 4.0 read only the name, and met where the link said no
    # commercial use
    seen = {normalised_licence(first[1], knowledge)}
    differing = []
    for other in others:
        key = normalised_licence(other.licence, knowledge)
        if key not in seen and not names_part_of(other.licence, first[1], knowledge):
            seen.add(key)
            differing.append(other)
    return _Disagreement(*first, tuple(differing)) if differing else None


def names_part_of(part: str, whole: str, knowledge: LicenceKnowledge) -> bool:
    """Whether every licence `part` names is one `whole` names: a link to the MIT text beside
    `license: apache-2.0 OR mit`, or to Apache's beside `apache-2.0 WITH LLVM-exception`, names
    a licence the field already gives, not another one."""
    ids = []
    for text in (part, whole):
        parsed = parse_licence(text, knowledge, exact=False)
        if parsed.state is not LicenceState.EXPRESSION:
            return False
        ids.append({leaf.id for leaf in leaves(parsed.expression)})
    return ids[0] <= ids[1]


def _contradicted(
    card: CardFacts, cite: Citer, licence: LicenceFact | None, knowledge: LicenceKnowledge
) -> tuple[LicenceFact | None, tuple[Finding, ...]]:
    """The card's licence with what its own other licence fields name instead as licences
    that may apply (LicenceFact.alternatives: a verdict stands only where all give it), and a
    warning naming them, when the fields contradict (`_self_contradiction`)."""
    found = _self_contradiction(card, knowledge)
    if licence is None or found is None:
        return licence, ()
    instead = tuple(
        LicenceFact(other.licence, cite.field(other.item, note=f"the card's {_called(other)}"))
        for other in found.others
    )
    same = partial(normalised_licence, knowledge=knowledge)
    fields = [f"{found.first_field} ({found.first})", *map(_called, found.others)]
    every = "both" if len(fields) == 2 else "all"
    message = (
        f"{cite.named}: the card's {joined(fields)} name different licences, and the card "
        f"does not say which holds: a verdict stands only where {every} give it (correct the "
        "field that is wrong; a manifest's declaration does not settle it)"
    )
    cited = (licence.provenance, *(fact.provenance for fact in instead))
    warning = Finding(FindingKind.WARNING, message, cited)
    return licence.or_instead(instead, same), (warning,)


def _licence_list_finding(card: CardFacts, cite: Citer, unsettled: tuple[str, ...]) -> Finding:
    # each once, the first few: a card listing 10,000 licences made a warning of 900 lines
    listed = some_of(tuple(dict.fromkeys(unsettled)))
    message = (
        f"{cite.named}: the card lists several licences ({listed}) without "
        "saying how they combine; osai reads no licence from it (a component passes a policy "
        "only if every listed licence does: declare the licence of each component in a manifest)"
    )
    first = card.licences[0]
    return Finding(FindingKind.WARNING, message, (cite.field(replace(first, value=listed)),))


def _called(named: _Named) -> str:
    """A card field as a warning names it: a link by the licence at its address."""
    if named.field == "license_link":
        # by its title: "the address of LicenseRef-llama3.1" named an id no card or page uses
        return f"license_link (the address of {named.title})"
    return f"{named.field} ({named.licence})"


def _named_licence(named: dict[str, CardField], cite: Citer) -> LicenceFact | None:
    """The licence the gating prompt names (a link text, a phrase) that osai knows, when it
    names one (`named`: _prompt_licences).  A prompt that names several ("the MIT license of
    our code and the Llama 2 Community License", "the data is CC-BY-4.0 ...") does not say
    which is the model's: osai takes none of them (see `_prompt_licences_finding`)."""
    if len(named) != 1:
        return None
    (mention,) = named.values()
    note = f"the gating prompt names '{mention.value}'"
    return LicenceFact(mention.value, cite.field(mention, Certainty.INFERRED, note))


def _prompt_licences(
    mentions: tuple[CardField, ...], knowledge: LicenceKnowledge
) -> dict[str, CardField]:
    """The licences osai knows that the gating prompt names, each with its first mention."""
    named: dict[str, CardField] = {}
    for mention in mentions:
        target = _known_licence(mention.value, knowledge)
        if target:
            named.setdefault(normalised_licence(target, knowledge), mention)
    return named


def _prompt_licences_finding(named: dict[str, CardField], cite: Citer) -> tuple[Finding, ...]:
    if len(named) < 2:
        return ()
    listed = ", ".join(f"'{m.value}'" for m in named.values())
    first = next(iter(named.values()))
    message = (
        f"{cite.named}: the gating prompt names several licences ({listed}) "
        "without saying which is the model's; osai takes none of them for it"
    )
    return (Finding(FindingKind.NOTE, message, (cite.field(first, Certainty.INFERRED),)),)


def _known_licence(phrase: str, knowledge: LicenceKnowledge) -> str:
    """The licence osai knows that the phrase names (a licence id or an alias of
    rules/licenses.yaml), else ""."""
    key = fold(phrase)
    target = knowledge.aliases.get(key) or (info.id if (info := knowledge.lookup(key)) else "")
    return target if target and settles(target, knowledge) else ""


def _card_findings(
    card: CardFacts,
    cite: Citer,
    patterns: CardPatterns,
    host: HostFacts | None,
    adapter_config: str = "",
    links: LinkRules | None = None,
) -> tuple[Finding, ...]:
    findings = [
        Finding(FindingKind.WARNING, f"{cite.named}: {p.value}", (cite(p.line, p.key),))
        for p in card.problems
    ]
    gate = gating_finding(card, cite, host, patterns.access)  # the host's gate and the card's
    if gate is not None:
        findings.append(gate)
    if card.eu_disallowed is not None:
        findings.append(Finding(FindingKind.WARNING, EU_REFUSED, (cite.field(card.eu_disallowed),)))
    findings.extend(_papers_only_cited(card, cite))
    if card.base_models:
        # a card may name any number: 2,000 names made a 23 KB note
        names = some_of([b.value for b in card.base_models])
        # "osai judges this repository only" was said when osai follows the base and judges
        # its licence, and the weights' verdict waits on a base it did not read
        said = _relation_said(card, links)
        how = f"{said[0]} {names}, as its card says{said[1]}"
        message = f"{how}: a base model's licence may bind it"
        provenance = cite.field(replace(card.base_models[0], value=names))
        evidence: tuple[Provenance, ...] = (provenance,)
        if said[1] and card.base_relation is not None:
            evidence += (cite.field(card.base_relation),)
        adapter = _adapter_said(card, host, adapter_config)
        if adapter:
            message += f"; an adapter ({adapter}), {ADAPTER_NEEDS_BASE}"
            if card.base_relation is not None and _relation_says_adapter(card):
                evidence += (cite.field(card.base_relation),)
        findings.append(Finding(FindingKind.NOTE, message, evidence))
    return tuple(findings)


def _relation_said(card: CardFacts, links: LinkRules | None) -> tuple[str, str]:
    """How the model derives from its bases, as a person says it ("quantized from"), and the
    card's field that says so (" (base_model_relation: quantized)"); "derived from" when the
    card says not how (rules/links.yaml `relation_words`)."""
    relation = card.base_relation
    words = links.relation_words if links is not None else {}
    if relation is None or relation.value.casefold() not in words:
        return "derived from", ""
    return words[relation.value.casefold()], f" ({relation.key}: {relation.value})"


def _adapter_said(card: CardFacts, host: HostFacts | None, adapter_config: str) -> str:
    """Where the card, its host or the repository's files say the model is an adapter of its
    base model (PEFT writes a card naming the base, and adapter_config.json), or ""."""
    relation = card.base_relation
    if relation is not None and _relation_says_adapter(card):
        return f"{relation.key}: {ADAPTER_RELATION}"
    prefix = f"{BASE_MODEL_TAG}{ADAPTER_RELATION}:"
    if host is not None and any(tag.casefold().startswith(prefix) for tag in host.tags):
        return f"the host's tag {prefix}..."
    return f"its {adapter_config}" if adapter_config else ""


def _relation_says_adapter(card: CardFacts) -> bool:
    """Whether the card's base_model_relation says the model is an adapter of its base."""
    relation = card.base_relation
    return relation is not None and relation.value.casefold() == ADAPTER_RELATION


def _papers_only_cited(card: CardFacts, cite: Citer) -> Iterator[Finding]:
    """A paper the card cites while it says its own paper is still to come: why it is not
    taken for the model's research paper (reading it on arXiv would prove it exists, not that
    it is this model's)."""
    for paper in card.papers:
        if paper.forthcoming_line is None:
            continue
        under = f" under '{short(paper.heading)}'" if paper.heading else ""
        message = (
            f"{paper.reference} is cited{under}, not taken for the model's research paper: the "
            f"card says its own paper is still to come (line {paper.forthcoming_line})"
        )
        yield Finding(FindingKind.NOTE, message, (cite(paper.line, paper.reference),))
