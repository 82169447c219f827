"""rules/detection.yaml's file patterns, compiled: what a file is by its name and place.

A file is classified by a few dict and regex lookups (exact names and `*.suffix` globs in dicts,
other globs in one regex), so classifying a listing of 100,000 paths stays cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from osai.detection.words import alternatives, word_regex
from osai.errors import BadInput
from osai.evidence import Certainty
from osai.yamlsafe import parse_yaml


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
    source_code: bool = False  # not counted under FilePatterns.source_code_skip_directories
    states_fact: str = ""  # a fact the file states when read (a model config: the architecture)
    empty_not_evidence: bool = False  # a file of the kind known to hold 0 bytes shows nothing
    # a shard of a file some of whose shards are not listed is not the file (the weights)
    shards_not_evidence: bool = False
    # not counted where source code is not (a test fixture's or a vendored library's weights)
    vendored_not_evidence: bool = False
    # a document: not counted where source code is not, but under the release's own docs/
    document: bool = False
    # beside a model card, the mark of a model's own directory (a monorepo's models/a)
    marks_a_model: bool = False
    # lower-case directory names: a file with one of them above it is not of the kind (a page
    # under scripts/data/ documents the scripts, not the data)
    not_under: frozenset[str] = frozenset()

    def fits(self, directories: Iterable[str]) -> bool:
        """Whether a file with these lower-case directories above it may be of the kind."""
        return self.not_under.isdisjoint(directories)

    @property
    def release_s_own_only(self) -> bool:
        """Files of the kind under a vendored directory or a submodule are someone else's."""
        return self.source_code or self.vendored_not_evidence or self.document


@dataclass(frozen=True)
class EntryPointRule:
    """What a repository's entry point is taken for (`kind`: its component, label and
    certainty) when the repository shows files of one of the kinds `shown_by`."""

    kind: FileKind
    shown_by: frozenset[str]


@dataclass(frozen=True)
class EntryPoints:
    """Scripts at a repository's top named only for running something (run.py, main.py): the
    repository's other files say what they run."""

    names: frozenset[str] = frozenset()  # lower-case file names
    rules: tuple[EntryPointRule, ...] = ()

    def taken_for(self, kinds_shown: Iterable[str]) -> FileKind | None:
        """The first rule's kind whose `shown_by` the repository shows; None: not evidence."""
        shown = frozenset(kinds_shown)
        return next((r.kind for r in self.rules if not r.shown_by.isdisjoint(shown)), None)


@dataclass(frozen=True)
class CitationOrder:
    """Which of a component's code files is cited first: outside `later` words, then the
    shallowest, then a name its kind lists `earlier` (rules/detection.yaml `citation_order`)."""

    later: re.Pattern[str] | None = None
    earlier: Mapping[str, re.Pattern[str]] = field(default_factory=dict)  # by file kind

    def rank(self, path: str) -> tuple[bool, int]:
        """Among kinds (a component's matches, by their first file): `later`, then depth."""
        return self.later is not None and bool(self.later.search(path)), path.count("/")

    def rank_within(self, path: str, kind: str) -> tuple[bool, int, bool]:
        """Among one kind's files: as `rank`, then the kind's `earlier` names first."""
        preferred = self.earlier.get(kind)
        stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
        return *self.rank(path), not (preferred and preferred.fullmatch(stem))


@dataclass(frozen=True)
class LicenceFileRule:
    """What a licence file covers: components, or the whole repository (None).  `held`: it lies
    in a licence directory (LICENSES/), and covers the directory above; `named`: its name is the
    SPDX id of its text (rules/detection.yaml `licence_directories`)."""

    covers: tuple[str, ...] | None
    fallback: bool = False
    held: bool = False
    named: bool = False
    # a card below the top level: its front matter's `license:` is the licence, and one
    # without any is no licence file (rules/detection.yaml `front_matter`)
    front_matter: bool = False


@dataclass(frozen=True)
class Limits:
    max_read_bytes: int
    licence_head_bytes: int
    max_entries: int
    max_depth: int
    max_examples: int
    max_files: int
    max_hashed_bytes: int


