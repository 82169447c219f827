"""A raw-socket HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, for osai.net's tests.

No http.server: every byte is written by hand, so a reply can trickle its headers or body a few
bytes at a time, announce a wrong Content-Length, stop mid-headers or mid-body with a TCP reset,
use chunked encoding, stream a 300 MB (or never-ending) body from a generator without holding it
in memory, or redirect (relative, absolute, to another server, to ``file://``).  Each path is given
one reply, or a sequence of replies that are used in turn (the last one repeats).  Every request is
logged (method, target, lower-case headers) so a test can assert what a client sent where.

    with FaultServer() as server:
        server.route("/slow", Reply(trickle_head=0.5))
        ... server.url + "/slow" ...

Every connection is answered once and closed (``Connection: close``).  ``stop()`` (or leaving the
``with``) shuts every connection, joins every thread, and raises if one would not stop.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Literal

Body = bytes | Callable[[], Iterable[bytes]]
MAX_REQUEST_HEAD = 64 * 1024
JOIN_TIMEOUT = 5.0


@dataclass(frozen=True)
class Reply:
    """One answer, and how to misbehave while giving it."""

    status: int = 200
    headers: Mapping[str, str] | Sequence[tuple[str, str]] = ()
    body: Body = b""
    content_length: int | Literal["auto"] | None = "auto"  # auto: len(body) for bytes, else none
    chunked: bool = False
    delay: float = 0.0  # seconds before the first byte of the answer
    trickle_head: float = 0.0  # seconds between pieces of the status line and headers
    trickle_body: float = 0.0  # seconds between pieces of the body
    trickle_bytes: int = 1  # bytes per piece when trickling
    reset_in_head: int | None = None  # send this many bytes of the head, then reset (RST)
    reset_in_body: int | None = None  # send this many bytes of the body, then reset (RST)


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status, {"Location": location})


def huge(total: int, piece: int = 64 * 1024) -> Callable[[], Iterator[bytes]]:
    """A body of ``total`` bytes, made as it is sent."""

    def chunks() -> Iterator[bytes]:
        block = b"x" * piece
        sent = 0
        while sent < total:
            part = block[: min(piece, total - sent)]
            sent += len(part)
            yield part

    return chunks


def endless(piece: bytes = b"x" * 1024) -> Callable[[], Iterator[bytes]]:
    """A body that never ends."""

    def chunks() -> Iterator[bytes]:
        while True:
            yield piece

    return chunks


@dataclass(frozen=True)
class Received:
    """One request as the server read it."""

    method: str
    target: str
    headers: Mapping[str, str]

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]


class _Stopped(Exception):
    """The server is stopping: abandon this answer."""


@dataclass
class _Route:
    replies: tuple[Reply, ...]
    hits: int = 0

    def next_reply(self) -> Reply:
        reply = self.replies[min(self.hits, len(self.replies) - 1)]
        self.hits += 1
        return reply


@dataclass
class FaultServer:
    """The server (a context manager).  ``url``: ``http://127.0.0.1:<port>``."""

    _routes: dict[str, _Route] = field(default_factory=dict)
    _log: list[Received] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _connections: set[socket.socket] = field(default_factory=set)
    _threads: list[threading.Thread] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._acceptor = threading.Thread(target=self._accept_loop, name="faultserver-accept")

    # --- configuration ---------------------------------------------------------------------

    def route(self, path: str, *replies: Reply) -> str:
        """Answer ``path`` with ``replies`` in turn (the last repeats).  Returns the full URL."""
        if not replies:
            raise ValueError("a route needs at least one reply")
        with self._lock:
            self._routes[path] = _Route(tuple(replies))
        return self.url + path

    def redirect_chain(
        self,
        prefix: str,
        hops: int,
        final: str,
        *,
        absolute: bool = False,
        status: int = 302,
        delay: float = 0.0,
    ) -> str:
        """``prefix/0`` → ``prefix/1`` → ... → ``final`` (a path here, or any absolute URL):
        ``hops`` redirects.  Returns the URL of the first."""
        for hop in range(hops):
            nxt = f"{prefix}/{hop + 1}" if hop + 1 < hops else final
            if absolute and nxt.startswith("/"):
                nxt = self.url + nxt
            self.route(f"{prefix}/{hop}", Reply(status, {"Location": nxt}, delay=delay))
        return f"{self.url}{prefix}/0"

    @property
    def requests(self) -> tuple[Received, ...]:
        with self._lock:
            return tuple(self._log)

    def hits(self, path: str) -> int:
        return sum(1 for received in self.requests if received.path == path)

    # --- life cycle ------------------------------------------------------------------------

    def __enter__(self) -> FaultServer:
        self._acceptor.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopping.set()
        if self._acceptor.is_alive():
            self._acceptor.join(JOIN_TIMEOUT)
        self._listener.close()
        with self._lock:
            for connection in self._connections:
                _shutdown(connection)
            threads = list(self._threads)
        for thread in threads:
            thread.join(JOIN_TIMEOUT)
        alive = [thread.name for thread in [self._acceptor, *threads] if thread.is_alive()]
        if alive:
            raise RuntimeError(f"fault server threads did not stop: {alive}")

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            worker = threading.Thread(
                target=self._serve, args=(connection,), name=f"faultserver-{self.port}"
            )
            with self._lock:
                self._connections.add(connection)
                self._threads.append(worker)
            worker.start()

    # --- one connection --------------------------------------------------------------------

    def _serve(self, connection: socket.socket) -> None:
        connection.settimeout(JOIN_TIMEOUT)
        try:
            received = _read_request(connection)
            if received is None:
                return
            with self._lock:
                self._log.append(received)
                route = self._routes.get(received.path)
                reply = route.next_reply() if route else Reply(404, body=b"no such route")
            self._answer(connection, reply)
        except (OSError, _Stopped):
            pass  # the client went away, or the server is stopping
        finally:
            with self._lock:
                self._connections.discard(connection)
            _close(connection)

    def _answer(self, connection: socket.socket, reply: Reply) -> None:
        if reply.delay and self._stopping.wait(reply.delay):
            raise _Stopped
        head = _head(reply)
        if reply.reset_in_head is not None:
            self._send(connection, head[: reply.reset_in_head], reply.trickle_head, reply)
            _reset(connection)
            return
        self._send(connection, head, reply.trickle_head, reply)
        sent = 0
        for chunk in _framed(reply):
            if reply.reset_in_body is not None and sent + len(chunk) >= reply.reset_in_body:
                self._send(
                    connection, chunk[: reply.reset_in_body - sent], reply.trickle_body, reply
                )
                _reset(connection)
                return
            self._send(connection, chunk, reply.trickle_body, reply)
            sent += len(chunk)

    def _send(self, connection: socket.socket, data: bytes, interval: float, reply: Reply) -> None:
        if self._stopping.is_set():
            raise _Stopped
        if not interval:
            connection.sendall(data)
            return
        step = max(1, reply.trickle_bytes)
        for start in range(0, len(data), step):
            connection.sendall(data[start : start + step])
            if self._stopping.wait(interval):
                raise _Stopped


