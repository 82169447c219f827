"""The answer first: per framework, the verdict, how sure it is, and what blocks the next level,
each blocker named once with its reason.  Pure; every name comes from the rule files.

A framework of levels says what it reached and what violates the next level ("no class reached:
Class III violated by …"), or, when nothing violates it, that the level is not demonstrated and
how many requirements are unknown.  A graded framework says its score and the grades below the
top.  A licence that blocks is named with its terms (rules/licenses.yaml), the first time only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from osai.assessment import (
    Assessment,
    FrameworkAssessment,
    RequirementResult,
    Status,
    label_head,
    not_demonstrated,
    noted,
)
from osai.evidence import Presence
from osai.formatters.findings import reason_in_words
from osai.formatters.settle import settle_hint
from osai.report import LicenceNote, PolicyResult, Report
from osai.textsafe import joined, listed, one_line
from osai.verdict import WhyUnknown, respelling_said

# "outside": the release is shown outside the framework's scope (as the evidence table's "—",
# not asked by that framework): neither met nor violated.
MARK = {"met": "✔", "unmet": "✘", "unknown": "?", "graded": "≈", "outside": "—"}
UNMET = "unmet"
_NAMED_UNKNOWNS = 4
READINGS = (WhyUnknown.LEFT_TO_READING, WhyUnknown.LICENCE_UNJUDGED)  # what a reading settles


@dataclass(frozen=True)
class Reason:
    """One clause of what blocks the next level: what it says, and, for a licence, the terms
    that fail it, apart so that a narrow report can give the first terms and count the rest."""

    said: str  # "Model parameters (Final) under Llama 2 Community License Agreement"
    terms: tuple[str, ...] = ()  # "Acceptable Use Policy", …
    # What it stands for, counted, so that a report that leaves it out can say what it hides:
    # how many requirements, and their status ("unmet", "unknown", "waived", or a grade).
    status: str = ""
    count: int = 0
    # Where the licence comes from ("inherited from license.distribution"): said before the
    # terms, and neither counted as one nor cut ("(inherited from …; +1 more term)" called the
    # licence's one reason a term, and hid it).
    origin: str = ""
    # What makes it pass, where the verdict says (verdict.respelling_said: "this mode matches
    # licence ids verbatim: write `Apache-2.0`"): kept by every cut, after the terms kept.
    action: str = ""
    # What its terms are, as the count of those cut names them: a licence's own "term"s
    # (rules/licenses.yaml), or the verdict's "reason" where the licence has none recorded.
    noun: str = "term"

    @property
    def fewest_terms(self) -> int:
        """The fewest terms a cut keeps: one, which says why, unless the action says what to do."""
        return 0 if self.action else min(len(self.terms), 1)

    def shown(self, terms: int | None = None) -> str:
        """With the first `terms` terms (None: all), and how many more there are."""
        if not (self.terms or self.origin or self.action):
            return self.said
        kept = self.terms if terms is None else self.terms[: max(terms, self.fewest_terms)]
        left = len(self.terms) - len(kept)
        more = [f"+{left} more {self.noun}{'s' if left > 1 else ''}"] if left else []
        said = [*([self.origin] if self.origin else []), *kept]
        return f"{self.said} ({'; '.join([*said, *([self.action] if self.action else []), *more])})"

    def __str__(self) -> str:
        return self.shown()


def whatever_the_outcome(label: str, *, opens: bool = False) -> str:
    """How every report introduces the duties a level that does not decide holds
    (Level.decides), by that level's label in its rule file: "whatever the outcome, a
    general-purpose AI model's provider still owes" (the EU AI Act's).  Every report said
    "still owed" of any such level, whatever its author named it.  `opens`: it begins a line
    of its own, as a sentence ("whatever the outcome" under a headline's "+1 more unknown"
    read as the end of its list)."""
    return f"{'W' if opens else 'w'}hatever the outcome, {label}"


@dataclass(frozen=True)
class Standing:
    """The duties of one level that does not decide, as a headline lists them."""

    said: str  # whatever_the_outcome(its label)
    duties: tuple[tuple[str, str], ...]  # (mark, title)

    def __str__(self) -> str:
        return f"{self.said}: " + "; ".join(f"{mark} {title}" for mark, title in self.duties)


@dataclass(frozen=True)
class FrameworkHeadline:
    name: str  # "OSAID 1.0"
    tone: str  # met | unmet | unknown | graded
    verdict: str  # "not conformant (declared)", "Class III not demonstrated (3 unknown)"
    reasons: tuple[Reason, ...]  # what blocks the next level, one clause per kind of blocker
    # The requirements of the next level still unknown, when they decide it, that more
    # evidence settles (not those left to a reading): what the hint to settle them speaks of
    to_settle: tuple[RequirementResult, ...] = ()
    standing: tuple[Standing, ...] = ()  # duties owed whatever the outcome, per level
    # The verdict in a few words, as sure as it is: "conformant (inferred)", "Class III
    # (declared)", "Class II not demonstrated" (a one-line summary of several frameworks).
    brief: str = ""

    @property
    def mark(self) -> str:
        return MARK[self.tone]

    @property
    def said(self) -> str:
        """The verdict and every reason, in full, on one line."""
        return self.verdict + (" — " + "; ".join(map(str, self.reasons)) if self.reasons else "")

    def left_out(self, kept: int) -> str:
        """What the reasons after the first `kept` stand for, counted by status: "+4 more
        unmet, 5 unknown" (a count of reasons would read "+1 more" for ten requirements, and
        their sum, "+9 more", left the reader to guess what they were)."""
        counts: dict[str, int] = {}
        for reason in self.reasons[kept:]:
            counts[reason.status] = counts.get(reason.status, 0) + reason.count
        return more(counts) or f"+{len(self.reasons) - kept} more"


def more(counts: Mapping[str, int]) -> str:
    """Requirements a headline does not name, counted by status, in the one wording every
    headline uses, cut or not: "+5 more unknown", "+4 more unmet, 5 unknown" ("" when none).
    An uncut line said "; 5 more unknown" where a cut one said "+5 more unknown"."""
    parts = [f"{n} {status}" for status, n in counts.items() if n and status]
    if not parts:
        return ""
    return "+" + ", ".join([parts[0].replace(" ", " more ", 1), *parts[1:]])


@dataclass(frozen=True)
class Headline:
    frameworks: tuple[FrameworkHeadline, ...]
    settle: str  # how to settle what is unknown; "" when nothing is


def headline(
    assessment: Assessment,
    licences: Mapping[str, LicenceNote],
    names: Mapping[str, str],
    facts: Mapping[str, str] | None = None,
) -> Headline:
    """`names`: component id → name, in the vocabulary's order (rules/components.yaml), the
    order of the blockers each line names; `facts`: fact id → title."""
    fact_titles = facts or {}
    # licences a line already explained, each with the terms every cut of that line names
    explained: dict[tuple[str, ...], set[str]] = {}
    lines = tuple(
        _noted(
            _outside(judged)
            if judged.out_of_scope is not None
            else replace(
                _graded(judged)
                if judged.kind == "graded"
                else _levels(judged, assessment, licences, names, fact_titles, explained),
                standing=_standing(judged),
            ),
            judged.outcome_note,
        )
        for judged in assessment.frameworks
    )
    unknown = tuple(result for line in lines for result in line.to_settle)
    # a target that is not the one meant (a cache folder: Finding.misdirected) is settled by
    # checking the right one, which its warning names, not by a manifest written into it
    misdirected = any(finding.misdirected for finding in assessment.findings)
    return Headline(lines, settle_hint(assessment, unknown) if unknown and not misdirected else "")


def _noted(line: FrameworkHeadline, note: str) -> FrameworkHeadline:
    """The verdict with whose it is, where the rule file says (Framework.outcome_note): in the
    headline, and in Markdown's summary line and detail, which give these words."""
    if not note:
        return line
    return replace(line, verdict=noted(line.verdict, note), brief=noted(line.brief, note))


