"""Published assessments beside osai's own grades: for every graded framework that names a
public-assessment database (`reference_assessment`), the database's grades of the same model are
attached to the report.  Use-case logic: the engine never sees them, and they are never evidence.

Only a Hub model can be matched, checked on the Hub or as a Hugging Face cache snapshot (by its
Hub id, Release.hub_id, and the base models its card names); the databases are the bundled
snapshots, or the last `osai db update`, read once per run.  When the entry was also merged as
evidence (`osai check` does so unless --no-public-assessments), the comparison says that osai's
grades rest partly on the entry's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from osai.assessment import CIRCULAR, Assessment, ReferenceComparison
from osai.rules import Framework, RuleSet


def with_references(
    assessments: Sequence[Assessment], frameworks: Sequence[Framework], rules: RuleSet
) -> list[Assessment]:
    """Each assessment, its graded frameworks carrying the published grades of the same model."""
    referring = [f for f in frameworks if f.reference_assessment == "eosai"]
    hub = [a for a in assessments if a.release.hub_id]
    if not referring or not hub:
        return list(assessments)
    from osai.assessments import load_databases
    from osai.assessments.public import matches_for
    from osai.assessments.reference import reference_comparison

    databases = load_databases(rules)
    result = []
    for assessment in assessments:
        if not assessment.release.hub_id:
            result.append(assessment)
            continue
        # The same match as the one that merges the entry as evidence: the id the Hub answered
        # under, a former id, the base models.
        found = matches_for(assessment.release, databases).eosai
        if found is None:
            result.append(assessment)
            continue
        circular = _rests_on_the_index(assessment)
        judged = tuple(
            replace(j, reference=_said(reference_comparison(j, f, found, rules), circular))
            if (f := _framework(referring, j.framework_id)) is not None
            else j
            for j in assessment.frameworks
        )
        result.append(replace(assessment, frameworks=judged))
    return result


INDEX_SOURCE = "eosai"


def _rests_on_the_index(assessment: Assessment) -> bool:
    """Whether the index's own grades were merged as evidence (osai.assessments.public)."""
    release = assessment.release
    cited = [p for c in release.components.values() for p in c.provenance]
    cited += [f.provenance for f in release.facts.values()]
    return any(p.source == INDEX_SOURCE for p in cited)


def _said(comparison: ReferenceComparison, circular: bool) -> ReferenceComparison:
    if not circular:
        return comparison
    return replace(comparison, how_matched=comparison.how_matched + CIRCULAR)


def _framework(frameworks: Sequence[Framework], framework_id: str) -> Framework | None:
    return next((f for f in frameworks if f.id == framework_id), None)
