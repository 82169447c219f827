"""Configuration for `osai check`: `.osai.yaml`, or `[tool.osai]` in `pyproject.toml`.  `osai
rules list|show|explain` and `osai compare` read the same file (found the same way, and refused
the same way when bad) for its `add-framework` only (osai.cli.configuration).

Where settings come from, highest precedence first:

1. The command line. A flag given there wins over the file: `-f/--framework`, `--require`,
   `-o/--output`, `--mof-mode`, `--fail-on-unknown/--no-fail-on-unknown`, `--min-certainty`,
   `--add-framework`, `--follow/--no-follow`. List flags replace the file's list rather than
   adding to it, and targets given on the command line replace the file's `targets`.
2. The configuration file: the one named by `--config FILE` (YAML, or TOML with a `[tool.osai]`
   table); otherwise `.osai.yaml` (or `.osai.yml`) in the current directory; otherwise the
   `[tool.osai]` table of `pyproject.toml` in the current directory (one in a directory above,
   up to the repository's root, is warned of, never read). Only one file is read, never a merge
   of several. Relative paths in the file (targets, output paths) are relative to the
   file's directory.
3. Built-in defaults: the default frameworks (OSAID and MOF, and any a `require` names, when
   neither `-f` nor `frameworks` names them: named, a `require` of another is refused), MOF
   mode `default`, no required policy, the text report on standard output, `fail-on-unknown`
   off, `min-certainty` detected, and links followed for a Hub model only (`follow` unset).

Waivers live only in the file (`waivers: [{rule, reason, expires, model, approved_by}]`): a
waiver needs a reason; `model` (a glob, or a list of them) limits it to the targets it matches;
one whose `expires` date (ISO, `YYYY-MM-DD`) has passed no longer applies, and the report says
so.  A waiver applies up to and including its expiry day, a day of UTC (waiver_day).  One
that waives nothing in a run is warned of (osai.waivers.idle), as is one of a framework the
run does not judge.

Pure parsing and validation: this module reads the file it is given and raises BadInput with one
line for anything wrong; it never prints or exits.
"""

from __future__ import annotations

import datetime
import os
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from osai.assessment import WaiverTerms
from osai.errors import BadInput
from osai.evidence import Certainty
from osai.outputs import OutputSpec
from osai.paths import from_directory, model_marks, repository_root
from osai.schemas import (
    YAML11_BOOLEAN_WORDS,
    load_schema,
    schema_errors,
    shown,
    shown_problems,
)
from osai.textsafe import comma_separated, escaped_name, quoted_name
from osai.yamlbuild import key_text
from osai.yamlsafe import YamlDocument, max_integer_digits, parse_yaml, read_text_file

YAML_NAMES = (".osai.yaml", ".osai.yml")
PYPROJECT = "pyproject.toml"
TOML_TABLE = ("tool", "osai")
T = TypeVar("T")


@dataclass(frozen=True)
class KnownAs:
    """The names a judged model goes by, which a waiver's `model` patterns are matched with:
    the target as typed and as the report names it (a Hub id for a Hub URL, `FILE#MODEL` for
    one model of an AI BOM) and their file names; the absolute form of each path; its Hub id."""

    names: tuple[str, ...]
    paths: tuple[str, ...] = ()
    hub_id: str = ""
    # The revision it was read at, as named and as the commit (short and full): `ID@REVISION`
    # is how a run of two revisions of one model names each (osai.run.named_apart).
    revisions: tuple[str, ...] = ()

    @property
    def hub_names(self) -> tuple[str, ...]:
        """Its Hub id, alone and at each revision (`EleutherAI/pythia-70m@step1000`)."""
        return (self.hub_id, *(f"{self.hub_id}@{revision}" for revision in self.revisions))


