"""A published assessment's grades beside osai's: the European Open Source AI Index grades the
parameters a graded framework (rules/frameworks/eosai.yaml) grades from osai's evidence.

Each requirement names the index's parameter it grades (`reference`); a grade is compared only
when the index's grade is about the repository checked: the index grades an end model, its base
model and the system as a whole, and the repository matched the entry as one of these (or as a
relative, whose grades are shown, never compared).
"""

from __future__ import annotations

from osai.assessment import FrameworkAssessment, ReferenceComparison, ReferenceGrade
from osai.assessments.eosai import credited, eosai_evidence
from osai.assessments.eosai_mapping import load_mapping
from osai.assessments.model import EosaiMatch
from osai.rules import Framework, RuleSet

DATABASE = "eosai"
END_MODEL = "end_model"  # the subject (rules/eosai-mapping.yaml) of the model an entry assesses


def reference_comparison(
    judged: FrameworkAssessment, framework: Framework, match: EosaiMatch, rules: RuleSet
) -> ReferenceComparison:
    mapping = load_mapping(rules)
    subjects = mapping.subjects_by_match[match.kind]
    assessed = eosai_evidence(match, rules)
    scale = [grade.id for grade in framework.grades]
    grades = []
    for requirement in framework.requirements:
        if not requirement.reference:
            continue
        result = judged.result(requirement.id)
        theirs = assessed.grade(requirement.reference)
        meaning = mapping.parameters.get(requirement.reference)
        applies = meaning is not None and meaning.subject in subjects
        ours = result.grade if result is not None else ""
        reference = theirs.grade.value if theirs is not None else ""
        steps = (
            abs(scale.index(ours) - scale.index(reference))
            if applies and ours in scale and reference in scale
            else None
        )
        grades.append(
            ReferenceGrade(
                requirement_id=requirement.id,
                parameter=requirement.reference,
                osai_grade=ours,
                osai_at_least=result.grade_at_least if result is not None else "",
                reference_grade=reference if reference in scale else "",
                applies=applies,
                steps_apart=steps,
                notes=theirs.notes if theirs is not None else "",
            )
        )
    info = match.info
    return ReferenceComparison(
        source=f"{info.source.title} (snapshot {info.short_commit} of {info.date}; "
        f"{info.source.licence})",
        entry=", ".join(entry.label for entry in match.entries),
        how_matched=assessed.summary,
        about_this_repository=bool(subjects),
        # The entry's score is of the model it assesses (its end model): a base model or a
        # relative given it read as scored by the index (bigscience/bloom showed BLOOMZ's 0.83,
        # of which 2 of 12 grades are BLOOM's)
        reference_score=assessed.score if END_MODEL in subjects else None,
        grades=tuple(grades),
        attribution=info.source.attribution,
        credit=credited(mapping, info.source.licence),
    )
