"""Whether a file is an AI BOM, told by its first bytes: every local target is asked, so this
stays apart from the BOM reader (osai.sources.bom), which a manifest never needs to import."""

from __future__ import annotations

import re
from pathlib import Path

SNIFF_BYTES = 64 * 1024
_CYCLONEDX = re.compile(rb'"bomFormat"\s*:\s*"CycloneDX"')
_SPDX3 = re.compile(rb'"@context"\s*:\s*(\[[^\]]*)?"https://spdx\.org/rdf/3\.')
_SPDX2 = re.compile(rb'"spdxVersion"\s*:\s*"SPDX-')


_FORMATS = (("CycloneDX", _CYCLONEDX), ("SPDX 3", _SPDX3), ("SPDX 2", _SPDX2))


def is_bom(path: Path) -> bool:
    """Whether a file looks like a CycloneDX or SPDX JSON document (by its first bytes)."""
    return bool(bom_format(path))


def bom_format(path: Path) -> str:
    """The BOM format a file looks like (by its first bytes): "CycloneDX", "SPDX 3", "SPDX 2",
    or "" for none."""
    if not path.is_file():  # never open a FIFO or device just to look at it
        return ""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return ""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return ""
    return next((name for name, pattern in _FORMATS if pattern.search(head)), "")
