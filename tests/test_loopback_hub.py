"""The loopback Hub, exercised with the real huggingface_hub client (no patched HTTP layer)."""

from __future__ import annotations

import hashlib
import http.client
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from huggingface_hub import HfApi, ModelCard, constants, hf_hub_download
from huggingface_hub.errors import (
    EntryNotFoundError,
    GatedRepoError,
    HfHubHTTPError,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.utils import get_session, http_backoff, httpx
from loopback_hub import DEFAULT_FIXTURES_DIR, LoopbackHub, build_readme, git_blob_sha

PYTHIA = "EleutherAI/pythia-70m"
T5 = "google-t5/t5-base"
LLAMA = "meta-llama/Llama-2-7b-hf"  # gated: "manual"
DEEPSEEK = "deepseek-ai/DeepSeek-R1"  # cardData: null
RESOLVE = r"/resolve/"


@pytest.fixture
def api(hub: LoopbackHub) -> HfApi:
    return HfApi(endpoint=hub.endpoint)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "hf-cache"


def download(hub: LoopbackHub, cache_dir: Path, repo_id: str, filename: str, **kw: Any) -> str:
    return hf_hub_download(
        repo_id, filename, endpoint=hub.endpoint, cache_dir=cache_dir, etag_timeout=5, **kw
    )


def raw_json(hub: LoopbackHub, path: str, **params: object) -> dict[str, object]:
    response = get_session().get(f"{hub.endpoint}{path}", params=params, timeout=5)
    response.raise_for_status()
    return dict(response.json())


# --------------------------------------------------------------------------- fixtures and README


def test_all_corpus_fixtures_are_served(hub: LoopbackHub) -> None:
    assert len(list(DEFAULT_FIXTURES_DIR.glob("*.json"))) == 18
    assert len(hub.repo_ids) == 18
    assert {PYTHIA, T5, LLAMA, DEEPSEEK} <= set(hub.repo_ids)


@pytest.mark.parametrize("path", sorted(DEFAULT_FIXTURES_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_readme_front_matter_round_trips_card_data(path: Path) -> None:
    fixture = json.loads(path.read_text(encoding="utf-8"))
    readme = build_readme(fixture)
    assert readme is not None
    if fixture["cardData"] is None:
        assert not readme.startswith("---")
        return
    front = readme.split("---\n", 2)[1]
    assert yaml.safe_load(front) == fixture["cardData"]
    card = ModelCard(readme, ignore_metadata_errors=True)
    assert card.data.to_dict().get("license") == fixture["cardData"].get("license")


def test_readme_renders_the_outline_in_order(hub: LoopbackHub) -> None:
    readme = hub.readme(PYTHIA)
    assert readme is not None
    assert readme.startswith("---\nlanguage:\n- en\n")
    assert "\n# Pythia-70M\n" in readme
    assert "[(see paper)](https://arxiv.org/pdf/2304.01373.pdf)" in readme
    assert "**This is the current release.**" in readme
    assert readme.index("# Pythia-70M") < readme.index("## Model Details")
    header = "| Pythia model | Non-Embedding Params |"
    assert header in readme
    after_header = readme.split(header, 1)[1].split("\n")[1]
    assert after_header.startswith("| --- |")


# --------------------------------------------------------------------------- model_info


def test_model_info_with_expand_returns_only_expanded_keys(hub: LoopbackHub, api: HfApi) -> None:
    info = api.model_info(PYTHIA, expand=["sha", "cardData", "siblings", "tags"], timeout=5)
    assert info.sha == hub.commit(PYTHIA)
    assert info.card_data is not None
    assert info.card_data.license == "apache-2.0"
    assert info.card_data.datasets == ["EleutherAI/pile"]
    assert info.siblings == []  # the corpus did not observe the file list
    assert info.tags == ["pytorch", "causal-lm", "pythia"]
    assert info.downloads is None  # not expanded
    (request,) = hub.requests
    assert request.path == f"/api/models/{PYTHIA}"
    assert request.query == {"expand": ["sha", "cardData", "siblings", "tags"]}
    body = raw_json(hub, f"/api/models/{PYTHIA}", expand=["sha", "gated"])
    assert set(body) == {"_id", "id", "sha", "gated"}


def test_model_info_without_expand_returns_default_fields(api: HfApi, hub: LoopbackHub) -> None:
    info = api.model_info(T5, timeout=5)
    assert info.sha == "a9723ea7f1b39c1eae772870f3b547bf6ef7e6c1"
    assert info.downloads == 1424326
    assert info.gated is False
    assert info.siblings is not None and len(info.siblings) == 11
    body = raw_json(hub, f"/api/models/{T5}")
    assert not {"sources", "refs", "readme_outline", "completeness"} & set(body)
    assert body["modelId"] == T5


def test_model_info_with_files_metadata_adds_blob_ids(api: HfApi, hub: LoopbackHub) -> None:
    info = api.model_info(T5, files_metadata=True, timeout=5)
    readme = next(s for s in info.siblings or [] if s.rfilename == "README.md")
    content = hub.file(T5)
    assert content is not None
    assert (readme.size, readme.blob_id) == (len(content), git_blob_sha(content))


def test_files_metadata_gives_an_lfs_file_s_sha256_as_the_hub_does(
    api: HfApi, hub: LoopbackHub
) -> None:
    """A file stored in Git LFS: ``blobs=true`` gives its size, the git blob id of its pointer
    and ``lfs`` (the content's SHA-256, its size, the pointer's size); without it, none of them."""
    weights = b"\x00weights\x01" * 100
    hub.add_file(T5, "model.safetensors", weights, lfs=True)
    info = api.model_info(T5, files_metadata=True, timeout=5)
    listed = next(s for s in info.siblings or [] if s.rfilename == "model.safetensors")
    pointer = (
        "version https://git-lfs.github.com/spec/v1\n"
        f"oid sha256:{hashlib.sha256(weights).hexdigest()}\nsize {len(weights)}\n"
    ).encode()
    assert (listed.size, listed.blob_id) == (len(weights), git_blob_sha(pointer))
    assert listed.lfs is not None
    assert (listed.lfs.sha256, listed.lfs.size, listed.lfs.pointer_size) == (
        hashlib.sha256(weights).hexdigest(),
        len(weights),
        len(pointer),
    )
    plain = api.model_info(T5, expand=["siblings"], timeout=5)
    assert all(s.lfs is None and s.blob_id is None for s in plain.siblings or [])


def test_without_blobs_a_file_is_listed_by_name_alone(hub: LoopbackHub) -> None:
    """Without ``blobs=true`` the Hub lists each file by its name alone (hub.md §1.3): the
    loopback also sent the sizes a fixture gives and their notes (`size_basis`), which no Hub
    answer carries; with it, the sizes stay and the notes still do not go out."""
    mistral = "mistralai/Mistral-7B-v0.1"
    for query in ({"expand": ["siblings"]}, {}):
        siblings = raw_json(hub, f"/api/models/{mistral}", **query)["siblings"]
        assert isinstance(siblings, list) and siblings
        assert all(set(sibling) == {"rfilename"} for sibling in siblings)
    listed = raw_json(hub, f"/api/models/{mistral}", blobs="true")["siblings"]
    assert isinstance(listed, list)
    assert all(not any(k.endswith("_basis") for k in sibling) for sibling in listed)
    assert any(isinstance(sibling.get("size"), int) for sibling in listed)


def test_a_file_added_to_lfs_joins_the_file_list(api: HfApi, hub: LoopbackHub) -> None:
    hub.add_file(PYTHIA, "model.safetensors", b"weights", lfs=True)
    info = api.model_info(PYTHIA, files_metadata=True, timeout=5)
    assert [s.rfilename for s in info.siblings or []] == ["model.safetensors"]


def test_model_info_at_a_branch_and_at_a_commit(api: HfApi, hub: LoopbackHub) -> None:
    step = api.model_info(PYTHIA, revision="step3000", expand=["sha"], timeout=5)
    assert step.sha == hub.commit(PYTHIA, "step3000") != hub.commit(PYTHIA)
    by_sha = api.model_info(PYTHIA, revision=step.sha, expand=["sha"], timeout=5)
    assert by_sha.sha == step.sha
    assert hub.requests[0].path == f"/api/models/{PYTHIA}/revision/step3000"


def test_invalid_expand_value_is_a_bad_request(hub: LoopbackHub) -> None:
    response = get_session().get(
        f"{hub.endpoint}/api/models/{PYTHIA}", params={"expand": "nope"}, timeout=5
    )
    assert response.status_code == 400


# --------------------------------------------------------------------------- refs


def test_list_repo_refs_returns_checkpoint_branches(api: HfApi, hub: LoopbackHub) -> None:
    refs = api.list_repo_refs(PYTHIA, include_pull_requests=True)
    names = [b.name for b in refs.branches]
    assert len(names) == 155
    assert names[0] == "main"
    assert {"step0", "step512", "step143000"} <= set(names)
    main = refs.branches[0]
    assert main.ref == "refs/heads/main"
    assert main.target_commit == hub.commit(PYTHIA)
    assert refs.tags == [] and refs.converts == [] and refs.pull_requests == []
    assert hub.requests[0].path == f"/api/models/{PYTHIA}/refs"


def test_repo_without_known_branches_has_only_main(api: HfApi) -> None:
    refs = api.list_repo_refs(T5)
    assert [(b.name, b.target_commit) for b in refs.branches] == [
        ("main", "a9723ea7f1b39c1eae772870f3b547bf6ef7e6c1")
    ]


# --------------------------------------------------------------------------- downloads


def test_readme_download_is_cached_by_commit(api: HfApi, hub: LoopbackHub, cache_dir: Path) -> None:
    sha = api.model_info(PYTHIA, expand=["sha"], timeout=5).sha
    assert sha is not None
    hub.clear_requests()
    path = download(hub, cache_dir, PYTHIA, "README.md", revision=sha)
    assert Path(path).read_text(encoding="utf-8") == hub.readme(PYTHIA)
    assert [r.method for r in hub.requests] == ["HEAD", "GET"]
    assert all(r.path == f"/{PYTHIA}/resolve/{sha}/README.md" for r in hub.requests)
    card = ModelCard.load(path, ignore_metadata_errors=True)
    assert card.data.license == "apache-2.0"

    again = download(hub, cache_dir, PYTHIA, "README.md", revision=sha)
    assert again == path
    assert len(hub.requests) == 2  # the second download made no request at all


def test_readme_of_a_repo_without_card_data(hub: LoopbackHub, cache_dir: Path) -> None:
    text = Path(download(hub, cache_dir, DEEPSEEK, "README.md")).read_text(encoding="utf-8")
    assert text.startswith("# DeepSeek-R1\n")


def test_registered_file_is_served(hub: LoopbackHub, cache_dir: Path) -> None:
    hub.add_file(PYTHIA, "LICENSE", "Apache License\nVersion 2.0\n")
    path = download(hub, cache_dir, PYTHIA, "LICENSE", revision="step3000")
    assert Path(path).read_text(encoding="utf-8") == "Apache License\nVersion 2.0\n"
    assert f"snapshots/{hub.commit(PYTHIA, 'step3000')}/LICENSE" in path


def test_add_repo_with_explicit_branches(api: HfApi, hub: LoopbackHub, cache_dir: Path) -> None:
    repo_id = hub.add_repo(
        {
            "id": "org/tiny",
            "sha": "a" * 40,
            "gated": False,
            "cardData": {"license": "mit"},
            "readme_outline": [{"kind": "heading", "level": 1, "text": "Tiny"}],
            "refs": {"branches": {"dev": "b" * 40}},
        }
    )
    assert api.model_info(repo_id, revision="dev", timeout=5).sha == "b" * 40
    text = Path(download(hub, cache_dir, repo_id, "README.md")).read_text(encoding="utf-8")
    assert text == "---\nlicense: mit\n---\n\n# Tiny\n"


# --------------------------------------------------------------------------- errors


def test_unknown_repo(api: HfApi, hub: LoopbackHub, cache_dir: Path) -> None:
    with pytest.raises(RepositoryNotFoundError) as info_error:
        api.model_info("nobody/nothing", timeout=5)
    assert info_error.value.response.headers["X-Error-Code"] == "RepoNotFound"
    with pytest.raises(RepositoryNotFoundError):
        api.list_repo_refs("nobody/nothing")
    with pytest.raises(RepositoryNotFoundError):
        download(hub, cache_dir, "nobody/nothing", "README.md")


def test_a_private_repo_answers_as_one_the_hub_does_not_have(
    hub: LoopbackHub, cache_dir: Path
) -> None:
    """A private repo was served to anyone, metadata and files: a check of one passed on the
    loopback that the Hub answers 401 RepoNotFound without a token (hub.md §1.11), 404 with a
    token that cannot read it; its model listing does not name it either."""
    hub.add_repo({"id": "org/secret", "private": True, "cardData": {"license": "mit"}})
    anonymous = HfApi(endpoint=hub.endpoint, token=False)
    for ask in (
        lambda: anonymous.model_info("org/secret", timeout=5),
        lambda: anonymous.list_repo_refs("org/secret"),
        lambda: download(hub, cache_dir, "org/secret", "README.md"),
    ):
        with pytest.raises(RepositoryNotFoundError) as hidden:
            ask()
        assert hidden.value.response.status_code == 401
        assert hidden.value.response.headers["X-Error-Code"] == "RepoNotFound"
    stranger = HfApi(endpoint=hub.endpoint, token="hf_not_granted")
    with pytest.raises(RepositoryNotFoundError) as refused:
        stranger.model_info("org/secret", timeout=5)
    assert refused.value.response.status_code == 404
    assert "org/secret" not in [m.id for m in anonymous.list_models(author="org")]
    # a repo it does not have answers the same: the status says no more than the Hub's does
    for client, status in ((anonymous, 401), (stranger, 404)):
        with pytest.raises(RepositoryNotFoundError) as missing:
            client.model_info("org/nothing", timeout=5)
        assert missing.value.response.status_code == status

    hub.allow_token("hf_granted")
    owner = HfApi(endpoint=hub.endpoint, token="hf_granted")
    assert owner.model_info("org/secret", timeout=5).card_data.license == "mit"
    text = download(hub, cache_dir, "org/secret", "README.md", token="hf_granted")
    assert "license: mit" in Path(text).read_text(encoding="utf-8")


def test_unknown_revision(api: HfApi, hub: LoopbackHub, cache_dir: Path) -> None:
    with pytest.raises(RevisionNotFoundError):
        api.model_info(PYTHIA, revision="step7", timeout=5)
    with pytest.raises(RevisionNotFoundError):
        download(hub, cache_dir, PYTHIA, "README.md", revision="step7")


def test_unknown_file(hub: LoopbackHub, cache_dir: Path) -> None:
    with pytest.raises(RemoteEntryNotFoundError) as error:
        download(hub, cache_dir, PYTHIA, "LICENSE")
    assert isinstance(error.value, EntryNotFoundError)
    sha = hub.commit(PYTHIA)
    assert error.value.response.headers["X-Repo-Commit"] == sha
    no_exist = cache_dir / "models--EleutherAI--pythia-70m" / ".no_exist" / sha / "LICENSE"
    assert no_exist.exists()  # the client cached the absence, keyed by X-Repo-Commit


def test_gated_repo(api: HfApi, hub: LoopbackHub, cache_dir: Path) -> None:
    info = api.model_info(LLAMA, expand=["gated", "cardData"], timeout=5)  # metadata is public
    assert info.gated == "manual"
    with pytest.raises(GatedRepoError) as anonymous:
        download(hub, cache_dir, LLAMA, "README.md")
    assert anonymous.value.response.status_code == 401
    with pytest.raises(GatedRepoError) as refused:
        download(hub, cache_dir, LLAMA, "README.md", token="hf_not_granted")
    assert refused.value.response.status_code == 403

    hub.allow_token("hf_granted")
    path = download(hub, cache_dir, LLAMA, "README.md", token="hf_granted")
    assert Path(path).read_text(encoding="utf-8") == hub.readme(LLAMA)
    assert hub.requests[-1].authorization == "Bearer hf_granted"


def test_gated_readme_can_be_made_public(hub: LoopbackHub, cache_dir: Path) -> None:
    hub.gated_readme_public = True
    hub.add_file(LLAMA, "LICENSE.txt", "LLAMA 2 COMMUNITY LICENSE AGREEMENT\n")
    assert Path(download(hub, cache_dir, LLAMA, "README.md")).exists()
    with pytest.raises(GatedRepoError):
        download(hub, cache_dir, LLAMA, "LICENSE.txt")


def test_unknown_route_is_a_plain_404_and_recorded(api: HfApi, hub: LoopbackHub) -> None:
    with pytest.raises(HfHubHTTPError) as error:
        api.list_repo_commits(PYTHIA)
    assert error.value.response.status_code == 404
    assert not isinstance(error.value, RepositoryNotFoundError)
    assert hub.find_requests(r"/commits/", "GET")


# --------------------------------------------------------------------------- faults


def test_server_error_is_not_retried_by_model_info(api: HfApi, hub: LoopbackHub) -> None:
    fault = hub.inject_status(r"^/api/models/", 503, times=1)
    with pytest.raises(HfHubHTTPError) as error:
        api.model_info(PYTHIA, timeout=5)
    assert error.value.response.status_code == 503
    assert len(hub.requests) == 1 and fault.hits == 1
    assert api.model_info(PYTHIA, expand=["sha"], timeout=5).sha == hub.commit(PYTHIA)


def test_rate_limit_with_retry_after(api: HfApi, hub: LoopbackHub) -> None:
    hub.inject_status(r"^/api/models/", 429, times=1, retry_after=0, error_code="RateLimited")
    with pytest.raises(HfHubHTTPError) as error:
        api.model_info(PYTHIA, timeout=5)
    assert error.value.response.status_code == 429
    assert error.value.response.headers["Retry-After"] == "0"

    hub.inject_status(r"^/api/models/", 429, times=1, retry_after=0)
    response = http_backoff("GET", f"{hub.endpoint}/api/models/{PYTHIA}", timeout=5)
    assert response.status_code == 200  # retried after Retry-After (+1 s, the client's margin)
    assert len(hub.find_requests(r"^/api/models/")) == 3


def test_hang_with_client_timeout_raises_promptly(api: HfApi, hub: LoopbackHub) -> None:
    hub.inject_hang(r"^/api/models/")
    start = time.monotonic()
    with pytest.raises(httpx.TimeoutException):
        api.model_info(PYTHIA, timeout=0.5)
    assert time.monotonic() - start < 3


def test_delay_and_global_latency(api: HfApi, hub: LoopbackHub) -> None:
    hub.inject_delay(r"/refs$", 0.3, times=1)
    start = time.monotonic()
    api.list_repo_refs(T5)
    assert time.monotonic() - start >= 0.3
    hub.latency = 0.2
    start = time.monotonic()
    api.model_info(T5, expand=["sha"], timeout=5)
    assert time.monotonic() - start >= 0.2


def test_truncated_body(api: HfApi, hub: LoopbackHub, cache_dir: Path) -> None:
    hub.inject_truncated_body(r"^/api/models/", times=1)
    with pytest.raises(httpx.RemoteProtocolError):
        api.model_info(T5, timeout=5)

    hub.inject_truncated_body(RESOLVE, times=1)
    path = download(hub, cache_dir, PYTHIA, "README.md")  # the client retries after 1 s
    assert Path(path).read_text(encoding="utf-8") == hub.readme(PYTHIA)
    # It buffers 10 MB chunks, so for a small file nothing was kept and the retry has no Range.
    assert len(hub.find_requests(RESOLVE, "GET")) == 2


def test_range_requests_are_honoured(hub: LoopbackHub) -> None:
    content = hub.file(PYTHIA)
    assert content is not None
    url = f"{hub.endpoint}/{PYTHIA}/resolve/main/README.md"
    response = get_session().get(url, headers={"Range": "bytes=10-"}, timeout=5)
    assert response.status_code == 206
    assert response.content == content[10:]
    assert response.headers["Content-Range"] == f"bytes 10-{len(content) - 1}/{len(content)}"


def test_malformed_json(api: HfApi, hub: LoopbackHub) -> None:
    hub.inject_malformed_json(r"^/api/models/", times=1)
    with pytest.raises(ValueError):
        api.model_info(T5, timeout=5)


def test_telemetry_side_request_is_visible(
    api: HfApi, hub: LoopbackHub, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from huggingface_hub.utils import _detect_agent

    # Telemetry asks constants.ENDPOINT (not the endpoint= argument) for the agent registry.
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", False)
    monkeypatch.setattr(constants, "ENDPOINT", hub.endpoint)
    monkeypatch.setattr(constants, "AGENT_HARNESSES_PATH", str(tmp_path / "agents.json"))
    monkeypatch.setattr(_detect_agent, "_registry", None)
    api.model_info(PYTHIA, expand=["sha"], timeout=5)
    assert [r.path for r in hub.requests] == ["/api/agent-harnesses", f"/api/models/{PYTHIA}"]


# --------------------------------------------------------------------------- lifecycle


def test_stop_does_not_wait_for_hanging_requests() -> None:
    hub = LoopbackHub(None).start()
    hub.inject_hang(r".")
    port = hub.port
    outcome: list[BaseException | int] = []

    def call() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("GET", "/api/models/org/x")
            outcome.append(conn.getresponse().status)
        except (OSError, http.client.HTTPException) as error:
            outcome.append(error)
        finally:
            conn.close()

    client = threading.Thread(target=call, daemon=True)
    client.start()
    while not hub.requests:
        time.sleep(0.01)
    start = time.monotonic()
    hub.stop()
    client.join(timeout=5)
    assert time.monotonic() - start < 2
    assert outcome and isinstance(outcome[0], BaseException)  # dropped, never answered


def test_requests_record_query_and_headers(api: HfApi, hub: LoopbackHub) -> None:
    api.model_info(PYTHIA, expand=["sha"], timeout=5, token="hf_sent")
    (request,) = hub.requests
    assert request.method == "GET"
    assert request.query == {"expand": ["sha"]}
    assert request.authorization == "Bearer hf_sent"
    assert request.headers["user-agent"].startswith("unknown/None; hf_hub/")
    hub.clear_requests()
    assert hub.requests == []
