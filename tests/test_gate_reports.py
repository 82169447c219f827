"""Every CI report of a gated run says what its exit code says: Markdown (the job summary),
JSON, SARIF, GitHub annotations, JUnit and the text report, run as a CI job runs them."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, ROOT, run_osai
from test_formats import assert_valid_sarif

from osai.schemas import instance_errors

TINY = "examples/tiny-model"
FORMATS = ("markdown", "json", "junit", "sarif")


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _outputs(tmp_path: Path) -> tuple[list[str], dict[str, Path]]:
    paths = {fmt: tmp_path / f"report.{fmt}" for fmt in FORMATS}
    return [arg for fmt, path in paths.items() for arg in ("-o", f"{fmt}={path}")], paths


def _sarif(path: Path) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(path.read_text("utf-8"))
    assert_valid_sarif(log)
    return log


def test_fail_on_unknown_fails_every_report_as_it_fails_the_exit_code(tmp_path: Path) -> None:
    """tiny-model reaches MOF Class III, but Class II waits on two unknowns: --require
    mof:class-3 passes, --fail-on-unknown fails the run, and every report says so."""
    args, paths = _outputs(tmp_path)
    result = run_osai(
        "check", TINY, "--require", "mof:class-3", "--fail-on-unknown", *args, "--format", "github"
    )
    assert result.code == 1, result.stderr
    why = "--fail-on-unknown: MOF 1.0 not proven (not definite: 2 unknown)"
    # at the directory's card: a directory is no file
    title = "title=policy --fail-on-unknown"
    assert f"::error file={TINY}/README.md,{title}::{TINY}: {why}" in result.stdout
    summary = paths["markdown"].read_text("utf-8").split("\n\n")[1]
    assert summary.endswith("--fail-on-unknown: 1 verdict not proven — **NOT PROVEN**."), summary
    # beside the gate's NOT PROVEN, the reason alone: the row read "NOT PROVEN | MOF 1.0 not
    # proven (not definite: 2 unknown)"
    row = r"| `--fail-on-unknown` | ❔ **NOT PROVEN** | MOF 1.0 not definite: 2 unknown |"
    assert row in paths["markdown"].read_text("utf-8")
    document = json.loads(paths["json"].read_text("utf-8"))
    assert list(instance_errors("report", document)) == []
    assert document["fail_on_unknown"] is True
    (target,) = document["targets"]
    assert [p["verdict"] for p in target["policies"]] == ["PASS"]
    assert target["unsettled"] == [
        {
            "framework": "mof",
            "name": "MOF 1.0",
            "verdict": "NOT PROVEN",
            "reason": "not definite: 2 unknown",
            "written_at": "",  # the flag, not a settings file
            "unknown": 2,
            "certainty": "detected",
            "below_certainty": None,
        }
    ]
    errors = [r for r in _sarif(paths["sarif"])["runs"][0]["results"] if r["level"] == "error"]
    gate = [r for r in errors if r["ruleId"] == "OSAI-FAIL-ON-UNKNOWN"]
    assert [r["message"]["text"] for r in gate] == [f"tiny-model: {why}"]
    junit = ET.fromstring(paths["junit"].read_text("utf-8"))
    failures = junit.findall(".//testcase[@name='--fail-on-unknown']/failure")
    assert [f.get("message") for f in failures] == [why]  # MOF only: the framework required
    assert int(junit.get("failures", "0")) >= 1
    # one wording in every report, on standard error too: the text report said "MOF 1.0 not
    # definite: 2 unknown", standard error "MOF 1.0 is not definite (Class III - Open Model; 2
    # unknown)"; the gate's line says NOT PROVEN once (it read "NOT PROVEN  --fail-on-unknown:
    # MOF 1.0 not proven (...)")
    text = run_osai("check", TINY, "--require", "mof:class-3", "--fail-on-unknown")
    beside = "--fail-on-unknown: MOF 1.0 not definite: 2 unknown"
    assert f"gate       NOT PROVEN  {beside}\n" in text.stdout
    assert f"osai: warning: {TINY}: {why}\n" in text.stderr


def test_fail_on_unknown_met_passes_every_report(tmp_path: Path) -> None:
    """A definite verdict: the run passes, and no report says otherwise."""
    args, paths = _outputs(tmp_path)
    pythia = str(EXAMPLES / "pythia-70m.yml")
    result = run_osai("check", pythia, "--require", "osaid", "--fail-on-unknown", *args)
    assert result.code == 0, result.stderr
    assert "— **PASS**." in paths["markdown"].read_text("utf-8")
    assert json.loads(paths["json"].read_text("utf-8"))["targets"][0]["unsettled"] == []
    junit = ET.fromstring(paths["junit"].read_text("utf-8"))
    assert junit.get("failures") == "0"
    assert len(junit.findall(".//testcase[@name='--fail-on-unknown']")) == 1
    levels = {r["level"] for r in _sarif(paths["sarif"])["runs"][0]["results"]}
    assert "error" not in levels


def test_a_policy_that_fails_is_not_failed_again_by_fail_on_unknown(tmp_path: Path) -> None:
    """`--require osaid --fail-on-unknown` on a verdict not demonstrated gave two errors for one
    cause (GitHub, Markdown, JUnit, SARIF): the required policy's NOT PROVEN, and
    --fail-on-unknown's for the same framework."""
    args, paths = _outputs(tmp_path)
    # not demonstrated: nothing violates OSAID, 2 requirements unknown
    pythia = str(Path(__file__).parent / "fixtures" / "mot" / "models" / "Pythia-1.4B.yml")
    result = run_osai(
        "check", pythia, "--require", "osaid", "--fail-on-unknown", *args, "--format", "github"
    )
    assert result.code == 1, result.stderr
    errors = [line for line in result.stdout.splitlines() if "title=policy" in line]
    assert len(errors) == 1 and "--require osaid not proven" in errors[0], errors
    assert "--fail-on-unknown:" not in result.stderr
    assert json.loads(paths["json"].read_text("utf-8"))["targets"][0]["unsettled"] == []
    markdown = paths["markdown"].read_text("utf-8")
    assert "| `--fail-on-unknown` |" not in markdown
    assert "| `--require osaid` | ❔ **NOT PROVEN** |" in markdown
    # nor passed: a JUnit viewer showed --fail-on-unknown green beside a verdict not definite
    junit = ET.fromstring(paths["junit"].read_text("utf-8"))
    (case,) = junit.findall(".//testcase[@name='--fail-on-unknown']")
    assert [child.tag for child in case] == ["skipped"], ET.tostring(case)
    assert case[0].get("message") == (
        "not judged apart: --require osaid not proven (not demonstrated) fails the run"
    )


