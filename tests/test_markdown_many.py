"""The Markdown of many targets (past five, each target's detail brief): what it keeps of what
the text report and the Markdown of one target say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, ROOT, run_osai
from loopback_hub import LoopbackHub

from osai.engine import assess
from osai.evidence import DataCredit, Finding, FindingKind, Release
from osai.formatters.escaping import markdown_code, markdown_text
from osai.formatters.findings import data_credits
from osai.formatters.markdown import COMMENT_LIMIT, render_markdown
from osai.formatters.text_summary import credits_said
from osai.report import Report, RunInfo, View
from osai.rules import load_ruleset
from osai.run import CheckRequest, run_check

AMBER = EXAMPLES / "amber.yml"
OTHERS = [EXAMPLES / name for name in ("pythia-70m.yml", "gpt-neox-20b.yml", "olmo-7b.yml")]
OTHERS += [EXAMPLES / "bloom.yml", EXAMPLES / "llama-2-7b.yml"]


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def render(fmt: str, *targets: str | Path, **options: Any) -> str:
    request = CheckRequest(tuple(str(t) for t in targets), output_format=fmt, **options)
    return run_check(request).stdout


def _blocks(markdown: str) -> dict[str, str]:
    """Each target's <details>, by its heading."""
    blocks = markdown.split("<details><summary>")[1:]
    return {block.split(" — ", 1)[0]: block for block in blocks}


def test_a_fail_is_not_hidden_beside_a_policy_not_proven(tmp_path: Path) -> None:
    """Past five targets, the brief table of required policies kept only those NOT PROVEN,
    headed "Required policies not proven": a target failing `--require mof:class-1` and not
    proven on `--require osaid` showed the NOT PROVEN row and not the FAIL."""
    noncommercial = tmp_path / "amber-nc.yml"
    said = AMBER.read_text("utf-8")
    assert "      license: MIT\n" in said
    noncommercial.write_text(said.replace("      license: MIT\n", "      license: CC-BY-NC-4.0\n"))
    output = render("markdown", noncommercial, *OTHERS, require=("osaid", "mof:class-1"))
    block = _blocks(output)["Amber"]
    assert "| `--require osaid` | ❔ **NOT PROVEN** |" in block
    assert "| `--require mof:class-1` | ❌ **FAIL** |" in block
    assert "Required policies not proven" not in output


def test_the_gate_s_tally_counts_targets_as_the_text_report_does() -> None:
    """The Markdown's "20 targets checked · required policies (…): 19 failed, 16 not proven, 5
    passed" counted policies and read as targets (120 targets and two policies: "120 failed,
    120 not proven").  Each format counts the targets by their gate, in the text report's
    words."""
    targets = (AMBER, EXAMPLES / "pythia-70m.yml", EXAMPLES / "llama-2-7b.yml")
    required = ("osaid", "mof:class-2")
    markdown = render("markdown", *targets, require=required)
    first = markdown.split("\n\n")[1]
    settings = "`--require osaid`, `--require mof:class-2`"
    assert (
        first == f"3 targets checked · gate ({settings}): 1 FAIL, 1 NOT PROVEN, 1 PASS — **FAIL**."
    )
    said = " ".join(render("text", *targets, require=required, view=View(width=200)).split())
    assert "gate (--require osaid, --require mof:class-2): 1 FAIL, 1 NOT PROVEN, 1 PASS" in said


@pytest.mark.parametrize("count", [1, 6, 120])
def test_the_public_assessments_used_are_credited_however_many_the_targets(count: int) -> None:
    """EOSAI's data is CC-BY-4.0: its attribution must be wherever its data is used.  The
    Markdown of 25 targets dropped the credit the text report gives ("public assessments used:
    …, EOSAI (…; CC-BY-4.0, …)"), each target's notes that carried it cut for room."""
    credit = DataCredit(
        "eosai",
        "European Open Source AI Index",
        "CC-BY-4.0",
        "Liesenfeld and Dingemanse (2024), CC-BY-4.0",
        entries=("eosai:ft.yaml",),
        creator="Liesenfeld and Dingemanse (2024)",
        link="https://osai-index.eu/",
    )
    note = Finding(FindingKind.NOTE, "EOSAI grades beside", credit=credit)
    report = _conflicting_report(count, note)
    output = render_markdown(report)
    said = credits_said(data_credits(report))
    assert "EOSAI (1 listing; CC-BY-4.0, Liesenfeld and Dingemanse (2024)" in said
    head = output.split("<details>", 1)[0]  # the head, never cut for room
    assert credits_said(data_credits(report), markdown_text, markdown_code) in head
    assert len(output) <= COMMENT_LIMIT


