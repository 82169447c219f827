"""A followed dataset's or base model's licence, read from its card's licence fields as a model's
own card's are (osai.card.evidence.card_licence: the same reader, so every rule about
`license`, license_name, license_link and the gating prompt holds for all three).  Pure.

A base whose card says `license: apache-2.0` with a license_link to the Llama 2 licence let a
fine-tune meet OSAID through --follow, while the same card checked as the model itself was read
under both licences: now it is read under both wherever it is read, and the warning naming each
field and the licence it names is in the report of the model that follows it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from osai.card.evidence import card_licence, licence_fields
from osai.card.facts import Citer
from osai.evidence import Finding
from osai.records import DatasetRecord, ModelRecord
from osai.rules import RuleSet

Record = TypeVar("Record", DatasetRecord, ModelRecord)

LISTED_CHARS = 80  # of each licence a list names, as a note and a link's answer repeat it


def read_licence(
    record: Record, named: str, source: str, rules: RuleSet
) -> tuple[Record, tuple[Finding, ...]]:
    """`record` with its licence read from its card's licence fields (`licence`, where it was
    read, the licences a list names, what its other fields name instead), and the warning on
    fields that contradict one another, its card named as `named` ("base model acme/base")."""
    if not record.found or (record.licence and not record.licences):
        return record, ()  # none, or kept by an earlier osai, which read it then
    if record.licences_more:  # a hostile card's list: more licences than osai keeps
        shown = (
            *(text[:LISTED_CHARS] for text in record.licences),
            f"+{record.licences_more} more",
        )
        return _listed(record, shown), ()
    gating = dict(text.partition(": ")[::2] for text in record.gating_texts)
    card = licence_fields(
        record.licences, record.licence_name, record.licence_link, gating, rules.detection.card
    )
    read = card_licence(
        card, Citer(record.url, source, "cardData", f"{named}'s card"), rules.licences
    )
    if read.unsettled:
        return _listed(record, tuple(text[:LISTED_CHARS] for text in read.unsettled)), ()
    licence = read.alone(rules.licences)
    if licence is None:
        return replace(record, licence="", licence_field=""), ()
    instead = tuple(other.text for other in licence.alternatives)
    updated = replace(
        record,
        licence=licence.text,
        licence_field=licence.provenance.location,
        licence_instead=instead,
    )
    return updated, tuple(_at(record.url, f) for f in read.contradiction) if instead else ()


def _at(url: str, finding: Finding) -> Finding:
    """`finding` with its evidence located at the followed card, as the lineage cites a base's
    licence (`https://huggingface.co/acme/base (cardData.license_link)`)."""
    cited = tuple(replace(e, location=f"{url} ({e.location})") for e in finding.provenance)
    return replace(finding, provenance=cited)


def _listed(record: Record, shown: tuple[str, ...]) -> Record:
    """The record of a card that lists licences without saying how they combine: none read."""
    field = f"cardData.license lists {', '.join(shown)}"
    return replace(record, licence="", licence_field=field, licences_listed=shown)
