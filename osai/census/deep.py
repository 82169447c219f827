"""`osai census --deep N`: the full check of the top N listed, as `osai check` makes it.

Each model is checked by osai.run.judge_one at its listed commit, reading what `osai check` reads,
with the options `osai check` reads it with (osai.run.hub_read_options): ``model_info``, the card,
the files the plan asks for, the resources the card links to (its code on GitHub, its datasets
and base model on the Hub, its papers on arXiv), and its public assessments (its listing in the
Model Openness Tool, its European Open Source AI Index entry: the bundled or last updated
snapshots, no request) unless ``--no-public-assessments``, within the budget of `osai check`
(``--timeout``, ``--deadline``).  Without them, a model the MOT lists as Class III read as "no
class reached" in the census and as Class III in `osai check`.

Every request a check sends is counted per host in a RequestMeter of its own (the links are read
on other threads, in a copy of the check's context, so they count too), and stored with the
model.  The deep checks of one run share their answers (a repository many cards link is asked
for once): a model is charged for the requests it sent, so the first to ask for a shared
resource pays for it; the run's total is what the run cost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from osai.census.interrupts import held_interrupts
from osai.census.judge import CensusJudge
from osai.census.record import CensusRecord, HostRequests
from osai.census.store import CensusStore
from osai.census.tally import DeepTally, summed
from osai.net import Budget, RequestMeter, budget_scope, metering
from osai.run import CheckRequest, Judging, hub_read_options, judge_one
from osai.targets import import_readers
from osai.workers import Workers, finished

if TYPE_CHECKING:
    from osai.backends.answers import RunAnswers


@dataclass(frozen=True)
class DeepOptions:
    endpoint: str  # the Hub's
    timeout: float  # seconds per read
    deadline: float  # seconds per model, its links included
    jobs: int  # models checked at once
    max_links: int | None = None  # None: rules/links.yaml's max_links
    public_assessments: bool = True  # merge the model's MOT listing and EOSAI entry


@dataclass(frozen=True)
class _Checked:
    record: CensusRecord | None  # None: the check could not be made
    error: str
    requests: tuple[HostRequests, ...]


def check_in_full(
    todo: Sequence[CensusRecord],
    judge: CensusJudge,
    store: CensusStore,
    run_id: int,
    options: DeepOptions,
    stored: Callable[[DeepTally], None],
) -> tuple[str, ...]:
    """The full check of each model, stored as soon as it ends, then told to `stored` (its own
    figures: the caller adds them up as they come, so a Ctrl-C leaves them counted).  Returns
    the damaged answer-cache files the checks passed over, for the run to say once."""
    if not todo:
        return ()
    from osai.backends.answers import RunAnswers

    services = service_names(options.endpoint)
    shared = RunAnswers()  # a repository, paper or dataset many cards link is asked for once
    import_readers()  # here, not on the checks' threads (osai.targets.import_readers)
    done = 0
    with Workers(min(options.jobs, len(todo))) as pool:
        futures = [pool.submit(_check_one, r, judge, options, services, shared) for r in todo]
        try:
            for listed, future in zip(todo, futures, strict=True):
                checked = finished(future)  # a Ctrl-C stops the wait, not the storing
                with held_interrupts():
                    outcome = _stored(listed, checked, store, run_id)
                    done += 1
                    stored(outcome)
        except KeyboardInterrupt:
            # Ctrl-C: the checks not begun are not begun; those under way end, each within
            # --deadline, and are stored with those ended (one stored just before the Ctrl-C is
            # stored again, which replaces it: CensusStore.write).  A second Ctrl-C stops the
            # wait, and leaves them unstored: nothing waits for them (osai.workers), even one
            # that never ends.
            for future in futures:
                future.cancel()
            for listed, future in list(zip(todo, futures, strict=True))[done:]:
                if not future.cancelled():
                    checked = finished(future)
                    with held_interrupts():
                        stored(_stored(listed, checked, store, run_id))
            raise
    return shared.warnings()


def _stored(listed: CensusRecord, outcome: _Checked, store: CensusStore, run_id: int) -> DeepTally:
    """The check's outcome, stored (its record, or why it could not be made), and counted."""
    if outcome.record is not None:
        store.write([outcome.record], run_id)
    else:
        model = listed.model
        store.write_failure(model.repo_id, model.revision, outcome.error, outcome.requests, run_id)
    hosts = summed(outcome.requests)
    return DeepTally(
        tried=1,
        failed=int(outcome.record is None),
        requests=sum(sent.requests for sent in hosts),
        hosts=hosts,
    )


def _check_one(
    listed: CensusRecord,
    judge: CensusJudge,
    options: DeepOptions,
    services: dict[str, str],
    shared: RunAnswers,
) -> _Checked:
    """The full check of one model at its listed revision, or why it could not be made: what
    `osai check REPO_ID --revision COMMIT` reads (its request, read as it reads it)."""
    model = listed.model
    request = CheckRequest(
        targets=(model.repo_id,),
        revision=model.revision or None,
        timeout=options.timeout,
        deadline=options.deadline,
        follow=True,
        max_links=options.max_links,
        public_assessments=options.public_assessments,
    )
    # a listed model not found is gone, not mistyped: no guess at what was meant; its listed
    # revision is its main branch's commit, the repository as published
    # and a dead Hub's hint names `osai check ID --offline`: `osai census` has no --offline
    read = hub_read_options(
        request,
        shared,
        judge.endpoint,
        suggest=False,
        revision_published=True,
        command="osai check",
    )
    read = replace(read, kind="hub")
    judging = Judging(judge.rules, judge.frameworks, dict(judge.modes), read, ())
    meter = RequestMeter()
    with budget_scope(Budget.starting_now(options.deadline, options.timeout)), metering(meter):
        judged = judge_one(model.repo_id, judging)
    requests = tuple(
        HostRequests(host, services.get(host, ""), sent, failed)
        for host, (sent, failed) in meter.by_host().items()
    )
    if judged.assessment is None:
        error = judged.error.message if judged.error else "no assessment"
        return _Checked(None, error, requests)
    return _Checked(judge.deep(listed, judged.assessment, requests), "", requests)


def service_names(hub_endpoint: str) -> dict[str, str]:
    """host[:port] → the service a deep check reads there (the Hub, GitHub's API, arXiv's)."""
    from osai.backends import arxiv, github

    named: dict[str, str] = {}
    for service, url in (("hub", hub_endpoint), ("github", github.api_url()),
                         ("arxiv", arxiv.base_url())):  # fmt: skip
        host = authority(url)
        known = named.get(host)
        named[host] = service if known is None or known == service else f"{known}+{service}"
    return named


def authority(url: str) -> str:
    """host[:port] as osai.net's meter records it: the port only where the URL names one."""
    split = urlsplit(url)
    host = split.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return f"{host}:{split.port}" if split.port is not None else host
