"""Judging one listed model: the one pipeline (snapshot → release → assess), every framework.

Metadata only: the listing item becomes a RepoSnapshot exactly as a ``model_info`` answer does
(osai.backends.hub.info), with no file list and no card text, so extraction reads the card's
metadata and the Hub's tags and nothing else, and says so.  Nothing here is census-specific
judging: a use-restricted licence is "not conformant" because the frameworks say so, a missing
licence leaves requirements unknown because the engine does.

Deep: the full check's assessment (osai.run.judge_one, links followed) recorded the same way,
with the links the card led to and the requests the check sent, per host.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from osai.assessment import Assessment
from osai.backends.hub.info import snapshot_from_info
from osai.census.listed import listed_model
from osai.census.openness import LicenceReader, StatedLicences, open_claims, stated_licences
from osai.census.record import (
    CensusRecord,
    Depth,
    FindingRow,
    HostRequests,
    LinkRow,
    ListedModel,
    Verdict,
)
from osai.census.rules import CensusRules
from osai.engine import assess
from osai.evidence import Certainty, Finding, FindingKind, Provenance
from osai.extract.release import release_from_snapshot
from osai.hubrefs import at_commit
from osai.rules import Framework, RuleSet

if TYPE_CHECKING:
    from huggingface_hub.hf_api import ModelInfo

METADATA_ONLY = (
    "metadata only: judged from what the Hub's listing says (card metadata, tags, gating); "
    "the card's text, the files and linked resources were not read (--deep N reads them)"
)


@dataclass
class CensusJudge:
    """Everything every model of a census is judged with."""

    rules: RuleSet
    frameworks: tuple[Framework, ...]
    modes: Mapping[str, str]
    census: CensusRules
    endpoint: str
    build: str = ""  # the osai judging (osai.census.build), stamped on each verdict

    def __post_init__(self) -> None:
        self._reader = LicenceReader(self.rules, self.census)

    @property
    def judged_under(self) -> frozenset[tuple[str, str]]:
        """(framework id, mode) of each framework every model is judged with (the run's
        `modes`)."""
        return frozenset(
            (framework.id, framework.mode(self.modes.get(framework.id)).name)
            for framework in self.frameworks
        )

    @property
    def judged_as(self) -> frozenset[tuple[str, str, str]]:
        """(framework id, mode, osai) of each verdict this judge gives: a model stored judged
        otherwise (under fewer frameworks or modes, or by another osai, whose verdict may differ:
        the rules and the code that reads a card change) is judged again (osai.census.run)."""
        return frozenset((framework, mode, self.build) for framework, mode in self.judged_under)

    def listed(self, info: ModelInfo) -> ListedModel | None:
        """The listing item's fields (osai.census.listed), a card's `base_model: n/a` read as
        the base-model fact reads it in a check: no base."""
        return listed_model(info, self.rules.names_no_base)

    def metadata(self, info: ModelInfo, model: ListedModel | None = None) -> CensusRecord | None:
        """The listing item judged on its metadata (`model`: its fields, when already read);
        None when it names no repository."""
        model = model or self.listed(info)
        if model is None:
            return None
        snapshot = snapshot_from_info(info, self.endpoint, model.repo_id)
        where = Provenance(
            "hub", at_commit(model.repo_id, model.revision), "listing", Certainty.DETECTED
        )
        note = Finding(FindingKind.NOTE, METADATA_ONLY, (where,))
        snapshot = replace(snapshot, findings=(*snapshot.findings, note))
        release = release_from_snapshot(snapshot, self.rules)
        claims = open_claims(model, snapshot.host.card_data, self.census)
        assessment = assess(release, self.rules, self.frameworks, self.modes)
        listed = stated_licences(snapshot.host.card_data, snapshot.host.tags, self.rules)
        return self.judged(model, claims, assessment, Depth.METADATA, listed)

    def deep(
        self, listed: CensusRecord, assessment: Assessment, requests: tuple[HostRequests, ...]
    ) -> CensusRecord:
        """The full check of a model already judged on its metadata (osai.run.judge_one), with
        the links it followed and the requests it sent."""
        judged = self.judged(listed.model, listed.claims, assessment, Depth.DEEP)
        links = tuple(
            LinkRow(link.kind, link.url, link.answer, link.read, link.cached, link.found)
            for link in assessment.release.links
        )
        return replace(judged, links=links, requests=requests)

    def judged(
        self,
        model: ListedModel,
        claims: tuple[str, ...],
        assessment: Assessment,
        depth: Depth,
        listed: StatedLicences | None = None,
    ) -> CensusRecord:
        """`listed`: the licences the card states that a release reads none of
        (openness.stated_licences)."""
        return CensusRecord(
            model=model,
            depth=depth,
            licence=self._reader.seen(assessment.release, listed),
            claims=claims,
            verdicts=verdicts(assessment, self.build),
            findings=tuple(FindingRow(f.kind.value, f.message) for f in assessment.findings),
        )


def verdicts(assessment: Assessment, build: str = "") -> tuple[Verdict, ...]:
    """`build`: the osai judging (osai.census.build)."""
    return tuple(
        Verdict(
            framework=f.framework_id,
            outcome=f.outcome,
            label=f.counted_label,  # "Class III not demonstrated", not "no class reached"
            definite=f.definite,
            level=f.best_level_proven,
            certainty=f.certainty.value if f.certainty is not None else "",
            mode=f.mode,
            judged_by=build,
        )
        for f in assessment.frameworks
    )
