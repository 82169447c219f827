"""A gated repository's card that osai could not read: what it would state is "not read", not
"not stated" (why_unknown: not-read), and the action is to read it (a token), not to document
it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clirunner import run_osai
from loopback_hub import DEFAULT_FIXTURES_DIR, LoopbackHub
from report_text import action_lines

from osai.schemas import instance_errors

LLAMA = "meta-llama/Llama-2-7b-hf"
SECRET = "hf_granted_for_this_test"


def _env(hub: LoopbackHub, home: Path, **extra: str) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home), "COLUMNS": "200", **extra}


def _requirements(stdout: str) -> dict[str, dict[str, Any]]:
    document = json.loads(stdout)
    assert list(instance_errors("report", document)) == []
    (framework,) = document["targets"][0]["frameworks"]
    return {r["id"]: r for r in framework["requirements"]}


def test_what_a_gated_card_would_state_is_not_read(hub: LoopbackHub, tmp_path: Path) -> None:
    env = _env(hub, tmp_path)
    result = run_osai("check", LLAMA, "-f", "eu-ai-act", "--format", "json", env=env)
    assert result.code == 0, result.stderr
    requirements = _requirements(result.stdout)
    usage = requirements["EUAIA-USAGE-INFO"]
    assert usage["status"] == "unknown" and usage["why_unknown"] == "not-read"
    assert "usage_capabilities not read (README.md: the repository is gated" in usage["reason"]
    assert "usage_capabilities not stated" not in usage["reason"]
    # A fact no card rule states stays "not stated": reading the card would not tell osai.
    monetised = requirements["EUAIA-NO-MONETISATION"]
    assert monetised["why_unknown"] == "no-evidence"
    assert monetised["reason"] == "monetisation not stated"
    # Stated (the gating form asks for personal data), which the rule leaves to a reading
    # (review_if): not "not stated", and not for the publisher to say more.
    assert requirements["EUAIA-ACCESS"]["why_unknown"] == "left-to-reading"
    assert requirements["EUAIA-WEIGHTS-PUBLIC"]["why_unknown"] is None  # met

    text = run_osai("check", LLAMA, "-f", "eu-ai-act", env=env).stdout
    found = action_lines(text)
    read = [a for a in found if a.startswith("read ")]
    assert read[0].startswith("read Capabilities and intended uses; Limitations;")
    assert (
        "not read (README.md: the repository is gated, set HF_TOKEN to a token that has been "
        "granted access) — for EU AI Act"
    ) in read[0]
    # one read for all the token settles, the standing duties' with the exemption's
    assert len(read) == 1, read
    assert "Union copyright law" in read[0] and read[0].endswith(
        "— for EU AI Act, EU AI Act (owed)"
    )
    documented = " ".join(a for a in found if a.startswith("document "))
    assert "Capabilities" not in documented and "copyright" not in documented
    assert (
        "Whether the release is monetised and whether the Commission designated the model as "
        "one with systemic risk: not stated"
    ) in documented
    assert "How the weights can be obtained" not in documented
    (review,) = [a for a in found if a.startswith("review ")]
    assert review == (
        "review How the weights can be obtained: personal-data (only after giving personal "
        "data), which osai leaves to a reading: read the rule (`osai rules explain "
        "EUAIA-ACCESS`; a waiver records your reading) — for EU AI Act"
    )


def test_the_headline_says_the_card_was_not_read(hub: LoopbackHub, tmp_path: Path) -> None:
    """-q printed "+10 more unknown" of Llama 2 and no word that its card was never read (the
    warning sits in Notes, and the "read" action, which -q leaves out): under -q the answer's
    lines say it, with the way to read it."""
    env = {**_env(hub, tmp_path), "COLUMNS": "80"}
    text = run_osai("check", LLAMA, "-q", env=env).stdout
    assert (
        "→ README.md: the repository is gated, set HF_TOKEN to a token that has been granted "
        "access; it was not read, so what it could show stays unknown"
    ) in " ".join(text.split()), text
    assert max(map(len, text.splitlines())) <= 80
    # without -q, the actions' "read" step and Notes say it: not a third time
    text = run_osai("check", LLAMA, env=env).stdout
    assert "it was not read, so what it could show" not in " ".join(text.split())
    assert "not read (README.md: the repository is gated" in " ".join(text.split())


def test_a_summary_of_several_targets_says_which_card_was_not_read(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A summary of Llama 2 beside other targets counted its unknowns and said nothing of its
    card never read: the target's lines under the table say it, gated or not."""
    env = {**_env(hub, tmp_path), "COLUMNS": "80"}
    unread = (
        "README.md: the repository is gated, set HF_TOKEN to a token that has been granted "
        "access; it was not read, so what it could show stays unknown"
    )
    examples = Path(__file__).resolve().parent.parent / "examples"
    for gate in ((), ("--require", "osaid")):
        result = run_osai("check", LLAMA, str(examples / "pythia-70m.yml"), *gate, env=env)
        text = result.stdout
        assert result.code == (1 if gate else 0), result.stderr  # Llama 2 fails the gate
        said = " ".join(text.split())
        assert said.count(unread) == 1, text
        assert said.index(LLAMA) < said.index(unread) < said.index("-v shows")
        assert max(map(len, text.splitlines())) <= 80


