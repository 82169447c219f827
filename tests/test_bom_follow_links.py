"""`osai check --follow BOM`: the Hub datasets, arXiv papers and base models an AI BOM names for
the model are read as a card's links of that kind are, through the one link planner (its cap and
order, the answer cache, the report's "Links followed"), from the loopback Hub and arXiv
(tests/loopback_hub.py, tests/loopback_arxiv.py).  It followed only the code repository a BOM
names.  Each check runs the command line in process, as a user would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import ROOT, run_osai
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from test_bom import cyclonedx_errors, spdx_objects
from test_links import LINKS, check, component, heading, messages, model, requirement

PILE = "https://huggingface.co/datasets/EleutherAI/pile"
DOLMA = "https://huggingface.co/datasets/allenai/dolma"
PYTHIA_PAPER = "https://arxiv.org/abs/2304.01373"
LLAMA = "meta-llama/Llama-2-7b-hf"


def report(*args: str) -> dict[str, Any]:
    """The JSON report of `osai check ARGS`, public assessments as a user gets them."""
    result = run_osai("check", *args, "--format", "json")
    assert result.code in (0, 1), result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target


def named_links(target: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The links followed that are no code repository: (kind, url, what it answered)."""
    code = ("producer-code", "third-party-code")
    return [(k["kind"], k["url"], k["answer"]) for k in target["links"] if k["kind"] not in code]


def statuses(target: dict[str, Any]) -> dict[str, str]:
    return {r["id"]: r["status"] for f in target["frameworks"] for r in f["requirements"]}


def outcomes(target: dict[str, Any]) -> dict[str, str]:
    return {f["id"]: f["outcome"] for f in target["frameworks"]}


@pytest.mark.parametrize("name", ["cyclonedx", "spdx"])
def test_osai_s_bom_of_a_hub_model_follows_its_datasets_and_paper_to_the_same_verdicts(
    linked_world: LoopbackHub, tmp_path: Path, name: str
) -> None:
    """`osai check EleutherAI/pythia-70m -o x.json`, then `osai check x.json --follow`: the BOM
    names the Pile (a data component on the Hub) and the Pythia paper (arXiv), and followed
    neither.  They are read as the Hub check reads them, with the same answers (the Pile gives
    no licence, the paper none recorded) and the same verdicts.  The code repositories the Hub
    check reads are the card's links and the MOT listing's, which the BOM names for parts, not
    as the model's own code (a vcs reference of the model: test_bom_follow)."""
    path = tmp_path / f"pythia.{name}.json"
    written = run_osai("check", "EleutherAI/pythia-70m", "-o", f"{name}={path}")
    assert written.code == 0, written.stderr
    hub = report("EleutherAI/pythia-70m")
    followed = report(str(path), "--follow")
    assert (
        named_links(followed)
        == named_links(hub)
        == [
            ("dataset", PILE, "licence not given"),
            ("paper", PYTHIA_PAPER, "no licence recorded"),
        ]
    )
    assert statuses(followed) == statuses(hub)
    assert outcomes(followed) == outcomes(hub)
    datasets = component(followed, "datasets")
    assert any(e["location"] == PILE for e in datasets["evidence"])  # the link's, as the Hub's
    assert any("the Hub settles no licence for a dataset" in m for m in messages(followed))


