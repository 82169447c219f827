"""Required policies (`--require osaid`, `--require mof:class-2`, `--require eosai:0.75`) and how
a run's exit code follows.

A policy names a framework and, optionally, a level; without a level it asks for the framework's
entry level (OSAID: conformant; MOF: Class III).  Levels match by id (`class-2`), short name (`II`)
or number (`2`).  A graded framework's level is a score from 0 to 1 (or a percentage, `75%`): met
when the score is at least that whatever the unknown grades turn out to be, failed when it stays
below it even if every unknown grade were the best, NOT PROVEN in between.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from osai.assessment import (
    Assessment,
    FrameworkAssessment,
    RequirementResult,
    Status,
    label_head,
    not_demonstrated,
)
from osai.errors import BadInput, ExitCode
from osai.evidence import Certainty, weakest
from osai.report import PolicyResult, Report, RequiredPolicy, UnheldVerdicts, UnsettledVerdict
from osai.rules import Framework, Level, RuleSet
from osai.suggest import did_you_mean
from osai.textsafe import quoted_name


def parse_policies(
    specs: Sequence[str], locations: Mapping[str, str], rules: RuleSet
) -> tuple[RequiredPolicy, ...]:
    """Each required policy, parsed and checked here only.  A bad one from a configuration file
    is named where it is written (`locations`: spec → `FILE:LINE: require[i]`); the error alone
    ("unknown framework 'osaidd'") left the reader to guess where it came from.  A policy asked
    twice, in any spelling (`osaid` and `osi`, `mof:2` and `mof:class-2`), is one, its first
    spelling kept: each was judged and counted ("required policies: 2 passed" of one), and
    JUnit wrote two test cases of one name, which GitLab keys by name and drops as duplicates."""
    policies: dict[tuple[str, str, float | None], RequiredPolicy] = {}
    for spec in specs:
        try:
            policy = parse_policy(spec, rules, flag=spec not in locations)
        except BadInput as exc:
            where = f"{locations[spec]}: " if spec in locations else ""
            raise BadInput(f"{where}{exc}") from None
        policy = replace(policy, written_at=locations.get(spec, ""))
        policies.setdefault((policy.framework_id, policy.level_id, policy.threshold), policy)
    return tuple(policies.values())


def check_policies_evaluated(
    policies: Sequence[RequiredPolicy],
    frameworks: Sequence[Framework],
    locations: Mapping[str, str],
    named_by: str = "",
) -> None:
    """BadInput for a required policy of a framework the run does not check (`-f osaid` with
    `--require mof`), named where it was given.  `named_by`: "" when -f named the frameworks,
    else where a settings file does, with its list (`.osai.yaml:2: frameworks: osaid`): its
    `frameworks` obeys the rule -f does, and the refusal names the file, not a flag not typed."""
    ids = {framework.id for framework in frameworks}
    for policy in policies:
        if policy.framework_id not in ids:
            named = as_written(policy.spec, locations)
            among = (
                f"the frameworks the configuration names ({named_by}): add it there, or leave "
                "frameworks out"
                if named_by
                else "the frameworks -f names: add it to -f, or leave -f out"
            )
            raise BadInput(
                f"{named}: {policy.framework_id} is not among {among} (what is required is then "
                "judged too)"
            )


def as_written(spec: str, locations: Mapping[str, str]) -> str:
    """A required policy as an error names it: where the configuration file writes it
    (`FILE:LINE: require[0]: 'mof:'`), else the flag that gave it (`--require mof:`).  A file's
    value named as a flag sent its reader to a command line that had none."""
    if spec in locations:
        return f"{locations[spec]}: {_written(spec, flag=False)}"
    return _written(spec, flag=True)


def _written(spec: str, *, flag: bool) -> str:
    return f"--require {spec}" if flag else f"'{spec}'"


_NOT_A_NAME = " ,\t\r\n"  # what a policy list holds between names: a policy of these names none


def parse_policy(spec: str, rules: RuleSet, *, flag: bool = True) -> RequiredPolicy:
    """`FRAMEWORK` (its entry level) or `FRAMEWORK:LEVEL`; a `:` with no level after it
    (`mof:`) is a level left out, not the entry level (it was taken for `mof`).  `flag`: the
    spec came from `--require` (errors name the flag), else from a configuration file (errors
    quote the value, which the caller places in the file)."""
    name, separator, level_text = spec.partition(":")
    if not name.strip(_NOT_A_NAME):
        raise BadInput(_no_framework(spec, flag))
    framework = _framework(name, spec, rules, flag)
    # the option named before what it asks that the framework lacks, as an unknown framework is
    said = f"{_written(spec, flag=True)}: " if flag and level_text.strip() else ""
    if framework.graded:
        try:
            threshold = _threshold(framework, level_text.strip(), flag)
        except BadInput as exc:
            raise BadInput(f"{said}{exc}") from None
        return RequiredPolicy(spec, framework.id, "", f"score at least {threshold:g}", threshold)
    if separator and not level_text.strip():
        raise BadInput(
            # Not "--require mof::": a `::` is broken with a zero-width space (escaping.terminal).
            f"{_written(spec.rstrip(), flag=flag)} names no level after ':' "
            f"(levels: {_levels(framework)}); "
            f"{_written(framework.id, flag=flag)} alone asks for {framework.ladder[0].id}"
        )
    try:
        level = _find_level(framework, level_text.strip()) if separator else framework.ladder[0]
    except BadInput as exc:
        raise BadInput(f"{said}{exc}") from None
    return RequiredPolicy(spec, framework.id, level.id, level.name)


def _no_framework(spec: str, flag: bool) -> str:
    """A policy with no framework in it: empty (`--require ''`, a variable unset), blanks and
    commas only, or a level alone (`:class-2`).  It read "unknown framework ''", as if a
    framework of that name were missing."""
    given = f"--require {quoted_name(spec)}" if flag else quoted_name(spec)
    what = "names no framework before ':'" if spec.strip(_NOT_A_NAME) else "names no policy"
    example = "--require osaid or --require mof:class-2" if flag else "osaid or mof:class-2"
    return f"{given}: {what}; give one, e.g. {example}"


def _framework(name: str, spec: str, rules: RuleSet, flag: bool) -> Framework:
    """The framework a policy names; `osaid=conformant`, a policy written with `=` as `--mode`
    writes its values, is told the `:` it means ("unknown framework 'osaid=conformant'" alone
    left the reader to find the syntax)."""
    try:
        return rules.framework(name)
    except BadInput as exc:
        meant = spec.replace("=", ":", 1)
        # the flag named, as its other refusals do: "unknown framework 'osid'" alone did not
        # say which of a command line's options named it (a file's place is named by the caller)
        said = f"{_written(spec, flag=True)}: " if flag else ""
        if "=" not in spec or ":" in spec or not _parses(meant, rules, flag):
            raise BadInput(f"{said}{exc}") from None
        raise BadInput(f"unknown framework '{name}' (did you mean '{meant}'?)") from None


def _parses(spec: str, rules: RuleSet, flag: bool) -> bool:
    try:
        parse_policy(spec, rules, flag=flag)
    except BadInput:
        return False
    return True


def _threshold(framework: Framework, text: str, flag: bool) -> float:
    """A score from 0 to 1, or a percentage."""
    example = f"e.g. {_written(f'{framework.id}:0.75', flag=flag)}"
    if not text:
        raise BadInput(f"'{framework.id}' is graded: require a score, {example}")
    percent = text.endswith("%")
    try:
        value = float(text.rstrip("%").strip())
    except ValueError:
        raise BadInput(f"'{framework.id}' is graded: '{text}' is not a score ({example})") from None
    value = value / 100 if percent else value
    if not 0.0 <= value <= 1.0:
        raise BadInput(f"'{framework.id}': a score is from 0 to 1 (or 0% to 100%), not '{text}'")
    return value


def _find_level(framework: Framework, text: str) -> Level:
    """The level `text` names, as its id, short name or label is written in any case, an
    underscore or a hyphen for the label's blank (a policy list is split at blanks): `class-3`,
    `3`, `III`, `Class-III`, `class_3`."""
    wanted = _level_key(text)
    # every level, one of duties too (`decides: false`): --require eu-ai-act:still-owed gates on
    # the duties the exemption leaves in place, which `rules show` lists beside the levels, and
    # was refused as "no level 'still-owed'"
    for level in framework.levels:
        names = (level.id, level.short, level.label, level.id.rsplit("-", 1)[-1])
        if wanted in {_level_key(name) for name in names if name}:
            return level
        if f"{framework.id}-{wanted}" == level.id:
            return level
    hint = did_you_mean(text.strip().lower(), [level.id for level in framework.levels], unique=True)
    raise BadInput(
        f"'{framework.id}' has no level '{text}'{hint or f' (levels: {_levels(framework)})'}"
    )


def _level_key(name: str) -> str:
    return re.sub(r"[\s_-]+", "-", name.strip().lower())


def _levels(framework: Framework) -> str:
    """The levels a policy may name, a level of duties said so."""
    return ", ".join(
        level.id if level.decides else f"{level.id} (duties owed whatever the outcome)"
        for level in framework.levels
    )


def evaluate_policies(
    assessment: Assessment,
    policies: Sequence[RequiredPolicy],
    rules: RuleSet,
    min_certainty: Certainty = Certainty.DETECTED,
) -> tuple[PolicyResult, ...]:
    """Each policy's result.  A level reached only on evidence weaker than `min_certainty`
    (inferred, by default) is not met: NOT PROVEN, until someone declares what was inferred."""
    results = []
    for policy in policies:
        framework = rules.frameworks[policy.framework_id]
        judged = assessment.framework(policy.framework_id)
        if judged is None:
            raise BadInput(f"--require {policy.spec}: framework not evaluated (see --framework)")
        if judged.out_of_scope is not None:
            results.append(_out_of_scope(assessment, policy, judged, min_certainty))
            continue
        if policy.threshold is not None:
            results.append(_score_result(assessment, policy, judged, min_certainty))
            continue
        if not framework.decides(policy.level_id):
            results.append(_duties_result(assessment, policy, judged, min_certainty))
            continue
        wanted = framework.level_index(policy.level_id)
        # A waiver lets the gate pass; it never changes the framework's own verdict.
        level = judged.level_with_waivers
        reached = framework.level_index(level) if level else -1
        proven = framework.level_index(judged.best_level_proven) if judged.best_level_proven else -1
        gated = judged.met_up_to(framework.ladder[wanted].id) if reached >= wanted else []
        # The level is as sure as the requirements no waiver accepted (_unaccepted).
        below = [r for r in gated if not met_as_sure(r, min_certainty)]
        counted = [r for r in gated if r.waiver is None or met_as_sure(r, min_certainty)]
        certainty = weakest(r.certainty for r in counted if r.certainty is not None)
        weak = tuple(r.requirement_id for r in _unaccepted(gated, min_certainty))
        short = bool(weak)
        met = reached >= wanted and not short
        waived_to = proven < wanted <= reached
        accepted = tuple(r.requirement_id for r in below if r.waiver is not None)
        if met and not waived_to and accepted:
            # passed only because waivers accept evidence weaker than asked: the policy said
            # "PASS (waived): Class III" and no report but JSON said what was waived, or why
            shortfall = _accepted_shortfall(judged, framework, wanted, below, min_certainty)
        else:
            shortfall = (
                ""
                if short or (met and not waived_to)
                # passed by waiver: why the level is not reached on the evidence alone
                else _shortfall(framework, judged, wanted, on_evidence=waived_to)
            )
        results.append(
            PolicyResult(
                target=assessment.release.target,
                policy=policy,
                met=met,
                outcome=judged.outcome,
                definite=met or _violated(framework, judged, wanted),
                outcome_label=judged.outcome_label,
                by_waiver=waived_to or (met and bool(below)),
                certainty=certainty,
                below_certainty=min_certainty if short else None,
                weak_requirements=weak,
                shortfall=shortfall,
                accepted_requirements=accepted if met else (),
                blocking=() if met or short else _blocking(judged, framework.ladder[wanted].id),
            )
        )
    return tuple(results)


def _blocking(judged: FrameworkAssessment, level_id: str) -> tuple[str, ...]:
    """The requirements deciding a level that keep it back (unmet or unknown, waivers counted):
    JUnit's gate failure said "2 unknown" and listed the two among skipped cases that block
    nothing."""
    blocked = (Status.UNMET, Status.UNKNOWN)
    return tuple(r.requirement_id for r in judged.deciding_up_to(level_id) if r.status in blocked)


def _accepted_shortfall(
    judged: FrameworkAssessment,
    framework: Framework,
    wanted: int,
    below: Sequence[RequirementResult],
    min_certainty: Certainty,
) -> str:
    """Why a level reached only on evidence weaker than --min-certainty passes: "Class III
    only on detected evidence, below declared: 6 requirements accepted by waiver"."""
    level = judged.level_label(framework.ladder[wanted].id)
    found = weakest(r.certainty for r in below if r.certainty is not None)
    on = f" only on {found.value} evidence" if found is not None else ""
    count = len(below)
    them = "requirement" if count == 1 else "requirements"
    return f"{level}{on}, below {min_certainty.value}: {count} {them} accepted by waiver"


