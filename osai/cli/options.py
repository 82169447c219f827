"""Options several commands take, declared once: how long a network read may take; the frameworks
judged and their modes; lists of ids given comma- or blank-separated (split by
osai.textsafe.comma_separated, as a configuration's are)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from osai.textsafe import comma_separated

AddFramework = Annotated[
    list[Path] | None,
    typer.Option(
        "--add-framework",
        metavar="FILE",
        help="An extra framework rule file (repeatable; replaces the configuration's "
        "add-framework list).",
    ),
]

Modes = Annotated[
    list[str] | None,
    typer.Option(
        "--mode",
        metavar="FRAMEWORK=MODE",
        help="A mode for any framework with modes (repeatable; osai rules show FRAMEWORK "
        "lists its modes).",
    ),
]

MofMode = Annotated[
    str | None,
    typer.Option(
        "--mof-mode",
        metavar="MODE",
        help="How the MOF judges licences: default; mot, exactly as the Model Openness Tool "
        "scores them; strict, each component's fit for its type, code, data or document "
        "(= --mode mof=MODE).",
    ),
]

# what a dead Hub's "the local cache holds it at commit …: --offline checks that" names
Offline = Annotated[
    bool, typer.Option("--offline", help="Use the local caches only (Hub, linked resources).")
]

Revision = Annotated[
    str | None,
    typer.Option("--revision", metavar="REV", help="Hub revision (branch, tag or commit)."),
]

Timeout = Annotated[
    float,
    typer.Option("--timeout", min=0.1, metavar="SECONDS", help="Seconds per network read."),
]


def frameworks_option(default_said: str) -> Any:
    """`-f/--framework ID`: which frameworks a command judges by when none is named is its own."""
    return typer.Option(
        "-f",
        "--framework",
        metavar="ID",
        help="osaid|mof|eu-ai-act|eosai|ID (repeatable, or separated by commas or blanks: "
        f"-f osaid,mof; default: {default_said}).",
    )


def max_links_option(per: str) -> Any:
    """`--max-links N`: the linked resources read per model (`per`: what a command reads one
    model as); None leaves rules/links.yaml's max_links."""
    return typer.Option(
        "--max-links", min=0, metavar="N", help=f"Linked resources read per {per} (default 12)."
    )


def deadline_option(help_text: str, *, least: float = 1.0) -> Any:
    """`--deadline SECONDS`: what it bounds is each command's own (a check, a page, a download)."""
    return typer.Option("--deadline", min=least, metavar="SECONDS", help=help_text)


__all__ = [
    "AddFramework",
    "Modes",
    "MofMode",
    "Offline",
    "Revision",
    "Timeout",
    "comma_separated",
    "deadline_option",
    "frameworks_option",
    "max_links_option",
]
