"""Reports: the JSON document validates against the published schema and is deterministic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, ROOT, run_osai

from osai.formatters.escaping import markdown_text
from osai.formatters.findings import told_apart
from osai.schemas import instance_errors, load_schema

MOT_MODELS = ROOT / "tests" / "fixtures" / "mot" / "models"


def test_json_report_validates_and_is_deterministic() -> None:
    args = ("check", *sorted(str(p) for p in EXAMPLES.glob("*.yml")), "--format", "json")
    first, second = run_osai(*args), run_osai(*args)
    assert first.code == 0, first.stderr
    assert first.stdout == second.stdout
    document = json.loads(first.stdout)
    assert list(instance_errors("report", document)) == []
    assert document["schema_version"] == "1.37"
    outcomes = {
        t["name"]: {f["id"]: f["outcome"] for f in t["frameworks"]} for t in document["targets"]
    }
    assert outcomes["Pythia-70M"] == {"osaid": "conformant", "mof": "class-1"}


# What a dashboard builds its table of a night's models from: the target, each framework's
# outcome and certainty, each requirement's status, evidence and citation, each policy and the gate.
TABLE_FIELDS = (
    "targets.target",
    "targets.source",
    "targets.revision",
    "targets.frameworks.id",
    "targets.frameworks.kind",
    "targets.frameworks.outcome",
    "targets.frameworks.certainty",
    "targets.frameworks.definite",
    "targets.frameworks.best_level_proven",
    "targets.frameworks.requirements.id",
    "targets.frameworks.requirements.level",
    "targets.frameworks.requirements.required",
    "targets.frameworks.requirements.status",
    "targets.frameworks.requirements.certainty",
    "targets.frameworks.requirements.evidence",
    "targets.frameworks.requirements.evidence.source",
    "targets.frameworks.requirements.evidence.location",
    "targets.frameworks.requirements.evidence.line",
    "targets.frameworks.requirements.evidence.value",
    "targets.frameworks.requirements.evidence.certainty",
    "targets.frameworks.requirements.citation",
    "targets.frameworks.requirements.citation.ref",
    "targets.frameworks.requirements.citation.url",
    "targets.policies.require",
    "targets.policies.level",
    "targets.policies.verdict",
    "targets.policies.threshold",
    "errors.target",
    "errors.exit_code",
    "gate.verdict",
    "gate.policies",
    "gate.unsettled",
)


def _schema_property(schema: dict[str, Any], dotted: str) -> dict[str, Any]:
    """The schema of a report field named by its keys (arrays' items and a $ref followed)."""
    node = schema
    for key in dotted.split("."):
        node = _resolved(schema, node)
        node = _resolved(schema, node["items"]) if "items" in node else node
        node = node["properties"][key]
    return node


def _resolved(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return _resolved(schema, schema["$defs"][node["$ref"].rsplit("/", 1)[1]])
    objects = [branch for branch in node.get("oneOf", ()) if "properties" in branch]
    return objects[0] if objects else node


def test_every_field_a_dashboard_tabulates_says_what_it_means() -> None:
    """A consumer trusts only what the schema documents: requirements' status (what 'waived'
    means), evidence's source, line and certainty, the citation, the gate's verdict and counts
    had a type and no description, so a dashboard had to guess them from sample output."""
    schema = load_schema("report")
    undocumented = [
        field
        for field in TABLE_FIELDS
        if not any(
            node.get("description")
            for node in (
                _schema_property(schema, field),
                _resolved(schema, _schema_property(schema, field)),
            )
        )
    ]
    assert undocumented == []


def test_each_target_gives_the_gate_s_verdict_on_it_as_the_summary_s_column_does() -> None:
    """A dashboard's row per model wants the gate the text summary's column shows (FAIL for
    Llama 2, NOT PROVEN for Amber, met only on inferred evidence, PASS for Pythia): the JSON gave
    the run's gate and each policy's verdict, and the row had to be worked out from policies[]
    and unsettled[].  Schema 1.27 gives it; null with no gate."""
    names = ("llama-2-7b.yml", "amber.yml", "pythia-70m.yml")
    targets = [str(EXAMPLES / name) for name in names]
    gated = run_osai("check", *targets, "--require", "osaid", "--format", "json")
    document = json.loads(gated.stdout)
    assert list(instance_errors("report", document)) == []
    assert [t["gate"] for t in document["targets"]] == ["FAIL", "NOT PROVEN", "PASS"]
    text = run_osai("check", *targets, "--require", "osaid", "-q").stdout
    assert "gate (--require osaid): 1 FAIL, 1 NOT PROVEN, 1 PASS" in " ".join(text.split())
    definite = run_osai("check", targets[2], "-f", "osaid", "--fail-on-unknown", "--format", "json")
    assert [t["gate"] for t in json.loads(definite.stdout)["targets"]] == ["PASS"]
    ungated = run_osai("check", targets[2], "--format", "json")
    assert [t["gate"] for t in json.loads(ungated.stdout)["targets"]] == [None]


def test_each_target_lists_the_actions_the_text_and_markdown_list() -> None:
    """A dashboard had next_steps alone, each one framework's requirement remedy: Llama 2's
    JSON told it to "publish" the architecture, where the text said to relicense it, and to
    publish the inference code a third party's Hub model can only document.  Schema 1.30 lists
    the actions every other report lists, kind first, in their order."""
    llama = str(EXAMPLES / "llama-2-7b.yml")
    (target,) = json.loads(run_osai("check", llama, "--format", "json").stdout)["targets"]
    actions = target["actions"]
    text = run_osai("check", llama, "-v", env={"COLUMNS": "300"}).stdout
    listed = text.split("\nActions\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(listed) == len(actions)
    for line, action in zip(listed, actions, strict=True):  # a kind may be "publish or license"
        assert line.strip().startswith(f"{action['kind']} "), (line, action["kind"])
    assert actions[0]["kind"] == "relicense"
    assert "Model parameters (Final)" in actions[0]["subjects"]
    assert "MOF-C3-MODEL-PARAMETERS-FINAL" in actions[0]["requirements"]
    assert actions[0]["licence"] == "LicenseRef-llama2"
    markdown = run_osai("check", llama, "-v", "--format", "markdown").stdout
    for action in actions:  # each as the Markdown says it, its kind first
        assert f"**{action['kind']}** {markdown_text(action['said'])}" in markdown


def test_json_progress_says_how_many_requirements_each_share_counts_are_unknown(
    tmp_path: Path,
) -> None:
    """MOT users found progress that counts only what is met misleading (issue #81): 'class-3':
    0 read as six failures where every Class III licence was one osai does not recognise (all
    six unknown, none unmet).  Schema 1.23 says how many are unknown, per level counted."""
    manifest = tmp_path / "m.yml"
    names = ("Model architecture", "Model parameters (Final)", "Model card", "Data card")
    extra = ("Technical report", "Evaluation results")
    manifest.write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n  name: m\n  license: {distribution: {name: ACME Model License}}\n"
        "  components:\n" + "".join(f"    - name: {name}\n" for name in (*names, *extra)),
        encoding="utf-8",
    )
    result = run_osai("check", str(manifest), "-f", "mof", "--format", "json")
    document = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    (mof,) = document["targets"][0]["frameworks"]
    assert mof["progress"] == {"class-3": 0.0, "class-2": 0.0, "class-1": 0.0}
    assert mof["progress_unknown"] == {"class-3": 6}
    pythia = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-f", "mof", "--format", "json")
    (mof,) = json.loads(pythia.stdout)["targets"][0]["frameworks"]
    assert mof["progress_unknown"] == {"class-3": 0, "class-2": 0, "class-1": 0}


def test_licences_osai_cannot_choose_between_are_all_in_the_document(tmp_path: Path) -> None:
    """A LICENSE of CC-BY-NC-4.0 beside a COPYING of MIT: the training code is under one of
    them, unknown which; the document names both, and validates (schema 1.9)."""
    (tmp_path / "LICENSE").write_text("Attribution-NonCommercial 4.0 International\n")
    (tmp_path / "COPYING").write_text(
        "MIT License\n\nPermission is hereby granted, free of charge\n"
    )
    (tmp_path / "train.py").write_text("print('training')\n")
    result = run_osai("check", str(tmp_path), "--format", "json")
    document = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    (target,) = document["targets"]
    (code,) = [c for c in target["components"] if c["id"] == "training-code"]
    assert code["licence"]["text"] == "MIT"
    assert [a["text"] for a in code["licence"]["alternatives"]] == ["CC-BY-NC-4.0"]


def test_many_manifests_in_one_run() -> None:
    files = sorted(str(p) for p in MOT_MODELS.glob("*.yml"))
    result = run_osai("check", *files, "--format", "json", "--mof-mode", "mot")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert len(document["targets"]) == 180
    assert list(instance_errors("report", document)) == []


def test_each_error_in_the_json_report_is_one_problem(tmp_path: Path) -> None:
    """A manifest with two problems is two entries of errors[], each one line, as standard error
    says them: it was one entry whose message joined both with a line break, which a dashboard
    showed as one problem (and a count of errors undercounted)."""
    manifest = tmp_path / "two.yml"
    manifest.write_text("release: 3\n", encoding="utf-8")
    missing = str(tmp_path / "missing.yml")
    result = run_osai("check", str(manifest), missing, "--format", "json")
    assert result.code == 2
    document = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    said = [line.removeprefix("osai: error: ") for line in result.stderr.splitlines()]
    assert [e["message"] for e in document["errors"]] == said
    assert [e["target"] for e in document["errors"]] == [str(manifest)] * 2 + [missing]
    assert all("\n" not in e["message"] for e in document["errors"])


def test_text_report_shows_verdicts_actions_differences_and_evidence() -> None:
    result = run_osai("check", str(EXAMPLES / "gpt-neox-20b.yml"), env={"COLUMNS": "120"})
    assert result.code == 0
    for expected in (
        "Class III - Open Model (declared); Class II not met — Evaluation data not released",
        "Actions",
        "publish  Evaluation data: not released",
        "Differences",
        "Evidence",
    ):
        assert expected in result.stdout


def test_require_gates_the_exit_code() -> None:
    pythia = str(EXAMPLES / "pythia-70m.yml")
    llama = str(EXAMPLES / "llama-2-7b.yml")
    neox = str(EXAMPLES / "gpt-neox-20b.yml")
    assert run_osai("check", pythia, "--require", "osaid", "--require", "mof:class-1").code == 0
    assert run_osai("check", llama, "--require", "osaid").code == 1
    assert run_osai("check", neox, "--require", "mof:class-3").code == 0
    assert run_osai("check", neox, "--require", "mof:II").code == 1
    amber = str(EXAMPLES / "amber.yml")
    # Amber's data information is inferred from its released datasets: not proof by default.
    assert run_osai("check", amber, "--fail-on-unknown").code == 1
    assert run_osai("check", amber, "--fail-on-unknown", "--min-certainty", "inferred").code == 0


def test_compare_is_generated_from_the_rules() -> None:
    result = run_osai("compare", "osi", "mof")
    assert result.code == 0
    assert "Model parameters (Intermediate)" in result.stdout
    assert "Where they disagree" in result.stdout
    as_json = json.loads(run_osai("compare", "osaid", "mof", "--format", "json").stdout)
    assert len(as_json["components"]) == 17
    assert any("third parties" in d["message"] for d in as_json["differences"])


def test_licenses_show_explains_the_classification() -> None:
    result = run_osai("licenses", "show", "Apache-2.0 OR llama2")
    assert result.code == 0
    assert "Apache-2.0 OR LicenseRef-llama2" in result.stdout
    assert "Acceptable Use Policy" in result.stdout


def test_mode_flag_is_generic_and_mof_mode_is_its_short_form() -> None:
    target = str(MOT_MODELS / "CodeT5+-16B.yml")
    long_form = run_osai("check", target, "--mode", "mof=mot", "--format", "json")
    short_form = run_osai("check", target, "--mof-mode", "mot", "--format", "json")
    assert long_form.code == short_form.code == 0
    assert long_form.stdout == short_form.stdout
    assert '"mode": "mot"' in long_form.stdout
    assert run_osai("check", target, "--mode", "osaid=strict").code == 2


def test_compare_with_a_model_keeps_the_format_and_the_mode() -> None:
    model = str(MOT_MODELS / "CodeT5+-16B.yml")
    markdown = run_osai("compare", "osaid", "mof", "--model", model, "--format", "markdown")
    assert markdown.code == 0, markdown.stderr
    # the model's report first, as Markdown too: its verdicts came after the whole comparison
    assert markdown.stdout.startswith("# osai openness report")
    assert "\n# Open Source AI Definition 1.0 vs Model Openness" in markdown.stdout
    assert "──" not in markdown.stdout  # no rich rule or table drawn into the Markdown
    as_json = run_osai("compare", "osaid", "mof", "--model", model, "--format", "json")
    document = json.loads(as_json.stdout)
    frameworks = document["model"]["targets"][0]["frameworks"]
    assert [f["id"] for f in frameworks] == ["osaid", "mof"]
    moded = run_osai(
        "compare", "osaid", "mof", "--model", model, "--mode", "mof=mot", "--format", "json"
    )
    modes = {
        f["id"]: f["mode"] for f in json.loads(moded.stdout)["model"]["targets"][0]["frameworks"]
    }
    assert modes == {"osaid": "default", "mof": "mot"}


def test_compare_refuses_what_it_cannot_do() -> None:
    same = run_osai("compare", "osaid", "osi")
    sarif = run_osai("compare", "--format", "sarif")
    assert same.code == 2 and "the same framework" in same.stderr
    assert (
        sarif.code == 2 and "--format sarif: expected one of text, json, markdown" in sarif.stderr
    )


def test_compare_refuses_a_mode_it_would_not_use() -> None:
    """`compare osi mof --mof-mode bad` exited 0: the table is the rules', and a mode only
    judges a --model, so without one the mode was silently ignored, a bad one included."""
    for args in (("--mof-mode", "bad"), ("--mode", "mof=mot")):
        result = run_osai("compare", "osi", "mof", *args)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == (
            "osai: error: --mode and --mof-mode apply to --model: give a target to judge\n"
        )


def test_a_framework_id_never_overwrites_a_row_s_own_keys(tmp_path: Path) -> None:
    """Each framework's words sat beside a row's own keys, under its id: a framework added with
    id `name` overwrote the component's name, `asks` the data.  They sit under `stances`."""
    text = (ROOT / "rules" / "frameworks" / "mof.yaml").read_text(encoding="utf-8")
    added = tmp_path / "name.yaml"
    renamed = text.replace("id: mof\n", "id: name\n", 1).replace("short_name: MOF", "short_name: N")
    renamed = renamed.replace("id: MOF-", "id: NAME-")  # a requirement id is one rule's alone
    added.write_text(renamed.replace("aliases: [model-openness-framework]", "aliases: []"))
    result = run_osai("compare", "osaid", "name", "--add-framework", str(added), "--format", "json")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(instance_errors("compare", document)) == []
    row = next(r for r in document["components"] if r["component"] == "model-architecture")
    assert row["name"] == "Model architecture"
    assert row["stances"]["name"] == "from Class III, under an open licence"


def test_compare_takes_an_added_framework_as_check_does() -> None:
    """A user's own framework file could be checked against (`check --add-framework`) but not
    compared: `compare` had no such option."""
    added = ROOT / "tests" / "fixtures" / "frameworks" / "fmti-shaped.yaml"
    result = run_osai("compare", "osaid", "fmti-shaped", "--add-framework", str(added))
    assert result.code == 0, result.stderr
    assert result.stdout.startswith(
        "Open Source AI Definition 1.0 vs FMTI-shaped transparency indicators (test)"
    )


@pytest.mark.parametrize("added", [(), ("euaia-sketch.yaml",), ("fmti-shaped.yaml",)])
def test_compare_without_frameworks_compares_what_check_judges_by_default(
    added: tuple[str, ...],
) -> None:
    """`osai compare` alone compared "osaid mof", kept in Python: a framework file added with
    --add-framework, which `osai check` then judges when none is named (default or not), was
    left out of the table."""
    fixtures = ROOT / "tests" / "fixtures" / "frameworks"
    options = [arg for name in added for arg in ("--add-framework", str(fixtures / name))]
    compared = run_osai("compare", *options, "--format", "json")
    checked = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), *options, "--format", "json")
    assert compared.code == 0 and checked.code == 0, compared.stderr + checked.stderr
    (target,) = json.loads(checked.stdout)["targets"]
    judged = [framework["id"] for framework in target["frameworks"]]
    assert [framework["id"] for framework in json.loads(compared.stdout)["frameworks"]] == judged
    assert ("euaia-sketch" in judged) == ("euaia-sketch.yaml" in added)


