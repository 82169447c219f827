"""What each linked resource is evidence of, for the model that links it.  Pure.

- Code: osai.links.code (a producer's repository counts for the components its files show, for
  the roles the card links it for; third-party code is a note, never the producer's release).
- Datasets: the Datasets component takes the datasets' licences, all of them: one the links do not
  settle (no licence given, no such dataset, taken down, not read) leaves it unknown; a dataset
  the Hub does not have, or no longer serves, is a warning.
- Papers: a research paper or technical report takes the licence arXiv records for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import product

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
    weakest,
)
from osai.licence_links import licence_of_link, licence_url
from osai.licence_spelling import MAX_EXPRESSION_CHARS
from osai.licenses import all_apply, normalised_licence
from osai.links.card_licence import read_licence
from osai.links.plan import LinkTarget
from osai.records import DatasetRecord, PaperRecord
from osai.rules import RuleSet
from osai.textsafe import one_line, quoted_name


@dataclass(frozen=True)
class Unshown:
    """A role the card links a repository for that the repository, once read, does not show (or
    that no repository answers): the card's sighting of that link for that component is
    withdrawn, for what the link was said to hold is not there."""

    component: str
    repository: str  # owner/repo, as the card links it (a dataset's id)
    location: str  # the card (or manifest) that links it
    # the line of the card's field entry that names it (a dataset its `datasets:` lists): that
    # entry is the sighting; None for a code link, whose sighting names its address
    line: int | None = None


@dataclass(frozen=True)
class ThirdParty:
    """A third party's code the card links: noted once for all of them (osai.links.code)."""

    repository: str  # owner/repo, as GitHub answers it
    licence: str  # as the note says it ("Apache-2.0", "no licence file")
    cited: Provenance  # where the card links it


@dataclass(frozen=True)
class LinkedEvidence:
    """Evidence from linked resources: components (only those with evidence), findings, what
    each resource answered, the roles a card linked a repository for that it does not show, and
    the third parties' code it links."""

    components: tuple[ComponentEvidence, ...] = ()
    findings: tuple[Finding, ...] = ()
    links: tuple[FollowedLink, ...] = ()
    unshown: tuple[Unshown, ...] = ()
    third_party: tuple[ThirdParty, ...] = ()


@dataclass(frozen=True)
class UnreadDataset:
    """A dataset the card names that no answer was read for (left out by the --max-links cap,
    its read failed, no Hub id): the other datasets' licences are not all the datasets'."""

    name: str
    why: str
    cited: Provenance


def as_cached(
    evidence: LinkedEvidence, target: LinkTarget, cached: CachedAnswer | None
) -> LinkedEvidence:
    """The evidence of an answer an earlier run kept, used because the server gave no fresh one:
    each link it lists says so, and a warning says the evidence is as of that day (offline,
    the links and citations say it: a warning per link would tell the user what they asked)."""
    if cached is None:
        return evidence
    links = tuple(replace(link, cached=cached) for link in evidence.links)

    def kept(provenance: Provenance) -> Provenance:
        return replace(provenance, note=kept_note(provenance.note, cached))

    components = tuple(component.restated(kept) for component in evidence.components)
    findings = (*evidence.findings, *_cached_finding(target, cached))
    return replace(evidence, components=components, findings=findings, links=links)


def kept_note(note: str, cached: CachedAnswer | None) -> str:
    """A citation's note, saying when what it cites is from a kept answer: a reader of
    components[].evidence alone (JSON) could not tell a licence read days ago from one read now."""
    if cached is None:
        return note
    return f"{note}; {cached.describe()}" if note else cached.describe()


def _cached_finding(target: LinkTarget, cached: CachedAnswer) -> tuple[Finding, ...]:
    """The warning for an answer that stood in for a failed one; none offline (see as_cached)."""
    if cached.offline:
        return ()
    message = (
        f"{target.url}: no fresh answer ({cached.because}); what it shows is from the cache "
        f"of {cached.day}"
    )
    return (link_finding(FindingKind.WARNING, message, target),)


