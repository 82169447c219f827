"""`osai audit mot|eosai` as data: every listing of a database that names a Hub repository, the
repository's own evidence beside it, and where the two disagree (osai.assessments.disagreements).

Pure: the use case (osai.audit) reads each repository through the pipeline `osai check` uses and
hands the Release here; the renderers (osai.formatters.audit) print what this returns.

A listing is audited against the repository it names itself (`release.huggingface`, the entry's
`system.link`, else the end model's weights link), as that repository's own listing: several MOT
files naming one repository are each audited (five CodeT5+ files name Salesforce/codet5p-16b).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from osai.assessments.disagreements import (
    CONTRADICTIONS,
    KIND_ORDER,
    Disagreement,
    DisagreementKind,
)
from osai.assessments.hubids import name_of, read_hub_reference
from osai.assessments.matching import entry_names, eosai_kind, listing_of_another_model, match
from osai.assessments.model import (
    Databases,
    EosaiEntry,
    EosaiMatch,
    MatchKind,
    MotEntry,
    MotMatch,
    SnapshotInfo,
)
from osai.assessments.public import Listing, eosai_listing, listing_disagreements, mot_listing
from osai.errors import BadInput, ExitCode
from osai.evidence import Release
from osai.rules import RuleSet
from osai.textsafe import line_breaks_escaped

DATABASES = ("mot", "eosai")


class RowStatus(StrEnum):
    AGREES = "agrees"
    DISAGREES = "disagrees"  # a contradiction: presence, licence or fact
    # Nothing contradicted, but the repository does not show all the listing claims, or changed
    # since the listing's date: an unknown, not a disagreement.
    UNCONFIRMED = "unconfirmed"
    NOT_REACHABLE = "not-reachable"  # the repository could not be read (exit-3 reasons)
    # The Hub answered that the repository the listing names does not exist (or the listing
    # names no valid id): a finding about the listing, not a failure to read.
    NO_SUCH_REPOSITORY = "no-such-repository"


@dataclass(frozen=True)
class AuditTarget:
    """One listing to audit, and the Hub repository it names."""

    database: str
    entry: MotEntry | EosaiEntry
    repo_id: str  # as the listing writes it
    info: SnapshotInfo

    @property
    def label(self) -> str:
        return self.entry.label

    @property
    def of_another_model(self) -> bool:
        return bool(self.another_model)

    @property
    def another_model(self) -> str:
        """Why the listing reads as of another model than the repository it names, or "": a MOT
        file's own name (CodeGemma-7B giving google/codegemma-2b, dbrx-instruct giving
        deepseek-ai/deepseek-moe-16b-base); an EOSAI entry whose end model's weights link names
        another repository than its system link (deepseek-R1.yaml's system DeepSeek-R1-0528, its
        weights DeepSeek-R1; dolly.yaml's dolly-v2-12b and dolly-v2-7b), whose end-model grades
        are of those weights.  `osai check` takes such a listing as a note, never evidence, and
        its maintainers are told the repository is likely the wrong one."""
        key = read_hub_reference(self.repo_id).key
        if isinstance(self.entry, MotEntry):
            another = listing_of_another_model(self.entry, name_of(key))
            return f"the listing is named {self.entry.name}" if another else ""
        names = entry_names(self.entry)
        found = eosai_kind(names, key)
        # the repository its system link names (an entry naming one by its weights link alone
        # is matched otherwise: by its family, or as its base model)
        if key not in names.system or (found is not None and found.kind.is_this_repository):
            return ""
        links = self.entry.parameters.get("weights_endmodel")
        named = [read_hub_reference(link).repo_id for link in (links.links if links else ())]
        weights = next((repo for repo in named if repo), "")
        return f"its end model's weights link names {weights}" if weights else ""

    def listing(self, rules: RuleSet) -> Listing:
        """The listing as evidence about the repository it names (an exact match)."""
        if isinstance(self.entry, MotEntry):
            return mot_listing(
                MotMatch(self.repo_id, MatchKind.EXACT, self.entry, self.info), rules
            )
        found = EosaiMatch(self.repo_id, MatchKind.EXACT, self.entry, self.info)
        return eosai_listing(found, rules)


@dataclass(frozen=True)
class AuditRow:
    """One listing's outcome: what the repository answered, and every finding (the
    contradictions, then what the repository does not confirm)."""

    target: AuditTarget
    status: RowStatus
    findings: tuple[Disagreement, ...] = ()
    revision: str = ""  # the commit the repository was read at
    reason: str = ""  # why it was not reachable, or why the Hub has no such repository
    # The id the Hub answers under when it redirected the listing's (the repository was renamed
    # or moved), else "": the listing's id still reads, through a redirect the Hub may drop, and
    # its maintainers are told what to write in its place.
    moved_to: str = ""
    # Read offline: the day the local cache last had the repository from the Hub ("" when not
    # known); None when the Hub answered (Release.cached_on)
    cached_on: str | None = None

    @property
    def contradictions(self) -> tuple[Disagreement, ...]:
        """The findings where the listing and the repository say different things."""
        return tuple(found for found in self.findings if found.kind in CONTRADICTIONS)

    @property
    def unconfirmed(self) -> tuple[Disagreement, ...]:
        """The findings the repository only does not confirm (not shown, stale): every report
        says them apart from the contradictions, which they are not."""
        return tuple(found for found in self.findings if found.kind not in CONTRADICTIONS)


@dataclass(frozen=True)
class KindCount:
    kind: DisagreementKind
    listings: int  # listings with at least one finding of this kind
    # findings of this kind in all: disagreements for a contradiction (CONTRADICTIONS), items
    # the repository does not confirm for the others (a report names them so)
    findings: int

    @property
    def contradicts(self) -> bool:
        return self.kind in CONTRADICTIONS


@dataclass(frozen=True)
class AuditSummary:
    database: str
    title: str
    snapshot: str  # "snapshot 8b5d30e9 of 2026-05-11 (bundled)"
    # the database's licence and the attribution it asks for: every report shows its listings'
    # words (EOSAI's CC-BY-4.0 asks a citation wherever its grades and notes are shown)
    licence: str
    attribution: str
    entries: int  # listings in the snapshot
    naming: int  # listings naming a Hub repository
    audited: int  # of those, audited here (--limit, the repositories asked for)
    checked: int  # read: their repository answered
    agreeing: int
    disagreeing: int
    unconfirmed: int
    by_kind: tuple[KindCount, ...]
    not_reachable: int
    no_such_repository: int
    from_cache: int = 0  # of those checked, read offline from the local cache, not the Hub


@dataclass(frozen=True)
class AuditError:
    """A MODEL the audit was asked for and could not take (no listing names it): one problem,
    one line, as standard error says it after `osai: error:`."""

    target: str  # the MODEL as given
    message: str
    exit_code: int = ExitCode.BAD_INPUT


@dataclass(frozen=True)
class AuditReport:
    summary: AuditSummary
    rows: tuple[AuditRow, ...]
    # the MODELs refused; when there are any, nothing was audited (the audit stops before it
    # asks the Hub anything: a mistyped id is said at once, not after the others' reads)
    errors: tuple[AuditError, ...] = ()


class Unlisted(BadInput):
    """MODELs the audit cannot take: one problem each (`errors`), one line each."""

    def __init__(self, errors: Sequence[AuditError]) -> None:
        super().__init__(*(found.message for found in errors))
        self.errors = tuple(errors)


def audit_targets(databases: Databases, database: str) -> tuple[AuditTarget, ...]:
    """The listings that name a Hub repository, in file order."""
    return tuple(_naming(databases, database))


def chosen_targets(
    every: Sequence[AuditTarget],
    database: str,
    *,
    only: Sequence[str] = (),
    limit: int | None = None,
    databases: Databases | None = None,
) -> tuple[AuditTarget, ...]:
    """Of `every` listing: `only` those naming one of these repositories (case-insensitive;
    Unlisted for those no listing names, each saying which listing `osai check` matches it to
    otherwise, from `databases`), at most the first `limit`."""
    found = list(every)
    if any(not repo.strip() for repo in only):  # `osai audit mot ""`: no id to say it lacks
        empty = next(repo for repo in only if not repo.strip())
        raise Unlisted([AuditError(empty, "an empty MODEL names no Hub repository")])
    if only:
        wanted = {read_hub_reference(repo).key or repo.casefold(): repo for repo in only}
        named = {read_hub_reference(t.repo_id).key for t in found}
        missing = [given for key, given in wanted.items() if key not in named]
        if missing:
            raise Unlisted([_unlisted(databases, database, given) for given in missing])
        found = [t for t in found if read_hub_reference(t.repo_id).key in wanted]
    return tuple(found[:limit] if limit is not None else found)


# What an audit compares a listing with (_naming): the repository a MOT listing names; the one an
# EOSAI entry assesses as its model, named by its system or end-model weights link.  An entry
# names its base model's weights too: "no eosai listing names swiss-ai/Apertus-70B-2509" was said
# of a repository Apertus.yaml's base-model weights link names.
_COMPARED = {
    "mot": ("names {}", "it names"),
    "eosai": ("names {} by its system or end-model weights link", "of the model it assesses"),
}


def _unlisted(databases: Databases | None, database: str, given: str) -> AuditError:
    hint = _matched_otherwise(databases, database, given)
    listing, compared = _COMPARED.get(database, _COMPARED["mot"])
    why = f" ({hint}; an audit compares a listing with the repository {compared})" if hint else ""
    said = f"no {database} listing {listing.format(given)}{why}"
    # one line, as standard error says it (a MODEL typed with a newline: osai.errors.OsaiError)
    return AuditError(given, line_breaks_escaped(said))


_HOW = {
    MatchKind.EXACT: "its id",
    MatchKind.RENAMED: "a former id",
    MatchKind.END_MODEL_NAME: "its end model's name",
    MatchKind.ENTRY_BASE_MODEL: "the entry's base model",
    MatchKind.DECLARED_BASE_MODEL: "its declared base model",
    MatchKind.OTHER_MODEL: "a listing that names it but is of another model (a note only)",
    MatchKind.FAMILY: "its model family",
}


def _matched_otherwise(databases: Databases | None, database: str, repo_id: str) -> str:
    """`osai check` also matches a listing by a model's name, family or base model: which one,
    for a repository no listing names, so that "no listing names it" does not read as "not
    assessed"."""
    if databases is None:
        return ""
    matches = match(databases, repo_id)
    found = matches.mot if database == "mot" else matches.eosai
    if found is None:
        return ""
    return f"osai check matches {repo_id} to {found.entry.label} by {_HOW[found.kind]}"


