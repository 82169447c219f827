"""The model card parser: what a card shows, where (line numbers), and what it is evidence of."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest
from loopback_hub import build_readme  # tests/ is on sys.path (conftest.py)

from osai.card import CardFacts, parse_card
from osai.card.evidence import card_evidence
from osai.detection import CardPatterns
from osai.evidence import Certainty, FindingKind, Presence
from osai.rules import RuleSet, load_ruleset
from osai.sources.separate import repository

HUB_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hub" / "models"


# Where a code link names its repository (rules/links.yaml), as a check reads cards with it.
REPOSITORIES = load_ruleset().links.repositories


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


@pytest.fixture(scope="module")
def patterns(rules: RuleSet) -> CardPatterns:
    return rules.detection.card


def card(text: str, patterns: CardPatterns) -> CardFacts:
    return parse_card(dedent(text).lstrip("\n"), patterns, repositories=REPOSITORIES)


def hub_card(name: str, patterns: CardPatterns) -> CardFacts:
    fixture = json.loads((HUB_FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    readme = build_readme(fixture)
    assert readme is not None
    return parse_card(readme, patterns, repositories=REPOSITORIES)


# --- front matter ------------------------------------------------------------------------------


def test_front_matter_fields_carry_their_file_lines(patterns: CardPatterns) -> None:
    facts = card(
        """
        ---
        license: apache-2.0
        datasets:
        - EleutherAI/pile
        - allenai/dolma
        base_model: EleutherAI/pythia-70m
        ---
        # A model
        """,
        patterns,
    )
    assert [(f.value, f.line) for f in facts.licences] == [("apache-2.0", 2)]
    assert [(f.value, f.line) for f in facts.datasets] == [
        ("EleutherAI/pile", 4),
        ("allenai/dolma", 5),
    ]
    assert [(f.value, f.line) for f in facts.base_models] == [("EleutherAI/pythia-70m", 6)]


def test_a_licence_list_and_license_other_are_both_read(patterns: CardPatterns) -> None:
    several = card("---\nlicense: [apache-2.0, cc-by-4.0]\n---\n", patterns)
    other = card("---\nlicense: other\nlicense_name: qwen\nlicense_link: LICENSE\n---\n", patterns)
    assert [f.value for f in several.licences] == ["apache-2.0", "cc-by-4.0"]
    assert other.licence_name is not None and other.licence_name.value == "qwen"
    assert other.licence_link is not None and other.licence_link.value == "LICENSE"


def test_license_other_whose_name_and_link_name_two_licences_reads_both(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """`license: other`, license_name `apache-2.0`, license_link to the CC BY-NC 4.0 deed: the
    name was read and the link passed over, so the weights were Apache-2.0 (met) where the
    card's own link said no commercial use.  Which holds the card does not say: both may
    apply (a verdict stands only where both give it), and a warning names both."""
    text = (
        "---\nlicense: other\nlicense_name: apache-2.0\n"
        "license_link: https://creativecommons.org/licenses/by-nc/4.0/\n---\n"
    )
    evidence = card_evidence(card(text, patterns), "local", rules)
    assert evidence.licence is not None
    assert evidence.licence.texts == ("apache-2.0", "CC-BY-NC-4.0")
    (warning,) = [f for f in evidence.findings if "name different licences" in f.message]
    assert warning.kind is FindingKind.WARNING
    assert "license_name (apache-2.0) and license_link (the address of CC-BY-NC-4.0)" in (
        warning.message
    )
    # the same licence both ways, or a link osai does not know, is read as before
    for link in ("https://www.apache.org/licenses/LICENSE-2.0", "LICENSE"):
        same = text.replace("https://creativecommons.org/licenses/by-nc/4.0/", link)
        read = card_evidence(card(same, patterns), "local", rules)
        assert read.licence is not None and read.licence.texts == ("apache-2.0",)


def test_a_hub_licence_id_whose_own_link_or_name_says_another_licence_reads_both(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """`license: apache-2.0` beside a license_link to the CC BY-NC 4.0 deed (or a
    license_name `cc-by-nc-4.0`): only `license:` was read, so the weights were Apache-2.0,
    met under OSAID, MOF and the AI Act, where the card's own link said no commercial use.
    As with `license: other`, which holds the card does not say: both may apply, and a
    warning names both fields; two licences that fail alike (llama3, and Meta's address of
    the Llama 2 licence) still fail."""
    from osai.assessment import Status
    from osai.licenses import judge, parse_licence

    def osaid_terms(text: str) -> Status:
        parsed = parse_licence(text, rules.licences, exact=False)
        accepted = ("osi-approved", "open-data", "open-content", "open-model")
        return judge(
            parsed, accepted, rules.licences, exact=False, unrecognised=Status.UNKNOWN
        ).status

    for extra, said in (
        ("license_link: https://creativecommons.org/licenses/by-nc/4.0/", "license_link (the "),
        ("license_name: cc-by-nc-4.0", "license_name (cc-by-nc-4.0)"),
    ):
        text = f"---\nlicense: apache-2.0\n{extra}\n---\n"
        evidence = card_evidence(card(text, patterns), "local", rules)
        assert evidence.licence is not None
        first, instead = evidence.licence.texts
        assert first == "apache-2.0" and osaid_terms(instead) is Status.UNMET
        (warning,) = [f for f in evidence.findings if "name different licences" in f.message]
        assert f"the card's license (apache-2.0) and {said}" in warning.message
    llama = "---\nlicense: llama3\nlicense_link: https://ai.meta.com/llama/license/\n---\n"
    both = card_evidence(card(llama, patterns), "local", rules).licence
    assert both is not None and both.texts == ("llama3", "LicenseRef-llama2")
    assert {osaid_terms(text) for text in both.texts} == {Status.UNMET}
    # the card's own licence file, or the same licence's address, is read as before
    for link in ("LICENSE", "https://www.apache.org/licenses/LICENSE-2.0"):
        same = f"---\nlicense: apache-2.0\nlicense_link: {link}\n---\n"
        read = card_evidence(card(same, patterns), "local", rules)
        assert read.licence is not None and read.licence.texts == ("apache-2.0",)
        assert not [f for f in read.findings if "name different licences" in f.message]


def test_a_hub_licence_id_whose_name_and_link_say_two_other_licences_reads_all_three(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """`license: apache-2.0`, license_name `mit` and a license_link to the CC BY-NC 4.0 deed:
    only the first field to disagree was read, so the weights were Apache-2.0 or MIT, met
    under OSAID, where the card's own link said no commercial use.  Each licence the card
    names may apply, and the warning names all three fields."""
    text = (
        "---\nlicense: apache-2.0\nlicense_name: mit\n"
        "license_link: https://creativecommons.org/licenses/by-nc/4.0/\n---\n"
    )
    evidence = card_evidence(card(text, patterns), "local", rules)
    assert evidence.licence is not None
    assert evidence.licence.texts == ("apache-2.0", "mit", "CC-BY-NC-4.0")
    (warning,) = [f for f in evidence.findings if "name different licences" in f.message]
    assert (
        "the card's license (apache-2.0), license_name (mit) and license_link (the address of "
        "CC-BY-NC-4.0) name different licences"
    ) in warning.message
    assert "a verdict stands only where all give it" in warning.message
    # what settles it: a manifest's declaration is one more source, and does not
    assert "(correct the field that is wrong; a manifest's declaration does not settle it)" in (
        warning.message
    )
    assert len(warning.provenance) == 3
    # a name and a link to one licence, other than `license:`'s, name it once
    same = text.replace("license_name: mit", "license_name: cc-by-nc-4.0")
    read = card_evidence(card(same, patterns), "local", rules).licence
    assert read is not None and read.texts == ("apache-2.0", "cc-by-nc-4.0")


def test_a_link_to_a_licence_the_field_already_gives_is_no_contradiction(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """A link to the MIT text beside `license: apache-2.0 OR mit`, or to Apache's beside
    `apache-2.0 WITH LLVM-exception`, was warned of as naming a different licence, and read
    as one more licence that may apply: it names one the field already gives."""
    for licence, link in (
        ("apache-2.0 OR mit", "https://opensource.org/licenses/MIT"),
        ("Apache-2.0 WITH LLVM-exception", "https://www.apache.org/licenses/LICENSE-2.0"),
    ):
        text = f"---\nlicense: {licence}\nlicense_link: {link}\n---\n"
        read = card_evidence(card(text, patterns), "local", rules)
        assert read.licence is not None and read.licence.texts == (licence,)
        assert not [f for f in read.findings if "name different licences" in f.message]


def test_a_contradicting_link_is_named_by_its_licence_s_title(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """The warning said "license_link (the address of LicenseRef-llama3.1)": an id osai made,
    which no card, page or licence uses."""
    text = "---\nlicense: apache-2.0\nlicense_link: https://www.llama.com/llama3_1/license/\n---\n"
    evidence = card_evidence(card(text, patterns), "local", rules)
    (warning,) = [f for f in evidence.findings if "name different licences" in f.message]
    assert "license_link (the address of Llama 3.1 Community License Agreement)" in (
        warning.message
    )
    assert "LicenseRef" not in warning.message


def test_model_index_counts_the_results_that_have_values(patterns: CardPatterns) -> None:
    facts = card(
        """
        ---
        model-index:
        - name: m
          results:
          - task: {type: text-generation}
            dataset: {name: LAMBADA, type: lambada}
            metrics:
            - {type: accuracy, value: 0.61}
            - {type: perplexity, value: 12.3}
        ---
        """,
        patterns,
    )
    assert facts.model_index is not None
    assert facts.model_index.value == "2 evaluation result(s)"


def test_a_broken_front_matter_is_a_problem_not_a_crash(patterns: CardPatterns) -> None:
    facts = card(
        """
        ---
        license: [apache-2.0
        ---
        ## Training data

        Trained on a public corpus of one billion tokens of English web text, then filtered.
        """,
        patterns,
    )
    assert facts.licences == ()
    assert len(facts.problems) == 1 and "invalid YAML front matter" in facts.problems[0].value
    assert [s.heading for s in facts.data_sections] == ["Training data"]


def test_a_card_without_front_matter_is_read_as_a_body(patterns: CardPatterns) -> None:
    facts = card("# Model\n\nA small model.\n", patterns)
    assert not facts.has_front_matter
    assert facts.body_chars > 0 and not facts.is_empty


def test_gating_fields_and_the_eu_exclusion_are_reported(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    facts = card(
        """
        ---
        license: llama2
        extra_gated_prompt: You agree to the licence.
        extra_gated_eu_disallowed: true
        ---
        """,
        patterns,
    )
    assert [g.key for g in facts.gating] == ["extra_gated_prompt", "extra_gated_eu_disallowed"]
    assert facts.eu_disallowed is not None and facts.eu_disallowed.line == 4
    findings = card_evidence(facts, "local", rules).findings
    assert [f.kind for f in findings] == [FindingKind.NOTE, FindingKind.WARNING]
    assert "European Union" in findings[1].message


# --- body --------------------------------------------------------------------------------------


def test_evaluation_tables_count_only_under_an_evaluation_heading(patterns: CardPatterns) -> None:
    facts = card(
        """
        # Model

        | Layers | Heads |
        |--------|-------|
        | 6      | 8     |

        ## Evaluation

        ### Zero-shot

        | Task    | Accuracy |
        | :------ | -------: |
        | LAMBADA | 0.61     |
        """,
        patterns,
    )
    assert [(t.heading, t.line) for t in facts.evaluation_tables] == [("Evaluation", 11)]


def test_a_table_scoring_models_on_metrics_is_evaluation_results_under_any_heading(
    patterns: CardPatterns,
) -> None:
    """SmolLM2's card has "## Evaluation", then its score tables (`| Metric | SmolLM2-1.7B |
    Llama-1B | ...`) under "## Base Pre-Trained Model" and "## Instruction Model", headings at
    the same level: no evaluation heading above them, and `? Evaluation results`.  A table whose
    first header cell is Metric or Benchmark scores models wherever it is."""
    facts = hub_card("HuggingFaceTB__SmolLM2-1.7B", patterns)
    assert [(t.heading, t.line) for t in facts.evaluation_tables] == [
        ("Base Pre-Trained Model", 48),
        ("Instruction Model", 53),
    ]


def test_a_metric_table_about_compute_or_without_a_heading_is_not_evaluation_results(
    patterns: CardPatterns,
) -> None:
    facts = card(
        """
        | Metric | Value |
        |--------|-------|
        | Params | 7B    |

        ## Environmental Impact

        | **Metric**  | Value   |
        | ----------- | ------- |
        | GPU hours   | 184,320 |

        ## Model

        | Hyperparameter | Metric |
        |----------------|--------|
        | Layers         | 32     |

        ## Comparison

        | Benchmark | Ours |
        | :-------- | ---: |
        | MMLU      | 52.1 |
        """,
        patterns,
    )
    assert [(t.heading, t.line) for t in facts.evaluation_tables] == [("Comparison", 19)]


def test_an_evaluation_table_with_no_row_is_no_results(patterns: CardPatterns) -> None:
    """A publisher's card template: "## Evaluation" and a table's header, its rows still to be
    filled in.  It was `✔ Evaluation results` (detected, the header's line), which an empty
    "## Evaluation" heading is not: a table counts once it holds a value."""
    facts = card(
        """
        # Model

        ## Evaluation

        | Metric | Score |
        |--------|-------|

        ## Comparison

        | Benchmark | Ours |
        | :-------- | ---: |
        |           |      |

        ## Results

        | Benchmark | Ours |
        | :-------- | ---: |
        | MMLU      | 52.1 |
        """,
        patterns,
    )
    assert [(t.heading, t.line) for t in facts.evaluation_tables] == [("Results", 16)]


def test_the_corpus_cards_evaluation_tables(patterns: CardPatterns) -> None:
    """Which headings of the corpus cards have evaluation tables: SmolLM2's are the ones the
    first-cell rule adds; no other card gains one (Pythia's, Falcon's, Granite's tables are
    architectures, hyperparameters and data mixes)."""
    found = {
        fixture.stem: [t.heading for t in hub_card(fixture.stem, patterns).evaluation_tables]
        for fixture in sorted(HUB_FIXTURES.glob("*.json"))
    }
    assert {name: headings for name, headings in found.items() if headings} == {
        "EleutherAI__gpt-neox-20b": ["Evaluations", "Open LLM Leaderboard Evaluation Results"],
        "EleutherAI__polyglot-ko-12.8b": ["Evaluation results"],
        "EleutherAI__pythia-70m": ["Open LLM Leaderboard Evaluation Results"],
        "HuggingFaceTB__SmolLM2-1.7B": ["Base Pre-Trained Model", "Instruction Model"],
        "LLM360__Amber": ["Evaluations"],
        "allenai__OLMo-7B": ["Evaluation"],
        "bigscience__bloom": ["Evaluation", "Results"],
        "deepseek-ai__DeepSeek-R1": ["DeepSeek-R1-Evaluation", "Distilled Model Evaluation"],
        "meta-llama__Llama-2-7b-hf": ["Evaluation Results"],
    }


def test_headings_inside_code_fences_are_not_sections(patterns: CardPatterns) -> None:
    facts = card(
        """
        ## Usage

        ```python
        # Training data is loaded here
        model = load()
        ```
        """,
        patterns,
    )
    assert [s.heading for s in facts.sections] == ["Usage"]
    assert facts.data_sections == ()


@pytest.mark.parametrize(
    "field", ["base_model: {name: EleutherAI/pythia-70m}", "base_model: [{name: a/b}]"]
)
def test_a_base_model_osai_cannot_read_is_not_read_as_none(
    field: str, rules: RuleSet, patterns: CardPatterns
) -> None:
    """A card with metadata and no base_model is read as a model trained from scratch
    (rules/detection.yaml); one whose base_model is there but not a name is not: it was read so
    (the fact EOSAI's base-model requirements take to mean the release is its own base)."""
    facts = card(f"---\nlicense: mit\n{field}\n---\n# Model\n", patterns)
    assert [p.key for p in facts.problems] == ["base_model"]
    assert "base_model" not in card_evidence(facts, "local", rules).facts
    plain = card("---\nlicense: mit\n---\n# Model\n", patterns)
    assert card_evidence(plain, "local", rules).facts["base_model"].value == (
        "not in the card's metadata"
    )


def test_a_fact_inferred_absent_says_from_what_in_a_requirement_s_reason(tmp_path: Path) -> None:
    """A card with metadata and no base_model is read as a model trained from scratch
    (inferred); a requirement asking for a base model was unmet on "base_model: not stated",
    the words of a fact no source gives (unknown), not of one the card's silence shows.  The
    fact is named by its title, not by the manifest key that would declare it: the card's
    silence is no declaration (settle.reason_words)."""
    from clirunner import ROOT, run_osai

    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text("---\nlicense: mit\n---\n# Model\n\nA small model.\n")
    sketch = (ROOT / "tests" / "fixtures" / "frameworks" / "euaia-sketch.yaml").read_text()
    assert "check: {component: model-card}" in sketch
    framework = tmp_path / "sketch.yaml"
    framework.write_text(
        sketch.replace("check: {component: model-card}", "check: {fact: base_model}")
    )
    args = ("check", str(model), "-v", "--add-framework", str(framework), "-f", "euaia-sketch")
    result = run_osai(*args, env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr  # no gate asked
    assert (
        "  ✘ EUAIA-USAGE The model this one was trained from: not in the card's metadata\n"
        "      local README.md (inferred)\n"
    ) in result.stdout


def test_a_data_section_needs_content(patterns: CardPatterns) -> None:
    facts = card(
        """
        ## Training data

        [More Information Needed]

        ## Datasets

        Trained on the Pile (825 GiB of English text from 22 sources), and on a deduplicated copy.
        """,
        patterns,
    )
    assert [(s.heading, s.line) for s in facts.data_sections] == [("Datasets", 5)]


def test_a_link_s_address_given_apart_is_no_section_s_content(
    rules: RuleSet, patterns: CardPatterns
) -> None:
    """A reference link's definition (`[1]: https://…`) is shown nowhere, as an inline link's
    address is not: only the link's text counted beside the inline form, while the same
    pointer written as a reference ("Training data: [Dolma][dolma]" and the address below it,
    25 characters a reader sees) made a data card and met OSAID's complete description of all
    training data.  A footnote's definition is text a reader sees."""
    facts = card(
        """
        ## Data

        Training data: [Dolma][dolma]

        [dolma]: https://huggingface.co/datasets/allenai/dolma "Dolma, on the Hugging Face Hub"
        """,
        patterns,
    )
    assert facts.data_sections == ()
    evidence = card_evidence(facts, "local", rules)
    assert "data-card" not in {o.component for o in evidence.observations}
    footnoted = card(
        """
        ## Data

        Training data: Dolma[^1]

        [^1]: Three trillion tokens of web pages, code, papers, books and encyclopedia text.
        """,
        patterns,
    )
    assert [s.heading for s in footnoted.data_sections] == ["Data"]


def test_code_in_a_data_section_is_no_data_card(rules: RuleSet, patterns: CardPatterns) -> None:
    """A "Dataset" section holding only a `load_dataset(...)` snippet made a data card (MOF's
    Data card, OSAID's data description): code says how to fetch data, not what it is.  Code
    still counts where it is the content (how to run the model)."""
    facts = card(
        """
        ## Dataset

        ```python
        from datasets import load_dataset
        data = load_dataset("acme/corpus", split="train", streaming=True)
        ```

        ## Intended uses

        ```python
        pipeline("text-generation", model="acme/model")("Once upon a time")
        ```

        ## How to use

        ```python
        model = AutoModelForCausalLM.from_pretrained("acme/model")
        ```
        """,
        patterns,
    )
    assert facts.data_sections == ()
    evidence = card_evidence(facts, "local", rules)
    assert "data-card" not in {o.component for o in evidence.observations}
    assert "usage_capabilities" not in evidence.facts  # what it is for is said, not run
    assert evidence.facts["usage_integration"].provided


@pytest.mark.parametrize("tag", ["", "text", "markdown"])
def test_a_plain_text_table_in_a_fence_is_a_data_card(tag: str, patterns: CardPatterns) -> None:
    """`code_counts: false` left out every fence: a Training Data section holding only a table
    of datasets in an untagged fence was no data card (zy's review).  Only a fence tagged with a
    programming language holds code; its delimiters are no text either."""
    table = (
        "Dataset        Tokens\nCommonCrawl    1.2T\nWikipedia      24B\n"
        "Books          28B\nArXiv papers   29B\n"
    )
    body = f"# Model\n\n## Training Data\n\n```{tag}\n{table}```\n"
    (section,) = card(body, patterns).data_sections
    assert section.chars(code_counts=False) == len(table.replace("\n", ""))
    assert card(body.replace(f"```{tag}", "```python", 1), patterns).data_sections == ()


# The Hub's default model card template, left unfilled (huggingface_hub's modelcard_template.md,
# abridged): guidance in HTML comments, "[More Information Needed]" where the author writes.
UNFILLED_TEMPLATE = """
    ---
    license: apache-2.0
    ---
    # Model Card for Model ID

    ## Uses

    <!-- Address questions around how the model is intended to be used, including the
    foreseeable users of the model and those affected by the model. -->

    ### Direct Use

    <!-- This section is for the model use without fine-tuning or plugging into a larger
    ecosystem/app. -->

    [More Information Needed]

    ### Out-of-Scope Use

    <!-- This section addresses misuse, malicious use, and uses that the model will not work well for. -->

    [More Information Needed]

    ### Recommendations

    Users (both direct and downstream) should be made aware of the risks, biases and limitations of the model. More information needed for further recommendations.

    ## How to Get Started with the Model

    Use the code below to get started with the model.

    [More Information Needed]

    ## Training Details

    ### Training Data

    <!-- This should link to a Dataset Card, perhaps with a short stub of information on what the training data is all about as well as documentation related to data pre-processing or additional filtering. -->

    [More Information Needed]

    #### Training Hyperparameters

    - **Training regime:** [More Information Needed] <!--fp32, fp16 mixed precision, bf16 mixed precision, bf16 non-mixed precision -->

    ## Technical Specifications [optional]

    ### Model Architecture and Objective

    [More Information Needed]

    ### Compute Infrastructure

    [More Information Needed]
    """  # noqa: E501


def test_what_an_html_comment_holds_the_card_does_not_say(patterns: CardPatterns) -> None:
    """Comments were left out of a section's size only: a statement, a paper or a code link
    inside one still counted ("<!-- The training data is not released. -->" made the datasets
    absent, from text no reader sees; zt's review)."""
    facts = card(
        """
        # Model

        <!-- The training data is not released.
        Paper: https://arxiv.org/abs/2101.00027 -->
        <!-- Code: https://github.com/acme/train -->
        """,
        patterns,
    )
    assert facts.not_released == ()
    assert facts.papers == ()
    assert facts.code_links == ()


def test_an_opening_mid_line_hides_only_a_comment_it_closes(patterns: CardPatterns) -> None:
    """Only a line that starts with `<!--` opens a comment that runs on; mid-line, a comment is
    one closed on its line.  "use <!-- to comment" hid the rest of the card, so the Training
    Data section below it held 0 characters and the data card was lost (zy's review)."""
    facts = card(
        """
        # Model

        ## Usage

        In the chat template, use <!-- to comment in html.

        ## Training Data

        Trained on the Pile (825 GiB of English text from 22 sources), deduplicated by MinHash.
        """,
        patterns,
    )
    (section,) = facts.data_sections
    assert section.content_chars == len(
        "Trained on the Pile (825 GiB of English text from 22 sources), deduplicated by MinHash."
    )


def test_a_heading_inside_a_comment_block_is_no_heading(patterns: CardPatterns) -> None:
    """A heading inside a multi-line comment was read as a heading: a commented-out section of
    the template's was a data section, and its guidance under it a data card."""
    facts = card(
        """
        # Model

        <!--
        ## Training Data

        Trained on the Pile (825 GiB of English text from 22 sources), deduplicated.
        -->
        """,
        patterns,
    )
    assert facts.data_sections == ()
    assert [s.heading for s in facts.sections] == ["Model"]


def test_an_unfilled_template_is_no_section_s_content(
    rules: RuleSet, patterns: CardPatterns
) -> None:
    """A template's guidance (HTML comments) and placeholders are not what the card says: the
    unfilled template made a data card (MOF Class III Data card, OSAID data description met) and
    stated uses, limitations, how to run it, its training, architecture and hardware."""
    facts = card(UNFILLED_TEMPLATE, patterns)
    assert facts.data_sections == ()
    evidence = card_evidence(facts, "local", rules)
    assert "data-card" not in {o.component for o in evidence.observations}
    stated = {key for key, fact in evidence.facts.items() if fact.provided}
    assert stated == set()


def test_a_filled_section_counts_beside_comments_and_placeholders(patterns: CardPatterns) -> None:
    facts = card(
        """
        ## Training Data

        <!-- This should link to a Dataset Card. -->
        Trained on the Pile (825 GiB of English text from 22 sources), deduplicated. <!-- TODO -->
        Intended use: [More Information Needed]
        """,
        patterns,
    )
    (section,) = facts.data_sections
    assert section.content_chars == len(
        "Trained on the Pile (825 GiB of English text from 22 sources), deduplicated."
    ) + len("Intended use:")


def test_arxiv_papers_are_the_models_own_only_with_a_cue(patterns: CardPatterns) -> None:
    facts = card(
        """
        ---
        tags:
        - arxiv:2304.01373
        ---
        # Model

        Details are in our [technical report](https://arxiv.org/abs/2402.00838).

        ## Training data

        The Pile, see [Section 6 of the Pile paper](https://arxiv.org/abs/2101.00027).

        ## Citation

        ```bibtex
        @article{m, journal={arXiv preprint arXiv:2305.07759}}
        ```
        """,
        patterns,
    )
    found = {p.reference: (p.component, p.line) for p in facts.papers}
    assert found == {
        "arXiv:2304.01373": ("research-paper", 3),
        "arXiv:2402.00838": ("technical-report", 7),
        "arXiv:2101.00027": ("", 11),
        "arXiv:2305.07759": ("research-paper", 16),
    }
    assert set(facts.arxiv_ids) == {"2304.01373", "2402.00838", "2101.00027", "2305.07759"}


@pytest.mark.parametrize(
    ("label", "own"),
    [
        ("Paper:", True),
        ("📄 Paper:", True),
        ("- **Paper:**", True),
        ("| Paper |", True),
        ("Technical report:", True),
        ("Our paper:", True),
        ("The paper:", True),
        ("Pythia paper:", True),  # the card's title names the model: "Pythia-70M"
        ("Repository: [code](https://github.com/a/b), paper:", True),
        ("Base model paper:", False),
        ("Baseline paper:", False),
        ("Original paper:", False),
        ("Method paper:", False),
        ("Llama 2 paper:", False),
        ("We use the method of", False),  # an arXiv id in a sentence is no label
    ],
)
def test_a_paper_label_names_the_models_paper_or_another(
    label: str, own: bool, patterns: CardPatterns
) -> None:
    """A label ("Paper:", "Technical report:") says the paper after it is the model's own; one
    whose words name something else ("Base model paper:", "Llama 2 paper:") cites another work's
    paper: "Base model paper: https://arxiv.org/abs/..." was the model's research paper (and its
    preprint).  Words before "paper" are the model's only when the card's title has them all."""
    facts = card(f"# Pythia-70M\n\n{label} arXiv:2101.00027\n", patterns)
    assert [bool(p.component) for p in facts.papers] == [own]


@pytest.mark.parametrize(
    ("label", "own"),
    [
        ("Link to paper:", True),
        ("- arXiv paper:", True),
        ("**ArXiv Paper:**", True),
        ("**Associated Paper:**", True),
        ("Model paper:", True),
        ("Our full paper:", True),
        ("Mistral 7B paper:", True),
        ("Base model paper:", False),
        ("Baseline paper:", False),
        ("Llama 2 paper:", False),
        ("Original paper:", False),  # the model's, or the method's it builds on: not said
    ],
)
def test_a_label_s_words_that_name_no_work_are_not_compared(
    label: str, own: bool, patterns: CardPatterns
) -> None:
    """Words of a label that say nothing of whose paper it is ("Link to", "arXiv", "Associated",
    "Model") were compared with the title: "Link to paper: https://arxiv.org/abs/..." under
    "# Mistral-7B-v0.1" no longer credited the model's research paper (zy's review)."""
    facts = card(f"# Mistral-7B-v0.1\n\n{label} https://arxiv.org/abs/2310.06825\n", patterns)
    assert [bool(p.component) for p in facts.papers] == [own]


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("[Granite Technical Report]", True),  # ibm-granite/granite-3.0-8b-instruct's card
        ("[Granite 3.0 Paper]", True),
        ("[Technical Report]", True),
        ("[Llama 2 Technical Report]", False),  # the base model's, another work's
        ("[Base model paper]", False),  # lower case: a method's paper cited in a sentence
    ],
)
def test_a_link_text_naming_the_model_s_report_makes_it_the_model_s(
    text: str, own: bool, patterns: CardPatterns
) -> None:
    """A capitalised link text with the model's name before "Technical Report" ("[Granite
    Technical Report](.../paper.pdf)", granite-3.0-8b-instruct's card, under **Training Data**)
    names the model's own report, as "Granite paper:" does: it was taken for nobody's, and the
    report asked IBM to say whether a technical report is released, 'no evidence found'.  Words
    the title does not have name another work's ("[Llama 2 Technical Report]")."""
    url = "https://github.com/ibm-granite/granite-3.0-language-models/blob/main/paper.pdf"
    facts = card(f"# Granite-3.0-8B-Instruct\n\n**Training Data**\n\n{text}({url})\n", patterns)
    assert [bool(p.component) for p in facts.papers] == [own]


