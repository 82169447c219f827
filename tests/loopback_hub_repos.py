"""The repos of the loopback Hub: what a model or dataset fixture becomes on the wire (API
bodies, files, errors in the Hub's format). tests/loopback_hub.py routes requests to them."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loopback_markdown import build_readme
from loopback_wire import Response

TESTS_DIR = Path(__file__).resolve().parent
DEFAULT_FIXTURES_DIR = TESTS_DIR / "fixtures" / "hub" / "models"
DEFAULT_DATASETS_DIR = TESTS_DIR / "fixtures" / "links" / "datasets"

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
# The values of `ExpandDatasetProperty_T` in huggingface_hub 2.4.0 (hf_api.py).
DATASET_EXPAND_PROPERTIES = frozenset(
    {
        "author", "cardData", "citation", "createdAt", "description", "disabled", "downloads",
        "downloadsAllTime", "gated", "lastModified", "likes", "mainSize", "paperswithcode_id",
        "private", "resourceGroup", "sha", "siblings", "tags", "trendingScore", "usedStorage",
    }
)  # fmt: skip
# Keys the Hub returns without `expand` (the Sept. 2025 capture of google-t5/t5-base).
DEFAULT_FIELDS = frozenset(
    {
        "_id", "id", "modelId", "author", "sha", "lastModified", "createdAt", "private", "gated",
        "disabled", "library_name", "pipeline_tag", "tags", "downloads", "likes", "inference",
        "widgetData", "model-index", "config", "cardData", "transformersInfo", "safetensors",
        "usedStorage", "siblings", "spaces",
    }
)  # fmt: skip
# Keys a dataset answer carries without `expand` (not captured: the expandable keys a plain
# `dataset_info` returns, as the model default is the model's expandable keys).
DATASET_DEFAULT_FIELDS = frozenset(
    {
        "_id", "id", "author", "sha", "lastModified", "createdAt", "private", "gated", "disabled",
        "tags", "citation", "description", "downloads", "likes", "cardData", "siblings",
        "paperswithcode_id", "usedStorage",
    }
)  # fmt: skip
GATED_MODES = ("manual", "auto")
README = "README.md"
EMPTY_HARNESS_REGISTRY: dict[str, Any] = {"standardEnvVars": [], "harnesses": {}}
DISABLED_MESSAGE = "Access to this resource is disabled."


@dataclass(frozen=True)
class RepoType:
    """How one kind of repo appears on the wire."""

    name: str  # "model" or "dataset"
    api: str  # the /api/<api>/ segment
    url_prefix: str  # before the repo id in /resolve/ URLs
    expand: frozenset[str]
    default_fields: frozenset[str]

    @property
    def api_keys(self) -> frozenset[str]:
        """Keys of a fixture that belong to the API body; everything else is provenance."""
        extra = {"modelId", "securityRepoStatus"} if self.name == "model" else set()
        return self.expand | {"_id", "id"} | extra


MODEL = RepoType("model", "models", "", EXPAND_PROPERTIES, DEFAULT_FIELDS)
DATASET = RepoType("dataset", "datasets", "datasets/", DATASET_EXPAND_PROPERTIES,
                   DATASET_DEFAULT_FIELDS)  # fmt: skip
REPO_TYPES = {t.name: t for t in (MODEL, DATASET)}

_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


# --------------------------------------------------------------------------- helpers


def derived_sha(repo_id: str, branch: str = "main") -> str:
    """The placeholder commit served for a branch whose real commit is not known."""
    return hashlib.sha1(f"loopback:{repo_id}@{branch}".encode()).hexdigest()


def git_blob_sha(content: bytes) -> str:
    """The git blob id of ``content``: what the Hub sends as a (non-LFS) file's ETag."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def lfs_pointer(content: bytes) -> bytes:
    """The Git LFS pointer that stands for ``content`` in the repository (spec/v1)."""
    oid = hashlib.sha256(content).hexdigest()
    return b"version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %d\n" % (
        oid.encode(),
        len(content),
    )


