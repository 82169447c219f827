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

    return {"text": text, "json": json}
