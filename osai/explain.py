"""`osai rules …` and `osai licenses show`: the rule data, explained in plain text."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from osai.differences import fact_test
from osai.errors import BadInput
from osai.formatters.textlayout import unbroken
from osai.licence_links import licence_of_link
from osai.licence_spelling import licence_family, licence_meant, meant_hint, refused_lookup
from osai.licenses import (
    Combination,
    Leaf,
    LicenceInfo,
    LicenceKnowledge,
    LicenceState,
    Node,
    ParsedLicence,
    parse_licence,
    read_as_this_version,
)
from osai.rules import (
    Check,
    FactKind,
    Framework,
    Policy,
    Requirement,
    RuleSet,
    Scope,
    load_ruleset,
)
from osai.rules.inference import InferenceRule, Reading
from osai.suggest import did_you_mean
from osai.textsafe import CONTROL_CHARACTERS, joined
from osai.verdict import Citation, Status

# Below this many columns for the titles, each requirement's title goes under its id: at 80
# columns the ids and levels left the titles 25, and each wrapped over 3 to 5 lines.
_NARROWEST_TITLES = 40


def list_rules(width: int | None = None, added: Sequence[Path] = ()) -> str:
    """One row per framework, then one per requirement: columns apart by two blanks and never
    two blanks inside a cell, so the terminal's fitting (textlayout.fitted) wraps each row under
    its last column, the title.  In a terminal of `width` too narrow for the titles beside the
    ids, each title goes on the lines under its id.  `added`: framework files --add-framework
    names, listed with the bundled ones."""
    rules = load_ruleset(added)
    frameworks = list(rules.frameworks.values())
    requirements = [r for f in frameworks for r in f.requirements]
    framework_width = max(len(f.id) for f in frameworks)
    id_width = max(len(r.id) for r in requirements)
    where_width = max(len(r.level or r.group) for r in requirements)
    stacked = width is not None and width - (id_width + where_width + 6) < _NARROWEST_TITLES
    lines = []
    for framework in frameworks:
        modes = ", ".join(framework.modes)
        default = "" if framework.default else "; evaluated when named"
        # the other names it answers to (`osai compare osi mof`): `rules show` alone gave them
        aliases = f"; also named: {', '.join(framework.aliases)}" if framework.aliases else ""
        lines.append(
            f"{framework.id:<{framework_width}}  "
            + _one_cell(
                f"{framework.name} {framework.version} "
                f"({len(framework.requirements)} requirements; modes: {modes}{default}{aliases})"
            )
        )
        for requirement in framework.requirements:
            where = requirement.level or requirement.group
            title = _one_cell(_titled(requirement))
            if stacked:
                lines += [f"  {requirement.id}  {where}", f"      {title}"]
            else:
                lines.append(f"  {requirement.id:<{id_width}}  {where:<{where_width}}  {title}")
    return _printed(lines)


def _titled(requirement: Requirement) -> str:
    """The requirement's title, saying it is optional (`required: false`) unless the title does:
    a framework file of one's own may title an optional requirement as any other."""
    if requirement.required or "optional" in requirement.title:
        return requirement.title
    return requirement.title + " (optional)"


