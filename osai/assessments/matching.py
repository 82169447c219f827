"""A Hub repository id → its MOT file and its EOSAI entry, saying how each was found.

Conservative by design: a listing counts as *this repository's* only when it names the repository
(or a former id of it the Hub reported), or, for EOSAI, names the end model exactly under the same
organisation; and an EOSAI entry only when its end model's weights link, if it gives one, names
the repository too.  The entry's own base model, a base model the repository declares, and a
family are weaker kinds, reported as such (see MatchKind), never as the repository's own listing.

An EOSAI entry's organisations are those of the Hub repositories it names as the system and as the
end model's weights, plus a Hub organisation page it gives as `org.link`; a base model's repository
does not count (Geitje's base is mistralai/Mistral-7B-v0.1; Mistral is not Geitje's organisation).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from osai.assessments.hubids import (
    family_stem,
    fold_name,
    hub_organisation,
    in_family,
    name_of,
    names_another_model,
    normalise_repo_id,
    owner_of,
    read_hub_reference,
)
from osai.assessments.model import (
    Databases,
    EosaiDatabase,
    EosaiEntry,
    EosaiMatch,
    Matches,
    MatchKind,
    MotDatabase,
    MotEntry,
    MotMatch,
)

T = TypeVar("T")
_ORDER = tuple(MatchKind)
# Names an EOSAI entry gives when it has none: "None", "unknown", "Undisclosed", "Command A?".
_NO_NAME = frozenset({"", "none", "unknown", "undisclosed", "n/a"})


def match(
    databases: Databases,
    hub_repo_id: str,
    *,
    base_models: Sequence[str] = (),
    renamed_from: Sequence[str] = (),
) -> Matches:
    """The MOT file and the EOSAI entry for a Hub repository (an id or a URL), if any.

    `base_models`: the repository's declared base models (its card's `base_model`);
    `renamed_from`: former ids of the repository the Hub reported (a redirect).
    """
    key = normalise_repo_id(hub_repo_id)
    if not key:
        return Matches(hub_repo_id)
    former = _keys(renamed_from)
    bases = _keys(base_models)
    return Matches(
        repo_id=hub_repo_id,
        mot=match_mot(databases.mot, hub_repo_id, key, former, bases),
        eosai=match_eosai(databases.eosai, hub_repo_id, key, former, bases),
    )


def _keys(ids: Iterable[str]) -> dict[str, str]:
    """Each id's matching key → the id as the caller gave it (shown as `via`)."""
    found: dict[str, str] = {}
    for given in ids:
        key = normalise_repo_id(given)
        if key:
            found.setdefault(key, read_hub_reference(given).repo_id)
    return found


# --- MOT -------------------------------------------------------------------------------------


def match_mot(
    database: MotDatabase,
    repo_id: str,
    key: str,
    former: Mapping[str, str],
    bases: Mapping[str, str],
) -> MotMatch | None:
    """The file naming the repository (or a former id, or its declared base model) that is of
    that model; else one naming it but of another model (a note); else the family."""
    attempts = [(key, MatchKind.EXACT, "")]
    attempts += [(old, MatchKind.RENAMED, given) for old, given in former.items()]
    attempts += [(base, MatchKind.DECLARED_BASE_MODEL, given) for base, given in bases.items()]
    another: MotMatch | None = None
    for wanted, kind, via in attempts:
        naming = [entry for entry, found in _mot_keys(database) if found == wanted]
        if not naming:
            continue
        # A file that gives the repository as its Hub page but whose own name says it is of
        # another model (MOT's data has such slips) is no listing of it.
        about = [e for e in naming if not listing_of_another_model(e, name_of(wanted))]
        chosen, why, tied = _best_named(about or naming, name_of(wanted))
        if len(about) == 1 and len(naming) > 1:
            why = "the others are named as other models"
        others = tuple(e.file for e in naming if e is not chosen)
        if about:
            return MotMatch(
                repo_id,
                kind,
                chosen,
                database.info,
                via=via,
                members=others,
                chosen_by=why,
                tied=tied,
            )
        if another is None and kind.names_this_repository:
            another = MotMatch(
                repo_id,
                MatchKind.OTHER_MODEL,
                chosen,
                database.info,
                via=via,
                members=others,
                chosen_by=why,
            )
    return another or _mot_family(database, repo_id, key)


def listing_of_another_model(entry: MotEntry, repo_name: str) -> bool:
    """Whether a MOT file's model name (or, when it gives no size, its version) says it is of
    another model than a repository of this name."""
    return names_another_model(entry.name, repo_name, entry.version)


