"""Following a card's links: GitHub code, Hub datasets, arXiv papers and base models, read from
loopback servers that speak the real APIs (tests/loopback_github.py, tests/loopback_arxiv.py,
tests/loopback_hub.py; fixtures in tests/fixtures/links and tests/fixtures/hub, see their
PROVENANCE.md).  Every check runs the command line in process, as a user would."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from clirunner import ROOT, Result, run_osai
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub

PYTHIA = "EleutherAI/pythia-70m"
HUB_FIXTURES = ROOT / "tests" / "fixtures" / "hub" / "models"
LINKS = ROOT / "tests" / "fixtures" / "links"
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens, a connection is refused
NEOX = "https://github.com/EleutherAI/gpt-neox"


@pytest.fixture(autouse=True)
def _hub_endpoint(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point osai at the loopback Hub when the test runs one."""
    if "hub" in request.fixturenames:
        monkeypatch.setenv("HF_ENDPOINT", request.getfixturevalue("hub").endpoint)


def check(*args: str, code: int | None = 0) -> dict[str, Any]:
    """The check's JSON report, on what the repository and its links show: Pythia's Model
    Openness Tool listing would settle what these tests ask the links (tests/test_public.py)."""
    result = run_osai("check", *args, "--no-public-assessments", "--format", "json")
    if code is not None:
        assert result.code == code, result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target


def component(target: dict[str, Any], component_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in target["components"] if c["id"] == component_id)
    return found


def requirement(target: dict[str, Any], requirement_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        r for f in target["frameworks"] for r in f["requirements"] if r["id"] == requirement_id
    )
    return found


def messages(target: dict[str, Any], kind: str | None = None) -> list[str]:
    return [f["message"] for f in target["findings"] if kind is None or f["kind"] == kind]


def links(target: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {link["url"]: link for link in target["links"]}


def model(hub: LoopbackHub, repo_id: str, card: dict[str, Any], outline: list[Any]) -> str:
    """A model repository on the loopback Hub whose README has this front matter and body."""
    return hub.add_repo({"id": repo_id, "cardData": card, "readme_outline": outline})


def heading(text: str, level: int = 2) -> dict[str, Any]:
    return {"kind": "heading", "level": level, "text": text}


def link(text: str, url: str) -> dict[str, Any]:
    return {"kind": "link", "text": text, "url": url}


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HUB_FIXTURES / f"{name}.json").read_text("utf-8"))
    return data


# --- a Hub model follows its links by default -------------------------------------------------


