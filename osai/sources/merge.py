"""Declared facts meet detected ones: a manifest (or another declared source) and a release.

- where one side knows nothing (for a licence: none, or one it says was not disclosed,
  `unknown`), the other side's knowledge stands;
- where they contradict, osai keeps the more restrictive fact (not released over released; of two
  licences, the one outside rules/detection.yaml `conflicts.open_set`, or none, over the one in it;
  of two values of an ordered category fact, the later in its `values`) and records a CONFLICT
  finding, so a report never passes a release on the more generous of two contradicting
  statements; of two licences neither more restrictive and not both open, it keeps both
  (LicenceFact.alternatives: a verdict stands only where both give it);
- where the detected side contradicts itself (its card says a component is not released, its
  files show it: unknown) and the declared side states it, the declared fact stands, and the
  detected side's CONFLICT finding is said anew: which side the declaration takes, and what is
  to correct (the card, when the manifest declares what the files show).

The same merge serves every declared source: a manifest, the card's links, and the public
assessments (a Model Openness Tool listing, an EOSAI entry); `merge_with_conflicts` also returns
each contradiction as data, for `osai audit`.

A source that is not about exactly this release (a public assessment matched by the model's
name, not by naming the repository) is merged as the detected side, `yielding` (the reason): it
fills what the declared side leaves unknown; where the two contradict, the report shows both, and
the declared side's fact stays even when the yielding one is the more restrictive.  A third
party's word about a model of that name is no ground to overrule what the repository, or a
listing naming it, says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import partial
from math import isclose
from typing import TypeVar

from osai.evidence import (
    CONFIG_SOURCE,
    BaseLicence,
    Certainty,
    ComponentEvidence,
    Fact,
    FartherBase,
    FileDigest,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Provenance,
    Release,
    named_in_preference,
)
from osai.hubrefs import one_each
from osai.licence_spelling import canonical_licence
from osai.licenses import (
    LicenceKnowledge,
    LicenceState,
    most_restrictive,
    normalised_licence,
    parse_licence,
)
from osai.rules import FactKind, RuleSet
from osai.sources.separate import each_says, other_releases_finding, split_by_repository
from osai.textsafe import joined


class ConflictKind(StrEnum):
    PRESENCE = "presence"  # one says released, the other not released
    LICENCE = "licence"  # both name a licence for the component, and they differ
    FACT = "fact"  # both state an ordered category fact, with different values


@dataclass(frozen=True)
class Conflict:
    """One contradiction between the declared and the detected side, and what osai kept."""

    kind: ConflictKind
    subject: str  # a component id, or a fact id
    declared: str  # the declared side's value ("released", "not released", a licence, a value)
    detected: str
    kept: str  # "" when osai keeps neither (licences it cannot rank: both are alternatives)
    finding: Finding
    declared_from: Provenance | None = None  # where each side said it
    detected_from: Provenance | None = None


@dataclass(frozen=True)
class Merged:
    release: Release
    conflicts: tuple[Conflict, ...]
    notes: tuple[Finding, ...] = ()  # what the merge noticed that is no contradiction
    # A side's own contradiction (its card's "not released" beside its file) the other side
    # settled, by its component and places: the finding as the merge says it now (_restated).
    settled: Mapping[tuple[str, tuple[Provenance, ...]], Finding] = field(default_factory=dict)

    def restated(self, findings: Iterable[Finding]) -> tuple[Finding, ...]:
        """Findings of either side as this merge says them: one that builds its own findings
        from a side's (osai.links.combine) kept "osai cannot tell which is right" where the
        links had settled it."""
        return tuple(_restated(finding, self.settled) for finding in findings)


def merge_releases(
    declared: Release, detected: Release, rules: RuleSet, *, yielding: str = ""
) -> Release:
    """One release from a manifest (declared) and a scan (detected) of the same model.

    Declared facts stand where detection found nothing; detected facts fill what the manifest
    leaves unknown; where the two contradict, the more restrictive fact stays (the declared one,
    when the detected side is `yielding`: why it gives way) and a CONFLICT finding says so.
    """
    return merge_with_conflicts(declared, detected, rules, yielding=yielding).release


def merge_with_conflicts(
    declared: Release, detected: Release, rules: RuleSet, *, yielding: str = ""
) -> Merged:
    """merge_releases, with each contradiction also returned as a Conflict."""
    conflicts: list[Conflict] = []
    notes: list[Finding] = []
    settled: dict[tuple[str, tuple[Provenance, ...]], Finding] = {}
    release_wide = frozenset(
        fact.provenance for fact in (declared.licence, detected.licence) if fact is not None
    )
    resolve = _Resolution(rules, conflicts, yielding, notes, settled, release_wide)
    components = {
        component_id: _merge_component(
            declared.component(component_id), detected.component(component_id), resolve
        )
        for component_id in rules.components
    }
    facts = _merge_facts(declared, detected, resolve)
    release = Release(
        target=detected.target,
        source=detected.source,
        name=declared.name or detected.name,
        producer=declared.producer or detected.producer,
        version=declared.version or detected.version,
        revision=detected.revision or declared.revision,
        revision_asked=detected.revision_asked or declared.revision_asked,
        components=components,
        facts=facts,
        findings=(
            *(_restated(finding, settled) for finding in declared.findings),
            *(_restated(finding, settled) for finding in detected.findings),
            *(c.finding for c in conflicts),
            *notes,
        ),
        document=declared.document or detected.document,
        manifest_not_used=detected.manifest_not_used or declared.manifest_not_used,
        draft=declared.draft or detected.draft,
        inferred_marks=(*declared.inferred_marks, *detected.inferred_marks),
        card=detected.card or declared.card,
        released=declared.released or detected.released,
        file=detected.file or declared.file,
        # the model's package URL and download location, as an AI BOM gave them: a manifest of
        # another model is refused before any merge (targets._refuse_another_models)
        purl=declared.purl or detected.purl,
        distribution=detected.distribution or declared.distribution,
        task=detected.task or declared.task,
        architecture=detected.architecture or declared.architecture,
        named_links=named_in_preference(declared.named_links, detected.named_links),
        hub_page=declared.hub_page or detected.hub_page,
        hub_id=detected.hub_id or declared.hub_id,
        # every base either names, each once: `osai check BOM --manifest m.yml`, the manifest
        # declaring meta-llama/Llama-2-7b-hf, judged the weights on the BOM's base alone and
        # met offline, where --follow reads both and Llama 2 binds them
        base_models=one_each((*detected.base_models, *declared.base_models)),
        # the licences of the bases named, known with them (a base both state: the detected)
        base_licences=_base_licences(detected, declared),
        farther_bases=_farther_bases(detected, declared),
        links=(*detected.links, *declared.links),
        licence=declared.licence or detected.licence,
        last_modified=detected.last_modified or declared.last_modified,
        host_id=detected.host_id or declared.host_id,
        cached_on=detected.cached_on,
        links_not_followed=max(detected.links_not_followed, declared.links_not_followed),
        links_left_out=max(detected.links_left_out, declared.links_left_out),
        files_listed=detected.files_listed and declared.files_listed,
        owned=detected.owned and declared.owned,
        unread=(*detected.unread, *declared.unread),
        digests=_merged_digests(detected, declared),
    )
    return Merged(release, tuple(conflicts), tuple(notes), settled)


T = TypeVar("T")


def _merged_digests(detected: Release, declared: Release) -> tuple[FileDigest, ...]:
    """The digests detection found (or computed), then the other side's: of a file given both,
    the first is kept, and a note says when they disagree (Release.with_one_digest_a_file)."""
    return (*detected.digests, *declared.digests)


@dataclass(frozen=True)
class _Resolution:
    """How one merge settles a contradiction, and where it records each."""

    rules: RuleSet
    conflicts: list[Conflict]
    yielding: str  # why the detected side gives way ("": it does not)
    notes: list[Finding]  # what is no contradiction but the reader should know
    # A detected source's own contradiction the declared side settles (the card's "not
    # released" beside the file), by its component and the two places: the finding said now.
    settled: dict[tuple[str, tuple[Provenance, ...]], Finding]
    # Where each side states the licence of the release as a whole (Release.licence: a card's
    # `license:`, a manifest's license.distribution): a component's licence stated there is
    # one it merely inherits, not one said of it.
    release_wide: frozenset[Provenance] = frozenset()

    def kept(self, restrictive: T, declared: T, detected: T) -> tuple[T, bool]:
        """The fact that stays, and whether the detected side gave way for it."""
        if self.yielding and restrictive is detected:
            return declared, True
        return restrictive, False


def _merge_component(
    declared: ComponentEvidence, detected: ComponentEvidence, resolve: _Resolution
) -> ComponentEvidence:
    if detected.presence is Presence.UNKNOWN:
        if detected.contested is not None and declared.presence is not Presence.UNKNOWN:
            _settle_contest(declared, detected.contested, resolve)
        return _with_covering_licence(declared, detected, resolve)
    if declared.presence is Presence.UNKNOWN:
        if declared.contested is not None:  # a listing under the repository's word (yielding)
            _settle_contest(detected, declared.contested, resolve)
        if resolve.yielding and detected.is_present:
            # The yielding side adds the sighting; the licence the other side knows stays.
            return replace(detected, licence=_merge_licence(declared, detected, resolve))
        return detected
    if declared.presence is not detected.presence:
        return _presence_conflict(declared, detected, resolve)
    provenance = (*declared.provenance, *detected.provenance)
    if declared.presence is Presence.ABSENT:
        return replace(declared, provenance=provenance)
    licence = _merge_licence(declared, detected, resolve)
    location = declared.location or detected.location
    files = declared.files or detected.files
    return ComponentEvidence(
        declared.component, Presence.PRESENT, provenance, licence, location, files
    )


def _settle_contest(
    declared: ComponentEvidence, contested: tuple[Provenance, Provenance], resolve: _Resolution
) -> None:
    """The detected side's card says the component is not released and its files show it, and
    the declared side (a manifest) states whether it is: the declared word stands, and the
    finding says so, and which is to correct.  "osai cannot tell which is right and leaves it
    unknown - declare it in a manifest" was said of a component a manifest declared, its
    verdict taken from the manifest, and code scanning's alert asked for what was done.

    Still a CONFLICT (the CI formats show it as the card's, the line to correct; no gate fails
    on a finding): it goes only when the card no longer says "not released"."""
    card, shown = contested
    name = resolve.rules.components[declared.component].name
    where = _first_place(declared)
    sentence = f" ({card.value})" if card.value else ""
    if declared.is_present:
        states = "declares it released" if _declares(declared) else "says it is released"
        message = (
            f"{name}: {where} {states} and {_place(shown)} shows it; {_place(card)} says not "
            f"released{sentence}: correct the card"
        )
    else:
        states = (
            f"does not list it, and {_place(card)} says not released"
            if declared.omitted
            else f"declares it not released, as {_place(card)} says"
        )
        message = (
            f"{name}: {where} {states}{sentence}; yet {_place(shown)} shows it: correct "
            "whichever is wrong"
        )
    # the card first (where a CI format points: the line to correct), then the file (the
    # sighting osai.formatters.actions names beside a declared absence), then the declaration
    provenance = (card, shown, *declared.provenance[:1])
    finding = Finding(FindingKind.CONFLICT, message, provenance, declared.component)
    resolve.settled[(declared.component, contested)] = finding


def _restated(
    finding: Finding, settled: Mapping[tuple[str, tuple[Provenance, ...]], Finding]
) -> Finding:
    """The finding as the merge says it now: a detected contradiction the declared side
    settled (_settle_contest), else as it was."""
    if finding.kind is not FindingKind.CONFLICT or not settled:
        return finding
    return settled.get((finding.component, finding.provenance), finding)


def _declares(evidence: ComponentEvidence) -> bool:
    return any(p.certainty is Certainty.DECLARED for p in evidence.provenance[:1])


def _place(provenance: Provenance) -> str:
    """`file:line`, or the file alone when it has no line."""
    line = f":{provenance.line}" if provenance.line else ""
    return f"{provenance.location}{line}"


def _first_place(evidence: ComponentEvidence) -> str:
    return _place(evidence.provenance[0]) if evidence.provenance else _who(evidence)


def _with_covering_licence(
    declared: ComponentEvidence, unseen: ComponentEvidence, resolve: _Resolution
) -> ComponentEvidence:
    """What the manifest says, with the licence the repository declares for the component when
    the manifest gives it none (detection did not see the component, but knows its licence).

    When both name a licence (the listing says the weights are Apache-2.0, the card's licence,
    which covers the weights, says llama2), they contradict as any two licences do.
    """
    if declared.presence is Presence.ABSENT:
        return declared
    if declared.licence is None:
        return replace(declared, licence=unseen.licence)
    if unseen.licence is None:
        return declared
    return replace(declared, licence=_merge_licence(declared, unseen, resolve))


def _presence_conflict(
    declared: ComponentEvidence, detected: ComponentEvidence, resolve: _Resolution
) -> ComponentEvidence:
    absent, present = (
        (declared, detected) if declared.presence is Presence.ABSENT else (detected, declared)
    )
    name = resolve.rules.components[declared.component].name
    # The publisher saying "not released" outweighs a sighting (the more restrictive fact wins);
    # a third party's assessment saying so, or a model file merely not listing it, does not
    # outweigh a repository that shows it.  Nor is an omission outweighed by a sighting only
    # inferred (grok-1's run.py beside its model code, which the MOT's Grok-1.yml does not list
    # as inference code): neither settles it, so it is unknown.
    seen = any(p.certainty.at_least(Certainty.DETECTED) for p in present.provenance)
    unsettled = absent.omitted and not seen and not resolve.yielding
    if unsettled:
        kept, gave_way = _neither(absent, present), False
    else:
        outweighed = (absent.omitted and seen) or _assessed_against_a_sighting(absent, present)
        kept, gave_way = resolve.kept(present if outweighed else absent, declared, detected)
    said = "does not list it" if absent.omitted else "says not released"
    keeps = "'released': it is there to see" if kept is present else "'not released'"
    if kept is present and not any(p.certainty is Certainty.DETECTED for p in present.provenance):
        # only listed, never seen (a MOT file omits it, another equally named and dated lists
        # it): "there to see" said osai had seen what it had only read of
        keeps = "'released': not listing it does not outweigh listing it"
    if unsettled:
        keeps = "neither: it stays unknown (an omission and an inference do not settle it)"
    if gave_way:
        keeps = f"{_presence_word(kept)!r}, not the more restrictive: {resolve.yielding}"
    found = "takes it for one, by inference" if unsettled else _shows(present)
    message = (
        f"{name}: {_who(absent)} {said} ({_first(absent)}), but {_who(present)} "
        f"{found} ({_first(present)}); osai keeps {keeps} — correct whichever is wrong"
    )
    finding = Finding(
        FindingKind.CONFLICT,
        message,
        (*absent.provenance[:1], *present.provenance[:1]),
        declared.component,
        # the publisher's "not released" over a sighting; not an omission outvoted, nor unknown
        stricter_kept=kept is absent and not gave_way and not unsettled,
    )
    resolve.conflicts.append(
        Conflict(
            ConflictKind.PRESENCE,
            declared.component,
            _presence_word(declared),
            _presence_word(detected),
            _presence_word(kept),
            finding,
            _first_provenance(declared),
            _first_provenance(detected),
        )
    )
    return kept


def _shows(present: ComponentEvidence) -> str:
    """How the side that has a component has it: a document that states it (a manifest, a
    listing, a BOM) lists it; a repository or a directory, where osai saw it, found it.  A
    manifest "found" the data-preprocessing code its author listed."""
    cited = present.provenance[0].certainty if present.provenance else None
    return "lists it" if cited in (Certainty.DECLARED, Certainty.ASSESSED) else "found it"


def _assessed_against_a_sighting(absent: ComponentEvidence, present: ComponentEvidence) -> bool:
    """Whether only a third party's assessment says "not released" of what osai itself saw in
    the release (weight files the Hub lists, code a linked repository holds).  The publisher's
    word outweighs a sighting; an assessor's does not: EOSAI grades Llama 3.1's gated weights
    "closed", and its word made the weights the Hub serves "not released (assessed)", the head
    of the OSAID and MOF verdicts."""
    said = absent.provenance
    assessed = bool(said) and all(p.certainty is Certainty.ASSESSED for p in said)
    return assessed and any(p.certainty is Certainty.DETECTED for p in present.provenance)


def _neither(absent: ComponentEvidence, present: ComponentEvidence) -> ComponentEvidence:
    """A component one side omits and the other only infers: unknown, citing both, with the
    licence it would be under if released."""
    return replace(
        present,
        presence=Presence.UNKNOWN,
        provenance=(*absent.provenance, *present.provenance),
        omitted=False,
        divided=True,
    )


def _spelled(text: str, knowledge: LicenceKnowledge) -> str:
    """A licence as its source spelled it, and as SPDX names it when that differs ('odc-by'
    (ODC-By-1.0)): the reader sees both what was found and what osai read it as."""
    canonical = canonical_licence(text, knowledge)
    return f"'{text}'" if canonical == text.strip() else f"'{text}' ({canonical})"


def _spelled_all(fact: LicenceFact, knowledge: LicenceKnowledge) -> str:
    """A licence as _spelled, with those it may be instead ('MIT' or 'CC-BY-NC-4.0')."""
    return " or ".join(_spelled(text, knowledge) for text in fact.texts)


def _presence_word(evidence: ComponentEvidence) -> str:
    if evidence.presence is Presence.UNKNOWN:
        return "unknown"
    return "released" if evidence.is_present else "not released"


def _merge_licence(
    declared: ComponentEvidence, detected: ComponentEvidence, resolve: _Resolution
) -> LicenceFact | None:
    """The component's licence, either side's, with what either side could not read that may
    bind it to another (LicenceFact.unless: a base model left unread): a manifest's or a
    listing's MIT agreeing with the card's dropped it, and met what the check left unknown."""
    merged = _chosen_licence(declared, detected, resolve)
    unless = next((f.unless for f in (declared.licence, detected.licence) if f and f.unless), "")
    if merged is None or merged.unless or not unless:
        return merged
    return replace(merged, unless=unless)


def _chosen_licence(
    declared: ComponentEvidence, detected: ComponentEvidence, resolve: _Resolution
) -> LicenceFact | None:
    ours, theirs = declared.licence, detected.licence
    rules = resolve.rules
    knowledge = rules.licences
    # "unknown" or "not specified" says no licence was disclosed: the other side's licence,
    # found, is not contradicted (an `osai init` draft's placeholder beat a LICENSE added later)
    ours, theirs = (None if _undisclosed(f, knowledge) else f for f in (ours, theirs))
    if ours is None or theirs is None:
        return ours or theirs or declared.licence or detected.licence
    theirs = _same_release(declared, detected, ours, theirs, resolve)
    if theirs is None:
        return ours
    if normalised_licence(ours.text, knowledge) == normalised_licence(theirs.text, knowledge):
        return _agreeing(ours, theirs, knowledge)
    open_set = rules.detection.conflict_open_set
    # a licence with alternatives as the most restrictive it may be: a manifest's Apache-2.0
    # against a directory's MIT-or-CC-BY-NC-4.0 ranked as two open licences and met the code
    looser = most_restrictive(ours.texts, knowledge, open_set)
    stricter = most_restrictive(theirs.texts, knowledge, open_set)
    # no contradiction: a component's own licence beside the release's it would inherit
    stands = declared.component in rules.detection.own_licence_stands
    own = _own_over_inherited(ours, theirs, (looser, stricter), resolve.release_wide, stands)
    if own is not None:
        resolve.notes.extend(
            _own_stands_note(declared.component, own, (ours, theirs), (looser, stricter), resolve)
        )
        return own
    own_word = _own_word_over_assessment(ours, theirs)
    silent = _stating_none((ours, theirs), knowledge, rules.detection.assessed_unstated)
    if silent is not None:  # the licence stated, over a word that may only mean none was
        preferred = theirs if silent is ours else ours
    elif stricter != looser:
        preferred = theirs if stricter > looser else ours
    else:
        preferred = theirs if own_word else ours
    kept, gave_way = resolve.kept(preferred, ours, theirs)
    # Two licences neither of which osai can rank above the other, and not both open (a manifest's
    # CC-BY-4.0 against a card's CC-BY-NC-4.0): which applies osai cannot tell, so a verdict
    # stands only where both give it (LicenceFact.alternatives), as between a card and its LICENSE
    # A third party's assessment, matched by name (yielding) or by repository, leaves the
    # release's own word standing even so: it overrules nothing, not even to unknown.
    undecided = stricter == looser and looser != 0 and not resolve.yielding and not own_word
    undecided = undecided and silent is None
    name = rules.components[declared.component].name
    said = {fact.text: _spelled_all(fact, knowledge) for fact in (ours, theirs)}
    # Named by the source of the licence itself: the component's evidence may come from several
    # (a manifest inside a directory), and only one of them states the licence.
    who = _source_name(ours.provenance.source)
    choice = (
        f"osai keeps the more restrictive, {said[kept.text]}"
        if stricter != looser
        else f"neither is more restrictive, so osai keeps {who}'s {said[kept.text]}"
    )
    if stricter == looser and kept is theirs:
        choice = (
            f"neither is more restrictive, so osai keeps {said[kept.text]}, what the release "
            f"itself says, over {who}'s word"
        )
    if undecided:
        choice = "osai cannot rank them, so a verdict stands only where both give it"
    if silent is not None:
        choice = (
            f"osai keeps {said[kept.text]}: {_source_name(silent.provenance.source)}'s "
            f"{said[silent.text]} may only mean it states no licence"
        )
    if gave_way:
        choice = f"osai keeps {said[kept.text]}, not the more restrictive: {resolve.yielding}"
    # Several repositories' licences combined: which says what, not one "a, b, c says 'X AND Y'"
    each = each_says(theirs, lambda text: _spelled(text, knowledge))
    stated = f"{each} (all apply)" if each else f"{_where(theirs)} says {said[theirs.text]}"
    message = (
        f"{name}: {who} says licence {said[ours.text]} ({_where(ours)}) but {stated}; {choice}"
    )
    # the more restrictive kept, or both where osai cannot rank them (the stricter governs):
    # not the release's own word over a source's, nor a yielding assessment's looser licence
    restrictive = (stricter != looser or undecided) and silent is None and not gave_way
    finding = Finding(
        FindingKind.CONFLICT,
        message,
        (ours.provenance, theirs.provenance),
        declared.component,
        stricter_kept=restrictive,
    )
    resolve.conflicts.append(
        Conflict(
            ConflictKind.LICENCE,
            declared.component,
            ours.text,
            theirs.text,
            "" if undecided else kept.text,  # "": a verdict stands only where both give it
            finding,
            ours.provenance,
            theirs.provenance,
        )
    )
    if stricter == looser and not gave_way:
        other = ours if kept is theirs else theirs
        if undecided:
            return kept.or_instead((other,), partial(normalised_licence, knowledge=knowledge))
        return replace(kept, corroborated_by=(*kept.corroborated_by, other))
    return kept


def _agreeing(ours: LicenceFact, theirs: LicenceFact, knowledge: LicenceKnowledge) -> LicenceFact:
    """Two sources giving one licence: the declared side's words (as it spells it), as surely as
    the surer of the two knew it, the other corroborating (a MOT listing's MIT beside an
    osai.yaml's own MIT made the declared licence only assessed).  Where either may be another
    licence (alternatives: a card's cc-by-4.0 beside a LICENSE of CC-BY-NC-4.0), that one may
    still apply: agreeing with one of two licences settles neither, and a manifest's CC-BY-4.0
    met what the LICENSE's CC-BY-NC-4.0 alone against it left unknown."""
    first, second = (
        (theirs, ours)
        if not ours.provenance.certainty.at_least(theirs.provenance.certainty)
        else (ours, theirs)
    )
    # each licence once, by what it normalises to; the agreed one is no alternative to itself
    corroborated = replace(
        first, corroborated_by=(*first.corroborated_by, replace(second, alternatives=()))
    )
    return corroborated.or_instead(
        second.alternatives, partial(normalised_licence, knowledge=knowledge)
    )


def _own_over_inherited(
    ours: LicenceFact,
    theirs: LicenceFact,
    ranks: tuple[int, int],
    release_wide: frozenset[Provenance],
    stands: bool = False,
) -> LicenceFact | None:
    """The licence the publisher declares for the component itself, where the other side's is
    only the release's as a whole, which the component merely inherits: the two do not
    contradict, the component's own wins (the MOF model file's rule, which osai reads a
    manifest by).  A manifest's `license: CC-BY-4.0` for the model card beside the card's
    `license: apache-2.0` for the repository was a conflict telling the maintainer to correct
    one of two statements that agree.

    None where that is not so, or where the component's own licence is the more generous
    (`ranks`: each one's restrictiveness, ours first), or osai cannot rank the two: a
    manifest's Apache-2.0 for the weights must not pass them, unsaid, where the card says
    Llama 2; that stays a conflict, the more restrictive kept.  `stands`: the component is one
    whose own licence stands whatever the release's (rules/detection.yaml
    `own_licence_stands`: a fine-tune's model card, its training code), said in a note."""
    for own, inherited, (own_rank, inherited_rank) in (
        (ours, theirs, ranks),
        (theirs, ours, ranks[::-1]),
    ):
        no_more_generous = own_rank > inherited_rank or own_rank == inherited_rank == 0
        if (
            (no_more_generous or stands)
            and _declared_own(own)
            and _inherited(inherited, release_wide)
        ):
            return own
    return None


def _own_stands_note(
    component: str,
    own: LicenceFact,
    sides: tuple[LicenceFact, LicenceFact],
    ranks: tuple[int, int],
    resolve: _Resolution,
) -> tuple[Finding, ...]:
    """Where a component's own licence stood over a more restrictive one of the release's, a note
    saying so, or over one osai cannot rank it against (CC-BY-4.0 beside Llama 2): the reader
    sees the release's licence was not forgotten.  None where the component's own is the
    stricter, or both are open (nothing a reader would miss).  `sides` are the declared and the
    detected licence, `ranks` their restrictiveness as the caller ranked them."""
    own_rank, inherited_rank = ranks if own is sides[0] else ranks[::-1]
    inherited = sides[1] if own is sides[0] else sides[0]
    if inherited_rank < own_rank or inherited_rank == own_rank == 0:
        return ()
    knowledge = resolve.rules.licences
    name = resolve.rules.components[component].name
    said = {fact.text: _spelled_all(fact, knowledge) for fact in (own, inherited)}
    message = (
        f"{name}: {_source_name(own.provenance.source)} declares it under {said[own.text]} "
        f"({_where(own)}), which stands over the release's {said[inherited.text]} "
        f"({_where(inherited)}): a component's own licence is the publisher's to give"
    )
    return (Finding(FindingKind.NOTE, message, (own.provenance, inherited.provenance), component),)


def _declared_own(fact: LicenceFact) -> bool:
    """Whether the publisher declares this licence for the component itself (a manifest's
    component `license`), not for the release it inherits it from, nor as a third party."""
    alone = not (fact.inherited_from or fact.alternatives or fact.parts)
    return alone and fact.provenance.certainty is Certainty.DECLARED


def _inherited(fact: LicenceFact, release_wide: frozenset[Provenance]) -> bool:
    """Whether the component merely inherits this licence from the release as a whole: a
    manifest's or a listing's release.license, the repository's declared licence (its card's),
    and nothing besides that may apply instead (a nearer licence file's, a base model's)."""
    if fact.alternatives or fact.parts or not fact.inherited_from or fact.from_base_model:
        return False
    return fact.from_release or fact.provenance in release_wide


def _own_word_over_assessment(ours: LicenceFact, theirs: LicenceFact) -> bool:
    """When neither licence is more restrictive: a third party's assessment (a MOT listing says
    Pythia's training code, in gpt-neox, is MIT) gives way to what the release itself says
    (gpt-neox's LICENSE: Apache-2.0), read or declared; an inference does not outweigh it."""
    own = theirs.provenance.certainty in (Certainty.DECLARED, Certainty.DETECTED)
    return ours.provenance.certainty is Certainty.ASSESSED and own


def _same_release(
    declared: ComponentEvidence,
    detected: ComponentEvidence,
    ours: LicenceFact,
    theirs: LicenceFact,
    resolve: _Resolution,
) -> LicenceFact | None:
    """The detected licence of the same release as the declared side's (None: the detected side
    holds no such one), where the component's type may be released in several repositories and
    the two sides name different ones; the others' licences become a note, not a conflict."""
    rules = resolve.rules
    if rules.components[declared.component].content_type not in rules.detection.separate_releases:
        return theirs
    split = split_by_repository(declared, detected, theirs, rules.links.repositories)
    if split is None:
        return theirs
    name = rules.components[declared.component].name
    resolve.notes.append(
        other_releases_finding(
            name,
            declared,
            ours,
            split.others,
            lambda text: _spelled(text, rules.licences),
            (_source_name(ours.provenance.source), _where(ours)),
        )
    )
    return split.same


def _undisclosed(fact: LicenceFact | None, knowledge: LicenceKnowledge) -> bool:
    if fact is None:
        return False
    return parse_licence(fact.text, knowledge, exact=False).state is LicenceState.UNDISCLOSED


def _stating_none(
    pair: tuple[LicenceFact, LicenceFact], knowledge: LicenceKnowledge, states: frozenset[str]
) -> LicenceFact | None:
    """Of two licence facts, the one a public assessment gives as a state that may only mean it
    stated no licence (rules/detection.yaml `assessed_unstated`: the MOT's `unlicensed`, which
    its files also write for "License not specified"), when the other states one; else None."""
    said = [
        fact
        for fact in pair
        if fact.provenance.certainty is Certainty.ASSESSED
        and (state := parse_licence(fact.text, knowledge, exact=False).state) is not None
        and state.value in states
    ]
    return said[0] if len(said) == 1 else None


def _merge_facts(declared: Release, detected: Release, resolve: _Resolution) -> dict[str, Fact]:
    """The declared side's facts over the detected side's, except where both state an ordered
    category (how the weights can be obtained) differently: the more restrictive value stays."""
    facts: dict[str, Fact] = {**detected.facts, **declared.facts}
    for key in declared.facts.keys() & detected.facts.keys():
        kind = resolve.rules.facts.get(key)
        ours, theirs = declared.facts[key], detected.facts[key]
        if kind is not None and kind.type == "number":
            _numbers_differ(kind, ours, theirs, resolve)
            continue
        if kind is None or not kind.values_ordered or ours.value == theirs.value:
            continue
        if ours.value not in kind.values or theirs.value not in kind.values:
            continue
        stricter = max(ours, theirs, key=lambda fact: kind.values.index(fact.value))
        kept, gave_way = resolve.kept(stricter, ours, theirs)
        facts[key] = kept
        keeps = (
            f"'{kept.value}', not the more restrictive: {resolve.yielding}"
            if gave_way
            else f"the more restrictive, '{kept.value}'"
        )
        message = (
            f"{kind.title}: {_who_states(ours)} says '{ours.value}' "
            f"({ours.provenance.describe()}) but {theirs.provenance.describe()} says "
            f"'{theirs.value}'; osai keeps {keeps}"
        )
        finding = Finding(
            FindingKind.CONFLICT,
            message,
            (ours.provenance, theirs.provenance),
            fact=key,
            stricter_kept=not gave_way,
        )
        resolve.conflicts.append(
            Conflict(
                ConflictKind.FACT,
                key,
                ours.value,
                theirs.value,
                kept.value,
                finding,
                ours.provenance,
                theirs.provenance,
            )
        )
    return facts


def _numbers_differ(kind: FactKind, ours: Fact, theirs: Fact, resolve: _Resolution) -> None:
    """Two numbers for one fact (a manifest's training compute, and another in the card): the
    declared side's stays, and the contradiction is said.  A manifest's 5e+22 FLOP kept a
    model "not in scope" while its card said 3.8e+25, with no word of the card's."""
    if ours.number is None or theirs.number is None or isclose(ours.number, theirs.number):
        return
    message = (
        f"{kind.title}: {_who_states(ours)} says '{ours.value}' "
        f"({ours.provenance.describe()}) but {theirs.provenance.describe()} says "
        f"'{theirs.value}'; osai keeps {_who_states(ours)}'s, '{ours.value}': check which "
        "is right"
    )
    finding = Finding(
        FindingKind.CONFLICT, message, (ours.provenance, theirs.provenance), fact=kind.id
    )
    resolve.conflicts.append(
        Conflict(
            ConflictKind.FACT,
            kind.id,
            ours.value,
            theirs.value,
            ours.value,
            finding,
            ours.provenance,
            theirs.provenance,
        )
    )


_SOURCE_NAMES = {
    "manifest": "the manifest",
    "hub": "the Hub repository",
    "local": "the directory",
    "mot": "the Model Openness Tool listing",
    "eosai": "the European Open Source AI Index",
    "github": "the GitHub repository",
    "hub-dataset": "the dataset's Hub card",
    "arxiv": "the arXiv record",
    "links": "the card's links",
    CONFIG_SOURCE: "osai's configuration",
    "cyclonedx": "the CycloneDX BOM",
    "spdx": "the SPDX BOM",
    "detection": "osai's detection rules",
    "inference": "osai's inference",
}


def _source_name(source: str) -> str:
    return _SOURCE_NAMES.get(source, f"the {source} evidence")


def _who(evidence: ComponentEvidence) -> str:
    """Each source of the evidence by name: "the manifest and the directory", never the ids
    joined ("the local/manifest evidence")."""
    names = [_source_name(source) for source in sorted({p.source for p in evidence.provenance})]
    if not names:
        return "the evidence"
    return joined(names)


def _who_states(fact: Fact) -> str:
    return _source_name(fact.provenance.source)


def _where(fact: LicenceFact) -> str:
    """Where a licence was stated, with the value found there only when it is not the licence
    itself: "LICENSE = Apache-2.0 says 'Apache-2.0'" says it twice."""
    provenance = fact.provenance
    if provenance.value.strip().casefold() == fact.text.strip().casefold():
        provenance = replace(provenance, value="")
    return provenance.describe()


def _first_provenance(evidence: ComponentEvidence) -> Provenance | None:
    return evidence.provenance[0] if evidence.provenance else None


def _first(evidence: ComponentEvidence) -> str:
    return evidence.provenance[0].describe() if evidence.provenance else "no detail"


def _farther_bases(detected: Release, declared: Release) -> tuple[FartherBase, ...]:
    """What the bases derive from in turn, as either states it, each once (the detected first):
    a BOM's lineage checked with --manifest was dropped, a Llama 2 base two ancestors up unread."""
    found: dict[tuple[str, str], FartherBase] = {}
    for base in (*detected.farther_bases, *declared.farther_bases):
        found.setdefault((base.model.casefold(), base.of.casefold()), base)
    return tuple(found.values())


def _base_licences(detected: Release, declared: Release) -> tuple[BaseLicence, ...]:
    """The bases' licences both know, each base once, as the detected states it where both do."""
    found = {base.model.casefold(): base for base in declared.base_licences}
    found.update({base.model.casefold(): base for base in detected.base_licences})
    return tuple(found.values())
