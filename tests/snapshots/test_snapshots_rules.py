"""Pictures of the platform rules' deadlines: the incident headline of an identity
verification hold, and Now with that deadline among the roster's (fixed clock and data;
update with `pytest tests/snapshots/test_snapshots_deadlines.py --snapshot-update`)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from journal.model import Incident, Message
from journal.roster import add_contract
from journal.store import Store
from screens.app import make_app
from screens.now import NowScreen
from tests.ui.conftest import NOW

pytestmark = pytest.mark.usefixtures("journal_with_deadline")


@pytest.fixture
def journal_with_deadline(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    monkeypatch.setattr(NowScreen, "BACKGROUND_LOAD", False)
    now = datetime.fromisoformat(NOW)
    hold = Incident(
        id="",
        title="Upwork asks me to verify my identity",
        kind="identity-verification",
        opened_at=now - timedelta(days=2),
    )
    hold.add_message(
        Message(
            at=now - timedelta(days=2),
            sender="Upwork",
            subject="Action required: verify your identity",
            body="You will need to verify your identity within seven days.",
        )
    )
    store.create(hold)
    add_contract(store, "Northwind Studio", now - timedelta(days=30), deadline=now.date() + timedelta(days=2))
    return store


def test_headline_with_deadlines(snap_compare, store: Store) -> None:
    assert snap_compare(make_app(store), terminal_size=(120, 36), press=["enter", "_"])


def test_now_with_a_rule_deadline(snap_compare, store: Store) -> None:
    assert snap_compare(make_app(store), terminal_size=(120, 36), press=["t", "_"])
