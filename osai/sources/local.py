"""The local source: a model directory (a Hub clone or a training repository), or one model card.

What it reads.  One walk of the directory matches every file name against rules/detection.yaml
(weights, configs, tokenizer files, modelling / training / evaluation / inference / data
preprocessing code, data cards, reports, evaluation results, licence files).  It opens only the few
files that matter: the model card, licence files (their head), config.json, CITATION.cff and a
manifest.  Weights are never opened.  Every fact carries its provenance (source "local", the
relative path, the line when there is one, detected or inferred).

Unknown is first-class.  A component nothing detects is UNKNOWN, not ABSENT: a directory is rarely
the whole release (the data may be on the Hub, the training code on GitHub), so not finding a file
is no evidence that it was withheld.  A component is ABSENT only on positive evidence: the card or a
manifest says it is not released, or rules/detection.yaml lists it under `absent_when_not_found`
(osai lists nothing there).

Licences.  A licence stated for one component (CITATION.cff's preferred-citation licence, the
library that implements a config's architecture) is that component's.  Otherwise a component found
in the directory inherits, in the order rules/detection.yaml `licence_inheritance` gives per content
type: a licence file that names it (LICENSE-MODEL...), the nearest repository licence file above it
(LICENSE, COPYING...), the card's `license:`.  So a top-level LICENSE covers the code found, and
the weights and documents too when the card says nothing else.  A licence file osai cannot identify
still decides, as "unknown".  Things the card only links to take no licence from the directory.  A
card licence id osai does not know (`other`, `unknown`) is read through the top-level licence file,
else through a licence the card's gating prompt names.  The components rules/detection.yaml
`release_licence_covers` lists (the weights) take the repository's licence even when they are not
in the directory; their presence stays unknown.

If the directory holds a manifest, the declared release and the detected one are merged
(osai.sources.merge): declared facts fill what detection leaves unknown; contradictions are
findings.

Bounds: .git, __pycache__, node_modules, .venv and the like are skipped; symlinks are never followed
into directories, and a symlinked file is read only if it resolves inside the directory; unreadable
files and directories become findings; files above a small size are never read.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from osai.errors import BadInput, RulesError
from osai.evidence import (
    Certainty,
    Finding,
    FindingKind,
    LicenceFact,
    Presence,
    Provenance,
    Release,
)
from osai.rules import RuleSet
from osai.sources.card import (
    CardEvidence,
    card_evidence,
    card_patterns,
    keywords,
    parse_card,
)
from osai.sources.compiled import compiled
from osai.sources.manifest import read_manifest
from osai.sources.merge import (
    LicenceFile,
    Observation,
    ancestors,
    assemble_components,
    directory_of,
    licence_context,
    merge_releases,
    normalised_licence,
    repository_licence,
)
from osai.yamlsafe import parse_yaml, read_text_file

SOURCE = "local"
_MAX_LICENCE_FILES_READ = 64


# --- compiled patterns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FileKind:
    """What a file name says a file is, and which component that is evidence for."""

    kind: str
    label: str
    component: str
    in_checkpoint: str
    certainty: Certainty
    extensions: frozenset[str] = frozenset()
    licensed_by_file: bool = True
    model_config: bool = False  # read, not just named: the architecture's library (config.json)


@dataclass(frozen=True)
class LicenceFileRule:
    covers: tuple[str, ...] | None
    fallback: bool = False


@dataclass(frozen=True)
class Limits:
    max_read_bytes: int
    licence_head_bytes: int
    max_entries: int
    max_depth: int
    max_examples: int


@dataclass(frozen=True)
class FilePatterns:
    """rules/detection.yaml compiled once: a file is classified by a few dict and regex lookups."""

    kinds: tuple[FileKind, ...]
    exact_names: Mapping[str, int]
    suffixes: Mapping[str, int]
    name_regex: re.Pattern[str] | None
    directory_kinds: Mapping[str, tuple[int, ...]]
    licence_rules: tuple[LicenceFileRule, ...]
    licence_regex: re.Pattern[str]
    checkpoint: re.Pattern[str]
    checkpoint_branch: re.Pattern[str]
    checkpoint_exclude: frozenset[str]
    checkpoint_component: str
    skip_directories: frozenset[str]
    card_names: tuple[str, ...]
    manifest_names: tuple[str, ...]
    manifest_keys: tuple[str, ...]
    citation_names: tuple[str, ...]
    limits: Limits

    def classify(self, name: str, directories: tuple[str, ...]) -> tuple[int, bool] | None:
        """A file's kind index (lower-case name; directories nearest first), and if by name."""
        index = self._by_name(name)
        if index is not None:
            return index, True
        index = self._by_directory(name, directories)
        return (index, False) if index is not None else None

    def _by_name(self, name: str) -> int | None:
        found = [self.exact_names.get(name)]
        dot = name.find(".")
        while dot != -1:
            found.append(self.suffixes.get(name[dot:]))
            dot = name.find(".", dot + 1)
        if self.name_regex is not None:
            match = self.name_regex.fullmatch(name)
            if match is not None and match.lastgroup is not None:
                found.append(int(match.lastgroup[1:]))
        return min((i for i in found if i is not None), default=None)

    def _by_directory(self, name: str, directories: tuple[str, ...]) -> int | None:
        extension = name.rsplit(".", 1)[-1] if "." in name else ""
        for directory in directories:
            for index in self.directory_kinds.get(directory, ()):
                if extension in self.kinds[index].extensions:
                    return index
        return None

    def licence_rule(self, name: str) -> LicenceFileRule | None:
        match = self.licence_regex.fullmatch(name)
        if match is None or match.lastgroup is None:
            return None
        return self.licence_rules[int(match.lastgroup[1:])]

    @property
    def architecture(self) -> str:
        """The component a model config (a `model_config` file kind) is evidence for."""
        return next((kind.component for kind in self.kinds if kind.model_config), "")

    def is_checkpoint(self, name: str) -> bool:
        return name not in self.checkpoint_exclude and bool(self.checkpoint.fullmatch(name))

    def is_checkpoint_branch(self, name: str) -> bool:
        """A Hub branch name: a checkpoint name, alone or qualified after - _ . or +
        (``step1000-tokens4B``)."""
        lower = name.lower()
        return lower not in self.checkpoint_exclude and bool(self.checkpoint_branch.match(lower))


