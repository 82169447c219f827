"""An SPDX 3.0.1 JSON-LD document (AI and Dataset profiles) → the models it describes.

The models are the `ai_AIPackage`s osai marked (osai:component, in a CdxPropertiesExtension: one
for each target osai checked), else the ones the document or SBOM names as roots, else every
one.  Each one's parts are the elements its
relationships reach (trainedOn, testedOn, …), mapped by their osai:component property or, for
another tool's document, by rules/bom.yaml's `read` entries.  Licences come from each element's
hasDeclaredLicense and hasConcludedLicense relationships, each marked as which (the concluded
licence is the document creator's opinion, not the publisher's statement: bom.py reads it only
from a document osai wrote).
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from osai import bommap
from osai.bommap import BomMapping, ComponentMapping
from osai.errors import BadInput
from osai.evidence import DataCredit, FileDigest, release_day
from osai.jsonsafe import JsonDocument, JsonPath
from osai.licence_links import licence_url
from osai.sources.bom_model import (
    DeclaredAddress,
    DeclaredLicence,
    DeclaredModel,
    DeclaredPart,
    DeclaredProperty,
    JsonReader,
    base_shown,
    json_path,
    marked_component,
    package_url,
    property_value,
    purl_revision,
    stated_credits,
    stated_digest,
    stated_digests,
    with_bases,
)
from osai.textsafe import quoted_name

SOURCE = "spdx"
MODEL_TYPE = "ai_AIPackage"
RELATIONSHIP_TYPES = ("Relationship", "LifecycleScopedRelationship")
DECLARED = "hasDeclaredLicense"
CONCLUDED = "hasConcludedLicense"
LICENCE_RELATIONSHIPS = (DECLARED, CONCLUDED)
_INDIVIDUALS = {"NoneLicense": "NONE", "NoAssertionLicense": "NOASSERTION"}
_LISTED = "https://spdx.org/licenses/"
_ANNOTATION = "Annotation"
_BLANK_NODE = "_:"  # JSON-LD's label of a node with no IRI of its own
_CREATION_INFO = "CreationInfo"  # the blank node a merge of documents leaves twice
_FROM_ANCESTOR = ("ancestorOf",)  # the relationship read the other way round: from is the part

Element = tuple[JsonPath, dict[str, Any]]


def _relationship_type(reader: JsonReader, path: JsonPath, kind: str) -> str:
    """A relationship's type: one it does not give, or gives as no string, is refused, as an
    element of the wrong type is (a relationship of no type osai could read was passed over,
    and a model `descendantOf` a Llama 2 package met OSAID on its own Apache-2.0)."""
    where = (*path, "relationshipType")
    found = reader.term(where)
    if not found:
        raise BadInput(
            f"{reader.document.where(*path)}: at {json_path(path)}: a {kind} without a "
            "relationshipType (SPDX 3 says by it how the elements relate)"
        )
    return found


class _Graph:
    """The document's elements by id, and its relationships, read once."""

    def __init__(self, reader: JsonReader) -> None:
        self.reader = reader
        self.elements: dict[str, Element] = {}
        self.relationships: list[tuple[JsonPath, str, str, list[str]]] = []
        # Each ExpandedLicensing operator's expression, read once for the document: read again
        # for each relationship naming it, a 9,600-character set named 5,000 times (a 315 KB
        # document) took 12 s to read, and an 8 MB one minutes
        self.expressions: dict[str, str] = {}
        for path, item in reader.objects(("@graph",)):
            kind = reader.text((*path, "type"))
            if kind in RELATIONSHIP_TYPES:
                self.relationships.append(
                    (
                        path,
                        reader.text((*path, "from")),
                        _relationship_type(reader, path, kind),
                        reader.texts((*path, "to")),
                    )
                )
            spdx_id = reader.text((*path, "spdxId")) or reader.text((*path, "@id"))
            if spdx_id:
                self._add(spdx_id, path, item)
            elif kind == MODEL_TYPE:  # nothing can relate to it: its licence, its parts
                raise BadInput(
                    f"{reader.document.where(*path)}: at {json_path(path)}: an {MODEL_TYPE} "
                    "without an spdxId (SPDX 3 relates its licence and its parts to it by that id)"
                )
        # Each element's relationships, from it or to it, in document order, indexed once: each
        # model sought its licences, parts, bases and files through every relationship, so a
        # document of 4,000 models took seconds to read, and one of 100,000, hours.
        self._touching: dict[str, list[tuple[JsonPath, str, str, list[str]]]] = {}
        for relationship in self.relationships:
            _, source, _, targets = relationship
            for element_id in dict.fromkeys([source, *targets]):
                self._touching.setdefault(element_id, []).append(relationship)

    def touching(self, element_id: str) -> list[tuple[JsonPath, str, str, list[str]]]:
        """The relationships from the element or to it, in document order."""
        return self._touching.get(element_id, [])

    def _add(self, spdx_id: str, path: JsonPath, item: dict[str, Any]) -> None:
        """An element given twice alike is one; two elements of one id are refused: osai read
        whichever came last (an ai_AIPackage whose id a later element reused was "no
        ai_AIPackage element in this document").  A CreationInfo's blank node (`_:ci`) is no
        element osai reads: two of one label, as a merge of documents may leave, keep the
        first.  Two elements of one blank label (SPDX 3 gives an element an IRI) are refused
        as any two: keeping the first read one of two licences silently."""
        earlier = self.elements.setdefault(spdx_id, (path, item))
        if earlier[1] != item and not self._creation_infos(spdx_id, earlier[1], item):
            where = self.reader.document.where(*path)
            raise BadInput(
                f"{where}: at {json_path(path)}: spdxId {quoted_name(spdx_id, 80)} is also "
                f"the element's at {json_path(earlier[0])}; SPDX 3 gives each element its own"
            )

    @staticmethod
    def _creation_infos(spdx_id: str, *items: dict[str, Any]) -> bool:
        return spdx_id.startswith(_BLANK_NODE) and all(
            item.get("type") == _CREATION_INFO for item in items
        )

    def kind(self, spdx_id: str) -> str:
        path, _ = self.elements.get(spdx_id, ((), {}))
        return self.reader.text((*path, "type")) if path else ""

    def properties(self, path: JsonPath) -> tuple[DeclaredProperty, ...]:
        reader = self.reader
        found = []
        for extension in reader.paths((*path, "extension")):
            for item in reader.paths((*extension, "extension_cdxProperty")):
                name = reader.text((*item, "extension_cdxPropName"))
                value = reader.text((*item, "extension_cdxPropValue"))
                found.append(DeclaredProperty(name, value, reader.line(item)))
        return tuple(found)

    def marked(self, spdx_id: str, mapping: BomMapping) -> str:
        path = self.elements[spdx_id][0]
        where = str(self.reader.document.path)
        return marked_component(self.properties(path), mapping.components, where)


