"""rules/census.yaml, typed: licence families, open claims, what restricts use, why a
derivative dropping a binding term is a candidate (which terms bind: rules/links.yaml).
Loaded once, validated against its JSON Schema, and cross-checked against the rule set (the
component whose licence the census reports must exist)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from osai.errors import BadInput, RulesError
from osai.paths import rules_dir
from osai.rules import RuleSet
from osai.rules.links import licence_id_patterns
from osai.yamlsafe import load_yaml_file


@dataclass(frozen=True)
class LicenceFamily:
    name: str
    patterns: tuple[re.Pattern[str], ...]

    def holds(self, licence_id: str) -> bool:
        return any(pattern.fullmatch(licence_id) for pattern in self.patterns)


@dataclass(frozen=True)
class CensusRules:
    licence_component: str
    families: tuple[LicenceFamily, ...]
    states: Mapping[str, str]  # licence state (or "none") → family name
    no_licence: tuple[str, ...]  # the families of the licence class "No licence"
    unknown_or_other: tuple[str, ...]  # those of "Licence unknown, other or custom"
    restricted: frozenset[str]
    missing: frozenset[str]
    claim_phrases: re.Pattern[str]
    claim_words: frozenset[str]
    card_fields: tuple[str, ...]
    lineage_basis: str

    def family_of(self, licence_id: str) -> str:
        found = next((f.name for f in self.families if f.holds(licence_id)), None)
        return found if found is not None else licence_id


def load_census_rules(rules: RuleSet) -> CensusRules:
    census = _bundled()
    if census.licence_component not in rules.components:
        raise RulesError(f"rules/census.yaml: unknown component '{census.licence_component}'")
    classed = {*census.no_licence, *census.unknown_or_other}
    unclassed = sorted({family for family in census.states.values() if family not in classed})
    if unclassed:  # it would count as a licence without use restrictions
        said = ", ".join(f"'{family}'" for family in unclassed)
        raise RulesError(
            f"rules/census.yaml: states of family {said} are in neither no_licence nor "
            "unknown_or_other"
        )
    return census


@lru_cache(maxsize=1)
def _bundled() -> CensusRules:
    """osai's own census rules.  Checked against their schema by the tests (`osai rules
    validate`, tests/test_rules.py), not at every start, as every bundled rule file is
    (osai.rules.load): that would import jsonschema."""
    path = rules_dir() / "census.yaml"
    try:
        document = load_yaml_file(path)
    except BadInput as exc:
        raise RulesError(*exc.args) from None
    return _census_rules(document.data)


def _census_rules(data: Mapping[str, Any]) -> CensusRules:
    claims = data["open_claims"]
    phrases = "|".join(re.escape(p) for p in sorted(claims["phrases"], key=len, reverse=True))
    return CensusRules(
        licence_component=data["licence_component"],
        families=tuple(
            LicenceFamily(entry["name"], licence_id_patterns(entry["ids"]))
            for entry in data["families"]
        ),
        states=dict(data["states"]),
        no_licence=tuple(data["no_licence"]),
        unknown_or_other=tuple(data["unknown_or_other"]),
        restricted=frozenset(data["restricted"]),
        missing=frozenset(data["missing"]),
        claim_phrases=re.compile(rf"(?<![\w-])(?:{phrases})(?![\w-])", re.IGNORECASE),
        claim_words=frozenset(word.lower() for word in claims["words"]),
        card_fields=tuple(claims["card_fields"]),
        lineage_basis=" ".join(data["lineage"]["basis"].split()),
    )
