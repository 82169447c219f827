"""A gated repository's card that osai could not read: what it would state is "not read", not
"not stated" (why_unknown: not-read), and the action is to read it (a token), not to document
it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clirunner import run_osai
from loopback_hub import LoopbackHub
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
    assert any("Union copyright law" in a and "— for EU AI Act (owed)" in a for a in read)
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
