"""The AI bill-of-materials source: a CycloneDX ML-BOM or SPDX 3 AI document → Release (declared).

The format is told by the content (CycloneDX's bomFormat, SPDX 3's @context), never by the name
alone.  Each component's evidence points at the line of the BOM that states it (its licence's
line for the licence).  What a BOM writes with osai's own `osai:` properties (components not
released, the licence exactly as first stated, OSAID data information, how surely osai knew each
statement) is read back as such, so osai → BOM → osai keeps every verdict and its certainty;
another tool's BOM is read through rules/bom.yaml, as its author's declaration.  What it names
for the model that --follow reads (its code repository, training datasets, papers, base models)
is carried on the release as named, and read only with --follow (osai.links.plan).
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, replace
from pathlib import Path

from osai import bommap
from osai.bommap import BomMapping, CertaintyMapping, load_bom_mapping
from osai.errors import BadInput
from osai.evidence import (
    MAX_BASE_LICENCE_CHARS,
    MAX_UNLESS_CHARS,
    BaseLicence,
    ComponentEvidence,
    DataCredit,
    Fact,
    FartherBase,
    Finding,
    FindingKind,
    LicenceFact,
    NamedKind,
    NamedLink,
    NoDigest,
    Presence,
    Provenance,
    Release,
    binds_from_base,
    weakest,
)
from osai.hubrefs import (
    hub_model_address,
    named_hub_model,
    parse_hub_dataset_url,
    parse_hub_purl,
)
from osai.jsonsafe import MAX_BOM_MODELS, JsonDocument, load_json_file
from osai.licence_spelling import overlong_licence
from osai.licenses import LicenceState, all_apply, normalised_licence, parse_licence
from osai.rules import FactKind, RuleSet
from osai.sources.bom_certainty import StatedCertainty, stated_certainty
from osai.sources.bom_model import (
    DeclaredAddress,
    DeclaredLicence,
    DeclaredModel,
    DeclaredPart,
    DeclaredProperty,
    property_value,
    stated_once,
)
from osai.textsafe import counted, one_line, quoted_name, some_of, target_name

# The qualifiers of a fact's property that say how surely it is known, not what it is.
_CERTAINTY_QUALIFIERS = ("certainty", "inferred-by")
_ITEM = "item"  # one of the names its value joins (bommap.fact_item_property)


def read_bom(path: Path, rules: RuleSet, model: str | None = None) -> tuple[Release, ...]:
    """Each model the BOM describes, a release of its own (osai writes one for each target it
    checked): one model is the file's target; of several, each is FILE#MODEL (model_targets).
    `model`: only that one, as FILE#MODEL names it (a name, or a place: model_place)."""
    mapping = load_bom_mapping()
    _refuse_unread_serialisations(path, mapping)
    document = load_json_file(path)
    declared = _declared_models(document, mapping)
    where = str(path)
    if model is None and len(declared) > MAX_BOM_MODELS:
        first = _fragments([each.name for each in declared])[0]
        raise BadInput(
            f"{target_name(where)}: describes {len(declared):,} models, more than the "
            f"{MAX_BOM_MODELS} osai checks of one BOM; check one as FILE#NAME "
            f"({target_name(f'{where}#{first}')}, or #1 by place)"
        )
    targets = model_targets(where, [model.name for model in declared])
    chosen = list(zip(declared, targets, strict=True))
    if model is not None:
        chosen = [chosen[model_place(where, model, [each.name for each in declared])]]
    return tuple(release_from_declared(each, where, rules, mapping, t) for each, t in chosen)


def _refuse_unread_serialisations(path: Path, mapping: BomMapping) -> None:
    """A BOM in a serialisation osai does not read: one line saying which, not its parser's."""
    from osai.sources.bom_sniff import CYCLONEDX_XML, IN_A_JSON_ARRAY, SPDX_TAG_VALUE, bom_format

    found = bom_format(path, whole=False)
    if found == CYCLONEDX_XML:
        raise BadInput(
            f"{path}: a CycloneDX XML BOM; osai reads CycloneDX JSON "
            "(convert it, e.g. with cyclonedx-cli)"
        )
    if found == SPDX_TAG_VALUE:
        raise BadInput(
            f"{path}: an SPDX 2 tag-value document; SPDX 2 has no AI profile: osai reads SPDX "
            f"{mapping.spdx_version} JSON-LD (or CycloneDX ML-BOMs)"
        )
    if found.endswith(IN_A_JSON_ARRAY):
        raise BadInput(
            f"{path}: a JSON array of {found.removesuffix(IN_A_JSON_ARRAY)} BOMs, where a BOM is "
            "one JSON object (give each BOM of the array a file of its own)"
        )


def model_targets(where: str, names: list[str]) -> list[str]:
    """How the reports name each model of a BOM: the file when it describes one; FILE#NAME when
    several (FILE#2, its place in the BOM, for a model whose name is blank or another's too),
    as a fragment names a part of a document."""
    if len(names) == 1:
        return [where]
    return [f"{where}#{fragment}" for fragment in _fragments(names)]


