"""huggingface_hub's own log lines, printed the way osai prints a warning.

huggingface_hub logs to standard error through its own handler: a server's ``X-HF-Warning`` header
(any text the server likes), its retry notices.  Left alone, such a line reaches the terminal and
the Actions log without osai's prefix, and verbatim: a header ending in a newline and
``::error::...`` becomes a workflow command.  Once ``format_library_logs`` has run, each record is
one line, ``osai: warning: huggingface_hub: ...``, with every character that is not printable
written as its escape (``\\n``, ``\\x1b``) and at most MAX_LINE_CHARS of it kept.

Within ``quiet_retry_notices`` the notices of huggingface_hub's retry loop are not printed at all:
for a caller that says in its own line why it gave up (the census's listing), five warnings of a
5xx storm, each naming the URL, are noise before it.  The quiet holds for the calling thread only
(logging runs in the thread that logs, and the retry loop runs in the caller's): the filter is
installed once and never removed, so one thread leaving its quiet scope cannot end another's, and
a thread outside any scope keeps its notices.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from osai.net.failures import redact

LIBRARY_LOGGER = "huggingface_hub"
PREFIX = "osai: warning: huggingface_hub: "
MAX_LINE_CHARS = 1000
HTTP_LOGGER = "huggingface_hub.utils._http"  # where its retry loop logs each retry
CARD_DATA_LOGGER = "huggingface_hub.repocard_data"  # where ModelInfo's card parsing logs
# What huggingface_hub logs when a card's model-index is not the shape it expects.  osai reads the
# card's model-index itself (osai.card.front_matter.model_index: it counts the results it can read
# and says so when the field is not a list), so the library's line, which names no model, is noise.
CARD_DATA_NOTICE = re.compile(r"^Invalid model-index\.")
# huggingface_hub's retry notices: what its retry loop (http_backoff, the generator behind it and
# its streaming twin, the check of each answer within) logs, told by the function that logs it
# and, should those be renamed, by the words of each notice.  The server's own X-HF-Warning is
# logged elsewhere on the same logger, and still printed.
RETRY_FUNCTIONS = frozenset({"http_backoff", "_http_backoff_base", "_should_retry"})
RETRY_NOTICE = re.compile(r"thrown while requesting |^Retrying in |^Rate limited\. Waiting ")


def one_line(text: str) -> str:
    """``text`` on one line: non-printable characters escaped, cut to MAX_LINE_CHARS.

    Unlike osai.textsafe.one_line (a control becomes a blank), each is shown as its escape: a
    library's diagnostic line is read to find out what the server sent."""
    shown = "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text[: MAX_LINE_CHARS + 1]
    )
    return shown if len(shown) <= MAX_LINE_CHARS else shown[:MAX_LINE_CHARS] + "..."


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return PREFIX + one_line(redact(record.getMessage(), _hidden.secrets()))


class _Hidden:
    """The secrets of the checks this process has started (a token, an endpoint's password):
    a server's X-HF-Warning may repeat the Authorization header it was sent."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._secrets: frozenset[str] = frozenset()

    def add(self, secrets: Iterable[str]) -> None:
        with self._lock:
            self._secrets = self._secrets | {secret for secret in secrets if secret}

    def secrets(self) -> frozenset[str]:
        return self._secrets


_hidden = _Hidden()


def hide(secrets: Iterable[str]) -> None:
    """Never print `secrets` in huggingface_hub's log lines (for the rest of the process)."""
    _hidden.add(secrets)


def format_library_logs() -> None:
    """Give every handler of huggingface_hub's root logger the one-line format, and drop its
    card-data notices (idempotent; call it after huggingface_hub is imported, which is when it
    adds its handler)."""
    for handler in logging.getLogger(LIBRARY_LOGGER).handlers:
        if not isinstance(handler.formatter, OneLineFormatter):
            handler.setFormatter(OneLineFormatter())
    logging.getLogger(CARD_DATA_LOGGER).addFilter(_not_a_card_data_notice)


def _not_a_card_data_notice(record: logging.LogRecord) -> bool:
    return not CARD_DATA_NOTICE.search(record.getMessage())


class _QuietDepth(threading.local):
    depth = 0  # how many quiet_retry_notices scopes this thread is inside


_quiet = _QuietDepth()


def is_retry_notice(record: logging.LogRecord) -> bool:
    return record.funcName in RETRY_FUNCTIONS or bool(RETRY_NOTICE.search(record.getMessage()))


def _kept(record: logging.LogRecord) -> bool:
    return _quiet.depth == 0 or not is_retry_notice(record)


@contextmanager
def quiet_retry_notices() -> Iterator[None]:
    """huggingface_hub's retry notices logged by this thread dropped while inside (its other lines,
    and other threads' notices, are kept)."""
    logging.getLogger(HTTP_LOGGER).addFilter(_kept)  # a no-op once installed
    _quiet.depth += 1
    try:
        yield
    finally:
        _quiet.depth -= 1


__all__ = [
    "OneLineFormatter",
    "format_library_logs",
    "hide",
    "is_retry_notice",
    "one_line",
    "quiet_retry_notices",
]