def _conflicting_report(count: int, *more: Finding) -> Report:
    """`count` fine-tunes, each declaring Apache-2.0 while its base model binds it to Llama 2's
    licence."""
    rules = load_ruleset()
    info = RunInfo("0.0.0", "3.29", (("osaid", "OSAID", "1.0", "default"),))
    assessments = []
    for index in range(count):
        release = Release(
            f"models/ft-{index}",
            "local",
            f"ft-{index}",
            findings=(Finding(FindingKind.CONFLICT, CONFLICT, stricter_kept=True), *more),
        )
        assessments.append(assess(release, rules, rules.default_frameworks()))
    return Report(info, tuple(assessments))


CONFLICT = (
    "declared Apache-2.0, but base model meta-llama/Llama-2-7b-hf is under the Llama 2 "
    "Community License Agreement, which applies to derivatives"
)


@pytest.mark.parametrize("count", [1, 6, 120])
def test_a_conflict_is_seen_without_unfolding_a_target(count: int) -> None:
    """A fine-tune declaring Apache-2.0 whose base model binds Llama 2's licence: the conflict
    was the last note inside the target's folded <details>, and left out with the findings
    where room was short.  The overview's row counts it; the detail says it first."""
    output = render_markdown(_conflicting_report(count))
    assert "| `models/ft-0` · ⚠ 1 conflict |" in output
    detail = output.split("<details><summary>ft-0 — ", 1)[1].split("</details>", 1)[0]
    said = markdown_text(f"conflict: {CONFLICT}")
    assert detail.index(said) < detail.index("**OSAID"), detail
    assert detail.count(said) == 1


def _lifted(markdown: str, heading: str) -> list[str]:
    """The lines said before a target's verdicts (its first "- " bullet)."""
    block = _blocks(markdown)[heading].split("</summary>", 1)[1]
    return block.split("\n- ", 1)[0].split()


def test_only_a_conflict_that_decides_something_is_marked_and_said_first(
    linked_world: LoopbackHub, tmp_path: Path
) -> None:
    """Every conflict was marked in the overview and said before the verdicts: 10 rows of 18,
    mostly a MOT listing outvoted by the release's own licence ("neither is more restrictive,
    so osai keeps 'Apache-2.0', what the release itself says"), and none stood out.  Marked and
    said first: the more restrictive licence kept (OLMo's datasets), a base model binding the
    licence (a fine-tune of Llama 2), a conflict a failing requirement rests on (Qwen's
    evaluation code left unknown under mof:class-2); Pythia's outvoted listing stays among
    the findings."""
    model = tmp_path / "ft"
    model.mkdir()
    card = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# ft\n"
    (model / "README.md").write_text(card, encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"weights")
    ids = ("EleutherAI/pythia-70m", "allenai/OLMo-7B", "Qwen/Qwen2.5-7B")
    required = ("--require", "osaid", "--require", "mof:class-2")
    # past five targets (the brief detail, no nested components table), two with no conflict
    examples = (str(AMBER), str(EXAMPLES / "llama-2-7b.yml"))
    targets = (*ids, str(model), *examples)
    args = ("check", *targets, "--follow", *required, "--format", "markdown")
    output = run_osai(*args, env={"HF_ENDPOINT": linked_world.endpoint}).stdout
    overview = output.split("<details>", 1)[0].splitlines()
    rows = {line.split(" |", 1)[0] for line in overview if line.startswith("| `")}
    assert rows == {
        "| `EleutherAI/pythia-70m`",
        "| `allenai/OLMo-7B` · ⚠ 1 conflict",
        "| `Qwen/Qwen2.5-7B` · ⚠ 1 conflict",
        f"| `{model}` · ⚠ 1 conflict",
        *(f"| `{example}`" for example in examples),
    }, rows
    outvoted = "neither is more restrictive, so osai keeps 'Apache-2.0', what the release itself"
    pythia = " ".join(_blocks(output)["EleutherAI/pythia-70m"].split())
    assert markdown_text(outvoted) in pythia.split("#### Findings", 1)[1]
    assert "conflict" not in " ".join(_lifted(output, "EleutherAI/pythia-70m"))
    assert "osai keeps the more restrictive" in " ".join(_lifted(output, "allenai/OLMo-7B"))
    qwen = " ".join(_lifted(output, "Qwen/Qwen2.5-7B"))
    assert "Evaluation code" in qwen and "stays unknown" in qwen
    assert "Model card" not in qwen  # the card's licence kept over the listing's 'unlicensed'
    assert "base model meta-llama/Llama-2-7b-hf" in " ".join(_lifted(output, "ft"))


def test_the_credit_names_its_command_as_code() -> None:
    """The credits line escaped its own backticks ("\\`osai db status\\`"): GitHub showed
    them literally.  The command is a code span; the databases' words are still data."""
    credit = DataCredit(
        "eosai", "European Open Source AI Index", "CC-BY-4.0", "x", creator="A_b *c*"
    )
    note = Finding(FindingKind.NOTE, "EOSAI grades beside", credit=credit)
    output = render_markdown(_conflicting_report(6, note))
    assert ": `osai db status` gives the full citation" in output
    assert "\\`" not in output
    assert markdown_text("CC-BY-4.0, A_b *c*") in output
