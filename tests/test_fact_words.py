"""The facts a verdict's reason names, in the words the actions use (settle.fact_words: a title
on a third party's release, where its manifest declares it on one's own), in -v rows and
GitHub annotations: they showed the engine's ids (`third_party_data_sources not stated`).
The engine hands them over apart from its prose (osai.verdict.FactRef): a value that reads like
one is not reworded, as it was when reports looked for ids in the reason's text."""

from __future__ import annotations

import json
from pathlib import Path

import hypothesis.strategies as st
import pytest
from clirunner import EXAMPLES, ROOT, run_osai
from hypothesis import given
from loopback_hub import LoopbackHub

from osai.formatters.findings import reason_in_words
from osai.verdict import FactRef, Reason

PYTHIA = "EleutherAI/pythia-70m"
FIXTURE = ROOT / "tests" / "fixtures" / "bom" / "aibom-generator-t5-base.json"
THIRD_PARTY = (
    "Training data obtainable from third parties, and where to obtain it: not stated (not "
    "inferred from Datasets: no licence of the component's own is stated (only the release's))"
)
ASKED = "third_party_data_sources not stated"  # a value that reads like a reason on a fact


def _env(hub: LoopbackHub, home: Path) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home), "COLUMNS": "250"}


def test_verbose_rows_name_a_hub_targets_facts_in_words(hub: LoopbackHub, tmp_path: Path) -> None:
    result = run_osai("check", PYTHIA, "-f", "osaid", "-v", env=_env(hub, tmp_path))
    assert result.code == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "OSAID-DATA-THIRD-PARTY" in line)
    assert row.endswith(f"OSAID-DATA-THIRD-PARTY-SOURCES {THIRD_PARTY}")
    assert "third_party_data_sources" not in result.stdout


