"""The differences between frameworks on one release, as a person reads them: one group per
pair of frameworks compared, titled by the pair when there is more than one."""

from __future__ import annotations

from osai.assessment import Assessment, Difference


def differences_by_pair(assessment: Assessment) -> list[tuple[str, tuple[Difference, ...]]]:
    """("Differences", all) for one pair; ("Differences: OSAID and MOF", theirs), ... for
    several, in the order compared: a line names the framework that requires a component and
    where the other stands, but not which other frameworks were left out of the comparison."""
    pairs: dict[tuple[str, ...], list[Difference]] = {}
    for difference in assessment.differences:
        pairs.setdefault(difference.between, []).append(difference)
    if len(pairs) <= 1:
        return [("Differences", tuple(found)) for found in pairs.values()]
    names = {judged.framework_id: judged.short_name for judged in assessment.frameworks}
    return [
        (f"Differences: {' and '.join(names.get(i, i) for i in between)}", tuple(found))
        for between, found in pairs.items()
    ]
