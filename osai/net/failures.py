"""Every way a remote read can fail, as one exception hierarchy with plain one-line explanations.

``NetFailure.explain(host)`` says what went wrong in words a user understands ("no complete answer
from api.github.com within the 8 s deadline").  Messages never carry a secret: addresses are shown
without their credentials or query string, and every text that came from elsewhere goes through
``redact`` (and loses its control characters: a hostile server's text must not drive a terminal).

Pure: no I/O, no third-party imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from osai import textsafe
from osai.redaction import redact

MAX_DETAIL_CHARS = 200  # the most of a server's own words a message repeats
_STATUS_WORDS = {
    400: "bad request",
    401: "authentication required",
    403: "access denied",
    404: "not found",
    408: "request timeout",
    410: "gone",
    429: "too many requests",
}


def one_line(text: str, limit: int = MAX_DETAIL_CHARS) -> str:
    """Someone else's text made safe to print on one line: no control characters, bounded."""
    return textsafe.one_line(text, limit)


def public_url(url: str, secrets: Sequence[str] = ()) -> str:
    """The address as a message may show it: no user or password, no query, no fragment."""
    try:
        split = urlsplit(url)
        netloc = split.netloc.rpartition("@")[2]
        shown = urlunsplit((split.scheme, netloc, split.path, "", ""))
    except ValueError:
        shown = url.partition("?")[0]
    return one_line(redact(shown, secrets), 300)


def host_of(url: str) -> str:
    """The host (and port, when one is given) an address names, without credentials."""
    try:
        return urlsplit(url).netloc.rpartition("@")[2]
    except ValueError:
        return ""


# The latest moment a message names: rounding it up to the minute stays within datetime's range.
# A server's Retry-After of 10**22 seconds, or of 31 Dec 9999, overflowed it (an internal error).
LATEST = datetime.max.replace(tzinfo=UTC) - timedelta(minutes=1)


def when(moment: datetime) -> str:
    """``14:05 UTC`` (rounded up to the minute, so "after" stays true); the date when not today.
    A server gives whole seconds; the moment osai carries (now + the seconds left) may be a
    fraction past one, so it is rounded to the second first: 14:05:00 is "14:05", not "14:06"."""
    latest = min(moment.astimezone(UTC), LATEST)
    utc = (latest + timedelta(microseconds=500_000)).replace(microsecond=0)
    rounded = utc.replace(second=0, microsecond=0)
    if rounded < utc:
        rounded += timedelta(minutes=1)
    if rounded.date() == datetime.now(UTC).date():
        return rounded.strftime("%H:%M UTC")
    return rounded.strftime("%Y-%m-%d %H:%M UTC")


class NetFailure(Exception):
    """A remote read did not produce a usable answer.  ``str(failure)`` is ``explain()``."""

    def __init__(self, url: str = "", *, attempts: int = 1, secrets: Sequence[str] = ()) -> None:
        self.url = public_url(url, secrets) if url else ""
        self.attempts = attempts
        super().__init__(self.url)

    @property
    def host(self) -> str:
        return host_of(self.url)

    def at(self, url: str, secrets: Sequence[str] = ()) -> NetFailure:
        """This failure, naming ``url`` if it named no address yet (raised below the client)."""
        if not self.url:
            self.url = public_url(url, secrets)
        return self

    def after(self, attempts: int) -> NetFailure:
        """This failure, as the last of ``attempts`` attempts."""
        self.attempts = attempts
        return self

    def explain(self, host: str = "") -> str:
        """One plain line: what went wrong with ``host`` (default: the host this failure names)."""
        return self._explain(host or self.host or "the server")

    def _explain(self, host: str) -> str:
        return f"no usable answer from {host}"

    def _tries(self) -> str:
        return f" after {self.attempts} attempts" if self.attempts > 1 else ""

    def __str__(self) -> str:
        return self.explain()


class DeadlineExceeded(NetFailure):
    """The whole answer (every retry and redirect included) did not arrive before the deadline."""

    def __init__(
        self, deadline_s: float, url: str = "", *, attempts: int = 1, secrets: Sequence[str] = ()
    ) -> None:
        super().__init__(url, attempts=attempts, secrets=secrets)
        self.deadline_s = deadline_s

    def _explain(self, host: str) -> str:
        return f"no complete answer from {host} within the {self.deadline_s:g} s deadline"


class ReadTimeout(NetFailure):
    """One read (or write) waited longer than the per-read timeout."""

    def __init__(
        self, timeout_s: float, url: str = "", *, attempts: int = 1, secrets: Sequence[str] = ()
    ) -> None:
        super().__init__(url, attempts=attempts, secrets=secrets)
        self.timeout_s = timeout_s

    def _explain(self, host: str) -> str:
        return f"no answer from {host} within {self.timeout_s:g} s{self._tries()}"


class ConnectFailed(NetFailure):
    """No connection: refused, unreachable, name not resolved, TLS handshake failed or timed out."""

    def _explain(self, host: str) -> str:
        return f"cannot connect to {host} (connection refused, host unreachable or TLS failed)"


class BrokenConnection(NetFailure):
    """The connection broke off (reset, closed early, body shorter than announced)."""

    def _explain(self, host: str) -> str:
        return f"the connection to {host} broke off mid-answer{self._tries()}"


