"""No AI BOM is written when a target could not be checked (found by the review): `osai check
nosuch/model -o e.cdx.json -o spdx=e.spdx.json` exited 2 and wrote both, valid and empty
(`"components": []`), which a pipeline would publish.  A BOM is the inventory of the models asked
for: one without a model that failed looks as complete as a whole one, so none is written when
any target fails, and one line says so; the other reports say which target failed, and why."""

from __future__ import annotations

import json
from pathlib import Path

from clirunner import EXAMPLES, run_osai
from loopback_hub import LoopbackHub

PYTHIA = "EleutherAI/pythia-70m"
MISSING = "nosuch/model"


def _env(hub: LoopbackHub, home: Path) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(home / "hf")}


def test_no_target_checked_writes_no_bom_and_says_so(hub: LoopbackHub, tmp_path: Path) -> None:
    cdx, spdx = tmp_path / "e.cdx.json", tmp_path / "e.spdx.json"
    result = run_osai(
        "check", MISSING, "-o", str(cdx), "-o", f"spdx={spdx}", env=_env(hub, tmp_path)
    )
    assert result.code == 2
    assert not cdx.exists() and not spdx.exists()
    assert result.stderr.splitlines()[-1] == (
        f"osai: error: no AI BOM written ({cdx}, {spdx}): {MISSING} could not be checked"
    )


def test_no_bom_on_standard_output_either(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yml"
    for written in ("cyclonedx", "spdx"):
        result = run_osai("check", str(missing), "--format", written)
        assert result.code == 2
        assert result.stdout == ""
        assert result.stderr.splitlines()[-1] == (
            f"osai: error: no AI BOM written (standard output): {missing} could not be checked"
        )


def test_a_bom_without_a_target_that_failed_is_not_written_the_other_reports_are(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    bom, report = tmp_path / "e.cdx.json", tmp_path / "e.json"
    arguments = ("check", PYTHIA, MISSING, "-o", str(bom), "-o", str(report))
    result = run_osai(*arguments, env=_env(hub, tmp_path))
    assert result.code == 2
    assert not bom.exists()
    written = json.loads(report.read_text())
    assert [t["target"] for t in written["targets"]] == [PYTHIA]
    assert [e["target"] for e in written["errors"]] == [MISSING]
    assert result.stderr.splitlines()[-1] == (
        f"osai: error: no AI BOM written ({bom}): {MISSING} could not be checked, and a BOM "
        "without it would look complete"
    )


def test_none_of_several_and_an_earlier_runs_bom_left_in_place(tmp_path: Path) -> None:
    """A BOM an earlier run wrote stays (osai deletes nothing), named so it is not taken for
    this run's."""
    bom = tmp_path / "e.spdx.json"
    assert run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", str(bom)).code == 0
    earlier = bom.read_text()
    one, two = tmp_path / "one.yml", tmp_path / "two.yml"
    result = run_osai("check", str(one), str(two), "-o", str(bom))
    assert result.code == 2
    assert bom.read_text() == earlier
    assert result.stderr.splitlines()[-1] == (
        f"osai: error: no AI BOM written ({bom}): none of the 2 targets could be checked; "
        f"{bom} is left as an earlier run wrote it"
    )


def test_every_target_checked_writes_the_bom(tmp_path: Path) -> None:
    bom = tmp_path / "e.cdx.json"
    result = run_osai("check", str(EXAMPLES / "pythia-70m.yml"), "-o", str(bom))
    assert result.code == 0, result.stderr
    assert json.loads(bom.read_text())["metadata"]["component"]["name"] == "Pythia-70M"
    assert "no AI BOM" not in result.stderr


def test_the_targets_are_counted_as_asked_not_as_the_models_read(tmp_path: Path) -> None:
    """A BOM of two models is one target of three: it said "2 of 4 targets"."""
    two = tmp_path / "two.cdx.json"
    examples = (str(EXAMPLES / "pythia-70m.yml"), str(EXAMPLES / "llama-2-7b.yml"))
    assert run_osai("check", *examples, "-o", str(two)).code == 0
    bom = tmp_path / "e.cdx.json"
    missing = (str(tmp_path / "one.yml"), str(tmp_path / "two.yml"))
    result = run_osai("check", str(two), *missing, "-o", str(bom))
    assert result.code == 2
    assert not bom.exists()
    assert result.stderr.splitlines()[-1] == (
        f"osai: error: no AI BOM written ({bom}): 2 of 3 targets could not be checked, and a BOM "
        "without them would look complete"
    )
