"""Hugging Face Hub references, pure string work: `org/name` or a huggingface.co URL → repository id
and revision; whether a name a card gives (a base model, a dataset) is a repository id at all; and
the GitHub repository a web address names (the one code host whose repositories osai reads)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit

from osai.textsafe import one_line

HUB_URL_HOSTS = ("huggingface.co", "www.huggingface.co", "hf.co")
GITHUB_HOSTS = ("github.com",)
# A repository's `owner/name` as GitHub allows them (a login of at most 39 characters, a name of
# at most 100 of letters, digits, '.', '-' and '_', never `.` or `..`), a little wider: anything
# else is no name, and no part of an API path (a link to `github.com/../user`, taken for the
# repository "../user", sent GET {api}/user; `github.com/a/..`, GET {api}/repos).
GITHUB_FULL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}/(?!\.\.?$)[A-Za-z0-9_.-]{1,100}")
HUB_SOURCE = "hub"  # Release.source of a model read from the Hub
DEFAULT_REVISION = "main"  # what a Hub id alone names (huggingface_hub's DEFAULT_REVISION)
# A commit's hash as the Hub gives it (and a git blob's id), lower case, never a branch: what
# huggingface_hub names a cache snapshot's folder and its blobs by
COMMIT = re.compile(r"[0-9a-f]{40}")

_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?"
# A user's or an organisation's name has no dot: the Hub's forms take letters, digits and dashes
# (underscores are let through for names older than those rules, as `--` is), so
# `github.com/EleutherAI` is a web address, never the repository EleutherAI of an owner
# `github.com`.  A repository's own name may have dots (`pythia-1.4b`).
_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9_-]{0,94}[A-Za-z0-9])?"
_REPO_ID = re.compile(rf"{_OWNER}/{_NAME}")
_LEGACY_ID = re.compile(_NAME)
# A host name as a scheme-less web address starts with one (`github.com/…`, `www.example.org`):
# dotted labels, the last of letters
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
# The endings of the sites a card links (GitHub, GitLab, arXiv, a lab's own site): a scheme-less
# `host.ending/...` is taken for a web address only with one of these.
_WEB_TOP_LEVEL = frozenset({"com", "org", "net", "io", "ai", "dev", "edu", "gov", "co", "app"})
# Path segments under huggingface.co that are not an organisation: `/blog/x` is no model (it was
# read as the model blog/x).  One list, for the card's links and the databases' fields alike.
NOT_AN_OWNER = frozenset(
    {
        "datasets", "spaces", "collections", "docs", "papers", "blog", "models", "organizations",
        "settings", "api", "login", "join", "pricing", "learn", "tasks", "chat", "posts",
        "enterprise", "new", "search", "hub", "changelog", "storage",
    }
)  # fmt: skip


# `org/name/tree/rev`; after one name (`gpt2/tree/main`), a legacy id's page.  `commit/SHA`, the
# page of one commit, names that commit (it was read as main, the verdict of another commit).
URL_VERBS = frozenset({"tree", "blob", "resolve", "raw", "blame", "commits", "commit", "edit"})
# A pull request's ref (`refs/pr/1`): huggingface.co writes it `refs%2Fpr%2F1` in its addresses,
# a user may type it with its slashes; `tree/main/sub` is the folder sub of main
_PR_REF = re.compile(r"refs/pr/[0-9]+")
# Repositories that are not models: their URLs start so; what such a URL shows instead.
_KINDS = {"datasets": "a dataset's page", "spaces": "a Space's page"}


@dataclass(frozen=True)
class _CodeSite:
    """A code host whose address names an owner (one name) or a repository (more)."""

    name: str  # "GitHub"
    owner: str  # what one name under it is: "organisation or user"
    # a manifest's release.repository there is read with --follow (osai.links.plan: GitHub only)
    followed: bool = False
    # first path segments that are the site's own pages, not an owner: `github.com/orgs/X` is
    # an organisation's page, `github.com/topics/llm` and `github.com/features` the site's
    pages: frozenset[str] = frozenset()
    owner_pages: frozenset[str] = frozenset()  # of those, the ones whose next segment is an owner


_CODE_SITES = {
    "github.com": _CodeSite(
        "GitHub",
        "organisation or user",
        followed=True,
        pages=frozenset(
            {
                "orgs",
                "users",
                "topics",
                "features",
                "marketplace",
                "explore",
                "trending",
                "collections",
                "sponsors",
                "settings",
                "about",
                "pricing",
                "enterprise",
                "search",
                "login",
                "join",
                "apps",
                "notifications",
                "codespaces",
            }
        ),
        owner_pages=frozenset({"orgs", "users", "sponsors"}),
    ),
    "gitlab.com": _CodeSite("GitLab", "group or user"),
    "codeberg.org": _CodeSite("Codeberg", "organisation or user"),
    "bitbucket.org": _CodeSite("Bitbucket", "workspace"),
}

# What osai takes instead, as the rest of the refusal's line
_GIVE_A_MODEL = "give a model's OWNER/NAME or its huggingface.co URL"
_ON_THE_HUB = f"; osai checks models: {_GIVE_A_MODEL}"
_AN_OWNER = f", not a model: {_GIVE_A_MODEL}"
_CLONE = ", not a model: clone it and check the directory"
_FOLLOW = f"{_CLONE}, or give it as a manifest's release.repository and check that with --follow"
_ANYTHING = (
    ", not a model; osai checks a Hugging Face model id or URL, a model directory, a model card, "
    "a manifest or an AI BOM"
)


@dataclass(frozen=True)
class NotAModel:
    """What a web address that names no model shows, and what osai checks instead."""

    shows: str  # "a dataset's page", "a GitHub repository"
    instead: str  # the rest of the line, from its separator on

    def said(self) -> str:
        return f"{self.shows}{self.instead}"


# What the Hub's own prefix in a repository's id (`datasets/allenai/c4`, as `hf download
# --repo-type` and the Hub's URLs write it) names instead of a model.
_PREFIXED_IDS = {"datasets": "a dataset's id on the Hub", "spaces": "a Space's id on the Hub"}


def prefixed_id_not_a_model(text: str) -> NotAModel | None:
    """`datasets/OWNER/NAME` or `spaces/OWNER/NAME` (or a legacy one-name dataset,
    `datasets/c4`), typed without the site: what it names, and what osai checks; None for any
    other text."""
    parts = text.strip().split("/")
    if len(parts) not in (2, 3) or not all(parts):
        return None
    kind = _PREFIXED_IDS.get(parts[0].casefold())
    return NotAModel(kind, _ON_THE_HUB) if kind is not None else None


def parse_hub_target(text: str) -> str | None:
    """``org/name`` or ``https://huggingface.co/org/name[/tree/rev]`` → ``org/name``; a legacy
    id without an organisation (``gpt2``, ``bert-base-uncased``, which the Hub redirects to
    their organisation's copy) as it is; else None.

    A relative path such as ``models/mine`` is also a valid repository id: callers check for a
    local path first.
    """
    candidate = text.strip()
    parts = model_url_segments(candidate)
    if parts is None:
        return candidate if is_hub_id(candidate) else None
    if not parts or parts[0].casefold() in NOT_AN_OWNER:
        return None
    return _named_id(parts)


def parse_hub_revision(text: str) -> str | None:
    """The revision a Hub URL names (``.../tree/<rev>`` or ``.../blob/<rev>/...``), if any."""
    parts = model_url_segments(text.strip())
    if parts is None:
        return None
    verb = 1 if len(parts) > 1 and parts[1] in URL_VERBS else 2
    if len(parts) < verb + 2 or parts[verb] not in URL_VERBS:
        return None
    return _revision(parts[verb + 1 :])


def _revision(segments: list[str]) -> str | None:
    """The revision the segments after a URL's verb name: the first, as the Hub writes it (a
    branch `feature/x` is `feature%2Fx`, a pull request's `refs%2Fpr%2F1`: the revision sent
    was `refs%2Fpr%2F1`, which the Hub said it did not know), or a pull request's ref typed with
    its slashes (`refs/pr/1`, which was asked for as the branch `refs`)."""
    typed = "/".join(segments[:3])
    if _PR_REF.fullmatch(typed):
        return typed
    return unquote(segments[0]) or None


HUB_PURL = "pkg:huggingface/"  # the Package URL type of a Hub model (purl-spec)


@dataclass(frozen=True)
class HubPurl:
    """What a pkg:huggingface purl names: the model, and the revision it pins ('' for none)."""

    repo_id: str
    revision: str


def read_hub_purl(text: str) -> HubPurl | None:
    """``pkg:huggingface/org/name[@commit][?qualifiers][#subpath]`` → ``org/name`` (a legacy id,
    ``pkg:huggingface/gpt2``, as it is) and ``commit`` (as written); None for anything else.
    The one reading of a Hub purl: the model's id and its revision were read apart, twice."""
    candidate = text.strip()
    if not candidate.casefold().startswith(HUB_PURL):
        return None
    # the qualifiers and subpath come after the version: an '@' among them pins nothing
    path, _, revision = re.split(r"[?#]", candidate[len(HUB_PURL) :], maxsplit=1)[0].partition("@")
    named = "/".join(unquote(part) for part in path.split("/"))
    return HubPurl(named, revision) if is_hub_id(named) else None


