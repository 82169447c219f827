"""Where a local directory's symlinked files may lead and still be read (or hashed).

A symlinked file is read only if it resolves inside the directory checked: a hostile tree's
README.md -> ~/.ssh/id_rsa must not land in a report.  One layout is the exception: a Hugging
Face cache snapshot, `<cache>/models--ORG--NAME/snapshots/<rev>/`, the path huggingface_hub's
snapshot_download returns.  Every file there is a symlink to `../../blobs/<hash>` of the same
cache repository, so read as any other directory it showed nothing at all.  For that layout
alone, a target inside the repository's own `blobs/` (a real directory, not a symlink, beside
`snapshots/`) is read as the directory's own; nothing else outside ever is.

A name that is not UTF-8 (bytes of another system's encoding) is listed with U+FFFD for each
byte that cannot be read, as a report must carry it; `disk_path` finds such a file again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from osai.hubrefs import COMMIT, is_model_id
from osai.textsafe import without_surrogates

_SNAPSHOTS = "snapshots"  # huggingface_hub's cache: <repo>/snapshots/<rev>/ -> <repo>/blobs/
_BLOBS = "blobs"
_MODELS = "models--"  # a model's cache repository: models--org--name
# The cache repositories of what is no model: the Hub's prefix of each one's page (and id)
_NOT_MODELS = {"datasets--": "datasets", "spaces--": "spaces"}
_REPLACED = "\ufffd"  # what a listed name holds for each byte that is not UTF-8


@dataclass(frozen=True)
class Inside:
    """The real directories a file of the checked directory may resolve into."""

    roots: tuple[str, ...]

    def holds(self, path: Path | str) -> bool:
        real = os.path.realpath(path)
        return any(real == root or real.startswith(root + os.sep) for root in self.roots)


def inside(root: Path) -> Inside:
    """The checked directory, and its cache repository's blobs when it is a cache snapshot."""
    real_root = os.path.realpath(root)
    repository = _cache_repository(real_root)
    if repository is None:
        return Inside((real_root,))
    return Inside((real_root, os.path.join(repository, _BLOBS)))


@dataclass(frozen=True)
class CachedModel:
    """The repository a cache snapshot (`models--org--name/snapshots/<commit>`) holds, as its
    path names it: its name (org/name), its commit, and its Hub id."""

    name: str
    commit: str  # "" when the folder is not named by a commit's hash (`folder` says what it is)
    # The name, when the folder is one huggingface_hub writes for a Hub id (`/` as `--`, which no
    # Hub id holds) and a model can have that id (`datasets--x` names a dataset's page); ""
    # otherwise.  A folder's name is anyone's text
    # (`models--a----b`, `models--x--y--z`, bytes that are not UTF-8): it is shown as the model's
    # name, but taken as a Hub id (matched with public assessments, rules/links.yaml) only then.
    hub_id: str = ""
    folder: str = ""  # the snapshot's folder name, as listed
    # "datasets" or "spaces" for the snapshot of a dataset or a Space (`datasets--org--name`),
    # no model: its name is then the Hub's path of it (`datasets/org/name`), never a Hub id
    not_a_model: str = ""

    @property
    def renamed(self) -> bool:
        """The snapshot's folder is not named by a commit's hash (someone renamed or made it)."""
        return not self.commit


def cached_model(root: Path) -> CachedModel | None:
    """The repository a cache snapshot holds: its report names it, not the commit's hash (None:
    any other directory).  A dataset's or a Space's snapshot was named by the hash alone, and
    taken for the user's own folder: `osai init` wrote its draft into the cache."""
    real_root = os.path.realpath(root)
    repository = _cache_repository(real_root)
    folder = os.path.basename(repository or "")
    prefix = next((p for p in (_MODELS, *_NOT_MODELS) if folder.startswith(p)), None)
    if prefix is None:
        return None
    named = folder[len(prefix) :]
    model = "/".join(part for part in named.split("--") if part)
    if not model:
        return None
    written = named.replace("--", "/")
    # A folder named otherwise (`snapshots/main`, anyone's text) names no commit: taken for one,
    # it was the report's "@ main" and JSON's `revision`, which is always a commit.
    snapshot = os.path.basename(real_root)
    commit = snapshot if COMMIT.fullmatch(snapshot) else ""
    if prefix != _MODELS:
        kind = _NOT_MODELS[prefix]
        return CachedModel(f"{kind}/{model}", commit, "", listed_name(snapshot), kind)
    hub_id = written if is_model_id(written) else ""
    return CachedModel(model, commit, hub_id, listed_name(snapshot))


_UNFINISHED = ".incomplete"  # huggingface_hub's suffix for a blob still downloading


def unfinished_downloads(root: Path) -> int:
    """How many downloads the cache repository of a snapshot directory holds unfinished
    (`blobs/*.incomplete`): a file of the model whose download was cut short is not in the
    snapshot, and nothing said so.  0 for any other directory, or when blobs/ cannot be read."""
    repository = _cache_repository(os.path.realpath(root))
    if repository is None:
        return 0
    try:
        with os.scandir(os.path.join(repository, _BLOBS)) as entries:
            return sum(1 for entry in entries if entry.name.endswith(_UNFINISHED))
    except OSError:
        return 0