def _fragments(names: list[str]) -> list[str]:
    # counted once, not each name among all (list.count): 125,000 models took 195 s
    times = Counter(names)
    return [
        name if name.strip() and times[name] == 1 else str(place)
        for place, name in enumerate(names, start=1)
    ]


def model_place(where: str, model: str, names: list[str]) -> int:
    """The index of the model FILE#MODEL names: as the reports name it (model_targets), else by
    its place (FILE#1 is the first, whatever its name); BadInput naming the BOM's models when
    it describes none such."""
    fragments = _fragments(names)
    if model in fragments:
        return fragments.index(model)
    if model.isascii() and model.isdigit() and 1 <= int(model) <= len(names):
        return int(model) - 1
    from osai.suggest import did_you_mean

    shown = some_of([f"#{fragment}" for fragment in fragments], shown=5)
    raise BadInput(
        f"{target_name(f'{where}#{model}')}: the BOM describes no model {quoted_name(model)}"
        f"{did_you_mean(model, fragments)}; its {counted(len(names), 'model')}: {shown} "
        f"(or #1 to #{len(names)}, by place)"
    )


def _declared_models(document: JsonDocument, mapping: BomMapping) -> tuple[DeclaredModel, ...]:
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


# How many of a BOM's notes on its components a report shows, one by one
NOTES_SHOWN = 8


def _notes(notes: tuple[str, ...], where: str) -> list[Finding]:
    """What the BOM says that osai does not read as a part, the first few each said and the
    rest counted: a note each made a BOM of 40,000 datasets a report of 80,000 lines."""
    shown = [Finding(FindingKind.NOTE, f"{where}: {note}") for note in notes[:NOTES_SHOWN]]
    rest = len(notes) - NOTES_SHOWN
    if rest > 0:
        said = f"{where}: {counted(rest, 'more note')} on its components like these, not shown"
        shown.append(Finding(FindingKind.NOTE, said))
    return shown


def release_from_declared(
    model: DeclaredModel, where: str, rules: RuleSet, mapping: BomMapping, target: str = ""
) -> Release:
    """The release a model declares; `where`: the BOM's path (its evidence's location), and
    `target`: how the reports name it ("" the path: model_targets)."""
    findings = _notes(model.notes, where)
    findings += [_credited(credit, where) for credit in model.credits]
    findings += _undigested(model, where)
    model, selves = _selves_lifted(model)
    if selves:  # a slip, or a copied BOM's leftover: a model does not derive from itself
        said = some_of([f"{b.kind} {b.url}" for b in selves], 3, 80)
        findings.append(Finding(FindingKind.NOTE, f"{where}: {said} names this model itself"))
    named = _named_links(model, where, mapping)
    components = {
        component_id: _component(model, component_id, where, rules, mapping, findings)
        for component_id in rules.components
    }
    return Release(
        target=target or where,
        file=where if target not in ("", where) else "",  # FILE#MODEL: the file it is in
        source=model.source,
        name=model.name,
        producer=model.producer,
        version=model.version,
        revision=model.revision,
        purl=model.purl,
        distribution=model.distribution,
        task=model.task,
        architecture=model.architecture,
        released=model.released,
        components=components,
        facts=_facts(model, where, rules, mapping.certainty, findings),
        # a note said once: an SPDX licence element every part shares, unparsed, said it for each
        findings=tuple(dict.fromkeys(findings)),
        document=where,
        digests=model.digests,
        named_links=named,
        base_models=tuple(n.cited.value for n in named if n.kind is NamedKind.BASE_MODEL),
        base_licences=_base_licences(model, where, mapping, rules),
        farther_bases=_farther_bases(model, where, mapping, rules),
    )


def _base_licences(
    model: DeclaredModel, where: str, mapping: BomMapping, rules: RuleSet
) -> tuple[BaseLicence, ...]:
    """The licence each base model states (a CycloneDX ancestor's, an SPDX base package's),
    read as a part's licence is, cited at the BOM: what osai judges the lineage on offline, as
    if the Hub had answered with it (_all_stated).  A base stating none is absent: its licence
    is not known."""
    reading = _Reading(model.source, where, mapping.certainty)
    found: dict[str, tuple[str, list[LicenceFact]]] = {}
    for base in model.bases:
        model_id = named_hub_model(base.url)
        fact = _base_licence(reading, base, mapping, rules) if model_id is not None else None
        if model_id is not None and fact is not None:
            found.setdefault(model_id.casefold(), (model_id, []))[1].append(fact)
    return tuple(_all_stated(model_id, facts) for model_id, facts in found.values())


def _base_licence(
    reading: _Reading, base: DeclaredAddress, mapping: BomMapping, rules: RuleSet
) -> LicenceFact | None:
    """The licence the BOM states of a base model, read as a part's licence is (its model
    parameters'), the more restrictive where its field and osai's property differ; None where
    it states none.  What is said of it is left to the model's licence, which it binds."""
    if not (base.licences or base.properties):
        return None
    as_part = DeclaredPart("", base.url, base.kind, base.line, "", base.licences)
    as_part = replace(as_part, properties=base.properties)
    fact, _ = _part_licence(reading, as_part, mapping.model.component, rules)
    return fact if fact is not None and fact.text.strip() else None


