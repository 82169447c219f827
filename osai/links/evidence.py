"""What each linked resource is evidence of, for the model that links it.  Pure.

- Code: a producer's repository counts for a component only when the card links it for that role
  (or links it with no role: then the role is inferred from its files, and so is the evidence) and
  its files show it; the component takes the licence its files take there (GitHub's detection of
  the repository's licence file).  Third-party code is a note, never the producer's release.
- Datasets: the Datasets component takes the datasets' licences, all of them (one unknown leaves it
  unknown); a dataset the Hub does not have, or no longer serves, is a warning.
- Papers: a research paper or technical report takes the licence arXiv records for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from osai.evidence import (
    CachedAnswer,
    Certainty,
    ComponentEvidence,
    Finding,
    FindingKind,
    FollowedLink,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.licence_links import licence_of_link
from osai.licenses import all_apply
from osai.links.plan import LinkKind, LinkTarget
from osai.records import DatasetRecord, PaperRecord, RepositoryAnswer
from osai.rules import RuleSet
from osai.textsafe import joined

CODE = "code"


@dataclass(frozen=True)
class RoleNamed:
    """A role a repository linked with no role says it has, and where it says so ("its
    description", "its README's section 'Training'")."""

    role: str
    where: str


@dataclass(frozen=True)
class RolesNamed:
    """The roles a repository linked with no role says it has (its description, its README)."""

    named: tuple[RoleNamed, ...] = ()

    def where(self, role: str) -> str | None:
        return next((n.where for n in self.named if n.role == role), None)


@dataclass(frozen=True)
class LinkedEvidence:
    """Evidence from linked resources: components (only those with evidence), findings, and
    what each resource answered."""

    components: tuple[ComponentEvidence, ...] = ()
    findings: tuple[Finding, ...] = ()
    links: tuple[FollowedLink, ...] = ()


def code_evidence(
    target: LinkTarget,
    answer: RepositoryAnswer,
    repo: Release | None,
    rules: RuleSet,
    named: RolesNamed = RolesNamed(),
) -> LinkedEvidence:
    evidence = _code_evidence(target, answer, repo, rules, named)
    return as_cached(_as_moved(evidence, target, answer), target, answer.cached)


def _as_moved(
    evidence: LinkedEvidence, target: LinkTarget, answer: RepositoryAnswer
) -> LinkedEvidence:
    """A repository GitHub answers under another name (renamed, or transferred to another
    owner): the link and a note say where it is now, as its evidence cites it."""
    if not answer.moved:
        return evidence
    message = f"github.com/{answer.requested} is now {answer.full_name}"
    moved = f"now {answer.full_name}"
    links = tuple(replace(link, answer=f"{moved}; {link.answer}") for link in evidence.links)
    findings = (_finding(FindingKind.NOTE, message, target), *evidence.findings)
    return LinkedEvidence(evidence.components, findings, links)


def as_cached(
    evidence: LinkedEvidence, target: LinkTarget, cached: CachedAnswer | None
) -> LinkedEvidence:
    """The evidence of an answer an earlier run kept, used because the server gave no fresh one:
    each link it lists says so, and a warning says the evidence is as of that day."""
    if cached is None:
        return evidence
    links = tuple(replace(link, cached=cached) for link in evidence.links)
    return LinkedEvidence(
        evidence.components, (*evidence.findings, _cached_finding(target, cached)), links
    )


def _cached_finding(target: LinkTarget, cached: CachedAnswer) -> Finding:
    message = (
        f"{target.url}: no fresh answer ({cached.because}); what it shows is from the cache "
        f"of {cached.day}"
    )
    return _finding(FindingKind.WARNING, message, target)


def _code_evidence(
    target: LinkTarget,
    answer: RepositoryAnswer,
    repo: Release | None,
    rules: RuleSet,
    named: RolesNamed,
) -> LinkedEvidence:
    if not answer.found:
        return LinkedEvidence(
            findings=(
                _finding(
                    FindingKind.WARNING,
                    f"{target.url}: no such repository on GitHub (a broken link)",
                    target,
                ),
            ),
            links=(FollowedLink(target.kind.value, target.url, "not found", True),),
        )
    licence = answer.licence or "no licence file"
    if target.owner_unknown:
        return _owner_unknown(target, answer, licence)
    if target.kind is LinkKind.THIRD_PARTY_CODE or repo is None:
        message = (
            f"a third-party implementation is linked: github.com/{answer.full_name} ({licence}); "
            "it is not the producer's release of any component"
        )
        # "third-party-code: … — Apache-2.0 (third-party)" said it twice; a link of another
        # kind taken as a third party's still says so
        third = "" if target.kind is LinkKind.THIRD_PARTY_CODE else " (third-party)"
        return LinkedEvidence(
            findings=(_finding(FindingKind.NOTE, message, target),),
            links=(FollowedLink(target.kind.value, target.url, f"{licence}{third}", True),),
        )
    credited = tuple(_credited(target, answer, repo, rules, named))
    shown = ", ".join(rules.components[c.component].name.lower() for c in credited) or "nothing"
    findings = tuple(_missing_roles(target, answer, credited, rules))
    answer_line = f"{licence}; credited: {shown}"
    return LinkedEvidence(
        credited, findings, (FollowedLink(target.kind.value, target.url, answer_line, True),)
    )


def _owner_unknown(target: LinkTarget, answer: RepositoryAnswer, licence: str) -> LinkedEvidence:
    """Linked code whose owner osai cannot compare with an unknown producer: credited nothing,
    called neither the producer's nor a third party's."""
    message = (
        f"a code repository is linked: github.com/{answer.full_name} ({licence}); the producer "
        "is not known, so osai cannot tell whether it is the producer's release of any "
        "component: declare release.producer in a manifest (osai init drafts one) to settle it"
    )
    answer_line = f"{licence} (owner not compared: producer unknown)"
    return LinkedEvidence(
        findings=(_finding(FindingKind.NOTE, message, target),),
        links=(FollowedLink(target.kind.value, target.url, answer_line, True),),
    )


def _credited(
    target: LinkTarget, answer: RepositoryAnswer, repo: Release, rules: RuleSet, named: RolesNamed
) -> Iterable[ComponentEvidence]:
    # A role implies others only where the files show it: no training code, no architecture.
    shown = tuple(r for r in target.roles if repo.component(r).presence is Presence.PRESENT)
    implies = rules.links.implied(shown)
    for component in rules.components.values():
        if component.content_type != CODE:
            continue
        # A README's headings only confirm what the files show: a section "Finetuning" may
        # describe third-party frameworks (Qwen's), "Pre-training" a procedure whose code was
        # never released (Granite's repository holds a README, a paper and figures).
        found = repo.component(component.id)
        if found.presence is not Presence.PRESENT:
            continue
        where = named.where(component.id)
        stated = component.id in target.roles
        implied = component.id in implies
        if target.role_stated and not (stated or implied):
            continue  # the card links it for other roles
        if stated:
            yield _relinked(found, target, answer, Certainty.DETECTED, "linked for it")
        elif implied:
            how = f"linked for the {joined([rules.components[r].name.lower() for r in shown])}"
            how += ", which holds it"
            yield _relinked(found, target, answer, Certainty.INFERRED, how)
        elif where is not None:
            how = f"linked with no role; {where} names it"
            yield _relinked(found, target, answer, Certainty.DETECTED, how)
        else:
            yield _relinked(found, target, answer, Certainty.INFERRED, "linked with no role")


def _relinked(
    found: ComponentEvidence,
    target: LinkTarget,
    answer: RepositoryAnswer,
    certainty: Certainty,
    how: str,
) -> ComponentEvidence:
    cited = target.cited.describe() if target.cited is not None else "the card"
    first = found.provenance[0] if found.provenance else None
    shown = f"{first.value}: {first.location}" if first is not None else "its files"
    provenance = Provenance(
        "github",
        f"github.com/{answer.full_name}",
        shown,
        certainty,
        None,
        f"{how} ({cited}); its files show it",
    )
    licence = found.licence
    if licence is not None:
        where = f"github.com/{answer.full_name}/{licence.provenance.location}"
        licence = LicenceFact(
            licence.text,
            Provenance(
                "github", where, licence.text, Certainty.DETECTED, None, licence.provenance.note
            ),
            inherited_from=where,
        )
    return ComponentEvidence(
        found.component, Presence.PRESENT, (provenance,), licence, answer.html_url
    )


def _missing_roles(
    target: LinkTarget,
    answer: RepositoryAnswer,
    credited: Sequence[ComponentEvidence],
    rules: RuleSet,
) -> Iterable[Finding]:
    shown = {c.component for c in credited}
    for role in target.roles:
        if role not in shown and role in rules.components:
            name = rules.components[role].name.lower()
            message = (
                f"github.com/{answer.full_name} is linked for the {name}, but its files show none "
                "(rules/detection.yaml): the component stays unknown"
            )
            yield _finding(FindingKind.NOTE, message, target)


def dataset_evidence(
    targets: Sequence[LinkTarget], records: Sequence[DatasetRecord], rules: RuleSet
) -> LinkedEvidence:
    """The Datasets component's licence: every dataset's, combined (AND); unknown if one is."""
    findings = [f for t, r in zip(targets, records, strict=True) for f in _dataset_findings(t, r)]
    links = tuple(_dataset_link(t, r) for t, r in zip(targets, records, strict=True))
    usable = [r for r in records if r.found]
    if not usable:
        return LinkedEvidence((), tuple(findings), links)
    unknown = [r.requested for r in usable if not r.licence]
    provenance = tuple(
        Provenance(
            "hub-dataset",
            r.url,
            r.licence_said,
            Certainty.DETECTED,
            None,
            r.licence_field,
        )
        for r in usable
    )
    if unknown:
        # They are on the Hub, so they are released; what they may be used for is not known.
        said = "; ".join(f"{r.requested}: {r.licence_said}" for r in usable if not r.licence)
        note = (
            f"the Hub settles no licence for a dataset ({said}): on what the links show, the "
            "datasets' licence stays unknown"
        )
        cited = tuple(p for r, p in zip(usable, provenance, strict=True) if not r.licence)
        findings.append(Finding(FindingKind.NOTE, note, cited))
        released = ComponentEvidence("datasets", Presence.PRESENT, provenance, None, usable[0].url)
        return LinkedEvidence((released,), tuple(findings), links)
    texts = list(dict.fromkeys(r.licence for r in usable))
    combined = all_apply(texts)
    where = ", ".join(r.url for r in usable)
    licence = LicenceFact(
        combined,
        Provenance(
            "hub-dataset",
            where,
            combined,
            Certainty.DETECTED,
            None,
            "the datasets' own licences (dataset cards)",
        ),
        # not inherited: each dataset card states the dataset's own licence
    )
    component = ComponentEvidence("datasets", Presence.PRESENT, provenance, licence, usable[0].url)
    return LinkedEvidence((component,), tuple(findings), links)


def _dataset_findings(target: LinkTarget, record: DatasetRecord) -> Iterable[Finding]:
    if record.cached is not None:
        yield _cached_finding(target, record.cached)
    if not record.found:
        yield _finding(
            FindingKind.WARNING,
            f"dataset {record.requested}: the Hub has no such dataset (a broken reference)",
            target,
        )
        return
    if record.disabled:
        yield _finding(
            FindingKind.WARNING,
            f"dataset {record.id}: taken down on the Hub, no longer obtainable",
            target,
        )
    if record.id != record.requested:
        yield _finding(
            FindingKind.NOTE, f"dataset {record.requested} now lives at {record.id}", target
        )
    if record.gated:
        yield _finding(
            FindingKind.NOTE,
            f"dataset {record.id} is gated ({record.gated}): obtaining it needs an access request",
            target,
        )


def _dataset_link(target: LinkTarget, record: DatasetRecord) -> FollowedLink:
    if not record.found:
        return FollowedLink(target.kind.value, target.url, "not found", True, record.cached)
    parts = [record.licence_said]
    if record.id != record.requested:
        parts.append(f"moved to {record.id}")
    if record.disabled:
        parts.append("taken down")
    if record.gated:
        parts.append(f"gated ({record.gated})")
    return FollowedLink(target.kind.value, record.url, "; ".join(parts), True, record.cached)


def paper_evidence(target: LinkTarget, record: PaperRecord, rules: RuleSet) -> LinkedEvidence:
    return as_cached(_paper_evidence(target, record, rules), target, record.cached)


def _paper_evidence(target: LinkTarget, record: PaperRecord, rules: RuleSet) -> LinkedEvidence:
    component = target.roles[0] if target.roles else "research-paper"
    if not record.found:
        finding = _finding(
            FindingKind.WARNING, f"arXiv:{record.arxiv_id}: arXiv has no such paper", target
        )
        return LinkedEvidence(
            (), (finding,), (FollowedLink(target.kind.value, record.url, "not found", True),)
        )
    licence_id = licence_of_link(record.licence_url, rules.licences) if record.licence_url else None
    shown = licence_id or record.licence_url or "no licence recorded"
    link = FollowedLink(target.kind.value, record.url, shown, True)
    if licence_id is None:
        # arXiv has the paper: it is published, under terms osai cannot name.
        seen = Provenance("arxiv", record.url, record.title or record.url, Certainty.DETECTED)
        published = ComponentEvidence(component, Presence.PRESENT, (seen,), None, record.url)
        if record.licence_url:
            message = (
                f"arXiv:{record.arxiv_id}: its licence {record.licence_url} is not one osai knows"
            )
            finding = _finding(FindingKind.NOTE, message, target)
            return LinkedEvidence((published,), (finding,), (link,))
        return LinkedEvidence((published,), (), (link,))
    where = Provenance(
        "arxiv",
        record.url,
        record.licence_url,
        Certainty.DETECTED,
        None,
        "the licence arXiv records for the paper",
    )
    evidence = ComponentEvidence(
        component,
        Presence.PRESENT,
        (where,),
        LicenceFact(licence_id, where, inherited_from="arXiv"),
        record.url,
    )
    return LinkedEvidence((evidence,), (), (link,))


def failed(target: LinkTarget, why: str) -> LinkedEvidence:
    """A linked resource that could not be read: its evidence stays unknown, and says why."""
    message = f"{target.url} could not be read ({why}): what it would show stays unknown"
    return LinkedEvidence(
        findings=(_finding(FindingKind.WARNING, message, target),),
        links=(FollowedLink(target.kind.value, target.url, why, False),),
    )


def _finding(kind: FindingKind, message: str, target: LinkTarget) -> Finding:
    where = target.citation
    return Finding(kind, message, (where,))
