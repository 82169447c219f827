"""The facts a verdict's reason names, in the words the actions use (settle.fact_words: a title
on a third party's release, where its manifest declares it on one's own), in -v rows and
GitHub annotations: they showed the engine's ids (`third_party_data_sources not stated`)."""

from __future__ import annotations

import json
from pathlib import Path

from clirunner import EXAMPLES, run_osai
from loopback_hub import LoopbackHub

from osai.formatters.findings import reason_in_words

PYTHIA = "EleutherAI/pythia-70m"
THIRD_PARTY = "Training data obtainable from third parties, and where to obtain it: not stated"


def _env(hub: LoopbackHub, home: Path) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home), "COLUMNS": "250"}


def test_verbose_rows_name_a_hub_targets_facts_in_words(hub: LoopbackHub, tmp_path: Path) -> None:
    result = run_osai("check", PYTHIA, "-f", "osaid", "-v", env=_env(hub, tmp_path))
    assert result.code == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "OSAID-DATA-THIRD-PARTY" in line)
    assert row.endswith(f"OSAID-DATA-THIRD-PARTY-SOURCES {THIRD_PARTY}")
    assert "third_party_data_sources" not in result.stdout


def test_github_annotations_name_a_hub_targets_facts_in_words(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    arguments = ("check", PYTHIA, "-f", "osaid", "--format", "github")
    result = run_osai(*arguments, env=_env(hub, tmp_path))
    annotation = next(
        line for line in result.stdout.splitlines() if "OSAID-DATA-THIRD-PARTY" in line
    )
    assert annotation.endswith(f"— unknown: {THIRD_PARTY}")
    assert "third_party_data_sources" not in result.stdout


def test_sarif_and_junit_name_a_hub_targets_facts_as_github_does(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """SARIF's messages and JUnit's cases printed the engine's ids while `--format github` named
    the same facts in words, for the same run (found by the code review)."""
    env = _env(hub, tmp_path)
    junit = run_osai("check", PYTHIA, "-f", "osaid", "--format", "junit", env=env).stdout
    assert THIRD_PARTY in junit and "third_party_data_sources" not in junit
    sarif = json.loads(
        run_osai("check", PYTHIA, "-f", "osaid", "--format", "sarif", env=env).stdout
    )
    # the results' messages (a rule's help text tells where a manifest declares the fact)
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any(m.endswith(THIRD_PARTY) for m in messages), messages
    assert not any("third_party_data_sources" in m for m in messages)


def test_ones_own_release_names_them_where_its_manifest_declares_them() -> None:
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-f", "eu-ai-act", "-v")
    assert "EUAIA-ACCESS release.declarations.weights_access: not stated" in result.stdout


def test_only_an_id_where_the_engine_writes_one_is_reworded() -> None:
    words = {"monetisation": "Whether the release is monetised"}
    assert reason_in_words("monetisation: no monetisation", words) == (
        "Whether the release is monetised: no monetisation"
    )
    assert reason_in_words("x; monetisation not stated", words) == (
        "x; Whether the release is monetised: not stated"
    )
    assert reason_in_words("release.declarations.monetisation: none", words) == (
        "release.declarations.monetisation: none"
    )
