"""Listings that match a repository alike and say different things: one word from them all.

An EOSAI entry has no date of its own, and two MOT files may give one model name and one date:
two listings that name a repository the same way (two copies of deepseek-R1.yaml under other
file names, one graded all open, one all closed) are told apart by nothing but their file names,
and a file name must not decide the verdict: renaming one changed the score.  Listings that say
the same thing stand for each other (the first by file name answers, and the note says so);
listings that say otherwise each weigh as much, so of each item the more restrictive word stands
(DESIGN.md, "Merge"), and wherever they differ a conflict names both:

- a component: each listing's evidence, merged as any two sources are (osai.sources.merge: an
  assessed "not released" against an assessed "released" keeps "not released", and a MOT file
  that merely does not list a component does not outweigh one that lists it; of two licences,
  the more restrictive, or both where neither is); and an EOSAI entry that grades what
  another's "released" rests on without a grade that shows it (partial weights beside open ones)
  holds it back: it stays unknown, the evidence divided;
- a fact: kept only where no listing that grades what it rests on withholds it, and they all
  give it one value; otherwise unknown;
- a grade (the index's own, shown beside osai's): the lower one, by the index's grade values;
  a grade that has no value (n/a) beside another grade is not ranked, and left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from osai.assessments.model import EosaiEntry, EosaiParameter, Grade
from osai.evidence import (
    ComponentEvidence,
    Fact,
    Finding,
    FindingKind,
    Presence,
    Provenance,
    Release,
)
from osai.rules import RuleSet
from osai.sources.merge import merge_with_conflicts
from osai.textsafe import joined

# Said after each contradiction between tied listings: why neither outranks the other.
ALIKE = "the listings match this repository alike, and no file name outranks the other"


def weighed_alike(labels: Sequence[str], items: str) -> str:
    """Why the match's note names several listings as one word (`items`: what each weighs on,
    "component, licence and grade")."""
    return (
        "nothing but the file names tells them apart, and they say different things: osai "
        f"weighs {joined(labels)} alike, and of each {items} the more restrictive word stands; "
        "a conflict says where they disagree"
    )


@dataclass(frozen=True)
class ListingSays:
    """What one of the tied listings establishes, and what it holds back: the items (a
    component id, or `fact:<id>`) an EOSAI entry grades without a grade that establishes them,
    with the places it gives those grades (none for a MOT file)."""

    release: Release  # its components and facts
    held: Mapping[str, tuple[Provenance, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Weighed:
    components: dict[str, ComponentEvidence]
    facts: dict[str, Fact]
    findings: tuple[Finding, ...]


def weighed(said: Sequence[ListingSays], rules: RuleSet) -> Weighed:
    """The tied listings' evidence as one, each weighing as much (`said` in file order, which
    orders the words of a finding and which of two places is shown first, never a presence, a
    licence or a value kept)."""
    first, *rest = said
    merged, findings = first.release, list[Finding]()
    for other in rest:
        result = merge_with_conflicts(merged, other.release, rules)
        merged = result.release
        findings += [_alike(c.finding) for c in result.conflicts]
        findings += result.notes
    components: dict[str, ComponentEvidence] = {}
    for component_id, evidence in merged.components.items():
        if not _says_something(evidence):
            continue
        held = _held(said, component_id) if evidence.is_present else ()
        if held:
            evidence = _held_back(evidence, held, rules, findings)
        components[component_id] = evidence
    facts = {
        key: fact for key, fact in merged.facts.items() if _fact_stands(said, fact, rules, findings)
    }
    return Weighed(components, facts, tuple(findings))


def _says_something(evidence: ComponentEvidence) -> bool:
    """A merge returns every component; those no listing says anything of are left out, as
    one listing's evidence leaves them."""
    said = evidence.provenance or evidence.licence
    return evidence.presence is not Presence.UNKNOWN or bool(said)


def _alike(finding: Finding) -> Finding:
    return replace(finding, message=f"{finding.message} ({ALIKE})")


def _held(said: Sequence[ListingSays], item: str) -> tuple[Provenance, ...]:
    return tuple(place for entry in said for place in entry.held.get(item, ()))


def _held_back(
    evidence: ComponentEvidence,
    held: tuple[Provenance, ...],
    rules: RuleSet,
    findings: list[Finding],
) -> ComponentEvidence:
    """A component one entry shows released and another grades lower than that: unknown."""
    name = rules.components[evidence.component].name
    shown = evidence.provenance[0]
    message = (
        f"{name}: {shown.describe()} shows it released, but {_lower(held)}; osai keeps "
        f"neither: it stays unknown — correct whichever is wrong ({ALIKE})"
    )
    findings.append(Finding(FindingKind.CONFLICT, message, (held[0], shown), evidence.component))
    return replace(
        evidence,
        presence=Presence.UNKNOWN,
        provenance=(*held, *evidence.provenance),
        location="",
        files=(),
        divided=True,
    )


def _fact_stands(
    said: Sequence[ListingSays], fact: Fact, rules: RuleSet, findings: list[Finding]
) -> bool:
    """Whether a fact one listing establishes stands: no other grading what it rests on
    withholds it, and every listing that gives it gives one value."""
    held = _held(said, f"fact:{fact.key}")
    values = {s.release.facts[fact.key].value for s in said if fact.key in s.release.facts}
    if not held and len(values) <= 1:
        return True
    if held:
        why = f"{fact.provenance.describe()} states '{fact.value}', but {_lower(held)}"
    else:
        why = "the listings state " + joined(sorted(f"'{value}'" for value in values), "and")
    kind = rules.facts.get(fact.key)
    title = kind.title if kind is not None else fact.key
    message = (
        f"{title}: {why}; osai keeps neither: it stays unknown — correct whichever is wrong "
        f"({ALIKE})"
    )
    cited = (fact.provenance, *held[:1])
    findings.append(Finding(FindingKind.CONFLICT, message, cited, fact=fact.key))
    return False


def _lower(held: tuple[Provenance, ...]) -> str:
    """The grades of an entry that hold an item back, in words: "X = key: partial does not"."""
    return joined([place.describe() for place in held]) + (
        " does not" if len(held) == 1 else " do not"
    )


# --- the index's own grades ------------------------------------------------------------------


def lowest_grades(
    entries: Sequence[EosaiEntry], keys: Sequence[str], values: Mapping[Grade, float]
) -> tuple[tuple[tuple[str, EosaiParameter], ...], tuple[str, ...]]:
    """Each parameter as the tied entries grade it: the lower grade where they differ (the
    first entry's words where they agree), and the parameters left out, whose grades cannot be
    ranked (n/a beside a grade)."""
    graded: list[tuple[str, EosaiParameter]] = []
    unranked: list[str] = []
    for key in keys:
        given = [entry.parameters[key] for entry in entries if key in entry.parameters]
        grades = {parameter.grade for parameter in given}
        if len(grades) <= 1:
            graded.extend((key, parameter) for parameter in given[:1])
        elif all(grade in values for grade in grades):
            graded.append((key, min(given, key=lambda parameter: values[parameter.grade])))
        else:
            unranked.append(key)
    return tuple(graded), tuple(unranked)
