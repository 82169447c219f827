"""What the CI formatters share: which requirements and findings to report, where, and how loud.

They read the JSON report document (`report_document()`), so every formatter sees the same data;
nothing here names a framework: ids, titles and levels come from the rule files.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from osai.assessment import (
    CIRCULAR,
    NOT_IN_SCOPE,
    Assessment,
    RequirementResult,
    Status,
    WaiverTerms,
    label_head,
    named_in_mode,
)
from osai.evidence import (
    BOM_SOURCES,
    CONFIG_SOURCE,
    DataCredit,
    Finding,
    FindingKind,
    FollowedLink,
    Provenance,
    Release,
)
from osai.hubrefs import HUB_SOURCE, is_repo_id, without_commit
from osai.paths import from_root, names_a_path, run_places
from osai.report import GATE_ORDER, GateReach, Report, error_subject
from osai.report import unsettled_said as said_of_unsettled
from osai.report import unsettled_why as why_of_unsettled
from osai.textsafe import (
    CONTROL_CHARACTERS,
    target_name,
    title_mid_sentence,
    without_surrogates,
)
from osai.verdict import FactRef, PlaceRef, Reason

# Evidence whose location is a path as given: a declaration's (an AI BOM's, too: a model of one
# that describes several is FILE#MODEL, not a directory its evidence is in).
PATH_AS_GIVEN = frozenset({"manifest", CONFIG_SOURCE, *BOM_SOURCES})
HUB_URL = "https://huggingface.co/"
REPORTED = ("unmet", "unknown", "waived")
SHOWN_FINDINGS = ("conflict", "warning")  # findings the CI formats show, as warnings
GATE_TONE = {
    "PASS": "green",
    "PASS (waived)": "cyan",
    "NOT COMPARED": "cyan",
    "FAIL": "red",
    "NOT PROVEN": "yellow",
}

Doc = Mapping[str, Any]
Shorts = Mapping[str, Mapping[str, str]]  # framework id → level id (or "") → short name


@dataclass(frozen=True)
class Location:
    """Where a finding points: a local file (with a line when known) or a URL.

    `uri` is for SARIF (percent-encoded, relative to the current directory when inside it);
    `path` is the plain file path for tools that want one (GitHub annotations), "" for a URL.
    """

    uri: str
    line: int | None = None
    path: str = ""


@dataclass(frozen=True)
class Reported:
    """One requirement that a CI user must see: unmet, unknown or waived, on one target."""

    target: Doc
    framework: Doc
    requirement: Doc

    @property
    def status(self) -> str:
        return str(self.requirement["status"])

    @property
    def required(self) -> bool:
        return bool(self.requirement["required"])

    @property
    def waived(self) -> bool:
        return self.status == "waived"

    @property
    def graded(self) -> bool:
        """A graded framework's requirement: its grade is a measure, not a violation."""
        return self.requirement.get("grade") is not None


def reported_requirements(document: Doc) -> Iterator[Reported]:
    """Every unmet, unknown or waived requirement of every target, in report order."""
    return (item for item in every_requirement(document) if item.status in REPORTED)


def every_requirement(document: Doc) -> Iterator[Reported]:
    """Every requirement of every target, whatever its status, in report order."""
    for target in document["targets"]:
        for framework in target["frameworks"]:
            for requirement in framework["requirements"]:
                yield Reported(target, framework, requirement)


@dataclass(frozen=True)
class OutOfScope:
    """A framework a target is shown outside the scope of, from the document: the condition of
    its applying that is unmet (frameworks[].scope), whose label is the framework's outcome."""

    target: Doc
    framework: Doc
    condition: Doc

    @property
    def message(self) -> str:
        """ "EU AI Act open-source exemption 2024/1689: not in scope (indicative): … —
        training_compute_flop: 3e+21, not more than 1e+23 (declared)"."""
        sure = f" ({self.condition['certainty']})" if self.condition["certainty"] else ""
        label = str(self.condition["label"])
        why = f"{self.condition['reason']}{sure}"
        return f"{framework_label(self.framework)}: {label} — {why}"


def out_of_scope(document: Doc) -> Iterator[OutOfScope]:
    """Every framework a target is shown outside the scope of, in target and framework order."""
    for target in document["targets"]:
        for framework in target["frameworks"]:
            outside = scope_unmet(target, framework)
            if outside is not None:
                yield outside


def scope_unmet(target: Doc, framework: Doc) -> OutOfScope | None:
    """The condition of the framework applying that puts the target outside its scope."""
    if framework["outcome"] != NOT_IN_SCOPE:
        return None
    unmet = (c for c in framework["scope"] if c["status"] == "unmet")
    condition = next(unmet, None)
    return None if condition is None else OutOfScope(target, framework, condition)


