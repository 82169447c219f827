"""Which of a card's links to read, in which order, within the cap (rules/links.yaml).

Pure.  The card links code (GitHub repositories, each with the roles its section, text or URL
names), datasets (`datasets:`, and dataset links in a data section), its own papers (arXiv ids),
and base models (`base_model:`); a manifest names its code repository, an AI BOM its code
repositories and the Hub datasets, arXiv papers and base models it names for the model (both
Release.named_links), each read as a card's link of that kind.  Each becomes a LinkTarget;
the producer's own code comes first, then datasets, papers, the base model, third-party code,
and no more than `max_links` are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from osai.card import CardFacts, CardField, arxiv_reference
from osai.evidence import (
    Certainty,
    Finding,
    FindingKind,
    NamedKind,
    NamedLink,
    Provenance,
    Release,
)
from osai.hubrefs import (
    github_repository,
    hub_model_address,
    is_hub_id,
    parse_hub_dataset_url,
    parse_hub_target,
)
from osai.rules import RuleSet
from osai.rules.links import LinkingModel, LinkRules
from osai.textsafe import one_line


class LinkKind(StrEnum):
    PRODUCER_CODE = "producer-code"
    DATASET = "dataset"
    PAPER = "paper"
    BASE_MODEL = "base-model"
    THIRD_PARTY_CODE = "third-party-code"


@dataclass(frozen=True)
class LinkTarget:
    """A resource to read, and what the card links it for."""

    kind: LinkKind
    id: str  # owner/repo, a dataset id, an arXiv id, a model id
    url: str
    roles: tuple[str, ...] = ()  # the components the card links it for
    role_stated: bool = False  # some link to it names a role (its section, text or URL)
    cited: Provenance | None = None  # where the card (or manifest) links it
    # Code not on the list of third-party libraries, linked by a release whose producer is not
    # known (a local directory with no manifest): osai cannot tell whose it is, so credits
    # nothing and says how to settle it, instead of calling it third-party.
    owner_unknown: bool = False
    # The model the card's code link was judged for (by the URL's owner); None when not judged
    # by owner (a manifest's own repository, an unknown producer).  The repository's answer
    # names its owner now: osai.links.plan.as_answered judges again.
    judged_for: LinkingModel | None = None
    # Where the card first links it for each of its roles: `cited` is its first mention, which
    # may name another role (Pythia's line 32 speaks of training, its line 101 of evaluation).
    cited_for_roles: tuple[tuple[str, Provenance], ...] = ()
    # Where a file other than the card names it ("named in adapter_config.json
    # base_model_name_or_path, line 3"): the link followed says so, "" for a card's link.
    named_in: str = ""

    @property
    def citation(self) -> Provenance:
        """Where the card (or manifest) links it, else the link itself."""
        return self.cited or Provenance("links", self.url, "", Certainty.DETECTED)

    def cited_for(self, roles: Iterable[str]) -> Provenance | None:
        """Where the card first links it for one of `roles`, else where it first links it."""
        wanted = set(roles)
        found = [cited for role, cited in self.cited_for_roles if role in wanted]
        return min(found, key=lambda cited: cited.line or 0) if found else self.cited


CODE_KINDS = frozenset({LinkKind.PRODUCER_CODE, LinkKind.THIRD_PARTY_CODE})


@dataclass(frozen=True)
class NotAnId:
    """A name the card gives (base_model, datasets) that no Hub repository can have: never sent
    to the Hub (its client refused it, reported as a malformed answer) nor listed as a link.

    `named`: one the release names itself (an AI BOM's) at an address off the Hub, or at none:
    no card's slip.  A dataset elsewhere is not warned of, but it is one of the datasets whose
    licence no link read; a base model elsewhere is, as a card's (its licence may bind)."""

    kind: LinkKind
    field: str  # the card's key, or how the release names it ("data component")
    value: str  # as the card gives it: someone else's text, cut before it is shown
    cited: Provenance
    named: bool = False
    # named by what should be a Hub id in the release's own files (an adapter's config): a
    # base model that is none (a local path) is not known by one, and its licence not read
    by_id: bool = False

    @property
    def where(self) -> Provenance:
        """Where it is given, its value cut: someone else's text."""
        return replace(self.cited, value=one_line(self.cited.value, 80))

    @property
    def unread(self) -> str:
        """Why it is not read."""
        if self.kind is LinkKind.DATASET:
            return "not on the Hub" if self.named else "not a Hub dataset id"
        if self.named and not self.by_id:  # an address, or the name of what gives none
            return "names no Hub model (a huggingface.co address or a pkg:huggingface purl)"
        return "not a Hub model id"

    @property
    def warned(self) -> bool:
        """A card's slip, or a base model (its licence may bind): not a dataset a BOM names
        elsewhere (the datasets' evidence counts it among those not read), nor a base model an
        adapter's config names by a path (the release's note says so: no one's slip)."""
        return not (self.named and self.kind is LinkKind.DATASET) and not self.by_id


@dataclass(frozen=True)
class LinkPlan:
    targets: tuple[LinkTarget, ...]
    left_out: tuple[LinkTarget, ...] = ()  # beyond the cap
    not_ids: tuple[NotAnId, ...] = ()


def release_plan(
    release: Release, card: CardFacts | None, rules: RuleSet, max_links: int | None = None
) -> LinkPlan:
    """The resources the release names itself (Release.named_links: a manifest's repository;
    an AI BOM's code repositories, datasets, papers and base models) and its card's links, its
    producer being its own or its Hub organisation."""
    linking = LinkingModel.of(release.producer, release.hub_id, release.hub_page)
    named, source = release.named_links, release.source
    targets = [
        *_named_targets(named, linking, rules),
        *(_code_targets(card, linking, source, rules.links) if card is not None else ()),
        *(_dataset_targets(card, source) if card is not None else ()),
        *(_paper_targets(card, source) if card is not None else ()),
        *(_base_model_targets(card, source) if card is not None else ()),
    ]
    seen: set[tuple[LinkKind, str]] = set()
    unique = []
    for target in targets:  # the first mention of a resource is the one kept
        key = (target.kind, target.id.lower())
        if key not in seen:
            seen.add(key)
            unique.append(target)
    ordered = sorted(unique, key=lambda t: rules.links.order.index(t.kind.value))
    cap = rules.links.max_links if max_links is None else max_links
    not_ids = (*_named_not_ids(named), *(_not_ids(card, source) if card is not None else ()))
    return LinkPlan(tuple(ordered[:cap]), tuple(ordered[cap:]), not_ids)


def not_id_warnings(plan: LinkPlan) -> tuple[Finding, ...]:
    """A warning for each name the plan could not read that is worth one (NotAnId.warned)."""
    return tuple(
        Finding(
            FindingKind.WARNING,
            f"{name.field} '{one_line(name.value, 80)}' {_predicate(name.unread)}: not read",
            (name.where,),
        )
        for name in plan.not_ids
        if name.warned
    )


def _predicate(unread: str) -> str:
    """Why a name is not read, as its warning says it ("is not a Hub model id")."""
    return unread if unread.startswith("names ") else f"is {unread}"


def as_answered(target: LinkTarget, owner: str, full_name: str, rules: LinkRules) -> LinkTarget:
    """The code link judged by whose repository GitHub says it is (`owner`, `full_name`), not by
    the owner its URL names: a repository transferred out of the producer's organisation is no
    longer its release, one transferred into it is."""
    if target.judged_for is None or target.kind not in CODE_KINDS:
        return target
    kind = _code_kind(target.judged_for, owner, (full_name, target.id), rules)
    return target if kind is target.kind else replace(target, kind=kind)


def _code_kind(
    linking: LinkingModel, owner: str, names: Iterable[str], rules: LinkRules
) -> LinkKind:
    """The producer's code when it is the producer's own (rules/links.yaml: its organisation,
    or one mapped to it, owns a repository that is no third-party library, or a listed library
    is the model's own code); else a third party's."""
    own = rules.is_producers(linking, owner, names)
    return LinkKind.PRODUCER_CODE if own else LinkKind.THIRD_PARTY_CODE


def _named_targets(
    named_links: Iterable[NamedLink], linking: LinkingModel, rules: RuleSet
) -> Iterator[LinkTarget]:
    """The resources the release names itself, each read as a card's link of that kind: a code
    repository on GitHub as the producer's (unless it is a third-party library, rules/links.yaml
    `third_party`, which never releases a component of the model whose own code it is not,
    `own_code_of`); a dataset or a base model at its Hub address (one elsewhere is no Hub id:
    _named_not_ids); a paper at its arXiv address (another paper is not read, as a card's is
    not)."""
    for named in named_links:
        cited, address = named.cited, named.cited.value
        if named.kind is NamedKind.CODE:
            name = github_repository(address)
            if name is not None:
                yield _declared_repository(name, cited, linking, rules.links)
        elif named.kind is NamedKind.PAPER:
            reference = arxiv_reference(address, rules.detection.card)
            if reference is not None:
                yield _paper_target(reference, named.component, cited)
        elif (hub_id := _named_hub_id(named)) is not None:
            if named.kind is NamedKind.DATASET:
                yield _dataset_target(hub_id, cited)
            else:
                yield _base_model_target(hub_id, cited, _named_in(named))


def _named_not_ids(named_links: Iterable[NamedLink]) -> Iterator[NotAnId]:
    """The datasets and base models the release names at an address off the Hub, or at none."""
    for named in named_links:
        if named.kind in _ON_THE_HUB and _named_hub_id(named) is None:
            kind = _ON_THE_HUB[named.kind]
            value = named.cited.value
            yield NotAnId(kind, named.said, value, named.cited, named=True, by_id=named.by_id)


_ON_THE_HUB = {NamedKind.DATASET: LinkKind.DATASET, NamedKind.BASE_MODEL: LinkKind.BASE_MODEL}


def _named_hub_id(named: NamedLink) -> str | None:
    """The Hub id of a dataset or base model the release names, from its Hub address."""
    if named.kind is NamedKind.DATASET:
        return parse_hub_dataset_url(named.cited.value)
    if named.by_id:  # an adapter's config: an id, or its huggingface.co address
        return parse_hub_target(named.cited.value)
    return hub_model_address(named.cited.value)


def _declared_repository(
    name: str, cited: Provenance, linking: LinkingModel, rules: LinkRules
) -> LinkTarget:
    """A code repository the release names: the producer's, unless a third-party library."""
    third = rules.is_third_party(name) and not rules.is_own_code(name, linking)
    kind = LinkKind.THIRD_PARTY_CODE if third else LinkKind.PRODUCER_CODE
    return LinkTarget(kind, name, f"https://github.com/{name}", (), False, cited)


def _code_targets(
    card: CardFacts, linking: LinkingModel, source: str, rules: LinkRules
) -> Iterator[LinkTarget]:
    by_repo: dict[str, list[tuple[str, tuple[str, ...], int]]] = {}
    for link in card.code_links:
        name = github_repository(link.url)
        if name is not None:
            by_repo.setdefault(name, []).append((link.url, link.topics, link.line))
    for name, links in by_repo.items():
        kind = _code_kind(linking, name.split("/", 1)[0], (name,), rules)
        roles = tuple(dict.fromkeys(topic for _, topics, _ in links for topic in topics))
        first = min(links, key=lambda item: item[2])
        cited = Provenance(source, card.path, first[0], Certainty.DETECTED, first[2])
        # "our code", linked with no role: its files say what it is (inferred, not detected)
        role_stated = bool(roles)
        unknown = not linking.producer and not rules.is_third_party(name)
        judged_for = linking if linking.producer else None
        url = f"https://github.com/{name}"
        yield LinkTarget(
            kind,
            name,
            url,
            roles,
            role_stated,
            cited,
            unknown,
            judged_for,
            _role_citations(links, card.path, source),
        )


def _role_citations(
    links: Iterable[tuple[str, tuple[str, ...], int]], path: str, source: str
) -> tuple[tuple[str, Provenance], ...]:
    """Each role the card links a repository for, with its first link for that role."""
    by_role: dict[str, Provenance] = {}
    for url, topics, line in sorted(links, key=lambda item: item[2]):
        for role in topics:
            by_role.setdefault(role, Provenance(source, path, url, Certainty.DETECTED, line))
    return tuple(by_role.items())


def _dataset_id(value: str) -> str | None:
    """A dataset's repository id (a legacy one, `c4`, too), from the id or its Hub page's
    address (`https://huggingface.co/datasets/allenai/dolma`, as some cards give it), or None."""
    return value if is_hub_id(value) else parse_hub_dataset_url(value)


def _not_ids(card: CardFacts, source: str) -> Iterator[NotAnId]:
    named = (
        *((LinkKind.DATASET, f) for f in card.datasets if _dataset_id(f.value) is None),
        *((LinkKind.BASE_MODEL, f) for f in card.base_models if parse_hub_target(f.value) is None),
    )
    for kind, field in named:
        yield NotAnId(kind, field.key, field.value, _field_cited(card, source, field))


def _field_cited(card: CardFacts, source: str, field: CardField) -> Provenance:
    return Provenance(
        source, card.metadata_key or card.path, field.value, Certainty.DETECTED, field.line
    )


def _dataset_targets(card: CardFacts, source: str) -> Iterator[LinkTarget]:
    for field in card.datasets:
        dataset_id = _dataset_id(field.value)
        if dataset_id is None:
            continue
        yield _dataset_target(dataset_id, _field_cited(card, source, field))
    for link in card.dataset_links:
        if link.training:
            cited = Provenance(source, card.path, link.dataset_id, Certainty.DETECTED, link.line)
            yield _dataset_target(link.dataset_id, cited)


def _dataset_target(dataset_id: str, cited: Provenance) -> LinkTarget:
    """A dataset the model was trained on: the Datasets component's."""
    url = f"https://huggingface.co/datasets/{dataset_id}"
    return LinkTarget(LinkKind.DATASET, dataset_id, url, ("datasets",), True, cited)


def _paper_targets(card: CardFacts, source: str) -> Iterator[LinkTarget]:
    for paper in card.papers:
        if paper.component and paper.reference.startswith("arXiv:"):
            # as surely as the card makes it the model's paper: reading it says no more
            cited = Provenance(source, card.path, paper.reference, paper.ownership, paper.line)
            yield _paper_target(paper.reference, paper.component, cited)


def _paper_target(reference: str, component: str, cited: Provenance) -> LinkTarget:
    """The model's own paper (`reference`: arXiv:ID), read for `component` (its research paper
    or technical report)."""
    arxiv_id = reference.removeprefix("arXiv:")
    url = f"https://arxiv.org/abs/{arxiv_id}"
    return LinkTarget(LinkKind.PAPER, arxiv_id, url, (component,), True, cited)


def _base_model_targets(card: CardFacts, source: str) -> Iterator[LinkTarget]:
    for field in card.base_models:
        model_id = parse_hub_target(field.value)  # an id, or a huggingface.co URL naming one
        if model_id is not None:
            yield _base_model_target(model_id, _field_cited(card, source, field))


def _base_model_target(model_id: str, cited: Provenance, named_in: str = "") -> LinkTarget:
    url = f"https://huggingface.co/{model_id}"
    return LinkTarget(LinkKind.BASE_MODEL, model_id, url, (), True, cited, named_in=named_in)


def _named_in(named: NamedLink) -> str:
    """Where a release's own file names a base model by its id (an adapter's config), as the
    link followed says it; "" for an address a BOM gives (the BOM is the target)."""
    if not named.by_id:
        return ""
    line = f", line {named.cited.line}" if named.cited.line else ""
    return f"named in {named.said}{line}"