OLMO = "https://arxiv.org/abs/2402.00838"
DPO = "https://arxiv.org/abs/2305.18290"


@pytest.mark.parametrize(
    ("line", "own"),
    [
        # the text of a link, "[arXiv:ID]", is the paper's id, not a label of the model's paper
        (f"Base model: allenai/OLMo-7B, [arXiv:2402.00838]({OLMO}).", False),
        (f"See the DPO paper, [arXiv:2305.18290]({DPO}).", False),
        (f"[arXiv:2305.18290]({DPO}) introduced DPO, which we use.", False),
        (f"[arXiv: 2305.18290]({DPO}) introduced DPO, which we use.", False),
        # the id written out, as arXiv writes it, names a paper as its link does
        ("arXiv:2305.18290 introduced DPO, which we use.", False),
        ("We use DPO, arXiv:2305.18290, as is.", False),
        (f"We use DPO ([arXiv:2305.18290]({DPO})).", False),
        (f"[DPO]({DPO})", False),
        (DPO, False),
        # a label before the id, or "arXiv" labelling a link or an address
        ("Paper: arXiv:2402.00838", True),
        (f"- **Paper:** [arXiv:2402.00838]({OLMO})", True),
        (f"Code: [repo](https://github.com/a/b), Paper: [arXiv:2402.00838]({OLMO})", True),
        (f"arXiv: {OLMO}", True),
        # spaced as a label is, not as arXiv writes an id: a card's list of links
        ("arXiv: 2402.00838", True),
        ("- arXiv: 2402.00838v2", True),
        (f"- **arXiv**: [2402.00838]({OLMO})", True),
        (f"| arXiv | [2402.00838]({OLMO}) |", True),
        (f"[arXiv]({OLMO})", True),
    ],
)
def test_an_arxiv_id_is_no_label_of_the_model_s_paper(
    line: str, own: bool, patterns: CardPatterns
) -> None:
    """An id's prefix "arXiv:" is no label: "Base model: allenai/OLMo-7B,
    [arXiv:2402.00838](...)" in a fine-tune's card made OLMo's paper the fine-tune's research
    paper (its licence read with --follow, the card passed `--require mof:class-1`), as did
    "See the DPO paper, [arXiv:2305.18290](...)", because "[arXiv:" after ", " or opening a line
    read as an "arXiv:" label (akf's review)."""
    facts = card(f"# acme/OLMo-7B-ultra-dpo\n\nA DPO fine-tune.\n\n{line}\n", patterns)
    assert [bool(p.component) for p in facts.papers] == [own]


