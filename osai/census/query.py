"""Which models a census lists (ListingQuery): what `osai census` was asked, as the store keeps it
(runs.query, a JSON object) and as the report says it again (the options that list the same).

Pure data, apart from the listing itself (osai.census.listing), so that the report reads a run's
query without loading the network code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# osai's --sort → the Hub's ``sort`` parameter (what list_models sends for its own names).  The
# command line names the same keys in osai.cli.census_command.CensusSort, so that offering them
# does not import the census (tests/test_census_edges.py holds the two equal).
SORTS = {
    "downloads": "downloads",
    "likes": "likes",
    "created": "createdAt",
    "modified": "lastModified",
}


@dataclass(frozen=True)
class ListingQuery:
    """Which models to list, in which order (the Hub sorts descending)."""

    author: str | None = None
    search: str | None = None
    filters: tuple[str, ...] = ()
    sort: str | None = None  # a key of SORTS
    limit: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "author": self.author,
            "search": self.search,
            "filters": list(self.filters),
            "sort": self.sort,
            "limit": self.limit,
        }

    def empty_option(self) -> str:
        """What the query was given empty, refused in one line ("" when nothing): `--filter ''`
        was sent to the Hub as it came, and `--author ''` listed every model as if left out."""
        tags = (("--filter", tag, "a tag, e.g. text-generation") for tag in self.filters)
        given = (
            ("--author", self.author, "a user or organisation"),
            ("--search", self.search, "text an id contains"),
            *tags,
        )
        for option, value, wanted in given:
            if value is not None and not value.strip():
                return f"{option} {value!r}: empty; give {wanted}, or leave {option} out"
        return ""

    def options(self) -> tuple[str, ...]:
        """The `osai census` arguments that list the same models, in the order --help gives
        them (none: every model, in the Hub's order)."""
        given: list[str] = []
        for option, value in (("--author", self.author), ("--search", self.search)):
            if value:
                given += [option, value]
        for tag in self.filters:
            given += ["--filter", tag]
        if self.sort:
            given += ["--sort", self.sort]
        if self.limit is not None:
            given += ["--limit", str(self.limit)]
        return tuple(given)


def stored_query(stored: object) -> ListingQuery | None:
    """The query as_dict stored (decoded from runs.query), or None when it is not one: a store
    written by another osai, or by hand, is read, not trusted."""
    if not isinstance(stored, Mapping) or set(stored) != set(ListingQuery().as_dict()):
        return None
    author, search, sort = (stored[key] for key in ("author", "search", "sort"))
    filters, limit = stored["filters"], stored["limit"]
    texts = all(value is None or isinstance(value, str) for value in (author, search, sort))
    tags = isinstance(filters, list) and all(isinstance(tag, str) for tag in filters)
    counted = limit is None or (isinstance(limit, int) and not isinstance(limit, bool))
    if not (texts and tags and counted):
        return None
    return ListingQuery(author, search, tuple(filters), sort, limit)