def test_a_target_nothing_blocks_is_said_not_read_not_blocked(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A gated card beside Apache-2.0 weights, nothing violated: listed under "What blocks
    them", it read as falling short and took a place among the targets shown there."""
    gated = "acme/gated-open"
    hub.add_repo(
        {
            "id": gated,
            "gated": "auto",
            "cardData": {"license": "apache-2.0"},
            "siblings": [{"rfilename": "README.md"}, {"rfilename": "model.safetensors"}],
        }
    )
    hub.add_file(gated, "README.md", "---\nlicense: apache-2.0\n---\n# Gated\n")
    env = {**_env(hub, tmp_path), "COLUMNS": "80"}
    examples = Path(__file__).resolve().parent.parent / "examples"
    result = run_osai("check", gated, str(examples / "llama-2-7b.yml"), env=env)
    assert result.code == 0, result.stderr
    said = " ".join(result.stdout.split())
    blocks = said.split("What blocks them", 1)[1].split("Not read", 1)[0]
    assert "llama-2-7b.yml" in blocks and gated not in blocks
    assert f"Not read {gated} README.md: the repository is gated" in said
    assert "+1 more target fell short" not in said


def test_a_token_that_reads_the_card_leaves_nothing_not_read(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    hub.allow_token(SECRET)
    env = _env(hub, tmp_path, HF_TOKEN=SECRET, HF_HUB_DISABLE_IMPLICIT_TOKEN="0")
    result = run_osai("check", LLAMA, "-f", "eu-ai-act", "--format", "json", env=env)
    assert result.code == 0, result.stderr
    whys = {r["why_unknown"] for r in _requirements(result.stdout).values()}
    assert "not-read" not in whys
    text = run_osai("check", LLAMA, "-f", "eu-ai-act", env=env).stdout
    assert "not read" not in text and not any(a.startswith("read ") for a in action_lines(text))


def test_a_draft_from_a_gated_card_says_the_card_was_not_read(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`osai init` of a gated model drafted from its metadata alone and said nothing: the draft
    lacked every fact the card's text would give, with no word why.  It warns as `osai check`
    does, in one warning (wrapped to COLUMNS, as a terminal's)."""
    result = run_osai("init", LLAMA, "-o", "-", env=_env(hub, tmp_path))
    assert result.code == 0, result.stderr
    said = " ".join(result.stderr.split()).replace(" osai: ", "\nosai: ").splitlines()
    warnings = [line for line in said if line.startswith("osai: warning:")]
    assert warnings == [
        "osai: warning: README.md could not be read: gated repository (set HF_TOKEN to a token "
        "that has been granted access); the card's body (links, tables, sections) was not "
        "checked, only its metadata, which the Hub gives without it"
    ]


def _mof(hub: LoopbackHub, home: Path, repo_id: str, **extra: str) -> dict[str, dict[str, Any]]:
    env = _env(hub, home, **extra)
    result = run_osai(
        "check", repo_id, "-f", "mof", "--no-public-assessments", "--format", "json", env=env
    )
    assert result.code == 0, result.stderr
    return _requirements(result.stdout)


def test_what_a_gated_card_would_show_is_not_read_not_unseen(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Llama 2's gated card was not read, yet MOF's evaluation results, data card and technical
    report, which its body would show (its sections, its paper links: rules/detection.yaml
    `card`), were "no evidence found" (why_unknown: no-evidence) and to be documented by Meta:
    found by the product review.  A component other evidence shows keeps it, and one no card
    shows (sample outputs) stays unseen."""
    requirements = _mof(hub, tmp_path, LLAMA)
    gated = "not read (README.md: the repository is gated, set HF_TOKEN to a token that has"
    for requirement, name in (
        ("MOF-C3-EVALUATION-RESULTS", "Evaluation results"),
        ("MOF-C3-DATA-CARD", "Data card"),
        ("MOF-C3-TECHNICAL-REPORT", "Technical report"),
        ("MOF-C1-RESEARCH-PAPER", "Research paper"),
        ("MOF-C2-TRAINING-CODE", "Training code"),
    ):
        judged = requirements[requirement]
        assert judged["status"] == "unknown" and judged["why_unknown"] == "not-read", judged
        assert judged["reason"].startswith(f"{name}: {gated}"), judged["reason"]
    outputs = requirements["MOF-C3-SAMPLE-MODEL-OUTPUTS"]
    assert outputs["why_unknown"] == "no-evidence"
    assert outputs["reason"] == "Sample model outputs: no evidence found"
    # the Hub's file list shows the weights, the card's metadata the card: not "not read"
    assert requirements["MOF-C3-MODEL-PARAMETERS-FINAL"]["status"] == "unmet"
    assert "not read" not in requirements["MOF-C3-MODEL-CARD"]["reason"]

    text = run_osai(
        "check",
        LLAMA,
        "-f",
        "mof",
        "--no-public-assessments",
        env=_env(hub, tmp_path, COLUMNS="80"),
    )
    assert text.code == 0, text.stderr
    assert max(map(len, text.stdout.splitlines())) <= 80, text.stdout
    found = action_lines(text.stdout)
    said = (
        "read Evaluation results, Data card and Technical report: not read (README.md: the "
        "repository is gated, set HF_TOKEN to a token that has been granted access) — "
    )
    assert any(a.startswith(said) for a in found), found
    documented = " ".join(a for a in found if a.startswith("document "))
    assert "Data card" not in documented and "Evaluation results" not in documented


def test_a_token_that_reads_the_card_leaves_no_component_not_read(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    hub.allow_token(SECRET)
    token = {"HF_TOKEN": SECRET, "HF_HUB_DISABLE_IMPLICIT_TOKEN": "0"}
    requirements = _mof(hub, tmp_path, LLAMA, **token)
    assert [r["id"] for r in requirements.values() if r["why_unknown"] == "not-read"] == []


def test_a_card_too_large_to_read_leaves_what_it_would_show_to_its_publisher(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A card larger than osai reads is not read either, and no token reads it: what it would
    show is "not read (README.md: larger than osai reads)", for its publisher to document."""
    fixture = DEFAULT_FIXTURES_DIR / "google-t5__t5-base.json"
    data = json.loads(fixture.read_text(encoding="utf-8"))
    repo_id = hub.add_repo({**data, "id": "osai-test/huge-card", "sha": None})
    hub.add_file(repo_id, "README.md", "---\nlicense: mit\n---\n" + "x" * 2_000_000)
    requirements = _mof(hub, tmp_path, repo_id)
    results = requirements["MOF-C3-EVALUATION-RESULTS"]
    assert results["why_unknown"] == "not-read"
    assert results["reason"] == "Evaluation results: not read (README.md: larger than osai reads)"
    text = run_osai(
        "check", repo_id, "-f", "mof", "--no-public-assessments", env=_env(hub, tmp_path)
    )
    found = action_lines(text.stdout)
    assert any(
        a.startswith("document ")
        and "Evaluation results" in a
        and "not read (README.md: larger than osai reads)" in a
        for a in found
    ), found
    assert not any(a.startswith("read ") for a in found), found


def test_a_requirement_any_of_whose_components_the_card_would_show_is_to_read_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """OSAID's data information, met by any of the datasets, a data card, a report or a paper,
    all on Llama 2's unread card, asked Meta to document "whether they are released"; its data
    description, stated or shown by a data card, said "neither shown" of a card not read."""
    env = _env(hub, tmp_path)
    args = ("check", LLAMA, "-f", "osaid", "--no-public-assessments")
    result = run_osai(*args, "--format", "json", env=env)
    assert result.code == 0, result.stderr
    requirements = _requirements(result.stdout)
    assert requirements["OSAID-DATA-INFORMATION-TERMS"]["why_unknown"] == "not-read"
    text = run_osai(*args, "-v", env=env)
    found = action_lines(text.stdout)
    (read,) = [a for a in found if a.startswith("read ")]
    assert "Data information available under OSI-approved terms" in read, read
    assert "; Data card; " in read and read.endswith("granted access) — for OSAID"), read
    assert not any("neither shown" in a or "Data information" in a for a in found if a != read)


def test_what_a_card_would_show_is_what_its_detection_rules_detect() -> None:
    """The components an unread card leaves "not read" are those rules/detection.yaml `card`
    detects from a card (its parts, the code it links, what it says is not released), no list
    of osai's own: a subject dropped from the rules is no longer one."""
    from osai.detection.card import compile_card
    from osai.paths import rules_dir
    from osai.yamlsafe import load_yaml_file

    card = load_yaml_file(rules_dir() / "detection.yaml").data["card"]
    shown = compile_card(card).shown
    assert {"evaluation-results", "data-card", "technical-report", "training-code"} <= set(shown)
    assert "evaluation-data" in shown and "sample-model-outputs" not in shown
    subjects = {k: v for k, v in card["not_released"]["subjects"].items() if k != "evaluation-data"}
    fewer = {**card, "not_released": {**card["not_released"], "subjects": subjects}}
    assert "evaluation-data" not in compile_card(fewer).shown


def test_what_one_card_not_read_leaves_open_is_one_read_whatever_it_is_for(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Llama 2's gated card left subjects of every framework open: two "read" lines (the EU AI
    Act's, OSAID's and MOF's) asked for the same token.  One step settles them all: one action,
    for every framework; at a terminal without -v its first five subjects and a count, the
    file and the token in view; -v and the JSON name every one."""
    env = {**_env(hub, tmp_path), "COLUMNS": "80"}
    args = ("check", LLAMA, "-f", "osaid,mof,eu-ai-act,eosai")
    read = [a for a in action_lines(run_osai(*args, env=env).stdout) if a.startswith("read ")]
    assert len(read) == 1, read
    assert " more it leaves open: not read (README.md: the repository is gated, set " in read[0]
    assert read[0].endswith("— for OSAID, MOF Class III, EOSAI, EU AI Act, EU AI Act (owed)")
    document = json.loads(run_osai(*args, "--format", "json", env=env).stdout)
    (action,) = [a for a in document["targets"][0]["actions"] if a["kind"] == "read"]
    assert len(action["subjects"]) > 6 and "more it leaves open" not in action["said"]
    verbose = action_lines(run_osai(*args, "-v", env=env).stdout)
    (whole,) = [a for a in verbose if a.startswith("read ")]
    assert all(subject in whole for subject in action["subjects"]), whole
