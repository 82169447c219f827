"""Manifests in the Model Openness Tool's model-file format, built per test in tmp_path."""

from __future__ import annotations

from pathlib import Path

import yaml

LICENCE_BY_TYPE = {"code": "Apache-2.0", "data": "CC-BY-4.0", "document": "CC-BY-4.0"}

COMPONENTS = {  # name → content type, the 17 MOF components
    "Model architecture": "code",
    "Data preprocessing code": "code",
    "Training code": "code",
    "Inference code": "code",
    "Evaluation code": "code",
    "Supporting libraries and tools": "code",
    "Model parameters (Final)": "data",
    "Model parameters (Intermediate)": "data",
    "Datasets": "data",
    "Evaluation data": "data",
    "Model metadata": "data",
    "Sample model outputs": "document",
    "Model card": "document",
    "Data card": "document",
    "Technical report": "document",
    "Research paper": "document",
    "Evaluation results": "document",
}

DATA_INFORMATION = {
    "training_data_description": "The Pile, documented in its datasheet.",
    "public_data_sources": {"text": "The Pile", "url": "https://pile.eleuther.ai/"},
    "third_party_data_sources": "none",
    "unshareable_data_description": "none",
}


def open_release(
    *,
    drop: tuple[str, ...] = (),
    licences: dict[str, str] | None = None,
    data_information: bool = True,
) -> dict[str, object]:
    """A fully open release (OSAID conformant, MOF Class I), minus `drop`, licences overridden."""
    chosen = licences or {}
    components = [
        {"name": name, "license": chosen.get(name, LICENCE_BY_TYPE[kind])}
        for name, kind in COMPONENTS.items()
        if name not in drop
    ]
    release: dict[str, object] = {
        "name": "Gate-Test-1B",
        "version": "1B",
        "producer": "osai tests",
        "license": {"distribution": {"name": "Apache-2.0"}},
        "components": components,
    }
    if data_information:
        release["data_information"] = dict(DATA_INFORMATION)
    return {
        "framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
        "release": release,
    }


def write_manifest(path: Path, document: dict[str, object]) -> Path:
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path