def parse_hub_purl(text: str) -> str | None:
    """The Hub model a purl names (read_hub_purl), or None."""
    found = read_hub_purl(text)
    return found.repo_id if found else None


def hub_model_address(text: str) -> str | None:
    """The Hub model an address names: a huggingface.co model URL's id, or a pkg:huggingface
    purl's; None for anything else, a bare name too (`pythia`: a word, not an address)."""
    if is_hub_url(text):
        return parse_hub_target(text)
    return parse_hub_purl(text)


def named_hub_model(text: str) -> str | None:
    """The Hub model a base model's name names, however a source names it: by its id or a
    huggingface.co address (a card, a manifest), or a pkg:huggingface purl (an AI BOM); None
    for a name that is none (`LLaMA 2`, a local path)."""
    return parse_hub_target(text) or parse_hub_purl(text)


def one_each(bases: Sequence[str]) -> tuple[str, ...]:
    """The bases a release names, one for each Hub model however it is named (its id in any
    case, its address, a purl), as --follow reads them: a card naming EleutherAI/pythia-70m
    and eleutherai/PYTHIA-70M waited on both, and was told --follow reads "its 2 base
    models", one repository.  A name that is no Hub id stays as written."""
    found: dict[str, str] = {}
    for base in bases:
        found.setdefault(base_key(base), base)
    return tuple(found.values())


