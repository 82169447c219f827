"""A draft's `components:` entries: one per component of the vocabulary, as the release shows it.

- released (seen, with a licence or none stated): a listed entry, its licence canonical;
- released, licence not found: listed with `license: unknown` (osai form), so the draft reads
  back as "released, licence unknown", as the release does;
- only inferred: listed, marked `certainty: inferred` (osai form), so a gate that wants detected
  evidence still says NOT PROVEN until the publisher confirms it;
- not released (the card says so): `released: false`, with the words it rests on (osai form);
- unknown: a commented-out entry saying what to declare.

The MOT form has no extensions: unknowns stay commented, "not released" is left unlisted (the
tool reads an unlisted component as not released), and licences are spelt as the tool accepts.
It has no place for `certainty: inferred` either, and osai reads a listed entry as detected: so
what osai only inferred is written commented out, to uncomment once confirmed, and an unreviewed
MOT draft never states more surely than the release did.  Nor has it a place for the facts the
release states (`declarations`): a component whose own requirement a stated fact holds unknown
(held_against: MOF's Datasets beside a card saying some training data is not public) is written
commented out too, naming the fact, or the draft alone would meet what the release leaves unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from osai.assessment import Status
from osai.evidence import ComponentEvidence, Fact, Presence, Release, said_of_card_terms
from osai.init.words import (
    PLACEHOLDER,
    asked,
    comment,
    explained,
    first_url,
    flow_list,
    how,
    how_all,
    is_reference,
    keyed,
    label,
    lower_first,
    mapping,
    quoted_evidence,
    scalar,
    seen_how,
    stated,
    wrapped,
)
from osai.licence_spelling import canonical_licence, exact_spelling
from osai.licenses import LicenceKnowledge
from osai.rules import Component, RuleSet
from osai.yamlsafe import NOTE_ENDINGS

ENTRY = "    "
FIELD = "      "
COMMENTED = "    #   "


@dataclass(frozen=True)
class Form:
    """What a draft may write: osai's extensions, or only what a tool's format holds."""

    knowledge: LicenceKnowledge
    extensions: bool = True
    tool_title: str = ""  # the tool the file is for (MOT form)
    accepted: tuple[str, ...] = ()  # the licence sets that tool accepts, verbatim

    def licence(self, text: str) -> tuple[str, str]:
        """The licence as written in the draft, and a note when that needs one."""
        canonical = canonical_licence(text, self.knowledge)
        if self.extensions:
            return canonical, ""
        spelt = exact_spelling(text, self.accepted, self.knowledge)
        if spelt is None:
            return canonical, f"{self.tool_title} does not count it as open"
        if spelt != canonical:
            return spelt, f"of {canonical}, the licence {self.tool_title} accepts"
        return spelt, ""


def component_entry(
    component: Component,
    evidence: ComponentEvidence,
    form: Form,
    *,
    bases: str = "",
    against: HeldAgainst | None = None,
) -> list[str]:
    """`bases`: how the draft's declarations.base_model reads the bases an `unless` waits on
    ("" when it names none): then that line, not the `unless`, keeps the licence unknown.
    `against`: what holds the component's own requirements unknown (held_against)."""
    if evidence.presence is Presence.ABSENT:
        return _not_released(component, evidence, form)
    if evidence.presence is Presence.UNKNOWN:
        return _unknown(component, evidence, form)
    if evidence.licence is None and not form.extensions:
        return _unknown_licence_commented(component, evidence)
    if is_inferred(evidence) and not form.extensions:
        return _inferred_commented(component, evidence, form)
    if against is not None and not form.extensions:
        return _contradicted_commented(component, evidence, form, against)
    if evidence.licence is not None and evidence.licence.unless and not form.extensions:
        # the tool's format cannot say `unless`: listed, the draft would meet what the check it
        # was drafted from left unknown
        why = f"{evidence.licence.unless}: read it, then uncomment this entry"
        return _commented(component, evidence, form, f"unless {why}")
    return _released(component, evidence, form, bases=bases)


def is_inferred(evidence: ComponentEvidence) -> bool:
    """Nothing stated shows it, or its licence is only inferred."""
    return _presence_inferred(evidence) or _licence_inferred(evidence)


def _presence_inferred(evidence: ComponentEvidence) -> bool:
    return not any(stated(p) for p in evidence.provenance)


def _licence_inferred(evidence: ComponentEvidence) -> bool:
    licence = evidence.licence
    return licence is not None and not stated(licence.provenance)


def _released(
    component: Component,
    evidence: ComponentEvidence,
    form: Form,
    entry: str = ENTRY,
    *,
    bases: str = "",
) -> list[str]:
    """The entry, each line starting `entry` (its fields two further), wrapped at WIDTH."""
    field = entry + "  "
    lines = explained(entry, f"- name: {scalar(component.name)}", seen_how(evidence))
    lines.extend(_licence_lines(field, component, evidence, form))
    lines.extend(_where(field, evidence, form))
    if form.extensions:
        lines.extend(_evidence(field, evidence, inferred=is_inferred(evidence), bases=bases))
    return lines


