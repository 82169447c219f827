"""What to do, not which requirements failed: the frameworks' open requirements grouped by the
component (or fact) they are about, each with its kind, ordered by what it unlocks.  Pure.

Kinds: `relicense` (released, under a licence a framework does not accept), `respell` (refused
only for its spelling, in a mode that matches licence ids verbatim), `license`
(released with no licence), `publish` (not released; "publish or relicense" for one of several
components, some released and some not; of one of several unknown, the kinds its parts need,
"declare or relicense"),
`document` (information that must be public), `change` (a value stated that fails: a price,
a training compute above the threshold, which no document settles), `review` (under a licence
osai knows whose terms a framework leaves to a reading, or a stated value its rule leaves to
one: read them, and waive the requirement with that reading),
`improve` (a graded framework's grade, earned on evidence and below the best: the rule's
remedy raises the score), `declare` (unknown, and the person checking owns the release: say it
in the manifest), `read` (unknown because what would state it could not be read, a gated card: let
osai read it, with a token), `correct` (unknown because statements of the release contradict each
other, its own among them: no further statement settles it).  On someone else's release nothing
can be declared: an unknown is for its publisher to document.  Which it is comes from the
requirement's typed `why_unknown`, never from its reason's words.

Order: an action that completes a framework's next level (with those before it) comes first;
then the ones more frameworks need; duties that stand whatever the outcome come last.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from osai.assessment import (
    Assessment,
    FrameworkAssessment,
    NextStep,
    PartJudged,
    RequirementResult,
    Status,
)
from osai.evidence import (
    BASE_MODEL_ORIGINS,
    PARAMETERS,
    FindingKind,
    Presence,
    Provenance,
    Unread,
    said_of_bases_unnamed,
)
from osai.formatters.findings import in_words, release_place
from osai.formatters.headline import (
    alternatives_of,
    blocker_kind,
    named,
    or_listed,
    says_unlicensed,
    short_title,
)
from osai.formatters.settle import card_corrected, fact_words, restricted_by_card
from osai.hubrefs import named_hub_model
from osai.report import LicenceNote, Report, rules_command
from osai.textsafe import joined, listed, some_of, title_mid_sentence
from osai.verdict import Reason, WhyUnknown, respelling_said

# An action's kind is one of: relicense, respell, license, publish, document, change, review,
# improve, declare, read.


@dataclass(frozen=True)
class Need:
    """One framework level (or standing duty) that needs an action."""

    framework: str  # short name
    # "Class III", "" for a binary framework's one level; a standing duty's: its level's short
    # name ("owed", the EU AI Act's), which every report gave as "owed" whatever it was
    level: str
    standing: bool = False

    def __str__(self) -> str:
        if self.standing:
            return f"{self.framework} ({self.level})"
        return f"{self.framework} {self.level}".strip()


@dataclass(frozen=True)
class Action:
    kind: str
    subjects: tuple[str, ...]
    detail: str  # "now LicenseRef-llama2", "not released", "licence unknown" …
    needed_by: tuple[Need, ...]
    requirements: tuple[str, ...]
    licence: str = ""  # what `osai licenses show` explains ("" when it would refuse it)
    unlocks: tuple[str, ...] = ()  # the levels reached once this and the actions before it are
    # Of those, the ones an action before this one serves too, each with whether every action
    # before this one does (the rest this one reaches alone: "with the steps above" said of them
    # counted steps for another framework).
    unlocks_with_earlier: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class _Open:
    """One open requirement of one framework, as an action sees it."""

    key: tuple[str, str]  # (kind, subject): what is grouped across frameworks
    detail: str
    need: Need
    requirement: str
    licence: str
    # The component acted on, by its name ("" when the subject is none): a stand-in's step
    # ("Research paper (in place of Technical report)") and its own are one step on it.
    component: str = ""


@dataclass(frozen=True)
class _Words:
    """What an action's words are made of: component names, facts, licence names."""

    names: Mapping[str, str]
    facts: Mapping[str, str]  # fact id → how this target names it (settle.fact_words)
    licences: Mapping[str, LicenceNote]
    # a component's licence as its source spelled it → as osai reads it (Report.licence_readings)
    readings: Mapping[str, str]
    # framework id → the file `osai rules` is told of to know it (RunInfo.framework_files)
    framework_files: Mapping[str, str]
    # (fact id, value) → the value in words (RunInfo.fact_value_titles)
    value_titles: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # the component names that are plural nouns (RunInfo.plural_components, as named)
    plural: frozenset[str] = frozenset()


def actions(
    assessment: Assessment,
    names: Mapping[str, str],
    fact_names: Sequence[tuple[str, str, str]],
    licences: Mapping[str, LicenceNote] | None = None,
    readings: Mapping[str, str] | None = None,
    framework_files: Mapping[str, str] | None = None,
    gated: Mapping[str, str] | None = None,
    plural: Sequence[str] = (),
    value_titles: Sequence[tuple[str, str, str]] = (),
) -> tuple[Action, ...]:
    """Every action, most useful first.  `fact_names`: each fact's id, title and manifest key
    (ReportInfo.fact_names), named as the gate line and every other report name them for this
    target (settle.fact_words: a BOM's property in a BOM, not a manifest's key).  `readings`:
    each component's licence as osai reads it (Report.licence_readings), as the verdicts name
    it.  `framework_files`: RunInfo.framework_files, for the `osai rules` an action points to.
    No action is a step toward a level the assessment rules out (FrameworkAssessment.steps_ahead:
    a fact no release can change fails it).  `gated`: framework id → the level a gate asks of it
    (`--require mof:class-1`), whose steps are listed too when it is beyond the next level.
    `plural`: the components whose name is a plural noun (RunInfo.plural_components).
    `value_titles`: a category fact's values in words (RunInfo.fact_value_titles)."""
    facts = fact_words(assessment, fact_names)
    files = framework_files or {}
    titled = {(fact, value): said for fact, value, said in value_titles}
    plural_names = frozenset(names.get(c, c) for c in plural)
    words = _Words(names, facts, licences or {}, readings or {}, files, titled, plural_names)
    toward = gated or {}
    opens = [
        item
        for judged in assessment.frameworks
        for item in _opens(judged, assessment, words, toward.get(judged.framework_id, ""))
    ]
    grouped = _grouped(_folded_reviews(opens))
    merged = _agreeing(_merged(grouped), set(plural_names))
    return _ordered(merged, assessment, toward)


def report_actions(report: Report, assessment: Assessment) -> tuple[Action, ...]:
    """`actions` of one of the report's targets, in the report's words: its component and fact
    names, licence notes and readings, the framework files `osai rules` is told of, and the
    levels its gate asks for."""
    return actions(
        assessment,
        dict(report.info.component_names),
        report.info.fact_names,
        report.licences,
        report.licence_readings,
        dict(report.info.framework_files),
        report.asked_levels(assessment),
        report.info.plural_components,
        report.info.fact_value_titles,
    )


def _folded_reviews(opens: Sequence[_Open]) -> list[_Open]:
    """A licence to review for a level that another of its requirements refuses outright is
    part of relicensing it: Llama 2's weights showed "review" (read the terms, waive with your
    reading) above "relicense" for the same EU AI Act exemption, which no reading could give."""
    refused = {(o.key[1], o.need): o for o in opens if o.key[0] == "relicense"}
    folded = []
    for item in opens:
        relicense = refused.get((item.key[1], item.need)) if item.key[0] == "review" else None
        if relicense is not None:
            item = replace(item, key=relicense.key, detail=relicense.detail)
        folded.append(item)
    return folded


