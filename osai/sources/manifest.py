"""The manifest source: a Model Openness Framework model file (with osai's extensions) → Release.

It reads the file as the Model Openness Tool does: a component's own `license` wins (the keyword
`unlicensed` means it has none, and blocks inheritance), else the global licence of its content
type, else the distribution licence; an unlisted component is "not released" or "not declared" as
rules/components.yaml says.

osai's extensions: `released: false` lists a component to declare it not released; under
`unlisted_components: unknown` (a draft) an unlisted component is undeclared, and one that a
repository's licence covers even unseen (rules/detection.yaml `release_licence_covers`) is under
the distribution licence if released, as detection reads a repository; `evidence.certainty:
inferred` keeps a value osai inferred (in a draft) as weak as it was, and a draft that still
carries `osai init`'s mark is read as detected, not declared: no one has reviewed it yet.

A file is validated whole before it is read: every problem at once, one per line (BadInput).
"""

from __future__ import annotations

import datetime
import re
import shlex
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from osai.errors import BadInput
from osai.evidence import (
    MAX_LOCATION_CHARS,
    MAX_UNLESS_CHARS,
    RELEASE_LICENCE_KEY,
    Certainty,
    ComponentEvidence,
    DraftMark,
    Fact,
    Finding,
    FindingKind,
    InferredMark,
    LicenceFact,
    NamedKind,
    NamedLink,
    Presence,
    Provenance,
    Release,
    is_location,
    release_day,
)
from osai.hubrefs import itself_ignored, known_ids, names_itself, parse_hub_target
from osai.rules import FactKind, RuleSet
from osai.schemas import (
    FileProblems,
    load_schema,
    render_problems,
    schema_problems,
    shown,
)
from osai.sources.blank import BLANK_MANIFEST, EXAMPLE_VALUES_SAID
from osai.sources.manifest_checks import (
    NO_LICENCE_NAMES,
    blank_licence,
    declared_not_included,
    fact_number,
    manifest_problems,
    owned_problems,
    shadowed,
    unnamed_licence_files,
)
from osai.textsafe import escaped_name, one_line, quoted_name, some_of
from osai.yamlsafe import MAX_MANIFEST_BYTES, YamlDocument, parse_yaml, read_text_file

SOURCE = "manifest"
# In the comments a draft opens with (its first line as written): a manifest that still carries
# it is a draft no one has reviewed, not the release's word (read as detected; another draft of
# its directory does not read it).
DRAFT_MARK = "drafted by `osai init`"
# The mark's line as osai.init.render writes it: "# KIND for NAME, drafted by `osai init` (osai V)"
# (earlier versions ended at the phrase); not the phrase inside prose ("first drafted by ...").
_MARK_LINE = re.compile(r"#.*, " + re.escape(DRAFT_MARK) + r"(?: \(osai [^()]+\))?")


def read_manifest(path: Path, rules: RuleSet) -> Release:
    """Load, validate and interpret one manifest file."""
    text: str | None = None
    try:
        text = read_text_file(path, max_bytes=MAX_MANIFEST_BYTES)
        if unfilled_blank(text):
            raise BadInput(unfilled_blank_said(path))
        document = own_manifest_text(text, path, rules)
    except BadInput:
        # asked only of a file that is no manifest: the detection rules are not loaded (nor
        # imported) for every manifest a check reads
        _refuse_a_models_file(path, rules, text)
        raise
    return release_from_document(document, rules, mark_line=draft_mark_line(text))


def _refuse_a_models_file(path: Path, rules: RuleSet, text: str | None) -> None:
    """A file that is no manifest (`text` None: not text at all) and whose name is a model
    directory's file's (weights, a config, a licence: rules/detection.yaml) is said as such:
    `osai check model.gguf` was "binary file, not text", and a config.json four lines of the
    manifest's schema.  Asked only once the file failed as a manifest, its name first."""
    what = _models_file(path.name.lower(), rules)
    if what and (text is None or not _meant_as_manifest(path, text, rules)):
        raise BadInput(
            f"{path}: a model directory's {what}, not a manifest: check the directory that "
            f"holds it (osai check {shlex.quote(str(path.parent))})"
        )


