"""A framework rule file (already schema-valid) → Framework, cross-checked against the vocabulary.

Cross-checks the schema cannot express: levels, components, facts, policies and licence sets that
a requirement names must exist.  A failure names the file, line and path inside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from osai.errors import RulesError
from osai.licenses import BUILTIN_SETS, LicenceKnowledge
from osai.rules.inference import Reading
from osai.rules.model import (
    Check,
    Component,
    Declaration,
    FactKind,
    Framework,
    Grade,
    GradeCondition,
    Level,
    Mode,
    ModelFile,
    Policy,
    Requirement,
    Scope,
)
from osai.suggest import did_you_mean
from osai.verdict import NOT_IN_SCOPE, Citation
from osai.yamlsafe import YamlDocument, plain_path


@dataclass(frozen=True)
class Vocabulary:
    """What rule files may name: components, declarable facts, licence knowledge, and the
    readings a check's being met may rest on (rules/inference.yaml)."""

    components: Mapping[str, Component]
    facts: Mapping[str, FactKind]
    licences: LicenceKnowledge
    readings: Mapping[str, Reading]


def framework_from_document(document: YamlDocument, vocabulary: Vocabulary) -> Framework:
    data = document.data
    levels = tuple(_level(entry) for entry in data.get("levels") or ())
    base_policies = _policies(data["policies"])
    modes = {
        name: Mode(
            name,
            entry["description"],
            entry["matching"],
            entry["unrecognised"],
            {**base_policies, **_policies(entry.get("policies") or {})},
        )
        for name, entry in data["modes"].items()
    }
    requirements = tuple(_requirement(e) for e in data["requirements"])
    scope = tuple(_scope(entry) for entry in data.get("scope") or ())
    scoring = data["scoring"]
    grades = tuple(Grade(g["id"], g["name"], float(g["value"])) for g in scoring.get("grades", ()))
    kind = scoring.get("kind", "levels")
    # The form first: a graded requirement given a level is that, not an unknown level
    _check_scoring(document, kind, levels, grades, requirements)
    _cross_check(document, levels, modes, requirements, vocabulary)
    _check_scope(document, scope, requirements, modes, vocabulary)
    _check_outcome_citations(document, scoring, levels)
    _check_not_reached(document, scoring, levels)
    return Framework(
        id=data["id"],
        aliases=tuple(data.get("aliases") or ()),
        name=data["name"],
        short_name=data["short_name"],
        version=data["version"],
        source_title=data["source"]["title"],
        source_url=data["source"]["url"],
        progress=scoring.get("progress", "none"),
        not_reached_unmet=scoring.get("not_reached", {}).get("unmet", ""),
        not_reached_unknown=scoring.get("not_reached", {}).get("unknown", ""),
        summary=scoring["summary"],
        outcome_labels=dict(scoring.get("labels") or {}),
        order=data.get("order", 100),
        levels=levels,
        modes=modes,
        requirements=requirements,
        path=document.path,
        model_file=_model_file(data.get("model_file")),
        kind=kind,
        grades=grades,
        default=data.get("default", True),
        reference_assessment=data.get("reference_assessment", ""),
        outcome_citations={
            outcome: _citation(entry) for outcome, entry in scoring.get("citations", {}).items()
        },
        scope=scope,
        not_judged=_not_judged(data.get("not_judged")),
        outcome_note=data.get("outcome_note", ""),
    )


def _not_judged(entry: Mapping[str, Any] | None) -> str:
    return "" if entry is None else f"{entry['title']}: {entry['text']}"


def _scope(entry: Mapping[str, Any]) -> Scope:
    return Scope(
        entry["id"],
        entry["title"],
        _check(entry["check"]),
        _citation(entry["citation"]),
        entry["label"],
        _check(entry["unless"]) if "unless" in entry else None,
    )


