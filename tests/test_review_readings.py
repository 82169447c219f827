"""What a new user reading osai's reports found misleading, each checked on the case it was found
on: the real command, the loopback Hub (and GitHub and arXiv where the card links them)."""

from __future__ import annotations

import json
from pathlib import Path

from clirunner import run_osai
from loopback_hub import LoopbackHub


def hub_env(hub: LoopbackHub, home: Path, **extra: str) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home), **extra}


def test_tokenizer_data_files_are_no_supporting_library(hub: LoopbackHub, tmp_path: Path) -> None:
    """Mistral ships tokenizer.json and tokenizer.model, no tokenizer code: MOF's supporting
    libraries and tools are code, so the component stays unknown, not "released, licence unknown"
    (which asked the publisher to document a licence for vocabulary files)."""
    env = hub_env(hub, tmp_path, COLUMNS="200")
    result = run_osai("check", "mistralai/Mistral-7B-v0.1", "--format", "json", env=env)
    (target,) = json.loads(result.stdout)["targets"]
    (libraries,) = [c for c in target["components"] if c["id"] == "supporting-libraries"]
    assert libraries["presence"] == "unknown", libraries
    assert "tokenizer" not in json.dumps(libraries["evidence"])
    text = run_osai("check", "mistralai/Mistral-7B-v0.1", "-v", env=env).stdout
    assert "Supporting libraries and tools: licence unknown" not in text


OLMO_CARD = """---
license: apache-2.0
---

# Model Card for OLMo 7B

## Uses

### Inference

Quickly get inference running with the following required installation, then load it as usual
with Hugging Face transformers: `AutoModelForCausalLM.from_pretrained("allenai/OLMo-7B")`.

## Bias, Risks, and Limitations

Like any base language model without safety filtering, it is relatively easy for a user to prompt
these models to generate harmful and generally inappropriate content.
"""


def test_the_eu_ai_act_names_only_the_usage_facts_not_stated(tmp_path: Path) -> None:
    """OLMo's card has "Bias, Risks, and Limitations" and "Inference" sections and no task tag:
    only the modalities are missing, and the headline and the action say so (they named all four
    parts of the usage requirement, as if the card had no such sections)."""
    (tmp_path / "README.md").write_text(OLMO_CARD)
    text = run_osai("check", str(tmp_path), "-f", "eu-ai-act", env={"COLUMNS": "300"}).stdout
    headline = text.split("\n\n")[0]
    assert "Input and output modalities" in headline, text
    assert "Limitations" not in headline and "How to integrate" not in headline, text
    (action,) = [line for line in text.splitlines() if "usage_modalities" in line]
    assert "usage_limitations" not in action and "usage_integration" not in action, action
    assert "usage_capabilities" not in action, action


