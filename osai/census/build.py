"""Which osai judged a census verdict: its version and a digest of what judging reads (its code
and its rules), so that a run can tell a verdict this osai would give from one another gave.

A store outlives the osai that filled it.  Judged again at the same revision, a model skipped as
stored kept the verdict of whichever osai judged it first: after the lineage changed (a merge's
recipe, an adapter's config bind it to its base's licence), a merge of Llama 2 declaring
Apache-2.0, checked in full by the earlier osai, stayed "not demonstrated" in every later run,
and the report said it was judged "as `osai check` judges it", where `osai check` said "not
conformant".  The version alone does not tell them apart: it is the same from one commit to the
next, and a verdict changes with any of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from osai import __version__
from osai.paths import rules_dir

_PACKAGE = Path(__file__).resolve().parent.parent
DIGEST_CHARS = 12  # of the SHA-256: one build told from another, not a security check


@lru_cache(maxsize=1)
def osai_build() -> str:
    """This osai as its verdicts are stamped: `0.1.0+3f6023b9a1c4`, the version and the digest
    of every file of the package and of the rules it judges by (in a wheel, inside it)."""
    digest = hashlib.sha256()
    for root, path in _judging_files():
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:DIGEST_CHARS]}"


def _judging_files() -> Iterator[tuple[Path, Path]]:
    """Each file judging reads, with the folder it is named from, in one order: Python's byte
    code is left out (made from the sources, at its own times)."""
    rules = rules_dir()
    roots = (_PACKAGE,) if _PACKAGE in rules.parents else (_PACKAGE, rules)
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                yield root, path