def _inferred_commented(component: Component, evidence: ComponentEvidence, form: Form) -> list[str]:
    """The entry osai would list, commented out: listed, the MOT form would read it back as
    detected (it cannot say `certainty: inferred`), and a gate that wants detected evidence
    would pass on osai's own guess.  Each line uncomments to the entry as it stands."""
    inferred = "that it is released" if _presence_inferred(evidence) else "its licence"
    why = f"osai only inferred {inferred}, nothing states it: confirm it, then uncomment this entry"
    return _commented(component, evidence, form, why)


@dataclass(frozen=True)
class HeldAgainst:
    """What holds a component's own requirements unknown: the facts the release states against
    them (RequirementResult.facts_against), and those requirements."""

    requirements: tuple[str, ...]
    facts: tuple[Fact, ...]


def held_against(release: Release, rules: RuleSet) -> Mapping[str, HeldAgainst]:
    """The components whose own requirement (its check's component) the release leaves unknown
    only for facts it states against it (a check's `unless_stated`, `unless`), in any framework
    and mode, by component id.  A form with no place for those facts lists such a component as
    it would any other: the draft alone would then meet what the release leaves unknown."""
    from osai.engine import evaluate_framework  # the engine reads every framework: only if asked

    requirements: dict[str, dict[str, None]] = {}
    keys: dict[str, dict[str, None]] = {}
    for framework in rules.frameworks.values():
        for mode in framework.modes:
            for result in evaluate_framework(framework, mode, release, rules).results:
                component = result.direct_component
                if result.status is Status.UNKNOWN and component and result.facts_against:
                    requirements.setdefault(component, {})[result.requirement_id] = None
                    keys.setdefault(component, {}).update(dict.fromkeys(result.facts_against))
    return {
        component: HeldAgainst(
            tuple(requirements[component]),
            tuple(release.facts[key] for key in stated if key in release.facts),
        )
        for component, stated in keys.items()
    }


def _contradicted_commented(
    component: Component, evidence: ComponentEvidence, form: Form, held: HeldAgainst
) -> list[str]:
    """The entry osai would list, commented out: the release states a fact that leaves the
    component's requirement unknown, which the tool's format has no place for; listed, the
    draft would meet it (each line uncomments to the entry as it stands)."""
    facts = ", ".join(dict.fromkeys(fact.key for fact in held.facts))
    said = "; ".join(quoted_evidence(fact.provenance) for fact in held.facts)
    why = (
        f"osai check leaves {', '.join(held.requirements)} unknown for {facts}, which "
        f"{form.tool_title} has no place for ({said}): settle it, then uncomment this entry"
    )
    return _commented(component, evidence, form, why)


def _commented(
    component: Component, evidence: ComponentEvidence, form: Form, why: str
) -> list[str]:
    """The entry osai would list, commented out, and why (each line uncomments to it)."""
    return [
        *_released(component, evidence, form, entry=f"{ENTRY}# "),
        *wrapped(f"{COMMENTED}# ", why, f"{COMMENTED}# "),
        f"{COMMENTED}# (left commented, the tool counts it as not released)",
    ]


def _licence_lines(
    field: str, component: Component, evidence: ComponentEvidence, form: Form
) -> list[str]:
    licence = evidence.licence
    if licence is None:
        what = lower_first(component.name)
        return asked(
            field,
            "license: unknown",
            f"osai found no licence for the {what}",
            "declare it",
        )
    if not licence.text.strip():
        said = f"{label(licence.provenance)}: {how(licence.provenance)}"
        return explained(field, "license: unlicensed", f"no licence, {said}")
    if licence.alternatives:
        # One of them written here is the publisher's word for it, once reviewed: the draft
        # would settle what osai could not (LicenceFact.alternatives), so it asks instead.
        each = " or ".join(
            f"{other.text} ({how(other.provenance)})" for other in (licence, *licence.alternatives)
        )
        # Nor does a declaration settle it (osai.sources.merge keeps what either may be): the
        # sources that contradict each other are what to mend.
        why = comment(
            f"osai cannot tell which applies, {each} (declaring one here does not settle it)"
        )
        return asked(field, "license: unknown", why, "correct the source that is wrong")
    written, note = form.licence(licence.text)
    said = f"{label(licence.provenance)}: {how(licence.provenance)}"
    written_lines = keyed(field, "license", scalar(written))
    return explained(field, written_lines, said + (f"; {note}" if note else ""))


def _where(field: str, evidence: ComponentEvidence, form: Form) -> list[str]:
    """`component_path`: the component's files (every shard), else its own file, else (MOT
    form) the link that shows it."""
    files = list(evidence.files) or ([evidence.location] if _own_file(evidence) else [])
    if not files:
        url = first_url([evidence.location, *(p.value for p in evidence.provenance)])
        return keyed(field, "component_path", scalar(url)) if url and not form.extensions else []
    if len(files) == 1:
        return keyed(field, "component_path", scalar(files[0]))
    if form.extensions:
        return keyed(field, "component_path", flow_list(files))
    rest = ", ".join(files[1:])
    first = keyed(field, "component_path", scalar(files[0]))
    return explained(field, first, f"and {comment(rest)}")


