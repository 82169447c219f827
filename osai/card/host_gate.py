"""The host's gate, in words: said by the gate's note (osai.card.gate_note) and by the evidence
of how the weights can be obtained (osai.card.facts), which cites the gate.  Pure."""

from __future__ import annotations

# The host's gating modes, in words (the Hub's `gated`; rules/detection.yaml `access.gated`
# maps them onto the weights_access fact).
GATE_MODES = {
    "manual": "the provider approves each request",
    "auto": "each request is granted once its terms are accepted",
}


def host_gate(gated: str) -> str:
    """What the host's gate is, in words, for a citation's note: the API's field and value
    (`gated: manual`) are the citation's location and value, not words a person reads."""
    mode = GATE_MODES.get(gated)
    return f"the host gates the repository: {mode}" if mode else "the host gates the repository"
