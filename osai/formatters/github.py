"""GitHub Actions workflow commands: the gate first, then where the rest is, then a notice per
verdict, then an annotation per open requirement.

Order: with several targets, the run's gate in one line (`::error`, `::notice` when it passed:
ten targets' policy errors were all GitHub showed; past ten errors, it points to the full
report; with one target, only past ten errors, its policy lines saying it until then); each
target that could not be checked (`::error`: its exit code, 2 or 3, is the run's), then each
required policy not met, FAIL before NOT PROVEN (the first lines are the run's answer); then,
when annotations are left out, where they are (a `::notice` at the target for one target; one
closing notice per kind for several); then each required policy met (`::notice`:
after the pointers, which ten models passing pushed past the ten notices GitHub shows); then
the run's warnings (`::warning`, at no file: a waiver matching no target, or waiving nothing;
an expired one once, at its line in the configuration file, not once per target it covers);
then a `::notice` per target and framework with the verdict and its reason (the text report's
headline; the requirements waived, by id, and where their waivers' reasons are); then
`::error file=…,line=…` for unmet requirements the gate fails for (a level --require covers) and for
any that got worse than --baseline's report, `::warning` for other required unmet ones (none fails
the run) and for unknown ones, `::notice` for optional ones, unmet or unknown
(findings.gated_severity, SARIF's levels too), and `::warning` for each conflict or warning among a
target's findings (at its evidence's line).  GitHub shows ten annotations of each kind per step, the
first ten: the run gives at most ten of each kind, shared out across its targets in turn (each
target with some to give gets one before any gets a second), the requirements' and findings'
annotations of a kind only as many as those of that kind before them leave (the gate's errors and
notices, the unchecked targets' errors, the run's warnings, the pointers' and the verdicts' notices:
never left out), and the pointers come before the verdicts so that they are among the ten shown.
`--annotate failures` (the default under --require) keeps only what the gate fails for: a required
requirement of a level it covers, unmet or unknown, an unknown one that leaves open a verdict
--fail-on-unknown fails, one that got worse than --baseline's report, and a finding about the
run's settings (a waiver that expired: why a gate that passed fails); no other finding, nothing
optional; without a gate, no requirement.  Waived requirements are not annotated: the verdict
notice counts and names them, and says where their waivers are.  Escaping is
osai.formatters.escaping's.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

from osai.assessment import FrameworkAssessment, RequirementResult
from osai.formatters.escaping import workflow_data, workflow_property
from osai.formatters.findings import (
    EXIT_ZERO_SAID,
    Doc,
    Reported,
    TargetFinding,
    a_gate_failure,
    data_credits,
    error_location,
    exit_zero_beside,
    framework_label,
    gate_rank,
    gated_severity,
    location_of,
    message_of,
    report_base,
    reported_requirements,
    target_findings,
    target_location,
    unsettled_requirements,
    unsettled_said,
)
from osai.formatters.headline import headline, whatever_the_outcome
from osai.formatters.json_report import report_document
from osai.formatters.settle import policy_said, reasons_said_by_target
from osai.formatters.text_summary import gate_status
from osai.policy import exit_forced_zero
from osai.report import (
    Annotate,
    GateReach,
    Report,
    definite_said,
    error_said,
    fail_on_unknown_named,
    policy_named,
)
from osai.textsafe import cut

# GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and 50 per job
# (actions/toolkit, docs/problem-matchers.md, "Limitations"); the rest are in the log, unseen.
# So the budget is the run's, not each target's: when each target gave ten, GitHub showed the
# first target's and none of the later targets' annotations, nor the pointers to the full report.
PER_KIND = 10  # annotations of one kind in the whole run, the gate's and verdicts' among them
COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def render_github(report: Report, *, base: Path | None = None) -> str:
    document = report_document(report)
    base = base or report_base(report)
    policies = _policy_lines(report, document, base)
    unchecked = [_unchecked(e["target"], e["message"], base) for e in document["errors"]]
    # The run's warnings (a waiver matching no target, or waiving nothing) are on standard
    # error, in a job log no one opens when the check passed: annotated, the run shows them.
    # One each target's findings give too (an expired waiver, of every target it covers) is
    # said once, at the line of it they give: per target, five targets gave it five times.
    at_a_line = _run_warnings_located(report, document, base)
    warned = _within_kind(
        [
            _kinded("warning", said, **at_a_line.get(said, {}), title="osai")
            for said in report.warnings_beside_gate()
        ]
    )
    verdicts = list(_verdict_lines(report, document, base))
    # A notice per public database the annotations quote (its grades, its listing's word):
    # their licences ask for it wherever the data is shown, and GitHub shows no note otherwise.
    credited = [
        _kinded("note", credit.said_with_data, title="osai") for credit in data_credits(report)
    ]
    # the gate's own error among them: past GitHub's ten, the last targets' errors are unseen
    errors = 1 + sum(kind == "error" for kind, _ in (*unchecked, *policies))
    gate = _run_gate(report, errors)
    given = Counter(
        kind for kind, _ in (*gate, *policies, *unchecked, *warned, *credited, *verdicts)
    )
    pointers, annotations = _requirement_lines(document, base, report, given)
    # The policies met after the pointers: ten models passing the gate were the ten notices
    # GitHub shows, and the notice saying where the failing ones' other errors are was unseen.
    # The targets that could not be checked first: their exit code is the run's (2 or 3 over
    # 1), and after the gate's errors, eleven targets failing it pushed them past the ten errors
    # GitHub shows: the run exited 2 and no annotation said why.
    lines = [
        *_baseline_line(report),
        *(line for _, line in gate),
        *(line for _, line in unchecked),
        *(line for kind, line in policies if kind != "note"),
        *pointers,
        *(line for _, line in credited),
        *(line for kind, line in policies if kind == "note"),
        *(line for _, line in warned),
        *(line for _, line in verdicts),
        *annotations,
    ]
    return "".join(f"{line}\n" for line in lines)


def _baseline_line(report: Report) -> list[str]:
    """--baseline's line, first: an error naming what got worse (or that nothing was compared),
    a warning where some targets were not compared, else a notice."""
    if report.baseline is None:
        return []
    partial = "warning" if report.baseline.partial else "note"
    kind = partial if report.baseline.passes else "error"
    said = report.baseline.said
    if kind == "error" and exit_forced_zero(report):
        said = f"{said}; {EXIT_ZERO_SAID}"
    return [_kinded(kind, said, title="osai gate --baseline")[1]]


def _run_gate(report: Report, errors: int) -> list[Kinded]:
    """The run's gate in one line, first, when several targets share it ("gate FAIL:
    Arkim.yml, BLOOM.yml, +43 more; PASS: 5 targets", as standard error says it when the
    reports go to files): 45 targets failing gave 90 policy errors, of which GitHub shows ten,
    and no annotation said how the run as a whole went.
    `errors`: the run's errors never left out, this one among them; past the ten GitHub shows,
    the gate says where the rest are ("+9 more" named none of them, nor where to look).  One
    target's policy lines say its gate only while GitHub shows them all: eleven policies it
    failed were eleven errors, the last unseen and nothing said so, so past ten the gate
    leads for one target too."""
    one_target = len(report.assessments) + len(report.errors) < 2
    if one_target and errors - 1 <= PER_KIND:  # its policy lines alone, all shown
        return []
    said = gate_status(report)
    if not said:
        return []
    gate = report.run_gate()
    passed = gate is None or gate.passes  # PASS (waived) passes: it was an error beside exit 0
    # NOT PROVEN fails the run as FAIL does: its policy lines are errors too
    kind = "note" if passed and not report.errors else "error"
    if kind == "error" and errors > PER_KIND:
        targets = [
            *(error.target for error in report.errors),
            *(assessment.release.target for assessment in report.assessments),
        ]
        where = _full_report(report, list(dict.fromkeys(targets)))
        said += f" ({errors} errors, GitHub shows the first {PER_KIND}: see {where})"
    return [_kinded(kind, said, title="osai gate")]


def command(name: str, message: str, **properties: str | int | None) -> str:
    """One workflow command; properties that are empty or None are left out."""
    given = [f"{key}={escape_property(str(value))}" for key, value in properties.items() if value]
    head = f"::{name} {','.join(given)}" if given else f"::{name}"
    return f"{head}::{escape_data(message)}"


escape_data = workflow_data
escape_property = workflow_property

# A workflow command never left out, with its kind (SARIF's word, as PER_KIND counts them): the
# requirements' and findings' annotations get what of GitHub's ten of each kind these leave.
Kinded = tuple[str, str]


def _unchecked(target: str, message: str, base: Path | None) -> Kinded:
    """A target that could not be checked: at the line its error names, when it names one."""
    return "error", located_error(error_said(target, message), target, message, base)


def located_error(said: str, named: str | None, message: str, base: Path | None) -> str:
    """`said` as an `::error` annotation at the file and line that `message`, an error of the
    file `named`, gives at its start (error_location), when it gives one: a manifest that could
    not be checked, and a configuration file that stopped osai before its reports (under the
    Action, osai.cli.terminal.annotate_error), which was on no file where the manifest's was."""
    where = error_location(named, message, base) if named is not None else None
    at = {"file": where.path, "line": where.line} if where is not None else {}
    return command("error", said, **at, title="osai")


