"""The Hugging Face Hub source: a model repository on the Hub → Release.

This is the only module that imports ``huggingface_hub``, and only inside functions, so a local or
manifest check never pays for it.  What it asks the Hub, for one model (2 or 3 requests on a cold
cache, 1 or 2 on a warm one; each extra file below adds one request, cold only):

1. ``GET {endpoint}/api/models/{repo}[/revision/{rev}]?expand=...`` (``HfApi.model_info``'s
   request, read into its ``ModelInfo``): card data, file list, gating, tags and the commit the
   revision resolves to.
2. ``GET {endpoint}/{repo}/resolve/{commit}/README.md``: the model card's body, pinned to the
   resolved commit and stored in huggingface_hub's cache layout (``blobs/``, ``snapshots/``,
   ``refs/``, ``.no_exist/``), so a repeat check reads it from disk, as ``hf_hub_download`` and
   ``try_to_load_from_cache`` would.
3. ``GET {endpoint}/api/models/{repo}/refs`` (``list_repo_refs``): only when the card speaks of
   intermediate checkpoints, to count the checkpoint branches.

plus, only when needed, one licence file (when the card's licence id does not settle the licence,
e.g. ``license: other`` or ``unknown``) and one manifest found in the file list (``osai.yaml``,
``mof.yml``...), both cached like the README.  No weights are ever downloaded and no code from the
repository is run.  What to fetch is decided by osai.sources.hub_evidence (rules/detection.yaml).

Why files are fetched with one GET rather than ``hf_hub_download``: on a cold cache the latter makes
a HEAD and a GET, and when the server stops answering it retries with a hard-coded 60 s timeout
(about 6 minutes), past any deadline.  ``list_repo_refs`` takes no timeout at all, and an httpx
timeout bounds each read, not a whole answer: a server that trickles bytes would hold
``HfApi.model_info`` for ever.  So every request, model information included, is one streamed
GET whose body is read against the deadline, chunk by chunk.  Here every
request goes through ``huggingface_hub``'s own session, headers (token, user agent) and error
mapping (``hf_raise_for_status``), bounded by ``HubOptions.timeout``, retried on 408/429/5xx and
broken connections (``Retry-After`` honoured, capped), and the whole check bounded by
``HubOptions.deadline``.

Offline (``HubOptions.offline``, or huggingface_hub's ``HF_HUB_OFFLINE``): no request at all; the
card, licence file and manifest cached at the commit ``refs/<revision>`` names (or at the commit the
revision is).  The file list, gating and branches are not cached, so they stay unknown, and a
Finding says so.

Telemetry: huggingface_hub reads ``HF_HUB_DISABLE_TELEMETRY`` once, at import, and with telemetry on
its first request also fetches ``/api/agent-harnesses``.  Unless the user set the variable, this
module sets it to 1 for the process before importing huggingface_hub (and, when huggingface_hub
was already imported, sets the constant it was read into).

Failure is never a verdict: anything that keeps the evidence from being collected (repository or
revision not found, connection refused, timeouts, rate limits, server errors, malformed answers,
offline with nothing cached) raises ``EvidenceUnavailable("<repo>: <cause>")``.  A gated repository
whose metadata is readable is checked with what is readable, with a Finding saying what was not.
The token (``HubOptions.token`` or ``HF_TOKEN``) never appears in a message, Finding or Provenance.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

from osai import __version__
from osai.errors import BadInput, EvidenceUnavailable
from osai.evidence import LicenceFact, Provenance, Release
from osai.rules import RuleSet
from osai.sources import hub_evidence

if TYPE_CHECKING:
    from huggingface_hub.hf_api import ExpandModelProperty_T, ModelInfo

SOURCE = "hub"
README = "README.md"
HUB_URL_HOSTS = ("huggingface.co", "www.huggingface.co", "hf.co")
DEFAULT_REVISION = "main"

# What model_info asks for: every field the detection reads, nothing else.
EXPAND: tuple[ExpandModelProperty_T, ...] = (
    "sha", "author", "cardData", "siblings", "gated", "tags", "library_name", "pipeline_tag",
    "config", "transformersInfo", "disabled", "private", "lastModified",
)  # fmt: skip
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
RETRY_AFTER_CAP = 5.0  # seconds: the longest wait a Retry-After can impose
FIRST_BACKOFF = 0.5  # seconds, doubled per retry when the server gives no Retry-After
DEADLINE_SLACK = 0.05  # seconds: a timeout this close to the deadline was the deadline's
MAX_API_BYTES = 64 * 1024 * 1024  # the largest Hub API answer read (a model_info of many files)

_COMMIT = re.compile(r"[0-9a-f]{40}")
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?"
_REPO_ID = re.compile(rf"{_NAME}/{_NAME}")
_NOT_MODEL_PATHS = frozenset({"datasets", "spaces", "docs", "api", "collections", "papers"})

T = TypeVar("T")


@dataclass(frozen=True)
class HubOptions:
    """How to read the Hub.  None for endpoint/token/cache_dir: huggingface_hub's own defaults."""

    revision: str | None = None
    timeout: float = 10.0  # per request
    deadline: float = 60.0  # the whole check
    retries: int = 3  # for 408 / 429 / 5xx and broken connections, honouring Retry-After (capped)
    offline: bool = False  # from the local cache only
    endpoint: str | None = None  # None → HF_ENDPOINT, else huggingface_hub's default
    cache_dir: Path | None = None  # None → huggingface_hub's cache (HF_HUB_CACHE / HF_HOME)
    token: str | None = None  # None → huggingface_hub reads HF_TOKEN (or the stored token) itself


