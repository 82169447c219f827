"""Licence lineage: a fine-tune stays under its base model's licence when that licence binds
derivatives (rules/links.yaml `binding_licences`), whatever the fine-tune declares.  Pure.

"declared Apache-2.0, but base model meta-llama/Llama-2-7b-hf is under the Llama 2 Community
License Agreement, which applies to derivatives": the commonest open-washing on the Hub.  The
parameters then follow the binding licence, and the report shows both and where each was found.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from osai.evidence import (
    CachedAnswer,
    Certainty,
    Finding,
    FindingKind,
    FollowedLink,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.licenses import Leaf, LicenceState, Node, normalised_licence, parse_licence
from osai.links.evidence import kept_note
from osai.links.plan import LinkTarget
from osai.records import ModelRecord
from osai.rules import RuleSet
from osai.textsafe import one_line

PARAMETERS = "model-parameters-final"


@dataclass(frozen=True)
class Binding:
    """A base model whose licence binds the model derived from it."""

    base: ModelRecord
    licence: LicenceFact
    clause: str
    binding_id: str  # the licence in it that binds (an AND names others too)


@dataclass(frozen=True)
class Lineage:
    binding: Binding | None
    findings: tuple[Finding, ...]
    links: tuple[FollowedLink, ...]


def lineage(target: LinkTarget, chain: tuple[ModelRecord, ...], rules: RuleSet) -> Lineage:
    links = tuple(_link(record) for record in chain)
    findings = tuple(
        Finding(
            FindingKind.WARNING,
            f"base model {r.requested}: the Hub has no such model",
            (target.citation,),
        )
        for r in chain
        if not r.found
    ) + tuple(
        _cached(target, r.requested, r.cached)
        for r in chain
        if r.cached is not None and not r.cached.offline  # offline: the link says it
    )
    for record in chain:
        binds = _binding_clause(record.licence, rules) if record.found else None
        if binds is not None:
            binding_id, clause = binds
            location = f"{record.url} ({record.licence_field})"
            note = kept_note("", record.cached)
            where = Provenance("hub", location, record.licence, Certainty.DETECTED, None, note)
            licence = LicenceFact(record.licence, where, inherited_from=f"base model {record.id}")
            return Lineage(Binding(record, licence, clause, binding_id), findings, links)
    return Lineage(None, findings, links)


def bound(release: Release, binding: Binding, rules: RuleSet) -> Release:
    """The release with its parameters under the base's binding licence, and a CONFLICT finding
    when it declares another."""
    weights = release.component(PARAMETERS)
    declared = weights.licence
    knowledge = rules.licences
    name = knowledge.lookup(binding.binding_id)
    title = name.name if name is not None else binding.licence.text
    if declared is not None and normalised_licence(declared.text, knowledge) == normalised_licence(
        binding.licence.text, knowledge
    ):
        return release
    if declared is not None:
        shown = parse_licence(declared.text, knowledge, exact=False).display or declared.text
        message = (
            f"declared {shown} ({declared.provenance.describe()}), but base model "
            f"{binding.base.id} is under the {title}, which applies to derivatives "
            f"({binding.clause}): the parameters follow it"
        )
        kind = FindingKind.CONFLICT
        evidence: tuple[Provenance, ...] = (declared.provenance, binding.licence.provenance)
    else:
        message = (
            f"base model {binding.base.id} is under the {title}, which applies to derivatives "
            f"({binding.clause}): the parameters follow it"
        )
        kind = FindingKind.NOTE
        evidence = (binding.licence.provenance,)
    finding = Finding(kind, message, evidence, PARAMETERS)
    updated = (
        replace(weights, licence=binding.licence)
        if weights.presence is not Presence.ABSENT
        else weights
    )
    components = {**release.components, PARAMETERS: updated}
    return replace(release, components=components, findings=(*release.findings, finding))


def _binding_clause(licence: str, rules: RuleSet) -> tuple[str, str] | None:
    """The licence id that binds derivatives, and its clause; None when none does."""
    if not licence:
        return None
    parsed = parse_licence(licence, rules.licences, exact=False)
    if parsed.state is not LicenceState.EXPRESSION or parsed.expression is None:
        return None
    return _binds(parsed.expression, rules.links.binding_licences)


def _binds(node: Node, binding: Mapping[str, str]) -> tuple[str, str] | None:
    """AND binds when any of its terms does; OR only when every branch does: the one who
    derives from it may take the branch that does not (Apache-2.0 OR llama2 binds nothing)."""
    if isinstance(node, Leaf):
        clause = binding.get(node.id)
        return (node.id, clause) if clause is not None else None
    found = [_binds(term, binding) for term in node.terms]
    if node.operator == "OR":
        return found[0] if all(found) else None
    return next((f for f in found if f is not None), None)


def _link(record: ModelRecord) -> FollowedLink:
    # a card listing several licences gave some, not none: the field says which (one line)
    given = record.licence or one_line(record.licence_field, 200) or "no licence given"
    answer = given if record.found else "not found"
    return FollowedLink("base-model", record.url, answer, True, record.cached)


def _cached(target: LinkTarget, requested: str, cached: CachedAnswer) -> Finding:
    message = (
        f"base model {requested}: no fresh answer ({cached.because}); what it shows is "
        f"from the cache of {cached.day}"
    )
    return Finding(FindingKind.WARNING, message, (target.citation,))


def lineage_end(record: ModelRecord, name: str, current: str, seen: frozenset[str]) -> str:
    """Why the lineage ends at `record` although it names a base (`name`; `current`, its Hub id,
    or "" when it names none): a base that is no Hub id (the Hub cannot be asked for it), or one
    that turns back (A → B → A, or back to the model itself).  "" when it goes on."""
    named = one_line(name, 80)
    if not current:
        return f"base model {record.id} names {named} as its base, which is no Hub model id"
    if current.casefold() in seen:
        return (
            f"base model {record.id} names {named} as its base: a cycle ({named} is this model "
            "or already in its lineage)"
        )
    return ""


def cut(result: Lineage, target: LinkTarget, why: str) -> Lineage:
    finding = Finding(FindingKind.WARNING, f"{why}, not followed further", (target.citation,))
    return replace(result, findings=(*result.findings, finding))
