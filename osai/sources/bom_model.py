"""What a BOM declares about one model, format-neutral, and typed access to hostile BOM JSON.

The CycloneDX and SPDX readers (bom_cyclonedx.py, bom_spdx.py) fill a DeclaredModel; bom.py turns
it into a Release.  Every value is read through JsonReader, which checks its type and names the
file, line and JSON path of the first value that is not what the format says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, NoReturn

from osai import bommap
from osai.errors import BadInput
from osai.evidence import MAX_STATED_LINEAGE, SHA256, DataCredit, FileDigest
from osai.hubrefs import hub_model_address, read_hub_purl
from osai.jsonsafe import JsonDocument, JsonPath
from osai.redaction import without_credentials
from osai.schemas import shown
from osai.suggest import did_you_mean
from osai.textsafe import one_line, quoted_name


@dataclass(frozen=True)
class DeclaredLicence:
    """A licence as the BOM states it, and what osai reads it as (None: NOASSERTION).

    `concluded`: the BOM gives it as its author's conclusion (CycloneDX `acknowledgement:
    concluded`, SPDX hasConcludedLicense), not as the publisher's declaration: bom.py decides
    whether to read it."""

    stated: str
    text: str | None
    line: int | None
    concluded: bool = False
    url: str = ""  # where its terms can be read, as the BOM links them (licence_links.licence_url)
    # stated in the format's field for an SPDX expression (CycloneDX `expression`, an SPDX
    # LicenseExpression), so one that does not parse is a broken expression, not a licence's name
    expression: bool = False


@dataclass(frozen=True)
class DeclaredProperty:
    name: str
    value: str
    line: int | None

    def at(self, where: str) -> str:
        """Where it is given, as an error names it: the BOM's file and the line, when known."""
        return f"{where}:{self.line}" if self.line else where


@dataclass(frozen=True)
class DeclaredPart:
    """A BOM component / element that stands for one MOF component of the model."""

    component: str  # MOF component id
    name: str
    kind: str  # how the BOM says it, for evidence: "data component", "trainedOn", …
    line: int | None
    location: str = ""
    licences: tuple[DeclaredLicence, ...] = ()
    properties: tuple[DeclaredProperty, ...] = ()
    explicit: bool = False  # marked osai:component (osai wrote it) rather than recognised
    # Every address the part gives (its external references, its data's contents, its download
    # location): a link of its component (rules/bom.yaml `follow`) may be at any of them.
    addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeclaredAddress:
    """A resource the BOM names for the model (its code repository, as a manifest's
    `repository`; a base model): its address (or, for what gives none, its name), how the BOM
    says it, and where."""

    url: str
    kind: str  # "vcs reference", "software_downloadLocation", "pedigree ancestor"
    line: int | None
    # A base model's licence, as the BOM states it (a CycloneDX ancestor's licenses, an SPDX
    # base package's licence relationships), and its osai: properties (its licence verbatim)
    licences: tuple[DeclaredLicence, ...] = ()
    properties: tuple[DeclaredProperty, ...] = ()
    # The models a base model derives from in turn, as the BOM states them (a CycloneDX
    # ancestor's own pedigree, an AI package the base is descendantOf): a Llama 2 licence two
    # ancestors up binds the model as the base's own would
    bases: tuple[DeclaredAddress, ...] = ()
    # Whether it derives from bases beyond the MAX_STATED_LINEAGE levels osai reads: their
    # licences are not known
    deeper: bool = False


def with_bases(
    base: DeclaredAddress,
    depth: int,
    bases: Callable[[int], tuple[DeclaredAddress, ...]],
    has_bases: Callable[[], bool],
) -> DeclaredAddress:
    """`base` (at `depth`: 0 for one the model names) with the bases it derives from in turn
    (`bases`, read at the next depth), to MAX_STATED_LINEAGE levels; at the last, only whether
    it derives from any (`has_bases`): a hostile document chains thousands, read one recursion
    a level.  The one bound of both formats' lineages (CycloneDX's pedigree, SPDX's packages)."""
    if depth + 1 >= MAX_STATED_LINEAGE:
        return replace(base, deeper=has_bases())
    return replace(base, bases=bases(depth + 1))


def base_shown(addresses: Sequence[str], name: str) -> str:
    """How a base model a BOM names is shown: at the first address that names a Hub model, else
    its first address, else its name; never with the user:password@ an address may carry (a
    supplier's private mirror, `https://alice:token@models.example.com/far`, was printed in
    every report, the token with it)."""
    named = next((address for address in addresses if hub_model_address(address)), "")
    return without_credentials(named or next(filter(None, addresses), "") or name)


@dataclass(frozen=True)
class DeclaredModel:
    """The model a BOM describes: its own licence, its parts, and its osai: properties."""

    source: str  # "cyclonedx" | "spdx"
    name: str
    line: int | None
    producer: str = ""
    version: str = ""
    revision: str = ""
    purl: str = ""  # the package URL the BOM gives the model, "" when none (or not one)
    released: str = ""  # the day it was released (YYYY-MM-DD), "" when the BOM does not say
    location: str = ""
    # Where the model is downloaded from, as the BOM says it (CycloneDX's distribution
    # reference, SPDX's downloadLocation), "" when it does not: the model's whether or not its
    # parameters were seen, so a BOM written of this one names it again
    distribution: str = ""
    # The task and architecture its CycloneDX model card states (modelParameters), "" when none
    task: str = ""
    architecture: str = ""
    licences: tuple[DeclaredLicence, ...] = ()
    parts: tuple[DeclaredPart, ...] = ()
    properties: tuple[DeclaredProperty, ...] = ()
    notes: tuple[str, ...] = ()  # what osai saw and could not map, said once each
    # The MOF components data the BOM names could be, were its role stated (a model card's
    # dataset no formulation workflow places): unknown, and said to be for that reason
    unplaced: tuple[str, ...] = ()
    digests: tuple[FileDigest, ...] = ()  # the model's files with a SHA-256, as osai writes them
    repositories: tuple[DeclaredAddress, ...] = ()  # its code, followed with --follow
    bases: tuple[DeclaredAddress, ...] = ()  # the models it derives from, followed too
    # The public databases whose data the BOM holds, with what their licences ask of it (the
    # document's: its models share them)
    credits: tuple[DataCredit, ...] = ()


# A name's characters: the longest model ids and dataset names on the Hub are about 100
MAX_NAME_CHARS = 200

_PURL = re.compile(r"^pkg:[A-Za-z][A-Za-z0-9.+-]*/[!-~]+$")


def package_url(text: str) -> str:
    """A BOM's purl, kept to be written again: only a well-formed one of bounded length."""
    return text if len(text) <= 1000 and _PURL.match(text) else ""


