"""`osai census export`: the store's models, one row per model and revision, with columns per
framework and depth (``<framework>_outcome``, ``_label``, ``_definite``, ``_mode``, and
``_deep_outcome``, ``_deep_label``, ``_deep_definite``, ``_deep_mode`` for the models checked in
full; a framework id's hyphens as underscores, ``eu_ai_act_outcome``), written by DuckDB's COPY
as Parquet, CSV or JSON; a list column is a list in Parquet and a JSON array in JSON and CSV.  The
strings are the listing's, someone else's: in JSON and CSV, text a terminal would act on is
escaped (_ESCAPES)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from osai.census.record import Depth
from osai.census.store import CensusStore, first_line, latest_first, table_columns, unwritten
from osai.errors import BadInput
from osai.jsonsafe import RAW_IN_JSON, raw_escaped, unicode_escaped


class ExportFormat(StrEnum):
    PARQUET = "parquet"
    CSV = "csv"
    JSON = "json"


# The extension that names each format in `-o PATH` (as osai.outputs.BY_EXTENSION does check's).
EXTENSIONS = {f".{kind.value}": kind for kind in ExportFormat}


_OPTIONS = {
    ExportFormat.PARQUET: "FORMAT parquet",
    ExportFormat.CSV: "FORMAT csv, HEADER true",
    ExportFormat.JSON: "FORMAT json, ARRAY true",
}


@dataclass(frozen=True)
class Exported:
    """What an export wrote: its rows, and of them the models' earlier revisions (`latest`
    false), which the report does not count."""

    rows: int
    earlier: int = 0

    @property
    def latest(self) -> int:
        return self.rows - self.earlier


def export_census(store: CensusStore, path: Path, fmt: ExportFormat) -> Exported:
    """Write every stored model to `path`; say how many rows were written."""
    connection = store.connection
    # The columns of the frameworks the store was built with, whether or not it holds verdicts
    # of them: a store whose only run failed had a header that stopped at run_id, and a
    # pipeline reading a fixed schema broke on it.
    frameworks = store.frameworks() or _default_frameworks()
    # a store written before verdicts kept their mode (opened here read-only, so never given
    # the column) has none to give: its `_mode` columns are null, as the README says
    kept = table_columns(connection, "verdicts")
    columns = ", ".join(
        column for framework in frameworks for column in _verdict_columns(framework, kept)
    )
    pivot = f"SELECT repo_id, revision, {columns} FROM verdicts GROUP BY repo_id, revision"
    models = _MODEL_COLUMNS[fmt](store) if fmt in _MODEL_COLUMNS else "m.*"
    # A model re-listed at a new commit has a row per revision, and the report counts the
    # latest: `latest` marks it, so that `WHERE latest` gives the report's population (the
    # export had more rows than the report had models, and nothing told which to drop).
    latest = f"row_number() OVER ({latest_first(store.connection)}) = 1 AS latest"
    query = (
        f"WITH v AS ({pivot}) SELECT {models}, {latest}, v.* EXCLUDE (repo_id, revision)"
        " FROM models m"
        " LEFT JOIN v USING (repo_id, revision) ORDER BY m.downloads DESC NULLS LAST, m.repo_id"
    )
    try:
        connection.execute(f"COPY ({query}) TO {_literal(str(path))} ({_OPTIONS[fmt]})")
    except Exception as error:  # duckdb's IOException and kin: say it in one line
        # the system's reason when it refused the write (a full disk): DuckDB's own line
        # around it is JSON ("Async write failed for range [offset=3, …]: {…"errno":"28"}")
        said = unwritten(error) or first_line(error)
        raise BadInput(f"{path}: cannot write the export ({said})") from None
    if fmt in _ESCAPES:
        _escape_written(path, *_ESCAPES[fmt])
    (rows, models) = connection.execute(
        "SELECT count(*), count(DISTINCT repo_id) FROM models"
    ).fetchone()
    return Exported(int(rows), int(rows) - int(models))


# What DuckDB's COPY writes raw from the listing's strings, where a terminal reading the file
# (`-o -`, `cat`, `head`) acts on it: ESC starts an escape sequence (a title set, a screen
# cleared), U+009B is one on its own, CR overwrites a line, a bidirectional override reads one
# way and is another.  Its JSON writer escapes the C0 controls but not DEL, the C1 controls, the
# line separators or the overrides: they are escaped as `osai check --format json` escapes them
# (osai.jsonsafe.raw_escaped), the same data for a JSON reader.  Its CSV writer escapes nothing,
# and CSV has no escape of its own: every control but tab and newline (which a quoted cell
# holds), and each of the others JSON escapes, is written as its JSON escape, `\u001b` (the
# list cells are JSON arrays already).  A CSV reader gets that text, not the control: no value
# a model's listing should hold.  Parquet is binary, for programs: its values stay as listed.
_RAW_IN_CSV = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _csv_escaped(text: str) -> str:
    return unicode_escaped(text, _RAW_IN_CSV)


_ESCAPES: dict[ExportFormat, tuple[re.Pattern[str], Callable[[str], str]]] = {
    ExportFormat.JSON: (RAW_IN_JSON, raw_escaped),
    ExportFormat.CSV: (_RAW_IN_CSV, _csv_escaped),
}
_CHUNK = 1 << 20  # characters read at a time: an export may be larger than memory


def _escape_written(path: Path, raw: re.Pattern[str], escaped: Callable[[str], str]) -> None:
    """The export DuckDB wrote at `path` with each `raw` character escaped.  Read once to look
    (most listings hold none, and the file stays as written), rewritten beside it and moved over
    it only when one is found; the export is removed when it cannot be rewritten, never left
    raw.  Each character is one code point, so no chunk's end splits one."""
    scratch: Path | None = None
    try:
        with path.open(encoding="utf-8", newline="") as written:
            if not any(raw.search(chunk) for chunk in iter(lambda: written.read(_CHUNK), "")):
                return
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        scratch = Path(name)
        with (
            open(handle, "w", encoding="utf-8", newline="") as rewritten,
            path.open(encoding="utf-8", newline="") as written,
        ):
            for chunk in iter(lambda: written.read(_CHUNK), ""):
                rewritten.write(escaped(chunk))
        shutil.copymode(path, scratch)  # the export's own permissions, not a scratch file's
        os.replace(scratch, path)
    except OSError as error:
        for left in (scratch, path):
            if left is not None:
                with contextlib.suppress(OSError):
                    left.unlink()
        raise BadInput(f"{path}: cannot write the export ({error.strerror or error})") from None


