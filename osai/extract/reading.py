"""Which files of a repository are worth reading, decided once for every backend.

Only a few small files are ever read: the model card (always, first), then, in this order:

1. `declares`: a manifest at the top of the repository (rules/detection.yaml `manifests`);
2. `names_base`: an adapter's config, when the card names no base model (rules/detection.yaml
   `adapter_config`): the model it adapts, whose licence may bind it; a merge's recipe
   (`merge_config`): the models it merges, which its card may not all name;
3. `settles`: the repository's licence file, when the card's licence id does not settle the
   licence (``other``, ``unknown``, none): the file ``license_link`` names, else the top level's
   licence files (``LICENSE``, and a licence directory's texts: REUSE's ``LICENSES/``);
4. `refines`: the top-level licence file when the card already settles the licence (to
   cross-check it, and because code takes it first), CITATION.cff, the model config when the
   host gave none, and the licence files nearer to the files found.

A backend reads as far down this list as reading is cheap: a local directory reads all of it,
the Hub (a request per file) reads the first three kinds only (osai.snapshot.READ_ON_THE_HUB).  So
the same listing and card lead to the same files, in the same order, whichever backend reads them.
"""

from __future__ import annotations

from collections.abc import Iterator

from osai.card.evidence import listed_licence, several_tagged, tag_licences, unsettled_licences
from osai.card.model import CardFacts
from osai.detection import DetectionRules
from osai.extract.files import ListingScan, scan_snapshot
from osai.extract.licence_files import linked_licence_file
from osai.extract.observations import ancestors, licence_scope
from osai.licenses import LicenceKnowledge, settles
from osai.snapshot import SETTLING_READS, PlannedRead, Purpose, ReadPlan, RepoSnapshot


def plan_reads(
    snapshot: RepoSnapshot,
    card: CardFacts | None,
    rules: DetectionRules,
    knowledge: LicenceKnowledge,
    scan: ListingScan | None = None,
    digests_of: str = "",
) -> ReadPlan:
    """The files to read; and, when `digests_of` names a component (the final parameters, when a
    BOM is written), the files of it whose content digests are wanted."""
    if scan is None:
        scan = scan_snapshot(snapshot, rules)
    reads = [
        *_manifests(snapshot, rules),
        *_adapter_config(snapshot, rules),
        *_merge_config(snapshot, rules),
        *_licence_reads(snapshot, scan, card, rules, knowledge),
        *_refining(snapshot, scan, rules),
    ]
    unique: dict[str, PlannedRead] = {}
    for read in reads:
        if read.path not in snapshot.texts:
            unique.setdefault(read.path, read)
    text = snapshot.card_text or ""
    return ReadPlan(
        tuple(unique.values()),
        bool(text) and bool(rules.checkpoints.card_hint.search(text)),
        _files_of(scan, digests_of),
    )


def _files_of(scan: ListingScan, component: str) -> tuple[str, ...]:
    """The files that are the component (as its evidence lists them: ComponentEvidence.files)."""
    if not component:
        return ()
    return tuple(
        path
        for match in scan.matches
        if match.component == component and match.kind.licensed_by_file
        for path in match.paths
    )


def _manifests(snapshot: RepoSnapshot, rules: DetectionRules) -> Iterator[PlannedRead]:
    for name in rules.files.manifest_names:
        if name in snapshot.top_level:
            yield PlannedRead(snapshot.top_level[name], Purpose.DECLARES)


def base_naming_reads(snapshot: RepoSnapshot, rules: DetectionRules) -> tuple[str, ...]:
    """The files that may name the models it derives from beyond its card (an adapter's
    config, a merge's recipe), as the plan reads them: a base model's are read so too."""
    return tuple(
        r.path for r in (*_adapter_config(snapshot, rules), *_merge_config(snapshot, rules))
    )


def _adapter_config(snapshot: RepoSnapshot, rules: DetectionRules) -> Iterator[PlannedRead]:
    """An adapter's config, whatever the card names: it may name a base the card does not."""
    path = snapshot.top_level_name(rules.files.adapter_config_names)
    if path is not None:
        yield PlannedRead(path, Purpose.NAMES_BASE)


