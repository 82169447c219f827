"""How a verdict that is not definite becomes so, for whoever is checking: where its unknowns
are settled (declared in one's own manifest, or documented by the publisher), and what to declare
to make a level reached only by inference definite.  Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePosixPath
from shlex import quote

from osai.assessment import Assessment, FrameworkAssessment, RequirementResult
from osai.evidence import (
    BOM_SOURCES,
    Certainty,
    InferredMark,
    Provenance,
    Release,
    said_of_card_terms,
    said_of_unread_bases,
)
from osai.formatters.findings import Doc, policy_phrase, reason_in_words, release_place
from osai.hubrefs import HUB_SOURCE, named_hub_model, one_each
from osai.inference import SOURCE as INFERENCE_SOURCE
from osai.paths import MANIFEST_NAME
from osai.report import PolicyResult, Report
from osai.sources.manifest import SOURCE as MANIFEST_SOURCE
from osai.sources.manifest import mark_said
from osai.textsafe import counted, joined, listed, title_mid_sentence
from osai.verdict import WhyUnknown

DECLARATIONS = frozenset({"manifest", *BOM_SOURCES})  # a file that declares the release


def to_declare(
    assessment: Assessment,
    judged: FrameworkAssessment | None,
    requirement_ids: Iterable[str],
    fact_names: Sequence[tuple[str, str, str]],
    names: Mapping[str, str],
) -> list[str]:
    """What to declare to make requirements met on weak evidence definite: each fact (where
    this target declares it: a manifest's key, a BOM's property) or component.  A release the
    person checking does not own has no key of theirs to write: its facts are named in words
    (their titles in rules/components.yaml), as its publisher would document them."""
    return [said for _, said in _weak(assessment, judged, requirement_ids, fact_names, names)]


def _weak(
    assessment: Assessment,
    judged: FrameworkAssessment | None,
    requirement_ids: Iterable[str],
    fact_names: Sequence[tuple[str, str, str]],
    names: Mapping[str, str],
) -> list[tuple[str, str]]:
    """to_declare's facts and components, each by its id (a fact's key, a component's id) and
    in words, once each."""
    if judged is None:
        return []
    where = fact_words(assessment, fact_names)

    def fact(key: str) -> tuple[str, str]:
        return key, where.get(key, key)

    def component(component_id: str) -> tuple[str, str]:
        return component_id, names.get(component_id, component_id)

    outside = judged.out_of_scope
    if outside is not None:  # what shows it out of scope is what rests on weak evidence
        return list(dict.fromkeys((*map(fact, outside.facts), *map(component, outside.components))))
    weak: list[tuple[str, str]] = []
    for requirement_id in requirement_ids:
        met = judged.result(requirement_id)
        if met is None:
            continue
        if met.met_by:
            # Met through one of several (any_of): what met it is what rests on inference.  The
            # others named "declare release.declarations.architecture_description" where the
            # inferred Model architecture met it and the card was confirmed to give no description.
            weak.extend(fact(key) for key in met.facts if key not in met.facts_open)
            # One met by a reading (OSAID's data card, for the description of the data) is
            # declared already: the fact it stands in for, stated, makes it definite.
            by_reading = met.met_by_reading
            weak.extend(fact(key) for key in met.facts_open if by_reading)
            weak.extend(component(c) for c in met.met_by if c not in by_reading)
        elif met.facts:
            weak.extend(fact(key) for key in met.facts)
        elif met.substituted_by:
            # what stands in met it ("declare Technical report" where the inferred Research
            # paper stood in, and no technical report is released)
            weak.append(component(met.substituted_by))
        else:
            weak.extend(component(c) for c in met.components)
    return list(dict.fromkeys(weak))


def definite_steps(
    assessment: Assessment,
    judged: FrameworkAssessment | None,
    requirement_ids: Iterable[str],
    fact_names: Sequence[tuple[str, str, str]],
    names: Mapping[str, str],
    *,
    declared_in: str = "",
    reviewed: str = "",
) -> list[str]:
    """On one's own release, every step that makes requirements met on weak evidence definite,
    all at once: what a manifest of theirs marks as only inferred, to confirm and whose mark to
    delete (where it is); what to declare (`declared_in`: where, "" to leave it unsaid), but what
    the draft `reviewed` (its path) declares, which its review makes declared.  "declare
    Training code" was asked of an entry declared, its `certainty: inferred` the cause."""
    release = assessment.release
    weak = _weak(assessment, judged, requirement_ids, fact_names, names)
    marks = {mark.about: mark for mark in release.inferred_marks}
    marked = [(said, marks[about]) for about, said in weak if about in marks]
    unmarked = [
        said
        for about, said in weak
        if about not in marks and not _declared_by(release, about, reviewed)
    ]
    steps = [_confirm(marked, assessment.release)] if marked else []
    if unmarked:
        # the gate's line parts them by commas; a hint in a sentence, as prose (where it ends)
        what = listed(unmarked) if declared_in else comma_listed(unmarked)
        where = f" in {declared_in}" if declared_in else ""
        steps.append(f"declare {what}{where}")
    return steps