@dataclass(frozen=True)
class Waiver:
    """A requirement the publisher accepts as not met, why, until when, for which models, and
    who approved it."""

    rule: str
    reason: str
    expires: datetime.date | None = None
    location: str = ""
    line: int | None = None
    models: tuple[str, ...] = ()  # glob patterns (`meta-llama/*`, `llama-*.yml`); () is every one
    approved_by: str = ""

    def expired(self, today: datetime.date) -> bool:
        return self.expires is not None and self.expires < today

    def applies_to(self, model: KnownAs) -> bool:
        """Whether the waiver covers a model: one of its `models` patterns matches a name the
        model goes by (KnownAs), a path pattern read from the waiver's file's directory, as
        its targets are, and a Hub id in any case, as the Hub reads ids."""
        if not self.models:
            return True
        return any(self._matches(pattern, model) for pattern in self.models)

    def unmatched_patterns(self, models: Sequence[KnownAs]) -> tuple[str, ...]:
        """Its `models` patterns that match none of `models`: each one, not only when all do
        (a misspelt pattern beside one that matches waives nothing too)."""
        return tuple(
            pattern
            for pattern in self.models
            if not any(self._matches(pattern, model) for model in models)
        )

    def _matches(self, pattern: str, model: KnownAs) -> bool:
        if any(fnmatchcase(name, pattern) for name in model.names):
            return True
        if model.hub_id and any(
            fnmatchcase(name.casefold(), pattern.casefold()) for name in model.hub_names
        ):
            return True
        # `../models/*.yml` in ci/.osai.yaml names what `models/x.yml` names from the root
        anchored = os.path.abspath(os.path.join(os.path.dirname(self.location), pattern))
        return any(fnmatchcase(path, anchored) for path in model.paths)

    @property
    def terms(self) -> WaiverTerms:
        """What the reports say of a requirement this waiver waives."""
        expires = self.expires.isoformat() if self.expires else ""
        return WaiverTerms(self.reason, self.approved_by, expires)

    @property
    def where(self) -> str:
        """`FILE:LINE` of the waiver ("" when it was not read from a file)."""
        return f"{self.location}:{self.line}" if self.line else self.location


@dataclass(frozen=True)
class Config:
    """What a configuration file says; None or () where it says nothing."""

    path: Path | None = None
    targets: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()  # ids or aliases, as -f takes them
    frameworks_at: str = ""  # "FILE:LINE: frameworks", when the file names them
    framework_locations: tuple[tuple[str, str], ...] = ()  # id → "FILE:LINE: frameworks[i]"
    require: tuple[str, ...] = ()
    outputs: tuple[OutputSpec, ...] = ()
    modes: tuple[str, ...] = ()  # FRAMEWORK=MODE
    fail_on_unknown: bool | None = None
    fail_on_unknown_at: str = ""  # "FILE:LINE: fail-on-unknown", when the file says
    min_certainty: Certainty | None = None
    min_certainty_at: str = ""  # "FILE:LINE: min-certainty", when the file says
    follow: bool | None = None  # as --follow/--no-follow; None: for a Hub model only
    waivers: tuple[Waiver, ...] = ()
    add_frameworks: tuple[Path, ...] = ()  # framework rule files of one's own
    require_locations: tuple[tuple[str, str], ...] = ()  # spec → "FILE:LINE: require[i]"
    mode_locations: tuple[tuple[str, str], ...] = ()  # spec → "FILE:LINE: modes.mof"
    baseline: Path | None = None  # from the file's directory
    baseline_at: str = ""  # "FILE:LINE: baseline", when the file names one


@dataclass(frozen=True)
class Overrides:
    """What the command line says; None (or no targets) where a flag was not given."""

    targets: tuple[str, ...] = ()
    frameworks: tuple[str, ...] | None = None  # -f: replaces the file's list
    require: tuple[str, ...] | None = None
    outputs: tuple[OutputSpec, ...] | None = None
    modes: tuple[str, ...] = ()  # FRAMEWORK=MODE; each replaces the file's mode for its framework
    fail_on_unknown: bool | None = None
    min_certainty: Certainty | None = None
    add_frameworks: tuple[Path, ...] | None = None
    baseline: Path | None = None  # --baseline: replaces the file's
    follow: bool | None = None  # --follow/--no-follow: replaces the file's `follow`


@dataclass(frozen=True)
class Settings:
    """The settings a run uses, after precedence; waivers split into active and expired."""

    targets: tuple[str, ...]
    require: tuple[str, ...]
    outputs: tuple[OutputSpec, ...]
    modes: tuple[str, ...]  # FRAMEWORK=MODE, the file's first: a later one for a framework wins
    fail_on_unknown: bool
    waivers: tuple[Waiver, ...]
    expired: tuple[Waiver, ...]
    # the weakest evidence a gate may rest on; None when neither the flag nor the file says
    # (the run then takes detected, and says nothing of a --min-certainty no gate uses)
    min_certainty: Certainty | None = None
    source: Path | None = None
    add_frameworks: tuple[Path, ...] = ()
    # the file's `add-framework` files that --add-framework replaced (replaced_frameworks)
    replaced_frameworks: tuple[Path, ...] = ()
    require_locations: tuple[tuple[str, str], ...] = ()  # the file's, when its list is used
    mode_locations: tuple[tuple[str, str], ...] = ()  # the file's
    fail_on_unknown_at: str = ""  # the file's, when its value is used
    min_certainty_at: str = ""  # the file's, when its value is used
    frameworks: tuple[str, ...] = ()  # named by -f, else by the file; () the default ones
    frameworks_at: str = ""  # the file's `frameworks`, when its list is used ("" -f's)
    framework_locations: tuple[tuple[str, str], ...] = ()  # the file's, when its list is used
    baseline: Path | None = None  # --baseline, else the file's
    baseline_at: str = ""  # the file's, when its value is used
    # --follow/--no-follow, else the file's `follow`; None: links followed for a Hub model only
    follow: bool | None = None


