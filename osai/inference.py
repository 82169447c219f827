"""Facts the frameworks' texts let one infer from released components (rules/inference.yaml).

Pure.  An inferred fact stands only where no source states the fact; it carries the certainty
"inferred" and names the rule that inferred it, so a verdict resting on it says so.
"""

from __future__ import annotations

from dataclasses import replace

from osai.evidence import Certainty, Fact, LicenceFact, Presence, Provenance, Release
from osai.licenses import LicenceState, judge, parse_licence
from osai.rules import RuleSet
from osai.rules.inference import InferenceRule
from osai.verdict import FactRef, Reason, Status

SOURCE = "inference"


def with_inferences(release: Release, rules: RuleSet) -> Release:
    facts = dict(release.facts)
    for rule in rules.inference:
        # one whose facts are all stated infers nothing: not judged (its words read by the
        # card's detection rules, loaded only then)
        if all(key in facts for key in rule.infer) or not _holds(rule, release, rules):
            continue
        for key, value in rule.infer.items():
            if key not in facts:
                facts[key] = Fact(key, value, _provenance(rule, release, value))
    return release if facts == dict(release.facts) else replace(release, facts=facts)


def _holds(rule: InferenceRule, release: Release, rules: RuleSet) -> bool:
    """The component is released (under licences all in the rule's sets, its own when the
    rule asks: not the release's, which it merely inherits), and no source states a fact that
    shows other data."""
    if release.component(rule.component).presence is not Presence.PRESENT:
        return False
    return _why_not(rule, release, rules) is None


def not_inferred(key: str, release: Release, rules: RuleSet) -> Reason | None:
    """Why a fact no source gives was not inferred, where a rule infers it from a component the
    release does release: OLMo's datasets under ODC-By show no third-party data, Pythia's Pile
    (no licence of its own) cannot, and "not stated" alone left a reader to guess which
    condition failed.  None where no such rule's component is released: nothing was there to
    infer it from."""
    for rule in rules.inference:
        released = release.component(rule.component).presence is Presence.PRESENT
        why = _why_not(rule, release, rules) if key in rule.infer and released else None
        if why is not None:
            return Reason.of(f"not inferred from {rules.components[rule.component].name}: ", why)
    return None


def _why_not(rule: InferenceRule, release: Release, rules: RuleSet) -> Reason | None:
    """Of a rule whose component is released, why it does not hold, None when it holds: a fact
    stated that shows other data, or the component's licence."""
    stated = [key for key in rule.unless_stated if release.states(key)]
    if stated:
        said = (Reason.of(FactRef(key, ": "), release.facts[key].value) for key in stated)
        return Reason.of("the release states ", Reason.joined(said, " and "))
    held = release.component(rule.component).licence
    if not rule.accept and not rule.own_licence:
        return None  # the rule asks nothing of its licence
    if held is None:  # nothing read names one, or what was read settles none (T5's datasets)
        return Reason.of("its licence is not known")
    licence = _judged_licence(rule, held)
    if rule.own_licence and (licence is None or not licence.text):
        return Reason.of("no licence of the component's own is stated (only the release's)")
    if not rule.accept or licence is None:
        return None
    # every licence that may apply (alternatives: a manifest's CC-BY-4.0 beside a LICENSE of
    # CC-BY-NC-4.0 inferred no third-party data on the first alone), as a check judges it
    for text in licence.texts:
        why = _why_not_under(rule, text, rules, "" if text == licence.text else "may be ")
        if why is not None:
            return why
    if licence.unless:  # met only if nothing unread binds it, as a check says it: not known
        return Reason.of(f"under {licence.text}, unless {licence.unless}")
    return _said_against(rule, release, rules)


def _said_against(rule: InferenceRule, release: Release, rules: RuleSet) -> Reason | None:
    """Why a rule does not hold where a stated fact's words (its `unless_said_in`) say one of
    its `unless_stated` facts, read as a card's sentence is (rules/detection.yaml, one
    reading): a manifest's description of "news articles purchased from Reuters, which cannot
    be redistributed" beside open datasets inferred no third-party data.  Asked last: the card
    reader is loaded only for a rule that would hold otherwise."""
    said = [release.facts[key] for key in rule.unless_said_in if release.states(key)]
    said = [fact for fact in said if fact.provenance.source != SOURCE]
    if not said:
        return None
    from osai.card.body import Line, mentions  # a card reader: not loaded for every manifest

    wanted = [r for r in rules.detection.card.text_rules if r.fact in rule.unless_stated]
    for fact in said:
        found = mentions((Line(fact.value, fact.provenance.line or 0, (), False),), tuple(wanted))
        if found:
            title = rules.facts[found[0].key].title
            return Reason.of(
                "the release states ",
                FactRef(fact.key, ": "),
                fact.value,
                f" (read as: {title[:1].lower()}{title[1:]})",
            )
    return None


def _why_not_under(rule: InferenceRule, text: str, rules: RuleSet, may: str) -> Reason | None:
    """Why the licence `text` does not let the rule hold; None when it is in the rule's sets.
    `may`: "may be " where `text` is one that may apply instead of the one stated first."""
    parsed = parse_licence(text, rules.licences, exact=False)
    if parsed.state is LicenceState.UNDISCLOSED:  # `license: unknown`, "not specified"
        return Reason.of(f"its licence {'may not be' if may else 'is not'} known")
    if parsed.state is LicenceState.UNLICENSED:  # "under unlicensed, not open terms" was said
        return Reason.of(f"{'may be ' if may else ''}released with no licence")
    verdict = judge(parsed, rule.accept, rules.licences, exact=False, unrecognised=Status.UNKNOWN)
    if verdict.status is Status.MET:
        return None
    if verdict.status is Status.UNMET:
        return Reason.of(f"{may}under {text}, not open terms")
    return Reason.of(f"{may}under {text}, a licence osai does not know")


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
