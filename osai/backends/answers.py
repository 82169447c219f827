"""Answers of the APIs osai reads for linked resources (GitHub, arXiv), kept on disk; and the
answers one run shares among its targets (those, and the Hub records of datasets and base models).

A repeat check asks again with the answer's ETag (`If-None-Match`: a 304 costs GitHub no rate
limit) or, for an answer without one, reuses it while it is fresh (a day; a refusal never is);
offline, any kept answer is used.
Online, when the server gives no fresh answer (unreachable, 5xx or rate limited after the retries,
out of time), the kept answer for the same request is used, however old, and says so (as HTTP
caches do with stale-if-error, RFC 5861): the evidence is then as of the day it was kept; an
offline answer is dated the same way.
Files are named by a hash of the URL (never of a token), written atomically, and read back with
their types checked: a damaged file (or a symbolic link: osai writes none) is a miss, never
trusted, and the run warns of it once.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from osai.errors import BadInput
from osai.evidence import CachedAnswer
from osai.jsonsafe import NotJson, json_value
from osai.net import NetFailure
from osai.net.budget import DEFAULT_MAX_BYTES
from osai.net.failures import (
    BrokenConnection,
    ConnectFailed,
    DeadlineExceeded,
    HttpStatus,
    RateLimited,
    ReadTimeout,
)
from osai.net.limits import HostLimits
from osai.paths import write_atomically
from osai.redaction import without_credentials
from osai.yamlsafe import read_text_file

T = TypeVar("T")

FRESH_SECONDS = 24 * 3600  # an answer without an ETag is reused for a day
# The largest record `put` writes: the largest body a reader accepts, in base64, with its URL
# and ETag.  A larger file is no answer osai kept: damaged, and never read whole.
MAX_KEPT_BYTES = DEFAULT_MAX_BYTES * 4 // 3 + 64 * 1024
LAST_STORED_AT = 253_402_300_800.0  # 10000-01-01: a kept time beyond it is a damaged file


@dataclass(frozen=True)
class KeptAnswer:
    url: str
    status: int
    body: bytes
    etag: str
    stored_at: float

    @property
    def fresh(self) -> bool:
        """Whether it is reused without asking again.  A refusal (404: no such repository) is
        asked again each run: kept for a day, a repository made public, or created, after a
        check was "not found" for a day, said as if GitHub had just answered so.  One kept
        later than now (by a runner sharing the cache, its clock ahead) is not: it stayed "under a
        day old", reused unasked, until that clock's day had come and gone."""
        return self.status < 400 and 0 <= time.time() - self.stored_at < FRESH_SECONDS

    def instead_of(self, failure: NetFailure) -> CachedAnswer:
        """This answer, standing in for the fresh one `failure` prevented."""
        return CachedAnswer(self._kept_at(), failure.explain())

    def offline(self, cause: str) -> CachedAnswer:
        """This answer, read because the run is offline (`cause`: --offline or HF_HUB_OFFLINE):
        dated as a stale one is (the links followed and each citation say from which day),
        though nothing failed."""
        return CachedAnswer(self._kept_at(), cause)

    def _kept_at(self) -> str:
        kept_at = datetime.fromtimestamp(self.stored_at, UTC).isoformat(timespec="seconds")
        return kept_at.replace("+00:00", "Z")


def gave_no_answer(failure: NetFailure) -> bool:
    """Whether `failure` means the server gave no answer at all (unreachable, broken off, out of
    time, a server error or a rate limit the retries did not outlast), so a kept answer may stand
    in.  An answer that refuses (401, 404), is malformed or too large is an answer: a kept one
    must not hide it."""
    if isinstance(failure, HttpStatus):
        return failure.status >= 500 or failure.status == 408
    return isinstance(
        failure, ConnectFailed | BrokenConnection | ReadTimeout | DeadlineExceeded | RateLimited
    )