def base_key(base: str) -> str:
    """What two names of one base share (its Hub id in any case, however named; a name that is
    no Hub id, folded), for `one_each` and whoever keeps a name's other data beside it."""
    return (named_hub_model(base) or base).casefold()


def parse_hub_dataset_url(text: str) -> str | None:
    """``https://huggingface.co/datasets/org/name[/tree/rev]`` → ``org/name`` (a legacy id,
    ``…/datasets/c4``, as it is); None for anything that is not a Hub dataset's URL."""
    return _kind_id(model_url_segments(text.strip()), "datasets")


def hub_repository_path(text: str) -> str | None:
    """The repository a Hub URL names, as its path on huggingface.co: ``org/name`` for a model
    (``/models/`` and a ``/tree/rev`` dropped), ``datasets/org/name``, ``spaces/org/name``; ""
    for a Hub page that names none (docs, collections); None for a URL that is not the Hub's.
    A model, a dataset and a space of one name are three repositories."""
    parts = model_url_segments(text.strip())
    if parts is None:
        return None
    for kind in _KINDS:
        found = _kind_id(parts, kind)
        if found is not None:
            return f"{kind}/{found}"
    if parts and parts[0].casefold() in _KINDS:
        return ""
    return parse_hub_target(text) or ""


def is_hub_url(text: str) -> bool:
    """A huggingface.co URL (scheme optional), whatever page it shows."""
    return model_url_segments(text.strip()) is not None


