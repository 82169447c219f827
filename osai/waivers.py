"""Waivers against the rules: each names a requirement that can be waived, and one that has
expired is said in the report of every target that judged its requirement.  Pure."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from osai.assessment import Assessment, RequirementResult, WaiverTerms
from osai.config import KnownAs, Waiver, expiry_message
from osai.errors import BadInput
from osai.evidence import CONFIG_SOURCE, Certainty, Finding, FindingKind, Provenance
from osai.policy import met_as_sure
from osai.rules import Framework, Requirement, RuleSet
from osai.suggest import closest, meant_said
from osai.textsafe import joined, quoted_name
from osai.verdict import Status


def check_waived_rules(
    waivers: Iterable[Waiver], rules: RuleSet, replaced: Sequence[str] = ()
) -> None:
    """BadInput, at the waiver's FILE:LINE when known, for a rule no framework has or one of a
    graded framework (a grade is a measure: its score is gated instead).  `replaced`: the
    settings file's `add-framework` files that --add-framework replaced, whose rules the run
    does not know."""
    known = _frameworks_by_rule(rules)
    for waiver in waivers:
        rule = waiver.rule
        framework = known.get(rule) or _framework_named(rule, rules)
        where = f"{waiver.where}: " if waiver.where else ""
        scoped = _framework_scoped_by(rule, rules)
        if framework is None and scoped is not None:
            # a condition of applying at all: waived, a release out of scope would be judged
            # as owing what the framework never asks of it
            raise BadInput(
                f"{where}waiver for '{rule}': a condition of {scoped.short_name} applying at "
                "all is not a requirement, and is not waived (osai rules explain "
                f"{rule})"
            )
        if framework is None:
            hint = _unknown_rule_hint(rule, known, replaced)
            raise BadInput(f"{where}waiver for unknown requirement '{rule}'{hint}")
        named = rules.requirement(rule)
        if rule not in known and named is not None:  # `osaid:OSAID-CODE-TRAINING`
            raise BadInput(
                f"{where}waiver for '{rule}': a waiver names a requirement by its id alone "
                f"(rule: {named[1].id})"
            )
        if rule not in known and not framework.graded:
            raise BadInput(
                f"{where}waiver for '{rule}': a waiver names a requirement, not a framework"
                f"{' or a level' if ':' in rule else ''} (`osai rules show {framework.id}` "
                "lists its requirements)"
            )
        if framework.graded:
            raise BadInput(
                f"{where}waiver for '{rule}': {framework.short_name} is graded, and a grade is not "
                f"waived; gate its score instead (--require {framework.id}:0.5)"
            )


def _unknown_rule_hint(rule: str, known: Iterable[str], replaced: Sequence[str]) -> str:
    """The hint `osai rules explain` gives for the same slip; but where --add-framework replaced
    the settings file's own, a rule of another prefix is no misspelling of this one (NAOT-WEIGHTS
    of naol.yaml was "did you mean 'NAO-WEIGHTS'?", of the framework given instead): say what
    was replaced."""
    found = closest(rule.strip(), known)
    prefix = rule.strip().partition("-")[0].casefold()
    if replaced and (found is None or found.partition("-")[0].casefold() != prefix):
        files = ", ".join(quoted_name(path) for path in replaced)
        return (
            f" (--add-framework replaced the configuration's add-framework, {files}: "
            f"give {'it' if len(replaced) == 1 else 'them'} with --add-framework too)"
        )
    return meant_said(rule.strip(), found) or " (see osai rules list)"


def _frameworks_by_rule(rules: RuleSet) -> dict[str, Framework]:
    """Each requirement's id, and the framework it is of."""
    return {r.id: f for f in rules.frameworks.values() for r in f.requirements}


def _framework_scoped_by(rule: str, rules: RuleSet) -> Framework | None:
    """The framework whose `scope:` has a condition of this id, if one has."""
    return next((f for f in rules.frameworks.values() if any(c.id == rule for c in f.scope)), None)


