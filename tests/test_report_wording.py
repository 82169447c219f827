"""What a report says to a new user, at 80 columns: no hint that points at nothing shown, facts
named in words for a release the user does not own, one note per fact, one line per error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from clirunner import EXAMPLES, ROOT, run_osai
from gate_manifests import open_release, write_manifest
from loopback_hub import LoopbackHub

from osai.census.summary import CensusSummary
from osai.formatters.census_markdown import downloads
from osai.rules import load_ruleset

SETTLE = "to settle what is unknown"
FULL_CITATION = (
    "Liesenfeld, A. and Dingemanse, M. (2024), Rethinking open source generative AI: "
    "open-washing and the EU AI Act, FAccT 2024, pp. 1774-1787, doi:10.1145/3630106.3659005"
)


@pytest.mark.parametrize("example", ["bloom", "falcon-180b", "llama-2-7b"])
def test_no_settle_hint_when_every_verdict_is_definite(example: str) -> None:
    """Each framework is violated on declared evidence: no unknown can change a verdict, so a
    hint to "declare them" would point at nothing on the screen."""
    for quiet in (("-q",), ()):
        result = run_osai("check", str(EXAMPLES / f"{example}.yml"), *quiet, env={"COLUMNS": "80"})
        assert result.code == 0, result.stderr
        assert "✘" in result.stdout
        assert SETTLE not in result.stdout


def test_a_settle_hint_names_the_unknowns_it_settles(tmp_path: Path) -> None:
    """Where a verdict is not definite the hint stays, below the unknowns it names."""
    release = open_release(licences={"Training code": "unknown"})
    manifest = write_manifest(tmp_path / "m.yml", release)
    result = run_osai("check", str(manifest), "-q", env={"COLUMNS": "200"})
    lines = result.stdout.splitlines()
    (osaid,) = [line for line in lines if line.startswith("  OSAID 1.0")]
    assert "(1 unknown) — Training code" in osaid
    assert f"→ {SETTLE}: declare them in {manifest}" in result.stdout


def fine_tune_manifest(tmp_path: Path) -> Path:
    """A fine-tune of Llama 2 whose training code is not released and whose model card is not
    declared (every other component open): ft.yml."""
    release = open_release(drop=("Training code", "Model card"))
    parts = release["release"]
    assert isinstance(parts, dict)
    parts["unlisted_components"] = "unknown"
    parts["declarations"] = {"base_model": "meta-llama/Llama-2-7b-hf"}
    parts["components"].append({"name": "Training code", "released": False})
    return write_manifest(tmp_path / "ft.yml", release)


def test_a_settle_hint_for_a_base_not_followed_still_says_to_declare_the_rest(
    tmp_path: Path,
) -> None:
    """A fine-tune of a base not followed (offline), OSAID violated by its training code (its
    unknowns cannot change that verdict), MOF Class III waiting on the parameters' licence and
    the model card: --follow settles the one, a declaration the other.  The hint counted the
    unknowns waiting on the base in every framework (OSAID's parameters too), found as many as
    those it speaks of, and said only "--follow reads the licence of its base model"."""
    manifest = fine_tune_manifest(tmp_path)
    result = run_osai("check", str(manifest), "-q", env={"COLUMNS": "200"})
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    (osaid,) = [line for line in lines if line.startswith("  OSAID 1.0")]
    assert "✘ not conformant" in osaid
    (mof,) = [line for line in lines if line.startswith("  MOF 1.0")]
    assert "(2 unknown) — Model parameters (Final); Model card" in mof
    hint = (
        f"→ {SETTLE}: --follow reads the licence of its base model; declare the rest in {manifest}"
    )
    assert hint in result.stdout


@pytest.mark.parametrize(
    ("cap", "reads"),
    [
        ((), "--follow reads the licence of its base model when the Hub answers (it did not)"),
        (("--max-links", "0"), "a higher --max-links reads the licence of its base model"),
    ],
    ids=["no-network", "capped"],
)
def test_a_settle_hint_for_a_base_follow_left_unread_says_what_reads_it(
    tmp_path: Path, cap: tuple[str, ...], reads: str
) -> None:
    """The fine-tune above checked with --follow on a laptop with no network, or with a
    --max-links that left its base out: the base was not read, and the hint said "declare them
    in ft.yml", where no declaration settles what a base's licence binds.  It names the run
    that does, and still the declaration for the rest."""
    manifest = fine_tune_manifest(tmp_path)
    env = {
        "COLUMNS": "200",
        "HF_ENDPOINT": "http://127.0.0.1:9",  # nothing listens: refused at once
        "HF_HOME": str(tmp_path / "hf"),
        "OSAI_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = run_osai("check", str(manifest), "-q", "--follow", *cap, env=env)
    assert result.code == 0, result.stderr
    said = " ".join(result.stdout.split())  # however the hint wraps (tmp_path's length)
    assert f"→ {SETTLE}: {reads}; declare the rest in {manifest}" in said, result.stdout


def fine_tune(tmp_path: Path, bases: str, text: str = "") -> Path:
    """A local fine-tune under Apache-2.0 whose card names `bases` (its YAML) and says `text`,
    with a weights file: its directory."""
    model = tmp_path / "ft"
    model.mkdir()
    card = f"---\nlicense: apache-2.0\nbase_model: {bases}\n---\n# Ft\n{text}"
    (model / "README.md").write_text(card, encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    return model


@pytest.mark.parametrize(
    ("links", "reads"),
    [
        ("", "its base model"),
        (
            "Code: https://github.com/acme/scratch\n",
            "its base model and the 1 other link its card gives",
        ),
    ],
)
def test_a_settle_hint_names_the_bases_follow_reads_and_follow_once(
    tmp_path: Path, links: str, reads: str
) -> None:
    """A local card naming LLaMA 2 (no Hub id: --follow cannot read it) and a Hub base: the
    hint said "--follow reads the licence of its 2 base models", then "or --follow the 1 link
    its card gives", that link being the base it had just named."""
    model = fine_tune(tmp_path, "[LLaMA 2, acme/base]", links)
    result = run_osai("check", str(model), "-q", env={"COLUMNS": "300"})
    assert result.code == 0, result.stderr
    [hint] = [line for line in result.stdout.splitlines() if SETTLE in line]
    assert hint.endswith(
        f"→ {SETTLE}: --follow reads the licence of {reads}; declare the rest in "
        f"{model / 'osai.yaml'} (`osai init {model}` drafts it)"
    ), hint


def test_one_base_named_three_ways_is_one_base(tmp_path: Path) -> None:
    """A local card naming one base by its id, again in other case and by its Hub address:
    the hint said "--follow reads the licence of its 3 base models" (one repository, which
    --follow reads once), and the weights waited "unless base model acme/base (not followed),
    base model ACME/Base (not followed) binds"."""
    model = fine_tune(tmp_path, "[acme/base, ACME/Base, 'https://huggingface.co/acme/base']")
    result = run_osai("check", str(model), "-v", env={"COLUMNS": "300"})
    assert result.code == 0, result.stderr
    [hint] = [line for line in result.stdout.splitlines() if SETTLE in line]
    assert f"→ {SETTLE}: --follow reads the licence of its base model;" in hint
    waits = [line for line in result.stdout.splitlines() if "binds its derivatives" in line]
    assert waits
    for line in waits:
        assert "unless base model acme/base (not followed) binds its derivatives" in line


def test_a_third_partys_facts_are_named_in_words(hub: LoopbackHub, tmp_path: Path) -> None:
    """GPT-NeoX-20B on the Hub: its publisher documents the data information, so the action
    names the facts as rules/components.yaml titles them, not the manifest keys a user would
    write in their own manifest; the keys stay for the user's own release."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path), "COLUMNS": "300"}
    result = run_osai("check", "EleutherAI/gpt-neox-20b", "--no-follow", env=env)
    assert result.code == 0, result.stderr
    actions = result.stdout.split("\nActions\n", 1)[1].split("\n\n", 1)[0]
    facts = load_ruleset().facts
    titles = [
        facts[fact].title for fact in ("third_party_data_sources", "unshareable_data_description")
    ]
    (line,) = [line for line in actions.splitlines() if titles[0] in line]
    assert line.split()[0] == "document"
    assert f"{titles[0]}; {titles[1]}: not stated" in line
    assert "data_information" not in result.stdout
    own = run_osai("check", str(EXAMPLES / "tiny-model"), env={"COLUMNS": "300"}).stdout
    assert "declare  release.data_information: third_party_data_sources and" in own


def test_a_gate_is_one_note_in_words_citing_host_and_card(hub: LoopbackHub, tmp_path: Path) -> None:
    """Llama 2 on the Hub: the host's gating mode and the card's gating form are one fact,
    said once in words; the JSON finding still cites both (the Hub's `gated` and the card's
    extra_gated_* fields)."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path), "COLUMNS": "80"}
    text = run_osai("check", "meta-llama/Llama-2-7b-hf", "--no-follow", env=env).stdout
    notes = " ".join(text.split("\nNotes\n", 1)[1].split("\nEvidence", 1)[0].split())
    assert notes.count("note: access is gated") == 1 and "the Hub gates" not in notes, notes
    assert (
        "note: access is gated: the provider approves each request (manual), and the card's "
        "gating form asks for personal details"
    ) in notes
    assert "extra_gated_heading" not in notes and "gated: manual" not in notes
    result = run_osai(
        "check", "meta-llama/Llama-2-7b-hf", "--no-follow", "--format", "json", env=env
    )
    (target,) = json.loads(result.stdout)["targets"]
    (gate,) = [f for f in target["findings"] if f["message"].startswith("access is gated")]
    cited = {item["location"]: item["value"] for item in gate["evidence"]}
    assert cited["gated"] == "manual"
    assert "First Name" in cited["cardData.extra_gated_fields"]
    assert "cardData.extra_gated_prompt" in cited


def _cited_at(document: object, location: str) -> list[dict[str, object]]:
    """Every citation of `location` in a JSON report, wherever it is cited."""
    if isinstance(document, dict):
        here = [document] if document.get("location") == location else []
        return here + [c for value in document.values() for c in _cited_at(value, location)]
    if isinstance(document, list):
        return [c for value in document for c in _cited_at(value, location)]
    return []


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        ("manual", "the provider approves each request"),
        ("auto", "each request is granted once its terms are accepted"),
    ],
)
def test_a_citation_of_the_host_s_gate_says_it_in_words(
    mode: str, words: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """The note of a citation of the Hub's gate, in the gate's finding and in the evidence of
    how the weights can be obtained, said "the host gates the repository (gated: manual)": the
    API's field, which the citation's location and value already give."""
    data = json.loads(
        (ROOT / "tests/fixtures/hub/models/meta-llama__Llama-2-7b-hf.json").read_text()
    )
    data["id"] = f"acme/gated-{mode}"
    data["gated"] = mode
    card = {k: v for k, v in data["cardData"].items() if not k.startswith("extra_gated")}
    data["cardData"] = card  # no form asking for personal data: the host's gate is the fact
    hub.add_repo(data)
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    repo = ("check", data["id"], "--no-follow", "-f", "eu-ai-act", "--format", "json")
    result = run_osai(*repo, env=env)
    (target,) = json.loads(result.stdout)["targets"]
    (gate,) = [f for f in target["findings"] if f["message"].startswith("access is gated")]
    cited = _cited_at(target, "gated")
    assert len(cited) > len(_cited_at(gate, "gated")), cited  # the fact's evidence cites it too
    assert {(c["value"], c["note"]) for c in cited} == {
        (mode, f"the host gates the repository: {words}")
    }


def test_a_gating_form_the_hub_does_not_enforce_is_not_called_a_gate(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A fine-tune that copies Llama 2's card keeps its extra_gated_* form, while the Hub serves
    its files ungated (gated: false): "access is gated; users must accept the card's terms" was
    said of it.  The note says the form binds no one."""
    data = json.loads(
        (ROOT / "tests/fixtures/hub/models/meta-llama__Llama-2-7b-hf.json").read_text()
    )
    data["id"] = "acme/llama-2-copy"
    data["gated"] = False
    hub.add_repo(data)
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", "acme/llama-2-copy", "--no-follow", "--format", "json", env=env)
    (target,) = json.loads(result.stdout)["targets"]
    notes = [f["message"] for f in target["findings"] if "gat" in f["message"]]
    assert not any(m.startswith("access is gated") for m in notes), notes
    assert (
        "the card carries a gating form, but the host does not gate the repository: its "
        "files download without accepting it"
    ) in notes


@pytest.mark.parametrize("repo_id", ["bigscience/bloom", "deepseek-ai/DeepSeek-R1"])
def test_the_indexs_citation_is_one_clause_on_a_terminal(
    repo_id: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """EOSAI's data is CC-BY-4.0: every report that uses an entry credits it, a terminal in a
    few words (the index's link, authors, year, licence, where the full citation is), not seven
    lines; JSON and `osai db status` keep the full citation.  The index asks its attribution to
    be a link to https://osai-index.eu/ and a citation: a terminal gave the citation alone."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path), "COLUMNS": "80"}
    text = run_osai("check", repo_id, "--no-follow", env=env)
    assert text.code == 0, text.stderr
    flat = " ".join(text.stdout.split())
    assert (
        "source: European Open Source AI Index (https://osai-index.eu/), Liesenfeld and "
        "Dingemanse (2024), CC-BY-4.0 (`osai db status` gives the full citation)"
    ) in flat
    assert any("`osai db status`" in line for line in text.stdout.splitlines())  # to copy
    assert "doi:" not in text.stdout and "FAccT" not in text.stdout
    result = run_osai("check", repo_id, "--no-follow", "--format", "json", env=env)
    (target,) = json.loads(result.stdout)["targets"]
    (note,) = [f["message"] for f in target["findings"] if "source: European" in f["message"]]
    assert FULL_CITATION in note
    status = " ".join(run_osai("db", "status", env=env).stdout.split())
    assert FULL_CITATION in status


# the 13 Hub fixtures a MOT file names (tests/test_audit.py), 4 of which an EOSAI entry names too
SERVED_BY_MOT = (
    "EleutherAI/gpt-neox-20b", "EleutherAI/polyglot-ko-12.8b", "EleutherAI/pythia-6.9b",
    "EleutherAI/pythia-70m", "LLM360/Amber", "Qwen/Qwen2.5-7B", "allenai/OLMo-7B",
    "bigscience/bloom", "deepseek-ai/DeepSeek-R1", "mistralai/Mistral-7B-v0.1",
    "mistralai/Mixtral-8x7B-v0.1", "tiiuae/falcon-180B", "xai-org/grok-1",
)  # fmt: skip
SHORT_CREDIT = (
    "public assessments used: MOT (1 listing; MIT), EOSAI (1 listing; CC-BY-4.0, Liesenfeld and "
    "Dingemanse (2024), https://osai-index.eu/): `osai db status` gives the full citations"
)


def test_quiet_says_which_public_assessment_its_verdicts_rest_on_with_its_credit(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`osai check deepseek-ai/DeepSeek-R1 -f eosai -q` printed a score built on the index's
    CC-BY-4.0 grades with no word of the index.  -q says, under the verdicts, which public
    assessments were used and their credit in a few words; a summary of several targets says
    it under the totals; nothing is said when none is used."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path), "COLUMNS": "100"}
    quiet = run_osai(
        "check", "deepseek-ai/DeepSeek-R1", "-f", "eosai", "-q", "--no-follow", env=env
    )
    assert quiet.code == 0, quiet.stderr
    flat = " ".join(quiet.stdout.split())
    assert SHORT_CREDIT in flat, quiet.stdout
    assert flat.index("score") < flat.index(SHORT_CREDIT)
    assert "doi:" not in quiet.stdout  # the full citation is the JSON's and db status's
    none = run_osai(
        "check", "deepseek-ai/DeepSeek-R1", "-q", "--no-follow", "--no-public-assessments", env=env
    )
    assert none.code == 0, none.stderr
    assert "public assessment" not in none.stdout


def test_the_credit_under_many_targets_is_about_a_line_a_database(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Under 13 targets "public assessment used:" named each of 13 MOT files and gave the MOT's
    whole MIT attribution, 8 lines under a singular label, and -q spent 3 lines on that
    attribution where README promised one line a database.  Each database is counted and
    credited in a few words (the CC-BY licence, creator and source of the index kept), the
    full citations left to `osai db status`."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path), "COLUMNS": "100"}
    several = run_osai("check", *SERVED_BY_MOT, "--no-follow", env=env)
    assert several.code == 0, several.stderr
    lines = several.stdout.splitlines()
    (first,) = [at for at, line in enumerate(lines) if "public assessment" in line]
    credit = lines[first : lines.index("-v shows each target's verdicts, actions and evidence")]
    assert " ".join(" ".join(credit).split()) == (
        "public assessments used: MOT (13 listings; MIT), EOSAI (4 listings; CC-BY-4.0, "
        "Liesenfeld and Dingemanse (2024), https://osai-index.eu/): `osai db status` gives the "
        "full citations"
    ), credit
    assert len(credit) == 2, credit
    quiet = run_osai("check", "deepseek-ai/DeepSeek-R1", "-q", "--no-follow", env=env)
    assert quiet.code == 0, quiet.stderr
    said = [line for line in quiet.stdout.splitlines() if "public assessment" in line]
    assert said and "Copyright" not in quiet.stdout and "NOTICE" not in quiet.stdout
    assert len(quiet.stdout.splitlines()) - quiet.stdout.splitlines().index(said[0]) == 2


def test_github_says_error_only_for_what_fails_the_gate() -> None:
    """Llama 2 without --require exits 0: an unmet requirement is a warning, as JUnit calls it
    "not a failure"; under --require osaid, OSAID's unmet requirements are errors and MOF's,
    which the gate does not cover, stay warnings (shown with --annotate all)."""
    llama = str(EXAMPLES / "llama-2-7b.yml")
    free = run_osai("check", llama, "--format", "github")
    assert free.code == 0, free.stderr
    assert "unmet" in free.stdout and "::warning" in free.stdout
    assert not [line for line in free.stdout.splitlines() if line.startswith("::error")]
    gated = run_osai(
        "check", llama, "--format", "github", "--require", "osaid", "--annotate", "all"
    )
    assert gated.code == 1
    errors = [line for line in gated.stdout.splitlines() if line.startswith("::error")]
    assert any("title=OSAID-PARAMETERS" in line for line in errors)
    assert not any("Model Openness Framework" in line for line in errors)
    mof = [line for line in gated.stdout.splitlines() if "title=MOF-C3-MODEL-PARAMETERS" in line]
    assert mof and all(line.startswith("::warning") for line in mof)


def test_sarif_names_no_home_page_the_project_does_not_give() -> None:
    """SARIF's informationUri is optional: it was https://osai.dev/, a domain the project does
    not own.  It is the project's own URL (pyproject.toml [project.urls]) or absent."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "--format", "sarif")
    driver = json.loads(result.stdout)["runs"][0]["tool"]["driver"]
    urls = set(project.get("urls", {}).values())
    if urls:
        assert driver["informationUri"] in urls
    else:
        assert "informationUri" not in driver


@pytest.mark.parametrize("quiet", [("-q",), ()])
def test_an_error_is_said_once(quiet: tuple[str, ...], tmp_path: Path) -> None:
    """Two targets, one failing: the summary row says "error" and why; standard error does
    not repeat it.  A report on standard output that does not state it (JSON, one target)
    leaves it to standard error, once."""
    pythia, missing = str(EXAMPLES / "pythia-70m.yml"), "nonexist.yml"
    result = run_osai("check", pythia, missing, *quiet, cwd=tmp_path, env={"COLUMNS": "80"})
    assert result.code == 2
    assert "✘ nonexist.yml: error: no such file or directory" in result.stdout
    assert result.stdout.count("no such file") == 1 and result.stderr == ""
    alone = run_osai("check", missing, *quiet, cwd=tmp_path)
    assert alone.stdout == "" and alone.stderr.count("no such file") == 1
    machine = run_osai("check", pythia, missing, "--format", "json", *quiet, cwd=tmp_path)
    assert machine.stderr.count("no such file") == 1


def test_an_error_in_a_report_sent_elsewhere_is_also_said_on_standard_error(
    tmp_path: Path,
) -> None:
    """`osai check a.yml missing.yml > report.txt` exited 2 with nothing on standard error: the
    error was only in the file.  Standard error stays quiet only where it is the same stream as
    the report (a terminal; here one pipe for both).  A real process: which streams share a file
    is the operating system's answer, not a test double's."""
    pythia, missing = str(EXAMPLES / "pythia-70m.yml"), "nonexist.yml"
    command = [sys.executable, "-m", "osai", "check", pythia, missing]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80"}
    apart = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert apart.returncode == 2
    assert "✘ nonexist.yml: error: no such file" in apart.stdout
    assert apart.stderr.count("no such file") == 1
    merged = subprocess.run(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path, env=env
    )
    assert merged.returncode == 2 and merged.stdout.count("no such file") == 1


def test_a_summary_row_keeps_a_problems_line_number_with_its_file(tmp_path: Path) -> None:
    """The row for a manifest with three problems read "✘ osai.yaml: error: 1: framework:
    missing (required) osai.yaml:1: …": the line number came loose from its file, and the
    problems ran into one paragraph.  Now it is "FILE:LINE: problem", one per line."""
    (tmp_path / "osai.yaml").write_text("release:\n  name: x\n", encoding="utf-8")
    pythia = str(EXAMPLES / "pythia-70m.yml")
    result = run_osai("check", pythia, "osai.yaml", "-q", cwd=tmp_path, env={"COLUMNS": "100"})
    assert result.code == 2
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  ✘ osai.yaml: error:"))
    assert lines[start] == "  ✘ osai.yaml: error: osai.yaml:1: framework: missing (required)"
    assert lines[start + 1] == "    osai.yaml:1: release.components: missing (required)"


def test_a_directory_of_manifests_says_how_to_check_each(tmp_path: Path) -> None:
    """`osai check examples` judged the folder as one model called "examples": it holds the
    manifests of seven releases, each its own.  The report says so, and how to check each; a
    YAML file that is not a manifest, or one alone, says nothing."""
    folder = tmp_path / "examples"
    folder.mkdir()
    for name in ("bloom.yml", "llama-2-7b.yml", "pythia-70m.yml", "amber.yml"):
        shutil.copy(EXAMPLES / name, folder / name)
    (folder / "training.yaml").write_text("lr: 0.1\nsteps: 10\n", encoding="utf-8")
    result = run_osai("check", "examples", cwd=tmp_path, env={"COLUMNS": "300"})
    assert result.code == 0, result.stderr
    (note,) = [line for line in result.stdout.splitlines() if "manifests, each" in line]
    assert (
        "note: examples holds 4 manifests, each of a release of its own (amber.yml, "
        "bloom.yml and llama-2-7b.yml; +1 more): this report judges the directory as one "
        "model; osai check examples/*.yml checks each manifest"
    ) in note
    assert "training.yaml" not in note
    result = run_osai("check", str(folder), "--format", "json")
    (target,) = json.loads(result.stdout)["targets"]
    (finding,) = [f for f in target["findings"] if "manifests, each" in f["message"]]
    assert [e["location"] for e in finding["evidence"]] == [
        "amber.yml",
        "bloom.yml",
        "llama-2-7b.yml",
        "pythia-70m.yml",
    ]
    for name in ("bloom.yml", "llama-2-7b.yml", "amber.yml"):
        (folder / name).unlink()
    alone = run_osai("check", str(folder)).stdout
    assert "manifests, each" not in alone


def test_a_manifest_under_another_name_is_said_not_read(tmp_path: Path) -> None:
    """A team renamed its osai.yaml release.yaml: `osai check DIR` (the pre-commit hook's
    check) no longer read it, and judged the directory on what it detects, not a word on what
    the team had declared.  Now a warning names the file and how to have it read."""
    folder = tmp_path / "my-model"
    shutil.copytree(EXAMPLES / "tiny-model", folder)
    shutil.copy(EXAMPLES / "pythia-70m.yml", folder / "release.yaml")
    result = run_osai("check", "my-model", cwd=tmp_path, env={"COLUMNS": "300"})
    assert result.code == 0, result.stderr
    (warning,) = [line for line in result.stdout.splitlines() if "release.yaml" in line]
    assert warning.strip() == (
        "warning: my-model/release.yaml: a manifest, not read: osai reads a directory's "
        "manifest under one of the names in rules/detection.yaml manifests.names (osai.yaml, "
        "osai.yml…); rename it osai.yaml, or check it alone with osai check "
        "my-model/release.yaml"
    )
    (folder / "release.yaml").rename(folder / "my release.yaml")
    result = run_osai("check", "my-model", cwd=tmp_path, env={"COLUMNS": "300"})
    assert "check it alone with osai check 'my-model/my release.yaml'" in result.stdout
    # read under its own name, it is the directory's manifest, and nothing more is said
    (folder / "my release.yaml").rename(folder / "release.yaml")
    (folder / "release.yaml").rename(folder / "osai.yaml")
    result = run_osai("check", "my-model", cwd=tmp_path, env={"COLUMNS": "300"})
    assert "not read" not in result.stdout


@pytest.mark.parametrize(
    ("models", "uncounted", "said"),
    [
        (5, 5, "unknown (no model has a download count)"),
        (1, 1, "unknown (the model has no download count)"),
        (5, 2, "1,200 (2 models have no download count)"),
        (5, 0, "1,200"),
    ],
)
def test_census_downloads_are_unknown_when_no_model_has_a_count(
    models: int, uncounted: int, said: str
) -> None:
    """ "downloads in the last 30 days: 0 (5 models have no download count)": a sum of no
    counts is not 0 downloads."""
    summary = CensusSummary(
        models, 0 if uncounted == models else 1200, uncounted, None, (), (), 0, 0, 0, (), (), (),
        0, (), 0, 0, 0, (), "",
    )  # fmt: skip
    assert downloads(summary) == said


def test_census_usage_says_the_command_is_optional() -> None:
    """`osai census` with no command runs the census: "COMMAND [ARGS]..." said one was needed."""
    result = run_osai("census", "--help", env={"COLUMNS": "80"})
    assert result.code == 0, result.stderr
    assert "Usage: osai census [OPTIONS] [COMMAND [ARGS]...]" in result.stdout


def test_a_gated_card_s_notes_and_reasons_name_no_hub_api_field(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Llama 2's card body is gated: its notes said "only its metadata (cardData)" and "(the
    card's extra_gated_fields)", its reasons "(inherited from cardData.license)", the Hub API's
    names where a person reads what they are (the evidence already said "card metadata").
    The JSON keeps the API's names where they are locations."""
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path), "COLUMNS": "100"}
    repo = ("check", "meta-llama/Llama-2-7b-hf", "--no-follow", "-v")
    text = run_osai(*repo, env=env).stdout
    markdown = run_osai(*repo, "--format", "markdown", env=env).stdout
    for said in (text, markdown):
        flat = " ".join(said.split())
        for raw in ("cardData", "extra_gated", "siblings"):
            assert raw not in flat, (raw, flat[flat.find(raw) - 200 : flat.find(raw) + 100])
    flat = " ".join(text.split())
    assert "was not checked, only its metadata, which the Hub gives without it" in flat
    assert "(inherited from card metadata license)" in flat
    result = run_osai(*repo, "--format", "json", env=env)
    (target,) = json.loads(result.stdout)["targets"]
    (gate,) = [f for f in target["findings"] if f["message"].startswith("access is gated")]
    assert "cardData.extra_gated_fields" in {item["location"] for item in gate["evidence"]}


def test_a_note_on_a_gated_card_s_metadata_names_it_in_words(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A note on what a gated card's metadata says opened with the API's name for it:
    "cardData: a custom licence osai does not recognise"."""
    data = json.loads(
        (ROOT / "tests/fixtures/hub/models/meta-llama__Llama-2-7b-hf.json").read_text()
    )
    data["id"] = "acme/gated-custom"
    data["cardData"] = {**data["cardData"], "license": "other", "license_name": "acme-terms"}
    hub.add_repo(data)
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai("check", "acme/gated-custom", "--no-follow", "--format", "json", env=env)
    (target,) = json.loads(result.stdout)["targets"]
    messages = [f["message"] for f in target["findings"]]
    custom = [m for m in messages if "a custom licence osai does not recognise" in m]
    assert [m.split(": ", 1)[0] for m in custom] == ["the card's metadata"], messages


def test_a_field_a_gated_card_s_metadata_gets_wrong_is_named_in_words(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A warning on a field the Hub's card metadata gives in a shape osai cannot read (its
    README gated) opened with the API's name for it: "cardData: 'datasets' item 2 is not a
    string"."""
    data = json.loads(
        (ROOT / "tests/fixtures/hub/models/meta-llama__Llama-2-7b-hf.json").read_text()
    )
    data["id"] = "acme/gated-odd-datasets"
    data["cardData"] = {**data["cardData"], "datasets": ["acme/web", {"name": "acme/web"}]}
    hub.add_repo(data)
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    result = run_osai(
        "check", "acme/gated-odd-datasets", "--no-follow", "--format", "json", env=env
    )
    (target,) = json.loads(result.stdout)["targets"]
    warnings = [f["message"] for f in target["findings"] if f["kind"] == "warning"]
    assert "the card's metadata: 'datasets' item 2 is not a string" in warnings, warnings


_WEIGHTS_UNDER = """\
framework:
  name: 'Model Openness Framework'
  version: '1.0'
  date: '2024-12-15'
release:
  name: Acme
  version: 1B
  date: '2025-01-01'
  producer: Acme
  license:
    distribution:
      name: '{licence}'
  components:
    - name: 'Model parameters (Final)'
      license: '{licence}'
"""


def test_a_reason_quotes_a_licence_as_declared_whatever_it_holds(tmp_path: Path) -> None:
    """Reasons say where a licence was inherited from in words ("card metadata license", not
    the Hub API's `cardData.license`), but a licence quoted in them is someone's own text: a
    LicenseRef holding "cardData." read "LicenseRef-card metadata terms" in -v and the CI
    formats (SARIF, GitHub, JUnit), while the table and the JSON quoted it as declared."""
    licence = "LicenseRef-cardData.terms"
    manifest = tmp_path / "acme.yml"
    manifest.write_text(_WEIGHTS_UNDER.format(licence=licence))
    args = ("check", str(manifest), "-f", "osaid")
    text = run_osai(*args, "-v", env={"COLUMNS": "300"}).stdout
    sarif = run_osai(*args, "--format", "sarif").stdout
    for said in (text, sarif):
        assert f"Model parameters (Final): {licence}: a licence osai does not know" in said, said
        assert "card metadata" not in said, said


def test_a_directory_of_more_manifests_than_osai_reads_says_at_least(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The MOT's models/ folder (180 files) was said to hold "100 manifests": the YAML files
    beyond the first MAX_CANDIDATES are not read, so the count is a floor and says so."""
    monkeypatch.setattr("osai.backends.local_manifests.MAX_CANDIDATES", 3)
    folder = tmp_path / "models"
    folder.mkdir()
    for index in range(5):
        shutil.copy(EXAMPLES / "pythia-70m.yml", folder / f"m{index}.yml")
    result = run_osai("check", "models", cwd=tmp_path, env={"COLUMNS": "300"})
    (note,) = [line for line in result.stdout.splitlines() if "manifests, each" in line]
    assert "note: models holds at least 3 manifests, each of a release of its own" in note
    for name in ("m3.yml", "m4.yml"):
        (folder / name).unlink()
    result = run_osai("check", "models", cwd=tmp_path, env={"COLUMNS": "300"})
    (note,) = [line for line in result.stdout.splitlines() if "manifests, each" in line]
    assert "note: models holds 3 manifests, each" in note