def page_not_a_model(text: str) -> NotAModel | None:
    """What a web address shows when it names no model.  On the Hub: "a dataset's page", "a
    Space's page", or "a huggingface.co page that names no model" (docs, collections, the site
    itself).  On a code host: "a GitHub repository", "a GitLab group or user".  Elsewhere: "a web
    page".  None for a Hub model's URL, or for a text that is no web address (web_address_host:
    a caller that knows the disk tells a path from a scheme-less address first)."""
    candidate = text.strip()
    parts = model_url_segments(candidate)
    if parts is not None:
        if parse_hub_target(candidate) is not None:
            return None
        kind = parts[0].casefold() if parts else ""
        return NotAModel(_KINDS.get(kind, "a huggingface.co page that names no model"), _ON_THE_HUB)
    host = web_address_host(candidate)
    return None if host is None else _site_page(host, candidate)


def _site_page(host: str, address: str) -> NotAModel:
    """What an address on a site other than the Hub shows: a code host's repository or owner,
    or a web page."""
    site = _code_site(host)
    split = web_address(address)
    parts = [part for part in split.path.split("/") if part] if split is not None else []
    if site is None or not parts:
        return NotAModel("a web page", _ANYTHING)
    if parts[0].casefold() in site.pages:
        if parts[0].casefold() in site.owner_pages and len(parts) > 1:
            return NotAModel(f"a {site.name} {site.owner}", _AN_OWNER)
        return NotAModel(f"a {site.name} page", _ANYTHING)
    if len(parts) == 1:
        return NotAModel(f"a {site.name} {site.owner}", _AN_OWNER)
    return NotAModel(f"a {site.name} repository", _FOLLOW if site.followed else _CLONE)


def github_repository(url: str) -> str | None:
    """`owner/repo` of a github.com URL (or of its SSH form, `as_web_address`), or None (a name
    GitHub cannot give one: `..`, `a b`)."""
    split = web_address(as_web_address(url))
    if split is None or split.hostname not in GITHUB_HOSTS:
        return None
    parts = [p for p in split.path.split("/") if p]
    if len(parts) < 2 or parts[0].casefold() in site_pages(split.hostname):
        return None  # `github.com/orgs/EleutherAI` is an organisation's page, not a repository
    name = f"{parts[0]}/{parts[1].removesuffix('.git')}"
    return name if GITHUB_FULL_NAME.fullmatch(name) else None


def site_pages(host: str) -> frozenset[str]:
    """The first path segments that are a code host's own pages, not an owner's name
    (`github.com/orgs/…`, `github.com/topics/…`): no repository is named under them."""
    site = _code_site(host)
    return site.pages if site is not None else frozenset()


def web_address(text: str) -> SplitResult | None:
    """A web address's parts (`with_scheme`); None when Python's parser refuses it
    (`https://[oops`, an IPv6 host never closed): a card's, a manifest's or a BOM's text may be
    anything, and such an address names nothing."""
    try:
        return urlsplit(with_scheme(text))
    except ValueError:
        return None


def site_address(text: str) -> tuple[str, SplitResult] | None:
    """A web address that names a site: its host (lower case, without "www.") and its parts;
    None when it names none (`web_address` refuses it, or its host has no dot: `localhost`,
    `model`, `www.x`), so a manifest's, a card's or a BOM's bare word is never taken for a
    site by one reader and not by another."""
    split = web_address(text)
    if split is None:
        return None
    host = (split.hostname or "").removeprefix("www.")
    return (host, split) if "." in host else None


# git's scp-like SSH address: user@host:path, no scheme, no port (git reads what follows the colon
# as the path), with a dotted host so that `c:path` or `localhost:x` is no repository.
_SCP_LIKE = re.compile(
    r"[A-Za-z0-9_.-]+@(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+):(?!/)(?P<path>[A-Za-z0-9_.~/-]+)"
)


