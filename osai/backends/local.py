"""The local backend: a model directory (a Hub clone or a training repository), or one model card.

One walk lists the directory (sorted, depth first); osai.extract classifies the listing and plans
the few reads (the card, licence files' heads, config.json, CITATION.cff, a manifest, an
adapter's config).  Weights are hashed only when a BOM is written, to state their digests
(osai.backends.local_digests).  Reading is cheap here, so the whole plan is read
(`READ_EVERYTHING`).

Bounds: .git, __pycache__, node_modules, .venv and the like are not walked (rules/detection.yaml
`skip_directories`); symlinks are never followed into directories (a note names each that
leads outside the directory; a licence directory's to one inside has its files listed by the
link's path, no further), a symlink to nothing is no file (nor is a named pipe, a socket or a
device: each is named), and a symlinked file is read only
if it resolves inside the directory (or, for a Hugging Face cache snapshot, its repository's
blobs/: osai.backends.local_inside); unreadable files and directories become findings; a walk
stops after `limits.max_entries` entries or below `limits.max_depth`; files above
`limits.max_read_bytes` are never read (a manifest at the top: above MAX_MANIFEST_BYTES, its
limit when it is named).  A file of a kind whose
empty files are no evidence (weights) has its size asked, and one of 0 bytes is said to be empty
(RepoSnapshot.empty_files); one of less than 1 KiB is read to see if it is a Git LFS pointer (a
clone made without `git lfs pull`), and a note says the weights it stands for are not there.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from osai.backends.local_digests import POINTER_MAX_BYTES, lfs_pointers, local_digests
from osai.backends.local_inside import (
    Inside,
    cache_folder,
    cached_model,
    disk_path,
    inside,
    listed_name,
    unfinished_downloads,
)
from osai.backends.local_manifests import manifests_finding
from osai.backends.local_submodules import GITMODULES, submodules
from osai.detection import DetectionRules
from osai.errors import BadInput, EvidenceUnavailable
from osai.evidence import Certainty, Finding, FindingKind, Provenance
from osai.hubrefs import hub_organisation
from osai.own_reports import HEAD_BYTES, may_be_report, report_read_on
from osai.snapshot import READ_EVERYTHING, ReadPlan, RepoSnapshot, TextFile, front_matter_end
from osai.textsafe import counted, some_of
from osai.yamlsafe import MAX_MANIFEST_BYTES, read_text_file

SOURCE = "local"


@dataclass(frozen=True)
class LocalDirectory:
    """A model directory to read (osai.backends.Backend)."""

    root: Path
    target: str
    rules: DetectionRules
    left_out: frozenset[str] = frozenset()  # paths not to read (a draft about to be replaced)
    # A directory with no file (.git and the like, and hidden files such as .gitattributes,
    # aside) is bad input: a mistyped or unpopulated CI path was judged as a model, all unknown,
    # exit 0.  osai init reads one (a manifest can be drafted before the model's files exist).
    empty_ok: bool = False

    @property
    def shown(self) -> str:
        """The target as reports name it: as the directory's own names are listed."""
        return listed_name(self.target)

    def first_look(self) -> RepoSnapshot:
        walk = _walk(self.root, self.rules)
        if walk.unreadable_root:
            raise EvidenceUnavailable(f"{self.target}: cannot read the directory")
        judged = any(not _is_hidden(path) for path in walk.paths)
        if not (judged or walk.findings or self.empty_ok):
            raise BadInput(f"{self.target}: {_nothing_to_judge(walk)}")
        whose = _whose(self.root)
        snapshot = RepoSnapshot(
            source=SOURCE,
            target=self.shown,
            name=whose.name,
            revision=whose.revision,
            producer=whose.producer,
            hub_id=whose.hub_id,
            listing=tuple(path for path in walk.paths if path not in self.left_out),
            listing_partial=walk.stopped or walk.too_deep,
            empty_files=frozenset(walk.empty),
            unlisted=tuple(walk.unlisted),
            document=self.shown,
            files_root=self.shown,
            owned=whose.owned,
            findings=(
                *_cache_repository_warning(self.root),
                *_not_a_model_warning(self.root),
                *_renamed_snapshot_note(self.root),
                *_unfinished_downloads_note(self.root),
                *walk.findings,
                *_pointers_note(self.root, walk.small),
            ),
        )
        snapshot = self._with_submodules(self._with_manifests_note(snapshot))
        cards = snapshot.top_level_names(self.rules.files.card_names)
        if not cards:
            return snapshot
        snapshot = self._read_files(snapshot, cards)
        return replace(snapshot, card_path=_the_card(snapshot, cards))

    def read(self, snapshot: RepoSnapshot, plan: ReadPlan) -> RepoSnapshot:
        snapshot = self._read_files(snapshot, plan.within(READ_EVERYTHING))
        if not plan.digests:
            return snapshot
        limit = self.rules.limits.max_hashed_bytes
        digests, notes = local_digests(self.root, plan.digests, limit, SOURCE)
        return replace(snapshot, digests=digests, findings=(*snapshot.findings, *notes))

    def _reader(self) -> _Reader:
        manifests = frozenset(self.rules.files.manifest_names)
        return _Reader(self.root, inside(self.root), self.rules.limits.max_read_bytes, manifests)

    def _with_manifests_note(self, snapshot: RepoSnapshot) -> RepoSnapshot:
        """A directory of other releases' manifests says so (osai.backends.local_manifests)."""
        reader = self._reader()
        unreadable: list[Finding] = []  # said when the file is read as part of the model
        listing = snapshot.listing or ()
        note = manifests_finding(
            lambda rel: reader.text(rel, unreadable), self.shown, listing, self.rules, SOURCE
        )
        return snapshot if note is None else replace(snapshot, findings=(*snapshot.findings, note))

    def _with_submodules(self, snapshot: RepoSnapshot) -> RepoSnapshot:
        """Submodules set aside as other repositories (osai.backends.local_submodules); a
        .gitmodules that cannot be read is said."""
        reader = self._reader()
        findings = list(snapshot.findings)
        found = submodules(lambda rel: reader.text(rel, findings), snapshot.listing or (), SOURCE)
        findings.extend(found.findings)
        return replace(snapshot, submodules=found.paths, findings=tuple(findings))

    def _read_files(self, snapshot: RepoSnapshot, paths: tuple[str, ...]) -> RepoSnapshot:
        reader = self._reader()
        texts = dict(snapshot.texts)
        findings = list(snapshot.findings)
        unreadable = set(snapshot.unreadable)
        for path in paths:
            text = reader.text(path, findings)
            if text is not None:
                texts[path] = TextFile(path, text)
            else:
                unreadable.add(path)
        return replace(
            snapshot, texts=texts, findings=tuple(findings), unreadable=frozenset(unreadable)
        )