def _farther_bases(
    model: DeclaredModel, where: str, mapping: BomMapping, rules: RuleSet
) -> tuple[FartherBase, ...]:
    """What each base derives from in turn, as the BOM states it (a pedigree ancestor's own
    ancestors, the AI packages an SPDX base descends from), nearest first, each with the
    licence the BOM states of it (all apply, where it is named several times), judged offline
    as the Hub's answer would be (osai.links.lineage): a fine-tune stating Apache-2.0 of an
    MIT base of Llama 2 met OSAID on the MIT alone.  None names the model itself: each such
    stood aside for what it derives from before (_selves_lifted)."""
    reading = _Reading(model.source, where, mapping.certainty)
    edges: dict[tuple[str, str], DeclaredAddress] = {}
    # whether a base derives from more than the levels read is said of the model, wherever the
    # BOM states it: one stated twice, once as a leaf near the model and once sixteen levels
    # down with Llama 2 beyond, kept the first edge, was walked where it is a leaf, and met
    deeper: set[str] = set()
    pending = deque((base, farther) for base in model.bases for farther in base.bases)
    while pending:
        nearer, base = pending.popleft()
        model_id = _base_named(base)
        edges.setdefault((model_id, _base_named(nearer)), base)
        if base.deeper:
            deeper.add(model_id.casefold())
        pending.extend((base, farther) for farther in base.bases)
    stated: dict[str, tuple[str, list[LicenceFact]]] = {}
    for (model_id, _), base in edges.items():
        fact = _base_licence(reading, base, mapping, rules)
        if fact is not None:
            stated.setdefault(model_id.casefold(), (model_id, []))[1].append(fact)
    # each base's licences joined once: joined once an edge, a base a thousand ancestors name
    # joined its thousand facts a thousand times
    joined = {key: _all_stated(model_id, facts) for key, (model_id, facts) in stated.items()}
    return tuple(
        _farther(model_id, of, joined.get(model_id.casefold()), model_id.casefold() in deeper)
        for (model_id, of) in edges
    )


def _farther(model_id: str, of: str, stated: BaseLicence | None, deeper: bool) -> FartherBase:
    if stated is None:
        return FartherBase(model_id, of, None, deeper)
    return FartherBase(model_id, of, stated.licence, deeper, stated.stated_again)


def _base_named(base: DeclaredAddress) -> str:
    """A base model as the lineage names it: its Hub id, else as the BOM names it."""
    return named_hub_model(base.url) or one_line(base.url, 200)


def _all_stated(model_id: str, facts: list[LicenceFact]) -> BaseLicence:
    """A base's licence, as every ancestor naming it states it: all apply, as a part's licences
    do (two ancestors naming one base, under MIT and under Llama 2, met on the first alone).
    Someone else's words: one bounded line (cut, an expression is no longer one: a licence osai
    does not know), cited where it is first stated, and stated again in a BOM osai writes only
    as it was read: the cut text ("llama2 xxx…") was stated as the base's licence, which no one
    wrote."""
    text = all_apply(list(dict.fromkeys(fact.text for fact in facts)))
    shown = one_line(text, MAX_BASE_LICENCE_CHARS)
    value = one_line(
        "; ".join(dict.fromkeys(f.provenance.value for f in facts)), MAX_BASE_LICENCE_CHARS
    )
    licence = LicenceFact(shown, replace(facts[0].provenance, value=value))
    return BaseLicence(model_id, licence, stated_again=shown == text)


def _undigested(model: DeclaredModel, where: str) -> list[Finding]:
    """The weight files the BOM says it states no digest of (osai:digests:unstated), one note
    a reason, as the check that wrote it said it: its report said why, and the BOM's says it
    too (and a BOM written of it says it again).  A file the BOM gives a digest of has one."""
    given = {digest.path for digest in model.digests}
    by_why: dict[str, list[str]] = {}
    for item in model.properties:
        path = bommap.parse_unstated_digest_property(item.name)
        if path is not None and path not in given:
            why = one_line(item.value, bommap.MAX_UNSTATED_WHY) or _no_digest(path)
            # a reason naming its own file (osai's, of each file alone: NoDigest.each) is one
            # note with the others that give it, as the check that wrote the BOM said it
            shared = why.replace(path, _EACH) if path else why
            by_why.setdefault(shared, []).append(path)
    return [_unstated_note(where, why, _named(paths)) for why, paths in by_why.items()]


# Where a reason names the file it is of, read back (no BOM's text holds a NUL: one_line)
_EACH = "\x00"


def _unstated_note(where: str, shared: str, paths: tuple[str, ...]) -> Finding:
    """One note of the files that give one reason, naming them all where each named itself."""
    if _EACH not in shared:
        return Finding(FindingKind.NOTE, f"{where}: {shared}", no_digest=NoDigest(paths, shared))
    why = shared.replace(_EACH, some_of(paths))
    each = tuple(shared.replace(_EACH, path) for path in paths)
    return Finding(FindingKind.NOTE, f"{where}: {why}", no_digest=NoDigest(paths, why, each))


def _no_digest(path: str) -> str:
    """The reason of a BOM that gives none (or only blanks and controls)."""
    return f"{one_line(path, 200) if path else 'the weights'}: no digest"


