"""`osai compare` says what each framework asks in the words its rules give, never by their ids:

- a cell read `required · osi-approved-licence` (the licence policy's id, where `osai rules explain`
  says "an OSI-approved licence", its title);
- the EU AI Act's architecture condition read `one way to meet 'Publicly available'`: the group
  it shares with three other conditions, not what it is about (architecture information);
- MOF's scoring read "graded", the name of EOSAI's kind, not its own (`levels`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from clirunner import ROOT, run_osai

from osai.rules import load_ruleset


def compared(*args: str) -> str:
    result = run_osai("compare", *args, env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    return result.stdout


def rows(*frameworks: str) -> dict[str, dict[str, Any]]:
    """Each component's row of `compare --format json`, by component id."""
    document = json.loads(compared(*frameworks, "--format", "json"))
    return {row["component"]: row for row in document["components"]}


def test_a_cell_names_the_licence_policy_by_its_title() -> None:
    """A cell names the policy in the few words its rules give for a table (`short`), else by
    its title; the section "Licence policies" gives each title whole (MOF's full title in every
    cell made the table three times taller at 80 columns)."""
    found = rows("osi", "mof")
    architecture = found["model-architecture"]["stances"]
    assert architecture == {
        "osaid": "required, under an OSI-approved licence",
        "mof": "from Class III, under an open licence",
    }
    table = compared("osi", "mof", "--format", "markdown").split("## How each decides")[0]
    for policy in ("osi-approved-licence", "osi-approved-terms", "· open"):
        assert policy not in table
    parameters = found["model-parameters-final"]["stances"]["osaid"]
    assert parameters == "required, under OSI-approved terms"
    policies = compared("osi", "mof").split("Licence policies\n")[1].split("\n\n")[0]
    mof_open = "an open licence (OSI-approved, FSF-libre, open data, open content or OpenMDW)"
    assert f"MOF open: {mof_open}" in " ".join(policies.split())  # the line wraps
    assert "OSAID osi-approved-terms: OSI-approved terms (osai's interpretation)" in policies


def test_one_way_to_meet_a_requirement_names_the_requirement() -> None:
    architecture = rows("osaid", "mof", "eu-ai-act", "eosai")["model-architecture"]["stances"]
    assert architecture["eu-ai-act"] == (
        "one way to meet 'Public information on the model architecture'"
    )
    text = compared("osaid", "mof", "eu-ai-act", "eosai")
    assert "'Publicly available'" not in text
    # a title about its group is named by the group: the title's gloss filled the cell
    assert rows("osi", "mof")["datasets"]["stances"]["osaid"].startswith(
        "one way to meet 'Data information', under OSI-approved terms; one way to meet 'Listing"
    )


def test_how_each_decides_names_its_scoring_kind() -> None:
    """MOF read "graded - three cumulative classes", though its JSON `kind` is `levels` and
    "graded" is EOSAI's kind (a score): the text names the kind the JSON gives."""
    said = compared("osaid", "mof", "eu-ai-act", "eosai").split("How each decides\n")[1]
    assert said.startswith("  OSAID: levels - one level (pass or fail): conformant only when")
    assert "\n  MOF: levels - three cumulative classes" in said
    assert "\n  EOSAI: graded - 12 parameters" in said
    rules = load_ruleset()
    for framework in rules.frameworks.values():
        assert framework.summary.startswith(f"{framework.kind} - "), framework.id


def test_each_grade_says_its_own_test_of_a_fact() -> None:
    """EOSAI's weights grades test the access differently (open: ungated; partial: behind a
    gate), and the cell read "open/partial in '…': one of ungated": the open grade's test said
    for both."""
    document = json.loads(compared("eu-ai-act", "eosai", "--format", "json"))
    access = next(row for row in document["facts"] if row["fact"] == "weights_access")
    asks = {
        (ask["requirement"], tuple(ask["grades"])): ask["test"] for ask in access["asks"]["eosai"]
    }
    assert asks[("EOSAI-WEIGHTS-END", ("open",))] == "met if ungated"
    assert asks[("EOSAI-WEIGHTS-END", ("partial",))] == (
        "met if click-through or approval or personal-data or region-excluded"
    )
    assert "open/partial" not in access["stances"]["eosai"]


