"""A run that meets a rate limit leaves the host alone until the limit ends; and a server that gives
no answer is not asked again when an answer is kept.  Eight targets checked four at a time, each
linking its own GitHub repository; requests counted in the loopback servers' logs."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from clirunner import run_osai
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from test_links import _hub_endpoint as _hub_endpoint  # autouse: HF_ENDPOINT at the loopback Hub
from test_links import heading, link, model

REPOSITORIES = (
    "EleutherAI/gpt-neox",
    "EleutherAI/pythia",
    "allenai/OLMo",
    "huggingface/nanotron",
    "LLM360/amber-train",
    "microsoft/DeepSpeed",
    "huggingface/lighteval",
    "allenai/open-instruct",
)
JOBS = 4


def eight_models(hub: LoopbackHub) -> list[str]:
    """Eight models on the loopback Hub, each linking one GitHub repository as its training code."""
    ids = []
    for number, repository in enumerate(REPOSITORIES):
        outline = [
            heading("Training"),
            link("training code", f"https://github.com/{repository}"),
        ]
        ids.append(model(hub, f"acme/model-{number}", {"license": "apache-2.0"}, outline))
    return ids


def check_all(ids: list[str]) -> dict[str, Any]:
    result = run_osai("check", *ids, "-j", str(JOBS), "--no-public-assessments", "--format", "json")
    assert result.code == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def github_links(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        linked
        for target in report["targets"]
        for linked in target["links"]
        if linked["url"].startswith("https://github.com/")
    ]


def limit_primary(github: LoopbackGitHub) -> None:
    github.inject_rate_limit(r"^/repos/", reset_in=3600)  # far beyond the check's deadline


def limit_secondary(github: LoopbackGitHub) -> None:
    github.inject_secondary_rate_limit(r"^/repos/", retry_after=600)


def limit_bare_429(github: LoopbackGitHub) -> None:
    """A 429 that says neither how long nor that it is a secondary limit."""
    github.inject_status(r"^/repos/", 429, error_message="Too Many Requests")


@pytest.mark.parametrize("limit", [limit_primary, limit_secondary, limit_bare_429])
def test_a_rate_limited_host_is_not_asked_again_in_the_run(
    hub: LoopbackHub, github: LoopbackGitHub, limit: Any
) -> None:
    """GitHub said "rate limited until T" (its quota spent; a secondary limit with Retry-After;
    a bare 429, a minute), T beyond the deadline; the other targets of the run still asked it:
    21 refused requests for 8 targets, and GitHub's docs warn that requests sent while limited
    may get an integration banned.  Now at most the requests already in flight when the first
    refusal came (one per target checked at once) are sent; every link says it is rate limited,
    and when to try again."""
    ids = eight_models(hub)
    limit(github)
    report = check_all(ids)
    answers = [linked["answer"] for linked in github_links(report)]
    assert len(answers) == len(REPOSITORIES), answers
    assert all(a.startswith("rate limited by ") and "try again after" in a for a in answers)
    assert len(github.find_requests(r"^/repos/")) <= JOBS, github.requests
    # the run says once why the rest were not asked; of a bare 429, not that the host named an
    # end (it said "rate limited this run until 09:26 UTC" of the minute osai assumes)
    (withheld,) = [w for w in report["warnings"] if "rate limited this run" in w]
    if limit is limit_bare_429:
        assert re.search(
            r"this run, naming no end: osai sent it no more requests before \d", withheld
        )
    else:
        # an end on another day names its date too (the primary limit's hour crosses midnight
        # for a run after 23:00 UTC), as tests/test_net.py allows
        assert re.search(
            r"this run until (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC: osai sent it no more requests "
            "before then",
            withheld,
        )
    assert withheld.endswith(", and the links they would have read are unread"), withheld

    # the next run knows nothing of this one's limits: GitHub, limit lifted, is read
    github.clear_faults()
    github.clear_requests()
    report = check_all(ids)
    assert all(linked["read"] for linked in github_links(report)), github_links(report)


def test_a_bare_429_is_not_retried_half_a_second_later(
    hub: LoopbackHub, github: LoopbackGitHub
) -> None:
    """A 429 without Retry-After or GitHub's wording was retried twice, half a second then a
    second apart; GitHub asks to wait at least a minute on such a limit.  The repository is
    asked once, and its link says to try again after that minute."""
    (target,) = eight_models(hub)[:1]
    limit_bare_429(github)
    result = run_osai("check", target, "--no-public-assessments", "--format", "json")
    (linked,) = github_links(json.loads(result.stdout))
    assert "rate limited by" in linked["answer"] and "(HTTP 429)" in linked["answer"], linked
    assert "try again after" in linked["answer"], linked
    assert len(github.find_requests(r"^/repos/EleutherAI/gpt-neox$")) == 1


def test_a_server_error_is_not_retried_when_an_answer_is_kept(
    hub: LoopbackHub, github: LoopbackGitHub
) -> None:
    """GitHub answering 500 and every answer kept from an earlier run: each repository, tree
    and README request was retried before the kept answer stood in (28 requests and 11.6 s for
    8 targets, against 12 with nothing kept).  Each is now asked once, and the kept answer
    stands in, dated."""
    ids = eight_models(hub)
    first = check_all(ids)
    assert all(linked["read"] for linked in github_links(first))
    asked = {request.path for request in github.find_requests(r"^/repos/")}
    assert len(asked) >= len(REPOSITORIES)

    github.clear_requests()
    github.inject_status(r"^/repos/", 500)
    second = check_all(ids)
    for linked in github_links(second):
        assert linked["read"] is True and "HTTP 500" in linked["cached"]["because"], linked
    again = [request.path for request in github.find_requests(r"^/repos/")]
    assert sorted(again) == sorted(asked), again