def _named(paths: list[str]) -> tuple[str, ...]:
    """The files named, once each ("", the weights as a whole, names none)."""
    return tuple(dict.fromkeys(path for path in paths if path))


def _credited(credit: DataCredit, where: str) -> Finding:
    """The BOM holds a public database's data (what osai wrote as assessed from it): its
    licence asks every report of it, and every BOM written of it, to carry its attribution, as
    the check that wrote the BOM did."""
    under = f" ({credit.licence})" if credit.licence else ""
    quoted = f": {credit.quoted}" if credit.quoted else ""
    message = f"{where}: the BOM holds data from the {credit.title}{under}{quoted}; {credit.said}"
    return Finding(FindingKind.NOTE, message, credit=credit)


def _cited(
    model: DeclaredModel, where: str, mapping: BomMapping, named: DeclaredAddress
) -> Provenance:
    """Where the BOM names a resource for the model, as its author's word."""
    unstated = mapping.certainty.unstated
    return Provenance(model.source, where, named.url, unstated, named.line, named.kind)


def _selves_lifted(model: DeclaredModel) -> tuple[DeclaredModel, tuple[DeclaredAddress, ...]]:
    """The model with each base naming the model itself, wherever in its lineage, replaced by
    what that base derives from in turn, and those bases.  A model does not derive from itself,
    but what the BOM says it derives from through itself it derives from: an ancestor naming
    the model, itself deriving from a Llama 2 fine-tune, was dropped with its ancestors, and the
    weights met OSAID on the model's Apache-2.0 (the fuzzer's bom-lineage)."""
    own = {found.casefold() for found in _own_hub_ids(model)}
    selves: list[DeclaredAddress] = []

    def lifted(bases: tuple[DeclaredAddress, ...]) -> tuple[list[DeclaredAddress], bool]:
        """The bases, each naming the model replaced by its own; and whether one so replaced
        derives from more than the levels read (said of the base it stood under)."""
        found: list[DeclaredAddress] = []
        deeper = False
        for base in bases:
            farther, farther_deeper = lifted(base.bases)
            if (named_hub_model(base.url) or "").casefold() in own:
                selves.append(base)
                found += farther
                deeper |= base.deeper or farther_deeper
            else:
                found.append(
                    replace(base, bases=tuple(farther), deeper=base.deeper or farther_deeper)
                )
        return found, deeper

    if not own:
        return model, ()
    bases, _ = lifted(model.bases)
    return replace(model, bases=tuple(bases)), tuple(selves)


def _named_links(model: DeclaredModel, where: str, mapping: BomMapping) -> tuple[NamedLink, ...]:
    """What --follow reads for the model, as it reads a card's links: its code repositories,
    each part of a component rules/bom.yaml says to follow (a training dataset at its Hub
    address, a paper at each of its addresses), and each base model (none naming the model
    itself: _selves_lifted)."""
    named = [
        NamedLink(NamedKind.CODE, _cited(model, where, mapping, at), at.kind)
        for at in model.repositories
    ]
    for part in model.parts:
        kind = mapping.components[part.component].follow
        if kind is NamedKind.DATASET:  # one dataset, wherever else it is: unread if off the Hub
            address = next((a for a in part.addresses if parse_hub_dataset_url(a)), "")
            at = DeclaredAddress(address or part.location or part.name, part.kind, part.line)
            named.append(NamedLink(kind, _cited(model, where, mapping, at), part.kind))
        elif kind is NamedKind.PAPER:  # arXiv's among them (osai.links.plan)
            for address in dict.fromkeys(part.addresses):
                at = DeclaredAddress(address, part.kind, part.line)
                cited = _cited(model, where, mapping, at)
                named.append(NamedLink(kind, cited, part.kind, part.component))
    kind = NamedKind.BASE_MODEL
    named += [NamedLink(kind, _cited(model, where, mapping, b), b.kind) for b in model.bases]
    return tuple(named)


def _own_hub_ids(model: DeclaredModel) -> tuple[str, ...]:
    """The Hub ids the BOM gives the model itself: its purl's, its location's."""
    return tuple(filter(None, (parse_hub_purl(model.purl), hub_model_address(model.location))))


def _component(
    model: DeclaredModel,
    component_id: str,
    where: str,
    rules: RuleSet,
    mapping: BomMapping,
    findings: list[Finding],
) -> ComponentEvidence:
    reading = _Reading(model.source, where, mapping.certainty)
    stated = _stated_presence(model, component_id, where)
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
        return _present(reading, component_id, [as_part], rules, findings)
    parts = [part for part in model.parts if part.component == component_id]
    explicit = [part for part in parts if part.explicit]
    if explicit or (parts and stated is None):
        return _present(reading, component_id, explicit or parts, rules, findings)
    if stated is not None:
        return _stated(reading, model, component_id, stated)
    note = "not described in the BOM"
    if component_id in model.unplaced:  # it is described, its role is not
        note = "the BOM names data no formulation workflow places, of unknown role: not credited"
    provenance = reading.provenance(None, "", reading.unstated, note)
    return ComponentEvidence(component_id, Presence.UNKNOWN, (provenance,))


# What osai writes of a component it did not see released (a released one is a part)
_STATED_PRESENCES = (Presence.ABSENT.value, Presence.UNKNOWN.value)


