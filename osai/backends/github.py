"""A GitHub repository a model card links to → a RepoSnapshot (source "github").

Two requests (three for a repository the card links with no role), through osai.net (bounded by
the check's deadline) with kept answers:

- ``GET {api}/repos/{owner}/{repo}``: the licence GitHub detects (``license.spdx_id``, from its
  licensee engine), the default branch, fork, archived, the owner (``owner.login``); a renamed
  or transferred repository answers ``301`` to ``{api}/repositories/{id}``, followed within the
  API's origin only, and the answer names it as it is now (``full_name``, ``owner.login``);
- ``GET {api}/repos/{full_name}/git/trees/{branch}?recursive=1``: the file list.  A third-party
  library needs only the first (its licence is all a report says of it);
- ``GET {api}/repos/{full_name}/readme``: when the card links the repository with no role and its
  description names none, the headings of its README may.

``GITHUB_API_URL`` (default https://api.github.com, what GitHub Actions sets) and ``GITHUB_TOKEN``
or ``GH_TOKEN`` (optional; never printed) come from the environment; a rate limit met without a
token says, once a run, that one raises the limit (``ANONYMOUS_LIMIT``).  Every field of an
answer is type-checked before use: a malformed answer is a NetFailure (osai.net.Malformed).
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from osai.backends.api import ApiReader, Reply
from osai.evidence import Certainty, Finding, FindingKind, Provenance
from osai.hubrefs import GITHUB_FULL_NAME, web_address
from osai.net import HttpStatus, Malformed, NetFailure
from osai.net.tokens import sendable_token
from osai.records import NO_LICENCE_IDENTIFIED, RepositoryAnswer
from osai.snapshot import HostFacts, RepoSnapshot
from osai.textsafe import quoted_name

SOURCE = "github"
DEFAULT_API = "https://api.github.com"
# A recursive tree is GitHub's largest answer: up to 100,000 entries and 7 MB of tree (its REST
# docs, "Get a tree"), each entry's JSON (path, mode, type, sha, size, url) larger than its git
# record.  The cap for one file (rules/detection.yaml max_read_bytes, 1 MiB) failed a repository
# of a few thousand files; beyond this one, the file list is left unread, the licence kept.
TREE_MAX_BYTES = 16 * 1024 * 1024


def api_url(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return (env.get("GITHUB_API_URL") or DEFAULT_API).rstrip("/")


TOKEN_VARIABLES = ("GITHUB_TOKEN", "GH_TOKEN")  # the first one set is used


def token(environ: Mapping[str, str] | None = None) -> str:
    """The first token set, as a request sends it (osai.net.tokens: cleaned, or BadInput)."""
    env = os.environ if environ is None else environ
    name = token_variable(env)
    return sendable_token(env[name], name) if name else ""


def token_variable(environ: Mapping[str, str] | None = None) -> str:
    """The variable the token comes from ("" when none is set)."""
    env = os.environ if environ is None else environ
    return next((name for name in TOKEN_VARIABLES if env.get(name)), "")


class TokenRefused(NetFailure):
    """GitHub answered 401 to the token osai sent (expired, revoked, mistyped): every link to
    GitHub fails alike, and the fix is the user's, in the variable named."""

    def __init__(self, variable: str, url: str = "", *, secrets: tuple[str, ...] = ()) -> None:
        super().__init__(url, secrets=secrets)
        self.variable = variable

    def _explain(self, host: str) -> str:
        return (
            f"{host} refused the token in {self.variable} (HTTP 401): renew it, or unset it to "
            "read public repositories without one"
        )


# GitHub's REST API allows 60 requests an hour without a token, 5,000 with one ("Rate limits for
# the REST API"): a rate limit met without one said when to try again, not that a token lifts it.
ANONYMOUS_LIMIT = (
    "GitHub limits requests sent without a token to 60 an hour: setting GITHUB_TOKEN (or "
    "GH_TOKEN) raises the limit to 5,000 requests an hour"
)


def rate_limit_hint(github_token: str) -> str:
    """What a rate limit says once a run (ApiReader.rate_limit_hint): without a token, that one
    lifts it; with one, nothing."""
    return "" if github_token else ANONYMOUS_LIMIT


def reader_headers(github_token: str) -> dict[str, str]:
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    if github_token:
        headers["Authorization"] = f"Bearer {github_token}"
    return headers


