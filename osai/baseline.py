"""`osai check --baseline OLD.json`: the run against a report of an earlier one, failing the
gate when a release got less open (a framework's outcome, or a requirement's status, worse).

Pure: `baseline_of` reads what a JSON report holds (already parsed: the CLI reads the file)
into frozen values, checking only what the comparison uses; `compare_to_baseline` compares.
Outcomes are ranked by the framework's own order (Framework.outcome_rank), a graded score by
the lowest it can be (as --require eosai:0.75 gates it), a requirement by its status.  A
framework judged in another mode or version than the baseline's is not compared (its outcome
moved with the rules, not the release), nor a target whose links were followed on one side only
(--follow read other evidence: a base model's licence), nor an outcome off the framework's order
(not in scope, one it does not name): each is said, never passed as "no regression".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from osai.assessment import Assessment, FrameworkAssessment, RequirementResult, label_head
from osai.errors import BadInput
from osai.evidence import Release
from osai.paths import RunPlaces, from_root, names_a_path
from osai.report import (
    BaselineComparison,
    LinksMoved,
    Regression,
    RequirementChange,
    RulesMoved,
)
from osai.rules import Framework
from osai.textsafe import one_line, quoted_name
from osai.verdict import Status, status_rank

# The major version of the JSON report a baseline must have: a minor version adds fields only
# (report.schema.json), so any 1.x report holds what is compared.
REPORT_MAJOR = "1"
_COMMIT = re.compile(r"[0-9a-f]{7,64}")
# A graded score that moved less than this has not moved (floats written and read back).
_SCORE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class BaselineRequirement:
    id: str
    status: Status
    # graded: the grade earned and its value ("", None when unknown): partial → closed is unmet
    # on both sides, and only the score said that the licences got worse
    grade: str = ""
    grade_value: float | None = None
    reason: str = ""  # as the baseline said it ("" where it says none)


@dataclass(frozen=True)
class BaselineFramework:
    id: str
    version: str
    mode: str  # "" in a report that does not say it
    outcome: str
    outcome_label: str
    level_with_waivers: str  # the level the gate takes as reached, waivers counted ("" none)
    score_lowest: float | None  # a graded framework's overall score, the lowest it can be
    requirements: tuple[BaselineRequirement, ...]


@dataclass(frozen=True)
class BaselineTarget:
    target: str
    frameworks: tuple[BaselineFramework, ...]
    revision: str = ""  # the Hub commit it was judged at ("" a manifest, a directory)
    source: str = ""  # where it was read from (`hub`, `local`, `manifest`…): a path or not
    links_followed: bool | None = None  # None: a report before 1.37, which does not say


@dataclass(frozen=True)
class Baseline:
    name: str  # the file as the user gave it
    targets: tuple[BaselineTarget, ...]


# --- reading ------------------------------------------------------------------------------------


def baseline_of(document: object, name: str) -> Baseline:
    """A JSON report (parsed) as a Baseline; BadInput in one line when it is not an osai report
    of a version whose fields are compared, or lacks what is compared."""
    report = _mapping(document, name, "not an osai JSON report (osai check --format json)")
    tool = report.get("tool")
    version = report.get("schema_version")
    if not isinstance(tool, Mapping) or tool.get("name") != "osai" or not isinstance(version, str):
        raise BadInput(f"{name}: not an osai JSON report (osai check --format json writes one)")
    if version.split(".", 1)[0] != REPORT_MAJOR:
        raise BadInput(
            f"{name}: a report of schema version {quoted_name(version, 20)}, which this osai "
            f"does not compare (it reads {REPORT_MAJOR}.x): write the baseline again"
        )
    targets = _list(report.get("targets"), name, "targets")
    return Baseline(name, tuple(_target(t, name, i) for i, t in enumerate(targets)))


def _target(value: object, name: str, index: int) -> BaselineTarget:
    where = f"targets[{index}]"
    target = _mapping(value, name, f"{where} is not an object")
    frameworks = _list(target.get("frameworks"), name, f"{where}.frameworks")
    return BaselineTarget(
        _key(target.get("target"), name, f"{where}.target"),
        tuple(_framework(f, name, f"{where}.frameworks[{i}]") for i, f in enumerate(frameworks)),
        _key(target.get("revision") or "", name, f"{where}.revision"),
        _key(target.get("source") or "", name, f"{where}.source"),
        _links_followed(target.get("links_followed"), name, f"{where}.links_followed"),
    )


def _links_followed(value: object, name: str, where: str) -> bool | None:
    """Whether the baseline followed the target's links; None where it does not say (compared
    as before 1.37 recorded it)."""
    if value is None or isinstance(value, bool):
        return value
    raise BadInput(f"{name}: {where} is not true or false")


def _framework(value: object, name: str, where: str) -> BaselineFramework:
    framework = _mapping(value, name, f"{where} is not an object")
    requirements = _list(framework.get("requirements"), name, f"{where}.requirements")
    return BaselineFramework(
        id=_key(framework.get("id"), name, f"{where}.id"),
        version=_key(framework.get("version"), name, f"{where}.version"),
        mode=_key(framework.get("mode", ""), name, f"{where}.mode"),
        outcome=_key(framework.get("outcome"), name, f"{where}.outcome"),
        outcome_label=_text(framework.get("outcome_label"), name, f"{where}.outcome_label"),
        level_with_waivers=_key(
            framework.get("level_with_waivers", ""), name, f"{where}.level_with_waivers"
        ),
        score_lowest=_score_lowest(framework.get("score"), name, where),
        requirements=tuple(
            _requirement(r, name, f"{where}.requirements[{i}]") for i, r in enumerate(requirements)
        ),
    )


def _score_lowest(value: object, name: str, where: str) -> float | None:
    if value is None:
        return None
    overall = _mapping(value, name, f"{where}.score is not an object").get("overall")
    lowest = _mapping(overall, name, f"{where}.score.overall is not an object").get("lowest")
    if isinstance(lowest, bool) or not isinstance(lowest, int | float):
        raise BadInput(f"{name}: {where}.score.overall.lowest is not a number")
    return float(lowest)


def _requirement(value: object, name: str, where: str) -> BaselineRequirement:
    requirement = _mapping(value, name, f"{where} is not an object")
    status = _key(requirement.get("status"), name, f"{where}.status")
    if status not in set(Status):
        raise BadInput(f"{name}: {where}.status: {quoted_name(status, 20)} is no status")
    grade, value = _grade(requirement.get("grade"), name, f"{where}.grade")
    requirement_id = _key(requirement.get("id"), name, f"{where}.id")
    said = requirement.get("reason")
    reason = said if isinstance(said, str) else ""
    return BaselineRequirement(requirement_id, Status(status), grade, value, reason)


def _grade(value: object, name: str, where: str) -> tuple[str, float | None]:
    """A graded requirement's grade and value ("", None: not graded, or its grade unknown)."""
    if value is None:
        return "", None
    grade = _mapping(value, name, f"{where} is not an object")
    earned, worth = grade.get("grade"), grade.get("value")
    if not earned or worth is None:
        return "", None
    if isinstance(worth, bool) or not isinstance(worth, int | float):
        raise BadInput(f"{name}: {where}.value is not a number")
    return _key(earned, name, f"{where}.grade"), float(worth)


