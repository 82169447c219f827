"""Shared fixtures: a loopback Hugging Face Hub, with the real client kept off the real network.

huggingface_hub reads most of its settings once, at import (shared/reference/hub.md §1.9), so the
fixture patches ``huggingface_hub.constants`` as well as the environment (the environment matters
only to subprocesses). It never patches ``constants.ENDPOINT``: code under test gets the loopback
URL through an explicit ``endpoint=`` argument.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests judge the code, not the machine: a loaded CI runner (or a laptop running other
# work) made Hypothesis fail "input generation is slow" on a strategy that draws six short texts.
settings.register_profile("osai", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("osai")

TESTS_DIR = Path(__file__).resolve().parent

# The Ctrl-C tests press Ctrl-C as a terminal does (a SIGINT to this process, or to an `osai` it
# started).  A runner that starts the suite in the background without job control (`.ci/run &`
# in a script, some CI agents) hands it SIGINT ignored, which Python then leaves ignored and
# every process it starts inherits: nine tests failed so, though osai was right.  Here it is a
# terminal's again (and a child gets the default, as a handler is reset on exec).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
if str(TESTS_DIR) not in sys.path:  # `import loopback_hub` from any test module
    sys.path.insert(0, str(TESTS_DIR))

from loopback_hub import LoopbackHub  # noqa: E402

# A developer's shell may point osai at servers of its own (benchmarks/loopback_servers.py, the
# manual checks): the tests start theirs, and a loopback address left in the environment was taken
# for one a test serves (test_init_law's Pythia draft read that shell's GitHub, and failed).
for _variable in ("HF_ENDPOINT", "GITHUB_API_URL", "OSAI_ARXIV_URL"):
    os.environ.pop(_variable, None)

REFUSED = "http://127.0.0.1:9"  # the discard port: nothing listens, a connection is refused at once

# Nor do the tests reach the internet's GitHub or arXiv: a --follow with no loopback server
# started (a test's BOM that named a repository it did not expect) asked api.github.com.  A test
# that serves them sets its own; one that follows nothing never asks.
os.environ["GITHUB_API_URL"] = REFUSED
os.environ["OSAI_ARXIV_URL"] = f"{REFUSED}/oai"


def isolate_hub_client(monkeypatch: pytest.MonkeyPatch) -> None:
    """No telemetry side request, no locally stored token sent, offline mode off; GitHub and
    arXiv (which a Hub check's links lead to) refused on loopback unless a test serves them, and
    kept answers in a fresh directory."""
    from huggingface_hub import constants

    for variable, refused in (("GITHUB_API_URL", REFUSED), ("OSAI_ARXIV_URL", f"{REFUSED}/oai")):
        if not os.environ.get(variable, "").startswith("http://127.0.0.1:"):
            monkeypatch.setenv(variable, refused)
    for variable in ("GITHUB_TOKEN", "GH_TOKEN"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("OSAI_CACHE_DIR", tempfile.mkdtemp(prefix="osai-cache-"))
    # The public-assessment snapshots: the bundled ones, never an update the user ran.
    monkeypatch.setenv("OSAI_DATA_DIR", tempfile.mkdtemp(prefix="osai-data-"))
    # The Hub client's cache too: a test never reads (or leaves) another run's files.
    monkeypatch.setenv("HF_HOME", tempfile.mkdtemp(prefix="osai-hf-home-"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)

    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    monkeypatch.setenv("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", True)  # no /api/agent-harnesses
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_IMPLICIT_TOKEN", True)  # no local token sent
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackHub]:
    """A running loopback Hub serving the 18 corpus repos, started and stopped per test."""
    from huggingface_hub.utils import close_session

    isolate_hub_client(monkeypatch)
    with LoopbackHub() as running:
        yield running
    close_session()  # drop pooled connections to this server


# --------------------------------------------------------------------------- GitHub and arXiv

from loopback_arxiv import LoopbackArxiv  # noqa: E402
from loopback_github import LoopbackGitHub  # noqa: E402


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackGitHub]:
    """A running loopback GitHub REST API serving tests/fixtures/links/github, with
    GITHUB_API_URL pointing at it and no GitHub token left in the environment."""
    for name in ("GITHUB_TOKEN", "GH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    # its answers kept in a fresh directory, as the Hub's are (isolate_hub_client): a test that
    # started GitHub alone kept them in the user's ~/.cache/osai, and read them back next run
    monkeypatch.setenv("OSAI_CACHE_DIR", tempfile.mkdtemp(prefix="osai-cache-"))
    with LoopbackGitHub() as running:
        monkeypatch.setenv("GITHUB_API_URL", running.api_url)
        yield running


@pytest.fixture
def arxiv(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackArxiv]:
    """A running loopback arXiv OAI-PMH interface serving tests/fixtures/links/arxiv, with
    OSAI_ARXIV_URL pointing at its base URL."""
    monkeypatch.setenv("OSAI_CACHE_DIR", tempfile.mkdtemp(prefix="osai-cache-"))  # as github's
    with LoopbackArxiv() as running:
        monkeypatch.setenv("OSAI_ARXIV_URL", running.base_url)
        yield running


@pytest.fixture
def linked_world(
    hub: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    monkeypatch: pytest.MonkeyPatch,
) -> LoopbackHub:
    """The Hub, GitHub and arXiv on loopback, with osai pointed at all three."""
    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint)
    return hub
