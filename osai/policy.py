"""Required policies (`--require osaid`, `--require mof:class-2`) and how a run's exit code follows.

A policy names a framework and, optionally, a level; without a level it asks for the framework's
entry level (OSAID: conformant; MOF: Class III).  Levels match by id (`class-2`), short name (`II`)
or number (`2`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from osai.assessment import Assessment
from osai.errors import BadInput
from osai.rules import Framework, Level, RuleSet

EXIT_OK = 0
EXIT_POLICY_UNMET = 1
EXIT_BAD_INPUT = 2
EXIT_EVIDENCE_UNAVAILABLE = 3


@dataclass(frozen=True)
class RequiredPolicy:
    spec: str
    framework_id: str
    level_id: str
    level_name: str


@dataclass(frozen=True)
class PolicyResult:
    target: str
    policy: RequiredPolicy
    met: bool
    outcome: str
    definite: bool


def parse_policy(spec: str, rules: RuleSet) -> RequiredPolicy:
    name, _, level_text = spec.partition(":")
    framework = rules.framework(name)
    level = (
        _find_level(framework, level_text.strip()) if level_text.strip() else framework.levels[0]
    )
    return RequiredPolicy(spec, framework.id, level.id, level.name)


def _find_level(framework: Framework, text: str) -> Level:
    wanted = text.lower()
    for level in framework.levels:
        candidates = {level.id.lower(), level.short.lower(), level.id.lower().rsplit("-", 1)[-1]}
        if wanted in candidates or f"{framework.id}-{wanted}" == level.id:
            return level
    known = ", ".join(level.id for level in framework.levels)
    raise BadInput(f"'{framework.id}' has no level '{text}' (levels: {known})")


def evaluate_policies(
    assessment: Assessment, policies: Sequence[RequiredPolicy], rules: RuleSet
) -> tuple[PolicyResult, ...]:
    results = []
    for policy in policies:
        framework = rules.frameworks[policy.framework_id]
        judged = assessment.framework(policy.framework_id)
        if judged is None:
            raise BadInput(f"--require {policy.spec}: framework not evaluated (see --framework)")
        wanted = framework.level_index(policy.level_id)
        reached = (
            framework.level_index(judged.best_level_proven) if judged.best_level_proven else -1
        )
        results.append(
            PolicyResult(
                assessment.release.target,
                policy,
                reached >= wanted,
                judged.outcome,
                judged.definite,
            )
        )
    return tuple(results)


def exit_code_for(
    policy_results: Sequence[PolicyResult],
    assessments: Sequence[Assessment],
    target_error_codes: Sequence[int],
    *,
    fail_on_unknown: bool,
) -> int:
    """The worst outcome of the run: evidence unavailable (3) > bad input (2) > unmet (1) > ok."""
    codes = list(target_error_codes)
    if any(not result.met for result in policy_results):
        codes.append(EXIT_POLICY_UNMET)
    if fail_on_unknown and any(
        not judged.definite for assessment in assessments for judged in assessment.frameworks
    ):
        codes.append(EXIT_POLICY_UNMET)
    return max(codes, default=EXIT_OK)