def _declared_by(release: Release, about: str, path: str) -> bool:
    """Whether the manifest at `path` states the fact or component `about` ("" : none does)."""
    if not path:
        return False
    fact = release.facts.get(about)
    cited = (fact.provenance,) if fact is not None else release.component(about).provenance
    return any(p.location == path for p in cited)


def _confirm(marked: Sequence[tuple[str, InferredMark]], release: Release) -> str:
    """The marks to delete once what they mark is confirmed ("confirm Training code and delete
    `certainty: inferred` at osai.yaml:141"), each where it is, as the evidence names its file."""

    def at(mark: InferredMark) -> str:
        cited = Provenance(MANIFEST_SOURCE, mark.path, "", Certainty.INFERRED, mark.line)
        line = f":{mark.line}" if mark.line else ""
        return f"`{mark.key}: inferred` at {release_place(cited, release)}{line}"

    if len(marked) == 1:
        said, mark = marked[0]
        return f"confirm {said} and delete {at(mark)}"
    each = ", ".join(f"{said} ({at(mark)})" for said, mark in marked)
    return f"confirm each and delete its mark: {each}"


def gate_declare(report: Report, result: PolicyResult) -> str:
    """What to declare to make a required policy reached only on evidence weaker than
    --min-certainty pass ("declare release.data_information.third_party_data_sources, …"),
    as every report of the gate says it; "" for a gate that is not short of certainty."""
    if result.below_certainty is None or result.certainty is None:
        return ""
    assessment = next((a for a in report.assessments if a.release.target == result.target), None)
    if assessment is None:
        return ""
    judged = assessment.framework(result.policy.framework_id)
    names = dict(report.info.component_names)
    fact_names = report.info.fact_names
    if not assessment.release.owned:
        # a third party's release: its publisher declares, the person checking adds a file
        # (definite_hint); "declare Complete description of all training data" asked a
        # gate on allenai/OLMo-7B to declare what only allenai can
        weak = to_declare(assessment, judged, result.weak_requirements, fact_names, names)
        what = comma_listed(weak) if weak else f"what was {result.certainty.value}"
        return _not_declared(assessment, what)
    release = assessment.release
    # what a draft declares counts as detected until its mark is deleted: a step where the gate
    # wants more than detected, and only then ("review it and delete its first line" was all it
    # said of a level reached on inferred evidence, which that leaves inferred)
    draft = release.draft if not Certainty.DETECTED.at_least(result.below_certainty) else None
    reviewed = draft.path if draft else ""
    steps = [
        *([f"{reviewed} is {_draft_said(release)}"] if draft else []),
        *definite_steps(
            assessment, judged, result.weak_requirements, fact_names, names, reviewed=reviewed
        ),
    ]
    return "; ".join(steps) if steps else f"declare what was {result.certainty.value}"


def _draft_said(release: Release) -> str:
    """An `osai init` draft whose mark is not deleted: what it declares counts as detected.
    Its mark's line as the draft's note says it (mark_said): "delete its first line" of a
    draft below a header a tool added deleted the header."""
    line = release.draft.line if release.draft else 1
    return f"an `osai init` draft: review it and delete {mark_said(line)}"


def policy_said(policy: Doc, target: Doc, *, blockers: bool = True) -> str:
    """A required policy's result in words (findings.policy_phrase) and, when it falls short
    only of --min-certainty, what to declare (the JSON report's `declare`, from gate_declare):
    the text report's gate line said it, a CI format's gate failure (JUnit, a GitHub
    annotation, SARIF) said only "reached only on inferred evidence".  Not reached, what keeps
    it back, as the gate line says it (`blocked_by`, from headline.policy_blockers): "not
    proven (Class II not demonstrated: 2 unknown)" named neither of the two.  `blockers`
    False: not that (a report whose headline gives it just above)."""
    said = policy_phrase(policy, target)
    hint = str(policy.get("declare") or "")
    blocked_by = str(policy.get("blocked_by") or "") if blockers else ""
    said = f"{said}: {hint}" if hint else said
    return f"{said} — {blocked_by}" if blocked_by else said


