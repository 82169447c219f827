"""`osai check` as a use case: read targets, judge them, render the report; the CLI prints it."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from osai import __version__
from osai.assessment import Assessment
from osai.config import Waiver, expiry_message
from osai.engine import assess
from osai.errors import BadInput, OsaiError
from osai.evidence import Finding, FindingKind, Provenance
from osai.formatters import format_names, formatter_for
from osai.policy import evaluate_policies, exit_code_for, parse_policy
from osai.report import Report, RequiredPolicy, RunInfo, TargetError
from osai.rules import Framework, RuleSet, load_ruleset
from osai.targets import ReadOptions, kind_of, read_target


@dataclass(frozen=True)
class CheckRequest:
    targets: tuple[str, ...]
    frameworks: tuple[str, ...] = ()
    mof_mode: str = "default"
    modes: tuple[str, ...] = ()
    output_format: str = "text"
    outputs: tuple[str, ...] = ()
    require: tuple[str, ...] = ()
    fail_on_unknown: bool = False
    manifest: Path | None = None
    revision: str | None = None
    offline: bool = False
    timeout: float = 10.0
    jobs: int = 4
    extra_frameworks: tuple[Path, ...] = ()
    protected: tuple[Path, ...] = ()
    deadline: float = 60.0
    color: bool = False
    waivers: tuple[tuple[str, str], ...] = ()
    expired_waivers: tuple[Waiver, ...] = ()


@dataclass(frozen=True)
class CheckOutcome:
    stdout: str
    files: tuple[tuple[Path, str], ...]
    messages: tuple[str, ...]
    exit_code: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Judged:
    target: str
    assessment: Assessment | None = None
    error: TargetError | None = None


def run_check(request: CheckRequest, progress: Callable[[], Any] | None = None) -> CheckOutcome:
    rules = load_ruleset(request.extra_frameworks)
    frameworks = _frameworks(request, rules)
    modes = _modes(request, frameworks, rules)
    policies = tuple(parse_policy(spec, rules) for spec in request.require)
    _check_policies_evaluated(policies, frameworks)
    _check_waivers(request, rules)
    outputs = _outputs(request)
    options = _read_options(request)
    judged = _with_expired_waivers(
        _judge_all(request, rules, frameworks, modes, options, progress), request.expired_waivers
    )
    report = _report(judged, rules, frameworks, modes, policies, request.color)
    stdout = "" if _stdout_redirected(request) else _render(request.output_format, report)
    files = tuple((path, _render(name, report)) for name, path in outputs)
    codes = [j.error.exit_code for j in judged if j.error is not None]
    exit_code = exit_code_for(
        report.policies, report.assessments, codes, fail_on_unknown=request.fail_on_unknown
    )
    messages = tuple(j.error.message for j in judged if j.error is not None)
    warnings = tuple(expiry_message(waiver) for waiver in request.expired_waivers)
    return CheckOutcome(stdout, files, messages, exit_code, warnings)


def _frameworks(request: CheckRequest, rules: RuleSet) -> tuple[Framework, ...]:
    if not request.frameworks:
        return tuple(rules.frameworks.values())
    chosen = {f.id: f for f in (rules.framework(name) for name in request.frameworks)}
    return tuple(chosen.values())


MOF_MODE_FLAG = "mof"  # `--mof-mode X` is the command line's short form of `--mode mof=X`


def _modes(
    request: CheckRequest, frameworks: tuple[Framework, ...], rules: RuleSet
) -> dict[str, str]:
    """Framework id → mode, from --mode ID=MODE (and --mof-mode), each checked against its rules."""
    specs = list(request.modes)
    if request.mof_mode != "default":
        specs.append(f"{MOF_MODE_FLAG}={request.mof_mode}")
    checked = {framework.id for framework in frameworks}
    modes: dict[str, str] = {}
    for spec in specs:
        name, separator, mode = spec.partition("=")
        if not separator or not mode:
            raise BadInput(f"--mode {spec}: expected FRAMEWORK=MODE, e.g. mof=strict")
        framework = rules.framework(name)
        if framework.id not in checked:
            raise BadInput(
                f"--mode {spec}: {framework.short_name} is not among the frameworks checked"
            )
        framework.mode(mode)
        modes[framework.id] = mode
    return modes


def _check_policies_evaluated(
    policies: tuple[RequiredPolicy, ...], frameworks: tuple[Framework, ...]
) -> None:
    ids = {framework.id for framework in frameworks}
    for policy in policies:
        if policy.framework_id not in ids:
            raise BadInput(f"--require {policy.spec}: framework not checked (see --framework)")


def _check_waivers(request: CheckRequest, rules: RuleSet) -> None:
    known = {r.id for framework in rules.frameworks.values() for r in framework.requirements}
    waived = [rule for rule, _ in request.waivers] + [w.rule for w in request.expired_waivers]
    for rule in waived:
        if rule not in known:
            raise BadInput(f"waiver for unknown requirement '{rule}' (see osai rules list)")


def _with_expired_waivers(judged: list[_Judged], expired: tuple[Waiver, ...]) -> list[_Judged]:
    """Each assessment that judged a requirement whose waiver expired says so, as a finding."""
    if not expired:
        return judged
    return [
        replace(j, assessment=_note_expired(j.assessment, expired)) if j.assessment else j
        for j in judged
    ]


def _note_expired(assessment: Assessment, expired: tuple[Waiver, ...]) -> Assessment:
    judged_ids = {r.requirement_id for f in assessment.frameworks for r in f.results}
    notes = tuple(
        Finding(
            FindingKind.WARNING,
            expiry_message(waiver),
            (Provenance("config", waiver.location, waiver.reason, line=waiver.line),),
        )
        for waiver in expired
        if waiver.rule in judged_ids
    )
    return replace(assessment, findings=assessment.findings + notes)


def _outputs(request: CheckRequest) -> tuple[tuple[str, Path], ...]:
    formatter_for(request.output_format)
    outputs = []
    inputs = [Path(t) for t in request.targets if Path(t).exists()]
    inputs += [*request.protected, *([request.manifest] if request.manifest else [])]
    written: set[Path] = set()
    for spec in request.outputs:
        name, _, path_text = spec.rpartition("=")
        name = name or request.output_format
        if name not in format_names():
            raise BadInput(f"-o {spec}: unknown format '{name}' ({', '.join(format_names())})")
        path = Path(path_text)
        resolved = path.resolve()
        if path.is_dir() or any(_inside(resolved, given.resolve()) for given in inputs):
            raise BadInput(f"-o {spec}: refusing to write over an input ({path})")
        if resolved in written:
            raise BadInput(f"-o {spec}: {path} is already the destination of another report")
        written.add(resolved)
        outputs.append((name, path))
    return tuple(outputs)


def _inside(path: Path, given: Path) -> bool:
    """The output is an input file, or an existing file of an input directory."""
    if path == given:
        return True
    return given.is_dir() and path.exists() and path.is_relative_to(given)


def _stdout_redirected(request: CheckRequest) -> bool:
    """`-o PATH` (no format) sends the --format report to PATH instead of standard output."""
    return any("=" not in spec for spec in request.outputs)


def _read_options(request: CheckRequest) -> ReadOptions:
    needs_hub = any(kind_of_safe(t) == "hub" for t in request.targets)
    if not needs_hub:
        return ReadOptions(manifest=request.manifest)
    from osai.backends.hub import HubOptions

    hub = HubOptions(
        revision=request.revision,
        timeout=request.timeout,
        deadline=request.deadline,
        offline=request.offline,
    )
    return ReadOptions(manifest=request.manifest, hub=hub)


def kind_of_safe(target: str) -> str:
    try:
        return kind_of(target)
    except BadInput:
        return "invalid"


def _judge_all(
    request: CheckRequest,
    rules: RuleSet,
    frameworks: tuple[Framework, ...],
    modes: dict[str, str],
    options: ReadOptions,
    progress: Callable[[], Any] | None,
) -> list[_Judged]:
    waivers = dict(request.waivers)

    def judge_one(target: str) -> _Judged:
        try:
            release = read_target(target, rules, options)
            return _Judged(target, assess(release, rules, frameworks, modes, waivers))
        except OsaiError as exc:
            return _Judged(target, error=TargetError(target, str(exc), exc.exit_code))

    # Reading local files is CPU-bound: threads only pay where the Hub makes us wait.
    waits = options.hub is not None
    if len(request.targets) == 1 or request.jobs == 1 or not waits:
        return [judge_one(t) for t in request.targets]
    with ThreadPoolExecutor(max_workers=request.jobs) as pool:
        futures = [pool.submit(judge_one, target) for target in request.targets]
        if progress is None:
            return [future.result() for future in futures]
        return _with_progress(futures, progress)


def _with_progress(futures: list[Any], progress: Callable[[], Any]) -> list[_Judged]:
    from concurrent.futures import as_completed

    with progress() as bar:
        task = bar.add_task("checking", total=len(futures))
        for _ in as_completed(futures):
            bar.advance(task)
    return [future.result() for future in futures]


def _report(
    judged: list[_Judged],
    rules: RuleSet,
    frameworks: tuple[Framework, ...],
    modes: dict[str, str],
    policies: tuple[RequiredPolicy, ...],
    terminal: bool,
) -> Report:
    assessments = tuple(j.assessment for j in judged if j.assessment is not None)
    errors = tuple(j.error for j in judged if j.error is not None)
    policy_results = tuple(
        result for a in assessments for result in evaluate_policies(a, policies, rules)
    )
    info = RunInfo(
        tool_version=__version__,
        spdx_list_version=rules.licences.spdx_list_version,
        frameworks=tuple(
            (f.id, f.name, f.version, f.mode(modes.get(f.id)).name) for f in frameworks
        ),
        component_names=tuple((c.id, c.name) for c in rules.components.values()),
        terminal=terminal,
        base_dir=str(Path.cwd()),
    )
    return Report(info, assessments, errors, policy_results)


def _render(name: str, report: Report) -> str:
    return formatter_for(name)(report)
