"""What a linked code repository is evidence of, for the model that links it.  Pure.

A producer's repository counts for a component only when the card links it for that role (or links
it with no role: then the role is inferred from its files, and so is the evidence) and its files
show it; the component takes the licence its files take there (GitHub's detection of the
repository's licence file).  Third-party code is a note, never the producer's release.  A
repository GitHub answers under another name says where it is now.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from osai.detection.files import FileKind
from osai.evidence import (
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
from osai.extract.files import FileMatch, ListingScan
from osai.hubrefs import github_repository
from osai.licenses.naming import licence_title
from osai.links.evidence import (
    LinkedEvidence,
    ThirdParty,
    Unshown,
    as_cached,
    link_finding,
    not_found_on,
)
from osai.links.plan import LinkKind, LinkTarget
from osai.records import NO_LICENCE_IDENTIFIED, RepositoryAnswer
from osai.rules import RuleSet
from osai.textsafe import first_word, joined, one_line, some_of, words

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


def code_evidence(
    target: LinkTarget,
    answer: RepositoryAnswer,
    repo: Release | None,
    rules: RuleSet,
    named: RolesNamed = RolesNamed(),
    listed: bool = True,
    licence_files: Sequence[str] = (),
) -> LinkedEvidence:
    """`listed`: GitHub listed all the repository's files (a role they do not show is not
    there); else they neither show nor rule out what the card links it for.  `licence_files`:
    the licence files its tree lists at its root (root_licence_files)."""
    evidence = _code_evidence(target, answer, repo, rules, named, listed, licence_files)
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
    findings = (link_finding(FindingKind.NOTE, message, target), *evidence.findings)
    return replace(evidence, findings=findings, links=links)


def _code_evidence(
    target: LinkTarget,
    answer: RepositoryAnswer,
    repo: Release | None,
    rules: RuleSet,
    named: RolesNamed,
    listed: bool,
    licence_files: Sequence[str] = (),
) -> LinkedEvidence:
    if not answer.found:
        return LinkedEvidence(
            findings=(
                link_finding(
                    FindingKind.WARNING,
                    f"{target.url}: {not_found_on('GitHub')}",
                    target,
                ),
            ),
            links=(FollowedLink(target.kind.value, target.url, "not found", True, found=False),),
            unshown=_unshown(target, target.roles),
        )
    said = _licence_said(answer, licence_files, listed)
    if target.owner_unknown:
        return _owner_unknown(target, answer, said, rules)
    if target.kind is LinkKind.THIRD_PARTY_CODE or repo is None:
        # "third-party-code: … — Apache-2.0 (third-party)" said it twice; a link of another
        # kind taken as a third party's still says so
        third = "" if target.kind is LinkKind.THIRD_PARTY_CODE else " (third-party)"
        link = _link(target, answer, f"{said}{third}")
        return LinkedEvidence(
            links=(link,),
            third_party=(
                ThirdParty(answer.full_name, _licence_named(answer, rules), target.citation),
            ),
        )
    credited = tuple(_credited(target, answer, repo, rules, named))
    shown = ", ".join(rules.components[c.component].name.lower() for c in credited)
    # "shows: nothing" of files never (all) read claimed an empty repository
    shows = (
        f"shows: {shown or 'nothing'}" if shown or listed else "its files were not listed in full"
    )
    missing = tuple(r for r in target.roles if r not in {c.component for c in credited})
    findings = (
        *_missing_roles(target, answer, missing, rules, listed),
        *_licence_unread(target, answer, credited, rules, licence_files),
    )
    # what the link showed, not what the verdict credits: a listing may divide it (grok-1)
    return LinkedEvidence(
        credited,
        findings,
        (_link(target, answer, f"{said}{_kind_of_repository(answer)}; {shows}"),),
        # Files never listed (in full) rule nothing out: the card's sighting stays
        _unshown(target, missing) if listed else (),
    )


def third_party_note(parties: Sequence[ThirdParty]) -> tuple[Finding, ...]:
    """One note for all the third parties' code a card links: BLOOM's said "third-party code is
    linked: …, a library or tool others publish; it is not the producer's release of any
    component" four times, once a library."""
    named = {f"github.com/{p.repository} ({p.licence})": p.cited for p in parties}
    if not named:
        return ()
    if len(named) == 1:
        said = f"{next(iter(named))}, a library or tool others publish; it is not"
    else:
        said = f"{joined(list(named))}: libraries or tools others publish; none is"
    message = f"third-party code is linked: {said} the producer's release of any component"
    return (Finding(FindingKind.NOTE, message, tuple(dict.fromkeys(named.values()))),)