def _meant_as_manifest(path: Path, text: str, rules: RuleSet) -> bool:
    """A manifest is known by its keys, whatever its name; a .yml that is not YAML may be one
    with a slip, which its YAML error says better than its name."""
    name = path.name.lower()
    if rules.detection.files.is_manifest(name, text, every_key=False):
        return True
    if not name.endswith((".yml", ".yaml")):
        return False
    try:
        parse_yaml(text, path)
    except BadInput:
        return True
    return False


def _models_file(name: str, rules: RuleSet) -> str:
    """What a file of a model's directory is by its (lower-case) name, as a model directory's
    (its kind's label: "a evaluation results" was said); "" when none."""
    files = rules.detection.files
    if files.licence_rule(name) is not None:
        return "licence file"
    found = files.classify(name, ())
    return files.kinds[found[0]].label if found is not None else ""


def unfilled_blank(text: str) -> bool:
    """Whether a manifest is `osai init --blank`'s as it wrote it, whatever an editor did to its
    blanks (CRLF, a byte-order mark, trailing spaces, a newline more or less): its values are
    examples, and one byte away from the blank they were still read as declared."""
    return _without_trailing_blanks(text.lstrip("\ufeff")) == _BLANK_LINES


def _without_trailing_blanks(text: str) -> tuple[str, ...]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return tuple(lines)


_BLANK_LINES = _without_trailing_blanks(BLANK_MANIFEST)


def unfilled_blank_said(path: Path) -> str:
    return (
        f"{path}: `osai init --blank`'s manifest, not filled in: {EXAMPLE_VALUES_SAID}, not "
        "the release's word; fill it in, then check it"
    )


def own_manifest_text(text: str, path: Path, rules: RuleSet) -> YamlDocument:
    """The user's own manifest, already read (a file they name, or one in the directory they
    check): parsed and validated as theirs to fix, BadInput naming every problem."""
    return manifest_document(parse_yaml(text, path), rules, own=True)


def mark_said(mark_line: int) -> str:
    """Where a draft's mark is, as a message says it: "its first line", else "its line 3" (a
    header a tool added above it: "delete its first line" would delete that header)."""
    return "its first line" if mark_line == 1 else f"its line {mark_line}"


def draft_mark_line(text: str) -> int | None:
    """The line (from 1) of `osai init`'s mark among the comments a manifest opens with, as
    the draft writes it ("# model file for NAME, drafted by `osai init` (osai 0.1.0)"); None
    when there is none.  Lines a tool adds above it (`---`, a licence header, a blank line) are
    no review: looking at the first line alone, they made a draft the publisher's declared
    word.  Only the mark's own shape counts, not the phrase: a reviewed file's header may say
    it was "first drafted by `osai init`"."""
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            if _MARK_LINE.fullmatch(stripped):
                return number
        elif stripped not in ("", "---"):
            return None  # the document begins: the mark was deleted
    return None


def parse_manifest_text(text: str, path: Path, rules: RuleSet) -> YamlDocument:
    """A manifest already read (from a repository, a MOT listing): parsed and validated like a
    file, but as someone else's (a licence expression that does not parse is judged unknown)."""
    return manifest_document(parse_yaml(text, path), rules, own=False)


def refuse_owned_problems(document: YamlDocument, rules: RuleSet) -> None:
    """A manifest in the user's own directory, read as someone else's (parse_manifest_text):
    BadInput naming each blank component licence and each licence expression that does not
    parse, as when they name the file (manifest_document with `own`)."""
    problems = owned_problems(document, rules)
    if problems:
        raise FileProblems(render_problems(document, problems))


def manifest_document(document: YamlDocument, rules: RuleSet, *, own: bool) -> YamlDocument:
    """A parsed YAML document checked to be a manifest: BadInput naming every problem (one per
    line, at most osai.schemas.MAX_PROBLEMS) if it is not.  `own`: the user's file (checked as
    theirs to fix), not someone else's (read as far as it can be)."""
    path = document.path
    if document.data is None:
        # a .json file may have been meant as an AI BOM (`bom.cdx.json`): said as not_manifest
        # says it of a JSON file of other keys
        bom = " nor an AI BOM" if path.suffix == ".json" else ""
        raise BadInput(f"{path}: empty file, not a manifest{bom}")
    if not isinstance(document.data, dict):
        found = shown(document.data)
        raise BadInput(f"{path}: expected a YAML mapping (framework:, release:), found {found}")
    if not {"framework", "release"} & set(document.data):
        raise BadInput(_no_manifest(document))
    document = replace(document, data=_dates_as_text(document.data))
    checked = manifest_problems(document, rules, own=own)
    problems = [p for p in schema_problems("manifest", document) if not shadowed(p, checked)]
    problems += checked
    if problems:
        raise FileProblems(render_problems(document, problems))
    return document