def test_a_category_test_is_worded_as_rules_explain_words_it() -> None:
    """The monetisation row read "required: one of none" (as if nothing were asked), where
    `osai rules explain EUAIA-NO-MONETISATION` says "met if none": one wording for both."""
    document = json.loads(compared("mof", "euaia", "--format", "json"))
    found = {row["fact"]: row["stances"]["eu-ai-act"] for row in document["facts"]}
    assert found["monetisation"] == (
        "required: met if none; unmet if price or dual-licensing or paid-services or paid-platform"
        " or personal-data"
    )
    # every outcome, as the engine judges it: the access test read "met if ungated; unknown, left
    # to a reading, if click-through or personal-data", silent on the region-excluded gate that
    # fails it and the approval one it leaves unknown (ajo)
    assert found["weights_access"] == (
        "required: met if ungated; unmet if region-excluded; unknown, left to a reading, if"
        " click-through or personal-data; unknown if approval"
    )
    for rule, fact in (
        ("EUAIA-NO-MONETISATION", "monetisation"),
        ("EUAIA-ACCESS", "weights_access"),
    ):
        explained = " ".join(run_osai("rules", "explain", rule).stdout.split())
        assert found[fact].removeprefix("required: ") in explained, explained
    assert "one of none" not in compared("mof", "euaia")


SKETCH = ROOT / "tests" / "fixtures" / "frameworks" / "euaia-sketch.yaml"


def test_a_component_is_asked_under_its_own_checks_licence_policy(tmp_path: Path) -> None:
    """A requirement asking for training code under a licence policy and a model card under
    none: the model card's cell read "under a free and open-source licence", its sibling's
    policy; and a framework asking a component under no licence at all was told the other
    "also accepts" every licence of its policy, as if it accepted none."""
    framework = SKETCH.read_text(encoding="utf-8").replace(
        "check: {component: model-card}",
        "check:\n      all_of:\n"
        "        - {component: training-code, policy: free-and-open-source}\n"
        "        - {component: model-card}",
    )
    path = tmp_path / "sketch.yaml"
    path.write_text(framework, encoding="utf-8")
    document = json.loads(
        compared("mof", "euaia-sketch", "--add-framework", str(path), "--format", "json")
    )
    stances = {row["component"]: row["stances"] for row in document["components"]}
    assert stances["model-card"]["euaia-sketch"] == "required"
    assert stances["training-code"]["euaia-sketch"].endswith("a free and open-source licence")
    said = {d["message"] for d in document["differences"] if d["topic"] == "licence"}
    assert (
        "Model architecture, Model card: EUAIA-sketch takes it under any licence (its rule "
        "names none); MOF only under an open licence (OSI-approved, FSF-libre, open data, open "
        "content or OpenMDW)."
    ) in said
    assert not any("Model card" in message and "also accepts" in message for message in said)


def test_a_policy_that_rejects_by_terms_accepts_what_it_does_not_reject(tmp_path: Path) -> None:
    """A policy that meets any licence it does not reject (`reject:` with `otherwise: met`, as
    the README offers) was compared by its sets alone, which it has none of: 'OSAID also accepts
    ... 0BSD, AAL and 152 more (each OSI-approved)' of weights the author's framework takes under
    every licence but the rejected ones.  Each side now names what the other refuses, as
    `osai check` judges it: the sketch the licences it takes for want of a rejected term, OSAID
    the open model licence whose attribution term the sketch rejects."""
    framework = SKETCH.read_text(encoding="utf-8").replace(
        "    accept: [osi-approved, fsf-libre, open-data, open-model]",
        "    reject: [use-restricted, attribution]\n    otherwise: met",
    )
    path = tmp_path / "sketch.yaml"
    path.write_text(framework, encoding="utf-8")
    document = json.loads(
        compared("osaid", "euaia-sketch", "--add-framework", str(path), "--format", "json")
    )
    (weights,) = [
        d["message"]
        for d in document["differences"]
        if d["topic"] == "licence" and d["message"].startswith("Model parameters (Final):")
    ]
    assert "0BSD" not in weights
    osaid, sketch = weights.split("; EUAIA-sketch also accepts ")
    assert osaid == (
        "Model parameters (Final): OSAID also accepts, under OSI-approved terms (osai's "
        "interpretation), LicenseRef-OpenMDW-1.1 (an open model licence)"
    )
    assert sketch.endswith(" more (each with none of the terms its rule rejects).")
    rules = load_ruleset()
    named = sketch.split(" and ")[0].split(", ")
    for licence in named:  # not OSAID's, and not one the sketch rejects
        assert not rules.licences.sets_of(licence, exact=False)
        assert not {"use-restricted", "attribution"} & set(rules.licences.tags_of(licence))