def _unshown(target: LinkTarget, roles: Sequence[str]) -> tuple[Unshown, ...]:
    """The card's sightings of this link for `roles`, to withdraw: the repository the card
    names (before any move GitHub reports), in the file that names it."""
    cited = target.cited
    if cited is None:
        return ()
    repository = github_repository(cited.value) or target.id
    return tuple(Unshown(role, repository, cited.location) for role in roles)


def _link(target: LinkTarget, answer: RepositoryAnswer, said: str) -> FollowedLink:
    """The link's answer, GitHub's words (`said` opens with them): the licence it names is
    GitHub's SPDX id, which a report a person reads names as its table does
    (FollowedLink.licence)."""
    licence = _licence_id(answer)
    return FollowedLink(target.kind.value, target.url, said, True, licence=licence)


def _licence_id(answer: RepositoryAnswer) -> str:
    """GitHub's SPDX id of the repository's licence; "" where it names none (NOASSERTION is a
    licence file GitHub did not recognise, not a licence)."""
    return "" if answer.licence == NO_LICENCE_IDENTIFIED else answer.licence


def _kind_of_repository(answer: RepositoryAnswer) -> str:
    """What GitHub says of the repository beside its licence, when it is more than a repository
    of its own: "; a fork", "; archived" (read-only, no longer maintained).  Both were read and
    never said, though a reader weighs the producer's code by them."""
    return ("; a fork" if answer.fork else "") + ("; archived" if answer.archived else "")


def _licence_said(
    answer: RepositoryAnswer, licence_files: Sequence[str] = (), listed: bool = False
) -> str:
    """The repository's licence in GitHub's words (its SPDX id), or what GitHub says of none:
    its `null` is no licence file, and an answer with no licence field at all says nothing of
    one.  Its NOASSERTION is no licence's name: a licence file it did not recognise, or several
    files of different licences (licensee names none then).  The root's licence files the tree
    lists (`licence_files`) say which: DeepSeek-V3's LICENSE-CODE and LICENSE-MODEL were "a
    licence file GitHub did not recognise"."""
    if not answer.licence:
        return "no licence file" if answer.licence_known else "licence not given"
    if answer.licence != NO_LICENCE_IDENTIFIED:
        return answer.licence
    if len(licence_files) > 1:  # several listed: several there, whatever the tree left out
        return f"GitHub names no single licence: the repository holds {_named(licence_files)}"
    if len(licence_files) == 1 and listed:  # a partial tree may have left out another
        return f"a licence file GitHub did not recognise ({_named(licence_files)})"
    return "a licence file GitHub did not recognise"


_NAMED = 4  # licence files named in full; beyond, the first few and how many more


def _named(paths: Sequence[str]) -> str:
    """Licence files a repository holds, in bounded words ("LICENSE-CODE and LICENSE-MODEL")."""
    if len(paths) <= _NAMED:
        return joined([one_line(path, 100) for path in paths])
    return some_of(paths, _NAMED - 1)


def root_licence_files(listing: Sequence[str] | None, rules: RuleSet) -> tuple[str, ...]:
    """The licence files at the repository's root that its tree lists (rules/detection.yaml
    `licence_files`), a NOTICE's aside (it grants nothing): where GitHub's detection looks, so
    what its NOASSERTION is about."""
    files = rules.detection.files
    return tuple(
        path
        for path in sorted(listing or ())
        if "/" not in path
        and (rule := files.licence_rule_at(path)) is not None
        and not rule.fallback
    )


def _licence_named(answer: RepositoryAnswer, rules: RuleSet) -> str:
    """The repository's licence as a note names it for a person (osai.licenses.naming)."""
    licence = _licence_id(answer)
    return licence_title(licence, rules.licences) if licence else _licence_said(answer)


def _owner_unknown(
    target: LinkTarget, answer: RepositoryAnswer, said: str, rules: RuleSet
) -> LinkedEvidence:
    """Linked code whose owner osai cannot compare with an unknown producer: credited nothing,
    called neither the producer's nor a third party's (`said`: its licence in GitHub's words,
    _licence_said)."""
    named = _licence_named(answer, rules)
    message = (
        f"a code repository is linked: github.com/{answer.full_name} ({named}); the producer "
        "is not known, so osai cannot tell whether it is the producer's release of any "
        "component: declare release.producer in a manifest (osai init drafts one) to settle it"
    )
    return LinkedEvidence(
        findings=(link_finding(FindingKind.NOTE, message, target),),
        links=(_link(target, answer, f"{said} (owner not compared: producer unknown)"),),
    )


