"""Pictures of the Now screen, the Contracts screen and its form, the Import dialog and the
pasted-email question, with a fixed clock and fixed data (update with
`pytest tests/snapshots --snapshot-update` after a deliberate change)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from journal.model import Contract, Incident, Message, Money
from journal.roster import add_contract
from journal.store import Store
from screens.app import make_app
from screens.now import NowScreen
from tests.ui.conftest import NOW, sample_incident

pytestmark = pytest.mark.usefixtures("journal_with_roster")


@pytest.fixture
def journal_with_roster(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    now = datetime.fromisoformat(NOW)
    store.create(sample_incident(now - timedelta(days=2)))
    overdue = Incident(
        id="",
        title="Contract with Northwind Studio suspended",
        kind="contract-suspension",
        opened_at=now - timedelta(days=5),
        status="waiting",
        follow_up_at=now - timedelta(hours=3),
    )
    overdue.contracts.append(Contract(client="Northwind Studio", state="paused"))
    overdue.add_message(
        Message(
            at=now - timedelta(days=1),
            sender="Northwind Studio",
            subject="Re: milestone 2",
            body="If this takes long I can pay you directly via PayPal.",
        )
    )
    store.create(overdue)
    japanese = Incident(id="", title="出金保留：本人確認のため", kind="payment-hold", opened_at=now - timedelta(days=1))
    japanese.contracts.append(
        Contract(client="株式会社さくらアプリ", state="paused", deadline=now.date() + timedelta(days=1))
    )
    store.create(japanese)
    added = now - timedelta(days=30)
    add_contract(
        store,
        "Northwind Studio",
        added,
        deadline=now.date() + timedelta(days=6),
        contract_id="38211011",
        pending=Money(Decimal("420.00"), "USD"),
        note="Milestone 2",
    )
    add_contract(
        store,
        "株式会社さくらアプリ",
        added,
        deadline=now.date() + timedelta(days=1),
        contract_id="40177230",
        note="リリース",
    )
    add_contract(store, "Blue Harbor Media", added, contract_id="40022114")
    return store


@pytest.fixture(autouse=True)
def now_loads_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Gather the Now items on the UI thread, so a test sees them after `pilot.pause()`."""
    monkeypatch.setattr(NowScreen, "BACKGROUND_LOAD", False)


def test_home_with_warning_mark(snap_compare, store: Store) -> None:
    assert snap_compare(make_app(store), terminal_size=(120, 36))


def test_incident_with_warning(snap_compare, store: Store) -> None:
    assert snap_compare(make_app(store), terminal_size=(120, 36), press=["enter", "_"])


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_now(snap_compare, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(store), terminal_size=size, press=["t", "_"])


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_contracts(snap_compare, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(store), terminal_size=size, press=["c", "_"])


def test_contract_form(snap_compare, store: Store) -> None:
    assert snap_compare(make_app(store), terminal_size=(100, 30), press=["c", "_", "down", "e"])


def test_new_incident_with_roster(snap_compare, store: Store) -> None:
    assert snap_compare(make_app(store), terminal_size=(100, 30), press=["n"])


def test_import_refused(snap_compare, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.toml").write_text('format = 1\nid = "x"\ntitle = [\n', encoding="utf-8")

    async def type_path(pilot) -> None:
        await pilot.press("i")
        pilot.app.screen.query_one("#import-path", Input).value = "bad.toml"
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=(100, 30), run_before=type_path)


def test_pasted_email_question(snap_compare, store: Store) -> None:
    raw = "From: Upwork <support@upwork.example>\nDate: Fri, 27 Nov 2026 18:05:00 -0800\nSubject: Hold\n\nHello\n"

    async def paste(pilot) -> None:
        await pilot.press("down", "enter", "_", "2", "a")
        pilot.app.screen.query_one("#body", TextArea).focus()
        pilot.app.post_message(events.Paste(raw))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=(100, 30), run_before=paste)
