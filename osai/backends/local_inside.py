"""Where a local directory's symlinked files may lead and still be read (or hashed).

A symlinked file is read only if it resolves inside the directory checked: a hostile tree's
README.md -> ~/.ssh/id_rsa must not land in a report.  One layout is the exception: a Hugging
Face cache snapshot, `<cache>/models--ORG--NAME/snapshots/<rev>/`, the path huggingface_hub's
snapshot_download returns.  Every file there is a symlink to `../../blobs/<hash>` of the same
cache repository, so read as any other directory it showed nothing at all.  For that layout
alone, a target inside the repository's own `blobs/` (a real directory, not a symlink, beside
`snapshots/`) is read as the directory's own; nothing else outside ever is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_SNAPSHOTS = "snapshots"  # huggingface_hub's cache: <repo>/snapshots/<rev>/ -> <repo>/blobs/
_BLOBS = "blobs"


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
    snapshots = os.path.dirname(real_root)
    if os.path.basename(snapshots) != _SNAPSHOTS:
        return Inside((real_root,))
    blobs = os.path.join(os.path.dirname(snapshots), _BLOBS)
    # A blobs/ that is itself a symlink could lead anywhere: not the cache's own store.
    if os.path.realpath(blobs) != blobs or not os.path.isdir(blobs):
        return Inside((real_root,))
    return Inside((real_root, blobs))
