"""Rule files are data, validated by published JSON Schemas, with errors that point at the line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from clirunner import ROOT, Result, run_osai

from osai.rules import load_ruleset, validate_rule_file
from osai.yamlsafe import parse_yaml


def validate_edited(
    tmp_path: Path, fixture: str, name: str, old: str, new: str
) -> tuple[Path, Result]:
    """`osai rules validate` of a test framework (tests/fixtures/frameworks/FIXTURE) with its
    first `old` made `new`, written as tmp_path/NAME: the edited file and the command's
    result."""
    source = (ROOT / "tests" / "fixtures" / "frameworks" / fixture).read_text()
    assert old in source
    edited = tmp_path / name
    edited.write_text(source.replace(old, new, 1))
    return edited, run_osai("rules", "validate", str(edited))


def test_every_bundled_rule_file_is_valid() -> None:
    files = [
        *sorted((ROOT / "rules").glob("*.yaml")),
        *sorted((ROOT / "rules" / "frameworks").glob("*.yaml")),
    ]
    assert len(files) >= 5
    for path in files:
        assert validate_rule_file(path) == [], path


def test_an_edited_bundled_framework_validates_where_it_is_edited(tmp_path: Path) -> None:
    """After `pip install .` the bundled frameworks are the installed copies: a source tree's
    rules/frameworks/mof.yaml, edited, was "already framework 'mof'", so a contributor could not
    validate it before dropping it in.  A version of a bundled file (same name, same id) is
    that framework; a copy under another name still clashes, as --add-framework says."""
    edited = tmp_path / "frameworks" / "mof.yaml"
    edited.parent.mkdir()
    text = (ROOT / "rules" / "frameworks" / "mof.yaml").read_text(encoding="utf-8")
    edited.write_text(text + "# edited\n", encoding="utf-8")
    assert validate_rule_file(edited) == []
    renamed = tmp_path / "my-mof.yaml"
    renamed.write_text(text, encoding="utf-8")
    (problem,) = validate_rule_file(renamed)
    assert "is already framework 'mof'" in problem


def test_the_frameworks_and_the_component_vocabulary_load() -> None:
    rules = load_ruleset()
    assert list(rules.frameworks) == ["osaid", "mof", "eu-ai-act", "eosai"]
    # The two "is it open?" frameworks run by default; the others when named or required.
    assert [f.id for f in rules.default_frameworks()] == ["osaid", "mof"]
    assert len(rules.components) == 17
    mof = rules.framework("mof")
    assert [level.id for level in mof.levels] == ["class-3", "class-2", "class-1"]
    assert rules.framework("osi") is rules.framework("osaid")


def test_an_invalid_rule_file_is_reported_with_file_line_path_and_reason(tmp_path: Path) -> None:
    source = (ROOT / "tests" / "fixtures" / "frameworks" / "euaia-sketch.yaml").read_text()
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        source.replace(
            "level: exempt\n    title: Information on model usage",
            "level: 7\n    title: Information on model usage",
        )
    )
    problems = validate_rule_file(broken)
    assert len(problems) == 1
    assert problems[0].startswith(f"{broken}:")
    assert ": requirements[2].level: expected text, found the number 7" in problems[0]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "{component: model-card}",
            "{component: model-crad}",
            ":52: requirements[2].check: unknown component 'model-crad' "
            "(did you mean 'model-card'?)",
        ),
        (
            "{component: model-card}",
            "{fact: architecture_descripton}",
            ":52: requirements[2].check: unknown fact 'architecture_descripton' "
            "(did you mean 'architecture_description'?)",
        ),
        (
            "policy: free-and-open-source}",
            "policy: free-and-opensource}",
            ":40: requirements[0].check: unknown policy 'free-and-opensource' "
            "(did you mean 'free-and-open-source'?)",
        ),
        (
            "    level: exempt\n",
            "    level: exmept\n",
            ":38: requirements[0].level: unknown level 'exmept' (did you mean 'exempt'?)",
        ),
        (
            "    level: exempt\n",
            "    level: platinum\n",
            ":38: requirements[0].level: unknown level 'platinum' (levels: exempt)",
        ),
    ],
)
def test_a_name_misspelt_in_a_rule_is_said_with_the_one_meant(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    """A misspelt key was answered "did you mean 'remediation'?", a misspelt component, fact,
    policy or level only "unknown": the author was left to find the vocabulary in
    components.yaml, inside the installed package."""
    edited, validated = validate_edited(tmp_path, "euaia-sketch.yaml", "misspelt.yaml", old, new)
    assert (validated.code, validated.stderr) == (2, f"osai: error: {edited}{said}\n")


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "policy: free-and-open-source}",
            "policy: osi-approved}",
            ":40: requirements[0].check: unknown policy 'osi-approved' "
            "(policies: free-and-open-source)",
        ),
        (
            "    level: exempt\n    title: Weights released under a free and open-source licence\n"
            "    check: {component: model-parameters-final, policy: free-and-open-source}\n",
            "    title: Weights\n",
            ":37: requirements[0]: missing `check` and `level`",
        ),
        (
            "check: {component: model-card}",
            "check: {policy: free-and-open-source}",
            ":52: requirements[2].check: missing `component` or `fact` or `any_of` or `all_of`",
        ),
    ],
)
def test_a_requirement_an_author_leaves_short_is_said_in_one_line(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    """Written by an author of a framework of their own: a policy named after the licence set
    was "unknown policy 'osi-approved'", with no word of the file's policies; a requirement
    without `check`, `level` or `grades` was three lines, each form's missing keys; a check
    naming only a policy four."""
    edited, validated = validate_edited(tmp_path, "euaia-sketch.yaml", "short.yaml", old, new)
    assert (validated.code, validated.stderr) == (2, f"osai: error: {edited}{said}\n")


def test_a_policy_of_one_mode_only_is_said_to_be_missing_from_the_other(tmp_path: Path) -> None:
    """A requirement naming a policy one mode defines and another lacks was refused as
    "unknown policy", naming one the file defines."""
    source = (ROOT / "tests" / "fixtures" / "frameworks" / "euaia-sketch.yaml").read_text()
    strict = (
        "    unrecognised: unknown\n"
        "  strict:\n    description: x\n    matching: exact\n    unrecognised: unmet\n"
        "    policies:\n      strict-only:\n        title: x\n        accept: [osi-approved]\n"
    )
    edited = tmp_path / "modes.yaml"
    edited.write_text(
        source.replace("    unrecognised: unknown\n", strict, 1).replace(
            "policy: free-and-open-source}", "policy: strict-only}", 1
        )
    )
    validated = run_osai("rules", "validate", str(edited))
    said = (
        ":48: requirements[0].check: policy 'strict-only' is not in mode default (one every "
        "mode judges by goes under the top-level policies:)"
    )
    assert (validated.code, validated.stderr) == (2, f"osai: error: {edited}{said}\n")


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "      not-disclosed: {otherwise: true}\n",
            "      not-disclsoed: {otherwise: true}\n",
            ":45: requirements[0].grades.not-disclsoed: unknown grade 'not-disclsoed' "
            "(did you mean 'not-disclosed'?)",
        ),
        (
            "      not-disclosed: {otherwise: true}\n",
            "      half: {otherwise: true}\n",
            ":45: requirements[0].grades.half: unknown grade 'half' "
            "(scale: disclosed, not-disclosed)",
        ),
        (
            "    - {id: not-disclosed, name: not disclosed,",
            "    - {id: disclosed, name: not disclosed,",
            ":24: scoring.grades[1].id: grade 'disclosed' is listed twice",
        ),
    ],
)
def test_a_grade_misnamed_is_said_in_words(tmp_path: Path, old: str, new: str, said: str) -> None:
    """An unknown grade listed the scale as Python writes a list ("(scale: ['disclosed',
    'not-disclosed'])"), with no word of the one meant; a grade listed twice was said at the
    scale's line without naming which ("a grade is listed twice")."""
    edited, validated = validate_edited(tmp_path, "fmti-shaped.yaml", "grades.yaml", old, new)
    assert (validated.code, validated.stderr) == (2, f"osai: error: {edited}{said}\n")


