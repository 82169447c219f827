"""The weights' digests in both BOMs: CycloneDX `file` components of the model with `hashes`,
SPDX software_Files the AI package `contains`, each `verifiedUsing` a Hash.

Sought only when a BOM is written: from the Hub, its file metadata (each Git LFS file's SHA-256,
no weights downloaded); from a local directory, a Git LFS pointer's oid, else the file hashed (up
to rules/detection.yaml limits.max_hashed_bytes).  A BOM osai reads keeps them for the next.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, run_osai
from loopback_hub_repos import DEFAULT_FIXTURES_DIR, lfs_pointer
from test_bom import (
    FORMATS,
    cyclonedx_errors,
    extension_of,
    graph_of,
    properties,
    related,
    root_models,
    spdx_objects,
)

from osai.backends.local import LocalDirectory
from osai.backends.local_digests import local_digests
from osai.bommap import MAX_UNSTATED_WHY
from osai.evidence import FileDigest, FindingKind
from osai.pipeline import collect
from osai.rules import RuleSet, load_ruleset

T5 = "google-t5/t5-base"
# Weights the tests serve in Git LFS under t5-base's own file names (not t5's bytes: the digests
# must be the SHA-256 of what the Hub serves).
T5_WEIGHTS = {"model.safetensors": b"safetensors weights\n" * 64, "pytorch_model.bin": b"pt\n"}


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def model_files(bom: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """The model component's files, with their hashes (CycloneDX)."""
    model = bom["metadata"]["component"]
    return {
        file["name"]: [(h["alg"], h["content"]) for h in file["hashes"]]
        for file in model.get("components", [])
        if file["type"] == "file"
    }


def spdx_files(text: str) -> dict[str, list[tuple[str, str]]]:
    """The files the AI package contains, with the hashes they are verified by (SPDX)."""
    graph = graph_of(text)
    (package,) = root_models(graph)
    return {
        graph[file]["name"]: [
            (h["algorithm"], h["hashValue"]) for h in graph[file]["verifiedUsing"]
        ]
        for file in related(graph, package, "contains")
    }


def test_a_hub_model_s_boms_state_the_sha256_the_hub_gives_for_its_weights(
    hub: Any, tmp_path: Path
) -> None:
    """The Hub's file metadata (blobs=true) gives each Git LFS file's SHA-256: CycloneDX states
    it as a `file` component of the model with `hashes`, SPDX as a software_File the AI package
    contains, `verifiedUsing` a Hash; weights the Hub gives no digest for are not listed, and no
    weights are downloaded."""
    for name, content in T5_WEIGHTS.items():
        hub.add_file(T5, name, content, lfs=True)
    boms = {name: tmp_path / f"t5.{name}.json" for name in FORMATS}
    outputs = [f"-o{name}={path}" for name, path in boms.items()]
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", T5, "--format", "json", *outputs, env=env)
    assert result.code == 0, result.stderr
    expected = {name: [("SHA-256", sha256_of(content))] for name, content in T5_WEIGHTS.items()}
    cyclonedx = boms["cyclonedx"].read_text()
    assert cyclonedx_errors(cyclonedx) == []
    assert model_files(json.loads(cyclonedx)) == expected
    spdx = boms["spdx"].read_text()
    assert spdx_objects(spdx)
    assert spdx_files(spdx) == {
        name: [("sha256", sha256_of(content))] for name, content in T5_WEIGHTS.items()
    }
    (info,) = [r for r in hub.requests if r.path == f"/api/models/{T5}"]
    assert info.query == {"blobs": ["true"]}  # files_metadata=True, no expand
    assert not [r for r in hub.requests if r.path.endswith(tuple(T5_WEIGHTS))]


def test_lfs_metadata_that_is_no_sha256_is_not_written(hub: Any, tmp_path: Path) -> None:
    """A hostile or broken answer's `lfs.sha256` (not 64 lower-case hex digits) is no digest;
    the check goes on, and the other weights keep theirs."""
    fixture = json.loads((DEFAULT_FIXTURES_DIR / "google-t5__t5-base.json").read_text())
    broken = {"sha256": "0" * 63 + "G", "size": 3, "pointerSize": 130}
    fixture["siblings"] = [
        {**s, "lfs": broken} if s["rfilename"] == "pytorch_model.bin" else s
        for s in fixture["siblings"]
    ]
    hub.add_repo(fixture)
    content = T5_WEIGHTS["model.safetensors"]
    hub.add_file(T5, "model.safetensors", content, lfs=True)
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", T5, "--format", "cyclonedx", env=env)
    assert result.code == 0, result.stderr
    assert model_files(json.loads(result.stdout)) == {
        "model.safetensors": [("SHA-256", sha256_of(content))]
    }