def a_gate_failure(
    item: Reported, gate: GateReach, unsettled: Collection[tuple[str, str, str]]
) -> bool:
    """What the run's gate fails for: a required requirement of a level --require covers,
    unmet or unknown (a gate passes only on proof), an unknown one that leaves open a
    verdict --fail-on-unknown fails (`unsettled`: target, framework, requirement; the one it
    waits on past a waiver too, which the framework's next steps, counted without waivers, did
    not name), and one --baseline found worse than in its report, whatever its status and level.
    Without a gate nothing fails (exit 0, and JUnit skips every requirement):
    `--annotate failures` alone annotates no requirement, where it gave every unmet one as a
    warning, beside a README that promised the errors only."""
    key = (str(item.target["target"]), str(item.framework["id"]))
    requirement = str(item.requirement["id"])
    if (*key, requirement) in unsettled or gate.got_worse(*key, requirement):
        return True
    return (
        bool(item.requirement["required"])  # an optional one never fails a gate
        and severity(item) in ("error", "warning")
        and str(item.requirement["level"]) in gate.levels.get(key, frozenset())
    )


def unsettled_requirements(report: Report) -> set[tuple[str, str, str]]:
    """Each requirement a verdict --fail-on-unknown fails waits on: (target, framework,
    requirement), as a_gate_failure takes them."""
    return {
        (verdict.target, verdict.framework_id, requirement)
        for verdict in report.unsettled
        for requirement in verdict.waiting_on
    }


def deciding_conflicts(assessment: Assessment) -> list[Finding]:
    """The target's conflicts that decide something (`decides`), the one test the reports
    share: Markdown marks and lifts them, GitHub's --annotate failures keeps them, and the JSON
    report says it of each finding (findings[].decides)."""
    return [finding for finding in assessment.findings if decides(finding, assessment)]


def decides(finding: Finding, assessment: Assessment) -> bool:
    """Whether a conflict decides a verdict of the target: it kept the more restrictive side or
    a base model's binding licence (Finding.stricter_kept); a scope check reads its fact or
    component; a requirement judged reads its fact; or one judged unmet or unknown reads its
    component (a component left unknown, a failure the report must say the why of).  A
    component conflict whose requirements are all met was a source corrected by the release's
    own word (a listing's licence outvoted): it stays among the findings, since marking every
    conflict marked 10 rows of 18, and none stood out.  A conflict of two numbers has no
    component: a manifest's 5e+22 FLOP kept over its card's 3.8e+25 put the model out of the
    AI Act's scope, unmarked, for no gate failed on it."""
    if finding.kind is not FindingKind.CONFLICT:
        return False
    if finding.stricter_kept:
        return True
    fact, component = finding.fact, finding.component
    for judged in assessment.frameworks:
        for condition in judged.scope:
            if (fact and fact in condition.facts) or (component in condition.components):
                return True
        for requirement in judged.results:
            if fact and fact in requirement.facts:
                return True
            open_ = requirement.status in (Status.UNMET, Status.UNKNOWN)
            if component and open_ and component in requirement.components:
                return True
    return False


def severity(item: Reported) -> str:
    """error | warning | note, the one mapping of a requirement's outcome the CI formats share
    (SARIF's level, GitHub's annotation, JUnit's failure): unmet is an error when required, a
    note when optional (it blocks no level); waived a warning, required or not (accepted, so
    never an error code scanning fails on, and not hidden); unknown a warning, a note when
    optional.  A graded requirement below the top grade is a warning, an unknown grade a note: a
    score is gated with --require (FRAMEWORK:0.75), not one grade at a time."""
    if item.graded:
        return "note" if item.status == "unknown" else "warning"
    if item.waived:
        return "warning"
    if item.status == "unknown":
        return "warning" if item.required else "note"
    return "error" if item.required else "note"


def gated_severity(item: Reported, gate: GateReach) -> str:
    """error | warning | note, as the CI formats report it (GitHub's annotation, SARIF's
    result level, JUnit's failure when an error): a required unmet requirement is an error only
    where the gate fails for it (a level --require covers), as the exit code says; otherwise a
    warning.  Without --require, an error beside exit code 0 read as a failed check.  One that
    got worse than --baseline's report is an error, whatever its status and level: it fails the
    gate too (met → unknown was a warning like every old gap, and the log's one error was the
    gate's line, on no file)."""
    target, framework = str(item.target["target"]), str(item.framework["id"])
    if gate.got_worse(target, framework, str(item.requirement["id"])):
        return "error"
    kind = severity(item)
    if kind != "error":
        return kind
    covered = gate.levels.get((target, framework), frozenset())
    return "error" if str(item.requirement["level"]) in covered else "warning"


