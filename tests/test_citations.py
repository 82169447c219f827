"""Rule citations quote their source verbatim and point at the document they quote
(shared/reference/osaid.md sections 6.1-6.2, mof.md section 2)."""

from __future__ import annotations

from osai.rules import load_ruleset

CHECKLIST_0_0_9 = (
    "https://opensource.org/deepdive/drafts/the-open-source-ai-definition-checklist-draft-v-0-0-9"
)


def test_a_citation_of_the_draft_checklist_points_at_the_draft() -> None:
    """opensource.org/ai/checklist is the RC1/1.0-era checklist, whose optional table has not
    been seen; the optional components osai cites come from draft 0.0.9."""
    rules = load_ruleset()
    cited = [
        r.citation
        for f in rules.frameworks.values()
        for r in f.requirements
        if "0.0.9" in r.citation.ref
    ]
    assert cited and all(c.url == CHECKLIST_0_0_9 for c in cited)


def test_the_checklist_s_extrapolation_keeps_its_condition() -> None:
    """ "one needs to extrapolate from the alternative Data components if they provide the
    requirements listed in the Open Source AI Definition": cut at "components" it read as a
    licence to extrapolate from any of them."""
    for rule in load_ruleset().inference:
        text = rule.citation.text
        if "extrapolate" in text:
            assert text.endswith(
                "if they provide the requirements listed in the Open Source AI Definition."
            )
        assert "Known issues" not in rule.citation.ref or text.startswith(
            "Subject to interpretation"
        )


def test_mof_quotes_the_tool_s_component_descriptions_verbatim() -> None:
    """mof.settings.yml describes both parameter components alike, and says nothing of the
    model card standing in for the data card or carrying the evaluation results (README
    conventions): a quotation adds nothing inside its quotation marks."""
    mof = load_ruleset().framework("mof")
    texts = {r.id: r.citation.text for r in mof.requirements}
    assert (
        texts["MOF-C1-MODEL-PARAMETERS-INTERMEDIATE"]
        == "Trained model parameters, weights and biases"
    )
    assert texts["MOF-C3-EVALUATION-RESULTS"] == "The results from evaluating the model"
    assert texts["MOF-C3-DATA-CARD"] == (
        "Documentation for datasets including source, characteristics, and preprocessing details"
    )


MOT_SETTINGS = (
    "https://github.com/lfai/model_openness_tool/blob/8b5d30e90a7c62d7d6ece48b91e69ff495920a4d"
    "/web/modules/mof/config/install/mof.settings.yml"
)


def test_mof_quotes_of_the_tool_s_descriptions_point_at_the_tool() -> None:
    """The MOF requirements quote the Model Openness Tool's component descriptions
    (mof.settings.yml, mof.md section 2); pointing them at the MOF paper (arXiv 2403.13784)
    sent a reader to look for the quotation where osai never read it.  Only the technical report's
    substitution quotes elsewhere (the tool's PR #104)."""
    mof = load_ruleset().framework("mof")
    for requirement in mof.requirements:
        citation = requirement.citation
        if "pull/104" in citation.url:
            continue
        assert citation.url == MOT_SETTINGS, requirement.id