def t5_with_lfs(hub: Any, path: str, lfs: object) -> None:
    """google-t5/t5-base, whose `path` the Hub's file metadata (blobs=true) gives this `lfs`."""
    fixture = json.loads((DEFAULT_FIXTURES_DIR / "google-t5__t5-base.json").read_text())
    fixture["siblings"] = [
        {**s, "lfs": lfs} if s["rfilename"] == path else s for s in fixture["siblings"]
    ]
    hub.add_repo(fixture)


def findings_of(report: str) -> list[str]:
    (target,) = json.loads(report)["targets"]
    return [finding["message"] for finding in target["findings"]]


METADATA_UNREAD = (
    "the Hub's answer with its file metadata is not what the Hub API returns ({error}); the BOM "
    "states no digest of the weights"
)


@pytest.mark.parametrize(
    ("lfs", "error"),
    [({"sha256": "a" * 64, "size": 3}, "KeyError"), ("x", "TypeError"), (5, "TypeError")],
    ids=["a key missing", "a string", "a number"],
)
def test_lfs_metadata_of_another_shape_costs_the_digests_not_the_check(
    hub: Any, tmp_path: Path, lfs: object, error: str
) -> None:
    """huggingface_hub reads `lfs` whole (size, sha256, pointerSize) while it builds the answer:
    an object of another shape failed the check ('malformed answer', exit 3) only when a BOM
    was written.  The check asks again as a check that writes no BOM does (one request more),
    and the BOM states no digest, which a note says."""
    t5_with_lfs(hub, "pytorch_model.bin", lfs)
    hub.add_file(T5, "model.safetensors", T5_WEIGHTS["model.safetensors"], lfs=True)
    bom = tmp_path / "t5.cdx.json"
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", T5, "--format", "json", f"-ocyclonedx={bom}", env=env)
    assert result.code == 0, result.stderr
    assert cyclonedx_errors(bom.read_text()) == []
    assert model_files(json.loads(bom.read_text())) == {}
    assert METADATA_UNREAD.format(error=error) in findings_of(result.stdout)
    asked = [r.query for r in hub.requests if r.path == f"/api/models/{T5}"]
    assert asked[0] == {"blobs": ["true"]} and "siblings" in asked[1]["expand"]
    assert len(asked) == 2


def test_an_answer_malformed_without_its_file_metadata_too_fails_as_without_a_bom(
    hub: Any, tmp_path: Path
) -> None:
    """A file listed without its name is malformed in either answer: the check fails as one that
    writes no BOM does (exit 3, the same line), after one request more, not a loop of them."""
    fixture = json.loads((DEFAULT_FIXTURES_DIR / "google-t5__t5-base.json").read_text())
    fixture["siblings"] = [*fixture["siblings"], {"size": 3}]
    hub.add_repo(fixture)
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    plain = run_osai("check", T5, "--format", "json", env=env)
    hub.clear_requests()
    bom = run_osai("check", T5, "--format", "cyclonedx", env=env)
    assert plain.code == bom.code == 3
    assert "the model information is not what the Hub API returns (KeyError)" in plain.stderr
    assert bom.stderr.splitlines()[0] == plain.stderr.splitlines()[0]
    assert len([r for r in hub.requests if r.path == f"/api/models/{T5}"]) == 2


def test_a_check_that_writes_no_bom_is_not_told_of_the_hub_s_file_metadata(
    hub: Any, tmp_path: Path
) -> None:
    """The same answer, no BOM: the metadata is not asked for, and no note speaks of it."""
    t5_with_lfs(hub, "pytorch_model.bin", "x")
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", T5, "--format", "json", env=env)
    assert result.code == 0, result.stderr
    assert not [m for m in findings_of(result.stdout) if "digest" in m or "metadata" in m]


