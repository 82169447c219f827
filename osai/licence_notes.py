"""What a report says of the licences its verdicts name and its components state: each named
licence's terms (rules/licenses.yaml), so a report can say why it fails; each stated licence as
osai reads it, where its source spelled it otherwise.  Pure."""

from __future__ import annotations

from collections.abc import Sequence

from osai.assessment import Assessment
from osai.licence_spelling import canonical_licence
from osai.licenses import leaves, parse_licence
from osai.report import LicenceNote
from osai.rules import RuleSet


def licence_notes(assessments: Sequence[Assessment], rules: RuleSet) -> dict[str, LicenceNote]:
    """What rules/licenses.yaml says of each licence a verdict names, so reports can say why."""
    named = {r.licence for a in assessments for f in a.frameworks for r in f.results if r.licence}
    notes = {}
    for licence in sorted(named):
        parsed = parse_licence(licence, rules.licences, exact=False)
        infos = [leaf.info for leaf in leaves(parsed.expression) if leaf.info is not None]
        if len(infos) != 1:
            notes[licence] = LicenceNote(licence, licence)
            continue
        info = infos[0]
        categories = tuple(rules.licences.restriction_title(tag) for tag in info.tags)
        notes[licence] = LicenceNote(licence, info.name, info.restriction, categories)
    return notes


def licence_readings(assessments: Sequence[Assessment], rules: RuleSet) -> dict[str, str]:
    """How osai reads each component's licence, where its source spelled it otherwise (a Hub
    card's `apache-2.0` is `Apache-2.0`, as a GitHub repository's licence is given)."""
    stated = {
        component.licence.text
        for assessment in assessments
        for component in assessment.release.components.values()
        if component.licence is not None
    }
    readings = {text: canonical_licence(text, rules.licences) for text in sorted(stated)}
    # An SPDX id reads better than a card's spelling of it; osai's own LicenseRef- ids do not
    # (`LicenseRef-bigscience-bloom-rail-1.0` for the card's `bigscience-bloom-rail-1.0`).
    return {t: read for t, read in readings.items() if read != t and "LicenseRef-" not in read}
