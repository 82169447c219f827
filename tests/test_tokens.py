"""A token from the environment as osai sends it: cleaned as huggingface_hub cleans its own, and
refused as bad input, never named, when it holds what no HTTP header carries.

Found by a security review (ajs): HF_TOKEN with the trailing newline a pasted CI secret has was
sent as it was; httpx2 refused the header, osai retried it four times as a connection broken off
and said "the connection ... broke off mid-answer after 4 attempts", exit 3: the network blamed,
CI told to retry, for a token the `hf` command accepts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from clirunner import run_osai
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub

LLAMA = "meta-llama/Llama-2-7b-hf"  # gated: its card is read only with a token the Hub grants
SECRET = "hf_granted_for_this_test"


def _env(hub: LoopbackHub, home: Path, **extra: str) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home), **extra}


@pytest.mark.parametrize("pasted", [f"{SECRET}\n", f" {SECRET}\r\n", f"{SECRET} "])
def test_a_token_pasted_with_its_line_break_is_sent_clean(
    hub: LoopbackHub, tmp_path: Path, pasted: str
) -> None:
    hub.allow_token(SECRET)
    env = _env(hub, tmp_path, HF_TOKEN=pasted, HF_HUB_DISABLE_IMPLICIT_TOKEN="0")
    result = run_osai("check", LLAMA, "-f", "eu-ai-act", env=env)
    assert result.code == 0, result.stderr
    assert "not read" not in result.stdout  # the gated card was read: the Hub took the token


@pytest.mark.parametrize(
    ("variable", "value", "at"),
    [("HF_TOKEN", "hf_SECRÉTTOKEN", 8), ("HF_TOKEN", "hf_SECRET\tX", 10)],
)
def test_a_hub_token_no_header_carries_is_bad_input_and_never_said(
    hub: LoopbackHub, tmp_path: Path, variable: str, value: str, at: int
) -> None:
    env = _env(hub, tmp_path, **{variable: value}, HF_HUB_DISABLE_IMPLICIT_TOKEN="0")
    result = run_osai("check", "EleutherAI/pythia-70m", env=env)
    assert result.code == 2, result.stderr
    assert result.stderr == (
        f"osai: error: EleutherAI/pythia-70m: {variable} holds a character an HTTP header cannot "
        f"carry (its character {at}): set it again, as the token was issued\n"
    )
    assert "SECR" not in result.stdout + result.stderr


def test_a_github_token_no_header_carries_is_bad_input_and_never_said(
    hub: LoopbackHub, github: LoopbackGitHub, tmp_path: Path
) -> None:
    env = _env(hub, tmp_path, GITHUB_TOKEN="ghp_SECRET TOKEN")
    result = run_osai("check", "EleutherAI/pythia-70m", env=env)
    assert result.code == 2, result.stderr
    assert "GITHUB_TOKEN holds a character an HTTP header cannot carry (its character 11)" in (
        result.stderr
    )
    assert len(result.stderr.splitlines()) == 1 and "SECRET" not in result.stderr


def test_a_token_pasted_with_its_line_break_is_masked_as_it_is_sent(tmp_path: Path) -> None:
    """The token sent is the cleaned one, and a file quoting it is masked the same: the run's
    secrets held the token as set, its blanks and newline too, which the quote did not contain."""
    quoted = tmp_path / "t.yml"
    quoted.write_text(f"HF_TOKEN={SECRET}\n", encoding="utf-8")
    result = run_osai("check", str(quoted), env={"HF_TOKEN": f"\t{SECRET}\n"})
    assert result.code == 2, result.stderr
    assert SECRET not in result.stderr and "***" in result.stderr, result.stderr