def _check_scope(
    document: YamlDocument,
    scope: tuple[Scope, ...],
    requirements: tuple[Requirement, ...],
    modes: Mapping[str, Mode],
    vocabulary: Vocabulary,
) -> None:
    """A scope's checks name what exists, under an id no requirement or other scope check
    has: a report names each by its id, and two of one id would read as one.  No level or
    outcome of a framework with a scope is named as the outcome out of it."""
    seen = {requirement.id for requirement in requirements}
    data = document.data
    levels = enumerate(data.get("levels") or ())
    named: list[tuple[tuple[str | int, ...], str]] = [
        (("levels", n, "id"), level["id"]) for n, level in levels
    ]
    not_reached = (data["scoring"].get("not_reached") or {}).items()
    named += [(("scoring", "not_reached", key), outcome) for key, outcome in not_reached]
    clash = f"'{NOT_IN_SCOPE}' is the outcome of a release out of scope: name it otherwise"
    for where_named, name in named:
        if scope and name == NOT_IN_SCOPE:  # two outcomes of one id would read as one
            fail(document, where_named, clash)
    for index, condition in enumerate(scope):
        if condition.id in seen:
            fail(document, ("scope", index, "id"), f"duplicate id '{condition.id}'")
        seen.add(condition.id)
        where: tuple[str | int, ...] = ("scope", index, "check")
        _check_references(document, where, condition.check, modes, vocabulary)
        if condition.unless is not None:
            where = ("scope", index, "unless")
            _check_references(document, where, condition.unless, modes, vocabulary)


def _level(entry: Mapping[str, Any]) -> Level:
    label = entry.get("label") or entry["name"]
    return Level(entry["id"], entry["name"], entry["short"], label, entry.get("decides", True))


def _model_file(entry: Mapping[str, Any] | None) -> ModelFile | None:
    if entry is None:
        return None
    tool = entry.get("tool") or {}
    return ModelFile(
        entry["name"],
        str(entry["version"]),
        str(entry["date"]),
        tool.get("name", ""),
        tool.get("title", tool.get("name", "")),
        tool.get("mode", ""),
    )


def _once(names: Sequence[str]) -> tuple[str, ...]:
    """Each licence set a policy names, once: a policy naming the four known sets
    25,000 times over judged every licence against each, and `osai compare` ran for minutes."""
    return tuple(dict.fromkeys(names))


def _policies(entries: Mapping[str, Any]) -> dict[str, Policy]:
    return {
        name: Policy(
            name,
            entry["title"],
            _once(entry.get("accept") or ()),
            {kind: _once(sets) for kind, sets in (entry.get("by_content_type") or {}).items()},
            entry.get("interpretation", ""),
            tuple(entry.get("reject") or ()),
            entry.get("otherwise", "unmet"),
            dict(entry.get("title_by_content_type") or {}),
            entry.get("short", ""),
        )
        for name, entry in entries.items()
    }


def _requirement(entry: Mapping[str, Any]) -> Requirement:
    applies = entry.get("applies_when")
    return Requirement(
        id=entry["id"],
        level=entry.get("level", ""),
        title=entry["title"],
        check=_check(entry["check"]) if "check" in entry else Check(),
        citation=_citation(entry["citation"]),
        remediation=entry["remediation"],
        required=entry.get("required", True),
        group=entry.get("group", ""),
        grades=tuple(
            GradeCondition(
                grade,
                _check(condition["check"]) if "check" in condition else None,
                _citation(condition["citation"]) if "citation" in condition else None,
            )
            for grade, condition in (entry.get("grades") or {}).items()
        ),
        weight=float(entry.get("weight", 1.0)),
        reference=entry.get("reference", ""),
        applies_when=_check(applies) if applies is not None else None,
        declare_in=tuple(map(_declaration, entry.get("declare_in") or ())),
        waivable=entry.get("waivable", "any"),
    )


def _declaration(entry: str | Mapping[str, Any]) -> Declaration:
    if isinstance(entry, str):
        return Declaration(entry)
    return Declaration(entry["key"], str(entry.get("value", "")), entry.get("for", ""))


def _citation(entry: Mapping[str, Any]) -> Citation:
    return Citation(entry["ref"], entry["text"], entry.get("url", ""))


def _check(entry: Mapping[str, Any]) -> Check:
    return Check(
        component=entry.get("component", ""),
        policy=entry.get("policy", ""),
        substitute=entry.get("substitute", ""),
        fact=entry.get("fact", ""),
        any_of=tuple(_check(sub) for sub in entry.get("any_of") or ()),
        all_of=tuple(_check(sub) for sub in entry.get("all_of") or ()),
        provided=entry.get("provided"),
        met_if=tuple(str(v) for v in entry.get("met_if") or ()),
        unmet_if=tuple(str(v) for v in entry.get("unmet_if") or ()),
        review_if=tuple(str(v) for v in entry.get("review_if") or ()),
        at_most=_number(entry.get("at_most")),
        at_least=_number(entry.get("at_least")),
        greater_than=_number(entry.get("greater_than")),
        unless_stated=tuple(str(key) for key in entry.get("unless_stated") or ()),
        unless=_check(entry["unless"]) if entry.get("unless") is not None else None,
        fails_if=_check(entry["fails_if"]) if entry.get("fails_if") is not None else None,
        own_licence=bool(entry.get("own_licence", False)),
        every_released=bool(entry.get("every_released", False)),
        inferred_by=entry.get("inferred_by", ""),
    )


