"""Licence files: which ones a snapshot holds, which licence each is, and the repository's licence.

A licence file is identified from its head (osai.detection.licence_text); one osai cannot identify
still decides, as "unknown".  The repository's licence is settled here, once for every backend:
the card's licence id when osai knows it; else the top-level licence file; else a licence the
card's gating prompt names; else the card's id as it stands (``other``, ``unknown``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from osai.card.evidence import CardEvidence
from osai.card.model import CardFacts
from osai.detection import FilePatterns, LicenceFileRule, LicencePatterns
from osai.evidence import Certainty, Finding, FindingKind, LicenceFact, Provenance
from osai.extract.observations import LicenceFile
from osai.licenses import LicenceKnowledge, normalised_licence, restrictiveness, settles
from osai.snapshot import RepoSnapshot
from osai.textsafe import some_of

_FILE_VIEWS = ("blob", "resolve", "raw")


def licence_files(
    snapshot: RepoSnapshot,
    card: CardFacts | None,
    rules: FilePatterns,
    texts: LicencePatterns,
    covering: Sequence[str] = (),
) -> tuple[tuple[LicenceFile, ...], tuple[Finding, ...]]:
    """The licence files read, top level first; the file ``license_link`` names is a licence
    file for the whole repository, whatever its name.  `covering`: the licence files that can
    cover something found (osai.extract.reading.covering_licence_files), read or not."""
    linked = linked_licence_file(snapshot, card, rules)
    files: list[LicenceFile] = []
    findings: list[Finding] = []
    for path in sorted(snapshot.texts, key=lambda p: (p.count("/"), p)):
        rule = licence_rule(path, rules)
        if rule is None and path == linked:
            rule = LicenceFileRule(None)
        if rule is None:
            continue
        identified = licence_of_file(path, snapshot.texts[path].text, texts, snapshot.source)
        if isinstance(identified, Finding):
            findings.append(identified)
        licence = identified if isinstance(identified, LicenceFact) else None
        files.append(LicenceFile(path, rule.covers, licence, rule.fallback))
    read = {f.path for f in files}
    host_file = _host_identified(snapshot, rules, read)
    unread, unread_note = _not_read(snapshot, covering, rules, read)
    return (*files, *host_file, *unread), (*findings, *unread_note)


def _not_read(
    snapshot: RepoSnapshot, covering: Sequence[str], rules: FilePatterns, read: set[str]
) -> tuple[tuple[LicenceFile, ...], tuple[Finding, ...]]:
    """The licence files over something found that osai did not read: a subdirectory's (the
    Hub's are not read; a directory's beyond the read budget), or any the backend tried to read
    and could not (a top-level LICENSE too large, or linking out of the directory).  Each still
    decides, as "unknown", for what is under it.  Passed over, the files under it took the
    top-level licence, or the card's, which the file may contradict."""
    unread: list[LicenceFile] = []
    for path in (p for p in covering if ("/" in p or p in snapshot.unreadable) and p not in read):
        rule = licence_rule(path, rules)
        if rule is not None and not rule.fallback:  # a NOTICE grants nothing
            unread.append(LicenceFile(path, rule.covers, None))
    if not unread:
        return (), ()
    names = some_of([f.path for f in unread])
    message = f"licence files osai did not read: {names}; what each covers has an unknown licence"
    where = Provenance(snapshot.source, unread[0].path, "", Certainty.DETECTED)
    return tuple(unread), (Finding(FindingKind.NOTE, message, (where,)),)