def _one_cell(text: str) -> str:
    """Text with single blanks: two in a row would read as a new column."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", text).split())


def _printed(lines: list[str]) -> str:
    """The lines as printed: a framework file of one's own is anyone's text, and a control
    character in it (an escape sequence, a newline that starts a line osai did not write, a
    right-to-left override) is a blank, as `osai check` and `osai compare` print it."""
    return "".join(CONTROL_CHARACTERS.sub(" ", line) + "\n" for line in lines)


def show_framework(framework_id: str, added: Sequence[Path] = ()) -> str:
    rules = load_ruleset(added)
    framework = rules.framework(framework_id)
    # a framework without aliases (a policy of one's own, often) had "(acme; aliases: )"; the
    # words `rules list` uses ("aliases" is the YAML key)
    aliases = f"; also named: {', '.join(framework.aliases)}" if framework.aliases else ""
    lines = [
        f"{framework.name} {framework.version} ({framework.id}{aliases})",
        f"source: {framework.source_title} <{framework.source_url}>",
        f"rules:  {framework.path}",
        f"scoring: {framework.summary}",
        *_scale_lines(framework),
        *_outcome_lines(framework),
        *_scope_lines(framework, rules),
        *_not_judged_lines(framework),
        "modes:",
    ]
    for mode in framework.modes.values():
        lines.append(f"  {mode.name}: {mode.description}")
        for policy in mode.policies.values():
            lines.append(
                f"    policy {policy.name}: {policy.title} — {_policy_sets(policy, rules)}"
            )
            if policy.interpretation:
                lines.append(f"      interpretation: {policy.interpretation}")
    lines.append("requirements:")
    for requirement in framework.requirements:
        lines.append(
            f"  {requirement.id} [{_placed(framework, requirement)}] {_titled(requirement)}"
        )
        checks = described_checks(requirement, rules)
        lines.extend(f"      {label}: {text}" for label, text in checks)
    return _printed(lines)


def _placed(framework: Framework, requirement: Requirement) -> str:
    """Where a requirement sits, for its line in `rules show`: its level, or its group with its
    weight where it is not the default 1 (a weight of 2 counts twice in the score, and `rules
    show` left it out where `rules explain` gave it)."""
    if not framework.graded or requirement.weight == 1:
        return requirement.level or requirement.group
    return f"{requirement.group}, weight {requirement.weight:g}"


def _scale_lines(framework: Framework) -> list[str]:
    if framework.graded:
        grades = " → ".join(f"{g.name} ({g.value:g})" for g in framework.grades)
        # "weighted mean" where every weight is 1 read as if some parameters counted more
        weighted = any(requirement.weight != 1 for requirement in framework.requirements)
        mean = "the mean grade, each weighted as listed" if weighted else "the plain mean grade"
        return [
            f"grades: {grades}; the score is {mean}, over every requirement; while grades are "
            "unknown or not graded from this release, reports give the range it lies in "
            "whatever they are (JSON's score.overall.score is then the mean of the known grades "
            "alone, which may lie outside it)"
        ]
    ladder = " → ".join(f"{level.name} [{level.id}]" for level in framework.ladder)
    # a gate on it said too: `[still-owed]` beside the levels read as one --require could name,
    # and it was refused ("has no level 'still-owed'")
    standing = [
        f"standing (never decides the outcome; --require {framework.id}:{level.id} gates on "
        f"its duties): {level.name} [{level.id}]"
        for level in framework.levels
        if not level.decides
    ]
    return [f"levels: {ladder}", *standing]


def _outcome_lines(framework: Framework) -> list[str]:
    return [
        f"outcome {outcome}: {citation.ref}"
        for outcome, citation in framework.outcome_citations.items()
    ]


# What a framework's scope does, as `rules show` and `rules explain` say it.
SCOPE_SAID = (
    "one shown unmet on evidence: the outcome is its label, and no requirement is judged or "
    "owed; met or unknown: judged as without it"
)


def _not_judged_lines(framework: Framework) -> list[str]:
    """What the framework asks that osai does not judge: every report's note points here."""
    return [framework.not_judged] if framework.not_judged else []


def _scope_lines(framework: Framework, rules: RuleSet) -> list[str]:
    """When the framework applies at all (its `scope:`), each condition as a requirement is."""
    if not framework.scope:
        return []
    lines = [f"scope ({SCOPE_SAID}):"]
    for condition in framework.scope:
        lines += [
            f"  {condition.id} {_one_cell(condition.title)}",
            f"      {CHECKS}: {describe_scope_check(condition, rules)}",
            f"      unmet: {condition.label}",
            f"      source: {condition.citation.ref}",
        ]
    return lines


def describe_scope_check(condition: Scope, rules: RuleSet) -> str:
    """What a scope condition checks, and what keeps a release within scope whatever it shows."""
    checks = describe_check(condition.check, rules)
    if condition.unless is None:
        return checks
    return f"{checks}, unless {describe_check(condition.unless, rules)} (then within scope)"


def explain_scope(framework: Framework, condition: Scope, rules: RuleSet) -> str:
    """A condition of a framework applying at all, as `rules explain` tells a requirement."""
    lines = [
        f"{condition.id}: {condition.title}",
        f"framework: {framework.name} {framework.version} — scope ({SCOPE_SAID})",
        f"checks:    {describe_scope_check(condition, rules)}",
        f"unmet:     {condition.label}",
        *_source(condition.citation),
    ]
    return _printed(lines)


def _source(citation: Citation) -> list[str]:
    """The closing lines of `rules explain` for anything it tells: where it comes from, its
    words quoted, and where to read them."""
    url = [f"           {citation.url}"] if citation.url else []
    return [f"source:    {citation.ref}", f'           "{citation.text}"', *url]


def _within_scope(framework: Framework) -> list[str]:
    """Where a requirement is judged only within its framework's scope, which conditions."""
    if not framework.scope:
        return []
    ids = ", ".join(condition.id for condition in framework.scope)
    explain = unbroken("osai rules explain ID")
    return [f"applies:   only within the framework's scope: {ids} ({explain})"]


def find_scope(rules: RuleSet, scope_id: str) -> tuple[Framework, Scope] | None:
    """The scope condition with this id (any case), and its framework; None when none has it."""
    wanted = scope_id.strip().upper()
    for framework in rules.frameworks.values():
        for condition in framework.scope:
            if condition.id.upper() == wanted:
                return framework, condition
    return None


CHECKS = "checks"  # the label of a requirement's one check (a graded one's are its grades)


