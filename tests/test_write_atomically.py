"""Files osai writes into caches it shares (HF_HOME with huggingface_hub, OSAI_CACHE_DIR) get
the permissions any other new file gets: 0666 less the umask.  mkstemp's 0600 made every Hub
blob osai fetched unreadable to the rest of a group that shares the cache (umask 002)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from osai.paths import created_mode, write_atomically


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Sets the process's umask for one test (and forgets the one osai read), then restores it."""
    saved = os.umask(0o022)
    os.umask(saved)

    def set_mask(mask: int) -> None:
        os.umask(mask)
        created_mode.cache_clear()

    yield set_mask
    os.umask(saved)
    created_mode.cache_clear()


@pytest.mark.parametrize(("mask", "expected"), [(0o002, 0o664), (0o022, 0o644), (0o077, 0o600)])
def test_a_new_file_has_the_permissions_the_umask_gives(
    tmp_path: Path, umask: Callable[[int], None], mask: int, expected: int
) -> None:
    umask(mask)
    target = tmp_path / "blobs" / "abc"
    write_atomically(target, b"weights")
    assert stat.S_IMODE(target.stat().st_mode) == expected
    assert target.read_bytes() == b"weights"
    assert [p.name for p in target.parent.iterdir()] == ["abc"]  # no scratch file left


def test_a_mode_asked_for_is_kept_whatever_the_umask(
    tmp_path: Path, umask: Callable[[int], None]
) -> None:
    """Shipped package data (the public-assessment snapshots) is world-readable."""
    umask(0o077)
    target = tmp_path / "snapshot.json.gz"
    write_atomically(target, b"{}", mode=0o644)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
