"""How many requests a piece of work made: a ``RequestMeter`` counts every request the bounded
transport sends inside ``metering(meter)``, by host, path and status.

A census says what it cost (listing pages, retries, requests per deep-checked model) from what
was actually sent, not from what it meant to send.  Like the budget, the meter in force is a
``ContextVar``: each thread (``--jobs``) counts into the meter of its own scope, and work handed to
other threads carries it when it runs in a copy of the caller's context (osai.links.follow).
Several threads may share one meter; it locks.

Pure: no I/O, no third-party imports.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

FAILED = 0  # the status recorded for a request that got no answer (timeout, reset, deadline)


@dataclass(frozen=True)
class Sent:
    """One request as the meter saw it."""

    method: str
    host: str  # the URL's host, with its port when the URL names one
    path: str  # the URL's path, without its query (a cursor, a token in a query, never kept)
    status: int  # FAILED when no answer came


class RequestMeter:
    """Counts requests by (path, status); thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[Sent] = Counter()

    def record(self, method: str, host: str, path: str, status: int) -> None:
        with self._lock:
            self._counts[Sent(method, host, path, status)] += 1

    @property
    def requests(self) -> int:
        with self._lock:
            return sum(self._counts.values())

    def count(self, path: str | None = None, *, ok_only: bool = False) -> int:
        """Requests to ``path`` (every path when None); with ``ok_only``, only 2xx answers."""
        with self._lock:
            return sum(
                number
                for sent, number in self._counts.items()
                if (path is None or sent.path == path) and (not ok_only or 200 <= sent.status < 300)
            )

    def by_host(self) -> dict[str, tuple[int, int]]:
        """Per host: (requests, of which FAILED: no answer came), hosts in the order first seen."""
        totals: dict[str, tuple[int, int]] = {}
        with self._lock:
            for sent, number in self._counts.items():
                requests, failed = totals.get(sent.host, (0, 0))
                totals[sent.host] = (
                    requests + number,
                    failed + (number if sent.status == FAILED else 0),
                )
        return totals

    def statuses(self) -> dict[int, int]:
        """How many answers of each status (FAILED: none came)."""
        totals: Counter[int] = Counter()
        with self._lock:
            for sent, number in self._counts.items():
                totals[sent.status] += number
        return dict(totals)


_CURRENT: ContextVar[RequestMeter | None] = ContextVar("osai_net_meter", default=None)


def current_meter() -> RequestMeter | None:
    return _CURRENT.get()


@contextmanager
def metering(meter: RequestMeter) -> Iterator[RequestMeter]:
    """Every request the bounded transport sends inside this block, in this thread, is counted."""
    token = _CURRENT.set(meter)
    try:
        yield meter
    finally:
        _CURRENT.reset(token)


__all__ = ["FAILED", "RequestMeter", "Sent", "current_meter", "metering"]
