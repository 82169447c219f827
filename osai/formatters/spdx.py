"""SPDX 3.0.1 JSON-LD with the AI and Dataset profiles: each assessed model and its components.

Per target: an `ai_AIPackage` (the final parameters) with exactly one hasDeclaredLicense and one
hasConcludedLicense, as every AIPackage and DatasetPackage has (the AI and Dataset profiles'
conformance rule): a licence the component's authors declared (or that osai read in their own
files) is the declared one, the concluded NOASSERTION (osai concludes nothing of its own); a
licence osai only has from a third party's assessment or an inference (rules/bom.yaml
certainty.concluded), or a base model's that binds the model, is osai's conclusion, the
declared one NOASSERTION (no declaration seen), a `vcs` externalRef to each code repository
the release names (what `osai check --follow` of the document follows), and its other
released MOF components as the elements rules/bom.yaml names (datasets are
`dataset_DatasetPackage`s the model is `trainedOn`, evaluation data `testedOn`, …),
licences as `simplelicensing_LicenseExpression` (a LicenseRef- for a licence that is not an SPDX
expression, with the source's words in `comment`).  Licences osai cannot choose between (a card's
cc-by-4.0 and a LICENSE of CC-BY-NC-4.0) are NOASSERTION, each named in osai: properties and an
annotation: one licence there would be a fact osai does not have.

osai's verdicts: the same `osai:` name/value pairs as the CycloneDX properties, in the Extension
profile's `extension_CdxPropertiesExtension` on the AI package.  That class exists to carry
CycloneDX-style properties in SPDX 3, so both formats share one vocabulary and one reader, and the
values stay machine-readable (an Annotation's `statement` is a single free-text string).  Each
verdict is also an `Annotation` of type `review` on the package, for SPDX tools that show them.

Deterministic: element ids derive from a hash of the content; `created` (required by SPDX) is
fixed at the Unix epoch, as reproducible builds do with SOURCE_DATE_EPOCH=0, because a report
carries no time and a clock would make every run differ; a build that sets SOURCE_DATE_EPOCH
has its own date stated (RunInfo.bom_created).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from osai import bommap
from osai.bommap import BomMapping, load_bom_mapping
from osai.evidence import FileDigest
from osai.formatters.bomcard import HUB_URL
from osai.formatters.bomdata import (
    Base,
    Model,
    Part,
    Properties,
    StatedLicence,
    inherited_properties,
    licence_properties,
    licence_ref,
    models_of,
    verdict_statement,
)
from osai.formatters.bomname import hub_model_purl
from osai.formatters.escaping import json_document
from osai.formatters.findings import data_credits
from osai.report import Report

CREATED = "1970-01-01T00:00:00Z"
# A release's day (a manifest's release.date) as an SPDX DateTime, which must give a time: the
# day's start in UTC, the one time the day itself names.
START_OF_DAY = "T00:00:00Z"
CREATION_INFO = "_:creationinfo"
NO_ASSERTION = "expandedlicensing_NoAssertionLicense"
NO_LICENCE = "expandedlicensing_NoneLicense"
DECLARED = "hasDeclaredLicense"
CONCLUDED = "hasConcludedLicense"
_PLACEHOLDER = "urn:osai:draft"
_PACKAGES = ("ai_AIPackage", "dataset_DatasetPackage", "software_Package")
# The AI and Dataset profiles' conformance (spdx-3-model 3.0.1 AI.md, Dataset.md): every
# AIPackage and DatasetPackage has exactly one hasDeclaredLicense and one hasConcludedLicense.
# A plain software_Package has no such rule in the profiles osai claims (only Lite, which osai
# does not claim, asks it of every Package), so a code part states its declared licence alone.
_LICENSED_BY_PROFILE = ("ai_AIPackage", "dataset_DatasetPackage")

Json = dict[str, Any]


def render_spdx(report: Report) -> str:
    return json_document(spdx_document(report), indent=2) + "\n"


def spdx_document(report: Report) -> Json:
    mapping = load_bom_mapping()
    models = models_of(report, mapping)
    draft = _document(report, mapping, models, _PLACEHOLDER)
    digest = hashlib.sha256(json.dumps(draft, sort_keys=True).encode("utf-8")).hexdigest()
    name = uuid.uuid5(uuid.NAMESPACE_URL, f"osai:spdx:{digest}")
    return _document(report, mapping, models, f"https://spdx.org/spdxdocs/osai-{name}")


@dataclass
class _Graph:
    """The @graph being built: elements in order, licences once each, relationships numbered."""

    base: str
    items: list[Json] = field(default_factory=list)
    licences: dict[tuple[str, str, str], str] = field(default_factory=dict)
    individuals: set[str] = field(default_factory=set)
    relationships: int = 0
    ids: set[str] = field(default_factory=set)  # of the elements in `items`

    def iri(self, local: str) -> str:
        return f"{self.base}#{local.replace('#', '/')}"

    def element(self, kind: str, local: str, **properties: Any) -> str:
        spdx_id = self.iri(local)
        self.ids.add(spdx_id)
        self.items.append({"type": kind, "spdxId": spdx_id, "creationInfo": CREATION_INFO})
        self.items[-1].update({k: v for k, v in properties.items() if v not in ("", None, [])})
        return spdx_id

    def named(self, local: str) -> str:
        """The id of the element `local` names, if it is in the graph already ("" if not)."""
        spdx_id = self.iri(local)
        return spdx_id if spdx_id in self.ids else ""

    def relate(self, source: str, kind: str, targets: list[str]) -> None:
        self.relationships += 1
        local = f"relationship-{self.relationships}"
        self.element("Relationship", local, relationshipType=kind, to=targets)
        self.items[-1]["from"] = source

    def licence(self, stated: StatedLicence | None) -> str:
        """The licence's element; NOASSERTION where osai knows none, or cannot tell which of
        several applies (alternatives, each in an osai: property and an annotation): one would
        state it as fact, and an `OR` says the licensee may choose."""
        if stated is None or not stated.asserted or stated.none:
            individual = NO_ASSERTION if stated is None or not stated.asserted else NO_LICENCE
            self.individuals.add(individual)
            return individual
        expression = stated.expression or licence_ref(stated.stated)
        url = "" if stated.expression else stated.url
        key = (expression, "" if stated.expression else stated.stated, url)
        if key not in self.licences:
            comment = "" if stated.expression else f"as the source states it: {stated.stated}"
            # where the LicenseRef's terms are: a licence by name alone cannot be looked up
            linked = [{"type": "DictionaryEntry", "key": expression, "value": url}] if url else []
            self.licences[key] = self.element(
                "simplelicensing_LicenseExpression",
                f"licence-{len(self.licences) + 1}",
                simplelicensing_licenseExpression=expression,
                simplelicensing_customIdToUri=linked,
                comment=comment,
            )
        return self.licences[key]


def _document(report: Report, mapping: BomMapping, models: tuple[Model, ...], base: str) -> Json:
    graph = _Graph(base)
    agent = graph.element("SoftwareAgent", "osai", name=f"osai {report.info.tool_version}")
    roots = [_model(graph, model, mapping) for model in models]
    for credit in data_credits(report):  # what the licences of the databases quoted ask
        graph.element(
            "Annotation",
            f"public-assessment/{credit.database}",
            annotationType="other",
            subject=base,
            statement=credit.said,
            # the attribution is the statement's: said once, as in every format
            extension=_extension(bommap.credit_properties(credit, attribution=False)),
        )
    sbom = graph.element(
        "software_Sbom",
        "sbom",
        rootElement=roots,
        software_sbomType=["analyzed"],
        element=[item["spdxId"] for item in graph.items if item["spdxId"] != base],
    )
    creation = {
        "type": "CreationInfo",
        "@id": CREATION_INFO,
        "specVersion": mapping.spdx_version,
        "createdBy": [agent],
        "created": report.info.bom_created or CREATED,
    }
    document = {
        "type": "SpdxDocument",
        "spdxId": base,
        "creationInfo": CREATION_INFO,
        "name": "osai openness report",
        "profileConformance": _profiles(graph),
        "rootElement": [sbom],
    }
    return {"@context": mapping.spdx_context, "@graph": [creation, document, *graph.items]}


def _model(graph: _Graph, model: Model, mapping: BomMapping) -> str:
    release = model.release
    supplier = (
        graph.element("Organization", f"{model.ref}/supplier", name=release.producer)
        if release.producer
        else ""
    )
    own: Properties = ((bommap.COMPONENT, mapping.model.component),)
    own += ((bommap.LOCATION, model.location),) if model.location else ()
    package = graph.element(
        "ai_AIPackage",
        model.ref,
        name=f"{model.group}/{model.name}" if model.group else model.name,
        software_packageVersion=model.version,
        software_packageUrl=model.purl,
        software_downloadLocation=model.url,
        software_primaryPurpose=mapping.model.spdx.purpose,
        externalRef=_vcs_refs(model),
        suppliedBy=supplier,
        releaseTime=f"{release.released}{START_OF_DAY}" if release.released else "",
        extension=_extension(
            own
            + licence_properties(model.licence)
            + inherited_properties(model.licence)
            + model.certainty
            + model.properties
            + model.facts
        ),
    )
    _licence_relationships(graph, package, model.licence)
    _undecided(graph, package, model.ref, model.licence)
    files = [_file(graph, model, digest, mapping) for digest in model.digests]
    if files:
        graph.relate(package, bommap.SPDX_CONTAINS, files)
    for part in model.parts:
        _part(graph, part, package)
    bases = [_base(graph, model, base, mapping) for base in model.bases]
    if bases:
        graph.relate(package, bommap.SPDX_DESCENDS, bases)
    for judged in model.assessment.frameworks:
        graph.element(
            "Annotation",
            f"{model.ref}/verdict/{judged.framework_id}",
            annotationType="review",
            subject=package,
            statement=verdict_statement(judged),
        )
    return package


def _base(graph: _Graph, model: Model, base: Base, mapping: BomMapping) -> str:
    """A base model, an AI package named by its Hub purl and page: no part of the release.
    Its licence, where osai read it, is stated as a package's is (a declared licence, the
    concluded one NOASSERTION), the source's words in osai:licence when they are no SPDX
    expression; where osai did not read it, NOASSERTION both (the AI profile asks exactly one
    of each of every AI package: a base stating none reads back so)."""
    element_id = f"{model.ref}/base/{base.id}"
    # a base two bases derive from is one package, related to each; what it derives from in
    # turn is where the BOM data gives it, which may be where it is named a second time
    element = graph.named(element_id) or _base_package(graph, element_id, base, mapping)
    farther = [_base(graph, model, far, mapping) for far in base.bases]
    if farther:  # what it derives from in turn: the licence binding the model may be there
        graph.relate(element, bommap.SPDX_DESCENDS, farther)
    return element


def _base_package(graph: _Graph, element_id: str, base: Base, mapping: BomMapping) -> str:
    verbatim = licence_properties(base.licence)
    element = graph.element(
        "ai_AIPackage",
        element_id,
        name=base.id,
        software_packageUrl=hub_model_purl(base.id),
        software_downloadLocation=f"{HUB_URL}/{base.id}",
        software_primaryPurpose=mapping.model.spdx.purpose,
        extension=_extension(verbatim) if verbatim else [],
    )
    _licence_relationships(graph, element, base.licence)
    return element


def _vcs_refs(model: Model) -> list[Json]:
    """The model's code repositories, each a `vcs` ExternalRef, but for the one its
    downloadLocation already names (read back as the model's repository: naming it twice would
    say it twice)."""
    downloaded = (bommap.spdx_download_repository(model.url) or "").casefold()
    return [
        {"type": "ExternalRef", "externalRefType": bommap.SPDX_VCS, "locator": [url]}
        for url in model.repositories
        if not downloaded or (bommap.spdx_download_repository(url) or "").casefold() != downloaded
    ]


def _file(graph: _Graph, model: Model, digest: FileDigest, mapping: BomMapping) -> str:
    """One of the model's files, verified by its content digest."""
    return graph.element(
        bommap.SPDX_FILE,
        model.file_ref(digest),
        name=digest.path,
        software_primaryPurpose=mapping.model.spdx.purpose,
        verifiedUsing=[
            {"type": "Hash", "algorithm": bommap.SPDX_SHA256, "hashValue": digest.sha256}
        ],
    )