def test_fail_on_unknown_beside_a_failed_policy_on_weak_evidence_is_no_junit_pass(
    tmp_path: Path,
) -> None:
    """A card's non-commercial licence fails `--require osaid` on detected evidence; at
    `--min-certainty declared` --fail-on-unknown alone fails that verdict as not proven.  Beside
    the policy's failure its JUnit case passed, the one report that called the verdict proven
    (the others, and the exit code, leave it to the policy)."""
    model = tmp_path / "nc-model"
    model.mkdir()
    (model / "README.md").write_text("---\nlicense: cc-by-nc-4.0\n---\n# NC model\n", "utf-8")
    (model / "model.safetensors").write_bytes(b"\0" * 16)
    weak = ("--fail-on-unknown", "--min-certainty", "declared", "-f", "osaid")
    alone = run_osai("check", str(model), *weak)
    assert alone.code == 1 and "NOT PROVEN  --fail-on-unknown: OSAID 1.0" in alone.stdout
    result = run_osai("check", str(model), "--require", "osaid", *weak, "--format", "junit")
    assert result.code == 1, result.stderr
    junit = ET.fromstring(result.stdout)
    (case,) = junit.findall(".//testcase[@name='--fail-on-unknown']")
    assert [child.tag for child in case] == ["skipped"], ET.tostring(case)
    assert str(case[0].get("message")).startswith(
        "not judged apart: --require osaid not met (not conformant"
    )