def _within_kind(warned: list[Kinded]) -> list[Kinded]:
    """The run's warnings, as many as GitHub shows of a kind: past that, the last one shown says
    how many more there are, and where (twelve expired waivers were twelve warnings, two of
    them unseen, and nothing said so)."""
    if len(warned) <= PER_KIND:
        return warned
    more = len(warned) - PER_KIND + 1
    said = f"{more} more warnings of this run, on osai's standard error in the job log"
    return [*warned[: PER_KIND - 1], _kinded("warning", said, title="osai")]


def _kinded(kind: str, message: str, **properties: str | int | None) -> Kinded:
    return kind, command(COMMAND[kind], message, **properties)


def _requirement_lines(
    document: Doc, base: Path | None, report: Report, given: Mapping[str, int]
) -> tuple[list[str], list[str]]:
    """Where what was left out is (a pointer at one target; one closing notice per kind for
    several), and each target's share of the run's annotations of each kind (the conflicts and
    warnings among its findings are warnings).  `given`: the annotations of each kind given
    before them (the gate's errors and notices, the unchecked targets' errors, the verdicts'
    notices), which GitHub's ten of each kind show first: the requirements' and findings' get
    the rest, the notices less the pointers'."""
    failures_only = report.view.annotate is Annotate.FAILURES
    gate = report.gate_reach()
    unsettled = unsettled_requirements(report)
    by_target: dict[str, list[Reported | TargetFinding]] = {}
    # A target's findings come before its unknown requirements: few, and each one a surprise,
    # they must not lose their place under the cap to a long list of unknowns.
    of_the_run = set(report.warnings_beside_gate())  # annotated once, with the run's warnings
    requirements = [
        item
        for item in reported_requirements(document)
        if not item.waived and (not failures_only or a_gate_failure(item, gate, unsettled))
    ]
    # the components the gate's failures judge, by target: a conflict on one is their why
    failing = {
        (str(item.target["target"]), str(component))
        for item in requirements
        for component in item.requirement.get("components") or ()
    }
    for found in target_findings(document):
        if str(found.finding["message"]) in of_the_run:
            continue
        # a conflict that decides a verdict (findings.decides, as the Markdown marks it: a base
        # model's licence over the card's) and bears on what the gate fails: under a gate it was
        # dropped, and the failure had no why.  One the gate never fails on (a component only a
        # framework not required asks) took a failure's place under GitHub's cap.
        about = (str(found.target["target"]), str(found.finding.get("component") or ""))
        decides = bool(found.finding.get("decides")) and (not failures_only or about in failing)
        # an expired waiver: why the gate fails
        if not failures_only or found.about_settings or decides:
            by_target.setdefault(str(found.target["target"]), []).append(found)
    for item in requirements:
        by_target.setdefault(str(item.target["target"]), []).append(item)
    said = reasons_said_by_target(report)
    kinds = {
        target: [gated_severity(e, gate) if isinstance(e, Reported) else "warning" for e in items]
        for target, items in by_target.items()
    }
    wanted = {target: Counter(each) for target, each in kinds.items()}
    room = {kind: max(0, PER_KIND - given.get(kind, 0)) for kind in COMMAND}
    reserved = 0  # notices kept for the pointers, which may leave out a notice more: again
    while True:
        shares = _shares(wanted, {**room, "note": room["note"] - reserved})
        pointers = _pointers(by_target, wanted, shares, report, base)
        if len(pointers) <= reserved or reserved >= room["note"]:
            break
        reserved = len(pointers)
    annotations = []
    for target, items in by_target.items():
        reasons = said[target]
        shown: Counter[str] = Counter()
        for entry, kind in zip(items, kinds[target], strict=True):
            if shown[kind] >= shares[target][kind]:
                continue
            shown[kind] += 1
            annotations.append(
                _annotation(entry, base, kind, reasons, gate)
                if isinstance(entry, Reported)
                else _finding(entry, base)
            )
    return pointers, annotations


