"""What a census run has counted as it goes (osai.census.run), and what Ctrl-C says of it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from osai.census.record import CensusRecord
from osai.textsafe import counted


class CensusInterrupted(KeyboardInterrupt):
    """Ctrl-C, once what the run held is stored.  `where`: where it stopped ("after page 3 of
    the listing (15 models listed)"); `stored`: what the database holds of it ("" when the run
    stored no model)."""

    def __init__(self, where: str, stored: str) -> None:
        super().__init__(where)
        self.where = where
        self.stored = stored


@dataclass
class RunTally:
    """What a census run has counted so far (osai.census.run), and where it stopped."""

    listed: int = 0
    judged: int = 0
    skipped: int = 0
    outside_shard: int = 0
    unreadable: int = 0  # listed items that could not be read, or named no repository
    pages: int = 0
    page_size: int = 0
    top: list[CensusRecord] = field(default_factory=list)
    deep_todo: int = 0  # the full checks to make, once the listing is done
    deep_done: int = 0  # of those, made and stored

    def copied(self) -> RunTally:
        return replace(self, top=list(self.top))

    def take(self, other: RunTally) -> None:
        for each in fields(self):
            setattr(self, each.name, getattr(other, each.name))

    def interrupted(self) -> CensusInterrupted:
        if self.deep_todo:
            where = f"in the full checks (--deep), {self.deep_done:,} of {self.deep_todo:,} made"
            return CensusInterrupted(where, "the listing and the checks made are stored")
        if not self.pages:
            return CensusInterrupted("before the listing's first page arrived", "")
        where = f"after page {self.pages:,} of the listing ({counted(self.listed, 'model')} listed)"
        return CensusInterrupted(where, "what it listed is stored")
