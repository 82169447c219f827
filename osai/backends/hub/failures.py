"""Why the Hub could not supply the evidence, in plain words (every failure is exit 3)."""

from __future__ import annotations

from urllib.parse import urlsplit


class Failure(Exception):
    """A request (or the cache, offline) could not supply the evidence."""

    def __init__(self, cause: BaseException, attempts: int = 1) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.attempts = attempts


class DeadlineExceeded(Exception):
    pass


class OfflineNothingCached(Exception):
    pass


class Malformed(Exception):
    pass


class TooLarge(Exception):
    pass


def kind_of(cause: BaseException) -> str:
    """The failure's kind, as the explanations below name it."""
    from huggingface_hub import errors
    from huggingface_hub.utils import httpx  # type: ignore[attr-defined]  # httpx2 in 2.x

    ordered: tuple[tuple[str, type[BaseException] | tuple[type[BaseException], ...]], ...] = (
        ("deadline", DeadlineExceeded),
        ("offline-empty", OfflineNothingCached),
        ("malformed", Malformed),
        ("too-large", TooLarge),
        ("gated", errors.GatedRepoError),  # a RepositoryNotFoundError: test it first
        ("repo", errors.RepositoryNotFoundError),
        ("revision", errors.RevisionNotFoundError),
        ("disabled", errors.DisabledRepoError),
        ("offline-mode", errors.OfflineModeIsEnabled),
        ("http", errors.HfHubHTTPError),
        ("timeout", httpx.TimeoutException),
        ("connect", httpx.ConnectError),
        ("transport", httpx.TransportError),
        ("json", (ValueError, TypeError, KeyError, AttributeError)),
    )
    return next((name for name, kind in ordered if isinstance(cause, kind)), "other")


def explain(
    failure: Failure, *, endpoint: str, revision: str, timeout: float, deadline: float, gate: str
) -> str:
    cause, host = failure.cause, host_of(endpoint)
    messages = {
        "deadline": f"no complete answer within the {deadline:g} s deadline",
        "offline-empty": "offline, and its model card is not in the local cache"
        " (check it once online first)",
        "malformed": f"malformed answer from {host}: {cause}",
        "too-large": f"an answer from {host} was {cause}",
        "gated": f"gated repository, access not granted ({gate})",
        "repo": f"repository not found on {host} (a private repository needs HF_TOKEN)",
        "revision": f"revision '{revision}' not found",
        "disabled": "the repository has been disabled on the Hub",
        "offline-mode": "offline mode is on (HF_HUB_OFFLINE) and the answer is not cached",
        "timeout": f"no answer from {host} within {timeout:g} s",
        "connect": f"cannot connect to {host} (connection refused or host unreachable)",
        "transport": f"the connection to {host} broke off mid-answer{_after(failure)}",
        "json": f"malformed answer from {host} (not the Hub API's JSON)",
    }
    kind = kind_of(cause)
    if kind == "http":
        return _http_error(cause, failure, host)
    return messages.get(kind, f"unexpected answer from {host} ({type(cause).__name__})")


def gate_hint(has_token: bool) -> str:
    if has_token:
        return "the token in use has not been granted access"
    return "set HF_TOKEN to a token that has been granted access"


def host_of(endpoint: str) -> str:
    return urlsplit(endpoint).netloc.rpartition("@")[2] or endpoint


def _after(failure: Failure) -> str:
    return f" after {failure.attempts} attempts" if failure.attempts > 1 else ""


def status_of(error: BaseException) -> int | None:
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def _http_error(cause: BaseException, failure: Failure, host: str) -> str:
    status = status_of(cause)
    if status == 429:
        return f"rate limited by {host} (HTTP 429){_after(failure)}; try again later"
    if status is not None and status >= 500:
        return f"{host} answered HTTP {status} (server error){_after(failure)}"
    return f"{host} refused the request (HTTP {status})"