@dataclass(frozen=True)
class HubFile:
    """A text file of the repository, read at the checked commit (from the Hub or the cache)."""

    name: str
    text: str
    path: Path


@dataclass(frozen=True)
class HubSnapshot:
    """What the Hub said about one repository at one commit, before any interpretation.

    None means "not reported" (a field the answer did not carry, a listing not requested), which
    detection must read as unknown, never as absent.
    """

    repo_id: str
    sha: str
    endpoint: str
    revision: str = ""
    card_data: Mapping[str, Any] | None = None
    siblings: tuple[str, ...] | None = None
    gated: str | None = None  # "manual" | "auto" | "" (not gated) | None (not reported)
    tags: tuple[str, ...] = ()
    library_name: str = ""
    pipeline_tag: str = ""
    config: Mapping[str, Any] | None = None
    author: str = ""
    readme: HubFile | None = None
    readme_problem: str = ""  # why the card body could not be read, when it could not
    branches: tuple[str, ...] | None = None
    files: Mapping[str, HubFile] = field(default_factory=dict)
    offline: bool = False


# --- targets -------------------------------------------------------------------------------


def parse_hub_target(text: str) -> str | None:
    """``org/name`` or ``https://huggingface.co/org/name[/tree/rev]`` → ``org/name``; else None.

    A relative path such as ``models/mine`` is also a valid repository id: callers check for a
    local path first.
    """
    candidate = text.strip()
    parts = _url_path_parts(candidate)
    if parts is not None:
        if len(parts) < 2 or parts[0] in _NOT_MODEL_PATHS:
            return None
        candidate = f"{parts[0]}/{parts[1]}"
    return candidate if _is_repo_id(candidate) else None


def parse_hub_revision(text: str) -> str | None:
    """The revision a Hub URL names (``.../tree/<rev>`` or ``.../blob/<rev>/...``), if any."""
    parts = _url_path_parts(text.strip())
    if parts is None or len(parts) < 4 or parts[2] not in ("tree", "blob", "resolve"):
        return None
    return parts[3] or None


def _url_path_parts(text: str) -> list[str] | None:
    """The path segments of a Hub model URL (scheme optional); None if ``text`` is no Hub URL."""
    if "://" not in text and not text.startswith(tuple(f"{host}/" for host in HUB_URL_HOSTS)):
        return None
    split = urlsplit(text if "://" in text else f"https://{text}")
    if split.scheme not in ("http", "https") or split.hostname not in HUB_URL_HOSTS:
        return None
    parts = [part for part in split.path.split("/") if part]
    if parts and parts[0] == "models":
        parts = parts[1:]
    return parts


def _is_repo_id(candidate: str) -> bool:
    return (
        _REPO_ID.fullmatch(candidate) is not None
        and "--" not in candidate
        and ".." not in candidate
        and not candidate.endswith(".git")
    )


# --- the source ----------------------------------------------------------------------------