def _opens(
    judged: FrameworkAssessment, assessment: Assessment, words: _Words, gated: str
) -> list[_Open]:
    found = []
    # none toward a level a fact no release can change fails
    for step in judged.steps_toward(gated):
        result = judged.result(step.requirement_id)
        if result is None or result.status in (Status.MET, Status.WAIVED):
            continue
        if not result.decides:
            need = Need(judged.short_name, judged.level_short(result.level), standing=True)
        else:
            need = level_need(judged, result.level)
        found += _steps(result, judged, need, assessment, words)
    return found


def _steps(
    result: RequirementResult,
    judged: FrameworkAssessment,
    need: Need,
    assessment: Assessment,
    words: _Words,
) -> list[_Open]:
    """The steps one requirement not met asks for."""
    if result.grade:  # a grade below the best: what the rule says earns a better one
        earned = judged.grade_name(result.grade)  # as the rule file names it
        return [_better_grade(result, earned, need, assessment.release.owned, words)]
    if result.facts_failing:  # a value stated fails it, whatever else it shows: change it
        failing = _stated_failing(result, need, assessment, words)
        # and what it asks besides, judged without that value (the weights' licence too)
        aside = (
            s for r in result.failing_aside for s in _steps(r, judged, need, assessment, words)
        )
        return [*failing, *aside]
    if result.facts_against:  # what the release states keeps it unknown: its remedy
        return [_stated_against(result, judged, need, assessment, words)]
    if result.released_failing:  # parts released under terms that fail it: relicense them
        return _released_failing(result, judged, need, assessment, words)
    if judged.kind == "graded":
        # Its facts to state are those its undecided grades leave open, none of the others
        # (its components may be what is open): a data description stated was asked for
        # as "not stated" while the datasets were unknown.
        result = replace(result, facts=result.facts_open)
    found = []
    for part in result.parts_open or (result,):  # a component and a fact: each its steps
        found += _result_opens(part, need, assessment, words, judged)
    return found


def _stated_failing(
    result: RequirementResult, need: Need, assessment: Assessment, words: _Words
) -> list[_Open]:
    """A requirement a stated value fails whatever else it shows (its rule's `fails_if`: OSAID's
    weights given only on the provider's approval, which no licence makes usable "without
    having to ask for permission"): change that value, as a price is changed.  "relicense" was
    said of weights under Apache-2.0, which no other licence would have mended."""
    found = []
    for key in result.facts_failing:
        fact = assessment.release.facts.get(key)
        if fact is None:
            continue
        titled = words.value_titles.get((key, fact.value))
        value = f"'{fact.value}' ({titled})" if titled else f"'{fact.value}'"
        subject = _fact_subject(key, words)
        detail = f"{value}, which fails it"
        found.append(_Open(("change", subject), detail, need, result.requirement_id, ""))
    return found


def _result_opens(
    result: RequirementResult,
    need: Need,
    assessment: Assessment,
    words: _Words,
    judged: FrameworkAssessment,
) -> list[_Open]:
    """The steps one requirement not met (or one part of it) asks for."""
    kind, subject, detail = _kind(result, assessment, words)
    licence = _looked_up(result, words)
    if subject != _FACTS:
        acted_on = result.substituted_by or result.direct_component
        component = words.names.get(acted_on, acted_on) if acted_on else ""
        return [_Open((kind, subject), detail, need, result.requirement_id, licence, component)]
    opened = _Open((kind, ""), detail, need, result.requirement_id, licence)
    found: list[_Open] = []
    for asked in _fact_steps(result):
        found += _fact_opens(asked, opened, result, assessment, words, judged)
    return found


def _fact_opens(
    facts: tuple[str, ...],
    opened: _Open,
    result: RequirementResult,
    assessment: Assessment,
    words: _Words,
    judged: FrameworkAssessment,
) -> list[_Open]:
    """The steps for facts of one requirement (`opened`: its own kind and detail, for a fact
    that has none of its own): one per fact, or one for facts any one of which would do, when
    each needs the same ("declare one of A or B: neither stated")."""
    said = [_fact_action(fact, result, assessment, words, judged) for fact in facts]
    publish = _published_instead(facts, result)
    unread = {c: u for c in publish if (u := assessment.release.unread_component(c)) is not None}
    if unread and set(said) == {(_stating_kind(assessment), _NOT_STATED)}:
        # the component that would do instead is on a card not read: "neither shown" said it
        # was looked for
        kind, detail = _read_it(next(iter(unread.values())), assessment)
        names = joined([words.names.get(c, c) for c in unread])
        return [replace(opened, key=(kind, names), detail=detail)]
    if publish and set(said) == {(_stating_kind(assessment), _NOT_STATED)}:
        routes = _either_subject(facts, words) if len(facts) > 1 else _fact_subject(facts[0], words)
        key = (said[0][0], f"{routes}, or {_component_route(publish, assessment, words)}")
        shown = "neither shown" if len(facts) + len(publish) == 2 else "none shown"
        return [replace(opened, key=key, detail=shown)]
    if len(facts) > 1 and len(set(said)) == 1:
        fact_kind, fact_detail = said[0]
        key = (fact_kind or opened.key[0], _either_subject(facts, words))
        return [
            replace(
                opened, key=key, detail=_either_detail(fact_detail or opened.detail, len(facts))
            )
        ]
    return [
        replace(
            opened,
            key=(fact_kind or opened.key[0], _fact_subject(fact, words)),
            detail=fact_detail or opened.detail,
        )
        for fact, (fact_kind, fact_detail) in zip(facts, said, strict=True)
    ]


def _component_route(components: Sequence[str], assessment: Assessment, words: _Words) -> str:
    """The components any one of which would do instead of a fact, as the other route: "publish
    the Data card"; on the user's own release where whether one is released is unknown (a
    draft's unlisted components), "the Data card released": a draft with a data card was told
    to publish one, where declaring it is what settles it."""
    names = or_listed([f"the {words.names.get(c, c)}" for c in components])
    release = assessment.release
    unknown = any(release.component(c).presence is Presence.UNKNOWN for c in components)
    return f"{names} released" if unknown and release.owned else f"publish {names}"


def _fact_steps(result: RequirementResult) -> list[tuple[str, ...]]:
    """A requirement's facts to state, each alone, or together where any one of them would do
    (RequirementResult.facts_either, and the facts of publish_either), in the order the facts
    come."""
    facts = result.facts_open or result.facts
    groups = (*result.facts_either, *(group for group, _ in result.publish_either))
    either = {fact: group for group in groups if set(group) <= set(facts) for fact in group}
    return list(dict.fromkeys(either.get(fact, (fact,)) for fact in facts))


def _published_instead(facts: tuple[str, ...], result: RequirementResult) -> tuple[str, ...]:
    """The components any one of which, published, would do instead of stating one of these
    facts (RequirementResult.publish_either): "declare A, or publish the Data card"; () when
    none would."""
    return next((found for group, found in result.publish_either if group == facts), ())


def _either_subject(facts: Sequence[str], words: _Words) -> str:
    """Facts any one of which would do, as one subject: "one of A or B" (a fact's title in
    prose, on a release the person checking does not own: "one of a description of …")."""
    return "one of " + or_listed([title_mid_sentence(_fact_subject(fact, words)) for fact in facts])