def test_a_component_only_a_graded_framework_names_is_a_difference() -> None:
    """`compare mof eosai` said "Model architecture: MOF requires it; EOSAI does not grade it",
    but `compare euaia eosai` said nothing of the training code, the model card or the data's
    licence, which EOSAI grades and the EU AI Act does not ask: the mirror was missing, in
    either order of the two."""
    for pair in (("euaia", "eosai"), ("eosai", "euaia")):
        said = [
            d["message"] for d in json.loads(compared(*pair, "--format", "json"))["differences"]
        ]
        training = [m for m in said if m.startswith("Training code: ")]
        assert training == [
            "Training code: EOSAI grades it (open/partial in 'Training code (data processing,"
            " training, tuning) available'; open/partial in 'Weights, training code and data"
            " under open licences', under an open licence); EU AI Act does not require it."
        ]
        assert any(m.startswith("Model card: EOSAI grades it") for m in said)
        assert any(m.startswith("Datasets: EOSAI grades it (open/partial in 'Base") for m in said)
    # a graded requirement with its own line (a fact the other does not ask) is not said twice
    said = compared("osi", "eosai")
    assert "Model card: EOSAI grades it" not in said
    assert "EOSAI grades 'Model card with insight" in said


def test_a_graded_framework_that_does_not_name_a_component_does_not_grade_it() -> None:
    """Beside another graded framework, one that names nothing of a component was said not to
    require it ("Inference code: FMTI-T grades it (…); EOSAI does not require it."), where every
    other line says a graded framework "does not grade it": a graded framework requires
    nothing."""
    fmti = str(ROOT / "tests" / "fixtures" / "frameworks" / "fmti-shaped.yaml")
    for pair in (("eosai", "fmti-shaped"), ("fmti-shaped", "eosai")):
        document = json.loads(compared(*pair, "--add-framework", fmti, "--format", "json"))
        said = [d["message"] for d in document["differences"]]
        inference = [m for m in said if m.startswith("Inference code: ")]
        assert inference == [
            "Inference code: FMTI-T grades it (disclosed in 'Code access (code to train and run"
            " the model)'); EOSAI does not grade it."
        ]
        assert any(m.startswith("Model card: EOSAI grades it") for m in said)
        assert not [m for m in said if m.endswith("does not require it.")]


def test_a_rule_id_given_for_a_framework_names_its_rule() -> None:
    """`osai compare eosai EOSAI-LICENSES` answered "unknown framework … (known: osaid, …)",
    though the name is a rule's: it says whose, and the command that explains it."""
    result = run_osai("compare", "eosai", "EOSAI-LICENSES")
    assert (result.code, result.stderr) == (
        2,
        "osai: error: unknown framework 'EOSAI-LICENSES': a rule of eosai "
        "(see `osai rules explain EOSAI-LICENSES`)\n",
    )


def test_a_fact_both_ask_tested_differently_is_a_difference() -> None:
    """A click-through gate is left to a reading by the EU AI Act (personal data, para 87) and
    makes EOSAI's weights only partial; the table showed both tests, and "Where they disagree"
    said nothing."""
    said = [
        d["message"]
        for d in json.loads(compared("euaia", "eosai", "--format", "json"))["differences"]
    ]
    assert (
        "How the weights can be obtained: EU AI Act requires it: met if ungated; unmet if"
        " region-excluded; unknown, left to a reading, if click-through or personal-data; unknown"
        " if approval; EOSAI grades it open: met if ungated."
    ) in said
    # a fact both test alike (a description of the architecture, "stated") is no difference
    assert not any(m.startswith("A description of the model's architecture") for m in said)


def test_a_component_another_may_stand_in_for_says_so() -> None:
    """mof.md §3.1: "The technical report MAY be omitted if a research paper is provided", as
    `osai rules show mof` says ("or Research paper stands in").  `compare` said MOF requires the
    technical report from Class III, as if a release with a paper and no report stopped short
    of Class III."""
    report = rows("osaid", "mof")["technical-report"]["stances"]["mof"]
    assert report == "from Class III, or Research paper in its place, under an open licence"
    text = " ".join(compared("osaid", "mof").split())
    said = "• Technical report: MOF requires it (from Class III, or Research paper in its place,"
    assert said in text
    # the research paper's own row is MOF's Class I requirement, not the stand-in
    paper = rows("osaid", "mof")["research-paper"]["stances"]["mof"]
    assert paper == "from Class I, under an open licence"


def differences(*frameworks: str) -> list[str]:
    document = json.loads(compared(*frameworks, "--format", "json"))
    return [d["message"] for d in document["differences"]]


