"""Secrets (tokens, passwords in URLs) removed from what osai shows.

The run's secrets (run_secrets) are the environment's tokens whatever the target: a local
directory's file may quote them as a Hub answer may.  They are removed where text leaves osai (the
command line's lines and reports, osai.cli.terminal; the census store), never from what is judged:
a token `e` rewrote "Apache-2.0" in evidence and flipped a verdict.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit

from osai.evidence import Release

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
# /repos/x/cd/blob, and refusing that redirect broke a download.  Nor is it removed from what is
# shown (shown): HF_TOKEN=e made every "e" of a report `***`, its JSON keys too.
WHOLE_ONLY_BELOW = 8

# Where a token the run may send is set (huggingface_hub reads HF_TOKEN, then its legacy name;
# GitHub's, osai.backends.github.TOKEN_VARIABLES), and the addresses whose password is one.
TOKEN_VARIABLES = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN")
ADDRESS_VARIABLES = ("HF_ENDPOINT", "GITHUB_API_URL", "OSAI_ARXIV_URL")


def clean_token(value: str) -> str:
    """A token as huggingface_hub cleans its own, and as osai sends one (osai.net.tokens): line
    breaks dropped, blanks around it stripped (a CI secret pasted with its newline)."""
    return value.replace("\r", "").replace("\n", "").strip()


def run_secrets(environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The run's secrets, whatever its target: the environment's tokens, the passwords of the
    addresses it names, and the token huggingface_hub stored (`hf auth login`), sent or not.
    The one place that says what is a secret: a local target's was none (its errors and
    reports printed HF_TOKEN as a README quoted it)."""
    env = os.environ if environ is None else environ
    tokens = [env.get(name, "") for name in TOKEN_VARIABLES]
    # as set, and as sent: a pasted token's newline is no part of what a report may quote
    found = [*tokens, *map(clean_token, tokens)]
    passwords = [url_password(env.get(name, "")) for name in ADDRESS_VARIABLES]
    # as written, and as sent: `p%40ss` in HF_ENDPOINT is the password p@ss a request carries
    found += [*passwords, *map(unquote, passwords)]
    found.append(_stored_token(env))
    return tuple(dict.fromkeys(secret for secret in found if secret))


def _stored_token(env: Mapping[str, str]) -> str:
    """huggingface_hub's stored token, read where it reads it (stored_token_path)."""
    try:
        with stored_token_path(env).open("rb") as handle:
            return handle.read(4096).decode("utf-8", "replace").strip()
    except OSError:
        return ""


def stored_token_path(env: Mapping[str, str]) -> Path:
    """Where huggingface_hub reads its stored token (constants.HF_TOKEN_PATH), found as it finds
    it, without importing it: a check of manifests loads no Hub client.  Its variables' `~` and
    `$VAR` expanded as it expands them: HF_HOME='$HOME/hf' (a Docker --env-file or a systemd
    unit leaves it so) had huggingface_hub send the token stored there and osai show it in every
    report.  tests/test_redaction_output.py holds the two to the same path."""
    default = os.path.join(os.path.expanduser("~"), ".cache")
    home = _expanded(
        env.get("HF_HOME", os.path.join(env.get("XDG_CACHE_HOME", default), "huggingface")), env
    )
    return Path(_expanded(env.get("HF_TOKEN_PATH", os.path.join(home, "token")), env))


def _expanded(path: str, env: Mapping[str, str]) -> str:
    """``path`` with `~` and `$VAR` expanded (os.path.expandvars, against ``env``)."""
    path = os.path.expanduser(path)
    if "$" not in path:
        return path
    return _VARIABLE.sub(lambda found: env.get(found["name"] or found["braced"], found[0]), path)


# A variable os.path.expandvars expands: $NAME or ${NAME}
_VARIABLE = re.compile(r"\$(?:(?P<name>\w+)|\{(?P<braced>[^}]*)\})", re.ASCII)


def shown(text: str, secrets: Iterable[str]) -> str:
    """``text`` as osai shows it: each secret long enough to be one (WHOLE_ONLY_BELOW) masked,
    whole or cut (_cut_masked)."""
    for secret in secrets:
        if len(secret) >= WHOLE_ONLY_BELOW:
            text = _cut_masked(redact(text, (secret,)), secret)
    return text


# How osai marks text it cut (osai.textsafe: one_line's "…", a quote's "..."), as a JSON string
# with ASCII escapes writes the ellipsis too
CUT_MARKS = ("...", "…", "\\u2026")


def _cut_masked(text: str, secret: str) -> str:
    """``text`` with each cut start of ``secret`` masked: its first WHOLE_ONLY_BELOW characters,
    and as many more as follow, where a cut mark (CUT_MARKS) or the text's end follows them.  A
    message quoting a file cuts it (`found 'TOKEN=ghp_SECRETGH...'`), and the token's first half
    was shown; a start no cut follows is no token's (a password `frameworks2026` in HF_ENDPOINT
    made a JSON report's key "frameworks" "***", and a CI reading it found no verdicts)."""
    head = secret[:WHOLE_ONLY_BELOW]
    found = text.find(head)
    if found < 0:
        return text
    parts: list[str] = []
    start = 0
    while found >= 0:
        end, matched = found + len(head), len(head)
        while end < len(text) and matched < len(secret) and text[end] == secret[matched]:
            end, matched = end + 1, matched + 1
        if end == len(text) or text.startswith(CUT_MARKS, end):
            parts += (text[start:found], MASK)
            start = end
        found = text.find(head, end)
    parts.append(text[start:])
    return "".join(parts)


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


def addresses_shown(release: Release) -> Release:
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
