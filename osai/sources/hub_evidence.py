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
``license_link`` names one in the repository) and was fetched, through that file.  Files of the
repository inherit it as rules/detection.yaml ``licence_inheritance`` says, and the report says
they inherited it.  Anything the card only links to (datasets, papers, code repositories) is
present with no licence: a link is evidence that something is published, not of its licence.

All patterns (file names, checkpoint branch names, headings, link hosts, licence titles) come from
rules/detection.yaml, through the compiled tables of osai.sources.local and osai.sources.card.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
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
from osai.licenses import Leaf, LicenceState, Node, parse_licence
from osai.rules import RuleSet
from osai.sources.card import (
    CardEvidence,
    CardFacts,
    card_evidence,
    card_patterns,
    parse_card,
    parse_card_data,
)
from osai.sources.local import (
    MODEL_CONFIG_KIND,
    FileMatch,
    FilePatterns,
    file_patterns,
    identify_licence,
    licence_patterns,
)
from osai.sources.manifest import load_manifest_document, read_manifest, release_from_document
from osai.sources.merge import (
    LicenceContext,
    LicenceFile,
    Observation,
    assemble_components,
    merge_releases,
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
ARCHITECTURE = "model-architecture"
INTERMEDIATE = "model-parameters-intermediate"
PUBLIC_DATA_SOURCES = "public_data_sources"


# --- what the transport should fetch -------------------------------------------------------


def max_read_bytes(rules: RuleSet) -> int:
    """The largest file osai reads (a card, a licence, a manifest); weights are never read."""
    return file_patterns(rules).limits.max_read_bytes


def wants_branches(snapshot: HubSnapshot, rules: RuleSet) -> bool:
    """Whether listing the branches can show intermediate checkpoints: the card speaks of them."""
    text = snapshot.readme.text if snapshot.readme is not None else ""
    return bool(text) and _checkpoint_hint(rules).search(text) is not None


def wanted_files(snapshot: HubSnapshot, rules: RuleSet) -> tuple[str, ...]:
    """The few files worth one request each: a licence file when the card's licence id does not
    settle the licence, and a manifest found in the file list."""
    wanted: list[str] = []
    card = _meta_card(snapshot, rules)
    licence = _card_licence(card, snapshot, rules)
    if licence is None or not _settled(licence.text, rules):
        wanted.extend(_licence_file_candidates(snapshot, card, rules)[:1])
    wanted.extend(_manifest_candidates(snapshot, rules)[:1])
    return tuple(wanted)


def _checkpoint_hint(rules: RuleSet) -> re.Pattern[str]:
    detection = rules.detection
    branch_patterns = [rf"\b(?:{p})\b" for p in detection["checkpoints"]["patterns"]]
    subjects = detection["card"]["not_released"]["subjects"].get(INTERMEDIATE) or []
    return re.compile("|".join([*branch_patterns, *subjects]), re.IGNORECASE)


def _settled(text: str, rules: RuleSet) -> bool:
    """A licence string osai can judge as it stands: an expression of known licences."""
    parsed = parse_licence(text, rules.licences, exact=False)
    return parsed.state is LicenceState.EXPRESSION and all(
        leaf.info is not None for leaf in _leaves(parsed.expression)
    )


def _leaves(node: Node | None) -> Iterator[Leaf]:
    if isinstance(node, Leaf):
        yield node
    elif node is not None:
        for term in node.terms:
            yield from _leaves(term)


def _licence_file_candidates(
    snapshot: HubSnapshot, card: CardFacts | None, rules: RuleSet
) -> list[str]:
    """Top-level licence files for the whole repository (NOTICE last), after a linked one."""
    patterns = file_patterns(rules)
    ranked: list[tuple[bool, str]] = []
    for name in snapshot.siblings or ():
        rule = patterns.licence_rule(name.lower()) if "/" not in name else None
        if rule is not None and rule.covers is None:
            ranked.append((rule.fallback, name))
    linked = _linked_repo_file(snapshot, card)
    listed = [name for _, name in sorted(ranked) if name != linked]
    return [linked, *listed] if linked else listed


def _linked_repo_file(snapshot: HubSnapshot, card: CardFacts | None) -> str | None:
    """The file ``license_link`` names, when it is a file of this repository."""
    if card is None or card.licence_link is None:
        return None
    link = card.licence_link.value.strip()
    name = _repo_file_of(link, snapshot) if "://" in link else link.removeprefix("./")
    if not name or "/" in name or (snapshot.siblings is not None and name not in snapshot.siblings):
        return None
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
    patterns = file_patterns(rules)
    findings: list[Finding] = []
    body_card = _body_card(snapshot, rules)
    meta = _meta_evidence(snapshot, rules)
    files = _scan_siblings(snapshot.siblings or (), patterns)
    licence_files = _read_licence_files(snapshot, rules, findings)
    card_licence = _resolved_card_licence(meta.licence, snapshot, licence_files, rules)
    observations = [
        *_file_observations(files),
        *_architecture_observations(snapshot, files, rules),
        *_branch_observations(snapshot, rules),
        *_card_observations(snapshot, body_card, meta, rules),
    ]
    context = LicenceContext(card_licence, licence_files, _inheritance(rules))
    components, conflicts = assemble_components(
        observations, rules, context, rules.detection.get("absent_when_not_found") or ()
    )
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


def _inheritance(rules: RuleSet) -> dict[str, tuple[str, ...]]:
    order: Mapping[str, list[str]] = rules.detection.get("licence_inheritance") or {}
    return {content_type: tuple(sources) for content_type, sources in order.items()}


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
    location = CARD_DATA if snapshot.card_data is not None else README
    evidence = card_evidence(card, location, SOURCE, rules.licences)
    licence = _located(evidence.licence, location) or _tag_licence(snapshot)
    return replace(evidence, licence=licence)


def _card_licence(
    card: CardFacts | None, snapshot: HubSnapshot, rules: RuleSet
) -> LicenceFact | None:
    """The card's licence as _meta_evidence reads it (for deciding what to fetch)."""
    if card is None:
        return _tag_licence(snapshot)
    return card_evidence(card, README, SOURCE, rules.licences).licence or _tag_licence(snapshot)


def _located(licence: LicenceFact | None, location: str) -> LicenceFact | None:
    """In cardData, the licence sits at its key: ``cardData.license`` (``license_name``)."""
    if licence is None or location != CARD_DATA:
        return licence
    key = "license_name" if licence.provenance.note == "license: other" else "license"
    return replace(licence, provenance=replace(licence.provenance, location=f"{CARD_DATA}.{key}"))


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
        yield from card_evidence(body, README, SOURCE, rules.licences).observations
        return
    yield from (_relocated(o) for o in meta.observations)
    listed = snapshot.siblings is not None and README in snapshot.siblings
    if listed and not any(o.component == "model-card" for o in meta.observations):
        note = "README.md is listed; its content could not be read"
        provenance = Provenance(
            SOURCE, f"siblings: {README}", README, Certainty.DETECTED, None, note
        )
        yield Observation("model-card", Presence.PRESENT, provenance, README)
    yield from _tag_papers(snapshot)


def _relocated(observation: Observation) -> Observation:
    """cardData is the README's front matter: what it shows lives in README.md."""
    if observation.path != CARD_DATA:
        return observation
    return replace(observation, path=README)


def _tag_papers(snapshot: HubSnapshot) -> Iterator[Observation]:
    """Without the card's body, the Hub's arxiv: tags (papers the card cites) stand in."""
    for tag in snapshot.tags:
        if tag.lower().startswith(ARXIV_TAG):
            note = "the Hub tags the repository with a paper its card cites; the body was not read"
            provenance = Provenance(SOURCE, "tags", tag, Certainty.INFERRED, note=note)
            yield Observation("research-paper", Presence.PRESENT, provenance)


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


def _scan_siblings(siblings: Iterable[str], patterns: FilePatterns) -> tuple[FileMatch, ...]:
    """The Hub's file list matched as a directory walk would match it (osai.sources.local)."""
    found: dict[tuple[int, str], list[str]] = {}
    by_name: dict[tuple[int, str], bool] = {}
    for path in sorted(siblings):
        parts = path.lower().split("/")
        directories = tuple(reversed(parts[:-1]))
        if patterns.licence_rule(parts[-1]) is not None:
            continue
        match = patterns.classify(parts[-1], directories)
        if match is None:
            continue
        index, named = match
        kind = patterns.kinds[index]
        in_checkpoint = any(patterns.is_checkpoint(d) for d in directories)
        key = (index, kind.in_checkpoint if in_checkpoint else kind.component)
        found.setdefault(key, []).append(path)
        by_name[key] = by_name.get(key, False) or named
    limit = patterns.limits.max_examples
    return tuple(
        FileMatch(patterns.kinds[index], component, tuple(paths[:limit]), len(paths), by_name[key])
        for key in sorted(found)
        for index, component in [key]
        for paths in [found[key]]
    )


def _file_observations(files: tuple[FileMatch, ...]) -> Iterator[Observation]:
    for match in files:
        if match.kind.kind == MODEL_CONFIG_KIND:
            continue
        certainty = match.kind.certainty if match.by_name else Certainty.INFERRED
        first = match.paths[0]
        provenance = Provenance(
            SOURCE, f"siblings: {first}", match.kind.label, certainty, note=_more(match)
        )
        yield Observation(match.component, Presence.PRESENT, provenance, first)


def _more(match: FileMatch) -> str:
    if match.count == 1:
        return ""
    shown = ", ".join(match.paths)
    rest = f", and {match.count - len(match.paths)} more" if match.count > len(match.paths) else ""
    return f"{match.count} files: {shown}{rest}"


def _architecture_observations(
    snapshot: HubSnapshot, files: tuple[FileMatch, ...], rules: RuleSet
) -> Iterator[Observation]:
    """The library that implements the architecture (the Hub's library_name and config)."""
    has_code = any(m.component == ARCHITECTURE and m.kind.kind != MODEL_CONFIG_KIND for m in files)
    config = snapshot.config
    if has_code or config is None:
        return
    described = _architecture_name(config)
    for library in rules.detection.get("architecture_libraries") or ():
        if snapshot.library_name == library["library"] and not any(
            k in config for k in library.get("unless_keys") or ()
        ):
            yield _library_observation(described, library, snapshot.library_name)
            return
    if "auto_map" in config:
        note = "auto_map: the architecture's code ships with the model"
        provenance = Provenance(SOURCE, "config", described, Certainty.INFERRED, note=note)
        yield Observation(ARCHITECTURE, Presence.PRESENT, provenance, "config.json")


def _library_observation(
    described: str, library: Mapping[str, Any], library_name: str
) -> Observation:
    name = str(library["library"])
    note = f"library_name {library_name}: the architecture's code ships in the {name} library"
    provenance = Provenance(SOURCE, "config", described, Certainty.INFERRED, note=note)
    url = str(library.get("url") or "")
    licence_note = f"the {name} library's licence" + (f" ({url})" if url else "")
    licence = LicenceFact(
        str(library["licence"]),
        Provenance(
            SOURCE,
            "library_name",
            f"{name}: {library['licence']}",
            Certainty.INFERRED,
            note=licence_note,
        ),
        inherited_from=f"the {name} library",
    )
    return Observation(ARCHITECTURE, Presence.PRESENT, provenance, None, licence)


def _architecture_name(config: Mapping[str, Any]) -> str:
    architectures = config.get("architectures")
    names = ", ".join(str(a) for a in architectures) if isinstance(architectures, list) else ""
    model_type = config.get("model_type")
    if names and model_type:
        return f"{names} (model_type {model_type})"
    return names or (f"model_type {model_type}" if model_type else "model configuration")


# --- branches ------------------------------------------------------------------------------


def _branch_observations(snapshot: HubSnapshot, rules: RuleSet) -> Iterator[Observation]:
    checkpoints = sorted(
        (b for b in snapshot.branches or () if _is_checkpoint_branch(b, rules)), key=_natural
    )
    if not checkpoints:
        return
    span = checkpoints[0] if len(checkpoints) == 1 else f"{checkpoints[0]}…{checkpoints[-1]}"
    plural = "branch" if len(checkpoints) == 1 else "branches"
    location = f"refs: {span} ({len(checkpoints)} {plural})"
    note = "branch names match checkpoint patterns; the files on them were not listed"
    value = ", ".join(checkpoints[:5])
    provenance = Provenance(SOURCE, location, value, Certainty.DETECTED, note=note)
    yield Observation(INTERMEDIATE, Presence.PRESENT, provenance, checkpoints[0])


def _is_checkpoint_branch(name: str, rules: RuleSet) -> bool:
    """A checkpoint name, alone or qualified after a separator (``step1000-tokens4B``)."""
    checkpoints = rules.detection["checkpoints"]
    if name.lower() in {str(n).lower() for n in checkpoints.get("exclude") or ()}:
        return False
    alternatives = "|".join(f"(?:{p})" for p in checkpoints["patterns"])
    return re.match(rf"(?:{alternatives})(?:$|[-_.+])", name, re.IGNORECASE) is not None


def _natural(name: str) -> tuple[tuple[int, str], ...]:
    return tuple(
        (int(part), "") if part.isdigit() else (0, part)
        for part in re.split(r"(\d+)", name)
        if part
    )


# --- licence files ---------------------------------------------------------------------------


def _read_licence_files(
    snapshot: HubSnapshot, rules: RuleSet, findings: list[Finding]
) -> tuple[LicenceFile, ...]:
    patterns = file_patterns(rules)
    texts = licence_patterns(rules)
    files = []
    for name, fetched in snapshot.files.items():
        rule = patterns.licence_rule(PurePosixPath(name).name.lower())
        if rule is None:
            continue
        match = identify_licence(fetched.text, texts)
        if match is None:
            first = next((line.strip() for line in fetched.text.splitlines() if line.strip()), "")
            message = f"{name}: licence not identified (first line: '{first[:80]}')"
            findings.append(Finding(FindingKind.NOTE, message, (Provenance(SOURCE, name),)))
            files.append(LicenceFile(name, rule.covers, None, rule.fallback))
            continue
        provenance = Provenance(
            SOURCE,
            name,
            match.licence,
            Certainty.DETECTED,
            match.line,
            f"identified by {match.how}",
        )
        files.append(
            LicenceFile(name, rule.covers, LicenceFact(match.licence, provenance), rule.fallback)
        )
    return tuple(files)


def _resolved_card_licence(
    licence: LicenceFact | None,
    snapshot: HubSnapshot,
    files: tuple[LicenceFile, ...],
    rules: RuleSet,
) -> LicenceFact | None:
    """The card's licence; when its id does not settle it, the licence file read for it."""
    if licence is not None and _settled(licence.text, rules):
        return licence
    top = next((f for f in files if f.covers is None and f.licence is not None), None)
    if top is None or top.licence is None:
        return licence
    said = f"the card says '{licence.text}'" if licence is not None else "the card names none"
    note = f"{said}; {top.path} identifies it ({top.licence.provenance.note})"
    return replace(top.licence, provenance=replace(top.licence.provenance, note=note))


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
            message = f"{name}: the repository's manifest was not used ({_reason(exc)})"
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


def _reason(exc: BadInput) -> str:
    return str(exc).split(": ", 1)[-1]