def _number(value: Any) -> float | None:
    return float(value) if value is not None else None


def _cross_check(
    document: YamlDocument,
    levels: tuple[Level, ...],
    modes: Mapping[str, Mode],
    requirements: tuple[Requirement, ...],
    vocabulary: Vocabulary,
) -> None:
    level_ids: dict[str, None] = {}  # in the file's order, as a refusal lists them
    for index, level in enumerate(levels):
        # Two levels under one id would merge: the headline names one, the evidence the other.
        if level.id in level_ids:
            fail(document, ("levels", index, "id"), f"duplicate level id '{level.id}'")
        level_ids[level.id] = None
    _check_levels_asked(document, levels, requirements)
    seen: set[str] = set()
    for index, requirement in enumerate(requirements):
        where = ("requirements", index)
        if requirement.id in seen:
            fail(document, (*where, "id"), f"duplicate requirement id '{requirement.id}'")
        seen.add(requirement.id)
        if requirement.level and requirement.level not in level_ids:
            # the levels the file defines, as `--require` lists a framework's, when none is close
            hint = (
                did_you_mean(requirement.level, level_ids) or f" (levels: {', '.join(level_ids)})"
            )
            fail(document, (*where, "level"), f"unknown level '{requirement.level}'{hint}")
        if not requirement.grades:
            _check_references(document, (*where, "check"), requirement.check, modes, vocabulary)
        for condition in requirement.grades:
            if condition.check is not None:
                graded: tuple[str | int, ...] = (*where, "grades", condition.grade, "check")
                _check_references(document, graded, condition.check, modes, vocabulary)
        if requirement.applies_when is not None:
            scope: tuple[str | int, ...] = (*where, "applies_when")
            _check_references(document, scope, requirement.applies_when, modes, vocabulary)
        for place, declared in enumerate(requirement.declare_in):
            _check_declaration(document, (*where, "declare_in", place), declared, vocabulary)
    _check_policies(document, vocabulary)


def _check_levels_asked(
    document: YamlDocument, levels: tuple[Level, ...], requirements: tuple[Requirement, ...]
) -> None:
    """A level that decides is asked something: one no required requirement names was reached
    by every release reaching the level below (`--require x:gold` passed on a release nothing
    was asked of for gold).  A level of duties (`decides: false`) is never reached, but holds
    the duties shown whatever the outcome: one that no requirement names holds none."""
    required = {r.level for r in requirements if r.required}
    named = {r.level for r in requirements}
    below = ""
    for index, level in enumerate(levels):
        where = ("levels", index, "id")
        if not level.decides:
            if level.id not in named:
                fail(
                    document,
                    where,
                    f"no requirement has level: {level.id} (a level of duties, `decides: "
                    "false`, holds the duties shown whatever the outcome)",
                )
            continue
        if level.id not in required:
            asked = (
                "only optional requirements (`required: false`) have"
                if level.id in named
                else "no required requirement has"
            )
            reached = f"every release that reaches '{below}'" if below else "every release"
            fail(
                document,
                where,
                f"{asked} level: {level.id} (a level with none required is reached by {reached})",
            )
        below = level.id


# Where a manifest lists its components (a `declare_in` with this key names one by its name).
COMPONENTS_KEY = "release.components"


def _check_declaration(
    document: YamlDocument,
    where: tuple[str | int, ...],
    declared: Declaration,
    vocabulary: Vocabulary,
) -> None:
    """A remedy's manifest key is one a manifest has: a fact's (rules/components.yaml), several
    facts' by a prefix ending in `*`, or the components' list naming a component; a misspelt key
    would send whoever owns the release to write one osai refuses."""
    keys = sorted(fact.manifest_key for fact in vocabulary.facts.values())
    key = declared.key
    if key == COMPONENTS_KEY:
        names = sorted(component.name for component in vocabulary.components.values())
        if declared.value not in names:
            fail(
                document,
                where,
                f"{key}: value '{declared.value}' is no component's name"
                + did_you_mean(declared.value, names),
            )
        return
    wildcard = key.endswith("*") and any(k.startswith(key[:-1]) for k in keys)
    if key not in keys and not wildcard:
        fail(document, where, f"no manifest key '{key}'" + did_you_mean(key, keys))


