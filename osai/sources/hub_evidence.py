"""What a Hub repository shows, as evidence: a HubSnapshot (osai.sources.hub) → Release.

Pure: no network, no huggingface_hub; the transport in osai.sources.hub decides what to fetch by
asking `wants_branches` and `wanted_files`, then hands the snapshot here.

Every fact carries its provenance (source "hub"; a location such as ``cardData.license``,
``siblings: model.safetensors``, ``refs: step0…step143000 (154 branches)`` or ``README.md`` with
its line) and how it is known: DETECTED for what the Hub holds (its file list, branches, card
data), INFERRED for what a name or a link suggests.  Components the Hub cannot show stay UNKNOWN,
never ABSENT; only a sentence of the card (or a manifest) saying something is not released makes it
ABSENT.

Licences.  The card's ``license:`` is the repository's (on the Hub a licence file is rarely more
specific); ``other`` is read through ``license_name`` and, when a licence file is listed (or
``license_link`` names one in the repository) and was fetched, through that file; failing both, a
licence the gating prompt names (``extra_gated_prompt``: "You agree to the [Falcon-180B TII
license](...)"), inferred (osai.sources.merge.repository_licence).  Files of the repository inherit
it as rules/detection.yaml ``licence_inheritance`` says, and the report says they inherited it;
the components ``release_licence_covers`` lists (the weights) take it even when the file list was
not seen, their presence staying unknown.  Anything the card only links to (datasets, papers, code
repositories) is present with no licence: a link is evidence that something is published, not of
its licence.

All patterns (file names, checkpoint branch names, headings, link hosts, licence titles) come from
rules/detection.yaml, through the compiled tables of osai.sources.local and osai.sources.card; the
file list is classified by osai.sources.local.scan_paths, as a directory walk would classify it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from osai.errors import BadInput
from osai.evidence import (
    Certainty,
    Fact,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.rules import RuleSet
from osai.sources.card import (
    CardEvidence,
    CardFacts,
    card_evidence,
    card_patterns,
    parse_card,
    parse_card_data,
)
from osai.sources.compiled import compiled
from osai.sources.local import (
    DirectoryScan,
    LicenceFileRule,
    architecture_library,
    architecture_name,
    architecture_observations,
    file_observations,
    file_patterns,
    has_architecture_code,
    licence_of_file,
    licence_patterns,
    reason,
    scan_paths,
)
from osai.sources.manifest import load_manifest_document, read_manifest, release_from_document
from osai.sources.merge import (
    LicenceFile,
    Observation,
    assemble_components,
    licence_context,
    merge_releases,
    repository_licence,
    settles,
)
from osai.yamlsafe import YamlDocument, parse_yaml

if TYPE_CHECKING:
    from osai.sources.hub import HubFile, HubSnapshot

SOURCE = "hub"
README = "README.md"
CARD_DATA = "cardData"
LICENSE_TAG = "license:"
DATASET_TAG = "dataset:"
ARXIV_TAG = "arxiv:"
SIBLINGS = "siblings"
PUBLIC_DATA_SOURCES = "public_data_sources"


# --- what the transport should fetch -------------------------------------------------------


def max_read_bytes(rules: RuleSet) -> int:
    """The largest file osai reads (a card, a licence, a manifest); weights are never read."""
    return file_patterns(rules).limits.max_read_bytes


def wants_branches(snapshot: HubSnapshot, rules: RuleSet) -> bool:
    """Whether listing the branches can show intermediate checkpoints: the card speaks of them
    (rules/detection.yaml `checkpoints.card_hints`, or a checkpoint name written out)."""
    text = snapshot.readme.text if snapshot.readme is not None else ""
    return bool(text) and _checkpoint_hint(rules).search(text) is not None


def wanted_files(snapshot: HubSnapshot, rules: RuleSet) -> tuple[str, ...]:
    """The few files worth one request each: a licence file when the card's licence id does not
    settle the licence, and a manifest found in the file list."""
    wanted: list[str] = []
    meta = _meta_evidence(snapshot, rules)
    licence = meta.licence
    unsettled = licence is None or not settles(licence.text, rules.licences)
    if unsettled and not meta.unsettled_licences:
        wanted.extend(_licence_file_candidates(snapshot, _meta_card(snapshot, rules), rules)[:1])
    wanted.extend(_manifest_candidates(snapshot, rules)[:1])
    return tuple(wanted)


def _checkpoint_hint(rules: RuleSet) -> re.Pattern[str]:
    return compiled(rules, "checkpoints", _compile_checkpoint_hint)


def _compile_checkpoint_hint(rules: RuleSet) -> re.Pattern[str]:
    checkpoints = rules.detection["checkpoints"]
    names = [rf"\b(?:{p})\b" for p in checkpoints["patterns"]]
    return re.compile("|".join([*(checkpoints.get("card_hints") or ()), *names]), re.IGNORECASE)


def _licence_file_candidates(
    snapshot: HubSnapshot, card: CardFacts | None, rules: RuleSet
) -> list[str]:
    """Top-level licence files for the whole repository, after a linked one.  A NOTICE (a
    fallback licence file) names licences but grants none: it never resolves the card's licence."""
    linked = _linked_repo_file(snapshot, card, rules)
    listed = [
        name
        for name in sorted(snapshot.siblings or ())
        if "/" not in name and name != linked and _repository_rule(name, rules) is not None
    ]
    return [linked, *listed] if linked else listed