def _evidence(
    field: str, evidence: ComponentEvidence, *, inferred: bool, bases: str = ""
) -> list[str]:
    parts = []
    links = [evidence.location, *(p.value for p in evidence.provenance)]
    url = first_url(links) if not evidence.files and not _own_file(evidence) else ""
    if url:
        parts.append(("url", scalar(url)))
    # Seen but licensed only by inference: the licence alone is marked, so the draft keeps
    # what was detected as detected.
    mark = "certainty" if _presence_inferred(evidence) else "licence_certainty"
    if inferred:
        parts.append((mark, "inferred"))
    # a base model osai could not read may bind it (LicenceFact.unless): kept, the draft's check
    # leaves unknown what the check it was drafted from left unknown
    unless = evidence.licence.unless if evidence.licence is not None else ""
    waits = []
    if unless and bases and not said_of_card_terms(unless):
        # The declared base_model already leaves the licence unknown until its base is read,
        # and --follow reads it: an `unless` kept ("... (not followed) ...") outlived that, the
        # parameters unknown and "not followed" after --follow had read a base that binds nothing.
        waits = wrapped(f"{field}# ", f"unless {unless}: {bases}", f"{field}# ")
        unless = ""
    if unless:
        parts.append(("unless", scalar(unless)))
    if not parts:
        return waits
    lines = mapping(field, "evidence", parts)
    asks = [
        *(
            [f"inferred, not stated: confirm it, then delete `{mark}: inferred`"]
            if inferred
            else []
        ),
        *([_settle_unless(unless)] if unless else []),
    ]
    return [*(explained(field, lines, "; ".join(asks)) if asks else lines), *waits]


def _settle_unless(unless: str) -> str:
    """What settles a draft's `unless`: the base model's licence read, or, for the use
    restrictions the card's licence section states, the card or the licence corrected ("read
    the base model's licence" was said of a card naming no base)."""
    if said_of_card_terms(unless):
        return "correct the card's licence section or the licence, then delete `unless`"
    return "read the base model's licence, then delete `unless`"


def _not_released(component: Component, evidence: ComponentEvidence, form: Form) -> list[str]:
    said = "; ".join(quoted_evidence(p) for p in evidence.provenance[:2]) or "osai"
    kind = "detected" if any(stated(p) for p in evidence.provenance) else "inferred"
    if not form.extensions:
        return wrapped(
            f"{ENTRY}# ",
            f"{component.name}: not released, so not listed ({kind}: {said})",
            COMMENTED,
        )
    lines = [
        f"{ENTRY}- name: {scalar(component.name)}",
        *explained(FIELD, "released: false", f"{kind}: {comment(said)}"),
    ]
    if kind == "inferred":
        lines.append(
            f"{FIELD}evidence: {{certainty: inferred}}  # confirm it, then delete this line"
        )
    return lines


def _unknown(component: Component, evidence: ComponentEvidence, form: Form) -> list[str]:
    what = lower_first(component.name)
    lines = [
        f"{ENTRY}# - name: {scalar(component.name)}",
        *wrapped(
            f"{COMMENTED}license: {PLACEHOLDER}",
            f"not detected: if you release the {what}, {NOTE_ENDINGS[0]}",
            f"{COMMENTED}  ",
        ),
    ]
    # at the fields' column, not deeper: uncommented with the entry, a line indented under the
    # licence filled in would be read as more of it
    if evidence.provenance:
        lines.extend(wrapped(f"{COMMENTED}(osai saw: ", f"{how_all(evidence)})", COMMENTED))
    if evidence.licence is not None and evidence.licence.text.strip():
        # as the draft writes a licence (`mit` → `MIT`), ready to uncomment
        under = comment(form.licence(evidence.licence.text)[0])
        said = f"{under}: {how(evidence.licence.provenance)})"
        lines.extend(wrapped(f"{COMMENTED}(if released, it is under ", said, COMMENTED))
    return lines


def _unknown_licence_commented(component: Component, evidence: ComponentEvidence) -> list[str]:
    what = lower_first(component.name)
    return [
        *explained(f"{ENTRY}# ", f"- name: {scalar(component.name)}", seen_how(evidence)),
        *wrapped(
            f"{COMMENTED}license: {PLACEHOLDER}",
            f"osai found no licence for the {what}: declare it, {NOTE_ENDINGS[1]}",
            f"{COMMENTED}  ",
        ),
        f"{COMMENTED}  (unlisted, the tool counts it as not released)",
    ]


def _own_file(evidence: ComponentEvidence) -> bool:
    """The location is the component's own file, seen (not a reference to it: a URL, DOI,
    arXiv or Hub id)."""
    at_location = [p for p in evidence.provenance if p.location == evidence.location]
    if not evidence.location or any(is_reference(p.value) for p in at_location):
        return False
    return any(stated(p) for p in at_location)