def _stated_presence(
    model: DeclaredModel, component_id: str, where: str
) -> DeclaredProperty | None:
    """The presence osai wrote of a component; another value is bad input, as an unknown
    certainty is (bom_certainty.py): read past as unknown, a typo lost a declared `absent`.
    Given more than once, each value is checked and the least sure stands, as several
    certainties of one statement read (`absent` beside `unknown` does not show it withheld):
    the first one stood, so a BOM's order decided the verdict and a later value went unread."""
    name = bommap.presence_property(component_id)
    stated = [p for p in model.properties if p.name == name]
    for item in stated:
        if item.value not in _STATED_PRESENCES:
            at = item.at(where)
            raise BadInput(
                f"{at}: {quoted_name(item.name)} is {quoted_name(item.value)}, "
                f"not a presence osai writes ({', '.join(_STATED_PRESENCES)})"
            )
    unsure = [p for p in stated if p.value == Presence.UNKNOWN.value]
    return next(iter(unsure or stated), None)


def _stated(
    reading: _Reading, model: DeclaredModel, component_id: str, stated: DeclaredProperty
) -> ComponentEvidence:
    """A component osai wrote as not released (`absent`) or not seen (`unknown`)."""
    presence = Presence.ABSENT if stated.value == Presence.ABSENT.value else Presence.UNKNOWN
    provenance = reading.provenances(model.properties, stated.name, stated.line, stated.value)
    if presence is Presence.UNKNOWN and not reading.sure(model.properties, stated.name).by_osai:
        # Not seen, and no certainty given: osai had no evidence of it (writing one for each
        # piece it had), and has none now.  Read as the BOM's declaration, a BOM written of this
        # one stated it `declared`, more than the first BOM said.
        provenance = ()
    name = bommap.unseen_licence_property(component_id)
    unseen = next((p for p in model.properties if p.name == name), None)
    licence = None
    if unseen is not None and presence is Presence.UNKNOWN:
        sure = reading.sure(model.properties, name)
        said = reading.provenance(unseen.line, unseen.value, sure)
        alternatives = _alternatives(reading, model.properties, name)
        unless = _unless(reading, model.properties, name)
        licence = LicenceFact(unseen.value, said, alternatives=alternatives, unless=unless)
    return ComponentEvidence(component_id, presence, provenance, licence)


def _present(
    reading: _Reading,
    component_id: str,
    parts: list[DeclaredPart],
    rules: RuleSet,
    findings: list[Finding],
) -> ComponentEvidence:
    """Released: as surely as each part says (osai:component:certainty), each part a piece of
    evidence.  osai writes one certainty a part, the surest of its sources; a BOM that gives
    several (osai's before it wrote one) gives a piece for each, and presence, resting on the
    surest, reads the same."""
    provenance = tuple(
        found
        for part in parts
        for found in reading.provenances(
            part.properties, bommap.COMPONENT, part.line, part.name, part.kind
        )
    )
    licence = _licence(reading, component_id, parts, rules, findings)
    addresses = [part.location for part in parts if part.location]
    # Where osai saw the component (osai:location: a dataset the card names was seen in
    # README.md) beside each part's own address (the dataset's Hub page): read as the location
    # alone, a BOM written from this one lost README.md; read the other way, the dataset.
    seen = next(filter(None, (property_value(p.properties, bommap.LOCATION) for p in parts)), "")
    location = seen or next(iter(addresses), "")
    # Several parts (a dataset each), or one elsewhere than it was seen: where each is, as a
    # manifest lists a component's files, so a BOM written from this one names each again
    elsewhere = len(parts) > 1 or any(address != location for address in addresses)
    files = tuple(dict.fromkeys(addresses)) if elsewhere else ()
    return ComponentEvidence(component_id, Presence.PRESENT, provenance, licence, location, files)


def _licence(
    reading: _Reading,
    component_id: str,
    parts: list[DeclaredPart],
    rules: RuleSet,
    findings: list[Finding],
) -> LicenceFact | None:
    """One licence for the component: the parts' licences, all of which apply (AND), known as
    surely as the least sure of them, and met only if nothing binds any of them (`unless`)."""
    read = [_part_licence(reading, part, component_id, rules) for part in parts]
    stated = [fact for fact, _ in read]
    findings.extend(finding for _, said in read for finding in said)
    name = rules.components[component_id].name
    for part, fact in zip(parts, stated, strict=True):
        if fact is None:
            findings.extend(_set_aside(reading, name, part))
    if any(fact is None for fact in stated):
        return None  # a part without a licence leaves the whole component's licence unknown
    facts = [fact for fact in stated if fact is not None]
    least_sure = weakest(fact.provenance.certainty for fact in facts)
    unless = "; ".join(dict.fromkeys(fact.unless for fact in facts if fact.unless))
    first = replace(
        next(fact for fact in facts if fact.provenance.certainty is least_sure), unless=unless
    )
    texts = list(dict.fromkeys(fact.text for fact in facts))
    if len(texts) == 1:
        return _not_overlong(reading, first)
    combined = _conjunction(texts, rules)
    if not combined:
        shown = "; ".join(text[:80] for text in texts)
        message = f"{reading.where}: {component_id}: several licences osai cannot combine ({shown})"
        findings.append(Finding(FindingKind.WARNING, message, component=component_id))
        return None
    return _not_overlong(reading, LicenceFact(combined, first.provenance, unless=unless))