@dataclass(frozen=True)
class Checkpoints:
    """Intermediate checkpoints: directory and Hub branch names, and card phrases about them."""

    directory: re.Pattern[str]
    branch: re.Pattern[str]
    exclude: frozenset[str]
    component: str
    card_hint: re.Pattern[str]

    def is_directory(self, name: str) -> bool:
        return name not in self.exclude and bool(self.directory.fullmatch(name))

    def is_branch(self, name: str) -> bool:
        """A checkpoint name, alone or qualified after - _ . or + (``step1000-tokens4B``)."""
        lower = name.lower()
        return lower not in self.exclude and bool(self.branch.match(lower))


@dataclass(frozen=True)
class NameTable:
    """File-name globs, compiled: exact names and `*.suffix` globs in dicts, other globs in
    regexes (group `k<index>`); each gives the index of the first kind whose glob matches.  A
    glob ending in a literal extension (`*_config.json`) is tried only on names of that
    extension (`by_extension`), the others (`train*`) on every name (`regex`): one regex of all
    of them took 6 µs a name, as long as opening the file, in a listing of 100,000."""

    exact: Mapping[str, int] = field(default_factory=dict)
    suffixes: Mapping[str, int] = field(default_factory=dict)
    regex: re.Pattern[str] | None = None
    by_extension: Mapping[str, re.Pattern[str]] = field(default_factory=dict)

    def index(self, name: str) -> int | None:
        """The least kind index matching this lower-case name; None when none does."""
        found = [self.exact.get(name)]
        dot = name.find(".")
        while dot != -1:
            found.append(self.suffixes.get(name[dot:]))
            dot = name.find(".", dot + 1)
        extension = name.rpartition(".")[2] if "." in name else None
        for regex in (self.regex, self.by_extension.get(extension) if extension else None):
            match = regex.fullmatch(name) if regex is not None else None
            if match is not None and match.lastgroup is not None:
                found.append(int(match.lastgroup[1:]))
        return min((i for i in found if i is not None), default=None)


