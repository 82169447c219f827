"""The model listing of the loopback Hub: ``GET /api/models`` with filters, sort, expand and cursor
paging through a ``Link: <...>; rel="next"`` header (what ``HfApi.list_models`` follows).

What the real Hub does, and where that is known from (details in
tests/fixtures/links/PROVENANCE.md):

- Paging is by cursor in the ``Link`` header, GitHub style; the next link repeats the query with a
  ``cursor`` added (huggingface_hub PR #1176, whose example cursor is base64 JSON of the sort key
  and ``_id``). The client (``utils/_pagination.py``) follows ``response.links["next"]`` and sends
  ``limit`` unchanged, then stops itself after ``limit`` items (``islice``).
- ``limit`` is the page size, capped by the server; a page of 1,000 is what the evidence points to
  (issue huggingface_hub#2581, 2024: pages break at 1,000 and 2,000 items with ``limit=5000``;
  huggingface.js sends ``limit=min(total, 500)`` per page). The cap here is
  ``ModelListing.page_size`` (default 1,000), settable by tests.
- The sort is always descending: ``direction`` is accepted and ignored (huggingface_hub PR #3882
  removed the argument as "useless after a server-side change"); ties go by ``_id`` ascending, as
  in the Hub's cursor. Items without a value for the sort key come last. Without ``sort``, items
  come in insertion order (the Hub's default order was not established).
- ``expand`` returns only ``_id``, ``id`` and the expanded keys; without it, the listing's default
  keys (``_id, id, likes, trendingScore, private, downloads, tags, pipeline_tag, library_name,
  createdAt, modelId``, as captured in public client code).

The population lives in memory: ``put``/``extend`` take listing dicts; each distinct query's
filtered, sorted id list is built once (O(n log n)) and cached until the population changes, so
each page is a slice. 100,000 entries page through in about a second.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any
from urllib.parse import urlencode

LISTING_PATH = "/api/models"
LISTING_PATTERN = r"^/api/models$"  # for fault injection on the listing's pages
DEFAULT_PAGE_SIZE = 1000
LISTING_DEFAULT_FIELDS = frozenset(
    {
        "_id", "id", "likes", "trendingScore", "private", "downloads", "tags", "pipeline_tag",
        "library_name", "createdAt", "modelId",
    }
)  # fmt: skip
# What `full=True` adds (approximate: the Hub documents only "most model data, such as all tags,
# the files, etc.").
FULL_FIELDS = frozenset(
    {"author", "sha", "lastModified", "gated", "disabled", "siblings", "widgetData", "model-index"}
)
NUMERIC_SORTS = frozenset({"downloads", "likes", "trendingScore", "likes30d", "downloadsAllTime"})
TEXT_SORTS = frozenset({"createdAt", "lastModified", "id"})
SUPPORTED_PARAMS = frozenset(
    {
        "search", "author", "filter", "pipeline_tag", "gated", "sort", "direction", "limit",
        "expand", "full", "cardData", "config", "cursor",
    }
)  # fmt: skip
_CACHED_VIEWS = 16


class ListingError(Exception):
    """A request the listing refuses: the Hub answers it with ``status`` and ``message``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class ListingQuery:
    """The filters and sort of one listing request (the cursor and page size aside)."""

    search: str | None = None
    author: str | None = None
    filters: tuple[str, ...] = ()
    pipeline_tag: str | None = None
    gated: bool | None = None
    sort: str | None = None

    def matches(self, item: Mapping[str, Any]) -> bool:
        repo_id = str(item["id"])
        if self.search is not None and self.search.lower() not in repo_id.lower():
            return False
        if self.author is not None and _namespace(repo_id) != self.author.lower():
            return False
        if self.pipeline_tag is not None and item.get("pipeline_tag") != self.pipeline_tag:
            return False
        if self.gated is not None and _is_gated(item.get("gated")) is not self.gated:
            return False
        return not self.filters or set(self.filters) <= _tag_set(item)


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None


@dataclass(frozen=True)
class _View:
    ids: list[str]
    position: dict[str, int]