def _part(graph: _Graph, part: Part, package: str) -> None:
    """The part as one element, or one per dataset it names (each with the part's role)."""
    if not part.datasets:
        _element(graph, part, package, part.ref, part.name, part.url)
    for dataset in part.datasets:
        _element(graph, part, package, f"{part.ref}/{dataset.id}", dataset.id, dataset.url)


def _element(graph: _Graph, part: Part, package: str, local: str, name: str, url: str) -> None:
    written = part.mapping.spdx
    extra: Json = {}
    if url and written.element in _PACKAGES:
        extra["software_downloadLocation"] = url
    elif url:
        kind = "documentation" if written.purpose == "documentation" else "other"
        extra["externalRef"] = [{"type": "ExternalRef", "externalRefType": kind, "locator": [url]}]
    if written.element == "dataset_DatasetPackage":
        extra["dataset_datasetType"] = ["noAssertion"]  # osai knows no more; SPDX requires one
    element = graph.element(
        written.element,
        local,
        name=name,
        software_primaryPurpose=written.purpose,
        extension=_extension(part.properties + licence_properties(part.licence)),
        **extra,
    )
    if written.relationship:
        if written.towards_model:
            graph.relate(element, written.relationship, [package])
        else:
            graph.relate(package, written.relationship, [element])
    if written.element in _LICENSED_BY_PROFILE:
        _licence_relationships(graph, element, part.licence)
    elif part.licence is not None:
        graph.relate(element, _relationship(part.licence), [graph.licence(part.licence)])
        declared = part.licence.declared
        if part.licence.concluded and declared is not None and declared.asserted:
            graph.relate(element, DECLARED, [graph.licence(declared)])  # the publisher's too
    _undecided(graph, element, local, part.licence)