def _no_manifest(document: YamlDocument) -> str:
    """Why a mapping with neither of a manifest's keys is none, in one line: a JSON file that
    is no AI BOM either (a model's own config, another tool's output) or an osai configuration
    was told each of its keys is unknown and both of a manifest's missing."""
    path, data = document.path, document.data
    if data and set(data) <= set(load_schema("config")["properties"]):
        return (
            f"{path}: an osai configuration, not a manifest: `osai check --config {path}` reads it"
        )
    # a key YAML reads as null, or as no text at all, named as YAML writes it
    names = ["null" if key is None else escaped_name(str(key), 40) or "''" for key in data]
    found = f"its keys: {some_of(names, shown=3)}" if names else "an empty mapping"
    bom = f" nor an AI BOM ({_no_bom_mark(data)})" if path.suffix == ".json" else ""
    return f"{path}: not an osai manifest (no framework: or release:){bom}; {found}"


def _no_bom_mark(data: Mapping[Any, Any]) -> str:
    """Why a JSON object is no AI BOM, true of this one: one whose bomFormat is not CycloneDX's
    own spelling ('cyclonedx'), or whose @context is not SPDX 3's, was told it had neither."""
    if "bomFormat" in data:
        found = data["bomFormat"]
        said = f" ({quoted_name(found, 40)})" if isinstance(found, str) else ""
        return f"its bomFormat{said} is not 'CycloneDX'"
    if "@context" in data:
        return "its @context is not SPDX 3's, https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    return "no bomFormat or @context"


def release_from_document(
    document: YamlDocument, rules: RuleSet, *, mark_line: int | None = None
) -> Release:
    """The release a manifest declares; `mark_line`: where the mark of an unreviewed `osai init`
    draft is, whose values are what osai detected or inferred, so nothing in it counts as
    declared."""
    draft = mark_line is not None
    release = _declared_release(document, rules, draft=draft)
    return release if mark_line is None else _held_at_detected(release, document, mark_line)


def _declared_release(document: YamlDocument, rules: RuleSet, *, draft: bool) -> Release:
    release = document.data["release"]
    listed = _listed_components(document, rules)
    components = {
        component_id: _component_evidence(
            document, rules, component_id, listed.get(component_id), draft=draft
        )
        for component_id in rules.components
    }
    facts = {
        **_declared_facts(document, rules, "data_information"),
        **_declared_facts(document, rules, "declarations"),
    }
    base, itself = _without_itself(document, _declared_base(document, facts, rules))
    return Release(
        target=str(document.path),
        source=SOURCE,
        name=str(release["name"]),
        producer=str(release.get("producer") or ""),
        version=str(release.get("version") or ""),
        components=components,
        facts=facts,
        document=str(document.path),
        named_links=(*_repository(release), *base),
        # what it derives from, as a card's base_model is: the JSON report's base_models, the
        # BOM's pedigree (a BOM written of a Llama 2 fine-tune named no base, and read back with
        # --follow met OSAID on the Apache-2.0 its manifest declared)
        base_models=tuple(named.cited.value for named in base),
        hub_page=str(release.get("huggingface") or ""),
        released=release_day(release.get("date")),
        licence=_distribution(document),
        inferred_marks=_inferred_marks(document, listed),
        findings=(
            *_blank_licences(document, rules, listed),
            *_unnamed_licence_files(document),
            *_derived(base),
            *itself,
        ),
    )


def _repository(release: Mapping[str, Any]) -> tuple[NamedLink, ...]:
    """The code repository the manifest names (`release.repository`), as it names it."""
    named = str(release.get("repository") or "")
    if not named:
        return ()
    cited = Provenance(SOURCE, "release.repository", named, Certainty.DECLARED)
    return (NamedLink(NamedKind.CODE, cited, "repository"),)


