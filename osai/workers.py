"""Threads that a Ctrl-C can leave behind: checks run at once (`--jobs`), links read at once.

concurrent.futures.ThreadPoolExecutor joins its threads when its block ends and again when the
interpreter exits, whatever ended them.  After a Ctrl-C, `osai check -j` went on with every
check queued, and `osai census --deep` waited, press after press, for the checks under way (up
to --deadline each), then again on the way out: a thread stuck for good (one waiting for Python's
import lock, which a Ctrl-C left held: osai.targets.import_readers) kept the process alive until
it was killed, whatever was pressed.  Here the threads are daemons: when an exception (a Ctrl-C)
leaves the block, the tasks not begun are cancelled and nothing waits for those under way, which
end unseen, or with the process.  A block that ends normally waits for every task, as
ThreadPoolExecutor's does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, wait
from dataclasses import dataclass
from functools import partial
from queue import Empty, SimpleQueue
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class _Task:
    future: Future[Any]
    call: Callable[[], Any]


class Workers(Executor):
    """`count` daemon threads running what is submitted, in the order it is."""

    def __init__(self, count: int) -> None:
        self._tasks: SimpleQueue[_Task | None] = SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self._threads = tuple(
            threading.Thread(
                target=_work, args=(self._tasks,), name=f"osai-worker-{n}", daemon=True
            )
            for n in range(max(1, count))
        )
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot submit to workers shut down")
            self._tasks.put(_Task(future, partial(fn, *args, **kwargs)))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                if cancel_futures:
                    _cancel_queued(self._tasks)
                for _ in self._threads:
                    self._tasks.put(None)  # each thread ends at one, once the tasks before it ran
        if wait:
            for thread in self._threads:
                thread.join()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        # an exception (a Ctrl-C): what has not begun never will, and what has is not waited for
        failed = exc_type is not None
        self.shutdown(wait=not failed, cancel_futures=failed)


WAIT_STEP = 0.25  # seconds: how long a Ctrl-C may wait to be seen where no signal stops a wait


def finished(future: Future[T]) -> T:
    """What the task returned (or raised), waited for in short steps: a Ctrl-C stops the wait at
    once where a signal interrupts a wait for a lock (POSIX), and within a step elsewhere."""
    while not wait((future,), timeout=WAIT_STEP).done:
        pass
    return future.result()


def _cancel_queued(tasks: SimpleQueue[_Task | None]) -> None:
    while True:
        try:
            task = tasks.get_nowait()
        except Empty:
            return
        if task is not None:
            task.future.cancel()


def _work(tasks: SimpleQueue[_Task | None]) -> None:
    while (task := tasks.get()) is not None:
        if not task.future.set_running_or_notify_cancel():
            continue  # cancelled while queued
        try:
            result = task.call()
        except BaseException as error:  # the task's, for the one who waits for it
            task.future.set_exception(error)
        else:
            task.future.set_result(result)