def config_files(directory: Path) -> tuple[Path, ...]:
    """Every configuration file in `directory`: `.osai.yaml`, `.osai.yml`, a pyproject.toml with
    [tool.osai].  osai reads the first only, never merged, so the others are set aside
    (set_aside_warning).  A pyproject.toml that is not valid TOML is refused only when it would
    be the one read: beside an `.osai.yaml` it is looked at for the warning alone, and a
    project file being edited must not stop a check that never reads it."""
    found = [directory / name for name in YAML_NAMES if _looked_up(directory / name)]
    pyproject = directory / PYPROJECT
    if _looked_up(pyproject):
        try:
            table = _toml_table(pyproject, required=False)
        except BadInput:
            if not found:
                raise
            table = None
        if table is not None:
            found.append(pyproject)
    return tuple(found)


def _looked_up(path: Path) -> bool:
    """Whether a configuration file is there by its name, whatever it is: one that cannot be
    read (a symlink to nothing, a directory, a named pipe) is then refused where it is read
    (read_text_file), as any unreadable one; taken for absent, its `require:` was dropped and
    the check exited 0.  BadInput when the directory cannot be searched (pathlib raises
    PermissionError there, which was an internal error, exit 70): a file that may hold a gate
    is not taken to be absent."""
    try:
        path.lstat()
        return True
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise BadInput(
            f"{path}: cannot look for it ({exc.strerror}): name the settings file with "
            "--config FILE, or run osai from a directory it can read"
        ) from None


def set_aside_warning(found: Sequence[Path]) -> str:
    """The configuration files found (config_files) osai does not read, said: "" when there is
    one at most.  A gate in one of them was dropped without a word, and the check exited 0."""
    if len(found) < 2:
        return ""
    read, *aside = found
    named = " and ".join(_config_name(path) for path in aside)
    return (
        f"reading {_config_name(read)} only; {named} {'is' if len(aside) == 1 else 'are'} not "
        "read (osai reads one configuration file, never several: merge them, or remove those "
        "it does not read)"
    )


def _config_name(path: Path) -> str:
    return f"{path} [tool.osai]" if path.name == PYPROJECT else str(path)


def load_config(path: Path, cwd: Path | None = None) -> Config:
    """Read and validate one configuration file (YAML, or TOML with a [tool.osai] table)."""
    document = _document(path)
    root = ".".join(TOML_TABLE) if path.suffix.lower() == ".toml" else ""
    problems = schema_errors("config", document, root=root)
    if problems:
        _refuse_other_document(path, document)
        raise BadInput(*shown_problems(problems))
    return _config(document, _rebase_dir(path, cwd))


def resolve(config: Config, overrides: Overrides, today: datetime.date) -> Settings:
    """Command line over file over defaults; waivers that expired before `today` set aside."""
    targets = overrides.targets or config.targets
    if not targets:
        # Where else targets come from: the configuration file (never '.': a check of the
        # current directory is asked for, not assumed).
        where = f"{config.path} (it names none)" if config.path else YAML_NAMES[0]
        raise BadInput(
            _target_taken_as_a_value(overrides)
            or "no targets: give a manifest, AI BOM, directory, card or model id, "
            f"or list them under targets: in {where}"
        )
    from_file = overrides.frameworks is None
    return Settings(
        targets=targets,
        frameworks=_first(overrides.frameworks, config.frameworks),
        frameworks_at=config.frameworks_at if from_file else "",
        framework_locations=config.framework_locations if from_file else (),
        require=_first(overrides.require, config.require),
        require_locations=config.require_locations if overrides.require is None else (),
        outputs=_first(overrides.outputs, config.outputs),
        modes=(*config.modes, *overrides.modes),
        mode_locations=config.mode_locations,
        fail_on_unknown=_first_flag(overrides.fail_on_unknown, config.fail_on_unknown),
        fail_on_unknown_at=config.fail_on_unknown_at if overrides.fail_on_unknown is None else "",
        min_certainty=overrides.min_certainty or config.min_certainty,
        min_certainty_at=config.min_certainty_at if overrides.min_certainty is None else "",
        waivers=tuple(w for w in config.waivers if not w.expired(today)),
        expired=tuple(w for w in config.waivers if w.expired(today)),
        source=config.path,
        add_frameworks=added_frameworks(config, overrides.add_frameworks),
        replaced_frameworks=replaced_frameworks(config, overrides.add_frameworks),
        baseline=overrides.baseline or config.baseline,
        baseline_at=config.baseline_at if overrides.baseline is None else "",
        follow=overrides.follow if overrides.follow is not None else config.follow,
    )


