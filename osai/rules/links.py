"""rules/links.yaml, typed: which linked resources are read, and what they are evidence of."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from osai.errors import RulesError
from osai.licenses import LicenceKnowledge
from osai.yamlsafe import YamlDocument


@dataclass(frozen=True)
class LinkRules:
    max_links: int
    order: tuple[str, ...]  # kinds of linked resource, most important first
    base_model_depth: int
    owners: Mapping[str, frozenset[str]]  # Hub organisation (lower case) → GitHub owners
    third_party: frozenset[str]  # "owner/repo" or "owner", lower case
    binding_licences: Mapping[str, str]  # licence id → the clause that binds derivatives

    def owned_by(self, hub_org: str, github_owner: str) -> bool:
        """The GitHub owner is the model's producer (its Hub organisation, or one listed)."""
        org, owner = hub_org.lower(), github_owner.lower()
        return owner == org or owner in self.owners.get(org, frozenset())

    def is_third_party(self, full_name: str) -> bool:
        name = full_name.lower()
        return name in self.third_party or name.split("/", 1)[0] in self.third_party


def compile_links(document: YamlDocument, knowledge: LicenceKnowledge) -> LinkRules:
    data = document.data
    unknown = sorted(i for i in data["binding_licences"] if knowledge.lookup(i) is None)
    if unknown:
        raise RulesError(
            f"{document.path}: binding_licences: unknown licence(s) {', '.join(unknown)}"
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
    )
