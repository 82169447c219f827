"""A merge's recipe (mergekit_config.yml) names the models it merges: its base models.

Pure.  A merge's card often names fewer of them in `base_model` than it merges, or none: a
merge of Mistral and Llama 2 whose card named Mistral alone met OSAID on its Apache-2.0, Llama
2's licence never read.  Each model the recipe names (rules/detection.yaml `merge_config`) that
the card does not is a base model too, cited at its line; the card's own are kept as it names
them.  A path on the machine the merge was made on (/workspace/model-a) names no model osai can
read: where the card names its bases, it is taken for one of them; where it names none, it is a
base whose licence cannot be read.  Someone else's file: only strings are names, and only so
many of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from osai.card import CardFacts
from osai.detection.files import FilePatterns
from osai.errors import BadInput, NotRead
from osai.evidence import (
    BASES_BIND,
    MAX_RECIPE_MODELS,
    Certainty,
    Fact,
    Finding,
    FindingKind,
    NamedKind,
    NamedLink,
    Provenance,
)
from osai.extract.adapter import card_base_ids, hub_id_named
from osai.hubrefs import itself_ignored, names_itself
from osai.snapshot import RepoSnapshot
from osai.textsafe import one_line, some_of
from osai.yamlsafe import parse_yaml

# The items of one list read for names: a name repeated thirty-two times hid the Llama 2 model
# named after it when only as many items as names were read.
MAX_RECIPE_ITEMS = 4096


@dataclass(frozen=True)
class RecipeBases:
    """The base models a merge's recipe names that its card does not, each as a link to follow
    (by its Hub id, cited at its line), and what the report says of them."""

    named: tuple[NamedLink, ...] = ()
    findings: tuple[Finding, ...] = ()
    facts: tuple[Fact, ...] = ()  # the base-model fact they state (a card's own stands)
    # the models it names beyond those read, as a licence's `unless` says them ("" for none)
    unread: str = ""
    # why some of the models it merges are not known, said of the repository ("its
    # mergekit_config.yml could not be read"), "" when all are: a lineage reading it says so
    why: str = ""

    @property
    def base_models(self) -> tuple[str, ...]:
        return tuple(link.cited.value for link in self.named)


def recipe_bases(
    snapshot: RepoSnapshot, card: CardFacts | None, files: FilePatterns, own_ids: frozenset[str]
) -> RecipeBases:
    """The models the repository's merge recipe names beyond its card's base models (and the
    model itself, `own_ids`: no model is merged from itself)."""
    path = snapshot.top_level_name(files.merge_config_names)
    if path is None or not files.merge_model_paths:
        return RecipeBases()
    where = Provenance(snapshot.source, path, "", Certainty.DETECTED)
    text = snapshot.text(path)
    if text is None:  # too large, gated, or not asked for (offline, nothing kept)
        if path not in snapshot.unreadable:
            return RecipeBases()
        return _unreadable(path, f"{path} could not be read", where)
    try:
        document = parse_yaml(text, Path(path))
    except (BadInput, NotRead) as error:
        return _unreadable(path, one_line(str(error), 200), where)
    carded = card_base_ids(card.base_models) if card is not None else set()
    named: dict[str, NamedLink] = {}
    itself: tuple[Finding, ...] = ()
    unscanned = False
    for node_path, value in _models(document.data, files):
        if value is None:  # a list longer than osai reads: what it names further is not known
            unscanned = True
            continue
        hub_id = hub_id_named(value)
        key = (hub_id or value).casefold()
        if names_itself(value, own_ids) and not itself:
            # as an adapter's config or a card naming the model itself is said ignored
            said = itself_ignored(f"{path} {_field(node_path)}", value)
            line = document.line_of(*node_path)
            itself = (Finding(FindingKind.WARNING, said, (replace(where, line=line),)),)
        if key in carded or key in named or names_itself(value, own_ids):
            continue
        if carded and not hub_id:  # a path on the merger's machine: likely a base the card names
            continue
        shown = hub_id or one_line(value, 80)
        cited = Provenance(
            snapshot.source, path, shown, Certainty.DETECTED, document.line_of(*node_path)
        )
        said = f"{path} {_field(node_path)}"
        named[key] = NamedLink(NamedKind.BASE_MODEL, cited, said, by_id=True)
    links = tuple(named.values())[:MAX_RECIPE_MODELS]
    more = len(named) - len(links)
    beyond = _beyond(more, unscanned)
    unread = f"a model {path} names {beyond}" if beyond else ""
    if not links and not carded and not unread:
        return _names_none(path, where, itself)
    if links:
        notes: tuple[Finding, ...] = (_note(path, links, bool(carded), unread),)
    else:
        notes = (
            (_unread(f"{path} lists more than {MAX_RECIPE_ITEMS:,} items", where),)
            if unread
            else ()
        )
    return RecipeBases(
        links,
        (*itself, *notes),
        _stated(links, files),
        unread and f"{unread}{BASES_BIND}",
        beyond and f"its {path} names models {beyond}",
    )


def _stated(links: tuple[NamedLink, ...], files: FilePatterns) -> tuple[Fact, ...]:
    """The fact the models the recipe names state (rules/detection.yaml
    `merge_config.states_fact`): a merge whose card names no base is no model of its own."""
    if not links or not files.merge_fact:
        return ()
    items = tuple(link.cited.value for link in links)
    names = ", ".join(items)  # each, as a card's list is stated
    cited = replace(links[0].cited, value=names, note="the merge's recipe names the models merged")
    return (Fact(files.merge_fact, names, cited, items=items),)


def _beyond(more: int, unscanned: bool) -> str:
    """Where the models the recipe names that osai does not read are, as a licence's `unless`
    says them ("a model mergekit_config.yml names beyond the 32 osai reads (+968 more)"), or
    past the items of a list it reads (one name 5,000 times was said "beyond the 32 osai
    reads", one read); "" when it reads them all."""
    if not more and not unscanned:
        return ""
    counted = f" (+{more:,} more)" if more and not unscanned else ""
    beyond = [f"beyond the {MAX_RECIPE_MODELS} osai reads{counted}"] if more else []
    if unscanned:
        beyond.append(f"past the first {MAX_RECIPE_ITEMS:,} items of a list")
    return " or ".join(beyond)


def _models(data: Any, files: FilePatterns) -> Iterator[tuple[tuple[str | int, ...], str | None]]:
    """Each model name the recipe gives (a name joining two, `joined_by`, as each), where; None
    where a list holds more items than are read."""
    for model_path in files.merge_model_paths:
        for node_path, value in _at(data, model_path, ()):
            if value is _UNSCANNED:
                yield node_path, None
                continue
            if not isinstance(value, str):
                continue
            joined = files.merge_models_joined_by
            for part in value.split(joined) if joined else (value,):
                if part.strip():
                    yield node_path, part.strip()


def _at(
    data: Any, path: tuple[str, ...], at: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """The values at `path` (a key ending "[]": each item of the list it holds), where."""
    if not path:
        yield at, data
        return
    key, rest = path[0], path[1:]
    each = key.endswith("[]")
    name = key[:-2] if each else key
    if not isinstance(data, dict) or name not in data:
        return
    value = data[name]
    if not each:
        yield from _at(value, rest, (*at, name))
    elif isinstance(value, list):
        for index, item in enumerate(value[:MAX_RECIPE_ITEMS]):
            yield from _at(item, rest, (*at, name, index))
        if len(value) > MAX_RECIPE_ITEMS:
            yield (*at, name), _UNSCANNED


_UNSCANNED = object()  # where a list holds more items than are read


def _field(node_path: tuple[str | int, ...]) -> str:
    """Where in the recipe, as a person reads it: "models[1].model"."""
    said = ""
    for step in node_path:
        said += f"[{step}]" if isinstance(step, int) else f"{'.' if said else ''}{step}"
    return said


def _note(path: str, links: tuple[NamedLink, ...], carded: bool, unread: str) -> Finding:
    names = some_of([link.cited.value for link in links])
    card = "the card does not name it" if len(links) == 1 else "the card does not name them"
    said = (
        f"merged from {names} too, as its {path} says ({card})"
        if carded
        else f"merged from {names}, as its {path} says (the card names no base model)"
    )
    message = f"{said}: each base model's licence may bind it"
    if unread:  # a hostile recipe's thousand names: the rest may bind it as well
        message += f"; {unread} is not read, and its licence may bind it too"
    return Finding(FindingKind.NOTE, message, tuple(link.cited for link in links))


def _unreadable(path: str, said: str, where: Provenance) -> RecipeBases:
    """A recipe osai could not read (too large, no YAML, a billion laughs): the models it
    merges may bind the weights as a read one's would (one padded past the size limit met on
    its card's Apache-2.0)."""
    unless = f"a model {path} names (it could not be read){BASES_BIND}"
    return RecipeBases(findings=(_unread(said, where),), unread=unless, why=f"its {said}")


def _names_none(path: str, where: Provenance, itself: tuple[Finding, ...]) -> RecipeBases:
    """A recipe naming no model osai can read (`models: 3`, the merge itself alone) beside a
    card naming none: the models merged, whatever they are, may bind the weights, as an
    unreadable recipe's may (it met on its card's Apache-2.0, as an adapter's config naming no
    base did)."""
    unless = f"a model this merge was made from ({path} names none osai can read){BASES_BIND}"
    said = f"{path} names no model osai can read: the models this merge was made from are not known"
    note = Finding(FindingKind.NOTE, said, (where,))
    why = f"its {path} names none osai can read"
    return RecipeBases(findings=(*itself, note), unread=unless, why=why)


def _unread(said: str, where: Provenance) -> Finding:
    message = f"{said}: the models this merge was made from beyond its card's are not known"
    return Finding(FindingKind.NOTE, message, (where,))