# A suffix the Hub's copies of a model add to its name (meta-llama/Llama-2-7b-hf is Meta's
# Llama 2 7B converted to the transformers format, Skywork/SkyReels-V2-T2V-14B-720P-Diffusers
# SkyReels V2 converted to the diffusers format): ignored when a name is compared.
_CONVERSION_SUFFIXES = ("hf", "diffusers")


def mot_named_alike(database: MotDatabase, repo_id: str) -> tuple[MotEntry, ...]:
    """The MOT files that name no Hub repository and give the repository's model name (letters
    and digits compared, a conversion suffix such as `-hf` ignored), under a producer whose name
    and the repository's owner begin alike (_owner_alike): a hint for the reader, never the
    repository's listing (a name alone does not say which of a model's copies and conversions
    the file assessed)."""
    key = normalise_repo_id(repo_id)
    if not key:
        return ()
    owner, names = _alnum(owner_of(key)), _unconverted_names(_alnum(name_of(key)))
    return tuple(
        entry
        for entry, found in _mot_keys(database)
        if not found and _alnum(entry.name) in names and _owner_alike(owner, entry.producer)
    )


def eosai_named_alike(
    database: EosaiDatabase, repo_id: str
) -> tuple[tuple[EosaiEntry, str, str], ...]:
    """The EOSAI entries that name no Hub repository or organisation and give the repository's
    model name as their end or base model (compared as mot_named_alike compares), under an
    organisation whose name and the repository's owner begin alike (_owner_alike); each with
    the part that names it ("end model" or "base model") and the name as given.  A hint for the
    reader, never the repository's listing (llama-2-chat.yaml grades Meta's "Llama-2-70B-Chat"
    and links Meta's site only: nothing in it tells Meta's repository from a copy, or says that
    the grades are of the Hub's conversion)."""
    key = normalise_repo_id(repo_id)
    if not key:
        return ()
    owner = _alnum(owner_of(key))
    names = _unconverted_names(_alnum(name_of(key)))
    found: list[tuple[EosaiEntry, str, str]] = []
    for entry, named in _eosai_names(database):
        if named.organisations or not _owner_alike(owner, entry.organisation):
            continue
        for part, model in (("end model", entry.end_model), ("base model", entry.base_model)):
            if _model_name(model) and _alnum(model) in names:
                found.append((entry, part, model))
                break
    return tuple(found)


def _owner_alike(owner: str, producer: str) -> bool:
    """Whether a repository's owner (letters and digits) and a listing's producer or
    organisation begin alike, one the other's start (meta-llama and Meta; google and Google
    DeepMind), each of three characters at least: the one test of the MOT's and the EOSAI's
    name-alike hints (the MOT's asked the producer to begin the owner, and missed the
    second)."""
    organisation = _alnum(producer)
    if len(owner) < 3 or len(organisation) < 3:
        return False
    return owner.startswith(organisation) or organisation.startswith(owner)


def _unconverted_names(name: str) -> set[str]:
    """A repository's name (letters and digits), with and without a conversion suffix."""
    return {name, *(name.removesuffix(s) for s in _CONVERSION_SUFFIXES if name != s)}


def _mot_keys(database: MotDatabase) -> tuple[tuple[MotEntry, str], ...]:
    """Each file with the repository key it names ("" for none), computed once per snapshot."""
    return _derived(
        database.entries,
        lambda: tuple((e, read_hub_reference(e.huggingface).key) for e in database.entries),
    )


