"""The Hugging Face Hub backend: a model repository at one commit → a RepoSnapshot.

What it asks the Hub, for one model (2 or 3 requests on a cold cache, 1 or 2 on a warm one; each
extra file adds one request, cold only):

1. ``GET {endpoint}/api/models/{repo}[/revision/{rev}]?expand=...`` (``HfApi.model_info``'s
   request, read into its ``ModelInfo``): card data, file list, gating, tags and the commit the
   revision resolves to.  When a BOM is written, ``?blobs=true`` instead (``files_metadata``):
   the same fields and more, with each file's size and, for a Git LFS file, the SHA-256 of its
   content, which the BOM states for the weights (huggingface_hub refuses ``expand`` with it).
   When that answer is not what the API returns (huggingface_hub reads each file's ``lfs``
   whole), it is asked for again as without a BOM, once: the BOM states no digest, and a note
   says why, rather than the check failing for what only the BOM would have stated.
2. ``GET {endpoint}/{repo}/resolve/{commit}/README.md``: the model card, pinned to the commit and
   stored in huggingface_hub's cache layout (osai.backends.hub.cache).
3. ``GET {endpoint}/api/models/{repo}/refs``: only when the card speaks of intermediate
   checkpoints, to count the checkpoint branches.
4. ``GET {endpoint}/api/models?author=...`` (then ``?search=...``): only when the Hub says the
   repository does not exist, one page each, for the model a typo meant; ``GET
   {endpoint}/api/models/{repo}/refs`` when it says the revision does not, for the branch or
   tag (osai.backends.hub.nearby).

plus the few files osai.extract.reading plans and the Hub reads (`READ_ON_THE_HUB`: a manifest,
an adapter's config when the card names no base model, and a licence file when the card's
licence id does not settle the licence).  No weights are ever
downloaded and no code from the repository is run.

Online, the model information (1.) and the branches (3.) are kept in osai's answer cache, keyed
by repository id and commit (osai.backends.hub.kept): huggingface_hub's cache keeps files, not
API answers.

Offline (``HubOptions.offline``, or huggingface_hub's ``HF_HUB_OFFLINE``): no request at all; the
files cached at the commit ``refs/<revision>`` names (or at the commit the revision is), and the
model information and branches kept for that commit, a Finding saying of which day.  What was not
kept (a check by an earlier osai) stays unknown, and the Finding says so.

Failure is never a verdict: anything that keeps the evidence from being collected raises
``EvidenceUnavailable("<repo>: <cause>")``.  A gated repository whose metadata is readable is
checked with what is readable, with a Finding saying what was not.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote

from osai.backends.answers import AnswerCache
from osai.backends.hub import cache
from osai.backends.hub.cache import FileOutcome, Missing, Unreadable
from osai.backends.hub.client import Call, HubOptions, get, start
from osai.backends.hub.failures import (
    SHAPE_ERRORS,
    Failure,
    OfflineNothingCached,
    explain,
    gate_hint,
    is_bad_input,
    is_transient,
    malformed,
    names_no_repository,
    names_no_revision,
    not_the_api,
    shaped_or,
)
from osai.backends.hub.info import README, SOURCE, empty_snapshot, snapshot_from_info
from osai.backends.hub.kept import (
    KeptInfo,
    keep_branches,
    keep_info,
    kept_branches,
    kept_info,
    parsed_info,
)
from osai.backends.hub.nearby import nearest_repository, nearest_revision
from osai.errors import BadInput, EvidenceUnavailable, NoSuchRepository, OsaiError
from osai.evidence import (
    Certainty,
    Finding,
    FindingKind,
    NoDigest,
    Provenance,
    Unread,
    UnreadWhy,
)
from osai.hubrefs import COMMIT, at_commit
from osai.net import Malformed, NetFailure, TooLarge
from osai.snapshot import READ_ON_THE_HUB, HostFacts, ReadPlan, RepoSnapshot, TextFile
from osai.textsafe import some_of

if TYPE_CHECKING:
    from huggingface_hub.hf_api import ExpandModelProperty_T, ModelInfo

MAX_API_BYTES = 64 * 1024 * 1024  # the largest Hub API answer read (a model_info of many files)

# What model_info asks for: every field the detection reads, nothing else.
EXPAND: tuple[ExpandModelProperty_T, ...] = (
    "sha", "author", "cardData", "siblings", "gated", "tags", "library_name", "pipeline_tag",
    "config", "transformersInfo", "disabled", "private", "lastModified",
)  # fmt: skip

T = TypeVar("T")


@dataclass(frozen=True)
class HubRepository:
    """One Hub model repository to read (osai.backends.Backend)."""

    call: Call
    digests: bool = False  # ask for the files' metadata: a BOM states the weights' digests
    # lower-case names (rules/detection.yaml): an offline check reads the cached texts of one
    licence_directories: frozenset[str] = frozenset()
    # where the Hub's answers are kept for an offline check (None: not kept, none read)
    answers: AnswerCache | None = None

    @classmethod
    def open(
        cls,
        repo_id: str,
        options: HubOptions,
        max_bytes: int,
        digests: bool = False,
        licence_directories: frozenset[str] = frozenset(),
        answers: AnswerCache | None = None,
    ) -> HubRepository:
        call = start(repo_id, options, max_bytes)
        return cls(call, digests, licence_directories, answers)

    def first_look(self) -> RepoSnapshot:
        snapshot = self._answering(self._first_look)
        options = self.call.options
        asked = "" if options.revision_published else options.revision or ""
        return replace(snapshot, revision_asked=asked)

    def read(self, snapshot: RepoSnapshot, plan: ReadPlan) -> RepoSnapshot:
        return self._answering(lambda: self._read(snapshot, plan))

    def _answering(self, collect: Callable[[], T]) -> T:
        from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled

        call = self.call
        try:
            return collect()
        except (NetFailure, HfHubHTTPError, OfflineModeIsEnabled) as error:
            failure = Failure(error)
        except Failure as error:
            failure = error
        nearest = None
        if names_no_repository(failure):  # a typo is likelier than a private model
            nearest = nearest_repository(call)
        elif names_no_revision(failure):
            nearest = nearest_revision(call)
        cause = explain(failure, call, nearest)
        kind: type[OsaiError] = EvidenceUnavailable
        if is_bad_input(failure):
            kind = NoSuchRepository if names_no_repository(failure) else BadInput
        elif is_transient(failure) and not call.offline:
            cause += _cached_instead(call)
        raise kind(call.redact(f"{call.repo_id}: {cause}")) from None

    # --- first look ------------------------------------------------------------------------

    def _first_look(self) -> RepoSnapshot:
        if self.call.offline:
            return self._first_look_offline()
        info, body, digests_unread = _model_info(self.call, self.digests)
        snapshot = _snapshot_from_info(self.call, info)
        keep_info(self.answers, self.call.repo_id, snapshot.revision, body)
        read = _with_readme(self.call, replace(snapshot, digests_unread=digests_unread))
        cache.remember_revision(self.call, snapshot.revision)
        return _said_if_unkept(self.call, read)

    def _first_look_offline(self) -> RepoSnapshot:
        call = self.call
        sha = cache.cached_commit(call)
        readme = cache.cached_file(call, sha, README) if sha else None
        described = kept_info(self.answers, call.repo_id, sha, call.endpoint) if sha else None
        if sha is not None and described is not None and _card_as_online(readme, described):
            return self._as_kept(sha, readme, described)
        if sha is None or not isinstance(readme, TextFile):
            raise Failure(OfflineNothingCached())
        kept, note = _read_offline(
            call,
            sha,
            "the file list, gating and branches were not checked (no usable answer of the Hub "
            "kept for it)",
        )
        # What osai fetched online for this commit (the card, a licence file, a manifest) is
        # what the plan asked for then: read all of it, since reading the cache is free: the top
        # level, and a licence directory's texts (REUSE's LICENSES/), as online.
        files = {
            **cache.cached_snapshot_files(call, sha, self.licence_directories),
            README: readme,
        }
        return replace(
            _empty_snapshot(call, sha),
            texts=files,
            host=HostFacts(offline=True, kept_on=kept),
            findings=(note,),
        )

    def _as_kept(self, sha: str, readme: FileOutcome | None, described: KeptInfo) -> RepoSnapshot:
        """Offline, the model as the Hub described it at `sha` (the answer kept that day), with
        the files cached at it, its card read as online: a gated model whose card was never
        readable is judged on the card metadata the Hub gave, as it was online."""
        call = self.call
        kept, note = _read_offline(
            call,
            sha,
            f"the file list, gating and tags from the cache of {described.day} (the Hub's "
            "answer then)",
        )
        snapshot = described.snapshot
        files = cache.cached_snapshot_files(call, sha, self.licence_directories)
        files.pop(README, None)  # the card is read as online (a Git LFS pointer is none)
        host = replace(snapshot.host, offline=True, kept_on=kept)
        unread = "" if snapshot.digests else _no_metadata_kept(described)
        snapshot = replace(
            snapshot,
            texts=files,
            host=host,
            digests_unread=unread,
            findings=(*snapshot.findings, note),
        )
        return _offline_card(call, snapshot, readme)

    # --- reading what the plan asks for ----------------------------------------------------

    def _read(self, snapshot: RepoSnapshot, plan: ReadPlan) -> RepoSnapshot:
        call = self.call
        if snapshot.host.offline:  # the first look read the whole cache
            return self._with_undigested(self._kept_branches(snapshot, plan), plan)
        names = plan.within(READ_ON_THE_HUB)
        files = {}
        # tried and not read (too large, gated), as a local directory keeps them: a LICENSE.pdf
        # beside the LICENSE read is a copy of it, where one never tried (the ninth) may differ
        unreadable = set(snapshot.unreadable)
        for name in names:
            outcome = file_at(call, snapshot.revision, name)
            if isinstance(outcome, TextFile):
                files[name] = outcome
            elif isinstance(outcome, Unreadable):
                unreadable.add(name)
        branches = snapshot.host.branches
        if plan.branches:
            branches = _branches(call)
            keep_branches(self.answers, call.repo_id, snapshot.revision, branches)
        host = replace(snapshot.host, branches=branches)
        wanted = set(plan.digests)  # the first look had every LFS file's: keep the plan's
        digests = tuple(digest for digest in snapshot.digests if digest.path in wanted)
        texts = {**snapshot.texts, **files}
        read = replace(
            snapshot, texts=texts, host=host, digests=digests, unreadable=frozenset(unreadable)
        )
        return self._with_undigested(read, plan)

    def _kept_branches(self, snapshot: RepoSnapshot, plan: ReadPlan) -> RepoSnapshot:
        """Offline, the branches the plan asks for, as the Hub listed them when the model was
        read online at this commit, and a note of which day (none kept: the first look's
        note says they were not checked, or a warning that what was kept is damaged)."""
        if not plan.branches:
            return snapshot
        found = kept_branches(self.answers, self.call.repo_id, snapshot.revision)
        if found is None:
            return snapshot
        message = f"offline: the branches from the cache of {found[1]} (the Hub's answer then)"
        host = replace(snapshot.host, branches=found[0])
        where = _at(snapshot.target, snapshot.revision)
        note = Finding(FindingKind.NOTE, message, (where,))
        return replace(snapshot, host=host, findings=(*snapshot.findings, note))

    def _with_undigested(self, snapshot: RepoSnapshot, plan: ReadPlan) -> RepoSnapshot:
        """When a BOM is written, one note on the weights it states no digest of, and why."""
        message = _undigested(snapshot, plan) if self.digests else ""
        if not message:
            return snapshot
        where = _at(snapshot.target, snapshot.revision)
        given = {digest.path for digest in snapshot.digests}
        paths = tuple(path for path in plan.digests if path not in given)
        each = tuple(_undigested(snapshot, plan, (path,)) for path in paths)
        missing = NoDigest(paths, message, each if each != (message,) * len(paths) else ())
        note = Finding(FindingKind.NOTE, message, (where,), no_digest=missing)
        return replace(snapshot, findings=(*snapshot.findings, note))


def _read_offline(call: Call, sha: str, checked: str) -> tuple[str, Finding]:
    """The day the cache last had the model at `sha` ("" when not known), and the note that it
    was read from there, and what of it (`checked`) was or was not."""
    kept = cache.kept_on(call, sha, README) or ""
    of = f" of {kept}" if kept else ""
    message = f"offline: read from the local cache{of}, at commit {sha[:7]}; {checked}"
    return kept, Finding(FindingKind.NOTE, message, (_at(call.repo_id, sha),))


def _at(repo_id: str, sha: str) -> Provenance:
    """Where a note of the repository at commit `sha` points."""
    return Provenance(SOURCE, at_commit(repo_id, sha), "", Certainty.DETECTED)


def _cached_instead(call: Call) -> str:
    """When the Hub could not be read but an earlier check left the model in the local cache,
    how to check that instead ("" when it did not): a CI job on a flaky network, or a laptop
    on a train, was told only that the Hub failed."""
    sha = cache.cached_commit(call)
    if sha is None or not isinstance(cache.cached_file(call, sha, README), TextFile):
        return ""
    # the user's own command again, with all its flags; a census's deep check names the
    # command, not the flag alone: it said "--offline checks that", an option `osai census`
    # does not have
    command = "the same command with --offline"
    if call.options.command:
        revision = call.options.revision
        again = f" --revision {shlex.quote(revision)}" if revision else ""
        command = f"{call.options.command} {shlex.quote(call.repo_id)}{again} --offline"
    kept = cache.kept_on(call, sha, README)
    of = f" of {kept}" if kept else ""
    return f"; the local cache{of} holds it at commit {sha[:7]}: {command} checks that"


def _undigested(snapshot: RepoSnapshot, plan: ReadPlan, only: tuple[str, ...] = ()) -> str:
    """Why the BOM states no digest of some of the weights ("" when it states all of them):
    offline, the Hub was not asked (nor were the files listed); else its answer with them
    could not be read, or it gives none for a file kept in Git rather than Git LFS.  `only`:
    said of these files alone (each one's osai:digests:unstated)."""
    if snapshot.host.offline and snapshot.listing is None:  # no answer of the Hub kept
        return (
            "offline: the Hub's file metadata was not read; the BOM states no digest of the weights"
        )
    given = {digest.path for digest in snapshot.digests}
    missing = [path for path in only or plan.digests if path not in given]
    if not missing:
        return ""
    if snapshot.digests_unread:
        return f"{snapshot.digests_unread}; the BOM states no digest of the weights"
    # in words for one file or many: each file's own osai:digests:unstated says it of itself,
    # and a check of the BOM says it of them all again (osai.sources.bom._unstated_note)
    return (
        f"the Hub gives no SHA-256 of {some_of(missing)} (it gives one only for a file in Git "
        "LFS), so the BOM states no digest"
    )


def _empty_snapshot(call: Call, sha: str) -> RepoSnapshot:
    return empty_snapshot(call.repo_id, call.endpoint, sha)


# --- model_info --------------------------------------------------------------------------------


def _no_metadata_kept(described: KeptInfo) -> str:
    return (
        f"offline: the Hub's answer kept on {described.day} has no file metadata (it was read "
        "for a check, not a BOM)"
    )


def _model_info(call: Call, files_metadata: bool = False) -> tuple[ModelInfo, bytes, str]:
    """``HfApi.model_info``'s request, bounded by the check's budget (a large file list fits),
    and its answer as sent (to be kept: osai.backends.hub.kept); and why the
    files' digests are not in it, when they were asked for and are not ("" otherwise).

    `files_metadata`: with each file's size and LFS digest, in the Hub's default answer, which
    has every field of EXPAND (huggingface_hub refuses ``expand`` with ``files_metadata``).  When
    that answer is not what the API returns, or the Hub refuses that form of the request (a
    400: a mirror that knows no `blobs`), EXPAND is asked for instead, once (a request more):
    the digests only a BOM states are no reason for a check to fail, and the same answer
    without them fails as it would have without a BOM."""
    from huggingface_hub.errors import BadRequestError

    # HfApi.model_info's request, made here to keep the answer it reads (it returns only what it
    # parsed): the same URL, headers, session and error mapping, read by the same ModelInfo
    url = f"{call.endpoint}/api/models/{call.repo_id}"
    if call.options.revision is not None:
        url += f"/revision/{quote(call.options.revision, safe='')}"

    def asking(params: dict[str, object]) -> Callable[[], tuple[ModelInfo, bytes]]:
        def send() -> tuple[ModelInfo, bytes]:
            body = get(call, url, params).body
            return parsed_info(body), body

        return send

    unread = ""
    if files_metadata:
        try:
            info, body = call.with_retries(asking({"blobs": True}), MAX_API_BYTES)
            return info, body, ""
        except BadRequestError:  # a ValueError too: the refusal is no answer of another shape
            unread = "the Hub refused the request for its file metadata (HTTP 400)"
        except SHAPE_ERRORS as error:
            unread = not_the_api("the Hub's answer with its file metadata", error)
    with shaped_or(lambda error: Failure(malformed(call, "the model information", error))):
        info, body = call.with_retries(asking({"expand": list(EXPAND)}), MAX_API_BYTES)
        return info, body, unread


def _snapshot_from_info(call: Call, info: ModelInfo) -> RepoSnapshot:
    """The model information as a snapshot (osai.backends.hub.info: the one conversion, every
    field's type checked before use), its commit required."""
    sha = info.sha if isinstance(info.sha, str) else ""
    if not COMMIT.fullmatch(sha):
        raise Failure(Malformed("the model information carries no commit id"))
    try:
        return snapshot_from_info(info, call.endpoint, call.repo_id)
    except SHAPE_ERRORS as error:
        raise Failure(malformed(call, "the model information", error)) from error


# --- refs and files ------------------------------------------------------------------------------


def _branches(call: Call) -> tuple[str, ...]:
    """``HfApi.list_repo_refs``: the branch names (bounded like every request of the check)."""
    api = call.api()
    with shaped_or(lambda error: Failure(malformed(call, "the branch list", error))):
        refs = call.with_retries(lambda: api.list_repo_refs(call.repo_id))
        return tuple(branch.name for branch in refs.branches if isinstance(branch.name, str))


def _card_unlisted(snapshot: RepoSnapshot) -> bool:
    """Whether the Hub's file list is known and names no card."""
    return snapshot.listing is not None and README not in snapshot.listing


def _no_card(snapshot: RepoSnapshot) -> bool:
    """Whether there is no card to read or to say unread: none listed, and no card metadata."""
    return _card_unlisted(snapshot) and snapshot.host.card_data is None


def _with_readme(call: Call, snapshot: RepoSnapshot) -> RepoSnapshot:
    if _no_card(snapshot):
        return snapshot
    return _with_card(snapshot, file_at(call, snapshot.revision, README))


def _card_as_online(cached: FileOutcome | None, described: KeptInfo) -> bool:
    """Whether the cache holds the card as the online check had it: read, known missing, not
    in the file list, or gated (read without access from the card metadata the Hub gave, as
    online).  A card the online check read and the cache lost (damaged, removed) is not: the
    model is not in the local cache, rather than judged on less than it was online."""
    snapshot = described.snapshot
    unlisted = _card_unlisted(snapshot)
    return isinstance(cached, TextFile | Missing) or unlisted or bool(snapshot.host.gated)


def _offline_card(call: Call, snapshot: RepoSnapshot, cached: FileOutcome | None) -> RepoSnapshot:
    """Offline, the card as the cache holds it (`_card_as_online`); when it holds none, why, as
    the Hub's answer kept tells it: not in the repository, or withheld by the gate."""
    if cached is None and _card_unlisted(snapshot):
        cached = Missing()
    if cached is None:  # gated: without access, never read, never cached
        hint = gate_hint(call.has_token)
        reason = f"{README} could not be read: gated repository ({hint})"
        cached = Unreadable(reason, UnreadWhy.GATED, hint)
    return _with_card(snapshot, cached)


def _with_card(snapshot: RepoSnapshot, outcome: FileOutcome) -> RepoSnapshot:
    """The snapshot with the card `outcome` is (read, withheld, missing)."""
    if _no_card(snapshot):
        return snapshot
    if isinstance(outcome, TextFile):
        size = lfs_pointer_size(outcome.text)
        if size is None:
            return replace(snapshot, texts={**snapshot.texts, README: outcome})
        # what a clone without `git lfs pull` holds, or a mirror serves: no card was read
        reason = f"README.md holds a Git LFS pointer (to {size:,} bytes), not a model card"
        return _without_card(snapshot, reason, None)
    if isinstance(outcome, Unreadable):
        withheld = snapshot.listing is not None and README in snapshot.listing
        unread = Unread(README, outcome.why, outcome.hint) if withheld else None
        return _without_card(snapshot, outcome.reason, unread)
    return _without_card(snapshot, "README.md is not in the repository at this commit", None)


def _said_if_unkept(call: Call, snapshot: RepoSnapshot) -> RepoSnapshot:
    """A card read that the cache could not keep (read-only, full, a file where the cache should
    be), said: the check ran, and the next day's --offline check found "not in the local cache"
    of a model checked the day before, and nothing had said why."""
    if README not in snapshot.texts:
        return snapshot
    kept = cache.cached_commit(call) == snapshot.revision and isinstance(
        cache.cached_file(call, snapshot.revision, README), TextFile
    )
    if kept:
        return snapshot
    message = (
        f"the model card could not be kept in huggingface_hub's cache ({call.cache_root}): "
        "an --offline check will not find this model (see HF_HUB_CACHE, HF_HOME)"
    )
    where = Provenance(SOURCE, README, "", Certainty.DETECTED)
    finding = Finding(FindingKind.WARNING, message, (where,))
    return replace(snapshot, findings=(*snapshot.findings, finding))


def _without_card(snapshot: RepoSnapshot, reason: str, unread: Unread | None) -> RepoSnapshot:
    """The snapshot without the card's body, and a warning saying why."""
    message = (
        f"{reason}; the card's body (links, tables, sections) was not checked, only its "
        "metadata, which the Hub gives without it"
    )
    where = Provenance(SOURCE, README, "", Certainty.DETECTED)
    finding = Finding(FindingKind.WARNING, message, (where,))
    host = replace(snapshot.host, card_unread=unread)
    return replace(snapshot, findings=(*snapshot.findings, finding), host=host)


_LFS_POINTER = re.compile(
    r"version https://git-lfs\.github\.com/spec/v1\n(?:[a-z0-9.-]+ [^\n]*\n)*", re.ASCII
)
_POINTED_SIZE = re.compile(r"^size ([0-9]+)$", re.MULTILINE)


def lfs_pointer_size(text: str) -> int | None:
    """The size of the file a Git LFS pointer (spec v1) stands for, when `text` is one; None
    for any other text."""
    if len(text) > 1024 or _LFS_POINTER.fullmatch(text) is None:
        return None
    size = _POINTED_SIZE.search(text)
    return int(size[1]) if size is not None and "\noid sha256:" in text else None


def file_at(call: Call, sha: str, name: str) -> FileOutcome:
    """A file at a commit: from the cache when there, else one GET, stored in the cache."""
    cached = cache.cached_file(call, sha, name)
    if cached is not None:
        return cached
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        RemoteEntryNotFoundError,
        RevisionNotFoundError,
    )

    # Not hf_hub_url: it rewrites only URLs that start with constants.ENDPOINT (read at import).
    url = f"{call.endpoint}/{call.repo_id}/resolve/{sha}/{quote(name)}"
    try:
        fetched = call.with_retries(lambda: get(call, url))
    except RemoteEntryNotFoundError:
        cache.remember_missing(call, sha, name)
        return Missing()
    except RevisionNotFoundError:
        # The commit is the one the Hub itself named for the revision: not the user's mistake
        # (exit 2, "revision 'main' not found"), but an answer that contradicts the last one.
        contradiction = (
            f"the Hub named commit {sha[:7]} for '{call.revision}', then said it does not "
            f"exist when {name} was asked for at it"
        )
        raise Failure(Malformed(contradiction, secrets=call.secrets)) from None
    except GatedRepoError:
        hint = gate_hint(call.has_token)
        reason = f"{name} could not be read: gated repository ({hint})"
        return Unreadable(reason, UnreadWhy.GATED, hint)
    except TooLarge as too_large:
        limit = f"larger than {too_large.limit:,} bytes, the most osai reads"
        return Unreadable(f"{name} was not read: {limit}", UnreadWhy.TOO_LARGE)
    except (NetFailure, HfHubHTTPError) as error:
        raise Failure(error, reading=name) from None  # the line names the file, not only the host
    return cache.store(call, sha, name, fetched)
