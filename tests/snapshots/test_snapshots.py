"""Pictures of every screen, tab and form with a fixed clock and fixed data
(update with `pytest tests/snapshots --snapshot-update` after a deliberate change)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from journal.model import Contract, Incident, Message
from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import NOW, sample_incident

pytestmark = pytest.mark.usefixtures("fixed_journal")


@pytest.fixture
def fixed_journal(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
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
    store.create(overdue)
    japanese = Incident(
        id="",
        title="出金保留：本人確認のため",
        kind="payment-hold",
        platform="Upwork",
        opened_at=now - timedelta(days=40),
        status="resolved",
        closed_at=now - timedelta(days=37),
    )
    japanese.add_message(
        Message(
            at=now - timedelta(days=40),
            sender="サポート",
            subject="本人確認のお願い",
            body="身分証明書を提出してください。",
        )
    )
    store.create(japanese)
    return store


def app_for(store: Store):
    return make_app(store)


def test_home(snap_compare, store: Store) -> None:
    assert snap_compare(app_for(store), terminal_size=(120, 36))


def test_home_80x24(snap_compare, store: Store) -> None:
    assert snap_compare(app_for(store), terminal_size=(80, 24))


def test_home_filtered(snap_compare, store: Store) -> None:
    assert snap_compare(app_for(store), terminal_size=(100, 24), press=["slash", *"本人"])


def test_home_empty(snap_compare, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    empty = Store(tmp_path / "empty", cache_dir=tmp_path / "empty-cache")
    assert snap_compare(make_app(empty), terminal_size=(80, 24))


@pytest.mark.parametrize("tab", ["1", "2", "3", "4", "5", "6"])
def test_incident_tab(snap_compare, store: Store, tab: str) -> None:
    # the most urgent (overdue) incident is first; the sample hold is second
    assert snap_compare(app_for(store), terminal_size=(120, 36), press=["down", "enter", "_", tab])


def test_incident_80x24(snap_compare, store: Store) -> None:
    assert snap_compare(app_for(store), terminal_size=(80, 24), press=["down", "enter", "_", "3"])


def test_message_view(snap_compare, store: Store) -> None:
    assert snap_compare(app_for(store), terminal_size=(100, 30), press=["down", "enter", "_", "2", "enter"])


@pytest.mark.parametrize(
    "keys",
    [
        ["n"],
        ["down", "enter", "_", "2", "a"],
        ["down", "enter", "_", "3", "a"],
        ["down", "enter", "_", "4", "a"],
        ["down", "enter", "_", "5", "a"],
        ["down", "enter", "_", "6", "enter"],
        ["down", "enter", "_", "f"],
        ["down", "enter", "_", "s"],
        ["down", "enter", "_", "e"],
    ],
    ids=[
        "new-incident",
        "message",
        "event",
        "checklist",
        "contract",
        "request-answer",
        "follow-up",
        "status",
        "edit-incident",
    ],
)
def test_form(snap_compare, store: Store, keys: list[str]) -> None:
    assert snap_compare(app_for(store), terminal_size=(100, 30), press=keys)


def test_message_form_80x24(snap_compare, store: Store) -> None:
    assert snap_compare(app_for(store), terminal_size=(80, 24), press=["down", "enter", "_", "2", "a"])


def test_help(snap_compare, store: Store) -> None:
    assert snap_compare(app_for(store), terminal_size=(100, 30), press=["question_mark"])
