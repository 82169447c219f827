"""The EU AI Act's open-source exemption over the bundled examples, the MOT corpus and the Hub
fixtures: how many are exempt, not exempt, not shown, and what blocks each.

    python benchmarks/eu_ai_act_table.py [--details]

- examples/*.yml (the bundled manifests);
- tests/fixtures/mot/models/*.yml (180 Model Openness Tool model files, read as manifests);
- the 18 Hub fixtures (tests/fixtures/hub/models), served by the loopback Hub
  (tests/loopback_hub.py) and read through the real Hub client, as `osai check ORG/NAME` reads them.

For every release not exempt it prints the conditions that are unmet (the blocking ones) with the
reason; for the others, which conditions are unknown (what is left to show or declare).  Offline:
the loopback Hub is a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")

from loopback_servers import linked_servers  # noqa: E402

from osai.assessment import FrameworkAssessment, Status  # noqa: E402
from osai.backends.hub import HubOptions  # noqa: E402
from osai.engine import evaluate_framework  # noqa: E402
from osai.errors import OsaiError  # noqa: E402
from osai.evidence import Release  # noqa: E402
from osai.rules import RuleSet, load_ruleset  # noqa: E402
from osai.sources.manifest import read_manifest  # noqa: E402
from osai.targets import ReadOptions, read_target  # noqa: E402

FRAMEWORK = "eu-ai-act"
OUTCOMES = ("exempt", "not-exempt", "exemption-not-shown")


@dataclass(frozen=True)
class Row:
    corpus: str
    name: str
    licence: str
    judged: FrameworkAssessment

    def ids(self, status: Status) -> list[str]:
        return [
            r.requirement_id.removeprefix("EUAIA-")
            for r in self.judged.results
            if r.decides and r.status is status
        ]

    def blocking(self) -> str:
        return "; ".join(
            f"{r.requirement_id.removeprefix('EUAIA-')}: {short(r.reason.text)}"
            for r in self.judged.results
            if r.decides and r.status is Status.UNMET
        )


def short(text: str, limit: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def weights_licence(release: Release) -> str:
    licence = release.component("model-parameters-final").licence
    return licence.text if licence is not None else "?"


def manifests(directory: Path, corpus: str, rules: RuleSet) -> Iterator[Row]:
    framework = rules.framework(FRAMEWORK)
    for path in sorted(directory.glob("*.yml")):
        try:
            release = read_manifest(path, rules)
        except OsaiError as error:
            print(f"skipped {path.name}: {error}", file=sys.stderr)
            continue
        judged = evaluate_framework(framework, None, release, rules)
        yield Row(corpus, path.stem, weights_licence(release), judged)


def hub_models(rules: RuleSet) -> Iterator[Row]:
    framework = rules.framework(FRAMEWORK)
    # The Hub fixtures, their links followed (as `osai check` does for a Hub model).
    with linked_servers() as live, tempfile.TemporaryDirectory(prefix="osai-euaia-") as cache:
        options = HubOptions(endpoint=live.hub.endpoint, cache_dir=Path(cache) / "hub")
        links = Path(cache) / "links"
        for repo_id in live.hub.repo_ids:
            release = read_target(repo_id, rules, ReadOptions(hub=options, cache_dir=links))
            judged = evaluate_framework(framework, None, release, rules)
            yield Row("hub", repo_id, weights_licence(release), judged)


def summary(rows: list[Row]) -> list[str]:
    lines = ["| corpus | releases | exempt | not exempt | not shown |", "|---|---|---|---|---|"]
    for corpus in dict.fromkeys(row.corpus for row in rows):
        counts = Counter(row.judged.outcome for row in rows if row.corpus == corpus)
        total = sum(counts.values())
        cells = [str(counts.get(outcome, 0)) for outcome in OUTCOMES]
        lines.append(f"| {corpus} | {total} | " + " | ".join(cells) + " |")
    return lines


def blocking_table(rows: list[Row]) -> list[str]:
    """Every release not exempt, with the conditions that block it."""
    lines = ["| corpus | release | weights licence | blocking (unmet) |", "|---|---|---|---|"]
    for row in rows:
        if row.judged.outcome == "not-exempt":
            lines.append(f"| {row.corpus} | {row.name} | `{row.licence}` | {row.blocking()} |")
    return lines


def blocking_counts(rows: list[Row]) -> list[str]:
    counts = Counter(rid for row in rows for rid in row.ids(Status.UNMET))
    return [f"- {rid}: {n}" for rid, n in counts.most_common()]


def unknown_counts(rows: list[Row]) -> list[str]:
    """For the releases not shown exempt: which conditions stay unknown, and how often."""
    shown = [row for row in rows if row.judged.outcome == "exemption-not-shown"]
    counts = Counter(rid for row in shown for rid in row.ids(Status.UNKNOWN))
    return [f"- {rid}: {n} of {len(shown)}" for rid, n in counts.most_common()]


def not_shown_table(rows: list[Row]) -> list[str]:
    lines = ["| corpus | release | weights licence | unknown |", "|---|---|---|---|"]
    for row in rows:
        if row.judged.outcome == "exemption-not-shown" and row.corpus != "mot":
            unknown = ", ".join(row.ids(Status.UNKNOWN))
            lines.append(f"| {row.corpus} | {row.name} | `{row.licence}` | {unknown} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="every not-exempt MOT release too")
    args = parser.parse_args()
    rules = load_ruleset()
    rows = [
        *manifests(ROOT / "examples", "examples", rules),
        *manifests(ROOT / "tests" / "fixtures" / "mot" / "models", "mot", rules),
        *hub_models(rules),
    ]
    print("## EU AI Act open-source exemption (rules/frameworks/eu-ai-act.yaml)\n")
    print("\n".join(summary(rows)))
    print("\n### Blocking conditions (unmet), over all not-exempt releases\n")
    print("\n".join(blocking_counts(rows)))
    print("\n### Conditions left unknown, over all releases not shown exempt\n")
    print("\n".join(unknown_counts(rows)))
    shown = rows if args.details else [r for r in rows if r.corpus != "mot"]
    print("\n### Not exempt: what blocks each" + ("" if args.details else " (examples, Hub)"))
    print()
    print("\n".join(blocking_table(shown)))
    print("\n### Not shown exempt (examples, Hub): what is unknown\n")
    print("\n".join(not_shown_table(rows)))
    mot_licences = Counter(
        row.licence for row in rows if row.corpus == "mot" and row.judged.outcome == "not-exempt"
    )
    print("\n### MOT releases not exempt, by weights licence\n")
    print("\n".join(f"- `{licence}`: {n}" for licence, n in mot_licences.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
