"""A weights file a BOM lists without a usable SHA-256 (an MD5 alone, a value that is no digest)
is said, not dropped: its report notes it, and the BOM osai writes of it states it unstated
(osai:digests:unstated:<path>), as osai says of a file whose digest it could not take.  A value
of a wrong type is refused, as the format's other wrong types are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import run_osai
from test_bom import FORMATS, extension_of, graph_of, properties, root_models
from test_bom_digests import findings_of, sharded_model, unstated, written

NAME = "model-00001-of-00002.safetensors"


def _spoilt(tmp_path: Path, read: str, hashes: list[dict[str, Any]]) -> Path:
    """A directory's BOM (`read`: its format), its first shard's hashes replaced."""
    sharded_model(tmp_path / "model")
    document = json.loads(written(tmp_path / "model", tmp_path)[read])
    if read == "cyclonedx":
        files = document["metadata"]["component"]["components"]
        next(f for f in files if f["name"] == NAME)["hashes"] = hashes
    else:
        graph = document["@graph"]
        shard = next(e for e in graph if e.get("name") == NAME and e["type"] == "software_File")
        shard["verifiedUsing"] = hashes
    path = tmp_path / f"spoilt.{read}.json"
    path.write_text(json.dumps(document))
    return path


UNUSABLE = {
    "cyclonedx-md5": ("cyclonedx", [{"alg": "MD5", "content": "0" * 32}], "no SHA-256"),
    "cyclonedx-no-digest": (
        "cyclonedx",
        [{"alg": "SHA-256", "content": "not-a-digest"}],
        "no digest",
    ),
    "spdx-md5": (
        "spdx",
        [{"type": "Hash", "algorithm": "md5", "hashValue": "0" * 32}],
        "no SHA-256",
    ),
}


@pytest.mark.parametrize("case", UNUSABLE, ids=list(UNUSABLE))
def test_a_file_without_a_usable_sha256_is_said_not_dropped(case: str, tmp_path: Path) -> None:
    read, hashes, why = UNUSABLE[case]
    path = _spoilt(tmp_path, read, hashes)
    boms = {form: tmp_path / f"again.{form}.json" for form in FORMATS}
    outputs = [f"-o{form}={bom}" for form, bom in boms.items()]
    result = run_osai("check", str(path), "--format", "json", *outputs)
    assert result.code == 0, result.stderr
    (note,) = [m for m in findings_of(result.stdout) if NAME in m]
    assert why in note
    cyclonedx = json.loads(boms["cyclonedx"].read_text())
    (said,) = unstated(properties(cyclonedx["metadata"]["component"])).items()
    assert said[0] == f"osai:digests:unstated:{NAME}" and why in said[1]
    graph = graph_of(boms["spdx"].read_text())
    (model,) = root_models(graph)
    assert f"osai:digests:unstated:{NAME}" in unstated(extension_of(graph[model]))


def test_a_digest_of_a_wrong_type_is_refused_in_one_line(tmp_path: Path) -> None:
    path = _spoilt(tmp_path, "cyclonedx", [{"alg": "SHA-256", "content": 5}])
    result = run_osai("check", str(path))
    assert result.code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "hashes[0].content" in line and "expected a string" in line


def test_files_without_a_usable_sha256_are_said_in_one_note_a_reason(tmp_path: Path) -> None:
    """A file a note: 3,000 files of an MD5 alone made 3,000 notes (a report of 250 KB from one
    of 5 KB).  One note a reason names the first files and how many more, as osai says of the
    files the Hub gives no SHA-256 of (textsafe.some_of)."""
    files = [
        {"type": "file", "name": f"shard-{i}.bin", "hashes": [{"alg": "MD5", "content": "0" * 32}]}
        for i in range(20)
    ]
    model = {"type": "machine-learning-model", "name": "m", "components": files}
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"component": model}}
    path = tmp_path / "files.cdx.json"
    path.write_text(json.dumps(bom))
    result = run_osai("check", str(path), "--format", "json")
    assert result.code == 0, result.stderr
    (note,) = [m for m in findings_of(result.stdout) if "shard-" in m]
    assert "shard-0.bin" in note and "+12 more" in note and "no SHA-256" in note
    # the BOM written of it: each file's property names that file alone (each named the same
    # eight files and "+12 more"), and read back, one note again
    again = run_osai("check", str(path), "--format", "cyclonedx")
    assert again.code == 0, again.stderr
    written = unstated(properties(json.loads(again.stdout)["metadata"]["component"]))
    assert written == {
        f"osai:digests:unstated:shard-{i}.bin": f"the BOM states no SHA-256 of shard-{i}.bin"
        for i in range(20)
    }
