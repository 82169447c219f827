"""A model config (config.json, or the host's parse of it): which library implements the
architecture, or whether the architecture's code ships with the model (``auto_map``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from osai.detection import ArchitectureLibrary, DetectionRules
from osai.evidence import Certainty, Fact, Finding, FindingKind, Presence, Provenance
from osai.extract.files import ListingScan, has_architecture_code
from osai.extract.observations import Observation
from osai.jsonsafe import NotJson, json_value
from osai.snapshot import RepoSnapshot
from osai.textsafe import CONTROL_CHARACTERS

CONFIG_FILE = "config.json"


@dataclass(frozen=True)
class _Config:
    values: Mapping[str, Any]
    path: str  # the file it is, in the repository
    location: str  # where it was read: the file, or the host's field
    library_name: str | None  # the library the host says the model uses


@dataclass(frozen=True)
class ConfigEvidence:
    """What a model config shows: the architecture's code (``auto_map``), notes, facts."""

    observations: tuple[Observation, ...] = ()
    findings: tuple[Finding, ...] = ()
    facts: tuple[Fact, ...] = ()


def config_evidence(
    snapshot: RepoSnapshot, scan: ListingScan, rules: DetectionRules
) -> ConfigEvidence:
    """The architecture's evidence from the model config (its code only when no modelling code
    was found), and the architecture it describes, whoever's code runs it."""
    config, findings = _config(snapshot, scan)
    if config is None:
        return ConfigEvidence(findings=findings)
    name = architecture_name(config.values)
    seen = Provenance(snapshot.source, config.location, name, Certainty.INFERRED)
    facts = _stated(rules.files.config_fact, replace(seen, certainty=Certainty.DETECTED))
    if has_architecture_code(scan, rules.files):
        return ConfigEvidence(findings=findings, facts=facts)
    library = rules.architecture_library(config.values, config.library_name)
    if library is not None:
        return ConfigEvidence((), (*findings, _third_party(library, seen)), facts)
    # Part of a listing (GitHub's truncated tree) cannot show a module missing.
    listing = None if snapshot.listing_partial else snapshot.listing
    files = None if listing is None else _Files(frozenset(listing), snapshot.empty_files)
    observations, missing = _observations(rules.files.architecture, config, seen, files)
    return ConfigEvidence(observations, (*findings, *missing), facts)


STATES_ARCHITECTURE = "the model config states the architecture (its classes and sizes)"
# The field a model config states the architecture in (Fact.field): what tells it from the same
# fact a card states (a section's title), so the BOM writers can name it (formatters.bomcard).
ARCHITECTURES_FIELD = "architectures"
_MODEL_TYPE = " (model_type "


def _stated(fact: str, seen: Provenance) -> tuple[Fact, ...]:
    if not fact:
        return ()
    stated = replace(seen, note=STATES_ARCHITECTURE)
    return (Fact(fact, seen.value, stated, field=ARCHITECTURES_FIELD),)


def _third_party(library: ArchitectureLibrary, seen: Provenance) -> Finding:
    """A library's implementation is not the producer's release of the architecture: a note."""
    url = f" ({library.url})" if library.url else ""
    message = (
        f"{seen.location} names {seen.value}: a third-party implementation exists in the "
        f"{library.library} library{url}, under {library.licence}; it is not the producer's "
        "release of the model architecture"
    )
    return Finding(FindingKind.NOTE, message, (seen,))


def _config(
    snapshot: RepoSnapshot, scan: ListingScan
) -> tuple[_Config | None, tuple[Finding, ...]]:
    host = snapshot.host
    if host.config is not None:
        library = host.library_name or None
        return _Config(host.config, CONFIG_FILE, "config", library), ()
    configs = [p for m in scan.matches if m.kind.model_config for p in m.paths]
    read = [p for p in configs if p in snapshot.texts]
    if not read:
        return None, ()
    path = min(read, key=lambda p: (p.count("/"), p))
    values, problem = _json_object(snapshot.texts[path].text)
    if values is None:
        where = Provenance(snapshot.source, path, "", Certainty.DETECTED)
        return None, (Finding(FindingKind.WARNING, f"{path}: {problem}", (where,)),)
    return _Config(values, path, path, None), ()


def _json_object(text: str) -> tuple[dict[str, Any] | None, str]:
    try:
        value = json_value(text, non_finite_absent=True)
    except NotJson as exc:
        return None, f"{'not valid JSON' if exc.invalid else 'not read'} ({exc})"
    if not isinstance(value, dict):
        return None, "not a JSON object"
    return value, ""