def _set_aside(reading: _Reading, name: str, part: DeclaredPart) -> list[Finding]:
    """Why a part whose BOM concludes a licence has none: another tool's conclusion is left
    out (_acknowledged), and the report said only 'licence unknown', as if the BOM gave none."""
    concluded = [licence.stated for licence in part.licences if licence.concluded and licence.text]
    if not concluded or reading.sure(part.properties, bommap.LICENCE_TEXT).by_osai:
        return []
    shown = one_line("; ".join(dict.fromkeys(concluded)), 200)
    said = (
        f"{reading.where}: {name}: the BOM's author concluded {shown}, which is not the "
        "publisher's declaration, so its licence is unknown"
    )
    return [Finding(FindingKind.NOTE, said)]


def _not_overlong(reading: _Reading, fact: LicenceFact) -> LicenceFact:
    """The licence, or BadInput when it is too long to be one, as a manifest's is refused: a
    BOM's licence of 1 MB (or 40,000 licences, all applying) was quoted whole in each verdict,
    and made a report of megabytes."""
    why = overlong_licence(fact.text)
    if why:
        line = fact.provenance.line
        raise BadInput(f"{reading.where}{f':{line}' if line else ''}: {why}")
    return fact


def _part_licence(
    reading: _Reading, part: DeclaredPart, component_id: str, rules: RuleSet
) -> tuple[LicenceFact | None, list[Finding]]:
    """A part's licence, as surely as osai knew it (osai:licence:certainty), and what to say of
    it: the BOM's licence fields, as every other tool reads them; osai's verbatim text
    (osai:licence) where they state none (osai wrote alternatives, or `unknown`), or name the
    same licence (its source's spelling).  Where the two differ, a conflict, as between a
    manifest and a release (osai.sources.merge), the more restrictive kept: the property read
    first, a BOM showing CC-BY-NC-4.0 to every other tool passed osai's gate on an Apache-2.0
    no one else sees."""
    sure = reading.sure(part.properties, bommap.LICENCE_TEXT)
    inherited_from = stated_once(part.properties, bommap.LICENCE_INHERITED, reading.where)
    inherited = inherited_from.value if inherited_from is not None else ""
    licences = _acknowledged(part.licences, sure, reading.certainty, binds_from_base(inherited))
    known = [licence for licence in licences if licence.text is not None]
    said = LicenceFact(
        "",
        reading.provenance(part.line, "", sure),
        inherited,
        corroborated_by=_corroboration(reading, part),
        alternatives=_alternatives(reading, part.properties, bommap.LICENCE_TEXT),
        unless=_unless(reading, part.properties, bommap.LICENCE_TEXT),
        url=_one_link(licences),
        # the publisher's declared licence, which the one read here overrides (a base's alone:
        # LicenceFact.overridden)
        overrides=_licence_said(reading, part, bommap.LICENCE_OVERRIDES),
    )
    verbatim = stated_once(part.properties, bommap.LICENCE_TEXT, reading.where)
    if not known and verbatim is not None:
        # the field names a licence osai leaves out as no publisher's word (another tool's
        # concluded one), yet every other tool shows it: osai's words stand only if the same,
        # else a BOM concluding CC-BY-NC-4.0 passed the gate on a hidden Apache-2.0
        licences = tuple(licence for licence in part.licences if licence.text is not None)
        known = list(licences)
    if not known:
        if verbatim is None:
            return None, []
        line = verbatim.line or part.line
        provenance = reading.provenance(line, verbatim.value, sure)
        return replace(said, text=verbatim.value, provenance=provenance), []
    # a licence listed twice (two of a tool's sources found it; two documents merged) is one:
    # it read as "MIT AND MIT", and was written so into the BOM osai writes of it
    text = all_apply(list(dict.fromkeys(licence.text or "" for licence in known)))
    # and a licence stated twice is said once: an SPDX licence set named 5,000 times by one
    # relationship (a 270 KB document) was quoted 5,000 times, a report of 20 MB
    stated = "; ".join(dict.fromkeys(licence.stated for licence in licences))
    field = replace(
        said, text=text or "", provenance=reading.provenance(known[0].line, stated, sure)
    )
    broken = _broken_expressions(reading, known, rules)
    if verbatim is None or broken:
        return field, broken
    if _same_licence(verbatim.value, field.text, rules):
        # the licence the field states, in its source's words (a card's `apache-2.0`)
        provenance = reading.provenance(known[0].line, verbatim.value, sure)
        return replace(field, text=verbatim.value, provenance=provenance), []
    line = verbatim.line or part.line
    property_said = replace(
        said, text=verbatim.value, provenance=reading.provenance(line, verbatim.value, sure)
    )
    return _contradicting(reading, component_id, rules, field, property_said)