def met_as_sure(result: RequirementResult, min_certainty: Certainty) -> bool:
    """Whether a requirement met rests on evidence as strong as asked (or on none graded): one
    met on weaker evidence a gate takes only by a waiver (_unaccepted; waivers.idle)."""
    return result.certainty is None or result.certainty.at_least(min_certainty)


def _unaccepted(
    met: Sequence[RequirementResult], min_certainty: Certainty
) -> list[RequirementResult]:
    """Those met on evidence weaker than asked that no waiver accepts: a waiver accepts a
    requirement met on weaker evidence, as it accepts one unknown."""
    return [r for r in met if r.waiver is None and not met_as_sure(r, min_certainty)]


def _shortfall(
    framework: Framework, judged: FrameworkAssessment, wanted: int, *, on_evidence: bool = False
) -> str:
    """Why the level asked is not reached: violated, or not demonstrated with its unknowns
    counted, in the framework's words (a binary framework's outcome says it whole); with the
    waivers (a waived requirement neither violates nor is unknown) or `on_evidence` alone."""
    if len(framework.ladder) == 1:  # its outcome says it (within a policy's parenthesis)
        if on_evidence or _violated_levels(framework, judged, wanted):
            return judged.brief_label
        # With the waivers nothing violates it: the gate waits on what is unknown, not on the
        # waived requirements that violate it on the evidence ("NOT PROVEN: not conformant")
        waiting = framework.not_reached_unknown
        return label_head(framework.outcome_label(waiting))
    label = framework.ladder[wanted].label
    violated = _violated_levels(framework, judged, wanted, on_evidence=on_evidence)
    if violated:  # the lowest level violated, up to the one asked: where the release falls
        return f"{framework.ladder[min(violated)].label} violated"
    deciding = judged.deciding_up_to(framework.ladder[wanted].id)
    unknown = sum(1 for r in deciding if _status(r, on_evidence) is Status.UNKNOWN)
    return f"{not_demonstrated(label)}: {unknown} unknown"


