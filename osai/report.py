"""A run's result: every target's assessment or error, and the required policies' results."""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from functools import cached_property

from osai.assessment import Assessment
from osai.evidence import Certainty
from osai.textsafe import counted, quoted_name, target_name
from osai.verdict import Status

# A required policy's verdicts, worst first: a run's gate is the worst of its targets'.
# NOT COMPARED: --baseline's on a target it did not compare beside others it did (a target
# added to the release since the baseline): the README makes a target on one side a warning,
# not a failure, so it exits 0, yet a gate cell of PASS read as compared and no worse.
NOT_COMPARED = "NOT COMPARED"
GATE_ORDER = ("FAIL", "NOT PROVEN", NOT_COMPARED, "PASS (waived)", "PASS")
PASSING = frozenset({NOT_COMPARED, "PASS (waived)", "PASS"})  # the verdicts a gate exits 0 on


def worst_gate(verdicts: Iterable[str]) -> str:
    """The worst of a gated run's verdicts on a target (or on the run); PASS when there is none:
    under --fail-on-unknown alone a target whose every verdict is definite has no verdict of the
    gate, and passes it.  Its overview row said "—" (no gate) beside a headline, a JSON gate and
    a JUnit case that said PASS."""
    seen = set(verdicts)
    return next((verdict for verdict in GATE_ORDER if verdict in seen), "PASS")


@dataclass(frozen=True)
class RunGate:
    """The run's gate over every target checked: the worst of their verdicts (what the exit
    code says, but for targets that could not be checked), and the required policies passed,
    failed and not proven, and the verdicts --fail-on-unknown fails, counted."""

    verdict: str
    passed: int
    failed: int
    not_proven: int
    unsettled: int

    @property
    def passes(self) -> bool:
        """Whether every target checked passes it, by a waiver or not."""
        return self.verdict in PASSING


@dataclass(frozen=True)
class RequiredPolicy:
    """A policy the run must meet: a framework and a level of it (`--require mof:class-2`), or,
    for a graded framework, a score (`--require eosai:0.75`)."""

    spec: str
    framework_id: str
    level_id: str
    level_name: str
    threshold: float | None = None  # graded frameworks: the score required, 0..1
    # Where a settings file writes it (`.osai.yaml:1: require[0]`); "" when --require gave it.
    written_at: str = ""

    @property
    def named(self) -> str:
        return policy_named(self.spec, self.written_at)


def policy_named(spec: str, written_at: str = "", *, line: bool = True) -> str:
    """A required policy as every report names it: the flag that gave it (`--require osaid`),
    else the settings file that writes it (`require osaid (.osai.yaml:1)`; `line`: with its
    line, which a JUnit case's name, kept from run to run, leaves out).  A gate a settings file
    asked for was named as a flag, sending its reader to a command line that had none."""
    return setting_named(f"require {spec}", written_at, line=line)


def setting_named(setting: str, written_at: str, *, line: bool = True) -> str:
    """A setting of the gate (`require osaid`, `fail-on-unknown`) as the user gave it: the flag
    (`--require osaid`) when `written_at` is "", else as the settings file writes it, with
    FILE:LINE of its location (`FILE:LINE: key[i]`, as its errors name it) unless `line` is
    False."""
    if not written_at:
        return f"--{setting}"
    where = written_at.rpartition(": ")[0] or written_at
    return f"{setting} ({where})" if line else setting


def min_certainty_named(level: Certainty, written_at: str) -> str:
    """--min-certainty as every report names it: the flag, else the settings file that sets it
    (`min-certainty declared (.osai.yaml:3)`): a gate the file held to declared evidence named
    a flag its reader never gave."""
    return setting_named(f"min-certainty {level.value}", written_at)


@dataclass(frozen=True)
class PolicyResult:
    """Whether one target meets one required policy, and how sure that is."""

    target: str
    policy: RequiredPolicy
    met: bool
    outcome: str
    definite: bool
    outcome_label: str = ""
    by_waiver: bool = False
    certainty: Certainty | None = None  # how sure the level asked for is, when reached
    below_certainty: Certainty | None = None  # reached, but only on evidence weaker than this
    # The requirements the level rests on that were met only on that weaker evidence.
    weak_requirements: tuple[str, ...] = ()
    # Why the level asked is not met, in the framework's words ("Class II not demonstrated: 2
    # unknown", "Class II violated"); "" when met, or reached on weaker evidence only.
    shortfall: str = ""
    # Passed by waiver: the requirements met only on evidence weaker than --min-certainty that
    # a waiver accepted (each report names them with the waiver's reason and approver).
    accepted_requirements: tuple[str, ...] = ()
    # Not reached: the ids of the requirements deciding the level asked that are unmet or
    # unknown (waivers counted), those its shortfall counts, in the framework's order.
    blocking: tuple[str, ...] = ()
    # A level of duties that stand whatever the outcome (`decides: false`), not a level of it:
    # its outcome_label says the duties ("met: ..."), which no "reached" follows.
    duties: bool = False

    @property
    def verdict(self) -> str:
        """PASS, PASS (waived), FAIL (violated) or NOT PROVEN (unknowns remain)."""
        if self.met:
            return "PASS (waived)" if self.by_waiver else "PASS"
        return "FAIL" if self.definite else "NOT PROVEN"