def purl_revision(text: str) -> str:
    """The revision a pkg:huggingface purl pins (its version), else ''.  Only a purl kept
    (package_url): what follows the '@' of one that is not was the model's revision, a line
    break and all, in every report and in the BOM osai writes of it."""
    found = read_hub_purl(package_url(text))
    return found.revision if found else ""


def stated_digest(
    reader: JsonReader, name: str, hashes: JsonPath, keys: tuple[str, str], algorithm: str
) -> FileDigest | str | None:
    """A file's SHA-256, the first of the hashes a BOM states of it (`keys`: the names of a
    hash's algorithm and value) whose algorithm is `algorithm`; else why it has none (an MD5
    alone, a value that is no digest: a digest is written again as read, never a malformed
    one); None for a file with no name.  A value that is no string is bad input, as the
    format's other wrong types are (`"content": 5` was read as "5", and dropped unsaid)."""
    if not name:
        return None
    named, valued = keys
    for item in reader.paths(hashes):
        if reader.term((*item, named)) == algorithm:
            value = reader.term((*item, valued)).lower()  # either case, in CycloneDX
            return FileDigest(name, value) if SHA256.fullmatch(value) else _NOT_A_DIGEST
    return _NO_SHA256


_NOT_A_DIGEST = "the BOM states a SHA-256 of {files} that is no digest"
_NO_SHA256 = "the BOM states no SHA-256 of {files}"


