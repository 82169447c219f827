"""The loopback Hub's model listing (``GET /api/models``) through the real ``HfApi.list_models``
(huggingface_hub 2.4.0): every page over a socket, cursor paging through the ``Link`` header,
filters, sort, ``expand``, and faults on one page of a listing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import httpx2
import pytest
from huggingface_hub import HfApi
from huggingface_hub.errors import HfHubHTTPError
from huggingface_hub.utils import _http
from huggingface_hub.utils._pagination import paginate
from loopback_hub import DEFAULT_FIXTURES_DIR, LISTING_PATTERN, LoopbackHub
from loopback_hub_listing import LISTING_DEFAULT_FIELDS, ListingQuery, decode_cursor

FIXTURE_COUNT = 18


def population(count: int, start: int = 0) -> list[dict[str, Any]]:
    """Listing dicts: 20 authors, downloads with ties (and some unknown), likes, tags."""
    return [
        {
            "id": f"org{i % 20}/model-{i:06d}",
            "downloads": None if i % 50 == 0 else (i * 7919) % 1000,
            "likes": i % 13,
            "tags": ["transformers", f"license:{'mit' if i % 3 else 'apache-2.0'}"],
            "pipeline_tag": "text-generation" if i % 2 else "fill-mask",
            "gated": "auto" if i % 10 == 0 else False,
            "createdAt": f"2024-01-{1 + i % 28:02d}T00:00:00.000Z",
        }
        for i in range(start, start + count)
    ]


@pytest.fixture
def api(hub: LoopbackHub) -> HfApi:
    return HfApi(endpoint=hub.endpoint)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """The waits huggingface_hub's retry loop asks for, recorded instead of slept (its minimum
    is one second per retry), so that a retry storm stays a fast test."""
    asked: list[float] = []
    monkeypatch.setattr(_http, "time", SimpleNamespace(sleep=asked.append))
    yield asked


def page_requests(hub: LoopbackHub) -> list[int]:
    """The page number of each listing request, in order."""
    pages = []
    for request in hub.find_requests(LISTING_PATTERN):
        cursor = request.query.get("cursor")
        pages.append(decode_cursor(cursor[-1])[1] if cursor else 1)
    return pages


# --------------------------------------------------------------------------- listing and paging


def test_the_model_fixtures_are_listed(api: HfApi, hub: LoopbackHub) -> None:
    models = list(api.list_models())
    assert len(models) == FIXTURE_COUNT == len(list(DEFAULT_FIXTURES_DIR.glob("*.json")))
    assert [m.id for m in models] == hub.repo_ids  # insertion order: the files, sorted
    raw = httpx2.get(f"{hub.endpoint}/api/models", timeout=5).json()
    assert all(set(item) <= LISTING_DEFAULT_FIELDS for item in raw)
    assert all({"_id", "id", "modelId"} <= set(item) for item in raw)
    t5 = next(m for m in models if m.id == "google-t5/t5-base")
    assert t5.downloads == 1424326


def test_cursor_paging_through_every_page(api: HfApi, hub: LoopbackHub) -> None:
    hub.add_listing(population(2500))
    models = list(api.list_models(sort="downloads", expand=["downloads"]))
    assert len(models) == 2500 + FIXTURE_COUNT
    assert len({m.id for m in models}) == len(models)
    downloads = [m.downloads for m in models]
    known = [d for d in downloads if d is not None]
    assert known == sorted(known, reverse=True)  # descending
    assert downloads[len(known) :] == [None] * (len(downloads) - len(known))  # unknown last
    ties = [m.id for m in models if m.downloads == 0 and m.id.startswith("org")]
    assert ties == sorted(ties)  # ties by _id, i.e. insertion order for added items
    assert page_requests(hub) == [1, 2, 3]
    first, second, third = hub.find_requests(LISTING_PATTERN)
    assert first.query == {"sort": ["downloads"], "expand": ["downloads"]}
    assert second.query["sort"] == ["downloads"] and second.query["expand"] == ["downloads"]
    assert "cursor" in third.query


def test_link_header_and_page_size(hub: LoopbackHub) -> None:
    hub.add_listing(population(1500))
    url = f"{hub.endpoint}/api/models"
    first = httpx2.get(url, params={"sort": "likes", "limit": 5000}, timeout=5)
    assert len(first.json()) == 1000  # the server's cap, whatever the limit asked
    link = first.headers["Link"]
    assert link.startswith(f"<{url}?") and link.endswith('>; rel="next"')
    assert "sort=likes" in link and "limit=5000" in link and "cursor=" in link
    last = httpx2.get(first.links["next"]["url"], timeout=5)
    assert len(last.json()) == 1500 + FIXTURE_COUNT - 1000
    assert "Link" not in last.headers
    small = httpx2.get(url, params={"limit": 7}, timeout=5)
    assert len(small.json()) == 7 and "next" in small.links
    hub.listing_page_size = 100
    assert len(httpx2.get(url, timeout=5).json()) == 100


def test_limit_stops_the_client_after_one_page(api: HfApi, hub: LoopbackHub) -> None:
    hub.add_listing(population(600))
    models = list(api.list_models(sort="likes", limit=250))
    assert len(models) == 250
    (request,) = hub.find_requests(LISTING_PATTERN)
    assert request.query["limit"] == ["250"]


def test_hundred_thousand_entries_page_in_linear_time(hub: LoopbackHub) -> None:
    start = time.monotonic()
    hub.add_listing({"id": f"org/m{i}", "downloads": i % 1000} for i in range(100_000))
    query = ListingQuery(sort="downloads")
    cursors: list[str] = []
    listed: list[str] = []
    while not cursors or cursors[-1]:  # the server's own paging, without the sockets
        page = hub.listing.page(query, cursors[-1] if cursors else None, None)
        listed += [item["id"] for item in page.items]
        cursors.append(page.next_cursor or "")
    elapsed = time.monotonic() - start
    assert len(set(listed)) == len(listed) == 100_000 + FIXTURE_COUNT
    assert len(cursors) == 101
    assert elapsed < 10  # a few tenths of a second here; a quadratic listing takes minutes
    deep = httpx2.get(
        f"{hub.endpoint}/api/models",
        params={"sort": "downloads", "cursor": cursors[49]},
        timeout=5,
    )
    assert [m["id"] for m in deep.json()] == listed[50_000:51_000]
    assert deep.links["next"]["url"].endswith(quote(cursors[50], safe=""))


# --------------------------------------------------------------------------- filters, sort, expand


def test_filters(api: HfApi, hub: LoopbackHub) -> None:
    hub.add_listing(population(300))

    def ids(**kw: Any) -> list[str]:
        return [m.id for m in api.list_models(**kw)]

    assert ids(search="MODEL-00012") == [f"org{i % 20}/model-{i:06d}" for i in range(120, 130)]
    assert all(i.startswith("org3/") for i in ids(author="ORG3")) and len(ids(author="org3")) == 15
    assert ids(author="EleutherAI") == [i for i in hub.repo_ids if i.startswith("EleutherAI/")]
    both = ids(filter=["license:apache-2.0", "text-generation"])  # every filter must match
    assert [i for i in both if i.startswith("org")] == [
        f"org{i % 20}/model-{i:06d}" for i in range(300) if i % 3 == 0 and i % 2
    ]
    assert "allenai/OLMo-7B" in both  # its fixture's tags match both
    assert len(ids(pipeline_tag="fill-mask", author="org0")) == 15
    gated = ids(gated=True, author="org0")
    assert len(gated) == 15 and all(int(i[-6:]) % 10 == 0 for i in gated)
    assert "meta-llama/Llama-2-7b-hf" in ids(gated=True)  # gated: "manual" in its fixture
    assert not {"org0/model-000010"} & set(ids(gated=False))


def test_sort_keys_and_direction(api: HfApi, hub: LoopbackHub) -> None:
    hub.add_listing(population(100))
    newest = list(api.list_models(sort="created_at", author="org1", expand=["createdAt"]))
    created = [m.created_at for m in newest]
    assert created == sorted(created, reverse=True)  # type: ignore[type-var]
    assert hub.find_requests(LISTING_PATTERN)[-1].query["sort"] == ["createdAt"]
    url = f"{hub.endpoint}/api/models"
    ascending = httpx2.get(url, params={"sort": "likes", "direction": 1}, timeout=5).json()
    descending = httpx2.get(url, params={"sort": "likes", "direction": -1}, timeout=5).json()
    assert ascending == descending  # descending only; direction is ignored, as on the Hub
    bad = httpx2.get(url, params={"sort": "size"}, timeout=5)
    assert (
        bad.status_code == 400 and bad.headers["X-Error-Message"] == "Invalid sort parameter: size"
    )


def test_expand_and_flags(api: HfApi, hub: LoopbackHub) -> None:
    models = list(api.list_models(expand=["gated", "cardData"], author="meta-llama"))
    assert [m.gated for m in models] == ["manual"]
    assert models[0].card_data is not None and models[0].downloads is None
    url = f"{hub.endpoint}/api/models"
    raw = httpx2.get(url, params={"expand": ["sha", "likes"], "search": "t5"}, timeout=5).json()
    assert [set(item) for item in raw] == [{"_id", "id", "sha", "likes"}]
    full = httpx2.get(url, params={"full": True, "cardData": True, "search": "t5"}, timeout=5)
    assert {"sha", "siblings", "cardData", "lastModified"} <= set(full.json()[0])
    refused: list[tuple[dict[str, str | int], str]] = [
        ({"expand": "sha", "full": 1}, "`expand` cannot be used"),
        ({"expand": "nope"}, '"expand" has invalid values: nope'),
        ({"apps": "ollama"}, "Not implemented by LoopbackHub: apps"),
        ({"limit": 0}, "Invalid limit: 0"),
        ({"cursor": "not base64!"}, "Invalid cursor"),
    ]
    for params, message in refused:
        answer = httpx2.get(url, params=params, timeout=5)
        assert answer.status_code == 400
        assert answer.headers["X-Error-Message"].startswith(message), params


def test_cursor_of_a_removed_item_is_refused(hub: LoopbackHub) -> None:
    hub.add_listing(population(20))
    url = f"{hub.endpoint}/api/models"
    first = httpx2.get(url, params={"limit": 5}, timeout=5)
    hub.listing.remove(first.json()[-1]["id"])
    answer = httpx2.get(first.links["next"]["url"], timeout=5)
    assert answer.status_code == 400 and "no longer listed" in answer.headers["X-Error-Message"]
    hub.remove_repo("EleutherAI/pythia-70m")
    assert "EleutherAI/pythia-70m" not in {m["id"] for m in httpx2.get(url, timeout=5).json()}


# --------------------------------------------------------------------------- faults on one page


def test_malformed_page(api: HfApi, hub: LoopbackHub) -> None:
    hub.add_listing(population(1500))
    hub.inject_malformed_json(LISTING_PATTERN, page=2)
    seen: list[str] = []
    with pytest.raises(ValueError):
        for model in api.list_models():
            seen.append(model.id)
    assert len(seen) == 1000 and page_requests(hub) == [1, 2]


def test_rate_limit_storm_on_one_page(api: HfApi, hub: LoopbackHub, sleeps: list[float]) -> None:
    hub.add_listing(population(2500))
    storm = hub.inject_status(LISTING_PATTERN, 429, page=2, times=3, retry_after=0)
    assert len(list(api.list_models())) == 2500 + FIXTURE_COUNT
    assert storm.hits == 3 and page_requests(hub) == [1, 2, 2, 2, 2, 3]
    assert sleeps == [1.0, 1.0, 1.0]  # Retry-After 0, plus the client's one-second margin


def test_rate_limit_storm_outlasting_the_retries(
    api: HfApi, hub: LoopbackHub, sleeps: list[float]
) -> None:
    hub.add_listing(population(1500))
    hub.inject_status(LISTING_PATTERN, 429, page=2, retry_after=0)
    with pytest.raises(HfHubHTTPError) as error:
        list(api.list_models())
    assert error.value.response.status_code == 429
    assert page_requests(hub) == [1] + [2] * 6  # one try and five retries
    assert len(sleeps) == 5


def test_hung_and_truncated_pages_are_retried(hub: LoopbackHub, sleeps: list[float]) -> None:
    hub.add_listing(population(1500))
    hub.inject_hang(LISTING_PATTERN, page=2, times=1)
    hub.inject_truncated_body(LISTING_PATTERN, page=2, times=1)
    items = list(paginate(f"{hub.endpoint}/api/models", {}, {}, timeout=0.2))
    assert len(items) == 1500 + FIXTURE_COUNT
    assert page_requests(hub) == [1, 2, 2, 2]  # hang (read timeout), truncated, then served
    assert len(sleeps) == 2


def test_a_page_that_never_ends(api: HfApi, hub: LoopbackHub) -> None:
    hub.add_listing(population(1500))
    endless = hub.inject_endless(LISTING_PATTERN, page=2, pause=0.01)
    seen: list[str] = []
    done = threading.Event()

    def consume() -> None:
        seen.extend(m.id for m in api.list_models())  # no timeout: it waits as long as it takes
        done.set()

    threading.Thread(target=consume, daemon=True).start()
    deadline = time.monotonic() + 5
    while page_requests(hub) != [1, 2] and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not done.wait(0.3)  # page 2 keeps coming, whitespace at a time
    endless.release()
    assert done.wait(5)
    assert len(seen) == 1500 + FIXTURE_COUNT