@dataclass
class Repo:
    info: dict[str, Any]
    sha: str
    branches: dict[str, str]
    files: dict[str, bytes] = field(default_factory=dict)
    established: bool = True  # False: the fixture doubts the repo exists (`exists: null`)
    lfs: set[str] = field(default_factory=set)  # the files stored in Git LFS (weights)
    tags: dict[str, str] = field(default_factory=dict)  # name → commit
    pull_requests: dict[int, str] = field(default_factory=dict)  # number → commit (refs/pr/N)

    @property
    def repo_id(self) -> str:
        return str(self.info["id"])

    @property
    def gated(self) -> bool:
        return self.info.get("gated") in GATED_MODES

    @property
    def private(self) -> bool:
        return self.info.get("private") is True

    @property
    def disabled(self) -> bool:
        return self.info.get("disabled") is True

    def resolve(self, revision: str) -> str | None:
        """The commit a branch, a tag, a pull request's ref (`refs/pr/N`) or a commit id names."""
        name = revision.removeprefix("refs/heads/")
        if name in self.branches:
            return self.branches[name]
        tag = revision.removeprefix("refs/tags/")
        if tag in self.tags:
            return self.tags[tag]
        number = revision.removeprefix("refs/pr/")
        if revision.startswith("refs/pr/") and number.isdecimal():
            return self.pull_requests.get(int(number))
        known = {*self.branches.values(), *self.tags.values(), *self.pull_requests.values()}
        if revision in known:
            return revision
        # a commit id's start, as the Hub resolves it (huggingface_hub#197, resolved server-side
        # in 2023): the one commit it begins, when it begins one only
        prefixed = [sha for sha in known if len(revision) >= 7 and sha.startswith(revision)]
        return prefixed[0] if len(prefixed) == 1 else None


def make_repo(data: Mapping[str, Any], *, with_readme: bool = True) -> Repo:
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
    if with_readme and (readme := build_readme(info)) is not None:
        files[README] = readme.encode()
    established = info.get("exists", True) is not None
    return Repo(info=info, sha=sha, branches=branches, files=files, established=established)


def json_response(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload).encode()
    return Response(status, {"Content-Type": "application/json; charset=utf-8"}, body)


def hub_error(status: int, code: str | None, message: str) -> Response:
    """An error as the Hub sends it: X-Error-Code (when given), X-Error-Message, JSON body."""
    response = json_response({"error": message}, status)
    response.headers["X-Error-Message"] = message
    if code:
        response.headers["X-Error-Code"] = code
    return response


def repo_not_found(status: int = 404) -> Response:
    """A repo the Hub does not have, or will not say it has (a private one: 401 to a request
    without a token)."""
    return hub_error(status, "RepoNotFound", "Repository not found")


def revision_not_found(revision: str) -> Response:
    return hub_error(404, "RevisionNotFound", f"Invalid rev id: {revision}")


def not_established(repo_id: str) -> Response:
    """The answer for a repo whose existence the corpus could not establish: an error the client
    treats as "evidence unavailable", never a 200 or a 404 that would settle the question."""
    response = hub_error(503, None, f"LoopbackHub: existence of {repo_id} not established")
    response.headers["X-Loopback-Not-Established"] = "exists"
    return response


def unknown_route(method: str, path: str) -> Response:
    return hub_error(404, None, f"Not served by LoopbackHub: {method} {path}")


def truthy(values: list[str] | None) -> bool:
    """Whether a query flag (``blobs=True``, ``include_prs=1``...) is set."""
    if not values:
        return False
    return values[-1].lower() not in ("", "0", "false")


def api_body(info: Mapping[str, Any], commit: str, repo_type: RepoType) -> dict[str, Any]:
    """The fixture's API keys, with the identifiers the protocol needs filled in."""
    repo_id = str(info["id"])
    body = {k: v for k, v in info.items() if k in repo_type.api_keys}
    body["sha"] = commit
    body.setdefault("_id", hashlib.sha1(f"loopback:{repo_id}".encode()).hexdigest()[:24])
    if repo_type is MODEL:
        body.setdefault("modelId", repo_id)
    return body