def stated_digests(
    stated: Iterable[tuple[FileDigest | str | None, str, int | None]],
) -> tuple[tuple[FileDigest, ...], tuple[DeclaredProperty, ...]]:
    """The files' digests (each stated_digest, its file's name and line), and an
    osai:digests:unstated property for each file without one, as osai writes of a file whose
    digest it could not take: dropped, the BOM osai wrote of it listed no such file and said
    nothing, where its report and its BOM say which and why.  Each file's reason names that
    file alone (all of them in each, 20 properties named the same 8 files and "+12 more"); the
    files that give one reason are one note (bom._undigested), naming them as osai's own does
    ("the Hub gives no SHA-256 of …"): a file a note, 3,000 files were 3,000 notes."""
    digests: list[FileDigest] = []
    by_why: dict[str, list[tuple[str, int | None]]] = {}
    for found, name, line in stated:
        if isinstance(found, FileDigest):
            digests.append(found)
        elif found is not None:
            by_why.setdefault(found, []).append((name, line))
    unstated = [
        DeclaredProperty(bommap.unstated_digest_property(name), why.format(files=name), line)
        for why, files in by_why.items()
        for name, line in files
    ]
    return tuple(digests), tuple(unstated)


def stated_credits(properties: tuple[DeclaredProperty, ...]) -> tuple[DataCredit, ...]:
    """Each database the BOM credits (osai:public-assessment:<database>:…), in the order first
    named: one with an attribution, the part its licence asks every report to carry.  The
    title osai wrote is the snapshot's; where none is given, the database's id stands."""
    fields: dict[str, dict[str, str]] = {}
    entries: dict[str, dict[str, None]] = {}  # each database's entries, each once, in order
    for item in properties:
        parsed = bommap.parse_credit_property(item.name)
        if parsed is None:
            continue
        database, field = parsed
        if field == "entry":
            entries.setdefault(database, {}).setdefault(item.value.strip(), None)
        else:
            fields.setdefault(database, {}).setdefault(field, item.value.strip())
    return tuple(
        DataCredit(
            database,
            given.get("title") or database,
            given.get("licence", ""),
            credit,
            snapshot=given.get("snapshot", ""),
            snapshot_date=given.get("snapshot-date", ""),
            entries=tuple(e for e in entries.get(database, {}) if e),
        )
        for database, given in fields.items()
        if (credit := given.get("attribution", ""))
    )


def property_value(properties: tuple[DeclaredProperty, ...], name: str) -> str | None:
    return next((p.value for p in properties if p.name == name), None)


def stated_once(
    properties: tuple[DeclaredProperty, ...], name: str, where: str
) -> DeclaredProperty | None:
    """The one value a property osai writes once has (None when it has none).  Given twice
    with different values it is bad input: the first one stood, so a hostile or hand-edited
    BOM's order decided which licence text a part was read under."""
    items = [p for p in properties if p.name == name]
    _one_value(items, where, lambda a, b: f"is given as {a} and {b}; osai writes one")
    return items[0] if items else None


def _one_value(items: list[DeclaredProperty], where: str, differ: Callable[[str, str], str]) -> str:
    """The one value a property osai writes once has ("" when it is not given); two values
    are bad input, said at the last one (`differ`: the words after its name, from the first
    two values quoted)."""
    values = list(dict.fromkeys(item.value for item in items))
    if len(values) > 1:
        said = differ(quoted_name(values[0]), quoted_name(values[1]))
        raise BadInput(f"{items[-1].at(where)}: {quoted_name(items[-1].name)} {said}")
    return values[0] if values else ""