@pytest.mark.parametrize("name", ["cyclonedx", "spdx"])
def test_osai_s_bom_of_a_fine_tune_names_its_base_model_and_follows_it(
    linked_world: LoopbackHub, tmp_path: Path, name: str
) -> None:
    """A fine-tune of Llama 2 whose card says Apache-2.0: the Hub check reads its base model, and
    the BOM osai wrote of it named none (only an osai:fact property), so the BOM's --follow read
    no lineage.  The BOM states it as the format does (a pedigree ancestor; an AI package the
    model is descendantOf), a valid BOM, and follows it to the Hub check's links and verdicts."""
    card = {"license": "apache-2.0", "base_model": LLAMA}
    repo_id = model(linked_world, "acme/llama-2-7b-chat-apache", card, [heading("Model")])
    path = tmp_path / f"fine-tune.{name}.json"
    written = run_osai("check", repo_id, "-o", f"{name}={path}")
    assert written.code in (0, 1), written.stderr
    text = path.read_text()
    if name == "cyclonedx":
        assert cyclonedx_errors(text) == []
    else:
        assert spdx_objects(text)
    assert f"pkg:huggingface/{LLAMA}" in text
    hub = report(repo_id)
    followed = report(str(path), "--follow")
    assert named_links(followed) == named_links(hub)
    assert [kind for kind, _, _ in named_links(hub)] == ["base-model"]
    assert statuses(followed) == statuses(hub) and outcomes(followed) == outcomes(hub)
    assert followed["base_models"] == [f"pkg:huggingface/{LLAMA}"]
    assert not any("maps to no MOF component" in m for m in messages(followed))


# --- BOMs of another tool's making --------------------------------------------------------------


def cyclonedx(
    path: Path,
    *,
    datasets: tuple[str, ...] = (),
    papers: tuple[str, ...] = (),
    ancestors: tuple[dict[str, Any], ...] = (),
    purl: str = "",
) -> Path:
    """A CycloneDX 1.6 ML-BOM of acme/tester (Apache-2.0), its training datasets data components
    at these addresses (placed by a build workflow, as CycloneDX says a role), its papers
    `documentation` references, its base models pedigree ancestors."""
    model: dict[str, Any] = {
        "type": "machine-learning-model",
        "bom-ref": "model",
        "group": "acme",
        "name": "tester",
        "licenses": [{"license": {"id": "Apache-2.0"}}],
        "externalReferences": [{"type": "documentation", "url": url} for url in papers],
        "modelCard": {
            "modelParameters": {"datasets": [{"ref": f"data-{n}"} for n in range(len(datasets))]}
        },
    }
    if purl:
        model["purl"] = purl
    if ancestors:
        model["pedigree"] = {"ancestors": list(ancestors)}
    data = [
        {
            "type": "data",
            "bom-ref": f"data-{n}",
            "name": f"dataset {n}",
            "data": [{"type": "dataset", "name": f"dataset {n}", "contents": {"url": url}}],
        }
        for n, url in enumerate(datasets)
    ]
    build = {
        "bom-ref": "training",
        "uid": "training",
        "taskTypes": ["build"],
        "inputs": [{"resource": {"ref": f"data-{n}"}} for n in range(len(datasets))],
        "outputs": [{"resource": {"ref": "model"}}],
    }
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {"component": model},
        "components": data,
        "formulation": [{"bom-ref": "formula", "workflows": [build]}] if datasets else [],
    }
    path.write_text(json.dumps(bom, indent=2), encoding="utf-8")
    return path


def ancestor(purl: str = "", url: str = "", name: str = "base") -> dict[str, Any]:
    found: dict[str, Any] = {"type": "machine-learning-model", "name": name}
    if purl:
        found["purl"] = purl
    if url:
        found["externalReferences"] = [{"type": "website", "url": url}]
    return found


SPDX = "https://example.org/spdxdocs/acme#"
SPDX_CREATION = {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1",
                 "createdBy": [SPDX + "acme"], "created": "2025-01-01T00:00:00Z"}  # fmt: skip


def spdx_element(kind: str, local: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "spdxId": SPDX + local, "creationInfo": "_:ci", **fields}


def spdx_relation(source: str, kind: str, target: str) -> dict[str, Any]:
    ends = {"from": SPDX + source, "to": [SPDX + target]}
    return spdx_element("Relationship", f"{source}-{kind}-{target}", relationshipType=kind, **ends)


