"""What a base model's own files say it derives from beyond its card: its merge's recipe
(mergekit_config.yml), its adapter's config (adapter_config.json).  Pure.

A fine-tune (MIT) of a merge whose card names Mistral and whose recipe merges Llama 2 met OSAID
on its MIT: the lineage read the merge's card alone, where the merge checked directly is bound
to Llama 2's licence.  A base whose file list holds such a file has it read (osai.links.follow)
and read here as the model's own is (osai.extract.bases: one reading), the models it names
becoming that base's bases.  One that could not be read (the --max-links cap, an error, too
large, offline and not kept, no YAML) leaves the bases it names unknown: the licence then
meets a policy only if none of them binds it, as a model's own unread recipe does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from osai.card import CardFacts
from osai.card.model import BASE_RELATION_FIELD, CardField
from osai.evidence import NamedLink
from osai.extract.bases import file_bases, unnamed_base_said
from osai.extract.reading import base_naming_reads
from osai.hubrefs import HUB_SOURCE, known_ids
from osai.links.lineage import NamedByFile, unread_base
from osai.records import ModelRecord
from osai.rules import RuleSet
from osai.snapshot import RepoSnapshot, TextFile


@dataclass(frozen=True)
class BaseFiles:
    """What a base's files name beyond its card, and what of them is not known."""

    named: tuple[NamedByFile, ...] = ()
    # why bases it derives from are not known, as a licence's `unless` names them
    unread: tuple[str, ...] = ()
    # why a file was not read, each a line of the lineage's warnings
    ends: tuple[str, ...] = ()


# What reading a base's file gave: its text, or why it was not read (one line naming it);
# a file the Hub lists and then says does not exist is left out, as the model's own is.
FileRead = TextFile | str


def base_files(
    record: ModelRecord,
    card_bases: tuple[str, ...],
    read: Mapping[str, FileRead],
    rules: RuleSet,
) -> BaseFiles:
    """What `record`'s files (`read`, by name) name beyond the bases its card names
    (`card_bases`), read as a model's own files are (osai.extract.bases)."""
    texts = {name: text for name, text in read.items() if isinstance(text, TextFile)}
    unread = {name: why for name, why in read.items() if isinstance(why, str)}
    snapshot = replace(_listed(record), texts=texts, unreadable=frozenset(unread))
    card = _card(record, card_bases)
    found = file_bases(snapshot, card, rules.detection, known_ids(record.id, record.requested))
    whys = list(found.unread)
    names = bool(card_bases or found.base_models)
    unnamed = unnamed_base_said(card, names, rules.links, HUB_SOURCE)
    if unnamed is not None:
        whys.append(f"its card says {unnamed[0]} but names none")
    return BaseFiles(
        tuple(_named(record, link) for link in found.named_links),
        tuple(unread_base(f"{record.id}'s own base models", why) for why in whys),
        tuple(f"base model {record.id}: {why}" for why in unread.values()),
    )


def files_to_read(record: ModelRecord, rules: RuleSet) -> tuple[str, ...]:
    """The files of the base to read, as the model's own are planned (osai.extract.reading):
    of those its file list holds, its adapter's config and its merge's recipe."""
    return base_naming_reads(_listed(record), rules.detection)


def _listed(record: ModelRecord) -> RepoSnapshot:
    """The base as a repository whose listing is the files of it that may name its bases."""
    return RepoSnapshot(
        source=HUB_SOURCE,
        target=record.id,
        name=record.id,
        listing=record.naming_files,
        hub_id=record.id,
    )


def _card(record: ModelRecord, bases: tuple[str, ...]) -> CardFacts:
    """What the base's card says of its own bases, as the model's own card is read: the bases
    it names (`bases`), and how it says it was made from them (base_model_relation)."""
    relation = (
        CardField(BASE_RELATION_FIELD, record.base_relation) if record.base_relation else None
    )
    unread = "not a string: not read" if record.base_relation_unread else ""
    return CardFacts(
        path="README.md",
        metadata_key="cardData",
        metadata_read=True,
        base_models=tuple(CardField("base_model", name) for name in bases),
        base_relation=relation,
        problems=(CardField(BASE_RELATION_FIELD, unread),) if unread else (),
    )


def _named(record: ModelRecord, link: NamedLink) -> NamedByFile:
    line = f", line {link.cited.line}" if link.cited.line else ""
    said = f"named in {record.id}'s {link.said}{line}"
    return NamedByFile(record.id, link.cited.value, link.cited.location, said)
