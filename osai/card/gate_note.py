"""How access to a repository is gated, said once: the host's gating mode (the Hub's `gated`) and
the card's gating form (`extra_gated_*`) are one fact about the release, so they make one note
in words, citing both.  Pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from osai.card.host_gate import GATE_MODES, host_gate
from osai.card.model import CardFacts
from osai.detection.card import AccessRule
from osai.evidence import Certainty, Finding, FindingKind, Provenance
from osai.snapshot import HostFacts

if TYPE_CHECKING:
    from osai.card.facts import Citer


def gating_finding(
    card: CardFacts, cite: Citer, host: HostFacts | None, access: AccessRule | None
) -> Finding | None:
    """One note on the gate, or None when neither the host nor the card shows one."""
    gated = host.gated if host is not None else None
    if not gated and not card.gating:
        return None
    if gated == "":  # the host said it is not gated: the card's form (copied?) binds no one
        message = (
            "the card carries a gating form, but the host does not gate the repository: its "
            "files download without accepting it"
        )
        return Finding(FindingKind.NOTE, message, tuple(cite.field(f) for f in card.gating))
    said: list[str] = []
    cited: list[Provenance] = []
    if gated:
        said.append(f"{GATE_MODES.get(gated, 'the host gates it')} ({gated})")
        note = host_gate(gated)
        cited.append(Provenance(cite.source, "gated", gated, Certainty.DETECTED, note=note))
    form = _form(card, access)
    if form:
        said.append(form)
    message = "access is gated: " + ", and ".join(said) if said else "access is gated"
    if card.gating:
        message += (
            "; users must accept the card's terms before downloading: check them for "
            "restrictions beyond the licence"
        )
        cited.extend(cite.field(item) for item in card.gating)
    return Finding(FindingKind.NOTE, message, tuple(cited))


def _form(card: CardFacts, access: AccessRule | None) -> str:
    """What the card's gating form asks for, in words: not by its key (the Hub's
    `extra_gated_fields`), which the finding's evidence cites."""
    if not card.gating_fields or access is None:  # the form is read only by its rule
        return ""
    pattern = access.personal_fields
    personal = pattern is not None and any(pattern.search(f.value) for f in card.gating_fields)
    asked = "personal details" if personal else "details"
    return f"the card's gating form asks for {asked}"