def _the_card(snapshot: RepoSnapshot, cards: tuple[str, ...]) -> str:
    """The model card of those the directory holds: the first with front matter, as the Hub
    reads README.md's, else the first (rules/detection.yaml `model_card`).  A MODEL_CARD.md
    without any beside a README.md of `license: cc-by-nc-4.0` left that licence unread: the
    weights took the LICENSE's MIT, met, where the Hub's check of the same files failed.
    Front matter that is closed: a README.md opening with a `---` rule has none, and was the
    card, the MODEL_CARD.md beside it unread."""
    texts = snapshot.texts
    fronted = (path for path in cards if path in texts and _has_front_matter(texts[path].text))
    return next(fronted, cards[0])


def _has_front_matter(text: str) -> bool:
    return front_matter_end(text.splitlines()) is not None


@dataclass(frozen=True)
class LocalCard:
    """A model card alone (osai.backends.Backend), judged for what a card can show."""

    path: Path
    rules: DetectionRules

    def first_look(self) -> RepoSnapshot:
        text = read_text_file(self.path, max_bytes=self.rules.limits.max_read_bytes)
        name = self.path.name
        # its folder's, not where it resolves to: a cache snapshot's card links into blobs/
        whose = _whose(self.path.absolute().parent)
        return RepoSnapshot(
            source=SOURCE,
            target=str(self.path),
            name=whose.name,
            revision=whose.revision,
            producer=whose.producer,
            hub_id=whose.hub_id,
            listing=None,
            texts={name: TextFile(name, text)},
            card_path=name,
            document=str(self.path),
            owned=whose.owned,
        )

    def read(self, snapshot: RepoSnapshot, plan: ReadPlan) -> RepoSnapshot:
        return snapshot  # a lone card: nothing else to read