def _licence_relationships(graph: _Graph, element: str, licence: StatedLicence | None) -> None:
    """Exactly one declared licence and one concluded: the licence as its relationship says, the
    other NOASSERTION (the source stated no licence: both), unless osai concluded it and knows
    what the publisher declared (a binding base's licence overriding the publisher's, an
    assessment the card corroborates): that one is the declared licence."""
    stated = _relationship(licence) if licence is not None else ""
    declared = licence.declared if licence is not None and stated == CONCLUDED else None
    for kind in (DECLARED, CONCLUDED):
        said = licence if kind == stated else declared if kind == DECLARED else None
        graph.relate(element, kind, [graph.licence(said)])


def _undecided(graph: _Graph, element: str, local: str, licence: StatedLicence | None) -> None:
    """Licences osai cannot choose between (NOASSERTION in the licence relationships), each
    named in an annotation, for SPDX tools that show them and ignore the extension."""
    if licence is None or not licence.alternatives:
        return
    named = " or ".join((licence.stated, *licence.alternatives))
    graph.element(
        "Annotation",
        f"{local}/licence-alternatives",
        annotationType="other",
        subject=element,
        statement=f"osai: under {named}, and osai cannot tell which applies: "
        "a verdict stands only where every one of them gives it",
    )


def _relationship(licence: StatedLicence) -> str:
    """hasConcludedLicense for osai's conclusion (an assessed or inferred licence), else
    hasDeclaredLicense: SPDX's declared licence is what the artifact was found to contain."""
    return CONCLUDED if licence.concluded else DECLARED