def test_a_gate_not_proven_on_weak_evidence_is_a_sarif_error() -> None:
    """Amber is OSAID conformant only on inferred evidence: --require osaid is NOT PROVEN and
    exits 1; no requirement is an error, so the gate's own result must be."""
    result = run_osai(
        "check", str(EXAMPLES / "amber.yml"), "--require", "osaid", "--format", "sarif"
    )
    assert result.code == 1, result.stderr
    log = json.loads(result.stdout)
    assert_valid_sarif(log)
    (run,) = log["runs"]
    gate = [r for r in run["results"] if r["ruleId"] == "OSAI-REQUIRE"]
    assert [(r["level"], r["message"]["text"]) for r in gate] == [
        (
            "error",
            "Amber: --require osaid not proven (conformant, reached only on inferred evidence)"
            f": {AMBER_DECLARE}",
        )
    ]
    rule = run["tool"]["driver"]["rules"][gate[0]["ruleIndex"]]
    assert rule["id"] == "OSAI-REQUIRE"
    uri = gate[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "examples/amber.yml"
    met = json.loads(
        run_osai(
            "check", str(EXAMPLES / "pythia-70m.yml"), "--require", "osaid", "--format", "sarif"
        ).stdout
    )
    assert not [r for r in met["runs"][0]["results"] if r["ruleId"] == "OSAI-REQUIRE"]


AMBER_DECLARE = (
    "declare release.data_information.training_data_description, "
    "release.data_information.public_data_sources, "
    "release.data_information.third_party_data_sources, "
    "release.data_information.unshareable_data_description"
)


def test_a_gate_not_proven_on_weak_evidence_says_what_to_declare_in_every_report(
    tmp_path: Path,
) -> None:
    """The text report's gate line names what to declare to make Amber's OSAID verdict
    definite; JUnit's failure, the GitHub gate annotation, SARIF's gate result and the job
    summary said only "reached only on inferred evidence", and nothing else in them named it."""
    args, paths = _outputs(tmp_path)
    amber = str(EXAMPLES / "amber.yml")
    require = ("--require", "osaid")
    result = run_osai(
        "check", amber, *require, *args, "--format", "github", "--annotate", "failures"
    )
    assert result.code == 1, result.stderr
    said = "--require osaid not proven (conformant, reached only on inferred evidence): "
    said += AMBER_DECLARE
    (gate,) = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert gate.endswith(f"::{amber}: {said}"), gate
    junit = ET.fromstring(paths["junit"].read_text("utf-8"))
    (failure,) = junit.findall(".//testcase[@name='--require osaid']/failure")
    assert failure.get("message") == f"required policy {said.removeprefix('--require osaid ')}"
    (sarif,) = [
        r for r in _sarif(paths["sarif"])["runs"][0]["results"] if r["ruleId"] == "OSAI-REQUIRE"
    ]
    assert sarif["message"]["text"] == f"Amber: {said}"
    markdown = paths["markdown"].read_text("utf-8").replace("\\", "")
    assert f"| {said.removeprefix('--require osaid ')} |" in markdown, markdown
    text = " ".join(run_osai("check", amber, *require).stdout.split())
    assert f"(--min-certainty detected): {AMBER_DECLARE} " in text


def test_the_json_report_says_what_to_declare_for_a_gate_not_proven_on_weak_evidence() -> None:
    """Amber's OSAID gate is NOT PROVEN at --min-certainty detected: the text, JUnit, GitHub,
    SARIF and Markdown reports named what to declare, the JSON report's policies only that it
    was reached on inferred evidence (certainty, below_certainty)."""
    amber = str(EXAMPLES / "amber.yml")
    pythia = str(EXAMPLES / "pythia-70m.yml")
    result = run_osai("check", amber, pythia, "--require", "osaid", "--format", "json")
    assert result.code == 1, result.stderr
    document = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    policies = {t["target"]: t["policies"] for t in document["targets"]}
    ((weak,), (met,)) = policies[amber], policies[pythia]
    assert (weak["verdict"], weak["below_certainty"]) == ("NOT PROVEN", "detected")
    assert weak["declare"] == AMBER_DECLARE
    assert (met["verdict"], met["declare"]) == ("PASS", "")


def test_a_gate_not_proven_names_what_it_waits_on_in_every_ci_report(tmp_path: Path) -> None:
    """examples/tiny-model at --require mof:class-2 is NOT PROVEN on two unknowns: the gate line
    on standard error named them (Inference code; Evaluation data), JUnit's failure, SARIF's
    OSAI-REQUIRE and the ::error said only "not proven (Class II not demonstrated: 2 unknown)",
    and JUnit left the two among nine skipped cases, seven of which block nothing."""
    args, paths = _outputs(tmp_path)
    require = ("--require", "mof:class-2")
    result = run_osai("check", TINY, *require, *args, "--format", "github", env={"COLUMNS": "80"})
    assert result.code == 1, result.stderr
    blockers = "Inference code; Evaluation data"
    said = f"not proven (Class II not demonstrated: 2 unknown) — {blockers}"
    (gate,) = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert gate.endswith(f"::{TINY}: --require mof:class-2 {said}"), gate
    junit = ET.fromstring(paths["junit"].read_text("utf-8"))
    (failure,) = junit.findall(".//testcase[@name='--require mof:class-2']/failure")
    assert failure.get("message") == f"required policy {said}"
    body = (failure.text or "").splitlines()
    assert [line.split(":")[0] for line in body] == [
        "MOF-C2-INFERENCE-CODE",
        "MOF-C2-EVALUATION-DATA",
    ]
    cases = {case.get("name", "") for case in junit.iter("testcase")}
    assert all(line.split(" — ")[0] in cases for line in body), body  # named as their cases
    (sarif,) = [
        r for r in _sarif(paths["sarif"])["runs"][0]["results"] if r["ruleId"] == "OSAI-REQUIRE"
    ]
    assert sarif["message"]["text"] == f"tiny-model: --require mof:class-2 {said}"
    document = json.loads(paths["json"].read_text("utf-8"))
    assert list(instance_errors("report", document)) == []
    (policy,) = document["targets"][0]["policies"]
    assert policy["blocked_by"] == blockers
    assert policy["blocking"] == ["MOF-C2-INFERENCE-CODE", "MOF-C2-EVALUATION-DATA"]
    alone = run_osai("check", TINY, *require, "-o", str(tmp_path / "r.xml"))
    assert f"mof:class-2: Class II not demonstrated: 2 unknown — {blockers}" in " ".join(
        alone.stderr.split()
    )


def test_a_gate_beyond_the_next_level_names_all_it_waits_on(tmp_path: Path) -> None:
    """A card and nothing else at --require mof:class-1 waits on 13 unknowns: the gate's words
    named the headline's five (Class III's), "+1 more unknown", as if six held Class I back."""
    (tmp_path / "README.md").write_text("---\nlicense: apache-2.0\n---\n# Bare\n", "utf-8")
    document = json.loads(
        run_osai(
            "check", str(tmp_path), "--require", "mof:class-1", "-f", "mof", "--format", "json"
        ).stdout
    )
    (policy,) = document["targets"][0]["policies"]
    assert policy["shortfall"] == "Class I not demonstrated: 13 unknown"
    assert len(policy["blocking"]) == 13
    assert policy["blocked_by"].endswith("; +9 more unknown"), policy["blocked_by"]
    assert "Research paper" not in policy["blocked_by"]  # among the nine, counted
    (tmp_path / ".osai.yaml").write_text(
        "waivers:\n  - rule: MOF-C2-INFERENCE-CODE\n    reason: shipped with the server\n",
        "utf-8",
    )
    require = ("--require", "mof:class-1", "-f", "mof", "--format", "json")
    waived = run_osai("check", ".", *require, cwd=tmp_path)
    (policy,) = json.loads(waived.stdout)["targets"][0]["policies"]
    assert len(policy["blocking"]) == 12
    assert policy["blocked_by"].endswith("; +8 more unknown; +1 more waived"), policy


def test_a_score_not_proven_names_its_unknown_grades(tmp_path: Path) -> None:
    """A card alone at --require eosai:0.5, 11 of 12 grades unknown: the gate's words named the
    headline's grade below the top, "— partial: Model card ...", as if improving the model card
    passed it, and `blocking` was []; a score that fails names the grades below the top."""
    (tmp_path / "README.md").write_text(
        "---\nlicense: apache-2.0\n---\n# Bare\n\nA model.\n", "utf-8"
    )
    require = ("-f", "eosai", "--format", "json", "--require")
    document = json.loads(run_osai("check", str(tmp_path), *require, "eosai:0.5").stdout)
    (policy,) = document["targets"][0]["policies"]
    assert policy["verdict"] == "NOT PROVEN"
    label = document["targets"][0]["frameworks"][0]["outcome_label"]
    unknown = re.search(r"\((\d+) of 12 grades unknown\)", label)
    assert unknown is not None, label
    assert len(policy["blocking"]) == int(unknown[1]) > 1
    assert "partial" not in policy["blocked_by"], policy["blocked_by"]
    assert policy["blocked_by"].endswith(" more unknown"), policy["blocked_by"]
    failed = json.loads(run_osai("check", TINY, *require, "eosai:0.95").stdout)
    (policy,) = failed["targets"][0]["policies"]
    assert policy["verdict"] == "FAIL"
    assert policy["blocking"] == ["EOSAI-TRAINING-CODE", "EOSAI-LICENSES"]
    assert policy["blocked_by"].startswith("partial: Training code"), policy["blocked_by"]


def test_a_gate_short_only_of_certainty_names_no_level_above_as_its_blocker(
    tmp_path: Path,
) -> None:
    """Class III reached on detected evidence, NOT PROVEN at --min-certainty declared: the
    gate line said "declare Model architecture, … — Inference code; Evaluation data", the
    unknowns of Class II, which do not keep Class III back."""
    require = ("--require", "mof:class-3", "--min-certainty", "declared")
    result = run_osai("check", TINY, *require, "-o", str(tmp_path / "r.xml"))
    assert result.code == 1, result.stderr
    said = " ".join(result.stderr.split())
    assert "reached only on detected evidence (--min-certainty declared): declare" in said
    assert "Inference code" not in said
    document = json.loads(run_osai("check", TINY, *require, "--format", "json").stdout)
    (policy,) = document["targets"][0]["policies"]
    assert (policy["blocked_by"], policy["blocking"]) == ("", [])


def test_junit_marks_what_rests_on_inference(tmp_path: Path) -> None:
    """Amber's OSAID gate fails on four requirements met only by inference, yet JUnit showed
    them as plain passes, beside a suite property definite="true": nothing said which cases
    the failure rests on."""
    junit = tmp_path / "report.xml"
    amber = str(EXAMPLES / "amber.yml")
    assert run_osai("check", amber, "--require", "osaid", "-o", str(junit)).code == 1
    root = ET.fromstring(junit.read_text("utf-8"))
    certainty = {
        suite.get("name", "").rsplit(" · ", 1)[1]: prop.get("value")
        for suite in root.iter("testsuite")
        for prop in suite.iter("property")
        if prop.get("name") == "certainty"
    }
    assert certainty == {
        "Open Source AI Definition 1.0": "inferred",
        "Model Openness Framework 1.0": "declared",
    }
    marked = {
        case.get("name", "").split(": ")[0]: case.findtext("system-out")
        for case in root.iter("testcase")
        if case.find("system-out") is not None
    }
    assert marked == {
        # met on the declared data card and datasets by the OSI checklist's reading
        "OSAID-DATA-DESCRIPTION": "met on inferred evidence, not declared or detected: "
        "Data card: released",
        "OSAID-DATA-PUBLIC-SOURCES": "met on inferred evidence, not declared or detected: "
        "release.data_information.public_data_sources: the released datasets (the Datasets "
        "component) list the public training data",
        # the facts named where this manifest declares them, as every report names them
        "OSAID-DATA-THIRD-PARTY-SOURCES": "met on inferred evidence, not declared or detected: "
        "release.data_information.third_party_data_sources: none",
        "OSAID-DATA-UNSHAREABLE": "met on inferred evidence, not declared or detected: "
        "release.data_information.unshareable_data_description: none",
    }
    assert [
        c.find("failure") for c in root.iter("testcase") if c.find("system-out") is not None
    ] == [None] * 4


def test_markdown_headline_of_a_run_with_a_target_not_checked(tmp_path: Path) -> None:
    """The run exits 2: the job summary must not say PASS, nor count the target not checked as
    checked."""
    report = tmp_path / "summary.md"
    pythia = str(EXAMPLES / "pythia-70m.yml")
    result = run_osai("check", pythia, "nonexist.yml", "--require", "osaid", "-o", str(report))
    assert result.code == 2
    summary = report.read_text("utf-8").split("\n\n")[1]
    assert summary == (
        "1 target checked · 1 could not be checked · gate (`--require osaid`): 1 PASS — **ERROR**."
    )


@pytest.mark.parametrize(
    ("require", "code", "failing"),
    [
        (("--require", "mof:class-3"), 0, []),  # Class II's evaluation data is not asked for
        ((), 0, []),  # no gate: the run exits 0 whatever the verdicts
        (("--require", "mof:class-2"), 1, ["--require mof:class-2", "MOF-C2-EVALUATION-DATA"]),
    ],
)
def test_junit_fails_only_what_the_exit_code_is_about(
    tmp_path: Path, require: tuple[str, ...], code: int, failing: list[str]
) -> None:
    """GPT-NeoX-20B is MOF Class III; Class II needs evaluation data it did not release."""
    junit = tmp_path / "report.xml"
    neox = str(EXAMPLES / "gpt-neox-20b.yml")
    assert run_osai("check", neox, *require, "-o", str(junit)).code == code
    root = ET.fromstring(junit.read_text("utf-8"))
    failed = [
        c.get("name", "").split(": ")[0]
        for c in root.iter("testcase")
        if c.find("failure") is not None
    ]
    assert failed == failing
    assert root.get("failures") == str(len(failing))
    case = next(c for c in root.iter("testcase") if "MOF-C2-EVALUATION-DATA" in c.get("name", ""))
    skipped = case.find("skipped")
    if not failing:
        assert skipped is not None
        why = "outside what --require asks for" if require else "no --require"
        assert skipped.get("message", "").startswith(f"unmet, not a failure ({why}")


JUNIT_XSD = ROOT / "tests" / "fixtures" / "junit" / "junit-10.xsd"


@pytest.mark.parametrize(
    "args",
    [
        (str(EXAMPLES / "gpt-neox-20b.yml"), "--require", "mof:class-3"),
        (str(EXAMPLES / "llama-2-7b.yml"), str(EXAMPLES / "amber.yml"), "nonexist.yml"),
        (TINY, "--fail-on-unknown"),
        (str(EXAMPLES / "pythia-70m.yml"), "--require", "eosai:0.5"),
    ],
    ids=["gated", "several-with-an-error", "fail-on-unknown", "graded"],
)
def test_junit_validates_against_jenkins_xunit_schema(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Jenkins' xUnit publisher refuses a report its junit-10.xsd does not accept (the review
    found `skipped` on <testsuites>)."""
    import xmlschema

    report = tmp_path / "report.xml"
    run_osai("check", *args, "-o", str(report))
    schema = xmlschema.XMLSchema(str(JUNIT_XSD))
    errors = [f"{e.path}: {e.reason}" for e in schema.iter_errors(str(report))]
    assert errors == []
    root = ET.parse(report).getroot()
    suites = root.findall("testsuite")
    assert root.get("tests") == str(sum(int(s.get("tests", "0")) for s in suites))


def test_findings_reach_sarif_github_and_junit(tmp_path: Path) -> None:
    """A manifest that says MIT where the release's files say Apache-2.0: the text report
    lists the conflicts; the CI reports must show them too, where the manifest says it."""
    manifest = tmp_path / "tm2.yml"
    assert run_osai("init", TINY, "-o", str(manifest)).code == 0
    text = manifest.read_text("utf-8")
    manifest.write_text(text.replace("license: Apache-2.0", "license: MIT"), "utf-8")
    args = ("check", TINY, "--manifest", str(manifest))
    conflicts = run_osai(*args).stdout.count("conflict: ")
    assert conflicts >= 4
    annotations = run_osai(*args, "--format", "github", "--annotate", "all").stdout.splitlines()
    shown = [line for line in annotations if line.startswith("::warning") and "conflict" in line]
    assert len(shown) == conflicts
    assert shown[0].startswith(f"::warning file={manifest},line=")
    assert shown[0].split("::", 2)[2].startswith("tiny-model: conflict: Model architecture: ")
    failures_only = run_osai(*args, "--format", "github", "--annotate", "failures").stdout
    assert "conflict" not in failures_only  # --annotate failures: errors only
    log = json.loads(run_osai(*args, "--format", "sarif").stdout)
    assert_valid_sarif(log)
    (run,) = log["runs"]
    results = [r for r in run["results"] if r["ruleId"] == "OSAI-CONFLICT"]
    assert len(results) == conflicts and {r["level"] for r in results} == {"warning"}
    # each conflict its own alert, keyed by what it is about, not by its words (a warning's
    # words can carry a network error that changes between runs)
    keys = [r["partialFingerprints"]["osai/v1"] for r in results]
    assert len(set(keys)) == len(keys) and not any("says licence" in key for key in keys)
    region = results[0]["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == manifest.as_uri()
    assert region["region"]["startLine"] > 0
    junit = tmp_path / "report.xml"
    run_osai(*args, "-o", str(junit))
    suite = ET.parse(junit).getroot().find("testsuite[@name='examples/tiny-model · findings']")
    assert suite is not None
    skipped = [s.get("message", "") for s in suite.iter("skipped")]
    assert len(skipped) == conflicts and all(": conflict: " in m for m in skipped)
    # each case named by what it is about, as SARIF keys it, not by its place ("conflict 1:
    # release" changed with the findings' order, and a dashboard took it for another case)
    names = [case.get("name", "") for case in suite.iter("testcase")]
    assert len(set(names)) == len(names), names
    assert any(name.startswith("conflict: Model architecture (") for name in names), names
    assert not any(re.match(r"conflict \d+:", name) for name in names), names


def test_an_expired_waiver_is_a_warning_in_every_ci_report(tmp_path: Path) -> None:
    """An expired waiver warns on standard error and in the text report; SARIF, the annotations
    and JUnit say it too."""
    config = tmp_path / ".osai.yaml"
    config.write_text(
        f"targets: [{ROOT / TINY}]\nwaivers:\n  - rule: MOF-C1-DATA-PREPROCESSING-CODE\n"
        "    reason: released later\n    expires: 2001-01-01\n",
        "utf-8",
    )
    base = ("check", "--config", str(config))
    sarif = json.loads(run_osai(*base, "--format", "sarif", cwd=tmp_path).stdout)
    warnings = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "OSAI-WARNING"]
    assert any("expired" in r["message"]["text"] for r in warnings)
    github = run_osai(*base, "--format", "github", "--annotate", "all", cwd=tmp_path).stdout
    assert any(line.startswith("::warning") and "expired" in line for line in github.splitlines())
    junit = tmp_path / "report.xml"
    run_osai(*base, "-o", str(junit), cwd=tmp_path)
    messages = [s.get("message", "") for s in ET.parse(junit).getroot().iter("skipped")]
    assert any("warning: " in m and "expired" in m for m in messages)
    cases = [c.get("name", "") for c in ET.parse(junit).getroot().iter("testcase")]
    assert "warning: release (.osai.yaml#MOF-C1-DATA-PREPROCESSING-CODE)" in cases, cases


def test_an_expired_waiver_is_annotated_beside_the_gate_failure_it_causes(tmp_path: Path) -> None:
    """Under a gate, annotations keep what the gate fails for (--annotate failures): the
    waiver that expired, the reason a gate that passed now fails, was left out, and the
    failure came with no reason a CI user could act on."""
    config = tmp_path / ".osai.yaml"
    config.write_text(
        f"targets: [{ROOT / TINY}]\nrequire: [mof:class-1]\nwaivers:\n"
        "  - rule: MOF-C1-DATA-PREPROCESSING-CODE\n"
        "    reason: released later\n    expires: 2001-01-01\n",
        "utf-8",
    )
    github = run_osai("check", "--format", "github", cwd=tmp_path)
    assert github.code == 1
    lines = github.stdout.splitlines()
    assert any(line.startswith("::error") for line in lines)
    expired = [line for line in lines if "expired" in line]
    assert len(expired) == 1 and expired[0].startswith("::warning file=")
    assert not any("conflict" in line for line in lines)  # other findings stay left out


def test_more_run_warnings_than_github_shows_end_with_how_many_more(tmp_path: Path) -> None:
    """Twelve expired waivers were twelve `::warning` lines; GitHub shows ten of a kind per
    step, and nothing said two were unseen.  Nine are shown, the tenth says how many more and
    where they are."""
    rules = [
        "MOF-C1-DATA-PREPROCESSING-CODE",
        "MOF-C1-DATASETS",
        "MOF-C1-RESEARCH-PAPER",
        "MOF-C1-MODEL-PARAMETERS-INTERMEDIATE",
        "MOF-C2-TRAINING-CODE",
        "MOF-C2-INFERENCE-CODE",
        "MOF-C2-EVALUATION-CODE",
        "MOF-C2-EVALUATION-DATA",
        "MOF-C3-MODEL-CARD",
        "MOF-C3-DATA-CARD",
        "MOF-C3-TECHNICAL-REPORT",
        "MOF-C3-EVALUATION-RESULTS",
    ]
    waivers = "".join(
        f"  - rule: {rule}\n    reason: later\n    expires: 2001-01-01\n" for rule in rules
    )
    (tmp_path / ".osai.yaml").write_text(f"targets: [{ROOT / TINY}]\nwaivers:\n{waivers}", "utf-8")
    github = run_osai("check", "--format", "github", cwd=tmp_path)
    warnings = [line for line in github.stdout.splitlines() if line.startswith("::warning")]
    assert len(warnings) <= 10, warnings
    assert warnings[-1].endswith(
        "::3 more warnings of this run, on osai's standard error in the job log"
    ), warnings[-1]


def test_fail_on_unknown_annotates_what_it_waits_on_past_a_waiver(tmp_path: Path) -> None:
    """The weights' licence is waived, so MOF reaches Class III by the waiver and its verdict
    waits on the training code's licence (Class II): that is what `--annotate failures` points
    at.  The framework's next steps, counted without the waiver, stop at Class III and named
    nothing: the run failed with no annotation at what to settle."""
    from gate_manifests import open_release, write_manifest

    unread = "LicenseRef-Unread"
    licences = {"Model parameters (Final)": unread, "Training code": unread}
    write_manifest(tmp_path / "m.yml", open_release(licences=licences))
    (tmp_path / ".osai.yaml").write_text(
        "waivers:\n  - rule: MOF-C3-MODEL-PARAMETERS-FINAL\n    reason: licence being chosen\n",
        encoding="utf-8",
    )
    gate = ("--require", "mof:class-3", "--fail-on-unknown", "--annotate", "failures")
    result = run_osai("check", "m.yml", *gate, "--format", "github", cwd=tmp_path)
    assert result.code == 1, result.stderr
    titles = [line.split("title=", 1)[1].split(" ", 1)[0] for line in result.stdout.splitlines()]
    assert "MOF-C2-TRAINING-CODE" in titles, result.stdout


# A waiver matching no target (line 3) and one expired (line 4): the run's two warnings.
IDLE_AND_EXPIRED = (
    "waivers:\n"
    "  - {rule: MOF-C2-TRAINING-CODE, reason: published with v2, model: other/*}\n"
    "  - {rule: OSAID-CODE-TRAINING, reason: published soon, expires: 2001-01-01}\n"
)


def _open_release_configured(tmp_path: Path, config: str) -> None:
    """An open release (open.yml) and an .osai.yaml checking it, with `config` after targets."""
    from gate_manifests import open_release, write_manifest

    write_manifest(tmp_path / "open.yml", open_release())
    (tmp_path / ".osai.yaml").write_text("targets: [open.yml]\n" + config, encoding="utf-8")


def _reports_of_a_run(tmp_path: Path, config: str) -> tuple[list[str], Any, Any]:
    """A run in CI (its reports in files, as an action writes them): the warnings standard
    error gives, the JSON document and the SARIF log."""
    _open_release_configured(tmp_path, config)
    json_path, sarif_path = tmp_path / "osai.json", tmp_path / "osai.sarif"
    outputs = ("-o", f"json={json_path}", "-o", f"sarif={sarif_path}")
    result = run_osai("check", *outputs, cwd=tmp_path)
    assert result.code == 0, result.stderr
    prefix = "osai: warning: "
    said = [line.removeprefix(prefix) for line in result.stderr.splitlines() if prefix in line]
    document = json.loads(json_path.read_text("utf-8"))
    assert list(instance_errors("report", document)) == []
    return said, document, _sarif(sarif_path)


def test_the_runs_warnings_are_in_the_json_and_sarif_reports(tmp_path: Path) -> None:
    """A waiver matching no target and one expired were said on standard error alone: a script
    reading the JSON, code scanning reading the SARIF, never saw them.  Both reports now carry
    them, in standard error's words and order (JSON `warnings`, report 1.13; SARIF notifications
    of the invocation, §3.20.21)."""
    said, document, log = _reports_of_a_run(tmp_path, IDLE_AND_EXPIRED)
    assert len(said) == 2, said
    assert said[0].startswith("waiver for OSAID-CODE-TRAINING expired after 2001-01-01")
    assert said[1].endswith("model other/* matches no target of this run")
    assert document["warnings"] == said
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    notifications = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notifications] == ["warning", "warning"]
    assert [n["message"]["text"] for n in notifications] == said


def test_a_run_without_warnings_says_none_in_its_reports(tmp_path: Path) -> None:
    said, document, log = _reports_of_a_run(tmp_path, "")
    assert said == []
    assert document["warnings"] == []
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    assert "toolExecutionNotifications" not in invocation


def test_the_runs_warnings_head_the_markdown_after_the_overview(tmp_path: Path) -> None:
    """A pull request's reader sees the comment, not the job's log: an expired waiver and one
    matching no target were said on standard error alone.  The gate's own --fail-on-unknown
    verdicts, which the overview gives, are not said again."""
    _open_release_configured(tmp_path, IDLE_AND_EXPIRED)
    result = run_osai("check", "--format", "markdown", cwd=tmp_path)
    assert result.code == 0, result.stderr
    blocks = result.stdout.split("\n\n")
    at = blocks.index("## Warnings")
    assert blocks[at + 1].splitlines() == [
        "- waiver for OSAID-CODE-TRAINING expired after 2001-01-01; it no longer applies "
        "\\(.osai.yaml:4\\)",
        "- waiver for MOF-C2-TRAINING-CODE \\(.osai.yaml:3\\): model other/\\* matches no target "
        "of this run",
    ]
    assert result.stdout.index("## Warnings") < result.stdout.index("<details>")
    (tmp_path / ".osai.yaml").write_text("targets: [open.yml]\n", encoding="utf-8")
    none = run_osai("check", "--format", "markdown", cwd=tmp_path)
    assert "## Warnings" not in none.stdout


def test_the_runs_warnings_are_annotated_after_the_gate_each_once(tmp_path: Path) -> None:
    """GitHub annotations left the run's warnings to standard error, in a job log no one opens
    when the check passed: a waiver matching no target went unseen.  It is a warning of the
    run (at no file) after the gate; an expired waiver, which each target it covers gives at
    its line in the config, is said once, there, in standard error's order."""
    _open_release_configured(tmp_path, IDLE_AND_EXPIRED)
    result = run_osai("check", "--format", "github", "--require", "osaid", cwd=tmp_path)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::notice file=open.yml,title=policy osaid::"), lines[0]
    assert lines[2] == (
        "::warning title=osai::waiver for MOF-C2-TRAINING-CODE (.osai.yaml:3): "
        "model other/* matches no target of this run"
    )
    expired = [line for line in lines if "expired after 2001-01-01" in line]
    assert expired == [lines[1]], expired
    assert expired[0].startswith("::warning file=.osai.yaml,line=4,"), expired