def _best_named(
    entries: Sequence[MotEntry], repo_name: str
) -> tuple[MotEntry, str, tuple[MotEntry, ...]]:
    """Of several files naming one repository, the one about it, why it ("" when it is the
    only one), and the files equal to it on all that follows: its model name equal to the
    repository's, then the closest name; then the newest listing (its release.date: the day its
    entry last changed).  Only files equal on all three are told apart by their file name (the
    one equal to the repository's name, else the first in file order), and the reason says so:
    a file's name is its submitter's choice, and it outranked the date (Pythia-70M.yml of
    2025-11-03 answered over Pythia-70M-v2.yml of 2026-01-20, both named Pythia-70M).  Those
    files are returned as tied: where they say otherwise, no file name chooses between them
    (osai.assessments.mot weighs them alike).

    (Five CodeT5+ files all name Salesforce/codet5p-16b; the 16B file is the one about it.  Two
    files named Meta-Llama-3-70B-Instruct name one repository; the newer listing wins.)
    """
    wanted = _alnum(repo_name)

    def standing(entry: MotEntry) -> tuple[bool, int, datetime.date]:
        name = _alnum(entry.name)
        return (name == wanted, _common_prefix(name, wanted), _listing_day(entry))

    in_order = sorted(entries, key=lambda e: e.file)
    best = max(in_order, key=standing)
    rest = [e for e in in_order if e is not best]
    if not rest:
        return best, "", ()
    tied = [e for e in rest if standing(e) == standing(best)]
    if tied:
        alike = (best, *tied)
        stem = [e for e in alike if _alnum(_file_stem(e.file)) == wanted]
        if len(stem) == 1:
            best, how = stem[0], "its file name is the repository's"
        else:
            best, how = next(e for e in in_order if e in alike), "it is first by file name"
        day = f"dated {best.date}" if best.date else "undated"
        tied_with = tuple(e for e in in_order if e in alike and e is not best)
        return best, f"the files are equally named and {day}, and {how}", tied_with
    runner_up = max(rest, key=standing)
    if standing(runner_up)[0] != standing(best)[0]:
        return best, "its model name is the repository's", ()
    if standing(runner_up)[1] != standing(best)[1]:
        return best, "its model name is the closest to the repository's", ()
    others = ", ".join(sorted({e.date or "undated" for e in rest}))
    return best, f"it is the newest listing, of {best.date}; the others are of {others}", ()


def _listing_day(entry: MotEntry) -> datetime.date:
    """A file's release.date; an undated one (or one not a date) is older than any."""
    try:
        return datetime.date.fromisoformat(entry.date)
    except ValueError:
        return datetime.date.min


def _file_stem(file: str) -> str:
    return file.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _mot_family(database: MotDatabase, repo_id: str, key: str) -> MotMatch | None:
    stem = family_stem(name_of(key))
    if len(stem) < 3:
        return None
    members = [
        entry
        for entry, found in _mot_keys(database)
        if found and owner_of(found) == owner_of(key) and family_stem(name_of(found)) == stem
    ]
    if not members:
        return None
    members.sort(key=lambda e: e.file)
    pattern = _family_pattern(repo_id, key, stem)
    files = tuple(e.file for e in members)
    return MotMatch(
        repo_id, MatchKind.FAMILY, members[0], database.info, family=pattern, members=files
    )


# --- EOSAI -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _EntryNames:
    """The Hub ids and model names one EOSAI entry gives, folded for comparison."""

    system: frozenset[str]
    end_weights: frozenset[str]
    base_weights: frozenset[str]
    organisations: frozenset[str]
    end_model: str
    base_model: str
    stems: tuple[str, ...]


def entry_names(entry: EosaiEntry) -> _EntryNames:
    system = _hub_keys((entry.link,))
    end = _hub_keys(_parameter_links(entry, "weights_endmodel"))
    base = _hub_keys(_parameter_links(entry, "weights_basemodel"))
    pages = {hub_organisation(link).casefold() for link in entry.organisation_links}
    organisations = {owner_of(k) for k in system | end} | (pages - {""})
    end_model, base_model = _model_name(entry.end_model), _model_name(entry.base_model)
    # The family is the entry's own (its name, its end model's), never its base model's:
    # CodeLlama is built on Llama 2 but is not the Llama 2 family.
    stems = [fold_name(entry.name), family_stem(end_model)]
    return _EntryNames(
        system=frozenset(system),
        end_weights=frozenset(end),
        base_weights=frozenset(base),
        organisations=frozenset(organisations),
        end_model=end_model,
        base_model=base_model,
        stems=tuple(dict.fromkeys(s for s in stems if len(s) >= 3)),
    )


def _parameter_links(entry: EosaiEntry, parameter: str) -> tuple[str, ...]:
    found = entry.parameters.get(parameter)
    return found.links if found else ()


def _hub_keys(links: Iterable[str]) -> set[str]:
    return {k for k in (read_hub_reference(link).key for link in links) if k}


def _model_name(name: str) -> str:
    folded = fold_name(name)
    return "" if folded in _NO_NAME or folded.endswith("?") else folded


@dataclass(frozen=True)
class EntryKind:
    """How a repository matches one entry."""

    kind: MatchKind
    stem: str = ""  # a family match's stem
    # An other-model match's part of the entry that names this repository and another model:
    # "end_model" or "base_model" (the subjects of rules/eosai-mapping.yaml).
    subject: str = ""