def unmet_severity(item: Reported, gate: GateReach) -> str:
    """The level the requirement's result takes on its target when it is not met
    (gated_severity), whatever its status now: SARIF's default for its rule."""
    unmet = {**item.requirement, "status": "unmet"}
    return gated_severity(Reported(item.target, item.framework, unmet), gate)


def location_of(item: Reported, base: Path | None = None) -> Location:
    """The evidence's file and line when it has a line in a local file, else the line a conflict
    on one of its components declares (a licence inherited from a base model: its evidence is
    the base's Hub page, and the annotation had no line, where the card's `license:` that the
    base overrides is the line to mend), else the target itself.

    The last such evidence wins: a component's licence comes after the component itself, and the
    licence is what a licence requirement judged.
    """
    evidence = [*reversed(item.requirement["evidence"]), *conflicts_evidence(item)]
    return evidence_location(item.target, evidence, base)


def conflicts_evidence(item: Reported) -> list[Doc]:
    """The evidence of the target's conflicts on the requirement's components, in order."""
    components = set(item.requirement.get("components") or ())
    return [
        evidence
        for finding in item.target.get("findings") or ()
        if finding.get("kind") == "conflict" and finding.get("component") in components
        for evidence in finding["evidence"]
    ]


def evidence_location(target: Doc, evidence: Iterable[Doc], base: Path | None = None) -> Location:
    """The first evidence with a line in a local file, else the target itself.  A Hub model's
    evidence lies in its repository, but the run's configuration (a waiver that expired) and a
    manifest given with --manifest are always files here: for a Hub id among .osai.yaml's
    targets, that warning pointed at huggingface.co/…, a path no checkout holds, and never at
    the line to mend; so did every error a `--manifest osai.yaml` line declares."""
    remote = is_remote(target)
    for seen in evidence:
        where = str(seen.get("location") or "")
        local = not remote or seen.get("source") in PATH_AS_GIVEN
        if seen.get("line") and where and local and "://" not in where:
            path = _evidence_path(seen, str(target["target"]))
            return local_location(path, base, int(seen["line"]))
    return target_location(target, base)


@dataclass(frozen=True)
class TargetFinding:
    """A conflict or warning a source raised on one target (an expired waiver, sources that
    disagree, an osai.yaml that could not be read): not a verdict, but a CI user must see it."""

    target: Doc
    finding: Doc

    @property
    def kind(self) -> str:
        return str(self.finding["kind"])

    @property
    def message(self) -> str:
        return f"{self.target['name']}: {self.kind}: {self.finding['message']}"

    @property
    def about_settings(self) -> bool:
        """Whether it speaks of the run's own settings (an expired waiver): the reason a gate
        that passed before fails now, which a report of the gate's failures must carry."""
        return any(evidence.get("source") == CONFIG_SOURCE for evidence in self.finding["evidence"])

    def location(self, base: Path | None = None) -> Location:
        """Where it points: its first evidence with a line in a local file (a conflict's
        declared side, the manifest line), else the target."""
        return evidence_location(self.target, self.finding["evidence"], base)

    def cited(self, base: Path | None = None) -> str:
        """The files and fields its evidence cites, never where in them nor its words: what it
        is about, as a report that names it from run to run names it (a SARIF fingerprint, a
        JUnit case)."""
        return cited(self.finding["evidence"], base)


def cited(evidence: Iterable[Doc], base: Path | None) -> str:
    """The files, fields and links a finding's evidence cites, each once, in its order: what
    the finding is about, never where in them nor its words.  Each once: a note on four links
    of one card was about `README.md,README.md,README.md,README.md`."""
    return ",".join(dict.fromkeys(cited_location(seen, base) for seen in evidence))


def cited_location(evidence: Doc, base: Path | None) -> str:
    """A file, field or link a finding's evidence cites: a link a file holds by its address
    (three notes on three links of one card were `README.md`, `README.md #2` and `#3`, told
    apart by their order, which a link added above them changed); the Hub repository without
    the commit it was read at (which moved with every commit, and the finding with it); a path
    as given (a manifest's, a BOM's, an absolute one) from the repository's root, as the
    result's location names it; a file of the target's own (`LICENSE`, relative to it), a
    host's field or a listing as it is; a waiver by its file and the rule it names
    (`.osai.yaml#OSAID-CODE-TRAINING`: the file alone named two expired waivers alike, told
    apart by their order, so that renewing the first gave the second its fingerprint, and code
    scanning kept the first's alert open with the second's message and closed the second's)."""
    location = str(evidence["location"])
    if evidence.get("source") == CONFIG_SOURCE:
        return f"{local_location(location, base).path}#{evidence['value']}"
    if _cites_a_link(evidence):
        return str(evidence["value"])
    if evidence.get("source") == HUB_SOURCE:
        return without_commit(location)
    given = evidence.get("source") in PATH_AS_GIVEN or PurePath(location).is_absolute()
    if "://" in location or not given:
        return location
    return local_location(location, base).path