def spdx(path: Path, *, datasets: tuple[str, ...] = (), base: str = "", lineage: str = "") -> Path:
    """An SPDX 3.0.1 document of acme/tester (Apache-2.0), `trainedOn` dataset packages
    downloaded from these addresses, and a base AI package of purl `base`, related to it as
    `lineage` says (descendantOf: the model descends from it; ancestorOf: it is the model's)."""
    graph = [
        SPDX_CREATION,
        spdx_element("Organization", "acme", name="acme"),
        spdx_element("ai_AIPackage", "tester", name="acme/tester", software_primaryPurpose="model"),
        spdx_element(
            "simplelicensing_LicenseExpression",
            "apache",
            simplelicensing_licenseExpression="Apache-2.0",
        ),
        spdx_relation("tester", "hasDeclaredLicense", "apache"),
    ]
    for n, url in enumerate(datasets):
        graph += [
            spdx_element(
                "dataset_DatasetPackage",
                f"data-{n}",
                name=f"dataset {n}",
                software_downloadLocation=url,
                dataset_datasetType=["text"],
            ),
            spdx_relation("tester", "trainedOn", f"data-{n}"),
        ]
    if base:
        graph.append(
            spdx_element(
                "ai_AIPackage", "base", name="base", software_primaryPurpose="model",
                software_packageUrl=base,
            )
        )  # fmt: skip
        pair = ("tester", "base") if lineage == "descendantOf" else ("base", "tester")
        graph.append(spdx_relation(pair[0], lineage, pair[1]))
    document = {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph}
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def a_bom(tmp_path: Path, form: str, *datasets: str) -> Path:
    if form == "cyclonedx":
        return cyclonedx(tmp_path / "tester.cdx.json", datasets=datasets)
    return spdx(tmp_path / "tester.spdx.json", datasets=datasets)


def dolma_variants(hub: LoopbackHub) -> None:
    """allenai/dolma (odc-by), and its copies: under CC-BY-NC-4.0, taken down, gated."""
    dolma = json.loads((LINKS / "datasets" / "allenai__dolma.json").read_text("utf-8"))
    hub.add_dataset({**dolma, "id": "allenai/dolma-nc", "cardData": {"license": "cc-by-nc-4.0"}})
    hub.add_dataset({**dolma, "id": "allenai/dolma-removed", "disabled": True})
    hub.add_dataset({**dolma, "id": "allenai/dolma-gated", "gated": "manual"})


@pytest.mark.parametrize("form", ["cyclonedx", "spdx"])
@pytest.mark.parametrize(
    ("dataset", "licence", "said"),
    [
        ("allenai/dolma", "odc-by", ""),
        ("allenai/dolma-nc", "cc-by-nc-4.0", ""),
        ("allenai/dolma-removed", None, "taken down on the Hub, no longer obtainable"),
        (
            "allenai/dolma-gated",
            "odc-by",
            "is gated (manual): obtaining it needs an access request",
        ),
        ("c4", "odc-by", "dataset c4 now lives at legacy-datasets/c4"),
        ("nobody/no-such-dataset", None, "not found on the Hub (it does not exist, or it is"),
    ],
    ids=["licensed", "non-commercial", "taken-down", "gated", "moved", "missing"],
)
def test_a_bom_s_training_dataset_gives_what_the_same_dataset_on_a_card_gives(
    linked_world: LoopbackHub,
    tmp_path: Path,
    form: str,
    dataset: str,
    licence: str | None,
    said: str,
) -> None:
    """The BOM's data component (CycloneDX, placed as training data by a build workflow; SPDX 3,
    a dataset package the model is trainedOn, downloaded from the Hub) gives no licence: the
    dataset's Hub record settles it, is gated, taken down, moved or missing, as for a card
    naming it in `datasets:`.  Without --follow nothing is asked of the Hub."""
    dolma_variants(linked_world)
    path = a_bom(tmp_path, form, f"https://huggingface.co/datasets/{dataset}")
    offline = check(str(path))
    assert not linked_world.find_requests(r"^/api/datasets/") and offline["links"] == []
    assert component(offline, "datasets")["licence"] is None
    followed = check(str(path), "--follow", code=None)
    card = check(dataset_card(linked_world, dataset), code=None)
    assert named_links(followed) == named_links(card)
    assert len(named_links(followed)) == 1
    found = component(followed, "datasets")
    assert (
        (found["licence"] or {}).get("text")
        == licence
        == (component(card, "datasets")["licence"] or {}).get("text")
    )
    if said:
        assert any(said in m for m in messages(followed))
    for each in ("MOF-C1-DATASETS", "OSAID-DATA-PUBLIC-SOURCES"):
        assert requirement(followed, each)["status"] == requirement(card, each)["status"]


