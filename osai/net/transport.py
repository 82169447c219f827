"""An httpx2 transport that bounds every request by the budget in scope, and clients built on it.

httpx's timeouts bound each socket operation, not an answer: a server that trickles one byte per
second never lets a read time out, so headers, an error body or a chain of redirects could take
minutes.  Here the transport's connection pool uses a network backend that gives EVERY connect,
TLS handshake, read and write ``timeout = min(per-read timeout, time left)`` and fails with
``DeadlineExceeded`` once nothing is left; each redirect hop is a new request under the same
deadline; and each response body is read through ``BoundedBody`` (deadline per chunk, size caps),
so even a non-streamed ``client.get()`` (what huggingface_hub's ``HfApi`` does) cannot read 300 MB.

The budget is the one of the innermost ``budget_scope`` in the calling thread (``osai.net.budget``),
else a conservative default.  One pool serves every thread; each request reads its own thread's
budget.  What is not bounded: name resolution (``getaddrinfo`` takes no timeout).

Redirects: httpx2 counts them per client, not per request, so a client's ``max_redirects`` is set
once (``DEFAULT_MAX_REDIRECTS``); the deadline bounds a chain whatever its length, and ``fetch``
(osai's own requests) follows redirects itself, honouring ``Budget.max_redirects``.
"""

from __future__ import annotations

import base64
import ipaddress
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit
from urllib.request import getproxies

import httpcore2
import httpx2

from osai.net.body import DECODED_ENCODINGS, bounded_response
from osai.net.budget import (
    DEFAULT_MAX_REDIRECTS,
    Budget,
    budget_scope,
    current_budget,
    default_budget,
)
from osai.net.failures import BadRedirect, ConnectFailed, DeadlineExceeded, NetFailure
from osai.net.meter import FAILED, RequestMeter, current_meter
from osai.net.retry import RETRY_STATUSES, classify, refusal, wait_allowed
from osai.redaction import carries_secret

T = TypeVar("T")
WRITE_PIECE = 64 * 1024  # bytes written per socket operation, so a slow reader meets the deadline
READABLE_SCHEMES = ("http", "https")
TIMEOUT_KEYS = ("connect", "read", "write", "pool")
DEADLINE_SLACK = 0.05  # seconds: a timeout this close to the deadline was the deadline's


def _budget_in_force() -> Budget:
    return current_budget() or default_budget()


def _bounded(operation: Callable[[float], T], requested: float | None) -> T:
    """Run one socket operation with the budget's timeout; a timeout the deadline set is its."""
    budget = _budget_in_force()
    if budget.remaining() <= 0:
        raise DeadlineExceeded(budget.deadline_s)
    timeout, by_deadline = budget.io_timeout(requested)
    try:
        return operation(timeout)
    except httpcore2.TimeoutException:
        if by_deadline or budget.remaining() <= 0:
            raise DeadlineExceeded(budget.deadline_s) from None
        raise


