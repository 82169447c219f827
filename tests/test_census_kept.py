"""A census's deep check of a model whose link was answered from a kept answer (its server gave no
fresh one, so an earlier run's stands in: tests/test_links_answers.py): the store's `links` row
says so (`cached_at`, `cached_because`), as `osai check`'s `links[].cached` does, and the report
says how many of the models checked in full were judged in part on kept answers.  A store written
before those columns existed is read without them, and given them when written again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
from census_hub import linked_world, rows, run_census, serving
from census_population import build_population
from clirunner import run_osai

NEOX = "EleutherAI/gpt-neox-20b"  # the most downloaded: its card links its code on GitHub
CODE = "https://github.com/EleutherAI/gpt-neox"
KEPT = "1 of them was checked in part on answers kept by an earlier run"
DEEP = ("--sort", "downloads", "--limit", "1", "--deep", "1")


def code_link(db: Path) -> tuple[Any, ...]:
    (row,) = rows(
        db,
        "SELECT read, answer, cached_at, cached_because FROM links WHERE repo_id = ? AND url = ?",
        [NEOX, CODE],
    )
    return row


def report(db: Path, *args: str) -> str:
    result = run_osai("census", "report", "--db", str(db), *args)
    assert result.code == 0, result.stderr
    return result.stdout


def test_a_link_answered_from_a_kept_answer_says_so_in_the_store_and_the_report(
    tmp_path: Path,
) -> None:
    fresh, kept = tmp_path / "fresh.duckdb", tmp_path / "kept.duckdb"
    with linked_world() as world, serving(build_population(60), datasets=True) as hub:
        assert run_census(hub, fresh, *DEEP, env=world.env).code == 0
        world.github.stop()  # connection refused: the answer kept by the first run stands in
        result = run_census(hub, kept, *DEEP, env=world.env)
    assert result.code == 0, result.stderr

    read, answer, cached_at, because = code_link(fresh)
    assert read is True and answer.startswith("Apache-2.0") and cached_at is None and not because
    assert KEPT not in report(fresh)

    read_kept, answer_kept, cached_at, because = code_link(kept)
    assert (read_kept, answer_kept) == (True, answer)  # what the kept answer showed
    assert "cannot connect" in because
    assert isinstance(cached_at, datetime)
    assert cached_at.date() == datetime.now(UTC).date()  # kept by the first run, today
    assert KEPT in report(kept)
    html = tmp_path / "report.html"
    report(kept, "--html", str(html))
    assert KEPT in html.read_text(encoding="utf-8")
    assert "<code>links.cached_at</code>" in html.read_text(encoding="utf-8")


def test_a_store_written_before_links_kept_whether_an_answer_was_kept(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with linked_world() as world, serving(build_population(60), datasets=True) as hub:
        assert run_census(hub, db, *DEEP, env=world.env).code == 0
        with duckdb.connect(str(db)) as connection:  # the links table as the first schema had it
            connection.execute("ALTER TABLE links DROP COLUMN cached_at")
            connection.execute("ALTER TABLE links DROP COLUMN cached_because")
        assert KEPT not in report(db)  # read-only: read without them
        assert run_census(hub, db, *DEEP, env=world.env).code == 0  # writing: given them
    assert code_link(db)[2:] == (None, None)
