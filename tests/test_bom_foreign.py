"""AI BOMs other tools write, in the shapes they write them: told apart from a manifest, and the
model they describe picked as its author means it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from test_bom import FIXTURE, report_of

from osai.sources.bom_sniff import SNIFF_BYTES, bom_format
from osai.targets import kind_of


def _library(number: int) -> dict[str, Any]:
    ref = f"pkg:pypi/library-{number}@1.0"
    return {"bom-ref": ref, "licenses": [{"license": {"id": "MIT"}}], "name": f"library-{number}",
            "purl": ref, "type": "library"}  # fmt: skip


def test_a_large_bom_whose_format_comes_last_is_a_bom(tmp_path: Path) -> None:
    """cyclonedx-python-lib (and so OWASP's AIBOM Generator, the fixture) writes `bomFormat`
    after the components: a BOM of a few hundred components has it past the first 64 KiB, and
    was read as a manifest ('framework: missing (required)', a line for each BOM key)."""
    bom = json.loads(FIXTURE.read_text())
    model = bom["components"][0]
    libraries = [_library(number) for number in range(400)]
    bom["components"] += libraries
    refs = [library["bom-ref"] for library in libraries]
    bom["dependencies"] = [{"ref": model["bom-ref"], "dependsOn": refs}]
    path = tmp_path / "aibom.json"
    path.write_text(json.dumps(bom, indent=2))
    assert path.read_text().index('"bomFormat"') > SNIFF_BYTES  # as the library orders it
    assert kind_of(str(path)) == "bom"
    (target,) = report_of(str(path))["targets"]
    components = {c["id"]: c for c in target["components"]}
    assert (target["name"], components["supporting-libraries"]["licence"]["text"]) == (
        "google-t5/t5-base",
        "MIT",
    )


def test_a_json_object_is_sniffed_to_its_end_in_linear_time(tmp_path: Path) -> None:
    """Read to its end, a file is matched against every format's mark: an SPDX 3 `@context`
    list was matched as a run to the next `]`, tried again at every "@context", seconds for
    64 KiB of lists never closed (quadratic in the file's size)."""
    path = tmp_path / "lists.json"
    path.write_bytes(b"{" + b'"@context": [' * (4 * SNIFF_BYTES // 13))
    started = time.monotonic()
    assert bom_format(path) == ""
    assert time.monotonic() - started < 1
