"""Declared facts meet detected ones: a manifest (or another declared source) and a release.

- where one side knows nothing, the other side's knowledge stands;
- where they contradict, osai keeps the more restrictive fact (not released over released; of two
  licences, the one outside rules/detection.yaml `conflicts.open_set`, or none, over the one in it)
  and records a CONFLICT finding, so a report never passes a release on the more generous of two
  contradicting statements.
"""

from __future__ import annotations

from dataclasses import replace

from osai.evidence import (
    ComponentEvidence,
    Fact,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Release,
)
from osai.licenses import LicenceKnowledge, LicenceState, judge, normalised_licence, parse_licence
from osai.rules import RuleSet
from osai.verdict import Status


def merge_releases(declared: Release, detected: Release, rules: RuleSet) -> Release:
    """One release from a manifest (declared) and a scan (detected) of the same model.

    Declared facts stand where detection found nothing; detected facts fill what the manifest
    leaves unknown; where the two contradict, the more restrictive fact stays and a CONFLICT
    finding says so.
    """
    findings: list[Finding] = []
    components = {
        component_id: _merge_component(
            declared.component(component_id), detected.component(component_id), rules, findings
        )
        for component_id in rules.components
    }
    facts: dict[str, Fact] = {**detected.facts, **declared.facts}
    return Release(
        target=detected.target,
        source=detected.source,
        name=declared.name or detected.name,
        producer=declared.producer or detected.producer,
        version=declared.version or detected.version,
        revision=detected.revision or declared.revision,
        components=components,
        facts=facts,
        findings=(*declared.findings, *detected.findings, *findings),
        document=declared.document or detected.document,
        repository=declared.repository or detected.repository,
        base_models=detected.base_models or declared.base_models,
        links=(*detected.links, *declared.links),
        licence=declared.licence or detected.licence,
    )


def _merge_component(
    declared: ComponentEvidence,
    detected: ComponentEvidence,
    rules: RuleSet,
    findings: list[Finding],
) -> ComponentEvidence:
    if detected.presence is Presence.UNKNOWN:
        return _with_covering_licence(declared, detected)
    if declared.presence is Presence.UNKNOWN:
        return detected
    if declared.presence is not detected.presence:
        return _presence_conflict(declared, detected, rules, findings)
    provenance = (*declared.provenance, *detected.provenance)
    if declared.presence is Presence.ABSENT:
        return replace(declared, provenance=provenance)
    licence = _merge_licence(declared, detected, rules, findings)
    location = declared.location or detected.location
    files = declared.files or detected.files
    return ComponentEvidence(
        declared.component, Presence.PRESENT, provenance, licence, location, files
    )


def _with_covering_licence(
    declared: ComponentEvidence, unseen: ComponentEvidence
) -> ComponentEvidence:
    """What the manifest says, with the licence the repository declares for the component when
    the manifest gives it none (detection did not see the component, but knows its licence)."""
    if declared.presence is Presence.ABSENT or declared.licence is not None:
        return declared
    return replace(declared, licence=unseen.licence)


def _presence_conflict(
    declared: ComponentEvidence,
    detected: ComponentEvidence,
    rules: RuleSet,
    findings: list[Finding],
) -> ComponentEvidence:
    absent, present = (
        (declared, detected) if declared.presence is Presence.ABSENT else (detected, declared)
    )
    name = rules.components[declared.component].name
    message = (
        f"{name}: {_who(absent)} says not released ({_first(absent)}), but {_who(present)} "
        f"found it ({_first(present)}); osai keeps 'not released' - correct whichever is wrong"
    )
    findings.append(
        Finding(
            FindingKind.CONFLICT,
            message,
            (*absent.provenance[:1], *present.provenance[:1]),
            declared.component,
        )
    )
    return absent


def _merge_licence(
    declared: ComponentEvidence,
    detected: ComponentEvidence,
    rules: RuleSet,
    findings: list[Finding],
) -> LicenceFact | None:
    ours, theirs = declared.licence, detected.licence
    if ours is None or theirs is None:
        return ours or theirs
    knowledge = rules.licences
    if normalised_licence(ours.text, knowledge) == normalised_licence(theirs.text, knowledge):
        return ours
    open_set = rules.detection.conflict_open_set
    looser = restrictiveness(ours.text, knowledge, open_set)
    kept = theirs if restrictiveness(theirs.text, knowledge, open_set) > looser else ours
    name = rules.components[declared.component].name
    message = (
        f"{name}: {_who(declared)} says licence '{ours.text}' ({ours.provenance.describe()}) but "
        f"{theirs.provenance.describe()} says '{theirs.text}'; osai keeps the more restrictive, "
        f"'{kept.text}'"
    )
    findings.append(
        Finding(
            FindingKind.CONFLICT, message, (ours.provenance, theirs.provenance), declared.component
        )
    )
    return kept


def restrictiveness(text: str, knowledge: LicenceKnowledge, open_set: str) -> int:
    """How restrictive a licence string is: 0 in `open_set`, 1 unknown, 2 outside it, 3 none.

    With the `osi-approved` set (rules/detection.yaml), "outside" includes use-restricted model
    licences (Llama, Gemma, RAIL) and open data or content licences alike: between two
    contradicting statements, the one that grants the fewer software freedoms is the one osai can
    stand behind.
    """
    parsed = parse_licence(text, knowledge, exact=False)
    if parsed.state in (LicenceState.UNLICENSED, LicenceState.NOT_INCLUDED):
        return 3
    if parsed.state is not LicenceState.EXPRESSION:
        return 1
    verdict = judge(parsed, (open_set,), knowledge, exact=False, unrecognised=Status.UNKNOWN)
    return {Status.MET: 0, Status.UNMET: 2}.get(verdict.status, 1)


_SOURCE_NAMES = {"manifest": "the manifest", "hub": "the Hub repository", "local": "the directory"}


def _who(evidence: ComponentEvidence) -> str:
    sources = sorted({p.source for p in evidence.provenance})
    if len(sources) == 1 and sources[0] in _SOURCE_NAMES:
        return _SOURCE_NAMES[sources[0]]
    return "the " + "/".join(sources) + " evidence"


def _first(evidence: ComponentEvidence) -> str:
    return evidence.provenance[0].describe() if evidence.provenance else "no detail"
