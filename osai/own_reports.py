"""Whether a file is a report osai wrote, by how each of its report formats opens: a report a
run wrote into the directory it checks is no evidence of the model (osai.backends.local passes
it over: `-o results.json` read back as the model's evaluation results, `-o README.md` as its
card), and the next run's replaces it (osai.outputs), as any tool replaces its own report,
where any other file of that directory is an input never written over.  A test writes every
report format and reads it back here, so the two cannot drift.  Pure."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

# How many bytes of a file are read to tell: each format says it is osai's in its first lines.
HEAD_BYTES = 1024

# The names a report osai wrote may have (lower case): no other file is read to tell.
REPORT_SUFFIXES = (".json", ".sarif", ".xml", ".md")

# The AI BOMs are not here: one found in a model's directory is read as its evidence.
_OPENINGS = (
    # JSON (formatters/json_report.py): one line, its keys in this order; indented as osai
    # wrote it before f9c1d3d0 (and as `jq .` prints it): a rerun replaces that one too
    re.compile(rb'\{\s*"schema_version": "[0-9.]+",\s*"tool": \{\s*"name": "osai",\s'),
    # SARIF (formatters/sarif.py): indented, the first run's tool first
    re.compile(
        rb'\{\s*"\$schema": "https://json\.schemastore\.org/sarif-[0-9.]+\.json",\s*'
        rb'"version": "[0-9.]+",\s*"runs": \[\s*\{\s*"tool": \{\s*"driver": \{\s*"name": "osai",'
    ),
    # JUnit XML (formatters/junit.py)
    re.compile(rb"<\?xml version='1\.0' encoding='utf-8'\?>\s*<testsuites name=\"osai\" "),
    # Markdown (formatters/markdown.py)
    re.compile(rb"# osai openness report\n"),
    # `osai audit`'s JSON, Markdown and text (formatters/audit.py)
    re.compile(rb'\{\s*"schema": "osai/audit/[0-9]+",\s*"tool": \{\s*"name": "osai",'),
    re.compile(rb"(?:# )?osai audit [a-z]+: "),
)


# What else osai writes, by its opening: the AI BOMs (which a model's directory may hold as its
# evidence, so not _OPENINGS), the GitHub workflow commands, the text report (its title line:
# a model's name and where it was read, or the summary of several targets), the census's CSV and
# JSON exports and its Markdown and HTML reports.  Told only to replace, wherever a report is
# written (osai.outputs.refuse_unowned), a file osai wrote there before, and nothing else.
_OUTPUT_OPENINGS = (
    # CycloneDX (formatters/cyclonedx.py): osai the first tool
    re.compile(
        rb'\{\s*"\$schema": "http://cyclonedx\.org/schema/bom-[0-9.]+\.schema\.json",\s*'
        rb'"bomFormat": "CycloneDX",[^\[]*"tools": \{\s*"components": \[\s*\{\s*'
        rb'"type": "application",\s*"name": "osai",'
    ),
    # SPDX 3 (formatters/spdx.py): created by osai
    re.compile(
        rb'\{\s*"@context": "https://spdx\.org/rdf/[0-9.]+/spdx-context\.jsonld",\s*'
        rb'"@graph": \[\s*\{\s*"type": "CreationInfo",[^\]]*"createdBy": \[\s*"[^"]*#osai"'
    ),
    # GitHub workflow commands (formatters/github.py)
    re.compile(rb"::(?:notice|warning|error) [^\n]*title="),
    # text (formatters/text.py, text_summary.py): the summary of several targets, or a model's
    # heading ("NAME  ·  SOURCE"; a long one wraps, its lines after the first indented by 4:
    # "NAME" over "    manifest: /a/long/path.yml") over what its verdicts rest on ("  warning:
    # ...", Finding.misdirected) or its first verdict line ("  OSAID 1.0  ✔ ...").  The heading
    # alone told it before: a wrapped one was refused as the user's, and a user's notes opening
    # "Release notes  ·  v2" over "  - faster" were replaced.
    re.compile(
        rb"(?:Summary of [0-9,]+ targets?\n  |(?:[^\n]*\xc2\xb7[^\n]*\n(?:    [^\n]*\n)*"
        rb"|[^\n]+\n(?:    [^\n]*\n)+)  "
        rb"(?:(?:conflict|warning|note): |[^ \n][^\n]*?  "
        rb"(?:\xe2\x9c\x94|\xe2\x9c\x98|\?|\xe2\x89\x88|\xe2\x80\x94) ))"
    ),
    # the census export (census/export.py), CSV and JSON: the models' first columns
    re.compile(rb"repo_id,revision,"),
    re.compile(rb'\[\s*\{"repo_id":'),
    # `osai census report`'s Markdown and HTML (formatters/census_markdown.py, census_html.py)
    re.compile(rb"# Hub census\n\n- (?:\*\*Verdicts\*\* \(metadata only\): |Models: \*\*)"),
    re.compile(
        rb'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">'
        rb"<meta name=\"viewport\" [^>]*><title>Hub census</title>"
    ),
)

# A Parquet file opens and ends with this; the census export's names its first column in the
# footer, before the last 8 bytes.
PARQUET_MAGIC = b"PAR1"


def written_by_osai(head: bytes) -> bool:
    """Whether a file opening with `head` (its first HEAD_BYTES) is a report osai wrote."""
    return any(opening.match(_lines_of(head)) for opening in _OPENINGS)


# The most of a file read to tell, whole, that osai wrote it (a report of one model is some
# 50 kB): a larger one that opens as osai's is told by its opening alone.
WHOLE_BYTES = 2 * 1024 * 1024
# How much of a file report_of_osai is given: one byte more tells it is larger than that.
READ_BYTES = WHOLE_BYTES + 1

# What a report osai wrote holds after its opening, where that tells more: the summary's line
# under the Markdown report's title and the audit's; the JUnit XML's close.
_MARKDOWN_SUMMARY = re.compile(
    rb"# osai openness report\n\n[0-9,]+ targets? checked[ .]"
    rb"|(?:# )?osai audit [a-z]+: [^\n]*\n\n?[^\n]"
)
_JUNIT_END = b"</testsuites>"
# The top-level keys of each JSON report (formatters/json_report.py, sarif.py, audit.py) and of
# a SARIF run: a test writes each and holds it to these.
REPORT_KEYS = frozenset(
    {"schema_version", "tool", "rules", "targets", "errors", "fail_on_unknown"}
    | {"fail_on_unknown_at", "gate", "warnings", "baseline"}
)
SARIF_KEYS = frozenset({"$schema", "version", "runs"})
SARIF_RUN_KEYS = frozenset({"tool", "results", "invocations", "columnKind", "properties"})
AUDIT_KEYS = frozenset({"schema", "tool", "summary", "listings", "errors"})


def report_read_on(head: bytes, read_on: Callable[[int], bytes]) -> bool:
    """Whether a file opening with `head` (its first HEAD_BYTES) is a report osai wrote, the
    rest read (by `read_on`, its file's read) only for one that opens as osai's: a directory's
    evidence is not read twice.  The one test of both osai.backends.local (a report passed over
    as no evidence of the model) and osai.outputs (a report the next run replaces): each told
    its own, and a 2 MB report of 45 targets was read as the model's evaluation results by one
    and replaced as osai's by the other."""
    return written_by_osai(head) and report_of_osai(head + read_on(READ_BYTES - len(head)))


def report_of_osai(data: bytes) -> bool:
    """Whether a file whose first READ_BYTES are `data` is a report osai wrote, told by more
    than its opening: a report read back as the model's evidence is passed over
    (osai.backends.local), so a file told by its first line alone hid anything below it
    (`LICENSE.md` opening "# osai openness report" over the Llama 2 licence, and a gate on the
    card's Apache-2.0 passed; a licence file is never passed over anyway).  JSON is read whole:
    nothing in it but what osai's report holds; Markdown and text must go on as osai's do,
    JUnit XML end as it does.  One larger than WHOLE_BYTES (a report of many targets) is told
    by its opening: read whole, no more of it would be known."""
    if not written_by_osai(data[:HEAD_BYTES]):
        return False
    if len(data) > WHOLE_BYTES:
        return True
    lines = _lines_of(data)
    if lines.lstrip().startswith(b"{"):
        return _json_report(lines)
    if lines.startswith(b"<?xml"):
        return lines.rstrip().endswith(_JUNIT_END)
    return _MARKDOWN_SUMMARY.match(lines) is not None


def _json_report(data: bytes) -> bool:
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):  # not JSON, or nested past what Python reads
        return False
    if not isinstance(document, dict):
        return False
    if "runs" in document:
        runs = document["runs"]
        return (
            document.keys() <= SARIF_KEYS
            and isinstance(runs, list)
            and all(isinstance(run, dict) and run.keys() <= SARIF_RUN_KEYS for run in runs)
        )
    return document.keys() <= (AUDIT_KEYS if "schema" in document else REPORT_KEYS)


def _lines_of(head: bytes) -> bytes:
    """Its lines ended as osai ends them: a report committed and checked out again with CRLF
    (git's core.autocrlf on Windows) is still osai's, which the next run replaced as the user's
    file, refused."""
    return head.replace(b"\r\n", b"\n")


def may_be_report(name: str) -> bool:
    """Whether a file of this name may be a report osai wrote (its head then tells)."""
    return name.lower().endswith(REPORT_SUFFIXES)


def output_of_osai(
    head: bytes, read_on: Callable[[int], bytes], read_tail: Callable[[], bytes]
) -> bool:
    """Whether a file opening with `head` is any file osai writes: a report (told as
    report_read_on tells it, with `read_on`), an AI BOM, workflow commands, a census export
    (told by its last TAIL_BYTES, which `read_tail` reads)."""
    if written_by_osai(head):
        return report_read_on(head, read_on)
    if any(opening.match(_lines_of(head)) for opening in _OUTPUT_OPENINGS):
        return True
    tail = read_tail()
    parquet = head.startswith(PARQUET_MAGIC) and tail.endswith(PARQUET_MAGIC)
    return parquet and b"repo_id" in tail


# How many bytes of a file's end are read to tell a census export in Parquet: its footer.
TAIL_BYTES = 65536