@dataclass(frozen=True)
class UnsettledVerdict:
    """A framework verdict --fail-on-unknown fails the run for: not definite (requirements the
    verdict rests on are unknown), or resting on evidence weaker than --min-certainty.  The gate
    it fails is NOT PROVEN: nothing was shown violated, nothing proven."""

    target: str
    framework_id: str
    framework: str  # its short name and version, as reports name it: "MOF 1.0"
    unknown: int  # requirements still unknown that the verdict waits on
    certainty: Certainty | None = None  # the weakest evidence the verdict rests on
    below_certainty: Certainty | None = None  # definite, but only on evidence weaker than this
    waiting_on: tuple[str, ...] = ()  # the ids of the `unknown` requirements
    # Where a settings file turns --fail-on-unknown on (`.osai.yaml:2: fail-on-unknown`); ""
    # when the flag did.
    written_at: str = ""
    min_certainty_at: str = ""  # where a settings file sets --min-certainty ("" the flag)

    @property
    def verdict(self) -> str:
        return "NOT PROVEN"

    @property
    def reason(self) -> str:
        """Why, in a few words: "not definite: 2 unknown", "rests on inferred evidence, below
        --min-certainty detected"."""
        if self.below_certainty is not None and self.certainty is not None:
            below = min_certainty_named(self.below_certainty, self.min_certainty_at)
            return f"rests on {self.certainty.value} evidence, below {below}"
        return f"not definite: {self.unknown} unknown"

    @property
    def gate_said(self) -> str:
        """What the gate says of it, as every report does (unsettled_said)."""
        return unsettled_said(self.framework, self.reason, self.written_at)

    @property
    def gate_why(self) -> str:
        """The same beside the gate's NOT PROVEN (unsettled_why)."""
        named = fail_on_unknown_named(self.written_at)
        return f"{named}: {unsettled_why(self.framework, self.reason)}"

    @property
    def said(self) -> str:
        """One line for a person, standard error's: the target, then what the gate says."""
        return f"{self.target}: {self.gate_said}"


@dataclass(frozen=True)
class RequirementChange:
    requirement: str
    old: Status
    new: Status
    reason: str  # why it is what it is now
    # graded, the grade fallen within one status: the two grades by name ("" otherwise)
    old_grade: str = ""
    new_grade: str = ""

    @property
    def moved(self) -> str:
        """ "met → unmet", or a graded one's "partial → closed" where its status held."""
        if self.old_grade and self.new_grade:
            return f"{self.old_grade} → {self.new_grade}"
        return f"{self.old} → {self.new}"

    @property
    def was(self) -> str:
        """What it was in the baseline, as `moved` says it: "met", or a graded one's "partial"
        where its status held."""
        return self.old_grade if self.old_grade and self.new_grade else str(self.old)


@dataclass(frozen=True)
class Regression:
    """A framework judged on one target in both runs whose outcome, or one of whose
    requirements, got worse."""

    target: str
    framework: str  # short name and version: "MOF 1.0"
    framework_id: str  # "mof": what a report's framework is matched by
    old: str  # the outcome in words
    new: str
    outcome_worse: bool
    requirements: tuple[RequirementChange, ...]
    # Where all that got worse went unknown: the linked resources that gave this run no answer
    # ("URL (why)"), which may be why.  Links never fail a check; a gate comparing with the
    # last run failed on a server that did not answer, and said nothing of it.
    unanswered: tuple[str, ...] = ()
    # A Hub model judged at another commit than the baseline's: both, in words ("" otherwise)
    revisions: str = ""

    @property
    def said(self) -> str:
        """ "org/m MOF 1.0 Class II → Class III; data-card met → unmet (CC-BY-NC-4.0 …)"."""
        at = f" ({self.revisions})" if self.revisions else ""
        return f"{self.target}{at} {self.change_said}"

    @property
    def change_said(self) -> str:
        """What got worse, the target unnamed: "MOF 1.0 Class II → Class III; …"."""
        return self._changes_said(len(self.requirements))

    @property
    def brief(self) -> str:
        """change_said up to its first requirement, the rest counted: "OSAID 1.0 conformant →
        not conformant; OSAID-PARAMETERS met → unmet (…); +4 more requirements worse".  A
        gate's reason (BaselineComparison.gate_why) gave every requirement of every framework,
        30 lines of a CI log for one licence changed, where a required policy's gives its first."""
        return self._changes_said(1)

    def _changes_said(self, shown: int) -> str:
        outcome = f"{self.old} → {self.new}" if self.old != self.new else self.new
        parts = [f"{self.framework} {outcome}"]
        if self.unanswered:  # first: what may explain all that follows
            parts.append(self.unanswered_said)
        parts.extend(
            f"{c.requirement} {c.moved}" + (f" ({c.reason})" if c.reason else "")
            for c in self.requirements[:shown]
        )
        more = len(self.requirements) - shown
        if more > 0:
            parts.append(f"+{more} more requirement{'s' if more > 1 else ''} worse")
        return "; ".join(parts)

    @property
    def unanswered_said(self) -> str:
        """ "while 3 linked resources gave no answer (URL (why) and 2 more), which may be why:
        run again …": the first in full, the rest counted (the JSON lists each)."""
        first, more = self.unanswered[0], len(self.unanswered) - 1
        which = f"{more + 1} linked resources" if more else "a linked resource"
        listed = f"{first} and {more} more" if more else first
        return f"while {which} gave no answer ({listed}), which may be why: run again"


