"""What the linked resources' servers answer, beyond the resource itself.

- A kept answer stands in when a server gives none (stale-if-error): GitHub, arXiv and the Hub's
  dataset and model APIs, each on loopback (tests/loopback_*.py), are read once, then refuse
  connections or fail, and the next check (online, no --offline) shows what the earlier one
  read, saying from when and why.  Without a kept answer the evidence stays unknown
  (tests/test_links.py).
- A moved GitHub repository (301 to /repositories/{id}) is judged by whose it is now."""

from __future__ import annotations

import json
import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from clirunner import EXAMPLES, ROOT, run_osai
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub

from osai.evidence import OFFLINE_CAUSES
from osai.schemas import instance_errors

PYTHIA = "EleutherAI/pythia-70m"
NEOX = "https://github.com/EleutherAI/gpt-neox"
PAPER = "https://arxiv.org/abs/2304.01373"
PILE = "https://huggingface.co/datasets/EleutherAI/pile"


def report(*args: str) -> dict[str, Any]:
    result = run_osai("check", *args, "--no-public-assessments", "--format", "json")
    assert result.code in (0, 1), result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    assert list(instance_errors("report", document)) == []
    target: dict[str, Any] = document["targets"][0]
    return target


def olmo_derived(manifest: Path, base_model: str) -> Path:
    """OLMo's bundled manifest, declaring `base_model` (as YAML writes it) as its base."""
    text = (EXAMPLES / "olmo-7b.yml").read_text(encoding="utf-8")
    assert text.count("release:\n") == 1
    declared = f"release:\n  declarations:\n    base_model: {base_model}\n"
    manifest.write_text(text.replace("release:\n", declared), encoding="utf-8")
    return manifest


def kept_days_ago(days: int) -> str:
    """Every answer kept so far, as if an earlier run had kept it `days` ago; that day.  (An
    answer without an ETag, as arXiv's, is reused unasked for a day: older, it is asked again.)"""
    kept_at = time.time() - days * 86400
    for path in (Path(os.environ["OSAI_CACHE_DIR"]) / "answers").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**data, "stored_at": kept_at}), encoding="utf-8")
    return datetime.fromtimestamp(kept_at, UTC).date().isoformat()


