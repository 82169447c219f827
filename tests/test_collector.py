"""A check keeps what it builds until its report is written: the garbage collector is not run
every few hundred allocations over results that are all still in use (osai.collector)."""

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


# `python -m osai` as the `osai` script runs it, counting the collector's runs over the youngest
# generation: the imports alone made some 40 of them (15 ms of every start).
_COLLECTIONS_SCRIPT = """
import gc, json, runpy, sys
runs = []
gc.callbacks.append(lambda phase, info: runs.append(phase) if phase == "start" else None)
sys.argv = ["osai", *json.loads(sys.argv[1])]
try:
    runpy.run_module("osai", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
print(len(runs), file=sys.stderr)
"""


def test_the_start_up_is_not_collected_over_and_over() -> None:
    """The imports keep what they build (modules, classes, functions): the collector is told
    so before them, as for the run (osai.collector), not after."""
    manifests = sorted(str(path) for path in EXAMPLES.glob("*.yml"))
    assert int(last_said(_COLLECTIONS_SCRIPT, ["check", *manifests, "--format", "json"])) <= 2
