"""The loopback servers for a model card's links, exercised with real clients over real sockets:
Hub datasets through ``HfApi.dataset_info`` (huggingface_hub 2.4.0), GitHub's REST API through
``urllib.request`` and httpx2, arXiv's OAI-PMH through ``urllib.request`` and ElementTree.

Fixtures: tests/fixtures/links (copied from the corpus; see PROVENANCE.md there).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import httpx2
import pytest
from huggingface_hub import HfApi, hf_hub_download
from huggingface_hub.errors import (
    DisabledRepoError,
    GatedRepoError,
    HfHubHTTPError,
    LocalEntryNotFoundError,
    RepositoryNotFoundError,
)
from loopback_arxiv import LoopbackArxiv
from loopback_github import LoopbackGitHub
from loopback_hub import LoopbackHub
from loopback_markdown import build_readme

LINKS = Path(__file__).resolve().parent / "fixtures" / "links"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
ARX = "{http://arxiv.org/OAI/arXiv/}"
NONEXCLUSIVE = "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"
PYTHIA_OAI = "oai:arXiv.org:2304.01373"


def fixture(kind: str, name: str) -> dict[str, Any]:
    return dict(json.loads((LINKS / kind / f"{name}.json").read_text(encoding="utf-8")))


@pytest.fixture
def api(hub: LoopbackHub) -> HfApi:
    return HfApi(endpoint=hub.endpoint)


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes, str]:
    """GET with urllib (which follows redirects): status, headers, body, final URL."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read(), response.url
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read(), url


def fetch_json(url: str, **headers: str) -> tuple[int, dict[str, str], Any]:
    status, answer_headers, body, _ = fetch(url, **headers)
    return status, answer_headers, json.loads(body)


# --------------------------------------------------------------------------- the copied fixtures


def test_fixtures_are_the_copies_listed_in_the_provenance_note() -> None:
    note = (LINKS / "PROVENANCE.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", note, re.MULTILINE))
    files = sorted(
        p.relative_to(LINKS).as_posix()
        for p in LINKS.rglob("*")
        if p.is_file() and p.name != "PROVENANCE.md"
    )
    assert sorted(listed) == files
    for name in files:
        assert hashlib.sha256((LINKS / name).read_bytes()).hexdigest() == listed[name], name


# --------------------------------------------------------------------------- Hub datasets


def test_dataset_info_serves_the_fixture(api: HfApi, hub: LoopbackHub) -> None:
    info = api.dataset_info("allenai/dolma", timeout=5)
    assert info.id == "allenai/dolma"
    assert info.card_data is not None and info.card_data.license == "odc-by"
    assert info.tags is not None and "license:odc-by" in info.tags
    assert (info.private, info.disabled) == (False, False)
    assert info.gated is None  # not established by the corpus
    (request,) = hub.requests
    assert request.path == "/api/datasets/allenai/dolma"
    raw = httpx2.get(f"{hub.endpoint}/api/datasets/allenai/dolma", timeout=5).json()
    assert raw["gated"] is None  # null, a value the Hub never sends: "not established"
    assert not {"sources", "linked_from", "cardData_note", "gated_note"} & set(raw)


def test_dataset_expand_returns_only_the_expanded_keys(hub: LoopbackHub, api: HfApi) -> None:
    info = api.dataset_info("tiiuae/falcon-refinedweb", expand=["cardData", "disabled"])
    assert info.card_data is not None and info.card_data.license == "odc-by"
    assert info.tags is None  # not expanded
    url = f"{hub.endpoint}/api/datasets/tiiuae/falcon-refinedweb"
    raw = httpx2.get(url, params={"expand": ["sha", "gated"]}, timeout=5).json()
    assert set(raw) == {"_id", "id", "sha", "gated"}
    assert httpx2.get(url, params={"expand": "config"}, timeout=5).status_code == 400


