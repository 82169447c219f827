"""One GET of a JSON or XML API (GitHub, arXiv) through osai.net, with kept answers.

Bounded by the budget in force (the check's deadline), retried as osai.net says, and kept in an
AnswerCache (ETag revalidation; offline, the kept answer or nothing; online with no fresh answer,
the kept answer, marked as such: osai.backends.answers).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from urllib.parse import urlencode

from osai.backends.answers import AnswerCache, KeptAnswer, RunAnswers, gave_no_answer
from osai.evidence import CachedAnswer
from osai.net import Budget, Malformed, NetFailure, RateLimited
from osai.net.failures import when


class NotKept(NetFailure):
    """Offline, and no answer is kept for this address."""

    def _explain(self, host: str) -> str:
        return f"offline, and no answer from {host} is kept in the cache"


@dataclass(frozen=True)
class Reply:
    url: str
    status: int
    body: bytes
    from_cache: bool = False
    # a kept answer standing in for one the server did not give (or, offline, was not asked for)
    cached: CachedAnswer | None = None


# The caller's reading of an answer: Malformed when the caller cannot read it.
Check = Callable[[Reply], object]


@dataclass(frozen=True)
class ApiReader:
    budget: Budget
    cache: AnswerCache
    offline_by: str = ""  # why no server is asked (--offline, HF_HUB_OFFLINE); "" online
    headers: Mapping[str, str] | None = None
    secrets: tuple[str, ...] = ()
    shared: RunAnswers | None = None  # the run's answers, shared by its targets
    same_origin: bool = False  # follow redirects only within the API's origin (GitHub's)
    # Said once a run (the run's warnings) when a request finds the API's quota spent: GitHub's
    # without a token, that one raises it; "" for none.  Not for a secondary limit (bursts,
    # concurrency), which GitHub applies with a token too.
    rate_limit_hint: str = ""

    def get(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        accept: Collection[int] = (404,),
        max_bytes: int | None = None,
        check: Check | None = None,
    ) -> Reply:
        """The answer (a status in `accept` is an answer too); NetFailure when there is none.
        `max_bytes`: a larger body than the budget's allowed for this answer (a file list).
        `check`: how the caller reads the answer.  One it cannot read (Malformed) is not kept, so
        it neither stands for a day nor replaces the last good one; a kept one it cannot read
        is damaged: a miss and a warning."""
        full = f"{url}?{urlencode(dict(params))}" if params else url
        reader = self if max_bytes is None else self._reading_at_most(max_bytes)
        try:
            if self.shared is None:
                return reader._answer(full, accept, check)
            key = f"{sorted(accept)} {full}"
            read = partial(reader._answer, full, accept, check)
            return self.shared.read(key, read, self.budget.remaining())
        except RateLimited as limited:
            if limited.quota_spent and self.rate_limit_hint and self.shared is not None:
                self.shared.warn(self.rate_limit_hint)
            if not limited.sent and limited.retry_at is not None and self.shared is not None:
                self.shared.warn(withheld(limited.host, limited.retry_at, limited.end_said))
            raise

    def _reading_at_most(self, max_bytes: int) -> ApiReader:
        return replace(self, budget=replace(self.budget, max_bytes=max_bytes))

    def _answer(self, full: str, accept: Collection[int], check: Check | None) -> Reply:
        kept = self._readable(full, check)
        if self.offline_by:
            if kept is None:
                raise NotKept(full, secrets=self.secrets)
            cached = kept.offline(self.offline_by)
            return Reply(full, kept.status, kept.body, from_cache=True, cached=cached)
        if kept is not None and not kept.etag and kept.fresh:
            return Reply(full, kept.status, kept.body, from_cache=True)
        # With an answer kept, a server that gives none (an error, a limit, a broken connection)
        # is not asked again: the kept answer stands in at once.  Retried, a GitHub answering 500
        # cost each repository, tree and README four requests and seconds of waits, for the
        # answer the cache held all along (28 requests for 8 targets, 12 with nothing kept).
        try:
            return self._fetch(full, kept.etag if kept is not None else "", kept, accept, check)
        except NetFailure as failure:
            if kept is None or not gave_no_answer(failure):
                raise
            stale = kept.instead_of(failure)
            return Reply(full, kept.status, kept.body, from_cache=True, cached=stale)

    def _readable(self, full: str, check: Check | None) -> KeptAnswer | None:
        """The answer kept for `full`, None when none is or the caller cannot read it (an
        earlier osai kept what it could not read)."""
        kept = self.cache.get(full)
        if kept is None or check is None:
            return kept
        try:
            check(Reply(full, kept.status, kept.body, from_cache=True))
        except Malformed as unreadable:
            self.cache.unreadable(full, unreadable.detail)
            return None
        return kept

    def _fetch(
        self,
        full: str,
        etag: str,
        kept: KeptAnswer | None,
        accept: Collection[int],
        check: Check | None,
    ) -> Reply:
        from osai.net.fetch import fetch

        headers = dict(self.headers or {})
        if etag:
            headers["If-None-Match"] = etag  # as the server gave it: W/"..." stays weak
        answer = fetch(
            full,
            headers=headers,
            budget=self.budget if kept is None else replace(self.budget, retries=0),
            secrets=self.secrets,
            accept_status=(*accept, 304),
            same_origin=self.same_origin,
            limits=self.shared.limits if self.shared is not None else None,
        )
        if answer.status == 304 and kept is not None:
            # The 304 confirms the answer read (and checked) before asking, its ETag sent: not
            # read again, the file may have gone since (a CI job clearing the shared cache
            # while another checked made each such link "malformed answer from" a server that
            # had answered).  Confirmed current now: a later "from the cache of" dates from it.
            self.cache.put(full, kept.status, kept.body, kept.etag)
            return Reply(full, kept.status, kept.body, from_cache=True)
        reply = Reply(answer.url, answer.status, answer.body)
        if check is not None:
            check(reply)  # Malformed: not kept, and the caller says so
        self.cache.put(full, answer.status, answer.body, _validator(answer.headers))
        return reply


def withheld(host: str, retry_at: datetime, end_said: bool = True) -> str:
    """Said once a run: a host limited it, and the run's later requests to it were not sent.
    A host that named no end (a bare 429) is not said to have limited the run "until" the
    minute osai assumed of it."""
    if not end_said:
        return (
            f"{host} rate limited this run, naming no end: osai sent it no more requests "
            f"before {when(retry_at)}, and the links they would have read are unread"
        )
    return (
        f"{host} rate limited this run until {when(retry_at)}: osai sent it no more requests "
        "before then, and the links they would have read are unread"
    )


def _validator(headers: Mapping[str, str]) -> str:
    """The ETag to send back verbatim, if it is a plain one (printable, short): a server's
    header must not become a header injection."""
    etag = headers.get("etag", "").strip()
    if not etag or len(etag) > 200 or not etag.isprintable():
        return ""
    return etag
