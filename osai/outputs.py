"""`-o PATH`, `-o FORMAT=PATH` (and a configuration's `outputs:`): one parser for that syntax."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePath
from shlex import quote
from typing import TypeVar

from osai.errors import BadInput
from osai.formatters import OutputFormat, format_names
from osai.own_reports import (
    HEAD_BYTES,
    TAIL_BYTES,
    output_of_osai,
    report_read_on,
    written_by_osai,
)
from osai.paths import (
    WRITTEN_WITH_SLASH,
    from_directory,
    windows_drive_refused,
    windows_spelt,
)
from osai.suggest import closest, did_you_mean
from osai.textsafe import cut, quoted_name

# A command's formats: check's OutputFormat, census export's ExportFormat.
Format = TypeVar("Format")

# What may be a FORMAT before `=`: a word, so `out/a=b.json` or `v1.2=x.json` is a path.
_PLAIN_WORD = re.compile(r"[A-Za-z0-9_-]+")

# The formats a file's extension names; any other needs FORMAT=PATH.  A two-part extension
# (the BOMs' conventional names, SARIF's other one) is looked up before its last part.  A
# format's first extension names its default file.
BY_EXTENSION = {
    ".sarif": OutputFormat.SARIF,
    ".sarif.json": OutputFormat.SARIF,
    ".cdx.json": OutputFormat.CYCLONEDX,
    ".spdx.json": OutputFormat.SPDX,
    ".json": OutputFormat.JSON,
    ".md": OutputFormat.MARKDOWN,
    ".xml": OutputFormat.JUNIT,
    ".txt": OutputFormat.TEXT,
}

# Extensions that name no format surely enough to write it, but say which one is meant: the
# example a refusal gives (`-o r.cdx`: `-o cyclonedx=r.cdx`, not SARIF).  A BOM's extension
# without its `.json` (`.spdx` alone is SPDX's tag-value form, which osai does not write), a
# format's own name, a log, and a page (the Markdown report is the one written to be read).
_MEANT = {
    **{f".{kind.value}": kind for kind in OutputFormat},
    ".cdx": OutputFormat.CYCLONEDX,
    ".log": OutputFormat.TEXT,
    ".html": OutputFormat.MARKDOWN,
    ".htm": OutputFormat.MARKDOWN,
}

# The extensions of osai's own inputs (a manifest, a configuration) are no misspelt report's:
# `-o m.yml` is not JUnit for being one letter from `.xml`.
_NO_TYPO = frozenset({".yml", ".yaml", ".toml"})

# What each format is written as, when not a kind of its own: a file of that format's extension
# holds it without a warning (`-o cyclonedx=bom.json`, `-o github=osai-github.txt`).
_WRITTEN_AS = {
    OutputFormat.SARIF: OutputFormat.JSON,
    OutputFormat.CYCLONEDX: OutputFormat.JSON,
    OutputFormat.SPDX: OutputFormat.JSON,
    OutputFormat.GITHUB: OutputFormat.TEXT,
    OutputFormat.MARKDOWN: OutputFormat.TEXT,
}

# `-o FORMAT=-`: that report on standard output, as `osai init -o -` writes the draft there.
STANDARD_OUTPUT = "-"


def names_standard_output(path: Path | None) -> bool:
    """Whether an option's path is `-`, standard output (`osai init -o -`, `osai census report
    --html -`, `census export -o -`)."""
    return path is not None and str(path) == STANDARD_OUTPUT


# The file `-o FORMAT=DIR/` writes in DIR: osai and the extension that names the format (the
# GitHub workflow commands have none of their own: text).
DEFAULT_NAMES = {
    **{kind: f"osai{extension}" for extension, kind in reversed(BY_EXTENSION.items())},
    OutputFormat.GITHUB: "osai-github.txt",
}


@dataclass(frozen=True)
class OutputSpec:
    """Where to write a report, and in which format.

    `inferred`: the format came from the path's extension (`-o report.sarif`): that report goes
    to the file instead of standard output.  `FORMAT=PATH` writes a report beside it;
    `FORMAT=-` writes it on standard output, instead of the `--format` report."""

    path: Path
    format: OutputFormat
    inferred: bool = False
    to_standard_output: bool = False
    # Where it is written when not on the command line (`.osai.yaml:4: outputs[0]`), for what
    # is said of it; not what it is.
    where: str = field(default="", compare=False)
    # The item as the configuration file writes it (its path relative to the file), for a remedy
    # written in the file's own words.
    written: str = field(default="", compare=False)
    # osai chose the file's name (`FORMAT=DIR/`): what is there already was not named by the
    # user, and a stream or a link there was planted (refuse_stream_unnamed)
    name_chosen: bool = False

    @classmethod
    def parse(
        cls,
        text: str,
        writes: Sequence[str] = (),
        chosen: OutputFormat | None = None,
        *,
        otherwise_chosen: bool = False,
        command: str = "osai",
    ) -> OutputSpec:
        """`FORMAT=PATH` when the text before the first `=` is a format, and BadInput when it
        is another word (a misspelt format) or nothing (`=x.md`); else all of it is the path
        (so `json=out/a=b.json` is JSON to `out/a=b.json`, and `./a=b.json` a path), whose
        extension must name a format.  A path ending in `/` is a directory, where the report
        is written under its default name (`sarif=out/` is `out/osai.sarif`).  `writes`: the
        formats `command` writes, when not all (`osai audit`); another is refused, in the
        words its --format's refusal has (unwritten_format).
        `chosen`: --format, when given on the command line: the format the refusal of a path
        whose extension names none suggests; with `otherwise_chosen`, that path's format
        instead (`osai audit -o FILE`: its extension's format, else --format's)."""
        formats = tuple(writes) or format_names()
        # `-o json=C:/out/o.json` wrote a folder `C:` here, as `C:\out\o.json` would have
        refused = windows_drive_refused(text) or windows_drive_refused(text.partition("=")[2])
        if refused:
            raise BadInput(f"-o {text}: {refused}")
        slashed = windows_spelt(text)
        if slashed:  # refused as a target is, not written to a file named `reports\osai.sarif`
            raise BadInput(f"-o {text}: {WRITTEN_WITH_SLASH} (-o {slashed})")
        spec = cls._parse(text, formats, chosen, chosen if otherwise_chosen else None)
        if spec.format.value not in formats:
            # FORMAT=PATH: the format as typed (`JUNIT=x`); else the path's extension named it
            named = spec.format.value if spec.inferred else text.partition("=")[0]
            said = unwritten_format(command, named, formats, by_extension=spec.inferred)
            if spec.inferred:  # the file's name was the user's choice: how to keep it
                instead = chosen.value if chosen and chosen.value in formats else _plainest(formats)
                said += f"; write FORMAT=PATH, e.g. -o {instead}={text}"
            raise BadInput(f"-o {text}: {said}")
        return spec

    @classmethod
    def _parse(
        cls,
        text: str,
        writes: Sequence[str],
        chosen: OutputFormat | None,
        otherwise: OutputFormat | None,
    ) -> OutputSpec:
        if not text.strip():
            raise BadInput(f"-o {text!r}: no path; write -o PATH or -o FORMAT=PATH")
        name, separator, rest = text.partition("=")
        if separator and not name:  # `-o =x.md`: a format left out, not a file named so
            raise BadInput(
                f"-o {text}: no format before '='; write -o FORMAT=PATH; "
                f"a file of that name is written -o ./{text}"
            )
        # A format's name in any case, as its extension is (`-o JSON=x` as `-o x.JSON`)
        if separator and name.lower() in format_names():
            if not rest.strip():
                raise BadInput(f"-o {text}: no path after '{name}='; write -o {name}=PATH")
            named = OutputFormat(name.lower())
            if rest == STANDARD_OUTPUT:  # a file named so is `./-`
                return cls(Path(rest), named, to_standard_output=True)
            chosen_name = rest.endswith(("/", os.sep))
            return cls(_in_directory(rest, named), named, name_chosen=chosen_name)
        if separator and _PLAIN_WORD.fullmatch(name):
            raise BadInput(_unknown_format(text, name, writes))
        unnamed = extension_format(text, BY_EXTENSION) is None and not _is_directory(text)
        if unnamed and otherwise is not None:
            if _not_written_by_osai(Path(text)):
                raise BadInput(
                    f"-o {text}: its name gives no format, and osai did not write it; "
                    f"{_new_name(text, otherwise)}"
                )
            return cls(Path(text), otherwise, inferred=True)
        return cls(Path(text), format_of(text, writes, chosen), inferred=True)

    def refuse_occupied(self) -> None:
        """BadInput when a file osai did not write is where the report goes: `-o README.md` in a
        model's directory replaced its card with the report, exit 0.  One osai wrote there before
        is replaced, as a run replaces its own report, and so is an empty one (`mktemp`'s);
        a stream (`-o /dev/stdout`) is written to.  When osai chose the file's name
        (`-o sarif=out/`), a stream or a link there is refused too (refuse_stream_unnamed):
        `osai check` and `osai audit` share this one rule (audit's `-o json=out/` wrote through
        `out/osai.json -> /dev/null`, and blocked on a named pipe there, after check had been
        made to refuse both).  A place that cannot be looked up (a name too long, a folder that
        cannot be searched) is said as refuse_destinations says it: unsaid, it was an internal
        error, exit 70."""
        if self.to_standard_output:
            return
        naming = "-o FORMAT=PATH" if self.name_chosen else "-o PATH"
        if self.where:  # a configuration's `outputs:`, which -o on the command line replaces
            naming = f"{naming.removeprefix('-o ')} in outputs (or {naming} on the command line)"
        try:
            if self.name_chosen:
                refuse_stream_unnamed(self.path, f"remove it, or name the file: {naming}")
            refuse_unowned(self.given_as, self.path, naming)
        except OSError as exc:
            raise BadInput(f"{cut(self.given_as, 60)}: {unusable(self.path, exc)}") from None

    @property
    def misnamed(self) -> str:
        """A warning when `FORMAT=PATH` writes one format into a file whose extension names
        another (`junit=r.sarif`: a reader going by the name would fail on it); "" when not.
        The report is still written: FORMAT was named."""
        if self.inferred or self.to_standard_output:
            return ""
        says = extension_format(str(self.path), BY_EXTENSION)
        if says is None or says in (self.format, _WRITTEN_AS.get(self.format)):
            return ""
        return f"{self.given_as}: writing {self.format} into a file whose extension says {says}"

    @property
    def given_as(self) -> str:
        """Where it was asked for, for what is said of it: `-o x.json` on the command line,
        `.osai.yaml:4: outputs[0]: -o x.json` in a configuration file."""
        return f"{self.where}: -o {self}" if self.where else f"-o {self}"

    def relative_to(self, base: Path | None) -> OutputSpec:
        """The spec with a relative path taken from `base` (a configuration file's directory)."""
        if self.to_standard_output:
            return self
        return replace(self, path=from_directory(self.path, base))

    def __str__(self) -> str:
        """The spec as `-o` takes it: parsed again, it is this spec (`./a=b.json` stays so)."""
        if not self.inferred:
            named_as_stream = names_standard_output(self.path) and not self.to_standard_output
            return f"{self.format.value}={'./' if named_as_stream else ''}{self.path}"
        name, separator, _ = str(self.path).partition("=")
        names_a_format = bool(separator) and (not name or bool(_PLAIN_WORD.fullmatch(name)))
        return f"./{self.path}" if names_a_format else str(self.path)


def _in_directory(path_text: str, chosen: OutputFormat) -> Path:
    """`out/` names a directory: Path() would drop the slash and write a file named `out`."""
    if path_text.endswith(("/", os.sep)):
        return Path(path_text) / DEFAULT_NAMES[chosen]
    return Path(path_text)


def standard_output_format(
    specs: Sequence[OutputSpec], chosen: OutputFormat
) -> OutputFormat | None:
    """The report standard output carries: a `FORMAT=-` spec's, else none when a bare `-o PATH`
    took it to a file, else `chosen` (--format's).  BadInput for two `FORMAT=-`: two documents
    on one stream would interleave into neither."""
    named = [spec for spec in specs if spec.to_standard_output]
    if len(named) > 1:
        raise BadInput(
            f"{named[0].given_as} and {named[1].given_as}: both on standard output; "
            "write one to a file"
        )
    if named:
        return named[0].format
    return None if any(spec.inferred for spec in specs) else chosen


def unwritten_format(
    command: str, name: str, writes: Sequence[str], *, by_extension: bool = False
) -> str:
    """A format `command` does not write, named by --format or by -o (FORMAT=PATH, or a path
    whose extension names it), said after the option as typed.  `name`: the format as the user
    typed it (`SARIF`), or, `by_extension`, the one the path's extension names: that is said
    as the extension's doing (`-o x.xml` was refused as "not junit", a word never typed).
    `osai audit --format sarif` and `-o sarif=x.sarif` were refused in two wordings."""
    formats = ", ".join(writes)
    if by_extension:
        return f"its extension names {name}; {command} writes {formats}"
    return f"{command} writes {formats}, not {name}{did_you_mean(name, writes)}"


def _plainest(formats: Sequence[str]) -> str:
    """The format to suggest when the user named none: JSON, which any tool reads, if written."""
    return "json" if "json" in formats else formats[0]


def _unknown_format(text: str, name: str, writes: Sequence[str]) -> str:
    """A misspelt FORMAT (`sarfi=osai.sarif`) used to become a file named after the typo.  The
    formats listed and suggested are the command's (`writes`): audit's suggested sarif."""
    return (
        f"-o {text}: unknown format '{name}'{did_you_mean(name, writes)}; formats: "
        f"{', '.join(writes)}; a file of that name is written -o ./{text}"
    )


def extension_format(path_text: str, extensions: Mapping[str, Format]) -> Format | None:
    """The format a path's extension names among `extensions` (BY_EXTENSION, or another
    command's own), if it names one; in any case (`x.JSON` as `x.json`)."""
    suffixes = [suffix.lower() for suffix in PurePath(path_text).suffixes]
    suffix = suffixes[-1] if suffixes else ""
    return extensions.get("".join(suffixes[-2:])) or extensions.get(suffix)


def unknown_extension(path_text: str, extensions: Iterable[str]) -> str:
    """`-o PATH` whose extension names none of a command's formats: the start of the line that
    says so, the remedy (FORMAT=PATH, or --format) being the command's."""
    suffixes = PurePath(path_text).suffixes
    suffix = suffixes[-1].lower() if suffixes else ""
    what = f"'{suffix}'" if suffix else "a path without an extension"
    known = " ".join(extensions)
    return f"-o {path_text}: cannot tell the format from {what} (extensions: {known})"


def format_of(
    path_text: str, writes: Sequence[str] = (), chosen: OutputFormat | None = None
) -> OutputFormat:
    """The format a path's extension names; BadInput, saying how to name one, if none (with
    `writes`, the formats the command writes, and `chosen`, --format's, for the example)."""
    found = extension_format(path_text, BY_EXTENSION)
    # a directory is no file of that format, whatever its name ends with: `-o r.json/` wrote a
    # file r.json, where a trailing `/` means a directory everywhere else (`-o json=r.json/`)
    if found is None or path_text.endswith(("/", os.sep)):
        raise BadInput(_no_format(path_text, tuple(writes) or format_names(), chosen))
    return found


def _is_directory(path_text: str) -> bool:
    """A path that names a directory: one that is, or ends in `/`."""
    return path_text.endswith(("/", os.sep)) or Path(path_text).is_dir()


def _meant_format(
    path_text: str, formats: Sequence[str], chosen: OutputFormat | None = None
) -> OutputFormat:
    """The format a refusal of `-o PATH` suggests: --format's when given, else the one whose
    extension is nearest to the path's (`.jsn`: JSON, `.cdx`: CycloneDX: _MEANT), else SARIF
    (what CI reads), else the command's first."""
    if chosen is not None and chosen.value in formats:
        return chosen
    known = {
        extension: kind
        for extension, kind in {**_MEANT, **BY_EXTENSION}.items()
        if kind.value in formats
    }
    suffixes = [suffix.lower() for suffix in PurePath(path_text).suffixes]
    for tried in dict.fromkeys(("".join(suffixes[-2:]), "".join(suffixes[-1:]))):
        near = closest(tried, known) if tried and tried not in _NO_TYPO else None
        if near is not None:
            return known[near]
    return OutputFormat("sarif" if "sarif" in formats else formats[0])


def _no_format(path_text: str, formats: Sequence[str], chosen: OutputFormat | None) -> str:
    """Why `-o PATH` names no format, and a way to name one that osai would then take: a
    directory gets a report under its default name (`-o sarif=DIR/`); an existing file, which
    may be an input (`-o pythia-70m.yml` for the manifest checked), a new name beside it, never
    `FORMAT=` the same path (refused in turn)."""
    example = _meant_format(path_text, formats, chosen)
    listed = f"(formats: {', '.join(formats)})"
    path = Path(path_text)
    if _is_directory(path_text):
        directory = path_text.rstrip("/" + os.sep) or path_text
        default = path / DEFAULT_NAMES[example]
        head = f"-o {path_text}: {directory} {'is' if path.is_dir() else 'names'} a directory"
        if default.exists():  # named, it could be an input: no name of osai's is offered
            return f"{head}; write -o FORMAT={directory}/NAME for a new file in it {listed}"
        return (
            f"{head}; write -o FORMAT={directory}/ for a report in it under its default name, "
            f"e.g. -o {example.value}={directory}/ (writes {default}) {listed}"
        )
    own = [extension for extension, kind in BY_EXTENSION.items() if kind.value in formats]
    head = unknown_extension(path_text, own)
    return f"{head}; {_new_name(path_text, example)} {listed}"


def _new_name(path_text: str, example: OutputFormat) -> str:
    """How to write a report there: FORMAT=PATH for a path that does not exist; for one that
    does, the name beside it whose extension names the format, when that one is free.  Paths
    as the user typed them (`./out/r.report` was offered back as `out/r.report`)."""
    path = Path(path_text)
    if not path.exists() or is_stream(path):  # `-o /dev/stderr`: "to keep it" is no advice
        return f"write FORMAT=PATH, e.g. -o {example.value}={path_text}"
    extension = next((ext for ext, kind in BY_EXTENSION.items() if kind is example), "")
    beside = path.with_name(path.name.removesuffix(path.suffix) + extension)
    typed_beside = path_text.removesuffix(path.name) + beside.name
    if extension and path.name != path.suffix and not beside.exists():
        return f"{path_text} exists: to keep it, write to a new file, e.g. -o {typed_beside}"
    return f"{path_text} exists: to keep it, write to a new file, -o FORMAT=PATH"


def extension_disagrees(given_as: str, says: str, chosen: str) -> str:
    """`--format` and `-o PATH`'s extension naming two formats: the start of the line that
    refuses it (`osai check`, `osai audit`, `osai census export`), the remedy the command's.
    `given_as`: the output as it was asked for (`-o c.json`; OutputSpec.given_as)."""
    return f"{given_as}: its extension says {says}, --format says {chosen}"


def refuse_disagreement(specs: Iterable[OutputSpec], chosen: OutputFormat) -> None:
    """BadInput when `--format`, given on the command line, names one format and a bare
    `-o PATH`'s extension another: which of the two the file should hold is not osai's to
    guess (it used to be the extension's, silently).  So does `-o FORMAT=-` naming another
    format than `--format` for standard output: two reports would interleave there."""
    for spec in specs:
        if spec.to_standard_output and spec.format is not chosen:
            raise BadInput(
                f"{spec.given_as}: standard output would carry both the {spec.format} report "
                f"and --format's {chosen} report: give one of them"
            )
        if spec.inferred and spec.format is not chosen:
            # a configuration file's output is mended in the file, in its own words: `-o` is
            # what a command line is told
            write = "in the file, write" if spec.where else "write"
            said = extension_disagrees(spec.given_as, spec.format, chosen)
            if chosen is OutputFormat.GITHUB:
                # workflow commands are for the step's log: `--format github -o r.sarif`
                # (annotations, and SARIF for code scanning) was told to write them into r.sarif
                raise BadInput(
                    f"{said}: {write} {_output_item(spec, spec.format)} to write {spec.format} "
                    "there beside the annotations on standard output"
                )
            raise BadInput(
                f"{said}: {write} {_output_item(spec, chosen)} (or "
                f"{_output_item(spec, spec.format)} to write {spec.format} there)"
            )


def _output_item(spec: OutputSpec, form: OutputFormat) -> str:
    """`spec`'s path as an output of `form`, in the words it was given in: an item of its
    configuration file, else a `-o` shell-quoted as every command osai suggests (`-o sarif=my
    r.json`, copied into a shell, wrote `sarif=my` and took `r.json` for a target)."""
    item = f"{form}={spec.written or spec}"
    return item if spec.where else f"-o {quote(item)}"


def refuse_destinations(
    destinations: Sequence[tuple[str, Path]],
    inputs: Iterable[Path],
    what: str = "an input",
    reports: Iterable[Path] = (),
) -> None:
    """BadInput unless each destination (the option as given, and its path) can take a new
    file: not a directory, not under a file, not one of the run's inputs (`what` they are: "the
    database"), and not the destination of another (the second would replace the first, and
    both be reported written).  `osai check -o`, `osai census report` and `osai census export`
    share this one rule.  `reports`: the destinations written as a report, which may replace a
    report osai wrote in an input directory (refuse_input)."""
    given = tuple(inputs)
    as_report = frozenset(reports)
    written: set[Path] = set()
    for label, path in destinations:
        try:
            if path.is_dir():
                raise BadInput(f"{label}: {path} is a directory; give a file name")
            refuse_parent(label, path)
            refuse_input(label, path, given, what, path in as_report)
            refuse_symlink(path)  # DuckDB's COPY (census export) would replace a link silently
            final = resolved(path)
        except OSError as exc:  # a name too long, a place that cannot be searched, a link loop
            raise BadInput(f"{cut(label, 60)}: {unusable(path, exc)}") from None
        if final in written:
            raise BadInput(f"{label}: {path} is already the destination of another report")
        written.add(final)


def unusable(path: Path, error: OSError) -> str:
    """A destination that cannot even be looked up, in words (it was an internal error, exit
    70): a name too long, a place that cannot be searched, a symbolic link loop on the way."""
    return f"cannot write {quoted_name(str(path), 120)} ({error.strerror or error})"


def resolved(path: Path) -> Path:
    """`path.resolve()`, a symbolic link loop on the way an OSError (ELOOP) as Python 3.13
    raises it: 3.11 raises RuntimeError ("Symlink loop from ..."), an internal error."""
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None


def refuse_input(
    label: str,
    path: Path,
    inputs: Iterable[Path],
    what: str = "an input",
    as_report: bool = False,
) -> None:
    """BadInput when writing `path` would overwrite one of a run's inputs: an input file (by
    another name too: a symbolic or hard link to it), or an existing file of an input directory
    (`osai check` and `osai init` share this one rule) unless, written `as_report`, it is a
    report osai wrote there: `osai check . -o report.sarif` run twice refused the second time."""
    final = resolved(path)
    for given in inputs:
        root = given.resolve()
        if final == root or _same_file(final, root):
            raise BadInput(f"{label}: refusing to write over {what} ({path})")
        if _of_directory(final, root) and not (as_report and _osai_report(final)):
            raise BadInput(f"{label}: refusing to write over {what} ({path})")


def _of_directory(path: Path, given: Path) -> bool:
    """The output is an existing file of an input directory."""
    return given.is_dir() and path.exists() and path.is_relative_to(given)


def _osai_report(path: Path) -> bool:
    """A regular file osai wrote as a report (own_reports.report_read_on, as a directory checked
    tells it); False for anything else, or one
    that cannot be read (writing it says why).  Not one with another name (a hard link): it is
    written in place, and the file under the other name, outside the directory, changed too."""
    try:
        status = path.lstat()
        if not stat.S_ISREG(status.st_mode) or status.st_nlink > 1:
            return False
        with path.open("rb") as file:
            return report_read_on(file.read(HEAD_BYTES), file.read)
    except OSError:
        return False


def _not_written_by_osai(path: Path) -> bool:
    """A regular file there that is no report osai wrote: `--format json -o notes` takes
    --format's for a path whose name gives none only when it is new (or a stream, or a report
    osai wrote, which the next run replaces).  A name with a report's extension says what the
    file is to hold; `notes`, `Makefile` or `LICENSE` says no such thing, and was refused
    ("notes exists: to keep it") before --format took it, then written over."""
    try:
        return stat.S_ISREG(path.lstat().st_mode) and not _osai_report(path)
    except OSError:  # nothing there, or it cannot be looked at: writing says why
        return False


def refuse_unowned(label: str, path: Path, naming: str) -> None:
    """BadInput when a report's file is there already and osai did not write it: the user's own
    file of that name would be replaced by the report.  One osai wrote is replaced, as a run
    replaces its own report; so is an empty one, which holds nothing to lose, and anything but
    a regular file (a stream); a link is judged by the file it leads to.  `naming`:
    how the command names the file instead.  `osai check`, `osai audit` and `osai census
    export` share this one rule.  OSError (a place that cannot be searched) is the caller's."""
    if is_stream(path):  # `-o json=/dev/stdout >> ci.log`: appended to, nothing replaced
        return
    try:
        status = path.stat()  # through a link: `-o latest.json -> mine.json` writes mine.json
    except FileNotFoundError:  # nothing there, or a link to nothing yet
        return
    if not stat.S_ISREG(status.st_mode) or status.st_size == 0:
        return
    try:
        if _osai_output(path):
            return
    except OSError as exc:  # refused too: it may be the user's; "did not write" is not known
        raise BadInput(
            f"{cut(label, 60)}: a file osai cannot read ({exc.strerror or exc}) is there, so "
            f"not known to be its own; remove it, or name another file: {naming}"
        ) from None
    raise BadInput(
        f"{cut(label, 60)}: a file osai did not write is there; remove it, or name another "
        f"file: {naming}"
    )


def _osai_output(path: Path) -> bool:
    """A file osai writes (own_reports.output_of_osai), by its opening and its end.  OSError:
    it cannot be read (a write-only file), said by the caller."""
    with path.open("rb") as file:

        def read_tail() -> bytes:
            file.seek(max(0, path.stat().st_size - TAIL_BYTES))
            return file.read(TAIL_BYTES)

        head = file.read(HEAD_BYTES)
        if output_of_osai(head, file.read, read_tail):
            return True
        return written_by_osai(head) and _being_written(file.fileno())


def _being_written(descriptor: int) -> bool:
    """Whether another osai holds the file, writing its report there now (osai.cli.terminal
    takes its turn): the report not yet whole, told by its opening alone, and this run's waits
    for its turn.  Told by the whole file, a report half written was refused as the user's."""
    try:
        import fcntl
    except ImportError:  # Windows: no turns taken
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:  # no locks there (NFS without lockd): none taken by the writer either
        return False
    fcntl.flock(descriptor, fcntl.LOCK_UN)
    return False


def _same_file(path: Path, given: Path) -> bool:
    """Two names of one existing file (a hard link): writing one overwrites the other."""
    try:
        return given.is_file() and path.samefile(given)
    except OSError:  # either does not exist, or cannot be looked at: writing says why
        return False


def refuse_parent(label: str, path: Path) -> None:
    """BadInput when the nearest existing parent of `path` is a file: no report can be written
    under it.  Missing directories are created when the report is written."""
    try:
        nearest = next((parent for parent in path.parents if parent.exists()), None)
        if nearest is None or nearest.is_dir():
            return
    except OSError:  # a parent that cannot be searched: writing says why
        return
    raise BadInput(f"{label}: {nearest} is not a directory")


def refuse_symlink(path: Path) -> None:
    """BadInput when ``path`` is a symbolic link (dangling or not), unless it leads to a stream
    (/dev/stdout, a named pipe): writing there overwrites nothing.  `osai check -o` and
    `osai init` share this one rule."""
    if path.is_symlink() and not is_stream(path):  # OSError: the caller's to say (unusable)
        raise BadInput(symlink_refusal(path))


def refuse_stream_unnamed(
    path: Path, remedy: str = "remove it, or write elsewhere with -o"
) -> None:
    """BadInput when a place osai chose itself (`osai init DIR` writes DIR/osai.yaml, `osai
    check -o sarif=out/` out/osai.sarif) holds anything but a regular file: a stream is written
    only when the user names it (`-o /dev/stdout`).  A model directory is someone else's: a
    named pipe there (a tarball holds one) left `osai init DIR` blocked for ever, and to
    `osai.yaml -> /dev/tty` (a link Git keeps) the draft went, and "wrote DIR/osai.yaml" was
    said of a file never written; so did a report to `out/osai.cdx.json -> /dev/null`.
    OSError (a folder that cannot be searched) is the caller's to say."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise BadInput(symlink_refusal(path))
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):  # a directory: said as one, by the caller
        return
    kind = (
        "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    )
    raise BadInput(
        f"{path}: is {kind}, not a file; osai writes a file it names itself only as a file "
        f"({remedy})"
    )


def symlink_refusal(path: Path) -> str:
    return f"{path}: is a symbolic link; osai never writes through one (remove it first)"


_NAMED_DESCRIPTORS = {"/dev/stdout": 1, "/dev/stderr": 2}
_NUMBERED_DESCRIPTORS = ("/dev/fd/", "/proc/self/fd/")
_OWN_STREAMS = (*_NAMED_DESCRIPTORS, *_NUMBERED_DESCRIPTORS)


def own_descriptor(path: Path) -> int | None:
    """The descriptor of this process a path names (/dev/stdout 1, /dev/fd/3 3), else None."""
    text = str(path)
    if text in _NAMED_DESCRIPTORS:
        return _NAMED_DESCRIPTORS[text]
    for prefix in _NUMBERED_DESCRIPTORS:
        number = text.removeprefix(prefix)
        if text.startswith(prefix) and number.isdigit() and number.isascii():
            return int(number)
    return None


def is_stream(path: Path) -> bool:
    """A device or a pipe, or one of this process's own descriptors named as such (`-o
    /dev/stdout` while standard output goes to a file): no repository can plant those."""
    if str(path).startswith(_OWN_STREAMS):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


SOURCE_DATE_VARIABLE = "SOURCE_DATE_EPOCH"


def bom_created(source_date_epoch: str | None) -> str:
    """The date an AI BOM states, from SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC, as
    reproducible-builds.org specifies it), in ISO 8601; "" when it is unset or empty.  A value
    that is not such a number is refused, as the specification asks of a tool that uses it: a
    BOM dated by a mistyped variable would state a date no one chose."""
    written = (source_date_epoch or "").strip()
    if not written:
        return ""
    shown = quoted_name(written)
    if not written.isascii() or not written.isdigit():
        raise BadInput(
            f"{SOURCE_DATE_VARIABLE} {shown}: not a number of seconds since 1970-01-01 (it "
            "dates the AI BOM); unset it, or give one such as 1735689600"
        )
    try:
        moment = datetime.fromtimestamp(int(written), tz=UTC)
    except (OverflowError, ValueError, OSError):
        raise BadInput(
            f"{SOURCE_DATE_VARIABLE} {shown}: later than any date a BOM can state (it dates "
            "the AI BOM)"
        ) from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
