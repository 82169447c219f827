"""One listing item (a ``ModelInfo`` from ``list_models``) → ListedModel, every field checked.

The listing is someone else's data: a field of the wrong type counts as not reported, strings
and lists are bounded, and base-model ids are kept only when they are valid repository ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from osai.card.model import BASE_RELATION_FIELD
from osai.census.record import ListedModel
from osai.hubrefs import gated_state, is_repo_id, names_itself

if TYPE_CHECKING:
    from huggingface_hub.hf_api import ModelInfo

MAX_TAGS = 200
MAX_TEXT = 200  # characters of a tag, a library name, a pipeline tag
MAX_BASES = 20
BASE_TAG = "base_model:"
# The most a count (downloads in 30 days, likes) is believed: 10**12 is over a hundred a month
# for each person alive, no count the Hub keeps, and far below what the store's BIGINT holds (a
# larger number ended the census with an internal error; 2**63 - 1 was stored and made every
# download share of the report 100 %).  A larger one is not reported, as one of a wrong type.
MAX_COUNT = 10**12
# Why a listed model is left out of the census (withheld)
PRIVATE = "private"
DISABLED = "disabled"


def listed_model(info: ModelInfo, says_none: Callable[[str], bool]) -> ListedModel | None:
    """The item's fields, or None when it does not even name a repository.  `says_none`: a
    card's `base_model` that says there is none (`n/a`, rules/components.yaml none_words), which
    is no base: `n/a` reads as the Hub id of a model `a` of a user `n`."""
    repo_id = info.id
    if not isinstance(repo_id, str) or not is_repo_id(repo_id):
        return None
    tags = _strings(info.tags)[:MAX_TAGS]
    card = getattr(info.card_data, "base_model", None)
    own = frozenset({repo_id.casefold()})
    bases, relation = _bases(info.base_models, card, tags, own, says_none)
    # the card's own word, where the Hub's listing gives none (its card read for the bases too)
    relation = relation or (
        _text(getattr(info.card_data, BASE_RELATION_FIELD, None)) if bases else ""
    )
    return ListedModel(
        repo_id=repo_id,
        revision=_text(info.sha, 64),
        author=_text(info.author),
        created_at=info.created_at if isinstance(info.created_at, datetime) else None,
        last_modified=info.last_modified if isinstance(info.last_modified, datetime) else None,
        downloads=_count(info.downloads),
        likes=_count(info.likes),
        gated=gated_state(info.gated),
        pipeline_tag=_text(info.pipeline_tag),
        library_name=_text(info.library_name),
        tags=tags,
        base_models=bases,
        base_relation=relation,
    )


def withheld(info: ModelInfo) -> str:
    """Why the census leaves this listed model out: "private" or "disabled" when the listing
    says so, else "".  The census describes the public Hub: with a token, the listing holds the
    private models that token may read (the operator's own), and a published report named them.
    Only a true value withholds (a value of another type is not reported, as every field here);
    a gated model is public, and counted."""
    if getattr(info, "private", None) is True:
        return PRIVATE
    if getattr(info, "disabled", None) is True:
        return DISABLED
    return ""


def _text(value: object, limit: int = MAX_TEXT) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value[:MAX_TEXT],)
    if not isinstance(value, list | tuple):
        return ()
    return tuple(item[:MAX_TEXT] for item in value if isinstance(item, str))


def _count(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= MAX_COUNT else None


def _bases(
    listed: object,
    card: object,
    tags: tuple[str, ...],
    own_ids: frozenset[str],
    says_none: Callable[[str], bool],
) -> tuple[tuple[str, ...], str]:
    """Base models from the Hub's ``baseModels`` ({relation, models: [{id}]}), the card's
    ``base_model`` and the ``base_model:[relation:]id`` tags, in that order, each once; not the
    model itself (a copied card's leftover: a model does not derive from itself, as a check
    reads it too)."""
    relation = ""
    found: list[str] = []
    if isinstance(listed, Mapping):
        relation = _text(listed.get("relation"))
        found += _ids(listed.get("models"))
    else:
        found += _ids(listed)
    found += _strings(card)
    for tag in tags:
        if tag.startswith(BASE_TAG):
            kind, _, named = tag.removeprefix(BASE_TAG).rpartition(":")
            found.append(named)
            relation = relation or kind
    unique = dict.fromkeys(
        base
        for base in found
        if is_repo_id(base) and not names_itself(base, own_ids) and not says_none(base)
    )
    return tuple(unique)[:MAX_BASES], relation


def _ids(value: object) -> Iterator[str]:
    items: Iterable[Any] = value if isinstance(value, list) else ()
    for item in items:
        if isinstance(item, str):
            yield item
        elif isinstance(item, Mapping) and isinstance(item.get("id"), str):
            yield item["id"]