def test_a_fact_shown_by_a_component_a_graded_framework_grades_is_not_called_unasked() -> None:
    """eosai-index.md §3: EOSAI's base and end model data parameters grade whether the training
    data sources are shared, which osai reads as the Datasets.  `compare osaid eosai` said
    "OSAID requires 'Listing of all publicly available training data …' (declared, or shown by
    Datasets); EOSAI has no such requirement": only a requirement that blocks a verdict counted,
    and a graded framework's never does."""
    for pair in (("osaid", "eosai"), ("eosai", "osaid")):
        listing = [m for m in differences(*pair) if "'Listing of all publicly" in m]
        assert listing == [
            "OSAID requires 'Listing of all publicly available training data and where to obtain"
            " it' (declared, or inferred from Datasets); EOSAI grades the Datasets (in 'Base model"
            " data sources made available', 'End model data sources made available' and"
            " 'Weights, training code and data under open licences'), not this content."
        ]
    # a fact no component shows stays one the graded framework does not ask
    assert any(
        m.startswith("OSAID requires 'Listing of all training data obtainable")
        and m.endswith("; EOSAI has no such requirement.")
        for m in differences("osaid", "eosai")
    )


def test_a_fact_graded_beyond_being_stated_says_its_test_and_the_others_terms() -> None:
    """eosai-index.md §3: weights "partially/not fully shared. E.g. gated downloads." are
    partial.  `compare osaid eosai` said "EOSAI grades 'Base model weights freely available'
    (declared, or shown by Model parameters (Final)); OSAID asks for the Model parameters
    (Final) (as required), not for this content", hiding the difference: EOSAI grades how the
    weights can be got, OSAID asks for them under OSI-approved terms (osaid.md §3)."""
    gated = (
        "EOSAI grades 'Base model weights freely available' by how the weights can be obtained"
        " (open: met if ungated; partial: met if click-through or approval or personal-data or"
        " region-excluded); "
    )
    said = differences("osaid", "eosai")
    # OSAID does test how the weights can be obtained, whatever their terms: given only on
    # approval, they are not usable "without having to ask for permission" (its §1, aka); the
    # two tests are set side by side, not "OSAID asks ..., not for how the weights can be
    # obtained", which was untrue
    assert not any(m.startswith(gated) for m in said), said
    assert (
        "How the weights can be obtained: OSAID fails 'Model parameters under OSI-approved terms'"
        " if approval or region-excluded; EOSAI grades it open: met if ungated."
    ) in said
    assert (
        f"{gated}MOF asks for the Model parameters (Final) (from Class III, under an open"
        " licence), not for how the weights can be obtained."
    ) in differences("mof", "eosai")
    # a fact only stated keeps its words: no test to tell apart
    assert any(m.startswith("EOSAI grades 'Code documentation'; OSAID asks") for m in said)


def test_only_a_component_that_shows_a_fact_in_its_place_is_said_to_show_it() -> None:
    """EOSAI's code documentation is open when documented with the training and
    data-processing code released (an all_of), partial when documented: the code shows no
    documentation.  Compare said "EOSAI grades 'Code documentation' (declared, or shown by
    Training code, Data preprocessing code)", as if releasing the code would do; and "(declared,
    or shown by Datasets, Data card)" for the data sources, which only the data card describes
    in place of the description (its any_of)."""
    said = differences("mof", "eosai")
    assert (
        "EOSAI grades 'Code documentation'; MOF asks for the Training code (from Class II) and"
        " the Data preprocessing code (from Class I), not for this content."
    ) in said
    # a list of what it asks ends with "and", as prose does: "the Training code (as required),
    # the Data preprocessing code (as required), not for this content" read as two items or three
    assert (
        "EOSAI grades 'Code documentation'; OSAID asks for the Training code (as required) and"
        " the Data preprocessing code (as required), not for this content."
    ) in differences("osaid", "eosai")
    assert any(
        m.startswith(
            "EOSAI grades 'End model data sources made available' (declared, or shown by Data"
            " card); MOF asks"
        )
        for m in said
    ), said
    assert not any("shown by" in m and "Peer-reviewed" in m for m in said), said
    # OSAID's public listing, met by the datasets in its place as the OSI checklist reads them,
    # still says so (an inference: rules/inference.yaml's readings)
    assert any(
        "'Listing of all publicly available training data" in m and "or inferred from Datasets" in m
        for m in differences("osaid", "eosai")
    )