def _declared_base(
    document: YamlDocument, facts: Mapping[str, Fact], rules: RuleSet
) -> tuple[NamedLink, ...]:
    """The base model the manifest declares (`release.declarations.base_model`), followed with
    --follow as a card's is: a fine-tune declaring Apache-2.0 of Llama 2 was conformant, the
    base it named never read.  By its Hub id, as a card names it: a name that is none is a base
    osai cannot read.  Its `url`, where that is the base's Hub address, names it: `{text: Llama
    2, url: https://huggingface.co/meta-llama/Llama-2-7b-hf}` was read as the id "Llama 2
    (https://...)", "not known by a Hub id", and never followed."""
    fact = facts.get(rules.links.base_model_fact)
    if fact is None or not fact.provided or not fact.value.strip():
        return ()
    block = rules.facts[fact.key].block
    declared = (document.data["release"].get(block) or {}).get(fact.key)
    url = str(declared.get("url") or "") if isinstance(declared, dict) else ""
    named = url.strip() if parse_hub_target(url) is not None else fact.value.strip()
    return tuple(
        NamedLink(
            NamedKind.BASE_MODEL,
            replace(fact.provenance, value=one),
            f"declarations.{fact.key}",
            by_id=True,
        )
        for one in _each_base(named)
    )


def _each_base(named: str) -> tuple[str, ...]:
    """The bases a declared base_model names: Hub ids parted by commas, as `osai init` drafts a
    merge's (`base_model: "meta-llama/Llama-2-7b-hf, EleutherAI/pythia-70m"`), are each one,
    else the whole is one name.  Read as one, the draft's two bases were one "not known by a
    Hub id", and --follow read neither.  One of them at least names its owner: a name such as
    `Mistral, 7B` is one model, each word a legacy Hub id by its shape, and --follow asked the
    Hub for the models `Mistral` and `7B`."""
    parts = tuple(part.strip() for part in named.split(","))
    ids = len(parts) > 1 and all(parse_hub_target(part) is not None for part in parts)
    return parts if ids and any("/" in part for part in parts) else (named,)


def _without_itself(
    document: YamlDocument, named: tuple[NamedLink, ...]
) -> tuple[tuple[NamedLink, ...], tuple[Finding, ...]]:
    """The base the manifest declares, unless it names the model itself (its `huggingface:`
    page), and a warning that it was ignored, as a card's is: a model is not derived from
    itself, and Pythia's manifest naming EleutherAI/pythia-70m left its weights waiting on
    themselves ("unless base model EleutherAI/pythia-70m (not followed) binds")."""
    own = parse_hub_target(str(document.data["release"].get("huggingface") or ""))
    if own is None:
        return named, ()
    selves = [n for n in named if names_itself(n.cited.value, known_ids(own))]
    if not selves:
        return named, ()
    cited = selves[0].cited
    said = itself_ignored(selves[0].said, cited.value)
    kept = tuple(n for n in named if n not in selves)
    return kept, (Finding(FindingKind.WARNING, said, (cited,)),)


def _derived(named: tuple[NamedLink, ...]) -> tuple[Finding, ...]:
    """A note that the release is derived from a base model it names by no Hub id
    (_declared_base): the base's terms may bind it, and osai cannot read them ("LLaMA 2" was
    said to be read with --follow, which leaves it unread).  One named by its Hub id needs no
    note: its licence binds (followed) or leaves the weights' licence unknown until it is read
    (LicenceFact.unless, "not followed"), which the report says; "--follow reads it" was said
    of a base --follow had read."""
    if not named or parse_hub_target(named[0].cited.value) is not None:
        return ()
    value = named[0].cited.value
    message = (
        f"derived from {one_line(value, 100)}, as the manifest declares: its licence may bind "
        "this model's, and osai reads a base model only by its Hub id"
    )
    return (Finding(FindingKind.NOTE, message, (named[0].cited,)),)