def comma_listed(items: Sequence[str]) -> str:
    """Keys parted by ", "; titles that hold a comma of their own by "; "."""
    return ("; " if any(", " in item for item in items) else ", ").join(items)


def fact_words(
    assessment: Assessment, fact_names: Sequence[tuple[str, str, str]]
) -> dict[str, str]:
    """Fact id → how a hint names it for this target: where the person checking declares it
    (a manifest's key, a BOM's property), or, on a release they do not own, its title."""
    if not assessment.release.owned:
        return {fact: title for fact, title, _ in fact_names}
    if assessment.release.source not in BOM_SOURCES:
        return {fact: path for fact, _, path in fact_names}
    from osai.bommap import fact_property  # a BOM's (its mapping loaded only for one)

    return {fact: fact_property(fact) for fact, _, _ in fact_names}


def reason_words(
    assessment: Assessment, fact_names: Sequence[tuple[str, str, str]]
) -> dict[str, str]:
    """Fact id → how a verdict's reason names it (fact_words), but a fact one's own release
    states in its files, not in a declaration (its card's "Training took 4.6e3 FLOPs", a
    config), by its title: its key read `release.declarations.training_compute_flop: 4600 …
    local README.md:88 = 4.6e3`, a number read from the card named as the manifest's
    declaration.  The evidence after it says where it was read.  One osai only inferred (from
    a declaration) keeps its key, where declaring it makes the verdict definite."""
    words = fact_words(assessment, fact_names)
    release = assessment.release
    if not release.owned or release.source in DECLARATIONS:
        return words
    titles = {fact: title for fact, title, _ in fact_names}
    for key, fact in release.facts.items():
        if key in titles and fact.provenance.source == release.source:
            words[key] = titles[key]
    return words


def reasons_said_by_target(report: Report) -> dict[str, dict[tuple[str, str], str]]:
    """Per target, each requirement's reason (by framework and requirement id) with the facts
    it names in the target's words (fact_words, findings.reason_in_words): the CI formats read
    the JSON document, whose reasons name them by id, and -v, GitHub, SARIF, JUnit and Markdown
    name them alike."""
    return {a.release.target: reasons_said(a, report.info.fact_names) for a in report.assessments}


def reasons_said(
    assessment: Assessment, fact_names: Sequence[tuple[str, str, str]]
) -> dict[tuple[str, str], str]:
    """One target's reasons in words (reasons_said_by_target), by framework and requirement id."""
    words = reason_words(assessment, fact_names)
    return {
        (judged.framework_id, result.requirement_id): reason_in_words(result.reason, words)
        for judged in assessment.frameworks
        for result in judged.results
    }


def definite_hints(
    report: Report, assessment: Assessment, names: Mapping[str, str]
) -> tuple[str, ...]:
    """For each level reached only by inference, what to declare to make it definite, unless a
    gate on that framework already says so (NOT PROVEN, with what to declare)."""
    gated = {
        r.policy.framework_id
        for r in report.policies
        if r.target == assessment.release.target and r.below_certainty is not None
    }
    hints = []
    for judged in assessment.frameworks:
        inferred = inferred_requirements(judged)
        if not inferred or judged.framework_id in gated:
            continue
        ids = [r.requirement_id for r in inferred]
        hint = definite_hint(assessment, judged, ids, report.info.fact_names, names)
        name = judged.name_in_mode
        hints.append(f"{name} rests on inferred evidence: {hint}")
        assumed = _assumed(inferred, report.info.inference_titles)
        if assumed:
            hints.append(f"{name} assumed {assumed}")
    return tuple(hints)


