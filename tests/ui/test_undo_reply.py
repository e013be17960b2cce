"""Every slip undoable, moments given by the user, one action one record, the reply built
from the answers: each flow from the keyboard, checked on disk."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Input

from journal.model import ChecklistItem, Incident
from journal.store import Store
from journal.timeparse import parse_moment
from screens.app import make_app
from screens.modals import ChoiceModal, ConfirmModal, MomentModal
from screens.reply import ReplyModal
from tests.ui.conftest import screen_text
from tests.ui.test_incident import open_first


async def test_delete_asks_naming_the_item_then_undo_and_redo_work_across_tabs(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("4", "d")
        assert isinstance(app.screen, ConfirmModal)
        assert 'checklist item 1 "Take the IP-check screenshot without a VPN"' in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert [c.text for c in store.load(held.id).checklist] == ["List the devices used"]
        trash = list(store.trash_dir.iterdir())
        assert len(trash) == 1 and "Take the IP-check screenshot" in trash[0].read_text()
        await pilot.press("5", "d", "y")  # a contract, from another tab
        await pilot.pause()
        assert store.load(held.id).contracts == []
        await pilot.press("2", "ctrl+z")  # undo from a third tab: the contract comes back
        await pilot.pause()
        assert [c.client for c in store.load(held.id).contracts] == ["Acme Ltd"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(store.load(held.id).checklist) == 2
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [c.text for c in store.load(held.id).checklist] == ["List the devices used"]
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert len(store.load(held.id).checklist) == 2 and len(store.load(held.id).contracts) == 1
    # a new run of the app (the incident reloaded): the log is still there for the command line
    from journal import undo

    assert undo.next_redo(store, held.id) is not None


async def test_undo_never_overwrites_a_change_made_meanwhile(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("4", "d", "y")
        await pilot.pause()
        other = store.load(held.id)
        other.title = "Changed in another window"
        store.save(other)
        await pilot.press("ctrl+z")
        await pilot.pause()
        saved = store.load(held.id)
        assert saved.title == "Changed in another window" and len(saved.checklist) == 1


async def test_back_dated_tick_and_status_closing_at_the_given_moment(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("4", "t")
        assert isinstance(app.screen, MomentModal)
        app.screen.query_one("#when", Input).value = "2026-11-23 10:05"
        await pilot.press("enter")
        await pilot.pause()
        assert store.load(held.id).checklist[0].done_at == parse_moment("2026-11-23 10:05")
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceModal)
        assert "open  (current)" in screen_text(app)
        await pilot.press("down", "down", "down", "enter")  # resolved
        await pilot.pause()
        app.screen.query_one("#when", Input).value = "2026-11-24 09:30"
        await pilot.press("enter")
        await pilot.pause()
        saved = store.load(held.id)
        assert saved.status == "resolved"
        assert saved.closed_at == parse_moment("2026-11-24 09:30")
        assert saved.events[-1].text == "open -> resolved" and saved.events[-1].at == saved.closed_at


async def test_a_linked_item_ticked_adds_its_event_once(store: Store, now: datetime) -> None:
    incident = Incident(id="", title="Contract paused", kind="contract-suspension", opened_at=now - timedelta(days=1))
    incident.checklist = [ChecklistItem(text="Stop work on the suspended contract now", event="work-paused")]
    store.create(incident)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("4", "t")
        app.screen.query_one("#when", Input).value = "2026-11-23 18:00"
        await pilot.press("enter")
        await pilot.pause()
        saved = store.load(incident.id)
        paused = [e for e in saved.events if e.kind == "work-paused"]
        assert len(paused) == 1 and paused[0].at == parse_moment("2026-11-23 18:00")
        await pilot.press("t")  # ticked again at another moment: still one event
        app.screen.query_one("#when", Input).value = "2026-11-23 19:00"
        await pilot.press("enter")
        await pilot.pause()
        assert len([e for e in store.load(incident.id).events if e.kind == "work-paused"]) == 1
        await pilot.press("space")  # untick
        await pilot.pause()
        assert store.load(incident.id).checklist[0].done_at is None


async def test_client_told_at_a_moment_adds_client_notified(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("5", "t")
        app.screen.query_one("#when", Input).value = "2026-11-23 08:00"
        await pilot.press("enter")
        await pilot.pause()
        saved = store.load(held.id)
        assert saved.contracts[0].client_told_at == parse_moment("2026-11-23 08:00")
        told = [e for e in saved.events if e.kind == "client-notified"]
        assert len(told) == 1 and "Acme Ltd" in told[0].text


async def test_reply_built_copied_and_logged_then_waiting_offered(store: Store, held: Incident, now: datetime) -> None:
    answered = store.load(held.id)
    answered.requests[0].answer = "Yesterday 21:00 from Tokyo, on my Mac."
    store.save(answered)
    copied: list[str] = []
    app = make_app(store)
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("6", "r")
        assert isinstance(app.screen, ReplyModal)
        text = screen_text(app)
        assert "> When and where did you last access your account?" in text
        assert "Yesterday 21:00 from Tokyo, on my Mac." in text
        app.screen.query_one("#sent-at", Input).value = "2026-11-24 11:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert copied and "Yesterday 21:00 from Tokyo" in copied[0]
        saved = store.load(held.id)
        sent = [m for m in saved.messages if m.direction == "sent"]
        assert len(sent) == 1 and sent[0].subject == "Re: Temporary hold on your account"
        assert "> When and where did you last access your account?" in sent[0].body
        assert saved.requests[0].answered_at == parse_moment("2026-11-24 11:00") == sent[0].at
        assert isinstance(app.screen, ConfirmModal) and "waiting" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert store.load(held.id).status == "waiting"


async def test_empty_message_body_asks_before_saving(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("2", "e")
        before = len(store.load(held.id).messages)
        app.screen.query_one("#body").load_text("")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and "body is empty" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert store.load(held.id).messages[0].body != ""
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
        saved = store.load(held.id)
        assert len(saved.messages) == before and saved.messages[0].body == ""