def _outside(judged: FrameworkAssessment) -> FrameworkHeadline:
    """A release shown outside the framework's scope: the scope's label, as sure as its
    evidence, and nothing owed or blocking (no requirement was judged)."""
    name = judged.name_in_mode
    certainty = f" ({judged.certainty.value})" if judged.certainty is not None else ""
    verdict = _with_certainty(judged.outcome_label, certainty)
    return FrameworkHeadline(name, "outside", verdict, (), brief=judged.brief_label + certainty)


def _standing(judged: FrameworkAssessment) -> tuple[Standing, ...]:
    marks = {Status.MET: "✔", Status.UNMET: "✘", Status.UNKNOWN: "?", Status.WAIVED: "≈"}
    return tuple(
        Standing(
            whatever_the_outcome(judged.level_label(level), opens=True),
            tuple((marks[r.status], short_title(r.title).split(", ", 1)[0]) for r in results),
        )
        for level, results in judged.standing()
    )


def _levels(
    judged: FrameworkAssessment,
    assessment: Assessment,
    licences: Mapping[str, LicenceNote],
    names: Mapping[str, str],
    facts: Mapping[str, str],
    explained: dict[tuple[str, ...], set[str]],
) -> FrameworkHeadline:
    name = judged.name_in_mode
    certainty = f" ({judged.certainty.value})" if judged.certainty is not None else ""
    open_ = judged.blocking()
    unmet = [r for r in open_ if r.status is Status.UNMET]
    unknown = [r for r in open_ if r.status is Status.UNKNOWN]
    waived = [r for r in open_ if r.status is Status.WAIVED]
    reached = judged.best_level_proven
    single = len(judged.levels) <= 1
    next_label = judged.level_label(judged.next_level) if judged.next_level else ""
    # A level reached is its outcome, named in full by the rules ("Class III - Open Model"),
    # below the top as at it: "Class III (declared)" sat beside "Class I - Open Science Model
    # (declared)" in the next report.  The brief (a summary's cell) keeps the level's label.
    named = _with_certainty(judged.outcome_label, certainty)
    if not judged.next_level:  # the top level: nothing blocks
        return FrameworkHeadline(name, "met", named, (), brief=judged.brief_label + certainty)
    reasons = _unmet_clauses(unmet, assessment, licences, names, explained, facts)
    # The verdict is the evidence's: a waived requirement unmet still violates the level (it
    # read "? not conformant (4 unknown)" where JSON and the summary said ✘ not conformant)
    if unmet or any(r.judged_status is Status.UNMET for r in waived):
        more_unknown = Reason(more({"unknown": len(unknown)}), (), "unknown", len(unknown))
        brief = f"{judged.brief_label}{certainty}"
        if single or not reached:
            verdict = brief + ("" if single else f": {next_label} violated")
        else:
            verdict = f"{named}; {next_label} not met"  # reached one: "violated" read as a breach
        tone = "met" if reached else "unmet"
        if unmet:
            reasons += ((more_unknown,) if unknown else ()) + _waived(
                waived, names, facts, licences
            )
            # The next level is violated: its unknowns cannot change the verdict, so none is
            # counted as one to settle (a hint to settle them would point at nothing shown).
            return FrameworkHeadline(name, tone, verdict, reasons, brief=brief)
        # Violated by waived requirements alone: a gate the waivers pass waits on the unknowns
        reasons = _waived(waived, names, facts, licences) + ((more_unknown,) if unknown else ())
        return FrameworkHeadline(
            name, tone, verdict, reasons, _settled_by_evidence(unknown), brief=brief
        )
    count = f"({len(unknown)} unknown)" if unknown else ""
    brief = judged.brief_label + (certainty if reached else "")
    if reached and not single:
        verdict = f"{named}; {not_demonstrated(next_label)} {count}".strip()
    else:
        verdict = f"{brief} {count}".strip()
    clauses: tuple[Reason, ...] = ()
    said = _unknown_clause(unknown, names, facts, licences)
    said_unknown = Reason(said, (), "unknown", len(unknown))
    clauses += (said_unknown,) if unknown else ()
    clauses += _waived(waived, names, facts, licences)
    tone = "met" if reached else "unknown"
    # The hint to settle unknowns by stating more counts only what more evidence settles: a
    # licence or a declared value the rule leaves to a reading is the action's "review" (a
    # waiver records the reading), and "declare them in …" pointed at what was declared
    # (_settled_by_evidence).
    return FrameworkHeadline(
        name, tone, verdict, clauses, _settled_by_evidence(unknown), brief=brief
    )


