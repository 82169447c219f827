"""Formatters: pure functions from a Report to text.  Only the CLI prints or writes files."""

from __future__ import annotations

from collections.abc import Callable

from osai.report import Report

Formatter = Callable[[Report], str]


def formatter_for(name: str) -> Formatter:
    from osai.errors import BadInput

    factories = _registry()
    if name not in factories:
        raise BadInput(f"unknown format '{name}' (formats: {', '.join(factories)})")
    return factories[name]()


def format_names() -> tuple[str, ...]:
    return tuple(_registry())


def _registry() -> dict[str, Callable[[], Formatter]]:
    def text() -> Formatter:
        from osai.formatters.text import render_text

        return render_text

    def json() -> Formatter:
        from osai.formatters.json_report import render_json

        return render_json

    def markdown() -> Formatter:
        from osai.formatters.markdown import render_markdown

        return render_markdown

    def sarif() -> Formatter:
        from osai.formatters.sarif import render_sarif

        return render_sarif

    def github() -> Formatter:
        from osai.formatters.github import render_github

        return render_github

    def junit() -> Formatter:
        from osai.formatters.junit import render_junit

        return render_junit

    def cyclonedx() -> Formatter:
        from osai.formatters.cyclonedx import render_cyclonedx

        return render_cyclonedx

    def spdx() -> Formatter:
        from osai.formatters.spdx import render_spdx

        return render_spdx

    return {
        "text": text,
        "json": json,
        "markdown": markdown,
        "sarif": sarif,
        "github": github,
        "junit": junit,
        "cyclonedx": cyclonedx,
        "spdx": spdx,
    }