def read_spdx(document: JsonDocument, mapping: BomMapping) -> tuple[DeclaredModel, ...]:
    reader = JsonReader(document)
    _check_context(reader, mapping)
    graph = _Graph(reader)
    credits = _credits(graph)
    return tuple(
        replace(_declared(graph, model_id, mapping), credits=credits)
        for model_id in _the_models(graph, mapping)
    )


def _credits(graph: _Graph) -> tuple[DataCredit, ...]:
    """The databases the document credits: each an Annotation whose statement says the
    attribution (DataCredit.said), its title and licence in its properties."""
    reader = graph.reader
    found: list[DeclaredProperty] = []
    for path, _ in graph.elements.values():
        if reader.text((*path, "type")) != _ANNOTATION:
            continue
        properties = graph.properties(path)
        named = [parsed for p in properties if (parsed := bommap.parse_credit_property(p.name))]
        if named:
            statement = (*path, "statement")
            attribution = DataCredit.attribution_in(reader.text(statement))
            name = bommap.credit_property(named[0][0], "attribution")
            found += [*properties, DeclaredProperty(name, attribution, reader.line(statement))]
    return stated_credits(tuple(found))


def _declared(graph: _Graph, model_id: str, mapping: BomMapping) -> DeclaredModel:
    reader = graph.reader
    path = graph.elements[model_id][0]
    purl = reader.text((*path, "software_packageUrl"))
    parts, notes = _parts(graph, model_id, mapping)
    digests, undigested = _digests(graph, model_id)
    return DeclaredModel(
        source=SOURCE,
        name=reader.name((*path, "name")) or model_id,
        line=reader.line(path),
        producer=_producer(graph, path),
        version=reader.text((*path, "software_packageVersion")),
        revision=purl_revision(purl),
        purl=package_url(purl),
        released=release_day(reader.text((*path, "releaseTime"))),
        # osai:location first, as in CycloneDX: the weights' path osai wrote beside the Hub page
        # (downloadLocation) was read as the page, and a BOM written of this one lost the path
        location=property_value(graph.properties(path), bommap.LOCATION)
        or reader.text((*path, "software_downloadLocation")),
        distribution=reader.text((*path, "software_downloadLocation")),
        licences=_licences(graph, model_id, mapping),
        parts=parts,
        properties=graph.properties(path) + undigested,
        notes=notes,
        digests=digests,
        repositories=_repositories(reader, path),
        bases=_bases(graph, model_id, mapping),
    )


