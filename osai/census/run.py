"""`osai census` as a use case: list, judge, store page by page; then the full check of the top N.

It knows nothing of the terminal: progress goes to a `CensusProgress` observer (the CLI's is a
rich bar with done, total and ETA), and the outcome is data for the CLI to print.

- Metadata path: each page of the listing is judged (osai.census.judge) and stored in one
  transaction as it arrives, before the next is asked for, so memory does not grow with the
  population and a killed run loses at most the page it was judging.  A model already stored at
  the same revision is skipped when judged under every framework and mode the run asks for, by
  this osai (osai.census.build); otherwise it is judged again from the listing's item (no request
  more), its verdicts replaced.
- Ctrl-C: a page that arrived is judged to its end, stored and counted before the run stops,
  however often Ctrl-C is pressed (osai.census.interrupts), so every model the Hub sent is stored
  and counted once; a deep check that ended is stored and counted, and those not begun are not
  begun.  `run_census` then raises `CensusInterrupted`
  (osai.census.tally), which says where the run stopped; the same command resumes.
- Rate limits: huggingface_hub retries each page itself (``Retry-After`` and the ``RateLimit``
  header honoured).  When it gives up on a 429 or 5xx, the census waits as osai.net.retry plans
  (what the Hub asked, else a doubling backoff, at most ``--retries`` times) and lists again from
  the start, skipping what is stored; otherwise the run ends, everything judged so far kept, with
  exit 3 and the reason in one line (``cannot list models on HOST: ...``, osai.census.listing),
  which the ``runs`` table keeps with the status ``failed``.
- Deep: the top N listed (in the chosen sort, within the shard) get the full check, links
  followed and public assessments merged, at the listed revision, each read and budgeted as
  `osai check` reads it, and each one's requests counted per host (osai.census.deep).
- Shards: `--shard K/N` keeps the models whose id hashes (SHA-256) to K-1 modulo N.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from osai.backends.hub.client import hub_token
from osai.census.build import osai_build
from osai.census.deep import DeepOptions, check_in_full
from osai.census.interrupts import held_interrupts, ignored_interrupts
from osai.census.judge import CensusJudge
from osai.census.listed import DISABLED, PRIVATE, withheld
from osai.census.listing import ListingFailed, ListingLimits, Page, pages
from osai.census.query import ListingQuery
from osai.census.record import CensusRecord, Depth, ListedModel
from osai.census.rules import load_census_rules
from osai.census.store import CensusStore, RunTotals, interrupted
from osai.census.tally import CensusInterrupted, DeepTally, RunTally
from osai.errors import BadInput, ExitCode, OsaiError
from osai.net import Budget, RequestMeter
from osai.net.address import refuse_hub_endpoint, refuse_link_addresses
from osai.net.retry import planned_wait
from osai.outputs import refuse_parent
from osai.rules import DEFAULT_MODE, RuleSet, load_ruleset
from osai.run import resolve_modes, select_frameworks

if TYPE_CHECKING:
    from huggingface_hub.hf_api import ModelInfo

MAX_RATE_LIMIT_WAIT = 600.0  # seconds: the Hub's window is five minutes


class CensusProgress(Protocol):
    """Told how a census advances (the CLI shows it; the use case does not know how)."""

    def started(self, phase: str, total: int | None) -> None: ...

    def advanced(self, count: int) -> None: ...

    def finished(self) -> None: ...

    def waiting(self, message: str) -> None:
        """The listing was refused, and is listed again after a wait (waiting_message)."""


@dataclass(frozen=True)
class Shard:
    index: int  # 1..count
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        index, separator, count = text.partition("/")
        try:
            shard = cls(int(index), int(count))
        except ValueError:
            shard = cls(0, 0)
        if not separator or not 1 <= shard.index <= shard.count:
            raise BadInput(f"--shard {text}: expected K/N with 1 <= K <= N, e.g. 2/8")
        return shard

    def holds(self, repo_id: str) -> bool:
        digest = hashlib.sha256(repo_id.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass(frozen=True)
class CensusRequest:
    db: Path
    query: ListingQuery = field(default_factory=ListingQuery)
    deep: int = 0
    shard: Shard | None = None
    frameworks: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    timeout: float = 10.0
    deadline: float = 60.0
    retries: int = 2
    jobs: int = 4
    endpoint: str | None = None  # None: HF_ENDPOINT, else huggingface_hub's default
    max_links: int | None = None  # linked resources read per deep check (None: rules/links.yaml)
    public_assessments: bool = True  # a deep check merges them, as `osai check` does


@dataclass(frozen=True)
class CensusOutcome:
    run_id: int
    totals: RunTotals
    status: str  # "complete" | "failed"
    message: str  # why it failed, in one line ("" when complete)
    endpoint: str
    db: Path
    # what reading the public assessments skipped, the damaged cache files: once a run
    warnings: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        return ExitCode.OK if self.status == "complete" else ExitCode.EVIDENCE_UNAVAILABLE


@dataclass(frozen=True)
class QuietProgress:
    """A CensusProgress that shows no progress; a wait before listing again goes to `say` when
    one is given (off a terminal, the CLI's note line: a wait of minutes is not silent)."""

    say: Callable[[str], None] | None = None

    def started(self, phase: str, total: int | None) -> None:
        pass

    def advanced(self, count: int) -> None:
        pass

    def finished(self) -> None:
        pass

    def waiting(self, message: str) -> None:
        if self.say is not None:
            self.say(message)


def waiting_message(seconds: float, why: str) -> str:
    """A listing refused (`why`, one line) and listed again after `seconds`."""
    shown = f"{seconds:.1f}".removesuffix(".0")  # "0.3 s" (a wait under a second), "60 s"
    return f"{why}; listing again in {shown} s"


def run_census(request: CensusRequest, progress: CensusProgress | None = None) -> CensusOutcome:
    observer = progress or QuietProgress()
    rules = load_ruleset()
    frameworks = select_frameworks(rules, request.frameworks, own_allowed=False)
    modes = resolve_modes(request.modes, frameworks, rules)
    endpoint = _endpoint(request.endpoint)
    if request.deep:  # its checks follow links: a mistyped server is said before any listing
        refuse_link_addresses()
    census = load_census_rules(rules)
    judge = CensusJudge(rules, frameworks, modes, census, endpoint, osai_build())
    store = _open_store(request.db)
    shard = str(request.shard) if request.shard else ""
    judged_with = tuple(framework.id for framework in frameworks)
    run_id = store.start_run(
        request.query.as_dict(), endpoint, shard, judged_with, dict(judge.judged_under)
    )
    meter, tally = RequestMeter(), RunTally()
    totals: RunTotals | None = None
    status, message = "interrupted", ""  # unless it ends, or fails: Ctrl-C

    def figures() -> RunTotals:
        return totals or _totals(tally, meter, endpoint)

    try:
        observer.started("listing", _expected(request, store))
        message = _list_and_judge(request, judge, store, run_id, meter, tally, observer)
        observer.finished()
        damaged = _deep(request, judge, store, run_id, tally, observer) if not message else ()
        status = "failed" if message else "complete"
        totals = _totals(tally, meter, endpoint)
        warnings = (*_database_warnings(request, rules, tally.deep), *damaged)
        return CensusOutcome(run_id, totals, status, message, endpoint, request.db, warnings)
    except Exception as error:  # the CLI reports it; the run says it failed, and why
        if not interrupted(error):  # else a Ctrl-C DuckDB caught mid-statement: a Ctrl-C
            status, message = "failed", _unexpected(error)
            raise
    except KeyboardInterrupt:  # stored as interrupted (below); where it stopped, for the CLI
        pass
    finally:
        # What is stored stays, whatever ended the run: the next run resumes from it.
        try:
            stop = _end(observer, store, RunEnding(run_id, status, message, figures), tally)
        except KeyboardInterrupt:  # pending since the press that stopped the run: that press
            stop = _end(observer, store, RunEnding(run_id, status, message, figures), tally)
    raise stop from None  # reached only when interrupted: the block returned or raised otherwise


def _open_store(db: Path) -> CensusStore:
    """The store, its missing directories made first, as `osai check -o` makes a report's (one
    rule for every file osai writes: osai.outputs.refuse_parent); under a file, refused."""
    refuse_parent(f"--db {db}", db)
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BadInput(f"--db {db}: cannot make {db.parent} ({error.strerror})") from None
    return CensusStore.open(db)


@dataclass(frozen=True)
class RunEnding:
    """How a run ended, and its figures (made as it is ended)."""

    run_id: int
    status: str
    message: str
    totals: Callable[[], RunTotals]


def _end(
    observer: CensusProgress, store: CensusStore, ending: RunEnding, tally: RunTally
) -> CensusInterrupted:
    """The run ended, whatever ended it (the progress bar closed, its figures written, the
    store closed), Ctrl-C ignored meanwhile: the run is ending, a press has nothing left to
    stop.  Pressed again after the press that stopped the run, it escaped the ending: the runs
    table kept the run `running`, and the CLI said "osai: interrupted", not where it stopped.
    A press that lands before Ctrl-C is ignored (one pending since the press that stopped the
    run) is taken as that one.  Returns where the run stopped, for when it was interrupted."""
    ended: CensusInterrupted | None = None
    while ended is None:  # again only when the press came before the block began
        with contextlib.suppress(KeyboardInterrupt), ignored_interrupts():
            ended = tally.interrupted()
            observer.finished()
            _finish(store, ending.run_id, ending.totals(), ending.status, ending.message)
    return ended


def _finish(store: CensusStore, run_id: int, done: RunTotals, status: str, message: str) -> None:
    """The run's figures written whole, a Ctrl-C held while they are: pressed again as the run
    ends (after waits of up to --deadline for the checks under way), it rolled them back, and
    the runs table kept neither the ending nor the full checks' figures.  The run is ending:
    the press has nothing left to stop."""
    try:
        with held_interrupts():
            store.finish_run(run_id, done, status, message)
    except KeyboardInterrupt:
        pass
    finally:
        store.close()


def _database_warnings(request: CensusRequest, rules: RuleSet, deep: DeepTally) -> tuple[str, ...]:
    """What reading the public-assessment snapshots skipped (a hostile entry), said once a run
    when a deep check read them, as `osai check` says it."""
    if not request.public_assessments or not deep.tried:
        return ()
    from osai.assessments import load_databases

    return load_databases(rules).warnings


def _unexpected(error: Exception) -> str:
    """Why the run stopped, for the runs table: an OsaiError's own line; of a bug, its kind only
    (its text may quote anything)."""
    if isinstance(error, OsaiError):
        return str(error)
    return f"internal error ({type(error).__name__})"


def _endpoint(given: str | None) -> str:
    """The Hub listed: `given`, else HF_ENDPOINT, else huggingface_hub's default.  One that is
    no http(s) address with a host is refused before the store is opened (`not a url` was a run
    stored as failed, exit 3, "cannot list models on : ...")."""
    named = refuse_hub_endpoint(given)
    from huggingface_hub import constants

    return (named or constants.ENDPOINT).rstrip("/")


def _expected(request: CensusRequest, store: CensusStore) -> int | None:
    if request.query.limit is not None:
        return request.query.limit
    return store.expected_total(request.query.as_dict())


def _list_and_judge(
    request: CensusRequest,
    judge: CensusJudge,
    store: CensusStore,
    run_id: int,
    meter: RequestMeter,
    tally: RunTally,
    progress: CensusProgress,
) -> str:
    """Lists and judges every page; "" when the listing completed, else why it stopped."""
    token = hub_token()
    limits = ListingLimits(request.timeout, request.deadline)
    patience = Budget.starting_now(
        24 * 3600.0, request.timeout, retries=request.retries, retry_after_cap=MAX_RATE_LIMIT_WAIT
    )
    attempt = 1
    while True:
        try:
            for page in pages(request.query, judge.endpoint, token, limits, meter):
                again = page.number <= tally.pages
                # Ctrl-C while the page that arrived is judged, stored and counted is held until
                # it is counted (held_interrupts), then stops the run
                with held_interrupts():
                    try:
                        tally.take(_store_page(page, request, judge, store, run_id, meter, tally))
                    except KeyboardInterrupt:
                        # one not held (raised by another SIGINT handler than Python's): the
                        # page is stored whole (what of it is stored already is skipped)
                        tally.take(_store_page(page, request, judge, store, run_id, meter, tally))
                        raise
                if not again:
                    progress.advanced(page.listed)
            return ""
        except ListingFailed as failure:
            refusal = failure.refusal
            wait = planned_wait(refusal.asked_wait, attempt, patience) if refusal else None
            if wait is None:
                return str(failure)
            # huggingface_hub's own "Rate limited. Waiting" notices are kept off the terminal
            # (osai.net.hub_logs): without this, a wait of minutes would be silent
            progress.waiting(waiting_message(wait, str(failure)))
        time.sleep(wait)  # then list again: what is stored is skipped
        attempt += 1


def _store_page(
    page: Page,
    request: CensusRequest,
    judge: CensusJudge,
    store: CensusStore,
    run_id: int,
    meter: RequestMeter,
    tally: RunTally,
) -> RunTally:
    """The page judged and stored with the run's figures so far (a killed run says what it
    stored); the figures counted with it, for the caller to take once it is stored (`tally` is
    left as it was: a page judged again after Ctrl-C is not counted twice)."""
    after = tally.copied()
    # A page this run counted before the listing restarted is listed again only to reach the
    # next: its models are neither counted twice nor put twice in the top N (each was checked in
    # full twice, and models after it not at all).
    again = page.number <= tally.pages
    judged = _judge_page(page, request, judge, store, after, run_id, again=again)
    if not again:
        after.pages += 1
        after.page_size = max(after.page_size, page.listed)
    totals = _totals(after, meter, judge.endpoint)
    store.write(
        judged.fresh,
        run_id,
        totals,
        again=judged.again,
        recounted=judged.recounted,
        withheld=judged.withheld,
    )
    return after


@dataclass(frozen=True)
class JudgedPage:
    """What a page brings to the store: the models not stored yet, judged (`fresh`); those
    stored at the same revision judged again under frameworks or modes they lacked (`again`);
    and every model of the page stored before at its revision, with the counts the listing gives
    now (`recounted`: downloads and likes change without a commit)."""

    fresh: list[CensusRecord]
    again: list[CensusRecord]
    recounted: list[ListedModel]
    # listed as private or disabled (id, which): left out
    withheld: list[tuple[str, str]] = field(default_factory=list)


def _judge_page(
    page: Page,
    request: CensusRequest,
    judge: CensusJudge,
    store: CensusStore,
    tally: RunTally,
    run_id: int,
    *,
    again: bool = False,
) -> JudgedPage:
    """The page's models not stored yet, judged (counted in `tally`); and those stored at the
    same revision but not judged under every framework and mode the run asks for, judged again
    (from the listing's item: what the store keeps of a model is not all its metadata); and
    every stored one, its counts as listed now.
    `again`: the page was counted before the listing restarted; what it holds that is not
    stored yet (the listing moved) is judged and counted as listed, and nothing else is
    counted.  An item that names no repository is counted with those the listing could not
    read.  A model this run listed before at the same revision, on this page or an earlier one
    (a sort key that moved while it listed), is counted as listed twice, not as skipped, already
    judged (the run's "N listed" was more than the models it stored, and nothing said why)."""
    if not again:
        tally.listed += page.listed
        tally.unreadable += page.unreadable
    listed: dict[tuple[str, str], tuple[ModelInfo, ListedModel]] = {}
    withheld_ids: list[tuple[str, str]] = []
    read = 0  # the items judged or skipped, a model the page lists twice counted twice
    for info in page.items:
        model = judge.listed(info)
        if model is None:
            tally.unreadable += 0 if again else 1
            continue
        if request.shard is not None and not request.shard.holds(model.repo_id):
            tally.outside_shard += 0 if again else 1
            continue
        hidden = withheld(info)
        if hidden:  # not the public Hub's: neither judged nor counted, and no row of it kept
            withheld_ids.append((model.repo_id, hidden))
            if not again and (model.repo_id, hidden) not in withheld_ids[:-1]:
                tally.private += hidden == PRIVATE
                tally.disabled += hidden == DISABLED
            continue
        read += 1
        listed.setdefault((model.repo_id, model.revision), (info, model))
    stored = store.judged_under(list(listed), Depth.METADATA)
    # listed by an earlier page of this run (a page listed again after a restart is all so)
    before = set() if again else store.listed_in_run(list(listed), run_id)
    wanted = judge.judged_as
    fresh: list[CensusRecord] = []
    again_judged: list[CensusRecord] = []
    for key, (info, model) in listed.items():
        missing = wanted - stored[key] if key in stored else wanted
        record = judge.metadata(info, model) if missing else None
        if record is not None:
            (again_judged if key in stored else fresh).append(record)
            if key in stored:
                tally.judged_again_for = _under(tally.judged_again_for, missing, stored[key])
                tally.judged_by_another |= _by_another(missing, stored[key])
        if again or key in before:  # in the top N as first listed, or not
            continue
        if len(tally.top) < request.deep:  # the top N as listed, now or before
            top = record or judge.metadata(info, model)
            if top is not None:
                tally.top.append(top)
    tally.judged += len(fresh) + len(again_judged)
    tally.judged_again += len(again_judged)
    # Listed twice on the page, or on an earlier one, a model is judged once and listed twice
    # once: it was in neither figure, and listed was not what became of each item it counts.
    judged_now = {(r.model.repo_id, r.model.revision) for r in (*fresh, *again_judged)}
    twice = 0 if again else read - len(listed) + len(before - judged_now)
    tally.listed_twice += twice
    tally.skipped += 0 if again else read - len(fresh) - len(again_judged) - twice
    # A model of a page listed again that is not stored came into the listing while it was
    # restarted: this run had not counted it, and judged is never more than listed.
    tally.listed += len(fresh) if again else 0
    recounted = [model for key, (_, model) in listed.items() if key in stored]
    return JudgedPage(fresh, again_judged, recounted, withheld_ids)


def _under(
    said: tuple[str, ...],
    missing: frozenset[tuple[str, str, str]],
    before: frozenset[tuple[str, str, str]] = frozenset(),
) -> tuple[str, ...]:
    """What models were judged again for, as the run says it: `said` so far and the frameworks
    and modes of `missing` ((framework id, mode, osai) of the verdicts to give) they were not
    judged under, each once ("mof in mode mot"; a framework's default mode goes without
    saying).  `before`: how they were judged; a mode "" is one a store written before modes
    were kept did not record, and the run says why it judged again.  A verdict given in the
    same mode by another osai is said by _by_another."""
    unrecorded = {framework for framework, mode, _ in before if not mode}
    judged = {(framework, mode) for framework, mode, _ in before}

    def named(framework: str, mode: str) -> str:
        shown = f"{framework} in mode {mode}" if mode != DEFAULT_MODE else framework
        return f"{shown} (its mode was not recorded)" if framework in unrecorded else shown

    lacking = (
        named(framework, mode)
        for framework, mode, _ in missing
        if framework in unrecorded or (framework, mode) not in judged
    )
    return tuple(sorted({*said, *lacking}))


def _by_another(
    missing: frozenset[tuple[str, str, str]], before: frozenset[tuple[str, str, str]]
) -> bool:
    """Whether a verdict to give was stored in the same framework and mode by another osai
    (osai.census.build): its verdict may not be this one's."""
    judged = {(framework, mode) for framework, mode, _ in before if mode}
    return any((framework, mode) in judged for framework, mode, _ in missing)


def _deep(
    request: CensusRequest,
    judge: CensusJudge,
    store: CensusStore,
    run_id: int,
    tally: RunTally,
    progress: CensusProgress,
) -> tuple[str, ...]:
    """The full check of each of the top N not yet checked in full at its revision, counted in
    `tally` as each is stored; those that were are counted as kept (the run says why it checked
    fewer than N).  Returns the damaged answer-cache files the checks passed over."""
    top = tally.top
    done = store.judged_under([(r.model.repo_id, r.model.revision) for r in top], Depth.DEEP)
    wanted = judge.judged_as
    # checked in full before, but not under every framework and mode asked for, or by another
    # osai (its verdict may not be this one's): checked again
    todo = [r for r in top if not wanted <= done.get((r.model.repo_id, r.model.revision), set())]
    tally.deep_kept = len(top) - len(todo)
    if not todo:
        return ()
    tally.deep_todo = len(todo)

    def stored(check: DeepTally) -> None:
        tally.deep = tally.deep.plus(check)
        progress.advanced(check.tried)

    options = DeepOptions(
        judge.endpoint,
        request.timeout,
        request.deadline,
        request.jobs,
        request.max_links,
        request.public_assessments,
    )
    progress.started("deep", len(todo))
    try:
        return check_in_full(todo, judge, store, run_id, options, stored)
    finally:
        progress.finished()


def _totals(tally: RunTally, meter: RequestMeter, endpoint: str) -> RunTotals:
    from osai.census.listing import listing_path

    return RunTotals(
        listed=tally.listed,
        judged=tally.judged,
        skipped=tally.skipped,
        listed_twice=tally.listed_twice,
        outside_shard=tally.outside_shard,
        private=tally.private,
        disabled=tally.disabled,
        unreadable=tally.unreadable,
        pages=tally.pages,
        page_size=tally.page_size,
        listing_requests=meter.count(listing_path(endpoint)),
        deep=tally.deep.tried,
        deep_requests=tally.deep.requests,
        deep_failed=tally.deep.failed,
        deep_hosts=tally.deep.hosts,
        deep_kept=tally.deep_kept,
        judged_again=tally.judged_again,
        judged_again_for=tally.judged_again_for,
        judged_by_another=tally.judged_by_another,
    )
