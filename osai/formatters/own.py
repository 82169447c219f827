"""Whether a file is a report osai wrote, by how each of its report formats opens: a report a
run wrote into the directory it checks is replaced by the next run's (osai.outputs), as any
tool replaces its own report, where any other file of that directory is an input never written
over.  A test writes every report format and reads it back here, so the two cannot drift."""

from __future__ import annotations

import re

# How many bytes of a file are read to tell: each format says it is osai's in its first lines.
HEAD_BYTES = 1024

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
)


def written_by_osai(head: bytes) -> bool:
    """Whether a file opening with `head` (its first HEAD_BYTES) is a report osai wrote."""
    return any(opening.match(head) for opening in _OPENINGS)