@dataclass(frozen=True)
class AnswerCache:
    """Answers under `root` (None: keep nothing); a damaged one is noted in `run`'s warnings."""

    root: Path | None
    run: RunAnswers | None = field(default=None, compare=False)

    def get(self, url: str) -> KeptAnswer | None:
        """The answer kept for `url`; None when none is, or when the file is damaged."""
        path = self._path(url)
        if path is None:
            return None
        try:
            entry = path.lstat()
        except FileNotFoundError:  # none kept (or no cache yet to keep one in)
            return None
        except OSError as exc:  # the cache itself cannot hold one (a file, a forbidden directory)
            self._unusable(exc)
            return None
        if stat.S_ISLNK(entry.st_mode):  # osai writes none: what it leads to is no answer it kept
            self._damaged(path, "a symbolic link, not a file osai wrote")
            return None
        try:
            text = read_text_file(path, max_bytes=MAX_KEPT_BYTES)
        except BadInput as exc:  # too large, not text, not a file, unreadable
            self._damaged(path, str(exc).removeprefix(f"{path}: "))
            return None
        try:
            kept = _kept_answer(json_value(text))
        except NotJson as exc:
            self._damaged(path, f"not JSON: {exc}")
            return None
        except (ValueError, KeyError, TypeError):
            self._damaged(path, "not an answer osai keeps")
            return None
        # a time that is no time (nan, beyond the year 9999) would fail to be shown as a date
        if kept.url != without_credentials(url) or not 0 <= kept.stored_at < LAST_STORED_AT:
            self._damaged(path, "not an answer osai keeps")
            return None
        return kept

    def unreadable(self, url: str, why: str) -> None:
        """The answer kept for `url` is one its reader cannot read: damaged, as a file that is
        not JSON is (the caller takes it as a miss)."""
        path = self._path(url)
        if path is not None:
            self._damaged(path, why)

    def _damaged(self, path: Path, why: str) -> None:
        """A miss, and a warning for the run: the file is asked for again (and replaced), or,
        offline, the evidence is missing, and the user should know why."""
        if self.run is not None:
            self.run.warn(f"{path}: a damaged answer in the cache, not used ({why})")

    def put(self, url: str, status: int, body: bytes, etag: str) -> None:
        path = self._path(url)
        if path is None:
            return
        record = {
            "url": without_credentials(url),
            "status": status,
            "body": base64.b64encode(body).decode("ascii"),
            "etag": etag,
            "stored_at": time.time(),
        }
        written = json.dumps(record).encode("utf-8")
        if len(written) > MAX_KEPT_BYTES:  # `get` would call it damaged: a repeat request instead
            return
        try:
            write_atomically(path, written)
        except OSError as exc:  # a read-only cache costs a repeat request, not a check
            self._unkept(exc)

    def _unkept(self, exc: OSError) -> None:
        """Said once a run: an answer not kept.  Where the cache is a directory, the answers kept
        before are read (a read-only cache filled earlier, one entry that is a directory):
        "--offline finds none" was said of a cache --offline then read 4 of 5 links from."""
        self._cache_warning(exc, some_kept=self.root is not None and self.root.is_dir())

    def _unusable(self, exc: OSError) -> None:
        """Said once a run: with OSAI_CACHE_DIR naming a file, a run asked every link again and
        an --offline one read none, and nothing said why."""
        self._cache_warning(exc, some_kept=False)

    def _cache_warning(self, exc: OSError, *, some_kept: bool) -> None:
        if self.run is None or self.root is None:
            return
        why = exc.strerror or type(exc).__name__
        if some_kept:
            said = (
                f"not every answer of a linked resource could be kept there ({why}): those are "
                "asked for again by the next run"
            )
        else:
            said = (
                f"answers of linked resources cannot be kept there ({why}): each run asks for "
                "them again, and --offline finds none"
            )
        # once a run: a cache whose answers directory is a file failed to read ("Not a
        # directory") and to write ("File exists"), and the one cause was said twice
        self.run.warn(f"{self.root}: {said} (see OSAI_CACHE_DIR)", about=f"cache {self.root}")

    def _path(self, url: str) -> Path | None:
        """Named by a hash of the address without its user:password@ (OSAI_ARXIV_URL's,
        GITHUB_API_URL's), as the record keeps it: the address was kept as given, and a
        mirror's password stood in every answer file under OSAI_CACHE_DIR."""
        if self.root is None:
            return None
        named = without_credentials(url)
        return self.root / f"{hashlib.sha256(named.encode()).hexdigest()}.json"