def test_an_expired_waiver_covering_several_targets_is_annotated_once(tmp_path: Path) -> None:
    """An expired waiver without `model` covers every target, and each target's report says
    it: the annotations gave it once per target, the same line of .osai.yaml warned of five
    times ('a.yml: warning: waiver … expired', 'b.yml: warning: …'), five of the ten warnings
    GitHub shows, where the targets' own warnings were left out.  It is one setting of the
    run: one annotation at its line, after the gate, as the run's other warnings."""
    from gate_manifests import open_release, write_manifest

    names = [f"{letter}.yml" for letter in "abcde"]
    for name in names:
        write_manifest(tmp_path / name, open_release(drop=("Supporting libraries and tools",)))
    (tmp_path / ".osai.yaml").write_text(
        f"targets: [{', '.join(names)}]\nwaivers:\n"
        "  - {rule: OSAID-CODE-TRAINING, reason: published soon, expires: 2001-01-01}\n",
        encoding="utf-8",
    )
    result = run_osai("check", "--format", "github", "--require", "osaid", cwd=tmp_path)
    assert result.code == 1, result.stderr
    lines = result.stdout.splitlines()
    expired = [line for line in lines if "expired after 2001-01-01" in line]
    assert expired == [
        "::warning file=.osai.yaml,line=3,title=osai::waiver for OSAID-CODE-TRAINING expired after "
        "2001-01-01; it no longer applies (.osai.yaml:3)"
    ], expired
    # after the gate's errors, before the verdicts and the requirements
    assert lines.index(expired[0]) < min(i for i, line in enumerate(lines) if "title=OSAID" in line)
    assert lines[0].startswith("::error title=osai gate::gate NOT PROVEN: "), lines[0]
    assert all(line.startswith("::error") for line in lines[1 : len(names) + 1]), lines