class _DeadlineStream(httpcore2.NetworkStream):
    """A connection whose every read, write and handshake is bounded by the budget in scope."""

    def __init__(self, inner: httpcore2.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return _bounded(lambda limit: self._inner.read(max_bytes, limit), timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        for start in range(0, len(buffer), WRITE_PIECE):
            self._write_piece(buffer[start : start + WRITE_PIECE], timeout)

    def _write_piece(self, piece: bytes, timeout: float | None) -> None:
        _bounded(lambda limit: self._inner.write(piece, limit), timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore2.NetworkStream:
        # One handshake call: CPython bounds an SSL handshake by its timeout as a whole.
        upgraded = _bounded(
            lambda limit: self._inner.start_tls(ssl_context, server_hostname, limit), timeout
        )
        return _DeadlineStream(upgraded)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore2.NetworkBackend):
    """httpcore2's network backend, with every connection bounded by the budget in scope."""

    def __init__(self, inner: httpcore2.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        stream = _bounded(
            lambda limit: self._inner.connect_tcp(host, port, limit, local_address, socket_options),
            timeout,
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        stream = _bounded(
            lambda limit: self._inner.connect_unix_socket(path, limit, socket_options), timeout
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:  # httpcore's connect retries: never past the deadline
        time.sleep(max(0.0, min(seconds, _budget_in_force().remaining())))


def _install_deadline_backend(transport: httpx2.HTTPTransport) -> None:
    """Make ``transport``'s connection pool open only deadline-bounded connections.

    PRIVATE API, isolated here: httpx2's ``HTTPTransport`` keeps its httpcore2 pool in ``_pool``,
    and the pool (``ConnectionPool``, or its ``HTTPProxy`` / ``SOCKSProxy`` subclasses) keeps the
    network backend it gives each NEW connection in ``_network_backend``.  Neither is public, but
    wrapping the backend keeps every other setting of the transport (TLS, proxy, limits).  It runs
    before any request, so no connection escapes it.  If either name changes this raises
    AttributeError when a client is built (loudly), and the trickle tests in tests/test_net.py fail.
    """
    pool = transport._pool
    backend = pool._network_backend
    if not isinstance(backend, _DeadlineBackend):
        pool._network_backend = _DeadlineBackend(backend)


def _accepted_encodings(value: str) -> str:
    """The client's Accept-Encoding, keeping only what BoundedBody decodes within its caps."""
    kept = [
        token.strip()
        for token in value.split(",")
        if token.split(";")[0].strip().lower() in (*DECODED_ENCODINGS, "identity")
    ]
    return ", ".join(kept) or "identity"


class BoundedTransport(httpx2.BaseTransport):
    """Every request bounded by the budget in scope: time (deadline, per-read), bytes, encodings."""

    def __init__(self, inner: httpx2.HTTPTransport) -> None:
        _install_deadline_backend(inner)
        self._inner = inner

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        budget = _budget_in_force()
        url = str(request.url)
        if budget.remaining() <= 0:
            raise DeadlineExceeded(budget.deadline_s, url)
        request.extensions = {**request.extensions, "timeout": _timeouts(request, budget)}
        request.headers["Accept-Encoding"] = _accepted_encodings(
            request.headers.get("Accept-Encoding", "identity")
        )
        meter = current_meter()
        try:
            with budget_scope(budget):  # the backend reads the same budget, default or not
                response = self._inner.handle_request(request)
        except NetFailure as failure:
            _count(meter, request, FAILED)
            raise failure.at(url) from None
        except (httpx2.ConnectError, httpx2.ConnectTimeout) as error:
            _count(meter, request, FAILED)
            raise _unreachable(error, budget, url) from None
        except httpx2.TimeoutException:  # e.g. waiting for a pooled connection, cut by the deadline
            _count(meter, request, FAILED)
            if budget.remaining() <= DEADLINE_SLACK:
                raise DeadlineExceeded(budget.deadline_s, url) from None
            raise
        except Exception:
            _count(meter, request, FAILED)
            raise
        _count(meter, request, response.status_code)
        past = _wait_past_the_budget(response, budget, url)
        if past is not None:
            response.close()
            raise past
        return bounded_response(response, budget, url)

    def close(self) -> None:
        self._inner.close()


def _wait_past_the_budget(response: httpx2.Response, budget: Budget, url: str) -> NetFailure | None:
    """A 429 or 5xx asking for a wait the budget cannot give (`Retry-After: 99999`, a quota
    reset hours away), failed here at once, as osai.net.retry fails it.  Left to huggingface_hub's
    own retry loop (a census's listing pages through ``http_backoff``), the wait was slept whole,
    past --deadline (28 hours for 99999 seconds), and one past any date ended the census as an
    internal error (OverflowError in its sleep).  A 429 that states no wait is left to that loop
    (its own short backoff, within the deadline): the minute osai assumes of it is osai's own."""
    if response.status_code not in RETRY_STATUSES:
        return None
    headers = {key.lower(): value for key, value in response.headers.items()}
    refused = refusal(response.status_code, url, headers)
    asked = refused.asked_wait
    if asked is None or refused.assumed_wait or wait_allowed(asked, budget):
        return None
    return refused.failure(1, ())


def _unreachable(error: httpx2.TransportError, budget: Budget, url: str) -> NetFailure:
    """A connection that could not be made, as osai.net.retry names it (ConnectFailed), or the
    deadline's when it was the deadline that cut the attempt short.

    Raised here, not left to each caller, because osai never retries it (a refused connection, a
    name that does not resolve) and huggingface_hub's own retry loop does: ``list_models`` pages
    through ``http_backoff``, which catches httpx2's errors (not osai's) and tries five more
    times over 23 s, logging each.  A NetFailure passes through it at once."""
    if budget.remaining() <= DEADLINE_SLACK:
        return DeadlineExceeded(budget.deadline_s, url)
    return (classify(error, budget) or ConnectFailed()).at(url)


def _count(meter: RequestMeter | None, request: httpx2.Request, status: int) -> None:
    if meter is not None:
        meter.record(request.method, _authority(request.url), request.url.path, status)


def _authority(url: httpx2.URL) -> str:
    """host[:port] (an IPv6 host in brackets), as the URL names it."""
    host = f"[{url.host}]" if ":" in url.host else url.host
    return f"{host}:{url.port}" if url.port is not None else host


def _timeouts(request: httpx2.Request, budget: Budget) -> dict[str, float]:
    """httpcore2's timeouts (the pool wait included), none longer than the budget allows."""
    asked = request.extensions.get("timeout", {})
    asked = asked if isinstance(asked, Mapping) else {}
    return {key: budget.io_timeout(_number(asked.get(key)))[0] for key in TIMEOUT_KEYS}


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def bounded_transport(
    *, proxy: str | None = None, verify: bool | str = True, trust_env: bool = True
) -> BoundedTransport:
    """A transport to one origin (or through ``proxy``), bounded by the budget in scope."""
    return BoundedTransport(httpx2.HTTPTransport(verify=verify, trust_env=trust_env, proxy=proxy))


def refuse_unsafe_redirect(response: httpx2.Response) -> None:
    """Response hook: a redirect to anything but http(s) (file://...) fails as BadRedirect; so
    does one to another origin whose address carries a credential the request was sent with
    (its token, its address's password): httpx2 keeps the Authorization header from the other
    host, not the address, and huggingface_hub's client followed a Hub redirect that put the
    token in the query to another host."""
    if not response.has_redirect_location:
        return
    location = response.headers.get("location", "")
    try:
        target = response.url.join(location)
    except httpx2.InvalidURL:
        raise BadRedirect(location, str(response.url)) from None
    if target.scheme not in READABLE_SCHEMES:
        raise BadRedirect(location, str(response.url))
    secrets = sent_credentials(response.request)
    if origin(str(target)) != origin(str(response.url)) and carries_secret(str(target), secrets):
        raise BadRedirect(str(target), str(response.url), secrets=secrets, carries_secret=True)


def sent_credentials(request: httpx2.Request) -> tuple[str, ...]:
    """The credentials ``request`` carries: its Authorization's token (a Basic one's password)
    and its address's password."""
    found = [request.url.password or ""]
    for value in request.headers.get_list("authorization"):
        scheme, _, credential = value.strip().partition(" ")
        credential = credential.strip()
        found.append(_basic_password(credential) if scheme.lower() == "basic" else credential)
    return tuple(secret for secret in found if secret)


def _basic_password(credential: str) -> str:
    """The password of Basic's base64 user:password (the value as sent when it is not one)."""
    try:
        return base64.b64decode(credential, validate=True).decode().partition(":")[2]
    except (ValueError, UnicodeDecodeError):
        return credential


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of `url`: what a credential may be sent within."""
    split = urlsplit(url)
    default = {"http": 80, "https": 443}.get(split.scheme)
    try:
        port = split.port or default
    except ValueError:
        port = None
    return split.scheme, (split.hostname or "").lower(), port


def bounded_client(
    *,
    follow_redirects: bool = True,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    headers: Mapping[str, str] | None = None,
    request_hooks: Sequence[Callable[[httpx2.Request], object]] = (),
    trust_env: bool = True,
) -> httpx2.Client:
    """An httpx2 client whose every request is bounded by the budget in scope (see module doc).

    ``max_redirects`` is per client (httpx2's design); the deadline bounds any chain.  Proxies
    from the environment (HTTP(S)_PROXY, ALL_PROXY, NO_PROXY) are honoured, through bounded
    transports, as httpx2 would honour them for a client without a custom transport.
    """
    return httpx2.Client(
        transport=bounded_transport(trust_env=trust_env),
        mounts=proxy_mounts() if trust_env else {},
        follow_redirects=follow_redirects,
        max_redirects=max_redirects,
        timeout=None,  # the budget decides, per request
        headers=headers,
        event_hooks={"request": list(request_hooks), "response": [refuse_unsafe_redirect]},
        trust_env=trust_env,
    )


def proxy_mounts() -> dict[str, httpx2.BaseTransport | None]:
    """The environment's proxies as httpx2 mounts (httpx2's own rules), every one bounded."""
    proxies = getproxies()
    mounts: dict[str, httpx2.BaseTransport | None] = {}
    for scheme in ("http", "https", "all"):
        if address := proxies.get(scheme):
            url = address if "://" in address else f"http://{address}"
            mounts[f"{scheme}://"] = bounded_transport(proxy=url)
    for entry in proxies.get("no", "").split(","):
        host = entry.strip()
        if host == "*":
            return {}
        if host:
            mounts[_no_proxy_pattern(host)] = None
    return mounts


def _no_proxy_pattern(host: str) -> str:
    if "://" in host:
        return host
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return f"all://{host}" if host.lower() == "localhost" else f"all://*{host}"
    return f"all://[{host}]" if address.version == 6 else f"all://{host}"


# --- huggingface_hub ------------------------------------------------------------------------

_INSTALL_LOCK = threading.Lock()
_installed = False


def hub_client() -> httpx2.Client:
    """huggingface_hub's default client (its request hook, redirects followed, no client-wide
    timeout), on the bounded transport."""
    # Not re-exported by huggingface_hub.utils, but it is what default_client_factory uses.
    from huggingface_hub.utils._http import hf_request_event_hook

    return bounded_client(follow_redirects=True, request_hooks=(hf_request_event_hook,))


def install_for_huggingface_hub() -> None:
    """Make huggingface_hub's shared client bounded (idempotent; closes its current client),
    and its log lines one-line osai warnings (osai.net.hub_logs).

    After this, every huggingface_hub request (``HfApi().model_info(...)``...) made inside a
    ``budget_scope`` is bounded by that budget; outside one, by the default budget.
    """
    global _installed
    with _INSTALL_LOCK:
        if _installed:
            return
        from huggingface_hub import set_client_factory

        from osai.net.hub_logs import format_library_logs

        set_client_factory(hub_client)
        format_library_logs()  # its log lines (a server's X-HF-Warning) as osai's warnings
        _installed = True


def uninstall_for_huggingface_hub() -> None:
    """Give huggingface_hub back its own default client factory (tests)."""
    global _installed
    with _INSTALL_LOCK:
        from huggingface_hub import set_client_factory
        from huggingface_hub.utils._http import default_client_factory

        set_client_factory(default_client_factory)
        _installed = False


__all__ = [
    "BoundedTransport",
    "bounded_client",
    "bounded_transport",
    "hub_client",
    "install_for_huggingface_hub",
    "origin",
    "proxy_mounts",
    "refuse_unsafe_redirect",
    "uninstall_for_huggingface_hub",
]
