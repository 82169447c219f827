"""huggingface_hub's own log lines, printed the way osai prints a warning.

huggingface_hub logs to standard error through its own handler: a server's ``X-HF-Warning`` header
(any text the server likes), its retry notices.  Left alone, such a line reaches the terminal and
the Actions log without osai's prefix, and verbatim: a header ending in a newline and
``::error::...`` becomes a workflow command.  Once ``format_library_logs`` has run, each record is
one line, ``osai: warning: huggingface_hub: ...``, with every character that is not printable
written as its escape (``\\n``, ``\\x1b``) and at most MAX_LINE_CHARS of it kept.
"""

from __future__ import annotations

import logging

LIBRARY_LOGGER = "huggingface_hub"
PREFIX = "osai: warning: huggingface_hub: "
MAX_LINE_CHARS = 1000


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
        return PREFIX + one_line(record.getMessage())


def format_library_logs() -> None:
    """Give every handler of huggingface_hub's root logger the one-line format (idempotent;
    call it after huggingface_hub is imported, which is when it adds its handler)."""
    for handler in logging.getLogger(LIBRARY_LOGGER).handlers:
        if not isinstance(handler.formatter, OneLineFormatter):
            handler.setFormatter(OneLineFormatter())


__all__ = ["OneLineFormatter", "format_library_logs", "one_line"]