def _same_licence(said: str, field: str, rules: RuleSet) -> bool:
    """Whether osai's words name the licence the field states: one SPDX expression, or the
    LicenseRef- osai makes of a name (SPDX's `LicenseRef-Llama-2-Community-License` for the
    card's "Llama 2 Community License"), which keeps only the name's letters and digits."""
    knowledge = rules.licences
    if normalised_licence(said, knowledge) == normalised_licence(field, knowledge):
        return True
    return _letters(field.removeprefix("LicenseRef-")) == _letters(said)


def _letters(text: str) -> str:
    """A name's ASCII letters and digits: the LicenseRef- osai makes of "Licence Libre du Québec,
    Réciprocité forte" keeps only those (…-Qu-bec-R-ciprocit-…), and a name whose é was kept
    here was another licence than the field's, a conflict, the verdict unknown (the fuzz)."""
    return "".join(c for c in text.casefold() if c.isascii() and c.isalnum())


def _broken_expressions(
    reading: _Reading, known: list[DeclaredLicence], rules: RuleSet
) -> list[Finding]:
    """A note for each licence the BOM states as an SPDX expression that osai cannot parse
    (`MIT AND (Apache-2.0 OR`): its licence is unknown, and said to be, rather than read as a
    licence of that name, or passed over for osai's own property."""
    return [
        Finding(
            FindingKind.NOTE,
            f"{reading.where}{f':{licence.line}' if licence.line else ''}: "
            f"{quoted_name(one_line(licence.stated, 80))} is no SPDX expression osai can parse, "
            "so the licence is unknown",
        )
        for licence in known
        if licence.expression
        and parse_licence(licence.text or "", rules.licences, exact=False).state
        is LicenceState.UNRECOGNISED
    ]


def _contradicting(
    reading: _Reading,
    component_id: str,
    rules: RuleSet,
    field: LicenceFact,
    property_said: LicenceFact,
) -> tuple[LicenceFact | None, list[Finding]]:
    """The licence the BOM's field states against the one its osai:licence states, merged as a
    manifest's is against a release's (the one place conflicts are made): the more restrictive
    kept, or both where osai cannot rank them, and the conflict said."""
    from osai.sources.merge import merge_with_conflicts

    def one(fact: LicenceFact) -> Release:
        evidence = ComponentEvidence(component_id, Presence.PRESENT, (fact.provenance,), fact)
        return Release(reading.where, reading.source, "", components={component_id: evidence})

    merged = merge_with_conflicts(one(field), one(property_said), rules)
    findings = [conflict.finding for conflict in merged.conflicts]
    return merged.release.component(component_id).licence, [*findings, *merged.notes]


def _one_link(licences: tuple[DeclaredLicence, ...]) -> str:
    """The link of a licence stated alone: of several, all applying, no one link is the
    licence's."""
    return licences[0].url if len(licences) == 1 else ""


def _unless(reading: _Reading, properties: tuple[DeclaredProperty, ...], subject: str) -> str:
    """What osai wrote may bind the component to another licence than the one `subject` states
    (bommap.unless_property): a licence that meets a policy reads back unknown, as in the check
    that wrote the BOM.  One line, bounded as a manifest's is; a blank one still binds (the BOM
    says something may, not what); two values are bad input, as two licence texts are."""
    name = bommap.unless_property(subject)
    stated = stated_once(properties, name, reading.where)
    if stated is None:
        return ""  # another tool's BOM, or nothing unread: the licence stands as stated
    return one_line(stated.value, MAX_UNLESS_CHARS) or bommap.UNLESS_UNNAMED


def _corroboration(reading: _Reading, part: DeclaredPart) -> tuple[LicenceFact, ...]:
    """The licence another source gave the same release in osai's own BOM, as surely as it
    says (osai:licence:corroborated-by): a verdict both licences give reads back as sure."""
    said = _licence_said(reading, part, bommap.LICENCE_CORROBORATED)
    return (said,) if said is not None else ()


def _licence_said(reading: _Reading, part: DeclaredPart, subject: str) -> LicenceFact | None:
    """The licence one of osai's properties states of a part (`subject`), as surely as it
    says; None where it states none."""
    stated = stated_once(part.properties, subject, reading.where)
    text = stated.value if stated is not None else ""
    if not text:
        return None
    return LicenceFact(
        text, reading.provenance(part.line, text, reading.sure(part.properties, subject))
    )


def _alternatives(
    reading: _Reading, properties: tuple[DeclaredProperty, ...], subject: str
) -> tuple[LicenceFact, ...]:
    """The licences osai wrote as ones that may apply instead of the one `subject` states
    (bommap.alternative_property), as surely as it says: a verdict read back stands only where
    every one gives it, as on the release."""
    named = bommap.alternative_property(subject)
    sure = reading.sure(properties, named)
    return tuple(
        LicenceFact(p.value, reading.provenance(p.line, p.value, sure))
        for p in properties
        if p.name == named and p.value.strip()
    )


