"""Regenerate the README's sample outputs from fresh runs of osai.

    python scripts/readme_samples.py [--check]

Each sample in README.md sits between `<!-- sample: ARGS -->` and `<!-- /sample -->`: a fenced
block holding `$ osai ARGS` and what that command prints at COLUMNS (100 unless the marker gives
`columns=N`), run in process from the repository root.  With --check, nothing is written: the
exit code says whether every sample is what osai prints today (tests/test_readme.py runs it).
"""

from __future__ import annotations

import io
import os
import re
import shlex
import sys
from contextlib import redirect_stderr, redirect_stdout, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SAMPLE = re.compile(
    r"(?P<open><!-- sample: (?P<args>[^>]*?)(?: columns=(?P<columns>\d+))? -->\n)"
    r"(?P<body>.*?)"
    r"(?P<close><!-- /sample -->)",
    re.S,
)
DEFAULT_COLUMNS = 100


@dataclass(frozen=True)
class Sample:
    args: str
    columns: int
    text: str  # the fenced block, as the README has it


def run(args: str, columns: int) -> str:
    """What `osai ARGS` prints at `columns`, plain (no colour), from the repository root."""
    sys.path.insert(0, str(ROOT))
    from osai.cli import main

    saved = {name: os.environ.get(name) for name in ("COLUMNS", "NO_COLOR", "FORCE_COLOR")}
    argv, cwd = sys.argv, Path.cwd()
    out = io.StringIO()
    os.environ.update({"COLUMNS": str(columns), "NO_COLOR": "1"})
    os.environ.pop("FORCE_COLOR", None)
    try:
        os.chdir(ROOT)
        sys.argv = ["osai", *expanded(shlex.split(args))]
        with redirect_stdout(out), redirect_stderr(io.StringIO()), suppress(SystemExit):
            main()
    finally:
        sys.argv = argv
        os.chdir(cwd)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return out.getvalue()


def expanded(words: list[str]) -> list[str]:
    """Globs as a shell expands them (sorted), from the repository root."""
    found: list[str] = []
    for word in words:
        matches = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(word)) if "*" in word else []
        found.extend(matches or [word])
    return found


def block(args: str, output: str) -> str:
    return f"```\n$ osai {args}\n{output.rstrip()}\n```\n"


def samples(readme: str) -> list[Sample]:
    return [
        Sample(m["args"].strip(), int(m["columns"] or DEFAULT_COLUMNS), m["body"])
        for m in SAMPLE.finditer(readme)
    ]


def regenerated(readme: str) -> str:
    def fresh(match: re.Match[str]) -> str:
        columns = int(match["columns"] or DEFAULT_COLUMNS)
        body = block(match["args"].strip(), run(match["args"].strip(), columns))
        return f"{match['open']}{body}{match['close']}"

    return SAMPLE.sub(fresh, readme)


def main() -> int:
    readme = README.read_text(encoding="utf-8")
    updated = regenerated(readme)
    if "--check" in sys.argv[1:]:
        stale = [s.args for s in samples(readme) if s not in samples(updated)]
        for args in stale:
            print(f"README.md: the sample of `osai {args}` is stale", file=sys.stderr)
        return 1 if stale else 0
    README.write_text(updated, encoding="utf-8")
    print(f"README.md: {len(samples(updated))} samples regenerated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
