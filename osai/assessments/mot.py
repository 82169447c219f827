"""A Model Openness Tool listing as evidence: the MOT file read as a manifest, certainty assessed.

A listing is whoever submitted it to the MOT, not necessarily the producer (of ten listings
audited in the MOT's issue #80, nine had major errors), so it is a third party's assessment: read
exactly as osai reads a manifest (osai.sources.manifest), with its line numbers, then cited as the
MOT (source "mot", the file's label `mot:models/Pythia-70M.yml`, a note with the listing's date)
with certainty assessed, where the manifest reading says declared.  A `--min-certainty declared`
gate is not passed on a listing's word.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from osai.assessments.model import MatchKind, MotEntry, MotMatch
from osai.assessments.ties import ListingSays, weighed, weighed_alike
from osai.errors import BadInput
from osai.evidence import (
    Certainty,
    Finding,
    FindingKind,
    Provenance,
    Release,
)
from osai.rules import RuleSet
from osai.sources.manifest import parse_manifest_text, release_from_document

SOURCE = "mot"


def read_listing(text: str, label: str, rules: RuleSet) -> Release:
    """A MOT file's text read through osai's manifest reading, cited as `label`.

    Raises BadInput (naming `label`) when the file is not a valid model file.
    """
    return release_from_document(parse_manifest_text(text, Path(label), rules), rules)


def listing_date(match: MotMatch) -> tuple[str, str]:
    """The listing's date and where it comes from: the file's release.date, else the snapshot's."""
    written = match.entry.date
    try:
        datetime.date.fromisoformat(written)
    except ValueError:
        return match.info.date, f"the snapshot's date (commit {match.info.short_commit})"
    # in words: "(the file's release.date)" named the listing's field to a reader of the report
    return written, "the release date the file gives"


def mot_release(match: MotMatch, rules: RuleSet) -> Release:
    """The matched MOT file as a Release (source "mot", certainty assessed).

    Never raises on the listing's content: a family or base-model match, or a listing that does
    not read, gives a Release with no component evidence and a finding that says why.  Files
    tied with it (MotMatch.tied) that read as saying otherwise weigh as much as it
    (osai.assessments.ties): no file name chooses what stands.
    """
    if not match.kind.is_this_repository:
        note = f"{describe_mot_match(match)}; no evidence about this repository is taken from it"
        return _empty(match, Finding(FindingKind.NOTE, note, (_cite(match.entry),)))
    date, origin = listing_date(match)
    # Each piece of evidence carries the date; where the date comes from is said once, in the
    # note (repeated on every component, it made each evidence line half boilerplate).
    stamp = f"MOT listing of {date}"
    read, unread = _read_each((match.entry, *match.tied), rules, stamp)
    if not read:
        return _empty(match, unread[0])
    if read[0][0] is not match.entry:  # the file chosen does not read; one tied with it does
        match = _instead(match, read[0][0])
    said = _saying_otherwise(read)
    relabelled, conflicts = _weighed(said, rules) if len(said) > 1 else (read[0][1], ())
    entries = [entry for entry, _ in said]
    # its files become evidence in the report: their licence (MIT) asks for its notice
    credit = match.info.credit_of(*(entry.label for entry in entries))
    summary = describe_mot_match(match, weighed=entries if len(said) > 1 else ())
    dated = f"{summary}; the listing is dated {date} ({origin}); {credit.said}"
    cited = tuple(_cite(entry) for entry in entries)
    found = Finding(FindingKind.NOTE, dated, cited, credit=credit)
    # read as a manifest is, but a listing of someone else's model, not the user's own
    findings = (*relabelled.findings, found, *conflicts, *unread)
    return replace(relabelled, target=match.repo_id, findings=findings, owned=False)


Read = tuple[MotEntry, Release]


def _read_each(
    entries: Sequence[MotEntry], rules: RuleSet, stamp: str
) -> tuple[list[Read], list[Finding]]:
    """Each file read as a listing (relabelled as the MOT's, `stamp` in each note), and a
    warning for each that does not read."""
    read: list[Read] = []
    unread: list[Finding] = []
    for entry in entries:
        try:
            release = read_listing(entry.text, entry.label, rules)
        except BadInput as exc:
            message = f"{exc} — the MOT listing was not used"
            unread.append(Finding(FindingKind.WARNING, message, (_cite(entry),)))
            continue
        read.append((entry, _relabel(release, stamp)))
    return read, unread


def _instead(match: MotMatch, entry: MotEntry) -> MotMatch:
    """The match answered by a file tied with the one chosen, which did not read."""
    files = (match.entry.file, *match.members)
    others = tuple(file for file in files if file != entry.file)
    tied = tuple(e for e in (match.entry, *match.tied) if e is not entry)
    why = f"{match.entry.label} does not read"
    return replace(match, entry=entry, members=others, tied=tied, chosen_by=why)