def _repository_rule(name: str, rules: RuleSet) -> LicenceFileRule | None:
    """The rule of a licence file for the whole repository that is not a fallback (NOTICE)."""
    rule = file_patterns(rules).licence_rule(PurePosixPath(name).name.lower())
    if rule is None or rule.covers is not None or rule.fallback:
        return None
    return rule


def _linked_repo_file(snapshot: HubSnapshot, card: CardFacts | None, rules: RuleSet) -> str | None:
    """The top-level file ``license_link`` names, when it is a file of this repository and not
    a licence file of narrower scope or a fallback (NOTICE)."""
    if card is None or card.licence_link is None:
        return None
    link = card.licence_link.value.strip()
    name = _repo_file_of(link, snapshot) if "://" in link else link.removeprefix("./")
    if not name or "/" in name or (snapshot.siblings is not None and name not in snapshot.siblings):
        return None
    if file_patterns(rules).licence_rule(name.lower()) is not None:
        return name if _repository_rule(name, rules) is not None else None
    return name


def _repo_file_of(url: str, snapshot: HubSnapshot) -> str | None:
    from osai.sources.hub import HUB_URL_HOSTS

    split = urlsplit(url)
    hosts = {*HUB_URL_HOSTS, urlsplit(snapshot.endpoint).netloc}
    parts = [part for part in split.path.split("/") if part]
    repo = snapshot.repo_id.split("/")
    if split.netloc not in hosts or parts[:2] != repo or len(parts) < 5:
        return None
    return "/".join(parts[4:]) if parts[2] in ("blob", "resolve", "raw") else None


def _manifest_candidates(snapshot: HubSnapshot, rules: RuleSet) -> list[str]:
    patterns = file_patterns(rules)
    top = {name.lower(): name for name in snapshot.siblings or () if "/" not in name}
    return [top[name] for name in patterns.manifest_names if name in top]


# --- the release ---------------------------------------------------------------------------