def repository(reader: ApiReader, api: str, full_name: str) -> RepositoryAnswer:
    try:
        reply = reader.get(
            f"{api}/repos/{_quoted(full_name)}", check=lambda r: _repository(r, full_name)
        )
    except HttpStatus as refused:
        variable = token_variable()
        if refused.status == 401 and variable and reader.secrets:
            raise TokenRefused(variable, refused.url, secrets=reader.secrets) from None
        raise
    return _repository(reply, full_name)


def _repository(reply: Reply, full_name: str) -> RepositoryAnswer:
    if reply.status == 404:
        return RepositoryAnswer(
            full_name, full_name, "", "", "", False, None, None, found=False, cached=reply.cached
        )
    data = _object(reply)
    return RepositoryAnswer(
        requested=full_name,
        full_name=_full_name(data, full_name, reply),
        html_url=_html_url(data, _full_name(data, full_name, reply), reply),
        default_branch=_text(data, "default_branch", reply),
        licence=_licence(data, reply),
        licence_known="license" in data,
        fork=_flag(data, "fork"),
        archived=_flag(data, "archived"),
        description=_text(data, "description", reply),
        cached=reply.cached,
        owner_login=_owner_login(data, reply),
    )


def readme(reader: ApiReader, api: str, answer: RepositoryAnswer) -> str | None:
    """The repository's README (``GET /repos/{owner}/{repo}/readme``), decoded; None when it
    has none."""
    reply = reader.get(f"{api}/repos/{_quoted(answer.full_name)}/readme", check=_readme)
    return _readme(reply)


def _readme(reply: Reply) -> str | None:
    if reply.status == 404:
        return None
    data = _object(reply)
    content = data.get("content")
    if not isinstance(content, str) or data.get("encoding") != "base64":
        raise Malformed("the README answer carries no base64 content", reply.url)
    try:
        raw = base64.b64decode(content)
    except (ValueError, binascii.Error):
        raise Malformed("the README's content is not base64", reply.url) from None
    return raw.decode("utf-8", errors="replace")


def snapshot(reader: ApiReader, api: str, answer: RepositoryAnswer) -> RepoSnapshot:
    """The repository's files (one more request), as a snapshot extraction can classify."""
    listing, partial, findings = _tree(reader, api, answer)
    host = HostFacts(
        licence=answer.licence if answer.licence != NO_LICENCE_IDENTIFIED else "",
        licence_source="license.spdx_id (GitHub's licence detection)",
        licence_unidentified=answer.licence == NO_LICENCE_IDENTIFIED,
    )
    return RepoSnapshot(
        source=SOURCE,
        target=f"github.com/{answer.full_name}",
        name=answer.full_name,
        listing=listing,
        listing_name="tree",
        listing_partial=partial,
        producer=answer.owner,  # as GitHub answers it (a transferred one's new owner)
        document=answer.html_url,
        web_roots=(answer.html_url,),
        host=host,
        findings=findings,
    )


def _tree(
    reader: ApiReader, api: str, answer: RepositoryAnswer
) -> tuple[tuple[str, ...] | None, bool, tuple[Finding, ...]]:
    """The repository's file paths (None: not listed), whether GitHub listed only part of them,
    and what to say of either."""
    if not answer.default_branch:
        said = "GitHub gave no default branch: its files were not listed"
        return None, False, (_finding(answer, said),)
    branch = quote(answer.default_branch, safe="")
    url = f"{api}/repos/{_quoted(answer.full_name)}/git/trees/{branch}"
    try:
        reply = reader.get(
            url, {"recursive": "1"}, (), max_bytes=TREE_MAX_BYTES, check=_tree_entries
        )
        data, entries = _tree_entries(reply)
    except NetFailure as failure:  # the repository's own answer (its licence) still stands
        said = f"its file list could not be read ({failure.explain()})"
        return None, False, (_finding(answer, said),)
    paths = tuple(entry["path"] for entry in entries if _is_file(entry))
    notes = []
    if reply.cached is not None and answer.cached is None:  # else the link says it once
        notes.append(_finding(answer, f"its file list is {reply.cached.describe()}"))
    partial = data.get("truncated") is True
    if partial:
        notes.append(_finding(answer, f"GitHub listed only part of its files ({len(paths):,})"))
    return paths, partial, tuple(notes)


