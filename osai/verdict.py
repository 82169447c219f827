"""The verdict vocabulary every layer shares: a requirement's status, and a rule's citation.

At the bottom of the model, beside osai.evidence: licence judgement (osai.licenses), rule loading
(osai.rules) and evidence merging use these without depending on the assessment above them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    MET = "met"
    UNMET = "unmet"
    UNKNOWN = "unknown"
    WAIVED = "waived"


class WhyUnknown(StrEnum):
    """Why a requirement is unknown: each is settled another way (osai.formatters.actions words
    what to do from it, never from the reason's text)."""

    NO_EVIDENCE = "no-evidence"  # nothing osai read states it either way: its publisher can
    UNSETTLED = "unsettled"  # what was read does not settle it (sources divided, a value the
    # rule cannot judge)
    LICENCE_UNKNOWN = "licence-unknown"  # released, and no source states its licence
    LICENCE_UNJUDGED = "licence-unjudged"  # under a licence osai cannot judge under the policy
    NOT_READ = "not-read"  # what would state it could not be read (a gated model card)


# When the branches of a check are unknown for several reasons, the one it is said to be unknown
# for: what can be done first (read what was not read) before what the evidence leaves open.
WHY_FIRST = (
    WhyUnknown.NOT_READ,
    WhyUnknown.LICENCE_UNJUDGED,
    WhyUnknown.LICENCE_UNKNOWN,
    WhyUnknown.UNSETTLED,
    WhyUnknown.NO_EVIDENCE,
)


@dataclass(frozen=True)
class Citation:
    """Where a requirement comes from: the framework's text, by reference and quotation."""

    ref: str
    text: str
    url: str = ""