def _credited(
    target: LinkTarget, answer: RepositoryAnswer, repo: Release, rules: RuleSet, named: RolesNamed
) -> Iterable[ComponentEvidence]:
    # A role implies others only where the files show it: no training code, no architecture.
    shown = tuple(r for r in target.roles if repo.component(r).presence is Presence.PRESENT)
    implies = rules.links.implied(shown)
    yield from _documents(target, answer, repo, rules)
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
            cited = target.cited_for((component.id,))
            yield _relinked(found, target, answer, Certainty.DETECTED, "linked for it", cited)
        elif implied:
            how = f"linked for the {joined([rules.components[r].name.lower() for r in shown])}"
            how += ", which holds it"
            cited = target.cited_for(shown)
            yield _relinked(found, target, answer, Certainty.INFERRED, how, cited)
        elif where is not None:
            how = f"linked with no role; {where} names it"
            yield _relinked(found, target, answer, Certainty.DETECTED, how)
        else:
            yield _relinked(found, target, answer, Certainty.INFERRED, "linked with no role")


def _documents(
    target: LinkTarget, answer: RepositoryAnswer, repo: Release, rules: RuleSet
) -> Iterable[ComponentEvidence]:
    """The documents (rules/links.yaml `documents`) the repository's files hold: the
    producer's release of them, whatever role the card links it for (granite's paper.pdf)."""
    for component in sorted(rules.links.documents.components):
        found = repo.component(component)
        if found.presence is not Presence.PRESENT:
            continue  # another model's document was set aside before (own_documents)
        if component in target.roles:
            cited = target.cited_for((component,))
            yield _relinked(found, target, answer, Certainty.DETECTED, "linked for it", cited)
        else:
            # a file's name says what it is, not whose model it documents
            how = "linked as the producer's code"
            yield _relinked(found, target, answer, Certainty.INFERRED, how)


def own_documents(
    scan: ListingScan, listing: Sequence[str], target: LinkTarget, rules: RuleSet
) -> ListingScan:
    """A linked repository's files (`listing`, as `scan` classified them) as evidence for the
    linking model: its documents (rules/links.yaml `documents`) named for another model set
    aside, each file by its own name (of docs/llama-3-tech-report.pdf and
    granite-tech-report.pdf, the first's name decided both, and granite's own report was
    missed); and the files named for the model that no kind took (`named_for_model`)."""
    kept: list[FileMatch] = []
    for match in scan.matches:
        if match.component not in rules.links.documents.components:
            kept.append(match)
            continue
        own = tuple(path for path in match.paths if _of_this_model(path, target, rules))
        if own:
            kept.append(replace(match, paths=own, count=match.count - len(match.paths) + len(own)))
    # after the kinds': a file's kind says what it is, its name for the model only whose
    kept.extend(_named_for_model(scan, listing, target, rules))
    return replace(scan, matches=tuple(kept))


def _named_for_model(
    scan: ListingScan, listing: Sequence[str], target: LinkTarget, rules: RuleSet
) -> Iterable[FileMatch]:
    """The files no kind took whose name is the linking model's, where `named_for_model`
    looks (docs/granite-3.0.pdf): a document of the model, inferred."""
    named = rules.links.documents.named_for_model
    model = target.judged_for.model_id if target.judged_for is not None else ""
    family = first_word(model.rsplit("/", 1)[-1])  # granite, deepseek
    if named is None or not family:
        return
    taken = {path for match in scan.matches for path in match.paths}
    paths = tuple(
        path
        for path in listing
        if named.looks_at(path)
        and path not in taken
        and family in words(_stem(path))
        and _of_this_model(path, target, rules)
    )
    if not paths:
        return
    kind = FileKind(
        "named-for-model", named.label, named.component, named.component, Certainty.INFERRED
    )
    kept = paths[: rules.detection.files.limits.max_files]  # as many as a kind keeps
    yield FileMatch(kind, named.component, kept, len(paths), by_name=True)


