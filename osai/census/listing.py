"""The Hub's model listing, page by page: what ``HfApi.list_models`` sends, through osai's
bounded transport, each item read on its own.

The listing is paged as ``list_models`` pages it (huggingface_hub's ``paginate``, here with each
page checked to be a list): a generator that fetches the next page (following the
``Link: rel="next"`` cursor) when the previous one is used up, and has no timeout of its own.
Here every step of it runs inside a fresh ``budget_scope``: the request of each page,
huggingface_hub's own retries of it (its ``http_backoff`` honours ``Retry-After`` and the
``RateLimit`` header on a 429, up to five times) and its body are bounded by one ``--deadline``.
A ``RequestMeter`` counts what was sent (the run's listing requests).

Each item is read as ``list_models`` reads it (``ModelInfo(**item)``), but one at a time: an item
that cannot be read (a value that is not an object, a date that is no date) is skipped and
counted in its page's ``unreadable``.  Through ``list_models`` itself, such an item raised out of
the generator and ended the listing at its page, at every run.

The page size is the Hub's: nothing sends a ``limit`` unless the caller caps the whole listing
(and then the cap is sent, which the Hub also caps), so each page is as long as the Hub makes
it.  A page is handed on as it arrives, whole (one answer is one page), before the next is asked
for: nothing the Hub sent is held back while the listing waits for more, so a run stopped then
(Ctrl-C, a failure) has stored every page it was sent.  A failure ends the listing with a
``ListingFailed`` that says, in one line, why and at which page; a refusal worth retrying (429,
5xx) carries when to try again.  Why is said as osai.net says it for ``osai check``: a transport
error as osai.net.retry's ``classify`` names it (a connection that cannot be made fails at once:
osai's transport raises it past huggingface_hub's retry loop), a refusal as its ``Refusal``.  In
offline mode (HF_HUB_OFFLINE) nothing is sent: the listing is never cached.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from osai import __version__
from osai.census.query import SORTS, ListingQuery
from osai.jsonsafe import json_value
from osai.net import (
    BadRedirect,
    BrokenConnection,
    Budget,
    Malformed,
    NetFailure,
    RequestMeter,
    budget_scope,
    metering,
)
from osai.net.failures import host_of, redact
from osai.net.hub_logs import quiet_retry_notices
from osai.textsafe import without_surrogates

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
_END = object()  # what _next returns when the listing has no more pages


def _params(query: ListingQuery) -> dict[str, Any]:
    """The query of ``GET /api/models``, as ``list_models`` builds it for these arguments."""
    sent: dict[str, Any] = {"expand": list(EXPAND)}
    if query.filters:
        sent["filter"] = list(query.filters)
    if query.author:
        sent["author"] = query.author
    if query.search:
        sent["search"] = query.search
    if query.sort:
        sent["sort"] = SORTS[query.sort]
    if query.limit is not None:
        sent["limit"] = query.limit
    return sent


@dataclass(frozen=True)
class ListingLimits:
    timeout: float = 10.0  # seconds per read
    deadline: float = 60.0  # seconds per page, its retries included


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    items: list[ModelInfo]
    unreadable: int = 0  # items listed on it that could not be read (skipped)

    @property
    def listed(self) -> int:
        return len(self.items) + self.unreadable


class ListingFailed(Exception):
    """The listing stopped at ``page``: ``str()`` is the one line to show (``cannot list models
    on HOST: REASON``); ``refusal`` is set when the Hub refused with a status worth retrying
    later (429, 5xx)."""

    def __init__(
        self,
        host: str,
        page: int,
        reason: str,
        refusal: Refusal | None = None,
        *,
        resumable: bool = True,
    ) -> None:
        super().__init__(failure_line(host, page, reason, resumable=resumable))
        self.refusal = refusal


def failure_line(host: str, page: int, reason: str, *, resumable: bool = True) -> str:
    """`resumable`: running the command again may get further (not for a listing that points
    somewhere osai will not follow: it would point there again)."""
    line = f"cannot list models on {host}: {reason}"
    if page > 1:  # the pages before it were judged and stored
        resumes = ": the same command resumes" if resumable else ""
        line += f" (page {page}; the pages before it are stored{resumes})"
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
    """The listing's pages, in order, each as the Hub sent it (less what could not be read)."""
    from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]  # lazy export

    from osai.backends.hub.client import offline_mode
    from osai.net.hub_logs import hide
    from osai.net.transport import install_for_huggingface_hub

    if offline_mode():
        raise ListingFailed(host_of(endpoint), 1, OFFLINE)
    install_for_huggingface_hub()
    # as a check's Hub reads do: a server's X-HF-Warning may repeat the token it was sent, and
    # the census printed it ("osai: warning: huggingface_hub: token hf_...")
    hide(_secrets(endpoint, token))
    headers = build_hf_headers(token=token, library_name="osai", library_version=__version__)
    listed = _listed_pages(endpoint + "/api/models", _params(query), headers)
    left = query.limit  # as list_models: the pages after the cap are never asked for
    number = 0
    while left is None or left > 0:
        answer = _next(listed, limits, meter, endpoint, number + 1, token)
        if answer is _END:
            return
        items = answer if left is None else answer[:left]
        if not items:  # an empty page (the Hub's last, or one on the way): nothing to judge
            continue
        number += 1
        left = None if left is None else left - len(items)
        read = [read_item(item) for item in items]
        kept = [info for info in read if info is not None]
        yield Page(number, kept, len(read) - len(kept))


