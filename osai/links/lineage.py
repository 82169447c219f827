"""Licence lineage: a fine-tune stays under its base model's licence when that licence binds
derivatives (rules/links.yaml `binding_terms`, citing `binding_licences`' clauses), whatever
the fine-tune declares.  Pure.

"declared Apache-2.0, but base model meta-llama/Llama-2-7b-hf is under the Llama 2 Community
License Agreement, which applies to derivatives": the commonest open-washing on the Hub.  The
parameters then follow the binding licence, and the report shows both and where each was found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from osai.evidence import (
    BASES_BIND,
    MAX_BASE_LICENCE_CHARS,
    MAX_STATED_BASES,
    MAX_STATED_LINEAGE,
    PARAMETERS,
    UNREAD_BASE,
    BaseLicence,
    CachedAnswer,
    Certainty,
    FartherBase,
    Finding,
    FindingKind,
    FollowedLink,
    LicenceFact,
    Presence,
    Provenance,
    Release,
    bases_of_each,
    said_of_unread_bases,
)
from osai.hubrefs import named_hub_model, one_each, parse_hub_target
from osai.licenses import Leaf, LicenceState, Node, normalised_licence, parse_licence, settles
from osai.lineage_walk import walk_bases
from osai.links.card_licence import read_licence
from osai.links.evidence import kept_note, not_found_on
from osai.links.plan import LinkKind, LinkTarget
from osai.records import ModelRecord, licence_words
from osai.rules import RuleSet
from osai.textsafe import joined, one_line


@dataclass(frozen=True)
class Binding:
    """A base model whose licence binds the model derived from it."""

    base: ModelRecord
    licence: LicenceFact
    clause: str
    binding_id: str  # the licence in it that binds (an AND names others too)
    listed: tuple[str, ...] = ()  # the licences the base's card lists, each binding; () for one
    # the nearer bases it binds the model through, nearest first: () for the base the model
    # names (a conflict named only the far base, not how the model derives from it)
    via: tuple[str, ...] = ()
    # those of them that name the next by a file of theirs, not their card: (the base, the
    # file), said ("as its mergekit_config.yml says"): their cards do not show the path
    named_by: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NamedByFile:
    """A model a base model's own file names as a base beyond its card (its merge's recipe, its
    adapter's config: osai.links.base_files): read as a base its card names, and said so."""

    of: str  # the Hub id of the base whose file names it (ModelRecord.id)
    model: str  # the model, as the file names it
    file: str  # the file (mergekit_config.yml)
    said: str  # where, as the link read says it ("named in acme/m's mergekit_config.yml ...")


@dataclass(frozen=True)
class Undecided:
    """A base model whose card lists licences some of which bind derivatives and some not: a
    list does not say how they combine (all applying, or one to choose), so whether the
    binding ones reach the derived model is not known."""

    base: ModelRecord
    binding: tuple[str, ...]  # the listed licences that bind


@dataclass(frozen=True)
class Lineage:
    # Every base whose licence binds for certain, nearest first, one per binding licence: a merge
    # of a Llama 2 derivative and a Gemma one is under both.
    bindings: tuple[Binding, ...]
    findings: tuple[Finding, ...]
    links: tuple[FollowedLink, ...]
    undecided: Undecided | None = None  # only when no base binds for certain
    # The bases whose licence was not read (not found, unreadable, beyond the lineage osai
    # follows), each named with why: a licence binding derivatives may lie there.
    unread: tuple[str, ...] = ()
    # The licence of the base the model names, where its card states one (an AI BOM osai
    # writes states it, so that the BOM checked offline judges this lineage again)
    read_base: BaseLicence | None = None
    # What that base derives from in turn, as the cards read name it, each with its licence
    # read: a BOM osai writes states the lineage whose licence binds the model (a fine-tune of
    # an MIT fine-tune of Llama 2 named the MIT base alone)
    farther: tuple[FartherBase, ...] = ()


