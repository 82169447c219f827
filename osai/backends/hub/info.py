"""A model as the Hub's API describes it (a ``ModelInfo``, from ``model_info`` or one item of
``list_models``) → a RepoSnapshot.

One conversion for both: a check reads ``model_info`` and then the card; a census reads only the
listing, whose items carry the same fields (whatever ``expand`` asked for).  Every field comes
from someone else's metadata, so each is type-checked before use; a field of the wrong type is
treated as not reported.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from osai.evidence import SHA256, Certainty, FileDigest, Finding, FindingKind, Provenance
from osai.hubrefs import HUB_SOURCE, at_commit, gated_state, hub_organisation, is_hub_id, web_roots
from osai.snapshot import HostFacts, RepoSnapshot

if TYPE_CHECKING:
    from huggingface_hub.hf_api import ModelInfo

SOURCE = HUB_SOURCE
README = "README.md"
SIBLINGS = "siblings"


def empty_snapshot(repo_id: str, endpoint: str, sha: str) -> RepoSnapshot:
    """A Hub model repository at a commit, before anything about it is known."""
    return RepoSnapshot(
        source=SOURCE,
        target=repo_id,
        name=repo_id,
        listing=None,
        listing_name=SIBLINGS,
        card_path=README,
        revision=sha,
        producer=hub_organisation(repo_id),
        hub_id=repo_id,
        document=f"{endpoint}/{repo_id}",
        web_roots=web_roots(repo_id, endpoint),
    )


def snapshot_from_info(info: ModelInfo, endpoint: str, repo_id: str | None = None) -> RepoSnapshot:
    """What the API said of the model: card metadata, tags, gating, files (when listed)."""
    name = repo_id or str(info.id)
    sha = info.sha if isinstance(info.sha, str) else ""
    listed = info.siblings if isinstance(info.siblings, list) else []
    siblings = tuple(s.rfilename for s in listed if isinstance(getattr(s, "rfilename", None), str))
    author = info.author if isinstance(info.author, str) and info.author else ""
    snapshot = replace(
        empty_snapshot(name, endpoint, sha),
        listing=siblings or None,  # the Hub always lists files: an empty list was not observed
        host=host_facts(info),
        producer=author or hub_organisation(name),
        digests=tuple(filter(None, map(_lfs_digest, listed))),
    )
    return replace(snapshot, findings=tuple(_host_findings(snapshot)))


def _lfs_digest(sibling: object) -> FileDigest | None:
    """A Git LFS file's content digest, as the Hub's file metadata gives it (``blobs=true``:
    ``lfs.sha256``, ``lfs.size``); None for a file in Git (its blob id hashes a Git header with
    the content: no digest of the file) or metadata not asked for."""
    path = getattr(sibling, "rfilename", None)
    lfs = getattr(sibling, "lfs", None)
    sha256 = getattr(lfs, "sha256", None)
    if not isinstance(path, str) or not isinstance(sha256, str) or not SHA256.fullmatch(sha256):
        return None
    size = getattr(lfs, "size", None)
    known = isinstance(size, int) and not isinstance(size, bool) and size >= 0
    return FileDigest(path, sha256, size if known else None)


def host_facts(info: ModelInfo) -> HostFacts:
    card = _card_dict(info)
    tags = info.tags if isinstance(info.tags, list) else ()
    return HostFacts(
        tags=tuple(tag for tag in tags if isinstance(tag, str)),
        gated=gated_state(info.gated),
        library_name=info.library_name if isinstance(info.library_name, str) else "",
        pipeline_tag=info.pipeline_tag if isinstance(info.pipeline_tag, str) else "",
        config=info.config if isinstance(info.config, dict) else None,
        card_data=card,
        last_modified=_instant(info.last_modified),
        repo_id=_answered_id(info.id),
    )


def _answered_id(value: object) -> str:
    """The id the Hub answers under, when it is one a repository can have: a renamed
    repository's is said as its new id ("renamed on the Hub: now …"), and an answer's `id` with
    an escape or a line break was, for a listing's maintainers to copy."""
    return value if isinstance(value, str) and is_hub_id(value) else ""


def _instant(value: object) -> str:
    """huggingface_hub parses the Hub's timestamps into datetimes; anything else is unreported."""
    return value.isoformat() if isinstance(value, datetime) else ""


def _card_dict(info: ModelInfo) -> dict[str, object] | None:
    """The card metadata as a dict: what ``ModelCardData.to_dict`` gives, without its deep copy.

    ``to_dict`` deep-copies every value (a long ``model-index`` costs a millisecond, more than
    judging a listed model), and the dict is only read here; the one change ``to_dict`` makes,
    ``eval_results`` back into ``model-index``, is made the same way.
    """
    from huggingface_hub import ModelCardData
    from huggingface_hub.repocard_data import eval_results_to_model_index

    card = info.card_data
    if not isinstance(card, ModelCardData):
        return None
    found = {key: value for key, value in vars(card).items() if value is not None}
    if card.eval_results is not None:
        found.pop("eval_results", None)
        found.pop("model_name", None)
        name: Any = card.model_name  # as to_dict passes it (None when the card names none)
        found["model-index"] = eval_results_to_model_index(name, card.eval_results)
    return found


def _host_findings(snapshot: RepoSnapshot) -> list[Finding]:
    where = Provenance(
        SOURCE, at_commit(snapshot.target, snapshot.revision), "", Certainty.DETECTED
    )
    findings = []
    if snapshot.listing is None:
        message = "the Hub did not list the repository's files: weights and code were not checked"
        findings.append(Finding(FindingKind.NOTE, message, (where,)))
    # The gate (snapshot.host.gated) is noted with the card's gating form, as one note
    # (osai.card.gate_note), not here a second time.
    return findings