@dataclass(frozen=True)
class FilePatterns:
    """File kinds, licence files and the few names read (card, manifest, citation)."""

    kinds: tuple[FileKind, ...]
    names: NameTable
    directory_kinds: Mapping[str, tuple[int, ...]]
    licence_rules: tuple[LicenceFileRule, ...]
    licence_regex: re.Pattern[str]
    skip_directories: frozenset[str]
    source_code_skip_directories: frozenset[str]
    # source_code_skip_directories but the release's documentation (docs/): where a document is
    # a test's or someone else's
    document_skip_directories: frozenset[str]
    card_names: tuple[str, ...]
    manifest_names: tuple[str, ...]
    manifest_keys: tuple[str, ...]
    always_manifests: frozenset[str]  # names always meant as manifests (osai.yaml...)
    citation_names: tuple[str, ...]
    limits: Limits
    entry_points: EntryPoints = EntryPoints()
    citation_order: CitationOrder = CitationOrder()
    # A PEFT adapter's config (lower-case names) and its field naming the base model
    adapter_config_names: tuple[str, ...] = ()
    adapter_base_field: str = ""
    adapter_fact: str = ""  # the fact what it names states (rules/components.yaml)
    # A merge's recipe (lower-case names), where in it a merged model is named (each path a
    # tuple of keys, a key ending "[]" naming a list's every item), and what joins two in a name
    merge_config_names: tuple[str, ...] = ()
    merge_model_paths: tuple[tuple[str, ...], ...] = ()
    merge_models_joined_by: str = ""
    merge_fact: str = ""  # the fact the models a recipe names state (rules/components.yaml)
    not_evidence: re.Pattern[str] | None = None  # names that are evidence of no component
    # The names of the `empty_not_evidence` kinds (None: any name, a kind found by directory).
    sized_names: NameTable | None = NameTable()
    # Licence directories by lower-case name → whether their files are named by their licence.
    licence_directories: Mapping[str, bool] = field(default_factory=dict)

    def classify(self, name: str, directories: tuple[str, ...]) -> tuple[int, bool] | None:
        """A file's kind index (lower-case name; directories nearest first), and if by name.  A
        name that is evidence of nothing (rules/detection.yaml `not_evidence`) is no kind by
        its name, only by its directory (eval/test_mmlu.py is evaluation code); nor is a kind
        with one of its `not_under` directories above the file (scripts/data/README.md)."""
        if self.not_evidence is None or not self.not_evidence.fullmatch(name):
            index = self.names.index(name)
            if index is not None and self.kinds[index].fits(directories):
                return index, True
        index = self._by_directory(name, directories)
        return (index, False) if index is not None else None

    @cached_property
    def names_read(self) -> frozenset[str]:
        """The lower-case file names read for what they say wherever no kind takes them: the
        card, a manifest, an adapter's config, CITATION.cff."""
        return frozenset(
            (
                *self.card_names,
                *self.manifest_names,
                *self.always_manifests,
                *self.adapter_config_names,
                *self.citation_names,
            )
        )

    def may_be_evidence(self, name: str, directories: tuple[str, ...]) -> bool:
        """Whether a file (lower-case name; directories nearest first) may be read or counted as
        the model's evidence: a name read, a licence file, or a file of a kind.  Any other file
        is listed and never opened: a walk asks before it opens one to tell what it is."""
        return (
            name in self.names_read
            or self.licence_rule(name, directories[0] if directories else "") is not None
            or self.classify(name, directories) is not None
        )

    def size_matters(self, name: str) -> bool:
        """Whether a file of this lower-case name may be of a kind an empty file is no evidence
        for: a walk asks its size only then (a stat per file of a large tree costs)."""
        return self.sized_names is None or self.sized_names.index(name) is not None

    def _by_directory(self, name: str, directories: tuple[str, ...]) -> int | None:
        extension = name.rsplit(".", 1)[-1] if "." in name else ""
        for directory in directories:
            for index in self.directory_kinds.get(directory, ()):
                kind = self.kinds[index]
                if extension in kind.extensions and kind.fits(directories):
                    return index
        return None

    def is_manifest(self, name: str, text: str, *, every_key: bool = True) -> bool:
        """A file (lower-case name, and its text) meant as a manifest: one of osai's own names,
        or YAML whose top level has the manifest's keys (all of them; `every_key` False: any,
        a manifest however incomplete, which `osai check` will say how to mend)."""
        if name in self.always_manifests:
            return True
        try:
            data = parse_yaml(text, Path(name)).data
        except BadInput:
            return False
        held = all if every_key else any
        return isinstance(data, dict) and held(key in data for key in self.manifest_keys)

    def licence_rule(self, name: str, directory: str = "") -> LicenceFileRule | None:
        """The rule of a licence file, by its lower-case file name and the lower-case name of
        the directory it is in; None if it is none.  Any file of a licence directory is one."""
        match = self.licence_regex.fullmatch(name)
        rule = None
        if match is not None and match.lastgroup is not None:
            rule = self.licence_rules[int(match.lastgroup[1:])]
        if rule is not None and rule.front_matter and not directory:
            return None  # the top level's card is the model card
        named = self.licence_directories.get(directory)
        if named is None:
            return rule
        if named or rule is None or rule.front_matter:  # a REUSE name is a licence's
            return LicenceFileRule(None, held=True, named=named)
        return replace(rule, held=True)

    def licence_rule_at(self, path: str) -> LicenceFileRule | None:
        """The rule of a licence file by its path ("/"-separated, any case): the one door, for
        a file of a licence directory (LICENSES/MIT.txt) is one by where it lies, not its name."""
        parts = path.lower().rsplit("/", 2)
        return self.licence_rule(parts[-1], parts[-2] if len(parts) > 1 else "")

    @property
    def architecture(self) -> str:
        """The component a model config (a `model_config` file kind) is evidence for."""
        return next((kind.component for kind in self.kinds if kind.model_config), "")

    @property
    def config_fact(self) -> str:
        """The fact a model config states when read ("" when none)."""
        return next((kind.states_fact for kind in self.kinds if kind.model_config), "")