def test_a_rule_naming_an_unknown_component_is_refused(tmp_path: Path) -> None:
    source = (ROOT / "tests" / "fixtures" / "frameworks" / "euaia-sketch.yaml").read_text()
    broken = tmp_path / "broken.yaml"
    broken.write_text(source.replace("component: model-card", "component: model-poem"))
    result = run_osai("rules", "validate", str(broken))
    assert result.code == 2
    assert "unknown component 'model-poem'" in result.stderr
    assert "Traceback" not in result.stderr


def test_rules_commands_explain_the_data() -> None:
    listing = run_osai("rules", "list")
    assert listing.code == 0 and "OSAID-CODE-TRAINING" in listing.stdout
    explained = run_osai("rules", "explain", "MOF-C3-TECHNICAL-REPORT")
    assert explained.code == 0 and "MAY be omitted if a research paper" in explained.stdout
    shown = run_osai("rules", "show", "osaid")
    assert shown.code == 0 and "interpretation" in shown.stdout
    assert run_osai("rules", "explain", "NO-SUCH-RULE").code == 2


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            ("explain", "OSAID-CODE-TRAINNG"),
            "no rule 'OSAID-CODE-TRAINNG' (did you mean 'OSAID-CODE-TRAINING'?)",
        ),
        (
            ("explain", "mof-c1-datsets"),
            "no rule 'mof-c1-datsets' (did you mean 'MOF-C1-DATASETS'?)",
        ),
        (("explain", "EOSAI"), "no rule 'EOSAI': a framework (see `osai rules show eosai`)"),
        (
            ("explain", "NO-SUCH-RULE"),
            # a rule of one's own framework: how to name its file, as an unknown framework says
            "no rule 'NO-SUCH-RULE' (see `osai rules list`; a framework of one's own: "
            "--add-framework FILE)",
        ),
        (
            ("explain", "osaid:OSAID-PARAMETRS"),
            "osaid has no rule 'OSAID-PARAMETRS' (did you mean 'OSAID-PARAMETERS'?)",
        ),
        (
            ("explain", "mof:OSAID-PARAMETERS"),
            "mof has no rule 'OSAID-PARAMETERS': a rule of osaid "
            "(`osai rules explain OSAID-PARAMETERS`)",
        ),
        (
            ("explain", "mof:class-2"),
            "mof has no rule 'class-2': a level of mof (`osai rules show mof`)",
        ),
        (("explain", "osaid:"), "'osaid:' names no rule (see `osai rules show osaid`)"),
        (
            ("show", "osaid:OSAID-PARAMETERS"),
            "unknown framework 'osaid:OSAID-PARAMETERS': a rule of osaid "
            "(see `osai rules explain OSAID-PARAMETERS`)",
        ),
        (("show", "MFO"), "unknown framework 'MFO' (did you mean 'mof'?)"),
        (
            # the mirror of explain's: it read "unknown framework … (known: osaid, mof, …)"
            ("show", "euaia-access"),
            "unknown framework 'euaia-access': a rule of eu-ai-act "
            "(see `osai rules explain EUAIA-ACCESS`)",
        ),
    ],
)
def test_a_misspelt_rule_or_framework_is_answered_with_the_nearest(
    command: tuple[str, ...], message: str
) -> None:
    """`rules explain OSAID-CODE-TRAINNG` said "no rule" and nothing more, while a misspelt
    framework, format or licence gets a did-you-mean."""
    result = run_osai("rules", *command)
    assert (result.code, result.stderr) == (2, f"osai: error: {message}\n")


@pytest.mark.parametrize("named", ["osaid:OSAID-PARAMETERS", "OSAID:osaid-parameters"])
def test_a_rule_is_found_named_after_its_framework(named: str) -> None:
    """`--require mof:class-2` names a level after its framework; `rules explain
    osaid:OSAID-PARAMETERS` named a rule so and was refused ("did you mean 'OSAID-PARAMETERS'?")."""
    explained = run_osai("rules", "explain", named)
    assert explained.code == 0, explained.stderr
    assert explained.stdout.startswith("OSAID-PARAMETERS: Model parameters under OSI-approved")


def test_a_rule_asking_for_an_unknown_fact_is_refused(tmp_path: Path) -> None:
    source = (ROOT / "rules" / "frameworks" / "osaid.yaml").read_text()
    broken = tmp_path / "osaid-typo.yaml"
    typo = source.replace("fact: unshareable_data_description", "fact: unshareable_data")
    broken.write_text(typo)
    (problem,) = validate_rule_file(broken)
    assert "unknown fact 'unshareable_data'" in problem


