"""A headline cut to its lines keeps what to do, and counts what it cuts as what it is (a MOT
user's review): `osai check t-apache-sp.yml --mof-mode mot -q` printed "… under Apache 2.0
(inherited from license.distribution; +1 more term)".  Where the licence came from was counted
as the licence's one term, the "term" cut was no term of Apache 2.0 but the verdict's reason,
and with it went the one thing to do: "this mode matches licence ids verbatim: write
`Apache-2.0`".  Llama 2's headline keeps naming its licence's terms as it did."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirunner import EXAMPLES, run_osai
from loopback_hub import LoopbackHub
from mot_review import RELEASE

from osai.formatters.headline import Reason
from osai.formatters.textlayout import cell_width

LLAMA_HUB = "meta-llama/Llama-2-7b-hf"


def _headline(stdout: str, name: str) -> str:
    """A framework's headline, over as many lines as it takes, on one line."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"  {name}"))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith("      ")), len(lines)
    )
    return " ".join(" ".join(lines[start:end]).split())


def test_a_cut_headline_keeps_the_respelling_and_counts_the_reason_it_cuts(
    tmp_path: Path,
) -> None:
    release = tmp_path / "t-apache-sp.yml"
    release.write_text(RELEASE, encoding="utf-8")
    args = ("check", "t-apache-sp.yml", "--mof-mode", "mot")
    narrow = run_osai(*args, "-q", cwd=tmp_path, env={"COLUMNS": "80"})
    assert narrow.code == 0, narrow.stderr
    assert max(cell_width(line) for line in narrow.stdout.splitlines()) <= 80, narrow.stdout
    mof = _headline(narrow.stdout, "MOF 1.0")
    assert mof.endswith(
        "under Apache 2.0 (inherited from license.distribution; this mode matches licence ids "
        "verbatim: write `Apache-2.0`; +1 more reason)"
    ), mof
    assert "term" not in mof, mof  # Apache 2.0 has no term that fails it
    # all of it where there is room, the respelling last, as the reason gives it
    wide = run_osai(*args, "-q", cwd=tmp_path, env={"COLUMNS": "300"})
    assert (
        "under Apache 2.0 (inherited from license.distribution; not flagged OSI-approved or "
        "FSF-libre in the tool's licence table, on the tool's open-data list or on the tool's "
        "open-licence list; this mode matches licence ids verbatim: write `Apache-2.0`)"
    ) in _headline(wide.stdout, "MOF 1.0"), wide.stdout


def test_where_a_licence_comes_from_is_said_whole_and_never_counted_as_a_term() -> None:
    """A fine-tune's licence from its base model: "(inherited from base model X; +3 more terms)"
    counted the base as a term of the licence, and a cut to one term kept only the base."""
    bound = Reason(
        "Model parameters (Final) under Llama 2 Community License Agreement",
        ("Acceptable Use Policy", "licensees above 700M …", "outputs may not …"),
        origin="inherited from base model meta-llama/Llama-2-7b-hf",
    )
    assert bound.shown(1) == (
        "Model parameters (Final) under Llama 2 Community License Agreement (inherited from base "
        "model meta-llama/Llama-2-7b-hf; Acceptable Use Policy; +2 more terms)"
    )
    assert bound.fewest_terms == 1  # why it fails is kept where nothing says what to do


def _hub_env(hub: LoopbackHub, tmp_path: Path) -> dict[str, str]:
    return {"HF_ENDPOINT": hub.endpoint, "HF_HOME": str(tmp_path), "COLUMNS": "80"}


@pytest.mark.parametrize("target", ["examples", "hub"])
def test_llama_2_s_headline_still_names_its_use_policy_and_its_700m_clause(
    target: str, hub: LoopbackHub, tmp_path: Path
) -> None:
    """Its terms are the licence's own (rules/licenses.yaml): counted as terms, as before."""
    checked = str(EXAMPLES / "llama-2-7b.yml") if target == "examples" else LLAMA_HUB
    result = run_osai("check", checked, "-q", env=_hub_env(hub, tmp_path))
    assert result.code == 0, result.stderr
    osaid = _headline(result.stdout, "OSAID 1.0")
    assert (
        "under Llama 2 Community License Agreement (Acceptable Use Policy; licensees above 700M "
        "monthly active users need Meta's permission; +1 more term)"
    ) in osaid, osaid
