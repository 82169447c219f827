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


@dataclass(frozen=True)
class Citation:
    """Where a requirement comes from: the framework's text, by reference and quotation."""

    ref: str
    text: str
    url: str = ""
