"""The AI bill-of-materials source: a CycloneDX ML-BOM or SPDX 3 AI document → Release (declared).

The format is told by the content (CycloneDX's bomFormat, SPDX 3's @context), never by the name
alone.  Each component's evidence points at the line of the BOM that states it (its licence's
line for the licence).  What a BOM writes with osai's own `osai:` properties (components not
released, the licence exactly as first stated, OSAID data information) is read back as such, so
osai → BOM → osai keeps every verdict; another tool's BOM is read through rules/bom.yaml.
"""

from __future__ import annotations

from pathlib import Path

from osai import bommap
from osai.bommap import BomMapping, load_bom_mapping
from osai.errors import BadInput
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    Fact,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.jsonsafe import JsonDocument, load_json_file
from osai.licenses import LicenceState, parse_licence
from osai.rules import RuleSet
from osai.sources.bom_model import (
    DeclaredLicence,
    DeclaredModel,
    DeclaredPart,
    DeclaredProperty,
    property_value,
)


def read_bom(path: Path, rules: RuleSet) -> Release:
    document = load_json_file(path)
    mapping = load_bom_mapping()
    declared = _declared_model(document, mapping)
    return release_from_declared(declared, str(path), rules, mapping)


def _declared_model(document: JsonDocument, mapping: BomMapping) -> DeclaredModel:
    data = document.data
    if not isinstance(data, dict):
        raise BadInput(f"{document.path}: expected a JSON object (a CycloneDX or SPDX document)")
    if data.get("bomFormat") == "CycloneDX":
        from osai.sources.bom_cyclonedx import read_cyclonedx

        return read_cyclonedx(document, mapping)
    if "@context" in data:
        from osai.sources.bom_spdx import read_spdx

        return read_spdx(document, mapping)
    if "spdxVersion" in data:
        raise BadInput(
            f"{document.where('spdxVersion')}: SPDX 2 has no AI profile; "
            f"osai reads SPDX {mapping.spdx_version} JSON-LD (or CycloneDX ML-BOMs)"
        )
    raise BadInput(f"{document.path}: neither a CycloneDX BOM (bomFormat) nor SPDX 3 (@context)")


# --- DeclaredModel → Release ------------------------------------------------------------------


def release_from_declared(
    model: DeclaredModel, where: str, rules: RuleSet, mapping: BomMapping
) -> Release:
    findings = [Finding(FindingKind.NOTE, f"{where}: {note}") for note in model.notes]
    components = {
        component_id: _component(model, component_id, where, rules, mapping, findings)
        for component_id in rules.components
    }
    return Release(
        target=where,
        source=model.source,
        name=model.name,
        producer=model.producer,
        version=model.version,
        revision=model.revision,
        components=components,
        facts=_facts(model, where, rules, findings),
        findings=tuple(findings),
        document=where,
    )


def _component(
    model: DeclaredModel,
    component_id: str,
    where: str,
    rules: RuleSet,
    mapping: BomMapping,
    findings: list[Finding],
) -> ComponentEvidence:
    stated = _stated_presence(model, component_id)
    if component_id == mapping.model.component and stated is None:
        as_part = DeclaredPart(
            component_id,
            model.name,
            f"{model.source} model",
            model.line,
            model.location,
            model.licences,
            model.properties,
            explicit=True,
        )
        return _present(model.source, component_id, [as_part], where, rules, findings)
    parts = [part for part in model.parts if part.component == component_id]
    explicit = [part for part in parts if part.explicit]
    if explicit or (parts and stated is None):
        return _present(model.source, component_id, explicit or parts, where, rules, findings)
    if stated is not None:
        return _stated(model, component_id, stated, where)
    note = "not described in the BOM"
    return ComponentEvidence(
        component_id, Presence.UNKNOWN, (_provenance(model.source, where, None, "", note),)
    )


def _stated_presence(model: DeclaredModel, component_id: str) -> DeclaredProperty | None:
    name = bommap.presence_property(component_id)
    return next((p for p in model.properties if p.name == name), None)


def _stated(
    model: DeclaredModel, component_id: str, stated: DeclaredProperty, where: str
) -> ComponentEvidence:
    """A component osai wrote as not released (`absent`) or not seen (`unknown`)."""
    presence = Presence.ABSENT if stated.value == Presence.ABSENT.value else Presence.UNKNOWN
    provenance = _provenance(model.source, where, stated.line, stated.value, stated.name)
    name = bommap.unseen_licence_property(component_id)
    unseen = next((p for p in model.properties if p.name == name), None)
    licence = None
    if unseen is not None and presence is Presence.UNKNOWN:
        licence = LicenceFact(
            unseen.value, _provenance(model.source, where, unseen.line, unseen.value)
        )
    return ComponentEvidence(component_id, presence, (provenance,), licence)