def _pointers(
    by_target: Mapping[str, list[Reported | TargetFinding]],
    wanted: Mapping[str, Counter[str]],
    shares: Mapping[str, Counter[str]],
    report: Report,
    base: Path | None,
) -> list[str]:
    """What the shares leave out: of one target, one pointer at it; of several, one closing
    notice per kind."""
    left: dict[str, dict[str, int]] = {}  # kind → target → how many of it were left out
    for target, counts in wanted.items():
        for kind, n in counts.items():
            if n > shares[target][kind]:
                left.setdefault(kind, {})[target] = n - shares[target][kind]
    if len(by_target) == 1 and left:
        ((target, items),) = by_target.items()
        missing = {kind: of_kind[target] for kind, of_kind in left.items()}
        return [_pointer(target, missing, report, base, items[0].target)]
    return [_closing(kind, of_kind, report) for kind, of_kind in left.items()]


def _shares(
    wanted: Mapping[str, Counter[str]], budget: Mapping[str, int]
) -> dict[str, Counter[str]]:
    """How many annotations of each kind each target gives: the budget of a kind in the whole
    run, dealt one at a time to each target in turn that has more of it, so that every target
    gets some before any gets many (given in turn as they came, the first targets took them
    all).  One target alone gets the whole budget of each, as it always did."""
    given = {target: Counter[str]() for target in wanted}
    for kind in {kind for counts in wanted.values() for kind in counts}:
        left = budget[kind]
        while left > 0:
            takers = [t for t, counts in wanted.items() if given[t][kind] < counts[kind]]
            if not takers:
                break
            for target in takers[:left]:
                given[target][kind] += 1
            left -= len(takers[:left])
    return given