@dataclass(frozen=True)
class _Whose:
    """Whose model a directory holds, as far as its place says: a name, and for a Hugging Face
    cache snapshot the Hub model's commit and organisation."""

    name: str
    revision: str = ""
    producer: str = ""
    # the user's own (its hints say what to declare, Release.owned); a cache snapshot is a Hub
    # model downloaded, someone else's
    owned: bool = True
    # a cache snapshot's Hub id (RepoSnapshot.hub_id): its public assessments and the code
    # rules/links.yaml knows as its own are then those of the same model checked on the Hub
    hub_id: str = ""


def _whose(directory: Path) -> _Whose:
    """A cache snapshot is named by its model and commit, not the commit's hash (nor, for its
    card alone, `blobs`, where the card's link leads); any other directory by its own name."""
    cached = cached_model(directory)
    if cached is None:
        return _Whose(listed_name(directory.resolve().name))
    name = listed_name(cached.name)
    # a dataset's `datasets/org/name` is under org
    producer = hub_organisation(name.removeprefix(f"{cached.not_a_model}/"))
    return _Whose(name, cached.commit, producer, owned=False, hub_id=cached.hub_id)


def _cache_repository_warning(root: Path) -> tuple[Finding, ...]:
    """A Hugging Face cache repository (`models--org--name`), its snapshots/ folder or the cache
    itself is not where a model's files lie as a model's: its card is in snapshots/<rev>/, so
    found nowhere (the cache was checked as a folder of no model, 11 unknown, and nothing said
    why).  Where to look is said."""
    folder = cache_folder(root)
    if folder is None:
        return ()
    snapshots = folder.snapshots
    what = {
        "repository": "a Hugging Face cache repository",
        "snapshots": "a Hugging Face cache repository's snapshots folder",
        "cache": "a Hugging Face cache",
        "home": "a Hugging Face home folder (HF_HOME, its cache in hub/)",
    }[folder.folder]
    if folder.folder in ("cache", "home"):
        which = f"a model's snapshot ({some_of(snapshots, 3)}), each read"
    else:
        which = (
            f"its snapshot, {snapshots[0]}, read"
            if len(snapshots) == 1
            else f"one of its snapshots ({some_of(snapshots, 3)}), each read"
        )
    message = f"{what}, not a model's directory: check {which} as that Hub model at that commit"
    return (replace(_finding(message, "."), misdirected=True),)


def _not_a_model_warning(root: Path) -> tuple[Finding, ...]:
    """A cache snapshot of a dataset or a Space is not a model's files: judged as one with no
    word, where `osai check datasets/org/name` is refused as no model."""
    cached = cached_model(root)
    if cached is None or not cached.not_a_model:
        return ()
    what = {"datasets": "a dataset", "spaces": "a Space"}[cached.not_a_model]
    message = (
        f"a Hugging Face cache snapshot of {what}, not of a model: osai checks models; its "
        "files are judged here as a model's would be"
    )
    return (replace(_finding(message, "."), misdirected=True),)


def _renamed_snapshot_note(root: Path) -> tuple[Finding, ...]:
    """A cache snapshot whose folder is not named by a commit's hash: why its commit is not
    given."""
    cached = cached_model(root)
    if cached is None or not cached.renamed:
        return ()
    message = (
        f"snapshots/{cached.folder}: not a commit's hash, as huggingface_hub names a snapshot's "
        "folder; the model's commit is unknown"
    )
    return (_finding(message, ".", FindingKind.NOTE),)


def _unfinished_downloads_note(root: Path) -> tuple[Finding, ...]:
    """A cache snapshot whose repository holds downloads cut short: files of the model may be
    missing from it (a half-downloaded model.safetensors left the weights unknown unexplained)."""
    count = unfinished_downloads(root)
    if not count:
        return ()
    message = (
        f"the cache holds {counted(count, 'unfinished download')} of this model "
        "(blobs/*.incomplete): files of it may be missing from this snapshot; download it again "
        "to check it whole"
    )
    return (_finding(message, ".", FindingKind.NOTE),)


def existing_directory(path: Path) -> Path:
    if not path.exists():
        raise BadInput(f"{path}: no such directory")
    if not path.is_dir():
        raise BadInput(f"{path}: not a directory")
    return path


# --- the walk ------------------------------------------------------------------------------


