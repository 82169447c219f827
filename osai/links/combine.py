"""What a card's links show, combined into one release and merged with the model's own.  Pure.

Several linked sources for one component combine (their licences all apply); over what the
repository shows the links are the producer's fuller word, but never over what the release itself
declares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from osai.evidence import (
    Certainty,
    ComponentEvidence,
    LicenceFact,
    LicencePart,
    Presence,
    Provenance,
    Release,
    weakest,
)
from osai.hubrefs import github_repository
from osai.licenses import all_apply, normalised_licence
from osai.links.evidence import LinkedEvidence, Unshown
from osai.rules import RuleSet
from osai.sources.merge import merge_with_conflicts


def with_linked(release: Release, linked: Release, rules: RuleSet) -> Release:
    """The release with what its links show.  Over what the repository shows, the links are the
    producer's fuller word (the declared side).  A component the release itself declares (a
    manifest, an AI BOM, an osai.yaml inside the repository) keeps the declared side: what its
    links show fills what the declaration leaves unknown and, where the two contradict, the
    declared fact stays unless the other is the more restrictive (with --follow, a linked
    LICENSE replaced a manifest's declared licence, and its verdicts fell to detected)."""
    if not linked.components:
        return release
    over = merge_with_conflicts(linked, release, rules)
    under = merge_with_conflicts(release, linked, rules)
    declared = {c for c, evidence in release.components.items() if _declares(evidence)}
    components = {
        # What the links do not show is the release's alone, kept whole: merged with the links'
        # blank, an unknown lost the note saying why ('not described in the BOM')
        c: release.component(c)
        if c not in linked.components
        else (under if c in declared else over).release.components[c]
        for c in over.release.components
    }
    conflicts = (
        *(x for x in over.conflicts if x.subject not in declared),
        *(x for x in under.conflicts if x.subject in declared),
    )
    notes = (
        *(note for note in over.notes if note.component not in declared),
        *(note for note in under.notes if note.component in declared),
    )
    # the release's own, as the links' merge says them: a card's "not released" beside a file,
    # settled by a link that shows it, still said "osai cannot tell which is right"
    findings = (*over.restated(release.findings), *(c.finding for c in conflicts), *notes)
    return replace(over.release, components=components, findings=findings)


def withdrawn(release: Release, unshown: Sequence[Unshown]) -> Release:
    """The release without the card's sightings of links that, once read, do not hold what the
    card links them for: "linked for the training code" is no evidence of training code when
    the repository shows none (the note saying so stays).  A component left with no sighting is
    unknown again, never "not released": the code may be elsewhere."""
    if not unshown:
        return release
    components = dict(release.components)
    for component_id, evidence in release.components.items():
        gone = [u for u in unshown if u.component == component_id]
        if not gone or evidence.presence is not Presence.PRESENT:
            continue
        kept = tuple(p for p in evidence.provenance if not any(_sighted(p, u) for u in gone))
        if len(kept) == len(evidence.provenance):
            continue
        # none left: unknown, and still listed as every component is (left out, a card's only
        # dataset taken down had no Datasets row at all in the JSON report)
        components[component_id] = (
            replace(evidence, provenance=kept)
            if kept
            else ComponentEvidence(component_id, Presence.UNKNOWN)
        )
    return replace(release, components=components)


def _sighted(provenance: Provenance, unshown: Unshown) -> bool:
    """Whether `provenance` is the card's sighting of the repository `unshown` names: a field's
    entry on that line (a dataset the card lists, never one a release declares), else a link
    to it."""
    if provenance.location != unshown.location:
        return False
    if unshown.line is not None:
        return provenance.line == unshown.line and provenance.certainty is not Certainty.DECLARED
    if provenance.certainty is not Certainty.INFERRED:
        return False
    repository = github_repository(provenance.value)
    return repository is not None and repository.casefold() == unshown.repository.casefold()


def _declares(evidence: ComponentEvidence) -> bool:
    """Whether the release states the component itself (the publisher's declaration)."""
    if evidence.presence is Presence.UNKNOWN:
        return False
    cited = (*evidence.provenance, *((evidence.licence.provenance,) if evidence.licence else ()))
    return any(p.certainty is Certainty.DECLARED for p in cited)


def combined(results: Sequence[LinkedEvidence], rules: RuleSet) -> Release:
    """One release of everything the links show; several sources for one component combine
    (their licences all apply: AND)."""
    by_component: dict[str, list[ComponentEvidence]] = {}
    for result in results:
        for evidence in result.components:
            by_component.setdefault(evidence.component, []).append(evidence)
    components = {c: _one(found, rules) for c, found in by_component.items()}
    return Release(target="", source="links", name="", components=components)


def _one(found: list[ComponentEvidence], rules: RuleSet) -> ComponentEvidence:
    if len(found) == 1:
        return found[0]
    provenance = tuple(p for evidence in found for p in evidence.provenance)
    licences = [e.licence for e in found if e.licence is not None]
    if len(licences) < len(found):  # one source's licence is unknown: so is the whole
        return replace(found[0], provenance=provenance, licence=None)
    distinct = {normalised_licence(fact.text, rules.licences): fact for fact in licences}
    if len(distinct) == 1:
        return replace(found[0], provenance=provenance)
    text = all_apply([fact.text for fact in distinct.values()])
    parts = tuple(LicencePart(e.location, e.licence) for e in found if e.licence is not None)
    licence = replace(_all_of(text, licences), parts=parts)
    return replace(found[0], provenance=provenance, licence=licence)


def _all_of(text: str, facts: Sequence[LicenceFact]) -> LicenceFact:
    """The licences of every repository that holds the component, all of which apply, cited
    where each was found (not only the first's file)."""
    cited = [fact.provenance for fact in facts]
    where = ", ".join(dict.fromkeys(p.location for p in cited))
    sure = weakest(p.certainty for p in cited) or cited[0].certainty
    note = "the licences of every linked repository that holds it: all apply"
    inherited = ", ".join(dict.fromkeys(f.inherited_from for f in facts if f.inherited_from))
    provenance = Provenance(cited[0].source, where, text, sure, None, note)
    return LicenceFact(text, provenance, inherited)
