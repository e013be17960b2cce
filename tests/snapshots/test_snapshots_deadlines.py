"""Pictures of what issue "every deadline in Now" added or changed: the start-up line on the
home screen, Now with a timed roster deadline added after the hold, the roster picker, the
Contracts tab with a linked contract, the new-incident form explaining the kind, and the offer
to add a new roster contract to the open hold. Fixed clock and data; 80x24 and 120x36."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from journal.model import Incident, Money
from journal.roster import add_contract
from journal.store import Store
from screens.app import make_app
from screens.now import NowScreen
from tests.ui.conftest import NOW

SIZES = pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])


@pytest.fixture(autouse=True)
def hold_then_roster(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A security review opened yesterday; then the roster filled: X due today 18:00, a
    Japanese client tomorrow, one far away."""
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    monkeypatch.setattr(NowScreen, "BACKGROUND_LOAD", False)
    now = datetime.fromisoformat(NOW)
    store.create(
        Incident(
            id="",
            title="Account on hold after a security check",
            kind="security-review",
            opened_at=now - timedelta(days=1),
            follow_up_at=now + timedelta(days=1),
        )
    )
    add_contract(store, "X", now, deadline=now.replace(hour=18, minute=0), pending=Money(Decimal("420.00"), "USD"))
    add_contract(
        store,
        "株式会社さくらアプリ",
        now,
        deadline=date(2026, 11, 25),
        contract_id="40177230",
        pending=Money(Decimal("15000"), "JPY"),
    )
    add_contract(store, "Blue Harbor Media", now, deadline=date(2026, 12, 20), contract_id="40022114")
    return store


@SIZES
def test_home_says_what_needs_you_today(snap_compare, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(store), terminal_size=size, press=["_"])


@SIZES
def test_now_lists_roster_deadlines_added_after_the_hold(snap_compare, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(store), terminal_size=size, press=["t", "_"])


@SIZES
def test_roster_picker(snap_compare, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(store), terminal_size=size, press=["enter", "_", "5", "a", "_"])


@SIZES
def test_contracts_tab_with_roster_contracts(snap_compare, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(store), terminal_size=size, press=["enter", "_", "5", "a", "_", "enter", "_", "a", "_", "enter", "_"]
    )


@SIZES
def test_new_incident_explains_the_kind(snap_compare, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(store), terminal_size=size, press=["n", "_"])


def test_a_new_roster_contract_is_offered_to_the_open_hold(snap_compare, store: Store) -> None:
    assert snap_compare(make_app(store), terminal_size=(120, 36), press=["c", "_", "a", *"Northwind", "enter", "_"])
