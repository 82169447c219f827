"""Hostile text in a public-assessment archive, wherever osai shows it (issue #14, item 7).

`osai db update` downloads the MOT and EOSAI repositories as archives; a member's file name is
whatever the archive says, and it is shown: a skipped file is a warning (`osai check`, `osai
audit`, `osai db update`, `osai db status`), a listing's file is the row label of `osai audit` and
the citation of its evidence.  A name carrying ESC, BEL or a newline followed by `::error::`
must neither drive the terminal nor become a workflow command in the Actions log.

Served from loopback: the archives (tests/assessment_archives.py) and the Hub, GitHub and arXiv.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from assessment_archives import (
    EOSAI_PATH,
    MOT_PATH,
    Member,
    archive_server,
    eosai_tree,
    mot_tree,
    tar_gz,
)
from clirunner import Result, run_osai
from fuzz_cases import assert_escaped
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub

COMMIT = "0123456789abcdef0123456789abcdef01234567"
HOSTILE = "\x1b[2J\x07\r\n::error title=x::pwned"
LISTING = f"models/Mistral{HOSTILE}.yml"  # the Mistral-7B-v0.1 listing under a hostile name
SKIPPED = f"models/skipped{HOSTILE}.yml"  # a binary file: skipped, with a warning naming it
MISTRAL = "mistralai/Mistral-7B-v0.1"


@pytest.fixture
def data_dir(
    hub: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Path:
    """Snapshots updated by `osai db update` from archives holding the hostile names; the
    update's own output is checked here."""
    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
    tree = mot_tree()
    tree[LISTING] = tree.pop("models/Mistral-7B-v0.1.yml")
    tree[SKIPPED] = Member(b"\x00 not text")
    with archive_server() as server:
        server.routes[MOT_PATH] = tar_gz(tree, "model_openness_tool-HEAD", COMMIT)
        server.routes[EOSAI_PATH] = tar_gz(eosai_tree(), "main-database-HEAD", COMMIT)
        env = {"OSAI_DATA_DIR": str(tmp_path), "OSAI_CODELOAD_URL": server.url}
        update = run_osai("db", "update", "--deadline", "20", env=env)
    assert update.code == 0, update.stdout + update.stderr
    assert "binary file, not text" in update.stdout  # the skipped file was named
    _assert_shown_safely(update)
    monkeypatch.setenv("OSAI_DATA_DIR", str(tmp_path))
    return tmp_path


def _assert_shown_safely(result: Result, output_format: str = "text") -> None:
    """No control character but newline and tab, and no line a CI log reads as a command (in
    the github format, none but osai's own annotations)."""
    assert "Traceback" not in result.stderr
    assert_escaped(output_format, result.stdout)
    assert_escaped("text", result.stderr)


def test_db_status_shows_a_hostile_file_name_escaped(data_dir: Path) -> None:
    status = run_osai("db", "status", "--data-dir", str(data_dir))
    assert status.code == 0, status.stderr
    assert "skipped      models/skipped" in status.stdout
    _assert_shown_safely(status)


@pytest.mark.parametrize("output_format", ["text", "markdown", "github", "json"])
def test_check_shows_a_hostile_file_name_escaped(data_dir: Path, output_format: str) -> None:
    result = run_osai("check", MISTRAL, "--format", output_format)
    assert result.code == 0, result.stderr
    (warning,) = result.stderr.splitlines()  # the skipped file: one warning, one line
    assert warning.startswith("osai: warning: mot:models/skipped")
    assert "binary file, not text" in warning
    if output_format != "github":  # annotations name no evidence
        assert "models/Mistral" in result.stdout  # the listing is cited
    _assert_shown_safely(result, output_format)


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_audit_shows_a_hostile_file_name_escaped(data_dir: Path, output_format: str) -> None:
    result = run_osai("audit", "mot", MISTRAL, "--format", output_format)
    assert result.code == 0, result.stderr
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("osai: warning: mot:models/skipped")
    assert "mot:models/Mistral" in result.stdout  # the row's label
    _assert_shown_safely(result)


def test_a_deep_census_shows_a_hostile_file_name_escaped(data_dir: Path, tmp_path: Path) -> None:
    """A deep check merges the snapshots as `osai check` does, and warns of what they skipped as
    it does: once a run, escaped."""
    db = tmp_path / "census.duckdb"
    result = run_osai("census", "--db", str(db), "--search", "Mistral-7B-v0.1", "--deep", "1")
    assert result.code == 0, result.stderr
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("osai: warning: mot:models/skipped")
    assert "binary file, not text" in warning
    assert "checked in full: 1 model," in result.stdout
    _assert_shown_safely(result)
    quiet = run_osai("census", "--db", str(tmp_path / "metadata.duckdb"), "--search", "Mistral")
    assert quiet.code == 0 and quiet.stderr == ""  # no deep check read them: nothing to say