def test_a_comment_gives_ten_of_the_runs_warnings_and_counts_the_rest(tmp_path: Path) -> None:
    """Fifty targets must still fit one comment: twelve waivers matching no target are ten
    lines and a count, the JSON report holding all twelve."""
    from gate_manifests import open_release, write_manifest

    write_manifest(tmp_path / "open.yml", open_release())
    waivers = "".join(
        f"  - {{rule: MOF-C2-TRAINING-CODE, reason: r{n}, model: other{n}/*}}\n" for n in range(12)
    )
    config = "targets: [open.yml]\nwaivers:\n" + waivers
    (tmp_path / ".osai.yaml").write_text(config, encoding="utf-8")
    result = run_osai("check", "--format", "markdown", cwd=tmp_path)
    assert result.code == 0, result.stderr
    listed = result.stdout.split("## Warnings\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(listed) == 11
    assert listed[-1] == "- … and 2 more (the JSON report lists them)"


def test_an_expired_waiver_of_a_hub_model_is_reported_at_its_line_in_the_config(
    tmp_path: Path, hub: Any
) -> None:
    """A Hub model's evidence lies in its repository, no file of the checkout; the waiver
    that expired lies in the run's own .osai.yaml.  For a Hub id among the targets, its
    annotation had no file and its SARIF result pointed at huggingface.co/…, a path the
    checkout does not hold: neither showed the line to mend."""
    (tmp_path / ".osai.yaml").write_text(
        "targets: [EleutherAI/pythia-70m]\nwaivers:\n"
        "  - {rule: OSAID-CODE-TRAINING, reason: published soon, expires: 2001-01-01}\n",
        encoding="utf-8",
    )
    sarif_path = tmp_path / "osai.sarif"
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "hf")}
    outputs = ("--format", "github", "-o", f"sarif={sarif_path}", "--no-follow")
    result = run_osai("check", *outputs, cwd=tmp_path, env=env)
    assert result.code == 0, result.stderr
    expired = [line for line in result.stdout.splitlines() if "expired after 2001-01-01" in line]
    assert len(expired) == 1 and expired[0].startswith("::warning file=.osai.yaml,line=3,"), expired
    results = _sarif(sarif_path)["runs"][0]["results"]
    (warned,) = [r for r in results if "expired after 2001-01-01" in r["message"]["text"]]
    assert warned["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": ".osai.yaml"},
        "region": {"startLine": 3},
    }