def _repositories(reader: JsonReader, path: JsonPath) -> tuple[DeclaredAddress, ...]:
    """The AI package's code repositories, as its author names them: each locator of its `vcs`
    externalRefs, and its downloadLocation when that is a GitHub repository (the form SPDX gives
    a package's version-control location: a model published there is its producer's)."""
    named = [
        DeclaredAddress(url, f"{bommap.SPDX_VCS} externalRef", reader.line(ref))
        for ref in reader.paths((*path, "externalRef"))
        if reader.text((*ref, "externalRefType")) == bommap.SPDX_VCS
        for url in (locator.strip() for locator in reader.texts((*ref, "locator")))
        if url
    ]
    where = (*path, "software_downloadLocation")
    download = reader.text(where).strip()
    if bommap.spdx_download_repository(download) is not None:
        named.append(DeclaredAddress(download, "software_downloadLocation", reader.line(where)))
    return tuple(named)


def _bases(
    graph: _Graph, model_id: str, mapping: BomMapping, read: set[str] | None = None, depth: int = 0
) -> tuple[DeclaredAddress, ...]:
    """The models the AI package derives from: each AI package it is `descendantOf`, or that is
    `ancestorOf` it (SPDX 3's lineage), at the first address that names a Hub model (its purl,
    its downloadLocation, an externalRef), else as it names itself.  Not a part osai marked
    (its intermediate checkpoints, which the final parameters descend from).  Each with the
    bases it derives from in turn (a Llama 2 package an MIT base descends from binds the model
    as well), to MAX_STATED_LINEAGE levels, each package once (`read`: a lineage that turns
    back ends there, and a thousand packages each descending from all the next ones are read
    once each, not once a path)."""
    read = {model_id} if read is None else read
    found = _base_ids(graph, model_id, mapping, read)
    read.update(found)
    return tuple(
        _base(graph, element_id, mapping, *said, read, depth) for element_id, said in found.items()
    )


def _base_ids(
    graph: _Graph, model_id: str, mapping: BomMapping, read: set[str]
) -> dict[str, tuple[str, int | None]]:
    """The bases of `model_id` not yet `read`, each with the relationship naming it and where."""
    found: dict[str, tuple[str, int | None]] = {}
    for path, source, kind, targets in graph.touching(model_id):
        if kind == bommap.SPDX_DESCENDS and source == model_id:
            related = targets
        elif kind in _FROM_ANCESTOR and model_id in targets:
            related = [source]
        else:
            continue
        for element_id in related:
            if element_id not in read and _is_base(graph, element_id, kind, mapping):
                found.setdefault(element_id, (kind, graph.reader.line(path)))
    return found


