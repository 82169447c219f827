"""One breadth-first walk of a base-model lineage, nearest base first.  Pure.

A lineage is a graph, not a tree: a merge's bases may share a base, and a hostile source's
bases turn back (A → B → A) or form a lattice, each of a thousand bases deriving from the same
thousand others.  Each caller walked it its own way (the lineage the Hub answered for, the one
a source states, the one a BOM osai writes states again), and each had to get the same three
things right: a base reached twice is walked once (the first, nearest path stands), a cycle
ends, and a walk bounded by a count stops expanding past it.  Here they are right once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

Node = TypeVar("Node")  # a base, as the caller knows it (its Hub id, its place in a chain)
Edge = TypeVar("Edge")  # how a base names the next (the file naming it, what a source states)


@dataclass(frozen=True)
class Reached(Generic[Node, Edge]):
    """One base named by a nearer one, as the walk reaches it."""

    nearer: Node  # the base naming it
    base: Node
    edge: Edge  # how `nearer` names it
    # the bases between the start and it, nearest first, each with how it names the next (the
    # last: `nearer`, `edge`); a base reached again keeps the path it was first reached by
    path: tuple[tuple[Node, Edge], ...]
    first: bool  # reached for the first time: on every other edge naming it, False
    # its own bases are walked: reached first, and within the walk's `limit`
    expanded: bool


def walk_bases(
    starts: Iterable[Node],
    bases: Callable[[Node], Iterable[tuple[Node, Edge]]],
    key: Callable[[Node], Hashable],
    limit: int | None = None,
) -> Iterator[Reached[Node, Edge]]:
    """Every base each base walked names (`bases`: each with how it names it), from `starts`,
    level by level, nearest first, in the order named; a base is walked once (`key` tells one
    base from another: a Hub id casefolded), so a cycle ends where it turns back.  A base
    reached first past `limit` (that many bases expanded) is reached, not walked: where a
    bound cuts the lineage, the caller says what is left unread."""
    paths: dict[Hashable, tuple[tuple[Node, Edge], ...]] = {}
    level: list[Node] = []
    for start in starts:
        if key(start) not in paths:
            paths[key(start)] = ()
            level.append(start)
    expanded = 0
    while level:
        following: list[Node] = []
        for nearer in level:
            for base, edge in bases(nearer):
                reached = _reach(paths, key, nearer, base, edge)
                within = reached.first and (limit is None or expanded < limit)
                if within:
                    expanded += 1
                    following.append(base)
                yield Reached(nearer, base, edge, reached.path, reached.first, within)
        level = following


@dataclass(frozen=True)
class _Path(Generic[Node, Edge]):
    path: tuple[tuple[Node, Edge], ...]
    first: bool


def _reach(
    paths: dict[Hashable, tuple[tuple[Node, Edge], ...]],
    key: Callable[[Node], Hashable],
    nearer: Node,
    base: Node,
    edge: Edge,
) -> _Path[Node, Edge]:
    """The path `base` is reached by (recorded in `paths` when it is its first)."""
    known = paths.get(key(base))
    if known is not None:
        return _Path(known, False)
    path = (*paths[key(nearer)], (nearer, edge))
    paths[key(base)] = path
    return _Path(path, True)
