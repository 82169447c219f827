"""Facts a card states (rules/detection.yaml `card.facts`), and how the weights can be obtained
(`access`): from its metadata fields, its sections, its sentences, its gating form, and what the
host says beside it (the Hub's gating mode and pipeline tag).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from osai.card.host_gate import host_gate
from osai.card.model import CardFacts, CardField, CardSection
from osai.detection import CardPatterns
from osai.detection.card import AccessRule, CardFactRule
from osai.evidence import Certainty, Fact, Finding, FindingKind, Provenance
from osai.snapshot import HostFacts
from osai.textsafe import some_of


@dataclass(frozen=True)
class Citer:
    """Provenance for what the card shows: its body by line; its metadata by line, or by key
    when a host parsed it (``cardData.license``)."""

    path: str
    source: str
    metadata_key: str = ""
    # The card as a message names it, when it is not the checked model's own (a followed
    # base model's: "base model acme/base's card")
    name: str = ""

    def __call__(
        self,
        line: int | None,
        value: str,
        certainty: Certainty = Certainty.DETECTED,
        note: str = "",
    ) -> Provenance:
        return Provenance(self.source, self.path, value, certainty, line, note)

    @property
    def named(self) -> str:
        """The card as a message names it: its file, or its metadata when a host parsed it (a
        person reads "the card's metadata", not the API's `cardData`)."""
        if self.name:
            return self.name
        return "the card's metadata" if self.metadata_key else self.path

    def field(
        self, item: CardField, certainty: Certainty = Certainty.DETECTED, note: str = ""
    ) -> Provenance:
        """Where a metadata field is: its key in a host's metadata object, else its line."""
        if self.metadata_key:
            location = f"{self.metadata_key}.{item.key}"
            return Provenance(self.source, location, item.value, certainty, None, note)
        return Provenance(self.source, self.path, item.value, certainty, item.line, note)


def stated_facts(
    card: CardFacts,
    cite: Citer,
    patterns: CardPatterns,
    host: HostFacts | None,
    host_datasets: tuple[str, ...] = (),
) -> dict[str, Fact]:
    """Every fact the card's rules find, and the access fact."""
    facts: dict[str, Fact] = {}
    for rule in patterns.facts:
        fact = _rule_fact(rule, card, cite, host, host_datasets)
        if fact is not None:
            facts[rule.fact] = fact
    access = patterns.access
    if access is not None:
        fact = access_fact(access, card, cite, host)
        if fact is not None:
            facts[access.fact] = fact
    return facts


def uncontradicted(
    card: Mapping[str, Fact], stated: Mapping[str, Fact], patterns: CardPatterns
) -> dict[str, Fact]:
    """The card's facts (`card`) but those a rule's `unless_stated` sets aside, where the card
    or the repository's files (`stated`) state one of its facts: a fine-tune's `datasets:`
    lists its fine-tuning data, never its base's pretraining data, and as the release's
    `public_data_sources` it met OSAID's listing of all public training data."""
    kept = dict(card)
    for rule in patterns.facts:
        if rule.fact in kept and any(_states(key, card, stated) for key in rule.unless_stated):
            del kept[rule.fact]
    return kept


def _states(key: str, *sources: Mapping[str, Fact]) -> bool:
    """Whether one of `sources` gives the fact a value (a card's silence gives none)."""
    return any(key in facts and facts[key].provided for facts in sources)


def _rule_fact(
    rule: CardFactRule,
    card: CardFacts,
    cite: Citer,
    host: HostFacts | None,
    host_datasets: tuple[str, ...],
) -> Fact | None:
    if rule.field:
        return _field_fact(rule, card, cite, host, host_datasets)
    if rule.sections is not None:
        return _section_fact(rule, card, cite)
    if rule.papers:
        return _paper_fact(rule, card, cite)
    if rule.number:
        return _number_fact(rule, card, cite)
    mention = next((m for m in card.mentions if m.key == rule.fact), None)
    if mention is None:
        return None
    provenance = cite(mention.line, mention.value, Certainty.INFERRED, rule.note)
    return Fact(rule.fact, mention.value, provenance)


def _number_fact(rule: CardFactRule, card: CardFacts, cite: Citer) -> Fact | None:
    """The one number the prose states for the fact; none when it states two that differ (the
    first was read: "our smallest run used 2e21 FLOPs, the final model 8e24 FLOPs" put a model
    out of the AI Act's scope on its smallest run's compute; disagreeing_numbers says why)."""
    stated = stated_numbers(rule, card)
    if not stated or len({number for number, _ in stated}) > 1:
        return None
    number, mention = stated[0]
    provenance = cite(mention.line, mention.value, Certainty.INFERRED, rule.note)
    return Fact(rule.fact, f"{number:g}", provenance, number=number)


def stated_numbers(rule: CardFactRule, card: CardFacts) -> list[tuple[float, CardField]]:
    """Each number the card's prose states for a number fact, with where; 0 is none ("0 x 10^24
    FLOPs" met "at most 10^25 FLOP", no estimate)."""
    found = ((scientific_number(m.value), m) for m in card.mentions if m.key == rule.fact)
    return [(number, mention) for number, mention in found if number]


def disagreeing_numbers(
    card: CardFacts, cite: Citer, patterns: CardPatterns, titles: Mapping[str, str]
) -> tuple[Finding, ...]:
    """A warning for each number fact the prose states with figures that differ, none of which
    osai takes (_number_fact): which is the model's, the card does not say to a reader of its
    sentences.  `titles`: each fact's title (rules/components.yaml)."""
    findings = []
    for rule in patterns.facts:
        stated = stated_numbers(rule, card) if rule.number else []
        figures = dict.fromkeys(f"{number:g}" for number, _ in stated)
        if len(figures) < 2:
            continue
        title = titles.get(rule.fact, rule.fact)
        message = (
            f"{cite.named} states {len(figures)} different figures for "
            f"{title[:1].lower()}{title[1:]} ({some_of(list(figures))}): osai takes none of them"
        )
        first = stated[0][1]
        findings.append(Finding(FindingKind.WARNING, message, (cite(first.line, first.value),)))
    return tuple(findings)


def _field_fact(
    rule: CardFactRule,
    card: CardFacts,
    cite: Citer,
    host: HostFacts | None,
    host_datasets: tuple[str, ...],
) -> Fact | None:
    items = card.field_values(rule.field)
    if items:
        named = tuple(item.value for item in items)
        value = ", ".join(named)
        provenance = cite.field(replace(items[0], value=value), note=rule.note)
        listed = named if len(named) > 1 else ()
        return Fact(rule.fact, value, provenance, field=rule.field, items=listed)
    stand_in = _host_value(rule.field, host, host_datasets)
    if stand_in:
        location = "tags" if rule.field == "datasets" else rule.field
        provenance = Provenance(cite.source, location, stand_in, Certainty.DETECTED, note=rule.note)
        return Fact(rule.fact, stand_in, provenance, field=rule.field)
    # a field osai could not read, its own or one keeping it from being absent (a
    # `base_model_relation: {kind: merge}`), leaves the card silent on nothing
    read_by = (rule.field, *rule.absent_unless)
    unread = any(problem.key in read_by for problem in card.problems)
    if any(card.field_values(name) for name in rule.absent_unless):
        return None  # another field says there is one (base_model_relation: merge)
    if rule.absent_when_read and card.metadata_read and not unread:
        # a field the card has but osai could not read (`base_model: {name: ...}`), or metadata
        # that is not YAML, is no evidence that the card states none
        where = cite.metadata_key or cite.path
        note = f"{rule.note} (the card's metadata has no {rule.field})"
        provenance = Provenance(cite.source, where, "", Certainty.INFERRED, None, note)
        # what was inferred and from what, as a section's "not in the card": "not stated" read
        # as no evidence at all, beside a verdict resting on the card's silence
        return Fact(rule.fact, "not in the card's metadata", provenance, provided=False)
    return None


def _host_value(field: str, host: HostFacts | None, host_datasets: tuple[str, ...]) -> str:
    """What the host says in place of the card's field (its tags, its pipeline tag)."""
    if field == "datasets":
        return ", ".join(host_datasets)
    if field == "pipeline_tag" and host is not None:
        return host.pipeline_tag
    return ""


def _section_fact(rule: CardFactRule, card: CardFacts, cite: Citer) -> Fact | None:
    keywords = rule.sections
    if keywords is None:
        return None
    short = None
    for section in card.sections:
        if not keywords.matches(section.heading):
            continue
        if section.chars(rule.code_counts) >= rule.min_chars:
            value = f"section '{section.heading}' ({section.chars(rule.code_counts)} characters)"
            return Fact(rule.fact, value, cite(section.line, value, note=rule.note))
        short = short or section
    if any(_says_it(rule, label.value) for label in card.labels):
        # a label titles that part of the card as a heading would: what follows it may be the
        # fact (a list item's text, the paragraphs under a bold label, a table's column), so
        # absence is not shown
        return None
    if rule.absent_when_read and card.body_read and card.body_chars:
        note = f"{rule.note}: the card has no such section"
        if short is not None:  # said so, it read as if the heading were not there
            note = (
                f"{rule.note}: the card's section '{short.heading}' has "
                f"{short.chars(rule.code_counts)} characters{_code_aside(short, rule)}, too few "
                f"to be one (at least {rule.min_chars})"
            )
        provenance = Provenance(cite.source, cite.path, "", Certainty.INFERRED, None, note)
        return Fact(rule.fact, "not in the card", provenance, provided=False)
    return None


def _says_it(rule: CardFactRule, label: str) -> bool:
    """Whether a label may title the fact: a section keyword, or one of its label words."""
    assert rule.sections is not None  # a section rule's
    words = rule.absent_unless_labels
    return rule.sections.matches(label) or (words is not None and bool(words.search(label)))


def _code_aside(section: CardSection, rule: CardFactRule) -> str:
    """Why a section with code reads short: its code was not counted."""
    return "" if rule.code_counts or not section.code_chars else " besides code"


def _paper_fact(rule: CardFactRule, card: CardFacts, cite: Citer) -> Fact | None:
    """The card's own papers (the ones it presents as the model's) of the rule's kind."""
    wanted = [
        paper
        for paper in card.papers
        if paper.component and (paper.preprint if rule.papers == "preprint" else paper.venue)
    ]
    if not wanted:
        return None
    value = ", ".join(paper.reference for paper in wanted)
    return Fact(rule.fact, value, cite(wanted[0].line, value, Certainty.INFERRED, rule.note))


# --- how the weights can be obtained -----------------------------------------------------------

# A card's extra_gated_eu_disallowed, in words: the access fact's note and the card's warning
EU_REFUSED = "the card refuses access from the European Union"


def access_fact(
    rule: AccessRule, card: CardFacts, cite: Citer, host: HostFacts | None
) -> Fact | None:
    """The first that applies: a region refused, a form asking for personal data, the host's
    gating mode, no gate; None when the host did not report a gate and the card says nothing
    that settles it."""
    if card.eu_disallowed is not None:
        note = EU_REFUSED
        return Fact(rule.fact, rule.region_excluded, cite.field(card.eu_disallowed, note=note))
    asked = _personal_fields(rule, card)
    gated = host.gated if host is not None else None
    if asked and (gated or card.gating):
        names = ", ".join(item.value for item in asked)
        item = replace(asked[0], value=names)
        note = f"the access form asks for personal data: {names}"
        return Fact(rule.fact, rule.personal_data, cite.field(item, note=note))
    if gated:
        value = rule.gated.get(gated)
        if value is None:
            return None
        provenance = Provenance(
            cite.source, "gated", gated, Certainty.DETECTED, note=host_gate(gated)
        )
        return Fact(rule.fact, value, provenance)
    if gated == "":
        note = "the host reports no gate"
        provenance = Provenance(cite.source, "gated", "false", Certainty.DETECTED, note=note)
        return Fact(rule.fact, rule.ungated, provenance)
    return None


def _personal_fields(rule: AccessRule, card: CardFacts) -> list[CardField]:
    pattern = rule.personal_fields
    if pattern is None:
        return []
    return [item for item in card.gating_fields if pattern.search(item.value)]


# --- numbers written out -----------------------------------------------------------------------

_TIMES_TEN = re.compile(
    r"^(?:(?P<mantissa>\d+(?:\.\d+)?)\s*[x\u00d7*\u00b7]\s*)?10\s*(?:\^|\*\*)\s*(?P<exponent>\d{1,3})$"
)
MAX_EXPONENT = 40  # no training run is near 10^40 FLOP; a larger number is not one


def scientific_number(text: str) -> float | None:
    """A number as cards write it: 3.1e23, 3.1e+23, 3.1 x 10^23, 10^24 (None if it is not one)."""
    flat = " ".join(text.split())
    match = _TIMES_TEN.match(flat)
    if match is not None:
        exponent = int(match["exponent"])
        mantissa = float(match["mantissa"]) if match["mantissa"] else 1.0
        return mantissa * 10.0**exponent if exponent <= MAX_EXPONENT else None
    try:
        number = float(flat.replace(" ", ""))
    except ValueError:
        return None
    return number if 0 <= number < 10.0**MAX_EXPONENT else None


__all__ = ["Citer", "access_fact", "scientific_number", "stated_facts", "uncontradicted"]