def _either_detail(detail: str, count: int) -> str:
    """What is said of facts any one of which would do: "not stated" of each is "neither
    stated" of two (a line of its own: among "A, B and one of C or D: not stated" the step
    read as two)."""
    if detail != _NOT_STATED:
        return detail
    return "neither stated" if count == 2 else "none stated"


def _better_grade(
    result: RequirementResult, earned: str, need: Need, owned: bool, words: _Words
) -> _Open:
    """A graded requirement's grade, earned on evidence and below the best: its rule's remedy
    (the graded frameworks' steps have no level to unlock; they raise the score).  Its kind is
    `improve`: what the grade rests on (a gate, a section, a venue) is the rule's to say, not
    the verdict's words'.  Where a manifest declares it only on the user's own release
    (`owned`): a compliance officer checking a third party's Hub model has no manifest to edit.
    The components the grade above lacks are named ("partial now, the Data preprocessing code
    not released"): the remedy asks for what is "not yet public", and which that is, it does
    not say.  `earned`: the grade's name."""
    now = f"{earned} now"
    named = [[f"the {words.names.get(c, c)}" for c in group] for group in result.short_of]
    alone = [group[0] for group in named if len(group) == 1]
    if alone:
        now += f", {joined(alone, 'and')} not released"
    for group in (group for group in named if len(group) > 1):
        # any one of them would do: "the A and the B not released" read as if both were asked
        now += f", neither {' nor '.join(group)} released"
    remedy = result.remedy(owned).rstrip(".")
    detail = f"{now}; {remedy[:1].lower()}{remedy[1:]}" if remedy else now
    return _Open(("improve", short_title(result.title)), detail, need, result.requirement_id, "")


def _stated_against(
    result: RequirementResult,
    judged: FrameworkAssessment,
    need: Need,
    assessment: Assessment,
    words: _Words,
) -> _Open:
    """A requirement unknown only because the release states facts against it (its rule's
    `unless_stated`: tiny-model's card says its corpus "may not be redistributed", beside the
    datasets and data card that would show all its data sources shared): what they say, and
    the rule's remedy.  It was asked whether the datasets and data card are released, and
    under which licence, which the evidence shows and which settles nothing."""
    release = assessment.release
    least = judged.grade_name(result.grade_at_least) if result.grade_at_least else ""
    stated = [key for key in result.facts_against if key in release.facts]
    clauses = [f"{_fact_subject(key, words)} says '{release.facts[key].value}'" for key in stated]
    # after "but" and "and" a fact's title runs on in the sentence
    said = joined([title_mid_sentence(c) if least or at else c for at, c in enumerate(clauses)])
    if result.against_itself:
        # its own statement among them (a check's `unless`: "none" of third-party data beside
        # "none" unshareable and data said not public): they cannot all hold, and its remedy
        # asked for what was stated ("or state that none was used")
        mend = "correct whichever is wrong" if release.owned else "its publisher says which"
        detail = f"{said}, which cannot all hold: {mend}"
        return _Open(
            ("correct", short_title(result.title)), detail, need, result.requirement_id, ""
        )
    now = f"at least {least} now, but {said}" if least else f"{said}, which leaves it open"
    remedy = result.remedy(release.owned).rstrip(".")
    detail = f"{now}; {remedy[:1].lower()}{remedy[1:]}" if remedy else now
    return _Open(("improve", short_title(result.title)), detail, need, result.requirement_id, "")


def _released_failing(
    result: RequirementResult,
    judged: FrameworkAssessment,
    need: Need,
    assessment: Assessment,
    words: _Words,
) -> list[_Open]:
    """A requirement met by some parts and unknown for others released under terms that fail
    it (its rule's `every_released`: a data card under CC-BY-NC-4.0 beside an open paper, for
    OSAID's data information): relicense each, or read the rule and record that the parts that
    meet it suffice.  "declare" was said, where nothing declared settles it."""
    explain = rules_command(
        "explain", result.requirement_id, words.framework_files.get(judged.framework_id, "")
    )
    reading = (
        "other parts meet it: whether they suffice is a reading "
        f"(`{explain}`; a waiver records your reading)"
    )
    found = []
    for component in result.released_failing:
        licence = assessment.release.component(component).licence
        text = licence.text.strip() if licence is not None else ""
        # as the evidence names it, not as its source spelled it: a MOT listing's "arXiv.org
        # perpetual non-exclusive license 1.0" beside the table's "…, non-exclusive license to
        # distribute this article 1.0" (as _met_unless)
        said = words.readings.get(text) or named(text, words.licences)
        # nothing to replace where it has no licence: "now under unlicensed" was said
        kind, now = (
            ("license", "released with no licence")
            if says_unlicensed(text)
            else ("relicense", f"now under {said}")
        )
        name = words.names.get(component, component)
        note = words.licences.get(text) if kind == "relicense" else None
        shown = text if note is not None and note.shown_by_lookup else ""  # as _looked_up
        detail = f"{now}; {reading}"
        found.append(
            _Open((kind, name), detail, need, result.requirement_id, shown, component=name)
        )
    return found


def _looked_up(result: RequirementResult, words: _Words) -> str:
    """The licence an action points to `osai licenses show` for: none that the command refuses
    (a card's "Apache-2.0 OR"), whose pointer would be a command that fails, nor a state that
    names no licence (`unknown`), which is to be declared, not read."""
    licence = result.licence
    if WhyUnknown.LICENCE_UNKNOWN in (result.why_unknown, result.licence_why_unknown):
        return ""
    note = words.licences.get(licence)
    return licence if note is None or note.shown_by_lookup else ""


_FACTS = "\0facts"  # the subject of a requirement on facts: one action subject per fact
_NOT_STATED = "not stated"


def _fact_subject(fact: str, words: _Words) -> str:
    """A fact by where the user declares it on their own release (a manifest's
    release.data_information.public_data_sources, a BOM's osai:fact:public_data_sources); on a
    third party's, in words (its title): there the key says nothing its publisher would write."""
    return words.facts.get(fact, fact)


def _fact_action(
    fact: str,
    result: RequirementResult,
    assessment: Assessment,
    words: _Words,
    judged: FrameworkAssessment,
) -> tuple[str, str]:
    """An unknown requirement's fact, by why its own check is unknown: on a card that could
    not be read, read it; not stated, or stated without settling it, the publisher says more.
    ("", ""): the requirement's own action."""
    if result.status is not Status.UNKNOWN:
        return "", ""
    # a fact open and not unknown is unmet: it takes no other's why (the requirement's)
    why = dict(result.facts_unknown).get(fact)
    unread = assessment.release.unread_fact(fact)
    kind = _stating_kind(assessment)
    if why is WhyUnknown.NOT_READ and unread is not None:
        return _read_it(unread, assessment)
    if why is WhyUnknown.LEFT_TO_READING:
        explain = rules_command(
            "explain", result.requirement_id, words.framework_files.get(judged.framework_id, "")
        )
        return "review", _reading_detail(fact, assessment, explain, words.value_titles)
    if why is WhyUnknown.UNSETTLED:
        return kind, "stated, but not in a way that settles it"
    return kind, _NOT_STATED


def _stating_kind(assessment: Assessment) -> str:
    """The action that states what is unknown: on the user's own release, declare it; on
    someone else's (Release.owned), its publisher documents it."""
    return "declare" if assessment.release.owned else "document"


