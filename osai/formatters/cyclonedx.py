"""CycloneDX 1.6 ML-BOM: each assessed model, its released components, and osai's verdicts.

Per target: a `machine-learning-model` component (the final parameters) with its licence, a
`pkg:huggingface` purl for a Hub model at a known commit, a `vcs` external reference to each code
repository the release names (what `osai check --follow` of the BOM follows), and a `modelCard`
(its task and architecture where the evidence says them, its datasets, and OSAID data information
as modelCard properties); each other released MOF component is its own component, typed as
rules/bom.yaml says, linked from the model in `dependencies`; datasets the evidence names by their
Hub ids are a component each, with the role (osai:component) of the part they make up, said in
CycloneDX's own fields too: training data is an input of a `formulation` build workflow whose
output is the model, evaluation data of a test workflow of it (the model card's datasets say no
role).  What CycloneDX has no field for (components not released, verdicts, licences osai cannot
choose between: no `licenses` then) is in `osai:` properties.

Deterministic: the same report gives the same bytes.  `serialNumber` is a UUID derived from the
BOM's content; `metadata.timestamp` is omitted (optional in CycloneDX) because a report carries no
time, and a clock would make every run differ, unless SOURCE_DATE_EPOCH dates the build
(RunInfo.bom_created).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from osai import bommap
from osai.bommap import load_bom_mapping
from osai.evidence import FileDigest
from osai.formatters.bomdata import (
    Base,
    Model,
    Part,
    Properties,
    StatedLicence,
    inherited_properties,
    licence_properties,
    models_of,
)
from osai.formatters.bomname import hub_model_purl
from osai.formatters.escaping import json_document
from osai.formatters.findings import data_credits
from osai.report import Report

SCHEMA = "http://cyclonedx.org/schema/bom-1.6.schema.json"
# "Released under no licence": CycloneDX 1.6 has no field of its own for it, and its `licenses` is
# either licences (by SPDX id or by name) or one SPDX expression.  SPDX's keyword NONE (the creator
# determined there is no licence; a licence expression of its own since spdx/spdx-spec#1262) goes
# in `expression`: as a license `name` it reads as a licence called "NONE", and omitting `licenses`
# would say nothing was stated (unknown), which is not what the source said.
NO_LICENCE_EXPRESSION = "NONE"

Json = dict[str, Any]


def render_cyclonedx(report: Report) -> str:
    return json_document(cyclonedx_bom(report), indent=2) + "\n"


def cyclonedx_bom(report: Report) -> Json:
    mapping = load_bom_mapping()
    models = models_of(report, mapping)
    model_id = mapping.model.component
    metadata: Json = {"tools": {"components": [_tool(report)]}}
    if report.info.bom_created:  # SOURCE_DATE_EPOCH's; else none, as a clock would differ
        metadata = {"timestamp": report.info.bom_created, **metadata}
    components = [entry for model in models for part in model.parts for entry in _part(part)]
    if len(models) == 1:
        metadata["component"] = _model(models[0], model_id)
    else:
        components = [_model(model, model_id) for model in models] + components
    metadata["properties"] = _properties(
        (("osai:rules:spdx-license-list", report.info.spdx_list_version), *_credits(report))
    )
    body: Json = {
        "metadata": metadata,
        "components": components,
        "dependencies": _dependencies(models),
    }
    formulation = [formula for model in models for formula in _formula(model)]
    if formulation:
        body["formulation"] = formulation
    head: Json = {
        "$schema": SCHEMA,
        "bomFormat": "CycloneDX",
        "specVersion": mapping.cyclonedx_version,
    }
    serial = _serial_number({**head, **body})
    return {**head, "serialNumber": serial, "version": 1, **body}


def _credits(report: Report) -> Properties:
    """The licence and attribution of each public database whose data the BOM holds (a
    component assessed from its listing): the licences ask for them wherever the data goes."""
    return tuple(
        pair for credit in data_credits(report) for pair in bommap.credit_properties(credit)
    )


def _tool(report: Report) -> Json:
    return {"type": "application", "name": "osai", "version": report.info.tool_version}


def _model(model: Model, model_id: str) -> Json:
    release = model.release
    component: Json = {"type": "machine-learning-model", "bom-ref": model.ref}
    if model.group:
        component["group"] = model.group
    component["name"] = model.name
    if model.version:
        component["version"] = model.version
    if release.producer:
        # who made it (manufacturer) and who supplies it (supplier: the NTIA minimum element
        # "supplier name", and what SPDX's suppliedBy states of the same producer): the Hub
        # namespace or the manifest's producer is both
        component["supplier"] = {"name": release.producer}
        component["manufacturer"] = {"name": release.producer}
    licences = _licences(model.licence)
    if licences:
        component["licenses"] = licences
    if model.purl:
        component["purl"] = model.purl
    references = [{"type": "distribution", "url": model.url}] if model.url else []
    references += [{"type": bommap.CYCLONEDX_VCS, "url": url} for url in model.repositories]
    if references:
        component["externalReferences"] = references
    if model.bases:
        component["pedigree"] = {"ancestors": [_ancestor(base) for base in model.bases]}
    card = _model_card(model)
    if card:
        component["modelCard"] = card
    own: Properties = ((bommap.COMPONENT, model_id),)
    own += ((bommap.LOCATION, model.location),) if model.location else ()
    own += licence_properties(model.licence) + inherited_properties(model.licence)
    own += model.certainty
    component["properties"] = _properties(own + model.properties)
    if model.digests:
        component["components"] = [_file(model, digest) for digest in model.digests]
    return component


def _ancestor(base: Base) -> Json:
    """A base model, as CycloneDX states what a component is derived from: by its Hub purl,
    with its licence as the model's is stated, where osai read it (the source's words in
    osai:licence when they are no SPDX expression)."""
    group, _, name = base.id.rpartition("/")
    ancestor: Json = {"type": "machine-learning-model"}
    if group:
        ancestor["group"] = group
    ancestor = {**ancestor, "name": name, "purl": hub_model_purl(base.id)}
    licences = _licences(base.licence)
    if licences:
        ancestor["licenses"] = licences
    verbatim = licence_properties(base.licence)
    if verbatim:
        ancestor["properties"] = _properties(verbatim)
    if base.bases:  # what it derives from in turn: the licence binding the model may be there
        ancestor["pedigree"] = {"ancestors": [_ancestor(farther) for farther in base.bases]}
    return ancestor


def _file(model: Model, digest: FileDigest) -> Json:
    """One of the model's files, with its content digest."""
    return {
        "type": bommap.CYCLONEDX_FILE,
        "bom-ref": model.file_ref(digest),
        "name": digest.path,
        "hashes": [{"alg": bommap.CYCLONEDX_SHA256, "content": digest.sha256}],
    }


