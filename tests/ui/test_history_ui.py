"""`h` on an incident: its versions from git history, newest first; enter and yes restore one
as a new change. Commits are made in a thread, never on the UI thread."""

from __future__ import annotations

import threading

import pytest

from journal.history import History
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.history import HistoryModal
from screens.modals import ConfirmModal
from tests.ui.conftest import screen_text
from tests.ui.test_incident import open_first

pytestmark = pytest.mark.usefixtures("history_on")


async def test_h_lists_versions_and_restores_one(store: Store, held: Incident) -> None:
    app = make_app(store)
    committed_on: list[str] = []
    record = History.record

    def spy(self, change):
        committed_on.append(threading.current_thread().name)
        return record(self, change)

    History.record = spy
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await open_first(pilot)
            await pilot.press("4", "d", "y")  # delete a checklist item: history starts here
            await pilot.pause()
            await pilot.press("space")  # tick the other one: one more commit, in the thread
            await pilot.pause()
            assert len(store.load(held.id).checklist) == 1 and store.load(held.id).checklist[0].done_at
            await pilot.press("h")
            assert isinstance(app.screen, HistoryModal)
            for _ in range(50):
                await pilot.pause(0.05)
                if len(app.screen.versions) == 2:
                    break
            text = screen_text(app)
            assert "Account on hold after a security check: changed checklist item 1" in text
            assert "Account on hold after a security check: recorded" in text
            await pilot.press("down", "enter")  # the version before the tick
            assert isinstance(app.screen, ConfirmModal)
            await pilot.press("y")
            await pilot.pause()
            assert store.load(held.id).checklist[0].done_at is None
            assert "Restored the version" in screen_text(app)
    finally:
        History.record = record
    assert committed_on and set(committed_on) == {"history"}
    versions = History(store.data_dir).versions(store, held.id)
    assert "restored the version of" in versions[0].message and len(versions) == 3