class ModelListing:
    """Listing dicts by id, in insertion order, with cached per-query views."""

    def __init__(self, page_size: int = DEFAULT_PAGE_SIZE) -> None:
        self.page_size = page_size
        self._lock = threading.Lock()
        self._items: dict[str, dict[str, Any]] = {}
        self._views: dict[ListingQuery, _View] = {}
        self._sequence = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def put(self, item: Mapping[str, Any]) -> str:
        """Add or replace one listing dict (needs a string ``id``); return its id."""
        return self.extend([item])[0]

    def extend(self, items: Iterable[Mapping[str, Any]]) -> list[str]:
        """Add or replace listing dicts (shallow copies; ``_id`` is filled in when missing with an
        increasing hex id, like the Hub's ObjectIds); return their ids."""
        added: list[str] = []
        with self._lock:
            for item in items:
                entry = dict(item)
                repo_id = entry.get("id")
                if not isinstance(repo_id, str) or not repo_id:
                    raise ValueError(f"a listing item needs a string 'id': {item!r:.80}")
                if "_id" not in entry:
                    self._sequence += 1
                    entry["_id"] = f"{self._sequence:024x}"
                elif not isinstance(entry["_id"], str):
                    raise ValueError(f"a listing item's '_id' must be a string: {item!r:.80}")
                self._items[repo_id] = entry
                added.append(repo_id)
            self._views.clear()
        return added

    def remove(self, repo_id: str) -> None:
        with self._lock:
            if self._items.pop(repo_id, None) is not None:
                self._views.clear()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._views.clear()

    def ids(self, query: ListingQuery = ListingQuery()) -> list[str]:
        """Every id the query lists, in listing order."""
        with self._lock:
            return list(self._view(query).ids)

    def page(self, query: ListingQuery, cursor: str | None, limit: int | None) -> Page:
        size = self.page_size if limit is None else min(limit, self.page_size)
        after, page_number = decode_cursor(cursor) if cursor else (None, 1)
        with self._lock:
            view = self._view(query)
            start = 0
            if after is not None:
                if after not in view.position:
                    raise ListingError(400, "Invalid cursor: its last item is no longer listed")
                start = view.position[after] + 1
            chosen = view.ids[start : start + size]
            items = [self._items[i] for i in chosen]
        more = start + size < len(view.ids)
        next_cursor = encode_cursor(chosen[-1], page_number + 1) if more and chosen else None
        return Page(items, next_cursor)

    def _view(self, query: ListingQuery) -> _View:
        """The filtered, sorted ids for ``query`` (lock held)."""
        if (view := self._views.get(query)) is not None:
            return view
        items = [item for item in self._items.values() if query.matches(item)]
        if query.sort is not None:
            items = _sorted(items, query.sort)
        ids = [str(item["id"]) for item in items]
        view = _View(ids, {repo_id: n for n, repo_id in enumerate(ids)})
        if len(self._views) >= _CACHED_VIEWS:
            self._views.pop(next(iter(self._views)))
        self._views[query] = view
        return view