def dataset_evidence(
    targets: Sequence[LinkTarget],
    records: Sequence[DatasetRecord],
    rules: RuleSet,
    unread: Sequence[UnreadDataset] = (),
) -> LinkedEvidence:
    """The Datasets component's licence: every dataset's, combined (AND); unknown if one is
    (no licence given, no such dataset, taken down, or `unread`): the card trained on it too,
    so the others' licences alone do not say under which terms the training data is released.
    A dataset taken down counts for nothing else: it can no longer be obtained, and the card's
    entry naming it is no evidence that the Datasets are released (`Unshown`)."""
    read = [read_licence(r, f"dataset {r.requested}", "hub-dataset", rules) for r in records]
    records = [_as_read(r) for r, _ in read]
    findings = [f for t, r in zip(targets, records, strict=True) for f in _dataset_findings(t, r)]
    findings += [finding for _, said in read for finding in said]
    links = tuple(_dataset_link(t, r) for t, r in zip(targets, records, strict=True))
    unshown = tuple(_unobtained(t) for t, r in zip(targets, records, strict=True) if _gone(r))
    usable = [r for r in records if not _gone(r)]
    if not usable:
        return LinkedEvidence((), tuple(findings), links, unshown)
    # a row with no licence says each dataset's in its citation: t5-base's read "legacy-datasets/c4
    # card metadata license (detected)" with c4's odc-by nowhere, beside wiki_dpr's list; with
    # one licence settled for all, the row's licence says it
    settled = all(r.licence for r in usable) and len(usable) == len(records) and not unread
    provenance = tuple(_dataset_cited(r, not settled) for r in usable)
    unsettled = [
        *(
            (f"{r.requested}: {r.licence_said}", p)
            for r, p in zip(usable, provenance, strict=True)
            if not r.licence
        ),
        *((f"{r.requested}: {_unobtainable(r)}", _record_cited(r)) for r in records if _gone(r)),
        *((f"{u.name}: {u.why}", u.cited) for u in unread),
    ]
    if unsettled:
        # Those on the Hub are released; what all the training data may be used for is not known.
        # A card's or a BOM's list may be thousands long: the first few said, the rest counted.
        said = "; ".join(text for text, _ in unsettled[:MAX_UNSETTLED])
        if len(unsettled) > MAX_UNSETTLED:
            said += f"; +{len(unsettled) - MAX_UNSETTLED:,} more"
        unsettled = unsettled[:MAX_UNSETTLED]
        note = (
            # Of the links only: a listing may give the datasets a licence, and the report's
            # row then shows it ("stays unknown" contradicted Pythia's Apache-2.0 row).
            f"the Hub settles no licence for a dataset ({said}): the links give the datasets "
            "none; a licence shown for them comes from other evidence"
        )
        cited = tuple(dict.fromkeys(where for _, where in unsettled))
        findings.append(Finding(FindingKind.NOTE, note, cited))
        released = ComponentEvidence("datasets", Presence.PRESENT, provenance, None, usable[0].url)
        return LinkedEvidence((released,), tuple(findings), links, unshown)
    texts = list(dict.fromkeys(r.licence for r in usable))
    combined = all_apply(texts)
    where = ", ".join(r.url for r in usable)
    licence = _may_instead(usable, rules) or LicenceFact(
        combined,
        Provenance(
            "hub-dataset",
            where,
            combined,
            Certainty.DETECTED,
            None,
            kept_note(
                "the datasets' own licences (dataset cards)",
                next((r.cached for r in usable if r.cached is not None), None),
            ),
        ),
        # not inherited: each dataset card states the dataset's own licence
    )
    component = ComponentEvidence("datasets", Presence.PRESENT, provenance, licence, usable[0].url)
    return LinkedEvidence((component,), tuple(findings), links)


def _may_instead(usable: Sequence[DatasetRecord], rules: RuleSet) -> LicenceFact | None:
    """The datasets' licences combined, with the combinations that may apply instead where a
    dataset's card names another licence in a field that contradicts its `license`
    (osai.links.card_licence): a verdict stands only where all give it.  None when none does."""
    if not any(r.licence_instead for r in usable):
        return None
    where = ", ".join(r.url for r in usable)
    note = kept_note(
        "the datasets' own licences (dataset cards), which contradict themselves",
        next((r.cached for r in usable if r.cached is not None), None),
    )
    combinations = [
        all_apply(list(dict.fromkeys(texts)))
        for texts in product(*((r.licence, *r.licence_instead) for r in usable))
    ]
    facts = [
        LicenceFact(text, Provenance("hub-dataset", where, text, Certainty.DETECTED, None, note))
        for text in combinations
    ]
    same = partial(normalised_licence, knowledge=rules.licences)
    return facts[0].or_instead(facts[1:], same)


