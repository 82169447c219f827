"""rules/links.yaml, typed: which linked resources are read, and what they are evidence of."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from osai.errors import RulesError
from osai.hubrefs import hub_organisation, parse_hub_target
from osai.licenses import LicenceKnowledge
from osai.yamlsafe import YamlDocument


def licence_id_patterns(globs: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """Licence id globs as rules write them: `*` matches any run of characters; everything
    else literally, case-insensitively."""
    return tuple(
        re.compile(".*".join(re.escape(part) for part in glob.split("*")), re.IGNORECASE)
        for glob in globs
    )


@dataclass(frozen=True)
class BindingTerm:
    """A term of a licence that binds what is derived from it (rules/links.yaml
    `binding_terms`): held by a licence with one of `tags`, or whose id `patterns` match."""

    term: str
    tags: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    carries: str  # how the term reaches a derivative, in words

    def binds(self, licence_id: str, tags: Iterable[str]) -> bool:
        return bool(self.tags.intersection(tags)) or any(
            p.fullmatch(licence_id) for p in self.patterns
        )


@dataclass(frozen=True)
class RepositoryPaths:
    """Where a repository's name ends in a code host's web address (rules/links.yaml
    `repositories`): after owner/name, or on a host whose groups nest, at a route's segment."""

    nested_hosts: tuple[str, ...]  # host names, `*` a wildcard, lower case
    nested_path_ends: frozenset[str]

    def nests(self, host: str) -> bool:
        return any(fnmatchcase(host, pattern) for pattern in self.nested_hosts)

    def name(self, host: str, parts: list[str]) -> list[str]:
        """The segments of `parts` (a URL's path on `host`) that name the repository."""
        if not self.nests(host):
            return parts[:2]
        end = next((i for i, part in enumerate(parts) if part in self.nested_path_ends), None)
        return parts[:end]


@dataclass(frozen=True)
class LinkingModel:
    """The model whose card (or manifest) links code: its producer (its Hub organisation, or a
    manifest's `producer`) and its Hub id (org/name); "" where not known."""

    producer: str
    model_id: str = ""

    @classmethod
    def of(cls, producer: str, hub_id: str, hub_page: str = "") -> LinkingModel:
        """A release's (or snapshot's), by the Hub id it is known by (a Hub model's, a cache
        snapshot's: RepoSnapshot.hub_id), under its organisation unless the release names its
        producer; another target (a path) only the Hub model its manifest says it describes
        (`huggingface`), and a local path's first part no producer."""
        if hub_id:
            return cls(producer or hub_organisation(hub_id), hub_id)
        return cls(producer, parse_hub_target(hub_page) or "")

    @property
    def names(self) -> frozenset[str]:
        """What rules/links.yaml `own_code_of` may name it by, lower case: its producer, its Hub
        organisation, its Hub id."""
        named = {self.producer}
        if "/" in self.model_id:  # a legacy id ("gpt2") would read as an organisation's name
            named |= {self.model_id, hub_organisation(self.model_id)}
        return frozenset(name.lower() for name in named if name)


@dataclass(frozen=True)
class NamedForModel:
    """rules/links.yaml `documents.named_for_model`: a file no file kind takes whose name is
    the linking model's, where a repository keeps its documents, is a document of the model."""

    component: str
    label: str
    extensions: frozenset[str]  # lower case, no dot
    directories: frozenset[str]  # lower case; the top of the repository always

    def looks_at(self, path: str) -> bool:
        """Whether `path` ("/"-separated) is a file of such an extension at the top or
        directly in one of the directories."""
        parts = path.lower().split("/")
        extension = parts[-1].rsplit(".", 1)[-1] if "." in parts[-1] else ""
        if extension not in self.extensions:
            return False
        return len(parts) == 1 or (len(parts) == 2 and parts[0] in self.directories)


@dataclass(frozen=True)
class Documents:
    """rules/links.yaml `documents`: the components a producer's repository is credited for
    whenever its files hold them, the words of a file's name that name no work, and the files
    named for the model that are its documents."""

    components: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    named_for_model: NamedForModel | None = None


# A card read with no producer known (a local directory): whose code it links is not judged.
UNKNOWN_PRODUCER = LinkingModel("")


