"""Interrupted forms: what was typed or pasted survives a failing handler, and the draft of
a new message is kept on disk until it is saved or discarded (also across a restart)."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, TextArea

from journal import drafts
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.forms import MessageForm
from screens.message_draft import DraftedMessageForm

PASTE = "Dear user, your account is on hold. [b]Reply[/b] \x1b]52;c;Zm9v\x07\n" + ("x" * 99 + "\n") * 10_000


@pytest.fixture(autouse=True)
def draft_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftedMessageForm, "DRAFT_DELAY", 0.01)


async def open_message_form(pilot) -> MessageForm:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("2", "a")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, DraftedMessageForm)
    return form


async def settle(pilot) -> None:
    """Let the draft timer fire and the screens update."""
    await pilot.pause(0.05)
    await pilot.pause()


async def test_a_pasted_body_is_kept_as_a_draft_and_put_back_after_a_restart(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_message_form(pilot)
        form.query_one("#subject", Input).value = "Hold notice"
        form.query_one("#body", TextArea).focus()
        app.post_message(events.Paste(PASTE))
        await settle(pilot)
        kept = drafts.load_draft(store, held.id)
        assert kept is not None and kept["body"] == PASTE and kept["subject"] == "Hold notice"
    # the app is gone without saving or discarding (as when the terminal is killed)
    assert drafts.draft_path(store, held.id).exists()
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_message_form(pilot)
        await settle(pilot)
        assert form.query_one("#body", TextArea).text == PASTE
        assert form.query_one("#subject", Input).value == "Hold notice"
        assert any("Draft restored" in n.message for n in app._notifications)
        assert form.dirty  # leaving would ask first
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [m.body for m in store.load(held.id).messages][-1] == PASTE
        assert drafts.load_draft(store, held.id) is None  # saved: the draft is gone


async def test_discarding_the_form_drops_the_draft(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_message_form(pilot)
        form.query_one("#body", TextArea).focus()
        await pilot.press(*"half a notice")
        await settle(pilot)
        assert drafts.load_draft(store, held.id)["body"] == "half a notice"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert drafts.load_draft(store, held.id) is None
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.query_one("#body", TextArea).text == ""


async def test_typed_text_survives_an_exception_in_a_handler(
    store: Store, held: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_message_form(pilot)
        form.query_one("#body", TextArea).focus()
        app.post_message(events.Paste(PASTE))
        await settle(pilot)

        def broken_result(self):
            raise RuntimeError("a bug while reading the form")

        with monkeypatch.context() as patch:  # the form's own handler fails: the form stays
            patch.setattr(MessageForm, "result", broken_result)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form and form.query_one("#body", TextArea).text == PASTE
            assert any("a bug while reading the form" in n.message for n in app._notifications)

        def broken_add(incident, message):
            raise RuntimeError("a bug while saving")

        monkeypatch.setattr(Incident, "add_message", broken_add)
        await pilot.press("ctrl+s")  # the screen's handler fails: the form comes back filled
        await settle(pilot)
        assert isinstance(app.screen, MessageForm) and app.screen is not form
        assert app.screen.query_one("#body", TextArea).text == PASTE
        assert any("a bug while saving" in n.message for n in app._notifications)
        assert drafts.load_draft(store, held.id)["body"] == PASTE  # and still on disk
        assert len(store.load(held.id).messages) == 1
    assert app.return_code in (None, 0)