def _unread(result: RequirementResult, assessment: Assessment) -> tuple[str, str] | None:
    """A component's requirement unknown because a file that would state one of its facts could
    not be read (EOSAI's paper: the component released, whether peer-reviewed on a gated card),
    or would show the component itself, or one of those it asks for (MOF's data card, OSAID's
    data information, EOSAI's graded training code, on a gated card): read it, as _fact_action
    says of a fact alone; "unknown" said nothing of why, and "document" asked its publisher
    for what the card may well show."""
    if result.why_unknown is not WhyUnknown.NOT_READ:
        return None
    release = assessment.release
    shown = (result.direct_component,) if result.direct_component else result.components
    found = (*map(release.unread_fact, result.facts), *map(release.unread_component, shown))
    unread = next(filter(None, found), None)
    return None if unread is None else _read_it(unread, assessment)


def _read_it(unread: Unread, assessment: Assessment) -> tuple[str, str]:
    """A file that would state a fact, not read: "read" where something lets osai read it (a
    token for a gated card); a card larger than osai reads stays unread whatever one does: its
    publisher says it elsewhere."""
    kind = "read" if unread.hint else _stating_kind(assessment)
    return kind, f"not read ({unread.describe()})"


def _reading_detail(
    fact: str, assessment: Assessment, explain: str, titles: Mapping[tuple[str, str], str]
) -> str:
    """A value the rule leaves to a reading (its `review_if`): what it is, the token a manifest
    declares beside its words (`titles`: "personal-data" alone read as osai's jargon), and where
    the rule's text is to read it against (`explain`: the command that shows it); no statement
    settles it, a reading does."""
    stated = assessment.release.facts.get(fact)
    value = ""
    if stated is not None and stated.value:
        said = titles.get((fact, stated.value))
        value = f"{stated.value} ({said}), " if said else f"{stated.value}, "
    return (
        # backquoted: a command the terminal filler keeps on one line and Markdown shows as code
        f"{value}which osai leaves to a reading: read the rule (`{explain}`; a waiver records "
        "your reading)"
    )


def _kind(result: RequirementResult, assessment: Assessment, words: _Words) -> tuple[str, str, str]:
    blocker, subject = blocker_kind(result, assessment, words.names)
    if (
        blocker == "fact"
        or (result.facts and not result.direct_component)
        or _unknown_for_facts(result, assessment)
    ):
        subject = _FACTS
        blocker = "fact"
    if result.status is Status.UNKNOWN:
        undecided = _undecided_licences(result, assessment)
        if undecided:
            said = " or ".join(words.readings.get(text, text) for text in undecided)
            mend = (
                "correct the source that is wrong (a declaration does not settle it)"
                if assessment.release.owned
                else "its sources disagree"
            )
            return "review", subject, f"under {said}, osai cannot tell which: {mend}"
        restricted = _restricted_by_card(result, assessment, words)
        if restricted:
            return "review", subject, restricted
        reviewable = blocker == "licence" and _released(result, assessment)
        # a state that names no licence (`unknown`, as a draft writes it) has no terms to read
        reviewable = reviewable and result.why_unknown is not WhyUnknown.LICENCE_UNKNOWN
        note = words.licences.get(result.licence) if reviewable else None
        if note is not None:  # a licence osai knows, neither accepted nor refused: no fact to add
            return "review", subject, _read_terms(note.name, _terms_link(result, assessment))
        unread = _unread(result, assessment)
        if unread is not None:
            return unread[0], subject, unread[1]
        not_held = _not_held(result.direct_component, assessment)
        if not_held:
            return "correct", subject, not_held
        unless = _met_unless(result, assessment, words)
        if unless and _bases_unnamed(result, assessment):
            # the card says the model was made from a base and names none, or a merge's recipe
            # names more models than osai reads: nothing to read, naming it is what settles it
            # ("read" was said)
            return _stating_kind(assessment), subject, f"{unless}: name it"
        if unless and _bases_by_name_only(assessment):
            # "read … unless base model /home/me/llama-7b (not known by a Hub id)": no one can
            # read a base no Hub id names; its name in the release is what to mend
            return _stating_kind(assessment), subject, f"{unless}: name it by its Hub id"
        if unless:
            return "read", subject, unless
        if blocker == "alternatives" and _any_part_known(result, assessment):
            return _unknown_alternatives(result, assessment, words)
        detail = _inherited_only(result, assessment, words) or (
            _unknown_detail(result, words) + _base_licence_said(result, assessment, words)
        )
        return _stating_kind(assessment), subject, detail
    if blocker == "licence" and result.respell:
        said = respelling_said(result.respell)
        return "respell", subject, f"written `{result.licence}`; {said}"
    if blocker == "licence":
        under = (result.licence, *alternatives_of(result, assessment))
        now = f"now under {' or '.join(named(t, words.licences) for t in under)}"
        return "relicense", subject, now + _bound_by_base(result, assessment)
    if blocker == "unlicensed":  # nothing to replace: "relicense" said it had a licence
        return "license", subject, "released with no licence"
    if blocker == "absent":
        contested = _contested_absence(result.direct_component, assessment)
        if contested:
            return "correct", subject, contested
        return "publish", subject, "not released"
    if blocker == "fact":
        kind = "change" if _stated_values_fail(result, assessment) else "document"
        return kind, subject, f"{_said_of_fact(result.reason)}, which fails it"
    if blocker == "alternatives":
        return _alternatives(result, assessment, words)
    return "publish", subject, short_title(result.reason.text.split("; ")[0])


def _not_held(component: str, assessment: Assessment) -> str:
    """A component the manifest declares by files the directory does not hold (osai.extract.
    component_paths): which paths, and to mend them.  "declare Training code: whether it is
    released" asked to declare what the manifest declares; "" for any other unknown."""
    evidence = assessment.release.components.get(component)
    if evidence is None or not evidence.not_held or not evidence.provenance:
        return ""
    where = _where(evidence.provenance[0], assessment)
    if len(evidence.not_held) == 1:
        path = some_of(evidence.not_held, 1, 60)
        return f"{where} names {path}, which is not there; mend the path, or restore the file"
    # "names infer.py, serve.py, which is not there" read as one path of a comma
    paths = some_of(evidence.not_held, 3, 60)
    return f"{where} names {paths}: none is there; mend the paths, or restore the files"


def _contested_absence(component: str, assessment: Assessment) -> str:
    """A component of one's own release kept "not released" although another source shows it
    (osai.sources.merge's presence CONFLICT: a manifest's `released: false` beside the file that
    is it, published since): the source the absence rests on, the one that shows it, and that
    one of them is to be corrected.  "publish" said to publish what the directory already holds,
    and publishing it changed nothing, as the manifest's word still stood; "" when nothing
    contests the absence."""
    evidence = assessment.release.components.get(component)
    if not assessment.release.owned or evidence is None:
        return ""
    contested = (
        finding
        for finding in assessment.release.findings
        if finding.kind is FindingKind.CONFLICT
        and finding.component == component
        # a presence conflict cites the side that says not released, then the side that shows
        # it (osai.sources.merge, osai.extract.inheritance)
        and len(finding.provenance) >= 2
    )
    finding = next(contested, None)
    if finding is None:
        return ""
    # the absence kept is the one named: the card's "not released" that the draft copied is
    # the draft's to correct, as the draft is what osai reads
    said, shown = (*evidence.provenance, finding.provenance[0])[0], finding.provenance[1]
    absent, present = (_where(p, assessment) for p in (said, shown))
    return f"{absent} says not released, yet {present} shows it; correct whichever is wrong"