def test_a_hub_models_manifest_errors_point_at_the_manifest_line(tmp_path: Path, hub: Any) -> None:
    """`osai check ORG/NAME --manifest osai.yaml`: the manifest is a file of the checkout, and
    a licence it declares is what fails the gate.  Its SARIF results pointed at
    huggingface.co/…, a path no checkout holds, and its annotations at no file: neither showed
    the line to mend."""
    manifest = tmp_path / "osai.yaml"
    manifest.write_text((EXAMPLES / "llama-2-7b.yml").read_text("utf-8"), encoding="utf-8")
    sarif_path = tmp_path / "osai.sarif"
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path / "hf")}
    args = ("meta-llama/Llama-2-7b-hf", "--manifest", "osai.yaml", "--require", "osaid")
    outputs = ("--format", "github", "-o", f"sarif={sarif_path}", "--no-follow")
    result = run_osai("check", *args, *outputs, cwd=tmp_path, env=env)
    assert result.code == 1, result.stderr
    title = "title=OSAID-PARAMETERS (Open Source AI Definition 1.0)"
    assert f"::error file=osai.yaml,line=28,{title}::" in result.stdout
    results = _sarif(sarif_path)["runs"][0]["results"]
    (parameters,) = [r for r in results if r["ruleId"] == "OSAID-PARAMETERS"]
    assert parameters["level"] == "error"
    assert parameters["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "osai.yaml"},
        "region": {"startLine": 28},
    }