def violations_up_to(
    judged: FrameworkAssessment,
    level_id: str,
    assessment: Assessment,
    licences: Mapping[str, LicenceNote],
    names: Mapping[str, str],
    facts: Mapping[str, str],
) -> tuple[Reason, ...]:
    """What violates a level, in the headline's words: the unmet requirements that decide it
    and the levels below, the lowest level's first.  The headline speaks of the next level
    alone: a gate on a level above it (--require mof:class-2 where Class III waits on an
    unknown) needs its own reasons, or the unknown reads as the violation."""
    ladder = [level for level, _ in judged.levels]
    unmet = [r for r in judged.deciding_up_to(level_id) if r.status is Status.UNMET]
    unmet.sort(key=lambda r: ladder.index(r.level))
    return _unmet_clauses(unmet, assessment, licences, names, {}, facts)


def policy_blockers(report: Report, result: PolicyResult) -> str:
    """What keeps a required policy from passing, in its framework's headline words: the first
    reason, and what the others count ("Inference code; Evaluation data", "Model parameters
    (Final) under CC-BY-NC-4.0 (…); +3 more unmet"); "" when it is met, when the level asked is
    reached on evidence too weak (what to declare says why: settle.gate_declare) or when none
    is named.  The gate line on standard error and every CI format's gate failure (JUnit, SARIF,
    GitHub, from the JSON report's `blocked_by`) say it so: JUnit said "not proven (Class II not
    demonstrated: 2 unknown)" and left the two among the skipped cases that block nothing."""
    if result.met or result.below_certainty is not None:
        return ""
    assessment = next((a for a in report.assessments if a.release.target == result.target), None)
    judged = assessment.framework(result.policy.framework_id) if assessment else None
    if assessment is None or judged is None:
        return ""
    if result.policy.level_id in dict(judged.standing_levels):
        return ""  # a level of duties: its shortfall names each duty not met (_duties_result)
    names = dict(report.info.component_names)
    facts = {fact: title for fact, title, _ in report.info.fact_names}
    answer = headline(assessment, report.licences, names, facts)
    line = next(
        line
        for framework, line in zip(assessment.frameworks, answer.frameworks, strict=True)
        if framework.framework_id == judged.framework_id
    )
    # what keeps it back (policy.evaluate_policies): the requirements a gate's "N unknown" counts
    waiting = [r for r in judged.results if r.requirement_id in result.blocking]
    if result.policy.threshold is not None and not result.definite:
        # a score not proven: its unknown grades, not the grades below the top the headline
        # names ("— partial: Model card", while 11 of 12 grades were unknown)
        line = replace(line, reasons=_unknown_reasons(waiting, names, facts, report.licences))
    elif _beyond_the_headline(result, judged):
        level = result.policy.level_id
        if result.definite:
            reasons = violations_up_to(judged, level, assessment, report.licences, names, facts)
        else:
            # not violated: its blocking requirements are all unknown; and those waived
            waived = [r for r in judged.deciding_up_to(level) if r.status is Status.WAIVED]
            reasons = _unknown_reasons(waiting, names, facts, report.licences)
            reasons += _waived(waived, names, facts, report.licences)
        line = replace(line, reasons=reasons)
    return first_reason(line)


