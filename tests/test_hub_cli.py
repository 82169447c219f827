"""`osai check <model-id>` end to end: the real command, the real client, the loopback Hub.

The command runs in a subprocess pointed at the loopback server with HF_ENDPOINT, as a user's
shell would point it at the real Hub.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirunner import EXAMPLES, run_osai, run_osai_process
from loopback_hub import LoopbackHub

from osai.schemas import instance_errors

SECRET = "hf_osai_cli_secret_9876543210"
FORMATS = ("text", "json", "markdown", "sarif", "github", "junit", "cyclonedx", "spdx")


def hub_env(hub: LoopbackHub, home: Path, **extra: str) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home), **extra}


def test_a_hub_check_reports_verdicts_with_hub_evidence(hub: LoopbackHub, tmp_path: Path) -> None:
    result = run_osai(
        "check", "EleutherAI/pythia-70m", "--format", "json", env=hub_env(hub, tmp_path)
    )
    assert result.code == 0, result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    assert target["source"] == "hub"
    checkpoints = next(
        c for c in target["components"] if c["id"] == "model-parameters-intermediate"
    )
    assert checkpoints["presence"] == "present"
    evidence = json.dumps(checkpoints["evidence"])
    assert "step0" in evidence and "checkpoint" in evidence
    assert checkpoints["location"] == ""  # not "step0", a branch's name, as if a file


def test_a_checkpoint_branch_is_not_shown_as_a_location(hub: LoopbackHub, tmp_path: Path) -> None:
    """Pythia's intermediate checkpoints are on 154 branches: the evidence said so, then ended
    "· step0" (Amber's, "· ckpt_349"), the first branch's name where a file or a URL goes."""
    env = hub_env(hub, tmp_path, COLUMNS="80")
    for target, first in (("EleutherAI/pythia-70m", "step0"), ("LLM360/Amber", "ckpt_349")):
        result = run_osai("check", target, env=env)
        assert result.code == 0, result.stderr
        lines = result.stdout.splitlines()
        start = next(i for i, line in enumerate(lines) if "Model parameters (Intermediate)" in line)
        block = " ".join(" ".join(lines[start : start + 6]).split())
        assert f"refs: {first}…" in block
        assert f"· {first}" not in block


def test_a_renamed_repository_says_where_it_moved(hub: LoopbackHub, tmp_path: Path) -> None:
    """Asked by its former id, the Hub answers for the renamed repository: the report says it
    moved and to which id (text heading, Markdown, JSON's moved_to); not moved, it says nothing."""
    hub.add_redirect("EleutherAI/old-pythia", "EleutherAI/pythia-70m")
    env = hub_env(hub, tmp_path)
    text = run_osai("check", "EleutherAI/old-pythia", "-q", env={**env, "COLUMNS": "120"})
    assert text.code == 0, text.stderr
    assert text.stdout.splitlines()[0] == (
        "EleutherAI/old-pythia @ 399d67f  ·  hub, moved to EleutherAI/pythia-70m"
    )
    markdown = run_osai("check", "EleutherAI/old-pythia", "--format", "markdown", env=env)
    assert ", moved to `EleutherAI/pythia-70m`" in markdown.stdout
    result = run_osai("check", "EleutherAI/old-pythia", "--format", "json", env=env)
    document = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    (target,) = document["targets"]
    assert (target["target"], target["moved_to"]) == (
        "EleutherAI/old-pythia",
        "EleutherAI/pythia-70m",
    )
    same = run_osai("check", "EleutherAI/pythia-70m", "--format", "json", env=env)
    assert json.loads(same.stdout)["targets"][0]["moved_to"] == ""
    assert "moved to" not in run_osai("check", "EleutherAI/pythia-70m", "-q", env=env).stdout


def test_the_heading_names_the_revision_asked_and_its_commit(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`--revision step1000` (a branch) or a URL's /tree/main: the heading said only the commit,
    as if a commit had been asked; it names what was asked, then the commit it resolved to."""
    env = hub_env(hub, tmp_path)
    branch = run_osai("check", "EleutherAI/pythia-70m", "--revision", "step1000", "-q", env=env)
    assert branch.code == 0, branch.stderr
    assert branch.stdout.splitlines()[0] == "EleutherAI/pythia-70m @ step1000 (c997122)  ·  hub"
    url = "https://huggingface.co/EleutherAI/pythia-70m/tree/main"
    assert run_osai("check", url, "-q", env=env).stdout.startswith(
        "EleutherAI/pythia-70m @ main (399d67f)  ·  "
    )
    plain = run_osai("check", "EleutherAI/pythia-70m", "-q", env=env).stdout
    # the id is the name: said once (twice, a long id wrapped the heading at 80 columns)
    assert plain.splitlines()[0] == "EleutherAI/pythia-70m @ 399d67f  ·  hub"


@pytest.mark.parametrize(
    "target",
    [
        "https://huggingface.co/EleutherAI/pythia-70m/tree/refs%2Fpr%2F1",  # the Hub's own link
        "https://huggingface.co/EleutherAI/pythia-70m/tree/refs/pr/1",
    ],
)
def test_a_pull_requests_address_checks_the_pull_request(
    target: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """A pull request's address asked the Hub for the revision `refs%2Fpr%2F1` (or `refs`):
    exit 2, "revision not found", for a pull request that is there."""
    hub.add_pull_request(
        "EleutherAI/pythia-70m", 1, hub.commit("EleutherAI/pythia-70m", "step1000")
    )
    result = run_osai("check", target, "-q", env=hub_env(hub, tmp_path))
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "EleutherAI/pythia-70m @ refs/pr/1 (c997122)  ·  hub"


def test_a_commits_address_checks_that_commit(hub: LoopbackHub, tmp_path: Path) -> None:
    """A commit's page (`/commit/SHA`) was checked at main: another commit's verdict."""
    sha = hub.commit("EleutherAI/pythia-70m", "step1000")
    target = f"https://huggingface.co/EleutherAI/pythia-70m/commit/{sha}"
    result = run_osai("check", target, "-q", env=hub_env(hub, tmp_path))
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "EleutherAI/pythia-70m @ c997122  ·  hub"


def test_several_models_at_once_one_failing(hub: LoopbackHub, tmp_path: Path) -> None:
    result = run_osai(
        "check",
        "EleutherAI/pythia-70m",
        "nobody/nothing",
        "bigscience/bloom",
        "--jobs",
        "3",
        "--format",
        "json",
        env=hub_env(hub, tmp_path),
    )
    assert result.code == 2  # the Hub says nobody/nothing does not exist: bad input
    document = json.loads(result.stdout)
    assert [t["target"] for t in document["targets"]] == [
        "EleutherAI/pythia-70m",
        "bigscience/bloom",
    ]
    assert document["errors"][0]["target"] == "nobody/nothing"
    assert result.stderr.count("\n") == 1 and "repository not found" in result.stderr


@pytest.mark.parametrize("output_format", FORMATS)
def test_hf_token_never_appears_in_any_format(
    output_format: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    hub.allow_token(SECRET)
    env = hub_env(hub, tmp_path / "home", HF_TOKEN=SECRET, HF_HUB_DISABLE_IMPLICIT_TOKEN="0")
    written = tmp_path / f"report.{output_format}"
    # a target that fails, whose error is in the report; an AI BOM is written only when every
    # target is checked (test_bom_withheld.py), so it is of the one that is
    failing = () if output_format in ("cyclonedx", "spdx") else ("nobody/nothing",)
    result = run_osai(
        "check",
        "meta-llama/Llama-2-7b-hf",
        *failing,
        "--format",
        output_format,
        "-o",
        f"{output_format}={written}",
        env=env,
    )
    assert result.code == (2 if failing else 0), result.stderr
    assert any(r.authorization == f"Bearer {SECRET}" for r in hub.requests)
    for text in (result.stdout, result.stderr, written.read_text()):
        assert SECRET not in text
    assert "Llama" in result.stdout + written.read_text()


def test_a_private_model_is_checked_with_a_token_that_reads_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The Hub answers a private model 401 RepoNotFound to a request without a token: the line
    says it may be private and to set HF_TOKEN (exit 2); with a token that reads it, it is
    checked, the token sent with each request, the card's licence read."""
    hub.add_repo({"id": "org/secret", "private": True, "cardData": {"license": "mit"}})
    hidden = run_osai("check", "org/secret", "-q", env=hub_env(hub, tmp_path / "anonymous"))
    assert hidden.code == 2
    assert hidden.stderr.endswith(
        f"org/secret: repository not found on 127.0.0.1:{hub.port} (or private: set HF_TOKEN)\n"
    )
    hub.allow_token(SECRET)
    hub.clear_requests()
    env = hub_env(hub, tmp_path / "owner", HF_TOKEN=SECRET)
    result = run_osai("check", "org/secret", "--format", "json", env=env)
    assert result.code in (0, 1), result.stderr
    assert "MIT" in result.stdout and SECRET not in result.stdout
    assert hub.requests and all(r.authorization == f"Bearer {SECRET}" for r in hub.requests)


def test_licence_tags_naming_several_licences_settle_none(hub: LoopbackHub, tmp_path: Path) -> None:
    """The Hub tags each licence a card's `license` lists (`license:apache-2.0`,
    `license:cc-by-nc-4.0`).  Where the card's metadata gave no licence, the first tag stood in
    for all: the weights were Apache-2.0 and met OSAID, the non-commercial licence unread.  Such
    tags settle none, as the list itself does not; one tag still stands in."""
    siblings = [{"rfilename": name} for name in ("README.md", "model.safetensors")]
    for repo_id, tags in (
        ("org/two-licences", ["license:apache-2.0", "license:cc-by-nc-4.0"]),
        ("org/one-licence", ["license:cc-by-nc-4.0", "license:CC-BY-NC-4.0"]),
    ):
        hub.add_repo({"id": repo_id, "gated": False, "tags": tags, "siblings": siblings})
    env = hub_env(hub, tmp_path)
    result = run_osai("check", "org/two-licences", "--no-follow", "--format", "json", env=env)
    assert result.code in (0, 1), result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    weights = next(c for c in target["components"] if c["id"] == "model-parameters-final")
    assert weights["presence"] == "present" and weights.get("licence") is None
    (warning,) = [f for f in target["findings"] if "several licences" in f["message"]]
    assert warning["kind"] == "warning"
    assert "(apache-2.0, cc-by-nc-4.0)" in warning["message"]
    osaid = next(f for f in target["frameworks"] if f["id"].startswith("osaid"))
    assert osaid["outcome"] != "conformant"
    one = run_osai("check", "org/one-licence", "--no-follow", "--format", "json", env=env)
    (target,) = json.loads(one.stdout)["targets"]
    weights = next(c for c in target["components"] if c["id"] == "model-parameters-final")
    assert weights["licence"]["text"] == "cc-by-nc-4.0"
    assert not [f for f in target["findings"] if "several licences" in f["message"]]


def test_a_licence_file_does_not_settle_what_several_licence_tags_leave_open(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """As a card listing licences that differ, tags naming several leave the licence unknown,
    and no licence file settles it: `license:other` first, whose id settles nothing, had the
    LICENSE read as settling it, and the weights were MIT beside a non-commercial licence."""
    siblings = [{"rfilename": name} for name in ("README.md", "model.safetensors", "LICENSE")]
    tags = ["license:other", "license:cc-by-nc-4.0"]
    hub.add_repo({"id": "org/listed", "gated": False, "tags": tags, "siblings": siblings})
    hub.add_file(
        "org/listed", "LICENSE", "MIT License\n\nPermission is hereby granted, free of charge"
    )
    result = run_osai(
        "check", "org/listed", "--no-follow", "--format", "json", env=hub_env(hub, tmp_path)
    )
    assert result.code in (0, 1), result.stderr
    (target,) = json.loads(result.stdout)["targets"]
    weights = next(c for c in target["components"] if c["id"] == "model-parameters-final")
    assert weights.get("licence") is None
    assert not hub.find_requests(r"/resolve/.*/LICENSE$")


def test_a_legacy_id_without_an_organisation_is_checked(hub: LoopbackHub, tmp_path: Path) -> None:
    """`gpt2`, `t5-base`: ids from before the Hub had organisations, which it redirects."""
    hub.add_redirect("t5-base", "google-t5/t5-base")
    result = run_osai("check", "t5-base", "-q", env=hub_env(hub, tmp_path))
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("t5-base @ ")


@pytest.mark.parametrize(
    ("target", "options", "said"),
    [
        (
            "nobody/nothing",
            (),
            "nothing: repository not found on {host} (or private: set HF_TOKEN)",
        ),
        ("EleutherAI/pythia-70m", ("--revision", "step7"), "revision 'step7' not found"),
        ("pythia70m", (), "pythia70m: no such file or directory, and on the Hub: repository not"),
        (  # an organisation's page, or a legacy id: no private hint, since neither can be private
            "https://huggingface.co/NoSuch",
            (),
            "NoSuch: repository not found on {host} (a one-name id is a legacy model such as "
            "gpt2; for an organisation's or a user's model, give OWNER/NAME)\n",
        ),
    ],
)
def test_what_the_hub_says_does_not_exist_is_bad_input(
    target: str, options: tuple[str, ...], said: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """Exit 2, not 3: CI retries an unavailable Hub, and a mistyped id never comes back."""
    result = run_osai("check", target, *options, env=hub_env(hub, tmp_path))
    assert result.code == 2
    assert len(result.stderr.splitlines()) == 1
    assert said.format(host=f"127.0.0.1:{hub.port}") in result.stderr


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("EleutherAI/pythia-70n", "EleutherAI/pythia-70m"),  # a typo in the name
        ("EleutherA/pythia-70m", "EleutherAI/pythia-70m"),  # in the owner: listed by name
        ("meta-llama/Llama-2-7b", "meta-llama/Llama-2-7b-hf"),  # a suffix left out
        ("nobody/nothing", None),  # nothing near: no guess
        # another model of the owner's, no typo of it (its name's words and numbers differ)
        ("EleutherAI/gpt-j-6b", None),  # not EleutherAI/gpt-neox-20b
        ("mistralai/Mistral-Large", None),  # not mistralai/Mistral-7B-v0.1
        ("swiss-ai/Apertus-70B-Instruct-2509", None),  # not the base, swiss-ai/Apertus-70B-2509
    ],
)
def test_a_mistyped_hub_id_is_offered_the_model_the_hub_lists_near_it(
    typed: str, meant: str | None, hub: LoopbackHub, tmp_path: Path
) -> None:
    """ "repository not found (or private: set HF_TOKEN)" left the reader to search the Hub for
    a spelling osai could have asked it for: the owner's listing, else the models named so."""
    result = run_osai("check", typed, env=hub_env(hub, tmp_path))
    assert (result.code, result.stdout) == (2, "")
    host = f"127.0.0.1:{hub.port}"
    hint = f"(did you mean '{meant}'? or private: set HF_TOKEN)" if meant else ""
    assert result.stderr == (
        f"osai: error: {typed}: repository not found on {host} "
        f"{hint or '(or private: set HF_TOKEN)'}\n"
    )
    assert len(hub.find_requests(r"^/api/models$")) <= 2  # one page each, owner then name


def test_a_mistyped_revision_is_offered_the_branch_the_hub_has_near_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Pythia's 154 checkpoint branches are easily mistyped: "revision 'stepp1000' not found"
    left the reader to list them.  A revision near none, or the refs unreadable, gets no guess."""
    env = hub_env(hub, tmp_path)
    said = "osai: error: EleutherAI/pythia-70m: revision {typed} not found{hint}\n"
    for typed, meant in (("stepp1000", "step1000"), ("mian", "main"), ("v9.9", None)):
        result = run_osai("check", "EleutherAI/pythia-70m", "--revision", typed, env=env)
        assert (result.code, result.stdout) == (2, "")
        hint = f" (did you mean '{meant}'?)" if meant else ""
        assert result.stderr == said.format(typed=f"'{typed}'", hint=hint)
    hub.inject_status(r"/refs$", 500, retry_after=0)
    failed = run_osai("check", "EleutherAI/pythia-70m", "--revision", "stepp1000", env=env)
    assert (failed.code, failed.stderr) == (2, said.format(typed="'stepp1000'", hint=""))


@pytest.mark.parametrize("answer", ["500", "stall", "not a list", "hostile ids"])
def test_a_listing_that_cannot_help_leaves_the_not_found_line_as_it_was(
    answer: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """The suggestion is the Hub's listing read as hostile data: failing, or not a list of
    models, it offers nothing and changes neither the line nor the exit code."""
    if answer == "500":
        hub.inject_status(r"^/api/models$", 500, retry_after=0)
    elif answer == "stall":  # within a few seconds, not the whole --deadline the check has
        hub.inject_hang(r"^/api/models$")
    else:
        served = {"x": 1} if answer == "not a list" else [{"id": "EleutherAI/pythia-70\x1b[31m"}]
        hub.listing_replaced.update({1: served})
    deadline = "600" if answer == "stall" else "5"
    result = run_osai(
        "check", "EleutherAI/pythia-70n", "--deadline", deadline, env=hub_env(hub, tmp_path)
    )
    assert (result.code, result.stdout) == (2, "")
    host = f"127.0.0.1:{hub.port}"
    assert result.stderr == (
        f"osai: error: EleutherAI/pythia-70n: repository not found on {host} "
        "(or private: set HF_TOKEN)\n"
    )
    if answer == "stall":  # one try, given up within the hint's seconds: no retry, no 2nd page
        assert len(hub.find_requests(r"^/api/models$")) == 1


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("https://huggingface.co/datasets/allenai/c4", "a dataset's page"),
        ("https://huggingface.co/Datasets/allenai/c4", "a dataset's page"),
        ("hf.co/spaces/someone/demo", "a Space's page"),
        ("https://huggingface.co/docs/hub", "a huggingface.co page that names no model"),
        ("https://huggingface.co/", "a huggingface.co page that names no model"),
    ],
)
def test_a_hub_page_that_is_no_model_is_refused_for_what_it_is(
    url: str, page: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """A dataset's URL said "no such file or directory, and not a Hugging Face model id", and
    `/Datasets/` was asked of the Hub as the model Datasets/allenai."""
    result = run_osai("check", url, env=hub_env(hub, tmp_path))
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: {url}: {page}; osai checks models: give a model's OWNER/NAME or its "
        "huggingface.co URL\n"
    )
    assert hub.requests == []


@pytest.mark.parametrize(
    ("target", "names"),
    [
        ("datasets/allenai/c4", "a dataset's id on the Hub"),
        ("datasets/c4", "a dataset's id on the Hub"),  # a legacy dataset: no owner `datasets`
        ("Spaces/someone/demo", "a Space's id on the Hub"),
    ],
)
def test_a_prefixed_dataset_or_space_id_is_refused_for_what_it_is(
    target: str, names: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """`datasets/allenai/c4`, as `hf download` and the Hub's URLs prefix it: "no such file or
    directory, and not a Hugging Face model id", and `datasets/c4` was asked of the Hub as the
    model c4 of an owner `datasets` (no one has that name)."""
    result = run_osai("check", target, env=hub_env(hub, tmp_path))
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: {target}: no such file or directory, and {names}; osai checks models: "
        "give a model's OWNER/NAME or its huggingface.co URL\n"
    )
    assert hub.requests == []
    (tmp_path / "datasets" / "c4").mkdir(parents=True)  # a directory of that name is checked
    here = run_osai("check", "datasets/c4", cwd=tmp_path, env=hub_env(hub, tmp_path))
    assert "a dataset's id" not in here.stderr


_GITHUB_REPOSITORY = (
    "a GitHub repository, not a model: clone it and check the directory, or give it as a "
    "manifest's release.repository and check that with --follow"
)
_WEB_PAGE = (
    "a web page, not a model; osai checks a Hugging Face model id or URL, a model directory, a "
    "model card, a manifest or an AI BOM"
)
_CLONE = "not a model: clone it and check the directory"
_HUB_ID = "not a model: give a model's OWNER/NAME or its huggingface.co URL"
_HUB_SITE = (
    "a huggingface.co page that names no model; osai checks models: give a model's OWNER/NAME "
    "or its huggingface.co URL"
)


@pytest.mark.parametrize(
    ("address", "what"),
    [
        ("https://github.com/EleutherAI/pythia", _GITHUB_REPOSITORY),
        ("github.com/EleutherAI/pythia", _GITHUB_REPOSITORY),
        ("https://github.com/EleutherAI/pythia/blob/main/README.md", _GITHUB_REPOSITORY),
        ("https://arxiv.org/abs/2304.01373", _WEB_PAGE),
        ("arxiv.org/abs/2304.01373", _WEB_PAGE),
        ("www.example.org", _WEB_PAGE),
        # a site's bare host was asked of the Hub as a legacy one-name id (`gpt2`)
        ("arxiv.org", _WEB_PAGE),
        ("github.com", _WEB_PAGE),
        ("GitHub.com", _WEB_PAGE),
        ("huggingface.co", _HUB_SITE),
        ("hf.co", _HUB_SITE),
        # an owner's page, and other code hosts' repositories, were all "a web page"
        ("github.com/EleutherAI", f"a GitHub organisation or user, {_HUB_ID}"),
        ("https://github.com/EleutherAI/", f"a GitHub organisation or user, {_HUB_ID}"),
        ("https://gitlab.com/group/project", f"a GitLab repository, {_CLONE}"),
        ("gitlab.com/group/sub/project/-/tree/main", f"a GitLab repository, {_CLONE}"),
        ("https://codeberg.org/owner/model", f"a Codeberg repository, {_CLONE}"),
        ("https://bitbucket.org/workspace/model", f"a Bitbucket repository, {_CLONE}"),
        ("https://gitlab.com/group", f"a GitLab group or user, {_HUB_ID}"),
        # the site's own pages were "a GitHub repository ... clone it"
        ("https://github.com/orgs/EleutherAI", f"a GitHub organisation or user, {_HUB_ID}"),
        ("https://github.com/topics/llm", _WEB_PAGE.replace("a web page", "a GitHub page")),
    ],
)
def test_a_web_address_that_is_not_the_hubs_is_refused_for_what_it_is(
    address: str, what: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """`github.com/EleutherAI` was asked of the Hub as the model EleutherAI of an owner
    `github.com` (no Hub name has a dot), and a GitHub repository's URL was "no such file or
    directory, and not a Hugging Face model id".  Only GitHub's repositories are followed from a
    manifest's release.repository, so only they are offered that way."""
    result = run_osai("check", address, cwd=tmp_path, env=hub_env(hub, tmp_path))
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == f"osai: error: {address}: {what}\n"
    assert hub.requests == []


def test_a_missing_path_under_a_dotted_directory_is_a_path(tmp_path: Path) -> None:
    """`github.com/EleutherAI/pythia` is a path when `github.com` is a directory here (a tree of
    clones laid out by host): its absence is said as a path's, not as a web page's."""
    (tmp_path / "github.com" / "EleutherAI" / "pythia-70m").mkdir(parents=True)
    result = run_osai("check", "github.com/EleutherAI/pythia", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr == (
        "osai: error: github.com/EleutherAI/pythia: no such file or directory (did you mean "
        "'github.com/EleutherAI/pythia-70m'?), and not a Hugging Face model id\n"
    )


def test_a_missing_dotted_path_is_no_web_page(tmp_path: Path) -> None:
    """`checkpoints.old/x` is a directory that is not there, not a site's page: only a name that
    reads as a web address (`www.`, an ending such as .com or .org) is refused as one."""
    result = run_osai("check", "checkpoints.old/x", cwd=tmp_path)
    assert result.code == 2
    assert result.stderr == (
        "osai: error: checkpoints.old/x: no such file or directory, and not a Hugging Face model "
        "id\n"
    )
    # nor is a manifest's path, whatever its directory is called
    mistyped = run_osai("check", "model.ai/pythia-70m.yml", cwd=tmp_path)
    assert mistyped.code == 2
    assert "model.ai/pythia-70m.yml: no such file or directory" in mistyped.stderr


@pytest.mark.parametrize(
    "target",
    [
        "huggingface.co/EleutherAI/pythia-70m.yml",
        "hf.co/EleutherAI/pythia-70m/osai.yaml",
        "huggingface.co/datasets/EleutherAI/pile.yaml",  # was "a dataset's page"
    ],
)
def test_a_manifests_path_under_a_hub_named_directory_is_a_path(
    target: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """A scheme-less `huggingface.co/org/m.yaml` is a manifest's path (a tree of copies laid out
    by host), mistyped or not made yet: it was asked of the Hub as the model org/m.yaml, and
    `…/pythia-70m/osai.yaml` checked the model pythia-70m in the file's place."""
    result = run_osai("check", target, cwd=tmp_path, env=hub_env(hub, tmp_path))
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: {target}: no such file or directory, and not a Hugging Face model id\n"
    )
    assert hub.requests == []
    # a URL names the model whatever file it shows, with a scheme or as the Hub shows a file
    for url in (
        "huggingface.co/EleutherAI/pythia-70m/blob/main/README.md",
        "https://huggingface.co/EleutherAI/pythia-70m/raw/main/config.json",
    ):
        shown = run_osai("check", url, "-q", cwd=tmp_path, env=hub_env(hub, tmp_path))
        assert shown.code == 0, shown.stderr
        assert shown.stdout.startswith("EleutherAI/pythia-70m @ ")


def test_a_mistyped_path_with_no_hub_to_ask_says_both(tmp_path: Path) -> None:
    """`my-model` is a directory the user mistyped, or a legacy Hub id: with no Hub to ask, the
    error says the path does not exist too, rather than only that the network failed."""
    env = {"HF_ENDPOINT": "http://127.0.0.1:9", "HF_HOME": str(tmp_path / "hf")}
    result = run_osai("check", "my-model", "--timeout", "2", cwd=tmp_path, env=env)
    assert result.code == 3
    assert result.stderr.startswith(
        "osai: error: my-model: no such file or directory, and on the Hub: cannot connect to "
        "127.0.0.1:9"
    ), result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("options", "hub_answers", "code", "said"),
    [
        ((), True, 2, "repository not found on 127.0.0.1:"),
        (("--offline",), True, 3, "offline, and its model card is not in the local cache"),
        (("--timeout", "2"), False, 3, "cannot connect to 127.0.0.1:9"),
    ],
    ids=["hub-says-not-found", "offline", "hub-unreachable"],
)
def test_a_mistyped_directory_names_the_one_beside_it(
    options: tuple[str, ...],
    hub_answers: bool,
    code: int,
    said: str,
    hub: LoopbackHub,
    tmp_path: Path,
) -> None:
    """`osai check my-modle` beside ./my-model: it may be a legacy Hub id, so the Hub is asked;
    when the Hub does not know it, or cannot be asked, the one line says both, and names the
    directory that is there.  Exit 2 when the Hub answered "not found" (retrying will not help),
    3 when it could not answer."""
    (tmp_path / "my-model").mkdir()
    (tmp_path / "my-model" / "README.md").write_text("# my model\n", encoding="utf-8")
    env = (
        hub_env(hub, tmp_path / "hf")
        if hub_answers
        else {
            "HF_ENDPOINT": "http://127.0.0.1:9",
            "HF_HOME": str(tmp_path / "hf"),
        }
    )
    result = run_osai("check", "my-modle", *options, cwd=tmp_path, env=env)
    assert (result.code, result.stdout) == (code, "")
    assert result.stderr.startswith(
        "osai: error: my-modle: no such file or directory (did you mean 'my-model'?), "
        "and on the Hub: "
    ), result.stderr
    assert said in result.stderr and len(result.stderr.splitlines()) == 1
    if hub_answers and not options:
        assert hub.find_requests(r"^/api/models/my-modle")  # the Hub was asked, and said no
    far = run_osai("check", "unrelated", *options, cwd=tmp_path, env=env)
    assert far.code == code and "did you mean" not in far.stderr


def test_a_mistyped_directory_under_one_here_names_the_one_beside_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A model repository's `models/tiny-modle` (its models/ there) reads as a Hub id, OWNER/NAME:
    the one line said only "repository not found on huggingface.co (or private: set HF_TOKEN)",
    and sent a CI maintainer to the Hub for a directory mistyped in their own checkout."""
    (tmp_path / "models" / "tiny-model").mkdir(parents=True)
    (tmp_path / "models" / "tiny-model" / "README.md").write_text("# tiny\n", encoding="utf-8")
    env = hub_env(hub, tmp_path / "hf")
    result = run_osai("check", "models/tiny-modle", cwd=tmp_path, env=env)
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        "osai: error: models/tiny-modle: no such file or directory (did you mean "
        "'models/tiny-model'?), and on the Hub: repository not found on 127.0.0.1:"
    ), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert hub.find_requests(r"^/api/models/models/tiny-modle")  # asked, as it may be an id
    # an owner that is no directory here is the Hub's alone to answer
    owner = run_osai("check", "nobody/tiny-modle", cwd=tmp_path, env=env)
    assert owner.code == 2
    assert "no such file" not in owner.stderr and "repository not found" in owner.stderr


@pytest.mark.parametrize(
    "repo_id", ["EleutherAI/pythia-70m", "bigscience/bloom", "google-t5/t5-base"]
)
def test_hub_evidence_is_said_in_words(repo_id: str, hub: LoopbackHub, tmp_path: Path) -> None:
    """The Hub API's field names stay in the JSON; the text report says what they are."""
    result = run_osai("check", repo_id, "-v", env=hub_env(hub, tmp_path, COLUMNS="200"))
    assert result.code == 0, result.stderr
    for raw in ("siblings", "cardData", "tags the Hub tags"):
        assert raw not in result.stdout


def test_a_paper_known_only_by_the_hubs_tag_is_named_not_credited(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Llama 2's card is gated: its arXiv paper is known by the Hub's tag alone.  The evidence
    said "Hub tags a paper the card cites", naming no paper; it names the tag.  And the tag, which
    the Hub gives every arXiv link a card holds, credited the research paper: a note now."""
    env = hub_env(hub, tmp_path, COLUMNS="80")  # a row a line: the narrow layout stacks cells
    result = run_osai("check", "meta-llama/Llama-2-7b-hf", "--no-follow", env=env)
    assert result.code == 0, result.stderr
    said = " ".join(result.stdout.split())
    assert "note: the card cites arxiv:2307.09288, as the Hub tags it" in said, result.stdout
    assert "Hub tags a paper" not in result.stdout
    assert "? Research paper" in result.stdout


def test_on_someone_elses_model_nothing_is_to_be_declared(hub: LoopbackHub, tmp_path: Path) -> None:
    """A Hub id is a third party's release: an unknown is for its publisher to document; the
    person checking it is never told to declare it."""
    # without its public listings, which settle what the repository leaves unknown
    result = run_osai(
        "check",
        "EleutherAI/pythia-70m",
        "-v",
        "--no-public-assessments",
        env=hub_env(hub, tmp_path),
    )
    assert result.code == 0, result.stderr
    actions = result.stdout.split("\nActions", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    kinds = {line.split()[0] for line in actions if line.startswith("  ") and line[2] != " "}
    assert kinds and "declare" not in kinds and "document" in kinds
    assert "--manifest FILE adds what EleutherAI documents elsewhere" in " ".join(
        result.stdout.split()
    )


def test_with_ones_own_manifest_the_hints_name_it(hub: LoopbackHub, tmp_path: Path) -> None:
    """A publisher checking their Hub model with the manifest they are writing (`osai check
    ORG/NAME --manifest m.yml`, an `osai init ORG/NAME` draft): what is unknown or only inferred
    is theirs to declare in m.yml, as `osai check m.yml` says.  The hints said "--manifest FILE
    adds what HuggingFaceTB documents elsewhere; or ask HuggingFaceTB", the flag just passed."""
    env = hub_env(hub, tmp_path, COLUMNS="400")
    draft = tmp_path / "draft.yml"
    drafted = run_osai("check", "-q", "HuggingFaceTB/SmolLM2-1.7B", env=env)
    assert "or ask HuggingFaceTB" in drafted.stdout, drafted.stdout
    written = run_osai("init", "HuggingFaceTB/SmolLM2-1.7B", "-o", str(draft), env=env)
    assert written.code == 0, written.stderr
    # reviewed: the draft's first line deleted, its word now the publisher's
    draft.write_text(draft.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    checked = run_osai(
        "check", "HuggingFaceTB/SmolLM2-1.7B", "--manifest", str(draft), "-f", "osaid", env=env
    )
    assert checked.code == 0, checked.stderr
    assert f"→ to settle what is unknown: declare them in {draft}\n" in checked.stdout
    assert "documents elsewhere" not in checked.stdout and "or ask" not in checked.stdout
    actions = checked.stdout.split("\nActions", 1)[1].split("\n\n", 1)[0]
    assert "release.data_information.public_data_sources" in actions, actions
    assert "  document  " not in actions
    # a level reached only by inference: what to declare, and where
    amber = tmp_path / "amber.yml"
    assert run_osai("init", "LLM360/Amber", "-o", str(amber), env=env).code == 0
    amber.write_text(amber.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    inferred = run_osai("check", "-q", "LLM360/Amber", "--manifest", str(amber), env=env)
    assert inferred.code == 0, inferred.stderr
    said = " ".join(inferred.stdout.split())
    assert f"in {amber} to make it definite" in said, inferred.stdout
    assert "LLM360 has not declared" not in said


def test_a_manifest_of_another_model_is_refused_not_merged(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Pythia's manifest given for T5: merged, its declarations made T5 "conformant (declared)"
    and the gate passed.  The manifest names its Hub repository (`huggingface:`): it must be
    the one checked."""
    pythia = str(EXAMPLES / "pythia-70m.yml")
    env = hub_env(hub, tmp_path)
    wrong = run_osai(
        "check", "google-t5/t5-base", "--manifest", pythia, "--require", "osaid", env=env
    )
    assert wrong.code == 2
    assert wrong.stderr.strip().splitlines() == [
        f"osai: error: google-t5/t5-base: --manifest {pythia} describes another model, "
        "EleutherAI/pythia-70m (its huggingface: field): give this model's manifest"
    ]
    right = run_osai("check", "EleutherAI/pythia-70m", "--manifest", pythia, "-q", env=env)
    assert right.code == 0, right.stderr
    assert "OSAID 1.0  ✔ conformant (Open Source AI; declared)" in right.stdout


@pytest.mark.parametrize(
    ("name", "warned"),
    [
        ("my-model", True),
        ("Pythia-70M", False),
        ("pythia 70m", False),
        ("Pythia", False),
        ("70M-Pythia", False),  # MOT: Llama-2-chat-13B for meta-llama/Llama-2-13b-chat-hf
        ("Pythia-7B", True),
    ],
)
def test_a_manifest_naming_another_model_and_no_repository_is_warned_of_before_the_verdicts(
    name: str, warned: bool, hub: LoopbackHub, tmp_path: Path
) -> None:
    """A newcomer's manifest of their own model (`name: my-model`, no `huggingface:` field) given
    for Pythia: its declarations made Pythia "conformant (declared)", exit 0, the manifest's name
    in the heading the only sign.  Not refused (a listing may spell the name otherwise: MOT's
    Llama-2-7B for meta-llama/Llama-2-7b-hf), but warned of before the verdicts, -q too; a name
    that is this model's, however spelt, is not."""
    manifest = tmp_path / "m.yml"
    text = (EXAMPLES / "pythia-70m.yml").read_text(encoding="utf-8")
    text = text.replace("  huggingface: 'https://huggingface.co/EleutherAI/pythia-70m'\n", "")
    manifest.write_text(text.replace("name: Pythia-70M", f"name: {name}"), encoding="utf-8")
    env = hub_env(hub, tmp_path, COLUMNS="200")
    result = run_osai("check", "EleutherAI/pythia-70m", "--manifest", str(manifest), "-q", env=env)
    assert result.code == 0, result.stderr
    said = " ".join(result.stdout.split())  # however the path wraps
    warning = (
        f"warning: --manifest {manifest} names the model '{name}' and no Hub repository (no "
        "huggingface: field): its declarations are taken as EleutherAI/pythia-70m's; if they "
        "are another model's, give this model's manifest"
    )
    before, verdicts = said.split(" OSAID 1.0 ✔ conformant ", 1)
    assert (warning in before) is warned, result.stdout
    assert "warning" not in verdicts


@pytest.mark.parametrize(
    ("page", "refused"),
    [
        ("https://huggingface.co/gpt2", "gpt2"),  # a legacy model: another one
        ("https://huggingface.co/EleutherAI", ""),  # the checked model's owner: its own page
        ("https://huggingface.co/pythia-70m", ""),  # its own name
        # its own, as the Hub shows a legacy id's files: read as the model `pythia-70m/tree`
        ("https://huggingface.co/pythia-70m/tree/main", ""),
        ("https://huggingface.co/gpt2/tree/main", "gpt2"),
        ("https://huggingface.co/datasets/EleutherAI/pile", "a dataset's page"),
    ],
)
def test_a_manifest_naming_a_one_name_page_is_refused_unless_it_is_the_models_own(
    page: str, refused: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """`huggingface: https://huggingface.co/gpt2` named no `org/name`, so the manifest was taken
    as naming no Hub repository, and merged: gpt2's manifest made Pythia conformant."""
    manifest = tmp_path / "m.yml"
    text = (EXAMPLES / "pythia-70m.yml").read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("'https://huggingface.co/EleutherAI/pythia-70m'", page), encoding="utf-8"
    )
    result = run_osai(
        "check", "EleutherAI/pythia-70m", "--manifest", str(manifest), "-q",
        env=hub_env(hub, tmp_path),
    )  # fmt: skip
    if refused.endswith("page"):
        assert (result.code, result.stdout) == (2, "")
        assert f"its huggingface: field is {refused}, not a model's" in result.stderr
    elif refused:
        assert (result.code, result.stdout) == (2, "")
        assert f"describes another model, {refused} (its huggingface: field)" in result.stderr
    else:
        assert result.code == 0, result.stderr


def test_a_hub_file_url_checks_its_model_at_that_revision(hub: LoopbackHub, tmp_path: Path) -> None:
    """The URL of a model's card (`…/blob/main/README.md`) was read as a missing local file,
    since it ends in `.md`, while `…/tree/main` was checked."""
    env = hub_env(hub, tmp_path)
    for verb in ("blob", "raw"):
        url = f"https://huggingface.co/EleutherAI/pythia-70m/{verb}/main/README.md"
        result = run_osai("check", url, "-q", env=env)
        assert result.code == 0, result.stderr
        assert result.stdout.startswith("EleutherAI/pythia-70m @ main (")
    # the revision it names is the one checked: `raw` was read as no verb, and v0 dropped
    missing = run_osai("check", "https://huggingface.co/EleutherAI/pythia-70m/raw/v0/x.md", env=env)
    assert missing.code == 2 and "revision 'v0' not found" in missing.stderr
    drafted = run_osai(
        "init", "https://huggingface.co/EleutherAI/pythia-70m/blob/main/README.md", env=env,
        cwd=tmp_path,
    )  # fmt: skip
    assert drafted.code == 0, drafted.stderr
    assert (tmp_path / "pythia-70m.osai.yaml").is_file()  # not README.md.osai.yaml


def test_a_url_revision_and_another_revision_option_are_refused(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`.../tree/step1000 --revision step2000` silently checked step2000."""
    url = "https://huggingface.co/EleutherAI/pythia-70m/tree/step1000"
    env = hub_env(hub, tmp_path)
    both = run_osai("check", url, "--revision", "step2000", env=env)
    assert both.code == 2
    assert both.stderr == (
        f"osai: error: {url}: the URL names revision step1000, --revision step2000: "
        "give one of them\n"
    )
    same = run_osai("check", url, "--revision", "step1000", "-q", env=env)
    assert same.code == 0, same.stderr


def test_an_empty_revision_is_refused_as_bad_input(hub: LoopbackHub, tmp_path: Path) -> None:
    """`--revision "$REV"` with REV unset asked the Hub for `/revision/` and failed as evidence
    unavailable (exit 3, "refused the request (HTTP 404)"), not as the bad input it is."""
    env = hub_env(hub, tmp_path)
    for empty in ("", "  "):
        result = run_osai("check", "EleutherAI/pythia-70m", "--revision", empty, env=env)
        assert (result.code, result.stdout) == (2, "")
        assert result.stderr == (
            "osai: error: EleutherAI/pythia-70m: --revision is empty: give a branch, tag or "
            "commit, or leave it out\n"
        )
    assert not hub.find_requests(r"/revision/")


def test_a_stored_token_the_hub_refuses_says_how_to_log_in_again(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The token `hf auth login` stored, expired: the Hub refuses it (401 "Invalid
    credentials") for every model; the line says which token, and how to be rid of it."""
    invalid = "Invalid credentials in Authorization header"
    hub.inject_status(r"^/api/models/", 401, error_message=invalid)
    (tmp_path / "token").write_text(SECRET, encoding="utf-8")
    env = hub_env(hub, tmp_path, HF_HUB_DISABLE_IMPLICIT_TOKEN="0")
    # a new interpreter: huggingface_hub reads where its token is stored when it is imported
    result = run_osai_process("check", "EleutherAI/pythia-70m", env=env)
    assert (result.code, result.stdout) == (3, "")
    assert result.stderr == (
        f"osai: error: EleutherAI/pythia-70m: 127.0.0.1:{hub.port} refused the token "
        "`hf auth login` stored (HTTP 401): log in again, or `hf auth logout` to read public "
        "models without one\n"
    )
    assert any(r.authorization == f"Bearer {SECRET}" for r in hub.requests)


def test_a_target_that_could_not_be_checked_is_named_once_in_every_format(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """Each format names the target beside the reason; the reason named it again
    ("nope/nope: nope/nope: repository not found")."""
    env = hub_env(hub, tmp_path)
    for fmt in ("text", "json", "markdown", "sarif", "github", "junit"):
        result = run_osai("check", "EleutherAI/pythia-70m", "nope/nope", "--format", fmt, env=env)
        assert result.code == 2, result.stderr
        assert "nope/nope: nope/nope" not in result.stdout, fmt
        assert "repository not found" in result.stdout, fmt
        # the text summary and GitHub's `::error` (one CI log with standard error) say it;
        # standard error says it where a person reads neither
        assert result.stderr.count("nope/nope") == (0 if fmt in ("text", "github") else 1)


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://[::1",
        "not a url",
        "ftp://127.0.0.1:21",
        # "internal error: InvalidURL: Invalid non-printable ASCII character", "URL too long"
        "http://h\x01st",
        "http://hub.example/" + "p" * 70_000,
        # a blank pasted before it: "/%20http://user:***@hub.example/api/models/… is not an
        # http:// or https:// address", exit 3, naming no setting (urlsplit drops the blank)
        " http://user:s3cret@hub.example",
        "http://hub.example/ ",
    ],
)
def test_an_hf_endpoint_that_is_no_web_address_is_bad_input(endpoint: str) -> None:
    """HF_ENDPOINT=http://[::1 (a bracket left open) was "internal error: ValueError: Invalid
    IPv6 URL", exit 70, and "not a url" exit 3 ("/not%20a%20url/api/models/… is not an http://
    or https:// address"), as if the network had failed: a setting mistyped is bad input, said
    as the census says it, without the address (it may hold a password)."""
    result = run_osai("check", "EleutherAI/pythia-70m", env={"HF_ENDPOINT": endpoint})
    assert (result.code, result.stdout) == (2, ""), result.stderr
    assert result.stderr.startswith(
        "osai: error: EleutherAI/pythia-70m: HF_ENDPOINT: not an http:// or https:// address "
        "with a host ("
    ), result.stderr
    assert result.stderr.count("\n") == 1 and endpoint not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(EXAMPLES / "tiny-model"), "--follow"],  # its card links a Hub dataset
        ["check", "EleutherAI/pythia-70m", str(EXAMPLES / "llama-2-7b.yml"), "-j", "2"],
        ["audit", "mot", "--limit", "1"],
    ],
    ids=["local-follow", "jobs", "audit"],
)
def test_an_hf_endpoint_that_is_no_web_address_is_bad_input_wherever_the_hub_is_read(
    args: list[str],
) -> None:
    """The Hub client refused HF_ENDPOINT=http://[::1 before importing huggingface_hub, but a
    local directory's links, a check of several targets on threads and an audit import it
    first (osai.targets.import_readers): "internal error: ValueError: Invalid IPv6 URL", exit
    70.  A new process: huggingface_hub imported by another test would not parse it again."""
    result = run_osai_process(*args, env={"HF_ENDPOINT": "http://[::1"})
    assert result.code == 2, result.stderr
    assert "HF_ENDPOINT: not an http:// or https:// address with a host (" in result.stderr
    assert "internal error" not in result.stderr and "[::1" not in result.stderr


def test_two_revisions_of_one_model_in_one_run_are_named_apart(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The main branch and a checkpoint of one model, in one run: both were named
    `EleutherAI/pythia-70m`, so the summary had two rows of that name and each target's JSON
    listed both targets' policies (the report matches them by name); each is `ID@REVISION`."""
    env = hub_env(hub, tmp_path, COLUMNS="120")
    step = "https://huggingface.co/EleutherAI/pythia-70m/tree/step1000"
    both = ("check", "EleutherAI/pythia-70m", step, "--require", "mof:class-1")
    result = run_osai(*both, "--format", "json", env=env)
    # the checkpoint's class I is not proven: the MOT listing that proves main's is of the
    # repository as published, no evidence about another revision (tests/test_public.py)
    assert result.code == 1, result.stderr
    document = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    named = [(t["target"], [p["require"] for p in t["policies"]]) for t in document["targets"]]
    assert named == [
        ("EleutherAI/pythia-70m@399d67f", ["mof:class-1"]),
        ("EleutherAI/pythia-70m@step1000", ["mof:class-1"]),
    ]
    assert all(t["moved_to"] == "" for t in document["targets"])
    summary = run_osai(*both, env=env).stdout.split("Why the gate")[0].splitlines()
    rows = [line.split()[0] for line in summary if line.startswith("  EleutherAI/")]
    assert rows == ["EleutherAI/pythia-70m@399d67f", "EleutherAI/pythia-70m@step1000"]
    one = run_osai("check", step, "--format", "json", env=env)
    assert json.loads(one.stdout)["targets"][0]["target"] == "EleutherAI/pythia-70m"
    # the CI formats name a model by its name: two revisions' annotations were word for word
    github = run_osai(*both, "--format", "github", env=env).stdout.splitlines()
    assert len(github) == len(set(github))
    assert any("title=EleutherAI/pythia-70m@step1000%3A Open Source" in line for line in github)
    assert not any("::EleutherAI/pythia-70m: " in line for line in github)
    heading = run_osai(*both, "-v", env=env).stdout.splitlines()
    assert "EleutherAI/pythia-70m@step1000 (c997122)  ·  hub" in heading


def test_a_waiver_names_one_revision_as_the_report_names_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A run of two revisions names each ID@REVISION; a waiver written so matched nothing (the
    revision was no part of any name a waiver is matched with).  It waives that revision's
    requirement alone; `ID@*` every revision, and the id alone as before."""
    step = "https://huggingface.co/EleutherAI/pythia-70m/tree/step1000"
    rule = "OSAID-DATA-UNSHAREABLE"

    def waived(model: str) -> list[bool]:
        (tmp_path / ".osai.yaml").write_text(
            f"waivers:\n  - {{rule: {rule}, reason: later, model: '{model}'}}\n"
        )
        result = run_osai(
            "check", "EleutherAI/pythia-70m", step, "--format", "json",
            cwd=tmp_path, env=hub_env(hub, tmp_path),
        )  # fmt: skip
        assert result.code == 0, result.stderr
        return [
            any(r["id"] == rule and r["waiver"] for f in t["frameworks"] for r in f["requirements"])
            for t in json.loads(result.stdout)["targets"]
        ]

    assert waived("EleutherAI/pythia-70m@step1000") == [False, True]
    assert waived("eleutherai/pythia-70m@399d67f") == [True, False]
    assert waived("EleutherAI/pythia-70m@*") == [True, True]
    assert waived("EleutherAI/pythia-70m") == [True, True]


def licensed_repo(hub: LoopbackHub, repo_id: str, licence_path: str) -> str:
    """A model whose licence is a text in a licence directory (REUSE's LICENSES/)."""
    names = ("README.md", licence_path, "model.safetensors")
    siblings = [{"rfilename": name} for name in names]
    hub.add_repo({"id": repo_id, "cardData": {}, "siblings": siblings})
    hub.add_file(repo_id, licence_path, "MIT License\n\nCopyright (c) 2024 Someone\n")
    return repo_id


@pytest.mark.parametrize("fault", ["500", "stall"])
def test_a_licence_file_that_cannot_be_read_is_named(
    fault: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """The Hub answered the model's information and its card, then failed on LICENSES/MIT.txt
    (a 500 past the retries, a stall to the deadline): the exit-3 line named the host alone,
    not what it could not read."""
    repo_id = licensed_repo(hub, "osai-test/licence-fails", "LICENSES/MIT.txt")
    if fault == "500":
        hub.inject_status(r"/resolve/[0-9a-f]+/LICENSES/MIT\.txt$", 500, retry_after=0)
    else:
        hub.inject_hang(r"/resolve/[0-9a-f]+/LICENSES/MIT\.txt$")
    options = ("--deadline", "1", "--timeout", "5")
    result = run_osai("check", repo_id, *options, env=hub_env(hub, tmp_path))
    assert (result.code, result.stdout) == (3, ""), result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"osai: error: {repo_id}: LICENSES/MIT.txt could not be read: "), line
    host = hub.endpoint.split("://", 1)[1]
    why = "answered HTTP 500" if fault == "500" else "no complete answer from"
    assert host in line and why in line, line


def test_a_hostile_licence_file_name_that_cannot_be_read_is_escaped_and_cut(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """The name is someone else's: a newline or an escape in it split or coloured the line, and
    its length is theirs to choose."""
    name = "LICENSES/MIT\n\x1b[31m" + "x" * 5000 + ".txt"
    repo_id = licensed_repo(hub, "osai-test/licence-hostile", name)
    hub.inject_status(r"/resolve/[0-9a-f]+/LICENSES/", 500, retry_after=0)
    result = run_osai("check", repo_id, "--deadline", "5", env=hub_env(hub, tmp_path))
    assert (result.code, result.stdout) == (3, ""), result.stderr
    (line,) = result.stderr.splitlines()
    assert '"LICENSES/MIT\\n\\u001b[31mxxx' in line and "\x1b" not in line, line
    assert "could not be read: " in line and len(line) < 400, line


def test_with_the_hub_down_the_hint_says_to_run_the_same_command_offline(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`osai init ID` with the Hub gone and the model in the cache said "osai check ID --offline
    checks that": another command than the one that failed.  Then "osai init ID --offline",
    which dropped `-o d.yaml` (and wrote elsewhere), as "osai check ID --offline" dropped -f,
    --require and -o: the user's own command, with --offline, is what checks it."""
    env = hub_env(hub, tmp_path)
    assert run_osai("check", "EleutherAI/pythia-70m", "-q", env=env).code == 0
    down = {**env, "HF_ENDPOINT": "http://127.0.0.1:9"}
    drafted = run_osai("init", "EleutherAI/pythia-70m", "-o", str(tmp_path / "d.yaml"), env=down)
    same = ": the same command with --offline checks that\n"
    assert drafted.code == 3 and drafted.stderr.endswith(same), drafted.stderr
    flags = ("-f", "osaid", "--require", "osaid", "-o", str(tmp_path / "r.json"))
    checked = run_osai("check", "EleutherAI/pythia-70m", *flags, env=down)
    assert checked.code == 3 and checked.stderr.endswith(same), checked.stderr
    assert "osai check EleutherAI/pythia-70m" not in checked.stderr
    rerun = run_osai("check", "EleutherAI/pythia-70m", *flags, "--offline", env=down)
    assert rerun.code == 1 and json.loads((tmp_path / "r.json").read_text())["gate"], rerun.stderr
    again = run_osai(
        "init", "EleutherAI/pythia-70m", "--offline", "-o", str(tmp_path / "d.yaml"), env=down
    )
    assert again.code == 0 and (tmp_path / "d.yaml").is_file(), again.stderr


def test_a_card_the_hub_cache_cannot_keep_is_said_before_the_offline_check_finds_none(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """With huggingface_hub's cache unwritable (here a file where it should be), the check ran
    and said nothing; the next day's --offline check said the card "is not in the local cache"
    of a model checked the day before.  A cache that keeps it says nothing."""
    unwritable = tmp_path / "not-a-cache"
    unwritable.write_text("a file, not a directory\n")
    env = hub_env(hub, tmp_path, HF_HUB_CACHE=str(unwritable))
    checked = run_osai("check", "EleutherAI/pythia-70m", env=env)
    assert checked.code == 0, checked.stderr
    said = " ".join(checked.stdout.split())
    assert (
        f"warning: the model card could not be kept in huggingface_hub's cache ({unwritable}): "
        "an --offline check will not find this model (see HF_HUB_CACHE, HF_HOME)"
    ) in said, said
    offline = run_osai("check", "EleutherAI/pythia-70m", "--offline", env=env)
    assert offline.code == 3 and "not in the local cache" in offline.stderr, offline.stderr
    kept = run_osai("check", "EleutherAI/pythia-70m", env=hub_env(hub, tmp_path / "home"))
    assert kept.code == 0 and "could not be kept" not in kept.stdout, kept.stdout


def test_a_check_hf_hub_offline_made_offline_says_so_when_nothing_is_cached(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A CI job sets HF_HUB_OFFLINE for its other steps, and runs `osai check` with no flag on a
    cold cache: the one line said "offline, and its model card is not in the local cache" of a
    run the user had not made offline, and not what had."""
    env = hub_env(hub, tmp_path, HF_HUB_OFFLINE="1")
    result = run_osai("check", "EleutherAI/pythia-70m", "--require", "osaid", env=env)
    assert result.code == 3, result.stderr
    assert result.stderr.startswith(
        "osai: error: EleutherAI/pythia-70m: offline (HF_HUB_OFFLINE is set), and its model card "
        "is not in the local cache"
    ), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert hub.requests == []
    flagged = run_osai("check", "EleutherAI/pythia-70m", "--offline", env=hub_env(hub, tmp_path))
    assert "EleutherAI/pythia-70m: offline, and its model card" in flagged.stderr


@pytest.mark.parametrize("variable", ["GITHUB_API_URL", "OSAI_ARXIV_URL"])
@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("http://[::1", "Invalid IPv6 URL"),
        ("file:///srv/mirror", "scheme file:"),
        ("x", "no scheme"),
    ],
)
def test_a_link_server_that_is_no_web_address_is_bad_input(
    hub: LoopbackHub, tmp_path: Path, variable: str, address: str, problem: str
) -> None:
    """GITHUB_API_URL=http://[::1 was an internal error (exit 70); `file:///srv/mirror` or `not a
    url` left every link "could not be read", exit 0, with no word that the setting was wrong.
    Now one line naming the setting, not repeating it (it may hold a password), exit 2; a check
    that follows no link does not read it."""
    env = hub_env(hub, tmp_path, **{variable: address})
    refused = run_osai("check", "EleutherAI/pythia-70m", "-q", env=env)
    assert (refused.code, refused.stdout) == (2, ""), refused.stderr
    assert refused.stderr == (
        f"osai: error: EleutherAI/pythia-70m: {variable}: not an http:// or https:// address "
        f"with a host ({problem})\n"
    )
    unfollowed = run_osai("check", "EleutherAI/pythia-70m", "-q", "--no-follow", env=env)
    assert unfollowed.code == 0, unfollowed.stderr
