"""`osai audit mot` and `osai audit eosai`: each public listing that names a Hub repository,
checked against the loopback Hub (and the card's links, on the loopback GitHub and arXiv) through
the command line, as a user runs it.

The listings are the bundled snapshots; the repositories the Hub fixtures
(tests/fixtures/hub/PROVENANCE.md).  13 MOT files name a repository the loopback Hub serves.
"""

from __future__ import annotations

import copy
import gzip
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from clirunner import ROOT, Result, run_osai
from jsonschema import Draft202012Validator
from loopback_hub import LoopbackHub

from osai.assessments.store import bundled_path, updated_path
from osai.formatters.textlayout import cell_width

HUB_FIXTURES = ROOT / "tests" / "fixtures" / "hub" / "models"
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens, a connection is refused
SCHEMA = json.loads((ROOT / "rules" / "schema" / "audit.schema.json").read_text("utf-8"))
SERVED_BY_MOT = (
    "EleutherAI/gpt-neox-20b", "EleutherAI/polyglot-ko-12.8b", "EleutherAI/pythia-6.9b",
    "EleutherAI/pythia-70m", "LLM360/Amber", "Qwen/Qwen2.5-7B", "allenai/OLMo-7B",
    "bigscience/bloom", "deepseek-ai/DeepSeek-R1", "mistralai/Mistral-7B-v0.1",
    "mistralai/Mixtral-8x7B-v0.1", "tiiuae/falcon-180B", "xai-org/grok-1",
)  # fmt: skip


pytestmark = pytest.mark.usefixtures("linked_world")  # tests/conftest.py


def audit(*args: str, code: int = 0) -> tuple[dict[str, Any], Result]:
    result = run_osai("audit", *args, "--format", "json")
    assert result.code == code, result.stdout + result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    Draft202012Validator(SCHEMA).validate(document)
    return document, result


def listing(document: dict[str, Any], label: str) -> dict[str, Any]:
    found: dict[str, Any] = next(row for row in document["listings"] if row["listing"] == label)
    return found


def kinds(row: dict[str, Any]) -> list[tuple[str, str]]:
    """Every finding's kind and subject: the disagreements, then what is unconfirmed."""
    return [(d["kind"], d["subject"]) for d in (*row["disagreements"], *row["unconfirmed"])]


def test_every_mot_listing_the_hub_serves_is_checked_with_its_disagreements() -> None:
    document, _ = audit("mot", *SERVED_BY_MOT)
    summary = document["summary"]
    assert (summary["entries"], summary["naming_a_repository"]) == (273, 172)
    assert (summary["audited"], summary["checked"], summary["not_reachable"]) == (13, 13, 0)
    assert summary["agreeing"] + summary["disagreeing"] + summary["unconfirmed"] == 13
    # Mistral's model card, and two more: grok-1's inference code among them (below)
    assert summary["disagreeing_by_kind"]["presence"] == {"listings": 3, "disagreements": 3}
    mistral = listing(document, "mot:models/Mistral-7B-v0.1.yml")
    assert mistral["repository"] == "mistralai/Mistral-7B-v0.1" and len(mistral["revision"]) == 40
    presence = next(d for d in mistral["disagreements"] if d["kind"] == "presence")
    assert presence["subject"] == "model-card"
    assert presence["listing"] == {
        "value": "not released",
        "from": "mot:models/Mistral-7B-v0.1.yml:17",  # its components: key: the list omits it
    }
    assert presence["repository"]["value"] == "released"
    assert presence["repository"]["from"].startswith("README.md")
    assert presence["kept"] == "released"  # omitted from a listing, there to see on the Hub
    olmo = listing(document, "mot:models/OLMo-7B.yml")
    licence = next(d for d in olmo["disagreements"] if d["kind"] == "licence")
    assert (licence["subject"], licence["listing"]["value"]) == ("datasets", "Apache-2.0")
    assert licence["repository"]["value"] == "odc-by"
    assert licence["repository"]["from"].startswith("https://huggingface.co/datasets/allenai/dolma")


def test_the_text_report_puts_the_summary_first_and_one_row_per_listing() -> None:
    wide = {"COLUMNS": "400"}  # each disagreement on one line
    result = run_osai(
        "audit", "mot", "EleutherAI/pythia-70m", "mistralai/Mistral-7B-v0.1", env=wide
    )
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    # the answer first (it was a title: the database and its snapshot), then what it is against
    assert lines[0] == "osai audit mot: 2 of 2 listings checked disagree with the Hub"
    assert lines[1].startswith("  Model Openness Tool (LF AI & Data), model files, snapshot")
    assert "  checked             2 (their repository answered)" in lines
    rows = [line for line in lines if " → " in line]
    assert rows == [
        "mot:models/Mistral-7B-v0.1.yml → mistralai/Mistral-7B-v0.1 · disagrees (1; 2 not shown)",
        # not the data preprocessing or evaluation code: the listing places them in other
        # repositories (the-pile, lm-evaluation-harness) than the card's links (gpt-neox, pythia)
        "mot:models/Pythia-70M.yml → EleutherAI/pythia-70m · disagrees (1; 3 not shown)",
    ]
    assert (
        "    licence    Training code — listing: MIT (mot:models/Pythia-70M.yml:33 = MIT) · "
        "repository: Apache-2.0 (github.com/EleutherAI/gpt-neox/LICENSE = Apache-2.0) · osai "
        "keeps Apache-2.0"  # gpt-neox's own LICENSE over the listing's word (neither stricter)
    ) in lines