def first_reason(line: FrameworkHeadline) -> str:
    """A headline's first reason, with its first term, and what the others count ("Model
    parameters (Final) under … (Acceptable Use Policy; +2 more terms); +10 more unknown"): why,
    in a line, as a gate's blockers and a summary of several targets say it; "" when none."""
    if not line.reasons:
        return ""
    rest = f"; {line.left_out(1)}" if len(line.reasons) > 1 else ""
    return f"{line.reasons[0].shown(1)}{rest}"


def _beyond_the_headline(result: PolicyResult, judged: FrameworkAssessment) -> bool:
    """Whether a gate's level is not reached above the next level, the one the headline's
    reasons are about: its unknowns are not why a level above it is violated, and are only some
    of what a level above it waits on (--require mof:class-1 "13 unknown" named Class III's
    five, "+1 more unknown")."""
    level = result.policy.level_id
    return (
        bool(level)
        and result.policy.threshold is None
        and not result.met
        and (level != judged.next_level)
    )


def _unknown_reasons(
    unknown: Sequence[RequirementResult],
    names: Mapping[str, str],
    facts: Mapping[str, str],
    licences: Mapping[str, LicenceNote],
) -> tuple[Reason, ...]:
    """The unknown requirements as one reason, named as a headline names them, counted."""
    if not unknown:
        return ()
    return (Reason(_unknown_clause(unknown, names, facts, licences), (), "unknown", len(unknown)),)


def _settled_by_evidence(unknown: Sequence[RequirementResult]) -> tuple[RequirementResult, ...]:
    """The unknown requirements more evidence settles, not a reading nor a correction: those the
    hint to settle what is unknown by stating more speaks of.  One that stated facts alone keep
    from being met (RequirementResult.settled_by_statement) is settled by no further statement:
    "declare them in" pointed at a manifest whose statements contradicted each other."""
    return tuple(r for r in unknown if r.why_unknown not in READINGS and r.settled_by_statement)


