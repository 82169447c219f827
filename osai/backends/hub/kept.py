"""The Hub's own description of a model (its ``model_info`` answer: file list, gating, tags, card
metadata, commit; and its branches), kept in osai's answer cache, keyed by repository id and
commit, so that an offline check of a warm cache judges what the online one judged.

huggingface_hub keeps files, not API answers: without these, an offline check knew the card and
nothing of the weights, the checkpoints or the gate, and its verdicts all leaned to unknown (a
gated model's, with no card kept, was no verdict at all).

The model information is kept as the Hub sent it, and read back through the one reader of the
Hub's answer (`parsed_info`, then osai.backends.hub.info), within the cache's bounds: a kept file
is as hostile as the answer it copies (anyone with the cache can edit it).  One that is not what
the Hub API returns, of another commit, or another repository's, is not used, and the run says
why (AnswerCache.unreadable).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from osai.backends.answers import AnswerCache
from osai.backends.hub.failures import SHAPE_ERRORS, not_the_api
from osai.backends.hub.info import snapshot_from_info
from osai.backends.hub.nearby import MAX_REFS
from osai.jsonsafe import NotJson, json_value
from osai.snapshot import RepoSnapshot

if TYPE_CHECKING:
    from huggingface_hub.hf_api import ModelInfo


@dataclass(frozen=True)
class KeptInfo:
    """What the model information kept for a commit says, and the day it was kept."""

    snapshot: RepoSnapshot
    day: str


def parsed_info(body: bytes) -> ModelInfo:
    """The Hub's model information answer read as huggingface_hub reads it (``HfApi.model_info``:
    ``ModelInfo(**json)``); SHAPE_ERRORS for anything else, online and kept alike."""
    from huggingface_hub.hf_api import ModelInfo

    data = json.loads(body)
    if not isinstance(data, dict):
        raise TypeError("not an object")
    return ModelInfo(**data)  # type: ignore[no-untyped-call]


def _address(what: str, repo_id: str, sha: str) -> str:
    return f"osai-hub-record:{what}/{repo_id}@{sha}"


def keep_info(answers: AnswerCache | None, repo_id: str, sha: str, body: bytes) -> None:
    """Keep the Hub's answer `body` (already read: its commit is `sha`)."""
    if answers is not None:
        answers.put(_address("model-info", repo_id, sha), 200, body, "")


def kept_info(
    answers: AnswerCache | None, repo_id: str, sha: str, endpoint: str
) -> KeptInfo | None:
    """The model information kept for `repo_id` at `sha`, as a snapshot (osai.backends.hub.info,
    as online); None when none is, or when what is kept is not what the Hub API returns, or
    names another commit (said, as any damaged file)."""
    if answers is None:
        return None
    address = _address("model-info", repo_id, sha)
    kept = answers.get(address)  # its address checked: another repository's is no match
    if kept is None:
        return None
    try:
        info = parsed_info(kept.body)
        if info.sha != sha:  # the commit the cached card and files are read at
            why = f"the model information kept is not of commit {sha[:7]}"
            answers.unreadable(address, why)
            return None
        snapshot = snapshot_from_info(info, endpoint, repo_id)
    except SHAPE_ERRORS as error:
        answers.unreadable(address, not_the_api("the model information kept", error))
        return None
    return KeptInfo(snapshot, kept.offline("").day)


def keep_branches(
    answers: AnswerCache | None, repo_id: str, sha: str, branches: tuple[str, ...]
) -> None:
    """Keep the branch names the Hub listed when the model was read at `sha`."""
    if answers is not None:
        body = json.dumps(list(branches)).encode("utf-8")
        answers.put(_address("model-branches", repo_id, sha), 200, body, "")


def kept_branches(
    answers: AnswerCache | None, repo_id: str, sha: str
) -> tuple[tuple[str, ...], str] | None:
    """The branch names kept with the model at `sha`, and the day they were; None when none are,
    or what is kept is not a list of names (said)."""
    if answers is None:
        return None
    address = _address("model-branches", repo_id, sha)
    kept = answers.get(address)
    if kept is None:
        return None
    try:
        names = json_value(kept.body)
    except NotJson:
        names = None
    if (
        not isinstance(names, list)
        or len(names) > MAX_REFS  # a hostile file, any number
        or not all(isinstance(name, str) for name in names)
    ):
        answers.unreadable(address, "not a list of branch names")
        return None
    return tuple(names), kept.offline("").day