# What a sibling carries only with ``blobs=true`` (RepoSibling's size, blob_id and lfs): without
# it the Hub lists each file by name alone (hub.md §1.3, §1.4).
BLOB_KEYS = ("size", "blobId", "lfs")
# A fixture's notes on a sibling (the corpus's `size_basis`): provenance, never on the wire.
_NOTE_SUFFIX = "_basis"


def with_blob(sibling: Any, files: Mapping[str, bytes], lfs: Collection[str] = ()) -> Any:
    """A sibling as ``blobs=true`` serves it: the served file's size and git blob id and, for a
    file in Git LFS, its content's SHA-256 and size (``lfs``), the blob being the LFS pointer's.
    A file the loopback does not serve keeps what its fixture gives (an ``lfs`` object too)."""
    if not isinstance(sibling, dict):
        return sibling
    sibling = {key: value for key, value in sibling.items() if not key.endswith(_NOTE_SUFFIX)}
    if sibling.get("rfilename") not in files:
        return sibling
    content = files[sibling["rfilename"]]
    if sibling["rfilename"] not in lfs:
        return {**sibling, "size": len(content), "blobId": git_blob_sha(content)}
    pointer = lfs_pointer(content)
    stored = {
        "sha256": hashlib.sha256(content).hexdigest(),
        "size": len(content),
        "pointerSize": len(pointer),
    }
    return {**sibling, "size": len(content), "blobId": git_blob_sha(pointer), "lfs": stored}


def tree_entries(
    files: Mapping[str, bytes], lfs: Collection[str], folder: str, recursive: bool
) -> list[dict[str, Any]]:
    """``GET /api/models/{id}/tree/{rev}[/{folder}]`` (``HfApi.list_repo_tree``, which
    ``snapshot_download`` lists a commit's files with): the served files under ``folder`` and
    the folders on their way, all of them with ``recursive``, else its own entries only.  A file
    as the Hub lists it: its size, git blob id and, in Git LFS, its content's SHA-256 and size
    (the blob being the LFS pointer's)."""
    prefix = f"{folder}/" if folder else ""
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted(p for p in files if p.startswith(prefix)):
        parts = path[len(prefix) :].split("/")
        shown = len(parts) if recursive else 1
        for depth in range(1, min(len(parts), shown + 1)):
            directory = prefix + "/".join(parts[:depth])
            oid = hashlib.sha1(f"tree:{directory}".encode()).hexdigest()
            entries.setdefault(directory, {"type": "directory", "oid": oid, "path": directory})
        if len(parts) <= shown:
            entries[path] = _tree_file(path, files[path], path in lfs)
    return list(entries.values())


def _tree_file(path: str, content: bytes, in_lfs: bool) -> dict[str, Any]:
    if not in_lfs:
        return {"type": "file", "oid": git_blob_sha(content), "size": len(content), "path": path}
    pointer = lfs_pointer(content)
    stored = {
        "oid": hashlib.sha256(content).hexdigest(),
        "size": len(content),
        "pointerSize": len(pointer),
    }
    return {
        "type": "file",
        "oid": git_blob_sha(pointer),
        "size": len(content),
        "path": path,
        "lfs": stored,
    }


def without_blob(sibling: Any) -> Any:
    """A sibling as the Hub serves it without ``blobs=true``: no size, no blob id, no LFS
    metadata (nor a fixture's notes)."""
    if not isinstance(sibling, dict):
        return sibling
    return {
        key: value
        for key, value in sibling.items()
        if key not in BLOB_KEYS and not key.endswith(_NOTE_SUFFIX)
    }


def file_response(content: bytes, commit: str, range_header: str | None) -> Response:
    headers = {
        "Content-Type": "text/plain; charset=utf-8",
        "ETag": f'"{git_blob_sha(content)}"',
        "X-Repo-Commit": commit,
        "Accept-Ranges": "bytes",
    }
    match = _RANGE.match(range_header or "")
    if match is None or int(match[1]) >= len(content):
        return Response(200, headers, content)
    start = int(match[1])
    end = min(int(match[2]) if match[2] else len(content) - 1, len(content) - 1)
    headers["Content-Range"] = f"bytes {start}-{end}/{len(content)}"
    return Response(206, headers, content[start : end + 1])
