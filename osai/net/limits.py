"""``HostLimits``: the hosts that said "rate limited until T" during one run, so that no request of
the run asks them again before T.

GitHub's REST API docs ("Best practices for using the REST API") warn that requests sent while
rate limited may get an integration banned, and ask to wait until the reset, or the minute a
secondary limit asks for, before the next request.  Each request of a run (eight targets, four at
a time, each with its repository, tree and README) was asked regardless: 21 refused requests
after the first had said "wait".  One ``HostLimits`` is made per run (osai.backends.answers.
RunAnswers holds it) and handed to ``fetch``; nothing of it outlives the run.

Pure: no I/O, no third-party imports; thread-safe (a run's targets share it).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime

from osai.net.failures import RateLimited, seconds_until


@dataclass(frozen=True)
class HostLimit:
    """What a host said when it limited osai: until when (``time.monotonic()``), and how."""

    until: float
    retry_at: datetime | None
    status: int
    quota_spent: bool
    end_said: bool = True  # False: osai's assumed minute, the host having named no end

    def remaining(self) -> float:
        return self.until - time.monotonic()

    def refusal(self, url: str, *, attempts: int, secrets: tuple[str, ...]) -> RateLimited:
        """The failure a request to the host meets while the limit holds: the one the host gave
        (its status, its "try again after"), though this request was not sent."""
        return RateLimited(
            self.retry_at,
            url,
            status=self.status,
            attempts=attempts,
            secrets=secrets,
            quota_spent=self.quota_spent,
            sent=False,
            end_said=self.end_said,
        )


class HostLimits:
    """Per host (``origin``: scheme, host, port), the latest limit it set; for one run."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._limits: dict[tuple[str, str, int | None], HostLimit] = {}

    def note(self, host: tuple[str, str, int | None], limited: RateLimited) -> None:
        """``host`` limited osai as ``limited`` says, until the end it named or, naming none, the
        minute osai assumes (``limited.end_said`` tells them apart); one with no end at all
        (``retry_at`` None) is not kept."""
        if limited.retry_at is None:
            return
        until = time.monotonic() + seconds_until(limited.retry_at)
        limit = HostLimit(
            until, limited.retry_at, limited.status, limited.quota_spent, limited.end_said
        )
        with self._lock:
            known = self._limits.get(host)
            if known is None or known.until < until:
                self._limits[host] = limit

    def limit_of(self, host: tuple[str, str, int | None]) -> HostLimit | None:
        """The limit ``host`` set that still holds; None when none does."""
        with self._lock:
            limit = self._limits.get(host)
            if limit is not None and limit.remaining() <= 0:
                del self._limits[host]
                return None
            return limit


__all__ = ["HostLimit", "HostLimits"]
