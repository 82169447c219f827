"""The JSON Schemas osai publishes, and the one place that turns violations into plain messages.

Every file osai validates (manifests, rules, configuration) reports its problems the same way: all
of them at once (up to MAX_PROBLEMS), one per line, each `file:line: path.to[2].key: what is
wrong`, in plain words, with a did-you-mean where a close spelling exists.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from osai.errors import BadInput
from osai.paths import schema_dir
from osai.suggest import closest, did_you_mean, meant_said
from osai.textsafe import cut
from osai.yamlbuild import key_text
from osai.yamlsafe import SplitNumber, YamlDocument, YamlPath, plain_path

MAX_PROBLEMS = 20
_MAX_CHOICES = 14
_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping (key: value lines)",
    "array": "a list",
    "null": "nothing",
}
# The patterns of the schemas users' files meet, in words: "'MOF C1' does not match '^\\S+$'"
# told a person nothing.  A pattern not here is quoted as it is.
_PATTERN_WORDS = {
    r"^\S+$": "one word, without spaces",
    r"\S": "some text, not blank",
    # "a to z": an author's 'label-non-démontré' is lower-case, and was told to be lower-case
    r"^[a-z0-9][a-z0-9-]*$": "an id: lower-case letters a to z, digits and hyphens (not first)",
    r"^[a-z0-9_]+$": "a key: lower-case letters a to z, digits and underscores",
    # a framework's requirement and scope ids, its declare_in keys and not_judged title: an
    # author's first requirement id, 'LIO-DONNÉES', met the bare regex
    r"^[A-Z0-9][A-Z0-9-]*$": "an id: capital letters A to Z, digits and hyphens (not first)",
    r"^release\.[a-z_]+(\.[a-z_]+\*?)?$": (
        "a manifest key: release.BLOCK or release.BLOCK.KEY, e.g. "
        "release.declarations.copyright_policy"
    ),
    r"^((?!: ).)*$": "a phrase without ': ' (a colon and a space)",
}
# YAML 1.1 reads these plain words as booleans (PyYAML does): a trap where text was meant.
YAML11_BOOLEAN_WORDS = frozenset({"yes", "no", "on", "off"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a document: which node, in plain words, and the line to point at."""

    path: YamlPath
    message: str
    line: int | None = None
    # An unknown key's near spelling of a known one (`requirments`): the key it stands for,
    # whose "missing (required)" is the same mistake said twice
    stands_for: YamlPath | None = None


@cache
def load_schema(name: str) -> dict[str, Any]:
    path = schema_dir() / f"{name}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(
        load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def shown_problems(problems: Sequence[str]) -> tuple[str, ...]:
    """At most MAX_PROBLEMS of the problems, as an error's arguments (the CLI prints each as an
    error line; osai.errors.OsaiError)."""
    shown = tuple(problems[:MAX_PROBLEMS])
    hidden = len(problems) - len(shown)
    return (*shown, f"(and {hidden} more: fix these first)") if hidden else shown


