"""The AI bill-of-materials mapping (rules/bom.yaml) and the `osai:` property vocabulary.

Both BOM writers (osai/formatters/cyclonedx.py, spdx.py) and the BOM reader (osai/sources/bom.py)
use this one table and these property names, so what osai writes is what it reads back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from osai.errors import BadInput, RulesError
from osai.evidence import Certainty, DataCredit, NamedKind
from osai.hubrefs import github_repository
from osai.paths import rules_dir
from osai.yamlsafe import YamlDocument, load_yaml_file

# --- the osai: property vocabulary (CycloneDX `properties`, SPDX CdxPropertiesExtension) ------

PREFIX = "osai:"
COMPONENT = "osai:component"  # on a part: the MOF component id it stands for
LOCATION = "osai:location"  # a part's location when it is not a URL (e.g. a path in the repo)
LICENCE_TEXT = "osai:licence"  # the licence exactly as the source stated it (when not SPDX)
LICENCE_INHERITED = "osai:licence:inherited-from"
# Another source's licence for the same release, no more restrictive, that osai did not keep
# (LicenceFact.corroborated_by): the surest one, so that a verdict both give reads back as sure.
LICENCE_CORROBORATED = "osai:licence:corroborated-by"
# The licence the publisher declared where a base model's licence that binds derivatives
# overrides it (LicenceFact.overrides): the format's declared licence states it too, for others.
LICENCE_OVERRIDES = "osai:licence:overrides"
TARGET = "osai:target"  # on the model: what osai was asked to check
SOURCE = "osai:source"  # on the model: where osai read it (manifest, hub, directory…)


def alternative_property(subject: str) -> str:
    """A licence that may apply instead of the one `subject` states (osai:licence, or an unseen
    component's osai:component:<id>:licence), one property each: statements contradict and osai
    cannot choose (LicenceFact.alternatives).  The BOM's licence field then states none: one
    licence there is one stated as fact, and a verdict read back from it would stand where the
    release's was unknown."""
    return f"{subject}:alternative"


def unless_property(subject: str) -> str:
    """What osai did not read that may bind the component to another licence than the one
    `subject` states (LicenceFact.unless: a base model the Hub did not answer for, or whose
    licence osai does not know).  No standard field says it: without it, the licence field
    reads as the whole of what binds the component, and a licence that met a policy only if
    nothing else binds it, unknown in the check that wrote the BOM, reads back as met."""
    return f"{subject}:unless"


# What a blank osai:licence:unless reads as: the BOM says something may bind the licence, not
# what, which leaves a licence that meets a policy as unknown as a named one does.
UNLESS_UNNAMED = "something the BOM does not name binds it"


def presence_property(component_id: str) -> str:
    """On the model: a component osai did not see as released (`absent` or `unknown`)."""
    return f"osai:component:{component_id}:presence"


def unseen_licence_property(component_id: str) -> str:
    """On the model: the licence an unseen component would be under, when a source said so."""
    return f"osai:component:{component_id}:licence"


# On the model: a weight file the BOM states no digest of (no `file` component with its hashes),
# its value why (NoDigest.why); one property a file, the file's path after the name, as an
# unseen component's id is in its own.  Without a path: the weights, when no file was listed.
UNSTATED_DIGESTS = "osai:digests:unstated"
# The longest reason read back (one line): osai's own are a sentence naming at most eight files
# (textsafe.some_of); another tool's BOM may hold anything, and every report says it again.
MAX_UNSTATED_WHY = 1000


def unstated_digest_property(path: str) -> str:
    return f"{UNSTATED_DIGESTS}:{path}" if path else UNSTATED_DIGESTS


def parse_unstated_digest_property(name: str) -> str | None:
    """The file an unstated digest's property names ("" for the weights as a whole); None for
    any other name.  A path may hold colons: all after the prefix is the path."""
    if name == UNSTATED_DIGESTS:
        return ""
    return (
        name.removeprefix(f"{UNSTATED_DIGESTS}:")
        if name.startswith(f"{UNSTATED_DIGESTS}:")
        else None
    )


# What a public database whose data the BOM holds asks of it (DataCredit), once each: in
# CycloneDX, the metadata's properties; in SPDX, an Annotation of the document whose statement
# says the attribution (DataCredit.said), its other fields on it as properties.
_CREDIT_PROPERTY = re.compile(
    r"^osai:public-assessment:([a-z0-9-]+):"
    r"(title|licence|attribution|snapshot|snapshot-date|entry)$"
)


def credit_property(database: str, field: str) -> str:
    return f"osai:public-assessment:{database}:{field}"


def credit_properties(credit: DataCredit, attribution: bool = True) -> tuple[tuple[str, str], ...]:
    """A credit's properties; without its attribution where the element says it (SPDX)."""
    pairs = [("title", credit.title), ("licence", credit.licence)]
    pairs += [("attribution", credit.attribution)] if attribution else []
    # which of its data the BOM holds: the snapshot, and each entry (one property each)
    pairs += [("snapshot", credit.snapshot), ("snapshot-date", credit.snapshot_date)]
    pairs += [("entry", entry) for entry in credit.entries]
    return tuple(
        (credit_property(credit.database, field), value) for field, value in pairs if value
    )


def parse_credit_property(name: str) -> tuple[str, str] | None:
    """(database, field) of a credit's property; None for any other name."""
    found = _CREDIT_PROPERTY.match(name)
    return (found.group(1), found.group(2)) if found else None


# The model's weight files and their content digests: in CycloneDX, a `file` component nested in
# the model's, with `hashes`; in SPDX, a software_File the AI package `contains`, `verifiedUsing`
# a Hash.  One per file, not all on the model: a model ships as several files (shards, formats),
# and a hash on the model itself would not say which file it is the digest of.
CYCLONEDX_FILE = "file"
CYCLONEDX_SHA256 = "SHA-256"  # CycloneDX 1.6 hash-alg
SPDX_FILE = "software_File"
SPDX_CONTAINS = "contains"
SPDX_SHA256 = "sha256"  # SPDX 3.0.1 HashAlgorithm

# The model's code repository (a manifest's release.repository, Release.repositories): in
# CycloneDX, an externalReference of this type on the model component; in SPDX, an ExternalRef of
# this type on the AI package, its locator the address (unless its downloadLocation already names
# that GitHub repository: spdx_download_repository).  Read back and followed with --follow.
CYCLONEDX_VCS = "vcs"  # CycloneDX 1.6 externalReference type
SPDX_VCS = "vcs"  # SPDX 3.0.1 ExternalRefType


# The models the model derives from (Release.base_models): in CycloneDX, the model component's
# pedigree ancestors; in SPDX, an AI package the model is `descendantOf` (or that is
# `ancestorOf` it, as another tool may say it).  Each named by its pkg:huggingface purl, and read
# back and followed with --follow as a card's base_model.
SPDX_DESCENDS = "descendantOf"


def spdx_download_repository(location: str) -> str | None:
    """The GitHub repository (owner/name) an SPDX AI package's downloadLocation names, which
    osai reads as the model's code repository (SPDX's version-control location of a package), or
    None: a vcs externalRef naming the same repository would name it twice."""
    return github_repository(location)


def fact_property(key: str) -> str:
    return f"osai:fact:{key}"


def certainty_property(subject: str) -> str:
    """How surely osai knew what the property `subject` states (rules/bom.yaml `certainty`):
    osai:component:certainty on a part, osai:fact:<key>:certainty, …"""
    return f"{subject}:certainty"


def inferred_by_property(subject: str) -> str:
    """How an inferred `subject` was inferred: the inference rule, or the detection's reason;
    several ways in one value, separated by INFERRED_BY_SEPARATOR."""
    return f"{subject}:inferred-by"


INFERRED_BY_SEPARATOR = "; "


def fact_item_property(key: str) -> str:
    """One of the names a fact's value joins, where it states a list (Fact.items: the models a
    merge's recipe names), one property each: read back, a reason shows some of them."""
    return f"osai:fact:{key}:item"


def fact_not_provided_property(key: str) -> str:
    return f"osai:fact:{key}:provided"


def framework_property(framework_id: str, name: str) -> str:
    return f"osai:framework:{framework_id}:{name}"


def requirement_property(framework_id: str, requirement_id: str) -> str:
    return f"osai:framework:{framework_id}:requirement:{requirement_id}:status"


def grade_property(framework_id: str, requirement_id: str) -> str:
    """A graded framework's requirement: its grade ("" when unknown)."""
    return f"osai:framework:{framework_id}:requirement:{requirement_id}:grade"


_FACT_PROPERTY = re.compile(r"^osai:fact:([a-z0-9_]+)(?::(provided|certainty|inferred-by|item))?$")


def parse_fact_property(name: str) -> tuple[str, str] | None:
    """`osai:fact:<key>[:provided|:certainty|:inferred-by]` → (key, that qualifier, or '' for
    the fact's value); None for any other name."""
    match = _FACT_PROPERTY.match(name)
    return (match.group(1), match.group(2) or "") if match else None


# --- the mapping table ------------------------------------------------------------------------


# Where a formulation workflow names the model: a `build` makes it (its outputs), a `test`
# runs it (its inputs).  rules/bom.yaml `task_model`.
TASK_MODEL_PLACES = ("inputs", "outputs")


@dataclass(frozen=True)
class CycloneDXWrite:
    type: str
    data_type: str = ""
    reference: str = ""
    model_card_dataset: bool = False
    # The part's role as CycloneDX's own fields say it: an input of a formulation workflow of
    # this task type, which names the model among its `task_model` (inputs or outputs).
    task_type: str = ""
    task_model: str = ""


@dataclass(frozen=True)
class CycloneDXRead:
    types: tuple[str, ...] = ()
    data_types: tuple[str, ...] = ()
    reference_types: tuple[str, ...] = ()
    url: re.Pattern[str] | None = None
    # A component whose name this matches is not recognised by this rule (the name marks it as
    # another component).
    name_not: re.Pattern[str] | None = None
    model_field: str = ""
    # The component must be an input of a formulation workflow (or task) of one of these types
    # that names the model among its `task_model` (inputs or outputs): its role.
    task_types: tuple[str, ...] = ()
    task_model: str = ""

    def excludes(self, name: str) -> bool:
        return self.name_not is not None and self.name_not.search(name) is not None

    def placed(self, roles: frozenset[tuple[str, str]]) -> bool:
        """Whether a component with these roles ((task type, where it names the model), from
        the BOM's formulation) is placed as this rule asks; any is, when it asks none."""
        if not self.task_types:
            return True
        return any((kind, self.task_model) in roles for kind in self.task_types)


@dataclass(frozen=True)
class SpdxWrite:
    element: str
    purpose: str
    relationship: str = ""
    towards_model: bool = False


@dataclass(frozen=True)
class SpdxRead:
    relationships: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    model_field: str = ""


@dataclass(frozen=True)
class ComponentMapping:
    component: str
    is_model: bool
    cyclonedx: CycloneDXWrite
    spdx: SpdxWrite
    cyclonedx_read: tuple[CycloneDXRead, ...] = ()
    spdx_read: tuple[SpdxRead, ...] = ()
    # What --follow reads a part of it as (rules/bom.yaml `follow`): its Hub dataset, its arXiv
    # paper; None: no link.
    follow: NamedKind | None = None


@dataclass(frozen=True)
class CertaintyMapping:
    """The `<property>:certainty` values, what a statement without one is, and which licences
    are written as concluded (rules/bom.yaml)."""

    unstated: Certainty
    values: Mapping[str, Certainty]
    concluded: frozenset[Certainty] = frozenset()

    def concludes(self, certainty: Certainty) -> bool:
        """Whether a licence known this surely is osai's conclusion (CycloneDX acknowledgement
        `concluded`, SPDX hasConcludedLicense), not what the component's authors declared."""
        return certainty in self.concluded

    def value(self, certainty: Certainty) -> str:
        """The value osai writes for `certainty` (the first listed for it)."""
        return next(value for value, known in self.values.items() if known is certainty)

    def read(self, value: str) -> Certainty | None:
        """The certainty a value says, never surer than `unstated` (a BOM is at most its
        author's word); None when it is not a value osai knows."""
        found = self.values.get(value)
        if found is None:
            return None
        return self.unstated if found.at_least(self.unstated) else found


@dataclass(frozen=True)
class BomMapping:
    cyclonedx_version: str
    spdx_version: str
    spdx_context: str
    licence_keywords: Mapping[str, str | None]
    certainty: CertaintyMapping
    components: Mapping[str, ComponentMapping]

    @property
    def model(self) -> ComponentMapping:
        return next(entry for entry in self.components.values() if entry.is_model)

    @property
    def task_types(self) -> frozenset[str]:
        """The formulation task types that say a CycloneDX component's role (read rules)."""
        return frozenset(
            kind
            for entry in self.components.values()
            for rule in entry.cyclonedx_read
            for kind in rule.task_types
        )

    def keyword(self, stated: str) -> tuple[bool, str | None]:
        """(is a keyword, what osai reads it as) for NONE / NOASSERTION.  A blank licence states
        nothing (read as NOASSERTION, unknown): only NONE says there is no licence."""
        key = stated.strip().upper()
        if not key:
            return False, None
        if key in self.licence_keywords:
            return True, self.licence_keywords[key]
        return False, stated


@lru_cache(maxsize=1)
def load_bom_mapping() -> BomMapping:
    path = rules_dir() / "bom.yaml"
    try:
        document = load_yaml_file(path)
    except BadInput as exc:  # a broken bundled file is a rules error
        raise RulesError(*exc.args) from None
    # Bundled rule data: its schema is checked by the tests (osai rules validate), not each run.
    return _mapping(document)


def _mapping(document: YamlDocument) -> BomMapping:
    data = document.data
    components: dict[str, ComponentMapping] = {}
    for index, entry in enumerate(data["components"]):
        if entry["component"] in components:
            where = document.where("components", index, "component")
            raise RulesError(f"{where}: component '{entry['component']}' is mapped twice")
        components[entry["component"]] = _component(entry)
    models = [entry.component for entry in components.values() if entry.is_model]
    if len(models) != 1:
        raise RulesError(f"{document.path}: exactly one component must be `model: true`")
    return BomMapping(
        cyclonedx_version=str(data["cyclonedx"]["spec_version"]),
        spdx_version=str(data["spdx"]["spec_version"]),
        spdx_context=str(data["spdx"]["context"]),
        licence_keywords={str(k).upper(): v for k, v in data["licence_keywords"].items()},
        certainty=certainty_mapping(document),
        components=components,
    )


def certainty_mapping(document: YamlDocument) -> CertaintyMapping:
    """rules/bom.yaml's `certainty` table (RulesError when a certainty has no value)."""
    data = document.data["certainty"]
    values = {str(value): Certainty(known) for value, known in data["values"].items()}
    unwritable = [known.value for known in Certainty if known not in values.values()]
    if unwritable:  # osai could not write evidence this sure, nor read it back
        where = document.where("certainty", "values")
        raise RulesError(f"{where}: no value for the certainty {', '.join(unwritable)}")
    concluded = frozenset(Certainty(known) for known in data["concluded"])
    return CertaintyMapping(Certainty(data["unstated"]), values, concluded)


def _component(entry: Mapping[str, Any]) -> ComponentMapping:
    cyclonedx, spdx = entry["cyclonedx"], entry["spdx"]
    return ComponentMapping(
        component=entry["component"],
        is_model=bool(entry.get("model", False)),
        cyclonedx=CycloneDXWrite(**cyclonedx["write"]),
        spdx=SpdxWrite(**spdx["write"]),
        cyclonedx_read=tuple(_cyclonedx_read(item) for item in cyclonedx.get("read") or ()),
        spdx_read=tuple(_spdx_read(item) for item in spdx.get("read") or ()),
        follow=NamedKind(entry["follow"]) if entry.get("follow") else None,
    )


def _cyclonedx_read(item: Mapping[str, Any]) -> CycloneDXRead:
    url, name_not = item.get("url"), item.get("name_not")
    return CycloneDXRead(
        types=tuple(item.get("types") or ()),
        data_types=tuple(item.get("data_types") or ()),
        reference_types=tuple(item.get("reference_types") or ()),
        url=re.compile(url) if url else None,
        name_not=re.compile(name_not) if name_not else None,
        model_field=item.get("model_field", ""),
        task_types=tuple(item.get("task_types") or ()),
        task_model=item.get("task_model", ""),
    )


def _spdx_read(item: Mapping[str, Any]) -> SpdxRead:
    return SpdxRead(
        relationships=tuple(item.get("relationships") or ()),
        purposes=tuple(item.get("purposes") or ()),
        model_field=item.get("model_field", ""),
    )
