"""Whether a file is an AI BOM, told by its first bytes: every local target is asked, so this
stays apart from the BOM reader (osai.sources.bom), which a manifest never needs to import."""

from __future__ import annotations

import re
from pathlib import Path

SNIFF_BYTES = 64 * 1024
_CYCLONEDX = re.compile(rb'"bomFormat"\s*:\s*"CycloneDX"')
_SPDX3 = re.compile(rb'"@context"\s*:\s*(\[[^\]]*)?"https://spdx\.org/rdf/3\.')
_SPDX2 = re.compile(rb'"spdxVersion"\s*:\s*"SPDX-')


def is_bom(path: Path) -> bool:
    """Whether a file looks like a CycloneDX or SPDX JSON document (by its first bytes)."""
    if not path.is_file():  # never open a FIFO or device just to look at it
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return False
    return any(pattern.search(head) for pattern in (_CYCLONEDX, _SPDX3, _SPDX2))
