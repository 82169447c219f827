"""Why the Hub could not supply the evidence, in plain words.

Transport failures (deadline, timeouts, resets, rate limits, oversized or malformed answers) are
osai.net's and explain themselves; huggingface_hub's typed errors (repository or revision not
found, gated, disabled) are explained here.  A repository or revision the Hub says does not exist
is bad input (exit 2: retrying cannot help); everything else is evidence unavailable (exit 3).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from osai.backends.hub.client import GIVEN, STORED, Call
from osai.evidence import OFFLINE_MODE
from osai.net import (
    BrokenConnection,
    ConnectFailed,
    DeadlineExceeded,
    HttpStatus,
    Malformed,
    NetFailure,
    RateLimited,
    ReadTimeout,
)
from osai.net.failures import host_of as net_host_of
from osai.textsafe import escaped_name, quoted_name

TRANSIENT = (BrokenConnection, ConnectFailed, DeadlineExceeded, RateLimited, ReadTimeout)

# What a hostile or broken answer raises while huggingface_hub builds its ModelInfo (or a linked
# record), or while osai reads it: a malformed answer (exit 3), never a crash.  HfHubHTTPError, a
# refusal, is a ValueError too (a 400): shaped_or lets it through before catching these.
# RecursionError: huggingface_hub parses the JSON with json.loads, whose C scanner recurses into
# each nested array or object; 100,000 of them ended the check as an internal error (exit 70).
SHAPE_ERRORS = (TypeError, ValueError, KeyError, AttributeError, IndexError, RecursionError)


@contextmanager
def shaped_or(refused: Callable[[BaseException], Exception]) -> Iterator[None]:
    """Within it, an answer that is not what the Hub API returns (SHAPE_ERRORS) raises
    `refused(error)`; the Hub's refusal (HfHubHTTPError, a 400 a ValueError too) is let
    through as it is, to be explained as a refusal."""
    from huggingface_hub.errors import HfHubHTTPError

    try:
        yield
    except HfHubHTTPError:
        raise
    except SHAPE_ERRORS as error:
        raise refused(error) from None


def not_the_api(what: str, error: BaseException) -> str:
    """Why an answer is refused: `what` is not what the Hub API returns, with the error's type
    (not its text, which may quote the answer: another party's data)."""
    return f"{what} is not what the Hub API returns ({type(error).__name__})"


def malformed(call: Call, what: str, error: BaseException) -> Malformed:
    """The failure of an answer that is not what the Hub API returns (the call's secrets kept
    out of its message)."""
    return Malformed(not_the_api(what, error), secrets=call.secrets)


# How much of a file's name a failure names: the repository's, someone else's (a path of any
# length, any characters).
_FILE_SHOWN = 80


class Failure(Exception):
    """A request (or the cache, offline) could not supply the evidence; `reading`: the file of
    the repository it was reading ("" when none: the model's information, its branches)."""

    def __init__(self, cause: BaseException, reading: str = "") -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.reading = reading


class OfflineNothingCached(Exception):
    pass


def kind_of(cause: BaseException) -> str:
    """The failure's kind, as the explanations below name it."""
    from huggingface_hub import errors

    ordered: tuple[tuple[str, type[BaseException] | tuple[type[BaseException], ...]], ...] = (
        ("net", NetFailure),
        ("offline-empty", OfflineNothingCached),
        ("gated", errors.GatedRepoError),  # a RepositoryNotFoundError: test it first
        ("repo", errors.RepositoryNotFoundError),
        ("revision", errors.RevisionNotFoundError),
        ("disabled", errors.DisabledRepoError),
        ("offline-mode", errors.OfflineModeIsEnabled),
        ("http", errors.HfHubHTTPError),
    )
    return next((name for name, kind in ordered if isinstance(cause, kind)), "other")


BAD_INPUT_KINDS = frozenset({"repo", "revision"})  # the Hub answered: no such thing


def is_bad_input(failure: Failure) -> bool:
    return kind_of(failure.cause) in BAD_INPUT_KINDS


def is_transient(failure: Failure) -> bool:
    """The Hub could not be reached or could not answer now (no connection, a timeout, a broken
    answer, a 5xx or 429 past the retries): what reading the local cache instead gets round,
    unlike a refusal or an answer that is not the Hub's (more likely a wrong HF_ENDPOINT)."""
    cause = failure.cause
    if isinstance(cause, HttpStatus):
        return cause.status >= 500
    return isinstance(cause, TRANSIENT)


def names_no_repository(failure: Failure) -> bool:
    return kind_of(failure.cause) == "repo"


def names_no_revision(failure: Failure) -> bool:
    return kind_of(failure.cause) == "revision"


def explain(failure: Failure, call: Call, nearest: str | None = None) -> str:
    """Why `call`'s check could not read the model, in a few words, and the file it was
    reading: a 500 on LICENSES/MIT.txt named the host alone, which had answered the model's
    information and its card.  `nearest`: the model the Hub lists that a repository not found
    was likely meant to name, or the branch or tag a revision not found was
    (osai.backends.hub.nearby)."""
    said = _why(failure, call, nearest)
    if not failure.reading:
        return said
    return f"{escaped_name(failure.reading, _FILE_SHOWN)} could not be read: {said}"


def _why(failure: Failure, call: Call, nearest: str | None = None) -> str:
    cause, host = failure.cause, host_of(call.endpoint)
    kind = kind_of(cause)
    if isinstance(cause, NetFailure):
        # the host that failed, when the failure names one: after a redirect (a CDN, or a
        # hostile endpoint's 127.0.0.1:9) it is not the endpoint, which answered
        return cause.explain(cause.host or host)
    if kind == "http" and status_of(cause) == 401 and call.token_from:
        # huggingface_hub names a 401 on a repository "not found" unless the Hub refused the
        # credentials: an expired token failed every model, public ones too, with no word of it
        return token_refused(host, call.token_from)
    messages = {
        # A gated card is not kept by an online check without access (its README cannot be
        # read): "check it once online first" alone sent back a user who just had.
        "offline-empty": f"{_offline(call)}, and its model card is not in the local cache"
        " (check it once online first; a gated model's card is kept only once access is granted)",
        "gated": f"gated repository, access not granted ({gate_hint(call.has_token)})",
        "repo": f"repository not found on {host} "
        + _not_found_hint(call.repo_id, call.has_token, nearest),
        # quoted cut: a revision of 10,000 characters was quoted whole, to where the CLI cuts
        "revision": f"revision {quoted_name(call.revision)} not found"
        + (f" (did you mean {quoted_name(nearest)}?)" if nearest is not None else ""),
        "disabled": "the repository has been disabled on the Hub",
        "offline-mode": "offline mode is on (HF_HUB_OFFLINE) and the answer is not cached",
        "http": f"{host} refused the request (HTTP {status_of(cause)})",
    }
    return messages.get(kind, f"unexpected answer from {host} ({type(cause).__name__})")


def _offline(call: Call) -> str:
    """How the check came to be offline, when the flag did not say so: a CI job that sets
    HF_HUB_OFFLINE for its other steps checked online and was told "offline, and its model
    card is not in the local cache", of a run no flag had made offline."""
    return f"offline ({OFFLINE_MODE} is set)" if call.offline_by == OFFLINE_MODE else "offline"


def _not_found_hint(repo_id: str, has_token: bool, nearest: str | None = None) -> str:
    """Why a repository can seem not to exist.  A one-name id can only be a model from before
    the Hub had organisations (gpt2), never a private one; typed as a URL or an id, it is more
    often an organisation's or a user's name, which names no model.  A model the Hub lists
    under a near spelling comes first: a typo is likelier than a private model."""
    if repo_id and "/" not in repo_id:
        return (
            "(a one-name id is a legacy model such as gpt2; for an organisation's or a user's "
            "model, give OWNER/NAME)"
        )
    if nearest is not None:
        return f"(did you mean '{escaped_name(nearest)}'? {private_hint(has_token)[1:]}"
    return private_hint(has_token)


def private_hint(has_token: bool) -> str:
    """A private repository answers as one that does not exist."""
    if has_token:
        return "(or private, and the token in use cannot read it)"
    return "(or private: set HF_TOKEN)"


def token_refused(host: str, token_from: str) -> str:
    """The Hub refusing the token itself (HTTP 401), and what to do, as its source says."""
    if token_from == STORED:
        return (
            f"{host} refused the token `hf auth login` stored (HTTP 401): log in again, or "
            "`hf auth logout` to read public models without one"
        )
    if token_from == GIVEN:
        return f"{host} refused the token given (HTTP 401): renew it, or give none"
    return (
        f"{host} refused the token in {token_from} (HTTP 401): renew it, or unset it to read "
        "public models without one"
    )


def gate_hint(has_token: bool) -> str:
    if has_token:
        return "the token in use has not been granted access"
    return "set HF_TOKEN to a token that has been granted access"


def host_of(endpoint: str) -> str:
    """The endpoint's host, as osai.net names it; the endpoint itself where it names none."""
    return net_host_of(endpoint) or endpoint


def status_of(error: BaseException) -> int | None:
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None
