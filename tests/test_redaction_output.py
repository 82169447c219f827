"""A token never reaches any output, and redaction never changes a verdict.

The run's secrets are the environment's tokens (HF_TOKEN, GITHUB_TOKEN, GH_TOKEN, the token
huggingface_hub stored) whatever the target: a local file quoting one printed it in its error
line and in every report format, as a Hub answer's did not.  And a secret is removed from what is
shown, never from what is judged: HF_TOKEN=e rewrote "Apache-2.0" as "Apach***-2.0" in the
evidence and failed a gate the model passes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from clirunner import EXAMPLES, run_osai
from loopback_hub import LoopbackHub

from osai.redaction import stored_token_path

HF = "hf_OSAIFAKETOKENAAAA1234"
GH = "ghp_OSAIFAKEGHTOKENBBBB5678"
# every piece of either a report could show: the whole token, or a start a message cut
PIECES = ("OSAIFAKE", HF[:8], GH[:8])
TOKENS = {"HF_TOKEN": HF, "GITHUB_TOKEN": GH}
FORMATS = ("text", "json", "markdown", "sarif", "github", "junit")
BOMS = ("cyclonedx", "spdx")


def _leaks(text: str) -> list[str]:
    return [piece for piece in PIECES if piece in text]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory with a `.env` holding the tokens, a manifest beside it, and no stored token."""
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text(f"HF_TOKEN={HF}\nGITHUB_TOKEN={GH}\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "pythia-70m.yml", tmp_path / "p.yml")
    return tmp_path


def test_an_error_quoting_a_file_never_shows_a_token(scratch: Path) -> None:
    """`osai check .env` quoted the file, its tokens and a cut one's start, on one line."""
    result = run_osai("check", ".env", cwd=scratch, env=TOKENS)
    assert result.code == 2
    assert _leaks(result.stdout + result.stderr) == []
    (line,) = result.stderr.splitlines()
    assert line.startswith("osai: error: .env: expected a YAML mapping") and "***" in line


def test_a_key_naming_a_token_is_masked(scratch: Path) -> None:
    (scratch / "t3.yml").write_text(f"{HF}: 1\n", encoding="utf-8")
    result = run_osai("check", "t3.yml", cwd=scratch, env=TOKENS)
    assert result.code == 2
    assert _leaks(result.stderr) == []
    assert result.stderr.splitlines() == [
        "osai: error: t3.yml: not an osai manifest (no framework: or release:); its keys: ***"
    ]


@pytest.mark.parametrize("output", FORMATS)
def test_every_format_states_an_error_without_its_token(scratch: Path, output: str) -> None:
    """The error a report carries (its errors entry) as well as the line on standard error."""
    result = run_osai("check", "p.yml", ".env", "--format", output, cwd=scratch, env=TOKENS)
    assert result.code == 2
    assert "expected a YAML mapping" in result.stdout + result.stderr
    assert _leaks(result.stdout + result.stderr) == []


@pytest.mark.parametrize("output", ("json", "sarif", "junit"))
def test_a_document_written_as_utf8_on_an_ascii_stream_shows_no_token(
    scratch: Path, output: str
) -> None:
    """A document is written to standard output as UTF-8 bytes whatever the stream's encoding
    (osai.cli.terminal.write_document): redacted as the text it was."""
    args = ("check", "p.yml", ".env", "--format", output)
    result = run_osai(*args, cwd=scratch, env=TOKENS, encoding="ascii")
    assert result.code == 2
    said = result.stdout_bytes.decode("utf-8")
    assert "expected a YAML mapping" in said
    assert _leaks(said + result.stderr) == []


def test_report_files_and_annotations_never_show_a_token(scratch: Path) -> None:
    files = ["r.json", "r.md", "r.sarif", "r.xml", "r.txt"]
    args = [arg for name in files for arg in ("-o", name)]
    env = {**TOKENS, "OSAI_ANNOTATE_ERRORS": "1"}
    result = run_osai("check", "p.yml", ".env", *args, cwd=scratch, env=env)
    assert result.code == 2
    assert _leaks(result.stdout + result.stderr) == []
    for name in files:
        text = (scratch / name).read_text(encoding="utf-8")
        assert "expected a YAML mapping" in text, name
        assert _leaks(text) == [], name
    # an error that stops osai before its reports: the GitHub Action's annotation
    (scratch / "bad.yml").write_text(f"[{HF}\n", encoding="utf-8")
    stopped = run_osai("check", "p.yml", "--config", "bad.yml", cwd=scratch, env=env)
    assert stopped.code == 2 and "::error" in stopped.stderr
    assert _leaks(stopped.stdout + stopped.stderr) == []


@pytest.fixture
def tokened_card(scratch: Path) -> Path:
    """A model directory whose card's front matter states a token as its licence, the only word
    of one (no LICENSE file): every format quotes it."""
    model = scratch / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    (model / "LICENSE").unlink()
    card = model / "README.md"
    text = card.read_text(encoding="utf-8").replace("license: apache-2.0", f"license: {HF}", 1)
    assert HF in text
    card.write_text(text, encoding="utf-8")
    return model


@pytest.mark.parametrize("output", FORMATS + BOMS)
def test_a_local_directory_quoting_a_token_shows_it_in_no_format(
    tokened_card: Path, output: str
) -> None:
    said = run_osai("check", str(tokened_card), "-v", "--format", output)
    assert said.code == 0 and "OSAIFAKE" in said.stdout  # what the card says is shown
    result = run_osai("check", str(tokened_card), "-v", "--format", output, env=TOKENS)
    assert result.code == 0, result.stderr
    assert _leaks(result.stdout + result.stderr) == []
    assert json.loads(result.stdout) if output in ("json", "sarif", *BOMS) else True


def test_the_stored_token_is_a_secret_as_the_variables_are(tokened_card: Path) -> None:
    """huggingface_hub's stored token (`hf auth login`), no variable set."""
    home = tokened_card.parent / "hf-home"
    home.mkdir()
    (home / "token").write_text(f"{HF}\n", encoding="utf-8")
    result = run_osai("check", str(tokened_card), "-v", "--format", "json")
    assert result.code == 0, result.stderr
    assert HF[:8] not in result.stdout
    assert "***" in result.stdout


def test_a_short_token_changes_no_verdict_and_no_text(hub: LoopbackHub, tmp_path: Path) -> None:
    """HF_TOKEN=e rewrote the evidence ("El***uth***rAI", "Apach***-2.0") and failed the gate;
    a secret shorter than a token is no token to mask in what is shown either."""
    args = ("check", "EleutherAI/pythia-70m", "-q", "--require", "mof:class-1", "--no-follow")
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    plain = run_osai(*args, env=env)
    short = run_osai(*args, env={**env, "HF_TOKEN": "e"})
    assert plain.code == short.code == 0, short.stdout
    assert short.stdout == plain.stdout
    assert "***" not in short.stdout


def test_a_long_token_in_the_evidence_is_masked_not_judged(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A token that is also the evidence's text (GITHUB_TOKEN=Apache-2.0) is masked where it is
    shown, and the verdict stays the one the evidence reaches."""
    args = ("check", "EleutherAI/pythia-70m", "--require", "mof:class-1", "--no-follow")
    env = {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path)}
    plain = run_osai(*args, "--format", "json", env=env)
    masked = run_osai(*args, "--format", "json", env={**env, "GITHUB_TOKEN": "Apache-2.0"})
    assert plain.code == masked.code == 0, masked.stderr
    assert "Apache-2.0" in plain.stdout and "Apache-2.0" not in masked.stdout

    def verdicts(text: str) -> list[object]:
        (target,) = json.loads(text)["targets"]
        return [
            (f["id"], f["outcome"], [(r["id"], r["status"]) for r in f["requirements"]])
            for f in target["frameworks"]
        ]

    assert verdicts(masked.stdout) == verdicts(plain.stdout)


def test_a_secrets_start_is_masked_only_where_a_cut_follows_it(
    scratch: Path, hub: LoopbackHub
) -> None:
    """A password `frameworks2026` in HF_ENDPOINT made every "frameworks" of a JSON report
    `***`, its keys too, and a CI reading the report found no verdicts: a secret's start is a
    token's only where the text was cut after it (`ghp_OSAIFA...`)."""
    endpoint = hub.endpoint.replace("://", "://user:frameworks2026@", 1)
    args = ("check", "p.yml", "--format", "json")
    plain = run_osai(*args, cwd=scratch)
    masked = run_osai(*args, cwd=scratch, env={"HF_ENDPOINT": endpoint})
    assert plain.code == masked.code == 0, masked.stderr
    assert masked.stdout == plain.stdout
    assert [f["id"] for f in json.loads(masked.stdout)["targets"][0]["frameworks"]]


def test_a_token_stored_under_a_home_written_with_a_variable_is_masked(
    tokened_card: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HF_HOME='$AJV_HOME' (a Docker --env-file or a systemd unit leaves it unexpanded):
    huggingface_hub expands it and sends the token stored there; osai showed that token in every
    report, looking for it under a directory named `$AJV_HOME`."""
    home = tokened_card.parent / "hf-home"
    home.mkdir()
    (home / "token").write_text(f"{HF}\n", encoding="utf-8")
    monkeypatch.setenv("AJV_HOME", str(home))
    result = run_osai("check", str(tokened_card), "--format", "json", env={"HF_HOME": "$AJV_HOME"})
    assert result.code == 0, result.stderr
    assert HF[:8] not in result.stdout and "***" in result.stdout


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_CACHE_HOME": "/xdg"},
        {"HF_HOME": "~/hf"},
        {"HF_HOME": "$AJV_DIR/hf", "AJV_DIR": "/d"},
        {"HF_HOME": "${AJV_DIR}/hf", "AJV_DIR": "/d", "XDG_CACHE_HOME": "/xdg"},
        {"HF_HOME": "$AJV_UNSET/hf"},
        {"HF_HOME": ""},
        {"HF_TOKEN_PATH": "$AJV_DIR/t", "AJV_DIR": "/d", "HF_HOME": "/h"},
    ],
)
def test_the_stored_tokens_path_is_huggingface_hubs(env: dict[str, str]) -> None:
    """osai finds the stored token without importing huggingface_hub (a check of manifests loads
    no Hub client): its path is the one huggingface_hub reads (constants.HF_TOKEN_PATH)."""
    names = ("HF_HOME", "XDG_CACHE_HOME", "HF_TOKEN_PATH", "AJV_DIR", "AJV_UNSET")
    environ = {k: v for k, v in os.environ.items() if k not in names} | env
    code = "from huggingface_hub import constants; print(constants.HF_TOKEN_PATH)"
    theirs = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert str(stored_token_path(environ)) == theirs


def test_an_endpoints_password_is_masked_as_it_is_sent(scratch: Path, hub: LoopbackHub) -> None:
    """HF_ENDPOINT's `p%40ss%2Fword-2026` is the password p@ss/word-2026 a request carries
    (percent-decoded): a card quoting it showed it, the encoded form alone being masked."""
    password = "p@ss/word-2026"
    model = scratch / "model"
    shutil.copytree(EXAMPLES / "tiny-model", model)
    card = model / "README.md"
    text = card.read_text(encoding="utf-8")
    text = text.replace(
        "license: apache-2.0", f"license: apache-2.0\nbase_model: org/{password}", 1
    )
    card.write_text(text, encoding="utf-8")
    endpoint = hub.endpoint.replace("://", "://user:p%40ss%2Fword-2026@", 1)
    said = run_osai("check", str(model), "-v", "--format", "json", "--offline")
    assert password in said.stdout  # what the card says is shown
    result = run_osai(
        "check", str(model), "-v", "--format", "json", "--offline", env={"HF_ENDPOINT": endpoint}
    )
    assert result.code == said.code, result.stderr
    assert password not in result.stdout and "***" in result.stdout
