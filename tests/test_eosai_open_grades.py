"""EOSAI's open grades ask what a document covers ("all major parts", "fully documented"), which
osai never reads: a paper or a hardware section that merely exists shows the partial grade, and the
open one stays unknown unless a declaration states it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clirunner import run_osai
from loopback_hub import LoopbackHub


def _grades(model: str, hub: LoopbackHub, tmp_path: Path) -> dict[str, dict[str, Any]]:
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", model, "-f", "eosai", "--format", "json", env=env)
    assert result.code in (0, 1), result.stderr
    framework = json.loads(result.stdout)["targets"][0]["frameworks"][0]
    return {r["id"]: r["grade"] for r in framework["requirements"]}


def test_a_listed_research_paper_is_a_preprint_at_least_partial_not_open(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Grok-1's preprint was graded open on the Model Openness Tool's bare listing of a research
    paper (mot:models/Grok-1.yml, no link): "met open — Research paper: released".  That the
    paper exists says nothing of whether it details all major parts (the index's open)."""
    preprint = _grades("xai-org/grok-1", hub, tmp_path)["EOSAI-PREPRINT"]
    assert preprint["grade"] == "" and preprint["at_least"] == "partial", preprint


def test_a_short_hardware_section_beside_a_paper_is_not_a_full_documentation(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Falcon-180B's hardware architecture was graded open on an 87-character 'Compute
    Infrastructure' section and a research paper that exists: "fully documented" unread."""
    hardware = _grades("tiiuae/falcon-180B", hub, tmp_path)["EOSAI-HARDWARE-ARCHITECTURE"]
    assert hardware["grade"] == "" and hardware["at_least"] == "partial", hardware


def test_a_declaration_of_what_the_documents_cover_earns_the_open_grades(tmp_path: Path) -> None:
    """The open grades stay reachable: a publisher's declaration states what osai cannot read."""
    manifest = tmp_path / "declared.yml"
    manifest.write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n"
        "  name: declared\n  version: '1.0'\n  date: '2025-01-31'\n  producer: Lab\n"
        "  license: {distribution: {name: Apache-2.0}}\n"
        "  declarations:\n"
        "    base_model: false\n"
        "    training_hardware: 64 A100 GPUs for 21 days\n"
        "    training_setup_documentation: https://example.org/report#setup\n"
        "    preprint: https://arxiv.org/abs/2401.00001\n"
        "    preprint_all_parts: https://arxiv.org/abs/2401.00001\n"
        "    peer_reviewed_paper: https://aclanthology.org/2024.acl-long.1/\n"
        "    peer_reviewed_paper_all_parts: https://aclanthology.org/2024.acl-long.1/\n"
        "  components:\n"
        "    - name: Model parameters (Final)\n"
        "    - name: Research paper\n",
        encoding="utf-8",
    )
    result = run_osai("check", str(manifest), "-f", "eosai", "--format", "json")
    framework = json.loads(result.stdout)["targets"][0]["frameworks"][0]
    grades = {r["id"]: r["grade"]["grade"] for r in framework["requirements"]}
    assert grades["EOSAI-HARDWARE-ARCHITECTURE"] == "open"
    assert grades["EOSAI-PREPRINT"] == "open"
    assert grades["EOSAI-PAPER"] == "open"


def test_a_score_with_no_grade_known_but_some_bounded_says_its_range(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """DeepSeek-R1 without public assessments: every grade unknown, its model card at least
    partial; the headline said "not scored: none of 12 could be graded" beside a JSON range
    whose lowest was 0.0417."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    args = ("check", "deepseek-ai/DeepSeek-R1", "-f", "eosai", "--no-public-assessments")
    head = " ".join(run_osai(*args, env=env).stdout.split())
    assert "not scored" not in head
    assert "score 0.04 to 1.00 (osai's grading; 12 of 12 grades unknown)" in head


def test_an_applying_index_entry_s_open_preprint_and_paper_are_open(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The index's assessors read what osai cannot: DeepSeek-R1's entry (its own repository)
    grades the preprint and the paper open, which osai's grading could no longer reach once a
    paper's existence earned only the partial grade.  Without the entry, they stay unknown."""
    grades = _grades("deepseek-ai/DeepSeek-R1", hub, tmp_path)
    for rule in ("EOSAI-PREPRINT", "EOSAI-PAPER"):
        assert grades[rule]["grade"] == "open", (rule, grades[rule])
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    alone = run_osai(
        "check", "deepseek-ai/DeepSeek-R1", "-f", "eosai", "--no-public-assessments",
        "--format", "json", env=env,
    )  # fmt: skip
    framework = json.loads(alone.stdout)["targets"][0]["frameworks"][0]
    own = {r["id"]: r["grade"] for r in framework["requirements"]}
    assert own["EOSAI-PREPRINT"]["grade"] != "open", own["EOSAI-PREPRINT"]
