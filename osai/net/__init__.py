"""osai.net: one bounded HTTP layer for every remote read (the Hub, GitHub, arXiv, archives).

- ``osai.net.budget``: ``Budget`` (deadline, per-read timeout, byte caps, redirects, retries) and
  ``budget_scope``, which bounds every request made inside it, in its thread.
- ``osai.net.failures``: ``NetFailure`` and its kinds, each with a plain one-line ``explain``.
- ``osai.net.transport``: the deadline-enforcing httpx2 transport, ``bounded_client`` and
  ``install_for_huggingface_hub``.
- ``osai.net.fetch``: ``fetch(url) -> Answer`` for osai's own requests.
- ``osai.net.retry``: ``with_retries(send, budget)`` for huggingface_hub calls.
- ``osai.net.meter``: ``RequestMeter`` and ``metering``, counting what the transport sent.
- ``osai.net.address``: ``refuse_address``, whether a server's address (HF_ENDPOINT) is one
  osai can send to, asked before anything is sent or huggingface_hub imported.

This package re-exports only the pure modules (budget, failures): importing it does not import
httpx2.  Import ``osai.net.transport``, ``.fetch`` or ``.retry`` where a request is made, never from
anything a local-only check imports at start-up.
"""

from osai.net.budget import Budget, budget_scope, current_budget, default_budget
from osai.net.failures import (
    BadAddress,
    BadRedirect,
    BrokenConnection,
    ConnectFailed,
    DeadlineExceeded,
    HttpStatus,
    Malformed,
    NetFailure,
    RateLimited,
    ReadTimeout,
    TooLarge,
    TooManyRedirects,
    redact,
)
from osai.net.meter import RequestMeter, current_meter, metering

__all__ = [
    "BadAddress",
    "BadRedirect",
    "BrokenConnection",
    "Budget",
    "ConnectFailed",
    "DeadlineExceeded",
    "HttpStatus",
    "Malformed",
    "NetFailure",
    "RateLimited",
    "ReadTimeout",
    "RequestMeter",
    "TooLarge",
    "TooManyRedirects",
    "budget_scope",
    "current_budget",
    "current_meter",
    "default_budget",
    "metering",
    "redact",
]
