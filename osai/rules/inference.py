"""rules/inference.yaml, typed: facts the frameworks' texts let one infer from components."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from osai.errors import RulesError
from osai.licenses import BUILTIN_SETS, LicenceKnowledge
from osai.verdict import Citation
from osai.yamlsafe import YamlDocument, plain_path


@dataclass(frozen=True)
class InferenceRule:
    id: str
    title: str
    citation: Citation
    component: str  # released ...
    accept: tuple[str, ...]  # ... under licences all in these sets (empty: whatever its licence)
    infer: Mapping[str, str]  # fact id → the value inferred
    unless_stated: tuple[str, ...] = ()  # ... and none of these facts stated
    # ... under a licence stated for the component itself, not inherited from a default (a
    # manifest's or listing's release-wide licence, a repository's declared licence)
    own_licence: bool = False
    # ... and none of these facts' stated words read as stating one of `unless_stated`, as a
    # card's sentence is read (rules/detection.yaml): "news bought from Reuters" in a declared
    # description is the card's non_public_data sentence
    unless_said_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """A reading of a framework's text by which a check's part being met is an inference, not
    a fact shown (rules/inference.yaml `readings:`; a framework check's `inferred_by`): a data
    card for OSAID's description of the training data.  No fact is inferred, as other
    frameworks judge the fact and the component apart."""

    id: str
    title: str
    citation: Citation
    # The fact it stands in for (a data card for the description of the training data): a
    # source that states that fact, "not provided" included, is judged instead, as an inferred
    # fact stands only where no source states it.  "" where it stands in for none.
    stands_for: str = ""


def compile_readings(
    document: YamlDocument, facts: Collection[str] | None = None
) -> dict[str, Reading]:
    """The readings, by id; an id given twice, or a fact `stands_for` names that the
    vocabulary does not know (where `facts` is given), is refused where it is written."""
    readings: dict[str, Reading] = {}
    for index, entry in enumerate(document.data.get("readings") or ()):
        stands_for = str(entry.get("stands_for") or "")
        reading = Reading(
            str(entry["id"]), str(entry["title"]), _citation(entry["citation"]), stands_for
        )
        if reading.id in readings:
            node = ("readings", index, "id")
            where = f"{document.where(*node)}: {plain_path(node)}"
            raise RulesError(f"{where}: duplicate reading id '{reading.id}'")
        if facts is not None and stands_for and stands_for not in facts:
            node = ("readings", index, "stands_for")
            where = f"{document.where(*node)}: {plain_path(node)}"
            raise RulesError(f"{where}: unknown fact '{stands_for}'")
        readings[reading.id] = reading
    return readings


def compile_inference(
    document: YamlDocument, components: set[str], facts: set[str], knowledge: LicenceKnowledge
) -> tuple[InferenceRule, ...]:
    rules = tuple(_rule(entry) for entry in document.data["rules"])
    known_sets = set(BUILTIN_SETS) | set(knowledge.sets)
    for rule in rules:
        problems = (
            [f"unknown component '{rule.component}'"] * (rule.component not in components)
            + [
                f"unknown fact '{f}'"
                for f in (*rule.infer, *rule.unless_stated, *rule.unless_said_in)
                if f not in facts
            ]
            + [f"unknown licence set '{s}'" for s in rule.accept if s not in known_sets]
        )
        if problems:
            raise RulesError(f"{document.path}: rule {rule.id}: {'; '.join(problems)}")
    return rules


def _rule(entry: Mapping[str, Any]) -> InferenceRule:
    when, infer = entry["when"], entry["infer"]
    return InferenceRule(
        id=str(entry["id"]),
        title=str(entry["title"]),
        citation=_citation(entry["citation"]),
        component=when["component"],
        accept=tuple(when.get("accept") or ()),
        infer={str(k): str(v) for k, v in infer.items()},
        unless_stated=tuple(when.get("unless_stated") or ()),
        own_licence=bool(when.get("own_licence", False)),
        unless_said_in=tuple(when.get("unless_said_in") or ()),
    )


def _citation(entry: Mapping[str, Any]) -> Citation:
    return Citation(entry["ref"], entry["text"], entry.get("url", ""))
