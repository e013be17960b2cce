"""The Contracts screen (the roster) and the roster pick in the new-incident form, checked
on disk."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from textual.widgets import Input, Select

from journal.model import Money
from journal.roster import add_contract, load_roster, roster_path
from journal.store import Store
from screens.app import make_app
from screens.forms import IncidentForm
from screens.modals import ConfirmModal
from screens.roster import RosterForm, RosterScreen
from tests.ui.conftest import screen_text, shown


async def open_roster(pilot) -> RosterScreen:
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RosterScreen)
    return pilot.app.screen


def fill(form, **values: str) -> None:
    for key, value in values.items():
        form.query_one(f"#{key}", Input).value = value


async def test_empty_roster_says_how_to_add_and_a_adds_a_contract(store: Store, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_roster(pilot)
        assert "No contracts in the roster yet. Press a to add one" in screen_text(app)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, RosterForm)
        fill(
            form,
            client="株式会社さくら [b]Apps[/b]",
            contract_id="40177230",
            deadline="+2d",
            pending="15,000 JPY",
            note="リリース",
        )
        await pilot.press("ctrl+s")
        text = await shown(pilot)
        assert isinstance(app.screen, RosterScreen)
        [saved] = load_roster(store)
        assert saved.client == "株式会社さくら [b]Apps[/b]" and saved.contract_id == "40177230"
        assert saved.deadline == date(2026, 11, 26) and saved.pending == Money(Decimal("15000"), "JPY")
        assert saved.note == "リリース" and saved.state == "active"
        assert (
            "株式会社さくら [b]Apps[/b]" in text
            and "2026-11-26" in text
            and "in 2 days" in text
            and "15000 JPY" in text
        )
        assert oct(roster_path(store).stat().st_mode & 0o777) == "0o600"


async def test_a_bad_amount_or_date_keeps_the_form_open_with_what_was_typed(store: Store, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_roster(pilot)
        await pilot.press("a")
        form = app.screen
        fill(form, client="Acme Ltd", pending="lots of money")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert any("Pending:" in n.message for n in app._notifications)
        fill(form, pending="", deadline="next blue moon")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and form.query_one("#client", Input).value == "Acme Ltd"
        assert not roster_path(store).exists()


async def test_edit_and_end_with_confirmation(store: Store, now: datetime) -> None:
    add_contract(store, "Acme Ltd", now, deadline=now.date() + timedelta(days=9), contract_id="38211")
    add_contract(store, "Blue Harbor Media", now, deadline=now.date() + timedelta(days=1))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_roster(pilot)
        assert [c.client for c in screen.contracts] == ["Blue Harbor Media", "Acme Ltd"]  # soonest first
        await pilot.press("down", "e")
        form = app.screen
        assert isinstance(form, RosterForm) and form.query_one("#client", Input).value == "Acme Ltd"
        fill(form, deadline="2026-12-31", pending="420.00 USD")
        await pilot.press("ctrl+s")
        await pilot.pause()
        acme = next(c for c in load_roster(store) if c.client == "Acme Ltd")
        assert acme.deadline == date(2026, 12, 31) and acme.pending == Money(Decimal("420.00"), "USD")

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert all(c.is_active for c in load_roster(store))
        await pilot.press("d")
        await pilot.press("y")
        text = await shown(pilot)
        acme = next(c for c in load_roster(store) if c.client == "Acme Ltd")
        assert acme.state == "ended" and acme.ended_at == now
        assert "1 active contract," in text and "ended" in text
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_roster_that_does_not_validate_is_named_and_left_untouched(store: Store, now: datetime) -> None:
    roster_path(store).write_text("format = 1\n[[contracts]]\nid = 'x'\n", encoding="utf-8")
    before = roster_path(store).read_bytes()
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_roster(pilot)
        text = screen_text(app)
        assert "The roster cannot be read; it is left untouched" in text and "contracts.toml:" in text
    assert roster_path(store).read_bytes() == before


async def test_new_contract_suspension_names_the_roster_contract(store: Store, now: datetime) -> None:
    add_contract(
        store,
        "Acme Ltd",
        now,
        deadline=now.date() + timedelta(days=9),
        contract_id="38211",
        pending=Money(Decimal("420.00"), "USD"),
    )
    add_contract(store, "Northwind Studio", now, contract_id="40022")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, IncidentForm)
        row = form.query_one("#contract", Select)
        assert row.parent.display  # contract-suspension is the default kind
        form.query_one("#kind", Select).value = "account-hold"
        await pilot.pause()
        assert not row.parent.display
        form.query_one("#kind", Select).value = "contract-suspension"
        await pilot.pause()
        assert row.parent.display
        fill(form, title="Contract with Northwind suspended")
        row.value = "northwind-studio"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        incident = app.screen.incident
        assert [c.client for c in incident.contracts] == ["Northwind Studio"]
        assert incident.contracts[0].contract_id == "40022" and incident.contracts[0].state == "paused"
        assert store.load(incident.id).contracts[0].client == "Northwind Studio"


async def test_new_incident_without_a_contract_and_without_a_roster(store: Store, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        form = app.screen
        assert not form.query("#contract")  # no roster: nothing to pick
        fill(form, title="Contract with Acme suspended")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.incident.contracts == []