@dataclass(frozen=True)
class LinkRules:
    max_links: int
    order: tuple[str, ...]  # kinds of linked resource, most important first
    base_model_depth: int
    owners: Mapping[str, frozenset[str]]  # Hub organisation (lower case) → GitHub owners
    third_party: frozenset[str]  # "owner/repo" or "owner", lower case
    # a listed library → the Hub organisations and model ids whose own code it is, lower case
    own_code: Mapping[str, frozenset[str]]
    binding_terms: tuple[BindingTerm, ...]  # the one list of what binds derivatives
    binding_licences: Mapping[str, str]  # licence id → its own clause that binds derivatives
    implied_roles: Mapping[str, frozenset[str]]  # a role linked for → components it implies
    documents: Documents  # what a producer's repository's files are, whatever it is linked for
    repositories: RepositoryPaths  # where a web address's repository name ends
    # the fact a release declares its base model in (a manifest's declarations.base_model):
    # followed with --follow as a card's base_model is; "" for none
    base_model_fact: str = ""
    # how a card says the model was made from a base (base_model_relation, lower case) that,
    # when it names none, leaves an unread base's licence binding `unnamed_base_component`
    unnamed_base_relations: frozenset[str] = frozenset()
    unnamed_base_component: str = ""
    # base_model_relation (lower case) → how a person says it of the bases ("quantized from")
    relation_words: Mapping[str, str] = field(default_factory=dict)

    def terms_binding(self, licence_id: str, tags: Iterable[str]) -> tuple[BindingTerm, ...]:
        """The terms of the licence (its id, its tags in rules/licenses.yaml) that bind
        derivatives; () when it binds none."""
        held = tuple(tags)
        return tuple(term for term in self.binding_terms if term.binds(licence_id, held))

    def binding_clause(self, licence_id: str, tags: Iterable[str]) -> str | None:
        """Why the licence binds derivatives: its own clause where cited, else how its binding
        terms carry over; None when it binds none."""
        terms = self.terms_binding(licence_id, tags)
        if not terms:
            return None
        return self.binding_licences.get(licence_id) or "; ".join(t.carries for t in terms)

    def implied(self, roles: tuple[str, ...]) -> frozenset[str]:
        """The components the roles a card links a repository for imply (beyond themselves)."""
        return frozenset(c for role in roles for c in self.implied_roles.get(role, ()))

    def owned_by(self, hub_org: str, github_owner: str) -> bool:
        """The GitHub owner is the model's producer (its Hub organisation, or one listed)."""
        org, owner = hub_org.lower(), github_owner.lower()
        return owner == org or owner in self.owners.get(org, frozenset())

    def is_third_party(self, full_name: str) -> bool:
        """Listed as a library others publish (for every model: see `is_own_code`)."""
        return bool(self._listed(full_name))

    def is_own_code(self, full_name: str, model: LinkingModel) -> bool:
        """A listed library that is the linking model's own code: its entry's `own_code_of`
        names the model, or its producer (the code a producer wrote to release its models)."""
        return any(
            self.own_code.get(entry, frozenset()) & model.names for entry in self._listed(full_name)
        )

    def is_producers(self, model: LinkingModel, github_owner: str, names: Iterable[str]) -> bool:
        """The repository (by `names`: as linked, as GitHub answers it) is the model's
        producer's own: a listed library only when it is the model's own code; any other when
        the producer (or an organisation mapped to it) owns it."""
        listed = [name for name in names if self.is_third_party(name)]
        if listed:
            return any(self.is_own_code(name, model) for name in listed)
        return bool(model.producer) and self.owned_by(model.producer, github_owner)

    def _listed(self, full_name: str) -> tuple[str, ...]:
        """The `third_party` entries naming the repository: itself, or its owner."""
        name = full_name.lower()
        candidates = dict.fromkeys((name, name.split("/", 1)[0]))
        return tuple(entry for entry in candidates if entry in self.third_party)


