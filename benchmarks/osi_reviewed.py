"""osai's OSAID verdict on the corpus model files of the systems OSI reviewed, beside OSI's outcome.

    python benchmarks/osi_reviewed.py

For every requirement that is not met, the model-file line that causes it (or "no line": the file
has no place or no entry for it).
"""

from __future__ import annotations

from pathlib import Path

from osai.engine import evaluate_framework
from osai.rules import load_ruleset
from osai.targets import ReadOptions, read_target

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
MODELS = FIXTURES / "mot" / "models"
REVIEWED = FIXTURES / "osi-reviewed"
OSI_OUTCOMES = {
    "Pythia-160M": "passed",
    "OLMo-7B-hf": "passed",
    "Amber": "passed",
    "CrystalCoder": "passed",
    "T5": "passed",
    "Llama-2-7B": "failed",
    "Grok-1": "failed",
    "Phi-2": "failed",
    "Mixtral-8x22B-v0.1": "failed",
    "BLOOM": "fails on its licence",
    "StarCoder": "fails on its licence",
    "Falcon-180B": "fails on its licence",
}


def main() -> None:
    rules = load_ruleset()
    osaid = rules.framework("osaid")
    print(f"{'model file':<24} {'OSI':<22} osai")
    for name, outcome in OSI_OUTCOMES.items():
        path = MODELS / f"{name}.yml"
        path = path if path.exists() else REVIEWED / f"{name}.yml"
        # as `osai check` reads it: the inference rules apply (tests/test_osi_reviewed.py)
        release = read_target(str(path), rules, ReadOptions())
        judged = evaluate_framework(osaid, None, release, rules)
        certainty = f" ({judged.certainty.value})" if judged.certainty else ""
        verdict = f"{judged.outcome}{certainty}"
        print(f"{name + '.yml':<24} {outcome:<22} {verdict}")
        for result in judged.results:
            if result.required and result.status.value != "met":
                lines = sorted({p.line for p in result.evidence if p.line})
                where = "lines " + ",".join(map(str, lines)) if lines else "no line"
                print(
                    f"    {result.status.value:<7} {result.requirement_id:<32} {where:<14} "
                    f"{result.reason.text[:90]}"
                )


if __name__ == "__main__":
    main()