def test_a_section_on_running_the_model_locally_is_usage_information(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """DeepSeek-R1's "6. How to Run Locally" says how to run and integrate the model: 101
    characters a reader sees, its three links' addresses not among them."""
    env = hub_env(hub, tmp_path)
    result = run_osai(
        "check", "deepseek-ai/DeepSeek-R1", "-f", "eu-ai-act", "--format", "json", env=env
    )
    (target,) = json.loads(result.stdout)["targets"]
    facts = {fact["key"]: fact["value"] for fact in target["facts"]}
    assert facts.get("usage_integration") == "section '6. How to Run Locally' (101 characters)"


def test_a_strict_differences_line_quotes_the_strict_policy(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`--mof-mode strict` refuses Apache-2.0 for weights because it is no open data licence:
    the Differences line quoted the default mode's policy ("an open licence (OSI-approved,
    FSF-libre, open data, open content or OpenMDW)"), which Apache-2.0 meets."""
    env = hub_env(hub, tmp_path, COLUMNS="300")
    text = run_osai("check", "EleutherAI/pythia-70m", "--mof-mode", "strict", env=env).stdout
    (line,) = [x for x in text.splitlines() if "• Model parameters (Final): MOF requires it" in x]
    assert "under an open data licence or OpenMDW" in line, line
    assert "FSF-libre" not in line, line


def test_a_shared_requirements_cell_says_what_met_it_beside_a_missing_component() -> None:
    """pythia-70m.yml releases no technical report: OSAID's data information is met through the
    research paper (the datasets and the data card only inherit the release's licence, no terms
    of their own).  The report's row said "OSAID ✔ one of", as if the report were one of what
    met it; it now says what did, as MOF's cell says "via research paper", within 80 columns."""
    from clirunner import EXAMPLES

    manifest = str(EXAMPLES / "pythia-70m.yml")
    text = run_osai("check", manifest, env={"COLUMNS": "80"}).stdout
    (row,) = [line for line in text.splitlines() if "Technical report ·" in line]
    assert row.strip() == (
        "✘ Technical report · OSAID ✔ via research paper · MOF ✔ III via research paper"
    )
    (paper,) = [line for line in text.splitlines() if "Research paper ·" in line]
    assert "OSAID ✔ one of" in paper
    markdown = run_osai("check", manifest, "--format", "markdown").stdout
    assert "| Technical report | ❌ |  | ✅ (via research paper) | ✅ III via research paper |" in (
        markdown
    )
    document = json.loads(run_osai("check", manifest, "--format", "json").stdout)
    (osaid,) = [f for f in document["targets"][0]["frameworks"] if f["id"] == "osaid"]
    (shared,) = [r for r in osaid["requirements"] if "technical-report" in r["components"]]
    assert shared["met_by"] == ["research-paper"]


def test_compare_words_the_data_information_items_the_exceptions_and_osais_reading() -> None:
    """`osai compare osi mof`: OSAID's data-information items are each required (a data card or
    the datasets may show the first two), not "one way to meet 'Data information'"; a component
    OSAID asks nothing of reads as `osai check` says it ("does not require it"); and the extra
    licences OSAID accepts for weights are osai's reading of "OSI-approved terms", said so."""
    text = " ".join(run_osai("compare", "osi", "mof", env={"COLUMNS": "300"}).stdout.split())
    assert "one way to meet 'Data information': stated" not in text
    assert (
        "Complete description of all training data fact required: stated, or inferred from "
        "Data card" in text  # the checklist's reading (rules/inference.yaml readings)
    )
    assert "does not mention it" not in text
    assert "Evaluation data: MOF requires it" in text and "OSAID does not require it." in text
    # MOF's open licences include open content ones, so against MOF OSAID accepts nothing more
    # for weights; against the AI Act (no open content licence for weights) it does
    assert "Model parameters (Final): MOF also accepts Apache-1.0" in text
    assert "OSAID also accepts" not in text
    against_act = run_osai("compare", "osi", "eu-ai-act", env={"COLUMNS": "300"}).stdout
    assert (
        "Model parameters (Final): OSAID also accepts, under OSI-approved terms (osai's "
        "interpretation), FreeBSD-DOC"
    ) in " ".join(against_act.split())


def _notes(text: str) -> str:
    """The report's notes, one line each (their wrapping undone)."""
    return " ".join(text.split("\n\nEvidence")[0].split())


def test_a_link_without_the_component_does_not_say_it_stays_unknown(
    linked_world: LoopbackHub,
) -> None:
    """pythia's card links github.com/EleutherAI/pythia for the training code, whose files show
    none; the MOT listing and gpt-neox settle it (✔ Training code).  The note spoke for the
    whole report ("the component stays unknown"); it speaks for the link."""
    text = run_osai("check", "EleutherAI/pythia-70m", env={"COLUMNS": "100"}).stdout
    notes = _notes(text)
    assert (
        "github.com/EleutherAI/pythia is linked for the training code and inference code, but "
        "this link does not show them"
    ) in notes
    assert "the component stays unknown" not in notes
    assert "✔ Training code · Apache-2.0" in text  # gpt-neox's own LICENSE, the listing's MIT aside


def test_licences_of_two_repositories_are_two_releases_not_a_conflict(
    linked_world: LoopbackHub,
) -> None:
    """The MOT listing gives pythia's data preprocessing code as github.com/EleutherAI/the-pile
    (MIT) and its evaluation code as lm-evaluation-harness (MIT); the card links gpt-neox
    (Apache-2.0), which holds such code too.  Different repositories: a note, not a conflict, and
    the listing's licence for its own repository stands.  The training code, which the listing
    and the link both place in gpt-neox, still conflicts."""
    text = run_osai("check", "EleutherAI/pythia-70m", env={"COLUMNS": "100"}).stdout
    notes = _notes(text)
    assert "conflict: Data preprocessing code" not in notes
    assert "conflict: Evaluation code" not in notes
    assert (
        "note: Data preprocessing code: the Model Openness Tool listing names "
        "github.com/EleutherAI/the-pile, under 'MIT' (mot:models/Pythia-70M.yml:28); "
        "github.com/EleutherAI/gpt-neox also holds data preprocessing code, under 'Apache-2.0': "
        "another release of it, not a contradiction"
    ) in notes
    assert (
        "github.com/EleutherAI/pythia and github.com/EleutherAI/gpt-neox also hold evaluation "
        "code, under 'Apache-2.0'"
    ) in notes
    assert "conflict: Training code: the Model Openness Tool listing says licence 'MIT'" in notes
    assert "✔ Data preprocessing code · MIT" in text
    assert "✔ Evaluation code · MIT" in text


MANIFEST = """framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
release:
  name: Pythia-70M
  producer: EleutherAI
  huggingface: https://huggingface.co/EleutherAI/pythia-70m
  license: {distribution: {name: Apache-2.0, path: ''}}
  components:
    - {name: Evaluation code, description: Evaluation code, license: GPL-3.0-only}
"""


def test_a_conflict_with_several_repositories_says_which_says_what(
    linked_world: LoopbackHub, tmp_path: Path
) -> None:
    """A manifest's licence for the evaluation code against the three linked repositories that
    hold it: the conflict said "pythia/LICENSE, gpt-neox/LICENSE, lm-evaluation-harness/LICENSE.md
    says 'Apache-2.0 AND MIT'", as if one file said both."""
    manifest = tmp_path / "osai.yaml"
    manifest.write_text(MANIFEST)
    arguments = ("check", "EleutherAI/pythia-70m", "--manifest", str(manifest))
    text = run_osai(*arguments, "--no-public-assessments", env={"COLUMNS": "100"}).stdout
    assert (
        "but github.com/EleutherAI/pythia/LICENSE and github.com/EleutherAI/gpt-neox/LICENSE say "
        "'Apache-2.0', github.com/EleutherAI/lm-evaluation-harness/LICENSE.md says 'MIT' (all "
        "apply)"
    ) in _notes(text)