def test_renamed_dataset_redirects_to_its_new_name(api: HfApi, hub: LoopbackHub) -> None:
    info = api.dataset_info("c4", timeout=5)
    assert info.id == "legacy-datasets/c4"  # where the client ended up tells it about the move
    assert info.card_data is not None and info.card_data.license == ["odc-by"]
    assert [r.path for r in hub.requests] == [
        "/api/datasets/c4",
        "/api/datasets/legacy-datasets/c4",
    ]
    answer = httpx2.get(f"{hub.endpoint}/api/datasets/c4/revision/main?expand=sha", timeout=5)
    assert answer.status_code == 307
    assert answer.headers["Location"] == "/api/datasets/legacy-datasets/c4/revision/main?expand=sha"
    assert "allenai/c4" not in hub.dataset_ids  # the successor is provenance, not a redirect


def test_dataset_without_redirect_and_unknown_dataset(api: HfApi) -> None:
    assert api.dataset_info("wiki_dpr", timeout=5).id == "wiki_dpr"  # served as the fixture says
    with pytest.raises(RepositoryNotFoundError) as error:
        api.dataset_info("nobody/nothing", timeout=5)
    assert error.value.response.headers["X-Error-Code"] == "RepoNotFound"


def test_pile_fields_keep_their_not_established_nulls(hub: LoopbackHub) -> None:
    raw = httpx2.get(f"{hub.endpoint}/api/datasets/EleutherAI/pile", timeout=5).json()
    assert raw["disabled"] is None and raw["gated"] is None
    assert raw["cardData"]["license"] is None
    assert "data_available" not in raw  # provenance, not an API field


def test_dataset_existence_in_doubt_or_denied(api: HfApi, hub: LoopbackHub) -> None:
    hub.add_dataset({"id": "org/doubtful", "exists": None, "private": False})
    hub.add_dataset({"id": "org/gone", "exists": False})
    with pytest.raises(HfHubHTTPError) as doubt:
        api.dataset_info("org/doubtful", timeout=5)
    assert doubt.value.response.status_code == 503
    assert doubt.value.response.headers["X-Loopback-Not-Established"] == "exists"
    with pytest.raises(RepositoryNotFoundError):
        api.dataset_info("org/gone", timeout=5)


def test_gated_dataset_metadata_is_public_files_are_not(
    api: HfApi, hub: LoopbackHub, tmp_path: Path
) -> None:
    repo_id = hub.add_dataset({"id": "org/gated-data", "gated": "manual", "private": False})
    hub.add_file(repo_id, "README.md", "---\nlicense: other\n---\n", repo_type="dataset")
    assert api.dataset_info(repo_id, timeout=5).gated == "manual"

    def download(**kw: Any) -> str:
        return hf_hub_download(  # type: ignore[no-any-return]
            repo_id, "README.md", repo_type="dataset", endpoint=hub.endpoint,
            cache_dir=tmp_path, etag_timeout=5, **kw,
        )  # fmt: skip

    with pytest.raises(GatedRepoError) as anonymous:
        download()
    assert anonymous.value.response.status_code == 401
    with pytest.raises(GatedRepoError) as refused:
        download(token="hf_not_granted")
    assert refused.value.response.status_code == 403
    hub.allow_token("hf_granted")
    assert Path(download(token="hf_granted")).read_text(encoding="utf-8").startswith("---")
    assert hub.requests[-1].path == f"/datasets/{repo_id}/resolve/main/README.md"


def test_disabled_dataset(api: HfApi, hub: LoopbackHub, tmp_path: Path) -> None:
    repo_id = hub.add_dataset({"id": "org/taken-down", "disabled": True, "gated": False})
    hub.add_file(repo_id, "data.txt", "x", repo_type="dataset")
    assert api.dataset_info(repo_id, timeout=5).disabled is True
    with pytest.raises(LocalEntryNotFoundError) as error:  # how hf_hub_download reports it
        hf_hub_download(
            repo_id, "data.txt", repo_type="dataset", endpoint=hub.endpoint,
            cache_dir=tmp_path, etag_timeout=5,
        )  # fmt: skip
    assert isinstance(error.value.__cause__, DisabledRepoError)
    assert error.value.__cause__.response.status_code == 403