def _out_of_scope(
    assessment: Assessment,
    policy: RequiredPolicy,
    judged: FrameworkAssessment,
    min_certainty: Certainty,
) -> PolicyResult:
    """A release shown outside the framework's scope passes whatever level is asked: nothing
    the framework asks is owed (the EU AI Act's exemption would lift duties the Act never lays
    on a model that is not a general-purpose AI model).  Shown only on evidence weaker than
    asked, NOT PROVEN, as a level reached on it is."""
    certainty = judged.certainty
    short = certainty is not None and not certainty.at_least(min_certainty)
    return PolicyResult(
        target=assessment.release.target,
        policy=policy,
        met=not short,
        outcome=judged.outcome,
        definite=not short,
        outcome_label=judged.outcome_label,
        certainty=certainty,
        below_certainty=min_certainty if short else None,
    )


def _score_result(
    assessment: Assessment,
    policy: RequiredPolicy,
    judged: FrameworkAssessment,
    min_certainty: Certainty,
) -> PolicyResult:
    """A score threshold: met when even the lowest the score can be reaches it (and the grades
    rest on evidence as strong as asked); failed when even the highest stays below it."""
    threshold = policy.threshold if policy.threshold is not None else 1.0
    score = judged.score.overall if judged.score is not None else None
    reached = score is not None and score.lowest >= threshold
    certainty = (
        weakest(r.certainty for r in judged.results if r.grade and r.certainty is not None)
        if reached
        else None
    )
    short = certainty is not None and not certainty.at_least(min_certainty)
    met = reached and not short
    failed = score is not None and score.highest < threshold
    # not proven, the grades unknown keep it back; failed, those below the top (the highest the
    # score can be counts every unknown grade at its best)
    held = Status.UNMET if failed else Status.UNKNOWN
    blocking = () if met or short else _held_back(judged, held)
    return PolicyResult(
        target=assessment.release.target,
        policy=policy,
        met=met,
        outcome=judged.outcome,
        definite=met or failed,
        outcome_label=judged.outcome_label,
        certainty=certainty,
        below_certainty=min_certainty if short else None,
        blocking=blocking,
    )


