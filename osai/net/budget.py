"""How long a check may spend on the network, and how much it may read: one ``Budget``.

A budget is an absolute deadline (on ``time.monotonic()``) plus per-read and size limits.  One
check makes it once, with ``Budget.starting_now``, and runs all its requests inside
``with budget_scope(budget):`` so that every request of the check, huggingface_hub's included,
shares the same deadline.  The scope is a ``ContextVar``: each thread (``--jobs``) has its own, and
the shared connection pool reads the budget of the thread that is using it.

Pure: no I/O, no third-party imports (a local-only check may import this module for nothing).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

DEFAULT_DEADLINE = 60.0  # seconds: a request outside any scope, whole answer included
DEFAULT_TIMEOUT = 10.0  # seconds: one connect, handshake, read or write
DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # a success body (a Hub model_info of many files fits)
DEFAULT_MAX_ERROR_BYTES = 64 * 1024  # a >=400 (or 3xx) body: enough for the error message
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_RETRIES = 2  # retries after the first attempt, for 408/429/5xx and broken connections
DEFAULT_RETRY_AFTER_CAP = 10.0  # seconds: the longest wait a server may impose before a retry
MIN_TIMEOUT = 0.001  # a socket timeout of 0 means "non-blocking", never "no time left"


@dataclass(frozen=True)
class Budget:
    """The limits for every request of one check.

    ``deadline`` is absolute (``time.monotonic()``); ``deadline_s`` is how long it was when the
    budget started, kept for messages ("no complete answer within the 8 s deadline").
    """

    deadline: float
    deadline_s: float
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_error_bytes: int = DEFAULT_MAX_ERROR_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    retries: int = DEFAULT_RETRIES
    retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP

    def __post_init__(self) -> None:
        if self.deadline_s <= 0 or self.timeout <= 0:
            raise ValueError("a deadline and a timeout must be positive")
        if min(self.max_bytes, self.max_error_bytes, self.max_redirects, self.retries) < 0:
            raise ValueError("byte limits, redirects and retries cannot be negative")
        if self.retry_after_cap < 0:
            raise ValueError("retry_after_cap cannot be negative")

    @classmethod
    def starting_now(
        cls,
        deadline_s: float = DEFAULT_DEADLINE,
        timeout_s: float = DEFAULT_TIMEOUT,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_error_bytes: int = DEFAULT_MAX_ERROR_BYTES,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        retries: int = DEFAULT_RETRIES,
        retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP,
    ) -> Budget:
        """A budget whose deadline is ``deadline_s`` seconds from now."""
        return cls(
            deadline=time.monotonic() + deadline_s,
            deadline_s=deadline_s,
            timeout=timeout_s,
            max_bytes=max_bytes,
            max_error_bytes=max_error_bytes,
            max_redirects=max_redirects,
            retries=retries,
            retry_after_cap=retry_after_cap,
        )

    def remaining(self) -> float:
        """Seconds left before the deadline (negative once it has passed)."""
        return self.deadline - time.monotonic()

    def io_timeout(self, requested: float | None = None) -> tuple[float, bool]:
        """The timeout for one network operation, and whether the deadline is what limits it.

        ``requested`` is a timeout the caller asked for (None: none); the result is never more than
        the per-read timeout or the time left.  Raises nothing: the caller checks ``remaining()``.
        """
        remaining = self.remaining()
        limit = self.timeout if requested is None else min(requested, self.timeout)
        if remaining <= limit:
            return max(MIN_TIMEOUT, remaining), True
        return max(MIN_TIMEOUT, limit), False


def default_budget() -> Budget:
    """The conservative budget a request gets outside any ``budget_scope``."""
    return Budget.starting_now(DEFAULT_DEADLINE, DEFAULT_TIMEOUT)


_CURRENT: ContextVar[Budget | None] = ContextVar("osai_net_budget", default=None)


def current_budget() -> Budget | None:
    """The budget of the innermost ``budget_scope`` in this thread (None outside any)."""
    return _CURRENT.get()


@contextmanager
def budget_scope(budget: Budget) -> Iterator[Budget]:
    """Every request made inside this block, in this thread, is bounded by ``budget``."""
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)


__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ERROR_BYTES",
    "DEFAULT_MAX_REDIRECTS",
    "DEFAULT_RETRIES",
    "DEFAULT_RETRY_AFTER_CAP",
    "DEFAULT_TIMEOUT",
    "Budget",
    "budget_scope",
    "current_budget",
    "default_budget",
]
