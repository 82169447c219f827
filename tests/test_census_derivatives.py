"""Derivatives in the census report's licence figures, read as a researcher citing "how much of
the Hub is under a licence without use restrictions" would: each model is counted by the licence
it declares, so a fine-tune of Llama 2 declaring Apache-2.0 (which `osai check` finds under Llama
2's licence, its base read) was counted without use restrictions, beside its originals, and
nothing said that derivatives were among them, nor how many of them the census could compare
with their base.  Through the real commands against the loopback Hub's listing."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from census_hub import bare_hub, listed_like, rows, run_census
from clirunner import run_osai
from loopback_hub import LoopbackHub

LLAMA = "meta-llama/Llama-2-7b-hf"


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with bare_hub(100) as running:
        yield running


def model(repo_id: str, licence: str, base: str = "", relation: str = "") -> dict[str, Any]:
    """A listing item declaring `licence`, derived from `base` as `relation` says (the Hub's
    baseModels; with no relation, the card's base_model alone)."""
    card: dict[str, Any] = {"license": licence}
    fields: dict[str, Any] = {"cardData": card, "tags": ["transformers", f"license:{licence}"]}
    if base:
        card["base_model"] = base
    if base and relation:
        fields["baseModels"] = {"relation": relation, "models": [{"id": base}]}
    return listed_like(repo_id, **fields)


def reports(hub: LoopbackHub, tmp_path: Path, listed: list[dict[str, Any]]) -> tuple[str, str]:
    """The Markdown report of a census of `listed`, and the HTML page's text."""
    hub.add_listing(listed)
    db = tmp_path / "c.duckdb"
    assert run_census(hub, db).code == 0
    page, markdown = tmp_path / "r.html", tmp_path / "r.md"
    made = run_osai(
        "census", "report", "--db", str(db), "--html", str(page), "--markdown", str(markdown)
    )
    assert made.code == 0, made.stderr
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    return markdown.read_text(encoding="utf-8"), " ".join(text.split())


POPULATION = [
    model(LLAMA, "llama2"),
    model("alice/llama2-ft", "apache-2.0", LLAMA, "finetune"),
    model("bob/llama2-gguf", "apache-2.0", LLAMA, "quantized"),
    model("erin/pythia-ft", "apache-2.0", "EleutherAI/pythia-70m", "finetune"),
    model("EleutherAI/pythia-70m", "apache-2.0"),
    model("frank/private-ft", "mit", "ghost/private-model", "adapter"),
    model("gina/card-only", "apache-2.0", LLAMA),
    model("hal/original", "apache-2.0"),
    model("ivy/nc-ft", "cc-by-nc-4.0", LLAMA, "finetune"),  # use-restricted: not counted
    model("kim/ft-of-unlicensed", "apache-2.0", "lee/unlicensed", "finetune"),
    listed_like("lee/unlicensed", cardData={}, tags=["transformers"]),
]
SAID = (
    "Of the 8 models under a licence without use restrictions, 6 are derivatives (3 fine-tunes, "
    "1 adapter, 1 quantization, 1 whose relation is not stated), counted by the licence they "
    "declare, though their base model's licence may bind them to its own terms; the census reads "
    "a base's licence only when the base is in it: 3 of them declare a licence a base model's "
    "licence does not allow (open-washing candidates, below); 1 has a base in it whose licence "
    "cannot be compared (none, unknown, other or several); 1 derives only from models outside the "
    "census, whose licences were not read."
)


def test_the_derivatives_among_licences_without_use_restrictions_are_said(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    markdown, page = reports(hub, tmp_path, POPULATION)
    assert "- Licence without use restrictions: 72.7 % of models (8)" in markdown, markdown
    assert f"{SAID} `osai check` reads a derivative's base model." in markdown, markdown
    assert f"{SAID} osai check reads a derivative's base model." in page, page


def test_one_derivative_is_said_in_the_singular(hub: LoopbackHub, tmp_path: Path) -> None:
    markdown, _ = reports(
        hub, tmp_path, [model(LLAMA, "llama2"), model("alice/ft", "mit", LLAMA, "merge")]
    )
    assert (
        "Of the one model under a licence without use restrictions, 1 is a derivative (1 merge), "
        "counted by the licence it declares, though its base model's licence may bind it to its "
        "own terms; the census reads a base's licence only when the base is in it: it declares "
        "a licence a base model's licence does not allow (open-washing candidates, below)."
    ) in markdown, markdown


def test_no_derivative_no_word(hub: LoopbackHub, tmp_path: Path) -> None:
    markdown, page = reports(hub, tmp_path, [model("hal/original", "apache-2.0")])
    assert "derivative" not in markdown.split("## Open-washing candidates")[0]
    assert "are derivatives" not in page and "is a derivative" not in page


def test_the_cards_base_model_relation_is_read_where_the_listing_gives_none(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A listing item with no baseModels: its card names the base (read), and how the model was
    made from it (`base_model_relation`, which `osai check` reads too), read as well; a
    relation that is no string is none."""
    quantized = model("bob/gguf", "apache-2.0", LLAMA)
    quantized["cardData"]["base_model_relation"] = "quantized"
    odd = model("carol/odd", "apache-2.0", LLAMA)
    odd["cardData"]["base_model_relation"] = ["merge", "adapter"]
    markdown, _ = reports(hub, tmp_path, [model(LLAMA, "llama2"), quantized, odd])
    assert rows(tmp_path / "c.duckdb", "SELECT repo_id, base_relation FROM models ORDER BY 1") == [
        ("bob/gguf", "quantized"),
        ("carol/odd", ""),
        (LLAMA, ""),
    ]
    assert "2 are derivatives (1 quantization, 1 whose relation is not stated)" in markdown
