"""`osai check <model-id>` end to end: the real command, the real client, the loopback Hub.

The command runs in a subprocess pointed at the loopback server with HF_ENDPOINT, as a user's
shell would point it at the real Hub.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirunner import run_osai
from loopback_hub import LoopbackHub

SECRET = "hf_osai_cli_secret_9876543210"
FORMATS = ("text", "json", "markdown", "sarif", "github", "junit", "cyclonedx", "spdx")


def hub_env(hub: LoopbackHub, home: Path, **extra: str) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home), **extra}


def test_a_hub_check_reports_verdicts_with_hub_evidence(hub: LoopbackHub, tmp_path: Path) -> None:
    result = run_osai(
        "check", "EleutherAI/pythia-70m", "--format", "json", env=hub_env(hub, tmp_path)
    )
    assert result.code == 0, result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    assert target["source"] == "hub"
    checkpoints = next(
        c for c in target["components"] if c["id"] == "model-parameters-intermediate"
    )
    assert checkpoints["presence"] == "present"
    evidence = json.dumps(checkpoints["evidence"])
    assert "step0" in evidence and "checkpoint" in evidence


def test_several_models_at_once_one_failing(hub: LoopbackHub, tmp_path: Path) -> None:
    result = run_osai(
        "check",
        "EleutherAI/pythia-70m",
        "nobody/nothing",
        "bigscience/bloom",
        "--jobs",
        "3",
        "--format",
        "json",
        env=hub_env(hub, tmp_path),
    )
    assert result.code == 3
    document = json.loads(result.stdout)
    assert [t["target"] for t in document["targets"]] == [
        "EleutherAI/pythia-70m",
        "bigscience/bloom",
    ]
    assert document["errors"][0]["target"] == "nobody/nothing"
    assert result.stderr.count("\n") == 1 and "repository not found" in result.stderr


@pytest.mark.parametrize("output_format", FORMATS)
def test_hf_token_never_appears_in_any_format(
    output_format: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    hub.allow_token(SECRET)
    env = hub_env(hub, tmp_path / "home", HF_TOKEN=SECRET, HF_HUB_DISABLE_IMPLICIT_TOKEN="0")
    written = tmp_path / f"report.{output_format}"
    result = run_osai(
        "check",
        "meta-llama/Llama-2-7b-hf",
        "nobody/nothing",
        "--format",
        output_format,
        "-o",
        f"{output_format}={written}",
        env=env,
    )
    assert result.code == 3
    assert any(r.authorization == f"Bearer {SECRET}" for r in hub.requests)
    for text in (result.stdout, result.stderr, written.read_text()):
        assert SECRET not in text
    assert "Llama" in result.stdout + written.read_text()
