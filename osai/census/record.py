"""What the census keeps of one model at one revision: one row of the store.

Pure data.  The listing's own fields (ListedModel), the licence as found and as osai reads it
(LicenceSeen), the open claims found, one verdict per framework, and the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Depth(StrEnum):
    """How a model was judged: from the listing's metadata only, or by the full check."""

    METADATA = "metadata"
    DEEP = "deep"


@dataclass(frozen=True)
class ListedModel:
    """One item of the Hub's listing, its types checked (a field of the wrong type is None/"")."""

    repo_id: str
    revision: str  # the commit the listing reported ("" when it did not)
    author: str = ""
    created_at: datetime | None = None
    last_modified: datetime | None = None
    downloads: int | None = None  # the last 30 days, as the Hub counts them
    likes: int | None = None
    gated: str | None = None  # "manual" | "auto" | "" (not gated) | None (not reported)
    pipeline_tag: str = ""
    library_name: str = ""
    tags: tuple[str, ...] = ()
    base_models: tuple[str, ...] = ()  # what it says it derives from (baseModels, card, tags)
    base_relation: str = ""  # finetune | quantized | adapter | merge | ... ("" unknown)


@dataclass(frozen=True)
class LicenceSeen:
    """The model's licence: as found (text and where), and as osai reads it."""

    found: str  # the text as stated ("" when none was)
    where: str  # e.g. "cardData.license = llama3"
    state: str  # "none" (nothing stated) or a LicenceState value
    normalised: str  # the SPDX expression osai reads ("" when not an expression)
    family: str  # rules/census.yaml families
    tags: tuple[str, ...]  # what rules/licenses.yaml says of it (use-restricted, ...)
    restricted: bool  # any tag in rules/census.yaml `restricted`
    binds: tuple[str, ...]  # terms that bind its derivatives (rules/census.yaml lineage)


@dataclass(frozen=True)
class Verdict:
    framework: str
    outcome: str
    label: str
    definite: bool
    level: str  # the best level proven ("" when none)
    certainty: str  # "" when not definite


@dataclass(frozen=True)
class FindingRow:
    kind: str
    message: str


@dataclass(frozen=True)
class CensusRecord:
    model: ListedModel
    depth: Depth
    licence: LicenceSeen
    claims: tuple[str, ...]  # each open claim found, with where it was found
    verdicts: tuple[Verdict, ...]
    findings: tuple[FindingRow, ...]
