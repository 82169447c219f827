"""The files a manifest inside a repository names as a component's (component_path) that the
repository does not hold.

Pure: the manifest's evidence against the snapshot's listing.  A path osai could not have seen
(a URL, words that are no place, a directory not walked or not listed) is never said missing.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from osai.evidence import (
    ComponentEvidence,
    Finding,
    FindingKind,
    Presence,
    Release,
    is_location,
)
from osai.rules import RuleSet
from osai.snapshot import RepoSnapshot
from osai.sources.merge import merge_releases
from osai.textsafe import counted, escaped_name, some_of


@dataclass(frozen=True)
class PathsNotHeld:
    """What a manifest inside a repository names as its components' files that the repository
    does not hold: a warning each, and the components none of whose files it holds."""

    findings: tuple[Finding, ...] = ()
    # a component whose every file the manifest names is not there, with those paths: its one
    # sighting was the manifest's word, which the repository belies (`git rm train.py` passed
    # the gate)
    components: tuple[tuple[str, tuple[str, ...]], ...] = ()


def merged_over_repository(
    declared: Release, detected: Release, snapshot: RepoSnapshot | None, rules: RuleSet
) -> Release:
    """A manifest's declarations merged with a repository's detection, the files it names
    checked against what the repository holds.  The one way a manifest meets a repository,
    whether found in it or named by --manifest beside it (osai.targets): `--manifest
    DIR/osai.yaml DIR` passed on train.py deleted that `osai check DIR` said was not there.
    No snapshot (a manifest, an AI BOM): nothing to check the paths against."""
    merged = merge_releases(declared, detected, rules)
    if snapshot is None:
        return merged
    missing = paths_not_in_the_repository(declared, snapshot, rules)
    merged = _unsettled_where_not_held(merged, declared, missing.components)
    findings = (_as_conflict(f, merged) for f in missing.findings)
    return replace(merged, findings=(*merged.findings, *findings))


def _unsettled_where_not_held(
    merged: Release, declared: Release, not_held: tuple[tuple[str, tuple[str, ...]], ...]
) -> Release:
    """A component the manifest declares only by files the repository does not hold, and that
    nothing else shows, is unknown: the manifest says it is released there, the repository
    shows it is not (`git rm train.py` left "Training code ✔" and the gate passing, a warning
    in Notes).  Not "not released": the path may be a typo for code that is elsewhere."""
    components = dict(merged.components)
    for component, paths in not_held:
        evidence = components.get(component)
        said = set(declared.component(component).provenance)
        if evidence is None or not evidence.is_present or not set(evidence.provenance) <= said:
            continue
        unknown = replace(evidence, presence=Presence.UNKNOWN, divided=True, not_held=paths)
        components[component] = unknown
    return replace(merged, components=components)


def _as_conflict(finding: Finding, release: Release) -> Finding:
    """A missing path's warning, a conflict where it leaves its component unknown: the report
    points at it ("divided, see its conflict note")."""
    component = release.components.get(finding.component)
    if component is None or not component.not_held:
        return finding
    said = f"{finding.message}; whether it is released is unknown until the path is mended"
    return replace(finding, kind=FindingKind.CONFLICT, message=said)


def paths_not_in_the_repository(
    declared: Release, snapshot: RepoSnapshot, rules: RuleSet
) -> PathsNotHeld:
    """A warning for each component of the manifest inside the repository that names files
    (component_path) the repository does not hold: a draft's `train.py` moved to `scripts/`, a
    path mistyped, was cited as the evidence for a component met."""
    listing = snapshot.listing
    if listing is None or snapshot.listing_partial:
        return PathsNotHeld()
    held = _Held(frozenset(listing), tuple(sorted(listing)))
    # directories the listing cannot show: not walked (.git, node_modules), not listed (a
    # symlink out of the directory): a path below them may be there
    unseen = rules.detection.files.skip_directories
    unlisted = frozenset(directory.rstrip("/") for directory in snapshot.unlisted)
    deepest = max((directory.count("/") + 1 for directory in unlisted), default=0)
    findings: list[Finding] = []
    components: list[tuple[str, tuple[str, ...]]] = []
    for evidence in declared.components.values():
        missing = [
            path
            for path in evidence.files
            if (wanted := _repository_path(path)) is not None
            and not held.holds(wanted)
            and not _below(wanted, unseen, unlisted, deepest)
        ]
        if not missing:
            continue
        findings.append(_not_held(evidence, missing, snapshot, rules))
        if len(missing) == len(evidence.files):
            components.append((evidence.component, tuple(missing)))
    return PathsNotHeld(tuple(findings), tuple(components))


def _not_held(
    evidence: ComponentEvidence, missing: list[str], snapshot: RepoSnapshot, rules: RuleSet
) -> Finding:
    where = evidence.provenance[0] if evidence.provenance else None
    line = f":{where.line}" if where is not None and where.line else ""
    name = rules.components[evidence.component].name
    # one warning of a component, however many paths its list names (someone else's manifest
    # may name thousands): the first few, and how many more
    said = (
        f"component_path {escaped_name(missing[0], 120)}: no such file or directory"
        if len(missing) == 1
        else f"component_path: {counted(len(missing), 'path')} with no such file or "
        f"directory ({some_of(missing, 3, 120)})"
    )
    message = (
        f"{where.location if where else 'the manifest'}{line}: {name}: {said} in {snapshot.target}"
    )
    return Finding(
        FindingKind.WARNING, message, tuple(p for p in (where,) if p), evidence.component
    )


def _repository_path(text: str) -> str | None:
    """A component_path as a path the listing writes ("./src//a.py" as "src/a.py"); None for
    what is no file of the repository: a URL, an absolute or a parent's path, a pattern, the
    directory itself, and words that are no place (a MOT listing's "arxiv license", already
    noted as "not a path or URL" where the component is shown)."""
    text = text.strip()
    if not is_location(text) or "://" in text or text.startswith("/"):
        return None
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if not parts or ".." in parts or any(char in text for char in "*?[]\\"):
        return None
    return "/".join(parts)


def _below(path: str, unseen_names: frozenset[str], unlisted: frozenset[str], deepest: int) -> bool:
    """Whether a path lies in a directory the listing does not show (or is one): a name osai
    does not walk, or a directory it could not list.  Its directories are looked up down to
    the `deepest` unlisted one's depth only (a manifest's path of 100,000 parts is someone
    else's)."""
    parts = path.split("/")
    if unseen_names.intersection(parts):  # `venv` itself, as `venv/lib.py`: not walked
        return True
    shallow = min(deepest, len(parts))
    return any("/".join(parts[:depth]) in unlisted for depth in range(1, shallow + 1))


@dataclass(frozen=True)
class _Held:
    """What a listing holds: its files, and the directories they lie in, found by looking the
    path up among the sorted files rather than by writing down every file's every directory
    (a host's listing may name a file 30,000 directories deep: a path that long written down
    at each of its depths was seconds of a check, a few such paths minutes)."""

    files: frozenset[str]
    ordered: tuple[str, ...]

    def holds(self, path: str) -> bool:
        """Whether `path` is a file of the listing or a directory one of its files lies in."""
        if path in self.files:
            return True
        inside = path + "/"
        first = bisect.bisect_left(self.ordered, inside)
        return first < len(self.ordered) and self.ordered[first].startswith(inside)
