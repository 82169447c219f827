"""What a target names (manifest, card, directory, Hub repository); reading it into a Release."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from osai.errors import BadInput
from osai.evidence import Release
from osai.rules import RuleSet

_FILE_SUFFIXES = {".yml", ".yaml", ".json", ".md", ".txt"}


@dataclass(frozen=True)
class ReadOptions:
    """What the command line passes down to sources."""

    manifest: Path | None = None
    hub: Any = None  # osai.sources.hub.HubOptions, built lazily so manifests never import it


def kind_of(target: str) -> str:
    """manifest | card | bom | directory | hub — or BadInput when the target names nothing."""
    path = Path(target)
    if path.is_dir():
        return "directory"
    if path.exists():
        if path.suffix.lower() == ".md":
            return "card"
        return "bom" if _is_bom(path) else "manifest"
    if path.suffix.lower() not in _FILE_SUFFIXES and _is_hub_target(target):
        return "hub"
    raise BadInput(f"{target}: no such file or directory, and not a Hugging Face model id")


def _is_bom(path: Path) -> bool:
    from osai.sources.bom import is_bom

    return is_bom(path)


def _is_hub_target(target: str) -> bool:
    from osai.sources.hub import parse_hub_target

    return parse_hub_target(target) is not None


def read_target(target: str, rules: RuleSet, options: ReadOptions) -> Release:
    kind = kind_of(target)
    if kind == "manifest":
        from osai.sources.manifest import read_manifest

        return read_manifest(Path(target), rules)
    if kind == "bom":
        from osai.sources.bom import read_bom

        return read_bom(Path(target), rules)
    if kind in ("card", "directory"):
        return _read_local(kind, target, rules, options)
    return _read_hub(target, rules, options)


def _read_local(kind: str, target: str, rules: RuleSet, options: ReadOptions) -> Release:
    import osai.sources.local as local

    if kind == "card":
        release: Release = local.read_card_file(Path(target), rules)
    else:
        release = local.read_directory(Path(target), rules)
    return _with_manifest(release, rules, options)


def _read_hub(target: str, rules: RuleSet, options: ReadOptions) -> Release:
    import osai.sources.hub as hub

    hub_options = options.hub if options.hub is not None else hub.HubOptions()
    release: Release = hub.read_hub(target, rules, hub_options)
    return _with_manifest(release, rules, options)


def _with_manifest(release: Release, rules: RuleSet, options: ReadOptions) -> Release:
    if options.manifest is None:
        return release
    from osai.sources.manifest import read_manifest
    from osai.sources.merge import merge_releases

    declared = read_manifest(options.manifest, rules)
    merged: Release = merge_releases(declared, release, rules)
    return merged