def test_a_level_id_given_twice_is_refused(tmp_path: Path) -> None:
    """Two levels under one id passed validation and merged: the headline named the first level,
    the evidence the second."""
    source = (ROOT / "tests" / "fixtures" / "frameworks" / "euaia-sketch.yaml").read_text()
    twice = tmp_path / "twice.yaml"
    again = "    short: exempt\n  - id: exempt\n    name: Another name\n    short: other\n"
    twice.write_text(source.replace("    short: exempt\n", again, 1))
    line = f"osai: error: {twice}:27: levels[1].id: duplicate level id 'exempt'\n"
    validated = run_osai("rules", "validate", str(twice))
    assert (validated.code, validated.stderr) == (2, line)
    manifest = str(ROOT / "examples" / "pythia-70m.yml")
    checked = run_osai("check", manifest, "--add-framework", str(twice), "-f", "euaia-sketch")
    assert (checked.code, checked.stderr) == (2, line)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "    unmet: not-exempt\n",
            "    unmet: exempt\n",
            ":17: scoring.not_reached.unmet: 'exempt' is a level's id: name the outcome otherwise",
        ),
        (
            "    unknown: exemption-not-shown\n",
            "    unknown: not-exempt\n",
            ":18: scoring.not_reached.unknown: 'not-exempt' is also the unmet outcome: "
            "a framework of one level names its unmet and unknown outcomes apart",
        ),
        (
            "    not-exempt: the exemption",
            "    not-exmept: the exemption",
            ":20: scoring.labels.not-exmept: no not-reached outcome 'not-exmept' to label "
            "(outcomes: exemption-not-shown, not-exempt)",
        ),
    ],
)
def test_a_not_reached_outcome_is_no_level_and_only_those_outcomes_are_labelled(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    """A not-reached outcome named as a level reported a release reaching nothing as
    "✘ <the level's name>"; one outcome for unmet and unknown, in a framework of one level,
    reported a release violating a requirement as "✘ <the unknown outcome's label>" and JSON's
    `outcome` the same for both; a label for an outcome that does not exist (a typo, or a
    level's id) was never shown, and nothing said so."""
    edited, validated = validate_edited(tmp_path, "euaia-sketch.yaml", "outcomes.yaml", old, new)
    assert (validated.code, validated.stderr) == (2, f"osai: error: {edited}{said}\n")


def test_a_scoring_kind_that_names_no_form_is_said(tmp_path: Path) -> None:
    """`kind: grade` named neither form, and was reported as the levels form's problems
    ("scoring.not_reached: missing", "scoring.progress: missing", "scoring.grades: unknown
    key"), none of them the mistake (ys's review of aba8ddf)."""
    edited, validated = validate_edited(
        tmp_path, "fmti-shaped.yaml", "graded-typo.yaml", "  kind: graded\n", "  kind: grade\n"
    )
    assert (validated.code, validated.stderr) == (
        2,
        f'osai: error: {edited}:20: scoring.kind: expected "levels" or "graded", found '
        "'grade' (did you mean 'graded'?)\n",
    )


@pytest.mark.parametrize(
    ("fixture", "old", "new", "said"),
    [
        (
            "euaia-sketch.yaml",
            "    unmet: not-exempt\n",
            "    unmet: no\n",
            ":17: scoring.not_reached.unmet: expected text, found false "
            "(YAML reads `no` as false; quote it, 'no', if you mean the text)",
        ),
        (
            "euaia-sketch.yaml",
            "  progress: none\n",
            "  progres: none\n",
            ":15: scoring.progres: unknown key (did you mean 'progress'?)",
        ),
        ("fmti-shaped.yaml", "  kind: graded\n", "", ":19: scoring.kind: missing (required)"),
    ],
)
def test_a_scoring_without_kind_is_checked_as_the_form_its_keys_name(
    tmp_path: Path, fixture: str, old: str, new: str, said: str
) -> None:
    """A levels scoring need not say `kind: levels`: one mistake in it (a typo, YAML's `no`
    for an outcome's id) was reported as five lines, the graded form's missing `kind` and
    `grades` and unknown `progress` and `not_reached` among them; a graded one that forgot
    `kind: graded` as the levels form's missing keys beside the `kind` that was its mistake."""
    edited, validated = validate_edited(tmp_path, fixture, "untagged.yaml", old, new)
    assert (validated.code, validated.stderr) == (2, f"osai: error: {edited}{said}\n")


def test_a_graded_scale_takes_no_labels(tmp_path: Path) -> None:
    """A graded scale has no not-reached outcome: its `labels` (which the schema took, and no
    report showed) were refused as "no not-reached outcome 'disclosed' to label (outcomes: )"
    since 6601302.  The graded form has no such key (ys's review)."""
    labelled = "  kind: graded\n  labels: {disclosed: Shown}\n"
    edited, validated = validate_edited(
        tmp_path, "fmti-shaped.yaml", "graded-labels.yaml", "  kind: graded\n", labelled
    )
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:21: scoring.labels: unknown key\n",
    )


def test_rules_list_show_and_explain_read_an_added_framework() -> None:
    """A report on an added framework points to `osai rules show ID` (its interpretations) and
    `osai rules explain RULE` (a value left to a reading), which knew only the bundled
    frameworks and took no --add-framework: "unknown framework 'euaia-sketch'"."""
    added = (
        "--add-framework",
        str(ROOT / "tests" / "fixtures" / "frameworks" / "fmti-shaped.yaml"),
    )
    env = {"COLUMNS": "400"}
    listed = run_osai("rules", "list", *added, env=env)
    assert listed.code == 0 and "FMTI-T-CODE-ACCESS" in listed.stdout, listed.stderr
    shown = run_osai("rules", "show", "fmti-shaped", *added, env=env)
    assert shown.code == 0, shown.stderr
    assert shown.stdout.startswith(
        "FMTI-shaped transparency indicators (test) 2025-test (fmti-shaped)\n"
    )
    explained = run_osai("rules", "explain", "FMTI-T-CODE-ACCESS", *added, env=env)
    assert explained.code == 0 and "Code access (paraphrased)" in explained.stdout
    as_json = run_osai("rules", "explain", "FMTI-T-CODE-ACCESS", "--format", "json", *added)
    assert as_json.code == 0 and '"id": "FMTI-T-CODE-ACCESS"' in as_json.stdout
    unnamed = run_osai("rules", "show", "fmti-shaped")  # and how to name it, when it is not
    assert unnamed.stderr == (
        "osai: error: unknown framework 'fmti-shaped' "
        "(known: osaid, mof, eu-ai-act, eosai; another: --add-framework FILE)\n"
    )