# What huggingface_hub leaves in a cache it has downloaded into (hub/), beside the repositories.
_CACHE_MARKS = ("CACHEDIR.TAG", ".locks")
_HUB = "hub"  # the cache's folder in HF_HOME: HF_HUB_CACHE defaults to $HF_HOME/hub


@dataclass(frozen=True)
class CacheFolder:
    """A folder of huggingface_hub's cache above a model's snapshot (no model's directory: its
    card lies deeper): which folder it is, and the snapshots under it, as paths from it."""

    # models--org--name, its snapshots/, hub/, or the folder holding hub/ (HF_HOME)
    folder: Literal["repository", "snapshots", "cache", "home"]
    snapshots: tuple[str, ...]


def cache_folder(root: Path) -> CacheFolder | None:
    """When the directory is a Hugging Face cache repository itself (`models--org--name`, with
    its blobs/ and snapshots/: the folder `ls` shows in the cache), its `snapshots/` folder, or
    the cache (`hub/`, marked by huggingface_hub's CACHEDIR.TAG or .locks/, holding such
    repositories), the folder above it (HF_HOME, `~/.cache/huggingface`, holding `hub/`), the
    snapshots where the models are, sorted; else None."""
    real_root = os.path.realpath(root)
    if _is_cache_repository(real_root):
        return _some_snapshots("repository", real_root, f"{_SNAPSHOTS}/")
    parent = os.path.dirname(real_root)
    if os.path.basename(real_root) == _SNAPSHOTS and _is_cache_repository(parent):
        return _some_snapshots("snapshots", parent, "")
    if _is_cache(real_root):
        snapshots = _cached_snapshots(real_root, "")
        return CacheFolder("cache", snapshots) if snapshots else None
    # hub/ may be a link (the cache kept on another disk): its snapshots are still under hub/
    hub = os.path.join(real_root, _HUB)
    if _is_cache(hub):
        snapshots = _cached_snapshots(hub, f"{_HUB}/")
        return CacheFolder("home", snapshots) if snapshots else None
    return None


def _is_cache(real_folder: str) -> bool:
    return any(os.path.lexists(os.path.join(real_folder, mark)) for mark in _CACHE_MARKS)


def _cached_snapshots(real_cache: str, prefix: str) -> tuple[str, ...]:
    """The snapshots of the cache's repositories, as paths from the folder checked.  A
    repository that is a symlink (huggingface_hub never makes one) leads anywhere: its
    snapshots, outside the cache and never walked, were named as ones to check."""
    return tuple(
        f"{prefix}{repository}/{snapshot}"
        for repository in _sorted_entries(real_cache)
        if not os.path.islink(os.path.join(real_cache, repository))
        and _is_cache_repository(os.path.join(real_cache, repository))
        for snapshot in _snapshots(os.path.join(real_cache, repository), f"{_SNAPSHOTS}/")
    )


def _some_snapshots(
    folder: Literal["repository", "snapshots"], real_repository: str, prefix: str
) -> CacheFolder | None:
    snapshots = _snapshots(real_repository, prefix)
    return CacheFolder(folder, snapshots) if snapshots else None


def _is_cache_repository(real_path: str) -> bool:
    """A model's repository of the cache: `models--…` holding blobs/ and snapshots/, neither a
    symlink (huggingface_hub makes neither one): a linked snapshots/ had the folders where it
    led, outside the cache, named as snapshots to check."""
    return os.path.basename(real_path).startswith(_MODELS) and all(
        os.path.isdir(os.path.join(real_path, name))
        and not os.path.islink(os.path.join(real_path, name))
        for name in (_BLOBS, _SNAPSHOTS)
    )


def _snapshots(real_repository: str, prefix: str) -> tuple[str, ...]:
    folder = os.path.join(real_repository, _SNAPSHOTS)
    return tuple(
        f"{prefix}{listed_name(name)}"
        for name in _sorted_entries(folder)
        if os.path.isdir(os.path.join(folder, name))
        and not os.path.islink(os.path.join(folder, name))
    )


def _sorted_entries(folder: str) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entry.name for entry in entries)
    except OSError:
        return []


def _cache_repository(real_root: str) -> str | None:
    """The cache repository a snapshot directory is of (`<repo>/snapshots/<rev>`, with its
    `<repo>/blobs/`), or None."""
    snapshots = os.path.dirname(real_root)
    if os.path.basename(snapshots) != _SNAPSHOTS:
        return None
    repository = os.path.dirname(snapshots)
    blobs = os.path.join(repository, _BLOBS)
    # A blobs/ that is itself a symlink could lead anywhere: not the cache's own store.
    if os.path.realpath(blobs) != blobs or not os.path.isdir(blobs):
        return None
    return repository


def listed_name(name: str) -> str:
    """A file name as the listing holds it: bytes that are not UTF-8 (a lone surrogate each, as
    Python decodes them) made U+FFFD; a report could not carry them (exit 70)."""
    return without_surrogates(name)


def disk_path(root: Path, rel: str) -> Path:
    """Where a listed path lies: a part holding U+FFFD is looked up again among its directory's
    names (the first, sorted, that lists as it)."""
    if _REPLACED not in rel:
        return root / rel
    place = root
    for part in rel.split("/"):
        place = place / (_named(place, part) if _REPLACED in part else part)
    return place


def _named(directory: Path, shown: str) -> str:
    try:
        with os.scandir(directory) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError:
        return shown  # not found here: reading it says why
    return next((name for name in names if listed_name(name) == shown), shown)
