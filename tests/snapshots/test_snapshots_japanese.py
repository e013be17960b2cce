"""Pictures of the app in Japanese (INCIDENT_JOURNAL_LANG=ja) with Japanese data, at 80x24 and
at 120x36, with a fixed clock: home, Now, the contract roster, the export screen, the `?` keys
screen and a dialog (update with `pytest tests/snapshots/test_snapshots_japanese.py
--snapshot-update` after a deliberate change, and look at the pictures)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from textual.widgets import Input

from journal.model import Contract, Incident, Message, Money, SupportRequest
from journal.roster import add_contract
from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import NOW

pytestmark = pytest.mark.usefixtures("japanese_journal")

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}


@pytest.fixture
def japanese_journal(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", "ja")
    now = datetime.fromisoformat(NOW)
    hold = Incident(
        id="",
        title="セキュリティ確認のためアカウントが保留に",
        kind="security-review",
        platform="Upwork",
        opened_at=now - timedelta(days=2),
        status="action-needed",
        follow_up_at=now - timedelta(hours=5),
        summary="すべての契約が止まっている。",
    )
    hold.add_message(
        Message(
            at=now - timedelta(days=2),
            sender="Upwork Trust & Safety",
            subject="Your account is on hold",
            body="Please reply with a screenshot of an IP-check site.",
        )
    )
    hold.requests = [
        SupportRequest(question="When and where did you last access your account?", asked_at=now - timedelta(days=1))
    ]
    hold.contracts = [
        Contract(
            client="株式会社さくらアプリ",
            contract_id="40177230",
            state="paused",
            deadline=now.date() + timedelta(days=1),
            pending=Money(Decimal("420.00"), "USD"),
        )
    ]
    store.create(hold)
    paused = Incident(
        id="",
        title="契約の一時停止：クライアントから直接払いの提案",
        kind="contract-suspension",
        platform="クラウドワークス",
        opened_at=now - timedelta(days=6),
        status="waiting",
        follow_up_at=now + timedelta(days=1),
    )
    paused.add_message(
        Message(
            at=now - timedelta(days=5),
            sender="北風デザイン",
            subject="マイルストーン2について",
            body="長引くようなら PayPal で直接お支払いします。",
        )
    )
    store.create(paused)
    store.create(
        Incident(
            id="",
            title="出金保留：本人確認のため",
            kind="payment-hold",
            platform="Upwork",
            opened_at=now - timedelta(days=40),
            status="resolved",
            closed_at=now - timedelta(days=37),
        )
    )
    added = now - timedelta(days=30)
    add_contract(
        store,
        "株式会社さくらアプリ",
        added,
        deadline=now.date() + timedelta(days=1),
        contract_id="40177230",
        pending=Money(Decimal("420.00"), "USD"),
    )
    add_contract(store, "北風デザイン合同会社（ウェブサイト改修）", added, deadline=now.date() + timedelta(days=9))
    return store


@pytest.mark.parametrize("size", SIZES)
def test_japanese_roster_form_with_its_dropdown_open(snap_compare, store: Store, size: str) -> None:
    """The State dropdown of the roster form stays inside the dialog's border."""
    keys = ["_", "c", "_", "e", "_", *["tab"] * 5, "enter", "_"]
    assert snap_compare(make_app(store), terminal_size=SIZES[size], press=keys)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "keys",
    [[], ["t"], ["c"], ["question_mark"], ["c", "_", "d"]],
    ids=["home", "now", "roster", "keys", "end-contract-dialog"],
)
def test_japanese_screen(snap_compare, store: Store, keys: list[str], size: str) -> None:
    assert snap_compare(make_app(store), terminal_size=SIZES[size], press=["_", *keys, "_"])


@pytest.mark.parametrize("size", SIZES)
def test_japanese_export(snap_compare, store: Store, size: str) -> None:
    async def opened(pilot) -> None:
        await pilot.press("x")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        field = pilot.app.screen.query_one("#export-path", Input)  # the same folder on every machine
        field.value = "/home/me/.local/share/incident-journal/exports/" + field.value.rsplit("/", 1)[-1]
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=SIZES[size], run_before=opened)
