"""Whether an address osai is given for a server (HF_ENDPOINT, a census's endpoint) is one it can
send a request to: an http:// or https:// address with a host.  Pure: nothing is imported that
sends, so it is asked before huggingface_hub, which parses HF_ENDPOINT as it is imported."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from osai.errors import BadInput
from osai.textsafe import CONTROL_CHARACTERS, cut

# Longer than any server's address: the HTTP client refuses a URL past 65,536 characters, as an
# internal error ("InvalidURL: URL too long", exit 70), and what osai adds to the address must fit.
_LONGEST = 8_192


def refuse_address(address: str, name: str) -> None:
    """BadInput in one line naming the setting (`name`) when `address` is no http(s) address
    with a host: `http://[::1` was an internal error (huggingface_hub's import raised), and
    `not a url` exit 3, as if the network had failed.  The address is not repeated: it may hold
    a password."""
    problem = _problem(address)
    if problem:
        raise BadInput(f"{name}: not an http:// or https:// address with a host ({problem})")


def refuse_hub_endpoint(given: str | None = None) -> str | None:
    """The Hub's endpoint osai is given (`given`, else HF_ENDPOINT; None for huggingface_hub's
    default), refused as refuse_address says: asked before huggingface_hub is imported, by the
    Hub client and by whatever imports it first (osai.targets.import_readers: a local
    directory's links, several targets on threads, an audit; the census)."""
    named = given or os.environ.get("HF_ENDPOINT")
    if named:
        refuse_address(named, "the Hub's endpoint" if given else "HF_ENDPOINT")
    return named


# The servers a card's links are read from, each its own setting (osai.backends.github and
# osai.backends.arxiv read them): a mistyped one made every link "could not be read", exit 0.
LINK_SERVICE_VARIABLES = ("GITHUB_API_URL", "OSAI_ARXIV_URL")


def refuse_link_addresses() -> None:
    """GITHUB_API_URL and OSAI_ARXIV_URL refused as HF_ENDPOINT is, before any link is read:
    `http://[::1` was an internal error, and `file:///srv` or `not a url` left every link
    unread with no word that the setting was wrong."""
    for name in LINK_SERVICE_VARIABLES:
        given = os.environ.get(name)
        if given:
            refuse_address(given, name)


def _problem(address: str) -> str:
    """What is wrong with `address`, in words that never repeat it: a control character or a
    100 KB path passed urlsplit and failed in the HTTP client (exit 70), a blank in the host
    was sent as `exa%20mple.com`, one pasted before the scheme as `/%20http://…` (exit 3, the
    address quoted, no setting named), and a scheme of 100 KB was quoted whole."""
    if len(address) > _LONGEST:
        return f"{len(address):,} characters, longer than {_LONGEST:,}"
    if CONTROL_CHARACTERS.search(address):
        return "a control character"
    if address != address.strip():  # urlsplit drops one before; the client sent `/%20http://…`
        return "a blank before or after it"
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 - a port that is no number raises
    except ValueError as error:
        return str(error)
    if parts.scheme not in ("http", "https"):
        return f"scheme {cut(parts.scheme, 20)}:" if parts.scheme else "no scheme"
    if not parts.hostname:
        return "no host"
    if any(c.isspace() for c in parts.hostname):
        return "a blank in its host"
    return "" if _resolvable(parts.hostname) else "an invalid host name"


def _resolvable(host: str) -> bool:
    """Whether `host` is a name as the HTTP client and the resolver encode it: in Unicode, by
    IDNA 2008 as httpx does (`☃☃` was "internal error: InvalidURL: Invalid IDNA hostname", exit
    70); in ASCII, labels of 1 to 63 characters (`mirror..example` was "not updated:
    UnicodeError: encoding with 'idna' codec failed", exit 3, as if the network had failed)."""
    if host.isascii():
        try:
            host.encode("idna")
        except UnicodeError:
            return False
        return True
    import idna  # httpx's own: imported only for a host in Unicode

    try:
        idna.encode(host)
    except idna.IDNAError:
        return False
    return True
