"""The generic engine: honest verdicts, substitution, and a third framework written only in YAML."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from osai.assessment import Status
from osai.engine import assess, evaluate_framework
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    Fact,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.rules import load_ruleset
from osai.sources.manifest import read_manifest

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"
THIRD = HERE / "fixtures" / "frameworks" / "euaia-sketch.yaml"
WHERE = Provenance("test", "test", "", Certainty.DECLARED)


def release(components: dict[str, tuple[Presence, str | None]], **facts: str) -> Release:
    return Release(
        target="t",
        source="test",
        name="t",
        components={
            cid: ComponentEvidence(
                cid, presence, (WHERE,), LicenceFact(text, WHERE) if text is not None else None
            )
            for cid, (presence, text) in components.items()
        },
        facts={key: Fact(key, value, WHERE) for key, value in facts.items()},
    )


def status_of(rel: Release, framework: str, requirement: str, mode: str | None = None) -> Status:
    rules = load_ruleset()
    judged = evaluate_framework(rules.framework(framework), mode, rel, rules)
    result = judged.result(requirement)
    assert result is not None
    return result.status


def test_met_only_on_evidence_unmet_only_on_evidence_otherwise_unknown() -> None:
    present_open = release({"training-code": (Presence.PRESENT, "Apache-2.0")})
    absent = release({"training-code": (Presence.ABSENT, None)})
    no_licence = release({"training-code": (Presence.PRESENT, None)})
    nothing = release({})
    assert status_of(present_open, "osaid", "OSAID-CODE-TRAINING") is Status.MET
    assert status_of(absent, "osaid", "OSAID-CODE-TRAINING") is Status.UNMET
    assert status_of(no_licence, "osaid", "OSAID-CODE-TRAINING") is Status.UNKNOWN
    assert status_of(nothing, "osaid", "OSAID-CODE-TRAINING") is Status.UNKNOWN


def test_osaid_with_only_unknowns_is_not_demonstrated_and_says_so() -> None:
    rules = load_ruleset()
    judged = evaluate_framework(rules.framework("osaid"), None, release({}), rules)
    assert judged.outcome == "not-demonstrated"
    assert not judged.definite
    assert judged.next_steps


def test_a_licence_failure_is_definite() -> None:
    rules = load_ruleset()
    rel = release({"model-parameters-final": (Presence.PRESENT, "llama2")})
    judged = evaluate_framework(rules.framework("osaid"), None, rel, rules)
    assert judged.outcome == "not-conformant"
    assert judged.definite


def test_a_research_paper_stands_in_for_the_technical_report() -> None:
    rel = release(
        {
            "technical-report": (Presence.ABSENT, None),
            "research-paper": (Presence.PRESENT, "CC-BY-4.0"),
        }
    )
    assert status_of(rel, "mof", "MOF-C3-TECHNICAL-REPORT") is Status.MET
    no_paper = release({"technical-report": (Presence.ABSENT, None)})
    assert status_of(no_paper, "mof", "MOF-C3-TECHNICAL-REPORT") is Status.UNMET


def test_declared_data_information_is_evidence() -> None:
    rel = release({}, third_party_data_sources="none")
    assert status_of(rel, "osaid", "OSAID-DATA-THIRD-PARTY-SOURCES") is Status.MET


def test_every_result_names_its_evidence_and_its_source() -> None:
    rules = load_ruleset()
    rel = read_manifest(EXAMPLES / "pythia-70m.yml", rules)
    assessment = assess(rel, rules, rules.default_frameworks())
    for judged in assessment.frameworks:
        for result in judged.results:
            assert result.citation.ref and result.citation.text
            if result.status is not Status.UNKNOWN:
                assert result.evidence, result.requirement_id


def test_examples_reach_the_levels_they_document() -> None:
    rules = load_ruleset()
    expected = {
        "pythia-70m.yml": ("conformant", "class-1"),
        "olmo-7b.yml": ("conformant", "class-1"),
        "gpt-neox-20b.yml": ("conformant", "class-3"),
        "amber.yml": ("not-demonstrated", "class-1"),
        "llama-2-7b.yml": ("not-conformant", "none"),
        "bloom.yml": ("not-conformant", "none"),
        "falcon-180b.yml": ("not-conformant", "none"),
    }
    for name, (osaid, mof) in expected.items():
        assessment = assess(
            read_manifest(EXAMPLES / name, rules), rules, rules.default_frameworks()
        )
        outcomes = {j.framework_id: j.outcome for j in assessment.frameworks}
        assert outcomes == {"osaid": osaid, "mof": mof}, name


def test_frameworks_that_disagree_say_where() -> None:
    rules = load_ruleset()
    rel = read_manifest(EXAMPLES / "gpt-neox-20b.yml", rules)
    assessment = assess(rel, rules, rules.default_frameworks())
    assert any("Evaluation data" in d.message for d in assessment.differences)


def test_a_third_framework_in_yaml_only_is_evaluated() -> None:
    rules = load_ruleset(extra_frameworks=[THIRD])
    framework = rules.framework("eu-ai-act-sketch")
    open_model = read_manifest(EXAMPLES / "pythia-70m.yml", rules)
    closed_model = read_manifest(EXAMPLES / "llama-2-7b.yml", rules)
    assert evaluate_framework(framework, None, open_model, rules).outcome == "exempt"
    judged = evaluate_framework(framework, None, closed_model, rules)
    assert judged.outcome == "not-exempt"
    failing = judged.result("EUAIA-PARAMETERS")
    assert failing is not None and "Llama 2" in failing.reason.text


def test_an_unseen_component_under_a_failing_licence_fails_either_way() -> None:
    """Weights not seen, but the repository's licence is a RAIL: released or not, OSAID fails."""
    rail = release({"model-parameters-final": (Presence.UNKNOWN, "bigscience-bloom-rail-1.0")})
    assert status_of(rail, "osaid", "OSAID-PARAMETERS") is Status.UNMET
    apache = release({"model-parameters-final": (Presence.UNKNOWN, "Apache-2.0")})
    assert status_of(apache, "osaid", "OSAID-PARAMETERS") is Status.UNKNOWN