def _present(
    source: str,
    component_id: str,
    parts: list[DeclaredPart],
    where: str,
    rules: RuleSet,
    findings: list[Finding],
) -> ComponentEvidence:
    provenance = tuple(
        _provenance(source, where, part.line, part.name, part.kind) for part in parts
    )
    licence = _licence(source, component_id, parts, where, rules, findings)
    location = next((part.location for part in parts if part.location), "")
    return ComponentEvidence(component_id, Presence.PRESENT, provenance, licence, location)


def _licence(
    source: str,
    component_id: str,
    parts: list[DeclaredPart],
    where: str,
    rules: RuleSet,
    findings: list[Finding],
) -> LicenceFact | None:
    """One licence for the component: the parts' licences, all of which apply (AND)."""
    stated = [_part_licence(source, part, where) for part in parts]
    if any(fact is None for fact in stated):
        return None  # a part without a licence leaves the whole component's licence unknown
    facts = [fact for fact in stated if fact is not None]
    texts = list(dict.fromkeys(fact.text for fact in facts))
    if len(texts) == 1:
        return facts[0]
    combined = _conjunction(texts, rules)
    if not combined:
        shown = "; ".join(text[:80] for text in texts)
        message = f"{where}: {component_id}: several licences osai cannot combine ({shown})"
        findings.append(Finding(FindingKind.WARNING, message, component=component_id))
        return None
    return LicenceFact(combined, facts[0].provenance)


def _part_licence(source: str, part: DeclaredPart, where: str) -> LicenceFact | None:
    """A part's licence: osai's verbatim text when it wrote one, else the BOM's licence fields."""
    line = part.licences[0].line if part.licences else part.line
    inherited = property_value(part.properties, bommap.LICENCE_INHERITED) or ""
    verbatim = property_value(part.properties, bommap.LICENCE_TEXT)
    if verbatim is not None:
        return LicenceFact(verbatim, _provenance(source, where, line, verbatim), inherited)
    known = [licence for licence in part.licences if licence.text is not None]
    if not known:
        return None
    text = " AND ".join(_grouped(licence) for licence in known) if len(known) > 1 else known[0].text
    stated = "; ".join(licence.stated for licence in part.licences)
    return LicenceFact(text or "", _provenance(source, where, known[0].line, stated), inherited)


def _grouped(licence: DeclaredLicence) -> str:
    text = licence.text or ""
    return f"({text})" if " " in text.strip() else text


def _conjunction(texts: list[str], rules: RuleSet) -> str:
    """`(a) AND (b)` when every text is an expression osai reads, else ''."""
    parsed = [parse_licence(text, rules.licences, exact=False) for text in texts]
    if any(p.state is not LicenceState.EXPRESSION for p in parsed):
        return ""
    return " AND ".join(f"({p.normalized})" for p in parsed)


def _facts(
    model: DeclaredModel, where: str, rules: RuleSet, findings: list[Finding]
) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    not_provided = set()
    for item in model.properties:
        parsed = bommap.parse_fact_property(item.name)
        if parsed is None:
            continue
        key, is_flag = parsed
        kind = rules.facts.get(key)
        if kind is None:
            message = f"{where}: {item.name}: not a fact osai knows"
            findings.append(Finding(FindingKind.WARNING, message))
        elif is_flag:
            not_provided |= {key} if item.value.strip().lower() == "false" else set()
        else:
            provenance = _provenance(model.source, where, item.line, item.value, item.name)
            facts[key] = Fact(key, item.value, provenance, number=_number(kind.type, item.value))
    for key in not_provided & set(facts):
        fact = facts[key]
        facts[key] = Fact(key, fact.value, fact.provenance, provided=False)
    return facts


def _number(fact_type: str, text: str) -> float | None:
    """A number fact's value (a BOM property is text); None for other facts or non-numbers."""
    if fact_type != "number":
        return None
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return number if 0 <= number < float("inf") else None


def _provenance(
    source: str, where: str, line: int | None, value: str, note: str = ""
) -> Provenance:
    return Provenance(source, where, value, Certainty.DECLARED, line, note)
