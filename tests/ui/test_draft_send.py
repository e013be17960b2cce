"""Drafts from the record and sent messages, from the keyboard: `w` drafts an appeal with the
notice verbatim and a client note, the outgoing check shows each hit with why before anything
is recorded, and a message typed with direction sent is checked before it is saved."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input, Select, TextArea

from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.forms import MessageForm
from screens.incident_drafts import DraftPicker
from screens.modals import ConfirmModal
from screens.reply import ReplyModal
from tests.ui.conftest import shown
from tests.ui.test_incident import open_first

NOTICE = "Hello,\r\n\r\nFor your protection, we have placed a temporary hold   on your account.\n\tRegards,\nAccount Security"


def _with_notice(store: Store, held: Incident) -> Incident:
    incident = store.load(held.id)
    incident.messages[0].body = NOTICE
    store.save(incident)
    return incident


async def test_w_drafts_an_appeal_with_the_notice_verbatim_and_logs_it(
    store: Store, held: Incident, now: datetime
) -> None:
    _with_notice(store, held)
    copied: list[str] = []
    app = make_app(store)
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("w")
        assert isinstance(app.screen, DraftPicker)
        assert "Appeal to the platform (English)" in await shown(pilot)
        await pilot.press("down", "down", "enter")
        assert isinstance(app.screen, ReplyModal)
        text = app.screen.query_one("#reply-text", TextArea).text
        assert "Appeal to the platform (en)" in await shown(pilot)
        assert NOTICE.replace("\r\n", "\n") in text.replace("\r\n", "\n")  # the text area shows it as lines
        assert "- An error on your side:" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
    sent = [m for m in store.load(held.id).messages if m.direction == "sent"]
    assert len(sent) == 1 and sent[0].subject == "Appeal: Account on hold after a security check"
    assert "For your protection, we have placed a temporary hold   on your account." in sent[0].body
    assert copied  # copied as it was logged


async def test_a_draft_edited_with_a_contact_app_warns_before_it_is_logged(
    store: Store, held: Incident, now: datetime
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("5", "w", "enter")  # the client note, for the contract selected
        assert isinstance(app.screen, ReplyModal)
        text = await shown(pilot)
        assert "Hello Acme Ltd," in text and "dealing outside" not in text
        area = app.screen.query_one("#reply-text", TextArea)
        area.load_text(area.text + "\nOr call me on Skype: 090-1234-5678\n")
        text = await shown(pilot)
        assert "dealing outside it" in text and '"skype"' in text.lower() and "090-1234-5678" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReplyModal)  # not yet: the warning is shown first
        assert not [m for m in store.load(held.id).messages if m.direction == "sent"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    sent = [m for m in store.load(held.id).messages if m.direction == "sent"]
    assert len(sent) == 1 and "Skype" in sent[0].body


async def test_a_status_request_before_the_follow_up_says_why_not(store: Store, held: Incident, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("w", "down", "down", "down", "down", "enter")
        text = await shown(pilot)
        assert not isinstance(app.screen, ReplyModal)
        assert "status request is for" in " ".join(text.split()), text


async def test_a_sent_message_typed_in_the_form_is_checked_before_it_is_saved(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("2", "a")
        form = app.screen
        assert isinstance(form, MessageForm)
        form.query_one("#direction", Select).value = "sent"
        form.query_one("#subject", Input).value = "Next steps"
        form.query_one("#body", TextArea).load_text("We can continue by bank transfer. Mail me at taro@example.jp")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmModal)
        text = await shown(pilot)
        assert "taro@example.jp" in text and "an e-mail address" in text and "bank transfer" in text
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MessageForm) and len(store.load(held.id).messages) == 1
        await pilot.press("ctrl+s")
        await pilot.press("y")
        await pilot.pause()
    saved = store.load(held.id)
    assert [m.subject for m in saved.messages if m.direction == "sent"] == ["Next steps"]


async def test_a_received_message_is_not_checked(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("2", "a")
        form = app.screen
        form.query_one("#subject", Input).value = "From the client"
        form.query_one("#body", TextArea).load_text("Mail me at client@example.com")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal)
    assert len(store.load(held.id).messages) == 2
