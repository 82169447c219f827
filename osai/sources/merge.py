"""Combining evidence: observations into components, and a declared release with a detected one.

Within one source, several observations may speak of one component (a file, a card section, a link,
a sentence saying it is not released).  Across sources, a manifest (declared) and a scan (detected)
may disagree.  Both are settled here, by the same two rules:

- where one side knows nothing, the other side's knowledge stands;
- where they contradict, osai keeps the more restrictive fact (not released over released; the
  licence that is not OSI-approved, or unlicensed, over the one that is) and records a CONFLICT
  finding, so a report never passes a release on the more generous of two contradicting statements.
  One exception: within one source, a sentence of the card saying a component is not released
  and a file or link showing it leave the component unknown (with the CONFLICT finding): the
  sentence may speak of something else, and neither reading is positive enough to be a verdict.

The repository's own licence is settled here too (`repository_licence`: the card's id, a licence
file, the gating prompt), and so is what it covers: files by inheritance, and the components
rules/detection.yaml `release_licence_covers` lists even when they were not seen (presence stays
unknown; the licence is inferred and says where it came from).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from osai.assessment import Status
from osai.errors import RulesError
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    Fact,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.licenses import Leaf, LicenceKnowledge, LicenceState, Node, judge, parse_licence
from osai.rules import Component, RuleSet

COMPONENT_LICENCE_FILE = "component-licence-file"
LICENCE_FILE = "licence-file"
CARD = "card"


@dataclass(frozen=True)
class Observation:
    """One piece of evidence about one component, as a source saw it.

    `path` is the release file the thing was seen in (relative, "/"-separated), so the release's
    licence files and card licence can cover it; None for things outside the release (a link to a
    code repository or a paper), which take no licence from the release.  `licence` is a licence
    stated for this component alone; it wins over any inherited licence.
    """

    component: str
    presence: Presence
    provenance: Provenance
    path: str | None = None
    licence: LicenceFact | None = None


@dataclass(frozen=True)
class LicenceFile:
    """A licence file in the release: where it is, what it covers, and the licence it was read as.

    `covers` is None for the whole repository, else the component ids it names.  `licence` is None
    when the file could not be identified: it still decides, and what it decides is "unknown".
    """

    path: str
    covers: tuple[str, ...] | None
    licence: LicenceFact | None
    fallback: bool = False

    @property
    def directory(self) -> str:
        return directory_of(self.path)


def directory_of(path: str) -> str:
    """The directory a release path is in ("" at the top)."""
    parent = str(PurePosixPath(path).parent)
    return "" if parent == "." else parent


@dataclass(frozen=True)
class LicenceContext:
    """The licences stated for the release as a whole, the order components inherit them in, and
    the components the repository's licence covers even when they were not seen."""

    card: LicenceFact | None = None
    files: tuple[LicenceFile, ...] = ()
    order: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    covers_unseen: frozenset[str] = frozenset()
    card_unsettled: bool = False  # the card lists licences that differ: it decides "unknown"


def licence_context(
    rules: RuleSet,
    card: LicenceFact | None,
    files: tuple[LicenceFile, ...] = (),
    *,
    card_unsettled: bool = False,
) -> LicenceContext:
    """The release's licences, with rules/detection.yaml's inheritance order and coverage.

    `card_unsettled`: the card lists licences that differ; where the card would decide a
    component's licence, it decides "unknown" (nothing falls through to a licence file)."""
    detection = rules.detection
    order: Mapping[str, list[str]] = detection.get("licence_inheritance") or {}
    covers = set(detection.get("release_licence_covers") or ())
    unknown = sorted(covers - set(rules.components))
    if unknown:
        raise RulesError(f"rules/detection.yaml: release_licence_covers: unknown {unknown}")
    return LicenceContext(
        card,
        files,
        {content_type: tuple(sources) for content_type, sources in order.items()},
        frozenset(covers),
        card_unsettled,
    )


def assemble_components(
    observations: Iterable[Observation], rules: RuleSet, licences: LicenceContext
) -> tuple[dict[str, ComponentEvidence], tuple[Finding, ...]]:
    """Every component of the vocabulary, from the observations of one source."""
    by_component: dict[str, list[Observation]] = {}
    for observation in observations:
        by_component.setdefault(observation.component, []).append(observation)
    absent_by_rule = set(rules.detection.get("absent_when_not_found") or ())
    components: dict[str, ComponentEvidence] = {}
    findings: list[Finding] = []
    for component_id, component in rules.components.items():
        seen = by_component.get(component_id, [])
        if not seen:
            absent = component_id in absent_by_rule
            components[component_id] = _not_found(component, absent, licences)
            continue
        evidence, conflict = _component_from(component, seen, licences)
        components[component_id] = evidence
        if conflict is not None:
            findings.append(conflict)
    return components, tuple(findings)