@dataclass(frozen=True)
class RulesMoved:
    """A framework judged under other rules than in the baseline (another version of them, or
    another mode), so not compared: its outcome moved with the rules, not the release."""

    target: str  # this run's name of the target
    framework: str  # its short name: "EOSAI"
    what: str  # "version" or "mode"
    new: str
    old: str

    @property
    def in_baseline_said(self) -> str:
        """ "version '1.0', '0.9' in the baseline", as the warning on each framework says it."""
        here, there = quoted_name(self.new, 20), quoted_name(self.old, 20)
        return f"{self.what} {here}, {there} in the baseline"

    @property
    def said(self) -> str:
        """ "EOSAI '2026-05-01' here, '2025-11-02' in the baseline"."""
        mode = " mode" if self.what == "mode" else ""
        here, there = quoted_name(self.new, 20), quoted_name(self.old, 20)
        return f"{self.framework}{mode} {here} here, {there} in the baseline"


@dataclass(frozen=True)
class LinksMoved:
    """A target's links followed on one side only (--follow, --no-follow): every framework of
    it judged on other evidence than in the baseline, so the target not compared.  Its own
    type: told as a framework named "links" moved from "not followed", the remedy was read
    from the words shown."""

    target: str  # this run's name of the target
    followed: bool  # in this run; the baseline's the other

    @property
    def _here(self) -> str:
        return "followed" if self.followed else "not followed"

    @property
    def _there(self) -> str:
        return "not followed" if self.followed else "followed"

    @property
    def flag(self) -> str:
        """The option that judges as the baseline was."""
        return "--no-follow" if self.followed else "--follow"

    @property
    def in_baseline_said(self) -> str:
        """ "with links followed, not followed in the baseline (--no-follow)": the flag that
        judges as the baseline was (it said --follow either way)."""
        return f"with links {self._here}, {self._there} in the baseline ({self.flag})"

    @property
    def said(self) -> str:
        """ "links followed here, not followed in the baseline"."""
        return f"links {self._here} here, {self._there} in the baseline"