def test_a_framework_named_twice_is_named_as_typed() -> None:
    """`compare osaid osi` said "got 'osaid' twice", though `osaid` was typed once: the words
    typed, and which framework the alias names."""
    result = run_osai("compare", "osaid", "osi")
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        "osai: error: compare needs different frameworks, got 'osaid' and 'osi' (an alias of"
        " osaid), the same framework\n"
    )
    same = run_osai("compare", "mof", "mof")
    assert same.stderr == "osai: error: compare needs different frameworks, got 'mof' twice\n"


def test_a_name_near_an_alias_is_offered_the_frameworks_id() -> None:
    """`compare osaid eosai-index` offered 'osai-index', an alias of EOSAI: a second name to
    learn, where the id is the one every report and rule file uses."""
    result = run_osai("compare", "osaid", "eosai-index")
    assert result.stderr == (
        "osai: error: unknown framework 'eosai-index' (did you mean 'eosai'?)\n"
    )


def test_every_difference_line_ends_with_a_full_stop() -> None:
    """The licence lines ("MOF also accepts AGPL-1.0, … (each FSF free/libre)") ended without
    the full stop every other line of "Where they disagree" has."""
    ids = [framework.id for framework in load_ruleset().frameworks.values()]
    for first in ids:
        for second in ids:
            if first != second:
                unended = [m for m in differences(first, second) if not m.endswith(".")]
                assert not unended, (first, second, unended)


def test_a_grade_is_named_as_its_rule_file_names_it(tmp_path: Path) -> None:
    """A grade `disclosed` named 'fully disclosed' was 'disclosed in 'Code access …'' in the
    table and in 'Where they disagree' (the grade's id), where the scoring line, `osai check`'s
    reports and the framework's own best-grade line give its name."""
    fixture = ROOT / "tests" / "fixtures" / "frameworks" / "fmti-shaped.yaml"
    renamed = fixture.read_text().replace(
        "{id: disclosed, name: disclosed,", "{id: disclosed, name: fully disclosed,"
    )
    assert renamed != fixture.read_text()
    (tmp_path / "fmti.yaml").write_text(renamed)
    document = json.loads(
        compared(
            "eosai",
            "fmti-shaped",
            "--add-framework",
            str(tmp_path / "fmti.yaml"),
            "--format",
            "json",
        )
    )
    cells = {row["component"]: row["stances"]["fmti-shaped"] for row in document["components"]}
    assert cells["training-code"] == (
        "fully disclosed in 'Code access (code to train and run the model)'"
    )
    said = [d["message"] for d in document["differences"]]
    inference = [m for m in said if m.startswith("Inference code: ")]
    assert inference == [
        "Inference code: FMTI-T grades it (fully disclosed in 'Code access (code to train and"
        " run the model)'); EOSAI does not grade it."
    ], inference


def test_a_licence_policy_s_interpretation_is_said_in_text_and_markdown() -> None:
    """OSAID's "OSI-approved terms" are osai's interpretation (OSI has listed none): the JSON
    gave it, the text's "Licence policies" gave the title alone, and the Markdown had no such
    section, so a reader of either saw "(osai's interpretation)" and not what it is."""
    rules = load_ruleset()
    interpretation = rules.framework("osaid").modes["default"].policies["osi-approved-terms"]
    assert interpretation.interpretation
    words = interpretation.interpretation
    policies = compared("osi", "mof").split("Licence policies\n")[1].split("\n\n")[0]
    assert f"interpretation: {words}" in " ".join(policies.split())  # the line wraps
    markdown = compared("osi", "mof", "--format", "markdown")
    section = markdown.split("## Licence policies\n")[1].split("\n## ")[0]
    assert "- OSAID osi-approved-licence: an OSI-approved licence\n" in section
    unescaped = re.sub(r"\\(.)", r"\1", " ".join(section.split()))  # Markdown's \( and \)
    assert f"OSI-approved terms (osai's interpretation); interpretation: {words}" in unescaped


def test_a_graded_check_s_stand_in_is_named_in_its_cell(tmp_path: Path) -> None:
    """A graded index whose 'Centralized model documentation' takes a model card or, in its
    place, a technical report (`substitute`) was 'disclosed in ...' in the model card's cell
    and nothing in the report's: a reader learnt that only a model card would do, where MOF's
    technical report says 'or Research paper in its place'."""
    fixture = ROOT / "tests" / "fixtures" / "frameworks" / "fmti-shaped.yaml"
    old = "disclosed: {check: {component: model-parameters-final}}"
    new = "disclosed: {check: {component: model-card, substitute: technical-report}}"
    assert old in fixture.read_text()
    (tmp_path / "fmti.yaml").write_text(fixture.read_text().replace(old, new))
    document = json.loads(
        compared("osaid", "fmti-shaped", "--add-framework", str(tmp_path / "fmti.yaml"),
                 "--format", "json")
    )  # fmt: skip
    cells = {row["component"]: row["stances"]["fmti-shaped"] for row in document["components"]}
    assert cells["model-card"] == (
        "disclosed in 'Open weights (publicly available at no cost)', or Technical report in "
        "its place"
    )


