"""`osai census` at its edges: huggingface_hub's retry notices during a 5xx storm, a database it
cannot create its tables in, one of everything (singular wording), an empty listing, a listing
that moves while the census restarts it, a licence text far longer than any licence name."""

from __future__ import annotations

import contextlib
import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pytest
from census_hub import bare_hub, census_env, record_client_waits, rows, run_census, value
from census_population import build_population
from clirunner import run_osai, run_osai_process
from conftest import isolate_hub_client
from loopback_hub import LISTING_PATTERN, LoopbackHub

from osai.census.query import SORTS
from osai.census.record import HostRequests
from osai.census.store import RunTotals
from osai.cli.census_command import CensusSort
from osai.formatters.census_text import render_census_totals

DEAD_HUB = "http://127.0.0.1:9"  # nothing listens: a store refused is refused before listing

PAGE = 10


def listing_items(count: int = 2 * PAGE) -> list[dict[str, Any]]:
    """Models as the listing serves them (expand keys only), with distinct download counts."""
    items = copy.deepcopy(build_population(20, seed=3).items[:count])
    for rank, item in enumerate(items):
        item["downloads"] = 10_000 - rank
    return items


@pytest.fixture
def hub() -> Iterator[LoopbackHub]:
    with bare_hub(PAGE) as running:
        yield running


def report_markdown(db: Path) -> str:
    report = run_osai("census", "report", "--db", str(db))
    assert report.code == 0, report.stderr
    return report.stdout


def test_the_clients_retry_notices_stay_off_the_terminal(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """huggingface_hub logs each retry of a 5xx ("HTTP Error 500 thrown while requesting ...",
    "Retrying in 1s [Retry 1/5]") to the process' standard error (only a subprocess shows it):
    the census says what it has to say in its own line, once the retries are spent."""
    isolate_hub_client(monkeypatch)  # the subprocess inherits this environment
    hub.add_listing(listing_items())
    hub.inject_status(LISTING_PATTERN, 500, page=1, times=1)
    db = tmp_path / "census.duckdb"
    result = run_osai_process("census", "--db", str(db), env=census_env(hub, tmp_path / "hf"))
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    assert value(db, "SELECT judged FROM runs") == 2 * PAGE


def their_tables(db: Path) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        found: list[tuple[Any, ...]] = connection.execute(
            "SELECT table_name FROM duckdb_tables() ORDER BY 1"
        ).fetchall()
    return found


def test_a_database_of_views_only_is_someone_elses(tmp_path: Path) -> None:
    """A database with no table but a view named `runs`: never written into.  Before, it read
    as empty, `CREATE TABLE IF NOT EXISTS runs` did nothing, and the tables made before the
    statement that failed (`ALTER TABLE runs`) stayed, with no schema version: an internal
    error, and a database neither the user's nor a census from then on."""
    db = tmp_path / "theirs.duckdb"
    with duckdb.connect(str(db)) as connection:
        connection.execute("CREATE VIEW runs AS SELECT 1 AS one")
    result = run_osai("census", "--db", str(db), env={"HF_ENDPOINT": "http://127.0.0.1:9"})
    assert result.code == 2, result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"osai: error: {db}: not an osai census database")
    assert their_tables(db) == []


def test_a_sqlite_database_is_refused_before_duckdb_reads_it(tmp_path: Path) -> None:
    """A SQLite file given as --db: DuckDB set out to download its SQLite extension from the
    internet (and, had it one, would read the user's database as the census)."""
    import sqlite3

    db = tmp_path / "theirs.db"
    with contextlib.closing(sqlite3.connect(db)) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.commit()
    before = db.read_bytes()
    for command in (("--limit", "2"), ("report",)):
        result = run_osai("census", "--db", str(db), *command, env={"HF_ENDPOINT": DEAD_HUB})
        assert (result.code, result.stdout) == (2, ""), result.stderr
        expected = f"osai: error: {db}: not an osai census database (not a DuckDB file)\n"
        assert result.stderr == expected
    assert db.read_bytes() == before


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    """DuckDB opened a named pipe given as --db and waited for a writer: the census hung."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = run_osai_process("census", "--db", str(pipe), env={"HF_ENDPOINT": DEAD_HUB})
    assert (result.code, result.stdout) == (2, ""), result.stderr
    assert (
        result.stderr == f"osai: error: {pipe}: not an osai census database (not a regular file)\n"
    )


def test_the_tables_and_the_schema_version_are_created_all_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A creation that fails after its first table (as a run killed there, or a disk full):
    nothing stays, and the next run creates the census whole."""
    import osai.census.store
    from osai.census.store import TABLES, CensusStore
    from osai.errors import BadInput

    db = tmp_path / "census.duckdb"
    failing = (*TABLES, "CREATE TABLE broken (x NO_SUCH_TYPE)")
    monkeypatch.setattr(osai.census.store, "TABLES", failing)
    with pytest.raises(BadInput, match="cannot create the census tables"):
        CensusStore.open(db)
    assert their_tables(db) == []
    monkeypatch.setattr(osai.census.store, "TABLES", TABLES)
    CensusStore.open(db).close()
    assert value(db, "SELECT value FROM meta WHERE key = 'schema_version'") == "2"