def test_dataset_fault_injection(api: HfApi, hub: LoopbackHub) -> None:
    hub.inject_status(r"^/api/datasets/", 502, times=1)
    with pytest.raises(HfHubHTTPError) as error:
        api.dataset_info("allenai/dolma", timeout=5)
    assert error.value.response.status_code == 502
    hub.inject_malformed_json(r"^/api/datasets/", times=1)
    with pytest.raises(ValueError):
        api.dataset_info("allenai/dolma", timeout=5)
    assert api.dataset_info("allenai/dolma", timeout=5).id == "allenai/dolma"


# --------------------------------------------------------------------------- GitHub: repositories


def test_repository_shape(github: LoopbackGitHub) -> None:
    status, headers, body = fetch_json(f"{github.api_url}/repos/EleutherAI/pythia")
    assert status == 200
    assert body["id"] == github.repo_id("EleutherAI/pythia")
    assert (body["full_name"], body["name"], body["default_branch"]) == (
        "EleutherAI/pythia", "pythia", "main",
    )  # fmt: skip
    assert body["license"] == {
        "key": "apache-2.0",
        "name": "Apache License 2.0",
        "spdx_id": "Apache-2.0",
        "url": f"{github.api_url}/licenses/apache-2.0",
    }
    assert body["owner"]["login"] == "EleutherAI" and body["owner"]["type"] == "Organization"
    assert body["description"].startswith("The hub for EleutherAI")
    # fork and archived are GitHub metadata git does not keep: unknown, so left out
    assert "fork" not in body and "archived" not in body
    assert headers["X-Loopback-Not-Established"] == "fork,archived"
    assert headers["X-RateLimit-Limit"] == "60" and headers["X-RateLimit-Remaining"] == "59"
    assert headers["X-RateLimit-Resource"] == "core"
    assert int(headers["X-RateLimit-Reset"]) > time.time()


def test_licence_null_only_where_established(github: LoopbackGitHub) -> None:
    _, _, bitsandbytes = fetch_json(f"{github.api_url}/repos/facebookresearch/bitsandbytes")
    assert "license" in bitsandbytes and bitsandbytes["license"] is None  # no licence file
    _, headers, transformers = fetch_json(f"{github.api_url}/repos/huggingface/transformers")
    assert "license" not in transformers and "default_branch" not in transformers  # unknown
    assert "license" in headers["X-Loopback-Not-Established"].split(",")
    _, _, pytorch = fetch_json(f"{github.api_url}/repos/pytorch/pytorch")
    assert pytorch["license"]["spdx_id"] == "NOASSERTION"  # inferred, served
    assert pytorch["license"]["url"] is None  # GitHub has no licence page for "other"


def test_names_match_case_insensitively(github: LoopbackGitHub) -> None:
    _, _, body = fetch_json(f"{github.api_url}/repos/eleutherai/PYTHIA")
    assert body["full_name"] == "EleutherAI/pythia"


def test_renamed_repository_answers_301_to_its_id(github: LoopbackGitHub) -> None:
    new_id = github.repo_id("QwenLM/Qwen3")
    assert github.repo_id("QwenLM/Qwen2.5") == new_id
    moved = httpx2.get(f"{github.api_url}/repos/QwenLM/Qwen2.5", timeout=5)
    assert moved.status_code == 301
    assert moved.headers["Location"] == f"{github.api_url}/repositories/{new_id}"
    assert moved.json()["message"] == "Moved Permanently"
    assert moved.json()["url"] == moved.headers["Location"]

    status, _, body, final_url = fetch(f"{github.api_url}/repos/QwenLM/Qwen2.5")  # followed
    assert status == 200 and final_url.endswith(f"/repositories/{new_id}")
    assert json.loads(body)["full_name"] == "QwenLM/Qwen3"

    tree = httpx2.get(
        f"{github.api_url}/repos/facebookresearch/llama/git/trees/main?recursive=1",
        follow_redirects=True, timeout=5,
    )  # fmt: skip
    assert tree.status_code == 200
    assert str(tree.url).endswith(
        f"/repositories/{github.repo_id('meta-llama/llama')}/git/trees/main?recursive=1"
    )
    llama = fixture("github", "facebookresearch__llama")
    assert len(tree.json()["tree"]) == len(llama["tree"]["tree"])