def _run_warnings_located(
    report: Report, document: Doc, base: Path | None
) -> dict[str, dict[str, str | int | None]]:
    """The file and line of each run's warning a target's finding also gives (an expired
    waiver, at its line in the configuration file): where its one annotation points."""
    of_the_run = set(report.warnings_beside_gate())
    located: dict[str, dict[str, str | int | None]] = {}
    for found in target_findings(document):
        said = str(found.finding["message"])
        if said in of_the_run and said not in located:
            where = found.location(base)
            located[said] = {"file": where.path, "line": where.line}
    return located


def _finding(found: TargetFinding, base: Path | None) -> str:
    where = found.location(base)
    title = f"osai {found.kind}"
    return command("warning", found.message, file=where.path, line=where.line, title=title)


def _annotation(
    item: Reported,
    base: Path | None,
    level: str,
    reasons: Mapping[tuple[str, str], str],
    gate: GateReach,
) -> str:
    """`reasons`: the target's reasons in words (settle.reasons_said_by_target); `gate`: what
    the run's gate fails for, and what --baseline found worse was before (message_of)."""
    where = location_of(item, base)
    title = f"{item.requirement['id']} ({item.framework['name']} {item.framework['version']})"
    message = message_of(item, reasons, gate)
    return command(COMMAND[level], message, file=where.path, line=where.line, title=title)


