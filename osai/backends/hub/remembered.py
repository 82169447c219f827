"""Hub records (a dataset's, a base model's metadata) kept in osai's answer cache, so an offline
check answers from what an earlier one read, as it does for GitHub and arXiv; and so does an
online one when the Hub gives no answer (the record then says it is an earlier run's).

huggingface_hub keeps files, not API answers: the record is kept as osai parsed it, every field's
type checked again when read back (a cache file is as hostile as any other).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import MISSING, asdict, fields, replace
from typing import Any, TypeVar

from osai.backends.answers import AnswerCache, KeptAnswer, RunAnswers, gave_no_answer
from osai.hubrefs import is_hub_id
from osai.jsonsafe import NotJson, json_value
from osai.net import Budget, NetFailure
from osai.records import DatasetRecord, ModelRecord

R = TypeVar("R", DatasetRecord, ModelRecord)


_TYPES: Mapping[str, type] = {"str": str, "bool": bool, "int": int}
NOT_KEPT = frozenset({"cached"})  # how this run got the record, not what the Hub said


def remembered(
    cache: AnswerCache,
    key: str,
    kind: type[R],
    read: Callable[[], R],
    offline_by: str,
    shared: RunAnswers | None = None,
    budget: Budget | None = None,
) -> R | None:
    """Offline (`offline_by` says why: --offline, HF_HUB_OFFLINE), the kept record (None when
    none is); online (""), a fresh one, then kept.  With the
    run's shared answers, a record another target of the run read (or is reading) is reused:
    a dataset fifty cards name is asked for once."""
    address = f"osai-hub-record:{key}"
    if offline_by:  # dated, as a record standing in for a failed answer is
        found = _kept_record(cache, address, kind)
        return replace(found[1], cached=found[0].offline(offline_by)) if found else None

    def fresh() -> R:
        try:
            record = read()
        except NetFailure as failure:  # the Hub gave no answer: an earlier one, marked so
            return _instead(cache, address, kind, failure)
        kept = {k: v for k, v in asdict(record).items() if k not in NOT_KEPT}
        cache.put(address, 200, json.dumps(kept).encode("utf-8"), "")
        return record

    if shared is None:
        return fresh()
    # As osai.backends.api.ApiReader: another target's request is waited for within this
    # target's own budget.
    return shared.read(address, fresh, budget.remaining() if budget is not None else 0.0)


def _instead(cache: AnswerCache, address: str, kind: type[R], failure: NetFailure) -> R:
    """The kept record standing in for the one `failure` prevented; `failure` itself when none
    is kept, or when the Hub did answer (a refusal is not hidden by an older answer)."""
    found = _kept_record(cache, address, kind) if gave_no_answer(failure) else None
    if found is None:
        raise failure
    return replace(found[1], cached=found[0].instead_of(failure))


def _kept_record(cache: AnswerCache, address: str, kind: type[R]) -> tuple[KeptAnswer, R] | None:
    """The answer kept at `address` and its record; None when none is kept, or when what is
    kept is no record osai keeps (damaged: a warning, as any damaged file)."""
    kept = cache.get(address)
    if kept is None:
        return None
    record = _record(kind, kept.body)
    if record is None:
        cache.unreadable(address, "not a Hub record osai keeps")
        return None
    return kept, record


def _record(kind: type[R], body: bytes) -> R | None:
    try:
        data = json_value(body)
    except NotJson:  # a damaged record: as if none were kept
        return None
    if not isinstance(data, dict):
        return None
    values: dict[str, Any] = {}
    for field in fields(kind):
        if field.name in NOT_KEPT:
            continue
        if field.name not in data and field.default is not MISSING:
            continue  # kept by a version of osai before the field was: its default
        value = data.get(field.name)
        if field.type == "tuple[str, ...]":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return None
            value = tuple(value)
        elif field.type == "str | None":
            if value is not None and not isinstance(value, str):
                return None
        elif not isinstance(value, _TYPES.get(str(field.type), object)):
            return None
        values[field.name] = value
    # the id the Hub answered, checked as the answer's was (linked._answered_id): it names the
    # repository a base's recipe is read from, online and in huggingface_hub's cache offline,
    # and a kept `../../etc` was an internal error (HFValidationError) there
    if not is_hub_id(values.get("id", "")):
        return None
    return kind(**values)
