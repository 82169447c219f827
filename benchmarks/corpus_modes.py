"""How MOF's default and strict modes change the Model Openness Tool's verdicts on the corpus.

    python benchmarks/corpus_modes.py [DIR]      (default: tests/fixtures/mot/models)

Prints, per mode, how many model files change class or progress against `mot`, and why: the
requirements whose status differs, with the licence text behind each.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from osai.engine import evaluate_framework
from osai.rules import load_ruleset
from osai.sources.manifest import read_manifest


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/mot/models")
    rules = load_ruleset()
    mof = rules.framework("mof")
    files = sorted(folder.glob("*.yml"))
    for mode in ("default", "strict"):
        class_changes, progress_changes, reasons = 0, 0, Counter[str]()
        examples: dict[str, str] = {}
        for path in files:
            release = read_manifest(path, rules)
            base = evaluate_framework(mof, "mot", release, rules)
            other = evaluate_framework(mof, mode, release, rules)
            class_changes += base.outcome != other.outcome
            progress_changes += base.progress != other.progress
            for before, after in zip(base.results, other.results, strict=True):
                if before.status != after.status and before.required:
                    licence = after.licence or "(no licence)"
                    key = f"{before.status.value}→{after.status.value}: {licence}"
                    reasons[key] += 1
                    examples.setdefault(key, f"{path.name} {after.requirement_id}")
        print(
            f"\n{mode} vs mot over {len(files)} files: {class_changes} change class, "
            f"{progress_changes} change progress"
        )
        for key, count in reasons.most_common(25):
            print(f"  {count:4}  {key}   e.g. {examples[key]}")


if __name__ == "__main__":
    main()
