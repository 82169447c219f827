"""Following a card's links: read each planned resource, concurrently, within the check's deadline.

A linked resource that cannot be read never fails the check: its evidence stays unknown and a
warning says why.  Every resource read is listed in the release (`Release.links`) with its
address and what it answered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextvars import copy_context
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from osai.backends import arxiv, github
from osai.backends.answers import AnswerCache, RunAnswers
from osai.backends.api import ApiReader
from osai.backends.hub.cache import Unreadable
from osai.backends.hub.client import Call
from osai.backends.hub.linked import dataset_record, model_file, model_record
from osai.backends.hub.remembered import R, remembered
from osai.card import CardFacts, code_topics_of, parse_card
from osai.errors import OsaiError
from osai.evidence import (
    Certainty,
    Finding,
    FindingKind,
    Provenance,
    Release,
)
from osai.extract.files import scan_snapshot
from osai.extract.release import release_from_snapshot
from osai.hubrefs import COMMIT, known_ids, one_each, parse_hub_purl, parse_hub_target
from osai.links.base_files import BaseFiles, FileRead, base_files, files_to_read
from osai.links.code import (
    RoleNamed,
    RolesNamed,
    code_evidence,
    own_documents,
    root_licence_files,
    third_party_note,
)
from osai.links.combine import combined, with_linked, withdrawn
from osai.links.evidence import (
    LinkedEvidence,
    UnreadDataset,
    dataset_evidence,
    failed,
    paper_evidence,
)
from osai.links.lineage import (
    Lineage,
    NamedByFile,
    cut,
    judged_lineages,
    lineage,
    lineage_end,
    unread_base,
    unread_judged_afresh,
)
from osai.links.plan import (
    LinkKind,
    LinkPlan,
    LinkTarget,
    as_answered,
    not_id_warnings,
    release_plan,
)
from osai.net import Budget, NetFailure
from osai.records import DatasetRecord, ModelRecord, RepositoryAnswer
from osai.rules import RuleSet
from osai.snapshot import TextFile
from osai.textsafe import one_line, some_of
from osai.workers import Workers, finished

T = TypeVar("T")
OFFLINE = "offline, and no answer from the Hub is kept in the cache"


@dataclass(frozen=True)
class FollowOptions:
    budget: Budget  # the check's: every linked request shares its deadline
    hub: Call | None  # for datasets and base models (None: not read)
    cache_dir: Path | None
    offline_by: str = ""  # why no server is asked (--offline, HF_HUB_OFFLINE); "" online
    jobs: int = 8
    max_links: int | None = None
    shared: RunAnswers | None = None  # answers (GitHub, arXiv, Hub records) the run shares
    model_ids: frozenset[str] = frozenset()  # the model's own Hub ids, case-folded


def follow_links(
    release: Release, card: CardFacts | None, rules: RuleSet, options: FollowOptions
) -> Release:
    plan = release_plan(release, card, rules, options.max_links)
    # the model's own ids (a BOM's purl gives one), so that a base naming it turns back
    own = known_ids(release.hub_id, release.host_id) or known_ids(
        parse_hub_purl(release.purl) or ""
    )
    options = replace(options, model_ids=own)
    readers = _Readers(
        # GitHub redirects a moved repository within its API: never elsewhere, token or not
        github=_reader(
            options,
            github.reader_headers(github.token()),
            _github_secrets(),
            same_origin=True,
            rate_limit_hint=github.rate_limit_hint(github.token()),
        ),
        arxiv=_reader(options, {}, ()),
    )
    results = _read_all(plan, rules, options, readers)
    read = [r for r in results if isinstance(r, LinkedEvidence)]
    unshown = tuple(u for r in read for u in r.unshown)
    merged = with_linked(withdrawn(release, unshown), combined(read, rules), rules)
    # Each base the card names is a lineage of its own: every binding licence among them binds
    # (a merge of a Gemma model and a Llama 2 one is under both), and only where none binds for
    # certain does a base that may bind leave the licence undecided.
    lineages = [result for result in results if isinstance(result, Lineage)]
    # a base left unread (the Hub did not answer, the lineage or the --max-links cap cut it)
    # may bind the model: its licence meets a policy only if none does
    left_out = [t.id for t in plan.left_out if t.kind is LinkKind.BASE_MODEL]
    unread = [*(unread_base(name) for name in left_out), *_not_known_by_id(plan)]
    if release.base_models:  # each is read, left out or no Hub id: judged afresh here
        merged = unread_judged_afresh(merged)
    merged = judged_lineages(merged, lineages, rules, unread)
    # the bases' licences as the Hub answers (fresher than any a BOM states), for a BOM to state
    read_bases = tuple(result.read_base for result in lineages if result.read_base is not None)
    farther = tuple(base for result in lineages for base in result.farther)
    merged = replace(merged, base_licences=read_bases, farther_bases=farther)
    parties = third_party_note([p for r in read for p in r.third_party])
    extra = (*(f for r in results for f in r.findings), *parties)
    links = tuple(link for r in results for link in r.links)
    return replace(
        merged,
        findings=(*merged.findings, *extra, *_left_out(plan), *not_id_warnings(plan)),
        links=(*merged.links, *links),
        links_left_out=len(plan.left_out),
    )


@dataclass(frozen=True)
class _Readers:
    github: ApiReader
    arxiv: ApiReader


Result = LinkedEvidence | Lineage


def _read_all(
    plan: LinkPlan, rules: RuleSet, options: FollowOptions, readers: _Readers
) -> list[Result]:
    """Every planned resource read at once (within --jobs), each dataset on its own: they were
    read one after another, a round trip each.  The results come in the plan's order; a card's
    datasets together, as their evidence is judged as one list."""
    targets = plan.targets
    if not targets:
        return []
    # Each read runs in a copy of this thread's context, so what is in scope here (the request
    # meter a census counts a model's requests with) is in scope there.
    with Workers(min(options.jobs, len(targets))) as pool:
        others = {
            t: pool.submit(copy_context().run, _read_of(t, rules, options, readers))
            for t in targets
            if t.kind is not LinkKind.DATASET
        }
        datasets = {
            t: pool.submit(copy_context().run, partial(_dataset_record, t, options))
            for t in targets
            if t.kind is LinkKind.DATASET
        }
        results: list[Result] = []
        for target in targets:
            if target in others:
                results.append(finished(others[target]))
            elif target is next(iter(datasets)):
                read = {t: finished(future) for t, future in datasets.items()}
                results.append(_datasets(read, rules, _unread_datasets(plan)))
        return results


def _read_of(
    target: LinkTarget, rules: RuleSet, options: FollowOptions, readers: _Readers
) -> Callable[[], Result]:
    if target.kind is LinkKind.PAPER:
        return _guarded(target, partial(_paper, target, rules, readers.arxiv))
    if target.kind is LinkKind.BASE_MODEL:
        return _guarded(target, partial(_lineage, target, rules, options))
    return _guarded(target, partial(_code, target, rules, readers.github))


def _guarded(target: LinkTarget, read: Callable[[], Result]) -> Callable[[], Result]:
    """The read, or a failure that leaves its evidence unknown (never the check's failure)."""

    def run() -> Result:
        outcome = _attempt(read)
        return failed(target, outcome) if isinstance(outcome, str) else outcome

    return run


def _attempt(read: Callable[[], T]) -> T | str:
    """What `read` returns, or why it could not be read (one line)."""
    from huggingface_hub.errors import HfHubHTTPError

    try:
        return read()
    except (NetFailure, OsaiError) as error:
        return str(error)
    except HfHubHTTPError as error:  # 5xx exhausted, 401, ...: the Hub's own HTTP errors
        return f"the Hub answered HTTP {getattr(error.response, 'status_code', '?')}"


def _code(target: LinkTarget, rules: RuleSet, reader: ApiReader) -> LinkedEvidence:
    api = github.api_url()
    answer = github.repository(reader, api, target.id)
    if answer.found:  # whose it is now, as GitHub says: it may have been transferred
        target = as_answered(target, answer.owner, answer.full_name, rules.links)
    if not answer.found or target.kind is LinkKind.THIRD_PARTY_CODE:
        return code_evidence(target, answer, None, rules)
    snapshot = github.snapshot(reader, api, answer)
    scan = scan_snapshot(snapshot, rules.detection)
    scan = own_documents(scan, snapshot.listing or (), target, rules)
    repo = release_from_snapshot(snapshot, rules, scan=scan)
    named, unread = (
        (RolesNamed(), ()) if target.role_stated else _roles_it_names(reader, api, answer, rules)
    )
    listed = snapshot.listing is not None and not snapshot.listing_partial
    licence_files = root_licence_files(snapshot.listing, rules)
    evidence = code_evidence(target, answer, repo, rules, named, listed, licence_files)
    return replace(evidence, findings=(*snapshot.findings, *evidence.findings, *unread))


def _roles_it_names(
    reader: ApiReader, api: str, answer: RepositoryAnswer, rules: RuleSet
) -> tuple[RolesNamed, tuple[Finding, ...]]:
    """What a repository the card links with no role says it is for: its description, else
    its README's headings (the words of rules/detection.yaml `card.code_topics`); and a warning
    when its README could not be read, which leaves only what the files show (a failed README
    lost the repository's whole answer, its licence and files read)."""
    patterns = rules.detection.card
    roles = code_topics_of(answer.description, patterns)
    if roles:
        return RolesNamed(tuple(RoleNamed(role, "its description") for role in roles)), ()
    try:
        text = github.readme(reader, api, answer)
    except (NetFailure, OsaiError) as error:
        said = f"github.com/{answer.full_name}: its README could not be read ({error}), so the "
        said += "roles it names are not known; its files still say what they are"
        cited = Provenance("github", f"github.com/{answer.full_name}", "README", Certainty.DETECTED)
        return RolesNamed(), (Finding(FindingKind.WARNING, one_line(said, 400), (cited,)),)
    if text is None:
        return RolesNamed(), ()
    named: dict[str, RoleNamed] = {}
    for section in parse_card(text, patterns, repositories=rules.links.repositories).sections:
        for role in code_topics_of(section.heading, patterns):
            where = f'its README\'s section "{one_line(section.heading, 60)}"'
            named.setdefault(role, RoleNamed(role, where))
    return RolesNamed(tuple(named.values())), ()


def _paper(target: LinkTarget, rules: RuleSet, reader: ApiReader) -> LinkedEvidence:
    return paper_evidence(target, arxiv.paper(reader, arxiv.base_url(), target.id), rules)


def _dataset_record(target: LinkTarget, options: FollowOptions) -> DatasetRecord | str:
    """A dataset's Hub record, or why there is none (one line)."""
    hub = options.hub
    if hub is None:
        return "the Hub was not asked"
    cache = AnswerCache(options.cache_dir, options.shared)
    read = partial(dataset_record, hub, target.id)
    return _hub_record(cache, f"datasets/{target.id}", DatasetRecord, read, options)


def _hub_record(
    cache: AnswerCache, key: str, kind: type[R], read: Callable[[], R], options: FollowOptions
) -> R | str:
    """A dataset's or a base model's Hub record (this run's, or, offline, one kept), or why
    there is none (one line)."""
    outcome = _attempt(
        partial(
            remembered, cache, key, kind, read, options.offline_by, options.shared, options.budget
        )
    )
    return OFFLINE if outcome is None else outcome


def _unread_datasets(plan: LinkPlan) -> tuple[UnreadDataset, ...]:
    """The datasets the card names that are not read: beyond the cap, or no Hub id."""
    return (
        *(
            UnreadDataset(t.id, "not read, beyond the --max-links cap", t.citation)
            for t in plan.left_out
            if t.kind is LinkKind.DATASET
        ),
        *(
            UnreadDataset(one_line(n.value, 80), n.unread, n.where)
            for n in plan.not_ids
            if n.kind is LinkKind.DATASET
        ),
    )


def _datasets(
    read: Mapping[LinkTarget, DatasetRecord | str],
    rules: RuleSet,
    unread: Sequence[UnreadDataset] = (),
) -> LinkedEvidence:
    """The evidence of a card's datasets, each listed in the plan's order; `unread`: those
    the card names that were not read, whose licences the others' cannot stand for."""
    kept = [target for target, outcome in read.items() if not isinstance(outcome, str)]
    records = [outcome for outcome in read.values() if not isinstance(outcome, str)]
    failures = [failed(t, outcome) for t, outcome in read.items() if isinstance(outcome, str)]
    not_read = (
        *(
            UnreadDataset(t.id, "could not be read", t.citation)
            for t, outcome in read.items()
            if isinstance(outcome, str)
        ),
        *unread,
    )
    evidence = dataset_evidence(kept, records, rules, not_read) if records else LinkedEvidence()
    order = {target.url: index for index, target in enumerate(read)}
    listed = (*evidence.links, *(link for e in failures for link in e.links))
    return LinkedEvidence(
        evidence.components,
        (*evidence.findings, *(f for e in failures for f in e.findings)),
        tuple(sorted(listed, key=lambda link: order.get(link.url, len(order)))),
        evidence.unshown,
    )


@dataclass(frozen=True)
class _Named:
    """A base model to read: its Hub id, and the ids of the models between it and the checked
    one (a base that names one of them turns back)."""

    id: str
    path: frozenset[str]
    by: str  # the model that names it (its id, and its file when not its card: "acme/m's x.yml")
    as_named: str


def _lineage(target: LinkTarget, rules: RuleSet, options: FollowOptions) -> Result:
    """The base models, nearest first: every base each one names (a merge names several), to
    `base_model_depth` levels and at most `max_links` models; where the lineage was not
    followed, a warning says so (a binding licence may lie beyond)."""
    hub = options.hub
    if hub is None:
        return _unread_lineage(target, "the Hub was not asked")
    cache = AnswerCache(options.cache_dir, options.shared)
    chain: list[ModelRecord] = []
    by_files: list[NamedByFile] = []
    ends: list[str] = []
    unread: list[str] = []
    level = [_Named(target.id, options.model_ids, "", "")]
    queued = {target.id.casefold()}
    limit = options.max_links or rules.links.max_links
    asked = 0  # the base models and their files read: each counts against the cap
    over: list[_Named] = []
    naming = (
        *rules.detection.files.merge_config_names,
        *rules.detection.files.adapter_config_names,
    )
    for _ in range(max(1, rules.links.base_model_depth)):
        following: list[_Named] = []
        for named in level:
            if asked >= limit:
                over.append(named)
                continue
            read = partial(model_record, hub, named.id, naming)
            record = _hub_record(cache, f"models/{named.id}", ModelRecord, read, options)
            asked += 1
            if isinstance(record, str):
                if not chain:
                    return _unread_lineage(target, record)
                # A farther base that is not read ends the lineage there: the nearer ones were
                # read, and a licence of theirs that binds the model still does.
                said = record if record == OFFLINE else f"it could not be read ({record})"
                ends.append(f"base model {named.by} names {named.as_named} as its base: {said}")
                unread.append(unread_base(named.id))
                continue
            chain.append(record)
            if not record.found:
                continue
            names, files, files_asked = _bases_named(record, rules, options, limit - asked, limit)
            asked += files_asked
            by_files.extend(files.named)
            ends.extend(files.ends)
            unread.extend(files.unread)
            following.extend(_bases_of(names, record, named.path, queued, ends, unread))
        level = following
        if not level:
            break
    depth = max(1, rules.links.base_model_depth)
    too_many = f"more than the {limit} base models osai reads"
    too_deep = f"beyond the {depth} levels osai follows"
    ends = [*ends[:MAX_ENDS], *_beyond(over, too_many), *_beyond(level, too_deep)]
    # why each is unread, as the licence's "unless" says it: "(not read)" left a reader asking
    # what would read it, when no option does (the depth is the rules')
    unread += [unread_base(n.id, too_many) for n in over]
    unread += [unread_base(n.id, too_deep) for n in level]
    result = lineage(target, tuple(chain), rules, tuple(by_files))
    for why in ends:
        result = cut(result, target, why)
    return replace(result, unread=(*result.unread, *unread))


def _unread_lineage(target: LinkTarget, why: str) -> Lineage:
    """The lineage of a base model that could not be read: nothing of it is known, a licence
    binding the model included."""
    evidence = _not_read((target,), why)
    return Lineage((), evidence.findings, evidence.links, unread=(unread_base(target.id),))


MAX_ENDS = 8  # a hostile lineage names any number of bases that are no Hub ids


def _beyond(unread: Sequence[_Named], why: str) -> list[str]:
    """One line for the bases not read for one reason, however many (each named as named)."""
    if not unread:
        return []
    named = some_of([f"{n.as_named} (named by {n.by})" for n in unread])
    return [f"base model(s) {named}: {why}"]


def _named_bases(record: ModelRecord, rules: RuleSet) -> tuple[str, ...]:
    """The bases a base model's card names, not a `base_model: none` (n/a, from scratch:
    rules/components.yaml none_words), which names none, as the model's own card's does: it
    was asked of the Hub, or kept as a base named by no Hub id whose licence may bind."""
    # each once: a card naming `LLaMA 2` twice was warned of twice
    return tuple(name for name in one_each(record.base_models) if not rules.names_no_base(name))


def _files_of(
    record: ModelRecord, rules: RuleSet, options: FollowOptions, room: int, limit: int
) -> tuple[dict[str, FileRead], int]:
    """The files of `record` that may name the bases it derives from beyond its card (a
    merge's recipe, an adapter's config: the first of each its file list holds, as the model's
    own are planned), each read at the commit the record names, through the check's HTTP layer
    and cache, while `room` is left under the cap (`limit`), or why it was not read; and how
    many were asked for.  Offline, from the cache alone."""
    read: dict[str, FileRead] = {}
    asked = 0
    for name in files_to_read(record, rules):
        if asked >= room:
            read[name] = (
                f"{name} was not read: more than the {limit} base models and files osai reads"
            )
            continue
        asked += 1
        # a commit id, checked again: a kept record is read back from a cache as hostile as
        # any file, and the commit names a place in huggingface_hub's cache
        if options.hub is None or not COMMIT.fullmatch(record.sha):
            read[name] = f"{name} was not read: the Hub named no commit of the model"
            continue
        outcome = _attempt(partial(model_file, options.hub, record.id, record.sha, name))
        if isinstance(outcome, TextFile):
            read[name] = outcome
        elif isinstance(outcome, Unreadable):
            read[name] = outcome.reason
        elif outcome is None:
            read[name] = f"{name} is not in the local cache ({options.offline_by})"
        elif isinstance(outcome, str):
            read[name] = f"{name} could not be read ({outcome})"
    return read, asked


def _bases_named(
    record: ModelRecord, rules: RuleSet, options: FollowOptions, room: int, limit: int
) -> tuple[list[tuple[str, str]], BaseFiles, int]:
    """The bases `record` names, each with the file naming it ("" for its card): its card's,
    and those its files name (a merge's recipe, read while `room` is left under the cap), read
    as the model's own are (osai.links.base_files); what its files say; how many were asked
    for."""
    card_bases = _named_bases(record, rules)
    read, asked = _files_of(record, rules, options, room, limit)
    files = base_files(record, card_bases, read, rules)
    names = [*((name, "") for name in card_bases), *((n.model, n.file) for n in files.named)]
    return names, files, asked


def _bases_of(
    names: Sequence[tuple[str, str]],
    record: ModelRecord,
    path: frozenset[str],
    queued: set[str],
    ends: list[str],
    unread: list[str],
) -> list[_Named]:
    """The bases `record` names (`names`, each with the file naming it: "" for its card) that
    are still to read (`queued` grows by them); why each other one ends the lineage there, in
    `ends`, and those named by no Hub id in `unread`."""
    ancestors = path | {record.id.casefold(), record.requested.casefold()}
    bases: list[_Named] = []
    for name, file in names:
        # as the model's own card's: a URL names the model by its id (a cycle is told by id)
        current = parse_hub_target(name) or ""
        end = lineage_end(record, name, current, ancestors, file)
        if end:
            ends.append(end)
            if not current:  # named by no Hub id: its licence may bind (a cycle's was read)
                unread.append(unread_base(one_line(name, 80), "not a Hub model id"))
        elif current.casefold() not in queued:  # two bases of one base: read once
            queued.add(current.casefold())
            by = f"{record.id}'s {file}" if file else record.id
            bases.append(_Named(current, ancestors, by, one_line(name, 80)))
    return bases


def _not_known_by_id(plan: LinkPlan) -> list[str]:
    """The bases named by no Hub id (an adapter's config naming a local path, a card's
    `base_model: LLaMA 2`): unread, as a base the Hub did not answer for is, their licence
    may bind."""
    return [
        unread_base(one_line(n.value, 80), "not known by a Hub id" if n.by_id else n.unread)
        for n in plan.not_ids
        if n.kind is LinkKind.BASE_MODEL
    ]


def _not_read(targets: Sequence[LinkTarget], why: str) -> LinkedEvidence:
    results = [failed(t, why) for t in targets]
    findings = tuple(f for r in results for f in r.findings)
    return LinkedEvidence((), findings, tuple(link for r in results for link in r.links))


def _left_out(plan: LinkPlan) -> tuple[Finding, ...]:
    """What the --max-links cap left unread: a NOTE, and a WARNING for base models (a licence
    binding the model may lie there, as where the lineage itself is cut)."""
    bases = [t for t in plan.left_out if t.kind is LinkKind.BASE_MODEL]
    others = [t for t in plan.left_out if t.kind is not LinkKind.BASE_MODEL]
    return (
        *_capped(others, "linked resource(s)", FindingKind.NOTE, ""),
        *_capped(
            bases,
            "base model(s)",
            FindingKind.WARNING,
            "; a licence binding this model may lie there",
        ),
    )


def _capped(
    targets: Sequence[LinkTarget], what: str, kind: FindingKind, why: str
) -> tuple[Finding, ...]:
    if not targets:
        return ()
    names = some_of([t.url for t in targets])  # a card may link thousands
    message = f"{len(targets)} more {what} not read (the --max-links cap): {names}{why}"
    return (Finding(kind, message, (Provenance("links", "--max-links", "", Certainty.DETECTED),)),)


def _reader(
    options: FollowOptions,
    headers: dict[str, str],
    secrets: tuple[str, ...],
    *,
    same_origin: bool = False,
    rate_limit_hint: str = "",
) -> ApiReader:
    cache = AnswerCache(options.cache_dir, options.shared)
    return ApiReader(
        options.budget,
        cache,
        options.offline_by,
        headers,
        secrets,
        options.shared,
        same_origin,
        rate_limit_hint,
    )


def _github_secrets() -> tuple[str, ...]:
    token = github.token()
    return (token,) if token else ()
