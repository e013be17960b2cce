"""Pictures of the incident screen and its forms in Japanese, at 80x24 and 120x36, with a
fixed clock and Japanese data (title, client, bodies, questions): the six tabs, the new
incident form, the message form and the answer to a support request.
(update with `pytest tests/snapshots/test_snapshots_ja_incident.py --snapshot-update`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from journal.model import ChecklistItem, Contract, Event, Incident, Message, Money, SupportRequest
from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import NOW

SIZES = [(80, 24), (120, 36)]


def japanese_hold(opened: datetime) -> Incident:
    """A security hold recorded in Japanese, with something in every tab."""
    incident = Incident(
        id="",
        title="セキュリティ確認のためアカウントが保留に",
        kind="account-hold",
        platform="Upwork",
        opened_at=opened,
        summary="アカウント全体が止まった。進行中の契約はすべて一時停止。サポートからの質問に答える必要がある。",
    )
    incident.add_message(
        Message(
            at=opened,
            sender="Upwork アカウントセキュリティ",
            subject="アカウントの一時保留について",
            body="お客様のアカウントを保護するため、一時的に保留としました。\n本人確認のご協力をお願いします。\n",
        )
    )
    incident.add_message(
        Message(
            at=opened + timedelta(hours=3),
            direction="sent",
            sender="自分",
            subject="Re: アカウントの一時保留について",
            body="ご連絡ありがとうございます。必要な情報をお送りします。",
        )
    )
    incident.add_event(Event(at=opened + timedelta(minutes=20), kind="password-changed", text="パスワードを変更した"))
    incident.add_event(
        Event(
            at=opened + timedelta(hours=3),
            kind="support-contacted",
            text="サポートに返信し、本人確認の書類を送ると伝えた",
        )
    )
    incident.checklist = [
        ChecklistItem(
            text="VPN を切った状態で IP 確認ページのスクリーンショットを撮る", done_at=opened + timedelta(hours=1)
        ),
        ChecklistItem(
            text="サポートの質問に早く、漏れなく答える（下の「サポートからの依頼」を参照）。答えた日時も記録しておく"
        ),
        ChecklistItem(text="使った端末（パソコン、スマートフォン、タブレット）を一覧にする"),
    ]
    incident.contracts = [
        Contract(
            client="株式会社サンプル商事",
            contract_id="38211",
            state="paused",
            deadline=opened.date() + timedelta(days=2),
            pending=Money(Decimal("420.00"), "USD"),
        )
    ]
    incident.requests = [
        SupportRequest(
            question="最後にアカウントにアクセスした日時と場所を教えてください。",
            asked_at=opened + timedelta(hours=1),
            answer="11月19日 22時ごろ、東京の自宅から。",
            answered_at=opened + timedelta(hours=3),
        ),
        SupportRequest(
            question="普段お使いの端末とネットワーク（VPN の有無を含む）を教えてください。",
            asked_at=opened + timedelta(hours=1),
        ),
    ]
    incident.follow_up_at = opened + timedelta(days=3)
    return incident


@pytest.fixture
def japanese_journal(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", "ja")
    store.create(japanese_hold(datetime.fromisoformat(NOW) - timedelta(days=2)))
    return store


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("tab", ["1", "2", "3", "4", "5", "6"])
def test_incident_tab_ja(snap_compare, japanese_journal: Store, tab: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(japanese_journal), terminal_size=size, press=["enter", "_", tab])


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize(
    "keys",
    [["n"], ["enter", "_", "2", "a"], ["enter", "_", "6", "down", "enter"]],
    ids=["new-incident", "message", "request-answer"],
)
def test_form_ja(snap_compare, japanese_journal: Store, keys: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(make_app(japanese_journal), terminal_size=size, press=keys)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize(
    "keys", [["n", "tab", "enter"], ["enter", "_", "3", "a", "tab", "enter"]], ids=["incident-kind", "event-kind"]
)
def test_select_list_ja(snap_compare, japanese_journal: Store, keys: list[str], size: tuple[int, int]) -> None:
    """A form with its kind list open: the list stays inside the form's border."""
    assert snap_compare(make_app(japanese_journal), terminal_size=size, press=keys)
