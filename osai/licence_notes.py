"""What a report says of the licences its verdicts name and its components state: each named
licence's terms (rules/licenses.yaml), so a report can say why it fails; each licence as a
person reads it (osai.licenses.naming), where its source spelled it otherwise.  Pure."""

from __future__ import annotations

from collections.abc import Sequence

from osai.assessment import Assessment
from osai.licence_spelling import canonical_licence, refused_lookup
from osai.licenses import leaves, parse_licence
from osai.licenses.naming import licence_title
from osai.report import LicenceNote
from osai.rules import RuleSet


def licence_notes(
    assessments: Sequence[Assessment], rules: RuleSet, *, spelled: bool = False
) -> dict[str, LicenceNote]:
    """What rules/licenses.yaml says of each licence a verdict names, so reports can say why.
    `spelled`: a mode judged the source's spelling (MOF's `mot`), so the verdicts name it so."""
    named = {r.licence for a in assessments for f in a.frameworks for r in f.results if r.licence}
    # and those that may apply instead, which the headline names beside them
    named |= {
        text
        for assessment in assessments
        for component in assessment.release.components.values()
        if component.licence is not None
        for text in component.licence.texts[1:]
    }
    notes = {}
    for licence in sorted(named):
        title = _title(licence, rules, spelled)
        shown = not refused_lookup(licence, rules.licences)
        parsed = parse_licence(licence, rules.licences, exact=False)
        infos = [leaf.info for leaf in leaves(parsed.expression) if leaf.info is not None]
        if len(infos) != 1:
            notes[licence] = LicenceNote(licence, title, shown_by_lookup=shown)
            continue
        info = infos[0]
        categories = tuple(rules.licences.restriction_title(tag) for tag in info.tags)
        notes[licence] = LicenceNote(
            licence, title, info.restriction, categories, shown, info.term_tags
        )
    return notes


def licence_readings(
    assessments: Sequence[Assessment], rules: RuleSet, *, spelled: bool = False
) -> dict[str, str]:
    """Each component's licence, and each followed link's, as a person reads it, where its
    source spelled it otherwise (a Hub card's `apache-2.0` is `Apache-2.0`, as a GitHub
    repository's licence is given; its `llama2` is the Llama 2 Community License Agreement, as
    the verdicts name it).  A link's licence may be no component's (a third party's code, a
    dataset that settled nothing): the report names it as it would the component's."""
    stated = {
        text
        for assessment in assessments
        for component in assessment.release.components.values()
        if component.licence is not None
        for text in component.licence.texts
    }
    stated |= {link.licence for a in assessments for link in a.release.links if link.licence}
    readings = {text: _title(text, rules, spelled) for text in sorted(stated)}
    return {text: read for text, read in readings.items() if read != text}


def _title(text: str, rules: RuleSet, spelled: bool) -> str:
    """A licence as a person reads it; where a mode judged the source's spelling (`spelled`:
    MOF's `mot` matches ids verbatim), as spelled when only its SPDX spelling would differ:
    `apache-2.0` read `Apache-2.0` would look accepted beside its refusal, while `llama2` read
    by its name hides nothing."""
    title = licence_title(text, rules.licences)
    if spelled and title == canonical_licence(text, rules.licences):
        return text.strip()
    return title