def test_a_check_that_writes_no_bom_asks_the_hub_for_no_file_metadata(
    hub: Any, tmp_path: Path
) -> None:
    """The metadata is a larger answer only a BOM uses: a JSON report asks as before."""
    hub.add_file(T5, "model.safetensors", T5_WEIGHTS["model.safetensors"], lfs=True)
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", T5, "--format", "json", env=env)
    assert result.code == 0, result.stderr
    (info,) = [r for r in hub.requests if r.path == f"/api/models/{T5}"]
    assert "blobs" not in info.query and "siblings" in info.query["expand"]


KEPT = (
    "the Hub gives no SHA-256 of {} (it gives one only for a file in Git LFS), so the BOM states "
    "no digest"
)
KEPT_IN_GIT = KEPT.format("flax_model.msgpack, pytorch_model.bin, rust_model.ot, tf_model.h5")


def test_weights_kept_in_git_are_named_once_in_a_note_and_in_the_bom(
    hub: Any, tmp_path: Path
) -> None:
    """The Hub gives a SHA-256 of a Git LFS file's content only (a file in Git has a blob id,
    the hash of a Git header with it): the BOM states the others' digests, and one note names
    the weights it states none for.  The note said which, the BOM did not: it says so of each
    of them, and of none the Hub gave a digest of, each naming its own file only (Mixtral's 19
    properties each named eight of the 19 files and "+11 more"); read back, one note again."""
    hub.add_file(T5, "model.safetensors", T5_WEIGHTS["model.safetensors"], lfs=True)
    hub.add_file(T5, "pytorch_model.bin", T5_WEIGHTS["pytorch_model.bin"])
    bom = tmp_path / "t5.cdx.json"
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", T5, "--format", "json", f"-ocyclonedx={bom}", env=env)
    assert result.code == 0, result.stderr
    assert set(model_files(json.loads(bom.read_text()))) == {"model.safetensors"}
    notes = [m for m in findings_of(result.stdout) if "digest" in m]
    assert notes == [KEPT_IN_GIT]
    model = json.loads(bom.read_text())["metadata"]["component"]
    kept_in_git = ("flax_model.msgpack", "pytorch_model.bin", "rust_model.ot", "tf_model.h5")
    assert unstated(properties(model)) == {
        f"osai:digests:unstated:{name}": KEPT.format(name) for name in kept_in_git
    }
    again = run_osai("check", str(bom), "--format", "json", f"-ocyclonedx={tmp_path / 'b.json'}")
    assert again.code == 0, again.stderr
    assert [m for m in findings_of(again.stdout) if "digest" in m] == [f"{bom}: {KEPT_IN_GIT}"]
    written_again = json.loads((tmp_path / "b.json").read_text())["metadata"]["component"]
    assert unstated(properties(written_again)) == unstated(properties(model))
    plain = run_osai("check", T5, "--format", "json", env=env)
    assert not [m for m in findings_of(plain.stdout) if "digest" in m]


OFFLINE = "offline: the Hub's file metadata was not read; the BOM states no digest of the weights"


def test_offline_a_bom_s_missing_digests_are_said_once(hub: Any, tmp_path: Path) -> None:
    """Offline, with no answer of the Hub kept (a check by an osai that kept none), the Hub's
    file metadata is not read (nor is the file list): a BOM states no digest, and a note says
    so, and the BOM itself (of the weights as a whole: no file was listed); a check that writes
    no BOM says nothing of digests."""
    hub.add_file(T5, "model.safetensors", T5_WEIGHTS["model.safetensors"], lfs=True)
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    online = run_osai("check", T5, "--format", "json", "-ocyclonedx=/dev/null", env=env)
    assert online.code == 0, online.stderr
    shutil.rmtree(Path(os.environ["OSAI_CACHE_DIR"]))  # the Hub's answers kept: none
    bom = tmp_path / "t5.cdx.json"
    offline = ("check", T5, "--offline", "--format", "json")
    result = run_osai(*offline, f"-ocyclonedx={bom}", env=env)
    assert result.code == 0, result.stderr
    assert model_files(json.loads(bom.read_text())) == {}
    notes = [m for m in findings_of(result.stdout) if "digest" in m]
    assert notes == [OFFLINE]
    model = json.loads(bom.read_text())["metadata"]["component"]
    assert unstated(properties(model)) == {"osai:digests:unstated": OFFLINE}
    plain = run_osai(*offline, env=env)
    assert plain.code == 0, plain.stderr
    assert not [m for m in findings_of(plain.stdout) if "digest" in m]