@dataclass
class _Walk:
    """The walk's accumulator."""

    rules: DetectionRules
    inside: Inside  # where a link may lead and be walked all the same (by its own path)
    paths: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    entries: int = 0
    stopped: bool = False  # at limits.max_entries: the rest is not listed
    too_deep: bool = False
    unreadable_root: bool = False
    skipped: list[str] = field(default_factory=list)  # directories not walked (.git, ...)
    empty: list[str] = field(default_factory=list)  # files of 0 bytes
    small: list[str] = field(default_factory=list)  # files small enough to be Git LFS pointers
    directories: int = 0  # directories walked, the root aside
    unlisted: list[str] = field(default_factory=list)  # directories not listed (RepoSnapshot)


def _walk(root: Path, rules: DetectionRules) -> _Walk:
    """List a directory once (sorted, depth first, symlinks never followed into directories)."""
    walk = _Walk(rules, inside(root))
    stack: list[tuple[str, str, int]] = [(str(root), "", 0)]
    while stack:
        directory, rel, depth = stack.pop()
        children = _walk_one(walk, directory, rel, depth)
        if children is None:
            break
        stack.extend(reversed(children))
    return walk


def _walk_one(
    walk: _Walk, directory: str, rel: str, depth: int
) -> list[tuple[str, str, int]] | None:
    """List one directory's files; its subdirectories to walk, or None when the walk must stop."""
    limits = walk.rules.limits
    try:
        with os.scandir(directory) as iterator:
            entries = sorted(iterator, key=lambda entry: entry.name)
    except OSError as exc:
        walk.unreadable_root = walk.unreadable_root or not rel
        where = rel or "."
        if rel:
            walk.unlisted.append(rel)
        walk.findings.append(_finding(f"{where}: cannot read directory ({exc.strerror})", where))
        return []
    children: list[tuple[str, str, int]] = []
    for entry in entries:
        walk.entries += 1
        if walk.entries > limits.max_entries:
            message = f"stopped after {limits.max_entries:,} entries; the rest was not scanned"
            walk.findings.append(_finding(message, rel or "."))
            walk.stopped = True
            return None
        name = listed_name(entry.name)
        path = f"{rel}/{name}" if rel else name
        # A licence file that links to nothing stays listed, to be read and fail: like one
        # linking out of the directory, it decides "unknown" for what it covers.
        if (nowhere := _dangling(entry)) and walk.rules.files.licence_rule_at(path) is None:
            message = f"{path}: {nowhere}; not a file of the directory"
            walk.findings.append(_finding(message, path, FindingKind.NOTE))
            # A licence directory linking to nothing holds texts somewhere, not here (a mount
            # not there): as a LICENSE linking to nothing, it decides "unknown".
            if name.lower() in walk.rules.files.licence_directories:
                walk.unlisted.append(path)
        elif _is_linked_directory(entry):
            # Never walked (a link may loop, or lead anywhere), nor a file: a note names it, or
            # the weights of a `weights -> /data/run7` link would go unseen with nothing said.
            # One to a directory inside (`latest -> checkpoints/step9`) is walked by its own path.
            shown = not (_is_hidden(path) or name in walk.rules.files.skip_directories)
            if shown and not walk.inside.holds(entry.path):
                _outside_directory(walk, name, path)
            elif shown and name.lower() in walk.rules.files.licence_directories:
                _linked_licence_directory(walk, entry.path, path)
            elif shown:
                # its files are listed by their target's path only: a manifest naming one by
                # the link's (`latest/model.bin`) names a file that is there
                walk.unlisted.append(path)
        elif (kind := _not_a_file(entry)) and walk.rules.files.licence_rule_at(path) is None:
            # A named pipe, a socket or a device (a `pytorch_model.bin` FIFO, a link to
            # /dev/zero) holds no file's content: weights by that name were found on nothing.
            # A licence file's name stays listed, to be read and fail, as one linking to nothing.
            # A hidden one is no model's file, but a .gitmodules unread leaves the submodules
            # unknown (their code counted as the release's): it is said.
            if not _is_hidden(path) or path == GITMODULES:
                message = f"{path}: {kind}, not a file; not read"
                walk.findings.append(_finding(message, path, FindingKind.NOTE))
        elif not _is_directory(entry) and _osai_report(entry, walk, path):
            message = f"{path}: a report osai wrote; not read as the model's evidence"
            walk.findings.append(_finding(message, path, FindingKind.NOTE))
        elif not _is_directory(entry):
            walk.paths.append(path)
            if walk.rules.files.size_matters(name.lower()):
                _sized(walk, entry, path)
        elif name in walk.rules.files.skip_directories:
            walk.skipped.append(path)
        else:
            walk.directories += 1
            child = _child(walk, entry, path, depth)
            if child is not None:
                children.append(child)
    return children