def described_checks(requirement: Requirement, rules: RuleSet) -> list[tuple[str, str]]:
    """What a requirement checks, each with its label: its check ("checks"), or each grade's
    condition (the grade); and when it applies ("graded only when")."""
    lines = []
    if requirement.applies_when is not None:
        lines.append(("graded only when", describe_check(requirement.applies_when, rules)))
    if not requirement.grades:
        return [*lines, (CHECKS, describe_check(requirement.check, rules))]
    for condition in requirement.grades:
        described = (
            describe_check(condition.check, rules)
            if condition.check is not None
            else "otherwise (every better grade ruled out)"
        )
        lines.append((condition.grade, described))
    return lines


def check_values(requirement: Requirement, rules: RuleSet) -> list[str]:
    """The checks as a JSON document's `checks` gives them: the key says "checks", so a value
    does not again; a grade's or a condition's label stays, as what tells them apart."""
    return [
        text if label == CHECKS else f"{label}: {text}"
        for label, text in described_checks(requirement, rules)
    ]


def _policy_sets(policy: Policy, rules: RuleSet) -> str:
    if policy.by_content_type:
        return "; ".join(
            f"{kind}: {', '.join(rules.licences.set_title(s) for s in sets)}"
            for kind, sets in policy.by_content_type.items()
        )
    parts = []
    if policy.accept:
        parts.append(", ".join(rules.licences.set_title(s) for s in policy.accept))
    if policy.reject:
        titles = ", ".join(rules.licences.restriction_title(c) for c in policy.reject)
        parts.append(f"rejecting: {titles}")
    if policy.otherwise != "unmet":
        parts.append(f"any other known licence: {policy.otherwise}")
    return "; ".join(parts)


def describe_check(check: Check, rules: RuleSet) -> str:
    described = _described_alone(check, rules) + _described_reading(check)
    # what keeps it from being met, as the engine reads it (checks._contradicted)
    if check.unless_stated:
        facts = " or ".join(f"fact '{key}'" for key in check.unless_stated)
        described += f"; unknown, not met, where {facts} is stated"
    if check.unless is not None:
        described += f"; unknown, not met, where {_describe_part(check.unless, rules)}"
    # what fails it whatever else it shows, as the engine reads it (checks._failed)
    if check.fails_if is not None:
        described += f"; unmet, whatever else it shows, where {_describe_failing(check, rules)}"
    return described


def _describe_failing(check: Check, rules: RuleSet) -> str:
    """A check's `fails_if`, as what meets it: a category fact by the values that fail the check
    ("fact 'weights_access' is approval or region-excluded"); its other values leave the check
    as the rest shows it, not unknown, as the fact's every outcome (_fact_outcomes) would say."""
    failing = check.fails_if
    assert failing is not None
    others = failing.unmet_if or failing.review_if or failing.contradiction or failing.fails_if
    if failing.fact and failing.met_if and not others:
        kind = rules.facts[failing.fact]
        values = " or ".join(failing.met_if)
        return f"fact '{failing.fact}' is {values} (manifest: {kind.manifest_key})"
    return _describe_part(failing, rules)


def _described_alone(check: Check, rules: RuleSet) -> str:
    if check.any_of:
        either = "any of: " + " | ".join(_describe_part(sub, rules) for sub in check.any_of)
        # what else keeps it from being met, as the engine reads it (checks._every_released)
        every = "; unknown, not met, where a released one fails" if check.every_released else ""
        return either + every
    if check.all_of:
        return "all of: " + " & ".join(_describe_part(sub, rules) for sub in check.all_of)
    if check.fact:
        kind = rules.facts[check.fact]
        return f"fact '{check.fact}' {_fact_outcomes(check, kind)} (manifest: {kind.manifest_key})"
    name = rules.components[check.component].name
    text = f"{name} released"
    if check.policy:
        text += f" under policy '{check.policy}'"
    if check.own_licence:
        text += OWN_LICENCE
    if check.substitute:
        text += f" (or {rules.components[check.substitute].name} stands in)"
    return text


def _described_reading(check: Check) -> str:
    """How a check met by a reading (its `inferred_by`) is met, as the engine reads it
    (checks._inferred): "" for one met on what it shows."""
    if not check.inferred_by:
        return ""
    return f"; met only as an inference, by the reading {check.inferred_by}"


# What a check's or an inference's `own_licence` asks, as both say it
OWN_LICENCE = " (its own licence, not one inherited from the release)"


def _describe_part(check: Check, rules: RuleSet) -> str:
    """One part of an any-of or all-of, bracketed when it is one itself: EOSAI-LICENSES's partial
    grade (two of weights, code and data) read "any of: all of: A & any of: B | C | all of: ...",
    where no reader could tell which parts the inner "any of" held."""
    text = describe_check(check, rules)
    bracketed = (
        check.any_of or check.all_of or check.contradiction or check.fails_if or check.inferred_by
    )
    return f"({text})" if bracketed else text