def compile_links(
    document: YamlDocument,
    knowledge: LicenceKnowledge,
    components: set[str],
    facts: set[str] | None = None,
) -> LinkRules:
    """The schema-valid links document compiled; RulesError if it names unknown licences or
    components (or, given the fact vocabulary, an unknown fact)."""
    data = document.data
    base_fact = str(data.get("base_model_fact") or "")
    if facts is not None and base_fact and base_fact not in facts:
        raise RulesError(f"{document.path}: base_model_fact: unknown fact {base_fact}")
    unknown = sorted(i for i in data["binding_licences"] if knowledge.lookup(i) is None)
    if unknown:
        raise RulesError(
            f"{document.path}: binding_licences: unknown licence(s) {', '.join(unknown)}"
        )
    terms = tuple(_binding_term(entry) for entry in data["binding_terms"])
    # a clause cited for a licence no term binds would never be read: the terms decide
    unbound = sorted(
        i
        for i in data["binding_licences"]
        if not any(term.binds(i, knowledge.tags_of(i)) for term in terms)
    )
    if unbound:
        raise RulesError(
            f"{document.path}: binding_licences: a clause cited for {', '.join(unbound)}, "
            "which no term of binding_terms binds"
        )
    implied = data.get("implied_roles") or {}
    named = {role for role in implied} | {c for roles in implied.values() for c in roles}
    if named - components:
        raise RulesError(
            f"{document.path}: implied_roles: unknown component(s) "
            f"{', '.join(sorted(named - components))}"
        )
    unnamed = data.get("unnamed_base") or {}
    if unnamed and unnamed["component"] not in components:
        raise RulesError(f"{document.path}: unnamed_base: unknown component {unnamed['component']}")
    documents = _documents(data.get("documents") or {})
    for_model = documents.named_for_model
    used = documents.components | frozenset([for_model.component] if for_model else [])
    if used - components:
        raise RulesError(
            f"{document.path}: documents: unknown component(s) "
            f"{', '.join(sorted(used - components))}"
        )
    return LinkRules(
        max_links=int(data["max_links"]),
        order=tuple(data["order"]),
        base_model_depth=int(data["base_model_depth"]),
        owners={
            org.lower(): frozenset(owner.lower() for owner in owners)
            for org, owners in data["owners"].items()
        },
        third_party=frozenset(_listed_name(entry) for entry in data["third_party"]),
        own_code={
            _listed_name(entry): frozenset(name.lower() for name in entry["own_code_of"])
            for entry in data["third_party"]
            if isinstance(entry, Mapping)
        },
        binding_terms=terms,
        binding_licences=dict(data["binding_licences"]),
        implied_roles={role: frozenset(found) for role, found in implied.items()},
        documents=documents,
        repositories=_repository_paths(data.get("repositories") or {}),
        base_model_fact=base_fact,
        unnamed_base_relations=frozenset(r.casefold() for r in unnamed.get("relations", ())),
        unnamed_base_component=str(unnamed.get("component", "")),
        relation_words={
            str(k).casefold(): str(v) for k, v in (data.get("relation_words") or {}).items()
        },
    )


def _documents(entry: Mapping[str, Any]) -> Documents:
    named = entry.get("named_for_model")
    return Documents(
        frozenset(entry.get("components") or ()),
        frozenset(entry.get("words") or ()),
        None
        if not named
        else NamedForModel(
            str(named["component"]),
            str(named["label"]),
            frozenset(e.lower() for e in named["extensions"]),
            frozenset(d.lower() for d in named["directories"]),
        ),
    )


def _listed_name(entry: str | Mapping[str, Any]) -> str:
    """A `third_party` entry's repository (or owner): the entry itself, or its `repository`."""
    return str(entry if isinstance(entry, str) else entry["repository"]).lower()


def _repository_paths(entry: Mapping[str, list[str]]) -> RepositoryPaths:
    return RepositoryPaths(
        nested_hosts=tuple(host.lower() for host in entry.get("nested_hosts") or ()),
        nested_path_ends=frozenset(entry.get("nested_path_ends") or ()),
    )


def _binding_term(entry: Mapping[str, Any]) -> BindingTerm:
    return BindingTerm(
        term=str(entry["term"]),
        tags=frozenset(entry.get("tags") or ()),
        patterns=licence_id_patterns(entry.get("ids") or ()),
        carries=str(entry["carries"]),
    )