def _saying_otherwise(read: Sequence[Read]) -> list[Read]:
    """The files read, one of each thing they say (the first by file order of those alike):
    files that read alike stand for each other, as they did before any was tied."""
    said: dict[tuple[object, ...], Read] = {}
    for entry, release in read:
        said.setdefault(_says(release), (entry, release))
    return list(said.values())


def _says(release: Release) -> tuple[object, ...]:
    """What a listing establishes, without where it says it: each component's presence and
    licences, each fact's value, the release's licence (Meta-Llama-3-8B-Instruct.yml and
    Llama-3-8B-Instruct.yml differ in fields osai does not read, and say the same)."""
    components = sorted(
        (key, c.presence.value, c.omitted, c.licence.texts if c.licence else ())
        for key, c in release.components.items()
    )
    facts = sorted((key, fact.value) for key, fact in release.facts.items())
    licence = release.licence.texts if release.licence else ()
    return tuple(components), tuple(facts), licence


def _weighed(said: Sequence[Read], rules: RuleSet) -> tuple[Release, tuple[Finding, ...]]:
    """The listings that say different things as one release: the first one's, with every
    component and fact weighed (osai.assessments.ties) and every listing's findings; the
    release's own licence only where they all give one.  And the conflicts between them."""
    found = weighed([ListingSays(release) for _, release in said], rules)
    first = said[0][1]
    licences = {_says(release)[2] for _, release in said}
    release = replace(
        first,
        components=found.components,
        facts=found.facts,
        licence=first.licence if len(licences) == 1 else None,
        findings=tuple(f for _, each in said for f in each.findings),
    )
    return release, found.findings


def describe_mot_match(match: MotMatch, weighed: Sequence[MotEntry] = ()) -> str:
    """One sentence: which MOT file, and how it was matched (`weighed`: the files tied with it,
    it first, that say different things and weigh alike)."""
    entry, info = match.entry, match.info
    where = f"{entry.label} (MOT snapshot {info.short_commit} of {info.date})"
    if match.kind is MatchKind.EXACT:
        text = f"the MOT lists this repository: {where}"
    elif match.kind is MatchKind.RENAMED:
        text = f"the MOT lists this repository under its former id {match.via}: {where}"
    elif match.kind is MatchKind.DECLARED_BASE_MODEL:
        text = f"the MOT lists {match.via}, which this repository names as its base model: {where}"
    elif match.kind is MatchKind.OTHER_MODEL:
        page = f"this repository's former id {match.via}" if match.via else "this repository"
        version = entry.version
        of = f"{entry.name} (version {version})" if version else entry.name
        text = (
            f"the MOT listing {where} gives {page} as its Hugging Face page, but is of {of}, "
            "not this model"
        )
    else:
        count = len(match.members)
        text = (
            f"the MOT lists the {match.family} family ({count} file{'s' if count != 1 else ''}, "
            f"e.g. {entry.label}); this exact model is not listed"
        )
    others = match.members if match.kind is not MatchKind.FAMILY else ()
    if others:
        # each cited as the file is ("mot:models/CodeT5+-16B.yml …: models/CodeT5+-220M.yml"
        # named one by its database and the other by its path alone), as EOSAI's entries are
        named = ", ".join(f"{SOURCE}:{other}" for other in others)
        text += f"; {len(others)} other MOT file(s) name the same repository: {named}"
        if weighed:
            text += f" ({weighed_alike([e.label for e in weighed], 'component and licence')})"
        elif match.chosen_by:
            text += f" (osai takes {entry.label}: {match.chosen_by})"
    return text


def _empty(match: MotMatch, finding: Finding) -> Release:
    return Release(
        target=match.repo_id,
        source=SOURCE,
        name=match.entry.name,
        producer=match.entry.producer,
        owned=False,  # a listing of someone else's model
        findings=(finding,),
        document=match.entry.label,
    )


def _cite(entry: MotEntry) -> Provenance:
    return Provenance(SOURCE, entry.label, entry.huggingface, Certainty.ASSESSED)


def _relabel(release: Release, stamp: str) -> Release:
    """The manifest reading, cited as the MOT: source "mot", the listing's date in each note, and
    certainty assessed (a third party's listing, not the publisher's word).  No release day: a
    listing's release.date is the day its entry last changed (the MOT hides entries by it), not
    the day the model was released."""
    restated = release.restated(lambda p: _relabel_provenance(p, stamp))
    return replace(restated, source=SOURCE, released="")


def _relabel_provenance(provenance: Provenance, stamp: str) -> Provenance:
    note = f"{provenance.note}; {stamp}" if provenance.note else stamp
    certainty = provenance.certainty
    if certainty is Certainty.DECLARED:
        certainty = Certainty.ASSESSED
    return replace(provenance, source=SOURCE, note=note, certainty=certainty)