def test_offline_a_bom_states_the_digests_the_kept_answer_gives(hub: Any, tmp_path: Path) -> None:
    """The Hub's answer with its file metadata, kept by the online check that wrote a BOM, gives
    the offline BOM the same digests; kept by a check that wrote none, it has no metadata: the
    BOM states no digest, and a note says why."""
    hub.add_file(T5, "model.safetensors", T5_WEIGHTS["model.safetensors"], lfs=True)
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    online_bom, offline_bom = tmp_path / "online.cdx.json", tmp_path / "offline.cdx.json"
    online = run_osai("check", T5, f"-ocyclonedx={online_bom}", env=env)
    assert online.code == 0, online.stderr
    result = run_osai("check", T5, "--offline", f"-ocyclonedx={offline_bom}", env=env)
    assert result.code == 0, result.stderr
    stated = model_files(json.loads(offline_bom.read_text()))
    assert stated == model_files(json.loads(online_bom.read_text())) != {}
    plain = run_osai("check", T5, "--format", "json", env=env)  # keeps an answer without them
    assert plain.code == 0, plain.stderr
    result = run_osai(
        "check", T5, "--offline", "--format", "json", f"-ocyclonedx={offline_bom}", env=env
    )
    assert model_files(json.loads(offline_bom.read_text())) == {}
    notes = [m for m in findings_of(result.stdout) if "digest" in m]
    assert (
        len(notes) == 1 and "has no file metadata (it was read for a check, not a BOM)" in notes[0]
    )


def identifiers(document: object, key: str) -> list[str]:
    """Every `key` (bom-ref, spdxId) the document gives, wherever it is nested."""
    if isinstance(document, dict):
        own = [document[key]] if isinstance(document.get(key), str) else []
        return own + [i for value in document.values() for i in identifiers(value, key)]
    if isinstance(document, list):
        return [i for value in document for i in identifiers(value, key)]
    return []


def assert_unique_ids(boms: dict[str, str]) -> None:
    for name, key in (("cyclonedx", "bom-ref"), ("spdx", "spdxId")):
        found = identifiers(json.loads(boms[name]), key)
        assert len(found) == len(set(found)), f"{name}: {sorted(found)}"


TWICE = (
    "model.safetensors: given more than one SHA-256 ({first}..., then {then}...); osai keeps "
    "the first"
)


def test_a_file_the_hub_lists_twice_is_one_file_of_the_boms(hub: Any, tmp_path: Path) -> None:
    """Two digests of one path made two file components of one bom-ref (and two software_Files
    of one spdxId): invalid documents.  The first is kept, and a note says they disagree."""
    first, then = "1" * 64, "2" * 64
    fixture = json.loads((DEFAULT_FIXTURES_DIR / "google-t5__t5-base.json").read_text())
    twice = [
        {"rfilename": "model.safetensors", "lfs": {"sha256": sha, "size": 3, "pointerSize": 9}}
        for sha in (first, then, first)
    ]
    fixture["siblings"] = [
        s for s in fixture["siblings"] if s["rfilename"] != "model.safetensors"
    ] + twice
    hub.add_repo(fixture)
    boms = {name: tmp_path / f"t5.{name}.json" for name in FORMATS}
    outputs = [f"-o{name}={path}" for name, path in boms.items()]
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", T5, "--format", "json", *outputs, env=env)
    assert result.code == 0, result.stderr
    texts = {name: path.read_text() for name, path in boms.items()}
    assert_unique_ids(texts)
    assert cyclonedx_errors(texts["cyclonedx"]) == []
    assert model_files(json.loads(texts["cyclonedx"])) == {
        "model.safetensors": [("SHA-256", first)]
    }
    assert spdx_files(texts["spdx"]) == {"model.safetensors": [("sha256", first)]}
    notes = [m for m in findings_of(result.stdout) if "more than one SHA-256" in m]
    assert notes == [TWICE.format(first=first[:12], then=then[:12])]


