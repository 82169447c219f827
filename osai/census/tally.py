"""What a census run has counted as it goes (osai.census.run), and what Ctrl-C says of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace

from osai.census.record import CensusRecord, HostRequests
from osai.textsafe import counted


class CensusInterrupted(KeyboardInterrupt):
    """Ctrl-C, once what the run held is stored.  `where`: where it stopped ("after page 3 of
    the listing (15 models listed)"); `stored`: what the database holds of it ("" when the run
    stored no model)."""

    def __init__(self, where: str, stored: str) -> None:
        super().__init__(where)
        self.where = where
        self.stored = stored


@dataclass(frozen=True)
class DeepTally:
    """The full checks (--deep) that ended, stored (the verdicts, or why the check could not be
    made): of one model, or added up over a run."""

    tried: int = 0
    failed: int = 0  # of those, the checks that could not be made: not checked, only tried
    requests: int = 0
    hosts: tuple[HostRequests, ...] = ()  # summed over the models checked

    def plus(self, other: DeepTally) -> DeepTally:
        return DeepTally(
            tried=self.tried + other.tried,
            failed=self.failed + other.failed,
            requests=self.requests + other.requests,
            hosts=summed((*self.hosts, *other.hosts)),
        )


def summed(sent: Iterable[HostRequests]) -> tuple[HostRequests, ...]:
    """Requests per host added up, the busiest host first."""
    totals: dict[tuple[str, str], tuple[int, int]] = {}
    for each in sent:
        requests, failed = totals.get((each.host, each.service), (0, 0))
        totals[(each.host, each.service)] = (requests + each.requests, failed + each.failed)
    ranked = sorted(totals.items(), key=lambda item: (-item[1][0], item[0]))
    return tuple(HostRequests(host, service, n, f) for (host, service), (n, f) in ranked)


@dataclass
class RunTally:
    """What a census run has counted so far (osai.census.run), and where it stopped."""

    listed: int = 0
    judged: int = 0
    judged_again: int = 0  # of those, stored before at that revision (store.write's `again`)
    judged_again_for: tuple[str, ...] = ()  # what they had not been judged under (run._under)
    judged_by_another: bool = False  # some, as another osai had judged them (run._by_another)
    skipped: int = 0
    listed_twice: int = 0  # listed again at the revision this run listed (not in `skipped`)
    outside_shard: int = 0
    # listed as private or disabled (osai.census.listed.withheld): left out, not judged
    private: int = 0
    disabled: int = 0
    unreadable: int = 0  # listed items that could not be read, or named no repository
    pages: int = 0
    page_size: int = 0
    top: list[CensusRecord] = field(default_factory=list)
    deep_todo: int = 0  # the full checks to make, once the listing is done
    deep_kept: int = 0  # of the top N, those checked in full at their revision before: kept
    # of those, made and stored: added as each is stored, so a Ctrl-C in the full checks leaves
    # the runs table their figures
    deep: DeepTally = field(default_factory=DeepTally)

    def copied(self) -> RunTally:
        return replace(self, top=list(self.top))

    def take(self, other: RunTally) -> None:
        for each in fields(self):
            setattr(self, each.name, getattr(other, each.name))

    def interrupted(self) -> CensusInterrupted:
        if self.deep_todo:
            # made: the checks that ended with verdicts, not those that could not be made
            made = self.deep.tried - self.deep.failed
            where = f"in the full checks (--deep), {made:,} of {self.deep_todo:,} made"
            if self.deep.failed:
                where += f" ({self.deep.failed:,} more could not be)"
            return CensusInterrupted(where, "the listing and the checks made are stored")
        if not self.pages:
            return CensusInterrupted("before the listing's first page arrived", "")
        where = f"after page {self.pages:,} of the listing ({counted(self.listed, 'model')} listed)"
        return CensusInterrupted(where, "what it listed is stored")
