"""Every form that takes text keeps a draft (a new or edited message, an answer to a
request, the incident's summary, an event, a contract, a checklist item), put back after
the app is gone; a moment typed as "now" keeps the day it meant; two apps drafting the same
form keep both drafts."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest
from textual.widgets import Input, Select, TextArea

from journal import drafts, roster
from journal.cli import main
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
    # (keys that open it, the field typed in, the draft's form key, the list of the item edited)
    (("2", "a"), "body", "message", None),
    (("2", "e"), "note", "message", "messages"),
    (("6", "enter"), "answer", "request", "requests"),
    (("1", "e"), "summary", "incident", None),
    (("3", "a"), "text", "event", None),
    (("5", "e"), "note", "contract", "contracts"),
    (("4", "a"), "text", "checklist", None),
]


@pytest.mark.parametrize(
    ("keys", "field", "form", "items"), FORMS, ids=[f[2] + ("-edit" if f[3] else "") for f in FORMS]
)
async def test_every_form_keeps_a_draft_across_a_restart(
    store: Store, held: Incident, keys: tuple[str, ...], field: str, form: str, items: str | None
) -> None:
    # an edit's draft is keyed by the item as loaded (its fingerprint), not its position
    form_key = drafts.item_form(form, getattr(held, items)[0]) if items else form
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(pilot, *keys)
        put(opened, field, TYPED)
        await settle(pilot)
        kept = drafts.load_draft(store, held.id, form_key)
        assert kept is not None and kept[field] == TYPED
    # the app is gone without saving or discarding (as when the terminal is killed)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(pilot, *keys)
        await settle(pilot)
        widget = opened.query_one(f"#{field}")
        shown = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[union-attr]
        assert shown == TYPED
        assert any("Draft restored" in n.message for n in app._notifications)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
        assert drafts.load_draft(store, held.id, form_key) is None  # saved: the draft is gone


async def test_an_edit_draft_follows_its_item_when_an_item_before_it_is_deleted(store: Store, held: Incident) -> None:
    """The draft of the edit of the second checklist item comes back on that item after the
    command line deleted the first one (it is now the first row), not on another item."""
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(pilot, "4", "down", "e")
        assert opened.query_one("#text", Input).value == "List the devices used"
        put(opened, "note", TYPED)
        await settle(pilot)
    assert main(["delete-item", held.id, "checklist", "1"]) == 0
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(pilot, "4", "e")  # the first row now
        await settle(pilot)
        assert opened.query_one("#text", Input).value == "List the devices used"
        assert opened.query_one("#note", Input).value == TYPED
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormModal)
    assert [(c.text, c.note) for c in store.load(held.id).checklist] == [("List the devices used", TYPED)]
    assert not list((store.data_dir / "drafts").glob(f"{held.id}.*"))


EDITS = [
    # (keys that open the edit of the first item, the field typed in, the section, keys that open a new one)
    (("2", "e"), "note", "messages", ("2", "a")),
    (("3", "e"), "text", "events", ("3", "a")),
    (("4", "e"), "note", "checklist", ("4", "a")),
    (("5", "e"), "note", "contracts", ("5", "a")),
]


@pytest.mark.parametrize(("keys", "field", "section", "new_keys"), EDITS, ids=[e[2] for e in EDITS])
async def test_an_edit_draft_whose_item_is_gone_is_never_put_on_another_item(
    store: Store, held: Incident, keys: tuple[str, ...], field: str, section: str, new_keys: tuple[str, ...]
) -> None:
    """The item being edited is deleted by the command line while the app is gone: opening
    the incident says so, the edit of the item now in its place shows nothing of the draft,
    and the text typed is the draft of a new item of that kind."""
    incident = store.load(held.id)  # a second item of each kind, so another one takes the first row
    getattr(incident, section).append(copy.deepcopy(getattr(incident, section)[0]))
    last = getattr(incident, section)[-1]
    if section == "messages":
        last.at, last.subject = last.at + timedelta(hours=1), "A second notice"
    elif section == "events":
        last.at, last.text = last.at + timedelta(hours=1), "A second event"
    elif section == "checklist":
        last.text = "A second item"
    else:
        last.client = "A second client"
    store.save(incident)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        opened = await open_form(pilot, *keys)
        put(opened, field, TYPED)
        await settle(pilot)
    assert main(["delete-item", held.id, section, "1"]) == 0
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        told = " ".join(n.message for n in app._notifications)
        assert "no longer in this incident" in told and "kept as the draft of a new" in told
        await pilot.press(*keys)  # the edit of the item now first: none of the draft
        await settle(pilot)
        opened = app.screen
        assert isinstance(opened, FormModal)
        widget = opened.query_one(f"#{field}")
        shown = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[union-attr]
        assert TYPED not in shown
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press(*new_keys[1:])
        await settle(pilot)
        if section == "contracts" and not isinstance(app.screen, FormModal):
            await pilot.press("h")  # the roster picker: type it by hand
            await settle(pilot)
        opened = app.screen
        assert isinstance(opened, FormModal)
        widget = opened.query_one(f"#{field}")
        shown = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[union-attr]
        assert shown == TYPED
    assert TYPED not in store.path_for(held.id).read_text(encoding="utf-8")


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
    return roster.add_contract(store, "Acme Ltd", datetime(2026, 11, 17, 9, 0, tzinfo=UTC), contract_id="38211")


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