def test_compare_json_says_what_each_framework_asks_as_data_and_validates() -> None:
    """`compare --format json` carried display text only ("required · osi-approved-licence",
    "—"): a program had to parse words.  Each row now has `asks`, per framework, one entry per
    requirement naming it, and the document validates against its published schema."""
    result = run_osai("compare", "osaid", "mof", "eosai", "--format", "json")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(instance_errors("compare", document)) == []
    rows = {row["component"]: row for row in document["components"]}
    preprocessing = rows["data-preprocessing-code"]["asks"]
    assert preprocessing["osaid"] == [
        {
            "requirement": "OSAID-CODE-DATA-PROCESSING",
            "kind": "required",
            "level": "conformant",
            "policy": "osi-approved-licence",
            "grades": [],
            "test": "",
        }
    ]
    assert [(a["kind"], a["level"]) for a in preprocessing["mof"]] == [("required", "class-1")]
    assert {a["kind"] for a in preprocessing["eosai"]} == {"graded"}
    assert rows["evaluation-data"]["asks"]["osaid"] == []
    assert rows["evaluation-data"]["stances"]["osaid"] == "—"
    datasets = [a["kind"] for a in rows["datasets"]["asks"]["osaid"]]
    assert datasets and set(datasets) == {"one-way"}
    facts = {row["fact"]: row for row in document["facts"]}
    (description,) = facts["training_data_description"]["asks"]["osaid"]
    assert (description["kind"], description["test"], description["policy"]) == (
        "one-way",
        "stated",
        "",
    )
    with_model = run_osai(
        "compare", "osaid", "mof", "--model", str(EXAMPLES / "tiny-model"), "--format", "json"
    )
    assert list(instance_errors("compare", json.loads(with_model.stdout))) == []