def _not_found(component: Component, absent: bool, licences: LicenceContext) -> ComponentEvidence:
    if not absent:
        licence = _unseen(component, licences)
        return ComponentEvidence(component.id, Presence.UNKNOWN, licence=licence)
    note = "not found, and rules/detection.yaml reads that as not released"
    provenance = Provenance("detection", "rules/detection.yaml", "absent_when_not_found", note=note)
    return ComponentEvidence(component.id, Presence.ABSENT, (provenance,))


def _unseen(component: Component, licences: LicenceContext) -> LicenceFact | None:
    """The repository's declared licence, for content of the repository that was not seen.

    Only a licence the card declares (or that stands in for a card that names none it can
    settle): a bare LICENSE file of a code checkout says nothing of weights published
    elsewhere.  Presence stays unknown, and the licence is inferred, saying so.
    """
    if component.id not in licences.covers_unseen or licences.card is None:
        return None
    return _declared_for_unseen(licences.card)


def _declared_for_unseen(licence: LicenceFact) -> LicenceFact:
    where = licence.provenance.location
    said = licence.provenance.note
    note = "not seen in the release: the repository's declared licence covers its own content"
    provenance = replace(
        licence.provenance,
        certainty=Certainty.INFERRED,
        note=f"{note} ({said})" if said else note,
    )
    inherited = f"the repository's declared licence ({where})"
    return replace(licence, provenance=provenance, inherited_from=inherited)


def _component_from(
    component: Component, seen: list[Observation], licences: LicenceContext
) -> tuple[ComponentEvidence, Finding | None]:
    absent = [o for o in seen if o.presence is Presence.ABSENT]
    present = [o for o in seen if o.presence is Presence.PRESENT]
    if absent:
        return _absent_component(component, absent, present)
    location = next((o.path for o in present if o.path), None) or present[0].provenance.location
    licence = _licence_for(component.id, present, component.content_type, licences)
    provenance = tuple(o.provenance for o in present)
    return ComponentEvidence(component.id, Presence.PRESENT, provenance, licence, location), None


def _absent_component(
    component: Component, absent: list[Observation], present: list[Observation]
) -> tuple[ComponentEvidence, Finding | None]:
    """Stated not released: absent, unless the same source also found it (a file, a link).

    Within one source the two are the same publisher's words, and a sentence is the weaker
    reading (it may speak of another version, a baseline, a past state): osai cannot tell which
    is right, so the component is unknown and a CONFLICT finding says why.
    """
    if not present:
        provenance = tuple(o.provenance for o in absent)
        return ComponentEvidence(component.id, Presence.ABSENT, provenance), None
    provenance = (*(o.provenance for o in absent), *(o.provenance for o in present))
    message = (
        f"{component.name}: stated not released ({absent[0].provenance.describe()}), yet found "
        f"({present[0].provenance.describe()}); osai cannot tell which is right and leaves it "
        "unknown - declare it in a manifest"
    )
    finding = Finding(
        FindingKind.CONFLICT, message, (absent[0].provenance, present[0].provenance), component.id
    )
    return ComponentEvidence(component.id, Presence.UNKNOWN, provenance), finding


def _licence_for(
    component_id: str,
    present: list[Observation],
    content_type: str,
    licences: LicenceContext,
) -> LicenceFact | None:
    stated = next((o.licence for o in present if o.licence is not None), None)
    if stated is not None:
        return stated
    path = next((o.path for o in present if o.path is not None), None)
    if path is None:
        return None
    return _inherit(component_id, content_type, ancestors(path), licences)


def _inherit(
    component_id: str, content_type: str, directories: list[str], licences: LicenceContext
) -> LicenceFact | None:
    """The licence a file in `directories` inherits: the first source (in order) that decides."""
    for source in licences.order.get(content_type, ()):
        decided, licence = _inherited(source, component_id, directories, licences)
        if decided:
            return licence
    return None


def _inherited(
    source: str, component_id: str, directories: list[str], licences: LicenceContext
) -> tuple[bool, LicenceFact | None]:
    """Whether this source decides the component's licence (for a file in the first of
    `directories`, which lists the directories above it, nearest first), and the licence."""
    if source == CARD:
        if licences.card is None:
            return licences.card_unsettled, None
        return True, replace(licences.card, inherited_from=f"{licences.card.provenance.location}")
    wanted = component_id if source == COMPONENT_LICENCE_FILE else None
    found = _nearest(directories, wanted, licences.files)
    if found is None:
        return False, None
    if found.licence is None:
        return True, None
    return True, replace(found.licence, inherited_from=found.path)


