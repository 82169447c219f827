"""A Ctrl-C that DuckDB catches mid-statement is a Ctrl-C for the census.

DuckDB turns a SIGINT that arrives while it runs a statement into its own RuntimeError("Query
interrupted"); the census, which stores each page in a transaction and stops on KeyboardInterrupt
(storing the page whole, exit 130), read it as an internal error (exit 70) and lost the page.
A real SIGINT to this process, during a real DuckDB statement, inside the store's transaction."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from osai.census.store import CensusStore

SLOW = "SELECT sum(i * i) FROM range(3000000000) t(i)"  # seconds of work, interrupted long before


def _sigint_soon() -> threading.Timer:
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    return timer


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="no SIGINT here")
def test_a_ctrl_c_during_a_write_is_a_ctrl_c_and_writes_nothing(tmp_path: Path) -> None:
    store = CensusStore.open(tmp_path / "c.duckdb")
    run_id = store.start_run({"q": 1}, "http://127.0.0.1", "")
    timer = _sigint_soon()
    try:
        with pytest.raises(KeyboardInterrupt), store._transaction():  # the store's write contract
            store.connection.execute("INSERT INTO findings VALUES ('a/b', 'r', 'x', 'note', 'm')")
            store.connection.execute(SLOW).fetchall()
    finally:
        timer.cancel()
    # rolled back whole: the row written before the Ctrl-C is not there
    rows = store.connection.execute("SELECT count(*) FROM findings").fetchone()
    assert rows == (0,)
    assert run_id > 0