def release_from_snapshot(snapshot: HubSnapshot, rules: RuleSet) -> Release:
    """Everything the snapshot is evidence of, as one Release of source "hub"."""
    findings: list[Finding] = []
    body_card = _body_card(snapshot, rules)
    meta = _meta_evidence(snapshot, rules)
    scan = scan_paths(sorted(snapshot.siblings or ()), file_patterns(rules))
    licence_files = _read_licence_files(snapshot, _meta_card(snapshot, rules), rules, findings)
    card_licence = _repository_licence(meta, licence_files, rules)
    observations = [
        *file_observations(scan, SOURCE, listed_in=SIBLINGS),
        *_architecture_observations(snapshot, scan, rules),
        *_branch_observations(snapshot, rules),
        *_card_observations(snapshot, body_card, meta, rules),
    ]
    context = licence_context(
        rules, card_licence, licence_files, card_unsettled=bool(meta.unsettled_licences)
    )
    components, conflicts = assemble_components(observations, rules, context)
    return Release(
        target=snapshot.repo_id,
        source=SOURCE,
        name=snapshot.repo_id,
        producer=snapshot.author or snapshot.repo_id.split("/", 1)[0],
        revision=snapshot.sha,
        components=components,
        facts={**meta.facts, **_dataset_facts(snapshot, meta, body_card)},
        findings=(*_snapshot_findings(snapshot), *meta.findings, *findings, *conflicts),
        document=f"{snapshot.endpoint}/{snapshot.repo_id}",
    )


# --- the card ------------------------------------------------------------------------------


def _body_card(snapshot: HubSnapshot, rules: RuleSet) -> CardFacts | None:
    if snapshot.readme is None:
        return None
    return parse_card(snapshot.readme.text, card_patterns(rules), name=README)


def _meta_card(snapshot: HubSnapshot, rules: RuleSet) -> CardFacts | None:
    """The card's metadata: cardData as the Hub parsed it, else the README's front matter."""
    if snapshot.card_data is not None:
        return parse_card_data(snapshot.card_data, "", card_patterns(rules))
    return _body_card(snapshot, rules)


def _meta_evidence(snapshot: HubSnapshot, rules: RuleSet) -> CardEvidence:
    """Licence, facts and findings from the card's metadata, located in cardData when online."""
    card = _meta_card(snapshot, rules)
    if card is None:
        return CardEvidence(licence=_tag_licence(snapshot))
    keyed = snapshot.card_data is not None
    location = CARD_DATA if keyed else README
    evidence = card_evidence(card, location, SOURCE, rules, keyed=keyed)
    if evidence.unsettled_licences:  # the card's list decides "unknown": no tag stands in
        return evidence
    return replace(evidence, licence=evidence.licence or _tag_licence(snapshot))


def _tag_licence(snapshot: HubSnapshot) -> LicenceFact | None:
    tag = next((t for t in snapshot.tags if t.startswith(LICENSE_TAG)), None)
    if tag is None:
        return None
    value = tag[len(LICENSE_TAG) :]
    note = "the Hub's licence tag (the card's license id)"
    return LicenceFact(value, Provenance(SOURCE, "tags", tag, Certainty.DETECTED, note=note))


def _card_observations(
    snapshot: HubSnapshot, body: CardFacts | None, meta: CardEvidence, rules: RuleSet
) -> Iterator[Observation]:
    """The card's own evidence (README.md with lines when read, else cardData)."""
    if body is not None:
        yield from card_evidence(body, README, SOURCE, rules).observations
        return
    ids = card_patterns(rules).components
    yield from (_relocated(o) for o in meta.observations)
    listed = snapshot.siblings is not None and README in snapshot.siblings
    if listed and not any(o.component == ids.card for o in meta.observations):
        note = "README.md is listed; its content could not be read"
        provenance = Provenance(
            SOURCE, f"siblings: {README}", README, Certainty.DETECTED, None, note
        )
        yield Observation(ids.card, Presence.PRESENT, provenance, README)
    yield from _tag_papers(snapshot, ids.paper)


def _relocated(observation: Observation) -> Observation:
    """cardData is the README's front matter: what it shows lives in README.md."""
    if observation.path != CARD_DATA:
        return observation
    return replace(observation, path=README)


def _tag_papers(snapshot: HubSnapshot, paper: str) -> Iterator[Observation]:
    """Without the card's body, the Hub's arxiv: tags (papers the card cites) stand in."""
    for tag in snapshot.tags:
        if tag.lower().startswith(ARXIV_TAG):
            note = "the Hub tags the repository with a paper its card cites; the body was not read"
            provenance = Provenance(SOURCE, "tags", tag, Certainty.INFERRED, note=note)
            yield Observation(paper, Presence.PRESENT, provenance)


