"""rules/inference.yaml: "no third-party or unshareable data" is inferred only from released
datasets declared to be the training data, under open terms stated for the datasets themselves.

A Datasets component that a listing merely lists, taking the listing's release-wide licence, or
datasets a card lists under unknown terms, show nothing of the data beside them: the OSAID items
stay unknown, and the verdict "not demonstrated" (EleutherAI/polyglot-ko-12.8b, google-t5/t5-base).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from clirunner import run_osai

from osai.engine import evaluate_framework
from osai.evidence import (
    Certainty,
    ComponentEvidence,
    Fact,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.inference import not_inferred, with_inferences
from osai.rules import RuleSet, load_ruleset
from osai.targets import ReadOptions, read_target
from osai.verdict import Status

AMBER = Path(__file__).parent / "fixtures" / "mot" / "models" / "Amber.yml"
NO_OTHER_DATA = ("third_party_data_sources", "unshareable_data_description")
# Amber.yml, lines 45-48: its Datasets component states its own licence
AMBER_DATASETS = """      name: Datasets
      description: 'Training, validation and testing datasets used for the model'
      license: MIT
"""


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_ruleset()


def inferred(release: Release) -> dict[str, str]:
    return {
        key: fact.value
        for key, fact in release.facts.items()
        if fact.provenance.certainty is Certainty.INFERRED and key in NO_OTHER_DATA
    }


def amber_with_datasets(tmp_path: Path, rules: RuleSet, datasets: str) -> Release:
    text = AMBER.read_text(encoding="utf-8")
    assert AMBER_DATASETS in text
    path = tmp_path / "Amber.yml"
    path.write_text(text.replace(AMBER_DATASETS, datasets), encoding="utf-8")
    return read_target(str(path), rules, ReadOptions())


def test_declared_datasets_under_their_own_open_licence_infer_no_other_data(
    tmp_path: Path, rules: RuleSet
) -> None:
    release = amber_with_datasets(tmp_path, rules, AMBER_DATASETS)
    assert inferred(release) == {key: "none" for key in NO_OTHER_DATA}


def test_a_licence_inherited_from_the_listing_default_infers_nothing(
    tmp_path: Path, rules: RuleSet
) -> None:
    """Polyglot-Ko's listing: Datasets listed, no licence of their own (license.distribution)."""
    datasets = AMBER_DATASETS.replace("      license: MIT\n", "")
    release = amber_with_datasets(tmp_path, rules, datasets)
    licence = release.component("datasets").licence
    assert licence is not None and licence.inherited_from == "license.distribution"
    assert inferred(release) == {}


def test_data_information_is_not_under_open_terms_on_a_licence_its_parts_only_inherit(
    tmp_path: Path,
) -> None:
    """OSAID's data information under OSI-approved terms was met by the datasets and the data
    card of pythia-70m.yml, whose only licence is the release's (license.distribution), where
    this file's inference and EOSAI's rules refuse such a licence as no terms of their own: with
    its paper under arXiv's default licence, the release was conformant on the Pile "under
    Apache-2.0".  Now it is not demonstrated; the paper's own CC-BY-SA-4.0 still meets it."""
    from clirunner import EXAMPLES

    text = (EXAMPLES / "pythia-70m.yml").read_text(encoding="utf-8")
    assert text.count("      license: CC-BY-SA-4.0\n") == 1
    arxiv = text.replace(
        "      license: CC-BY-SA-4.0\n",
        "      license: LicenseRef-arxiv-nonexclusive-distrib-1.0\n",
    )
    (tmp_path / "m.yml").write_text(arxiv, encoding="utf-8")
    for manifest, outcome, met_by in (
        (tmp_path / "m.yml", "not-demonstrated", []),
        (EXAMPLES / "pythia-70m.yml", "conformant", ["research-paper"]),
    ):
        result = run_osai("check", str(manifest), "-f", "osaid", "--format", "json")
        (osaid,) = json.loads(result.stdout)["targets"][0]["frameworks"]
        (terms,) = [r for r in osaid["requirements"] if r["id"] == "OSAID-DATA-INFORMATION-TERMS"]
        assert (osaid["outcome"], terms["met_by"]) == (outcome, met_by), terms