def file_patterns(rules: RuleSet) -> FilePatterns:
    """The compiled file patterns of a rule set (compiled once per rule set)."""
    return compiled(rules, "file_kinds", _file_patterns)


def _file_patterns(rules: RuleSet) -> FilePatterns:
    return _compile_file_patterns(rules.detection, set(rules.components))


def _compile_file_patterns(detection: Mapping[str, Any], components: set[str]) -> FilePatterns:
    kinds = tuple(_file_kind(entry, components) for entry in detection["file_kinds"])
    exact, suffixes, regexes, directories = _name_tables(detection["file_kinds"])
    licence_entries = detection["licence_files"]
    limits = detection["limits"]
    checkpoints = detection["checkpoints"]
    return FilePatterns(
        kinds=kinds,
        exact_names=exact,
        suffixes=suffixes,
        name_regex=re.compile("|".join(regexes), re.DOTALL) if regexes else None,
        directory_kinds=directories,
        licence_rules=tuple(_licence_rule(entry, components) for entry in licence_entries),
        licence_regex=re.compile(
            "|".join(
                f"(?P<l{i}>{'|'.join(_glob(g) for g in e['names'])})"
                for i, e in enumerate(licence_entries)
            )
        ),
        checkpoint=re.compile(_alternatives(checkpoints["patterns"]), re.IGNORECASE),
        checkpoint_branch=re.compile(
            rf"(?:{_alternatives(checkpoints['patterns'])})(?:$|[-_.+])", re.IGNORECASE
        ),
        checkpoint_exclude=frozenset(n.lower() for n in checkpoints.get("exclude") or ()),
        checkpoint_component=_known(checkpoints["component"], components, "checkpoints"),
        skip_directories=frozenset(detection["skip_directories"]),
        card_names=tuple(n.lower() for n in detection["model_card"]["names"]),
        manifest_names=tuple(n.lower() for n in detection["manifests"]["names"]),
        manifest_keys=tuple(detection["manifests"]["required_keys"]),
        citation_names=tuple(n.lower() for n in (detection.get("citation") or {}).get("names", ())),
        limits=Limits(**{key: int(limits[key]) for key in Limits.__dataclass_fields__}),
    )


def _known(component: str, components: set[str], where: str) -> str:
    if component not in components:
        raise RulesError(f"rules/detection.yaml: {where}: unknown component '{component}'")
    return component


