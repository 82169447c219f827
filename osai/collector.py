"""How often the garbage collector runs in an `osai` process: set by osai.entry before the
command line's imports, and again by osai.cli.main for a caller that runs it in process."""

from __future__ import annotations

import gc

# A run keeps what it builds (every target's evidence and verdicts) until its report is written,
# and reference counting frees the rest at once: the collector's default young generation (700
# new containers) found almost nothing to free over the MOT corpus, some 250 collections going
# over the growing results again, a tenth of the CPU of `osai check --format json`.  Collected
# this many allocations apart (as mypy does), the rare cycles still are, their garbage small.
# The imports are such a run too (modules, classes, functions, all kept): set only after them,
# it left them some 40 collections, 15 ms of every start.
YOUNG_GENERATION = 200_000


def collect_seldom() -> None:
    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])