def _check_policies(document: YamlDocument, vocabulary: Vocabulary) -> None:
    """Each policy names known licence sets and restriction categories; a mistake is pointed
    at where the policy is written (`policies:`, or a mode's own), not at the mode using it."""
    data = document.data
    declared: list[tuple[tuple[str | int, ...], Mapping[str, Any]]] = [
        (("policies",), data["policies"])
    ]
    declared += [
        (("modes", name, "policies"), entry["policies"])
        for name, entry in data["modes"].items()
        if entry.get("policies")
    ]
    for where, policies in declared:
        for name, policy in _policies(policies).items():
            if where != ("policies",):
                _check_overridden(document, (*where, name), data["policies"])
            _check_policy(document, (*where, name), policy, vocabulary)


def _check_overridden(
    document: YamlDocument, where: tuple[str | int, ...], top: Mapping[str, Any]
) -> None:
    """A mode's policy replaces the top-level one of its name: one of no such name (a misspelt
    `nao-open-license` for `nao-open-licence`) replaced nothing, and the mode judged by the
    top-level policy, its own passed over without a word."""
    name = str(where[-1])
    if name in top:
        return
    named = sorted(top)
    hint = did_you_mean(name, named) or (
        f" (policies: {', '.join(named)}; a mode's policies replace the top-level ones of the "
        "same name)"
    )
    fail(document, where, f"no top-level policy '{name}' for mode '{where[1]}' to replace{hint}")


def _sets_in_order(known: set[str]) -> list[str]:
    """SPDX's flags first (the sets most policies accept), then rules/licenses.yaml's."""
    return [*BUILTIN_SETS, *sorted(known - set(BUILTIN_SETS))]


def _check_policy(
    document: YamlDocument, where: tuple[str | int, ...], policy: Policy, vocabulary: Vocabulary
) -> None:
    known_sets = set(BUILTIN_SETS) | set(vocabulary.licences.sets)
    key = "by_content_type" if policy.by_content_type else "accept"
    for set_name in policy.all_sets():
        if set_name not in known_sets:
            fail(
                document,
                (*where, key),
                f"policy '{policy.name}' names unknown licence set '{set_name}'"
                # `osi` had no near name, and the sets were nowhere an author would look
                + (
                    did_you_mean(set_name, sorted(known_sets))
                    or f" (sets: {', '.join(_sets_in_order(known_sets))}; `osai licenses list`"
                    " lists their licences)"
                ),
            )
    restrictions = vocabulary.licences.restrictions
    for index, category in enumerate(policy.reject):
        if category not in restrictions:
            fail(
                document,
                (*where, "reject", index),
                f"policy '{policy.name}' rejects unknown restriction '{category}'"
                + (
                    did_you_mean(category, sorted(restrictions))
                    or " (see restrictions: in rules/licenses.yaml)"
                ),
            )


def _check_not_reached_apart(
    document: YamlDocument, not_reached: Mapping[str, Any], levels: tuple[Level, ...]
) -> None:
    """One outcome for a violation and for what is only unknown: a framework of several levels
    says the latter as its first level "not demonstrated" (MOF's `none`), one of a single level
    by the outcome's label alone, which said a release that violates a requirement in the
    words of one not shown, or the reverse, and JSON's `outcome` could not tell them apart."""
    unmet, unknown = not_reached.get("unmet"), not_reached.get("unknown")
    if unmet is None or unmet != unknown or sum(level.decides for level in levels) > 1:
        return
    fail(
        document,
        ("scoring", "not_reached", "unknown"),
        f"'{unknown}' is also the unmet outcome: a framework of one level names its unmet and "
        "unknown outcomes apart",
    )


