"""Public assessments as evidence: the figures for issue #9, all on this machine.

    python benchmarks/public_assessments.py [--section matching|verdicts|audit|hostile|update]

- matching: how many of the MOT files and EOSAI entries a Hub id finds, and why the rest do not
  (benchmarks/assessment_matching.py, over the bundled snapshots);
- verdicts: the 18 Hub fixtures through the loopback Hub, GitHub and arXiv
  (benchmarks/loopback_servers.py), checked as `osai check ID` does for the default frameworks,
  without and with public assessments: outcome, MOF class and certainty side by side, and, for
  every model whose verdict changed, each requirement that changed and the evidence that did it;
- audit: `osai audit mot` over the MOT files whose repository the loopback Hub serves, with the
  full disagreement table (Markdown);
- hostile: an updated MOT and EOSAI snapshot holding an alias bomb, a 50 MB file, wrong types and
  Python tags (tests/fixtures/assessments/hostile), made by `osai db update`'s code from a
  loopback archive server, then `osai check EleutherAI/pythia-70m` with it: one warning each, and
  the check's answer;
- update: `osai db update` (the command) against a loopback archive server: success, a corrupt
  archive, offline.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from loopback_servers import environment, linked_servers  # noqa: E402

from osai.assessment import Assessment, FrameworkAssessment  # noqa: E402
from osai.engine import assess  # noqa: E402
from osai.rules import RuleSet, load_ruleset  # noqa: E402
from osai.run import select_frameworks  # noqa: E402
from osai.targets import ReadOptions, read_target  # noqa: E402

SECTIONS = ("matching", "verdicts", "audit", "hostile", "update")


@contextmanager
def fresh_environment() -> Iterator[Path]:
    """Caches and data in a temporary directory: no earlier run's answers, no user's update."""
    with tempfile.TemporaryDirectory(prefix="osai-public-") as scratch:
        root = Path(scratch)
        values = {
            "OSAI_CACHE_DIR": str(root / "cache"),
            "HF_HOME": str(root / "hf"),
            "OSAI_DATA_DIR": str(root / "data"),
        }
        with environment(values):
            yield root


# --- matching ----------------------------------------------------------------------------------


def matching() -> None:
    import assessment_matching

    sys.argv = ["assessment_matching.py", "--details"]
    assessment_matching.main()


# --- verdicts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    assessment: Assessment

    def framework(self, framework_id: str) -> FrameworkAssessment:
        return next(f for f in self.assessment.frameworks if f.framework_id == framework_id)

    def cell(self, framework_id: str) -> str:
        judged = self.framework(framework_id)
        level = judged.outcome_label if framework_id != "mof" else _mof(judged)
        certainty = judged.certainty.value if judged.certainty else "not definite"
        return f"{level} ({certainty})"


def _mof(judged: FrameworkAssessment) -> str:
    if judged.definite or judged.best_level_proven:
        return judged.level_short(judged.best_level_proven) if judged.best_level_proven else "none"
    return "none proven"


def verdicts() -> None:
    rules = load_ruleset()
    frameworks = select_frameworks(rules, ())
    changed: list[str] = []
    print("| Hub repository | OSAID without | OSAID with | MOF without | MOF with |")
    print("|---|---|---|---|---|")
    with fresh_environment(), linked_servers() as live:
        from osai.backends.hub import HubOptions

        hub = HubOptions(endpoint=live.hub.endpoint)
        for repo_id in live.hub.repo_ids:
            sides = [
                Side(
                    assess(
                        read_target(repo_id, rules, ReadOptions(hub=hub, public_assessments=p)),
                        rules,
                        frameworks,
                    )
                )
                for p in (False, True)
            ]
            before, after = sides
            print(
                f"| {repo_id} | {before.cell('osaid')} | {after.cell('osaid')} | "
                f"{before.cell('mof')} | {after.cell('mof')} |"
            )
            changed += _changes(repo_id, before, after, rules)
    print("\nWhat the public assessments changed (requirements whose status changed):\n")
    print("\n".join(changed) or "(nothing)")


def _changes(repo_id: str, before: Side, after: Side, rules: RuleSet) -> list[str]:
    lines: list[str] = []
    for judged in after.assessment.frameworks:
        earlier = before.framework(judged.framework_id)
        moved = [
            (old, new)
            for new in judged.results
            if (old := earlier.result(new.requirement_id)) is not None and old.status != new.status
        ]
        verdict_changed = (earlier.outcome, earlier.best_level_proven) != (
            judged.outcome,
            judged.best_level_proven,
        )
        if not moved and not verdict_changed:
            continue
        head = (
            f"- {repo_id}, {judged.short_name}: {earlier.outcome_label} -> {judged.outcome_label}"
            if verdict_changed
            else f"- {repo_id}, {judged.short_name}: verdict unchanged ({judged.outcome_label})"
        )
        lines.append(head)
        for old, new in moved:
            sources = sorted({p.source for p in new.evidence})
            reason = " ".join(new.reason.text.split())
            lines.append(
                f"    - {new.requirement_id}: {old.status.value} -> {new.status.value} "
                f"[{', '.join(sources)}] {reason[:300]}"
            )
    return lines


# --- audit ---------------------------------------------------------------------------------------


def audit() -> None:
    from osai.assessments import load_databases, match
    from osai.audit import AuditRequest, run_audit
    from osai.formatters.audit import render_audit_markdown

    rules = load_ruleset()
    with fresh_environment(), linked_servers() as live:
        databases = load_databases(rules)
        served = [
            repo
            for repo in live.hub.repo_ids
            if (found := match(databases, repo).mot) is not None and found.kind.value == "exact"
        ]
        audited = run_audit(AuditRequest("mot", only=tuple(served), jobs=4))
    print(render_audit_markdown(audited.report))


# --- hostile entries ---------------------------------------------------------------------------


def hostile() -> None:
    from assessment_archives import (
        EOSAI_PATH,
        FIXTURES,
        MOT_PATH,
        Member,
        archive_server,
        eosai_tree,
        loopback_download,
        mot_tree,
        tar_gz,
    )

    from osai.assessments.update import update_database
    from osai.run import CheckRequest, run_check

    rules = load_ruleset()
    mot, eosai = mot_tree(), eosai_tree()
    for name in ("alias-bomb.yml", "python-tag.yml", "wrong-types.yml"):
        mot[f"models/{name}"] = Member((FIXTURES / "hostile" / name).read_bytes())
    for name in ("python-tag.yaml", "wrong-types.yaml"):
        eosai[name] = Member((FIXTURES / "hostile" / name).read_bytes())
    eosai["alias-bomb.yaml"] = Member((FIXTURES / "hostile" / "alias-bomb.yml").read_bytes())
    fifty = b"release:\n" + b"  padding: xxxxxxxx\n" * 2_700_000
    mot["models/fifty-megabytes.yml"] = Member(fifty)
    eosai["fifty-megabytes.yaml"] = Member(fifty)
    with fresh_environment() as root, archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(mot, "model_openness_tool-HEAD", "ab" * 20)
        # Dated after the bundled EOSAI snapshot (2026-06-12), so that the update answers.
        server.routes[EOSAI_PATH] = tar_gz(eosai, "main-database-HEAD", "cd" * 20, 1_782_900_000)
        for database in ("mot", "eosai"):
            outcome = update_database(
                rules, root / "data", database, loopback_download, codeload_base=server.url
            )
            print(f"osai db update, {database}: {outcome.message}")
            for warning in outcome.warnings:
                print(f"  warning: {warning}")
        with linked_servers():
            result = run_check(CheckRequest(targets=("EleutherAI/pythia-70m",)))
    print("\nosai check EleutherAI/pythia-70m with that snapshot:")
    print(f"  exit code {result.exit_code}; warnings on standard error:")
    for warning in result.warnings:
        print(f"    osai: warning: {warning}")
    verdicts = [
        line for line in result.stdout.splitlines() if line.startswith(("OSAID 1.0", "MOF 1.0"))
    ]
    print("  " + "\n  ".join(verdicts))


# --- db update ---------------------------------------------------------------------------------


def update() -> None:
    from assessment_archives import (
        EOSAI_PATH,
        MOT_PATH,
        archive_server,
        eosai_tree,
        mot_tree,
        tar_gz,
    )
    from clirunner import run_osai

    commit = "0123456789abcdef0123456789abcdef01234567"
    with fresh_environment() as root, archive_server() as server:
        good = tar_gz(mot_tree(), "model_openness_tool-HEAD", commit)
        server.routes[MOT_PATH] = good
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", commit)
        env = {"OSAI_DATA_DIR": str(root / "data"), "OSAI_CODELOAD_URL": server.url}
        for title in ("success", "a corrupt archive (cut at a third)"):
            if title.startswith("a corrupt"):
                server.routes[MOT_PATH] = good[: len(good) // 3]
            result = run_osai("db", "update", env=env)
            print(f"$ osai db update   # {title}: exit {result.code}\n{result.stdout}")
        env["OSAI_CODELOAD_URL"] = "http://127.0.0.1:9"
        result = run_osai("db", "update", env=env)
        print(
            f"$ osai db update   # offline (nothing listens): exit {result.code}\n{result.stdout}"
        )
        status = run_osai("db", "status", env=env)
        print(f"$ osai db status\n{status.stdout}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--section", choices=SECTIONS, action="append")
    args = parser.parse_args()
    for section in args.section or SECTIONS:
        print(f"\n## {section}\n")
        globals()[section]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