def _acknowledged(
    licences: tuple[DeclaredLicence, ...],
    sure: StatedCertainty,
    certainty: CertaintyMapping,
    from_base: bool = False,
) -> tuple[DeclaredLicence, ...]:
    """The licences a part is under: the ones the BOM says the publisher declared.  In a BOM osai
    wrote (it says how surely osai knew the licence, osai:licence:certainty), that certainty
    comes first: the entries that state a licence and are acknowledged as osai acknowledges it,
    so a licence osai wrote as concluded (assessed, inferred: rules/bom.yaml) comes back, as
    surely as it was known, and so does a base's licence that binds the model (`from_base`),
    which osai concludes however surely it read it.  An older osai acknowledged every licence
    as declared (SPDX: the concluded one NOASSERTION), hence the fall-back.  Another tool's
    concluded licence is its opinion, not the publisher's word: left out."""
    declared = tuple(licence for licence in licences if not licence.concluded)
    if not sure.by_osai:
        return declared
    concluded = certainty.concludes(sure.weakest) or from_base
    stated = tuple(
        licence
        for licence in licences
        if licence.concluded is concluded and licence.text is not None  # None: NOASSERTION
    )
    return stated or declared


def _conjunction(texts: list[str], rules: RuleSet) -> str:
    """`(a) AND (b)` when every text is an expression osai reads, else ''."""
    parsed = [parse_licence(text, rules.licences, exact=False) for text in texts]
    if any(p.state is not LicenceState.EXPRESSION for p in parsed):
        return ""
    return " AND ".join(f"({p.normalized})" for p in parsed)


def _facts(
    model: DeclaredModel,
    where: str,
    rules: RuleSet,
    certainty: CertaintyMapping,
    findings: list[Finding],
) -> dict[str, Fact]:
    reading = _Reading(model.source, where, certainty)
    stated: dict[str, tuple[DeclaredProperty, FactKind]] = {}  # the last value of each stands
    items: dict[str, list[str]] = {}
    not_provided = set()
    unknown: dict[str, None] = {}  # each name once, in the BOM's order
    for item in model.properties:
        parsed = bommap.parse_fact_property(item.name)
        if parsed is None:
            continue
        key, qualifier = parsed
        kind = rules.facts.get(key)
        if kind is None:
            if qualifier not in (*_CERTAINTY_QUALIFIERS, _ITEM):  # said once, with its value
                unknown[item.name] = None
        elif qualifier == _ITEM:
            items.setdefault(key, []).append(item.value)
        elif qualifier == "provided":
            not_provided |= {key} if item.value.strip().lower() == "false" else set()
        elif not qualifier:
            stated[key] = (item, kind)
    if unknown:
        # one warning, bounded: one a property made a BOM of thousands a report of thousands
        said = "not a fact osai knows" if len(unknown) == 1 else "not facts osai knows"
        findings.append(Finding(FindingKind.WARNING, f"{where}: {some_of(list(unknown))}: {said}"))
    facts: dict[str, Fact] = {}
    for key, (item, kind) in stated.items():  # once a fact: a BOM may repeat one at will
        sure = reading.sure(model.properties, item.name)
        provenance = reading.provenance(item.line, item.value, sure, item.name)
        number = _number(kind, item.value)
        # words for an item not given ('N/A' of a description) as a manifest's are read
        provided = key not in not_provided and not kind.says_none(item.value)
        listed = _listed(item.value, items.get(key, []))
        fact = Fact(key, item.value, provenance, provided=provided, number=number, items=listed)
        facts[key] = fact
    return facts


def _listed(value: str, items: list[str]) -> tuple[str, ...]:
    """The names a fact's value joins, as the BOM states each (osai:fact:<key>:item), so a
    reason shows some of them as the check that wrote it did; none where they are not what
    the value says (a reason would name what the BOM does not state)."""
    return tuple(items) if len(items) > 1 and ", ".join(items) == value else ()


def _number(kind: FactKind, text: str) -> float | None:
    """A number fact's value (a BOM property is text); None for other facts or non-numbers, and
    for 0 where the fact is above 0 (`positive`): a BOM's training_compute_flop = 0 met "at
    most 10^25 FLOP", a placeholder the same manifest is refused for."""
    if kind.type != "number":
        return None
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return number if kind.admits(number) and number < float("inf") else None


@dataclass(frozen=True)
class _Reading:
    """One BOM's statements as evidence: where they are, and how surely osai knew each."""

    source: str
    where: str
    certainty: CertaintyMapping

    @property
    def unstated(self) -> StatedCertainty:
        """What the BOM says without a certainty property: its author's word."""
        return StatedCertainty((self.certainty.unstated,))

    def sure(self, properties: tuple[DeclaredProperty, ...], subject: str) -> StatedCertainty:
        return stated_certainty(properties, subject, self.where, self.certainty)

    def provenance(
        self, line: int | None, value: str, sure: StatedCertainty, note: str = ""
    ) -> Provenance:
        """One statement's evidence, as sure as the least sure value the BOM gives it."""
        known = sure.weakest
        return Provenance(self.source, self.where, value, known, line, sure.note(known, note))

    def provenances(
        self,
        properties: tuple[DeclaredProperty, ...],
        subject: str,
        line: int | None,
        value: str,
        note: str = "",
    ) -> tuple[Provenance, ...]:
        """A statement's evidence, once for each certainty the BOM gives it (osai writes one)."""
        sure = self.sure(properties, subject)
        return tuple(
            Provenance(self.source, self.where, value, known, line, sure.note(known, note))
            for known in sure.certainties
        )
