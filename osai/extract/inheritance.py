"""Which licence each component takes: observations of one snapshot → component evidence.

Within one snapshot, several observations may speak of one component (a file, a card section, a
link, a sentence saying it is not released).  Where they contradict, osai keeps the more
restrictive reading, with one exception: a sentence of the card saying a component is not released
and a file or link showing it leave the component unknown (with a CONFLICT finding): the sentence
may speak of something else, and neither reading is positive enough to be a verdict.  A manifest
that declares the component settles it (osai.sources.merge says the finding anew).

Licences are inherited as rules/detection.yaml `licence_inheritance` says (a component licence
file, the nearest repository licence file, the card's licence), and the components
`release_licence_covers` lists take the repository's declared licence even when they were not seen
(presence stays unknown; the licence is inferred and says where it came from).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from osai.evidence import (
    REPOSITORY_DECLARED,
    Certainty,
    ComponentEvidence,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Provenance,
)
from osai.extract.licence_files import card_or_file
from osai.extract.observations import LicenceFile, Observation, ancestors, directory_of
from osai.licenses import LicenceKnowledge, all_apply, normalised_licence, restrictiveness
from osai.rules import Component, RuleSet
from osai.textsafe import some_of

COMPONENT_LICENCE_FILE = "component-licence-file"
_PATHS_SHOWN = 3  # of a component's files under one licence, in the note on different licences
_LICENCE_SHOWN = 500  # characters of one licence's part of that note (its text and 3 paths)
LICENCE_FILE = "licence-file"
CARD = "card"


@dataclass(frozen=True)
class LicenceContext:
    """The licences stated for the release as a whole, the order components inherit them in, and
    the components the repository's licence covers even when they were not seen; and how to rank
    two licences of one component (`open_set`: rules/detection.yaml `conflicts.open_set`)."""

    knowledge: LicenceKnowledge
    open_set: str
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
    return LicenceContext(
        rules.licences,
        detection.conflict_open_set,
        card,
        files,
        detection.licence_inheritance,
        detection.release_licence_covers,
        card_unsettled,
    )


def assemble_components(
    observations: Iterable[Observation], rules: RuleSet, licences: LicenceContext
) -> tuple[dict[str, ComponentEvidence], tuple[Finding, ...]]:
    """Every component of the vocabulary, from the observations of one source."""
    by_component: dict[str, list[Observation]] = {}
    for observation in observations:
        by_component.setdefault(observation.component, []).append(observation)
    absent_by_rule = rules.detection.absent_when_not_found
    components: dict[str, ComponentEvidence] = {}
    findings: list[Finding] = []
    for component_id, component in rules.components.items():
        seen = by_component.get(component_id, [])
        if not seen:
            absent = component_id in absent_by_rule
            components[component_id] = _not_found(component, absent, licences)
            continue
        evidence, said = _component_from(component, seen, licences)
        components[component_id] = evidence
        findings.extend(said)
    # each once: a card contradicted by a subdirectory's licence file is said for every
    # component under it, in one message
    return components, tuple(dict.fromkeys(findings))


def _not_found(component: Component, absent: bool, licences: LicenceContext) -> ComponentEvidence:
    if not absent:
        licence = _unseen(component, licences)
        return ComponentEvidence(component.id, Presence.UNKNOWN, licence=licence)
    note = "not found, and rules/detection.yaml reads that as not released"
    provenance = Provenance(
        "detection", "rules/detection.yaml", "absent_when_not_found", Certainty.INFERRED, note=note
    )
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
    where = _where(licence.provenance)
    said = licence.provenance.note
    note = "not seen in the release: the repository's declared licence covers its own content"
    provenance = replace(
        licence.provenance,
        certainty=Certainty.INFERRED,
        note=f"{note} ({said})" if said else note,
    )
    inherited = f"{REPOSITORY_DECLARED} ({where})"
    return replace(licence, provenance=provenance, inherited_from=inherited)


def _component_from(
    component: Component, seen: list[Observation], licences: LicenceContext
) -> tuple[ComponentEvidence, tuple[Finding, ...]]:
    absent = [o for o in seen if o.presence is Presence.ABSENT]
    present = [o for o in seen if o.presence is Presence.PRESENT]
    if absent:
        return _absent_component(component, absent, present)
    located = [o for o in present if o.located]  # a checkpoint branch is no location
    location = next((o.path for o in located if o.path), None)
    location = location or (located[0].provenance.location if located else "")
    licence, said = _licence_for(component, present, licences)
    provenance = tuple(o.provenance for o in present)
    files = tuple(dict.fromkeys(path for o in present for path in o.files))
    evidence = ComponentEvidence(
        component.id, Presence.PRESENT, provenance, licence, location, files
    )
    return evidence, said


def _absent_component(
    component: Component, absent: list[Observation], present: list[Observation]
) -> tuple[ComponentEvidence, tuple[Finding, ...]]:
    """Stated not released: absent, unless the same source also found it (a file, a link).

    Within one source the two are the same publisher's words, and a sentence is the weaker
    reading (it may speak of another version, a baseline, a past state): osai cannot tell which
    is right, so the component is unknown and a CONFLICT finding says why, until a manifest
    declares it (osai.sources.merge restates the finding then).
    """
    if not present:
        provenance = tuple(o.provenance for o in absent)
        return ComponentEvidence(component.id, Presence.ABSENT, provenance), ()
    provenance = (*(o.provenance for o in absent), *(o.provenance for o in present))
    contested = (absent[0].provenance, present[0].provenance)
    message = (
        f"{component.name}: stated not released ({contested[0].describe()}), yet found "
        f"({contested[1].describe()}); osai cannot tell which is right and leaves it "
        "unknown - declare it in a manifest"
    )
    # a manifest declaring it settles it, and the merge says so in this note's place
    finding = Finding(FindingKind.CONFLICT, message, contested, component.id)
    evidence = ComponentEvidence(
        component.id, Presence.UNKNOWN, provenance, divided=True, contested=contested
    )
    return evidence, (finding,)


def _licence_for(
    component: Component, present: list[Observation], licences: LicenceContext
) -> tuple[LicenceFact | None, tuple[Finding, ...]]:
    """The component's licence: one stated for it, else the one its files inherit, and what
    deciding it found to say.

    Files in several directories may inherit different licences (a subdirectory with its own
    LICENSE).  The component is open only if all of it is, so the most restrictive stands (none
    decided counts as unknown), and a NOTE names each; among equals, the first file's.
    """
    stated = next((o.licence for o in present if o.licence is not None), None)
    if stated is not None:
        return stated, ()
    inherited: dict[str, LicenceFact | None] = {}
    said: list[Finding] = []
    for path in _one_file_per_directory(present):
        inherited[path], warnings = _inherit(
            component.id, component.content_type, ancestors(path), licences
        )
        said.extend(warnings)
    if not inherited:
        return None, ()
    texts = {None if fact is None else fact.text for fact in inherited.values()}
    if len(texts) == 1:  # the usual case: one licence, nothing to rank
        return next(iter(inherited.values())), tuple(said)
    kept = _all_that_apply(
        max(inherited.values(), key=lambda f: _rank(f, licences)), inherited, licences
    )
    return kept, (*said, _spread_note(component, inherited, kept))


def _all_that_apply(
    kept: LicenceFact | None, inherited: Mapping[str, LicenceFact | None], licences: LicenceContext
) -> LicenceFact | None:
    """The most restrictive licence, or, where others as restrictive differ from it (CC-BY-4.0
    for a/, CC-BY-NC-4.0 for b/: the first kept made the weights met, and the note called it
    the more restrictive), all of them, as they all apply to the component (`a AND b`)."""
    if kept is None:
        return None
    rank = _rank(kept, licences)
    tied = {
        normalised_licence(fact.text, licences.knowledge): fact.text
        for fact in inherited.values()
        if fact is not None and _rank(fact, licences) == rank
    }
    if rank == 0 or len(tied) < 2:
        return kept  # open licences all: any of them gives the same verdicts
    return replace(kept, text=all_apply(list(tied.values())), url="")  # no one link is theirs


def _one_file_per_directory(present: list[Observation]) -> list[str]:
    """The first file of each directory the component's files are in, in the order seen."""
    paths = (path for o in present if o.path is not None for path in (o.path, *o.files))
    first: dict[str, str] = {}
    for path in paths:
        first.setdefault(directory_of(path), path)
    return list(first.values())