def test_datasets_under_terms_that_are_not_open_infer_nothing(
    tmp_path: Path, rules: RuleSet
) -> None:
    datasets = AMBER_DATASETS.replace("license: MIT", "license: CC-BY-NC-4.0")
    assert inferred(amber_with_datasets(tmp_path, rules, datasets)) == {}


def datasets_release(certainty: Certainty, licence: str) -> Release:
    where = Provenance("hub", "README.md", "datasets: some/corpus", certainty)
    stated = LicenceFact(licence, Provenance("hub-dataset", "some/corpus", licence, certainty))
    evidence = ComponentEvidence("datasets", Presence.PRESENT, (where,), stated)
    return Release("some/model", "hub", "model", components={"datasets": evidence})


def test_datasets_a_card_lists_infer_as_a_manifest_s_do(rules: RuleSet) -> None:
    """A card's `datasets:` names the training datasets as a manifest's Datasets component
    does (the Hub's card metadata: "datasets used to train the model"); what the inference needs
    is their own open licence, and nothing that shows other data.  A detected list inferring
    nothing while the same list declared did broke `osai init`'s law: the draft declares what
    osai detected, and its check then inferred what the source's did not (OLMo-7B)."""
    for certainty in (Certainty.DETECTED, Certainty.DECLARED):
        found = with_inferences(datasets_release(certainty, "MIT"), rules)
        assert inferred(found) == {key: "none" for key in NO_OTHER_DATA}


@pytest.mark.parametrize("where", ["github.com/acme/corpus/LICENSE", "data/LICENSE", "README.md:4"])
def test_datasets_under_the_licence_of_the_place_that_holds_them_infer(
    rules: RuleSet, where: str
) -> None:
    """Datasets in a linked repository under its LICENSE, or in the model's repository under a
    licence file or its card's licence, are released under those terms: their own, as a
    dataset card's licence is.  Any licence they inherited was taken for a release-wide one (a
    listing's license.distribution), and they inferred nothing; the framework checks' own
    licence (`own_licence`) is the same one, not the release's (LicenceFact.from_release)."""
    release = datasets_release(Certainty.DETECTED, "CC-BY-4.0")
    datasets = release.component("datasets")
    assert datasets.licence is not None
    held = replace(datasets.licence, inherited_from=where)
    release = replace(release, components={"datasets": replace(datasets, licence=held)})
    assert inferred(with_inferences(release, rules)) == {key: "none" for key in NO_OTHER_DATA}
    released = replace(held, inherited_from="license.distribution")
    release = replace(release, components={"datasets": replace(datasets, licence=released)})
    assert inferred(with_inferences(release, rules)) == {}


def test_a_licence_of_their_own_that_agreed_with_the_release_s_infers(rules: RuleSet) -> None:
    """A listing's release-wide licence kept where the dataset's own card said one that agreed
    (LicenceFact.corroborated_by): the data's own terms are known, as EOSAI's `own_licence`
    reads them (it grades them open), so no other data is inferred; the inference refused any
    licence inherited from the release and judged the release's text, and OSAID's data
    information stayed unknown where EOSAI had the data's terms.  Judged on the data's own:
    the release's Apache-2.0 beside a card's CC-BY-NC-4.0 infers nothing."""
    release = datasets_release(Certainty.DECLARED, "Apache-2.0")
    datasets = release.component("datasets")
    assert datasets.licence is not None
    listing = replace(datasets.licence, inherited_from="license.distribution")
    card = Provenance("hub-dataset", "acme/data", "odc-by", Certainty.DETECTED)
    for own, infers in (("ODC-By-1.0", True), ("CC-BY-NC-4.0", False)):
        agreed = replace(listing, corroborated_by=(LicenceFact(own, card),))
        found = replace(release, components={"datasets": replace(datasets, licence=agreed)})
        expected = {key: "none" for key in NO_OTHER_DATA} if infers else {}
        judged = with_inferences(found, rules)
        assert inferred(judged) == expected, own
        if infers:  # the inference names the licence it was made on
            assert "released under ODC-By-1.0" in judged.facts[NO_OTHER_DATA[0]].provenance.note