def _naming(databases: Databases, database: str) -> list[AuditTarget]:
    if database == "mot":
        info = databases.mot.info
        mot = [(e, read_hub_reference(e.huggingface).repo_id) for e in databases.mot.entries]
        return [AuditTarget(database, e, repo, info) for e, repo in mot if repo]
    if database == "eosai":
        info = databases.eosai.info
        eosai = [(e, _eosai_repository(e)) for e in databases.eosai.entries]
        return [AuditTarget(database, e, repo, info) for e, repo in eosai if repo]
    raise BadInput(f"unknown database '{database}' (expected {' or '.join(DATABASES)})")


def _eosai_repository(entry: EosaiEntry) -> str:
    """The Hub repository an entry names as its system, else as its end model's weights."""
    system = read_hub_reference(entry.link).repo_id
    if system:
        return system
    links = entry.parameters.get("weights_endmodel")
    weights = [read_hub_reference(link).repo_id for link in (links.links if links else ())]
    return next((repo for repo in weights if repo), "")


def audit_row(target: AuditTarget, repository: Release, rules: RuleSet) -> AuditRow:
    """The listing against the repository's own evidence (no public assessment merged)."""
    found = listing_disagreements(target.listing(rules), repository, rules)
    ordered = tuple(sorted(found, key=lambda d: KIND_ORDER.index(d.kind)))
    status = RowStatus.AGREES
    if any(d.kind in CONTRADICTIONS for d in ordered):
        status = RowStatus.DISAGREES
    elif ordered:
        status = RowStatus.UNCONFIRMED
    return AuditRow(
        target,
        status,
        ordered,
        repository.revision,
        moved_to=repository.moved_to,
        cached_on=repository.cached_on,
    )


