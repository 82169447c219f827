"""rules/detection.yaml, typed and compiled once: what osai recognises in a repository and a card.

The rule set holds one `DetectionRules` (osai.rules loads it); the backends and the extraction
read only this object, never the YAML.  Every component the file names is checked against the
vocabulary here, in one place, so `osai rules validate` and the loader cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from osai.detection.card import (
    AccessRule,
    CardPatterns,
    card_components,
    card_facts,
    card_restrictions,
    compile_card,
)
from osai.detection.files import (
    Checkpoints,
    CitationOrder,
    FileKind,
    FilePatterns,
    LicenceFileRule,
    Limits,
    compile_checkpoints,
    compile_files,
)
from osai.detection.licence_text import LicenceMatch, LicencePatterns, compile_licence_text
from osai.errors import RulesError
from osai.yamlsafe import YamlDocument


@dataclass(frozen=True)
class ArchitectureLibrary:
    """A library whose code implements the architectures of the configs it recognises."""

    library: str
    requires_keys: tuple[str, ...]
    unless_keys: tuple[str, ...]
    licence: str
    url: str = ""

    def implements(self, config: Mapping[str, Any], library_name: str | None = None) -> bool:
        """The config's architecture is this library's: the host names it (`library_name`), or
        the config has its keys; never when the config ships its own code (`unless_keys`)."""
        if library_name is not None:
            chosen = self.library == library_name
        else:
            chosen = all(key in config for key in self.requires_keys)
        return chosen and not any(key in config for key in self.unless_keys)


@dataclass(frozen=True)
class DetectionRules:
    files: FilePatterns
    checkpoints: Checkpoints
    licence_text: LicencePatterns
    card: CardPatterns
    architecture_libraries: tuple[ArchitectureLibrary, ...]
    citation_types: Mapping[str, str]  # CITATION.cff preferred-citation type → component
    licence_inheritance: Mapping[str, tuple[str, ...]]
    release_licence_covers: frozenset[str]
    absent_when_not_found: frozenset[str]
    conflict_open_set: str  # between two contradicting licences, one in this set is the looser
    # Content types whose components may be released in several repositories: two licences,
    # each from its own repository, are two releases, not a contradiction.
    separate_releases: tuple[str, ...] = ()
    # Licence states that, said by a public assessment, may only mean no licence was stated:
    # beside a licence another source states, they yield to it (osai.sources.merge).
    assessed_unstated: frozenset[str] = frozenset()
    # Components whose own declared licence stands over the release's it would inherit, even a
    # more restrictive one (osai.sources.merge)
    own_licence_stands: frozenset[str] = frozenset()

    @property
    def limits(self) -> Limits:
        return self.files.limits

    def architecture_library(
        self, config: Mapping[str, Any], library_name: str | None = None
    ) -> ArchitectureLibrary | None:
        return next(
            (lib for lib in self.architecture_libraries if lib.implements(config, library_name)),
            None,
        )


def compile_detection(
    document: YamlDocument,
    components: set[str],
    facts: set[str] | None = None,
    restrictions: set[str] | None = None,
) -> DetectionRules:
    """The schema-valid detection document compiled; RulesError if it names unknown components
    (or, given the fact vocabulary, unknown facts; given rules/licenses.yaml's restriction
    categories, unknown ones)."""
    data = document.data
    unknown = sorted(named_components(data) - components)
    if unknown:
        raise RulesError(f"{document.path}: unknown component(s): {', '.join(unknown)}")
    unknown_restrictions = sorted(card_restrictions(data["card"]) - (restrictions or set()))
    if restrictions is not None and unknown_restrictions:
        raise RulesError(
            f"{document.path}: unknown restriction categor"
            f"{'y' if len(unknown_restrictions) == 1 else 'ies'}: {', '.join(unknown_restrictions)}"
        )
    stated = {kind["states_fact"] for kind in data["file_kinds"] if kind.get("states_fact")}
    stated |= {data["adapter_config"]["states_fact"]} if data.get("adapter_config") else set()
    stated |= {(data.get("merge_config") or {}).get("states_fact")} - {None}
    named_facts = card_facts(data["card"], data.get("access")) | stated
    kinds = {kind["kind"] for kind in data["file_kinds"]}
    runs = (data.get("entry_points") or {}).get("runs") or ()
    earlier = (data.get("citation_order") or {}).get("earlier") or {}
    unknown_kinds = sorted(({k for rule in runs for k in rule["shown_by"]} | set(earlier)) - kinds)
    if unknown_kinds:
        raise RulesError(f"{document.path}: unknown file kind(s): {', '.join(unknown_kinds)}")
    unknown_facts = sorted(named_facts - (facts or set()))
    if facts is not None and unknown_facts:
        raise RulesError(f"{document.path}: unknown fact(s): {', '.join(unknown_facts)}")
    return DetectionRules(
        files=compile_files(data),
        checkpoints=compile_checkpoints(data["checkpoints"]),
        licence_text=compile_licence_text(data),
        card=compile_card(data["card"], data.get("access")),
        architecture_libraries=tuple(
            ArchitectureLibrary(
                entry["library"],
                tuple(entry["requires_keys"]),
                tuple(entry.get("unless_keys") or ()),
                str(entry["licence"]),
                str(entry.get("url") or ""),
            )
            for entry in data.get("architecture_libraries") or ()
        ),
        citation_types=dict((data.get("citation") or {}).get("component_by_type") or {}),
        licence_inheritance={
            content_type: tuple(order)
            for content_type, order in (data.get("licence_inheritance") or {}).items()
        },
        release_licence_covers=frozenset(data.get("release_licence_covers") or ()),
        absent_when_not_found=frozenset(data.get("absent_when_not_found") or ()),
        conflict_open_set=str(data["conflicts"]["open_set"]),
        separate_releases=tuple(data["conflicts"].get("separate_releases") or ()),
        assessed_unstated=frozenset(data["conflicts"].get("assessed_unstated") or ()),
        own_licence_stands=frozenset(data["conflicts"].get("own_licence_stands") or ()),
    )


def named_components(data: Mapping[str, Any]) -> set[str]:
    """Every component the detection rules name."""
    named = {
        kind[key]
        for kind in data["file_kinds"]
        for key in ("component", "in_checkpoint")
        if key in kind
    }
    named |= {
        component
        for entry in data["licence_files"]
        if entry["covers"] != "repository"
        for component in entry["covers"]
    }
    named |= card_components(data["card"])
    named |= {rule["component"] for rule in (data.get("entry_points") or {}).get("runs") or ()}
    named.add(data["checkpoints"]["component"])
    named |= set(data.get("release_licence_covers") or ())
    named |= set(data.get("absent_when_not_found") or ())
    named |= set(((data.get("citation") or {}).get("component_by_type") or {}).values())
    named |= set(data["conflicts"].get("own_licence_stands") or ())
    return named


__all__ = [
    "AccessRule",
    "ArchitectureLibrary",
    "CardPatterns",
    "Checkpoints",
    "CitationOrder",
    "DetectionRules",
    "FileKind",
    "FilePatterns",
    "LicenceFileRule",
    "LicenceMatch",
    "LicencePatterns",
    "Limits",
    "compile_detection",
    "named_components",
]