def test_a_card_that_speaks_of_non_public_data_stops_the_inference(rules: RuleSet) -> None:
    release = datasets_release(Certainty.DECLARED, "MIT")
    said = "We also used a proprietary corpus of 10,000 books."
    fact = Fact("non_public_data", said, Provenance("hub", "README.md", said, Certainty.DETECTED))
    stated = replace(release, facts={"non_public_data": fact})
    assert inferred(with_inferences(stated, rules)) == {}


@pytest.mark.parametrize(
    ("description", "infers"),
    [
        ("News articles purchased from Reuters; they cannot be redistributed.", False),
        ("The Pile, and a proprietary corpus of 10,000 books.", False),
        ("The Pile, as its datasheet describes it.", True),
    ],
)
def test_a_declared_description_that_speaks_of_non_public_data_stops_the_inference(
    tmp_path: Path, rules: RuleSet, description: str, infers: bool
) -> None:
    """The manifest's own description is read by the card's non_public_data sentence
    (rules/detection.yaml, one reading): "news articles purchased from Reuters" declared beside
    open datasets inferred no third-party and no unshareable data ("nothing shows other data"),
    where the same sentence in a card stopped it."""
    text = AMBER.read_text(encoding="utf-8")
    assert "  components:\n" in text
    said = f"  data_information:\n    training_data_description: '{description}'\n"
    path = tmp_path / "Amber.yml"
    path.write_text(text.replace("  components:\n", said + "  components:\n", 1), "utf-8")
    release = read_target(str(path), rules, ReadOptions())
    assert release.facts["training_data_description"].value == description
    judged = with_inferences(release, rules)
    assert inferred(judged) == ({key: "none" for key in NO_OTHER_DATA} if infers else {})
    if not infers:
        why = not_inferred(NO_OTHER_DATA[0], judged, rules)
        assert why is not None
        assert why.text.startswith(
            "not inferred from Datasets: the release states training_data_description: "
        ), why
        assert why.text.endswith("(read as: training data that is not public)"), why
        result = run_osai("check", str(path), "-f", "osaid", "--format", "json")
        (osaid,) = json.loads(result.stdout)["targets"][0]["frameworks"]
        for requirement in osaid["requirements"]:
            if requirement["id"] in ("OSAID-DATA-THIRD-PARTY-SOURCES", "OSAID-DATA-UNSHAREABLE"):
                assert requirement["status"] == "unknown", requirement
                assert (
                    "purchased from Reuters" in requirement["reason"]
                    or "proprietary" in (requirement["reason"])
                )


def osaid_of(repo: str) -> tuple[str, dict[str, tuple[str, str]]]:
    """`osai check REPO`'s OSAID outcome, and each data-information item's status and value."""
    result = run_osai("check", repo, "--format", "json")
    assert result.code == 0, result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    (osaid,) = [f for f in target["frameworks"] if f["id"] == "osaid"]
    items = {
        r["id"]: (r["status"], r["certainty"])
        for r in osaid["requirements"]
        if r["id"] in ("OSAID-DATA-THIRD-PARTY-SOURCES", "OSAID-DATA-UNSHAREABLE")
    }
    return osaid["outcome"], items


@pytest.mark.parametrize(
    "repo",
    [
        # the MOT lists Datasets, nothing shows them, and they take the listing's licence; the
        # card: 863 GB of Korean data curated by TUNiB, no public dataset
        "EleutherAI/polyglot-ko-12.8b",
        # the card lists c4 and wiki_dpr, whose licence the Hub does not settle
        "google-t5/t5-base",
    ],
)
def test_listed_datasets_do_not_show_that_no_other_data_was_used(
    repo: str, linked_world: Any
) -> None:
    outcome, items = osaid_of(repo)
    assert outcome == "not-demonstrated"
    assert items == {
        "OSAID-DATA-THIRD-PARTY-SOURCES": ("unknown", None),
        "OSAID-DATA-UNSHAREABLE": ("unknown", None),
    }