def test_a_graded_scale_is_checked_as_a_graded_one(tmp_path: Path) -> None:
    """A grade named `no` (YAML's false) under `kind: graded` was reported as the levels form's
    problems: "scoring.not_reached: missing (required)", "scoring.progress: missing",
    "scoring.grades: unknown key", none of them the mistake."""
    edited, validated = validate_edited(
        tmp_path, "fmti-shaped.yaml", "graded-no.yaml", "name: not disclosed,", "name: no,"
    )
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:24: scoring.grades[1].name: expected text, found false "
        "(YAML reads `no` as false; quote it, 'no', if you mean the text)\n",
    )


def test_explain_gives_every_outcome_of_a_category_test() -> None:
    """ "fact 'weights_access' one of ungated, click-through" hid that region-excluded fails it
    and that a gate approved by hand or asking personal data leaves it unknown."""
    explained = run_osai("rules", "explain", "EUAIA-ACCESS", env={"COLUMNS": "400"})
    assert explained.code == 0
    assert (
        "fact 'weights_access' met if ungated; unmet if region-excluded; "
        "unknown, left to a reading, if click-through or personal-data; unknown if approval "
        "(manifest: release.declarations.weights_access)"
    ) in explained.stdout, explained.stdout


def test_a_category_value_given_two_outcomes_is_refused(tmp_path: Path) -> None:
    """A value both left to a reading and failing the check would take whichever the engine
    tests first."""
    source = (ROOT / "rules" / "frameworks" / "eu-ai-act.yaml").read_text()
    twice = tmp_path / "euaia-twice.yaml"
    review = "review_if: [click-through, personal-data]"
    twice.write_text(source.replace(review, "review_if: [region-excluded]"))
    (problem,) = validate_rule_file(twice)
    assert "fact 'weights_access': value 'region-excluded' is in two of its lists" in problem


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "declare_in: [release.declarations.copyright_polcy]",
            "no manifest key 'release.declarations.copyright_polcy' (did you mean "
            "'release.declarations.copyright_policy'?)",
        ),
        (
            "declare_in: [{key: release.components, value: Copyright policy}]",
            "release.components: value 'Copyright policy' is no component's name",
        ),
        ("declare_in: [declarations.copyright_policy]", "declare_in[0]"),
    ],
)
def test_a_remedys_manifest_key_is_one_a_manifest_has(
    tmp_path: Path, written: str, said: str
) -> None:
    """A misspelt `declare_in` would send whoever owns the release to write a key osai refuses;
    `rules validate` names it, as the schema refuses one that is no manifest path at all."""
    source = (ROOT / "rules" / "frameworks" / "eu-ai-act.yaml").read_text()
    right = "declare_in: [release.declarations.copyright_policy]"
    assert source.count(right) == 1
    edited = tmp_path / "euaia-declare.yaml"
    edited.write_text(source.replace(right, written))
    (problem,) = validate_rule_file(edited)
    assert said in problem


