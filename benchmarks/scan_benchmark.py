"""Time the local source on a synthetic model directory of 100,000 small files.

    python benchmarks/scan_benchmark.py [--files 100000] [--repeat 3]

The tree looks like a large training repository: data shards, source files, checkpoint directories
with weights and optimizer states, nested licence files, a model card and a config.  Files are empty
or a few bytes (the walk matches names; it opens only the card, licences, config and citation).
Prints the number of files, the best time of reading the directory (`read_target`: walk, plan,
read, extract), and files per second.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from osai.rules import load_ruleset
from osai.targets import ReadOptions, read_target

CARD = """---
license: apache-2.0
datasets: [EleutherAI/pile]
---
# Synthetic model

## Training data

A synthetic corpus of one hundred thousand shards, generated for a benchmark of the osai scanner.

## Training

Training code: https://github.com/example/trainer
"""
FILES_PER_DIRECTORY = 500


def build_tree(root: Path, total: int) -> int:
    """Write `total` files under `root`; returns how many were written."""
    (root / "README.md").write_text(CARD, encoding="utf-8")
    (root / "config.json").write_text(
        json.dumps({"model_type": "gpt_neox", "transformers_version": "4.44.2"}), encoding="utf-8"
    )
    (root / "LICENSE").write_text("SPDX-License-Identifier: Apache-2.0\n", encoding="utf-8")
    written = 3
    directory_index = 0
    while written < total:
        directory = root / _directory_name(directory_index)
        directory.mkdir(parents=True, exist_ok=True)
        count = min(FILES_PER_DIRECTORY, total - written)
        for index in range(count):
            path = directory / _file_name(directory_index, index)
            # Weights of a few bytes: an empty weights file is no weights.
            path.write_bytes(b"\0" * 8 if path.suffix == ".safetensors" else b"")
        written += count
        directory_index += 1
    return written


def _directory_name(index: int) -> str:
    kind = index % 5
    if kind == 0:
        return f"data/part-{index:04d}"
    if kind == 1:
        return f"src/pkg{index:04d}"
    if kind == 2:
        return f"checkpoints/step{index * 1000}"
    if kind == 3:
        return f"logs/run-{index:04d}"
    return f"eval/results-{index:04d}"


def _file_name(directory_index: int, index: int) -> str:
    kind = directory_index % 5
    if kind == 0:
        return f"shard-{index:05d}.jsonl"
    if kind == 1:
        return ("train_stage.py", "LICENSE", "utils.py")[index] if index < 3 else f"mod{index}.py"
    if kind == 2:
        names = ("model.safetensors", "optimizer.pt", "trainer_state.json")
        return names[index] if index < 3 else f"rank{index}.log"
    if kind == 3:
        return f"events.{index:05d}.tfevents"
    return f"results_{index:05d}.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rules = load_ruleset()
    with tempfile.TemporaryDirectory(prefix="osai-scan-benchmark-") as temporary:
        root = Path(temporary)
        started = time.perf_counter()
        files = build_tree(root, args.files)
        built = time.perf_counter() - started
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            release = read_target(str(root), rules, ReadOptions())
            timings.append(time.perf_counter() - started)
    best = min(timings)
    present = sum(1 for component in release.components.values() if component.is_present)
    print(f"tree:    {files:,} files written in {built:.1f} s")
    rate = files / best
    print(f"scan:    {files:,} files, {best:.3f} s (best of {args.repeat}), {rate:,.0f} files/s")
    print(f"result:  {present} of {len(release.components)} components present")


if __name__ == "__main__":
    main()
