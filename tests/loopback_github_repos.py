"""The repositories of the loopback GitHub: what a tests/fixtures/links/github fixture becomes on
the wire (the repository, its git tree, its README), with GitHub's JSON shapes and error bodies.
What the corpus does not establish is left out (see tests/loopback_github.py and PROVENANCE.md).
tests/loopback_github.py routes requests to these answers."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from loopback_hub_repos import git_blob_sha
from loopback_wire import Response

DOCS = "https://docs.github.com/rest"
REPO_DOCS = f"{DOCS}/repos/repos#get-a-repository"
TREE_DOCS = f"{DOCS}/git/trees#get-a-tree"
README_DOCS = f"{DOCS}/repos/contents#get-a-repository-readme"
OPTIONAL_REPO_KEYS = ("description", "fork", "archived", "default_branch")
TREE_MODES = {"tree": "040000", "commit": "160000"}  # a blob's mode is not in the corpus


def numeric_id(name: str) -> int:
    """The invented, stable numeric id served for a repository or an account."""
    return int(hashlib.sha1(f"loopback:github:{name.lower()}".encode()).hexdigest()[:8], 16) + 1


@dataclass
class GitHubRepo:
    fixture: dict[str, Any]
    readme: bytes | None

    @property
    def repo(self) -> dict[str, Any]:
        return dict(self.fixture["repo"])

    @property
    def full_name(self) -> str:
        return str(self.fixture["repo"]["full_name"])

    @property
    def tree(self) -> dict[str, Any] | None:
        tree = self.fixture.get("tree")
        return tree if isinstance(tree, dict) else None

    @property
    def default_branch(self) -> str | None:
        return self.repo.get("default_branch")

    def refs(self) -> set[str]:
        """The refs a tree or README request may name: branch, commit, tree sha."""
        commit = self.fixture.get("commit") or {}
        tree = self.tree or {}
        return {r for r in (self.default_branch, commit.get("sha"), tree.get("sha")) if r}

    def top_level_names(self) -> list[str] | None:
        """Top-level blob names, when the fixture's tree lists them all."""
        if self.tree is None or self.fixture.get("tree_scope") == "capped_3000":
            return None
        return [e["path"] for e in self.tree["tree"] if "/" not in e["path"]]


def json_answer(payload: Any, status: int = 200) -> Response:
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-GitHub-Media-Type": "github.v3; format=json",
    }
    return Response(status, headers, json.dumps(payload).encode())


def github_error(status: int, message: str, docs: str = DOCS) -> Response:
    return json_answer(
        {"message": message, "documentation_url": docs, "status": str(status)}, status
    )


def not_established(what: str) -> Response:
    response = github_error(503, f"Not established by the loopback fixture: {what}")
    response.headers["X-Loopback-Not-Established"] = what
    return response


def repo_answer(api_url: str, repo: GitHubRepo) -> Response:
    fixture, fields = repo.fixture, repo.repo
    full_name = repo.full_name
    url = f"{api_url}/repos/{full_name}"
    owner = fields.get("owner") or {}
    login = str(owner.get("login") or full_name.split("/")[0])
    owner_body: dict[str, Any] = {"login": login, "id": numeric_id(login)}
    if owner.get("type") is not None:
        owner_body["type"] = owner["type"]
    owner_body |= {
        "url": f"{api_url}/users/{login}",
        "html_url": f"https://github.com/{login}",
    }
    body: dict[str, Any] = {
        "id": numeric_id(full_name),
        "name": full_name.split("/", 1)[1],
        "full_name": full_name,
        "private": False,  # every corpus repository was read anonymously
        "visibility": "public",
        "owner": owner_body,
        "html_url": fields.get("html_url") or f"https://github.com/{full_name}",
        "url": url,
        "trees_url": f"{url}/git/trees{{/sha}}",
        "contents_url": f"{url}/contents/{{+path}}",
    }
    omitted = [key for key in OPTIONAL_REPO_KEYS if fields.get(key) is None]
    body |= {key: fields[key] for key in OPTIONAL_REPO_KEYS if key not in omitted}
    license_state = fixture.get("license_established")
    licence = fields.get("license")
    if license_state is True or (license_state == "inferred" and licence is not None):
        body["license"] = None if licence is None else license_body(api_url, licence)
    else:
        omitted.append("license")
    if owner.get("type") is None:
        omitted.append("owner.type")
    response = json_answer(body)
    if omitted:
        response.headers["X-Loopback-Not-Established"] = ",".join(omitted)
    return response