@pytest.mark.parametrize(
    ("path", "said"),
    [
        (
            "examples/pythia-70m.yml",
            "a release manifest, not a rule file: `osai check examples/pythia-70m.yml` checks it",
        ),
        (
            "examples/ci/.osai.yaml",
            "an osai configuration, not a rule file: "
            "`osai check --config examples/ci/.osai.yaml` reads it",
        ),
    ],
)
def test_a_manifest_or_a_configuration_is_named_with_the_command_that_checks_it(
    path: str, said: str
) -> None:
    """`osai rules validate examples/pythia-70m.yml` answered "schema: expected one of
    osai/framework/1, osai/components/1, …", as if it were a broken rule file (found by the
    code review)."""
    result = run_osai("rules", "validate", path, cwd=ROOT)
    assert (result.code, result.stderr) == (2, f"osai: error: {path}: {said}\n")


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        (
            "{repository: kingoflolz/mesh-transformer-jax, own_code_for: [EleutherAI]}",
            "third_party[0].own_code_for: unknown key (did you mean 'own_code_of'?)",
        ),
        (
            "{repository: kingoflolz/mesh-transformer-jax, own_code_of: []}",
            "third_party[0].own_code_of: must not be empty",
        ),
        (
            "{repository: kingoflolz/mesh-transformer-jax, own_code_of: [a/b/c]}",
            "third_party[0].own_code_of[0]: 'a/b/c' does not match",
        ),
    ],
)
def test_whose_own_code_a_third_party_library_is_is_validated(
    tmp_path: Path, entry: str, said: str
) -> None:
    """rules/links.yaml `third_party` takes `{repository, own_code_of: [Hub organisations or
    model ids]}` beside plain names; a misspelt key, an empty list or a name no Hub
    organisation or model has is refused, where it is written."""
    text = (ROOT / "rules" / "links.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "links.yaml"
    edited.write_text(text.replace("  - pytorch/pytorch\n", f"  - {entry}\n"), encoding="utf-8")
    problems = validate_rule_file(edited)
    assert problems and problems[0].startswith(f"{edited}:"), problems
    assert said in problems[0], problems


def test_a_category_value_titled_must_be_one_of_its_values(tmp_path: Path) -> None:
    """rules/components.yaml `value_titles` says a category's values in words: a title for a value
    the fact does not take (a typo) would never be said, and its value never put in words."""
    text = (ROOT / "rules" / "components.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "components.yaml"
    typo = "      personal-data: only after giving personal data\n"
    assert text.count(typo) == 1
    edited.write_text(text.replace(typo, typo.replace("personal-data", "personal-dta")), "utf-8")
    problems = validate_rule_file(edited)
    assert problems and "'personal-dta' is not one of the fact's values" in problems[0], problems
    assert problems[0].startswith(f"{edited}:")


def test_the_base_model_fact_links_follow_must_be_a_fact(tmp_path: Path) -> None:
    """rules/links.yaml `base_model_fact` names the fact a manifest declares its base in: one
    the vocabulary (rules/components.yaml) lacks would never be followed, unsaid."""
    text = (ROOT / "rules" / "links.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "links.yaml"
    assert text.count("base_model_fact: base_model\n") == 1
    edited.write_text(
        text.replace("base_model_fact: base_model\n", "base_model_fact: base_modle\n"), "utf-8"
    )
    problems = validate_rule_file(edited)
    assert problems and "base_model_fact: unknown fact base_modle" in problems[0], problems


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "    accept: [osi-approved, fsf-libre, open-data, open-model]\n",
            "    accept: [osi-approved, fsf-libre, open-dta, open-model]\n",
            ":30: policies.free-and-open-source.accept: policy 'free-and-open-source' "
            "names unknown licence set 'open-dta' (did you mean 'open-data'?)",
        ),
        (
            "    accept: [osi-approved, fsf-libre, open-data, open-model]\n",
            "    accept: [osi-approved]\n    reject: [non-commercial, use-restrictions]\n",
            ":31: policies.free-and-open-source.reject[1]: policy 'free-and-open-source' "
            "rejects unknown restriction 'use-restrictions' (did you mean 'use-restricted'?)",
        ),
        (
            "    unrecognised: unknown\n",
            "    unrecognised: unknown\n    policies:\n"
            "      free-and-open-source: {title: t, accept: [nope]}\n",
            ":37: modes.default.policies.free-and-open-source.accept: policy "
            "'free-and-open-source' names unknown licence set 'nope' (sets: osi-approved, "
            "fsf-libre, mot-open-data, mot-open-licenses, mot-osi-or-fsf, mot-type-code, "
            "mot-type-data, mot-type-document, open-content, open-data, open-model; `osai "
            "licenses list` lists their licences)",
        ),
    ],
)
def test_a_policy_s_unknown_set_or_restriction_is_said_where_the_policy_says_it(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    """A policy naming a licence set or a restriction category osai does not know was reported
    at the line of `modes: default:`, which names neither, with no did-you-mean: an author
    looked for the mistake in the modes."""
    edited, validated = validate_edited(tmp_path, "euaia-sketch.yaml", "policy.yaml", old, new)
    assert (validated.code, validated.stderr) == (2, f"osai: error: {edited}{said}\n")


def test_a_number_with_an_unsigned_exponent_is_told_how_to_write_it(tmp_path: Path) -> None:
    """`at_most: 1.0e25` is text to YAML 1.1 (PyYAML): "expected a number, found '1.0e25'"
    left an author staring at a number; the error now says to write 1.0e+25."""
    compute = (
        "  - id: EUAIA-COMPUTE\n    level: exempt\n    title: Compute\n"
        "    check: {fact: training_compute_flop, at_most: 1.0e25}\n"
        '    citation: {ref: "Art. 51", text: "10^25"}\n    remediation: Declare it.\n'
    )
    edited, validated = validate_edited(
        tmp_path,
        "euaia-sketch.yaml",
        "exponent.yaml",
        "requirements:\n",
        "requirements:\n" + compute,
    )
    assert validated.code == 2
    assert validated.stderr == (
        f"osai: error: {edited}:40: requirements[0].check.at_most: expected a number, found "
        "'1.0e25' (YAML reads an exponent without its sign as text; write 1.0e+25)\n"
    )


@pytest.mark.parametrize(
    ("written", "write"),
    [("1e25", "1.0e+25"), ("1E25", "1.0e+25"), ("1e+25", "1.0e+25"), ("2.5E-3", "")],
)
def test_the_spelling_told_for_an_exponent_is_one_yaml_reads_as_a_number(
    tmp_path: Path, written: str, write: str
) -> None:
    """`at_most: 1e25` was told to be written 1e+25, which YAML 1.1 reads as text too (it wants
    a point in the number): the author followed the hint into the same error."""
    compute = (
        "  - id: EUAIA-COMPUTE\n    level: exempt\n    title: Compute\n"
        f"    check: {{fact: training_compute_flop, at_most: {written}}}\n"
        '    citation: {ref: "Art. 51", text: "10^25"}\n    remediation: Declare it.\n'
    )
    old, new = "requirements:\n", "requirements:\n" + compute
    _, validated = validate_edited(tmp_path, "euaia-sketch.yaml", "exponent.yaml", old, new)
    if not write:  # YAML reads it as a number: no hint, no error of its type
        assert "expected a number" not in validated.stderr
        return
    assert validated.code == 2
    assert validated.stderr.endswith(f"as text; write {write})\n")
    assert isinstance(parse_yaml(f"n: {write}\n", tmp_path / "n.yaml").data["n"], float)


def test_explain_names_the_level_a_rule_counts_towards_as_a_level() -> None:
    """OSAID's one level is called "conformant (Open Source AI)": "framework: Open Source AI
    Definition 1.0 — conformant (Open Source AI)" read as a verdict on the rule, not where it
    sits.  A graded framework's group is no level, and keeps its own words."""
    said = run_osai("rules", "explain", "OSAID-CODE-TRAINING", env={"COLUMNS": "400"}).stdout
    assert "framework: Open Source AI Definition 1.0 — level: conformant (Open Source AI)\n" in said
    mof = run_osai("rules", "explain", "MOF-C2-TRAINING-CODE", env={"COLUMNS": "400"}).stdout
    assert "framework: Model Openness Framework 1.0 — level: Class II - Open Tooling Model" in mof
    graded = run_osai("rules", "explain", "EOSAI-TRAINING-CODE", env={"COLUMNS": "400"})
    assert "— level:" not in graded.stdout and "(graded, weight" in graded.stdout, graded.stdout


def test_a_misspelt_required_key_is_one_line(tmp_path: Path) -> None:
    """`requirments:` in a framework file was two lines, "requirements: missing (required)" and
    "requirments: unknown key (did you mean 'requirements'?)": one mistake, said twice."""
    edited, validated = validate_edited(
        tmp_path, "euaia-sketch.yaml", "typo.yaml", "requirements:\n", "requirments:\n"
    )
    line = edited.read_text().splitlines().index("requirments:") + 1
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:{line}: requirments: unknown key (did you mean 'requirements'?)\n",
    )


@pytest.mark.parametrize(("weight", "found"), [("0", "0"), ("-1", "-1"), ("-0.5", "-0.5")])
def test_a_weight_not_above_zero_is_said_in_words(tmp_path: Path, weight: str, found: str) -> None:
    """`weight: 0` was "0 is less than or equal to the minimum of 0", jsonschema's words."""
    edited, validated = validate_edited(
        tmp_path, "fmti-shaped.yaml", "weight.yaml", "weight: 2", f"weight: {weight}"
    )
    line = edited.read_text().splitlines().index(f"    weight: {weight}") + 1
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:{line}: requirements[3].weight: expected a number above 0, "
        f"found the number {found}\n",
    )


