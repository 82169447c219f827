"""A loopback GitHub REST API for tests: a real HTTP server on 127.0.0.1 (``.api_url`` is what
``GITHUB_API_URL`` points at).

Endpoints, with the real API's JSON shapes (docs.github.com/rest):

- ``GET /repos/{owner}/{repo}``: the repository; names match case-insensitively, as on GitHub.
  A renamed or transferred repository answers ``301`` with ``Location: {api}/repositories/{id}``
  (and the same suffix and query), and ``/repositories/{id}[/...]`` serves the repository under
  its new name, as GitHub does;
- ``GET /repos/{owner}/{repo}/git/trees/{ref}[?recursive=1]``: the git tree (``truncated`` as in
  the fixture); ``{ref}`` is the default branch, the snapshot's commit or the tree's sha;
- ``GET /repos/{owner}/{repo}/readme[?ref=]``: ``{"content": base64, "encoding": "base64", ...}``
  rebuilt from the fixture's ``readme_outline`` (``Accept: application/vnd.github.raw`` gives the
  text itself);
- ``GET /rate_limit``: the caller's quota (not counted, as on GitHub).

Errors carry GitHub's body, ``{"message": ..., "documentation_url": ..., "status": "404"}``.
Every answer carries ``X-RateLimit-Limit/-Remaining/-Used/-Reset/-Resource`` from a real
per-caller quota (60 anonymous, 5,000 with a token, per hour); an exhausted quota answers 403
(or 429) with ``X-RateLimit-Remaining: 0``. ``inject_rate_limit`` and
``inject_secondary_rate_limit`` answer like those limits without spending the quota; the other
faults come from tests/loopback_http.py.

What the corpus does not establish is OMITTED from the answers (GitHub itself never omits a key:
"Blank fields are included as null instead of being omitted"), so a client can tell "unknown"
from GitHub's own ``null`` (no description, no licence file). What cannot be served at all (the
tree of a repository too large to snapshot, a README without an outline) answers 503 with
``X-Loopback-Not-Established``. See tests/fixtures/links/PROVENANCE.md.

Repositories come from ``tests/fixtures/links/github/*.json``. Numeric ids are invented (stable,
derived from the name).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from loopback_github_repos import (
    DOCS,
    REPO_DOCS,
    GitHubRepo,
    github_error,
    json_answer,
    numeric_id,
    readme_answer,
    repo_answer,
    tree_answer,
)
from loopback_http import Fault, LoopbackServer, RecordedRequest, Response
from loopback_markdown import build_readme

DEFAULT_GITHUB_DIR = Path(__file__).resolve().parent / "fixtures" / "links" / "github"
RATE_DOCS = f"{DOCS}/overview/rate-limits-for-the-rest-api"
REDIRECT_DOCS = "https://docs.github.com/v3/#http-redirects"
ANONYMOUS_LIMIT = 60
TOKEN_LIMIT = 5000
WINDOW = 3600  # seconds: GitHub's primary limits are per hour
SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
)

_NAME = r"(?P<owner>[^/]+)/(?P<name>[^/]+)"
_BY_NAME = re.compile(rf"^/repos/{_NAME}(?P<rest>/.*)?$")
_BY_ID = re.compile(r"^/repositories/(?P<id>\d+)(?P<rest>/.*)?$")
_TREE = re.compile(r"^/git/trees/(?P<ref>.+)$")


class LoopbackGitHub(LoopbackServer):
    """A fake GitHub REST API on 127.0.0.1, started on an ephemeral port.

    Use as a context manager::

        with LoopbackGitHub() as gh:
            urllib.request.urlopen(f"{gh.api_url}/repos/EleutherAI/pythia")
    """

    kind = "LoopbackGitHub"

    def __init__(
        self,
        fixtures_dir: Path | str | None = DEFAULT_GITHUB_DIR,
        *,
        port: int = 0,
        latency: float = 0.0,
        require_token: bool = False,
        anonymous_limit: int = ANONYMOUS_LIMIT,
        token_limit: int = TOKEN_LIMIT,
        rate_limit_status: int = 403,
    ) -> None:
        super().__init__(port=port, latency=latency)
        self.require_token = require_token
        self.anonymous_limit = anonymous_limit
        self.token_limit = token_limit
        self.rate_limit_status = rate_limit_status  # GitHub answers 403 or 429
        self._repos: dict[str, GitHubRepo] = {}  # lower-cased full name -> repo
        self._aliases: dict[str, str] = {}  # lower-cased old name -> lower-cased new name
        self._by_id: dict[int, str] = {}
        self._tokens: set[str] = set()
        self._used: dict[str | None, int] = {}  # token (None: anonymous) -> requests counted
        self._quota_lock = threading.Lock()
        self._reset_at = int(time.time()) + WINDOW
        if fixtures_dir is not None:
            self.load_fixtures(fixtures_dir)

    @property
    def api_url(self) -> str:
        """The value for ``GITHUB_API_URL``."""
        return self.endpoint

    # ------------------------------------------------------------------ repositories

    def load_fixtures(self, fixtures_dir: Path | str) -> list[str]:
        """Add every ``*.json`` in ``fixtures_dir``; return the names they are served under."""
        paths = sorted(Path(fixtures_dir).glob("*.json"))
        return [self.add_repo(json.loads(p.read_text(encoding="utf-8"))) for p in paths]

    def add_repo(self, data: Mapping[str, Any]) -> str:
        """Add or replace a repository described like tests/fixtures/links/github/*.json (needs
        ``repo.full_name``); ``requested`` + ``redirect_to`` make the old name redirect. The README
        is rebuilt from ``readme_outline`` when there is one. Return the full name."""
        fixture = json.loads(json.dumps(data))  # a deep copy of plain JSON
        full_name = (fixture.get("repo") or {}).get("full_name")
        if not isinstance(full_name, str) or "/" not in full_name:
            raise ValueError("a GitHub fixture needs repo.full_name 'owner/name'")
        outline = fixture.get("readme_outline") or []
        readme = build_readme({"cardData": None, "readme_outline": outline}) if outline else None
        key = full_name.lower()
        with self._lock:
            self._repos[key] = GitHubRepo(fixture, None if readme is None else readme.encode())
            self._by_id[numeric_id(full_name)] = key
            requested = fixture.get("requested")
            if isinstance(requested, str) and requested.lower() != key:
                self._aliases[requested.lower()] = key
        return full_name

    def add_readme(self, full_name: str, text: str | bytes) -> None:
        """Serve ``text`` as the repository's README (e.g. for one without an outline)."""
        data = text.encode() if isinstance(text, str) else bytes(text)
        with self._lock:
            self._repos[full_name.lower()].readme = data

    def repo_id(self, full_name: str) -> int:
        """The numeric id served for ``full_name`` (or for the repository it was renamed to)."""
        key = full_name.lower()
        with self._lock:
            key = self._aliases.get(key, key)
            return numeric_id(self._repos[key].full_name)

    @property
    def full_names(self) -> list[str]:
        with self._lock:
            return sorted(repo.full_name for repo in self._repos.values())

    # ------------------------------------------------------------------ tokens and quota

    def allow_token(self, token: str) -> None:
        """Accept ``Authorization: Bearer <token>`` (or ``token <token>``); any other token is
        answered 401 "Bad credentials", as GitHub does."""
        with self._lock:
            self._tokens.add(token)

    def remaining(self, token: str | None = None) -> int:
        """Requests left in the current window for ``token`` (None: anonymous)."""
        with self._quota_lock:
            return max(0, self._limit(token) - self._used.get(token, 0))

    def spend(self, count: int, token: str | None = None) -> None:
        """Count ``count`` requests against a caller's quota (e.g. to exhaust it)."""
        with self._quota_lock:
            self._used[token] = self._used.get(token, 0) + count

    def reset_rate_limits(self) -> None:
        with self._quota_lock:
            self._used.clear()
            self._reset_at = int(time.time()) + WINDOW

    def inject_rate_limit(
        self, pattern: str, *, times: int | None = None, status: int = 403,
        reset_in: int = 60, page: int | None = None,
    ) -> Fault:  # fmt: skip
        """Answer like an exhausted primary limit (``X-RateLimit-Remaining: 0``, reset in
        ``reset_in`` seconds), without spending the quota."""
        reset = int(time.time()) + reset_in
        headers = _quota_headers(self.anonymous_limit, self.anonymous_limit, reset)
        return self.inject_status(
            pattern, status, times=times, page=page, headers=headers,
            error_message=_primary_message(None),
        )  # fmt: skip

    def inject_secondary_rate_limit(
        self, pattern: str, *, times: int | None = None, status: int = 403,
        retry_after: int = 60, page: int | None = None,
    ) -> Fault:  # fmt: skip
        """Answer like a secondary rate limit: ``Retry-After`` and GitHub's message."""
        return self.inject_status(
            pattern, status, times=times, page=page, retry_after=retry_after,
            error_message=SECONDARY_MESSAGE,
        )  # fmt: skip

    def _limit(self, token: str | None) -> int:
        return self.anonymous_limit if token is None else self.token_limit

    def _count(self, token: str | None) -> tuple[int, int, int]:
        """Count one request; return (limit, used, reset)."""
        with self._quota_lock:
            self._used[token] = used = self._used.get(token, 0) + 1
            return self._limit(token), used, self._reset_at

    # ------------------------------------------------------------------ routing

    def _fault_response(self, fault: Fault) -> Response:
        message = fault.error_message or f"Injected fault: HTTP {fault.status}"
        docs = RATE_DOCS if fault.status in (403, 429) else DOCS
        return self._with_fault_headers(github_error(fault.status, message, docs), fault)

    def _route(self, request: RecordedRequest) -> Response:
        token, refusal = self._authenticate(request)
        if refusal is not None:
            return refusal
        if request.path == "/rate_limit":
            return self._rate_limit_status(token)
        limit, used, reset = self._count(token)
        if used > limit:
            response = github_error(self.rate_limit_status, _primary_message(token), RATE_DOCS)
        else:
            response = _conditional(self._dispatch(request), request)
            if response.status == 304:  # GitHub does not count a conditional hit
                used = self._refund(token)
        response.headers.update(_quota_headers(limit, min(used, limit), reset))
        return response

    def _refund(self, token: str | None) -> int:
        with self._quota_lock:
            self._used[token] = used = max(0, self._used.get(token, 0) - 1)
            return used

    def _authenticate(self, request: RecordedRequest) -> tuple[str | None, Response | None]:
        header = (request.authorization or "").strip()
        scheme, _, credential = header.partition(" ")
        token = credential.strip() if scheme.lower() in ("bearer", "token") else header or None
        if token is None:
            if self.require_token:
                return None, github_error(401, "Requires authentication")
            return None, None
        with self._lock:
            known = token in self._tokens
        return (token, None) if known else (token, github_error(401, "Bad credentials"))

    def _rate_limit_status(self, token: str | None) -> Response:
        with self._quota_lock:
            limit, used = self._limit(token), self._used.get(token, 0)
            reset = self._reset_at
        core = {"limit": limit, "used": used, "remaining": max(0, limit - used), "reset": reset}
        return json_answer({"resources": {"core": {**core, "resource": "core"}}, "rate": core})

    def _dispatch(self, request: RecordedRequest) -> Response:
        if request.method != "GET":
            return github_error(404, "Not Found")
        if match := _BY_NAME.match(request.path):
            name = f"{unquote(match['owner'])}/{unquote(match['name'])}".lower()
            with self._lock:
                repo = self._repos.get(name)
                moved_to = self._aliases.get(name)
            if repo is None and moved_to is not None:
                return self._moved(moved_to, match["rest"] or "", request)
            return self._serve(repo, match["rest"] or "", request)
        if match := _BY_ID.match(request.path):
            with self._lock:
                key = self._by_id.get(int(match["id"]))
                repo = None if key is None else self._repos.get(key)
            return self._serve(repo, match["rest"] or "", request)
        return github_error(404, "Not Found")

    def _moved(self, key: str, rest: str, request: RecordedRequest) -> Response:
        with self._lock:
            full_name = self._repos[key].full_name
        query = request.raw_path.partition("?")[2]
        location = f"{self.api_url}/repositories/{numeric_id(full_name)}{rest}"
        location += f"?{query}" if query else ""
        body = {"message": "Moved Permanently", "url": location, "documentation_url": REDIRECT_DOCS}
        response = json_answer(body, 301)
        response.headers["Location"] = location
        return response

    def _serve(self, repo: GitHubRepo | None, rest: str, request: RecordedRequest) -> Response:
        if repo is None:
            return github_error(404, "Not Found", REPO_DOCS)
        if rest in ("", "/"):
            return repo_answer(self.api_url, repo)
        if rest == "/readme":
            ref, accept = _last(request.query, "ref"), request.headers.get("accept", "")
            return readme_answer(self.api_url, repo, ref, accept)
        if match := _TREE.match(rest):
            recursive = "recursive" in request.query
            return tree_answer(self.api_url, repo, unquote(match["ref"]), recursive)
        return github_error(404, "Not Found")


def _conditional(response: Response, request: RecordedRequest) -> Response:
    """GitHub's ETags: a weak validator of the body; If-None-Match naming it answers 304."""
    if response.status != 200:
        return response
    etag = f'W/"{hashlib.sha256(response.body).hexdigest()[:40]}"'
    response.headers["ETag"] = etag
    wanted = request.headers.get("if-none-match", "")
    if etag in (tag.strip() for tag in wanted.split(",")):
        return Response(304, {"ETag": etag})
    return response


def _quota_headers(limit: int, used: int, reset: int) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(max(0, limit - used)),
        "X-RateLimit-Used": str(used),
        "X-RateLimit-Reset": str(reset),
        "X-RateLimit-Resource": "core",
    }


def _primary_message(token: str | None) -> str:
    if token is None:
        return (
            "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated "
            "requests get a higher rate limit. Check out the documentation for more details.)"
        )
    return "API rate limit exceeded for user ID 1."


def _last(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None
