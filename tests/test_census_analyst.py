"""What an analyst meets querying a census store and writing its reports: a licence osai could not
read is no licence "without restrictions" in the store, and an export or a report never replaces a
census database it was not asked to write over."""

from __future__ import annotations

import copy
import json
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from census_hub import bare_hub, rows, run_census
from census_population import build_population
from clirunner import run_osai
from loopback_hub import LoopbackHub

# licence as the card states it (None: none stated) → licence_restricted as the store keeps it
LICENCES: dict[str, tuple[str | None, bool | None]] = {
    "org/apache": ("apache-2.0", False),
    "org/llama": ("llama2", True),
    "org/none": (None, None),
    "org/other": ("other", None),
    "org/unknown": ("unknown", None),
    "org/half-read": ("apache-2.0 AND LicenseRef-house", None),
    "org/either": ("apache-2.0 OR LicenseRef-house", False),
    "org/restricted-part": ("llama2 AND LicenseRef-house", True),
}


def listing_items() -> list[dict[str, Any]]:
    template = build_population(20, seed=3).items[0]
    items = []
    for rank, (repo_id, (licence, _)) in enumerate(LICENCES.items()):
        item = copy.deepcopy(template)
        item.update(id=repo_id, author="org", downloads=1000 - rank)
        item.pop("baseModels", None)
        card = {"license": licence} if licence else {}
        item["cardData"] = card
        item["tags"] = [t for t in item.get("tags") or () if not t.startswith(("license:", "base"))]
        items.append(item)
    return items


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with bare_hub(100) as running:
        running.add_listing(listing_items())
        yield running


def test_a_licence_not_read_is_not_stored_as_one_without_restrictions(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`WHERE NOT licence_restricted` counted every model with no licence, `other` or `unknown`
    as one whose licence restricts nothing (an unknown counted as open): null now, as a licence
    that rests on one osai does not know, unless a branch settles it."""
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    stored = dict(rows(db, "SELECT repo_id, licence_restricted FROM models"))
    assert stored == {repo_id: restricted for repo_id, (_, restricted) in LICENCES.items()}


def test_the_report_counts_a_licence_half_read_as_unknown(hub: LoopbackHub, tmp_path: Path) -> None:
    """`Apache-2.0 AND LicenseRef-house`: what the house licence restricts is unknown, so the
    model is no model under a "licence without use restrictions" (its family, the first licence
    named, said it was)."""
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    report = run_osai("census", "report", "--db", str(db))
    assert report.code == 0, report.stderr
    assert "- Licence without use restrictions: 25.0 % of models (2)," in report.stdout
    assert "- Use-restricted licence: 25.0 % of models (2)," in report.stdout
    assert "- Licence unknown, other or custom: 37.5 % of models (3)," in report.stdout
    assert "- No licence: 12.5 % of models (1)," in report.stdout


def test_a_card_whose_licence_fields_name_two_licences_is_stored_as_several(
    tmp_path: Path,
) -> None:
    """`license: apache-2.0` beside a license_link to the CC BY-NC 4.0 deed: the check reads
    both (a verdict stands only where both give it), but the store kept the first alone,
    Apache-2.0 and licence_restricted false, where the card's own link said no commercial use.
    Both are kept now, as a card listing two licences is; two that restrict alike (Llama 3's
    id, Llama 3.1's licence at the link) are restricted whichever holds."""
    cards = {
        "org/linked-nc": {
            "license": "apache-2.0",
            "license_link": "https://creativecommons.org/licenses/by-nc/4.0/",
        },
        "org/linked-llama": {
            "license": "llama3",
            "license_link": "https://llama.meta.com/llama3_1/license/",
        },
    }
    items = listing_items()[: len(cards)]
    for item, (repo_id, card) in zip(items, cards.items(), strict=True):
        item.update(id=repo_id, cardData=card)
    db = tmp_path / "census.duckdb"
    with bare_hub(100) as running:
        running.add_listing(items)
        assert run_census(running, db).code == 0
    stored = rows(
        db, "SELECT repo_id, licence_found, licence_state, licence_restricted FROM models"
    )
    assert sorted(stored) == [
        ("org/linked-llama", "llama3, LicenseRef-llama3.1", "several", True),
        ("org/linked-nc", "apache-2.0, CC-BY-NC-4.0", "several", None),
    ]


@pytest.mark.parametrize(
    "writing",
    [
        ("export", "-o", "{other}", "--format", "json"),
        ("report", "--html", "{other}"),
        ("report", "--markdown", "{other}"),
    ],
)
def test_a_report_or_an_export_never_replaces_another_census(
    hub: LoopbackHub, tmp_path: Path, writing: tuple[str, ...]
) -> None:
    """`osai census export -o census.duckdb --format json`, meant as `--db census.duckdb`,
    replaced that census with the JSON of osai-census.duckdb, without a word: refused now, as
    writing over the database read is, and the census is left as it was."""
    db, other = tmp_path / "osai-census.duckdb", tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    assert run_census(hub, other, "--limit", "3").code == 0
    before = other.read_bytes()
    args = [arg.format(other=other) for arg in writing]
    result = run_osai("census", args[0], "--db", str(db), *args[1:])
    assert result.code == 2
    assert result.stderr == (
        f"osai: error: {args[1]} {other}: refusing to write over a DuckDB database ({other})\n"
    )
    assert other.read_bytes() == before
    assert len(rows(other, "SELECT repo_id FROM models")) == 3


def test_the_export_says_the_mode_each_verdict_was_judged_in(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A census, then a run of its top 3 with `--mode mof=mot`: the export's `mof_outcome`
    held MOT's verdicts and the default mode's alike, which the report tells apart and the
    export did not; `mof_mode` says which each is."""
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db, "--sort", "downloads").code == 0
    assert run_census(hub, db, "--sort", "downloads", "--limit", "3", "--mode", "mof=mot").code == 0
    out = tmp_path / "census.json"
    assert run_osai("census", "export", "--db", str(db), "-o", str(out)).code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    modes = [(row["mof_mode"], row["osaid_mode"], row["mof_deep_mode"]) for row in exported]
    assert modes == [("mot", "default", None)] * 3 + [("default", "default", None)] * 5


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_report_that_cannot_be_written_names_the_one_written_before_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`--html r.html --markdown FULL`: r.html was written, and the one line said only that the
    Markdown could not be: whoever read it took neither to be there."""
    db, page = tmp_path / "census.duckdb", tmp_path / "r.html"
    assert run_census(hub, db).code == 0
    result = run_osai("census", "report", "--db", str(db), "--html", str(page), "--markdown",
                      "/dev/full")  # fmt: skip
    assert result.code == 2
    assert result.stderr == (
        "osai: error: /dev/full: cannot write (No space left on device); written before it: "
        f"{page}\n"
    )
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_commands_suggested_name_a_store_with_blanks_as_a_shell_reads_it(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """`--db "census stores/hub 2026.duckdb"`: the report command the census suggests, and the
    census command a report suggests for a store not there, named two files once copied."""
    db = tmp_path / "census stores" / "hub 2026.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    said = " ".join(result.stdout.split())  # wrapped or not
    assert f"(osai census report --db {shlex.quote(str(db))} --html report.html)" in said
    missing = tmp_path / "no census.duckdb"
    result = run_osai("census", "report", "--db", str(missing))
    assert result.code == 2
    assert f"(run `osai census --db {shlex.quote(str(missing))}`)" in result.stderr
