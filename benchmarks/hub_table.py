"""What osai finds in each of the 18 corpus Hub repositories, and the verdicts, as a Markdown table.

    python benchmarks/hub_table.py

Starts the loopback Hub (tests/loopback_hub.py) on 127.0.0.1 with the corpus fixtures
(tests/fixtures/hub/models), checks every repository through osai's Hub source and the real
huggingface_hub client with a temporary cache, and prints one row per repository: the licence as
found (raw, with where it was found) and as SPDX id or LicenseRef, then weights, model card,
evaluation results, datasets, paper, code links, intermediate checkpoints and gating, each with its
evidence location, then the OSAID and MOF outcomes (default mode).  Nothing leaves the machine.

Marks: ✔ present, ✘ stated not released, ? unknown (not seen).  An outcome in italics is not
definite (the best level proven, with requirements still unknown).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

# As a user would run it, with no telemetry side request and no stored token sent.
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")

from loopback_hub import LoopbackHub  # noqa: E402

from osai.assessment import Assessment, FrameworkAssessment  # noqa: E402
from osai.backends.hub import HubOptions  # noqa: E402
from osai.engine import assess  # noqa: E402
from osai.evidence import ComponentEvidence, Presence, Provenance, Release  # noqa: E402
from osai.licenses import parse_licence  # noqa: E402
from osai.rules import RuleSet, load_ruleset  # noqa: E402
from osai.targets import ReadOptions, read_target  # noqa: E402

MARKS = {Presence.PRESENT: "✔", Presence.ABSENT: "✘", Presence.UNKNOWN: "?"}
CODE = {
    "training-code": "training",
    "evaluation-code": "evaluation",
    "inference-code": "inference",
    "data-preprocessing-code": "preprocessing",
}
PAPERS = ("research-paper", "technical-report")
COLUMNS = (
    "repository",
    "licence as found",
    "licence (SPDX / LicenseRef)",
    "weights",
    "model card",
    "evaluation results",
    "datasets",
    "paper",
    "code links",
    "intermediate checkpoints",
    "gating",
    "OSAID",
    "MOF",
)
_CARD_SAID = re.compile(r"the card says '([^']*)'")


def where(provenance: Provenance) -> str:
    """A fact's location, with its line when it has one."""
    return f"{provenance.location}:{provenance.line}" if provenance.line else provenance.location


def cell(*parts: str) -> str:
    return "<br>".join(part.replace("|", "\\|") for part in parts if part)


def licence_found(release: Release) -> str:
    licence = release.component("model-card").licence
    if licence is None:
        return "? none stated"
    said = _CARD_SAID.search(licence.provenance.note)
    card = f" (the card's id: `{said[1]}`)" if said else ""
    return f"`{licence.text}` @ {where(licence.provenance)}{card}"


def licence_spdx(release: Release, rules: RuleSet) -> str:
    licence = release.component("model-card").licence
    if licence is None:
        return "?"
    return parse_licence(licence.text, rules.licences, exact=False).display


def component(evidence: ComponentEvidence) -> str:
    mark = MARKS[evidence.presence]
    if not evidence.provenance:
        if evidence.licence is not None and evidence.licence.inherited_from:
            return f"{mark} not seen; licence from {where(evidence.licence.provenance)}"
        return f"{mark} not seen"
    first = evidence.provenance[0]
    more = f" (+{len(evidence.provenance) - 1})" if len(evidence.provenance) > 1 else ""
    return f"{mark} {where(first)}{more}"


def valued(evidence: ComponentEvidence, label: str = "") -> str:
    """A component known by a value (a URL, an arXiv id), with where that value was found."""
    if evidence.presence is Presence.UNKNOWN:
        return ""
    first = evidence.provenance[0]
    name = f"{label}: " if label else ""
    return f"{MARKS[evidence.presence]} {name}{first.value} @ {where(first)}"


def datasets(release: Release) -> str:
    fact = release.facts.get("public_data_sources")
    if fact is not None:
        return f"✔ {fact.value} @ {where(fact.provenance)}"
    return valued(release.component("datasets")) or "? not named"


def papers(release: Release) -> str:
    found = [valued(release.component(c), c.replace("-", " ")) for c in PAPERS]
    return cell(*found) or "? not found"


def code_links(release: Release) -> str:
    found = [valued(release.component(c), label) for c, label in CODE.items()]
    return cell(*found) or "? none"


def gating(release: Release) -> str:
    parts = []
    for finding in release.findings:
        for provenance in finding.provenance:
            if provenance.location == "gated" or "gat" in provenance.value:
                parts.append(f"{provenance.value} @ {provenance.location}")
    return cell(*dict.fromkeys(parts)) or "none shown"


def verdict(framework: FrameworkAssessment) -> str:
    return framework.outcome if framework.definite else f"*{framework.outcome}*"


def row(repo_id: str, release: Release, assessment: Assessment, rules: RuleSet) -> list[str]:
    outcomes = {f.framework_id: verdict(f) for f in assessment.frameworks}
    return [
        f"`{repo_id}`",
        licence_found(release),
        licence_spdx(release, rules),
        component(release.component("model-parameters-final")),
        component(release.component("model-card")),
        component(release.component("evaluation-results")),
        datasets(release),
        papers(release),
        code_links(release),
        component(release.component("model-parameters-intermediate")),
        gating(release),
        outcomes.get("osaid", ""),
        outcomes.get("mof", ""),
    ]


def table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def main() -> int:
    rules = load_ruleset()
    frameworks = list(rules.default_frameworks())
    rows = []
    with LoopbackHub() as hub, tempfile.TemporaryDirectory(prefix="osai-hub-table-") as cache:
        options = HubOptions(endpoint=hub.endpoint, cache_dir=Path(cache))
        for repo_id in hub.repo_ids:
            release = read_target(repo_id, rules, ReadOptions(hub=options))
            rows.append(row(repo_id, release, assess(release, rules, frameworks), rules))
    print(table(rows))
    print("\n✔ present · ✘ stated not released · ? unknown (not seen) · *italic*: not definite")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