def _assumed(inferred: Sequence[RequirementResult], titles: Sequence[tuple[str, str]]) -> str:
    """What a verdict reached by inference assumed, in the rules' words: "rests on inferred
    evidence" left unsaid that osai took it that no third-party data was used (a ✔ on an
    assumption a reader would take for settled).  Each inference rule or reading once, in the
    order the requirements name them ("that …, and that …"); "" where none is named (an AI BOM
    carries facts as inferred, the rule that inferred them its own)."""
    title_of = dict(titles)
    ids = dict.fromkeys(
        p.location
        for result in inferred
        for p in result.evidence
        if p.source == INFERENCE_SOURCE and p.location in title_of
    )
    return ", and ".join(f"that {title_mid_sentence(title_of[i])}" for i in ids)


def inferred_requirements(judged: FrameworkAssessment) -> tuple[RequirementResult, ...]:
    """What a level reached rests on only by inference (rules/inference.yaml): the requirements
    it rests on met on evidence weaker than detected.  Declaring them makes it definite."""
    sure = judged.certainty
    if judged.kind == "graded" or not judged.best_level_proven or sure is None:
        return ()
    if not inferred(sure):
        return ()
    return tuple(r for r in judged.met_up_to(judged.best_level_proven) if inferred(r.certainty))


def inferred(certainty: Certainty | None) -> bool:
    """Whether a result rests on inference (evidence weaker than detected): declaring what it
    rests on makes it definite."""
    return certainty is not None and not certainty.at_least(Certainty.DETECTED)


def settle_hint(assessment: Assessment, unknown: Sequence[RequirementResult]) -> str:
    """How the `unknown` requirements (those whose verdict they decide, that more evidence
    settles) can be settled, for whoever is checking; "" when only a correction settles them
    (a manifest's path to a file that is not there: its "correct" action says which)."""
    release = assessment.release
    unknown = [r for r in unknown if not release.component(r.direct_component).not_held]
    # no declaration settles the card's terms against its licence ("declare them in osai.yaml"
    # beside an action saying a declaration does not settle it): left to the correction, said
    # here only when nothing else is unknown
    corrected = [r for r in unknown if restricted_by_card(r, release)]
    unknown = [r for r in unknown if r not in corrected]
    if corrected and not unknown:
        return f"to settle what is unknown: {card_corrected(release)}"
    if not unknown:
        return ""
    what = "what is unknown"
    if release.owned:
        unread = release.links_not_followed
        given = _links_given(release)
        follow = f", or --follow the {counted(unread, 'link')} {given}" if unread else ""
        if release.source in DECLARATIONS or release.document not in ("", release.target):
            follow = ""  # a declaration was read: it is where to settle them
        # "declare them in aibom.json" said nowhere how a BOM declares a fact
        how = " (as osai:fact:<key> properties)" if release.source in BOM_SOURCES else ""
        where = f"{_declared_in(assessment)}{how}"
        # The bases --follow reads, by a Hub id ("its 2 base models" counted LLaMA 2)
        many = sum(1 for base in one_each(release.base_models) if named_hub_model(base))
        bases = counted(many, "base model") if many > 1 else "base model"
        left_unread = _on_bases_followed_unread(assessment, unknown)
        if left_unread:
            # followed, and the Hub gave no answer (offline, unreachable), or --max-links left the
            # base out: "declare them in ft/osai.yaml" was all it said, and no declaration settles
            # what a base binds
            rest = f"; declare the rest in {where}" if len(unknown) > left_unread else ""
            if _base_left_out(release):
                reads = f"a higher --max-links reads the licence of its {bases}"
            else:
                reads = (
                    f"--follow reads the licence of its {bases} when the Hub answers (it did not)"
                )
            return f"to settle {what}: {reads}{rest}"
        waiting = _on_bases_not_followed(assessment, unknown)
        if not waiting:
            return f"to settle {what}: declare them in {where}{follow}"
        # a declaration cannot settle whether a base binds its fine-tune: "declare them in
        # ft.yml" was all a Llama 2 fine-tune's offline check said.  --follow said once: "or
        # --follow the 1 link its card gives" followed, that link being the base
        others = unread - many if follow else 0
        links = f" and the {counted(others, 'other link')} its card gives" if others > 0 else ""
        reads = f"--follow reads the licence of its {bases}{links}"
        rest = f"; declare the rest in {where}" if len(unknown) > waiting else ""
        return f"to settle {what}: {reads}{rest}"
    # a link answered "not found" was asked, and nothing was read: "2 of 2 read (1 not found)"
    # counted granite's missing base model as read, so each link is counted once, by what it met
    read = sum(1 for link in release.links if link.read and link.found)
    missing = sum(1 for link in release.links if link.read and not link.found)
    # "2 of 2 read" said all were, when the --max-links cap had left 3 more unread
    capped = release.links_left_out
    # "1 of 5 read" with no word of the 4 others, which no server answered (Links followed says
    # why, each): a run that reaches them may settle more
    failed = sum(1 for link in release.links if not link.read)
    why = [f"{missing} not found or taken down"] if missing else []
    why += [f"{failed} could not be read"] if failed else []
    why += [f"{capped} left out by --max-links"] if capped else []
    gone = f" ({'; '.join(why)})" if why else ""
    total = len(release.links) + capped
    # "1 of 1 linked resources read": the noun in the number its total takes
    links = f"{read} of {counted(total, 'linked resource')} read{gone}; " if total else ""
    unread = release.links_not_followed
    if unread and not release.links:  # not followed: the card's links would settle some first
        # a Hub model's are followed unless --no-follow; a cache snapshot's only with --follow
        how = "drop --no-follow" if release.source == HUB_SOURCE else "pass --follow"
        links = f"{how} to read the {counted(unread, 'link')} {_links_given(release)}; "
    publisher = release.producer or "the publisher"
    in_repository = _in_repository(release)
    ask = f"{' to declare it' if in_repository else ''}{in_repository}"
    if release.manifest_not_used:  # "ask them to declare it in the repository's osai.yaml"
        name = _not_used_name(release)
        ask = (
            f" to fix the repository's {name}, which is there but invalid, so not used (the "
            "warnings say why)"
        )
    return (
        f"to settle {what}: {links}--manifest FILE adds what {publisher} documents elsewhere; "
        f"or ask {publisher}{ask}"
    )