def _stem(path: str) -> str:
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _of_this_model(path: str, target: LinkTarget, rules: RuleSet) -> bool:
    """A document's file names no work, or the linking model: every word of its name but those
    that name no work is in the model's id (Qwen3_Technical_Report.pdf, in the repository
    Qwen2.5's link now answers as QwenLM/Qwen3, is not Qwen2.5-7B's report)."""
    generic = rules.links.documents.words | rules.detection.card.own_paper_qualifiers
    named = words(_stem(path)) - generic
    model = target.judged_for.model_id if target.judged_for is not None else ""
    return named <= words(model)


def _relinked(
    found: ComponentEvidence,
    target: LinkTarget,
    answer: RepositoryAnswer,
    certainty: Certainty,
    how: str,
    cited_for: Provenance | None = None,
) -> ComponentEvidence:
    """The component `found` in the linked repository, credited to the card's link: where the
    card links it for the role `how` names (`cited_for`), else where it first links it."""
    link = cited_for or target.cited
    cited = link.describe() if link is not None else "the card"
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


def _licence_unread(
    target: LinkTarget,
    answer: RepositoryAnswer,
    credited: Sequence[ComponentEvidence],
    rules: RuleSet,
    licence_files: Sequence[str],
) -> Iterable[Finding]:
    """Why the code a repository shows has no licence where GitHub names none (NOASSERTION):
    which of its licence files covers that code by its name (rules/detection.yaml
    `licence_files`: LICENSE-CODE the code, LICENSE-MODEL the weights), unread (the tree lists
    names; osai reads no licence text from GitHub).  DeepSeek-V3's inference code and
    Megatron-DeepSpeed's training code showed "?" with nothing saying why, nor which file a
    reader deciding whether the code is open should read."""
    unlicensed = [
        c.component
        for c in credited
        if c.licence is None and rules.components[c.component].content_type == CODE
    ]
    if answer.licence != NO_LICENCE_IDENTIFIED or not unlicensed or not licence_files:
        return
    names = joined([rules.components[c].name.lower() for c in unlicensed])
    said = _unread_said(licence_files, unlicensed, f"the code it shows ({names})", rules)
    # of this link only: other evidence (a listing, the card) may give the code a licence
    message = f"github.com/{answer.full_name}: {said}, so this link gives that code no licence"
    yield link_finding(FindingKind.NOTE, message, target)


def _unread_said(
    licence_files: Sequence[str], code: Sequence[str], shows: str, rules: RuleSet
) -> str:
    """What GitHub's NOASSERTION is of, and which of the licence files covers `code` by its
    name, or the whole repository (a LICENSE)."""
    found = [(p, r) for p in licence_files if (r := rules.detection.files.licence_rule_at(p))]
    covering = [p for p, r in found if r.covers is None or set(code) & set(r.covers)]
    if len(licence_files) == 1:
        said = f"GitHub did not recognise its licence file, {_named(licence_files)}"
        return said + (f", which covers {shows}; osai did not read it" if covering else "")
    said = f"GitHub names no single licence for its licence files ({_named(licence_files)})"
    if not covering:
        return f"{said}; none covers {shows} by its name"
    # a name that says what it covers (LICENSE-CODE) is all of the split osai sees
    scoped = any(r.covers is not None for p, r in found if p in covering)
    by = ("by its name " if len(covering) == 1 else "by their names ") if scoped else ""
    verb, it = ("covers", "it") if len(covering) == 1 else ("cover", "them")
    return f"{said}; {by}{_named(covering)} {verb} {shows}, and osai did not read {it}"


def _missing_roles(
    target: LinkTarget,
    answer: RepositoryAnswer,
    missing: Sequence[str],
    rules: RuleSet,
    listed: bool,
) -> Iterable[Finding]:
    names = [rules.components[role].name.lower() for role in missing if role in rules.components]
    if not names:
        return
    # One note a link: pythia's said "github.com/EleutherAI/pythia is linked for the training
    # code, but …" twice, once more for the inference code.  Of this link only: other evidence
    # (a listing, the repository, another link) may settle the component, and the report's row
    # then shows it ("the component stays unknown" contradicted pythia's row, which the MOT
    # listing settles).
    it = "it" if len(names) == 1 else "them"
    message = (
        f"github.com/{answer.full_name} is linked for the {joined(names)}, but this link does "
        f"not show {it}: its files hold none that rules/detection.yaml recognises"
        if listed
        else f"github.com/{answer.full_name} is linked for the {joined(names)}; its files were "
        f"not listed in full, so this link neither shows {it} nor rules {it} out"
    )
    yield link_finding(FindingKind.NOTE, message, target)
