"""Linked resources that answer in bad faith: XML that declares entities in another encoding, a
dataset card whose licence is a licence's text.  Real loopback servers (tests/loopback_*.py), the
command line run in process, as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirunner import run_osai
from faultserver import FaultServer, Reply
from loopback_arxiv import ARXIV_NS, OAI_NS, LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from test_links import (
    PYTHIA,
    check,
    component,
    github_copy,
    heading,
    link,
    links,
    messages,
    model,
)
from test_links import _hub_endpoint as _hub_endpoint  # autouse: HF_ENDPOINT at the loopback Hub

PAPER = "https://arxiv.org/abs/2304.01373"
CC_BY = "http://creativecommons.org/licenses/by/4.0/"


def record_with_an_entity(encoding: str) -> bytes:
    """Pythia's record, its licence given through an entity its own DTD declares."""
    document = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<!DOCTYPE OAI-PMH [<!ENTITY licence "{CC_BY}">]>\n'
        f'<OAI-PMH xmlns="{OAI_NS}"><GetRecord><record><metadata>'
        f'<arXiv xmlns="{ARXIV_NS}"><id>2304.01373</id><title>Pythia</title>'
        "<license>&licence;</license></arXiv></metadata></record></GetRecord></OAI-PMH>\n"
    )
    return document.encode(encoding)


ARXIV_LICENCE = "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"


def pythia_record(licences: str) -> bytes:
    """Pythia's record, with these `<license>` elements."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="{OAI_NS}"><GetRecord><record>'
        f'<metadata><arXiv xmlns="{ARXIV_NS}"><id>2304.01373</id><title>Pythia</title>'
        f"{licences}</arXiv></metadata></record></GetRecord></OAI-PMH>\n"
    ).encode()


def test_an_arxiv_answer_declaring_entities_in_utf_16_is_refused(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The DTD was looked for as bytes: written in UTF-16, the declaration was not seen and its
    entities were expanded, the paper's licence (CC-BY-4.0) taken from one (and a billion laughs
    left to the parser's own limits).  It is refused in any encoding, the paper left unknown."""
    for encoding in ("UTF-8", "UTF-16"):
        arxiv.answer_with("2304.01373", record_with_an_entity(encoding))
        paper = links(check(PYTHIA))[PAPER]
        assert paper["read"] is False, encoding
        assert "declares a DTD or entities" in paper["answer"], encoding


def test_a_dataset_card_giving_a_licence_s_text_for_its_name_is_read_as_none(
    hub: LoopbackHub,
) -> None:
    """A dataset card's `license: other` with a 100,000-character license_name (a licence's
    text pasted for its name) was taken for the datasets' licence: quoted whole in the link's
    answer, the note and every verdict on the datasets, a report of 650 KB.  It is read as none,
    as a model card's own is, and said in a few words."""
    hub.add_repo(
        {"id": "acme/m", "cardData": {"license": "apache-2.0", "datasets": ["acme/d"]}},
    )
    text = "Permission is hereby granted " + "x" * 100_000
    hub.add_dataset({"id": "acme/d", "cardData": {"license": "other", "license_name": text}})
    result = run_osai("check", "acme/m", "--no-public-assessments", "--format", "json")
    assert result.code == 0, result.stderr
    assert len(result.stdout) < 60_000
    target = json.loads(result.stdout)["targets"][0]
    dataset = links(target)["https://huggingface.co/datasets/acme/d"]
    assert dataset["answer"].startswith("a licence of 100,029 characters, longer than osai reads")
    assert component(target, "datasets")["licence"] is None


