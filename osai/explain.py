"""`osai rules …` and `osai licenses show`: the rule data, explained in plain text."""

from __future__ import annotations

from osai.errors import BadInput
from osai.licence_spelling import misspelt_licence
from osai.licenses import Combination, LicenceState, Node, judge, parse_licence
from osai.rules import Check, Framework, Mode, Policy, Requirement, RuleSet, load_ruleset
from osai.verdict import Status


def list_rules() -> str:
    rules = load_ruleset()
    lines = []
    for framework in rules.frameworks.values():
        modes = ", ".join(framework.modes)
        lines.append(
            f"{framework.id:<8} {framework.name} {framework.version}  "
            f"({len(framework.requirements)} requirements; modes: {modes})"
        )
        for requirement in framework.requirements:
            optional = "" if requirement.required else "  (optional)"
            lines.append(
                f"  {requirement.id:<38} {requirement.level:<11} {requirement.title}{optional}"
            )
    return "\n".join(lines) + "\n"


def show_framework(framework_id: str) -> str:
    rules = load_ruleset()
    framework = rules.framework(framework_id)
    lines = [
        f"{framework.name} {framework.version} "
        f"({framework.id}; aliases: {', '.join(framework.aliases)})",
        f"source: {framework.source_title} <{framework.source_url}>",
        f"rules:  {framework.path}",
        f"scoring: {framework.summary}",
        "levels: " + " → ".join(f"{level.name} [{level.id}]" for level in framework.levels),
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
        lines.append(f"  {requirement.id} [{requirement.level}] {requirement.title}")
        lines.append(f"      checks: {_describe_check(requirement.check, rules)}")
    return "\n".join(lines) + "\n"


def _policy_sets(policy: Policy, rules: RuleSet) -> str:
    if policy.by_content_type:
        return "; ".join(
            f"{kind}: {', '.join(rules.licences.set_title(s) for s in sets)}"
            for kind, sets in policy.by_content_type.items()
        )
    return ", ".join(rules.licences.set_title(s) for s in policy.accept)


def _describe_check(check: Check, rules: RuleSet) -> str:
    if check.any_of:
        return "any of: " + " | ".join(_describe_check(sub, rules) for sub in check.any_of)
    if check.fact:
        return f"declared fact '{check.fact}' (manifest: release.data_information.{check.fact})"
    name = rules.components[check.component].name
    text = f"{name} released"
    if check.policy:
        text += f" under policy '{check.policy}'"
    if check.substitute:
        text += f" (or {rules.components[check.substitute].name} stands in)"
    return text


def explain_rule(rule_id: str) -> str:
    rules = load_ruleset()
    framework, requirement = _find_requirement(rules, rule_id)
    level = framework.level(requirement.level)
    lines = [
        f"{requirement.id}: {requirement.title}",
        f"framework: {framework.name} {framework.version} — {level.name}"
        + ("" if requirement.required else " (optional: never blocks a level)"),
        f"checks:    {_describe_check(requirement.check, rules)}",
        f"source:    {requirement.citation.ref}",
        f'           "{requirement.citation.text}"',
    ]
    if requirement.citation.url:
        lines.append(f"           {requirement.citation.url}")
    lines.append(f"to meet:   {requirement.remediation}")
    for mode in framework.modes.values():
        policy_name = requirement.check.policy
        if policy_name and policy_name in mode.policies:
            policy = mode.policies[policy_name]
            lines.append(f"mode {mode.name}: {policy.title} — {_policy_sets(policy, rules)}")
    return "\n".join(lines) + "\n"


def _find_requirement(rules: RuleSet, rule_id: str) -> tuple[Framework, Requirement]:
    for framework in rules.frameworks.values():
        for requirement in framework.requirements:
            if requirement.id.lower() == rule_id.strip().lower():
                return framework, requirement
    raise BadInput(f"no rule '{rule_id}' (see `osai rules list`)")


def show_licence(expression: str) -> str:
    rules = load_ruleset()
    knowledge = rules.licences
    parsed = parse_licence(expression, knowledge, exact=False)
    lines = [f"{expression!r}"]
    if parsed.state is LicenceState.EXPRESSION:
        via = f" (alias → {parsed.via_alias})" if parsed.via_alias else ""
        lines.append(f"  reads as: {parsed.normalized}{via}")
        lines.extend(_leaf_lines(parsed.expression, rules))
    elif parsed.state is LicenceState.UNRECOGNISED:
        meant = misspelt_licence(expression, knowledge)
        hint = f" (did you mean '{meant}'?)" if meant else ""
        lines.append(f"  reads as: a licence osai does not know{hint}")
    else:
        lines.append(f"  reads as: a state, not a licence: {parsed.state.value}")
    lines.append("verdicts, per framework and mode:")
    for framework in rules.frameworks.values():
        lines.extend(_verdict_lines(framework, expression, rules))
    return "\n".join(lines) + "\n"


def _leaf_lines(node: Node | None, rules: RuleSet) -> list[str]:
    if node is None:
        return []
    if isinstance(node, Combination):
        return [line for term in node.terms for line in _leaf_lines(term, rules)]
    info = node.info
    if info is None:
        return [f"  {node.id}: unknown to osai (a custom licence nobody has classified)"]
    sets = [
        s for s in rules.licences.sets_of(info.id, exact=False) if s in _policy_set_names(rules)
    ]
    flags = ", ".join(rules.licences.set_title(s) for s in sets) or "in no open set"
    lines = [f"  {info.id}: {info.name} — {flags}"]
    if info.tags:
        lines.append(f"    restrictions: {', '.join(info.tags)}: {info.restriction}")
    return lines


def _policy_set_names(rules: RuleSet) -> set[str]:
    """The licence sets some framework's default mode relies on (not a mode's private tables)."""
    return {
        name
        for framework in rules.frameworks.values()
        for policy in framework.mode(None).policies.values()
        for name in policy.all_sets()
    }


def _verdict_lines(framework: Framework, expression: str, rules: RuleSet) -> list[str]:
    lines = []
    for mode in framework.modes.values():
        lines.extend(_mode_verdict_lines(framework, mode, expression, rules))
    return lines


def _mode_verdict_lines(
    framework: Framework, mode: Mode, expression: str, rules: RuleSet
) -> list[str]:
    parsed = parse_licence(expression, rules.licences, exact=mode.matching == "exact")
    lines = []
    for policy in mode.policies.values():
        kinds = list(policy.by_content_type) or ["any"]
        for kind in kinds:
            verdict = judge(
                parsed,
                policy.accepted_sets(kind),
                rules.licences,
                exact=mode.matching == "exact",
                unrecognised=Status(mode.unrecognised),
            )
            scope = "" if kind == "any" else f" for {kind}"
            lines.append(
                f"  {framework.short_name} [{mode.name}] {policy.title}{scope}: "
                f"{verdict.status.value} — {verdict.reason}"
            )
    return lines
