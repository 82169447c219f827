"""`osai audit mot|eosai` as a use case: each listing that names a Hub repository, checked against
that repository through the pipeline `osai check` uses (the Hub, the card's links followed), with
no public assessment merged, so the repository speaks for itself.

Each repository is read once, however many listings name it, within its own budget (`--timeout`
per read, `--deadline` for the whole read, as a check's); `--jobs` repositories are read at once.
A repository that cannot be read is a "not reachable" row with the reason, never a disagreement;
one the Hub says does not exist is a "no such repository" row: a finding about the listing.
Nothing here prints: the CLI renders the AuditReport (osai.formatters.audit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from osai.assessments import load_databases
from osai.assessments.audit import (
    AuditReport,
    AuditRow,
    AuditTarget,
    Unlisted,
    audit_row,
    audit_targets,
    chosen_targets,
    summarise,
    unread_row,
    worst_first,
)
from osai.assessments.hubids import read_hub_reference
from osai.errors import NoSuchRepository, OsaiError
from osai.evidence import Release
from osai.rules import RuleSet, load_ruleset
from osai.targets import ReadOptions, import_readers, read_target
from osai.workers import Workers, finished

LINK_JOBS = 4  # linked resources read at once, per repository


@dataclass(frozen=True)
class AuditRequest:
    database: str  # "mot" | "eosai"
    only: tuple[str, ...] = ()  # the listings naming these repositories (default: every one)
    limit: int | None = None
    jobs: int = 4
    timeout: float = 10.0
    deadline: float = 60.0
    offline: bool = False
    follow: bool = True


@dataclass(frozen=True)
class Audited:
    report: AuditReport
    warnings: tuple[str, ...]  # what loading the audited snapshot skipped, the damaged cache files


Read = Callable[[str], Release]


def run_audit(request: AuditRequest, read: Read | None = None) -> Audited:
    """Every listing of the database that names a Hub repository, against the repository.

    `read`: how a repository id becomes its Release (default: osai.targets.read_target with the
    request's budget); tests pass none, the loopback Hub is the endpoint.
    """
    rules = load_ruleset()
    databases = load_databases(rules)
    every = audit_targets(databases, request.database)
    # the audited database's own (what the other one skipped is no part of this audit)
    loaded = databases.of(request.database).warnings
    try:
        chosen = chosen_targets(
            every, request.database, only=request.only, limit=request.limit, databases=databases
        )
    except Unlisted as refused:
        # a report still, with nothing audited and why: a JSON reader gets a document, as from
        # `osai check` with a target it cannot check (its errors[])
        nothing = summarise(request.database, databases, (), len(every))
        return Audited(AuditReport(nothing, (), refused.errors), loaded)
    options = _read_options(request) if read is None else ReadOptions()
    reader = read or _reader(rules, options)
    rows = worst_first(audit_rows(chosen, rules, reader, request.jobs))
    summary = summarise(request.database, databases, rows, len(every))
    return Audited(AuditReport(summary, rows), (*loaded, *options.reading_warnings()))


def audit_rows(
    targets: Sequence[AuditTarget], rules: RuleSet, read: Read, jobs: int
) -> tuple[AuditRow, ...]:
    """Each repository read once (at most `jobs` at a time), each listing compared with it."""
    repositories = list(dict.fromkeys(_key(t) for t in targets))
    given = {_key(t): t.repo_id for t in reversed(targets)}
    import_readers()  # here, not on the reads' threads (osai.targets.import_readers)
    # a Ctrl-C leaves the reads not begun unbegun, and waits for none (osai.workers)
    with Workers(min(jobs, len(repositories))) as pool:
        futures = [pool.submit(_answer, read, given[key]) for key in repositories]
        answers = {key: finished(future) for key, future in zip(repositories, futures, strict=True)}
    rows = []
    for target in targets:
        answer = answers[_key(target)]
        if isinstance(answer, Unread):
            rows.append(unread_row(target, answer.reason, missing=answer.missing))
        else:
            rows.append(audit_row(target, answer, rules))
    return tuple(rows)


def _key(target: AuditTarget) -> str:
    return read_hub_reference(target.repo_id).key


@dataclass(frozen=True)
class Unread:
    """Why a repository was not read (one line); `missing`: the Hub answered that it does not
    exist, rather than giving no answer (a revision gone, or an id that is none, is neither)."""

    reason: str
    missing: bool


def _answer(read: Read, repo_id: str) -> Release | Unread:
    try:
        return read(repo_id)
    except OsaiError as exc:
        return Unread(" ".join(str(exc).split()), isinstance(exc, NoSuchRepository))


def _read_options(request: AuditRequest) -> ReadOptions:
    from osai.backends.answers import RunAnswers
    from osai.backends.hub import HubOptions

    hub = HubOptions(timeout=request.timeout, deadline=request.deadline, offline=request.offline)
    # What several listings' cards link (a family's repository, paper, dataset) is read once.
    return ReadOptions(
        hub=hub, follow=request.follow, jobs=LINK_JOBS, shared_answers=RunAnswers(), kind="hub"
    )


def _reader(rules: RuleSet, options: ReadOptions) -> Read:
    def read(repo_id: str) -> Release:
        return read_target(repo_id, rules, options)

    return read
