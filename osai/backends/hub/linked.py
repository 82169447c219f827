"""What the Hub says of a dataset or a base model a card names: one metadata request each.

``HfApi.dataset_info`` and ``HfApi.model_info`` (card data, gating; a base model's commit and
which of its top-level files may name the models it derives from), made within the model's
check (its budget and token): a renamed repository is followed, a missing one is a record with
found False, a gated one's metadata is still public.  Such a file of a base (a merge's recipe)
is one request more (`model_file`), as the model's own files are read, and kept in the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from osai.backends.hub.cache import FileOutcome, cached_file
from osai.backends.hub.client import Call
from osai.backends.hub.failures import Failure, malformed, shaped_or
from osai.backends.hub.source import MAX_API_BYTES, file_at
from osai.card.model import BASE_RELATION_FIELD
from osai.hubrefs import COMMIT, gated_state, is_hub_id
from osai.net import Malformed
from osai.records import DatasetRecord, ModelRecord


def dataset_record(call: Call, dataset_id: str) -> DatasetRecord:
    api = call.api()
    url = f"https://huggingface.co/datasets/{dataset_id}"
    with shaped_or(lambda error: malformed(call, "the dataset information", error)):
        info = _found(call, lambda: api.dataset_info(dataset_id))
        if info is None:
            return DatasetRecord(dataset_id, dataset_id, url, found=False)
        card = _card(info, call, f"datasets/{dataset_id}", "dataset")
        licences, more = _licences(card.get("license"))
        answered = _answered_id(info, dataset_id, call, f"datasets/{dataset_id}", "dataset")
        return DatasetRecord(
            requested=dataset_id,
            id=answered,
            url=f"https://huggingface.co/datasets/{answered}",
            licence_link=_string(card.get("license_link")),
            gated=gated_state(info.gated),
            disabled=_disabled(info.disabled, call, f"datasets/{dataset_id}"),
            licences=licences,
            licences_more=more,
            licence_name=_string(card.get("license_name")),
            gating_texts=_gating_texts(card),
        )


def model_record(call: Call, model_id: str, naming: tuple[str, ...] = ()) -> ModelRecord:
    """What the Hub says of a base model; `naming`: the lower-case names of the top-level files
    that may name the models it derives from in turn (a merge's recipe), kept where its file
    list holds them, to be read apart (`model_file`)."""
    api = call.api()
    url = f"https://huggingface.co/{model_id}"
    expand = ["cardData", "gated", "tags", "sha", "siblings"]
    with shaped_or(lambda error: malformed(call, "the model information", error)):
        # as large an answer as the model's own (a file list of many files fits)
        info = _found(call, lambda: api.model_info(model_id, expand=expand), MAX_API_BYTES)
        if info is None:
            return ModelRecord(model_id, model_id, url, found=False)
        card = _card(info, call, f"models/{model_id}", "model")
        licences, more = _licences(card.get("license"))
        answered = _answered_id(info, model_id, call, f"models/{model_id}", "model")
        return ModelRecord(
            requested=model_id,
            id=answered,
            url=f"https://huggingface.co/{answered}",
            licence_link=_string(card.get("license_link")),
            base_models=_strings(card.get("base_model")),
            gated=gated_state(info.gated),
            gating_texts=_gating_texts(card),
            licences=licences,
            licences_more=more,
            licence_name=_string(card.get("license_name")),
            sha=info.sha if isinstance(info.sha, str) and COMMIT.fullmatch(info.sha) else "",
            naming_files=_top_level(info.siblings, naming),
            base_relation=_string(card.get(BASE_RELATION_FIELD))[:MAX_RELATION_CHARS],
            base_relation_unread=not isinstance(card.get(BASE_RELATION_FIELD), str | None),
        )


MAX_RELATION_CHARS = 200  # of a card's base_model_relation kept: a few words, or someone's text


def model_file(call: Call, model_id: str, sha: str, name: str) -> FileOutcome | None:
    """A base model's file at the commit its record names, as the model's own files are read
    (osai.backends.hub.source): from huggingface_hub's cache, else one GET within the check's
    budget, kept there.  Offline, from the cache only: None when it holds none."""
    base = replace(call, repo_id=model_id)
    if call.offline:
        return cached_file(base, sha, name)
    try:
        return file_at(base, sha, name)
    except Failure as failure:  # the Hub's own error, or the transport's: its one line
        raise failure.cause from None


def _top_level(siblings: object, names: tuple[str, ...]) -> tuple[str, ...]:
    """The files of a model_info's file list at its top level whose lower-case names are
    `names`, in that order, each as the list names it."""
    listed = siblings if isinstance(siblings, list) else []
    found: dict[str, str] = {}
    for sibling in listed:
        name = getattr(sibling, "rfilename", None)
        if isinstance(name, str) and "/" not in name and name.lower() in names:
            found.setdefault(name.lower(), name)
    return tuple(found[n] for n in names if n in found)


def _disabled(value: object, call: Call, path: str) -> bool:
    """Whether the Hub took the dataset down.  A value that is not a boolean (`"yes"`) is none
    the Hub gives: read as False, a dataset taken down was counted as obtainable."""
    if value is None or isinstance(value, bool):
        return value is True
    said = "the dataset's `disabled` is not a boolean"
    raise Malformed(said, f"{call.endpoint}/api/{path}", secrets=call.secrets)


Info = TypeVar("Info")


def _found(call: Call, ask: Callable[[], Info], max_bytes: int | None = None) -> Info | None:
    """What the Hub answers, within the check's budget; None when it has no such repository."""
    from huggingface_hub.errors import RepositoryNotFoundError

    try:
        return call.with_retries(ask, max_bytes)
    except RepositoryNotFoundError:
        return None


def _answered_id(info: Any, requested: str, call: Call, path: str, kind: str) -> str:
    """The id the Hub answers for the repository (a renamed one's new id), `requested` when it
    gives none.  It is said where the repository "now lives" and named in every citation, so it
    must be a Hub id: `acme/d` followed by terminal escapes was a dataset's new home."""
    answered = info.id
    if not isinstance(answered, str):
        return requested
    if not is_hub_id(answered):
        said = f"the {kind}'s id is not a Hub id"
        raise Malformed(said, f"{call.endpoint}/api/{path}", secrets=call.secrets)
    return answered


def _card(info: Any, call: Call, path: str, kind: str) -> Mapping[str, Any]:
    """The card's metadata (`cardData`).  huggingface_hub reads a mapping into a CardData and
    leaves anything else as it is: a list or a string was "malformed answer ... (AttributeError)",
    which said nothing of what was wrong.  Malformed, in words: the link stays unknown."""
    from huggingface_hub.repocard_data import CardData

    data = info.card_data
    if data is None:
        return {}
    if not isinstance(data, CardData):
        said = f"the {kind}'s card metadata (cardData) is not a mapping"
        raise Malformed(said, f"{call.endpoint}/api/{path}", secrets=call.secrets)
    card = data.to_dict()  # type: ignore[no-untyped-call]
    return card if isinstance(card, dict) else {}


GATING_PREFIX = "extra_gated_"  # the Hub's gating form keys
MAX_GATING_CHARS = 64 * 1024  # of each, as a model's own check reads its gating prompt


def _gating_texts(card: Mapping[str, Any]) -> tuple[str, ...]:
    """Each gating text of the card as "key: text", its first MAX_GATING_CHARS characters (a
    hostile card's prompt is kept in the answer cache)."""
    return tuple(
        f"{key}: {value[:MAX_GATING_CHARS]}"
        for key, value in card.items()
        if isinstance(key, str) and key.startswith(GATING_PREFIX) and isinstance(value, str)
    )


MAX_LISTED = 8  # licences of a card's list kept, each once: a hostile card's list is its length


def _licences(value: object) -> tuple[tuple[str, ...], int]:
    """The licences a card's `license` gives (one, or a list), each once (case aside), at
    most MAX_LISTED of them, and how many more it lists.  Read as a model's own card's are
    (osai.links.card_licence), not here: a backend does not interpret what it reads."""
    first: dict[str, str] = {}
    for item in _strings(value):
        first.setdefault(item.lower(), item)
    unique = tuple(first.values())
    return unique[:MAX_LISTED], max(0, len(unique) - MAX_LISTED)


def _strings(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(str(item).strip() for item in items if isinstance(item, str) and item.strip())


def _string(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
