"""An EOSAI assessment as evidence: its grades, and what they establish (certainty: assessed).

What a grade establishes is data (rules/eosai-mapping.yaml); this module only applies it.  The
index dates no entry, so an EOSAI grade is dated by its snapshot (the commit it was read at).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from osai.assessments.eosai_mapping import EosaiMapping, EvidenceRule, load_mapping
from osai.assessments.model import EosaiEntry, EosaiMatch, EosaiParameter, Grade, MatchKind
from osai.assessments.ties import ListingSays, lowest_grades, weighed, weighed_alike
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    Fact,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.rules import RuleSet
from osai.textsafe import joined

SOURCE = "eosai"


@dataclass(frozen=True)
class AssessedParameter:
    """One of the entry's graded parameters, with what it concerns in osai's vocabulary."""

    parameter: str  # the index's key, e.g. "trainingcode"
    name: str  # the index's display name, e.g. "Training Code"
    grade: Grade
    links: tuple[str, ...]
    notes: str
    line: int | None
    subject: str  # "end_model" | "base_model" | "system" ("" when the mapping does not know it)
    maps_to: tuple[str, ...]  # component ids and "fact:<id>"
    applies: bool  # whether the grade is evidence about the matched repository


@dataclass(frozen=True)
class EosaiAssessment:
    """The matched entry: who and what it assesses, how it matched, every parameter's grade."""

    match: EosaiMatch
    summary: str
    parameters: tuple[AssessedParameter, ...]
    score: float | None  # the index website's score (mean grade value), None with no grade
    assessed_as_of: str  # the snapshot's date: the index dates no entry

    @property
    def entry(self) -> EosaiEntry:
        return self.match.entry

    def grade(self, parameter: str) -> AssessedParameter | None:
        return next((p for p in self.parameters if p.parameter == parameter), None)


def eosai_evidence(match: EosaiMatch, rules: RuleSet) -> EosaiAssessment:
    mapping = load_mapping(rules)
    subjects = mapping.subjects_by_match[match.kind]
    given = dict.fromkeys(key for entry in match.entries for key in entry.parameters)
    known = [key for key in mapping.parameters if key in given]
    extra = [key for key in given if key not in mapping.parameters]
    graded, unranked = lowest_grades(match.entries, (*known, *extra), mapping.grade_values)
    parameters = tuple(_assessed(mapping, key, grade, subjects) for key, grade in graded)
    summary = describe_eosai_match(match)
    if unranked:
        names = joined([mapping.parameter_name(key) for key in unranked])
        summary += (
            f"; {joined([e.label for e in match.entries])} grade {names} n/a and otherwise, "
            "which osai cannot rank: left ungraded"
        )
    return EosaiAssessment(
        match=match,
        summary=summary,
        parameters=parameters,
        score=_score(mapping, parameters),
        assessed_as_of=match.info.date,
    )


def _assessed(
    mapping: EosaiMapping, key: str, graded: EosaiParameter, subjects: frozenset[str]
) -> AssessedParameter:
    meaning = mapping.parameters.get(key)
    subject = meaning.subject if meaning else ""
    # A grade applies when it is about the matched repository, or an applicable rule reads it (the
    # base model's data is part of the end model's training data).
    read_by_rule = any(
        rule.subject in subjects and (key in rule.present or key in rule.absent)
        for rule in mapping.evidence
    )
    return AssessedParameter(
        parameter=key,
        name=mapping.parameter_name(key),
        grade=graded.grade,
        links=graded.links,
        notes=graded.notes,
        line=graded.line,
        subject=subject,
        maps_to=mapping.maps_to(key),
        applies=subject in subjects or read_by_rule,
    )


def _score(mapping: EosaiMapping, parameters: Sequence[AssessedParameter]) -> float | None:
    values = [
        mapping.grade_values[p.grade]
        for p in parameters
        if p.parameter in mapping.parameters and p.grade in mapping.grade_values
    ]
    return round(sum(values) / len(values), 3) if values else None


# --- as a Release ----------------------------------------------------------------------------


def eosai_release(match: EosaiMatch, rules: RuleSet) -> Release:
    """What the grades establish about the matched repository, as component evidence (assessed).

    Only the rules whose subject applies to how the repository matched are used; a family or
    declared-base-model match gives no component evidence, only a note.
    """
    mapping = load_mapping(rules)
    subjects = mapping.subjects_by_match[match.kind]
    rules_used = [rule for rule in mapping.evidence if rule.subject in subjects]
    components, facts, weighing = _evidence(match, mapping, rules_used, rules)
    summary = describe_eosai_match(match)
    brief = ""
    cited = credited(mapping, match.info.source.licence)
    if not rules_used:
        summary += "; no evidence about this repository is taken from it"
    else:  # its grades and notes become evidence in the report: the index's licence asks a citation
        brief = f"{summary}; source: {cited}" if cited else ""
        summary += f"; {match.info.credit.said}"
    labels = tuple(entry.label for entry in match.entries)
    credit = replace(
        match.info.credit_of(*labels), creator=mapping.creator, link=mapping.source_url
    )
    note = Finding(
        FindingKind.NOTE,
        summary,
        tuple(
            Provenance(SOURCE, entry.label, entry.link, Certainty.ASSESSED)
            for entry in match.entries
        ),
        brief=brief,
        credit=credit if rules_used else None,
    )
    return Release(
        target=match.repo_id,
        source=SOURCE,
        name=match.entry.name,
        producer=match.entry.organisation,
        owned=False,  # a listing of someone else's model
        components=components,
        facts=facts,
        findings=(note, *weighing),
        document=match.entry.label,
    )


