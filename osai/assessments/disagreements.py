"""Where a public listing and the repository it names disagree, as data.

One comparison for `osai check` (which turns it into findings) and `osai audit` (which tabulates
it).  The contradictions are the merge's own (osai.sources.merge: presence, licence, an ordered
fact), so the audit can never report what the check would not; two more kinds are the listing's
alone:

- not shown: the listing says a component is released, and neither the repository nor what its
  card links to shows it (osai then takes the listing's word; the report says so);
- possibly stale: the listing is dated before the repository last changed.

Pure: no I/O.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from osai.evidence import Certainty, Finding, FindingKind, Presence, Provenance, Release
from osai.rules import RuleSet
from osai.sources.merge import Conflict, ConflictKind, merge_with_conflicts


class DisagreementKind(StrEnum):
    PRESENCE = "presence"  # one says released, the other not released
    LICENCE = "licence"  # both name a licence for a component, and they differ
    FACT = "fact"  # both state an ordered fact (how the weights can be obtained) differently
    NOT_SHOWN = "not-shown"  # listed as released; the repository and its links do not show it
    STALE = "stale"  # the listing is older than the repository's last change


KIND_ORDER = tuple(DisagreementKind)
# The kinds where the listing says one thing and the repository another.  The other two are
# unknowns (a claim the repository does not show, a listing older than the repository's last
# change): worth reviewing, never a contradiction.
CONTRADICTIONS = frozenset(
    {DisagreementKind.PRESENCE, DisagreementKind.LICENCE, DisagreementKind.FACT}
)


@dataclass(frozen=True)
class Disagreement:
    """One point on which a listing and the repository differ: both values, where each is from."""

    kind: DisagreementKind
    subject: str  # a component or fact id; "" for a stale listing
    subject_name: str
    listing: str  # the listing's value
    repository: str  # the repository's value ("not shown" when it shows nothing)
    kept: str  # what osai keeps ("" when nothing is decided: a stale listing)
    listing_from: str  # where the listing says it: "mot:models/X.yml:12 = ..."
    # where the repository says it; for not-shown, where it was not looked ("" when nowhere)
    repository_from: str
    message: str


@dataclass(frozen=True)
class ListingDate:
    """When a listing was written, as well as osai can tell, and how it knows."""

    date: str  # YYYY-MM-DD
    origin: str  # e.g. "the release date the file gives", "the snapshot's date (commit 8b5d30e9)"


def disagreements(
    listing: Release,
    repository: Release,
    rules: RuleSet,
    *,
    database_title: str,
    dated: ListingDate | None = None,
) -> tuple[Disagreement, ...]:
    """What a listing (a MOT file or an EOSAI entry, as a Release) and the repository's own
    evidence (the Hub and its links, no public assessment) disagree on."""
    conflicts = merge_with_conflicts(listing, repository, rules).conflicts
    found = [from_conflict(conflict, rules) for conflict in conflicts]
    found += not_shown(listing, repository, rules)
    stale = staleness(dated, repository, database_title, listing.document)
    found += [stale] if stale is not None else []
    return tuple(found)


def from_conflict(conflict: Conflict, rules: RuleSet) -> Disagreement:
    kind = {
        ConflictKind.PRESENCE: DisagreementKind.PRESENCE,
        ConflictKind.LICENCE: DisagreementKind.LICENCE,
        ConflictKind.FACT: DisagreementKind.FACT,
    }[conflict.kind]
    return Disagreement(
        kind=kind,
        subject=conflict.subject,
        subject_name=subject_name(conflict.subject, rules),
        listing=conflict.declared,
        repository=conflict.detected,
        kept=conflict.kept,
        listing_from=_described(conflict.declared_from),
        repository_from=_described(conflict.detected_from),
        message=conflict.finding.message,
    )


def not_shown(listing: Release, repository: Release, rules: RuleSet) -> list[Disagreement]:
    """Components the listing says are released that the repository gives no evidence of."""
    found = []
    for component_id, evidence in listing.components.items():
        if not evidence.is_present:
            continue
        if repository.component(component_id).presence is not Presence.UNKNOWN:
            continue
        name = subject_name(component_id, rules)
        cited = _described(evidence.provenance[0] if evidence.provenance else None)
        message = f"{name}: the listing says released ({cited}); {unseen_by(repository, 'it')}"
        found.append(
            Disagreement(
                DisagreementKind.NOT_SHOWN,
                component_id,
                name,
                "released",
                "not shown",
                "released (the listing's word)",
                cited,
                # what was not looked in: the text audit said "repository: not shown" alone,
                # for repositories whose files were never listed
                "; ".join(_not_looked_in(repository)),
                message,
            )
        )
    return found


def staleness(
    dated: ListingDate | None, repository: Release, database_title: str, label: str
) -> Disagreement | None:
    """A listing dated before the repository's last change (lastModified): possibly stale."""
    changed = _day(repository.last_modified)
    written = _day(dated.date) if dated is not None else None
    if dated is None or changed is None or written is None or written >= changed:
        return None
    message = (
        f"the {database_title} listing {label} is dated {written.isoformat()} ({dated.origin}); "
        f"the repository last changed on {changed.isoformat()} (as the Hub says): the "
        "listing may be stale"
    )
    return Disagreement(
        DisagreementKind.STALE,
        "",
        "listing date",
        written.isoformat(),
        changed.isoformat(),
        "",
        f"{label} ({dated.origin})",
        "lastModified",
        message,
    )


