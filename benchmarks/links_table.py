"""The 18 corpus Hub repositories before and after following their cards' links, one row each.

    python benchmarks/links_table.py [--latency 0]

Starts the loopback Hub, GitHub REST API and arXiv OAI-PMH servers (tests/loopback_*.py) with the
fixtures copied from the corpus (tests/fixtures/hub, tests/fixtures/links), and checks every
repository twice through osai's real pipeline: *before*, Hub-only (`--no-follow`, what osai did
before links were followed); *after*, following links (the default for a Hub model).  Each check
has a fresh cache, so every request is counted.

Columns: the OSAID outcome with its certainty, the MOF class (default mode), the required items
of both frameworks met / unmet / unknown, the links followed and the requests made (Hub, GitHub,
arXiv), and, where the Model Openness Tool's database (bundled, rules/assessments) lists the same
repository, the class the MOT gives its file (osai's `mot` mode reproduces the MOT's classifier).
Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loopback_servers import Servers, linked_servers  # noqa: E402

from osai.assessment import Assessment, FrameworkAssessment, Status  # noqa: E402
from osai.assessments.matching import match  # noqa: E402
from osai.assessments.mot import mot_release  # noqa: E402
from osai.assessments.store import load_databases  # noqa: E402
from osai.backends.hub import HubOptions  # noqa: E402
from osai.engine import assess  # noqa: E402
from osai.rules import RuleSet, load_ruleset  # noqa: E402
from osai.targets import ReadOptions, read_target  # noqa: E402


@dataclass(frozen=True)
class Checked:
    assessment: Assessment
    links: int
    requests: tuple[int, int, int]


def check(repo_id: str, rules: RuleSet, live: Servers, *, follow: bool) -> Checked:
    live.clear()
    with tempfile.TemporaryDirectory(prefix="osai-links-table-") as cache:
        options = ReadOptions(
            hub=HubOptions(endpoint=live.hub.endpoint, cache_dir=Path(cache) / "hub"),
            follow=follow,
            cache_dir=Path(cache) / "links",
        )
        release = read_target(repo_id, rules, options)
    assessment = assess(release, rules, list(rules.default_frameworks()))
    return Checked(assessment, len(release.links), live.requests())


def outcome(framework: FrameworkAssessment | None) -> str:
    if framework is None:
        return ""
    certainty = f" ({framework.certainty.value})" if framework.certainty else ""
    shown = framework.outcome if framework.definite else f"*{framework.outcome}*"
    return f"{shown}{certainty}"


def counts(framework: FrameworkAssessment | None) -> str:
    if framework is None:
        return ""
    required = [r for r in framework.results if r.required]
    met = sum(r.status is Status.MET for r in required)
    unmet = sum(r.status is Status.UNMET for r in required)
    unknown = sum(r.status is Status.UNKNOWN for r in required)
    return f"{met}/{unmet}/{unknown}"


def by_id(assessment: Assessment, framework_id: str) -> FrameworkAssessment | None:
    return next((f for f in assessment.frameworks if f.framework_id == framework_id), None)


def mot_class(repo_id: str, rules: RuleSet) -> str:
    """The class the MOT's classifier gives the MOT file listing this repository, if any."""
    found = match(load_databases(rules), repo_id).mot
    if found is None or found.family:
        return ""
    release = mot_release(found, rules)
    mof = [f for f in rules.default_frameworks() if f.id == "mof"]
    judged = assess(release, rules, mof, {"mof": "mot"}).frameworks[0]
    return f"{judged.outcome} ({found.entry.file.removeprefix('models/')})"


COLUMNS = (
    "repository",
    "OSAID before",
    "OSAID after",
    "MOF before",
    "MOF after",
    "OSAID m/u/? before → after",
    "MOF m/u/? before → after",
    "links",
    "requests hub/gh/arXiv before → after",
    "MOT class (its file)",
)


def row(repo_id: str, before: Checked, after: Checked, rules: RuleSet) -> list[str]:
    cells = [f"`{repo_id}`"]
    for framework_id in ("osaid", "mof"):
        cells.append(outcome(by_id(before.assessment, framework_id)))
        cells.append(outcome(by_id(after.assessment, framework_id)))
    for framework_id in ("osaid", "mof"):
        was = counts(by_id(before.assessment, framework_id))
        now = counts(by_id(after.assessment, framework_id))
        cells.append(f"{was} → {now}")
    cells.append(str(after.links))
    cells.append(f"{'/'.join(map(str, before.requests))} → {'/'.join(map(str, after.requests))}")
    cells.append(mot_class(repo_id, rules))
    return cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per request")
    args = parser.parse_args()
    rules = load_ruleset()
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    with linked_servers(args.latency) as live:
        for repo_id in live.hub.repo_ids:
            before = check(repo_id, rules, live, follow=False)
            after = check(repo_id, rules, live, follow=True)
            lines.append("| " + " | ".join(row(repo_id, before, after, rules)) + " |")
    print("\n".join(lines))
    print(
        "\nm/u/?: required items met / unmet / unknown · *italic*: not definite · "
        "(certainty): the weakest evidence the outcome rests on"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
