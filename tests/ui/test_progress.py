"""A long first read of a large journal shows how it goes, and the app stays usable."""

from __future__ import annotations

import threading

from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import screen_text


async def test_first_read_shows_progress_and_keys_still_work(store: Store, monkeypatch) -> None:
    from screens.home import HomeScreen

    monkeypatch.setattr(HomeScreen, "BACKGROUND_LOAD", True)
    reported = threading.Event()
    finish = threading.Event()
    real_refresh = Store.refresh

    def slow_refresh(self: Store, progress=None):  # a first build of 10,000 files
        if progress is not None:
            progress(4_000, 10_000)
        reported.set()
        finish.wait(10)
        return real_refresh(self)

    monkeypatch.setattr(Store, "refresh", slow_refresh)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        while not reported.is_set():
            await pilot.pause(0.01)
        await pilot.pause()
        assert "Reading the journal… 4,000 of 10,000 files" in screen_text(app)
        await pilot.press("question_mark")  # still answers keys while the read goes on
        await pilot.pause()
        assert "home.new" in screen_text(app)
        finish.set()
        await app.workers.wait_for_complete()