def _duties_result(
    assessment: Assessment,
    policy: RequiredPolicy,
    judged: FrameworkAssessment,
    min_certainty: Certainty,
) -> PolicyResult:
    """A level of duties that stand whatever the outcome (`decides: false`: the EU AI Act's
    copyright policy and training-content summary, owed exempt or not): met when each of its
    required duties is met on evidence as strong as asked, or waived; FAIL when one is unmet;
    NOT PROVEN otherwise.  The framework's outcome is not asked: a release not exempt owes them
    all the same, and one exempt may still fall short of them."""
    duties = [r for r in judged.results if r.required and r.level == policy.level_id]
    met_ = [r for r in duties if r.status is Status.MET]
    weak = tuple(r.requirement_id for r in _unaccepted(met_, min_certainty))
    held = [r for r in duties if r.status in (Status.UNMET, Status.UNKNOWN)]
    met = not held and not weak
    counted = [r for r in met_ if r.waiver is None or met_as_sure(r, min_certainty)]
    below = [r for r in met_ if not met_as_sure(r, min_certainty)]
    accepted = tuple(r.requirement_id for r in below if r.waiver is not None)
    waived = any(r.status is Status.WAIVED for r in duties) or bool(accepted)
    return PolicyResult(
        target=assessment.release.target,
        policy=policy,
        met=met,
        outcome=judged.outcome,
        definite=met or any(r.status is Status.UNMET for r in held),
        # what the gate line says beside PASS: the duties, not the framework's outcome, which
        # they do not decide ("PASS --require eu-ai-act:still-owed: not exempt"); met on weaker
        # evidence than asked, how ("NOT PROVEN ...: met: ..." read as a contradiction)
        outcome_label=_duties_met(duties, met_, min_certainty),
        by_waiver=met and waived,
        certainty=weakest(r.certainty for r in counted if r.certainty is not None),
        below_certainty=min_certainty if weak else None,
        weak_requirements=weak,
        shortfall="" if met or weak else _duties_short(held),
        accepted_requirements=accepted if met else (),
        blocking=tuple(r.requirement_id for r in held),
        duties=True,
    )