# What a maintainer acts on first: a contradiction, then a listing naming no repository, then
# what the Hub leaves unconfirmed, what could not be read (to retry), and what agrees.  The first
# screen of 172 listings in file order was Amber's unconfirmed row and three missing ones.
_WORST_FIRST = (
    RowStatus.DISAGREES,
    RowStatus.NO_SUCH_REPOSITORY,
    RowStatus.UNCONFIRMED,
    RowStatus.NOT_REACHABLE,
    RowStatus.AGREES,
)


def worst_first(rows: Sequence[AuditRow]) -> tuple[AuditRow, ...]:
    """The rows by what they ask of the listing's maintainer, in file order within each."""
    return tuple(sorted(rows, key=lambda row: _WORST_FIRST.index(row.status)))


def unread_row(target: AuditTarget, reason: str, *, missing: bool) -> AuditRow:
    """A listing whose repository was not read: not reachable, or (`missing`) not on the Hub."""
    status = RowStatus.NO_SUCH_REPOSITORY if missing else RowStatus.NOT_REACHABLE
    return AuditRow(target, status, reason=reason)


def summarise(
    database: str, databases: Databases, rows: Sequence[AuditRow], naming: int
) -> AuditSummary:
    info = databases.of(database).info
    unread = (RowStatus.NOT_REACHABLE, RowStatus.NO_SUCH_REPOSITORY)
    checked = [row for row in rows if row.status not in unread]
    listings: Counter[DisagreementKind] = Counter()
    totals: Counter[DisagreementKind] = Counter()
    for row in checked:
        kinds = [d.kind for d in row.findings]
        listings.update(set(kinds))
        totals.update(kinds)
    return AuditSummary(
        database=database,
        title=info.source.title,
        snapshot=f"snapshot {info.short_commit} of {info.date or 'unknown date'} ({info.origin})",
        licence=info.source.licence,
        attribution=info.source.attribution,
        entries=info.entry_count or _entry_count(databases, database),
        naming=naming,
        audited=len(rows),
        checked=len(checked),
        agreeing=sum(1 for row in checked if row.status is RowStatus.AGREES),
        disagreeing=sum(1 for row in checked if row.status is RowStatus.DISAGREES),
        unconfirmed=sum(1 for row in checked if row.status is RowStatus.UNCONFIRMED),
        by_kind=tuple(KindCount(k, listings[k], totals[k]) for k in KIND_ORDER if totals[k]),
        not_reachable=sum(1 for row in rows if row.status is RowStatus.NOT_REACHABLE),
        no_such_repository=sum(1 for row in rows if row.status is RowStatus.NO_SUCH_REPOSITORY),
        from_cache=sum(1 for row in checked if row.cached_on is not None),
    )


def _entry_count(databases: Databases, database: str) -> int:
    return len(databases.of(database).entries)
