"""What every loopback server shares: a threaded HTTP server on 127.0.0.1, a request log and
fault injection.

``LoopbackServer`` is the base of ``LoopbackHub`` (tests/loopback_hub.py), ``LoopbackGitHub``
(tests/loopback_github.py) and ``LoopbackArxiv`` (tests/loopback_arxiv.py). A subclass answers
``_route(request)``; this module starts and stops the server, records every request and applies
the faults a test injects before (or instead of) the normal answer:

- ``status``: answer with an error status (the subclass shapes the body, e.g. the Hub's
  ``X-Error-Code``, GitHub's ``{"message": ...}``), optional ``Retry-After`` and extra headers;
- ``delay``: wait, then answer normally;
- ``hang``: never answer, until ``fault.release()`` (then answer normally) or the server stops
  (then drop the connection);
- ``truncate``: declare the full Content-Length, send half the body, close;
- ``trickle``: answer normally, a few bytes at a time;
- ``malformed``: answer 200 with a body that does not parse (JSON or XML, per server);
- ``endless``: answer 200 with a chunked body that keeps coming (whitespace the parsers allow)
  until ``fault.release()`` (then the real body follows) or the server stops: each read is quick,
  the answer never ends.

A fault may be limited to a listing page (``page=N``) when the server numbers its pages (the
Hub's ``GET /api/models``). Only the standard library is used.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, Self
from urllib.parse import parse_qs, urlsplit

from loopback_wire import Handler, Response, Server

__all__ = ["HOST", "Fault", "FaultKind", "LoopbackServer", "RecordedRequest", "Response"]

HOST = "127.0.0.1"
_RELEASE_POLL = 0.02  # seconds between checks of a held fault's release


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str  # as sent (percent-encoding kept), without the query string
    raw_path: str  # as sent, with the query string
    query: dict[str, list[str]]
    headers: dict[str, str]  # names lower-cased; Authorization kept
    at: float  # time.monotonic() on arrival

    @property
    def authorization(self) -> str | None:
        return self.headers.get("authorization")

    @property
    def line(self) -> str:
        return f"{self.method} {self.raw_path}"


FaultKind = Literal["status", "delay", "hang", "truncate", "trickle", "malformed_json", "endless"]
_BODY_FAULTS = frozenset({"truncate", "trickle", "malformed_json", "endless"})


@dataclass
class Fault:
    """A fault applied to requests whose path (without query) matches ``pattern``."""

    pattern: re.Pattern[str]
    kind: FaultKind
    times: int | None = None  # None: every matching request
    methods: frozenset[str] | None = None  # None: any method
    page: int | None = None  # None: any request; N: only page N of a paged listing
    status: int = 503
    retry_after: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # added to a status fault's answer
    seconds: float = 0.0
    chunk: int = 1  # trickle: bytes per send (``seconds`` is the pause between sends)
    hits: int = 0
    released: threading.Event = field(default_factory=threading.Event)

    def applies(self, method: str, path: str, page: int | None) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.methods is not None and method not in self.methods:
            return False
        if self.kind in _BODY_FAULTS and method == "HEAD":
            return False  # no body to spoil
        if self.page is not None and page != self.page:
            return False
        return self.pattern.search(path) is not None

    def release(self) -> None:
        """Let held requests (``hang``, ``endless``) finish with their normal answer."""
        self.released.set()


class LoopbackServer:
    """A real HTTP server on 127.0.0.1 (ephemeral port), with a request log and fault injection.

    Subclasses implement ``_route``; they may shape fault answers (``_fault_response``,
    ``_malformed_response``) and number listing pages (``_fault_page``).
    """

    kind = "LoopbackServer"

    def __init__(self, *, port: int = 0, latency: float = 0.0) -> None:
        self.latency = latency
        self._port = port
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._faults: list[Fault] = []
        self._requests: list[RecordedRequest] = []
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError(f"{self.kind} already started")
        self._stopping.clear()
        self._server = Server((HOST, self._port), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"{self.kind}:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # wakes hanging, delayed and endless handlers
        server.shutdown()
        server.close_connections()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError(f"{self.kind} is not running")
        return int(self._server.server_address[1])

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.port}"

    # ------------------------------------------------------------------ request log

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the requests received so far, in arrival order."""
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def find_requests(self, path_regex: str, method: str | None = None) -> list[RecordedRequest]:
        pattern = re.compile(path_regex)
        return [
            r
            for r in self.requests
            if pattern.search(r.path) and (method is None or r.method == method)
        ]

    # ------------------------------------------------------------------ fault injection

    def inject_status(
        self,
        pattern: str,
        status: int,
        *,
        times: int | None = None,
        retry_after: float | str | None = None,
        error_code: str | None = None,
        error_message: str | None = None,
        methods: Iterable[str] | None = None,
        page: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Fault:
        """Answer matching requests with ``status`` (an error body in the server's format,
        optional Retry-After and extra ``headers``)."""
        return self._add_fault(
            pattern,
            "status",
            times,
            methods,
            page,
            status=status,
            retry_after=None if retry_after is None else str(retry_after),
            error_code=error_code,
            error_message=error_message,
            headers=dict(headers or {}),
        )

    def inject_delay(
        self, pattern: str, seconds: float, *, times: int | None = None,
        methods: Iterable[str] | None = None, page: int | None = None,
    ) -> Fault:  # fmt: skip
        """Wait ``seconds`` before answering matching requests normally."""
        return self._add_fault(pattern, "delay", times, methods, page, seconds=seconds)

    def inject_hang(
        self, pattern: str, *, times: int | None = None, methods: Iterable[str] | None = None,
        page: int | None = None,
    ) -> Fault:  # fmt: skip
        """Never answer matching requests: until ``fault.release()`` (then answer normally) or
        until the server stops (then drop the connection)."""
        return self._add_fault(pattern, "hang", times, methods, page)

    def inject_truncated_body(
        self, pattern: str, *, times: int | None = None, methods: Iterable[str] | None = None,
        page: int | None = None,
    ) -> Fault:  # fmt: skip
        """Declare the full Content-Length, send half the body, close (HEAD is not affected)."""
        return self._add_fault(pattern, "truncate", times, methods, page)

    def inject_trickle(
        self, pattern: str, *, pause: float = 0.2, chunk: int = 1, times: int | None = None,
        methods: Iterable[str] | None = None, page: int | None = None,
    ) -> Fault:  # fmt: skip
        """Answer matching requests normally, but ``chunk`` bytes at a time with ``pause``
        seconds between sends (HEAD is not affected): no single read times out."""
        return self._add_fault(pattern, "trickle", times, methods, page, seconds=pause, chunk=chunk)

    def inject_malformed_json(
        self, pattern: str, *, times: int | None = None, methods: Iterable[str] | None = None,
        page: int | None = None,
    ) -> Fault:  # fmt: skip
        """Answer 200 with a body that does not parse (HEAD is not affected)."""
        return self._add_fault(pattern, "malformed_json", times, methods, page)

    inject_malformed = inject_malformed_json  # the XML servers' name for the same fault

    def inject_endless(
        self, pattern: str, *, pause: float = 0.05, times: int | None = None,
        methods: Iterable[str] | None = None, page: int | None = None,
    ) -> Fault:  # fmt: skip
        """Answer 200 with a chunked body that never ends: whitespace every ``pause`` seconds
        until ``fault.release()`` (then the normal body completes it) or the server stops."""
        return self._add_fault(pattern, "endless", times, methods, page, seconds=pause)

    def clear_faults(self) -> None:
        with self._lock:
            faults, self._faults = self._faults, []
        for fault in faults:
            fault.release()  # held requests finish instead of waiting for the server to stop

    def _add_fault(
        self,
        pattern: str,
        kind: FaultKind,
        times: int | None,
        methods: Iterable[str] | None,
        page: int | None,
        **params: Any,
    ) -> Fault:
        fault = Fault(
            pattern=re.compile(pattern),
            kind=kind,
            times=times,
            methods=None if methods is None else frozenset(m.upper() for m in methods),
            page=page,
            **params,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def _take_fault(self, method: str, path: str, page: int | None) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.applies(method, path, page):
                    fault.hits += 1
                    return fault
        return None

    # ------------------------------------------------------------------ request handling

    def _record(self, handler: Handler) -> RecordedRequest:
        split = urlsplit(handler.path)
        request = RecordedRequest(
            method=handler.command,
            path=split.path,
            raw_path=handler.path,
            query=parse_qs(split.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in handler.headers.items()},
            at=time.monotonic(),
        )
        with self._lock:
            self._requests.append(request)
        return request

    def _wait(self, seconds: float) -> bool:
        """Sleep ``seconds``; False if the server began stopping meanwhile."""
        return seconds <= 0 or not self._stopping.wait(seconds)

    def _wait_release(self, fault: Fault) -> bool:
        """Hold until ``fault`` is released (True) or the server stops (False)."""
        while not fault.released.is_set():
            if self._stopping.wait(_RELEASE_POLL):
                return False
        return True

    def _handle(self, handler: Handler) -> None:
        request = self._record(handler)
        if not self._wait(self.latency):
            return handler.abort()
        fault = self._take_fault(request.method, request.path, self._fault_page(request))
        kind = fault.kind if fault is not None else None
        if fault is not None and kind == "hang" and not self._wait_release(fault):
            return handler.abort()
        if fault is not None and kind == "delay" and not self._wait(fault.seconds):
            return handler.abort()
        if fault is not None and kind == "status":
            return handler.send(self._fault_response(fault))
        if kind == "malformed_json":
            return handler.send(self._malformed_response())
        response = self._route(request)
        if fault is not None and kind == "endless":
            return handler.send_endless(response, fault.released, fault.seconds, self._stopping)
        if fault is not None and kind == "trickle":
            return handler.send_trickled(response, fault.chunk, fault.seconds, self._stopping)
        if kind == "truncate":
            response.body, full = response.body[: len(response.body) // 2], len(response.body)
            handler.send(response, declared_length=full)
            return handler.abort()
        handler.send(response)

    # ------------------------------------------------------------------ subclass hooks

    def _route(self, request: RecordedRequest) -> Response:
        raise NotImplementedError

    def _fault_page(self, request: RecordedRequest) -> int | None:
        """The listing page ``request`` asks for (1 = first), or None if it is not paged."""
        return None

    def _fault_response(self, fault: Fault) -> Response:
        message = fault.error_message or f"Injected fault: HTTP {fault.status}"
        body = json.dumps({"error": message}).encode()
        response = Response(fault.status, {"Content-Type": "application/json"}, body)
        return self._with_fault_headers(response, fault)

    def _malformed_response(self) -> Response:
        return Response(200, {"Content-Type": "application/json"}, b'{"id": ')

    @staticmethod
    def _with_fault_headers(response: Response, fault: Fault) -> Response:
        if fault.retry_after is not None:
            response.headers["Retry-After"] = fault.retry_after
        response.headers.update(fault.headers)
        return response
