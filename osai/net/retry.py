"""When to try a request again, and for how long to wait: one policy for every remote read.

Retried: 408, 429, 5xx, a rate limit (a 403 or 429 with ``X-RateLimit-Remaining: 0``, GitHub's
way; or a 403 with ``Retry-After``, or whose message says so, GitHub's secondary limit) and broken
connections; at most ``budget.retries`` times.  The wait is what the server asked
(``Retry-After`` in seconds or as an HTTP date, or ``X-RateLimit-Reset``; a minute for a rate
limit that says no more, a bare 429 included), else a short doubling backoff.  A wait longer than
``budget.retry_after_cap``, or one the time left cannot cover, is not slept: the request fails at
once, with a failure that says when to try again.

``with_retries`` applies the policy to any callable (huggingface_hub's ``HfApi`` calls);
``osai.net.fetch`` applies it to osai's own requests.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

import httpx2

from osai.net.budget import Budget, budget_scope
from osai.net.failures import (
    BadAddress,
    BrokenConnection,
    ConnectFailed,
    DeadlineExceeded,
    HttpStatus,
    Malformed,
    NetFailure,
    RateLimited,
    ReadTimeout,
    TooManyRedirects,
    moment_in,
    seconds_until,
)

T = TypeVar("T")
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
FIRST_BACKOFF = 0.5  # seconds, doubled per retry when the server asks for no particular wait
BODY_HEAD_BYTES = 500  # how much of an error body a failure keeps (for callers, not messages)
# GitHub's secondary rate limit may come as a bare 403 (or 429) whose message alone says so, with
# neither Retry-After nor X-RateLimit-Remaining; its docs ("Rate limits for the REST API") then
# say to wait at least a minute.  It was reported as "access denied", as for a private repository.
# A bare 429 ("too many requests", saying neither how many nor until when) is waited as long: it
# was retried half a second, then a second later, each retry one more request while limited.
SECONDARY_LIMIT_WORDS = b"secondary rate limit"
SECONDARY_LIMIT_WAIT = 60.0  # seconds
# The IETF draft's `RateLimit` field as huggingface_hub's pattern reads it (utils/_http.py)
RATELIMIT_FIELD = re.compile(r'"\w+"\s*;\s*r\s*=\s*(?P<r>\d+)\s*;\s*t\s*=\s*(?P<t>\d+)')


@dataclass(frozen=True)
class Refusal:
    """A >=400 answer, as the retry policy sees it."""

    status: int
    url: str
    asked_wait: float | None  # seconds the server asked for (None: it did not say)
    rate_limited: bool
    body_head: str = ""
    # The request quota itself is spent (X-RateLimit-Remaining: 0), not a secondary limit on
    # bursts, which a token does not lift.
    quota_spent: bool = False
    # `asked_wait` is osai's minute for a limit that said no end, not a wait the server stated
    # (and that huggingface_hub would sleep)
    assumed_wait: bool = False

    @property
    def retryable(self) -> bool:
        return self.rate_limited or self.status in RETRY_STATUSES

    def failure(self, attempts: int, secrets: Sequence[str]) -> NetFailure:
        """What to raise when this refusal is the last word."""
        retry_at = moment_in(self.asked_wait) if self.asked_wait is not None else None
        if self.rate_limited or self.status == 429:
            return RateLimited(
                retry_at,
                self.url,
                status=self.status,
                attempts=attempts,
                secrets=secrets,
                quota_spent=self.quota_spent,
                end_said=not self.assumed_wait,
            )
        return HttpStatus(
            self.status,
            self.url,
            self.body_head,
            retry_at=retry_at,
            attempts=attempts,
            secrets=secrets,
        )


def refusal(status: int, url: str, headers: Mapping[str, str], body: bytes = b"") -> Refusal:
    """Read what a >=400 answer says about retrying (``headers``: lower-case keys)."""
    retry_after = _retry_after(headers.get("retry-after"))
    draft_reset = _ratelimit_field_reset(headers) if status == 429 else None
    reset = _rate_limit_reset(headers) if draft_reset is None else draft_reset
    secondary = status in (403, 429) and SECONDARY_LIMIT_WORDS in body[:BODY_HEAD_BYTES].lower()
    spent = status in (403, 429) and headers.get("x-ratelimit-remaining", "").strip() == "0"
    spent = spent or draft_reset is not None
    rate_limited = spent or (status == 403 and retry_after is not None) or secondary
    rate_limited = rate_limited or status == 429
    asked = retry_after if retry_after is not None else reset if rate_limited else None
    if draft_reset is not None:  # the quota is back no sooner, and huggingface_hub sleeps this
        asked = max(draft_reset, asked or 0.0)
    assumed = asked is None and rate_limited
    if assumed:  # a limit whose end is not said: at least a minute
        asked = SECONDARY_LIMIT_WAIT
    head = body[:BODY_HEAD_BYTES].decode("utf-8", errors="replace")
    return Refusal(
        status,
        url,
        asked,
        rate_limited,
        head,
        quota_spent=spent and not secondary,
        assumed_wait=assumed,
    )


def _retry_after(value: str | None) -> float | None:
    """``Retry-After``: delay-seconds or an HTTP date; None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
        moment = parsedate_to_datetime(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return seconds_until(moment)
    return None


def _ratelimit_field_reset(headers: Mapping[str, str]) -> float | None:
    """The Hub's 429 `RateLimit: "api";r=0;t=55` (the IETF draft's field): seconds until the
    quota resets, when none of it remains; else None.  Read as huggingface_hub reads it (its
    pattern, the first item that matches), since its retry loop sleeps what it reads there: a
    field read otherwise ("r=00", a second item) was a wait osai did not bound."""
    found = RATELIMIT_FIELD.search(headers.get("ratelimit", ""))
    if found is None or found["r"].strip("0"):  # not int(): 5,000 digits are a ValueError
        return None
    return float(found["t"])


def _rate_limit_reset(headers: Mapping[str, str]) -> float | None:
    """GitHub's ``X-RateLimit-Reset`` (epoch seconds) as seconds from now."""
    value = headers.get("x-ratelimit-reset", "").strip()
    if not value.isdigit():
        return None
    with contextlib.suppress(OverflowError, OSError, ValueError):
        return seconds_until(datetime.fromtimestamp(int(value), UTC))
    return None


def planned_wait(asked: float | None, attempt: int, budget: Budget) -> float | None:
    """Seconds to wait before attempt ``attempt + 1``, or None: do not retry, fail now."""
    if attempt > budget.retries:
        return None
    if asked is not None:
        return asked if wait_allowed(asked, budget) else None
    wait = min(FIRST_BACKOFF * 2 ** (attempt - 1), budget.retry_after_cap)
    return wait if wait < budget.remaining() else None


def wait_allowed(asked: float, budget: Budget) -> bool:
    """Whether the budget gives a wait a server asked for: no longer than its cap on one wait,
    and over before its deadline (osai's retries, and the transport for huggingface_hub's)."""
    return asked <= budget.retry_after_cap and asked < budget.remaining()


def classify(
    error: BaseException, budget: Budget, secrets: Sequence[str] = ()
) -> NetFailure | None:
    """An httpx2 error (as huggingface_hub or httpx2 raise it) as a NetFailure; None if not one."""
    if isinstance(error, NetFailure):
        return error
    url = _request_url(error)
    kinds: tuple[tuple[type[BaseException], Callable[[], NetFailure]], ...] = (
        (httpx2.ConnectTimeout, lambda: ConnectFailed(url, secrets=secrets)),
        (httpx2.TimeoutException, lambda: ReadTimeout(budget.timeout, url, secrets=secrets)),
        (httpx2.ConnectError, lambda: ConnectFailed(url, secrets=secrets)),
        (httpx2.UnsupportedProtocol, lambda: BadAddress(url, secrets=secrets)),
        (httpx2.TooManyRedirects, lambda: TooManyRedirects(budget.max_redirects, url)),
        (httpx2.DecodingError, lambda: Malformed("the body could not be decoded", url)),
        (httpx2.TransportError, lambda: BrokenConnection(url, secrets=secrets)),
    )
    for kind, make in kinds:
        if isinstance(error, kind):
            return make()
    return None


def _request_url(error: BaseException) -> str:
    with contextlib.suppress(RuntimeError, AttributeError):
        return str(error.request.url)  # type: ignore[attr-defined]  # httpx2.RequestError
    return ""


def hub_refusal(error: BaseException) -> Refusal | None:
    """huggingface_hub's ``HfHubHTTPError`` as a Refusal (its response's status and headers)."""
    from huggingface_hub.errors import HfHubHTTPError

    if not isinstance(error, HfHubHTTPError):
        return None
    response = error.response
    status = response.status_code
    headers = {key.lower(): value for key, value in response.headers.items()}
    url = _request_url_of(response)
    try:
        body = response.content
    except httpx2.ResponseNotRead:
        body = b""
    return refusal(status, url, headers, body)


def _request_url_of(response: httpx2.Response) -> str:
    with contextlib.suppress(RuntimeError):
        return str(response.request.url)
    return ""


def with_retries(send: Callable[[], T], budget: Budget, *, secrets: Sequence[str] = ()) -> T:
    """``send()``, inside ``budget_scope(budget)``, retried as this module's docstring says.

    Raises a NetFailure for every transport failure and for a 408/429/5xx/rate limit still refused
    when no retry is left (chained: ``__cause__`` is huggingface_hub's own error).  Any other
    exception, huggingface_hub's typed errors for 401/403/404 included, is re-raised unchanged:
    it means something (not found, gated) that the caller explains better.
    """
    attempt = 1
    with budget_scope(budget):
        while True:
            if budget.remaining() <= 0:
                raise DeadlineExceeded(budget.deadline_s, attempts=attempt)
            try:
                return send()
            except Exception as error:
                wait = _wait_or_raise(error, attempt, budget, secrets)
            time.sleep(wait)
            attempt += 1


def _wait_or_raise(error: Exception, attempt: int, budget: Budget, secrets: Sequence[str]) -> float:
    """How long to wait before retrying after ``error``; raises when there is no retry."""
    refused = hub_refusal(error)
    if refused is not None:
        if not refused.retryable:
            raise error
        wait = planned_wait(refused.asked_wait, attempt, budget)
        if wait is None:
            raise refused.failure(attempt, secrets) from error
        return wait
    failure = classify(error, budget, secrets)
    if failure is None:
        raise error
    wait = planned_wait(None, attempt, budget) if isinstance(failure, BrokenConnection) else None
    if wait is not None:
        return wait
    if failure is error:  # raised by the bounded transport itself: already in plain words
        raise failure.after(attempt)
    raise failure.after(attempt) from error


__all__ = [
    "RETRY_STATUSES",
    "Refusal",
    "classify",
    "hub_refusal",
    "planned_wait",
    "refusal",
    "wait_allowed",
    "with_retries",
]