def test_fail_on_unknown_alone_passes_a_definite_target_in_every_overview() -> None:
    """--fail-on-unknown with no --require: a target whose every verdict is definite passes the
    gate (standard error's `gate ... PASS: 1 target`, JSON's gate, its JUnit cases and the
    Markdown headline said so), but the Markdown overview and the text summary gave it "—", no
    gate, as if the run had none."""
    targets = (TINY, str(EXAMPLES / "gpt-neox-20b.yml"))
    markdown = run_osai("check", *targets, "--fail-on-unknown", "--format", "markdown")
    assert markdown.code == 1, markdown.stderr
    row = next(line for line in markdown.stdout.splitlines() if "gpt-neox-20b.yml` |" in line)
    assert row.endswith("| ✅ **PASS** |"), row
    text = run_osai("check", *targets, "--fail-on-unknown").stdout
    assert "(--fail-on-unknown): 1 NOT PROVEN, 1 PASS\n" in text
    (line,) = [line for line in text.splitlines() if line.startswith("  ") and "gpt-neox" in line]
    assert line.endswith("Class III  PASS"), line


def test_fail_on_unknown_alone_says_a_definite_target_passed_as_a_policy_pass_is_said() -> None:
    """`--require osaid` passing gives a text gate line and a GitHub notice; --fail-on-unknown
    alone, passing, gave neither: the target's report said nothing of the gate it passed."""
    neox = str(EXAMPLES / "gpt-neox-20b.yml")
    text = run_osai("check", neox, "--fail-on-unknown")
    assert text.code == 0, text.stderr
    gate = [line.split() for line in text.stdout.splitlines() if line.startswith("  gate ")]
    assert gate == [["gate", "PASS", "--fail-on-unknown:", "every", "verdict", "definite"]], gate
    github = run_osai("check", TINY, neox, "--fail-on-unknown", "--format", "github").stdout
    policy = [line for line in github.splitlines() if "title=policy --fail-on-unknown::" in line]
    assert [line.split("::", 2)[1].split(",")[0] for line in policy] == [
        "error file=examples/tiny-model/README.md",
        "notice file=examples/gpt-neox-20b.yml",
    ], policy
    assert policy[1].endswith("gpt-neox-20b.yml: --fail-on-unknown: every verdict definite")


def test_exit_zero_is_said_beside_the_gate_in_json_and_sarif(tmp_path: Path) -> None:
    """--exit-zero exits 0 on a gate that fails: the JSON gate and SARIF said FAIL and nothing
    said the step passed on purpose.  JSON's gate says the exit was forced to 0; SARIF's
    invocation gives the code osai exits with and, beside it, what the gate decided."""
    llama = str(EXAMPLES / "llama-2-7b.yml")
    json_path, sarif_path = tmp_path / "r.json", tmp_path / "r.sarif"
    outputs = ("-o", f"json={json_path}", "-o", f"sarif={sarif_path}")
    for flags, code in (((), 1), (("--exit-zero",), 0)):
        result = run_osai("check", llama, "--require", "osaid", *flags, *outputs)
        assert result.code == code, result.stderr
        document = json.loads(json_path.read_text("utf-8"))
        assert not list(instance_errors("report", document))
        assert document["gate"]["verdict"] == "FAIL"
        assert document["gate"]["exit_forced_zero"] is bool(flags)
        (invocation,) = _sarif(sarif_path)["runs"][0]["invocations"]
        assert invocation["exitCode"] == code
        said = invocation["exitCodeDescription"]
        assert said == ("gate FAIL; exit 0: --exit-zero" if flags else "gate FAIL")


