"""One Hub check's transport: where to ask, how long it may take, what to keep secret.

Every request is huggingface_hub's own (``HfApi.model_info``, ``HfApi.list_repo_refs``, and a GET
of a file through its session, headers and error mapping), made through osai's bounded HTTP layer
(osai.net): huggingface_hub's client is installed on a transport whose every connect, read and
write is bounded by the check's deadline, whose every body is capped (error bodies included), and
whose redirects are limited.  Retries (408/429/5xx, broken connections; ``Retry-After`` honoured,
capped) are budgeted against the same deadline.  ``hf_hub_download`` is not used: it makes a HEAD
and a GET, and sleeps between its own retries outside any budget.

The environment (``HF_ENDPOINT``, ``HF_TOKEN``, ``HF_HOME``, ``HF_HUB_CACHE``, ``HF_HUB_OFFLINE``)
is read when a check starts.  The token never appears in a message.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from osai import __version__
from osai.evidence import OFFLINE, OFFLINE_MODE
from osai.hubrefs import DEFAULT_REVISION
from osai.net import Budget
from osai.net.address import refuse_hub_endpoint
from osai.net.tokens import sendable_token
from osai.redaction import redact, url_password

GIVEN, STORED = "given", "stored"  # a token given to osai, or the one `hf auth login` stored
RETRY_AFTER_CAP = 5.0  # seconds: the longest wait a Retry-After can impose

T = TypeVar("T")


@dataclass(frozen=True)
class HubOptions:
    """How to read the Hub.  None for endpoint/token/cache_dir: huggingface_hub's own defaults."""

    revision: str | None = None
    # The revision is the repository as published, pinned (a census reads each model at the
    # commit of its main branch the Hub's listing gave): read there, but no revision the user
    # asked for, so a public listing of the repository is evidence about it
    # (osai.assessments.public: a listing assesses the repository as published)
    revision_published: bool = False
    timeout: float = 10.0  # per read
    deadline: float = 60.0  # the whole check
    retries: int = 3  # for 408 / 429 / 5xx and broken connections, honouring Retry-After (capped)
    offline: bool = False  # from the local cache only
    endpoint: str | None = None  # None → HF_ENDPOINT, else huggingface_hub's default
    cache_dir: Path | None = None  # None → huggingface_hub's cache (HF_HUB_CACHE / HF_HOME)
    token: str | None = None  # None → HF_TOKEN, else huggingface_hub's stored token
    # The command a dead Hub's hint names to check this one model from the local cache (a
    # census's deep check: `osai census` has no --offline); "": the user's own command, with
    # --offline.  Named, `osai check ID --offline` dropped the user's -f, --require and -o
    # (and `osai init ID -o d.yml` became `osai init ID`, which writes elsewhere).
    command: str = ""
    # A repository or revision the Hub says does not exist is answered with the nearest it has
    # (osai.backends.hub.nearby): a person's typo.  A census's ids come from the Hub's own
    # listing: there, one not found is gone, and the guess cost two more requests a model.
    suggest: bool = True


@dataclass(frozen=True)
class Call:
    """One check of one repository: where to ask, its budget, what to keep secret."""

    repo_id: str
    options: HubOptions
    endpoint: str
    cache_root: Path
    # why the check asks no server, "" when it may: --offline, or HF_HUB_OFFLINE (offline_cause)
    offline_by: str
    token: str  # "" when there is none; never shown (`secrets`)
    secrets: tuple[str, ...]
    max_bytes: int  # a model card, licence file or manifest; never weights
    budget: Budget
    token_from: str = ""  # GIVEN, "HF_TOKEN" or STORED: said when the Hub refuses the token

    @property
    def offline(self) -> bool:
        return bool(self.offline_by)

    @property
    def revision(self) -> str:
        return self.options.revision or DEFAULT_REVISION

    @property
    def has_token(self) -> bool:
        return bool(self.token)

    def redact(self, text: str) -> str:
        return redact(text, self.secrets)

    def with_retries(self, send: Callable[[], T], max_bytes: int | None = None) -> T:
        """``send()`` within the check's budget (a larger body allowed when asked), retried as
        osai.net.retry says; huggingface_hub's typed errors (not found, gated) pass through."""
        from osai.net.retry import with_retries

        budget = replace(self.budget, max_bytes=max_bytes or self.max_bytes)
        return with_retries(send, budget, secrets=self.secrets)

    def api(self) -> Any:
        """huggingface_hub's HfApi for this endpoint and token."""
        from huggingface_hub import HfApi

        return HfApi(
            endpoint=self.endpoint,
            token=self.token or False,
            library_name="osai",
            library_version=__version__,
        )


