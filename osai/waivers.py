"""Waivers against the rules: each names a requirement that can be waived, and one that has
expired is said in the report of every target that judged its requirement.  Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from osai.assessment import Assessment
from osai.config import Waiver, expiry_message
from osai.errors import BadInput
from osai.evidence import Certainty, Finding, FindingKind, Provenance
from osai.rules import RuleSet
from osai.suggest import did_you_mean


def check_waived_rules(waived: Iterable[str], locations: Mapping[str, str], rules: RuleSet) -> None:
    """BadInput, at the waiver's FILE:LINE when known, for a rule no framework has or one of a
    graded framework (a grade is a measure: its score is gated instead)."""
    known = {r.id: f for f in rules.frameworks.values() for r in f.requirements}
    for rule in waived:
        framework = known.get(rule)
        where = f"{locations[rule]}: " if rule in locations else ""
        if framework is None:
            # the hint `osai rules explain` gives for the same slip
            hint = did_you_mean(rule.strip(), known) or " (see osai rules list)"
            raise BadInput(f"{where}waiver for unknown requirement '{rule}'{hint}")
        if framework.graded:
            raise BadInput(
                f"{where}waiver for '{rule}': {framework.short_name} is graded, and a grade is not "
                f"waived; gate its score instead (--require {framework.id}:0.5)"
            )


def note_expired(assessment: Assessment, expired: tuple[Waiver, ...]) -> Assessment:
    """The assessment, with a warning for each expired waiver of a requirement it judged."""
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
        if waiver.rule in judged_ids
    )
    return replace(assessment, findings=assessment.findings + notes)
