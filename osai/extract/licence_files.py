"""Licence files: which ones a snapshot holds, which licence each is, and the repository's licence.

A licence file is identified from its head (osai.detection.licence_text); one osai cannot identify
still decides, as "unknown".  The repository's licence is settled here, once for every backend:
the card's licence id when osai knows it; else the top-level licence file; else a licence the
card's gating prompt names; else the card's id as it stands (``other``, ``unknown``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from urllib.parse import urlsplit

from osai.card.evidence import CardEvidence, listed_licence, unsettled_licences
from osai.card.front_matter import single, split_front_matter, strings
from osai.card.model import CardFacts, CardField
from osai.detection import FilePatterns, LicenceFileRule, LicencePatterns
from osai.evidence import Certainty, Finding, FindingKind, LicenceFact, Provenance
from osai.extract.observations import LicenceFile, licence_scope
from osai.hubrefs import web_address
from osai.licenses import (
    LicenceKnowledge,
    LicenceState,
    leaves,
    most_restrictive,
    normalised_licence,
    parse_licence,
    restrictiveness,
    settles,
)
from osai.snapshot import RepoSnapshot, TextFile
from osai.textsafe import counted, listed, some_of

_FILE_VIEWS = ("blob", "resolve", "raw")


def licence_files(
    snapshot: RepoSnapshot,
    card: CardFacts | None,
    rules: FilePatterns,
    texts: LicencePatterns,
    knowledge: LicenceKnowledge,
    covering: Sequence[str] = (),
) -> tuple[tuple[LicenceFile, ...], tuple[Finding, ...]]:
    """The licence files read, top level first; the file ``license_link`` names is a licence
    file for the whole repository, whatever its name.  `covering`: the licence files that can
    cover something found (osai.extract.reading.covering_licence_files), read or not."""
    linked = linked_licence_file(snapshot, card, rules)
    files: list[LicenceFile] = []
    findings: list[tuple[LicenceFileRule, str, Finding]] = []
    not_text: set[str] = set()
    for path in sorted(snapshot.texts, key=lambda p: (p.count("/"), p)):
        rule = rules.licence_rule_at(path)
        if rule is None and path == linked:
            rule = LicenceFileRule(None)
        if rule is None:
            continue
        if _not_text(snapshot.texts[path]):
            not_text.add(path)  # as a local directory leaves a file that is not UTF-8 unread
            continue
        text = snapshot.texts[path].text
        if rule.front_matter:
            stated = front_matter_licence(path, text, knowledge, snapshot.source)
            if stated is not None:  # without `license:` it is no licence file
                files.append(LicenceFile(path, rule.covers, stated))
            continue
        identified = licence_of_file(path, text, texts, knowledge, snapshot.source)
        doubted = False
        if rule.named:
            named = as_named(path, identified, knowledge)
            doubted = isinstance(identified, LicenceFact) and isinstance(named, Finding)
            identified = named
        if isinstance(identified, Finding):
            findings.append((rule, path, identified))
        licence = identified if isinstance(identified, LicenceFact) else None
        files.append(
            LicenceFile(path, rule.covers, licence, rule.fallback, rule.held, doubted=doubted)
        )
    read = {f.path for f in files}
    host_file = _host_identified(snapshot, rules, read)
    # the top-level files were read to settle the licence, and the read budget cut them short
    settling = not linked and any(f.is_repository_licence for f in files)
    unreadable = snapshot.unreadable | not_text
    known = (*files, *host_file)
    unread, unread_note = _not_read(snapshot, covering, rules, known, settling, unreadable)
    notes = _said_of_deciding(findings)
    return (*files, *host_file, *unread), (*_bounded(notes, snapshot.source), *unread_note)


def _said_of_deciding(findings: list[tuple[LicenceFileRule, str, Finding]]) -> list[Finding]:
    """The notes on licence files osai could not identify, but a NOTICE's (a list of third
    parties' licences, a header template): it decides nothing (osai.extract.inheritance), and
    "what takes its licence has an unknown one" said it did."""
    return [finding for rule, _, finding in findings if not rule.fallback]


def _not_text(file: TextFile) -> bool:
    """Whether a file's bytes were not text (a LICENSE.pdf beside the LICENSE): not UTF-8, as
    the host's reader said (by its bytes: a UTF-8 LICENSE may hold U+FFFD itself, and was "not
    read"), or holding NUL.  Read as text, it was a licence osai could not identify, and beside
    the LICENSE read it left what they cover unknown; a local directory does not read such a
    file, and takes it for a copy of the one read beside it (_a_copy)."""
    return not file.utf8 or "\x00" in file.text


# A LICENSES/ of 10,000 LicenseRef-*.txt made a note on each of the 72 read, 150 lines: the
# first few are said as they are, the rest in one note naming a few
_NOTES_SHOWN = 5


def _bounded(findings: list[Finding], source: str) -> tuple[Finding, ...]:
    """The notes on licence files osai could not take at their word, in bounded words."""
    if len(findings) <= _NOTES_SHOWN + 1:
        return tuple(findings)
    rest = findings[_NOTES_SHOWN:]
    paths = [f.provenance[0].location for f in rest]
    message = (
        f"{counted(len(rest), 'more licence file')} osai could not identify, or whose name is no "
        f"licence id osai knows or not that of its text: {some_of(paths, 3)}; what takes their "
        "licence has an unknown one"
    )
    where = Provenance(source, paths[0], "", Certainty.DETECTED)
    return (*findings[:_NOTES_SHOWN], Finding(FindingKind.NOTE, message, (where,)))


def _not_read(
    snapshot: RepoSnapshot,
    covering: Sequence[str],
    rules: FilePatterns,
    known: tuple[LicenceFile, ...],
    settling: bool,
    unreadable: frozenset[str],
) -> tuple[tuple[LicenceFile, ...], tuple[Finding, ...]]:
    """The licence files over something found that osai did not read: a subdirectory's (the
    Hub's are not read; a directory's beyond the read budget), any the backend tried to read
    and could not (`unreadable`: a top-level LICENSE too large, linking out of the directory,
    or not text), and, when
    the top level's were read to settle the licence (`settling`), one of them past the read
    budget (the Hub's ninth LICENSE-NN: passed over, the eight read decided for it).  Each still
    decides, as "unknown", for what is under it, unless a licence file osai knows (`known`)
    covers the same there: a LICENSE.pdf beside the LICENSE.txt read decides nothing, and is
    not said to.  Passed over, the files under it took the top-level licence, or the card's,
    which the file may contradict."""
    read = {f.path for f in known}
    decided = {(f.directory, f.covers) for f in known if not f.fallback}
    unread: list[LicenceFile] = []
    for path in (p for p in covering if p not in read):
        rule = rules.licence_rule_at(path)
        if rule is None or rule.fallback:  # a NOTICE grants nothing
            continue
        if rule.front_matter:  # a card unread says no licence: most state none
            continue
        # a top-level file never tried: unread by choice (the card settled the licence), or, one
        # of those read to settle it (the repository's: reading.py plans them), past the budget
        never_tried = "/" not in path and path not in unreadable
        if never_tried and (not settling or rule.covers is not None):
            continue
        # only a copy osai tried and could not read (LICENSE.pdf) is taken for the one read
        # beside it; one never read (past the read budget: the ninth of LICENSES/) may differ
        copy = path in unreadable and _a_copy(path, read)
        if not copy or (licence_scope(path, held=rule.held), rule.covers) not in decided:
            unread.append(LicenceFile(path, rule.covers, None, held=rule.held, read=False))
    unread.extend(_unlisted_directories(snapshot, rules))
    if not unread:
        return (), ()
    names = some_of([f.path for f in unread])
    # "takes": weights, data and documents take the card's licence first (licence_inheritance)
    message = (
        f"licence files osai did not read: {names}; what takes their licence has an unknown one"
    )
    where = Provenance(snapshot.source, unread[0].path, "", Certainty.DETECTED)
    return tuple(unread), (Finding(FindingKind.NOTE, message, (where,)),)


def _unlisted_directories(snapshot: RepoSnapshot, rules: FilePatterns) -> tuple[LicenceFile, ...]:
    """Licence directories the backend could not list (mode 000, a symlink out of the
    directory), each as its files unread (``LICENSES/*``): their texts, whatever they are,
    stand beside the licence files read there.  Passed over, a LICENSES/ linking to another's
    directory of CC-BY-NC-4.0 left the code the card's licence, met."""
    found = []
    for directory in snapshot.unlisted:
        if directory.rsplit("/", 1)[-1].lower() not in rules.licence_directories:
            continue
        if directory in (snapshot.listing or ()):
            continue  # a LICENSE -> / is listed, as the licence file it is named as
        rule = rules.licence_rule_at(f"{directory}/*")
        assert rule is not None  # any file of a licence directory is a licence file
        found.append(LicenceFile(f"{directory}/*", rule.covers, None, held=rule.held, read=False))
    return tuple(found)


def _stem(path: str) -> str:
    return path.rsplit(".", 1)[0].lower() if "." in path.rsplit("/", 1)[-1] else path.lower()


# The formats a licence's text is also published in beside it (LICENSE.pdf, LICENSE.html): a
# document osai does not read, taken for a copy of the text of the same name it reads.
_COPY_FORMATS = frozenset({"pdf", "doc", "docx", "odt", "rtf", "html", "htm", "xhtml", "epub"})


def _a_copy(path: str, read: set[str]) -> bool:
    """Whether an unreadable licence file may be taken for one read beside it: a document of
    the same name (LICENSE.pdf beside LICENSE.txt, LICENSES/MIT.pdf beside LICENSES/MIT.txt).
    Any other stands as a licence of its own, unread: a LICENSE in Latin-1 that said
    CC-BY-NC-4.0, beside a LICENSE.md of MIT, was taken for its copy (the weights MIT, met), as
    was a COPYING beside a LICENSE, and LICENSES/CC-BY-NC-4.0.txt, a symlink out of the
    directory, beside a LICENSE of MIT left the weights MIT."""
    name = path.rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return extension in _COPY_FORMATS and _stem(path) in {_stem(p) for p in read}


def _host_identified(
    snapshot: RepoSnapshot, rules: FilePatterns, read: set[str]
) -> tuple[LicenceFile, ...]:
    """The top-level licence file the host identified (GitHub), when osai did not read it."""
    host = snapshot.host
    if not host.licence and not host.licence_unidentified:
        return ()
    for path in sorted(p for p in snapshot.listing or () if "/" not in p and p not in read):
        rule = rules.licence_rule_at(path)
        if rule is None or rule.covers is not None or rule.fallback:
            continue
        if host.licence_unidentified:
            return (LicenceFile(path, None, None),)
        note = f"identified by {host.licence_source}" if host.licence_source else ""
        provenance = Provenance(snapshot.source, path, host.licence, Certainty.DETECTED, note=note)
        return (LicenceFile(path, None, LicenceFact(host.licence, provenance)),)
    return ()


def as_named(
    path: str, identified: LicenceFact | Finding, knowledge: LicenceKnowledge
) -> LicenceFact | Finding:
    """A licence file named by its licence (REUSE's LICENSES/Apache-2.0.txt), as its name and
    its text together say: the licence when they agree; else a NOTE finding, and it decides
    "unknown".  A name that is no licence id osai knows (REUSE's LicenseRef-Custom.txt, the
    publisher's own) says nothing osai can check the text against; a text of another licence
    than its name leaves which one the publisher meant unsaid.  A text osai cannot identify
    is said so already (licence_of_file): the name alone is not taken for it."""
    if not isinstance(identified, LicenceFact):
        return identified
    name = path.rsplit("/", 1)[-1]
    info = knowledge.lookup(name) or knowledge.lookup(name.rsplit(".", 1)[0])
    where = Provenance(identified.provenance.source, path, "", Certainty.DETECTED)
    if info is None:
        stem = name.rsplit(".", 1)[0]
        message = (
            f"{path}: '{stem}' is no licence id osai knows, so osai cannot tell whether its "
            f"text ({identified.text}) is all of its terms; what takes its licence has an "
            "unknown one"
        )
        return Finding(FindingKind.NOTE, message, (where, identified.provenance))
    if identified.text == info.id:
        return identified
    if _same_text(info.id, identified.text, knowledge):  # GPL-3.0-or-later, its text GPL-3.0's
        note = f"{identified.provenance.note}; its name says {info.id}".lstrip("; ")
        said = replace(identified.provenance, value=info.id, note=note)
        return replace(identified, text=info.id, provenance=said)
    message = (
        f"{path}: its text is {identified.text}, not the {info.id} its name says; what takes "
        "its licence has an unknown one"
    )
    return Finding(FindingKind.NOTE, message, (where, identified.provenance))


def _same_text(named: str, identified: str, knowledge: LicenceKnowledge) -> bool:
    """Whether a text identified as one licence is that of the licence a file's name says.  A
    title does not tell GPL-3.0-only from GPL-3.0-or-later (the notice in the sources does):
    either name agrees with either text."""
    same = partial(normalised_licence, knowledge=knowledge)
    return _version_free(same(named)) == _version_free(same(identified))


def _version_free(licence: str) -> str:
    for suffix in ("-or-later", "-only", "+"):
        if licence.endswith(suffix):
            return licence.removesuffix(suffix)
    return licence


def licence_of_file(
    path: str, text: str, patterns: LicencePatterns, knowledge: LicenceKnowledge, source: str
) -> LicenceFact | Finding:
    """A licence file's licence, identified from its head; a NOTE finding when it is not.  A
    file holding only a word is that licence only when osai knows every id of it: a LICENSE
    saying `TBD` is no licence named, as before."""
    match = patterns.identify(text)
    if match is not None and match.bare and not _known_ids(match.licence, knowledge):
        match = None
    if match is None:
        first = next((line.strip() for line in text[:4096].splitlines() if line.strip()), "")
        message = (
            f"{path}: licence not identified (first line: '{first[:80]}'); "
            "what takes its licence has an unknown one"
        )
        return Finding(
            FindingKind.NOTE, message, (Provenance(source, path, "", Certainty.DETECTED),)
        )
    provenance = Provenance(
        source, path, match.licence, Certainty.DETECTED, match.line, f"identified by {match.how}"
    )
    return LicenceFact(match.licence, provenance)


def front_matter_licence(
    path: str, text: str, knowledge: LicenceKnowledge, source: str
) -> LicenceFact | None:
    """The licence a card below the top level states in its front matter's `license:` (`other`
    read through license_name or license_link, as the model card's is: listed_licence); None
    when it states none, or has no front matter osai can read.  A list of licences that differ
    (unsettled_licences, as the model card's list is judged) does not say how they combine: each
    may apply instead of the others, and a verdict stands only where every one gives it.  Taken
    for none, the model card's apache-2.0 met a data card listing cc-by-nc-4.0 and mit."""
    front = split_front_matter(text, path)
    if front.data is None:
        return None
    licences = strings(front.data, "license", front.line_of, [])
    if not licences:
        return None
    card = CardFacts(
        path=path,
        licences=licences,
        licence_name=single(front.data, "license_name", front.line_of),
        licence_link=single(front.data, "license_link", front.line_of),
    )
    stated = [_front_matter_fact(item, card, knowledge, source) for item in licences]
    if not unsettled_licences(card, knowledge):
        return stated[0]
    return stated[0].or_instead(stated[1:], partial(normalised_licence, knowledge=knowledge))


def _front_matter_fact(
    item: CardField, card: CardFacts, knowledge: LicenceKnowledge, source: str
) -> LicenceFact:
    named, said = listed_licence(item, card, knowledge)
    note = "its front matter's license (its directory's)"
    provenance = Provenance(source, card.path, said.value, Certainty.DETECTED, said.line, note)
    return LicenceFact(named, provenance)


def _known_ids(expression: str, knowledge: LicenceKnowledge) -> bool:
    parsed = parse_licence(expression, knowledge, exact=False)
    tree = parsed.expression
    if parsed.state is not LicenceState.EXPRESSION or tree is None:
        return False
    return all(leaf.info is not None for leaf in leaves(tree))


def disagreeing_siblings(
    files: tuple[LicenceFile, ...], knowledge: LicenceKnowledge, open_set: str
) -> tuple[tuple[LicenceFile, ...], tuple[Finding, ...]]:
    """Licence files of one directory and one scope that identify licences not all open (in
    `open_set`): osai cannot tell which covers what, so each stands with the others as its
    alternatives (a verdict holds only where all give it: LicenceFact.alternatives), and a
    warning says so.  The first by name decided: a COPYING of MIT beside a LICENSE of
    CC-BY-NC-4.0 made the code and the weights MIT and LICENSE went unsaid; and a
    LICENSE-CC-BY-4.0 beside a LICENSE of MIT most likely covers other parts, which no name
    says.  Licences all open (LICENSE-APACHE beside LICENSE-MIT) are a choice.  One osai could
    not identify, or did not read, beside others leaves what they cover unknown: its text,
    whatever it is, may differ (the first by name decided: LICENSES/Apache-2.0.txt over
    LicenseRef-Custom.txt, a LICENSE of Apache-2.0 over a LICENSE-ACME, met, where a COPYING
    osai could not identify over the same LICENSE made them unknown)."""
    groups: dict[tuple[str, tuple[str, ...] | None, bool], list[LicenceFile]] = {}
    for file in files:
        groups.setdefault((file.directory, file.covers, file.fallback), []).append(file)
    undecided: dict[str, LicenceFact | None] = {}
    findings: list[Finding] = []
    for group in groups.values():
        facts = [f.licence for f in group if f.licence is not None]
        if facts and len(facts) < len(group):  # one not identified, or not read
            undecided.update((f.path, None) for f in group)
            findings.append(_siblings_warning(group))
            continue
        if _settled(facts, knowledge, open_set):
            continue
        same = partial(normalised_licence, knowledge=knowledge)
        for file in group:
            assert file.licence is not None  # only identified files are grouped
            undecided[file.path] = file.licence.or_instead(facts, same)
        findings.append(_siblings_warning(group))
    kept = tuple(replace(f, licence=undecided[f.path]) if f.path in undecided else f for f in files)
    return kept, tuple(findings)


def _settled(facts: Sequence[LicenceFact], knowledge: LicenceKnowledge, open_set: str) -> bool:
    """Whether licences stated side by side leave no doubt: all the same, or all open."""
    named = {normalised_licence(f.text, knowledge) for f in facts}
    return len(named) <= 1 or all(restrictiveness(f.text, knowledge, open_set) == 0 for f in facts)


# A LICENSES/ of 10,000 files made one warning of 60 lines: a few licences, a few files of each
_LICENCES_SHOWN = 4
_FILES_SHOWN = 3


def _siblings_warning(group: list[LicenceFile]) -> Finding:
    # Files by licence: "LICENSE-00 is Apache-2.0 but LICENSE-01 is Apache-2.0 but … (+1 more
    # licence files)" named eight files of one licence and left out the one that differed.
    by_licence: dict[str, list[str]] = {}
    for file in group:
        said_as = (
            file.licence.text
            if file.licence
            else _DOUBTED
            if file.doubted
            else ""
            if file.read
            else _NOT_READ
        )
        by_licence.setdefault(said_as, []).append(file.path)
    licences = list(by_licence.items())
    parts = [_files_are(paths, text) for text, paths in licences[:_LICENCES_SHOWN]]
    # two read "A is MIT but B is CC-BY-NC-4.0"; more, "A is X but B is Y but C was not read"
    said = " but ".join(parts) if len(parts) <= 2 else listed(parts)
    rest = sum(len(paths) for _, paths in licences[_LICENCES_SHOWN:])
    said += f" (+{rest:,} more licence files)" if rest > 0 else ""
    stands = (
        "what they cover has an unknown licence"
        if any(f.licence is None for f in group)
        else "a verdict on what they cover stands only where every one of them gives it"
    )
    message = f"{said}: osai cannot tell which covers what, so {stands}"
    provenance = tuple(f.licence.provenance for f in group if f.licence is not None)
    return Finding(FindingKind.WARNING, message, provenance)


# What an unread licence file is said to be: "a licence osai could not identify" of a text it
# never read (the Hub's ninth, one linking out of the directory) said it had read it
_NOT_READ = "\0not read"
# And one whose text osai identified but does not take at its word (the note before says why:
# LICENSES/Apache-2.0.txt holding MIT's text), which "could not identify" contradicted
_DOUBTED = "\0doubted"


def _files_are(paths: list[str], licence: str) -> str:
    """Files of one licence in a sentence: "LICENSE is MIT", "LICENSE-00, LICENSE-01,
    LICENSE-02, +5 more are Apache-2.0"; an empty licence is one osai could not identify."""
    several = len(paths) > 1
    files = some_of(paths, _FILES_SHOWN) if several else paths[0]
    if licence == _NOT_READ:
        return f"{files} {'were' if several else 'was'} not read"
    if licence == _DOUBTED:
        word = "are not taken at their word" if several else "is not taken at its word"
        return f"{files} {word}"
    unknown = "licences osai could not identify" if several else "a licence osai could not identify"
    return f"{files} {'are' if several else 'is'} {licence or unknown}"


def linked_licence_file(
    snapshot: RepoSnapshot, card: CardFacts | None, rules: FilePatterns
) -> str | None:
    """The top-level file ``license_link`` names, when it is a file of this repository and not
    a licence file of narrower scope or a fallback (NOTICE)."""
    if card is None or card.licence_link is None:
        return None
    link = card.licence_link.value.strip()
    name = _own_file(link, snapshot) if "://" in link else link.removeprefix("./")
    if not name or "/" in name or (snapshot.listing is not None and name not in snapshot.listing):
        return None
    rule = rules.licence_rule_at(name)
    if rule is not None and (rule.covers is not None or rule.fallback):
        return None
    return name


def _own_file(url: str, snapshot: RepoSnapshot) -> str | None:
    """The repository path a URL of the repository's web view names (``.../blob/main/LICENSE``)."""
    split = web_address(url)
    if split is None:  # a card's `license_link: https://[oops/…`: names no file of it
        return None
    for root in snapshot.web_roots:
        base = urlsplit(root)  # osai's own address of the repository's web view
        prefix = base.path.rstrip("/") + "/"
        if split.netloc.lower() != base.netloc.lower() or not split.path.startswith(prefix):
            continue
        parts = [part for part in split.path[len(prefix) :].split("/") if part]
        if len(parts) >= 3 and parts[0] in _FILE_VIEWS:
            return "/".join(parts[2:])
    return None


@dataclass(frozen=True)
class RepositoryLicence:
    """The licence the publisher declares for the repository (None: none it settles); whether
    its statements leave it unsettled (what takes the card's licence first then has an unknown
    one: rules/detection.yaml licence_inheritance); and the warnings about them."""

    licence: LicenceFact | None
    unsettled: bool = False
    findings: tuple[Finding, ...] = ()


def repository_licence(
    card: CardEvidence, files: tuple[LicenceFile, ...], knowledge: LicenceKnowledge, open_set: str
) -> RepositoryLicence:
    """The licence the publisher declares for the repository, from the most direct statement.

    A card that lists licences that differ decides nothing (unsettled); a card's licence that
    the top-level licence file contradicts, see `card_or_file`.  A substitute for the card's
    id says what the card said.
    """
    if card.unsettled_licences:
        return RepositoryLicence(None, unsettled=True)
    top = next((f for f in files if f.is_repository_licence), None)
    # A card that names no licence is not replaced by the licence file: a code checkout's
    # LICENSE covers the files found (by inheritance), not weights published elsewhere.
    top_licence = top.licence if top is not None and card.licence is not None else None
    if card.licence is not None and settles(card.licence.text, knowledge):
        return card_or_file(card.licence, top, knowledge, open_set)
    chosen = top_licence or card.named_licence
    if chosen is None:
        return RepositoryLicence(card.licence)
    said = (
        f"the card says '{card.licence.text}'"
        if card.licence is not None
        else "the card names none"
    )
    how = chosen.provenance.note
    note = f"{said}; {chosen.provenance.location} identifies it" + (f" ({how})" if how else "")
    return RepositoryLicence(replace(chosen, provenance=replace(chosen.provenance, note=note)))


def card_or_file(
    card: LicenceFact, file: LicenceFile | None, knowledge: LicenceKnowledge, open_set: str
) -> RepositoryLicence:
    """The card's licence, unless the top-level licence file (or, for content under it, a
    subdirectory's: osai.extract.inheritance) says another: then the more restrictive stands
    (a card's `license: mit` over a LICENSE of CC-BY-NC-4.0 made the weights MIT, met); where
    neither is, the card's when both are open, else both as alternatives (CC-BY-4.0 and
    CC-BY-NC-4.0: osai cannot tell which applies, so a verdict stands only where both give it:
    LicenceFact.alternatives).  Code takes the licence file first in any case
    (rules/detection.yaml licence_inheritance)."""
    if file is None or file.licence is None:
        return RepositoryLicence(card)
    found = file.licence
    same = partial(normalised_licence, knowledge=knowledge)
    if same(card.text) == same(found.text):
        # the file may be another licence instead (files side by side that disagree): agreeing
        # with one of them, the card settles neither (its mit over a LICENSE of MIT beside a
        # COPYING of CC-BY-NC-4.0 met the weights)
        return RepositoryLicence(card.or_instead(found.alternatives, same))
    card_rank = most_restrictive(card.texts, knowledge, open_set)
    file_rank = most_restrictive(found.texts, knowledge, open_set)
    # the file's licence as the licence files side by side may be (a COPYING of MIT beside a
    # LICENSE of CC-BY-NC-4.0 ranks as the latter): "keeps the more restrictive, MIT" over a
    # card's apache-2.0 named a licence no more restrictive than the card's
    files = " or ".join(found.texts)
    if file_rank > card_rank:
        said = f"the card says '{card.text}'; {file.path} is more restrictive"
        if found.alternatives:
            said = f"the card says '{card.text}'; the licence files ({files}) are more restrictive"
        kept = replace(found, provenance=replace(found.provenance, note=said))
        choice = f"osai keeps the more restrictive, {files}, for"
    elif card_rank > file_rank:
        kept, choice = card, f"osai keeps the more restrictive, {card.text}, for"
    elif card_rank == 0:
        kept, choice = card, f"neither is more restrictive: osai keeps the card's {card.text} for"
    else:  # which applies, osai cannot tell: a verdict stands only where both give it
        kept = card.or_instead((found,), same)
        choice = "osai cannot rank them, so a verdict stands only where both give it, for"
    beside = "".join(
        f" and {other.provenance.location} is {other.text}" for other in found.alternatives
    )
    message = (
        f"{card.provenance.location} says license '{card.text}' but {file.path} is {found.text}"
        f"{beside}: {choice} weights, data and documents; code takes {file.path}"
    )
    warning = Finding(FindingKind.WARNING, message, (card.provenance, found.provenance))
    return RepositoryLicence(kept, findings=(warning,))