def _blank_licences(
    document: YamlDocument, rules: RuleSet, listed: dict[str, int]
) -> Iterator[Finding]:
    """A component's `license: ''` in someone else's manifest (a repository's, a MOT listing;
    the user's own is refused by manifest_checks).  The Model Openness Tool reads it as
    `unlicensed`, but a blank states nothing: the licence stays unknown, and a warning says so."""
    for component_id, index in listed.items():
        entry = document.data["release"]["components"][index]
        if blank_licence(entry):
            licence = str(entry["license"])
            node = ("release", "components", index, "license")
            message = (
                f"{_where(document, *node)}: release.components[{index}].license: "
                "empty licence, read as unknown "
                "(`unlicensed` says the component has none)"
            )
            where = _provenance(document, node, licence)
            yield Finding(FindingKind.WARNING, message, (where,), component_id)


def _unnamed_licence_files(document: YamlDocument) -> Iterator[Finding]:
    """A global licence given by its file alone in someone else's manifest (the user's own is
    refused by manifest_checks): what it covers is unknown, and a warning says so."""
    for scope, path in unnamed_licence_files(document.data["release"]):
        node = ("release", "license", scope, "path")
        message = (
            f"{_where(document, *node)}: release.license.{scope}: a licence file "
            f"({escaped_name(path, 80)}) with no name: what it covers reads as unknown"
        )
        yield Finding(FindingKind.WARNING, message, (_provenance(document, node, path),))


def _held_at_detected(release: Release, document: YamlDocument, mark_line: int) -> Release:
    """Every declared value of a draft as detected, with a note saying why and how to change it:
    a `--min-certainty declared` gate passed on a draft no one had read."""

    def held(provenance: Provenance) -> Provenance:
        if provenance.certainty is not Certainty.DECLARED:
            return provenance
        return replace(provenance, certainty=Certainty.DETECTED)

    message = (
        f"{document.path}: an `osai init` draft not yet reviewed ({mark_said(mark_line)} says "
        "so): what it declares counts as detected until you review it and delete that line"
    )
    where = Provenance(SOURCE, str(document.path), "", Certainty.DETECTED, line=mark_line)
    note = Finding(FindingKind.NOTE, message, (where,))
    held_release = release.restated(held)
    licence = release.licence
    if licence is not None:
        licence = replace(licence, provenance=held(licence.provenance))
    findings = (*release.findings, note)
    draft = DraftMark(str(document.path), mark_line)
    return replace(held_release, licence=licence, findings=findings, draft=draft)


# The marks a manifest's entry may carry of what osai init only inferred (osai.init.components)
_MARKS = ("certainty", "licence_certainty")


def _inferred_marks(document: YamlDocument, listed: Mapping[str, int]) -> tuple[InferredMark, ...]:
    """Each `certainty: inferred` (and a component's `licence_certainty: inferred`), with its
    line: what to delete once confirmed, as the draft's comments say."""
    release = document.data["release"]
    path = str(document.path)
    marks: list[InferredMark] = []
    for component_id, index in listed.items():
        evidence = release["components"][index].get("evidence") or {}
        node = ("release", "components", index, "evidence")
        marks.extend(
            InferredMark(component_id, key, path, document.key_line_of(*node, key))
            for key in _MARKS
            if evidence.get(key) == "inferred"
        )
    for block in ("data_information", "declarations"):
        for key, value in (release.get(block) or {}).items():
            if isinstance(value, dict) and value.get("certainty") == "inferred":
                line = document.key_line_of("release", block, key, "certainty")
                marks.append(InferredMark(key, "certainty", path, line))
    return tuple(marks)


def _listed_components(document: YamlDocument, rules: RuleSet) -> dict[str, int]:
    """Component id → index in release.components (names validated by manifest_document)."""
    listed: dict[str, int] = {}
    for index, entry in enumerate(document.data["release"]["components"]):
        component_id = rules.component_for_name(entry["name"])
        if component_id is None or component_id in listed:  # pragma: no cover - validated
            raise BadInput(f"{_where(document, 'release', 'components', index)}: bad component")
        listed[component_id] = index
    return listed


def _distribution(document: YamlDocument) -> LicenceFact | None:
    where = ("release", "license", "distribution", "name")
    name = ((document.data["release"].get("license") or {}).get("distribution") or {}).get("name")
    if name is None or str(name) in NO_LICENCE_NAMES:
        return None
    return LicenceFact(str(name), _provenance(document, where, str(name)))


