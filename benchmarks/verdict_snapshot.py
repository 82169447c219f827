"""Every verdict osai reaches on the bundled data, one line per requirement, for diffing.

    python benchmarks/verdict_snapshot.py > before.txt   # ...change the code...
    python benchmarks/verdict_snapshot.py > after.txt && diff before.txt after.txt

It runs the command line itself (`osai check ... --format json`, in one process per group), so the
snapshot does not depend on how the code inside is arranged:

- the 180 MOT corpus manifests (tests/fixtures/mot/models), default mode and `--mof-mode mot`;
- the 27 MOT golden test files (tests/fixtures/mot/test_data), `--mof-mode mot`;
- examples/*.yml and examples/tiny-model;
- the 18 Hub fixtures through the loopback Hub (tests/loopback_hub.py), with a fresh cache and
  `--no-follow` where the option exists, so only what the repository itself shows is judged.

Each line: group, target, framework, mode, outcome, definite, then `requirement=status` for every
requirement; findings are not printed (their wording may change), only verdicts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def osai_json(arguments: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    command = [sys.executable, "-m", "osai", "check", *arguments, "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(arguments[:3])}...: exit {done.returncode}: {done.stderr}")
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def lines(group: str, document: dict[str, Any]) -> Iterator[str]:
    for target in document["targets"]:
        name = Path(target["target"]).name if "/" in target["target"] else target["target"]
        if target.get("source") == "hub":
            name = target["target"]
        for framework in target["frameworks"]:
            statuses = " ".join(f"{r['id']}={r['status']}" for r in framework["requirements"])
            yield (
                f"{group}\t{name}\t{framework['id']}\t{framework['mode']}\t"
                f"{framework['outcome']}\t{framework['definite']}\t{statuses}"
            )


def local_groups() -> Iterator[str]:
    corpus = sorted(str(p) for p in (ROOT / "tests/fixtures/mot/models").glob("*.yml"))
    golden = sorted(str(p) for p in (ROOT / "tests/fixtures/mot/test_data").glob("*.yml"))
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*.yml"))
    yield from lines("corpus", osai_json(corpus))
    yield from lines("corpus-mot", osai_json([*corpus, "--mof-mode", "mot"]))
    yield from lines("golden-mot", osai_json([*golden, "--mof-mode", "mot"]))
    yield from lines("examples", osai_json([*examples, str(ROOT / "examples/tiny-model")]))
    card = str(ROOT / "examples/tiny-model/README.md")
    yield from lines("card", osai_json([card]))


def hub_group() -> Iterator[str]:
    from loopback_hub import LoopbackHub

    with LoopbackHub() as hub, tempfile.TemporaryDirectory() as cache:
        env = {
            **os.environ,
            "HF_ENDPOINT": hub.endpoint,
            "HF_HOME": cache,
            "HF_HUB_DISABLE_TELEMETRY": "1",
            "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
        }
        env.pop("HF_TOKEN", None)
        extra = ["--no-follow"] if _has_option("--no-follow") else []
        ids = list(hub.repo_ids)
        yield from lines("hub", osai_json([*ids, "--jobs", "4", *extra], env))


def _has_option(option: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "osai", "check", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    return option in done.stdout


def main() -> None:
    for line in (*local_groups(), *hub_group()):
        print(line)


if __name__ == "__main__":
    main()