def _alternatives(patterns: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _file_kind(entry: Mapping[str, Any], components: set[str]) -> FileKind:
    for key in ("component", "in_checkpoint"):
        if entry.get(key) and entry[key] not in components:
            raise RulesError(
                f"rules/detection.yaml: file kind '{entry['kind']}': "
                f"unknown component '{entry[key]}'"
            )
    return FileKind(
        kind=entry["kind"],
        label=entry["label"],
        component=entry["component"],
        in_checkpoint=entry.get("in_checkpoint") or entry["component"],
        certainty=Certainty(entry["certainty"]),
        extensions=frozenset(e.lower() for e in entry.get("extensions") or ()),
        licensed_by_file=bool(entry.get("licensed_by_file", True)),
        model_config=bool(entry.get("model_config")),
    )


def _name_tables(
    entries: list[Mapping[str, Any]],
) -> tuple[dict[str, int], dict[str, int], list[str], dict[str, tuple[int, ...]]]:
    """Exact names and `*.suffix` globs to dicts; other globs to one regex; directories by name."""
    exact: dict[str, int] = {}
    suffixes: dict[str, int] = {}
    regexes: list[str] = []
    directories: dict[str, tuple[int, ...]] = {}
    for index, entry in enumerate(entries):
        complex_globs: list[str] = []
        for glob in _kind_globs(entry):
            if not _has_wildcard(glob):
                exact.setdefault(glob, index)
            elif glob.startswith("*.") and not _has_wildcard(glob[1:]):
                suffixes.setdefault(glob[1:], index)
            else:
                complex_globs.append(_glob(glob))
        if complex_globs:
            regexes.append(f"(?P<k{index}>{'|'.join(complex_globs)})")
        for directory in entry.get("directories") or ():
            key = directory.lower()
            directories[key] = (*directories.get(key, ()), index)
    return exact, suffixes, regexes, directories


def _kind_globs(entry: Mapping[str, Any]) -> Iterator[str]:
    yield from (name.lower() for name in entry.get("names") or ())
    for stem in entry.get("stems") or ():
        for extension in entry.get("extensions") or ():
            yield f"{stem}.{extension}".lower()


def _has_wildcard(glob: str) -> bool:
    return any(char in glob for char in "*?[")


def _glob(glob: str) -> str:
    """A file-name glob as a regex: * and ? never cross a directory separator."""
    parts = []
    for char in glob.lower():
        if char == "*":
            parts.append("[^/]*")
        elif char == "?":
            parts.append("[^/]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _licence_rule(entry: Mapping[str, Any], components: set[str]) -> LicenceFileRule:
    covers = entry["covers"]
    if covers == "repository":
        return LicenceFileRule(None, bool(entry.get("fallback")))
    unknown = sorted(set(covers) - components)
    if unknown:
        raise RulesError(f"rules/detection.yaml: licence_files: unknown component(s) {unknown}")
    return LicenceFileRule(tuple(covers), bool(entry.get("fallback")))


# --- the walk ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileMatch:
    """The files of one kind (for one component) found in a directory: a few paths and a count."""

    kind: FileKind
    component: str
    paths: tuple[str, ...]
    count: int
    by_name: bool


@dataclass(frozen=True)
class DirectoryScan:
    """What one walk found, before anything was read."""

    matches: tuple[FileMatch, ...]
    licence_files: tuple[tuple[str, LicenceFileRule], ...]
    top_level: Mapping[str, str]
    entries: int
    findings: tuple[Finding, ...] = ()


@dataclass
class _Walk:
    """The walk's accumulator (mutable while walking; frozen into a DirectoryScan at the end)."""

    patterns: FilePatterns
    paths: dict[tuple[int, str], list[str]] = field(default_factory=dict)
    counts: dict[tuple[int, str], int] = field(default_factory=dict)
    by_name: dict[tuple[int, str], bool] = field(default_factory=dict)
    licence_files: list[tuple[str, LicenceFileRule]] = field(default_factory=list)
    top_level: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    entries: int = 0
    too_deep: bool = False

    def add_file(
        self, name: str, rel: str, directories: tuple[str, ...], in_checkpoint: bool
    ) -> None:
        lower = name.lower()
        if not directories:
            self.top_level.setdefault(lower, name)
        rule = self.patterns.licence_rule(lower)
        if rule is not None:
            self.licence_files.append((rel, rule))
            return
        found = self.patterns.classify(lower, directories)
        if found is None:
            return
        index, by_name = found
        kind = self.patterns.kinds[index]
        key = (index, kind.in_checkpoint if in_checkpoint else kind.component)
        count = self.counts.get(key, 0)
        self.counts[key] = count + 1
        if count < self.patterns.limits.max_examples:
            self.paths.setdefault(key, []).append(rel)
        self.by_name[key] = self.by_name.get(key, False) or by_name

    def frozen(self) -> DirectoryScan:
        matches = tuple(
            FileMatch(
                self.patterns.kinds[index],
                component,
                tuple(self.paths[(index, component)]),
                self.counts[(index, component)],
                self.by_name[(index, component)],
            )
            for index, component in sorted(self.counts)
        )
        return DirectoryScan(
            matches,
            tuple(self.licence_files),
            dict(self.top_level),
            self.entries,
            tuple(self.findings),
        )


@dataclass(frozen=True)
class _Pending:
    """A directory still to walk: its path, relative path, names above it and checkpoint flag."""

    path: str
    rel: str
    directories: tuple[str, ...]
    in_checkpoint: bool


def scan_directory(root: Path, patterns: FilePatterns) -> DirectoryScan:
    """Walk a directory once (sorted, depth first, symlinks never followed) and match file names."""
    walk = _Walk(patterns)
    stack = [_Pending(str(root), "", (), False)]
    while stack:
        pending = stack.pop()
        subdirectories = _walk_one(walk, pending)
        if subdirectories is None:
            break
        stack.extend(reversed(subdirectories))
    return walk.frozen()


def scan_paths(paths: Iterable[str], patterns: FilePatterns) -> DirectoryScan:
    """Match a list of release paths ("/"-separated, e.g. a Hub repository's siblings) as a walk
    would match the same tree; nothing is read."""
    walk = _Walk(patterns)
    for rel in paths:
        parts = [part for part in rel.split("/") if part]
        if not parts or any(part in patterns.skip_directories for part in parts[:-1]):
            continue
        directories = tuple(part.lower() for part in reversed(parts[:-1]))
        in_checkpoint = any(patterns.is_checkpoint(name) for name in directories)
        walk.entries += 1
        walk.add_file(parts[-1], "/".join(parts), directories, in_checkpoint)
    return walk.frozen()


def _walk_one(walk: _Walk, pending: _Pending) -> list[_Pending] | None:
    """Match one directory's files; its subdirectories to walk, or None when the walk must stop."""
    limits = walk.patterns.limits
    try:
        with os.scandir(pending.path) as iterator:
            entries = sorted(iterator, key=lambda entry: entry.name)
    except OSError as exc:
        where = pending.rel or "."
        walk.findings.append(
            _finding(FindingKind.WARNING, f"{where}: cannot read directory ({exc.strerror})", where)
        )
        return []
    subdirectories: list[_Pending] = []
    for entry in entries:
        walk.entries += 1
        if walk.entries > limits.max_entries:
            message = f"stopped after {limits.max_entries:,} entries; the rest was not scanned"
            walk.findings.append(_finding(FindingKind.WARNING, message, pending.rel or "."))
            return None
        rel = f"{pending.rel}/{entry.name}" if pending.rel else entry.name
        if _is_directory(entry):
            child = _child(walk, pending, entry, rel)
            if child is not None:
                subdirectories.append(child)
            continue
        walk.add_file(entry.name, rel, pending.directories, pending.in_checkpoint)
    return subdirectories


def _is_directory(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _child(walk: _Walk, pending: _Pending, entry: os.DirEntry[str], rel: str) -> _Pending | None:
    patterns = walk.patterns
    if entry.name in patterns.skip_directories:
        return None
    if len(pending.directories) + 1 > patterns.limits.max_depth:
        if not walk.too_deep:
            message = f"{rel}: deeper than {patterns.limits.max_depth} levels; not scanned"
            walk.findings.append(_finding(FindingKind.WARNING, message, rel))
        walk.too_deep = True
        return None
    lower = entry.name.lower()
    in_checkpoint = pending.in_checkpoint or patterns.is_checkpoint(lower)
    return _Pending(entry.path, rel, (lower, *pending.directories), in_checkpoint)


# --- reading the few files that matter -----------------------------------------------------------


@dataclass(frozen=True)
class _Reader:
    """Reads small text files of the directory, turning every failure into a finding."""

    root: Path
    real_root: str
    max_bytes: int

    def text(self, rel: str, findings: list[Finding]) -> str | None:
        path = self.root / rel
        real = os.path.realpath(path)
        if real != self.real_root and not real.startswith(self.real_root + os.sep):
            message = f"{rel}: a symlink to outside the directory; not read"
            findings.append(_finding(FindingKind.NOTE, message, rel))
            return None
        try:
            return read_text_file(path, max_bytes=self.max_bytes)
        except BadInput as exc:
            findings.append(_finding(FindingKind.WARNING, f"{rel}: {reason(exc)}", rel))
            return None


def reason(exc: BadInput) -> str:
    """A BadInput's message without the path it starts with."""
    return str(exc).split(": ", 1)[-1]


@dataclass(frozen=True)
class LicenceMatch:
    """A licence identified in a licence file's head, and the line that identified it."""

    licence: str
    line: int
    how: str


@dataclass(frozen=True)
class LicencePatterns:
    spdx_identifier: re.Pattern[str]
    titles: tuple[tuple[re.Pattern[str], str], ...]
    head_bytes: int
    title_lines: int
    title_chars: int
    title_words: re.Pattern[str]


def licence_patterns(rules: RuleSet) -> LicencePatterns:
    """How licence files are identified (compiled once per rule set)."""
    return compiled(rules, "licence_titles", _licence_patterns)


def _licence_patterns(rules: RuleSet) -> LicencePatterns:
    detection = rules.detection
    head = detection["licence_head"]
    return LicencePatterns(
        re.compile(detection["spdx_identifier"], re.IGNORECASE | re.MULTILINE),
        tuple(
            (re.compile(t["pattern"], re.IGNORECASE | re.MULTILINE), t["licence"])
            for t in detection["licence_titles"]
        ),
        int(detection["limits"]["licence_head_bytes"]),
        int(head["lines"]),
        int(head["chars"]),
        keywords(head["title_words"]).include,
    )


def identify_licence(text: str, patterns: LicencePatterns) -> LicenceMatch | None:
    """Which licence a licence file is: an SPDX-License-Identifier in its first bytes, or the
    licence's title at its very head (rules/detection.yaml `licence_head`), with no title osai
    does not recognise before it."""
    head = text[: patterns.head_bytes]
    match = patterns.spdx_identifier.search(head)
    if match is not None and match["expression"].strip():
        return LicenceMatch(
            match["expression"].strip(), _line_at(head, match.start()), "SPDX-License-Identifier"
        )
    title = _first_title(head, patterns)
    if title is None or _unrecognised_title(head[: title[0]], patterns.title_words):
        return None
    return LicenceMatch(title[1], _line_at(head, title[0]), "the licence's own title")


def _first_title(head: str, patterns: LicencePatterns) -> tuple[int, str] | None:
    """The title that starts first in the head (the first listed at the same place)."""
    end = _title_head_end(head, patterns)
    found = [
        (match.start(), order, licence)
        for order, (regex, licence) in enumerate(patterns.titles)
        if (match := regex.search(head)) is not None and match.start() < end
    ]
    if not found:
        return None
    start, _, licence = min(found)
    return start, licence


def _title_head_end(text: str, patterns: LicencePatterns) -> int:
    """Where the head ends: after `title_lines` non-blank lines, or `title_chars` characters
    from the first non-blank character."""
    start = len(text) - len(text.lstrip())
    offset, seen = 0, 0
    for line in text.splitlines(keepends=True):
        offset += len(line)
        seen += bool(line.strip())
        if seen >= patterns.title_lines:
            break
    return min(offset, start + patterns.title_chars)


def _unrecognised_title(before: str, title_words: re.Pattern[str]) -> bool:
    """A line before the title names a licence (a title word and other words besides)."""
    return any(
        title_words.search(line) and re.search(r"[^\W_]", title_words.sub("", line))
        for line in before.splitlines()
    )


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# --- from a scan to a release --------------------------------------------------------------------


def read_directory(path: Path, rules: RuleSet) -> Release:
    """Scan a model directory into a Release (merged with its manifest, if it has one)."""
    root = _existing_directory(path)
    patterns = file_patterns(rules)
    scan = scan_directory(root, patterns)
    reader = _Reader(root, os.path.realpath(root), patterns.limits.max_read_bytes)
    detected = _detected_release(path, root, scan, reader, rules)
    manifest = _manifest_path(scan, reader, patterns)
    if manifest is None:
        return detected
    declared = read_manifest(root / manifest, rules)
    return merge_releases(declared, detected, rules)


def read_card_file(path: Path, rules: RuleSet) -> Release:
    """A model card alone, judged for what a card can show: the rest stays unknown."""
    text = read_text_file(path, max_bytes=file_patterns(rules).limits.max_read_bytes)
    card = parse_card(text, card_patterns(rules), name=path.name)
    evidence = card_evidence(card, path.name, SOURCE, rules)
    licence = repository_licence(evidence.licence, None, evidence.named_licence, rules.licences)
    context = licence_context(rules, licence, card_unsettled=bool(evidence.unsettled_licences))
    components, conflicts = assemble_components(evidence.observations, rules, context)
    return Release(
        target=str(path),
        source=SOURCE,
        name=path.resolve().parent.name,
        components=components,
        facts=evidence.facts,
        findings=(*evidence.findings, *conflicts),
        document=str(path),
    )


def _existing_directory(path: Path) -> Path:
    if not path.exists():
        raise BadInput(f"{path}: no such directory")
    if not path.is_dir():
        raise BadInput(f"{path}: not a directory")
    return path


def _detected_release(
    target: Path, root: Path, scan: DirectoryScan, reader: _Reader, rules: RuleSet
) -> Release:
    findings: list[Finding] = list(scan.findings)
    card = _card(scan, reader, rules, findings)
    observations = [
        *file_observations(scan),
        *_config_observations(scan, reader, rules, findings),
        *_citation_observations(scan, reader, rules, findings),
        *card.observations,
    ]
    licence_files = _licence_files(scan, reader, rules, observations, findings)
    card_licence = _card_licence(card, licence_files, rules, findings)
    context = licence_context(
        rules, card_licence, licence_files, card_unsettled=bool(card.unsettled_licences)
    )
    components, conflicts = assemble_components(observations, rules, context)
    return Release(
        target=str(target),
        source=SOURCE,
        name=root.resolve().name,
        components=components,
        facts=card.facts,
        findings=(*findings, *card.findings, *conflicts),
    )


def file_observations(
    scan: DirectoryScan, source: str = SOURCE, listed_in: str = ""
) -> Iterator[Observation]:
    """One observation per kind of file found (config.json aside: it is read, not just named).

    `listed_in` names the listing the paths come from (the Hub's ``siblings``), if not a walk.
    """
    for match in scan.matches:
        if match.kind.model_config:
            continue
        certainty = match.kind.certainty if match.by_name else Certainty.INFERRED
        first = match.paths[0]
        location = f"{listed_in}: {first}" if listed_in else first
        provenance = Provenance(source, location, match.kind.label, certainty, note=_more(match))
        path = first if match.kind.licensed_by_file else None
        yield Observation(match.component, Presence.PRESENT, provenance, path)


def _more(match: FileMatch) -> str:
    if match.count == 1:
        return ""
    shown = ", ".join(match.paths)
    rest = f", and {match.count - len(match.paths)} more" if match.count > len(match.paths) else ""
    return f"{match.count} files: {shown}{rest}"


def _top_level(scan: DirectoryScan, names: Iterable[str]) -> str | None:
    return next((scan.top_level[name] for name in names if name in scan.top_level), None)


def _card(
    scan: DirectoryScan, reader: _Reader, rules: RuleSet, findings: list[Finding]
) -> CardEvidence:
    name = _top_level(scan, file_patterns(rules).card_names)
    if name is None:
        return CardEvidence()
    text = reader.text(name, findings)
    if text is None:
        return CardEvidence()
    card = parse_card(text, card_patterns(rules), name=name)
    return card_evidence(card, name, SOURCE, rules)


def _config_observations(
    scan: DirectoryScan, reader: _Reader, rules: RuleSet, findings: list[Finding]
) -> Iterator[Observation]:
    """config.json: the library that implements the architecture, or the code shipped with it."""
    configs = [m for m in scan.matches if m.kind.model_config]
    if not configs or has_architecture_code(scan, rules):
        return
    rel = min((p for m in configs for p in m.paths), key=lambda p: (p.count("/"), p))
    config = _json_object(reader, rel, findings)
    if config is None:
        return
    library = architecture_library(rules, config)
    seen = Provenance(SOURCE, rel, architecture_name(config), Certainty.INFERRED)
    yield from architecture_observations(
        file_patterns(rules).architecture, config, library, seen, rel
    )


def architecture_library(
    rules: RuleSet, config: Mapping[str, Any], library_name: str | None = None
) -> Mapping[str, Any] | None:
    """The library (rules/detection.yaml `architecture_libraries`) whose code implements a
    config's architecture: the one `library_name` names (the Hub's), else the one whose keys
    the config has; never when the config ships its own code (`unless_keys`)."""
    libraries: list[Mapping[str, Any]] = rules.detection.get("architecture_libraries") or []
    for library in libraries:
        if library_name is not None:
            chosen = library["library"] == library_name
        else:
            chosen = all(key in config for key in library["requires_keys"])
        if chosen and not any(key in config for key in library.get("unless_keys") or ()):
            return library
    return None


def has_architecture_code(scan: DirectoryScan, rules: RuleSet) -> bool:
    """Modelling code was found: it, not a config, is the architecture's evidence."""
    architecture = file_patterns(rules).architecture
    return any(m.component == architecture and not m.kind.model_config for m in scan.matches)


def architecture_observations(
    architecture: str,
    config: Mapping[str, Any],
    library: Mapping[str, Any] | None,
    seen: Provenance,
    path: str,
    licence_location: str = "",
) -> Iterator[Observation]:
    """What a model config says of the architecture's code: it ships in a library (under the
    library's licence; rules/detection.yaml `architecture_libraries`), or with the model
    (``auto_map``); `seen` is where the config was read, with `seen.note` saying why if needed.
    `architecture` is the component (FilePatterns.architecture)."""
    if library is not None:
        location = licence_location or seen.location
        yield _library_observation(architecture, library, seen, location)
    elif "auto_map" in config:
        note = "auto_map: the architecture's code ships with the model"
        yield Observation(architecture, Presence.PRESENT, replace(seen, note=note), path)


def _library_observation(
    architecture: str, library: Mapping[str, Any], seen: Provenance, licence_location: str
) -> Observation:
    name = str(library["library"])
    ships = f"the architecture's code ships in the {name} library"
    provenance = replace(seen, note=f"{seen.note}: {ships}" if seen.note else ships)
    url = str(library.get("url") or "")
    licence_note = f"the {name} library's licence" + (f" ({url})" if url else "")
    licence = LicenceFact(
        str(library["licence"]),
        replace(
            seen,
            location=licence_location,
            value=f"{name}: {library['licence']}",
            note=licence_note,
        ),
        inherited_from=f"the {name} library",
    )
    return Observation(architecture, Presence.PRESENT, provenance, None, licence)


def architecture_name(config: Mapping[str, Any]) -> str:
    """The architecture a model config names: its classes and model type."""
    architectures = config.get("architectures")
    names = ", ".join(str(a) for a in architectures) if isinstance(architectures, list) else ""
    model_type = config.get("model_type")
    if names and model_type:
        return f"{names} (model_type {model_type})"
    return names or (f"model_type {model_type}" if model_type else "model configuration")


def _json_object(reader: _Reader, rel: str, findings: list[Finding]) -> dict[str, Any] | None:
    text = reader.text(rel, findings)
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError as exc:
        findings.append(_finding(FindingKind.WARNING, f"{rel}: not valid JSON ({exc})", rel))
        return None
    if not isinstance(value, dict):
        findings.append(_finding(FindingKind.WARNING, f"{rel}: not a JSON object", rel))
        return None
    return value


def _citation_observations(
    scan: DirectoryScan, reader: _Reader, rules: RuleSet, findings: list[Finding]
) -> Iterator[Observation]:
    """CITATION.cff: its preferred citation, if a paper or a report, and that work's licence."""
    name = _top_level(scan, file_patterns(rules).citation_names)
    if name is None:
        return
    text = reader.text(name, findings)
    if text is None:
        return
    try:
        document = parse_yaml(text, Path(name))
    except BadInput as exc:
        findings.append(_finding(FindingKind.WARNING, f"{name}: {reason(exc)}", name))
        return
    data = document.data if isinstance(document.data, dict) else {}
    cited = data.get("preferred-citation")
    by_type: Mapping[str, str] = (rules.detection.get("citation") or {}).get(
        "component_by_type", {}
    )
    if not isinstance(cited, dict) or str(cited.get("type")) not in by_type:
        return
    line = document.line_of("preferred-citation")
    value = _citation_value(cited)
    provenance = Provenance(
        SOURCE, name, value, Certainty.DETECTED, line, "CITATION.cff preferred-citation"
    )
    licence = _citation_licence(cited, name, document.line_of("preferred-citation", "license"))
    yield Observation(by_type[str(cited["type"])], Presence.PRESENT, provenance, None, licence)


def _citation_value(cited: Mapping[str, Any]) -> str:
    title = str(cited.get("title") or "").strip()
    where = cited.get("doi") or cited.get("url") or ""
    return f"{title} ({where})" if title and where else title or str(where) or str(cited["type"])


def _citation_licence(cited: Mapping[str, Any], name: str, line: int | None) -> LicenceFact | None:
    licence = cited.get("license")
    if isinstance(licence, list):
        licence = " AND ".join(str(item) for item in licence)
    if not isinstance(licence, str) or not licence.strip():
        return None
    note = "the licence CITATION.cff gives the cited work"
    return LicenceFact(
        licence.strip(), Provenance(SOURCE, name, licence.strip(), Certainty.DETECTED, line, note)
    )


def _licence_files(
    scan: DirectoryScan,
    reader: _Reader,
    rules: RuleSet,
    observations: list[Observation],
    findings: list[Finding],
) -> tuple[LicenceFile, ...]:
    """Read the licence files that can cover something found (their head), top level first."""
    wanted = {""} | {d for o in observations if o.path is not None for d in ancestors(o.path)}
    patterns = licence_patterns(rules)
    candidates = sorted(
        (item for item in scan.licence_files if directory_of(item[0]) in wanted),
        key=lambda item: (item[0].count("/"), item[0]),
    )
    files = []
    for rel, rule in candidates[:_MAX_LICENCE_FILES_READ]:
        files.append(
            LicenceFile(
                rel, rule.covers, _read_licence(reader, rel, patterns, findings), rule.fallback
            )
        )
    return tuple(files)


def _read_licence(
    reader: _Reader, rel: str, patterns: LicencePatterns, findings: list[Finding]
) -> LicenceFact | None:
    text = reader.text(rel, findings)
    return None if text is None else licence_of_file(rel, text, patterns, SOURCE, findings)


def licence_of_file(
    rel: str, text: str, patterns: LicencePatterns, source: str, findings: list[Finding]
) -> LicenceFact | None:
    """A licence file's licence, identified from its head; a NOTE finding when it is not."""
    match = identify_licence(text, patterns)
    if match is None:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        message = (
            f"{rel}: licence not identified (first line: '{first[:80]}'); "
            "what it covers has an unknown licence"
        )
        where = Provenance(source, rel, certainty=Certainty.DETECTED)
        findings.append(Finding(FindingKind.NOTE, message, (where,)))
        return None
    provenance = Provenance(
        source, rel, match.licence, Certainty.DETECTED, match.line, f"identified by {match.how}"
    )
    return LicenceFact(match.licence, provenance)


def _card_licence(
    card: CardEvidence,
    licence_files: tuple[LicenceFile, ...],
    rules: RuleSet,
    findings: list[Finding],
) -> LicenceFact | None:
    """The repository's licence (osai.sources.merge.repository_licence): the card's id, else the
    top-level licence file's, else one the gating prompt names.  A card licence that contradicts
    the top-level licence file is a warning."""
    top = next(
        (f for f in licence_files if f.covers is None and not f.directory and not f.fallback), None
    )
    # A silent card is not replaced by the top-level file: files inherit from their nearest one.
    top_licence = top.licence if top is not None and card.licence is not None else None
    licence = repository_licence(card.licence, top_licence, card.named_licence, rules.licences)
    if licence is None or top is None or top.licence is None or licence is not card.licence:
        return licence
    knowledge = rules.licences
    if normalised_licence(licence.text, knowledge) != normalised_licence(
        top.licence.text, knowledge
    ):
        message = (
            f"{licence.provenance.location} says license '{licence.text}' but {top.path} is "
            f"{top.licence.text}: weights and documents take the card's licence, code takes "
            f"{top.path}"
        )
        provenance = (licence.provenance, top.licence.provenance)
        findings.append(Finding(FindingKind.WARNING, message, provenance))
    return licence


def _manifest_path(scan: DirectoryScan, reader: _Reader, patterns: FilePatterns) -> str | None:
    """The first top-level file with a manifest's name whose top level has the manifest's keys.

    A file that cannot be read or parsed is not taken for a manifest (a `model.yml` may be a
    training config); read_manifest reports a real manifest's problems.
    """
    for name in patterns.manifest_names:
        actual = scan.top_level.get(name)
        if actual is None:
            continue
        text = reader.text(actual, [])
        if text is None:
            continue
        try:
            data = parse_yaml(text, Path(actual)).data
        except BadInput:
            continue
        if isinstance(data, dict) and all(key in data for key in patterns.manifest_keys):
            return actual
    return None


def _finding(kind: FindingKind, message: str, location: str) -> Finding:
    return Finding(kind, message, (Provenance(SOURCE, location, certainty=Certainty.DETECTED),))


__all__ = [
    "SOURCE",
    "DirectoryScan",
    "FileKind",
    "FileMatch",
    "FilePatterns",
    "LicenceFileRule",
    "LicenceMatch",
    "LicencePatterns",
    "architecture_library",
    "architecture_name",
    "architecture_observations",
    "file_observations",
    "file_patterns",
    "has_architecture_code",
    "identify_licence",
    "licence_of_file",
    "licence_patterns",
    "read_card_file",
    "read_directory",
    "reason",
    "scan_directory",
    "scan_paths",
]
