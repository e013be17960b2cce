"""No lost update on the roster: a save made from a form opened before the roster changed
elsewhere (the command line, a second app) is refused, the user is told, the roster is
reloaded, and what the user typed is offered again over the new values. Checked on disk."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from textual.widgets import Input, Select

from journal import links
from journal.cli import main
from journal.model import Money
from journal.roster import RosterChangedError, add_contract, load_roster, load_roster_at, update_contract
from journal.store import Store
from screens.app import make_app
from screens.forms import ContractForm
from screens.roster import RosterForm, RosterScreen
from tests.ui.conftest import shown


async def open_roster(pilot) -> RosterScreen:
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RosterScreen)
    return pilot.app.screen


def acme(store: Store):
    return next(c for c in load_roster(store) if c.id == "acme-ltd")


def test_a_save_from_a_stale_revision_is_refused_and_writes_nothing(store: Store, now: datetime) -> None:
    add_contract(store, "Acme Ltd", now)
    _, revision = load_roster_at(store)
    update_contract(store, "acme-ltd", note="from the other window")
    before = (store.data_dir / "contracts.toml").read_bytes()
    try:
        update_contract(store, "acme-ltd", expected=revision, note="mine")
    except RosterChangedError as error:
        assert "changed elsewhere" in str(error) and "contracts.toml" in str(error)
    else:
        raise AssertionError("a stale save went through")
    assert (store.data_dir / "contracts.toml").read_bytes() == before


async def test_contracts_end_on_the_command_line_while_the_edit_form_is_open(
    store: Store, now: datetime, capsys
) -> None:
    add_contract(store, "Acme Ltd", now, contract_id="38211")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_roster(pilot)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, RosterForm)
        form.query_one("#note", Input).value = "milestone 2 delivered"
        assert main(["contracts", "end", "acme-ltd"]) == 0  # another terminal, meanwhile
        await pilot.press("ctrl+s")
        text = await shown(pilot)
        assert acme(store).state == "ended"  # never active again
        assert acme(store).note == ""  # nothing of the stale form was written
        assert "The roster changed elsewhere" in text and "reloaded" in text
        again = app.screen
        assert isinstance(again, RosterForm)  # what was typed is offered again ...
        assert again.query_one("#note", Input).value == "milestone 2 delivered"
        assert again.query_one("#state", Select).value == "ended"  # ... over the new state
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = acme(store)
        assert saved.state == "ended" and saved.note == "milestone 2 delivered"  # both changes kept


async def test_two_apps_on_the_roster_lose_nothing_and_the_second_is_told(store: Store, now: datetime) -> None:
    add_contract(store, "Acme Ltd", now)
    first, second = make_app(store), make_app(Store(store.data_dir))
    async with first.run_test(size=(120, 36)) as one, second.run_test(size=(120, 36)) as two:
        await open_roster(one)
        await open_roster(two)
        await one.press("e")
        await two.press("e")
        first.screen.query_one("#note", Input).value = "from the first"
        second.screen.query_one("#contract_id", Input).value = "99999"
        await one.press("ctrl+s")
        await one.pause()
        assert acme(store).note == "from the first"
        await two.press("ctrl+s")
        text = await shown(two)
        assert "The roster changed elsewhere" in text
        assert acme(store).contract_id == "" and acme(store).note == "from the first"
        form = second.screen
        assert isinstance(form, RosterForm)
        assert form.query_one("#note", Input).value == "from the first"  # the other's change, shown
        assert form.query_one("#contract_id", Input).value == "99999"  # and mine, kept
        await two.press("ctrl+s")
        await two.pause()
        saved = acme(store)
        assert saved.note == "from the first" and saved.contract_id == "99999"
        first_text = await shown(one)
        assert "changed elsewhere" not in first_text  # the first app's save went through


async def test_a_linked_contract_edited_from_an_incident_never_overwrites_a_roster_changed_elsewhere(
    store: Store, held, now: datetime
) -> None:
    """The Contracts tab of an incident saves a linked contract's deadline and money to the
    roster with the same revision check as the roster form: another window changing the
    roster meanwhile is never overwritten; the user is told, nothing is saved, and the form
    opens again over the roster as it is now with the user's change laid over it."""
    item = add_contract(store, "Sakura Apps", now, deadline=date(2026, 11, 30))
    incident = store.load(held.id)
    links.link(incident, item)
    store.save(incident)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "5")
        await pilot.pause()
        await pilot.press("down", "e")  # the second contract: Sakura Apps, from the roster
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContractForm)
        assert form.query_one("#client", Input).value == "Sakura Apps"
        form.query_one("#deadline", Input).value = "2026-12-05"
        # meanwhile the roster screen of another window moves the deadline and sets the money
        update_contract(store, item.id, deadline=date(2026, 12, 3), pending=Money(Decimal("500.00"), "USD"))
        before = store.path_for(held.id).read_bytes()
        await pilot.press("ctrl+s")
        await shown(pilot)
        told = " ".join(n.message for n in app._notifications)
        assert "The roster changed elsewhere" in told and "nothing was saved" in told, told
        sakura = next(c for c in load_roster(store) if c.id == item.id)
        assert sakura.deadline == date(2026, 12, 3) and sakura.pending == Money(Decimal("500.00"), "USD")
        assert store.path_for(held.id).read_bytes() == before
        again = app.screen
        assert isinstance(again, ContractForm)  # what was typed, over the roster as it is now
        assert again.query_one("#deadline", Input).value == "2026-12-05"
        assert again.query_one("#pending", Input).value == "500.00 USD"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ContractForm)
    sakura = next(c for c in load_roster(store) if c.id == item.id)
    assert sakura.deadline == date(2026, 12, 5) and sakura.pending == Money(Decimal("500.00"), "USD")
    linked = next(c for c in store.load(held.id).contracts if c.roster_id == item.id)
    assert linked.deadline == date(2026, 12, 5)