def _component_evidence(
    document: YamlDocument, rules: RuleSet, component_id: str, index: int | None, *, draft: bool
) -> ComponentEvidence:
    component = rules.components[component_id]
    if index is None:
        return _unlisted(document, rules, component_id, draft=draft)
    entry = document.data["release"]["components"][index]
    node = ("release", "components", index)
    evidence = entry.get("evidence") or {}
    certainty = _certainty(evidence)
    paths = entry.get("component_path") or []
    paths = [paths] if isinstance(paths, str) else paths
    noted = [one_line(str(evidence["note"]), MAX_NOTE_CHARS)] if evidence.get("note") else []
    note = "; ".join([*_not_places(paths), *noted])
    provenance = _provenance(document, node, entry["name"], note, certainty)
    if entry.get("released") is False:
        return ComponentEvidence(component_id, Presence.ABSENT, (provenance,))
    if declared_not_included(entry, rules.licences):
        # the Model Openness Tool's 2024 keyword ("Component not included", misspelt in ten of
        # its files) names no licence: the component is left out, as `released: false` says.
        # The tool scores it as it scores one not listed, so its classes are unchanged.
        said = f"license: '{entry['license']}' (declared not included)"
        where = _provenance(document, (*node, "license"), entry["name"], said, certainty)
        return ComponentEvidence(component_id, Presence.ABSENT, (where,))
    places = [path for path in paths if is_location(path)]
    url = str(evidence.get("url") or "")
    location = (places[0] if places else "") or (url if len(url) <= MAX_LOCATION_CHARS else "")
    licence_certainty = (
        Certainty.INFERRED if evidence.get("licence_certainty") == "inferred" else certainty
    )
    licence = _resolve_licence(document, entry, node, component.content_type, licence_certainty)
    if licence is not None and evidence.get("unless"):
        # what osai init could not read that may bind it (a base model's licence)
        licence = replace(licence, unless=one_line(str(evidence["unless"]), MAX_UNLESS_CHARS))
    return ComponentEvidence(
        component_id, Presence.PRESENT, (provenance,), licence, location, tuple(paths)
    )


# A manifest's words the evidence line quotes: someone else's manifest may hold a megabyte
# of them, which the report printed whole.
MAX_NOTE_CHARS = 500
NOT_PLACES_SHOWN = 3
NOT_PLACE_CHARS = 120


def _not_places(paths: list[str]) -> list[str]:
    """The component_path values that name no place ("arxiv license", "ODC-BY" in MOT listings),
    quoted as the file says them: shown as a location, they read as a file or a URL.  The first
    few, each on one line of bounded length, and how many more."""
    words = [path for path in paths if not is_location(path)]
    quoted = [
        f'component_path: "{one_line(path, NOT_PLACE_CHARS)}" (not a path or URL)'
        for path in words[:NOT_PLACES_SHOWN]
    ]
    rest = len(words) - NOT_PLACES_SHOWN
    return [*quoted, f"{rest:,} more not a path or URL"] if rest > 0 else quoted


def _unlisted(
    document: YamlDocument, rules: RuleSet, component_id: str, *, draft: bool
) -> ComponentEvidence:
    """A component the manifest does not list.  In an unreviewed draft that is undeclared
    whatever the format says: osai left it out because it did not find it, and a draft in the
    Model Openness Tool's format (no `unlisted_components`) read its every gap as "not
    released", detected, turning unknowns into failures the moment `osai init --for mot` ran."""
    unlisted = document.data["release"].get("unlisted_components") or ("unknown" if draft else None)
    reading = unlisted or rules.components[component_id].unlisted_in_manifest
    presence = Presence.ABSENT if reading == "absent" else Presence.UNKNOWN
    meaning = "not released" if presence is Presence.ABSENT else "not declared"
    note = f"not listed in release.components ({meaning})"
    provenance = Provenance(
        source=SOURCE,
        location=str(document.path),
        value="",
        certainty=Certainty.DECLARED,  # components.yaml: the manifest's omission declares it
        line=document.key_line_of("release", "components"),  # the key, not its first item
        note=note,
    )
    covering = None
    if unlisted == "unknown" and component_id in rules.detection.release_licence_covers:
        covering = _covering(document)
    omitted = presence is Presence.ABSENT
    return ComponentEvidence(component_id, presence, (provenance,), covering, omitted=omitted)