def test_code_links_take_the_topic_of_their_url_line_or_section(patterns: CardPatterns) -> None:
    facts = card(
        """
        ## Training

        Code: https://github.com/EleutherAI/gpt-neox.git

        | Training code | [amber-train](https://github.com/LLM360/amber-train) |
        | Data preparation | [repo](https://github.com/LLM360/amber-data-prep) |

        ## Evaluation

        We use [the harness](https://github.com/EleutherAI/lm-evaluation-harness/tree/v0.4).
        ![plot](https://github.com/org/repo/assets/1/plot.png)
        [report](https://github.com/org/repo/blob/main/paper.pdf)
        """,
        patterns,
    )
    links = {(link.url, link.topics, link.line) for link in facts.code_links}
    assert links == {
        ("https://github.com/EleutherAI/gpt-neox", ("training-code",), 3),
        ("https://github.com/LLM360/amber-train", ("training-code",), 5),
        ("https://github.com/LLM360/amber-data-prep", ("data-preprocessing-code",), 6),
        ("https://github.com/EleutherAI/lm-evaluation-harness", ("evaluation-code",), 10),
    }
    assert [p.reference for p in facts.papers] == [
        "https://github.com/org/repo/blob/main/paper.pdf"
    ]


def test_a_gitlab_link_is_recorded_under_its_whole_name(patterns: CardPatterns) -> None:
    """gitlab.com/group/subgroup/project was recorded as gitlab.com/group/subgroup, another
    repository: groups nest on GitLab, and a name ends where rules/links.yaml says (a route's
    `-`, or an older address's `tree`), as the conflicts between repositories read it."""
    facts = card(
        """
        ## Training

        Code: https://gitlab.com/group/subgroup/project/-/tree/main/train and
        gitlab.com/group/subgroup/other/tree/main, or clone gitlab.com/solo/project.git.
        Mirrors: https://github.com/owner/name/tree/main/more/parts and
        https://gitlab.com/a/b/c/d?ref=main#readme and https://gitlab.com/-/ide/project.
        """,
        patterns,
    )
    links = {link.url: link.repository for link in facts.code_links}
    assert links == {
        "https://gitlab.com/group/subgroup/project": "group/subgroup/project",
        "https://gitlab.com/group/subgroup/other": "group/subgroup/other",
        "https://gitlab.com/solo/project": "solo/project",
        "https://github.com/owner/name": "owner/name",
        "https://gitlab.com/a/b/c/d": "a/b/c/d",
    }
    assert {link.owner for link in facts.code_links} == {"group", "solo", "owner", "a"}
    for link in facts.code_links:  # one rule: the conflicts' reading of the same address
        assert repository(link.url, REPOSITORIES) == f"{link.url.removeprefix('https://')}".lower()