def test_unknown_repository_and_route(github: LoopbackGitHub) -> None:
    status, _, body = fetch_json(f"{github.api_url}/repos/nobody/nothing")
    assert status == 404
    assert body == {
        "message": "Not Found",
        "documentation_url": "https://docs.github.com/rest/repos/repos#get-a-repository",
        "status": "404",
    }
    status, _, body = fetch_json(f"{github.api_url}/orgs/EleutherAI")
    assert status == 404 and body["message"] == "Not Found"
    assert [r.path for r in github.requests] == ["/repos/nobody/nothing", "/orgs/EleutherAI"]


# --------------------------------------------------------------------------- GitHub: trees, README


def test_recursive_tree_as_in_the_fixture(github: LoopbackGitHub) -> None:
    expected = fixture("github", "EleutherAI__pythia")["tree"]
    _, _, body = fetch_json(f"{github.api_url}/repos/EleutherAI/pythia/git/trees/main?recursive=1")
    assert body["sha"] == expected["sha"] and body["truncated"] is False
    assert [e["path"] for e in body["tree"]] == [e["path"] for e in expected["tree"]]
    blob = next(e for e in body["tree"] if e["type"] == "blob")
    assert set(blob) == {"path", "type", "size"}  # no entry sha or blob mode in the corpus
    folder = next(e for e in body["tree"] if e["type"] == "tree")
    assert folder["mode"] == "040000"

    _, _, top = fetch_json(f"{github.api_url}/repos/EleutherAI/pythia/git/trees/{expected['sha']}")
    assert top["tree"] and all("/" not in e["path"] for e in top["tree"])


def test_truncated_and_unknown_trees(github: LoopbackGitHub) -> None:
    base = f"{github.api_url}/repos"
    _, _, capped = fetch_json(f"{base}/EleutherAI/lm-evaluation-harness/git/trees/main?recursive=1")
    assert capped["truncated"] is True and len(capped["tree"]) == 3000
    _, _, apex = fetch_json(f"{base}/NVIDIA/apex/git/trees/master?recursive=1")
    assert apex["truncated"] is True  # top-level entries only
    _, _, qwen = fetch_json(f"{base}/QwenLM/Qwen3/git/trees/main?recursive=1")
    missing = fixture("github", "QwenLM__Qwen2.5")["tree_missing_sizes"]
    sizes = {e["path"]: e.get("size") for e in qwen["tree"]}
    assert all(sizes[path] is None for path in missing)  # unknown size: left out
    status, _, _ = fetch_json(f"{base}/EleutherAI/pythia/git/trees/no-such-branch")
    assert status == 404
    status, headers, _ = fetch_json(f"{base}/huggingface/transformers/git/trees/main")
    assert status == 503 and headers["X-Loopback-Not-Established"] == "tree"


def test_readme_is_rebuilt_from_the_outline(github: LoopbackGitHub) -> None:
    data = fixture("github", "EleutherAI__pythia")
    expected = build_readme({"cardData": None, "readme_outline": data["readme_outline"]})
    assert expected is not None
    status, _, body = fetch_json(f"{github.api_url}/repos/EleutherAI/pythia/readme")
    assert status == 200
    assert (body["type"], body["encoding"], body["name"], body["path"]) == (
        "file", "base64", "README.md", "README.md",
    )  # fmt: skip
    assert all(len(line) <= 60 for line in body["content"].splitlines())
    assert base64.b64decode(body["content"]).decode() == expected
    assert body["size"] == len(expected.encode())
    assert body["download_url"].endswith("/EleutherAI/pythia/main/README.md")
    assert set(body["_links"]) == {"self", "git", "html"}
    _, headers, raw, _ = fetch(
        f"{github.api_url}/repos/EleutherAI/pythia/readme",
        Accept="application/vnd.github.raw+json",
    )
    assert raw.decode() == expected and headers["Content-Type"].startswith("application/vnd")