# A link is named by its address only when the address reads as one name: no comma (what
# separates the things a finding cites, so `https://doi.org/10.1/a,b` read as two), no control
# character, at most LINK_LIMIT characters (a card's 100 KB address was a 100 KB key).  Any
# other is cited by its file, as before links were named.
LINK_LIMIT = 500
_LINK = re.compile(rf"https?://[^\s,]{{1,{LINK_LIMIT}}}|arXiv:[^\s,]{{1,{LINK_LIMIT}}}")


def _cites_a_link(evidence: Doc) -> bool:
    """Evidence that is a link at a line of a file (a card's link to code, a dataset, a paper),
    by its address or by the id the file names it by (`arXiv:2306.01116`, a Hub id
    `org/name`): Falcon-180B's note on the paper its card cites was `README.md #2`, after its
    gating note, and a note on a base model `README.md`, as the next such note would be; not
    a listing's address of the model nor words that hold an address.  A legacy one-name id
    (`c4`) reads as any word, and is left to its file; so is an id in one's own manifest or
    BOM, which the finding names by that file."""
    if evidence.get("line") is None:
        return False
    value = str(evidence["value"])
    by_id = evidence.get("source") not in PATH_AS_GIVEN and is_repo_id(value)
    address = _LINK.fullmatch(value) is not None and CONTROL_CHARACTERS.search(value) is None
    return address or by_id


def told_apart(keys: list[str]) -> list[str]:
    """Each key once: the second finding about one thing (two problems in one card's front
    matter, told apart by line alone) is `KEY #2` (not `:2`, which reads as a line), and so
    on, in report order, lest a reader take two findings for one.  The number is the first no
    key has: a location is anyone's text, and a third finding citing a file named `README.md #2`
    had the second's key."""
    taken = set(keys)
    seen: set[str] = set()
    told = []
    for key in keys:
        if key not in seen:
            seen.add(key)
            told.append(key)
            continue
        number = 2
        while f"{key} #{number}" in taken:
            number += 1
        taken.add(f"{key} #{number}")
        told.append(f"{key} #{number}")
    return told


def data_credits(report: Report) -> tuple[DataCredit, ...]:
    """Each public database whose data the report shows, once however many targets show it, in
    report order, naming every entry shown: the CI formats and BOMs, which leave notes out,
    carry its licence and attribution from here (text, JSON and Markdown give it in the note
    that says so)."""
    return _merged(credit for assessment in report.assessments for credit in _credits(assessment))


def assessment_credits(assessment: Assessment) -> tuple[DataCredit, ...]:
    """data_credits of one target's report (the text report's -q says them under its verdicts)."""
    return _merged(_credits(assessment))


def _credits(assessment: Assessment) -> Iterator[DataCredit]:
    for finding in (*assessment.release.findings, *assessment.findings):
        if finding.credit is not None:
            yield finding.credit


def _merged(found: Iterable[DataCredit]) -> tuple[DataCredit, ...]:
    """One credit a database, in the order first shown, naming every entry shown."""
    credits: dict[str, DataCredit] = {}
    for credit in found:
        known = credits.get(credit.database)
        credits[credit.database] = known.with_entries_of(credit) if known else credit
    return tuple(credits.values())


def target_findings(document: Doc) -> Iterator[TargetFinding]:
    """Every conflict and warning of every target, in report order (notes are the text
    report's: they change nothing a CI user acts on)."""
    for target in document["targets"]:
        yield from findings_of(target)


def said_beside_grades(message: str, matched: Iterable[str]) -> bool:
    """Whether a finding is the note of how a published assessment matched the model, which the
    grades shown beside osai's (-v, Markdown) head in the same words: `matched` holds each shown
    comparison's how_matched.  What the note adds is said there too: the citation, and that a
    relative's grades are not this model's."""
    return any(how and message.startswith(how.removesuffix(CIRCULAR)) for how in matched)


def findings_of(target: Doc) -> list[TargetFinding]:
    """One target's conflicts and warnings, in report order."""
    shown = (f for f in target["findings"] if f["kind"] in SHOWN_FINDINGS)
    return [TargetFinding(target, finding) for finding in shown]


def _evidence_path(evidence: Doc, target: str) -> str:
    """A manifest names its file as it was given; a scanned directory names files inside it."""
    location = str(evidence["location"])
    if evidence.get("source") in PATH_AS_GIVEN or PurePath(location).is_absolute():
        return location
    if location in (target, PurePath(target).name):
        return target  # the target file itself, e.g. a model card
    return str(PurePath(target) / location)


