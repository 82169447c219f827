"""`osai rules list|show|explain` and `osai licenses show` as JSON documents: the rule data for
scripts, the same facts the text gives, from the same rule set."""

from __future__ import annotations

from typing import Any

from osai.explain import (
    binds_derivatives,
    check_values,
    defined_licences,
    describe_scope_check,
    ids_joined,
    inference_condition,
    inferences_of,
    inferred_for,
    inferred_values,
    licence_hint,
    licence_sets,
    licence_suggested,
    licence_verdicts,
    mode_policies,
    read_for,
    readable_licence,
    readings_of,
    where_judged,
)
from osai.formatters.escaping import json_document
from osai.licence_spelling import licence_family, misspelt_licence
from osai.licenses import LicenceState, leaves, names_unread_id
from osai.rules import Framework, Policy, Requirement, RuleSet, Scope
from osai.rules.inference import InferenceRule, Reading
from osai.verdict import Citation

# The version of these documents (rules/schema/rules-json.schema.json): 1.0 is the first with one.
# Each names itself in `document`, so one schema reads any of them.
RULES_JSON_SCHEMA_VERSION = "1.4"


def render(document: dict[str, Any]) -> str:
    # as every JSON osai prints: a framework file's text (a user's, --add-framework) carrying
    # U+202E or U+0085 reached the terminal raw
    return json_document(document, indent=2) + "\n"


def _versioned(document: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"schema_version": RULES_JSON_SCHEMA_VERSION, "document": document, **body}


def rules_list_document(rules: RuleSet) -> dict[str, Any]:
    return _versioned(
        "rules-list",
        {
            "frameworks": [
                {
                    "id": framework.id,
                    "aliases": list(framework.aliases),
                    "name": framework.name,
                    "short_name": framework.short_name,
                    "version": framework.version,
                    "kind": framework.kind,
                    "default": framework.default,
                    "modes": list(framework.modes),
                    "requirements": [_requirement_summary(r) for r in framework.requirements],
                }
                for framework in rules.frameworks.values()
            ]
        },
    )


def _requirement_summary(requirement: Requirement) -> dict[str, Any]:
    return {
        "id": requirement.id,
        "level": requirement.level,
        "group": requirement.group,
        "title": requirement.title,
        "required": requirement.required,
    }


def framework_document(framework: Framework, rules: RuleSet) -> dict[str, Any]:
    return _versioned(
        "rules-show",
        {
            "id": framework.id,
            "name": framework.name,
            "short_name": framework.short_name,
            "version": framework.version,
            "aliases": list(framework.aliases),
            "kind": framework.kind,
            "default": framework.default,
            "source": {"title": framework.source_title, "url": framework.source_url},
            "rules_file": str(framework.path),
            "scoring": framework.summary,
            "levels": [
                {
                    "id": level.id,
                    "name": level.name,
                    "label": level.label,
                    "short": level.short,
                    "decides": level.decides,
                }
                for level in framework.levels
            ],
            "grades": [{"id": g.id, "name": g.name, "value": g.value} for g in framework.grades],
            "outcomes": {
                outcome: _citation(citation)
                for outcome, citation in framework.outcome_citations.items()
            },
            "scope": [
                {
                    "id": condition.id,
                    "title": condition.title,
                    "checks": describe_scope_check(condition, rules),
                    "label": condition.label,
                    "citation": _citation(condition.citation),
                }
                for condition in framework.scope
            ],
            "modes": [
                {
                    "name": mode.name,
                    "description": mode.description,
                    "matching": mode.matching,
                    "policies": [_policy(policy) for policy in mode.policies.values()],
                }
                for mode in framework.modes.values()
            ],
            "requirements": [
                {
                    **_requirement_summary(requirement),
                    "weight": graded_weight(framework, requirement),
                    "checks": check_values(requirement, rules),
                    "citation": _citation(requirement.citation),
                    "remediation": requirement.remedy_in_full,
                }
                for requirement in framework.requirements
            ],
        },
    )


def rule_document(framework: Framework, requirement: Requirement, rules: RuleSet) -> dict[str, Any]:
    """One requirement, as `rules explain` tells it: the keys of its entry in `rules show`'s
    `requirements`, and where it sits, each grade's source text and the policy of every mode."""
    return _versioned(
        "rules-explain",
        {
            **_requirement_summary(requirement),
            "framework": _framework_named(framework),
            "where": where_judged(framework, requirement),
            "weight": graded_weight(framework, requirement),
            "checks": check_values(requirement, rules),
            "citation": _citation(requirement.citation),
            "grades": [
                {
                    "grade": condition.grade,
                    "citation": _citation(condition.citation) if condition.citation else None,
                }
                for condition in requirement.grades
            ],
            "remediation": requirement.remedy_in_full,
            "modes": [
                {"mode": mode, "policy": _policy(policy)}
                for mode, policy in mode_policies(framework, requirement)
            ],
            "inferred_by": [
                {"rule": rule.id, "infers": inferred_values(rule, requirement.facts())}
                for rule, _ in inferences_of(requirement, rules)
            ],
            "read_by": [
                {"reading": reading.id, "part": part}
                for part, reading in readings_of(requirement, rules)
            ],
        },
    )


def reading_document(reading: Reading, rules: RuleSet) -> dict[str, Any]:
    """A reading (rules/inference.yaml `readings:`), as `rules explain` tells it: the
    requirements a part of whose checks it meets, and the text that allows it."""
    return _versioned(
        "rules-explain-reading",
        {
            "id": reading.id,
            "title": reading.title,
            "requirements": [
                {"id": requirement.id, "part": part}
                for _, requirement, part in read_for(reading, rules)
            ],
            "certainty": "inferred",
            "citation": _citation(reading.citation),
        },
    )


