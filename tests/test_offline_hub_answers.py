"""Offline, a Hub model judged as it was online: the Hub's own description of the model (its
model_info answer: file list, gating, tags, commit; and its branches) is kept in osai's answer
cache by the online check, keyed by repository id and commit, and read back offline.

An audit of air-gapped CI runners (a warm cache, --offline) found the offline verdicts of 17
of 18 models leaning to unknown: google-t5/t5-base lost its parameters (the weights are known
from the file list only), OLMo-7B its intermediate checkpoints (from the branches), and the
gated Llama 2, FAIL online, was no verdict at all offline (exit 3: no card kept).
The loopback Hub serves the corpus fixtures (tests/fixtures/hub); no mock anywhere.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest
from clirunner import run_osai
from loopback_hub import LoopbackHub

LLAMA = "meta-llama/Llama-2-7b-hf"
T5 = "google-t5/t5-base"
TOKEN = "hf_osai_offline_granted_0123456789"


def verdicts(document: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Every requirement's status and certainty, by framework and id."""
    return {
        f"{framework['id']}:{requirement['id']}": (
            requirement["status"],
            requirement.get("certainty", ""),
        )
        for target in document["targets"]
        for framework in target["frameworks"]
        for requirement in framework["requirements"]
    }


def online_then_offline(
    hub: LoopbackHub, repo_id: str, *more: str, env: dict[str, str] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    command = ("check", repo_id, "--require", "osaid", "--format", "json", *more)
    environment = {"HF_ENDPOINT": hub.endpoint, **(env or {})}
    online = run_osai(*command, env=environment)
    assert online.code == 1, online.stderr
    hub.clear_requests()
    offline = run_osai(*command, "--offline", env={**environment, "HF_TOKEN": ""})
    assert offline.code == 1, offline.stderr
    assert hub.requests == []
    return json.loads(online.stdout), json.loads(offline.stdout)


def messages(document: dict[str, Any]) -> str:
    return " ".join(
        finding["message"] for target in document["targets"] for finding in target["findings"]
    )


@pytest.mark.parametrize(
    ("repo_id", "more", "lost_before"),
    [
        (T5, (), "OSAID-PARAMETERS"),  # the weights: known from the file list only
        ("allenai/OLMo-7B", ("--no-public-assessments",), "OSAID-MODEL-PARAMETERS-INTERMEDIATE"),
        (LLAMA, (), ""),  # gated, no access: no card ever kept; was exit 3
    ],
)
def test_offline_verdicts_are_the_online_ones(
    hub: LoopbackHub, repo_id: str, more: tuple[str, ...], lost_before: str
) -> None:
    online, offline = online_then_offline(hub, repo_id, *more)
    assert verdicts(offline) == verdicts(online)
    if lost_before:
        assert verdicts(online)[f"osaid:{lost_before}"][0] == "met"
    said = messages(offline)
    assert "the file list, gating and tags from the cache of " in said, said
    assert "gating and branches were not checked" not in said


def test_a_gated_model_whose_card_was_kept_with_access_is_judged_offline_as_online(
    hub: LoopbackHub,
) -> None:
    """Access granted, the card is read and kept; offline, with no token, the same verdicts
    (the gate and the card both as the online check saw them)."""
    hub.allow_token(TOKEN)
    online, offline = online_then_offline(hub, LLAMA, env={"HF_TOKEN": TOKEN})
    assert verdicts(offline) == verdicts(online)
    assert "gated repository" not in messages(offline)


def kept_files(cache: Path) -> dict[str, Path]:
    """The answers kept, by the address each was kept for."""
    found = {}
    for path in (cache / "answers").glob("*.json"):
        found[json.loads(path.read_text())["url"]] = path
    return found


def model_info_file(cache: Path, repo_id: str) -> tuple[str, Path]:
    (address,) = [
        a for a in kept_files(cache) if a.startswith(f"osai-hub-record:model-info/{repo_id}@")
    ]
    return address, kept_files(cache)[address]


def rewrite_body(path: Path, change: Any) -> None:
    record = json.loads(path.read_text())
    answer = json.loads(base64.b64decode(record["body"]))
    record["body"] = base64.b64encode(json.dumps(change(answer)).encode()).decode()
    path.write_text(json.dumps(record))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:200])


def another_commit(path: Path) -> None:
    rewrite_body(path, lambda answer: {**answer, "sha": "0" * 40})


def not_the_api(path: Path) -> None:
    rewrite_body(path, lambda answer: {**answer, "siblings": "weights.bin"})


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (truncate, "not JSON"),
        (another_commit, "the model information kept is not of commit "),
        (not_the_api, "the model information kept is not what the Hub API returns (TypeError)"),
    ],
)
def test_a_damaged_kept_description_is_not_used_and_said_why(
    hub: LoopbackHub, damage: Any, why: str
) -> None:
    cache = Path(os.environ["OSAI_CACHE_DIR"])
    online, _ = online_then_offline(hub, T5)
    _, path = model_info_file(cache, T5)
    damage(path)
    offline = run_osai("check", T5, "--require", "osaid", "--format", "json", "--offline")
    assert offline.code == 1, offline.stderr
    assert "Traceback" not in offline.stderr
    document = json.loads(offline.stdout)
    assert verdicts(document)["osaid:OSAID-PARAMETERS"][0] == "unknown"  # not used
    assert verdicts(online)["osaid:OSAID-PARAMETERS"][0] == "met"
    said = " ".join((offline.stderr + json.dumps(document.get("warnings", []))).split())
    assert f"{path}: a damaged answer in the cache, not used" in said, said
    assert why in said, said
    assert "the file list, gating and branches were not checked" in messages(document)


def test_another_repositorys_kept_description_is_not_used(hub: LoopbackHub) -> None:
    """Mistral's file, copied where t5-base's is kept (a cache synced from elsewhere): it was
    kept for Mistral's address, so it is not read as t5-base's file list."""
    cache = Path(os.environ["OSAI_CACHE_DIR"])
    online, _ = online_then_offline(hub, T5)
    mistral = run_osai("check", "mistralai/Mistral-7B-v0.1", env={"HF_ENDPOINT": hub.endpoint})
    assert mistral.code == 0, mistral.stderr
    _, theirs = model_info_file(cache, "mistralai/Mistral-7B-v0.1")
    _, ours = model_info_file(cache, T5)
    ours.write_bytes(theirs.read_bytes())
    offline = run_osai("check", T5, "--require", "osaid", "--format", "json", "--offline")
    assert offline.code == 1, offline.stderr
    document = json.loads(offline.stdout)
    said = " ".join((offline.stderr + json.dumps(document.get("warnings", []))).split())
    assert f"{ours}: a damaged answer in the cache, not used" in said, said
    assert verdicts(document)["osaid:OSAID-PARAMETERS"][0] == "unknown"
    assert verdicts(online)["osaid:OSAID-PARAMETERS"][0] == "met"
