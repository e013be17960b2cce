"""Slips seen while living through the security-hold story in a real terminal: a notice pasted
while a dropdown had the focus, and enter on a question that offers the next step."""

from __future__ import annotations

from textual import events
from textual.widgets import Select, TextArea

from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.modals import ConfirmModal
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
        app.post_message(events.Paste(NOTICE.replace("\n", "\r")))  # as a terminal delivers a paste: CR ends
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


async def test_enter_on_the_waiting_offer_takes_it(store: Store, held: Incident) -> None:
    answered = store.load(held.id)
    answered.requests[0].answer = "Yesterday 21:00 from Tokyo, on my Mac."
    store.save(answered)
    app = make_app(store)
    app.copy_to_clipboard = lambda text: None  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("6", "r", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and "Set the status to waiting" in screen_text(app)
        await pilot.press("enter")  # the proposed step has the focus
        await pilot.pause()
        assert store.load(held.id).status == "waiting"


async def test_enter_on_the_delete_question_keeps_the_item(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("4", "d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")  # a deletion: enter keeps
        await pilot.pause()
        assert len(store.load(held.id).checklist) == 2
