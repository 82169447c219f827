"""What the census keeps of one model at one revision: one row of the store.

Pure data.  The listing's own fields (ListedModel), the licence as found and as osai reads it
(LicenceSeen), the open claims found, one verdict per framework, and the findings; for a model
checked in full, also the links its card led to (LinkRow) and the requests its check made, per
host (HostRequests).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from osai.evidence import CachedAnswer


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
    restricted: bool | None  # any tag in rules/census.yaml `restricted`; None: no licence read
    binds: tuple[str, ...]  # terms that bind its derivatives (rules/census.yaml lineage)


@dataclass(frozen=True)
class Verdict:
    framework: str
    outcome: str
    label: str
    definite: bool
    level: str  # the best level proven ("" when none)
    certainty: str  # "" when not definite
    mode: str = ""  # the framework's mode it was judged in ("default" unless --mode chose one)
    judged_by: str = ""  # the osai that judged it (osai.census.build: its version and digest)


@dataclass(frozen=True)
class FindingRow:
    kind: str
    message: str


@dataclass(frozen=True)
class LinkRow:
    """A resource the card linked, followed by the full check (osai.evidence.FollowedLink)."""

    kind: str  # producer-code, dataset, paper, base-model, third-party-code
    url: str
    answer: str  # what was found, or why nothing was
    read: bool
    cached: CachedAnswer | None = None  # answered from an earlier run's kept answer: no fresh one
    found: bool = True  # the host found what it names (osai.evidence.FollowedLink.found)


@dataclass(frozen=True)
class HostRequests:
    """The requests one model's full check sent to one host (osai.net.RequestMeter)."""

    host: str  # host[:port], as the URL named it
    service: str  # "hub", "github", "arxiv", or "" for another host (a CDN a redirect led to)
    requests: int
    failed: int  # of which no answer came (refused, reset, timed out)


@dataclass(frozen=True)
class CensusRecord:
    model: ListedModel
    depth: Depth
    licence: LicenceSeen
    claims: tuple[str, ...]  # each open claim found, with where it was found
    verdicts: tuple[Verdict, ...]
    findings: tuple[FindingRow, ...]
    links: tuple[LinkRow, ...] = ()  # deep only
    requests: tuple[HostRequests, ...] = ()  # deep only