def read_hub(
    target: str, rules: RuleSet, options: HubOptions, *, manifest: Path | None = None
) -> Release:
    """Read one Hub model repository (and any manifest) into a Release, or raise.

    Raises BadInput for a target that is no Hub repository id, EvidenceUnavailable when the Hub
    (or the cache, offline) cannot supply the evidence.
    """
    repo_id = parse_hub_target(target)
    if repo_id is None:
        raise BadInput(f"{target}: not a Hugging Face Hub model id (expected org/name)")
    if options.revision is None and (revision := parse_hub_revision(target)):
        options = replace(options, revision=revision)
    call = _start(repo_id, options, hub_evidence.max_read_bytes(rules))
    try:
        snapshot = _collect(call, rules)
    except _Failure as failure:
        raise EvidenceUnavailable(call.redact(f"{repo_id}: {_explain(failure, call)}")) from None
    return _release(snapshot, rules, call, manifest)


def _release(snapshot: HubSnapshot, rules: RuleSet, call: _Call, manifest: Path | None) -> Release:
    detected = hub_evidence.release_from_snapshot(snapshot, rules)
    merged = hub_evidence.merge_declared(detected, snapshot, rules, manifest)
    return _redacted_release(merged, call)


def _collect(call: _Call, rules: RuleSet) -> HubSnapshot:
    if call.offline:
        return _collect_offline(call, rules)
    return _collect_online(call, rules)


def _collect_online(call: _Call, rules: RuleSet) -> HubSnapshot:
    snapshot = _snapshot_from_info(call, _model_info(call))
    snapshot = _with_readme(call, snapshot)
    if hub_evidence.wants_branches(snapshot, rules):
        snapshot = replace(snapshot, branches=_branches(call))
    return _with_files(call, snapshot, hub_evidence.wanted_files(snapshot, rules))


def _collect_offline(call: _Call, rules: RuleSet) -> HubSnapshot:
    sha = _cached_commit(call)
    readme = _cached_file(call, sha, README) if sha else None
    if sha is None or not isinstance(readme, HubFile):
        raise _Failure(_OfflineNothingCached())
    snapshot = HubSnapshot(
        call.repo_id, sha, call.endpoint, call.revision, readme=readme, offline=True
    )
    cached = _cached_snapshot_files(call, sha)
    wanted = hub_evidence.wanted_files(replace(snapshot, siblings=tuple(cached)), rules)
    files = {name: cached[name] for name in wanted if name in cached}
    return replace(snapshot, files=files)


# --- model_info ----------------------------------------------------------------------------


def _model_info(call: _Call) -> ModelInfo:
    """``HfApi.model_info``'s request, streamed like a file so the deadline bounds all of it."""
    from huggingface_hub.hf_api import ModelInfo

    url = f"{call.endpoint}/api/models/{call.repo_id}"
    if call.options.revision is not None:
        url += f"/revision/{quote(call.options.revision, safe='')}"
    params = {"expand": list(EXPAND)}
    body = call.with_retries(lambda timeout: _get(call, url, timeout, params, MAX_API_BYTES).body)
    try:
        return ModelInfo(**json.loads(body))  # type: ignore[no-untyped-call]
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise _Failure(error) from error


def _snapshot_from_info(call: _Call, info: ModelInfo) -> HubSnapshot:
    sha = info.sha or ""
    if not _COMMIT.fullmatch(sha):
        raise _Failure(_Malformed("the model information carries no commit id"))
    to_dict = info.card_data.to_dict if info.card_data is not None else None
    card = to_dict() if to_dict is not None else None  # type: ignore[no-untyped-call]
    siblings = tuple(s.rfilename for s in info.siblings or () if isinstance(s.rfilename, str))
    return HubSnapshot(
        repo_id=call.repo_id,
        sha=sha,
        endpoint=call.endpoint,
        revision=call.revision,
        card_data=card if isinstance(card, dict) else None,
        siblings=siblings or None,  # the Hub always lists files: an empty list was not observed
        gated=_gated(info.gated),
        tags=tuple(tag for tag in info.tags or () if isinstance(tag, str)),
        library_name=info.library_name if isinstance(info.library_name, str) else "",
        pipeline_tag=info.pipeline_tag if isinstance(info.pipeline_tag, str) else "",
        config=info.config if isinstance(info.config, dict) else None,
        author=info.author if isinstance(info.author, str) else "",
    )


def _gated(value: object) -> str | None:
    if value is False:
        return ""
    if isinstance(value, str) and value:
        return value
    return None


# --- refs ----------------------------------------------------------------------------------


