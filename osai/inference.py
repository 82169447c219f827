"""Facts the frameworks' texts let one infer from released components (rules/inference.yaml).

Pure.  An inferred fact stands only where no source states the fact; it carries the certainty
"inferred" and names the rule that inferred it, so a verdict resting on it says so.
"""

from __future__ import annotations

from dataclasses import replace

from osai.evidence import Certainty, Fact, LicenceFact, Presence, Provenance, Release
from osai.licenses import judge, parse_licence
from osai.rules import RuleSet
from osai.rules.inference import InferenceRule
from osai.verdict import Status

SOURCE = "inference"


def with_inferences(release: Release, rules: RuleSet) -> Release:
    facts = dict(release.facts)
    for rule in rules.inference:
        if not _holds(rule, release, rules):
            continue
        for key, value in rule.infer.items():
            if key not in facts:
                facts[key] = Fact(key, value, _provenance(rule, release, value))
    return release if facts == dict(release.facts) else replace(release, facts=facts)


def _holds(rule: InferenceRule, release: Release, rules: RuleSet) -> bool:
    """The component is released (under licences all in the rule's sets, its own when the
    rule asks: not the release's, which it merely inherits), and no source states a fact that
    shows other data."""
    evidence = release.component(rule.component)
    if evidence.presence is not Presence.PRESENT:
        return False
    if any(release.states(key) for key in rule.unless_stated):
        return False
    licence = _judged_licence(rule, evidence.licence)
    if rule.own_licence and (licence is None or not licence.text):
        return False
    if not rule.accept:
        return True
    if licence is None:
        return False
    parsed = parse_licence(licence.text, rules.licences, exact=False)
    verdict = judge(parsed, rule.accept, rules.licences, exact=False, unrecognised=Status.UNKNOWN)
    return verdict.status is Status.MET


def _judged_licence(rule: InferenceRule, licence: LicenceFact | None) -> LicenceFact | None:
    """The licence a rule judges: the component's own where it asks (`own_licence`), as a
    framework check's `own_licence` reads it (LicenceFact.own: not the release's it inherits,
    unless a source of its own agreed)."""
    if rule.own_licence and licence is not None:
        return licence.own
    return licence


def _provenance(rule: InferenceRule, release: Release, value: str) -> Provenance:
    stated = _judged_licence(rule, release.component(rule.component).licence)
    licence = stated.text if stated is not None else "a licence not known"
    note = (
        f"inferred by {rule.id} from {rule.component} released under {licence}: {rule.citation.ref}"
    )
    return Provenance(SOURCE, rule.id, value, Certainty.INFERRED, None, note)
