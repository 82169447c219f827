"""A repository's file listing, classified by rules/detection.yaml: what each file is evidence for.

Nothing is read here: a file is known by its name and the directories above it.  The same listing
classifies the same way whichever backend produced it.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from heapq import heappush, heapreplace
from itertools import islice

from osai.detection import (
    Checkpoints,
    CitationOrder,
    DetectionRules,
    FileKind,
    FilePatterns,
    LicenceFileRule,
)
from osai.evidence import Certainty, Finding, FindingKind, Presence, Provenance
from osai.extract.observations import Observation, ancestors
from osai.snapshot import RepoSnapshot
from osai.textsafe import CONTROL_CHARACTERS, one_line, some_of


@dataclass(frozen=True)
class FileMatch:
    """The files of one kind (for one component) found in a listing: their paths (at most
    `limits.max_files`, the first in citation order) and a count."""

    kind: FileKind
    component: str
    paths: tuple[str, ...]
    count: int
    by_name: bool


@dataclass(frozen=True)
class ListingScan:
    """What the listing shows, before anything was read."""

    matches: tuple[FileMatch, ...] = ()
    licence_files: tuple[tuple[str, LicenceFileRule], ...] = ()
    top_level: Mapping[str, str] = field(default_factory=dict)  # lower-case name → name
    entries: int = 0
    examples: int = 5  # limits.max_examples: how many paths evidence names
    # Files known to hold 0 bytes of a kind for which that is no evidence: by kind's label.
    emptied: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Shards of a file some of whose shards are not listed, set aside: with their kind's label.
    partial: tuple[tuple[str, PartialSeries], ...] = ()
    # Shard indexes (model.safetensors.index.json) of a file none of whose shards, nor the file,
    # is listed: with the kind's label.
    unaccompanied: tuple[tuple[str, str], ...] = ()
    # Directories below the top that each hold a model card and a file of a `marks_a_model`
    # kind (weights), in listing order: two or more are models judged here as one release.
    model_directories: tuple[str, ...] = ()


# A shard of a file split in numbered parts: `model-00001-of-00003.safetensors` (Hugging Face
# counts from 1; some tools from 0: `model-00000-of-00002.safetensors`).
_SHARD = re.compile(r"(?P<stem>.*)-(?P<index>\d{5})-of-(?P<total>\d{5})(?P<suffix>\.[^/]+)")


@dataclass(frozen=True)
class PartialSeries:
    """The shards listed of a file some of whose shards are not: a download cut short, or
    `allow_patterns` that missed some.  Those listed are not the file."""

    present: tuple[str, ...]
    total: int
    missing: tuple[str, ...]  # the first few not listed
    missing_count: int


def partial_series(paths: Iterable[str], shown: int) -> dict[str, PartialSeries]:
    """Each listed shard of a series that misses some, with its series (at most `shown` of the
    missing named)."""
    series: dict[tuple[str, str, str], dict[int, str]] = {}
    for path in paths:
        match = _SHARD.fullmatch(path) if "-of-" in path else None
        if match is not None:
            key = (match["stem"], match["total"], match["suffix"])
            series.setdefault(key, {})[int(match["index"])] = path
    partial: dict[str, PartialSeries] = {}
    for (stem, total, suffix), shards in series.items():
        first = 0 if 0 in shards else 1
        wanted = range(first, first + int(total))
        missing_count = len(wanted) - sum(1 for index in shards if index in wanted)
        if missing_count <= 0:
            continue
        missing = islice((index for index in wanted if index not in shards), shown)
        names = tuple(f"{stem}-{index:05d}-of-{total}{suffix}" for index in missing)
        found = PartialSeries(
            tuple(shards[i] for i in sorted(shards)), int(total), names, missing_count
        )
        partial.update(dict.fromkeys(found.present, found))
    return partial


_INDEX = ".index.json"  # a shard index: the file it indexes, and this suffix


def _indexed_file(rel: str) -> str | None:
    """The file a shard index (`model.safetensors.index.json`) maps the tensors of, split in
    shards (`model-00001-of-00003.safetensors`...); None for any other file."""
    return rel[: -len(_INDEX)] if rel.lower().endswith(_INDEX) and len(rel) > len(_INDEX) else None


def _unaccompanied(
    indexes: Iterable[tuple[str, str]], paths: Iterable[str]
) -> tuple[tuple[str, str], ...]:
    """The shard indexes whose file is not listed, nor any shard of it: a download of the
    index alone (allow_patterns=["*.json"]), or of shards all cut short."""
    indexes = tuple(indexes)
    if not indexes:
        return ()
    listed: set[str] = set()
    for path in paths:
        match = _SHARD.fullmatch(path) if "-of-" in path else None
        listed.add(path if match is None else match["stem"] + match["suffix"])
    return tuple((index, label) for index, label in indexes if _indexed_file(index) not in listed)


@dataclass
class _Kept:
    """The best `limit` paths of one kind so far (least rank first): a heap with the worst kept
    on top, so a listing of any size costs one rank per path and memory for `limit` of them."""

    limit: int
    heap: list[tuple[tuple[int, ...], str]] = field(default_factory=list)

    def offer(self, rank: tuple[int, ...], path: str) -> None:
        entry = (tuple(-part for part in rank), path)  # negated: heapq keeps the least on top
        if len(self.heap) < self.limit:
            heappush(self.heap, entry)
        elif entry > self.heap[0]:
            heapreplace(self.heap, entry)

    def paths(self) -> tuple[str, ...]:
        return tuple(path for _, path in sorted(self.heap, reverse=True))


@dataclass
class _Tally:
    """The scan's accumulator (mutable while scanning; frozen into a ListingScan at the end)."""

    patterns: FilePatterns
    checkpoints: Checkpoints
    paths: dict[tuple[int, str], _Kept] = field(default_factory=dict)
    counts: dict[tuple[int, str], int] = field(default_factory=dict)
    by_name: dict[tuple[int, str], bool] = field(default_factory=dict)
    licence_files: list[tuple[str, LicenceFileRule]] = field(default_factory=list)
    top_level: dict[str, str] = field(default_factory=dict)
    entry_points: list[str] = field(default_factory=list)  # top-level run.py... no kind took
    entries: int = 0
    in_checkpoint: dict[tuple[str, ...], bool] = field(default_factory=dict)  # by directories
    vendored: frozenset[str] = frozenset()  # directories that are other repositories (paths)
    empty: frozenset[str] = frozenset()  # files known to hold 0 bytes
    emptied: dict[str, list[str]] = field(default_factory=dict)  # set aside as empty, by label
    partial: Mapping[str, PartialSeries] = field(default_factory=dict)  # shards of partial series
    set_aside: dict[PartialSeries, str] = field(default_factory=dict)  # series → kind's label
    indexes: list[tuple[str, str]] = field(default_factory=list)  # shard index, kind's label
    carded: set[str] = field(default_factory=set)  # directories below the top with a model card
    marked: dict[str, None] = field(default_factory=dict)  # … with weights, in listing order

    def add(self, path: str) -> None:
        parts = [part for part in path.split("/") if part]
        if not parts or any(part in self.patterns.skip_directories for part in parts[:-1]):
            return
        self.entries += 1
        name, lower = parts[-1], parts[-1].lower()
        directories = tuple(part.lower() for part in reversed(parts[:-1]))
        rel = "/".join(parts)
        if not directories:
            self.top_level.setdefault(lower, name)
        elif lower in self.patterns.card_names:
            self.carded.add("/".join(parts[:-1]))
        rule = self.patterns.licence_rule(lower, directories[0] if directories else "")
        if rule is not None:
            self.licence_files.append((rel, rule))
            if not rule.front_matter:  # a card is what it is too (a data card)
                return
        self._index(rel, lower, directories)
        found = self.patterns.classify(lower, directories)
        if found is not None:
            self._count(rel, directories, *found)
        elif self._entry_point(rel, lower, directories):
            self.entry_points.append(rel)

    def _index(self, rel: str, lower: str, directories: tuple[str, ...]) -> None:
        """A shard index of a file of a kind whose shards are not it alone (the weights)."""
        indexed = _indexed_file(lower)
        found = self.patterns.classify(indexed, directories) if indexed else None
        kind = self.patterns.kinds[found[0]] if found is not None else None
        if kind is not None and kind.shards_not_evidence:
            self.indexes.append((rel, kind.label))

    def _entry_point(self, rel: str, lower: str, directories: tuple[str, ...]) -> bool:
        """A top-level run.py or main.py (rules/detection.yaml `entry_points`); an empty one
        starts nothing, as an empty train.py trains nothing."""
        named = not directories and lower in self.patterns.entry_points.names
        return named and rel not in self.empty

    def _count(self, rel: str, directories: tuple[str, ...], index: int, by_name: bool) -> None:
        kind = self.patterns.kinds[index]
        if kind.release_s_own_only and self._not_the_release_s(rel, directories, kind):
            return
        if kind.empty_not_evidence and rel in self.empty:
            self.emptied.setdefault(kind.label, []).append(rel)
            return
        series = self.partial.get(rel) if kind.shards_not_evidence else None
        if series is not None:
            self.set_aside.setdefault(series, kind.label)
            return
        in_checkpoint = self.in_checkpoint.get(directories)
        if in_checkpoint is None:
            in_checkpoint = any(self.checkpoints.is_directory(d) for d in directories)
            self.in_checkpoint[directories] = in_checkpoint
        key = (index, kind.in_checkpoint if in_checkpoint else kind.component)
        if kind.marks_a_model and directories and not in_checkpoint:
            self.marked.setdefault(rel.rpartition("/")[0])
        self.counts[key] = self.counts.get(key, 0) + 1
        kept = self.paths.setdefault(key, _Kept(self.patterns.limits.max_files))
        kept.offer(self._rank(kind, rel), rel)
        self.by_name[key] = self.by_name.get(key, False) or by_name

    def _not_the_release_s(self, rel: str, directories: tuple[str, ...], kind: FileKind) -> bool:
        """Code under a vendored directory (by name), or under another repository (by path); a
        document under such a directory other than the release's documentation (docs/)."""
        skipped = (
            self.patterns.document_skip_directories
            if kind.document and not (kind.source_code or kind.vendored_not_evidence)
            else self.patterns.source_code_skip_directories
        )
        if not skipped.isdisjoint(directories):
            return True
        return bool(self.vendored) and any(
            directory in self.vendored for directory in ancestors(rel)
        )

    def _rank(self, kind: FileKind, rel: str) -> tuple[int, ...]:
        """Which paths of a kind are kept: code files by the citation order (a top-level
        train.py over a thousand examples/ listed before it), then every kind by the listing's
        order (which weights shard is kept means nothing)."""
        if not kind.source_code:
            return (self.entries,)
        return (*self.patterns.citation_order.rank_within(rel, kind.kind), self.entries)

    def frozen(self) -> ListingScan:
        matches = [
            FileMatch(
                self.patterns.kinds[index],
                component,
                self.paths[(index, component)].paths(),
                self.counts[(index, component)],
                self.by_name[(index, component)],
            )
            for index, component in sorted(self.counts)
        ]
        entry = self._entry_point_match(matches)
        if entry is not None:
            matches.append(entry)
        return ListingScan(
            cited_order(matches, self.patterns.citation_order),
            tuple(self.licence_files),
            dict(self.top_level),
            self.entries,
            self.patterns.limits.max_examples,
            tuple(
                (label, tuple(paths))
                for label, paths in self.emptied.items()
                if not _code_shown_otherwise(label, matches)
            ),
            tuple((label, series) for series, label in self.set_aside.items()),
            model_directories=tuple(d for d in self.marked if d in self.carded),
        )

    def frozen_with(self, paths: Iterable[str]) -> ListingScan:
        """The scan, with the shard indexes none of whose file is among `paths` (the listing)."""
        return replace(self.frozen(), unaccompanied=_unaccompanied(self.indexes, paths))

    def _entry_point_match(self, matches: list[FileMatch]) -> FileMatch | None:
        """The top-level run.py, main.py... as what the repository's other files say it runs."""
        if not self.entry_points:
            return None
        kind = self.patterns.entry_points.taken_for(m.kind.kind for m in matches)
        if kind is None:
            return None
        paths = tuple(self.entry_points[: self.patterns.limits.max_files])
        return FileMatch(kind, kind.component, paths, len(self.entry_points), True)


