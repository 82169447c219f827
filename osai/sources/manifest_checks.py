"""What a manifest's JSON Schema cannot see: names and values checked against osai's vocabulary.

Unknown component names and data-information items, components listed twice, misspelt licences
(and, in the user's own manifest, licence expressions that do not parse and names near a licence),
a licence too long to be one (its text pasted for its id), YAML 1.1 booleans where a fact wants
words, a component both not released and licensed (or released and "not included"), and (in the
user's own) a fact left as the blank manifest's example sentence.  Each is a Problem
(osai.schemas), reported with the schema's own problems, all at once.  Every check reads
defensively: the schema may have found the same node malformed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

from osai.licence_spelling import (
    licence_meant,
    meant_hint,
    misspelt_licence,
    overlong_licence,
)
from osai.licenses import (
    EXPRESSION_TOKEN,
    LicenceKnowledge,
    LicenceState,
    malformed_expression,
    names_unread_id,
    parse_licence,
)
from osai.rules import FactKind, RuleSet
from osai.schemas import Problem, shown
from osai.sources.blank import EXAMPLE_TEXTS
from osai.suggest import did_you_mean
from osai.textsafe import escaped_name, quoted_name, some_of
from osai.yamlsafe import NOTE_ENDINGS, PLACEHOLDER, YamlDocument, not_finite

_LICENCE_SCOPES = ("distribution", "code", "document", "data")

# A global licence name that names none: the Model Openness Tool tests it with PHP's empty(),
# for which "" and "0" are empty alike, and falls through to the next licence.
NO_LICENCE_NAMES = ("", "0")


def manifest_problems(document: YamlDocument, rules: RuleSet, *, own: bool) -> list[Problem]:
    """What is wrong in the manifest; `own` when it is the user's (what it is refused for
    then, and someone else's is not: _owned)."""
    release = document.data.get("release")
    if not isinstance(release, dict):
        return []
    return [
        *_component_problems(release, rules),
        *_fact_problems(document, release, rules),
        *(_owned(release, rules) if own else _licence_problems(release, rules, _misspelt)),
    ]