@pytest.mark.parametrize("read", FORMATS)
def test_a_bom_that_states_a_file_twice_is_written_again_with_it_once(
    read: str, tmp_path: Path
) -> None:
    """A CycloneDX file component (an SPDX software_File) repeated in a BOM osai reads: the BOM
    osai writes of it states the file once, the first digest, and notes the one that differs;
    the same digest twice is no disagreement."""
    shards = sharded_model(tmp_path / "model")
    first = written(tmp_path / "model", tmp_path)[read]
    document = json.loads(first)
    name = "model-00001-of-00002.safetensors"
    other = "f" * 64
    if read == "cyclonedx":
        files = document["metadata"]["component"]["components"]
        copy = next(f for f in files if f["name"] == name)
        differing = {**copy, "bom-ref": "other", "hashes": [{"alg": "SHA-256", "content": other}]}
        files += [{**copy, "bom-ref": "again"}, differing]
    else:
        graph = document["@graph"]
        copy = next(e for e in graph if e.get("name") == name and e["type"] == "software_File")
        verified = [{"type": "Hash", "algorithm": "sha256", "hashValue": other}]
        again = {**copy, "spdxId": copy["spdxId"] + "-again"}
        differing = {**copy, "spdxId": copy["spdxId"] + "-other", "verifiedUsing": verified}
        graph += [again, differing]
        contains = next(e for e in graph if e.get("relationshipType") == "contains")
        contains["to"] += [again["spdxId"], differing["spdxId"]]
    path = tmp_path / f"twice.{read}.json"
    path.write_text(json.dumps(document))
    boms = {form: tmp_path / f"again.{form}.json" for form in FORMATS}
    outputs = [f"-o{form}={bom}" for form, bom in boms.items()]
    result = run_osai("check", str(path), "--format", "json", *outputs)
    assert result.code == 0, result.stderr
    texts = {form: bom.read_text() for form, bom in boms.items()}
    assert_unique_ids(texts)
    assert model_files(json.loads(texts["cyclonedx"])) == {
        shard: [("SHA-256", sha256_of(content))] for shard, content in shards.items()
    }
    kept = sha256_of(shards[name])
    notes = [m for m in findings_of(result.stdout) if "SHA-256" in m]
    assert notes == [
        TWICE.replace("model.safetensors", name).format(first=kept[:12], then=other[:12])
    ]


# --- a local directory ----------------------------------------------------------------------


@pytest.fixture
def rules() -> RuleSet:
    return load_ruleset()


def sharded_model(root: Path) -> dict[str, bytes]:
    """The tiny example model with its weights in two shards; the shards' contents."""
    shutil.copytree(EXAMPLES / "tiny-model", root)
    (root / "model.safetensors").unlink()
    shards = {
        "model-00001-of-00002.safetensors": b"first shard\n" * 100,
        "model-00002-of-00002.safetensors": b"second shard\n" * 100,
    }
    for name, content in shards.items():
        (root / name).write_bytes(content)
    return shards


def written(directory: Path, tmp_path: Path) -> dict[str, str]:
    """Both BOMs of the directory, as written by `osai check -o`."""
    boms = {name: tmp_path / f"bom.{name}.json" for name in FORMATS}
    outputs = [f"-o{name}={path}" for name, path in boms.items()]
    result = run_osai("check", str(directory), "--format", "json", *outputs)
    assert result.code == 0, result.stderr
    texts = {name: path.read_text() for name, path in boms.items()}
    assert cyclonedx_errors(texts["cyclonedx"]) == []
    assert spdx_objects(texts["spdx"])
    return texts


def test_a_local_directory_s_weights_are_hashed_for_its_boms(tmp_path: Path) -> None:
    shards = sharded_model(tmp_path / "model")
    texts = written(tmp_path / "model", tmp_path)
    expected = {name: sha256_of(content) for name, content in shards.items()}
    assert model_files(json.loads(texts["cyclonedx"])) == {
        name: [("SHA-256", digest)] for name, digest in expected.items()
    }
    assert spdx_files(texts["spdx"]) == {
        name: [("sha256", digest)] for name, digest in expected.items()
    }


