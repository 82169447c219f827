"""How card parsing scales with hostile cards (issue #14, item 3): it should double, not quadruple.

Part 1, the issue's two inputs by repeats: arXiv ids on one line, and "license" repeated in a gating
prompt, at 1k, 2k, 4k, 8k, 16k and 32k repeats.  For each: the card's size, the time of
``parse_card`` (median of --runs), the ratio to the previous row (2.0 is linear, 4.0 quadratic),
and the time of the whole `osai check DIR` in a new interpreter (start-up included).  Before the
fix the issue measured 3.6, 9.7 and 27 s at 1k, 2k, 4k ids, and 4.7, 17.5 and 108 s at 8k, 16k, 32k
repeats.

Part 2, every card of tests/hostile_cards.py at 32, 64, 128 and 256 thousand characters: the
parse time and its ratio per doubling.

A card longer than osai.card.MAX_CARD_CHARS (512 KiB), or a gating prompt longer than
MAX_FIELD_CHARS (64 KiB), is read up to it: the row says "capped", and its time no longer grows.

    python benchmarks/card_scaling.py [--runs 5] [--no-check]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from hostile_cards import HOSTILE_CARDS, ISSUE_REPEATS  # noqa: E402

from osai.card import parse_card  # noqa: E402
from osai.detection import CardPatterns  # noqa: E402
from osai.rules import load_ruleset  # noqa: E402
from osai.rules.links import RepositoryPaths  # noqa: E402

REPEATS = (1000, 2000, 4000, 8000, 16000, 32000)
SIZES = (32_000, 64_000, 128_000, 256_000)


@functools.cache
def _repositories() -> RepositoryPaths:
    """Where code sites keep repositories (rules/links.yaml), as `osai check` reads a card."""
    return load_ruleset().links.repositories


def parse_seconds(text: str, patterns: CardPatterns, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_card(text, patterns, repositories=_repositories())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _capped(text: str, patterns: CardPatterns) -> bool:
    """The card, or its gating prompt, is longer than osai reads (MAX_CARD_CHARS,
    MAX_FIELD_CHARS): the rest was ignored, and a problem says so."""
    parsed = parse_card(text, patterns, repositories=_repositories())
    return any("only the first" in p.value for p in parsed.problems)


def check_seconds(text: str) -> tuple[float, int]:
    """`osai check DIR` on a directory holding only this card: wall time and exit code."""
    with tempfile.TemporaryDirectory() as directory:
        Path(directory, "README.md").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-m", "osai", "check", directory],
            capture_output=True,
            cwd=ROOT,
            timeout=900,
            check=False,
        )
        return time.perf_counter() - start, completed.returncode


def _ratio(now: float, before: float | None) -> str:
    return f"{now / before:5.2f}" if before else "    -"


def issue_scaling(patterns: CardPatterns, runs: int, check: bool) -> None:
    print("Part 1: the issue's inputs (ratio: to the previous row; 2.0 is linear, 4.0 quadratic)")
    print(f"{'input':26} {'repeats':>7} {'chars':>9} {'parse s':>8} {'ratio':>5} {'check s':>8}")
    for name, make in ISSUE_REPEATS.items():
        before: float | None = None
        for repeats in REPEATS:
            text = make(repeats)
            seconds = parse_seconds(text, patterns, runs)
            whole = ""
            if check:
                wall, code = check_seconds(text)
                whole = f"{wall:8.2f}" + ("" if code == 0 else f" (exit {code})")
            capped = "  capped" if _capped(text, patterns) else ""
            print(
                f"{name:26} {repeats:>7} {len(text):>9,} {seconds:8.3f} "
                f"{_ratio(seconds, before)} {whole}{capped}",
                flush=True,
            )
            before = seconds


def hostile_scaling(patterns: CardPatterns, runs: int) -> None:
    print()
    print("Part 2: every hostile card of tests/hostile_cards.py, parse seconds by size")
    header = " ".join(f"{size // 1000:>6}k" for size in SIZES)
    print(f"{'card':32} {header}   ratios per doubling")
    for name, make in HOSTILE_CARDS.items():
        times = [parse_seconds(make(size), patterns, runs) for size in SIZES]
        ratios = " ".join(_ratio(now, before) for before, now in pairwise(times))
        cells = " ".join(f"{seconds:7.3f}" for seconds in times)
        print(f"{name:32} {cells}   {ratios}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="parses per measurement (median)")
    parser.add_argument("--no-check", action="store_true", help="skip the whole `osai check`")
    args = parser.parse_args(argv)
    patterns = load_ruleset().detection.card
    issue_scaling(patterns, args.runs, not args.no_check)
    hostile_scaling(patterns, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