def _duties_met(
    duties: Sequence[RequirementResult], met: Sequence[RequirementResult], min_certainty: Certainty
) -> str:
    """The duties met ("met: A policy to comply with Union copyright law; ..."), or, those met
    only on evidence weaker than asked, on what ("met only on inferred evidence: ...")."""
    weak = _unaccepted(met, min_certainty)
    found = weakest(r.certainty for r in weak if r.certainty is not None)
    if found is None:
        return f"met: {_titles(duties)}"
    return f"met only on {found.value} evidence: {_titles(weak)}"


def _duties_short(held: Sequence[RequirementResult]) -> str:
    """The duties not met, by status: "unmet: A public summary of the training content"."""
    return "; ".join(
        f"{status.value}: {_titles(of)}"
        for status in (Status.UNMET, Status.UNKNOWN)
        if (of := [r for r in held if r.status is status])
    )


def _titles(results: Sequence[RequirementResult]) -> str:
    """Requirements by their titles without a gloss ("A policy to comply with Union copyright
    law"), as a headline lists the duties (headline._standing)."""
    return "; ".join(r.title.split(" (", 1)[0].split(": ", 1)[0].split(", ", 1)[0] for r in results)


def _held_back(judged: FrameworkAssessment, status: Status) -> tuple[str, ...]:
    """A graded framework's requirements deciding its score that are of `status`."""
    return tuple(r.requirement_id for r in judged.results if r.decides and r.status is status)


def _violated(framework: Framework, judged: FrameworkAssessment, wanted: int) -> bool:
    """Whether a requirement the policy needs is unmet on evidence (not merely unknown)."""
    return bool(_violated_levels(framework, judged, wanted))


def _violated_levels(
    framework: Framework, judged: FrameworkAssessment, wanted: int, *, on_evidence: bool = False
) -> list[int]:
    """The ladder positions, up to the one asked, of the requirements unmet on evidence (with
    the waivers, a waived one not unmet, unless `on_evidence` alone)."""
    deciding = judged.deciding_up_to(framework.ladder[wanted].id)
    return [
        framework.level_index(r.level) for r in deciding if _status(r, on_evidence) is Status.UNMET
    ]


def _status(result: RequirementResult, on_evidence: bool) -> Status:
    """A requirement's status with the waivers, or on the evidence alone (`on_evidence`)."""
    return result.judged_status if on_evidence else result.status