def test_a_git_lfs_pointer_names_the_digest_of_the_weights_it_stands_for(
    tmp_path: Path,
) -> None:
    """A clone whose weights were not fetched: the pointer's oid, not the pointer's hash."""
    root = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", root)
    weights = (root / "model.safetensors").read_bytes()
    (root / "model.safetensors").write_bytes(lfs_pointer(weights))
    texts = written(root, tmp_path)
    assert model_files(json.loads(texts["cyclonedx"])) == {
        "model.safetensors": [("SHA-256", sha256_of(weights))]
    }


def test_a_manifest_in_the_directory_keeps_the_digests_of_what_it_ships(tmp_path: Path) -> None:
    """What the manifest declares is merged with what is detected: the digests stay."""
    from gate_manifests import open_release, write_manifest

    shards = sharded_model(tmp_path / "model")
    write_manifest(tmp_path / "model" / "osai.yaml", open_release())
    texts = written(tmp_path / "model", tmp_path)
    assert set(model_files(json.loads(texts["cyclonedx"]))) == set(shards)


def test_weights_are_hashed_only_when_a_bom_is_written(tmp_path: Path, rules: RuleSet) -> None:
    shards = sharded_model(tmp_path / "model")
    directory = LocalDirectory(tmp_path / "model", "model", rules.detection)
    assert collect(directory, rules).release.digests == ()
    assert collect(directory, rules, digests=True).release.digests == tuple(
        FileDigest(name, sha256_of(content), len(content)) for name, content in shards.items()
    )


def test_weights_heavier_than_the_limit_are_not_hashed_and_a_note_says_so(
    tmp_path: Path,
) -> None:
    """None of them, not some (part of the weights would read like all of them); a pointer,
    which is not hashed, still gives its digest."""
    (tmp_path / "a.safetensors").write_bytes(b"a" * 600)
    (tmp_path / "b.safetensors").write_bytes(b"b" * 600)
    (tmp_path / "c.safetensors").write_bytes(lfs_pointer(b"c" * 10_000))
    paths = ("a.safetensors", "b.safetensors", "c.safetensors")
    digests, notes = local_digests(tmp_path, paths, 1000, "local")
    assert digests == (FileDigest("c.safetensors", sha256_of(b"c" * 10_000), 10_000),)
    (note,) = notes
    assert note.kind is FindingKind.NOTE
    assert note.message == (
        "the weights (2 files, 1,200 bytes) were not hashed: more than 1,000 bytes "
        "(rules/detection.yaml limits.max_hashed_bytes); the BOM states no digest for them - "
        "hash them with sha256sum"
    )


def test_a_file_that_cannot_be_hashed_gets_no_digest_and_a_note(tmp_path: Path) -> None:
    """A symlink out of the directory is not followed; a FIFO is never opened (it would block)."""
    root = tmp_path / "model"
    root.mkdir()
    (tmp_path / "elsewhere.bin").write_bytes(b"not the model's")
    (root / "outside.bin").symlink_to(tmp_path / "elsewhere.bin")
    os.mkfifo(root / "pipe.bin")
    (root / "model.bin").write_bytes(b"weights")
    paths = ("outside.bin", "pipe.bin", "model.bin", "gone.bin")
    digests, notes = local_digests(root, paths, 1 << 20, "local")
    assert digests == (FileDigest("model.bin", sha256_of(b"weights"), 7),)
    assert [note.message for note in notes] == [
        "outside.bin: a symlink to outside the directory; no digest",
        "pipe.bin: not a regular file; no digest",
        "gone.bin: cannot be read (No such file or directory); no digest",
    ]


