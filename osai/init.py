"""`osai init DIR`: a manifest scaffolded from what osai detects in a model directory.

The manifest is a Model Openness Framework model file with osai's extensions.  Every detected fact
is filled in, with a comment saying how it was found; every fact osai could not detect is an
explicit, commented placeholder saying what to declare.  Pure: `render_manifest` turns a Release
into text, `manifest_path` decides where it goes; the CLI reads the directory and writes the file.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from osai import __version__
from osai.errors import BadInput
from osai.evidence import ComponentEvidence, Fact, Presence, Provenance, Release
from osai.rules import Component, RuleSet
from osai.schemas import load_schema

MANIFEST_NAME = "osai.yaml"
MOF_FRAMEWORK = ("Model Openness Framework", "1.0", "2024-12-15")
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/+()-]*")


def manifest_path(directory: Path, output: Path | None, *, force: bool) -> Path:
    """Where `osai init` writes: DIR/osai.yaml or --output; never over a file without --force."""
    if not directory.is_dir():
        raise BadInput(f"{directory}: not a directory")
    path = output if output is not None else directory / MANIFEST_NAME
    if path.is_dir():
        raise BadInput(f"{path}: is a directory; give a file name with --output")
    if path.exists() and not force:
        raise BadInput(f"{path}: already exists (use --force to overwrite it)")
    return path


def scaffold(directory: Path, rules: RuleSet, today: datetime.date) -> str:
    """Read a model directory and render its manifest."""
    from osai.sources.local import read_directory

    release: Release = read_directory(directory, rules)
    return render_manifest(release, rules, today)


def render_manifest(release: Release, rules: RuleSet, today: datetime.date) -> str:
    lines = [
        *_header(release, today),
        *_framework(),
        "release:",
        *_identity(release),
        *_licence_block(),
        *_data_information(release, rules),
    ]
    entries = [
        line
        for component in rules.components.values()
        for line in _component(component, release.component(component.id))
    ]
    lines.append(
        "  unlisted_components: unknown  # a draft: delete once every released component is listed"
    )
    if any(line.startswith("    - ") for line in entries):
        lines.append("  components:")
    else:
        lines.append("  components: []  # nothing detected: remove [] when you uncomment entries")
    return "\n".join([*lines, *entries]) + "\n"


def placeholder_count(text: str) -> int:
    """How many facts the scaffold leaves for the publisher to declare."""
    return sum(1 for line in text.splitlines() if re.search(r"#.*\?  — ", line))


# --- sections ------------------------------------------------------------------------------


def _header(release: Release, today: datetime.date) -> list[str]:
    where = release.target or release.name
    return [
        f"# osai manifest for {_comment(release.name)}: a Model Openness Framework model file,",
        "# with osai's extensions (release.data_information, components[].evidence).",
        f"# Written by `osai init` (osai {__version__}) on {today.isoformat()}",
        f"# from {_comment(where)}.",
        "#",
        "# Values below were detected; each `?  — ` comment is a fact osai could not detect:",
        "# declare it (uncomment the line and fill it in) or leave it commented.",
        "# While `unlisted_components: unknown` stays, a component that is not listed is",
        "# undeclared.  Once the list is complete, delete that line: then, as in every MOF",
        "# model file, a required component that is not listed counts as NOT RELEASED.",
        "# Then: osai check <model directory> (which reads osai.yaml there together with",
        "# what it detects), or osai check <this file>.",
    ]


def _framework() -> list[str]:
    name, version, date = MOF_FRAMEWORK
    return ["framework:", f"  name: {name}", f"  version: '{version}'", f"  date: '{date}'"]


def _identity(release: Release) -> Iterator[str]:
    yield f"  name: {_scalar(release.name)}"
    if release.version:
        yield f"  version: {_scalar(release.version)}"
    else:
        yield "  # version: ?  — declare the release's version (e.g. 7B, v1.0)"
    yield "  # date: ?  — declare the release date (YYYY-MM-DD)"
    for key in ("type", "architecture", "treatment"):
        choices = ", ".join(value for value in _enum(key) if value)
        yield f"  # {key}: ?  — declare one of: {choices}"
    if release.producer:
        yield f"  producer: {_scalar(release.producer)}"
    else:
        yield "  producer: ''  # ?  — declare who produced the model (organisation or person)"
    yield "  # repository: ?  — declare the URL of the code repository"
    yield "  # huggingface: ?  — declare the model's Hugging Face URL, if it is published there"
    if release.revision:
        yield f"  # detected revision: {_comment(release.revision)}"


def _enum(key: str) -> list[str]:
    properties = load_schema("manifest")["properties"]["release"]["properties"]
    return [str(value) for value in properties.get(key, {}).get("enum", [])]


def _licence_block() -> list[str]:
    return [
        "  license:",
        "    distribution:",
        "      name:  # ?  — declare the licence the release is distributed under (SPDX id);",
        "             # a listed component with no licence of its own inherits it",
    ]


def _data_information(release: Release, rules: RuleSet) -> list[str]:
    facts = {key: release.facts.get(key) for key in rules.facts}
    declared = any(fact is not None for fact in facts.values())
    prefix = "" if declared else "# "
    lines = [f"  {prefix}data_information:  # osai extension: the OSAID data-information items"]
    for key, fact in facts.items():
        lines.append(_fact_line(key, fact, rules.facts[key].description))
    return lines


def _fact_line(key: str, fact: Fact | None, hint: str) -> str:
    if fact is None:
        return f"  #   {key}: ?  — {hint}"
    value = _scalar(fact.value) if fact.provided else "false"
    return f"    {key}: {value}  # detected: {_how(fact.provenance)}"


def _component(component: Component, evidence: ComponentEvidence) -> list[str]:
    name = _scalar(component.name)
    what = component.name[:1].lower() + component.name[1:]
    if evidence.presence is Presence.ABSENT:
        return [f"    # {component.name}: not released (detected: {_how_all(evidence)})"]
    if evidence.presence is Presence.UNKNOWN:
        return [
            f"    # - name: {name}",
            f"    #   license: ?  — not detected: if you release the {what}, uncomment this entry",
            "    #     and declare its licence (SPDX id)",
        ]
    lines = [f"    - name: {name}  # detected: {_how_all(evidence)}"]
    if evidence.licence is not None and evidence.licence.text.strip():
        licence = evidence.licence
        lines.append(
            f"      license: {_scalar(licence.text)}  # detected: {_how(licence.provenance)}"
        )
    else:
        lines.append(f"      # license: ?  — declare the {what}'s licence (SPDX id)")
    if evidence.location:
        lines.append(f"      component_path: {_scalar(evidence.location)}")
    return lines


# --- text helpers --------------------------------------------------------------------------


def _how_all(evidence: ComponentEvidence) -> str:
    described = [_how(p) for p in evidence.provenance[:2]]
    return "; ".join(d for d in described if d) or "osai"


def _how(provenance: Provenance) -> str:
    where = provenance.location
    if provenance.line:
        where = f"{where}:{provenance.line}"
    detail = provenance.note or provenance.value
    return _comment(f"{where} {detail}".strip() if detail and detail != where else where)


def _comment(text: str) -> str:
    """Text safe on one comment line."""
    return " ".join(str(text).split())


def _scalar(text: str) -> str:
    """A YAML scalar for `text`: plain when that reads back as the same string, else quoted."""
    value = str(text)
    if _PLAIN.fullmatch(value) and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)