def _pointer(
    target: str, left: Mapping[str, int], report: Report, base: Path | None, target_doc: Doc
) -> str:
    """What one target's annotations left out, at the target."""
    counts = ", ".join(_more(kind, n) for kind, n in left.items())
    message = f"{target}: {counts} not annotated here (see {_full_report(report, [target])})"
    return command("notice", message, file=target_location(target_doc, base).path, title="osai")


def _closing(kind: str, left: Mapping[str, int], report: Report) -> str:
    """What the run's annotations of one kind left out, of how many targets: one notice for
    the run (one per target, the pointers were past what GitHub shows)."""
    targets = f"{len(left)} target{'s' if len(left) != 1 else ''}"
    where = _full_report(report, list(left))
    message = f"{targets}: {_more(kind, sum(left.values()))} not annotated here (see {where})"
    return command("notice", message, title="osai")


def _more(kind: str, n: int) -> str:
    """GitHub's word for the kind, counted ("3 more notices": "note" is SARIF's)."""
    said = COMMAND[kind]
    return f"{n} more {said}{'s' if n != 1 else ''}"


# Of the command a pointer gives: GitHub cuts an annotation's message at 4,096 characters, and
# a command naming 50 targets in deep directories ran to 6,000, its end (and `-v`) cut off.
POINTER_COMMAND_CHARS = 1000


def _full_report(report: Report, targets: list[str]) -> str:
    """Where the rest is read: where the caller says it is (the Action: the job summary), else
    the report written with -o, else the command that prints it."""
    if report.view.full_report_in:
        return f"the full report in {report.view.full_report_in}"
    full = report.view.full_report
    if full:
        return f"the full report: {full}"
    # quoted: the command is copied into a shell, where a path with a blank is two targets
    said = f"osai check {shlex.join(targets)} -v"
    if len(said) <= POINTER_COMMAND_CHARS:
        return said
    return "this run's osai check with -v, or with -o report.md to keep the report"


TITLE_NAME_CHARS = 100


def _verdict_lines(report: Report, document: Doc, base: Path | None) -> Iterator[Kinded]:
    names = dict(report.info.component_names)
    facts = {fact: title for fact, title, _ in report.info.fact_names}
    assessments = {a.release.target: a for a in report.assessments}
    for target in document["targets"]:
        where = target_location(target, base)
        assessment = assessments.get(str(target["target"]))
        if assessment is None:
            continue
        answer = headline(assessment, report.licences, names, facts)
        judged = zip(target["frameworks"], assessment.frameworks, answer.frameworks, strict=False)
        for framework, framework_judged, line in judged:
            # a name of kilobytes made a title of kilobytes (GitHub cuts a message at 4,096)
            title = f"{cut(str(target['name']), TITLE_NAME_CHARS)}: {framework_label(framework)}"
            counted = tally(framework_judged)  # none judged out of a framework's scope
            message = f"{target['target']}: {line.said}" + (f" ({counted})" if counted else "")
            message += _waived(framework_judged, report, str(target["target"]))
            yield _kinded("note", message, file=where.path, title=title)


def _waived(judged: FrameworkAssessment, report: Report, target: str) -> str:
    """The requirements a waiver covers, by id, and where their waivers are read: annotations
    leave them out, and "1 waived" alone named neither the requirement nor why it was let
    pass (its reason, approver and expiry are in every full report, SARIF's suppressions)."""
    waived = [r.requirement_id for r in judged.results if r.status.value == "waived"]
    if not waived:
        return ""
    whose = "its waiver's" if len(waived) == 1 else "their waivers'"
    where = _full_report(report, [target])
    return f"; waived {', '.join(waived)} ({whose} reason, approver and expiry: see {where})"