def test_a_file_that_changes_while_it_is_hashed_gets_no_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkpoint still being written (or cut short) while the BOM is made: its digest was
    stated with the size it had before, a pair no file ever had."""
    (tmp_path / "model.bin").write_bytes(b"w" * 5000)
    hash_file = hashlib.file_digest

    def growing(file: Any, digest: str) -> Any:
        with open(tmp_path / "model.bin", "ab") as writer:
            writer.write(b"more")
        return hash_file(file, digest)

    monkeypatch.setattr(hashlib, "file_digest", growing)
    digests, notes = local_digests(tmp_path, ("model.bin",), 1 << 20, "local")
    assert digests == ()
    assert [note.message for note in notes] == [
        "model.bin: changed while it was read; no digest (check again when it is written)"
    ]


OUTSIDE = "model.safetensors: a symlink to outside the directory; no digest"


def weights_outside(tmp_path: Path) -> Path:
    """The tiny example model whose weights are a symlink to a file outside its directory."""
    root = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", root)
    (root / "model.safetensors").rename(tmp_path / "elsewhere.safetensors")
    (root / "model.safetensors").symlink_to(tmp_path / "elsewhere.safetensors")
    return root


def unstated(named: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in named.items() if "digest" in name}


def test_a_digest_osai_could_not_take_is_said_in_both_boms(tmp_path: Path) -> None:
    """The text report said the weights have no digest, the BOMs said nothing: a BOM's reader
    could not tell "no digest could be taken" from "none was sought".  Both say it on the
    model (SPDX: the AI package's osai: properties), the file's path in the property's name."""
    texts = written(weights_outside(tmp_path), tmp_path)
    cyclonedx = json.loads(texts["cyclonedx"])
    assert model_files(cyclonedx) == {}
    expected = {"osai:digests:unstated:model.safetensors": OUTSIDE}
    assert unstated(properties(cyclonedx["metadata"]["component"])) == expected
    graph = graph_of(texts["spdx"])
    (package,) = root_models(graph)
    assert unstated(extension_of(graph[package])) == expected


def test_a_bom_of_hashed_weights_says_no_digest_unstated(tmp_path: Path) -> None:
    sharded_model(tmp_path / "model")
    texts = written(tmp_path / "model", tmp_path)
    cyclonedx = json.loads(texts["cyclonedx"])
    assert unstated(properties(cyclonedx["metadata"]["component"])) == {}


# --- read back --------------------------------------------------------------------------------


@pytest.mark.parametrize("read", FORMATS)
def test_a_bom_of_a_bom_keeps_the_weights_digests(read: str, tmp_path: Path) -> None:
    shards = sharded_model(tmp_path / "model")
    first = written(tmp_path / "model", tmp_path)
    path = tmp_path / f"first.{read}.json"
    path.write_text(first[read])
    again = run_osai("check", str(path), "--format", "cyclonedx")
    assert again.code == 0, again.stderr
    assert cyclonedx_errors(again.stdout) == []
    assert model_files(json.loads(again.stdout)) == {
        name: [("SHA-256", sha256_of(content))] for name, content in shards.items()
    }
    report = run_osai("check", str(path), "--format", "json")
    (target,) = json.loads(report.stdout)["targets"]
    assert not [f for f in target["findings"] if "maps to no MOF component" in f["message"]]


@pytest.mark.parametrize("read", FORMATS)
def test_a_bom_s_unstated_digest_is_said_again_when_it_is_read(read: str, tmp_path: Path) -> None:
    """The directory's report said why the weights have no digest; the BOM's said nothing
    (and a BOM written of it dropped it).  Its report says what the directory's did, where
    the BOM says it, and a BOM of the BOM says it again."""
    first = written(weights_outside(tmp_path), tmp_path)
    path = tmp_path / f"first.{read}.json"
    path.write_text(first[read])
    report = run_osai("check", str(path), "--format", "json")
    assert report.code == 0, report.stderr
    assert [m for m in findings_of(report.stdout) if "digest" in m] == [f"{path}: {OUTSIDE}"]
    again = run_osai("check", str(path), "--format", "cyclonedx")
    assert again.code == 0, again.stderr
    model = json.loads(again.stdout)["metadata"]["component"]
    assert unstated(properties(model)) == {"osai:digests:unstated:model.safetensors": OUTSIDE}


def test_a_bom_s_unstated_digest_why_is_one_bounded_line(tmp_path: Path) -> None:
    """The why is the BOM author's text: a value of 100,000 characters holding a line break
    and a terminal's escape was the report's note as it stood (and a BOM written of it wrote
    it again); it is one line, cut, as other text a BOM gives is."""
    first = written(weights_outside(tmp_path), tmp_path)
    bom = json.loads(first["cyclonedx"])
    model = bom["metadata"]["component"]
    for item in model["properties"]:
        if item["name"].startswith("osai:digests:unstated"):
            item["value"] = "held\nelsewhere \u001b[31m" + "x" * 100_000
    path = tmp_path / "first.cdx.json"
    path.write_text(json.dumps(bom))
    report = run_osai("check", str(path), "--format", "json")
    assert report.code == 0, report.stderr
    (said,) = [m for m in findings_of(report.stdout) if "held" in m]
    assert said.startswith(f"{path}: held elsewhere [31m") and said.endswith("…"), said[:80]
    assert len(said) <= len(f"{path}: ") + MAX_UNSTATED_WHY


def test_the_hub_refusing_the_request_for_its_file_metadata_is_said_as_a_refusal(
    hub: Any, tmp_path: Path
) -> None:
    """A 400 is a ValueError too (huggingface_hub's BadRequestError): the refusal was taken for
    an answer of another shape, and the BOM's note said the Hub's answer "is not what the Hub
    API returns".  A refusal of that form of the request (a mirror that knows no `blobs`) is
    no reason to fail the check: asked again without it, once, and the note says the Hub
    refused."""
    bom = tmp_path / "t5.cdx.json"
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    hub.inject_status(f"^/api/models/{T5}$", 400, times=1)  # the first: with the metadata
    result = run_osai("check", T5, "--format", "json", f"-ocyclonedx={bom}", env=env)
    assert result.code == 0, result.stderr
    said = "the Hub refused the request for its file metadata (HTTP 400); the BOM states no "
    assert said + "digest of the weights" in findings_of(result.stdout)
    asked = [r.query for r in hub.requests if r.path == f"/api/models/{T5}"]
    assert asked[0] == {"blobs": ["true"]} and "siblings" in asked[1]["expand"]


def test_a_bom_s_unstated_digest_is_said_in_bounded_words(tmp_path: Path) -> None:
    """Someone else's BOM says why as it likes: a 100 KB reason was said in full (a 100 KB note
    in every report, and again in each BOM written of it), and one of control characters alone
    was a note of nothing ('<bom>: ').  Read back, a reason is one line of at most
    1,000 characters, and one with no words names the file it is of."""
    first = json.loads(written(weights_outside(tmp_path), tmp_path)["cyclonedx"])
    model = first["metadata"]["component"]
    model["properties"] += [
        {"name": "osai:digests:unstated:big.safetensors", "value": "why " * 25_000},
        {"name": "osai:digests:unstated:blank.safetensors", "value": "\x00\x08\u202e"},
    ]
    path = tmp_path / "evil.cdx.json"
    path.write_text(json.dumps(first))
    report = run_osai("check", str(path), "--format", "json")
    assert report.code == 0, report.stderr
    said = [m.removeprefix(f"{path}: ") for m in findings_of(report.stdout) if "digest" in m]
    assert said[0] == OUTSIDE
    assert said[1].startswith("why why ") and len(said[1]) <= 1000
    assert said[2:] == ["blank.safetensors: no digest"]
    again = run_osai("check", str(path), "--format", "cyclonedx")
    assert again.code == 0, again.stderr
    assert cyclonedx_errors(again.stdout) == []
    written_again = unstated(properties(json.loads(again.stdout)["metadata"]["component"]))
    assert written_again["osai:digests:unstated:big.safetensors"] == said[1]
    assert written_again["osai:digests:unstated:blank.safetensors"] == said[2]


@pytest.mark.parametrize("read", FORMATS)
def test_a_bom_s_digest_keeps_a_long_path_whole(read: str, tmp_path: Path) -> None:
    """A file's path is its name in a digest, not words to show: read back bounded as a name
    (200 characters), the digest of weights under a 230-character path was restated of
    `checkpoints/xxx…`, a file that is not there, and the weights' own path was lost."""
    root = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", root)
    deep = f"checkpoints/{'x' * 200}/model.safetensors"
    (root / deep).parent.mkdir(parents=True)
    (root / "model.safetensors").rename(root / deep)
    path = tmp_path / f"first.{read}.json"
    path.write_text(written(root, tmp_path)[read])
    again = run_osai("check", str(path), "--format", "cyclonedx")
    assert again.code == 0, again.stderr
    assert list(model_files(json.loads(again.stdout))) == [deep]
