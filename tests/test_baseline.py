"""`osai check --baseline OLD.json`: the gate fails when a release got less open than a
report an earlier run wrote, run as a user runs it, on real files."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from clirunner import EXAMPLES, ROOT, Result, run_osai
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub

PYTHIA = EXAMPLES / "pythia-70m.yml"
DATA_CARD = (
    "      description: 'Documentation for datasets including source, "
    "characteristics, and preprocessing details'\n"
)


def _release(tmp_path: Path, *, data_card_licence: str = "") -> Path:
    """examples/pythia-70m.yml, its data card under `data_card_licence` when given."""
    text = PYTHIA.read_text(encoding="utf-8")
    assert DATA_CARD in text
    if data_card_licence:
        licence = f"      license: {data_card_licence}\n"
        text = text.replace(DATA_CARD, DATA_CARD + licence)
    path = tmp_path / "pythia-70m.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _baseline(tmp_path: Path) -> Path:
    """The report of the release as it was accepted, written by osai."""
    _release(tmp_path)
    result = run_osai("check", "pythia-70m.yml", "-o", "base.json", cwd=tmp_path)
    assert result.code == 0, result.stderr
    return tmp_path / "base.json"


def test_relicensed_data_card_fails_the_gate_and_says_why_first(
    tmp_path: Path,
) -> None:
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    result = run_osai(
        "check",
        "pythia-70m.yml",
        "--baseline",
        "base.json",
        "-q",
        cwd=tmp_path,
        env={"COLUMNS": "80"},
    )
    assert result.code == 1, result.stderr
    said = " ".join(result.stdout.split())
    assert said.index("FAIL baseline: worse than base.json: pythia-70m.yml") < said.index("MOF-C3")
    assert "MOF-C3-DATA-CARD met → unmet (Data card: CC-BY-NC-4.0" in said
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_the_same_release_passes_and_says_so(tmp_path: Path) -> None:
    _baseline(tmp_path)
    result = run_osai("check", "pythia-70m.yml", "--baseline", "base.json", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert "PASS  baseline: no regression" in result.stdout


def test_a_better_release_passes_and_counts_what_got_better(
    tmp_path: Path,
) -> None:
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    run_osai("check", "pythia-70m.yml", "-o", "base.json", cwd=tmp_path)
    _release(tmp_path)
    result = run_osai(
        "check",
        "pythia-70m.yml",
        "--baseline",
        "base.json",
        "-o",
        "r.json",
        cwd=tmp_path,
    )
    assert result.code == 0, result.stderr
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    baseline = document["baseline"]
    assert baseline["passes"] is True
    assert baseline["better"] >= 2
    assert baseline["said"] == f"baseline: no regression ({baseline['better']} better)"


def test_json_and_sarif_carry_the_comparison(tmp_path: Path) -> None:
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    result = run_osai(
        "check",
        "pythia-70m.yml",
        "--baseline",
        "base.json",
        "-o",
        "r.json",
        "-o",
        "r.sarif",
        cwd=tmp_path,
    )
    assert result.code == 1
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    schema = json.loads(
        (ROOT / "rules" / "schema" / "report.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(document, schema)
    baseline = document["baseline"]
    assert baseline["passes"] is False
    mof = next(r for r in baseline["regressions"] if r["framework"] == "MOF 1.0")
    assert mof["outcome_worse"] is True
    assert mof["new"] == "no class reached"
    changed = {c["requirement"]: (c["old"], c["new"]) for c in mof["requirements"]}
    assert changed["MOF-C3-DATA-CARD"] == ("met", "unmet")
    assert document["gate"]["verdict"] == "FAIL"
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["properties"]["osaiBaseline"] == baseline


def test_exit_zero_and_github_and_markdown(tmp_path: Path) -> None:
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    args = ("check", "pythia-70m.yml", "--baseline", "base.json")
    zero = run_osai(*args, "--exit-zero", "--format", "github", cwd=tmp_path)
    assert zero.code == 0
    first = zero.stdout.splitlines()[0]
    assert first.startswith("::error title=osai gate --baseline::baseline: worse")
    assert first.endswith("exit 0: --exit-zero")
    markdown = run_osai(*args, "--format", "markdown", cwd=tmp_path)
    assert "**FAIL** baseline: worse than base.json" in markdown.stdout


def test_composes_with_require(tmp_path: Path) -> None:
    """--require passes on its own (EOSAI's lowest score is above 0.3 whatever the data card),
    the baseline fails: exit 1, and the gate says both.  It required mof:class-3, which the
    relicensed data card fails on its own, and accepted any exit code without the baseline."""
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    required = ("check", "pythia-70m.yml", "--require", "eosai:0.3")
    passing = run_osai(*required, cwd=tmp_path)
    assert passing.code == 0, passing.stdout
    result = run_osai(*required, "--baseline", "base.json", "-o", "r.json", cwd=tmp_path)
    assert result.code == 1
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert document["baseline"]["regressions"]
    assert document["gate"]["verdict"] == "FAIL"
    assert [p["verdict"] for p in document["targets"][0]["policies"]] == ["PASS"]


def test_settings_file_names_it_from_its_directory(tmp_path: Path) -> None:
    """`baseline: ../base.json` in ci/.osai.yaml is tmp_path/base.json, not ../base.json
    of the working directory."""
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    (tmp_path / "ci").mkdir()
    config = tmp_path / "ci" / ".osai.yaml"
    config.write_text("baseline: ../base.json\n", encoding="utf-8")
    args = ("check", "pythia-70m.yml", "--config", "ci/.osai.yaml", "-q")
    result = run_osai(*args, cwd=tmp_path)
    assert result.code == 1, result.stderr
    assert "baseline: worse than base.json" in " ".join(result.stdout.split())
    (tmp_path / "base.json").unlink()
    missing = run_osai(*args, cwd=tmp_path)
    assert missing.code == 2
    assert "ci/.osai.yaml:1: baseline: base.json: no such file" in missing.stderr


def test_one_target_on_each_side_is_compared_whatever_each_is_named(tmp_path: Path) -> None:
    """The next version of a release in another file, against the report of the last one:
    "no regression" was said of two runs that compared nothing."""
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0").rename(tmp_path / "next.yml")
    result = run_osai("check", "next.yml", "--baseline", "base.json", cwd=tmp_path)
    assert result.code == 1, result.stderr
    assert "baseline: 'next.yml' compared with 'pythia-70m.yml'" in result.stderr
    assert "FAIL  baseline: worse than base.json: next.yml OSAID 1.0" in result.stdout


NOTHING_COMPARED = (
    "baseline: nothing compared (no target and framework in both base.json and this run), so "
    "nothing proven: compare the same targets, or write base.json again"
)


def test_a_run_that_compares_nothing_is_not_proven(tmp_path: Path) -> None:
    """Every target renamed: "baseline: nothing compared" was a notice and exit 0, a
    regression gate passing on no comparison at all.  A gate passes only on proof."""
    _baseline(tmp_path)
    for name in ("other.yml", "third.yml"):
        (tmp_path / name).write_text(PYTHIA.read_text(encoding="utf-8"), encoding="utf-8")
    args = ("check", "other.yml", "third.yml", "--baseline", "base.json")
    result = run_osai(*args, cwd=tmp_path, env={"COLUMNS": "200"})
    assert result.code == 1, result.stderr
    assert "'other.yml' is not in base.json" in result.stderr
    assert "'pythia-70m.yml' is in base.json only" in result.stderr
    assert NOTHING_COMPARED in result.stdout
    assert "2 NOT PROVEN" in result.stdout
    document = json.loads(run_osai(*args, "--format", "json", cwd=tmp_path).stdout)
    assert document["baseline"]["said"] == NOTHING_COMPARED
    assert document["baseline"]["passes"] is False
    assert document["gate"]["verdict"] == "NOT PROVEN"
    github = run_osai(*args, "--format", "github", cwd=tmp_path).stdout
    assert f"::error title=osai gate --baseline::{NOTHING_COMPARED}" in github
    markdown = run_osai(*args, "--format", "markdown", cwd=tmp_path).stdout
    assert "**NOT PROVEN** baseline: nothing compared" in markdown
    junit = run_osai(*args, "--format", "junit", cwd=tmp_path).stdout
    assert 'type="baseline"' in junit and "<skipped" not in junit.split("--baseline")[1]
    forced = run_osai(*args, "--exit-zero", cwd=tmp_path)
    assert forced.code == 0, forced.stderr


def test_a_renamed_target_beside_one_compared_is_said_in_the_gate_line(tmp_path: Path) -> None:
    """One target renamed and relicensed non-commercial, the other unchanged: the gate's line
    said "baseline: no regression", a notice, of the one target it compared."""
    _release(tmp_path)
    shutil.copy(tmp_path / "pythia-70m.yml", tmp_path / "b.yml")
    written = run_osai("check", "pythia-70m.yml", "b.yml", "-o", "base.json", cwd=tmp_path)
    assert written.code == 0, written.stderr
    (tmp_path / "pythia-70m.yml").unlink()
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0").rename(tmp_path / "renamed.yml")
    args = ("check", "renamed.yml", "b.yml", "--baseline", "base.json")
    said = "baseline: no regression in 1 of 2 targets; not compared with base.json: 'renamed.yml'"
    github = run_osai(*args, "--format", "github", cwd=tmp_path)
    assert github.code == 0, github.stderr
    assert f"::warning title=osai gate --baseline::{said}" in github.stdout
    document = json.loads(run_osai(*args, "--format", "json", cwd=tmp_path).stdout)
    assert document["baseline"]["said"] == said
    text = run_osai(*args, cwd=tmp_path, env={"COLUMNS": "200"})
    assert said in text.stdout
    markdown = run_osai(*args, "--format", "markdown", cwd=tmp_path).stdout
    assert f"**PASS** {said}" in markdown


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('{"targets": []}', "not an osai JSON report"),
        ("[1, 2", "not a JSON report"),
        (
            '{"schema_version": "2.0", "tool": {"name": "osai"}, "targets": []}',
            "schema version '2.0'",
        ),
        (
            '{"schema_version": "1.31", "tool": {"name": "osai"}, "targets": [{}]}',
            "targets[0].frameworks is not a list",
        ),
        ("\x00\x01binary", "base.json"),
    ],
)
def test_a_hostile_baseline_is_one_line_exit_2(tmp_path: Path, content: str, said: str) -> None:
    _release(tmp_path)
    (tmp_path / "base.json").write_text(content, encoding="utf-8")
    result = run_osai("check", "pythia-70m.yml", "--baseline", "base.json", cwd=tmp_path)
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert said in lines[0] and "--baseline base.json" in lines[0]
    assert "Traceback" not in result.stderr


def test_a_huge_baseline_is_refused_unread(tmp_path: Path) -> None:
    _release(tmp_path)
    with (tmp_path / "base.json").open("wb") as huge:
        huge.truncate(1024**3)  # 1 GB, sparse
    result = run_osai("check", "pythia-70m.yml", "--baseline", "base.json", cwd=tmp_path)
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "too large" in result.stderr


def test_a_missing_baseline_is_one_line(tmp_path: Path) -> None:
    _release(tmp_path)
    result = run_osai("check", "pythia-70m.yml", "--baseline", "gone.json", cwd=tmp_path)
    assert result.code == 2
    assert "--baseline gone.json: no such file" in result.stderr


def test_another_mof_mode_is_not_compared_as_a_release_that_got_worse(tmp_path: Path) -> None:
    """--mof-mode strict against a baseline judged in the default mode moved MOF from Class I
    to none reached, and failed the gate as though the release had changed."""
    _baseline(tmp_path)
    args = ("check", "pythia-70m.yml", "--baseline", "base.json", "--mof-mode", "strict")
    result = run_osai(*args, cwd=tmp_path, env={"COLUMNS": "80"})
    assert result.code == 0, result.stdout
    said = " ".join(result.stderr.split())
    assert "MOF judged in mode 'strict', 'default' in the baseline: not compared" in said
    assert "PASS  baseline: no regression" in result.stdout


def test_a_target_judged_otherwise_beside_one_compared_is_not_proven(
    linked_world: LoopbackHub, tmp_path: Path
) -> None:
    """With several targets, one in the baseline but judged with links followed on one side
    only counted as NOT COMPARED (as a target new since the baseline) and the run passed, where
    the same target alone was NOT PROVEN: its reason and the flag were on standard error only.
    A target merely new stays NOT COMPARED."""
    model = tmp_path / "m"
    model.mkdir()
    card = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# m\n"
    (model / "README.md").write_text(card, encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"weights")
    shutil.copytree(EXAMPLES / "tiny-model", tmp_path / "t")  # no links to follow
    wrote = run_osai(
        "check", "m", "t", "--no-follow", "-f", "osaid", "-o", "base.json",
        cwd=tmp_path,
    )  # fmt: skip
    assert wrote.code == 0, wrote.stderr
    report = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert [t["links_followed"] for t in report["targets"]] == [False, False]
    report["targets"][0]["links_followed"] = True  # as a run with --follow on m wrote it
    (tmp_path / "base.json").write_text(json.dumps(report), encoding="utf-8")
    args = ("check", "m", "t", "--no-follow", "-f", "osaid", "--baseline", "base.json")
    result = run_osai(*args, cwd=tmp_path, env={"COLUMNS": "200"})
    assert result.code == 1, result.stdout
    said = " ".join(result.stdout.split())
    assert "gate (--baseline base.json): 1 NOT PROVEN, 1 PASS" in said, said
    assert (
        "baseline: no regression in 1 of 2 targets; not compared with base.json: 'm' (judged "
        "with links not followed here, followed in the baseline), so not proven: check with "
        "--follow as the baseline was, or write base.json again"
    ) in said
    shutil.copytree(EXAMPLES / "tiny-model", tmp_path / "new")  # new: NOT COMPARED, exit 0
    args = ("check", "new", "t", "--no-follow", "-f", "osaid")
    result = run_osai(*args, "--baseline", "base.json", cwd=tmp_path, env={"COLUMNS": "200"})
    assert result.code == 0, result.stdout
    assert "1 NOT COMPARED, 1 PASS" in " ".join(result.stdout.split())


def test_a_target_of_another_mode_beside_one_compared_is_not_proven(tmp_path: Path) -> None:
    """As a target whose links were followed on one side only (above): one of two targets
    whose every framework was judged in another mode than the baseline's is NOT PROVEN, with
    the reason in the summary."""
    shutil.copy(PYTHIA, tmp_path / "a.yml")
    shutil.copy(PYTHIA, tmp_path / "b.yml")
    wrote = run_osai("check", "a.yml", "b.yml", "-f", "mof", "-o", "base.json", cwd=tmp_path)
    assert wrote.code == 0, wrote.stderr
    report = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    (judged,) = report["targets"][1]["frameworks"]
    assert judged["mode"] == "default"
    judged["mode"] = "strict"  # as a run with --mof-mode strict wrote it of b.yml
    (tmp_path / "base.json").write_text(json.dumps(report), encoding="utf-8")
    args = ("check", "a.yml", "b.yml", "-f", "mof", "--baseline", "base.json")
    result = run_osai(*args, cwd=tmp_path, env={"COLUMNS": "200"})
    assert result.code == 1, result.stdout
    said = " ".join(result.stdout.split())
    assert "1 NOT PROVEN, 1 PASS" in said, said
    assert (
        "not compared with base.json: 'b.yml' (judged under MOF mode 'default' here, 'strict' "
        "in the baseline), so not proven: judge in the baseline's mode, or write base.json again"
    ) in said


def test_a_target_judged_otherwise_is_not_proven_in_sarif_junit_and_github_alike(
    tmp_path: Path,
) -> None:
    """A target judged otherwise than in the baseline (here another MOF mode) beside one
    compared is NOT PROVEN, exit 1: SARIF had no OSAI-BASELINE result for it and JUnit skipped
    its case with a generic reason, as both tested only that the run compared nothing (amo).
    Each says it with the reason the summary and GitHub's gate line give."""
    shutil.copy(PYTHIA, tmp_path / "a.yml")
    shutil.copy(PYTHIA, tmp_path / "b.yml")
    wrote = run_osai("check", "a.yml", "b.yml", "-f", "mof", "-o", "base.json", cwd=tmp_path)
    assert wrote.code == 0, wrote.stderr
    report = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    report["targets"][1]["frameworks"][0]["mode"] = "strict"
    (tmp_path / "base.json").write_text(json.dumps(report), encoding="utf-8")
    args = ("check", "a.yml", "b.yml", "-f", "mof", "--baseline", "base.json")
    outputs = ("-o", "sarif=r.sarif", "-o", "junit=r.xml", "--format", "github")
    result = run_osai(*args, *outputs, cwd=tmp_path)
    assert result.code == 1, result.stderr
    why = (
        "(judged under MOF mode 'default' here, 'strict' in the baseline), so not proven: "
        "judge in the baseline's mode, or write base.json again"
    )
    assert why in result.stdout  # GitHub's gate line
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    run = sarif["runs"][0]
    found = [r for r in run["results"] if r["ruleId"] == "OSAI-BASELINE"]
    assert [(r["properties"]["target"], r["level"]) for r in found] == [("b.yml", "error")]
    assert found[0]["properties"]["verdict"] == "NOT PROVEN"
    said = f"baseline: 'b.yml' not compared with base.json {why}"
    assert found[0]["message"]["text"] == f"Pythia-70M: {said}"
    assert "OSAI-BASELINE" in {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    suites = ET.parse(tmp_path / "r.xml").getroot()
    cases = {
        case.get("classname"): case
        for case in suites.iter("testcase")
        if case.get("name") == "--baseline base.json"
    }
    assert [child.tag for child in cases["a.yml.mof"]] == []  # compared, no worse: passed
    (failure,) = list(cases["b.yml.mof"])
    assert (failure.tag, failure.get("message")) == ("failure", said)


def _in_scope_or_not(tmp_path: Path, name: str, flop: str) -> Path:
    text = PYTHIA.read_text(encoding="utf-8")
    data_information = "  data_information:\n"
    assert data_information in text
    declared = f"  declarations:\n    training_compute_flop: {flop}\n"
    path = tmp_path / name
    path.write_text(text.replace(data_information, declared + data_information), encoding="utf-8")
    return path


def test_not_in_scope_on_one_side_is_said_not_compared(tmp_path: Path) -> None:
    """EU AI Act 'exemption-not-shown' in the baseline, 'not-in-scope' now: off the framework's
    order, so neither worse nor better; it was counted as compared, 'no regression'."""
    _in_scope_or_not(tmp_path, "big.yml", "1.0e+24")
    _in_scope_or_not(tmp_path, "small.yml", "1.0e+21")
    written = run_osai("check", "big.yml", "-f", "eu-ai-act", "-o", "base.json", cwd=tmp_path)
    assert written.code == 0, written.stderr
    args = ("check", "small.yml", "-f", "eu-ai-act", "--baseline", "base.json")
    result = run_osai(*args, "--format", "json", cwd=tmp_path)
    assert result.code == 1, result.stderr  # nothing compared: NOT PROVEN
    baseline = json.loads(result.stdout)["baseline"]
    assert baseline["said"].startswith("baseline: nothing compared")
    assert (
        "small.yml EU AI Act: outcome not compared ('exemption-not-shown' in base.json, "
        "'not-in-scope' now)"
    ) in baseline["unmatched"]


def test_a_waived_requirement_does_not_fail_the_outcome_it_lets_pass(tmp_path: Path) -> None:
    """A requirement waived counts as met (README), as --require's gate takes it: MOF's
    outcome fell to none reached without waivers and failed the gate naming no requirement."""
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    (tmp_path / ".osai.yaml").write_text(
        "waivers:\n"
        "  - rule: MOF-C3-DATA-CARD\n"
        "    reason: legal read the data card's licence\n"
        "    expires: 2099-12-31\n"
        "    approved_by: legal\n",
        encoding="utf-8",
    )
    args = ("check", "pythia-70m.yml", "-f", "mof", "--baseline", "base.json", "-q")
    result = run_osai(*args, cwd=tmp_path)
    assert result.code == 0, result.stdout
    assert "PASS  baseline: no regression" in result.stdout
    (tmp_path / ".osai.yaml").unlink()
    unwaived = run_osai(*args, cwd=tmp_path)
    assert unwaived.code == 1
    assert "MOF-C3-DATA-CARD met → unmet" in " ".join(unwaived.stdout.split())


def test_a_target_named_at_length_matches_itself(tmp_path: Path) -> None:
    """Two targets, one whose path is over 200 characters: the baseline's name was cut to 200
    and never matched the run's, so the release was said on one side only and not compared."""
    folder = tmp_path / ("d" * 120)
    folder.mkdir()
    text = PYTHIA.read_text(encoding="utf-8")
    long_name = folder / ("m" * 100 + ".yml")
    for path in (long_name, folder / "two.yml"):
        path.write_text(text, encoding="utf-8")
    targets = (
        str(long_name.relative_to(tmp_path)),
        str((folder / "two.yml").relative_to(tmp_path)),
    )
    assert len(targets[0]) > 200
    written = run_osai("check", *targets, "-o", "base.json", cwd=tmp_path)
    assert written.code == 0, written.stderr
    result = run_osai(
        "check", *targets, "--baseline", "base.json", "--format", "json", cwd=tmp_path
    )
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["baseline"]["unmatched"] == []


def test_the_old_outcome_is_said_in_the_words_of_the_new(tmp_path: Path) -> None:
    """The baseline's level by its label, as the run's is said (README's example): it was the
    report's outcome_label, the level's name, "Class I - Open Science Model → no class
    reached"."""
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    args = ("check", "pythia-70m.yml", "-f", "mof", "--baseline", "base.json")
    result = run_osai(*args, "--format", "json", cwd=tmp_path)
    assert result.code == 1
    (regression,) = json.loads(result.stdout)["baseline"]["regressions"]
    assert (regression["old"], regression["new"]) == ("Class I", "no class reached")


def test_a_framework_in_the_baseline_only_is_said_by_its_name(tmp_path: Path) -> None:
    """Judged by one framework fewer than the baseline: said as a framework this run judges is
    ("MOF"), where it read 'mof' beside "OSAID" for one on this run's side only."""
    _baseline(tmp_path)
    result = run_osai(
        "check", "pythia-70m.yml", "-f", "osaid", "--baseline", "base.json", cwd=tmp_path
    )
    assert result.code == 0, result.stderr
    assert "osai: warning: baseline: pythia-70m.yml MOF is in base.json only\n" in result.stderr


def _without(text: str, *names: str) -> str:
    """A manifest's text without these components (the MOF's listing: not released)."""
    for name in names:
        start = text.rfind("    -\n", 0, text.index(f"      name: '{name}'"))
        text = text[:start] + text[text.index("    -\n", start + 6) :]
    return text


def test_a_grade_fallen_within_one_status_is_named(tmp_path: Path) -> None:
    """EOSAI's training code partial (its data processing code not released) → closed (the
    training code gone too) is unmet on both sides: only the score said the release got less
    open, naming no requirement."""
    release = tmp_path / "pythia-70m.yml"
    text = PYTHIA.read_text(encoding="utf-8")
    release.write_text(_without(text, "Data preprocessing code"), encoding="utf-8")
    assert run_osai("check", release.name, "-f", "eosai", "-o", "base.json", cwd=tmp_path).code == 0
    release.write_text(_without(text, "Data preprocessing code", "Training code"), "utf-8")
    args = ("check", release.name, "-f", "eosai", "--baseline", "base.json")
    result = run_osai(*args, "--format", "json", cwd=tmp_path)
    assert result.code == 1, result.stderr
    (regression,) = json.loads(result.stdout)["baseline"]["regressions"]
    (change,) = regression["requirements"]
    assert (change["requirement"], change["old"], change["new"]) == (
        "EOSAI-TRAINING-CODE",
        "unmet",
        "unmet",
    )
    assert (change["old_grade"], change["new_grade"]) == ("partial", "closed")
    assert "EOSAI-TRAINING-CODE partial → closed (" in regression["said"]


def test_sarif_and_junit_fail_where_the_baseline_fails_the_run(tmp_path: Path) -> None:
    """Exit 1 on the baseline alone: code scanning showed only the warnings of the requirements
    that got worse (a met one now unknown is no error), and JUnit said "failures 0" (aji)."""
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    args = ("check", "pythia-70m.yml", "--baseline", "base.json", "-o", "r.sarif", "-o", "r.xml")
    assert run_osai(*args, cwd=tmp_path).code == 1
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    errors = [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]
    # the requirements that got worse (ami), then the gate's reason per framework
    assert [(r["ruleId"], r["properties"]["framework"]) for r in errors] == [
        ("OSAID-DATA-INFORMATION-TERMS", "osaid"),
        ("MOF-C3-DATA-CARD", "mof"),
        ("OSAI-BASELINE", "osaid"),
        ("OSAI-BASELINE", "mof"),
    ]
    assert errors[3]["message"]["text"].startswith(
        "Pythia-70M: pythia-70m.yml MOF 1.0 Class I → no class reached; "
        "MOF-C3-DATA-CARD met → unmet"
    )
    rules = {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert "OSAI-BASELINE" in rules
    junit = (tmp_path / "r.xml").read_text(encoding="utf-8")
    # the two --baseline cases and the two requirements that got worse: MOF-C3-DATA-CARD,
    # unmet, and OSAID-DATA-INFORMATION-TERMS, unknown (skipped, as JUnit skips an unknown
    # one that did not get worse, beside GitHub's ::error and SARIF's error)
    assert '<testsuites name="osai" tests="32" failures="4"' in junit
    assert junit.count('<testcase name="--baseline base.json"') == 2
    assert '<failure message="worse than base.json: pythia-70m.yml OSAID 1.0' in junit


def test_what_got_worse_is_an_error_at_its_line_and_nothing_else_is(tmp_path: Path) -> None:
    """--baseline alone fails the run for what got worse: GitHub annotated it `::warning`, like
    every old gap, and SARIF gave it level warning (met → unknown, or met → unmet without
    --require), so the one error was the gate's line, on no file (ami).  An old gap keeps its
    level (here optional ones, notices); under --annotate failures, what got worse is
    annotated and nothing else of the requirements."""
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    args = ("check", "pythia-70m.yml", "--baseline", "base.json")
    outputs = ("-o", "sarif=r.sarif", "-o", "junit=r.xml", "--format", "github")
    github = run_osai(*args, *outputs, cwd=tmp_path)
    assert github.code == 1, github.stderr
    errors = [line for line in github.stdout.splitlines() if line.startswith("::error")]
    assert errors[0].startswith("::error title=osai gate --baseline::")
    worse = ("OSAID-DATA-INFORMATION-TERMS", "MOF-C3-DATA-CARD")
    for requirement, line in zip(worse, errors[1:], strict=True):
        assert line.startswith(f"::error file=pythia-70m.yml,line=84,title={requirement} ")
    assert "::notice file=pythia-70m.yml" in github.stdout  # an old gap: no error
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    run = sarif["runs"][0]
    levels = {r["ruleId"]: r["level"] for r in run["results"] if r["ruleId"] != "OSAI-BASELINE"}
    assert {rule for rule, level in levels.items() if level == "error"} == set(worse)
    assert "note" in levels.values()
    defaults = {r["id"]: r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]}
    assert all(defaults[rule] == "error" for rule in worse)
    # JUnit fails the same ones, whatever their status now (met → unknown was skipped)
    suites = ET.parse(tmp_path / "r.xml").getroot()
    failed = {
        str(case.get("name")).split(":")[0]: failure
        for case in suites.iter("testcase")
        for failure in case.iter("failure")
        if ":" in str(case.get("name"))  # a requirement's case: "ID: title"
    }
    assert set(failed) == set(worse), failed
    assert str(failed["OSAID-DATA-INFORMATION-TERMS"].get("message")).startswith("unknown: ")
    assert failed["MOF-C3-DATA-CARD"].get("type") == "unmet"
    failures = run_osai(*args, "--format", "github", "--annotate", "failures", cwd=tmp_path)
    assert re.findall(r"title=([A-Z0-9-]+) \(", failures.stdout) == list(worse)


def test_what_got_worse_says_what_it_was_in_the_baseline(tmp_path: Path) -> None:
    """The annotation and the SARIF message of a requirement that got worse read as every old
    gap's ("— unknown: ..."): only the gate's line, on no file, said it had been met.  Each
    says what it was in the baseline, and an old gap says nothing of it (amn)."""
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    args = ("check", "pythia-70m.yml", "--baseline", "base.json")
    github = run_osai(*args, "-o", "sarif=r.sarif", "--format", "github", cwd=tmp_path)
    assert github.code == 1, github.stderr
    said = {
        line.split("title=", 1)[1].split(" ", 1)[0]: line.split("::", 2)[2]
        for line in github.stdout.splitlines()
        if line.startswith("::") and "title=" in line and "file=" in line
    }
    worse = {
        "OSAID-DATA-INFORMATION-TERMS": " \u2014 was met in base.json; now unknown: ",
        "MOF-C3-DATA-CARD": " \u2014 was met in base.json; now unmet: Data card: CC-BY-NC-4.0",
    }
    for requirement, words in worse.items():
        assert words in said[requirement], said[requirement]
    old_gaps = [text for requirement, text in said.items() if requirement not in worse]
    assert old_gaps and not any("base.json" in text for text in old_gaps), old_gaps
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    messages = {
        r["ruleId"]: r["message"]["text"]
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] != "OSAI-BASELINE"
    }
    for requirement, words in worse.items():
        assert words in messages[requirement], messages[requirement]
    assert not any("was met in" in messages[r] for r in messages if r not in worse)


def test_junit_passes_the_baseline_case_where_nothing_got_worse(tmp_path: Path) -> None:
    _baseline(tmp_path)
    args = ("check", "pythia-70m.yml", "--baseline", "base.json", "--format", "junit")
    result = run_osai(*args, cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stdout.count('<testcase name="--baseline base.json"') == 2
    assert 'failures="0"' in result.stdout.split("\n")[1]


def test_a_requirement_that_got_worse_is_said_by_what_changed(tmp_path: Path) -> None:
    """OSAID's data information met → unknown on the data card relicensed: the line read
    "(Datasets: released, licence unknown; …)", true in both runs, cut before what changed,
    and sent its reader to mend the datasets (aji)."""
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    args = ("check", "pythia-70m.yml", "--baseline", "base.json", "--format", "json")
    document = json.loads(run_osai(*args, cwd=tmp_path).stdout)
    changes = {
        c["requirement"]: c["reason"]
        for r in document["baseline"]["regressions"]
        for c in r["requirements"]
    }
    assert changes["OSAID-DATA-INFORMATION-TERMS"].startswith(
        "but released too, Data card: CC-BY-NC-4.0"
    ), changes
    assert changes["MOF-C3-DATA-CARD"].startswith("Data card: CC-BY-NC-4.0"), changes


def test_junit_skips_the_baseline_case_of_a_framework_not_compared(tmp_path: Path) -> None:
    """A baseline of OSAID alone, and MOF judged now, its data card relicensed (Class I → none
    reached, which no baseline said): MOF's "--baseline base.json" case read as passed (ajk)."""
    _release(tmp_path)
    args = ("check", "pythia-70m.yml", "-f", "osaid", "-o", "base.json")
    assert run_osai(*args, cwd=tmp_path).code == 0
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    args = ("check", "pythia-70m.yml", "-f", "osaid,mof", "--baseline", "base.json")
    result = run_osai(*args, "--format", "junit", cwd=tmp_path)
    assert result.code == 1, result.stderr
    opening = '<testcase name="--baseline base.json" classname="pythia-70m.yml.mof"'
    case = result.stdout[result.stdout.index(opening) :].split("</testcase>")[0]
    assert '<skipped message="not compared with base.json: ' in case, case
    document = json.loads(run_osai(*args, "--format", "json", cwd=tmp_path).stdout)
    assert document["baseline"]["compared"] == [
        {"target": "pythia-70m.yml", "framework_id": "osaid"}
    ]


def test_a_regression_where_links_gave_no_answer_says_they_may_be_why(
    tmp_path: Path, hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A Hub model's linked code answered the accepted run and not this one (GitHub down, no
    answer kept: a CI runner's fresh cache): the training code met → unknown failed the gate
    as a release less open, and nothing said a server had not answered, nor at which commits
    the two runs judged the repository.  (The MOT's listing,
    which names the code too, left out: it alone kept the code met.)"""
    args = ("check", "EleutherAI/pythia-70m", "-f", "osaid", "--no-public-assessments")
    first = run_osai(*args, "-o", "base.json", cwd=tmp_path, env={"HF_ENDPOINT": hub.endpoint})
    assert first.code == 0, first.stderr
    # accepted at an earlier commit: the regression names both (it named neither)
    accepted = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    now = accepted["targets"][0]["revision"]
    accepted["targets"][0]["revision"] = "0123456789abcdef0123456789abcdef01234567"
    (tmp_path / "base.json").write_text(json.dumps(accepted), encoding="utf-8")
    github.inject_status(r"^/repos/", 503)
    fresh = {"HF_ENDPOINT": hub.endpoint, "OSAI_CACHE_DIR": str(tmp_path / "fresh")}
    result = run_osai(*args, "--baseline", "base.json", "--format", "json", cwd=tmp_path, env=fresh)
    assert result.code == 1, result.stderr
    (regression,) = json.loads(result.stdout)["baseline"]["regressions"]
    moved = {c["requirement"]: (c["old"], c["new"]) for c in regression["requirements"]}
    assert moved["OSAID-CODE-TRAINING"] == ("met", "unknown"), moved
    assert any(
        u.startswith("https://github.com/EleutherAI/gpt-neox (") and "503" in u
        for u in regression["unanswered"]
    ), regression["unanswered"]
    at = f"(at {now[:7]}, 0123456 in the baseline)"
    said = f"EleutherAI/pythia-70m {at} OSAID 1.0 not demonstrated; while 3 linked resources"
    assert said in regression["said"], regression["said"]
    assert "and 2 more), which may be why: run again; OSAID-" in regression["said"]


def test_a_regression_to_unmet_names_no_unanswered_link(tmp_path: Path) -> None:
    """Only where all that got worse went unknown: a data card relicensed under CC-BY-NC-4.0
    is less open whatever a server said."""
    _baseline(tmp_path)
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    args = ("check", "pythia-70m.yml", "--baseline", "base.json", "--format", "json")
    document = json.loads(run_osai(*args, cwd=tmp_path).stdout)
    assert all(r["unanswered"] == [] for r in document["baseline"]["regressions"])


def test_a_summary_of_several_targets_says_why_the_baseline_fails_one(tmp_path: Path) -> None:
    """Two targets, one less open than the baseline: the summary's gate column said FAIL and
    "Why the gate did not pass" was not there (it gave required policies only); with every
    report in a file, standard error names the regression as the gate's reason."""
    shutil.copy(EXAMPLES / "llama-2-7b.yml", tmp_path)
    _release(tmp_path)
    both = ("pythia-70m.yml", "llama-2-7b.yml")
    assert run_osai("check", *both, "-o", "two.json", cwd=tmp_path).code == 0
    _release(tmp_path, data_card_licence="CC-BY-NC-4.0")
    text = run_osai("check", *both, "--baseline", "two.json", cwd=tmp_path, env={"COLUMNS": "80"})
    assert text.code == 1, text.stderr
    why = text.stdout[text.stdout.index("Why the gate did not pass") :]
    said = " ".join(why.split())
    assert "pythia-70m.yml --baseline two.json: worse — OSAID 1.0 conformant → not" in said, why
    assert "llama-2-7b.yml" not in said, why
    files = run_osai("check", *both, "--baseline", "two.json", "-o", "r.json", cwd=tmp_path)
    assert files.stderr.splitlines()[-1].startswith(
        "osai: gate FAIL: pythia-70m.yml; PASS: 1 target; why: --baseline two.json: worse — "
    ), files.stderr


def test_the_gate_line_on_standard_error_gives_a_regression_s_first_requirement(
    tmp_path: Path,
) -> None:
    """Every report to a file, the release relicensed as a whole: standard error's gate line
    gave each requirement that got worse under each framework, 30 lines for one licence
    changed, where a required policy's reason gives its first and counts the rest."""
    _baseline(tmp_path)
    path = _release(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("Apache-2.0", "CC-BY-NC-4.0"), encoding="utf-8"
    )
    args = ("check", "pythia-70m.yml", "-f", "osaid,mof", "--baseline", "base.json")
    result = run_osai(*args, "-o", "r.json", cwd=tmp_path, env={"COLUMNS": "80"})
    assert result.code == 1, result.stderr
    gate = " ".join(result.stderr[result.stderr.index("osai: gate FAIL") :].split())
    assert "OSAID 1.0 conformant → not conformant; OSAID-" in gate, gate
    assert "more requirements worse; MOF 1.0 Class I → no class reached; MOF-" in gate, gate
    assert gate.count(" met → unmet") == 2, gate


TINY = EXAMPLES / "tiny-model"
# Where a run is, and how it spells the repository's `models/m` and `models/p.yml` (`{root}`: the
# repository's absolute path): the release engineer's step in the repository, in `models/`
# (`working-directory: models`), and anywhere with absolute paths.
SPELT_FROM = [
    ("", "./models/{}"),
    ("", "{root}/models/{}"),
    ("models", "{}"),
    ("models", "{root}/models/{}"),
    ("../elsewhere", "{root}/models/{}"),
]


def _repository(tmp_path: Path) -> Path:
    """A repository holding a model directory (models/m) and a manifest (models/p.yml)."""
    repository = tmp_path / "repo"
    shutil.copytree(TINY, repository / "models" / "m")
    shutil.copy(PYTHIA, repository / "models" / "p.yml")
    (repository / ".git").mkdir()
    (tmp_path / "elsewhere").mkdir()
    return repository


def _check_spelt(repository: Path, where: str, spelling: str, *args: str) -> Result:
    cwd = (repository / where).resolve()
    targets = [spelling.format(name, root=repository) for name in ("m", "p.yml")]
    baseline = str(repository / "base.json") if where.startswith("..") else "base.json"
    if where == "models":
        baseline = "../base.json"
    return run_osai(
        "check", *targets, "--baseline", baseline, *args, cwd=cwd, env={"GITHUB_WORKSPACE": ""}
    )


def _relicense(repository: Path) -> None:
    card = repository / "models" / "m" / "README.md"
    text = card.read_text(encoding="utf-8")
    assert "\nlicense: apache-2.0\n" in text
    card.write_text(text.replace("\nlicense: apache-2.0\n", "\nlicense: cc-by-nc-4.0\n"), "utf-8")


@pytest.mark.parametrize(("where", "spelling"), SPELT_FROM)
@pytest.mark.parametrize("baseline_spelt", ["models/{}", "./models/{}", "{root}/models/{}"])
def test_a_target_spelt_otherwise_than_in_the_baseline_is_compared(
    tmp_path: Path, where: str, spelling: str, baseline_spelt: str
) -> None:
    """A baseline of `models/m` and a run of `./models/m` (or `m` from `models/`, or its
    absolute path) compared nothing, each said on one side only: a release relicensed
    non-commercial passed the gate.  One target however spelt, as the run itself takes it and
    as SARIF fingerprints name it; an earlier baseline of `./models/m` or an absolute path too."""
    repository = _repository(tmp_path)
    targets = [baseline_spelt.format(name, root=repository) for name in ("m", "p.yml")]
    written = run_osai(
        "check", *targets, "-o", "base.json", cwd=repository, env={"GITHUB_WORKSPACE": ""}
    )
    assert written.code == 0, written.stderr
    same = _check_spelt(repository, where, spelling, "--format", "json")
    _relicense(repository)
    worse = _check_spelt(repository, where, spelling)
    assert worse.code == 1, worse.stderr
    assert "--baseline" in worse.stdout and "worse" in worse.stdout
    assert "baseline:" not in worse.stderr
    assert same.code == 0, same.stderr
    assert "baseline:" not in same.stderr
    compared = json.loads(same.stdout)["baseline"]["compared"]
    assert len(compared) == 4  # two targets, two frameworks each


def test_a_target_really_absent_from_the_baseline_is_still_said(tmp_path: Path) -> None:
    repository = _repository(tmp_path)
    shutil.copy(PYTHIA, repository / "models" / "q.yml")
    env = {"GITHUB_WORKSPACE": ""}
    written = run_osai(
        "check", "models/m", "models/p.yml", "-o", "base.json", cwd=repository, env=env
    )
    assert written.code == 0, written.stderr
    result = run_osai(
        "check", "./models/m", "models/q.yml", "--baseline", "base.json", cwd=repository, env=env
    )
    assert result.code == 0, result.stderr
    assert "baseline: 'models/p.yml' is in base.json only" in result.stderr
    assert "baseline: 'models/q.yml' is not in base.json" in result.stderr
    assert "'./models/m'" not in result.stderr and "'models/m'" not in result.stderr


@pytest.mark.parametrize("linked_side", ["run", "baseline"])
def test_a_target_given_through_a_link_to_the_checkout_is_compared(
    tmp_path: Path, linked_side: str
) -> None:
    """A checkout reached through a symbolic link (a CI workspace, macOS's /tmp): a run of
    `/link/models/m` took it as outside the repository (the run's directory is the link's
    target), compared nothing with a baseline of `models/m`, and a release relicensed
    non-commercial passed the gate with two warnings."""
    repository = _repository(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(repository, target_is_directory=True)
    env = {"GITHUB_WORKSPACE": ""}
    linked = [f"{link}/models/m", f"{link}/models/p.yml"]
    plain = ["models/m", "models/p.yml"]
    first, second = (plain, linked) if linked_side == "run" else (linked, plain)
    written = run_osai("check", *first, "-o", "base.json", cwd=repository, env=env)
    assert written.code == 0, written.stderr
    _relicense(repository)
    worse = run_osai("check", *second, "--baseline", "base.json", cwd=repository, env=env)
    assert worse.code == 1, worse.stderr
    assert "--baseline" in worse.stdout and "worse" in worse.stdout
    assert "baseline:" not in worse.stderr


def test_a_baseline_written_in_a_folder_of_the_repository_is_compared(tmp_path: Path) -> None:
    """A baseline written by a step in `models/` (`working-directory: models`) names `m` and
    `p.yml`; a run from the root names `models/m` and `models/p.yml`.  Its report does not say
    where it ran: the four were said on one side only, and a release relicensed non-commercial
    passed the gate.  Each is compared with the one target ending in it, and the pair said."""
    repository = _repository(tmp_path)
    env = {"GITHUB_WORKSPACE": ""}
    written = run_osai("check", "m", "p.yml", "-o", "../base.json", cwd=repository / "models")
    assert written.code == 0, written.stderr
    _relicense(repository)
    worse = run_osai(
        "check", "models/m", "models/p.yml", "--baseline", "base.json", cwd=repository, env=env
    )
    assert worse.code == 1, worse.stderr
    assert "--baseline" in worse.stdout and "worse" in worse.stdout
    said = " ".join(worse.stderr.split())
    assert "baseline: 'models/m' compared with 'm'" in said, said
    assert "baseline: 'models/p.yml' compared with 'p.yml'" in said, said
    assert "only" not in said and "is not in" not in said, said


def test_a_baseline_target_ending_two_targets_is_not_compared(tmp_path: Path) -> None:
    """`m` from a baseline whose run was elsewhere, and two targets of this run ending in it
    (`models/m`, `old/m`): which one it was is not known, and neither is compared with it."""
    repository = _repository(tmp_path)
    shutil.copytree(repository / "models" / "m", repository / "old" / "m")
    env = {"GITHUB_WORKSPACE": ""}
    written = run_osai("check", "m", "p.yml", "-o", "../base.json", cwd=repository / "models")
    assert written.code == 0, written.stderr
    result = run_osai(
        "check", "models/m", "old/m", "--baseline", "base.json", cwd=repository, env=env
    )
    said = " ".join(result.stderr.split())
    assert "baseline: 'm' is in base.json only" in said, said
    assert "compared with 'm'" not in said, said


def test_a_target_not_compared_beside_one_compared_is_not_compared_in_every_format(
    tmp_path: Path,
) -> None:
    """`osai check a.yml new.yml --baseline b.json` (b.json of a.yml alone): new.yml's gate
    cell said PASS, the totals "2 PASS", Markdown ✅ PASS, github "gate PASS: 2 targets", as if
    it had been compared and found no worse.  A target added since the baseline is normal (the
    README: a target on one side is a warning, not a failure), so the run exits 0, and the
    target's gate says NOT COMPARED."""
    _baseline(tmp_path)
    shutil.copy(EXAMPLES / "bloom.yml", tmp_path / "bloom.yml")
    args = ("check", "pythia-70m.yml", "bloom.yml", "--baseline", "base.json")
    text = run_osai(*args, cwd=tmp_path, env={"COLUMNS": "200"})
    assert text.code == 0, text.stderr
    row = next(line for line in text.stdout.splitlines() if line.startswith("  bloom.yml"))
    assert row.rstrip().endswith("NOT COMPARED"), row
    assert "1 NOT COMPARED, 1 PASS" in text.stdout
    document = json.loads(run_osai(*args, "--format", "json", cwd=tmp_path).stdout)
    gates = {t["target"]: t["gate"] for t in document["targets"]}
    assert gates == {"pythia-70m.yml": "PASS", "bloom.yml": "NOT COMPARED"}
    assert document["gate"]["verdict"] == "PASS"  # exit 0: the run's gate passes
    assert document["baseline"]["verdict"] == "PASS"
    assert document["baseline"]["uncompared"] == ["bloom.yml"]
    schema = json.loads(
        (ROOT / "rules" / "schema" / "report.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(document, schema)
    markdown = run_osai(*args, "--format", "markdown", cwd=tmp_path).stdout
    assert "| ⚪ **NOT COMPARED** |" in markdown
    github = run_osai(*args, "--format", "github", cwd=tmp_path).stdout
    assert "::notice title=osai gate::gate NOT COMPARED: bloom.yml; PASS: 1 target" in github
    verbose = run_osai(*args, "-v", cwd=tmp_path, env={"COLUMNS": "200"}).stdout
    assert "gate       NOT COMPARED  baseline: 'bloom.yml' not compared with base.json" in verbose


def test_a_target_that_could_not_be_checked_is_no_baseline_mismatch(
    tmp_path: Path, hub: LoopbackHub
) -> None:
    """`--offline` on an empty cache (exit 3, right): the gate's first line said "nothing
    compared … compare the same targets, or write b.json again", and a warning that the target
    was "in b.json only", an outage read as a baseline that matched nothing."""
    args = ("check", "EleutherAI/pythia-70m", "-f", "osaid", "--no-public-assessments")
    online = {"HF_ENDPOINT": hub.endpoint, "OSAI_CACHE_DIR": str(tmp_path / "warm")}
    assert run_osai(*args, "-o", "base.json", cwd=tmp_path, env=online).code == 0
    empty = {
        "HF_ENDPOINT": hub.endpoint,
        "OSAI_CACHE_DIR": str(tmp_path / "empty"),
        "HF_HOME": str(tmp_path / "hf"),
    }
    checked = (*args, "--offline", "--baseline", "base.json")
    result = run_osai(*checked, "--format", "github", cwd=tmp_path, env=empty)
    assert result.code == 3, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == (
        "::error title=osai gate --baseline::baseline: nothing compared "
        "('EleutherAI/pythia-70m' could not be checked), so nothing proven"
    ), first
    assert "only" not in result.stderr and "write base.json again" not in result.stdout
    document = json.loads(run_osai(*checked, "--format", "json", cwd=tmp_path, env=empty).stdout)
    assert document["baseline"]["unchecked"] == ["EleutherAI/pythia-70m"]
    assert document["baseline"]["unmatched"] == []


def test_a_target_that_could_not_be_checked_leaves_the_baseline_not_proven(
    tmp_path: Path,
) -> None:
    """An outage on one target beside another compared and no worse (exit 3, right): JSON said
    `gate.verdict: PASS` and the baseline `verdict: PASS, passes: true`, a regression gate
    passing on a target it never saw.  Not proven, in every format, and the exit stays 3."""
    _baseline(tmp_path)
    (tmp_path / "broken.yml").write_text("release: [\n", encoding="utf-8")
    args = ("check", "pythia-70m.yml", "broken.yml", "--baseline", "base.json")
    result = run_osai(*args, "--format", "json", cwd=tmp_path)
    assert result.code == 2, result.stderr
    document = json.loads(result.stdout)
    baseline = document["baseline"]
    assert baseline["unchecked"] == ["broken.yml"]
    assert (baseline["verdict"], baseline["passes"]) == ("NOT PROVEN", False)
    assert document["gate"]["verdict"] == "NOT PROVEN"
    assert baseline["said"] == (
        "baseline: no regression in 1 of 2 targets; could not be checked: 'broken.yml'"
    )
    markdown = run_osai(*args, "--format", "markdown", cwd=tmp_path).stdout
    assert f"**NOT PROVEN** {baseline['said']}" in markdown
    sarif = json.loads(run_osai(*args, "--format", "sarif", cwd=tmp_path).stdout)
    described = sarif["runs"][0]["invocations"][0]["exitCodeDescription"]
    assert described == "gate NOT PROVEN; 1 target not checked"
    text = run_osai(*args, cwd=tmp_path)
    assert text.code == 2 and baseline["said"] in text.stdout.replace("\n", " ")


def test_an_unchecked_target_is_not_paired_with_another(tmp_path: Path) -> None:
    """One target on each side is compared whatever each is named: a baseline of a.yml and a
    run of a.yml (broken: bad input) and new.yml compared new.yml with a.yml's report."""
    _baseline(tmp_path)
    shutil.copy(EXAMPLES / "bloom.yml", tmp_path / "bloom.yml")
    (tmp_path / "pythia-70m.yml").write_text("release: [\n", encoding="utf-8")
    args = ("check", "pythia-70m.yml", "bloom.yml", "--baseline", "base.json", "--format", "json")
    result = run_osai(*args, cwd=tmp_path)
    assert result.code == 2, result.stderr
    baseline = json.loads(result.stdout)["baseline"]
    assert baseline["compared"] == [] and baseline["regressions"] == []
    assert baseline["unchecked"] == ["pythia-70m.yml"]
    assert baseline["uncompared"] == ["bloom.yml"]
    assert "compared with" not in " ".join(baseline["unmatched"])


def test_nothing_compared_for_a_framework_version_moved_says_so(tmp_path: Path) -> None:
    """A baseline of another version of a framework's rules (EOSAI's version is its database's
    date: upgrading osai moves it in every -f eosai baseline) said "nothing compared (no target
    and framework in both …)", untrue: both were there, judged under other rules."""
    path = _baseline(tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    for target in document["targets"]:
        for framework in target["frameworks"]:
            framework["version"] = "0.9"
    path.write_text(json.dumps(document), encoding="utf-8")
    args = ("check", "pythia-70m.yml", "--baseline", "base.json", "--format", "json")
    result = run_osai(*args, cwd=tmp_path)
    assert result.code == 1, result.stderr
    assert json.loads(result.stdout)["baseline"]["said"] == (
        "baseline: nothing compared (judged under OSAID '1.0' here, '0.9' in the baseline; "
        "1 more framework likewise), so nothing proven: write base.json again with this osai"
    )


def test_sarif_says_why_a_baseline_that_compared_nothing_fails_the_run(tmp_path: Path) -> None:
    """NOT PROVEN on the baseline exits 1, and SARIF held no OSAI-BASELINE result (only for a
    regression): code scanning gave no reason for the failed step."""
    _baseline(tmp_path)
    (tmp_path / "pythia-70m.yml").rename(tmp_path / "other.yml")
    (tmp_path / "third.yml").write_text(PYTHIA.read_text(encoding="utf-8"), encoding="utf-8")
    args = ("check", "other.yml", "third.yml", "--baseline", "base.json", "-o", "r.sarif")
    assert run_osai(*args, cwd=tmp_path).code == 1
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    found = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "OSAI-BASELINE"]
    assert [(r["level"], r["properties"]["verdict"]) for r in found] == [
        ("error", "NOT PROVEN"),
        ("error", "NOT PROVEN"),
    ]
    assert found[0]["message"]["text"] == f"Pythia-70M: {NOTHING_COMPARED}"
    rules = {rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert "OSAI-BASELINE" in rules


@pytest.mark.parametrize(
    ("written", "checked"), [("--follow", "--no-follow"), ("--no-follow", "--follow")]
)
def test_a_baseline_of_the_other_follow_setting_is_not_compared(
    linked_world: LoopbackHub, tmp_path: Path, written: str, checked: str
) -> None:
    """A baseline written with --follow made a run without it "1 better" (the base model's
    Llama 2 licence unread), and the reverse a regression: the report did not say whether links
    were followed.  Now it does, and a target judged on other evidence is not compared, said as
    a framework judged in another mode is; a baseline from before (no links_followed) still is."""
    model = tmp_path / "m"
    model.mkdir()
    card = "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# m\n"
    (model / "README.md").write_text(card, encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"weights")
    wrote = run_osai("check", "m", written, "-f", "osaid", "-o", "base.json", cwd=tmp_path)
    report = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert report["targets"][0]["links_followed"] is (written == "--follow"), wrote.stderr
    args = ("check", "m", checked, "-f", "osaid", "--baseline", "base.json")
    result = run_osai(*args, cwd=tmp_path, env={"COLUMNS": "200"})
    assert result.code == 1, result.stdout
    said = " ".join(result.stderr.split())
    here, there = (
        ("not followed", "followed") if checked == "--no-follow" else ("followed", "not followed")
    )
    # the flag that judges as the baseline was, the one it was written with (was --follow
    # either way)
    assert f"m judged with links {here}, {there} in the baseline ({written}): not compared" in said
    assert "NOT PROVEN  baseline: nothing compared (judged with links" in result.stdout
    del report["targets"][0]["links_followed"]  # a report before 1.37: compared, as it was
    (tmp_path / "base.json").write_text(json.dumps(report), encoding="utf-8")
    result = run_osai(*args, cwd=tmp_path, env={"COLUMNS": "200"})
    assert "not compared" not in result.stderr and "nothing compared" not in result.stdout


def test_links_moved_is_its_own_value_not_display_words() -> None:
    """Links followed on one side only were a RulesMoved of a framework named "links" whose
    remedy was read back from its display text ("not followed"); now a value of its own,
    whose flag is told by a bool, and never counted as a framework."""
    from osai.report import BaselineComparison, LinksMoved, RulesMoved

    eosai = RulesMoved("a", "EOSAI", "version", "2026", "2025")
    for followed, flag in ((True, "--no-follow"), (False, "--follow")):
        links = LinksMoved("b", followed)
        assert links.flag == flag
        assert links.in_baseline_said.endswith(f"in the baseline ({flag})")
        comparison = BaselineComparison(
            "base.json", (), 0, (), uncompared=("a", "b"), moved=(eosai,), links_moved=(links,)
        )
        assert comparison.judged_otherwise == ("a", "b")
        assert f"check with {flag} as the baseline was" in comparison.said
        assert "more framework" not in comparison.said
