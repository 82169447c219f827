"""What a BOM's model card says beyond osai's own properties: the task, the architecture, and
the datasets named by their ids.

Each comes from evidence osai already holds, and only where that evidence says it: the task is
the Hub pipeline tag a card (or the Hub) gives, the architecture the classes a model config names,
a dataset's id a Hub dataset the evidence links to or a card lists.  A fact stated any other way
(a manifest's words, a card's section title) is not a task or an architecture, so nothing is
written for it: the osai:fact properties still carry it.  A BOM read states them as its model
card does (Release.task, Release.architecture), and a BOM written of it states them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from osai.evidence import ComponentEvidence, Fact, Release
from osai.hubrefs import is_hub_id, parse_hub_dataset_url

HUB_URL = "https://huggingface.co"
# The component the Hub's named datasets stand for: a card's `datasets` and the dataset links
# osai follows are its training data (osai.links.plan targets them at this component).
TRAINING_DATASETS = "datasets"
_DATASET_LINK = "dataset"  # FollowedLink.kind of a dataset read on the Hub
_DATASET_CARDS = "hub-dataset"  # the source osai.links.evidence cites datasets' own cards as
_MAX_NAME = 200  # a task or class name longer than this, from someone's card, is not one
_SOURCES_OF_CARDS = ("hub", "local")  # where a card's metadata (or the Hub's) is read


@dataclass(frozen=True)
class ModelParameters:
    """CycloneDX modelCard.modelParameters' task and modelArchitecture ("" when not known)."""

    task: str = ""
    architecture: str = ""


@dataclass(frozen=True)
class NamedDataset:
    """One dataset the evidence names by its Hub id."""

    id: str
    url: str


def model_parameters(release: Release) -> ModelParameters:
    """What the evidence says, else what the BOM read states (Release.task, .architecture)."""
    task = _task(release) or _named(release.task)
    return ModelParameters(task, _architecture(release) or _named(release.architecture))


def _named(text: str) -> str:
    """A task or class name as someone's card or BOM gives it: "" when too long to be one."""
    named = text.strip()
    return named if len(named) <= _MAX_NAME else ""


def _task(release: Release) -> str:
    """The pipeline tag, where a card's metadata (or the Hub, standing in for it) gave a fact."""
    for fact in release.facts.values():
        if _from_card_field(fact, "pipeline_tag"):
            return _named(fact.value)
    return ""


def _architecture(release: Release) -> str:
    """The classes a model config names (`architectures`), where osai read one."""
    read = [f for f in release.facts.values() if f.provenance.source in _SOURCES_OF_CARDS]
    if not read:  # a manifest's or a BOM's facts: no model config was read (nor imported)
        return ""
    from osai.extract.model_config import ARCHITECTURES_FIELD, architecture_classes

    for fact in read:
        if fact.provided and fact.field == ARCHITECTURES_FIELD:
            return _named(architecture_classes(fact.value.strip()))
    return ""


def _from_card_field(fact: Fact, field: str) -> bool:
    """`fact` is the value of a card's metadata `field` as detection read it (a manifest's or a
    BOM's fact of the same key names no field)."""
    return fact.provided and fact.field == field and fact.provenance.source in _SOURCES_OF_CARDS


def named_datasets(release: Release, evidence: ComponentEvidence) -> tuple[NamedDataset, ...]:
    """The Hub datasets the evidence names for a released dataset component, its location's
    first: its location, its files (a manifest's component_path list, a BOM's components), and
    for the training datasets, those osai found on the Hub (under their current ids), those whose
    Hub page could not be read (as the card names them), or with no link followed, the card's
    `datasets`.  One the Hub has no page for is a broken reference, not a dataset.  Each is under
    the component's licence (what its source stated for the datasets), so none when that licence
    is several datasets' own combined."""
    urls = [evidence.location, *evidence.files]
    cards = [p for p in evidence.provenance if p.source == _DATASET_CARDS]
    links = [link for link in release.links if link.kind == _DATASET_LINK]
    if evidence.component == TRAINING_DATASETS:
        urls += [p.location for p in cards] + [link.url for link in links if not link.read]
    ids = [found for url in urls if (found := parse_hub_dataset_url(url))]
    if evidence.component == TRAINING_DATASETS and not links:
        ids += _card_datasets(release)
    unique = list(dict.fromkeys(ids))
    licence = evidence.licence
    combined = licence is not None and licence.provenance.source == _DATASET_CARDS
    if len(unique) > 1 and combined and len({p.value for p in cards}) > 1:
        # The licence is the datasets' own different ones combined (a AND b): no one of them is
        # under it, and the Release keeps no dataset's own, so the datasets stay one component.
        return ()
    return tuple(NamedDataset(name, f"{HUB_URL}/datasets/{name}") for name in unique)


def _card_datasets(release: Release) -> list[str]:
    """The dataset ids a card's `datasets` lists (the fact it states from that field)."""
    for fact in release.facts.values():
        if _from_card_field(fact, "datasets"):
            names = (name.strip() for name in fact.value.split(","))
            return [name for name in names if is_hub_id(name)]
    return []