def test_a_graded_requirement_without_otherwise_is_refused(tmp_path: Path) -> None:
    """A graded requirement whose grades all had conditions was valid, and when every condition
    was unmet it had no grade: unknown for good, however much evidence there was."""
    kept = "      disclosed: {check: {fact: training_hardware}}"
    old = f"{kept}\n      not-disclosed: {{otherwise: true}}\n"
    edited, validated = validate_edited(
        tmp_path, "fmti-shaped.yaml", "no-otherwise.yaml", old, f"{kept}\n"
    )
    line = edited.read_text().splitlines().index(kept) + 1
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:{line}: requirements[2].grades: no grade is `otherwise: "
        "true`, so when every condition is unmet it has no grade: make its lowest grade "
        "`otherwise: true`\n",
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("- id: owd\n- name: Open Weight Definition\n", "a list"),
        ("Open Weight Definition\n", "'Open Weight Definition'"),
        ("", "nothing"),
    ],
)
def test_a_rule_file_that_is_not_a_mapping_is_said_so(
    tmp_path: Path, text: str, found: str
) -> None:
    """A framework file written as a list answered "schema: expected one of osai/framework/1,
    osai/components/1, ..." (validate) and "schema: expected a framework rule file" (check),
    though it has no place for a `schema:`."""
    written = tmp_path / "owd.yaml"
    written.write_text(text)
    validated = run_osai("rules", "validate", str(written))
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {written}: expected a rule file, key: value lines that begin "
        f"`schema: osai/framework/1` (or another rule file's schema), found {found}\n",
    )
    manifest = str(ROOT / "examples" / "llama-2-7b.yml")
    checked = run_osai("check", manifest, "--add-framework", str(written))
    assert (checked.code, checked.stderr) == (
        2,
        f"osai: error: {written}: expected a framework rule file, key: value lines that begin "
        f"`schema: osai/framework/1`, found {found}\n",
    )


def test_validate_says_each_problem_of_a_name_with_a_line_break_on_one_line(
    tmp_path: Path,
) -> None:
    """`osai rules validate` of a file whose name holds a newline (a script's unquoted variable)
    split each problem in two, `osai: error: owd` and then `osai: error: draft.yaml:1: id:
    missing (required)`, the first naming nothing: as `osai check` says it, one line each."""
    incomplete = tmp_path / "owd\ndraft.yaml"
    incomplete.write_text("schema: osai/framework/1\n")
    listed = tmp_path / "owd\nlist.yaml"
    listed.write_text("- id: owd\n")
    result = run_osai("rules", "validate", str(incomplete), str(listed))
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert f"osai: error: {tmp_path}/owd\\ndraft.yaml:1: id: missing (required)" in lines
    assert (
        f"osai: error: {tmp_path}/owd\\nlist.yaml: expected a rule file, key: value lines that "
        "begin `schema: osai/framework/1` (or another rule file's schema), found a list"
    ) in lines
    assert all(line.startswith(f"osai: error: {tmp_path}/owd\\n") for line in lines), lines


def test_validate_says_a_valid_file_whose_name_has_a_line_break_on_one_line(
    tmp_path: Path,
) -> None:
    """`owd\\nvalid.yaml: valid` was printed over two lines, the first naming nothing."""
    valid = tmp_path / "owd\nvalid.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "frameworks" / "euaia-sketch.yaml", valid)
    result = run_osai("rules", "validate", str(valid))
    assert (result.code, result.stdout) == (0, f"{tmp_path}/owd\\nvalid.yaml: valid\n")


def test_the_datasheet_s_remedy_declares_an_ai_act_summary_as_what_it_is() -> None:
    """EOSAI's datasheet grade takes a datasheet or the AI Act's training-content summary; the
    remedy told to declare either as OSAID's complete description of the training data, which
    a summary "generally comprehensive in its scope instead of technically detailed" (recital
    107) is not, and which would have met OSAID-DATA-DESCRIPTION."""
    result = run_osai("rules", "explain", "EOSAI-DATASHEET", "--format", "json")
    assert result.code == 0, result.stderr
    remedy = " ".join(result.stdout.split())
    assert "release.declarations.training_content_summary for the summary" in remedy


def test_explain_gives_the_interpretation_a_licence_policy_rests_on() -> None:
    """`rules explain OSAID-PARAMETERS` said "OSI-approved terms (osai's interpretation)" and
    the lists it accepts, and not what the interpretation is (OSI has listed no such terms;
    use-restricted licences never qualify) nor where its lists live: `rules show osaid` and
    the JSON document said it, the text a counsel reads did not."""
    said = " ".join(run_osai("rules", "explain", "OSAID-PARAMETERS").stdout.split())
    rules = load_ruleset()
    policy = rules.framework("osaid").modes["default"].policies["osi-approved-terms"]
    assert policy.interpretation
    assert f"interpretation: {policy.interpretation}" in said
    # a policy without one adds nothing (OSAID's code policy is the OSD's own list)
    code = run_osai("rules", "explain", "OSAID-CODE-TRAINING").stdout
    assert "interpretation:" not in code


def test_explain_says_where_the_licences_of_a_policy_s_sets_are_listed() -> None:
    """`rules explain MOF-C1-DATASETS` named its sets by title ("an open data licence") and no
    licence in them, nor where they are listed, nor which SPDX License List gives the OSI and
    FSF flags: a counsel had the rule's source and not the list it uses."""
    version = load_ruleset().licences.spdx_list_version
    assert version
    for rule in ("MOF-C1-DATASETS", "OSAID-CODE-TRAINING"):
        said = " ".join(run_osai("rules", "explain", rule).stdout.split())
        assert "each set's licences: osai licenses list;" in said
        assert f"flags of the SPDX License List {version}" in said
    # a rule that judges no licence has no list to point to
    facts = run_osai("rules", "explain", "OSAID-DATA-DESCRIPTION").stdout
    assert "lists:" not in facts


def test_a_cited_text_wraps_inside_its_quote_mark_at_80_columns() -> None:
    """The source's words, quoted, ran on four columns deeper than their first line, as if
    they were a new item: they continue under the first word, inside the quote mark."""
    said = run_osai("rules", "explain", "OSAID-PARAMETERS", env={"COLUMNS": "80"}).stdout
    lines = said.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith('           "An Open'))
    assert lines[start + 1].startswith("            a way that"), lines[start : start + 3]
    assert all(len(line) <= 80 for line in lines)