def _check_outcome_citations(
    document: YamlDocument, scoring: Mapping[str, Any], levels: tuple[Level, ...]
) -> None:
    """An outcome cited is a level that decides, or a not-reached outcome."""
    known = {level.id for level in levels if level.decides}
    known |= set((scoring.get("not_reached") or {}).values())
    for outcome in scoring.get("citations") or {}:
        if outcome not in known:
            where = ("scoring", "citations", outcome)
            fail(document, where, f"no outcome '{outcome}' (outcomes: {', '.join(sorted(known))})")


def _check_not_reached(
    document: YamlDocument, scoring: Mapping[str, Any], levels: tuple[Level, ...]
) -> None:
    """A not-reached outcome is no level's id (a release that reaches nothing would be reported
    as that level, by its name), a framework of one level names its two apart, and `labels`
    label only those outcomes: a label for anything else was never shown, and said nothing of
    it."""
    not_reached = scoring.get("not_reached") or {}
    _check_not_reached_apart(document, not_reached, levels)
    level_ids = {level.id for level in levels}
    for key, outcome in not_reached.items():
        if outcome in level_ids:
            where = ("scoring", "not_reached", key)
            fail(document, where, f"'{outcome}' is a level's id: name the outcome otherwise")
    outcomes = sorted(set(not_reached.values()))
    for outcome in scoring.get("labels") or {}:
        if outcome not in outcomes:
            hint = " (a level's label is its `name`)" if outcome in level_ids else ""
            fail(
                document,
                ("scoring", "labels", outcome),
                f"no not-reached outcome '{outcome}' to label (outcomes: {', '.join(outcomes)})"
                + hint,
            )


def _check_scoring(
    document: YamlDocument,
    kind: str,
    levels: tuple[Level, ...],
    grades: tuple[Grade, ...],
    requirements: tuple[Requirement, ...],
) -> None:
    """A graded framework grades every requirement on its scale; a levelled one has levels."""
    if kind != "graded":
        # each requirement's form (`level` and `check`, or `grades`) is the schema's, by kind
        if not any(level.decides for level in levels):
            fail(document, ("levels",), "a framework with levels needs a level that decides")
        return
    if levels:
        fail(document, ("levels",), "a graded framework has grades (scoring.grades), not levels")
    scale = [grade.id for grade in grades]
    twice = next((grade for n, grade in enumerate(scale) if grade in scale[:n]), None)
    if twice is not None:
        again = scale.index(twice, scale.index(twice) + 1)
        fail(document, ("scoring", "grades", again, "id"), f"grade '{twice}' is listed twice")
    _check_grades_best_first(document, grades)
    for index, requirement in enumerate(requirements):
        for condition in requirement.grades:
            if condition.grade not in scale:
                where = ("requirements", index, "grades", condition.grade)
                hint = did_you_mean(condition.grade, scale) or f" (scale: {', '.join(scale)})"
                fail(document, where, f"unknown grade '{condition.grade}'{hint}")
        _check_otherwise_lowest(document, index, requirement, scale)
        if requirement.grades and all(c.check is not None for c in requirement.grades):
            # every condition unmet would leave it ungraded: unknown, whatever the evidence
            fail(
                document,
                ("requirements", index, "grades"),
                "no grade is `otherwise: true`, so when every condition is unmet it has no "
                "grade: make its lowest grade `otherwise: true`",
            )


def _check_grades_best_first(document: YamlDocument, grades: tuple[Grade, ...]) -> None:
    """The engine reads the scale from the top (a grade is earned when every one above it is
    ruled out): a scale listed lowest first gave every requirement its worst grade."""
    for index, (above, grade) in enumerate(pairwise(grades), start=1):
        if grade.value > above.value:
            fail(
                document,
                ("scoring", "grades", index),
                f"grade '{grade.id}' ({grade.value}) is worth more than '{above.id}' "
                f"({above.value}) above it: list the grades best first",
            )


def _check_otherwise_lowest(
    document: YamlDocument, index: int, requirement: Requirement, scale: list[str]
) -> None:
    """`otherwise: true` is earned once every grade above it is ruled out, so the grades a
    requirement gives below it could never be given."""
    given = sorted(
        (c for c in requirement.grades if c.grade in scale), key=lambda c: scale.index(c.grade)
    )
    for position, condition in enumerate(given[:-1]):
        if condition.check is None:
            below = given[position + 1].grade
            fail(
                document,
                ("requirements", index, "grades", condition.grade),
                "`otherwise: true` is for the lowest grade a requirement gives: "
                f"'{below}', below it, would never be given",
            )