def _dataset_facts(
    snapshot: HubSnapshot, meta: CardEvidence, body: CardFacts | None
) -> dict[str, Fact]:
    """cardData.datasets (or the Hub's dataset: tags): where listed training data can be had."""
    names = [str(d) for d in _card_list(snapshot.card_data, "datasets")]
    location = f"{CARD_DATA}.datasets"
    if not names and body is not None:
        names = [d.value for d in body.datasets]
        location = README
    if not names:
        names = [t[len(DATASET_TAG) :] for t in snapshot.tags if t.startswith(DATASET_TAG)]
        location = "tags"
    if not names:
        return {}
    value = ", ".join(names)
    note = "datasets the card lists, by Hub id; whether the list is complete is not checked"
    provenance = Provenance(SOURCE, location, value, Certainty.DETECTED, note=note)
    return {PUBLIC_DATA_SOURCES: Fact(PUBLIC_DATA_SOURCES, value, provenance)}


def _card_list(card_data: Mapping[str, Any] | None, key: str) -> list[Any]:
    value = (card_data or {}).get(key)
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str | int | float) and str(v).strip()]
    return [value] if isinstance(value, str) and value.strip() else []


# --- files -----------------------------------------------------------------------------------


def _architecture_observations(
    snapshot: HubSnapshot, scan: DirectoryScan, rules: RuleSet
) -> Iterator[Observation]:
    """The library that implements the architecture (the Hub's library_name and config)."""
    config = snapshot.config
    if config is None or has_architecture_code(scan, rules):
        return
    library = architecture_library(rules, config, snapshot.library_name)
    why = f"library_name {snapshot.library_name}" if library is not None else ""
    seen = Provenance(SOURCE, "config", architecture_name(config), Certainty.INFERRED, note=why)
    architecture = file_patterns(rules).architecture
    yield from architecture_observations(
        architecture, config, library, seen, "config.json", "library_name"
    )


# --- branches ------------------------------------------------------------------------------


def _branch_observations(snapshot: HubSnapshot, rules: RuleSet) -> Iterator[Observation]:
    patterns = file_patterns(rules)
    checkpoints = sorted(
        (b for b in snapshot.branches or () if patterns.is_checkpoint_branch(b)), key=_natural
    )
    if not checkpoints:
        return
    span = checkpoints[0] if len(checkpoints) == 1 else f"{checkpoints[0]}…{checkpoints[-1]}"
    plural = "branch" if len(checkpoints) == 1 else "branches"
    location = f"refs: {span} ({len(checkpoints)} {plural})"
    note = "branch names match checkpoint patterns; the files on them were not listed"
    value = ", ".join(checkpoints[:5])
    provenance = Provenance(SOURCE, location, value, Certainty.DETECTED, note=note)
    yield Observation(patterns.checkpoint_component, Presence.PRESENT, provenance, checkpoints[0])


def _natural(name: str) -> tuple[tuple[int, str], ...]:
    return tuple(
        (int(part), "") if part.isdigit() else (0, part)
        for part in re.split(r"(\d+)", name)
        if part
    )


# --- licence files ---------------------------------------------------------------------------


def _read_licence_files(
    snapshot: HubSnapshot, card: CardFacts | None, rules: RuleSet, findings: list[Finding]
) -> tuple[LicenceFile, ...]:
    """The licence files fetched; the file ``license_link`` names is a licence file for the
    whole repository whatever its name."""
    patterns = file_patterns(rules)
    texts = licence_patterns(rules)
    linked = _linked_repo_file(snapshot, card, rules)
    files = []
    for name, fetched in snapshot.files.items():
        rule = patterns.licence_rule(PurePosixPath(name).name.lower())
        if rule is None and name == linked:
            rule = LicenceFileRule(None)
        if rule is not None:
            licence = licence_of_file(name, fetched.text, texts, SOURCE, findings)
            files.append(LicenceFile(name, rule.covers, licence, rule.fallback))
    return tuple(files)


