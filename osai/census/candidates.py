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
    base: str = ""
    base_licence: str = ""


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


def dropped_terms(sql: Sql) -> tuple[int, tuple[Candidate, ...]]:
    dropped = "list_filter(b.licence_binds, lambda x: NOT list_contains(d.licence_binds, x))"
    pairs = (
        "SELECT d.repo_id, d.revision, d.downloads, d.licence_where, d.licence_normalised,"
        " d.base, b.licence_where AS base_where, b.licence_normalised AS base_normalised,"
        f" {dropped} AS dropped"
        " FROM (SELECT *, unnest(base_models) AS base FROM latest"
        "       WHERE licence_state = 'expression') d"
        " JOIN latest b ON b.repo_id = d.base"
        " WHERE b.licence_state = 'expression'"
        f" AND len({dropped}) > 0"
    )
    (total,) = sql.one(f"SELECT count(*) FROM ({pairs})")
    rows = sql.all(
        f"{pairs} ORDER BY d.downloads DESC NULLS LAST, d.repo_id LIMIT ?", [TOP_CANDIDATES]
    )
    candidates = tuple(
        Candidate(
            repo_id=str(repo_id),
            revision=str(revision),
            downloads=downloads,
            evidence=(
                f"declares {normalised} ({where_found})",
                f"derives from {base}, under {base_normalised} ({base_where})",
                f"which binds derivatives to: {', '.join(dropped)}; "
                "the declared licence drops them",
            ),
            licence=str(normalised),
            base=str(base),
            base_licence=str(base_normalised),
        )
        for (repo_id, revision, downloads, where_found, normalised, base, base_where,
             base_normalised, dropped) in rows
    )  # fmt: skip
    return int(total), candidates


def _licence_text(where: str, state: str, normalised: str, tags: Sequence[str]) -> str:
    if state == "none":
        return "no licence stated (card metadata and tags)"
    restricted = f" [{', '.join(tags)}]" if tags else ""
    read = normalised or state
    return f"{where} → {read}{restricted}"