def _with_certainty(label: str, certainty: str) -> str:
    """ "conformant (Open Source AI)" and " (inferred)" → "conformant (Open Source AI; inferred)":
    two parentheses in a row read as two afterthoughts."""
    if certainty and label.endswith(")"):
        return f"{label[:-1]}; {certainty.strip(' ()')})"
    return label + certainty


def _waived(
    waived: Sequence[RequirementResult],
    names: Mapping[str, str],
    facts: Mapping[str, str],
    licences: Mapping[str, LicenceNote],
) -> tuple[Reason, ...]:
    if not waived:
        return ()
    subjects = dict.fromkeys(
        f"{s}{_waived_licence(r, licences)}" for r in waived for s in subjects_of(r, names, facts)
    )
    return (Reason(f"waived: {_listed(list(subjects))}", (), "waived", len(waived)),)


def _waived_licence(result: RequirementResult, licences: Mapping[str, LicenceNote]) -> str:
    """The licence a waived requirement of a component's licence is about, unknown under it
    (_under_licence) or unmet for it: the weights' licence waived twice, once left to a reading
    and once failing, read "waived: Model parameters (Final) under Llama 3.1 Community License
    Agreement and Model parameters (Final)"."""
    failed = result.status_before_waiver is Status.UNMET and result.direct_component
    if failed and result.licence and not says_unlicensed(result.licence):
        return f" under {named(result.licence, licences)}"
    return _under_licence(result, licences)


def _under_licence(result: RequirementResult, licences: Mapping[str, LicenceNote]) -> str:
    """The licence a component's requirement is unknown for, where osai leaves it to a reading
    (its terms neither accepted nor refused): "exemption not shown — Model parameters (Final)"
    read, to a policy reader, as weights not shown public, where BLOOM's RAIL licence was what
    waited on a reading (para 84); "waived: Model parameters (Final)" as the weights waived."""
    if result.why_unknown is not WhyUnknown.LICENCE_UNJUDGED or not result.direct_component:
        return ""
    return f" under {named(result.licence, licences)}" if result.licence else ""


def _left_to_reading(result: RequirementResult, licences: Mapping[str, LicenceNote]) -> str:
    """What an unknown requirement's subject waits on, where a reading settles it (READINGS):
    the licence, and that it is left to a reading; "" where more evidence would settle it."""
    if result.why_unknown not in READINGS:
        return ""
    return f"{_under_licence(result, licences)} (left to a reading)"


# How much of a stated value (and the note it carries) the first lines say.
_STATED_LIMIT = 80