def _repository_licence(
    meta: CardEvidence, files: tuple[LicenceFile, ...], rules: RuleSet
) -> LicenceFact | None:
    """The card's licence id; when it does not settle the licence, the top-level licence file
    read for it (never a NOTICE), else a licence the gating prompt names
    (osai.sources.merge.repository_licence)."""
    if meta.unsettled_licences:
        return None
    top = next(
        (
            f.licence
            for f in files
            if f.covers is None and not f.fallback and not f.directory and f.licence is not None
        ),
        None,
    )
    return repository_licence(meta.licence, top, meta.named_licence, rules.licences)


# --- findings ------------------------------------------------------------------------------


def _snapshot_findings(snapshot: HubSnapshot) -> Iterator[Finding]:
    where = Provenance(
        SOURCE, f"{snapshot.repo_id}@{snapshot.sha[:7]}", certainty=Certainty.DETECTED
    )
    if snapshot.offline:
        message = (
            f"offline: read from the local cache at commit {snapshot.sha[:7]}; the file list, "
            "gating and branches were not checked"
        )
        yield Finding(FindingKind.NOTE, message, (where,))
    elif snapshot.siblings is None:
        message = "the Hub did not list the repository's files: weights and code were not checked"
        yield Finding(FindingKind.NOTE, message, (where,))
    if snapshot.gated:
        message = (
            f"the Hub gates this repository (gated: {snapshot.gated}): its files are downloaded "
            "only after an access request is accepted"
        )
        yield Finding(
            FindingKind.NOTE, message, (replace(where, location="gated", value=snapshot.gated),)
        )
    if snapshot.readme_problem:
        message = (
            f"{snapshot.readme_problem}; the card's body (links, tables, sections) was not "
            "checked, only its metadata (cardData)"
        )
        yield Finding(FindingKind.WARNING, message, (replace(where, location=README),))
    if snapshot.card_data is not None and (bases := _card_list(snapshot.card_data, "base_model")):
        names = ", ".join(str(b) for b in bases)
        message = (
            f"derived from {names} (base_model): osai judges this repository only; the base "
            "model's own terms may add conditions"
        )
        yield Finding(
            FindingKind.NOTE, message, (Provenance(SOURCE, f"{CARD_DATA}.base_model", names),)
        )


# --- declared + detected -------------------------------------------------------------------


def merge_declared(
    detected: Release, snapshot: HubSnapshot, rules: RuleSet, manifest: Path | None
) -> Release:
    """The detected release merged with the repository's manifest, then the user's."""
    release = detected
    repo_manifest = _repo_manifest(snapshot, rules)
    if isinstance(repo_manifest, Finding):
        release = replace(release, findings=(*release.findings, repo_manifest))
    elif repo_manifest is not None:
        release = merge_releases(repo_manifest, release, rules)
    if manifest is not None:
        release = merge_releases(read_manifest(manifest, rules), release, rules)
    return release


def _repo_manifest(snapshot: HubSnapshot, rules: RuleSet) -> Release | Finding | None:
    """The manifest the repository ships (a broken one is a finding, not a refusal)."""
    patterns = file_patterns(rules)
    for name in _manifest_candidates(snapshot, rules):
        fetched = snapshot.files.get(name)
        if fetched is None or not _looks_like_manifest(fetched, patterns.manifest_keys):
            continue
        try:
            document = load_manifest_document(fetched.path)
        except BadInput as exc:
            message = f"{name}: the repository's manifest was not used ({reason(exc)})"
            return Finding(FindingKind.WARNING, message, (Provenance(SOURCE, name),))
        shown = YamlDocument(Path(name), document.data, document.lines)
        return replace(release_from_document(shown, rules), target=snapshot.repo_id)
    return None


def _looks_like_manifest(fetched: HubFile, keys: tuple[str, ...]) -> bool:
    try:
        data = parse_yaml(fetched.text, Path(fetched.name)).data
    except BadInput:
        return False
    return isinstance(data, dict) and all(key in data for key in keys)
