"""The Hub's model listing, page by page: ``HfApi.list_models`` through osai's bounded transport.

``list_models`` is a generator that fetches the next page (following the ``Link: rel="next"``
cursor) when the previous one is used up, and has no timeout of its own.  Here every step of it
runs inside a fresh ``budget_scope``: the request of each page, huggingface_hub's own retries of
it (it honours ``Retry-After`` and the ``RateLimit`` header on a 429, up to five times) and its
body are bounded by one ``--deadline``.  A ``RequestMeter`` counts what was sent, which is how the
pages are told apart (and their size measured) without parsing anything twice.

The page size is the Hub's: ``list_models`` sends no ``limit`` unless the caller caps the whole
listing (and then sends the cap, which the Hub also caps), so each page is as long as the Hub
makes it.  A page is handed on when the next one has arrived (that is when it is known to be
complete), or when the listing ends or fails.  A failure ends the listing with a
``ListingFailed`` that says, in one line, why and at which page; a refusal worth retrying (429,
5xx) carries when to try again.  Why is said as osai.net says it for ``osai check``: a transport
error as osai.net.retry's ``classify`` names it (a connection that cannot be made fails at once:
osai's transport raises it past huggingface_hub's retry loop), a refusal as its ``Refusal``.  In
offline mode (HF_HUB_OFFLINE) nothing is sent: the listing is never cached.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from osai import __version__
from osai.net import (
    BrokenConnection,
    Budget,
    Malformed,
    NetFailure,
    RequestMeter,
    budget_scope,
    metering,
)
from osai.net.failures import host_of, redact

if TYPE_CHECKING:
    from huggingface_hub.hf_api import ExpandModelProperty_T, ModelInfo

    from osai.net.retry import Refusal

# What the census asks of each listed model: what judging its metadata reads, and what the
# report counts (downloads, likes, dates, lineage).  No file list, no config: metadata only.
EXPAND: tuple[ExpandModelProperty_T, ...] = (
    "author", "sha", "createdAt", "lastModified", "downloads", "likes", "gated", "tags",
    "cardData", "baseModels", "library_name", "pipeline_tag", "private", "disabled",
)  # fmt: skip
OFFLINE = (
    "offline mode is on (HF_HUB_OFFLINE), and the listing is read from the Hub, never from a cache"
)
# huggingface_hub's http_backoff, as list_models calls it: one try and five retries of a 408,
# 429 or 5xx (osai.net.retry's RETRY_STATUSES), each page.
CLIENT_ATTEMPTS = 6
SORTS = {
    "downloads": "downloads",
    "likes": "likes",
    "created": "created_at",
    "modified": "last_modified",
}


@dataclass(frozen=True)
class ListingQuery:
    """Which models to list, in which order (the Hub sorts descending)."""

    author: str | None = None
    search: str | None = None
    filters: tuple[str, ...] = ()
    sort: str | None = None  # a key of SORTS
    limit: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "author": self.author,
            "search": self.search,
            "filters": list(self.filters),
            "sort": self.sort,
            "limit": self.limit,
        }


@dataclass(frozen=True)
class ListingLimits:
    timeout: float = 10.0  # seconds per read
    deadline: float = 60.0  # seconds per page, its retries included


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    items: list[ModelInfo]


class ListingFailed(Exception):
    """The listing stopped at ``page``: ``str()`` is the one line to show (``cannot list models
    on HOST: REASON``); ``refusal`` is set when the Hub refused with a status worth retrying
    later (429, 5xx)."""

    def __init__(self, host: str, page: int, reason: str, refusal: Refusal | None = None) -> None:
        super().__init__(failure_line(host, page, reason))
        self.refusal = refusal


def failure_line(host: str, page: int, reason: str) -> str:
    line = f"cannot list models on {host}: {reason}"
    if page > 1:  # the pages before it were judged and stored
        line += f" (page {page}; the pages before it are stored: the same command resumes)"
    return line


def listing_path(endpoint: str) -> str:
    """The path of ``GET /api/models`` under this endpoint (which may itself have a path)."""
    return urlsplit(endpoint).path.rstrip("/") + "/api/models"


def pages(
    query: ListingQuery,
    endpoint: str,
    token: str | None,
    limits: ListingLimits,
    meter: RequestMeter,
) -> Iterator[Page]:
    """The listing's pages, in order, each as the Hub sent it."""
    from huggingface_hub import HfApi

    from osai.backends.hub.client import offline_mode
    from osai.net.transport import install_for_huggingface_hub

    if offline_mode():
        raise ListingFailed(host_of(endpoint), 1, OFFLINE)
    install_for_huggingface_hub()
    api = HfApi(endpoint=endpoint, token=token, library_name="osai", library_version=__version__)
    models = iter(
        api.list_models(
            author=query.author or None,
            search=query.search or None,
            filter=list(query.filters) or None,
            sort=SORTS[query.sort] if query.sort else None,  # type: ignore[arg-type]
            limit=query.limit,
            expand=list(EXPAND),
        )
    )
    path = listing_path(endpoint)
    number, answered = 0, 0
    items: list[ModelInfo] = []
    while True:
        try:
            info = _next(models, limits, meter, endpoint, number + 1, token)
        except ListingFailed:
            if items:  # the page before the one that failed is complete: judge and keep it
                yield Page(number, items)
            raise
        now_answered = meter.count(path, ok_only=True)
        if info is None:
            break
        if now_answered != answered:  # this item came with a new page
            if items:
                yield Page(number, items)
            number, items, answered = number + 1, [], now_answered
        items.append(info)
    if items:
        yield Page(number, items)


def _next(
    models: Iterator[ModelInfo],
    limits: ListingLimits,
    meter: RequestMeter,
    endpoint: str,
    page: int,
    token: str | None,
) -> ModelInfo | None:
    """The next listed model (None at the end), within a fresh budget for its page."""
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError

    from osai.net.retry import RETRY_STATUSES, classify, hub_refusal

    budget = Budget.starting_now(limits.deadline, limits.timeout)
    secrets = (token,) if token else ()
    host = host_of(endpoint)
    try:
        with budget_scope(budget), metering(meter):
            return next(models, None)
    except HfHubHTTPError as error:  # huggingface_hub's retries included
        refused = hub_refusal(error)
        if refused is None:  # pragma: no cover - an HfHubHTTPError always has its response
            raise ListingFailed(host, page, f"unexpected answer from {host}") from None
        attempts = CLIENT_ATTEMPTS if refused.status in RETRY_STATUSES else 1
        reason = refused.failure(attempts, secrets).explain(host)
        raise ListingFailed(host, page, reason, refused if refused.retryable else None) from None
    except (NetFailure, httpx2.HTTPError) as error:  # what huggingface_hub's retries gave up on
        failure = classify(error, budget, secrets) or BrokenConnection(secrets=secrets)
        raise ListingFailed(host, page, redact(str(failure), secrets)) from None
    except (ValueError, TypeError, KeyError, AttributeError):
        reason = Malformed("not the Hub API's JSON").explain(host)
        raise ListingFailed(host, page, reason) from None