def cited_order(matches: Iterable[FileMatch], order: CitationOrder) -> tuple[FileMatch, ...]:
    """The matches with their code files in citation order: each match's paths, and the code
    matches among themselves (by their first path; the order of file_kinds among equals).
    Other kinds keep their place: which weights shard comes first means nothing."""
    kept = list(matches)
    code = [_paths_ordered(m, order) for m in kept if m.kind.source_code]
    ranked = iter(sorted(code, key=lambda m: order.rank(m.paths[0])))
    return tuple(next(ranked) if m.kind.source_code else m for m in kept)


def _paths_ordered(match: FileMatch, order: CitationOrder) -> FileMatch:
    ordered = sorted(match.paths, key=lambda path: order.rank_within(path, match.kind.kind))
    return replace(match, paths=tuple(ordered))


def scan_snapshot(snapshot: RepoSnapshot, rules: DetectionRules) -> ListingScan:
    """Classify a snapshot's listing (none: nothing found), its submodules set aside."""
    return scan_listing(
        snapshot.listing or (),
        rules.files,
        rules.checkpoints,
        frozenset(snapshot.submodules),
        snapshot.empty_files,
    )


def scan_listing(
    paths: Iterable[str],
    patterns: FilePatterns,
    checkpoints: Checkpoints,
    vendored: frozenset[str] = frozenset(),
    empty: frozenset[str] = frozenset(),
) -> ListingScan:
    """Classify a listing of repository paths ("/"-separated); nothing is read.  `vendored`:
    directories (paths) that are other repositories, whose code is not the release's; `empty`:
    files known to hold 0 bytes.  Shards of a file missing some of its shards are not it."""
    paths = tuple(paths)
    partial = partial_series(paths, patterns.limits.max_examples)
    tally = _Tally(patterns, checkpoints, vendored=vendored, empty=empty, partial=partial)
    for path in paths:
        tally.add(path)
    return tally.frozen_with(paths)