def tally(judged: FrameworkAssessment) -> str:
    """The requirements counted by status, those the verdict's reasons speak of (the ones that
    decide the next level, "for Class III: ") apart from the rest ("optional: ", when the rest
    are): "; 10 more unknown (1 unmet, 12 unknown)" counted two optional ones the reasons do
    not, and read as a contradiction."""
    ladder = [level for level, _ in judged.levels]
    if judged.kind == "graded":
        return _graded(judged)
    if not ladder:
        return _counted(judged.results)
    top = judged.next_level or ladder[-1]
    deciding = judged.deciding_up_to(top)
    counted = {id(r) for r in deciding}
    others = [r for r in judged.results if id(r) not in counted]
    rest = [r for r in others if r.decides]
    # duties that stand whatever the outcome are no part of "the rest": counted apart, in the
    # words every report names them by
    owed = judged.standing()
    scope = f"for {judged.level_label(top)}: " if judged.next_level and len(ladder) > 1 else ""
    said = [scope + _counted(deciding)] if deciding else []
    if rest:
        label = "optional" if not any(r.required for r in rest) else "the rest"
        said.append(f"{label}: {_counted(rest)}")
    said += [
        f"{whatever_the_outcome(judged.level_label(level))}: {_counted(results)}"
        for level, results in owed
    ]
    return "; ".join(said)


def _graded(judged: FrameworkAssessment) -> str:
    """The known grades counted, best first ("2 open, 1 partial"): counted by status, a
    partial grade was "unmet" and an open one "met", words the grades never use.  Those
    without a grade are the outcome's label's to count (ScoreGroup.ungraded_said): counted here
    too, "(1 partial, 11 unknown)" followed "9 of 12 grades unknown, 2 not graded from this
    release" on one line, two tallies that disagreed."""
    scale = [grade for grade, _ in judged.score.scale] if judged.score is not None else []
    counts = dict.fromkeys(scale, 0)
    for result in judged.results:
        if result.required and result.grade:  # the score's grades (graded.judge_graded)
            counts[result.grade] = counts.get(result.grade, 0) + 1
    return ", ".join(f"{n} {judged.grade_name(grade)}" for grade, n in counts.items() if n)


def _counted(results: list[RequirementResult] | tuple[RequirementResult, ...]) -> str:
    counts = {"met": 0, "unmet": 0, "unknown": 0, "waived": 0}
    for result in results:
        counts[result.status.value] += 1
    return ", ".join(f"{n} {status}" for status, n in counts.items() if n)


def _policy_lines(report: Report, document: Doc, base: Path | None) -> list[Kinded]:
    """The gate first, its worst verdict first (FAIL, NOT PROVEN, then the passes; in target
    order within each): each required policy's result and each verdict --fail-on-unknown
    fails.  In target order, a run whose verdict was FAIL opened with one target's NOT PROVEN,
    and the line a reader takes for the run's answer was not the exit code's."""
    ranked = sorted(_policy_lines_ranked(report, document, base), key=lambda ranked: ranked[0])
    return [kinded for _, kinded in ranked]


def _policy_lines_ranked(
    report: Report, document: Doc, base: Path | None
) -> Iterator[tuple[int, Kinded]]:
    for target in document["targets"]:
        where = target_location(target, base)
        for policy in target["policies"]:
            named = policy_named(policy["require"], policy["written_at"])
            message = f"{target['target']}: {named} {policy_said(policy, target)}"
            kind = "note" if policy["met"] else "error"
            message = message if policy["met"] else exit_zero_beside(message, document)
            title = f"policy {policy['require']}"
            yield gate_rank(policy["verdict"]), _kinded(kind, message, file=where.path, title=title)
        for unsettled in target["unsettled"]:
            message = exit_zero_beside(f"{target['target']}: {unsettled_said(unsettled)}", document)
            title = f"policy {fail_on_unknown_named(unsettled['written_at'], line=False)}"
            kinded = _kinded("error", message, file=where.path, title=title)
            yield gate_rank(unsettled["verdict"]), kinded
        if report.passes_as_definite(str(target["target"])):
            # --fail-on-unknown its whole gate, passed: noticed as a required policy's pass is
            written_at = report.fail_on_unknown_at
            message = f"{target['target']}: {definite_said(written_at)}"
            title = f"policy {fail_on_unknown_named(written_at, line=False)}"
            yield gate_rank("PASS"), _kinded("note", message, file=where.path, title=title)