def _where(provenance: Provenance, assessment: Assessment) -> str:
    """A source's file and line as the evidence names it (`osai.yaml:136`)."""
    line = f":{provenance.line}" if provenance.line else ""
    return f"{release_place(provenance, assessment.release)}{line}"


def _met_unless(result: RequirementResult, assessment: Assessment, words: _Words) -> str:
    """A licence that meets the policy unless what was not read binds the component to another
    (LicenceFact.unless: a base model the Hub did not answer for): the licence, and what to
    read.  "" for any other unknown; "unknown" said nothing of why."""
    if result.why_unknown is not WhyUnknown.NOT_READ or not result.direct_component:
        return ""
    licence = assessment.release.component(result.direct_component).licence
    if licence is None or not licence.unless:
        return ""
    # as the evidence and the reason name it (Apache-2.0), not as the card spells it (apache-2.0)
    text = result.licence or licence.text
    said = words.readings.get(text) or named(text, words.licences)
    return f"under {said}, unless {licence.unless}"


def _restricted_by_card(result: RequirementResult, assessment: Assessment, words: _Words) -> str:
    """A licence that meets the policy unless the use restrictions its card's licence section
    states bind (LicenceFact.unless, evidence.said_of_card_terms): the licence, the card's
    terms, and what settles it, correcting one or the other: no declaration does (the card
    still says it) nor any reading ("read" said to read what was read).  "" for any other
    unknown."""
    release = assessment.release
    licence = release.component(result.direct_component).licence
    if not restricted_by_card(result, release) or licence is None:
        return ""
    text = result.licence or licence.text
    said = words.readings.get(text) or named(text, words.licences)
    # whose card it is, not who declares (`owned`): a --manifest beside a Hub model is the
    # checker's, the card its publisher's
    mend = card_corrected(release)
    if not release.card_is_theirs:
        mend = f"its card and its licence disagree: {mend}"
    return f"under {said}, unless {licence.unless}: {mend} (a declaration does not settle it)"


def _bases_unnamed(result: RequirementResult, assessment: Assessment) -> bool:
    """Whether the base the component's licence waits on is one no reading names: the release
    names no base model, or osai's reservation is of models a merge's recipe names beyond
    those it reads (evidence.said_of_bases_unnamed), which --follow never reads."""
    if not assessment.release.base_models:
        return True
    licence = assessment.release.component(result.direct_component).licence
    return licence is not None and said_of_bases_unnamed(licence.unless)


def _bases_by_name_only(assessment: Assessment) -> bool:
    """Whether the release names base models and none by a Hub id (`LLaMA 2`, a local path
    in an adapter's config): none of them can be read, with --follow or a token."""
    bases = assessment.release.base_models
    return bool(bases) and not any(named_hub_model(base) for base in bases)


def _bound_by_base(result: RequirementResult, assessment: Assessment) -> str:
    """Why relicensing cannot change a licence a base model binds the model to (a fine-tune
    of Llama 2 was told to relicense it), or "": the bases' licence, inherited, or the one
    declared where it agrees with theirs (a GGUF quantization of Llama 2 declaring `llama2`,
    LicenceFact.corroborated_by): either way theirs decides it."""
    licence = assessment.release.component(result.direct_component).licence
    if licence is None:
        return ""
    if licence.from_base_model:
        how, origin = "inherited from", licence.inherited_from
    else:
        bases = [o.inherited_from for o in licence.corroborated_by if o.from_base_model]
        if not bases:
            return ""
        one = BASE_MODEL_ORIGINS[0]
        many = BASE_MODEL_ORIGINS[1] + ", ".join(base.removeprefix(one) for base in bases)
        how, origin = "the licence of", bases[0] if len(bases) == 1 else many
    if origin.startswith(BASE_MODEL_ORIGINS[1]):  # a merge: each base's binds
        return (
            f", {how} {origin}, whose licences bind derivatives: only other base models change it"
        )
    return f", {how} {origin}, whose licence binds derivatives: only another base model changes it"


def _unknown_for_facts(result: RequirementResult, assessment: Assessment) -> bool:
    """Whether an unknown requirement on a component and facts is unknown for its facts: the
    component's presence is known (released, or declared not released) and its licence is not
    in question.  EOSAI's end-model weights, released under Apache-2.0 and unknown for
    `weights_access` not stated, were asked "whether they are released, and under which
    licence"; its preprint, the research paper not listed in a manifest (not released) and a
    preprint not stated, was asked whether the paper is released, which the manifest said."""
    licence_in_question = result.why_unknown is WhyUnknown.LICENCE_UNKNOWN or (
        result.licence_why_unknown in (WhyUnknown.LICENCE_UNKNOWN, WhyUnknown.LICENCE_UNJUDGED)
    )
    evidence = assessment.release.components.get(result.direct_component)
    presence_known = evidence is not None and evidence.presence is not Presence.UNKNOWN
    return (
        result.status is Status.UNKNOWN
        and bool(result.facts)
        and presence_known
        and not licence_in_question
    )


def _stated_values_fail(result: RequirementResult, assessment: Assessment) -> bool:
    """Whether what fails is a value stated (monetisation: price): no document settles it, the
    release itself would have to change ("document … 'price', which fails it" asked for a
    document that cannot help).  A statement declared not provided is to be documented.  A fixed
    fact's value (training compute above 10^25 FLOP, designated by the Commission) no release
    can change: the level it fails is ruled out (FrameworkAssessment.ruled_out_from), no action
    asks for it."""
    facts = result.facts_open
    return bool(facts) and all(map(assessment.release.states, facts))


def _said_of_fact(reason: Reason) -> str:
    """What a fact's unmet reason says of it, without the fact's id, which the action's subject
    already names in words."""
    said = reason.said_of_fact()
    return f"'{said}'" if said else short_title(reason.text)


def _undecided_licences(result: RequirementResult, assessment: Assessment) -> tuple[str, ...]:
    """The licences a released component may be under, where they give different verdicts
    (LicenceFact.alternatives: the reason this is unknown); () for any other unknown.  Neither
    "licence unknown" nor "declare it" says what to do: one of them applies, and a manifest
    agreeing with one settles nothing."""
    if result.why_unknown is not WhyUnknown.LICENCE_UNKNOWN or not _released(result, assessment):
        return ()
    licence = assessment.release.component(result.direct_component).licence
    return licence.texts if licence is not None and licence.alternatives else ()


def _released(result: RequirementResult, assessment: Assessment) -> bool:
    """Whether the requirement's component is known to be released: one whose presence is
    unknown is unknown for that, whatever licence would apply if it were ("if released,
    Apache-2.0 would apply"), and reading the licence settles nothing."""
    evidence = assessment.release.components.get(result.direct_component)
    return evidence is not None and evidence.presence is Presence.PRESENT


def _alternatives(
    result: RequirementResult, assessment: Assessment, words: _Words
) -> tuple[str, str, str]:
    """A requirement any of several components meets, unmet: the states they are in, and what
    they need, in the order the states are given: "publish or license one of Datasets, …,
    Research paper: Datasets … not released; Research paper with no licence".  "relicense"
    alone, as one was released, said it of three never published, and "relicense" of one
    released with no licence, a licence it does not have.  Each part is a way to meet it, so
    one not released is one to publish (_parts_step)."""
    return _parts_step(result, assessment, words, absent="publish", default="publish")


