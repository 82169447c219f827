"""The report's open-washing candidates, found in the store by SQL (osai.census.summary): claims to
be open under a use-restricted or missing licence, and derivatives whose declared licence drops a
term their base model's licence binds them to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from osai.census.rules import CensusRules

TOP_CANDIDATES = 100


@dataclass(frozen=True)
class Candidate:
    """An open-washing candidate: what it claims or declares, and the licence that belies it."""

    repo_id: str
    revision: str
    downloads: int | None
    evidence: tuple[str, ...]
    licence: str
    bases: tuple[str, ...] = ()  # a derivative's bases whose licences it drops terms of
    base_licences: tuple[str, ...] = ()  # their licences, in the same order


class Sql:
    """Reads of the census store, each statement with its parameters."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def run(self, statement: str, parameters: Sequence[Any] = ()) -> None:
        self.connection.execute(statement, list(parameters))

    def all(self, statement: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self.connection.execute(
            statement, list(parameters)
        ).fetchall()
        return rows

    def one(self, statement: str, parameters: Sequence[Any] = ()) -> tuple[Any, ...]:
        return self.all(statement, parameters)[0]


def claimed_open(sql: Sql, census: CensusRules) -> tuple[int, tuple[Candidate, ...]]:
    where = (
        "len(open_claims) > 0"
        " AND (licence_restricted OR list_contains(?::VARCHAR[], licence_state))"
    )
    missing = [sorted(census.missing)]
    (total,) = sql.one(f"SELECT count(*) FROM latest WHERE {where}", missing)
    rows = sql.all(
        "SELECT repo_id, revision, downloads, open_claims, licence_where, licence_state,"
        f" licence_normalised, licence_tags FROM latest WHERE {where}"
        " ORDER BY downloads DESC NULLS LAST, repo_id LIMIT ?",
        [*missing, TOP_CANDIDATES],
    )
    candidates = tuple(
        Candidate(
            repo_id=str(repo_id),
            revision=str(revision),
            downloads=downloads,
            evidence=tuple(f"claims: {claim}" for claim in claims),
            licence=_licence_text(where_found, state, normalised, tags),
        )
        for repo_id, revision, downloads, claims, where_found, state, normalised, tags in rows
    )
    return int(total), candidates


_DROPPED = "list_filter(b.licence_binds, lambda x: NOT list_contains(d.licence_binds, x))"
_PAIRS = (
    "SELECT d.repo_id, d.revision, d.downloads, d.licence_where, d.licence_normalised,"
    " d.base, b.licence_where AS base_where, b.licence_normalised AS base_normalised,"
    f" {_DROPPED} AS dropped"
    " FROM (SELECT *, unnest(base_models) AS base FROM latest"
    "       WHERE licence_state = 'expression') d"
    " JOIN latest b ON lower(b.repo_id) = lower(d.base)"  # Hub ids: any case
    " WHERE b.licence_state = 'expression'"
    f" AND len({_DROPPED}) > 0"
)
# The derivatives (of the view `latest`) whose declared licence drops a term a base's licence
# binds them to, one row each (repo_id, revision, downloads, licence_where, licence_normalised,
# and per base: its id, where its licence was found, its licence, the terms dropped): the
# candidates, and what the report's licence section counts among its licences without use
# restrictions (osai.census.summary).
DROPPING_TERMS = (
    "SELECT repo_id, revision, downloads, licence_where, licence_normalised,"
    " list(base ORDER BY base), list(base_where ORDER BY base),"
    " list(base_normalised ORDER BY base), list(dropped ORDER BY base)"
    f" FROM ({_PAIRS}) GROUP BY ALL"
)


def dropped_terms(sql: Sql) -> tuple[int, tuple[Candidate, ...]]:
    """Derivatives whose declared licence drops a term a base's licence binds them to, each once
    with every such base (a merge of a Llama and a Gemma model was two candidates, ranked #1 and
    #2, beside "1 derivative has its base model in this census")."""
    derivatives = DROPPING_TERMS
    (total,) = sql.one(f"SELECT count(*) FROM ({derivatives})")
    rows = sql.all(
        f"{derivatives} ORDER BY downloads DESC NULLS LAST, repo_id LIMIT ?", [TOP_CANDIDATES]
    )
    candidates = tuple(
        Candidate(
            repo_id=str(repo_id),
            revision=str(revision),
            downloads=downloads,
            evidence=(
                f"declares {normalised} ({where_found})",
                *(
                    f"derives from {base}, under {licence} ({where})"
                    for base, licence, where in zip(bases, base_licences, base_where, strict=True)
                ),
                _binds(bases, dropped),
            ),
            licence=str(normalised),
            bases=tuple(str(base) for base in bases),
            base_licences=tuple(str(licence) for licence in base_licences),
        )
        for (repo_id, revision, downloads, where_found, normalised, bases, base_where,
             base_licences, dropped) in rows
    )  # fmt: skip
    return int(total), candidates


def _binds(bases: Sequence[str], dropped: Sequence[Sequence[str]]) -> str:
    """The terms the bases' licences bind derivatives to, which the declared licence drops: each
    base's named when there are several."""
    # said on its own (a table's cell, an item): "which binds ..." read as the end of a sentence
    if len(bases) == 1:
        return (
            f"its base's licence binds derivatives to: {', '.join(dropped[0])}; the declared "
            "licence drops them"
        )
    each = "; ".join(
        f"{', '.join(terms)} ({base})" for base, terms in zip(bases, dropped, strict=True)
    )
    return f"its bases' licences bind derivatives to: {each}; the declared licence drops them"


def _licence_text(where: str, state: str, normalised: str, tags: Sequence[str]) -> str:
    if state == "none":
        return "no licence stated (card metadata and tags)"
    restricted = f" [{', '.join(tags)}]" if tags else ""
    read = normalised or state
    return f"{where} → {read}{restricted}"