def test_the_markdown_headline_says_a_gate_passed_by_waiver(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """GPT-NeoX passes `mof:class-2` by the example's waiver: the overview row, JSON and
    standard error said PASS (waived), the comment's headline "— **PASS**." alone."""
    import osai.config

    resolve = osai.config.resolve
    day = datetime.date(2026, 1, 1)  # before the example waiver expires
    monkeypatch.setattr(osai.config, "resolve", lambda c, o, _: resolve(c, o, day))
    config = "examples/ci/.osai.yaml"
    result = run_osai(
        "check", "--config", config, "examples/gpt-neox-20b.yml", "--format", "markdown"
    )
    assert result.code == 0, result.stderr
    headline = result.stdout.split("\n\n")[1]
    assert headline.endswith("— **PASS (waived)**."), headline
    assert "⚪ **PASS (waived)** |" in result.stdout


def test_exit_zero_is_said_beside_the_gate_in_text_and_markdown(tmp_path: Path) -> None:
    """A job summary or a log said FAIL beside a step that passed (--exit-zero): the
    comment's reader does not see the flag.  Each says the exit was 0, and why."""
    llama, amber = str(EXAMPLES / "llama-2-7b.yml"), str(EXAMPLES / "amber.yml")
    comment = tmp_path / "summary.md"
    one = run_osai("check", llama, "--require", "osaid", "--exit-zero", "-o", f"markdown={comment}")
    assert one.code == 0, one.stderr
    gate = one.stdout.splitlines().index(next(s for s in one.stdout.splitlines() if "gate " in s))
    assert one.stdout.splitlines()[gate + 1].strip() == "exit 0: --exit-zero", one.stdout
    headline = comment.read_text("utf-8").split("\n\n")[1]
    assert headline.endswith("— **FAIL** (`exit 0: --exit-zero`)."), headline
    several = run_osai("check", llama, amber, "--require", "osaid", "--exit-zero")
    assert several.code == 0 and "; exit 0: --exit-zero" in several.stdout, several.stdout
    assert "exit 0" not in run_osai("check", llama, "--require", "osaid").stdout


def test_exit_zero_is_said_beside_the_gate_in_junit_and_github(tmp_path: Path) -> None:
    """JUnit and GitHub annotations showed only the failure beside a step that exited 0
    (--exit-zero): a dashboard's red case, a red annotation, and the build green.  The gate's
    failing case and its error annotation each say the exit was 0, and why, as the other
    formats word it; a run that exits 1 says nothing of it."""
    llama, amber = str(EXAMPLES / "llama-2-7b.yml"), str(EXAMPLES / "amber.yml")
    junit, github = tmp_path / "r.xml", tmp_path / "r.txt"
    outputs = ("-o", f"junit={junit}", "-o", f"github={github}")
    for flags, code in (((), 1), (("--exit-zero",), 0)):
        gates = (("--require", "osaid", llama), ("--fail-on-unknown", amber))
        for gate in gates:
            result = run_osai("check", *gate, *flags, *outputs)
            assert result.code == code, result.stderr
            failures = [
                str(failure.get("message"))
                for failure in ET.parse(junit).iter("failure")
                if failure.get("type") == "policy"
            ]
            errors = [line for line in github.read_text("utf-8").splitlines() if "policy" in line]
            assert failures and errors[0].startswith("::error "), (failures, errors)
            said = "; exit 0: --exit-zero"
            assert all(message.endswith(said) is bool(flags) for message in failures), failures
            assert errors[0].endswith(said) is bool(flags), errors


def test_sarif_says_the_targets_the_gate_did_not_check_beside_its_verdict(tmp_path: Path) -> None:
    """A target that could not be checked exits non-zero while the gate, which holds only the
    targets checked, passes: SARIF's invocation said "gate PASS" beside exit code 2 (or 3),
    which read as a pass.  It says how many targets the gate left out."""
    sarif_path = tmp_path / "r.sarif"
    missing = str(tmp_path / "missing.yml")
    result = run_osai(
        "check", TINY, missing, "--require", "mof:class-3", "-o", f"sarif={sarif_path}"
    )
    assert result.code == 2, result.stderr
    (invocation,) = _sarif(sarif_path)["runs"][0]["invocations"]
    assert invocation["exitCode"] == 2
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCodeDescription"] == "gate PASS; 1 target not checked"


def test_the_actions_of_a_failing_gate_reach_the_level_it_asks_for(tmp_path: Path) -> None:
    """`--require mof:class-1` on a release at Class III listed the steps to Class II alone:
    the gate failed on Class I and no action named what Class I still needed."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    gated = run_osai("check", str(model), "--require", "mof:class-1", "-v", env={"COLUMNS": "200"})
    assert gated.code == 1, gated.stderr
    actions = gated.stdout.split("\nActions\n", 1)[1].split("\n\n", 1)[0]
    assert "Data preprocessing code: not released — for OSAID, MOF Class I\n" in actions
    assert "Datasets: licence unknown — for MOF Class I\n" in actions
    assert "reaches MOF Class I with the MOF Class I steps above" in actions
    # ungated, the steps stop at the next class, as before
    plain = run_osai("check", str(model), "-v", env={"COLUMNS": "200"})
    ungated = plain.stdout.split("\nActions\n", 1)[1].split("\n\n", 1)[0]
    assert not re.search(r"MOF Class I\b", ungated)
    markdown = run_osai("check", str(model), "--require", "mof:class-1", "--format", "markdown")
    assert "Datasets: licence unknown — for MOF Class I" in markdown.stdout


def test_the_json_next_steps_of_a_failing_gate_reach_the_level_it_asks_for(
    tmp_path: Path,
) -> None:
    """The text and Markdown actions led on to the Class I a gate asked for; the JSON report's
    next_steps, which a dashboard reads, still stopped at Class II (schema 1.28)."""
    model = tmp_path / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)

    def steps(*gate: str) -> list[str]:
        done = run_osai("check", str(model), "--format", "json", *gate)
        (target,) = json.loads(done.stdout)["targets"]
        (mof,) = [f for f in target["frameworks"] if f["id"] == "mof"]
        assert mof["next_level"] == "class-2"
        return [step["requirement"] for step in mof["next_steps"]]

    gated, ungated = steps("--require", "mof:class-1"), steps()
    assert "MOF-C1-DATASETS" in gated and "MOF-C1-DATA-PREPROCESSING-CODE" in gated
    assert not [step for step in ungated if step.startswith("MOF-C1-")]
    assert gated[: len(ungated)] == ungated  # the next class's steps first, as before
    # a gate asking no more than the next class changes nothing
    assert steps("--require", "mof:class-2") == ungated


def test_a_stand_in_and_its_own_requirement_are_one_step() -> None:
    """Gated on Class I, Llama 2's unlicensed paper was two steps: "Research paper (in place of
    Technical report): released with no licence" for Class III and "Research paper: released
    with no licence" for Class I, one task said twice (ago's review)."""
    llama = str(EXAMPLES / "llama-2-7b.yml")
    gated = run_osai("check", llama, "--require", "mof:class-1", "-v", env={"COLUMNS": "200"})
    actions = gated.stdout.split("\nActions\n", 1)[1].split("\n\n", 1)[0].splitlines()
    paper = [line for line in actions if line.lstrip().startswith("license ")]
    assert paper == [
        "  license    Research paper: released with no licence — for MOF Class III, MOF Class I"
    ]
    # ungated, the stand-in says what it stands in for
    plain = run_osai("check", llama, "-v", env={"COLUMNS": "200"}).stdout
    assert "license    Research paper (in place of Technical report): released" in plain


def test_a_step_that_reaches_the_gated_level_too_says_so() -> None:
    """gpt-neox, gated on Class I, lacks only its evaluation data: the one step said "reaches
    MOF Class II", though it reaches the Class I the gate asks for too (ago's review)."""
    neox = str(EXAMPLES / "gpt-neox-20b.yml")
    gated = run_osai("check", neox, "--require", "mof:class-1", env={"COLUMNS": "200"})
    actions = gated.stdout.split("\nActions\n", 1)[1].split("\n\n", 1)[0]
    assert actions == "  publish  Evaluation data: not released — reaches MOF Class II, MOF Class I"
    plain = run_osai("check", neox, env={"COLUMNS": "200"}).stdout
    assert "  publish  Evaluation data: not released — reaches MOF Class II\n" in plain