def _target_taken_as_a_value(overrides: Overrides) -> str:
    """With no target, a value of --require or -f that is a model (a path here, or an id with a
    slash, which no policy or framework has): `osai check --require my-model` was told "no
    targets", though it named one, taken by --require for its policy."""
    for flag, values, what in (
        ("--require", overrides.require, "policy"),
        ("-f", overrides.frameworks, "framework"),
    ):
        for value in values or ():
            if os.path.isfile(value) and _is_framework_file(value):
                # a framework file is no target: `-f my-framework.yaml` was told to check it
                name = quoted_name(value)
                return (
                    f"no targets, and {flag} names a framework by its id: {name} is a "
                    f"framework file (--add-framework {name} adds it)"
                )
            if "/" in value or os.path.lexists(value):
                name = quoted_name(value)
                return (
                    f"no targets: {flag} took {name} for its {what}; give {flag} one "
                    f"({flag} osaid) and {name} as a target"
                )
    return ""


def _is_framework_file(path: str) -> bool:
    from osai.rules.load import is_framework_file  # only for a file a flag's value names

    return is_framework_file(Path(path))


def waiver_day() -> datetime.date:
    """The day waivers' expiry is judged on: today in UTC, not in the machine's time zone.  A
    CI runner keeps UTC and a laptop its own zone, so a waiver expiring on 2026-12-04 stopped
    applying on a laptop in Sydney ten hours before the CI, and in California eight hours
    after: the same commit passed one gate and failed the other.  UTC is the runner's own day,
    so the CI gate is as it was, and every machine now agrees with it."""
    return datetime.datetime.now(datetime.UTC).date()


def added_frameworks(config: Config, given: tuple[Path, ...] | None) -> tuple[Path, ...]:
    """The framework files of one's own a command knows: those given on the command line
    (--add-framework), which replace the file's list, else the file's `add-framework`.  `osai
    check` and `osai rules`/`compare` ask here, so each knows the frameworks the other does."""
    return _first(given, config.add_frameworks)


def replaced_frameworks(config: Config, given: tuple[Path, ...] | None) -> tuple[Path, ...]:
    """The file's `add-framework` files that --add-framework replaced and does not name: a
    waiver of a rule of one is of no framework the run knows, and was said to be a misspelt
    rule of another ("did you mean 'NAO-WEIGHTS'?" of NAOT-WEIGHTS)."""
    if given is None:
        return ()
    named = {path.resolve() for path in given}
    return tuple(path for path in config.add_frameworks if path.resolve() not in named)


def expiry_message(waiver: Waiver) -> str:
    """The line a report shows for a waiver that no longer applies."""
    expires = waiver.expires.isoformat() if waiver.expires else "?"
    # "after": every report says a waiver applies "until" its date, that day included
    lapsed = f"expired after {expires}; it no longer applies"
    return f"waiver for {waiver.rule} {lapsed} ({waiver.where})"


def _first(given: tuple[T, ...] | None, fallback: tuple[T, ...]) -> tuple[T, ...]:
    return given if given is not None else fallback


def _first_flag(given: bool | None, fallback: bool | None) -> bool:
    if given is not None:
        return given
    return bool(fallback)


# --- reading -------------------------------------------------------------------------------


def _document(path: Path) -> YamlDocument:
    """The configuration as a document, YAML or a TOML table, with the line of each node."""
    if path.suffix.lower() == ".toml":
        from osai.tomllines import toml_lines  # only for a TOML settings file

        text = read_text_file(path)  # read once: its table and its lines are of one text
        table = _toml_table(path, required=True, text=text)
        lines = toml_lines(text, TOML_TABLE)
        return YamlDocument(path, _plain(table), lines, key_lines=lines)
    text = read_text_file(path)
    try:
        document = parse_yaml(text, path)
    except ValueError as exc:  # PyYAML builds dates eagerly: `2026-02-30` raises ValueError
        _refuse_toml(path, text)
        raise BadInput(f"{path}: invalid YAML: {exc}") from None
    except BadInput:
        _refuse_toml(path, text)
        raise
    if document.data is None:
        return YamlDocument(path, {}, document.lines)
    if not isinstance(document.data, dict):
        _refuse_toml(path, text)
        found = shown(document.data)
        raise BadInput(f"{path}: expected a YAML mapping of osai settings, found {found}")
    plain = _plain(document.data)
    return YamlDocument(path, plain, document.lines, boolean_spellings=document.boolean_spellings)