def test_the_text_report_fits_the_terminal_and_counts_in_words() -> None:
    """At 80 columns the rows ran to 206 (a disagreement on one line whatever the width); the
    summary said "1 listing(s), 1 in all", and "no such repository 0" left the column the
    other counts keep (found by the code review)."""
    three = ("EleutherAI/pythia-70m", "LLM360/Amber", "xai-org/grok-1")
    result = run_osai("audit", "mot", *three, env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    too_long = [line for line in lines if cell_width(line) > 80 and "://" not in line]
    assert too_long == []
    summary = lines[: lines.index("")]
    for said in (
        "    presence          1 listing, 1 disagreement",
        "    not-shown         3 listings, 12 items",
        "  not reachable       0",
        "  no such repository  0",
    ):
        assert said in summary, summary
    # a disagreement wraps under its own text, not under its kind
    at = lines.index(
        "    licence    Training code — listing: MIT (mot:models/Pythia-70M.yml:33 = MIT)"
    )
    assert lines[at + 1].startswith(" " * 15 + "· repository: Apache-2.0")
    # a component "not shown" by a repository whose files were never listed says so: the JSON
    # did, the text read as if the repository showed no weights
    said = " ".join(result.stdout.split())
    assert (
        "Model parameters (Final) — listing: released (mot:models/Pythia-70M.yml:47 = Model "
        "parameters (Final)) · repository: not shown (the repository's files were not listed)"
    ) in said


def test_a_row_s_count_is_never_broken_across_lines() -> None:
    """At 80 columns Mistral-7B's row ended "disagrees (1; 2 not" and the next line began
    "shown)": the count now moves whole to the next line, as an outcome of a summary does."""
    result = run_osai("audit", "mot", *SERVED_BY_MOT, env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    counts = re.findall(r"· (?:disagrees|unconfirmed)\s+(\([^)]*\))", result.stdout)
    assert len(counts) == 13, result.stdout
    assert [count for count in counts if "\n" in count] == [], result.stdout
    assert (
        "mot:models/Mistral-7B-v0.1.yml → mistralai/Mistral-7B-v0.1 · disagrees\n"
        + ("    (1; 2 not shown)\n")
        in result.stdout
    ), result.stdout


def test_the_markdown_report_tabulates_every_disagreement() -> None:
    result = run_osai("audit", "mot", "xai-org/grok-1", "--format", "markdown")
    assert result.code == 0, result.stderr
    out = result.stdout
    assert out.startswith(
        "# osai audit mot: 1 of 1 listing checked disagrees with the Hub\n\n"
        "Against Model Openness Tool \\(LF AI \\& Data\\), model files\n"
    )
    assert (
        "| `mot:models/Grok-1.yml` | `xai-org/grok-1` | disagrees | presence 1, licence 1, "
        "not-shown 2 |"
    ) in out
    # the listing omits inference code; its repository's run.py beside the model code is one
    # only by inference: neither settles it
    assert (
        "| `mot:models/Grok-1.yml` | `xai-org/grok-1` | presence | Inference code | not released "
        "\\(mot:models/Grok-1.yml:17\\) | released \\(github.com/xai-org/grok-1 = entry point "
        "beside the modelling code: tree: run.py\\) | unknown |"
    ) in out
    assert (
        "| `mot:models/Grok-1.yml` | `xai-org/grok-1` | licence | Model card | unlicensed "
        "\\(mot:models/Grok-1.yml:29 = unlicensed\\) | apache-2.0 \\(README.md:2 = apache-2.0\\) "
        "| apache-2.0 |"
    ) in out  # a listing's `unlicensed` may only mean it stated none: the card's licence stands


def test_a_listing_the_hub_only_does_not_confirm_is_unconfirmed_not_disagreeing() -> None:
    """LLM360/Amber's files were never listed: the seven components its listing claims are not
    shown, and nothing it says is contradicted.  It was "disagrees (7)", and the first line
    counted it among the listings that disagree with the Hub (13 of 13 did, 7 only so)."""
    document, _ = audit("mot", "LLM360/Amber", "EleutherAI/pythia-70m")
    amber = listing(document, "mot:models/Amber.yml")
    assert amber["status"] == "unconfirmed"
    assert {kind for kind, _ in kinds(amber)} == {"not-shown"}  # each still said
    pythia = listing(document, "mot:models/Pythia-70M.yml")
    assert pythia["status"] == "disagrees"  # its training code's licence: a contradiction
    summary = document["summary"]
    counts = [summary[k] for k in ("checked", "agreeing", "disagreeing", "unconfirmed")]
    assert counts == [2, 0, 1, 1]
    said = run_osai("audit", "mot", "LLM360/Amber", "EleutherAI/pythia-70m", env={"COLUMNS": "200"})
    lines = said.stdout.splitlines()
    assert lines[0] == (
        "osai audit mot: 1 of 2 listings checked disagrees with the Hub; 1 unconfirmed "
        "(nothing contradicted)"
    ), said.stdout
    assert "mot:models/Amber.yml → LLM360/Amber · unconfirmed (7 not shown)" in lines


def test_a_rows_count_and_the_jsons_count_disagreements_alone_and_not_shown_apart() -> None:
    """Qwen2.5-7B's row was "disagrees (9)", 2 disagreements and 7 claims not shown, which the
    README says contradict nothing; the JSON counted 65 not-shown "disagreements".  The
    disagreements are counted alone; what is not shown, apart and by its name."""
    said = run_osai("audit", "mot", "Qwen/Qwen2.5-7B", "LLM360/Amber", env={"COLUMNS": "200"})
    assert said.code == 0, said.stderr
    lines = said.stdout.splitlines()
    assert "mot:models/Qwen2.5-7B.yml → Qwen/Qwen2.5-7B · disagrees (2; 7 not shown)" in lines
    assert "mot:models/Amber.yml → LLM360/Amber · unconfirmed (7 not shown)" in lines
    document, _ = audit("mot", "Qwen/Qwen2.5-7B", "LLM360/Amber")
    summary = document["summary"]
    assert summary["disagreeing_by_kind"] == {
        "presence": {"listings": 1, "disagreements": 1},
        "licence": {"listings": 1, "disagreements": 1},
    }
    assert summary["unconfirmed_by_kind"] == {"not-shown": {"listings": 2, "items": 14}}
    markdown = run_osai("audit", "mot", "Qwen/Qwen2.5-7B", "--format", "markdown").stdout
    assert "| Listing | Repository | Outcome | Findings |" in markdown, markdown


def test_every_format_splits_a_listing_s_disagreements_from_what_is_not_shown() -> None:
    """Qwen2.5-7B's row said "disagrees (2; 7 not shown)" while its JSON listing held 9
    `disagreements` (7 of them not-shown) and the Markdown's "Disagreements" table 9 rows: each
    format now says the 2 and the 7 apart, under the schema's new id (the meaning of
    `disagreements` changed), which no longer admits a not-shown disagreement."""
    document, _ = audit("mot", "Qwen/Qwen2.5-7B")
    assert document["schema"] == "osai/audit/2"
    (qwen,) = document["listings"]
    assert [d["kind"] for d in qwen["disagreements"]] == ["presence", "licence"]
    assert [d["kind"] for d in qwen["unconfirmed"]] == ["not-shown"] * 7
    summary = document["summary"]
    assert sum(k["disagreements"] for k in summary["disagreeing_by_kind"].values()) == 2
    assert sum(k["items"] for k in summary["unconfirmed_by_kind"].values()) == 7
    validator = Draft202012Validator(SCHEMA)
    merged = copy.deepcopy(document)  # an osai/audit/1 reading, under the new id
    merged["listings"][0]["disagreements"] += merged["listings"][0].pop("unconfirmed")
    merged["summary"]["disagreeing_by_kind"]["not-shown"] = {"listings": 1, "disagreements": 7}
    del merged["summary"]["unconfirmed_by_kind"]
    problems = sorted(e.json_path for e in validator.iter_errors(merged))
    assert problems == [
        "$.listings[0]",  # no `unconfirmed`
        *[f"$.listings[0].disagreements[{i}].kind" for i in range(2, 9)],
        "$.summary",  # no unconfirmed_by_kind
        "$.summary.disagreeing_by_kind",  # a not-shown key
    ], problems
    markdown = run_osai("audit", "mot", "Qwen/Qwen2.5-7B", "--format", "markdown").stdout
    tables = markdown.split("\n## ")
    (contradicting,) = [t for t in tables if t.startswith("Disagreements\n")]
    (unconfirmed,) = [t for t in tables if t.startswith("Unconfirmed (nothing contradicted)\n")]
    assert contradicting.count("| `mot:models/Qwen2.5-7B.yml` |") == 2, contradicting
    assert "not-shown" not in contradicting
    assert unconfirmed.count("| `mot:models/Qwen2.5-7B.yml` | `Qwen/Qwen2.5-7B` | not-shown |") == 7
    assert (
        "- Findings, by kind: presence 1 listing, 1 disagreement; licence 1 listing, 1 "
        "disagreement; not-shown 1 listing, 7 items"
    ) in markdown, markdown


def test_a_listing_of_a_gated_repository_says_its_card_was_not_read(hub: LoopbackHub) -> None:
    """A gated repository withholds its card's text: the listing's claims went unconfirmed
    because "the repository's card does not show" them, as if the card had been read and said
    nothing, and the audit never said the repository is gated or how to read it."""
    data = json.loads((HUB_FIXTURES / "EleutherAI__pythia-70m.json").read_text("utf-8"))
    listed = [{"rfilename": name} for name in ("README.md", "config.json", "model.safetensors")]
    hub.add_repo({**data, "gated": "manual", "siblings": listed})  # the Hub lists a gated repo
    document, _ = audit("mot", "EleutherAI/pythia-70m", "--no-follow")
    (row,) = document["listings"]
    assert row["status"] == "unconfirmed"
    assert row["unconfirmed"] and row["disagreements"] == []
    for found in row["unconfirmed"]:
        assert found["kind"] == "not-shown"
        assert "README.md: the repository is gated, set HF_TOKEN" in found["repository"]["from"]
    said = run_osai("audit", "mot", "EleutherAI/pythia-70m", "--no-follow", env={"COLUMNS": "80"})
    assert "README.md: the repository is gated, set HF_TOKEN" in " ".join(said.stdout.split())


def test_a_listing_whose_repository_is_gone_is_a_finding_not_a_disagreement() -> None:
    """The Hub answers that Snowflake/snowflake-arctic-base does not exist: a finding about the
    listing (it names no repository), not "not reachable" (the Hub did answer)."""
    document, _ = audit("mot", "--limit", "4")
    assert [row["listing"] for row in document["listings"]] == [  # the first four files,
        "mot:models/Aquila-VL-2B.yml",  # those naming no repository before the unconfirmed
        "mot:models/Arctic-Base.yml",
        "mot:models/Arctic-Instruct.yml",
        "mot:models/Amber.yml",
    ]
    gone = listing(document, "mot:models/Arctic-Base.yml")
    assert gone["status"] == "no-such-repository" and gone["disagreements"] == []
    assert gone["reason"].startswith("Snowflake/snowflake-arctic-base: repository not found")
    counts = {k: document["summary"][k] for k in ("checked", "not_reachable", "no_such_repository")}
    assert counts == {"checked": 1, "not_reachable": 0, "no_such_repository": 3}
    # and the first line says so: "1 of 1 listing checked disagrees" alone hid the three (Amber
    # contradicts nothing: its listing's claims are only not shown)
    said = run_osai("audit", "mot", "--limit", "4", env={"COLUMNS": "200"}).stdout
    assert said.splitlines()[0] == (
        "osai audit mot: 0 of 1 listing checked disagree with the Hub; 1 unconfirmed (nothing "
        "contradicted); 3 name a repository the Hub does not have"
    ), said


def test_a_listing_naming_a_renamed_repository_says_the_id_the_hub_answers_under(
    linked_world: LoopbackHub,
) -> None:
    """The Hub redirects a renamed repository's former id (CohereForAI/… to CohereLabs/…, gpt2 to
    openai-community/gpt2): the audit read the repository and said nothing of the move, so the
    listing's maintainers were not told its release.huggingface names a former id."""
    grok = json.loads((HUB_FIXTURES / "xai-org__grok-1.json").read_text("utf-8"))
    linked_world.remove_repo("xai-org/grok-1")
    linked_world.add_repo({**grok, "id": "xai/grok-1"})
    linked_world.add_redirect("xai-org/grok-1", "xai/grok-1")
    document, _ = audit("mot", "xai-org/grok-1")
    row = listing(document, "mot:models/Grok-1.yml")
    assert (row["repository"], row["moved_to"]) == ("xai-org/grok-1", "xai/grok-1")
    said = run_osai("audit", "mot", "xai-org/grok-1", env={"COLUMNS": "200"}).stdout
    assert (
        "mot:models/Grok-1.yml → xai-org/grok-1 (renamed on the Hub: now xai/grok-1) · disagrees"
    ) in said
    markdown = run_osai("audit", "mot", "xai-org/grok-1", "--format", "markdown").stdout
    assert "| `xai-org/grok-1` (renamed on the Hub: now `xai/grok-1`) | disagrees |" in markdown
    # a repository read under the id the listing names has nothing to move
    pythia, _ = audit("mot", "EleutherAI/pythia-70m")
    assert listing(pythia, "mot:models/Pythia-70M.yml")["moved_to"] == ""


def test_a_listing_named_as_another_model_than_its_repository_is_said_so(
    linked_world: LoopbackHub,
) -> None:
    """MOT's CodeGemma-7B file gives google/codegemma-2b as its Hub page (dbrx-instruct's gives
    deepseek-ai/deepseek-moe-16b-base): `osai check` takes it as a note, never evidence, and
    the audit compared it as that repository's own listing without a word, so its maintainers
    read ten such slips as ordinary disagreements."""
    grok = json.loads((HUB_FIXTURES / "xai-org__grok-1.json").read_text("utf-8"))
    linked_world.add_repo({**grok, "id": "google/codegemma-2b"})
    document, _ = audit("mot", "google/codegemma-2b", "xai-org/grok-1")
    assert listing(document, "mot:models/CodeGemma-7B.yml")["of_another_model"] is True
    assert listing(document, "mot:models/Grok-1.yml")["of_another_model"] is False
    said = run_osai("audit", "mot", "google/codegemma-2b", env={"COLUMNS": "200"}).stdout
    assert (
        "mot:models/CodeGemma-7B.yml → google/codegemma-2b (the listing is named CodeGemma-7B: "
        "another model's repository?) · "
    ) in said
    markdown = run_osai("audit", "mot", "google/codegemma-2b", "--format", "markdown").stdout
    assert (
        "| `google/codegemma-2b` \\(the listing is named CodeGemma-7B: another model's "
        "repository?\\) |"
    ) in markdown


def test_an_eosai_entry_whose_weights_link_names_another_repository_is_said_so(
    linked_world: LoopbackHub,
) -> None:
    """EOSAI's deepseek-R1.yaml names deepseek-ai/DeepSeek-R1-0528 as its system and
    deepseek-ai/DeepSeek-R1 as its end model's weights: `osai check` takes no evidence about
    R1-0528 from it (its end-model grades are of the weights it links), yet the audit compared
    it as R1-0528's own listing ("osai keeps released (the listing's word)") without a word,
    where the same slip in a MOT file is said; 14 entries are so."""
    r1 = json.loads((HUB_FIXTURES / "deepseek-ai__DeepSeek-R1.json").read_text("utf-8"))
    linked_world.add_repo({**r1, "id": "deepseek-ai/DeepSeek-R1-0528"})
    document, _ = audit("eosai", "deepseek-ai/DeepSeek-R1-0528")
    assert listing(document, "eosai:deepseek-R1.yaml")["of_another_model"] is True
    said = run_osai("audit", "eosai", "deepseek-ai/DeepSeek-R1-0528", env={"COLUMNS": "200"})
    assert (
        "eosai:deepseek-R1.yaml → deepseek-ai/DeepSeek-R1-0528 (its end model's weights link "
        "names deepseek-ai/DeepSeek-R1: another model's repository?) · "
    ) in said.stdout
    # an entry whose system and weights name one repository is its own listing, as before
    apertus = json.loads((HUB_FIXTURES / "swiss-ai__Apertus-70B-2509.json").read_text("utf-8"))
    linked_world.add_repo({**apertus, "id": "swiss-ai/Apertus-70B-Instruct-2509"})
    document, _ = audit("eosai", "swiss-ai/Apertus-70B-Instruct-2509")
    assert listing(document, "eosai:Apertus.yaml")["of_another_model"] is False


@pytest.mark.parametrize("answered", ["xai/gro\x1b[31mk\n::error::x", "xai/grok-1\u202e"])
def test_an_id_the_hub_answers_that_no_repository_can_have_is_not_said_to_be_its_new_one(
    linked_world: LoopbackHub, answered: str
) -> None:
    """The id a Hub answers under is its text: one no repository can have (an escape, a line
    break, a right-to-left override) read 'renamed on the Hub: now xai/gro [31mk', its maintainers
    told to write it in the listing, and it was JSON's moved_to.  The move is not said."""
    grok = json.loads((HUB_FIXTURES / "xai-org__grok-1.json").read_text("utf-8"))
    linked_world.remove_repo("xai-org/grok-1")
    linked_world.add_repo({**grok, "id": answered})
    linked_world.add_redirect("xai-org/grok-1", answered)
    document, _ = audit("mot", "xai-org/grok-1")
    row = listing(document, "mot:models/Grok-1.yml")
    assert (row["repository"], row["moved_to"], row["status"]) == (
        "xai-org/grok-1",
        "",
        "disagrees",
    )
    said = run_osai("audit", "mot", "xai-org/grok-1", env={"COLUMNS": "200"}).stdout
    assert "mot:models/Grok-1.yml → xai-org/grok-1 · disagrees" in said, said


def test_no_repository_answering_exits_3_and_bad_input_exits_2() -> None:
    nowhere = run_osai(
        "audit", "mot", "xai-org/grok-1", "--format", "json", env={"HF_ENDPOINT": NOWHERE}
    )
    assert nowhere.code == 3, nowhere.stderr
    assert json.loads(nowhere.stdout)["summary"]["not_reachable"] == 1
    # The Hub answered, for every listing, that the repository does not exist: the audit ran.
    missing, _ = audit("mot", "THUDM/chatglm-6b")
    assert {row["status"] for row in missing["listings"]} == {"no-such-repository"}
    # and its first line says so, not "no repository named answered"
    said = run_osai("audit", "mot", "THUDM/chatglm-6b", env={"COLUMNS": "200"}).stdout
    assert said.splitlines()[0] == (
        "osai audit mot: no listing could be checked "
        "(the Hub has none of the repositories they name)"
    ), said
    unknown = run_osai("audit", "mot", "nobody/nothing")
    assert unknown.code == 2
    assert unknown.stderr == "osai: error: no mot listing names nobody/nothing\n"
    wrong = run_osai("audit", "mot", "--format", "sarif")
    assert wrong.code == 2
    assert "--format sarif: audit writes text, json, markdown, not sarif" in wrong.stderr


def test_a_dead_hub_s_advice_to_use_the_cache_is_an_option_audit_takes() -> None:
    """With the Hub down, a repository the cache holds was "not reachable ... the local cache
    holds it at commit 399d67f: --offline checks that", and `osai audit mot --offline` was
    "No such option"."""
    run_osai("audit", "mot", "EleutherAI/pythia-70m")  # the cache now holds it
    down = {"HF_ENDPOINT": NOWHERE}
    refused = run_osai("audit", "mot", "EleutherAI/pythia-70m", env=down)
    assert refused.code == 3 and "--offline checks that" in refused.stdout, refused.stdout
    offline = run_osai(
        "audit", "mot", "EleutherAI/pythia-70m", "--offline", "--format", "json", env=down
    )
    assert offline.code == 0, offline.stdout + offline.stderr
    summary = json.loads(offline.stdout)["summary"]
    assert (summary["checked"], summary["not_reachable"]) == (1, 0)


def test_an_offline_audit_says_each_repository_was_read_from_the_local_cache_and_of_when() -> None:
    """Offline, "2 of 2 listings checked disagree with the Hub" stood above rows that named no
    cache: a maintainer read a card kept months ago as the Hub's answer of today."""
    today = time.strftime("%Y-%m-%d", time.gmtime())
    run_osai("audit", "mot", "EleutherAI/pythia-70m")  # the cache now holds it
    down = {"HF_ENDPOINT": NOWHERE}
    said = run_osai("audit", "mot", "EleutherAI/pythia-70m", "--offline", env=down)
    assert said.code == 0, said.stdout + said.stderr
    flat = " ".join(said.stdout.split())
    assert flat.startswith(
        "osai audit mot: 1 of 1 listing checked disagrees with the Hub as the local cache "
        "holds it (read offline)"
    ), said.stdout
    assert f"read offline, from the local cache of {today}, at commit 399d67f" in flat, flat
    document = json.loads(
        run_osai(
            "audit", "mot", "EleutherAI/pythia-70m", "--offline", "--format", "json", env=down
        ).stdout
    )
    Draft202012Validator(SCHEMA).validate(document)
    assert document["summary"]["from_cache"] == 1
    assert listing(document, "mot:models/Pythia-70M.yml")["cached_on"] == today
    markdown = run_osai(
        "audit", "mot", "EleutherAI/pythia-70m", "--offline", "--format", "markdown", env=down
    ).stdout
    assert f"read offline, from the local cache of {today}" in markdown, markdown
    online, _ = audit("mot", "EleutherAI/pythia-70m")
    assert online["summary"]["from_cache"] == 0
    assert listing(online, "mot:models/Pythia-70M.yml")["cached_on"] is None


def test_an_audit_warns_of_what_its_own_database_skipped_not_the_other_s(tmp_path: Path) -> None:
    """`osai audit eosai` repeated every MOT file the updated MOT snapshot had skipped."""
    document = json.loads(gzip.decompress(bundled_path("mot").read_bytes()))
    skipped = [{"file": "models/broken.yml", "reason": "invalid YAML"}]
    stored = updated_path(tmp_path, "mot")
    stored.parent.mkdir(parents=True)
    stored.write_bytes(gzip.compress(json.dumps({**document, "skipped": skipped}).encode()))
    said = "osai: warning: mot:models/broken.yml: skipped (invalid YAML)\n"
    env = {"OSAI_DATA_DIR": str(tmp_path), "HF_ENDPOINT": NOWHERE}
    eosai = run_osai("audit", "eosai", "--limit", "1", env=env)
    assert eosai.code == 3 and said not in eosai.stderr, eosai.stderr
    mot = run_osai("audit", "mot", "--limit", "1", env=env)
    assert mot.code == 3 and said in mot.stderr, mot.stderr


@pytest.mark.parametrize("given", ["", "   "])
def test_an_empty_model_is_bad_input_said_as_such(given: str) -> None:
    """`osai audit mot ""` said "no mot listing names " and nothing after it."""
    empty = run_osai("audit", "mot", "EleutherAI/pythia-70m", given)
    assert empty.code == 2
    assert empty.stderr == "osai: error: an empty MODEL names no Hub repository\n"


WRITES = "audit writes text, json, markdown"
KEEP = "write FORMAT=PATH, e.g. -o json="  # a file named so can still be written (-o json=x.xml)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--format", "sarif"), f"--format sarif: {WRITES}, not sarif"),
        (("-o", "sarif=x.sarif"), f"-o sarif=x.sarif: {WRITES}, not sarif"),
        (("-o", "x.sarif"), f"-o x.sarif: its extension names sarif; {WRITES}; {KEEP}x.sarif"),
        (("--format", "json", "-o", "sarif=x.sarif"), f"-o sarif=x.sarif: {WRITES}, not sarif"),
        (("-o", "x.md", "--format", "sarif"), f"--format sarif: {WRITES}, not sarif"),
        # as the user typed it: `SARIF` was echoed as `sarif`, and `-o x.xml` was refused as
        # "not junit", a word the user never typed
        (("--format", "SARIF"), f"--format SARIF: {WRITES}, not SARIF"),
        (("-o", "JUNIT=x.xml"), f"-o JUNIT=x.xml: {WRITES}, not JUNIT"),
        (("-o", "x.xml"), f"-o x.xml: its extension names junit; {WRITES}; {KEEP}x.xml"),
    ],
)
def test_a_format_audit_cannot_write_is_refused_as_typed_before_any_work(
    args: tuple[str, ...], said: str, tmp_path: Path, linked_world: LoopbackHub
) -> None:
    """`--format sarif` said "audit writes text, json, markdown, not sarif", `-o sarif=x.sarif`
    "sarif is not written here; formats: ...", and `-o x.md --format sarif` suggested writing
    `-o sarif=x.md`: one sentence now, after the option that named it, before the Hub is asked
    anything or a file is written."""
    result = run_osai("audit", "mot", *args, cwd=tmp_path)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"osai: error: {said}\n"
    assert linked_world.requests == [] and list(tmp_path.iterdir()) == []


