"""What the Hub says of a dataset or a base model a card names: one metadata request each.

``HfApi.dataset_info`` and ``HfApi.model_info`` (card data, gating; no files), made within the
model's check (its budget and token): a renamed repository is followed, a missing one is a record
with found False, a gated one's metadata is still public.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from osai.backends.hub.client import Call
from osai.backends.hub.failures import malformed, shaped_or
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
        licence, field, listed = _licence(card)
        return DatasetRecord(
            requested=dataset_id,
            id=info.id if isinstance(info.id, str) else dataset_id,
            url=f"https://huggingface.co/datasets/{info.id}" if isinstance(info.id, str) else url,
            licence=licence,
            licence_field=field,
            licence_link=_string(card.get("license_link")),
            gated=_gated(info.gated),
            disabled=info.disabled is True,
            licences_listed=listed,
        )


def model_record(call: Call, model_id: str) -> ModelRecord:
    api = call.api()
    url = f"https://huggingface.co/{model_id}"
    with shaped_or(lambda error: malformed(call, "the model information", error)):
        info = _found(call, lambda: api.model_info(model_id, expand=["cardData", "gated", "tags"]))
        if info is None:
            return ModelRecord(model_id, model_id, url, found=False)
        card = _card(info, call, f"models/{model_id}", "model")
        licence, field, listed = _licence(card)
        return ModelRecord(
            requested=model_id,
            id=info.id if isinstance(info.id, str) else model_id,
            url=f"https://huggingface.co/{info.id}" if isinstance(info.id, str) else url,
            licence=licence,
            licence_field=field,
            licence_link=_string(card.get("license_link")),
            base_models=_strings(card.get("base_model")),
            gated=_gated(info.gated),
            licences_listed=listed,
            gating_texts=_gating_texts(card),
        )


Info = TypeVar("Info")


def _found(call: Call, ask: Callable[[], Info]) -> Info | None:
    """What the Hub answers, within the check's budget; None when it has no such repository."""
    from huggingface_hub.errors import RepositoryNotFoundError

    try:
        return call.with_retries(ask)
    except RepositoryNotFoundError:
        return None


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


def _licence(card: Mapping[str, Any]) -> tuple[str, str, tuple[str, ...]]:
    """The card's licence (`other` read through license_name), the field it came from, and the
    licences it lists when it lists several (`_listed`; else ())."""
    licences = _strings(card.get("license"))
    if not licences:
        return "", "", ()
    if len({licence.lower() for licence in licences}) > 1:
        # A list does not say how its licences combine: osai reads no licence from it.  The
        # field names as many as `_listed` keeps (a hostile card's list is the card's length).
        listed = _listed(card.get("license"))
        return "", f"cardData.license lists {', '.join(listed)}", listed
    if licences[0].lower() == "other" and _string(card.get("license_name")):
        return _string(card.get("license_name")), "cardData.license_name", ()
    return licences[0], "cardData.license", ()


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


MAX_LISTED = 8  # licences a card lists that a note and a link's answer repeat


def _listed(value: object) -> tuple[str, ...]:
    """The licences a card lists, each once (case aside), at most MAX_LISTED of them and how
    many more: a hostile card's list is the card's length."""
    first: dict[str, str] = {}
    for item in _strings(value):
        first.setdefault(item.lower(), item[:80])
    unique = tuple(first.values())
    if len(unique) <= MAX_LISTED:
        return unique
    return (*unique[:MAX_LISTED], f"+{len(unique) - MAX_LISTED} more")


def _strings(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(str(item).strip() for item in items if isinstance(item, str) and item.strip())


def _string(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _gated(value: object) -> str | None:
    if value is False:
        return ""
    return value if isinstance(value, str) and value else None