def test_curated_corpora_beside_the_listed_dataset_stop_the_inference(linked_world: Any) -> None:
    """Falcon-180B's card lists one dataset (tiiuae/falcon-refinedweb, ODC-By) and says it was
    "trained on 3,500B tokens of RefinedWeb plus curated corpora": third-party and unshareable
    data were met "none" (inferred), on nothing but the card not saying "proprietary"."""
    outcome, items = osaid_of("tiiuae/falcon-180B")
    assert outcome == "not-conformant"  # its licence, whatever the data
    assert items == {
        "OSAID-DATA-THIRD-PARTY-SOURCES": ("unknown", None),
        "OSAID-DATA-UNSHAREABLE": ("unknown", None),
    }


@pytest.mark.parametrize(
    "repo",
    [
        "LLM360/Amber",  # the MOT lists its Datasets under MIT, their own licence
        "allenai/OLMo-7B",  # the MOT lists Datasets; Dolma's card states odc-by
    ],
)
def test_declared_datasets_under_their_own_open_terms_still_infer_it(
    repo: str, linked_world: Any
) -> None:
    outcome, items = osaid_of(repo)
    assert outcome == "conformant"
    assert items == {
        "OSAID-DATA-THIRD-PARTY-SOURCES": ("met", "inferred"),
        "OSAID-DATA-UNSHAREABLE": ("met", "inferred"),
    }


@pytest.mark.parametrize(
    ("repo", "words"),
    [
        # "Trained on 863 GB of Korean data (1.2 TB before processing) curated by TUNiB"
        ("EleutherAI/polyglot-ko-12.8b", "curated by TUNiB"),
        # "... permissive datasets, internal synthetic data, and ... human-curated data"
        ("ibm-granite/granite-3.0-8b-instruct", "internal synthetic data"),
        ("tiiuae/falcon-180B", "RefinedWeb plus curated corpora"),
    ],
)
def test_a_card_naming_data_an_organisation_collected_states_non_public_data(
    repo: str, words: str, linked_world: Any
) -> None:
    result = run_osai("check", repo, "--no-follow", "--no-public-assessments", "--format", "json")
    (target,) = json.loads(result.stdout)["targets"]
    (stated,) = [f for f in target["facts"] if f["key"] == "non_public_data"]
    assert words in stated["value"]


def test_a_fine_tune_s_datasets_do_not_list_all_its_training_data(rules: RuleSet) -> None:
    """A fine-tune was trained on its base model's data too: the datasets it releases (its
    fine-tuning data) list some of its training data, not all, so OSAID's "listing of all
    publicly available training data" is not met on them, as rules/inference.yaml infers
    nothing from them for the same reason (`unless_stated: [base_model]` on both).  It stays
    unknown, never unmet: the base's own release may list the rest."""
    release = with_inferences(datasets_release(Certainty.DECLARED, "MIT"), rules)
    base = "meta-llama/Llama-2-7b-hf"
    stated = Fact("base_model", base, Provenance("hub", "README.md", base, Certainty.DECLARED))
    fine_tune = with_inferences(
        replace(datasets_release(Certainty.DECLARED, "MIT"), facts={"base_model": stated}), rules
    )
    osaid = rules.framework("osaid")

    def public_sources(judged: Release) -> Status:
        result = evaluate_framework(osaid, None, judged, rules).result("OSAID-DATA-PUBLIC-SOURCES")
        assert result is not None
        return result.status

    assert public_sources(release) is Status.MET
    assert public_sources(fine_tune) is Status.UNKNOWN


WHY_NOT = "not inferred from Datasets: "


