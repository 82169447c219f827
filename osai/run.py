"""`osai check` as a use case: read targets, judge them, render the reports; the CLI prints them.

It knows nothing of the terminal: progress is reported to a `Progress` observer (the CLI's is a
rich progress bar), and the result is text and files for the CLI to print and write.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from osai import __version__
from osai.assessment import Assessment, WaiverTerms
from osai.baseline import Baseline, baseline_of, compare_to_baseline
from osai.config import KnownAs, Waiver, expiry_message, mode_flag, parsed_mode
from osai.engine import assess
from osai.errors import BadInput, EvidenceUnavailable, ExitCode, OsaiError
from osai.evidence import Certainty, FindingKind, Release
from osai.formatters import (
    BOM_FORMATS,
    UTF8_DOCUMENTS,
    OutputFormat,
    errors_stated,
    formatter_for,
)
from osai.jsonsafe import NotJson, json_value
from osai.licence_notes import licence_notes, licence_readings
from osai.outputs import (
    OutputSpec,
    bom_created,
    refuse_destinations,
    standard_output_format,
)
from osai.paths import repository_root, run_places
from osai.policy import (
    check_policies_evaluated,
    evaluate_policies,
    exit_code_for,
    parse_policies,
    unheld_verdicts,
    unsettled_verdicts,
)
from osai.references import with_references
from osai.report import Report, RequiredPolicy, RunInfo, TargetError, View
from osai.rules import Framework, RuleSet, load_ruleset
from osai.targets import (
    ReadOptions,
    import_readers,
    kind_of,
    on_disk,
    on_disk_targets,
    read_path,
    read_target,
    read_targets,
    revision_on_disk,
)
from osai.textsafe import some_of, target_name
from osai.waivers import (
    check_waived_rules,
    idle,
    known_as,
    note_expired,
    note_refused,
    unmatched,
    waived_for,
)
from osai.yamlsafe import not_a_regular_file, read_text_file

if TYPE_CHECKING:
    from osai.backends.answers import RunAnswers


class Progress(Protocol):
    """Told how a run advances (the CLI shows it; the use case does not know how)."""

    def started(self, total: int) -> None: ...

    def checking(self, target: str) -> None: ...

    def checked(self, target: str) -> None: ...

    def finished(self) -> None: ...


@dataclass(frozen=True)
class CheckRequest:
    targets: tuple[str, ...]
    frameworks: tuple[str, ...] = ()
    # where a settings file names them ("FILE:LINE: frameworks"); "" when -f does, or none
    frameworks_at: str = ""
    framework_locations: tuple[tuple[str, str], ...] = ()  # id → "FILE:LINE: frameworks[i]"
    modes: tuple[str, ...] = ()  # FRAMEWORK=MODE; a later one for a framework wins
    output_format: OutputFormat = OutputFormat.TEXT
    outputs: tuple[OutputSpec, ...] = ()
    require: tuple[str, ...] = ()
    fail_on_unknown: bool = False
    fail_on_unknown_at: str = ""  # where a settings file turns it on ("" the flag, or off)
    exit_zero: bool = False  # a gate that fails exits 0 (policy.exit_code_for)
    min_certainty: Certainty = Certainty.DETECTED  # a gate met on weaker evidence: NOT PROVEN
    min_certainty_at: str = ""  # where a settings file sets it ("" the flag, or the default)
    manifest: Path | None = None
    revision: str | None = None
    offline: bool = False
    timeout: float = 10.0
    jobs: int = 4
    extra_frameworks: tuple[Path, ...] = ()
    # the settings file's `add-framework` files that --add-framework replaced (a waiver of a
    # rule of one is said to be of a framework the run was not given)
    replaced_frameworks: tuple[Path, ...] = ()
    # Of those, the ones `osai rules` knows only when told (--add-framework FILE), which the
    # reports' hints to it name (osai.cli.configuration.named_frameworks).
    named_frameworks: tuple[Path, ...] = ()
    protected: tuple[Path, ...] = ()
    deadline: float = 60.0
    follow: bool | None = None  # follow the card's links; None: for Hub models only
    max_links: int | None = None
    color: bool = False
    view: View = field(default_factory=View)
    waivers: tuple[Waiver, ...] = ()
    require_locations: tuple[tuple[str, str], ...] = ()  # spec → "FILE:LINE: require[i]"
    mode_locations: tuple[tuple[str, str], ...] = ()  # spec → "FILE:LINE: modes.mof"
    # spec → the flag that gave it (`--mof-mode strict`, `--mode mof=strict`): never a default
    mode_flags: tuple[tuple[str, str], ...] = ()
    expired_waivers: tuple[Waiver, ...] = ()
    # a Hub model's MOT listing and EOSAI entry are evidence (a cache snapshot's too)
    public_assessments: bool = True
    # SOURCE_DATE_EPOCH as the environment gives it (None: unset): the date an AI BOM states
    source_date_epoch: str | None = None
    # --baseline OLD.json (a settings file's `baseline:`, from its directory): a JSON report of
    # an earlier run, which this run's gate fails on getting worse than
    baseline: Path | None = None
    baseline_at: str = ""  # where a settings file names it ("" the flag)
    # What the command line and its settings file warn of before the run (a settings file osai
    # does not read, a flag that changes nothing): the first of the run's warnings, which every
    # report states, as standard error says them.
    setting_warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckOutcome:
    stdout: str
    files: tuple[tuple[Path, str], ...]
    messages: tuple[str, ...]
    exit_code: int
    warnings: tuple[str, ...] = ()
    # The report on standard output states every error `messages` holds: where standard output
    # and standard error are one stream (a terminal), the CLI need not say them again.
    stated_on_stdout: bool = False
    withheld: str = ""  # the AI BOMs asked for and not written, and why (bom_withheld)
    # No report on standard output, every one to a file (`-o r.sarif`): the CLI says which it
    # wrote, and the gate in one line (text_summary.gate_status_why), lest a failing hook say
    # nothing.
    reports_only_in_files: bool = False
    gate_said: str = ""
    # The report on standard output is a document whose format is UTF-8 (UTF8_DOCUMENTS): the
    # CLI writes its bytes whatever the stream's encoding.
    stdout_document: bool = False


@dataclass(frozen=True)
class Judged:
    target: str
    assessment: Assessment | None = None
    error: TargetError | None = None


@dataclass(frozen=True)
class Judging:
    """What every target of a run is judged with."""

    rules: RuleSet
    frameworks: tuple[Framework, ...]
    modes: dict[str, str]
    options: ReadOptions
    waivers: tuple[Waiver, ...]


def run_check(request: CheckRequest, progress: Progress | None = None) -> CheckOutcome:
    rules = load_ruleset(request.extra_frameworks)
    policies = parse_policies(request.require, first_written(request.require_locations), rules)
    frameworks = select_frameworks(
        rules,
        request.frameworks,
        tuple(policy.framework_id for policy in policies),
        request.extra_frameworks,
        locations=first_written(request.framework_locations),
    )
    judging = Judging(
        rules,
        frameworks,
        resolve_modes(
            request.modes,
            frameworks,
            rules,
            first_written(request.mode_locations),
            dict(request.mode_flags),
        ),
        read_options(request),
        request.waivers,
    )
    check_policies_evaluated(
        policies,
        frameworks,
        first_written(request.require_locations),
        _frameworks_named_by(request),
    )
    _check_waivers(request, rules)
    _check_manifest(request.manifest)
    revision_unused = _revision_on_disk(request)
    baseline = read_baseline(request.baseline, request.baseline_at)
    outputs = _outputs(request)
    created = _bom_created(request, outputs)
    judged = _with_refused_waivers(
        _with_expired_waivers(
            judge_all(request.targets, judging, request.jobs, progress), request.expired_waivers
        ),
        judging,
    )
    gate = (policies, request.color, request.min_certainty, request.view)
    report = build_report(
        judged,
        judging,
        *gate,
        fail_on_unknown=request.fail_on_unknown,
        fail_on_unknown_at=request.fail_on_unknown_at,
        min_certainty_at=request.min_certainty_at,
        named=request.named_frameworks,
    )
    # Said before any report is rendered: the reports carry them, and the CLI prints the same.
    warnings = (*revision_unused, *run_warnings(request, judged, judging, report))
    info = replace(report.info, bom_created=created)
    report = replace(report, warnings=warnings, exit_zero=request.exit_zero, info=info)
    if baseline is not None and request.baseline is not None:
        places = run_places(Path(report.info.base_dir))
        # where the baseline's own relative targets may be from, when not from here
        written_in = repository_root(request.baseline.parent, os.environ)
        unchecked = tuple(error.target for error in report.errors)
        compared = compare_to_baseline(
            baseline, report.assessments, rules.frameworks, places, written_in, unchecked
        )
        said = tuple(f"baseline: {note}" for note in compared.unmatched)
        report = replace(report, baseline=compared, warnings=(*report.warnings, *said))
        warnings = (*warnings, *said)
    on_stdout = standard_output_format(request.outputs, request.output_format)
    withheld = bom_withheld(report, len(request.targets), on_stdout, outputs)
    if withheld:  # no AI BOM at all, on standard output or in a file
        on_stdout = None if on_stdout in BOM_FORMATS else on_stdout
        outputs = tuple((name, path) for name, path in outputs if name not in BOM_FORMATS)
    stdout = "" if on_stdout is None else _render(on_stdout, report)
    plain = _without_colour(report)
    files = tuple((path, _render(name, plain)) for name, path in outputs)
    exit_code = exit_code_for(report)
    # Each error said once: where the report on standard output states it and standard error
    # is the same stream (the CLI knows), not again; otherwise on standard error as well.
    stated = on_stdout is not None and errors_stated(on_stdout, report)
    messages = tuple(j.error.said for j in judged if j.error is not None)
    only_files = on_stdout is None
    gate_said = _gate_said(report) if only_files else ""
    warned = (*report.warnings, *_unstated_warnings(report, on_stdout, outputs))
    document = on_stdout in UTF8_DOCUMENTS
    return CheckOutcome(
        stdout,
        files,
        messages,
        exit_code,
        warned,
        stated,
        withheld,
        only_files,
        gate_said,
        document,
    )


# A JSON report of many targets is larger than the JSON osai reads as evidence (jsonsafe's 8 MB).
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def read_baseline(path: Path | None, written_at: str = "") -> Baseline | None:
    """The report --baseline names, read through the bounded readers: one line, exit 2, for a
    file that is missing, too large, not JSON or not an osai report (baseline_of)."""
    if path is None:
        return None
    name = str(path)
    where = f"{written_at}: " if written_at else "--baseline "
    try:
        text = read_text_file(path, max_bytes=MAX_BASELINE_BYTES)
        try:
            document = json_value(text, strict=True)
        except NotJson as exc:
            line = f":{exc.line}" if exc.line else ""
            raise BadInput(f"{name}{line}: not a JSON report ({exc})") from None
        return baseline_of(document, name)
    except BadInput as exc:
        raise BadInput(f"{where}{exc}") from None


def _unstated_warnings(
    report: Report, on_stdout: OutputFormat | None, outputs: Sequence[tuple[OutputFormat, Path]]
) -> tuple[str, ...]:
    """Each target's warnings (a README.md osai could not read), when every report written is
    an AI BOM: a BOM states what was found, never what could not be read, so a BOM alone
    lacked the model card with no word why.  Beside a report that states them: none."""
    written = [name for name, _ in outputs] + ([on_stdout] if on_stdout is not None else [])
    if not written or not BOM_FORMATS.issuperset(written):
        return ()
    return tuple(
        f"{target_name(assessment.release.target)}: {finding.message}"
        for assessment in report.assessments
        for finding in assessment.findings
        if finding.kind is FindingKind.WARNING
    )


def run_warnings(
    request: CheckRequest, judged: Sequence[Judged], judging: Judging, report: Report
) -> tuple[str, ...]:
    """What the run warns of, in order: what its settings warn of (CheckRequest's
    setting_warnings), a misnamed -o path, expired waivers, waivers matching no target or
    waiving nothing, what a public-assessment snapshot skipped, the cache's warnings, and the
    verdicts --fail-on-unknown fails the run for."""
    return (
        *request.setting_warnings,
        *(spec.misnamed for spec in request.outputs if spec.misnamed),
        *(expiry_message(waiver) for waiver in request.expired_waivers),
        *unmatched((*request.waivers, *request.expired_waivers), [_known(j) for j in judged]),
        *idle(
            request.waivers,
            _judged_known(judged),
            request.min_certainty,
            judging.rules,
            judging.frameworks,
            request.frameworks_at,
        ),
        *_database_warnings(request, judged, judging.rules),
        *judging.options.reading_warnings(),
        *(verdict.said for verdict in report.unsettled),
        *_unheld_said(report),
    )


def _unheld_said(report: Report) -> tuple[str, ...]:
    """What --fail-on-unknown beside --require leaves out, not definite (unheld_verdicts)."""
    if not report.fail_on_unknown:
        return ()
    unheld = unheld_verdicts(report.policies, report.assessments)
    return tuple(replace(each, written_at=report.fail_on_unknown_at).said for each in unheld)


def _gate_said(report: Report) -> str:
    from osai.formatters.text_summary import gate_status_why  # a run printing text has it loaded

    return gate_status_why(report)


def bom_withheld(
    report: Report,
    asked: int,
    on_stdout: OutputFormat | None,
    outputs: Sequence[tuple[OutputFormat, Path]],
) -> str:
    """Why the AI BOMs asked for are not written ("" when they are, or none was asked for): one
    of the `asked` targets could not be checked.  A BOM is the inventory of the models asked
    for, and one written without a model (or with none: `"components": []`) is as valid as a
    whole one; a pipeline would publish it.  The other reports say which failed, and why."""
    boms = [str(path) for name, path in outputs if name in BOM_FORMATS]
    boms += ["standard output"] if on_stdout in BOM_FORMATS else []
    if not boms or not report.errors:
        return ""
    failed = report.errors
    who = failed[0].target if len(failed) == 1 else f"{len(failed)} of {asked} targets"
    if len(failed) == asked > 1:
        why = f"none of the {asked} targets could be checked"
    else:
        why = f"{who} could not be checked"
    if report.assessments:
        why += f", and a BOM without {'it' if len(failed) == 1 else 'them'} would look complete"
    stale = [path for name, path in outputs if name in BOM_FORMATS and path.exists()]
    left = "".join(f"; {path} is left as an earlier run wrote it" for path in stale)
    return f"no AI BOM written ({', '.join(boms)}): {why}{left}"


def _database_warnings(
    request: CheckRequest, judged: Sequence[Judged], rules: RuleSet
) -> tuple[str, ...]:
    """What reading the public-assessment snapshots skipped (a hostile entry), said once a run,
    when a Hub model was checked with them: named by its id, or read from a cache snapshot of
    it (a model with a Hub id, Release.hub_id)."""
    if not request.public_assessments:
        return ()
    hub = any(_names_hub(t) for t in request.targets) or any(
        j.assessment is not None and j.assessment.release.hub_id for j in judged
    )
    if not hub:
        return ()
    from osai.assessments import load_databases

    return load_databases(rules).warnings


def select_frameworks(
    rules: RuleSet,
    names: Sequence[str],
    required: Sequence[str] = (),
    added: Sequence[Path] = (),
    *,
    own_allowed: bool = True,
    locations: Mapping[str, str] | None = None,
) -> tuple[Framework, ...]:
    """The frameworks named; with none named, the default ones (a rule file's `default`), those
    the required policies are of (`required`: their framework ids, policy.parse_policies), and
    those of the files added (--add-framework: adding one asks for it, whatever its `default`),
    in report order.  `own_allowed`: the command takes --add-framework (a census does not).
    `locations`: name → where a settings file writes it (`FILE:LINE: frameworks[0]`), which
    an unknown one is refused at; a name of -f's is refused as typed."""
    if names:
        # each name where its value is written (`frameworks: osaid,mof` names two at one place)
        where: dict[str, str] = {}
        for value in names:
            if value in (locations or {}):
                for name in rules.framework_names([value]):
                    where.setdefault(name, (locations or {})[value])
        named = (
            _named_framework(rules, name, own_allowed, where)
            for name in rules.framework_names(names)
        )
        chosen = {f.id: f for f in named}
        return tuple(chosen.values())
    files = {path.resolve() for path in added}
    defaults = {f.id for f in rules.default_frameworks()}
    return tuple(
        f
        for f in rules.frameworks.values()
        if f.id in defaults or f.id in required or f.path.resolve() in files
    )


def _named_framework(
    rules: RuleSet, name: str, own_allowed: bool, locations: Mapping[str, str]
) -> Framework:
    """The framework `name` names, read as -f reads it; refused where a settings file writes
    it: "unknown framework 'osid'" alone sent the reader to a command line that named none,
    and after -f's name, which a command line with --require too did not say."""
    try:
        return rules.framework(name, own_allowed=own_allowed)
    except BadInput as exc:
        raise BadInput(f"{locations.get(name, '-f')}: {exc}") from None


def _frameworks_named_by(request: CheckRequest) -> str:
    """Who named the run's frameworks, for a required policy of another to be refused at: ""
    for -f, else the settings file's key with its list (`.osai.yaml:2: frameworks: osaid`)."""
    if not request.frameworks_at:
        return ""
    # each once, the first few: a list of 100,000 `osaid`s was quoted whole
    return f"{request.frameworks_at}: {some_of(tuple(dict.fromkeys(request.frameworks)))}"


def first_written(places: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Each value's place in a settings file, where it is first written: a value given twice
    (`frameworks: [osaid, osiad, mof, osiad]`) was refused at its last place, not its first."""
    found: dict[str, str] = {}
    for value, place in places:
        found.setdefault(value, place)
    return found


def resolve_modes(
    specs: Sequence[str],
    frameworks: tuple[Framework, ...],
    rules: RuleSet,
    locations: Mapping[str, str] | None = None,
    flags: Mapping[str, str] | None = None,
    naming: str = "add -f {id}",
) -> dict[str, str]:
    """Framework id → mode, from FRAMEWORK=MODE specs, each checked against its rules.  A bad
    one is named as it was given (`locations`: spec → `FILE:LINE: modes.mof`; `flags`: spec →
    the flag, `--mof-mode strict`; else `--mode SPEC`): "framework 'mof' has no mode 'bogus'"
    alone named no option, nor which file.  A spec a flag gives is the flag's, even where a file
    writes it too: `--mof-mode strict -f osaid`, or `--mode mof=strict` beside a file's `modes:
    {mof: strict}`, was taken for the file's default and passed without a word.  `naming`: how
    the command names a framework to judge (`osai compare` takes no -f)."""
    checked = {framework.id for framework in frameworks}
    modes: dict[str, str] = {}
    for spec in specs:
        flag = (flags or {}).get(spec)
        in_file = None if flag else (locations or {}).get(spec)
        named = flag or in_file or mode_flag(spec)
        parsed = parsed_mode(spec)
        if parsed is None:
            raise BadInput(f"{named}: expected FRAMEWORK=MODE, e.g. mof=strict")
        name, mode = parsed
        try:
            framework = rules.framework(name)
            framework.mode(mode)
        except BadInput as exc:
            raise BadInput(f"{named}: {exc}") from None
        if framework.id in checked:
            modes[framework.id] = mode
        elif not in_file:
            # A settings file's mode is a default for whenever its framework is judged: `-f
            # osaid` for a look at one framework was refused over the file's `modes: {mof:
            # strict}`.  A flag's mode for a framework left out asks for what the run will not do.
            raise BadInput(
                f"{named}: {framework.short_name} is not among the frameworks checked "
                f"({naming.format(id=framework.id)})"
            )
    return modes


def _check_waivers(request: CheckRequest, rules: RuleSet) -> None:
    waivers = (*request.waivers, *request.expired_waivers)
    check_waived_rules(waivers, rules, tuple(map(str, request.replaced_frameworks)))


def _known(judged: Judged) -> KnownAs:
    if judged.assessment is None:
        return known_as(judged.target, judged.target)
    return _release_known_as(judged.target, judged.assessment.release)


def _judged_known(judged: Sequence[Judged]) -> list[tuple[KnownAs, Assessment | None]]:
    """Each target, by the names waivers match, with its assessment (None: not checked)."""
    return [(_known(j), j.assessment) for j in judged]


def _release_known_as(target: str, release: Release) -> KnownAs:
    """The names a model read from `target` goes by, for waivers (osai.waivers.known_as)."""
    at = (release.revision_asked, release.revision[:7], release.revision)
    revisions = tuple(dict.fromkeys(r for r in at if r)) if release.hub_id else ()
    return known_as(target, release.target, hub_id=release.hub_id, revisions=revisions)


def _check_manifest(manifest: Path | None) -> None:
    """A --manifest that names no file is bad input, said once before any target is read: each
    target said it, after reading the Hub, the line repeated as many times as targets."""
    problem = not_a_regular_file(manifest) if manifest is not None else ""
    if problem:  # a named pipe was "no such file", though there
        raise BadInput(f"--manifest {target_name(str(manifest))}: {problem}")


def _revision_on_disk(request: CheckRequest) -> tuple[str, ...]:
    """--revision with targets on disk alone is bad input: it applies to none of them.  Beside
    Hub models it applies to them, and the warning it returns says the targets on disk are
    read as they are."""
    if request.revision is None:
        return ()
    on_disk = on_disk_targets(request.targets)
    if not on_disk:
        return ()
    said = revision_on_disk(request.revision, on_disk, "osai checks")
    if len(on_disk) == len(request.targets):
        raise BadInput(said)
    return (said,)


def _with_expired_waivers(judged: list[Judged], expired: tuple[Waiver, ...]) -> list[Judged]:
    """Each assessment that judged a requirement whose waiver expired says so, as a finding."""
    if not expired:
        return judged
    return [
        replace(j, assessment=note_expired(j.assessment, expired, _known(j))) if j.assessment else j
        for j in judged
    ]


def _with_refused_waivers(judged: list[Judged], judging: Judging) -> list[Judged]:
    """Each assessment a waiver covers that its requirement's rule refuses there says so, as a
    finding (osai.waivers.note_refused)."""
    if not judging.waivers:
        return judged
    return [
        replace(j, assessment=note_refused(j.assessment, judging.waivers, _known(j), judging.rules))
        if j.assessment
        else j
        for j in judged
    ]


def _bom_created(request: CheckRequest, outputs: Sequence[tuple[OutputFormat, Path]]) -> str:
    """The date the run's AI BOMs state (osai.outputs.bom_created), read before any model is:
    a SOURCE_DATE_EPOCH that is not a date stops a run that writes a BOM, and only such a run
    (a text check in a build that sets a bad one is none of its business)."""
    written = {name for name, _ in outputs}
    on_stdout = standard_output_format(request.outputs, request.output_format)
    written |= {on_stdout} if on_stdout is not None else set()
    return bom_created(request.source_date_epoch) if written & BOM_FORMATS else ""


def _outputs(request: CheckRequest) -> tuple[tuple[OutputFormat, Path], ...]:
    inputs = [path for t in request.targets if t.strip() for path in _read_path(t)]
    inputs += [*request.protected, *request.extra_frameworks]
    inputs += [request.manifest] if request.manifest else []
    files = [spec for spec in request.outputs if not spec.to_standard_output]
    reports = [spec.path for spec in files if spec.format not in BOM_FORMATS]
    refuse_destinations([(spec.given_as, spec.path) for spec in files], inputs, reports=reports)
    for spec in files:
        spec.refuse_occupied()  # never over a file the user wrote (osai.outputs.refuse_unowned)
    return tuple((spec.format, spec.path) for spec in files)


def read_options(request: CheckRequest) -> ReadOptions:
    needs_hub = request.follow or any(_names_hub(t) for t in request.targets)
    if needs_hub:
        return replace(hub_read_options(request), digests=_writes_a_bom(request))
    return replace(_request_read_options(request), digests=_writes_a_bom(request))


def _request_read_options(request: CheckRequest) -> ReadOptions:
    """What every reading takes from the request, whether it reads the Hub or not."""
    return ReadOptions(
        manifest=request.manifest,
        follow=request.follow,
        max_links=request.max_links,
        jobs=request.jobs,
        # a Hugging Face cache snapshot's too, by the Hub id its path names: read from the
        # bundled (or last updated) snapshots, no network
        public_assessments=request.public_assessments,
    )


def _writes_a_bom(request: CheckRequest) -> bool:
    """A report the run writes is a BOM, which states the weights' digests."""
    on_stdout = standard_output_format(request.outputs, request.output_format)
    written = {on_stdout, *(spec.format for spec in request.outputs)}
    return not BOM_FORMATS.isdisjoint(written)


def hub_read_options(
    request: CheckRequest,
    shared: RunAnswers | None = None,
    endpoint: str | None = None,
    suggest: bool = True,
    revision_published: bool = False,
    command: str = "",
) -> ReadOptions:
    """How `osai check` reads a Hub model, and so the census's deep checks: links followed and
    public assessments merged unless the request says not.  `shared`: the answers the run's
    checks share (None: a fresh set); `endpoint`: the Hub's (None: HF_ENDPOINT's); `suggest`:
    whether an id or revision not found is offered the nearest (HubOptions.suggest);
    `revision_published`: the request's revision is the published one, pinned (a census's);
    `command`: what a dead Hub's hint names to check the model offline (HubOptions.command)."""
    from osai.backends.answers import RunAnswers
    from osai.backends.hub import HubOptions

    hub = HubOptions(
        revision=request.revision,
        revision_published=revision_published,
        timeout=request.timeout,
        deadline=request.deadline,
        offline=request.offline,
        endpoint=endpoint,
        suggest=suggest,
        command=command,
    )
    return replace(
        _request_read_options(request),
        hub=hub,
        shared_answers=shared if shared is not None else RunAnswers(),
    )


def _read_path(target: str) -> tuple[Path, ...]:
    """The file or directory a target reads, FILE of FILE#MODEL too (a report must not
    overwrite it); one that cannot be looked up is reported with its own verdict, not here."""
    try:
        path = read_path(target)
    except BadInput:
        return ()
    return (path,) if path is not None else ()


def _names_hub(target: str) -> bool:
    """A Hub model id (a file or directory that exists is never one: no need to open it)."""
    try:
        if on_disk(target):
            return False
        return kind_of(target) == "hub"
    except BadInput:
        return False


def judge_one(target: str, judging: Judging) -> Judged:
    """The one model a target names (an AI BOM of several is bad input: read_target)."""
    (judged,) = _judged(target, judging, each=False)
    return judged


def judge_each(target: str, judging: Judging) -> list[Judged]:
    """Each model a target names: an AI BOM's models are judged one by one, as osai wrote them
    (one for each target it checked: read_targets)."""
    return _judged(target, judging, each=True)


def _judged(target: str, judging: Judging, each: bool) -> list[Judged]:
    rules, frameworks, modes = judging.rules, judging.frameworks, judging.modes
    try:
        if each:
            releases = read_targets(target, rules, judging.options)
        else:
            releases = (read_target(target, rules, judging.options),)
        return [
            Judged(
                target, assess(release, rules, frameworks, modes, _waived(target, release, judging))
            )
            for release in releases
        ]
    except OsaiError as exc:
        return [Judged(target, error=TargetError(target, str(exc), exc.exit_code))]


def _waived(target: str, release: Release, judging: Judging) -> dict[str, WaiverTerms]:
    """What the waivers waive for one model: a BOM's models each by its own name."""
    if not judging.waivers:
        return {}
    return waived_for(_release_known_as(target, release), judging.waivers)


def judge_all(
    targets: Sequence[str], judging: Judging, jobs: int, progress: Progress | None = None
) -> list[Judged]:
    observer = progress or _Silent()
    observer.started(len(targets))
    try:
        # Reading local files is CPU-bound: threads only pay where the Hub makes us wait.
        if len(targets) == 1 or jobs == 1 or judging.options.hub is None:
            return [one for target in targets for one in _observed(target, judging, observer)]
        from osai.workers import Workers, finished  # only where the Hub makes us wait

        import_readers()  # here, not on the checks' threads (osai.targets.import_readers)
        # a Ctrl-C leaves the checks not begun unbegun, and waits for none (osai.workers)
        with Workers(min(jobs, len(targets))) as pool:
            futures = [pool.submit(_observed, t, judging, observer) for t in targets]
            return [one for future in futures for one in finished(future)]
    finally:
        observer.finished()


def _observed(target: str, judging: Judging, progress: Progress) -> list[Judged]:
    progress.checking(target)
    judged = judge_each(target, judging)
    progress.checked(target)
    return judged


class _Silent:
    def started(self, total: int) -> None:
        pass

    def checking(self, target: str) -> None:
        pass

    def checked(self, target: str) -> None:
        pass

    def finished(self) -> None:
        pass


def build_report(
    judged: Sequence[Judged],
    judging: Judging,
    policies: tuple[RequiredPolicy, ...],
    terminal: bool,
    min_certainty: Certainty = Certainty.DETECTED,
    view: View | None = None,
    *,
    fail_on_unknown: bool = False,
    fail_on_unknown_at: str = "",
    min_certainty_at: str = "",
    named: Sequence[Path] = (),
) -> Report:
    """The run's report.  `named`: the framework files the hints to `osai rules` name."""
    rules = judging.rules
    found = named_apart([j.assessment for j in judged if j.assessment is not None])
    assessments = tuple(with_references(found, judging.frameworks, rules))
    errors = tuple(j.error for j in judged if j.error is not None)
    policy_results = tuple(
        result
        for a in assessments
        for result in evaluate_policies(a, policies, rules, min_certainty)
    )
    info = RunInfo(
        tool_version=__version__,
        spdx_list_version=rules.licences.spdx_list_version,
        frameworks=tuple(
            (f.id, f.name, f.version, f.mode(judging.modes.get(f.id)).name)
            for f in judging.frameworks
        ),
        component_names=tuple((c.id, c.name) for c in rules.components.values()),
        plural_components=tuple(c.id for c in rules.components.values() if c.plural),
        fact_names=tuple((f.id, f.title, f.manifest_key) for f in rules.facts.values()),
        fact_value_titles=tuple(
            (f.id, value, said) for f in rules.facts.values() for value, said in f.value_titles
        ),
        inference_titles=(
            *((rule.id, rule.title) for rule in rules.inference),
            *((reading.id, reading.title) for reading in rules.readings.values()),
        ),
        terminal=terminal,
        base_dir=str(repository_root(Path.cwd(), os.environ)),
        framework_files=_framework_files(judging.frameworks, named),
    )
    # A mode that matches licence ids verbatim (MOF's `mot`) judges the source's spelling: the
    # report shows that spelling, or `apache-2.0` would read `Apache-2.0` beside its failure.
    verbatim = any(f.mode(judging.modes.get(f.id)).matching == "exact" for f in judging.frameworks)
    notes = licence_notes(assessments, rules, spelled=verbatim)
    readings = licence_readings(assessments, rules, spelled=verbatim)
    # --fail-on-unknown makes the verdicts that are not definite part of the gate.
    held = (
        tuple(
            replace(verdict, written_at=fail_on_unknown_at, min_certainty_at=min_certainty_at)
            for verdict in unsettled_verdicts(policy_results, assessments, min_certainty)
        )
        if fail_on_unknown
        else ()
    )
    return Report(
        info,
        assessments,
        errors,
        policy_results,
        view or View(),
        notes,
        readings,
        fail_on_unknown,
        held,
        fail_on_unknown_at=fail_on_unknown_at if fail_on_unknown else "",
        min_certainty_at=min_certainty_at,
    )


def named_apart(assessments: list[Assessment]) -> list[Assessment]:
    """Two revisions of one model in one run named apart, each `ID@REVISION` (the revision
    named, else the commit): the report matches each target's gate, policies and
    --fail-on-unknown verdicts by its name, so two rows both named `EleutherAI/pythia-70m` each
    showed the other's gate too, and could not be told apart in the summary."""
    revisions: dict[str, set[str]] = {}
    for assessment in assessments:
        release = assessment.release
        revisions.setdefault(release.target, set()).add(release.revision)
    return [
        _named_at_revision(a) if len(revisions[a.release.target]) > 1 else a for a in assessments
    ]


def _named_at_revision(assessment: Assessment) -> Assessment:
    """Its target, and its name when that is the id (a Hub model's): the CI formats' messages
    name a model by its name, and two revisions' annotations read word for word the same."""
    release = assessment.release
    at = f"@{release.revision_asked or release.revision[:7]}"
    name = f"{release.name}{at}" if release.name == release.target else release.name
    return replace(assessment, release=replace(release, target=f"{release.target}{at}", name=name))


def _without_colour(report: Report) -> Report:
    """The report as a file (-o) holds it: colour is for a terminal, never for a file, whatever
    FORCE_COLOR says; and a file is UTF-8, whatever standard output's encoding is."""
    view = replace(report.view, color=False, encoding="utf-8")
    return replace(report, info=replace(report.info, terminal=False), view=view)


def _render(name: OutputFormat, report: Report) -> str:
    return formatter_for(name)(report)


def _framework_files(
    frameworks: Sequence[Framework], named: Sequence[Path]
) -> tuple[tuple[str, str], ...]:
    """Each framework judged from one of the `named` files, and that file as it was given."""
    given = {path.resolve(): str(path) for path in named}
    return tuple((f.id, given[f.path.resolve()]) for f in frameworks if f.path.resolve() in given)


def check_model(
    target: str,
    rules: RuleSet,
    frameworks: tuple[Framework, ...],
    modes: Sequence[str],
    view: View | None = None,
    mode_flags: Sequence[tuple[str, str]] = (),
) -> Report:
    """One target judged under these frameworks (`osai compare --model`); raises its error.
    `mode_flags`: the flag each mode spec came from (resolve_modes), when not `--mode`."""
    request = CheckRequest(targets=(target,))
    chosen = resolve_modes(
        modes, frameworks, rules, flags=dict(mode_flags), naming="name {id} among those compared"
    )
    judging = Judging(rules, frameworks, chosen, read_options(request), ())
    judged = judge_one(target, judging)
    if judged.error is not None:
        kind = (
            EvidenceUnavailable
            if judged.error.exit_code == ExitCode.EVIDENCE_UNAVAILABLE
            else BadInput
        )
        raise kind(judged.error.said)
    shown = view or View()
    return build_report([judged], judging, (), shown.color, view=shown)