def _evidence(
    match: EosaiMatch, mapping: EosaiMapping, rules_used: Sequence[EvidenceRule], rules: RuleSet
) -> tuple[dict[str, ComponentEvidence], dict[str, Fact], tuple[Finding, ...]]:
    """The components and facts the entry establishes; of tied entries that say different
    things, what they establish weighed as one (osai.assessments.ties), with the findings
    that say where they differ."""
    if not match.disagreeing:
        components = _components(match, mapping, [r for r in rules_used if r.component])
        return components, _facts(match, mapping, [r for r in rules_used if r.fact]), ()
    said = [_entry_says(replace(match, entry=e), mapping, rules_used) for e in match.entries]
    found = weighed(said, rules)
    return found.components, found.facts, found.findings


def _entry_says(
    match: EosaiMatch, mapping: EosaiMapping, rules_used: Sequence[EvidenceRule]
) -> ListingSays:
    """What one of tied entries establishes, and the items it grades without establishing
    them (a component neither shown released nor not released, a fact not shown): there, its
    grade is lower than what another's word rests on."""
    components = _components(match, mapping, [r for r in rules_used if r.component])
    facts = _facts(match, mapping, [r for r in rules_used if r.fact])
    held: dict[str, tuple[Provenance, ...]] = {}
    for rule in rules_used:
        found = components.get(rule.component) if rule.component else None
        settled = found is not None and found.presence is not Presence.UNKNOWN
        if settled or rule.fact in facts:
            continue
        graded = [key for key in rule.present if key in match.entry.parameters]
        cited = tuple(_cite(match, mapping, key) for key in graded)
        held[rule.target] = tuple(dict.fromkeys((*held.get(rule.target, ()), *cited)))
    release = Release(
        target=match.repo_id,
        source=SOURCE,
        name=match.entry.name,
        components=components,
        facts=facts,
        owned=False,
    )
    return ListingSays(release, {k: v for k, v in held.items() if v})


def credited(mapping: EosaiMapping, licence: str) -> str:
    """The index's citation in a few words, and where the full one is (its licence, CC-BY-4.0,
    asks for it; a terminal gives it in one line, not seven); the command backquoted, as a
    command to copy, which a terminal keeps on one line (it printed "(osai db" / "status").
    The index's link stays in the few words: the index asks its attribution to be "a link to
    https://osai-index.eu/ and a citation" of its paper, and a terminal gave the citation alone."""
    if not mapping.creator:
        return ""
    return (
        f"{mapping.source_title} ({mapping.source_url}), {mapping.creator}, {licence} "
        "(`osai db status` gives the full citation)"
    )


def _established(rule: EvidenceRule, entry: EosaiEntry) -> Presence:
    """PRESENT or ABSENT when every parameter the rule reads holds; UNKNOWN otherwise."""
    if _holds(rule.present, entry) and (
        not rule.requires_link or all(entry.parameters[k].links for k in rule.present)
    ):
        return Presence.PRESENT
    if rule.absent and _holds(rule.absent, entry):
        return Presence.ABSENT
    return Presence.UNKNOWN


def _holds(condition: Mapping[str, frozenset[Grade]], entry: EosaiEntry) -> bool:
    return all(
        key in entry.parameters and entry.parameters[key].grade in grades
        for key, grades in condition.items()
    )


def _components(
    match: EosaiMatch, mapping: EosaiMapping, rules: Sequence[EvidenceRule]
) -> dict[str, ComponentEvidence]:
    found: dict[str, ComponentEvidence] = {}
    for rule in rules:
        presence = _established(rule, match.entry)
        licence = _licence(match, mapping, rule) if presence is not Presence.ABSENT else None
        if presence is Presence.UNKNOWN and licence is None:
            continue
        cited = rule.present if presence is not Presence.ABSENT else rule.absent
        evidence = ComponentEvidence(
            rule.component,
            presence,
            tuple(_cite(match, mapping, key) for key in cited if key in match.entry.parameters),
            licence,
            _location(match.entry, rule) if presence is Presence.PRESENT else "",
        )
        found[rule.component] = _combined(found.get(rule.component), evidence)
    return found


def _combined(earlier: ComponentEvidence | None, later: ComponentEvidence) -> ComponentEvidence:
    """Two rules on one component: presence wins over absence, which wins over unknown."""
    if earlier is None:
        return later
    rank = {Presence.PRESENT: 0, Presence.ABSENT: 1, Presence.UNKNOWN: 2}
    first, second = sorted((earlier, later), key=lambda e: rank[e.presence])
    return ComponentEvidence(
        first.component,
        first.presence,
        (*first.provenance, *second.provenance),
        first.licence or second.licence,
        first.location or second.location,
    )


