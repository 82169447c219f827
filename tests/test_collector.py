"""A check keeps what it builds until its report is written: the garbage collector is not run
every few hundred allocations over results that are all still in use (osai.cli.main)."""

from __future__ import annotations

from clirunner import EXAMPLES, last_said

# Counts the collections of a fresh process while `osai ARGS...` runs (imports left out).
_COUNTING_SCRIPT = """
import gc, json, sys
from osai.cli import main
collections = 0
def count(phase, info):
    global collections
    collections += phase == "start"
gc.callbacks.append(count)
sys.argv = ["osai", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print(collections, file=sys.stderr)
"""


def _collections_during(args: list[str]) -> int:
    return int(last_said(_COUNTING_SCRIPT, args))


def test_a_check_of_manifests_collects_no_garbage_along_the_way() -> None:
    manifests = sorted(str(path) for path in EXAMPLES.glob("*.yml"))
    assert _collections_during(["check", *manifests, "--format", "json"]) == 0
