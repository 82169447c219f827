"""Waivers against the rules: each names a requirement that can be waived, and one that has
expired is said in the report of every target that judged its requirement.  Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from osai.assessment import Assessment
from osai.config import Waiver, expiry_message
from osai.errors import BadInput
from osai.evidence import Certainty, Finding, FindingKind, Provenance
from osai.rules import RuleSet
from osai.suggest import did_you_mean


def check_waived_rules(waivers: Iterable[Waiver], rules: RuleSet) -> None:
    """BadInput, at the waiver's FILE:LINE when known, for a rule no framework has or one of a
    graded framework (a grade is a measure: its score is gated instead)."""
    known = {r.id: f for f in rules.frameworks.values() for r in f.requirements}
    for waiver in waivers:
        rule = waiver.rule
        framework = known.get(rule)
        where = f"{waiver.where}: " if waiver.where else ""
        if framework is None:
            # the hint `osai rules explain` gives for the same slip
            hint = did_you_mean(rule.strip(), known) or " (see osai rules list)"
            raise BadInput(f"{where}waiver for unknown requirement '{rule}'{hint}")
        if framework.graded:
            raise BadInput(
                f"{where}waiver for '{rule}': {framework.short_name} is graded, and a grade is not "
                f"waived; gate its score instead (--require {framework.id}:0.5)"
            )


def waived_for(target: str, waivers: Iterable[Waiver]) -> dict[str, str]:
    """The requirements waived for one target, each with the reason its reports show: the
    first waiver of a rule that covers the target (Waiver.applies_to)."""
    waived: dict[str, str] = {}
    for waiver in waivers:
        if waiver.rule not in waived and waiver.applies_to(target):
            waived[waiver.rule] = waiver.said_reason
    return waived


def unmatched(waivers: Iterable[Waiver], targets: Sequence[str]) -> tuple[str, ...]:
    """A line for each waiver whose `model` patterns match none of the run's targets: a
    misspelt pattern waives nothing, silently."""
    return tuple(
        f"waiver for {waiver.rule} ({waiver.where}): model {', '.join(waiver.models)} matches "
        "no target of this run"
        for waiver in waivers
        if waiver.models and not any(waiver.applies_to(target) for target in targets)
    )


def note_expired(assessment: Assessment, expired: tuple[Waiver, ...], target: str) -> Assessment:
    """The assessment, with a warning for each expired waiver of a requirement it judged, that
    covered its target."""
    judged_ids = {r.requirement_id for f in assessment.frameworks for r in f.results}
    notes = tuple(
        Finding(
            FindingKind.WARNING,
            expiry_message(waiver),
            (
                Provenance(
                    "config", waiver.location, waiver.reason, Certainty.DECLARED, waiver.line
                ),
            ),
        )
        for waiver in expired
        if waiver.rule in judged_ids and waiver.applies_to(target)
    )
    return replace(assessment, findings=assessment.findings + notes)