@dataclass(frozen=True)
class BaselineComparison:
    name: str  # the baseline file as the user gave it
    regressions: tuple[Regression, ...]
    better: int  # outcomes and requirements that got better
    unmatched: tuple[str, ...]  # targets and frameworks judged on one side only, in words
    # (target, framework id) of each framework judged in both runs, on a target in both, and
    # compared: JUnit's case for one left out said it passed the baseline
    compared: tuple[tuple[str, str], ...] = ()
    # this run's targets of which no framework was compared (in the baseline under no name,
    # or judged otherwise there): "no regression" was said of two targets, one renamed and
    # relicensed non-commercial, the other alone compared
    uncompared: tuple[str, ...] = ()
    # this run's targets that could not be checked (exit 2 or 3): neither compared nor
    # unmatched, an outage read as "nothing compared … write the baseline again"
    unchecked: tuple[str, ...] = ()
    # each framework not compared because it was judged under other rules than the baseline's:
    # the reason a run compared nothing, where a newer osai moved a framework's version
    moved: tuple[RulesMoved, ...] = ()
    # each target not compared because its links were followed on one side only
    links_moved: tuple[LinksMoved, ...] = ()

    @property
    def passes(self) -> bool:
        """Nothing got worse, and something was compared: a regression gate that compares
        nothing proves nothing, so it is NOT PROVEN (exit 1), as a required policy whose
        requirements are unknown is, a gate passing only on proof (README); nor does one
        with targets it could not check (an outage), of which nothing was shown no worse."""
        return not self.regressions and not self.unproven

    @property
    def unproven(self) -> bool:
        """Nothing got worse, yet no regression is proven absent: nothing was compared, or a
        target could not be checked (its JSON said PASS and `passes: true` beside exit 3)."""
        return not self.regressions and (
            self.compared_nothing or bool(self.unchecked) or bool(self.judged_otherwise)
        )

    @property
    def judged_otherwise(self) -> tuple[str, ...]:
        """This run's targets in the baseline of which nothing was compared because they were
        judged otherwise there (links followed on one side only, a framework's version or
        mode): not shown no worse, so NOT PROVEN, as one such target alone is.  Beside a target
        that was compared it counted as NOT COMPARED, new since the baseline, and the run
        passed.  A target merely new stays NOT COMPARED."""
        return tuple(target for target in self.uncompared if target in self._moved_targets)

    @property
    def _moved_targets(self) -> frozenset[str]:
        """The targets of which some framework was judged otherwise than in the baseline."""
        moved = (m.target for m in self.moved)
        return frozenset((*moved, *(m.target for m in self.links_moved)))

    @property
    def compared_nothing(self) -> bool:
        return not self.regressions and not self.compared

    @property
    def compared_targets(self) -> tuple[str, ...]:
        """This run's targets of which a framework was compared, once each, in order."""
        return tuple(dict.fromkeys(target for target, _ in self.compared))

    @property
    def verdict(self) -> str:
        """The gate's verdict on the run's comparison, as a required policy's is said."""
        return "FAIL" if self.regressions else "NOT PROVEN" if self.unproven else "PASS"

    def target_verdict(self, target: str) -> str:
        """The baseline's verdict on one target checked: FAIL where it got worse, NOT PROVEN
        where the run compared nothing, NOT COMPARED where others were compared and it was not
        (a target new since the baseline: a warning, exit 0), else PASS."""
        if self.target_regressions(target):
            return "FAIL"
        if self.compared_nothing or target in self.judged_otherwise:
            return "NOT PROVEN"
        return NOT_COMPARED if target in self.uncompared else "PASS"

    @property
    def partial(self) -> bool:
        """Nothing got worse, yet some of this run's targets were not compared or could not be
        checked: said beside the gate's verdict, which alone read as all compared."""
        return not self.regressions and bool(self.uncompared or self.unchecked)

    @property
    def said(self) -> str:
        """The gate's line, the one wording of every format: what got worse, first, or what was
        compared and found no worse, never "no regression" of a target not compared."""
        if self.regressions:
            return self.worse_said(self.regressions)
        if self.compared_nothing:
            unchecked = self.unchecked and self.uncompared  # else _why_nothing says them
            also = f"; could not be checked: {_named(self.unchecked)}" if unchecked else ""
            return f"baseline: nothing compared {self._why_nothing}{also}"
        better = f" ({self.better} better)" if self.better else ""
        if not self.uncompared and not self.unchecked:
            return f"baseline: no regression{better}"
        compared = len(self.compared_targets)
        total = compared + len(self.uncompared) + len(self.unchecked)
        parts = [f"baseline: no regression in {compared} of {total} targets{better}"]
        otherwise = self.judged_otherwise
        if otherwise:
            why = self._why_judged_otherwise(otherwise, "not")
            parts.append(f"not compared with {self.name}: {_named(otherwise)} {why}")
        new = tuple(target for target in self.uncompared if target not in otherwise)
        if new:
            parts.append(f"not compared with {self.name}: {_named(new)}")
        if self.unchecked:
            parts.append(f"could not be checked: {_named(self.unchecked)}")
        return "; ".join(parts)

    @property
    def _why_nothing(self) -> str:
        """Why the run compared nothing, and what to do: its targets could not be checked (an
        outage is no mismatch of the baseline), or were judged under other rules (a newer osai:
        EOSAI's version is its database's date), or none is in both."""
        if self.unchecked and not self.uncompared:
            return f"({_named(self.unchecked)} could not be checked), so nothing proven"
        if self._moved_targets:
            return self._why_judged_otherwise(self._moved_targets)
        both = f"no target and framework in both {self.name} and this run"
        return f"({both}), so nothing proven: compare the same targets, or write {self.name} again"

    def _why_judged_otherwise(self, targets: Collection[str], proven: str = "nothing") -> str:
        """Why `targets` were not compared, judged otherwise than in the baseline, and what to
        do: "(judged with links followed here, not followed in the baseline), so nothing
        proven: check with --no-follow as the baseline was, or write OLD.json again"."""
        links = next((m for m in self.links_moved if m.target in targets), None)
        if links is not None:
            return (
                f"(judged with {links.said}), so {proven} proven: check with {links.flag} as "
                f"the baseline was, or write {self.name} again"
            )
        moved = [m for m in self.moved if m.target in targets]
        first, more = moved[0].said, len({m.framework for m in moved}) - 1
        judged = f"{first}; {counted(more, 'more framework')} likewise" if more else first
        again = (
            f"write {self.name} again with this osai"
            if any(m.what == "version" for m in moved)
            else f"judge in the baseline's mode, or write {self.name} again"
        )
        return f"(judged under {judged}), so {proven} proven: {again}"

    def worse_said(self, regressions: Iterable[Regression]) -> str:
        """ "baseline: worse than OLD.json: org/m MOF 1.0 Class II → Class III; …"."""
        return f"baseline: worse than {self.name}: {'; '.join(r.said for r in regressions)}"

    def said_of(self, target: str) -> str:
        """The gate's line on one target: what got worse on it, or that it was not compared
        beside others that were; "" otherwise (the run's line, `said`, says it)."""
        found = self.target_regressions(target)
        if found:
            return self.worse_said(found)
        if self.target_verdict(target) == NOT_COMPARED:
            return f"baseline: {quoted_name(target)} not compared with {self.name}"
        if target in self.judged_otherwise and not self.compared_nothing:
            why = self._why_judged_otherwise((target,), "not")
            return f"baseline: {quoted_name(target)} not compared with {self.name} {why}"
        return ""

    def unproven_said(self, target: str) -> str:
        """Why the baseline leaves one target NOT PROVEN (target_verdict), in the words the
        summary gives: the run compared nothing, or the target was judged otherwise than in the
        baseline beside others compared; "" where it is not.  The one test SARIF's result and
        JUnit's failure share: a target judged otherwise (exit 1) was no SARIF result and a
        skipped JUnit case with a generic reason."""
        if self.target_verdict(target) != "NOT PROVEN":
            return ""
        return self.said if self.compared_nothing else self.said_of(target)

    def gate_why(self, target: str) -> str:
        """Why the baseline fails the gate on one target, beside a required policy's why
        ("--require osaid: not conformant — …"), each framework's first requirement (the report
        says each), "" when nothing got worse on it: a summary of several targets showed FAIL
        and nothing of a regression."""
        found = self.target_regressions(target)
        worse = "; ".join(regression.brief for regression in found)
        at = f" ({found[0].revisions})" if found and found[0].revisions else ""
        return f"--baseline {self.name}: worse{at} — {worse}" if found else ""

    def target_regressions(self, target: str) -> tuple[Regression, ...]:
        return tuple(r for r in self.regressions if r.target == target)


