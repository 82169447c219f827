"""`osai init DIR`: a manifest scaffolded from what osai detects in a model directory.

The manifest is a Model Openness Framework model file with osai's extensions.  Every fact the
release states (detected in it, or declared in a manifest already there) is filled in, with a
comment saying how it was found; every fact osai could not detect, or only inferred, is an
explicit, commented placeholder saying what to declare or confirm.  So checking the directory
right after `osai init` changes no verdict: a draft never states what nobody stated.

Pure: `render_manifest` turns a Release into text, `manifest_path` decides where it goes; the
CLI reads the directory and writes the file.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from osai import __version__
from osai.errors import BadInput, RulesError
from osai.evidence import Certainty, ComponentEvidence, Fact, Presence, Provenance, Release
from osai.rules import Component, RuleSet
from osai.schemas import load_schema

MANIFEST_NAME = "osai.yaml"
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/+()-]*")
_URL = re.compile(r"https?://[^\s)\]>'\"]+")
_REFERENCE = re.compile(
    r"://|\b10\.\d{4,9}/\S|\barxiv:|^(?:[\w-]+: )?[\w.-]+/[\w.-]+$", re.IGNORECASE
)


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
    from osai.targets import ReadOptions, read_target

    release: Release = read_target(str(directory), rules, ReadOptions())
    return render_manifest(release, rules, today)


def render_manifest(release: Release, rules: RuleSet, today: datetime.date) -> str:
    lines = [
        *_header(release, today),
        *_framework(rules),
        "release:",
        *_identity(release),
        *_licence_block(),
        *_fact_block(release, rules, "data_information"),
        *_fact_block(release, rules, "declarations"),
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
        "# with osai's extensions (release.data_information, release.declarations,",
        "# components[].evidence).",
        f"# Written by `osai init` (osai {__version__}) on {today.isoformat()}",
        f"# from {_comment(where)}.",
        "#",
        "# Uncommented values are stated by the release (detected in it, or declared in its",
        "# manifest).  Each `?  — ` comment is a fact osai could not detect, or only inferred",
        "# (it says why): declare or confirm it (uncomment the line and fill it in) or leave it",
        "# commented.  Nothing commented counts.",
        "# While `unlisted_components: unknown` stays, a component that is not listed is",
        "# undeclared.  Once the list is complete, delete that line: then, as in every MOF",
        "# model file, a required component that is not listed counts as NOT RELEASED.",
        "# Then: osai check <model directory> (which reads osai.yaml there together with",
        "# what it detects), or osai check <this file>.",
    ]


def _framework(rules: RuleSet) -> list[str]:
    """The `framework:` block: the model-file format a framework file declares (the MOF's)."""
    formats = [f.model_file for f in rules.frameworks.values() if f.model_file is not None]
    if not formats:
        raise RulesError("no framework declares a model_file: osai init has no format to write")
    model_file = formats[0]
    return [
        "framework:",
        f"  name: {_scalar(model_file.name)}",
        f"  version: '{model_file.version}'",
        f"  date: '{model_file.date}'",
    ]


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


_BLOCK_TITLES = {
    "data_information": "the OSAID data-information items",
    "declarations": "what the provider declares (EU AI Act exemption, EOSAI grades)",
}


def _fact_block(release: Release, rules: RuleSet, block: str) -> list[str]:
    """One block of facts (release.data_information, release.declarations), each as a line."""
    facts = {
        key: release.facts.get(key) for key, kind in rules.facts.items() if kind.block == block
    }
    stated = any(fact is not None and _stated(fact.provenance) for fact in facts.values())
    prefix = "" if stated else "# "
    lines = [f"  {prefix}{block}:  # osai extension: {_BLOCK_TITLES.get(block, block)}"]
    for key, fact in facts.items():
        kind = rules.facts[key]
        hint = kind.description
        if kind.type == "category":
            hint = f"one of {', '.join(kind.values)}. {hint}"
        lines.append(_fact_line(key, fact, hint))
    return lines


def _fact_line(key: str, fact: Fact | None, hint: str) -> str:
    if fact is None:
        return f"  #   {key}: ?  — {hint}"
    value = _scalar(fact.value) if fact.provided else "false"
    if not _stated(fact.provenance):
        return f"  #   {key}: {value}  # {_unconfirmed(fact.provenance)}"
    return f"    {key}: {value}  # {_label(fact.provenance)}: {_how(fact.provenance)}"


def _component(component: Component, evidence: ComponentEvidence) -> list[str]:
    """A listed entry only for what the release itself shows, with a licence stated for it.

    Anything less (a component only inferred, or one whose licence is unknown or inferred) is a
    commented-out entry: unlisted, it reads back as undeclared, so the draft changes no verdict
    until the publisher confirms it.  (Listed with no licence it would read as "no licence".)
    """
    if evidence.presence is Presence.ABSENT:
        return [f"    # {component.name}: not released (detected: {_how_all(evidence)})"]
    if evidence.presence is Presence.UNKNOWN:
        return _unknown_entry(component, evidence)
    if _confirmed(evidence):
        return _listed_entry(component, evidence)
    return _unconfirmed_entry(component, evidence)


def _confirmed(evidence: ComponentEvidence) -> bool:
    """The release shows the component (not only an inference) and a licence is stated for it."""
    seen = any(_stated(p) for p in evidence.provenance)
    licence = evidence.licence
    return seen and licence is not None and _stated(licence.provenance)


def _listed_entry(component: Component, evidence: ComponentEvidence) -> list[str]:
    licence = evidence.licence
    assert licence is not None  # _confirmed
    seen = _label(evidence.provenance[0])
    lines = [f"    - name: {_scalar(component.name)}  # {seen}: {_how_all(evidence)}"]
    if licence.text.strip():
        how = f"{_label(licence.provenance)}: {_how(licence.provenance)}"
        lines.append(f"      license: {_scalar(licence.text)}  # {how}")
    else:
        lines.append(f"      license: ''  # no licence: {_how(licence.provenance)}")
    return [*lines, *_where_entry(evidence, "      ")]


def _unconfirmed_entry(component: Component, evidence: ComponentEvidence) -> list[str]:
    what = _lower_first(component.name)
    seen = "detected" if any(_stated(p) for p in evidence.provenance) else "inferred"
    lines = [f"    # - name: {_scalar(component.name)}  # {seen}: {_how_all(evidence)}"]
    licence = evidence.licence
    if licence is not None and licence.text.strip():
        lines.append(
            f"    #   license: {_scalar(licence.text)}  # {_unconfirmed(licence.provenance)}"
        )
    else:
        lines.append(
            f"    #   license: ?  — declare the {what}'s licence (SPDX id), then uncomment "
            "this entry"
        )
    return [*lines, *_where_entry(evidence, "    #   ")]


def _unknown_entry(component: Component, evidence: ComponentEvidence) -> list[str]:
    what = _lower_first(component.name)
    lines = [
        f"    # - name: {_scalar(component.name)}",
        f"    #   license: ?  — not detected: if you release the {what}, uncomment this entry",
        "    #     and declare its licence (SPDX id)",
    ]
    if evidence.licence is not None and evidence.licence.text.strip():
        lines.append(
            f"    #     (osai infers {_comment(evidence.licence.text)}: "
            f"{_how(evidence.licence.provenance)})"
        )
    return lines


def _where_entry(evidence: ComponentEvidence, indent: str) -> list[str]:
    """`component_path` from a file of the release; `evidence.url` from a link."""
    lines = []
    path = _component_path(evidence)
    if path:
        lines.append(f"{indent}component_path: {_scalar(path)}")
    values = [evidence.location, *(p.value for p in evidence.provenance)]
    url = next((u for value in values for u in _URL.findall(value)), "")
    if url:
        lines.append(f"{indent}evidence: {{url: {_scalar(url)}}}")
    return lines


def _component_path(evidence: ComponentEvidence) -> str:
    """The component's own file: its location, when a provenance there saw the component itself
    (detected, not inferred) rather than a reference to it (a URL, DOI, arXiv or Hub id)."""
    at_location = [p for p in evidence.provenance if p.location == evidence.location]
    if not evidence.location or any(_REFERENCE.search(p.value) for p in at_location):
        return ""
    return evidence.location if any(_stated(p) for p in at_location) else ""


def _stated(provenance: Provenance) -> bool:
    """Declared or detected: what the release states, as opposed to osai's inference."""
    return provenance.certainty is not Certainty.INFERRED


def _label(provenance: Provenance) -> str:
    """How a stated fact is known: "declared" (in a manifest), "assessed" (by a public
    assessment) or "detected" (in the release)."""
    if provenance.certainty is Certainty.INFERRED:
        return "detected"  # only stated facts are labelled; an inference is marked elsewhere
    return provenance.certainty.value


def _unconfirmed(provenance: Provenance) -> str:
    """A comment on an inferred value: the placeholder mark, and why osai inferred it."""
    return f"?  — inferred, not stated ({_how(provenance)}): confirm it, then uncomment"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


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
