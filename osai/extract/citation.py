"""CITATION.cff: its preferred citation, if a paper or a report, and that work's licence."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from osai.detection import DetectionRules
from osai.errors import BadInput
from osai.evidence import Certainty, Finding, FindingKind, LicenceFact, Presence, Provenance
from osai.extract.observations import Observation
from osai.snapshot import RepoSnapshot
from osai.yamlsafe import parse_yaml


def citation_observations(
    snapshot: RepoSnapshot, rules: DetectionRules
) -> tuple[tuple[Observation, ...], tuple[Finding, ...]]:
    name = snapshot.top_level_name(rules.files.citation_names)
    text = snapshot.text(name) if name is not None else None
    if name is None or text is None:
        return (), ()
    try:
        # someone else's file: a `.nan` somewhere is no reason to set its citation aside
        document = parse_yaml(text, Path(name), non_finite_absent=True)
    except BadInput as exc:
        reason = str(exc).split(": ", 1)[-1]
        where = Provenance(snapshot.source, name, "", Certainty.DETECTED)
        return (), (Finding(FindingKind.WARNING, f"{name}: {reason}", (where,)),)
    data = document.data if isinstance(document.data, dict) else {}
    cited = data.get("preferred-citation")
    if not isinstance(cited, dict) or str(cited.get("type")) not in rules.citation_types:
        return (), ()
    provenance = Provenance(
        snapshot.source,
        name,
        _citation_value(cited),
        Certainty.DETECTED,
        document.line_of("preferred-citation"),
        "its preferred citation",  # after its location, CITATION.cff:9: not named twice
    )
    line = document.line_of("preferred-citation", "license")
    licence = _citation_licence(cited, name, line, snapshot.source)
    component = rules.citation_types[str(cited["type"])]
    return (Observation(component, Presence.PRESENT, provenance, None, licence),), ()


def _citation_value(cited: Mapping[str, Any]) -> str:
    title = str(cited.get("title") or "").strip()
    where = cited.get("doi") or cited.get("url") or ""
    return f"{title} ({where})" if title and where else title or str(where) or str(cited["type"])


def _citation_licence(
    cited: Mapping[str, Any], name: str, line: int | None, source: str
) -> LicenceFact | None:
    licence = cited.get("license")
    if isinstance(licence, list):
        licence = " AND ".join(str(item) for item in licence)
    if not isinstance(licence, str) or not licence.strip():
        return None
    note = "the licence CITATION.cff gives the cited work"
    provenance = Provenance(source, name, licence.strip(), Certainty.DETECTED, line, note)
    return LicenceFact(licence.strip(), provenance)