def test_grades_listed_lowest_first_are_refused(tmp_path: Path) -> None:
    """Grades are listed best first (a grade is earned when every one above it is ruled out):
    an FMTI-shaped file listing `not-disclosed` (0) before `disclosed` (1) was valid, and every
    indicator was 'not disclosed: every better grade is ruled out', the score 'score 0.10 to
    0.00'."""
    old = (
        "    - {id: disclosed, name: disclosed, value: 1.0}\n"
        "    - {id: not-disclosed, name: not disclosed, value: 0.0}\n"
    )
    new = "".join(reversed(old.splitlines(keepends=True)))
    edited, validated = validate_edited(tmp_path, "fmti-shaped.yaml", "low.yaml", old, new)
    line = edited.read_text().splitlines().index(new.splitlines()[1]) + 1
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:{line}: scoring.grades[1]: grade 'disclosed' (1.0) is "
        "worth more than 'not-disclosed' (0.0) above it: list the grades best first\n",
    )


def test_otherwise_on_a_grade_above_another_is_refused(tmp_path: Path) -> None:
    """`otherwise: true` on a requirement's better grade made the grades below it dead: a
    requirement whose `disclosed` was `otherwise` and whose `not-disclosed` had a check was
    'disclosed: every better grade is ruled out' whatever the evidence."""
    old = (
        "      disclosed: {check: {fact: training_hardware}}\n"
        "      not-disclosed: {otherwise: true}\n"
    )
    new = (
        "      disclosed: {otherwise: true}\n"
        "      not-disclosed: {check: {fact: training_hardware, provided: false}}\n"
    )
    edited, validated = validate_edited(tmp_path, "fmti-shaped.yaml", "dead.yaml", old, new)
    line = edited.read_text().splitlines().index(new.splitlines()[0]) + 1
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:{line}: requirements[2].grades.disclosed: `otherwise: true` "
        "is for the lowest grade a requirement gives: 'not-disclosed', below it, would never be "
        "given\n",
    )


def test_a_condition_nested_in_another_is_bracketed() -> None:
    """EOSAI-LICENSES's partial grade (two of weights, code and data) read "any of: all of: A &
    any of: B | C | all of: ...": no reader could tell where the inner "any of" ended."""
    result = run_osai("rules", "explain", "EOSAI-LICENSES", "--format", "json")
    assert result.code == 0, result.stderr
    partial = next(c for c in json.loads(result.stdout)["checks"] if c.startswith("partial: "))
    code = "Training code released under policy 'open'"
    prep = "Data preprocessing code released under policy 'open'"
    weights = "Model parameters (Final) released under policy 'open'"
    data = "Datasets released under policy 'open' (its own licence, not one inherited from the"
    data += " release)"
    either = f"(any of: {code} | {prep})"
    assert partial == (
        f"partial: any of: (all of: {weights} & {either}) | (all of: {weights} & {data})"
        f" | (all of: {either} & {data})"
    )


@pytest.mark.parametrize(
    ("fixture", "old", "new", "at", "said"),
    [
        # a check asking for a component and a fact at once (either would do: any_of)
        (
            "euaia-sketch.yaml",
            "check: {component: model-card}",
            "check: {component: model-card, fact: usage_capabilities}",
            "check: {component: model-card, fact",
            "requirements[2].check: expected `component` or `fact`, not both",
        ),
        # a component checked with a fact's test
        (
            "euaia-sketch.yaml",
            "check: {component: model-card}",
            "check: {component: model-card, met_if: [ungated]}",
            "check: {component: model-card, met_if",
            "requirements[2].check: `met_if` does not go with `component`",
        ),
        # a graded requirement given a levelled one's check beside its grades
        (
            "fmti-shaped.yaml",
            "    weight: 2\n",
            "    weight: 2\n    check: {component: model-architecture}\n",
            "  - id: FMTI-T-DEEPER-PROPERTIES",
            "requirements[3]: `check` does not go with `grades`",
        ),
        # a levelled framework's requirement given a graded one's grades beside its level
        (
            "euaia-sketch.yaml",
            "check: {component: model-card}",
            "check: {component: model-card}\n    grades: {x: {otherwise: true}}",
            "  - id: EUAIA-USAGE",
            "requirements[2]: `grades` does not go with `check` and `level`",
        ),
        # a grade both earned by a check and given otherwise
        (
            "fmti-shaped.yaml",
            "      not-disclosed: {otherwise: true}\n",
            "      not-disclosed: {otherwise: true, check: {fact: training_hardware}}\n",
            "{otherwise: true, check:",
            "requirements[0].grades.not-disclosed: expected `check` or `otherwise`, not both",
        ),
    ],
)
def test_keys_of_two_forms_given_together_are_said_in_words(
    tmp_path: Path, fixture: str, old: str, new: str, at: str, said: str
) -> None:
    """A value holding the keys of two of its forms (a check's `component` and `fact`) was
    jsonschema's words, one line per form: "check: {'component': 'model-card', 'fact': ...}
    should not be valid under {'anyOf': [{'required': ['fact']}, ..." and
    "check.any_of: missing (required)", of a key the author never meant to write."""
    edited, validated = validate_edited(tmp_path, fixture, "mixed.yaml", old, new)
    line = next(n for n, text in enumerate(edited.read_text().splitlines(), 1) if at in text)
    assert (validated.code, validated.stderr) == (2, f"osai: error: {edited}:{line}: {said}\n")


def _hardware_written_as(tmp_path: Path, name: str, new: str) -> tuple[Path, Result, int]:
    """fmti-shaped.yaml with its compute-hardware indicator's grades written as `new`,
    validated; and the line the indicator starts on."""
    grades = (
        "    grades:\n      disclosed: {check: {fact: training_hardware}}\n"
        "      not-disclosed: {otherwise: true}\n"
    )
    edited, validated = validate_edited(tmp_path, "fmti-shaped.yaml", name, grades, new)
    line = edited.read_text().splitlines().index("  - id: FMTI-T-COMPUTE-HARDWARE") + 1
    return edited, validated, line


def test_a_graded_framework_s_requirement_written_with_a_level_is_told_it_takes_grades(
    tmp_path: Path,
) -> None:
    """A graded index's indicator written as a levelled framework's (`level: disclosed`, a
    `check`) was "unknown level 'disclosed'": a graded framework has no levels to name."""
    new = "    level: disclosed\n    check: {fact: training_hardware}\n"
    edited, validated, line = _hardware_written_as(tmp_path, "level.yaml", new)
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:{line}: requirements[2]: expected `grades`, not `check` and "
        "`level`\n",
    )