def lineage(
    target: LinkTarget,
    chain: tuple[ModelRecord, ...],
    rules: RuleSet,
    by_files: tuple[NamedByFile, ...] = (),
) -> Lineage:
    """The lineage of the base `target` names, its records read nearest first (`chain`), and
    the bases their own files name beyond their cards (`by_files`)."""
    reads = [read_licence(record, f"base model {record.id}", "hub", rules) for record in chain]
    chain = tuple(record for record, _ in reads)
    contradictions = tuple(finding for _, said in reads for finding in said)
    # the first is the base the target names: where a file other than the card names it, said
    said = {named.model.casefold(): named.said for named in by_files}
    links = tuple(
        _link(r, target.named_in if i == 0 else said.get(r.requested.casefold(), ""))
        for i, r in enumerate(chain)
    )
    findings = (
        tuple(
            Finding(
                FindingKind.WARNING,
                f"base model {r.requested}: {not_found_on('the Hub')}",
                (target.citation,),
            )
            for r in chain
            if not r.found
        )
        + tuple(
            _cached(target, r.requested, r.cached)
            for r in chain
            if r.cached is not None and not r.cached.offline  # offline: the link says it
        )
        + contradictions
    )
    undecided: Undecided | None = None
    bindings: dict[str, Binding] = {}
    paths = _paths(chain, by_files)
    # Nearest first; a farther base that binds for certain binds the model through the nearer
    # one, however a nearer one's list combines; every base that binds does (all apply).
    for nearer, record in enumerate(chain):
        judged = _judged(record, rules) if record.found else None
        if isinstance(judged, Binding):
            hops = paths.get(nearer, tuple((r.id, "") for r in chain[:nearer]))
            via = tuple(base for base, _ in hops)
            named_by = tuple((base, file) for base, file in hops if file)
            bindings.setdefault(judged.binding_id, replace(judged, via=via, named_by=named_by))
        else:
            undecided = undecided or judged
    unread = tuple(unread_base(r.requested, why) for r in chain if (why := _terms_unread(r, rules)))
    read = _read_base(target, chain[0]) if chain else None
    farther = _farther_read(chain, by_files)
    if bindings:
        found = tuple(bindings.values())
        return Lineage(found, findings, links, unread=unread, read_base=read, farther=farther)
    return Lineage((), findings, links, undecided, unread, read, farther)


# A base between the model and a farther one: its Hub id, and the file of it naming the next
# ("" for its card)
_Hop = tuple[str, str]


def _names(record: ModelRecord, by_files: Sequence[NamedByFile]) -> list[tuple[str, str]]:
    """The bases `record` names, each with the file naming it ("" for its card)."""
    files = [(n.model, n.file) for n in by_files if n.of.casefold() == record.id.casefold()]
    return [*((name, "") for name in record.base_models), *files]


def _read_in(chain: Sequence[ModelRecord]) -> dict[str, int]:
    """The bases read beyond the one the model names, by the Hub id each was asked for
    (casefolded), each to its place in `chain`."""
    return {record.requested.casefold(): index for index, record in enumerate(chain) if index}


def _named_read(
    record: ModelRecord, read: Mapping[str, int], by_files: Sequence[NamedByFile]
) -> list[tuple[int, str]]:
    """The bases `record` names that were read (by their place in the chain: `read`, _read_in),
    each with the file naming it ("" for its card)."""
    found = [(read.get(_hub_key(name)), file) for name, file in _names(record, by_files)]
    return [(index, file) for index, file in found if index is not None]


def _hub_key(name: str) -> str:
    """The Hub id a base is named by, casefolded ("" for a name that is none)."""
    return (parse_hub_target(name) or "").casefold()


def _paths(
    chain: Sequence[ModelRecord], by_files: Sequence[NamedByFile]
) -> dict[int, tuple[_Hop, ...]]:
    """How the model derives from each base read (by its place in `chain`): the bases in
    between, nearest first, each with the file naming the next; the first path found."""
    read = _read_in(chain)
    walked = walk_bases(
        [0] if chain else [],
        bases=lambda index: _named_read(chain[index], read, by_files),
        key=lambda index: index,
    )
    paths: dict[int, tuple[_Hop, ...]] = {0: ()} if chain else {}
    for reached in walked:
        if reached.first:
            paths[reached.base] = tuple((chain[i].id, file) for i, file in reached.path)
    return paths


