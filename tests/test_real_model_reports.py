"""The reports a person reads of real Hub models (the corpus, with GitHub and arXiv on loopback),
at 80 columns, read as a user asking "is this model open source?" would: nothing said twice,
nothing parted where it reads as two things, each place named once."""

from __future__ import annotations

import json
from typing import Any

import pytest
from clirunner import run_osai
from loopback_hub import LoopbackHub


def report(model: str, *options: str) -> str:
    result = run_osai("check", model, *options, env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    return result.stdout


def section(text: str, title: str) -> list[str]:
    """The lines of a report's section, up to the blank line that ends it."""
    return text.split(f"\n{title}", 1)[1].split("\n\n", 1)[0].splitlines()[1:]


def test_a_line_number_stays_with_its_word_in_the_evidence(linked_world: LoopbackHub) -> None:
    """Falcon-180B's listing gives its evaluation data's licence at line 38: the evidence read
    "licence (line" at the end of one line and "38)" alone at the start of the next."""
    text = report("tiiuae/falcon-180B")
    evidence = section(text, "Evidence")
    assert not [line for line in evidence if line.rstrip().endswith("(line")], text
    assert any("licence (line 38)" in line for line in evidence), text
    assert "\xa0" not in text
    wide = run_osai("check", "tiiuae/falcon-180B", env={"COLUMNS": "200"}).stdout
    assert "licence (line 38)" in wide and "\xa0" not in wide


def cited_under(text: str, requirement_id: str) -> str:
    """A requirement's evidence in -v, its wrapped lines joined: up to the next requirement."""
    lines = text.split(f" {requirement_id} ", 1)[1].splitlines()[1:]
    cited = [line for line in lines[: _next_requirement(lines)] if line.startswith("      ")]
    return " ".join(" ".join(cited).split())


def _next_requirement(lines: list[str]) -> int:
    starts = [n for n, line in enumerate(lines) if line[:4].strip() and not line.startswith("   ")]
    return starts[0] if starts else len(lines)


@pytest.mark.parametrize(
    ("model", "requirement_id", "cited"),
    [
        # the dataset's card, read for the dataset and for its licence
        ("tiiuae/falcon-180B", "MOF-C1-DATASETS", "falcon-refinedweb = odc-by"),
        # the listing's components (line 17), which lists neither datasets nor a data card
        ("Qwen/Qwen2.5-7B", "OSAID-DATA-INFORMATION-TERMS", "Qwen2.5-7B.yml:17 (assessed)"),
    ],
)
def test_verbose_evidence_cites_each_place_once(
    linked_world: LoopbackHub, model: str, requirement_id: str, cited: str
) -> None:
    """-v printed the same citation twice under one requirement, as if two pieces of evidence."""
    evidence = cited_under(report(model, "-v"), requirement_id)
    assert evidence.count(cited) == 1, evidence


@pytest.mark.parametrize(
    ("model", "said_twice"),
    [
        ("tiiuae/falcon-180B", "mot mot:models/"),
        ("deepseek-ai/DeepSeek-R1", "eosai eosai:"),
        ("google-t5/t5-base", "github github.com/"),
        ("google-t5/t5-base", "hub the Hub's file list"),
        ("google-t5/t5-base", "hub-dataset https://"),
    ],
)
def test_verbose_evidence_names_its_source_once(
    linked_world: LoopbackHub, model: str, said_twice: str
) -> None:
    """-v put the source before a place that names it already; T5's linked repository's
    licence file left "github" alone on a line at 80 columns.  A place that does not name its
    source keeps it (the Hub's README.md, not a linked repository's)."""
    text = report(model, "-v")
    verbose = text.split("\nOpen Source AI Definition 1.0\n", 1)[1]
    assert said_twice not in " ".join(verbose.split()), verbose
    assert not [line for line in verbose.splitlines() if line.strip() == "github"]
    if model == "google-t5/t5-base":
        assert "hub README.md:13 = apache-2.0 (detected)" in verbose


def test_a_moved_dataset_s_link_is_the_one_the_card_gives(linked_world: LoopbackHub) -> None:
    """T5's card names c4, now legacy-datasets/c4: the link read ".../legacy-datasets/c4 —
    ODC-By-1.0; moved to legacy-datasets/c4", the move said twice and its origin never."""
    links = " ".join(" ".join(section(report("google-t5/t5-base"), "Links followed")).split())
    moved = "dataset: https://huggingface.co/datasets/c4 — ODC-By-1.0; moved to legacy-datasets/c4"
    assert moved in links, links
    assert "datasets/legacy-datasets/c4 —" not in links
    document = json.loads(report("google-t5/t5-base", "--format", "json"))
    urls = [link["url"] for link in document["targets"][0]["links"]]
    assert "https://huggingface.co/datasets/c4" in urls, urls


@pytest.mark.parametrize(
    ("model", "said"),
    [
        ("google-t5/t5-base", "Research paper stands in: released, licence unknown"),
        ("Qwen/Qwen2.5-7B", "Research paper stands in: arXiv.org perpetual, non-exclusive"),
    ],
)
def test_a_stand_in_is_named_once_in_the_reason(
    linked_world: LoopbackHub, model: str, said: str
) -> None:
    """MOF's technical report, for which a research paper stands in: the reason read "Research
    paper stands in: Research paper: released, licence unknown", in -v and in the JSON."""
    verbose = " ".join(report(model, "-v").split())
    assert said in verbose and "stands in: Research paper:" not in verbose
    document = json.loads(report(model, "--format", "json"))
    (mof,) = [f for f in document["targets"][0]["frameworks"] if f["id"] == "mof"]
    (technical,) = [r for r in mof["requirements"] if r["id"] == "MOF-C3-TECHNICAL-REPORT"]
    assert said in technical["reason"], technical["reason"]


@pytest.mark.parametrize("model", ["tiiuae/falcon-180B", "EleutherAI/polyglot-ko-12.8b"])
def test_markdown_actions_say_what_they_reach_as_the_text_does(
    linked_world: LoopbackHub, model: str
) -> None:
    """Which step reaches which level ("reaches MOF Class I", "with the steps above, reaches MOF
    Class III") was said on a terminal only: a pull request's comment listed the same actions
    without it."""
    text = report(model, "-v")
    said = [" ".join(line.split()) for line in _action_texts(section(text, "Actions"))]
    assert any("reaches" in line for line in said), said
    markdown = report(model, "--format", "markdown").replace("\\(", "(").replace("\\)", ")")
    for line in said:
        assert line in markdown, (line, markdown)


def _action_texts(lines: list[str]) -> list[str]:
    """Each action's words after its kind, its wrapped lines joined."""
    actions: list[str] = []
    for line in lines:
        if line[2:3] != " ":
            actions.append(line.split(maxsplit=1)[1])
        else:
            actions[-1] += " " + line.strip()
    return [action.split(" (osai licenses show", 1)[0] for action in actions]


def test_markdown_says_a_verdict_rests_on_osai_s_interpretation(linked_world: LoopbackHub) -> None:
    """The terminal's notes say OSAID's verdicts rest on osai's reading of "OSI-approved terms"
    (OSI has listed none); the Markdown a pull request shows said nothing of it.  It is said
    once, under the verdicts, however many targets."""
    markdown = report("google-t5/t5-base", "Qwen/Qwen2.5-7B", "--format", "markdown")
    said = "\nOSAID: OSI-approved terms \\(osai's interpretation\\) — OSI has listed no"
    assert markdown.count(said) == 1, markdown
    assert markdown.index(said) < markdown.index("<details>")
    assert "Use-restricted licences never qualify.\n" in markdown


def test_an_index_s_other_entries_are_cited_as_its_entry_is(linked_world: LoopbackHub) -> None:
    """Granite's note cited the family's entry as eosai:Granite.yaml and the other entry that
    matched as "Granite Code.yaml", by its name alone."""
    notes = " ".join(
        " ".join(section(report("ibm-granite/granite-3.0-8b-instruct"), "Notes")).split()
    )
    assert "other entries matching the same way: eosai:Granite Code.yaml;" in notes, notes


@pytest.mark.parametrize("form", ["text", "markdown"])
def test_a_link_is_said_to_be_followed_as_what_in_words(
    linked_world: LoopbackHub, form: str
) -> None:
    """The links followed read "producer-code:", "third-party-code:", "base-model:", the ids
    the JSON keeps; a person reads what the link was followed as."""
    said = report("deepseek-ai/DeepSeek-R1", "--format", form)
    links = said.split("Links followed", 1)[1]
    assert "producer's code: " in links and "third-party code: " in links, links
    assert "producer-code" not in links and "third-party-code" not in links
    granite = report("ibm-granite/granite-3.0-8b-instruct", "--format", form)
    assert "base model: " in granite.split("Links followed", 1)[1]
    document = json.loads(report("deepseek-ai/DeepSeek-R1", "--format", "json"))
    kinds = {link["kind"] for link in document["targets"][0]["links"]}
    assert kinds == {"producer-code", "third-party-code"}


def evidence_row(text: str, component: str) -> str:
    """A component's row of the evidence table at 80 columns (stacked), its lines joined."""
    lines = section(text, "Evidence")
    start = next(n for n, line in enumerate(lines) if line[4:].startswith(f"{component} ·"))
    rest = lines[start + 1 :]
    end = next((n for n, line in enumerate(rest) if not line.startswith("    ")), len(rest))
    return " ".join(" ".join(lines[start : start + 1 + end]).split())


@pytest.mark.parametrize(
    ("model", "component", "url"),
    [
        ("HuggingFaceTB/SmolLM2-1.7B", "Training code", "https://github.com/huggingface/nanotron"),
        (
            "EleutherAI/polyglot-ko-12.8b",
            "Model architecture",
            "https://github.com/EleutherAI/gpt-neox",
        ),
        (
            "google-t5/t5-base",
            "Evaluation code",
            "https://github.com/google-research/text-to-text-transfer-transformer",
        ),
    ],
)
def test_the_evidence_gives_a_linked_repository_once(
    linked_world: LoopbackHub, model: str, component: str, url: str
) -> None:
    """A component found in a repository the card links: the row cited the card's link
    ("README.md:66 = URL") and then gave the same URL again as where the component is."""
    row = evidence_row(report(model), component)
    assert row.count(url) == 1, row


def test_a_link_the_host_has_no_such_resource_for_is_marked_as_not_there(
    linked_world: LoopbackHub,
) -> None:
    """Granite's base model is not on the Hub the fixture serves: "Links followed" marked it
    ✔ beside "not found", the mark of a link that gave its evidence."""
    text = report("ibm-granite/granite-3.0-8b-instruct")
    links = " ".join(" ".join(section(text, "Links followed")).split())
    assert "✘ base model: https://huggingface.co/ibm-granite/granite-3.0-8b-base — not found" in (
        links
    )
    assert "✔ producer's code: https://github.com/ibm-granite/granite-3.0-language-models" in (
        links
    )
    markdown = report("ibm-granite/granite-3.0-8b-instruct", "--format", "markdown")
    assert "- ❌ base model: `https://huggingface.co/ibm-granite/granite-3.0-8b-base`" in markdown


def test_the_settle_line_counts_a_link_not_found_as_settling_nothing(
    linked_world: LoopbackHub,
) -> None:
    """ "2 of 2 linked resources read" stood above a Links followed that marks one ✘ not found;
    then "2 of 2 read (1 not found or taken down)" counted the one not found as read.  Each link
    is counted once, by what it met, in the text and the Markdown alike."""
    said = " ".join(report("ibm-granite/granite-3.0-8b-instruct").split())
    counted = "1 of 2 linked resources read (1 not found or taken down);"
    assert f"to settle what is unknown: {counted}" in said, said
    markdown = report("ibm-granite/granite-3.0-8b-instruct", "--format", "markdown")
    assert counted.replace("(", "\\(").replace(")", "\\)") in markdown, markdown
    assert "2 of 2 linked resources" not in said + markdown


def test_a_count_of_one_takes_the_singular(linked_world: LoopbackHub) -> None:
    """Grok-1's card gives one link: "1 of 1 linked resources read"; Apertus has one grade of
    EOSAI's database to compare: "0 of 1 grades compared agree"."""
    every = ("-f", "osaid,mof,eu-ai-act,eosai")
    grok = " ".join(report("xai-org/grok-1", *every).split())
    assert "to settle what is unknown: 1 of 1 linked resource read;" in grok, grok
    apertus = " ".join(report("swiss-ai/Apertus-70B-2509", *every).split())
    assert "eosai:Apertus.yaml; 0 of 1 grade compared agree (-v" in apertus, apertus


def test_the_settle_line_counts_the_links_the_cap_left_unread(linked_world: LoopbackHub) -> None:
    """With --max-links 2, Pythia-70M's report said "2 of 2 linked resources read": every link
    its card gives, as it seemed, when three more were left unread by the cap."""
    said = " ".join(report("EleutherAI/pythia-70m", "--max-links", "2").split())
    assert (
        "to settle what is unknown: 2 of 5 linked resources read (3 left out by --max-links);"
        in said
    ), said
    none = " ".join(report("EleutherAI/pythia-70m", "--max-links", "0").split())
    assert "0 of 5 linked resources read (5 left out by --max-links);" in none, none


def followed_and_components(model: str) -> tuple[str, dict[str, Any]]:
    """The text report's "Links followed" in one line, and the JSON report's components by id."""
    links = " ".join(" ".join(section(report(model), "Links followed")).split())
    target = json.loads(report(model, "--format", "json"))
    return links, {c["id"]: c for c in target["targets"][0]["components"]}


def test_a_paper_in_the_producer_s_repository_is_its_technical_report(
    linked_world: LoopbackHub,
) -> None:
    """granite's card links ibm-granite/granite-3.0-language-models, which holds paper.pdf (the
    card's "[Granite Technical Report]"): the link said "shows: nothing", and the technical
    report's licence stayed unknown.  The file is the report, released in the producer's
    repository under its LICENSE (rules/detection.yaml licence_inheritance, document); a paper
    is not shown to be a research paper, which stays unknown."""
    links, components = followed_and_components("ibm-granite/granite-3.0-8b-instruct")
    repo = "https://github.com/ibm-granite/granite-3.0-language-models"
    assert f"✔ producer's code: {repo} — Apache-2.0; shows: technical report" in links, links
    paper = components["technical-report"]
    assert paper["licence"]["text"] == "Apache-2.0"
    assert paper["licence"]["inherited_from"] == f"{repo[8:]}/LICENSE"
    (shown,) = [e for e in paper["evidence"] if e["source"] == "github"]
    assert shown["value"].endswith("tree: paper.pdf") and shown["certainty"] == "inferred"
    assert components["research-paper"]["presence"] == "unknown"


def test_a_report_named_for_another_model_is_not_the_model_s(linked_world: LoopbackHub) -> None:
    """Qwen2.5-7B's card links QwenLM/Qwen2.5, which GitHub answers as QwenLM/Qwen3; it holds
    Qwen3_Technical_Report.pdf, a report of another model, which a file's name alone would
    have credited as Qwen2.5-7B's technical report."""
    links, components = followed_and_components("Qwen/Qwen2.5-7B")
    assert "now QwenLM/Qwen3; no licence file; shows: inference code, evaluation code" in links
    assert "github" not in {e["source"] for e in components["technical-report"]["evidence"]}


def test_a_dataset_s_licence_is_said_where_the_row_gives_none(linked_world: LoopbackHub) -> None:
    """t5-base's Datasets row has no licence (wiki_dpr lists two without saying how they
    combine): its evidence read "legacy-datasets/c4 card metadata license (detected)", c4's
    odc-by said nowhere in the row, beside wiki_dpr's "license lists cc-by-sa-3.0, gfdl"."""
    said = " ".join(report("google-t5/t5-base").split())
    assert "datasets/legacy-datasets/c4 card metadata license is odc-by (detected)" in said, said
    assert "datasets/wiki_dpr card metadata license lists cc-by-sa-3.0, gfdl (detected)" in said


def test_a_pdf_named_for_the_model_in_its_repository_is_its_technical_report(
    linked_world: LoopbackHub,
) -> None:
    """DeepSeek-R1's card links deepseek-ai/DeepSeek-R1, which holds DeepSeek_R1.pdf, the
    model's paper: no file kind takes a name with no "paper" or "report" in it, so the link
    said "shows: nothing" (rules/links.yaml documents.named_for_model)."""
    links, components = followed_and_components("deepseek-ai/DeepSeek-R1")
    repo = "https://github.com/deepseek-ai/DeepSeek-R1"
    assert f"✔ producer's code: {repo} — MIT; shows: technical report" in links, links
    (shown,) = [e for e in components["technical-report"]["evidence"] if e["source"] == "github"]
    assert shown["value"] == "PDF named for the model: tree: DeepSeek_R1.pdf", shown
    assert shown["certainty"] == "inferred"


def headline_of(text: str, name: str) -> tuple[str, int]:
    """A framework's headline line, its wrapped lines joined, and how many lines it took."""
    lines = text.split("\n\n", 1)[0].splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith(f"  {name} "))
    rest = lines[first + 1 :]
    taken = next((n for n, line in enumerate(rest) if not line.startswith("    ")), len(rest))
    return " ".join(" ".join(lines[first : first + 1 + taken]).split()), 1 + taken