def dataset_card(hub: LoopbackHub, dataset: str) -> str:
    card = {"license": "apache-2.0", "datasets": [dataset]}
    return model(hub, "acme/tester", card, [heading("Training data")])


@pytest.mark.parametrize("form", ["cyclonedx", "spdx"])
def test_a_dataset_named_off_the_hub_leaves_the_datasets_licence_unknown(
    linked_world: LoopbackHub, tmp_path: Path, form: str
) -> None:
    """Two training datasets, one on the Hub (odc-by) and one at another site: the Hub one's
    licence is not the training data's (the other's is not known), as for a card's dataset no
    Hub id names.  A dataset hosted elsewhere is no slip: no warning, and not asked for."""
    path = a_bom(tmp_path, form, DOLMA, "https://commoncrawl.org/")
    target = check(str(path), "--follow")
    assert [url for _, url, _ in named_links(target)] == [DOLMA]
    assert component(target, "datasets")["licence"] is None
    (note,) = [m for m in messages(target) if "the Hub settles no licence" in m]
    assert "https://commoncrawl.org/: not on the Hub" in note
    assert not any("commoncrawl" in m for m in messages(target, "warning"))
    assert [r.path for r in linked_world.find_requests(r"^/api/datasets/")] == [
        "/api/datasets/allenai/dolma"
    ]


