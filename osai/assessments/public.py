"""Public assessments as evidence in `osai check`: the Model Openness Tool listing and the European
Open Source AI Index entry matched to a Hub repository, merged with what the repository and its
links show.

osai.targets runs this after the card's links are followed and before a `--manifest` is merged:
collect → follow links → public assessments → --manifest → inference → redaction.  Here, through
the one merge (osai.sources.merge): the EOSAI entry (certainty assessed) over the repository's
evidence (detected), then the MOT listing (assessed too: a third party's, read as a manifest) over
both, as the user's own manifest is after it.  Where two contradict, the more restrictive fact
stays and a CONFLICT finding shows both values and where each came from.  A listing that claims
what the repository does not show, and a listing older than the repository's last change, are
warnings (osai.assessments.disagreements).

A match that is not about this repository (only the family is listed, or only the base model it
names) is said, as a note, and never merged: a sibling's listing is no evidence of this model.
An EOSAI entry matched without naming the repository (by its end model's name, or as the entry's
base model) is merged last, under what is known, and yields (osai.sources.merge): it fills what
the repository and a listing naming it leave unknown; where it contradicts them, the report
shows both and keeps theirs.  (deepseek-R1.yaml, matched by its end model's name, states the
DeepSeek License for weights that its own licences note, the MOT listing and the Hub call MIT.)
The repository's identity (its name, producer, document, distribution licence) stays its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from osai.assessments.disagreements import (
    Disagreement,
    ListingDate,
    disagreements,
    not_shown,
    not_shown_finding,
    stale_finding,
    staleness,
)
from osai.assessments.eosai import SOURCE as EOSAI
from osai.assessments.eosai import eosai_release
from osai.assessments.hubids import normalise_repo_id, read_hub_reference
from osai.assessments.matching import entry_names, eosai_named_alike, match, mot_named_alike
from osai.assessments.model import Databases, EosaiMatch, Matches, MatchKind, MotMatch
from osai.assessments.mot import SOURCE as MOT
from osai.assessments.mot import listing_date, mot_release
from osai.evidence import Certainty, Finding, FindingKind, Provenance, Release
from osai.rules import RuleSet
from osai.sources.merge import merge_releases
from osai.textsafe import joined

TITLES = {MOT: "Model Openness Tool", EOSAI: "European Open Source AI Index"}
_KINDS = {MOT: "MOT listing", EOSAI: "EOSAI entry"}


@dataclass(frozen=True)
class Listing:
    """One matched listing as evidence: which database, the Release it reads as, and its date."""

    database: str  # "mot" | "eosai"
    release: Release
    dated: ListingDate
    used: bool  # False: only said (a family, or a declared base model), never merged
    cite: Provenance
    yielding: str = ""  # why it gives way to the repository's evidence ("": it does not)

    @property
    def is_evidence(self) -> bool:
        """Merged into the repository's evidence: about this repository, and it says something."""
        return self.used and bool(self.release.components or self.release.facts)

    @property
    def named(self) -> str:
        """`the MOT listing mot:models/Pythia-70M.yml`, `the EOSAI entry eosai:…`."""
        return f"the {_KINDS[self.database]} {self.cite.location}"


def with_public_assessments(release: Release, rules: RuleSet, databases: Databases) -> Release:
    """The repository's release with its public listings merged in (or said, for relatives)."""
    found = listings(release, rules, databases)
    if not any(listing.database == EOSAI for listing in found):
        alike = _index_alike(release, databases)
        # the MOT matched, the index did not: said once, as when neither did (_not_listed);
        # without it a report read as if the index had been left unread
        unlisted = (_not_in_index(release, databases),) if found and not alike else ()
        release = replace(release, findings=(*release.findings, *alike, *unlisted))
    if not found:
        return replace(release, findings=(*release.findings, _not_listed(release, databases)))
    # with the notes above: the index's name-alike entries were lost where the MOT matched
    merged = release
    # The listings that name the repository first, then those that yield to them.
    for listing in sorted(found, key=lambda x: bool(x.yielding)):
        merged = _with_listing(merged, release, listing, rules)
    return replace(
        merged,
        name=release.name,
        producer=release.producer,
        version=release.version,
        document=release.document,
        licence=release.licence or merged.licence,
    )