def _named(targets: Sequence[str]) -> str:
    """ "'a.yml'", or "'a.yml' and 2 more"."""
    first, more = quoted_name(targets[0]), len(targets) - 1
    return f"{first} and {more} more" if more else first


@dataclass(frozen=True)
class UnheldVerdicts:
    """A framework --fail-on-unknown leaves out although its verdict is not definite: with
    required policies it holds only their frameworks to a definite verdict (README), and a
    report saying OSAID "? not demonstrated" beside the gate's PASS read as the flag ignored."""

    framework: str  # its short name and version: "OSAID 1.0"
    targets: tuple[str, ...]  # where its verdict is not definite
    held: tuple[str, ...]  # the required frameworks the flag holds: ("MOF 1.0",)
    written_at: str = ""  # where a settings file turns --fail-on-unknown on ("" the flag)

    @property
    def said(self) -> str:
        """The run's warning: "--fail-on-unknown holds only the required MOF 1.0 to a definite
        verdict: OSAID 1.0, not definite on org/name, does not fail the run"."""
        where = self.targets[0] if len(self.targets) == 1 else f"{len(self.targets)} targets"
        return (
            f"{fail_on_unknown_named(self.written_at)} holds only the required "
            f"{' and '.join(self.held)} to a definite verdict: {self.framework}, "
            f"not definite on {where}, does not fail the run"
        )


def unsettled_phrase(framework: str, reason: str) -> str:
    """A verdict --fail-on-unknown fails the run for, in words, the one wording of every format
    (`framework` its short name and version, `reason` UnsettledVerdict.reason): "MOF 1.0 not
    proven (not definite: 2 unknown)".  The text report said "MOF 1.0 not definite: 2
    unknown" and standard error "MOF 1.0 is not definite (...)" beside the others' words."""
    return f"{framework} not proven ({reason})"


def unsettled_why(framework: str, reason: str) -> str:
    """The phrase beside a gate's NOT PROVEN, which already says it is not proven: "MOF 1.0
    not definite: 2 unknown" (the line read "NOT PROVEN ... MOF 1.0 not proven (...)")."""
    return f"{framework} {reason}"


def unsettled_said(framework: str, reason: str, written_at: str = "") -> str:
    """The phrase after the option that failed the run: "--fail-on-unknown: MOF 1.0 not proven
    (not definite: 2 unknown)", where a line does not name the option apart (a table's column
    does); the settings file's line that turned it on, if one did (fail_on_unknown_named)."""
    return f"{fail_on_unknown_named(written_at)}: {unsettled_phrase(framework, reason)}"


def definite_said(written_at: str = "") -> str:
    """A target --fail-on-unknown alone gates, every verdict definite: it passes, said beside
    PASS as a required policy's pass is ("--fail-on-unknown: every verdict definite")."""
    return f"{fail_on_unknown_named(written_at)}: every verdict definite"


def fail_on_unknown_named(written_at: str = "", *, line: bool = True) -> str:
    """--fail-on-unknown as every report names it: the flag, else the settings file that turns
    it on (`fail-on-unknown (.osai.yaml:2)`; `line`: with its line), as policy_named names a
    required policy."""
    return setting_named("fail-on-unknown", written_at, line=line)


@dataclass(frozen=True)
class TargetError:
    """A target that could not be judged, and why (bad input: 2; evidence unavailable: 3)."""

    target: str
    message: str  # as raised: it may name the target its own way ("org/name: ...", "x.yml:3: ...")
    exit_code: int

    @property
    def problems(self) -> tuple[str, ...]:
        """Each problem apart, in order: the message holds one a line (OsaiError's str escapes a
        line break inside one problem), as standard error says them."""
        return tuple(self.message.splitlines()) or (self.message,)

    @property
    def said(self) -> str:
        """The target and why, as one line of its own (standard error)."""
        return error_said(self.target, self.message)