def _check_references(
    document: YamlDocument,
    where: tuple[str | int, ...],
    check: Check,
    modes: Mapping[str, Mode],
    vocabulary: Vocabulary,
) -> None:
    for name in (check.component, check.substitute):
        if name and name not in vocabulary.components:
            hint = did_you_mean(name, sorted(vocabulary.components))
            fail(document, where, f"unknown component '{name}'{hint}")
    if check.fact:
        _check_fact(document, where, check, vocabulary)
    if check.inferred_by and check.inferred_by not in vocabulary.readings:
        hint = did_you_mean(check.inferred_by, sorted(vocabulary.readings)) or (
            " (see readings: in inference.yaml)"
        )
        fail(document, (*where, "inferred_by"), f"unknown reading '{check.inferred_by}'{hint}")
    for key in check.unless_stated:
        if key not in vocabulary.facts:
            hint = did_you_mean(key, sorted(vocabulary.facts)) or " (see facts: in components.yaml)"
            fail(document, (*where, "unless_stated"), f"unknown fact '{key}'{hint}")
    if check.policy and any(check.policy not in mode.policies for mode in modes.values()):
        named = sorted({name for mode in modes.values() for name in mode.policies})
        # "unknown policy 'osi-approved'" alone, of a file whose policy is `osi`: the author
        # took the licence set for the policy's name and was not told the names there are
        lacking = [name for name, mode in modes.items() if check.policy not in mode.policies]
        if check.policy in named:  # a mode's own policy, which another mode lacks
            said = ", ".join(lacking)
            fail(
                document,
                where,
                f"policy '{check.policy}' is not in mode {said} (one every mode judges by goes "
                "under the top-level policies:)",
            )
        hint = did_you_mean(check.policy, named) or f" (policies: {', '.join(named)})"
        fail(document, where, f"unknown policy '{check.policy}'{hint}")
    if check.every_released:
        # it asks of parts that are released: a fact or a nested check is none, and was passed
        # over without a word
        for index, part in enumerate(check.any_of):
            if not part.component:
                fail(document, (*where, "any_of", index), "every_released asks only of components")
    if check.unless is not None:
        _check_references(document, (*where, "unless"), check.unless, modes, vocabulary)
    if check.fails_if is not None:
        _check_references(document, (*where, "fails_if"), check.fails_if, modes, vocabulary)
    key = "any_of" if check.any_of else "all_of"
    for index, sub in enumerate(check.parts):
        _check_references(document, (*where, key, index), sub, modes, vocabulary)


def _check_fact(
    document: YamlDocument, where: tuple[str | int, ...], check: Check, vocabulary: Vocabulary
) -> None:
    """The fact exists, and what the check tests suits its type."""
    kind = vocabulary.facts.get(check.fact)
    if kind is None:
        hint = (
            did_you_mean(check.fact, sorted(vocabulary.facts)) or " (see facts: in components.yaml)"
        )
        fail(document, where, f"unknown fact '{check.fact}'{hint}")
        return
    if check.tests_number and kind.type != "number":
        fail(document, where, f"fact '{check.fact}' is a {kind.type}, not a number")
    values = (*check.met_if, *check.unmet_if, *check.review_if)
    # a statement is tested for a word it may be (the "none" a publisher writes for data it
    # did not use, as rules/components.yaml says): any other text is unknown to the test
    if values and kind.type not in ("category", "statement"):
        fail(document, where, f"fact '{check.fact}' is a {kind.type}, not a category or statement")
    unknown = [value for value in values if kind.type == "category" and value not in kind.values]
    if unknown:
        known = ", ".join(kind.values)
        fail(document, where, f"fact '{check.fact}' has no value '{unknown[0]}' (values: {known})")
    twice = [value for value in dict.fromkeys(values) if values.count(value) > 1]
    if twice:  # one value, two outcomes: which holds would depend on the engine's order
        fail(document, where, f"fact '{check.fact}': value '{twice[0]}' is in two of its lists")


def fail(document: YamlDocument, node_path: tuple[str | int, ...], message: str) -> None:
    """Raise a RulesError naming the file, the node's line and its path, as the schema's
    refusals of the same file name it (`requirements[1].check`, not `at $.requirements[1].check`
    beside `requirements[0].id`)."""
    raise RulesError(f"{document.where(*node_path)}: {plain_path(node_path)}: {message}")
