"""A model config (config.json, or the host's parse of it): which library implements the
architecture, or whether the architecture's code ships with the model (``auto_map``)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from osai.detection import ArchitectureLibrary, DetectionRules
from osai.evidence import Certainty, Finding, FindingKind, LicenceFact, Presence, Provenance
from osai.extract.files import ListingScan, has_architecture_code
from osai.extract.observations import Observation
from osai.snapshot import RepoSnapshot

CONFIG_FILE = "config.json"


@dataclass(frozen=True)
class _Config:
    values: Mapping[str, Any]
    path: str  # the file it is, in the repository
    location: str  # where it was read: the file, or the host's field
    library_name: str | None  # the library the host says the model uses


def config_observations(
    snapshot: RepoSnapshot, scan: ListingScan, rules: DetectionRules
) -> tuple[tuple[Observation, ...], tuple[Finding, ...]]:
    """The architecture's evidence from the model config, unless modelling code was found."""
    if has_architecture_code(scan, rules.files):
        return (), ()
    config, findings = _config(snapshot, scan)
    if config is None:
        return (), findings
    library = rules.architecture_library(config.values, config.library_name)
    why = f"library_name {config.library_name}" if library and config.library_name else ""
    name = architecture_name(config.values)
    seen = Provenance(snapshot.source, config.location, name, Certainty.INFERRED, note=why)
    observations = tuple(_observations(rules.files.architecture, config, library, seen))
    return observations, findings


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
        where = Provenance(snapshot.source, path, certainty=Certainty.DETECTED)
        return None, (Finding(FindingKind.WARNING, f"{path}: {problem}", (where,)),)
    return _Config(values, path, path, None), ()


def _json_object(text: str) -> tuple[dict[str, Any] | None, str]:
    try:
        value = json.loads(text)
    except ValueError as exc:
        return None, f"not valid JSON ({exc})"
    except RecursionError:
        return None, "not valid JSON (nested too deeply)"
    if not isinstance(value, dict):
        return None, "not a JSON object"
    return value, ""


def _observations(
    architecture: str,
    config: _Config,
    library: ArchitectureLibrary | None,
    seen: Provenance,
) -> Iterator[Observation]:
    """What the config says of the architecture's code: it ships in a library (under the
    library's licence), or with the model (``auto_map``)."""
    if library is not None:
        licence_location = "library_name" if config.library_name else config.location
        yield _library_observation(architecture, library, seen, licence_location)
    elif "auto_map" in config.values:
        note = "auto_map: the architecture's code ships with the model"
        yield Observation(architecture, Presence.PRESENT, replace(seen, note=note), config.path)


def _library_observation(
    architecture: str, library: ArchitectureLibrary, seen: Provenance, licence_location: str
) -> Observation:
    ships = f"the architecture's code ships in the {library.library} library"
    provenance = replace(seen, note=f"{seen.note}: {ships}" if seen.note else ships)
    url = f" ({library.url})" if library.url else ""
    licence = LicenceFact(
        library.licence,
        replace(
            seen,
            location=licence_location,
            value=f"{library.library}: {library.licence}",
            note=f"the {library.library} library's licence{url}",
        ),
        inherited_from=f"the {library.library} library",
    )
    return Observation(architecture, Presence.PRESENT, provenance, None, licence)


def architecture_name(config: Mapping[str, Any]) -> str:
    """The architecture a model config names: its classes and model type."""
    architectures = config.get("architectures")
    names = ", ".join(str(a) for a in architectures) if isinstance(architectures, list) else ""
    model_type = config.get("model_type")
    if names and model_type:
        return f"{names} (model_type {model_type})"
    return names or (f"model_type {model_type}" if model_type else "model configuration")