def _tree_entries(reply: Reply) -> tuple[Mapping[str, Any], list[Any]]:
    data = _object(reply)
    entries = data.get("tree")
    if not isinstance(entries, list):
        raise Malformed("the tree is not a list", reply.url)
    if not isinstance(data.get("truncated", False), bool):
        # `"truncated": "true"` (or 1) was a complete list, whose silence rules files out
        raise Malformed("'truncated' is not true or false", reply.url)
    return data, entries


def _is_file(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and entry.get("type") == "blob"
        and isinstance(entry.get("path"), str)
    )


def _finding(answer: RepositoryAnswer, message: str) -> Finding:
    where = Provenance(SOURCE, answer.html_url or answer.full_name, "", Certainty.DETECTED)
    return Finding(FindingKind.NOTE, f"github.com/{answer.full_name}: {message}", (where,))


def _object(reply: Reply) -> Mapping[str, Any]:
    """The answer's JSON object.  A key named twice makes it malformed: GitHub names each field
    once, and of two `license` fields the last was the code's licence, "detected", where a
    reader keeping the first would have said another."""
    from osai.jsonsafe import NotJson, RepeatedKey, json_value

    try:
        data = json_value(reply.body, strict=True)
    except RepeatedKey as repeated:
        named = quoted_name(repeated.key, 40)
        raise Malformed(f"the answer names {named} twice", reply.url) from None
    except NotJson:
        raise Malformed("the answer is not JSON", reply.url) from None
    if not isinstance(data, dict):
        raise Malformed("the answer is not a JSON object", reply.url)
    return data


def _text(data: Mapping[str, Any], key: str, reply: Reply) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Malformed(f"'{key}' is not a string", reply.url)
    return value


def _full_name(data: Mapping[str, Any], requested: str, reply: Reply) -> str:
    """The repository's name as GitHub answers it (a moved one's new name), `requested` when it
    gives none.  It decides whose code it is, names the next requests and is repeated in the
    report, so it must be a GitHub `owner/name`."""
    full_name = _text(data, "full_name", reply) or requested
    if not GITHUB_FULL_NAME.fullmatch(full_name):
        raise Malformed("'full_name' is not a repository's owner/name", reply.url)
    return full_name


# A repository's web page as GitHub gives it: http(s), one line, none of what no address holds.
_WEB_PAGE = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"{}|\\^`]{1,2000}", re.IGNORECASE)


def _html_url(data: Mapping[str, Any], full_name: str, reply: Reply) -> str:
    """The repository's web page (GitHub's ``html_url``, else github.com's address for it).  It
    is the location every verdict on its code names, and a BOM's: a `javascript:` address with
    terminal escapes, kilobytes long, was reported as where the training code is."""
    html_url = _text(data, "html_url", reply)
    if not html_url:
        return f"https://github.com/{full_name}"
    page = web_address(html_url) if _WEB_PAGE.fullmatch(html_url) else None
    if page is None or page.path.strip("/").casefold() != full_name.casefold():
        raise Malformed("'html_url' is not the repository's web page", reply.url)
    return html_url


def _owner_login(data: Mapping[str, Any], reply: Reply) -> str:
    owner = data.get("owner")
    if owner is None:
        return ""
    if not isinstance(owner, dict):
        raise Malformed("'owner' is not an object", reply.url)
    login = _text(owner, "login", reply)
    full_name = _text(data, "full_name", reply)
    if login and full_name and full_name.split("/", 1)[0].casefold() != login.casefold():
        raise Malformed("'owner.login' is not the owner 'full_name' names", reply.url)
    return login


def _flag(data: Mapping[str, Any], key: str) -> bool | None:
    value = data.get(key)
    return value if isinstance(value, bool) else None


def _licence(data: Mapping[str, Any], reply: Reply) -> str:
    licence = data.get("license")
    if licence is None:
        return ""
    if not isinstance(licence, dict):
        raise Malformed("'license' is not an object", reply.url)
    spdx = licence.get("spdx_id")
    if spdx is None:
        return NO_LICENCE_IDENTIFIED
    if not isinstance(spdx, str) or not _SPDX_ID.fullmatch(spdx):
        # GitHub gives one licence's SPDX id (or NOASSERTION), never an expression: a number
        # was read as an unrecognised licence file, and a string of 5,000 characters, or with
        # a line break and escapes, was the code's licence, printed whole
        raise Malformed("'license.spdx_id' is not an SPDX licence id", reply.url)
    return spdx


_SPDX_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]{0,99}")


def _quoted(full_name: str) -> str:
    owner, _, name = full_name.partition("/")
    return f"{quote(owner, safe='')}/{quote(name, safe='')}"
