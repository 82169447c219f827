"""A Hub that misbehaves, for `osai check <hub-id>` run as a user runs it (issue #14).

The fault server (tests/faultserver.py) answers the Hub API's paths: a model's information
(``/api/models/{id}``) and its README at the commit the information names.  ``run_check`` starts the
real command in a new interpreter, pointed at the server by HF_ENDPOINT, and measures what a user
would: the exit code, the wall time, and the process's peak memory (its max RSS, from ``wait4``).

Used by tests/test_hostile_hub.py and benchmarks/hostile_hub.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from faultserver import FaultServer, Reply

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
REFUSED = "http://127.0.0.1:9"  # nothing listens: GitHub and arXiv links are refused at once
CARD = b"---\nlicense: apache-2.0\n---\n# A model\n\nA card.\n"


@dataclass(frozen=True)
class Run:
    code: int
    wall: float  # seconds, from start to exit
    peak_rss: int  # bytes: the process's maximum resident set
    stdout: str
    stderr: str


def model_info(repo_id: str, sha: str, **fields: Any) -> dict[str, Any]:
    """A model's information as the Hub API answers it (what ``HfApi.model_info`` reads)."""
    return {
        "_id": "0" * 24,
        "id": repo_id,
        "modelId": repo_id,
        "sha": sha,
        "author": repo_id.split("/")[0],
        "siblings": [{"rfilename": "README.md"}, {"rfilename": "model.safetensors"}],
        "tags": ["license:apache-2.0"],
        "cardData": {"license": "apache-2.0"},
        "private": False,
        "disabled": False,
        "gated": False,
        **fields,
    }


def serve_model(
    server: FaultServer,
    repo_id: str,
    info: Mapping[str, Any] | Any | None = None,
    *,
    sha: str = "a" * 40,
    card: bytes = CARD,
) -> None:
    """``repo_id`` answered by ``info`` (default: a well-formed model) and its README."""
    body = json.dumps(model_info(repo_id, sha) if info is None else info).encode()
    server.route(
        f"/api/models/{repo_id}", Reply(body=body, headers={"Content-Type": "application/json"})
    )
    server.route(f"/{repo_id}/resolve/{sha}/README.md", Reply(body=card))


def hub_environment(server: FaultServer, **extra: str) -> dict[str, str]:
    """The environment of a user pointed at ``server``: no token, fresh caches, no telemetry."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"HF_TOKEN", "GITHUB_TOKEN", "GH_TOKEN", "OSAI_DEBUG", "HF_HUB_OFFLINE"}
    }
    environment.update(
        {
            "PYTHONPATH": str(ROOT),
            "HF_ENDPOINT": server.url,
            "HF_HOME": tempfile.mkdtemp(prefix="osai-hf-home-"),
            "OSAI_CACHE_DIR": tempfile.mkdtemp(prefix="osai-cache-"),
            "HF_HUB_DISABLE_TELEMETRY": "1",
            "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
            "GITHUB_API_URL": REFUSED,
            "OSAI_ARXIV_URL": f"{REFUSED}/oai",
            **extra,
        }
    )
    return environment


# The command, run so that it reports its own peak memory: VmHWM of /proc/self/status, read at
# exit.  Not wait4's ru_maxrss: a child's counts the pages it shared with its parent between fork
# and exec (a 250 MB pytest process makes every child look 250 MB).
_MEASURED = """
import atexit, runpy, sys
from pathlib import Path

def _peak(out=sys.argv[1]):
    status = Path("/proc/self/status").read_text()
    peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    Path(out).write_text(peak)

atexit.register(_peak)
sys.argv = ["osai", *sys.argv[2:]]
runpy.run_module("osai", run_name="__main__", alter_sys=True)
"""


def run_check(server: FaultServer, *args: str, env: Mapping[str, str] | None = None) -> Run:
    """`osai check ARGS...` in a new interpreter: exit code, wall time, peak RSS, output."""
    environment = hub_environment(server, **(env or {}))
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        peak = Path(scratch) / "peak-kib"
        start = time.monotonic()
        completed = subprocess.run(
            [sys.executable, "-c", _MEASURED, str(peak), "check", *args],
            stdout=out,
            stderr=err,
            cwd=ROOT,
            env=environment,
            timeout=300,
            check=False,
        )
        wall = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Run(
            code=completed.returncode,
            wall=wall,
            peak_rss=int(peak.read_text()) * 1024 if peak.exists() else 0,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )
