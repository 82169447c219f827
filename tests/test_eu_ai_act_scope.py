"""The EU AI Act binds providers of general-purpose AI models only (reference eu-ai-act.md,
checklist G1; guidelines para 17: indicatively, trained with more than 10^23 FLOP): a release
shown trained with less is not in its scope, in every report, and a gate on the Act passes it,
as nothing the exemption would lift is owed.  Compute above the threshold, or not stated, is
judged as before: an unknown scope is not "out of scope"."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from clirunner import ROOT, run_osai
from gate_manifests import write_manifest
from test_eu_ai_act import exempt_release
from test_formats import assert_valid_sarif

from osai.schemas import instance_errors

LABEL = "not in scope (indicative): trained with at most 10^23 FLOP"
PARA = "the guidelines' indicative threshold for a general-purpose AI model (para 17)"
OWED = "a general-purpose AI model's provider still owes"


def _small(tmp_path: Path, compute: str = "3.0e+21") -> Path:
    """A release that would not be exempt (monetised) and does not state its training-content
    summary: judged, it fails the gate and still owes the summary."""
    declared = {"training_compute_flop": compute, "monetisation": "price"}
    return write_manifest(tmp_path / "small.yml", exempt_release(declarations=declared))


def _flowing(text: str) -> str:
    return " ".join(text.split())  # as it reads, whatever the terminal wraps


@pytest.mark.parametrize("compute", ["3.0e+21", "1.0e+23"])  # at most 10^23: out
def test_a_model_trained_with_at_most_1e23_flop_is_not_in_the_act_s_scope(
    tmp_path: Path, compute: str
) -> None:
    path = _small(tmp_path, compute)
    result = run_osai("check", str(path), "-f", "eu-ai-act", "--format", "json")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    framework = document["targets"][0]["frameworks"][0]
    assert framework["outcome"] == "not-in-scope"
    assert framework["outcome_label"].startswith(LABEL)
    assert framework["definite"] is True
    assert framework["certainty"] == "declared"
    # nothing judged, so nothing said owed: a monetised model was "not exempt" and "still owed"
    # a copyright policy and a training-content summary the Act never asks of it
    assert framework["requirements"] == [] and framework["next_steps"] == []
    (scope,) = framework["scope"]
    assert (scope["id"], scope["status"]) == ("EUAIA-SCOPE-GPAI-COMPUTE", "unmet")
    assert scope["evidence"][0]["source"] == "manifest"
    text = _flowing(run_osai("check", str(path), "-f", "eu-ai-act").stdout)
    assert f"EU AI Act 2024/1689 — {LABEL}, {PARA[:-1]}; declared)" in text
    assert OWED not in text and "not exempt" not in text


@pytest.mark.parametrize(
    ("compute", "outcome"),
    [("3.0e+23", "not-exempt"), ("1.0000001e+23", "not-exempt"), (None, "not-exempt")],
)
def test_compute_above_1e23_or_not_stated_is_judged_as_before(
    tmp_path: Path, compute: str | None, outcome: str
) -> None:
    """Above the threshold, or not stated (unknown scope is not out of scope): judged, the
    monetised release not exempt, the summary still owed."""
    declared = {"training_compute_flop": compute, "monetisation": "price"}
    path = write_manifest(tmp_path / "m.yml", exempt_release(declarations=declared))
    result = run_osai("check", str(path), "-f", "eu-ai-act", "--format", "json")
    framework = json.loads(result.stdout)["targets"][0]["frameworks"][0]
    assert framework["outcome"] == outcome
    assert len(framework["requirements"]) == 11
    status = "unknown" if compute is None else "met"
    assert framework["scope"][0]["status"] == status
    text = _flowing(run_osai("check", str(path), "-f", "eu-ai-act").stdout)
    assert f"Whatever the outcome, {OWED}:" in text
    gate = run_osai("check", str(path), "--require", "eu-ai-act")
    assert gate.code == 1, gate.stdout


def test_a_model_the_commission_designated_is_in_scope_whatever_its_compute(
    tmp_path: Path,
) -> None:
    """A model declared designated as one with systemic risk (Art. 51(1)(b)) is a general-
    purpose AI model by that decision: 3e+21 FLOP does not put it out of scope.  It read "not
    in scope (indicative)", nothing owed, and `--require eu-ai-act` passed it; now it is
    judged, not exempt, and the gate fails."""
    declared = {"training_compute_flop": "3.0e+21", "systemic_risk_designation": "designated"}
    path = write_manifest(tmp_path / "m.yml", exempt_release(declarations=declared))
    result = run_osai("check", str(path), "--require", "eu-ai-act", "--format", "json")
    assert result.code == 1, result.stderr
    target = json.loads(result.stdout)["targets"][0]
    (framework,) = (f for f in target["frameworks"] if f["id"] == "eu-ai-act")
    assert framework["outcome"] == "not-exempt"
    (scope,) = framework["scope"]
    assert scope["status"] == "met"
    statuses = {r["id"]: r["status"] for r in framework["requirements"]}
    assert statuses["EUAIA-NOT-DESIGNATED"] == "unmet"
    assert target["policies"][0]["verdict"] == "FAIL"
    text = _flowing(run_osai("check", str(path), "--require", "eu-ai-act").stdout)
    assert "not in scope" not in text and OWED in text
    assert "FAIL --require eu-ai-act: not exempt" in text


def test_a_gate_on_the_act_passes_a_model_out_of_its_scope_in_every_report(
    tmp_path: Path,
) -> None:
    """`--require eu-ai-act` on a model shown trained with 3e+21 FLOP: PASS, "not in scope",
    and every report says the same (it failed: "not exempt", the model being monetised)."""
    path = _small(tmp_path)
    outputs = {fmt: tmp_path / f"report.{fmt}" for fmt in ("markdown", "json", "junit", "sarif")}
    args = [arg for fmt, out in outputs.items() for arg in ("-o", f"{fmt}={out}")]
    result = run_osai(
        "check", str(path), "--require", "eu-ai-act", *args, "--format", "github"
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert "::error" not in result.stdout
    assert "--require eu-ai-act met (not in scope)" in result.stdout
    notice = next(line for line in result.stdout.splitlines() if LABEL in line)
    assert notice.startswith("::notice") and notice.endswith("declared)"), notice
    document: dict[str, Any] = json.loads(outputs["json"].read_text("utf-8"))
    assert list(instance_errors("report", document)) == []
    (policy,) = document["targets"][0]["policies"]
    assert (policy["verdict"], policy["outcome"]) == ("PASS", "not-in-scope")
    assert document["gate"]["verdict"] == "PASS"
    markdown = outputs["markdown"].read_text("utf-8")
    assert "| — not in scope | ✅ **PASS** |" in markdown
    assert "| `--require eu-ai-act` | ✅ **PASS** | met \\(not in scope\\) |" in markdown
    assert "still owes" not in markdown
    log = json.loads(outputs["sarif"].read_text("utf-8"))
    assert_valid_sarif(log)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("EUAIA-SCOPE-GPAI-COMPUTE", "note")]
    assert LABEL in results[0]["message"]["text"]
    assert results[0]["properties"]["outcome"] == "not-in-scope"
    junit = ET.fromstring(outputs["junit"].read_text("utf-8"))
    assert junit.get("failures") == "0"
    skipped = [s.get("message", "") for s in junit.iter("skipped")]
    assert len(skipped) == 1 and LABEL in skipped[0]
    text = run_osai("check", str(path), "--require", "eu-ai-act")
    assert "PASS  --require eu-ai-act: not in scope (indicative)" in text.stdout
    quiet = _flowing(run_osai("check", str(path), "--require", "eu-ai-act", "-q").stdout)
    assert f"EU AI Act 2024/1689 — {LABEL}" in quiet
    assert "PASS --require eu-ai-act: not in scope" in quiet


def test_out_of_scope_on_a_card_s_inferred_compute_asks_the_compute_declared(
    tmp_path: Path,
) -> None:
    """A card's "trained with 2e21 FLOPs" (inferred) shows the model out of scope, but a gate
    at --min-certainty detected is NOT PROVEN, and says what to declare: it said "declare what
    was inferred", naming nothing."""
    model = tmp_path / "model"
    shutil.copytree(ROOT / "examples" / "tiny-model", model)
    card = model / "README.md"
    said = "\n## Training\n\nThe model was trained with 2e21 FLOPs on one GPU.\n"
    card.write_text(card.read_text("utf-8") + said, encoding="utf-8")
    result = run_osai("check", str(model), "--require", "eu-ai-act", "--format", "json")
    assert result.code == 1, result.stderr
    target = json.loads(result.stdout)["targets"][0]
    (framework,) = (f for f in target["frameworks"] if f["id"] == "eu-ai-act")
    assert (framework["outcome"], framework["certainty"]) == ("not-in-scope", "inferred")
    (policy,) = target["policies"]
    assert policy["verdict"] == "NOT PROVEN"
    assert policy["declare"] == "declare release.declarations.training_compute_flop"