def _farther_read(
    chain: Sequence[ModelRecord], by_files: Sequence[NamedByFile] = ()
) -> tuple[FartherBase, ...]:
    """Each base a base read names that was read too (the lineage's records, nearest first),
    with the licence its card states as a BOM may state it again (_stated_licence); those its
    files name too (a merge's recipe: the model derives from them as from its card's)."""
    read = _read_in(chain)
    found: dict[tuple[str, str], FartherBase] = {}
    for record in chain:
        for index, _ in _named_read(record, read, by_files):
            far = chain[index]
            if far is not record:
                found.setdefault(
                    (far.id.casefold(), record.id.casefold()),
                    FartherBase(far.id, record.id, _stated_licence(far)),
                )
    return tuple(found.values())


def _read_base(target: LinkTarget, record: ModelRecord) -> BaseLicence | None:
    """The licence of the base `target` names, as its own check reads it (`record`), when its
    card states one licence in one bounded line: a list does not say how it combines, and what
    is none is not written (a BOM states no licence osai did not read)."""
    licence = _stated_licence(record)
    return BaseLicence(target.id, licence) if licence is not None else None


def _stated_licence(record: ModelRecord) -> LicenceFact | None:
    """A base's licence as a BOM may state it (_read_base), or None."""
    text = record.licence
    if not record.found or record.licences_listed or record.licence_instead or not text:
        return None
    if one_line(text, MAX_BASE_LICENCE_CHARS) != text:
        return None
    return LicenceFact(text, _where(record, text))


def _terms_unread(record: ModelRecord, rules: RuleSet) -> str:
    """Why whether `record`'s licence binds its derivatives is not known, or "": the Hub has
    no such model, its card states no licence, or one osai does not know (a custom licence's
    name: most such model licences bind derivatives, Llama's and Gemma's do)."""
    if not record.found:
        return "not found on the Hub"
    texts = _stated(record)
    if not texts:
        return "its card states no licence"
    unknown = [text for text in texts if not settles(text, rules.licences)]
    if not unknown:
        return ""
    shown = one_line(unknown[0], 80)
    if parse_licence(unknown[0], rules.licences, exact=False).state is LicenceState.UNDISCLOSED:
        # the Hub's `license: unknown` is its publisher's not saying: no licence osai lacks
        return f"its card gives its licence as {shown}"
    return f"under {shown}, a licence osai does not know"


def _judged(record: ModelRecord, rules: RuleSet) -> Binding | Undecided | None:
    """Whether `record`'s licence binds a model derived from it: for certain, perhaps (a list
    some of whose licences bind), or not.  A list whose licences all bind binds whichever way
    it combines (all applying or one to choose): the binding shown is the first."""
    listed = _stated(record)
    if len(listed) < 2:
        binds = _binding_clause(record.licence, rules)
        return _binding(record, record.licence, binds) if binds is not None else None
    judged = [(text, _binding_clause(text, rules)) for text in listed]
    binding = [(text, binds) for text, binds in judged if binds is not None]
    if not binding:
        return None
    if len(binding) < len(judged):
        return Undecided(record, tuple(text for text, _ in binding))
    first, binds = binding[0]
    return _binding(record, first, binds, listed)


def _stated(record: ModelRecord) -> tuple[str, ...]:
    """The licences `record`'s card may be under: those it lists, or its licence and what its
    other licence fields name instead (osai.links.card_licence), either of which may hold."""
    if record.licences_listed:
        return record.licences_listed
    return (record.licence, *record.licence_instead) if record.licence else ()


def _binding(
    record: ModelRecord, text: str, binds: tuple[str, str], listed: tuple[str, ...] = ()
) -> Binding:
    """`record`'s licence `text` (one of the `listed` when its card lists several), which
    binds derivatives as `binds` (its binding id and clause) says."""
    binding_id, clause = binds
    licence = LicenceFact(text, _where(record, text), inherited_from=f"base model {record.id}")
    return Binding(record, licence, clause, binding_id, listed)


def _where(record: ModelRecord, text: str) -> Provenance:
    location = f"{record.url} ({record.licence_field})"
    note = kept_note("", record.cached)
    return Provenance("hub", location, text, Certainty.DETECTED, None, note)


def binding_bases(lineages: Iterable[Lineage]) -> tuple[Binding, ...]:
    """Every binding base of the lineages (one a base the card names), one per binding licence,
    in the order read."""
    found: dict[str, Binding] = {}
    for result in lineages:
        for binding in result.bindings:
            found.setdefault(binding.binding_id, binding)
    return tuple(found.values())


