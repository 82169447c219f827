"""A loopback Hugging Face Hub for tests: a real HTTP server on 127.0.0.1.

It speaks the subset of the Hub protocol that ``huggingface_hub`` 2.x uses to read model and
dataset repos and to list models:

- ``GET /api/models/{repo_id}`` and ``GET /api/models/{repo_id}/revision/{revision}``
  (``HfApi.model_info``; honours ``expand=``, and ``blobs=``: sizes, blob ids, and the LFS
  metadata of files stored in Git LFS), and the same under
  ``/api/datasets/`` (``HfApi.dataset_info``);
- ``GET /api/models/{repo_id}/refs`` (``HfApi.list_repo_refs``);
- ``GET /api/models/{repo_id}/tree/{revision}[/{folder}]`` (``HfApi.list_repo_tree``, and so
  ``snapshot_download``): the files served, as the Hub lists them;
- ``HEAD`` and ``GET /{repo_id}/resolve/{revision}/{filename}`` and
  ``/datasets/{repo_id}/resolve/...`` (``hf_hub_download``); gated repos answer 401/403
  ``GatedRepo``, disabled ones 403 "Access to this resource is disabled.";
- ``GET /api/models`` (``HfApi.list_models``: filters, sort, ``expand``, cursor paging through
  the ``Link`` header; see tests/loopback_hub_listing.py);
- ``GET /api/agent-harnesses`` (the client's telemetry side request; empty registry).

A renamed repo answers ``307`` with a relative ``Location`` to its new name (the client follows
it). A private repo (``"private": true``) answers as one that does not exist, from its metadata to
its files, unless the request carries a token ``allow_token`` was given: ``401 RepoNotFound``
without a token, ``404 RepoNotFound`` with one that cannot read it, as a repo the Hub does not
have answers; the listing leaves it out.
Errors carry ``X-Error-Code`` as the real Hub does, so the client raises its own exception
classes. Faults (tests/loopback_http.py) can be injected per path pattern, and per listing page.
Every request is recorded, including unknown routes, which answer a 404 without
``X-Error-Code``.

Models come from ``tests/fixtures/hub/models/*.json``, datasets from
``tests/fixtures/links/datasets/*.json`` (see the ``PROVENANCE.md`` next to each). Run this file
to serve them in the foreground: ``python tests/loopback_hub.py [--port N] [--latency S]``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import functools
import json
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from loopback_http import HOST, Fault, LoopbackServer, RecordedRequest, Response
from loopback_hub_listing import (
    LISTING_PATH,
    LISTING_PATTERN,
    ListingError,
    ModelListing,
    cursor_page,
    next_link,
    parse_query,
    project,
    projected_keys,
)
from loopback_hub_repos import (
    DATASET,
    DEFAULT_DATASETS_DIR,
    DEFAULT_FIXTURES_DIR,
    DISABLED_MESSAGE,
    EMPTY_HARNESS_REGISTRY,
    EXPAND_PROPERTIES,
    MODEL,
    README,
    REPO_TYPES,
    Repo,
    RepoType,
    api_body,
    derived_sha,
    file_response,
    git_blob_sha,
    hub_error,
    json_response,
    make_repo,
    not_established,
    repo_not_found,
    revision_not_found,
    tree_entries,
    truthy,
    unknown_route,
    with_blob,
    without_blob,
)
from loopback_markdown import build_readme

__all__ = [
    "DEFAULT_DATASETS_DIR",
    "DEFAULT_FIXTURES_DIR",
    "HOST",
    "LISTING_PATTERN",
    "Fault",
    "LoopbackHub",
    "RecordedRequest",
    "build_readme",
    "derived_sha",
    "git_blob_sha",
]

_REPO = r"(?P<repo>[^/]+(?:/[^/]+)?)"
_API = r"^/api/(?P<api>models|datasets)/" + _REPO
_API_REFS = re.compile(_API + r"/refs$")
_API_REVISION = re.compile(_API + r"/revision/(?P<rev>[^/]+)$")
_API_TREE = re.compile(_API + r"/tree/(?P<rev>[^/]+)(?:/(?P<folder>.+))?$")
_API_INFO = re.compile(_API + r"$")
_RESOLVE = re.compile(
    r"^/(?P<prefix>datasets/)?" + _REPO + r"/resolve/(?P<rev>[^/]+)/(?P<file>.+)$"
)

# --------------------------------------------------------------------------- the server


class LoopbackHub(LoopbackServer):
    """A fake Hugging Face Hub on 127.0.0.1, started on an ephemeral port.

    Use as a context manager (or call ``start()``/``stop()``)::

        with LoopbackHub() as hub:
            HfApi(endpoint=hub.endpoint).model_info("EleutherAI/pythia-70m", expand=["sha"])
    """

    kind = "LoopbackHub"

    def __init__(
        self,
        fixtures_dir: Path | str | None = DEFAULT_FIXTURES_DIR,
        *,
        datasets_dir: Path | str | None = DEFAULT_DATASETS_DIR,
        port: int = 0,
        latency: float = 0.0,
        gated_readme_public: bool = False,
    ) -> None:
        super().__init__(port=port, latency=latency)
        self.gated_readme_public = gated_readme_public
        self._repos: dict[str, dict[str, Repo]] = {name: {} for name in REPO_TYPES}
        self._redirects: dict[str, dict[str, str]] = {name: {} for name in REPO_TYPES}
        self._tokens: set[str] = set()
        self.listing = ModelListing()
        # JSON values served after the items of listing page N, as a hostile Hub might: values
        # that are not objects (the listing itself holds only objects with a string id).
        self.listing_strays: dict[int, list[Any]] = {}
        # Called once listing page N is served (its items chosen): a listing whose sort values
        # move while a client pages through it (downloads counted meanwhile), as the Hub's do.
        self.listing_after_page: dict[int, Callable[[], None]] = {}
        # A JSON value served as the whole of listing page N instead (its Link header kept); bytes
        # are served as they are (JSON no encoder writes: nested past any parser).
        self.listing_replaced: dict[int, Any] = {}
        # Where the Link header sends the next listing page ("" = this Hub), as a hostile or
        # misconfigured Hub might send it to another host.
        self.listing_next_base = ""
        # From listing page N on, the Link header names the page itself again (a Hub whose
        # cursor does not advance): a client following it lists the same page for ever.
        self.listing_loop_from: int | None = None
        if fixtures_dir is not None:
            self.load_fixtures(fixtures_dir)
        if datasets_dir is not None:
            self.load_dataset_fixtures(datasets_dir)

    # ------------------------------------------------------------------ repos and files

    def load_fixtures(self, fixtures_dir: Path | str) -> list[str]:
        """Add every ``*.json`` model repo in ``fixtures_dir``; return their ids."""
        paths = sorted(Path(fixtures_dir).glob("*.json"))
        return [self.add_repo(json.loads(p.read_text(encoding="utf-8"))) for p in paths]

    def load_dataset_fixtures(self, datasets_dir: Path | str) -> list[str]:
        """Add every ``*.json`` dataset in ``datasets_dir`` (tests/fixtures/links/datasets);
        return the ids they are served under (after ``redirect_to``)."""
        paths = sorted(Path(datasets_dir).glob("*.json"))
        return [self.add_dataset(json.loads(p.read_text(encoding="utf-8"))) for p in paths]

    def add_repo(self, data: Mapping[str, Any], *, repo_type: str = "model") -> str:
        """Add or replace a repo described like a fixture file (needs ``id``); return its id.

        ``refs.branches`` may be a list of names (commits are derived) or a name→commit mapping.
        A model repo also joins the model listing (``GET /api/models``).
        """
        kind = REPO_TYPES[repo_type]
        repo = make_repo(data, with_readme=kind is MODEL)
        with self._lock:
            self._repos[kind.name][repo.repo_id] = repo
        if kind is MODEL and not repo.private:  # the Hub lists no private repo to others
            self.listing.put(api_body(repo.info, repo.sha, MODEL))
        return repo.repo_id

    def add_dataset(self, data: Mapping[str, Any]) -> str:
        """Add a dataset described like tests/fixtures/links/datasets/*.json; return the id it
        is served under. ``redirect_to`` serves it under the new name, the old one redirecting;
        ``exists: false`` serves nothing (404); ``exists: null`` answers "not established"."""
        info = dict(data)
        if info.get("exists") is False:
            return str(info["id"])
        old_id, new_id = str(info["id"]), info.get("redirect_to")
        if isinstance(new_id, str) and new_id:
            info["id"] = new_id
            self.add_redirect(old_id, new_id, repo_type="dataset")
        return self.add_repo(info, repo_type="dataset")

    def add_redirect(self, old_id: str, new_id: str, *, repo_type: str = "model") -> None:
        """Answer requests for ``old_id`` with a 307 to ``new_id`` (a renamed repo)."""
        with self._lock:
            self._redirects[REPO_TYPES[repo_type].name][old_id] = new_id

    def remove_repo(self, repo_id: str, *, repo_type: str = "model") -> None:
        with self._lock:
            self._repos[REPO_TYPES[repo_type].name].pop(repo_id, None)
        if repo_type == "model":
            self.listing.remove(repo_id)

    @property
    def repo_ids(self) -> list[str]:
        """The model repos served."""
        with self._lock:
            return sorted(self._repos["model"])

    @property
    def dataset_ids(self) -> list[str]:
        with self._lock:
            return sorted(self._repos["dataset"])

    def add_file(
        self,
        repo_id: str,
        path: str,
        content: str | bytes,
        *,
        repo_type: str = "model",
        lfs: bool = False,
    ) -> None:
        """Serve ``content`` as ``path`` in ``repo_id`` at every revision (README.md included).

        ``lfs``: the file is stored in Git LFS, as weights are: listed in the siblings, whose
        ``blobs=true`` metadata gives its content's SHA-256 (``lfs.sha256``) as the Hub does."""
        data = content.encode() if isinstance(content, str) else bytes(content)
        with self._lock:
            repo = self._get_repo(repo_id, repo_type)
            repo.files[path] = data
            if lfs:
                repo.lfs.add(path)
                siblings = repo.info.setdefault("siblings", [])
                if not any(s.get("rfilename") == path for s in siblings if isinstance(s, dict)):
                    siblings.append({"rfilename": path})

    def file(self, repo_id: str, path: str = README, *, repo_type: str = "model") -> bytes | None:
        """The bytes served for ``path`` in ``repo_id`` (None: 404)."""
        with self._lock:
            return self._get_repo(repo_id, repo_type).files.get(path)

    def readme(self, repo_id: str) -> str | None:
        content = self.file(repo_id, README)
        return None if content is None else content.decode()

    def commit(self, repo_id: str, revision: str = "main", *, repo_type: str = "model") -> str:
        """The commit sha that ``revision`` resolves to (KeyError if unknown)."""
        with self._lock:
            sha = self._get_repo(repo_id, repo_type).resolve(revision)
        if sha is None:
            raise KeyError(f"{repo_id}@{revision}")
        return sha

    def branches(self, repo_id: str) -> dict[str, str]:
        with self._lock:
            return dict(self._get_repo(repo_id, "model").branches)

    def add_tag(self, repo_id: str, name: str, sha: str) -> None:
        """Serve the tag ``name`` of ``repo_id``, naming the commit ``sha``."""
        with self._lock:
            self._get_repo(repo_id, "model").tags[name] = sha

    def add_pull_request(self, repo_id: str, number: int, sha: str) -> None:
        """Serve ``refs/pr/{number}`` of ``repo_id`` (a pull request's ref), at ``sha``."""
        with self._lock:
            self._get_repo(repo_id, "model").pull_requests[number] = sha

    def allow_token(self, token: str) -> None:
        """Let requests with ``Authorization: Bearer <token>`` download from gated repos and
        read private ones."""
        with self._lock:
            self._tokens.add(token)

    def _get_repo(self, repo_id: str, repo_type: str) -> Repo:
        try:
            return self._repos[REPO_TYPES[repo_type].name][repo_id]
        except KeyError:
            raise KeyError(f"unknown {repo_type} repo {repo_id!r}") from None

    # ------------------------------------------------------------------ the model listing

    def add_listing(self, items: Iterable[Mapping[str, Any]]) -> list[str]:
        """Add listing dicts (the shape ``GET /api/models`` returns: ``id`` plus any expandable
        keys) to the model listing, in memory and in order; return their ids. These entries are
        listed only: ``model_info`` does not know them."""
        return self.listing.extend(items)

    @property
    def listing_page_size(self) -> int:
        return self.listing.page_size

    @listing_page_size.setter
    def listing_page_size(self, size: int) -> None:
        self.listing.page_size = size

    # ------------------------------------------------------------------ routing

    def _fault_page(self, request: RecordedRequest) -> int | None:
        return cursor_page(request.query) if request.path == LISTING_PATH else None

    def _fault_response(self, fault: Fault) -> Response:
        message = fault.error_message or f"Injected fault: HTTP {fault.status}"
        return self._with_fault_headers(hub_error(fault.status, fault.error_code, message), fault)

    def _route(self, request: RecordedRequest) -> Response:
        path, method = request.path, request.method
        if method not in ("GET", "HEAD"):
            return unknown_route(method, path)
        if path == "/api/agent-harnesses":
            return json_response(EMPTY_HARNESS_REGISTRY)
        if path == LISTING_PATH:
            return self._list_models(request)
        if match := _API_REFS.match(path):
            return self._api(request, match, self._refs)
        if match := _API_TREE.match(path):
            folder = unquote(match["folder"] or "").strip("/")
            return self._api(request, match, functools.partial(self._tree, folder))
        if match := (_API_REVISION.match(path) or _API_INFO.match(path)):
            return self._api(request, match, self._info)
        if match := _RESOLVE.match(path):
            return self._resolve(request, match)
        return unknown_route(method, path)

    def _lookup(
        self, kind: RepoType, match: re.Match[str], request: RecordedRequest
    ) -> Repo | Response:
        """The repo the request names, or the answer instead of it (redirect, 404, unknown)."""
        repo_id = unquote(match["repo"])
        with self._lock:
            repo = self._repos[kind.name].get(repo_id)
            new_id = self._redirects[kind.name].get(repo_id)
        if repo is None and new_id is not None:
            path = request.path
            location = path[: match.start("repo")] + quote(new_id) + path[match.end("repo") :]
            query = request.raw_path.partition("?")[2]
            return Response(307, {"Location": location + (f"?{query}" if query else "")})
        # One answer for a repo the Hub does not have and a private one it hides (hub.md §1.11):
        # 401 without a token, 404 with one that cannot read it; the status tells them apart
        # no more than the Hub's does.
        hidden = 401 if "authorization" not in request.headers else 404
        if repo is None:
            return repo_not_found(hidden)
        if not repo.established:
            return not_established(repo_id)
        if repo.private and not self._allowed(request.headers.get("authorization")):
            return repo_not_found(hidden)
        return repo

    def _allowed(self, authorization: str | None) -> bool:
        """Whether ``authorization`` carries a token ``allow_token`` was given."""
        token = (authorization or "").removeprefix("Bearer ").strip()
        with self._lock:
            return bool(token) and token in self._tokens

    def _api(self, request: RecordedRequest, match: re.Match[str], answer: Any) -> Response:
        kind = MODEL if match["api"] == "models" else DATASET
        repo = self._lookup(kind, match, request)
        if isinstance(repo, Response):
            return repo
        revision = unquote(match.groupdict().get("rev") or "main")
        result: Response = answer(repo, kind, revision, request.query)
        return result

    def _refs(
        self, repo: Repo, kind: RepoType, revision: str, query: Mapping[str, list[str]]
    ) -> Response:
        with self._lock:
            branches = dict(repo.branches)
            tags = dict(repo.tags)
            pulls = dict(repo.pull_requests)
        payload: dict[str, Any] = {
            "branches": [
                {"name": name, "ref": f"refs/heads/{name}", "targetCommit": sha}
                for name, sha in branches.items()
            ],
            "converts": [],
            "tags": [
                {"name": name, "ref": f"refs/tags/{name}", "targetCommit": sha}
                for name, sha in tags.items()
            ],
        }
        if truthy(query.get("include_prs")):
            payload["pullRequests"] = [
                {"name": str(number), "ref": f"refs/pr/{number}", "targetCommit": sha}
                for number, sha in pulls.items()
            ]
        return json_response(payload)

    def _tree(
        self,
        folder: str,
        repo: Repo,
        kind: RepoType,
        revision: str,
        query: Mapping[str, list[str]],
    ) -> Response:
        with self._lock:
            commit = repo.resolve(revision)
            files = dict(repo.files)
            lfs = set(repo.lfs)
        if commit is None:
            return revision_not_found(revision)
        entries = tree_entries(files, lfs, folder, truthy(query.get("recursive")))
        if folder and not entries:
            return hub_error(404, "EntryNotFound", f"{folder} does not exist on {revision}")
        return json_response(entries)

    def _info(
        self, repo: Repo, kind: RepoType, revision: str, query: Mapping[str, list[str]]
    ) -> Response:
        with self._lock:
            commit = repo.resolve(revision)
            files = dict(repo.files)
            lfs = set(repo.lfs)
            info = copy.deepcopy(repo.info)
        if commit is None:
            return revision_not_found(revision)
        expand = query.get("expand", [])
        if unknown := sorted(set(expand) - kind.expand):
            return hub_error(400, None, f'"expand" has invalid values: {", ".join(unknown)}')
        body = api_body(info, commit, kind)
        if isinstance(body.get("siblings"), list):
            blobs = truthy(query.get("blobs"))
            body["siblings"] = [
                with_blob(s, files, lfs) if blobs else without_blob(s) for s in body["siblings"]
            ]
        keep = ({"_id", "id"} | set(expand)) if expand else kind.default_fields
        if truthy(query.get("securityStatus")) and "securityRepoStatus" in body:
            keep = keep | {"securityRepoStatus"}
        return json_response({k: v for k, v in body.items() if k in keep})

    def _list_models(self, request: RecordedRequest) -> Response:
        try:
            listing_query, limit = parse_query(request.query)
            keys = projected_keys(request.query, EXPAND_PROPERTIES)
            page = self.listing.page(listing_query, _last(request.query, "cursor"), limit)
        except ListingError as error:
            return hub_error(error.status, None, error.message)
        number = cursor_page(request.query) or 0
        if (moved := self.listing_after_page.pop(number, None)) is not None:
            moved()
        served = [
            *(project(item, keys) for item in page.items),
            *self.listing_strays.get(number, []),
        ]
        replaced = self.listing_replaced.get(number, served)
        response = json_response(None if isinstance(replaced, bytes) else replaced)
        if isinstance(replaced, bytes):
            response.body = replaced
        cursor = page.next_cursor
        if cursor is not None and self.listing_loop_from is not None:
            cursor = _last(request.query, "cursor") if number >= self.listing_loop_from else cursor
        if cursor is not None:
            response.headers["Link"] = next_link(
                self.listing_next_base or self.endpoint, request.query, cursor
            )
        return response

    def _resolve(self, request: RecordedRequest, match: re.Match[str]) -> Response:
        kind = DATASET if match["prefix"] else MODEL
        revision, filename = unquote(match["rev"]), unquote(match["file"])
        repo = self._lookup(kind, match, request)
        if isinstance(repo, Response):
            return repo
        headers = request.headers
        with self._lock:
            gate = self._gate(repo, kind, filename, headers.get("authorization"))
            commit = repo.resolve(revision)
            content = repo.files.get(filename)
        if gate is not None:
            return gate
        if commit is None:
            return revision_not_found(revision)
        if content is None:
            missing = hub_error(404, "EntryNotFound", "Entry not found")
            missing.headers["X-Repo-Commit"] = commit  # lets the client cache the absence
            return missing
        return file_response(content, commit, headers.get("range"))

    def _gate(
        self, repo: Repo, kind: RepoType, filename: str, authorization: str | None
    ) -> Response | None:
        """The GatedRepo or disabled error for a download without access, else None (lock
        held). The metadata (``model_info``, ``dataset_info``) stays public, as on the Hub."""
        if repo.disabled:
            return hub_error(403, None, DISABLED_MESSAGE)
        if not repo.gated or (self.gated_readme_public and filename == README):
            return None
        token = (authorization or "").removeprefix("Bearer ").strip()
        if token and token in self._tokens:  # the lock is held: not _allowed
            return None
        rid = repo.repo_id
        if not authorization:
            message = (
                f"Access to {kind.name} {rid} is restricted. You must have access to it and be "
                "authenticated to access it. Please log in."
            )
            return hub_error(401, "GatedRepo", message)
        message = (
            f"Access to {kind.name} {rid} is restricted and you are not in the authorized list. "
            f"Visit https://huggingface.co/{kind.url_prefix}{rid} to ask for access."
        )
        return hub_error(403, "GatedRepo", message)


def _last(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None


# --------------------------------------------------------------------------- command line


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the test fixtures as a loopback Hub.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: ephemeral)")
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES_DIR)
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS_DIR)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per request")
    args = parser.parse_args(argv)
    hub = LoopbackHub(
        args.fixtures, datasets_dir=args.datasets, port=args.port, latency=args.latency
    )
    signal.signal(signal.SIGTERM, _interrupt)  # stop cleanly when a benchmark terminates us
    with hub:
        print(hub.endpoint, flush=True)
        print(
            f"serving {len(hub.repo_ids)} models, {len(hub.dataset_ids)} datasets; Ctrl-C to stop",
            file=sys.stderr,
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