def _mapping(value: object, name: str, problem: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise BadInput(f"{name}: {problem}")
    return value


def _list(value: object, name: str, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise BadInput(f"{name}: {where} is not a list")
    return value


def _key(value: object, name: str, where: str) -> str:
    """A string compared as it is (a target, an id): cut or flattened, a target's path over 200
    characters never matched itself.  Said only through quoted_name, which bounds it."""
    if not isinstance(value, str):
        raise BadInput(f"{name}: {where} is not a string")
    return value


def _text(value: object, name: str, where: str) -> str:
    """A string only said (a label), never compared: hostile, so on one line and bounded."""
    return one_line(_key(value, name, where), 200)


# --- comparing ----------------------------------------------------------------------------------


def compare_to_baseline(
    baseline: Baseline,
    assessments: Sequence[Assessment],
    frameworks: Mapping[str, Framework],
    places: RunPlaces,
    baseline_root: Path | None = None,
    unchecked: Sequence[str] = (),
) -> BaselineComparison:
    """Each target and framework judged in both runs compared; those on one side only said.
    A local target is one however either run spelt it (_matched; `baseline_root`: the
    repository the baseline's file is in).  One target on each side is compared whatever each
    is named (a release's next version, `new.yml` against the report of `old.yml`): "no
    regression" was said of two runs that compared nothing.  `unchecked`: this run's targets
    that could not be checked, whose baseline targets are neither "in the baseline only" nor
    paired with another (an outage is no mismatch)."""
    old_targets = _matched(baseline.targets, assessments, places, baseline_root)
    out = _unchecked(baseline.targets, unchecked, places)
    regressions: list[Regression] = []
    better = 0
    compared: list[tuple[str, str]] = []
    unmatched: list[str] = []
    moved: list[RulesMoved] = []
    links_moved: list[LinksMoved] = []
    below = _matched_below(baseline.targets, assessments, places, old_targets)
    unmatched += [
        f"{quoted_name(t)} compared with {quoted_name(o.target)}" for t, o in below.items()
    ]
    old_targets |= below
    if len(baseline.targets) == 1 and len(assessments) == 1 and not old_targets and not out:
        (only,), target = baseline.targets, assessments[0].release.target
        old_targets = {target: only}
        unmatched.append(f"{quoted_name(target)} compared with {quoted_name(only.target)}")
    matched = {id(old) for old in old_targets.values()} | out
    unmatched += [
        f"{quoted_name(t.target)} is in {baseline.name} only"
        for t in baseline.targets
        if id(t) not in matched
    ]
    for assessment in assessments:
        target = assessment.release.target
        old_target = old_targets.get(target)
        if old_target is None:
            unmatched.append(f"{quoted_name(target)} is not in {baseline.name}")
            continue
        links_moved_here = _links_moved(target, old_target, assessment.release)
        if links_moved_here is not None:  # every framework judged on other evidence
            said = links_moved_here.in_baseline_said
            unmatched.append(f"{target} judged {said}: not compared")
            links_moved.append(links_moved_here)
            continue
        old_frameworks = {f.id: f for f in old_target.frameworks}
        unanswered = _unanswered(assessment.release)
        revisions = _revisions(old_target.revision, assessment.release.revision)
        for judged in assessment.frameworks:
            old = old_frameworks.pop(judged.framework_id, None)
            framework = frameworks.get(judged.framework_id)
            if old is None or framework is None:
                unmatched.append(f"{target} {judged.short_name} is not in {baseline.name}")
                continue
            rules_moved = _rules_moved(target, old, judged)
            if rules_moved is not None:
                said = f"{target} {judged.short_name} judged in {rules_moved.in_baseline_said}"
                unmatched.append(f"{said}: not compared")
                moved.append(rules_moved)
                continue
            order = _outcome_order(old, judged, framework)
            if order is None:
                outcomes = (
                    f"{quoted_name(old.outcome)} in {baseline.name}, {quoted_name(judged.outcome)}"
                )
                unmatched.append(
                    f"{target} {judged.short_name}: outcome not compared ({outcomes} now)"
                )
            regression, gained, both = _compared(target, old, judged, framework, order or 0)
            if regression is not None:
                regression = replace(regression, revisions=revisions)
            if regression is not None and _all_unknown(regression):
                regression = replace(regression, unanswered=unanswered)
            better += gained
            if order is not None or both > 0:
                compared.append((target, judged.framework_id))
            if regression is not None:
                regressions.append(regression)
        # by its short name, as a framework this run judged is said ("MOF", not 'mof'), where
        # this osai knows it; the baseline's id, quoted, where it does not
        unmatched.extend(
            f"{target} {_framework_said(fid, frameworks)} is in {baseline.name} only"
            for fid in old_frameworks
        )
    seen = {target for target, _ in compared}
    uncompared = tuple(a.release.target for a in assessments if a.release.target not in seen)
    return BaselineComparison(
        baseline.name,
        tuple(regressions),
        better,
        tuple(unmatched),
        tuple(compared),
        uncompared,
        tuple(unchecked),
        tuple(dict.fromkeys(moved)),
        tuple(links_moved),
    )


def _unchecked(
    old_targets: Sequence[BaselineTarget], unchecked: Sequence[str], places: RunPlaces
) -> set[int]:
    """The id of each baseline target that is one of this run's targets not checked, named as
    _matched names them (from this run's directory or the repository's root)."""
    found: set[int] = set()
    for old in old_targets:
        for anchor in (places.here, places.root):
            where = RunPlaces(anchor, places.root)
            named = where.target_named(old.target, old.source)
            if any(places.target_named(t, old.source) == named for t in unchecked):
                found.add(id(old))
                break
    return found


def _matched(
    old_targets: Sequence[BaselineTarget],
    assessments: Sequence[Assessment],
    places: RunPlaces,
    baseline_root: Path | None,
) -> dict[str, BaselineTarget]:
    """Each target of this run (as it spelt it) that the baseline holds, and the baseline's
    target it is: a local one by its path from the repository's root (RunPlaces.target_named,
    as SARIF fingerprints name it), so `./m`, `m` given from its directory and `/repo/m` are one
    target, as the run itself takes them; a Hub model, a URL as written.  Keyed as written, a
    baseline of `models/m` and a run of `./models/m` compared nothing, and a release that got
    less open passed the gate.  Where the baseline's run was is not in its report: a relative
    target of it is taken from this run's directory (the same step, run again), else from the
    repository's root (a baseline written there, this run in a folder of it), else from the
    repository its file is in (this run outside it, its targets given by absolute paths)."""
    named = {places.target_named(a.release.target, a.release.source): a for a in assessments}
    anchors = (places.here, places.root, *([baseline_root] if baseline_root else []))
    matched: dict[str, BaselineTarget] = {}
    for old in old_targets:
        for anchor in anchors:
            where = RunPlaces(anchor, places.root)
            assessment = named.get(where.target_named(old.target, old.source))
            if assessment is not None and assessment.release.target not in matched:
                matched[assessment.release.target] = old
                break
    return matched


def _matched_below(
    old_targets: Sequence[BaselineTarget],
    assessments: Sequence[Assessment],
    places: RunPlaces,
    matched: Mapping[str, BaselineTarget],
) -> dict[str, BaselineTarget]:
    """The baseline's relative targets _matched left, each with the one target of this run,
    left too, whose path from the root ends with it: a baseline written in a folder of the
    repository (`working-directory: models`), its `m` this run's `models/m`.  Its report does
    not say where it ran, so the pair is said ("compared with"), as a lone pair named otherwise
    is: unpaired, a release relicensed non-commercial passed the gate with four warnings."""
    taken = {id(old) for old in matched.values()}
    free = {
        places.target_named(a.release.target, a.release.source): a.release.target
        for a in assessments
        if a.release.target not in matched and names_a_path(a.release.target, a.release.source)
    }
    found: dict[str, BaselineTarget] = {}
    for old in old_targets:
        if id(old) in taken or not names_a_path(old.target, old.source):
            continue
        if Path(old.target).is_absolute():
            continue
        _, tail = from_root(old.target, places.root, places.root)
        if tail is None or tail == ".":
            continue
        ends = [t for named, t in free.items() if named.endswith(f"/{tail}") and t not in found]
        if len(ends) == 1:
            found[ends[0]] = old
    return found


def _unanswered(release: Release) -> tuple[str, ...]:
    """The linked resources that gave this run no answer (FollowedLink.read false: unreachable,
    rate limited, out of time), each "URL (why)", bounded: a server not answering is no release
    getting less open, yet leaves unknown what its answer showed."""
    return tuple(
        one_line(f"{link.url} ({link.answer})", 160) for link in release.links if not link.read
    )


def _revisions(old: str, new: str) -> str:
    """A Hub model judged at another commit than the baseline's, in words ("" at the same, or
    where either side names none): what got worse is the repository's change, which a reader
    then looks up between the two."""
    if not old or not new or old == new:
        return ""
    return f"at {_commit(new)}, {_commit(old)} in the baseline"


def _commit(revision: str) -> str:
    """A commit as the report's header names it (its first 7 hex digits), anything else quoted:
    the baseline's is a file's word."""
    return revision[:7] if _COMMIT.fullmatch(revision) else quoted_name(revision, 20)


def _all_unknown(regression: Regression) -> bool:
    """Whether all that got worse went unknown (an outcome only falls with a requirement): what
    a resource that did not answer may explain, where a requirement now unmet it cannot."""
    return all(change.new is Status.UNKNOWN for change in regression.requirements)


def _links_moved(target: str, old: BaselineTarget, new: Release) -> LinksMoved | None:
    """The target's links followed on one side only (None when both or neither, or when the
    baseline does not say): a baseline written with --follow made a run without it "2 better",
    and the reverse a regression, of evidence one run read and the other did not."""
    if old.links_followed is None or old.links_followed == new.links_followed:
        return None
    return LinksMoved(target, new.links_followed)


def _rules_moved(
    target: str, old: BaselineFramework, new: FrameworkAssessment
) -> RulesMoved | None:
    """How the framework was judged otherwise than in the baseline (another --mof-mode, another
    version of its rules); None when it was not.  A mode change moved MOF from Class I to none
    reached and failed the gate as a release that got less open."""
    if old.version != new.version:
        return RulesMoved(target, new.short_name, "version", new.version, old.version)
    if old.mode and old.mode != new.mode:
        return RulesMoved(target, new.short_name, "mode", new.mode, old.mode)
    return None


def _compared(
    target: str, old: BaselineFramework, new: FrameworkAssessment, framework: Framework, order: int
) -> tuple[Regression | None, int, int]:
    """The regression on one framework (None when nothing got worse), how many of its outcome
    and requirements got better, and how many requirements both runs judged."""
    old_requirements = {r.id: r for r in old.requirements}
    worse: list[RequirementChange] = []
    better = 1 if order > 0 else 0
    both = 0
    for result in new.results:
        before = old_requirements.get(result.requirement_id)
        if before is None:
            continue
        both += 1
        moved = status_rank(result.status) - status_rank(before.status) or _grade_moved(
            before, result
        )
        if moved < 0:
            reason = one_line(_what_changed(before, result), 80)
            worse.append(
                RequirementChange(
                    result.requirement_id,
                    before.status,
                    result.status,
                    reason,
                    *_grades_said(before, result, new),
                )
            )
        better += moved > 0
    if order >= 0 and not worse:
        return None, better, both
    name = new.name_in_mode
    # the level's label, as the new side says it (brief_label): the report's outcome_label is
    # the level's name, and "Class I - Open Science Model → no class reached" mixed the two
    level = dict(framework.level_labels).get(old.outcome)
    said_old = level or label_head(old.outcome_label) or one_line(old.outcome, 60)
    regression = Regression(
        target, name, new.framework_id, said_old, new.brief_label, order < 0, tuple(worse)
    )
    return regression, better, both


def _what_changed(before: BaselineRequirement, result: RequirementResult) -> str:
    """The clauses of the reason now that the baseline's did not say (of what keeps it from
    being met, where a released part or a stated fact does: RequirementResult.held_by), else
    the reason whole: a data card relicensed was said as "Datasets: released, licence unknown;
    …", cut before the clause that changed, and what met it before is no news."""
    said = result.held_by or (result.reason,)
    clauses = [clause.text for reason in said for clause in reason.clauses()]
    new = [clause for clause in clauses if clause and clause not in before.reason]
    return "; ".join(new) if new else result.reason.text


def _grade_moved(before: BaselineRequirement, result: RequirementResult) -> int:
    """-1, 0 or 1 as a graded requirement's grade value fell, held or rose (0 when either side's
    grade is unknown): within one status, a grade is how open it is."""
    if before.grade_value is None or result.grade_value is None or not result.grade:
        return 0
    moved = result.grade_value - before.grade_value
    return 0 if abs(moved) <= _SCORE_TOLERANCE else (1 if moved > 0 else -1)


def _grades_said(
    before: BaselineRequirement, result: RequirementResult, new: FrameworkAssessment
) -> tuple[str, str]:
    """The two grades by name where the grade moved within one status ("partial", "closed");
    ("", "") where the status did (its words say it)."""
    if before.status is not result.status or not before.grade or not result.grade:
        return "", ""
    return new.grade_name(before.grade), new.grade_name(result.grade)


def _outcome_order(
    old: BaselineFramework, new: FrameworkAssessment, framework: Framework
) -> int | None:
    """-1 worse, 0 the same, 1 better; None not comparable (not in scope on a side, an outcome
    this framework does not know, a graded framework with no score).  A level is taken with its
    waivers, as a requirement is (a waived one counts as met) and as --require's gate takes it:
    a waived data card failed the gate on MOF's outcome alone, naming no requirement."""
    if framework.graded:
        if old.score_lowest is None or new.score is None:
            return None
        moved = new.score.overall.lowest - old.score_lowest
        return 0 if abs(moved) <= _SCORE_TOLERANCE else (1 if moved > 0 else -1)
    before = _rank_with_waivers(framework, old.outcome, old.level_with_waivers)
    after = _rank_with_waivers(framework, new.outcome, new.level_with_waivers)
    if before is None or after is None:
        return None
    return (after > before) - (after < before)


def _rank_with_waivers(framework: Framework, outcome: str, with_waivers: str) -> int | None:
    rank = framework.outcome_rank(outcome)
    waived = framework.outcome_rank(with_waivers) if with_waivers else None
    if rank is None or waived is None:
        return rank
    return max(rank, waived)


def _framework_said(framework_id: str, frameworks: Mapping[str, Framework]) -> str:
    known = frameworks.get(framework_id)
    return known.short_name if known is not None else quoted_name(framework_id)