def test_one_of_each_is_said_in_the_singular(hub: LoopbackHub, tmp_path: Path) -> None:
    hub.add_listing(listing_items(1))
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db)
    assert result.code == 0, result.stderr
    assert "1 model listed in 1 page, 1 listing request\n" in result.stdout
    assert "1 model in 1 page, 1 listing request;" in report_markdown(db)


def test_one_deep_check_of_one_request_is_said_in_the_singular() -> None:
    sent = HostRequests(host="127.0.0.1:1", service="", requests=1, failed=1)
    totals = RunTotals(listed=1, judged=1, pages=1, listing_requests=1, deep=1,
                       deep_requests=1, deep_failed=1, deep_hosts=(sent,))  # fmt: skip
    text = render_census_totals(totals, Path("c.duckdb"), 1, "complete")
    # not "checked in full: 1 model, ..., 1 could not be read": the one check was not made
    assert "checked in full: 0 of 1 model (1 could not be read), 1 request (1.0 per model)" in text
    assert "  127.0.0.1:1: 1 request (1.0 per model), 1 unanswered" in text


def test_an_empty_listing_says_so_instead_of_empty_tables(hub: LoopbackHub, tmp_path: Path) -> None:
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db, "--author", "nobody")
    assert result.code == 0, result.stderr
    markdown = report_markdown(db)
    assert "No models listed" in markdown
    assert "|" not in markdown  # no table of nothing
    html = tmp_path / "report.html"
    assert run_osai("census", "report", "--db", str(db), "--html", str(html)).code == 0
    page = html.read_text(encoding="utf-8")
    assert "No models listed" in page and "<table" not in page and "<svg" not in page