def _is_base(graph: _Graph, element_id: str, kind: str, mapping: BomMapping) -> bool:
    """Whether the element a lineage relationship relates the model to is a base model: an AI
    package osai did not mark as a part."""
    lineage = kind == bommap.SPDX_DESCENDS or kind in _FROM_ANCESTOR
    return (
        lineage and graph.kind(element_id) == MODEL_TYPE and not graph.marked(element_id, mapping)
    )


def _base(
    graph: _Graph,
    element_id: str,
    mapping: BomMapping,
    kind: str,
    line: int | None,
    read: set[str],
    depth: int,
) -> DeclaredAddress:
    """A base model, where it is named, with the licence it states (as a package's is), and
    the bases it derives from (beyond the levels read: that it has some)."""
    reader = graph.reader
    path = graph.elements[element_id][0]
    addresses = [reader.text((*path, "software_packageUrl")).strip(), *_addresses(reader, path)]
    shown = base_shown(addresses, reader.name((*path, "name")).strip())
    licences = _licences(graph, element_id, mapping)
    properties = graph.properties(path)
    said = f"{MODEL_TYPE} ({kind})"
    base = DeclaredAddress(shown or element_id, said, line, licences, properties)
    farther = partial(_bases, graph, element_id, mapping, read)
    return with_bases(base, depth, farther, partial(_has_bases, graph, element_id, mapping, read))


def _has_bases(graph: _Graph, element_id: str, mapping: BomMapping, read: set[str]) -> bool:
    return bool(_base_ids(graph, element_id, mapping, read))


def _addresses(reader: JsonReader, path: JsonPath) -> tuple[str, ...]:
    """Every address an element gives: its downloadLocation, its externalRefs' locators."""
    found = [
        reader.text((*path, "software_downloadLocation")),
        *(
            url
            for ref in reader.paths((*path, "externalRef"))
            for url in reader.texts((*ref, "locator"))
        ),
    ]
    return tuple(url.strip() for url in found if url.strip())


def _check_context(reader: JsonReader, mapping: BomMapping) -> None:
    context = reader.at(("@context",))
    contexts = context if isinstance(context, list) else [context]
    if mapping.spdx_context not in contexts:
        shown = str(context)[:80]
        raise BadInput(
            f"{reader.document.where('@context')}: SPDX context {shown}: "
            f"osai reads SPDX {mapping.spdx_version} ({mapping.spdx_context})"
        )
    if not reader.items(("@graph",)):
        raise BadInput(f"{reader.document.path}: SPDX document without a @graph of elements")


def _the_models(graph: _Graph, mapping: BomMapping) -> list[str]:
    models = [i for i in graph.elements if graph.kind(i) == MODEL_TYPE]
    marked = [i for i in models if graph.marked(i, mapping) == mapping.model.component]
    roots = {
        root
        for path, _ in graph.elements.values()
        for root in graph.reader.texts((*path, "rootElement"))
    }
    if marked:
        models = marked
    elif roots & set(models):
        models = [i for i in models if i in roots]
    else:  # as in CycloneDX: a model another model relates to (its checkpoint, its base) is a part
        chosen = set(models)
        reached = {
            part
            for _, source, kind, targets in graph.relationships
            if source in chosen
            for part in _parts_related(source, kind, targets, chosen)
        }
        models = [i for i in models if i not in reached] or models
    if not models:
        raise BadInput(f"{graph.reader.document.path}: no ai_AIPackage element in this document")
    return models


def _parts_related(source: str, kind: str, targets: list[str], models: set[str]) -> list[str]:
    """The models a relationship from the model `source` says are parts of another: its
    targets (descendantOf a base, dependsOn, contains, ...), but for `ancestorOf` the source
    itself, the base of each target (SPDX 3: "the from Element is an ancestor of each to
    Element"), which was taken for the model and its fine-tune for a part."""
    others = [to for to in targets if to != source]
    if kind in _FROM_ANCESTOR:
        return [source] if any(to in models for to in others) else []
    return others


