"""The model a mistyped Hub id was likely meant to name, and the branch or tag a mistyped
revision was: asked of the Hub itself, only once it has said the id (or the revision) names
nothing.

`osai check EleutherAI/pythia-70n` said "repository not found" and left the reader to search
the Hub for the spelling.  Two listing requests at most, each one page (``GET /api/models``,
what ``HfApi.list_models`` sends): the owner's models, most downloaded first, else the models
whose id holds the name (a mistyped owner).  The nearest id is offered when it is a typo away
(MAX_TYPO_EDITS, or a suffix left out) and no other is as close.  A revision is looked for among
the repository's branches and tags (``GET /api/models/{repo}/refs``, what
``HfApi.list_repo_refs`` sends): Pythia's 154 checkpoint branches (step1000...) are easily
mistyped.  Nothing of this may fail the check or change its exit code: an answer that cannot be
read, or reads as anything but what was asked for, offers nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from osai.backends.hub.client import Call, get
from osai.hubrefs import is_hub_id
from osai.jsonsafe import NotJson, json_value
from osai.suggest import closest, typo_distance

# The most models one listing page is asked for: an owner with thousands (TheBloke) is read as
# its most downloaded 1,000, which are the ones a user types.  The Hub caps a page at 1,000.
OWNER_MODELS = 1000
NAMED_MODELS = 100
MAX_LISTING_BYTES = 8 * 1024 * 1024  # 1,000 models of the listing's default fields, and room
# A hint is worth a few seconds, not the check's whole --deadline: a listing that stalls kept
# the user waiting for the one line the Hub had already answered.  No retries, for the same.
HINT_SECONDS = 5.0
MAX_REFS = 10_000  # branches and tags compared: Pythia has 154; a hostile answer, any number
# A typo is a few keystrokes: closest's ratio alone, over a whole OWNER/NAME whose owner is
# shared, found EleutherAI/gpt-neox-20b "near" EleutherAI/gpt-j-6b and mistralai/Mistral-7B-v0.1
# near mistralai/Mistral-Large, another model offered as the one meant.
MAX_TYPO_EDITS = 2
_WORD_ENDS = ("-", "_", ".")  # where a name's left-out suffix begins: Llama-2-7b for Llama-2-7b-hf


def nearest_repository(call: Call) -> str | None:
    """The id nearest to `call.repo_id` among the Hub's models (OWNER/NAME ids only), or None."""
    owner, _, name = call.repo_id.partition("/")
    if not name or not _may_suggest(call):
        return None
    call = _hinting(call)
    for params in (
        {"author": owner, "sort": "downloads", "direction": "-1", "limit": str(OWNER_MODELS)},
        {"search": name, "sort": "downloads", "direction": "-1", "limit": str(NAMED_MODELS)},
    ):
        found = _typo_of(call.repo_id, _listed_ids(call, params))
        if found is not None:
            return found
    return None


def nearest_revision(call: Call) -> str | None:
    """The branch or tag nearest to `call.revision` (not a commit id), or None."""
    from huggingface_hub.errors import HfHubHTTPError

    from osai.backends.hub.failures import SHAPE_ERRORS
    from osai.net import NetFailure

    if not call.options.revision or not _may_suggest(call):
        return None
    hinting = _hinting(call)
    api = hinting.api()
    try:
        refs = hinting.with_retries(lambda: api.list_repo_refs(call.repo_id))
        names = [ref.name for ref in (*refs.branches, *refs.tags)]
    except (NetFailure, HfHubHTTPError, OSError, *SHAPE_ERRORS):
        return None
    return _typo_of(call.revision, (name for name in names[:MAX_REFS] if isinstance(name, str)))


def _typo_of(typed: str, listed: Iterable[str]) -> str | None:
    """The one listed name `typed` is likeliest a typo of (closest, unique), where it is one:
    at most MAX_TYPO_EDITS edits away, or the name with a suffix left out from a word's end."""
    near = [name for name in listed if name != typed and _within_a_typo(typed, name)]
    return closest(typed, near, unique=True)


def _within_a_typo(typed: str, name: str) -> bool:
    folded, listed = typed.casefold(), name.casefold()
    if listed.startswith(folded) and listed[len(folded) : len(folded) + 1] in _WORD_ENDS:
        return True
    edits = MAX_TYPO_EDITS + 1
    return (
        abs(len(folded) - len(listed)) < edits and typo_distance(typed, name, limit=edits) < edits
    )


def _may_suggest(call: Call) -> bool:
    return call.options.suggest and not call.offline and call.budget.remaining() > 0


def _hinting(call: Call) -> Call:
    """The call, with a few seconds and one try left (HINT_SECONDS)."""
    deadline = min(call.budget.deadline, time.monotonic() + HINT_SECONDS)
    return replace(call, budget=replace(call.budget, deadline=deadline, retries=0))


def _listed_ids(call: Call, params: Mapping[str, str]) -> tuple[str, ...]:
    """The model ids one listing page gives; none when it cannot be read."""
    from huggingface_hub.errors import HfHubHTTPError

    from osai.net import NetFailure

    url = f"{call.endpoint}/api/models"
    try:
        fetched = call.with_retries(lambda: get(call, url, params), MAX_LISTING_BYTES)
        listed = json_value(fetched.body)
    except (NetFailure, HfHubHTTPError, NotJson, OSError, ValueError):
        return ()
    return tuple(_model_ids(listed))


def _model_ids(listed: Any) -> Iterator[str]:
    """Each listed item's id that is a Hub id (hostile data: anything else is passed over)."""
    if not isinstance(listed, list):
        return
    for item in listed[:OWNER_MODELS]:
        repo_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(repo_id, str) and is_hub_id(repo_id):
            yield repo_id
