"""Following links when the network is not kind, and when the release already declares what a
link shows: a big repository, a manifest's own word.  Real loopback servers (tests/loopback_*.py),
the command line run in process."""

from __future__ import annotations

import json
from typing import Any

from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from test_links import LINKS, PYTHIA, check, component, links, messages
from test_links import _hub_endpoint as _hub_endpoint  # autouse: HF_ENDPOINT at the loopback Hub

NEOX = "https://github.com/EleutherAI/gpt-neox"


def neox_with_files(count: int, path_length: int) -> dict[str, Any]:
    """gpt-neox's fixture with `count` more files, each path `path_length` characters long: a
    repository as big as a benchmark suite (lm-evaluation-harness lists thousands of tasks)."""
    neox: dict[str, Any] = json.loads(
        (LINKS / "github" / "EleutherAI__gpt-neox.json").read_text("utf-8")
    )
    stem = "tasks/" + "t" * max(path_length - 22, 1)
    neox["tree"]["tree"].extend(
        {"path": f"{stem}/{n:06}/config.yaml", "type": "blob", "size": 100} for n in range(count)
    )
    return neox


def test_a_file_list_of_a_few_megabytes_is_read(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """GitHub answers a recursive tree of up to 100,000 entries and 7 MB.  A producer's
    repository of 40,000 files (a 3 MB answer) failed whole, "larger than 1,048,576 bytes, the
    most osai reads", on the cap meant for one file: its licence and its training code lost."""
    github.add_repo(neox_with_files(40_000, 40))
    target = check(PYTHIA)
    assert links(target)[NEOX]["read"] is True
    training = component(target, "training-code")
    assert training["presence"] == "present"
    assert training["licence"]["text"] == "Apache-2.0"


def test_a_file_list_too_large_to_read_keeps_the_repository_s_licence(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A tree beyond any sane size is not read, and says so; what the repository's own answer
    said (its licence) still stands, and the link is listed as read."""
    github.add_repo(neox_with_files(100_000, 200))
    target = check(PYTHIA)
    neox = links(target)[NEOX]
    assert neox["read"] is True and neox["answer"].startswith("Apache-2.0")
    (note,) = [m for m in messages(target, "note") if "EleutherAI/gpt-neox: its file list" in m]
    assert "could not be read" in note and "larger than" in note
    # its files unseen, nothing is credited on its word alone
    assert component(target, "training-code")["licence"] is None