def _model_card(model: Model) -> Json:
    card: Json = {}
    parameters: Json = {}
    if model.parameters.task:
        parameters["task"] = model.parameters.task
    if model.parameters.architecture:
        parameters["modelArchitecture"] = model.parameters.architecture
    datasets = [
        {"ref": ref}
        for part in model.parts
        if part.mapping.cyclonedx.model_card_dataset
        for ref in _refs(part)
    ]
    if datasets:
        parameters["datasets"] = datasets
    if parameters:
        card["modelParameters"] = parameters
    if model.facts:
        card["properties"] = _properties(model.facts)
    return card


def _refs(part: Part) -> list[str]:
    """The bom-refs a part is written as: one per dataset it names, else its own."""
    return [f"{part.ref}/{dataset.id}" for dataset in part.datasets] or [part.ref]


def _part(part: Part) -> list[Json]:
    """The part as one component, or one per dataset it names (each with the part's role)."""
    if not part.datasets:
        return [_component(part, part.ref, part.name, part.url)]
    return [
        _component(part, ref, dataset.id, dataset.url)
        for ref, dataset in zip(_refs(part), part.datasets, strict=True)
    ]


def _component(part: Part, ref: str, name: str, url: str) -> Json:
    written = part.mapping.cyclonedx
    component: Json = {"type": written.type, "bom-ref": ref, "name": name}
    licences = _licences(part.licence)
    if licences:
        component["licenses"] = licences
    if url and written.reference:
        component["externalReferences"] = [{"type": written.reference, "url": url}]
    if written.type == "data":
        data: Json = {"type": written.data_type or "other", "name": name}
        if url:
            data["contents"] = {"url": url}
        component["data"] = [data]
    component["properties"] = _properties(part.properties + licence_properties(part.licence))
    return component