def eosai_kind(
    names: _EntryNames, key: str, aliases: frozenset[str] = frozenset()
) -> EntryKind | None:
    """How a repository key matches one entry.  `aliases`: the repository's former ids, which
    the entry's links may still give.

    The entry's own repository (named by its system link, or by its end model's name under its
    organisation) only when its end model's weights link, if it gives one, names it too: the
    end-model grades are of the weights it links (Phi.yaml's system link is microsoft/phi-4, its
    end model's weights microsoft/phi-4-reasoning: phi-4 is its base model, not its end model).
    """
    owner, name = owner_of(key), fold_name(name_of(key))
    own = owner in names.organisations
    ids = frozenset({key, *aliases})
    end = MatchKind.EXACT if key in names.system else None
    if end is None and own and names.end_model and name == names.end_model:
        end = MatchKind.END_MODEL_NAME
    if end is not None and _end_weights_name(names, key, ids):
        return EntryKind(end)
    by_link = bool(names.base_weights & ids)
    if own and (by_link or (names.base_model and name == names.base_model)):
        kind = _entry_base_model_kind(names, name, by_link)
        return EntryKind(kind, subject="base_model" if kind is MatchKind.OTHER_MODEL else "")
    if end is not None:  # the end model's weights link names another repository only
        return EntryKind(MatchKind.OTHER_MODEL, subject="end_model")
    if own:
        stems = [stem for stem in names.stems if in_family(name, stem)]
        if stems:
            return EntryKind(MatchKind.FAMILY, stem=max(stems, key=len))
    return None


def _end_weights_name(names: _EntryNames, key: str, ids: frozenset[str]) -> bool:
    """Whether the end model's weights link, if the entry gives one, names the repository: its
    id or a former id, or its name up to a conversion suffix under its owner
    (meta-llama/CodeLlama-70b-Instruct-hf is CodeLlama-70b-Instruct in another format), or
    under any owner for the repository the system link names: the entry gives one repository
    under an organisation's old and new names (CodeGeeX.yaml's system is
    zai-org/codegeex4-all-9b, its end model's weights THUDM/codegeex4-all-9b, which the Hub
    redirects there)."""
    if not names.end_weights or names.end_weights & ids:
        return True
    any_owner = key in names.system

    def model(repository: str) -> tuple[str, str]:
        return "" if any_owner else owner_of(repository), _unconverted(name_of(repository))

    return not {model(k) for k in ids}.isdisjoint(model(link) for link in names.end_weights)


def _unconverted(name: str) -> str:
    """A repository's name without a conversion suffix (`codellama-70b-instruct-hf`)."""
    for suffix in _CONVERSION_SUFFIXES:
        for separator in "-_":
            if name.endswith(f"{separator}{suffix}"):
                return name[: -len(suffix) - 1]
    return name


def _entry_base_model_kind(names: _EntryNames, name: str, by_link: bool) -> MatchKind:
    """The entry's base model, when both what names it (its name, its weights link on the Hub)
    name this repository; a listing of another model when one of them names another: the
    grades are of one model, and the entry does not say which (CogVideoX.yaml's base model is
    "CogVideoX-5b", its base-model weights zai-org/CogVideoX-2b)."""
    if not by_link and names.base_weights:
        return MatchKind.OTHER_MODEL
    if by_link and names.base_model and _names_two_models(names.base_model, name):
        return MatchKind.OTHER_MODEL
    return MatchKind.ENTRY_BASE_MODEL


def _names_two_models(base_model: str, name: str) -> bool:
    """Whether the entry's base-model name and the repository its link names are two models:
    another size or variant, or another family (Claire.yaml's base model "Falcon-7B", its
    link OpenLLM-France/Claire-7B-0.1)."""
    return names_another_model(base_model, name, base_model=True) or (
        family_stem(base_model) != family_stem(name)
    )


@dataclass(frozen=True)
class _Hit:
    entry: EosaiEntry
    kind: MatchKind
    stem: str = ""
    others: tuple[str, ...] = ()
    via: str = ""
    subject: str = ""
    chosen_by: str = ""  # why this entry of several alike (EosaiMatch.chosen_by)
    disagreeing: tuple[EosaiEntry, ...] = ()  # EosaiMatch.disagreeing