def test_compare_with_a_model_answers_first_in_the_terminal() -> None:
    """Asked about one model, the text opens with its verdicts (they were at line 167 of 305,
    after the frameworks' general comparison), and the comparison follows."""
    model = str(MOT_MODELS / "CodeT5+-16B.yml")
    result = run_osai("compare", "osaid", "mof", "--model", model, env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("CodeT5+-16B")  # its title (the path may wrap under it)
    verdict = next(i for i, line in enumerate(lines) if line.lstrip().startswith("OSAID 1.0"))
    title = lines.index("Open Source AI Definition 1.0 vs Model Openness Framework 1.0")
    assert verdict < 4 < title
    assert max(map(len, lines)) <= 80


def _abouts(*args: str) -> list[str]:
    document = json.loads(run_osai("check", *args, "--format", "json").stdout)
    assert list(instance_errors("report", document)) == []
    return [finding["about"] for finding in document["targets"][0]["findings"]]


def test_a_finding_s_about_stays_when_its_evidence_moves_and_tells_two_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dashboard tracks a finding from run to run by `about` (schema 1.22), as code scanning
    does by SARIF's fingerprint: it keyed findings by their message, which names lines and
    may quote a network error.  Lines added above keep it; two problems of one card's front
    matter, which cite one file, are told apart."""
    monkeypatch.chdir(ROOT)
    manifest = tmp_path / "osai.yaml"
    assert run_osai("init", "examples/tiny-model", "-o", str(manifest)).code == 0
    text = manifest.read_text("utf-8").replace("license: Apache-2.0", "license: MIT")
    manifest.write_text(text, "utf-8")
    before = _abouts("examples/tiny-model", "--manifest", str(manifest))
    first, rest = text.split("\n", 1)
    manifest.write_text(f"{first}\n# reviewed\n{rest}", "utf-8")
    assert _abouts("examples/tiny-model", "--manifest", str(manifest)) == before
    conflicts = [about for about in before if about.startswith("conflict:")]
    assert f"conflict:model-parameters-final:{manifest},README.md" in conflicts
    assert len(conflicts) >= 4 and len(set(before)) == len(before)
    assert all(str(manifest) in about for about in conflicts)
    model = tmp_path / "m"
    model.mkdir()
    (model / "README.md").write_text("---\nlicense: {a: 1}\ndatasets: {b: 2}\n---\n# M\n")
    told = [about for about in _abouts(str(model)) if about.startswith("warning:")]
    assert told == ["warning::README.md", "warning::README.md #2"]


def test_a_finding_told_apart_never_takes_another_s_key() -> None:
    """Two findings about one thing are told apart by ' #2', but a location is anyone's text:
    a third whose cited file is named `README.md #2` (a directory osai cannot read, a Hub
    file) had the second's key, so JSON's `about`, SARIF's fingerprint and JUnit's case name
    gave two findings one key, which a dashboard or code scanning takes for one.  The second
    takes the first number no finding has."""
    keys = ["warning::README.md", "warning::README.md", "warning::README.md #2"]
    assert told_apart(keys) == ["warning::README.md", "warning::README.md #3", keys[2]]
    again = ["k #2", "k", "k", "k"]
    assert told_apart(again) == ["k #2", "k", "k #3", "k #4"]
    assert told_apart(["k", "k", "k #2", "k #2"]) == ["k", "k #3", "k #2", "k #2 #2"]


def test_markdown_sources_name_the_level_the_unmet_requirements_keep_back() -> None:
    """Markdown's "Sources of the verdicts" said "Class III, unmet: MOF 1.0, Class II,
    Evaluation data", which read as if Class III had an unmet requirement: the level reached,
    then the level not reached that the unmet requirements keep back."""
    args = ("check", str(EXAMPLES / "gpt-neox-20b.yml"), "-f", "mof", "--format", "markdown")
    markdown = run_osai(*args).stdout
    sources = markdown.split("#### Sources of the verdicts", 1)[1].split("\n\n", 2)[1]
    assert sources == (
        "- Model Openness Framework: Class III; Class II not reached, unmet: MOF 1.0, Class II, "
        "Evaluation data \\(MOF-C2-EVALUATION-DATA\\)"
    ), sources
