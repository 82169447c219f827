"""One way to read any repository: first look, plan, read, extract.

The backend fetches; osai.extract decides what to read and what it means.  The card is parsed
once, and the listing classified once, for the plan and the release alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from osai.backends import Backend
from osai.card import CardFacts
from osai.evidence import Release
from osai.extract.files import scan_snapshot
from osai.extract.reading import plan_reads
from osai.extract.release import read_card, release_from_snapshot
from osai.rules import RuleSet
from osai.snapshot import RepoSnapshot


@dataclass(frozen=True)
class Collected:
    """A repository read: what was seen, its card (parsed once), and what it is evidence of."""

    snapshot: RepoSnapshot
    card: CardFacts | None
    release: Release


def collect(backend: Backend, rules: RuleSet, digests: bool = False) -> Collected:
    """`digests`: a BOM is written, so the final parameters' file digests are sought too."""
    first = backend.first_look()
    card = read_card(first, rules)
    detection = rules.detection
    scan = scan_snapshot(first, detection)
    plan = plan_reads(first, card, detection, rules.licences, scan, _digested(digests))
    snapshot = backend.read(first, plan)
    return Collected(snapshot, card, release_from_snapshot(snapshot, rules, card, scan))


def _digested(digests: bool) -> str:
    """The component whose files' digests a BOM states: the one it writes as the model."""
    if not digests:
        return ""
    from osai.bommap import load_bom_mapping

    return load_bom_mapping().model.component


def release_of(backend: Backend, rules: RuleSet) -> Release:
    return collect(backend, rules).release