def match_eosai(
    database: EosaiDatabase,
    repo_id: str,
    key: str,
    former: Mapping[str, str],
    bases: Mapping[str, str],
) -> EosaiMatch | None:
    named = _eosai_names(database)
    hit = _best_eosai(named, key, aliases=frozenset(former))
    for old, given in former.items() if _weak(hit) else ():
        renamed = _best_eosai(named, old, direct_only=True)
        if renamed is not None:
            kind = MatchKind.RENAMED if renamed.kind is MatchKind.EXACT else renamed.kind
            hit = replace(renamed, kind=kind, via=given)
            break
    for base, given in bases.items() if _weak(hit) else ():
        upstream = _best_eosai(named, base, direct_only=True)
        if upstream is not None:
            hit = replace(upstream, kind=MatchKind.DECLARED_BASE_MODEL, via=given)
            break
    if hit is None:
        return None
    family = _family_pattern(repo_id, key, hit.stem) if hit.kind is MatchKind.FAMILY else ""
    return EosaiMatch(
        repo_id,
        hit.kind,
        hit.entry,
        database.info,
        via=hit.via,
        family=family,
        members=hit.others,
        subject=hit.subject,
        chosen_by=hit.chosen_by,
        disagreeing=hit.disagreeing,
    )


def _eosai_names(database: EosaiDatabase) -> tuple[tuple[EosaiEntry, _EntryNames], ...]:
    """Each entry with the names it gives, computed once per snapshot."""
    return _derived(database.entries, lambda: tuple((e, entry_names(e)) for e in database.entries))


def _weak(hit: _Hit | None) -> bool:
    """No match yet, only a family, or only an entry of another model: a former id or a declared
    base model may do better."""
    return hit is None or hit.kind in (MatchKind.FAMILY, MatchKind.OTHER_MODEL)


def _best_eosai(
    named: Sequence[tuple[EosaiEntry, _EntryNames]],
    key: str,
    *,
    direct_only: bool = False,
    aliases: frozenset[str] = frozenset(),
) -> _Hit | None:
    """The strongest match of any entry (ties: the longest family stem, then the file name)."""
    hits: list[tuple[tuple[int, int, bool, str], _Hit]] = []
    for entry, names in named:
        found = eosai_kind(names, key, aliases)
        if found is None or (direct_only and not found.kind.is_this_repository):
            continue
        stem = found.stem
        by_name = stem == fold_name(entry.name)  # the entry's own name beats its end model's
        rank = (_ORDER.index(found.kind), -len(stem), not by_name, entry.file)
        hits.append((rank, _Hit(entry, found.kind, stem, subject=found.subject)))
    if not hits:
        return None
    hits.sort(key=lambda hit: hit[0])
    (rank, best), rest = hits[0], hits[1:]
    others = tuple(hit.entry.file for _, hit in rest if hit.kind is best.kind)
    # An entry carries no date of its own (its releasedate is the model's): two entries naming
    # a repository alike are told apart by file name alone.  Saying the same, the first by file
    # name stands for both, and the note says so; saying otherwise, a file name must not choose
    # (Falcon180-a.yaml graded all open, Falcon180-b.yaml all closed: renaming one changed the
    # score): each weighs as much (EosaiMatch.disagreeing).
    tied = [hit.entry for other, hit in rest if other[:3] == rank[:3]]
    if not tied:
        return replace(best, others=others)
    statements = {best.entry.statement}
    disagreeing = []
    for entry in tied:
        if entry.statement not in statements:
            statements.add(entry.statement)
            disagreeing.append(entry)
    if disagreeing:
        return replace(best, others=others, disagreeing=tuple(disagreeing))
    why = "nothing but the file names tells them apart, and it is first by file name"
    return replace(best, others=others, chosen_by=why)


# --- shared ----------------------------------------------------------------------------------

_DERIVED: dict[int, tuple[object, Any]] = {}


def _derived(entries: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """What matching derives from a snapshot's entries, once per process and snapshot.

    Keyed by the entries tuple's identity; the cache holds the tuple, so the id is never reused
    while cached.  (Matching the first repository costs ~10 ms; each next one ~0.2 ms.)
    """
    found = _DERIVED.get(id(entries))
    if found is None or found[0] is not entries:
        if len(_DERIVED) > 8:
            _DERIVED.clear()
        found = (entries, compute())
        _DERIVED[id(entries)] = found
    result: T = found[1]
    return result


def _family_pattern(repo_id: str, key: str, stem: str) -> str:
    """How a family is shown: `EleutherAI/pythia-*`, in the case the user wrote it."""
    given = read_hub_reference(repo_id).repo_id or key
    owner, name = owner_of(given), name_of(given)
    rest = fold_name(name)[len(stem) :]
    joiner = "-" if rest.startswith("-") else ""
    return f"{owner}/{name[: len(stem)]}{joiner}*"


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _common_prefix(first: str, second: str) -> int:
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count