def error_said(target: str, message: str) -> str:
    """A target that could not be checked and why, on one line, the target named once: a
    message that already names it, as typed or as osai read it, stands alone."""
    if not target.strip() or error_subject(target, message):  # an empty target: no name
        return message
    named = target_name(target)
    # A file's several problems, one a line (a directory's manifest): each line names the target,
    # as the first does, so no line of a run over several targets reads as another's.
    return "\n".join(f"{named}: {line}" for line in message.splitlines() or [message])


def error_subject(target: str, message: str) -> str:
    """How `message` names `target` at its start ("" when it does not): as typed, or as osai
    read it, a URL's repository (`org/name` for `https://huggingface.co/org/name`) or a
    path's normal form (`bad.yml` for `./bad.yml`)."""
    named = target_name(target)  # a paste of kilobytes is named cut
    if message.startswith(f"{named}:"):
        return named
    head = message.split(":", 1)[0]
    if not head.strip() or " " in head:
        return ""
    typed = target.rstrip("/") if "://" in target else posixpath.normpath(target)
    return head if typed == head or typed.endswith(f"/{head}") else ""


@dataclass(frozen=True)
class RunInfo:
    tool_version: str
    spdx_list_version: str
    frameworks: tuple[tuple[str, str, str, str], ...]  # id, name, version, mode
    component_names: tuple[tuple[str, str], ...] = ()  # id, name
    plural_components: tuple[str, ...] = ()  # ids of those whose name is a plural noun
    fact_names: tuple[tuple[str, str, str], ...] = ()  # id, title, where a manifest declares it
    # a category fact's values in words (rules/components.yaml value_titles): id, value, words
    fact_value_titles: tuple[tuple[str, str, str], ...] = ()
    # what each inference rule and reading assumes, in words (rules/inference.yaml): id, title
    inference_titles: tuple[tuple[str, str], ...] = ()
    terminal: bool = False
    base_dir: str = ""  # where relative locations in CI formats are relative to (repo root)
    # Framework id → its file as the user gave it, for each framework of one's own that `osai
    # rules` knows only when told (osai.cli.configuration.named_frameworks): a report's hint
    # names the file.
    framework_files: tuple[tuple[str, str], ...] = ()
    # When an AI BOM says it was made (ISO 8601, UTC): SOURCE_DATE_EPOCH's, as reproducible builds
    # date what they make; "" none, and a BOM stays the same bytes from run to run
    bom_created: str = ""

    def rules_command(self, verb: str, subject: str, framework_id: str) -> str:
        """The `osai rules` command a report points to for one of the run's frameworks."""
        return rules_command(verb, subject, dict(self.framework_files).get(framework_id, ""))


def rules_command(verb: str, subject: str, framework_file: str = "") -> str:
    """`osai rules VERB SUBJECT` (show a framework, explain a requirement), a command that works
    when copied: for a framework of one's own, with `--add-framework FILE` (`framework_file`,
    shell-quoted), which the plain command, knowing the bundled ones only, called unknown."""
    told = f" --add-framework {shlex.quote(framework_file)}" if framework_file else ""
    return f"osai rules {verb} {subject}{told}"


class Verbosity(IntEnum):
    """How much a report for a person says: -q the headline, -v every requirement."""

    QUIET = -1
    NORMAL = 0
    VERBOSE = 1


class Annotate(StrEnum):
    """Which requirements GitHub annotations name: only failures, or every open one."""

    FAILURES = "failures"
    ALL = "all"


@dataclass(frozen=True)
class View:
    """How a report is presented (formats for machines ignore it)."""

    width: int = 100  # the terminal's columns: no line of the text report is longer
    verbosity: Verbosity = Verbosity.NORMAL
    color: bool = False
    # the encoding of the stream the text is printed on: a symbol it cannot encode is laid out
    # as its ASCII stand-in (osai.formatters.standins); a file is UTF-8
    encoding: str = "utf-8"
    annotate: Annotate = Annotate.ALL  # GitHub annotations
    full_report: str = ""  # where the full report is written (-o), for pointers to it
    # Where a reader finds the full report, in words, when that is no file of this run: the
    # GitHub Action says "the job summary" (OSAI_FULL_REPORT), where it appends the Markdown;
    # the file itself, on the runner, is opened by no one.  It wins over `full_report`.
    full_report_in: str = ""


@dataclass(frozen=True)
class LicenceNote:
    """What osai knows of a licence a verdict names: its name and the terms that fail it
    (rules/licenses.yaml), so a report can say why in its own words."""

    licence: str  # as the verdicts name it (an id or an expression)
    name: str
    restriction: str = ""  # the licence's terms, in its words
    categories: tuple[str, ...] = ()  # restriction categories' titles
    # whether `osai licenses show` reads it (osai.licence_spelling.refused_lookup): a report
    # points to that command only then ("Apache-2.0 OR", from a card, is refused there)
    shown_by_lookup: bool = True
    # the terms rules/licenses.yaml tags, each with its categories' ids (LicenceInfo.term_tags)
    term_tags: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        """The terms one by one: rules/licenses.yaml writes a licence's restriction as terms
        separated by "; ", else its restriction categories stand for them."""
        if self.restriction:
            return tuple(term.strip() for term in self.restriction.split("; ") if term.strip())
        return self.categories

    def failing_first(self, terms: Sequence[str], categories: Collection[str]) -> tuple[str, ...]:
        """`terms`, those tagged with one of `categories` (the ones a rule rejects) first, the
        rest in their order: a headline that keeps one term named the Databricks Open Model
        License's acceptable-use policy, which the AI Act's para 83 does not rule out, and hid
        the user threshold it does behind "+2 more terms"."""
        failing = self.failing(terms, categories)
        return tuple(sorted(terms, key=lambda term: term not in failing))

    def failing(self, terms: Sequence[str], categories: Collection[str]) -> tuple[str, ...]:
        """Those of `terms` tagged with one of `categories`: the ones a rule rejects."""
        tagged = dict(self.term_tags)
        return tuple(term for term in terms if set(tagged.get(term, ())) & set(categories))


