"""How surely osai knew what a BOM states: its `<property>:certainty` properties, read back.

osai writes, for each statement of a BOM (a part released, its licence, a component not seen, a
fact), the certainty of the evidence it had, and how an inferred one was inferred
(osai/formatters/bomdata.py).  Read back, the statement is exactly as sure as osai was, so a gate
that wants more than inferred evidence gives the same answer on the BOM as on the release.

A statement without the property (another tool's BOM) is what rules/bom.yaml calls `unstated`:
declared, the BOM's author's word; no value reads surer than that.  A value osai does not know
is bad input, refused like any other value of the wrong kind: ignoring it would leave the
statement declared, surer than what osai wrote, which is the very way round a gate this reading
exists to close.
"""

from __future__ import annotations

from dataclasses import dataclass

from osai import bommap
from osai.bommap import CertaintyMapping
from osai.errors import BadInput
from osai.evidence import Certainty, weakest
from osai.sources.bom_model import DeclaredProperty
from osai.textsafe import one_line, quoted_name

# How inferred evidence was inferred, as much as a note carries: osai writes one or two short ways
# (in one value; a BOM from an older osai has a value for each).
MAX_WAYS = 8
MAX_WAY = 300


@dataclass(frozen=True)
class StatedCertainty:
    """The certainties a BOM gives one statement (surest first, never none), and how the
    inferred ones were inferred."""

    certainties: tuple[Certainty, ...]
    inferred_by: tuple[str, ...] = ()
    # The BOM gives the property: osai wrote the statement (another tool's BOM has none).
    by_osai: bool = False

    @property
    def weakest(self) -> Certainty:
        """What one fact rests on: several values for it are read as the least sure of them."""
        return weakest(self.certainties) or self.certainties[0]

    def note(self, certainty: Certainty, said: str) -> str:
        """The evidence's note: what the BOM says, or, inferred, how osai had inferred it, as it
        was said: a BOM written of this one states it again as it was (wrapped in "X
        (inferred: …)" each time, a BOM of a BOM grew a layer a generation)."""
        if certainty is not Certainty.INFERRED or not self.inferred_by:
            return said
        return bommap.INFERRED_BY_SEPARATOR.join(self.inferred_by)


def stated_certainty(
    properties: tuple[DeclaredProperty, ...],
    subject: str,
    where: str,
    mapping: CertaintyMapping,
) -> StatedCertainty:
    """The certainty of the statement `subject` (an osai: property name) among `properties`."""
    name, inferred = bommap.certainty_property(subject), bommap.inferred_by_property(subject)
    found = [_certainty(item, where, mapping) for item in properties if item.name == name]
    certainties = tuple(known for known in Certainty if known in found) or (mapping.unstated,)
    # A value given twice is one; its pieces are kept as they are: a way holds the separator
    # itself ("linked for X (…); its files show it"), and the second of two such ways lost its
    # "its files show it" in every BOM written of this one.
    values = dict.fromkeys(item.value for item in properties if item.name == inferred)
    ways = (way for value in values for way in value.split(bommap.INFERRED_BY_SEPARATOR))
    ways_kept = tuple(way for way in (one_line(way, MAX_WAY) for way in ways) if way)[:MAX_WAYS]
    return StatedCertainty(certainties, ways_kept, by_osai=bool(found))


def _certainty(item: DeclaredProperty, where: str, mapping: CertaintyMapping) -> Certainty:
    found = mapping.read(item.value)
    if found is None:
        at = item.at(where)
        known = ", ".join(mapping.values)
        raise BadInput(
            f"{at}: {quoted_name(item.name)} is {quoted_name(item.value)}, "
            f"not a certainty osai writes ({known})"
        )
    return found