def bound(release: Release, bindings: tuple[Binding, ...], rules: RuleSet) -> Release:
    """The release with its parameters under the bases' binding licences (all of them: a merge
    is derived from each of its bases), and a CONFLICT finding when it declares another."""
    weights = release.component(PARAMETERS)
    declared = weights.licence
    if declared is not None and all(_carries(declared, b, rules) for b in bindings):
        return _carried(release, declared, bindings)
    unders = [f"base model {b.base.id}{_through(b)} {_under(b, rules)}" for b in bindings]
    follow = "the parameters follow it" if len(bindings) == 1 else "the parameters follow them all"
    said = "; and ".join(unders)
    if declared is not None:
        message = (
            f"declared {_shown(declared, rules)} ({declared.provenance.describe()}), but "
            f"{said}: {follow}"
        )
        kind = FindingKind.CONFLICT
        evidence: tuple[Provenance, ...] = (
            declared.provenance,
            *(b.licence.provenance for b in bindings),
        )
    else:
        message = f"{said}: {follow}"
        kind = FindingKind.NOTE
        evidence = tuple(b.licence.provenance for b in bindings)
    # the base's licence binds the parameters over the one declared: it decides their verdicts
    binds = kind is FindingKind.CONFLICT
    finding = Finding(kind, message, evidence, PARAMETERS, stricter_kept=binds)
    licence = replace(_all_of(bindings), overrides=_publishers(declared))
    return _parameters_under(release, licence, finding)


def _publishers(declared: LicenceFact | None) -> LicenceFact | None:
    """The licence the publisher declared, which a binding one overrides: `declared`, unless it
    is itself a base's (bound already), then the one that overrode."""
    if declared is None:
        return None
    return declared.overridden if declared.from_base_model else declared


def _carried(release: Release, declared: LicenceFact, bindings: tuple[Binding, ...]) -> Release:
    """The release whose parameters declare the licence their bases bind them to: the bases'
    licences agree with it (LicenceFact.corroborated_by), so what is said of it says who
    decides it.  A GGUF quantization of Llama 2 declaring `llama2` was told to "relicense" its
    parameters, which no one deriving from Llama 2 can."""
    agreeing = tuple(b.licence for b in bindings)
    licence = replace(declared, corroborated_by=(*declared.corroborated_by, *agreeing))
    weights = replace(release.component(PARAMETERS), licence=licence)
    return replace(release, components={**release.components, PARAMETERS: weights})


def _through(binding: Binding) -> str:
    """How the model derives from a farther base: " (through acme/a → acme/b)", and which of
    those bases' files name the next (" (through acme/merge, as its mergekit_config.yml
    says)"): a card read shows no such path."""
    if not binding.via:
        return ""
    path = " → ".join(binding.via)
    if not binding.named_by:
        return f" (through {path})"
    if len(binding.via) == 1:
        return f" (through {path}, as its {binding.named_by[0][1]} says)"
    files = [f"{base}'s {file}" for base, file in binding.named_by]
    say = "says" if len(files) == 1 else "say"
    return f" (through {path}, as {' and '.join(files)} {say})"


def _under(binding: Binding, rules: RuleSet) -> str:
    name = rules.licences.lookup(binding.binding_id)
    title = name.name if name is not None else binding.licence.text
    if binding.listed:
        return (
            f"lists several licences ({', '.join(binding.listed)}), each applying to "
            f"derivatives however they combine; the first is the {title} ({binding.clause})"
        )
    choices = _choices(binding.licence.text, rules)
    if len(choices) > 1:
        # each branch of its OR (the parameters follow them all): naming one alone, a base of
        # CC-BY-NC-4.0 OR GPL-3.0 read as under CC BY-NC alone, its parameters' GPL-3.0 met
        titles = " or the ".join(_title(choice, rules) for choice in choices)
        return f"is under the {titles}, each of which applies to derivatives ({binding.clause})"
    return f"is under the {title}, which applies to derivatives ({binding.clause})"


def _title(licence_id: str, rules: RuleSet) -> str:
    name = rules.licences.lookup(licence_id)
    return name.name if name is not None else licence_id