def target_location(target: Doc, base: Path | None = None) -> Location:
    """The card, the manifest or the AI BOM that was checked (the file a model of it is in:
    FILE#MODEL is no file), a directory's card, or the model's Hub URL.  A directory itself
    only when it has no card: `osai check .` pointed 12 of its 15 SARIF results at `.`, which
    code scanning cannot show as a file, and its annotations at no file."""
    name = str(target.get("file") or target["target"])
    if "://" in name:
        return Location(name)
    if is_remote(target):
        return Location(HUB_URL + name.strip("/"))
    card = str(target.get("card") or "")
    return local_location(str(PurePath(name) / card) if card else name, base)


# That --exit-zero made a gate that fails exit 0, in every report that gives the gate (SARIF's
# exitCodeDescription, the Markdown headline, the text gate, JUnit's failing gate cases and the
# gate's GitHub errors): beside FAIL alone, a reader took a step that passed for one that failed.
EXIT_ZERO_SAID = "exit 0: --exit-zero"


def exit_zero_beside(message: str, document: Doc) -> str:
    """A message of the gate failing, with that --exit-zero made the run exit 0 when it did
    (EXIT_ZERO_SAID): a JUnit failure or a GitHub error alone, beside a step that passed, read
    as a gate that stopped the build."""
    gate = document["gate"]
    return f"{message}; {EXIT_ZERO_SAID}" if gate and gate["exit_forced_zero"] else message


def gate_rank(verdict: str) -> int:
    """Worst first: FAIL 0 ... PASS; anything else (no gate) after."""
    return GATE_ORDER.index(verdict) if verdict in GATE_ORDER else len(GATE_ORDER)


def gate_tally(verdicts: Iterable[str]) -> list[str]:
    """How many targets have each gate verdict, worst first, as GATE_ORDER ranks them: ["1
    FAIL", "1 NOT PROVEN"].  Counted most first, ties in target order, a run the gate fails
    read "1 NOT PROVEN, 1 FAIL" and "3 FAIL, 3 PASS, 1 NOT PROVEN"."""
    counted = Counter(verdicts)
    return [f"{counted[verdict]} {verdict}" for verdict in sorted(counted, key=gate_rank)]


def policy_phrase(policy: Doc, target: Doc) -> str:
    """A required policy's result in words, the same in every format: "met (Class I - Open
    Science Model)", "not met (Class II violated)", "not proven (Class II not demonstrated: 2
    unknown)", "not proven (conformant, reached only on inferred evidence)": the level asked
    and why it falls short when it does (the policy's shortfall), else the outcome's label,
    never its id (`not-conformant`)."""
    verdict = policy["verdict"]
    if verdict == "FAIL":
        word = "not met"
    elif verdict == "NOT PROVEN":
        word = "not proven"
    else:
        word = "met by waiver" if policy["by_waiver"] else "met"
    if policy.get("shortfall"):
        return f"{word} ({policy['shortfall']})"
    why = _outcome_words(policy, target)
    if policy.get("below_certainty"):
        why += f", reached only on {policy['certainty']} evidence"
    elif verdict == "NOT PROVEN":
        why += ", unknowns remain"
    return f"{word} ({why})"


def unsettled_why(unsettled: Doc) -> str:
    """A verdict --fail-on-unknown fails the run for, read from the document, beside the
    gate's NOT PROVEN: "MOF 1.0 not definite: 2 unknown" (osai.report.unsettled_why)."""
    return why_of_unsettled(str(unsettled["name"]), str(unsettled["reason"]))


def waived_word(result: RequirementResult, accepted: Collection[str]) -> str:
    """How a report marks a requirement a waiver covers: "waived", or "accepted by waiver" for
    one met only on evidence weaker than --min-certainty whose waiver the gate passed by
    (Report.accepted_by_waiver); "" when the waiver did nothing for it."""
    if result.status is Status.WAIVED:
        return "waived"
    if result.requirement_id in accepted:
        return accepted_word(result.certainty.value if result.certainty is not None else None)
    return ""


def accepted_word(certainty: str | None) -> str:
    """A requirement met on `certainty` weaker than --min-certainty that a waiver let the gate
    take, as every report says it (waived_word; JUnit's, from the JSON document)."""
    return f"met on {certainty or 'weaker'} evidence, accepted by waiver"


def waiver_said(requirement: Doc) -> str:
    """A waived requirement's waiver as a person reads it, from the document: its reason, who
    approved it and until when (WaiverTerms.said); "" when it is not waived."""
    if not requirement["waiver"]:
        return ""
    approved_by = requirement.get("waiver_approved_by") or ""
    expires = requirement.get("waiver_expires") or ""
    return WaiverTerms(str(requirement["waiver"]), str(approved_by), str(expires)).said


