"""Every form that takes text keeps a draft (a new or edited message, an answer to a
request, the incident's summary, an event, a contract, a checklist item), put back after
the app is gone; a moment typed as "now" keeps the day it meant; two apps drafting the same
form keep both drafts."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from textual.widgets import Input, Select, TextArea

from journal import drafts, roster
from journal.model import Incident
from journal.roster import RosterContract
from journal.store import Store
from screens.app import make_app
from screens.forms import FormModal
from screens.modals import ConfirmModal

TYPED = "typed before the terminal was killed — 下書き"


@pytest.fixture(autouse=True)
def draft_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FormModal, "DRAFT_DELAY", 0.01)


async def settle(pilot) -> None:
    await pilot.pause(0.05)
    await pilot.pause()


async def open_form(pilot, *keys: str) -> FormModal:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*keys)
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormModal), type(form).__name__
    return form


def put(form: FormModal, field: str, text: str) -> None:
    widget = form.query_one(f"#{field}")
    if isinstance(widget, TextArea):
        widget.load_text(text)
    else:
        assert isinstance(widget, Input)
        widget.value = text


FORMS = [
    # (keys that open it, the field typed in, the draft's form key)
    (("2", "a"), "body", "message"),
    (("2", "e"), "note", "message-1"),
    (("6", "enter"), "answer", "request-1"),
    (("1", "e"), "summary", "incident"),
    (("3", "a"), "text", "event"),
    (("5", "e"), "note", "contract-1"),
    (("4", "a"), "text", "checklist"),
]


@pytest.mark.parametrize(("keys", "field", "form_key"), FORMS, ids=[f[2] for f in FORMS])
async def test_every_form_keeps_a_draft_across_a_restart(
    store: Store, held: Incident, keys: tuple[str, ...], field: str, form_key: str
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, *keys)
        put(form, field, TYPED)
        await settle(pilot)
        kept = drafts.load_draft(store, held.id, form_key)
        assert kept is not None and kept[field] == TYPED
    # the app is gone without saving or discarding (as when the terminal is killed)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, *keys)
        await settle(pilot)
        widget = form.query_one(f"#{field}")
        shown = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[union-attr]
        assert shown == TYPED
        assert any("Draft restored" in n.message for n in app._notifications)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
        assert drafts.load_draft(store, held.id, form_key) is None  # saved: the draft is gone


async def test_a_message_drafted_on_the_20th_and_restored_on_the_22nd_keeps_the_20th(
    store: Store, held: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-20T10:15:00+09:00")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, "2", "a")
        assert form.query_one("#at", Input).value == "now"
        put(form, "subject", "Hold notice, typed on the 20th")
        put(form, "body", "Your account is on hold.")
        await settle(pilot)
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-22T18:00:00+09:00")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        form = await open_form(pilot, "2", "a")
        await settle(pilot)
        assert form.query_one("#at", Input).value.startswith("2026-11-20 10:15")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
    saved = next(m for m in store.load(held.id).messages if m.subject == "Hold notice, typed on the 20th")
    assert saved.at == datetime.fromisoformat("2026-11-20T10:15:00+09:00")


async def test_two_apps_drafting_the_same_form_keep_each_others_draft(
    store: Store, held: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = make_app(store), make_app(Store(store.data_dir))
    async with first.run_test(size=(120, 36)) as one, second.run_test(size=(120, 36)) as two:
        monkeypatch.setattr(drafts, "OWNER", "1111-aaaaaa")
        form_one = await open_form(one, "2", "a")
        put(form_one, "body", "the first window's notice")
        await settle(one)
        monkeypatch.setattr(drafts, "OWNER", "2222-bbbbbb")  # the second app is another process
        form_two = await open_form(two, "6", "enter")  # another form: no draft taken over
        await two.press("escape")
        await settle(two)
        await two.press("2", "a")
        await settle(two)
        form_two = second.screen
        assert isinstance(form_two, FormModal)
        # the second app offers the first one's draft, and the first one's text is safe
        assert form_two.query_one("#body", TextArea).text == "the first window's notice"
        put(form_two, "body", "the second window's notice")
        await settle(two)
        monkeypatch.setattr(drafts, "OWNER", "1111-aaaaaa")
        put(form_one, "body", "the first window's notice, longer")
        await settle(one)
        bodies = sorted(p.read_text(encoding="utf-8") for p in drafts.draft_paths(store, held.id))
        assert len(bodies) == 2
        assert "the first window's notice, longer" in bodies[0] and "the second window's notice" in bodies[1]


def acme(store: Store) -> RosterContract:
    """A roster with one contract (Acme Ltd, 38211), added a week ago."""
    return roster.add_contract(store, "Acme Ltd", datetime(2026, 11, 17, 9, 0, tzinfo=timezone.utc), contract_id="38211")


OUTSIDE = [
    # (keys that open it, the field typed in, what is typed, the draft's id and form key, a roster first)
    (("n",), "title", "Account on hold — 保留", ("new-incident", "new"), False),
    (("c", "a"), "client", "Sakura Apps 株式会社", ("roster", "new"), False),
    (("c", "e"), "note", "asked for an extension — 延長を依頼", ("roster", "edit-acme-ltd"), True),
]


@pytest.mark.parametrize(
    ("keys", "field", "typed", "draft", "with_roster"), OUTSIDE, ids=["new-incident", "roster-new", "roster-edit"]
)
async def test_the_forms_outside_an_incident_keep_a_draft_and_drop_it_once_saved(
    store: Store, keys: tuple[str, ...], field: str, typed: str, draft: tuple[str, str], with_roster: bool
) -> None:
    """The new incident (the first form a user fills in when a hold lands), a new roster
    contract and the edit of one: what was typed comes back after the terminal is gone, and
    is forgotten once saved."""
    if with_roster:
        acme(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormModal)
        put(form, field, typed)
        await settle(pilot)
    assert drafts.load_draft(store, *draft) is not None
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormModal)
        assert form.query_one(f"#{field}", Input).value == typed
        assert any("Draft restored" in n.message for n in app._notifications)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
    assert drafts.load_draft(store, *draft) is None
    if draft[0] == "new-incident":
        assert [store.load(i).title for i in store.ids()] == [typed]
    else:
        assert typed in (store.data_dir / "contracts.toml").read_text(encoding="utf-8")


async def test_a_roster_edit_draft_is_put_back_only_on_its_contract_and_over_changes_made_elsewhere(
    store: Store, now: datetime
) -> None:
    """The draft of an edit belongs to that contract (by its roster id), not to the row the
    cursor was on: a contract added before it does not take it. Put back after the command
    line ended the contract, it lays only the user's change (the note) over the roster as it
    is now: the contract stays ended. Discarding the form drops the draft."""
    acme(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for key in ("c", "e"):
            await pilot.press(key)
            await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormModal)
        put(form, "note", "asked for an extension")
        await settle(pilot)
    # meanwhile: another contract sorts first, and the command line ends Acme
    roster.add_contract(store, "Blue Corp", now, deadline=now.date())
    roster.end_contract(store, "acme-ltd", now)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("e")  # the first row: Blue Corp (active) — not the draft's contract
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormModal)
        assert form.query_one("#client", Input).value == "Blue Corp"
        assert form.query_one("#note", Input).value == ""
        assert not any("Draft restored" in n.message for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("down", "e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormModal)
        assert form.query_one("#client", Input).value == "Acme Ltd"
        assert form.query_one("#note", Input).value == "asked for an extension"
        assert form.query_one("#state", Select).value == "ended"
        messages = " ".join(n.message for n in app._notifications)
        assert "Draft restored" in messages and "changed elsewhere since the draft was typed" in messages
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")  # Discard
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
    assert drafts.load_draft(store, "roster", "edit-acme-ltd") is None
    kept = {c.id: c for c in roster.load_roster(store)}
    assert kept["acme-ltd"].state == "ended" and kept["acme-ltd"].note == ""