def _fact_outcomes(check: Check, kind: FactKind) -> str:
    """A category test with every outcome: the values that meet it, fail it, and leave it unknown
    (fact_test, as `osai compare` says it); "one of ungated, click-through" alone hid the other
    two."""
    return fact_test(check, kind.values)


def explain_rule(rule_id: str, added: Sequence[Path] = ()) -> str:
    rules = load_ruleset(added)
    scope = find_scope(rules, rule_id)
    if scope is not None:
        return explain_scope(*scope, rules)
    inference = find_inference(rules, rule_id)
    if inference is not None:
        return explain_inference(inference, rules)
    reading = find_reading(rules, rule_id)
    if reading is not None:
        return explain_reading(reading, rules)
    framework, requirement = find_requirement(rules, rule_id)
    lines = [
        f"{requirement.id}: {requirement.title}",
        f"framework: {framework.name} {framework.version} — {_judged_at(framework, requirement)}",
        *_within_scope(framework),
        *(
            f"checks:    {text}" if label == CHECKS else f"checks:    {label}: {text}"
            for label, text in described_checks(requirement, rules)
        ),
        *(
            f"inferred:  {said} (osai rules explain {rule.id})"
            for rule, said in inferences_of(requirement, rules)
        ),
        *(
            f"inferred:  {name} met as an inference: {reading.title} (osai rules explain "
            f"{reading.id})"
            for name, reading in readings_of(requirement, rules)
        ),
        *_source(requirement.citation),
    ]
    for condition in requirement.grades:
        if condition.citation is not None:
            lines.append(f'{condition.grade + ":":<10} "{condition.citation.text}"')
    lines.append(f"to meet:   {requirement.remedy_in_full}")
    if requirement.waivable == "unknown":  # a waiver of it unmet is not applied (osai.waivers)
        # its text at column 11 as the other fields' (two blanks: a wrapped line hangs there)
        lines.append(
            "waivable:  only while unknown (a reading osai cannot make), never unmet on evidence"
        )
    for mode, policy in mode_policies(framework, requirement):
        lines.append(f"mode {mode}: {policy.title} — {_policy_sets(policy, rules)}")
        # what the policy rests on where the framework names no list (OSAID's "OSI-approved
        # terms"), as `rules show` and this command's JSON give it
        if policy.interpretation:
            lines.append(f"  interpretation: {policy.interpretation}")
    if mode_policies(framework, requirement):
        # the policies name their sets by title only: where a reader finds each set's licences
        lines.append(_LISTS.format(version=rules.licences.spdx_list_version))
    return _printed(lines)


_LISTS = (
    f"lists:     each set's licences: {unbroken('osai licenses list')}; OSI-approved and FSF "
    "free/libre are the flags of the SPDX License List {version} "
    f"({unbroken('osai licenses show ID')})"
)


def find_inference(rules: RuleSet, rule_id: str) -> InferenceRule | None:
    """The inference rule of this id (any case): a verdict's evidence names the rule that
    inferred a fact ("inference NO-OTHER-DATA-BESIDE-RELEASED-DATASETS = none"), which `rules
    explain` refused as "no rule"."""
    wanted = rule_id.strip().casefold()
    return next((rule for rule in rules.inference if rule.id.casefold() == wanted), None)


def inferences_of(requirement: Requirement, rules: RuleSet) -> list[tuple[InferenceRule, str]]:
    """The inference rules that may infer a fact the requirement checks, each with what it
    infers of them ("fact 'third_party_data_sources' = none")."""
    found = []
    for rule in rules.inference:
        said = inferred_facts(rule, requirement.facts())
        if said:
            found.append((rule, "; ".join(said)))
    return found


def inferred_facts(rule: InferenceRule, among: Sequence[str] | None = None) -> list[str]:
    """What the rule infers ("fact 'third_party_data_sources' = none"), of the facts `among`
    when given."""
    return [f"fact '{fact}' = {value}" for fact, value in inferred_values(rule, among).items()]


def inferred_values(rule: InferenceRule, among: Sequence[str] | None = None) -> dict[str, str]:
    """Each fact the rule infers (of the facts `among` when given), with the value inferred."""
    return {f: value for f, value in rule.infer.items() if among is None or f in among}


def inference_condition(rule: InferenceRule, rules: RuleSet) -> str:
    """When an inference rule infers its facts, in words: the component released, under which
    licences, and which stated facts stop it."""
    said = f"{rules.components[rule.component].name} released"
    if rule.accept:
        sets = ", ".join(rules.licences.set_title(s) for s in rule.accept)
        said += f" under licences all in: {sets}"
    if rule.own_licence:
        said += OWN_LICENCE
    if rule.unless_stated:
        said += f"; and no fact {joined([repr(f) for f in rule.unless_stated], 'or')} stated"
    return said


