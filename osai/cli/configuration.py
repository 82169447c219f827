"""The configuration file a command reads (osai.config), found one way for every command: the file
`--config FILE` names, else the first osai finds in the current directory (`.osai.yaml`,
`.osai.yml`, `pyproject.toml`'s [tool.osai]).  `osai check` reads every setting of it; `osai
rules list|show|explain` and `osai compare` only its `add-framework` files, the frameworks a check
with it judges (its targets, gate and waivers are a check's); else a CI configuration naming
`my-policy.yaml` would leave `osai rules explain` saying "unknown framework"."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from osai.cli.terminal import fail, warning
from osai.errors import OsaiError

if TYPE_CHECKING:
    from osai.config import Config

_WHICH = (
    ".osai.yaml, or a TOML file with [tool.osai] "
    "(default: .osai.yaml or .osai.yml, else pyproject.toml, in the current directory)"
)


def config_option(what: str) -> Any:
    """`--config FILE`: `what` says which of its settings the command reads."""
    return typer.Option("--config", metavar="FILE", help=f"{what}: {_WHICH}.")


# The option of a command that reads only the file's framework files.
FrameworksConfig = Annotated[
    Path | None, config_option("Settings file, read for its add-framework list")
]


def read_config(named: Path | None) -> Config:
    """The configuration: the file named, else the first found here (a warning names any others,
    which are not read); an empty one when there is none.  BadInput for a bad file, in one line."""
    from osai.config import (
        Config,
        above_config_warning,
        config_files,
        load_config,
        pyproject_beside_undotted,
        set_aside_warning,
        undotted_config_warning,
        unread_table_warning,
    )

    path = named
    if path is None:
        found = config_files(Path())
        if found:
            aside = set_aside_warning(found) or pyproject_beside_undotted(found)
        else:  # a file osai would not read, that the user meant as one
            aside = (
                unread_table_warning(Path())
                or undotted_config_warning(Path())
                or above_config_warning(Path(), os.environ)
            )
        if aside:
            warning(aside)
        path = found[0] if found else None
    return load_config(path) if path is not None else Config()


def known_frameworks(given: list[Path] | None, named: Path | None) -> tuple[Path, ...]:
    """The framework files a command that judges nothing knows: --add-framework's, which replace
    the configuration's `add-framework`, else those; a bad configuration is refused (exit 2), as
    `osai check` refuses it, though the flag was given: it is the same file, and just as wrong."""
    from osai.config import added_frameworks

    try:
        return added_frameworks(read_config(named), tuple(given) if given else None)
    except OsaiError as exc:
        fail(exc)


def named_frameworks(
    added: tuple[Path, ...], flag_given: bool, config_named: bool
) -> tuple[Path, ...]:
    """The added framework files a report's hints name (`osai rules explain ID --add-framework
    FILE`): all but those of the configuration found in the current directory, which `osai
    rules` finds and reads too, so the plain command works where the check ran; those of the
    flag, or of a file --config named, it would not know.  (Naming the file always would work
    as well, but say more than the command needs.)"""
    return added if flag_given or config_named else ()