def test_readme_unknown_absent_or_added(github: LoopbackGitHub) -> None:
    url = f"{github.api_url}/repos/NVIDIA/apex/readme"
    status, headers, _ = fetch_json(url)  # no outline, yet the tree lists README.md
    assert status == 503 and headers["X-Loopback-Not-Established"] == "readme"
    github.add_readme("NVIDIA/apex", "# apex\n")
    _, _, body = fetch_json(url)
    assert base64.b64decode(body["content"]) == b"# apex\n"

    bare = fixture("github", "facebookresearch__bitsandbytes")
    bare["repo"]["full_name"] = bare["requested"] = "org/no-readme"
    bare["tree"]["tree"] = [{"path": "setup.py", "type": "blob", "size": 10}]
    github.add_repo(bare)
    status, _, body = fetch_json(f"{github.api_url}/repos/org/no-readme/readme")
    assert status == 404 and body["message"] == "Not Found"  # the full tree has no README
    status, _, body = fetch_json(f"{github.api_url}/repos/EleutherAI/pythia/readme?ref=v9")
    assert status == 404 and body["message"] == "No commit found for the ref v9"


# --------------------------------------------------------------------------- GitHub: limits, tokens


def test_primary_rate_limit_is_a_real_quota() -> None:
    with LoopbackGitHub(anonymous_limit=2, token_limit=3) as gh:
        gh.allow_token("ghp_ok")
        url = f"{gh.api_url}/repos/EleutherAI/pythia"
        assert [fetch(url)[0] for _ in range(2)] == [200, 200]
        status, headers, body = fetch_json(url)
        assert status == 403
        assert headers["X-RateLimit-Remaining"] == "0"
        assert int(headers["X-RateLimit-Reset"]) > time.time()
        assert body["message"].startswith("API rate limit exceeded")
        assert gh.remaining() == 0 and gh.remaining("ghp_ok") == 3
        status, headers, _ = fetch_json(url, Authorization="Bearer ghp_ok")
        assert status == 200 and headers["X-RateLimit-Limit"] == "3"
        assert headers["X-RateLimit-Remaining"] == "2"
        _, _, status_body = fetch_json(f"{gh.api_url}/rate_limit")
        assert status_body["resources"]["core"]["remaining"] == 0  # /rate_limit is not counted
        gh.reset_rate_limits()
        assert fetch(url)[0] == 200


def test_rate_limit_status_can_be_429() -> None:
    with LoopbackGitHub(anonymous_limit=0, rate_limit_status=429) as gh:
        status, headers, _ = fetch_json(f"{gh.api_url}/repos/EleutherAI/pythia")
        assert status == 429 and headers["X-RateLimit-Remaining"] == "0"


def test_injected_rate_limits_spend_no_quota(github: LoopbackGitHub) -> None:
    url = f"{github.api_url}/repos/EleutherAI/pythia"
    github.inject_rate_limit(r"^/repos/", times=1, reset_in=30)
    status, headers, body = fetch_json(url)
    assert status == 403 and headers["X-RateLimit-Remaining"] == "0"
    assert 25 <= int(headers["X-RateLimit-Reset"]) - time.time() <= 31
    assert body["documentation_url"].endswith("rate-limits-for-the-rest-api")
    github.inject_secondary_rate_limit(r"^/repos/", times=1, status=429, retry_after=7)
    status, headers, body = fetch_json(url)
    assert status == 429 and headers["Retry-After"] == "7"
    assert body["message"].startswith("You have exceeded a secondary rate limit")
    assert github.remaining() == 60  # neither spent the quota
    assert fetch(url)[0] == 200 and github.remaining() == 59