def _branches(call: _Call) -> tuple[str, ...]:
    url = f"{call.endpoint}/api/models/{call.repo_id}/refs"
    body = call.with_retries(lambda timeout: _get(call, url, timeout).body)
    try:
        payload = json.loads(body)
        return tuple(str(branch["name"]) for branch in payload["branches"])
    except (ValueError, TypeError, KeyError) as error:
        raise _Failure(_Malformed("the branch list is not what the Hub API returns")) from error


# --- files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Missing:
    """The file does not exist at the commit (the Hub said so, or the cache remembers it)."""


@dataclass(frozen=True)
class _Unreadable:
    """The file exists but was not read: gated without access, or larger than osai reads."""

    reason: str


FileOutcome = HubFile | _Missing | _Unreadable


def _with_readme(call: _Call, snapshot: HubSnapshot) -> HubSnapshot:
    listed = snapshot.siblings is None or README in snapshot.siblings
    if not listed and snapshot.card_data is None:
        return snapshot
    outcome = _file(call, snapshot.sha, README)
    if isinstance(outcome, HubFile):
        return replace(snapshot, readme=outcome)
    if isinstance(outcome, _Unreadable):
        return replace(snapshot, readme_problem=outcome.reason)
    return replace(snapshot, readme_problem="README.md is not in the repository at this commit")


def _with_files(call: _Call, snapshot: HubSnapshot, names: tuple[str, ...]) -> HubSnapshot:
    files = dict(snapshot.files)
    for name in names:
        outcome = _file(call, snapshot.sha, name)
        if isinstance(outcome, HubFile):
            files[name] = outcome
    return replace(snapshot, files=files)


def _file(call: _Call, sha: str, name: str) -> FileOutcome:
    """A file at a commit: from the cache when there, else one GET, stored in the cache."""
    cached = _cached_file(call, sha, name)
    if cached is not None:
        return cached
    from huggingface_hub.errors import GatedRepoError, RemoteEntryNotFoundError

    # Not hf_hub_url: it rewrites only URLs that start with constants.ENDPOINT (read at import).
    url = f"{call.endpoint}/{call.repo_id}/resolve/{sha}/{quote(name)}"
    try:
        fetched = call.with_retries(lambda timeout: _get(call, url, timeout))
    except _Failure as failure:
        if isinstance(failure.cause, RemoteEntryNotFoundError):
            _remember_missing(call, sha, name)
            return _Missing()
        if isinstance(failure.cause, GatedRepoError):
            return _Unreadable(f"{name} could not be read: gated repository ({_gate_hint(call)})")
        if isinstance(failure.cause, _TooLarge):
            return _Unreadable(f"{name} was not read: {failure.cause}")
        raise
    return _store(call, sha, name, fetched)


def _gate_hint(call: _Call) -> str:
    if call.has_token:
        return "the token in use has not been granted access"
    return "set HF_TOKEN to a token that has been granted access"


@dataclass(frozen=True)
class _Fetched:
    body: bytes
    etag: str = ""


def _get(
    call: _Call,
    url: str,
    timeout: float,
    params: Mapping[str, Any] | None = None,
    max_bytes: int | None = None,
) -> _Fetched:
    """One GET through huggingface_hub's session; Hub errors raised as its own exceptions.

    `timeout` bounds each read; the check's deadline bounds the whole answer (see _read_capped).
    """
    from huggingface_hub import get_session, hf_raise_for_status
    from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]  # lazy export

    headers = build_hf_headers(
        token=call.options.token, library_name="osai", library_version=__version__
    )
    with get_session().stream(
        "GET", url, headers=headers, timeout=timeout, params=dict(params or {})
    ) as response:
        if response.status_code >= 400:
            response.read()
            hf_raise_for_status(response)
        body = _read_capped(response.iter_bytes(), max_bytes or call.max_bytes, call)
        etag = response.headers.get("x-linked-etag") or response.headers.get("etag") or ""
    return _Fetched(body, etag.removeprefix("W/").strip('"'))


def _read_capped(chunks: Iterator[bytes], max_bytes: int, call: _Call) -> bytes:
    """The body, at most `max_bytes`, read before the check's deadline: a server that trickles
    bytes never lets one read time out, so the time left is checked at every chunk."""
    data = bytearray()
    for chunk in chunks:
        data.extend(chunk)
        if len(data) > max_bytes:
            raise _Failure(_TooLarge(f"larger than {max_bytes:,} bytes, the most osai reads"))
        if call.remaining() <= 0:
            raise _Failure(_DeadlineExceeded())
    return bytes(data)