def _parts(
    graph: _Graph, model_id: str, mapping: BomMapping
) -> tuple[tuple[DeclaredPart, ...], tuple[str, ...]]:
    parts: list[DeclaredPart] = []
    notes: list[str] = []
    for _, source, kind, targets in graph.touching(model_id):
        if kind in LICENCE_RELATIONSHIPS:
            continue
        if source == model_id:  # not the model itself (`model dependsOn model`): no part of it
            linked = [
                (target, True)
                for target in targets
                if target != model_id
                and target in graph.elements
                and not _model_file(graph, kind, target)
            ]
        elif model_id in targets and source in graph.elements:
            linked = [(source, False)]
        else:
            continue
        for element_id, from_model in linked:
            if _is_base(graph, element_id, kind, mapping):
                continue  # a model it derives from (_bases), no part of it
            part = _part(graph, element_id, kind, from_model, mapping)
            parts += [part] if part else []
            notes += (
                [] if part else [f"{graph.kind(element_id)} via {kind} maps to no MOF component"]
            )
    parts += _model_fields(graph, model_id, mapping)
    return tuple(parts), tuple(dict.fromkeys(notes))


def _part(
    graph: _Graph, element_id: str, kind: str, from_model: bool, mapping: BomMapping
) -> DeclaredPart | None:
    path = graph.elements[element_id][0]
    reader = graph.reader
    marked = graph.marked(element_id, mapping)
    entry: ComponentMapping | None = mapping.components.get(marked) if marked else None
    purpose = reader.text((*path, "software_primaryPurpose"))
    if entry is None and from_model:
        entry = next(
            (
                candidate
                for candidate in mapping.components.values()
                for rule in candidate.spdx_read
                if kind in rule.relationships and (not rule.purposes or purpose in rule.purposes)
            ),
            None,
        )
    if entry is None:
        return None
    location = reader.text((*path, "software_downloadLocation"))
    for ref in reader.paths((*path, "externalRef")):
        location = location or next(iter(reader.texts((*ref, "locator"))), "")
    return DeclaredPart(
        component=entry.component,
        name=reader.name((*path, "name")) or element_id,
        kind=f"{graph.kind(element_id)} ({kind})",
        line=reader.line(path),
        location=location or property_value(graph.properties(path), bommap.LOCATION) or "",
        licences=_licences(graph, element_id, mapping),
        properties=graph.properties(path),
        explicit=bool(marked),
        addresses=_addresses(reader, path),
    )


def _model_file(graph: _Graph, kind: str, target: str) -> bool:
    """One of the model's files, as osai writes them: a software_File the model `contains`
    (its digest, not a MOF component)."""
    return kind == bommap.SPDX_CONTAINS and graph.kind(target) == bommap.SPDX_FILE


def _digests(
    graph: _Graph, model_id: str
) -> tuple[tuple[FileDigest, ...], tuple[DeclaredProperty, ...]]:
    """The files the model `contains` (as osai writes them), each verified by a SHA-256, by
    their paths read whole, and an unstated digest for each without one
    (osai.sources.bom_cyclonedx._digests)."""
    reader = graph.reader
    files = [
        target
        for _, source, kind, targets in graph.touching(model_id)
        if source == model_id
        for target in targets
        if _model_file(graph, kind, target)
    ]
    keys, algorithm = ("algorithm", "hashValue"), bommap.SPDX_SHA256
    return stated_digests(
        (
            stated_digest(reader, name, (*path, "verifiedUsing"), keys, algorithm),
            name,
            reader.line(path),
        )
        for path in (graph.elements[file_id][0] for file_id in dict.fromkeys(files))
        for name in (reader.text((*path, "name")),)
    )


def _model_fields(graph: _Graph, model_id: str, mapping: BomMapping) -> list[DeclaredPart]:
    path = graph.elements[model_id][0]
    parts = []
    for entry in mapping.components.values():
        for rule in entry.spdx_read:
            field = (*path, rule.model_field)
            if rule.model_field and graph.reader.stated(field):
                line = graph.reader.line(field)
                parts.append(
                    DeclaredPart(entry.component, rule.model_field, rule.model_field, line)
                )
    return parts