def _nearest(
    directories: list[str], component_id: str | None, files: tuple[LicenceFile, ...]
) -> LicenceFile | None:
    """The licence file nearest to a file in `directories` (the directories above it, nearest
    first) that covers the component (None: the whole repository)."""
    candidates = [
        f
        for f in files
        if (f.covers is None if component_id is None else component_id in (f.covers or ()))
    ]
    for fallback in (False, True):
        for directory in directories:
            for licence_file in candidates:
                if licence_file.fallback is fallback and licence_file.directory == directory:
                    return licence_file
    return None


def ancestors(path: str) -> list[str]:
    """The directories above a release path, nearest first, ending with the top ("")."""
    parents = [str(parent) for parent in PurePosixPath(path).parents]
    return ["" if parent == "." else parent for parent in parents]


# --- the repository's licence ------------------------------------------------------------------


def settles(text: str, knowledge: LicenceKnowledge) -> bool:
    """A licence string osai can judge as it stands: an expression of licences it knows."""
    parsed = parse_licence(text, knowledge, exact=False)
    return parsed.state is LicenceState.EXPRESSION and all(
        leaf.info is not None for leaf in _leaves(parsed.expression)
    )


def _leaves(node: Node | None) -> Iterable[Leaf]:
    if isinstance(node, Leaf):
        yield node
    elif node is not None:
        for term in node.terms:
            yield from _leaves(term)


def repository_licence(
    card: LicenceFact | None,
    top_file: LicenceFact | None,
    named: LicenceFact | None,
    knowledge: LicenceKnowledge,
) -> LicenceFact | None:
    """The licence the publisher declares for the repository, from the most direct statement.

    The card's licence id when osai knows it; else the repository's top-level licence file, when
    identified; else a licence the card names elsewhere (its gating prompt); else the card's id as
    it stands (``other``, ``unknown``), or nothing.  A substitute says what the card said.
    """
    if card is not None and settles(card.text, knowledge):
        return card
    chosen = top_file or named
    if chosen is None:
        return card
    said = f"the card says '{card.text}'" if card is not None else "the card names none"
    how = chosen.provenance.note
    note = f"{said}; {chosen.provenance.location} identifies it" + (f" ({how})" if how else "")
    return replace(chosen, provenance=replace(chosen.provenance, note=note))


# --- declared + detected ---------------------------------------------------------------------


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
    return ComponentEvidence(declared.component, Presence.PRESENT, provenance, licence, location)


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
    kept = (
        theirs
        if restrictiveness(theirs.text, knowledge) > restrictiveness(ours.text, knowledge)
        else ours
    )
    name = rules.components[declared.component].name
    message = (
        f"{name}: the manifest declares licence '{ours.text}' ({ours.provenance.describe()}) but "
        f"{theirs.provenance.describe()} says '{theirs.text}'; osai keeps the more restrictive, "
        f"'{kept.text}'"
    )
    findings.append(
        Finding(
            FindingKind.CONFLICT, message, (ours.provenance, theirs.provenance), declared.component
        )
    )
    return kept


def restrictiveness(text: str, knowledge: LicenceKnowledge) -> int:
    """How restrictive a licence string is: 0 OSI-approved, 1 unknown, 2 not OSI-approved, 3 none.

    "Not OSI-approved" includes use-restricted model licences (Llama, Gemma, RAIL) and open data or
    content licences alike: between two contradicting statements, the one that grants the fewer
    software freedoms is the one osai can stand behind.
    """
    parsed = parse_licence(text, knowledge, exact=False)
    if parsed.state in (LicenceState.UNLICENSED, LicenceState.NOT_INCLUDED):
        return 3
    if parsed.state is not LicenceState.EXPRESSION:
        return 1
    verdict = judge(parsed, ("osi-approved",), knowledge, exact=False, unrecognised=Status.UNKNOWN)
    return {Status.MET: 0, Status.UNMET: 2}.get(verdict.status, 1)


def normalised_licence(text: str, knowledge: LicenceKnowledge) -> str:
    """A licence string in a form two spellings of one licence share (SPDX-normalised)."""
    parsed = parse_licence(text, knowledge, exact=False)
    return parsed.normalized if parsed.state is LicenceState.EXPRESSION else text.strip().lower()


def _who(evidence: ComponentEvidence) -> str:
    sources = {p.source for p in evidence.provenance}
    return (
        "the manifest"
        if sources == {"manifest"}
        else "the " + "/".join(sorted(sources)) + " source"
    )


def _first(evidence: ComponentEvidence) -> str:
    return evidence.provenance[0].describe() if evidence.provenance else "no detail"