def _dataset_cited(record: DatasetRecord, say_licence: bool) -> Provenance:
    """Where a dataset's licence was read; `say_licence`: its field says the licence too, as a
    list's names its licences ("cardData.license lists cc-by-sa-3.0, gfdl")."""
    field = record.licence_field
    if say_licence and record.licence:
        field = f"{field} is {said(record.licence)}" if field else said(record.licence)
    return Provenance(
        "hub-dataset",
        record.url,
        record.licence_said,
        Certainty.DETECTED,
        None,
        kept_note(field, record.cached),
    )


MAX_UNSETTLED = 8  # datasets said by name in the note that the links settle no licence
SAID_CHARS = 200  # of what a dataset card or arXiv says of a licence, in a note or a link's answer


def said(licence: str) -> str:
    """What a host says of a licence, as a note or a link's answer repeats it: one line of at
    most SAID_CHARS characters (a 3,000-character licence URL was printed whole)."""
    return one_line(licence, SAID_CHARS)


def _as_read(record: DatasetRecord) -> DatasetRecord:
    """The record as osai reads it: a licence longer than any id or expression is a licence's
    text pasted for its name (osai.licence_spelling.overlong_licence), read as none and said in
    a few words, as a model card's own is (a dataset card's 100,000-character license_name was
    quoted in the link's answer, the note and every verdict on the datasets: a report of 650 KB)."""
    if len(record.licence) <= MAX_EXPRESSION_CHARS:
        return record
    said = (
        f"a licence of {len(record.licence):,} characters, longer than osai reads "
        f"({quoted_name(record.licence, 40)})"
    )
    return replace(record, licence="", licence_unread=said)


def _gone(record: DatasetRecord) -> bool:
    """Whether no one can obtain the dataset from the Hub: it has none such, or took it down."""
    return not record.found or record.disabled


def _unobtained(target: LinkTarget) -> Unshown:
    """The card's entry naming a dataset no one can obtain, withdrawn: it alone made the
    Datasets released, and the index graded the data sources "at least partial" ("some ...
    are open for inspection or shared") on data taken down.  A declaration (a manifest, a BOM)
    is the publisher's word and is not withdrawn (combine.withdrawn)."""
    cited = target.citation
    return Unshown("datasets", target.id, cited.location, cited.line)


def _unobtainable(record: DatasetRecord) -> str:
    return "not found on the Hub" if not record.found else "taken down, no longer obtainable"


def _record_cited(record: DatasetRecord) -> Provenance:
    said = "not found" if not record.found else "taken down"
    return Provenance("hub-dataset", record.url, said, Certainty.DETECTED)


def _dataset_findings(target: LinkTarget, record: DatasetRecord) -> Iterable[Finding]:
    if record.cached is not None:
        yield from _cached_finding(target, record.cached)
    if not record.found:
        yield link_finding(
            FindingKind.WARNING,
            f"dataset {record.requested}: {not_found_on('the Hub')}",
            target,
        )
        return
    if record.disabled:
        yield link_finding(
            FindingKind.WARNING,
            f"dataset {record.id}: taken down on the Hub, no longer obtainable",
            target,
        )
    if record.id != record.requested:
        yield link_finding(
            FindingKind.NOTE, f"dataset {record.requested} now lives at {record.id}", target
        )
    if record.gated:
        yield link_finding(
            FindingKind.NOTE,
            f"dataset {record.id} is gated ({record.gated}): obtaining it needs an access request",
            target,
        )