def _licences(graph: _Graph, element_id: str, mapping: BomMapping) -> tuple[DeclaredLicence, ...]:
    found = []
    for path, source, kind, targets in graph.touching(element_id):
        if source != element_id or kind not in LICENCE_RELATIONSHIPS:
            continue
        for index, target in enumerate(targets):
            stated, line = _stated_licence(graph, target)
            line = line or graph.reader.line((*path, "to", index))
            read_as = mapping.keyword(stated)[1]
            url = _licence_link(graph, target, stated)
            expression = _licence_expression(graph, target)
            concluded = kind == CONCLUDED
            found.append(DeclaredLicence(stated, read_as, line, concluded, url, expression))
    return tuple(found)


def _licence_link(graph: _Graph, target: str, stated: str) -> str:
    """Where a custom licence's terms are, as the document links them: a CustomLicense's first
    seeAlso, or the URI a LicenseExpression maps its one LicenseRef- to (customIdToUri, as osai
    writes it); "" otherwise."""
    if target not in graph.elements:
        return ""
    path, _ = graph.elements[target]
    reader = graph.reader
    if reader.text((*path, "type")) == "expandedlicensing_CustomLicense":
        return next(iter(_urls(reader, (*path, "expandedlicensing_seeAlso"))), "")
    for entry in reader.object_paths((*path, "simplelicensing_customIdToUri")):
        if reader.text((*entry, "key")) == stated.strip():
            return licence_url(reader.text((*entry, "value")))
    return ""


def _urls(reader: JsonReader, path: JsonPath) -> list[str]:
    return [url for url in map(licence_url, _references(reader, path)) if url]


def _stated_licence(graph: _Graph, target: str) -> tuple[str, int | None]:
    """The licence text a relationship's target stands for, and the line that states it."""
    tail = target.rsplit("/", 1)[-1].removeprefix("expandedlicensing_")
    if tail in _INDIVIDUALS:
        return _INDIVIDUALS[tail], None
    if target.startswith(_LISTED):
        return target.removeprefix(_LISTED), None
    path = _licence_element(graph, target)
    reader = graph.reader
    if reader.text((*path, "type")) in _LICENCE_OPERATORS:
        return _expanded_licence(graph, target, (), graph.expressions), reader.line(path)
    for key in ("simplelicensing_licenseExpression", "name"):
        if reader.text((*path, key)):
            return reader.text((*path, key)), reader.line((*path, key))
    return _licence_ref(target) or target, reader.line(path)


def _licence_expression(graph: _Graph, target: str) -> bool:
    """Whether the target is a LicenseExpression element: its text is an SPDX expression."""
    if target not in graph.elements:
        return False
    path = graph.elements[target][0]
    return graph.reader.text((*path, "type")) == "simplelicensing_LicenseExpression"


def _licence_ref(target: str) -> str:
    """The LicenseRef- (or AdditionRef-) a custom licence's id ends in, by SPDX's convention;
    else ""."""
    tail = target.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return tail if tail.startswith(("LicenseRef-", "AdditionRef-")) else ""


def _licence_element(graph: _Graph, target: str) -> JsonPath:
    if target not in graph.elements:
        raise BadInput(
            f"{graph.reader.document.path}: licence '{target[:80]}' is not in the document"
        )
    return graph.elements[target][0]


# The ExpandedLicensing profile's licence expression as elements (spdx-3-model 3.0.1,
# model/ExpandedLicensing/Classes): an operator, and the properties naming its operands.
_LICENCE_OPERATORS = {
    "expandedlicensing_ConjunctiveLicenseSet": ("expandedlicensing_member",),
    "expandedlicensing_DisjunctiveLicenseSet": ("expandedlicensing_member",),
    "expandedlicensing_WithAdditionOperator": (
        "expandedlicensing_subjectExtendableLicense",
        "expandedlicensing_subjectAddition",
    ),
    "expandedlicensing_OrLaterOperator": ("expandedlicensing_subjectLicense",),
}
_LICENCE_SETS = (
    "expandedlicensing_ConjunctiveLicenseSet",
    "expandedlicensing_DisjunctiveLicenseSet",
)
_LICENCE_JOINS = {
    "expandedlicensing_ConjunctiveLicenseSet": " AND ",
    "expandedlicensing_DisjunctiveLicenseSet": " OR ",
    "expandedlicensing_WithAdditionOperator": " WITH ",
}
MAX_LICENCE_DEPTH = 32  # operators within operators: a hostile chain of them is refused
MAX_LICENCE_CHARS = 10_000  # of the expression: sets sharing members double it at each level