def test_a_waiver_passes_the_gate_but_never_changes_the_verdict() -> None:
    rules = load_ruleset()
    rel = release({"model-parameters-final": (Presence.PRESENT, "llama2")})
    requirements = [r.id for r in rules.framework("osaid").requirements]
    judged = evaluate_framework(
        rules.framework("osaid"), None, rel, rules, dict.fromkeys(requirements, "accepted")
    )
    assert judged.outcome == "not-conformant"
    assert judged.best_level_proven == ""
    assert judged.level_with_waivers == "conformant"
    parameters = judged.result("OSAID-PARAMETERS")
    assert parameters is not None and parameters.status is Status.WAIVED


def test_sources_that_agree_are_as_sure_as_the_surest_and_a_licence_as_its_own() -> None:
    """The card mentions training code (inferred), GitHub shows it (detected): released,
    detected.  Under a licence known only by inference, the verdict is inferred."""
    from osai.evidence import Certainty

    rules = load_ruleset()
    card = Provenance("hub", "README.md", "", Certainty.INFERRED)
    github = Provenance("github", "github.com/o/r", "", Certainty.DETECTED)

    def certainty(licence: Provenance) -> Certainty | None:
        code = ComponentEvidence(
            "training-code", Presence.PRESENT, (card, github), LicenceFact("MIT", licence)
        )
        rel = Release(target="t", source="test", name="t", components={"training-code": code})
        judged = evaluate_framework(rules.framework("osaid"), None, rel, rules)
        result = judged.result("OSAID-CODE-TRAINING")
        assert result is not None and result.status is Status.MET
        return result.certainty

    assert certainty(replace(github, location="LICENSE")) is Certainty.DETECTED
    assert certainty(replace(card, location="license: mit")) is Certainty.INFERRED


# --- a weaker source that agrees corroborates: it never makes a verdict less sure -------------


def _seen_twice(
    component: str, presence: Presence, licence: str | None = None
) -> ComponentEvidence:
    """A component a declaration states and a card link corroborates (inferred)."""
    from osai.evidence import Certainty

    declared = Provenance("manifest", "osai.yml", "", Certainty.DECLARED)
    inferred = Provenance("hub", "README.md", "", Certainty.INFERRED)
    stated = LicenceFact(licence, declared) if licence is not None else None
    return ComponentEvidence(component, presence, (declared, inferred), stated)