def compile_files(detection: Mapping[str, Any]) -> FilePatterns:
    kinds = tuple(_file_kind(entry) for entry in detection["file_kinds"])
    names, directories = _name_tables(detection["file_kinds"])
    sized = [entry for entry in detection["file_kinds"] if entry.get("empty_not_evidence")]
    licence_entries = detection["licence_files"]
    limits = detection["limits"]
    adapter = detection.get("adapter_config") or {}
    merge = detection.get("merge_config") or {}
    return FilePatterns(
        kinds=kinds,
        names=names,
        directory_kinds=directories,
        licence_rules=tuple(_licence_rule(entry) for entry in licence_entries),
        licence_regex=re.compile(
            "|".join(
                f"(?P<l{i}>{'|'.join(glob_regex(g) for g in e['names'])})"
                for i, e in enumerate(licence_entries)
            )
        ),
        skip_directories=frozenset(detection["skip_directories"]),
        licence_directories={
            name.lower(): bool(entry.get("named_by_licence"))
            for entry in detection.get("licence_directories") or ()
            for name in entry["names"]
        },
        source_code_skip_directories=frozenset(
            d.lower() for d in detection["source_code_skip_directories"]
        ),
        document_skip_directories=frozenset(
            d.lower() for d in detection["source_code_skip_directories"]
        )
        - frozenset(d.lower() for d in detection.get("documentation_directories") or ()),
        card_names=tuple(n.lower() for n in detection["model_card"]["names"]),
        manifest_names=tuple(n.lower() for n in detection["manifests"]["names"]),
        manifest_keys=tuple(detection["manifests"]["required_keys"]),
        always_manifests=frozenset(
            n.lower() for n in detection["manifests"].get("always_manifests", ())
        ),
        citation_names=tuple(n.lower() for n in (detection.get("citation") or {}).get("names", ())),
        limits=Limits(**{key: int(limits[key]) for key in Limits.__dataclass_fields__}),
        entry_points=_entry_points(detection.get("entry_points")),
        citation_order=_citation_order(detection.get("citation_order")),
        adapter_config_names=tuple(n.lower() for n in adapter.get("names", ())),
        adapter_base_field=str(adapter.get("base_field", "")),
        adapter_fact=str(adapter.get("states_fact", "")),
        merge_config_names=tuple(n.lower() for n in merge.get("names", ())),
        merge_model_paths=tuple(tuple(p.split(".")) for p in merge.get("model_paths", ())),
        merge_models_joined_by=str(merge.get("joined_by", "")),
        merge_fact=str(merge.get("states_fact", "")),
        not_evidence=globs_regex(detection["not_evidence"])
        if detection.get("not_evidence")
        else None,
        sized_names=None if any(e.get("directories") for e in sized) else _name_tables(sized)[0],
    )


