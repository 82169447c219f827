"""Public assessments as evidence in `osai check`: a Hub model's Model Openness Tool listing
(declared) and European Open Source AI Index entry (assessed), merged with what the loopback Hub
and the card's links show, through the command line as a user runs it.

The listings are the bundled snapshots (rules/assessments/, from the corpus at the commits
tests/fixtures/assessments/PROVENANCE.md names); the repositories the loopback Hub's fixtures
(tests/fixtures/hub/PROVENANCE.md), some changed here in memory as each test says.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from assessment_archives import (
    FIXTURES,
    MOT_PATH,
    Member,
    archive_server,
    loopback_download,
    mot_tree,
    tar_gz,
)
from clirunner import ROOT, Result, run_osai
from loopback_hub import LoopbackHub

from osai.assessments import EosaiEntry, Grade, MotEntry
from osai.assessments.snapshot import read_snapshot, write_snapshot
from osai.assessments.store import bundled_path, updated_path
from osai.assessments.update import update_database
from osai.rules import load_ruleset

PYTHIA = "EleutherAI/pythia-70m"
HUB_FIXTURES = ROOT / "tests" / "fixtures" / "hub" / "models"


pytestmark = pytest.mark.usefixtures("linked_world")  # tests/conftest.py


def check(*args: str, code: int = 0) -> tuple[dict[str, Any], Result]:
    result = run_osai("check", *args, "--format", "json")
    assert result.code == code, result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target, result


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HUB_FIXTURES / f"{name}.json").read_text("utf-8"))
    return copy.deepcopy(data)


def component(target: dict[str, Any], component_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in target["components"] if c["id"] == component_id)
    return found


def sources(target: dict[str, Any]) -> set[str]:
    """Every source any component's evidence or licence cites."""
    found = set()
    for item in target["components"]:
        found |= {e["source"] for e in item["evidence"]}
        if item["licence"]:
            found.add(item["licence"]["evidence"]["source"])
    return found


def findings(target: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f for f in target["findings"] if f["kind"] == kind]