def _covering(document: YamlDocument) -> LicenceFact | None:
    """The distribution licence, for a component undeclared in a draft that it would cover if
    released (inferred, as detection infers a repository's licence for its unseen content)."""
    distribution = _distribution(document)
    if distribution is None:
        return None
    note = "not listed: the distribution licence covers it, if released"
    provenance = replace(distribution.provenance, certainty=Certainty.INFERRED, note=note)
    return LicenceFact(distribution.text, provenance, f"{RELEASE_LICENCE_KEY}distribution")


def _certainty(evidence: Mapping[str, Any]) -> Certainty:
    return Certainty.INFERRED if evidence.get("certainty") == "inferred" else Certainty.DECLARED


def _resolve_licence(
    document: YamlDocument,
    entry: Mapping[str, Any],
    node: tuple[str | int, ...],
    content_type: str,
    certainty: Certainty,
) -> LicenceFact | None:
    if blank_licence(entry):
        return None  # no statement (see _blank_licences)
    if entry.get("license") is not None:
        text = str(entry["license"])
        return LicenceFact(text, _provenance(document, (*node, "license"), text, "", certainty))
    globals_ = document.data["release"].get("license") or {}
    unnamed = dict(unnamed_licence_files(document.data["release"]))
    for scope in (content_type, "distribution"):
        if scope in unnamed:
            return None  # a licence file, not named: not unlicensed, unknown (warned of)
        name = (globals_.get(scope) or {}).get("name")
        if name is not None and str(name) not in NO_LICENCE_NAMES:
            where = ("release", "license", scope, "name")
            return LicenceFact(
                str(name), _provenance(document, where, str(name)), RELEASE_LICENCE_KEY + scope
            )
    note = "no component licence and no global licence"
    return LicenceFact("", _provenance(document, node, "", note))


def _declared_facts(document: YamlDocument, rules: RuleSet, block: str) -> dict[str, Fact]:
    """The facts of one block (release.data_information, release.declarations); keys, types and
    values were checked against rules/components.yaml by manifest_problems."""
    entries = document.data["release"].get(block) or {}
    facts: dict[str, Fact] = {}
    for key, value in entries.items():
        facts[key] = _declared_fact(document, ("release", block, key), rules.facts[key], value)
    return facts


def _declared_fact(
    document: YamlDocument, where: tuple[str, ...], kind: FactKind, value: Any
) -> Fact:
    key = kind.id
    # Every value has a {text, url, note, certainty} form: what osai init only inferred (a
    # number, a category, an item not provided) keeps its `certainty: inferred` mark.
    form = value if isinstance(value, dict) else {"text": value}
    note, certainty = form.get("note", ""), _certainty(form)
    if value is False or form.get("provided") is False or kind.says_none(form.get("text")):
        said = value is False or form.get("provided") is False
        written = "false" if said else form["text"]
        provenance = _provenance(document, where, str(written), note, certainty)
        # the words as written: an action quoted 'not provided' of 'undisclosed'
        return Fact(key, "not provided" if said else str(written), provenance, False)
    if kind.type == "number":
        number = fact_number(form.get("text")) or 0.0
        provenance = _provenance(document, where, f"{number:g}", note, certainty)
        return Fact(key, f"{number:g}", provenance, number=number)
    if kind.type == "category":
        category = str(form.get("text"))
        return Fact(key, category, _provenance(document, where, category, note, certainty))
    text = form.get("text") or form.get("url", "")
    url = form.get("url", "")
    shown = f"{text} ({url})" if url and url != text else text
    return Fact(key, shown, _provenance(document, where, shown, note, certainty))


def _provenance(
    document: YamlDocument,
    node: tuple[str | int, ...],
    value: str,
    note: str = "",
    certainty: Certainty = Certainty.DECLARED,
) -> Provenance:
    return Provenance(
        source=SOURCE,
        location=str(document.path),
        value=value,
        certainty=certainty,
        line=document.line_of(*node),
        note=note,
    )


def _where(document: YamlDocument, *node: str | int) -> str:
    return document.where(*node)


def _dates_as_text(value: Any) -> Any:
    """YAML turns unquoted dates into date objects; the manifest format wants ISO strings."""
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