def _merge_config(snapshot: RepoSnapshot, rules: DetectionRules) -> Iterator[PlannedRead]:
    """A merge's recipe, whatever the card names: it may name models the card does not."""
    path = snapshot.top_level_name(rules.files.merge_config_names)
    if path is not None:
        yield PlannedRead(path, Purpose.NAMES_BASE)


def _licence_reads(
    snapshot: RepoSnapshot,
    scan: ListingScan,
    card: CardFacts | None,
    rules: DetectionRules,
    knowledge: LicenceKnowledge,
) -> Iterator[PlannedRead]:
    """The repository's licence file: to settle the licence, or to refine a settled one."""
    linked = linked_licence_file(snapshot, card, rules.files)
    # the file the card links is the licence; else the top level's, all of them: a LICENSE
    # beside LICENSES/CC-BY-NC-4.0.txt is read with it, as a local directory reads them
    top_files = sorted(
        (
            (rule.held, path)
            for path, rule in scan.licence_files
            if licence_scope(path, held=rule.held) == ""
            and rule.covers is None
            and not rule.fallback
        ),
    )
    candidates = [linked] if linked else [path for _, path in top_files]
    settled = _licence_settled(snapshot, card, rules, knowledge)
    purpose = Purpose.REFINES if settled else Purpose.SETTLES
    for path in candidates[:SETTLING_READS]:
        yield PlannedRead(path, purpose)


def _licence_settled(
    snapshot: RepoSnapshot,
    card: CardFacts | None,
    rules: DetectionRules,
    knowledge: LicenceKnowledge,
) -> bool:
    """The card names one licence osai knows (`other` read through license_name), or the host's
    licence tag does for a silent card.  A card listing licences that differ counts as settled:
    no licence file can settle it (it stays unknown)."""
    if card is not None and card.licences:
        if unsettled_licences(card, knowledge):
            return True
        text: str | None = listed_licence(card.licences[0], card, knowledge)[0]
    else:
        tagged = tag_licences(snapshot.host.tags, rules.card.host_tags.licence)
        if several_tagged(tagged, knowledge):  # the card's list, as the Hub tags it: as above
            return True
        text = tagged[0] if tagged else None
    return text is not None and settles(text, knowledge)


def _refining(
    snapshot: RepoSnapshot, scan: ListingScan, rules: DetectionRules
) -> Iterator[PlannedRead]:
    citation = snapshot.top_level_name(rules.files.citation_names)
    if citation is not None:
        yield PlannedRead(citation, Purpose.REFINES)
    config = _model_config(snapshot, scan, rules)
    if config is not None:
        yield PlannedRead(config, Purpose.REFINES)
    yield from (
        PlannedRead(path, Purpose.REFINES) for path in covering_licence_files(scan, snapshot)
    )


def _model_config(snapshot: RepoSnapshot, scan: ListingScan, rules: DetectionRules) -> str | None:
    """The model config to read where the host gave none: beside modelling code too, as it
    states the architecture (rules/detection.yaml `states_fact`) whoever's code runs it.  Left
    unread there, the card's lack of an architecture section read as "not described", and
    publishing modeling_olmo.py lowered EOSAI's model-card grade from open to partial."""
    if snapshot.host.config is not None:
        return None
    configs = [p for m in scan.matches if m.kind.model_config for p in m.paths]
    return min(configs, key=lambda p: (p.count("/"), p)) if configs else None


def covering_licence_files(scan: ListingScan, snapshot: RepoSnapshot) -> list[str]:
    """The licence files that can cover something found (the top, and above every file found:
    a component's files may sit under different licences), top level first."""
    wanted = {""} | {
        directory
        for match in scan.matches
        if match.kind.licensed_by_file
        for path in match.paths
        for directory in ancestors(path)
    }
    return sorted(
        (
            path
            for path, rule in scan.licence_files
            if licence_scope(path, held=rule.held) in wanted
        ),
        key=lambda path: (path.count("/"), path),
    )