def _host_identified(
    snapshot: RepoSnapshot, rules: FilePatterns, read: set[str]
) -> tuple[LicenceFile, ...]:
    """The top-level licence file the host identified (GitHub), when osai did not read it."""
    host = snapshot.host
    if not host.licence and not host.licence_unidentified:
        return ()
    for path in sorted(p for p in snapshot.listing or () if "/" not in p and p not in read):
        rule = licence_rule(path, rules)
        if rule is None or rule.covers is not None or rule.fallback:
            continue
        if host.licence_unidentified:
            return (LicenceFile(path, None, None),)
        note = f"identified by {host.licence_source}" if host.licence_source else ""
        provenance = Provenance(snapshot.source, path, host.licence, Certainty.DETECTED, note=note)
        return (LicenceFile(path, None, LicenceFact(host.licence, provenance)),)
    return ()


def licence_rule(path: str, rules: FilePatterns) -> LicenceFileRule | None:
    return rules.licence_rule(path.rsplit("/", 1)[-1].lower())


def licence_of_file(
    path: str, text: str, patterns: LicencePatterns, source: str
) -> LicenceFact | Finding:
    """A licence file's licence, identified from its head; a NOTE finding when it is not."""
    match = patterns.identify(text)
    if match is None:
        first = next((line.strip() for line in text[:4096].splitlines() if line.strip()), "")
        message = (
            f"{path}: licence not identified (first line: '{first[:80]}'); "
            "what it covers has an unknown licence"
        )
        return Finding(
            FindingKind.NOTE, message, (Provenance(source, path, "", Certainty.DETECTED),)
        )
    provenance = Provenance(
        source, path, match.licence, Certainty.DETECTED, match.line, f"identified by {match.how}"
    )
    return LicenceFact(match.licence, provenance)


def more_restrictive_siblings(
    files: tuple[LicenceFile, ...], knowledge: LicenceKnowledge, open_set: str
) -> tuple[tuple[LicenceFile, ...], tuple[Finding, ...]]:
    """Licence files of one directory and one scope that identify licences of different
    restrictiveness (a LICENSE of CC-BY-NC-4.0 beside a COPYING of MIT): only the more
    restrictive stands, as between any two sources that contradict each other on a licence, and
    a warning says so.  The first by name decided, so COPYING's MIT made the code and the
    weights open and LICENSE went unsaid.  Licences equally restrictive (LICENSE-APACHE beside
    LICENSE-MIT, a choice) and files osai could not identify are left as they are."""
    groups: dict[tuple[str, tuple[str, ...] | None, bool], list[LicenceFile]] = {}
    for file in files:
        if file.licence is not None:
            groups.setdefault((file.directory, file.covers, file.fallback), []).append(file)
    dropped: set[str] = set()
    findings: list[Finding] = []
    for group in groups.values():
        ranks = [_restrictiveness(f, knowledge, open_set) for f in group]
        kept = group[ranks.index(max(ranks))]
        weaker = [f for f, rank in zip(group, ranks, strict=True) if rank < max(ranks)]
        if weaker:
            dropped.update(f.path for f in weaker)
            findings.append(_siblings_warning(kept, weaker))
    return tuple(f for f in files if f.path not in dropped), tuple(findings)


def _restrictiveness(file: LicenceFile, knowledge: LicenceKnowledge, open_set: str) -> int:
    assert file.licence is not None  # only identified files are grouped
    return restrictiveness(file.licence.text, knowledge, open_set)


def _siblings_warning(kept: LicenceFile, weaker: list[LicenceFile]) -> Finding:
    others = ", ".join(f"{f.path} is {f.licence.text}" for f in weaker if f.licence is not None)
    assert kept.licence is not None
    message = (
        f"{kept.path} is {kept.licence.text} but {others}: osai keeps the more restrictive, "
        f"{kept.licence.text}, for what they cover"
    )
    provenance = tuple(f.licence.provenance for f in (kept, *weaker) if f.licence is not None)
    return Finding(FindingKind.WARNING, message, provenance)