def exit_code_for(report: Report) -> int:
    """The code osai exits with: the run's own (decided_exit_code), but 0 for a gate that fails
    under --exit-zero (errors still exit 2 or 3)."""
    return ExitCode.OK if exit_forced_zero(report) else decided_exit_code(report)


def exit_forced_zero(report: Report) -> bool:
    """Whether --exit-zero turns the run's exit 1 (a gate that fails) into 0: the reports say
    so beside the gate's FAIL or NOT PROVEN, which alone read as a step that failed."""
    return report.exit_zero and decided_exit_code(report) == ExitCode.POLICY_UNMET


def decided_exit_code(report: Report) -> int:
    """The worst outcome of the run: evidence unavailable (3) > bad input (2) > unmet (1) > ok.

    A required policy passes only on proof: NOT PROVEN exits 1 like FAIL (reports tell them
    apart).  A verdict --fail-on-unknown fails (report.unsettled) exits 1 too, and so does a
    regression against --baseline.  The reports
    render the same Report, so they say what the exit code says.
    """
    codes = [error.exit_code for error in report.errors]
    worse = report.baseline is not None and not report.baseline.passes
    if any(not result.met for result in report.policies) or report.unsettled or worse:
        codes.append(ExitCode.POLICY_UNMET)
    return max(codes, default=ExitCode.OK)


def held_to_definite(required: Collection[str], framework_id: str) -> bool:
    """Whether --fail-on-unknown judges a framework: the required ones when policies are given
    (their framework ids), else every one."""
    return not required or framework_id in required


def unheld_verdicts(
    policy_results: Sequence[PolicyResult], assessments: Sequence[Assessment]
) -> tuple[UnheldVerdicts, ...]:
    """The frameworks --fail-on-unknown does not hold (held_to_definite) whose verdict is not
    definite somewhere, each with those targets, in the order the reports give them."""
    required = {result.policy.framework_id for result in policy_results}
    if not required:
        return ()
    held: dict[str, None] = {}
    unheld: dict[str, list[str]] = {}
    for assessment in assessments:
        for judged in assessment.frameworks:
            name = judged.name_in_mode
            if held_to_definite(required, judged.framework_id):
                held[name] = None
            elif not judged.definite and judged.waiting_on:  # a waived unknown waits not
                unheld.setdefault(name, []).append(assessment.release.target)
    return tuple(
        UnheldVerdicts(name, tuple(targets), tuple(held)) for name, targets in unheld.items()
    )


def unsettled_verdicts(
    policy_results: Sequence[PolicyResult],
    assessments: Sequence[Assessment],
    min_certainty: Certainty,
) -> tuple[UnsettledVerdict, ...]:
    """The verdicts --fail-on-unknown fails a run for: not definite, or resting on evidence
    weaker than min_certainty (those of the required frameworks when policies are given, else
    every framework's).  A framework a required policy already fails on that target is not
    failed twice: every report said the one cause twice, as two errors."""
    required = {result.policy.framework_id for result in policy_results}
    failed = {(r.target, r.policy.framework_id) for r in policy_results if not r.met}
    found = []
    for assessment in assessments:
        for judged in assessment.frameworks:
            if not held_to_definite(required, judged.framework_id):
                continue
            if (assessment.release.target, judged.framework_id) in failed:
                continue
            weak = _rests_on_weaker(judged, min_certainty)
            # the unknowns it waits on, a waived one counted as met: a waiver accepts that gap
            waiting = () if judged.definite else judged.waiting_on
            if not waiting and not weak:
                continue
            found.append(
                UnsettledVerdict(
                    target=assessment.release.target,
                    framework_id=judged.framework_id,
                    framework=judged.name_in_mode,
                    unknown=len(waiting),
                    certainty=judged.certainty,
                    below_certainty=min_certainty if judged.definite else None,
                    waiting_on=waiting,
                )
            )
    return tuple(found)


def _rests_on_weaker(judged: FrameworkAssessment, min_certainty: Certainty) -> bool:
    """Whether a verdict rests on evidence weaker than `min_certainty`, where no waiver accepts
    it: a level reached counts only the requirements met on weaker evidence and not waived (as
    the gate does)."""
    if judged.certainty is None or judged.certainty.at_least(min_certainty):
        return False
    if judged.kind != "levels" or not judged.best_level_proven:
        return True
    return bool(_unaccepted(judged.met_up_to(judged.best_level_proven), min_certainty))
