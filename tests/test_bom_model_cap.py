"""How many models one AI BOM may describe: each is a target with its report, and 20,000 bare
models under an application took 1.65 GB (30,000: MemoryError, exit 70).  Beyond the cap, one
line (exit 2) says how to check one of them (FILE#NAME), which still works."""

from __future__ import annotations

import json
from pathlib import Path

from clirunner import run_osai

from osai.jsonsafe import MAX_BOM_MODELS


def _many(path: Path, count: int) -> Path:
    models = [
        {"type": "machine-learning-model", "bom-ref": f"m{i}", "name": f"m{i}"}
        for i in range(count)
    ]
    application = {"type": "application", "bom-ref": "app", "name": "app"}
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {"component": application},
        "components": models,
    }
    path.write_text(json.dumps(bom))
    return path


def test_a_bom_of_more_models_than_the_cap_is_refused_in_one_line(tmp_path: Path) -> None:
    bom = _many(tmp_path / "many.cdx.json", MAX_BOM_MODELS + 1)
    result = run_osai("check", str(bom))
    assert result.code == 2
    (line,) = result.stderr.strip().splitlines()
    assert f"{MAX_BOM_MODELS + 1:,} models" in line and f"{bom}#m0" in line
    one = run_osai("check", f"{bom}#m7", "--format", "json")
    assert one.code == 0, one.stderr
    (target,) = json.loads(one.stdout)["targets"]
    assert target["target"].endswith("#m7")


class _Counted(str):
    """A model's name that counts how often it is compared with another."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        _Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_naming_a_bom_s_models_compares_each_name_a_bounded_number_of_times() -> None:
    """Each name counted among all the others (list.count): the refusal's FILE#NAME example,
    and every FILE#NAME, named 125,000 models of an 8 MiB BOM in 195 s of CPU before a line
    said anything.  Counted, not timed: quadratic, 2,000 names are 4,000,000 comparisons."""
    from osai.sources.bom import model_targets

    names = [_Counted(f"m{i}") for i in range(2000)]
    _Counted.compared = 0
    targets = model_targets("bom.json", [*names, names[0]])
    assert targets[0] == "bom.json#1" and targets[1] == "bom.json#m1"
    assert _Counted.compared < 10 * len(names)
