"""Notices are drawn on the screen with the user's text shown literally: brackets are not
markup, escape and bidi characters are made visible, and the form stays open."""

from __future__ import annotations

from textual.widgets import Input
from textual.widgets._toast import Toast

from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.forms import EventForm
from tests.ui.conftest import shown

TYPED = "[b]soon[/b] [/] \x1b[31mred\u202e[@click=app.quit]x"


async def test_notices_are_drawn_in_ui_tests(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.notify("Drawn where a user sees it", markup=False)
        assert "Drawn where a user sees it" in await shown(pilot)


async def test_brackets_and_escapes_typed_in_a_time_field_are_shown_literally(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3", "a")
        assert isinstance(app.screen, EventForm)
        await pilot.press(*"Asked support")
        app.screen.query_one("#at", Input).value = TYPED
        await pilot.press("ctrl+s")
        text = await shown(pilot)
        assert isinstance(app.screen, EventForm), "the form stays open with what was typed"
        assert app.screen.query_one("#at", Input).value == TYPED
        assert len(app.screen.query(Toast)) == 1
        notice = [line for line in text.splitlines() if "could not read the time" in line]
        assert notice, text
        assert "[b]soon[/b] [/]" in text.split("could not read the time", 1)[1]
        assert "\x1b" not in text and "\u202e" not in text
        assert store.load(held.id).events == held.events