def _unmet_clauses(
    unmet: Sequence[RequirementResult],
    assessment: Assessment,
    licences: Mapping[str, LicenceNote],
    names: Mapping[str, str],
    explained: dict[tuple[str, ...], set[str]],
    facts: Mapping[str, str],
) -> tuple[Reason, ...]:
    # one subject a requirement, repeated or not, by its licence and those that may apply
    # instead (LicenceFact.alternatives: each fails it, or it would not be unmet), and by why
    # it fails: under strict MOF, Apache-2.0 on the weights is "not an open data licence" and
    # on the model card "not an open content licence"; one clause for both gave the card the
    # weights' reason.
    by_licence: dict[tuple[tuple[str, ...], LicenceWhy], list[str]] = {}
    # each licence clause's categories its requirements' policies reject: their terms first
    rejected: dict[tuple[tuple[str, ...], LicenceWhy], dict[str, None]] = {}
    absent: list[str] = []
    unlicensed: list[str] = []
    failing: list[str] = []
    other: list[str] = []
    order = {component: n for n, component in enumerate(names)}
    # a clause's first component's place, by the clause's kind, licences and why they fail
    rank: dict[tuple[str, tuple[str, ...], LicenceWhy], int] = {}
    for result in unmet:
        kind, subject = blocker_kind(result, assessment, names)
        if result.facts_failing:  # a value stated fails it, whatever its licence (`fails_if`)
            kind, subject = "failing", f"{subject}, {_failing_said(result, facts)}"
        key = (result.licence, *alternatives_of(result, assessment)) if kind == "licence" else ()
        why = _licence_why(result, key, assessment, licences) if kind == "licence" else NO_WHY
        place = order.get(result.direct_component, len(names))
        rank[(kind, key, why)] = min(rank.get((kind, key, why), place), place)
        if kind == "licence":
            by_licence.setdefault((key, why), []).append(subject)
            rejected.setdefault((key, why), {}).update(dict.fromkeys(result.licence_rejected))
        elif kind == "absent":
            absent.append(subject)
        elif kind == "unlicensed":
            unlicensed.append(subject)
        elif kind == "failing":
            failing.append(subject)
        elif kind == "fact" and (stated := result.reason.said_of_fact()):
            # the value that fails it, as -v says it: "not met: Trained with at most 10^25
            # FLOP" read as if nothing were known of the compute, where 2e+25 was declared.
            # A note the value carries is anyone's text, of any length: the first lines keep
            # one line of it, -v the rest.
            other.append(f"{subject} (stated: {one_line(stated, _STATED_LIMIT)})")
        else:
            other.append(subject)
    clauses: list[tuple[int, Reason]] = []
    # a licence whose terms another framework's line gave is not explained again; within this
    # line, each clause gives its own reason
    explained_before = {key: set(terms) for key, terms in explained.items()}
    for (key, why), subjects in by_licence.items():
        title = " or ".join(named(licence, licences) for licence in key)
        shown = _explained_once(why, key, licences, rejected[(key, why)], explained_before)
        said = f"{_blocked(subjects)} under {title}"
        reason = Reason(
            said, shown.terms, UNMET, len(subjects), shown.origin, shown.action, shown.noun
        )
        explained.setdefault(key, set()).update(reason.terms[: reason.fewest_terms])
        clauses.append((rank[("licence", key, why)], reason))
    if absent:
        said = f"{_blocked(absent)} not released"
        clauses.append((rank[("absent", (), NO_WHY)], Reason(said, (), UNMET, len(absent))))
    if unlicensed:
        said = f"{_blocked(unlicensed)} released with no licence"
        place = rank[("unlicensed", (), NO_WHY)]
        clauses.append((place, Reason(said, (), UNMET, len(unlicensed))))
    clauses.extend((rank[("failing", (), NO_WHY)], Reason(said, (), UNMET, 1)) for said in failing)
    # A requirement's title states what is required ("Data information available under
    # OSI-approved terms"): alone among the blockers it would read as if it held.
    clauses.extend(
        (len(names), Reason(f"not met: {s}", (), UNMET, other.count(s)))
        for s in dict.fromkeys(other)
    )
    # The clause a cut line keeps is the first: the model's own parts (its architecture, code and
    # weights) before what describes it (data, cards, papers), as the vocabulary orders them
    # (`names`), each clause by the first component it names; ties keep the kinds' order above.
    # Licences first, whatever they covered, gave Qwen's MOF line six lines at 80 columns for its
    # paper's arXiv licence and left "Data card not released" in "+3 more unmet".
    clauses.sort(key=lambda ranked: ranked[0])
    return tuple(reason for _, reason in clauses)


def _explained_once(
    why: LicenceWhy,
    key: tuple[str, ...],
    licences: Mapping[str, LicenceNote],
    rejected: Mapping[str, None],
    before: Mapping[tuple[str, ...], set[str]],
) -> LicenceWhy:
    """Why a licence fails this line's rule, the terms that fail it first; a licence an earlier
    framework's line explained is not explained again, but for the terms that fail this rule
    and no earlier line named: with the Databricks Open Model License, OSAID's line kept its
    acceptable-use policy, and the EU AI Act's, said after it, named no term, leaving out the
    user threshold para 83 rules out.  What to do is no explanation: each clause says its own."""
    note = licences.get(key[0])
    if key not in before:
        terms = note.failing_first(why.terms, rejected) if note is not None else why.terms
        return replace(why, terms=terms)
    failing = note.failing(why.terms, rejected) if note is not None else ()
    unnamed = tuple(term for term in failing if term not in before[key])
    return replace(NO_WHY, terms=unnamed, action=why.action, noun=why.noun)


def _failing_said(result: RequirementResult, facts: Mapping[str, str]) -> str:
    """What fails it whatever else it shows (its `fails_if`'s clause, RequirementResult.held_by:
    "but weights_access: approval (…)"), each fact in words mid-sentence (reason_in_words)."""
    said = (reason_in_words(held, facts) for held in result.held_by)
    return "; ".join(said).removeprefix("but ")