def _licences(licence: StatedLicence | None) -> list[Json]:
    """An SPDX expression (NONE for no licence) as `expression`; anything else by name.  Either
    acknowledged as `declared` (what the component's authors declared, read from them) or
    `concluded` (osai's conclusion: a third party assessed it, or osai inferred it).

    None where osai knows no licence, where the source says it is not known (`unknown`: the
    field stated a licence named so, declared), or cannot tell which of several applies
    (alternatives: osai: properties name each): one entry would state one of them as fact,
    several would be read as all applying (and an `OR` expression says the licensee may
    choose), each another verdict than the unknown the release has."""
    if licence is None or not licence.asserted:
        return []
    entries = _entries(licence)
    declared = licence.declared
    if declared is None or not declared.asserted:
        return entries
    (said,) = _entries(declared)
    if "expression" in said and said["expression"] == entries[0].get("expression"):
        # the licence osai concluded is the one the publisher declared: said once, as declared
        # (one expression, which a reader matches by its ids; osai:licence:certainty says how
        # surely osai knew it)
        return [said]
    # the publisher's licence beside the binding one that overrides it: CycloneDX states
    # several licences only as `license` objects (one `expression` must stand alone)
    both = [_as_licence_object(entry) for entry in (*entries, *_entries(declared))]
    objects = [entry for entry in both if entry is not None]
    return objects if len(objects) == len(both) else entries


def _entries(licence: StatedLicence) -> list[Json]:
    """The one entry that states `licence`, by expression or by name (none when empty)."""
    acknowledgement = "concluded" if licence.concluded else "declared"
    expression = licence.expression or (NO_LICENCE_EXPRESSION if licence.none else "")
    if expression:
        return [{"expression": expression, "acknowledgement": acknowledgement}]
    # the name as a reader matches it, without the spaces around it a source may have left
    # (MOT's ' Falcon-180B TII License'); osai:licence keeps the source's words as they are
    named: Json = {"name": licence.stated.strip()}
    if licence.url:  # a licence by name alone is one its reader cannot look up
        named["url"] = licence.url
    return [{"license": named | {"acknowledgement": acknowledgement}}]


def _as_licence_object(entry: Json) -> Json | None:
    """An entry as a `license` object, an expression by its words as the name; None for NONE
    (no licence object says "no licence").  Never as an `id`: CycloneDX checks one against its
    own copy of the SPDX License List, which lags the list osai reads (Hippocratic-3.0-core,
    BSD-Source-Code-no-disclaimer: on the list, not on CycloneDX 1.6's), and an id it lacks
    made the whole BOM schema-invalid."""
    if "license" in entry:
        return entry
    expression, acknowledgement = entry["expression"], entry["acknowledgement"]
    if expression == NO_LICENCE_EXPRESSION:
        return None
    return {"license": {"name": expression, "acknowledgement": acknowledgement}}


def _properties(pairs: Properties) -> list[Json]:
    return [{"name": name, "value": value} for name, value in pairs]


def _dependencies(models: tuple[Model, ...]) -> list[Json]:
    dependencies: list[Json] = []
    for model in models:
        entry: Json = {"ref": model.ref}
        refs = [ref for part in model.parts for ref in _refs(part)]
        if refs:
            entry["dependsOn"] = refs
        dependencies.append(entry)
        dependencies.extend({"ref": ref} for ref in refs)
    return dependencies


def _formula(model: Model) -> list[Json]:
    """The parts whose role CycloneDX says in a workflow (rules/bom.yaml task_type): one
    workflow per task type, its inputs the parts, naming the model where the mapping says (a
    `build` outputs the model trained on its datasets, a `test` takes the model it evaluates
    as an input).  The model card's datasets say no role ("used to train and evaluate")."""
    placed: dict[tuple[str, str], list[str]] = {}
    for part in model.parts:
        written = part.mapping.cyclonedx
        if written.task_type:
            placed.setdefault((written.task_type, written.task_model), []).extend(_refs(part))
    if not placed:
        return []
    workflows = [_workflow(model, kind, at, refs) for (kind, at), refs in placed.items()]
    return [{"bom-ref": f"{model.ref}#formulation", "workflows": workflows}]


def _workflow(model: Model, kind: str, model_at: str, refs: list[str]) -> Json:
    ref = f"{model.ref}#formulation/{kind}"
    inputs = ([model.ref] if model_at == "inputs" else []) + refs
    workflow: Json = {"bom-ref": ref, "uid": ref, "taskTypes": [kind], "inputs": _resources(inputs)}
    if model_at == "outputs":
        workflow["outputs"] = _resources([model.ref])
    return workflow


def _resources(refs: list[str]) -> list[Json]:
    return [{"resource": {"ref": ref}} for ref in refs]


def _serial_number(content: Json) -> str:
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode("utf-8")).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'osai:cyclonedx:{digest}')}"