def _framework_named(rule: str, rules: RuleSet) -> Framework | None:
    """The framework a waiver's `rule` names instead of a requirement (`mof`, `osi`, or a
    level of it, `mof:class-2`), if it does: it said "unknown requirement 'mof'", as if the
    id were misspelt, and not what a waiver names."""
    try:
        return rules.framework(rule.partition(":")[0])
    except BadInput:
        return None


def known_as(
    target: str, report_name: str, *, hub_id: str = "", revisions: tuple[str, ...] = ()
) -> KnownAs:
    """The names a model goes by: `target` as typed, `report_name` as the report names it
    (Release.target), their file names, the paths they are (absolute), and the Hub id it is
    known by (Release.hub_id: a Hub model's, a Hugging Face cache snapshot's; a path such as
    `Models/x.yml` is a valid id too, so only a model read as one has it).  A pattern matched
    only the target as typed: `./x.yml`, a Hub URL and a BOM's models never matched."""
    typed = tuple(dict.fromkeys((target.strip(), report_name)))
    files = tuple(PurePath(name.rstrip("/")).name for name in typed)
    paths = tuple(os.path.abspath(name) for name in typed if name)
    return KnownAs(tuple(dict.fromkeys((*typed, *files))), paths, hub_id, revisions)


def waived_for(model: KnownAs, waivers: Iterable[Waiver]) -> dict[str, WaiverTerms]:
    """The requirements waived for one model, each with the reason its reports show: the
    first waiver of a rule that covers the model (Waiver.applies_to)."""
    return {rule: waiver.terms for rule, waiver in _first_waivers(model, waivers).items()}


def _first_waivers(model: KnownAs, waivers: Iterable[Waiver]) -> dict[str, Waiver]:
    """Each rule's waiver for one model: the first of it that covers the model (the one place
    this is decided: what the engine waives by, and what `idle` calls a waiver coming first)."""
    first: dict[str, Waiver] = {}
    for waiver in waivers:
        if waiver.rule not in first and waiver.applies_to(model):
            first[waiver.rule] = waiver
    return first


def unmatched(waivers: Iterable[Waiver], models: Sequence[KnownAs]) -> tuple[str, ...]:
    """A line for each waiver with `model` patterns that match none of the run's models,
    naming those: a misspelt pattern waives nothing, silently, also in a list beside one that
    matches."""
    return tuple(
        f"waiver for {waiver.rule} ({waiver.where}): {_patterns(missing)} no target of this run"
        for waiver in waivers
        if (missing := waiver.unmatched_patterns(models))
    )


def _patterns(missing: Sequence[str]) -> str:
    """ "model x* matches", "models x* and y* each match": the patterns, in the number they take."""
    if len(missing) == 1:
        return f"model {missing[0]} matches"
    return f"models {joined(list(missing))} each match"


@dataclass(frozen=True)
class _Use:
    """What one waiver did across the run's targets."""

    waives: bool = False  # it waives the requirement somewhere (or may: a target not checked)
    met: bool = False  # a target it covers meets it, on evidence as strong as a gate asks
    earlier: frozenset[str] = frozenset()  # where the waivers that apply before it are
    # the targets where its rule refuses it (Requirement.waivable): unmet on evidence
    refused: tuple[str, ...] = ()

    @property
    def idle(self) -> bool:
        return (self.met or bool(self.earlier)) and not self.waives and not self.refused


