"""Hugging Face Hub targets: ``org/name`` or a huggingface.co URL → repository id and revision."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

HUB_URL_HOSTS = ("huggingface.co", "www.huggingface.co", "hf.co")

_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?"
_REPO_ID = re.compile(rf"{_NAME}/{_NAME}")
_NOT_MODEL_PATHS = frozenset({"datasets", "spaces", "docs", "api", "collections", "papers"})


def parse_hub_target(text: str) -> str | None:
    """``org/name`` or ``https://huggingface.co/org/name[/tree/rev]`` → ``org/name``; else None.

    A relative path such as ``models/mine`` is also a valid repository id: callers check for a
    local path first.
    """
    candidate = text.strip()
    parts = _url_path_parts(candidate)
    if parts is not None:
        if len(parts) < 2 or parts[0] in _NOT_MODEL_PATHS:
            return None
        candidate = f"{parts[0]}/{parts[1]}"
    return candidate if is_repo_id(candidate) else None


def parse_hub_revision(text: str) -> str | None:
    """The revision a Hub URL names (``.../tree/<rev>`` or ``.../blob/<rev>/...``), if any."""
    parts = _url_path_parts(text.strip())
    if parts is None or len(parts) < 4 or parts[2] not in ("tree", "blob", "resolve"):
        return None
    return parts[3] or None


def _url_path_parts(text: str) -> list[str] | None:
    """The path segments of a Hub model URL (scheme optional); None if ``text`` is no Hub URL."""
    if "://" not in text and not text.startswith(tuple(f"{host}/" for host in HUB_URL_HOSTS)):
        return None
    split = urlsplit(text if "://" in text else f"https://{text}")
    if split.scheme not in ("http", "https") or split.hostname not in HUB_URL_HOSTS:
        return None
    parts = [part for part in split.path.split("/") if part]
    if parts and parts[0] == "models":
        parts = parts[1:]
    return parts


def is_repo_id(candidate: str) -> bool:
    return (
        _REPO_ID.fullmatch(candidate) is not None
        and "--" not in candidate
        and ".." not in candidate
        and not candidate.endswith(".git")
    )


def web_roots(repo_id: str, endpoint: str) -> tuple[str, ...]:
    """The URLs under which the repository's files are shown (``{root}/blob/{rev}/{path}``)."""
    roots = [f"https://{host}/{repo_id}" for host in HUB_URL_HOSTS]
    return (*roots, f"{endpoint.rstrip('/')}/{repo_id}")
