"""Secrets (tokens, passwords in URLs) removed from everything a release says, before any report.

Belt and braces: the backends never put a secret into evidence knowingly; this makes sure none
slips through a message, a finding, a provenance, a licence or a fact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

from osai.evidence import Finding, FollowedLink, LicenceFact, Provenance, Release

MASK = "***"


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret, as is and percent-encoded (as a URL carries it), replaced by
    ``***``: the one redaction of every layer (the HTTP layer's masked the encoded form, the
    report's did not, so a token quoted in an address reached a report)."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK).replace(quote(secret, safe=""), MASK)
    return text


# A secret shorter than this counts in an address only as a whole part of it (a path segment, a
# query value, the user or the password): a mirror's password `cd` is no credential in a CDN's
# /repos/x/cd/blob, and refusing that redirect broke a download
WHOLE_ONLY_BELOW = 8


def carries_secret(url: str, secrets: Iterable[str]) -> bool:
    """Whether the address ``url`` carries one of ``secrets`` where an address carries a
    credential: its user:password@, path, query or fragment, as is or percent-encoded; never its
    host or port (a password `1` matched 127.0.0.1).  An address no parser splits is taken whole,
    on the safe side."""
    try:
        split = urlsplit(url)
    except ValueError:
        return redact(url, secrets) != url
    userinfo = split.netloc.rpartition("@")[0]
    carried = "\n".join((userinfo, split.path, split.query, split.fragment))
    parts = {
        unquote(part)
        for part in (
            *userinfo.split(":"),
            *split.path.split("/"),
            *(value for _, value in parse_qsl(split.query, keep_blank_values=True)),
            split.fragment,
        )
    }
    for secret in filter(None, secrets):
        if len(secret) < WHOLE_ONLY_BELOW:
            if secret in parts:
                return True
        elif redact(carried, (secret,)) != carried or secret in unquote(carried):
            return True
    return False


def without_credentials(url: str) -> str:
    """A URL without any user:password@ part.  Someone else's address may be no URL Python can
    split (`http://[::1`, an unclosed IPv6 host): its authority is cut at its last `@` as
    written, rather than the report fail."""
    if "@" not in url:
        return url  # nothing to remove, and the address is shown exactly as given
    try:
        split = urlsplit(url)
    except ValueError:
        scheme, sep, rest = url.partition("://")
        if not sep:
            return url
        authority, slash, path = rest.partition("/")
        return f"{scheme}://{authority.rpartition('@')[2]}{slash}{path}"
    return urlunsplit(split._replace(netloc=split.netloc.rpartition("@")[2]))


def url_password(url: str) -> str:
    try:
        return urlsplit(url).password or ""
    except ValueError:
        return ""


def redacted_release(release: Release, secrets: tuple[str, ...]) -> Release:
    """The release with every secret removed from its text, and every address it is found at
    without the user:password@ its source wrote (_addresses_without_credentials)."""
    release = _addresses_without_credentials(release)
    if not any(secrets):
        return release
    components = {
        key: replace(
            evidence,
            provenance=tuple(_provenance(p, secrets) for p in evidence.provenance),
            licence=_licence(evidence.licence, secrets),
            location=redact(evidence.location, secrets),
        )
        for key, evidence in release.components.items()
    }
    facts = {
        key: replace(
            fact,
            value=redact(fact.value, secrets),
            items=tuple(redact(item, secrets) for item in fact.items),
            provenance=_provenance(fact.provenance, secrets),
        )
        for key, fact in release.facts.items()
    }
    return replace(
        release,
        findings=tuple(_finding(f, secrets) for f in release.findings),
        components=components,
        links=tuple(_link(link, secrets) for link in release.links),
        base_licences=tuple(
            replace(base, licence=_licence(base.licence, secrets) or base.licence)
            for base in release.base_licences
        ),
        farther_bases=tuple(
            replace(base, licence=_licence(base.licence, secrets)) for base in release.farther_bases
        ),
        named_links=tuple(
            replace(named, cited=_provenance(named.cited, secrets)) for named in release.named_links
        ),
        facts=facts,
        producer=redact(release.producer, secrets),
        name=redact(release.name, secrets),
        document=redact(release.document, secrets),
        distribution=redact(release.distribution, secrets),
        task=redact(release.task, secrets),
        architecture=redact(release.architecture, secrets),
    )


def _addresses_without_credentials(release: Release) -> Release:
    """Where the release and its components are found, without a user:password@: a token is
    no secret of this run (it is a source's: an AI BOM's distribution, a manifest's
    component_path), so removing the run's secrets left it, and an address at a private
    mirror printed its token in the text, JSON and Markdown reports and the BOMs osai writes,
    as a base's did (bom_model.base_shown)."""
    located = {
        key: replace(evidence, location=without_credentials(evidence.location))
        for key, evidence in release.components.items()
        if "@" in evidence.location
    }
    if not located and "@" not in release.document + release.distribution:
        return release
    return replace(
        release,
        components={**release.components, **located},
        document=without_credentials(release.document),
        distribution=without_credentials(release.distribution),
    )


def _finding(finding: Finding, secrets: tuple[str, ...]) -> Finding:
    return replace(
        finding,
        message=redact(finding.message, secrets),
        provenance=tuple(_provenance(p, secrets) for p in finding.provenance),
    )


def _link(link: FollowedLink, secrets: tuple[str, ...]) -> FollowedLink:
    """A followed link: its answer (and why a kept one stood in) are a server's words."""
    cached = link.cached
    return replace(
        link,
        url=redact(link.url, secrets),
        answer=redact(link.answer, secrets),
        licence=redact(link.licence, secrets),
        cached=replace(cached, because=redact(cached.because, secrets)) if cached else None,
    )


def _licence(licence: LicenceFact | None, secrets: tuple[str, ...]) -> LicenceFact | None:
    if licence is None:
        return None
    return licence.restated(lambda p: _provenance(p, secrets), lambda text: redact(text, secrets))


def _provenance(provenance: Provenance, secrets: tuple[str, ...]) -> Provenance:
    return replace(
        provenance,
        location=redact(provenance.location, secrets),
        value=redact(provenance.value, secrets),
        note=redact(provenance.note, secrets),
    )
