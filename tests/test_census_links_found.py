"""A census's deep check stores whether each link's host found what it names (`links.found`), as
`osai check --format json` says it (`links[].found`): a repository GitHub has no such one of was
`read = true` with the fact in the answer's English only, so no query could count dead links."""

from __future__ import annotations

from pathlib import Path

from census_hub import linked_world, rows, run_census, serving
from census_population import build_population

NEOX = "EleutherAI/gpt-neox-20b"  # the most downloaded: its card links its code on GitHub
DEEP = ("--sort", "downloads", "--limit", "1", "--deep", "1")
LINKS = "SELECT kind, read, found FROM links WHERE repo_id = ? ORDER BY kind"


def test_a_link_to_nothing_is_stored_as_not_found(tmp_path: Path) -> None:
    found, gone, unread = (tmp_path / f"{name}.duckdb" for name in ("found", "gone", "unread"))
    with linked_world() as world, serving(build_population(60), datasets=True) as hub:
        assert run_census(hub, found, *DEEP, env=world.env).code == 0
        world.github.inject_status(r"^/repos/EleutherAI/gpt-neox$", 404)
        assert run_census(hub, gone, *DEEP, env=world.env).code == 0
        world.github.stop()
        world.arxiv.stop()
        fresh = {**world.env, "OSAI_CACHE_DIR": str(tmp_path / "no-kept-answers")}
        assert run_census(hub, unread, *DEEP, env=fresh).code == 0
    assert rows(found, LINKS, [NEOX]) == [
        ("dataset", True, True), ("paper", True, True), ("producer-code", True, True)
    ]  # fmt: skip
    assert ("producer-code", True, False) in rows(gone, LINKS, [NEOX])
    # not read: whether it exists is not known
    assert ("producer-code", False, None) in rows(unread, LINKS, [NEOX])
