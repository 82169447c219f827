"""The loopback servers the benchmarks check against: the Hub, GitHub's REST API and arXiv's
OAI-PMH, on 127.0.0.1 with the fixtures copied from the corpus (tests/fixtures), and the
environment that points osai at them.  Nothing leaves the machine."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# As a user would run it, with no telemetry side request and no stored token sent.
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")
for _variable in ("GITHUB_TOKEN", "GH_TOKEN", "HF_TOKEN"):
    os.environ.pop(_variable, None)

from loopback_arxiv import LoopbackArxiv  # noqa: E402
from loopback_github import LoopbackGitHub  # noqa: E402
from loopback_hub import DEFAULT_FIXTURES_DIR, LoopbackHub  # noqa: E402

__all__ = ["DEFAULT_FIXTURES_DIR", "Servers", "linked_servers"]


@dataclass(frozen=True)
class Servers:
    hub: LoopbackHub
    github: LoopbackGitHub
    arxiv: LoopbackArxiv

    def clear(self) -> None:
        """Forget the requests received, and restore GitHub's quota."""
        for server in (self.hub, self.github, self.arxiv):
            server.clear_requests()
        self.github.reset_rate_limits()

    def requests(self) -> tuple[int, int, int]:
        """Requests received so far: Hub, GitHub, arXiv."""
        return len(self.hub.requests), len(self.github.requests), len(self.arxiv.requests)

    def environment(self) -> dict[str, str]:
        return {
            "HF_ENDPOINT": self.hub.endpoint,
            "GITHUB_API_URL": self.github.api_url,
            "OSAI_ARXIV_URL": self.arxiv.base_url,
        }


@contextmanager
def linked_servers(
    latency: float = 0.0, hub_fixtures: Path | None = DEFAULT_FIXTURES_DIR
) -> Iterator[Servers]:
    """The three servers, each adding `latency` seconds per request, with os.environ pointing
    osai at them while they run."""
    with (
        LoopbackHub(hub_fixtures, latency=latency) as hub,
        # GitHub's quota with a token (5,000 an hour): a benchmark measures time, not the
        # anonymous 60 an hour (tests/test_links.py checks what a rate limit does).
        LoopbackGitHub(latency=latency, anonymous_limit=5000) as github,
        LoopbackArxiv(latency=latency) as arxiv,
    ):
        servers = Servers(hub, github, arxiv)
        with environment(servers.environment()):
            yield servers


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """These environment variables set while the block runs, then as they were."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
