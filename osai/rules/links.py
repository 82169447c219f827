"""rules/links.yaml, typed: which linked resources are read, and what they are evidence of."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

from osai.errors import RulesError
from osai.licenses import LicenceKnowledge
from osai.yamlsafe import YamlDocument


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
class LinkRules:
    max_links: int
    order: tuple[str, ...]  # kinds of linked resource, most important first
    base_model_depth: int
    owners: Mapping[str, frozenset[str]]  # Hub organisation (lower case) → GitHub owners
    third_party: frozenset[str]  # "owner/repo" or "owner", lower case
    binding_licences: Mapping[str, str]  # licence id → the clause that binds derivatives
    implied_roles: Mapping[str, frozenset[str]]  # a role linked for → components it implies
    repositories: RepositoryPaths  # where a web address's repository name ends

    def implied(self, roles: tuple[str, ...]) -> frozenset[str]:
        """The components the roles a card links a repository for imply (beyond themselves)."""
        return frozenset(c for role in roles for c in self.implied_roles.get(role, ()))

    def owned_by(self, hub_org: str, github_owner: str) -> bool:
        """The GitHub owner is the model's producer (its Hub organisation, or one listed)."""
        org, owner = hub_org.lower(), github_owner.lower()
        return owner == org or owner in self.owners.get(org, frozenset())

    def is_third_party(self, full_name: str) -> bool:
        name = full_name.lower()
        return name in self.third_party or name.split("/", 1)[0] in self.third_party


def compile_links(
    document: YamlDocument, knowledge: LicenceKnowledge, components: set[str]
) -> LinkRules:
    data = document.data
    unknown = sorted(i for i in data["binding_licences"] if knowledge.lookup(i) is None)
    if unknown:
        raise RulesError(
            f"{document.path}: binding_licences: unknown licence(s) {', '.join(unknown)}"
        )
    implied = data.get("implied_roles") or {}
    named = {role for role in implied} | {c for roles in implied.values() for c in roles}
    if named - components:
        raise RulesError(
            f"{document.path}: implied_roles: unknown component(s) "
            f"{', '.join(sorted(named - components))}"
        )
    return LinkRules(
        max_links=int(data["max_links"]),
        order=tuple(data["order"]),
        base_model_depth=int(data["base_model_depth"]),
        owners={
            org.lower(): frozenset(owner.lower() for owner in owners)
            for org, owners in data["owners"].items()
        },
        third_party=frozenset(name.lower() for name in data["third_party"]),
        binding_licences=dict(data["binding_licences"]),
        implied_roles={role: frozenset(found) for role, found in implied.items()},
        repositories=_repository_paths(data.get("repositories") or {}),
    )


def _repository_paths(entry: Mapping[str, list[str]]) -> RepositoryPaths:
    return RepositoryPaths(
        nested_hosts=tuple(host.lower() for host in entry.get("nested_hosts") or ()),
        nested_path_ends=frozenset(entry.get("nested_path_ends") or ()),
    )
