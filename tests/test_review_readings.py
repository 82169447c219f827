"""What a new user reading osai's reports found misleading, each checked on the case it was found
on: the real command, the loopback Hub (and GitHub and arXiv where the card links them)."""

from __future__ import annotations

import json
from pathlib import Path

from clirunner import run_osai
from loopback_hub import LoopbackHub


def hub_env(hub: LoopbackHub, home: Path, **extra: str) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home), **extra}


def test_tokenizer_data_files_are_no_supporting_library(hub: LoopbackHub, tmp_path: Path) -> None:
    """Mistral ships tokenizer.json and tokenizer.model, no tokenizer code: MOF's supporting
    libraries and tools are code, so the component stays unknown, not "released, licence unknown"
    (which asked the publisher to document a licence for vocabulary files)."""
    env = hub_env(hub, tmp_path, COLUMNS="200")
    result = run_osai("check", "mistralai/Mistral-7B-v0.1", "--format", "json", env=env)
    (target,) = json.loads(result.stdout)["targets"]
    (libraries,) = [c for c in target["components"] if c["id"] == "supporting-libraries"]
    assert libraries["presence"] == "unknown", libraries
    assert "tokenizer" not in json.dumps(libraries["evidence"])
    text = run_osai("check", "mistralai/Mistral-7B-v0.1", "-v", env=env).stdout
    assert "Supporting libraries and tools: licence unknown" not in text
