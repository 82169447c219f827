"""`osai census` follows the listing's next-page cursor (the Hub's ``Link: rel="next"`` header)
only on the Hub it lists: the request carries the Hub token, so a cursor naming another host
would hand that host the token.  The listing ends there, saying why, and nothing is sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from census_hub import bare_hub, census_env, rows
from census_population import build_population
from clirunner import run_osai
from loopback_hub import LoopbackHub

PAGE = 10
SECRET = "hf_census_cursor_secret_0123456789"


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with bare_hub(PAGE) as running:
        yield running


def test_a_next_page_on_another_host_is_not_asked_for_with_the_token(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    hub.add_listing(build_population(20, seed=3).items[: 2 * PAGE])
    with LoopbackHub(fixtures_dir=None, datasets_dir=None) as elsewhere:
        hub.listing_next_base = elsewhere.endpoint
        db = tmp_path / "census.duckdb"
        env = {**census_env(hub, tmp_path / "hf"), "HF_TOKEN": SECRET}
        result = run_osai("census", "--db", str(db), "--retries", "0", env=env)
        assert elsewhere.requests == []
    assert result.code == 3, result.stderr
    assert f"only within {hub.endpoint.split('://')[1]}" in result.stderr
    # it would point there again: running it again does not resume
    assert "the pages before it are stored)" in result.stderr
    assert "resumes" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert rows(db, "SELECT listed, pages FROM runs") == [(PAGE, 1)]  # page 1 is kept


def test_a_next_page_link_that_leads_back_ends_the_listing(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A Hub whose cursor does not advance: page 2's link names page 2 again.  Followed, it is
    listed for ever (here until --limit), each time counted again as listed."""
    hub.add_listing(build_population(30, seed=4).items[: 3 * PAGE])
    hub.listing_loop_from = 2
    db = tmp_path / "census.duckdb"
    env = census_env(hub, tmp_path / "hf")
    result = run_osai("census", "--db", str(db), "--limit", "200", env=env)
    assert result.code == 3, result.stderr
    line = "its next-page link leads back to a page already listed (page 3; the pages before it"
    assert line in result.stderr
    assert "resumes" not in result.stderr  # the same loop would be met again
    assert "Traceback" not in result.stderr
    assert rows(db, "SELECT listed, judged, pages FROM runs") == [(2 * PAGE, 2 * PAGE, 2)]
    assert rows(db, "SELECT count(*) FROM models") == [(2 * PAGE,)]
