"""Links a card writes to a page inside a resource (a file, a folder, the viewer), not to the
resource itself: each is followed to the resource it sits in.  Real loopback servers
(tests/loopback_*.py), the command line run in process, as a user would."""

from __future__ import annotations

from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from test_links import _hub_endpoint as _hub_endpoint  # autouse: HF_ENDPOINT at the loopback Hub
from test_links import check, heading, link, links, messages, model

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
    assert not [m for m in messages(target, "warning") if "no such dataset" in m]