def _certainty_of(rel: Release, framework: str, requirement: str) -> object:
    rules = load_ruleset()
    result = evaluate_framework(rules.framework(framework), None, rel, rules).result(requirement)
    assert result is not None and result.status is not Status.UNKNOWN
    return result.certainty


def test_a_grade_is_as_sure_as_the_levels_verdict_on_the_same_evidence() -> None:
    """EOSAI graded training code by the weakest of every source that saw it: inferred, where
    OSAID, on the same evidence, is declared (and a BOM, which keeps the surest, disagreed)."""
    code = ("training-code", "data-preprocessing-code")
    rel = Release(
        target="t",
        source="test",
        name="t",
        components={c: _seen_twice(c, Presence.PRESENT, "MIT") for c in code},
    )
    assert _certainty_of(rel, "osaid", "OSAID-CODE-TRAINING") == "declared"
    assert _certainty_of(rel, "eosai", "EOSAI-TRAINING-CODE") == "declared"


def test_a_grade_ruled_out_by_a_declared_absence_is_declared() -> None:
    """Training code declared not released (a card link corroborating): `open` and `partial`
    ruled out, `closed` earned, each as surely as the absence is known."""
    code = ("training-code", "data-preprocessing-code")
    rel = Release(
        target="t",
        source="test",
        name="t",
        components={c: _seen_twice(c, Presence.ABSENT) for c in code},
    )
    assert _certainty_of(rel, "eosai", "EOSAI-TRAINING-CODE") == "declared"


def test_a_stand_in_is_as_sure_as_its_own_verdict() -> None:
    """The research paper stands in for the technical report: MOF's verdict is the paper's."""
    rel = _unseen_report_and_a_paper("CC-BY-4.0")
    assert _certainty_of(rel, "mof", "MOF-C3-TECHNICAL-REPORT") == "declared"


def _unseen_report_and_a_paper(paper_licence: str) -> Release:
    return Release(
        target="t",
        source="test",
        name="t",
        components={
            "technical-report": ComponentEvidence("technical-report", Presence.UNKNOWN, (WHERE,)),
            "research-paper": _seen_twice("research-paper", Presence.PRESENT, paper_licence),
        },
    )


def _technical_report_with_paper(paper_licence: str) -> object:
    rel = _unseen_report_and_a_paper(paper_licence)
    rules = load_ruleset()
    found = evaluate_framework(rules.framework("mof"), None, rel, rules)
    return found.result("MOF-C3-TECHNICAL-REPORT")


def test_a_failing_stand_in_leaves_an_unknown_component_unknown() -> None:
    """A paper under a closed licence says nothing of a technical report nobody has seen: the
    report may yet be released openly, so MOF's verdict on it stays unknown, and says why."""
    result = _technical_report_with_paper("LicenseRef-arxiv-nonexclusive-distrib-1.0")
    assert result is not None
    assert result.status is Status.UNKNOWN
    assert "would stand in, but fails" in result.reason.text
    assert "does not settle it" in result.reason.text
    assert len(result.evidence) == len(set(result.evidence))


def test_a_passing_stand_in_still_settles_an_unknown_component() -> None:
    result = _technical_report_with_paper("CC-BY-4.0")
    assert result is not None
    assert result.status is Status.MET
    assert result.substituted_by == "research-paper"


def test_any_of_is_met_as_surely_as_its_surest_met_branch() -> None:
    """OSAID's data information: datasets seen only through a card link (inferred), and a data
    card the publisher declares.  The first met branch made it inferred."""
    from osai.evidence import Certainty

    seen = Provenance("hub", "README.md", "", Certainty.INFERRED)
    said = Provenance("manifest", "osai.yml", "", Certainty.DECLARED)
    rel = Release(
        target="t",
        source="test",
        name="t",
        components={
            "datasets": ComponentEvidence(
                "datasets", Presence.PRESENT, (seen,), LicenceFact("CC-BY-4.0", seen)
            ),
            "data-card": ComponentEvidence(
                "data-card", Presence.PRESENT, (said,), LicenceFact("CC-BY-4.0", said)
            ),
        },
    )
    assert _certainty_of(rel, "osaid", "OSAID-DATA-INFORMATION-TERMS") == "declared"