def _dataset_link(target: LinkTarget, record: DatasetRecord) -> FollowedLink:
    if not record.found:
        return FollowedLink(
            target.kind.value, target.url, "not found", True, record.cached, found=False
        )
    parts = [said(record.licence_said)]
    if record.id != record.requested:
        parts.append(f"moved to {record.id}")
    if record.disabled:
        parts.append("taken down")
    if record.gated:
        parts.append(f"gated ({record.gated})")
    answer = "; ".join(parts)
    # the link the card gives, as a moved repository's is: the new address it "moved to" said
    # the move twice ("…/datasets/legacy-datasets/c4 — …; moved to legacy-datasets/c4") and
    # never said from where
    return FollowedLink(
        target.kind.value,
        target.url,
        answer,
        True,
        record.cached,
        record.licence,
        found=not record.disabled,
    )


def paper_evidence(target: LinkTarget, record: PaperRecord, rules: RuleSet) -> LinkedEvidence:
    return as_cached(_paper_evidence(target, record, rules), target, record.cached)


def _paper_evidence(target: LinkTarget, record: PaperRecord, rules: RuleSet) -> LinkedEvidence:
    component = target.roles[0] if target.roles else "research-paper"
    # arXiv says the paper exists and under what licence, never whose paper it is: that is the
    # model's as surely as the card (or manifest) makes it so.  A paper the card only inferred
    # was its own (a label, a heading) was detected once its licence was read, and a gate
    # passed on another model's paper the card cited.
    owned = weakest((Certainty.DETECTED, target.citation.certainty)) or Certainty.DETECTED
    if not record.found:
        why = "arXiv has deleted its record" if record.deleted else "arXiv has no such paper"
        finding = link_finding(FindingKind.WARNING, f"arXiv:{record.arxiv_id}: {why}", target)
        answer = "deleted" if record.deleted else "not found"
        return LinkedEvidence(
            (),
            (finding,),
            (FollowedLink(target.kind.value, record.url, answer, True, found=False),),
        )
    # Only an address names a licence: "…/licenses/by/4.0/ and GPL" was CC-BY-4.0, read from
    # what begins it
    address = licence_url(record.licence_url)
    licence_id = licence_of_link(address, rules.licences) if address else None
    shown = licence_id or said(record.licence_url) or "no licence recorded"
    link = FollowedLink(target.kind.value, record.url, shown, True, licence=licence_id or "")
    if licence_id is None:
        # arXiv has the paper: it is published, under terms osai cannot name.
        seen = Provenance("arxiv", record.url, record.title or record.url, owned)
        published = ComponentEvidence(component, Presence.PRESENT, (seen,), None, record.url)
        if record.licence_url:
            message = (
                f"arXiv:{record.arxiv_id}: its licence {said(record.licence_url)} is not one osai "
                "knows"
            )
            finding = link_finding(FindingKind.NOTE, message, target)
            return LinkedEvidence((published,), (finding,), (link,))
        return LinkedEvidence((published,), (), (link,))
    where = Provenance(
        "arxiv",
        record.url,
        said(record.licence_url),
        Certainty.DETECTED,
        None,
        "the licence arXiv records for the paper",
    )
    evidence = ComponentEvidence(
        component,
        Presence.PRESENT,
        (replace(where, certainty=owned),),
        LicenceFact(licence_id, where, inherited_from="arXiv"),
        record.url,
    )
    return LinkedEvidence((evidence,), (), (link,))


def failed(target: LinkTarget, why: str) -> LinkedEvidence:
    """A linked resource that could not be read: its evidence stays unknown, and says why."""
    message = f"{target.url} could not be read ({why}): what it would show stays unknown"
    return LinkedEvidence(
        findings=(link_finding(FindingKind.WARNING, message, target),),
        links=(FollowedLink(target.kind.value, target.url, _named(why, target), False),),
    )


def _named(answer: str, target: LinkTarget) -> str:
    """A link's answer, and where a file other than the card names it (LinkTarget.named_in)."""
    return f"{answer}; {target.named_in}" if target.named_in else answer


def not_found_on(host: str) -> str:
    """What a 404 from GitHub or the Hub shows: both answer a private repository as one they
    do not have (to a caller whose token cannot read it), so which of the two, osai cannot
    tell.  A linked repository made private was reported as one that does not exist."""
    return (
        f"not found on {host} (it does not exist, or it is private and the token in use, if "
        "any, cannot read it)"
    )


def link_finding(kind: FindingKind, message: str, target: LinkTarget) -> Finding:
    """A finding about a linked resource, cited where the card links it."""
    where = target.citation
    return Finding(kind, message, (where,))