def explain_inference(rule: InferenceRule, rules: RuleSet) -> str:
    """An inference rule (rules/inference.yaml): when it infers which facts, the requirements
    those facts meet, how surely, and the text that allows it."""
    facts = "; ".join(inferred_facts(rule))
    lines = [
        f"{rule.id}: {rule.title}",
        "kind:      an inference (rules/inference.yaml): facts osai infers from released "
        "components",
        f"when:      {inference_condition(rule, rules)}",
        f"infers:    {facts}",
        *(
            f"for:       {requirement.id} ({framework.name} {framework.version})"
            for framework, requirement in inferred_for(rule, rules)
        ),
        "stands:    with the certainty 'inferred', and only where no source states the fact (a "
        "declaration or a detection wins); a gate passes on it only with --min-certainty "
        "inferred",
        *_source(rule.citation),
    ]
    return _printed(lines)


def find_reading(rules: RuleSet, reading_id: str) -> Reading | None:
    """The reading of this id (any case): a verdict's evidence names the reading a check was
    met by ("inference DATA-CARD-DESCRIBES-THE-DATA = A data card describes ...")."""
    wanted = reading_id.strip().casefold()
    return next((r for r in rules.readings.values() if r.id.casefold() == wanted), None)


def readings_of(requirement: Requirement, rules: RuleSet) -> list[tuple[str, Reading]]:
    """The parts of a requirement's checks met only by a reading (`inferred_by`), each by the
    component or fact it asks for, with the reading."""
    return [
        (_part_named(part, rules), rules.readings[part.inferred_by])
        for check in requirement.checks()
        for part in check.walk()
        if part.inferred_by
    ]


def _part_named(check: Check, rules: RuleSet) -> str:
    if check.component:
        return rules.components[check.component].name
    return f"fact '{check.fact}'" if check.fact else "its check"


def read_for(reading: Reading, rules: RuleSet) -> list[tuple[Framework, Requirement, str]]:
    """The requirements a part of whose checks the reading meets, each with that part named."""
    return [
        (framework, requirement, name)
        for framework in rules.frameworks.values()
        for requirement in framework.requirements
        for name, read in readings_of(requirement, rules)
        if read.id == reading.id
    ]


def explain_reading(reading: Reading, rules: RuleSet) -> str:
    """A reading (rules/inference.yaml `readings:`): the checks it meets, how surely, and the
    text that allows it."""
    lines = [
        f"{reading.id}: {reading.title}",
        "kind:      a reading (rules/inference.yaml): a check met on a component is met as an "
        "inference from the framework's text, not on what the component shows",
        *(
            f"for:       {requirement.id} ({framework.name} {framework.version}), met on {name}"
            for framework, requirement, name in read_for(reading, rules)
        ),
        "stands:    with the certainty 'inferred' at most, naming the reading; a gate passes on "
        "it only with --min-certainty inferred; a stronger way to meet the requirement (the "
        "fact declared) makes it as sure as that",
        *_source(reading.citation),
    ]
    return _printed(lines)


def inferred_for(rule: InferenceRule, rules: RuleSet) -> list[tuple[Framework, Requirement]]:
    """The requirements that check a fact the rule infers, with their frameworks."""
    return [
        (framework, requirement)
        for framework in rules.frameworks.values()
        for requirement in framework.requirements
        if set(rule.infer) & set(requirement.facts())
    ]


def mode_policies(framework: Framework, requirement: Requirement) -> list[tuple[str, Policy]]:
    """Each licence policy the requirement checks, per mode of its framework, in mode order."""
    return [
        (mode.name, mode.policies[name])
        for mode in framework.modes.values()
        for name in requirement.policies()
        if name in mode.policies
    ]


def _judged_at(framework: Framework, requirement: Requirement) -> str:
    """Where the requirement sits, labelled: OSAID's one level is named "conformant (Open Source
    AI)", and "framework: Open Source AI Definition 1.0 — conformant (Open Source AI)" read as a
    verdict given on the rule, not the level it counts towards."""
    where = where_judged(framework, requirement)
    return where if framework.graded else f"level: {where}"


def where_judged(framework: Framework, requirement: Requirement) -> str:
    """Where a requirement sits in its framework: its level (or graded group), in words."""
    if framework.graded:
        return f"{requirement.group} (graded, weight {requirement.weight:g})"
    level = framework.level(requirement.level)
    if not level.decides:
        return f"{level.name} (never decides the outcome)"
    return level.name + ("" if requirement.required else " (optional: never blocks a level)")