# --- the cache (huggingface_hub's layout) --------------------------------------------------


def _storage(call: _Call) -> Path:
    from huggingface_hub.file_download import repo_folder_name

    return call.cache_root / repo_folder_name(repo_id=call.repo_id, repo_type="model")


def _cached_file(call: _Call, sha: str, name: str) -> FileOutcome | None:
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(
        call.repo_id, name, cache_dir=call.cache_root, revision=sha, repo_type="model"
    )
    if isinstance(found, str):
        return _hub_file(name, Path(found))
    if found is not None:  # huggingface_hub's marker for a file known not to exist
        return _Missing()
    return None


def _hub_file(name: str, path: Path) -> HubFile | None:
    try:
        return HubFile(name, path.read_bytes().decode("utf-8", errors="replace"), path)
    except OSError:
        return None


def _cached_commit(call: _Call) -> str | None:
    """The commit to read offline: the revision itself if a commit id, else the cached ref."""
    if _COMMIT.fullmatch(call.revision):
        return call.revision
    ref = _storage(call) / "refs" / call.revision
    with contextlib.suppress(OSError):
        sha = ref.read_text(encoding="utf-8").strip()
        return sha if _COMMIT.fullmatch(sha) else None
    return None


def _cached_snapshot_files(call: _Call, sha: str) -> dict[str, HubFile]:
    folder = _storage(call) / "snapshots" / sha
    files: dict[str, HubFile] = {}
    with contextlib.suppress(OSError):
        for path in sorted(folder.iterdir()):
            if path.is_file() and (read := _hub_file(path.name, path)) is not None:
                files[path.name] = read
    return files


def _store(call: _Call, sha: str, name: str, fetched: _Fetched) -> HubFile:
    """Write the file as hf_hub_download would: a blob, a snapshot pointer, the branch ref."""
    storage = _storage(call)
    blob = storage / "blobs" / (fetched.etag or _git_blob_sha(fetched.body))
    pointer = storage / "snapshots" / sha / name
    text = fetched.body.decode("utf-8", errors="replace")
    try:
        if not blob.exists():
            _atomic_write(blob, fetched.body)
        _link(blob, pointer)
        _write_ref(storage, call.revision, sha)
    except OSError:  # a read-only or full cache costs a repeat request, not the check
        return HubFile(name, text, blob if blob.exists() else pointer)
    return HubFile(name, text, pointer)


def _remember_missing(call: _Call, sha: str, name: str) -> None:
    marker = _storage(call) / ".no_exist" / sha / name
    with contextlib.suppress(OSError):
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        _write_ref(_storage(call), call.revision, sha)


def _write_ref(storage: Path, revision: str, sha: str) -> None:
    if revision == sha or not revision or "/" in revision or revision.startswith("."):
        return
    ref = storage / "refs" / revision
    if not ref.exists() or ref.read_text(encoding="utf-8") != sha:
        _atomic_write(ref, sha.encode())