def test_a_bom_s_arxiv_paper_is_read_for_the_component_it_is_named_for(
    linked_world: LoopbackHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """A `documentation` reference to arXiv is the model's research paper (rules/bom.yaml): its
    licence is the one arXiv records, as for a card's own paper; a DOI is not asked of arXiv."""
    arxiv.add_record({"id": "2304.01373", "license": "http://creativecommons.org/licenses/by/4.0/"})
    papers = (f"{PYTHIA_PAPER}v2", "https://doi.org/10.1000/xyz")
    target = check(str(cyclonedx(tmp_path / "tester.cdx.json", papers=papers)), "--follow")
    assert named_links(target) == [("paper", PYTHIA_PAPER, "CC-BY-4.0")]
    paper = component(target, "research-paper")
    assert paper["licence"]["text"] == "CC-BY-4.0"
    assert [r.query for r in arxiv.requests if "identifier" in r.query] == [
        r.query for r in arxiv.requests
    ]
    assert len(arxiv.requests) == 1
    assert requirement(target, "MOF-C1-RESEARCH-PAPER")["status"] == "met"


def a_fine_tune(tmp_path: Path, stated: str) -> Path:
    """A BOM of acme/tester stating Llama 2 (7B) as its base, as `stated`."""
    purl, page = f"pkg:huggingface/{LLAMA}", f"https://huggingface.co/{LLAMA}"
    if stated == "pedigree-purl":
        return cyclonedx(tmp_path / "t.cdx.json", ancestors=(ancestor(purl=purl),))
    if stated == "pedigree-url":
        return cyclonedx(tmp_path / "t.cdx.json", ancestors=(ancestor(url=page),))
    return spdx(tmp_path / "t.spdx.json", base=f"{purl}@abc", lineage=stated)


@pytest.mark.parametrize("stated", ["pedigree-purl", "pedigree-url", "descendantOf", "ancestorOf"])
def test_a_base_model_the_bom_states_binds_it_as_a_card_s_base_model_does(
    linked_world: LoopbackHub, tmp_path: Path, stated: str
) -> None:
    """A fine-tune of Llama 2 whose BOM says Apache-2.0, its base stated as the formats state
    one (a CycloneDX pedigree ancestor; SPDX 3 descendantOf or ancestorOf): the lineage is read
    from the Hub, and Llama 2's licence binds the parameters, as for a card's `base_model`."""
    path = str(a_fine_tune(tmp_path, stated))
    target = check(path, "--follow", code=None)
    assert [(kind, url) for kind, url, _ in named_links(target)] == [
        ("base-model", f"https://huggingface.co/{LLAMA}")
    ]
    conflict = next(m for m in messages(target) if f"base model {LLAMA}" in m)
    assert "declared Apache-2.0" in conflict and "Llama 2" in conflict
    weights = requirement(target, "OSAID-PARAMETERS")
    assert weights["status"] == "unmet" and "LicenseRef-llama2" in weights["licence"]
    assert target["base_models"] != []
    # offline, nothing read: the base may bind the parameters (met took the BOM's word)
    offline = requirement(check(path, code=None), "OSAID-PARAMETERS")
    assert offline["status"] == "unknown"
    assert f"unless base model {LLAMA} (not followed) binds" in offline["reason"]


def test_a_base_model_the_bom_names_off_the_hub_is_warned_of_and_not_asked_for(
    linked_world: LoopbackHub, tmp_path: Path
) -> None:
    """A pedigree ancestor with no Hub address (its licence may bind the model): a warning, as
    for a card's base_model that is no Hub id, and no request; one naming the model itself is
    no base (a note); one naming nothing at all says nothing."""
    ancestors = (
        ancestor(name="in-house-base"),
        ancestor(purl="pkg:huggingface/acme/tester@1234"),
        ancestor(name=" "),
    )
    path = cyclonedx(
        tmp_path / "t.cdx.json", ancestors=ancestors, purl="pkg:huggingface/acme/tester"
    )
    target = check(str(path), "--follow")
    assert target["links"] == [] and not linked_world.find_requests(r"^/api/models/")
    (warning,) = [m for m in messages(target, "warning") if m.startswith("pedigree ancestor")]
    assert warning.startswith("pedigree ancestor 'in-house-base' names no Hub model")
    assert any(m.endswith("names this model itself") for m in messages(target, "note"))


def test_a_lineage_back_to_the_model_its_bom_names_is_cut_there(
    linked_world: LoopbackHub, tmp_path: Path
) -> None:
    """The BOM's model is acme/tester (its purl); its base acme/parent names acme/tester as its
    own base: the model is not its own ancestor, so its Hub record is not read as one."""
    card = {"license": "llama2", "base_model": "acme/tester"}
    model(linked_world, "acme/parent", card, [heading("Model details")])
    model(linked_world, "acme/tester", {"license": "llama2"}, [heading("Model details")])
    path = cyclonedx(
        tmp_path / "t.cdx.json",
        ancestors=(ancestor(purl="pkg:huggingface/acme/parent"),),
        purl="pkg:huggingface/acme/tester@0123",
    )
    target = check(str(path), "--follow", code=None)
    assert [url for _, url, _ in named_links(target)] == ["https://huggingface.co/acme/parent"]
    cycle = "base model acme/parent names acme/tester as its base: a cycle"
    assert any(cycle in m for m in messages(target, "warning"))
    assert not linked_world.find_requests(r"^/api/models/acme/tester")


def test_the_cap_reads_datasets_before_papers_before_base_models(
    linked_world: LoopbackHub, tmp_path: Path
) -> None:
    """One link planner: rules/links.yaml's order, within --max-links, the rest counted."""
    path = cyclonedx(
        tmp_path / "t.cdx.json",
        datasets=(DOLMA,),
        papers=(PYTHIA_PAPER,),
        ancestors=(ancestor(purl=f"pkg:huggingface/{LLAMA}"),),
    )
    target = check(str(path), "--follow", "--max-links", "1", code=None)
    assert [kind for kind, _, _ in named_links(target)] == ["dataset"]
    assert any(m.startswith("1 more linked resource(s) not read") for m in messages(target))
    assert any(m.startswith("1 more base model(s) not read") for m in messages(target, "warning"))


def test_a_bom_s_dataset_read_once_is_kept_for_an_offline_check(
    linked_world: LoopbackHub, tmp_path: Path
) -> None:
    path = str(a_bom(tmp_path, "cyclonedx", DOLMA))
    check(path, "--follow")
    asked = len(linked_world.requests)
    offline = check(path, "--follow", "--offline")
    assert len(linked_world.requests) == asked
    (link,) = offline["links"]
    assert link["url"] == DOLMA and link["cached"]["because"] == "--offline"
    assert component(offline, "datasets")["licence"]["text"] == "odc-by"


def test_a_bom_naming_thousands_of_links_reads_within_the_cap_in_bounded_words(
    linked_world: LoopbackHub, arxiv: LoopbackArxiv, github: LoopbackGitHub, tmp_path: Path
) -> None:
    """Any string may be anything, and a list any length: 3,000 datasets (on the Hub, off it,
    unparsable), papers and ancestors are read within the cap, never asked for beyond it, and
    said in bounded words."""
    datasets = (
        DOLMA,
        *(f"https://huggingface.co/datasets/acme/data-{n}" for n in range(1000)),
        *(f"https://example.org/data/{n}" for n in range(1000)),
        *("https://[oops/x", "x" * 100_000, "\u0000\n\u202e", "huggingface.co/datasets/../x"),
    )
    papers = tuple(f"https://arxiv.org/abs/2304.{n:05d}" for n in range(1000))
    ancestors = tuple(ancestor(purl=f"pkg:huggingface/acme/base-{n}") for n in range(1000))
    path = cyclonedx(tmp_path / "t.cdx.json", datasets=datasets, papers=papers, ancestors=ancestors)
    target = check(str(path), "--follow", "--max-links", "3", code=None)
    assert len(target["links"]) == 3
    assert len(linked_world.find_requests(r"^/api/datasets/")) == 3 and arxiv.requests == []
    assert not linked_world.find_requests(r"^/api/models/")
    assert all(len(m) < 2000 for m in messages(target))
    (note,) = [m for m in messages(target) if "the Hub settles no licence" in m]
    # 2 not on the Hub, 998 beyond the cap, 1,004 elsewhere: 8 said, the rest counted
    assert "; +1,996 more)" in note
    offline = check(str(path), code=None)  # the BOM's own parts: one piece of evidence each
    assert len(json.dumps(target)) - len(json.dumps(offline)) < 50_000


def test_without_follow_a_bom_s_links_are_not_read(
    linked_world: LoopbackHub, arxiv: LoopbackArxiv, github: LoopbackGitHub, tmp_path: Path
) -> None:
    """A pre-release check works offline: a BOM naming a dataset, a paper and a base model is
    judged on what it states, and nothing is asked of the Hub, arXiv or GitHub."""
    path = cyclonedx(
        tmp_path / "t.cdx.json",
        datasets=(DOLMA,),
        papers=(PYTHIA_PAPER,),
        ancestors=(ancestor(purl=f"pkg:huggingface/{LLAMA}"),),
    )
    target = check(str(path))
    assert target["links"] == []
    assert (linked_world.requests, arxiv.requests, github.requests) == ([], [], [])


def test_a_bom_following_nothing_it_names_says_so(tmp_path: Path) -> None:
    """No Hub dataset (one elsewhere), no arXiv paper (a DOI), no base model, no repository."""
    path = cyclonedx(
        tmp_path / "t.cdx.json",
        datasets=("https://commoncrawl.org/",),
        papers=("https://doi.org/10.1000/xyz",),
    )
    target = check(str(path), "--follow")
    assert target["links"] == []
    (note,) = [m for m in messages(target) if m.startswith("--follow:")]
    assert "and the BOM no Hub dataset, arXiv paper or Hub base model" in note


def test_osai_s_spdx_intermediate_checkpoints_are_no_base_model(tmp_path: Path) -> None:
    """osai writes the final parameters `descendantOf` the intermediate checkpoints: a part it
    marks, not a model the release derives from."""
    manifest = ROOT / "examples" / "pythia-70m.yml"
    result = run_osai("check", str(manifest), "-o", f"spdx={tmp_path / 'p.json'}")
    assert result.code == 0, result.stderr
    text = (tmp_path / "p.json").read_text()
    assert '"descendantOf"' in text and spdx_objects(text)
    target = check(str(tmp_path / "p.json"), "--follow", "--offline", code=None)
    assert not any(link["kind"] == "base-model" for link in target["links"])
    assert target["base_models"] == []