def _kept_answer(data: object) -> KeptAnswer:
    """A kept answer's record, its types checked (KeyError, TypeError, ValueError otherwise)."""
    if not isinstance(data, dict):
        raise TypeError("not an object")
    return KeptAnswer(
        str(data["url"]),
        int(data["status"]),
        base64.b64decode(str(data["body"]), validate=True),
        str(data["etag"]),
        float(data["stored_at"]),
    )


class RunAnswers:
    """Answers read during one run, shared by all its targets.

    A repository, a paper or a Hub record that several targets link is asked for once per run:
    the kept answer on disk is revalidated once, not once per target, and a request another
    target already has in flight is waited for rather than sent again.  Only answers are shared:
    when the request in flight fails (its target's deadline, say), one of those waiting asks in
    its turn, with its own budget.  The last `kept` answers are held (a census's deep checks
    would otherwise hold every one until the run ends).

    A run reads one Hub and one GitHub with one token each, so a key is the request alone.
    `limits`: the hosts that said "rate limited until T" in this run: no request of the run asks
    them again before T (osai.net.limits).
    """

    def __init__(self, kept: int = 512) -> None:
        self.limits = HostLimits()
        self._lock = threading.Lock()
        self._answers: OrderedDict[str, Future[object]] = OrderedDict()
        self._kept = kept
        self._warnings: dict[str, str] = {}  # what each is about → the words, in the order met

    def warn(self, message: str, about: str = "") -> None:
        """A warning for the run's end (a damaged cache file; GitHub's limit met without a
        token), said once however often met; once for `about` when it is given, however the
        words differ."""
        with self._lock:
            self._warnings.setdefault(about or message, message)

    def warnings(self) -> tuple[str, ...]:
        with self._lock:
            return tuple(self._warnings.values())

    def read(self, key: str, read: Callable[[], T], wait: float) -> T:
        """What `read` answers for `key` in this run; waits at most `wait` seconds (the asker's
        own deadline) for other targets' requests, then asks itself."""
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            with self._lock:
                pending = self._answers.get(key)
                if pending is None:
                    mine: Future[object] = Future()
                    self._answers[key] = mine
                    break
            try:
                return pending.result(timeout=max(deadline - time.monotonic(), 0.0))  # type: ignore[return-value]
            except FutureTimeout:  # its own deadline is spent: its own read says so
                return read()
            except Exception:  # that request failed: ask in its turn, or wait for who does
                continue
        return self._own(key, mine, read)

    def _own(self, key: str, mine: Future[object], read: Callable[[], T]) -> T:
        try:
            value = read()
        except BaseException as exc:
            with self._lock:
                del self._answers[key]
            mine.set_exception(exc)
            raise
        mine.set_result(value)
        with self._lock:
            self._forget_beyond_kept()
        return value

    def _forget_beyond_kept(self) -> None:
        done = [key for key, future in self._answers.items() if future.done()]
        for key in done[: max(len(done) - self._kept, 0)]:
            del self._answers[key]


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """$OSAI_CACHE_DIR, else $XDG_CACHE_HOME/osai, else ~/.cache/osai."""
    env = os.environ if environ is None else environ
    if env.get("OSAI_CACHE_DIR"):
        return Path(env["OSAI_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "osai"