def test_a_graded_framework_s_requirement_holding_a_check_alone_is_told_it_takes_grades(
    tmp_path: Path,
) -> None:
    """A `check` alone (no `level`, no `grades`) in a graded framework is the graded form's: its
    `grades` missing, in one line; it was also said to lack a `level` a graded framework has
    no use for."""
    new = "    check: {fact: training_hardware}\n"
    edited, validated, line = _hardware_written_as(tmp_path, "lone.yaml", new)
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:{line}: requirements[2]: expected `grades`, not `check`\n",
    )


@pytest.mark.parametrize(
    ("fixture", "old", "new", "said"),
    [
        # the one line the lead's reproduction asked for: owd-levels.yaml, a `level:` deleted
        ("owd-levels.yaml", "    level: open-weight\n", "", "missing `level`"),
        (
            "owd-levels.yaml",
            "    level: open-weight\n    group: Weights\n",
            "    grades: {x: {otherwise: true}}\n",
            "expected `level`, not `grades`",
        ),
        (
            "fmti-shaped.yaml",
            "    grades:\n      disclosed:\n        check:\n          all_of:\n"
            "            - {fact: public_data_sources}\n"
            "            - {fact: third_party_data_sources}\n"
            "      not-disclosed: {otherwise: true}\n",
            "",
            "missing `grades`",
        ),
    ],
)
def test_a_requirement_is_told_the_form_its_framework_s_kind_takes(
    tmp_path: Path, fixture: str, old: str, new: str, said: str
) -> None:
    """A levelled framework's requirement without its `level` was two lines, "grades: missing
    (required)" and "level: missing (required)": both forms' missing keys, one of them a
    graded framework's.  The framework's kind (scoring.kind) chooses the form."""
    edited, validated = validate_edited(tmp_path, fixture, "short.yaml", old, new)
    line = edited.read_text().splitlines().index("requirements:") + 2
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:{line}: requirements[0]: {said}\n",
    )


@pytest.mark.parametrize(
    ("new", "said"),
    [
        ("check: {any_of: [{component: model-card}]}", "at least 2 entries, found 1"),
        ("check: {all_of: [{component: model-card}]}", "at least 2 entries, found 1"),
        ("check: {any_of: []}", "must not be empty"),
    ],
)
def test_a_list_of_one_where_two_are_needed_is_not_said_to_be_empty(
    tmp_path: Path, new: str, said: str
) -> None:
    """An any_of (or all_of) of one check, which the schema asks two of, read "must not be
    empty", of a list that is not."""
    old = "check: {component: model-card}"
    edited, validated = validate_edited(tmp_path, "euaia-sketch.yaml", "one.yaml", old, new)
    line = next(n for n, text in enumerate(edited.read_text().splitlines(), 1) if new in text)
    key = new.split("{", 1)[1].split(":", 1)[0]
    expected = f"osai: error: {edited}:{line}: requirements[2].check.{key}: {said}\n"
    assert (validated.code, validated.stderr) == (2, expected)


def test_rules_list_says_a_requirement_is_optional_once() -> None:
    """`osai rules list` read "Intermediate checkpoints (an example in OSAID, not a requirement)
    (optional)": the title said it is not required, and the listing added it again."""
    listing = run_osai("rules", "list", env={"COLUMNS": "200"}).stdout
    line = next(row for row in listing.splitlines() if "OSAID-MODEL-PARAMETERS-INTERMEDIATE" in row)
    assert line.count("optional") == 1, line
    assert ") (" not in line, line


def test_a_version_yaml_reads_as_a_number_is_told_to_be_quoted(tmp_path: Path) -> None:
    """A framework author's `version: 1.0` read "expected text, found the number 1.0", leaving
    them to guess that YAML made a number of it; the fix is quotes, and the number YAML made is
    not quoted back (`1.10` reads 1.1, and "found the number 1.1" misquoted its author): what
    was written is."""
    edited, validated = validate_edited(
        tmp_path, "fmti-shaped.yaml", "v.yaml", 'version: "2025-test"', "version: 1.10"
    )
    assert (validated.code, validated.stderr) == (
        2,
        f"osai: error: {edited}:14: version: expected text, found the number 1.10 "
        '(write it in quotes to mean the text: "1.10")\n',
    )


@pytest.mark.parametrize("columns", range(60, 121, 5))
def test_explain_never_splits_a_command_it_names(columns: int) -> None:
    """At 80 columns `rules explain MOF-C2-TRAINING-CODE` ended a line with "(osai" and began
    the next with "licenses show ID)": a command that could not be copied as printed."""
    for rule in ("MOF-C2-TRAINING-CODE", "EUAIA-LICENCE-FREEDOMS"):
        said = run_osai("rules", "explain", rule, env={"COLUMNS": str(columns)}).stdout
        lines = said.splitlines()
        assert any("(osai licenses show ID)" in line for line in lines), said
        assert any("osai licenses list;" in line for line in lines), said
        assert "\u00a0" not in said
    scoped = run_osai("rules", "explain", "EUAIA-ACCESS", env={"COLUMNS": str(columns)}).stdout
    assert any("(osai rules explain ID)" in line for line in scoped.splitlines()), scoped


def test_show_and_list_name_a_framework_s_other_names_alike() -> None:
    """`rules list` said "also named: osi, open-source-ai-definition" and `rules show osaid`
    "aliases: osi, ...", the YAML key, for the same names."""
    listed = " ".join(run_osai("rules", "list").stdout.split())
    shown = " ".join(run_osai("rules", "show", "osaid").stdout.split())
    for said in (listed, shown):
        assert "also named: osi, open-source-ai-definition" in said
        assert "aliases:" not in said


def test_a_card_fact_s_unless_stated_must_name_facts(tmp_path: Path) -> None:
    """rules/detection.yaml card facts' `unless_stated`: a fact the vocabulary lacks would never
    be stated, and the card's fact (a fine-tune's `datasets:`) would stand, unsaid."""
    text = (ROOT / "rules" / "detection.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "detection.yaml"
    assert text.count("unless_stated: [base_model]\n") == 1
    edited.write_text(
        text.replace("unless_stated: [base_model]\n", "unless_stated: [base_modle]\n"), "utf-8"
    )
    problems = validate_rule_file(edited)
    assert problems and "unknown fact(s): base_modle" in problems[0], problems