def inference_document(rule: InferenceRule, rules: RuleSet) -> dict[str, Any]:
    """An inference rule (rules/inference.yaml), as `rules explain` tells it: when it infers
    which facts, for which requirements, and the text that allows it."""
    return _versioned(
        "rules-explain-inference",
        {
            "id": rule.id,
            "title": rule.title,
            "when": inference_condition(rule, rules),
            "infers": inferred_values(rule),
            "requirements": [requirement.id for _, requirement in inferred_for(rule, rules)],
            "certainty": "inferred",
            "citation": _citation(rule.citation),
        },
    )


def _framework_named(framework: Framework) -> dict[str, Any]:
    """The framework a rule or a scope condition is of, as `rules explain` names it."""
    return {
        "id": framework.id,
        "name": framework.name,
        "short_name": framework.short_name,
        "version": framework.version,
        "kind": framework.kind,
    }


def scope_document(framework: Framework, condition: Scope, rules: RuleSet) -> dict[str, Any]:
    """A condition of a framework's scope, as `rules explain` tells it."""
    return _versioned(
        "rules-explain-scope",
        {
            "id": condition.id,
            "title": condition.title,
            "framework": _framework_named(framework),
            "checks": [describe_scope_check(condition, rules)],
            "label": condition.label,
            "citation": _citation(condition.citation),
        },
    )


def graded_weight(framework: Framework, requirement: Requirement) -> float | None:
    """A requirement's weight in a graded framework's score; None for a framework of levels."""
    return requirement.weight if framework.graded else None


def _policy(policy: Policy) -> dict[str, Any]:
    return {
        "name": policy.name,
        "title": policy.title,
        "accept": list(policy.accept),
        "by_content_type": {kind: list(sets) for kind, sets in policy.by_content_type.items()},
        "reject": list(policy.reject),
        "otherwise": policy.otherwise,
        "interpretation": policy.interpretation,
    }


def _citation(citation: Citation) -> dict[str, str]:
    return {"ref": citation.ref, "text": citation.text, "url": citation.url}


def licence_document(expression: str, rules: RuleSet) -> dict[str, Any]:
    """How osai reads a licence expression and how every framework's policies judge it."""
    knowledge = rules.licences
    parsed = readable_licence(expression, rules)
    licences = []
    for leaf in leaves(parsed.expression):
        info = leaf.info
        licences.append(
            {
                "id": leaf.id,
                "known": info is not None,
                "name": info.name if info else "",
                "sets": list(knowledge.sets_of(leaf.id, exact=False)),
                "restrictions": [
                    {"category": tag, "title": knowledge.restriction_title(tag)}
                    for tag in (info.tags if info else ())
                ],
                "restriction": info.restriction if info else "",
                "binds_derivatives": binds_derivatives(leaf, rules),
                "url": info.url if info else "",
            }
        )
    unknown = parsed.state is LicenceState.UNRECOGNISED
    # `Apache-2.0 MIT`: the ids joined by AND and by OR, to choose from, and nothing else (as
    # the text): "MIT Unlicense" was also did_you_mean 'MIT', the Unlicense dropped
    joinings = ids_joined(expression, knowledge) if unknown else ()
    meant = licence_suggested(expression, knowledge) if unknown and not joinings else None
    if not unknown and names_unread_id(parsed):  # `Apach-2.0 OR MIT`: read, a word of it not
        meant = misspelt_licence(expression, knowledge)
    family = joinings or (licence_family(expression, knowledge) if unknown and not meant else ())
    return _versioned(
        "licenses-show",
        {
            "expression": expression,
            "state": parsed.state.value,
            "reads_as": parsed.normalized if parsed.state is LicenceState.EXPRESSION else "",
            "via_alias": parsed.via_alias,
            "did_you_mean": meant or "",
            # a family's name ("GPL"): its licences, to choose from (the text gives the first few)
            "did_you_mean_one_of": list(family),
            # the Hub's `other`: where its licence is named (the text's words)
            "hint": licence_hint(expression) if unknown else "",
            "licences": licences,
            "verdicts": [
                {
                    "framework": verdict.framework.id,
                    "mode": verdict.mode,
                    "policy": verdict.policy.name,
                    "policy_title": verdict.policy.title,
                    "content_type": verdict.content_type,
                    "status": verdict.status.value,
                    "reason": verdict.reason,
                }
                for verdict in licence_verdicts(expression, rules)
            ],
        },
    )


def licences_list_document(rules: RuleSet) -> dict[str, Any]:
    """What `osai licenses list` says: the licences osai defines beyond the SPDX License List
    and the sets of licences the frameworks accept."""
    knowledge = rules.licences
    return _versioned(
        "licenses-list",
        {
            "spdx_list_version": knowledge.spdx_list_version,
            "licences": [
                {
                    "id": info.id,
                    "name": info.name,
                    "in_spdx_list": info.in_spdx_list,
                    "osi_approved": info.osi_approved,
                    "fsf_libre": info.fsf_libre,
                    "terms": list(info.tags),
                    "restriction": info.restriction,
                    "url": info.url,
                }
                for info in defined_licences(knowledge)
            ],
            "sets": [
                {"id": named.id, "title": named.title, "members": list(named.members)}
                for named in licence_sets(knowledge)
            ],
        },
    )