@pytest.mark.parametrize(
    ("datasets", "declared", "said"),
    [
        # Polyglot-Ko's and Pythia's listings: the release's licence only
        (AMBER_DATASETS.replace("      license: MIT\n", ""), "", "not stated (" + WHY_NOT + "no "),
        (AMBER_DATASETS.replace("MIT", "CC-BY-NC-4.0"), "", "under CC-BY-NC-4.0, not open terms"),
        (AMBER_DATASETS.replace("MIT", "Acme-Data-1.0"), "", "a licence osai does not know"),
        # a MOT listing's `unlicensed` (CrystalCoder's): "under unlicensed" was said
        (AMBER_DATASETS.replace("MIT", "unlicensed"), "", WHY_NOT + "released with no licence)"),
        # T5's c4 (odc-by) beside wiki_dpr listing two licences: none settled, none stated
        (
            "      name: Datasets\n      license: unknown\n",
            "",
            WHY_NOT + "its licence is not known",
        ),
        (
            AMBER_DATASETS,
            "  declarations:\n    base_model: acme/base\n",
            WHY_NOT + "the release states base_model: acme/base)",
        ),
        # no datasets released: nothing there to infer it from, nothing to say of it
        ("", "", "third_party_data_sources not stated"),
    ],
)
def test_a_fact_not_inferred_says_which_condition_failed(
    tmp_path: Path, datasets: str, declared: str, said: str
) -> None:
    """OLMo's datasets under ODC-By infer "no third-party data", Pythia's Pile does not: the
    reason said "not stated" alone, and a reader had to guess why one was inferred and the
    other not (left alone at stop 57)."""
    text = AMBER.read_text(encoding="utf-8")
    text = (
        text.replace(AMBER_DATASETS, datasets)
        if datasets
        else text.replace(AMBER_DATASETS + "    -\n", "")
    )
    text = text.replace("release:\n  name: Amber\n", f"release:\n  name: Amber\n{declared}")
    (tmp_path / "Amber.yml").write_text(text, encoding="utf-8")
    result = run_osai("check", str(tmp_path / "Amber.yml"), "-f", "osaid", "--format", "json")
    assert result.code == 0, result.stderr
    (osaid,) = json.loads(result.stdout)["targets"][0]["frameworks"]
    (row,) = [r for r in osaid["requirements"] if r["id"] == "OSAID-DATA-THIRD-PARTY-SOURCES"]
    assert row["status"] == "unknown"
    assert said in row["reason"], row["reason"]
    assert (WHY_NOT in row["reason"]) is bool(datasets)


@pytest.mark.parametrize(
    ("instead", "unless", "said"),
    [
        ("CC-BY-NC-4.0", "", "may be under CC-BY-NC-4.0, not open terms"),
        ("", "acme/base (its licence not read)", "under CC-BY-4.0, unless acme/base"),
    ],
)
def test_datasets_that_may_be_under_another_licence_infer_nothing(
    rules: RuleSet, instead: str, unless: str, said: str
) -> None:
    """Every licence of the datasets must be open (rules/inference.yaml `accept`), as a check
    judges one: datasets under CC-BY-4.0 or, osai cannot tell, CC-BY-NC-4.0 (alternatives), or
    under CC-BY-4.0 unless an unread base binds them, inferred "no third-party data" on the
    first licence alone, a verdict stronger than its evidence (akr)."""
    release = datasets_release(Certainty.DECLARED, "CC-BY-4.0")
    datasets = release.component("datasets")
    assert datasets.licence is not None
    other = Provenance("hub-dataset", "acme/data", instead, Certainty.DETECTED)
    alternatives = (LicenceFact(instead, other),) if instead else ()
    held = replace(datasets.licence, alternatives=alternatives, unless=unless)
    release = replace(release, components={"datasets": replace(datasets, licence=held)})
    assert inferred(with_inferences(release, rules)) == {}
    why = not_inferred(NO_OTHER_DATA[0], release, rules)
    assert why is not None and said in why.text, why