def marked_component(
    properties: tuple[DeclaredProperty, ...], known: Collection[str], where: str
) -> str:
    """The component id a part's osai:component property names ("" when it has none).

    A value that names no component osai knows is bad input, as an unknown certainty is
    (bom_certainty.py): osai writes only its vocabulary's ids there, so another is a typo or an
    edit, and reading past it would drop the part, or take it for whatever its type suggests.
    Given more than once, every value is checked, and two components are refused: osai writes
    one a part, and the first one stood, so the BOM's order said which it was credited as."""
    items = [p for p in properties if p.name == bommap.COMPONENT]
    for item in items:
        if item.value not in known:
            at = item.at(where)
            hint = did_you_mean(item.value, known) or f" ({', '.join(known)})"
            raise BadInput(
                f"{at}: {quoted_name(item.name)} is {quoted_name(item.value)}, "
                f"not a component osai knows{hint}"
            )
    return _one_value(
        items, where, lambda a, b: f"names {a} and {b}; osai writes one component a part"
    )


@dataclass(frozen=True)
class JsonReader:
    """Typed, located access to a JSON document that may hold anything."""

    document: JsonDocument

    def at(self, path: JsonPath) -> Any:
        """The value at `path`, None when it is absent (a key not given, or null).  A value on
        the way that is not the object or array the path goes through is bad input: it was
        read as if absent, so `modelCard: [1]` or `pedigree: "x"` left the model's card and
        its bases unread, and the check exited 0 on what the BOM states left out."""
        node = self.document.data
        for depth, step in enumerate(path):
            if node is None:
                return None
            if isinstance(step, str):
                if not isinstance(node, dict):
                    self.fail(path[:depth], "an object")
                node = node.get(step)
            elif not isinstance(node, list):
                self.fail(path[:depth], "an array")
            else:
                node = node[step] if 0 <= step < len(node) else None
        return node

    def line(self, path: JsonPath) -> int | None:
        return self.document.line_of(*path)

    def object(self, path: JsonPath) -> dict[str, Any]:
        value = self.at(path)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(path, "an object")
        return value

    def items(self, path: JsonPath) -> list[Any]:
        value = self.at(path)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, "an array")
        return value

    def objects(self, path: JsonPath) -> list[tuple[JsonPath, dict[str, Any]]]:
        """The objects of an array, each with its path (any other item is an error)."""
        return [(item, self.object(item)) for item in self.paths(path)]

    def paths(self, path: JsonPath) -> list[JsonPath]:
        return [(*path, index) for index in range(len(self.items(path)))]

    def object_paths(self, path: JsonPath) -> list[JsonPath]:
        """The paths of an array's objects (any other item is an error): an item read field by
        field that is no object has none, and was passed over as if the BOM had not given it."""
        return [item for item, _ in self.objects(path)]

    def text(self, path: JsonPath) -> str:
        value = self.at(path)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(path, "a string")
        return str(value)

    def term(self, path: JsonPath) -> str:
        """A term of a vocabulary (an SPDX relationship's type), a string: a number names no
        term (`relationshipType: 7` was read as "7", a type osai reads nothing of, and the
        Llama 2 package a model descends from went unread)."""
        value = self.at(path)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(path, "a string")
        return value

    def name(self, path: JsonPath) -> str:
        """A name someone else gave (a model's, a component's, its group or version), on one
        line and bounded: a 1 MB name was printed whole in each place a report cites it (3 MB
        of `-v` text, 6 MB of JSON, from one field)."""
        return one_line(self.text(path), MAX_NAME_CHARS)

    def texts(self, path: JsonPath) -> list[str]:
        return [self.text(item) for item in self.paths(path)]

    def stated(self, path: JsonPath) -> bool:
        """Whether a field that holds an object or an array (a model card, its metrics) is given
        and not empty: a string or a number there is bad input, not a card."""
        value = self.at(path)
        if value is not None and not isinstance(value, dict | list):
            self.fail(path, "an object or an array")
        return bool(value)

    def fail(self, path: JsonPath, expected: str) -> NoReturn:
        found = shown(self.at(path))
        raise BadInput(
            f"{self.document.where(*path)}: at {json_path(path)}: expected {expected}, "
            f"found {found}"
        )


def json_path(path: JsonPath) -> str:
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)