def globs_regex(globs: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of these file-name globs (see glob_regex)."""
    return re.compile("|".join(glob_regex(glob) for glob in globs))


def _entry_points(entry: Mapping[str, Any] | None) -> EntryPoints:
    if not entry:
        return EntryPoints()
    names = frozenset(glob.lower() for glob in _kind_globs(entry))
    rules = tuple(
        EntryPointRule(
            _file_kind(
                {
                    "kind": "entry-point",
                    "source_code": True,
                    "certainty": entry["certainty"],
                    "extensions": entry["extensions"],
                    **rule,
                }
            ),
            frozenset(rule["shown_by"]),
        )
        for rule in entry["runs"]
    )
    return EntryPoints(names, rules)


def _citation_order(entry: Mapping[str, Any] | None) -> CitationOrder:
    later = (entry or {}).get("later") or ()
    earlier = {
        kind: globs_regex(stems) for kind, stems in ((entry or {}).get("earlier") or {}).items()
    }
    return CitationOrder(word_regex(later) if later else None, earlier)


def compile_checkpoints(checkpoints: Mapping[str, Any]) -> Checkpoints:
    patterns = alternatives(checkpoints["patterns"])
    names = [rf"\b(?:{p})\b" for p in checkpoints["patterns"]]
    hints = "|".join([*(checkpoints.get("card_hints") or ()), *names])
    return Checkpoints(
        directory=re.compile(patterns, re.IGNORECASE),
        branch=re.compile(rf"(?:{patterns})(?:$|[-_.+])", re.IGNORECASE),
        exclude=frozenset(n.lower() for n in checkpoints.get("exclude") or ()),
        component=checkpoints["component"],
        card_hint=re.compile(hints, re.IGNORECASE),
    )


def _file_kind(entry: Mapping[str, Any]) -> FileKind:
    return FileKind(
        kind=entry["kind"],
        label=entry["label"],
        component=entry["component"],
        in_checkpoint=entry.get("in_checkpoint") or entry["component"],
        certainty=Certainty(entry["certainty"]),
        extensions=frozenset(e.lower() for e in entry.get("extensions") or ()),
        licensed_by_file=bool(entry.get("licensed_by_file", True)),
        model_config=bool(entry.get("model_config")),
        source_code=bool(entry.get("source_code")),
        states_fact=str(entry.get("states_fact") or ""),
        empty_not_evidence=bool(entry.get("empty_not_evidence")),
        shards_not_evidence=bool(entry.get("shards_not_evidence")),
        vendored_not_evidence=bool(entry.get("vendored_not_evidence")),
        document=bool(entry.get("document")),
        marks_a_model=bool(entry.get("marks_a_model")),
        not_under=frozenset(d.lower() for d in entry.get("not_under") or ()),
    )


def _name_tables(
    entries: list[Mapping[str, Any]],
) -> tuple[NameTable, dict[str, tuple[int, ...]]]:
    """Exact names and `*.suffix` globs to dicts; other globs to one regex; directories by name."""
    exact: dict[str, int] = {}
    suffixes: dict[str, int] = {}
    # the other globs' regexes, by the literal extension they end in ("" for none), in order
    regexes: dict[str, list[str]] = {}
    directories: dict[str, tuple[int, ...]] = {}
    for index, entry in enumerate(entries):
        complex_globs: dict[str, list[str]] = {}
        for glob in _kind_globs(entry):
            if not _has_wildcard(glob):
                exact.setdefault(glob, index)
            elif glob.startswith("*.") and not _has_wildcard(glob[1:]):
                suffixes.setdefault(glob[1:], index)
            else:
                complex_globs.setdefault(_literal_extension(glob), []).append(glob_regex(glob))
        for extension, globs in complex_globs.items():
            regexes.setdefault(extension, []).append(f"(?P<k{index}>{'|'.join(globs)})")
    for index, entry in enumerate(entries):
        for directory in entry.get("directories") or ():
            key = directory.lower()
            directories[key] = (*directories.get(key, ()), index)
    compiled = {extension: re.compile("|".join(r), re.DOTALL) for extension, r in regexes.items()}
    regex = compiled.pop("", None)
    return NameTable(exact, suffixes, regex, compiled), directories


def _literal_extension(glob: str) -> str:
    """The extension every name a glob matches ends in (`*_config.json`: json), or "" when
    it has none of its own (`train*`, `*.j?on`)."""
    head, dot, extension = glob.rpartition(".")
    literal = dot and extension and not any(char in extension for char in "*?[]")
    return extension if literal and not any(char in head for char in "[]") else ""


def _kind_globs(entry: Mapping[str, Any]) -> Iterator[str]:
    yield from (name.lower() for name in entry.get("names") or ())
    for stem in entry.get("stems") or ():
        for extension in entry.get("extensions") or ():
            yield f"{stem}.{extension}".lower()


def _has_wildcard(glob: str) -> bool:
    return any(char in glob for char in "*?[")


def glob_regex(glob: str) -> str:
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


def _licence_rule(entry: Mapping[str, Any]) -> LicenceFileRule:
    covers = entry["covers"]
    fallback = bool(entry.get("fallback"))
    front_matter = bool(entry.get("front_matter"))
    scope = None if covers == "repository" else tuple(covers)
    return LicenceFileRule(scope, fallback, front_matter=front_matter)


__all__ = [
    "Checkpoints",
    "CitationOrder",
    "EntryPointRule",
    "EntryPoints",
    "FileKind",
    "FilePatterns",
    "LicenceFileRule",
    "Limits",
    "NameTable",
    "compile_checkpoints",
    "compile_files",
    "glob_regex",
]