def test_a_link_written_against_chinese_or_japanese_text_is_found_whole(
    patterns: CardPatterns,
) -> None:
    """Chinese and Japanese put no space around a link: "训练代码见https://github.com/…" was
    no code link (a letter before it read as part of a host name, `mygithub.com`), and
    "…/datasets/allenai/dolma数据集" was the dataset `allenai/dolma数据集`, which the Hub has
    not (a Hub id is ASCII).  A host name's own letter before it still makes it no link."""
    facts = card(
        """
        ## Training data

        训练代码见https://github.com/QwenLM/Qwen2.5。数据集见https://huggingface.co/datasets/allenai/dolma数据集
        コードはgithub.com/QwenLM/Qwen3で公開、データはhf.co/datasets/HuggingFaceFW/fineweb。
        Not links: mygithub.com/someone/else and xhf.co/datasets/someone/else.
        """,
        patterns,
    )
    assert [link.url for link in facts.code_links] == [
        "https://github.com/QwenLM/Qwen2.5",
        "https://github.com/QwenLM/Qwen3",
    ]
    assert [link.dataset_id for link in facts.dataset_links] == [
        "allenai/dolma",
        "HuggingFaceFW/fineweb",
    ]


@pytest.mark.parametrize(
    ("sentence", "component"),
    [
        ("The data-preprocessing code is not released.", "data-preprocessing-code"),
        ("Our training code will not be made publicly available.", "training-code"),
        ("We do not release the data filtering pipeline.", "data-preprocessing-code"),
        ("The training data cannot be shared for licensing reasons.", "datasets"),
        ("Intermediate checkpoints are not published.", "model-parameters-intermediate"),
        ("The training code is proprietary.", "training-code"),
        ("We do not release the training data.", "datasets"),
        ("Training code is not publicly available at this time.", "training-code"),
        ("The model weights are not released yet.", "model-parameters-final"),
        ("The code is open, but the training data is not disclosed.", "datasets"),
        ("The training data has not been released.", "datasets"),
        ("The model weights have not yet been published.", "model-parameters-final"),
        # the card's authors' own act (zt's review: lost when "has not" needed "been")
        ("The training data, which we have not released, was filtered.", "datasets"),
        ("We have not released the training data.", "datasets"),
        # "previously" pointing back in the text, not in time
        ("As previously stated, the training data is not released.", "datasets"),
        ("As mentioned previously, the training code is not publicly available.", "training-code"),
    ],
)
def test_not_released_statements(sentence: str, component: str, patterns: CardPatterns) -> None:
    facts = card(f"# Model\n\n{sentence}\n", patterns)
    assert [(s.component, s.line) for s in facts.not_released] == [(component, 3)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The training code is released under Apache-2.0.",
        "The data preprocessing code is available at github.com/org/data.",
        "We release the training data and the evaluation code.",
        "Unlike other models whose training data is not disclosed, we release everything.",
        "The model weights are not released under an open license; they are released under the"
        " Foo licence.",
        "The model weights are not available on the Hub; download them from our website.",
        "The model weights are not available for commercial use.",
        "The training code for the baseline is not available here; see github.com/org/baseline.",
        "The training code of the baseline is not released.",
        "It is not true that the model weights are not released.",
        "Test sets are not shared with the training data.",
        "Our model weights were never released before today.",
        "The training datasets were not publicly available before 2020, but now are.",
        "If the training data is not released, users cannot reproduce the model.",
        "We checked whether the training code is not published.",
        "The model weights are not available\nfor commercial use.",  # a sentence wrapped
        # "has not" without "been": someone else has not released it (active voice)
        "The training data, which Meta has not released, was replaced by the Pile.",
        "Our training code, which the original authors have not released, was rewritten.",
        # a state that was: the card does not say it still is
        "Initially, the model weights were not released.",
        "Previously the training code was not published; it is now on GitHub.",
    ],
)
def test_statements_of_release_are_not_read_as_absence(
    sentence: str, patterns: CardPatterns
) -> None:
    assert card(f"# Model\n\n{sentence}\n", patterns).not_released == ()


