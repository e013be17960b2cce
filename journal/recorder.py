"""Hooking history into a store: commits made inline (the command line) or in a thread of
their own (the terminal UI, which never waits for git)."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

from journal.errors import JournalError
from journal.history import History, enabled
from journal.store import Change, Store


class Recorder:
    """Commits changes one after another in a thread of its own, so that the UI never
    waits for history. `flush` waits for the queue to empty (at exit)."""

    def __init__(self, history: History, on_problem: Callable[[str], None]) -> None:
        self.history = history
        self.on_problem = on_problem
        self._queue: queue.Queue[Change | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="history", daemon=True)
        self._thread.start()

    def __call__(self, change: Change) -> None:
        self._queue.put(change)

    def _run(self) -> None:
        while True:
            change = self._queue.get()
            try:
                if change is not None:
                    self.history.record(change)
            except JournalError as error:
                self.on_problem(str(error))
            except Exception as error:  # never let the thread die: later changes still count
                self.on_problem(f"{self.history.git_dir}: history not written: {error}")
            finally:
                self._queue.task_done()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait up to `timeout` seconds for every queued change to be committed; True when
        all were (what is left is picked up by the next catch-up)."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)
        return not self._queue.unfinished_tasks


def connect(
    store: Store, config_data: dict[str, object], on_problem: Callable[[str], None], background: bool = False
) -> History | None:
    """Hook history into a store when the config allows it (`history = false` turns it
    off): every successful write is then committed, inline or (`background`) in a thread.
    A commit that fails calls `on_problem` with one line; the write is never affected.
    Returns the History, or None when it is off."""
    if not enabled(config_data):
        return None
    history = History(store.data_dir)
    if background:
        recorder = Recorder(history, on_problem)
        store.on_change = recorder
        history.recorder = recorder  # type: ignore[attr-defined]
        return history

    def record(change: Change) -> None:
        try:
            history.record(change)
        except JournalError as error:
            on_problem(str(error))

    store.on_change = record
    return history