class FileProblems(BadInput):
    """A file's problems as shown_problems gives them (its arguments), with the problems shown
    and how many it has in all kept apart: a repository's invalid manifest says each at its
    line and counts the rest, which it read back out of "(and N more: fix these first)"."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(*shown_problems(problems))
        self.problems = tuple(problems[:MAX_PROBLEMS])
        self.total = len(problems)


def problems_of(exc: BadInput) -> tuple[tuple[str, ...], int]:
    """The problems an error names, and how many it has in all (FileProblems counts those left
    out; any other error's lines are its problems)."""
    if isinstance(exc, FileProblems):
        return exc.problems, exc.total
    lines = tuple(str(exc).splitlines())
    return lines, len(lines)


def schema_errors(name: str, document: YamlDocument, *, root: str = "") -> list[str]:
    """Every schema violation in a document, as 'file:line: path: reason', in file order.

    `root` names the document's own place (a TOML table, `tool.osai`) before every path."""
    return render_problems(document, schema_problems(name, document), root=root)


def schema_problems(name: str, document: YamlDocument) -> list[Problem]:
    """Every schema violation in a document, in plain words (unordered, each once).

    A document the compiled validator accepts (osai/schemas_compiled: the schemas of files users
    write) is valid without importing jsonschema, which costs 0.1 to 4 s; jsonschema describes
    the problems of a document that is not valid.
    """
    if _compiled_accepts(name, document.data):
        return []
    found = [
        problem
        for error in _validator(name).iter_errors(document.data)
        for problem in _problems(error, document)
    ]
    misspelt = {problem.stands_for for problem in found if problem.stands_for is not None}
    return list(
        dict.fromkeys(
            problem
            for problem in found
            if not (problem.message == _MISSING and problem.path in misspelt)
        )
    )


def render_problems(
    document: YamlDocument, problems: Iterable[Problem], *, root: str = ""
) -> list[str]:
    """Problems in file order, each as one line."""
    problems = _split_numbers_said(document, problems)
    placed = [(_line(document, problem), problem) for problem in problems]
    placed.sort(key=lambda item: (item[0] or 0, _in_order(item[1].path)))
    return [
        f"{document.where(line=line)}: {plain_path(problem.path, root)}: {problem.message}"
        for line, problem in placed
    ]


def _split_numbers_said(document: YamlDocument, problems: Iterable[Problem]) -> list[Problem]:
    """The problems of a {…} or […] that holds a number written with a comma (`{flops:
    1,000}`), and of the entries the comma made of it, said as that comma, once: YAML ends an
    entry there, and they were said of its parts ("`text:` takes words in quotes, not the
    number 1", "...flops.0: unknown key").  Another entry's problem is its own, said as ever.
    A collection with no problem is left alone: `[1,000]` may be meant as 1 and 0."""
    kept: list[Problem] = []
    said: set[YamlPath] = set()
    for problem in problems:
        within = next(
            (p for p, split in document.split_numbers.items() if _of_split(problem, p, split)),
            None,
        )
        if within is None:
            kept.append(problem)
        elif within not in said:
            said.add(within)
            split = document.split_numbers[within]
            kept.append(Problem(within, _comma_said(split), line=split.line))
    return kept


def _of_split(problem: Problem, collection: YamlPath, split: SplitNumber) -> bool:
    """A problem of the collection itself, or of an entry a comma made of its number."""
    size = len(collection)
    if problem.path[:size] != collection:
        return False
    return len(problem.path) == size or str(problem.path[size]) in map(str, split.parts)


def _comma_said(split: SplitNumber) -> str:
    parts = split.written.split(",")
    return (
        f"{split.written} inside {split.brackets} is {len(parts)} entries to YAML "
        f"({' and '.join(parts)}): a comma there ends one; write {''.join(parts)}, or "
        f"'{split.written}' for text"
    )


def _in_order(path: YamlPath) -> list[tuple[int, str]]:
    """A path as it sorts within one line: list entries by their index, not their digits (a
    manifest written as one line of JSON listed components[10] before components[2], and the
    first problems shown were not the first ones).  A key is sorted as text: YAML's keys need
    not be (`&a : ` is an empty key, None, beside `release`: an internal error, exit 70)."""
    return [(part, "") if isinstance(part, int) else (-1, str(part)) for part in path]


COMPILED = frozenset({"manifest", "config", "framework"})  # scripts/compile_schemas.py


def _compiled_accepts(name: str, data: Any) -> bool:
    if name not in COMPILED:
        return False
    validate = import_module(f"osai.schemas_compiled.{name}").validate
    try:
        validate(data)
    except ValueError:  # the generated code's JsonSchemaValueException
        return False
    return True


def instance_errors(name: str, instance: Any) -> Iterator[str]:
    """Schema violations of an in-memory instance (reports we produce), for tests and checks."""
    for error in _validator(name).iter_errors(instance):
        yield f"at {plain_path(tuple(error.absolute_path))}: {error.message}"


def boolean_hint(document: YamlDocument, node_path: YamlPath) -> str:
    """For a YAML 1.1 boolean (`no`, `on`...): what YAML made of it, and how to write text."""
    spelling = document.spelling_of(*node_path)
    if spelling is None or spelling.lower() not in YAML11_BOOLEAN_WORDS:
        return ""
    value = "true" if spelling.lower() in {"yes", "on"} else "false"
    return f"YAML reads `{spelling}` as {value}; quote it, '{spelling}', if you mean the text"


# YAML 1.1 (PyYAML) reads a number with an exponent as text unless its mantissa has a point and
# its exponent a sign: 1.0e25, 1e25 and 1e+25 are text, 1.0e+25 and 1.e+25 numbers.
_EXPONENT = re.compile(r"(?P<mantissa>[-+]?(\d+\.?\d*|\.\d+))[eE](?P<exponent>[-+]?\d+)")


def _exponent_hint(wanted: list[str], instance: Any) -> str:
    """For a number written `1.0e25` or `1e+25`, which YAML 1.1 reads as text: how to write
    it (as YAML reads it as a number)."""
    if "number" not in wanted or not isinstance(instance, str):
        return ""
    match = _EXPONENT.fullmatch(instance.strip())
    if match is None:
        return ""
    mantissa, exponent = match["mantissa"], match["exponent"]
    signed = exponent if exponent[0] in "+-" else f"+{exponent}"
    pointed = mantissa if "." in mantissa else f"{mantissa}.0"
    if (pointed, signed) == (mantissa, exponent):
        return ""  # a number quoted: text as written
    why = "without its sign" if signed != exponent else "after a number with no point"
    return f"YAML reads an exponent {why} as text; write {pointed}e{signed}"


def _quote_hint(wanted: list[str], instance: Any, written: str | None) -> str:
    """For a number where text is wanted (a framework's `version: 1.0`): how to write text,
    quoting back what was `written` (YamlDocument.written), never the number YAML made of it:
    YAML made 1.1 of `1.10`, and advising '1.1' would be wrong."""
    if "string" not in wanted or isinstance(instance, bool):
        return ""
    if not isinstance(instance, int | float):
        return ""
    # quoted back whole or not at all: a cut one ("1.000...") is no text to write
    quoted = f': "{written}"' if written is not None and cut(written) == written else ""
    return f"write it in quotes to mean the text{quoted}"


def _list_hint(wanted: list[str], instance: Any) -> str:
    """For one text where a list is wanted (`add-framework: x.yaml`, `targets: m.yml`): how to
    write a list of one, as YAML and TOML both read it.  "expected a list" alone left the
    author to guess, as `frameworks:` and `require:` take one text too."""
    if wanted != ["array"] or not isinstance(instance, str) or not instance.strip():
        return ""
    if cut(instance, _LIST_SAMPLE) != instance:  # a sample to copy, never one cut with "..."
        return "a list of one is written in brackets, the text quoted in them"
    return f"a list of one is written [{json.dumps(instance, ensure_ascii=False)}]"


_LIST_SAMPLE = 60  # the longest text `_list_hint` writes out as a list of one


def _line(document: YamlDocument, problem: Problem) -> int | None:
    if problem.line is not None:
        return problem.line
    for end in range(len(problem.path), -1, -1):
        line = document.key_line_of(*problem.path[:end])
        if line is not None:
            return line
    return None


# --- one jsonschema error → plain problems -------------------------------------------------


def _problems(error: Any, document: YamlDocument) -> list[Problem]:
    path: YamlPath = tuple(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        extra = [key for key in error.instance if key not in known]
        return [_unknown_key(document, path, key, known) for key in extra]
    if kind == "required" and isinstance(error.instance, dict) and _named_by_keys(error.schema):
        return [_form_not_given(error, document, path)]
    if kind == "not" and _form_wanting(error):
        return []  # said with the form's missing keys (_form_not_given)
    if kind == "required" and isinstance(error.instance, dict):
        # One error per missing key, each naming the whole list: report every missing key (the
        # duplicates are dropped by schema_problems).
        line = document.key_line_of(*path)
        missing = [key for key in error.validator_value if key not in error.instance]
        return [Problem((*path, key), _MISSING, line) for key in missing]
    if kind in {"oneOf", "anyOf"}:
        return _alternatives(error, document, path)
    return [Problem(path, _message(error, document, path))]


_MISSING = "missing (required)"


def _form_not_given(error: Any, document: YamlDocument, path: YamlPath) -> Problem:
    """A form named by its keys (a levelled framework's requirement: `check` and `level`, not
    `grades`) whose keys are missing, in one line with the other form's keys it holds instead:
    a graded framework's requirement written with `level` and `check` was "grades: missing"
    and "`check` and `level` do not go with `grades`", of a `grades` never written."""
    missing = [key for key in error.validator_value if key not in error.instance]
    held = [key for key in _forbidden_keys(error.schema["not"]) if key in error.instance]
    said = f"expected {_keys_said(missing)}, not {_keys_said(held)}" if held else ""
    return Problem(path, said or f"missing {_keys_said(missing)}", document.key_line_of(*path))


def _form_wanting(error: Any) -> bool:
    """A `not` of a form named by its keys (_named_by_keys) some of whose keys are missing."""
    form, instance = error.schema, error.instance
    return (
        isinstance(instance, dict)
        and _named_by_keys(form)
        and any(key not in instance for key in form["required"])
    )


_BOUND_WORDS = {
    "exclusiveMinimum": "above",
    "minimum": "of at least",
    "exclusiveMaximum": "below",
    "maximum": "of at most",
}


def _unknown_key(document: YamlDocument, path: YamlPath, key: Any, known: list[str]) -> Problem:
    # A key YAML reads as a number, a date or null is named as written and placed at its own
    # line: `1: y` under release was "release[1]" (a list's entry) at release's line.
    written = key_text(key)
    meant = closest(written, known)  # once: difflib over every known key, for each unknown one
    stands_for = None if meant is None or meant == written else (*path, meant)
    return Problem(
        (*path, written),
        "unknown key" + meant_said(written, meant),
        document.key_line_of(*path, written),
        stands_for=stands_for,
    )


def _message(error: Any, document: YamlDocument, path: YamlPath) -> str:
    kind, instance = error.validator, error.instance
    if kind in {"type", "format"} and error.schema.get("format") == "date":
        # `expires: 20270630` read "expected text, found the number 20270630"
        return f"expected a date (YYYY-MM-DD), found {shown(instance)}"
    if kind == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        expected = " or ".join(_TYPE_WORDS.get(name, name) for name in names if name != "null")
        written = document.written(*path)
        hint = (
            boolean_hint(document, path)
            or _exponent_hint(names, instance)
            or _quote_hint(names, instance, written)
            or _list_hint(names, instance)
        )
        # cut, as shown() cuts a value: a number 3,000 digits long was quoted whole, and the
        # message, cut at its end, lost the hint
        found = f"the number {cut(written)}" if written is not None else shown(instance)
        return f"expected {expected}, found {found}" + (f" ({hint})" if hint else "")
    if kind == "enum":
        choices = [str(choice) for choice in error.validator_value if choice != ""]
        more = ", ..." if len(choices) > _MAX_CHOICES else ""
        listed = ", ".join(choices[:_MAX_CHOICES]) + more
        return f"{shown(instance)} is not one of: {listed}" + did_you_mean(str(instance), choices)
    if kind == "const":
        return f"expected {json.dumps(error.validator_value)}, found {shown(instance)}"
    if kind == "pattern" and error.validator_value in _PATTERN_WORDS:
        return f"expected {_PATTERN_WORDS[error.validator_value]}, found {shown(instance)}"
    if kind in _BOUND_WORDS and isinstance(instance, int | float):
        # `weight: 0` read "0 is less than or equal to the minimum of 0"
        bound = error.validator_value
        return f"expected a number {_BOUND_WORDS[kind]} {bound}, found {shown(instance)}"
    if kind in {"minProperties", "minItems"} and instance and error.validator_value > 1:
        # `any_of: [{component: model-card}]` read "must not be empty", of a list of one
        what = "entries" if kind == "minItems" else "keys"
        return f"at least {error.validator_value} {what}, found {len(instance)}"
    if kind in {"minLength", "minProperties", "minItems"}:
        return "must not be empty"
    if kind == "maxItems":
        return f"at most {error.validator_value} entries, found {len(instance)}"
    if kind == "uniqueItems" and isinstance(instance, list):
        twice = next(item for n, item in enumerate(instance) if item in instance[:n])
        return f"{shown(twice)} is given twice"
    if kind == "not" and isinstance(instance, dict):
        # "{'component': ..., 'met_if': [...]} should not be valid under {'anyOf': [..."
        given = [key for key in _forbidden_keys(error.validator_value) if key in instance]
        own = error.schema.get("required") or ()
        if given and own:
            verb = "does" if len(given) == 1 else "do"
            return f"{_keys_said(given)} {verb} not go with {_keys_said(own)}"
    if kind == "maxLength" and isinstance(instance, str):
        # "'XXXX…' is too long" cut at 160 characters lost "is too long" for a long value
        return f"{shown(instance)} is longer than {error.validator_value} characters"
    message = str(error.message)
    return message if len(message) <= 160 else message[:157] + "..."


def _alternatives(error: Any, document: YamlDocument, path: YamlPath) -> list[Problem]:
    """A value that may take several forms: the problems of the form its type chose, if any;
    else what the forms are."""
    unnamed = (
        _no_form_named(error, path) or _forms_mixed(error, path) or _no_form_keyed(error, path)
    )
    if unnamed is not None:
        return [unnamed]
    own = _form_of_its_kind(error)
    if own:
        return [problem for sub in own for problem in _problems(sub, document)]
    chosen = (
        _taken_form(error, path)
        or _keyed_form(error)
        or [sub for sub in error.context or () if _said_of_its_form(sub)]
    )
    if chosen:
        deepest = max(len(sub.absolute_path) for sub in chosen)
        return [
            problem
            for sub in chosen
            if len(sub.absolute_path) == deepest
            for problem in _problems(sub, document)
        ]
    forms = " or ".join(_form(sub) for sub in error.validator_value)
    hint = boolean_hint(document, path)
    found = shown(error.instance) + (f" ({hint})" if hint else "")
    return [Problem(path, f"expected {forms}, found {found}")]


def _taken_form(error: Any, path: YamlPath) -> list[Any]:
    """When the value names its form by a constant key (`kind: graded`), the errors of that
    form, each of them, a type deep inside included: a grade named `yes` (YAML's true) in a
    `kind: graded` scoring was reported as the levels form's missing keys.  Else, when its
    keys name it (_forms_not_holding), that form's.  [] otherwise."""
    refused = set(_forms_refused(error, path)) or _forms_not_holding(error)
    if not refused or len(refused) >= len(error.validator_value):
        return []
    return [
        sub
        for sub in error.context or ()
        if (sub.relative_schema_path[0] if sub.relative_schema_path else None) not in refused
    ]


def _form_of_its_kind(error: Any) -> list[Any]:
    """The errors of the one form that takes the value's kind (a mapping, a list...), when
    the others cannot: a fact's `{text: …, certainty: infered}` was "expected text or a
    mapping of text, url, note, certainty, provided or false, found a mapping", and a
    component_path list holding a number "expected text or a list, found a list", naming
    neither the key nor the entry at fault.  [] when several forms, or none, take it."""
    forms = error.validator_value
    if not isinstance(forms, list):
        return []
    kind = _json_kind(error.instance)
    taking = [index for index, form in enumerate(forms) if _may_take(form, kind)]
    return _errors_of_form(error, taking[0]) if len(taking) == 1 else []


def _errors_of_form(error: Any, index: int) -> list[Any]:
    """The errors of one form (its index among the oneOf/anyOf's) of a value no form took."""
    return [
        sub
        for sub in error.context or ()
        if sub.relative_schema_path and sub.relative_schema_path[0] == index
    ]


def _json_kind(instance: Any) -> str:
    if isinstance(instance, bool):
        return "boolean"
    if isinstance(instance, int | float):
        return "integer" if isinstance(instance, int) else "number"
    if instance is None:
        return "null"
    if isinstance(instance, dict):
        return "object"
    return "array" if isinstance(instance, list) else "string"


def _may_take(form: Any, kind: str) -> bool:
    """Whether a form may take a value of that JSON kind: one it names by `type`, `const` or
    `enum`; any kind for a form that names none (a `$ref`: its errors say which)."""
    if not isinstance(form, dict):
        return True
    if "type" in form:
        named = form["type"]
        types = {named} if isinstance(named, str) else set(named)
    elif "const" in form or "enum" in form:
        values = [form["const"]] if "const" in form else list(form["enum"])
        types = {_json_kind(value) for value in values}
    else:
        return True
    return kind in types or (kind == "integer" and "number" in types)


def _forms_not_holding(error: Any) -> set[int]:
    """The forms, by their place in the list, each with keys of its own, that do not know a key
    the value holds which another form knows: a levels scoring (which need not say `kind:
    levels`) with a typo in it was also reported as the graded form's missing `kind` and
    `grades` and its unknown keys, five lines for one mistake; a graded one that forgot `kind:
    graded` is the graded form's, whose `kind` is what is missing."""
    instance, forms = error.instance, error.validator_value
    if not isinstance(instance, dict) or not isinstance(forms, list):
        return set()
    if not all(isinstance(form, dict) and "properties" in form for form in forms):
        return set()
    known = [set(form["properties"]) for form in forms]
    anyone = set().union(*known)
    return {
        index
        for index, keys in enumerate(known)
        if any(key in anyone and key not in keys for key in instance)
    }


def _forms_keyed(error: Any) -> list[int]:
    """The forms, by their place in the list, that are named by keys the value holds: those
    that require keys and forbid another form's (`not`), every key they require given (a
    check's `component`, a graded requirement's `grades`)."""
    instance = error.instance
    if not isinstance(instance, dict) or not isinstance(error.validator_value, list):
        return []
    return [
        index
        for index, form in enumerate(error.validator_value)
        if _named_by_keys(form) and all(key in instance for key in form["required"])
    ]


def _named_by_keys(form: Any) -> bool:
    """A form named by its keys: it requires them and forbids another form's (`not`)."""
    return isinstance(form, dict) and "not" in form and bool(form.get("required"))


def _forms_mixed(error: Any, path: YamlPath) -> Problem | None:
    """A value holding the keys of two forms or more (a check's `component` and `fact`): that,
    in one line.  Each form said in jsonschema's words that another's key was not to be there,
    and every other form that its own key was missing.  None otherwise."""
    keyed = _forms_keyed(error)
    if len(keyed) < 2:
        return None
    required = [error.validator_value[index]["required"] for index in keyed]
    if len(required) == 2:
        return Problem(path, f"expected {_either(required)}, not both")
    named = [_keys_said(keys) for keys in required]
    several = any(len(keys) > 1 for keys in required)
    return Problem(path, f"expected one of {('; ' if several else ', ').join(named)}, not several")


def _either(required: list[Any]) -> str:
    """Forms by their keys, one or another ("`component` or `fact`"); a form of several keys set
    off (a detection file kind's "`names`, or `stems` and `extensions`, or …": without the
    commas it read as `names` with either of the others)."""
    several = any(len(keys) > 1 for keys in required)
    return (", or " if several else " or ").join(_keys_said(keys) for keys in required)


def _keyed_form(error: Any) -> list[Any]:
    """The errors of the one form the value's keys name, where it holds them (a graded
    requirement's `grades` beside a levelled one's `check`: "`check` does not go with
    `grades`", not the levelled form's missing `level`).  [] otherwise."""
    keyed = _forms_keyed(error)
    return _errors_of_form(error, keyed[0]) if len(keyed) == 1 else []


def _keyed_forms(error: Any) -> list[list[Any]] | None:
    """The required keys of each form, when every form is named by its keys (requires them and
    forbids another form's, `not`); None otherwise."""
    forms = error.validator_value
    if not isinstance(error.instance, dict) or not isinstance(forms, list):
        return None
    if not all(_named_by_keys(form) for form in forms):
        return None
    return [list(form["required"]) for form in forms]


def _no_form_keyed(error: Any, path: YamlPath) -> Problem | None:
    """A value holding none of the keys that name a form (a detection file kind with neither
    `names` nor `stems` and `extensions` nor …): that, in one line, where each form's missing
    keys were a line of their own.  None otherwise."""
    required = _keyed_forms(error)
    if required is None or any(key in error.instance for keys in required for key in keys):
        return None
    return Problem(path, f"missing {_either(required)}")


def _said_of_its_form(sub: Any) -> bool:
    """Whether a form's error is worth saying where no form was chosen: not a type, constant
    or choice (the form not taken), nor another form's key found beside this form's keys that
    are not there (a lone `check` in a graded framework is no `grades` requirement holding a
    `check`: that form's `grades: missing` says it)."""
    if sub.validator in {"type", "const", "enum"}:
        return False
    if sub.validator == "not" and isinstance(sub.instance, dict):
        return all(key in sub.instance for key in sub.schema.get("required") or ())
    return True


def _keys_said(keys: Iterable[Any]) -> str:
    return " and ".join(f"`{key}`" for key in keys)


def _forbidden_keys(schema: Any) -> list[Any]:
    """The keys a `not` schema forbids: its `required` keys, or each of its `anyOf`'s."""
    if not isinstance(schema, dict):
        return []
    found = list(schema.get("required") or ())
    for alternative in schema.get("anyOf") or ():
        found.extend(_forbidden_keys(alternative))
    return found


def _no_form_named(error: Any, path: YamlPath) -> Problem | None:
    """The key that names the form (`kind:`) naming none of them (`kind: grade`): that, where
    the first form's problems were reported, none of them the mistake.  None otherwise."""
    refused = _forms_refused(error, path)
    if not refused or len(refused) < len(error.validator_value):
        return None
    first = next(iter(refused.values()))
    names = [sub.validator_value for sub in refused.values()]
    wanted = " or ".join(json.dumps(name) for name in names)
    hint = did_you_mean(str(first.instance), [str(name) for name in names])
    return Problem(
        tuple(first.absolute_path), f"expected {wanted}, found {shown(first.instance)}{hint}"
    )


def _forms_refused(error: Any, path: YamlPath) -> dict[Any, Any]:
    """The forms whose naming key (`kind:`, _tag_keys) the value does not match, each with
    that error, by the form's place in the schema's list."""
    tags = _tag_keys(error.validator_value)
    return {
        sub.relative_schema_path[0]: sub
        for sub in error.context or ()
        if sub.validator == "const"
        and sub.relative_schema_path
        and len(sub.absolute_path) == len(path) + 1
        and sub.absolute_path[-1] in tags
    }


def _tag_keys(forms: Any) -> set[Any]:
    """The keys that name a form: pinned to a constant in two forms or more (`kind: levels`,
    `kind: graded`).  A constant of one form alone (a fact's `provided: false`) names none: its
    value refused is that form's mistake, and the form's other problems are still to be said."""
    pinned = Counter(
        key
        for form in (forms if isinstance(forms, list) else ())
        if isinstance(form, dict)
        for key, value in (form.get("properties") or {}).items()
        if isinstance(value, dict) and "const" in value
    )
    return {key for key, count in pinned.items() if count > 1}


def _form(schema: dict[str, Any]) -> str:
    if "const" in schema:
        return json.dumps(schema["const"])
    if schema.get("type") == "object" and schema.get("properties"):
        return "a mapping of " + ", ".join(schema["properties"])
    kind = schema.get("type", "a value")
    return _TYPE_WORDS.get(kind, kind) if isinstance(kind, str) else "a value"


def shown(instance: Any) -> str:
    """A value from the document as a message quotes it: its kind, or its text cut to 60
    characters (a 500 KB value makes no one-line error)."""
    if isinstance(instance, bool):
        return "true" if instance else "false"
    if instance is None:
        return "nothing"
    if isinstance(instance, dict):
        return "a mapping"
    if isinstance(instance, list):
        return "a list"
    if isinstance(instance, int | float):
        return f"the number {instance}"
    return repr(cut(str(instance)))