def _sorted(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Descending by ``key``, ties by ``_id`` ascending, items without a usable value last."""
    usable = float | int if key in NUMERIC_SORTS else str
    items.sort(key=itemgetter("_id"))
    valued: list[dict[str, Any]] = []
    missing: list[dict[str, Any]] = []
    for item in items:
        (valued if _usable(item.get(key), usable) else missing).append(item)
    valued.sort(key=itemgetter(key), reverse=True)  # stable: ties keep the _id order
    return valued + missing


def _usable(value: Any, kind: Any) -> bool:
    return isinstance(value, kind) and not isinstance(value, bool)


def _namespace(repo_id: str) -> str | None:
    return repo_id.split("/", 1)[0].lower() if "/" in repo_id else None


def _is_gated(value: Any) -> bool | None:
    if value in ("auto", "manual"):
        return True
    return False if value is False else None  # null (not established) matches neither filter


def _tag_set(item: Mapping[str, Any]) -> set[str]:
    tags = item.get("tags")
    found = {t for t in tags if isinstance(t, str)} if isinstance(tags, list) else set()
    for key in ("pipeline_tag", "library_name"):
        if isinstance(item.get(key), str):
            found.add(item[key])
    return found


# --------------------------------------------------------------------------- the wire format


def encode_cursor(after_id: str, page: int) -> str:
    """An opaque cursor (base64 JSON, as the Hub's): the last id served and the page it opens."""
    return base64.b64encode(json.dumps({"_id": after_id, "page": page}).encode()).decode()


def decode_cursor(cursor: str) -> tuple[str, int]:
    try:
        data = json.loads(base64.b64decode(cursor, validate=True))
    except (binascii.Error, ValueError) as error:
        raise ListingError(400, "Invalid cursor") from error
    if not (isinstance(data, dict) and isinstance(data.get("_id"), str)):
        raise ListingError(400, "Invalid cursor")
    page = data.get("page")
    return data["_id"], page if isinstance(page, int) and page > 1 else 2


def cursor_page(query: Mapping[str, list[str]]) -> int | None:
    """The page number a listing request asks for (1 without a cursor; None if unreadable)."""
    cursor = _last(query, "cursor")
    if cursor is None:
        return 1
    try:
        return decode_cursor(cursor)[1]
    except ListingError:
        return None


def parse_query(query: Mapping[str, list[str]]) -> tuple[ListingQuery, int | None]:
    """The listing query and the requested ``limit``; ListingError on what the Hub refuses."""
    if unknown := sorted(set(query) - SUPPORTED_PARAMS):
        raise ListingError(400, f"Not implemented by LoopbackHub: {', '.join(unknown)}")
    sort = _last(query, "sort")
    if sort is not None and sort not in NUMERIC_SORTS | TEXT_SORTS:
        raise ListingError(400, f"Invalid sort parameter: {sort}")
    gated = _last(query, "gated")
    listing = ListingQuery(
        search=_last(query, "search"),
        author=_last(query, "author"),
        filters=tuple(query.get("filter", [])),
        pipeline_tag=_last(query, "pipeline_tag"),
        gated=None if gated is None else gated.lower() in ("1", "true"),
        sort=sort,
    )
    return listing, _limit(_last(query, "limit"))


def projected_keys(query: Mapping[str, list[str]], expandable: frozenset[str]) -> frozenset[str]:
    """The keys each listed item carries, from ``expand`` or the ``full``/``cardData``/``config``
    flags (which the Hub refuses to combine with ``expand``)."""
    expand = query.get("expand", [])
    flags = {name for name in ("full", "cardData", "config") if _truthy(query.get(name))}
    if expand and flags:
        raise ListingError(400, "`expand` cannot be used with `full`, `cardData` or `config`")
    if unknown := sorted(set(expand) - expandable):
        raise ListingError(400, f'"expand" has invalid values: {", ".join(unknown)}')
    if expand:
        return frozenset({"_id", "id", *expand})
    keys = set(LISTING_DEFAULT_FIELDS)
    keys |= FULL_FIELDS if "full" in flags else set()
    keys |= {name for name in ("cardData", "config") if name in flags}
    return frozenset(keys)


def project(item: Mapping[str, Any], keys: frozenset[str]) -> dict[str, Any]:
    out = {k: item[k] for k in keys if k in item}
    if "modelId" in keys:
        out.setdefault("modelId", item["id"])
    return out


def next_link(base: str, query: Mapping[str, list[str]], cursor: str) -> str:
    """The ``Link`` header for the next page: the same query with the new cursor."""
    params = [(k, v) for k, values in query.items() if k != "cursor" for v in values]
    params.append(("cursor", cursor))
    return f'<{base}{LISTING_PATH}?{urlencode(params)}>; rel="next"'


def _limit(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        limit = int(value)
    except ValueError:
        raise ListingError(400, f"Invalid limit: {value}") from None
    if limit < 1:
        raise ListingError(400, f"Invalid limit: {value}")
    return limit


def _last(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None


def _truthy(values: list[str] | None) -> bool:
    return bool(values) and values[-1].lower() not in ("", "0", "false")  # type: ignore[index]
