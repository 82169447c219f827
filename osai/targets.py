"""What a target names (manifest, card, directory, Hub repository); reading it into a Release.

A manifest is read as it is (osai.sources.manifest).  Anything else is a repository: its backend
(osai.backends) is driven through the one pipeline (osai.pipeline), secrets are removed from what
it says, and a manifest the user names with `--manifest` is merged in last.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from osai.backends import Backend
from osai.errors import BadInput
from osai.evidence import Release
from osai.rules import RuleSet

_FILE_SUFFIXES = {".yml", ".yaml", ".json", ".md", ".txt"}


@dataclass(frozen=True)
class ReadOptions:
    """What the command line passes down to sources."""

    manifest: Path | None = None
    hub: Any = None  # osai.backends.hub.HubOptions, built lazily so manifests never import it


def kind_of(target: str) -> str:
    """manifest | card | bom | directory | hub — or BadInput when the target names nothing."""
    if not target.strip():
        raise BadInput("an empty target names nothing (is a variable unset?)")
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
    from osai.backends.hub.target import parse_hub_target

    return parse_hub_target(target) is not None


def read_target(target: str, rules: RuleSet, options: ReadOptions) -> Release:
    kind = kind_of(target)
    if kind == "manifest":
        from osai.sources.manifest import read_manifest

        return read_manifest(Path(target), rules)
    if kind == "bom":
        from osai.sources.bom import read_bom

        return read_bom(Path(target), rules)
    from osai.pipeline import release_of
    from osai.redaction import redacted_release

    backend, secrets = _backend(kind, target, rules, options)
    release = redacted_release(release_of(backend, rules), secrets)
    return _with_manifest(release, rules, options)


def _backend(
    kind: str, target: str, rules: RuleSet, options: ReadOptions
) -> tuple[Backend, tuple[str, ...]]:
    if kind == "card":
        from osai.backends.local import LocalCard

        return LocalCard(Path(target), rules.detection), ()
    if kind == "directory":
        from osai.backends.local import LocalDirectory, existing_directory

        return LocalDirectory(existing_directory(Path(target)), target, rules.detection), ()
    return _hub_backend(target, rules, options)


def _hub_backend(
    target: str, rules: RuleSet, options: ReadOptions
) -> tuple[Backend, tuple[str, ...]]:
    from osai.backends.hub import HubOptions, parse_hub_revision, parse_hub_target
    from osai.backends.hub.source import HubRepository

    repo_id = parse_hub_target(target)
    if repo_id is None:
        raise BadInput(f"{target}: not a Hugging Face Hub model id (expected org/name)")
    hub_options: HubOptions = options.hub if options.hub is not None else HubOptions()
    if hub_options.revision is None and (revision := parse_hub_revision(target)):
        hub_options = replace(hub_options, revision=revision)
    backend = HubRepository.open(repo_id, hub_options, rules.detection.limits.max_read_bytes)
    return backend, backend.call.secrets


def _with_manifest(release: Release, rules: RuleSet, options: ReadOptions) -> Release:
    if options.manifest is None:
        return release
    from osai.sources.manifest import read_manifest
    from osai.sources.merge import merge_releases

    return merge_releases(read_manifest(options.manifest, rules), release, rules)