def _rank(fact: LicenceFact | None, licences: LicenceContext) -> int:
    if fact is None:
        return 1  # as an unknown licence ranks
    return restrictiveness(fact.text, licences.knowledge, licences.open_set)


def _spread_note(
    component: Component, inherited: Mapping[str, LicenceFact | None], kept: LicenceFact | None
) -> Finding:
    # Each licence once, with the first of its files: a component may span hundreds of
    # directories under one licence file (300 made a 21 KB note naming it 300 times).
    paths_under: dict[tuple[str, str], list[str]] = {}
    for path, fact in inherited.items():
        paths_under.setdefault(_licence_and_source(fact), []).append(path)
    each = some_of(
        [
            f"{licence} for {some_of(paths, _PATHS_SHOWN)}" + (f" ({source})" if source else "")
            for (licence, source), paths in paths_under.items()
        ],
        limit=_LICENCE_SHOWN,
    )
    stands = "an unknown licence" if kept is None else kept.text
    joined = kept is not None and all(f is None or f.text != kept.text for f in inherited.values())
    keeps = "all apply" if joined else "osai keeps the more restrictive"
    message = f"{component.name}: its files are under different licences: {each}; {keeps}, {stands}"
    provenance = tuple(
        dict.fromkeys(fact.provenance for fact in inherited.values() if fact is not None)
    )
    return Finding(FindingKind.NOTE, message, provenance, component.id)