def restricted_by_card(result: RequirementResult, release: Release) -> bool:
    """Whether `result` is unknown for the use restrictions its card's licence section states
    against the component's licence (LicenceFact.unless, evidence.said_of_card_terms): only
    correcting the card or the licence settles it, no declaration (the card still says it)
    nor reading (it was read)."""
    if result.why_unknown is not WhyUnknown.UNSETTLED or not result.direct_component:
        return False
    licence = release.component(result.direct_component).licence
    return licence is not None and said_of_card_terms(licence.unless)


def card_corrected(release: Release) -> str:
    """Who corrects a card whose terms its licence lacks: the person checking their own
    (Release.card_is_theirs), else its publisher, a --manifest given or not."""
    if release.card_is_theirs:
        return "correct the card or the licence"
    return f"{release.producer or 'the publisher'} must correct its card or its licence"


def _not_used_name(release: Release) -> str:
    """The name of a repository's manifest that is there, invalid, and was not used: fixed, it
    is read (where "declare it in the repository's osai.yaml" asked for a file it has)."""
    return PurePosixPath(release.manifest_not_used.replace("\\", "/")).name


def _links_given(release: Release) -> str:
    """What gives the links --follow reads: its card, and the repository's files that name
    others (a merge's recipe, an adapter's config).  "the 32 links its card gives" counted the
    models a recipe names, of a card naming none.  (A manifest's links, cited by its keys, are
    counted as the card's, as they were.)"""
    own = (link.cited for link in release.named_links if link.cited.source == release.source)
    files = list(dict.fromkeys(cited.location for cited in own))
    return f"its card and {joined(files)} give" if files else "its card gives"


def _in_repository(release: Release) -> str:
    """Where a Hub model's publisher says it themselves: a manifest in its repository, which
    osai reads with it.  "or ask google-t5" named no way google-t5, checking its own model,
    had to say it; "" for a release no Hub id names (no repository osai would read it from)."""
    return f" in the repository's {MANIFEST_NAME}" if release.hub_id else ""


def _on_bases_not_followed(assessment: Assessment, unknown: Sequence[RequirementResult]) -> int:
    """How many of the `unknown` requirements wait on a base model not followed: a licence met
    unless the base binds it (LicenceFact.unless), no link being read.  Of those the hint
    speaks of: counted in every framework, OSAID's parameters in a verdict already violated
    hid MOF's model card, which a declaration settles ("declare the rest" was not said)."""
    release = assessment.release
    if release.links or release.links_left_out:
        return 0
    if not any(named_hub_model(base) for base in release.base_models):
        return 0  # --follow reads a base by its Hub id only
    return sum(1 for result in unknown if _waits_on_a_base(result, assessment))