@dataclass(frozen=True)
class _Files:
    """The files listed, and those of them known to hold 0 bytes."""

    listed: frozenset[str]
    empty: frozenset[str]


def _observations(
    architecture: str, config: _Config, seen: Provenance, files: _Files | None
) -> tuple[tuple[Observation, ...], tuple[Finding, ...]]:
    """The architecture's code ships with the model when a module ``auto_map`` names is among
    its files; one the files do not hold (left out of a copy, or in another repository, as a
    fine-tune's base model's code is), or hold empty (no code: rules/detection.yaml
    empty_not_evidence), shows nothing, and a note says so.  Files not seen (a host that did not
    list them): the config's word stands.  One that names no module (empty, null, not
    transformers' mapping of classes) says nothing of code."""
    if "auto_map" not in config.values:
        return (), ()
    modules = _auto_map_modules(config.values["auto_map"])
    if not modules:
        return (), (_shows_nothing("names no module", config.path, seen),)
    if files is not None and not any(_shipped(m, config.path, files) for m in modules):
        return (), (_not_shown(modules[0], config.path, seen, files),)
    note = "auto_map: the architecture's code ships with the model"
    return (Observation(architecture, Presence.PRESENT, replace(seen, note=note), config.path),), ()


# transformers' auto_map: each value names a class by its module ("modeling_x.Class"), or a list
# of such names (a tokenizer's slow and fast classes, either None); "org/repo--module.Class" is
# a module of another repository.
_REMOTE = "--"


def _auto_map_modules(auto_map: object) -> tuple[str, ...]:
    """The modules an auto_map names (a repository's prefix kept), in its order."""
    values = auto_map.values() if isinstance(auto_map, dict) else ()
    names = [n for v in values for n in (v if isinstance(v, list) else [v]) if isinstance(n, str)]
    # Someone else's file: a name that is no short name (10 KB, control characters) is none.
    modules = (n.rsplit(".", 1)[0] for n in names if "." in n and _is_short_name(n))
    return tuple(dict.fromkeys(modules))


def _module_file(module: str, config_path: str) -> str:
    """The file of a module, beside the config that names it."""
    folder = config_path.rsplit("/", 1)[0] + "/" if "/" in config_path else ""
    return f"{folder}{module.replace('.', '/')}.py"


def _shipped(module: str, config_path: str, files: _Files) -> bool:
    file = _module_file(module, config_path)
    return _REMOTE not in module and file in files.listed and file not in files.empty


def _not_shown(module: str, config_path: str, seen: Provenance, files: _Files) -> Finding:
    file = _module_file(module, config_path)
    if _REMOTE in module:
        named = f"code in {module.split(_REMOTE, 1)[0]}, another repository"
    elif file in files.listed:
        named = f"{file}, an empty file (0 bytes)"
    else:
        named = f"{file}, which is not among the files"
    return _shows_nothing(f"names {named}", config_path, seen)


def _shows_nothing(said: str, config_path: str, seen: Provenance) -> Finding:
    message = f"{config_path} auto_map {said}: the architecture's code is not shown here"
    return Finding(FindingKind.NOTE, message, (seen,))


# A config names a class or two (Qwen2_5_VLForConditionalGeneration, 34 characters, is long):
# anything beyond is no statement of an architecture, and is not repeated into the report.
MAX_ARCHITECTURES = 8
MAX_NAME_CHARS = 100


def architecture_name(config: Mapping[str, Any]) -> str:
    """The architecture a model config names: its classes and model type.  Someone else's file:
    `architectures` is read only as a short list of short names, `model_type` only as a short
    name; any other value (100,000 names, a mapping, 10 KB of text) is as if absent."""
    architectures = config.get("architectures")
    listed = architectures if isinstance(architectures, list) else []
    names = ""
    if 0 < len(listed) <= MAX_ARCHITECTURES and all(map(_is_short_name, listed)):
        names = ", ".join(listed)
    model_type = config.get("model_type")
    model_type = model_type if _is_short_name(model_type) else ""
    if names and model_type:
        return f"{names}{_MODEL_TYPE}{model_type})"
    return names or (f"model_type {model_type}" if model_type else "model configuration")


def _is_short_name(value: object) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_NAME_CHARS
        and not CONTROL_CHARACTERS.search(value)
    )


def architecture_classes(name: str) -> str:
    """The classes an `architecture_name` names ("" when it names none: a model type alone)."""
    if name.startswith("model_type ") or name == "model configuration":
        return ""
    return name.split(_MODEL_TYPE, 1)[0]