# (target, framework id) → the levels its required policies ask for, and those below them.
GatedLevels = Mapping[tuple[str, str], frozenset[str]]


@dataclass(frozen=True)
class GateReach:
    """What the run's gate fails a requirement for, the one answer the CI formats share
    (findings.gated_severity: GitHub's ::error, SARIF's level error, JUnit's failure): an unmet
    requirement of a level the required policies cover (`levels`), or one --baseline found worse
    than in the earlier report (`regressed`: target, framework id, requirement id), which fails
    the gate whatever its status now.  Without the second, what got worse was a warning like
    every old gap, and only the gate's line, on no file, was an error."""

    levels: GatedLevels
    # (target, framework id, requirement id) → what it was in the baseline ("met")
    regressed: Mapping[tuple[str, str, str], str] = field(default_factory=dict)
    baseline: str = ""  # the --baseline report, as the user named it

    def got_worse(self, target: str, framework_id: str, requirement: str) -> bool:
        return (target, framework_id, requirement) in self.regressed

    def was_said(self, target: str, framework_id: str, requirement: str) -> str:
        """ "was met in base.json", of a requirement --baseline found worse ("" of any other):
        its annotation read "— unknown: …" like every old gap, and only the gate's line, on no
        file, said it had been met."""
        was = self.regressed.get((target, framework_id, requirement))
        return f"was {was} in {self.baseline}" if was else ""