def _facts(
    match: EosaiMatch, mapping: EosaiMapping, rules: Sequence[EvidenceRule]
) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    for rule in rules:
        if rule.fact in facts or _established(rule, match.entry) is not Presence.PRESENT:
            continue
        links = [link for key in rule.present for link in match.entry.parameters[key].links]
        first = next(iter(rule.present))
        value = rule.value or "; ".join(dict.fromkeys(links))
        facts[rule.fact] = Fact(rule.fact, value, _cite(match, mapping, first))
    return facts


def _licence(match: EosaiMatch, mapping: EosaiMapping, rule: EvidenceRule) -> LicenceFact | None:
    if rule.licence_from != "endmodellicense":
        return None
    entry = match.entry
    text = entry.end_model_licence.strip()
    if text.casefold() in mapping.no_licence_values:
        return None
    line = entry.lines.get("endmodellicense") or entry.lines.get("endmodel license")
    note = (
        "system.endmodellicense: the licence of end-user interaction with the model, as the index "
        f"states it (snapshot {match.info.short_commit} of {match.info.date})"
    )
    provenance = Provenance(SOURCE, entry.label, text, Certainty.ASSESSED, line, note)
    return LicenceFact(text, provenance)


def _location(entry: EosaiEntry, rule: EvidenceRule) -> str:
    for key in rule.present:
        links = entry.parameters[key].links
        if links:
            return links[0]
    return ""


def _cite(match: EosaiMatch, mapping: EosaiMapping, key: str) -> Provenance:
    graded = match.entry.parameters[key]
    name = mapping.parameter_name(key)
    link = f" ({graded.links[0]})" if graded.links else ""
    notes = f" — {graded.notes.strip()}" if graded.notes.strip() else ""
    # The index's notes are often sentences: "released.; assessed" read as a slip.
    then = " Assessed" if notes.endswith((".", "!", "?")) else "; assessed"
    note = (
        f"EOSAI {name}: {graded.grade.value}{notes}{then} as of the snapshot "
        f"{match.info.short_commit} of {match.info.date}"
    )
    return Provenance(
        SOURCE,
        match.entry.label,
        f"{key}: {graded.grade.value}{link}",
        Certainty.ASSESSED,
        graded.line,
        note,
    )


def describe_eosai_match(match: EosaiMatch) -> str:
    """One sentence: which EOSAI entry, and how it was matched."""
    entry, info = match.entry, match.info
    where = f"{entry.label} ({entry.name}; EOSAI snapshot {info.short_commit} of {info.date})"
    grades = entry.link or "no Hub link"
    texts = {
        MatchKind.EXACT: f"EOSAI assesses this repository: {where}",
        MatchKind.RENAMED: (
            f"EOSAI assesses this repository under its former id {match.via}: {where}"
        ),
        MatchKind.END_MODEL_NAME: (
            f"EOSAI assesses this model as the end model of an entry, by name "
            f"('{entry.end_model}', same organisation): {where}"
        ),
        MatchKind.ENTRY_BASE_MODEL: (
            f"EOSAI assesses a model built on this one: this repository is the base model "
            f"('{entry.base_model}') of {where}; only its base-model grades apply"
        ),
        MatchKind.DECLARED_BASE_MODEL: (
            f"EOSAI assesses {match.via}, which this repository names as its base model: {where}"
        ),
        MatchKind.OTHER_MODEL: _other_model(match, where),
        MatchKind.FAMILY: (
            f"EOSAI assesses the {entry.name} family ({match.family}); this exact model is not "
            f"listed (the entry grades {grades}): {where}"
        ),
    }
    text = texts[match.kind]
    if match.members:
        # each cited as the entry is ("eosai:Granite.yaml …; … Granite Code.yaml" named one
        # file by its database and the other by its name alone)
        others = ", ".join(f"{SOURCE}:{member}" for member in match.members)
        text += f"; other entries matching the same way: {others}"
        if match.disagreeing:
            labels = [e.label for e in match.entries]
            text += f" ({weighed_alike(labels, 'component, licence and grade')})"
        elif match.chosen_by:
            text += f" (osai takes {entry.label}: {match.chosen_by})"
    return text


def _other_model(match: EosaiMatch, where: str) -> str:
    """Which of the entry's models names this repository and another, and by what."""
    entry = match.entry
    if match.subject == "end_model":
        return (
            f"EOSAI gives the end model of {where} as '{entry.end_model}', its system at "
            f"{entry.link or 'no link'}, its weights at {_weights(entry, 'weights_endmodel')}: "
            "these name this repository and another, so its end-model and system grades are not "
            "taken as this repository's"
        )
    return (
        f"EOSAI gives the base model of {where} as '{entry.base_model}', its weights at "
        f"{_weights(entry, 'weights_basemodel')}: one of the two names this repository, the other "
        "another model, so its base-model grades are not taken as this repository's"
    )


def _weights(entry: EosaiEntry, parameter: str) -> str:
    graded = entry.parameters.get(parameter)
    return ", ".join(graded.links) if graded and graded.links else "no link"
