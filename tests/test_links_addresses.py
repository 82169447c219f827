"""Links a card writes to a page inside a resource (a file, a folder, the viewer), not to the
resource itself: each is followed to the resource it sits in.  Real loopback servers
(tests/loopback_*.py), the command line run in process, as a user would."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from clirunner import run_osai
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from test_links import _hub_endpoint as _hub_endpoint  # autouse: HF_ENDPOINT at the loopback Hub
from test_links import check, heading, link, links, messages, model, requirement

WIKI_DPR = "https://huggingface.co/datasets/wiki_dpr"


def test_a_link_into_a_dataset_without_a_namespace_is_the_dataset_s(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A dataset with no namespace (wiki_dpr, c4, squad) linked at its viewer or one of its files
    was read as the dataset `wiki_dpr/viewer`: "no such dataset on the Hub (a broken reference)",
    a warning against a card whose link works, and the dataset itself never read."""
    outline = [
        heading("Training data"),
        link("viewer", f"{WIKI_DPR}/viewer/psgs_w100.nq.exact/train"),
        link("card", f"{WIKI_DPR}/blob/main/README.md"),
        link("files", f"{WIKI_DPR}/tree/main"),
    ]
    target = check(model(hub, "EleutherAI/wiki-tester", {"license": "apache-2.0"}, outline))
    assert list(links(target)) == [WIKI_DPR]
    assert links(target)[WIKI_DPR]["found"] is True
    assert not [m for m in messages(target, "warning") if "not found on the Hub" in m]


def test_a_base_model_whose_licence_only_its_gating_prompt_names_binds_as_it_does_itself(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Falcon-180B's card says `license: unknown`; its gating prompt names the Falcon-180B TII
    license, as its own check reads it.  As a base model it answered "unknown", and a fine-tune
    declaring Apache-2.0 passed as Apache-2.0 although that licence binds derivatives."""
    card = {"license": "apache-2.0", "base_model": "tiiuae/falcon-180B"}
    target = check(model(hub, "acme/falcon-apache", card, [heading("Model details")]), code=None)
    base = links(target)["https://huggingface.co/tiiuae/falcon-180B"]
    assert base["answer"] == "Falcon-180B TII license"  # as its prompt spells it
    conflict = next(m for m in messages(target) if "base model tiiuae/falcon-180B" in m)
    assert "declared Apache-2.0" in conflict and "applies to derivatives" in conflict
    weights = requirement(target, "OSAID-PARAMETERS")
    assert weights["status"] == "unmet"
    assert "LicenseRef-falcon-180b-tii" in weights["licence"]


def test_a_base_model_s_record_kept_before_it_held_the_gating_prompt_is_still_read(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A base model's record kept by an earlier osai, without the gating prompt, is a record
    osai keeps, not a damaged answer: offline, the base is still read from it."""
    card = {"license": "apache-2.0", "base_model": "tiiuae/falcon-180B"}
    repo_id = model(hub, "acme/falcon-apache", card, [heading("Model details")])
    check(repo_id, code=None)
    kept = sorted((Path(os.environ["OSAI_CACHE_DIR"]) / "answers").glob("*.json"))
    records = [p for p in kept if "osai-hub-record:models/tiiuae/falcon-180B" in p.read_text()]
    assert records
    for path in records:
        answer = json.loads(path.read_text(encoding="utf-8"))
        record = json.loads(base64.b64decode(answer["body"]))
        del record["gating_texts"]
        answer["body"] = base64.b64encode(json.dumps(record).encode()).decode()
        path.write_text(json.dumps(answer), encoding="utf-8")
    result = run_osai("check", repo_id, "--offline", "--no-public-assessments", "--format", "json")
    assert "damaged answer" not in result.stderr
    target = json.loads(result.stdout)["targets"][0]
    assert links(target)["https://huggingface.co/tiiuae/falcon-180B"]["read"] is True


def test_a_base_model_whose_licence_only_its_licence_link_names_binds(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A base whose card says `license: other` with only a license_link to the Llama 2 licence
    answered "other"; as its own check reads it, it is under Llama 2, which binds derivatives."""
    base = {"license": "other", "license_link": "https://ai.meta.com/llama/license/"}
    model(hub, "acme/llama-base", base, [heading("Model details")])
    card = {"license": "apache-2.0", "base_model": "acme/llama-base"}
    target = check(model(hub, "acme/llama-apache", card, [heading("Model details")]), code=None)
    assert links(target)["https://huggingface.co/acme/llama-base"]["answer"] == "LicenseRef-llama2"
    assert "LicenseRef-llama2" in requirement(target, "OSAID-PARAMETERS")["licence"]


def test_an_old_style_arxiv_id_written_out_is_the_paper_its_address_would_be(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A card saying "Our paper: arXiv:hep-th/9901001" had no paper at all, while a link to
    arxiv.org/abs/hep-th/9901001 was read: an arXiv id from before 2007 written out is read as
    its address is."""
    arxiv.add_record({"id": "hep-th/9901001", "title": "An old paper"})
    outline = [heading("Old"), {"kind": "fact", "note": "Our paper: arXiv:hep-th/9901001v2"}]
    target = check(model(hub, "EleutherAI/old-paper", {"license": "apache-2.0"}, outline))
    assert links(target)["https://arxiv.org/abs/hep-th/9901001"]["found"] is True


def test_the_settle_line_counts_the_links_no_server_answered(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """With GitHub and arXiv unreachable, Pythia-70M's report said "1 of 5 linked resources
    read" and nothing of the other four, as if the card linked one thing worth reading."""
    nowhere = {"GITHUB_API_URL": "http://127.0.0.1:9", "OSAI_ARXIV_URL": "http://127.0.0.1:9"}
    result = run_osai("check", "EleutherAI/pythia-70m", "--no-public-assessments", env=nowhere)
    said = " ".join(result.stdout.split())
    assert "1 of 5 linked resources read (4 could not be read);" in said, said


def test_a_dataset_linked_at_the_hub_s_short_address_is_read(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """hf.co is the Hub's own short address, read for a model (`base_model: https://hf.co/...`);
    a training dataset linked at hf.co/datasets/allenai/dolma was not seen at all."""
    outline = [heading("Training data"), link("Dolma", "https://hf.co/datasets/allenai/dolma")]
    target = check(model(hub, "EleutherAI/short-link", {"license": "apache-2.0"}, outline))
    assert links(target)["https://huggingface.co/datasets/allenai/dolma"]["answer"] == "odc-by"