def test_tokens(github: LoopbackGitHub) -> None:
    url = f"{github.api_url}/repos/EleutherAI/pythia"
    status, _, body = fetch_json(url, Authorization="Bearer ghp_unknown")
    assert status == 401 and body["message"] == "Bad credentials"
    github.allow_token("ghp_known")
    assert fetch(url, Authorization="token ghp_known")[0] == 200
    assert github.requests[-1].authorization == "token ghp_known"
    github.require_token = True
    status, _, body = fetch_json(url)
    assert status == 401 and body["message"] == "Requires authentication"


def test_github_faults(github: LoopbackGitHub) -> None:
    url = f"{github.api_url}/repos/EleutherAI/pythia"
    github.inject_truncated_body(r"/pythia$", times=1)
    with pytest.raises(httpx2.RemoteProtocolError):
        httpx2.get(url, timeout=5)
    github.inject_malformed_json(r"/pythia$", times=1)
    with pytest.raises(json.JSONDecodeError):
        httpx2.get(url, timeout=5).json()
    github.inject_status(r"/pythia$", 502, times=1)
    assert fetch(url)[0] == 502
    github.inject_hang(r"/pythia$", times=1)
    start = time.monotonic()
    with pytest.raises(httpx2.ReadTimeout):
        httpx2.get(url, timeout=0.3)
    assert time.monotonic() - start < 1
    assert httpx2.get(url, timeout=5).json()["full_name"] == "EleutherAI/pythia"


# --------------------------------------------------------------------------- arXiv OAI-PMH


def record_url(arxiv: LoopbackArxiv, identifier: str, prefix: str = "arXiv") -> str:
    return f"{arxiv.base_url}?verb=GetRecord&identifier={identifier}&metadataPrefix={prefix}"


def get_record(arxiv: LoopbackArxiv, identifier: str, prefix: str = "arXiv") -> ET.Element:
    status, headers, body, _ = fetch(record_url(arxiv, identifier, prefix))
    assert status == 200 and headers["Content-Type"].startswith("text/xml")
    return ET.fromstring(body)


def error_code(root: ET.Element) -> str | None:
    error = root.find(f"{OAI}error")
    return None if error is None else error.get("code")


def test_every_fixture_record_is_served(arxiv: LoopbackArxiv) -> None:
    paths = sorted((LINKS / "arxiv").glob("*.json"))
    assert len(paths) == len(arxiv.record_ids) == 26
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        root = get_record(arxiv, f"oai:arXiv.org:{data['id']}")
        meta = root.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata/{ARX}arXiv")
        assert meta is not None, data["id"]
        assert meta.findtext(f"{ARX}id") == data["id"]
        assert meta.findtext(f"{ARX}title") == data["title"]
        assert meta.find(f"{ARX}license") is None  # null in the corpus: left out, not invented


def test_record_envelope(arxiv: LoopbackArxiv) -> None:
    root = get_record(arxiv, "oai:arXiv.org:2201.07311")
    assert root.tag == f"{OAI}OAI-PMH"
    date = root.findtext(f"{OAI}responseDate") or ""
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", date)
    request = root.find(f"{OAI}request")
    assert request is not None and request.text == arxiv.base_url
    assert request.attrib == {
        "verb": "GetRecord",
        "identifier": "oai:arXiv.org:2201.07311",
        "metadataPrefix": "arXiv",
    }
    header = root.find(f"{OAI}GetRecord/{OAI}record/{OAI}header")
    assert header is not None and header.findtext(f"{OAI}identifier") == "oai:arXiv.org:2201.07311"
    meta = root.find(f".//{ARX}arXiv")
    assert meta is not None and meta.findtext(f"{ARX}created") == "2022-01-13"  # v1 seen, dated