def _all_of(bindings: tuple[Binding, ...]) -> LicenceFact:
    """The binding licences together: one base's, or every base's joined with AND (each
    applies to the derived model), cited where the nearest was found."""
    first = bindings[0].licence
    if len(bindings) == 1:
        return first
    # by the ids that bind (LicenseRef-llama2): the cards' own words may be names, no expression
    text = " AND ".join(b.binding_id for b in bindings)
    bases = ", ".join(b.base.id for b in bindings)
    return replace(first, text=text, inherited_from=f"base models {bases}", url="")


def undecided(release: Release, base: Undecided, rules: RuleSet) -> Release:
    """The release with the binding licences as its declared parameters' licence's
    alternatives (a verdict stands only where all give it; with none declared, unknown) and a
    WARNING saying why, unless it declares one of the binding licences (under it whichever way
    the base's list combines)."""
    declared = release.component(PARAMETERS).licence
    if _declares_one_of(declared, base.binding, rules):
        return release
    record = base.base
    said = f"declared {_shown(declared, rules)}; " if declared is not None else ""
    stated = ", ".join(_stated(record))
    how = (
        f"lists several licences ({stated}) without saying how they combine"
        if record.licences_listed
        else f"names {stated} in licence fields that contradict one another"
    )
    message = (
        f"{said}base model {record.id} {how}, and "
        f"{', '.join(base.binding)} {'binds' if len(base.binding) == 1 else 'bind'} "
        "derivatives: osai cannot tell whether the binding one applies to derivatives, so "
        + (
            "a verdict on the parameters' licence stands only where the declared and the "
            "binding licences all give it"
            if declared is not None
            else "the parameters' licence is unknown"
        )
    )
    where = _where(record, stated)
    evidence = (*((declared.provenance,) if declared is not None else ()), where)
    # the declared licence, or one binding it: a verdict all of them give stands (two
    # non-commercial licences fail what both fail), any other is unknown
    binding = tuple(LicenceFact(text, where) for text in base.binding)
    # (added to those another base left: each of several such bases may apply)
    same = partial(normalised_licence, knowledge=rules.licences)
    licence = declared.or_instead(binding, same) if declared is not None else None
    return _parameters_under(
        release, licence, Finding(FindingKind.WARNING, message, evidence, PARAMETERS)
    )


def _carries(declared: LicenceFact | None, binding: Binding, rules: RuleSet) -> bool:
    """Whether the declared licence carries the base's binding terms: it is the base's licence
    (a base listing licences that all bind may mean one to choose: any of them), or one that
    binds as the base's does whichever way it is read (a merge of a Gemma model and a Llama 2
    one declaring LicenseRef-gemma AND LicenseRef-llama2: no one base's licence is both)."""
    if _declares_one_of(declared, binding.listed or (binding.licence.text,), rules):
        return True
    parsed = parse_licence(declared.text, rules.licences, exact=False) if declared else None
    if parsed is None or parsed.state is not LicenceState.EXPRESSION or not parsed.expression:
        return False
    # the base's licence may be read a branch of its OR at a time (CC-BY-NC-4.0 OR GPL-3.0):
    # a derivative under any binding branch carries it, as one of a list to choose from does
    choices = _choices(binding.licence.text, rules) or (binding.binding_id,)

    def clause(leaf: Leaf) -> str | None:
        return binding.clause if leaf.id in choices else None

    return _binds(parsed.expression, clause) is not None


def _declares_one_of(declared: LicenceFact | None, texts: tuple[str, ...], rules: RuleSet) -> bool:
    if declared is None:
        return False
    knowledge = rules.licences
    own = normalised_licence(declared.text, knowledge)
    return any(own == normalised_licence(text, knowledge) for text in texts)


def _shown(declared: LicenceFact, rules: RuleSet) -> str:
    return parse_licence(declared.text, rules.licences, exact=False).display or declared.text