def _entries(release: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    components = release.get("components")
    if isinstance(components, list):
        yield from ((i, e) for i, e in enumerate(components) if isinstance(e, dict))


def _component_problems(release: dict[str, Any], rules: RuleSet) -> Iterator[Problem]:
    names = [name for c in rules.components.values() for name in (c.name, *c.aliases)]
    listed: dict[str, int] = {}
    for index, entry in _entries(release):
        where = ("release", "components", index)
        name = entry.get("name")
        if not isinstance(name, str):
            continue
        component_id = rules.component_for_name(name)
        if component_id is None:
            unknown = f"unknown component {shown(name)}" + did_you_mean(name, names)
            yield Problem((*where, "name"), unknown)
        elif component_id in listed:
            first = listed[component_id]
            yield Problem(
                (*where, "name"),
                f"{shown(name)} is listed twice (also release.components[{first}])",
            )
        else:
            listed[component_id] = index
        if entry.get("released") is False and entry.get("license") is not None:
            yield Problem(
                (*where, "license"),
                "a component declared not released (`released: false`) has no licence: "
                "remove one of the two",
            )
        if entry.get("released") is True and declared_not_included(entry, rules.licences):
            yield Problem(
                (*where, "license"),
                f"{shown(entry['license'])} declares the component not included, and "
                "`released: true` declares it released: remove one of the two",
            )


_BLOCKS = {"data_information": "data-information item", "declarations": "declaration"}


def _fact_problems(
    document: YamlDocument, release: dict[str, Any], rules: RuleSet
) -> Iterator[Problem]:
    for block, what in _BLOCKS.items():
        entries = release.get(block)
        if not isinstance(entries, dict):
            continue
        known = [key for key, kind in rules.facts.items() if kind.block == block]
        for key, value in entries.items():
            where = ("release", block, str(key))
            if not isinstance(key, str):  # `yes:` reads as the key true, `1:` as a number
                yield Problem(where, f"not a {what}: names are text")
            elif key not in known:
                hint = did_you_mean(key, known) or f" (known: {', '.join(known)})"
                yield Problem(where, f"unknown {what} {shown(key)}" + hint)
            else:
                problem = _fact_value_problem(document, where, rules.facts[key], value)
                if problem:
                    yield Problem(where, problem)


def _example_facts(release: dict[str, Any]) -> Iterator[Problem]:
    """A fact the user's own manifest leaves as `osai init --blank`'s example sentence: words
    saying what to write, which would count as the release's declared description."""
    examples = _example_words()
    for block in _BLOCKS:
        entries = release.get(block)
        if not isinstance(entries, dict):
            continue
        for key, value in entries.items():
            text = value.get("text") if isinstance(value, dict) else value
            if isinstance(text, str) and _words(text) in examples:
                yield Problem(
                    ("release", block, str(key)),
                    "`osai init --blank`'s example, not the release's word: write what the "
                    "release says, or leave the key out while it is not known",
                )


# What an `osai init` draft writes after its placeholder's `?` (`# producer: ?  — declare who
# produced the model`): left beside a value written in place of the `?` alone, it was read as
# part of the value, the release's word (`third_party_data_sources: none  — declare it, as
# described above` met OSAID's item).  A category's (`— one of ungated, …`) makes its value
# none of the category's, refused as such.
_PLACEHOLDER_NOTE = re.compile(re.escape(PLACEHOLDER[1:]) + r"(?:declare|not detected)\b")


def _placeholder_notes(release: dict[str, Any]) -> Iterator[Problem]:
    """A value of the user's own manifest that still carries the draft's note on what to write
    (_PLACEHOLDER_NOTE): the release's own keys, its facts (text, or a form's text) and its
    components' licences."""
    places: list[tuple[tuple[str | int, ...], Any]] = [
        (("release", str(key)), value) for key, value in release.items()
    ]
    for block in _BLOCKS:
        entries = release.get(block)
        if isinstance(entries, dict):
            places.extend((("release", block, str(key)), value) for key, value in entries.items())
    places.extend(
        (("release", "components", i, "license"), entry.get("license"))
        for i, entry in _entries(release)
    )
    for where, value in places:
        text = value.get("text") if isinstance(value, dict) else value
        if not isinstance(text, str):
            continue
        note = _PLACEHOLDER_NOTE.search(text)
        if note is not None:
            said = " ".join(text[note.start() + 2 :].split(",")[0].split()[:3])  # `— declare it`
            yield Problem(
                where,
                f"`{said}…` is `osai init`'s note on what to write, left beside the value: "
                "delete it, from its `—`",
            )
        elif run_on := _note_run_on(text):
            yield Problem(
                where,
                f"`{run_on}…`, the end of `osai init`'s note, was left uncommented on the line "
                "below and is read as part of the value: delete that line",
            )


def _note_run_on(text: str) -> str:
    """The first words of the end of an unlisted component's note (NOTE_ENDINGS), two words at
    least, that a value ends with, or "": the entry uncommented whole and a licence written over
    its `?  — not detected: …`, YAML joins the note's next line to the licence ("MIT this entry
    and declare its licence (SPDX id)"), which was refused only as an expression that does not
    parse, "'(' follows a licence with no AND, OR or WITH between them"."""
    words = text.split()
    for ending in NOTE_ENDINGS:
        tail = ending.split()
        for size in range(len(tail), 1, -1):
            if len(words) > size and words[-size:] == tail[-size:]:
                return " ".join(tail[-size:][:3])
    return ""


@cache
def _example_words() -> frozenset[str]:
    """The examples' words (_words), worked out once, not for every manifest read."""
    return frozenset(_words(text) for text in EXAMPLE_TEXTS)


_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> str:
    """A sentence's words in order, as compared with an example's: not its spacing, case,
    punctuation, width (NFKC) or invisible characters (a zero-width space), so the example
    with its full stop dropped or a zero-width space in a word is the example still (each was
    read as the release's declared description)."""
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", visible).casefold()))


def _fact_value_problem(
    document: YamlDocument, where: tuple[str, ...], kind: FactKind, value: Any
) -> str:
    """What is wrong with a fact's value for its kind ("" when nothing is)."""
    if isinstance(value, bool):
        return _boolean_fact(kind, document.spelling_of(*where) or str(value).lower(), value)
    if isinstance(value, dict):
        return _fact_form_problem(kind, value, document.spelling_of(*where, "provided"))
    return _fact_scalar_problem(kind, value)


def _fact_form_problem(kind: FactKind, form: dict[str, Any], provided_spelling: str | None) -> str:
    """The {…} form: `provided: false` (exactly) with nothing said, and text that is text (a
    number's or a category's value as its text); the rest the schema checks."""
    spelt_false = (provided_spelling or "").lower() == "false"  # as `false` alone is read
    if "provided" in form and (form["provided"] is not False or not spelt_false):
        written = f"`{provided_spelling}`" if provided_spelling else shown(form["provided"])
        return f"`provided:` takes `false` only (the item is not provided), not {written}"
    text = form.get("text")
    if "text" in form and not isinstance(text, str):
        return f"`text:` takes words in quotes, not {shown(text)}{_written_instead(kind, text)}"
    if form.get("provided") is False:
        said = [key for key in ("text", "url") if key in form]
        if said:
            return (
                f"`provided: false` says {kind.id} is not provided: remove "
                f"{' and '.join(said)}, or `provided: false`"
            )
        return ""
    if isinstance(text, str) and kind.says_none(text) and "url" in form:
        # the url was dropped unread: `{text: none, url: <Llama 2's page>}` declared no base,
        # and the weights met where the base the url names binds them
        if kind.withholds(text):
            # 'TBD' says the item is not given (yet), which a url beside it may give or only
            # promise: read as `false`, the url would go unread; read as the item, the words
            # would.  Refused as `{provided: false, url: ...}` is, with what each edit means.
            return (
                f"`text: {escaped_name(text)}` says {kind.id} is not provided (yet): remove "
                "url, or write in text what the url gives"
            )
        return f"`text: {escaped_name(text)}` says there is no {kind.id}: remove url, or the text"
    if kind.type in ("number", "category"):
        return _fact_scalar_problem(kind, form.get("text"))
    return ""


def _written_instead(kind: FactKind, value: Any) -> str:
    """How a value given to `text:` that is no text is written instead, or "": a list or a
    mapping is no one value ("write base_model: '['a', 'b']'" quoted nothing right), and a
    number the fact does not admit no value at all (`{text: 0}` was told to write
    `training_compute_flop: 0`, which is refused)."""
    if isinstance(value, (list, dict)) or value is None:
        return ""
    # the value, bounded and one line, as YAML wrote it (true, not True)
    example = escaped_name(shown(value) if isinstance(value, bool) else str(value))
    quoted = "'" + example.replace("'", "''") + "'"  # YAML's single quotes double a quote
    if kind.type != "number":
        return f"; write {kind.id}: {quoted}, or text: {quoted}"
    number = fact_number(value)
    if number is None or not kind.admits(number):
        return ""
    return f"; write {kind.id}: {example}, or text: {quoted}"


def _fact_scalar_problem(kind: FactKind, value: Any) -> str:
    if kind.type == "number":
        number = fact_number(value)
        if number is None and _not_finite(value):  # "1e999": YAML 1.1 reads it as text
            return str(not_finite(str(value)))
        if number is not None and not kind.admits(number):
            # said after the key's path: "training_compute_flop: training_compute_flop must"
            # named it twice
            if number < 0:  # a number, but no count of anything
                return f"must be 0 or more, not {number:g}"
            return "must be more than 0, not 0 (give the estimate, or leave it out)"
        return "" if number is not None else "must be a number, e.g. 3.1e23"
    if kind.type == "category" and value not in kind.values:
        return f"must be {_category_values(kind)}, not {shown(value)}"
    if kind.type == "statement" and not isinstance(value, str):
        # the schema admits a number for any declaration (it cannot tell which fact counts):
        # `base_model: 7` or `copyright_policy: 7` was read as a statement that was no text,
        # and the check ended in an internal error
        return f"takes words in quotes, not {shown(value)}{_written_instead(kind, value)}"
    return ""


def _category_values(kind: FactKind) -> str:
    # said after the key's path, as every fact's message is: naming the key again read
    # "weights_access: weights_access is one of ..."
    return f"one of {', '.join(kind.values)}"


def _not_finite(value: Any) -> bool:
    """Text a float reads as infinite or not a number ("1e999", "inf", "nan")."""
    try:
        return isinstance(value, str) and not math.isfinite(float(value.strip()))
    except ValueError:
        return False


def fact_number(value: Any) -> float | None:
    """A YAML number, or a number written as text ("3.1e23": YAML 1.1 reads 3.1e23 as text)."""
    if isinstance(value, bool):
        return None
    if not isinstance(value, int | float | str):
        return None
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except ValueError:
        return None
    except OverflowError:  # an integer past the largest float (1e309 as digits): no finite one
        return None
    return number if number == number and abs(number) != float("inf") else None


def _boolean_fact(kind: FactKind, spelling: str, value: bool) -> str:
    """`false` (exactly) declares an item not provided; any other boolean is a YAML trap."""
    if value is False and spelling.lower() == "false":
        return ""
    meaning = "false (not provided)" if not value else "true"
    # What to write instead depends on the kind: `none` is a statement's word, not a number.
    if kind.type == "number":
        instead = "write a number, e.g. 3.1e23 (leave it out while it is not known)"
    elif kind.type == "category":
        instead = f"write {_category_values(kind)}"
    else:
        # quoted, `no` is read as `none` is (rules/components.yaml none_used_words): as none
        # used of a sources item, as not provided of a description, where "text in quotes
        # ('no')" told of a way out that is none; `none` is offered only where it means none used
        used = "" if kind.says_none("none") else "`none` if no such data was used, "
        instead = f"write {used}`false` if the item is not provided, or the item itself, in quotes"
    return f"YAML reads `{spelling}` as {meaning}: {instead}"


def _owned(release: dict[str, Any], rules: RuleSet) -> list[Problem]:
    """What the user's own manifest is refused for and someone else's is not, the one list of
    it: a blank component licence, a licence that is not a licence expression or is near one
    osai knows, a fact left as the blank manifest's example.  Named as the user's file
    (manifest_problems) or read as someone else's first (owned_problems), it is refused alike:
    listed in each, the example facts had to be added to both."""
    notes = list(_placeholder_notes(release))
    noted = {problem.path for problem in notes}  # the note's words are why it does not parse
    licences = _licence_problems(release, rules, _owned_licence_problem)
    return [
        *_blank_component_licences(release),
        *_unnamed_licence_file_problems(release),
        *(problem for problem in licences if problem.path not in noted),
        *_example_facts(release),
        *notes,
    ]


def _licence_problems(
    release: dict[str, Any], rules: RuleSet, problem_of: Callable[[str, LicenceKnowledge], str]
) -> list[Problem]:
    """Each licence the manifest writes that is too long to read, or that `problem_of` finds
    wrong."""
    found = (
        (where, overlong_licence(text) or problem_of(text, rules.licences))
        for where, text in _licence_strings(release)
    )
    return [Problem(where, problem) for where, problem in found if problem]


def blank_licence(entry: Mapping[str, Any]) -> bool:
    """Whether a component entry writes `license: ''` (or blanks): a value not filled in, which
    states nothing (the Model Openness Tool reads it as `unlicensed`)."""
    licence = entry.get("license")
    return isinstance(licence, str) and not licence.strip()


def declared_not_included(entry: Mapping[str, Any], knowledge: LicenceKnowledge) -> bool:
    """Whether a component entry's `license:` is the Model Openness Tool's 2024 keyword for a
    component left out ("Component not included", and its misspellings): no licence, but the
    component not released, as `released: false` says."""
    licence = entry.get("license")
    if not isinstance(licence, str) or blank_licence(entry):
        return False
    return parse_licence(licence, knowledge, exact=False).state is LicenceState.NOT_INCLUDED


def _blank_component_licences(release: dict[str, Any]) -> Iterator[Problem]:
    """A component's `license: ''` in the user's own manifest.  The Model Openness Tool reads it
    as `unlicensed` (released with no licence: unmet, and no inheritance), but a blank left in
    one's own file is a value not filled in, not evidence that there is no licence, so it is
    refused.  A global `name: ''` stays valid: there the tool falls through to the next licence,
    and so does osai."""
    for index, entry in _entries(release):
        if blank_licence(entry):
            yield Problem(
                ("release", "components", index, "license"),
                "empty licence: write the component's licence, `unlicensed` if it has none, "
                "or leave the key out to inherit release.license",
            )


def unnamed_licence_files(release: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Each global licence (scope, file) given by its file alone, `{path: LICENSE}` with no
    name: a licence stated to exist, not which.  What it covers is not unlicensed (the release
    said "released with no licence" beside its own LICENSE file) but unknown."""
    globals_ = release.get("license")
    if not isinstance(globals_, dict):
        return
    for scope in _LICENCE_SCOPES:
        scoped = globals_.get(scope)
        if not isinstance(scoped, dict):
            continue
        name, path = scoped.get("name"), scoped.get("path")
        unnamed = str(name or "").strip() in NO_LICENCE_NAMES
        if unnamed and isinstance(path, str) and path.strip():
            yield scope, path.strip()


def _unnamed_licence_file_problems(release: dict[str, Any]) -> Iterator[Problem]:
    """A licence file with no name in the user's own manifest: a value not filled in."""
    for scope, path in unnamed_licence_files(release):
        yield Problem(
            ("release", "license", scope, "name"),
            f"a licence file ({escaped_name(path, 80)}) with no name: write the licence it holds "
            "(SPDX id), e.g. name: Apache-2.0",
        )


def _licence_strings(release: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each licence the manifest writes, where it writes it."""
    for index, entry in _entries(release):
        licence = entry.get("license")
        if isinstance(licence, str):
            yield ("release", "components", index, "license"), licence
    globals_ = release.get("license")
    if not isinstance(globals_, dict):
        return
    for scope in _LICENCE_SCOPES:
        scoped = globals_.get(scope)
        name = scoped.get("name") if isinstance(scoped, dict) else None
        if isinstance(name, str):
            yield ("release", "license", scope, "name"), name


def _misspelt(text: str, knowledge: LicenceKnowledge) -> str:
    """What someone else's manifest's licence is refused for: a misspelt id (`Apache-2.O`); in
    the user's own, more (_owned_licence_problem).  In someone else's (a MOT listing, a
    repository's) a name osai does not know is free text, judged unknown, and the rest of the
    file still counts."""
    known = misspelt_licence(text, knowledge)
    return _unknown_licence(text, known) if known else ""


def _owned_licence_problem(text: str, knowledge: LicenceKnowledge) -> str:
    """What the user's own manifest's licence is refused for: an expression that does not parse
    (`Apache-2.0 AND (`), or a licence osai does not read that is near one it does (`Apache-2.O`,
    `MIT Licence`, `GPL-3.0 Licence`): the user's value to correct, which osai would otherwise
    judge unknown, leaving every component that inherits it unknown, and point to `osai licenses
    show` for.  A name near none ("Acme Community License", a family's "BSD") stays unknown."""
    malformed = _expression_problem(text, knowledge)
    if malformed:
        return malformed
    if not names_unread_id(parse_licence(text, knowledge, exact=False)):
        return ""
    meant = licence_meant(text, knowledge)
    # Near an SPDX licence it is a slip; near one of osai's own names for a custom licence
    # ('Proprietary License', 'gemma licence') it is how its author names it: unknown, as before.
    if not meant or meant.startswith("LicenseRef-"):
        return ""
    return _unknown_licence(text, meant)


def owned_problems(document: YamlDocument, rules: RuleSet) -> list[Problem]:
    """What the user's own manifest is refused for and someone else's is not: a blank component
    licence, a licence that is not a licence expression and one near a licence osai knows (a
    manifest in the directory they check, already read as someone else's: osai.extract.release)."""
    release = document.data.get("release")
    return _owned(release, rules) if isinstance(release, dict) else []


def _expression_problem(text: str, knowledge: LicenceKnowledge) -> str:
    reason = malformed_expression(text, knowledge)
    return f"{shown(text)} is not a licence expression: {reason}" if reason else ""


# The longest licence a refusal offers whole; a longer one is offered by the ids it corrects.
_MEANT_CHARS = 60


def _unknown_licence(text: str, known: str) -> str:
    """The refusal of a licence osai does not read, with what it likely means.  A long
    expression's correction was offered whole (a 2,000-character expression of misspelt ids
    made a refusal of 4,000, cut where the CLI cuts a line): past a line's worth, the words it
    corrects are named instead, the first few."""
    if len(known) <= _MEANT_CHARS:
        return f"unknown licence {shown(text)} ({meant_hint(text, known)})"
    written, meant = EXPRESSION_TOKEN.findall(text), known.split(" ")
    if len(written) != len(meant):  # not a correction word by word (misspelt_licence)
        return f"unknown licence {shown(text)} (did you mean {quoted_name(known)}?)"
    # each word changed (an operator is only upper-cased)
    pairs = zip(written, meant, strict=True)
    changed = [(old, new) for old, new in pairs if new not in (old, old.upper())]
    # each once: a typo written ten times was offered its correction three times, and hid the
    # others behind the count
    corrected = tuple(dict.fromkeys(f"'{new}' for '{old}'" for old, new in changed))
    return f"unknown licence {shown(text)} (did you mean {some_of(corrected, 3)}?)"


# The keys of a fact's {…} form that _fact_form_problem judges itself: the schema's word on
# one (`text: 3.1e+23`: "expected text") is the check's mistake said again, less helpfully.
_FORM_KEYS_JUDGED = frozenset({"text", "provided"})


def shadowed(problem: Problem, checked: list[Problem]) -> bool:
    """A schema problem on a node a check here already explains (a YAML boolean fact), or on
    a key of a fact's form that the check judges."""
    return any(
        problem.path == other.path
        or (problem.path[:-1] == other.path and problem.path[-1] in _FORM_KEYS_JUDGED)
        for other in checked
    )