def license_body(api_url: str, licence: Mapping[str, Any]) -> dict[str, Any]:
    key = licence.get("key")
    url = None if key in (None, "other") else f"{api_url}/licenses/{key}"
    return {
        "key": key,
        "name": licence.get("name"),
        "spdx_id": licence.get("spdx_id"),
        "url": url,
    }


def tree_answer(api_url: str, repo: GitHubRepo, ref: str, recursive: bool) -> Response:
    tree = repo.tree
    if tree is None:
        return not_established("tree")
    if ref not in repo.refs():
        return github_error(404, "Not Found", TREE_DOCS)
    entries = tree.get("tree") or []
    # a test's hostile value ("true", 1) as it is given; the corpus' as GitHub's boolean
    given = tree.get("truncated")
    truncated = given if given is not None and not isinstance(given, bool) else bool(given)
    if not recursive:
        entries = [e for e in entries if "/" not in e["path"]]
        truncated = repo.fixture.get("tree_scope") == "capped_3000"
    sha = tree.get("sha")
    return json_answer(
        {
            "sha": sha,
            "url": f"{api_url}/repos/{repo.full_name}/git/trees/{sha}",
            "tree": [_tree_entry(e) for e in entries],
            "truncated": truncated,
        }
    )


def readme_answer(api_url: str, repo: GitHubRepo, ref: str | None, accept: str) -> Response:
    if ref is not None and ref not in repo.refs():
        return github_error(404, f"No commit found for the ref {ref}", README_DOCS)
    names = repo.top_level_names()
    name = _readme_name(names or [])
    if repo.readme is None:
        if names is not None and name is None:
            return github_error(404, "Not Found", README_DOCS)  # the full tree has no README
        return not_established("readme")
    name = name or "README.md"
    if "application/vnd.github.raw" in accept:
        headers = {"Content-Type": "application/vnd.github.raw; charset=utf-8"}
        return Response(200, headers, repo.readme)
    return json_answer(content_file(api_url, repo, name, repo.readme, ref))


def content_file(
    api_url: str, repo: GitHubRepo, name: str, content: bytes, ref: str | None
) -> dict[str, Any]:
    full_name, sha = repo.full_name, git_blob_sha(content)
    branch = ref or repo.default_branch or "HEAD"
    url = f"{api_url}/repos/{full_name}/contents/{name}?ref={branch}"
    git_url = f"{api_url}/repos/{full_name}/git/blobs/{sha}"
    html_url = f"https://github.com/{full_name}/blob/{branch}/{name}"
    return {
        "type": "file",
        "encoding": "base64",
        "size": len(content),
        "name": name,
        "path": name,
        "content": _wrapped_base64(content),
        "sha": sha,
        "url": url,
        "git_url": git_url,
        "html_url": html_url,
        "download_url": f"https://raw.githubusercontent.com/{full_name}/{branch}/{name}",
        "_links": {"self": url, "git": git_url, "html": html_url},
    }


def _tree_entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    """A tree entry with what the corpus knows: no entry sha, no blob mode, no unknown size."""
    out: dict[str, Any] = {"path": entry["path"], "type": entry["type"]}
    if (mode := TREE_MODES.get(str(entry["type"]))) is not None:
        out["mode"] = mode
    if entry["type"] == "blob" and isinstance(entry.get("size"), int):
        out["size"] = entry["size"]
    return out


def _readme_name(names: list[str]) -> str | None:
    readmes = [n for n in names if n.lower().startswith("readme")]
    if not readmes:
        return None
    return next((n for n in readmes if n.lower() == "readme.md"), sorted(readmes)[0])


def _wrapped_base64(content: bytes) -> str:
    """Base64 in lines of 60 characters, each ending in a newline, as GitHub sends it."""
    text = base64.b64encode(content).decode()
    return "".join(text[i : i + 60] + "\n" for i in range(0, len(text), 60))