def _not_listed(release: Release, databases: Databases) -> Finding:
    """That the public assessments were consulted and none lists the model, nor its family or
    base model: without it, a report with no listing read as if none had been looked for."""
    mot, eosai = databases.mot.info, databases.eosai.info
    repo_id = release.host_id or release.hub_id
    message = (
        f"no public assessment matched {repo_id}: no listing in the "
        f"MOT snapshot {mot.short_commit} of {mot.date} or the EOSAI snapshot "
        f"{eosai.short_commit} of {eosai.date} names it, a former id, its family or its base "
        "model"
    )
    where = Provenance("assessments", "osai db", "", Certainty.DETECTED)
    alike = mot_named_alike(databases.mot, repo_id)
    if alike:  # the reader would find it by name, and wonder why osai did not take it
        files = ", ".join(f"'{e.name}' ({e.label})" for e in alike)
        message += (
            f"; the MOT lists {files} with no Hub repository: a name alone is not taken as "
            "this repository's listing"
        )
    return Finding(FindingKind.NOTE, message, (where,))


def _not_in_index(release: Release, databases: Databases) -> Finding:
    """That the index was consulted and has no entry of the model where the MOT has one: the
    note that no public assessment matched was given only when neither did."""
    info = databases.eosai.info
    message = (
        f"no EOSAI entry matched {release.host_id or release.hub_id}: no entry in the EOSAI "
        f"snapshot {info.short_commit} of {info.date} names it, a former id, its family or its "
        "base model; the index has no grade to show beside osai's"
    )
    return Finding(
        FindingKind.NOTE, message, (Provenance("assessments", "osai db", "", Certainty.DETECTED),)
    )


def _index_alike(release: Release, databases: Databases) -> tuple[Finding, ...]:
    """A note for each EOSAI entry that grades the repository's model by name alone, naming no
    Hub repository or organisation: the reader would find it on the index, and wonder why osai
    did not take it (llama-2-chat.yaml grades "Llama-2-70B-Chat", meta-llama/Llama-2-70b-chat-hf
    found nothing, and the report said so as if the index had no entry of that model)."""
    repo_id = release.host_id or release.hub_id
    info = databases.eosai.info
    return tuple(
        Finding(
            FindingKind.NOTE,
            f"EOSAI grades '{model}' as the {part} of {entry.label} ({entry.name}; EOSAI "
            f"snapshot {info.short_commit} of {info.date}), and names no Hub repository or "
            f"organisation: a name alone is not taken as {repo_id}'s listing; no evidence "
            "about this repository is taken from it",
            (Provenance(EOSAI, entry.label, entry.link, Certainty.ASSESSED),),
        )
        for entry, part, model in eosai_named_alike(databases.eosai, repo_id)
    )


def listings(release: Release, rules: RuleSet, databases: Databases) -> tuple[Listing, ...]:
    """The EOSAI entry, then the MOT listing, matched to the repository (the weaker first)."""
    found = matches_for(release, databases)
    chosen: list[Listing] = []
    if found.eosai is not None:
        chosen.append(eosai_listing(found.eosai, rules))
    if found.mot is not None:
        chosen.append(mot_listing(found.mot, rules))
    if _published(release):
        return tuple(chosen)
    return tuple(
        _said_at_revision(listing, release) if listing.used else listing for listing in chosen
    )


# The revisions a listing speaks of: none asked (the repository as published), or its main
# branch, by name or as Git names it (a pinned commit, even main's, is not known to be it
# without asking the Hub again: the note says how to have the listing's word)
_PUBLISHED = frozenset({"", "main", "refs/heads/main"})


def _published(release: Release) -> bool:
    """Whether the repository was read as published (no --revision, or its main branch)."""
    return release.revision_asked.strip() in _PUBLISHED


def _said_at_revision(listing: Listing, release: Release) -> Listing:
    """A listing of the repository as published, said but not merged at another revision.

    A listing names a repository, never a revision: it assessed the repository as published when
    it was listed.  Another branch, tag or commit (a checkpoint branch, a commit from before the
    weights were uploaded, a pull request's) may hold none of what it says is released, so its
    word is no evidence about that revision (`osai check EleutherAI/pythia-70m --revision
    step1000` took the MOT's 'Model parameters (Final): released').
    """
    repo_id = release.host_id or release.hub_id
    message = (
        f"{listing.named} assesses {repo_id} as published, not its revision "
        f"{release.revision_asked.strip()}: no evidence about this revision is taken from it "
        "(without --revision, osai takes its word)"
    )
    note = Finding(FindingKind.NOTE, message, (listing.cite,))
    said = Release(
        target=listing.release.target,
        source=listing.database,
        name=listing.release.name,
        owned=False,
        findings=(note,),
        document=listing.release.document,
    )
    return replace(listing, release=said, used=False, yielding="")


