"""The archive download `osai db update` makes: one bounded GET through osai.net.

The deadline covers the whole answer (retries and redirects included: codeload answers GitHub's
archive URL with the archive itself, github.com's with a redirect to codeload), and the body is
capped at the largest archive osai.assessments.archive reads, so a server that sends more is
refused before the archive is looked at.  A failure is EvidenceUnavailable (exit 3) with a plain
reason; the caller keeps the snapshot that answered before.
"""

from __future__ import annotations

from osai.assessments.archive import MAX_ARCHIVE_BYTES
from osai.assessments.update import Download
from osai.errors import EvidenceUnavailable
from osai.net import Budget, NetFailure

ARCHIVE_DEADLINE = 120.0  # seconds for one archive, every retry included
ARCHIVE_TIMEOUT = 30.0  # seconds per connect or read


def bounded_download(
    deadline_s: float = ARCHIVE_DEADLINE, timeout_s: float = ARCHIVE_TIMEOUT
) -> Download:
    """A Download (url → bytes) bounded in time and size by osai.net."""

    def download(url: str) -> bytes:
        from osai.net.fetch import fetch

        budget = Budget.starting_now(deadline_s, timeout_s, max_bytes=MAX_ARCHIVE_BYTES)
        try:
            return fetch(url, budget=budget, headers={"Accept": "application/x-gzip"}).body
        except NetFailure as failure:
            raise EvidenceUnavailable(failure.explain()) from None

    return download