def _licence_why(
    result: RequirementResult,
    key: tuple[str, ...],
    assessment: Assessment,
    licences: Mapping[str, LicenceNote],
) -> LicenceWhy:
    """Why the licences `key` names fail `result`: the first one's reason, then the terms of
    those that may apply instead."""
    inherited, from_base = _inherited_from(result, assessment)
    found = licence_why(result, licences.get(result.licence), inherited, from_base)
    instead = (t for a in key[1:] if (n := licences.get(a)) is not None for t in n.terms)
    return replace(found, terms=tuple(dict.fromkeys((*found.terms, *instead))))


def says_unlicensed(licence: str) -> bool:
    """Whether a licence as a result or a source names it is the state "released with no
    licence" (a MOT listing's `unlicensed`): nothing to relicense, a licence to give."""
    return licence.strip().casefold() == "unlicensed"


def blocker_kind(
    result: RequirementResult, assessment: Assessment, names: Mapping[str, str]
) -> tuple[str, str]:
    """licence | absent | unlicensed | fact | alternatives | other, and what it is about."""
    component = result.direct_component
    if component:
        subject = names.get(component, component)
        if result.substituted_by:
            stand_in = names.get(result.substituted_by, result.substituted_by)
            subject = f"{stand_in} (in place of {subject})"
        evidence = assessment.release.components.get(component)
        absent = evidence is not None and evidence.presence is Presence.ABSENT
        if absent and not result.substituted_by:
            return "absent", subject
        if says_unlicensed(result.licence):
            return "unlicensed", subject
        if result.licence:
            return "licence", subject
        return "other", subject
    if result.facts and not result.components:
        return "fact", short_title(result.title)
    if len(result.components) > 1:
        # a graded grade left unknown: the components it is unknown for, not those it shows
        asked = result.components_unknown or result.components
        alternatives = or_listed([names.get(c, c) for c in asked])
        title = short_title(result.title)
        # "Training code (Training code)": the one component asked about is the title's
        return "alternatives", title if alternatives == title else f"{title} ({alternatives})"
    return "other", short_title(result.title)


def or_listed(subjects: Sequence[str]) -> str:
    return joined(list(dict.fromkeys(subjects)), "or")


def short_title(title: str) -> str:
    """A title without its parenthesis or its colon's explanation."""
    return title.split(" (", 1)[0].split(": ", 1)[0]


@dataclass(frozen=True)
class LicenceWhy:
    """Why a licence fails, apart: where it comes from, its terms (or the verdict's reason),
    and what to do where the verdict says (Reason's fields of the same names)."""

    origin: str = ""
    terms: tuple[str, ...] = ()
    action: str = ""
    noun: str = "term"


NO_WHY = LicenceWhy()


def licence_why(
    result: RequirementResult,
    note: LicenceNote | None,
    inherited: str = "",
    from_base: bool = False,
) -> LicenceWhy:
    """Why a licence fails, in few words: its terms as rules/licenses.yaml records them, else
    the verdict's own reason without the component's and the licence's names, and where the
    licence was inherited from first (the reason ends "(inherited from X)", which in the
    clause's own parenthesis would nest: "(inherited from X; not an open data licence)").
    A base model's licence that binds the model (`from_base`) is said to be its, before its
    terms: the card may declare another, and the first lines read as if it were the card's.
    A licence rejected only for its spelling (RequirementResult.respell) has its respelling
    apart, as what to do: the reason's last clause, it was the first a narrow headline cut."""
    action = respelling_said(result.respell) if result.respell else ""
    if note is not None and note.terms:
        return LicenceWhy(f"inherited from {inherited}" if from_base else "", note.terms, action)
    reason = result.reason.text.split(": ", 1)[-1]
    said = reason.split(": ", 1)[-1] if reason.startswith(result.licence) else reason
    said = said.replace(f"; {action}", "", 1) if action else said
    suffix = f" (inherited from {inherited})"
    origin = ""
    if inherited and suffix in said:
        origin, said = f"inherited from {inherited}", said.replace(suffix, "", 1)
    return LicenceWhy(origin, (said,) if said else (), action, "reason")


def named(licence: str, licences: Mapping[str, LicenceNote]) -> str:
    note = licences.get(licence)
    return note.name if note is not None and note.name else licence