def matches_for(release: Release, databases: Databases) -> Matches:
    """Match by the id the Hub answered under, the id asked for as a former one when they differ
    (a renamed repository), and the base models the card names.  The id asked for is the one
    the model is known by (Release.hub_id): a Hub model's, or a cache snapshot's."""
    asked = release.hub_id
    answered = release.host_id or asked
    renamed = (asked,) if normalise_repo_id(asked) != normalise_repo_id(answered) else ()
    return match(databases, answered, base_models=release.base_models, renamed_from=renamed)


def mot_listing(found: MotMatch, rules: RuleSet) -> Listing:
    date, origin = listing_date(found)
    cite = Provenance(MOT, found.entry.label, found.entry.huggingface, Certainty.ASSESSED)
    return Listing(
        MOT,
        mot_release(found, rules),
        ListingDate(date, origin),
        found.kind.is_this_repository,
        cite,
    )


def eosai_listing(found: EosaiMatch, rules: RuleSet) -> Listing:
    info = found.info
    origin = f"the snapshot's date (commit {info.short_commit}): the index dates no entry"
    cite = Provenance(EOSAI, found.entry.label, found.entry.link, Certainty.ASSESSED)
    used = found.kind.is_this_repository or found.kind is MatchKind.ENTRY_BASE_MODEL
    yielding = "" if found.kind.names_this_repository else _yields(found)
    release = eosai_release(found, rules)
    return Listing(EOSAI, release, ListingDate(info.date, origin), used, cite, yielding)


def _yields(found: EosaiMatch) -> str:
    # tied entries weighed alike (EosaiMatch.disagreeing) are each named: their word is one
    labels = joined([entry.label for entry in found.entries])
    several = len(found.entries) > 1
    if found.kind is MatchKind.END_MODEL_NAME:
        their = "their" if several else "its"
        # an entry whose end-model weights link names the repository was said not to name it
        key = read_hub_reference(found.repo_id).key
        if any(key in entry_names(entry).end_weights for entry in found.entries):
            link = "links" if several else "link"
            return (
                f"{labels} matched by {their} end model's name and end-model weights {link}, "
                f"not by {their} system {link}"
            )
        return f"{labels} matched by {their} end model's name, not by naming this repository"
    return f"{labels} assess{'' if several else 'es'} a model built on this one"


def listing_disagreements(
    listing: Listing, repository: Release, rules: RuleSet
) -> tuple[Disagreement, ...]:
    """What the listing and the repository's own evidence disagree on (none for a relative)."""
    if not listing.used:
        return ()
    return disagreements(
        listing.release,
        repository,
        rules,
        database_title=TITLES[listing.database],
        dated=listing.dated,
    )


def _with_listing(
    merged: Release, repository: Release, listing: Listing, rules: RuleSet
) -> Release:
    if not listing.is_evidence:
        return replace(merged, findings=(*merged.findings, *listing.release.findings))
    if listing.yielding:
        # Under what is known: it adds evidence (and conflicts), never the release's identity.
        under = merge_releases(merged, listing.release, rules, yielding=listing.yielding)
        combined = replace(
            merged, components=under.components, facts=under.facts, findings=under.findings
        )
    else:
        combined = merge_releases(listing.release, merged, rules)
    return replace(combined, findings=(*combined.findings, *_warnings(listing, repository, rules)))


def _warnings(listing: Listing, repository: Release, rules: RuleSet) -> tuple[Finding, ...]:
    """The listing's own disagreements that the merge does not report: claims the repository does
    not show, and a date older than the repository's last change."""
    # Only these two kinds: the conflicts (a second full merge of the two) the merge above has
    # already reported.
    title = TITLES[listing.database]
    warnings = [
        not_shown_finding(
            not_shown(listing.release, repository, rules), title, listing.cite, repository
        )
    ]
    stale = staleness(listing.dated, repository, title, listing.release.document)
    warnings += [stale_finding(stale, listing.cite)] if stale is not None else []
    return tuple(w for w in warnings if w is not None)
