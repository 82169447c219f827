"""Regenerate the README's sample outputs from fresh runs of osai.

    python scripts/readme_samples.py [--check]

Each sample in README.md sits between `<!-- sample: ARGS -->` and `<!-- /sample -->`: a fenced
block holding `$ osai ARGS` and what that command prints at COLUMNS (100 unless the marker gives
`columns=N`), run in process from the repository root.  A marker ending in ` hub` runs its
command against the tests' loopback Hub (tests/loopback_hub.py: the corpus repositories, the
client isolated as tests/conftest.py isolates it, with the tests' loopback GitHub and arXiv) in
a scratch directory, for the files it writes, and shows its standard error after its standard
output, as a terminal does (`osai init ORG/NAME` says on standard error what the draft leaves
out); a line under the block says it was run so (HUB_SETTING), since what it counts depends on
it.  With --check, nothing is written: the exit code says whether every sample is what osai
prints today (tests/test_readme.py runs it).
"""

from __future__ import annotations

import io
import os
import re
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, redirect_stderr, redirect_stdout, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SAMPLE = re.compile(
    r"(?P<open><!-- sample: (?P<args>[^>]*?)(?: columns=(?P<columns>\d+))?(?P<hub> hub)? -->\n)"
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
    hub: bool = False  # run against the loopback Hub


def run(args: str, columns: int, *, hub: bool = False) -> str:
    """What `osai ARGS` prints at `columns`, plain (no colour), from the repository root; with
    `hub`, against the loopback Hub, from a scratch directory, its standard error after."""
    sys.path.insert(0, str(ROOT))
    from osai.cli import main

    saved = {name: os.environ.get(name) for name in ("COLUMNS", "NO_COLOR", "FORCE_COLOR")}
    argv, cwd = sys.argv, Path.cwd()
    out, err = io.StringIO(), io.StringIO()
    os.environ.update({"COLUMNS": str(columns), "NO_COLOR": "1"})
    os.environ.pop("FORCE_COLOR", None)
    try:
        with loopback_hub() if hub else nullcontext(ROOT) as where:
            os.chdir(where)
            sys.argv = ["osai", *expanded(shlex.split(args))]
            with redirect_stdout(out), redirect_stderr(err), suppress(SystemExit):
                main()
    finally:
        sys.argv = argv
        os.chdir(cwd)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return out.getvalue() + (err.getvalue() if hub else "")


@contextmanager
def loopback_hub() -> Iterator[Path]:
    """The tests' loopback Hub, the client isolated as the tests' `hub` fixture isolates it
    (one place: tests/conftest.py), the tests' loopback GitHub and arXiv, and a scratch
    directory to run in.  GitHub and arXiv are the script's own whatever the environment says:
    a developer's loopback GitHub read the card's links and drafted another sample, and with
    them refused `osai init` warns of each link it could not read."""
    import tempfile

    import pytest  # a development script: the tests' own tools

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import isolate_hub_client
    from huggingface_hub.utils import close_session
    from loopback_arxiv import LoopbackArxiv
    from loopback_github import LoopbackGitHub
    from loopback_hub import LoopbackHub

    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as scratch:
        for variable in ("GITHUB_API_URL", "OSAI_ARXIV_URL", "GITHUB_TOKEN", "GH_TOKEN"):
            patch.delenv(variable, raising=False)
        isolate_hub_client(patch)
        patch.setenv("OSAI_CACHE_DIR", str(Path(scratch) / "cache"))  # no earlier run's answers
        with LoopbackHub() as hub, LoopbackGitHub() as github, LoopbackArxiv() as arxiv:
            patch.setenv("HF_ENDPOINT", hub.endpoint)
            patch.setenv("GITHUB_API_URL", github.api_url)
            patch.setenv("OSAI_ARXIV_URL", arxiv.base_url)
            yield Path(scratch)
        close_session()  # no pooled connection to a server that is gone


def expanded(words: list[str]) -> list[str]:
    """Globs as a shell expands them (sorted), from the repository root."""
    found: list[str] = []
    for word in words:
        matches = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(word)) if "*" in word else []
        found.extend(matches or [word])
    return found


# Said under a sample run against the loopback Hub: the count of facts it leaves to declare is
# this setting's (a reader who runs the command against the Hub, with GitHub and arXiv answering,
# gets fewer: 26 for pythia-70m where the sample says 32).
HUB_SETTING = (
    "_Generated against the tests' loopback Hub, GitHub and arXiv: the code and paper the\n"
    "card links to are read as they were when the fixtures were recorded._\n"
)


def block(args: str, output: str, *, hub: bool = False) -> str:
    fenced = f"```\n$ osai {args}\n{output.rstrip()}\n```\n"
    return fenced + (f"\n{HUB_SETTING}" if hub else "")


def samples(readme: str) -> list[Sample]:
    return [
        Sample(m["args"].strip(), int(m["columns"] or DEFAULT_COLUMNS), m["body"], bool(m["hub"]))
        for m in SAMPLE.finditer(readme)
    ]


def regenerated(readme: str) -> str:
    def fresh(match: re.Match[str]) -> str:
        columns = int(match["columns"] or DEFAULT_COLUMNS)
        args = match["args"].strip()
        hub = bool(match["hub"])
        body = block(args, run(args, columns, hub=hub), hub=hub)
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