def _refuse_other_document(path: Path, document: YamlDocument) -> None:
    """BadInput, in one line, when the file is a manifest, an AI BOM or a rule file: named as the
    settings (`--config osai.yaml`, a model's manifest), it said "unknown key" of each key."""
    from osai.rules.load import not_settings  # only for a file that is no settings file
    from osai.sources.bom_sniff import bom_format

    bom = bom_format(path)
    other = (f"an AI BOM ({bom})", "`osai check {path}` checks it") if bom else None
    other = other or not_settings(document)
    if other is None:
        return
    what, use = other
    # quoted for a shell: the command is to be run as it is said
    hint = f"{use.format(path=shlex.quote(str(path)))}; " if use else ""
    raise BadInput(
        f"{path}: {what}, not a settings file ({hint}--config names a file of settings such "
        "as .osai.yaml)"
    )


def _refuse_toml(path: Path, text: str) -> None:
    """BadInput saying so when a settings file YAML cannot read is TOML: read by its name, a
    `[tool.osai]` in `osai.conf` was "invalid YAML: did not find expected <document start>"."""
    import tomllib

    try:
        table = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return
    if table:
        raise BadInput(
            f"{path}: TOML, which osai reads only from a file whose name ends in .toml: "
            "rename it, or write its settings in YAML"
        )


def _toml_table(path: Path, *, required: bool, text: str | None = None) -> Any:
    data = _toml_document(path, text)
    table = data
    for key in TOML_TABLE:
        if not isinstance(table, dict) or key not in table:
            if required:
                raise BadInput(_no_table(path, data))
            return None
        table = table[key]
    return table