def unsettled_said(unsettled: Doc) -> str:
    """The same after the option: "--fail-on-unknown: MOF 1.0 not proven (...)"
    (osai.report.unsettled_said)."""
    return said_of_unsettled(
        str(unsettled["name"]), str(unsettled["reason"]), str(unsettled["written_at"])
    )


def _outcome_words(policy: Doc, target: Doc) -> str:
    """The label of the outcome the policy saw, from its framework's verdict on the target,
    without its parenthesis (the phrase's own holds it); a level of duties met, the duties
    (the outcome they do not decide read "met (not exempt)")."""
    for framework in target["frameworks"]:
        duties = [
            str(r["title"]).split(" (", 1)[0].split(", ", 1)[0]
            for r in framework["requirements"]
            if framework["id"] == policy["framework"]
            and r["level"] == policy["level"]
            and not r["decides"]
        ]
        if duties:
            return "; ".join(duties)
        if framework["id"] == policy["framework"] and framework["outcome"] == policy["outcome"]:
            return label_head(str(framework["outcome_label"]))
    return str(policy["outcome"])


def is_remote(target: Doc) -> bool:
    return not names_a_path(str(target["target"]), str(target.get("source", "")))


def target_named(target: Doc, base: Path | None) -> str:
    """The target as a report tracked from run to run names it (a SARIF fingerprint, a JUnit
    classname): a local one by its path from the repository's root (`base`), as its results'
    locations are, however it was given; a Hub model, a URL as the run named it.  Code scanning
    matches an alert by fingerprint: `osai check $GITHUB_WORKSPACE/model.yml` named the
    checkout's directory in each, and `m` given from `models/` named it `m` where its absolute
    path named it `models/m`: two alerts for one result, each closed and opened anew when the
    step's directory or spelling changed."""
    return named_from_root(str(target["target"]), str(target.get("source", "")), base)


def named_from_root(name: str, source: str, base: Path | None) -> str:
    """A target (`name`, read from `source`) as target_named names it: a local one by its path
    from the repository's root (`base`), a Hub model or a URL as the run named it."""
    return run_places(base).target_named(name, source)


def report_base(report: Report) -> Path | None:
    """The repository the run started in (osai.paths.repository_root): relative locations are
    relative to it."""
    return Path(report.info.base_dir) if report.info.base_dir else None


def error_location(target: str, message: str, base: Path | None = None) -> Location | None:
    """The file and line a target's error names at its start (`bad.yml:3: release.type: ...`,
    as a manifest's problems are said; a directory's manifest's, `my-model/osai.yaml:3: ...`),
    or None: an annotation of a manifest that could not be checked was on no file, where the
    error said which line to mend."""
    if "://" in target:
        return None
    named = error_subject(target, message)
    if named:
        found = re.match(r":(\d+): ", message[len(named) :])
        # Named as an error names a target (its line breaks escaped, a paste cut), the file is
        # the target itself: the escaped name is another file's, or none's.
        path = target if named == target_name(target) else named
        return local_location(path, base, int(found.group(1))) if found else None
    inner = re.match(r"([^:]+):(\d+): ", message)
    if inner is None or not _within(inner.group(1), target):
        return None  # a Hub repository's osai.yaml:3 is no file of the run's
    return local_location(inner.group(1), base, int(inner.group(2)))


def _within(path: str, directory: str) -> bool:
    """Whether `path` names a file in `directory` (a target as the user typed it)."""
    path, directory = os.path.normpath(path), os.path.normpath(directory)
    if directory == ".":
        return not os.path.isabs(path) and path != ".." and not path.startswith("../")
    return path.startswith(directory.rstrip("/") + "/")


def local_location(path_text: str, base: Path | None = None, line: int | None = None) -> Location:
    """A file relative to `base` (the repository's root, else the run's directory) when it lies
    inside it, else absolute.  A relative `path_text` is as the user gave it, relative to the
    run's directory (rendered in the run's process), which may lie below `base`."""
    places = run_places(base)
    absolute, relative = from_root(path_text, places.here, places.root)
    if relative is None:
        return Location(absolute.as_uri(), line, str(absolute))
    # A name that is not UTF-8 (a lone surrogate each byte): its address quotes the bytes it
    # is made of, so that it names the file (as as_uri does above); its text shows U+FFFD, as a
    # listing does.  Quoted as text, it was an internal error (exit 70).
    return Location(quote(os.fsencode(relative), safe="/"), line, without_surrogates(relative))


def status_phrase(item: Reported) -> str:
    optional = "" if item.required else "optional, "
    return f"{optional}{item.status}"


