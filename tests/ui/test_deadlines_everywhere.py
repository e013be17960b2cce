"""Every deadline in Now, from the keyboard: the roster filled after a hold began, the roster
picker on the Contracts tab, the start-up line on the home screen, kinds explained, the usual
security questions in one key, and no follow-up on a resolved incident."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from textual.widgets import Checkbox, Input, OptionList, Select, Static

from journal.deadlines import deadline_words
from journal.model import Incident
from journal.roster import add_contract, load_roster
from journal.store import Store
from screens.app import make_app
from screens.forms import ContractForm, IncidentForm
from screens.incident_contracts import RosterPicker
from screens.modals import ConfirmModal
from screens.now import NowScreen
from screens.roster import RosterForm, RosterScreen
from tests.ui.conftest import screen_text, shown


@pytest.fixture(autouse=True)
def now_loads_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(NowScreen, "BACKGROUND_LOAD", False)


async def new_incident(pilot, title: str, kind: str) -> None:
    await pilot.press("n")
    form = pilot.app.screen
    assert isinstance(form, IncidentForm)
    await pilot.press(*title)
    form.query_one("#kind", Select).value = kind
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "IncidentScreen"


async def test_a_deadline_added_to_the_roster_after_a_security_review_is_in_now(store: Store, now: datetime) -> None:
    """The bug as a new user met it: n, Security review, ctrl+s, escape, c, a, client X,
    deadline today, enter, (roster only), escape, t."""
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await new_incident(pilot, "Account on hold", "security-review")
        await pilot.press("escape", "c", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RosterForm)
        await pilot.press(*"X")
        form.query_one("#deadline", Input).value = "today 18:00"
        await pilot.press("enter")
        await pilot.pause()
        offer = app.screen
        assert isinstance(offer, ConfirmModal)  # a hold that stops work is open: add it there?
        assert "Account on hold" in screen_text(app) and "Now" in screen_text(app)
        await pilot.press("escape")  # no: the roster only
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        [saved] = load_roster(store)
        assert saved.deadline == datetime(2026, 11, 24, 18, 0).astimezone()  # the time is kept
        assert "today 18:00" in screen_text(app)
        await pilot.press("t")  # the keys of the report: t right after the roster
        text = await shown(pilot)
        assert isinstance(app.screen, NowScreen) and "X" in text and "today 18:00" in text
        await pilot.press("escape", "escape")
        text = await shown(pilot)
        assert "5 things need you today: X's deadline today 18:00; answer 4 questions from support" in text
        await pilot.press("t")
        text = await shown(pilot)
        assert isinstance(app.screen, NowScreen)
        row = next(line for line in text.splitlines() if line.lstrip().startswith("Deadline"))
        assert "today 18:00" in row and "X" in row and "Account on hold" in row


async def test_yes_adds_the_new_roster_contract_to_the_open_hold(store: Store, now: datetime) -> None:
    hold = store.create(Incident(id="", title="Account held", kind="account-hold", opened_at=now - timedelta(hours=2)))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("c", "a")
        await pilot.pause()
        form = app.screen
        form.query_one("#client", Input).value = "Acme Ltd"
        form.query_one("#deadline", Input).value = "+2d"
        form.query_one("#pending", Input).value = "420.00 USD"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        [contract] = store.load(hold.id).contracts
        assert (contract.client, contract.roster_id, contract.state) == ("Acme Ltd", "acme-ltd", "paused")
        assert any("Acme Ltd" in item.text for item in store.load(hold.id).checklist)


async def test_the_contracts_tab_adds_from_the_roster_and_edits_reach_the_roster(store: Store, now: datetime) -> None:
    incident = store.create(
        Incident(id="", title="Payout held", kind="payment-hold", opened_at=now - timedelta(days=1))
    )
    add_contract(store, "Far Away Inc", now, deadline=date(2026, 12, 20))
    add_contract(store, "Acme Ltd", now, deadline=now.replace(hour=18, minute=0), contract_id="38211")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("5", "a")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, RosterPicker)
        text = screen_text(app)
        assert "Acme Ltd · 38211 · due today 18:00" in text and "Far Away Inc · due in 26 days" in text
        assert "Type a contract by hand" in text
        assert picker.query_one(OptionList).highlighted == 0  # soonest deadline first
        await pilot.press("enter")
        text = await shown(pilot)
        [linked] = store.load(incident.id).contracts
        assert (linked.client, linked.roster_id, linked.contract_id) == ("Acme Ltd", "acme-ltd", "38211")
        assert "today 18:00" in text

        await pilot.press("a")  # only Far Away Inc is left to pick
        await pilot.pause()
        assert [o.id for o in app.screen.query_one(OptionList).options][0] == "far-away-inc"
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("e")  # a linked contract's deadline is the roster's: saved there
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContractForm) and "roster acme-ltd" in screen_text(app)
        form.query_one("#deadline", Input).value = "tomorrow"
        form.query_one("#told", Input).value = "now"
        await pilot.press("ctrl+s")
        text = await shown(pilot)
        roster = {c.id: c for c in load_roster(store)}
        assert roster["acme-ltd"].deadline == date(2026, 11, 25)
        assert store.load(incident.id).contracts[0].client_told_at is not None
        assert "tomorrow" in text


async def test_h_in_the_picker_types_a_contract_by_hand_and_money_is_one_strict_field(
    store: Store, now: datetime
) -> None:
    incident = store.create(Incident(id="", title="Payout held", kind="payment-hold", opened_at=now))
    add_contract(store, "Acme Ltd", now)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("5", "a", "h")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContractForm)
        form.query_one("#client", Input).value = "Blue Harbor"
        form.query_one("#pending", Input).value = "420,50 EUR"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # refused, what was typed kept
        assert any("Pending:" in n.message and "decimal comma" in n.message for n in app._notifications)
        form.query_one("#pending", Input).value = "420.50 EUR"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [typed] = store.load(incident.id).contracts
        assert (typed.client, str(typed.pending.amount), typed.pending.currency, typed.roster_id) == (
            "Blue Harbor",
            "420.50",
            "EUR",
            "",
        )


async def test_start_up_says_in_words_what_needs_you_today(store: Store, held: Incident, now: datetime) -> None:
    late = Incident(
        id="",
        title="Contract with Northwind suspended",
        kind="contract-suspension",
        opened_at=now - timedelta(days=5),
        status="waiting",
        follow_up_at=now - timedelta(hours=3),
    )
    store.create(late)
    done = Incident(
        id="",
        title="Old payout hold",
        kind="payment-hold",
        opened_at=now - timedelta(days=30),
        status="resolved",
        closed_at=now - timedelta(days=20),
        follow_up_at=now - timedelta(days=25),
    )
    store.create(done)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        text = await shown(pilot)
        banner = str(app.screen.query_one("#today", Static).render())
        assert banner.startswith("3 things need you today: Acme Ltd's deadline today; ")
        assert "follow up with support on “Contract with Northwind suspended”" in banner
        assert "answer a question from support on “Account on hold after a security check”" in banner
        assert "t opens Now" in banner
        lines = text.splitlines()
        assert lines.index(next(line for line in lines if "things need you today" in line)) < lines.index(
            next(line for line in lines if "Old payout hold" in line)
        )
        resolved_row = next(line for line in lines if "Old payout hold" in line)
        assert "2026-" not in resolved_row.split("Old payout hold")[0].split("resolved")[-1]  # no follow-up shown
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, NowScreen)


async def test_nothing_due_shows_no_start_up_line(store: Store, now: datetime) -> None:
    store.create(Incident(id="", title="Quiet", kind="other", opened_at=now))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await shown(pilot)
        assert not app.screen.query_one("#today").display


async def test_kinds_are_explained_where_chosen_and_the_stop_work_box_follows_the_kind(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert "One contract paused" in screen_text(app)
        assert form.query_one("#stops_work", Checkbox).value is False
        form.query_one("#kind", Select).value = "account-hold"
        await pilot.pause()
        assert "verify your identity" in screen_text(app) and "temporarily suspended" in screen_text(app)
        assert form.query_one("#stops_work", Checkbox).value is True
        form.query_one("#kind", Select).value = "payment-hold"
        await pilot.pause()
        form.query_one("#stops_work", Checkbox).value = True  # this payment hold stops all work too
        await pilot.press(*"Payout and account held")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [path] = store.incidents_dir.glob("*.toml")
        assert "stops_work = true" in path.read_text()


async def test_u_adds_the_usual_security_questions_to_any_kind(store: Store, now: datetime) -> None:
    incident = store.create(Incident(id="", title="Account held", kind="account-hold", opened_at=now))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("6", "u")
        text = await shown(pilot)
        questions = [r.question for r in store.load(incident.id).requests]
        assert len(questions) == 4 and any("VPN" in q for q in questions)
        assert all(r.asked_at == now for r in store.load(incident.id).requests)
        assert "IP-address checking website" in text
        await pilot.press("u")  # twice: nothing doubled
        await pilot.pause()
        assert len(store.load(incident.id).requests) == 4


def test_words_match_between_roster_and_now(now: datetime) -> None:
    assert deadline_words(now.replace(hour=18, minute=0), now) == "today 18:00"