def _any_part_known(result: RequirementResult, assessment: Assessment) -> bool:
    """Whether any of the parts of an unknown requirement met by any of several is known to be
    released or not: where none is, "whether they are released, and under which licence" says
    what each needs (a Hub model's card linking none of them)."""
    release = assessment.release
    return any(
        release.component(part.component).presence is not Presence.UNKNOWN
        for part in result.parts_judged
    )


def _unknown_alternatives(
    result: RequirementResult, assessment: Assessment, words: _Words
) -> tuple[str, str, str]:
    """An unknown requirement any of several components meets (RequirementResult.parts_judged):
    the state each is in, and what those that leave it open need, as _alternatives says of one
    unmet.  OSAID's data information, unknown for the datasets' own licence, said "licence
    unknown" of a data card declared under CC-BY-NC-4.0 and of two documents never released,
    and asked to declare them: "declare or relicense one of Datasets, …: Datasets: no licence of
    their own stated (…); Data card under CC-BY-NC-4.0; Technical report and Research paper not
    released"."""
    return _parts_step(result, assessment, words, absent="", default=_stating_kind(assessment))


def _parts_step(
    result: RequirementResult, assessment: Assessment, words: _Words, absent: str, default: str
) -> tuple[str, str, str]:
    """The step of a requirement any of several components meets, not met: each part's state
    (RequirementResult.parts_judged, _part_state), the kinds of step they need (`absent`: the
    kind a part not released needs; `default`: the kind where none needs one), the subject."""
    states: dict[tuple[str, str], list[str]] = {}
    kinds: dict[str, None] = {}
    for part in result.parts_judged:
        (joint, state), kind = _part_state(part, assessment, words, absent)
        states.setdefault((joint, state), []).append(
            words.names.get(part.component, part.component)
        )
        if kind:
            kinds[kind] = None
    detail = "; ".join(
        _part_said(names, joint, state, words) for (joint, state), names in states.items()
    )
    subject = "one of " + or_listed([words.names.get(c, c) for c in result.components])
    return " or ".join(kinds) or default, subject, detail


# A part's state after its names: " not released", or ": " and a clause of its own
_OWN = "{own}"  # "its own" said of one part, "their own" of several (or of a plural noun)


def _part_said(names: Sequence[str], joint: str, state: str, words: _Words) -> str:
    """Parts in one state, named, and the state: "Technical report and Research paper not
    released", "Datasets: no licence of their own stated (…)"."""
    several = len(names) > 1 or names[0] in words.plural
    return f"{joined(names)}{joint}{state.replace(_OWN, 'their own' if several else 'its own')}"


def _part_state(
    part: PartJudged, assessment: Assessment, words: _Words, absent: str
) -> tuple[tuple[str, str], str]:
    """One part's state (how it joins its names, and what it says), and the kind of step it
    needs ("": none; it is not what leaves the requirement open): the stating kind where it is
    unknown, `relicense` or `license` where its terms fail it, `review` where osai cannot judge
    them, `absent` where it is not released (a way to meet an unmet one; none beside an unknown
    one, which it does not leave open).  A licence it only inherits from the release is not its
    own where its check asks for one (`own_licence`): the Datasets were said to be under the
    release's Apache-2.0."""
    stating = _stating_kind(assessment)
    evidence = assessment.release.component(part.component)
    if evidence.presence is Presence.ABSENT:
        return (" ", "not released"), absent
    if evidence.presence is Presence.UNKNOWN:
        return (" ", "not known to be released"), stating
    licence = evidence.licence
    if part.own_licence and licence is not None and licence.from_release and not part.licence:
        text = words.readings.get(licence.text, licence.text).strip()
        place = in_words(licence.inherited_from)
        said = f"no licence of {_OWN} stated ({text}, inherited from {place}, is the release's)"
        return (": ", said), stating if part.status is Status.UNKNOWN else ""
    text = words.readings.get(part.licence, part.licence).strip()
    if not text:
        return (": ", "licence unknown"), stating if part.status is Status.UNKNOWN else ""
    if says_unlicensed(text):
        return (" ", "with no licence"), "license" if part.status is Status.UNMET else ""
    under = named(text, words.licences)
    if part.status is Status.UNMET:
        return (" ", f"under {under}"), "relicense"
    if part.status is Status.MET:
        return (" ", f"under {under}"), ""
    if part.why_unknown is WhyUnknown.LICENCE_UNJUDGED:  # as _kind says of one component
        return (" ", f"under {under}, whose terms osai cannot judge"), "review"
    return (" ", f"under {under}, which leaves it unknown"), stating


_UNKNOWN_RELEASED = "whether it is released"
_UNKNOWN_RELEASE = f"{_UNKNOWN_RELEASED}, and under which licence"
_IF_RELEASED = f"{_UNKNOWN_RELEASED}; if it is,"
# A detail said of one subject, as said of several, by how it begins (the rest reads the same
# for any number).
_OF_SEVERAL = (
    (_IF_RELEASED, "whether they are released; if they are,"),
    (_UNKNOWN_RELEASED, "whether they are released"),
)


def _unknown_detail(result: RequirementResult, words: _Words) -> str:
    """What is unknown of a requirement's component, by why it is: whether it is released
    alone when the licence it would be under is known and settles it (SmolLM2's weights, under
    the card's Apache-2.0: "and under which licence" asked what the evidence table shows); with
    its licence when that leaves it unknown too (a card's `license: unknown`, or `other`, whose
    terms osai cannot judge): declaring it released alone would settle nothing."""
    if result.why_unknown is WhyUnknown.LICENCE_UNKNOWN:
        return "licence unknown"
    if result.why_unknown not in (WhyUnknown.NO_EVIDENCE, WhyUnknown.UNSETTLED):
        return "unknown"
    if result.licence_why_unknown is WhyUnknown.LICENCE_UNJUDGED:
        return f"{_IF_RELEASED} {_read_terms(named(result.licence, words.licences))}"
    if result.licence and result.licence_why_unknown is None:
        return _UNKNOWN_RELEASED
    return _UNKNOWN_RELEASE


def _base_licence_said(result: RequirementResult, assessment: Assessment, words: _Words) -> str:
    """The licence of the bases the weights derive from, where their own is unknown (a GGUF
    quantization stating none, of an Apache-2.0 base): the licence they most likely carry, to
    declare or confirm.  "licence unknown" said nothing of it.  Only where the bases read agree
    on one that osai reads (Report.licence_readings: a base's `license: other` or `unknown`
    names none); the verdict is not made of it (a derivative may be under other terms)."""
    if (
        result.why_unknown is not WhyUnknown.LICENCE_UNKNOWN
        or result.direct_component != PARAMETERS
    ):
        return ""
    bases = assessment.release.base_licences
    texts = {base.licence.text for base in bases}
    if len(texts) != 1:
        return ""
    said = words.readings.get(texts.pop(), "")
    if not said:
        return ""
    whose = (
        f"its base model {bases[0].model} is"
        if len(bases) == 1
        else f"its {len(bases)} base models are"
    )
    return f" ({whose} under {said}, the licence it most likely carries)"


