"""A PEFT adapter's config (adapter_config.json) names the model it adapts: its base model.

Pure.  Many adapters' cards leave `base_model` out; their config's `base_model_name_or_path`
(rules/detection.yaml `adapter_config`) still names the base, a Hub id or a path on the machine
the adapter was trained on (/home/me/llama-7b), which names no model osai can read.  It is read
at the top of the repository only.  Where the card names base models, a Hub id the config names
that the card does not is a base model too (a card naming Mistral over an adapter of Llama 2
met on the card's Apache-2.0), and a path there is taken for one the card names.  Someone
else's file: a value that is no short string is no base model.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from osai.card import CardFacts
from osai.card.model import CardField
from osai.detection.files import FilePatterns
from osai.errors import BadInput, NotRead
from osai.evidence import (
    ADAPTER_NEEDS_BASE,
    Certainty,
    Fact,
    Finding,
    FindingKind,
    NamedKind,
    NamedLink,
    Provenance,
)
from osai.hubrefs import parse_hub_target
from osai.jsonsafe import parse_json
from osai.snapshot import RepoSnapshot
from osai.textsafe import CONTROL_CHARACTERS, one_line, some_of

# No Hub id is longer (96 characters each side of the slash), nor a huggingface.co address of
# one much longer; a longer value is shown cut, and read as no Hub id.
MAX_BASE_CHARS = 300


@dataclass(frozen=True)
class AdapterBase:
    """The base model an adapter's config names, where (`cited`: the file, its line, the value
    as written, cut), and its Hub id ("" when it is none: a local path)."""

    cited: Provenance
    field: str  # the config's key (base_model_name_or_path)
    hub_id: str
    # the base models the card names, as it writes them, where it names others (else ())
    card_bases: tuple[str, ...] = ()

    @property
    def beside_card(self) -> bool:
        """Whether the card names base models, and not this one."""
        return bool(self.card_bases)

    @property
    def said(self) -> str:
        """How a finding names where it is named: "adapter_config.json base_model_name_or_path"."""
        return f"{self.cited.location} {self.field}"

    @property
    def named_link(self) -> NamedLink:
        """The base model as a link to follow (osai.links.plan): by its Hub id, or as a name
        that is none."""
        return NamedLink(NamedKind.BASE_MODEL, self.cited, self.said, by_id=True)


def adapter_base(
    snapshot: RepoSnapshot, card: CardFacts | None, files: FilePatterns
) -> tuple[AdapterBase | None, tuple[Finding, ...]]:
    """The base model the repository's adapter config names, when its card names none or names
    others (by Hub id); and a note when the config was read and names none osai can take (not
    JSON, no string), unless the card names the base."""
    carded = card.base_models if card is not None else ()
    path = snapshot.top_level_name(files.adapter_config_names)
    if path is None or not files.adapter_base_field:
        return None, ()
    key = files.adapter_base_field
    where = Provenance(snapshot.source, path, "", Certainty.DETECTED)
    text = snapshot.text(path)
    if text is None:  # too large, gated, or not asked for (offline, nothing kept)
        tried = path in snapshot.unreadable and not carded
        return None, ((_no_base(f"{path} could not be read", where),) if tried else ())
    try:
        document = parse_json(text, Path(path))
    except (BadInput, NotRead) as error:
        return None, (() if carded else (_no_base(f"{one_line(str(error), 200)}", where),))
    data = document.data
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip():
        said = "is no JSON object" if not isinstance(data, dict) else _not_a_name(key, value)
        return None, (() if carded else (_no_base(f"{path} {said}", where),))
    hub_id = hub_id_named(value)
    if carded and (not hub_id or hub_id.casefold() in card_base_ids(carded)):
        return None, ()  # the card's own, or a path on the trainer's disk: taken for one of them
    # an id whole (one may be 193 characters), anything else cut: someone else's text
    shown = value.strip() if hub_id else one_line(value, 80)
    cited = Provenance(snapshot.source, path, shown, Certainty.DETECTED, document.line_of(key))
    return AdapterBase(cited, key, hub_id, tuple(base.value for base in carded)), ()


def card_base_ids(carded: tuple[CardField, ...]) -> set[str]:
    """The Hub ids the card's base models give, case-folded (as the Hub compares them)."""
    return {(hub_id_named(base.value) or base.value).casefold() for base in carded}


def hub_id_named(value: str) -> str:
    """The Hub id a value names (an id, or its huggingface.co address), "" when none: one
    reading of a base's name for an adapter's config and a merge's recipe."""
    if len(value) > MAX_BASE_CHARS or CONTROL_CHARACTERS.search(value):
        return ""
    return parse_hub_target(value) or ""


def _not_a_name(key: str, value: object) -> str:
    if value is None:
        return f"names no base model ({key} is absent or null)"
    return f"names no base model ({key} is not a string)"


def _no_base(said: str, where: Provenance) -> Finding:
    message = f"{said}: the base model this adapter was made from is not known"
    return Finding(FindingKind.NOTE, message, (where,))


def adapter_evidence(base: AdapterBase, files: FilePatterns) -> tuple[Fact | None, Finding]:
    """What the adapter's base states: the base-model fact (rules/detection.yaml
    `adapter_config.states_fact`), and a note saying where the base is named (a card naming
    none was read as a model trained from scratch)."""
    named = base.cited.value
    note = f"the adapter's config names its base model ({files.adapter_base_field})"
    fact = (
        Fact(files.adapter_fact, named, replace(base.cited, note=note), field=base.field)
        if files.adapter_fact
        else None
    )
    known = (
        "a base model's licence may bind it"
        if base.hub_id
        else "that is no Hub model id: the base model is not known by a Hub id, and its licence "
        "cannot be read"
    )
    if base.beside_card:
        # the card names another base: two notes, each "derived from" its own, and no word that
        # the two disagree (which is the adapter's base is for its author to say)
        carded = some_of(base.card_bases, 3, 80)
        said = f"derived from {named}, as its {base.said} says, but its card names {carded}"
        message = (
            f"{said}: the two disagree, and osai reads each as a base model whose licence may "
            f"bind it; an adapter, {ADAPTER_NEEDS_BASE}"
        )
        return fact, Finding(FindingKind.WARNING, message, (base.cited,))
    said = f"derived from {named}, as its {base.said} says (the card names no base model)"
    message = f"{said}: {known}; an adapter, {ADAPTER_NEEDS_BASE}"
    return fact, Finding(FindingKind.NOTE, message, (base.cited,))
