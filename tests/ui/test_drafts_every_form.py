"""Every form that takes text keeps a draft (a new or edited message, an answer to a
request, the incident's summary, an event, a contract, a checklist item), put back after
the app is gone; a moment typed as "now" keeps the day it meant; two apps drafting the same
form keep both drafts."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input, TextArea

from journal import drafts
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.forms import FormModal

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


async def test_the_new_incident_form_keeps_a_draft_and_drops_it_once_saved(store: Store) -> None:
    """The first form a user fills in when a hold lands: what was typed comes back after the
    terminal is gone, and is forgotten once the incident is recorded."""
    title = "Account on hold — 保留"
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormModal)
        put(form, "title", title)
        await settle(pilot)
    assert drafts.load_draft(store, "new-incident", "new") is not None
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormModal)
        assert form.query_one("#title", Input).value == title
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [store.load(i).title for i in store.ids()] == [title]
    assert drafts.load_draft(store, "new-incident", "new") is None


async def test_the_roster_form_keeps_a_draft_and_drops_it_once_added(store: Store) -> None:
    client = "Sakura Apps 株式会社"
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormModal)
        put(form, "client", client)
        await settle(pilot)
    assert drafts.load_draft(store, "roster", "new") is not None
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FormModal)
        assert form.query_one("#client", Input).value == client
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert drafts.load_draft(store, "roster", "new") is None
    assert client in (store.data_dir / "contracts.toml").read_text(encoding="utf-8")