def find_requirement(rules: RuleSet, rule_id: str) -> tuple[Framework, Requirement]:
    """The requirement with this id (any case); BadInput naming the nearest id, or the command
    for a framework when a framework was named."""
    found = rules.requirement(rule_id)
    if found is not None:
        return found
    named, colon, bare = rule_id.partition(":")
    if colon and named.strip():  # `osaid:OSAID-PRAMETERS`: not found in that framework
        _not_in_framework(rules, rules.framework(named), bare)
    try:
        framework = rules.framework(rule_id)
    except BadInput:  # not a framework either
        ids = [r.id for f in rules.frameworks.values() for r in f.requirements]
        # a rule of one's own framework is known once its file is named, as the framework is
        known = " (see `osai rules list`; a framework of one's own: --add-framework FILE)"
        hint = did_you_mean(rule_id.strip(), ids) or known
        raise BadInput(f"no rule '{rule_id}'{hint}") from None
    raise BadInput(f"no rule '{rule_id}': a framework (see `osai rules show {framework.id}`)")


def _not_in_framework(rules: RuleSet, framework: Framework, rule_id: str) -> NoReturn:
    """BadInput for a requirement named after a framework that has none of that id: the
    nearest of its ids, the framework whose rule it is, or the level it names."""
    bare = rule_id.strip()
    if not bare:
        raise BadInput(f"'{framework.id}:' names no rule (see `osai rules show {framework.id}`)")
    elsewhere = rules.requirement(bare)
    ids = [r.id for r in framework.requirements]
    hint = did_you_mean(bare, ids) or f" (see `osai rules show {framework.id}`)"
    if elsewhere is not None:
        hint = f": a rule of {elsewhere[0].id} (`osai rules explain {elsewhere[1].id}`)"
    elif any(level.id == bare.lower() for level in framework.levels):
        hint = f": a level of {framework.id} (`osai rules show {framework.id}`)"
    raise BadInput(f"{framework.id} has no rule '{bare}'{hint}")


def show_licence(expression: str) -> str:
    rules = load_ruleset()
    knowledge = rules.licences
    parsed = readable_licence(expression, rules)
    lines = [f"{expression!r}"]
    if parsed.state is LicenceState.EXPRESSION:
        via = ""
        if parsed.via_alias:  # the alias's reading, when the expression is more than it
            same = parsed.via_alias == parsed.normalized
            # aliases come from rules/licenses.yaml and, for addresses, licenses-links.yaml
            via = " (an alias osai knows)" if same else f" (alias → {parsed.via_alias})"
        lines.append(f"  reads as: {parsed.normalized}{via}")
        lines.extend(_or_later_lines(expression, knowledge))
        lines.extend(_leaf_lines(parsed.expression, rules))
    elif parsed.state is LicenceState.UNRECOGNISED:
        lines.append(f"  reads as: {_unknown_read(expression, knowledge)}")
    else:
        lines.append(f"  reads as: a state, not a licence: {parsed.state.value}")
    lines.append("verdicts, per framework and mode:")
    for verdict in licence_verdicts(expression, rules):
        scope = "" if verdict.content_type == "any" else f" for {verdict.content_type}"
        lines.append(
            f"  {verdict.framework.short_name} [{verdict.mode}] {verdict.policy.title}{scope}: "
            f"{verdict.status.value} — {verdict.reason}"
        )
    return "\n".join(lines) + "\n"


def _or_later_lines(expression: str, knowledge: LicenceKnowledge) -> list[str]:
    """What a `+` osai reads as the licence itself means (SPDX: this version or any later)."""
    return [
        f"  {written}: SPDX's `+`, this version or any later one; judged as this version, "
        "which the licensee may always take"
        for written in read_as_this_version(expression, knowledge)
    ]


@dataclass(frozen=True)
class LicenceSet:
    """A set of licences the frameworks accept (rules/licenses.yaml `sets`)."""

    id: str
    title: str
    members: tuple[str, ...]


def defined_licences(knowledge: LicenceKnowledge) -> list[LicenceInfo]:
    """Each licence rules/licenses.yaml defines (a custom one, or an SPDX one whose terms it
    names), by id: what osai knows beyond the SPDX License List.  An SPDX licence in
    knowledge.spdx carries terms only when rules/licenses.yaml names them."""
    named = [info for info in knowledge.spdx.values() if info.tags or info.restriction]
    return sorted([*knowledge.custom.values(), *named], key=lambda info: info.id.casefold())


def licence_sets(knowledge: LicenceKnowledge) -> list[LicenceSet]:
    return [
        LicenceSet(name, knowledge.set_title(name), tuple(sorted(members, key=str.casefold)))
        for name, members in sorted(knowledge.sets.items())
    ]


