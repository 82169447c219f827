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


# The Open Source AI Definition 1.0's preferred form (opensource.org/ai/open-source-ai-definition,
# by the Open Source Initiative, CC BY 4.0), as shared/reference/osaid.md section 2 quotes it.
OSAID_PREFERRED_FORM = (
    # the four freedoms (reference osaid.md §1), before the preferred form
    "An Open Source AI is an AI system made available under terms and in a way that grant the"
    " freedoms to: Use the system for any purpose and without having to ask for permission."
    " Study how the system works and inspect its components. Modify the system for any purpose,"
    " including to change its output. Share the system for others to use with or without"
    " modifications, for any purpose."
    " Data Information: Sufficiently detailed information about the data used to train the system"
    " so that a skilled person can build a substantially equivalent system. Data Information shall"
    " be made available under OSI-approved terms. In particular, this must include: (1) the"
    " complete description of all data used for training, including (if used) of unshareable"
    " data, disclosing the provenance of the data, its scope and characteristics, how the data was"
    " obtained and selected, the labeling procedures, and data processing and filtering"
    " methodologies; (2) a listing of all publicly available training data and where to obtain"
    " it; and (3) a listing of all training data obtainable from third parties and where to"
    " obtain it, including for fee."
    " Code: The complete source code used to train and run the system. The Code shall represent"
    " the full specification of how the data was processed and filtered, and how the training was"
    " done. Code shall be made available under OSI-approved licenses. For example, if used, this"
    " must include code used for processing and filtering data, code used for training including"
    " arguments and settings used, validation and testing, supporting libraries like tokenizers"
    " and hyperparameters search code, inference code, and model architecture."
    " Parameters: The model parameters, such as weights or other configuration settings."
    " Parameters shall be made available under OSI-approved terms. For example, this might"
    " include checkpoints from key intermediate stages of training as well as the final optimizer"
    " state."
)


def _fragments_in_order(quotation: str, text: str) -> bool:
    """Whether each part of a quotation between its ellipses is in `text`, in the text's order
    (a first letter capitalised, a closing full stop or semicolon aside)."""
    found_at = 0
    for fragment in quotation.split("..."):
        words = fragment.strip().rstrip(".;,").lower()
        if not words:
            continue
        found_at = text.lower().find(words, found_at)
        if found_at < 0:
            return False
        found_at += len(words)
    return True


def test_osaid_quotes_the_definition_in_its_own_order() -> None:
    """A researcher quotes what `osai rules explain OSAID-CODE-TRAINING` shows as the
    definition's words: its Code quotations put "Code shall be made available under OSI-approved
    licenses." after the list that follows that sentence in the definition, and cut "For
    example," from "if used, this must include", making the examples read as a closed list."""
    osaid = load_ruleset().framework("osaid")
    quoting_the_definition = [
        r for r in osaid.requirements if r.citation.url.endswith("/open-source-ai-definition")
    ]
    assert len(quoting_the_definition) >= 10
    for requirement in quoting_the_definition:
        assert _fragments_in_order(requirement.citation.text, OSAID_PREFERRED_FORM), requirement.id


def test_a_quotation_holds_its_source_s_words_alone() -> None:
    """`osai rules explain EOSAI-PREPRINT` showed, inside the quotation marks of the index's
    question, "(osai cannot tell a preprint on some parts, the index's partial, from one on all
    of them ...)": osai's words, quoted as the index's.  What osai reads into a source is said
    outside the quotation (here the requirement's title)."""
    rules = load_ruleset()
    for framework in rules.frameworks.values():
        for requirement in framework.requirements:
            quoted = [requirement.citation] + [g.citation for g in requirement.grades]
            for citation in quoted:
                if citation is not None:
                    assert "osai" not in citation.text.lower(), requirement.id
    preprint = rules.framework("eosai").requirement("EOSAI-PREPRINT")
    assert preprint is not None
    # osai grades a preprint that exists partial, open only on a declaration of what it details
    assert [g.grade for g in preprint.grades] == ["open", "partial", "closed"]


# The OSAID FAQ's unshareable data class (opensource.org/ai/faq, by the Open Source Initiative,
# CC BY 4.0), as shared/reference/osaid.md section 5 quotes it.
OSAID_FAQ_UNSHAREABLE = (
    "Unshareable nonpublic training data: data that cannot be shared for explainable reasons,"
    " like Personally Identifiable Information (PII). For this class of data, the ability to"
    " study some of the system's biases demands a detailed description of the data \u2013 what it"
    " is, how it was collected, its characteristics, and so on \u2026 This must be revealed in"
    " detail so that, for example, a hospital can create a dataset with identical structure using"
    " its own patient data."
)


def test_osaid_quotes_the_faq_alone_where_it_points_at_the_faq() -> None:
    """`osai rules explain OSAID-DATA-UNSHAREABLE` quoted "The complete description of all data
    used for training, including (if used) of unshareable data ... This must be revealed in
    detail." and pointed at the FAQ: its first half is the definition's, not the FAQ's, so a
    reader looking for it at the address given could not find it (osaid.md sections 2 and 5)."""
    osaid = load_ruleset().framework("osaid")
    quoting_the_faq = [r for r in osaid.requirements if r.citation.url.endswith("/ai/faq")]
    assert quoting_the_faq
    for requirement in quoting_the_faq:
        assert _fragments_in_order(requirement.citation.text, OSAID_FAQ_UNSHAREABLE), requirement.id


# Draft checklist 0.0.9 (samj/osaid definition/osi-versions/osaid-0.0.9-checklist.html): its
# closing sentence, then its optional-components table as shared/reference/osaid.md section 6.1
# renders it (component, then legal framework in brackets).
CHECKLIST_0_0_9_OPTIONAL = (
    "The other components listed in the Model Openness Framework are optional."
    " Optional components: Evaluation data, Evaluation results (OSD-compliant license); Code used"
    " to perform inference for benchmark tests, Evaluation code (OSI-approved license); Model"
    " card, Sample model outputs, Model metadata (OSD-compliant license)."
)


def test_the_draft_checklist_s_optional_components_are_quoted_as_it_words_them() -> None:
    """`osai rules explain OSAID-EVALUATION-CODE` quoted "... are optional: ..." where the
    checklist's sentence ends "are optional." and its table follows: the colon was osai's."""
    rules = load_ruleset()
    for framework in rules.frameworks.values():
        for requirement in framework.requirements:
            citation = requirement.citation
            if citation.url == CHECKLIST_0_0_9:
                assert _fragments_in_order(citation.text, CHECKLIST_0_0_9_OPTIONAL), requirement.id


def test_the_training_code_requirement_names_the_validation_and_testing_code_it_quotes() -> None:
    """OSAID 1.0's Code asks, if used, for "code used for training including arguments and
    settings used, validation and testing" (osaid.md section 2), and the checklist's "Training,
    validation and testing" component is osai's Training code; its title and remedy named the
    arguments and settings alone, so `osai rules explain` and `rules list` read as if validation
    and testing code were asked for nowhere but the optional OSAID-EVALUATION-CODE."""
    training = load_ruleset().framework("osaid").requirement("OSAID-CODE-TRAINING")
    assert training is not None
    assert "validation and testing" in training.citation.text
    assert "validation and testing" in training.title
    assert "validated and tested" in training.remediation