def test_the_headline_names_the_model_s_own_parts_before_its_paper(
    linked_world: LoopbackHub,
) -> None:
    """Qwen2.5-7B's MOF line took six lines at 80 columns for its paper's arXiv licence (licences
    came first, whatever they covered) and hid "Data card not released" and its cards' missing
    licences in "+3 more unmet".  Blockers follow the components' order (the model's code and
    weights, then its data, cards and papers): the cards come first, the paper is counted.
    Llama 2's OSAID line still leads with its weights' licence and its terms."""
    qwen = report("Qwen/Qwen2.5-7B")
    mof, taken = headline_of(qwen, "MOF 1.0")
    # its model card is under the README's apache-2.0, over the listing's `unlicensed`
    # (test_public.py): the data card leads, then its evaluation results and paper, counted
    assert "Class III violated — Data card not released; +2 more unmet" in mof, qwen
    assert "arXiv" not in mof and taken <= 4, qwen
    llama, _ = headline_of(report("meta-llama/Llama-2-7b-hf"), "OSAID 1.0")
    weights = "not conformant (detected) — Model parameters (Final) under Llama 2 Community"
    assert weights in llama and "(Acceptable Use Policy; licensees above 700M" in llama, llama


def test_a_fact_s_title_runs_on_in_the_sentence_that_names_it(linked_world: LoopbackHub) -> None:
    """A third party's release names a fact by its title: "…; but training data that is not
    public: Trained on 863 GB …" in the grade's reason and "at least partial now, but training
    data …" in its action, where both read "but Training data" with a capital mid-sentence."""
    text = " ".join(report("EleutherAI/polyglot-ko-12.8b", "-f", "eosai", "-v").split())
    assert "Data card: released; but training data that is not public: Trained on" in text
    assert "at least partial now, but training data that is not public says 'Trained" in text
    assert "but Training" not in text