def test_github_annotations_name_a_hub_targets_facts_in_words(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    arguments = ("check", PYTHIA, "-f", "osaid", "--format", "github")
    result = run_osai(*arguments, env=_env(hub, tmp_path))
    annotation = next(
        line for line in result.stdout.splitlines() if "OSAID-DATA-THIRD-PARTY" in line
    )
    assert annotation.endswith(f"— unknown: {THIRD_PARTY}")
    assert "third_party_data_sources" not in result.stdout


def test_sarif_and_junit_name_a_hub_targets_facts_as_github_does(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """SARIF's messages and JUnit's cases printed the engine's ids while `--format github` named
    the same facts in words, for the same run (found by the code review)."""
    env = _env(hub, tmp_path)
    junit = run_osai("check", PYTHIA, "-f", "osaid", "--format", "junit", env=env).stdout
    assert THIRD_PARTY in junit and "third_party_data_sources" not in junit
    sarif = json.loads(
        run_osai("check", PYTHIA, "-f", "osaid", "--format", "sarif", env=env).stdout
    )
    # the results' messages (a rule's help text tells where a manifest declares the fact)
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any(m.endswith(THIRD_PARTY) for m in messages), messages
    assert not any("third_party_data_sources" in m for m in messages)


def test_ones_own_release_names_them_where_its_manifest_declares_them() -> None:
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-f", "eu-ai-act", "-v")
    assert "EUAIA-ACCESS release.declarations.weights_access: not stated" in result.stdout


def test_a_fact_ones_own_card_states_is_not_named_as_a_declaration(tmp_path: Path) -> None:
    """The -v row for a compute the card states read `release.declarations.training_compute_flop:
    4600 … local README.md:88 = 4.6e3`: a number read from the card named as the manifest's
    declaration.  It is named by its title, as the evidence after it says where it was read;
    one not stated is still named where to declare it."""
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text(
        "---\nlicense: apache-2.0\n---\n# m\n\n## Training\n\nTraining took 4.6e3 FLOPs.\n"
    )
    for output in ("-v", "--format=github", "--format=junit", "--format=sarif"):
        result = run_osai("check", str(model), "-f", "eu-ai-act", output, env={"COLUMNS": "250"})
        assert "release.declarations.training_compute_flop" not in result.stdout, output
    verbose = run_osai("check", str(model), "-f", "eu-ai-act", "-v", env={"COLUMNS": "250"})
    said = " ".join(verbose.stdout.split())
    assert "Cumulative training compute, in FLOP: 4600, not more than 1e+23" in said
    assert "README.md:8 = 4.6e3 (inferred)" in said
    (model / "README.md").write_text("---\nlicense: apache-2.0\n---\n# m\n")
    verbose = run_osai("check", str(model), "-f", "eu-ai-act", "-v", env={"COLUMNS": "250"})
    assert "release.declarations.training_compute_flop: not stated" in verbose.stdout


def test_only_the_facts_a_reason_names_are_reworded() -> None:
    words = {"monetisation": "Whether the release is monetised", "base_model": "The base model"}
    said = Reason.of(FactRef("monetisation"), "no monetisation, base_model not stated")
    assert said.text == "monetisation: no monetisation, base_model not stated"  # the JSON's
    assert reason_in_words(said, words) == (
        "Whether the release is monetised: no monetisation, base_model not stated"
    )
    unstated = Reason.of("x; ", FactRef("monetisation", " "), "not stated")
    assert unstated.text == "x; monetisation not stated"
    assert reason_in_words(unstated, words) == "x; Whether the release is monetised: not stated"
    assert reason_in_words(unstated, {}) == unstated.text  # a fact with no words: its id


def test_a_value_that_reads_like_a_reason_on_a_fact_is_not_reworded(tmp_path: Path) -> None:
    """A declared value is said as it was declared in every report: where reports looked for
    ids in the reason's text, a note reading "third_party_data_sources not stated" became
    "release.data_information.third_party_data_sources: not stated", a fact the release
    declares."""
    manifest = (EXAMPLES / "pythia-70m.yml").read_text(encoding="utf-8")
    declared = "  declarations:\n    weights_access: {text: approval, note: '" + ASKED + "'}\n"
    path = tmp_path / "pythia-70m.yml"
    path.write_text(manifest.replace("  components:\n", declared + "  components:\n", 1))
    said = f"release.declarations.weights_access: approval ({ASKED})"
    for output in ("-v", "--format=github", "--format=junit", "--format=sarif"):
        result = run_osai("check", str(path), "-f", "eu-ai-act", output, env={"COLUMNS": "250"})
        assert result.code == 0, result.stderr
        assert said in result.stdout, output
        assert "release.data_information.third_party_data_sources" not in result.stdout, output
    document = json.loads(run_osai("check", str(path), "-f", "eu-ai-act", "--format=json").stdout)
    (framework,) = document["targets"][0]["frameworks"]
    reasons = {r["id"]: r["reason"] for r in framework["requirements"]}
    assert reasons["EUAIA-ACCESS"].startswith(f"weights_access: approval ({ASKED}); whether")


_FACTS = st.builds(
    FactRef, st.sampled_from(["monetisation", "base_model"]), st.sampled_from([": ", " "])
)
_PARTS = st.one_of(st.text(alphabet="ab; :"), _FACTS)


@given(st.lists(_PARTS, max_size=6))
def test_a_reasons_clauses_are_its_texts(parts: list[str | FactRef]) -> None:
    """A combined check says each clause once, parting reasons as their text parts them (a
    licence's judgement gives its clauses as prose): the facts kept apart change none."""
    reason = Reason.of(*parts)
    assert [clause.text for clause in reason.clauses()] == reason.text.split("; ")
    assert Reason.joined(reason.clauses()) == reason


# A BOM's facts are declared as BOM properties (osai:fact:…): every report, its actions too,
# names them so.  The actions named the manifest's key (release.data_information: …), which a
# BOM has no place for, beside the gate line's osai:fact:… (found by the review).
BOM_FORMATS = ("text", "verbose", "markdown", "github", "sarif", "junit")
BOM_FACT = "osai:fact:third_party_data_sources"


def _bom_of(example: str, written: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{example}.{written}.json"
    made = run_osai("check", str(EXAMPLES / f"{example}.yml"), "-o", f"{written}={path}")
    assert made.code in (0, 1), made.stderr
    return path


def _said(target: Path, shown: str) -> str:
    """What a person reads of a check in one format (SARIF: its results' messages; a rule's
    help text tells where a manifest declares a fact, whatever the target)."""
    extra = ("-v",) if shown == "verbose" else ("--format", shown) if shown != "text" else ()
    result = run_osai("check", str(target), *extra, env={"COLUMNS": "250"})
    assert result.code in (0, 1), result.stderr
    if shown == "markdown":
        return result.stdout.replace("\\_", "_")  # as Markdown escapes it
    if shown != "sarif":
        return result.stdout
    return "\n".join(r["message"]["text"] for r in json.loads(result.stdout)["runs"][0]["results"])


@pytest.mark.parametrize("shown", BOM_FORMATS)
@pytest.mark.parametrize("written", ["cyclonedx", "spdx", "another tool's"])
def test_a_boms_facts_are_named_by_its_property_in_every_report(
    written: str, shown: str, tmp_path: Path
) -> None:
    target = FIXTURE if written == "another tool's" else _bom_of("llama-2-7b", written, tmp_path)
    said = _said(target, shown)
    # the plain text shows the first five actions, the headline counts the facts: the step that
    # declares them is past the five (-v shows it), so there it has nothing to name them in
    assert BOM_FACT in said or shown == "text"
    assert "data_information" not in said


def test_a_boms_action_lists_the_facts_by_their_properties(tmp_path: Path) -> None:
    target = _bom_of("llama-2-7b", "cyclonedx", tmp_path)
    lines = run_osai("check", str(target), "-v", env={"COLUMNS": "250"}).stdout.splitlines()
    declared = [
        line.split("declare", 1)[1].strip()
        for line in lines
        if line.lstrip().startswith("declare") and "fact" in line
    ]
    # the data description and public sources, which a data card or the datasets published
    # settle as well, are a step of their own
    assert declared[0].startswith(
        "osai:fact:training_data_description, or publish the Data card; "
        "osai:fact:public_data_sources, or publish the Datasets: neither shown"
    ), declared
    assert declared[1].startswith(
        f"{BOM_FACT} and osai:fact:unshareable_data_description: not stated"
    ), declared