def list_licences() -> str:
    """What osai knows beyond the SPDX License List (whose ids are read without being listed):
    each licence rules/licenses.yaml defines, then each set of licences the frameworks accept."""
    knowledge = load_ruleset().licences
    lines = [
        f"Licences osai knows beyond the SPDX License List {knowledge.spdx_list_version} (it "
        f"reads every SPDX id too; {unbroken('osai licenses show ID')} explains one):"
    ]
    for info in defined_licences(knowledge):
        terms = f"  terms: {', '.join(info.tags)}" if info.tags else ""
        lines.append(f"  {info.id}  {_one_cell(info.name)}{terms}")
    lines += ["", "Sets of licences the frameworks accept beyond OSI-approved and FSF-libre:"]
    for named in licence_sets(knowledge):
        lines.append(f"  {named.id}  {_one_cell(named.title)}: {', '.join(named.members)}")
    return "\n".join(lines) + "\n"


# Words people and tools write for a licence that name none, and what to read for each
# (`licenses show` offered nothing for them).  The Hub's `other`: a card names its licence in
# license_name / license_link (osai.card.evidence.listed_licence).  SPDX's two special values
# for a licence field: NONE, its writer concluded there is none; NOASSERTION, its writer made
# no claim (osai.sources.bom_spdx reads both).  "Public domain": no licence's id; a dedication
# is a text of its own, never assumed to be one of these.
_NAMES_NO_LICENCE = {
    "other": "on the Hub, `license: other` names no licence: the card's license_name or "
    "license_link does; show that one",
    "noassertion": "SPDX's NOASSERTION: whoever wrote it made no claim about the licence; "
    "osai reads it as not known",
    "none": "SPDX's NONE: whoever wrote it concluded there is no licence; osai reads it as "
    "not known here, and a manifest declares a release shipped with none `unlicensed`",
    "public domain": "no licence's id: a public-domain dedication has its own terms, such as "
    "CC0-1.0, Unlicense or CC-PDDC; show the one the release's text is",
}

# A family's members named in a did-you-mean; the rest counted (the JSON lists them all).
_FAMILY_SHOWN = 4


def licence_hint(expression: str) -> str:
    """What `licenses show` says of a word that names no licence (the Hub's `other`, SPDX's
    NOASSERTION and NONE, "public domain"), in text and JSON alike, or ""."""
    return _NAMES_NO_LICENCE.get(" ".join(expression.split()).casefold(), "")


def licence_suggested(expression: str, knowledge: LicenceKnowledge) -> str | None:
    """The licence `licenses show` suggests for text it does not read: the one at the address
    given, when osai knows it (as it reads a card's license_link), else the one near it."""
    found = licence_of_link(expression, knowledge) or licence_meant(expression, knowledge)
    if (
        found is not None
        and _deprecated(found, knowledge)
        and licence_family(expression, knowledge)
    ):
        # "LGPLv2.1" was offered the deprecated LGPL-2.1: the current ones are offered instead
        return None
    return found or _one_id_repeated(expression, knowledge)


def _deprecated(licence: str, knowledge: LicenceKnowledge) -> bool:
    info = knowledge.lookup(licence)
    return info is not None and info.deprecated


def _one_id_repeated(expression: str, knowledge: LicenceKnowledge) -> str | None:
    """The licence one id written twice or more names (`mit mit`): offered joined to itself,
    it was 'MIT AND MIT' or 'MIT OR MIT'."""
    ids = _ids_apart(expression, knowledge)
    return ids[0] if ids and len(set(ids)) == 1 else None


def _meant_hint(expression: str, knowledge: LicenceKnowledge) -> str:
    """` (did you mean 'MIT'?)` for a name near one licence or an address osai knows; for a
    family's name ("GPL", "BSD Licence"), its licences to choose from; else nothing."""
    hint = licence_hint(expression)
    if hint:
        return f" ({hint})"
    meant = licence_suggested(expression, knowledge)
    if meant:
        return f" ({meant_hint(expression, meant)})"
    family = licence_family(expression, knowledge)
    if not family:
        return ""
    shown = list(family[:_FAMILY_SHOWN])
    left = len(family) - len(shown)
    if left:
        # the family's name, the ids' common start by character less a version begun: "CC-BY-"
        # of CC-BY-2.0 and CC-BY-2.5, not "CC-", and "LicenseRef-llama" of LicenseRef-llama3…
        common = os.path.commonprefix(list(family))  # noqa: RUF071
        shown.append(f"{left} more {common.rstrip('0123456789.')}… ids")
    return f" (did you mean one of {joined(shown, 'or')}?)"


_IDS_APART = 4  # licence ids written one after another, at most, that a hint joins


def _unknown_read(expression: str, knowledge: LicenceKnowledge) -> str:
    """What a name osai does not know reads as: licence ids with no operator between them,
    offered joined, else one unknown licence and what it may mean."""
    joinings = ids_joined(expression, knowledge)
    if not joinings:
        return f"a licence osai does not know{_meant_hint(expression, knowledge)}"
    both, either = joinings
    count = both.count(" AND ") + 1
    return f"{count} licences with no AND or OR between them (did you mean '{both}' or '{either}'?)"


