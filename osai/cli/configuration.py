"""The configuration file a command reads (osai.config), found one way for every command: the file
`--config FILE` names, else the first osai finds in the current directory (`.osai.yaml`,
`.osai.yml`, `pyproject.toml`'s [tool.osai]).  `osai check` reads every setting of it; `osai
rules list|show|explain` and `osai compare` only its `add-framework` files, the frameworks a check
with it judges (its targets, gate and waivers are a check's); else a CI configuration naming
`my-policy.yaml` would leave `osai rules explain` saying "unknown framework"."""

from __future__ import annotations

import os
from dataclasses import dataclass
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


@dataclass(frozen=True)
class FoundConfig:
    """The configuration file a command reads (None: none), and the warning of one it does not
    read that the user may have meant ("" none): `osai check` gives the warning to its reports
    (osai.run.CheckRequest.setting_warnings), which said it on standard error alone, where a CI
    job's log is the one place no one reads."""

    path: Path | None
    aside: str = ""


def find_config(named: Path | None) -> FoundConfig:
    """The file named, else the first found here, with the warning naming any others (which are
    not read), or a file osai would not read that the user meant as one."""
    from osai.config import (
        above_config_warning,
        config_files,
        pyproject_beside_undotted,
        set_aside_warning,
        undotted_config_warning,
        unread_table_warning,
    )

    if named is not None:
        return FoundConfig(named)
    found = config_files(Path())
    if found:
        return FoundConfig(found[0], set_aside_warning(found) or pyproject_beside_undotted(found))
    # a file osai would not read, that the user meant as one
    aside = (
        unread_table_warning(Path())
        or undotted_config_warning(Path())
        or above_config_warning(Path(), os.environ)
    )
    return FoundConfig(None, aside)


def load_found(found: FoundConfig) -> Config:
    """The configuration `found` names; an empty one when there is none.  BadInput for a bad
    file, in one line."""
    from osai.config import Config, load_config

    return load_config(found.path) if found.path is not None else Config()


def read_config(found: FoundConfig) -> Config:
    """The configuration, its warning said first (on standard error: the command writes no
    report that would carry it)."""
    if found.aside:
        warning(found.aside)
    return load_found(found)


def known_frameworks(given: list[Path] | None, named: Path | None) -> tuple[Path, ...]:
    """The framework files a command that judges nothing knows: --add-framework's, which replace
    the configuration's `add-framework`, else those; a bad configuration is refused (exit 2), as
    `osai check` refuses it, though the flag was given: it is the same file, and just as wrong."""
    from osai.config import added_frameworks

    try:
        found = find_config(named)
    except OsaiError as exc:  # a directory osai cannot list
        fail(exc)
    try:
        return added_frameworks(read_config(found), tuple(given) if given else None)
    except OsaiError as exc:
        fail(exc, at=found.path)


def named_frameworks(
    added: tuple[Path, ...], flag_given: bool, config_named: bool
) -> tuple[Path, ...]:
    """The added framework files a report's hints name (`osai rules explain ID --add-framework
    FILE`): all but those of the configuration found in the current directory, which `osai
    rules` finds and reads too, so the plain command works where the check ran; those of the
    flag, or of a file --config named, it would not know.  (Naming the file always would work
    as well, but say more than the command needs.)"""
    return added if flag_given or config_named else ()