def _inherited_only(result: RequirementResult, assessment: Assessment, words: _Words) -> str:
    """A requirement judging its components on their own licences (a check's `own_licence`)
    left unknown because they have only the release's, which they inherit: which licence that
    is, and where it was stated.  A MOT listing's Datasets under its license.distribution read
    "licence unknown" beside an evidence row showing Apache-2.0; its maintainer could not tell
    what was missing.  "" for any other unknown."""
    if result.why_unknown is not WhyUnknown.LICENCE_UNKNOWN:
        return ""
    asked = (result.direct_component,) if result.direct_component else result.components_unknown
    inherited = set()
    for component in asked:
        evidence = assessment.release.components.get(component)
        licence = evidence.licence if evidence is not None else None
        if evidence is None or evidence.presence is not Presence.PRESENT or licence is None:
            return ""
        if licence.own is not None:
            return ""
        inherited.add(
            (words.readings.get(licence.text, licence.text).strip(), licence.inherited_from)
        )
    if len(inherited) != 1:
        return ""
    text, place = inherited.pop()
    whose = "its own" if len(asked) == 1 else "their own"
    return (
        f"no licence of {whose} stated ({text}, inherited from {in_words(place)}, is the release's)"
    )


def _read_terms(licence: str, link: str = "") -> str:
    """A licence osai cannot judge, and what to do: what it is, and why osai leaves it to the
    reader ("whose terms need a reading" said neither who reads nor what then), and where, when
    its source links them (a custom licence's name alone says no place to read it)."""
    where = f" at {link}" if link else ""
    return (
        f"under {licence}, whose terms osai cannot judge: read them{where} (a waiver records "
        "your reading)"
    )


def _terms_link(result: RequirementResult, assessment: Assessment) -> str:
    """Where the terms of the component's licence are, as its source links them (LicenceFact.url),
    when the requirement is judged on that licence alone."""
    evidence = assessment.release.components.get(result.direct_component)
    licence = evidence.licence if evidence is not None else None
    return licence.url if licence is not None and not licence.alternatives else ""


def _of_several(detail: str) -> str:
    """A detail said of one subject, as said of several: "whether they are released"."""
    for one, several in _OF_SEVERAL:
        if detail.startswith(one):
            return several + detail.removeprefix(one)
    return detail


def _grouped(opens: Sequence[_Open]) -> list[Action]:
    """One action per (kind, subject), across frameworks, saying the most any of them needs
    (`_asking_most`)."""
    groups: dict[tuple[str, str], list[_Open]] = {}
    for item in opens:
        groups.setdefault((item.key[0], item.component or item.key[1]), []).append(item)
    return [
        Action(
            kind=kind,
            subjects=(_subject_of(items, subject),),
            detail=_asking_most([item.detail for item in items]),
            needed_by=tuple(dict.fromkeys(item.need for item in items)),
            requirements=tuple(item.requirement for item in items),
            licence=items[0].licence,
        )
        for (kind, subject), items in groups.items()
    ]


def _subject_of(items: Sequence[_Open], component: str) -> str:
    """The subject of one step: as its requirements name it when they agree, else the component
    (a stand-in's "(in place of …)" is no longer all it is needed for)."""
    subjects = {item.key[1] for item in items}
    return subjects.pop() if len(subjects) == 1 else component


# What an unknown component's detail asks, least first: a later one asks all an earlier one
# does, and more (_unknown_detail).
_ASKING = (_UNKNOWN_RELEASED, _UNKNOWN_RELEASE, _IF_RELEASED)


def _asking_most(details: Sequence[str]) -> str:
    """Of the details several requirements give one action, the one that asks the most (the
    first of those that ask as much): unseen weights under FreeBSD-DOC, which OSAID accepts and
    the EU AI Act leaves to a reading, were asked "whether it is released" alone, OSAID's
    detail, when OSAID came first, which left the EU AI Act unknown."""
    return max(details, key=_asks)


def _asks(detail: str) -> int:
    """How much an unknown component's detail asks (its place in _ASKING; 0 for any other)."""
    return max((rank for rank, one in enumerate(_ASKING, 1) if detail.startswith(one)), default=0)


def _agreeing(merged: Sequence[Action], plural: set[str]) -> list[Action]:
    """An action on one component whose name is a plural noun, said of it as of several:
    "Supporting libraries and tools: whether it is released" read as a slip."""
    return [
        replace(action, detail=_of_several(action.detail))
        if len(action.subjects) == 1 and action.subjects[0] in plural
        else action
        for action in merged
    ]


def _merged(grouped: Sequence[Action]) -> list[Action]:
    """Subjects that need the same thing for the same levels are one action; subjects a file
    not read leaves open are one whatever levels each is for (one token, or the file read,
    settles them all: a gated Llama 2 card was two "read" lines, the same token asked twice)."""
    merged: dict[tuple[str, str, tuple[Need, ...]], Action] = {}
    for action in grouped:
        key = (action.kind, action.detail, () if action.kind == "read" else action.needed_by)
        found = merged.get(key)
        if found is None:
            merged[key] = action
            continue
        merged[key] = Action(
            found.kind,
            found.subjects + action.subjects,
            _of_several(found.detail),
            tuple(dict.fromkeys(found.needed_by + action.needed_by)),
            found.requirements + action.requirements,
            found.licence,
        )
    return list(merged.values())


def _ordered(
    candidates: list[Action], assessment: Assessment, gated: Mapping[str, str]
) -> tuple[Action, ...]:
    """Greedy: each time, the action that completes the most levels with those chosen before
    it; then the one that brings a level nearest (fewest actions left for it: the cheapest
    level's steps first, not the order of the rule files); then the one more levels need;
    standing duties last; of actions alike in all that, the first (max keeps the first it
    meets)."""
    blockers = _level_blockers(assessment, gated)
    steps = _Steps(candidates)
    done: frozenset[str] = frozenset()
    reached: set[str] = set()
    remaining = [_Candidate.of(action) for action in candidates]
    ordered: list[Action] = []

    def preference(candidate: _Candidate) -> tuple[bool, int, int, int]:
        return (
            candidate.levels > 0,  # a standing duty alone: last
            len(_completed(blockers, steps.done_with(candidate.asks)) - reached),
            -_actions_left(candidate, remaining, blockers, done, reached),
            candidate.levels,
        )

    while remaining:
        chosen = max(remaining, key=preference)
        remaining.remove(chosen)
        done = steps.take(chosen.asks)
        now = _completed(blockers, done) - reached
        reached |= now
        # in the order the levels come (the next, then a gate's further up), not by name:
        # "Class I" sorted before "Class II"
        now_in_order = [level for level in blockers if level in now]
        with_earlier = _served_before(now_in_order, blockers, ordered)
        ordered.append(
            replace(chosen.action, unlocks=tuple(now_in_order), unlocks_with_earlier=with_earlier)
        )
    return tuple(ordered)


@dataclass(frozen=True, eq=False)
class _Candidate:
    """An action not yet ordered, with what the greedy choice weighs of it that is its own:
    found once, not each time it is weighed against the others (each round, every candidate).
    Compared by identity: it is one place in the list of those remaining."""

    action: Action
    asks: frozenset[str]  # the requirements it asks for
    levels: int  # how many levels need it (standing duties not counted)

    @classmethod
    def of(cls, action: Action) -> _Candidate:
        levels = sum(1 for need in action.needed_by if not need.standing)
        return cls(action, frozenset(action.requirements), levels)


class _Steps:
    """Which requirements the actions chosen so far settle: one is settled when every action
    it asks for is chosen (a rule asking for the weights' licence and an ungated download is
    two steps, and the first of them said "reaches" the level alone)."""

    def __init__(self, candidates: Sequence[Action]) -> None:
        self._asked = Counter(r for action in candidates for r in set(action.requirements))
        self._taken: Counter[str] = Counter()
        self._settled: frozenset[str] = frozenset()

    def done_with(self, asks: frozenset[str]) -> frozenset[str]:
        """The requirements settled once an action asking for `asks` too is chosen: those
        settled already, and of its own those it is the last step of."""
        taken, asked = self._taken, self._asked
        return self._settled.union(r for r in asks if taken[r] + 1 >= asked[r])

    def take(self, asks: frozenset[str]) -> frozenset[str]:
        """Choose the action asking for `asks`: the requirements now settled."""
        self._taken.update(asks)
        self._settled = frozenset(r for r, count in self._taken.items() if count >= self._asked[r])
        return self._settled