def _outside_directory(walk: _Walk, name: str, path: str) -> None:
    """A link to a directory outside: a note names it.  One of a licence file's name (LICENSE
    -> /) stays listed, to be read and fail, as one linking to nothing: what it covers is
    unknown, not the card's licence taken on a licence file never read."""
    if walk.rules.files.licence_rule_at(path) is not None:
        walk.paths.append(path)
        return
    walk.unlisted.append(path)
    message = f"{path}: a symlink to a directory outside it; not walked, its files not read"
    walk.findings.append(_finding(message, path, FindingKind.NOTE))


def _linked_licence_directory(walk: _Walk, directory: str, path: str) -> None:
    """A licence directory linking to one inside (LICENSES -> docs/licenses): its texts are
    the licence files of the directory the link is in, listed by the link's path.  Walked by
    its own path alone, they covered docs/ and the code took the card's licence, met, whatever
    they said.  Only its files are listed (a licence directory's texts lie directly in it): a
    link is never followed further, so a loop cannot be."""
    try:
        with os.scandir(directory) as iterator:
            entries = sorted(iterator, key=lambda entry: entry.name)
    except OSError as exc:
        walk.unlisted.append(path)
        walk.findings.append(_finding(f"{path}: cannot read directory ({exc.strerror})", path))
        return
    for entry in entries:
        walk.entries += 1
        if walk.entries > walk.rules.limits.max_entries:
            walk.unlisted.append(path)  # the walk stops at its next entry, and says so
            return
        if not _is_linked_directory(entry) and not _is_directory(entry):
            walk.paths.append(f"{path}/{listed_name(entry.name)}")


def _is_hidden(path: str) -> bool:
    """A hidden file (`.gitattributes`, `.DS_Store`): never a model's file on its own, so a
    directory of these alone (a clone whose files were never fetched) holds nothing to judge."""
    return path.rpartition("/")[2].startswith(".")


def _nothing_to_judge(walk: _Walk) -> str:
    """Why a directory without a file to judge is refused, saying what it holds: a clone with
    only its .git was called "an empty directory", which it is not.  `walk.paths`: hidden files
    only, here."""
    held = []
    if walk.skipped:
        held.append(f"{some_of(walk.skipped, 3)}, which osai does not read")
    if walk.paths:
        held.append(f"hidden files: {some_of(walk.paths, 3)}")
    if held:
        return f"holds no file to judge (only {', and '.join(held)})"
    if walk.directories:
        return "holds no file to judge (only empty directories)"
    return "an empty directory: no file to judge"


def _dangling(entry: os.DirEntry[str]) -> str:
    """What a symlink whose target does not exist is ("" for any other entry): no file is there
    (a model.safetensors linking to a blob since deleted was the release's weights).  A loop
    (a -> b -> a) is said as one: "to nothing" sent the reader looking for a missing file."""
    try:
        if not entry.is_symlink():
            return ""
    except OSError:
        return ""
    try:
        os.stat(entry.path)
    except OSError as exc:
        return "a symlink loop, to no file" if exc.errno == errno.ELOOP else "a symlink to nothing"
    return ""


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def _not_a_file(entry: os.DirEntry[str]) -> str | None:
    """What an entry that is neither a file nor a directory is (followed through a symlink),
    or None.  A regular file is known from the listing itself (no stat for each of 200,000)."""
    try:
        if entry.is_file() or entry.is_dir():
            return None
        mode = entry.stat().st_mode
    except OSError:
        return None  # not known: listed, and a read of it says why it fails
    return next((kind for test, kind in _SPECIAL_FILES if test(mode)), None)


