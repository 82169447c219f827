"""A response body read within a budget: the deadline checked at every chunk, the size capped.

A success body (status < 300) larger than ``budget.max_bytes`` fails with ``TooLarge``; any other
body (a redirect's, an error's) is cut at ``budget.max_error_bytes``, so the status can still be
mapped to a message while a 300 MB error page costs 64 KiB.  The caps apply to the bytes the
caller receives: gzip and deflate are decoded here, output-bounded, because a few KiB of gzip can
inflate to gigabytes and httpx2 would decode them whole (the transport asks for nothing else).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import httpx2

from osai.net.budget import Budget, budget_scope
from osai.net.failures import DeadlineExceeded, Malformed, NetFailure, TooLarge

DECODED_ENCODINGS = ("gzip", "deflate")  # what the transport asks for, and decodes itself
RAW_SLACK = 64 * 1024  # compressed bytes may exceed the decoded size by headers and framing


class _Inflater:
    """gzip or deflate, decoded at most ``room + 1`` bytes at a time (so an excess shows)."""

    def __init__(self, encoding: str) -> None:
        self._raw_deflate_tried = encoding != "deflate"
        wbits = 16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._inflater = zlib.decompressobj(wbits)
        self._started = False

    def decode(self, data: bytes, room: int) -> bytes:
        try:
            out = self._inflater.decompress(data, room + 1)
        except zlib.error:
            # "deflate" is sent both zlib-wrapped (the standard) and raw (old servers).
            if self._started or self._raw_deflate_tried:
                raise Malformed("the compressed body is corrupt") from None
            self._raw_deflate_tried = True
            self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.decode(data, room)
        self._started = True
        return out

    def finish(self, room: int) -> bytes:
        try:
            return self._inflater.flush()[: room + 1]
        except zlib.error:
            raise Malformed("the compressed body is corrupt") from None


def inflater_for(content_encoding: str) -> _Inflater | None:
    """The decoder for a ``Content-Encoding`` (None: identity); Malformed for one not asked."""
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _Inflater(encoding)
    raise Malformed(f"the body is encoded as '{encoding}', which osai did not ask for")


class BoundedBody(httpx2.SyncByteStream):
    """The raw stream of one response, read under ``budget``, decoded and capped."""

    def __init__(
        self,
        raw: httpx2.SyncByteStream,
        budget: Budget,
        url: str,
        *,
        status: int,
        inflater: _Inflater | None,
    ) -> None:
        self._raw = raw
        self._budget = budget
        self._url = url
        self._truncate = status >= 300
        self._limit = budget.max_error_bytes if self._truncate else budget.max_bytes
        self._inflater = inflater

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._bounded_chunks()
        except NetFailure as failure:
            raise failure.at(self._url) from None

    def _bounded_chunks(self) -> Iterator[bytes]:
        chunks = iter(self._raw)
        produced = raw_total = 0
        while (chunk := self._next(chunks)) is not None:
            raw_total += len(chunk)
            room = self._limit - produced
            data = chunk if self._inflater is None else self._inflater.decode(chunk, room)
            if len(data) > room or raw_total > self._limit + RAW_SLACK:
                self._over_limit()
                yield data[:room]
                return
            produced += len(data)
            if data:
                yield data
        tail = b"" if self._inflater is None else self._inflater.finish(self._limit - produced)
        if len(tail) > self._limit - produced:
            self._over_limit()
            tail = tail[: self._limit - produced]
        if tail:
            yield tail

    def _next(self, chunks: Iterator[bytes]) -> bytes | None:
        """The next raw chunk, read under this response's budget (the network backend reads it)."""
        if self._budget.remaining() <= 0:
            raise DeadlineExceeded(self._budget.deadline_s, self._url)
        with budget_scope(self._budget):
            return next(chunks, None)

    def _over_limit(self) -> None:
        """Past the cap: a success body fails, any other body is cut here."""
        if not self._truncate:
            raise TooLarge(self._limit, self._url)

    def close(self) -> None:
        self._raw.close()


def bounded_response(response: httpx2.Response, budget: Budget, url: str) -> httpx2.Response:
    """``response`` with its body read through ``BoundedBody`` (decoded here when compressed)."""
    raw = response.stream
    if not isinstance(raw, httpx2.SyncByteStream):  # pragma: no cover - sync transport only
        raise TypeError("a synchronous response stream was expected")
    try:
        inflater = inflater_for(response.headers.get("content-encoding", ""))
    except Malformed as failure:
        response.close()
        raise failure.at(url) from None
    headers = httpx2.Headers(response.headers)
    if inflater is not None:  # the caller gets decoded bytes: httpx2 must not decode them again
        del headers["content-encoding"]
        headers.pop("content-length", None)
    stream = BoundedBody(raw, budget, url, status=response.status_code, inflater=inflater)
    return httpx2.Response(
        status_code=response.status_code,
        headers=headers,
        stream=stream,
        extensions=response.extensions,
    )


__all__ = ["DECODED_ENCODINGS", "BoundedBody", "bounded_response", "inflater_for"]