def _default_frameworks() -> tuple[str, ...]:
    """Those a census judges with when none is named, for a store that never said which."""
    from osai.rules import load_ruleset

    return tuple(sorted(framework.id for framework in load_ruleset().default_frameworks()))


def _csv_columns(store: CensusStore) -> str:
    """The models' columns as CSV cells.  Each list (tags, base_models, licence_tags, …) is a
    JSON array, as the JSON export writes it and Parquet holds it: DuckDB's CSV writer gave a
    list's own text, `[transformers, 'arxiv:2307.09288']`, quoting only some items, which no
    reader parses back.  An empty list is `[]`, a missing one an empty cell.  Each text that a
    spreadsheet would run as a formula starts with an apostrophe (_AS_TEXT)."""
    return _replaced(store, _csv_cell)


def _csv_cell(column: str, kind: str) -> str:
    if kind.endswith("[]"):
        return f"to_json({column})"
    return _AS_TEXT.format(column=column) if kind == "VARCHAR" else ""


def _json_columns(store: CensusStore) -> str:
    """The models' columns as JSON values: each moment (created_at, judged_at, …) in ISO 8601
    with its zone, `2026-12-05T02:41:11.876924Z`.  The store keeps UTC without a zone (DuckDB's
    TIMESTAMP), which its JSON writer gave as `2026-12-05 02:41:11.876924`: a dashboard's
    Date() read that as local time."""
    return _replaced(store, _json_cell)


def _json_cell(column: str, kind: str) -> str:
    return f"strftime({column}, '%Y-%m-%dT%H:%M:%S.%fZ')" if kind == "TIMESTAMP" else ""


def _replaced(store: CensusStore, cell: Callable[[str, str], str]) -> str:
    """The models' columns, each that `cell` gives an expression for (from the column and its
    DuckDB type; "" to keep it) replaced by it, under its own name."""
    described = store.connection.execute("DESCRIBE models").fetchall()
    replaced = [
        f"{expression} AS {_identifier(name)}"
        for name, kind in ((str(row[0]), str(row[1])) for row in described)
        if (expression := cell(f"m.{_identifier(name)}", kind))
    ]
    return f"m.* REPLACE ({', '.join(replaced)})" if replaced else "m.*"


_MODEL_COLUMNS = {ExportFormat.CSV: _csv_columns, ExportFormat.JSON: _json_columns}


# The listing's own words (an author, a licence, a library name) may start as a formula: a
# spreadsheet opening the CSV ran `=HYPERLINK(…)` or `=cmd|' /C calc'!A0` (CSV injection).  A
# text starting with what starts a formula (=, +, -, @, or a tab or CR before one) starts with an
# apostrophe, which a spreadsheet reads as "this cell is text" (OWASP's advice); JSON and Parquet
# keep the text as it came.
_AS_TEXT = (
    "CASE WHEN regexp_matches({column}, '^[=+@\\t\\r-]') THEN '''' || {column} ELSE {column} END"
)


def _verdict_columns(framework: str, kept: set[str]) -> list[str]:
    """The export's columns of `framework`, from the verdicts' columns the store `kept`."""
    columns = []
    for depth, suffix in ((Depth.METADATA, ""), (Depth.DEEP, "_deep")):
        condition = f"framework = {_literal(framework)} AND depth = {_literal(depth.value)}"
        # the label beside the outcome: MOF's `none` is "no class reached" (a class violated)
        # and "Class III not demonstrated" alike, which only the label tells apart; the mode
        # beside both: runs with `--mode mof=mot` and without filled one column, MOT's
        # verdicts and the default mode's counted as one framework's
        for field in ("outcome", "label", "definite", "mode"):
            # `eu_ai_act_outcome`: a hyphen would need quoting in every SQL or pandas use (a
            # framework id has no underscore, so no two ids meet in one name)
            name = _identifier(f"{framework.replace('-', '_')}{suffix}_{field}")
            value = field if field in kept else "NULL::VARCHAR"
            columns.append(f"any_value({value}) FILTER (WHERE {condition}) AS {name}")
    return columns


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