def message_of(item: Reported, reasons: Mapping[tuple[str, str], str], gate: GateReach) -> str:
    """One line: whose requirement, its verdict, and why (`reasons`: the target's reasons as a
    person reads them, by framework and requirement id: settle.reasons_said_by_target); of one
    --baseline found worse, what it was there first (`gate`: "was met in base.json; now
    unknown: ...")."""
    requirement = item.requirement
    # A grade's reason opens with the grade ("closed: not partial: ...", "unknown (open or
    # partial? ...)"): the status said before it read "unmet: partial:", "unknown: unknown ("
    status = "" if item.graded else f"{status_phrase(item)}: "
    key = (str(item.target["target"]), str(item.framework["id"]), str(requirement["id"]))
    was = gate.was_said(*key)
    if was:
        status = f"{was}; now {status}"
    text = f"{item.target['name']}: {requirement['title']} — {status}"
    text += reasons[(str(item.framework["id"]), str(requirement["id"]))]
    if item.waived:
        text += f" (waived: {waiver_said(requirement)})"
    return text


# What the Hub's API calls its fields, in words (the JSON keeps the API's names).
_HOST_FIELDS = (
    ("siblings: ", "the Hub's file list: "),
    ("cardData.", "card metadata "),
    ("cardData", "card metadata"),
)
_HOST_FIELD = re.compile(r"\b(?:siblings: |cardData\.?)")


def release_place(provenance: Provenance, release: Release) -> str:
    """Where a citation was read, as the evidence column and the actions name it."""
    location = in_words(provenance.location)
    if "://" in provenance.location:
        return provenance.location
    # A file of the release itself keeps its path (src/model.py and tests/model.py are two
    # files); the target's own file (a manifest, a BOM, named by the heading) and what other
    # sources say (a linked repository, a listing) are said by their last name
    inside = provenance.source == release.source and not PurePath(location).is_absolute()
    keep = inside and provenance.location not in (release.target, release.file)
    where = location if keep or location != provenance.location else PurePath(location).name
    return where or location


def in_words(location: str) -> str:
    """A location or note as a person reads it: a host API's field names said in words."""
    if location == "tags":
        return "Hub tags"
    words = dict(_HOST_FIELDS)
    return _HOST_FIELD.sub(lambda match: words[match.group()], location)


# What a followed link was followed as, in words (the JSON keeps the kind's id).
_LINK_KINDS = {
    "producer-code": "producer's code",
    "third-party-code": "third-party code",
    "base-model": "base model",
}


def link_kind(link: FollowedLink) -> str:
    """What a followed link was followed as, as a person reads it ("third-party code", not the
    id "third-party-code")."""
    return _LINK_KINDS.get(link.kind, link.kind)


def link_answer(link: FollowedLink, readings: Mapping[str, str]) -> str:
    """A followed link's answer as a person reads it: the licence the part of it that opens
    with it names (FollowedLink.licence; a moved repository's answer opens "now …; ") named as
    the report's table and verdicts name it (`readings`: Report.licence_readings, a dataset
    card's `odc-by` read ODC-By-1.0, but as spelled where a mode judged the spelling), the rest
    as the host answered."""
    licence = link.licence
    read = readings.get(licence)
    if not licence or read is None:  # it names none, or the report names it as the host does
        return link.answer
    parts = link.answer.split("; ")
    for at, part in enumerate(parts):
        if part.startswith(licence):
            parts[at] = read + part.removeprefix(licence)
            return "; ".join(parts)
    return link.answer


def reason_in_words(reason: Reason, facts: Mapping[str, str]) -> str:
    """A verdict's reason with each fact it names (a FactRef) in the words `facts` gives it
    (osai.formatters.settle.fact_words: a title on a third party's release, where a manifest
    declares it on one's own): where the engine's text says `third_party_data_sources not
    stated`, `weights_access: approval`, a person reads "Training data obtainable from third
    parties, and where to obtain it: not stated"; and each place it names (a PlaceRef) as the
    evidence column says it (`in_words`: a gated card's "inherited from cardData.license" is
    from "card metadata license").  Its prose, a fact's value or a licence among it, stays as
    it is, whatever ids or API names it holds.  Every format a person reads says a reason
    through this."""
    said = ""
    for part in reason.parts:
        said += _part_in_words(part, facts, _mid_sentence(said))
    return said


def _mid_sentence(said: str) -> bool:
    """Whether what follows `said` runs on in its sentence ("…; but " + a fact's title), where
    a title is not capitalised; after a semicolon or a question a clause opens as a label does."""
    return len(said) >= 2 and said[-1] == " " and said[-2].isalpha()