def _toml_document(path: Path, text: str | None = None) -> Any:
    """A TOML file (its `text`, when already read), parsed; BadInput, in one line, when it
    cannot be."""
    import tomllib  # only for a TOML settings file

    try:
        return tomllib.loads(read_text_file(path) if text is None else text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib's parser recurses into nested arrays and tables
        raise BadInput(f"{path}: invalid TOML: nested too deeply") from None
    except ValueError:  # tomllib turns digits into an int whatever their number: Python refuses
        limit = max_integer_digits()
        raise BadInput(f"{path}: a number too long to read (at most {limit:,} digits)") from None


def _no_table(path: Path, data: Any) -> str:
    return f"{path}: no [{'.'.join(TOML_TABLE)}] table{_near_table(data)}"


def unread_table_warning(directory: Path) -> str:
    """When no configuration file is found in `directory`: a warning that its pyproject.toml
    has a table named nearly [tool.osai] (`[tool.osia]`, `[tools.osai]`), which osai does not
    read; "" when not.  A gate written there was dropped without a word, and the check passed."""
    pyproject = directory / PYPROJECT
    if not pyproject.is_file():
        return ""
    try:
        data = _toml_document(pyproject)
    except BadInput:  # not valid TOML: it is no configuration
        return ""
    return _no_table(pyproject, data) if _near_table(data) else ""


# Names a settings file is given by mistake: without the leading dot, `osai.yaml` is the name
# of a model directory's manifest, which osai reads as a target, never for its settings.
UNDOTTED_NAMES = ("osai.yaml", "osai.yml")


def undotted_config_warning(directory: Path) -> str:
    """When no YAML settings file is found in `directory`: a warning that an `osai.yaml` there
    holds settings (and is no manifest: it has no `release`), which osai does not read; "" when
    not.  A gate written there was dropped without a word, and the check passed."""
    for name in UNDOTTED_NAMES:
        path = directory / name
        if not path.is_file():
            continue
        try:
            data = parse_yaml(read_text_file(path), path).data
        except (BadInput, ValueError):  # not YAML osai reads: no settings file either
            continue
        if not isinstance(data, dict) or "release" in data:
            continue
        settings = [str(key) for key in data if key in load_schema("config")["properties"]]
        if settings:
            return (
                f"{path} is not read: it holds settings ({', '.join(settings)}), and osai reads "
                f"them from .{name} (with a leading dot; {name} is a model directory's manifest)"
            )
    return ""


def pyproject_beside_undotted(found: Sequence[Path]) -> str:
    """When the settings read are pyproject.toml's [tool.osai] alone: the warning that an
    `osai.yaml` beside it holds settings (undotted_config_warning), "" when not.  A project's
    table (its framework files, say) hid the gate written there, and the check passed."""
    if len(found) != 1 or found[0].name != PYPROJECT:
        return ""
    return undotted_config_warning(found[0].parent)


def above_config_warning(directory: Path, environ: Mapping[str, str]) -> str:
    """When no configuration file is found in `directory`: a warning naming the nearest one in
    a directory above it, up to the repository's root (osai.paths.repository_root: the
    checkout GITHUB_WORKSPACE names, else the directory holding `.git`; outside any, nothing
    above is the project's), which osai does not read; "" when there is none.  Run from a
    subdirectory, a check dropped the repository's gate without a word, and passed.  It had a
    root of its own: outside a repository it looked up to `/`, and it did not know the
    checkout GITHUB_WORKSPACE names, where the reports' paths start."""
    here = directory.resolve()
    root = _quietly(partial(repository_root, here, environ)) or here
    if root == here:
        return ""  # nothing above the root is the project's
    for above in here.parents:
        found = _quietly(partial(config_files, above))
        if found:
            shown_path = os.path.relpath(found[0], here)
            return (
                f"{shown_path} is not read: osai reads its settings from the current directory "
                f"only (run it from {os.path.dirname(shown_path)}, or give --config {shown_path})"
            )
        if above == root:
            break
    return ""


def _quietly(look: Callable[[], T]) -> T | None:
    """What `look` finds; None where a directory cannot be searched or a pyproject.toml is not
    TOML: for a warning, such a place holds no settings."""
    try:
        return look()
    except (OSError, BadInput):
        return None


def _near_table(data: Any) -> str:
    """` ([tool.osia] is not read: did you mean [tool.osai]?)` when the TOML document has a
    table named nearly so, else ""."""
    from osai.suggest import closest  # only for a file without the table

    if not isinstance(data, dict):
        return ""
    tool, name = TOML_TABLE
    found = [f"[{key}]" for key in data if key != tool and closest(str(key), [name])]
    for key, value in data.items():
        if isinstance(value, dict) and (key == tool or closest(str(key), [tool])):
            found += [f"[{key}.{sub}]" for sub in value if closest(str(sub), [name])]
    found = [f for f in found if f != f"[{tool}.{name}]"]
    if not found:
        return ""
    return f" ({found[0]} is not read: did you mean [{tool}.{name}]?)"


def _plain(value: Any) -> Any:
    """Dates (YAML and TOML both parse unquoted ISO dates) as ISO strings, as the schema wants."""
    if isinstance(value, dict):
        return {key_text(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _rebase_dir(path: Path, cwd: Path | None) -> Path | None:
    """The directory relative paths in the file are resolved against; None when it is the cwd."""
    base = path.parent.resolve()
    return None if base == (cwd or Path.cwd()).resolve() else path.parent


def _config(document: YamlDocument, base: Path | None) -> Config:
    data: Mapping[str, Any] = document.data
    if "outputs" in data and "formats" in data:
        raise BadInput(f"{document.path}: give either outputs or formats (the same list), not both")
    return Config(
        path=document.path,
        targets=tuple(_target(str(t), base) for t in data.get("targets", [])),
        # split where the names are known (RuleSet.framework_names), as -f's values are
        frameworks=tuple(name for name, _ in _listed(document, "frameworks", split=False)),
        frameworks_at=_item(document, "frameworks") if "frameworks" in data else "",
        framework_locations=_listed(document, "frameworks", split=False),
        require=tuple(spec for spec, _ in _listed(document, "require")),
        require_locations=_listed(document, "require"),
        outputs=_outputs(document, base),
        modes=tuple(spec for spec, _ in _modes(document)),
        mode_locations=_modes(document),
        fail_on_unknown=_boolean(document, "fail-on-unknown"),
        fail_on_unknown_at=(
            _item(document, "fail-on-unknown") if "fail-on-unknown" in data else ""
        ),
        min_certainty=Certainty(data["min-certainty"]) if "min-certainty" in data else None,
        min_certainty_at=_item(document, "min-certainty") if "min-certainty" in data else "",
        follow=_boolean(document, "follow"),
        waivers=_waivers(document),
        add_frameworks=_framework_files(document, base),
        baseline=_baseline(document, base),
        baseline_at=_item(document, "baseline") if "baseline" in data else "",
    )


def _baseline(document: YamlDocument, base: Path | None) -> Path | None:
    """The file's `baseline`, from its directory (read by the run, which names this line)."""
    text = document.data.get("baseline")
    if text is None:
        return None
    if "\0" in str(text):
        raise BadInput(f"{_item(document, 'baseline')}: a path holds no NUL character")
    return from_directory(Path(str(text)), base)


def _boolean(document: YamlDocument, key: str) -> bool | None:
    """The file's `fail-on-unknown` or `follow`, written `true` or `false`: `yes`, `no`, `on` and
    `off` are booleans in YAML 1.1 (PyYAML) only, text in YAML 1.2, in editors that check the file
    against its schema and in TOML; read as booleans without a word, where a manifest refuses
    them."""
    value: bool | None = document.data.get(key)
    spelling = document.spelling_of(key) or ""
    if spelling.lower() in YAML11_BOOLEAN_WORDS:
        written = "true" if value else "false"
        raise BadInput(
            f"{_item(document, key)}: write {written}, not `{spelling}`: only "
            f"YAML 1.1 reads it as {written} (YAML 1.2, and an editor checking the schema, "
            "read text)"
        )
    return value


def _framework_files(document: YamlDocument, base: Path | None) -> tuple[Path, ...]:
    """The file's `add-framework` paths, from its directory; one that is no file, or no
    framework rule file (a manifest), is refused at its line: loading it said "policies/x.yaml:
    no such file" (of a directory too) or "x.yml: schema: expected a framework rule file", not
    where it was named.  What is wrong inside a rule file, its loading says at its own line."""
    from osai.rules.load import not_a_framework_file  # only for a file that names one

    found = []
    for index, text in enumerate(document.data.get("add-framework", [])):
        path = from_directory(Path(_path_text(document, "add-framework", index, str(text))), base)
        if path.is_dir():
            problem = "is a directory, not a file"
        else:
            problem = not_a_framework_file(path) if path.is_file() else "no such file"
        if problem:
            raise BadInput(f"{_item(document, 'add-framework', index)}: {path}: {problem}")
        found.append(path)
    return tuple(found)


def _outputs(document: YamlDocument, base: Path | None) -> tuple[OutputSpec, ...]:
    """The file's `outputs` (or `formats`).  A bad one names the file, line and item: the error
    alone ("-o foo=x.md: unknown format") named an `-o` flag no one had typed."""
    key = "formats" if "formats" in document.data else "outputs"
    specs = []
    for index, text in enumerate(document.data.get(key, [])):
        given = _path_text(document, key, index, str(text))
        try:
            spec = OutputSpec.parse(given).relative_to(base)
        except BadInput as exc:
            raise BadInput(f"{_item(document, key, index)}: {exc}") from None
        specs.append(replace(spec, where=_item(document, key, index), written=str(text)))
    return tuple(specs)


def _waived_models(given: str | Sequence[str]) -> tuple[str, ...]:
    """A waiver's `model`: one pattern, or a list of them; in the order written, each once."""
    patterns = (given,) if isinstance(given, str) else tuple(given)
    return tuple(dict.fromkeys(pattern.strip() for pattern in patterns))


def _listed(document: YamlDocument, key: str, *, split: bool = True) -> tuple[tuple[str, str], ...]:
    """Each item of a list setting (`require`, `frameworks`) and where it is written: a list,
    or one string of them separated by commas or blanks as the flag takes them (`require:
    osaid,mof:class-2`, `frameworks: osaid,mof` as `-f osaid,mof`), split by the flag's own
    reader (osai.textsafe.comma_separated); `split` false: each as written, for the reader
    that knows the names to split it (a framework's name has blanks: RuleSet.framework_names)."""
    given = document.data.get(key, [])
    read = comma_separated if split else tuple
    if isinstance(given, str):
        return tuple((spec, _item(document, key)) for spec in read([given]))
    return tuple(
        (spec, _item(document, key, index))
        for index, item in enumerate(given)
        for spec in read([str(item)])
    )


def _item(document: YamlDocument, key: str, index: int | str | None = None) -> str:
    """Where a setting, an item of a list setting or an entry of a mapping is written, for
    one-line errors: `FILE:LINE: key[i]`, `FILE:LINE: key.name` (`FILE:LINE: key` alone)."""
    shown_key = _shown_key(document, key)
    if index is None:
        return f"{document.where(key)}: {shown_key}"
    if isinstance(index, str):
        return f"{document.where(key, index)}: {shown_key}.{escaped_name(index)}"
    return f"{document.where(key, index)}: {shown_key}[{index}]"


def _shown_key(document: YamlDocument, key: str) -> str:
    """A setting's name as the file writes it: `tool.osai.KEY` in TOML."""
    return ".".join((*TOML_TABLE, key)) if document.path.suffix.lower() == ".toml" else key


def _entry_name(document: YamlDocument, key: str, index: int) -> str:
    """An item of a list setting as another's error names it: `waivers[0], line 4` (TOML's
    `tool.osai.waivers[0], line 4`; without the line where osai.tomllines could not place it)."""
    name = f"{_shown_key(document, key)}[{index}]"
    line = document.line_of(key, index)
    return f"{name}, line {line}" if line else name


def _path_text(document: YamlDocument, key: str, index: int, text: str) -> str:
    """A path the file names, refused at its line if it holds a NUL, which no file's name
    does: YAML and TOML can write one ("\\0"), a command line cannot, and looking the path up
    raised ValueError, an internal error (exit 70)."""
    if "\0" in text:
        raise BadInput(f"{_item(document, key, index)}: a path holds no NUL character")
    return text


def _target(text: str, base: Path | None) -> str:
    """A target path relative to the file's directory, FILE#MODEL's FILE too (one model of an
    AI BOM, osai.targets.bom_model); model ids (no such path) stay as written, and so a path
    not there that could be one (`models/m`); `./m`, `../m` not there are the file's."""
    if base is None or Path(text).is_absolute():
        return text
    if (base / text).exists():
        return os.path.normpath(base / text)
    for file, model in model_marks(text):
        if (base / file).exists() and not (base / file).is_dir():  # as osai.targets.on_disk
            return f"{os.path.normpath(base / file)}#{model}"
    if text.startswith(("./", "../")):  # a path, never an id: missing where the file says
        missing = os.path.normpath(base / text)
        # `./`, or `models/tin` would read as the Hub id of an owner `models`
        return missing if os.path.isabs(missing) or missing.startswith("..") else f"./{missing}"
    return text


def _modes(document: YamlDocument) -> tuple[tuple[str, str], ...]:
    """Each FRAMEWORK=MODE and where it is written (`FILE:LINE: modes.mof`), as --mode takes
    them; `mof-mode: X` is the short form of `modes: {mof: X}`."""
    data = document.data
    short = (
        ((f"mof={data['mof-mode']}", _item(document, "mof-mode")),) if "mof-mode" in data else ()
    )
    found = (
        *short,
        *(
            (f"{framework}={mode}", _item(document, "modes", str(framework)))
            for framework, mode in data.get("modes", {}).items()
        ),
    )
    refuse_two_modes(found)
    return found


def mode_flag(spec: str) -> str:
    """A FRAMEWORK=MODE spec as `--mode` gives it, for a refusal to name the flag typed."""
    return f"--mode {escaped_name(spec)}"


def parsed_mode(spec: str) -> tuple[str, str] | None:
    """A FRAMEWORK=MODE spec as (framework, mode); None when it is not one (a part missing)."""
    framework, separator, mode = spec.partition("=")
    return (framework, mode) if separator and framework and mode else None


def refuse_two_modes(found: Sequence[tuple[str, str]]) -> None:
    """BadInput for two modes of one framework, each FRAMEWORK=MODE with where it was given
    (`mof-mode: strict` and `modes: {mof: mot}`; `--mof-mode strict` and `--mode mof=mot`):
    the later was taken without a word, where `outputs` and `formats` together are refused.
    The same mode twice is one; a spec that is not FRAMEWORK=MODE is the reader's to refuse."""
    first: dict[str, tuple[str, str]] = {}
    for spec, where in found:
        parsed = parsed_mode(spec)
        if parsed is None:
            continue
        framework, mode = parsed
        earlier, at = first.setdefault(framework.casefold(), (mode, where))
        if earlier != mode:
            raise BadInput(f"{where}: {framework} is given a mode twice ({earlier} at {at})")


def _waivers(document: YamlDocument) -> tuple[Waiver, ...]:
    entries: Sequence[Mapping[str, Any]] = document.data.get("waivers", [])
    waivers: list[Waiver] = []
    seen: dict[tuple[str, tuple[str, ...]], int] = {}  # rule and models → the waiver's index
    for index, entry in enumerate(entries):
        line = document.line_of("waivers", index)
        models = _waived_models(entry.get("model", ()))
        first = seen.setdefault((entry["rule"], models), index)
        if first != index:
            twice = f" for {', '.join(models)}" if models else ""
            raise BadInput(
                f"{_item(document, 'waivers', index)}: {entry['rule']} is waived twice{twice} "
                f"(first by {_entry_name(document, 'waivers', first)})"
            )
        expires = entry.get("expires")
        waivers.append(
            Waiver(
                rule=entry["rule"],
                reason=entry["reason"].strip(),
                expires=datetime.date.fromisoformat(expires) if expires else None,
                location=str(document.path),
                line=line,
                models=models,
                approved_by=str(entry.get("approved_by", "")).strip(),
            )
        )
    return tuple(waivers)
