"""Licences recognised by their address: a card's `license_link`, arXiv's licence for a paper.

A link is reduced to host and path (scheme, "www.", query, fragment and a trailing slash dropped,
lower case); the longest known address that is that path or a prefix of it (at a "/") names the
licence.  Known addresses: every licence's `url` in rules/licenses*.yaml, and the address-like
aliases of rules/licenses-links.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from osai.hubrefs import site_address
from osai.licenses import LicenceKnowledge

MAX_LICENCE_URL_CHARS = 2_000  # as a manifest's link: longer, no address a person follows
_LICENCE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"{}|\\^`]+", re.IGNORECASE)


def licence_url(text: str) -> str:
    """A licence's link as a source gives it (a BOM's licence `url`, a card's license_link),
    where it is one to write again and follow: an http(s) URL of one line, bounded; "" for
    anything else (a hostile value is not copied into the BOM osai writes, whose `url` must be
    an IRI)."""
    stripped = text.strip()
    if len(stripped) > MAX_LICENCE_URL_CHARS or not _LICENCE_URL.fullmatch(stripped):
        return ""
    return stripped


def normalised_link(url: str) -> str:
    """`https://www.Example.org/a/b/?x#y` → `example.org/a/b`; "" for anything that is no URL."""
    text = url.strip()
    if not text:
        return ""
    site = site_address(text)
    if site is None:
        return ""
    host, split = site
    return f"{host}{split.path}".rstrip("/").lower()


def licence_of_link(url: str, knowledge: LicenceKnowledge) -> str | None:
    """The licence id (or alias target) a link names, if osai knows the address."""
    index = _index(knowledge)
    link = _within(normalised_link(url), max(map(len, index), default=0))
    while link:
        found = index.get(link)
        if found is not None:
            return found
        if "/" not in link:
            return None
        link = link.rsplit("/", 1)[0]
    return None


def _within(link: str, longest: int) -> str:
    """The longest part of `link` ending at a "/" (or the whole) that a known address as long as
    `longest` could be: a card's license_link of "a/" repeated 200,000 times was cut one segment
    at a time, 11 seconds a reading."""
    if len(link) <= longest:
        return link
    return link[: longest + 1].rsplit("/", 1)[0] if "/" in link[: longest + 1] else ""


# The index of the knowledge last asked about (a process uses one rule set at a time).
_BUILT: list[tuple[LicenceKnowledge, Mapping[str, str]]] = []


def _index(knowledge: LicenceKnowledge) -> Mapping[str, str]:
    if _BUILT and _BUILT[0][0] is knowledge:
        return _BUILT[0][1]
    index = _build(knowledge)
    _BUILT[:] = [(knowledge, index)]
    return index


def _build(knowledge: LicenceKnowledge) -> Mapping[str, str]:
    index: dict[str, str] = {}
    for key, target in knowledge.aliases.items():
        if "/" in key and "." in key.split("/", 1)[0] and " " not in key:
            index[normalised_link(key)] = target
    for info in (*knowledge.custom.values(), *knowledge.spdx.values()):
        if not info.url:
            continue
        index.setdefault(normalised_link(info.url), info.id)
    return index