@dataclass(frozen=True)
class Report:
    info: RunInfo
    assessments: tuple[Assessment, ...]
    errors: tuple[TargetError, ...] = ()
    policies: tuple[PolicyResult, ...] = ()
    view: View = View()
    licences: Mapping[str, LicenceNote] = field(default_factory=dict)
    # Each component's licence as its source spelled it → as osai reads it (the SPDX expression:
    # 'apache-2.0' → 'Apache-2.0'), where the two differ: what a table of components shows.
    licence_readings: Mapping[str, str] = field(default_factory=dict)
    fail_on_unknown: bool = False  # the run fails on the verdicts in `unsettled`
    # The verdicts --fail-on-unknown fails the run for (empty without it): part of the gate.
    unsettled: tuple[UnsettledVerdict, ...] = ()
    # What the run warns of, in the words standard error gives them (a waiver matching no
    # target, one expired, what a public-assessment snapshot skipped...): said in the reports a
    # script or code scanning reads (JSON `warnings`, SARIF toolExecutionNotifications) too.
    warnings: tuple[str, ...] = ()
    # Where a settings file turns it on (`.osai.yaml:2: fail-on-unknown`); "" when the flag did.
    # The run's, not a verdict's: a run whose verdicts are all definite has none to name it by.
    fail_on_unknown_at: str = ""
    min_certainty_at: str = ""  # where a settings file sets --min-certainty ("" the flag)
    # --exit-zero: a gate that fails exits 0 (osai.policy.exit_code_for); every report that
    # gives the gate says so, or a report saying FAIL sat beside a step that passed.
    exit_zero: bool = False
    # --baseline OLD.json: the run against an earlier report; a regression fails the gate.
    baseline: BaselineComparison | None = None

    def accepted_by_waiver(self, target: str) -> frozenset[str]:
        """The id of each requirement a waiver accepted for the gate on
        one target, met only on evidence weaker than --min-certainty: a ✔ no report said was
        waived, where the gate passed only by its waiver."""
        return frozenset(
            requirement
            for result in self.policies
            if result.target == target
            for requirement in result.accepted_requirements
        )

    def gate_verdicts(self, target: str) -> tuple[str, ...]:
        """Every verdict of the gate on one target: its required policies', then NOT PROVEN
        for each verdict --fail-on-unknown fails it for, then --baseline's (target_verdict)."""
        policies = (result.verdict for result in self.policies if result.target == target)
        unsettled = (item.verdict for item in self.unsettled if item.target == target)
        # --baseline's, where it is not PASS (a PASS adds nothing: under --fail-on-unknown a
        # target of no other verdict passes as definite)
        compared = "PASS" if self.baseline is None else self.baseline.target_verdict(target)
        return (*policies, *unsettled, *((compared,) if compared != "PASS" else ()))

    def passes_as_definite(self, target: str) -> bool:
        """Whether --fail-on-unknown is the target's whole gate and it passes (no required
        policy, no verdict it fails): the gate's PASS with no line of its own said it nowhere
        but in a summary's count (definite_said)."""
        return self.fail_on_unknown and not self.gate_verdicts(target)

    def warnings_beside_gate(self) -> tuple[str, ...]:
        """The run's warnings but those the gate already says (a verdict --fail-on-unknown
        fails is a warning on standard error and NOT PROVEN in the gate): what a report that
        gives the gate adds of them."""
        gated = {verdict.said for verdict in self.unsettled}
        return tuple(warning for warning in self.warnings if warning not in gated)

    def gated_levels(self) -> GatedLevels:
        """The levels each target's required policies cover: `--require mof:class-2` needs
        Class III and Class II, not Class I, and nothing of another framework (a score
        threshold covers every level of its framework)."""
        return self._gated_levels

    @cached_property
    def _gated_levels(self) -> GatedLevels:
        # once a report: asked for each target's actions and next steps, worked out anew each
        # time it went over every target, 180 manifests cost 32,400 framework visits
        levels = {
            (a.release.target, f.framework_id): [level for level, _ in f.levels]
            for a in self.assessments
            for f in a.frameworks
        }
        gated: dict[tuple[str, str], set[str]] = {}
        for result in self.policies:
            key = (result.target, result.policy.framework_id)
            order = levels.get(key, [])
            wanted = result.policy.level_id
            # a score covers every level; a level of duties (not on the ladder) none of them
            upto = order[: order.index(wanted) + 1] if wanted in order else [] if wanted else order
            gated.setdefault(key, set()).update(upto)
        return {key: frozenset(found) for key, found in gated.items()}

    def gate_reach(self) -> GateReach:
        """What the run's gate fails a requirement for (GateReach): the levels the required
        policies cover, and the requirements --baseline found worse."""
        if self.baseline is None:
            return GateReach(self.gated_levels())
        regressed = {
            (regression.target, regression.framework_id, change.requirement): change.was
            for regression in self.baseline.regressions
            for change in regression.requirements
        }
        return GateReach(self.gated_levels(), regressed, self.baseline.name)

    def asked_levels(self, assessment: Assessment) -> dict[str, str]:
        """Framework id → the highest level the gate asks of this target (gated_levels), for
        the frameworks it asks a level of: what every report's steps lead toward (the text's
        actions, the JSON's next_steps), so that `--require mof:class-1` on a release at Class
        III lists Class I's open requirements too, not Class II's alone."""
        gated = self.gated_levels()
        found = {}
        for judged in assessment.frameworks:
            asked = gated.get((assessment.release.target, judged.framework_id), frozenset())
            ladder = [level for level, _ in judged.levels if level in asked]
            if ladder:
                found[judged.framework_id] = ladder[-1]
        return found

    def required_named(self) -> tuple[str, ...]:
        """The required policies as the user gave them, once each, in order (`--require osaid`,
        `require mof:class-iii` from a settings file): a summary of several targets said
        "gate: 3 FAIL" with no word of what the gate asked for."""
        named = (
            policy_named(r.policy.spec, r.policy.written_at, line=False) for r in self.policies
        )
        return tuple(dict.fromkeys(named))

    def gate_settings(self) -> tuple[str, ...]:
        """Every setting of the run's gate: the required policies, then --fail-on-unknown, then
        --baseline."""
        unsettled = fail_on_unknown_named(self.fail_on_unknown_at, line=False)
        baseline = () if self.baseline is None else (f"--baseline {self.baseline.name}",)
        return (
            *self.required_named(),
            *((unsettled,) if self.fail_on_unknown else ()),
            *baseline,
        )

    @property
    def gated(self) -> bool:
        """Whether the run has a gate: required policies, --fail-on-unknown, or --baseline."""
        return bool(self.policies) or self.fail_on_unknown or self.baseline is not None

    def target_gate(self, target: str) -> str | None:
        """The gate's verdict on one target checked, the worst of its gate_verdicts (PASS when
        it has none); None when the run has no gate."""
        return worst_gate(self.gate_verdicts(target)) if self.gated else None

    def run_gate(self) -> RunGate | None:
        """The gate over the whole run; None when it has none.  A target with no verdict of
        the gate (--fail-on-unknown, every verdict definite) passes."""
        if not self.gated:
            return None
        # NOT COMPARED is a target's, never the run's: the run's baseline compared others
        # (else it is NOT PROVEN), and "2 targets checked: NOT COMPARED" read as none was
        verdicts = [
            verdict
            for a in self.assessments
            for verdict in self.gate_verdicts(a.release.target)
            if verdict != NOT_COMPARED
        ]
        # the baseline's over the run too: a target it could not check leaves the run's
        # comparison NOT PROVEN though each target checked passes it (JSON said PASS, exit 3)
        if self.baseline is not None:
            verdicts.append(self.baseline.verdict)
        passed = sum(1 for result in self.policies if result.met)
        failed = sum(1 for result in self.policies if result.verdict == "FAIL")
        return RunGate(
            worst_gate(verdicts),
            passed,
            failed,
            len(self.policies) - passed - failed,
            len(self.unsettled),
        )
