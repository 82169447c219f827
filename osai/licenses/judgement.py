"""Whether a policy accepts a licence: by the sets it is in, and the restriction categories its
terms fall in; OR takes any branch, AND needs all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from osai.licenses.knowledge import LicenceKnowledge, LicenceState
from osai.licenses.naming import leaf_called, leaf_title, leaf_title_with_id, unread_name
from osai.licenses.parsing import Leaf, Node, ParsedLicence, parse_licence
from osai.verdict import Status


@dataclass(frozen=True)
class LicenceJudgement:
    """Whether a policy accepts a licence, and the reason in words."""

    status: Status
    reason: str


@dataclass(frozen=True)
class Verdicts:
    """How a policy judges a licence beyond its accepted sets: restriction categories that fail
    any licence, and the verdict on a known licence neither accepted nor rejected."""

    reject: tuple[str, ...] = ()
    otherwise: Status = Status.UNMET


def judge(
    parsed: ParsedLicence,
    accepted: tuple[str, ...],
    knowledge: LicenceKnowledge,
    *,
    exact: bool,
    unrecognised: Status,
    verdicts: Verdicts = Verdicts(),
    content_type: str = "",
) -> LicenceJudgement:
    """`content_type`: the component's (rules/components.yaml), which names a licence in several
    accepted sets by the set written for that type."""
    if parsed.state is LicenceState.UNLICENSED:
        return LicenceJudgement(Status.UNMET, "released with no licence (unlicensed)")
    if parsed.state is LicenceState.NOT_INCLUDED:
        return LicenceJudgement(Status.UNMET, f"'{unread_name(parsed.raw)}': declared not included")
    if parsed.state is LicenceState.UNDISCLOSED:
        return LicenceJudgement(
            Status.UNKNOWN, f"licence '{unread_name(parsed.raw)}' (not disclosed)"
        )
    if parsed.state is LicenceState.UNRECOGNISED or parsed.expression is None:
        return LicenceJudgement(
            unrecognised, f"'{unread_name(parsed.raw)}' is not a licence osai recognises"
        )
    policy = _Policy(accepted, knowledge, exact, unrecognised, verdicts, content_type)
    return _judge_node(parsed.expression, policy)


@dataclass(frozen=True)
class _Policy:
    accepted: tuple[str, ...]
    knowledge: LicenceKnowledge
    exact: bool
    unrecognised: Status
    verdicts: Verdicts
    content_type: str


def _judge_node(node: Node, policy: _Policy) -> LicenceJudgement:
    if isinstance(node, Leaf):
        return _judge_leaf(node, policy)
    verdicts = [_judge_node(term, policy) for term in node.terms]
    decisive = Status.MET if node.operator == "OR" else Status.UNMET
    for verdict in verdicts:
        if verdict.status is decisive:
            return verdict
    unknown = [verdict for verdict in verdicts if verdict.status is Status.UNKNOWN]
    if unknown:
        return unknown[0]
    joined = "; ".join(verdict.reason for verdict in verdicts)
    return LicenceJudgement(verdicts[0].status, joined)


def _judge_leaf(leaf: Leaf, policy: _Policy) -> LicenceJudgement:
    knowledge, exact, unrecognised = policy.knowledge, policy.exact, policy.unrecognised
    if leaf.exception and not knowledge.is_exception(leaf.exception):
        # `Apache-2.0 WITH MIT`: a licence after WITH, where AND or OR joins two licences
        what = (
            "a licence, not an exception (AND or OR joins two licences)"
            if knowledge.lookup(leaf.exception) is not None
            else "an exception osai does not know"
        )
        return LicenceJudgement(
            unrecognised, f"{leaf_title(leaf)} WITH {unread_name(leaf.exception)}: {what}"
        )
    rejected = _rejected(leaf, policy)
    if rejected is not None:
        return rejected
    memberships = knowledge.sets_of(leaf.id, exact=exact)
    matching = [name for name in memberships if name in policy.accepted]
    if matching:
        kinds = knowledge.set_content_types
        # the set for the component's type first (stable: otherwise the sets' order)
        matching.sort(key=lambda name: kinds.get(name, policy.content_type) != policy.content_type)
        title = knowledge.set_title(matching[0])
        return LicenceJudgement(Status.MET, f"{leaf_called(leaf)}: {title}")
    if leaf.info is None and not exact and not memberships:
        return LicenceJudgement(unrecognised, f"{leaf_title(leaf)}: a licence osai does not know")
    if leaf.info is not None and leaf.info.deprecated and not exact:
        return LicenceJudgement(
            unrecognised, f"{leaf.id}: a deprecated SPDX id; declare its current SPDX expression"
        )
    return _otherwise(leaf, policy)


def _rejected(leaf: Leaf, policy: _Policy) -> LicenceJudgement | None:
    """A licence whose terms fall in a category the policy rejects fails, whatever its sets."""
    info = leaf.info
    if info is None or not policy.verdicts.reject:
        return None
    found = [tag for tag in info.tags if tag in policy.verdicts.reject]
    if not found:
        return None
    titles = [policy.knowledge.restriction_title(tag) for tag in found]
    # The licence's terms, apart from the categories: after a colon they read as the category's
    # own explanation ("… above a user or revenue threshold: Acceptable Use Policy; …"), and
    # terms that only restate a category said it twice ("no commercial use: NonCommercial: no
    # commercial use").
    terms = info.restriction
    restated = all(title.casefold() in terms.casefold() for title in titles)
    detail = f" (its terms: {terms})" if terms and not restated else ""
    named = leaf_title_with_id(leaf)
    return LicenceJudgement(Status.UNMET, f"{named}: {'; '.join(titles)}{detail}")


def _otherwise(leaf: Leaf, policy: _Policy) -> LicenceJudgement:
    status = policy.verdicts.otherwise
    if status is Status.UNMET:
        return LicenceJudgement(Status.UNMET, _why_not(leaf, policy.accepted, policy.knowledge))
    name = leaf_title_with_id(leaf)
    if status is Status.MET:
        return LicenceJudgement(Status.MET, f"{name}: none of the rejected restrictions")
    wanted = policy.knowledge.outside(policy.accepted)
    outside = f"{wanted}, and " if wanted else ""
    reason = f"{name}: {outside}none of its recorded restrictions is one this policy rejects"
    return LicenceJudgement(
        Status.UNKNOWN, f"{reason}; whether it grants the rights asked for needs a reading"
    )


def _why_not(leaf: Leaf, accepted: tuple[str, ...], knowledge: LicenceKnowledge) -> str:
    info = leaf.info
    outside = knowledge.outside(accepted)
    if info is not None and info.restriction:
        return f"{leaf_title_with_id(leaf)}: {info.restriction}; {outside}"
    return f"{leaf_called(leaf)}: {outside}"


def most_restrictive(texts: Iterable[str], knowledge: LicenceKnowledge, open_set: str) -> int:
    """The restrictiveness of the most restrictive of `texts`: a licence that may be one of
    several (LicenceFact.texts) ranks as the one that grants least, as osai stands behind it."""
    return max(restrictiveness(text, knowledge, open_set) for text in texts)


def restrictiveness(text: str, knowledge: LicenceKnowledge, open_set: str) -> int:
    """How restrictive a licence string is: 0 in `open_set`, 1 unknown, 2 outside it, 3 none.

    With the `osi-approved` set (rules/detection.yaml), "outside" includes use-restricted model
    licences (Llama, Gemma, RAIL) and open data or content licences alike: between two
    contradicting statements, the one that grants the fewer software freedoms is the one osai can
    stand behind.
    """
    parsed = parse_licence(text, knowledge, exact=False)
    if parsed.state in (LicenceState.UNLICENSED, LicenceState.NOT_INCLUDED):
        return 3
    if parsed.state is not LicenceState.EXPRESSION:
        return 1
    verdict = judge(parsed, (open_set,), knowledge, exact=False, unrecognised=Status.UNKNOWN)
    return {Status.MET: 0, Status.UNMET: 2}.get(verdict.status, 1)
