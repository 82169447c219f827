"""SARIF fingerprints as code scanning uses them: it matches a result to last run's alert by
its partialFingerprints, so a fingerprint names what a result is about, never where it sits."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from clirunner import ROOT, run_osai
from test_formats import assert_valid_sarif

TINY = "examples/tiny-model"
FINDING_RULES = ("OSAI-CONFLICT", "OSAI-WARNING")


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _findings(*args: str) -> list[dict[str, Any]]:
    log = json.loads(run_osai("check", *args, "--format", "sarif").stdout)
    assert_valid_sarif(log)
    return [r for r in log["runs"][0]["results"] if r["ruleId"] in FINDING_RULES]


def _fingerprint(result: dict[str, Any]) -> str:
    return str(result["partialFingerprints"]["osai/v1"])


def _relicensed_draft(manifest: Path) -> Path:
    """`osai init m`'s draft at `manifest`, its licence MIT where the directory's is Apache-2.0:
    a conflict (OSAI-CONFLICT, citing the manifest) beside the gate's result."""
    assert run_osai("init", "m", "-o", str(manifest)).code == 0
    text = manifest.read_text("utf-8").replace("license: Apache-2.0", "license: MIT")
    manifest.write_text(text, "utf-8")
    return manifest


def _gate_fingerprints(*args: str) -> list[str]:
    run = run_osai("check", *args, "--require", "osaid", "--format", "sarif")
    log = json.loads(run.stdout)
    assert_valid_sarif(log)
    return [_fingerprint(result) for result in log["runs"][0]["results"]]


def _line(result: dict[str, Any]) -> int:
    return int(result["locations"][0]["physicalLocation"]["region"]["startLine"])


def test_a_finding_s_fingerprint_stays_when_its_evidence_moves_down_the_file(
    tmp_path: Path,
) -> None:
    """A conflict's fingerprint held its evidence's line (a MOT listing's, a manifest's): a
    line added above it closed the alert and opened the same one anew."""
    manifest = tmp_path / "osai.yaml"
    assert run_osai("init", TINY, "-o", str(manifest)).code == 0
    text = manifest.read_text("utf-8").replace("license: Apache-2.0", "license: MIT")
    manifest.write_text(text, "utf-8")
    before = _findings(TINY, "--manifest", str(manifest))
    first, rest = text.split("\n", 1)
    manifest.write_text(f"{first}\n# reviewed\n# by the release team\n{rest}", "utf-8")
    after = _findings(TINY, "--manifest", str(manifest))
    assert len(before) >= 4 and len(after) == len(before)
    assert [_line(r) + 2 for r in before] == [_line(r) for r in after]
    assert [_fingerprint(r) for r in after] == [_fingerprint(r) for r in before]
    assert not any(f":{_line(r)}" in _fingerprint(r) for r in after)


def test_two_findings_told_apart_by_line_alone_keep_two_fingerprints(tmp_path: Path) -> None:
    """Two problems in one card's front matter cite the same file: without their lines they
    are told apart by their order, else code scanning would take them for one alert."""
    model = tmp_path / "m"
    model.mkdir()
    front = "---\nlicense: {a: 1}\ndatasets: {b: 2}\n---\n# M\n"
    (model / "README.md").write_text(front, "utf-8")
    found = _findings(str(model))
    keys = [_fingerprint(r) for r in found]
    assert len(found) == 2 and len(set(keys)) == 2, keys
    assert keys[1] == f"{keys[0]} #2"
    moved = "---\n\n\nlicense: {a: 1}\ndatasets: {b: 2}\n---\n# M\n"
    (model / "README.md").write_text(moved, "utf-8")
    assert [_fingerprint(r) for r in _findings(str(model))] == keys