def _link(blob: Path, pointer: Path) -> None:
    if pointer.exists():
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    try:
        pointer.symlink_to(os.path.relpath(blob, pointer.parent))
    except FileExistsError:  # another check of the same repository got there first
        return
    except OSError:  # no symlinks here (some Windows setups): copy, as huggingface_hub does
        _atomic_write(pointer, blob.read_bytes())


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _git_blob_sha(content: bytes) -> str:
    """The git blob id: what the Hub sends as a (non-LFS) file's ETag."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


# --- one check's transport: deadline, retries, token -----------------------------------------


@dataclass(frozen=True)
class _Call:
    """One check of one repository: where to ask, how long it may take, what to keep secret."""

    repo_id: str
    options: HubOptions
    endpoint: str
    cache_root: Path
    offline: bool
    secrets: tuple[str, ...]
    max_bytes: int  # a model card, licence file or manifest; never weights
    started: float

    @property
    def revision(self) -> str:
        return self.options.revision or DEFAULT_REVISION

    @property
    def has_token(self) -> bool:
        return bool(self.secrets)

    def remaining(self) -> float:
        return self.options.deadline - (time.monotonic() - self.started)

    def request_timeout(self) -> float:
        remaining = self.remaining()
        if remaining <= 0:
            raise _Failure(_DeadlineExceeded())
        return max(0.001, min(self.options.timeout, remaining))

    def with_retries(self, send: Callable[[float], T]) -> T:
        """``send(timeout)``, retried on 408/429/5xx and broken connections, within the deadline."""
        attempt = 1
        while True:
            try:
                return send(self.request_timeout())
            except _Failure:
                raise
            except Exception as error:  # classified below; anything unexpected is a failure too
                wait = self._retry_wait(error, attempt)
                if wait is None:
                    raise self._failure(error, attempt) from error
            time.sleep(wait)
            attempt += 1

    def _failure(self, error: Exception, attempt: int) -> _Failure:
        """The failure to report: a timeout cut short by the deadline is the deadline's."""
        if self.remaining() <= DEADLINE_SLACK and _is_timeout(error):
            return _Failure(_DeadlineExceeded(), attempt)
        return _Failure(error, attempt)

    def _retry_wait(self, error: Exception, attempt: int) -> float | None:
        if attempt > self.options.retries or not _retryable(error):
            return None
        asked = _retry_after(error)
        backoff = FIRST_BACKOFF * 2 ** (attempt - 1)
        wait = min(backoff if asked is None else asked, RETRY_AFTER_CAP)
        return wait if wait < self.remaining() else None

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def _start(repo_id: str, options: HubOptions, max_bytes: int) -> _Call:
    _disable_telemetry()
    from huggingface_hub import constants, get_token

    endpoint = (options.endpoint or os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")
    token = options.token or _implicit_token(get_token, constants.HF_HUB_DISABLE_IMPLICIT_TOKEN)
    return _Call(
        repo_id=repo_id,
        options=options,
        endpoint=endpoint,
        cache_root=Path(options.cache_dir or constants.HF_HUB_CACHE).expanduser(),
        offline=options.offline or constants.is_offline_mode(),
        secrets=tuple(s for s in (token, _url_password(endpoint)) if s),
        max_bytes=max_bytes,
        started=time.monotonic(),
    )


def _implicit_token(get_token: Callable[[], str | None], disabled: bool) -> str:
    if disabled:
        return ""
    try:
        return get_token() or ""
    except Exception:  # a broken token file is huggingface_hub's to report, not ours
        return ""


def _url_password(url: str) -> str:
    with contextlib.suppress(ValueError):
        return urlsplit(url).password or ""
    return ""


def _disable_telemetry() -> None:
    """Telemetry off for osai's requests, unless the user said otherwise (read at import)."""
    if "HF_HUB_DISABLE_TELEMETRY" in os.environ:
        return
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:
        setattr(constants, "HF_HUB_DISABLE_TELEMETRY", True)  # noqa: B010 - read at import


def _retryable(error: Exception) -> bool:
    from huggingface_hub.errors import HfHubHTTPError
    from huggingface_hub.utils import httpx  # type: ignore[attr-defined]  # httpx2 in 2.x

    if isinstance(error, HfHubHTTPError):
        return _status(error) in RETRY_STATUSES
    return isinstance(error, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError)


def _is_timeout(error: Exception) -> bool:
    from huggingface_hub.utils import httpx  # type: ignore[attr-defined]  # httpx2 in 2.x

    return isinstance(error, httpx.TimeoutException)


def _status(error: Exception) -> int | None:
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def _retry_after(error: Exception) -> float | None:
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:  # an HTTP date: not worth parsing for a few seconds' wait
        return None


def _redacted_release(release: Release, call: _Call) -> Release:
    """The release with every secret removed from its text (belt and braces): findings,
    components (their provenance and licences), facts, and the document (the endpoint without
    its credentials)."""
    if not call.secrets:
        return release
    findings = tuple(
        replace(
            f,
            message=call.redact(f.message),
            provenance=tuple(_redact_provenance(p, call) for p in f.provenance),
        )
        for f in release.findings
    )
    components = {
        key: replace(
            evidence,
            provenance=tuple(_redact_provenance(p, call) for p in evidence.provenance),
            licence=_redact_licence(evidence.licence, call),
            location=call.redact(evidence.location),
        )
        for key, evidence in release.components.items()
    }
    facts = {
        key: replace(
            fact,
            value=call.redact(fact.value),
            provenance=_redact_provenance(fact.provenance, call),
        )
        for key, fact in release.facts.items()
    }
    document = f"{_without_credentials(call.endpoint)}/{call.repo_id}"
    return replace(
        release, findings=findings, components=components, facts=facts, document=document
    )


def _redact_licence(licence: LicenceFact | None, call: _Call) -> LicenceFact | None:
    if licence is None:
        return None
    return replace(
        licence,
        text=call.redact(licence.text),
        provenance=_redact_provenance(licence.provenance, call),
        inherited_from=call.redact(licence.inherited_from),
    )


def _without_credentials(url: str) -> str:
    split = urlsplit(url)
    return urlunsplit(split._replace(netloc=split.netloc.rpartition("@")[2]))


def _redact_provenance(provenance: Provenance, call: _Call) -> Provenance:
    return replace(
        provenance,
        location=call.redact(provenance.location),
        value=call.redact(provenance.value),
        note=call.redact(provenance.note),
    )


# --- failures, in plain words --------------------------------------------------------------


class _Failure(Exception):
    """A request (or the cache, offline) could not supply the evidence."""

    def __init__(self, cause: BaseException, attempts: int = 1) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.attempts = attempts


class _DeadlineExceeded(Exception):
    pass


class _OfflineNothingCached(Exception):
    pass


class _Malformed(Exception):
    pass


class _TooLarge(Exception):
    pass


def _kinds(cause: BaseException) -> str:
    """The failure's kind, as the explanations below name it."""
    from huggingface_hub import errors
    from huggingface_hub.utils import httpx  # type: ignore[attr-defined]  # httpx2 in 2.x

    ordered: tuple[tuple[str, type[BaseException] | tuple[type[BaseException], ...]], ...] = (
        ("deadline", _DeadlineExceeded),
        ("offline-empty", _OfflineNothingCached),
        ("malformed", _Malformed),
        ("too-large", _TooLarge),
        ("gated", errors.GatedRepoError),  # a RepositoryNotFoundError: test it first
        ("repo", errors.RepositoryNotFoundError),
        ("revision", errors.RevisionNotFoundError),
        ("disabled", errors.DisabledRepoError),
        ("offline-mode", errors.OfflineModeIsEnabled),
        ("http", errors.HfHubHTTPError),
        ("timeout", httpx.TimeoutException),
        ("connect", httpx.ConnectError),
        ("transport", httpx.TransportError),
        ("json", (ValueError, TypeError, KeyError, AttributeError)),
    )
    return next((name for name, kind in ordered if isinstance(cause, kind)), "other")


def _explain(failure: _Failure, call: _Call) -> str:
    cause, host = failure.cause, _host(call)
    messages = {
        "deadline": f"no complete answer within the {call.options.deadline:g} s deadline",
        "offline-empty": "offline, and its model card is not in the local cache"
        " (check it once online first)",
        "malformed": f"malformed answer from {host}: {cause}",
        "too-large": f"an answer from {host} was {cause}",
        "gated": f"gated repository, access not granted ({_gate_hint(call)})",
        "repo": f"repository not found on {host} (a private repository needs HF_TOKEN)",
        "revision": f"revision '{call.revision}' not found",
        "disabled": "the repository has been disabled on the Hub",
        "offline-mode": "offline mode is on (HF_HUB_OFFLINE) and the answer is not cached",
        "timeout": f"no answer from {host} within {call.options.timeout:g} s",
        "connect": f"cannot connect to {host} (connection refused or host unreachable)",
        "transport": f"the connection to {host} broke off mid-answer{_after(failure)}",
        "json": f"malformed answer from {host} (not the Hub API's JSON)",
    }
    kind = _kinds(cause)
    if kind == "http":
        return _http_error(cause, failure, host)
    return messages.get(kind, f"unexpected answer from {host} ({type(cause).__name__})")


def _host(call: _Call) -> str:
    return urlsplit(call.endpoint).netloc.rpartition("@")[2] or call.endpoint


def _after(failure: _Failure) -> str:
    return f" after {failure.attempts} attempts" if failure.attempts > 1 else ""


def _http_error(cause: BaseException, failure: _Failure, host: str) -> str:
    status = _status(cause) if isinstance(cause, Exception) else None
    if status == 429:
        return f"rate limited by {host} (HTTP 429){_after(failure)}; try again later"
    if status is not None and status >= 500:
        return f"{host} answered HTTP {status} (server error){_after(failure)}"
    return f"{host} refused the request (HTTP {status})"


__all__ = [
    "HubFile",
    "HubOptions",
    "HubSnapshot",
    "parse_hub_revision",
    "parse_hub_target",
    "read_hub",
]
