"""Which conflicts decide a verdict: one test (osai.formatters.findings.decides) that the
Markdown report, GitHub's --annotate failures and the JSON report (findings[].decides) share."""

from __future__ import annotations

import json
from pathlib import Path

from clirunner import run_osai
from loopback_hub import LoopbackHub

COMPUTE = "Cumulative training compute, in FLOP: the manifest says '5e+22'"
MANIFEST = """\
framework:
  name: Model Openness Framework
  version: "1.0"
  date: "2024-12-15"
release:
  name: m2
  license:
    distribution:
      name: Apache-2.0
  declarations:
    training_compute_flop: 5.0e+22
  components:
    - name: 'Model parameters (Final)'
"""
CARD = """\
---
license: apache-2.0
---
# m2

A language model that generates text. It was trained with 3.8e25 FLOP.
"""


def _compute_conflict(tmp_path: Path) -> Path:
    """A manifest's 5e+22 FLOP beside its card's 3.8e+25: the manifest's is kept, and puts the
    model out of the AI Act's scope."""
    model = tmp_path / "m2"
    model.mkdir()
    (model / "osai.yaml").write_text(MANIFEST, encoding="utf-8")
    (model / "README.md").write_text(CARD, encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"weights")
    return model


def test_a_conflict_of_numbers_a_scope_check_reads_is_marked_and_said_first(
    tmp_path: Path,
) -> None:
    """A conflict with no component was never marked: the compute the manifest kept put the
    model out of scope, the gate passed on it, and the Markdown said it last among the
    findings (it said "· ⚠ 2 conflicts" before the verdicts, then nothing)."""
    model = _compute_conflict(tmp_path)
    args = ("check", str(model), "-f", "eu-ai-act", "--require", "eu-ai-act")
    output = run_osai(*args, "--format", "markdown").stdout
    row = next(line for line in output.splitlines() if line.startswith(f"| `{model}`"))
    assert "⚠ 1 conflict" in row, row
    block = output.split("</summary>", 1)[1]
    assert block.index("conflict: Cumulative training compute") < block.index("**EU AI Act")
    # the model card the directory shows and the manifest does not list decides nothing here
    assert "conflict: Model card" not in block.split("#### Findings", 1)[0]
    document = json.loads(run_osai(*args, "--format", "json").stdout)
    findings = document["targets"][0]["findings"]
    decides = {f["message"].split(":", 1)[0]: f["decides"] for f in findings}
    assert decides == {"Cumulative training compute, in FLOP": True, "Model card": False}
    assert COMPUTE in next(f["message"] for f in findings if f["decides"])


def test_github_s_failures_keep_a_deciding_conflict_only_where_the_gate_fails(
    linked_world: LoopbackHub,
) -> None:
    """--annotate failures keeps what the gate fails for, and a deciding conflict on a component
    a failing requirement judges (its why).  One the gate never fails on took a failure's place
    under GitHub's cap: Qwen's Evaluation code, which OSAID does not require, pushed grok-1's
    OSAID-DATA-THIRD-PARTY-SOURCES out (amr).  The Markdown marks a deciding conflict whatever
    the gate, and --annotate all annotates it."""
    env = {"HF_ENDPOINT": linked_world.endpoint}
    args = ("check", "allenai/OLMo-7B", "EleutherAI/pythia-70m", "--follow")
    args = (*args, "--require", "mof:class-3")
    markdown = run_osai(*args, "--format", "markdown", env=env).stdout
    assert "| `allenai/OLMo-7B` · ⚠ 1 conflict" in markdown

    def conflicts(*more: str) -> list[str]:
        annotated = run_osai(*more, "--format", "github", env=env).stdout
        return [line for line in annotated.splitlines() if "title=osai conflict" in line]

    # OLMo's datasets (their stricter licence kept) are not asked for Class III
    assert conflicts(*args, "--annotate", "failures") == []
    every = conflicts(*args, "--annotate", "all")
    assert any("allenai/OLMo-7B: conflict: Datasets" in c for c in every), every
    gated = ("check", "Qwen/Qwen2.5-7B", "xai-org/grok-1", "--require", "osaid")
    failing = conflicts(*gated, "--annotate", "failures")
    assert failing and all("xai-org/grok-1: conflict: Inference code" in c for c in failing)