def _osai_report(entry: os.DirEntry[str], walk: _Walk, path: str) -> bool:
    """A report an earlier run wrote into the directory (`-o results.json`): no evidence of the
    model, which it would otherwise be taken for (evaluation results, a card).  A symlink out
    of the directory is never opened (as no read opens one): `results.json -> ~/notes.json` was
    read to tell.  Only a file the rules may take as evidence is opened to tell: a directory of
    100,000 JSON records was opened file by file, for files no rule reads.  A licence file is
    never one (osai writes no licence, and a licence is what every gate turns on), and any other
    is told by the whole of it (own_reports.report_of_osai): `LICENSE.md` opening "# osai
    openness report" over the Llama 2 licence was passed over, and `--require mof:class-3`
    passed on the card's Apache-2.0."""
    if not may_be_report(entry.name):
        return False
    *above, name = path.lower().split("/")
    files = walk.rules.files
    if not files.may_be_evidence(name, tuple(reversed(above))) or files.licence_rule_at(path):
        return False
    try:
        if entry.is_symlink() and not walk.inside.holds(entry.path):
            return False
        if not entry.is_file():
            return False
        with open(entry.path, "rb") as file:
            return report_read_on(file.read(HEAD_BYTES), file.read)
    except OSError:  # unreadable: listed as any file, and said when read
        return False


def _sized(walk: _Walk, entry: os.DirEntry[str], path: str) -> None:
    """A regular file (followed through a symlink: a cache snapshot's blob) of 0 bytes is
    empty; one of a few bytes may be a Git LFS pointer, read after the walk."""
    try:
        status = entry.stat()
    except OSError:
        return  # its size unknown: not known to be empty
    if not stat.S_ISREG(status.st_mode):
        return
    if status.st_size == 0:
        walk.empty.append(path)
    elif status.st_size < POINTER_MAX_BYTES:
        walk.small.append(path)


def _pointers_note(root: Path, small: list[str]) -> tuple[Finding, ...]:
    """A note on files of a weights name that are Git LFS pointers (a clone made without
    `git lfs pull`): the weights they stand for are not in the directory, though named in it."""
    found = lfs_pointers(root, small)
    if not found:
        return ()
    paths = [pointer.path for pointer in found]
    total = sum(pointer.size or 0 for pointer in found)
    said = (
        "a Git LFS pointer, not the file it stands for"
        if len(found) == 1
        else f"{counted(len(found), 'Git LFS pointer')}, not the files they stand for"
    )
    # Not "credited": whether a file is evidence (weights, or a fixture's) is the extraction's.
    them = "it" if len(found) == 1 else "them"
    message = (
        f"{some_of(paths, 5)}: {said} ({total:,} bytes, not fetched: git lfs pull fetches "
        f"{them}); the directory does not hold that content"
    )
    return (_finding(message, paths[0], FindingKind.NOTE),)


def _is_linked_directory(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink() and entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def _is_directory(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _child(
    walk: _Walk, entry: os.DirEntry[str], path: str, depth: int
) -> tuple[str, str, int] | None:
    limit = walk.rules.limits.max_depth
    if depth + 1 > limit:
        if not walk.too_deep:
            walk.findings.append(_finding(f"{path}: deeper than {limit} levels; not scanned", path))
        walk.too_deep = True
        return None
    return entry.path, path, depth + 1


# --- reading the few files that matter ---------------------------------------------------------


@dataclass(frozen=True)
class _Reader:
    """Reads small text files of the directory, turning every failure into a finding."""

    root: Path
    inside: Inside
    max_bytes: int
    manifest_names: frozenset[str]  # lower-case: at the top, read as far as a named manifest

    def text(self, rel: str, findings: list[Finding]) -> str | None:
        path = disk_path(self.root, rel)
        if not self.inside.holds(path):
            message = f"{rel}: a symlink to outside the directory; not read"
            findings.append(_finding(message, rel, FindingKind.NOTE))
            return None
        try:
            return read_text_file(path, max_bytes=self._limit(rel))
        except BadInput as exc:
            findings.append(_finding(f"{rel}: {str(exc).split(': ', 1)[-1]}", rel))
            return None

    def _limit(self, rel: str) -> int:
        """A manifest's limit for the directory's own manifest, as when it is named: a
        1.3 MB osai.yaml was read named and dropped inside its directory."""
        manifest = "/" not in rel and rel.lower() in self.manifest_names
        return MAX_MANIFEST_BYTES if manifest else self.max_bytes


def _finding(message: str, location: str, kind: FindingKind = FindingKind.WARNING) -> Finding:
    return Finding(kind, message, (Provenance(SOURCE, location, "", Certainty.DETECTED),))
