"""The wire side of the loopback servers: a threaded HTTP/1.1 server on 127.0.0.1 and a request
handler that can answer normally, truncate, trickle, stream without end, or drop the connection.
tests/loopback_http.py builds the servers on it."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol


@dataclass
class Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class App(Protocol):
    """What the server calls for each request (a LoopbackServer)."""

    def _handle(self, handler: Handler) -> None: ...


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], app: App) -> None:
        self.app = app
        self.connections: set[socket.socket] = set()
        self._conn_lock = threading.Lock()
        super().__init__(address, Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conn_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up (a timeout, a retry, the end of a test) is not a server error."""
        if isinstance(sys.exc_info()[1], ConnectionResetError | BrokenPipeError):
            return
        super().handle_error(request, client_address)

    def close_connections(self) -> None:
        with self._conn_lock:
            connections = list(self.connections)
        for conn in connections:
            with contextlib.suppress(OSError):  # already closed by the peer
                conn.shutdown(socket.SHUT_RDWR)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two sends; with Nagle's algorithm on, the body would wait for the
    # client's delayed ACK (~40 ms on Linux), a delay the real services do not add.
    disable_nagle_algorithm = True
    server: Server

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log."""

    def _serve(self) -> None:
        try:
            self._discard_request_body()
            self.server.app._handle(self)
        except OSError:  # the client went away (timeout, reset) or the server is stopping
            self.close_connection = True

    def _discard_request_body(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > 0:
            self.rfile.read(length)

    def _start(self, response: Response, length: int | None) -> None:
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if length is None:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def send(self, response: Response, *, declared_length: int | None = None) -> None:
        """Write ``response``; ``declared_length`` overrides Content-Length (truncation)."""
        self._start(response, len(response.body) if declared_length is None else declared_length)
        if self.command != "HEAD":
            self.wfile.write(response.body)
        self.wfile.flush()

    def abort(self) -> None:
        """Drop the connection without (finishing) an answer."""
        self.close_connection = True

    def send_trickled(
        self, response: Response, chunk: int, pause: float, stopping: threading.Event
    ) -> None:
        """Write ``response`` ``chunk`` bytes at a time, pausing ``pause`` seconds between sends:
        each read is quick, the whole answer slow.  Stops (dropping the connection) when the
        server stops."""
        self._start(response, len(response.body))
        self.wfile.flush()
        step = max(1, chunk)
        for start in range(0, len(response.body), step):
            self.wfile.write(response.body[start : start + step])
            self.wfile.flush()
            if stopping.wait(pause):
                return self.abort()

    def send_endless(
        self, response: Response, released: threading.Event, pause: float,
        stopping: threading.Event,
    ) -> None:  # fmt: skip
        """A chunked answer padded with whitespace every ``pause`` seconds until ``released``
        (then the real body ends it) or the server stops (then the connection drops).

        JSON allows leading whitespace; XML allows it after the declaration, which goes first."""
        head, tail = _split_declaration(response.body)
        self._start(response, None)
        self._chunk(head)
        while not released.is_set():
            if stopping.wait(max(pause, 0.001)):
                return self.abort()
            self._chunk(b" ")
        self._chunk(tail)
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _chunk(self, data: bytes) -> None:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()


def _split_declaration(body: bytes) -> tuple[bytes, bytes]:
    if body.startswith(b"<?xml") and (end := body.find(b"?>")) != -1:
        return body[: end + 2], body[end + 2 :]
    return b"", body