def _part_in_words(part: str | FactRef | PlaceRef, facts: Mapping[str, str], mid: bool) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, PlaceRef):
        return in_words(part.location)
    words = facts.get(part.key)
    if words is None:
        return part.text
    return f"{title_mid_sentence(words) if mid else words}: "


def short_names(report: Report) -> dict[str, dict[str, str]]:
    """Per framework: level id → the level's short name (those that do not decide too), and ""
    → the framework's short name."""
    shorts: dict[str, dict[str, str]] = {}
    for assessment in report.assessments:
        for judged in assessment.frameworks:
            named = {**dict(judged.standing_levels), **dict(judged.levels)}
            shorts.setdefault(judged.framework_id, {**named, "": judged.short_name})
    return shorts


def licence_cell(licence: str | None, present: bool, readings: Mapping[str, str]) -> str:
    """A component's licence in a table of components, as osai reads it ('apache-2.0' is
    'Apache-2.0': Report.licence_readings): '?' for one released under a licence not known,
    'none' for one whose source states no licence.  (Evidence that quotes the source keeps its
    spelling.)"""
    if licence is None:
        return "?" if present else ""
    return readings.get(licence, licence).strip() or "none"


def stand_in_words(substituted_by: str, names: Mapping[str, str]) -> str:
    """How a component's verdict came from another one standing in for it, in a verdict cell
    ("via research paper"; "" when none did): the text and Markdown component tables say it
    alike."""
    if not substituted_by:
        return ""
    return f"via {names.get(substituted_by, substituted_by).lower()}"


# How decisive a status is for a framework's verdict: an unmet requirement decides it, an
# unknown one leaves it open, a waived one counts only with waivers, a met one decides nothing.
_DECISIVE = {"unmet": 0, "unknown": 1, "waived": 2, "met": 3}


def component_requirement(
    requirements: Iterable[tuple[str, Iterable[str], str, bool]],
    component_id: str,
    *,
    graded: bool = False,
) -> tuple[int, bool] | None:
    """Which requirement a component's cell in the text and Markdown tables shows, given each
    requirement's direct component, every component it names, its status and whether it
    decides the outcome: of those about the component itself, the most decisive (the EU AI
    Act's ✘ on Llama 2's weights is its licence's terms, unmet, not whether the licence grants
    the freedoms, unknown, the first of the three); else the first that names it (one way to
    meet it, a graded framework's measure); its index, and whether it is the component's own.
    None: no requirement names it.

    `graded`: a graded framework's cell is a grade, and a known grade comes before an unknown
    one.  An unknown grade decides nothing about the component: DeepSeek-R1's weights showed
    "?" (the base model's grade, which may not apply to it) beside their evidence, "EOSAI End
    User Model Weights: open", and the end model's grade, open; its research paper "?" (a
    peer-reviewed paper, not stated) where the preprint it is was graded open."""
    own: list[tuple[bool, bool, int, int]] = []
    naming: list[tuple[bool, int]] = []
    for index, (direct, components, status, decides) in enumerate(requirements):
        ungraded = graded and status == "unknown"
        if direct == component_id:
            rank = _DECISIVE.get(str(status), len(_DECISIVE))
            own.append((not decides, ungraded, rank, index))
        elif component_id in components:
            naming.append((ungraded, index))
    if own:
        return min(own)[-1], True
    return (min(naming)[-1], False) if naming else None


def status_marked(required: bool, status: str) -> bool:
    """Whether a component's verdict cell (the text and Markdown tables) starts with its status
    mark: an optional requirement not met counts for nothing in the verdict, so its cell says
    only that it is optional ("opt"), with no failure (✘) or question (?) mark: "OSAID ✘ opt"
    beside a component not released read as a failure."""
    return required or status in ("met", "waived")


SHARED = "one of"  # a cell's mark when the requirement shown is met in more ways than this one


def shared_words(component_id: str, met_by: Sequence[str], names: Mapping[str, str]) -> str:
    """A shared requirement's cell mark for one of its components: "one of", or, when the
    requirement is met and not through this component, what met it ("via research paper", as a
    stand-in's cell says; "via others" when several did): "✔ one of" beside a technical report
    not released read as if the report met it."""
    if not met_by or component_id in met_by:
        return SHARED
    # One named; several would not fit an 80-column row beside the other frameworks' cells.
    (only,) = met_by if len(met_by) == 1 else ("",)
    return f"via {names.get(only, only).lower()}" if only else "via others"


def framework_label(framework: Doc) -> str:
    """A JSON report's framework by its name, in the words every report names a verdict's
    framework by (named_in_mode): "Model Openness Framework 1.0 (mot mode)"."""
    return named_in_mode(f"{framework['name']} {framework['version']}", str(framework["mode"]))
