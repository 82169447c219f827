"""Whether a file is an AI BOM, told by its first bytes (or, for a JSON object whose first bytes
do not say, by the rest): every local target is asked, so this stays apart from the BOM reader
(osai.sources.bom), which a manifest never needs to import."""

from __future__ import annotations

import re
from pathlib import Path

from osai.jsonsafe import MAX_JSON_BYTES

SNIFF_BYTES = 64 * 1024
_CYCLONEDX = re.compile(rb'"bomFormat"\s*:\s*"CycloneDX"')
# The context, or one string of a list of them (string by string: a run to the next `]`, tried
# at every "@context" of megabytes that never close one, took seconds)
_SPDX3 = re.compile(rb'"@context"\s*:\s*(\[\s*(?:"[^"]*"\s*,\s*)*)?"https://spdx\.org/rdf/3\.')
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
            if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
                return ""
            found = _format(head)
            if not found and len(head) == SNIFF_BYTES:
                # A JSON object's keys come in any order: cyclonedx-python-lib (so OWASP's AIBOM
                # Generator) writes bomFormat after the components, past the first bytes of a
                # BOM of many, which was then read as a manifest.  Up to the size a BOM is read
                # to: a larger file is refused as too large, whichever it is read as.
                found = _format(head + handle.read(MAX_JSON_BYTES + 1 - SNIFF_BYTES))
    except OSError:
        return ""
    return found


def _format(text: bytes) -> str:
    return next((name for name, pattern in _FORMATS if pattern.search(text)), "")
