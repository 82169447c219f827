"""A CycloneDX ML-BOM (1.5 or later, JSON) → the models it describes, a DeclaredModel each.

The models are the `machine-learning-model` components osai marked (osai:component: one for each
target osai checked), else metadata.component when it is a model, else the models that no other
model depends on (another model's checkpoint, or its base, is a part of it).  Each one's
parts are the components it depends on and the datasets its modelCard names, each mapped by its
osai:component property or, for another tool's BOM, by rules/bom.yaml's `read` entries; a
dataset's role (training or evaluation data) by the formulation workflow that places it, as
the modelCard's datasets are "used to train and evaluate the model" alike.
Each licence entry is read with its acknowledgement (1.6): `concluded` (found by analysis) is the
BOM author's conclusion, not the publisher's statement; bom.py reads it only from a BOM osai wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from osai import bommap
from osai.bommap import BomMapping, ComponentMapping, CycloneDXRead
from osai.errors import BadInput
from osai.evidence import FileDigest
from osai.hubrefs import parse_hub_purl
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
from osai.textsafe import one_line, quoted_name

SOURCE = "cyclonedx"
ML_VERSIONS = ("1.5", "1.6", "1.7")
_BEFORE_ML = ("1.0", "1.1", "1.2", "1.3", "1.4")  # CycloneDX before its ML-BOM (1.5)
MODEL_TYPE = "machine-learning-model"
ACKNOWLEDGEMENTS = (
    "declared",
    "concluded",
)  # CycloneDX 1.6 and 1.7 licenseAcknowledgementEnumeration

Component = tuple[JsonPath, dict[str, Any]]


def read_cyclonedx(document: JsonDocument, mapping: BomMapping) -> tuple[DeclaredModel, ...]:
    reader = JsonReader(document)
    version = reader.text(("specVersion",))
    if version not in ML_VERSIONS:
        raise BadInput(f"{document.where('specVersion')}: {_unread_version(version)}")
    components = _distinct(reader, _all_components(reader))
    links = _links(reader, components, mapping)
    models = _the_models(reader, components, mapping, links)
    credits = stated_credits(_properties(reader, ("metadata",)))
    return tuple(
        replace(_declared(reader, model, components, mapping, links), credits=credits)
        for model in models
    )


def _unread_version(version: str) -> str:
    """Why a CycloneDX version is not read, truly of each: only those before 1.5 are known to
    have no machine-learning-model components (a 1.8 or a 2.0 was said to have none)."""
    reads = f"ML-BOMs ({', '.join(ML_VERSIONS)})"
    if not version:
        return f"CycloneDX without a specVersion: osai reads {reads}"
    if version in _BEFORE_ML:
        return f"CycloneDX {version} has no machine-learning-model components; osai reads {reads}"
    return f"CycloneDX {version}, a version osai does not read: it reads {reads}"


@dataclass(frozen=True)
class _Links:
    """What links the BOM's components, indexed once a BOM: each model sought its components,
    its dependencies and the workflows naming it through the whole BOM, so a BOM of 4,000
    models took a minute to read, and the 100,000 that fit in one osai reads, hours.
    `by_ref`: each component's path by its bom-ref; `dependencies`: each bom-ref's entries in
    `dependencies`; `tasks`: by the bom-ref a formulation workflow or task names as its inputs
    or outputs (TASK_MODEL_PLACES), (its one task type a rule reads, that place, its inputs)."""

    by_ref: dict[str, JsonPath]
    dependencies: dict[str, list[JsonPath]]
    tasks: dict[str, list[tuple[str, str, list[str]]]]


def _links(reader: JsonReader, components: list[Component], mapping: BomMapping) -> _Links:
    by_ref = {ref: path for path, _ in components if (ref := _ref(reader, path))}
    dependencies: dict[str, list[JsonPath]] = {}
    for item in reader.object_paths(("dependencies",)):
        dependencies.setdefault(reader.text((*item, "ref")), []).append(item)
    tasks: dict[str, list[tuple[str, str, list[str]]]] = {}
    for flow, node in _workflow_nodes(reader):
        kinds = set(reader.texts((*node, "taskTypes"))) & mapping.task_types
        if len(kinds) != 1:  # one that both builds and tests does not say which input is which
            continue
        (kind,) = kinds
        inputs = _resources(reader, node, "inputs")
        for place in bommap.TASK_MODEL_PLACES:
            named = _resources(reader, node, place) + _resources(reader, flow, place)
            for ref in dict.fromkeys(named):
                tasks.setdefault(ref, []).append((kind, place, inputs))
    return _Links(by_ref, dependencies, tasks)


def _declared(
    reader: JsonReader,
    model: Component,
    components: list[Component],
    mapping: BomMapping,
    links: _Links,
) -> DeclaredModel:
    model_path = model[0]
    parts, notes, unplaced = _parts(reader, model_path, components, mapping, links)
    group, name = reader.name((*model_path, "group")), reader.name((*model_path, "name"))
    purl = reader.text((*model_path, "purl"))
    digests, undigested = _digests(reader, model_path)
    return DeclaredModel(
        source=SOURCE,
        name=f"{group}/{name}" if group else name,
        line=reader.line(model_path),
        producer=_producer(reader, model_path) or group,
        version=reader.name((*model_path, "version")),
        revision=purl_revision(purl),
        purl=package_url(purl),
        location=property_value(_properties(reader, model_path), bommap.LOCATION)
        or _reference_url(reader, model_path, "website")
        or _reference_url(reader, model_path, "distribution")
        or package_url(purl),
        distribution=_reference_url(reader, model_path, "distribution"),
        task=reader.text((*model_path, "modelCard", "modelParameters", "task")),
        architecture=reader.text(
            (*model_path, "modelCard", "modelParameters", "modelArchitecture")
        ),
        licences=_licences(reader, model_path, mapping),
        parts=parts,
        properties=_properties(reader, model_path)
        + _properties(reader, (*model_path, "modelCard"))
        + undigested,
        notes=notes,
        unplaced=unplaced,
        digests=digests,
        repositories=_repositories(reader, model_path),
        bases=_bases(reader, model_path, mapping),
    )


def _repositories(reader: JsonReader, model_path: JsonPath) -> tuple[DeclaredAddress, ...]:
    """The model's `vcs` external references: its code's repository, as its author names it.
    OWASP's generator writes the Hub commit there: only GitHub's are followed (osai.links.plan),
    and no vcs link says which component it holds (rules/bom.yaml)."""
    return tuple(
        DeclaredAddress(url, f"{bommap.CYCLONEDX_VCS} reference", reader.line(item))
        for item in reader.object_paths((*model_path, "externalReferences"))
        if reader.text((*item, "type")) == bommap.CYCLONEDX_VCS
        and (url := reader.text((*item, "url")).strip())
    )


def _bases(
    reader: JsonReader, model_path: JsonPath, mapping: BomMapping, depth: int = 0
) -> tuple[DeclaredAddress, ...]:
    """The models the model derives from: its pedigree's ancestors (CycloneDX: "the components
    a component is derived from") that are models, as SPDX's are its AI packages (a library
    ancestor was a base model 'torch' that might bind the model to its licence), each at the
    first address that names a Hub model (its purl, an external reference), else as it names
    itself; one naming nothing says nothing.
    Each with the licence it states, as a component states its own, and the ancestors its own
    pedigree names in turn (a chain: the model, an MIT fine-tune, Llama 2 beyond it, met on
    the MIT alone), to MAX_STATED_LINEAGE levels (beyond: that it has some)."""
    found = []
    for path in _model_ancestors(reader, model_path):
        group, name = reader.name((*path, "group")).strip(), reader.name((*path, "name")).strip()
        addresses = [reader.text((*path, "purl")).strip(), *_addresses(reader, path)]
        shown = base_shown(addresses, "/".join(filter(None, (group, name))))
        if shown:
            licences = _licences(reader, path, mapping)
            properties = _properties(reader, path)
            line = reader.line(path)
            said = "pedigree ancestor"
            base = DeclaredAddress(shown, said, line, licences, properties)
            farther = partial(_bases, reader, path, mapping)
            found.append(with_bases(base, depth, farther, partial(_has_ancestors, reader, path)))
    return tuple(found)


def _has_ancestors(reader: JsonReader, path: JsonPath) -> bool:
    return bool(_model_ancestors(reader, path))


def _model_ancestors(reader: JsonReader, path: JsonPath) -> list[JsonPath]:
    """The ancestors that are models, each known by its type, a string CycloneDX requires
    (JsonReader.term): an ancestor naming Llama 2 by its purl and licence whose type was 5, or
    not given, was read as no model, and the fine-tune met OSAID on its own Apache-2.0.  Or by
    its purl, whatever its type: a pkg:huggingface purl names a Hub model, and one typed
    `library` naming Llama 2 under its licence was passed over (ahh's review); a `library`
    named torch still is."""
    return [
        ancestor
        for ancestor in reader.object_paths((*path, "pedigree", "ancestors"))
        if _component_type(reader, ancestor) == MODEL_TYPE
        or parse_hub_purl(reader.text((*ancestor, "purl")).strip())
    ]


def _component_type(reader: JsonReader, path: JsonPath) -> str:
    """A component's type: a string, required (a number or none is bad input)."""
    kind = reader.term((*path, "type"))
    if not kind:
        reader.fail((*path, "type"), "a string (CycloneDX requires a component's type)")
    return kind


def _addresses(reader: JsonReader, path: JsonPath) -> tuple[str, ...]:
    """Every address a component gives: its external references', its data's contents'."""
    found = [
        reader.text((*item, "url")) for item in reader.object_paths((*path, "externalReferences"))
    ]
    found += [
        reader.text((*item, "contents", "url")) for item in reader.object_paths((*path, "data"))
    ]
    return tuple(url.strip() for url in found if url.strip())


def _digests(
    reader: JsonReader, model_path: JsonPath
) -> tuple[tuple[FileDigest, ...], tuple[DeclaredProperty, ...]]:
    """The model's `file` components (nested in it, as osai writes them) with a SHA-256, and an
    unstated digest for each without one (stated_digests).  A file's name is its path, read
    whole (not bounded as a name to show): cut, a digest was restated of a file that is not
    there."""
    keys, algorithm = ("alg", "content"), bommap.CYCLONEDX_SHA256
    return stated_digests(
        (
            stated_digest(reader, name, (*path, "hashes"), keys, algorithm),
            name,
            reader.line(path),
        )
        for path in reader.object_paths((*model_path, "components"))
        if reader.text((*path, "type")) == bommap.CYCLONEDX_FILE
        for name in (reader.text((*path, "name")),)
    )


def _all_components(reader: JsonReader) -> list[Component]:
    """metadata.component, components[] and their nested components, in document order."""
    found: list[Component] = []
    pending: list[JsonPath] = []
    if reader.at(("metadata", "component")) is not None:
        pending.append(("metadata", "component"))
    pending += reader.object_paths(("components",))
    while pending:
        path = pending.pop(0)
        found.append((path, reader.object(path)))
        pending += reader.object_paths((*path, "components"))
    return found


def _distinct(reader: JsonReader, components: list[Component]) -> list[Component]:
    """Each component once, by its bom-ref; two components of one bom-ref are refused, as
    SPDX's two elements of one spdxId are: CycloneDX makes each bom-ref unique, and a
    dependency or a model card's dataset `ref` names one of them.  osai read whichever came
    last: a model architecture the BOM declares became unknown when a later part reused its
    bom-ref.  A component given twice alike is one (as SPDX's element given twice alike is):
    the model in metadata.component and again in components was judged twice."""
    seen: dict[str, Component] = {}
    kept: list[Component] = []
    for path, component in components:
        ref = _ref(reader, path)
        earlier = seen.setdefault(ref, (path, component)) if ref else None
        if earlier is None or earlier[0] == path:
            kept.append((path, component))
        elif earlier[1] != component:
            raise BadInput(
                f"{reader.document.where(*path)}: at {json_path(path)}: bom-ref "
                f"{quoted_name(ref, 80)} is also the component's at {json_path(earlier[0])}; "
                "CycloneDX gives each component its own"
            )
    return kept


def _the_models(
    reader: JsonReader, components: list[Component], mapping: BomMapping, links: _Links
) -> list[Component]:
    models = [c for c in components if reader.text((*c[0], "type")) == MODEL_TYPE]
    marked = [c for c in models if _marked(reader, c[0], mapping) == mapping.model.component]
    if marked:
        models = marked
    elif models and models[0][0] == ("metadata", "component"):
        models = models[:1]
    else:
        depended = {ref for c in models for ref in _depends_on(reader, links, _ref(reader, c[0]))}
        models = [c for c in models if _ref(reader, c[0]) not in depended] or models
    if not models:
        raise BadInput(f"{reader.document.path}: no machine-learning-model component in this BOM")
    return models


def _parts(
    reader: JsonReader,
    model_path: JsonPath,
    components: list[Component],
    mapping: BomMapping,
    links: _Links,
) -> tuple[tuple[DeclaredPart, ...], tuple[str, ...], tuple[str, ...]]:
    """The model's parts, a note on each component that is none, and the MOF components a data
    component of unstated role could be (DeclaredModel.unplaced)."""
    linked = _depends_on(reader, links, _ref(reader, model_path))
    contents = [] if linked else _subject_contents(reader, model_path, components)
    roles = _roles(_ref(reader, model_path), links)
    parts: list[DeclaredPart] = []
    notes: list[str] = []
    unplaced: list[str] = []
    for item in reader.object_paths((*model_path, "modelCard", "modelParameters", "datasets")):
        if "ref" in reader.object(item):
            linked.append(reader.text((*item, "ref")))
        else:  # an inline componentData
            found, note = _inline_dataset(reader, item, mapping, roles)
            parts += found
            notes += [note] if note else []
            if not found:
                kind, name = reader.text((*item, "type")), reader.name((*item, "name"))
                unplaced += _could_be(mapping, "data", {kind}, name)
    paths = [links.by_ref[ref] for ref in dict.fromkeys(linked) if ref in links.by_ref]
    paths += [path for path in contents if path not in paths]
    for path in paths:
        if path != model_path:
            found = _linked_parts(reader, path, mapping, roles)
            parts += found
            notes += [] if found else [_unmapped(reader, path, mapping)]
            if not found:
                kind, types = reader.text((*path, "type")), _data_types(reader, path)
                unplaced += _could_be(mapping, kind, types, reader.name((*path, "name")))
    parts += _model_level_parts(reader, model_path, mapping)
    return tuple(parts), tuple(notes), tuple(dict.fromkeys(unplaced))


Roles = dict[str, frozenset[tuple[str, str]]]


def _roles(model_ref: str, links: _Links) -> Roles:
    """Each input's roles, as the formulation says them: (task type, where the workflow or task
    names the model: inputs or outputs), for each that has one task type a rule reads (one
    that both builds and tests does not say which of its inputs is which)."""
    found: dict[str, set[tuple[str, str]]] = {}
    for kind, place, inputs in links.tasks.get(model_ref, []) if model_ref else []:
        for ref in inputs:
            found.setdefault(ref, set()).add((kind, place))
    return {ref: frozenset(placed) for ref, placed in found.items() if ref != model_ref}


def _workflow_nodes(reader: JsonReader) -> list[tuple[JsonPath, JsonPath]]:
    """Each formulation workflow, and each of its tasks, with the workflow it is part of (a
    task names the model where it, or its workflow, does)."""
    return [
        (flow, node)
        for formula in reader.object_paths(("formulation",))
        for flow in reader.object_paths((*formula, "workflows"))
        for node in [flow, *reader.object_paths((*flow, "tasks"))]
    ]


def _resources(reader: JsonReader, path: JsonPath, place: str) -> list[str]:
    """The bom-refs of the resources a workflow or task has as its inputs or outputs."""
    return [reader.text((*item, "resource", "ref")) for item in reader.object_paths((*path, place))]


def _subject_contents(
    reader: JsonReader, model_path: JsonPath, components: list[Component]
) -> list[JsonPath]:
    """The BOM's top-level components, when the model is its subject (metadata.component), it is
    the only model, and no dependency links anything to it: in CycloneDX a BOM's components are
    what its subject is made of, and `dependencies` is optional (a library listed so was
    reported "not described in the BOM")."""
    if model_path != ("metadata", "component"):
        return []
    top: list[JsonPath] = [
        path for path, _ in components if len(path) == 2 and path[0] == "components"
    ]
    if any(reader.text((*path, "type")) == MODEL_TYPE for path in top):
        return []  # several models: which part is whose, only dependencies say
    return top


def _linked_parts(
    reader: JsonReader, path: JsonPath, mapping: BomMapping, roles: Roles
) -> list[DeclaredPart]:
    """The part a linked component is: by its osai:component, else each component a read rule
    places it as (a dataset the model was both trained and evaluated on is both)."""
    marked = _marked(reader, path, mapping)
    kind, name = reader.text((*path, "type")), reader.name((*path, "name"))
    entry = mapping.components.get(marked) if marked else None
    if entry is not None:
        entries = [entry]
    else:
        placed = roles.get(_ref(reader, path), frozenset())
        data_types = _data_types(reader, path)
        entries = _matching(mapping, lambda rule: _matches(rule, kind, data_types, name, placed))
    return [
        DeclaredPart(
            component=entry.component,
            name=name,
            kind=f"{kind} component",
            line=reader.line(path),
            location=_any_url(reader, path),
            licences=_licences(reader, path, mapping),
            properties=_properties(reader, path),
            explicit=bool(marked),
            addresses=_addresses(reader, path),
        )
        for entry in entries
    ]


def _data_types(reader: JsonReader, path: JsonPath) -> set[str]:
    return {reader.text((*item, "type")) for item in reader.object_paths((*path, "data"))}


def _matches(
    rule: CycloneDXRead,
    kind: str,
    data_types: set[str],
    name: str,
    roles: frozenset[tuple[str, str]] | None,
) -> bool:
    """Whether a component is what `rule` reads: by its type, data types and name, and placed
    in the role the rule asks (roles None: whatever its role)."""
    if not rule.types or kind not in rule.types or rule.excludes(name):
        return False
    if rule.data_types and not data_types & set(rule.data_types):
        return False
    return roles is None or rule.placed(roles)


def _inline_dataset(
    reader: JsonReader, path: JsonPath, mapping: BomMapping, roles: Roles
) -> tuple[list[DeclaredPart], str]:
    """An inline componentData of the model card: the parts it is placed as (by its bom-ref in
    the formulation), or a note when none."""
    kind, name = reader.text((*path, "type")), reader.name((*path, "name"))
    placed = roles.get(_ref(reader, path), frozenset())
    entries = _matching(mapping, lambda rule: _matches(rule, "data", {kind}, name, placed))
    if not entries:
        return [], _role_unstated(mapping, "data", {kind}, name) or ""
    url = reader.text((*path, "contents", "url"))
    line = reader.line(path)
    addresses = (url.strip(),) if url.strip() else ()
    parts = [
        DeclaredPart(e.component, name, "modelCard dataset", line, url, addresses=addresses)
        for e in entries
    ]
    return parts, ""


def _model_level_parts(
    reader: JsonReader, model_path: JsonPath, mapping: BomMapping
) -> list[DeclaredPart]:
    """Components the model's own fields show: its external references, its model card."""
    parts: list[DeclaredPart] = []
    for path in reader.object_paths((*model_path, "externalReferences")):
        kind, url = reader.text((*path, "type")), reader.text((*path, "url"))
        entry = _reference_entry(mapping, kind, url)
        if entry is not None:
            said, line = f"{kind} reference", reader.line(path)
            addresses = (url.strip(),) if url.strip() else ()
            parts.append(DeclaredPart(entry.component, url, said, line, url, addresses=addresses))
    for entry in mapping.components.values():
        for rule in entry.cyclonedx_read:
            field = (*model_path, *rule.model_field.split(".")) if rule.model_field else ()
            if field and reader.stated(field):
                parts.append(
                    DeclaredPart(
                        entry.component, rule.model_field, rule.model_field, reader.line(field)
                    )
                )
    return parts


def _reference_entry(mapping: BomMapping, kind: str, url: str) -> ComponentMapping | None:
    """The component an external reference of the model stands for (by type, and URL)."""
    for entry in mapping.components.values():
        for rule in entry.cyclonedx_read:
            if kind in rule.reference_types and (rule.url is None or rule.url.search(url)):
                return entry
    return None


def _matching(mapping: BomMapping, test: Callable[[CycloneDXRead], bool]) -> list[ComponentMapping]:
    return [e for e in mapping.components.values() if any(test(r) for r in e.cyclonedx_read)]


def _licences(
    reader: JsonReader, path: JsonPath, mapping: BomMapping
) -> tuple[DeclaredLicence, ...]:
    found = []
    for item in reader.object_paths((*path, "licenses")):
        entry = reader.object(item)
        url = ""
        if "expression" in entry:
            where: JsonPath = (*item, "expression")
            stated_at = item
        elif "license" in entry:
            licence = reader.object((*item, "license"))
            stated_at = (*item, "license")
            where = (*stated_at, "id" if "id" in licence else "name")
            url = licence_url(reader.text((*stated_at, "url")))
        else:
            reader.fail(item, "a license or an expression")
        concluded = _acknowledged(reader, stated_at) == "concluded"
        stated = reader.text(where)
        read_as = mapping.keyword(stated)[1]
        expression = "expression" in entry
        line = reader.line(where)
        found.append(DeclaredLicence(stated, read_as, line, concluded, url, expression))
    return tuple(found)


def _acknowledged(reader: JsonReader, path: JsonPath) -> str:
    """How a licence entry was found: "declared", "concluded", or "" (not said: before 1.6)."""
    where: JsonPath = (*path, "acknowledgement")
    said = reader.text(where)
    if said and said not in ACKNOWLEDGEMENTS:
        reader.fail(where, "declared or concluded")
    return said


def _properties(reader: JsonReader, path: JsonPath) -> tuple[DeclaredProperty, ...]:
    return tuple(
        DeclaredProperty(
            reader.text((*item, "name")), reader.text((*item, "value")), reader.line(item)
        )
        for item in reader.object_paths((*path, "properties"))
    )


def _marked(reader: JsonReader, path: JsonPath, mapping: BomMapping) -> str:
    where = str(reader.document.path)
    return marked_component(_properties(reader, path), mapping.components, where)


def _ref(reader: JsonReader, path: JsonPath) -> str:
    return reader.text((*path, "bom-ref"))


def _depends_on(reader: JsonReader, links: _Links, ref: str) -> list[str]:
    """What `ref` depends on, in every entry of it: a merged BOM may give a component several
    (only the first was read, and a part the others named was left out of its licence)."""
    if not ref:
        return []
    return [
        dependency
        for item in links.dependencies.get(ref, [])
        for dependency in reader.texts((*item, "dependsOn"))
    ]


def _producer(reader: JsonReader, path: JsonPath) -> str:
    for key in ("manufacturer", "supplier"):
        name = reader.text((*path, key, "name"))
        if name:
            return name
    return ""


def _reference_url(reader: JsonReader, path: JsonPath, kind: str) -> str:
    for item in reader.object_paths((*path, "externalReferences")):
        if reader.text((*item, "type")) == kind:
            return reader.text((*item, "url"))
    return ""


def _any_url(reader: JsonReader, path: JsonPath) -> str:
    for item in reader.object_paths((*path, "externalReferences")):
        return reader.text((*item, "url"))
    for item in reader.object_paths((*path, "data")):
        url = reader.text((*item, "contents", "url"))
        if url:
            return url
    return property_value(_properties(reader, path), bommap.LOCATION) or ""


def _unmapped(reader: JsonReader, path: JsonPath, mapping: BomMapping) -> str:
    name, kind = reader.name((*path, "name")), reader.text((*path, "type"))
    unstated = _role_unstated(mapping, kind, _data_types(reader, path), name)
    shown = f"component {quoted_name(name, 80)} ({one_line(kind, 40)})"
    return unstated or f"{shown} maps to no MOF component"


def _could_be(mapping: BomMapping, kind: str, data_types: set[str], name: str) -> list[str]:
    """The MOF components a component would be were its role stated (a workflow placing it)."""
    return list(
        dict.fromkeys(
            entry.component
            for entry in mapping.components.values()
            for rule in entry.cyclonedx_read
            if rule.task_types and _matches(rule, kind, data_types, name, None)
        )
    )


def _role_unstated(mapping: BomMapping, kind: str, data_types: set[str], name: str) -> str:
    """The note for a component that would be a part were its role stated (a dataset no
    workflow places: the model card's datasets are for training and evaluation alike), '' for
    any other.  How a role is stated is README's and rules/bom.yaml's to say."""
    could_be = _could_be(mapping, kind, data_types, name)
    if not could_be:
        return ""
    credited = "credited as neither" if len(could_be) > 1 else "not credited"
    return (
        f"component {quoted_name(name, 80)} ({one_line(kind, 40)}): no formulation workflow "
        "says it is "
        f"{' or '.join(could_be)}, so it is {credited}"
    )