def unseen_by(repository: Release, shown: str = "them") -> str:
    """What was looked in and did not show a component (`shown`: "it" or "them"), and what was
    not looked in: a repository whose files the host did not list, or whose card's links were
    not read, has not shown a component to be missing; it was not looked for there."""
    unread = repository.links_not_followed
    unlooked = _not_looked_in(repository)
    looked = "the repository" if repository.files_listed else "the repository's card"
    if unread:
        said = f"{looked} does not show {shown}"
    elif repository.files_listed:
        said = f"neither the repository nor what its card links to shows {shown}"
    else:
        said = f"neither the repository's card nor what it links to shows {shown}"
    return f"{said} ({'; '.join(unlooked)})" if unlooked else said


def _not_looked_in(repository: Release) -> list[str]:
    """Where a component was not looked for: the repository's files, when the host did not list
    them; a file it lists and withholds (a gated card: "unconfirmed" alone read as if the card
    had been read and said nothing); the resources its card links to, when they were not read."""
    unread = repository.links_not_followed
    unlooked = [] if repository.files_listed else [_not_listed(repository)]
    unlooked += [withheld.describe() for withheld in repository.unread]
    if unread == 1:  # "the 1 resource ... were not read" read as a slip
        unlooked.append("the one resource its card links to was not read")
    elif unread:
        unlooked.append(f"the {unread} resources its card links to were not read")
    return unlooked


def _not_listed(repository: Release) -> str:
    """Why the repository's files were not looked in: offline, the cache lists neither them nor
    the branches (a listing's checkpoints were said unseen as if the Hub had been asked)."""
    if repository.cached_on is not None:
        return (
            "read offline, from the local cache: the repository's files and branches were not "
            "listed"
        )
    return "the repository's files were not listed"


def not_shown_finding(
    found: Sequence[Disagreement], database_title: str, cite: Provenance, repository: Release
) -> Finding | None:
    """One finding for every component a listing claims and the repository does not show."""
    missing = [d for d in found if d.kind is DisagreementKind.NOT_SHOWN]
    if not missing:
        return None
    names = ", ".join(d.subject_name for d in missing)
    message = (
        f"the {database_title} listing says these are released, and {unseen_by(repository)}: "
        f"{names}; osai takes the listing's word ({cite.certainty.value}, {cite.location})"
    )
    return Finding(FindingKind.WARNING, message, (cite,))


def stale_finding(stale: Disagreement, cite: Provenance) -> Finding:
    provenance = Provenance("hub", "lastModified", stale.repository, Certainty.DETECTED)
    return Finding(FindingKind.WARNING, stale.message, (cite, provenance))


def subject_name(subject: str, rules: RuleSet) -> str:
    component = rules.components.get(subject)
    if component is not None:
        return component.name
    fact = rules.facts.get(subject)
    return fact.title if fact is not None else subject


def _described(provenance: Provenance | None) -> str:
    return provenance.describe() if provenance is not None else ""


def _day(text: str) -> datetime.date | None:
    """The day an ISO 8601 date or instant names (in its own time zone); None when unreadable."""
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None