def test_a_target_given_by_its_absolute_path_keeps_the_fingerprints_it_has_given_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fingerprint named the target as given: `osai check $GITHUB_WORKSPACE/m` put the
    checkout's directory in every one, so a run in another work directory (another runner, a
    run from one's own machine) closed every alert and opened it anew, though the results'
    locations, relative to the run's directory, were the same."""
    shutil.copytree(ROOT / TINY, tmp_path / "m")
    monkeypatch.chdir(tmp_path)
    manifest = _relicensed_draft(tmp_path / "osai.yaml")
    fingerprints = _gate_fingerprints
    relative = fingerprints("m", "--manifest", "osai.yaml")
    absolute = fingerprints(str(tmp_path / "m"), "--manifest", str(manifest))
    rules = {key.split(":")[1] for key in relative}
    assert {"OSAI-REQUIRE", "OSAI-CONFLICT"} <= rules
    assert absolute == relative
    assert not any(str(tmp_path) in key for key in absolute)


def _uris(log: dict[str, Any]) -> set[str]:
    return {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
        for location in result.get("locations", ())
    }


@pytest.mark.parametrize("root_by", ["git", "GITHUB_WORKSPACE"])
def test_locations_are_relative_to_the_repository_root_from_a_subdirectory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root_by: str
) -> None:
    """Code scanning and GitHub's annotations read a path from the repository's root: from a
    step run in `models/` (`working-directory: models`) every location was relative to
    `models/`, naming a file that is not there."""
    repository = tmp_path / "repo"
    shutil.copytree(ROOT / TINY, repository / "models" / "m")
    if root_by == "git":
        (repository / ".git").mkdir()
    env = {"GITHUB_WORKSPACE": str(repository) if root_by == "GITHUB_WORKSPACE" else ""}
    monkeypatch.chdir(repository / "models")
    run = run_osai("check", "m", "--require", "osaid", "--format", "sarif", env=env)
    log = json.loads(run.stdout)
    assert_valid_sarif(log)
    assert _uris(log) == {"models/m/README.md"}
    github = run_osai("check", "m", "--require", "osaid", "--format", "github", env=env)
    assert "file=models/m/README.md" in github.stdout
    assert "file=m/" not in github.stdout


@pytest.mark.parametrize("step_in", ["src", "src/models"])
def test_locations_are_relative_to_a_checkout_in_a_subdirectory_of_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step_in: str
) -> None:
    """actions/checkout with `path: src` puts the repository in $GITHUB_WORKSPACE/src: every
    location named `src/models/m/README.md`, which the repository does not hold.  A submodule
    (its `.git` a file) stays the superproject's to name."""
    workspace = tmp_path / "workspace"
    repository = workspace / "src"
    shutil.copytree(ROOT / TINY, repository / "models" / "m")
    (repository / ".git").mkdir()
    (repository / "models" / ".git").write_text("gitdir: ../.git/modules/models\n")
    monkeypatch.chdir(workspace / step_in)
    target = "models/m" if step_in == "src" else "m"
    env = {"GITHUB_WORKSPACE": str(workspace)}
    run = run_osai("check", target, "--require", "osaid", "--format", "sarif", env=env)
    assert _uris(json.loads(run.stdout)) == {"models/m/README.md"}
    github = run_osai("check", target, "--require", "osaid", "--format", "github", env=env)
    assert "file=models/m/README.md" in github.stdout


def test_locations_outside_any_repository_are_relative_to_the_run_s_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / TINY, tmp_path / "models" / "m")
    monkeypatch.chdir(tmp_path / "models")
    run = run_osai("check", "m", "--format", "sarif", env={"GITHUB_WORKSPACE": str(ROOT)})
    assert _uris(json.loads(run.stdout)) == {"m/README.md"}