def as_web_address(text: str) -> str:
    """git's SSH form of a repository's address (`git@github.com:EleutherAI/gpt-neox.git`, which
    GitHub offers beside the https one, and which developers paste into a manifest) as the web
    address of the same repository (`https://github.com/EleutherAI/gpt-neox`); other text as
    it is."""
    found = _SCP_LIKE.fullmatch(text.strip())
    if found is None:
        return text
    path = found["path"].strip("/").removesuffix(".git")
    return f"https://{found['host'].casefold()}/{path}"


def with_scheme(text: str) -> str:
    """A web address as osai reads one: https:// when it gives no scheme (`github.com/a/b`)."""
    return text if "://" in text else f"https://{text}"


def _code_site(host: str) -> _CodeSite | None:
    return _CODE_SITES.get(host.casefold().removeprefix("www."))


def _kind_id(parts: list[str] | None, kind: str) -> str | None:
    """The id in a URL's path under ``/{kind}/`` (``datasets``, ``spaces``), a legacy one-name
    id as it is; None when the path is not under it or names no repository."""
    if parts is None or len(parts) < 2 or parts[0].casefold() != kind:
        return None
    return _named_id(parts[1:])


def _named_id(parts: list[str]) -> str | None:
    """The id a URL's path names from its owner on: ``org/name``, or a legacy one-name id
    (``gpt2``, ``t5-base/tree/main``); None when the Hub would not allow it."""
    # a verb is one only when followed by what it shows: `org/commit` is the model commit
    legacy = len(parts) == 1 or (parts[1] in URL_VERBS and len(parts) > 2)
    candidate = parts[0] if legacy else f"{parts[0]}/{parts[1]}"
    return candidate if is_hub_id(candidate) else None


def is_hub_id(candidate: str) -> bool:
    """A repository id the Hub allows: ``org/name``, or a legacy one-name id (``gpt2``)."""
    return is_repo_id(candidate) or is_legacy_id(candidate)


def is_model_id(candidate: str) -> bool:
    """A Hub id a model can have: one the Hub allows (`is_hub_id`) whose page on huggingface.co
    is that model's, as a manifest's `huggingface:` field is read back (not `datasets/x`, the
    page of a dataset, nor `models/x`, the page of the model `x`)."""
    page = f"https://{HUB_URL_HOSTS[0]}/{candidate}"
    return is_hub_id(candidate) and parse_hub_target(page) == candidate


def is_legacy_id(candidate: str) -> bool:
    """A model id from before the Hub had organisations: one name, no slash; not a web host
    (`www.example.org`, `arxiv.org`, `github.com`), which no legacy model is named: those
    names are frozen (no new one-name model can be made), and none ends in a site's ending."""
    return (
        _LEGACY_ID.fullmatch(candidate) is not None
        and _hub_allows(candidate)
        and not _reads_as_web_host(candidate)
    )


def model_url_segments(text: str) -> list[str] | None:
    """The path segments of a Hub model URL (``models/`` dropped); None if ``text`` is no Hub
    URL."""
    parts = hub_url_segments(text)
    if parts and parts[0] == "models":
        return parts[1:]
    return parts


def hub_url_segments(text: str) -> list[str] | None:
    """The path segments of a Hub URL as written (scheme optional, no query or fragment); None
    if ``text`` is no Hub URL.  A host is read in any case, as DNS reads it."""
    hosts = tuple(f"{host}/" for host in HUB_URL_HOSTS)
    folded = text.casefold()
    if "://" not in text and not (folded.startswith(hosts) or folded in HUB_URL_HOSTS):
        return None
    split = web_address(text)
    if (
        split is None
        or split.scheme not in ("http", "https")
        or split.hostname not in HUB_URL_HOSTS
    ):
        return None
    return [part for part in split.path.split("/") if part]


# How the Hub grants a gated repository (its API's `gated`: false or one of these).
HUB_GATE_KINDS = ("manual", "auto")


def gated_state(value: object) -> str | None:
    """The Hub's `gated` field (of a model, a base model or a dataset, in a check or a census):
    "" when it says not gated, its kind ("manual", "auto") when it is, None when it says neither.
    Another value is none the Hub documents: not read (it was carried as it came, of any length,
    by the check and refused by the census, one field read two ways)."""
    if value is False:
        return ""
    return value if isinstance(value, str) and value in HUB_GATE_KINDS else None