def test_a_summary_of_several_targets_counts_one_out_of_scope_as_such(tmp_path: Path) -> None:
    """The summary's row and totals say "— not in scope", neither a pass nor a failure."""
    small = _small(tmp_path)
    large = write_manifest(tmp_path / "large.yml", exempt_release())
    result = run_osai("check", str(small), str(large), "-f", "eu-ai-act")
    assert result.code == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "small.yml" in line)
    assert row.split("small.yml", 1)[1].strip() == "— not in scope"
    assert "EU AI Act: 1 — not in scope, 1 ✔ exempt" in _flowing(result.stdout)


def test_a_declared_compute_the_card_contradicts_is_said_to_conflict(tmp_path: Path) -> None:
    """A manifest's 5e+22 FLOP kept the model "not in scope" (the gate passed) while its card
    said 3.8e+25, and no report said so: the declared number still stands, and the
    contradiction is a conflict, as two sources' ordered categories are."""
    model = tmp_path / "model"
    shutil.copytree(ROOT / "examples" / "tiny-model", model)
    card = model / "README.md"
    said = "\n## Training\n\nTraining used 3.8e25 FLOPs in total.\n"
    card.write_text(card.read_text("utf-8") + said, encoding="utf-8")
    (model / "osai.yaml").write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n  name: tiny\n  license: {distribution: {name: Apache-2.0}}\n"
        "  declarations:\n    training_compute_flop: 5e+22\n"
        "  components:\n    - name: Model parameters (Final)\n",
        encoding="utf-8",
    )
    result = run_osai("check", str(model), "-f", "eu-ai-act", "--format", "json")
    target = json.loads(result.stdout)["targets"][0]
    (framework,) = target["frameworks"]
    assert (framework["outcome"], framework["certainty"]) == ("not-in-scope", "declared")
    (conflict,) = (f for f in target["findings"] if "training compute" in f["message"])
    assert conflict["kind"] == "conflict"
    assert "the manifest says '5e+22'" in conflict["message"]
    assert "says '3.8e+25'; osai keeps the manifest's, '5e+22'" in conflict["message"]
    text = _flowing(run_osai("check", str(model), "-f", "eu-ai-act").stdout)
    assert "conflict: Cumulative training compute, in FLOP: the manifest says '5e+22'" in text


def test_verbose_names_the_evidence_that_puts_a_model_out_of_scope(tmp_path: Path) -> None:
    """-v gives every verdict's evidence: out of scope, it gave the source alone, and a reader
    could not see which compute, stated where, put the model out of the Act's scope."""
    path = _small(tmp_path)
    text = _flowing(run_osai("check", str(path), "-f", "eu-ai-act", "-v").stdout)
    line = next(
        n for n, said in enumerate(path.read_text("utf-8").splitlines(), 1) if "flop" in said
    )
    assert (
        "— EUAIA-SCOPE-GPAI-COMPUTE release.declarations.training_compute_flop: 3e+21, not more "
        f"than 1e+23 manifest {path}:{line} = 3e+21 (declared)"
    ) in text
