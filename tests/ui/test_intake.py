"""Notice intake in the message form (a pasted raw email, an .eml file), the follow-up rules
when the UI adds a message, the off-platform warning mark and the counters."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual import events
from textual.widgets import Input, Select, TextArea

from journal.eml import sha256_hex
from journal.model import Incident, Message
from journal.store import Store
from screens.app import make_app
from screens.forms import MessageForm
from screens.incident_list import IncidentList
from screens.intake import EmlPathModal
from screens.modals import ChoiceModal
from tests.ui.conftest import screen_text, shown

RAW = (
    "From: Upwork Trust & Safety <support@upwork.example>\n"
    "Date: Fri, 27 Nov 2026 18:05:00 -0800\n"
    "Subject: =?UTF-8?B?44GK5pSv5omV44GE44Gr44Gk44GE44Gm?=\n"
    "Message-ID: <abc123@upwork.example>\n"
    "\n"
    "Hello,\n\nYour contract is still under review. [b]Please[/b] do not continue work.\n"
)


async def message_form(pilot) -> MessageForm:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("2", "a")
    form = pilot.app.screen
    assert isinstance(form, MessageForm)
    return form


async def paste_into_body(pilot, form: MessageForm, text: str) -> TextArea:
    area = form.query_one("#body", TextArea)
    area.focus()
    pilot.app.post_message(events.Paste(text))  # as a terminal delivers a paste
    await pilot.pause()
    await pilot.pause()
    return area


async def test_pasted_email_fills_the_fields_and_keeps_its_sha256(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await message_form(pilot)
        area = await paste_into_body(pilot, form, RAW)
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("enter")  # the first choice: only the email's text as the body
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#sender", Input).value == "Upwork Trust & Safety <support@upwork.example>"
        assert form.query_one("#subject", Input).value == "お支払いについて"
        assert form.query_one("#at", Input).value == "2026-11-28 11:05 +09:00"  # the same instant, in the user's zone
        assert area.text.startswith("Hello,") and "From:" not in area.text
        assert any("sha256 is kept" in n.message for n in app._notifications)

        await pilot.press("ctrl+z")  # the raw email comes back
        await pilot.pause()
        assert area.text == RAW
        await pilot.press("ctrl+y")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.load(held.id).messages[-1]
        assert saved.sender == "Upwork Trust & Safety <support@upwork.example>"
        assert saved.subject == "お支払いについて" and saved.message_id == "<abc123@upwork.example>"
        assert saved.raw_sha256 == sha256_hex(RAW.encode("utf-8"))
        assert saved.at == datetime.fromisoformat("2026-11-27T18:05:00-08:00") and saved.at.utcoffset() == timedelta(
            hours=-8
        )
        assert "[b]Please[/b]" in saved.body


async def test_pasted_email_can_keep_the_raw_text_or_stay_as_pasted(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await message_form(pilot)
        area = await paste_into_body(pilot, form, RAW)
        await pilot.press("down", "enter")  # the second: keep the raw email as the body
        await pilot.pause()
        assert area.text == RAW and form.query_one("#subject", Input).value == "お支払いについて"
        await pilot.press("escape")  # typed text: asks first
        await pilot.press("y")
        await pilot.pause()

        await pilot.press("a")
        form = app.screen
        area = await paste_into_body(pilot, form, RAW)
        await pilot.press("escape")  # no choice: left as pasted
        await pilot.pause()
        assert app.screen is form and area.text == RAW and form.query_one("#sender", Input).value == ""


async def test_plain_text_pasted_asks_nothing(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await message_form(pilot)
        await paste_into_body(pilot, form, "Subject: hello\nThanks for your patience.\n")
        assert app.screen is form


async def test_ctrl_l_reads_an_eml_file(store: Store, held: Incident, tmp_path: Path) -> None:
    eml = tmp_path / "notice.eml"
    raw = RAW.replace("Date: Fri, 27 Nov 2026 18:05:00 -0800\n", "").encode("utf-8")
    eml.write_bytes(raw)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await message_form(pilot)
        await pilot.press("ctrl+l")
        modal = app.screen
        assert isinstance(modal, EmlPathModal)
        modal.query_one("#eml-path", Input).value = str(tmp_path / "missing.eml")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and any("missing.eml" in n.message for n in app._notifications)
        await pilot.press("ctrl+l")
        app.screen.query_one("#eml-path", Input).value = str(eml)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#subject", Input).value == "お支払いについて"
        assert form.query_one("#body", TextArea).text.startswith("Hello,")
        assert any("no readable Date" in n.message for n in app._notifications)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.load(held.id).messages[-1].raw_sha256 == sha256_hex(raw)


async def test_a_message_sent_from_the_ui_moves_the_follow_up(store: Store, held: Incident, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await message_form(pilot)
        form.query_one("#direction", Select).value = "sent"
        form.query_one("#subject", Input).value = "Answers to your questions"
        await pilot.press("ctrl+s", "y")  # yes, save it without a body
        await pilot.pause()
        assert store.load(held.id).follow_up_at == now + timedelta(days=2)


async def test_editing_a_message_keeps_its_message_id_and_sha256(store: Store, held: Incident, now: datetime) -> None:
    store.update(
        held.id, lambda i: i.add_message(Message(at=now, subject="x", message_id="<m@x>", raw_sha256="ab" * 32))
    )
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2", "down", "e")
        assert isinstance(app.screen, MessageForm)
        app.screen.query_one("#note", Input).value = "checked"
        await pilot.press("ctrl+s", "y")  # the message has no body: asked, and said yes
        await pilot.pause()
        edited = store.load(held.id).messages[-1]
        assert edited.note == "checked" and edited.message_id == "<m@x>" and edited.raw_sha256 == "ab" * 32


async def test_off_platform_talk_is_marked_in_the_list_and_the_incident(
    store: Store, held: Incident, now: datetime
) -> None:
    store.update(
        held.id,
        lambda i: i.add_message(
            Message(
                at=now - timedelta(hours=1),
                sender="Client [b]X[/b]",
                subject="Re: contract",
                body="If this drags on I can pay you directly through PayPal.",
            )
        ),
    )
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        rows = app.screen.query_one(IncidentList).visible_text()
        assert "⚠ Account on hold" in rows[1]
        assert "⚠ = off-platform talk" in screen_text(app)
        await pilot.press("enter")
        text = await shown(pilot)
        assert "⚠ 1 warning (see Overview)" in text
        joined = " ".join(text.split())
        assert "Warning: message 2" in joined and "from Client [b]X[/b]" in joined and '"pay you directly"' in joined


async def test_no_warning_mark_for_harmless_messages(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "⚠" not in screen_text(app)
        await pilot.press("enter")
        text = await shown(pilot)
        assert "⚠" not in text and "Warning:" not in text


async def test_overview_counts_support_waiting_and_money_pending(store: Store, held: Incident, now: datetime) -> None:
    store.update(
        held.id, lambda i: i.add_message(Message(at=now - timedelta(hours=5), direction="sent", subject="My answers"))
    )
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        text = await shown(pilot)
        assert "on hold 2d · follow-up 2026-11-25 12:00 · waiting on support 5h" in text  # the headline
        assert "On hold  2d" in text
        assert "Support  waiting 5h for a reply (sent 2026-11-24 07:00)" in text
        assert "Pending  420.00 USD" in text