def links(target: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {link["url"]: link for link in target["links"]}


def component(target: dict[str, Any], component_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in target["components"] if c["id"] == component_id)
    return found


def warnings(target: dict[str, Any]) -> list[str]:
    return [f["message"] for f in target["findings"] if f["kind"] == "warning"]


def test_kept_answers_stand_in_when_github_arxiv_and_the_hub_give_none(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    first = report(PYTHIA)
    assert all(link["cached"] is None for link in first["links"])
    # The corpus does not establish that the Hub disables the Pile (its `disabled` is null:
    # tests/fixtures/links/datasets/EleutherAI__pile.json), so osai does not say it was taken down
    assert "taken down" not in links(first)[PILE]["answer"]
    day = kept_days_ago(3)
    github.stop()  # connection refused
    arxiv.inject_status(r".*", 503)  # a server error, every retry
    linked_world.inject_status(r"^/api/datasets/", 503)
    second = report(PYTHIA)
    followed = links(second)
    for url in (NEOX, PAPER, PILE):
        link = followed[url]
        assert link["read"] is True and link["answer"] == links(first)[url]["answer"], url
        assert link["cached"]["kept_at"].startswith(day), url
    assert "cannot connect" in followed[NEOX]["cached"]["because"]
    assert "HTTP 503" in followed[PAPER]["cached"]["because"]
    assert "HTTP 503" in followed[PILE]["cached"]["because"]
    for code in ("training-code", "evaluation-code", "datasets", "research-paper"):
        fresh, kept = component(first, code), component(second, code)
        licence = (kept["licence"] or {}).get("text"), (fresh["licence"] or {}).get("text")
        assert kept["presence"] == fresh["presence"] and licence[0] == licence[1], code
        # each citation from a kept answer says so: components[].evidence alone (what a JSON
        # reader reads) told a licence read days ago from one read now by nothing
        from_links = [
            e for e in kept["evidence"] if e["source"] in ("github", "arxiv", "hub-dataset")
        ]
        assert from_links, code
        assert all(f"from the cache of {day}" in e["note"] for e in from_links), kept["evidence"]
    for url in (NEOX, PAPER, PILE):
        said = f"{url}: no fresh answer ("
        assert any(
            m.startswith(said) and m.endswith(f"from the cache of {day}") for m in warnings(second)
        )
    assert not any("could not be read" in m for m in warnings(second))


def test_a_mirror_s_password_is_kept_in_no_answer_file(
    linked_world: LoopbackHub, arxiv: LoopbackArxiv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OSAI_ARXIV_URL with a user:password@ (a private mirror): each kept answer's file held the
    address as given, password and all, under OSAI_CACHE_DIR.  It is kept without it, and the
    next check still finds it."""
    password = "pw-mirror-0123456789"
    monkeypatch.setenv("OSAI_ARXIV_URL", arxiv.base_url.replace("://", f"://reader:{password}@"))
    assert links(report(PYTHIA))[PAPER]["cached"] is None
    assert arxiv.requests
    kept = list((Path(os.environ["OSAI_CACHE_DIR"]) / "answers").glob("*.json"))
    assert kept and not [path for path in kept if password in path.read_text(encoding="utf-8")]
    arxiv.clear_requests()
    assert links(report(PYTHIA))[PAPER]["answer"]  # the paper, from the answer kept a moment ago
    assert arxiv.requests == []


def test_offline_answers_are_dated_as_kept_ones_are(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """--offline answered GitHub, arXiv and the Hub's dataset record from the cache and said
    nothing of when: a licence read months ago read as one read now.  Each link and each citation
    it gives now says "from the cache of DAY (--offline)", as a kept answer standing in for a
    failed one does; no warning per link (the user asked for the cache, the date is the news)."""
    first = report(PYTHIA)
    day = kept_days_ago(40)
    for server in (github, arxiv, linked_world):
        server.clear_requests()
    offline = report(PYTHIA, "--offline")
    assert github.requests == arxiv.requests == linked_world.requests == []  # nothing was asked
    followed = links(offline)
    for url in (NEOX, PAPER, PILE):
        link = followed[url]
        assert link["answer"] == links(first)[url]["answer"], url
        assert link["cached"] == {"kept_at": link["cached"]["kept_at"], "because": "--offline"}
        assert link["cached"]["kept_at"].startswith(day), url
    for code in ("training-code", "datasets", "research-paper"):
        cited = [
            e
            for e in component(offline, code)["evidence"]
            if e["source"] in ("github", "arxiv", "hub-dataset")
        ]
        assert cited, code
        assert all(e["note"].endswith(f"from the cache of {day} (--offline)") for e in cited), cited
    assert not any("no fresh answer" in m for m in warnings(offline))
    text = run_osai("check", PYTHIA, "--offline", "--no-public-assessments", "-v")
    section = " ".join(text.stdout.partition("Links followed")[2].split())
    assert f"{NEOX}" in section and f"from the cache of {day} (--offline)" in section


def test_answers_read_offline_by_hf_hub_offline_name_the_variable_not_the_flag(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Offline by huggingface_hub's HF_HUB_OFFLINE, with no --offline typed, every answer from
    the cache said "(--offline)", as if the user had given the flag: it names what made the
    run offline, the variable."""
    report(PYTHIA)
    day = kept_days_ago(3)
    for server in (github, arxiv, linked_world):
        server.clear_requests()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    offline = report(PYTHIA)
    assert github.requests == arxiv.requests == linked_world.requests == []
    for url in (NEOX, PAPER, PILE):
        assert links(offline)[url]["cached"]["because"] == "HF_HUB_OFFLINE", url
    cited = [e for e in component(offline, "training-code")["evidence"] if e["source"] == "github"]
    assert cited and all(
        e["note"].endswith(f"from the cache of {day} (HF_HUB_OFFLINE)") for e in cited
    ), cited
    text = run_osai("check", PYTHIA, "--no-public-assessments", "-v")
    assert "--offline" not in text.stdout
    section = " ".join(text.stdout.partition("Links followed")[2].split())
    assert f"from the cache of {day} (HF_HUB_OFFLINE)" in section
    # the flag, given, is named: it is what the user typed
    flagged = report(PYTHIA, "--offline")
    assert links(flagged)[NEOX]["cached"]["because"] == "--offline"


def _cached_descriptions(node: Any) -> list[str]:
    """Each description of a report's `cached` property (links[].cached), wherever it is."""
    if isinstance(node, list):
        return [said for item in node for said in _cached_descriptions(item)]
    if not isinstance(node, dict):
        return []
    cached = node.get("properties", {}).get("cached", {})
    own = [cached["description"]] if "description" in cached else []
    return own + [said for value in node.values() for said in _cached_descriptions(value)]


def test_the_report_schema_says_each_value_because_takes_offline() -> None:
    """`links[].cached.because` is "HF_HUB_OFFLINE" when that variable made the run offline, and
    the report schema, which a consumer reads to tell an offline answer from a failed one,
    named "--offline" alone: a consumer testing for it took the variable's as a failure."""
    schema = json.loads((ROOT / "rules" / "schema" / "report.schema.json").read_text("utf-8"))
    (described,) = _cached_descriptions(schema)
    assert all(f'"{cause}"' in described for cause in OFFLINE_CAUSES), described


def test_the_text_report_says_which_links_were_answered_from_the_cache(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    report(PYTHIA)
    github.inject_status(r"^/repos/", 502)
    result = run_osai("check", PYTHIA, "--no-public-assessments", "--format", "text")
    assert result.code in (0, 1), result.stderr
    section = " ".join(result.stdout.partition("Links followed")[2].split())  # lines unwrapped
    entries = section.replace("✘", "✔").split("✔ ")
    neox = next(entry for entry in entries if NEOX in entry)
    assert "from the cache of" in neox and "HTTP 502" in neox
    paper = next(entry for entry in entries if PAPER in entry)
    assert "from the cache of" not in paper  # arXiv answered


def test_an_answer_that_refuses_is_not_hidden_by_a_kept_one(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Access denied (403, no rate limit) is GitHub's answer, not its silence: the kept
    answer does not stand in, and the repository credits nothing, as with no cache."""
    report(PYTHIA)
    github.inject_status(r"^/repos/", 403)
    target = report(PYTHIA)
    assert links(target)[NEOX]["read"] is False and links(target)[NEOX]["cached"] is None
    cited = [e["location"] for e in component(target, "training-code")["evidence"]]
    assert "github.com/EleutherAI/gpt-neox" not in cited
    assert any(m.startswith(f"{NEOX} could not be read") for m in warnings(target))


def test_a_base_model_s_kept_record_stands_in_when_the_hub_fails(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The Llama 2 licence binding a fine-tune is still applied from the kept record."""
    repo_id = linked_world.add_repo(
        {
            "id": "acme/llama-2-7b-chat-apache",
            "cardData": {"license": "apache-2.0", "base_model": "meta-llama/Llama-2-7b-hf"},
            "readme_outline": [{"kind": "heading", "level": 2, "text": "Model details"}],
        }
    )
    first = report(repo_id)
    linked_world.inject_status(r"^/api/models/meta-llama/", 503)
    second = report(repo_id)
    base = links(second)["https://huggingface.co/meta-llama/Llama-2-7b-hf"]
    assert base["cached"] is not None and "HTTP 503" in base["cached"]["because"]
    conflicts = [f["message"] for f in second["findings"] if f["kind"] == "conflict"]
    assert conflicts == [f["message"] for f in first["findings"] if f["kind"] == "conflict"]
    assert any(
        m.startswith("base model meta-llama/Llama-2-7b-hf: no fresh") for m in warnings(second)
    )
    # the binding licence's citation says it is from the kept record
    weights = component(second, "model-parameters-final")["licence"]["evidence"]
    assert "from the cache of" in weights["note"], weights
    assert (
        "from the cache of"
        not in component(first, "model-parameters-final")["licence"]["evidence"]["note"]
    )


def test_a_base_model_s_record_read_offline_is_dated(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The binding Llama 2 licence, applied offline from the kept record, cites its day."""
    repo_id = linked_world.add_repo(
        {
            "id": "acme/llama-2-7b-chat-apache",
            "cardData": {"license": "apache-2.0", "base_model": "meta-llama/Llama-2-7b-hf"},
            "readme_outline": [{"kind": "heading", "level": 2, "text": "Model details"}],
        }
    )
    report(repo_id)
    day = kept_days_ago(5)
    offline = report(repo_id, "--offline")
    base = links(offline)["https://huggingface.co/meta-llama/Llama-2-7b-hf"]
    assert base["cached"]["because"] == "--offline" and base["cached"]["kept_at"].startswith(day)
    weights = component(offline, "model-parameters-final")["licence"]["evidence"]
    assert weights["note"].endswith(f"from the cache of {day} (--offline)"), weights
    assert not any(m.startswith("base model meta-llama") for m in warnings(offline))


# --- a moved repository is judged by whose it is now --------------------------------------------

NEOX_FIXTURE = Path(__file__).parent / "fixtures" / "links" / "github" / "EleutherAI__gpt-neox.json"


def moved_repo(github: LoopbackGitHub, requested: str, full_name: str) -> None:
    """gpt-neox's fixture served as `full_name`, its former name `requested` answering 301 (an
    invented move, as GitHub answers one: tests/loopback_github.py)."""
    data = json.loads(NEOX_FIXTURE.read_text(encoding="utf-8"))
    owner = full_name.split("/", 1)[0]
    repo = {
        **data["repo"],
        "full_name": full_name,
        "owner": {**data["repo"]["owner"], "login": owner},
    }
    repo["html_url"] = f"https://github.com/{full_name}"
    github.add_repo({**data, "requested": requested, "repo": repo})


def training_card(hub: LoopbackHub, repo_id: str, url: str) -> str:
    outline = [
        {"kind": "heading", "level": 2, "text": "Training"},
        {"kind": "link", "text": "training code", "url": url},
    ]
    return hub.add_repo(
        {"id": repo_id, "cardData": {"license": "apache-2.0"}, "readme_outline": outline}
    )


def test_a_repository_transferred_to_the_producer_is_its_release(
    linked_world: LoopbackHub, github: LoopbackGitHub
) -> None:
    """The card links github.com/founder/neox-train, which GitHub answers (301, then the
    repository) is now EleutherAI/neox-train: the producer's own code, credited."""
    moved_repo(github, "founder/neox-train", "EleutherAI/neox-train")
    url = "https://github.com/founder/neox-train"
    target = report(training_card(linked_world, "EleutherAI/moved-tester", url))
    assert github.find_requests(r"^/repositories/\d+$")  # the 301 was followed
    link = links(target)[url]
    assert link["kind"] == "producer-code" and link["answer"].startswith(
        "now EleutherAI/neox-train"
    )
    training = component(target, "training-code")
    assert training["presence"] == "present"
    assert training["evidence"][0]["location"] == "github.com/EleutherAI/neox-train"
    notes = [f["message"] for f in target["findings"] if f["kind"] == "note"]
    assert "github.com/founder/neox-train is now EleutherAI/neox-train" in notes


def test_a_repository_transferred_away_is_no_longer_the_producers(
    linked_world: LoopbackHub, github: LoopbackGitHub
) -> None:
    """The card's URL names the producer (acme/trainer), but GitHub answers that the repository
    now belongs to otherco: it releases nothing of acme's model."""
    moved_repo(github, "acme/trainer", "otherco/trainer")
    url = "https://github.com/acme/trainer"
    target = report(training_card(linked_world, "acme/moved-away", url))
    link = links(target)[url]
    assert link["kind"] == "third-party-code" and link["answer"].startswith("now otherco/trainer")
    cited = [e["location"] for e in component(target, "training-code")["evidence"]]
    assert not any("github.com/" in location for location in cited)
    notes = [f["message"] for f in target["findings"] if f["kind"] == "note"]
    assert "github.com/acme/trainer is now otherco/trainer" in notes
    assert not github.find_requests(r"/git/trees/")  # a third party's files are not listed


def test_a_redirect_off_the_github_api_is_not_followed(
    linked_world: LoopbackHub, github: LoopbackGitHub
) -> None:
    """GitHub redirects a moved repository within its API; an answer sending osai elsewhere is
    not followed (nor is the token sent there): the link is not read."""
    with LoopbackGitHub() as elsewhere:
        location = f"{elsewhere.api_url}/repositories/1"
        github.inject_status(r"^/repos/EleutherAI/gpt-neox$", 301, headers={"Location": location})
        url = "https://github.com/EleutherAI/gpt-neox"
        target = report(training_card(linked_world, "EleutherAI/redirect-tester", url))
        assert elsewhere.requests == []
    assert links(target)[url]["read"] is False
    assert any("osai follows it only within" in m for m in warnings(target))


# --- a lineage never leads back to the model -------------------------------------------------


def card_model(hub: LoopbackHub, repo_id: str, card: dict[str, Any]) -> str:
    heading = {"kind": "heading", "level": 2, "text": "Model details"}
    return hub.add_repo({"id": repo_id, "cardData": card, "readme_outline": [heading]})


def test_a_base_model_naming_the_model_itself_is_ignored_with_a_warning(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """acme/selfish's card says base_model: acme/selfish (as a URL, in another case): it is not
    said to derive from itself, nor read as its own base."""
    url = "https://huggingface.co/ACME/Selfish"
    repo_id = card_model(linked_world, "acme/selfish", {"license": "apache-2.0", "base_model": url})
    target = report(repo_id)
    assert target["base_models"] == []
    assert not [link for link in target["links"] if link["kind"] == "base-model"]
    assert not any("derived from" in f["message"] for f in target["findings"])
    assert f"README.md: 'base_model' names this model itself ({url}): ignored" in warnings(target)


def test_a_lineage_that_turns_back_is_cut_with_a_warning(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """acme/child → acme/parent → acme/child: the model is not its own ancestor (its record is
    not read as a base model); acme/a → acme/b → acme/a is cut where it turns back."""
    card_model(linked_world, "acme/parent", {"license": "llama2", "base_model": "acme/child"})
    child = card_model(linked_world, "acme/child", {"license": "mit", "base_model": "acme/parent"})
    target = report(child)
    bases = [link["url"] for link in target["links"] if link["kind"] == "base-model"]
    assert bases == ["https://huggingface.co/acme/parent"]
    assert any(
        "base model acme/parent names acme/child as its base: a cycle" in m
        for m in warnings(target)
    )
    card_model(linked_world, "acme/a", {"license": "mit", "base_model": "acme/b"})
    card_model(linked_world, "acme/b", {"license": "mit", "base_model": "acme/a"})
    loop = card_model(linked_world, "acme/loop", {"license": "mit", "base_model": "acme/a"})
    target = report(loop)
    bases = [link["url"] for link in target["links"] if link["kind"] == "base-model"]
    assert bases == ["https://huggingface.co/acme/a", "https://huggingface.co/acme/b"]
    assert any("base model acme/b names acme/a as its base: a cycle" in m for m in warnings(target))


def test_a_kept_answer_github_confirms_is_dated_from_the_confirmation(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A 304 says the kept answer is current: when GitHub later gives none, the evidence is
    from the cache of the day it was last confirmed, not the day it was first kept."""
    report(PYTHIA)
    kept_days_ago(3)
    report(PYTHIA)  # revalidated: 304s
    github.stop()
    cached = links(report(PYTHIA))[NEOX]["cached"]
    kept_at = datetime.fromisoformat(cached["kept_at"])
    assert (datetime.now(UTC) - kept_at).total_seconds() < 600


def test_a_304_confirms_the_answer_read_before_asking_when_the_cache_is_cleared_meanwhile(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """CI jobs share one cache directory, and one clears it (`rm -rf`) while another checks:
    GitHub's 304 then confirmed an answer whose file had gone, and the link was a "malformed
    answer from" GitHub ("the answer is not JSON": the 304's empty body), its evidence unknown,
    where the job beside it judged on it.  The 304 confirms the answer read before asking."""
    good = links(report(PYTHIA))
    answers = Path(os.environ["OSAI_CACHE_DIR"]) / "answers"
    github.clear_requests()
    held = github.inject_hang(r"^/repos/EleutherAI/gpt-neox$", times=1)

    def clear_the_cache_while_held() -> None:
        # the revalidation is in flight (its If-None-Match sent) when the cache goes
        for _ in range(3000):
            if github.find_requests(r"^/repos/EleutherAI/gpt-neox$"):
                break
            time.sleep(0.01)
        for path in answers.glob("*.json"):
            path.unlink()
        held.release()

    clearing = threading.Thread(target=clear_the_cache_while_held)
    clearing.start()
    try:
        during = links(report(PYTHIA))
    finally:
        held.release()
        clearing.join()
    revalidated = github.find_requests(r"^/repos/EleutherAI/gpt-neox$")
    assert [request.headers.get("if-none-match", "") != "" for request in revalidated] == [True]
    assert during[NEOX]["read"] is True
    assert during[NEOX]["answer"] == good[NEOX]["answer"]


def test_an_answer_kept_by_a_clock_ahead_is_asked_again(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """CI runners share one cache, and one's clock is a year ahead: the arXiv answer it kept
    (no ETag: reused unasked while under a day old) was younger than a day on every other
    runner for a year and a day, and never asked again.  An answer kept "later than now" is no
    fresh one."""
    report(PYTHIA)
    kept_days_ago(-365)
    arxiv.clear_requests()
    again = links(report(PYTHIA))
    assert arxiv.requests, "the paper's answer was reused unasked"
    assert again[PAPER]["read"] is True and again[PAPER]["cached"] is None


def test_an_answer_osai_cannot_read_is_not_kept(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """One malformed answer (a proxy's page, a cut-off body) was kept before it was read: it
    replaced the last good answer, was reused unasked for a day (it had no ETag), and stood in
    when the server then gave none, so the next checks said "malformed answer" of a server
    that answered well.  Now it is not kept: the good answer stays and stands in."""
    good = links(report(PYTHIA))
    day = kept_days_ago(2)  # arXiv's answer, without an ETag, is asked again
    github.inject_malformed_json(r"^/repos/EleutherAI/gpt-neox$", times=1)
    arxiv.inject_malformed(r".*", times=1)
    malformed = links(report(PYTHIA))
    assert all("malformed answer" in malformed[url]["answer"] for url in (NEOX, PAPER))
    github.inject_status(r"^/repos/EleutherAI/gpt-neox$", 503)
    arxiv.inject_status(r".*", 503)
    failed = links(report(PYTHIA))
    for url in (NEOX, PAPER):
        assert failed[url]["answer"] == good[url]["answer"], url
        assert failed[url]["cached"]["kept_at"].startswith(day), url


def test_a_kept_answer_osai_cannot_read_is_damaged(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A kept answer whose record is sound but whose body osai cannot read (kept by an earlier
    osai): offline it was said to be a "malformed answer from" the server, which was not asked;
    online, GitHub's 304 confirmed it, and the link stayed unread.  It is damaged: a miss and a
    warning, asked again online and kept anew."""
    import base64

    good = links(report(PYTHIA))
    kept = sorted((Path(os.environ["OSAI_CACHE_DIR"]) / "answers").glob("*.json"))
    unreadable = [path for path in kept if "osai-hub-record" not in path.read_text()]
    for path in unreadable:
        record = json.loads(path.read_text(encoding="utf-8"))
        body = base64.b64encode(b"<html>a proxy's page, cut off").decode()
        path.write_text(json.dumps({**record, "body": body}), encoding="utf-8")
    result = run_osai("check", PYTHIA, "--offline", "--no-public-assessments", "--format", "json")
    assert result.code in (0, 1), result.stderr
    offline = links(json.loads(result.stdout)["targets"][0])
    assert not any("malformed" in offline[url]["answer"] for url in (NEOX, PAPER))
    assert offline[NEOX]["read"] is offline[PAPER]["read"] is False
    warned = {line for line in result.stderr.splitlines() if "damaged answer" in line}
    said = {
        f"osai: warning: {path}: a damaged answer in the cache, not used ({why})"
        for path in unreadable
        for why in ("the answer is not JSON", "the answer is not XML")
    }
    assert warned and warned <= said
    online = run_osai("check", PYTHIA, "--no-public-assessments", "--format", "json")
    assert online.code in (0, 1) and "damaged answer" in online.stderr
    fresh = links(json.loads(online.stdout)["targets"][0])
    assert all(fresh[url]["answer"] == good[url]["answer"] for url in (NEOX, PAPER))
    again = run_osai("check", PYTHIA, "--offline", "--no-public-assessments")
    assert "damaged answer" not in again.stderr


def test_a_kept_hub_record_osai_cannot_read_is_damaged(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A dataset's kept Hub record whose fields are not a record's was passed over in silence:
    offline, "no answer from the Hub is kept in the cache", of a file that is there.  It is
    damaged, as any other: a miss and a warning naming the file, offline or standing in."""
    import base64

    report(PYTHIA)
    kept = sorted((Path(os.environ["OSAI_CACHE_DIR"]) / "answers").glob("*.json"))
    records = [path for path in kept if "osai-hub-record:datasets/" in path.read_text()]
    assert records
    for path in records:
        record = json.loads(path.read_text(encoding="utf-8"))
        body = base64.b64encode(b'{"id": 5}').decode()
        path.write_text(json.dumps({**record, "body": body}), encoding="utf-8")
    said = {
        f"osai: warning: {path}: a damaged answer in the cache, not used (not a Hub record osai "
        "keeps)"
        for path in records
    }
    linked_world.inject_status(r"^/api/datasets/", 503)
    for offline in (("--offline",), ()):
        result = run_osai("check", PYTHIA, *offline, "--no-public-assessments")
        assert result.code in (0, 1), result.stderr
        warned = {line for line in result.stderr.splitlines() if "damaged answer" in line}
        assert warned and warned <= said, offline


def test_a_lineage_that_turns_back_by_url_is_cut_too(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """acme/urlparent's card names its base as a URL in another case, as a card may
    (https://huggingface.co/ACME/urlchild): the same model, so the lineage turns back there."""
    parent = {"license": "llama2", "base_model": "https://huggingface.co/ACME/urlchild"}
    card_model(linked_world, "acme/urlparent", parent)
    child = card_model(
        linked_world, "acme/urlchild", {"license": "mit", "base_model": "acme/urlparent"}
    )
    target = report(child)
    bases = [link["url"] for link in target["links"] if link["kind"] == "base-model"]
    assert bases == ["https://huggingface.co/acme/urlparent"]
    assert any("base model acme/urlparent names" in m and "a cycle" in m for m in warnings(target))


def test_a_base_model_s_base_that_is_no_hub_id_ends_its_lineage_there(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The base model was read (its Llama 2 licence binds the fine-tune); that its own card
    names something the Hub cannot be asked for does not make it unread."""
    card_model(linked_world, "acme/oddparent", {"license": "llama2", "base_model": "our old model"})
    child = card_model(
        linked_world, "acme/oddchild", {"license": "mit", "base_model": "acme/oddparent"}
    )
    target = report(child)
    base = links(target)["https://huggingface.co/acme/oddparent"]
    assert base["read"] is True and base["answer"] == "llama2"
    assert any(
        m.startswith("base model acme/oddparent names our old model as its base, which is no Hub")
        for m in warnings(target)
    )


def test_a_base_model_s_base_named_twice_is_warned_of_once(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A base's card naming `our old model` twice (a hostile one, thousands of times) said the
    same warning for each, up to eight times."""
    named = ["our old model", "our old model", "Our Old Model"]
    card_model(linked_world, "acme/twiceparent", {"license": "llama2", "base_model": named})
    child = card_model(
        linked_world, "acme/twicechild", {"license": "mit", "base_model": "acme/twiceparent"}
    )
    said = [m for m in warnings(report(child)) if m.startswith("base model acme/twiceparent names")]
    assert len(said) == 1, said


def test_a_farther_base_the_hub_refuses_ends_the_lineage_and_keeps_the_nearer_one(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """acme/refparent (llama2) was read and binds the fine-tune; the Hub refusing its own base
    lost the whole lineage: the parameters were shown under the declared MIT, and the warning
    said acme/refparent could not be read."""
    card_model(linked_world, "acme/refgrand", {"license": "mit"})
    parent = {"license": "llama2", "base_model": "acme/refgrand"}
    card_model(linked_world, "acme/refparent", parent)
    child = card_model(
        linked_world, "acme/refchild", {"license": "mit", "base_model": "acme/refparent"}
    )
    message = "Access to this resource is disabled."
    linked_world.inject_status(r"^/api/models/acme/refgrand", 403, error_message=message)
    target = report(child)
    base = links(target)["https://huggingface.co/acme/refparent"]
    assert base["read"] is True and base["answer"] == "llama2"
    licence = component(target, "model-parameters-final")["licence"]
    assert licence["inherited_from"] == "base model acme/refparent"
    assert (
        "base model acme/refparent names acme/refgrand as its base: it could not be read "
        "(the Hub answered HTTP 403), not followed further" in warnings(target)
    )


def test_a_token_the_hub_repeats_refusing_a_base_model_is_not_shown(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 400 is huggingface_hub's BadRequestError, a ValueError too: it was read as a malformed
    answer, its text (the server's words, the token it repeated) kept unredacted in the link's
    answer, which text, JSON and Markdown showed.  It is the Hub's refusal, said as one."""
    secret = "hf_osaiEchoedSecretToken0123456789"
    monkeypatch.setenv("HF_TOKEN", secret)
    monkeypatch.setenv("HF_HUB_DISABLE_IMPLICIT_TOKEN", "0")
    card_model(linked_world, "acme/echo-base", {"license": "llama2"})
    child = card_model(
        linked_world, "acme/echo-ft", {"license": "mit", "base_model": "acme/echo-base"}
    )
    said = f"Bad request for /api/models/acme/echo-base with Bearer {secret}"
    linked_world.inject_status(r"^/api/models/acme/echo-base", 400, error_message=said)
    for output_format in ("text", "json", "markdown", "sarif", "github", "junit"):
        result = run_osai("check", child, "--no-public-assessments", "--format", output_format)
        assert result.code in (0, 1), result.stderr
        assert secret not in result.stdout + result.stderr, output_format
    assert any(r.authorization == f"Bearer {secret}" for r in linked_world.requests)
    base = links(report(child))["https://huggingface.co/acme/echo-base"]
    assert (base["read"], base["answer"]) == (False, "the Hub answered HTTP 400")


def test_a_moved_repository_s_new_name_is_checked_before_it_is_used(
    linked_world: LoopbackHub, github: LoopbackGitHub
) -> None:
    """The name GitHub answers decides whose code it is and is repeated in the report: one that
    is no `owner/name` (here with a line break and a workflow command) is a malformed answer,
    the link unread, not a repository moved to that name."""
    moved_repo(github, "acme/oddly", "otherco/oddly\n::error::injected")
    url = "https://github.com/acme/oddly"
    target = report(training_card(linked_world, "acme/odd-name", url))
    assert links(target)[url]["read"] is False
    said = " ".join(f["message"] for f in target["findings"]) + links(target)[url]["answer"]
    assert "injected" not in said and "is now" not in said


def test_a_base_model_under_a_choice_with_an_open_branch_binds_nothing(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Apache-2.0 OR llama2: whoever derives from it may take Apache-2.0, so an MIT fine-tune is
    no conflict.  Apache-2.0 AND llama2 binds, and the conflict names the licence that binds
    (Llama 2's), not the first one in the expression."""
    either = {"license": "other", "license_name": "Apache-2.0 OR llama2"}
    card_model(linked_world, "acme/either-base", either)
    child = card_model(
        linked_world, "acme/either-ft", {"license": "mit", "base_model": "acme/either-base"}
    )
    target = report(child)
    assert component(target, "model-parameters-final")["licence"]["text"] == "mit"
    assert not [f for f in target["findings"] if f["kind"] == "conflict"]
    both = {"license": "other", "license_name": "Apache-2.0 AND llama2"}
    card_model(linked_world, "acme/both-base", both)
    child = card_model(
        linked_world, "acme/both-ft", {"license": "mit", "base_model": "acme/both-base"}
    )
    conflicts = [f["message"] for f in report(child)["findings"] if f["kind"] == "conflict"]
    assert len(conflicts) == 1
    assert "is under the Llama 2 Community License Agreement, which applies" in conflicts[0]


def test_every_base_a_base_model_names_is_followed_and_a_lineage_cut_short_says_so(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A merge names several bases: its second, Llama 2, binds a fine-tune of the merge as
    much as the first would.  A lineage deeper than osai follows ends with a warning naming the
    base it did not read, not silently."""
    card_model(linked_world, "acme/open-base", {"license": "apache-2.0"})
    merged = ["acme/open-base", "meta-llama/Llama-2-7b-hf"]
    card_model(linked_world, "acme/merged", {"license": "apache-2.0", "base_model": merged})
    child = card_model(
        linked_world, "acme/merged-ft", {"license": "apache-2.0", "base_model": "acme/merged"}
    )
    target = report(child)
    licence = component(target, "model-parameters-final")["licence"]
    assert licence["inherited_from"] == "base model meta-llama/Llama-2-7b-hf"
    assert any(
        f["kind"] == "conflict" and "base model meta-llama/Llama-2-7b-hf" in f["message"]
        for f in target["findings"]
    )
    for name, base in (("acme/d1", "acme/d2"), ("acme/d2", "acme/d3")):
        card_model(linked_world, name, {"license": "mit", "base_model": base})
    card_model(linked_world, "acme/d3", {"license": "mit", "base_model": "acme/d4"})
    deep = card_model(linked_world, "acme/d0", {"license": "mit", "base_model": "acme/d1"})
    assert (
        "base model(s) acme/d4 (named by acme/d3): beyond the 3 levels osai follows, "
        "not followed further" in warnings(report(deep))
    )


def test_every_base_that_binds_binds_a_merge_of_them(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A merge of a Gemma model and a Llama 2 one is derived from both: the parameters followed
    the first binding base read and the other went unsaid, and a merge declaring llama2 was no
    conflict although Gemma's terms bind it too."""
    card_model(linked_world, "acme/gemma-base", {"license": "gemma"})
    bases = ["acme/gemma-base", "meta-llama/Llama-2-7b-hf"]
    for declared in ("apache-2.0", "llama2"):
        merge = card_model(
            linked_world, f"acme/merge-{declared}", {"license": declared, "base_model": bases}
        )
        target = report(merge)
        licence = component(target, "model-parameters-final")["licence"]
        assert licence["text"] == "LicenseRef-gemma AND LicenseRef-llama2", licence
        assert licence["inherited_from"] == (
            "base models acme/gemma-base, meta-llama/Llama-2-7b-hf"
        )
        (conflict,) = [f["message"] for f in target["findings"] if f["kind"] == "conflict"]
        assert "base model acme/gemma-base is under the Gemma Terms of Use" in conflict
        assert "; and base model meta-llama/Llama-2-7b-hf is under the Llama 2" in conflict
        assert conflict.endswith(": the parameters follow them all"), conflict
        assert requirement(target, "OSAID-PARAMETERS")["status"] == "unmet"
    # declaring the one licence of every base that binds is no conflict
    llama = card_model(
        linked_world,
        "acme/llama-merge",
        {"license": "llama2", "base_model": ["acme/open-base2", "meta-llama/Llama-2-7b-hf"]},
    )
    card_model(linked_world, "acme/open-base2", {"license": "apache-2.0"})
    assert not [f for f in report(llama)["findings"] if f["kind"] == "conflict"]


def test_a_merge_declaring_every_binding_licence_is_no_conflict(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A merge of a Gemma model and a Llama 2 one declaring both, as osai binds it: no one
    licence of them is all of them, and the one declaration that is true was a conflict."""
    card_model(linked_world, "acme/gemma-base3", {"license": "gemma"})
    bases = ["acme/gemma-base3", "meta-llama/Llama-2-7b-hf"]
    declared = "LicenseRef-gemma AND LicenseRef-llama2"
    merge = card_model(linked_world, "acme/merge-both", {"license": declared, "base_model": bases})
    target = report(merge)
    assert not [f["message"] for f in target["findings"] if f["kind"] == "conflict"]
    licence = component(target, "model-parameters-final")["licence"]
    assert licence["text"] == declared


def fine_tune(hub: LoopbackHub, repo_id: str, base: str, licence: str = "mit") -> str:
    """A fine-tune of `base` (MIT unless said) whose weights the Hub lists: its parameters are
    released."""
    heading = {"kind": "heading", "level": 2, "text": "Model details"}
    card = {"license": licence, "base_model": base}
    weights = [{"rfilename": "model.safetensors"}]
    return hub.add_repo(
        {"id": repo_id, "cardData": card, "readme_outline": [heading], "siblings": weights}
    )


def requirement(target: dict[str, Any], requirement_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        r for f in target["frameworks"] for r in f["requirements"] if r["id"] == requirement_id
    )
    return found


def test_a_base_model_listing_licences_some_binding_leaves_the_parameters_unknown(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A list does not say how its licences combine: all applying (Llama 2's binds the
    fine-tune) or one to choose (Apache-2.0 binds nothing).  The MIT fine-tune's parameters are
    neither met nor unmet but unknown, with a warning naming the base, its list and the licence
    that binds; the link's answer says what the card lists, not "no licence given"."""
    card_model(linked_world, "acme/listing-base", {"license": ["apache-2.0", "llama2"]})
    child = fine_tune(linked_world, "acme/listing-ft", "acme/listing-base")
    target = report(child)
    answer = links(target)["https://huggingface.co/acme/listing-base"]["answer"]
    assert answer == "lists apache-2.0, llama2 without saying how they combine"
    assert component(target, "model-parameters-final")["licence"]["text"] == "mit"
    parameters = requirement(target, "OSAID-PARAMETERS")
    assert (parameters["status"], parameters["why_unknown"]) == ("unknown", "licence-unknown")
    assert (
        "osai cannot tell which licence applies, and they differ (mit: met; llama2: unmet)"
        in (parameters["reason"])
    )
    assert any(
        "base model acme/listing-base lists several licences (apache-2.0, llama2) without saying "
        "how they combine, and llama2 binds derivatives: osai cannot tell whether the binding "
        "one applies to derivatives" in m
        for m in warnings(target)
    )
    assert not [f for f in target["findings"] if f["kind"] == "conflict"]


def test_a_base_model_listing_licences_some_binding_keeps_a_verdict_all_of_them_give(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The fine-tune declares CC-BY-NC-4.0: under it or under Llama 2's licence, its parameters
    fail OSAID's freedoms either way; the uncertainty made that true unmet unknown (zx's
    review)."""
    card_model(linked_world, "acme/nc-list-base", {"license": ["apache-2.0", "llama2"]})
    child = fine_tune(linked_world, "acme/nc-list-ft", "acme/nc-list-base", "cc-by-nc-4.0")
    target = report(child)
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "unmet"


@pytest.mark.parametrize(
    ("base", "status", "said"),
    [
        ("acme/no-such-base", None, "base model acme/no-such-base (not found on the Hub)"),
        ("acme/private-base", 401, "base model acme/private-base (not read)"),
        ("acme/failing-base", 500, "base model acme/failing-base (not read)"),
    ],
)
def test_a_base_model_left_unread_leaves_a_licence_that_meets_unknown(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    base: str,
    status: int | None,
    said: str,
) -> None:
    """A fine-tune declaring MIT of a base the Hub did not answer for met OSAID's parameters
    on its card's word, with a warning only: a Llama 2 base there would bind it to Llama 2's
    licence.  Met only if no base binds it, so unknown, saying why and what to read."""
    if status is not None:
        linked_world.inject_status(f"^/api/models/{base}($|[/?])", status)
    child = fine_tune(linked_world, f"acme/of-{base.partition('/')[2]}", base)
    target = report(child)
    parameters = requirement(target, "OSAID-PARAMETERS")
    assert (parameters["status"], parameters["why_unknown"]) == ("unknown", "not-read")
    assert parameters["reason"] == (
        "Model parameters (Final): MIT: OSI-approved (SPDX License List flag), unless "
        f"{said} binds its derivatives to its licence"
    )
    assert requirement(target, "MOF-C3-MODEL-PARAMETERS-FINAL")["status"] == "unknown"
    # and the component's licence says it, for a dashboard that reads components
    licence = component(target, "model-parameters-final")["licence"]
    assert licence["unless"] == f"{said} binds its derivatives to its licence"


@pytest.mark.parametrize(
    ("card", "said"),
    [
        ({}, "its card states no licence"),
        (
            {"license": "other", "license_name": "acme-model-licence"},
            "under acme-model-licence, a licence osai does not know",
        ),
        # the Hub's `unknown`: the publisher did not say, no licence osai does not know
        ({"license": "unknown"}, "its card gives its licence as unknown"),
    ],
)
def test_a_base_model_whose_licence_is_not_known_leaves_a_licence_that_meets_unknown(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    card: dict[str, Any],
    said: str,
) -> None:
    """Whether a licence binds derivatives is known only of a licence osai knows: a custom
    model licence (as Llama's and Gemma's are) or none at all bound nothing, and the MIT
    fine-tune met OSAID on its card's word."""
    name = "acme/base-" + ("none" if not card else card["license"])
    card_model(linked_world, name, card)
    target = report(fine_tune(linked_world, f"{name}-ft", name))
    parameters = requirement(target, "OSAID-PARAMETERS")
    assert parameters["status"] == "unknown"
    assert f"unless base model {name} ({said}) binds its derivatives" in parameters["reason"]


def test_a_base_model_named_by_no_hub_id_leaves_a_licence_that_meets_unknown(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """`base_model: LLaMA 2` (the card's own), or a base whose card names one so: no Hub id to
    read, so its licence is not known, as an adapter's config naming a local path is not."""
    child = fine_tune(linked_world, "acme/of-words-ft", "LLaMA 2")
    reason = requirement(report(child), "OSAID-PARAMETERS")["reason"]
    assert "unless base model LLaMA 2 (not a Hub model id) binds its derivatives" in reason
    card_model(linked_world, "acme/of-words-base", {"license": "mit", "base_model": "LLaMA 2"})
    child = fine_tune(linked_world, "acme/of-words-base-ft", "acme/of-words-base")
    parameters = requirement(report(child), "OSAID-PARAMETERS")
    assert parameters["status"] == "unknown"
    assert "unless base model LLaMA 2 (not a Hub model id) binds" in parameters["reason"]


def test_a_manifest_agreeing_with_the_card_leaves_an_unread_base_s_unless(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """`--manifest` declaring the card's MIT for the parameters: the two agreed, the manifest's
    words were kept without the check's "unless", and OSAID was met though the base model
    stayed unread.  What a declaration says of its own licence reads no base model."""
    child = fine_tune(linked_world, "acme/declared-of-gone", "acme/gone-declared")
    manifest = tmp_path / "osai.yaml"
    manifest.write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n"
        "  name: declared-of-gone\n"
        f"  huggingface: {child}\n"
        "  license: {distribution: {name: MIT}}\n"
        "  components:\n"
        "    - {name: Model parameters (Final), license: MIT}\n",
        encoding="utf-8",
    )
    parameters = requirement(report(child, "--manifest", str(manifest)), "OSAID-PARAMETERS")
    assert (parameters["status"], parameters["why_unknown"]) == ("unknown", "not-read")
    said = "unless base model acme/gone-declared (not found on the Hub) binds"
    assert said in parameters["reason"]


def test_a_base_model_a_manifest_declares_is_followed_with_follow(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """A manifest's `declarations.base_model: meta-llama/Llama-2-7b-hf` beside Apache-2.0
    weights was conformant with --follow too: only a card's base_model was followed.  Followed,
    Llama 2's licence binds the weights; not followed (offline), the weights' licence waits on
    the base, and the first lines say --follow reads it: met, with a note that the base "may
    bind", let a Llama 2 fine-tune pass an offline pre-release gate."""
    manifest = olmo_derived(tmp_path / "ft.yml", "meta-llama/Llama-2-7b-hf")
    followed = report(str(manifest), "--follow")
    assert requirement(followed, "OSAID-PARAMETERS")["status"] == "unmet"
    conflicts = [f["message"] for f in followed["findings"] if f["kind"] == "conflict"]
    assert any("base model meta-llama/Llama-2-7b-hf" in m for m in conflicts), conflicts
    alone = report(str(manifest))
    weights = requirement(alone, "OSAID-PARAMETERS")
    assert weights["status"] == "unknown"
    assert "unless base model meta-llama/Llama-2-7b-hf (not followed) binds" in weights["reason"]
    assert not [f for f in alone["findings"] if "derived from" in f["message"]]
    headline = run_osai("check", str(manifest), "-f", "osaid", env={"COLUMNS": "400"}).stdout
    assert "→ to settle what is unknown: --follow reads the licence of its base model\n" in headline


def test_bases_left_unread_may_each_bind(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """A merge's bases, not followed: any one of them may bind the weights ("A (not followed),
    B (not followed) binds" said they bind as one; nine were "…, +6 more binds")."""
    bases = [f"acme/base-{n}" for n in range(2)]
    merge = olmo_derived(tmp_path / "m.yml", f"'{', '.join(bases)}'")
    reason = requirement(report(str(merge)), "OSAID-PARAMETERS")["reason"]
    assert (
        "unless base model acme/base-0 (not followed) or base model acme/base-1 (not followed) "
        "binds its derivatives to its licence"
    ) in reason
    bases = [f"acme/base-{n}" for n in range(9)]
    merge = olmo_derived(tmp_path / "m9.yml", f"'{', '.join(bases)}'")
    reason = requirement(report(str(merge)), "OSAID-PARAMETERS")["reason"]
    assert "base model acme/base-2 (not followed) or one of 6 more binds its" in reason


@pytest.mark.parametrize("written", ["none", "N/A", "'From  scratch'", "{text: none}"])
def test_a_manifest_s_base_model_none_is_no_base_model(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    tmp_path: Path,
    written: str,
) -> None:
    """`base_model: none` was asked of the Hub as the model "none": with --follow it warned
    "not found" and, offline, left the weights waiting on a base "none" (not followed).  It says
    the model has no base model, as `false` does."""
    manifest = olmo_derived(tmp_path / "scratch.yml", written)
    for follow in ((), ("--follow",)):
        target = report(str(manifest), *follow)
        assert requirement(target, "OSAID-PARAMETERS")["status"] == "met"
        assert target["base_models"] == []
        [fact] = [f for f in target["facts"] if f["key"] == "base_model"]
        assert fact["provided"] is False
    assert not [r for r in linked_world.requests if "none" in r.path.casefold()]


@pytest.mark.parametrize(
    "written", ["allenai/OLMo-7B-hf", "'https://huggingface.co/AllenAI/olmo-7b-HF'"]
)
def test_a_manifest_naming_itself_as_its_base_has_no_base(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    tmp_path: Path,
    written: str,
) -> None:
    """OLMo's manifest naming its own Hub id (its `huggingface:` page) as its base model: a
    copied manifest's leftover, or a slip.  Offline, its weights waited on themselves ("unless
    base model allenai/OLMo-7B-hf (not followed) binds") and the hint offered --follow to read
    them.  A model is not derived from itself: ignored, with a warning, as a card's is."""
    manifest = olmo_derived(tmp_path / "ft.yml", written)
    target = report(str(manifest))
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "met"
    assert target["base_models"] == []
    warnings = [f["message"] for f in target["findings"] if f["kind"] == "warning"]
    assert [w for w in warnings if "names this model itself" in w and w.endswith(": ignored")]


@pytest.mark.parametrize("written", ["none", "N/A", "[From scratch]"])
def test_a_card_s_base_model_none_is_no_base_model(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    tmp_path: Path,
    written: str,
) -> None:
    """A local card's `base_model: none` was a base named "none": offline the weights were
    met only "unless base model none (not followed) binds", the hint said --follow reads it,
    and --follow asked the Hub for the model "none".  It names no base, as a manifest's does."""
    model = tmp_path / "scratch"
    model.mkdir()
    card = f"---\nlicense: apache-2.0\nbase_model: {written}\n---\n# Scratch\n"
    (model / "README.md").write_text(card, encoding="utf-8")
    (model / "model.safetensors").write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    for follow in ((), ("--follow",)):
        target = report(str(model), *follow)
        parameters = requirement(target, "OSAID-PARAMETERS")
        assert parameters["status"] == "met", parameters["reason"]
        assert target["base_models"] == []
        assert not [f for f in target["findings"] if "derived from" in f["message"]]
    assert not [r for r in linked_world.requests if "none" in r.path.casefold()]


@pytest.mark.parametrize("suffix", ["cdx.json", "spdx.json"])
def test_the_base_model_a_manifest_declares_is_the_bom_s_and_followed_from_it(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    tmp_path: Path,
    suffix: str,
) -> None:
    """The AI BOM osai writes of a manifest declaring `base_model: meta-llama/Llama-2-7b-hf`
    named no base (only a property osai:fact:base_model), and read back with --follow it met
    OSAID on the Apache-2.0 the manifest declared: the open-washing --follow on the manifest
    refuses.  The base is the release's, as a card's is: in the BOM's pedigree and the JSON
    report's base_models, and followed from the BOM."""
    manifest = olmo_derived(tmp_path / "ft.yml", "meta-llama/Llama-2-7b-hf")
    assert report(str(manifest))["base_models"] == ["meta-llama/Llama-2-7b-hf"]
    bom = tmp_path / f"ft.{suffix}"
    written = run_osai("check", str(manifest), "-o", str(bom))
    assert written.code == 0, written.stderr
    followed = report(str(bom), "--follow")
    assert followed["base_models"] == ["pkg:huggingface/meta-llama/Llama-2-7b-hf"]
    assert requirement(followed, "OSAID-PARAMETERS")["status"] == "unmet"


def test_a_base_model_a_manifest_declares_at_its_hub_address_is_followed(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """`base_model: {text: Llama 2, url: https://huggingface.co/meta-llama/Llama-2-7b-hf}`, the
    form every fact takes: read as the id "Llama 2 (https://...)", the base was "not known by a
    Hub id" and never read.  Its Hub address names it."""
    url = "https://huggingface.co/meta-llama/Llama-2-7b-hf"
    manifest = olmo_derived(tmp_path / "ft.yml", f"{{text: Llama 2, url: '{url}'}}")
    followed = report(str(manifest), "--follow")
    assert [link["url"] for link in followed["links"] if link["kind"] == "base-model"] == [url]
    assert requirement(followed, "OSAID-PARAMETERS")["status"] == "unmet"


def test_a_base_model_a_manifest_names_by_no_hub_id_is_not_said_to_be_read(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """`base_model: LLaMA 2`: the note said "--follow reads it", and --follow leaves it
    unread (no Hub id): the parameters' licence then meets OSAID only unless it binds."""
    manifest = olmo_derived(tmp_path / "ft.yml", "LLaMA 2")
    notes = [f["message"] for f in report(str(manifest))["findings"] if f["kind"] == "note"]
    assert (
        "derived from LLaMA 2, as the manifest declares: its licence may bind this model's, and "
        "osai reads a base model only by its Hub id"
    ) in notes
    followed = requirement(report(str(manifest), "--follow"), "OSAID-PARAMETERS")
    assert followed["status"] == "unknown"
    assert "unless base model LLaMA 2 (not known by a Hub id) binds" in followed["reason"]


def test_a_fine_tune_s_reviewed_draft_meets_once_follow_reads_its_base(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """A Pythia-70M fine-tune under Apache-2.0: `osai init` wrote `unless: "base model
    EleutherAI/pythia-70m (not followed) binds ..."` beside `base_model`, and once reviewed,
    `osai check DIR --follow`, as the first lines advise, read the base (Apache-2.0, binding
    nothing) and still said "unless ... (not followed)", the weights unknown.  The declared
    base keeps them unknown offline, and --follow settles it."""
    model = tmp_path / "ft"
    model.mkdir()
    (model / "README.md").write_text(
        "---\nlicense: apache-2.0\nbase_model: EleutherAI/pythia-70m\n---\n# A fine-tune\n",
        encoding="utf-8",
    )
    (model / "model.safetensors").write_bytes(b"\0" * 64)
    assert run_osai("init", str(model)).code == 0
    draft = model / "osai.yaml"
    text = draft.read_text(encoding="utf-8")
    assert "unless:" not in text and "base_model: EleutherAI/pythia-70m" in text
    draft.write_text(text.split("\n", 1)[1], encoding="utf-8")  # reviewed
    offline = requirement(report(str(model)), "OSAID-PARAMETERS")
    assert offline["status"] == "unknown"
    assert "unless base model EleutherAI/pythia-70m (not followed) binds" in offline["reason"]
    followed = requirement(report(str(model), "--follow"), "OSAID-PARAMETERS")
    assert followed["status"] == "met", followed["reason"]


def test_a_merge_s_draft_follows_each_of_its_bases(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """`osai init` drafts a merge's two bases as `base_model: "A, B"`, which read back as one
    base "not known by a Hub id": --follow read neither, and Llama 2's licence never bound the
    Apache-2.0 weights.  Hub ids parted by commas are each a base."""
    model = tmp_path / "merge"
    model.mkdir()
    (model / "README.md").write_text(
        "---\nlicense: apache-2.0\nbase_model:\n- meta-llama/Llama-2-7b-hf\n"
        "- EleutherAI/pythia-70m\n---\n# A merge\n",
        encoding="utf-8",
    )
    (model / "model.safetensors").write_bytes(b"\0" * 64)
    draft = tmp_path / "merge.yml"
    assert run_osai("init", str(model), "-o", str(draft)).code == 0
    assert 'base_model: "meta-llama/Llama-2-7b-hf, EleutherAI/pythia-70m"' in draft.read_text()
    followed = report(str(draft), "--follow")
    assert followed["base_models"] == ["meta-llama/Llama-2-7b-hf", "EleutherAI/pythia-70m"]
    based = [link["url"] for link in followed["links"] if link["kind"] == "base-model"]
    assert len(based) == 2, followed["links"]
    assert requirement(followed, "OSAID-PARAMETERS")["status"] == "unmet"


def test_follow_keeps_an_unless_the_author_wrote_of_something_else(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """A distilled fine-tune's manifest: its weights Apache-2.0 `unless` its teacher's licence
    binds them, its base a Hub model.  --follow read the base (Apache-2.0) and dropped the
    author's reservation with the one osai writes of unread bases: OSAID conformant, the
    teacher never read.  Only what osai wrote of the bases is judged afresh."""
    manifest = olmo_derived(tmp_path / "ft.yml", "EleutherAI/pythia-70m")
    text = manifest.read_text(encoding="utf-8")
    weights = "      name: 'Model parameters (Final)'\n"
    assert text.count(weights) == 1
    teacher = "        unless: the licence of its teacher, acme/teacher, binds it\n"
    manifest.write_text(
        text.replace(weights, f"{weights}      evidence:\n{teacher}"), encoding="utf-8"
    )
    for follow in ((), ("--follow",)):
        judged = requirement(report(str(manifest), *follow), "OSAID-PARAMETERS")
        assert judged["status"] == "unknown", (follow, judged["reason"])
        assert "unless the licence of its teacher, acme/teacher, binds it" in judged["reason"]
    # nor is --follow offered for it offline: following cannot settle the author's reservation
    headline = run_osai("check", str(manifest), "-f", "osaid", env={"COLUMNS": "400"}).stdout
    assert f"→ to settle what is unknown: declare them in {manifest}\n" in headline, headline


@pytest.mark.parametrize("base", ["LLaMA 2", "Llama 2, 7B", "Mistral, 7B"])
def test_follow_with_nothing_to_follow_leaves_a_base_unread(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    tmp_path: Path,
    base: str,
) -> None:
    """A manifest naming no repository and a base by no Hub id: with --follow, nothing to
    follow, its Apache-2.0 weights met OSAID, where without --follow they waited on the base:
    following must not judge better than not."""
    text = (EXAMPLES / "olmo-7b.yml").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if "repository:" not in line]
    manifest = tmp_path / "ft.yml"
    declared = f"release:\n  declarations:\n    base_model: '{base}'\n"
    manifest.write_text("".join(kept).replace("release:\n", declared), encoding="utf-8")
    for follow in ((), ("--follow",)):
        weights = requirement(report(str(manifest), *follow), "OSAID-PARAMETERS")
        assert weights["status"] == "unknown", (follow, weights["reason"])
        assert f"unless base model {base} (not known by a Hub id) binds" in weights["reason"]


def test_a_manifest_declaring_a_base_keeps_the_papers_its_bom_names(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv, tmp_path: Path
) -> None:
    """`osai check BOM --manifest m.yml --follow`, the manifest declaring its base model: the
    base stood for everything but code the BOM names, and OLMo's paper was no longer read.  Of
    each kind, the manifest's stand for the BOM's; a base both name is followed beside."""
    bom = tmp_path / "olmo.cdx.json"
    written = run_osai("check", str(EXAMPLES / "olmo-7b.yml"), "-o", str(bom))
    assert written.code == 0, written.stderr
    manifest = tmp_path / "osai.yaml"
    manifest.write_text(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n"
        "  name: OLMo-7B\n"
        "  declarations: {base_model: meta-llama/Llama-2-7b-hf}\n"
        "  license: {distribution: {name: Apache-2.0}}\n"
        "  components:\n"
        "    - {name: Model parameters (Final), license: Apache-2.0}\n",
        encoding="utf-8",
    )
    followed = report(str(bom), "--manifest", str(manifest), "--follow")
    assert [(link["kind"], link["url"]) for link in followed["links"]] == [
        ("producer-code", "https://github.com/allenai/OLMo"),
        ("paper", "https://arxiv.org/abs/2402.00838"),
        ("base-model", "https://huggingface.co/meta-llama/Llama-2-7b-hf"),
    ]


def test_a_base_model_left_unread_keeps_a_licence_that_fails(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A binding licence adds terms, never removes them: CC-BY-NC-4.0 fails OSAID whatever an
    unread base binds the fine-tune to."""
    child = fine_tune(linked_world, "acme/nc-of-missing-ft", "acme/missing-base", "cc-by-nc-4.0")
    assert requirement(report(child), "OSAID-PARAMETERS")["status"] == "unmet"


@pytest.mark.parametrize(
    ("base_licence", "binds"),
    [("cc-by-nc-4.0", True), ("cc-by-nc-nd-4.0", True), ("cc-by-4.0", False)],
)
def test_a_creative_commons_base_binds_a_fine_tune_only_where_its_terms_carry_over(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    base_licence: str,
    binds: bool,
) -> None:
    """An MIT fine-tune of a CC BY-NC 4.0 model met OSAID with no word of the base's licence:
    NonCommercial carries over to adapted material (3(a)(4)), as the census's lineage counts
    it.  Attribution alone binds nothing: a CC BY 4.0 base leaves the MIT standing."""
    base = card_model(linked_world, f"acme/{base_licence}-base", {"license": base_licence})
    target = report(fine_tune(linked_world, f"acme/{base_licence}-ft", base))
    conflicts = [f["message"] for f in target["findings"] if f["kind"] == "conflict"]
    parameters = requirement(target, "OSAID-PARAMETERS")
    if not binds:
        assert (conflicts, parameters["status"]) == ([], "met")
        return
    assert len(conflicts) == 1
    assert conflicts[0].startswith(f"declared MIT (README.md:2 = mit), but base model {base} is")
    assert "which applies to derivatives (CC BY-NC" in conflicts[0]
    assert parameters["status"] == "unmet"
    assert parameters["licence"] == base_licence.upper()


@pytest.mark.parametrize(
    ("base_card", "shown", "carries", "status"),
    [
        # each passed the MIT fine-tune's parameters with no word of its base: the census
        # counted them as binding derivatives, the check did not
        ({"license": "cc-by-nc-3.0"}, "CC-BY-NC-3.0", "its non-commercial term holds", "unmet"),
        (
            {"license": "other", "license_name": "flux-1-dev-non-commercial-license"},
            "LicenseRef-flux-1-dev-non-commercial",
            "its non-commercial term holds",
            "unmet",
        ),
        (
            {"license": "openrail++"},
            "LicenseRef-openrail-pp-m",
            "its use-based restrictions must be passed on",
            "unmet",
        ),
        ({"license": "gpl-3.0"}, "GPL-3.0-only", "what is derived from it must be shared", "met"),
    ],
)
def test_a_base_binds_a_fine_tune_by_the_terms_its_licence_holds(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    base_card: dict[str, str],
    shown: str,
    carries: str,
    status: str,
) -> None:
    """Which licences bind derivatives is one list (rules/links.yaml binding_terms), read by
    the check and the census alike: a licence that binds by its terms but whose own clause osai
    does not cite binds all the same, said by how the term carries over.  Share-alike binds too,
    where the binding licence still meets OSAID: the conflict is shown, the verdict stands."""
    name = shown.lower().replace("licenseref-", "")
    base = card_model(linked_world, f"acme/{name}-base", base_card)
    target = report(fine_tune(linked_world, f"acme/{name}-ft", base))
    conflicts = [f["message"] for f in target["findings"] if f["kind"] == "conflict"]
    assert len(conflicts) == 1, conflicts
    assert conflicts[0].startswith(f"declared MIT (README.md:2 = mit), but base model {base} is")
    assert f"which applies to derivatives ({carries}" in conflicts[0]
    parameters = requirement(target, "OSAID-PARAMETERS")
    assert (parameters["status"], parameters["licence"]) == (status, shown)


@pytest.mark.parametrize(("declared", "conflicts"), [("gpl-3.0", 0), ("mit", 1)])
def test_a_fine_tune_may_take_either_binding_branch_of_its_bases_or(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    declared: str,
    conflicts: int,
) -> None:
    """A base under CC-BY-NC-4.0 OR GPL-3.0 lets a fine-tune take either: one declaring GPL-3.0
    was told 'base ... is under CC BY-NC 4.0, which applies to derivatives', the branch it did
    not take; one declaring MIT takes neither, a conflict still, which names both branches:
    the parameters follow the OR (met under its GPL-3.0), where it said CC BY-NC 4.0 alone."""
    base = card_model(linked_world, "acme/either-base", {"license": "cc-by-nc-4.0 OR gpl-3.0"})
    target = report(fine_tune(linked_world, f"acme/either-{declared}", base, declared))
    found = [f["message"] for f in target["findings"] if f["kind"] == "conflict"]
    assert len(found) == conflicts, found
    branches = "Non Commercial 4.0 International or the GNU General Public License v3.0 only"
    assert all(branches in said for said in found), found


def test_a_clause_cited_for_a_licence_no_term_binds_is_refused(tmp_path: Path) -> None:
    """Whether a licence binds derivatives is decided in one place (binding_terms): a clause
    cited for a licence that holds none of its terms would never be read, and is refused."""
    bundled = ROOT / "rules" / "links.yaml"
    text = bundled.read_text(encoding="utf-8")
    assert text.count("binding_licences:\n") == 1
    broken = tmp_path / "links.yaml"
    cited = 'binding_licences:\n  MIT: "MIT, 1: the notice is kept"\n'
    broken.write_text(text.replace("binding_licences:\n", cited), encoding="utf-8")
    result = run_osai("rules", "validate", str(broken))
    assert (result.code, result.stdout) == (2, "")
    assert result.stderr == (
        f"osai: error: {broken}: binding_licences: a clause cited for MIT, which no term of "
        "binding_terms binds\n"
    )


def test_a_conflict_with_a_farther_base_says_through_which_bases_it_binds(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A fine-tune of an MIT fine-tune of Llama 2: the conflict named Llama 2 alone, as if the
    model derived from it directly, where its card names acme/mid-ft."""
    card_model(
        linked_world, "acme/mid-ft", {"license": "mit", "base_model": "meta-llama/Llama-2-7b-hf"}
    )
    target = report(fine_tune(linked_world, "acme/top-ft", "acme/mid-ft"))
    (conflict,) = [f["message"] for f in target["findings"] if f["kind"] == "conflict"]
    assert conflict.startswith(
        "declared MIT (README.md:2 = mit), but base model meta-llama/Llama-2-7b-hf (through "
        "acme/mid-ft) is under the Llama 2 Community License"
    ), conflict


def test_a_base_model_beyond_the_lineage_followed_leaves_a_licence_that_meets_unknown(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Four levels of fine-tunes of Llama 2, each declaring MIT: osai reads three, and the
    fourth, whose licence binds the rest, was never read; the MIT at the top met OSAID."""
    card_model(
        linked_world, "acme/level-3", {"license": "mit", "base_model": "meta-llama/Llama-2-7b-hf"}
    )
    card_model(linked_world, "acme/level-2", {"license": "mit", "base_model": "acme/level-3"})
    card_model(linked_world, "acme/level-1", {"license": "mit", "base_model": "acme/level-2"})
    child = fine_tune(linked_world, "acme/level-0", "acme/level-1")
    target = report(child)
    parameters = requirement(target, "OSAID-PARAMETERS")
    assert parameters["status"] == "unknown"
    assert (
        "unless base model meta-llama/Llama-2-7b-hf (beyond the 3 levels osai follows) binds"
        in parameters["reason"]
    )


def test_a_base_model_the_max_links_cap_leaves_out_leaves_a_licence_that_meets_unknown(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """The cap reads a card's datasets before its base model: one link read, the base not."""
    card_model(linked_world, "acme/capped-base", {"license": "llama2"})
    heading = {"kind": "heading", "level": 2, "text": "Model details"}
    card = {"license": "mit", "base_model": "acme/capped-base", "datasets": ["acme/some-data"]}
    weights = [{"rfilename": "model.safetensors"}]
    child = linked_world.add_repo(
        {"id": "acme/capped-ft", "cardData": card, "readme_outline": [heading], "siblings": weights}
    )
    parameters = requirement(report(child, "--max-links", "1"), "OSAID-PARAMETERS")
    assert parameters["status"] == "unknown"
    assert "unless base model acme/capped-base (not read) binds" in parameters["reason"]


@pytest.mark.parametrize("no_follow", [("--no-follow",), ("--max-links", "0")])
def test_a_base_model_not_followed_leaves_a_licence_that_meets_unknown(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    no_follow: tuple[str, ...],
) -> None:
    """--no-follow reads the base no more than --max-links 0 does: a fine-tune of a Llama 2
    base declaring MIT met OSAID's parameters with --no-follow (unmet followed, unknown with
    the cap), not reading a link making the verdict better than reading it."""
    card_model(linked_world, "acme/unfollowed-base", {"license": "llama2"})
    child = fine_tune(linked_world, "acme/unfollowed-ft", "acme/unfollowed-base")
    parameters = requirement(report(child, *no_follow), "OSAID-PARAMETERS")
    assert parameters["status"] == "unknown"
    assert "unless base model acme/unfollowed-base (not " in parameters["reason"]


def test_the_action_on_a_licence_an_unread_base_may_bind_says_what_to_read(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """It said "document Model parameters (Final): unknown"; the licence as the evidence names
    it, MIT, where it was "under mit" as the card spells it (granite's "under apache-2.0" beside
    its evidence's Apache-2.0)."""
    child = fine_tune(linked_world, "acme/of-a-gone-base-ft", "acme/gone-base")
    result = run_osai("check", child, "--no-public-assessments", env={"COLUMNS": "400"})
    assert (
        "read      Model parameters (Final): under MIT, unless base model acme/gone-base (not "
        "found on the Hub) binds its derivatives to its licence" in result.stdout
    ), result.stdout


@pytest.mark.parametrize(
    ("second", "undecided"),
    [
        # each one's binding licence may apply: the second's replaced the first's, unsaid
        (["mit", "gemma"], ["llama2", "gemma"]),
        # llama2 listed by both may apply, once: each base added it again ("or llama2 or llama2")
        (["mit", "llama2"], ["llama2"]),
    ],
)
def test_bases_listing_licences_some_binding_each_leave_theirs_undecided_once(
    linked_world: LoopbackHub,
    github: LoopbackGitHub,
    arxiv: LoopbackArxiv,
    second: list[str],
    undecided: list[str],
) -> None:
    """A merge of two bases whose cards list licences, some binding derivatives."""
    name = "-".join(second)
    card_model(linked_world, f"acme/list-a-{name}", {"license": ["apache-2.0", "llama2"]})
    card_model(linked_world, f"acme/list-b-{name}", {"license": second})
    bases = [f"acme/list-a-{name}", f"acme/list-b-{name}"]
    merge = card_model(
        linked_world, f"acme/list-merge-{name}", {"license": "mit", "base_model": bases}
    )
    target = report(merge)
    licence = component(target, "model-parameters-final")["licence"]
    assert [a["text"] for a in licence["alternatives"]] == undecided
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "unknown"


def test_a_base_model_listing_licences_that_all_bind_binds_the_fine_tune(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Llama 2's licence and Llama 3's both bind derivatives: all applying or one to choose, the
    MIT fine-tune is under one of them.  The parameters follow the first; the conflict names the
    list.  Entries that are no strings are no licences (a hostile card's list)."""
    listed = {"license": ["llama2", 7, None, {"id": "mit"}, "llama3"]}
    card_model(linked_world, "acme/llamas-base", listed)
    child = fine_tune(linked_world, "acme/llamas-ft", "acme/llamas-base")
    target = report(child)
    licence = component(target, "model-parameters-final")["licence"]
    assert (licence["text"], licence["inherited_from"]) == ("llama2", "base model acme/llamas-base")
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "unmet"
    conflicts = [f["message"] for f in target["findings"] if f["kind"] == "conflict"]
    assert len(conflicts) == 1
    assert (
        "but base model acme/llamas-base lists several licences (llama2, llama3), each applying "
        "to derivatives however they combine; the first is the Llama 2 Community License "
        "Agreement" in conflicts[0]
    )


def test_a_base_model_listing_licences_none_binding_binds_nothing(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """Apache-2.0 or MIT, however they combine, binds no derivative: the fine-tune's own MIT
    stands, with no conflict and no warning about the base's list."""
    card_model(linked_world, "acme/open-list-base", {"license": ["apache-2.0", "mit"]})
    child = fine_tune(linked_world, "acme/open-list-ft", "acme/open-list-base")
    target = report(child)
    assert component(target, "model-parameters-final")["licence"]["text"] == "mit"
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "met"
    assert not [f for f in target["findings"] if f["kind"] == "conflict"]
    assert not any("acme/open-list-base" in m for m in warnings(target))


def test_a_base_model_listing_more_licences_than_osai_reads_is_not_said_to_bind(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A hostile list: the first licences osai reads all bind, the rest it does not read; that
    every one binds is not known, so the parameters' licence is unknown, the message bounded."""
    binding = ["llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4", "gemma"]
    card_model(linked_world, "acme/long-base", {"license": [*binding, *map(str, range(5000))]})
    child = fine_tune(linked_world, "acme/long-ft", "acme/long-base")
    target = report(child)
    assert requirement(target, "OSAID-PARAMETERS")["status"] == "unknown"
    said = [m for m in warnings(target) if "acme/long-base lists several licences" in m]
    assert len(said) == 1 and "+4999 more" in said[0] and len(said[0]) < 1000


def test_base_models_the_link_cap_leaves_out_are_a_warning(
    linked_world: LoopbackHub, github: LoopbackGitHub, arxiv: LoopbackArxiv
) -> None:
    """A licence binding the model may lie in a base model --max-links did not let osai read,
    as in one beyond the lineage's depth: a warning, not a note."""
    card = {"license": "mit", "base_model": "acme/capped-base", "datasets": ["EleutherAI/pile"]}
    target = report(card_model(linked_world, "acme/capped-ft", card), "--max-links", "1")
    assert any(
        m.startswith("1 more base model(s) not read (the --max-links cap): ")
        and "acme/capped-base" in m
        for m in warnings(target)
    )
