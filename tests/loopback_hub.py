"""A loopback Hugging Face Hub for tests: a real HTTP server on 127.0.0.1.

It speaks the subset of the Hub protocol that ``huggingface_hub`` 2.x uses to read a model repo:

- ``GET /api/models/{repo_id}`` and ``GET /api/models/{repo_id}/revision/{revision}``
  (``HfApi.model_info``; honours ``expand=`` and ``blobs=``),
- ``GET /api/models/{repo_id}/refs`` (``HfApi.list_repo_refs``),
- ``HEAD`` and ``GET /{repo_id}/resolve/{revision}/{filename}`` (``hf_hub_download``),
- ``GET /api/agent-harnesses`` (the client's telemetry side request; empty registry).

Errors carry ``X-Error-Code`` as the real Hub does, so the client raises its own exception
classes. Faults (status codes, delays, hangs, truncated, trickled and malformed bodies) can be
injected per path pattern. Every request is recorded, including unknown routes, which answer a
404 without ``X-Error-Code``.

Repos come from ``tests/fixtures/hub/models/*.json`` (see ``PROVENANCE.md`` there). Run this file
to serve them in the foreground: ``python tests/loopback_hub.py [--port N] [--latency S]``.

Only the standard library (plus PyYAML, for the README front matter) is used.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import json
import re
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Literal
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

DEFAULT_FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures" / "hub" / "models"
HOST = "127.0.0.1"

# The values of `ExpandModelProperty_T` in huggingface_hub 2.4.0 (hf_api.py).
EXPAND_PROPERTIES = frozenset(
    {
        "author", "baseModels", "cardData", "childrenModelCount", "config", "createdAt",
        "disabled", "downloads", "downloadsAllTime", "evalResults", "gated", "gguf", "inference",
        "inferenceProviderMapping", "lastModified", "library_name", "likes", "mask_token",
        "model-index", "pipeline_tag", "private", "resourceGroup", "safetensors", "sha",
        "siblings", "spaces", "tags", "transformersInfo", "trendingScore", "usedStorage",
        "widgetData",
    }
)  # fmt: skip
# Keys of a fixture that belong to the Hub API body; everything else is provenance.
API_KEYS = EXPAND_PROPERTIES | {"_id", "id", "modelId", "securityRepoStatus"}
# Keys the Hub returns without `expand` (the Sept. 2025 capture of google-t5/t5-base).
DEFAULT_FIELDS = frozenset(
    {
        "_id", "id", "modelId", "author", "sha", "lastModified", "createdAt", "private", "gated",
        "disabled", "library_name", "pipeline_tag", "tags", "downloads", "likes", "inference",
        "widgetData", "model-index", "config", "cardData", "transformersInfo", "safetensors",
        "usedStorage", "siblings", "spaces",
    }
)  # fmt: skip
GATED_MODES = ("manual", "auto")
README = "README.md"
EMPTY_HARNESS_REGISTRY: dict[str, Any] = {"standardEnvVars": [], "harnesses": {}}

_REPO = r"(?P<repo>[^/]+(?:/[^/]+)?)"
_API_REFS = re.compile(rf"^/api/models/{_REPO}/refs$")
_API_REVISION = re.compile(rf"^/api/models/{_REPO}/revision/(?P<rev>[^/]+)$")
_API_MODEL = re.compile(rf"^/api/models/{_REPO}$")
_RESOLVE = re.compile(rf"^/{_REPO}/resolve/(?P<rev>[^/]+)/(?P<file>.+)$")
_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


# --------------------------------------------------------------------------- helpers


def derived_sha(repo_id: str, branch: str = "main") -> str:
    """The placeholder commit served for a branch whose real commit is not known."""
    return hashlib.sha1(f"loopback:{repo_id}@{branch}".encode()).hexdigest()


def git_blob_sha(content: bytes) -> str:
    """The git blob id of ``content``: what the Hub sends as a (non-LFS) file's ETag."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def _md_url(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _table_separator(header_line: str) -> str:
    cells = header_line.strip()
    cells = cells[1:] if cells.startswith("|") else cells
    cells = cells[:-1] if cells.endswith("|") else cells
    return "|" + "|".join(" --- " for _ in cells.split("|")) + "|"


