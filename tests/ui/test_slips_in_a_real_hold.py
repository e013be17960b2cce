"""Slips seen while living through the security-hold story in a real terminal: a notice pasted
while a dropdown had the focus, and enter on a question that offers the next step."""

from __future__ import annotations

from textual import events
from textual.widgets import Select, TextArea

from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import screen_text
from tests.ui.test_incident import open_first

NOTICE = "Hello,\n\nWe placed your account on hold for your protection.\n[b]Upwork[/b]\n"


async def test_a_paste_on_the_direction_dropdown_goes_into_the_empty_body(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("2", "a")
        await pilot.pause()
        assert isinstance(app.screen.focused, Select)  # the form opens on Direction
        app.post_message(events.Paste(NOTICE))  # as a terminal delivers a paste
        await pilot.pause()
        body = app.screen.query_one("#body", TextArea)
        assert body.text == NOTICE and app.screen.focused is body
        assert "The paste went into the body" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.load(held.id).messages[-1].body == NOTICE


async def test_a_paste_on_a_dropdown_never_replaces_a_written_body(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("2", "a")
        await pilot.pause()
        app.screen.query_one("#body", TextArea).load_text("my own text")
        app.screen.query_one("#direction", Select).focus()
        app.post_message(events.Paste(NOTICE))
        await pilot.pause()
        assert app.screen.query_one("#body", TextArea).text == "my own text"
        assert "Nothing pasted" in screen_text(app)