def _head(reply: Reply) -> bytes:
    pairs = list(reply.headers.items() if isinstance(reply.headers, Mapping) else reply.headers)
    names = {name.lower() for name, _ in pairs}
    length = reply.content_length
    if length == "auto":
        length = len(reply.body) if isinstance(reply.body, bytes) and not reply.chunked else None
    if length is not None and "content-length" not in names:
        pairs.append(("Content-Length", str(length)))
    if reply.chunked and "transfer-encoding" not in names:
        pairs.append(("Transfer-Encoding", "chunked"))
    if "connection" not in names:
        pairs.append(("Connection", "close"))
    try:
        reason = HTTPStatus(reply.status).phrase
    except ValueError:
        reason = "Whatever"
    lines = [f"HTTP/1.1 {reply.status} {reason}", *(f"{n}: {v}" for n, v in pairs), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def _framed(reply: Reply) -> Iterator[bytes]:
    """The body as it goes on the wire (chunk-framed when chunked)."""
    chunks: Iterable[bytes] = [reply.body] if isinstance(reply.body, bytes) else reply.body()
    for chunk in chunks:
        if not chunk:
            continue
        yield b"%x\r\n%s\r\n" % (len(chunk), chunk) if reply.chunked else chunk
    if reply.chunked:
        yield b"0\r\n\r\n"


def _read_request(connection: socket.socket) -> Received | None:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = connection.recv(4096)
        if not piece:
            return None
        data += piece
        if len(data) > MAX_REQUEST_HEAD:
            return None
    head = data.partition(b"\r\n\r\n")[0].decode("latin-1")
    request_line, *header_lines = head.split("\r\n")
    method, target, _version = request_line.split(" ", 2)
    headers: dict[str, str] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Received(method, target, headers)


def _reset(connection: socket.socket) -> None:
    """Close with a TCP reset rather than an orderly FIN."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    _close(connection)


def _shutdown(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)


def _close(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):
        connection.close()