def test_card_data_from_the_hub_stands_in_for_unreadable_front_matter(
    patterns: CardPatterns,
) -> None:
    body = (
        "## Training data\n\nC4, the Colossal Clean Crawled Corpus: a cleaned, English-only"
        " version of the April 2019 Common Crawl snapshot.\n"
    )
    metadata = {"license": "apache-2.0", "datasets": ["c4"]}
    broken = parse_card(
        "---\nlicense: [\n---\n" + body, patterns, repositories=REPOSITORIES, host_metadata=metadata
    )
    only_metadata = parse_card(None, patterns, repositories=REPOSITORIES, host_metadata=metadata)
    assert [(f.value, f.line) for f in broken.licences] == [("apache-2.0", None)]
    assert broken.metadata_key == "cardData" and broken.body_read
    assert [(s.heading, s.line) for s in broken.data_sections] == [("Training data", 4)]
    assert len(broken.problems) == 1
    assert broken.problems[0].value.startswith("invalid YAML front matter")
    assert only_metadata.licences[0].value == "apache-2.0" and not only_metadata.body_read


# --- real cards (tests/fixtures/hub: outlines of real Hub cards) ------------------------------


def test_falcon_180b_cites_a_dataset_paper_while_its_own_is_to_come(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """Falcon-180B's card says its paper is "coming soon" and meanwhile cites the RefinedWeb
    dataset's paper under "Citation": osai credited that as the model's research paper (and
    arXiv's answer made it detected).  It is only cited; a note says why it is not taken."""
    facts = hub_card("tiiuae__falcon-180B", patterns)
    refinedweb = next(p for p in facts.papers if p.reference == "arXiv:2306.01116")
    assert (refinedweb.component, refinedweb.heading) == ("", "Citation")
    assert refinedweb.forthcoming_line == 115  # "Paper 'coming soon'"
    assert not [p for p in facts.papers if p.component]  # nothing else is its paper either
    found = card_evidence(facts, "hub", rules)
    assert "research-paper" not in {o.component for o in found.observations}
    notes = [f.message for f in found.findings if f.kind is FindingKind.NOTE]
    assert (
        "arXiv:2306.01116 is cited under 'Citation', not taken for the model's research paper: "
        "the card says its own paper is still to come (line 115)"
    ) in notes


def test_a_paper_cited_while_the_cards_own_is_to_come_is_not_its_own(
    patterns: CardPatterns,
) -> None:
    """Only a paper a citation heading alone makes the model's own is set aside; one the card
    labels its paper, or a card with no paper to come, keeps it."""
    cited = """
        # Model

        Our paper is forthcoming.

        ## Citation

        [RefinedWeb](https://arxiv.org/abs/2306.01116)
        """
    assert [p.component for p in card(cited, patterns).papers] == [""]
    labelled = cited.replace("[RefinedWeb]", "Paper: [RefinedWeb]")
    assert [p.component for p in card(labelled, patterns).papers] == ["research-paper"]
    published = cited.replace("Our paper is forthcoming.", "Read about it below.")
    assert [p.component for p in card(published, patterns).papers] == ["research-paper"]


def test_a_paper_section_whose_paper_is_to_come_cites_other_works(
    patterns: CardPatterns,
) -> None:
    """A "Paper" section that says the paper is coming soon credited the method's paper it
    then mentions as the model's research paper: like a citation heading, it only cites."""
    facts = card(
        """
        # Model

        ## Paper

        Paper coming soon.

        We use the method from arXiv:2101.00027.
        """,
        patterns,
    )
    (paper,) = facts.papers
    assert (paper.component, paper.heading, paper.forthcoming_line) == ("", "Paper", 5)
    labelled = card("# M\n\n## Paper\n\nPaper coming soon.\n\nPaper: arXiv:2101.00027\n", patterns)
    assert [p.component for p in labelled.papers] == ["research-paper"]


def test_a_report_to_come_leaves_the_paper_under_a_paper_heading(
    patterns: CardPatterns,
) -> None:
    """ "Technical report coming soon." set aside the paper a "## Paper" section holds ([Mistral
    7B](arxiv)), so the model's research paper was merely cited (zy's review): a report to come
    is not the paper.  Under "## Citation" a work is still only cited, and a paper to come still
    sets aside what "## Paper" cites."""
    text = """
        # Mistral-7B-v0.1

        Technical report coming soon.

        ## Paper

        [Mistral 7B](https://arxiv.org/abs/2310.06825)
        """
    assert [(p.component, p.forthcoming_line) for p in card(text, patterns).papers] == [
        ("research-paper", None)
    ]
    cited = text.replace("## Paper", "## Citation")
    assert [(p.component, p.forthcoming_line) for p in card(cited, patterns).papers] == [("", 3)]
    both = text.replace("Technical report coming", "Technical report and paper coming")
    assert [(p.component, p.forthcoming_line) for p in card(both, patterns).papers] == [("", 3)]


def test_pythia_card(patterns: CardPatterns) -> None:
    facts = hub_card("EleutherAI__pythia-70m", patterns)
    own = [p.reference for p in facts.papers if p.component == "research-paper"]
    assert own == ["arXiv:2304.01373"]  # the Pile papers it cites are not Pythia's paper
    topics = {(link.url, link.topics) for link in facts.code_links if link.topics}
    assert ("https://github.com/EleutherAI/pythia", ("training-code",)) in topics
    assert ("https://github.com/EleutherAI/lm-evaluation-harness", ("evaluation-code",)) in topics
    assert [s.heading for s in facts.data_sections] == ["Training data"]


def test_llama_2_card(patterns: CardPatterns) -> None:
    facts = hub_card("meta-llama__Llama-2-7b-hf", patterns)
    assert [f.value for f in facts.licences] == ["llama2"]
    assert "extra_gated_prompt" in [g.key for g in facts.gating]
    # "### LLAMA 2 COMMUNITY LICENSE AGREEMENT" inside the gating prompt is YAML, not a heading
    assert facts.sections[0].heading == "Llama 2"


# --- evidence ------------------------------------------------------------------------------------


def test_card_evidence_keeps_links_without_a_licence(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    facts = card(
        """
        ---
        license: apache-2.0
        datasets: [EleutherAI/pile]
        ---
        ## Training

        Training code: https://github.com/EleutherAI/gpt-neox

        The data preprocessing code is not released.

        ## Citation

        See the [paper](https://arxiv.org/abs/2304.01373).
        """,
        patterns,
    )
    evidence = card_evidence(facts, "local", rules)
    by_component = {o.component: o for o in evidence.observations}
    assert by_component["model-card"].path == "README.md"
    assert by_component["training-code"].path is None
    assert by_component["training-code"].provenance.certainty is Certainty.INFERRED
    assert by_component["datasets"].path is None
    assert by_component["research-paper"].provenance.value == "arXiv:2304.01373"
    assert by_component["data-preprocessing-code"].presence is Presence.ABSENT
    assert evidence.licence is not None and evidence.licence.text == "apache-2.0"


@pytest.mark.parametrize(
    ("front", "expected", "line"),
    [
        ("license: apache-2.0", "apache-2.0", 2),
        ("license: other\nlicense_name: tongyi-qianwen", "tongyi-qianwen", 3),
        ("license: [apache-2.0]", "apache-2.0", 2),
        ("license: [apache-2.0, Apache-2.0]", "apache-2.0", 2),
        ("license: [other]\nlicense_name: tongyi-qianwen", "tongyi-qianwen", 3),
    ],
)
def test_the_card_licence_as_one_string(
    front: str, expected: str, line: int, patterns: CardPatterns, rules: RuleSet
) -> None:
    facts = parse_card(f"---\n{front}\n---\n", patterns, repositories=REPOSITORIES)
    licence = card_evidence(facts, "local", rules).licence
    assert licence is not None and licence.text == expected
    assert licence.provenance.line == line


@pytest.mark.parametrize(
    ("front", "listed"),
    [
        ("license: [apache-2.0, llama2]", "apache-2.0, llama2"),
        ("license: [mit, other]\nlicense_name: acme-licence", "mit, acme-licence"),
        ("license: [mit, apache-2.0]", "mit, apache-2.0"),
    ],
)
def test_a_list_of_different_licences_settles_none(
    front: str, listed: str, patterns: CardPatterns, rules: RuleSet
) -> None:
    """osai invents no AND (nor OR): the licence stays unknown, and a warning names the list."""
    facts = parse_card(f"---\n{front}\n---\n", patterns, repositories=REPOSITORIES)
    evidence = card_evidence(facts, "local", rules)
    assert evidence.licence is None
    warnings = [f.message for f in evidence.findings if f.kind is FindingKind.WARNING]
    assert len(warnings) == 1 and f"several licences ({listed})" in warnings[0]


def test_a_list_of_thousands_of_licences_is_named_in_a_few(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """A card listing 10,000 licences (someone else's data) made a warning of 900 lines, and
    cited the whole list again: the warning names the first, each once, and how many more."""
    front = "license: [" + ", ".join(["mit", *(f"Zq-{n}" for n in range(10_000))]) + ", mit]"
    facts = parse_card(f"---\n{front}\n---\n", patterns, repositories=REPOSITORIES)
    evidence = card_evidence(facts, "local", rules)
    (warning,) = [f for f in evidence.findings if f.kind is FindingKind.WARNING]
    assert "several licences (mit, Zq-0, Zq-1, Zq-2, Zq-3, Zq-4, Zq-5, Zq-6, +9,993 more)" in (
        warning.message
    )
    assert len(warning.message) < 400
    assert all(len(cited.value) < 200 for cited in warning.provenance)


@pytest.mark.parametrize(
    ("prompt", "named"),
    [
        (
            "The training data is [CC-BY-4.0](https://example.org/cc). To download the model,"
            " accept the ACME Model License.",
            None,
        ),
        ("Our code is under the MIT License.", None),
        (
            "The dataset is under [CC-BY-4.0](https://example.org/cc); the model, the MIT License.",
            "the MIT License",
        ),
        ("The model and its training data are under the MIT License.", "the MIT License"),
        ("You agree to the [MIT License](https://example.org/mit).", "MIT License"),
    ],
)
def test_a_licence_the_gating_prompt_gives_something_else_is_not_the_models(
    prompt: str, named: str | None, patterns: CardPatterns, rules: RuleSet
) -> None:
    """A licence named in a sentence about the data or the code is theirs: "The training data is
    [CC-BY-4.0] ... accept the ACME Model License" made the weights CC-BY-4.0 (inferred)."""
    front = f"---\nlicense: other\nextra_gated_prompt: {json.dumps(prompt)}\n---\n# Model\n"
    facts = parse_card(front, patterns, repositories=REPOSITORIES)
    licence = card_evidence(facts, "local", rules).named_licence
    assert (licence.text if licence else None) == named


@pytest.mark.parametrize(
    "prompt",
    [
        "The weights are subject to the Llama 2 Community License and our code is under the MIT"
        " License.",
        "The Llama Materials (software, code, and documentation) are licensed under the Llama 2"
        " Community License.",
        "By accessing the model you agree to the [Llama 2 Community License](https://example.org/l).",
    ],
)
def test_the_subject_nearest_a_licence_is_whose_it_is(
    prompt: str, patterns: CardPatterns, rules: RuleSet
) -> None:
    """Whose licence a mention is was decided by any subject before it in its sentence, the
    model's winning: the weights' Llama 2 licence and the code's MIT licence were both kept
    (several licences: none taken), and the Llama Materials' licence, its parenthesis naming
    code and documentation, none (zy's review).  The nearest subject decides, with those listed
    with it; a parenthesis closed before the mention only describes what it follows."""
    front = f"---\nlicense: other\nextra_gated_prompt: {json.dumps(prompt)}\n---\n# Model\n"
    facts = parse_card(front, patterns, repositories=REPOSITORIES)
    licence = card_evidence(facts, "local", rules).named_licence
    assert licence is not None and licence.text.endswith("Llama 2 Community License")


def test_a_non_string_licence_item_is_a_card_problem(patterns: CardPatterns) -> None:
    facts = parse_card(
        "---\nlicense:\n- mit\n- {name: x}\n---\n", patterns, repositories=REPOSITORIES
    )
    assert [f.value for f in facts.licences] == ["mit"]
    assert [(p.key, p.value, p.line) for p in facts.problems] == [
        ("license", "'license' item 2 is not a string", 4)
    ]


def test_not_released_sentences_wrapped_over_lines_keep_their_first_line(
    patterns: CardPatterns,
) -> None:
    facts = card("# Model\n\nSome text. The training code\nis not released.\n", patterns)
    assert [(s.component, s.line) for s in facts.not_released] == [("training-code", 3)]


def test_a_fact_sentence_wrapped_over_lines_is_read_whole(patterns: CardPatterns) -> None:
    """tiny-model's card: "This corpus is licensed to us / only and may not be redistributed."
    is one sentence; `osai init` used to declare its second half."""
    body = (
        "# Model\n\n## Training data\n\n- A corpus licensed from a publisher. This corpus is\n"
        "  licensed to us only and may not be\n  redistributed.\n"
    )
    (found,) = [m for m in card(body, patterns).mentions if m.key == "non_public_data"]
    assert (found.value, found.line) == (
        "This corpus is licensed to us only and may not be redistributed",
        5,
    )


def test_a_section_too_short_is_said_to_be_short_not_missing(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """A card with a two-word "## Training" section was said to have "no such section" (the
    draft then told its author so): the section is there, too short to describe training."""
    facts = card(
        """
        ---
        license: apache-2.0
        ---
        # A model

        ## Training

        See below.

        ## Uses

        Text generation for research on small language models, in English only.
        """,
        patterns,
    )
    training = card_evidence(facts, "local", rules).facts["training_description"]
    assert not training.provided
    note = training.provenance.note
    assert "has 10 characters, too few to be one (at least 40)" in note, note
    assert "no such section" not in note


def test_a_card_known_only_by_its_metadata_is_detected_not_declared(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """A card whose body was not read (the Hub's cardData alone, as the census reads it) was
    cited as the publisher's declaration of a model card: what osai saw is detected."""
    facts = parse_card(
        None, patterns, repositories=REPOSITORIES, host_metadata={"license": "apache-2.0"}
    )
    evidence = card_evidence(facts, "hub", rules)
    (seen,) = [o for o in evidence.observations if o.component == "model-card"]
    assert (seen.provenance.location, seen.provenance.value) == ("cardData", "model card metadata")
    assert seen.provenance.certainty is Certainty.DETECTED


def test_every_host_whose_groups_nest_is_a_code_host(patterns: CardPatterns) -> None:
    """rules/links.yaml names the hosts whose groups nest (self-hosted GitLab, framagit,
    salsa.debian.org …), so that a repository is named by its whole path; a card's links to them
    were not recorded at all, since rules/detection.yaml's code hosts named gitlab.com alone."""
    facts = card(
        """
        ## Training

        Code: https://framagit.org/group/sub/project, https://salsa.debian.org/team/tool,
        https://invent.kde.org/a/b/c/-/tree/master and https://gitlab.freedesktop.org/mesa/mesa.
        """,
        patterns,
    )
    assert {link.url for link in facts.code_links} == {
        "https://framagit.org/group/sub/project",
        "https://salsa.debian.org/team/tool",
        "https://invent.kde.org/a/b/c",
        "https://gitlab.freedesktop.org/mesa/mesa",
    }
    for host in REPOSITORIES.nested_hosts:
        named = host.replace("*", "example.org")
        assert patterns.code_link.search(f"https://{named}/owner/name"), host


def test_an_older_gitlab_address_ends_the_name_at_its_route(patterns: CardPatterns) -> None:
    """Addresses from before GitLab's `/-/` routes kept them in the name: .../project/commit/
    0123abcd was a repository of that name; and gitlab.io serves Pages, not repositories."""
    facts = card(
        """
        ## Training

        See gitlab.com/group/project/commit/0123abcd, gitlab.com/group/project/tags/v1.0,
        gitlab.com/g/sub/project/merge_requests/3 and https://gitlab.io/x/y.
        """,
        patterns,
    )
    assert {link.url for link in facts.code_links} == {
        "https://gitlab.com/group/project",
        "https://gitlab.com/g/sub/project",
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "In addition to the Pile, we used data that cannot be shared.",
        "Some of the data can't be redistributed.",
        "The model was trained on a mix of public and non-public sources.",
        "We also used a news corpus bought from a publisher",
        "Part of it was purchased from a data vendor.",
        "The rest is web text we scraped ourselves",
        "Web pages crawled in-house complete the mix.",
        "Our code data is not released.",
        "The dialogue datasets will not be shared.",
        "The data has not been released.",
    ],
)
def test_data_that_is_not_public_in_other_words(sentence: str, patterns: CardPatterns) -> None:
    """Data beside the datasets listed that is not public stops rules/inference.yaml from
    inferring there was none: "cannot be shared" was missed where "can not be shared" was read."""
    (found,) = [m for m in card(f"# Model\n\n{sentence}\n", patterns).mentions]
    assert (found.key, found.value) == ("non_public_data", sentence.rstrip("."))


@pytest.mark.parametrize(
    "sentence",
    [
        "We did not use any proprietary data.",
        "We didn't use any private datasets.",
        "The model was trained without any in-house data.",
        "It was trained on public data only, with no proprietary corpus.",
        "We never used private data.",
    ],
)
def test_a_sentence_denying_non_public_data_does_not_state_it(
    sentence: str, patterns: CardPatterns
) -> None:
    """A card saying "We did not use any proprietary data" was read as speaking of proprietary data,
    which stopped rules/inference.yaml on a card saying all its data is public."""
    found = [m for m in card(f"# Model\n\n{sentence}\n", patterns).mentions]
    assert [m.key for m in found if m.key == "non_public_data"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "We cannot release any proprietary data.",
        "We used no private data, but licensed datasets from a news agency.",
        "We did not use any proprietary data except our in-house corpus.",
        "The lab no longer shares its private data.",
        # "without" alone affirms as often as it denies
        "It could not have been trained without proprietary data from our partners.",
        "Performance would be far worse without internal data from our users.",
    ],
)
def test_a_denial_elsewhere_in_the_sentence_still_states_non_public_data(
    sentence: str, patterns: CardPatterns
) -> None:
    """Only the words right before the qualifier deny it: the rest of the sentence is read."""
    (found,) = [m for m in card(f"# Model\n\n{sentence}\n", patterns).mentions]
    assert (found.key, found.value) == ("non_public_data", sentence.rstrip("."))


@pytest.mark.parametrize(
    "label",
    [
        "- Architecture: GPT-NeoX, one layer, hidden size 4, over raw UTF-8 bytes.",
        "**Model Architecture:**\n\nA decoder-only dense transformer with GQA and RoPE.",
        "- **Architecture:** Transformer decoder",
        # Pythia's: the sizes in a table's columns under "Model Details" (ags's report)
        "| Pythia model | Non-Embedding Params | Layers | Model Dim | Heads |\n"
        "| --- | --- | --- | --- | --- |\n| 70M | 18,915,328 | 6 | 512 | 8 |",
    ],
)
def test_a_part_a_label_titles_is_not_read_as_missing(
    label: str, patterns: CardPatterns, rules: RuleSet
) -> None:
    """tiny-model's card gives its architecture in a list item ("- Architecture: GPT-NeoX ..."
    under "## Model details"), Granite's under a bold label ("**Model Architecture:**"): no
    heading names it, and the card was said to lack it ("the card has no such section"), so EOSAI
    graded the model card partial, not open, on a card that states what it was said to lack.
    A label titles a part of the card as a heading does: absent no longer follows, unknown does."""
    body = f"---\nlicense: apache-2.0\n---\n# A model\n\n## Model details\n\n{label}\n"
    facts = card_evidence(card(body, patterns), "local", rules).facts
    assert "architecture_description" not in facts, facts.get("architecture_description")


def test_a_table_of_other_columns_leaves_the_architecture_missing(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """A table's columns are labels only for what they may say: a results table is no
    description of the architecture."""
    body = (
        "---\nlicense: apache-2.0\n---\n# A model\n\n## Results\n\n"
        "| Task | Score |\n| --- | --- |\n| ARC | 0.5 |\n"
    )
    facts = card_evidence(card(body, patterns), "local", rules).facts
    assert not facts["architecture_description"].provided


def test_a_label_left_out_by_a_fact_s_exclusions_leaves_it_missing(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """A label is read as a heading is: "**Training Data**" is about the data (a training section
    excludes data), so a card with it and no training section still lacks one."""
    body = (
        "---\nlicense: apache-2.0\n---\n# A model\n\n**Training Data**\n\n"
        "Publicly available permissive datasets and internal synthetic data.\n"
    )
    training = card_evidence(card(body, patterns), "local", rules).facts["training_description"]
    assert not training.provided
    assert "no such section" in training.provenance.note


def test_a_paper_known_only_by_the_hubs_tag_is_cited_not_the_models_own(
    patterns: CardPatterns, rules: RuleSet
) -> None:
    """Without the card's body, the Hub's arxiv tags stood in as the model's research paper
    (inferred): the Hub tags every arXiv link a card holds, and t5-base's eight are the
    benchmarks it was scored on (SQuAD, BoolQ ...), OLMo-7B's include LLaMA's paper.  Read, such
    a card credits none of them; unread, it credited them all.  They are a note now."""
    facts = parse_card(
        None, patterns, repositories=REPOSITORIES, host_metadata={"license": "apache-2.0"}
    )
    evidence = card_evidence(
        facts, "hub", rules, host_tags=("arxiv:1606.05250", "arxiv:1905.10044")
    )
    assert not [o for o in evidence.observations if o.component == "research-paper"]
    (note,) = [f for f in evidence.findings if "arxiv:1606.05250" in f.message]
    assert note.kind is FindingKind.NOTE
    assert "whether one is the model's own paper is not known" in note.message


@pytest.mark.parametrize(
    "sentence",
    [
        "We removed any data not released under a permissive licence.",
        "Our evaluation data is not shared with the training set.",
    ],
)
def test_data_said_not_released_under_terms_is_no_statement_of_private_data(
    sentence: str, patterns: CardPatterns
) -> None:
    """What the data is not released under, or not shared with, says nothing of data kept
    private: it stopped the inference that there was none (akb)."""
    assert [
        m for m in card(f"# Model\n\n{sentence}\n", patterns).mentions if m.key == "non_public_data"
    ] == []