def test_a_hub_model_is_judged_on_what_its_links_show(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Pythia's training code is on GitHub (EleutherAI/gpt-neox, Apache-2.0); the card's
    datasets, paper and code links are read, each listed with what it answered."""
    target = check(PYTHIA)
    followed = links(target)
    assert followed["https://github.com/EleutherAI/gpt-neox"]["answer"].startswith("Apache-2.0")
    assert "https://arxiv.org/abs/2304.01373" in followed
    assert "https://huggingface.co/datasets/EleutherAI/pile" in followed
    training = component(target, "training-code")
    assert training["presence"] == "present"
    assert training["licence"]["text"] == "Apache-2.0"
    assert training["evidence"][0]["location"] == "github.com/EleutherAI/gpt-neox"
    met = requirement(target, "OSAID-CODE-TRAINING")
    # the card links gpt-neox with no role; its README's headings name the training code and its
    # files show it: detected, whatever the card's own weaker mention of training code
    assert (met["status"], met["certainty"]) == ("met", "detected")
    # Pythia is OSI-validated: with its links it is short of what the fixture lacks (the Hub's
    # file listing, so the weights), nothing violated; and of what the links do not show: the
    # card lists the Pile, whose card states no licence, so nothing shows that no third-party or
    # unshareable data was used (rules/inference.yaml).
    osaid = next(f for f in target["frameworks"] if f["id"] == "osaid")
    unknown = [r["id"] for r in osaid["requirements"] if r["required"] and r["status"] != "met"]
    assert unknown == [
        "OSAID-PARAMETERS",
        "OSAID-DATA-THIRD-PARTY-SOURCES",
        "OSAID-DATA-UNSHAREABLE",
    ]
    assert github.find_requests(r"^/repos/EleutherAI/gpt-neox/git/trees/")
    assert any("GetRecord" in r.line for r in arxiv.requests)


def test_code_in_several_linked_repositories_is_under_all_their_licences_each_cited(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Pythia's evaluation code is in three linked repositories: pythia and gpt-neox
    (Apache-2.0) and lm-evaluation-harness (MIT).  All apply, and the licence cites each file,
    not only the first's (it said "pythia/LICENSE = Apache-2.0" for "Apache-2.0 AND MIT")."""
    licence = component(check(PYTHIA), "evaluation-code")["licence"]
    assert licence["text"] == "Apache-2.0 AND MIT"
    assert licence["evidence"]["location"].split(", ") == [
        "github.com/EleutherAI/pythia/LICENSE",
        "github.com/EleutherAI/gpt-neox/LICENSE",
        "github.com/EleutherAI/lm-evaluation-harness/LICENSE.md",
    ]
    assert licence["evidence"]["value"] == "Apache-2.0 AND MIT"


def test_a_repository_linked_for_several_roles_names_them_as_a_list(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """OLMo-7B's card links allenai/OLMo for the training and the inference code; its files
    also hold the supporting libraries, credited as "linked for the training code, inference
    code, which holds it": a list broken off, not one."""
    notes = [e["note"] for e in component(check("allenai/OLMo-7B"), "supporting-libraries")[
        "evidence"] if e["location"] == "github.com/allenai/OLMo"]  # fmt: skip
    assert notes and notes[0].startswith(
        "linked for the training code and inference code, which holds it (README.md:"
    ), notes


def test_a_repository_the_card_labels_metrics_is_credited_as_evaluation_code(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Amber's card links LLM360/Analysis360 as "[Metrics]" under a section nested in "Amber
    Training Details".  It was taken as linked for the training code (the heading's word) and
    credited with it for analysis/unlearning/methods/training.py, an unlearning experiment;
    its evaluation scripts (single_ckpt_ppl_eval.py) went unseen."""
    analysis = "https://github.com/LLM360/Analysis360"
    target = check("LLM360/Amber")
    assert links(target)[analysis]["answer"] == "Apache-2.0; shows: evaluation code"
    training = component(target, "training-code")["evidence"]
    assert [e["location"] for e in training if e["source"] == "github"] == [
        "github.com/LLM360/amber-train"
    ]
    (evaluation,) = component(target, "evaluation-code")["evidence"][:1]
    assert evaluation["location"] == "github.com/LLM360/Analysis360", evaluation
    assert evaluation["note"].startswith("linked for it (README.md:")
    assert evaluation["value"].endswith("_eval.py"), evaluation


def test_a_repository_linked_for_a_role_cites_the_link_that_names_that_role(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Pythia's card mentions EleutherAI/pythia for its training procedure (line 32), its
    quickstart (67) and its evaluations (101).  The evaluation code pythia's files show was
    "linked for it (README.md:32 = …)", the first mention: the line a user opened spoke of
    training, not of evaluation."""
    target = check(PYTHIA)
    (evaluation,) = [e for e in component(target, "evaluation-code")["evidence"]
                     if e["location"] == "github.com/EleutherAI/pythia"]  # fmt: skip
    assert evaluation["note"].startswith(
        "linked for it (README.md:101 = https://github.com/EleutherAI/pythia"
    ), evaluation


def test_a_data_section_that_only_points_at_the_dataset_is_no_data_card(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """OLMo-7B's "Data" section says only where its training data is: "Training data: Dolma"
    and a link to Dolma's Hub page.  The link's address made it 115 characters, past the 80 a
    data section needs (a reader sees 67): the pointer was a data card, and met OSAID's complete
    description of all training data and MOF Class III's data card.  The description is Dolma's
    own card, which the link reads for its licence only: unknown, while Dolma, under ODC-By,
    still lists the public data under open terms."""
    target = check("allenai/OLMo-7B")
    assert component(target, "data-card")["presence"] == "unknown"
    assert requirement(target, "OSAID-DATA-DESCRIPTION")["status"] == "unknown"
    assert requirement(target, "MOF-C3-DATA-CARD")["status"] == "unknown"
    assert requirement(target, "OSAID-DATA-INFORMATION-TERMS")["status"] == "met"
    assert requirement(target, "OSAID-DATA-PUBLIC-SOURCES")["status"] == "met"
    # a section that describes the data keeps its links and is still one (Pythia's "Training
    # data": the Pile's size, sources and where to get it, beside five links)
    pythia = component(check(PYTHIA), "data-card")
    assert pythia["presence"] == "present"
    assert pythia["evidence"][0]["value"].startswith("section 'Training data' (")


def test_a_licence_read_from_a_linked_dataset_card_is_cited_once(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """OLMo-7B's datasets are ODC-By-1.0 on dolma's card: the evidence named the card, then
    said a bare "licence" (read where?), then the card's address a second time."""
    text = run_osai("check", "allenai/OLMo-7B", "--no-public-assessments", env={"COLUMNS": "300"})
    (row,) = [line for line in text.stdout.splitlines() if line.startswith("  Datasets ")]
    dolma = "https://huggingface.co/datasets/allenai/dolma"
    assert f"{dolma} card metadata license (detected) · README.md:4 (detected) " in row, row
    assert row.count(dolma) == 1 and "· licence" not in row, row


def test_no_follow_on_a_hub_model_says_the_links_would_settle_more(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """OLMo-7B with --no-follow: the way to settle what is unknown pointed only at a manifest
    or the producer, not at the five links its card gives (which settle five unknowns)."""
    result = run_osai("check", "allenai/OLMo-7B", "--no-follow", env={"COLUMNS": "300"})
    (hint,) = [line for line in result.stdout.splitlines() if "to settle what is unknown" in line]
    assert "drop --no-follow to read the 5 links its card gives; --manifest FILE" in hint, hint


def test_no_follow_reads_the_hub_only(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    target = check(PYTHIA, "--no-follow")
    assert target["links"] == []
    # links[] lists what was asked: the count says the card gave more (the text's "its 4 links")
    assert target["links_not_followed"] > 0 and target["links_left_out"] == 0
    assert github.requests == [] and arxiv.requests == []
    # the card links code for training (inferred), with no licence known for it
    assert component(target, "training-code")["licence"] is None
    assert requirement(target, "OSAID-CODE-TRAINING")["status"] == "unknown"


def test_the_cap_reads_the_producers_code_first_and_says_what_was_left(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    target = check(PYTHIA, "--max-links", "1")
    assert [link["kind"] for link in target["links"]] == ["producer-code"]
    assert any("not read (the --max-links cap)" in m for m in messages(target))
    # a dashboard counting links[] alone saw "1 of 1 read", where the text says "1 of N"
    assert target["links_left_out"] >= 1 and target["links_not_followed"] == 0
    assert arxiv.requests == []


def neox_manifest(
    tmp_path: Path, repository: str = "", weights: str = "", *, paper: bool = True
) -> Path:
    """GPT-NeoX-20B's manifest, its training code declared neither way (so only a link can
    settle it), naming `repository` as its code's, and `weights` as where its final parameters
    are; `paper`: and its research paper's arXiv address (which its AI BOM's --follow reads)."""
    data = yaml.safe_load((ROOT / "examples" / "gpt-neox-20b.yml").read_text())
    release = data["release"]
    release.pop("repository", None)
    if repository:
        release["repository"] = repository
    kept = ("Training code", "Model architecture")
    release["components"] = [c for c in release["components"] if c["name"] not in kept]
    for declared in release["components"]:
        if weights and declared["name"] == "Model parameters (Final)":
            declared["component_path"] = weights
        if not paper and declared["name"] == "Research paper":
            declared.pop("component_path")
    release["unlisted_components"] = "unknown"
    path = tmp_path / ("with-repository.yml" if repository else "neox.yml")
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_manifest_follows_its_repository_only_when_asked(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    manifest = yaml.safe_load((ROOT / "examples" / "gpt-neox-20b.yml").read_text())
    release = manifest["release"]
    release["repository"] = "https://github.com/EleutherAI/gpt-neox"
    release["components"] = [c for c in release["components"] if c["name"] != "Training code"]
    release["unlisted_components"] = "unknown"  # the training code is not declared either way
    path = tmp_path / "neox.yml"
    path.write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    offline = check(str(path), code=None)
    assert github.requests == [] and offline["links"] == []
    followed = check(str(path), "--follow", code=None)
    training = component(followed, "training-code")
    assert training["presence"] == "present" and training["licence"]["text"] == "Apache-2.0"
    # linked with no role: its README's headings ("Training and Finetuning") name the role, and
    # its files show it; the data preprocessing its files show is credited only as inferred
    assert training["evidence"][0]["certainty"] == "detected"
    assert (
        'its README\'s section "Training and Finetuning" names it'
        in (training["evidence"][0]["note"])
    )
    assert github.find_requests(r"^/repos/EleutherAI/gpt-neox/readme$")
    # the manifest declares the data preprocessing code: its word comes first, and what the
    # repository's files show beside it is credited only as inferred
    preprocessing = component(followed, "data-preprocessing-code")["evidence"]
    assert preprocessing[0]["certainty"] == "declared"
    (neox,) = [e for e in preprocessing if e["location"] == "github.com/EleutherAI/gpt-neox"]
    assert neox["certainty"] == "inferred"


@pytest.mark.parametrize(
    "named", ["git@github.com:EleutherAI/gpt-neox.git", "ssh://git@github.com/EleutherAI/gpt-neox"]
)
def test_a_manifest_s_repository_in_git_s_ssh_form_is_followed(
    github: LoopbackGitHub, tmp_path: Path, named: str
) -> None:
    """`repository: git@github.com:EleutherAI/gpt-neox.git`, the form GitHub's "Code" button
    offers beside the https one: --follow read nothing and said nothing, and the training code
    stayed unknown.  It names the same repository as its web address."""
    target = check(str(neox_manifest(tmp_path, named)), "--follow", code=None)
    assert [(link["kind"], link["url"]) for link in target["links"]] == [
        ("producer-code", "https://github.com/EleutherAI/gpt-neox")
    ]
    assert component(target, "training-code")["presence"] == "present"


@pytest.mark.parametrize(
    ("named", "said"),
    [
        (
            "https://gitlab.com/EleutherAI/gpt-neox",
            "its release.repository (https://gitlab.com/EleutherAI/gpt-neox) names no GitHub "
            "repository",
        ),
        ("", "this manifest names no GitHub repository of the model's code (release.repository)"),
    ],
    ids=["gitlab", "none"],
)
def test_a_manifest_naming_no_github_repository_says_nothing_was_followed(
    github: LoopbackGitHub, tmp_path: Path, named: str, said: str
) -> None:
    """`osai check m.yml --follow` of a manifest whose code is on GitLab, or which names no
    repository, read nothing and said nothing, as an AI BOM's did: a note says why."""
    path = neox_manifest(tmp_path, named)
    followed = check(str(path), "--follow", code=None)
    (note,) = [m for m in messages(followed) if "nothing followed" in m]
    assert note.startswith(
        f"--follow: nothing followed: {said}, nor a base model by its Hub id "
        "(declarations.base_model): the links of a manifest osai follows; check the model's"
    )
    assert github.requests == [] and followed["links"] == []
    assert not any("nothing followed" in m for m in messages(check(str(path), code=None)))


def test_a_manifest_s_repository_python_cannot_parse_is_not_followed(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """`repository: https://[oops/x/y` (an IPv6 host never closed) stopped `--follow` with
    "internal error: ValueError: Invalid IPv6 URL": it names no repository, so nothing is read."""
    manifest = yaml.safe_load((ROOT / "examples" / "gpt-neox-20b.yml").read_text())
    manifest["release"]["repository"] = "https://[oops/x/y"
    path = tmp_path / "neox.yml"
    path.write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    target = check(str(path), "--follow", code=None)
    assert target["links"] == [] and github.requests == []


def test_a_card_s_github_link_that_names_no_repository_is_not_asked_for(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """Anyone's card linking https://github.com/../user sent GET {api}/user to GitHub's API
    (with GITHUB_TOKEN, when set), and https://github.com/EleutherAI/.. GET {api}/repos: a
    name GitHub cannot give is no repository, and nothing is asked."""
    card = "---\nlicense: mit\n---\n# m\n\n## Training\n\n"
    links = "https://github.com/../user and https://github.com/EleutherAI/..\n"
    (tmp_path / "README.md").write_text(card + links, encoding="utf-8")
    target = check(str(tmp_path), "--follow")
    assert github.requests == [] and target["links"] == []


def test_a_component_path_python_cannot_parse_is_no_repository(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """A component's `component_path: https://[oops/x/y`, its licence against the one its
    followed repository shows: telling whether the two name one repository ended in "internal
    error: ValueError: Invalid IPv6 URL".  It names none, so the two licences contradict."""
    manifest = yaml.safe_load((ROOT / "examples" / "gpt-neox-20b.yml").read_text())
    (training,) = [c for c in manifest["release"]["components"] if c["name"] == "Training code"]
    training.update({"component_path": "https://[oops/x/y", "license": "MIT"})
    path = tmp_path / "neox.yml"
    path.write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    target = check(str(path), "--follow")
    said = [f["message"] for f in target["findings"] if f["kind"] == "conflict"]
    assert any(m.startswith("Training code: the manifest says licence 'MIT'") for m in said)


def test_a_manifest_s_repository_that_is_a_third_party_library_releases_nothing(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """A manifest naming a listed library as its repository (mesh-transformer-jax, whose files
    hold training code and an architecture, Apache-2.0) had them credited as the producer's
    training code: a third-party library never releases a component (rules/links.yaml)."""
    github.add_readme("kingoflolz/mesh-transformer-jax", "# Mesh Transformer JAX\n\n## Training\n")
    path = neox_manifest(tmp_path, MESH_TRANSFORMER_JAX)
    target = check(str(path), "--follow", code=None)
    followed = links(target)["https://github.com/kingoflolz/mesh-transformer-jax"]
    assert (followed["kind"], followed["answer"]) == ("third-party-code", "Apache-2.0")
    for component_id in ("training-code", "model-architecture"):
        assert component(target, component_id)["presence"] == "unknown", component_id
    assert requirement(target, "MOF-C2-TRAINING-CODE")["status"] == "unknown"
    assert not github.find_requests(r"/git/trees/")  # its files are not even listed


# --- whose code it is ------------------------------------------------------------------------


def test_a_third_party_library_never_releases_a_component(
    hub: LoopbackHub, github: LoopbackGitHub
) -> None:
    """transformers implements the model, under Apache-2.0; that is a note, not the producer
    releasing its inference code or architecture."""
    repo_id = model(
        hub,
        "huggingface/tiny-tester",
        {"license": "apache-2.0"},
        [
            heading("Inference"),
            link("inference code", "https://github.com/huggingface/transformers"),
        ],
    )
    target = check(repo_id)
    assert component(target, "inference-code")["presence"] == "unknown"
    assert component(target, "model-architecture")["presence"] == "unknown"
    assert any("third-party code is linked" in m for m in messages(target, "note"))
    assert not github.find_requests(r"/git/trees/")  # its files are not even listed
    # the link's kind says whose it is: its answer does not say it again.  The answer carries
    # no licence field (tests/fixtures/links: not established): "no licence file" said of
    # transformers (Apache-2.0) what GitHub never said
    followed = links(target)["https://github.com/huggingface/transformers"]
    assert (followed["kind"], followed["answer"]) == ("third-party-code", "licence not given")


MESH_TRANSFORMER_JAX = "https://github.com/kingoflolz/mesh-transformer-jax"
MESH_README = "# Mesh Transformer JAX\n\n## Architecture and Usage\n\n## Fine-tuning\n"


def test_a_listed_library_is_the_release_of_the_model_whose_own_code_it_is(
    hub: LoopbackHub, github: LoopbackGitHub
) -> None:
    """mesh-transformer-jax is listed as third-party, so GPT-J's own training code (its card:
    "trained using Ben Wang's Mesh Transformer JAX") was only ever a note.  rules/links.yaml
    says whose own code it is (`own_code_of: [EleutherAI/gpt-j-6b]`): for GPT-J it is the
    producer's repository under the same three conditions as any other."""
    github.add_readme("kingoflolz/mesh-transformer-jax", MESH_README)
    repo_id = model(
        hub,
        "EleutherAI/gpt-j-6b",
        {"license": "apache-2.0"},
        [heading("Model Description"), link("Mesh Transformer JAX", f"{MESH_TRANSFORMER_JAX}/")],
    )
    target = check(repo_id, code=None)
    assert links(target)[MESH_TRANSFORMER_JAX]["kind"] == "producer-code"
    training = component(target, "training-code")
    assert training["presence"] == "present" and training["licence"]["text"] == "Apache-2.0"
    assert training["evidence"][0]["location"] == "github.com/kingoflolz/mesh-transformer-jax"
    assert not any("third-party code is linked" in m for m in messages(target, "note"))


def test_a_listed_library_stays_third_party_for_another_model_of_its_producer(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Polyglot-Ko's card (EleutherAI, trained with gpt-neox) links a line of mesh-transformer-
    jax to explain its rotary embeddings: the library is GPT-J's own code, not every EleutherAI
    model's, so for Polyglot-Ko it is still a third party's."""
    target = check("EleutherAI/polyglot-ko-12.8b", code=None)
    assert links(target)[MESH_TRANSFORMER_JAX]["kind"] == "third-party-code"
    assert any(
        m.startswith("third-party code is linked: github.com/kingoflolz/mesh-transformer-jax")
        for m in (" ".join(m.split()) for m in messages(target, "note"))
    )
    training = component(target, "training-code")
    assert all("mesh-transformer-jax" not in e["location"] for e in training["evidence"])


@pytest.mark.parametrize(
    ("hub_page", "kind", "presence"),
    [
        ("https://huggingface.co/EleutherAI/gpt-j-6b", "producer-code", "present"),
        ("https://huggingface.co/EleutherAI/gpt-neox-20b", "third-party-code", "unknown"),
    ],
)
def test_a_manifest_s_listed_repository_is_its_release_when_it_is_its_own_code(
    github: LoopbackGitHub, tmp_path: Path, hub_page: str, kind: str, presence: str
) -> None:
    """The Model Openness Tool's GPT-J listing names mesh-transformer-jax as its repository and
    EleutherAI/gpt-j-6b as its Hub page: GPT-J's own training code, credited from its files.
    The same repository named by GPT-NeoX-20B's manifest (same producer) releases nothing."""
    github.add_readme("kingoflolz/mesh-transformer-jax", MESH_README)
    manifest = yaml.safe_load((ROOT / "examples" / "gpt-neox-20b.yml").read_text())
    release = manifest["release"]
    release.update(repository=MESH_TRANSFORMER_JAX, huggingface=hub_page)
    kept = ("Training code", "Model architecture")
    release["components"] = [c for c in release["components"] if c["name"] not in kept]
    release["unlisted_components"] = "unknown"
    path = tmp_path / "model.yml"
    path.write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    target = check(str(path), "--follow", code=None)
    assert links(target)[MESH_TRANSFORMER_JAX]["kind"] == kind
    assert component(target, "training-code")["presence"] == presence


STABLELM_CONFIG = "https://github.com/Stability-AI/StableLM/blob/main/configs/stablelm-3b-4e1t.yml"


@pytest.mark.parametrize(
    ("repo_id", "said"),
    [
        (
            "stabilityai/stablelm-3b-4e1t",
            "github.com/Stability-AI/StableLM is linked for the training code, but this link "
            "does not show it",
        ),
        (
            "someone/stablelm-3b-copy",
            "third-party code is linked: github.com/Stability-AI/StableLM",
        ),
    ],
)
def test_stability_ai_s_stablelm_repository_is_its_own_for_its_models(
    hub: LoopbackHub, github: LoopbackGitHub, repo_id: str, said: str
) -> None:
    """StableLM-3B-4E1T's card links its config in github.com/Stability-AI/StableLM under
    "Training Procedure": Stability AI's own repository (`own_code_of: [stabilityai]`, though
    no `owners` entry maps Stability-AI to stabilityai), judged as any producer repository: its
    files (configs, evaluation results) show no training code, and it is said so.  For any other
    model it is a third party's."""
    model(
        hub,
        repo_id,
        {"license": "cc-by-sa-4.0"},
        [heading("Training Procedure"), link("GitHub repository - config", STABLELM_CONFIG)],
    )
    target = check(repo_id, code=None)
    own = repo_id.startswith("stabilityai/")
    kind = "producer-code" if own else "third-party-code"
    assert links(target)["https://github.com/Stability-AI/StableLM"]["kind"] == kind
    notes = [" ".join(m.split()) for m in messages(target, "note")]
    assert any(m.startswith(said) for m in notes), notes
    assert requirement(target, "MOF-C2-TRAINING-CODE")["status"] == "unknown"


NEOX_CARD = """---
license: apache-2.0
---
# A model

## Training

Trained with [GPT-NeoX](https://github.com/EleutherAI/gpt-neox), on
[transformers](https://github.com/huggingface/transformers).
"""


def test_a_licence_github_did_not_recognise_is_said_so_not_shown_as_noassertion(
    hub: LoopbackHub, github: LoopbackGitHub
) -> None:
    """GitHub answers `NOASSERTION` for a licence file it cannot match (pytorch's): BLOOM's
    report said "github.com/pytorch/pytorch (NOASSERTION)", GitHub's placeholder shown as if it
    were a licence's name.  It reads as what it means, in the note and the link's answer."""
    repo_id = model(
        hub,
        "huggingface/tiny-tester",
        {"license": "apache-2.0"},
        [heading("Training"), link("trained with", "https://github.com/pytorch/pytorch")],
    )
    target = check(repo_id)
    said = "a licence file GitHub did not recognise"
    notes = [" ".join(m.split()) for m in messages(target, "note")]
    assert (
        f"third-party code is linked: github.com/pytorch/pytorch ({said}), a library or tool "
        "others publish; it is not the producer's release of any component" in notes
    ), notes
    assert links(target)["https://github.com/pytorch/pytorch"]["answer"] == said
    assert "NOASSERTION" not in json.dumps(target)


def test_a_repository_github_names_no_licence_for_says_the_licence_files_it_holds(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """GitHub's NOASSERTION is also its answer for several licence files of different licences:
    DeepSeek-V3 holds LICENSE-CODE (MIT) and LICENSE-MODEL (DeepSeek's model licence), and
    DeepSeek-R1's report said of it "a licence file GitHub did not recognise", as if one file
    were unknown to GitHub.  The link names the licence files its tree lists at its root, in
    JSON, text and Markdown; a repository of one says which it is (bigscience's LICENSE)."""
    target = check("deepseek-ai/DeepSeek-R1")
    several = "GitHub names no single licence: the repository holds LICENSE-CODE and LICENSE-MODEL"
    answer = links(target)["https://github.com/deepseek-ai/DeepSeek-V3"]["answer"]
    assert answer.startswith(f"{several}; shows: "), answer
    for output in ("text", "markdown"):
        result = run_osai(
            "check", "deepseek-ai/DeepSeek-R1", "--no-public-assessments", "-v", "--format", output
        )
        assert several in " ".join(result.stdout.split()), output
    bloom = links(check("bigscience/bloom"))
    answer = bloom["https://github.com/bigscience-workshop/Megatron-DeepSpeed"]["answer"]
    assert answer.startswith("a licence file GitHub did not recognise (LICENSE); shows: ")
    # a third party's tree is not read: what GitHub's answer says, no more
    said = bloom["https://github.com/pytorch/pytorch"]["answer"]
    assert said == "a licence file GitHub did not recognise"


def test_code_whose_licence_file_github_does_not_name_says_which_file_covers_it(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """DeepSeek-V3's inference code and Megatron-DeepSpeed's training code showed a licence "?"
    and nothing said why.  GitHub names no licence for either; by its name LICENSE-CODE covers
    DeepSeek-V3's code (rules/detection.yaml licence_files), LICENSE Megatron-DeepSpeed's
    whole repository, and osai read neither (no licence text comes from GitHub): a note says
    so, and the code stays unknown, never credited the MIT DeepSeek-V3's LICENSE-CODE is."""
    target = check("deepseek-ai/DeepSeek-R1")
    notes = [" ".join(m.split()) for m in messages(target, "note")]
    assert (
        "github.com/deepseek-ai/DeepSeek-V3: GitHub names no single licence for its licence "
        "files (LICENSE-CODE and LICENSE-MODEL); by its name LICENSE-CODE covers the code it "
        "shows (model architecture and inference code), and osai did not read it, so this link "
        "gives that code no licence" in notes
    ), notes
    assert component(target, "inference-code")["licence"] is None
    assert requirement(target, "OSAID-CODE-INFERENCE")["status"] == "unknown"
    notes = [" ".join(m.split()) for m in messages(check("bigscience/bloom"), "note")]
    assert (
        "github.com/bigscience-workshop/Megatron-DeepSpeed: GitHub did not recognise its "
        "licence file, LICENSE, which covers the code it shows (model architecture, training "
        "code and supporting libraries and tools); osai did not read it, so this link gives "
        "that code no licence" in notes
    ), notes


def test_the_third_parties_code_a_card_links_is_noted_once(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """BLOOM's card links four libraries of others: four notes said "third-party code is
    linked: …, a library or tool others publish; it is not the producer's release of any
    component", once each.  One note names them all, each with its licence, as the links
    followed list them."""
    target = check("bigscience/bloom")
    notes = [" ".join(m.split()) for m in messages(target, "note") if "third-party" in m]
    assert notes == [
        "third-party code is linked: github.com/facebookresearch/bitsandbytes (no licence "
        "file), github.com/microsoft/DeepSpeed (Apache-2.0), github.com/pytorch/pytorch (a "
        "licence file GitHub did not recognise) and github.com/NVIDIA/apex (BSD-3-Clause): "
        "libraries or tools others publish; none is the producer's release of any component"
    ]
    kinds = [link["kind"] for link in links(target).values()]
    assert kinds.count("third-party-code") == 4


def test_a_finding_on_a_hub_model_is_about_its_links_and_not_the_commit_read(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """What a finding is about (JSON's `about`, SARIF's fingerprint, JUnit's case) is how a
    dashboard or code scanning follows it from run to run.  A note on the repository named the
    commit it was read at (`note::bigscience/bloom@5fc520d`: a new alert at every commit);
    three notes on three links of the card were `README.md`, `README.md #2`, `README.md #3`,
    told apart by their order (a link added above swapped them); a note on four links cited
    `README.md` four times."""
    about = [finding["about"] for finding in check("bigscience/bloom")["findings"]]
    assert "note::bigscience/bloom" in about
    for repository in ("bigscience", "Megatron-DeepSpeed", "evaluation-results"):
        assert f"note::https://github.com/bigscience-workshop/{repository}" in about
    assert (
        "note::https://github.com/facebookresearch/bitsandbytes,https://github.com/microsoft/"
        "DeepSpeed,https://github.com/pytorch/pytorch,https://github.com/NVIDIA/apex" in about
    )
    assert [key for key in about if "@" in key or " #" in key or "README.md" in key] == []


def test_a_finding_on_a_paper_or_model_a_card_names_by_id_is_about_that_id(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A card names a paper or a base model by its id (`arXiv:2306.01116`, `org/name`), not
    only by an address.  Falcon-180B's note on the paper its card cites was `README.md #2`,
    numbered after the gating note above it (a card that drops its gating renumbers it), and
    Granite's note and warning on its base model were `README.md`."""
    about = [finding["about"] for finding in check("tiiuae/falcon-180B")["findings"]]
    assert "note::arXiv:2306.01116" in about
    assert [key for key in about if " #" in key] == []
    about = [f["about"] for f in check("ibm-granite/granite-3.0-8b-instruct")["findings"]]
    base = "ibm-granite/granite-3.0-8b-base"
    assert {f"note::{base}", f"warning::{base}"} <= set(about)


def test_a_local_directory_with_no_producer_cannot_tell_whose_code_it_links(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """A directory with --follow said of the publisher's own repository "a third-party
    implementation is linked: github.com/EleutherAI/gpt-neox (Apache-2.0)": with no producer
    known, osai cannot tell, and says how to settle it.  A listed library stays third-party."""
    model = tmp_path / "neox"
    model.mkdir()
    (model / "README.md").write_text(NEOX_CARD, encoding="utf-8")
    target = check(str(model), "--follow", code=None)
    notes = [" ".join(m.split()) for m in messages(target, "note")]
    neox = [m for m in notes if "EleutherAI/gpt-neox" in m]
    assert neox == [
        "a code repository is linked: github.com/EleutherAI/gpt-neox (Apache-2.0); the producer "
        "is not known, so osai cannot tell whether it is the producer's release of any "
        "component: declare release.producer in a manifest (osai init drafts one) to settle it"
    ]
    assert any(
        m.startswith("third-party code is linked: github.com/huggingface/transformers")
        for m in notes
    )
    assert component(target, "training-code")["licence"] is None  # nothing credited from it


def test_a_local_path_s_first_part_is_not_its_producer() -> None:
    """`osai check EleutherAI/neox --follow` on a directory so named took "EleutherAI", the
    path's first part, for the producer, as for a Hub id."""
    from osai.card import parse_card
    from osai.evidence import Release
    from osai.links.plan import release_plan
    from osai.rules import load_ruleset

    rules = load_ruleset()
    card = parse_card(
        NEOX_CARD, rules.detection.card, repositories=rules.links.repositories, path="README.md"
    )
    # a Hub model's release carries its Hub id (Release.hub_id); a local path's none
    for source, hub_id, owner_unknown in (("local", "", True), ("hub", "EleutherAI/neox", False)):
        release = Release("EleutherAI/neox", source, "neox", hub_id=hub_id)
        targets = release_plan(release, card, rules).targets
        neox = next(t for t in targets if t.id == "EleutherAI/gpt-neox")
        assert neox.owner_unknown is owner_unknown, source


def test_another_organisations_repository_is_not_the_producers(
    hub: LoopbackHub, github: LoopbackGitHub
) -> None:
    repo_id = model(
        hub,
        "someone/pythia-clone",
        {"license": "apache-2.0"},
        [heading("Training"), link("training code", "https://github.com/EleutherAI/gpt-neox")],
    )
    target = check(repo_id)
    assert component(target, "training-code")["presence"] == "unknown"
    assert any("EleutherAI/gpt-neox" in m for m in messages(target, "note"))


def test_a_role_the_files_do_not_show_stays_unknown(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The Pythia card links EleutherAI/pythia for its training code; that repository's files
    show no training code, so the link alone does not make it released."""
    target = check(PYTHIA)
    assert any(
        "github.com/EleutherAI/pythia is linked for the training code" in m
        for m in messages(target, "note")
    )
    # The card's sighting of that link is withdrawn: the training code is cited from gpt-neox,
    # whose files show it, never from the link osai has just said does not show it.
    cited = [e["value"] for e in component(target, "training-code")["evidence"]]
    assert cited and not any("EleutherAI/pythia" in value for value in cited), cited


def test_a_link_that_shows_none_of_its_roles_is_noted_once(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The Pythia card links EleutherAI/pythia for its training and its inference code, which
    its files show neither of: two notes said the same of one link, a role each."""
    notes = [m for m in messages(check(PYTHIA), "note") if "EleutherAI/pythia is linked" in m]
    assert notes == [
        "github.com/EleutherAI/pythia is linked for the training code and inference code, but "
        "this link does not show them: its files hold none that rules/detection.yaml recognises"
    ]


def github_copy(fixture: str, full_name: str, **repo: Any) -> dict[str, Any]:
    """A GitHub fixture (tests/fixtures/links/github) as another repository, `repo` fields
    changed: served under its new name only (no redirect from the old), at its own web page as
    GitHub gives it (`html_url`)."""
    data = json.loads((LINKS / "github" / f"{fixture}.json").read_text("utf-8"))
    page = {"html_url": f"https://github.com/{full_name}"}
    data = {**data, "repo": {**data["repo"], "full_name": full_name, **page, **repo}}
    data.pop("requested", None)
    return data


@pytest.mark.parametrize("listing", ["truncated", "truncated as a word", "no default branch"])
def test_a_link_whose_files_were_not_all_listed_rules_nothing_out(
    listing: str, hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A repository whose files GitHub listed only in part (or not at all) neither shows nor
    rules out the training code the card links it for: the card's sighting stays, and the note
    does not say its files hold none (they were never all read)."""
    data = github_copy("EleutherAI__pythia", "EleutherAI/huge-train")
    if listing.startswith("truncated"):
        # GitHub's boolean, or a hostile "true", which was a complete list
        truncated = True if listing == "truncated" else "true"
        data["tree"] = {**data["tree"], "truncated": truncated}
    else:
        data["repo"] = {**data["repo"], "default_branch": None}
    github.add_repo(data)
    repo_id = model(
        hub,
        "EleutherAI/huge-model",
        {"license": "apache-2.0"},
        [heading("Training"), link("code", "https://github.com/EleutherAI/huge-train")],
    )
    target = check(repo_id)
    training = component(target, "training-code")
    assert training["presence"] == "present"
    assert [e["certainty"] for e in training["evidence"]] == ["inferred"]
    (note,) = [m for m in messages(target, "note") if "linked for the training code" in m]
    assert (
        "its files were not listed in full, so this link neither shows it nor rules it out" in note
    )


def test_a_readme_that_cannot_be_read_leaves_what_the_files_show(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A repository linked with no role whose README answers 503 (the loopback's "not
    established"; GitHub's own in an outage): the whole link failed, its licence and files
    read and thrown away.  The README only confirms roles: what the files show stands, and a
    warning says the README was not read."""
    data = github_copy("EleutherAI__gpt-neox", "EleutherAI/no-readme", description=None)
    data.pop("readme_outline", None)
    github.add_repo(data)
    repo_id = model(
        hub,
        "EleutherAI/no-readme-model",
        {"license": "apache-2.0"},
        [heading("Model details"), link("code", "https://github.com/EleutherAI/no-readme")],
    )
    target = check(repo_id)
    assert github.find_requests(r"^/repos/EleutherAI/no-readme/readme$")
    answer = links(target)["https://github.com/EleutherAI/no-readme"]
    assert (answer["read"], answer["found"]) == (True, True), answer
    training = component(target, "training-code")
    assert training["presence"] == "present", training
    assert training["licence"]["text"] == "Apache-2.0"
    (warning,) = [m for m in messages(target, "warning") if "its README could not be read" in m]
    assert warning.startswith("github.com/EleutherAI/no-readme: its README could not be read (")


def test_a_hostile_readme_heading_is_quoted_on_one_short_line(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The README section that names a role is quoted in the evidence: someone else's text, so
    its controls become blanks and it is cut short, whatever its length."""
    heading_text = "Training\x1b[31m \u202egnin" + "x" * 10_000
    github.add_readme("EleutherAI/gpt-neox", f"# gpt-neox\n\n## {heading_text}\n\nSteps.\n")
    note = component(check(PYTHIA), "training-code")["evidence"][0]["note"]
    assert "its README's section \"Training [31m gnin" in note
    assert "\x1b" not in note and "\u202e" not in note and "\n" not in note
    assert len(note) < 300 and "…" in note


def test_a_readme_section_never_credits_code_the_files_do_not_show(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Qwen's card links its repository (now QwenLM/Qwen3) with no role; the README's
    "Finetuning" section points to third-party frameworks, and no file is training code.  A
    heading confirms what files show; alone it releases nothing."""
    target = check("Qwen/Qwen2.5-7B")
    assert github.find_requests(r"^/repos/QwenLM/Qwen3/readme$")
    assert component(target, "training-code")["presence"] == "unknown"
    # its eval/ files show evaluation code; no heading names it, so the credit is only inferred
    evaluation = component(target, "evaluation-code")["evidence"][0]
    assert evaluation["location"] == "github.com/QwenLM/Qwen3"
    assert (evaluation["certainty"], evaluation["note"].split(" (")[0]) == (
        "inferred",
        "linked with no role",
    )


# --- datasets --------------------------------------------------------------------------------


def dataset_model(hub: LoopbackHub, dataset: str) -> str:
    return model(
        hub,
        "EleutherAI/data-tester",
        {"license": "apache-2.0", "datasets": [dataset]},
        [heading("Training data")],
    )


def test_a_renamed_dataset_is_followed_to_its_new_name(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    target = check(dataset_model(hub, "c4"))
    assert any("dataset c4 now lives at" in m for m in messages(target))
    datasets = component(target, "datasets")
    assert datasets["presence"] == "present" and datasets["licence"]["text"] == "odc-by"


def test_a_dataset_listing_several_licences_settles_none_and_says_what_it_lists(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """wiki_dpr's card lists cc-by-sa-3.0 and gfdl, not whether both apply or one may be
    chosen.  The note said "no licence given for wiki_dpr" and cited another dataset."""
    target = check(dataset_model(hub, "wiki_dpr"))
    (note,) = [
        f for f in target["findings"] if f["message"].startswith("the Hub settles no licence")
    ]
    assert "wiki_dpr: lists cc-by-sa-3.0, gfdl without saying how they combine" in note["message"]
    assert [e["location"] for e in note["evidence"]] == ["https://huggingface.co/datasets/wiki_dpr"]
    answer = links(target)["https://huggingface.co/datasets/wiki_dpr"]["answer"]
    assert answer == "lists cc-by-sa-3.0, gfdl without saying how they combine"
    assert component(target, "datasets")["licence"] is None


def test_a_hostile_list_of_licences_is_bounded_and_said_once_each(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A card may list any number of licences: the note and the link's answer name at most 8,
    each once whatever its case, and count the rest."""
    licences = [f"licence-{n}" for n in range(500)] + ["LICENCE-0", "x" * 10_000]
    pile = json.loads((LINKS / "datasets" / "EleutherAI__pile.json").read_text("utf-8"))
    hub.add_dataset({**pile, "id": "EleutherAI/many", "cardData": {"license": licences}})
    target = check(dataset_model(hub, "EleutherAI/many"))
    answer = links(target)["https://huggingface.co/datasets/EleutherAI/many"]["answer"]
    shown = ", ".join(f"licence-{n}" for n in range(8))
    assert answer == f"lists {shown}, +493 more without saying how they combine"
    assert all(len(m) < 1000 for m in messages(target))


def test_a_dataset_taken_down_is_no_longer_obtainable(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    pile = json.loads((LINKS / "datasets" / "EleutherAI__pile.json").read_text("utf-8"))
    hub.add_dataset({**pile, "id": "EleutherAI/pile-removed", "disabled": True})
    target = check(dataset_model(hub, "EleutherAI/pile-removed"))
    assert any("taken down on the Hub, no longer obtainable" in m for m in messages(target))
    removed = links(target)["https://huggingface.co/datasets/EleutherAI/pile-removed"]
    assert (removed["read"], removed["found"]) == (True, False)
    # the card still says it trained on it; nothing shows the data can be obtained
    assert component(target, "datasets")["licence"] is None
    assert requirement(target, "MOF-C1-DATASETS")["status"] == "unknown"


def test_a_dataset_taken_down_gives_the_datasets_no_licence(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A dataset the Hub no longer serves, under an open licence (dolma's odc-by): the Datasets
    were "released under odc-by", MOF Datasets met and no third-party data inferred, for data
    no one can obtain any more."""
    dolma = json.loads((LINKS / "datasets" / "allenai__dolma.json").read_text("utf-8"))
    hub.add_dataset({**dolma, "id": "allenai/dolma-removed", "disabled": True})
    target = check(dataset_model(hub, "allenai/dolma-removed"))
    assert component(target, "datasets")["licence"] is None
    assert requirement(target, "MOF-C1-DATASETS")["status"] == "unknown"
    assert requirement(target, "OSAID-DATA-THIRD-PARTY-SOURCES")["status"] == "unknown"
    warning = "dataset allenai/dolma-removed: taken down on the Hub, no longer obtainable"
    assert warning in messages(target, "warning")


@pytest.mark.parametrize(
    ("dataset", "said"),
    [
        ("allenai/dolma-removed", "taken down on the Hub, no longer obtainable"),
        ("nobody/no-such-dataset", "not found on the Hub"),
    ],
)
def test_a_card_s_only_dataset_no_one_can_obtain_shows_no_data_shared(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, dataset: str, said: str
) -> None:
    """The card's `datasets:` names one dataset; the Hub took it down, or has none such.  Its
    entry alone made the Datasets released, and the index graded the training data sources
    "at least partial" ("some ... are open for inspection or shared") on data no one can
    obtain.  The entry is withdrawn, as a code link whose repository shows nothing is: the
    Datasets are unknown (they may be elsewhere), and the warning says why."""
    dolma = json.loads((LINKS / "datasets" / "allenai__dolma.json").read_text("utf-8"))
    hub.add_dataset({**dolma, "id": "allenai/dolma-removed", "disabled": True})
    target = check(dataset_model(hub, dataset), "-f", "eosai", "-f", "mof")
    datasets = component(target, "datasets")
    assert (datasets["presence"], datasets["evidence"]) == ("unknown", [])
    sources = requirement(target, "EOSAI-DATASOURCES-END")
    assert (sources["status"], sources["grade"]["at_least"]) == ("unknown", "")
    assert requirement(target, "MOF-C1-DATASETS")["status"] == "unknown"
    assert any(m.startswith(f"dataset {dataset}: {said}") for m in messages(target, "warning"))


def test_an_open_dataset_beside_one_taken_down_still_shows_some_data_shared(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Only the entry of the dataset taken down is withdrawn: dolma, on the Hub, is released,
    so some of the data is shared, and the licence of all of it stays unknown."""
    target = check(two_datasets(hub, "allenai/dolma-removed"), "-f", "eosai")
    datasets = component(target, "datasets")
    assert datasets["presence"] == "present" and datasets["licence"] is None
    assert not any("dolma-removed" in e["value"] for e in datasets["evidence"])
    assert requirement(target, "EOSAI-DATASOURCES-END")["grade"]["at_least"] == "partial"


def two_datasets(hub: LoopbackHub, second: str) -> str:
    """A model whose card names dolma (odc-by) and `second`: dolma-nc is under CC-BY-NC-4.0,
    dolma-removed taken down."""
    dolma = json.loads((LINKS / "datasets" / "allenai__dolma.json").read_text("utf-8"))
    hub.add_dataset({**dolma, "id": "allenai/dolma-nc", "cardData": {"license": "cc-by-nc-4.0"}})
    hub.add_dataset({**dolma, "id": "allenai/dolma-removed", "disabled": True})
    card = {"license": "apache-2.0", "datasets": ["allenai/dolma", second]}
    return model(hub, "EleutherAI/data-tester", card, [heading("Training data")])


@pytest.mark.parametrize(
    ("second", "args", "why"),
    [
        (
            "allenai/dolma-nc",
            ("--max-links", "1"),
            "allenai/dolma-nc: not read, beyond the --max-links cap",
        ),
        ("allenai/dolma-nc", ("--fault",), "allenai/dolma-nc: could not be read"),
        ("our own web crawl", (), "our own web crawl: not a Hub dataset id"),
        ("nobody/no-such-dataset", (), "nobody/no-such-dataset: not found on the Hub"),
        ("allenai/dolma-removed", (), "allenai/dolma-removed: taken down, no longer obtainable"),
    ],
)
def test_a_dataset_the_links_do_not_settle_leaves_the_datasets_licence_unknown(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, second: str,
    args: tuple[str, ...], why: str,
) -> None:  # fmt: skip
    """The card trained on two datasets; only dolma's licence (odc-by) was read.  It stood for
    both: MOF Datasets met and no third-party data inferred, while the other (CC-BY-NC-4.0, or
    unknown) was left out by the cap, failed, or could not be asked for."""
    if args == ("--fault",):
        hub.inject_malformed_json(r"^/api/datasets/allenai/dolma-nc")
        args = ()
    target = check(two_datasets(hub, second), *args, code=None)
    assert links(target)["https://huggingface.co/datasets/allenai/dolma"]["answer"] == "odc-by"
    assert component(target, "datasets")["licence"] is None
    assert requirement(target, "MOF-C1-DATASETS")["status"] == "unknown"
    assert requirement(target, "OSAID-DATA-UNSHAREABLE")["status"] == "unknown"
    (note,) = [m for m in messages(target, "note") if m.startswith("the Hub settles no licence")]
    assert why in " ".join(note.split())


def test_a_gated_dataset_is_released_behind_a_request(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    dolma = json.loads((LINKS / "datasets" / "allenai__dolma.json").read_text("utf-8"))
    hub.add_dataset({**dolma, "id": "allenai/dolma-gated", "gated": "manual"})
    target = check(dataset_model(hub, "allenai/dolma-gated"))
    assert any("is gated (manual)" in m for m in messages(target))
    assert component(target, "datasets")["presence"] == "present"


def test_a_gate_of_a_kind_the_hub_does_not_document_is_not_carried_into_the_report(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The check carried a dataset's `gated` as it came ("is gated (<100,000 characters>)"),
    where the census read only the Hub's kinds: one field, one reading (hubrefs.gated_state)."""
    dolma = json.loads((LINKS / "datasets" / "allenai__dolma.json").read_text("utf-8"))
    hub.add_dataset({**dolma, "id": "allenai/dolma-odd-gate", "gated": "x" * 100_000})
    target = check(dataset_model(hub, "allenai/dolma-odd-gate"))
    assert not any("gated" in m for m in messages(target))
    assert "x" * 100 not in json.dumps(target)


def test_a_linked_answer_of_another_shape_is_refused_by_its_error_s_type(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A dataset's answer the client cannot read (a date that is no date) was said to be "not
    what the Hub API returns (Cannot parse 'Jane Roe, …' as a datetime …)": the error's text
    quotes the answer, another party's data.  It is said as for the model itself: by the error's
    type."""
    dolma = json.loads((LINKS / "datasets" / "allenai__dolma.json").read_text("utf-8"))
    hub.add_dataset({**dolma, "id": "acme/odd-date", "createdAt": "Jane Roe, 12 Hidden Lane"})
    result = run_osai("check", dataset_model(hub, "acme/odd-date"), "--format", "json")
    said = " ".join(result.stdout.split())
    assert "Jane Roe" not in said and "Hidden Lane" not in said, said
    assert "the dataset information is not what the Hub API returns (ValueError)" in said, said


def test_a_bom_names_the_datasets_the_hub_has_under_their_current_ids(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The card lists dolma, c4 (now legacy-datasets/c4) and a dataset the Hub has not: the BOM
    has a component for each of the first two, named as the Hub knows it; the broken reference
    is no dataset, and leaves the datasets' licence unknown (the model was trained on it too).
    Without it, both are under the licence both cards give."""
    odc_by = [{"expression": "ODC-By-1.0", "acknowledgement": "declared"}]  # as osai reads it
    for name, broken, licences in (
        ("broken", ["nobody/no-such-dataset"], None),
        ("whole", [], odc_by),
    ):
        repo = model(
            hub,
            f"EleutherAI/data-tester-{name}",
            {"license": "apache-2.0", "datasets": ["allenai/dolma", "c4", *broken]},
            [heading("Training data")],
        )
        result = run_osai("check", repo, "--no-public-assessments", "--format", "cyclonedx")
        assert result.code == 0, result.stderr
        bom = json.loads(result.stdout)
        datasets = [
            (c["name"], c.get("licenses"))
            for c in bom["components"]
            if {"name": "osai:component", "value": "datasets"} in c["properties"]
        ]
        assert datasets == [("allenai/dolma", licences), ("legacy-datasets/c4", licences)]


def test_a_dataset_the_hub_does_not_have_is_a_broken_reference(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The Hub answers a private dataset as one it does not have: which of the two, osai cannot
    tell, and it said "the Hub has no such dataset" of one made private."""
    target = check(dataset_model(hub, "nobody/no-such-dataset"))
    assert (
        "dataset nobody/no-such-dataset: not found on the Hub (it does not exist, or it is "
        "private and the token in use, if any, cannot read it)"
    ) in messages(target, "warning")


# --- faults: the check still answers ----------------------------------------------------------


def test_github_rate_limited_leaves_the_code_unknown_and_says_so(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    github.inject_rate_limit(r"^/repos/", reset_in=3600)  # far beyond the check's deadline
    target = check(PYTHIA)
    assert requirement(target, "OSAID-CODE-TRAINING")["status"] == "unknown"
    warnings = messages(target, "warning")
    assert any("github.com/EleutherAI/gpt-neox" in m and "rate limit" in m for m in warnings)
    assert links(target)["https://github.com/EleutherAI/gpt-neox"]["read"] is False


def test_github_down_leaves_the_code_unknown_and_says_so(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    github.inject_status(r"^/repos/", 503)
    target = check(PYTHIA)
    assert requirement(target, "OSAID-CODE-TRAINING")["status"] == "unknown"
    assert any("could not be read" in m and "503" in m for m in messages(target, "warning"))


def test_github_unreachable_leaves_the_code_unknown(
    hub: LoopbackHub, arxiv: LoopbackArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_API_URL", NOWHERE)
    target = check(PYTHIA)
    assert requirement(target, "OSAID-CODE-TRAINING")["status"] == "unknown"
    assert any("could not be read" in m for m in messages(target, "warning"))


def test_arxiv_unreachable_leaves_the_paper_as_the_card_shows_it(
    hub: LoopbackHub, github: LoopbackGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OSAI_ARXIV_URL", NOWHERE)
    target = check(PYTHIA)
    paper = links(target)["https://arxiv.org/abs/2304.01373"]
    assert paper["read"] is False
    assert any("arxiv.org/abs/2304.01373 could not be read" in m for m in messages(target))
    # the training code from GitHub still counts
    assert component(target, "training-code")["presence"] == "present"


def test_a_linked_repository_made_private_is_not_said_to_not_exist(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """GitHub answers a private repository 404, as one that does not exist, to a caller whose
    token cannot read it.  When gpt-neox went private, osai said "no such repository on GitHub
    (a broken link)" of a repository it could not see; the link stays unknown, said honestly."""
    github.inject_status(r"^/repos/EleutherAI/gpt-neox", 404, error_message="Not Found")
    target = check(PYTHIA)
    (warning,) = [m for m in messages(target, "warning") if "gpt-neox" in m]
    assert warning == (
        "https://github.com/EleutherAI/gpt-neox: not found on GitHub (it does not exist, or it "
        "is private and the token in use, if any, cannot read it)"
    )
    neox = links(target)["https://github.com/EleutherAI/gpt-neox"]
    assert (neox["answer"], neox["found"]) == ("not found", False)
    assert len(github.find_requests(r"^/repos/EleutherAI/gpt-neox")) == 1


def test_a_link_to_a_repository_that_does_not_exist(
    hub: LoopbackHub, github: LoopbackGitHub
) -> None:
    repo_id = model(
        hub,
        "EleutherAI/broken-link",
        {"license": "apache-2.0"},
        [heading("Training"), link("code", "https://github.com/EleutherAI/no-such-repo")],
    )
    target = check(repo_id)
    assert any(
        m.startswith("https://github.com/EleutherAI/no-such-repo: not found on GitHub")
        for m in messages(target, "warning")
    )
    broken = links(target)["https://github.com/EleutherAI/no-such-repo"]
    assert broken["answer"] == "not found"
    # GitHub answered (read), and what it answered is that there is no such repository: a
    # script tells it from a link it could not read without parsing the answer (report 1.14)
    assert (broken["read"], broken["found"]) == (True, False)
    # A broken link is no evidence of the training code it was linked for: unknown, not met
    # on the card's word, and not "not released" either.
    assert requirement(target, "OSAID-CODE-TRAINING")["status"] == "unknown"
    training = component(target, "training-code")
    assert (training["presence"], training["evidence"]) == ("unknown", [])


# --- licence lineage ---------------------------------------------------------------------------


def test_a_fine_tune_of_llama_2_declaring_apache_is_a_conflict(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    repo_id = model(
        hub,
        "acme/llama-2-7b-chat-apache",
        {"license": "apache-2.0", "base_model": "meta-llama/Llama-2-7b-hf"},
        [heading("Model details")],
    )
    target = check(repo_id, code=None)
    conflict = next(m for m in messages(target) if "base model meta-llama/Llama-2-7b-hf" in m)
    assert "declared Apache-2.0" in conflict and "Llama 2" in conflict
    assert "applies to derivatives" in conflict
    weights = requirement(target, "OSAID-PARAMETERS")
    assert weights["status"] == "unmet"
    assert "LicenseRef-llama2" in weights["licence"]
    finding = next(f for f in target["findings"] if f["message"] == conflict)
    assert {e["location"] for e in finding["evidence"]} >= {"README.md"}
    assert target["base_models"] == ["meta-llama/Llama-2-7b-hf"]


def test_the_first_lines_name_the_base_model_whose_licence_binds_the_fine_tune(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A fine-tune declaring Apache-2.0 of Llama 2: the verdict's reason named the Llama 2
    licence and its terms, not where it came from, and read as if the card itself were under
    it; the base model is named there, at 80 columns too, before the licence's terms."""
    repo_id = model(
        hub,
        "acme/llama-2-7b-apache",
        {"license": "apache-2.0", "base_model": "meta-llama/Llama-2-7b-hf"},
        [heading("Model details")],
    )
    result = run_osai("check", repo_id, "--no-public-assessments", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    head = " ".join(" ".join(line.split()) for line in lines[1:5])
    assert head.startswith("OSAID 1.0 ✘ not conformant (detected) — "), head
    assert (
        "Model parameters (Final) under Llama 2 Community License Agreement (inherited from "
        "base model meta-llama/Llama-2-7b-hf; Acceptable Use Policy;" in head
    ), head


def test_the_action_on_a_licence_a_base_model_binds_says_relicensing_cannot_change_it(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A fine-tune of Llama 2 was told to "relicense Model parameters (Final): now under Llama 2
    Community License Agreement", which its producer cannot: the base model's licence binds
    it, whatever its card declares (it declared Apache-2.0).  The action says so."""
    repo_id = model(
        hub,
        "acme/llama-2-7b-relicensed",
        {"license": "apache-2.0", "base_model": "meta-llama/Llama-2-7b-hf"},
        [heading("Model details")],
    )
    result = run_osai("check", repo_id, "--no-public-assessments", env={"COLUMNS": "80"})
    text = " ".join(" ".join(result.stdout.split()).split("Actions", 1)[1].split()[:60])
    assert (
        "relicense Model parameters (Final): now under Llama 2 Community License Agreement, "
        "inherited from base model meta-llama/Llama-2-7b-hf, whose licence binds derivatives: "
        "only another base model changes it" in text
    ), text


def test_a_quantization_declaring_its_base_s_binding_licence_is_not_told_to_relicense(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A GGUF quantization of Llama 2 whose card declares `llama2`, its base's: the licence is
    the one declared, with nothing to reconcile, and the action read "relicense Model
    parameters (Final): now under Llama 2 Community License Agreement", as if its producer
    could.  Its base's licence binds it: the action says so, as for one declaring another."""
    repo_id = model(
        hub,
        "acme/llama-2-7b-gguf",
        {
            "license": "llama2",
            "base_model": "meta-llama/Llama-2-7b-hf",
            "base_model_relation": "quantized",
        },
        [heading("Model details")],
    )
    result = run_osai(
        "check", repo_id, "-f", "eu-ai-act", "--no-public-assessments", env={"COLUMNS": "80"}
    )
    text = " ".join(" ".join(result.stdout.split()).split("Actions", 1)[1].split()[:90])
    assert (
        "relicense Model parameters (Final): now under Llama 2 Community License Agreement, "
        "the licence of base model meta-llama/Llama-2-7b-hf, whose licence binds derivatives: "
        "only another base model changes it" in text
    ), text
    # the verdict is the licence's, as before: Llama 2's user threshold (para 83)
    target = check(repo_id, "-f", "eu-ai-act")
    assert target["frameworks"][0]["outcome"] == "not-exempt"


def test_a_base_model_the_hub_answers_401_for_may_be_private(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The Hub answers a private model as one that does not exist (HTTP 401 without a token
    that can read it): a fine-tune of one read "the Hub has no such model", which osai does
    not know; the warning says it may be private, as the model's own check does."""
    hub.inject_status(r"^/api/models/secret/private-base", 401, error_code="RepoNotFound")
    repo_id = model(
        hub,
        "acme/of-a-private-base",
        {"license": "apache-2.0", "base_model": "secret/private-base"},
        [heading("Model details")],
    )
    target = check(repo_id, code=None)
    said = [m for m in messages(target, "warning") if "secret/private-base" in m]
    assert said == [
        "base model secret/private-base: not found on the Hub (it does not exist, or it is "
        "private and the token in use, if any, cannot read it)"
    ], said


# --- tokens never appear -----------------------------------------------------------------------

HF_SECRET = "hf_osaiTestSecretToken0123456789abcd"
GH_SECRET = "ghp_osaiTestSecretToken0123456789abcdef"
FORMATS = ("text", "json", "markdown", "sarif", "github", "junit", "cyclonedx", "spdx")


def test_no_token_appears_in_any_format(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    github.allow_token(GH_SECRET)
    monkeypatch.setenv("GITHUB_TOKEN", GH_SECRET)
    monkeypatch.setenv("HF_TOKEN", HF_SECRET)
    for output_format in FORMATS:
        result = run_osai("check", PYTHIA, "--format", output_format)
        assert result.code in (0, 1), result.stderr
        for secret in (HF_SECRET, GH_SECRET):
            assert secret not in result.stdout and secret not in result.stderr, output_format
    # the GitHub token was used (the loopback answers 401 to an unknown one), never shown
    assert any(r.authorization == f"Bearer {GH_SECRET}" for r in github.requests)


def test_a_token_in_a_failure_message_is_redacted(
    hub: LoopbackHub, arxiv: LoopbackArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that echoes the token back in its error cannot make osai print it."""
    monkeypatch.setenv("GITHUB_TOKEN", GH_SECRET)
    with LoopbackGitHub() as echoing:
        monkeypatch.setenv("GITHUB_API_URL", echoing.api_url)
        echoing.inject_status(r"^/repos/", 500, error_message=f"bad token {GH_SECRET}")
        result = run_osai("check", PYTHIA, "--format", "json")
    assert GH_SECRET not in result.stdout + result.stderr


# --- answers are kept ---------------------------------------------------------------------------


def test_answers_are_kept_revalidated_and_read_offline(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    first = check(PYTHIA)
    github.clear_requests()
    second = check(PYTHIA)
    assert second["components"] == first["components"]
    revalidated = [r for r in github.requests if "if-none-match" in r.headers]
    assert revalidated and len(revalidated) == len(github.requests)
    github.clear_requests()
    offline = check(PYTHIA, "--offline")
    assert github.requests == []
    # the same answers, each dated from the cache (tests/test_links_answers.py)
    assert [{**link, "cached": None} for link in offline["links"]] == first["links"]
    assert all(link["cached"]["because"] == "--offline" for link in offline["links"])
    for code in ("training-code", "model-architecture", "data-preprocessing-code"):
        fresh, kept = component(first, code), component(offline, code)
        assert (kept["presence"], kept["licence"]["text"]) == (
            fresh["presence"],
            fresh["licence"]["text"],
        )


def test_a_repository_several_targets_link_is_read_once_per_run(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Three Pythia copies checked in one run, concurrently: the GitHub repositories, the paper
    and the dataset they all link are asked once, not once per target, and each target is
    credited."""
    copies = []
    for index in range(3):
        data = copy.deepcopy(fixture("EleutherAI__pythia-70m"))
        data["id"] = f"EleutherAI/pythia-copy-{index}"
        data.pop("sha", None)
        copies.append(hub.add_repo(data))
    result = run_osai(
        "check", *copies, "--jobs", "3", "--no-public-assessments", "--format", "json"
    )
    assert result.code == 0, result.stderr
    targets = json.loads(result.stdout)["targets"]
    assert [component(t, "training-code")["licence"]["text"] for t in targets] == ["Apache-2.0"] * 3
    paths = [r.path for r in github.requests]
    assert paths and len(paths) == len(set(paths)), sorted(paths)
    records = [r.line for r in arxiv.requests if "GetRecord" in r.line]
    assert len(records) == 1, records
    assert len(hub.find_requests(r"^/api/datasets/EleutherAI/pile$")) == 1
    assert [component(t, "datasets")["presence"] for t in targets] == ["present"] * 3


# --- licences known by their link ----------------------------------------------------------------


def test_a_custom_licence_is_known_by_its_link(hub: LoopbackHub) -> None:
    repo_id = model(
        hub,
        "acme/gemma-finetune",
        {
            "license": "other",
            "license_name": "acme-terms",
            "license_link": "https://ai.google.dev/gemma/terms",
        },
        [heading("Model details")],
    )
    target = check(repo_id, "--no-follow", code=None)
    licence = component(target, "model-card")["licence"]
    assert licence["text"] == "LicenseRef-gemma"
    assert licence["evidence"]["value"] == "https://ai.google.dev/gemma/terms"


@pytest.mark.parametrize(
    ("link", "known"),
    [
        ("https://creativecommons.org/licenses/by-nc/3.0/", "CC-BY-NC-3.0"),
        ("http://creativecommons.org/licenses/by-nc-nd/3.0/legalcode", "CC-BY-NC-ND-3.0"),
        ("https://creativecommons.org/licenses/by-sa/2.5/", "CC-BY-SA-2.5"),
        # 1.0's NonCommercial-NoDerivs deed is by-nd-nc (creativecommons.org has no by-nc-nd/1.0)
        ("https://creativecommons.org/licenses/by-nd-nc/1.0/legalcode", "CC-BY-NC-ND-1.0"),
    ],
)
def test_every_creative_commons_licence_is_known_by_its_link(
    hub: LoopbackHub, link: str, known: str
) -> None:
    """Only some versions were known by their address: CC BY-NC 3.0 (as a card's license_link,
    or the licence arXiv records for an older paper) read "unknown", not its NonCommercial terms."""
    repo_id = model(
        hub,
        f"acme/cc-{known.lower()}",
        {"license": "other", "license_name": "cc", "license_link": link},
        [heading("Model details")],
    )
    target = check(repo_id, "--no-follow", code=None)
    assert component(target, "model-card")["licence"]["text"] == known
    expected = "met" if known == "CC-BY-SA-2.5" else "unmet"
    assert requirement(target, "MOF-C3-MODEL-CARD")["status"] == expected


def test_a_custom_licence_osai_cannot_recognise_is_said_to_be_one(hub: LoopbackHub) -> None:
    repo_id = model(
        hub,
        "acme/custom-terms",
        {
            "license": "other",
            "license_name": "acme-model-licence",
            "license_link": "https://acme.example/model-licence",
        },
        [heading("Model details")],
    )
    target = check(repo_id, "--no-follow", code=None)
    (warning,) = [m for m in messages(target, "warning") if "custom licence" in m]
    assert "'acme-model-licence'" in warning and "https://acme.example/model-licence" in warning
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "unknown"


# --- what the frameworks let one infer ------------------------------------------------------------


def test_non_public_data_in_the_card_stops_the_inference(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    data = copy.deepcopy(fixture("EleutherAI__pythia-70m"))
    data["id"] = "EleutherAI/pythia-70m-plus"
    data["readme_outline"].append(heading("Training data"))
    data["readme_outline"].append(
        {"kind": "fact", "note": "We also used a proprietary corpus of 10,000 books."}
    )
    repo_id = hub.add_repo(data)
    plain = check(PYTHIA)
    plus = check(repo_id)
    # the fact stops rules/inference.yaml (tests/test_inference_rules.py shows it on declared
    # datasets; a card's own dataset list infers nothing either way)
    assert [f for f in plain["facts"] if f["key"] == "non_public_data"] == []
    assert requirement(plus, "OSAID-DATA-UNSHAREABLE")["status"] == "unknown"
    (stated,) = [f for f in plus["facts"] if f["key"] == "non_public_data"]
    assert "proprietary corpus" in stated["value"]


def test_the_link_report_lists_every_link_in_text(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    result: Result = run_osai("check", PYTHIA, env={"COLUMNS": "200"})
    assert "Links followed" in result.stdout
    for url in ("github.com/EleutherAI/gpt-neox", "arxiv.org/abs/2304.01373"):
        assert url in result.stdout


def test_the_link_report_lists_every_link_in_markdown(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A pull-request comment names the links behind its verdicts, as the text report does."""
    result: Result = run_osai("check", PYTHIA, "--format", "markdown")
    links = result.stdout.partition("#### Links followed")[2].split("####")[0]
    assert "- ✅ producer's code: `https://github.com/EleutherAI/gpt-neox` — Apache-2.0" in links
    assert "- ✅ paper: `https://arxiv.org/abs/2304.01373`" in links


def test_a_rate_limit_that_lifts_within_the_deadline_is_waited_for(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    github.inject_secondary_rate_limit(r"^/repos/EleutherAI/gpt-neox$", times=1, retry_after=1)
    target = check(PYTHIA)
    assert requirement(target, "OSAID-CODE-TRAINING")["status"] == "met"
    assert len(github.find_requests(r"^/repos/EleutherAI/gpt-neox$")) == 2


def test_a_failure_is_not_shared_with_the_targets_waiting_for_the_same_answer() -> None:
    """Another target's failure (its deadline, say) is not ours: a waiter asks in its turn, and
    its answer is the one shared; the failure is never handed on."""
    import threading

    from osai.backends.answers import RunAnswers
    from osai.net import NetFailure

    shared = RunAnswers()
    started, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def failing() -> str:
        calls.append("owner")
        started.set()
        release.wait(5)
        raise NetFailure("https://api.github.com/repos/a/b")

    outcome: dict[str, object] = {}

    def owner() -> None:
        try:
            shared.read("k", failing, 5)
        except NetFailure as exc:
            outcome["owner"] = exc

    thread = threading.Thread(target=owner)
    thread.start()
    started.wait(5)
    waiter = threading.Thread(
        target=lambda: outcome.update(waiter=shared.read("k", lambda: calls.append("w") or "w", 5))
    )
    waiter.start()
    release.set()
    thread.join(5)
    waiter.join(5)
    assert isinstance(outcome["owner"], NetFailure) and outcome["waiter"] == "w"
    assert shared.read("k", lambda: "not asked", 5) == "w"  # the waiter's answer is shared
    assert calls == ["owner", "w"]


def test_after_a_failure_one_waiter_asks_not_all() -> None:
    """Five targets wait on a request that fails (a rate limit, say): one of them asks again and
    the other four take its answer, rather than five requests at once."""
    import threading

    from osai.backends.answers import RunAnswers
    from osai.net import NetFailure

    shared = RunAnswers()
    started, release = threading.Event(), threading.Event()
    asked: list[str] = []
    lock = threading.Lock()

    def failing() -> str:
        asked.append("owner")
        started.set()
        release.wait(5)
        raise NetFailure("https://api.github.com/repos/a/b")

    def answering() -> str:
        with lock:
            asked.append("again")
        return "answer"

    def owner() -> None:
        with contextlib.suppress(NetFailure):
            shared.read("k", failing, 5)

    first = threading.Thread(target=owner)
    first.start()
    started.wait(5)
    answers: list[str] = []
    waiters = [
        threading.Thread(target=lambda: answers.append(shared.read("k", answering, 5)))
        for _ in range(5)
    ]
    for waiter in waiters:
        waiter.start()
    release.set()
    for thread in (first, *waiters):
        thread.join(5)
    assert answers == ["answer"] * 5
    assert asked == ["owner", "again"]


def test_a_run_keeps_a_bounded_number_of_answers() -> None:
    """A census's deep checks share one run: the oldest answers are let go, not held to the end."""
    from osai.backends.answers import RunAnswers

    shared = RunAnswers(kept=2)
    for key in ("a", "b", "c"):
        shared.read(key, lambda key=key: key, 5)
    assert shared.read("c", lambda: "asked", 5) == "c"
    assert shared.read("a", lambda: "asked again", 5) == "asked again"


def test_a_linked_licence_as_open_as_the_listing_s_does_not_weaken_the_verdict(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Pythia's MOT listing says its training code is MIT (assessed); gpt-neox's LICENSE says
    Apache-2.0 (detected), which osai keeps.  Both are open, yet the verdict fell from assessed
    to detected once GitHub answered, and `--min-certainty assessed` passed with --no-follow or
    with GitHub down and failed with it up: more evidence made the gate weaker.  A verdict both
    licences give stands as surely as the surer source, and names both."""
    gate = ("--require", "mof:class-1", "--min-certainty", "assessed")
    followed = run_osai("check", PYTHIA, *gate, "--format", "json")
    assert followed.code == 0, followed.stdout[-2000:] + followed.stderr
    alone = run_osai("check", PYTHIA, *gate, "--no-follow", "--format", "json")
    assert alone.code == 0, alone.stderr
    assert github.find_requests(r"^/repos/EleutherAI/gpt-neox/git/trees/")  # it was read
    target = json.loads(followed.stdout)["targets"][0]
    met = requirement(target, "MOF-C2-TRAINING-CODE")
    assert (met["status"], met["certainty"]) == ("met", "assessed")
    said = [(e["location"], e["value"]) for e in met["evidence"]]
    assert ("github.com/EleutherAI/gpt-neox/LICENSE", "Apache-2.0") in said
    assert ("mot:models/Pythia-70M.yml", "MIT") in said


def test_a_dataset_named_by_its_hub_page_is_read_as_by_its_id(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Some cards give `datasets:` as the dataset's Hub page: it was "not a Hub dataset id",
    never read, and (a dataset the links do not settle) left the Datasets licence unknown."""
    page = "https://huggingface.co/datasets/allenai/dolma"
    card = {"license": "apache-2.0", "datasets": [page]}
    target = check(model(hub, "EleutherAI/data-page", card, [heading("Training data")]))
    assert links(target)[page]["answer"] == "odc-by"
    assert component(target, "datasets")["licence"]["text"] == "odc-by"
    assert not any("not a Hub dataset id" in m for m in messages(target))


def test_links_followed_spell_a_licence_as_the_table_does_where_a_mode_judges_the_spelling(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """MOF's `mot` mode matches licence ids verbatim: the table and the verdict show Dolma's
    `odc-by` as spelled (and say to write ODC-By-1.0), and "Links followed" read ODC-By-1.0, the
    spelling the verdict asks for, beside its refusal."""
    repo = dataset_model(hub, "allenai/dolma")
    dolma = "https://huggingface.co/datasets/allenai/dolma"
    args = ("check", repo, "--no-public-assessments", "-f", "mof", "--mode", "mof=mot")
    text = run_osai(*args, env={"COLUMNS": "300"}).stdout
    (row,) = [line for line in text.splitlines() if line.startswith("  Datasets ")]
    assert " odc-by " in row, row
    followed = text.split("\nLinks followed\n", 1)[1].split("\n\n", 1)[0]
    assert f"dataset: {dolma} — odc-by" in followed, followed


ARXIV_NONEXCLUSIVE = "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"


def test_links_followed_name_a_dataset_s_licence_as_the_table_does(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Dolma's card says `odc-by`; the table, the verdicts and the rest of the report say
    ODC-By-1.0, while "Links followed" said `odc-by`, as the Hub spells it, in the text and the
    Markdown.  The JSON answer, like the evidence, keeps the host's words."""
    repo = dataset_model(hub, "allenai/dolma")
    dolma = "https://huggingface.co/datasets/allenai/dolma"
    target = check(repo)
    assert links(target)[dolma]["answer"] == "odc-by"
    quoted = [e["value"] for e in component(target, "datasets")["evidence"]]
    assert "odc-by" in quoted
    plain = ("check", repo, "--no-public-assessments")
    text = run_osai(*plain, env={"COLUMNS": "300"}).stdout
    followed = text.split("\nLinks followed\n", 1)[1].split("\n\n", 1)[0]
    assert f"dataset: {dolma} — ODC-By-1.0" in followed, followed
    markdown = run_osai(*plain, "--format", "markdown").stdout
    (line,) = [line for line in markdown.splitlines() if line.startswith("- ✅ dataset: ")]
    assert line.endswith("— ODC-By-1.0"), line


def test_links_followed_name_a_paper_s_licence_as_the_table_does(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """arXiv's licence address is read as a licence id (LicenseRef-…); the table names it by its
    title, and the link's answer gave the id (the JSON keeps it)."""
    arxiv.add_record({"id": "2401.00001", "title": "A paper", "license": ARXIV_NONEXCLUSIVE})
    card = {"license": "apache-2.0"}
    outline = [heading("Paper"), link("our paper", "https://arxiv.org/abs/2401.00001")]
    repo = model(hub, "acme/papered", card, outline)
    target = check(repo, code=None)
    answer = links(target)["https://arxiv.org/abs/2401.00001"]["answer"]
    assert answer == "LicenseRef-arxiv-nonexclusive-distrib-1.0"
    text = run_osai("check", repo, "--no-public-assessments", env={"COLUMNS": "300"}).stdout
    followed = text.split("\nLinks followed\n", 1)[1].split("\n\n", 1)[0]
    title = "arXiv.org perpetual, non-exclusive license to distribute this article 1.0"
    assert f"paper: https://arxiv.org/abs/2401.00001 — {title}" in followed, followed


def followed_lines(*args: str) -> str:
    """The text report's "Links followed", wide enough that no answer wraps."""
    text = run_osai("check", *args, "--no-public-assessments", env={"COLUMNS": "300"}).stdout
    return text.split("\nLinks followed\n", 1)[1].split("\n\n", 1)[0]


# what gpt-neox's files show
SHOWN = "model architecture, training code, supporting libraries and tools"
GPL3 = {"key": "gpl-3.0", "name": "GNU General Public License v3.0", "spdx_id": "GPL-3.0"}


def gpl_code_model(hub: LoopbackHub, github: LoopbackGitHub, repo_id: str, kind: str) -> str:
    """A model whose card links github.com/EleutherAI/gpl-train (gpt-neox's files, under GitHub's
    `GPL-3.0`, which osai names GPL-3.0-only) for its training code, or as a library it was
    trained with (a third party's)."""
    owner = "EleutherAI" if kind == "producer" else "otherco"
    data = github_copy("EleutherAI__gpt-neox", f"{owner}/gpl-train", license=GPL3)
    data["repo"]["owner"] = {**data["repo"]["owner"], "login": owner}
    github.add_repo(data)
    url = f"https://github.com/{owner}/gpl-train"
    return model(hub, repo_id, {"license": "apache-2.0"}, [heading("Training"), link("code", url)])


def test_a_code_link_s_answer_keeps_github_s_licence_id_and_the_report_names_it_as_the_table(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """GitHub says `GPL-3.0` (its deprecated SPDX id) of a repository linked for the training
    code.  The JSON answer said GPL-3.0-only, osai's name, not GitHub's words (a dataset's
    keeps the Hub's); text and Markdown name it as the table does."""
    repo = gpl_code_model(hub, github, "EleutherAI/gpl-model", "producer")
    url = "https://github.com/EleutherAI/gpl-train"
    target = check(repo, code=None)
    assert links(target)[url]["answer"] == f"GPL-3.0; shows: {SHOWN}"
    assert component(target, "training-code")["licence"]["text"] == "GPL-3.0"
    assert f"code: {url} — GPL-3.0-only; shows: {SHOWN}" in followed_lines(repo)
    markdown = run_osai("check", repo, "--no-public-assessments", "--format", "markdown").stdout
    assert f"`{url}` — GPL-3.0-only; shows: {SHOWN}" in markdown


def test_a_code_link_spells_its_licence_as_the_table_where_a_mode_judges_the_spelling(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Under MOF's `mot`, which matches licence ids verbatim, the table shows GitHub's `GPL-3.0`
    as spelled (and asks for GPL-3.0-only); "Links followed" said GPL-3.0-only beside it."""
    repo = gpl_code_model(hub, github, "EleutherAI/gpl-mot", "producer")
    url = "https://github.com/EleutherAI/gpl-train"
    mot = (repo, "-f", "mof", "--mode", "mof=mot")
    text = run_osai("check", *mot, "--no-public-assessments", env={"COLUMNS": "300"}).stdout
    (row,) = [line for line in text.splitlines() if line.startswith("  Training code ")]
    assert " GPL-3.0 " in row, row
    assert f"code: {url} — GPL-3.0; shows: {SHOWN}" in followed_lines(*mot)


def test_a_third_party_s_code_link_names_its_licence_as_the_report_does(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A third party's repository under GitHub's `GPL-3.0`: its licence is no component's, and
    the report still names it (GPL-3.0-only), where the JSON answer keeps GitHub's id."""
    repo = gpl_code_model(hub, github, "EleutherAI/gpl-user", "third party")
    url = "https://github.com/otherco/gpl-train"
    assert links(check(repo, code=None))[url]["answer"] == "GPL-3.0"
    assert f"third-party code: {url} — GPL-3.0-only" in followed_lines(repo)


def test_a_moved_code_link_names_its_licence_as_the_report_does(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A repository GitHub answers under another name: its answer opens with where it is now,
    and the licence after that is named as the report names it, GitHub's id in the JSON."""
    data = github_copy("EleutherAI__gpt-neox", "EleutherAI/gpl-moved", license=GPL3)
    github.add_repo({**data, "requested": "founder/gpl-train"})
    url = "https://github.com/founder/gpl-train"
    repo = model(
        hub,
        "EleutherAI/moved-gpl",
        {"license": "apache-2.0"},
        [heading("Training"), link("code", url)],
    )
    answer = f"now EleutherAI/gpl-moved; GPL-3.0; shows: {SHOWN}"
    assert links(check(repo, code=None))[url]["answer"] == answer
    shown = answer.replace("GPL-3.0", "GPL-3.0-only")
    assert f"{url} — {shown}" in followed_lines(repo)


def test_links_followed_name_a_dataset_that_settled_nothing_as_the_report_does(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Dolma's licence settles no component beside a dataset the Hub cannot be asked about; its
    link still names `odc-by` as the report names licences (ODC-By-1.0), not as the Hub spells
    it, which the JSON keeps."""
    repo = two_datasets(hub, "our own web crawl")
    dolma = "https://huggingface.co/datasets/allenai/dolma"
    assert links(check(repo, code=None))[dolma]["answer"] == "odc-by"
    assert f"dataset: {dolma} — ODC-By-1.0" in followed_lines(repo)


@pytest.mark.parametrize("library", ["huggingface/datasets", "huggingface/tokenizers"])
def test_a_library_of_the_producers_own_organisation_releases_nothing_of_its_model(
    library: str, hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """HuggingFaceTB's repositories include github.com/huggingface (rules/links.yaml `owners`):
    a SmolLM card linking the datasets or tokenizers library for its data preparation made
    that library SmolLM's own data preprocessing code."""
    url = f"https://github.com/{library}"
    repo_id = model(
        hub,
        "HuggingFaceTB/library-linker",
        {"license": "apache-2.0"},
        [heading("Data preprocessing"), link("prepared with this library", url)],
    )
    target = check(repo_id, code=None)
    assert links(target)[url]["kind"] == "third-party-code"
    assert component(target, "data-preprocessing-code")["presence"] == "unknown"


def test_the_repository_of_a_manifest_given_with_manifest_is_followed(
    github: LoopbackGitHub, tmp_path: Path
) -> None:
    """`osai check DIR --manifest m.yml --follow` read nothing of the repository the manifest
    names, which `osai check m.yml --follow` reads: the links were followed before the
    manifest was merged, so neither its `repository` nor its `producer` counted."""
    declared = neox_manifest(tmp_path, NEOX)
    directory = tmp_path / "model"
    directory.mkdir()
    (directory / "README.md").write_text("# GPT-NeoX-20B\n\nA language model.\n")
    followed = check(str(directory), "--manifest", str(declared), "--follow")
    assert [(link["kind"], link["url"]) for link in followed["links"]] == [("producer-code", NEOX)]
    training = component(followed, "training-code")
    assert training["presence"] == "present" and training["licence"]["text"] == "Apache-2.0"
    assert check(str(directory), "--manifest", str(declared))["links"] == []  # only when asked


def test_a_hub_model_s_links_are_judged_for_its_organisation_with_a_manifest(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """A Hub model's manifest spells its producer its own way ("EleutherAI AI Institute" for
    EleutherAI, "Meta" for meta-llama): followed for that producer, the card's links to the
    organisation's own GitHub namesake read as third-party code, and its training code (in
    EleutherAI/gpt-neox) stayed unknown.  The Hub's organisation stays the linking producer;
    the report names the manifest's."""
    data = yaml.safe_load((ROOT / "examples" / "pythia-70m.yml").read_text())
    data["release"]["producer"] = "EleutherAI AI Institute"
    data["release"].pop("repository")
    data["release"]["components"] = [
        c for c in data["release"]["components"] if c["name"] != "Training code"
    ]
    declared = tmp_path / "pythia.yml"
    declared.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    target = check(PYTHIA, "--manifest", str(declared))
    neox = "https://github.com/EleutherAI/gpt-neox"
    assert links(target)[neox]["kind"] == "producer-code"
    assert component(target, "training-code")["presence"] == "present"
    assert target["producer"] == "EleutherAI AI Institute"


def test_a_producer_s_repository_that_is_archived_or_a_fork_says_so(
    hub: LoopbackHub, github: LoopbackGitHub
) -> None:
    """GitHub's `fork` and `archived` were read and never said: a reader weighs the producer's
    code by them (an archived repository is read-only, no longer maintained)."""
    fixture = json.loads((LINKS / "github" / "EleutherAI__gpt-neox.json").read_text("utf-8"))
    fixture["repo"].update(fork=True, archived=True)
    github.add_repo(fixture)
    answer = links(check("EleutherAI/gpt-neox-20b"))[NEOX]["answer"]
    assert answer.startswith("Apache-2.0; a fork; archived; shows: "), answer
    fixture["repo"].update(fork=False, archived=None)
    github.add_repo(fixture)
    answer = links(check("EleutherAI/gpt-neox-20b"))[NEOX]["answer"]
    assert answer.startswith("Apache-2.0; shows: "), answer


# --- documents in the producer's repository ------------------------------------------------------

GRANITE_REPO = "ibm-granite__granite-3.0-language-models"


def repository_holding(github: LoopbackGitHub, full_name: str, *paths: str) -> str:
    """A copy of granite's repository (Apache-2.0, a LICENSE and a README) holding `paths`
    instead of its paper.pdf and figures."""
    data = github_copy(GRANITE_REPO, full_name, html_url=f"https://github.com/{full_name}")
    kept = [e for e in data["tree"]["tree"] if e["path"] in ("LICENSE", "README.md")]
    files = [{"path": path, "type": "blob", "size": 1000} for path in paths]
    data["tree"] = {**data["tree"], "tree": [*kept, *files]}
    github.add_repo(data)
    return f"https://github.com/{full_name}"


def documented(hub: LoopbackHub, repo_id: str, url: str) -> dict[str, Any]:
    """The technical report of a model whose card links `url` as its code."""
    outline = [heading("Model Sources"), link("GitHub", url)]
    return component(
        check(model(hub, repo_id, {"license": "apache-2.0"}, outline)), "technical-report"
    )


def test_a_report_of_this_model_after_another_s_is_credited_and_cited(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Of two reports only the first's name was checked: another model's (docs/llama-3-tech-
    report.pdf) came first, so granite's own granite-tech-report.pdf was never credited."""
    url = repository_holding(
        github, "ibm-granite/granite-lab", "docs/llama-3-tech-report.pdf", "granite-tech-report.pdf"
    )
    report = documented(hub, "ibm-granite/granite-lab-8b", url)
    assert report["presence"] == "present", report
    (shown,) = [e for e in report["evidence"] if e["source"] == "github"]
    assert shown["value"].endswith("tree: granite-tech-report.pdf"), shown
    assert "llama" not in json.dumps(report)


@pytest.mark.parametrize(
    ("path", "credited"),
    [
        ("docs/granite-lab-8b.pdf", True),
        ("paper/Granite_Lab.pdf", True),
        ("report/granite-lab-8b-instruct.pdf", False),  # instruct: another model of the family
        ("granite-lab.pdf", True),  # DeepSeek-V3's DeepSeek_V3.pdf
        ("docs/granite-lab-8b-slides.pdf", False),  # slides, not a report
        ("paper/figures/granite-lab-8b.pdf", False),  # a figure of the paper
        ("figures/granite-lab-8b.pdf", False),
        ("docs/ibm.pdf", False),  # the organisation's name names no model
        ("docs/8b.pdf", False),
        ("docs/llama-3-8b.pdf", False),
        ("docs/granite-lab-8b.png", False),
    ],
)
def test_a_pdf_named_for_the_model_is_its_technical_report(
    path: str, credited: bool, hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A PDF whose name is the model's, at the top of its producer's repository or directly in
    docs/, paper/, report/ (rules/links.yaml documents.named_for_model): no file kind takes
    docs/granite-lab-8b.pdf, so it was not credited; a name with other words, another
    directory, another model or no model's name at all is not this model's document."""
    url = repository_holding(github, "ibm-granite/granite-lab", path)
    report = documented(hub, "ibm-granite/granite-lab-8b", url)
    shown = [e for e in report["evidence"] if e["source"] == "github"]
    if not credited:
        assert shown == [], shown
        return
    assert report["presence"] == "present", report
    (cited,) = shown
    assert cited["value"] == f"PDF named for the model: tree: {path}", cited
    assert cited["certainty"] == "inferred"
    assert report["licence"]["text"] == "Apache-2.0"
