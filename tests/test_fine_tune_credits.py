"""A fine-tune is credited neither its base model's paper nor its base's pretraining data.

A Hub publisher's review (akf) of fine-tunes before pushing them found both credited on a local
directory: a card line "Base model: allenai/OLMo-7B, [arXiv:2402.00838](...)" made OLMo's paper
the fine-tune's research paper, met "detected" once --follow read its licence, and the gate
passed `--require mof:class-1` on it; a card's `datasets:` (the fine-tuning data) met OSAID's
"listing of all publicly available training data", which osai holds unknown for a fine-tune's
released datasets.  The cards below are written after the reviewer's (their loopback served a
CC-BY-4.0 record for the paper); the arXiv record is made up, served by the loopback arXiv.
The command line runs in process, as a user runs it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clirunner import run_osai
from loopback_arxiv import LoopbackArxiv

PAPER_ID = "2401.00001"
PAPER = f"https://arxiv.org/abs/{PAPER_ID}"
CC_BY = "http://creativecommons.org/licenses/by/4.0/"
ADAPTER_CONFIG = '{\n  "peft_type": "LORA",\n  "base_model_name_or_path": "acme/base"\n}\n'


def fine_tune(tmp_path: Path, front: str, line: str = "") -> Path:
    """A model directory whose card has this front matter and, in its body, `line`."""
    directory = tmp_path / "ft"
    directory.mkdir()
    card = f"---\nlicense: apache-2.0\n{front}---\n\n# acme/ft-dpo\n\nA DPO fine-tune.\n\n{line}\n"
    (directory / "README.md").write_text(card, encoding="utf-8")
    return directory


def checked(directory: Path, *options: str) -> dict[str, Any]:
    result = run_osai("check", str(directory), *options, "--format", "json")
    assert result.code in (0, 1), result.stderr
    target: dict[str, Any] = json.loads(result.stdout)["targets"][0]
    return target


def requirement(target: dict[str, Any], requirement_id: str) -> dict[str, Any]:
    found = [
        judged
        for framework in target["frameworks"]
        for judged in framework["requirements"]
        if judged["id"] == requirement_id
    ]
    assert len(found) == 1, requirement_id
    return found[0]


def facts(target: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {fact["key"]: fact for fact in target["facts"]}


@pytest.fixture
def cc_by_paper(arxiv: LoopbackArxiv) -> LoopbackArxiv:
    arxiv.add_record({"id": PAPER_ID, "title": "A base model", "license": CC_BY})
    return arxiv


@pytest.mark.parametrize(
    "line",
    [
        f"Base model: acme/base, [arXiv:{PAPER_ID}]({PAPER}).",
        f"See the DPO paper, [arXiv:{PAPER_ID}]({PAPER}).",
        f"[arXiv:{PAPER_ID}]({PAPER}) introduced DPO, which we use.",
    ],
)
def test_a_paper_the_card_names_by_its_arxiv_id_is_not_the_fine_tune_s(
    line: str, tmp_path: Path, cc_by_paper: LoopbackArxiv
) -> None:
    """Another work's paper, linked with "[arXiv:ID]" as its text, was read as labelled the
    model's own: with --follow its licence met MOF's research paper and technical report."""
    target = checked(fine_tune(tmp_path, "", line), "--follow")
    for requirement_id in ("MOF-C1-RESEARCH-PAPER", "MOF-C3-TECHNICAL-REPORT"):
        judged = requirement(target, requirement_id)
        assert judged["status"] != "met", judged["reason"]
    assert PAPER not in {link["url"] for link in target["links"]}


def test_a_paper_the_card_only_suggests_is_its_own_stays_inferred_once_its_licence_is_read(
    tmp_path: Path, cc_by_paper: LoopbackArxiv
) -> None:
    """arXiv's record says under what licence the paper is, never whose paper it is: a paper
    the card's label alone makes the model's was met "detected" once its licence was read, and
    a gate at the default certainty passed on it."""
    directory = fine_tune(tmp_path, "", f"Paper: arXiv:{PAPER_ID}")
    target = checked(directory, "--follow")
    judged = requirement(target, "MOF-C1-RESEARCH-PAPER")
    assert (judged["status"], judged["certainty"]) == ("met", "inferred")
    assert judged["licence"] == "CC-BY-4.0"
    assert "arxiv" in {evidence["source"] for evidence in judged["evidence"]}


@pytest.mark.parametrize(
    ("front", "files"),
    [
        ("base_model: acme/base\n", {}),
        ("", {"adapter_config.json": ADAPTER_CONFIG}),  # the base its adapter's config names
    ],
)
def test_a_fine_tune_s_datasets_are_not_the_listing_of_all_its_training_data(
    front: str, files: dict[str, str], tmp_path: Path
) -> None:
    """A fine-tune was trained on its base model's data too: its card's `datasets:` list only
    the fine-tuning data, and they met OSAID's listing of all public training data (detected),
    around the guard that holds its released datasets unknown."""
    directory = fine_tune(tmp_path, f"{front}datasets:\n- acme/prefs\n")
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    target = checked(directory)
    assert "public_data_sources" not in facts(target)
    judged = requirement(target, "OSAID-DATA-PUBLIC-SOURCES")
    assert judged["status"] == "unknown", judged["reason"]
    assert "base_model" in judged["reason"]


def test_a_model_trained_from_scratch_lists_its_public_data_in_its_datasets(
    tmp_path: Path,
) -> None:
    """No base model stated (a card with metadata and no base_model, read as trained from
    scratch): its `datasets:` is the listing, as before."""
    target = checked(fine_tune(tmp_path, "datasets:\n- acme/corpus\n"))
    assert facts(target)["public_data_sources"]["value"] == "acme/corpus"
    judged = requirement(target, "OSAID-DATA-PUBLIC-SOURCES")
    assert (judged["status"], judged["certainty"]) == ("met", "detected")


def test_the_draft_of_a_fine_tune_declares_no_public_data_sources(tmp_path: Path) -> None:
    """`osai init` writes what osai detected, uncommented: the fine-tuning data became the
    release's `public_data_sources`, which a review makes the publisher's declaration."""
    directory = fine_tune(tmp_path, "base_model: acme/base\ndatasets:\n- acme/prefs\n")
    result = run_osai("init", str(directory))
    assert result.code == 0, result.stderr
    draft = (directory / "osai.yaml").read_text(encoding="utf-8")
    written = [line for line in draft.splitlines() if "public_data_sources:" in line]
    assert written and all(line.lstrip().startswith("#") for line in written), written