def linked_licence_file(
    snapshot: RepoSnapshot, card: CardFacts | None, rules: FilePatterns
) -> str | None:
    """The top-level file ``license_link`` names, when it is a file of this repository and not
    a licence file of narrower scope or a fallback (NOTICE)."""
    if card is None or card.licence_link is None:
        return None
    link = card.licence_link.value.strip()
    name = _own_file(link, snapshot) if "://" in link else link.removeprefix("./")
    if not name or "/" in name or (snapshot.listing is not None and name not in snapshot.listing):
        return None
    rule = licence_rule(name, rules)
    if rule is not None and (rule.covers is not None or rule.fallback):
        return None
    return name


def _own_file(url: str, snapshot: RepoSnapshot) -> str | None:
    """The repository path a URL of the repository's web view names (``.../blob/main/LICENSE``)."""
    split = urlsplit(url)
    for root in snapshot.web_roots:
        base = urlsplit(root)
        prefix = base.path.rstrip("/") + "/"
        if split.netloc.lower() != base.netloc.lower() or not split.path.startswith(prefix):
            continue
        parts = [part for part in split.path[len(prefix) :].split("/") if part]
        if len(parts) >= 3 and parts[0] in _FILE_VIEWS:
            return "/".join(parts[2:])
    return None


def repository_licence(
    card: CardEvidence, files: tuple[LicenceFile, ...], knowledge: LicenceKnowledge, open_set: str
) -> tuple[LicenceFact | None, tuple[Finding, ...]]:
    """The licence the publisher declares for the repository, from the most direct statement,
    and a warning when the card's licence and the top-level licence file disagree: then the
    more restrictive of the two stands (`open_set`: rules/detection.yaml `conflicts.open_set`),
    as between any two sources that contradict each other on a licence.

    A card that lists licences that differ decides nothing (None).  A substitute for the card's
    id says what the card said.
    """
    if card.unsettled_licences:
        return None, ()
    top = next((f for f in files if f.is_repository_licence), None)
    # A card that names no licence is not replaced by the licence file: a code checkout's
    # LICENSE covers the files found (by inheritance), not weights published elsewhere.
    top_licence = top.licence if top is not None and card.licence is not None else None
    if card.licence is not None and settles(card.licence.text, knowledge):
        return _more_restrictive(card.licence, top, knowledge, open_set)
    chosen = top_licence or card.named_licence
    if chosen is None:
        return card.licence, ()
    said = (
        f"the card says '{card.licence.text}'"
        if card.licence is not None
        else "the card names none"
    )
    how = chosen.provenance.note
    note = f"{said}; {chosen.provenance.location} identifies it" + (f" ({how})" if how else "")
    return replace(chosen, provenance=replace(chosen.provenance, note=note)), ()


def _more_restrictive(
    licence: LicenceFact, top: LicenceFile | None, knowledge: LicenceKnowledge, open_set: str
) -> tuple[LicenceFact, tuple[Finding, ...]]:
    """The card's licence, unless the top-level licence file says another that is more
    restrictive (a card's `license: mit` over a LICENSE of CC-BY-NC-4.0 made the weights MIT,
    met); and a warning when they disagree.  Code takes the licence file first in any case
    (rules/detection.yaml licence_inheritance)."""
    if top is None or top.licence is None:
        return licence, ()
    if normalised_licence(licence.text, knowledge) == normalised_licence(
        top.licence.text, knowledge
    ):
        return licence, ()
    kept = licence
    if restrictiveness(top.licence.text, knowledge, open_set) > restrictiveness(
        licence.text, knowledge, open_set
    ):
        said = f"the card says '{licence.text}'; {top.path} is more restrictive"
        kept = replace(top.licence, provenance=replace(top.licence.provenance, note=said))
    message = (
        f"{licence.provenance.location} says license '{licence.text}' but {top.path} is "
        f"{top.licence.text}: osai keeps the more restrictive, {kept.text}, for weights, data and "
        f"documents; code takes {top.path}"
    )
    provenance = (licence.provenance, top.licence.provenance)
    return kept, (Finding(FindingKind.WARNING, message, provenance),)
