"""Run the real `osai` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str


def run_osai(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    environment.pop("OSAI_DEBUG", None)
    completed = subprocess.run(
        [sys.executable, "-m", "osai", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=environment,
        timeout=120,
        check=False,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)