def _expanded_licence(
    graph: _Graph, target: str, within: tuple[str, ...], read: dict[str, str]
) -> str:
    """The SPDX expression an ExpandedLicensing element stands for (`MIT AND CC-BY-NC-4.0` for a
    ConjunctiveLicenseSet of the two), so that it is judged as the same expression written as
    text is: read as a licence named by the set's id, a model under a set holding a non-open
    licence was unknown where it is not conformant.  `read`: the operators read so far."""
    kind = graph.kind(target)
    if kind not in _LICENCE_OPERATORS:
        return _operand(graph, target)
    if target in read:
        return read[target]
    where = graph.reader.document.path
    if target in within:
        raise BadInput(f"{where}: licence '{target[:80]}' contains itself")
    if len(within) >= MAX_LICENCE_DEPTH:
        raise BadInput(f"{where}: licence '{target[:80]}' nests more than {MAX_LICENCE_DEPTH} deep")
    path = _licence_element(graph, target)
    reader = graph.reader
    operands: list[str] = []
    length = 0
    for key in _LICENCE_OPERATORS[kind]:
        named = _references(reader, (*path, key))
        if kind not in _LICENCE_SETS and len(named) != 1:
            # an operator's subject and addition are one licence each (maxCount 1): the second
            # of two an OrLaterOperator named was dropped, GPL-2.0-only and CC-BY-NC-4.0 judged
            # as GPL-2.0+ alone, and an addition named alone was taken for the licence
            reader.fail((*path, key), "one licence")
        for operand in named:
            operands.append(_grouped(_expanded_licence(graph, operand, (*within, target), read)))
            # counted as read, not once joined: a set naming a 10,000-character set 150,000
            # times (a 7.8 MB document) made a string of 1.5 GB before it was refused
            length += len(operands[-1]) + 1
            if length > MAX_LICENCE_CHARS:
                raise _too_long(where, target)
    if not operands:
        reader.fail((*path, _LICENCE_OPERATORS[kind][0]), "the licences it combines")
    if kind == "expandedlicensing_OrLaterOperator":
        expression = f"{operands[0]}+"
    else:
        expression = _LICENCE_JOINS[kind].join(operands)
    if len(expression) > MAX_LICENCE_CHARS:
        raise _too_long(where, target)
    read[target] = expression
    return expression


def _too_long(where: Path, target: str) -> BadInput:
    return BadInput(
        f"{where}: licence '{target[:80]}' is more than {MAX_LICENCE_CHARS:,} characters long"
    )


def _references(reader: JsonReader, path: JsonPath) -> list[str]:
    """The ids a property names: a list of them (a set's members) or one (an operator's)."""
    if isinstance(reader.at(path), list):
        return [item for item in reader.texts(path) if item]
    return [reader.text(path)] if reader.text(path) else []


def _grouped(expression: str) -> str:
    return f"({expression})" if " " in expression else expression


def _operand(graph: _Graph, target: str) -> str:
    """A licence within an expression: its SPDX id (a custom licence's LicenseRef-, where its
    id ends in one) rather than a name of several words, which no expression could hold."""
    path = graph.elements.get(target, ((), {}))[0]
    name = graph.reader.name((*path, "name")) if path else ""
    if _licence_ref(target) and " " in name.strip():
        return _licence_ref(target)
    return _stated_licence(graph, target)[0]


def _producer(graph: _Graph, path: JsonPath) -> str:
    reader = graph.reader
    agents = [reader.text((*path, "suppliedBy")), *reader.texts((*path, "originatedBy"))]
    for agent in agents:
        if agent in graph.elements:
            name = reader.name((*graph.elements[agent][0], "name"))
            if name:
                return name
    return ""