def _outline_block(item: Mapping[str, Any]) -> str | None:
    kind = item.get("kind")
    text = str(item.get("text") or "")
    if kind == "heading":
        return f"{'#' * int(item.get('level') or 1)} {text}"
    if kind == "link":
        bang = "!" if item.get("image") else ""
        return f"{bang}[{text}]({_md_url(str(item.get('url') or ''))})"
    if kind == "table_header":
        line = str(item.get("line") or "").strip()
        return f"{line}\n{_table_separator(line)}"
    if kind == "bold_label":
        return f"**{text}**"
    if kind == "fact":
        return str(item.get("note") or "")
    return None


def build_readme(fixture: Mapping[str, Any]) -> str | None:
    """Rebuild a README.md from a fixture's ``cardData`` and ``readme_outline``.

    ``cardData`` becomes YAML front matter (none when it is null); each outline item becomes a
    block: headings, links (images as images), table header rows with a separator row, bold
    labels, and facts as short paragraphs. Returns None when the fixture has neither.
    """
    card_data = fixture.get("cardData")
    outline = fixture.get("readme_outline") or []
    if card_data is None and not outline:
        return None
    parts: list[str] = []
    if card_data is not None:
        front = yaml.safe_dump(card_data, sort_keys=False, allow_unicode=True)
        parts.append(f"---\n{front}---")
    parts.extend(block for item in outline if (block := _outline_block(item)))
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- data model


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


FaultKind = Literal["status", "delay", "hang", "truncate", "trickle", "malformed_json"]


@dataclass
class Fault:
    """A fault applied to requests whose path (without query) matches ``pattern``."""

    pattern: re.Pattern[str]
    kind: FaultKind
    times: int | None = None  # None: every matching request
    methods: frozenset[str] | None = None  # None: any method
    status: int = 503
    retry_after: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    seconds: float = 0.0
    chunk: int = 1  # trickle: bytes per send (``seconds`` is the pause between sends)
    hits: int = 0

    def applies(self, method: str, path: str) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        if self.methods is not None and method not in self.methods:
            return False
        if self.kind in ("truncate", "trickle", "malformed_json") and method == "HEAD":
            return False  # no body to spoil
        return self.pattern.search(path) is not None


@dataclass
class _Repo:
    info: dict[str, Any]
    sha: str
    branches: dict[str, str]
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def repo_id(self) -> str:
        return str(self.info["id"])

    @property
    def gated(self) -> bool:
        return self.info.get("gated") in GATED_MODES

    def resolve(self, revision: str) -> str | None:
        name = revision.removeprefix("refs/heads/")
        if name in self.branches:
            return self.branches[name]
        return revision if revision in self.branches.values() else None


def _make_repo(data: Mapping[str, Any]) -> _Repo:
    info = copy.deepcopy(dict(data))
    if not isinstance(info.get("id"), str) or not info["id"]:
        raise ValueError("a repo needs a string 'id'")
    repo_id = info["id"]
    sha = info.get("sha") or derived_sha(repo_id)
    branches = {"main": sha}
    declared = (info.get("refs") or {}).get("branches") or []
    if isinstance(declared, Mapping):
        branches.update({str(k): str(v) for k, v in declared.items()})
    else:
        branches.update({b: derived_sha(repo_id, b) for b in declared if b != "main"})
    files: dict[str, bytes] = {}
    if (readme := build_readme(info)) is not None:
        files[README] = readme.encode()
    return _Repo(info=info, sha=sha, branches=branches, files=files)


@dataclass
class _Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def _json_response(payload: Any, status: int = 200) -> _Response:
    body = json.dumps(payload).encode()
    return _Response(status, {"Content-Type": "application/json; charset=utf-8"}, body)