class TooLarge(NetFailure):
    """A success body was larger than the budget allows."""

    def __init__(
        self, limit: int, url: str = "", *, attempts: int = 1, secrets: Sequence[str] = ()
    ) -> None:
        super().__init__(url, attempts=attempts, secrets=secrets)
        self.limit = limit

    def _explain(self, host: str) -> str:
        return f"an answer from {host} was larger than {self.limit:,} bytes, the most osai reads"


class TooManyRedirects(NetFailure):
    """More redirects than the budget allows."""

    def __init__(
        self, limit: int, url: str = "", *, attempts: int = 1, secrets: Sequence[str] = ()
    ) -> None:
        super().__init__(url, attempts=attempts, secrets=secrets)
        self.limit = limit

    def _explain(self, host: str) -> str:
        return f"{host} redirected more than {self.limit} times"


class BadAddress(NetFailure):
    """An address osai does not read: only http:// and https:// are."""

    def _explain(self, host: str) -> str:
        return f"{self.url or host} is not an http:// or https:// address"


class BadRedirect(NetFailure):
    """A redirect osai will not follow: to another scheme (file://...), without a location,
    (``origin_only``: an API read only on its own origin) to another origin, or
    (``carries_secret``) to another origin with a credential osai sent in its address."""

    def __init__(
        self,
        location: str,
        url: str = "",
        *,
        attempts: int = 1,
        secrets: Sequence[str] = (),
        origin_only: bool = False,
        carries_secret: bool = False,
    ) -> None:
        super().__init__(url, attempts=attempts, secrets=secrets)
        self.location = public_url(location, secrets) if location else ""
        self.origin_only = origin_only
        self.carries_secret = carries_secret

    def _explain(self, host: str) -> str:
        if not self.location:
            return f"{host} answered with a redirect that names no location"
        if self.carries_secret:
            return (
                f"{host} redirected to {self.location} with osai's credential in the address; "
                "osai sends it to no other host"
            )
        if self.origin_only:
            return f"{host} redirected to {self.location}; osai follows it only within {host}"
        return f"{host} redirected to {self.location}; osai follows only http:// and https://"


class RateLimited(NetFailure):
    """The server asked osai to wait, longer than the budget allows (or with retries exhausted)."""

    def __init__(
        self,
        retry_at: datetime | None,
        url: str = "",
        *,
        status: int = 429,
        attempts: int = 1,
        secrets: Sequence[str] = (),
        quota_spent: bool = False,
        sent: bool = True,
        end_said: bool = True,
    ) -> None:
        super().__init__(url, attempts=attempts, secrets=secrets)
        self.retry_at = retry_at
        self.status = status
        self.quota_spent = quota_spent  # the request quota, not a secondary limit on bursts
        # False: not sent, the host having limited the run until `retry_at` (osai.net.limits)
        self.sent = sent
        # False: the server named no end (a bare 429); `retry_at` is the minute osai assumes
        self.end_said = end_said

    def _explain(self, host: str) -> str:
        later = f"after {when(self.retry_at)}" if self.retry_at is not None else "later"
        return f"rate limited by {host} (HTTP {self.status}){self._tries()}; try again {later}"


class HttpStatus(NetFailure):
    """A >=400 answer the caller did not accept.  ``body_head``: its first bytes, as text."""

    def __init__(
        self,
        status: int,
        url: str = "",
        body_head: str = "",
        *,
        retry_at: datetime | None = None,
        attempts: int = 1,
        secrets: Sequence[str] = (),
    ) -> None:
        super().__init__(url, attempts=attempts, secrets=secrets)
        self.status = status
        self.body_head = one_line(redact(body_head, secrets), 500)
        self.retry_at = retry_at

    def _explain(self, host: str) -> str:
        words = "server error" if self.status >= 500 else _STATUS_WORDS.get(self.status, "refused")
        line = f"{host} answered HTTP {self.status} ({words}){self._tries()}"
        if self.retry_at is not None:
            line += f"; it asks to be tried again after {when(self.retry_at)}"
        return line


class Malformed(NetFailure):
    """The answer arrived but is not what the API returns (callers' type validation)."""

    def __init__(
        self, detail: str, url: str = "", *, attempts: int = 1, secrets: Sequence[str] = ()
    ) -> None:
        super().__init__(url, attempts=attempts, secrets=secrets)
        self.detail = one_line(redact(detail, secrets))

    def _explain(self, host: str) -> str:
        return f"malformed answer from {host}: {self.detail}"


def seconds_until(moment: datetime) -> float:
    """Seconds from now until ``moment`` (0 when it has passed)."""
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def moment_in(seconds: float) -> datetime:
    """The wall-clock time ``seconds`` from now (for "try again after ..."), at the latest
    ``LATEST`` (a server may ask for more seconds than a date can hold, or infinitely many)."""
    now = datetime.now(UTC)
    room = (LATEST - now).total_seconds()
    # not rounded up here: `when` rounds the minute up, and a reset 3,599.3 s away (a whole
    # second, from a clock part-way through one) made a second more, 03:26:01, "after 03:27"
    return min(now + timedelta(seconds=min(max(0.0, seconds), room)), LATEST)


__all__ = [
    "BadAddress",
    "BadRedirect",
    "BrokenConnection",
    "ConnectFailed",
    "DeadlineExceeded",
    "HttpStatus",
    "Malformed",
    "NetFailure",
    "RateLimited",
    "ReadTimeout",
    "TooLarge",
    "TooManyRedirects",
    "host_of",
    "one_line",
    "public_url",
    "redact",
]