def at_commit(repo_id: str, revision: str) -> str:
    """A Hub repository read at a commit, as evidence cites it: `bigscience/bloom@5fc520d`."""
    return f"{repo_id}@{revision[:7]}"


_AT_COMMIT = re.compile(r"(?P<repo>[^@\s]+)@[0-9a-f]{7}")


def without_commit(location: str) -> str:
    """A location `at_commit` wrote, as the repository alone (anything else as it is): what a
    finding about the repository is about, whichever commit it was read at."""
    found = _AT_COMMIT.fullmatch(location)
    return found["repo"] if found and is_repo_id(found["repo"]) else location


def is_repo_id(candidate: str) -> bool:
    return _REPO_ID.fullmatch(candidate) is not None and _hub_allows(candidate)


def is_owner_name(candidate: str) -> bool:
    """A name a Hub user or organisation may have (``EleutherAI``; not ``github.com``)."""
    return re.fullmatch(_OWNER, candidate) is not None and _hub_allows(candidate)


def web_address_host(text: str) -> str | None:
    """The host of a web address that is not the Hub's: an http(s) URL, or a scheme-less one
    whose first segment reads as a site's host (``github.com/EleutherAI``, ``arxiv.org``,
    ``www.example.org``); None for anything else (a Hub URL, an id, a path such as
    ``model.bin``)."""
    candidate = text.strip()
    if is_hub_url(candidate):
        return None
    if "://" in candidate:
        split = web_address(candidate)
        if split is None or split.scheme not in ("http", "https"):
            return None
        return split.hostname or None
    first = candidate.partition("/")[0]
    return first.casefold() if _reads_as_web_host(first) else None


def _reads_as_web_host(name: str) -> bool:
    """A name that reads as a site's host: `www.` and dotted, or dotted with an ending of the
    sites cards link.  Not any dotted name: `checkpoints.old/x` is a path not there (its error
    says so), not a web page."""
    if _DOMAIN.fullmatch(name) is None:
        return False
    host = name.casefold()
    return host.startswith("www.") or host.rpartition(".")[2] in _WEB_TOP_LEVEL


def _hub_allows(candidate: str) -> bool:
    """The Hub's rules a name's characters alone do not settle: no `--`, no `..`, no `.git`."""
    return "--" not in candidate and ".." not in candidate and not candidate.endswith(".git")


def hub_organisation(repo_id: str) -> str:
    """The organisation (or user) a Hub id is under, the model's producer when nothing names
    another: `EleutherAI` of `EleutherAI/pythia-70m`; a legacy id (`gpt2`) is its own."""
    return repo_id.split("/", 1)[0]


def web_roots(repo_id: str, endpoint: str) -> tuple[str, ...]:
    """The URLs under which the repository's files are shown (``{root}/blob/{rev}/{path}``)."""
    roots = [f"https://{host}/{repo_id}" for host in HUB_URL_HOSTS]
    return (*roots, f"{endpoint.rstrip('/')}/{repo_id}")


def names_itself(base: str, own_ids: frozenset[str]) -> bool:
    """Whether a base model's name (an id, or a Hub URL) names the model itself (`own_ids`: its
    Hub ids, case-folded, as known_ids gives them)."""
    return (parse_hub_target(base) or "").casefold() in own_ids


def itself_ignored(named_as: str, base: str) -> str:
    """The warning that a base model naming the model itself is ignored (a card's, an adapter's
    config's, a manifest's): a model is not derived from itself."""
    return f"{named_as} names this model itself ({one_line(base, 80)}): ignored"


def known_ids(hub_id: str, *others: str) -> frozenset[str]:
    """The Hub ids a model is known by (`hub_id`: as asked for, or as a cache snapshot's path
    names it; `others`: as the Hub answers), case-folded, to tell whether a name is the model
    itself; none for a model that is not a Hub repository (no `hub_id`)."""
    if not hub_id:
        return frozenset()
    return frozenset(i.casefold() for i in (hub_id, *others) if i)