def _on_bases_followed_unread(assessment: Assessment, unknown: Sequence[RequirementResult]) -> int:
    """How many of the `unknown` requirements wait on a base model --follow left unread: asked
    of the Hub, which gave no answer (offline with nothing kept, unreachable, out of time), or
    left out by --max-links.  A run that reads it settles them, a declaration does not."""
    release = assessment.release
    unanswered = any(link.kind == "base-model" and not link.read for link in release.links)
    if not unanswered and not _base_left_out(release):
        return 0
    return sum(1 for result in unknown if _waits_on_a_base(result, assessment))


def _base_left_out(release: Release) -> bool:
    """Whether --max-links left every base model out (links were followed, none of a base)."""
    followed = release.links or release.links_left_out
    read = any(link.kind == "base-model" for link in release.links)
    return bool(followed and release.links_left_out and not read)


def _waits_on_a_base(result: RequirementResult, assessment: Assessment) -> bool:
    if result.why_unknown is not WhyUnknown.NOT_READ or not result.direct_component:
        return False
    licence = assessment.release.component(result.direct_component).licence
    # an author's own reservation ("unless the licence of its teacher binds it") is none that
    # --follow reads: it was offered
    waits = licence is not None and said_of_unread_bases(licence.unless)
    return waits and bool(assessment.release.base_models)


def definite_hint(
    assessment: Assessment,
    judged: FrameworkAssessment,
    requirement_ids: Sequence[str],
    fact_names: Sequence[tuple[str, str, str]],
    names: Mapping[str, str],
) -> str:
    """How a verdict reached only by inference becomes definite: on one's own release, each
    step (definite_steps); on another's, what its publisher has not declared."""
    if assessment.release.owned:
        where = _declared_in(assessment)
        steps = definite_steps(
            assessment, judged, requirement_ids, fact_names, names, declared_in=where
        )
        said = "; ".join(steps) or f"declare what was inferred in {where}"
        return f"{said} to make it definite"
    weak = to_declare(assessment, judged, requirement_ids, fact_names, names)
    return f"{_not_declared(assessment, listed(weak) or 'what was inferred')}, to make it definite"


def _not_declared(assessment: Assessment, what: str) -> str:
    """On a release the person checking does not own, that its publisher has not declared
    `what` and how the person checking adds it: the publisher declares in its repository, the
    person checking adds a file with --manifest (the gate's line and definite_hint alike)."""
    publisher = assessment.release.producer or "the publisher"
    # a full stop, not "; ": the facts' titles may be parted by "; " themselves
    # "--manifest FILE adds what LLM360 documents" stopped there: what it documents where, and
    # what adding it does, were left unsaid (the settle line says "elsewhere" too)
    # where, before what: after it, "described in detail in the repository's osai.yaml" read
    # as the detail's place
    where = _in_repository(assessment.release)
    declared = (
        f"{publisher} has not declared{where}: {what}"
        if where
        else f"{publisher} has not declared {what}"
    )
    if assessment.release.manifest_not_used:
        name = _not_used_name(assessment.release)
        declared = (
            f"{publisher} has not declared, the repository's {name} being invalid (not used; "
            f"the warnings say why): {what}"
        )
    return f"{declared}. --manifest FILE adds what {publisher} documents elsewhere"


def _declared_in(assessment: Assessment) -> str:
    """Where the person checking their own release declares what it is."""
    release = assessment.release
    if release.source in DECLARATIONS:
        return release.file or release.target  # a model of a BOM of several: the BOM
    if release.document and release.document != release.target:  # its manifest was read
        return f"{release.document} ({_draft_said(release)})" if release.draft else release.document
    if release.manifest_not_used:  # a draft beside it, invalid: `osai init` would refuse
        left_out = release.manifest_not_used
        return f"{left_out} (left out, being invalid: `osai check {quote(left_out)}` says why)"
    if release.target.lower().endswith(".md"):  # a card alone: its manifest is named
        return (
            f"a manifest (`osai init {quote(release.target)}` drafts one; pass it with --manifest)"
        )
    inside = f"{release.target.rstrip('/')}/{MANIFEST_NAME}"  # read with the directory
    # a command in backquotes, which the terminal filler keeps on one line (it split "(osai init"
    # from "DIR drafts it)" at 80 columns) and Markdown shows as code
    return f"{inside} (`osai init {quote(release.target)}` drafts it)"
