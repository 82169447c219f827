"""``fetch``: one bounded GET for osai's own requests (GitHub's REST API, arXiv, archives).

Redirects are followed here, not by httpx2, so that each hop is checked: at most
``budget.max_redirects`` of them; only to http:// or https:// (a redirect to ``file://`` is a
``BadRedirect``, never "a broken connection"); and once a redirect leaves the original origin
(scheme, host, port), ``Authorization``, ``Cookie``, ``Proxy-Authorization`` and any header that
carries one of ``secrets`` are no longer sent, for the rest of the chain, and a redirect to
another origin whose address carries one of ``secrets`` is not followed (``BadRedirect``); with
``same_origin=True`` (an API whose redirects never leave it: GitHub's for a moved repository) such
a redirect is not followed at all (``BadRedirect``).  Refusals and broken
connections are retried as ``osai.net.retry`` says.  Every byte and second is bounded by the budget
(the transport's doing): nothing here can outlive the deadline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urljoin, urlsplit

import httpx2

from osai.net.budget import Budget, budget_scope, current_budget, default_budget
from osai.net.failures import (
    BadAddress,
    BadRedirect,
    BrokenConnection,
    DeadlineExceeded,
    HttpStatus,
    Malformed,
    NetFailure,
    RateLimited,
    TooManyRedirects,
)
from osai.net.limits import HostLimits
from osai.net.retry import classify, planned_wait, refusal, wait_allowed
from osai.net.transport import READABLE_SCHEMES, bounded_client, origin
from osai.redaction import carries_secret

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
Params = Mapping[str, str | int | Sequence[str]]


@dataclass(frozen=True)
class Answer:
    """What the server finally said.  ``headers``: read-only, lower-case keys."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    etag: str = ""

    @property
    def ok(self) -> bool:
        return self.status < 400

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> object:
        """The body as JSON (validate its type before use); Malformed when it is not JSON."""
        from osai.jsonsafe import NotJson, json_value

        try:
            return json_value(self.body)
        except NotJson:
            raise Malformed("the answer is not JSON", self.url) from None


@dataclass(frozen=True)
class _Request:
    url: str
    headers: Mapping[str, str]
    params: Params | None
    secrets: tuple[str, ...]
    accept_status: frozenset[int]
    same_origin: bool = False
    limits: HostLimits | None = None


def fetch(
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    params: Params | None = None,
    budget: Budget | None = None,
    secrets: Sequence[str] = (),
    accept_status: Collection[int] = (),
    client: httpx2.Client | None = None,
    same_origin: bool = False,
    limits: HostLimits | None = None,
) -> Answer:
    """GET ``url`` within ``budget`` (default: the one in scope, else the default budget).

    Returns the final Answer when its status is < 400 or in ``accept_status``; otherwise raises
    ``HttpStatus`` or ``RateLimited``.  Raises a NetFailure for anything else that goes wrong.
    ``client``: a client from ``bounded_client`` (default: one shared by every thread).
    ``same_origin``: a redirect to another origin is a ``BadRedirect``, not followed.
    ``limits``: the run's hosts that said "rate limited until T" (osai.net.limits): a request to
    one before T waits for T when the budget allows, else is not sent (``RateLimited`` at once);
    a rate limit met here is noted in it for the run's other requests.
    """
    active = budget or current_budget() or default_budget()
    request = _Request(
        url,
        dict(headers or {}),
        params,
        tuple(s for s in secrets if s),
        frozenset(accept_status),
        same_origin,
        limits,
    )
    with budget_scope(active):
        return _with_retries(client or shared_client(), request, active)


def _with_retries(client: httpx2.Client, request: _Request, budget: Budget) -> Answer:
    attempt = 1
    while True:
        if budget.remaining() <= 0:
            raise DeadlineExceeded(budget.deadline_s, request.url, attempts=attempt)
        _wait_for_host(request, attempt, budget)
        try:
            answer = _follow(client, request, budget)
        except BrokenConnection as failure:
            wait = planned_wait(None, attempt, budget)
            if wait is None:
                raise failure.after(attempt) from None
        except (HttpStatus, RateLimited) as said:
            # the transport refused a wait the budget cannot give: on this attempt, not the first
            _note_limit(request, said)
            raise said.after(attempt) from None
        else:
            if answer.ok or answer.status in request.accept_status:
                return answer
            refused = refusal(answer.status, answer.url, answer.headers, answer.body)
            last_word = refused.failure(attempt, request.secrets)
            _note_limit(request, last_word)
            wait = planned_wait(refused.asked_wait, attempt, budget) if refused.retryable else None
            if wait is None:
                raise last_word
        time.sleep(wait)
        attempt += 1