def _error(status: int, code: str | None, message: str) -> _Response:
    """An error as the Hub sends it: X-Error-Code (when given), X-Error-Message, JSON body."""
    response = _json_response({"error": message}, status)
    response.headers["X-Error-Message"] = message
    if code:
        response.headers["X-Error-Code"] = code
    return response


def _repo_not_found() -> _Response:
    return _error(404, "RepoNotFound", "Repository not found")


def _revision_not_found(revision: str) -> _Response:
    return _error(404, "RevisionNotFound", f"Invalid rev id: {revision}")


def _unknown_route(method: str, path: str) -> _Response:
    return _error(404, None, f"Not served by LoopbackHub: {method} {path}")


# --------------------------------------------------------------------------- the server


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hub: LoopbackHub

    def __init__(self, address: tuple[str, int], hub: LoopbackHub) -> None:
        self.hub = hub
        self.connections: set[socket.socket] = set()
        self._conn_lock = threading.Lock()
        super().__init__(address, _Handler)

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


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two sends; with Nagle's algorithm on, the body would wait for the
    # client's delayed ACK (~40 ms on Linux), a delay the Hub itself does not add.
    disable_nagle_algorithm = True
    server: _Server

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
            self.server.hub._handle(self)
        except OSError:  # the client went away (timeout, reset) or the server is stopping
            self.close_connection = True

    def _discard_request_body(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > 0:
            self.rfile.read(length)

    def send(self, response: _Response, *, declared_length: int | None = None) -> None:
        """Write ``response``; ``declared_length`` overrides Content-Length (truncation)."""
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        length = len(response.body) if declared_length is None else declared_length
        self.send_header("Content-Length", str(length))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)
        self.wfile.flush()

    def abort(self) -> None:
        """Drop the connection without an answer."""
        self.close_connection = True

    def send_trickled(
        self, response: _Response, chunk: int, pause: float, stopping: threading.Event
    ) -> None:
        """Write ``response`` ``chunk`` bytes at a time, pausing ``pause`` seconds between sends:
        each read is quick, the whole answer slow.  Stops (dropping the connection) when the
        server stops."""
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.flush()
        for start in range(0, len(response.body), max(1, chunk)):
            self.wfile.write(response.body[start : start + max(1, chunk)])
            self.wfile.flush()
            if stopping.wait(pause):
                return self.abort()


