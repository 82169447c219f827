"""huggingface_hub's retry notices are quiet only in the thread that asked for quiet.

The census's listing asks for quiet while it pages (it says in its own line why it gave up); link
following runs in other threads at the same time in a long process.  A process-wide filter removed
when the first scope ended would end every other thread's quiet early, and a filter added for one
thread would hide every other thread's notices."""

from __future__ import annotations

import logging
import threading

import pytest

from osai.net.hub_logs import HTTP_LOGGER, quiet_retry_notices

RETRY_NOTICE = "Retrying in 1s [Retry 1/5]."
SERVER_WARNING = "the server says: read the terms"


def _notice(logger: logging.Logger, text: str) -> None:
    logger.warning(text)


def test_a_thread_in_quiet_drops_retry_notices_and_keeps_other_lines(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger(HTTP_LOGGER)
    with caplog.at_level(logging.WARNING, logger=HTTP_LOGGER), quiet_retry_notices():
        _notice(logger, RETRY_NOTICE)
        _notice(logger, SERVER_WARNING)
    assert [r.getMessage() for r in caplog.records] == [SERVER_WARNING]


def test_quiet_in_one_thread_neither_hides_nor_ends_with_another(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger(HTTP_LOGGER)
    inside = threading.Event()
    other_left = threading.Event()
    done = threading.Event()

    def other_thread() -> None:
        with quiet_retry_notices():
            inside.set()
        other_left.set()  # its scope has ended, while the main thread's has not
        _notice(logger, RETRY_NOTICE)
        done.set()

    with caplog.at_level(logging.WARNING, logger=HTTP_LOGGER), quiet_retry_notices():
        worker = threading.Thread(target=other_thread, name="other")
        worker.start()
        assert inside.wait(5) and other_left.wait(5) and done.wait(5)
        _notice(logger, RETRY_NOTICE)
        worker.join(5)
    printed = [(r.threadName, r.getMessage()) for r in caplog.records]
    assert printed == [("other", RETRY_NOTICE)]


def test_a_card_whose_model_index_the_library_cannot_read_logs_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """osai reads a card's model-index itself; huggingface_hub's own line about it (naming no
    model) is not printed once osai has set up the library's logs."""
    from huggingface_hub.hf_api import ModelInfo

    from osai.net.hub_logs import format_library_logs

    format_library_logs()
    with caplog.at_level(logging.WARNING, logger="huggingface_hub"):
        info = ModelInfo(id="org/model", cardData={"model-index": [{"results": "not a list"}]})
    assert info.card_data is not None
    assert caplog.records == []
