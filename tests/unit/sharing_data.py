"""A security-review incident with every section filled, addresses in its text and notes."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from journal.model import (
    Attachment,
    ChecklistItem,
    Contract,
    Event,
    Incident,
    Message,
    Money,
    SupportRequest,
)

JST = timezone(timedelta(hours=9))
OPENED = datetime(2026, 11, 20, 9, 12, tzinfo=JST)

HOLD_NOTICE = """\
Hello,

We noticed a sign-in to your account from 203.0.113.77 (2001:db8:85a3::8a2e:370:7334)
that we could not verify. For your protection, your account is on hold while we review it.

Please reply to security@upwork.example with:
1. A screenshot of an IP address checking website, taken without a VPN.
2. When and where you last accessed your account, and what you did.

Account Security
"""


def security_review(evidence_dir: Path) -> Incident:
    """The incident; its evidence files are written into `evidence_dir`."""
    evidence_dir.mkdir(parents=True, exist_ok=True)
    shot = evidence_dir / "ip-check-no-vpn.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"screenshot" * 100)
    log = evidence_dir / "login-history.txt"
    log.write_text("2026-11-19 22:10 198.51.100.23 Osaka Windows\n")
    incident = Incident(
        id="",
        title="Account on hold after a security check",
        kind="security-review",
        opened_at=OPENED,
        status="waiting",
        follow_up_at=OPENED + timedelta(days=3),
        summary="Unusual sign-in email; I changed the password and told support.\nMy number for callbacks: +81 90-1234-5678.",
        tags=["yellow-card", "security"],
    )
    incident.add_event(Event(at=OPENED - timedelta(minutes=40), kind="password-changed", text="Changed the password"))
    incident.add_message(
        Message(
            at=OPENED - timedelta(minutes=30),
            direction="sent",
            channel="in-app",
            sender="me (taro.yamada@example.jp)",
            subject="Unusual sign-in reported",
            body="I got a verification email for a sign-in from 203.0.113.77 I did not make.\r\nCall ０９０－１２３４－５６７８.",
            note="自分用メモ: パスワードは変更済み",
        )
    )
    incident.add_message(
        Message(
            at=OPENED,
            sender="Upwork Account Security <security@upwork.example>",
            subject="Your account is on hold",
            body=HOLD_NOTICE,
            note="Translation: アカウント保留",
        )
    )
    incident.checklist = [
        ChecklistItem("Change the password", done_at=OPENED - timedelta(minutes=40), note="used the password manager"),
        ChecklistItem("Review login history and devices"),
    ]
    incident.contracts = [
        Contract(
            client="Sakura Apps 株式会社",
            contract_id="40177230",
            state="active",
            deadline=date(2026, 11, 22),
            pending=Money(Decimal("420.00"), "USD"),
            client_told_at=OPENED + timedelta(hours=2),
            note="Release build due; client's PM is hanako@sakura.example",
        ),
        Contract(client="Blue Harbor Media", contract_id="40022114", deadline=date(2026, 12, 1)),
    ]
    incident.requests = [
        SupportRequest(
            question="Screenshot of an IP-check website, taken without VPN, address bar visible",
            asked_at=OPENED,
            answer="Attached. It shows 198.51.100.23, my home connection.",
            answered_at=OPENED + timedelta(hours=3),
            attachments=[
                Attachment(str(shot), hashlib.sha256(shot.read_bytes()).hexdigest(), shot.stat().st_size),
                Attachment(str(log), hashlib.sha256(log.read_bytes()).hexdigest(), log.stat().st_size),
                Attachment(str(evidence_dir / "gone.png"), "0" * 64, 10),
            ],
        ),
        SupportRequest(question="Which devices do you mainly use for the account?", asked_at=OPENED),
    ]
    incident.extra = {"reviewer_ref": "case 7741 via 192.0.2.10"}
    return incident