def ids_joined(expression: str, knowledge: LicenceKnowledge) -> tuple[str, ...]:
    """For licence ids written one after another (`Apache-2.0 MIT`), the expressions they may
    have meant, all of them and either of them ("Apache-2.0 AND MIT", "Apache-2.0 OR MIT");
    else (): `licenses show` read it as one licence osai does not know, and said nothing of the
    AND or OR it lacks."""
    ids = _ids_apart(expression, knowledge)
    if len(set(ids)) < 2:  # one licence written twice is that licence (_one_id_repeated)
        return ()
    return (" AND ".join(ids), " OR ".join(ids))


# What parts the ids of a list as people write one: blanks, and the comma, semicolon or slash
# between them ("MIT/Apache-2.0", as crates.io once wrote a choice; "MIT, Apache-2.0"), which
# were read as one licence osai does not know, with nothing offered.
_BETWEEN_IDS = re.compile(r"[\s,;/]+")


def _ids_apart(expression: str, knowledge: LicenceKnowledge) -> tuple[str, ...]:
    """The ids of 2 to _IDS_APART words that are each a licence id, in order; else ()."""
    words = [word for word in _BETWEEN_IDS.split(expression) if word]
    if not 2 <= len(words) <= _IDS_APART:
        return ()
    found = [knowledge.lookup(word) for word in words]
    ids = tuple(info.id for info in found if info is not None)
    return ids if len(ids) == len(words) else ()


def readable_licence(expression: str, rules: RuleSet) -> ParsedLicence:
    """The expression read; BadInput when `licenses show` refuses it (refused_lookup).
    A name osai does not know ("MIT Licence", "GPL Licence") is read, with what it may mean,
    exit 0: `licenses show` looks a licence up, and "unknown" is its answer, as a card's or a
    listing's such name is judged unknown.  (A manifest of one's own refuses a name near a
    licence too: there it is the user's value to correct, osai.sources.manifest_checks.)"""
    refused = refused_lookup(expression, rules.licences)
    if refused:
        raise BadInput(refused)
    return parse_licence(expression, rules.licences, exact=False)


@dataclass(frozen=True)
class LicenceVerdict:
    """How one policy of one framework's mode judges a licence (for one content type)."""

    framework: Framework
    mode: str
    policy: Policy
    content_type: str  # "any" unless the policy judges by content type
    status: Status
    reason: str


def licence_verdicts(expression: str, rules: RuleSet) -> list[LicenceVerdict]:
    found = []
    for framework in rules.frameworks.values():
        for mode in framework.modes.values():
            parsed = parse_licence(expression, rules.licences, exact=mode.exact)
            for policy in mode.policies.values():
                for kind in list(policy.by_content_type) or ["any"]:
                    verdict = mode.judge_licence(parsed, policy, kind, rules.licences)
                    found.append(
                        LicenceVerdict(
                            framework, mode.name, policy, kind, verdict.status, verdict.reason
                        )
                    )
    return found


def _leaf_lines(node: Node | None, rules: RuleSet) -> list[str]:
    if node is None:
        return []
    if isinstance(node, Combination):
        return [line for term in node.terms for line in _leaf_lines(term, rules)]
    info = node.info
    if info is None and node.id.startswith("LicenseRef-"):
        return [f"  {node.id}: unknown to osai (a custom licence nobody has classified)"]
    if info is None:  # a word of an expression, `Foo-1.0` in `MIT OR Foo-1.0` (or a typo)
        meant = licence_meant(node.id, rules.licences)
        hint = f" ({meant_hint(node.id, meant)})" if meant else ""
        return [f"  {node.id}: not a licence osai knows{hint}"]
    sets = [
        s for s in rules.licences.sets_of(info.id, exact=False) if s in _policy_set_names(rules)
    ]
    flags = ", ".join(rules.licences.set_title(s) for s in sets) or "in no open set"
    lines = [f"  {info.id}: {info.name} — {flags}"]
    if info.tags:
        titles = "; ".join(f"{tag} ({rules.licences.restriction_title(tag)})" for tag in info.tags)
        lines.append(f"    restrictions: {titles}")
        if info.restriction:
            lines.append(f"      {info.restriction}")
    binds = binds_derivatives(node, rules)
    if binds:
        lines.append(f"    binds derivatives: {binds}")
    return lines


def binds_derivatives(leaf: Leaf, rules: RuleSet) -> str:
    """Why a licence binds what is derived from it (a fine-tune of a model under it stays under
    it), as a check's licence lineage and the census read it (rules/links.yaml); "" if it does
    not."""
    tags = leaf.info.tags if leaf.info is not None else ()
    return rules.links.binding_clause(leaf.id, tags) or ""


def _policy_set_names(rules: RuleSet) -> set[str]:
    """The licence sets some framework's default mode relies on (not a mode's private tables)."""
    return {
        name
        for framework in rules.frameworks.values()
        for policy in framework.mode(None).policies.values()
        for name in policy.all_sets()
    }