def test_a_listing_that_moves_while_restarted_never_judges_more_than_it_listed(
    hub: LoopbackHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A storm on page 2 outlasts the client's retries; while the census waits, a new model
    tops the listing and one of page 1 leaves it.  Listed again, page 1 holds the newcomer: the
    census judges it, and counts it as listed.  Before, it said 20 listed and 21 judged."""
    import osai.census.run

    record_client_waits(monkeypatch)
    items = listing_items()
    newcomer = {**copy.deepcopy(items[0]), "id": "newcomer/model", "downloads": 99_999}
    newcomer["sha"] = "f" * 40

    def moved(_: float) -> None:
        hub.add_listing([newcomer])
        hub.listing.remove(items[5]["id"])  # judged: page 1 still holds ten models

    monkeypatch.setattr(osai.census.run, "time", SimpleNamespace(sleep=moved))
    hub.add_listing(items)
    hub.inject_status(LISTING_PATTERN, 429, page=2, times=6, retry_after=1)
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db, "--sort", "downloads")
    assert result.code == 0, result.stderr
    assert value(db, "SELECT count(*) FROM models") == 2 * PAGE + 1
    listed, judged = rows(db, "SELECT listed, judged FROM runs")[0]
    assert judged == 2 * PAGE + 1
    assert listed >= judged
    assert f"{listed} models listed" in result.stdout
    # huggingface_hub's "Rate limited. Waiting" notices are off the terminal: the census's own
    # wait is said, in one line, or a wait of minutes would be silent
    (waited,) = [line for line in result.stderr.splitlines() if "listing again in" in line]
    assert waited.startswith("osai: note: ") and "429" in waited, result.stderr


def test_a_sort_key_is_taken_in_any_case(hub: LoopbackHub, tmp_path: Path) -> None:
    """`--sort Created` was refused ("expected one of downloads, likes, created, modified"),
    where `-f OSI` and `--format JSON` are not: the Hub is asked for its own key, and the run
    stored as `--sort created`."""
    hub.add_listing(listing_items(2))
    db = tmp_path / "census.duckdb"
    result = run_census(hub, db, "--sort", "Created")
    assert result.code == 0, result.stderr
    assert {tuple(r.query["sort"]) for r in hub.find_requests(LISTING_PATTERN)} == {("createdAt",)}
    assert json.loads(value(db, "SELECT query FROM runs"))["sort"] == "created"


def test_the_command_line_offers_every_sort_the_listing_knows() -> None:
    """--sort's keys are named twice: on the command line (which does not import the census)
    and in the listing, which sends the Hub's name for each."""
    assert [key.value for key in CensusSort] == list(SORTS)


def test_a_licence_text_longer_than_any_licence_is_stored_cut(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    items = listing_items(2)
    licence = "custom terms " * 20_000 + "end"
    items[0].setdefault("cardData", {})["license"] = licence
    hub.add_listing(items)
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    found = value(db, "SELECT licence_found FROM models WHERE repo_id = ?", [items[0]["id"]])
    assert len(found) <= 300
    assert found.startswith("custom terms custom terms")
    assert found.endswith(f"(cut: {len(licence):,} characters)")  # the cut says how long


def test_a_base_model_naming_the_model_itself_is_not_stored_as_its_base(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A copied card's leftover: the listing's baseModels, the card's base_model and a
    base_model: tag name the model itself (in another case).  The census does not store it as
    its own base, nor count it as a derivative, as `osai check` does not read it as one."""
    items = listing_items(2)
    own, other = items[0]["id"], items[1]["id"]
    items[0]["baseModels"] = {"relation": "finetune", "models": [{"id": own.upper()}]}
    items[0].setdefault("cardData", {})["base_model"] = [f"https://huggingface.co/{own}", other]
    items[0]["tags"] = [*items[0].get("tags", []), f"base_model:finetune:{own}"]
    hub.add_listing(items)
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    bases = value(db, "SELECT base_models FROM models WHERE repo_id = ?", [own])
    assert bases == [other]
    said = report_markdown(db)  # one derivative, said in the singular ("1 derivatives have")
    assert "1 derivative has its base model in this census and was checked; 0 derivatives" in said


def _licensed(item: dict[str, Any], licence: str, base: str = "") -> dict[str, Any]:
    """`item` under `licence` (card and tag), derived from `base` when one is given."""
    tags = [t for t in item.get("tags", []) if not t.startswith(("license:", "base_model:"))]
    item["tags"] = [*tags, f"license:{licence}"]
    item["cardData"] = {"license": licence}
    item.pop("baseModels", None)
    if base:
        item["baseModels"] = {"relation": "finetune", "models": [{"id": base}]}
        item["cardData"]["base_model"] = base
    return item


def test_a_derivative_of_a_base_under_unknown_is_not_said_checked_in_full(
    hub: LoopbackHub, tmp_path: Path
) -> None:
    """A base under `license: unknown` binds nothing osai knows, so its MIT fine-tune is no
    candidate; the report said "2 derivatives ... were checked" beside 1 candidate, as if the
    other were shown to keep its base's terms.  It says that one could not be compared."""
    items = listing_items(4)
    nc_base, unknown_base = items[0]["id"], items[1]["id"]
    hub.add_listing(
        [
            _licensed(items[0], "cc-by-nc-4.0"),
            _licensed(items[1], "unknown"),
            _licensed(items[2], "mit", nc_base),
            _licensed(items[3], "mit", unknown_base),
        ]
    )
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    said = report_markdown(db)
    assert "allow (1)" in said
    assert (
        "2 derivatives have their base model in this census and were checked (1 of them could"
        " not be compared in full: its own licence or a base's is none, unknown, other or"
        " several); 0 derivatives derive only from models outside it." in " ".join(said.split())
    )


def test_a_card_saying_it_has_no_base_model_stores_none(hub: LoopbackHub, tmp_path: Path) -> None:
    """`base_model: n/a` reads as the Hub id of a model `a` of a user `n`: the census stored it
    as the model's base, though `osai check` reads it (rules/components.yaml none_words) as no
    base, as it does `none` and `from scratch`."""
    items = listing_items(2)
    own, other = items[0]["id"], items[1]["id"]
    items[0].setdefault("cardData", {})["base_model"] = ["n/a", other]
    items[1].setdefault("cardData", {})["base_model"] = "N/A"
    hub.add_listing(items)
    db = tmp_path / "census.duckdb"
    assert run_census(hub, db).code == 0
    assert value(db, "SELECT base_models FROM models WHERE repo_id = ?", [own]) == [other]
    assert value(db, "SELECT base_models FROM models WHERE repo_id = ?", [other]) == []


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (
            ("--filter", ""),
            "--filter '': empty; give a tag, e.g. text-generation, or leave --filter out",
        ),
        (
            ("--author", " "),
            "--author ' ': empty; give a user or organisation, or leave --author out",
        ),
        (("--search", ""), "--search '': empty; give text an id contains, or leave --search out"),
    ],
)
def test_an_empty_listing_option_is_refused_before_any_request(
    hub: LoopbackHub, tmp_path: Path, option: tuple[str, str], said: str
) -> None:
    """`--filter ''` was sent to the Hub as it came; `--author ''` listed every model, as if
    the option had been left out."""
    db = tmp_path / "c.duckdb"
    result = run_census(hub, db, *option)
    assert (result.code, result.stderr) == (2, f"osai: error: {said}\n")
    assert hub.requests == [] and not db.exists()


def test_the_totals_are_wrapped_to_the_terminal(hub: LoopbackHub, tmp_path: Path) -> None:
    """At 80 columns "stored in DB (osai census report --db DB --html report.html)" ran past
    the edge, while the status lines on standard error wrap; into a log or a pipe it stays one
    line."""
    hub.add_listing(listing_items(3))
    name = "census-of-the-hub.duckdb"
    said = f"stored in {name} (osai census report --db {name} --html report.html)"
    for columns in ("80", None):
        env = {**census_env(hub, tmp_path / "hf"), **({"COLUMNS": columns} if columns else {})}
        result = run_osai("census", "--db", name, "--limit", "3", cwd=tmp_path, env=env)
        assert result.code == 0, result.stderr
        lines = result.stdout.splitlines()
        if columns is None:
            assert lines[-1] == said
        else:
            assert all(len(line) <= 80 for line in lines), lines
            assert lines[-1].startswith("    ")  # under the line it goes on
            assert " ".join(line.strip() for line in lines[-2:]) == said
            # the command to copy is whole on its line: it was split after "--db NAME"
            assert lines[-1].strip().startswith("(osai census report"), lines


def test_an_unknown_framework_asks_for_no_option_the_census_lacks(tmp_path: Path) -> None:
    """`osai census -f nosuch` suggested "another: --add-framework FILE", an option the census
    does not have; `check` still suggests it."""
    census = run_osai("census", "--db", str(tmp_path / "c.duckdb"), "-f", "nosuch")
    assert census.code == 2
    assert (
        census.stderr
        == "osai: error: -f: unknown framework 'nosuch' (known: osaid, mof, eu-ai-act, eosai; "
        "this command takes no framework of one's own)\n"
    )
    check = run_osai("check", "examples/pythia-70m.yml", "-f", "nosuch")
    assert "another: --add-framework FILE" in check.stderr


@pytest.mark.parametrize("endpoint", ["http://[::1", "not a url", "ftp://127.0.0.1:21"])
def test_an_hf_endpoint_that_is_no_web_address_is_bad_input(tmp_path: Path, endpoint: str) -> None:
    """HF_ENDPOINT=http://[::1 (a bracket left open) ended the census with an internal error
    (huggingface_hub parses it as it is imported); "not a url" was a run that failed at the
    listing, stored, exit 3, "cannot list models on : /not%20a%20url/api/models ...".  Now it is
    refused before the store is opened, in one line that does not repeat the address (it may
    hold a password)."""
    db = tmp_path / "census.duckdb"
    result = run_osai("census", "--db", str(db), "--limit", "1", env={"HF_ENDPOINT": endpoint})
    assert (result.code, result.stdout) == (2, ""), result.stderr
    assert result.stderr.startswith("osai: error: HF_ENDPOINT: not an http:// or https:// address")
    assert result.stderr.count("\n") == 1 and endpoint not in result.stderr
    assert not db.exists()


@pytest.mark.parametrize("variable", ["GITHUB_API_URL", "OSAI_ARXIV_URL"])
@pytest.mark.parametrize("address", ["http://[::1", "file:///srv/mirror"])
def test_a_link_server_that_is_no_web_address_is_bad_input_for_a_deep_census(
    tmp_path: Path, variable: str, address: str
) -> None:
    """GITHUB_API_URL=http://[::1 listed and stored the models, then ended the deep checks
    with an error; `file:///srv/mirror` left every link unread with no word why.  A deep
    census is refused before the store is opened; a census that follows no link is not."""
    db = tmp_path / "census.duckdb"
    env = {variable: address, "HF_ENDPOINT": "http://127.0.0.1:9"}
    deep = run_osai("census", "--db", str(db), "--limit", "1", "--deep", "1", env=env)
    assert (deep.code, deep.stdout) == (2, ""), deep.stderr
    assert deep.stderr.startswith(f"osai: error: {variable}: not an http:// or https:// address")
    assert deep.stderr.count("\n") == 1 and address not in deep.stderr
    assert not db.exists()
    listed = run_osai("census", "--db", str(db), "--limit", "1", env=env)
    assert variable not in listed.stderr
