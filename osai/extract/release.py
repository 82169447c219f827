"""The one pipeline: a RepoSnapshot (and its card, parsed once) → a Release.

Pure: no I/O.  Whatever backend produced the snapshot, the same files, card and host facts give
the same evidence: observations from the listing, the model config, CITATION.cff, the branches and
the card; the licence files and the repository's licence; then which licence each component takes
(osai.extract.inheritance).

A manifest found inside the repository is the publisher's declaration and is merged with what is
detected (osai.sources.merge).  In someone else's repository it is evidence like the rest of it:
one that is not valid is not used, and a WARNING finding says why; the check goes on.  A manifest
the user names (a target, `--manifest`) is input, and an invalid one is refused (exit 2).  So is
one found in the user's own directory (`RepoSnapshot.owned`), read as when it is named, unless it
is an `osai init` draft no one has reviewed: not their word yet, it is left out as a third
party's is (its licence expressions that do not parse and blank component licences still refused).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from shlex import quote

from osai.card import CardFacts, parse_card
from osai.card.evidence import CardEvidence, UseRestriction, card_evidence, names_part_of
from osai.card.facts import uncontradicted
from osai.card.model import CardField
from osai.detection import DetectionRules
from osai.errors import BadInput
from osai.evidence import (
    BASES_BIND,
    CARD_TERMS,
    UNREAD_BASE,
    Certainty,
    ComponentEvidence,
    Fact,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Provenance,
    Release,
    Unread,
)
from osai.extract.bases import file_bases, unnamed_base_said
from osai.extract.citation import citation_observations
from osai.extract.component_paths import merged_over_repository
from osai.extract.files import (
    ListingScan,
    empty_file_notes,
    file_observations,
    nested_models_warning,
    partial_series_warnings,
    scan_snapshot,
    unaccompanied_index_warnings,
)
from osai.extract.inheritance import assemble_components, licence_context
from osai.extract.licence_files import (
    disagreeing_siblings,
    licence_files,
    repository_licence,
)
from osai.extract.model_config import config_evidence
from osai.extract.observations import LicenceFile, Observation
from osai.extract.reading import covering_licence_files
from osai.hubrefs import base_key, itself_ignored, known_ids, names_itself, parse_hub_target
from osai.licenses import LicenceKnowledge, carries, normalised_licence, settles
from osai.rules import RuleSet
from osai.rules.links import LinkingModel, LinkRules
from osai.schemas import problems_of
from osai.snapshot import RepoSnapshot
from osai.sources.manifest import (
    draft_mark_line,
    own_manifest_text,
    parse_manifest_text,
    refuse_owned_problems,
    release_from_document,
    unfilled_blank,
    unfilled_blank_said,
)
from osai.textsafe import counted


def read_card(snapshot: RepoSnapshot, rules: RuleSet) -> CardFacts | None:
    """The snapshot's model card, parsed once: the file when read, else the host's metadata."""
    text = snapshot.card_text
    metadata = snapshot.host.card_data
    if text is None and metadata is None:
        return None
    card = parse_card(
        text,
        rules.detection.card,
        repositories=rules.links.repositories,
        path=snapshot.card_path or "README.md",
        host_metadata=metadata,
    )
    card = without_none_as_base(card, rules)
    card = without_itself_as_base(card, known_ids(snapshot.hub_id, snapshot.host.repo_id))
    return each_base_once(card)


def each_base_once(card: CardFacts) -> CardFacts:
    """The card naming each base once (hubrefs.base_key): `base_model: [LLaMA 2, LLaMA 2]`
    said "derived from LLaMA 2, LLaMA 2" and warned twice that it is no Hub id."""
    first: dict[str, CardField] = {}
    for base in card.base_models:
        first.setdefault(base_key(base.value), base)
    if len(first) == len(card.base_models):
        return card
    return replace(card, base_models=tuple(first.values()))


def without_none_as_base(card: CardFacts, rules: RuleSet) -> CardFacts:
    """The card without a `base_model` that says there is none (`none`, `n/a`, `from
    scratch`: rules/components.yaml none_words, as a manifest's is read): a local card's
    `base_model: none` was a base named "none", the weights' licence met only "unless base
    model none (not followed) binds", and --follow asked the Hub for the model `none`."""
    if not any(rules.names_no_base(b.value) for b in card.base_models):
        return card
    return replace(
        card, base_models=tuple(b for b in card.base_models if not rules.names_no_base(b.value))
    )


def without_itself_as_base(card: CardFacts, own_ids: frozenset[str]) -> CardFacts:
    """The card without a `base_model` naming the model itself (a copied card's leftover, or a
    slip): a model is not derived from itself, so it is not read as its own base nor said to
    derive from itself; a warning says it was ignored."""
    selves = [b for b in card.base_models if names_itself(b.value, own_ids)]
    if not selves:
        return card
    problems = tuple(replace(b, value=itself_ignored(f"'{b.key}'", b.value)) for b in selves)
    kept = tuple(b for b in card.base_models if b not in selves)
    return replace(card, base_models=kept, problems=(*card.problems, *problems))


def _custom_licence_unsettled(
    evidence: CardEvidence,
    licence: LicenceFact | None,
    files: tuple[LicenceFile, ...],
    rules: RuleSet,
) -> tuple[Finding, ...]:
    """The card's warning that its custom licence is one osai does not recognise, unless a
    licence file settles the repository's licence (the LICENSE `license_link` names, of MIT):
    "the components it covers stay unknown" was said of weights that file made MIT, met."""
    from_file = licence is not None and licence.provenance.location in {f.path for f in files}
    if from_file and licence is not None and settles(licence.text, rules.licences):
        return ()
    return evidence.custom_licence


def release_from_snapshot(
    snapshot: RepoSnapshot,
    rules: RuleSet,
    card: CardFacts | None = None,
    scan: ListingScan | None = None,
) -> Release:
    """Everything the snapshot is evidence of (merged with a manifest found in it).  `card` and
    `scan`, when given, are the snapshot's card and listing already parsed and classified."""
    card = card if card is not None else read_card(snapshot, rules)
    detection = rules.detection
    if scan is None:
        scan = scan_snapshot(snapshot, detection)
    empty = CardFacts(path=snapshot.card_path or "")
    linking = LinkingModel.of(snapshot.producer, snapshot.hub_id)
    adapter_config = snapshot.top_level_name(detection.files.adapter_config_names) or ""
    evidence = card_evidence(
        card or empty,
        snapshot.source,
        rules,
        snapshot.host.tags,
        snapshot.host,
        linking,
        adapter_config,
    )
    config = config_evidence(snapshot, scan, detection)
    own_ids = known_ids(snapshot.hub_id, snapshot.host.repo_id)
    named = file_bases(snapshot, card, detection, own_ids)
    adapter, recipe = named.adapter, named.recipe
    citations, citation_findings = citation_observations(snapshot, detection)
    covering = covering_licence_files(scan, snapshot)
    files, file_findings = licence_files(
        snapshot, card, detection.files, detection.licence_text, rules.licences, covering
    )
    files, sibling_findings = disagreeing_siblings(
        files, rules.licences, detection.conflict_open_set
    )
    declared = repository_licence(evidence, files, rules.licences, detection.conflict_open_set)
    licence = declared.licence
    observations = [
        *file_observations(scan, snapshot.source, snapshot.listing_name),
        *config.observations,
        *citations,
        *_branch_observations(snapshot, detection),
        *evidence.observations,
        *_unread_card(snapshot, evidence, detection),
    ]
    context = licence_context(rules, licence, files, card_unsettled=declared.unsettled)
    components, conflicts = assemble_components(observations, rules, context)
    components, said_otherwise = weights_as_the_card_says(components, evidence, rules)
    # a Hub model's card (or a cache snapshot's) is its publisher's to correct, a --manifest
    # given with it or not: Release.card_is_theirs
    components, restricted = weights_restricted_by_the_card(
        components, evidence, rules, theirs=not snapshot.hub_id
    )
    base_models = (
        tuple(b.value for b in card.base_models) if card is not None else ()
    ) + named.base_models
    components, unnamed = unnamed_base(
        components, card, bool(base_models), rules.links, snapshot.source
    )
    components = _reserved(components, recipe.unread, rules.links)
    components = _reserved(components, adapter.unread, rules.links)
    findings = (
        *snapshot.findings,
        *empty_file_notes(scan, snapshot.source),
        *partial_series_warnings(scan, snapshot.source),
        *nested_models_warning(scan, snapshot.source, snapshot.files_root),
        *unaccompanied_index_warnings(scan, snapshot.source),
        *config.findings,
        *adapter.findings,
        *citation_findings,
        *file_findings,
        *sibling_findings,
        *declared.findings,
        *evidence.findings,
        *recipe.findings,  # after the card's own word on its bases
        *_custom_licence_unsettled(evidence, licence, files, rules),
        *conflicts,
        *said_otherwise,
        *restricted,
        *unnamed,
    )
    file_facts = {fact.key: fact for fact in (*config.facts, *adapter.facts, *recipe.facts)}
    card_facts = uncontradicted(evidence.facts, file_facts, detection.card)
    detected = Release(
        target=snapshot.target,
        source=snapshot.source,
        name=snapshot.name,
        producer=snapshot.producer,
        revision=snapshot.revision,
        revision_asked=snapshot.revision_asked,
        components=components,
        facts=_with_stated(
            _with_file_bases(card_facts, (*adapter.facts, *recipe.facts)),
            (*config.facts, *adapter.facts, *recipe.facts),
        ),
        findings=findings,
        document=snapshot.document,
        card=(snapshot.card_path or "") if snapshot.files_root else "",
        base_models=base_models,
        named_links=named.named_links,
        licence=licence,
        last_modified=snapshot.host.last_modified,
        host_id=snapshot.host.repo_id,
        cached_on=snapshot.host.kept_on if snapshot.host.offline else None,
        hub_id=snapshot.hub_id,
        files_listed=snapshot.listing is not None,
        owned=snapshot.owned,
        unread=_unread_card_facts(snapshot, card, detection),
        digests=snapshot.digests,
    )
    return _with_manifest_inside(detected, snapshot, rules)


def weights_as_the_card_says(
    components: dict[str, ComponentEvidence], evidence: CardEvidence, rules: RuleSet
) -> tuple[dict[str, ComponentEvidence], tuple[Finding, ...]]:
    """The weights with the licence their card's licence section names, where it is not the one
    credited to them, as one that may apply instead (inferred: a verdict stands only where
    both give it, else unknown, as for a card whose licence fields disagree), and a CONFLICT
    finding naming both: a LICENSE of MIT (or a card's `license: mit`) made the weights MIT,
    met, while the card said "The model weights are released under CC BY-NC 4.0".  The other
    way round (`license: cc-by-nc-4.0`, a section saying MIT) is unknown too, not unmet: the
    publisher's words disagree, and a gate is not passed on it (NOT PROVEN).  Weights credited
    no licence, or one osai cannot judge (`license: unknown`), are credited none from prose: a
    declaration settles them.  One mechanism (LicenceFact.alternatives), so an AI
    BOM osai writes of it is judged the same when read back."""
    statements = rules.detection.card.licence_statements
    if not evidence.weights_licences or statements is None:
        return components, ()
    knowledge = rules.licences
    same = partial(normalised_licence, knowledge=knowledge)
    changed = dict(components)
    findings: list[Finding] = []
    for component_id, weights, licence in _weights_credited(
        components, statements.components, rules
    ):
        others = tuple(
            fact
            for fact in evidence.weights_licences
            if not any(names_part_of(fact.text, text, knowledge) for text in licence.texts)
            and same(fact.text) not in {same(text) for text in licence.texts}
        )
        if not others:
            continue
        changed[component_id] = replace(weights, licence=licence.or_instead(others, same))
        findings.append(_said_otherwise(licence, others))
    return changed, tuple(dict.fromkeys(findings))


def _weights_credited(
    components: dict[str, ComponentEvidence], weight_ids: Sequence[str], rules: RuleSet
) -> Iterator[tuple[str, ComponentEvidence, LicenceFact]]:
    """Each weights component credited a licence osai can judge, with it: what the card's
    licence section may contradict.  `license: unknown` credits none: a declaration settles
    it, not prose."""
    for component_id in weight_ids:
        weights = components.get(component_id)
        licence = weights.licence if weights is not None else None
        if weights is not None and licence is not None and settles(licence.text, rules.licences):
            yield component_id, weights, licence


def _said_otherwise(licence: LicenceFact, others: tuple[LicenceFact, ...]) -> Finding:
    said = "; ".join(
        f'{_line_of(other.provenance)} says "{other.provenance.value}"' for other in others
    )
    named = " or ".join(other.text for other in others)
    message = (
        f"the weights are credited {licence.text} ({_line_of(licence.provenance)}), but "
        f"{said}: {named} may apply instead, so a verdict on them stands only where both give "
        "it (correct the card or the licence)"
    )
    cited = (licence.provenance, *(other.provenance for other in others))
    # a verdict stands only where both licences give it: the stricter governs
    return Finding(FindingKind.CONFLICT, message, cited, stricter_kept=True)


# The sentences an `unless` of the card's terms names, at most (a reason says it again).
MAX_TERMS_NAMED = 3


def weights_restricted_by_the_card(
    components: dict[str, ComponentEvidence],
    evidence: CardEvidence,
    rules: RuleSet,
    *,
    theirs: bool = True,
) -> tuple[dict[str, ComponentEvidence], tuple[Finding, ...]]:
    """The weights' licence met only where the use restrictions the card's licence section
    states, naming no licence, do not bind (LicenceFact.unless, evidence.CARD_TERMS), and a
    CONFLICT finding naming both: a card's `license: apache-2.0` beside a License section
    saying "The model weights may be used for non-commercial research purposes only" was
    exempt under the AI Act.  Prose is no licence osai can judge: a verdict the credited
    licence meets is unknown, one it fails still fails.  A sentence whose terms the licence
    carries describes it (a CC BY-NC card's "non-commercial use only"; any of its categories,
    in any licence that may apply: "released for non-commercial use under CC BY-NC 4.0" beside
    a LICENSE of MIT is weights_as_the_card_says' conflict, not a second one, and a verdict
    stands there only where both licences give it); weights credited no licence osai can judge
    are left as they are, as weights_as_the_card_says leaves them.  `theirs`: the card is the
    person checking's to correct (a local directory's), else its publisher's."""
    statements = rules.detection.card.licence_statements
    if not evidence.weights_restrictions or statements is None:
        return components, ()
    knowledge = rules.licences
    changed = dict(components)
    findings: list[Finding] = []
    for component_id, weights, licence in _weights_credited(
        components, statements.components, rules
    ):
        beyond = tuple(
            said
            for said in evidence.weights_restrictions
            if not any(
                carries(text, category, knowledge)
                for text in licence.texts
                for category in said.categories
            )
        )
        if not beyond:
            continue
        if not licence.unless:  # one standing (a base left unread) keeps it unknown as well
            unless = f"{CARD_TERMS} ({_terms_said(beyond, knowledge)})"
            changed[component_id] = replace(weights, licence=replace(licence, unless=unless))
        findings.append(_restricted_otherwise(licence, beyond, knowledge, theirs))
    return changed, tuple(dict.fromkeys(findings))


def _terms_said(said: tuple[UseRestriction, ...], knowledge: LicenceKnowledge) -> str:
    """Where each sentence is and the terms it says: "README.md:88: no commercial use, research
    use only"; the first MAX_TERMS_NAMED."""
    named = [
        f"{_line_of(s.provenance)}: "
        + ", ".join(knowledge.restriction_title(c) for c in s.categories)
        for s in said[:MAX_TERMS_NAMED]
    ]
    more = len(said) - MAX_TERMS_NAMED
    return "; ".join(named) + (f"; and {more} more" if more > 0 else "")


def _restricted_otherwise(
    licence: LicenceFact,
    said: tuple[UseRestriction, ...],
    knowledge: LicenceKnowledge,
    theirs: bool,
) -> Finding:
    quoted = "; ".join(
        f'{_line_of(s.provenance)} says "{s.provenance.value}" ('
        + ", ".join(knowledge.restriction_title(c) for c in s.categories)
        + ")"
        for s in said
    )
    message = (
        f"the weights are credited {licence.text} ({_line_of(licence.provenance)}), but "
        f"{quoted}: terms {licence.text} does not have, in words osai cannot judge as a "
        f"licence, so no verdict is met on {licence.text} alone ("
        + ("" if theirs else "its publisher must ")
        + "correct the card or the licence)"
    )
    cited = (licence.provenance, *(s.provenance for s in said))
    # terms the licence lacks keep every verdict on it from being met
    return Finding(FindingKind.CONFLICT, message, cited, stricter_kept=True)


def _line_of(provenance: Provenance) -> str:
    return f"{provenance.location}:{provenance.line}" if provenance.line else provenance.location


def unnamed_base(
    components: dict[str, ComponentEvidence],
    card: CardFacts | None,
    names_a_base: bool,
    rules: LinkRules,
    source: str,
) -> tuple[dict[str, ComponentEvidence], tuple[Finding, ...]]:
    """The weights' licence met only if the base model the card says the model was made from
    binds nothing, when the card names none (rules/links.yaml `unnamed_base`): a fine-tune of
    Llama 2 declaring Apache-2.0 whose card left `base_model` out met OSAID, where naming its
    base bound it to Llama 2's licence.  And a warning saying what would settle it."""
    found = unnamed_base_said(card, names_a_base, rules, source)
    if found is None:
        return components, ()
    said, cited = found
    message = (
        f"the card says the model was made from a base model ({said}) but names none: that "
        "base's licence may bind it, and cannot be read; name it in the card's base_model"
    )
    finding = Finding(FindingKind.WARNING, message, (cited,), rules.unnamed_base_component)
    unless = f"{UNREAD_BASE}its card does not name ({said}){BASES_BIND}"
    return _reserved(components, unless, rules), (finding,)


def _reserved(
    components: dict[str, ComponentEvidence], unless: str, rules: LinkRules
) -> dict[str, ComponentEvidence]:
    """The weights' licence met only if a base osai does not know binds nothing (`unless`): the
    one a card names none of, the models a merge's recipe names beyond those osai reads (one
    model thirty-two times, then Llama 2, met on its card's Apache-2.0), an adapter's config
    naming none.  The one place each is set; a reservation already standing is not lifted.
    Only the card's is worded as an unread base's, which --follow lifts once it reads the
    bases: it never reads the others."""
    weights = components.get(rules.unnamed_base_component)
    if not unless or weights is None or weights.licence is None or weights.licence.unless:
        return components
    if weights.presence is Presence.ABSENT:
        return components
    updated = replace(weights, licence=replace(weights.licence, unless=unless))
    return {**components, rules.unnamed_base_component: updated}


def _with_stated(card: Mapping[str, Fact], stated: tuple[Fact, ...]) -> Mapping[str, Fact]:
    """Facts files state, unless the card states them itself (a card's silence does not win)."""
    facts = dict(card)
    for fact in stated:
        if fact.key not in facts or not facts[fact.key].provided:
            facts[fact.key] = fact
    return facts


def _with_file_bases(card: Mapping[str, Fact], named: tuple[Fact, ...]) -> Mapping[str, Fact]:
    """The card's base models and those its adapter's config or merge's recipe name beyond them
    (`named`, rules/detection.yaml `states_fact`), each: the card's alone stood for the release's,
    so `osai init` drafted a base_model that left out Llama 2 its adapter_config.json names, and
    the draft checked alone met OSAID on the card's MIT."""
    facts = dict(card)
    for fact in named:
        stated = facts.get(fact.key)
        if stated is None or not stated.provided:
            continue  # the files' facts stand for the card's silence (_with_stated)
        items = (*(stated.items or (stated.value,)), *(fact.items or (fact.value,)))
        cited = fact.provenance
        where = f"{cited.location}:{cited.line}" if cited.line else cited.location
        note = f"{stated.provenance.note}; {where}: {cited.note}"
        value = ", ".join(items)  # as a card's list is stated, and a manifest reads it
        provenance = replace(stated.provenance, value=value, note=note)
        facts[fact.key] = replace(stated, value=value, provenance=provenance, items=items)
    return facts


def _unread_card_facts(
    snapshot: RepoSnapshot, card: CardFacts | None, rules: DetectionRules
) -> tuple[Unread, ...]:
    """A card the host lists but withholds: the facts it could state (rules/detection.yaml
    `card.facts`) from its body, and from its metadata when the host did not give that either,
    are not read, not unstated; the components its body could show (its data section, its
    evaluation table, its paper and code links: CardPatterns.shown) are not read, not unseen."""
    unread = snapshot.host.card_unread
    if unread is None:
        return ()
    metadata = card is not None and card.metadata_read
    could = (rule.fact for rule in rules.card.facts if not (rule.field and metadata))
    return (replace(unread, facts=tuple(dict.fromkeys(could)), components=rules.card.shown),)


def _unread_card(
    snapshot: RepoSnapshot, evidence: CardEvidence, rules: DetectionRules
) -> Iterator[Observation]:
    """A card the host lists but withholds (gated) is still a card."""
    card = rules.card.components.card
    path = snapshot.card_path
    withheld = snapshot.host.card_unread is not None
    if not withheld or any(o.component == card for o in evidence.observations):
        return
    note = f"{path} is listed; its content could not be read"
    where = f"{snapshot.listing_name}: {path}" if snapshot.listing_name else str(path)
    provenance = Provenance(snapshot.source, where, str(path), Certainty.DETECTED, None, note)
    yield Observation(card, Presence.PRESENT, provenance, path)


def _branch_observations(snapshot: RepoSnapshot, rules: DetectionRules) -> Iterator[Observation]:
    checkpoints = sorted(
        (b for b in snapshot.host.branches or () if rules.checkpoints.is_branch(b)), key=_natural
    )
    if not checkpoints:
        return
    span = checkpoints[0] if len(checkpoints) == 1 else f"{checkpoints[0]}…{checkpoints[-1]}"
    plural = "branch" if len(checkpoints) == 1 else "branches"
    location = f"refs: {span} ({len(checkpoints)} {plural})"
    note = "branch names match checkpoint patterns; the files on them were not listed"
    value = ", ".join(checkpoints[:5])
    provenance = Provenance(snapshot.source, location, value, Certainty.DETECTED, note=note)
    component = rules.checkpoints.component
    # The first branch stands for the files on them all, covered by the top level's licences;
    # the refs (its provenance) say where they are: "step0" alone read as a file.
    yield Observation(component, Presence.PRESENT, provenance, checkpoints[0], located=False)


def _natural(name: str) -> tuple[tuple[int, str], ...]:
    return tuple(
        (int(part), "") if part.isdigit() else (0, part)
        for part in re.split(r"(\d+)", name)
        if part
    )


# --- a manifest inside the repository ----------------------------------------------------------

# How many of an invalid repository manifest's problems its warnings give (the rest counted): a
# hostile file's 10,000 are a count, not a report of pages.
PROBLEMS_SAID = 5


def _with_manifest_inside(detected: Release, snapshot: RepoSnapshot, rules: RuleSet) -> Release:
    _refuse_unread_own_manifest(snapshot, rules)
    found = manifests_inside(snapshot, rules)
    if not found:
        return detected
    path, text = found[0]
    shown = _shown(snapshot, path)
    others = _others_not_read(snapshot, shown, found[1:])
    mark_line = draft_mark_line(text)
    draft = mark_line is not None
    if unfilled_blank(text):  # examples, not the release's word: the user's refused, others' unread
        if snapshot.owned:
            raise BadInput(unfilled_blank_said(shown))
        unfilled = BadInput(
            "`osai init --blank`'s manifest, not filled in: its values are examples"
        )
        return _not_used(detected, snapshot, shown, unfilled, others)
    if snapshot.owned and not draft:
        # The user's own manifest, in the directory they check: whatever is wrong in it (YAML,
        # schema, a component name, a licence) is theirs to fix, refused as when they name the
        # file (BadInput, exit 2), not dropped with a warning a quiet report does not show.
        document = own_manifest_text(text, shown, rules)
    else:
        try:
            document = parse_manifest_text(text, shown, rules)
        except BadInput as exc:
            return _not_used(detected, snapshot, shown, exc, others)
        if snapshot.owned:
            # A draft no one has reviewed is not the release's word: invalid, it is left out
            # as a third party's is; but a licence in it that does not parse or is blank is
            # still refused, not read as a licence osai cannot judge.
            refuse_owned_problems(document, rules)
    declared = release_from_document(document, rules, mark_line=mark_line)
    another = "" if snapshot.owned else _another_models(declared, snapshot)
    if another:
        return _not_used(detected, snapshot, shown, BadInput(another), others)
    merged = merged_over_repository(declared, detected, snapshot, rules)
    return replace(merged, findings=(*merged.findings, *others))


def _another_models(declared: Release, snapshot: RepoSnapshot) -> str:
    """Why a manifest in a Hub repository is another model's, "" when it is not said to be: its
    `huggingface:` names another Hub repository (a fine-tune's copy of its base's files).  Read
    as the repository's word, a Llama 2 fine-tune passed its model card and code on OLMo's
    manifest's licences, which now stand over the card's (own_licence_stands); `--manifest`
    refuses such a manifest (targets._refuse_another_models).  A one-name page (a legacy id,
    an owner) is not judged."""
    own = known_ids(snapshot.hub_id, snapshot.host.repo_id)
    named = parse_hub_target(declared.hub_page) if declared.hub_page else None
    if not own or named is None or "/" not in named or named.casefold() in own:
        return ""
    return f"its huggingface: names {named}, not {snapshot.hub_id}: another model's manifest"


def _refuse_unread_own_manifest(snapshot: RepoSnapshot, rules: RuleSet) -> None:
    """The user's own manifest (under one of osai's own names, always meant as one) that could
    not be read (too large, not UTF-8 text, a symlink out of the directory) is refused as an
    invalid one is, naming the file and why: a warning, and a check that went on as if the
    directory had none, its hint saying to declare in the very file it had not read."""
    if not snapshot.owned:
        return
    files = rules.detection.files
    for name in files.manifest_names:
        path = snapshot.top_level.get(name)
        if name in files.always_manifests and path is not None and path in snapshot.unreadable:
            raise BadInput(f"{_shown(snapshot, path)}: {_why_unread(snapshot, path)}")


def _why_unread(snapshot: RepoSnapshot, path: str) -> str:
    """Why the backend could not read a file, as its finding of it said ("too large (…)")."""
    prefix = f"{path}: "
    for finding in snapshot.findings:
        cited = finding.provenance[0].location if finding.provenance else ""
        if cited == path and finding.message.startswith(prefix):
            return finding.message.removeprefix(prefix)
    return "could not be read"


def _not_used(
    detected: Release,
    snapshot: RepoSnapshot,
    shown: Path,
    exc: BadInput,
    others: tuple[Finding, ...],
) -> Release:
    """A repository's invalid manifest: evidence like the rest of it (possibly someone else's),
    left out with a warning saying why, and the check goes on."""
    if snapshot.owned:  # the user's own unreviewed draft: where to fix it, file:line first
        where = Provenance(snapshot.source, str(shown), "", Certainty.DETECTED)
        said: tuple[Finding, ...] = (
            Finding(FindingKind.WARNING, _draft_not_used(exc, shown), (where,)),
        )
    else:
        said = _repository_not_used(exc, shown, snapshot.source)
    # the settle hint names it: the user's own draft to mend, not `osai init` (which refuses: it
    # exists); a repository's to fix, not "to declare it in the repository's osai.yaml"
    findings = (*detected.findings, *said, *others)
    return replace(detected, findings=findings, manifest_not_used=str(shown))


def _shown(snapshot: RepoSnapshot, path: str) -> Path:
    return Path(snapshot.files_root) / path if snapshot.files_root else Path(path)


def _others_not_read(
    snapshot: RepoSnapshot, read: Path, others: tuple[tuple[str, str], ...]
) -> tuple[Finding, ...]:
    """A warning naming the manifests found beside the one read: osai reads one (the first in
    rules/detection.yaml `manifests.names`), and what the others declare (a restrictive licence)
    must not pass in silence."""
    if not others:
        return ()
    shown = [_shown(snapshot, path) for path, _ in others]
    names = ", ".join(str(path) for path in shown)
    plural = "manifests" if len(shown) > 1 else "manifest"
    message = (
        f"{names}: {plural} not read; osai reads one manifest, {read} (the first in "
        "rules/detection.yaml manifests.names) - keep one manifest in the repository, or pass "
        "another with --manifest to merge it too"
    )
    where = tuple(
        Provenance(snapshot.source, str(path), "", Certainty.DETECTED) for path in (read, *shown)
    )
    return (Finding(FindingKind.WARNING, message, where),)


def _draft_not_used(exc: BadInput, shown: Path) -> str:
    """An invalid draft in the user's own directory: its first problem as a check of the file
    says it ("typo/osai.yaml:34: release.prodcuer: unknown key"), where "the repository's
    manifest was not used (release.prodcuer: …)" dropped the line and called it someone else's."""
    lines, total = problems_of(exc)
    lines = lines or ("",)
    first = lines[0] if lines[0].startswith(str(shown)) else f"{shown}: {lines[0]}"
    more = f"; and {counted(total - 1, 'more problem')}" if total > 1 else ""
    check = f"`osai check {quote(str(shown))}`"
    return f"{first}{more}; the `osai init` draft was not used ({check} says why)"


def _repository_not_used(exc: BadInput, shown: Path, source: str) -> tuple[Finding, ...]:
    """A repository's invalid manifest: each problem a warning at its line, as a check of the
    file says them ("osai.yaml:9: framework.version: expected text, found a list"), where one
    warning gave the first alone with no line ("and 3 more"); of a hostile file's thousands,
    the first PROBLEMS_SAID, and how many in all."""
    problems, total = problems_of(exc)
    problems, total = (problems, total) if problems else (("invalid",), 1)
    said = tuple(_problem(line, shown, source) for line in problems[:PROBLEMS_SAID])
    not_used = "the repository's manifest was not used"
    if total == 1:
        only = said[0]
        return (replace(only, message=f"{only.message}; {not_used}"),)
    which = "each below" if total == len(said) else f"the first {len(said)} below"
    message = f"{shown}: {not_used}, being invalid: {counted(total, 'problem')}, {which}"
    where = Provenance(source, str(shown), "", Certainty.DETECTED)
    return (Finding(FindingKind.WARNING, message, (where,)), *said)


def _problem(line: str, shown: Path, source: str) -> Finding:
    """One problem of a manifest as a warning, at its line when the problem names one."""
    named = re.match(rf"{re.escape(str(shown))}(?::(\d+))?: ", line)
    message = line if named else f"{shown}: {line}"
    number = int(named.group(1)) if named and named.group(1) else None
    where = Provenance(source, str(shown), "", Certainty.DETECTED, line=number)
    return Finding(FindingKind.WARNING, message, (where,))


def manifests_inside(snapshot: RepoSnapshot, rules: RuleSet) -> tuple[tuple[str, str], ...]:
    """The top-level files with a manifest's name whose top level has the manifest's keys (a
    `model.yml` may be a training config: a file that does not look like a manifest is not taken
    for one), or with one of osai's own names (`osai.yaml`), which is always meant as one; in
    rules/detection.yaml `manifests.names` order: the first is the one read."""
    files = rules.detection.files
    found: list[tuple[str, str]] = []
    for name in files.manifest_names:
        path = snapshot.top_level.get(name)
        text = snapshot.text(path) if path is not None else None
        if path is not None and text is not None and rules.detection.files.is_manifest(name, text):
            found.append((path, text))
    return tuple(found)