class LoopbackHub:
    """A fake Hugging Face Hub on 127.0.0.1, started on an ephemeral port.

    Use as a context manager (or call ``start()``/``stop()``)::

        with LoopbackHub() as hub:
            HfApi(endpoint=hub.endpoint).model_info("EleutherAI/pythia-70m", expand=["sha"])
    """

    def __init__(
        self,
        fixtures_dir: Path | str | None = DEFAULT_FIXTURES_DIR,
        *,
        port: int = 0,
        latency: float = 0.0,
        gated_readme_public: bool = False,
    ) -> None:
        self.latency = latency
        self.gated_readme_public = gated_readme_public
        self._port = port
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._repos: dict[str, _Repo] = {}
        self._tokens: set[str] = set()
        self._faults: list[Fault] = []
        self._requests: list[RecordedRequest] = []
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        if fixtures_dir is not None:
            self.load_fixtures(fixtures_dir)

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> LoopbackHub:
        if self._server is not None:
            raise RuntimeError("LoopbackHub already started")
        self._stopping.clear()
        self._server = _Server((HOST, self._port), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"LoopbackHub:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # wakes hanging and delayed handlers
        server.shutdown()
        server.close_connections()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> LoopbackHub:
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
            raise RuntimeError("LoopbackHub is not running")
        return int(self._server.server_address[1])

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.port}"

    # ------------------------------------------------------------------ repos and files

    def load_fixtures(self, fixtures_dir: Path | str) -> list[str]:
        """Add every ``*.json`` repo in ``fixtures_dir``; return their ids."""
        paths = sorted(Path(fixtures_dir).glob("*.json"))
        return [self.add_repo(json.loads(p.read_text(encoding="utf-8"))) for p in paths]

    def add_repo(self, data: Mapping[str, Any]) -> str:
        """Add or replace a repo described like a fixture file (needs ``id``); return its id.

        ``refs.branches`` may be a list of names (commits are derived) or a name→commit mapping.
        """
        repo = _make_repo(data)
        with self._lock:
            self._repos[repo.repo_id] = repo
        return repo.repo_id

    def remove_repo(self, repo_id: str) -> None:
        with self._lock:
            self._repos.pop(repo_id, None)

    @property
    def repo_ids(self) -> list[str]:
        with self._lock:
            return sorted(self._repos)

    def add_file(self, repo_id: str, path: str, content: str | bytes) -> None:
        """Serve ``content`` as ``path`` in ``repo_id`` at every revision (README.md included)."""
        data = content.encode() if isinstance(content, str) else bytes(content)
        with self._lock:
            self._get_repo(repo_id).files[path] = data

    def file(self, repo_id: str, path: str = README) -> bytes | None:
        """The bytes served for ``path`` in ``repo_id`` (None: 404)."""
        with self._lock:
            return self._get_repo(repo_id).files.get(path)

    def readme(self, repo_id: str) -> str | None:
        content = self.file(repo_id, README)
        return None if content is None else content.decode()

    def commit(self, repo_id: str, revision: str = "main") -> str:
        """The commit sha that ``revision`` resolves to (KeyError if unknown)."""
        with self._lock:
            sha = self._get_repo(repo_id).resolve(revision)
        if sha is None:
            raise KeyError(f"{repo_id}@{revision}")
        return sha

    def branches(self, repo_id: str) -> dict[str, str]:
        with self._lock:
            return dict(self._get_repo(repo_id).branches)

    def allow_token(self, token: str) -> None:
        """Let requests with ``Authorization: Bearer <token>`` download from gated repos."""
        with self._lock:
            self._tokens.add(token)

    def _get_repo(self, repo_id: str) -> _Repo:
        try:
            return self._repos[repo_id]
        except KeyError:
            raise KeyError(f"unknown repo {repo_id!r}") from None

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
    ) -> Fault:
        """Answer matching requests with ``status`` (JSON body, optional Retry-After)."""
        return self._add_fault(
            pattern,
            "status",
            times,
            methods,
            status=status,
            retry_after=None if retry_after is None else str(retry_after),
            error_code=error_code,
            error_message=error_message,
        )

    def inject_delay(
        self, pattern: str, seconds: float, *, times: int | None = None,
        methods: Iterable[str] | None = None,
    ) -> Fault:  # fmt: skip
        """Wait ``seconds`` before answering matching requests normally."""
        return self._add_fault(pattern, "delay", times, methods, seconds=seconds)

    def inject_hang(
        self, pattern: str, *, times: int | None = None, methods: Iterable[str] | None = None
    ) -> Fault:
        """Never answer matching requests (until the server stops; then drop the connection)."""
        return self._add_fault(pattern, "hang", times, methods)

    def inject_truncated_body(
        self, pattern: str, *, times: int | None = None, methods: Iterable[str] | None = None
    ) -> Fault:
        """Declare the full Content-Length, send half the body, close (HEAD is not affected)."""
        return self._add_fault(pattern, "truncate", times, methods)

    def inject_trickle(
        self, pattern: str, *, pause: float = 0.2, chunk: int = 1, times: int | None = None,
        methods: Iterable[str] | None = None,
    ) -> Fault:  # fmt: skip
        """Answer matching requests normally, but ``chunk`` bytes at a time with ``pause``
        seconds between sends (HEAD is not affected): no single read times out."""
        return self._add_fault(pattern, "trickle", times, methods, seconds=pause, chunk=chunk)

    def inject_malformed_json(
        self, pattern: str, *, times: int | None = None, methods: Iterable[str] | None = None
    ) -> Fault:
        """Answer 200 with a body that is not valid JSON (HEAD is not affected)."""
        return self._add_fault(pattern, "malformed_json", times, methods)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def _add_fault(
        self,
        pattern: str,
        kind: FaultKind,
        times: int | None,
        methods: Iterable[str] | None,
        **params: Any,
    ) -> Fault:
        fault = Fault(
            pattern=re.compile(pattern),
            kind=kind,
            times=times,
            methods=None if methods is None else frozenset(m.upper() for m in methods),
            **params,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.applies(method, path):
                    fault.hits += 1
                    return fault
        return None

    # ------------------------------------------------------------------ request handling

    def _record(self, handler: _Handler) -> RecordedRequest:
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

    def _handle(self, handler: _Handler) -> None:
        request = self._record(handler)
        if not self._wait(self.latency):
            return handler.abort()
        fault = self._take_fault(request.method, request.path)
        if fault is not None and fault.kind == "hang":
            self._stopping.wait()
            return handler.abort()
        if fault is not None and fault.kind == "delay" and not self._wait(fault.seconds):
            return handler.abort()
        if fault is not None and fault.kind == "status":
            return handler.send(self._fault_response(fault))
        response = self._route(request)
        if fault is not None and fault.kind == "malformed_json":
            return handler.send(_Response(200, {"Content-Type": "application/json"}, b'{"id": '))
        if fault is not None and fault.kind == "trickle":
            return handler.send_trickled(response, fault.chunk, fault.seconds, self._stopping)
        if fault is not None and fault.kind == "truncate":
            response.body, full = response.body[: len(response.body) // 2], len(response.body)
            handler.send(response, declared_length=full)
            return handler.abort()
        handler.send(response)

    @staticmethod
    def _fault_response(fault: Fault) -> _Response:
        message = fault.error_message or f"Injected fault: HTTP {fault.status}"
        response = _error(fault.status, fault.error_code, message)
        if fault.retry_after is not None:
            response.headers["Retry-After"] = fault.retry_after
        return response

    def _route(self, request: RecordedRequest) -> _Response:
        path, method = request.path, request.method
        if method not in ("GET", "HEAD"):
            return _unknown_route(method, path)
        if path == "/api/agent-harnesses":
            return _json_response(EMPTY_HARNESS_REGISTRY)
        if match := _API_REFS.match(path):
            return self._refs(unquote(match["repo"]), request.query)
        if match := _API_REVISION.match(path):
            return self._model_info(unquote(match["repo"]), unquote(match["rev"]), request.query)
        if match := _API_MODEL.match(path):
            return self._model_info(unquote(match["repo"]), "main", request.query)
        if match := _RESOLVE.match(path):
            repo, rev, name = (unquote(match[g]) for g in ("repo", "rev", "file"))
            return self._resolve(repo, rev, name, request.headers)
        return _unknown_route(method, path)

    def _refs(self, repo_id: str, query: Mapping[str, list[str]]) -> _Response:
        with self._lock:
            repo = self._repos.get(repo_id)
            branches = dict(repo.branches) if repo else {}
        if repo is None:
            return _repo_not_found()
        payload: dict[str, Any] = {
            "branches": [
                {"name": name, "ref": f"refs/heads/{name}", "targetCommit": sha}
                for name, sha in branches.items()
            ],
            "converts": [],
            "tags": [],
        }
        if _truthy(query.get("include_prs")):
            payload["pullRequests"] = []
        return _json_response(payload)

    def _model_info(self, repo_id: str, revision: str, query: Mapping[str, list[str]]) -> _Response:
        with self._lock:
            repo = self._repos.get(repo_id)
            if repo is None:
                return _repo_not_found()
            commit = repo.resolve(revision)
            files = dict(repo.files)
            info = copy.deepcopy(repo.info)
        if commit is None:
            return _revision_not_found(revision)
        expand = query.get("expand", [])
        if unknown := sorted(set(expand) - EXPAND_PROPERTIES):
            return _error(400, None, f'"expand" has invalid values: {", ".join(unknown)}')
        body = _api_body(info, commit)
        if _truthy(query.get("blobs")) and isinstance(body.get("siblings"), list):
            body["siblings"] = [_with_blob(s, files) for s in body["siblings"]]
        keep = ({"_id", "id"} | set(expand)) if expand else DEFAULT_FIELDS
        if _truthy(query.get("securityStatus")) and "securityRepoStatus" in body:
            keep = keep | {"securityRepoStatus"}
        return _json_response({k: v for k, v in body.items() if k in keep})

    def _resolve(
        self, repo_id: str, revision: str, filename: str, headers: Mapping[str, str]
    ) -> _Response:
        with self._lock:
            repo = self._repos.get(repo_id)
            if repo is None:
                return _repo_not_found()
            gate = self._gate(repo, filename, headers.get("authorization"))
            commit = repo.resolve(revision)
            content = repo.files.get(filename)
        if gate is not None:
            return gate
        if commit is None:
            return _revision_not_found(revision)
        if content is None:
            missing = _error(404, "EntryNotFound", "Entry not found")
            missing.headers["X-Repo-Commit"] = commit  # lets the client cache the absence
            return missing
        return _file_response(content, commit, headers.get("range"))

    def _gate(self, repo: _Repo, filename: str, authorization: str | None) -> _Response | None:
        """The GatedRepo error for a download without access, else None (lock held)."""
        if not repo.gated or (self.gated_readme_public and filename == README):
            return None
        token = (authorization or "").removeprefix("Bearer ").strip()
        if token and token in self._tokens:
            return None
        rid = repo.repo_id
        if not authorization:
            message = (
                f"Access to model {rid} is restricted. You must have access to it and be "
                "authenticated to access it. Please log in."
            )
            return _error(401, "GatedRepo", message)
        message = (
            f"Access to model {rid} is restricted and you are not in the authorized list. "
            f"Visit https://huggingface.co/{rid} to ask for access."
        )
        return _error(403, "GatedRepo", message)


def _truthy(values: list[str] | None) -> bool:
    """Whether a query flag (``blobs=True``, ``include_prs=1``...) is set."""
    if not values:
        return False
    return values[-1].lower() not in ("", "0", "false")


def _api_body(info: Mapping[str, Any], commit: str) -> dict[str, Any]:
    """The fixture's API keys, with the identifiers the protocol needs filled in."""
    repo_id = str(info["id"])
    body = {k: v for k, v in info.items() if k in API_KEYS}
    body["sha"] = commit
    body.setdefault("_id", hashlib.sha1(f"loopback:{repo_id}".encode()).hexdigest()[:24])
    body.setdefault("modelId", repo_id)
    return body


def _with_blob(sibling: Any, files: Mapping[str, bytes]) -> Any:
    if not isinstance(sibling, dict) or sibling.get("rfilename") not in files:
        return sibling
    content = files[sibling["rfilename"]]
    return {**sibling, "size": len(content), "blobId": git_blob_sha(content)}


def _file_response(content: bytes, commit: str, range_header: str | None) -> _Response:
    headers = {
        "Content-Type": "text/plain; charset=utf-8",
        "ETag": f'"{git_blob_sha(content)}"',
        "X-Repo-Commit": commit,
        "Accept-Ranges": "bytes",
    }
    match = _RANGE.match(range_header or "")
    if match is None or int(match[1]) >= len(content):
        return _Response(200, headers, content)
    start = int(match[1])
    end = min(int(match[2]) if match[2] else len(content) - 1, len(content) - 1)
    headers["Content-Range"] = f"bytes {start}-{end}/{len(content)}"
    return _Response(206, headers, content[start : end + 1])


# --------------------------------------------------------------------------- command line


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the test fixtures as a loopback Hub.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: ephemeral)")
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES_DIR)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    args = parser.parse_args(argv)
    hub = LoopbackHub(args.fixtures, port=args.port, latency=args.latency)
    signal.signal(signal.SIGTERM, _interrupt)  # stop cleanly when a benchmark terminates us
    with hub:
        print(hub.endpoint, flush=True)
        print(f"serving {len(hub.repo_ids)} repos; Ctrl-C to stop", file=sys.stderr, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