def start(repo_id: str, options: HubOptions, max_bytes: int) -> Call:
    refuse_hub_endpoint(options.endpoint)  # before huggingface_hub, which parses HF_ENDPOINT
    _disable_telemetry()
    from huggingface_hub import constants, get_token

    from osai.net.hub_logs import hide
    from osai.net.transport import install_for_huggingface_hub

    install_for_huggingface_hub()
    # The environment is read now, not when huggingface_hub was imported: one process may run
    # many checks (a test suite, a library user), each with its own settings.
    environ = os.environ
    endpoint = (options.endpoint or environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")
    token, token_from = _token(options, get_token, constants.HF_HUB_DISABLE_IMPLICIT_TOKEN)
    secrets = tuple(s for s in (token, url_password(endpoint)) if s)
    hide(secrets)  # a server's X-HF-Warning may repeat the token it was sent
    return Call(
        repo_id=repo_id,
        options=options,
        endpoint=endpoint,
        cache_root=_cache_root(options, constants.HF_HUB_CACHE),
        offline_by=offline_cause(options),
        token=token,
        secrets=secrets,
        max_bytes=max_bytes,
        budget=Budget.starting_now(
            options.deadline,
            options.timeout,
            max_bytes=max_bytes,
            retries=options.retries,
            retry_after_cap=RETRY_AFTER_CAP,
        ),
        token_from=token_from,
    )


def offline_cause(options: HubOptions) -> str:
    """Why a check asks no server: the flag (--offline) when given, else HF_HUB_OFFLINE when
    set; "" when neither says so.  Evidence read from the cache names it, as the user set it."""
    if options.offline:
        return OFFLINE
    return OFFLINE_MODE if offline_mode() else ""


def offline_mode() -> bool:
    """Whether huggingface_hub may not reach the network: HF_HUB_OFFLINE as the environment says
    now, or as huggingface_hub read it when it was imported."""
    from huggingface_hub import constants

    return _is_true(os.environ.get("HF_HUB_OFFLINE")) or constants.is_offline_mode()


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


def _token(
    options: HubOptions, get_token: Callable[[], str | None], disabled: bool
) -> tuple[str, str]:
    """The token to send, and where it came from: given (HubOptions), HF_TOKEN, else the one
    huggingface_hub stored (`hf auth login`); ("", "") when there is none."""
    if options.token and (given := sendable_token(options.token, "the token given")):
        return given, GIVEN
    if token := sendable_token(os.environ.get("HF_TOKEN", ""), "HF_TOKEN"):
        return token, "HF_TOKEN"
    stored = _implicit_token(get_token, disabled)
    return stored, STORED if stored else ""


def hub_token() -> str | None:
    """The token huggingface_hub sends for a command that talks to the Hub without a check's
    options (the census's listing): HF_TOKEN, else the one it stored (`hf auth login`), as a
    check's (_token).  The listing named HF_TOKEN alone, and hid only it from the library's
    log lines: the stored token, sent all the same, was printed when a server repeated it."""
    from huggingface_hub import constants, get_token

    token, _ = _token(HubOptions(), get_token, constants.HF_HUB_DISABLE_IMPLICIT_TOKEN)
    return token or None


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


@dataclass(frozen=True)
class Fetched:
    body: bytes
    etag: str = ""


def get(call: Call, url: str, params: Mapping[str, Any] | None = None) -> Fetched:
    """One GET through huggingface_hub's (bounded) session; Hub errors as its own exceptions."""
    from huggingface_hub import get_session, hf_raise_for_status
    from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]  # lazy export

    headers = build_hf_headers(
        token=call.token or False, library_name="osai", library_version=__version__
    )
    response = get_session().get(url, headers=headers, params=dict(params or {}))
    hf_raise_for_status(response)
    etag = response.headers.get("x-linked-etag") or response.headers.get("etag") or ""
    return Fetched(response.content, etag.removeprefix("W/").strip('"'))