def idle(
    waivers: Sequence[Waiver],
    judged: Sequence[tuple[KnownAs, Assessment | None]],
    min_certainty: Certainty,
    rules: RuleSet,
    frameworks: Sequence[Framework],
    frameworks_at: str = "",
) -> tuple[str, ...]:
    """A line for each waiver that waives nothing in the run: one of a requirement of a
    framework the run does not judge (`frameworks`: those -f, --require, a settings file's
    `frameworks` at `frameworks_at`, or the defaults ask for; an EUAIA- rule on a default run
    was silent, and its author believed it in force), and
    one that covers a target judging its requirement and waives nothing there: the requirement
    is met (on evidence as strong as `min_certainty`: a waiver accepts one met on weaker), or
    an earlier waiver of it applies first (waived_for).  A waiver left after its gap closed
    said nothing, and would waive the gap's return unseen; ruff and eslint report such a
    directive.  A waiver whose `model` matches no target is `unmatched`'s, not idle, nor one
    covering a target that could not be checked (assessment None): what it waives there is
    not known, and "every target it covers meets the requirement" said of a Hub model the run
    could not read invited deleting a waiver the next run needs."""
    uses = [_Use() for _ in waivers]
    for model, assessment in judged:
        first = _first_waivers(model, waivers)
        for index, waiver in enumerate(waivers):
            if not waiver.applies_to(model):
                continue
            use = uses[index]
            result = None if assessment is None else _result(assessment, waiver.rule)
            applied = first[waiver.rule]
            if assessment is None:  # what it waives there is not known: as far as anyone can tell
                uses[index] = replace(use, waives=True)
            elif result is None:
                continue
            elif _refuses(rules, result):
                uses[index] = replace(use, refused=(*use.refused, assessment.release.target))
            elif not _waives(result, min_certainty):
                uses[index] = replace(use, met=True)
            elif applied is waiver:
                uses[index] = replace(use, waives=True)
            else:
                uses[index] = replace(use, earlier=use.earlier | {applied.where or applied.rule})
    of_rule = _frameworks_by_rule(rules)
    judging = {framework.id for framework in frameworks}
    lines = []
    for waiver, use in zip(waivers, uses, strict=True):
        framework = of_rule.get(waiver.rule)
        if framework is not None and framework.id not in judging:
            lines.append(_unjudged_line(waiver, framework, rules, judging, frameworks_at))
        elif use.refused:
            lines.append(_refused_line(waiver, use.refused, rules))
        elif use.idle:
            lines.append(_idle_line(waiver, use))
    return tuple(lines)


def _refuses(rules: RuleSet, result: RequirementResult) -> bool:
    """Whether the requirement's rule refuses a waiver of it as judged (Requirement.waivable:
    unmet on evidence, where it takes a waiver only of what osai leaves unknown)."""
    requirement = _requirement(rules, result.requirement_id)
    return requirement is not None and not requirement.accepts_waiver(result.status)


def _requirement(rules: RuleSet, rule: str) -> Requirement | None:
    framework = _frameworks_by_rule(rules).get(rule)
    return framework.requirement(rule) if framework is not None else None


_REFUSED = (
    "unmet on evidence, and its rule takes a waiver only of what osai leaves unknown (a reading "
    "it cannot make), never of what the evidence fails"
)


def _refused_line(waiver: Waiver, targets: Sequence[str], rules: RuleSet) -> str:
    """A waiver its rule refuses where it covers a requirement unmet: "waiver for
    EUAIA-LICENCE-NO-DISQUALIFYING-TERMS (.osai.yaml:4) is not applied to llama.yml: unmet on
    evidence, …  (Guidelines C(2025) 5045 para 83)".  Waived "we have fewer than 700M MAU",
    the gate passed a licence the guidelines rule out whatever the licensee's size."""
    requirement = _requirement(rules, waiver.rule)
    source = f" ({requirement.citation.ref})" if requirement is not None else ""
    return (
        f"waiver for {waiver.rule}{_placed(waiver)} is not applied to {joined(list(targets))}: "
        f"{_REFUSED}{source}"
    )


def _placed(waiver: Waiver) -> str:
    """ " (FILE:LINE)" of a waiver read from a file, "" otherwise."""
    return f" ({waiver.where})" if waiver.where else ""