def _actions_left(
    candidate: _Candidate,
    remaining: Sequence[_Candidate],
    blockers: Mapping[str, set[str]],
    done: frozenset[str],
    reached: set[str],
) -> int:
    """How many other actions a level this action serves still needs after it: the fewest, of
    the levels not reached yet that it serves (none: as many as there are actions)."""
    asks = candidate.asks
    after = done | asks
    left = [
        sum(1 for other in remaining if other is not candidate and other.asks & open_)
        for level, needed in blockers.items()
        if level not in reached and needed & asks
        for open_ in [needed - after]
    ]
    return min(left, default=len(remaining))


def _served_before(
    levels: Sequence[str], blockers: Mapping[str, set[str]], before: Sequence[Action]
) -> tuple[tuple[str, bool], ...]:
    """Each level an action before serves too, with whether every action before does."""
    found = []
    for level in levels:
        serving = [a for a in before if blockers[level] & set(a.requirements)]
        if serving:
            found.append((level, len(serving) == len(before)))
    return tuple(found)


def next_need(judged: FrameworkAssessment) -> Need:
    """A framework's next level, as an action needed for it names it ("MOF Class III")."""
    return level_need(judged, judged.next_level)


def level_need(judged: FrameworkAssessment, level: str) -> Need:
    """A level of the framework as an action needed for it names it ("MOF Class I"; "OSAID",
    a framework of one level)."""
    single = len(judged.levels) <= 1
    return Need(judged.short_name, "" if single else judged.level_label(level))


def needs_of(found: Sequence[Action]) -> tuple[Need, ...]:
    """The levels (and standing duties) some of these actions are needed for, in order."""
    return tuple(dict.fromkeys(need for action in found for need in action.needed_by))


def needs_said(needs: Sequence[Need]) -> str:
    """What actions left out are for, each framework named once: a standing duty is said on its
    own ("EU AI Act (owed)") only where no level of its framework is named; "11 more for EU AI
    Act, OSAID, EOSAI, EU AI Act (owed)" named the Act twice."""
    named = {need.framework for need in needs if not need.standing}
    return ", ".join(str(need) for need in needs if not (need.standing and need.framework in named))


def _level_blockers(assessment: Assessment, gated: Mapping[str, str]) -> dict[str, set[str]]:
    """Per framework's next level (named as a person would), the open requirements it needs;
    and the level a gate asks for (`gated`), when it is beyond the next."""
    found: dict[str, set[str]] = {}
    for judged in assessment.frameworks:
        if judged.kind == "graded" or not judged.next_level:
            continue
        found.update(_blocking(judged, str(next_need(judged)), judged.steps_ahead))
        asked = gated.get(judged.framework_id, "")
        if judged.beyond_next(asked):
            # named even when it asks no step more: gpt-neox's one step to Class II, gated on
            # Class I, said "reaches MOF Class II" alone
            found.update(
                _blocking(judged, str(level_need(judged, asked)), judged.steps_toward(asked))
            )
    return found


def _blocking(
    judged: FrameworkAssessment, level: str, steps: Sequence[NextStep]
) -> dict[str, set[str]]:
    """The level, with the open requirements of `steps` that decide it (none: nothing)."""
    open_ids = {
        step.requirement_id
        for step in steps
        if (result := judged.result(step.requirement_id)) is not None
        and result.decides
        and result.status in (Status.UNMET, Status.UNKNOWN)
    }
    return {level: open_ids} if open_ids else {}


def _completed(blockers: Mapping[str, set[str]], done: frozenset[str]) -> set[str]:
    return {level for level, needed in blockers.items() if needed <= done}


def purpose(action: Action) -> str:
    """What the action is for and what it reaches, after its "—": "for OSAID, MOF Class III;
    reaches MOF Class III".  One that reaches every level it is for names each once: "for
    OSAID; with the steps above for OSAID, reaches OSAID" named it three times, then "reaches
    OSAID with the steps above for OSAID" twice; now "reaches OSAID with the OSAID steps above"
    ("… for it" read as the steps above for this action)."""
    needs = [str(need) for need in action.needed_by]
    reached = reaches(action)
    if len(needs) == 1 and list(action.unlocks) == needs:
        level = needs[0]
        helped = dict(action.unlocks_with_earlier)
        if level in helped:
            return f"reaches {level} with {_steps_above(level, every=helped[level])}"
    if reached == f"; reaches {', '.join(action.unlocks)}" and set(needs) <= set(action.unlocks):
        return f"reaches {', '.join(action.unlocks)}"
    return f"for {', '.join(needs)}{reached}"


def reaches(action: Action) -> str:
    """The levels this action reaches, as "; reaches …" after it (every report that lists the
    actions says it): alone, or with the steps above that serve them too ("with the OSAID
    steps above" when some above serve another framework only)."""
    helped = dict(action.unlocks_with_earlier)
    alone = [level for level in action.unlocks if level not in helped]
    said = [f"reaches {', '.join(alone)}"] if alone else []
    every = [level for level, all_above in helped.items() if all_above]
    said += [f"with the steps above, reaches {', '.join(every)}"] if every else []
    said += [
        f"with {_steps_above(level, every=False)}, reaches {level}"
        for level, all_above in helped.items()
        if not all_above
    ]
    return "".join(f"; {part}" for part in said)


def _steps_above(level: str, *, every: bool) -> str:
    """The steps above an action that a level needs with it: all of them ("the steps above"),
    or those for that level alone ("the OSAID steps above", where some serve another)."""
    return "the steps above" if every else f"the {level} steps above"


def action_said(action: Action, *, brief: bool = False) -> str:
    """The action after its kind, in one sentence, as every report that lists actions gives it:
    "Datasets: licence unknown — for MOF Class I".  `brief` (a terminal's report without -v):
    of what one file not read leaves open, the first few subjects and a count."""
    return f"{subjects_text(action, brief=brief)}: {action.detail} — {purpose(action)}"


def subjects_text(action: Action, *, brief: bool = False) -> str:
    """The subjects listed; manifest keys under one block named once (block: a, b and c)."""
    subjects = list(action.subjects)
    blocks = {subject.rpartition(".")[0] for subject in subjects}
    head = ""
    if len(subjects) > 1 and len(blocks) == 1 and "" not in blocks and " " not in "".join(subjects):
        head = f"{blocks.pop()}: "
        subjects = [subject.rpartition(".")[2] for subject in subjects]
    if brief and action.kind == "read" and len(subjects) > _READ_SUBJECTS_SHOWN + 1:
        # what one file not read leaves open, every level's (_merged): the file and its remedy
        # are the step, and eighteen subjects before them hid both (the JSON lists each)
        left = len(subjects) - _READ_SUBJECTS_SHOWN
        subjects = [*subjects[:_READ_SUBJECTS_SHOWN], f"{left} more it leaves open"]
    # "Supporting libraries and tools and Data information …" read as one subject: textsafe.listed
    return head + listed(subjects)


_READ_SUBJECTS_SHOWN = 5  # and all of six: "and 1 more" saves nothing