def test_an_arxiv_licence_url_of_kilobytes_is_said_in_a_line(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A paper whose licence URL is 3,000 characters long had it printed whole in the note that
    osai does not know it and in the link line; each says it in one line of at most 200
    characters, as a dataset card's licence is."""
    arxiv.add_record(
        {"id": "2304.01373", "title": "Pythia", "license": "https://example.org/" + "l" * 3000}
    )
    target = check(PYTHIA)
    paper = links(target)[PAPER]
    assert paper["read"] is True
    assert paper["answer"].startswith("https://example.org/lll") and len(paper["answer"]) <= 200
    (note,) = [m for m in messages(target, "note") if m.startswith("arXiv:2304.01373")]
    assert note.endswith("… is not one osai knows") and len(note) < 300, note


def test_an_arxiv_title_of_kilobytes_is_quoted_in_a_line(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A paper's title cites it where its licence is not one osai knows: a title of 10,000
    characters, over lines, was quoted whole in every report."""
    title = "Pythia:\n" + "T" * 10_000
    arxiv.add_record({"id": "2304.01373", "title": title, "license": "https://example.org/l"})
    target = check(PYTHIA)
    quoted = json.dumps(target)
    assert "Pythia: TTT" in quoted and "T" * 400 not in quoted


def oai_error(code: str, message: str) -> bytes:
    """An OAI-PMH answer that is a protocol error, as arXiv words one (HTTP 200)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="{OAI_NS}">'
        "<responseDate>2026-12-04T00:00:00Z</responseDate><request>oai</request>"
        f'<error code="{code}">{message}</error></OAI-PMH>\n'
    ).encode()


def test_an_arxiv_protocol_error_says_arxiv_refused_the_request(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A protocol error other than idDoesNotExist (badArgument, badVerb, cannotDisseminateFormat)
    read "malformed answer from …: arXiv answered an error (badArgument)": arXiv's answer was
    well formed, and its message, what it refused, was not said.  It says arXiv refused the
    request, with the code and the message on one bounded line; the paper stays unknown."""
    cases = {
        "badArgument": "Illegal argument(s):\n\tx\u202e" + "y" * 5000,
        "badVerb": "Illegal verb",
        "cannotDisseminateFormat": "Unknown metadataPrefix: arXiv",
    }
    for code, message in cases.items():
        arxiv.answer_with("2304.01373", oai_error(code, message))
        target = check(PYTHIA)
        paper = links(target)[PAPER]
        assert paper["read"] is False, code
        answer = paper["answer"]
        assert "refused the request" in answer and "malformed" not in answer, answer
        said = "Illegal argument(s): x yyy" if code == "badArgument" else message
        assert f"refused the request ({code}: {said}" in answer, answer
        assert len(answer) < 300 and "\n" not in answer and "\u202e" not in answer, answer
        assert component(target, "research-paper")["licence"] is None


def test_a_dataset_whose_card_metadata_is_no_mapping_is_said_so_and_left_unknown(
    hub: LoopbackHub,
) -> None:
    """A Hub dataset answering `cardData` as a list or a string read "malformed answer ...: the
    dataset information is not what the Hub API returns (AttributeError)": what was wrong was
    for the user to guess.  It says the card metadata is not a mapping, and the datasets'
    licence stays unknown (the other dataset's MIT is not all of theirs)."""
    hub.add_repo(
        {"id": "acme/m", "cardData": {"license": "apache-2.0", "datasets": ["acme/d", "acme/e"]}}
    )
    hub.add_dataset({"id": "acme/e", "cardData": {"license": "mit"}})
    for card_data in (["license", "mit"], "license: mit"):
        hub.add_dataset({"id": "acme/d", "cardData": card_data})
        target = check("acme/m")
        dataset = links(target)["https://huggingface.co/datasets/acme/d"]
        assert dataset["read"] is False
        assert dataset["answer"].endswith("the dataset's card metadata (cardData) is not a mapping")
        assert "Error" not in dataset["answer"], dataset["answer"]
        assert component(target, "datasets")["licence"] is None


def test_a_card_s_code_link_naming_a_repository_of_100_kb_is_no_repository(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A card linking github.com/acme/qqq… with a name of 100,000 characters (no host holds a
    name past 255) was taken for the training code's release: its URL was the evidence, quoted
    whole three times in the JSON report (300 KB) and as a line of 100,024 characters in the
    text report's -v.  Such a link names no repository; the card's others still count."""
    long = "https://github.com/acme/" + "q" * 100_000
    repo_id = model(
        hub,
        "acme/m",
        {"license": "apache-2.0"},
        [heading("Training"), link("training code", long)],
    )
    result = run_osai("check", repo_id, "--no-public-assessments", "--format", "json")
    assert result.code == 0, result.stderr
    assert len(result.stdout) < 60_000 and "q" * 300 not in result.stdout
    text = run_osai("check", repo_id, "--no-public-assessments", "-v", env={"COLUMNS": "80"})
    assert max(len(line) for line in text.stdout.splitlines()) <= 80


def test_a_paper_arxiv_has_deleted_is_said_deleted_and_its_answer_kept(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """arXiv keeps a deleted record as a header with status="deleted" and no metadata (its
    Identify says deletedRecord: persistent).  osai read that answer as "malformed answer from
    …: the record carries no arXiv metadata", as if arXiv were broken, and asked again on every
    run, offline finding nothing kept.  The paper is said deleted; it stays unknown."""
    arxiv.add_record({"id": "2304.01373", "deleted": True})
    target = check(PYTHIA)
    paper = links(target)[PAPER]
    assert (paper["answer"], paper["read"], paper["found"]) == ("deleted", True, False)
    assert "arXiv:2304.01373: arXiv has deleted its record" in messages(target, "warning")
    assert not [m for m in messages(target) if "malformed" in m]
    assert component(target, "research-paper")["licence"] is None
    offline = check(PYTHIA, "--offline")
    assert links(offline)[PAPER]["answer"].startswith("deleted")
    assert len(arxiv.requests) == 1


def test_a_web_page_where_arxiv_s_record_was_asked_for_is_said_a_web_page(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A maintenance page or a proxy's, served 200 for the OAI-PMH request, read "the answer
    declares a DTD or entities" (<!DOCTYPE html>) or "the record carries no arXiv metadata"
    (<html> alone): words about an OAI-PMH answer, of a page that is none."""
    pages = {
        "doctype": b"<!DOCTYPE html>\n<html><head><title>arXiv</title></head><body/></html>",
        "bare": b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Down</p></body></html>',
    }
    for form, page in pages.items():
        arxiv.answer_with("2304.01373", page)
        paper = links(check(PYTHIA))[PAPER]
        assert paper["read"] is False, form
        assert paper["answer"].endswith(": the answer is a web page (HTML), not OAI-PMH"), form
    arxiv.answer_with("2304.01373", b"<rss><channel/></rss>")
    assert links(check(PYTHIA))[PAPER]["answer"].endswith(": the answer is not OAI-PMH")


CODE = "https://github.com/EleutherAI/train"


def code_model(hub: LoopbackHub, github: LoopbackGitHub, **repo: object) -> str:
    """A model whose card links github.com/EleutherAI/train (gpt-neox's files) for its training
    code, GitHub answering the repository's `repo` fields as given."""
    github.add_repo(github_copy("EleutherAI__gpt-neox", "EleutherAI/train", **repo))
    card = {"license": "apache-2.0"}
    return model(hub, "EleutherAI/m", card, [heading("Training"), link("code", CODE)])


@pytest.mark.parametrize(
    "spdx_id", [42, "MIT OR GPL-3.0-only", "MIT\nAND GPL-3.0", "\x1b[31mMIT\x1b[0m", "x" * 5000]
)
def test_a_github_licence_id_that_is_no_spdx_id_leaves_the_code_unknown(
    spdx_id: object, hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """GitHub gives one licence's SPDX id (or NOASSERTION).  Anything else was taken as the
    code's licence: an expression GitHub never gives, a line break and escapes, 5,000
    characters printed whole (a number was "a licence file GitHub did not recognise").  The
    link is unread, said in a line, and the training code's licence stays unknown."""
    licence = {"key": "mit", "name": "MIT License", "spdx_id": spdx_id}
    target = check(code_model(hub, github, license=licence))
    code = links(target)[CODE]
    assert code["read"] is False
    assert code["answer"].endswith("'license.spdx_id' is not an SPDX licence id")
    assert component(target, "training-code")["licence"] is None


def test_a_github_web_page_that_is_not_the_repository_s_is_not_its_location(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """GitHub's `html_url` was the location of the code every verdict and the BOM named,
    unchecked: a `javascript:` address with terminal escapes, 3,000 characters long, was
    where the training code was said to be.  The link is unread, said in a line."""
    html_url = "javascript:\x1b[31malert(1)\n" + "y" * 3000
    result = run_osai(
        "check", code_model(hub, github, html_url=html_url), "--no-public-assessments"
    )
    assert result.code == 0, result.stderr
    assert "javascript" not in result.stdout and "yyy" not in result.stdout
    assert "'html_url' is not the repository's web page" in result.stdout
    target = check("EleutherAI/m")
    assert links(target)[CODE]["read"] is False
    assert "javascript" not in json.dumps(target)


def test_a_github_web_page_at_the_repository_s_address_is_its_location(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The check of `html_url` keeps GitHub's own page for the repository (any case)."""
    target = check(code_model(hub, github, html_url="https://github.com/eleutherai/TRAIN/"))
    assert links(target)[CODE]["read"] is True
    assert component(target, "training-code")["location"] == "https://github.com/eleutherai/TRAIN/"


def test_an_arxiv_record_naming_two_licences_leaves_the_paper_s_unknown(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """arXiv records one licence a paper; a record naming CC-BY-4.0 then arXiv's own licence
    had the first taken for the paper's.  Which holds is not said: the link is unread, said."""
    licences = f"<license>{CC_BY}</license><license>{ARXIV_LICENCE}</license>"
    arxiv.answer_with("2304.01373", pythia_record(licences))
    paper = links(check(PYTHIA))[PAPER]
    assert paper["read"] is False
    assert paper["answer"].endswith("the record names more than one licence")


def test_an_arxiv_licence_that_only_begins_with_a_licence_s_address_is_not_that_licence(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A licence of "…/licenses/by/4.0/ and GPL" was CC-BY-4.0, from the address it begins
    with: it is no address, so no licence osai knows, and said as given."""
    arxiv.add_record({"id": "2304.01373", "title": "Pythia", "license": f"{CC_BY} and GPL"})
    target = check(PYTHIA)
    assert links(target)[PAPER]["answer"] == f"{CC_BY} and GPL"
    assert component(target, "research-paper")["licence"] is None


def test_a_dataset_the_hub_answers_under_no_hub_id_is_left_unread(hub: LoopbackHub) -> None:
    """The Hub answers a renamed dataset under its new id, which osai says it "now lives at"
    and cites: an id ending in terminal escapes was that new home, in the note, the citation
    and the link's answer.  The link is unread, said in a line."""
    hub.add_repo({"id": "acme/m", "cardData": {"license": "apache-2.0", "datasets": ["acme/d"]}})
    moved = "acme/d\x1b[31m"
    hub.add_dataset({"id": "acme/d", "redirect_to": moved, "cardData": {"license": "mit"}})
    result = run_osai("check", "acme/m", "--no-public-assessments", "--format", "json")
    assert result.code == 0, result.stderr
    target = json.loads(result.stdout)["targets"][0]
    dataset = links(target)["https://huggingface.co/datasets/acme/d"]
    assert dataset["read"] is False
    assert dataset["answer"].endswith("the dataset's id is not a Hub id")
    assert "\\u001b" not in result.stdout


@pytest.mark.parametrize("disabled", ["yes", 1, {"by": "admin"}])
def test_a_dataset_whose_disabled_is_no_boolean_is_left_unread(
    hub: LoopbackHub, disabled: object
) -> None:
    """`disabled: "yes"` was read as not taken down (only `true` was): a dataset the Hub may
    have taken down counted as obtainable.  No boolean is none the Hub gives: the link is
    unread, said in a line."""
    hub.add_repo({"id": "acme/m", "cardData": {"license": "apache-2.0", "datasets": ["acme/d"]}})
    hub.add_dataset({"id": "acme/d", "disabled": disabled, "cardData": {"license": "mit"}})
    result = run_osai("check", "acme/m", "--no-public-assessments", "--format", "json")
    assert result.code == 0, result.stderr
    dataset = links(json.loads(result.stdout)["targets"][0])[
        "https://huggingface.co/datasets/acme/d"
    ]
    assert dataset["read"] is False
    assert dataset["answer"].endswith("the dataset's `disabled` is not a boolean")


def train_repository(licences: str) -> bytes:
    """GitHub's answer for github.com/EleutherAI/train, written by hand (a loopback server
    writes its JSON with each key once), its `license` fields as given."""
    return (
        '{"full_name": "EleutherAI/train", "html_url": "https://github.com/EleutherAI/train", '
        f'"default_branch": "main", {licences}}}'
    ).encode()


@pytest.mark.parametrize(
    ("licences", "read"),
    [
        ('"license": {"spdx_id": "MIT"}', True),  # the control: the answer is read
        ('"license": {"spdx_id": "MIT"}, "license": {"spdx_id": "GPL-3.0"}', False),
    ],
    ids=["once", "twice"],
)
def test_a_github_answer_naming_a_field_twice_leaves_the_code_unknown(
    licences: str,
    read: bool,
    hub: LoopbackHub,
    arxiv: LoopbackArxiv,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Valid JSON that names `license` twice: the last was the code's licence (GPL-3.0,
    "detected"), where a reader keeping the first (as some do) says MIT.  GitHub names each
    field once: such an answer is malformed, the link unread and the code's licence unknown."""
    card = {"license": "apache-2.0"}
    model_id = model(hub, "EleutherAI/m", card, [heading("Training"), link("code", CODE)])
    with FaultServer() as server:
        json_type = {"Content-Type": "application/json"}
        server.route("/repos/EleutherAI/train", Reply(200, json_type, train_repository(licences)))
        files = b'[{"path": "LICENSE", "type": "blob"}, {"path": "train.py", "type": "blob"}]'
        tree = b'{"truncated": false, "tree": ' + files + b"}"
        server.route("/repos/EleutherAI/train/git/trees/main", Reply(200, json_type, tree))
        monkeypatch.setenv("GITHUB_API_URL", server.url)
        monkeypatch.setenv("OSAI_CACHE_DIR", str(tmp_path / "cache"))
        target = check(model_id)
    code = links(target)[CODE]
    assert code["read"] is read, code
    if read:
        assert code["answer"].startswith("MIT"), code
        assert component(target, "training-code")["licence"]["text"] == "MIT"
    else:
        assert code["answer"].endswith("the answer names 'license' twice"), code
        assert component(target, "training-code")["licence"] is None


def test_a_repository_github_did_not_find_is_asked_for_again_by_the_next_run(
    hub: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """GitHub's 404 was kept as a fresh answer for a day: a repository made public (or created)
    after a check stayed "not found" in every check that day, said as if GitHub had just
    answered so.  The next run asks again and reads it."""
    card = {"license": "apache-2.0"}
    model_id = model(hub, "EleutherAI/m", card, [heading("Training"), link("code", CODE)])
    assert links(check(model_id))[CODE]["answer"] == "not found"
    github.add_repo(github_copy("EleutherAI__gpt-neox", "EleutherAI/train"))
    code = links(check(model_id))[CODE]
    assert code["answer"].startswith("Apache-2.0"), code