def alternatives_of(result: RequirementResult, assessment: Assessment) -> tuple[str, ...]:
    """The licences that may apply instead of the one a verdict names (as their sources spell
    them), where osai cannot tell which: the headline names them all, as the reason does."""
    licence = assessment.release.component(result.direct_component).licence
    return licence.texts[1:] if licence is not None else ()


def _inherited_from(result: RequirementResult, assessment: Assessment) -> tuple[str, bool]:
    """Where a component's licence came from (a release-wide licence field, a base model), if
    it came from elsewhere, and whether a base model's licence binds it."""
    licence = assessment.release.component(result.direct_component).licence
    if licence is None:
        return "", False
    return licence.inherited_from, licence.from_base_model


def _unknown_clause(
    unknown: Sequence[RequirementResult],
    names: Mapping[str, str],
    facts: Mapping[str, str],
    licences: Mapping[str, LicenceNote],
) -> str:
    # One item a requirement, its facts together ("Input and output modalities, Capabilities
    # and intended uses, Limitations"), so the list counts what the verdict's "(N unknown)"
    # counts; the items parted by "; ".
    subjects = list(
        dict.fromkeys(
            _grouped(subjects_of(r, names, facts)) + _left_to_reading(r, licences) for r in unknown
        )
    )
    shown = subjects[:_NAMED_UNKNOWNS]
    # "; +1 more unknown", as the items are parted: after ", " it read as part of the last one
    # ("Training data obtainable from third parties, and where to obtain it, +1 more"); and
    # named, as every cut headline names what it leaves out ("+1 more unmet (see Actions)")
    left = len(subjects) - len(shown)
    return "; ".join([*shown, more({"unknown": left})] if left else shown)


def subjects_of(
    result: RequirementResult, names: Mapping[str, str], facts: Mapping[str, str]
) -> list[str]:
    """What a requirement is about, in words: its component, else its facts, else its title."""
    if result.direct_component:
        return [names.get(result.direct_component, result.direct_component)]
    if result.facts and not result.components:
        return [facts.get(fact, fact) for fact in result.facts_open or result.facts]
    return [short_title(result.title)]


def _listed(subjects: Sequence[str]) -> str:
    return listed(list(dict.fromkeys(subjects)))


def _blocked(subjects: Sequence[str]) -> str:
    """The components one blocker clause names.  A headline parts its clauses by "; ": names
    parted by "; " too, as a name with an "and" of its own asks elsewhere, read as clauses of
    their own ("not released; Supporting libraries and tools; Model parameters (Final) released
    with no licence": the libraries seemed to have no status), so they are grouped as one."""
    unique = list(dict.fromkeys(subjects))
    if any(", " in subject or " and " in subject for subject in unique):
        return _grouped(unique)
    return listed(unique)


def _grouped(subjects: Sequence[str]) -> str:
    """One requirement's subjects, as one item of a list parted by "; ": in prose, or where one
    has an "and" of its own, by commas alone ("Limitations and How to integrate and run the
    model" read as one subject), or by " / " where one has a comma too."""
    unique = list(dict.fromkeys(subjects))
    if any(", " in subject for subject in unique):
        return " / ".join(unique)
    if any(" and " in subject for subject in unique):
        return ", ".join(unique)
    return joined(unique)


def _graded(judged: FrameworkAssessment) -> FrameworkHeadline:
    name = judged.name_in_mode
    top = judged.score.scale[0][0] if judged.score is not None and judged.score.scale else ""
    below: dict[str, list[str]] = {}
    unknown: list[RequirementResult] = []
    for result in judged.results:
        if not result.decides:
            continue
        if result.grade and result.grade != top:
            below.setdefault(result.grade, []).append(short_title(result.title))
        elif not result.grade:
            unknown.append(result)
    # each grade by its name, as the reasons give it ("not disclosed", not `not-disclosed`)
    clauses = tuple(
        Reason(f"{named}: {_listed(titles)}", (), named, len(titles))
        for named, titles in ((judged.grade_name(g), titles) for g, titles in below.items())
    )
    brief = label_head(judged.outcome_label).split(": ", 1)[0]  # "score 0.92 over 11 of 12"
    # Unknown grades are settled as unknown levels are (EOSAI alone printed a score range and
    # no word of how to narrow it)
    settled = _settled_by_evidence(unknown)
    return FrameworkHeadline(name, "graded", judged.outcome_label, clauses, settled, brief=brief)