def test_each_grade_says_its_own_licence_terms_for_a_component(tmp_path: Path) -> None:
    """A graded index whose best grade asks training code under a licence policy and whose
    middle grade asks it released, under no policy, was said to ask "disclosed/partly in ...":
    one policy, the first check's naming it, stood for every grade's, here none for the best
    grade (an "open" grade under an OSI-approved licence and a "partial" one under none read
    "open/partial ..., under an OSI-approved licence"), as a fact's tests were before each
    grade said its own (test_each_grade_says_its_own_test_of_a_fact)."""
    fixture = ROOT / "tests" / "fixtures" / "frameworks" / "fmti-shaped.yaml"
    text = fixture.read_text()
    scale = "    - {id: not-disclosed, name: not disclosed, value: 0.0}\n"
    code_access = (
        "          all_of:\n"
        "            - {component: training-code}\n"
        "            - {component: inference-code}\n"
        "      not-disclosed: {otherwise: true}\n"
    )
    graded = (
        "          all_of:\n"
        "            - {component: training-code, policy: any-licence}\n"
        "            - {component: inference-code}\n"
        "      partly: {check: {component: training-code}}\n"
        "      not-disclosed: {otherwise: true}\n"
    )
    assert scale in text and code_access in text
    middle = "    - {id: partly, name: partly, value: 0.5}\n"
    text = text.replace(scale, middle + scale, 1).replace(code_access, graded, 1)
    (tmp_path / "fmti.yaml").write_text(text)
    document = json.loads(
        compared("osaid", "fmti-shaped", "--add-framework", str(tmp_path / "fmti.yaml"),
                 "--format", "json")
    )  # fmt: skip
    cells = {row["component"]: row["stances"]["fmti-shaped"] for row in document["components"]}
    title = "'Code access (code to train and run the model)'"
    assert cells["training-code"] == (
        f"disclosed in {title}, under any licence stated, open or not (the FMTI rewards "
        f"disclosure, not openness); partly in {title}"
    )


def test_a_component_graded_beside_a_fact_its_line_shows_otherwise_is_said() -> None:
    """eosai-index.md §3: the data-sources parameters grade whether the training data are
    shared (the Datasets), open with a description of them too.  `compare euaia eosai` said
    "Datasets: EOSAI grades it (open/partial in 'Weights, training code and data under open
    licences' …)" and "EOSAI grades 'End model data sources made available' (declared, or shown
    by Data card)": the datasets graded for their licence alone."""
    for pair in (("euaia", "eosai"), ("eosai", "euaia")):
        datasets = [m for m in differences(*pair) if m.startswith("Datasets: ")]
        assert datasets == [
            "Datasets: EOSAI grades it (open/partial in 'Base model data sources made"
            " available'; open/partial in 'End model data sources made available'; open/partial"
            " in 'Weights, training code and data under open licences', under an open licence);"
            " EU AI Act does not require it."
        ]
    # a fact line naming no component still says its requirement once
    said = differences("osi", "eosai")
    assert not any(m.startswith("Model card: EOSAI grades it") for m in said), said


def test_a_component_a_framework_takes_only_in_another_s_place_is_asked_for(
    tmp_path: Path,
) -> None:
    """A framework of one's own asking a technical report, a research paper in its place, and
    nothing else of a paper: `compare` gave the research paper '—', "not asked by that
    framework", though a paper alone meets the requirement."""
    sketch = (ROOT / "tests" / "fixtures" / "frameworks" / "euaia-sketch.yaml").read_text()
    old = "check: {component: model-card}"
    assert old in sketch
    path = tmp_path / "report.yaml"
    path.write_text(
        sketch.replace(old, "check: {component: technical-report, substitute: research-paper}")
    )
    found = rows("euaia-sketch", "osaid", "--add-framework", str(path))["research-paper"]
    assert found["stances"]["euaia-sketch"] == (
        "one way to meet 'Information on model usage made public'"
    )


