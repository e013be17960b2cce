"""The incident screen: every flow saves at once through the store, checked on disk."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual import events
from textual.widgets import Input, TabbedContent, TextArea

from journal.model import Event, Incident
from journal.store import Store
from screens.app import make_app
from screens.forms import ContractForm, EventForm, MessageForm, RequestForm
from screens.modals import ChoiceModal, ConfirmModal, ConflictModal, TextModal
from tests.ui.conftest import screen_text

BODY = "お世話になっております。\r\nアカウントを一時的に保留しました。\n\n\tIPアドレスのスクリーンショットを送ってください。\n[b]Trust & Safety[/b]\n"


async def open_first(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "IncidentScreen"


async def test_header_and_tabs_switch_with_numbers(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        text = screen_text(app)
        assert "Account on hold after a security check" in text
        assert (
            "Account on hold" in text
            and "open" in text
            and "on hold 2d" in text
            and "follow-up 2026-11-25 12:00" in text
        )
        tabs = app.screen.query_one(TabbedContent)
        for key, name in zip("123456", ["overview", "messages", "timeline", "checklist", "contracts", "requests"]):
            await pilot.press(key)
            assert tabs.active == name
        await pilot.press("5")
        text = screen_text(app)
        assert "Acme Ltd" in text and "420.00 USD" in text and "today" in text and "not told yet" in text
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_add_message_with_pasted_multiline_japanese_body(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("2", "a")
        form = app.screen
        assert isinstance(form, MessageForm)
        form.query_one("#sender", Input).value = "Upwork サポート"
        form.query_one("#subject", Input).value = "追加の確認"
        area = form.query_one("#body", TextArea)
        area.focus()
        app.post_message(events.Paste(BODY))  # as a terminal delivers a paste
        await pilot.pause()
        assert area.text.count("\n") >= 5  # every pasted line is kept
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.load(held.id)
        assert len(saved.messages) == 2
        message = next(m for m in saved.messages if m.subject == "追加の確認")
        assert message.sender == "Upwork サポート"
        assert message.body.replace("\r\n", "\n") == BODY.replace("\r\n", "\n")
        assert any("追加の確認" in e.text for e in saved.events)  # the core put it on the timeline
        assert "追加の確認" in screen_text(app)
        # enter reads it in full, literally
        table = app.screen.query_one("#messages-table")
        table.move_cursor(row=[m.subject for m in saved.messages].index("追加の確認"))
        await pilot.press("enter")
        assert isinstance(app.screen, TextModal)
        text = screen_text(app)
        assert "アカウントを一時的に保留しました。" in text and "[b]Trust & Safety[/b]" in text


async def test_add_event_shows_offsets_and_day_strip(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("3", "a")
        assert isinstance(app.screen, EventForm)
        await pilot.press(*"Asked support for status")
        app.screen.query_one("#at", Input).value = "-2h"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.load(held.id)
        event = saved.events[-1]
        assert event.text == "Asked support for status" and event.at == datetime.fromisoformat(
            "2026-11-24T10:00:00+09:00"
        )
        text = screen_text(app)
        assert "+1d 22h" in text  # since opened
        assert "11-22 ●·◆" not in text and "3 days" in text and "● notice" in text


async def test_space_ticks_and_unticks_the_checklist_recording_when(
    store: Store, held: Incident, now: datetime
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("4", "space")
        await pilot.pause()
        assert store.load(held.id).checklist[0].done_at == now
        assert "1 of 2 done" in screen_text(app)
        await pilot.press("space")
        assert store.load(held.id).checklist[0].done_at is None
        await pilot.press("a", *"Tell Acme about the delay", "enter")
        await pilot.pause()
        assert [c.text for c in store.load(held.id).checklist][-1] == "Tell Acme about the delay"
        assert "0 of 3 done" in screen_text(app)


async def test_add_and_edit_a_contract(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("5", "a")
        form = app.screen
        assert isinstance(form, ContractForm)
        await pilot.press(*"Northwind Studio")
        form.query_one("#deadline", Input).value = "2026-11-30"
        form.query_one("#pending", Input).value = "1,250.50 USD"
        form.query_one("#told", Input).value = "now"
        await pilot.press("ctrl+s")
        await pilot.pause()
        contract = store.load(held.id).contracts[-1]
        assert contract.client == "Northwind Studio" and contract.state == "paused"
        assert str(contract.pending.amount) == "1250.50" and contract.deadline.isoformat() == "2026-11-30"
        assert contract.client_told_at is not None
        assert "Northwind Studio" in screen_text(app) and "in 6 days" in screen_text(app)
        app.screen.query_one("#contracts-table").move_cursor(row=0)
        await pilot.press("e")
        assert app.screen.query_one("#client", Input).value == "Acme Ltd"
        app.screen.query_one("#client", Input).value = "Acme Limited"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [c.client for c in store.load(held.id).contracts] == ["Acme Limited", "Northwind Studio"]


async def test_answer_a_request_in_place_with_an_attachment(store: Store, held: Incident, tmp_path: Path) -> None:
    shot = tmp_path / "ip-check.png"
    shot.write_bytes(b"\x89PNG fake")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("6", "enter")
        form = app.screen
        assert isinstance(form, RequestForm)
        assert app.focused is form.query_one("#answer", TextArea)
        form.query_one("#answer", TextArea).insert("Yesterday 21:00 from Tokyo, on my Mac.\nNo VPN.")
        await pilot.press("ctrl+o")  # the picker: the path typed, the file copied into the journal
        await pilot.pause()
        picker = app.screen
        await pilot.press("ctrl+l")
        picker.query_one("#attach-path", Input).value = str(shot)
        await pilot.press("enter")
        await picker.copying.wait()
        await pilot.pause()
        assert app.screen is form and "ip-check.png" in screen_text(app)
        await pilot.press("ctrl+r")  # taken off, then attached again: the same copy
        assert form.files == [] and "No files attached." in screen_text(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        await pilot.press("ctrl+l")
        picker.query_one("#attach-path", Input).value = str(shot)
        await pilot.press("enter")
        await picker.copying.wait()
        await pilot.pause()
        assert app.screen is form and len(form.files) == 1
        app.clear_notifications()  # three notices would cover the question below
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Set the status to waiting" in screen_text(app)  # every request is answered now
        await pilot.press("n")
        await pilot.pause()
        request = store.load(held.id).requests[0]
        assert request.answer == "Yesterday 21:00 from Tokyo, on my Mac.\nNo VPN."
        assert request.answered_at is None  # sent only when the reply is recorded (r)
        assert request.attachments[0].original == str(shot) and request.attachments[0].size == 9
        assert (store.data_dir / request.attachments[0].path).read_bytes() == b"\x89PNG fake"
        assert len(request.attachments[0].sha256) == 64
        assert "Request saved" in screen_text(app)
        app.clear_notifications()  # the notice covers the end of the file's line for a few seconds
        await pilot.pause()
        text = screen_text(app)
        assert "No VPN." in text and "ip-check.png" in text
        await pilot.press("a", *"Which devices do you use?", "enter")
        await pilot.pause()
        assert store.load(held.id).requests[-1].question == "Which devices do you use?"


async def test_change_status_and_set_follow_up(store: Store, held: Incident, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("down", "enter")  # open -> waiting
        await pilot.pause()
        await pilot.press("enter")  # when: now
        await pilot.pause()
        saved = store.load(held.id)
        assert saved.status == "waiting"
        assert saved.events[-1].kind == "status-changed" and saved.events[-1].text == "open -> waiting"
        await pilot.press("f")
        app.screen.query_one("#moment", Input).value = "+3d"
        await pilot.press("enter")
        await pilot.pause()
        assert store.load(held.id).follow_up_at == now + timedelta(days=3)
        assert "follow-up 2026-11-27 12:00" in screen_text(app)
        await pilot.press("f")
        app.screen.query_one("#moment", Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert store.load(held.id).follow_up_at is None


async def test_edit_the_incident_itself_from_overview(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("e")
        app.screen.query_one("#title", Input).value = "Account hold (security)"
        app.screen.query_one("#summary", TextArea).load_text("Line one\nLine two")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.load(held.id)
        assert saved.title == "Account hold (security)" and saved.summary == "Line one\nLine two"
        assert "Account hold (security)" in screen_text(app)


async def test_leaving_a_message_form_with_typed_text_asks_first(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("2", "a")
        form = app.screen
        form.query_one("#body", TextArea).focus()
        await pilot.press(*"half a notice")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # no: back to the form, text kept
        assert app.screen is form and form.query_one("#body", TextArea).text == "half a notice"
        await pilot.press("escape", "y")
        assert type(app.screen).__name__ == "IncidentScreen"
        assert len(store.load(held.id).messages) == 1


async def test_file_changed_on_disk_asks_and_keeps_my_change(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        store.update(held.id, lambda i: setattr(i, "summary", "Changed elsewhere"))  # another process
        before = store.path_for(held.id).read_bytes()
        await pilot.press("4", "space")
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        assert store.path_for(held.id).read_bytes() == before  # nothing overwritten blindly
        await pilot.press("m")
        await pilot.pause()
        assert store.path_for(held.id).read_bytes() == before  # the other's version stays as it is
        [kept] = store.conflict_copies()
        assert kept.name.startswith(f"{held.id}.conflict-") and (kept.stat().st_mode & 0o777) == 0o600
        mine = store.load_path(kept)
        assert mine.checklist[0].done_at is not None and mine.summary == "Whole account stopped."
        assert type(app.screen).__name__ == "IncidentScreen"
        assert app.screen.incident.summary == "Changed elsewhere"  # the file's version is shown
        assert any(str(kept) in n.message for n in app._notifications)  # and where mine went
        assert [s.id for s in store.scan()[0]] == [held.id] and store.scan()[1] == []


async def test_file_deleted_underneath_is_not_recreated_and_mine_is_kept_beside(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        store.path_for(held.id).unlink()
        await pilot.press("3", "a", *"Sent the screenshot", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        assert "deleted" in screen_text(app)
        assert not store.path_for(held.id).exists()
        await pilot.press("r")  # no reload of a file that is gone
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("m")
        await pilot.pause()
        assert not store.path_for(held.id).exists()  # not recreated
        [kept] = store.conflict_copies()
        assert store.load_path(kept).events[-1].text == "Sent the screenshot"
        assert any(str(kept) in n.message and "deleted" in n.message for n in app._notifications)
        assert type(app.screen).__name__ == "HomeScreen"


async def test_conflict_reload_reopens_the_form_with_what_was_typed(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        store.update(held.id, lambda i: setattr(i, "summary", "Changed elsewhere"))
        await pilot.press("3", "a", *"Sent the screenshot", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert app.screen.query_one("#text", Input).value == "Sent the screenshot"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.load(held.id)
        assert saved.summary == "Changed elsewhere" and saved.events[-1].text == "Sent the screenshot"


async def test_a_failing_save_shows_one_line_and_keeps_the_typed_text(
    store: Store, held: Incident, monkeypatch
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)

        def broken(self, incident, *args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Store, "save", broken)
        await pilot.press("3", "a", *"Will not fit", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert app.screen.query_one("#text", Input).value == "Will not fit"
        assert any("No space left" in n.message for n in app._notifications)
    assert app.return_code in (None, 0)


async def test_an_edit_saved_after_a_reload_lands_on_its_own_item_when_others_moved(
    store: Store, held: Incident
) -> None:
    """An event edited while another program added an earlier event (so every row moved down
    one): after "Reload", saving the form changes the event that was edited, never the one
    now at its old row."""
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("3")
        await pilot.pause()
        first = store.load(held.id).events[0]
        earlier = Event(at=first.at - timedelta(days=1), kind="note", text="Added elsewhere, earlier")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        store.update(held.id, lambda i: i.events.insert(0, earlier))
        app.screen.query_one("#text", Input).value = "Edited here"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        texts = [e.text for e in store.load(held.id).events]
        assert texts[0] == "Added elsewhere, earlier"
        assert "Edited here" in texts and first.text not in texts, texts