def _listed_pages(
    url: str, params: dict[str, Any], headers: dict[str, str]
) -> Iterator[list[object]]:
    """Every page, as huggingface_hub's ``paginate`` (what ``list_models`` uses) asks for them:
    the same requests, its ``http_backoff`` retries and errors; but each page is handed on whole
    (``paginate`` yields item by item, and asks for the next page only when the last item is
    used up), and a page that is not a JSON list is refused (``paginate`` would yield an
    object's keys, or a string's characters, as items)."""
    from huggingface_hub.utils import (  # type: ignore[attr-defined]  # lazy exports
        hf_raise_for_status,
        http_backoff,
    )

    from osai.net.fetch import origin

    response = http_backoff("GET", url, params=params, headers=headers)
    asked = {str(response.url)}
    while True:
        hf_raise_for_status(response)
        page = page_json(response.content)
        if not isinstance(page, list):
            raise ValueError("a listing page that is not a list")
        yield page
        following = response.links.get("next", {}).get("url")
        if not following:
            return
        # the request carries the Hub token: a cursor naming another host (``paginate`` follows
        # any) would hand it the token, so the listing ends there instead
        if origin(str(following)) != origin(url):
            raise BadRedirect(str(following), url, origin_only=True)
        # a cursor that leads back to a page already asked for (``paginate`` follows it) would
        # list the same pages for ever, each counted again as listed
        if str(following) in asked:
            raise CursorLoop(str(following))
        asked.add(str(following))
        response = http_backoff("GET", following, headers=headers)


class CursorLoop(Malformed):
    """The listing's next-page link names a page it has already listed: listed again, the same
    loop would be met again (the run does not resume past it)."""

    def __init__(self, following: str) -> None:
        super().__init__("its next-page link leads back to a page already listed", following)


def page_json(body: bytes) -> object:
    """A listing page's JSON, read through osai's one door for JSON (osai.jsonsafe: nested too
    deeply, a number too long or not UTF-8 is NotJson, a ValueError, not a RecursionError that
    ended the census as an internal error), every lone surrogate in it (the escape ``\\ud800``
    is valid JSON, but no character: DuckDB stores no string holding one, and the census ended
    as an internal error) read as U+FFFD, the replacement character."""
    text = body.decode("utf-8-sig")
    page = json_value(text, non_finite_absent=True)  # NaN: a count not reported, as before
    return _json_without_surrogates(page) if _SURROGATE_ESCAPE.search(text) else page


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # no other way into a decoded string
# (json pairs the escapes of a pair: any surrogate left in a decoded string is lone)


def _json_without_surrogates(value: object) -> object:
    """`value` (decoded JSON) with every lone surrogate replaced, its lists and objects mended
    in place, without recursion (the JSON is as deep as the parser allowed)."""
    if isinstance(value, str):
        return without_surrogates(value)
    stack: list[list[Any] | dict[str, Any]] = [value] if isinstance(value, list | dict) else []
    while stack:
        node = stack.pop()
        slots: list[tuple[Any, Any]]
        if isinstance(node, dict):
            # JSON keys: strings
            slots = [(without_surrogates(key), each) for key, each in node.items()]
            node.clear()
            node.update(slots)
        else:
            slots = list(enumerate(node))
        for key, each in slots:
            if isinstance(each, str):
                node[key] = without_surrogates(each)
            elif isinstance(each, list | dict):
                stack.append(each)
    return value


def read_item(item: object) -> ModelInfo | None:
    """One listed item as ``list_models`` reads it (``ModelInfo(**item)``, ``siblings`` None
    unless listed), or None when it cannot be read."""
    from huggingface_hub.hf_api import ModelInfo

    if not isinstance(item, dict):
        return None
    try:
        return ModelInfo(**{"siblings": None, **item})  # type: ignore[no-untyped-call]
    # Someone else's code reading someone else's data: whatever it raises (a ValueError of a
    # date that is no date, an AttributeError of a date that is a number, a KeyError of no id,
    # a TypeError of a key named "self") is about this item alone, which is skipped.
    except Exception:
        return None


def _secrets(endpoint: str, token: str | None) -> tuple[str, ...]:
    """What the listing's requests carry that is never shown: the token, the endpoint's
    password."""
    from osai.redaction import url_password

    return tuple(secret for secret in (token or "", url_password(endpoint)) if secret)


def _next(
    listed: Iterator[list[object]],
    limits: ListingLimits,
    meter: RequestMeter,
    endpoint: str,
    page: int,
    token: str | None,
) -> Any:
    """The next page, as the Hub sent it (_END at the end), within a fresh budget."""
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError

    from osai.net.retry import RETRY_STATUSES, classify, hub_refusal

    budget = Budget.starting_now(limits.deadline, limits.timeout)
    secrets = _secrets(endpoint, token)
    host = host_of(endpoint)
    try:
        # huggingface_hub's retry notices are not printed: a failure is said in one line
        with budget_scope(budget), metering(meter), quiet_retry_notices():
            return next(listed, _END)
    except HfHubHTTPError as error:  # huggingface_hub's retries included
        refused = hub_refusal(error)
        if refused is None:  # pragma: no cover - an HfHubHTTPError always has its response
            raise ListingFailed(host, page, f"unexpected answer from {host}") from None
        attempts = CLIENT_ATTEMPTS if refused.status in RETRY_STATUSES else 1
        reason = refused.failure(attempts, secrets).explain(host)
        raise ListingFailed(host, page, reason, refused if refused.retryable else None) from None
    except (NetFailure, httpx2.HTTPError) as error:  # what huggingface_hub's retries gave up on
        failure = classify(error, budget, secrets) or BrokenConnection(secrets=secrets)
        resumable = not isinstance(failure, BadRedirect | CursorLoop)
        reason = redact(str(failure), secrets)
        raise ListingFailed(host, page, reason, resumable=resumable) from None
    except (ValueError, TypeError, KeyError, AttributeError):
        reason = Malformed("not the Hub API's JSON").explain(host)
        raise ListingFailed(host, page, reason) from None