def test_from_a_subdirectory_a_target_given_relative_or_absolute_keeps_its_fingerprints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Locations are relative to the repository's root, and so are fingerprints, however the
    target and its manifest were given: from `models/` (a step's `working-directory`), `m`
    was fingerprinted `m:...` and `$GITHUB_WORKSPACE/models/m` `models/m:...`, two alerts for
    one result, and a step moved to the root closed every alert and opened it anew."""
    repository = tmp_path / "repo"
    shutil.copytree(ROOT / TINY, repository / "models" / "m")
    (repository / ".git").mkdir()
    monkeypatch.chdir(repository / "models")
    manifest = _relicensed_draft(repository / "models" / "osai.yaml")
    fingerprints = _gate_fingerprints
    relative = fingerprints("m", "--manifest", "osai.yaml")
    assert {key.split(":")[1] for key in relative} >= {"OSAI-REQUIRE", "OSAI-CONFLICT"}
    assert fingerprints(str(repository / "models" / "m"), "--manifest", str(manifest)) == relative
    monkeypatch.chdir(repository)
    assert fingerprints("models/m", "--manifest", "models/osai.yaml") == relative
    assert all(key.startswith("models/m:") for key in relative)


def _junit_keys(*args: str) -> list[tuple[str, str, str]]:
    """Each case as a dashboard tracks it (GitLab: classname and name; Jenkins: the classname's
    package and class, and the name), with its suite's name."""
    run = run_osai("check", *args, "--require", "osaid", "--format", "junit")
    root = ET.fromstring(run.stdout)
    return [
        (str(suite.get("name")), str(case.get("classname")), str(case.get("name")))
        for suite in root.iter("testsuite")
        for case in suite.iter("testcase")
    ]


def test_a_junit_case_keeps_its_classname_however_the_target_is_spelt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A case's classname and suite named the target as given: `./m`, `../m` from a step's
    working directory and `$CI_PROJECT_DIR/m` were three classnames for one model's cases, so a
    dashboard matching a case by classname and name from run to run took every case for a new
    one, the last run's for gone.  They name it from the repository's root, as SARIF does."""
    repository = tmp_path / "repo"
    shutil.copytree(ROOT / TINY, repository / "m")
    (repository / ".git").mkdir()
    (repository / "sub").mkdir()
    monkeypatch.chdir(repository)
    _relicensed_draft(repository / "osai.yaml")
    keys = _junit_keys("m", "--manifest", "osai.yaml")
    assert {"m.osaid", "m.mof", "m.findings"} <= {classname for _, classname, _ in keys}
    assert _junit_keys("./m", "--manifest", "./osai.yaml") == keys
    absolute = str(repository / "osai.yaml")
    assert _junit_keys(str(repository / "m"), "--manifest", absolute) == keys
    monkeypatch.chdir(repository / "sub")
    assert _junit_keys("../m", "--manifest", "../osai.yaml") == keys


def _policy_fingerprints(*require: str, cwd: Path | None = None) -> list[str]:
    args = [arg for policy in require for arg in ("--require", policy)]
    run = run_osai("check", "m.yml", *args, "--format", "sarif", cwd=cwd)
    assert run.code == 1, run.stderr
    log = json.loads(run.stdout)
    assert_valid_sarif(log)
    results = log["runs"][0]["results"]
    return [_fingerprint(r) for r in results if r["ruleId"] == "OSAI-REQUIRE"]


def test_a_policy_s_fingerprint_is_the_same_however_it_is_spelt(tmp_path: Path) -> None:
    """A policy not met is an OSAI-REQUIRE alert, fingerprinted by the policy as typed:
    `mof:III` in the workflow, `mof:class-3` once moved into .osai.yaml (or `MOF:3`, `mof`),
    one policy, and code scanning closed the alert and opened another.  It is now named by
    the framework and the level it asks for (the score, of a graded framework)."""
    from gate_manifests import open_release, write_manifest

    closed = open_release(drop=("Model card", "Training code"))
    write_manifest(tmp_path / "m.yml", closed)
    spellings = [_policy_fingerprints(s, cwd=tmp_path) for s in ("mof:III", "MOF:3", "mof")]
    assert spellings == [["m.yml:OSAI-REQUIRE:mof:class-3"]] * 3, spellings
    assert _policy_fingerprints("osaid", cwd=tmp_path) == ["m.yml:OSAI-REQUIRE:osaid:conformant"]
    # another level is another policy, another alert
    both = _policy_fingerprints("mof:class-3", "mof:class-2", cwd=tmp_path)
    assert both == ["m.yml:OSAI-REQUIRE:mof:class-3", "m.yml:OSAI-REQUIRE:mof:class-2"]


_EXPIRED = """\
targets: [{model}]
waivers:
{waivers}"""
_WAIVER = "  - rule: {rule}\n    reason: in review\n    expires: 2001-01-01\n"


def _expired_waiver_keys(tmp_path: Path, *rules: str) -> dict[str, dict[str, str]]:
    """Each expired waiver's warning, by the rule it names: its SARIF fingerprint, its JUnit
    case's name and its JSON `about`."""
    model = (ROOT / "examples" / "pythia-70m.yml").as_posix()
    waivers = "".join(_WAIVER.format(rule=rule) for rule in rules)
    config = tmp_path / ".osai.yaml"
    config.write_text(_EXPIRED.format(model=model, waivers=waivers), "utf-8")
    sarif, junit, report = tmp_path / "r.sarif", tmp_path / "r.xml", tmp_path / "r.json"
    run = run_osai("check", "--config", str(config), "-o", str(sarif), "-o", str(junit))
    assert run.code == 0, run.stderr
    assert run_osai("check", "--config", str(config), "-o", str(report)).code == 0
    keys: dict[str, dict[str, str]] = {rule: {} for rule in rules}
    for result in json.loads(sarif.read_text("utf-8"))["runs"][0]["results"]:
        for rule in rules:
            if result["ruleId"] == "OSAI-WARNING" and f"waiver for {rule} " in str(result):
                keys[rule]["sarif"] = _fingerprint(result)
    for case in ET.parse(junit).iter("testcase"):
        skipped = case.find("skipped")
        for rule in rules:
            if skipped is not None and f"waiver for {rule} " in str(skipped.get("message")):
                keys[rule]["junit"] = str(case.get("name"))
    for finding in json.loads(report.read_text("utf-8"))["targets"][0]["findings"]:
        for rule in rules:
            if f"waiver for {rule} " in finding["message"]:
                keys[rule]["json"] = finding["about"]
    return keys


def test_an_expired_waiver_s_warning_keeps_its_fingerprint_when_another_one_is_mended(
    tmp_path: Path,
) -> None:
    """Two expired waivers of one configuration file were one thing (`target:OSAI-WARNING::
    .osai.yaml`) told apart by their order, `#2` the second: renewing the first gave the
    second its fingerprint, and code scanning kept the first's alert open with the second's
    message and closed the second's.  Each is named by the rule it waives, as JUnit's case and
    the JSON report's `about` are."""
    both = _expired_waiver_keys(tmp_path, "OSAID-CODE-TRAINING", "MOF-C3-MODEL-CARD")
    alone = _expired_waiver_keys(tmp_path, "MOF-C3-MODEL-CARD")
    assert alone["MOF-C3-MODEL-CARD"] == both["MOF-C3-MODEL-CARD"]
    assert len(both["MOF-C3-MODEL-CARD"]) == 3
    assert all("#2" not in key for key in both["MOF-C3-MODEL-CARD"].values())


@pytest.mark.parametrize(
    ("header", "line"),
    [
        ("license: apache-2.0\nlicense: [unclosed\nlanguage: [en\n", 4),
        ("license: apache-2.0\ndate: 2026-02-30\n", 3),
    ],
    ids=["syntax", "value"],
)
def test_a_card_s_invalid_front_matter_is_placed_at_the_line_its_message_names(
    tmp_path: Path, header: str, line: int
) -> None:
    """A card whose front matter YAML cannot read: the SARIF result and the annotation were at
    line 1 (the card's first) while the message said line 3, so a reviewer was sent to the
    `---` above the mistake.  Both point where the message does."""
    model = tmp_path / "m"
    shutil.copytree(ROOT / TINY, model)
    (model / "README.md").write_text(f"---\n{header}---\n# A model\n", encoding="utf-8")
    sarif = tmp_path / "r.sarif"
    result = run_osai("check", str(model), "-o", f"sarif={sarif}", "-o", "github=-")
    assert result.code == 0, result.stderr
    (found,) = [
        r
        for r in json.loads(sarif.read_text("utf-8"))["runs"][0]["results"]
        if "front matter" in r["message"]["text"]
    ]
    assert f"line {line}" in found["message"]["text"], found["message"]["text"]
    assert found["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    (annotation,) = [a for a in result.stdout.splitlines() if "front matter" in a]
    assert f",line={line}," in annotation, annotation