def file_observations(scan: ListingScan, source: str, listed_in: str = "") -> Iterator[Observation]:
    """One observation per kind of file found (a model config aside: it is read, not named).

    `listed_in` names the listing the paths come from (the Hub's ``siblings``), if not a walk.
    """
    for match in scan.matches:
        if match.kind.model_config:
            continue
        certainty = match.kind.certainty if match.by_name else Certainty.INFERRED
        first = match.paths[0]
        location = f"{listed_in}: {first}" if listed_in else first
        provenance = Provenance(
            source, location, match.kind.label, certainty, note=_more(match, scan.examples)
        )
        path = first if match.kind.licensed_by_file else None
        files = match.paths if match.kind.licensed_by_file else ()
        yield Observation(match.component, Presence.PRESENT, provenance, path, files=files)


def _code_shown_otherwise(label: str, matches: Sequence[FileMatch]) -> bool:
    """Whether other files show the code an empty one of its kind does not: then the empty one
    (a package's __init__.py) is not worth a note.  An empty weights file always is (a download
    that failed beside the others)."""
    return any(match.kind.label == label and match.kind.source_code for match in matches)


def empty_file_notes(scan: ListingScan, source: str) -> Iterator[Finding]:
    """A note for each kind of file set aside as empty (a 0-byte model.safetensors is no
    weights: rules/detection.yaml `empty_not_evidence`)."""
    for label, paths in scan.emptied:
        names = some_of(paths, scan.examples)
        said = (
            f"an empty file (0 bytes); {_not(label)}"
            if len(paths) == 1
            else f"{len(paths):,} empty files (0 bytes); none is {_one(label)}"
        )
        where = Provenance(source, paths[0], "", Certainty.DETECTED)
        yield Finding(FindingKind.NOTE, f"{names}: {said}", (where,))


