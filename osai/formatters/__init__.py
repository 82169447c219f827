"""Formatters: pure functions from a Report to text.  Only the CLI prints or writes files.

`OutputFormat` is the one list of formats: it drives the command line's choices and this
registry (a test checks that every format has a formatter).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the commands that name a format (the CLI's options) judge nothing
    from osai.report import Report

Formatter = Callable[["Report"], str]


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    SARIF = "sarif"
    GITHUB = "github"
    JUNIT = "junit"
    CYCLONEDX = "cyclonedx"
    SPDX = "spdx"


# The formats that are an AI bill of materials: an inventory of the models asked for, which one
# that could not be checked would leave out while the document still looked whole (run.py).
# They state the weights' digests, which only they need (the Hub is asked for its files'
# metadata, a local directory's weights are hashed: osai.targets.ReadOptions); and one found in
# a model's directory is read as evidence, never replaced as a report of osai's (osai.outputs).
BOM_FORMATS = frozenset({OutputFormat.CYCLONEDX, OutputFormat.SPDX})

# The formats whose documents are UTF-8 whatever the stream they are printed on: JSON (RFC 8259
# §8.1: SARIF and the AI BOMs are JSON too) and JUnit's XML, which declares it.  Printed in a
# terminal's or a pipe's encoding, a character in the data it has not (`…` in ASCII) was lost.
# Markdown and GitHub's workflow commands too: GitHub reads them as UTF-8 (a Windows runner's
# cp1252 pipe into $GITHUB_STEP_SUMMARY), and a stand-in is Markdown syntax there: `- + **OSAID**`
# rendered as a nested list, the met mark gone.
UTF8_DOCUMENTS = frozenset(
    {
        OutputFormat.MARKDOWN,
        OutputFormat.GITHUB,
        OutputFormat.JSON,
        OutputFormat.SARIF,
        OutputFormat.JUNIT,
        OutputFormat.CYCLONEDX,
        OutputFormat.SPDX,
    }
)

# Each format's renderer, imported only when used (a text report never loads the SARIF code).
_RENDERERS: dict[OutputFormat, tuple[str, str]] = {
    OutputFormat.TEXT: ("osai.formatters.text", "render_text"),
    OutputFormat.JSON: ("osai.formatters.json_report", "render_json"),
    OutputFormat.MARKDOWN: ("osai.formatters.markdown", "render_markdown"),
    OutputFormat.SARIF: ("osai.formatters.sarif", "render_sarif"),
    OutputFormat.GITHUB: ("osai.formatters.github", "render_github"),
    OutputFormat.JUNIT: ("osai.formatters.junit", "render_junit"),
    OutputFormat.CYCLONEDX: ("osai.formatters.cyclonedx", "render_cyclonedx"),
    OutputFormat.SPDX: ("osai.formatters.spdx", "render_spdx"),
}


def output_format(name: str) -> OutputFormat:
    """The format a name gives; BadInput, naming the formats, if none."""
    try:
        return OutputFormat(name)
    except ValueError:
        from osai.errors import BadInput

        raise BadInput(f"unknown format '{name}' (formats: {', '.join(format_names())})") from None


def formatter_for(name: str) -> Formatter:
    module, function = _RENDERERS[output_format(name)]
    renderer: Formatter = getattr(import_module(module), function)
    return renderer


def errors_stated(name: OutputFormat, report: Report) -> bool:
    """Whether a person reading this format's report reads each target that could not be
    checked, and why (the text summary of several targets; GitHub's `::error` annotations, in
    the same CI log as standard error): standard error need not repeat it.  Another format for
    machines states them too, but a person does not read it on a terminal."""
    if not report.errors:
        return False
    if name is OutputFormat.GITHUB:  # each one an `::error title=osai::` line
        return True
    if name is not OutputFormat.TEXT:
        return False
    from osai.formatters.text import states_errors  # loaded to render the report in any case

    return states_errors(report)


def format_names() -> tuple[str, ...]:
    return tuple(f.value for f in OutputFormat)
