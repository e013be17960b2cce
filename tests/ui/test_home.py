"""Home: listing, filtering, creating, deleting, unreadable files, quitting."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Input

from journal.demo import write_demo
from journal.model import Contract, Incident, Message
from journal.store import Store
from screens.app import make_app
from screens.forms import IncidentForm
from screens.incident_list import IncidentList
from screens.modals import ConfirmModal
from tests.ui.conftest import screen_text


async def test_home_lists_incidents_most_urgent_first(store: Store, now: datetime) -> None:
    write_demo(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(IncidentList)
        assert [s.title for s in listing.rows][0] == "Contract with Northwind Studio suspended"  # overdue follow-up
        text = screen_text(app)
        assert "Incident Journal" in text
        line = next(line for line in text.splitlines() if "Northwind" in line and "Upwork" in line)
        assert line.lstrip().startswith("!") and "waiting" in line
        for header in ("Title", "Platform", "Kind", "Status", "Opened", "Days", "Follow-up"):
            assert header in text
        await pilot.press("q")
    assert app.return_code == 0


async def test_empty_journal_says_what_to_press(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Press n to record the first one" in screen_text(app)


async def test_unreadable_files_are_shown_with_path_line_and_reason(store: Store, incident: Incident) -> None:
    store.create(incident)
    bad = store.incidents_dir / "2026-11-21-broken.toml"
    bad.write_text('format = 1\ntitle = "unterminated\n')
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Could not read 1 file in" in text
        assert f"{bad.parent}" in text.replace("\n", "") and f"{bad.name}:2:" in text
        assert "Contract with Acme suspended" in text


async def test_filter_as_you_type_over_titles_clients_and_message_text(store: Store, opened: datetime) -> None:
    a = Incident(id="", title="Alpha hold", kind="account-hold", opened_at=opened)
    a.contracts.append(Contract(client="Northwind Studio"))
    b = Incident(id="", title="Beta suspension", kind="contract-suspension", opened_at=opened + timedelta(hours=1))
    b.add_message(Message(at=opened, subject="Notice", body="Please send a screenshot of the IP checker"))
    c = Incident(id="", title="ガンマ 支払い保留", kind="payment-hold", opened_at=opened + timedelta(hours=2))
    for item in (a, b, c):
        store.create(item)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(IncidentList)
        await pilot.press("slash", *"northwind")
        assert [s.title for s in listing.rows] == ["Alpha hold"]
        assert "1 of 3 match northwind" in screen_text(app)
        app.screen.query_one("#filter", Input).value = "IP checker"
        await pilot.pause()
        assert [s.title for s in listing.rows] == ["Beta suspension"]
        app.screen.query_one("#filter", Input).value = "支払い"
        await pilot.pause()
        assert [s.title for s in listing.rows] == ["ガンマ 支払い保留"]
        await pilot.press("escape")
        assert len(listing.rows) == 3
        assert not app.screen.query_one("#filter").display
        await pilot.press("n")  # the filter is closed: keys act on the list again
        assert isinstance(app.screen, IncidentForm)


async def test_new_incident_form_starts_in_title_and_creates_the_file(store: Store, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, IncidentForm)
        assert app.focused is form.query_one("#title", Input)
        assert form.query_one("#platform", Input).value == "Upwork"
        await pilot.press(*"Acme paused")
        await pilot.press("enter")
        await pilot.pause()
        (path,) = store.incidents_dir.glob("*.toml")
        text = path.read_text()
        assert 'title = "Acme paused"' in text and 'platform = "Upwork"' in text
        assert 'kind = "contract-suspension"' in text
        assert store.load_path(path).opened_at == now
        assert type(app.screen).__name__ == "IncidentScreen"
        assert "Acme paused" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert [s.title for s in app.screen.query_one(IncidentList).rows] == ["Acme paused"]


async def test_new_incident_with_a_bad_time_keeps_the_form_open(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Hold")
        form = app.screen
        form.query_one("#opened", Input).value = "next blue moon"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and form.query_one("#title", Input).value == "Hold"
        assert any("next blue moon" in n.message for n in app._notifications)
        assert list(store.incidents_dir.glob("*.toml")) == []


async def test_delete_asks_naming_the_incident_and_moves_the_file_to_trash(store: Store, incident: Incident) -> None:
    store.create(incident)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        assert "Move the incident Contract with Acme suspended to the trash?" in screen_text(app)
        await pilot.press("n")  # no: nothing happens
        assert (store.incidents_dir / f"{incident.id}.toml").exists()
        await pilot.press("d", "y")
        await pilot.pause()
        assert not (store.incidents_dir / f"{incident.id}.toml").exists()
        assert (store.trash_dir / f"{incident.id}.toml").exists()
        assert "Press n to record the first one" in screen_text(app)


async def test_unsaved_new_incident_form_asks_before_leaving(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Half typed")
        form = app.screen
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmModal)
        assert "What you typed will be lost" in screen_text(app)
        await pilot.press("n")  # keep editing
        assert app.screen is form and form.query_one("#title", Input).value == "Half typed"
        await pilot.press("escape", "y")
        assert not isinstance(app.screen, (IncidentForm, ConfirmModal))
        await pilot.press("n", "escape")  # nothing typed: leaves at once
        assert not isinstance(app.screen, (IncidentForm, ConfirmModal))


async def test_thousands_of_incidents_open_page_and_filter(store: Store, opened: datetime) -> None:
    from journal import codec
    from journal.atomic import atomic_write
    from journal.model import Contract

    count = 3_000
    for n in range(count):
        incident = Incident(
            id=f"2026-11-20-hold-{n}",
            title=f"Hold number {n}",
            kind="account-hold",
            opened_at=opened + timedelta(minutes=n),
        )
        incident.contracts.append(Contract(client=f"Client {n % 97}"))
        atomic_write(store.path_for(incident.id), codec.dumps(incident).encode(), durable=False)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(IncidentList)
        assert len(listing.rows) == count
        assert listing.selected is not None and listing.selected.title == f"Hold number {count - 1}"  # newest first
        await pilot.press("end")  # the last page is read from the index when it is reached
        assert listing.selected is not None and listing.selected.title == "Hold number 0"
        assert "Hold number 0" in "\n".join(listing.visible_text())
        await pilot.press("pageup")
        assert listing.selected is not None and listing.selected.title.startswith("Hold number ")
        await pilot.press("slash")
        app.screen.query_one("#filter", Input).value = "client 42"  # its speed: benchmarks/run.py
        await pilot.pause()
        expected = [f"2026-11-20-hold-{n}" for n in range(count) if n % 97 == 42 or "42" in str(n)]
        assert sorted(listing.rows[n].id for n in range(len(listing.rows))) == sorted(expected)
        assert 50 < len(expected) < count
        assert f"{len(expected)} of {count:,} match" in screen_text(
            app
        ) or f"{len(expected)} of {count} match" in screen_text(app)


async def test_many_unreadable_files_are_counted_not_all_listed(store: Store, incident: Incident) -> None:
    store.create(incident)
    for n in range(7):
        (store.incidents_dir / f"2026-11-2{n}-broken.toml").write_text("= nonsense\n")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Could not read 7 files in" in text and "… and 3 more (incident-journal check" in text
        assert "Contract with Acme suspended" in text


async def test_typing_on_narrows_and_deleting_widens_the_filter(store: Store, opened: datetime) -> None:
    for title in ("Acme hold", "Acme payment", "Beta hold"):
        store.create(Incident(id="", title=title, kind="other", opened_at=opened))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(IncidentList)
        await pilot.press("slash", *"acme")
        await pilot.pause()
        assert sorted(s.title for s in listing.rows) == ["Acme hold", "Acme payment"]
        await pilot.press("space", *"hold")
        await pilot.pause()
        assert [s.title for s in listing.rows] == ["Acme hold"]
        for _ in "acme hold":
            await pilot.press("backspace")
        await pilot.press(*"hold")
        await pilot.pause()
        assert sorted(s.title for s in listing.rows) == ["Acme hold", "Beta hold"]


async def test_a_change_by_another_process_updates_the_rows_in_place(store: Store, opened: datetime) -> None:
    for n in range(5):
        store.create(Incident(id="", title=f"Hold {n}", kind="other", opened_at=opened + timedelta(hours=n)))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(IncidentList)
        await pilot.press("down", "down")
        chosen = listing.selected
        assert chosen is not None and chosen.title == "Hold 2"
        other = Store(store.data_dir, cache_dir=store.cache_dir)  # the command line, say
        other.update(chosen.id, lambda incident: setattr(incident, "title", "Renamed elsewhere"))
        other.create(Incident(id="", title="Newest", kind="other", opened_at=opened + timedelta(days=1)))
        await pilot.press("r")
        await pilot.pause()
        assert listing.selected is not None and listing.selected.id == chosen.id  # the cursor stays
        assert listing.selected.title == "Renamed elsewhere"
        assert listing.rows[0].title == "Newest" and len(listing.rows) == 6
        assert "Renamed elsewhere" in screen_text(app)


async def test_the_list_shows_what_another_program_changed_without_a_reload(
    store: Store, incident: Incident, monkeypatch
) -> None:
    """An incident added and a status changed from the command line while the app is open
    appear on the list, and the filter finds the new one, with no key pressed."""
    import asyncio

    import screens.home
    from screens.home import HomeScreen

    monkeypatch.setattr(HomeScreen, "BACKGROUND_LOAD", True)
    monkeypatch.setattr(screens.home, "RECHECK_SECONDS", 0.2)
    incident = store.create(incident)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        added = Incident(
            id="2026-11-29-added-from-the-cli",
            kind="other",
            title="Added from the command line 札幌",
            opened_at=incident.opened_at,
        )
        store.create(added)
        store.update(incident.id, lambda d: setattr(d, "status", "waiting"))
        listing = app.screen.query_one(IncidentList)
        for _ in range(50):
            await asyncio.sleep(0.1)
            await pilot.pause()
            if any(s.id == added.id for s in listing.rows):
                break
        assert added.id in [s.id for s in listing.rows]
        assert next(s for s in listing.rows if s.id == incident.id).status == "waiting"
        await pilot.press("slash", *"札幌")
        await pilot.pause(0.3)
        assert [s.id for s in listing.rows] == [added.id]