def _one(label: str) -> str:
    """'a weights file', but 'training code' (code is not counted in ones)."""
    return label if label.endswith(" code") else f"a {label}"


def _not(label: str) -> str:
    return f"no {label}" if label.endswith(" code") else f"not {_one(label)}"


def partial_series_warnings(scan: ListingScan, source: str) -> Iterator[Finding]:
    """A warning for each file whose shards are not all listed (those listed are set aside),
    the first few alone and the rest together."""
    for label, series in scan.partial[: scan.examples]:
        missing = ", ".join(series.missing)
        if series.missing_count > len(series.missing):
            missing += f", +{series.missing_count - len(series.missing):,} more"
        message = (
            f"{some_of(series.present, scan.examples)}: {len(series.present):,} of "
            f"{series.total:,} shards; not listed: {missing} - the {label} is not whole without "
            "them"
        )
        where = Provenance(source, series.present[0], "", Certainty.DETECTED)
        yield Finding(FindingKind.WARNING, message, (where,))
    rest = scan.partial[scan.examples :]
    if rest:
        firsts = [series.present[0] for _, series in rest]
        labels = {label for label, _ in rest}
        what = f"a {rest[0][0]}" if len(labels) == 1 else "what its name says"
        message = (
            f"{some_of(firsts, scan.examples)}: {len(rest):,} more files whose shards are not all "
            f"listed; none is {what}"
        )
        where = Provenance(source, firsts[0], "", Certainty.DETECTED)
        yield Finding(FindingKind.WARNING, message, (where,))