def note_refused(
    assessment: Assessment, waivers: Sequence[Waiver], model: KnownAs, rules: RuleSet
) -> Assessment:
    """The assessment, with a warning for each waiver covering its target that the rule of
    the requirement it names refuses there (_refuses), what fails it said: the report read
    "✘ not exempt" with no word of the waiver its author believed applied."""
    first = _first_waivers(model, waivers)
    notes = tuple(
        Finding(
            FindingKind.WARNING,
            f"waiver for {waiver.rule}{_placed(waiver)} is not applied: {result.reason.text} — "
            f"{_REFUSED} ({result.citation.ref})",
            (_waiver_provenance(waiver),),
        )
        for waiver in first.values()
        if (result := _result(assessment, waiver.rule)) is not None and _refuses(rules, result)
    )
    return replace(assessment, findings=assessment.findings + notes) if notes else assessment


def _waiver_provenance(waiver: Waiver) -> Provenance:
    """A warning's evidence of a waiver: the rule it names at its line, which is what the
    warning is about (reports that track it from run to run name it so:
    findings.cited_location), with the waiver's reason beside it."""
    return Provenance(
        CONFIG_SOURCE,
        waiver.location,
        waiver.rule,
        Certainty.DECLARED,
        waiver.line,
        note=waiver.reason,
    )


def _result(assessment: Assessment, rule: str) -> RequirementResult | None:
    found = (judged.result(rule) for judged in assessment.frameworks)
    return next((result for result in found if result is not None), None)


def _waives(result: RequirementResult, min_certainty: Certainty) -> bool:
    """Whether a waiver of it changes anything: it is not met, or met on weaker evidence."""
    return result.judged_status is not Status.MET or not met_as_sure(result, min_certainty)


def _idle_line(waiver: Waiver, use: _Use) -> str:
    earlier = sorted(use.earlier)
    first = f"the waiver{'s' if len(earlier) > 1 else ''} at {', '.join(earlier)} come"
    first += "" if len(earlier) > 1 else "s"
    if not earlier:
        why = "every target it covers meets the requirement"
    elif use.met:
        why = f"every target it covers meets the requirement, or {first} first"
    else:
        why = f"{first} first for every target it covers"
    return f"waiver for {waiver.rule}{_placed(waiver)} waives nothing in this run: {why}"


def _unjudged_line(
    waiver: Waiver, framework: Framework, rules: RuleSet, judging: set[str], frameworks_at: str
) -> str:
    """An idle waiver's line for a requirement of a framework the run does not judge, with the
    -f flags that judge it beside those judged (-f alone replaces the default frameworks), or,
    where a settings file's `frameworks` chose them, the id to add there: its -f flags sent
    the file's author to a command line that named no framework."""
    if frameworks_at:
        how = f"add {framework.id} to {frameworks_at}"
    else:
        how = "judge it with " + " ".join(
            f"-f {f.id}" for f in rules.frameworks.values() if f.id in judging | {framework.id}
        )
    return (
        f"waiver for {waiver.rule}{_placed(waiver)} waives nothing in this run: "
        f"{framework.short_name} is not judged ({how})"
    )


def note_expired(assessment: Assessment, expired: tuple[Waiver, ...], model: KnownAs) -> Assessment:
    """The assessment, with a warning for each expired waiver of a requirement it judged, that
    covered its target."""
    judged_ids = {r.requirement_id for f in assessment.frameworks for r in f.results}
    # Its evidence holds the rule the waiver names at its line, which is what the warning is
    # about (reports that track it from run to run name it so: findings.cited_location), with
    # the waiver's reason beside it.
    notes = tuple(
        Finding(
            FindingKind.WARNING,
            expiry_message(waiver),
            (_waiver_provenance(waiver),),
        )
        for waiver in expired
        if waiver.rule in judged_ids and waiver.applies_to(model)
    )
    return replace(assessment, findings=assessment.findings + notes)
