"""EOSAI grades from osai's evidence beside the index's own, for every entry whose model the Hub
fixtures serve.

    python benchmarks/eosai_agreement.py

Each of the 18 Hub fixtures (tests/fixtures/hub/models) is served by the loopback Hub and checked
under rules/frameworks/eosai.yaml, as `osai check ORG/NAME -f eosai` does; public assessments are
never evidence (osai.references only attaches the index's grades for comparison).  An entry
counts when the repository is the model it grades: the entry names this repository (exact,
renamed), its end model by name, or its base model (then only base-model and system parameters
compare).  Family matches and declared base models are listed, not compared.

Prints, for the parameters that compare: how often osai could grade them, the agreement among
those graded (same grade, one step apart, two apart), how unknown grades with a sure floor stand
against the experts' (consistent or contradicted), a confusion matrix (experts x osai), and every
difference with osai's reason.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")

from loopback_servers import linked_servers  # noqa: E402

from osai.assessment import ReferenceGrade, RequirementResult  # noqa: E402
from osai.backends.hub import HubOptions  # noqa: E402
from osai.engine import assess  # noqa: E402
from osai.references import with_references  # noqa: E402
from osai.rules import load_ruleset  # noqa: E402
from osai.targets import ReadOptions, read_target  # noqa: E402

SCALE = ("open", "partial", "closed")
COLUMNS = (*SCALE, "≥partial", "unknown")


@dataclass(frozen=True)
class Compared:
    repo: str
    entry: str
    grade: ReferenceGrade
    result: RequirementResult

    @property
    def osai(self) -> str:
        if self.grade.osai_grade:
            return self.grade.osai_grade
        return f"≥{self.grade.osai_at_least}" if self.grade.osai_at_least else "unknown"


def collect() -> tuple[list[Compared], list[str]]:
    rules = load_ruleset()
    framework = rules.framework("eosai")
    compared: list[Compared] = []
    notes: list[str] = []
    # The Hub fixtures, their links followed (as `osai check` does for a Hub model).
    with linked_servers() as live, tempfile.TemporaryDirectory(prefix="osai-eosai-") as cache:
        options = HubOptions(endpoint=live.hub.endpoint, cache_dir=Path(cache) / "hub")
        links = Path(cache) / "links"
        for repo_id in live.hub.repo_ids:
            release = read_target(repo_id, rules, ReadOptions(hub=options, cache_dir=links))
            (assessment,) = with_references(
                [assess(release, rules, (framework,))], (framework,), rules
            )
            (judged,) = assessment.frameworks
            reference = judged.reference
            if reference is None:
                notes.append(f"- {repo_id}: no EOSAI entry")
                continue
            if not reference.about_this_repository:
                notes.append(f"- {repo_id}: {reference.how_matched} (shown, not compared)")
                continue
            notes.append(f"- {repo_id}: {reference.how_matched}")
            for grade in reference.grades:
                result = judged.result(grade.requirement_id)
                if grade.applies and grade.reference_grade and result is not None:
                    compared.append(Compared(repo_id, reference.entry, grade, result))
    return compared, notes


def agreement(compared: list[Compared]) -> list[str]:
    graded = [c for c in compared if c.grade.steps_apart is not None]
    steps = Counter(c.grade.steps_apart for c in graded)
    floors = [c for c in compared if not c.grade.osai_grade and c.grade.osai_at_least]
    consistent = sum(
        1
        for c in floors
        if SCALE.index(c.grade.reference_grade) <= SCALE.index(c.grade.osai_at_least)
    )
    lines = [
        f"Parameters compared (entry x parameter about this repository): {len(compared)}",
        f"- graded by osai: {len(graded)}; same {steps[0]}, one step apart {steps[1]}, "
        f"two apart {steps[2]}",
        f"- unknown with a sure floor: {len(floors)} (consistent with the experts: {consistent}, "
        f"contradicted: {len(floors) - consistent})",
        f"- unknown: {len(compared) - len(graded) - len(floors)}",
    ]
    return lines


def per_parameter(compared: list[Compared]) -> list[str]:
    lines = [
        "| parameter | compared | graded | same | one step | two apart | ≥ floor | unknown |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for parameter in dict.fromkeys(c.grade.parameter for c in compared):
        rows = [c for c in compared if c.grade.parameter == parameter]
        steps = Counter(c.grade.steps_apart for c in rows if c.grade.steps_apart is not None)
        graded = sum(steps.values())
        floors = sum(1 for c in rows if not c.grade.osai_grade and c.grade.osai_at_least)
        unknown = len(rows) - graded - floors
        lines.append(
            f"| {parameter} | {len(rows)} | {graded} | {steps[0]} | {steps[1]} | {steps[2]} "
            f"| {floors} | {unknown} |"
        )
    return lines


def confusion(compared: list[Compared]) -> list[str]:
    counts = Counter((c.grade.reference_grade, c.osai) for c in compared)
    lines = [
        "| experts \\ osai | " + " | ".join(COLUMNS) + " |",
        "|---|" + "---|" * len(COLUMNS),
    ]
    for expert in SCALE:
        cells = [str(counts.get((expert, column), 0)) for column in COLUMNS]
        lines.append(f"| {expert} | " + " | ".join(cells) + " |")
    return lines


def differences(compared: list[Compared]) -> list[str]:
    lines = []
    for c in compared:
        if c.grade.steps_apart:
            reason = " ".join(c.result.reason.text.split())
            lines.append(
                f"- {c.repo} / {c.grade.parameter}: experts {c.grade.reference_grade} "
                f'("{c.grade.notes}"), osai {c.osai}: {reason}'
            )
    return lines


def main() -> int:
    compared, notes = collect()
    print("## EOSAI grades from osai's evidence beside the index's (rules/frameworks/eosai.yaml)\n")
    print("Matches:\n")
    print("\n".join(notes))
    print()
    print("\n".join(agreement(compared)))
    print("\n### Per parameter\n")
    print("\n".join(per_parameter(compared)))
    print("\n### Confusion matrix (rows: the index's experts; columns: osai)\n")
    print("\n".join(confusion(compared)))
    print("\n### Where osai and the experts differ\n")
    print("\n".join(differences(compared)) or "(none)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