def nested_models_warning(scan: ListingScan, source: str, files_root: str) -> Iterator[Finding]:
    """Two or more directories below the target that each hold a model card and weights are
    models of their own, judged here as one release (their weights and code counted
    together); said with the command that judges each apart where the files lie on disk
    (`files_root`, RepoSnapshot's: "" for a host's repository)."""
    found = scan.model_directories
    if len(found) < 2:
        return
    message = (
        f"{len(found):,} directories here each hold a model card and weights "
        f"({some_of([f'{d}/' for d in found], scan.examples)}): osai judges them as one release"
    )
    paths = [f"{files_root.rstrip('/')}/{d}" for d in found[: scan.examples]]
    # a command is given only where it can be copied: a name with a control character is shown
    # escaped, and the command would no longer name the directory
    if files_root and not any(CONTROL_CHARACTERS.search(path) for path in paths):
        # backquoted: the terminal filler keeps it on one line (parted at its blanks only when
        # longer than a line), so that a pasted copy is the whole command
        message += f"; to judge each apart: `osai check {' '.join(map(shlex.quote, paths))}`"
    where = Provenance(source, found[0], "", Certainty.DETECTED)
    # every verdict rests on it: said before them (Finding.misdirected)
    yield Finding(FindingKind.WARNING, message, (where,), misdirected=True)


def unaccompanied_index_warnings(scan: ListingScan, source: str) -> Iterator[Finding]:
    """A warning for each shard index none of whose shards is listed: the index alone was
    downloaded, and nothing said the weights it names are not there."""
    for index, label in scan.unaccompanied[: scan.examples]:
        indexed = index[: -len(_INDEX)]
        message = (
            f"{one_line(index, 100)}: the index of {_one(label)} split in shards, none of which "
            f"is listed (nor {one_line(indexed, 100)}) - the {label} is not here"
        )
        yield Finding(
            FindingKind.WARNING, message, (Provenance(source, index, "", Certainty.DETECTED),)
        )
    rest = scan.unaccompanied[scan.examples :]
    if rest:
        message = (
            f"{some_of([index for index, _ in rest], scan.examples)}: {len(rest):,} more shard "
            "indexes none of whose shards is listed"
        )
        where = Provenance(source, rest[0][0], "", Certainty.DETECTED)
        yield Finding(FindingKind.WARNING, message, (where,))


def _more(match: FileMatch, examples: int) -> str:
    if match.count == 1:
        return ""
    shown = ", ".join(match.paths[:examples])
    rest = f", and {match.count - examples} more" if match.count > examples else ""
    return f"{match.count} files: {shown}{rest}"


def has_architecture_code(scan: ListingScan, patterns: FilePatterns) -> bool:
    """Modelling code was found: it, not a config, is the architecture's evidence."""
    architecture = patterns.architecture
    return any(m.component == architecture and not m.kind.model_config for m in scan.matches)
