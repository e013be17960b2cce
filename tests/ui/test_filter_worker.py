"""The home filter asks the index in a worker once typing pauses: each keystroke shows at
once, and the list ends up with what the last text typed matches (Japanese words of one or
two characters included)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import Input

from journal.model import Incident, Message
from journal.store import Store
from screens.app import make_app
from screens.home import HomeScreen
from screens.incident_list import IncidentList
from tests.ui.conftest import screen_text


async def settle(pilot) -> None:
    """Let the filter's worker (its pause and its query) finish, then the screen update."""
    await pilot.pause(0.1)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_list_shows_what_the_last_keystroke_matches(
    store: Store, opened: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(HomeScreen, "BACKGROUND_LOAD", True)
    for n, (title, body) in enumerate(
        [("桜アプリの返金", "返金をお願いします"), ("返信の件", "返信ください"), ("Acme hold", "We paused it")]
    ):
        made = Incident(id="", title=title, kind="account-hold", opened_at=opened + timedelta(hours=n))
        made.add_message(Message(at=opened, subject=title, body=body))
        store.create(made)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(IncidentList)
        assert len(listing.rows) == 3
        await pilot.press("slash", "返")
        await settle(pilot)
        assert sorted(s.title for s in listing.rows) == ["桜アプリの返金", "返信の件"]
        await pilot.press("金")  # typed before the list has caught up with 返: only 返金 counts
        await settle(pilot)
        assert [s.title for s in listing.rows] == ["桜アプリの返金"]
        assert "1 of 3 match 返金" in screen_text(app)
        await pilot.press("backspace", "backspace", *"acme")
        await settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "acme"
        assert [s.title for s in listing.rows] == ["Acme hold"]
        await pilot.press("escape")
        await settle(pilot)
        assert len(listing.rows) == 3