def _wait_for_host(request: _Request, attempt: int, budget: Budget) -> None:
    """Before a request is sent: a limit its host set earlier in the run (this request's, or
    another's) is waited out when the budget gives the wait; otherwise the request is not sent
    and fails as the host's limit did."""
    limit = request.limits.limit_of(origin(request.url)) if request.limits is not None else None
    if limit is None:
        return
    wait = limit.remaining()
    if not wait_allowed(wait, budget):
        raise limit.refusal(request.url, attempts=max(attempt - 1, 1), secrets=request.secrets)
    time.sleep(max(wait, 0.0))


def _note_limit(request: _Request, failure: NetFailure) -> None:
    if request.limits is not None and isinstance(failure, RateLimited):
        request.limits.note(origin(request.url), failure)


def _follow(client: httpx2.Client, request: _Request, budget: Budget) -> Answer:
    """One attempt: the request and its redirects, checked hop by hop."""
    if urlsplit(request.url).scheme not in READABLE_SCHEMES:
        raise BadAddress(request.url, secrets=request.secrets)
    url, params, headers = request.url, request.params, request.headers
    for _hop in range(budget.max_redirects + 1):
        answer = _get(client, url, headers, params, request.secrets)
        location = answer.headers.get("location", "")
        if answer.status not in REDIRECT_STATUSES or not location:
            return answer
        target = _redirect_target(url, location, request.secrets)
        if origin(target) != origin(request.url):
            if carries_secret(target, request.secrets):
                # the credentials are kept from the other host's headers: not from its address
                raise BadRedirect(target, url, secrets=request.secrets, carries_secret=True)
            if request.same_origin:
                raise BadRedirect(target, url, secrets=request.secrets, origin_only=True)
            headers = _without_credentials(headers, request.secrets)
        url, params = target, None
    raise TooManyRedirects(budget.max_redirects, request.url, secrets=request.secrets)


def _get(
    client: httpx2.Client,
    url: str,
    headers: Mapping[str, str],
    params: Params | None,
    secrets: Sequence[str],
) -> Answer:
    try:
        with client.stream(
            "GET", url, headers=dict(headers), params=params, follow_redirects=False
        ) as response:
            body = response.read()
            return _answer(str(response.url), response.status_code, response.headers, body)
    except NetFailure as failure:
        raise failure.at(url, secrets) from None
    except httpx2.HTTPError as error:
        budget = current_budget() or default_budget()
        mapped = classify(error, budget, secrets) or BrokenConnection(url, secrets=secrets)
        raise mapped.at(url, secrets) from error


def _answer(url: str, status: int, raw_headers: httpx2.Headers, body: bytes) -> Answer:
    headers = {key.lower(): value for key, value in raw_headers.items()}
    etag = headers.get("etag", "").strip().removeprefix("W/").strip('"')
    return Answer(url, status, MappingProxyType(headers), body, etag)


def _redirect_target(url: str, location: str, secrets: Sequence[str]) -> str:
    try:
        target = urljoin(url, location.strip())
        scheme = urlsplit(target).scheme
    except ValueError:
        raise BadRedirect(location, url, secrets=secrets) from None
    if scheme not in READABLE_SCHEMES:
        raise BadRedirect(location, url, secrets=secrets)
    return target


def _without_credentials(headers: Mapping[str, str], secrets: Sequence[str]) -> dict[str, str]:
    """The headers fit to send to another origin: no credentials, nothing carrying a secret."""
    return {
        name: value
        for name, value in headers.items()
        if name.lower() not in CREDENTIAL_HEADERS and not any(s in value for s in secrets)
    }


_SHARED_LOCK = threading.Lock()
_shared: httpx2.Client | None = None


def shared_client() -> httpx2.Client:
    """The bounded client ``fetch`` uses by default: one pool for every thread."""
    global _shared
    with _SHARED_LOCK:
        if _shared is None:
            _shared = bounded_client(follow_redirects=False)
        return _shared


def close_shared_client() -> None:
    """Close the shared client's connections (it is made again when next needed)."""
    global _shared
    with _SHARED_LOCK:
        client, _shared = _shared, None
    if client is not None:
        client.close()


__all__ = ["Answer", "close_shared_client", "fetch", "origin", "shared_client"]