def test_record_with_a_licence(arxiv: LoopbackArxiv) -> None:
    arxiv.add_record(
        {
            "id": "2304.01373",
            "title": "Pythia",
            "license": "http://creativecommons.org/licenses/by/4.0/",
            "categories": "cs.CL cs.LG",
            "authors": [{"keyname": "Biderman", "forenames": "Stella"}],
            "datestamp": "2023-06-01",
        }
    )
    arxiv.add_record({"id": "hep-th/9901001", "title": "Old style", "license": NONEXCLUSIVE})
    meta = get_record(arxiv, "oai:arXiv.org:2304.01373").find(f".//{ARX}arXiv")
    assert meta is not None
    assert meta.findtext(f"{ARX}license") == "http://creativecommons.org/licenses/by/4.0/"
    assert meta.findtext(f"{ARX}authors/{ARX}author/{ARX}keyname") == "Biderman"
    assert [child.tag.removeprefix(ARX) for child in meta] == [
        "id", "authors", "title", "categories", "license",
    ]  # fmt: skip
    old = get_record(arxiv, "oai:arXiv.org:hep-th/9901001")
    assert old.findtext(f".//{ARX}license") == NONEXCLUSIVE
    assert old.findtext(f".//{OAI}datestamp") is None


def test_protocol_errors(arxiv: LoopbackArxiv) -> None:
    assert error_code(get_record(arxiv, "oai:arXiv.org:9999.99999")) == "idDoesNotExist"
    assert error_code(get_record(arxiv, "oai:arXiv.org:2304.01373v2")) == "idDoesNotExist"
    assert error_code(get_record(arxiv, "2304.01373")) == "idDoesNotExist"
    assert error_code(get_record(arxiv, "oai:arXiv.org:2304.01373", "oai_dc")) == (
        "cannotDisseminateFormat"
    )
    base = arxiv.base_url
    for query, code in [
        ("verb=GetRecord&metadataPrefix=arXiv", "badArgument"),
        (f"verb=GetRecord&identifier={PYTHIA_OAI}&metadataPrefix=arXiv&x=1", "badArgument"),
        ("verb=GetRecord&identifier=a&identifier=b&metadataPrefix=arXiv", "badArgument"),
        ("verb=Frobnicate", "badVerb"),
        ("", "badVerb"),
    ]:
        status, _, body, _ = fetch(f"{base}?{query}")
        root = ET.fromstring(body)
        assert status == 200 and error_code(root) == code, query
        request = root.find(f"{OAI}request")
        assert request is not None and request.attrib == {}  # no attributes after a bad request
    _, _, body, _ = fetch(f"{base}?verb=Identify")
    assert ET.fromstring(body).findtext(f"{OAI}Identify/{OAI}baseURL") == base


def test_arxiv_faults(arxiv: LoopbackArxiv) -> None:
    url = record_url(arxiv, PYTHIA_OAI)
    arxiv.inject_status(r"^/oai$", 503, times=1, retry_after=5)
    status, headers, _, _ = fetch(url)
    assert status == 503 and headers["Retry-After"] == "5"  # arXiv's flow control
    arxiv.inject_malformed(r"^/oai$", times=1)
    with pytest.raises(ET.ParseError):
        ET.fromstring(fetch(url)[2])
    assert ET.fromstring(fetch(url)[2]).find(f".//{ARX}title") is not None


def test_endless_answer_until_released(arxiv: LoopbackArxiv) -> None:
    url = record_url(arxiv, PYTHIA_OAI)
    fault = arxiv.inject_endless(r"^/oai$", pause=0.01, times=1)
    received = bytearray()
    with httpx2.stream("GET", url, timeout=1) as response:
        assert response.status_code == 200
        chunks = response.iter_bytes()
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:  # every read is quick, the answer never ends
            received += next(chunks)
        assert received.startswith(b"<?xml") and received.rstrip().endswith(b"?>")
        fault.release()
        received += b"".join(chunks)
    assert ET.fromstring(bytes(received)).findtext(f".//{ARX}title", "").startswith("Pythia")


def test_hang_until_released(github: LoopbackGitHub) -> None:
    fault = github.inject_hang(r"/pythia$", times=1)
    outcome: list[int] = []
    client = threading.Thread(
        target=lambda: outcome.append(fetch(f"{github.api_url}/repos/EleutherAI/pythia")[0])
    )
    client.start()
    deadline = time.monotonic() + 5
    while not github.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)
    assert not outcome and len(github.requests) == 1  # held, not answered
    fault.release()
    client.join(timeout=5)
    assert outcome == [200]