def _extension(pairs: Properties) -> list[Json]:
    entries = [
        {"type": "extension_CdxPropertyEntry", "extension_cdxPropName": name}
        | ({"extension_cdxPropValue": value} if value else {})
        for name, value in pairs
    ]
    return [{"type": "extension_CdxPropertiesExtension", "extension_cdxProperty": entries}]


# What the AI and Dataset profiles make mandatory on their packages (spdx-3-model 3.0.1,
# model/AI/Classes/AIPackage.md, model/Dataset/Classes/DatasetPackage.md).  A document claims a
# profile only when every package of it has them: osai rarely knows a release or build time, and
# a profileConformance it does not meet is a false statement a validator would rely on.
PROFILE_REQUIRES = {
    "ai": (
        "ai_AIPackage",
        ("releaseTime", "suppliedBy", "software_downloadLocation", "software_packageVersion",
         "software_primaryPurpose"),
    ),
    "dataset": (
        "dataset_DatasetPackage",
        ("builtTime", "originatedBy", "releaseTime", "software_downloadLocation",
         "software_primaryPurpose", "dataset_datasetType"),
    ),
}  # fmt: skip


def _profiles(graph: _Graph) -> list[str]:
    profiles = ["core", "software", "simpleLicensing", "extension"]
    for profile, (kind, required) in PROFILE_REQUIRES.items():
        packages = [item for item in graph.items if item["type"] == kind]
        if packages and all(all(key in item for key in required) for item in packages):
            profiles.append(profile)
    if graph.individuals:
        profiles.append("expandedLicensing")
    return profiles