def test_a_point_only_one_framework_asks_is_said_once_among_several() -> None:
    """`compare osaid mof eu-ai-act eosai` said each point only one framework asks once per
    other framework: "EU AI Act requires 'A policy to comply with Union copyright law …'; OSAID
    has no such requirement.", then "…; MOF has no such requirement.", then "…; EOSAI …".  A
    reader comparing four frameworks reads it once, naming every one that does not ask it."""
    said = differences("osaid", "mof", "eu-ai-act", "eosai")
    copyright_policy = [m for m in said if "'A policy to comply" in m]
    assert copyright_policy == [
        "EU AI Act: whatever the outcome, a general-purpose AI model's provider still owes 'A"
        " policy to comply with Union copyright law, honouring text-and-data-mining opt-outs';"
        " OSAID, MOF and EOSAI have no such requirement."
    ]
    # "whatever the outcome, ... still owes" says it is no condition of the outcome: a
    # parenthesis "(a duty, never a condition of its outcome)" after it said it twice
    assert not [m for m in said if "never a condition" in m]
    evaluation_data = [m for m in said if m.startswith("Evaluation data: ")]
    assert evaluation_data == [
        "Evaluation data: MOF requires it (from Class II, under an open licence (OSI-approved,"
        " FSF-libre, open data, open content or OpenMDW)); OSAID and EU AI Act do not require"
        " it; EOSAI does not grade it."
    ]
    assert len(said) == len(set(said))
    # two frameworks: each line as before, naming the one other
    pair = differences("osaid", "mof")
    assert "Evaluation data: " in " ".join(pair) and "OSAID does not require it." in " ".join(pair)


def test_the_eu_ai_act_s_scope_is_said_where_it_is_compared() -> None:
    """eu-ai-act.md 2.5 and checklist G1: Art. 53 and its exemption concern general-purpose AI
    models only, indicatively trained with more than 10^23 FLOP (guidelines para 17).  `compare
    osaid eu-ai-act` said how the exemption decides and what stays owed "whatever the outcome",
    and nowhere that osai assumes the model is such a model: a journalist read a 70M-parameter
    model as owing a copyright policy and a training-content summary under the Act."""
    decides = compared("osaid", "eu-ai-act").split("How each decides\n")[1].split("\n\n")[0]
    said = " ".join(decides.split())  # the lines wrap
    assert "general-purpose AI models only" in said
    assert "more than 10^23 FLOP" in said
    # and which part of that osai judges: the compute, not what the model generates
    assert "with its compute unknown, osai assumes the model is one" in said
    assert "shown trained with at most 10^23 FLOP is not in scope (indicative)" in said
    assert "narrow-task exclusions (para 20), osai does not check" in said


def test_mof_s_classes_say_which_is_the_entry_and_which_the_most_open() -> None:
    """mof.md section 3: Class III is the entry level and Class I asks the most, against the
    order of their numbers.  `compare osaid mof` said "three cumulative classes" and left a
    reader to guess that Class I is above Class III, not below it."""
    decides = compared("osaid", "mof").split("How each decides\n")[1].split("\n\n")[0]
    said = " ".join(decides.split())  # the lines wrap
    assert "Class III (Open Model) is the entry level" in said
    assert "Class I (Open Science) all Class II does and more" in said


def test_a_licence_one_rejects_and_the_other_leaves_to_a_reading_is_a_difference() -> None:
    """OSAID fails the Gemma and OpenRAIL licences; the AI Act leaves their use terms to a
    reading (para 84: unknown).  The sets each accepts did not tell that apart, so compare
    said nothing of it.  The Llama licences, which the AI Act's para 83 condition rejects
    (user threshold), are rejected by both, not left to a reading."""
    document = json.loads(compared("osaid", "eu-ai-act", "--format", "json"))
    # (the access line says "left to a reading" of click-through gates: not of licence terms)
    messages = [d["message"] for d in document["differences"]]
    (said,) = [m for m in messages if "to a reading of their terms" in m]
    assert said.startswith("Model parameters (Final): ")
    assert (
        "EU AI Act leaves to a reading of their terms (unknown) 16 licences OSAID rejects, "
        "among them Gemma Terms of Use and OpenRAIL licence family"
    ) in said
    assert "Llama" not in said
    assert "OSAID leaves" not in said


def test_a_fact_one_way_to_meet_a_level_is_asked_from_that_level() -> None:
    """A framework of two levels asking for its architecture (its code, or a description) at
    its first level said of the description "required: stated, or shown by Model
    architecture", where the training procedure beside it said "from Open weight: stated"."""
    fixture = str(ROOT / "tests" / "fixtures" / "frameworks" / "owd-levels.yaml")
    document = json.loads(compared("owd", "osaid", "--add-framework", fixture, "--format", "json"))
    stances = {row["fact"]: row["stances"]["owd"] for row in document["facts"]}
    assert stances["architecture_description"] == (
        "from Open weight: stated, or shown by Model architecture"
    )
    assert stances["training_description"] == "from Open weight: stated"
    # a framework of one level still says it is required
    osaid = rows("osaid", "mof")
    assert osaid["data-card"]["stances"]["osaid"].startswith("one way to meet")


