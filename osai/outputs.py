"""`-o FORMAT=PATH` (and a configuration's `outputs:`): one parser for that little syntax."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from osai.formatters import OutputFormat, format_names


@dataclass(frozen=True)
class OutputSpec:
    """Where to write a report, and in which format (None: the run's --format)."""

    path: Path
    format: OutputFormat | None = None

    @classmethod
    def parse(cls, text: str) -> OutputSpec:
        """`FORMAT=PATH` when the text before the first `=` is a format; else all of it is the
        path (so `json=out/a=b.json` is JSON to `out/a=b.json`, and `a=b.json` a path)."""
        name, separator, rest = text.partition("=")
        if separator and name in format_names():
            return cls(Path(rest), OutputFormat(name))
        return cls(Path(text))

    def relative_to(self, base: Path | None) -> OutputSpec:
        """The spec with a relative path taken from `base` (a configuration file's directory)."""
        if base is None or self.path.is_absolute():
            return self
        return OutputSpec(Path(os.path.normpath(base / self.path)), self.format)

    def __str__(self) -> str:
        return f"{self.format.value}={self.path}" if self.format is not None else str(self.path)
