"""One Hub check's transport: where to ask, how long it may take, what to keep secret.

Every request goes through ``huggingface_hub``'s own session, headers (token, user agent) and
error mapping (``hf_raise_for_status``), bounded by ``HubOptions.timeout`` per read, retried on
408/429/5xx and broken connections (``Retry-After`` honoured, capped), and the whole check bounded
by ``HubOptions.deadline``.  Each request is one streamed GET whose body is read against the
deadline, chunk by chunk (``hf_hub_download`` and ``list_repo_refs`` are not used: the first makes
a HEAD and a GET and retries with a hard-coded 60 s timeout, the second takes no timeout at all).

The token (``HubOptions.token`` or ``HF_TOKEN``) never appears in a message.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from osai import __version__
from osai.backends.hub.failures import DeadlineExceeded, Failure, TooLarge, status_of
from osai.redaction import redact, url_password

DEFAULT_REVISION = "main"
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
RETRY_AFTER_CAP = 5.0  # seconds: the longest wait a Retry-After can impose
FIRST_BACKOFF = 0.5  # seconds, doubled per retry when the server gives no Retry-After
DEADLINE_SLACK = 0.05  # seconds: a timeout this close to the deadline was the deadline's

T = TypeVar("T")


@dataclass(frozen=True)
class HubOptions:
    """How to read the Hub.  None for endpoint/token/cache_dir: huggingface_hub's own defaults."""

    revision: str | None = None
    timeout: float = 10.0  # per request
    deadline: float = 60.0  # the whole check
    retries: int = 3  # for 408 / 429 / 5xx and broken connections, honouring Retry-After (capped)
    offline: bool = False  # from the local cache only
    endpoint: str | None = None  # None → HF_ENDPOINT, else huggingface_hub's default
    cache_dir: Path | None = None  # None → huggingface_hub's cache (HF_HUB_CACHE / HF_HOME)
    token: str | None = None  # None → huggingface_hub reads HF_TOKEN (or the stored token) itself


@dataclass(frozen=True)
class Call:
    """One check of one repository: where to ask, how long it may take, what to keep secret."""

    repo_id: str
    options: HubOptions
    endpoint: str
    cache_root: Path
    offline: bool
    token: str  # "" when there is none; never shown (`secrets`)
    secrets: tuple[str, ...]
    max_bytes: int  # a model card, licence file or manifest; never weights
    started: float

    @property
    def revision(self) -> str:
        return self.options.revision or DEFAULT_REVISION

    @property
    def has_token(self) -> bool:
        return bool(self.token)

    def remaining(self) -> float:
        return self.options.deadline - (time.monotonic() - self.started)

    def request_timeout(self) -> float:
        remaining = self.remaining()
        if remaining <= 0:
            raise Failure(DeadlineExceeded())
        return max(0.001, min(self.options.timeout, remaining))

    def with_retries(self, send: Callable[[float], T]) -> T:
        """``send(timeout)``, retried on 408/429/5xx and broken connections, within the deadline."""
        attempt = 1
        while True:
            try:
                return send(self.request_timeout())
            except Failure:
                raise
            except Exception as error:  # classified below; anything unexpected is a failure too
                wait = self._retry_wait(error, attempt)
                if wait is None:
                    raise self._failure(error, attempt) from error
            time.sleep(wait)
            attempt += 1

    def _failure(self, error: Exception, attempt: int) -> Failure:
        """The failure to report: a timeout cut short by the deadline is the deadline's."""
        if self.remaining() <= DEADLINE_SLACK and _is_timeout(error):
            return Failure(DeadlineExceeded(), attempt)
        return Failure(error, attempt)

    def _retry_wait(self, error: Exception, attempt: int) -> float | None:
        if attempt > self.options.retries or not _retryable(error):
            return None
        asked = _retry_after(error)
        backoff = FIRST_BACKOFF * 2 ** (attempt - 1)
        wait = min(backoff if asked is None else asked, RETRY_AFTER_CAP)
        return wait if wait < self.remaining() else None

    def redact(self, text: str) -> str:
        return redact(text, self.secrets)