def framework(target: dict[str, Any], framework_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(f for f in target["frameworks"] if f["id"] == framework_id)
    return found


# --- the MOT listing: assessed ------------------------------------------------------------------


def test_the_mot_listing_is_assessed_evidence_dated_and_cited() -> None:
    """A listing is a third party's assessment, not the publisher's word: it was read as
    declared, so it beat what the repository itself shows and passed a declared gate."""
    target, _ = check(PYTHIA)
    assert "mot" in sources(target)
    card = component(target, "data-card")
    listed = next(e for e in card["evidence"] if e["source"] == "mot")
    assert listed["location"] == "mot:models/Pythia-70M.yml" and listed["line"] == 66
    assert listed["certainty"] == "assessed"
    # dated on each piece of evidence; where the date comes from, once, in the note
    assert listed["note"] == "MOT listing of 2025-11-03"
    notes = [f["message"] for f in findings(target, "note")]
    (listing,) = [m for m in notes if m.startswith("the MOT lists this repository: ")]
    assert listing == (
        "the MOT lists this repository: mot:models/Pythia-70M.yml (MOT snapshot 8b5d30e9 of "
        "2026-05-11); the listing is dated 2025-11-03 (the release date the file gives); source: "
        "Copyright 2024 The Model Openness Tool Authors. MIT licence: the model files are "
        "distributed with the tool's permission notice (rules/assessments/NOTICE)."
    )
    # the repository's identity stays its own
    assert target["name"] == PYTHIA and target["source"] == "hub"


def test_no_public_assessments_leaves_both_databases_out_and_says_so() -> None:
    """Pythia-70M.yml settles its weights: without it they are unknown, and the report said
    nothing of a listing left out, so its verdict differed from the default's with no word why
    (as --no-follow says what it did not read).  A note names it; none of its word is used."""
    target, _ = check(PYTHIA, "--no-public-assessments")
    assert sources(target).isdisjoint({"mot", "eosai"})
    said = [f for f in target["findings"] if "MOT" in f["message"] or "EOSAI" in f["message"]]
    assert [(f["kind"], f["message"]) for f in said] == [
        (
            "note",
            "the MOT listing mot:models/Pythia-70M.yml was left out (--no-public-assessments): "
            "without that flag, osai takes its word as evidence about this repository",
        )
    ]
    assert [e["source"] for f in said for e in f["evidence"]] == ["assessments"]  # not "mot"
    assert said[0]["about"] == "note::mot:models/Pythia-70M.yml"  # followed run to run by it
    # and the verdict is the repository's alone: Pythia's weights are not listed by the fixture
    osaid = framework(target, "osaid")
    assert osaid["outcome"] != "conformant"


def test_a_model_no_listing_matches_says_the_assessments_were_consulted() -> None:
    """t5-base: the MOT's T5.yml names no Hub repository, and EOSAI lists no T5. A report with
    no listing read as if none had been looked for; --no-public-assessments says nothing."""
    target, _ = check("google-t5/t5-base", "--no-follow")
    (said,) = [
        f["message"] for f in findings(target, "note") if "no public assessment" in f["message"]
    ]
    assert said.startswith("no public assessment matched google-t5/t5-base: no listing in the MOT")
    assert said.endswith("names it, a former id, its family or its base model")
    listed, _ = check(PYTHIA, "--no-follow")
    assert not any("no public assessment" in f["message"] for f in listed["findings"])
    without, _ = check("google-t5/t5-base", "--no-follow", "--no-public-assessments")
    assert not any("no public assessment" in f["message"] for f in without["findings"])


def test_a_listing_with_the_models_name_and_no_hub_link_is_pointed_to_not_taken() -> None:
    """Llama-2-7B.yml names no Hub repository: "no public assessment matched" alone sent a
    reader who then found the file by name to wonder whether osai had looked.  The note names it,
    and why it is not this repository's listing (the file may have assessed another copy)."""
    target, _ = check("meta-llama/Llama-2-7b-hf", "--no-follow")
    (said,) = [
        f["message"] for f in findings(target, "note") if "no public assessment" in f["message"]
    ]
    assert said.endswith(
        "; the MOT lists 'Llama-2-7B' (mot:models/Llama-2-7B.yml) with no Hub repository: "
        "a name alone is not taken as this repository's listing"
    )
    assert "mot" not in sources(target)
    # T5.yml names no repository either, but not t5-base's name: nothing is pointed to
    t5, _ = check("google-t5/t5-base", "--no-follow")
    assert not any("a name alone" in f["message"] for f in t5["findings"])


def test_an_index_entry_grading_the_model_by_name_alone_is_pointed_to_not_taken(
    hub: LoopbackHub,
) -> None:
    """llama-2-chat.yaml grades Meta's "Llama-2-70B-Chat" (base "Llama-2-70B") and links only
    Meta's site.  meta-llama/Llama-2-70b-chat-hf's report said no listing in the EOSAI snapshot
    names it, and nothing more, though the index grades that model by name (the MOT's name-alike
    files were pointed to, the index's not).  A note names the entry, and why it is not taken."""
    for repo_id in ("meta-llama/Llama-2-70b-chat-hf", "someone/Llama-2-70b-chat-hf"):
        data = fixture("meta-llama__Llama-2-7b-hf")
        data["id"] = repo_id
        hub.add_repo(data)
    target, _ = check("meta-llama/Llama-2-70b-chat-hf", "--no-follow")
    assert sources(target).isdisjoint({"mot", "eosai"})
    said = [f["message"] for f in findings(target, "note") if "a name alone" in f["message"]]
    assert said == [
        "EOSAI grades 'Llama-2-70B-Chat' as the end model of eosai:llama-2-chat.yaml (Llama 2; "
        "EOSAI snapshot 5a388e87 of 2026-06-12), and names no Hub repository or organisation: "
        "a name alone is not taken as meta-llama/Llama-2-70b-chat-hf's listing; no evidence "
        "about this repository is taken from it"
    ]
    # another owner's copy of the name is pointed to nothing
    copy, _ = check("someone/Llama-2-70b-chat-hf", "--no-follow")
    assert not any("a name alone" in f["message"] for f in copy["findings"])


def test_the_listing_settles_what_the_repository_leaves_unknown() -> None:
    """Pythia's fixture has no file list: the weights are unknown on the Hub, and the MOT listing
    (Apache-2.0, line 48) settles them; the warning says the listing's word is taken, and that
    the repository's files were not listed: it said "neither the repository nor what its card
    links to shows them", as if the weights had been looked for among them."""
    without, _ = check(PYTHIA, "--no-public-assessments")
    assert component(without, "model-parameters-final")["presence"] == "unknown"
    target, _ = check(PYTHIA)
    weights = component(target, "model-parameters-final")
    assert weights["presence"] == "present"
    assert [e["source"] for e in weights["evidence"]] == ["mot"]
    (warning,) = [f for f in findings(target, "warning") if "Model Openness Tool" in f["message"]]
    assert (
        "neither the repository's card nor what it links to shows them (the repository's files "
        "were not listed): " in warning["message"]
    ), warning["message"]
    assert "Model parameters (Final)" in warning["message"]
    assert (
        "osai takes the listing's word (assessed, mot:models/Pythia-70M.yml)"
        in (warning["message"])
    )


def test_offline_what_the_listing_claims_is_said_unseen_because_the_cache_lists_nothing() -> None:
    """Offline, the weights' checkpoints (Pythia's 154 branches) were said unseen because "the
    repository's files were not listed", as if the Hub had been asked: offline neither its
    files nor its branches are, and the listing's word stood in for both.  (With the Hub's
    description kept by the online check, the branches are read back, as online: the
    checkpoints are seen; here, a cache filled by an osai that kept none.)"""
    check(PYTHIA)  # the cache now holds it

    def offline_warning() -> str:
        env = {"HF_ENDPOINT": "http://127.0.0.1:9"}
        result = run_osai("check", PYTHIA, "--offline", "--format", "json", env=env)
        assert result.code == 0, result.stderr
        target = json.loads(result.stdout)["targets"][0]
        (warning,) = [
            f for f in findings(target, "warning") if "Model Openness Tool" in f["message"]
        ]
        message: str = warning["message"]
        return message

    assert "Model parameters (Intermediate)" not in offline_warning()  # the branches kept
    shutil.rmtree(Path(os.environ["OSAI_CACHE_DIR"]))
    message = offline_warning()
    assert (
        "neither the repository's card nor what it links to shows them (read offline, from the "
        "local cache: the repository's files and branches were not listed): " in message
    ), message
    assert "Model parameters (Intermediate)" in message


def test_what_the_listing_claims_is_said_unseen_only_where_osai_looked() -> None:
    """With --no-follow, the card's links are not read: the warning said "neither the repository
    nor what its card links to shows them" of links never opened.  A repository whose files the
    Hub lists (Mistral-7B-v0.1), its links read, keeps the plain wording."""
    target, _ = check(PYTHIA, "--no-follow")
    (warning,) = [f for f in findings(target, "warning") if "Model Openness Tool" in f["message"]]
    assert (
        "and the repository's card does not show them (the repository's files were not listed; "
        "the 5 resources its card links to were not read): " in warning["message"]
    ), warning["message"]
    # Grok-1's card links one resource: it read "the 1 resource its card links to were not read".
    target, _ = check("xai-org/grok-1", "--no-follow")
    (warning,) = [f for f in findings(target, "warning") if "Model Openness Tool" in f["message"]]
    assert "; the one resource its card links to was not read): " in warning["message"], warning[
        "message"
    ]
    target, _ = check("mistralai/Mistral-7B-v0.1")
    (warning,) = [f for f in findings(target, "warning") if "Model Openness Tool" in f["message"]]
    assert (
        "and neither the repository nor what its card links to shows them: Model architecture"
        in warning["message"]
    ), warning["message"]


def test_a_licence_the_listing_and_the_card_disagree_on_shows_both_and_keeps_the_stricter(
    hub: LoopbackHub,
) -> None:
    """The MOT says Mistral-7B's weights are Apache-2.0; here the card says llama2."""
    data = fixture("mistralai__Mistral-7B-v0.1")
    data["cardData"]["license"] = "llama2"
    hub.add_repo(data)
    target, _ = check("mistralai/Mistral-7B-v0.1")
    (conflict,) = [
        f for f in findings(target, "conflict") if f["component"] == "model-parameters-final"
    ]
    message = conflict["message"]
    assert "the Model Openness Tool listing says licence 'Apache-2.0'" in message
    assert "mot:models/Mistral-7B-v0.1.yml" in message
    # The card's spelling, and what osai read it as.
    kept = "'llama2' (LicenseRef-llama2)"
    assert f"says {kept}; osai keeps the more restrictive, {kept}" in message
    # each place once, the licence found there after it (not "README.md:2 = llama2 says 'llama2'")
    assert f"(mot:models/Mistral-7B-v0.1.yml:25) but README.md:2 says {kept};" in message
    assert [e["source"] for e in conflict["evidence"]] == ["mot", "hub"]
    assert component(target, "model-parameters-final")["licence"]["text"] == "llama2"
    assert framework(target, "osaid")["outcome"] == "not-conformant"


def test_a_component_the_listing_omits_and_the_repository_shows_is_a_conflict() -> None:
    """Mistral-7B's MOT file lists no model card (by the MOF's convention: not released); the
    Hub serves one.  A listing that merely omits it does not outweigh a card there to see."""
    target, _ = check("mistralai/Mistral-7B-v0.1")
    (conflict,) = [f for f in findings(target, "conflict") if f["component"] == "model-card"]
    assert "the Model Openness Tool listing does not list it" in conflict["message"]
    assert "but the Hub repository found it (README.md" in conflict["message"]
    assert conflict["message"].endswith(
        "osai keeps 'released': it is there to see — correct whichever is wrong"
    )
    assert component(target, "model-card")["presence"] == "present"


def test_an_omission_against_an_inference_leaves_the_component_unknown() -> None:
    """Grok-1.yml does not list inference code (by the MOF's convention: not released); the
    linked github.com/xai-org/grok-1 has run.py beside its model code, inference code only by
    inference.  The omission won, and "Inference code not released" headed the OSAID verdict:
    neither side settles it, so it is unknown, citing both, and the conflict says so."""
    target, _ = check("xai-org/grok-1")
    (conflict,) = [f for f in findings(target, "conflict") if f["component"] == "inference-code"]
    message = conflict["message"]
    assert "the Model Openness Tool listing does not list it (mot:models/Grok-1.yml:17)" in message
    assert (
        "but the GitHub repository takes it for one, by inference (github.com/xai-org/grok-1"
        in (message)
    )
    assert "osai keeps neither: it stays unknown" in message
    inference = component(target, "inference-code")
    assert inference["presence"] == "unknown"
    assert [e["source"] for e in inference["evidence"]][:1] == ["mot"]
    assert any("run.py" in e["location"] + e["value"] for e in inference["evidence"])
    # what the listing omits and nothing shows stays as it reads: training code not released
    assert component(target, "training-code")["presence"] == "absent"
    # its requirement says the evidence is divided, not that there is none ("no evidence found")
    (requirement,) = [
        r for r in framework(target, "osaid")["requirements"] if r["id"] == "OSAID-CODE-INFERENCE"
    ]
    assert requirement["reason"] == (
        "Inference code: the evidence does not settle whether it is released; if released, it "
        "is under Apache-2.0, which would meet this"
    )
    # the text row says so before citing the listing's "(not released)" beside its "?"
    text = run_osai("check", "xai-org/grok-1", env={"COLUMNS": "80"}).stdout
    row = text[text.index("  ? Inference code ·") :]
    assert row.split("\n")[1].strip().startswith("divided, see its conflict note: Grok-1.yml:17")
    # and the links followed say what the repository showed, not that the verdict credits it
    answer = next(link["answer"] for link in target["links"] if link["url"].endswith("/grok-1"))
    assert answer.startswith("Apache-2.0; shows: ") and "credited" not in answer, answer


def test_a_dataset_the_listing_omits_and_the_card_links_names_each_source_in_words(
    hub: LoopbackHub,
) -> None:
    """Mistral-7B's MOT file lists no datasets; here its card names dolma, which the Hub
    serves.  The conflict named the sources by their ids ("the hub/hub-dataset evidence")."""
    data = fixture("mistralai__Mistral-7B-v0.1")
    data["cardData"]["datasets"] = ["allenai/dolma"]
    hub.add_repo(data)
    target, _ = check("mistralai/Mistral-7B-v0.1")
    (conflict,) = [f for f in findings(target, "conflict") if f["component"] == "datasets"]
    assert "but the Hub repository and the dataset's Hub card found it" in conflict["message"]


def test_a_listing_older_than_the_repositorys_last_change_is_possibly_stale(
    hub: LoopbackHub,
) -> None:
    data = fixture("EleutherAI__pythia-70m")
    data["lastModified"] = "2026-01-10T09:00:00.000Z"
    hub.add_repo(data)
    target, _ = check(PYTHIA)
    stale = [f["message"] for f in findings(target, "warning") if "stale" in f["message"]]
    assert stale == [
        # the fields' names in words: "(the file's release.date)", "(the Hub's lastModified)"
        "the Model Openness Tool listing mot:models/Pythia-70M.yml is dated 2025-11-03 (the "
        "release date the file gives); the repository last changed on 2026-01-10 (as the Hub "
        "says): the listing may be stale"
    ]
    data["lastModified"] = "2025-06-01T00:00:00.000Z"
    hub.add_repo(data)
    target, _ = check(PYTHIA)
    assert not any("stale" in f["message"] for f in target["findings"])


def test_a_renamed_repository_finds_its_listing_under_the_id_asked_for(hub: LoopbackHub) -> None:
    """The Hub answers for the old id with the repository's new one (a 307)."""
    data = fixture("EleutherAI__pythia-70m")
    data["id"] = "EleutherAI/pythia-70m-v2"
    hub.remove_repo(PYTHIA)
    hub.add_repo(data)
    hub.add_redirect(PYTHIA, "EleutherAI/pythia-70m-v2")
    target, _ = check(PYTHIA)
    notes = [f["message"] for f in findings(target, "note")]
    assert any(
        m.startswith(f"the MOT lists this repository under its former id {PYTHIA}") for m in notes
    ), notes
    assert "mot" in sources(target)


def test_a_listing_is_no_evidence_about_a_revision_other_than_the_published_one() -> None:
    """A listing names a repository, never a revision: it assessed Pythia-70M as published.
    `--revision step1000` (a checkpoint branch; a commit before the weights were uploaded, or a
    pull request's, alike) took Pythia-70M.yml's 'Model parameters (Final): released' for the
    checkpoint, with no word of the revision.  Said, never merged; main is the published one."""
    for main in ("main", "refs/heads/main"):
        published, _ = check(PYTHIA, "--revision", main)
        assert component(published, "model-parameters-final")["presence"] == "present"
        assert "mot" in sources(published)
    target, _ = check(PYTHIA, "--revision", "step1000")
    assert sources(target).isdisjoint({"mot", "eosai"})
    assert component(target, "model-parameters-final")["presence"] == "unknown"
    said = [f["message"] for f in findings(target, "note") if "mot:" in f["message"]]
    assert said == [
        "the MOT listing mot:models/Pythia-70M.yml assesses EleutherAI/pythia-70m as published, "
        "not its revision step1000: no evidence about this revision is taken from it (without "
        "--revision, osai takes its word)"
    ]
    assert not findings(target, "conflict")


def test_a_listing_giving_the_repository_as_its_page_but_of_another_model_is_only_a_note(
    hub: LoopbackHub,
) -> None:
    """The MOT's CodeGemma-7B file (version 7B) gives google/codegemma-2b as its Hugging Face
    page: taken as the 2B model's own listing, its word made every component "not released
    (assessed)" and OSAID "not conformant (assessed)"."""
    data = fixture("google-t5__t5-base")
    data["id"] = "google/codegemma-2b"
    hub.add_repo(data)
    target, _ = check("google/codegemma-2b", "--no-follow")
    assert "mot" not in sources(target)
    notes = [f["message"] for f in findings(target, "note")]
    assert any(
        m.startswith("the MOT listing mot:models/CodeGemma-7B.yml (MOT snapshot ")
        and "gives this repository as its Hugging Face page, but is of CodeGemma-7B (version 7B)"
        in m
        for m in notes
    ), notes
    assert not [f for f in findings(target, "conflict") if "MOT" in f["message"]]


# --- the EOSAI entry: assessed ------------------------------------------------------------------


def test_an_eosai_entry_is_assessed_evidence_with_its_grade_link_and_notes() -> None:
    """BLOOM is the base model of EOSAI's bloomz entry: its base-model grades are about it."""
    target, _ = check("bigscience/bloom")
    datasets = component(target, "datasets")
    graded = next(e for e in datasets["evidence"] if e["source"] == "eosai")
    assert graded["certainty"] == "assessed"
    assert graded["location"] == "eosai:bloomz.yaml"
    assert graded["value"].startswith("datasources_basemodel: open (")
    assert "EOSAI Base Model Data: open" in graded["note"]
    # the index's note is a sentence: the snapshot follows as one ("preprint.; assessed" did not)
    assert re.search(
        r"in repo and preprint\. Assessed as of the snapshot \w+ of [\d-]+$", graded["note"]
    ), graded["note"]
    fact = next(
        r
        for r in framework(target, "osaid")["requirements"]
        if r["id"] == "OSAID-DATA-PUBLIC-SOURCES"
    )
    # met by the datasets component as well, which the MOT listing says is released: as surely
    # as the surest branch of the rule (both public assessments: assessed)
    assert (fact["status"], fact["certainty"]) == ("met", "assessed")


def test_the_base_model_is_not_credited_with_what_the_index_found_for_the_end_model() -> None:
    """bloomz.yaml's Training Code (github.com/bigscience-workshop/xmtf) and Datasheet (xP3) are
    BLOOMZ's fine-tuning code and data: BLOOM's training code, preprocessing code, data card and
    paper do not cite them, and nothing the MOT says of BLOOM is contradicted by them."""
    target, _ = check("bigscience/bloom")
    for component_id in ("training-code", "data-preprocessing-code", "data-card", "research-paper"):
        cited = component(target, component_id)["evidence"]
        assert "eosai" not in {e["source"] for e in cited}, component_id
    assert not [f for f in findings(target, "conflict") if "eosai" in f["message"]]
    eosai_values = [
        e["value"] for c in target["components"] for e in c["evidence"] if e["source"] == "eosai"
    ]
    assert sorted(v.split(":")[0] for v in eosai_values) == [
        "datasources_basemodel",
        "weights_basemodel",
    ]
    notes = [f["message"] for f in findings(target, "note")]
    assert any("only its base-model grades apply" in m for m in notes)


@pytest.mark.parametrize(
    ("repo_id", "said"),
    [
        # CogVideoX.yaml names "CogVideoX-5b" as its base model and grades base-model weights at
        # zai-org/CogVideoX-2b: zai-org/CogVideoX-5b was credited with parameters present there
        (
            "zai-org/CogVideoX-5b",
            (
                "EOSAI gives the base model of eosai:CogVideoX.yaml (CogVideoX; ",
                "as 'CogVideoX-5b', its weights at https://huggingface.co/zai-org/CogVideoX-2b",
                "its base-model grades are not taken as this repository's",
            ),
        ),
        # dolly.yaml names databricks/dolly-v2-12b as its system and end model, and grades its
        # end-model weights at databricks/dolly-v2-7b: dolly-v2-12b was credited with its
        # end-model and system grades
        (
            "databricks/dolly-v2-12b",
            (
                "EOSAI gives the end model of eosai:dolly.yaml (Dolly; ",
                "its weights at https://huggingface.co/databricks/dolly-v2-7b",
                "its end-model and system grades are not taken as this repository's",
            ),
        ),
    ],
)
def test_an_entry_whose_weights_link_names_another_repository_is_only_a_note(
    hub: LoopbackHub, repo_id: str, said: tuple[str, str, str]
) -> None:
    data = fixture("google-t5__t5-base")
    data["id"] = repo_id
    hub.add_repo(data)
    target, _ = check(repo_id, "--no-follow")
    assert "eosai" not in sources(target)
    assert "eosai" not in {f["evidence"]["source"] for f in target["facts"]}
    notes = [f["message"] for f in findings(target, "note")]
    start, *within = said
    assert any(m.startswith(start) and all(w in m for w in within) for m in notes), notes


def test_eosai_open_weights_against_a_gate_on_the_hub_is_a_conflict() -> None:
    """Apertus-70B-2509 is the base model of EOSAI's Apertus entry, which grades its weights
    open (freely available); the Hub's access form asks for name, country and affiliation.
    The entry yields to the repository (it assesses a model built on this one): the Hub's word
    comes first, and stays."""
    target, _ = check("swiss-ai/Apertus-70B-2509")
    (conflict,) = [f for f in findings(target, "conflict") if "obtained" in f["message"]]
    assert conflict["message"].startswith(
        "How the weights can be obtained: the Hub repository says 'personal-data' (README.md:"
    )
    assert "eosai:Apertus.yaml" in conflict["message"]
    assert conflict["message"].endswith(
        "says 'ungated'; osai keeps the more restrictive, 'personal-data'"
    )
    assert [e["source"] for e in conflict["evidence"]] == ["hub", "eosai"]
    # The Hub lists no files: the grade adds the weights, the card's licence stays theirs.
    weights = component(target, "model-parameters-final")
    assert (weights["presence"], weights["licence"]["evidence"]["source"]) == ("present", "hub")
    assert "eosai" in {e["source"] for e in weights["evidence"]}


def test_eosai_closed_weights_the_hub_serves_is_a_conflict_and_the_weights_stay_released(
    hub: LoopbackHub,
) -> None:
    """EOSAI grades Llama 3.1's end-model weights closed (they are gated, which its own rule
    calls partial); a repository serving the weights contradicts it.  The grade outweighed the
    weight files osai saw: OSAID read "not conformant (assessed) — Model parameters (Final) not
    released".  A third party's word does not overrule what is there to see; the conflict
    still shows both."""
    data = fixture("meta-llama__Llama-2-7b-hf")
    data["id"] = "meta-llama/Meta-Llama-3.1-405B-Instruct"
    hub.add_repo(data)
    target, _ = check("meta-llama/Meta-Llama-3.1-405B-Instruct")
    (conflict,) = [
        f for f in findings(target, "conflict") if f["component"] == "model-parameters-final"
    ]
    assert conflict["message"].startswith(
        "Model parameters (Final): the European Open Source AI Index says not released "
        "(eosai:llama-3.1.yaml:49 = weights_endmodel: closed)"
    )
    assert "but the Hub repository found it" in conflict["message"]
    assert conflict["message"].endswith(
        "osai keeps 'released': it is there to see — correct whichever is wrong"
    )
    weights = component(target, "model-parameters-final")
    assert weights["presence"] == "present"
    assert [e["source"] for e in conflict["evidence"]] == ["eosai", "hub"]  # both cited
    parameters = next(
        r for r in framework(target, "osaid")["requirements"] if r["id"] == "OSAID-PARAMETERS"
    )
    assert parameters["status"] == "unmet"  # on the card's licence, which osai read itself
    assert parameters["certainty"] == "detected"


def test_an_entry_matched_by_name_yields_to_the_listing_naming_the_repository() -> None:
    """deepseek-R1.yaml is matched by its end model's name (its system.link is DeepSeek-R1-0528):
    its system.endmodellicense, the DeepSeek License, contradicts the MOT listing that names
    deepseek-ai/DeepSeek-R1 (MIT), and the entry's own licences note ("Weights: MIT").  The
    report shows both; the listing naming the repository stays, though it is the less
    restrictive."""
    target, _ = check("deepseek-ai/DeepSeek-R1")
    weights = component(target, "model-parameters-final")
    assert weights["licence"]["evidence"]["source"] == "mot"
    assert weights["licence"]["evidence"]["location"] == "mot:models/DeepSeek-R1.yml"
    assert {e["source"] for e in weights["evidence"]} == {"mot", "eosai"}  # still corroborates
    (conflict,) = [
        f for f in findings(target, "conflict") if f["component"] == "model-parameters-final"
    ]
    assert conflict["message"].startswith(
        "Model parameters (Final): the Model Openness Tool listing says licence 'MIT'"
    )
    # the place, then the licence found there, once ("… = DeepSeek License Agreement says
    # 'DeepSeek License Agreement'" said it twice)
    assert (
        "but eosai:deepseek-R1.yaml:27 says 'DeepSeek License Agreement' (LicenseRef-deepseek);"
        in conflict["message"]
    )
    assert conflict["message"].endswith(
        "osai keeps 'MIT', not the more restrictive: eosai:deepseek-R1.yaml matched by its end "
        "model's name and end-model weights link, not by its system link"
    )
    parameters = next(
        r for r in framework(target, "osaid")["requirements"] if r["id"] == "OSAID-PARAMETERS"
    )
    assert parameters["status"] == "met"
    assert target["source"] == "hub"  # the entry merged under the evidence is not its source


def _tied_index(data_dir: Path, open_file: str, closed_file: str) -> None:
    """An updated EOSAI snapshot in which deepseek-R1.yaml is two entries that nothing but
    their file names tells apart, one graded all open and one all closed."""
    info, entries, _ = read_snapshot(bundled_path("eosai"), "bundled")
    (r1,) = [e for e in entries if isinstance(e, EosaiEntry) and e.file == "deepseek-R1.yaml"]

    def graded(file: str, grade: Grade) -> EosaiEntry:
        parameters = {k: replace(p, grade=grade) for k, p in r1.parameters.items()}
        return replace(r1, file=file, parameters=parameters)

    copies = (graded(open_file, Grade.OPEN), graded(closed_file, Grade.CLOSED))
    rest = [e for e in entries if e is not r1]
    path = updated_path(data_dir, "eosai")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_snapshot(path, replace(info, date="2099-01-01"), [*rest, *copies])


def test_two_index_entries_alike_that_disagree_score_the_same_whichever_is_named_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`osai check deepseek-ai/DeepSeek-R1 -f eosai,osaid` with two copies of deepseek-R1.yaml,
    one graded all open and one all closed, scored 0.20 to 0.71, and 0.12 to 0.71 with the
    files' names swapped: the first by file name answered.  Now the more restrictive word
    stands whichever is first, a conflict names both, and -q names both."""
    results = []
    for index, (open_file, closed_file) in enumerate(
        (("deepseek-R1-a.yaml", "deepseek-R1-b.yaml"), ("deepseek-R1-b.yaml", "deepseek-R1-a.yaml"))
    ):
        data_dir = tmp_path / str(index)
        _tied_index(data_dir, open_file, closed_file)
        monkeypatch.setenv("OSAI_DATA_DIR", str(data_dir))
        target, _ = check("deepseek-ai/DeepSeek-R1", "-f", "eosai,osaid")
        verdicts = [
            (f["id"], f["outcome"], [(r["id"], r["status"], r["grade"]) for r in f["requirements"]])
            if "grade" in f["requirements"][0]
            else (f["id"], f["outcome"], [(r["id"], r["status"]) for r in f["requirements"]])
            for f in target["frameworks"]
        ]
        results.append(verdicts)
        training = next(
            f for f in findings(target, "conflict") if f["message"].startswith("Training code: ")
        )
        cited = {e["location"] for e in training["evidence"]}
        assert cited == {"eosai:deepseek-R1-a.yaml", "eosai:deepseek-R1-b.yaml"}, training
        assert f"{closed_file}:58 = trainingcode: closed" in training["message"]
    assert results[0] == results[1]
    assert framework(target, "eosai")["outcome"] == "0.08 to 0.71"  # the closed entry's word
    quiet = run_osai("check", "deepseek-ai/DeepSeek-R1", "-f", "eosai", "-q")
    assert quiet.code == 0, quiet.stderr
    # -q credits the index once, counting both entries (the names are in -v and JSON)
    assert "EOSAI (2 listings; CC-BY-4.0," in " ".join(quiet.stdout.split())


def _tied_listings(data_dir: Path, apache_file: str, non_commercial_file: str) -> None:
    """An updated MOT snapshot in which Pythia-70M.yml is two files equal in model name and
    date (neither named as the repository), one under Apache-2.0, one under CC-BY-NC-4.0."""
    info, entries, _ = read_snapshot(bundled_path("mot"), "bundled")
    (pythia,) = [
        e for e in entries if isinstance(e, MotEntry) and e.file == "models/Pythia-70M.yml"
    ]
    licensed = "      name: Apache-2.0\n"
    assert licensed in pythia.text
    non_commercial = pythia.text.replace(licensed, "      name: CC-BY-NC-4.0\n")
    copies = (
        replace(pythia, file=apache_file),
        replace(pythia, file=non_commercial_file, text=non_commercial),
    )
    path = updated_path(data_dir, "mot")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_snapshot(
        path, replace(info, date="2099-01-01"), [*(e for e in entries if e is not pythia), *copies]
    )


def test_two_mot_files_alike_that_disagree_give_one_verdict_whichever_is_named_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two MOT files named Pythia-70M and dated alike, one under Apache-2.0 and one under
    CC-BY-NC-4.0: `osai check EleutherAI/pythia-70m -f osaid` was not demonstrated, and not
    conformant with the files' names swapped.  Now the more restrictive licence stands
    whichever is first, and -q names both files."""
    outcomes = []
    for index, files in enumerate(
        (
            ("models/A-Pythia.yml", "models/B-Pythia.yml"),
            ("models/B-Pythia.yml", "models/A-Pythia.yml"),
        )
    ):
        data_dir = tmp_path / str(index)
        _tied_listings(data_dir, *files)
        monkeypatch.setenv("OSAI_DATA_DIR", str(data_dir))
        target, _ = check(PYTHIA, "-f", "osaid")
        osaid = framework(target, "osaid")
        outcomes.append((osaid["outcome"], [(r["id"], r["status"]) for r in osaid["requirements"]]))
        assert component(target, "model-parameters-final")["licence"]["text"] == "CC-BY-NC-4.0"
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == "not-conformant"
    quiet = run_osai("check", PYTHIA, "-f", "osaid", "-q")
    assert quiet.code == 0, quiet.stderr
    assert "public assessments used: MOT (2 listings; MIT)" in " ".join(quiet.stdout.split())


def test_a_family_match_is_said_and_never_evidence() -> None:
    """OLMo-7B is not EOSAI's OLMo entry (that grades allenai/OLMo-2-...): a note, no evidence."""
    target, _ = check("allenai/OLMo-7B")
    notes = [f["message"] for f in findings(target, "note")]
    assert any(m.startswith("EOSAI assesses the OLMo family (allenai/OLMo-*)") for m in notes)
    assert any("no evidence about this repository is taken from it" in m for m in notes)
    assert "eosai" not in sources(target)


def test_a_model_no_database_lists_is_judged_as_before() -> None:
    with_them, _ = check("google-t5/t5-base")
    without, _ = check("google-t5/t5-base", "--no-public-assessments")
    assert with_them["components"] == without["components"]
    assert with_them["frameworks"] == without["frameworks"]


# --- hostile entries: skipped with one warning each, the check answers ----------------------------


def test_hostile_entries_in_an_updated_snapshot_are_each_one_warning_and_the_check_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = mot_tree()
    for name in ("alias-bomb.yml", "python-tag.yml", "wrong-types.yml"):
        tree[f"models/{name}"] = Member((FIXTURES / "hostile" / name).read_bytes())
    tree["models/fifty-megabytes.yml"] = Member(
        b"release:\n" + b"  padding: xxxxxxxx\n" * 2_700_000
    )
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(tree, "model_openness_tool-HEAD", "ab" * 20)
        outcome = update_database(
            load_ruleset(), tmp_path, "mot", loopback_download, codeload_base=server.url
        )
    assert outcome.updated, outcome.message
    monkeypatch.setenv("OSAI_DATA_DIR", str(tmp_path))
    target, result = check(PYTHIA)
    warnings = result.stderr.splitlines()
    assert all(line.startswith("osai: warning: mot:models/") for line in warnings), warnings
    skipped = sorted(line.split("mot:models/")[1].split(":")[0] for line in warnings)
    assert "skipped (line 4: release.name: expected text, found a list; line 8: " in (result.stderr)
    assert skipped == [
        "alias-bomb.yml",
        "fifty-megabytes.yml",
        "python-tag.yml",
        "wrong-types.yml",
    ]
    assert "mot" in sources(target)  # the rest of the snapshot still answers
    quiet = run_osai("check", PYTHIA, "--no-public-assessments", "--format", "json")
    assert "warning" not in quiet.stderr


def test_the_index_beside_osais_grades_says_when_its_entry_was_also_evidence() -> None:
    target, _ = check("bigscience/bloom", "-f", "eosai")
    reference = framework(target, "eosai")["reference"]
    assert reference["entry"] == "eosai:bloomz.yaml"
    assert (
        "osai's grades here rest partly on this entry, merged as evidence"
        in (reference["how_matched"])
    )
    independent, _ = check("bigscience/bloom", "-f", "eosai", "--no-public-assessments")
    assert "rest partly" not in framework(independent, "eosai")["reference"]["how_matched"]


def test_a_repository_asked_for_by_a_former_id_is_compared_with_the_entry_merged(
    hub: LoopbackHub,
) -> None:
    """The comparison beside osai's grades finds the entry the evidence merge found: by the id
    the Hub answered under, not only the id asked for."""
    hub.add_redirect("bigscience/bloom-176b", "bigscience/bloom")
    target, _ = check("bigscience/bloom-176b", "-f", "eosai")
    assert "eosai" in sources(target)  # merged as evidence
    reference = framework(target, "eosai")["reference"]
    assert reference["entry"] == "eosai:bloomz.yaml"
    assert "rest partly on this entry" in reference["how_matched"]


EOSAI_ATTRIBUTION = (
    "https://osai-index.eu/",
    "doi:10.5281/zenodo.15386042",
    "doi:10.1145/3630106.3659005",
    "CC-BY-4.0",
)


def test_a_report_that_shows_the_indexs_grades_and_notes_carries_its_attribution() -> None:
    """The index's data is CC-BY-4.0, reused on the condition that it is cited (a link to
    osai-index.eu, the DOI of its files, the FAccT paper). A report showed its grades and its
    experts' notes word for word, with only 'CC-BY-4.0' beside the index's name: a report
    published as it is (a PR comment, a JSON artefact) reused the data without the citation."""
    target, _ = check("bigscience/bloom", "-f", "eosai")
    note = next(f["message"] for f in target["findings"] if "eosai:bloomz.yaml" in f["message"])
    reference = framework(target, "eosai")["reference"]
    for words in EOSAI_ATTRIBUTION:
        assert words in note, note  # merged as evidence: its notes are in the evidence
        assert words in reference["attribution"], reference
    independent, _ = check("bigscience/bloom", "-f", "eosai", "--no-public-assessments")
    assert framework(independent, "eosai")["reference"]["attribution"] == reference["attribution"]
    shown = run_osai("check", "bigscience/bloom", "-f", "eosai", "-v", "--format", "markdown")
    assert shown.code == 0, shown.stderr
    flat = " ".join(shown.stdout.replace("\\", "").split())
    for words in EOSAI_ATTRIBUTION:
        assert words in flat, words
    # a terminal: the citation in one clause, and where the full one is
    shown = run_osai("check", "bigscience/bloom", "-f", "eosai", "-v")
    flat = " ".join(shown.stdout.split())
    assert "Liesenfeld and Dingemanse (2024), CC-BY-4.0 (`osai db status` gives the full" in flat


def test_a_repositorys_own_licence_outweighs_a_listings_word_when_neither_is_stricter() -> None:
    """Pythia-70M.yml says its training code, in github.com/EleutherAI/gpt-neox, is MIT; that
    repository's LICENSE says Apache-2.0.  Neither is more restrictive, and osai kept the
    listing's MIT: the report (and a BOM written from it) said gpt-neox was MIT-licensed.  What
    the release itself says wins over a third party's assessment; a stricter listing still wins."""
    target, _ = check(PYTHIA)
    training = component(target, "training-code")
    assert training["licence"]["text"] == "Apache-2.0"
    assert training["licence"]["evidence"]["location"] == "github.com/EleutherAI/gpt-neox/LICENSE"
    (conflict,) = [f for f in findings(target, "conflict") if f["component"] == "training-code"]
    assert conflict["message"].endswith(
        "neither is more restrictive, so osai keeps 'Apache-2.0', what the release itself says, "
        "over the Model Openness Tool listing's word"
    )


def test_a_component_a_manifest_merely_does_not_declare_has_no_evidence_not_divided() -> None:
    """'the evidence does not settle whether it is released' was said of every component a
    manifest leaves undeclared: one "not declared" is no evidence either way, not a division."""
    result = run_osai("check", str(ROOT / "examples" / "bloom.yml"), "--format", "json")
    assert result.code == 0, result.stderr
    target = json.loads(result.stdout)["targets"][0]
    reasons = [
        r["reason"]
        for f in target["frameworks"]
        for r in f["requirements"]
        if r["id"] in ("OSAID-CODE-SUPPORTING-LIBRARIES", "MOF-C3-SAMPLE-MODEL-OUTPUTS")
    ]
    assert reasons and all("no evidence found" in reason for reason in reasons), reasons
    assert not any("does not settle" in reason for reason in reasons)


def test_the_links_note_on_an_unlicensed_dataset_does_not_deny_the_listings_licence() -> None:
    """The Hub gives the Pile no licence, and Pythia's listing gives its datasets Apache-2.0 (the
    distribution licence, inherited).  The note of the links said "the datasets' licence stays
    unknown" above a row showing Apache-2.0: it now says what the links give, and where the
    row's licence comes from."""
    target, _ = check(PYTHIA)
    assert component(target, "datasets")["licence"]["text"] == "Apache-2.0"
    (note,) = [
        f["message"]
        for f in findings(target, "note")
        if f["message"].startswith("the Hub settles no licence")
    ]
    assert "stays unknown" not in note
    assert "the links give the datasets none" in note


def test_a_listing_that_agrees_with_the_publishers_licence_does_not_weaken_it(
    linked_world: LoopbackHub,
) -> None:
    """Pythia's repository declares its training code MIT (an osai.yaml, declared); its MOT
    listing says MIT too (assessed).  The two agreeing kept the listing's word, so the verdict
    fell to assessed with the listing and stood declared without it: a `--min-certainty
    declared` gate passed or failed on whether a third party agreed.  The surer one stands,
    the other corroborating."""
    hub = linked_world
    data = fixture("EleutherAI__pythia-70m")
    data["siblings"] = [{"rfilename": name} for name in ("README.md", "osai.yaml")]
    readme = hub.readme(PYTHIA)
    hub.add_repo(data)
    if readme:
        hub.add_file(PYTHIA, "README.md", readme)
    hub.add_file(PYTHIA, "osai.yaml", (ROOT / "examples" / "pythia-70m.yml").read_text())
    for public in ((), ("--no-public-assessments",)):
        target, _ = check(PYTHIA, "--no-follow", *public)
        licence = component(target, "training-code")["licence"]
        assert (licence["text"], licence["evidence"]["certainty"]) == ("MIT", "declared"), public
        met = {
            r["id"]: (r["status"], r["certainty"])
            for f in target["frameworks"]
            for r in f["requirements"]
        }
        assert met["OSAID-CODE-TRAINING"] == ("met", "declared"), public
        assert met["MOF-C2-TRAINING-CODE"] == ("met", "declared"), public
        osaid = next(f for f in target["frameworks"] if f["id"] == "osaid")
        training = next(r for r in osaid["requirements"] if r["id"] == "OSAID-CODE-TRAINING")
        cited = {(e["source"], e["value"]) for e in training["evidence"]}
        assert (("mot", "MIT") in cited) is not bool(public), cited  # the listing corroborates


MOT_NOTICE = "Copyright 2024 The Model Openness Tool Authors"
EOSAI_CITATION = "doi:10.5281/zenodo.15386042"


@pytest.mark.parametrize(
    "form", ["text", "json", "markdown", "sarif", "junit", "github", "cyclonedx", "spdx"]
)
def test_every_format_carries_each_databases_licence_and_attribution_once(form: str) -> None:
    """Apertus-70B-2509's EOSAI grades and Pythia-70M's MOT listing are evidence.  SARIF, JUnit
    and GitHub annotations showed the EOSAI-derived conflict ('eosai:Apertus.yaml:48 =
    weights_basemodel: open') and the BOMs the components the listings establish, without the
    note carrying the index's CC-BY-4.0 citation; no format named the MOT's MIT notice."""
    verbose = ["-v"] if form == "text" else []  # a summary of two shows no evidence
    shown = run_osai("check", "swiss-ai/Apertus-70B-2509", PYTHIA, "--format", form, *verbose)
    assert shown.code == 0, shown.stderr
    flat = " ".join(shown.stdout.replace("\\", "").split())
    if form != "text":  # a terminal gives the citation in brief, and says where the rest is
        assert EOSAI_CITATION in flat, flat[-3000:]
        assert "CC-BY-4.0" in flat
    assert MOT_NOTICE in flat and "MIT" in flat, flat[-3000:]
    if form == "junit":  # one suite, its properties and its system-out
        suites = [
            suite
            for suite in ElementTree.fromstring(shown.stdout).iter("testsuite")
            if EOSAI_CITATION in ElementTree.tostring(suite, encoding="unicode")
        ]
        assert len(suites) == 1
        assert MOT_NOTICE in (suites[0].findtext("system-out") or "")
    elif form in ("sarif", "github", "cyclonedx", "spdx"):  # once per report
        assert flat.count(EOSAI_CITATION) == 1, form
        assert flat.count(MOT_NOTICE) == 1, form


@pytest.mark.parametrize(
    "form", ["text", "json", "markdown", "sarif", "junit", "github", "cyclonedx", "spdx"]
)
def test_every_format_names_the_entries_and_the_snapshot_whose_data_it_shows(form: str) -> None:
    """A BOM credited the EOSAI and the MOT (title, licence, attribution) but named neither
    Apertus.yaml nor Pythia-70M.yml, nor the snapshot they were read from, and SARIF, JUnit and
    GitHub annotations named no snapshot: a reader of the BOM could not tell which assessment
    made its components 'assessed', nor of when.  Each format now names both."""
    verbose = ["-v"] if form == "text" else []
    shown = run_osai("check", "swiss-ai/Apertus-70B-2509", PYTHIA, "--format", form, *verbose)
    assert shown.code == 0, shown.stderr
    flat = " ".join(shown.stdout.replace("\\", "").split())
    for entry, commit in (
        ("eosai:Apertus.yaml", "5a388e87"),
        ("mot:models/Pythia-70M.yml", "8b5d30e9"),
    ):
        assert entry in flat, (form, entry)
        assert commit in flat, (form, commit)
    if form == "sarif":
        given = json.loads(shown.stdout)["runs"][0]["properties"]["publicAssessments"]
        eosai = next(c for c in given if c["database"] == "eosai")
        assert eosai["entries"] == ["eosai:Apertus.yaml"]
        assert (eosai["snapshot"], eosai["snapshotDate"]) == (
            "5a388e871b88735e7ab7e6fb230b76c9d460d99a",
            "2026-06-12",
        )
    if form == "cyclonedx":
        bom = json.loads(shown.stdout)
        properties = {p["name"]: p["value"] for p in bom["metadata"]["properties"]}
        assert properties["osai:public-assessment:mot:entry"] == "mot:models/Pythia-70M.yml"
        assert properties["osai:public-assessment:mot:snapshot-date"] == "2026-05-11"


def test_a_field_named_attribution_holds_the_attribution_alone() -> None:
    """SARIF's publicAssessments[].attribution, CycloneDX's and JUnit's attribution properties
    gave 'source: European Open Source AI Index database (...)', a note's clause, where the JSON
    report's reference.attribution and the audit's summary.attribution give the attribution
    itself: a dashboard reading both showed the same database's credit two ways."""
    targets = ("swiss-ai/Apertus-70B-2509", PYTHIA)
    report = json.loads(run_osai("check", *targets, "-f", "eosai", "--format", "json").stdout)
    (cited,) = {
        f["reference"]["attribution"]
        for t in report["targets"]
        for f in t["frameworks"]
        if f.get("reference") and t["target"] == targets[0]
    }
    sarif = json.loads(run_osai("check", *targets, "--format", "sarif").stdout)
    given = {
        c["database"]: c["attribution"] for c in sarif["runs"][0]["properties"]["publicAssessments"]
    }
    assert given["eosai"] == cited
    assert given["mot"].startswith(MOT_NOTICE)
    bom = json.loads(run_osai("check", *targets, "--format", "cyclonedx").stdout)
    properties = {p["name"]: p["value"] for p in bom["metadata"]["properties"]}
    assert properties["osai:public-assessment:eosai:attribution"] == cited
    junit = ElementTree.fromstring(run_osai("check", *targets, "--format", "junit").stdout)
    named = {p.get("name"): p.get("value") for p in junit.iter("property")}
    assert named["public-assessment.eosai.attribution"] == cited
    assert named["public-assessment.mot.attribution"].startswith(MOT_NOTICE)


def test_the_json_report_names_each_databases_snapshot_and_entries_in_fields() -> None:
    """A researcher citing a cell found the snapshot's commit only inside a note's prose (415
    times in 25 targets): each target names the databases its report shows, in fields."""
    report = json.loads(
        run_osai("check", "swiss-ai/Apertus-70B-2509", "-f", "eosai", "--format", "json").stdout
    )
    (target,) = report["targets"]
    (reference,) = [f["reference"] for f in target["frameworks"] if f.get("reference")]
    given = {credit["database"]: credit for credit in target["public_assessments"]}
    eosai = given["eosai"]
    assert eosai["attribution"] == reference["attribution"]
    assert reference["entry"] in eosai["entries"]
    assert eosai["licence"] == "CC-BY-4.0"
    assert re.fullmatch(r"[0-9a-f]{40}", eosai["snapshot"]), eosai["snapshot"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", eosai["snapshot_date"])
    assert eosai["snapshot"][:8] in reference["source"]


@pytest.mark.parametrize("bom", ["cyclonedx", "spdx"])
def test_a_bom_read_back_credits_the_databases_its_writer_credited(
    bom: str, tmp_path: Path
) -> None:
    """A BOM of Apertus-70B-2509 and Pythia-70M holds the EOSAI's and the MOT's data (its parts
    assessed) with their licences and attributions; `osai check` of that BOM showed the assessed
    data in every format with no attribution: neither the note nor SARIF's publicAssessments,
    JUnit's suite or GitHub's notice, nor the BOM written of it."""
    targets = ("swiss-ai/Apertus-70B-2509", PYTHIA)
    written = run_osai("check", *targets, "--format", bom)
    assert written.code == 0, written.stderr
    path = tmp_path / f"both.{bom}.json"
    path.write_text(written.stdout, encoding="utf-8")
    original = json.loads(run_osai("check", *targets, "--format", "sarif").stdout)
    read = json.loads(run_osai("check", str(path), "--format", "sarif").stdout)
    credits = original["runs"][0]["properties"]["publicAssessments"]
    assert read["runs"][0].get("properties", {}).get("publicAssessments") == credits
    for form in ("text", "json", "markdown", "junit", "github", bom):
        verbose = ["-v"] if form == "text" else []  # a summary of two shows no notes
        shown = run_osai("check", str(path), "--format", form, *verbose)
        assert shown.code == 0, shown.stderr
        flat = " ".join(shown.stdout.replace("\\", "").split())
        assert MOT_NOTICE in flat and EOSAI_CITATION in flat, (form, flat[-3000:])
        if form in ("github", bom):  # once per report, as the check's
            assert flat.count(EOSAI_CITATION) == flat.count(MOT_NOTICE) == 1, form


def test_a_name_alike_hint_takes_an_owner_that_begins_the_producer_s_name() -> None:
    """The MOT's and the EOSAI's name-alike hints compare a repository's owner with a listing's
    producer by one rule (matching._owner_alike): either begins the other.  The MOT's asked the
    producer to begin the owner, so google/… never met 'Google DeepMind', where the EOSAI's
    compared both ways; a short or unrelated owner still meets neither."""
    from dataclasses import replace as changed

    from osai.assessments.matching import mot_named_alike
    from osai.assessments.model import MotEntry
    from osai.assessments.store import load_databases

    mot = load_databases(load_ruleset()).mot
    entry = MotEntry("models/X.yml", "Gemma-X-2B", "Google DeepMind", "", "", "release: {}\n")
    database = changed(mot, entries=(entry,))
    assert mot_named_alike(database, "google/gemma-x-2b") == (entry,)
    assert mot_named_alike(database, "googledeepmind/gemma-x-2b-hf") == (entry,)
    assert mot_named_alike(database, "go/gemma-x-2b") == ()
    assert mot_named_alike(database, "someone/gemma-x-2b") == ()


def test_a_listing_s_unlicensed_yields_to_the_licence_the_repository_states() -> None:
    """Qwen2.5-7B's MOT listing gives its model card `unlicensed`, the README whose
    `license: apache-2.0` covers it: the headline said "Model card released with no licence",
    false to the card.  The MOT's own files also write `unlicensed` for their migrated "License
    not specified" (rules/detection.yaml `assessed_unstated`): the stated licence stands, and the
    listing's word is said beside it, as a conflict still (osai audit lists it)."""
    target, _ = check("Qwen/Qwen2.5-7B")
    card = component(target, "model-card")
    assert card["licence"]["text"] == "apache-2.0"
    assert card["licence"]["evidence"]["source"] == "hub"
    (conflict,) = [f for f in findings(target, "conflict") if f["component"] == "model-card"]
    assert conflict["message"] == (
        "Model card: the Model Openness Tool listing says licence 'unlicensed' "
        "(mot:models/Qwen2.5-7B.yml:45) but README.md:2 says 'apache-2.0' (Apache-2.0); osai "
        "keeps 'apache-2.0' (Apache-2.0): the Model Openness Tool listing's 'unlicensed' may "
        "only mean it states no licence"
    )
    mof = {r["id"]: r["status"] for r in framework(target, "mof")["requirements"]}
    assert mof["MOF-C3-MODEL-CARD"] == "met"
