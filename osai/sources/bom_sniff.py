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
# SPDX's JSON-LD of a version osai does not read (3.0.1 over http, a 4.0): a BOM all the same,
# which the reader refuses in one line naming its context (read as a manifest, it was refused a
# line for each of its keys, none saying what it is)
SPDX_OTHER = "SPDX JSON-LD of another version"
_SPDX_OTHER = re.compile(rb'"@context"\s*:\s*(\[\s*(?:"[^"]*"\s*,\s*)*)?"https?://spdx\.org/rdf/')


_FORMATS = (
    ("CycloneDX", _CYCLONEDX),
    ("SPDX 3", _SPDX3),
    ("SPDX 2", _SPDX2),
    (SPDX_OTHER, _SPDX_OTHER),
)
# Those osai reads as evidence (SPDX 2 has no AI profile), in the words a person reads them in
READ_FORMATS = {"CycloneDX": "CycloneDX JSON", "SPDX 3": "SPDX 3 JSON-LD"}

# The same formats serialised otherwise, which osai does not read: told apart so that one line
# says so (as a manifest, each was refused a line for each of its keys, or as "not a mapping").
# The root element's attributes are looked at up to a bound: `<bom` again and again, never
# closed, is no slow match.
CYCLONEDX_XML = "CycloneDX XML"
SPDX_TAG_VALUE = "SPDX 2 tag-value"
_CYCLONEDX_XML = re.compile(
    rb'<(\w+:)?bom\b[^>]{0,2000}?\bxmlns(:\w+)?\s*=\s*["\']http://cyclonedx\.org/schema/bom/'
)
_SPDX_TAG_VALUE = re.compile(rb"^SPDXVersion:[ \t]*SPDX-", re.MULTILINE)
# A JSON array holding BOMs (a tool's list of them, BOMs pasted together), which no BOM format
# is: "CycloneDX in a JSON array".  As a manifest, it was refused as "expected a YAML mapping
# (framework:, release:), found a list", which names none of what it is.
IN_A_JSON_ARRAY = " in a JSON array"


def is_bom(path: Path) -> bool:
    """Whether a file looks like a CycloneDX or SPDX document (by its first bytes)."""
    return bool(bom_format(path))


def bom_format(path: Path, *, whole: bool = True) -> str:
    """The BOM format a file looks like (by its first bytes): "CycloneDX", "SPDX 3", "SPDX 2",
    SPDX_OTHER, CYCLONEDX_XML, SPDX_TAG_VALUE or one of those in a JSON array (IN_A_JSON_ARRAY:
    which osai does not read), or "" for none.  `whole`
    False: from its first bytes alone, which tell the serialisations osai does not read (the
    BOM reader's question, once the target is known to be a BOM: a JSON object whose mark
    comes late was read to 8 MB again)."""
    if not path.is_file():  # never open a FIFO or device just to look at it
        return ""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
            start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
            if start.startswith(b"<"):
                return CYCLONEDX_XML if _CYCLONEDX_XML.search(head) else ""
            if start.startswith(b"["):
                found = _format(head)
                return found + IN_A_JSON_ARRAY if found else ""
            if not start.startswith(b"{"):
                return SPDX_TAG_VALUE if _SPDX_TAG_VALUE.search(head) else ""
            found = _format(head)
            if whole and not found and len(head) == SNIFF_BYTES:
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