def start(repo_id: str, options: HubOptions, max_bytes: int) -> Call:
    _disable_telemetry()
    from huggingface_hub import constants, get_token

    # The environment is read now, not when huggingface_hub was imported: one process may run
    # many checks (a test suite, a library user), each with its own settings.
    environ = os.environ
    endpoint = (options.endpoint or environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")
    token = (
        options.token
        or environ.get("HF_TOKEN")
        or _implicit_token(get_token, constants.HF_HUB_DISABLE_IMPLICIT_TOKEN)
    )
    return Call(
        repo_id=repo_id,
        options=options,
        endpoint=endpoint,
        cache_root=_cache_root(options, constants.HF_HUB_CACHE),
        offline=options.offline
        or _is_true(environ.get("HF_HUB_OFFLINE"))
        or constants.is_offline_mode(),
        token=token,
        secrets=tuple(s for s in (token, url_password(endpoint)) if s),
        max_bytes=max_bytes,
        started=time.monotonic(),
    )


def _cache_root(options: HubOptions, default: str) -> Path:
    """--cache-dir, else HF_HUB_CACHE, else HF_HOME/hub, else huggingface_hub's default."""
    environ = os.environ
    home = environ.get("HF_HOME")
    chosen = (
        options.cache_dir or environ.get("HF_HUB_CACHE") or (f"{home}/hub" if home else default)
    )
    return Path(chosen).expanduser()


def _is_true(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _implicit_token(get_token: Callable[[], str | None], disabled: bool) -> str:
    if disabled:
        return ""
    try:
        return get_token() or ""
    except Exception:  # a broken token file is huggingface_hub's to report, not ours
        return ""


def _disable_telemetry() -> None:
    """Telemetry off for osai's requests, unless the user said otherwise (read at import)."""
    if "HF_HUB_DISABLE_TELEMETRY" in os.environ:
        return
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:
        setattr(constants, "HF_HUB_DISABLE_TELEMETRY", True)  # noqa: B010 - read at import


def _retryable(error: Exception) -> bool:
    from huggingface_hub.errors import HfHubHTTPError
    from huggingface_hub.utils import httpx  # type: ignore[attr-defined]  # httpx2 in 2.x

    if isinstance(error, HfHubHTTPError):
        return status_of(error) in RETRY_STATUSES
    return isinstance(error, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError)


def _is_timeout(error: Exception) -> bool:
    from huggingface_hub.utils import httpx  # type: ignore[attr-defined]  # httpx2 in 2.x

    return isinstance(error, httpx.TimeoutException)


def _retry_after(error: Exception) -> float | None:
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:  # an HTTP date: not worth parsing for a few seconds' wait
        return None


@dataclass(frozen=True)
class Fetched:
    body: bytes
    etag: str = ""


def get(
    call: Call,
    url: str,
    timeout: float,
    params: Mapping[str, Any] | None = None,
    max_bytes: int | None = None,
) -> Fetched:
    """One GET through huggingface_hub's session; Hub errors raised as its own exceptions.

    `timeout` bounds each read; the check's deadline bounds the whole answer (see _read_capped).
    """
    from huggingface_hub import get_session, hf_raise_for_status
    from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]  # lazy export

    headers = build_hf_headers(
        token=call.token or False, library_name="osai", library_version=__version__
    )
    with get_session().stream(
        "GET", url, headers=headers, timeout=timeout, params=dict(params or {})
    ) as response:
        if response.status_code >= 400:
            response.read()
            hf_raise_for_status(response)
        body = _read_capped(response.iter_bytes(), max_bytes or call.max_bytes, call)
        etag = response.headers.get("x-linked-etag") or response.headers.get("etag") or ""
    return Fetched(body, etag.removeprefix("W/").strip('"'))


def _read_capped(chunks: Iterator[bytes], max_bytes: int, call: Call) -> bytes:
    """The body, at most `max_bytes`, read before the check's deadline: a server that trickles
    bytes never lets one read time out, so the time left is checked at every chunk."""
    data = bytearray()
    for chunk in chunks:
        data.extend(chunk)
        if len(data) > max_bytes:
            raise Failure(TooLarge(f"larger than {max_bytes:,} bytes, the most osai reads"))
        if call.remaining() <= 0:
            raise Failure(DeadlineExceeded())
    return bytes(data)


# --- the cache (huggingface_hub's layout) --------------------------------------------------