def _licence_and_source(fact: LicenceFact | None) -> tuple[str, str]:
    if fact is None:
        return "an unknown licence", ""
    return fact.text, fact.inherited_from or _where(fact.provenance)


def _inherit(
    component_id: str, content_type: str, directories: list[str], licences: LicenceContext
) -> tuple[LicenceFact | None, tuple[Finding, ...]]:
    """The licence a file in `directories` inherits: the first source (in order) that decides;
    and a warning where the card that decides is contradicted nearer the file."""
    for source in licences.order.get(content_type, ()):
        if source == CARD and licences.card is not None:
            return _card_or_nearer_file(licences.card, directories, licences)
        decided, licence = _inherited(source, component_id, directories, licences)
        if decided:
            return licence, ()
    return None, ()


def _card_or_nearer_file(
    card: LicenceFact, directories: list[str], licences: LicenceContext
) -> tuple[LicenceFact, tuple[Finding, ...]]:
    """The card's licence for a file, unless a licence file of a directory above it (below the
    top, whose LICENSE the card's licence already answers to) says another: then as between
    the card and the top-level LICENSE (licence_files.card_or_file), the more restrictive
    stands.  A card's `license: mit` met weights beside a weights/LICENSE of CC-BY-NC-4.0."""
    nearer = _nearer_file(directories, licences.files)
    if nearer is None or nearer.licence is None:
        return replace(card, inherited_from=_where(card.provenance)), ()
    reconciled = card_or_file(card, nearer, licences.knowledge, licences.open_set)
    kept = reconciled.licence
    assert kept is not None
    from_file = kept.provenance.location == nearer.licence.provenance.location
    where = nearer.path if from_file else _where(card.provenance)
    return replace(kept, inherited_from=where), reconciled.findings


def _nearer_file(directories: list[str], files: tuple[LicenceFile, ...]) -> LicenceFile | None:
    """The nearest licence file for the whole repository in a directory above a file, below
    the top; None when the top's is the nearest (or there is none)."""
    found = _nearest(directories, None, files)
    return found if found is not None and found.directory and not found.fallback else None


def _inherited(
    source: str, component_id: str, directories: list[str], licences: LicenceContext
) -> tuple[bool, LicenceFact | None]:
    """Whether this source decides the component's licence (for a file in the first of
    `directories`, which lists the directories above it, nearest first), and the licence."""
    if source == CARD:
        return licences.card_unsettled, None  # no card licence: it decides unknown if unsettled
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
    first) that covers the component (None: the whole repository).  Never a NOTICE (nor a
    list of third parties' licences, nor a header template): it grants no licence, so it
    decides none, unknown or named.  Taken where no other was, a NOTICE of a copyright line
    beside a card of apache-2.0 left the code unknown, and one that named the Apache License
    as a bundled library's made the weights Apache-2.0, met."""
    candidates = [
        f
        for f in files
        if not f.fallback
        and (f.covers is None if component_id is None else component_id in (f.covers or ()))
    ]
    for directory in directories:
        for licence_file in candidates:
            if licence_file.directory == directory:
                return licence_file
    return None


def _where(provenance: Provenance) -> str:
    """`file:line`, or the location alone when it has no line."""
    return f"{provenance.location}:{provenance.line}" if provenance.line else provenance.location