def test_a_report_audit_names_in_a_directory_goes_into_no_link_planted_there(
    tmp_path: Path, linked_world: LoopbackHub
) -> None:
    """`osai audit mot -o json=out/` names the file itself (out/osai.json), as `osai check -o
    sarif=out/` does: a link planted there to /dev/null took the JSON, exit 0, nothing said,
    after check had been made to refuse it.  Refused as check refuses it, before the Hub is
    asked anything; a name too long to look up is one line, exit 2, as check says it."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "osai.json").symlink_to("/dev/null")
    result = run_osai("audit", "mot", "EleutherAI/pythia-70m", "-o", "json=out/", cwd=tmp_path)
    assert (result.code, result.stdout, result.stderr) == (
        2,
        "",
        "osai: error: out/osai.json: is a symbolic link; osai never writes through one "
        "(remove it first)\n",
    )
    assert linked_world.requests == []
    long = "a" * 300
    too_long = run_osai(
        "audit", "mot", "EleutherAI/pythia-70m", "-o", f"json={long}/", cwd=tmp_path
    )
    assert (too_long.code, too_long.stdout) == (2, "")
    assert too_long.stderr.startswith(f"osai: error: -o json={long[:49]}...: cannot write '")
    assert too_long.stderr.endswith("...' (File name too long)\n")


def test_a_misspelt_format_before_equals_suggests_only_what_audit_writes(tmp_path: Path) -> None:
    """`osai audit mot -o sarfi=x.sarif` asked "did you mean 'sarif'?" and listed check's eight
    formats, a suggestion refused in turn."""
    result = run_osai("audit", "mot", "-o", "sarfi=x.sarif", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        "osai: error: -o sarfi=x.sarif: unknown format 'sarfi'; formats: text, json, markdown; "
        "a file of that name is written -o ./sarfi=x.sarif\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_a_repository_no_listing_names_says_which_listing_check_matches_by_name() -> None:
    """`osai check deepseek-ai/DeepSeek-R1` grades it with EOSAI's deepseek-R1.yaml, matched by
    its end model's name; "no eosai listing names deepseek-ai/DeepSeek-R1" alone read as if
    EOSAI had not assessed it."""
    result = run_osai("audit", "eosai", "deepseek-ai/DeepSeek-R1")
    assert result.code == 2
    assert result.stderr == (
        "osai: error: no eosai listing names deepseek-ai/DeepSeek-R1 by its system or end-model "
        "weights link (osai check matches "
        "deepseek-ai/DeepSeek-R1 to eosai:deepseek-R1.yaml by its end model's name; an audit "
        "compares a listing with the repository of the model it assesses)\n"
    )


def test_a_folder_named_like_a_repository_is_not_read_in_its_place(tmp_path: Path) -> None:
    """Listings name Hub repositories: `mistralai/Mistral-7B-v0.1/` in the working directory
    was read as a local model directory instead (the review of this session)."""
    (tmp_path / "mistralai" / "Mistral-7B-v0.1").mkdir(parents=True)
    result = run_osai("audit", "mot", "mistralai/Mistral-7B-v0.1", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.stderr
    (row,) = json.loads(result.stdout)["listings"]
    assert row["status"] == "disagrees" and len(row["revision"]) == 40, row


def test_each_repository_is_read_once_however_many_listings_name_it(hub: LoopbackHub) -> None:
    """Five CodeT5+ files name Salesforce/codet5p-16b; each is a row, one read answers all."""
    data = copy.deepcopy(json.loads((HUB_FIXTURES / "xai-org__grok-1.json").read_text("utf-8")))
    data["id"] = "Salesforce/codet5p-16b"
    hub.add_repo(data)
    hub.clear_requests()
    document, _ = audit("mot", "Salesforce/codet5p-16b", "--no-follow")
    assert len(document["listings"]) == 5
    assert {row["status"] for row in document["listings"]} != {"not-reachable"}
    assert len(hub.find_requests(r"^/api/models/Salesforce/codet5p-16b$")) == 1


def test_the_per_check_deadline_holds_for_a_repository_that_never_answers(
    hub: LoopbackHub,
) -> None:
    hub.inject_hang(r"^/api/models/xai-org/grok-1")
    started = time.monotonic()
    document, _ = audit(
        "mot", "xai-org/grok-1", "mistralai/Mistral-7B-v0.1", "--deadline", "2", "--jobs", "2"
    )
    assert time.monotonic() - started < 15
    grok = listing(document, "mot:models/Grok-1.yml")
    assert grok["status"] == "not-reachable"
    assert grok["reason"].startswith("xai-org/grok-1: no complete answer from 127.0.0.1:")
    assert grok["reason"].endswith("within the 2 s deadline")
    assert listing(document, "mot:models/Mistral-7B-v0.1.yml")["status"] == "disagrees"


def test_an_eosai_entry_is_audited_against_the_repository_it_names(hub: LoopbackHub) -> None:
    """EOSAI's Apertus entry names a collection page as its system; its end model's weights link
    names swiss-ai/Apertus-70B-Instruct-2509, served here from the base model's fixture (same
    access form: name, country, affiliation)."""
    data = json.loads((HUB_FIXTURES / "swiss-ai__Apertus-70B-2509.json").read_text("utf-8"))
    data["id"] = "swiss-ai/Apertus-70B-Instruct-2509"
    hub.add_repo(data)
    document, _ = audit("eosai", "swiss-ai/Apertus-70B-Instruct-2509")
    assert document["summary"]["database"] == "eosai"
    assert document["summary"]["entries"] == 193
    (row,) = document["listings"]
    assert row["listing"] == "eosai:Apertus.yaml"
    access = next(d for d in row["disagreements"] if d["kind"] == "fact")
    assert access["subject"] == "weights_access"
    assert access["listing"]["value"] == "ungated"
    assert access["listing"]["from"].startswith("eosai:Apertus.yaml:53 = weights_endmodel: open")
    assert (access["repository"]["value"], access["kept"]) == ("personal-data", "personal-data")


def test_every_format_of_an_eosai_audit_carries_the_index_s_licence_and_citation(
    hub: LoopbackHub,
) -> None:
    """The audit shows the index's grades and notes ("weights_endmodel: open (...)"), a Markdown
    report pasted into an issue too: its CC-BY-4.0 licence asks for the citation `osai check`
    gives, and the audit gave neither the licence nor the citation."""
    data = json.loads((HUB_FIXTURES / "swiss-ai__Apertus-70B-2509.json").read_text("utf-8"))
    data["id"] = "swiss-ai/Apertus-70B-Instruct-2509"
    hub.add_repo(data)
    document, _ = audit("eosai", "swiss-ai/Apertus-70B-Instruct-2509")
    assert document["summary"]["licence"] == "CC-BY-4.0"
    assert "doi:10.5281/zenodo.15386042" in document["summary"]["attribution"]
    assert "doi:10.1145/3630106.3659005" in document["summary"]["attribution"]
    for form in ("text", "markdown"):
        result = run_osai(
            "audit", "eosai", "swiss-ai/Apertus-70B-Instruct-2509", "--format", form,
            env={"COLUMNS": "400"},
        )  # fmt: skip
        assert result.code == 0, result.stderr
        assert "CC-BY-4.0" in result.stdout, form
        assert "zenodo.15386042" in result.stdout and "3630106.3659005" in result.stdout, form
    mot, _ = audit("mot", "xai-org/grok-1")
    assert mot["summary"]["licence"] == "MIT"
    assert "Model Openness Tool Authors" in mot["summary"]["attribution"]


def test_the_report_can_be_written_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "audit.md"
    result = run_osai("audit", "mot", "xai-org/grok-1", "--format", "markdown", "-o", str(out))
    assert result.code == 0 and result.stdout == ""
    assert out.read_text("utf-8").startswith("# osai audit mot")
    # said, as `osai check -o` says it: the terminal was left with nothing at all
    assert result.stderr == f"osai: wrote {out}\n"
    # beside standard output's report, the terminal has the report: nothing more is said
    beside = run_osai("audit", "mot", "xai-org/grok-1", "-o", f"markdown={out}")
    assert beside.code == 0 and beside.stdout and beside.stderr == ""


@pytest.mark.parametrize(("name", "first"), [("audit.json", "{"), ("audit.md", "# osai audit")])
def test_the_file_holds_the_format_its_extension_names(
    tmp_path: Path, name: str, first: str
) -> None:
    """`osai audit mot -o audit.json` wrote the text report into audit.json, exit 0 (a CI step
    parsing it then failed), where `osai check -o report.json` writes JSON."""
    out = tmp_path / name
    result = run_osai("audit", "mot", "xai-org/grok-1", "-o", str(out))
    assert result.code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith(first)
    if name.endswith(".json"):
        assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "osai/audit/2"


def test_an_output_whose_extension_and_format_disagree_or_name_no_audit_format_is_refused(
    tmp_path: Path,
) -> None:
    """-o reads as `osai check -o` reads it (one parser, osai.outputs.OutputSpec): the
    extension names the format, FORMAT=PATH names it for any file name, and a disagreement with
    --format is refused in check's words.  audit took a second reading of its own, which
    accepted no FORMAT=PATH (it wrote the text report into a file named 'json=a.txt')."""
    for args, words in (
        (("-o", str(tmp_path / "audit.sarif")), "extension names sarif; audit writes text,"),
        (("-o", str(tmp_path / "audit.json"), "--format", "markdown"), "--format says markdown"),
        (("-o", str(tmp_path / "audit.log")), "e.g. -o text=" + str(tmp_path / "audit.log")),
    ):
        result = run_osai("audit", "mot", "xai-org/grok-1", *args)
        assert result.code == 2, result.stdout
        assert result.stderr.startswith("osai: error: ") and words in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
    text = tmp_path / "audit.log"  # an extension osai does not know: named with FORMAT=
    assert run_osai("audit", "mot", "xai-org/grok-1", "-o", f"text={text}").code == 0
    assert text.read_text(encoding="utf-8").startswith("osai audit mot:")


def test_a_path_naming_no_format_lists_only_the_audit_s_extensions(tmp_path: Path) -> None:
    """`osai audit mot -o a.jsn` listed `.sarif .cdx.json .spdx.json .xml`, which audit cannot
    write, and suggested text for a path one letter from .json (found by the review)."""
    result = run_osai("audit", "mot", "xai-org/grok-1", "-o", "a.jsn", cwd=tmp_path)
    assert (result.code, result.stderr) == (
        2,
        "osai: error: -o a.jsn: cannot tell the format from '.jsn' (extensions: .json .md .txt);"
        " write FORMAT=PATH, e.g. -o json=a.jsn (formats: text, json, markdown)\n",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["audit", "audit.jsn", "audit.log"])
def test_a_path_naming_no_format_holds_format_s(name: str, tmp_path: Path) -> None:
    """The README: `-o FILE` in the format its extension names, else --format's; `--format json
    -o audit` was refused (found by the review)."""
    out = tmp_path / name
    result = run_osai("audit", "mot", "xai-org/grok-1", "--format", "json", "-o", str(out))
    assert (result.code, result.stdout) == (0, ""), result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "osai/audit/2"
    for form in ("json", "markdown", "text"):  # the audit's own report is replaced
        again = run_osai("audit", "mot", "xai-org/grok-1", "--format", form, "-o", str(out))
        assert again.code == 0, again.stderr


def test_a_file_osai_did_not_write_is_kept_when_its_name_gives_no_format(
    tmp_path: Path,
) -> None:
    """`osai audit mot --format json -o notes` wrote the audit over the user's notes, exit 0:
    a path whose name gives no format takes --format's only when osai wrote what is there."""
    notes = tmp_path / "notes"
    notes.write_text("mine\n", encoding="utf-8")
    result = run_osai("audit", "mot", "xai-org/grok-1", "--format", "json", "-o", str(notes))
    assert result.code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"to keep it, write to a new file, e.g. -o {notes}.json" in result.stderr
    assert notes.read_text(encoding="utf-8") == "mine\n"


def test_a_format_written_under_another_s_extension_is_warned_of(tmp_path: Path) -> None:
    out = tmp_path / "audit.md"
    result = run_osai("audit", "mot", "xai-org/grok-1", "-o", f"json={out}")
    assert result.code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"osai: warning: -o json={out}: writing json into a file whose extension says markdown"
    ]
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "osai/audit/2"


def test_the_rows_put_what_a_maintainer_acts_on_first() -> None:
    """In file order, the first screen of the whole audit was Amber's unconfirmed row and three
    listings naming no repository, the contradictions further down: the contradictions come
    first, then the listings naming no repository, the unconfirmed, and in every format."""
    named = ("LLM360/Amber", "Snowflake/snowflake-arctic-base", "EleutherAI/pythia-70m")
    result = run_osai("audit", "mot", *named, "--format", "json")
    statuses = [row["status"] for row in json.loads(result.stdout)["listings"]]
    assert statuses == sorted(
        statuses, key=["disagrees", "no-such-repository", "unconfirmed"].index
    ), statuses
    assert statuses[0] == "disagrees" and "unconfirmed" in statuses
    text = run_osai("audit", "mot", *named, env={"COLUMNS": "200"}).stdout.splitlines()
    rows = [line.split(" · ")[-1] for line in text if " → " in line]
    assert [row.split(" (")[0] for row in rows] == statuses
    summary = text[: text.index("")]
    at = summary.index("  findings            by kind")
    assert summary[at + 1].startswith("    ")  # the kinds under it, not under "unconfirmed"


def test_a_model_no_listing_names_is_a_json_report_s_error(tmp_path: Path) -> None:
    """`osai audit mot nobody/nothing --format json` wrote no JSON at all (one error line, exit
    2), where `osai check --format json` with a target it cannot check writes a document with
    the target in errors[]: a JSON reader had nothing to parse.  The document says nothing was
    audited and why, one entry a MODEL, as standard error says them; text stays the line alone."""
    document, result = audit("mot", "nobody/nothing", "EleutherAI/pythia-70m", "no\nbody", code=2)
    assert document["listings"] == [] and document["summary"]["audited"] == 0
    assert document["errors"] == [
        {
            "target": "nobody/nothing",
            "message": "no mot listing names nobody/nothing",
            "exit_code": 2,
        },
        {"target": "no\nbody", "message": "no mot listing names no\\nbody", "exit_code": 2},
    ]
    assert result.stderr == (
        "osai: error: no mot listing names nobody/nothing\n"
        "osai: error: no mot listing names no\\nbody\n"
    )
    out = tmp_path / "audit.json"
    written = run_osai("audit", "mot", "nobody/nothing", "-o", f"json={out}")
    assert (written.code, written.stdout) == (2, "")  # the text on screen: nothing audited
    assert json.loads(out.read_text(encoding="utf-8"))["errors"] == document["errors"][:1]
    # an audit that ran has errors [] (every document has them)
    ran, _ = audit("mot", "EleutherAI/pythia-70m")
    assert ran["errors"] == []


def test_an_audit_on_an_ascii_stream_keeps_its_words_and_its_json() -> None:
    """Through an ASCII pipe a listing's heading read "mot:models/Pythia-70M.yml ?
    EleutherAI/pythia-70m ? disagrees" (→ and ·), and the JSON lost what was beyond ASCII in
    its data: the text has its stand-ins, laid out to the width; the JSON is as UTF-8 writes
    it."""
    env = {"COLUMNS": "80"}
    text = run_osai("audit", "mot", "EleutherAI/pythia-70m", env=env, encoding="ascii")
    assert text.code == 0, text.stderr
    assert "mot:models/Pythia-70M.yml -> EleutherAI/pythia-70m - disagrees" in text.stdout
    assert max(cell_width(line) for line in text.stdout.splitlines()) <= 80
    args = ("audit", "mot", "EleutherAI/pythia-70m", "--format", "json")
    utf8, shown = run_osai(*args), run_osai(*args, encoding="ascii")
    assert shown.code == utf8.code == 0, shown.stderr
    assert shown.stdout_bytes == utf8.stdout_bytes
