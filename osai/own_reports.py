"""Whether a file is a report osai wrote, by how each of its report formats opens: a report a
run wrote into the directory it checks is no evidence of the model (osai.backends.local passes
it over: `-o results.json` read back as the model's evaluation results, `-o README.md` as its
card), and the next run's replaces it (osai.outputs), as any tool replaces its own report,
where any other file of that directory is an input never written over.  A test writes every
report format and reads it back here, so the two cannot drift.  Pure."""

from __future__ import annotations

import re

# How many bytes of a file are read to tell: each format says it is osai's in its first lines.
HEAD_BYTES = 1024

# The names a report osai wrote may have (lower case): no other file is read to tell.
REPORT_SUFFIXES = (".json", ".sarif", ".xml", ".md")

# The AI BOMs are not here: one found in a model's directory is read as its evidence.
_OPENINGS = (
    # JSON (formatters/json_report.py): one line, its keys in this order
    re.compile(rb'\{"schema_version": "[0-9.]+", "tool": \{"name": "osai", '),
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


def written_by_osai(head: bytes) -> bool:
    """Whether a file opening with `head` (its first HEAD_BYTES) is a report osai wrote."""
    return any(opening.match(head) for opening in _OPENINGS)


def may_be_report(name: str) -> bool:
    """Whether a file of this name may be a report osai wrote (its head then tells)."""
    return name.lower().endswith(REPORT_SUFFIXES)