def _parameters_under(release: Release, licence: LicenceFact | None, finding: Finding) -> Release:
    """The release with `finding`, its parameters (unless not released) under `licence`."""
    weights = release.component(PARAMETERS)
    updated = (
        replace(weights, licence=licence) if weights.presence is not Presence.ABSENT else weights
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
    return _binds(parsed.expression, partial(_clause, rules))


def _clause(rules: RuleSet, leaf: Leaf) -> str | None:
    """Why the licence `leaf` binds derivatives (rules/links.yaml); None when it binds none."""
    return rules.links.binding_clause(leaf.id, leaf.info.tags if leaf.info is not None else ())


def _choices(licence: str, rules: RuleSet) -> tuple[str, ...]:
    """The binding licences a derivative of `licence` may be under instead of one another."""
    parsed = parse_licence(licence, rules.licences, exact=False)
    if parsed.state is not LicenceState.EXPRESSION or parsed.expression is None:
        return ()
    return _alternatives(parsed.expression, partial(_clause, rules))


def _alternatives(node: Node, clause: Callable[[Leaf], str | None]) -> tuple[str, ...]:
    """Each binding branch of an OR, as _binds reads a branch (an AND by its first binding
    term): the licensee takes one of them; () when the expression binds nothing."""
    if isinstance(node, Leaf):
        return (node.id,) if clause(node) is not None else ()
    found_in = [_alternatives(term, clause) for term in node.terms]
    if node.operator == "OR":
        return tuple(i for found in found_in for i in found) if all(found_in) else ()
    return next((found for found in found_in if found), ())


def _binds(node: Node, clause: Callable[[Leaf], str | None]) -> tuple[str, str] | None:
    """AND binds when any of its terms does; OR only when every branch does: the one who
    derives from it may take the branch that does not (Apache-2.0 OR llama2 binds nothing).
    `clause`: why a licence binds derivatives, None when it binds none."""
    if isinstance(node, Leaf):
        found = clause(node)
        return (node.id, found) if found is not None else None
    found_in = [_binds(term, clause) for term in node.terms]
    if node.operator == "OR":
        return found_in[0] if all(found_in) else None
    return next((f for f in found_in if f is not None), None)


def _link(record: ModelRecord, named_in: str = "") -> FollowedLink:
    """The base read, as a link followed; `named_in`: where a file other than the card names
    it (an adapter's config), said after its answer."""
    # a card listing several licences gave some, not none: it says which (one line)
    given = one_line(
        licence_words(record.licence, record.licences_listed, instead=record.licence_instead), 200
    )
    where = f"; {named_in}" if named_in else ""
    if not record.found:
        answer = f"not found{where}"
        return FollowedLink("base-model", record.url, answer, True, record.cached, found=False)
    # the licence as the answer opens with it (one_line may have cut a hostile card's)
    licence = record.licence if given.startswith(record.licence) else ""
    return FollowedLink("base-model", record.url, given + where, True, record.cached, licence)


def _cached(target: LinkTarget, requested: str, cached: CachedAnswer) -> Finding:
    message = (
        f"base model {requested}: no fresh answer ({cached.because}); what it shows is "
        f"from the cache of {cached.day}"
    )
    return Finding(FindingKind.WARNING, message, (target.citation,))


def lineage_end(
    record: ModelRecord, name: str, current: str, seen: frozenset[str], file: str = ""
) -> str:
    """Why the lineage ends at `record` although it names a base (`name`; `current`, its Hub id,
    or "" when it names none; `file`: the file of it naming it, "" for its card): a base that is
    no Hub id (the Hub cannot be asked for it), or one that turns back (A → B → A, or back to
    the model itself).  "" when it goes on."""
    named = one_line(name, 80)
    by = f"base model {record.id}'s {file}" if file else f"base model {record.id}"
    if not current:
        return f"{by} names {named} as its base, which is no Hub model id"
    if current.casefold() in seen:
        cycle = f"a cycle ({named} is this model or already in its lineage)"
        return f"{by} names {named} as its base: {cycle}"
    return ""


def cut(result: Lineage, target: LinkTarget, why: str) -> Lineage:
    """`result` with a warning that the lineage was cut (`why`)."""
    finding = Finding(FindingKind.WARNING, f"{why}, not followed further", (target.citation,))
    return replace(result, findings=(*result.findings, finding))


def unread_base(name: str, why: str = "not read") -> str:
    """An unread base as the licence's `unless` names it: "base model X (why)"."""
    return f"{UNREAD_BASE}{name} ({why})"


def judged_lineages(
    release: Release, lineages: Sequence[Lineage], rules: RuleSet, unread: Sequence[str] = ()
) -> Release:
    """The release under what its bases' lineages say: every binding licence among them binds
    (a merge of a Gemma model and a Llama 2 one is under both), and only where none binds for
    certain does a base that may bind leave the licence undecided, and a base left unread
    (the lineages', and `unread`) leave it met only if none binds it."""
    bindings = binding_bases(lineages)
    if bindings:
        return bound(release, bindings, rules)
    for result in lineages:
        if result.undecided is not None:
            release = undecided(release, result.undecided, rules)
    return unread_bases(release, [*(u for result in lineages for u in result.unread), *unread])


def unread_judged_afresh(release: Release) -> Release:
    """The release with its parameters' licence no longer waiting on what a source said its
    check left unread (an AI BOM's osai:licence:unless): its bases are being read, and the
    lineage judged again says what is unread now.  Kept, a BOM written offline said "unless
    base model X (not followed) binds" with --follow, X read and binding nothing.  Only what
    osai wrote of unread bases: an `unless` a manifest's author wrote of anything else (a
    teacher model's licence) was dropped too, and --follow met what it never read."""
    weights = release.component(PARAMETERS)
    if weights.licence is None or not said_of_unread_bases(weights.licence.unless):
        return release
    updated = replace(weights, licence=replace(weights.licence, unless=""))
    return replace(release, components={**release.components, PARAMETERS: updated})


def bases_not_followed(release: Release, rules: RuleSet) -> Release:
    """The release with its parameters' licence met only if none of the base models it names
    binds it to another, those bases not being read (links not followed: --no-follow, a census
    at metadata depth): granite-3.0-8b-instruct met OSAID's and MOF's parameters on its card's
    Apache-2.0 with --no-follow, where following its base (or --max-links 0, which leaves it
    out) left them unknown: not reading the links must not make a verdict better than reading
    them.  A base whose licence the release states (an AI BOM's ancestor) is judged on it, as
    if the Hub had answered with it: a BOM osai wrote of a fine-tune of an MIT base met where
    its check met, one of a Llama 2 base is bound to it.  An `unless` the release carries (an
    AI BOM's, saying why its check could not read a base) is kept: it says more than "not
    followed".  The farther bases read are MAX_STATED_BASES, all lineages together."""
    stated = {base.model.casefold(): base.licence for base in release.base_licences}
    lineages: list[Lineage] = []
    unread: list[str] = []
    left = MAX_STATED_BASES
    bases_of = bases_of_each(release.farther_bases)  # once: a lineage a base looks its bases up
    for base in one_each(release.base_models):
        named = named_hub_model(base)
        licence = stated.get(named.casefold()) if named else None
        if named is None or licence is None:
            unread.append(_not_followed(base))
        if named is not None:  # what it derives from binds the model, its licence stated or not
            result, read = stated_lineage(named, licence, rules, bases_of, left)
            lineages.append(result)
            left -= read
    own = release.component(PARAMETERS).licence
    if own is not None and own.unless:  # the BOM's word on what was unread stands
        lineages = [replace(result, unread=()) for result in lineages]
        unread = []
    return judged_lineages(release, lineages, rules, unread)


def stated_lineage(
    model_id: str,
    licence: LicenceFact | None,
    rules: RuleSet,
    bases_of: Mapping[str, Sequence[FartherBase]],
    limit: int,
) -> tuple[Lineage, int]:
    """The lineage of a base whose licence a source states (an AI BOM; None: it states none),
    and of what the source says it derives from in turn (`bases_of`, by the model each
    derives: evidence.bases_of_each), judged as the Hub's records of them would be
    (`lineage`), each binding licence cited where the source states it; and how many farther
    bases it read, at most `limit`.  A farther base stating no licence, or named by no Hub id,
    is unread ("not followed"), as the base itself is; one deriving from more than the
    source's levels osai reads leaves those unread, and so do those past `limit`."""
    farther_stated, unread, read = _farther_lineage(model_id, bases_of, limit)
    stated: list[_Stated] = [(model_id, licence, ())] if licence is not None else []
    stated += farther_stated
    if not stated:
        return Lineage((), (), (), unread=unread), read
    chain = tuple(_stated_record(named, fact) for named, fact, _ in stated)
    cited = {named.casefold(): (fact, via) for named, fact, via in stated}
    url = f"https://huggingface.co/{model_id}"
    first = stated[0][1]
    target = LinkTarget(LinkKind.BASE_MODEL, model_id, url, cited=first.provenance)
    result = lineage(target, chain, rules)
    bindings = tuple(
        replace(
            b,
            licence=replace(b.licence, provenance=cited[b.base.id.casefold()][0].provenance),
            via=cited[b.base.id.casefold()][1],
        )
        for b in result.bindings
    )
    judged = replace(
        result, bindings=bindings, links=(), read_base=None, unread=(*result.unread, *unread)
    )
    return judged, read


def _stated_record(model_id: str, licence: LicenceFact) -> ModelRecord:
    url = f"https://huggingface.co/{model_id}"
    return ModelRecord(model_id, model_id, url, licence.text, "its licence as stated")


# A base whose licence a source states: its Hub id, that licence, the bases between
_Stated = tuple[str, LicenceFact, tuple[str, ...]]


def _farther_lineage(
    model_id: str, bases_of: Mapping[str, Sequence[FartherBase]], limit: int
) -> tuple[list[_Stated], tuple[str, ...], int]:
    """The farther bases of `model_id` a source states, nearest first, each once: those whose
    licence it states, with the bases between (`via`: the base the model names first), and
    why each other one is unread; and how many were read.  Past `limit` a base is unread, and
    what it derives from is not looked up (it is the base that may bind through those): a
    hostile BOM's lattice, each base it names deriving from the same thousands, was walked
    whole once a base it names."""
    stated: list[_Stated] = []
    unread: list[str] = []
    read = 0
    walked = walk_bases([model_id], partial(_stated_bases, bases_of), str.casefold, limit)
    for reached in walked:
        far = reached.edge
        if not reached.first:
            continue
        if not reached.expanded:
            unread.append(unread_base(_base_named(far.model), _PAST_LIMIT))
            continue
        read += 1
        named = named_hub_model(far.model)
        if named is not None and far.licence is not None:
            stated.append((named, far.licence, tuple(nearer for nearer, _ in reached.path)))
        else:
            unread.append(_not_followed(far.model))
        if far.deeper:
            why = f"beyond the {MAX_STATED_LINEAGE} levels of a stated lineage osai reads"
            unread.append(unread_base(f"{far.model}'s own base models", why))
    return stated, tuple(unread), read


def _stated_bases(
    bases_of: Mapping[str, Sequence[FartherBase]], model: str
) -> list[tuple[str, FartherBase]]:
    """The bases a source states `model` derives from (`bases_of`: evidence.bases_of_each),
    each by the name it states, with what it states of it."""
    return [(far.model, far) for far in bases_of.get(model.casefold(), ())]


_PAST_LIMIT = f"beyond the {MAX_STATED_BASES} farther bases of a stated lineage osai reads"


def _not_followed(base: str) -> str:
    # a name that is no Hub id ("LLaMA 2") is not read by --follow either: it was said "(not
    # followed)", and the check offered --follow to read it
    why = "not followed" if named_hub_model(base) else "not known by a Hub id"
    return unread_base(_base_named(base), why)  # an AI BOM's purl, by the id it names


def _base_named(base: str) -> str:
    """A base a source names, as an unread one is named: by its Hub id, else its name."""
    return named_hub_model(base) or one_line(base, 80)


def _any_of(bases: list[str]) -> str:
    """Unread bases as the subject of "binds": any one of them may ("A, B, +6 more binds" said
    they bind as one)."""
    named = [one_line(base, 200) for base in bases[:3]]
    rest = len(bases) - len(named)
    if rest > 0:
        return f"{', '.join(named)} or one of {rest:,} more"
    return joined(named, "or")


def unread_bases(release: Release, unread: Sequence[str]) -> Release:
    """The release with its parameters' licence met only if none of the `unread` bases binds
    it to another: a fine-tune declaring Apache-2.0 of a base the Hub did not answer for (or
    one beyond the lineage osai follows) met OSAID on its card's word, where a Llama 2 base
    would have bound it to Llama 2's licence.  A licence that fails a policy still fails it."""
    weights = release.component(PARAMETERS)
    if not unread or weights.licence is None or weights.presence is Presence.ABSENT:
        return release
    unless = f"{_any_of(list(dict.fromkeys(unread)))}{BASES_BIND}"
    updated = replace(weights, licence=replace(weights.licence, unless=unless))
    return replace(release, components={**release.components, PARAMETERS: updated})