APPLIES_WHEN = """\
schema: osai/framework/1
id: fmti-open
name: FMTI-inspired openness indicators (not FMTI scores)
short_name: FMTI-open
version: "2025-12"
default: false
source:
  title: "Inspired by the Foundation Model Transparency Index (stanford-crfm/fmti)"
  url: https://github.com/stanford-crfm/fmti
scoring:
  kind: graded
  summary: "graded - binary indicators (1 disclosed, 0 not), a weighted share"
  grades:
    - {id: disclosed, name: disclosed, value: 1.0}
    - {id: partly, name: partly disclosed, value: 0.5}
    - {id: not-disclosed, name: not disclosed, value: 0.0}
policies:
  any-licence:
    title: any licence stated (disclosure, not openness)
    reject: [proprietary]
    otherwise: met
modes:
  default:
    description: "Disclosure of each indicator, as osai's evidence shows it."
    matching: spdx
    unrecognised: unknown
requirements:
  - id: FMTIO-DEPENDENCIES
    title: Model dependencies (base model, or none)
    applies_when: {component: model-parameters-final}
    grades:
      disclosed: {check: {fact: base_model}}
      not-disclosed: {otherwise: true}
    citation:
      ref: "FMTI 2025, Model dependencies (paraphrased)"
      text: "The models it derives from, or none."
    remediation: Say which models it derives from, or that it derives from none.
"""


def test_a_component_only_applies_when_names_is_not_what_a_requirement_asks_for(
    tmp_path: Path,
) -> None:
    """A graded 'base model, or none' that applies where the weights are released asks for
    no weights: compare said "OSAID asks for the Model parameters (Final) (as required), not
    for this content", the component its applies_when names read as the one it asks for."""
    path = tmp_path / "fmti-open.yaml"
    path.write_text(APPLIES_WHEN, encoding="utf-8")
    said = compared("fmti-open", "osaid", "--add-framework", str(path))
    line = " ".join(said.split("Model dependencies (base model, or none)'", 1)[1].split()[:6])
    assert line == "; OSAID has no such requirement.", line


def test_a_duty_owed_whatever_the_outcome_is_not_said_to_be_required() -> None:
    """`compare eu-ai-act osaid` said "EU AI Act requires 'A policy to comply with Union
    copyright law…'" under "Where they disagree", a condition of the exemption to a compliance
    officer, where the Act keeps it whatever the outcome (recital 104, para 75) and the table
    above said "still owes, whatever the outcome".  Said in its level's words (`decides: false`)."""
    said = differences("eu-ai-act", "osaid")
    summary = [m for m in said if "'A public summary of the training content" in m]
    assert summary == [
        "EU AI Act: whatever the outcome, a general-purpose AI model's provider still owes 'A"
        " public summary of the training content, on the AI Office's template'; OSAID has no such"
        " requirement."
    ]
    assert not [m for m in said if m.startswith("EU AI Act requires 'A p")]
    # a condition of the exemption is still required
    assert any(m.startswith("EU AI Act requires 'The model is not provided") for m in said)


def test_a_fact_an_inference_rule_concludes_says_so() -> None:
    """OSAID's third-party and unshareable data read "required: stated" and "MOF has no such
    requirement" alone, while a release of open datasets meets both with nothing stated
    (rules/inference.yaml): the row and the difference say it may be inferred, and from what."""
    wide = {"COLUMNS": "200"}  # a row's cells on its first line
    table = run_osai("compare", "osaid", "mof", env=wide).stdout
    said = " ".join(table.split())
    for title in ("Training data obtainable from third parties", "Unshareable training data,"):
        (row,) = [line for line in table.splitlines() if line.startswith(title)]
        assert " fact " in row and "required: stated, or inferred from Datasets under" in row
        # the rule's condition on their licence: pythia's, under the release's only, infer none
    assert (
        "OSAID requires 'Unshareable training data described in detail (if any was used)' "
        "(declared, or inferred from Datasets under their own open licence); MOF has no such "
        "requirement."
    ) in said
    # a fact no rule infers stays "stated" alone
    eu = " ".join(run_osai("compare", "eu-ai-act", "osaid", env=wide).stdout.split())
    assert "Limitations fact required: stated —" in eu
